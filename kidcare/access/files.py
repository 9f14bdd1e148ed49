"""Files attached to kidcare's records.

- Always private: a consent form at a public /files/ URL could be read by anyone who guesses it.
- Attached only by whoever may change the record (Frappe's ``upload_file`` attaches to any record), and
  a File row may not point at a kidcare record's private file the caller may not download (Frappe lets
  anyone create a File row for an existing URL, and then serves the file to her).
- Read as a document or listed (``/api/resource/File``, the sidebar) only by whoever may download it
  (``kidcare.access.gate.may_download``).
"""

import frappe

from kidcare.access import is_kidcare, kidcare_doctypes, refuse


def before_insert(doc, method=None):
	if is_kidcare(doc.attached_to_doctype):
		doc.is_private = 1
		if not trusted() and not (
			doc.attached_to_name
			and frappe.db.exists(doc.attached_to_doctype, doc.attached_to_name)
			and frappe.has_permission(doc.attached_to_doctype, "write", doc.attached_to_name)
		):
			refuse()


def validate(doc, method=None):
	"""No File row of anyone's may borrow the URL of a kidcare record's private file she may not download."""
	if trusted() or not doc.file_url or not doc.file_url.startswith("/private/"):
		return
	from kidcare.access.gate import may_download

	for attached in frappe.get_all(
		"File",
		filters={"file_url": doc.file_url, "name": ("!=", doc.name or ""), "attached_to_doctype": ("in", kidcare_doctypes())},
		fields=["attached_to_doctype", "attached_to_name", "attached_to_field", "owner"],
	):
		if not may_download(attached):
			refuse()


def trusted() -> bool:
	"""The app's own code and the web form's accept (which checks its own rules) attach as they must."""
	return frappe.session.user == "Administrator" or bool(frappe.flags.in_web_form or frappe.flags.in_install)


def has_permission(doc, ptype=None, user=None):
	if not is_kidcare(doc.get("attached_to_doctype")) or (user or frappe.session.user) == "Administrator":
		return True
	if ptype == "create":
		return True
	from kidcare.access.gate import may_download

	return may_download(frappe._dict(doc.as_dict() if hasattr(doc, "as_dict") else doc))


def query(user=None, doctype=None):
	"""The File list: a file of a kidcare record shows only to who uploaded it or may read the record."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	ours = ", ".join(frappe.db.escape(dt) for dt in sorted(kidcare_doctypes()))
	readable = []
	for doctype in sorted(kidcare_doctypes()):
		meta = frappe.get_meta(doctype)
		if meta.istable or meta.issingle or not frappe.has_permission(doctype, "read", user=user):
			continue
		names = frappe.get_list(doctype, fields=["name"], user=user, order_by="", run=0, limit_page_length=0)
		readable.append(
			f"(`tabFile`.attached_to_doctype = {frappe.db.escape(doctype)} and `tabFile`.attached_to_name in ({names}))"
		)
	return (
		f"(ifnull(`tabFile`.attached_to_doctype, '') not in ({ours}) or `tabFile`.owner = {frappe.db.escape(user)}"
		+ "".join(f" or {r}" for r in readable)
		+ ")"
	)
