"""The figures behind the sponsorship reports: one grouped query whatever the number of children, over
the children's yearly subtotals (Child Sponsorship Year, kept exact by kidcare/sponsorship/subtotals.py),
scoped to the children of the Care Areas the viewer may see.

- pledged: instalments of submitted pledges falling due in the year, less those waived when a pledge
  ended early;
- received: submitted receipts dated in the year;
- disbursed: submitted disbursements dated in the year;
- balance: everything received up to the year's end less everything disbursed up to it.
"""

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Sum
from pypika.terms import CustomFunction

from kidcare.rules import sponsorship as rules
from kidcare.sponsorship import precision

Round = CustomFunction("ROUND", ["amount"])


def permitted_areas(under: str | None = None) -> list[str]:
	"""The Care Areas the viewer may see (her User Permissions), under ``under`` when given."""
	filters = {}
	if under:
		lft, rgt = frappe.db.get_value("Care Area", under, ["lft", "rgt"]) or (0, 0)
		filters = {"lft": (">=", lft), "rgt": ("<=", rgt)}
	return frappe.get_list("Care Area", filters=filters, pluck="name", limit_page_length=0, order_by="lft")


def by_child_and_year(areas: list[str] | None, child: str | None = None) -> dict:
	"""{(child, year): [pledged, received, disbursed]} in minor units, for the children of ``areas``
	(None: every child) or one ``child``: one query over the children's yearly subtotals
	(kidcare/sponsorship/subtotals.py), the area's children as a subquery."""
	p = precision()
	t = frappe.qb.DocType("Child Sponsorship Year")
	profile = frappe.qb.DocType("Child Profile")
	units = lambda field: Round(field * 10**p)  # noqa: E731  exact: the columns hold amounts at precision
	query = frappe.qb.from_(t).select(
		t.child, t.year, units(t.pledged), units(t.received), units(t.disbursed)
	)
	if child:
		query = query.where(t.child == child)
	if areas is not None:
		in_areas = frappe.qb.from_(profile).select(profile.name).where(profile.care_area.isin(areas or [""]))
		query = query.where(t.child.isin(in_areas))
	return {(name, int(year)): [int(amount) for amount in money] for name, year, *money in query.run()}


def fund_by_area_and_category(areas: list[str], year: int) -> list[tuple]:
	"""[(care area, category, children with a pledge due in the year, pledged, received, disbursed in the
	year, balance at its end)], summed in the database from the children's yearly subtotals (one row per
	child and year, kidcare/sponsorship/subtotals.py) joined to the children of ``areas`` and their
	categories (a child in two categories counts under both). A child counts when something of hers fell
	due in the year or money of hers moved up to its end."""
	t = frappe.qb.DocType("Child Sponsorship Year")
	child = frappe.qb.DocType("Child Profile")
	cat = frappe.qb.DocType("Child Profile Category")
	this_year = t.year == year
	return (
		frappe.qb.from_(child)
		.join(t)
		.on(t.child == child.name)
		.left_join(cat)
		.on(
			(cat.parent == child.name)
			& (cat.parenttype == "Child Profile")
			& (cat.parentfield == "categories")
		)
		.select(
			child.care_area,
			cat.category,
			Count(Case().when(this_year & (t.pledged > 0), child.name)).distinct(),
			Sum(Case().when(this_year, t.pledged).else_(0)),
			Sum(Case().when(this_year, t.received).else_(0)),
			Sum(Case().when(this_year, t.disbursed).else_(0)),
			Sum(t.received - t.disbursed),
		)
		.where(
			child.care_area.isin(areas or [""])
			& (t.year <= year)
			& (this_year | (t.received != 0) | (t.disbursed != 0))
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
