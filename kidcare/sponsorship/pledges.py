"""Pledges: the standard, who may be sponsored, the cap over overlapping periods, the child's state."""

import frappe
from frappe import _
from frappe.utils import flt, getdate, today

from kidcare.rules import child as child_rules
from kidcare.rules import sponsorship as rules
from kidcare.sponsorship import precision


def standard() -> float:
	return flt(frappe.db.get_single_value("KidCare Settings", "sponsorship_standard")) or 3000.0


def priority_categories() -> set[str]:
	return set(
		frappe.get_all(
			"Child Sponsorship Category",
			filters={"parenttype": "KidCare Settings", "parentfield": "sponsorship_categories"},
			pluck="category",
		)
	)


def child_categories(child: str) -> set[str]:
	return set(
		frappe.get_all(
			"Child Profile Category",
			filters={"parenttype": "Child Profile", "parent": child, "parentfield": "categories"},
			pluck="category",
		)
	)


def is_eligible(child: str, status: str | None = None) -> bool:
	status = status or frappe.db.get_value("Child Profile", child, "status")
	return rules.eligible(child_categories(child), priority_categories(), status in child_rules.FINAL)


def holding_periods(child: str, exclude: str | None = None, lock: bool = False) -> list[tuple]:
	"""[(first day, last day, annual amount)] of the child's pledges that hold her standard. With
	``lock``, a locking read: it sees what a transaction that held the child's lock just committed
	(a plain read would see the snapshot of REPEATABLE READ)."""
	s = frappe.qb.DocType("Child Sponsorship")
	query = (
		frappe.qb.from_(s)
		.select(s.start_date, s.ended_on, s.end_date, s.annual_amount)
		.where((s.child == child) & (s.docstatus == 1) & s.status.isin(rules.HOLDING))
	)
	if exclude:
		query = query.where(s.name != exclude)
	if lock:
		query = query.for_update()
	return [
		(getdate(start), getdate(ended_on or end), flt(amount))
		for start, ended_on, end, amount in query.run()
	]


def lock_child(child: str):
	"""Two pledges (or disbursements) for one child are checked one after the other: the second waits
	for the first's transaction and then sees it."""
	frappe.qb.from_("Child Profile").select("name").where(frappe.qb.Field("name") == child).for_update().run()


def check_cap(doc):
	"""No day of the pledge's period may promise the child more than the standard (several sponsors may
	share it). Call with the child's row locked."""
	free = rules.may_pledge(
		holding_periods(doc.child, exclude=doc.name, lock=True),
		getdate(doc.start_date),
		getdate(doc.end_date),
		flt(doc.annual_amount),
		standard(),
		precision(),
	)
	if free < 0:
		frappe.throw(
			_(
				"{0} is already sponsored for this period: together with this pledge of {1} a year the child "
				"would be promised more than the standard of {2} a year ({3} too much)."
			).format(
				doc.child_alias or doc.child,
				frappe.format_value(doc.annual_amount, {"fieldtype": "Currency"}),
				frappe.format_value(standard(), {"fieldtype": "Currency"}),
				frappe.format_value(-free, {"fieldtype": "Currency"}),
			),
			title=_("Child already sponsored"),
		)


def update_child_state(child: str, status: str | None = None):
	"""The child's sponsorship state from her pledges holding today (set by the program only)."""
	status = status or frappe.db.get_value("Child Profile", child, "status")
	day = getdate(today())
	pledged = sum(amount for first, last, amount in holding_periods(child) if first <= day <= last)
	state = rules.child_state(
		status not in child_rules.FINAL, is_eligible(child, status), pledged, standard(), precision()
	)
	if frappe.db.get_value("Child Profile", child, "sponsorship_status") != (state or None):
		frappe.db.set_value(
			"Child Profile", child, "sponsorship_status", state or None, update_modified=False
		)


def on_child_update(doc, method=None):
	"""doc_events Child Profile on_update: a child who exits or ages out ends her sponsorships (Exit
	Request approval and the aged-out job both move her through ``move_to``, which saves)."""
	if not doc.has_value_changed("status"):
		return
	reason = rules.end_reason_for_child_status(doc.status, child_rules.EXITED, child_rules.AGED_OUT)
	if reason:
		names = frappe.get_all(
			"Child Sponsorship",
			filters={"child": doc.name, "docstatus": 1, "status": ("in", rules.HOLDING)},
			pluck="name",
		)
		for name in names:
			frappe.get_doc("Child Sponsorship", name).end(reason)
	if names_exist(doc.name):
		update_child_state(doc.name, doc.status)


def names_exist(child: str) -> bool:
	return bool(frappe.db.exists("Child Sponsorship", {"child": child, "docstatus": 1}))


def eligible_children(care_area: str | None = None, limit: int = 5) -> list[dict]:
	"""Children in the program whom the standard is not yet fully pledged for, in the priority
	categories: what a sponsor whose child left is offered (alias, age and area only)."""
	child = frappe.qb.DocType("Child Profile")
	cat = frappe.qb.DocType("Child Profile Category")
	query = (
		frappe.qb.from_(child)
		.select(child.name, frappe.qb.Field("alias", table=child), child.date_of_birth, child.care_area)
		.where(
			child.status.isin(child_rules.ENROLLED)
			& (
				child.sponsorship_status.isnull()
				| child.sponsorship_status.isin(("", rules.AWAITING_SPONSOR))
			)
		)
		.orderby(child.creation)
		.limit(limit)
	)
	priority = priority_categories()
	if priority:
		query = query.where(
			child.name.isin(
				frappe.qb.from_(cat)
				.select(cat.parent)
				.where((cat.parenttype == "Child Profile") & cat.category.isin(list(priority)))
			)
		)
	if care_area:
		area = frappe.qb.DocType("Care Area")
		lft, rgt = frappe.db.get_value("Care Area", care_area, ["lft", "rgt"]) or (0, 0)
		query = query.where(
			child.care_area.isin(
				frappe.qb.from_(area).select(area.name).where((area.lft >= lft) & (area.rgt <= rgt))
			)
		)
	day = getdate(today())
	return [
		{
			"child": r.name,
			"alias": r.alias,
			"age": child_rules.age_on(getdate(r.date_of_birth), day) if r.date_of_birth else None,
			"care_area": r.care_area,
		}
		for r in query.run(as_dict=True)
	]
