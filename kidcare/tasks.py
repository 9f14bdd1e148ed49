"""Scheduler jobs (hooks.scheduler_events)."""

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Count, Sum
from frappe.utils import getdate, now, today

from kidcare.rules import child as child_rules
from kidcare.rules import compliance


def mark_aged_out() -> int:
	"""Daily: children who turned 18 leave the program as Aged Out. Returns how many."""
	cutoff = child_rules.born_on_or_before_for_adults(getdate(today()))
	names = frappe.get_all(
		"Child Profile",
		filters={"date_of_birth": ("<=", cutoff), "status": ("not in", child_rules.FINAL)},
		pluck="name",
	)
	# few children turn 18 on any one day: each goes through the documents' own API
	reason = _("Turned 18 and aged out of the program.")
	for name in names:
		child = frappe.get_doc("Child Profile", name)
		if child.current_pairing:
			frappe.get_doc("Care Pairing", child.current_pairing).end(reason, child_status=child_rules.AGED_OUT)
		frappe.get_doc("Child Profile", name).move_to(child_rules.AGED_OUT, reason)
	return len(names)


def create_monthly_reviews(period=None) -> int:
	"""One Monthly Review per pairing active in the month (``period``, default: the month whose creation
	day has come), with its contacts counted and compliance set. Idempotent: a review's name is its
	pairing and month, and existing ones are left alone. Three queries and one bulk insert, whatever
	the number of pairings. Returns how many were created."""
	settings = frappe.get_cached_doc("KidCare Settings")
	day = getdate(today())
	if period:
		period = compliance.month_start(getdate(period))
	elif day.day >= settings.review_creation_day:
		period = compliance.month_start(day)
	else:
		period = compliance.previous_month(day)
	first, last = compliance.month_start(period), compliance.month_end(period)

	pairing = frappe.qb.DocType("Care Pairing")
	contact = frappe.qb.DocType("Care Contact")
	rows = (
		frappe.qb.from_(pairing)
		.left_join(contact)
		.on((contact.pairing == pairing.name) & (contact.contact_date >= first) & (contact.contact_date <= last))
		.select(
			pairing.name,
			pairing.child,
			pairing.child_name,
			pairing.volunteer,
			pairing.care_area,
			Count(contact.name),
			Coalesce(Sum(contact.duration_minutes), 0),
		)
		.where(
			(pairing.docstatus == 1)
			& pairing.status.isin(("Active", "Ended"))
			& (pairing.start_date <= last)
			& (pairing.end_date.isnull() | (pairing.end_date >= first))
		)
		.groupby(pairing.name)
		.run()
	)
	suffix = f"-{period:%Y%m}"
	review = frappe.qb.DocType("Monthly Review")
	existing = set(
		frappe.qb.from_(review).select(review.name).where(review.period == first).run(pluck=True)
	)
	state, status = first_workflow_state("Monthly Review")
	due = compliance.review_due(first, settings.review_due_days)
	stamp = now()
	fields = [
		"name", "creation", "modified", "owner", "modified_by", "docstatus", "pairing", "child", "child_name",
		"volunteer", "care_area", "period", "due_date", "status", "workflow_state", "contacts_count",
		"contact_minutes", "compliance",
	]  # fmt: skip
	values = [
		(
			name + suffix, stamp, stamp, "Administrator", "Administrator", 0, name, child, child_name,
			volunteer, area, first, due, status, state, count, int(minutes),
			compliance.month_compliance(count, settings.min_contacts_per_month),
		)  # fmt: skip
		for name, child, child_name, volunteer, area, count, minutes in rows
		if name + suffix not in existing
	]
	frappe.db.bulk_insert("Monthly Review", fields, values, ignore_duplicates=True)
	return len(values)


def first_workflow_state(doctype: str) -> tuple[str | None, str]:
	"""The state a new document enters and the status that state sets, read from the active workflow
	(whatever an administrator has named it)."""
	from frappe.model.workflow import get_workflow, get_workflow_name

	if not get_workflow_name(doctype):
		return None, "Open"
	first = get_workflow(doctype).states[0]
	return first.state, (first.update_value if first.update_field == "status" else None) or "Open"
