"""The request gate (``auth_hooks``): it runs on every request once Frappe knows who is asking, before
any endpoint does.

Frappe drops the fields a caller may not read from what it returns, but lets her filter, sort and group
by them: ``frappe.client.get_count("Child Profile", {"id_number": ["like", "1101%"]})`` answers one
digit at a time. The gate refuses any request that names, anywhere Frappe's generic endpoints read
fields from (filters, order and group by, search and map fields, a chart or card sent whole), a field of
a kidcare doctype the caller may not read. Requests that name no kidcare doctype pass untouched, so the
rest of the site behaves exactly as without kidcare.

It also guards ``/private/files/``: Frappe lets whoever may read a record download every private file
attached to it; a file attached to a kidcare record (the consent form, the signed exit application) is
downloadable only by those who may read the field it is attached to, or, attached to the record itself,
its every field.
"""

import frappe

from kidcare.access import is_kidcare, may_read_field, reads_everything, refuse
from kidcare.rules.request_fields import doctypes_in_request, fields_in_request, fields_in_sql, parse


def check_request():
	request = getattr(frappe.local, "request", None)
	if request is None or frappe.session.user == "Administrator":
		return
	path = request.path or ""
	if path.startswith("/private/files/"):
		check_private_file(path)
		return
	params = dict(frappe.local.form_dict or {})
	doctype = params.get("doctype") or resource_doctype(path)
	if not isinstance(doctype, str):
		doctype = None
	named = doctypes_in_request(params) | ({doctype} if doctype else set())
	if not any(is_kidcare(dt) for dt in named):
		return
	parent = params.get("parent") if isinstance(params.get("parent"), str) else None
	named_fields = fields_in_request(params, doctype) | child_columns(params.get("fields"), doctype)
	if method(path) in KEYWORD_FILTERS and is_kidcare(doctype):
		# the website's list takes any parameter named like a field as a filter
		named_fields |= {(doctype, key) for key in params if frappe.get_meta(doctype).has_field(key)}
	for field_doctype, fieldname in named_fields:
		field_doctype = field_doctype or doctype
		if not is_kidcare(field_doctype):
			continue
		parenttype = doctype if frappe.get_meta(field_doctype).istable and is_kidcare(doctype) else parent
		if not may_read_field(field_doctype, fieldname, parenttype=parenttype if is_kidcare(parenttype) else None):
			refuse()


# endpoints that read every parameter named like a field as a filter
KEYWORD_FILTERS = ("frappe.www.list.get", "frappe.www.list.get_list_data")


def method(path: str) -> str | None:
	"""The whitelisted method of an /api/method/<method> request."""
	prefix = "/api/method/"
	return path[len(prefix) :].split("/")[0] if path.startswith(prefix) else frappe.local.form_dict.get("cmd")


def child_columns(fields, doctype: str | None) -> set[tuple[str, str]]:
	"""The child-table columns a list asks for (``tabChild Profile Category.category``): Frappe checks the
	column's own level, not the level of the table field that holds it in the parent. Other columns
	are left to Frappe, which drops those the caller may not read."""
	fields = parse(fields)
	if isinstance(fields, str):
		fields = [fields]
	found = set()
	for field in fields if isinstance(fields, list) else []:
		for field_doctype, fieldname in fields_in_sql(field, doctype) if isinstance(field, str) else ():
			if field_doctype and field_doctype != doctype and is_kidcare(field_doctype) and frappe.get_meta(field_doctype).istable:
				found.add((field_doctype, fieldname))
	return found


def resource_doctype(path: str) -> str | None:
	"""The doctype of a REST path: /api/resource/<doctype>[/<name>] (v1) or /api/v2/document/<doctype>..."""
	from urllib.parse import unquote

	parts = [unquote(p) for p in path.split("/") if p]
	for prefix in (["api", "resource"], ["api", "v1", "resource"], ["api", "v2", "document"]):
		if parts[: len(prefix)] == prefix and len(parts) > len(prefix):
			return parts[len(prefix)]
	return None


def check_private_file(path: str):
	from urllib.parse import unquote

	files = frappe.get_all(
		"File",
		filters={"file_url": ("in", {path, unquote(path)})},
		fields=["attached_to_doctype", "attached_to_name", "attached_to_field", "owner"],
	)
	# every kidcare record the file is attached to must allow it: a File row of the caller's own
	# pointing at the same URL does not open it
	if not all(may_download(f) for f in files if is_kidcare(f.attached_to_doctype)):
		refuse()


def may_download(file) -> bool:
	"""A private file attached to a kidcare record: whoever may read the record and the field it is
	attached to (a record's own attachments: its every field), and whoever uploaded it."""
	if file.owner == frappe.session.user:
		return True
	if not file.attached_to_name or not frappe.db.exists(file.attached_to_doctype, file.attached_to_name):
		return False
	if not frappe.has_permission(file.attached_to_doctype, "read", file.attached_to_name):
		return False
	if file.attached_to_field:
		return may_read_field(file.attached_to_doctype, file.attached_to_field)
	return reads_everything(file.attached_to_doctype)
