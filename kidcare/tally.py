"""What each pairing's contacts add up to, per month and per year, kept beside the contacts.

A province has 1,500,000 contacts; the Pairing Compliance report, the "not met this month" card, the compliance
trend and the monthly reviews need only their sums per pairing and month (how many, minutes, home visits,
memorable activities) and the year's. Grouping the contacts at every screen made a temporary table of 100,000
groups that spilled to disk (two minutes per report). The table ``kidcare_pairing_months`` keeps those sums:

- one row per (pairing, month) with contacts (``span`` 1, ``period`` the 1st of the month) and one per
  (pairing, year) (``span`` 12, ``period`` the 1st of January): about 1.2 rows per pairing and month instead of
  the contacts themselves; a screen reads one row per pairing;
- each row carries its pairing's area, docstatus, status and dates, so a screen groups the rows of its
  areas from one covering index without looking up 100,000 pairings one by one;
- kept exact by recomputing, from the contacts, the whole tally of each pairing a contact touches (inserted,
  edited, moved to another date, deleted: ``doc_events`` of Care Contact): a pairing has a few dozen
  contacts a year, so that is three small set-based statements; and by copying a pairing's facts onto its
  rows whenever the pairing changes through its document (save, submit, cancel, ``db_set``: Frappe runs
  ``on_change`` for each, so a street move by kidcare.relocation or an end by an exit is followed), one
  facts row per pairing (``span`` 0) whether it has contacts or not, from which kidcare/rollup.py keeps
  the areas' counts. A raw ``frappe.db.set_value`` on a pairing or a bulk insert of contacts bypasses
  both: ``rebuild`` then;
- filled on existing sites by the patch ``v0_6.pairing_months`` (``rebuild``: three INSERT ... SELECT), and
  made on install and migrate when missing (``ensure_table``).

It is not a DocType: no list, form, report builder or REST resource reads it; only kidcare's aggregate
screens, which scope their figures to the viewer's areas through the pairings they join.
"""

import frappe
from frappe.query_builder import Case, Table
from frappe.query_builder.functions import Coalesce, Count, Sum
from pypika.terms import Function, ValueWrapper

from kidcare.rules import compliance

TABLE = "kidcare_pairing_months"
MONTH, YEAR = 1, 12
#: the span of a pairing's facts row: every pairing has one, contacts or not (kidcare/rollup.py counts
#: the Active pairings per area from them)
FACTS = 0
FACTS_PERIOD = "2000-01-01"


def tally() -> Table:
	return Table(TABLE)


def ensure_table():
	if frappe.db.sql("show tables like %s", TABLE):
		return  # DDL commits the caller's transaction even when it changes nothing: only when missing
	frappe.db.sql_ddl(
		f"""create table if not exists `{TABLE}` (
			`pairing` varchar(140) not null,
			`span` tinyint not null,
			`period` date not null,
			`contacts` int not null default 0,
			`minutes` int not null default 0,
			`home_visits` int not null default 0,
			`memorable` int not null default 0,
			`care_area` varchar(140),
			`docstatus` int not null default 0,
			`status` varchar(140),
			`start_date` date,
			`end_date` date,
			primary key (`pairing`, `span`, `period`),
			key `span_period` (`span`, `period`),
			key `scope` (`span`, `period`, `docstatus`, `status`, `care_area`, `start_date`, `end_date`,
				`contacts`, `minutes`, `home_visits`, `memorable`)
		) engine=InnoDB row_format=dynamic character set utf8mb4 collate utf8mb4_unicode_ci"""
	)


def _month_rows(where) -> str:
	"""INSERT ... SELECT of the month rows of the contacts matching ``where``, with their pairing's facts."""
	contact = frappe.qb.DocType("Care Contact")
	pairing = frappe.qb.DocType("Care Pairing")
	month = Function("date_format", contact.contact_date, "%Y-%m-01")
	select = (
		frappe.qb.from_(contact)
		.join(pairing)
		.on(pairing.name == contact.pairing)
		.select(
			contact.pairing,
			MONTH,
			month,
			Count("*"),
			Coalesce(Sum(contact.duration_minutes), 0),
			Sum(Case().when(contact.contact_type == compliance.HOME_VISIT, 1).else_(0)),
			Sum(Case().when(contact.contact_type.isin(compliance.MEMORABLE), 1).else_(0)),
			*facts(pairing),
		)
		.where(contact.contact_date.isnotnull() & where)
		.groupby(contact.pairing, month)
	)
	return f"insert into `{TABLE}` {COLUMNS} {select.get_sql()}"


def facts(row):
	return (row.care_area, row.docstatus, row.status, row.start_date, row.end_date)


def _year_rows(where) -> str:
	"""INSERT ... SELECT of the year rows, summed from the month rows matching ``where``."""
	t = tally()
	year = Function("date_format", t.period, "%Y-01-01")
	select = (
		frappe.qb.from_(t)
		.select(
			t.pairing,
			YEAR,
			year,
			Sum(t.contacts),
			Sum(t.minutes),
			Sum(t.home_visits),
			Sum(t.memorable),
			*facts(t),
		)
		.where((t.span == MONTH) & where)
		.groupby(t.pairing, year)
	)
	return f"insert into `{TABLE}` {COLUMNS} {select.get_sql()}"


COLUMNS = (
	"(`pairing`, `span`, `period`, `contacts`, `minutes`, `home_visits`, `memorable`,"
	" `care_area`, `docstatus`, `status`, `start_date`, `end_date`)"
)


def _facts_rows(where) -> str:
	"""INSERT ... SELECT of the facts row of each pairing matching ``where``."""
	pairing = frappe.qb.DocType("Care Pairing")
	select = (
		frappe.qb.from_(pairing)
		.select(pairing.name, FACTS, ValueWrapper(FACTS_PERIOD), 0, 0, 0, 0, *facts(pairing))
		.where(where)
	)
	return f"insert into `{TABLE}` {COLUMNS} {select.get_sql()}"


def refresh(pairings) -> None:
	"""Recompute the tally of ``pairings`` from their contacts (every month and year they have) and their
	facts, and move their share of the areas' counts (kidcare/rollup.py) with it."""
	from kidcare import rollup

	pairings = sorted({p for p in pairings if p})
	if not pairings:
		return
	t = tally()
	contact = frappe.qb.DocType("Care Contact")
	pairing = frappe.qb.DocType("Care Pairing")
	before = rollup.share(pairings, lock=True)
	frappe.qb.from_(t).delete().where(t.pairing.isin(pairings)).run()
	frappe.db.sql(_facts_rows(pairing.name.isin(pairings)))
	frappe.db.sql(_month_rows(contact.pairing.isin(pairings)))
	frappe.db.sql(_year_rows(t.pairing.isin(pairings)))
	rollup.add(before, rollup.share(pairings))


def rebuild() -> int:
	"""The whole tally again from every contact (the patch; a benchmark after a bulk insert). Returns its
	number of rows. Plain DML inside the caller's transaction (``ensure_table`` first: DDL commits)."""
	from kidcare import rollup

	frappe.db.sql(f"delete from `{TABLE}`")
	t = tally()
	contact = frappe.qb.DocType("Care Contact")
	pairing = frappe.qb.DocType("Care Pairing")
	frappe.db.sql(_facts_rows(pairing.name.isnotnull()))
	frappe.db.sql(_month_rows(contact.name.isnotnull()))
	frappe.db.sql(_year_rows(t.pairing.isnotnull()))
	rollup.rebuild()
	return frappe.db.sql(f"select count(*) from `{TABLE}`")[0][0]


def contact_changed(doc, method=None):
	"""doc_events of Care Contact (on_update, after_delete): the pairings it counts for now and before."""
	pairings = {doc.pairing}
	before = doc.get_doc_before_save() if method == "on_update" else None
	if before:
		pairings.add(before.pairing)
	refresh(pairings)


def pairing_changed(doc, method=None):
	"""doc_events of Care Pairing (on_change: every save, submit, cancel and db_set; after_delete): its tally
	again with its facts as stored now (a deleted pairing's rows go), and the areas' counts with it."""
	refresh([doc.name])
