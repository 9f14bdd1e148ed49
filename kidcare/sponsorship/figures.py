"""The figures behind the sponsorship reports and cards, set-based (one grouped query per kind of
money, whatever the number of children), scoped to the Care Areas the viewer may see.

- pledged: instalments of submitted pledges that are not cancelled, falling due in the year (an ended
  pledge counts up to its end);
- received: submitted receipts dated in the year;
- disbursed: submitted disbursements dated in the year;
- balance: everything received up to the year's end less everything disbursed up to it.
"""

import frappe
from frappe.query_builder.functions import Sum
from frappe.utils import flt
from pypika.terms import CustomFunction

from kidcare.rules import sponsorship as rules
from kidcare.sponsorship import precision


def permitted_areas(under: str | None = None) -> list[str]:
	"""The Care Areas the viewer may see (her User Permissions), under ``under`` when given."""
	filters = {}
	if under:
		lft, rgt = frappe.db.get_value("Care Area", under, ["lft", "rgt"]) or (0, 0)
		filters = {"lft": (">=", lft), "rgt": ("<=", rgt)}
	return frappe.get_list("Care Area", filters=filters, pluck="name", limit_page_length=0, order_by="lft")


Year = CustomFunction("YEAR", ["date"])


def by_child_and_year(areas: list[str] | None, child: str | None = None, sponsor: str | None = None) -> dict:
	"""{(child, year): [pledged, received, disbursed]} in minor units."""
	p = precision()
	s = frappe.qb.DocType("Child Sponsorship")
	i = frappe.qb.DocType("Child Sponsorship Instalment")
	r = frappe.qb.DocType("Sponsorship Receipt")
	d = frappe.qb.DocType("Sponsorship Disbursement")

	def scoped(query, table):
		if child:
			query = query.where(table.child == child)
		if areas is not None:
			query = query.where(table.care_area.isin(areas or [""]))
		if sponsor and table is not d:
			query = query.where(table.sponsor == sponsor)
		return query

	pledged = scoped(
		frappe.qb.from_(i)
		.join(s)
		.on(s.name == i.parent)
		.select(s.child, Year(i.due_date), Sum(i.amount))
		.where(
			(i.parenttype == "Child Sponsorship")
			& (s.docstatus == 1)
			& (s.ended_on.isnull() | (i.due_date <= s.ended_on))
		)
		.groupby(s.child, Year(i.due_date)),
		s,
	).run()
	received = scoped(
		frappe.qb.from_(r)
		.select(r.child, Year(r.receipt_date), Sum(r.amount))
		.where(r.docstatus == 1)
		.groupby(r.child, Year(r.receipt_date)),
		r,
	).run()
	disbursed = []
	if not sponsor:
		disbursed = scoped(
			frappe.qb.from_(d)
			.select(d.child, Year(d.disbursement_date), Sum(d.amount))
			.where(d.docstatus == 1)
			.groupby(d.child, Year(d.disbursement_date)),
			d,
		).run()
	out: dict = {}
	for column, rows in enumerate((pledged, received, disbursed)):
		for name, year, amount in rows:
			out.setdefault((name, int(year)), [0, 0, 0])[column] += rules.to_units(flt(amount), p)
	return out


def ledger_rows(figures: dict) -> list[dict]:
	"""Per child and year, with the running balance (received less disbursed to the year's end)."""
	p = precision()
	rows, balance, last = [], 0, None
	for (child, year), (pledged, received, disbursed) in sorted(figures.items()):
		if child != last:
			balance, last = 0, child
		balance += received - disbursed
		rows.append(
			{
				"child": child,
				"year": year,
				"pledged": rules.from_units(pledged, p),
				"received": rules.from_units(received, p),
				"disbursed": rules.from_units(disbursed, p),
				"balance": rules.from_units(balance, p),
			}
		)
	return rows
