# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

"""Child Demand Resolution: demands raised in a period, by area (one level below the viewer's, never finer
than a street), need area and status, with how many were solved, at which level, and the average days
from raising to solution: the figures the programs publish ("32 demands uploaded, all solved").

One grouped query over the demands of the areas the viewer may see (a permission-aware list of Care Areas)."""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Avg, Count, Sum
from frappe.utils import add_months, getdate, today
from pypika.terms import CustomFunction, LiteralValue

from kidcare.kidcare.doctype.care_area.care_area import area_titles, breakdown_by_area

TIMESTAMPDIFF = CustomFunction("TIMESTAMPDIFF", ["unit", "start", "end"])


def execute(filters=None):
	filters = frappe._dict(filters or {})
	to_date = getdate(filters.to_date or today())
	from_date = getdate(filters.from_date or add_months(to_date, -12))
	return columns(), rows(from_date, to_date, permitted_areas(filters.care_area))


def columns():
	return [
		{
			"fieldname": "area",
			"label": _("Area", context="Child Demand Resolution"),
			"fieldtype": "Link",
			"options": "Care Area",
			"width": 140,
		},
		{"fieldname": "area_name", "label": _("Care Area Name"), "fieldtype": "Data", "width": 140},
		{
			"fieldname": "need_area",
			"label": _("Need Area", context="Child Demand"),
			"fieldtype": "Data",
			"width": 150,
		},
		{
			"fieldname": "status",
			"label": _("Status", context="Child Demand"),
			"fieldtype": "Data",
			"width": 120,
		},
		{"fieldname": "demands", "label": _("Demands Raised"), "fieldtype": "Int", "width": 110},
		{"fieldname": "solved", "label": _("Demands Solved"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "solved_by_claim",
			"label": _("Solved by a Claimant"),
			"fieldtype": "Int",
			"width": 130,
		},
		{
			"fieldname": "avg_days",
			"label": _("Average Days to Resolution"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 170,
		},
	]


def permitted_areas(under: str | None) -> list[str]:
	filters = {}
	if under:
		lft, rgt = frappe.db.get_value("Care Area", under, ["lft", "rgt"])
		filters = {"lft": (">=", lft), "rgt": ("<=", rgt)}
	return frappe.get_list("Care Area", filters=filters, pluck="name", limit_page_length=0)


def rows(from_date, to_date, areas: list[str]) -> list[dict]:
	if not areas:
		return []
	demand = frappe.qb.DocType("Child Demand")
	solved = demand.docstatus == 1
	grouped = (
		frappe.qb.from_(demand)
		.select(
			demand.care_area,
			demand.need_area,
			demand.status,
			Count(demand.name),
			Sum(Case().when(solved, 1).else_(0)),
			Sum(Case().when(solved & demand.claimed_by_user.isnotnull(), 1).else_(0)),
			Avg(Case().when(solved, TIMESTAMPDIFF(LiteralValue("HOUR"), demand.creation, demand.solved_on))),
		)
		.where(
			(demand.docstatus < 2)
			& (demand.creation >= from_date)
			& (demand.creation < frappe.utils.add_days(to_date, 1))
			& demand.care_area.isin(areas)
		)
		.groupby(demand.care_area, demand.need_area, demand.status)
		.run()
	)
	group_of = breakdown_by_area(areas)
	totals: dict[tuple, list] = {}
	for area, need_area, status, count, n_solved, by_claim, avg_hours in grouped:
		key = (group_of.get(area, area), need_area or "", status)
		row = totals.setdefault(key, [0, 0, 0, 0.0])
		row[0] += count
		row[1] += int(n_solved or 0)
		row[2] += int(by_claim or 0)
		row[3] += float(avg_hours or 0) * int(n_solved or 0)
	titles = area_titles({k[0] for k in totals})
	return [
		{
			"area": area,
			"area_name": titles[area],
			"need_area": _(need_area) if need_area else "",
			"status": _(status, context="Child Demand"),
			"demands": count,
			"solved": n_solved,
			"solved_by_claim": by_claim,
			"avg_days": round(hours / n_solved / 24, 1) if n_solved else None,
		}
		for (area, need_area, status), (count, n_solved, by_claim, hours) in sorted(
			totals.items(), key=lambda item: (titles[item[0][0]], item[0][1], item[0][2])
		)
	]
