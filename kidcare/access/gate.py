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

import re

import frappe

from kidcare.access import is_kidcare, kidcare_doctypes, may_read_field, reads_everything, refuse
from kidcare.rules.request_fields import (
	FORBIDDEN,
	LINK,
	claimed_doctypes,
	doctypes_in_request,
	fields_in_request,
	fields_in_sql,
	parse,
	table_name,
)


def check_request():
	request = getattr(frappe.local, "request", None)
	if request is None or frappe.session.user == "Administrator":
		return
	path = request.path or ""
	if path.startswith("/private/files/"):
		check_private_file(path)
		return
	endpoint = route(request)
	params = dict(frappe.local.form_dict or {})
	check_params(params, endpoint)
	if endpoint.method in REPORT_METHODS:
		# a saved Report Builder report carries its own doctype, columns, filters and order
		if saved := saved_report(params):
			check_params(saved, endpoint)


def check_params(params: dict, endpoint) -> None:
	"""Refuse ``params`` if they name a kidcare field the caller may not read (see the module)."""
	keys = ("doctype", "parent", "parent_doctype")
	if not all(isinstance(params.get(key), str | None) for key in keys):
		# a doctype sent as a list or a dict: Frappe's endpoints read it in ways no rule here can follow
		sent = frappe.as_json([params.get(key) for key in keys])
		if any(name in sent for name in kidcare_doctypes()):
			refuse()
		return
	# the doctype the request is about, whichever way it says so; two that disagree are refused, so
	# that naming another doctype in a parameter never hides the route's (/api/v2/doctype/<dt>/count
	# overwrites the parameter with the route's doctype)
	claimed = claimed_doctypes(params) | ({endpoint.doctype} if endpoint.doctype else set())
	named = doctypes_in_request(params) | claimed
	if not any(is_kidcare(table_name(dt)) for dt in named):
		return
	if len(claimed) > 1:
		refuse()
	doctype = next(iter(claimed), None)
	if any(is_kidcare(dt) and frappe.get_meta(dt).istable for dt in named) and addresses_a_row(endpoint):
		refuse()
	if answers_untrimmed(endpoint, params) and not all(reads_everything(dt) for dt in claimed if is_kidcare(dt)):
		refuse()
	named_fields = fields_in_request(params, doctype) | columns(params.get("fields"), doctype)
	if endpoint.method in KEYWORD_FILTERS and is_kidcare(doctype):
		# the website's list takes any parameter named like a field as a filter
		named_fields |= {(doctype, key) for key in params if frappe.get_meta(doctype).has_field(key)}
	parent = params.get("parent") or params.get("parent_doctype")
	for field_doctype, fieldname in named_fields:
		if field_doctype in (LINK, FORBIDDEN):
			# a path through a link field joins the linked record without its row permissions, and no
			# field reference needs a subquery or HAVING: refused wherever kidcare's data is involved
			refuse()
		for owner, field in resolve(field_doctype or doctype, fieldname):
			parenttype = doctype if frappe.get_meta(owner).istable and is_kidcare(doctype) else parent
			if not may_read_field(owner, field, parenttype=parenttype if is_kidcare(parenttype) else None):
				refuse()


def answers_untrimmed(endpoint, params: dict) -> bool:
	"""Doors whose answer nothing can trim to the fields the caller may read: only who reads every field
	of the document passes. The v2 route of run_doc_method calls Frappe's method past the overrides; a
	print attached to an e-mail is rendered later by the e-mail queue, as Administrator."""
	if endpoint.method == "run_doc_method:v2":
		return True
	return endpoint.method in EMAIL_METHODS and bool(params.get("print_format") or params.get("attach_document_print"))


STANDARD_COLUMNS = frozenset(
	frappe.model.default_fields + frappe.model.child_table_fields + frappe.model.optional_fields
)


def resolve(named_doctype: str | None, fieldname: str) -> set[tuple[str, str]]:
	"""The kidcare fields a name in a request may stand for. A field of a known doctype is that field
	(another app's field is not ours to judge); a name whose table is unknown or aliased, or that is not
	a field of the doctype it is charged to (MariaDB resolves it in whatever table is joined), stands
	for that field of every kidcare doctype that has one."""
	fieldname = fieldname.lower()
	if fieldname in STANDARD_COLUMNS:
		# a column every table has and no DocField may be named: no doctype's has_field knows it, so the
		# loop below would find nothing, at the cost of every kidcare meta for each (a desk list names ten)
		return set()
	table = table_name(named_doctype) if named_doctype else None
	if table and doctype_exists(table):
		if frappe.get_meta(table).has_field(fieldname):
			return {(table, fieldname)} if is_kidcare(table) else set()
	return {(dt, fieldname) for dt in kidcare_doctypes() if frappe.get_meta(dt).has_field(fieldname)}


def doctype_exists(name: str) -> bool:
	if is_kidcare(name):
		return True
	cache = getattr(frappe.local, "kidcare_doctype_exists", None)
	if cache is None:
		cache = frappe.local.kidcare_doctype_exists = {}
	if name not in cache:
		cache[name] = bool(frappe.db.exists("DocType", name))
	return cache[name]


def route(request) -> frappe._dict:
	"""The method and doctype a request reaches, as Frappe's own API routes read them (``/api/method``,
	``/api/v1``, ``/api/v2`` in all their shapes), or through the ``cmd`` parameter."""
	out = frappe._dict(method=frappe.local.form_dict.get("cmd"), doctype=None, name=None)
	path = request.path or ""
	if not path.startswith("/api/"):
		return out
	try:
		from frappe.api import API_URL_MAP

		_endpoint, args = API_URL_MAP.bind_to_environ(request.environ).match()
	except Exception:
		args = fallback_route(path)
	out.doctype, out.name = args.get("doctype"), args.get("name")
	if path.rstrip("/").endswith("/method/run_doc_method"):
		# /api/v2/method/run_doc_method calls Frappe's method directly, past override_whitelisted_methods
		out.method = "run_doc_method" if path.startswith("/api/method/") else "run_doc_method:v2"
	elif args.get("method"):
		out.method = args["method"].split("/")[0]
		if out.doctype:  # /api/v2/method/<doctype>/<method>: a method of the doctype's controller module
			out.method = f"{frappe.scrub(out.doctype)}.{out.method}"
	return out


def fallback_route(path: str) -> dict:
	"""The same read of a path when there is no WSGI environ to match (a request made in-process)."""
	from urllib.parse import unquote

	parts = [unquote(p) for p in path.split("/") if p]
	for prefix in (["api", "method"], ["api", "v1", "method"], ["api", "v2", "method"]):
		if parts[: len(prefix)] == prefix and len(parts) > len(prefix):
			return {"method": parts[len(prefix)]}
	for prefix in (["api", "resource"], ["api", "v1", "resource"], ["api", "v2", "document"], ["api", "v2", "doctype"]):
		if parts[: len(prefix)] == prefix and len(parts) > len(prefix):
			rest = parts[len(prefix) + 1 :]
			name = rest[0] if rest and prefix[-1] != "doctype" else None
			return {"doctype": parts[len(prefix)], "name": name}
	return {}


# methods that take one child-table row by name or filters: Frappe checks the row against its parent's
# doctype only (any readable parent opens every row), so a kidcare row is read and written with its
# parent, never on its own
ROW_METHODS = ("frappe.client.get", "frappe.client.set_value", "frappe.client.delete", "frappe.client.save",
	"frappe.client.bulk_update", "frappe.client.submit", "frappe.client.cancel")  # fmt: skip


def addresses_a_row(endpoint) -> bool:
	return endpoint.method in ROW_METHODS or bool(endpoint.name)


# methods that send a record by e-mail, with its print attached if asked
EMAIL_METHODS = ("frappe.core.doctype.communication.email.make",)

# methods that run a saved report by its name
REPORT_METHODS = ("frappe.desk.query_report.run", "frappe.desk.query_report.export_query",
	"frappe.desk.query_report.get_script", "frappe.desk.reportview.get", "frappe.desk.reportview.export_query")  # fmt: skip


def saved_report(params: dict) -> dict:
	"""A Report Builder report run by name carries its own doctype, columns, filters and order: they are
	held to the same rule as if the caller had sent them (in addition to what she sent)."""
	name = params.get("report_name") if isinstance(params.get("report_name"), str) else None
	if not name:
		return {}
	report = frappe.db.get_value("Report", name, ["ref_doctype", "report_type", "json"], as_dict=True)
	if not report or report.report_type != "Report Builder" or not is_kidcare(report.ref_doctype):
		return {}
	saved = parse(report.json) if report.json else {}
	saved = saved if isinstance(saved, dict) else {}
	columns = [c[0] if isinstance(c, list | tuple) else c for c in saved.get("columns") or [] if c]
	return {
		"doctype": report.ref_doctype,
		"filters": saved.get("filters"),
		"order_by": saved.get("order_by"),
		"group_by": (saved.get("group_by") or {}).get("group_by") if isinstance(saved.get("group_by"), dict) else saved.get("group_by"),
		"fields": saved.get("fields") or columns,
	}


# endpoints that read every parameter named like a field as a filter
KEYWORD_FILTERS = ("frappe.www.list.get", "frappe.www.list.get_list_data")

# a column Frappe itself holds to the field's level: a field, qualified or not, aliased or not, or *
PLAIN_COLUMN = re.compile(
	r"^\s*(?:`?tab(?P<table>[^`.]+)`?\s*\.\s*)?`?(?:[A-Za-z_][A-Za-z0-9_]*|\*)`?(?:\s+as\s+`?[A-Za-z_][A-Za-z0-9_]*`?)?\s*$",
	re.IGNORECASE,
)


def columns(fields, doctype: str | None) -> set[tuple[str, str]]:
	"""The fields a list's columns name that Frappe would not hold to their level: every field inside
	an expression (Frappe checks only an expression's first column, so ``replace(name, name, id_number)``
	passes as ``name``), and a column of another table (a child table's column is checked at its own
	level, not that of the table field that holds it; a joined table's under its alias). A plain column
	of the doctype itself is left to Frappe, which drops it when the caller may not read it."""
	fields = parse(fields)
	if isinstance(fields, str):
		fields = fields.split(",") if "(" not in fields else [fields]
	found = set()
	for field in fields if isinstance(fields, list | tuple) else []:
		if not isinstance(field, str):
			continue
		plain = PLAIN_COLUMN.match(field)
		if plain and (not plain.group("table") or table_name(plain.group("table")) == doctype):
			continue
		found |= fields_in_sql(field, doctype)
	return found


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
