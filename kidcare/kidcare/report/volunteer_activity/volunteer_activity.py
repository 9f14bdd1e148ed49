# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

"""Volunteer Activity: for a year, what each volunteer of the viewer's areas did (contacts, home visits,
hours, activities, the months she kept contact, her last contact): the basis on which a federation
recognises its outstanding caring mothers. One query over the contacts; the scoping is the viewer's own
list of volunteers."""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Count, Extract, Max, Sum
from frappe.utils import getdate, today
from pypika.enums import DatePart

ACTIVITIES = ("Activity", "Outing", "Holiday Home Stay")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	year = int(filters.year or getdate(today()).year)
	return columns(), rows(year)


def columns():
	return [
		{"fieldname": "volunteer", "label": _("Volunteer", context="Care Contact"), "fieldtype": "Link", "options": "Care Volunteer", "width": 120},
		{"fieldname": "volunteer_name", "label": _("Full Name", context="Care Volunteer"), "fieldtype": "Data", "width": 110},
		{"fieldname": "care_area", "label": _("Care Area"), "fieldtype": "Link", "options": "Care Area", "width": 130},
		{"fieldname": "contacts", "label": _("Contacts", context="Pairing Compliance"), "fieldtype": "Int", "width": 90},
		{"fieldname": "home_visits", "label": _("Home Visits", context="Volunteer Activity"), "fieldtype": "Int", "width": 100},
		{"fieldname": "hours", "label": _("Hours", context="Volunteer Activity"), "fieldtype": "Float", "precision": 1, "width": 90},
		{"fieldname": "activities", "label": _("Activities and Outings"), "fieldtype": "Int", "width": 120},
		{"fieldname": "months", "label": _("Months with Contact"), "fieldtype": "Int", "width": 130},
		{"fieldname": "last_contact", "label": _("Last Contact"), "fieldtype": "Date", "width": 110},
	]  # fmt: skip


def rows(year: int) -> list[dict]:
	volunteers = {
		v.name: v
		for v in frappe.get_list(
			"Care Volunteer", fields=["name", "full_name", "care_area"], limit_page_length=0
		)
	}
	if not volunteers:
		return []
	contact = frappe.qb.DocType("Care Contact")
	minutes = Coalesce(Sum(contact.duration_minutes), 0)
	figures = {
		r.volunteer: r
		for r in frappe.qb.from_(contact)
		.select(
			contact.volunteer,
			Count(contact.name).as_("contacts"),
			Sum(Case().when(contact.contact_type == "Home Visit", 1).else_(0)).as_("home_visits"),
			minutes.as_("minutes"),
			Sum(Case().when(contact.contact_type.isin(ACTIVITIES), 1).else_(0)).as_("activities"),
			Count(Extract(DatePart.month, contact.contact_date)).distinct().as_("months"),
			Max(contact.contact_date).as_("last_contact"),
		)
		.where(
			contact.volunteer.isin(list(volunteers))
			& (contact.contact_date >= f"{year}-01-01")
			& (contact.contact_date <= f"{year}-12-31")
		)
		.groupby(contact.volunteer)
		.run(as_dict=True)
	}
	out = []
	for name, v in volunteers.items():
		f = figures.get(name) or frappe._dict()
		out.append(
			{
				"volunteer": name,
				"volunteer_name": v.full_name,
				"care_area": v.care_area,
				"contacts": int(f.contacts or 0),
				"home_visits": int(f.home_visits or 0),
				"hours": round(float(f.minutes or 0) / 60, 1),
				"activities": int(f.activities or 0),
				"months": int(f.months or 0),
				"last_contact": f.last_contact,
			}
		)
	return sorted(out, key=lambda r: (-r["hours"], -r["contacts"], r["volunteer"]))
