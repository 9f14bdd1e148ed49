"""Kanban boards: Frappe puts a board's ``field_name`` into its queries as written and never checks it,
so a board whose "field" is an SQL expression reads any table (``update_order`` answers whether a card
already sits in a column). A board's field must be a field of its doctype, and on a kidcare doctype one
the caller may read. Frappe's own board dialog only ever offers fields, so no honest board changes."""

import re

import frappe

from kidcare.access import is_kidcare, may_read_field, refuse

FIELDNAME = re.compile(r"^[a-z_][a-z0-9_]*$")


def validate(doc, method=None):
	fieldname = doc.field_name or ""
	if not FIELDNAME.match(fieldname) or not frappe.get_meta(doc.reference_doctype).has_field(fieldname):
		frappe.throw(frappe._("A Kanban board's column field must be a field of its document type."))
	if is_kidcare(doc.reference_doctype) and not may_read_field(doc.reference_doctype, fieldname):
		refuse()
