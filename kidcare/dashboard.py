"""The numbers the workspace shows: each one query (or one per workflow), each scoped to what the
viewer may see (a permission-aware list of her Care Areas, or frappe.get_list itself). The charts'
sources (kidcare/kidcare/dashboard_chart_source/*/*.js) call the whitelisted functions here."""

import frappe
from frappe import _
from frappe.model.workflow import get_workflow, get_workflow_name
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Sum
from frappe.utils import add_months, getdate, today

from kidcare.kidcare.doctype.care_area.care_area import area_titles, breakdown_by_area
from kidcare.permissions import require_staff
from kidcare.rules import compliance
from kidcare.tally import MONTH, tally

WORKFLOW_DOCTYPES = ("Child Enrollment", "Care Pairing", "Monthly Review", "Exit Request")
IN_PROGRAM = ("Registered", "Awaiting Pairing", "Paired")
#: the (docstatus, status, care_area, start_date, end_date) index of Care Pairing (kidcare/indexes.py)
LIVING_INDEX = "kidcare_living"


def visible_areas() -> list[str]:
	return frappe.get_list("Care Area", pluck="name", limit_page_length=0)


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
	total, met = live_month(getdate(today()), visible_areas())
	return total - met


def live_month(day, areas: list[str]) -> tuple[int, int]:
	"""(active pairings living through ``day``'s month, those with at least the minimum of contacts in
	it so far) in ``areas``: one query."""
	if not areas:
		return 0, 0
	settings = frappe.get_cached_doc("KidCare Settings")
	first, last = compliance.month_start(day), compliance.month_end(day)
	minimum = max(int(settings.min_contacts_per_month or 0), 0)
	pairing = frappe.qb.DocType("Care Pairing")
	t = tally()

	def living(row):
		return (
			(row.docstatus == 1)
			& (row.status == "Active")
			& (row.start_date <= last)
			& row.care_area.isin(areas)
		)

	# the pairings from their covering index (named: MariaDB otherwise prefers (docstatus, status) and reads
	# 100,000 rows); those that met, from the month's tally rows, which carry their pairing's area, status
	# and start (kidcare/tally.py): one covering index each, no contact read and no pairing looked up
	total = frappe.qb.from_(pairing).force_index(LIVING_INDEX).select(Count("*")).where(living(pairing))
	met = (
		frappe.qb.from_(t)
		.select(Count("*"))
		.where((t.span == MONTH) & (t.period == first) & (t.contacts >= minimum) & living(t))
	)
	if minimum == 0:
		met = total
	row = frappe.qb.select(total.as_("total"), met.as_("met")).run()[0]
	return int(row[0] or 0), int(row[1] or 0)


@frappe.whitelist()
@frappe.read_only()  # on the read replica when the site has read_from_replica
def compliance_trend(months: int = 6, **chart_args) -> dict:
	"""The share of each month's reviews whose pairing met the contact minimum, the last ``months``; the
	current month from its contacts so far."""
	require_staff()
	review = frappe.qb.DocType("Monthly Review")
	first = compliance.month_start(getdate(add_months(today(), -(months - 1))))
	this_month = compliance.month_start(getdate(today()))
	areas = visible_areas()
	rows = {}
	if areas:
		rows = {
			getdate(period): (total, met)
			for period, total, met in frappe.qb.from_(review)
			.select(
				review.period,
				Count(review.name),
				Sum(Case().when(review.compliance == compliance.MET, 1).else_(0)),
			)
			.where(
				(review.period >= first)
				& (review.period < this_month)  # the current month is read live below
				& (review.status != "Closed")
				& review.care_area.isin(areas)
			)
			.groupby(review.period)
			.run()
		}
	# the current month from its contacts so far: its reviews are made only from their creation day
	rows[this_month] = live_month(this_month, areas)
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
	pairing = frappe.qb.DocType("Care Pairing")
	areas = visible_areas()
	counts: dict[str, int] = {}
	if areas:
		group_of = breakdown_by_area(areas)
		for community, n in (
			frappe.qb.from_(pairing)
			.force_index(LIVING_INDEX)
			.select(pairing.care_area, Count(pairing.name))
			.where((pairing.docstatus == 1) & (pairing.status == "Active") & pairing.care_area.isin(areas))
			.groupby(pairing.care_area)
			.run()
		):
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
	child = frappe.qb.DocType("Child Profile")
	row = frappe.qb.DocType(table)
	counts = (
		frappe.qb.from_(row)
		.join(child)
		.on((child.name == row.parent) & (row.parenttype == "Child Profile"))
		.select(row[field], Count(child.name).distinct())
		.where(child.status.isin(IN_PROGRAM) & child.care_area.isin(visible_areas() or [""]))
		.groupby(row[field])
		.run()
	)
	counts = sorted(counts, key=lambda r: -r[1])
	return {
		"labels": [_(label, context=table) for label, _n in counts],
		"datasets": [{"name": _("Children"), "values": [n for _label, n in counts]}],
	}
