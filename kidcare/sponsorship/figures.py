"""The figures behind the sponsorship reports and cards: a few grouped queries whatever the number of
children, each on one table (no join over the instalments), scoped afterwards to the children of the
Care Areas the viewer may see.

- pledged: instalments of submitted pledges falling due in the year, less those waived when a pledge
  ended early;
- received: submitted receipts dated in the year;
- disbursed: submitted disbursements dated in the year;
- balance: everything received up to the year's end less everything disbursed up to it.
"""

import datetime

import frappe
from frappe.query_builder.functions import Sum
from frappe.utils import flt
from pypika.terms import CustomFunction

from kidcare.rules import sponsorship as rules
from kidcare.sponsorship import precision

Year = CustomFunction("YEAR", ["date"])


def permitted_areas(under: str | None = None) -> list[str]:
	"""The Care Areas the viewer may see (her User Permissions), under ``under`` when given."""
	filters = {}
	if under:
		lft, rgt = frappe.db.get_value("Care Area", under, ["lft", "rgt"]) or (0, 0)
		filters = {"lft": (">=", lft), "rgt": ("<=", rgt)}
	return frappe.get_list("Care Area", filters=filters, pluck="name", limit_page_length=0, order_by="lft")


def children_in(areas: list[str]) -> dict[str, str]:
	"""child -> Care Area, for the children of ``areas``."""
	if not areas:
		return {}
	child = frappe.qb.DocType("Child Profile")
	return dict(
		frappe.qb.from_(child).select(child.name, child.care_area).where(child.care_area.isin(areas)).run()
	)


def by_child_and_year(
	children: set[str] | None, child: str | None = None, until: datetime.date | None = None, since=None
) -> dict:
	"""{(child, year): [pledged, received, disbursed]} in minor units, for ``children`` (None: all) or
	one ``child``; money dated up to ``until``, instalments due from ``since`` (both optional)."""
	p = precision()
	i = frappe.qb.DocType("Child Sponsorship Instalment")
	r = frappe.qb.DocType("Sponsorship Receipt")
	d = frappe.qb.DocType("Sponsorship Disbursement")

	def grouped(table, date, condition, lower=None):
		query = frappe.qb.from_(table).select(table.child, Year(date), Sum(table.amount)).where(condition)
		if child:
			query = query.where(table.child == child)
		if until:
			query = query.where(date <= until)
		if lower:
			query = query.where(date >= lower)
		return query.groupby(table.child, Year(date)).run()

	pledged = grouped(
		i,
		i.due_date,
		(i.parenttype == "Child Sponsorship") & (i.docstatus == 1) & (i.status != rules.WAIVED),
		since,
	)
	received = grouped(r, r.receipt_date, r.docstatus == 1)
	disbursed = grouped(d, d.disbursement_date, d.docstatus == 1)
	out: dict = {}
	for column, rows in enumerate((pledged, received, disbursed)):
		for name, year, amount in rows:
			if children is None or name in children:
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
