"""The coming activities from her phone: what is planned for her children's areas, with, for each of her
children it is organised for, whether the child is signed up, waiting or free to sign up. Signing up and
cancelling are kidcare.resources.activities.sign_up / cancel_sign_up (the same door as the desk's, which
locks the activity and keeps the waiting list)."""

import frappe
from frappe import _

from kidcare.resources.activities import open_activities
from kidcare.rules import activity as rules
from kidcare.volunteer_app import current_volunteer

#: what a sign-up's status is called on her phone
SHOWN = (rules.SIGNED_UP, rules.WAITING)


@frappe.whitelist()
def get_activities() -> list[dict]:
	volunteer = current_volunteer()
	rows = open_activities()
	pairing = frappe.qb.DocType("Care Pairing")
	child = frappe.qb.DocType("Child Profile")
	area = frappe.qb.DocType("Care Area")
	children = (
		frappe.qb.from_(pairing)
		.join(child)
		.on(child.name == pairing.child)
		.join(area)
		.on(area.name == child.care_area)
		# child.alias would be pypika's own attribute, not the column
		.select(child.name, child["alias"], child.full_name, area.lft, area.rgt)
		.where(
			(pairing.volunteer == volunteer.name) & (pairing.docstatus == 1) & (pairing.status == "Active")
		)
		.orderby(pairing.start_date)
		.run(as_dict=True)
	)
	activity = frappe.qb.DocType("Care Activity")
	bounds = {
		name: (lft, rgt)
		for name, lft, rgt in (
			frappe.qb.from_(activity)
			.join(area)
			.on(area.name == activity.care_area)
			.select(activity.name, area.lft, area.rgt)
			.where(activity.name.isin([r.name for r in rows] or ["-"]))
			.run()
		)
	}
	result = []
	for row in rows:
		lft, rgt = bounds.get(row.name, (None, None))
		if lft is None:
			continue
		mine = {s.child: s.signup_status for s in row.my_sign_ups}
		result.append(
			{
				"name": row.name,
				"activity_name": row.activity_name,
				"starts_at": str(row.starts_at)[:16],
				"ends_at": str(row.ends_at)[:16] if row.ends_at else "",
				"place": row.space_name or row.venue or "",
				"address": row.address or "",
				"audience": row.audience or "",
				"is_memorable": bool(row.is_memorable),
				"capacity": row.capacity,
				"free_places": row.free_places,
				"children": [
					{
						"child": c.name,
						"name": c.alias or c.full_name,
						"status": mine.get(c.name) if mine.get(c.name) in SHOWN else None,
						"status_label": _(mine[c.name], context="Care Activity Signup")
						if mine.get(c.name) in SHOWN
						else "",
					}
					for c in children
					if lft <= c.lft and c.rgt <= rgt
				],
			}
		)
	return result
