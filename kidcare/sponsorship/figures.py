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
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Count, Sum
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


def by_child_and_year(areas: list[str] | None, child: str | None = None) -> dict:
	"""{(child, year): [pledged, received, disbursed]} in minor units, for the children of ``areas``
	(None: every child) or one ``child``. Three grouped queries, the area's children as a subquery."""
	p = precision()
	i = frappe.qb.DocType("Child Sponsorship Instalment")
	r = frappe.qb.DocType("Sponsorship Receipt")
	d = frappe.qb.DocType("Sponsorship Disbursement")
	profile = frappe.qb.DocType("Child Profile")
	in_areas = frappe.qb.from_(profile).select(profile.name).where(profile.care_area.isin(areas or [""]))

	def grouped(table, date, condition):
		query = frappe.qb.from_(table).select(table.child, Year(date), Sum(table.amount)).where(condition)
		if child:
			query = query.where(table.child == child)
		if areas is not None:
			query = query.where(table.child.isin(in_areas))
		return query.groupby(table.child, Year(date)).run()

	pledged = grouped(
		i, i.due_date, (i.parenttype == "Child Sponsorship") & (i.docstatus == 1) & (i.status != rules.WAIVED)
	)
	received = grouped(r, r.receipt_date, r.docstatus == 1)
	disbursed = grouped(d, d.disbursement_date, d.docstatus == 1)
	out: dict = {}
	for column, rows in enumerate((pledged, received, disbursed)):
		for name, year, amount in rows:
			out.setdefault((name, int(year)), [0, 0, 0])[column] += rules.to_units(flt(amount), p)
	return out


def fund_by_area_and_category(areas: list[str], year: int) -> list[tuple]:
	"""[(care area, category, children with a pledge due in the year, pledged, received, disbursed in the
	year, balance at its end)], summed in the database: one query over per-child subtotals, joined to the
	children of ``areas`` and their categories (a child in two categories counts under both)."""
	first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
	i = frappe.qb.DocType("Child Sponsorship Instalment")
	r = frappe.qb.DocType("Sponsorship Receipt")
	d = frappe.qb.DocType("Sponsorship Disbursement")
	child = frappe.qb.DocType("Child Profile")
	cat = frappe.qb.DocType("Child Profile Category")
	pledged = (
		frappe.qb.from_(i)
		.select(i.child, Sum(i.amount).as_("amount"))
		.where(
			(i.parenttype == "Child Sponsorship")
			& (i.docstatus == 1)
			& (i.status != rules.WAIVED)
			& (i.due_date >= first)
			& (i.due_date <= last)
		)
		.groupby(i.child)
	).as_("pledged")

	def money(table, date):
		return (
			frappe.qb.from_(table)
			.select(
				table.child,
				Sum(Case().when(date >= first, table.amount).else_(0)).as_("in_year"),
				Sum(table.amount).as_("to_date"),
			)
			.where((table.docstatus == 1) & (date <= last))
			.groupby(table.child)
		)

	received = money(r, r.receipt_date).as_("received")
	disbursed = money(d, d.disbursement_date).as_("disbursed")
	zero = lambda field: Coalesce(field, 0)  # noqa: E731
	return (
		frappe.qb.from_(child)
		.left_join(pledged)
		.on(pledged.child == child.name)
		.left_join(received)
		.on(received.child == child.name)
		.left_join(disbursed)
		.on(disbursed.child == child.name)
		.left_join(cat)
		.on(
			(cat.parent == child.name)
			& (cat.parenttype == "Child Profile")
			& (cat.parentfield == "categories")
		)
		.select(
			child.care_area,
			cat.category,
			Count(Case().when(pledged.amount > 0, child.name)).distinct(),
			Sum(zero(pledged.amount)),
			Sum(zero(received.in_year)),
			Sum(zero(disbursed.in_year)),
			Sum(zero(received.to_date) - zero(disbursed.to_date)),
		)
		.where(
			child.care_area.isin(areas or [""])
			& (pledged.child.isnotnull() | received.child.isnotnull() | disbursed.child.isnotnull())
		)
		.groupby(child.care_area, cat.category)
		.run()
	)


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
