"""What the workspace counts per area, kept per area so that a city's card reads a few thousand rows, not
100,000 pairings: the table ``kidcare_area_counts`` holds, per Care Area,

- ``ACTIVE``: its pairings submitted and Active now (the "Pairings by Street" chart, the month's total);
- ``MET`` per month: its pairings living through the month (submitted, Active, started by the month's end)
  whose contacts in it reach KidCare Settings' minimum (the "not met this month" card, the trend's month);
- ``REVIEWS`` and ``REVIEWS_MET`` per month: its monthly reviews not closed, and those that met (the
  trend's past months), and ``OPEN_BY_DUE`` per due date: its reviews still open (the "Reviews Overdue"
  card sums those due before today). Kept by the same before-and-after difference around every write of
  a review (its document events, and ``reviews_written`` around the set-based writes: the closing of an
  ended pairing's reviews, a child's move, a contact recounting an open review), and by
  ``reviews_inserted`` for the reviews job's new rows (they counted nowhere before).

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
#: per month: the area's monthly reviews not closed, and those of them whose pairing met the minimum
REVIEWS, REVIEWS_MET = 3, 4
#: per due date: the area's reviews still open (draft, waiting for the volunteer or the street)
OPEN_BY_DUE = 5
OPEN_STATUSES = ("Open", "Returned", "Submitted")
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
	changes = sorted(
		(kind, period, area, n)
		for (kind, period, area) in set(before) | set(after)
		if (n := after[(kind, period, area)] - before[(kind, period, area)])
	)
	for start in range(0, len(changes), 1000):  # a few statements, whatever the number of areas
		batch = changes[start : start + 1000]
		frappe.db.sql(
			f"""insert into `{TABLE}` (`kind`, `period`, `care_area`, `n`)
			values {", ".join(["(%s, %s, %s, %s)"] * len(batch))}
			on duplicate key update `n` = `n` + values(`n`)""",
			[v for row in batch for v in row],
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
	for kind, met in ((REVIEWS, ""), (REVIEWS_MET, " and `compliance` = 'Met'")):
		frappe.db.sql(
			f"""insert into `{TABLE}` (`kind`, `period`, `care_area`, `n`)
			select {kind}, `period`, `care_area`, count(*) from `tabMonthly Review`
			where `status` != 'Closed' and `care_area` is not null{met}
			group by `period`, `care_area`"""
		)
	frappe.db.sql(
		f"""insert into `{TABLE}` (`kind`, `period`, `care_area`, `n`)
		select {OPEN_BY_DUE}, `due_date`, `care_area`, count(*) from `tabMonthly Review`
		where `docstatus` = 0 and `status` in %s and `care_area` is not null and `due_date` is not null
		group by `due_date`, `care_area`""",
		[OPEN_STATUSES],
	)


# ---- the monthly reviews' counts: read before a write (rows locked), again after, the difference added ----


def review_share(condition: str, values: dict) -> Counter:
	"""What the Monthly Reviews matching ``condition`` (SQL on `tabMonthly Review`) add to the counts, read
	with a locking read: the latest committed rows and the caller's own changes, never an older snapshot."""
	found = Counter()
	for period, due, area, counted, met, still_open in frappe.db.sql(
		f"""select `period`, `due_date`, `care_area`, sum(`status` != 'Closed'),
			sum(`status` != 'Closed' and `compliance` = 'Met'),
			sum(`docstatus` = 0 and `status` in %(open)s)
		from `tabMonthly Review` where ({condition}) and `care_area` is not null
		group by `period`, `due_date`, `care_area` for update""",
		{**values, "open": OPEN_STATUSES},
	):
		found[(REVIEWS, getdate(period), area)] += int(counted or 0)
		found[(REVIEWS_MET, getdate(period), area)] += int(met or 0)
		if due:
			found[(OPEN_BY_DUE, getdate(due), area)] += int(still_open or 0)
	return found


class reviews_written:
	"""``with reviews_written(condition, values): <a raw write of Monthly Reviews>`` keeps the counts of the
	reviews matching ``condition`` (before and after the write) exact."""

	def __init__(self, condition: str, values: dict):
		self.condition, self.values = condition, values

	def __enter__(self):
		self.before = review_share(self.condition, self.values)
		return self

	def __exit__(self, kind, error, trace):
		if kind is None:
			add(self.before, review_share(self.condition, self.values))


#: what the reviews job's insert returns of each review it made (INSERT ... RETURNING)
RETURNED = "`care_area`, `period`, `due_date`, `status`, `docstatus`, `compliance`"


def reviews_inserted(rows):
	"""Add the reviews the reviews job just inserted (``rows``: RETURNED of each, only new rows, which
	counted nowhere before) to the counts."""
	found = Counter()
	for area, period, due, status, docstatus, met in rows:
		if not area or status == "Closed":
			continue
		found[(REVIEWS, getdate(period), area)] += 1
		if met == "Met":
			found[(REVIEWS_MET, getdate(period), area)] += 1
		if due and docstatus == 0 and status in OPEN_STATUSES:
			found[(OPEN_BY_DUE, getdate(due), area)] += 1
	add(Counter(), found)


def review_before(doc, method=None):
	"""doc_events of Monthly Review before every write (validate, cancel, update after submit, db_set,
	delete): its share of the counts as stored."""
	doc.flags.kidcare_counted = (
		review_share("`name` = %(name)s", {"name": doc.name}) if doc.name else Counter()
	)


def review_after(doc, method=None):
	"""doc_events of Monthly Review after every write (on_change, after_delete): the difference added."""
	if method == "on_change" and doc.flags.in_delete:
		return  # Frappe runs on_change between on_trash and the delete itself: after_delete counts it
	before = doc.flags.pop("kidcare_counted", None)
	if before is not None:
		add(before, review_share("`name` = %(name)s", {"name": doc.name}))


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
