"""Who reads what of kidcare's data, through every door a Frappe site opens.

Frappe's own rules come first: doctype permissions per role, User Permissions on Care Area (a street's
officer sees her street), ``kidcare.permissions`` (a volunteer sees her own children) and permlevels (the
sensitive fields: ID number, address, guardian's phone, exact coordinates, consent files, the situation's
categories, investigation and decision notes, the check-in token; a volunteer's mobile and coordinates).
Frappe 15 applies them to forms, lists and the REST API, but several generic endpoints bypass them; this
package closes each of those for kidcare's doctypes only, leaving every other app's behaviour alone:

- ``gate``: every request, after Frappe has authenticated it (``auth_hooks``): a filter, sort, group or
  search on a field the caller may not read is refused (no yes/no oracle), and so is a private file of a
  kidcare record she may not read.
- ``overrides``: the whitelisted methods that skip a check (``frappe.client.get_count``, link search with
  ``ignore_user_permissions``, the map's coordinates, web form data, the form's history and attachments),
  re-routed through ``frappe.get_list`` and the field permissions for kidcare's doctypes.
- ``child_table_query``: a child table read with ``parent=...`` shows only the rows of parents the caller
  may read, through a table field she may read.
- ``before_print``: a print or PDF shows only the fields the caller may read, whatever the format.
"""

import json
from functools import lru_cache
from pathlib import Path

import frappe

MODULE = "KidCare"
# what a document's meta keeps about who wrote it and where it sits: never sensitive
STANDARD_FIELDS = frozenset(
	("name", "owner", "creation", "modified", "modified_by", "docstatus", "idx", "parent", "parentfield",
	"parenttype", "_assign", "_comments", "_liked_by", "_user_tags", "_seen")
)  # fmt: skip


def is_kidcare(doctype: str | None) -> bool:
	"""A doctype of this app (its module is KidCare)."""
	if not doctype or not isinstance(doctype, str):
		return False
	return doctype in kidcare_doctypes()


@lru_cache
def kidcare_doctypes() -> frozenset[str]:
	"""The doctypes the app ships, read from its own files (no query on any request)."""
	folder = Path(__file__).parent.parent / "kidcare" / "doctype"
	return frozenset(json.loads(path.read_text())["name"] for path in folder.glob("*/*.json"))


def parents_of(child_doctype: str) -> list[tuple[str, str, int]]:
	"""(parent doctype, table field, the table field's permlevel) for each table that holds
	``child_doctype`` rows."""
	rows = []
	for doctype in kidcare_doctypes():
		meta = frappe.get_meta(doctype)
		for df in meta.get_table_fields():
			if df.options == child_doctype:
				rows.append((doctype, df.fieldname, df.permlevel or 0))
	return rows


def permlevels(doctype: str, user: str | None = None) -> set[int]:
	return set(frappe.get_meta(doctype).get_permlevel_access("read", user=user or frappe.session.user))


def may_read_field(doctype: str, fieldname: str, user: str | None = None, parenttype: str | None = None) -> bool:
	"""Whether ``user`` may read ``fieldname`` of ``doctype`` (for a child table: through its parents'
	table fields, of ``parenttype`` when given)."""
	user = user or frappe.session.user
	fieldname = fieldname.lower()  # MariaDB's column names ignore case; Frappe's are lower case
	if user == "Administrator" or fieldname in STANDARD_FIELDS:
		return True
	meta = frappe.get_meta(doctype)
	df = meta.get_field(fieldname)
	level = (df.permlevel or 0) if df else 0
	if not meta.istable:
		return level in permlevels(doctype, user) if level else True
	parents = [p for p in parents_of(doctype) if not parenttype or p[0] == parenttype]
	return any(
		{level, table_level} <= permlevels(parent, user) | {0} for parent, _field, table_level in parents
	)


def reads_everything(doctype: str, user: str | None = None) -> bool:
	"""Whether ``user`` may read every field of ``doctype`` (every permlevel its fields use)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	used = {df.permlevel or 0 for df in frappe.get_meta(doctype).fields} | {0}
	return used <= permlevels(doctype, user)


def web_form_values(doctype: str, values: dict, shown: set[str]) -> dict:
	"""What a web form may put in its page of a kidcare document: the fields the form shows and the
	caller may read (Frappe puts the whole document in the page)."""
	return {
		key: value
		for key, value in values.items()
		if key in ("name", "doctype", "docstatus") or (key in shown and may_read_field(doctype, key))
	}


def refuse():
	"""A refused read: 403, and a message that names nothing the caller may not see."""
	frappe.throw(frappe._("You do not have permission to see this information."), frappe.PermissionError)
