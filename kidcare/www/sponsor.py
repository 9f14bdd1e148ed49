"""A sponsor's own page (/sponsor): her pledges, what fell due and what she paid, what reached the
family and what is held for the child, her receipts with their acknowledgement, and, when a pledge ended
because the child left the program, children waiting for a sponsor.

Of a child it shows only what the program allows a sponsor (kidcare/sponsorship/permissions.py): her
alias, age and area; never her name, record, ID number, address or guardian, nor any disbursement's
record (who received it, evidence): only the totals that reached the family. A login that is no
sponsor's (staff, volunteers, guardians, other website users) sees none of it; a guest is sent to log in.
"""

from urllib.parse import quote

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Sum
from frappe.utils import flt, getdate, today

from kidcare.rules import sponsorship as rules
from kidcare.sponsorship import precision
from kidcare.sponsorship.permissions import SPONSOR_ROLE
from kidcare.sponsorship.pledges import eligible_children

no_cache = 1


def get_context(context):
	context.no_cache = 1
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=" + quote("/sponsor")
		raise frappe.Redirect
	context.title = _("My Sponsorships")
	context.show_sidebar = False
	sponsors = (
		frappe.get_all("Care Sponsor", filters={"user": frappe.session.user}, pluck="name")
		if SPONSOR_ROLE in frappe.get_roles()
		else []
	)
	context.is_sponsor = bool(sponsors)
	context.pledges, context.receipts, context.offers = [], [], []
	if sponsors:
		context.update(sponsor_figures(sponsors))
	return context


def sponsor_figures(sponsors: list[str]) -> dict:
	p = precision()
	day = getdate(today())
	fields = ["name", "child", "child_alias", "child_birth_year", "care_area", "annual_amount", "plan",
		"start_date", "end_date", "ended_on", "end_reason", "status", "pledged_total", "received_total"]  # fmt: skip
	pledges = frappe.get_all(
		"Child Sponsorship",
		filters={"sponsor": ("in", sponsors), "docstatus": 1},
		fields=fields,
		order_by="start_date desc",
	)
	names = [s.name for s in pledges] or [""]
	children = list({s.child for s in pledges}) or [""]
	i = frappe.qb.DocType("Child Sponsorship Instalment")
	is_due = (i.status != rules.WAIVED) & (i.due_date <= day)
	due = {
		parent: (n_due, flt(due_amount), n_paid, flt(owed))
		for parent, n_due, due_amount, n_paid, owed in frappe.qb.from_(i)
		.select(
			i.parent,
			Count(Case().when(is_due, 1)),
			Sum(Case().when(is_due, i.amount).else_(0)),
			Count(Case().when(i.status == rules.PAID, 1)),
			Sum(Case().when(i.status != rules.WAIVED, i.amount).else_(0)),
		)
		.where((i.parenttype == "Child Sponsorship") & i.parent.isin(names))
		.groupby(i.parent)
		.run()
	}
	y = frappe.qb.DocType("Child Sponsorship Year")
	money = {
		child: (flt(received), flt(disbursed))
		for child, received, disbursed in frappe.qb.from_(y)
		.select(y.child, Sum(y.received), Sum(y.disbursed))
		.where(y.child.isin(children))
		.groupby(y.child)
		.run()
	}
	areas = dict(
		frappe.get_all(
			"Care Area",
			filters={"name": ("in", list({s.care_area for s in pledges}) or [""])},
			fields=["name", "care_area_name"],
			as_list=True,
		)
	)
	rows = []
	for s in pledges:
		n_due, due_amount, n_paid, owed = due.get(s.name, (0, 0, 0, 0))
		received, disbursed = money.get(s.child, (0, 0))
		rows.append(
			{
				"name": s.name,
				"alias": s.child_alias,
				"age": day.year - s.child_birth_year if s.child_birth_year else None,
				"area": areas.get(s.care_area) or "",
				"annual_amount": s.annual_amount,
				"plan": _(s.plan, context="Child Sponsorship"),
				"start_date": s.start_date,
				"end_date": s.ended_on or s.end_date,
				"status": _(s.status, context="Child Sponsorship"),
				"end_reason": _(s.end_reason, context="Child Sponsorship") if s.end_reason else "",
				"instalments_due": n_due,
				"instalments_paid": n_paid,
				"due_amount": due_amount,
				"paid": flt(s.received_total, p),
				"outstanding": flt(owed - flt(s.received_total), p),
				"child_received": received,
				"child_disbursed": disbursed,
				"child_balance": flt(received - disbursed, p),
			}
		)
	receipts = frappe.get_all(
		"Sponsorship Receipt",
		filters={"sponsorship": ("in", names), "docstatus": 1},
		fields=["name", "receipt_date", "amount", "child_alias", "sponsorship"],
		order_by="receipt_date desc",
	)
	left = [s for s in pledges if s.end_reason in (rules.CHILD_EXITED, rules.CHILD_AGED_OUT)]
	holding = [s for s in pledges if s.status in rules.HOLDING]
	offers = []
	if left and not holding:
		offers = [
			{"alias": o["alias"], "age": o["age"], "area": o["care_area"]} for o in eligible_children(limit=3)
		]
		titles = dict(
			frappe.get_all(
				"Care Area",
				filters={"name": ("in", [o["area"] for o in offers] or [""])},
				fields=["name", "care_area_name"],
				as_list=True,
			)
		)
		for o in offers:
			o["area"] = titles.get(o["area"]) or ""
	return {"pledges": rows, "receipts": receipts, "offers": offers}
