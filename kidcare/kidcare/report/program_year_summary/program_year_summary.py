# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

"""Program Year Summary: the figures a federation publishes for a year (children served, newly
registered, volunteers, pairings, contacts, home visits, hours, memorable activities, exits), by area one
level below the viewer's (breakdown_by_area), each counted from the records themselves so that the
summary equals their sum. Four set-based queries; printable from the report's menu."""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Count, Sum
from frappe.utils import getdate, today

from kidcare.kidcare.doctype.care_area.care_area import area_titles, breakdown_by_area
from kidcare.rules import compliance

FIGURES = ("children_served", "children_registered", "volunteers", "pairings", "contacts", "home_visits",
	"hours", "memorable_activities", "exits")  # fmt: skip


def execute(filters=None):
	filters = frappe._dict(filters or {})
	year = int(filters.year or getdate(today()).year)
	areas = frappe.get_list("Care Area", pluck="name", limit_page_length=0)
	return columns(), rows(year, areas)


def columns():
	return [
		{"fieldname": "area", "label": _("Area", context="Pairing Compliance"), "fieldtype": "Link", "options": "Care Area", "width": 150},
		{"fieldname": "area_name", "label": _("Care Area Name"), "fieldtype": "Data", "width": 140},
		{"fieldname": "children_served", "label": _("Children Served"), "fieldtype": "Int", "width": 110},
		{"fieldname": "children_registered", "label": _("Children Registered This Year"), "fieldtype": "Int", "width": 150},
		{"fieldname": "volunteers", "label": _("Volunteers Paired"), "fieldtype": "Int", "width": 110},
		{"fieldname": "pairings", "label": _("Pairings"), "fieldtype": "Int", "width": 90},
		{"fieldname": "contacts", "label": _("Contacts", context="Pairing Compliance"), "fieldtype": "Int", "width": 90},
		{"fieldname": "home_visits", "label": _("Home Visits", context="Volunteer Activity"), "fieldtype": "Int", "width": 100},
		{"fieldname": "hours", "label": _("Hours", context="Volunteer Activity"), "fieldtype": "Float", "precision": 1, "width": 90},
		{"fieldname": "memorable_activities", "label": _("Memorable Activities"), "fieldtype": "Int", "width": 120},
		{"fieldname": "exits", "label": _("Exits Approved"), "fieldtype": "Int", "width": 100},
	]  # fmt: skip


def rows(year: int, areas: list[str]) -> list[dict]:
	if not areas:
		return []
	first, last = f"{year}-01-01", f"{year}-12-31"
	group_of = breakdown_by_area(areas)
	out: dict[str, dict] = {}

	def row(area):
		group = group_of.get(area, area)
		return out.setdefault(group, {"area": group, **{f: 0 for f in FIGURES}, "_c": set(), "_v": set()})

	pairing = frappe.qb.DocType("Care Pairing")
	for area, child, volunteer in (
		frappe.qb.from_(pairing)
		.select(pairing.care_area, pairing.child, pairing.volunteer)
		.where(
			(pairing.docstatus == 1)
			& pairing.status.isin(("Active", "Ended"))
			& (pairing.start_date <= last)
			& (pairing.end_date.isnull() | (pairing.end_date >= first))
			& pairing.care_area.isin(areas)
		)
		.run()
	):
		r = row(area)
		r["pairings"] += 1
		r["_c"].add(child)
		r["_v"].add(volunteer)

	contact = frappe.qb.DocType("Care Contact")
	for area, n, visits, minutes, memorable in (
		frappe.qb.from_(contact)
		.select(
			contact.care_area,
			Count(contact.name),
			Sum(Case().when(contact.contact_type == compliance.HOME_VISIT, 1).else_(0)),
			Coalesce(Sum(contact.duration_minutes), 0),
			Sum(Case().when(contact.contact_type.isin(compliance.MEMORABLE), 1).else_(0)),
		)
		.where(
			(contact.contact_date >= first) & (contact.contact_date <= last) & contact.care_area.isin(areas)
		)
		.groupby(contact.care_area)
		.run()
	):
		r = row(area)
		r["contacts"] += int(n or 0)
		r["home_visits"] += int(visits or 0)
		r["hours"] += float(minutes or 0) / 60
		r["memorable_activities"] += int(memorable or 0)

	child = frappe.qb.DocType("Child Profile")
	for area, n in (
		frappe.qb.from_(child)
		.select(child.care_area, Count(child.name))
		.where(
			(child.creation >= first) & (child.creation < f"{year + 1}-01-01") & child.care_area.isin(areas)
		)
		.groupby(child.care_area)
		.run()
	):
		row(area)["children_registered"] += int(n or 0)

	exit_request = frappe.qb.DocType("Exit Request")
	for area, n in (
		frappe.qb.from_(exit_request)
		.select(exit_request.care_area, Count(exit_request.name))
		.where(
			(exit_request.docstatus == 1)
			& (exit_request.decision == "Approved")
			& (exit_request.decided_on >= first)
			& (exit_request.decided_on <= last)
			& exit_request.care_area.isin(areas)
		)
		.groupby(exit_request.care_area)
		.run()
	):
		row(area)["exits"] += int(n or 0)

	titles = area_titles(out)
	result = []
	for group in sorted(out):
		r = out[group]
		r["children_served"], r["volunteers"] = len(r.pop("_c")), len(r.pop("_v"))
		r["hours"] = round(r["hours"], 1)
		r["area_name"] = titles[group]
		result.append(r)
	return result
