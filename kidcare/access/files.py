"""Files attached to kidcare's records: always private (a consent form at a public /files/ URL could be
read by anyone who guesses it), and readable as a document (``/api/resource/File``, the sidebar) only by
those who may download them (``kidcare.access.gate.may_download``)."""

import frappe

from kidcare.access import is_kidcare


def make_private(doc, method=None):
	if is_kidcare(doc.attached_to_doctype) and not doc.is_private:
		doc.is_private = 1


def has_permission(doc, ptype=None, user=None):
	if not is_kidcare(doc.get("attached_to_doctype")) or (user or frappe.session.user) == "Administrator":
		return True
	if ptype == "create":
		return True
	from kidcare.access.gate import may_download

	return may_download(frappe._dict(doc.as_dict() if hasattr(doc, "as_dict") else doc))
