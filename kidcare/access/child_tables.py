"""Child tables read on their own (``frappe.client.get_list("Child Need", parent="Child Profile")``):
Frappe checks only that the caller may read *some* parent. Here a row is visible only when the caller
may read its parent document (the parent's own list query, with its User Permissions and kidcare's
conditions) and the table field that holds it (a child's categories sit at a staff-only level).

A row on its own (``frappe.client.get``, ``/api/resource/<child table>/<row>``) is refused by the gate:
Frappe checks it against its parent's doctype, not against its own parent record."""

import frappe

from kidcare.access import parents_of, permlevels


def query(user=None, doctype=None):
	user = user or frappe.session.user
	if user == "Administrator" or not doctype:
		return ""
	table = f"`tab{doctype}`"
	conditions = []
	for parent, fieldname, level in parents_of(doctype):
		if level and level not in permlevels(parent, user):
			continue
		if not frappe.has_permission(parent, "read", user=user):
			continue
		parents = frappe.get_list(parent, fields=["name"], user=user, order_by="", run=0, limit_page_length=0)
		conditions.append(
			f"({table}.parenttype = {frappe.db.escape(parent)} and {table}.parentfield = "
			f"{frappe.db.escape(fieldname)} and {table}.parent in ({parents}))"
		)
	return "(" + " or ".join(conditions) + ")" if conditions else "1=0"

