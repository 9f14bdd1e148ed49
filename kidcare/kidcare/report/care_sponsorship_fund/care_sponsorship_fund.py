# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

"""Care Sponsorship Fund: for a year, by area (the level below the viewer's own) and priority category,
the children sponsored, what was pledged, received and disbursed, and the balance held at the year's
end. A child in two categories counts under both. Grouped queries whatever the number of pledges;
scoped to the viewer's Care Areas."""

import frappe
from frappe import _
from frappe.utils import flt, getdate, today

from kidcare.kidcare.doctype.care_area.care_area import area_titles, breakdown_by_area
from kidcare.rules import sponsorship as rules
from kidcare.sponsorship import figures, precision


def execute(filters=None):
	filters = frappe._dict(filters or {})
	year = int(filters.year or getdate(today()).year)
	return columns(), rows(year, figures.permitted_areas(filters.care_area))


def rows(year: int, areas: list[str]) -> list[dict]:
	if not areas:
		return []
	p = precision()
	group_of = breakdown_by_area(areas)
	groups: dict[tuple, list[int]] = {}
	for area, category, children, *money in figures.fund_by_area_and_category(areas, year):
		g = groups.setdefault((group_of.get(area, area), category or ""), [0, 0, 0, 0, 0])
		g[0] += int(children or 0)
		for k, amount in enumerate(money):
			g[k + 1] += rules.to_units(flt(amount), p)
	titles = area_titles({area for area, _category in groups})
	return [
		{
			"care_area": area,
			"area_name": titles.get(area),
			"category": _(category, context="Child Profile Category") if category else "",
			"children": n,
			"pledged": rules.from_units(pledged, p),
			"received": rules.from_units(received, p),
			"disbursed": rules.from_units(disbursed, p),
			"balance": rules.from_units(balance, p),
		}
		for (area, category), (n, pledged, received, disbursed, balance) in sorted(
			groups.items(), key=lambda g: (titles.get(g[0][0]) or "", g[0][1])
		)
	]


def columns():
	money = {"fieldtype": "Currency", "width": 130}
	return [
		{
			"fieldname": "care_area",
			"label": _("Care Area"),
			"fieldtype": "Link",
			"options": "Care Area",
			"width": 160,
		},
		{"fieldname": "category", "label": _("Category"), "fieldtype": "Data", "width": 140},
		{"fieldname": "children", "label": _("Children Sponsored"), "fieldtype": "Int", "width": 120},
		{"fieldname": "pledged", "label": _("Pledged", context="Child Sponsorship Ledger"), **money},
		{"fieldname": "received", "label": _("Received", context="Child Sponsorship Ledger"), **money},
		{"fieldname": "disbursed", "label": _("Disbursed", context="Child Sponsorship Ledger"), **money},
		{"fieldname": "balance", "label": _("Balance", context="Child Sponsorship Ledger"), **money},
	]
