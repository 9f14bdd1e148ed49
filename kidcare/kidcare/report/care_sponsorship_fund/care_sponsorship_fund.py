# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

"""Care Sponsorship Fund: for a year, by area (the level below the viewer's own) and priority category,
the children sponsored, what was pledged, received and disbursed, and the balance held at the year's
end. A child in two categories counts under both. Grouped queries whatever the number of pledges;
scoped to the viewer's Care Areas."""

import datetime

import frappe
from frappe import _
from frappe.utils import getdate, today

from kidcare.kidcare.doctype.care_area.care_area import breakdown_by_area
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
	area_of = figures.children_in(areas)
	per_child: dict[str, list[int]] = {}
	figures_by_year = figures.by_child_and_year(
		set(area_of), until=datetime.date(year, 12, 31), since=datetime.date(year, 1, 1)
	)
	for (child, y), (pledged, received, disbursed) in figures_by_year.items():
		totals = per_child.setdefault(child, [0, 0, 0, 0])
		if y == year:
			totals[0] += pledged
			totals[1] += received
			totals[2] += disbursed
		totals[3] += received - disbursed
	if not per_child:
		return []
	names = list(per_child)
	categories: dict[str, list[str]] = {}
	for parent, category in frappe.get_all(
		"Child Profile Category",
		filters={"parenttype": "Child Profile", "parentfield": "categories", "parent": ("in", names)},
		fields=["parent", "category"],
		as_list=True,
	):
		categories.setdefault(parent, []).append(category)
	group_of = breakdown_by_area(areas)
	groups: dict[tuple, list[int]] = {}
	for child, totals in per_child.items():
		area = group_of.get(area_of.get(child), area_of.get(child))
		for category in categories.get(child) or [""]:
			g = groups.setdefault((area, category), [0, 0, 0, 0, 0])
			g[0] += 1 if totals[0] else 0
			for k in range(4):
				g[k + 1] += totals[k]
	titles = dict(frappe.get_all("Care Area", filters={"name": ("in", [a for a, _c in groups] or [""])},
		fields=["name", "care_area_name"], as_list=True))  # fmt: skip
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
