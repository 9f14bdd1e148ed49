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
from frappe.query_builder.functions import Count, Sum
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

	def in_month(row):
		"""Pairings living through the month in the viewer's areas: of the pairing table, or of the tally
		rows, which carry their pairing's facts (kidcare/tally.py)."""
		return (
			(row.docstatus == 1)
			& row.status.isin(("Active", "Ended"))
			& (row.start_date <= last)
			& (row.end_date.isnull() | (row.end_date >= first))
			& row.care_area.isin(areas)
		)

	# 1. the pairings per community, from the (docstatus, status, care_area, start_date, end_date) index
	counts = {
		community: int(n)
		for community, n in frappe.qb.from_(pairing)
		.force_index(LIVING_INDEX)
		.select(pairing.care_area, Count("*"))
		.where(in_month(pairing))
		.groupby(pairing.care_area)
		.run()
	}
	# 2. the month's contacts and the pairings that met the minimum, then the year's totals up to the month's
	# end (the year's rows less the later months'), per community, from the tally rows of those pairings:
	# one covering index, no contact read and no pairing looked up
	t = tally()
	minimum = settings.min_contacts_per_month
	month_figures = {
		community: (int(n or 0), int(met or 0))
		for community, n, met in frappe.qb.from_(t)
		.select(t.care_area, Sum(t.contacts), Sum(Case().when(t.contacts >= minimum, 1).else_(0)))
		.where((t.span == MONTH) & (t.period == first) & in_month(t))
		.groupby(t.care_area)
		.run()
	}
	year_sums = (t.care_area, Sum(t.home_visits), Sum(t.minutes), Sum(t.memorable))
	year_figures = {
		community: numbers
		for community, *numbers in frappe.qb.from_(t)
		.select(*year_sums)
		.where((t.span == YEAR) & (t.period == year_start) & in_month(t))
		.groupby(t.care_area)
		.run()
	}
	later = {}  # nothing for the current month; a past month's later months
	if last < compliance.month_end(year_start.replace(month=12)):
		later = {
			community: numbers
			for community, *numbers in frappe.qb.from_(t)
			.select(*year_sums)
			.where(
				(t.span == MONTH)
				& (t.period > first)
				& (t.period <= year_start.replace(month=12))
				& in_month(t)
			)
			.groupby(t.care_area)
			.run()
		}
	community_rows = []
	for community, pairings in counts.items():
		contacts, met = month_figures.get(community, (0, 0))
		if minimum <= 0:  # every pairing meets a minimum of none, with or without a tally row
			met = pairings
		year = [
			int(total or 0) - int(taken or 0)
			for total, taken in zip(
				year_figures.get(community, (0, 0, 0)), later.get(community, (0, 0, 0)), strict=True
			)
		]
		community_rows.append((community, pairings, contacts, met, *year))
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
