"""kidcare's own ledger: what came in for a child, what reached her family, what is left. Computed from
the submitted receipts and disbursements (set-based), whether or not ERPNext keeps books beside it."""

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Sum
from frappe.utils import flt, getdate, today

from kidcare.rules import sponsorship as rules
from kidcare.sponsorship import precision


def received(child: str, lock: bool = False) -> float:
	r = frappe.qb.DocType("Sponsorship Receipt")
	query = (
		frappe.qb.from_(r).select(Coalesce(Sum(r.amount), 0)).where((r.child == child) & (r.docstatus == 1))
	)
	return flt((query.for_update() if lock else query).run()[0][0])


def disbursed(child: str, exclude: str | None = None, lock: bool = False) -> float:
	d = frappe.qb.DocType("Sponsorship Disbursement")
	query = (
		frappe.qb.from_(d).select(Coalesce(Sum(d.amount), 0)).where((d.child == child) & (d.docstatus == 1))
	)
	if exclude:
		query = query.where(d.name != exclude)
	return flt((query.for_update() if lock else query).run()[0][0])


def balance(child: str, exclude: str | None = None, lock: bool = False) -> float:
	"""Received minus disbursed, in the site's currency precision. With ``lock`` (the child's row locked
	first), locking reads: they see what the previous holder of the lock committed, where a plain read
	would see the transaction's REPEATABLE READ snapshot."""
	p = precision()
	return rules.from_units(
		rules.to_units(received(child, lock), p) - rules.to_units(disbursed(child, exclude, lock), p), p
	)


def refresh_sponsorship(name: str):
	"""Fill the pledge's instalments from the money received against it (oldest first), flag what is
	overdue, and set its totals and status. One query for the money, one update per changed row."""
	doc = frappe.get_doc("Child Sponsorship", name, for_update=True)
	r = frappe.qb.DocType("Sponsorship Receipt")
	total = flt(
		frappe.qb.from_(r)
		.select(Coalesce(Sum(r.amount), 0))
		.where((r.sponsorship == name) & (r.docstatus == 1))
		.for_update()  # a locking read: sees a receipt another session just committed
		.run()[0][0]
	)
	p = precision()
	day = getdate(today())
	rows = sorted(
		(row for row in doc.instalments if row.status != rules.WAIVED),
		key=lambda row: (getdate(row.due_date), row.idx),
	)
	overdue = 0
	for row, paid in zip(rows, rules.fill([row.amount for row in rows], total, p), strict=True):
		status = rules.instalment_status(row.amount, paid, getdate(row.due_date), day, p)
		if status == rules.OVERDUE:
			overdue += rules.to_units(row.amount, p) - rules.to_units(paid, p)
		if flt(row.paid_amount, p) != paid or row.status != status:
			row.db_set({"paid_amount": paid, "status": status}, update_modified=False)
	status = rules.sponsorship_status(doc.docstatus, bool(doc.ended_on), total)
	doc.db_set(
		{"received_total": total, "overdue_amount": rules.from_units(overdue, p), "status": status},
		update_modified=False,
	)
	return doc


def outstanding(name: str, lock: bool = False) -> float:
	pledged, got = frappe.db.get_value(
		"Child Sponsorship", name, ["pledged_total", "received_total"], for_update=lock
	)
	p = precision()
	return rules.from_units(rules.to_units(pledged, p) - rules.to_units(got, p), p)


def no_money_message() -> str:
	return _("The amount must be greater than zero.")
