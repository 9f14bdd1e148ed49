"""Frappe's whitelisted methods that skip a permission check, re-routed for kidcare's doctypes.

Each override calls Frappe's own method unchanged for every other doctype (ERPNext's and the
administrator's screens behave exactly as without kidcare), and for a kidcare doctype:

- ``frappe.client.get_count`` counts with ``frappe.get_list``, so the caller's permissions apply
  (Frappe 15 counts any doctype for anyone, Guest included).
- ``frappe.desk.listview.get_group_by_count`` first checks the caller may read the doctype (its
  "assigned to" branch builds its query without permissions).
- ``frappe.desk.search.search_link`` / ``search_widget`` ignore the client's
  ``ignore_user_permissions``, which makes Frappe skip every permission, field levels included.
- ``frappe.desk.calendar.get_events`` and the search's ``filter_fields`` drop the fields the caller
  may not read before Frappe's list does (its field filter skips the field after each it drops).
- ``frappe.geo.utils.get_coords`` (the map view) reads the coordinates through ``frappe.get_list`` and
  only for a caller who may read them (Frappe reads every record's).
- ``frappe.website.doctype.web_form.web_form.get_form_data`` returns a kidcare document only through a
  web form made for its doctype, and only the fields that form shows and the caller may read.
- ``frappe.desk.form.load.getdoc`` / ``get_docinfo``: the form's history shows only changes to fields
  the caller may read, and its attachments only the files she may download.
- ``frappe.website.doctype.web_form.web_form.accept`` answers a web form's submission with the fields
  the form shows, not the whole document (the volunteer and the staff stay in the desk).
- ``frappe.client.validate_link`` does not confirm that a record the caller may not read exists.
- liking, tagging and following a record need read permission on it (Frappe 15 checks none).
- ``run_doc_method`` (a form's button calling a controller method) answers with the whole stored
  document: kidcare documents leave it with only the fields the caller may read.
- the Kanban board's ``update_order`` reads each card's field with no permission: for kidcare only on
  cards and fields the caller may read.
- ``frappe.core.doctype.data_export.exporter.export_data`` (the Data Export tool) checks the export right
  on ``parent_doctype`` and reads child tables raw: for kidcare it exports one doctype, with the export
  right on it, to a caller who may read every field of it.
"""

import json

import frappe
from frappe.client import get_count as frappe_get_count
from frappe.client import validate_link as frappe_validate_link
from frappe.core.doctype.data_export.exporter import export_data as frappe_export_data
from frappe.desk.calendar import get_events as frappe_get_events
from frappe.desk.doctype.tag.tag import add_tag as frappe_add_tag
from frappe.desk.doctype.tag.tag import remove_tag as frappe_remove_tag
from frappe.desk.form import load
from frappe.desk.form.document_follow import follow_document as frappe_follow_document
from frappe.desk.like import toggle_like as frappe_toggle_like
from frappe.desk.listview import get_group_by_count as frappe_get_group_by_count
from frappe.desk.search import search_link as frappe_search_link
from frappe.desk.search import search_widget as frappe_search_widget
from frappe.geo.utils import get_coords as frappe_get_coords
from frappe.website.doctype.web_form.web_form import accept as frappe_accept
from frappe.website.doctype.web_form.web_form import get_form_data as frappe_get_form_data

from kidcare.access import is_kidcare, may_read_field, reads_everything, refuse, web_form_values


@frappe.whitelist()
def get_count(doctype, filters=None, debug=False, cache=False):
	if not is_kidcare(doctype):
		return frappe_get_count(doctype, filters=filters, debug=debug, cache=cache)
	from frappe.client import get_safe_filters

	rows = frappe.get_list(
		doctype, filters=get_safe_filters(filters), fields=[f"count(`tab{doctype}`.`name`) as total"]
	)
	return rows[0].total if rows else 0


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	if is_kidcare(doctype) and not frappe.has_permission(doctype, "read"):
		refuse()
	return frappe_get_group_by_count(doctype, current_filters, field)


@frappe.whitelist()
def search_link(
	doctype: str,
	txt: str,
	query: str | None = None,
	filters: str | dict | list | None = None,
	page_length: int = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	if is_kidcare(doctype):
		ignore_user_permissions = False
	return frappe_search_link(
		doctype,
		txt,
		query=query,
		filters=filters,
		page_length=page_length,
		searchfield=searchfield,
		reference_doctype=reference_doctype,
		ignore_user_permissions=ignore_user_permissions,
	)


@frappe.whitelist()
def search_widget(
	doctype: str,
	txt: str,
	query: str | None = None,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters: str | dict | list | None = None,
	filter_fields=None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	if is_kidcare(doctype):
		ignore_user_permissions = False
		filter_fields = readable(doctype, filter_fields)
	return frappe_search_widget(
		doctype,
		txt,
		query=query,
		searchfield=searchfield,
		start=start,
		page_length=page_length,
		filters=filters,
		filter_fields=filter_fields,
		as_dict=as_dict,
		reference_doctype=reference_doctype,
		ignore_user_permissions=ignore_user_permissions,
	)


@frappe.whitelist()
def get_events(doctype, start, end, field_map, filters=None, fields=None):
	if is_kidcare(doctype):
		fields = readable(doctype, fields)
	return frappe_get_events(doctype, start, end, field_map, filters=filters, fields=fields)


def readable(doctype: str, fields) -> str | None:
	"""``fields`` (a JSON list) without the ones the caller may not read. Frappe 15's frappe.get_list
	drops them too, but skips the one after each it drops: two unreadable fields in a row, and the
	second is returned."""
	fields = frappe.parse_json(fields) if fields else None
	if not isinstance(fields, list):
		return None
	return json.dumps([f for f in fields if isinstance(f, str) and (f == "*" or may_read_field(doctype, f))])


@frappe.whitelist()
def get_coords(doctype, filters, type):
	if not is_kidcare(doctype):
		return frappe_get_coords(doctype, filters, type)
	from frappe.geo.utils import convert_to_geojson

	if type != "coordinates" or not all(may_read_field(doctype, f) for f in ("latitude", "longitude")):
		refuse()
	rows = frappe.get_list(
		doctype,
		filters=frappe.parse_json(filters) or {},
		fields=["name", "latitude", "longitude"],
		limit_page_length=0,
	)
	return convert_to_geojson(type, [r for r in rows if r.latitude is not None and r.longitude is not None])


@frappe.whitelist(allow_guest=True)
def get_form_data(doctype, docname=None, web_form_name=None):
	if not is_kidcare(doctype):
		return frappe_get_form_data(doctype, docname=docname, web_form_name=web_form_name)
	web_form_doctype = frappe.db.get_value("Web Form", web_form_name, "doc_type") if web_form_name else None
	if web_form_doctype != doctype:
		refuse()
	out = frappe_get_form_data(doctype, docname=docname, web_form_name=web_form_name)
	if out.get("doc"):
		shown = {f.fieldname for f in out.web_form.web_form_fields if f.fieldname}
		out.doc = web_form_values(doctype, out.doc.as_dict(), shown)
	return out


@frappe.whitelist()
def getdoc(doctype, name, user=None):
	load.getdoc(doctype, name, user=user)
	if is_kidcare(doctype) and frappe.response.get("docinfo"):
		redact_docinfo(doctype, frappe.response["docinfo"])


@frappe.whitelist()
def get_docinfo(doc=None, doctype=None, name=None):
	load.get_docinfo(doc=doc, doctype=doctype, name=name)
	doctype = doctype or (doc and doc.doctype)
	if is_kidcare(doctype) and frappe.response.get("docinfo"):
		redact_docinfo(doctype, frappe.response["docinfo"])


def redact_docinfo(doctype: str, docinfo: dict):
	"""The form's timeline and sidebar for a caller who may not read every field: changes to fields she
	may not read leave the history, files she may not download leave the attachments."""
	if reads_everything(doctype):
		return
	from kidcare.access.gate import may_download

	docinfo["versions"] = [v for v in (redact_version(doctype, v) for v in docinfo.get("versions") or []) if v]
	attachments = docinfo.get("attachments") or []
	files = {
		f.name: f
		for f in frappe.get_all(
			"File",
			filters={"name": ("in", [a.get("name") for a in attachments] or [""])},
			fields=["name", "attached_to_doctype", "attached_to_name", "attached_to_field", "owner"],
		)
	}
	docinfo["attachments"] = [a for a in attachments if may_download(files.get(a.get("name")) or frappe._dict())]


def redact_version(doctype: str, version: dict) -> dict | None:
	try:
		data = json.loads(version.get("data") or "{}")
	except ValueError:
		return None
	keys = ("changed", "added", "removed", "row_changed")
	had_changes = any(data.get(key) for key in keys)
	for key in keys:
		data[key] = [row for row in data.get(key) or [] if row and may_read_field(doctype, row[0])]
	# a table's rows carry the child doctype's own fields, some above the caller's levels
	meta = frappe.get_meta(doctype)

	def child_of(table_field: str) -> str | None:
		df = meta.get_field(table_field)
		return df.options if df and df.fieldtype in frappe.model.table_fields else None

	def readable(child: str | None, field: str) -> bool:
		return bool(child) and may_read_field(child, field, parenttype=doctype)

	for key in ("added", "removed"):
		data[key] = [
			[row[0], {k: v for k, v in (row[1] or {}).items() if readable(child_of(row[0]), k)}]
			for row in data[key]
			if len(row) > 1 and isinstance(row[1], dict)
		]
	data["row_changed"] = [
		[*row[:3], [change for change in row[3] or [] if change and readable(child_of(row[0]), change[0])]]
		for row in data["row_changed"]
		if len(row) > 3
	]
	data["row_changed"] = [row for row in data["row_changed"] if row[3]]
	if had_changes and not any(data.get(key) for key in keys):
		return None
	return {**version, "data": json.dumps(data)}


@frappe.whitelist(allow_guest=True)
def accept(web_form, data):
	doc = frappe_accept(web_form, data)
	if not is_kidcare(doc.doctype):
		return doc
	shown = {f.fieldname for f in frappe.get_doc("Web Form", web_form).web_form_fields if f.fieldname}
	return web_form_values(doc.doctype, doc.as_dict(), shown)


@frappe.whitelist()
def validate_link(doctype: str, docname: str, fields=None):
	if is_kidcare(doctype) and not (
		isinstance(docname, str)
		and frappe.db.exists(doctype, docname)
		and frappe.has_permission(doctype, "read", docname)
	):
		return frappe._dict(name=None)
	return frappe_validate_link(doctype, docname, fields=fields)


def must_read(doctype, name):
	if is_kidcare(doctype) and not (
		isinstance(name, str) and frappe.db.exists(doctype, name) and frappe.has_permission(doctype, "read", name)
	):
		refuse()


@frappe.whitelist()
def toggle_like(doctype, name, add=False):
	must_read(doctype, name)
	return frappe_toggle_like(doctype, name, add=add)


@frappe.whitelist()
def add_tag(tag, dt, dn, color=None):
	must_read(dt, dn)
	return frappe_add_tag(tag, dt, dn, color=color)


@frappe.whitelist()
def remove_tag(tag, dt, dn):
	must_read(dt, dn)
	return frappe_remove_tag(tag, dt, dn)


@frappe.whitelist()
def follow_document(doctype, doc_name, user):
	must_read(doctype, doc_name)
	return frappe_follow_document(doctype, doc_name, user)


@frappe.whitelist()
def export_data(
	doctype=None,
	parent_doctype=None,
	all_doctypes=True,
	with_data=False,
	select_columns=None,
	file_type="CSV",
	template=False,
	filters=None,
	export_without_column_meta=False,
):
	names = doctype if isinstance(doctype, list) else [doctype]
	if any(is_kidcare(name) for name in names) or is_kidcare(parent_doctype):
		if not (
			isinstance(doctype, str)
			and parent_doctype in (None, "", doctype)
			and frappe.has_permission(doctype, "export")
			and reads_everything(doctype)
		):
			refuse()
	return frappe_export_data(
		doctype=doctype,
		parent_doctype=parent_doctype,
		all_doctypes=all_doctypes,
		with_data=with_data,
		select_columns=select_columns,
		file_type=file_type,
		template=template,
		filters=filters,
		export_without_column_meta=export_without_column_meta,
	)


@frappe.whitelist()
def run_doc_method(method, docs=None, dt=None, dn=None, arg=None, args=None):
	from frappe.handler import run_doc_method as frappe_run_doc_method

	frappe_run_doc_method(method, docs=docs, dt=dt, dn=dn, arg=arg, args=args)
	for doc in frappe.response.get("docs") or []:
		if is_kidcare(getattr(doc, "doctype", None)) and hasattr(doc, "apply_fieldlevel_read_permissions"):
			doc.apply_fieldlevel_read_permissions()


@frappe.whitelist()
def update_order(board_name, order):
	from frappe.desk.doctype.kanban_board.kanban_board import update_order as frappe_update_order

	board = frappe.db.get_value("Kanban Board", board_name, ["reference_doctype", "field_name"], as_dict=True)
	if board and is_kidcare(board.reference_doctype):
		cards = [card for cards in (frappe.parse_json(order) or {}).values() for card in cards or []]
		if not may_read_field(board.reference_doctype, board.field_name or "") or not all(
			isinstance(card, str)
			and frappe.db.exists(board.reference_doctype, card)
			and frappe.has_permission(board.reference_doctype, "read", card)
			for card in cards
		):
			refuse()
	return frappe_update_order(board_name, order)
