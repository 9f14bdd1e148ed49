# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

"""Pairing Compliance: by area one level below the viewer's (a city by district, a district by street; never
finer than a street), for a month, how many pairings were kept alive, and the year so far.

Two set-based queries (and the permitted areas) whatever the number of pairings and contacts; the viewer's area scoping comes
from one permission-aware list of the Care Areas they may see.
"""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Count, Sum
from frappe.utils import getdate, today

from kidcare.kidcare.doctype.care_area.care_area import area_titles, breakdown_by_area
from kidcare.rules import compliance


def execute(filters=None):
	filters = frappe._dict(filters or {})
	month = compliance.month_start(getdate(filters.month or today()))
	return columns(), rows(month, permitted_areas(filters.care_area))


def columns():
	return [
		{
			"fieldname": "street",
			"label": _("Area", context="Pairing Compliance"),
			"fieldtype": "Link",
			"options": "Care Area",
			"width": 160,
		},
		{"fieldname": "area_name", "label": _("Care Area Name"), "fieldtype": "Data", "width": 160},
		{"fieldname": "pairings", "label": _("Pairings"), "fieldtype": "Int", "width": 90},
		{"fieldname": "contacts", "label": _("Contacts", context="Pairing Compliance"), "fieldtype": "Int", "width": 90},
		{"fieldname": "met", "label": _("Pairings Met"), "fieldtype": "Int", "width": 110},
		{"fieldname": "compliance_rate", "label": _("Compliance Rate"), "fieldtype": "Percent", "width": 120},
		{"fieldname": "overdue_reviews", "label": _("Reviews Overdue"), "fieldtype": "Int", "width": 120},
		{"fieldname": "home_visits", "label": _("Home Visits This Year"), "fieldtype": "Int", "width": 140},
		{
			"fieldname": "home_visits_target",
			"label": _("Home Visits Target to Date"),
			"fieldtype": "Int",
			"width": 160,
		},
		{
			"fieldname": "hours",
			"label": _("Hours This Year"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 120,
		},
		{
			"fieldname": "hours_target",
			"label": _("Hours Target to Date"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 140,
		},
		{
			"fieldname": "memorable",
			"label": _("Memorable Activities This Year"),
			"fieldtype": "Int",
			"width": 180,
		},
		{
			"fieldname": "memorable_target",
			"label": _("Memorable Activities Target"),
			"fieldtype": "Int",
			"width": 170,
		},
	]


def permitted_areas(under: str | None) -> list[str]:
	filters = {}
	if under:
		lft, rgt = frappe.db.get_value("Care Area", under, ["lft", "rgt"])
		filters = {"lft": (">=", lft), "rgt": ("<=", rgt)}
	return frappe.get_list("Care Area", filters=filters, pluck="name", limit_page_length=0)


def rows(month, areas: list[str]) -> list[dict]:
	if not areas:
		return []
	settings = frappe.get_cached_doc("KidCare Settings")
	first, last = compliance.month_start(month), compliance.month_end(month)
	year_start = first.replace(month=1)
	pairing = frappe.qb.DocType("Care Pairing")
	contact = frappe.qb.DocType("Care Contact")
	review = frappe.qb.DocType("Monthly Review")
	in_month = (
		(pairing.docstatus == 1)
		& pairing.status.isin(("Active", "Ended"))
		& (pairing.start_date <= last)
		& (pairing.end_date.isnull() | (pairing.end_date >= first))
		& pairing.care_area.isin(areas)
	)

	# 1. per pairing, in one pass over its contacts of the year: the month's count and the year's totals;
	# 2. then per street
	per_pairing = (
		frappe.qb.from_(pairing)
		.left_join(contact)
		.on(
			(contact.pairing == pairing.name)
			& (contact.contact_date >= year_start)
			& (contact.contact_date <= last)
		)
		.select(
			pairing.care_area.as_("community"),
			pairing.name.as_("pairing"),
			Sum(Case().when(contact.contact_date >= first, 1).else_(0)).as_("contacts"),
			Sum(Case().when(contact.contact_type == compliance.HOME_VISIT, 1).else_(0)).as_("visits"),
			Coalesce(Sum(contact.duration_minutes), 0).as_("minutes"),
			Sum(Case().when(contact.contact_type.isin(compliance.MEMORABLE), 1).else_(0)).as_("memorable"),
		)
		.where(in_month)
		.groupby(pairing.name)
	)
	minimum = settings.min_contacts_per_month
	community_rows = (
		frappe.qb.from_(per_pairing)
		.select(
			per_pairing.community,
			Count("*"),
			Sum(per_pairing.contacts),
			Sum(Case().when(per_pairing.contacts >= minimum, 1).else_(0)),
			Sum(per_pairing.visits),
			Sum(per_pairing.minutes),
			Sum(per_pairing.memorable),
		)
		.groupby(per_pairing.community)
		.run()
	)
	# areas fold into the viewer's breakdown here: a handful of rows, not a join per pairing
	group_of = breakdown_by_area(areas)
	street_rows: dict[str, list] = {}
	for community, *numbers in community_rows:
		totals = street_rows.setdefault(group_of.get(community, community), [0] * len(numbers))
		for i, n in enumerate(numbers):
			totals[i] += int(n or 0)

	# 3. reviews past their due date and still open, per street
	overdue_rows = (
		frappe.qb.from_(review)
		.select(review.care_area, Count(review.name))
		.where(
			(review.docstatus == 0)
			& (review.status != "Closed")  # an ended pairing's review is closed, not overdue
			& (review.due_date < today())
			& (review.period <= first)
			& review.care_area.isin(areas)
		)
		.groupby(review.care_area)
		.run()
	)

	overdue: dict[str, int] = {}
	for name, n in overdue_rows:
		overdue[group_of.get(name, name)] = overdue.get(group_of.get(name, name), 0) + n
	titles = area_titles(street_rows)
	share = first.month / 12
	result = []
	for name, (pairings, contacts, met, visits, minutes, memorable) in sorted(
		street_rows.items(), key=lambda row: (titles[row[0]], row[0])
	):
		result.append(
			{
				"street": name,
				"area_name": titles[name],
				"pairings": pairings,
				"contacts": int(contacts or 0),
				"met": int(met or 0),
				"compliance_rate": round(100 * int(met or 0) / pairings, 1) if pairings else 0,
				"overdue_reviews": overdue.get(name, 0),
				"home_visits": int(visits or 0),
				"home_visits_target": round(pairings * settings.home_visits_per_year * share),
				"hours": round(int(minutes or 0) / 60, 1),
				"hours_target": round(pairings * settings.home_visit_hours_per_year * share, 1),
				"memorable": int(memorable or 0),
				"memorable_target": pairings * settings.memorable_activities_per_year,
			}
		)
	return result
