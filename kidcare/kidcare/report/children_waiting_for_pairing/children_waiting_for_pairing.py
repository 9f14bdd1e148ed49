# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

"""Children Waiting for Pairing: the approved children of the viewer's areas who have waited longer than
``days`` for a volunteer, since when, and why no match yet (a proposal waiting for the district, no
volunteer with a free place in her street, or free volunteers nobody has proposed). Four set-based
queries whatever the number of children; the scoping is the viewer's own list of children."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Max
from frappe.utils import date_diff, getdate, today

DEFAULT_DAYS = 30


def execute(filters=None):
	filters = frappe._dict(filters or {})
	days = int(filters.days if filters.days not in (None, "") else DEFAULT_DAYS)
	return columns(), rows(days, getdate(today()))


def columns():
	return [
		{"fieldname": "child", "label": _("Child"), "fieldtype": "Link", "options": "Child Profile", "width": 140},
		{"fieldname": "child_name", "label": _("Full Name", context="Child Profile"), "fieldtype": "Data", "width": 120},
		{"fieldname": "care_area", "label": _("Care Area"), "fieldtype": "Link", "options": "Care Area", "width": 140},
		{"fieldname": "waiting_since", "label": _("Waiting Since"), "fieldtype": "Date", "width": 110},
		{"fieldname": "days_waiting", "label": _("Days Waiting"), "fieldtype": "Int", "width": 100},
		{"fieldname": "free_volunteers", "label": _("Free Volunteers in Her Street"), "fieldtype": "Int", "width": 160},
		{"fieldname": "why", "label": _("Why No Match Yet"), "fieldtype": "Data", "width": 320},
	]  # fmt: skip


def rows(days: int, day) -> list[dict]:
	children = frappe.get_list(
		"Child Profile",
		filters={"status": "Awaiting Pairing"},
		fields=["name", "full_name", "care_area", "modified"],
		limit_page_length=0,
	)
	if not children:
		return []
	names = [c.name for c in children]
	enrollment = frappe.qb.DocType("Child Enrollment")
	approved = dict(
		frappe.qb.from_(enrollment)
		.select(enrollment.child, Max(enrollment.decided_on))
		.where(enrollment.child.isin(names) & (enrollment.docstatus == 1) & (enrollment.status == "Approved"))
		.groupby(enrollment.child)
		.run()
	)
	pairing = frappe.qb.DocType("Care Pairing")
	proposed = set(
		frappe.qb.from_(pairing)
		.select(pairing.child)
		.where(pairing.child.isin(names) & (pairing.docstatus == 0) & (pairing.status == "Proposed"))
		.run(pluck=True)
	)
	street_of = streets()
	free = free_volunteers_by_street(street_of)
	out = []
	for c in children:
		since = getdate(approved.get(c.name) or c.modified)
		waited = date_diff(day, since)
		if waited < days:
			continue
		street = street_of.get(c.care_area)
		n = free.get(street, 0)
		if c.name in proposed:
			why = _("A pairing proposal waits for the district's decision.")
		elif not n:
			why = _("No volunteer with a free place in her street: recruit or widen the search.")
		else:
			why = _("{0} volunteers with a free place in her street; nobody has proposed one yet.").format(n)
		out.append(
			{
				"child": c.name,
				"child_name": c.full_name,
				"care_area": c.care_area,
				"waiting_since": since,
				"days_waiting": waited,
				"free_volunteers": n,
				"why": why,
			}
		)
	return sorted(out, key=lambda r: -r["days_waiting"])


def streets() -> dict[str, str]:
	"""Each Street and Community -> its street."""
	area = frappe.qb.DocType("Care Area")
	out = {}
	for name, area_type, parent in (
		frappe.qb.from_(area).select(area.name, area.area_type, area.parent_care_area)
		.where(area.area_type.isin(("Street", "Community")))
		.run()
	):  # fmt: skip
		out[name] = name if area_type == "Street" else parent
	return out


def free_volunteers_by_street(street_of: dict[str, str]) -> dict[str, int]:
	"""Street -> Active, screened and trained volunteers with a free place (one query)."""
	volunteer = frappe.qb.DocType("Care Volunteer")
	counts: dict[str, int] = {}
	for area, n in (
		frappe.qb.from_(volunteer)
		.select(volunteer.care_area, Count(volunteer.name))
		.where(
			(volunteer.status == "Active")
			& (volunteer.screening_status == "Passed")
			& volunteer.training_completed_on.isnotnull()
			& (volunteer.active_pairings < volunteer.capacity)
		)
		.groupby(volunteer.care_area)
		.run()
	):
		street = street_of.get(area)
		if street:
			counts[street] = counts.get(street, 0) + n
	return counts
