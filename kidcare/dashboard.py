"""The numbers the workspace shows: each one query (or one per workflow), each scoped to what the
viewer may see (a permission-aware list of her Care Areas, or frappe.get_list itself). The charts'
sources (kidcare/kidcare/dashboard_chart_source/*/*.js) call the whitelisted functions here."""

import frappe
from frappe import _
from frappe.model.workflow import get_workflow, get_workflow_name
from frappe.utils import add_months, getdate, today

from kidcare import rollup
from kidcare.kidcare.doctype.care_area.care_area import area_titles, breakdown_by_area
from kidcare.permissions import require_staff
from kidcare.rules import compliance

WORKFLOW_DOCTYPES = ("Child Enrollment", "Care Pairing", "Monthly Review", "Exit Request")
IN_PROGRAM = ("Registered", "Awaiting Pairing", "Paired")
#: the (docstatus, status, care_area, start_date, end_date) index of Care Pairing (kidcare/indexes.py),
#: named in the Pairing Compliance report's query
LIVING_INDEX = "kidcare_living"
#: the (docstatus, status, start_date) index of Care Pairing: those that start after a month
STARTING_INDEX = "kidcare_status_start"


class Scope:
	"""The Care Areas the viewer may see (frappe.get_list, so her User Permissions decide), and, when they
	are whole subtrees (an officer's area with all below it: the usual case), the few ``lft`` ranges that
	hold exactly them. A query then joins Care Area on those ranges instead of sending thousands of names
	(a city's 4,400 areas cost more to write into each query than the query costs to run)."""

	def __init__(self):
		rows = frappe.get_list(
			"Care Area", fields=["name", "lft", "rgt"], order_by="lft asc", limit_page_length=0
		)
		self.names = [r.name for r in rows]
		merged: list[list[int]] = []
		for r in rows:
			if merged and r.lft <= merged[-1][1]:
				merged[-1][1] = max(merged[-1][1], r.rgt)
			else:
				merged.append([r.lft, r.rgt])
		self.ranges = merged
		if merged:
			inside = " or ".join("`lft` between %s and %s" for _ in merged)
			held = frappe.db.sql(
				f"select count(*) from `tabCare Area` where {inside}", [v for r in merged for v in r]
			)[0][0]
			if held != len(rows):  # some area seen without all that is below it: name them
				self.ranges = None

	def __bool__(self):
		return bool(self.names)

	def join(self, column: str) -> tuple[str, list]:
		"""SQL (and its values) restricting ``column`` (a care_area column) to the viewer's areas: a join
		to append after the FROM clause's table."""
		if self.ranges:
			inside = " or ".join("`scope_area`.`lft` between %s and %s" for _ in self.ranges)
			return (
				f" join `tabCare Area` `scope_area` on `scope_area`.`name` = {column} and ({inside})",
				[v for r in self.ranges for v in r],
			)
		marks = ", ".join(["%s"] * len(self.names))
		return (
			f" join `tabCare Area` `scope_area` on `scope_area`.`name` = {column} and `scope_area`.`name` in ({marks})",
			list(self.names),
		)


@frappe.whitelist()
@frappe.read_only()  # on the read replica when the site has read_from_replica
def approvals_waiting_for_me(filters=None) -> int:
	"""Open documents waiting for the caller's approval: in a state from which one of her roles may take
	a transition that forbids self-approval (verify, approve, review: the steps where a second person
	matters), and not created by her. Read from each workflow's transitions, whatever its states are
	called; counted with frappe.get_list, so in her area only."""
	require_staff()
	roles = set(frappe.get_roles())
	total = 0
	for doctype in WORKFLOW_DOCTYPES:
		if not get_workflow_name(doctype) or not frappe.has_permission(doctype, "read"):
			continue
		workflow = get_workflow(doctype)
		open_states = {s.state for s in workflow.states if int(s.doc_status or 0) == 0}
		states = [
			t.state
			for t in workflow.transitions
			if t.allowed in roles and not t.allow_self_approval and t.state in open_states
		]
		if states:
			total += frappe.get_list(
				doctype,
				filters={
					"docstatus": 0,
					workflow.workflow_state_field: ("in", sorted(set(states))),
					"owner": ("!=", frappe.session.user),
				},
				fields=["count(name) as n"],
			)[0].n
		# what she filed herself as her street's only officer waits on her too (the twin transitions)
		own = {
			t.state
			for t in workflow.transitions
			if t.allowed in roles and t.condition and t.state in open_states
		}
		if own and frappe.get_meta(doctype).has_field("sole_street_officer"):
			total += frappe.get_list(
				doctype,
				filters={
					"docstatus": 0,
					workflow.workflow_state_field: ("in", sorted(own)),
					"owner": frappe.session.user,
					"sole_street_officer": 1,
				},
				fields=["count(name) as n"],
			)[0].n
	return total


@frappe.whitelist()
@frappe.read_only()  # on the read replica when the site has read_from_replica
def pairings_not_met_this_month(filters=None) -> int:
	"""Active pairings of the caller's areas with fewer contacts so far this month than the minimum: read
	from the contacts themselves, so it counts from the 1st (the month's reviews exist only from their
	creation day)."""
	require_staff()
	total, met = live_month(getdate(today()), Scope())
	return total - met


@frappe.whitelist()
@frappe.read_only()  # on the read replica when the site has read_from_replica
def reviews_overdue(filters=None) -> int:
	"""Monthly reviews of the caller's areas still open (waiting for the volunteer or the street) after
	their due date: from the areas' counts per due date (kidcare/rollup.py), one row per area and month."""
	require_staff()
	scope = Scope()
	if not scope:
		return 0
	join, values = scope.join("`c`.`care_area`")
	return int(
		frappe.db.sql(
			f"""select sum(`c`.`n`) from `{rollup.TABLE}` `c` {join}
			where `c`.`kind` = %s and `c`.`period` < %s""",
			[*values, rollup.OPEN_BY_DUE, getdate(today())],
		)[0][0]
		or 0
	)


def live_month(day, scope: Scope) -> tuple[int, int]:
	"""(active pairings living through ``day``'s month, those with at least the minimum of contacts in
	it so far) in the viewer's ``scope``: from the areas' counts (kidcare/rollup.py), one row per area,
	less the pairings that start after the month (a handful, from their own index)."""
	if not scope:
		return 0, 0
	first, last = compliance.month_start(day), compliance.month_end(day)
	join, values = scope.join("`p`.`care_area`")
	later = frappe.db.sql(
		f"""select count(*) from `tabCare Pairing` `p` force index (`{STARTING_INDEX}`) {join}
		where `p`.`docstatus` = 1 and `p`.`status` = 'Active' and `p`.`start_date` > %s""",
		[*values, last],
	)[0][0]
	total = rollup.total(rollup.ACTIVE, scope) - int(later or 0)
	if rollup.minimum() == 0:
		return total, total
	return total, rollup.total(rollup.MET, scope, first)


@frappe.whitelist()
@frappe.read_only()  # on the read replica when the site has read_from_replica
def compliance_trend(months: int = 6, **chart_args) -> dict:
	"""The share of each month's reviews whose pairing met the contact minimum, the last ``months``; the
	current month from its contacts so far."""
	require_staff()
	first = compliance.month_start(getdate(add_months(today(), -(months - 1))))
	this_month = compliance.month_start(getdate(today()))
	scope = Scope()
	# the past months from the areas' review counts (kidcare/rollup.py): one row per area and month
	rows = {}
	if scope:
		join, values = scope.join("`c`.`care_area`")
		found = frappe.db.sql(
			f"""select `c`.`period`, `c`.`kind`, sum(`c`.`n`) from `{rollup.TABLE}` `c` {join}
			where `c`.`kind` in %s and `c`.`period` >= %s and `c`.`period` < %s
			group by `c`.`period`, `c`.`kind`""",
			[*values, (rollup.REVIEWS, rollup.REVIEWS_MET), first, this_month],
		)
		for period, kind, n in found:
			total, met = rows.get(getdate(period), (0, 0))
			rows[getdate(period)] = (
				(total + int(n or 0), met) if kind == rollup.REVIEWS else (total, met + int(n or 0))
			)
	# the current month from its contacts so far: its reviews are made only from their creation day
	rows[this_month] = live_month(this_month, scope)
	labels, values = [], []
	for i in range(months):
		period = compliance.month_start(getdate(add_months(first, i)))
		total, met = rows.get(period, (0, 0))
		labels.append(period.strftime("%Y-%m"))
		values.append(round(100 * float(met or 0) / total, 1) if total else 0)
	return {"labels": labels, "datasets": [{"name": _("Compliance Rate"), "values": values}]}


@frappe.whitelist()
@frappe.read_only()  # on the read replica when the site has read_from_replica
def pairings_by_street(**chart_args) -> dict:
	"""Active pairings per area one level below the viewer's (a city officer's per district, a district's
	per street; never finer than a street: its communities fold into it), labelled by the areas' names."""
	require_staff()
	scope = Scope()
	counts: dict[str, int] = {}
	if scope:
		group_of = breakdown_by_area(scope.names)
		# the Active pairings per area, kept per area (kidcare/rollup.py): one row each
		for community, n in rollup.counts(rollup.ACTIVE, scope).items():
			group = group_of.get(community, community)
			counts[group] = counts.get(group, 0) + n
	titles = area_titles(counts)
	groups = sorted(counts, key=lambda g: (titles[g], g))
	return {
		"labels": [titles[g] for g in groups],
		"datasets": [{"name": _("Active Pairings"), "values": [counts[g] for g in groups]}],
	}


@frappe.whitelist()
@frappe.read_only()  # on the read replica when the site has read_from_replica
def children_by_category(**chart_args) -> dict:
	"""Children in the program per situation category (a child may be in several)."""
	require_staff()
	return children_by("Child Profile Category", "category")


@frappe.whitelist()
@frappe.read_only()  # on the read replica when the site has read_from_replica
def children_by_need_area(**chart_args) -> dict:
	"""Children in the program per need area of their needs."""
	require_staff()
	return children_by("Child Need", "need_area")


def children_by(table: str, field: str) -> dict:
	"""Children in the program, in the viewer's areas, counted per value of a column of one of their
	child tables (a child counts once per value)."""
	scope = Scope()
	if not scope:
		return {"labels": [], "datasets": [{"name": _("Children"), "values": []}]}
	join, values = scope.join("`c`.`care_area`")
	marks = ", ".join(["%s"] * len(IN_PROGRAM))
	counts = frappe.db.sql(
		f"""select `r`.`{field}`, count(distinct `c`.`name`)
		from `tab{table}` `r` join `tabChild Profile` `c` on `c`.`name` = `r`.`parent` {join}
		where `r`.`parenttype` = 'Child Profile' and `c`.`status` in ({marks})
		group by `r`.`{field}`""",
		[*values, *IN_PROGRAM],
	)
	counts = sorted(counts, key=lambda r: -r[1])
	return {
		"labels": [_(label, context=table) for label, _n in counts],
		"datasets": [{"name": _("Children"), "values": [n for _label, n in counts]}],
	}
