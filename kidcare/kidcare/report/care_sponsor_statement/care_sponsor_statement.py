# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

"""Care Sponsor Statement: one sponsor's pledges, instalments due and money paid in, in date order, with
what remains outstanding. Two queries; the sponsor must be one the viewer may read, and only the
pledges the viewer may read are shown (a sponsor of her area may fund a child of another)."""

import frappe
from frappe import _
from frappe.utils import flt, getdate

from kidcare.rules import sponsorship as rules
from kidcare.sponsorship import precision


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not filters.sponsor:
		return columns(), []
	frappe.has_permission("Care Sponsor", "read", filters.sponsor, throw=True)
	# only the pledges the viewer may read: a sponsor of her area may fund a child of another
	visible = frappe.get_list(
		"Child Sponsorship", filters={"sponsor": filters.sponsor}, pluck="name", limit_page_length=0
	)
	return columns(), statement(filters.sponsor, visible)


def statement(sponsor: str, sponsorships: list[str]) -> list[dict]:
	if not sponsorships:
		return []
	p = precision()
	s = frappe.qb.DocType("Child Sponsorship")
	i = frappe.qb.DocType("Child Sponsorship Instalment")
	r = frappe.qb.DocType("Sponsorship Receipt")
	due = (
		frappe.qb.from_(i)
		.join(s)
		.on(s.name == i.parent)
		.select(i.due_date, s.name, s.child_alias, i.amount)
		.where(
			(i.parenttype == "Child Sponsorship")
			& (s.sponsor == sponsor)
			& s.name.isin(sponsorships)
			& (s.docstatus == 1)
			& (s.ended_on.isnull() | (i.due_date <= s.ended_on))
		)
		.run()
	)
	paid = (
		frappe.qb.from_(r)
		.select(r.receipt_date, r.sponsorship, r.child_alias, r.amount, r.name)
		.where((r.sponsor == sponsor) & r.sponsorship.isin(sponsorships) & (r.docstatus == 1))
		.run()
	)
	entries = [
		(getdate(d), 0, sp, alias, rules.to_units(flt(a), p), 0, _("Instalment due"))
		for d, sp, alias, a in due
	]
	entries += [
		(getdate(d), 1, sp, alias, 0, rules.to_units(flt(a), p), name) for d, sp, alias, a, name in paid
	]
	rows, outstanding = [], 0
	for day, _order, sponsorship, alias, pledged, received, what in sorted(entries, key=lambda e: e[:3]):
		outstanding += pledged - received
		rows.append(
			{
				"date": day,
				"sponsorship": sponsorship,
				"child_alias": alias,
				"entry": what,
				"pledged": rules.from_units(pledged, p),
				"received": rules.from_units(received, p),
				"outstanding": rules.from_units(outstanding, p),
			}
		)
	return rows


def columns():
	money = {"fieldtype": "Currency", "width": 130}
	return [
		{"fieldname": "date", "label": _("Date"), "fieldtype": "Date", "width": 100},
		{
			"fieldname": "sponsorship",
			"label": _("Sponsorship"),
			"fieldtype": "Link",
			"options": "Child Sponsorship",
			"width": 150,
		},
		{"fieldname": "child_alias", "label": _("Child Alias"), "fieldtype": "Data", "width": 110},
		{
			"fieldname": "entry",
			"label": _("Entry", context="Care Sponsor Statement"),
			"fieldtype": "Data",
			"width": 150,
		},
		{"fieldname": "pledged", "label": _("Pledged", context="Child Sponsorship Ledger"), **money},
		{"fieldname": "received", "label": _("Received", context="Child Sponsorship Ledger"), **money},
		{"fieldname": "outstanding", "label": _("Outstanding", context="Care Sponsor Statement"), **money},
	]
