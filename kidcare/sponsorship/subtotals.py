"""Each child's sponsorship money per calendar year (Child Sponsorship Year): pledged (instalments of
her submitted pledges falling due in the year, less those waived when a pledge ended early), received
and disbursed (submitted receipts and disbursements dated in the year).

The area-wide screens (the ledger of a street, the fund report of a district) read these rows, one per
child and year, instead of a million instalments. They are kept exact by recomputing, from the records,
every year of each child a change touches: a pledge submitted, cancelled or ended, a receipt or a
disbursement submitted or cancelled (the controllers call ``refresh``). A child has a few pledges of
five years at most, so that is three small grouped queries on indexed columns and one delete and insert.

Two sessions changing one child's money are serialised on her Child Profile row (locked first, as the
pledge cap and the disbursement check already do) and read the records with locking reads, so the
second sees what the first committed and the rows it writes are the whole truth.

``rebuild`` fills them on an existing site (the patch ``v0_6.sponsorship_years``) in chunks of
children, each committed.
"""

import frappe
from frappe.query_builder.functions import Sum
from frappe.utils import flt, now
from pypika.terms import CustomFunction

from kidcare.rules import sponsorship as rules
from kidcare.sponsorship import precision

DOCTYPE = "Child Sponsorship Year"
Year = CustomFunction("YEAR", ["date"])
CHUNK = 1000
FIELDS = ("name", "creation", "modified", "owner", "modified_by", "child", "year", "pledged", "received",
	"disbursed")  # fmt: skip


def from_records(children: list[str], lock: bool = False) -> dict:
	"""{(child, year): [pledged, received, disbursed]} in minor units, computed from the records of
	``children``: three grouped queries (the instalments through the children's pledges). With
	``lock``, locking reads (they see what another session just committed)."""
	p = precision()
	s = frappe.qb.DocType("Child Sponsorship")
	i = frappe.qb.DocType("Child Sponsorship Instalment")
	r = frappe.qb.DocType("Sponsorship Receipt")
	d = frappe.qb.DocType("Sponsorship Disbursement")
	pledges = frappe.qb.from_(s).select(s.name).where(s.child.isin(children) & (s.docstatus == 1))
	queries = (
		frappe.qb.from_(i)
		.select(i.child, Year(i.due_date), Sum(i.amount))
		.where(
			i.parent.isin(pledges)
			& (i.parenttype == "Child Sponsorship")
			& (i.docstatus == 1)
			& (i.status != rules.WAIVED)
		)
		.groupby(i.child, Year(i.due_date)),
		frappe.qb.from_(r)
		.select(r.child, Year(r.receipt_date), Sum(r.amount))
		.where(r.child.isin(children) & (r.docstatus == 1))
		.groupby(r.child, Year(r.receipt_date)),
		frappe.qb.from_(d)
		.select(d.child, Year(d.disbursement_date), Sum(d.amount))
		.where(d.child.isin(children) & (d.docstatus == 1))
		.groupby(d.child, Year(d.disbursement_date)),
	)
	out: dict = {}
	for column, query in enumerate(queries):
		for child, year, amount in (query.for_update() if lock else query).run():
			out.setdefault((child, int(year)), [0, 0, 0])[column] += rules.to_units(flt(amount), p)
	return out


def refresh(children: list[str] | str):
	"""Recompute every year of ``children`` from their records (their Child Profile rows locked)."""
	children = sorted({children} if isinstance(children, str) else {c for c in children if c})
	if not children:
		return
	profile = frappe.qb.DocType("Child Profile")
	frappe.qb.from_(profile).select(profile.name).where(profile.name.isin(children)).orderby(
		profile.name
	).for_update().run()
	write(children, from_records(children, lock=True))


def write(children: list[str], figures: dict):
	p = precision()
	t = frappe.qb.DocType(DOCTYPE)
	frappe.qb.from_(t).delete().where(t.child.isin(children)).run()
	stamp = now()
	rows = [
		(
			frappe.generate_hash(length=12),
			stamp,
			stamp,
			"Administrator",
			"Administrator",
			child,
			year,
			rules.from_units(pledged, p),
			rules.from_units(received, p),
			rules.from_units(disbursed, p),
		)
		for (child, year), (pledged, received, disbursed) in sorted(figures.items())
		if pledged or received or disbursed
	]
	if rows:
		frappe.db.bulk_insert(DOCTYPE, FIELDS, rows)


def children_with_money() -> list[str]:
	s = frappe.qb.DocType("Child Sponsorship")
	r = frappe.qb.DocType("Sponsorship Receipt")
	d = frappe.qb.DocType("Sponsorship Disbursement")
	found = set()
	for table in (s, r, d):
		found.update(
			name
			for (name,) in frappe.qb.from_(table)
			.select(table.child)
			.distinct()
			.where(table.docstatus == 1)
			.run()
		)
	return sorted(n for n in found if n)


def rebuild(commit: bool = True) -> int:
	"""Recompute every child's years, a thousand children at a time (each chunk committed)."""
	children = children_with_money()
	t = frappe.qb.DocType(DOCTYPE)
	frappe.qb.from_(t).delete().where(t.child.notin(children or [""])).run()
	for start in range(0, len(children), CHUNK):
		chunk = children[start : start + CHUNK]
		write(chunk, from_records(chunk))
		if commit:
			frappe.db.commit()  # nosemgrep
	return len(children)
