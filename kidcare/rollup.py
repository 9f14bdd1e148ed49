"""What the workspace counts per area, kept per area so that a city's card reads a few thousand rows, not
100,000 pairings: the table ``kidcare_area_counts`` holds, per Care Area,

- ``ACTIVE``: its pairings submitted and Active now (the "Pairings by Street" chart, the month's total);
- ``MET`` per month: its pairings living through the month (submitted, Active, started by the month's end)
  whose contacts in it reach KidCare Settings' minimum (the "not met this month" card, the trend's month).

It is kept from the contacts' tally (kidcare/tally.py), whose rows carry each pairing's facts: whenever the
tally of some pairings is recomputed (a contact saved or deleted, a pairing changed or deleted), their
share of the counts is read before (the rows locked) and after, and the difference added to the counts
(``UPDATE ... n = n + d``, exact under concurrent writers: each adds its own difference under the row's
lock). A change of the minimum, the patch and a benchmark's bulk load rebuild it from the tally (set-based).

Like the tally it is no DocType: only kidcare's aggregate screens read it, for the areas the viewer may see.
"""

from collections import Counter
from datetime import date

import frappe
from frappe.utils import getdate

from kidcare.rules import compliance
from kidcare.tally import FACTS, MONTH
from kidcare.tally import TABLE as TALLY

TABLE = "kidcare_area_counts"
ACTIVE, MET = 1, 2
#: the period of the counts that have none (ACTIVE)
NO_PERIOD = date(2000, 1, 1)


def ensure_table():
	if frappe.db.sql("show tables like %s", TABLE):
		return  # DDL commits the caller's transaction even when it changes nothing: only when missing
	frappe.db.sql_ddl(
		f"""create table if not exists `{TABLE}` (
			`kind` tinyint not null,
			`period` date not null,
			`care_area` varchar(140) not null,
			`n` int not null default 0,
			primary key (`kind`, `period`, `care_area`)
		) engine=InnoDB row_format=dynamic character set utf8mb4 collate utf8mb4_unicode_ci"""
	)


def minimum() -> int:
	return max(int(frappe.get_cached_doc("KidCare Settings").min_contacts_per_month or 0), 0)


def share(pairings: list[str], lock: bool = False) -> Counter:
	"""What the tally rows of ``pairings`` add to the counts: {(kind, period, care_area): n}."""
	if not pairings:
		return Counter()
	rows = frappe.db.sql(
		f"""select `span`, `period`, `contacts`, `care_area`, `docstatus`, `status`, `start_date`
		from `{TALLY}` where `pairing` in %(pairings)s and `span` in %(spans)s
		{"for update" if lock else ""}""",
		{"pairings": pairings, "spans": (FACTS, MONTH)},
	)
	least = minimum()
	found = Counter()
	for span, period, contacts, area, docstatus, status, start_date in rows:
		if not area or docstatus != 1 or status != "Active":
			continue
		if span == FACTS:
			found[(ACTIVE, NO_PERIOD, area)] += 1
		elif contacts >= least and start_date and getdate(start_date) <= compliance.month_end(period):
			found[(MET, getdate(period), area)] += 1
	return found


def add(before: Counter, after: Counter):
	"""Add the difference between two shares to the counts, in the order of the keys (no deadlock between
	two writers touching the same areas)."""
	changes = sorted((key, after[key] - before[key]) for key in set(before) | set(after))
	for (kind, period, area), n in changes:
		if n:
			frappe.db.sql(
				f"""insert into `{TABLE}` (`kind`, `period`, `care_area`, `n`) values (%s, %s, %s, %s)
				on duplicate key update `n` = `n` + values(`n`)""",
				(kind, period, area, n),
			)


def rebuild(least: int | None = None):
	"""The counts again from the whole tally (plain DML inside the caller's transaction), for a minimum of
	contacts ``least`` (the settings' by default)."""
	frappe.db.sql(f"delete from `{TABLE}`")
	living = "`docstatus` = 1 and `status` = 'Active' and `care_area` is not null"
	frappe.db.sql(
		f"""insert into `{TABLE}` (`kind`, `period`, `care_area`, `n`)
		select {ACTIVE}, %s, `care_area`, count(*) from `{TALLY}`
		where `span` = {FACTS} and {living} group by `care_area`""",
		NO_PERIOD,
	)
	frappe.db.sql(
		f"""insert into `{TABLE}` (`kind`, `period`, `care_area`, `n`)
		select {MET}, `period`, `care_area`, count(*) from `{TALLY}`
		where `span` = {MONTH} and {living} and `contacts` >= %s and `start_date` <= last_day(`period`)
		group by `period`, `care_area`""",
		minimum() if least is None else max(int(least), 0),
	)


def settings_changed(doc, method=None):
	"""doc_events of KidCare Settings: a new minimum of contacts changes which pairings met their months."""
	before = doc.get_doc_before_save()
	if before and int(before.min_contacts_per_month or 0) != int(doc.min_contacts_per_month or 0):
		rebuild(int(doc.min_contacts_per_month or 0))


def area_renamed(doc, method=None, old: str | None = None, new: str | None = None, merge: bool = False):
	"""doc_events of Care Area (after_rename): Frappe renames the links in DocTypes; the tally's rows and the
	counts are kidcare's own tables, so they follow here (the counts made again: a rename is rare)."""
	frappe.db.sql(f"update `{TALLY}` set `care_area` = %s where `care_area` = %s", (new, old))
	rebuild()
	# the users' cached User Permissions list her areas' descendants by name: the old one goes with them
	frappe.cache.delete_value("user_permissions")


def counts(kind: int, scope, period: date = NO_PERIOD) -> dict[str, int]:
	"""{care_area: n} of ``kind`` for the viewer's ``scope`` (kidcare.dashboard.Scope)."""
	if not scope:
		return {}
	join, values = scope.join("`c`.`care_area`")
	return {
		area: int(n)
		for area, n in frappe.db.sql(
			f"""select `c`.`care_area`, `c`.`n` from `{TABLE}` `c` {join}
			where `c`.`kind` = %s and `c`.`period` = %s and `c`.`n` != 0""",
			[*values, kind, period],
		)
	}


def total(kind: int, scope, period: date = NO_PERIOD) -> int:
	if not scope:
		return 0
	join, values = scope.join("`c`.`care_area`")
	return int(
		frappe.db.sql(
			f"""select sum(`c`.`n`) from `{TABLE}` `c` {join}
			where `c`.`kind` = %s and `c`.`period` = %s""",
			[*values, kind, period],
		)[0][0]
		or 0
	)
