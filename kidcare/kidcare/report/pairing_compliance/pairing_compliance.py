# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

"""Pairing Compliance: by area one level below the viewer's (a city by district, a district by street; never
finer than a street), for a month, how many pairings were kept alive, and the year so far.

Set-based queries (the communities' figures from the pairings and their tally rows, what was logged after the
month, the overdue reviews, and the permitted areas) whatever the number of pairings and contacts: each pairing is
one row of the monthly tally (kidcare/tally.py), never its contacts. The viewer's area scoping comes from one
permission-aware list of the Care Areas they may see, applied to the pairings.
"""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Count, Sum
from frappe.utils import getdate, today

from kidcare.dashboard import LIVING_INDEX
from kidcare.kidcare.doctype.care_area.care_area import area_titles, breakdown_by_area
from kidcare.rules import compliance
from kidcare.tally import MONTH, YEAR, tally


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
		{
			"fieldname": "contacts",
			"label": _("Contacts", context="Pairing Compliance"),
			"fieldtype": "Int",
			"width": 90,
		},
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
	review = frappe.qb.DocType("Monthly Review")
	in_month = (
		(pairing.docstatus == 1)
		& pairing.status.isin(("Active", "Ended"))
		& (pairing.start_date <= last)
		& (pairing.end_date.isnull() | (pairing.end_date >= first))
		& pairing.care_area.isin(areas)
	)

	# 1. per community: the pairings, the month's contacts and those that met the minimum, and the year's
	# totals, from each pairing's tally rows (kidcare/tally.py: one row per pairing and month, one per
	# pairing and year) rather than its contacts; no per-pairing group, so no large temporary table
	month_row, year_row = tally(), tally().as_("year_row")
	contacts = Coalesce(month_row.contacts, 0)
	minimum = settings.min_contacts_per_month
	community_rows = (
		frappe.qb.from_(pairing)
		.force_index(LIVING_INDEX)  # the pairings of the areas from the index alone
		.left_join(month_row)
		.on((month_row.pairing == pairing.name) & (month_row.span == MONTH) & (month_row.period == first))
		.left_join(year_row)
		.on((year_row.pairing == pairing.name) & (year_row.span == YEAR) & (year_row.period == year_start))
		.select(
			pairing.care_area,
			Count("*"),
			Sum(contacts),
			Sum(Case().when(contacts >= minimum, 1).else_(0)),
			Sum(Coalesce(year_row.home_visits, 0)),
			Sum(Coalesce(year_row.minutes, 0)),
			Sum(Coalesce(year_row.memorable, 0)),
		)
		.where(in_month)
		.groupby(pairing.care_area)
		.run()
	)
	# 2. the year's totals count up to the month's end: take off what the same pairings logged after it
	# (nothing for the current month; a past month's later months, per community)
	later = tally().as_("later")
	after_rows = {}
	if last < compliance.month_end(year_start.replace(month=12)):
		after_rows = {
			community: numbers
			for community, *numbers in frappe.qb.from_(later)
			.join(pairing)
			.on(pairing.name == later.pairing)
			.select(pairing.care_area, Sum(later.home_visits), Sum(later.minutes), Sum(later.memorable))
			.where(
				(later.span == MONTH)
				& (later.period > first)
				& (later.period <= year_start.replace(month=12))
				& in_month
			)
			.groupby(pairing.care_area)
			.run()
		}
	community_rows = [
		(community, pairings, month_contacts, met, *[
			int(total or 0) - int(taken or 0)
			for total, taken in zip(year_totals, after_rows.get(community, (0, 0, 0)), strict=True)
		])
		for community, pairings, month_contacts, met, *year_totals in community_rows
	]  # fmt: skip
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
