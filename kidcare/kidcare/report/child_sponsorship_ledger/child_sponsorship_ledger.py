# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

"""Child Sponsorship Ledger: per child and year, what sponsors pledged and paid in, what reached the
family, and the balance left. Three grouped queries whatever the number of children; the viewer's Care
Areas scope it (kidcare/sponsorship/figures.py)."""

import frappe
from frappe import _

from kidcare.sponsorship import figures


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if filters.child:
		frappe.has_permission("Child Profile", "read", filters.child, throw=True)
	areas = figures.permitted_areas(filters.care_area)
	rows = figures.ledger_rows(figures.by_child_and_year(areas, child=filters.child))
	if filters.year:
		rows = [row for row in rows if row["year"] == int(filters.year)]
	aliases = dict(
		frappe.get_all(
			"Child Profile",
			filters={"name": ("in", list({row["child"] for row in rows}) or [""])},
			fields=["name", "alias"],
			as_list=True,
		)
	)
	for row in rows:
		row["alias"] = aliases.get(row["child"])
	return columns(), rows


def columns():
	money = {"fieldtype": "Currency", "width": 130}
	return [
		{
			"fieldname": "child",
			"label": _("Child"),
			"fieldtype": "Link",
			"options": "Child Profile",
			"width": 160,
		},
		{"fieldname": "alias", "label": _("Child Alias"), "fieldtype": "Data", "width": 110},
		{
			"fieldname": "year",
			"label": _("Year", context="Child Sponsorship Ledger"),
			"fieldtype": "Int",
			"width": 80,
		},
		{"fieldname": "pledged", "label": _("Pledged", context="Child Sponsorship Ledger"), **money},
		{"fieldname": "received", "label": _("Received", context="Child Sponsorship Ledger"), **money},
		{"fieldname": "disbursed", "label": _("Disbursed", context="Child Sponsorship Ledger"), **money},
		{"fieldname": "balance", "label": _("Balance", context="Child Sponsorship Ledger"), **money},
	]
