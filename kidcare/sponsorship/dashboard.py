"""The workspace chart of sponsorship: per area (the level below the viewer's), children sponsored and
children eligible still waiting for a sponsor. Two grouped queries."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count

from kidcare.kidcare.doctype.care_area.care_area import area_titles, breakdown_by_area
from kidcare.permissions import require_staff
from kidcare.rules import child as child_rules
from kidcare.rules import sponsorship as rules
from kidcare.sponsorship.figures import permitted_areas
from kidcare.sponsorship.pledges import priority_categories


@frappe.whitelist()
def sponsored_vs_eligible(**chart_args) -> dict:
	require_staff()
	areas = permitted_areas()
	child = frappe.qb.DocType("Child Profile")
	cat = frappe.qb.DocType("Child Profile Category")
	sponsored: dict[str, int] = {}
	waiting: dict[str, int] = {}
	if areas:
		group_of = breakdown_by_area(areas)
		in_program = child.status.isin(child_rules.ENROLLED) & child.care_area.isin(areas)
		is_sponsored = child.sponsorship_status.isin((rules.SPONSORED, rules.PARTLY_SPONSORED))
		for target, condition in (
			(sponsored, is_sponsored),
			(waiting, ~is_sponsored | child.sponsorship_status.isnull()),
		):
			query = (
				frappe.qb.from_(child)
				.select(child.care_area, Count(child.name))
				.where(in_program & condition)
			)
			priority = priority_categories()
			if target is waiting and priority:
				query = query.where(
					child.name.isin(
						frappe.qb.from_(cat)
						.select(cat.parent)
						.where((cat.parenttype == "Child Profile") & cat.category.isin(list(priority)))
					)
				)
			for area, n in query.groupby(child.care_area).run():
				group = group_of.get(area, area)
				target[group] = target.get(group, 0) + n
	titles = area_titles({**sponsored, **waiting})
	groups = sorted({*sponsored, *waiting}, key=lambda g: (titles[g], g))
	return {
		"labels": [titles[g] for g in groups],
		"datasets": [
			{
				"name": _("Sponsored", context="Child Profile"),
				"values": [sponsored.get(g, 0) for g in groups],
			},
			{"name": _("Children Awaiting a Sponsor"), "values": [waiting.get(g, 0) for g in groups]},
		],
	}
