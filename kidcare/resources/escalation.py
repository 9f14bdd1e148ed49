"""The daily job: demands a level has left unhandled too long move up, claims left unconfirmed or
undone are released. One set-based pass per level: the due demands are read a chunk at a time, their
history rows written with one INSERT ... SELECT and the demands moved with one UPDATE, and each chunk
is committed. The path is read from the active workflow (the transitions out of each state that sets
``current_level``), so an administrator's reshaped path is followed; state names are never spelt here."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.model.workflow import get_workflow, get_workflow_name
from frappe.query_builder import Criterion
from frappe.query_builder.functions import Count
from frappe.utils import add_to_date, get_datetime, now_datetime
from pypika.terms import Function, ValueWrapper

from kidcare.notify import notify, staff_by_area
from kidcare.rules import demand as rules

CHUNK = 10_000


def escalate_demands(now=None, commit: bool = True, chunk: int = CHUNK) -> dict:
	"""Move every due demand one level up and release stale claims. Returns {"moved", "released"}.
	The scheduler calls it daily and each chunk is committed; ``commit=False`` leaves the transaction
	to the caller (a test that rolls back)."""
	now = get_datetime(now) if now else now_datetime()
	if not get_workflow_name("Child Demand"):
		return {"moved": 0, "released": 0}
	settings = frappe.get_cached_doc("KidCare Settings")
	workflow = get_workflow("Child Demand")
	levels = {
		s.state: s.update_value
		for s in workflow.states
		if s.update_field == "current_level" and int(s.doc_status or 0) == 0
	}
	pairs = [(t.state, t.next_state) for t in workflow.transitions]
	reached: dict[tuple[str, str], list[str]] = defaultdict(list)  # (level, care area) -> demands
	moved = 0
	for state, level in levels.items():
		target = rules.next_level_state(state, levels, pairs)
		days = settings.get(rules.DAYS_SETTING.get(level, "")) if level in rules.DAYS_SETTING else None
		cutoff = rules.due_before(now, days)
		if not target or not cutoff:
			continue
		reason = _("Not handled within {0} days at the {1} level").format(days, _(level))
		demand = frappe.qb.DocType("Child Demand")
		due = (demand.workflow_state == state) & (demand.docstatus == 0) & (demand.level_since < cutoff)
		while names_areas := (
			frappe.qb.from_(demand).select(demand.name, demand.care_area).where(due).limit(chunk).run()
		):
			names = [n for n, _a in names_areas]
			add_history(names, levels[target], reason, now)
			(
				frappe.qb.update(demand)
				.set(demand.workflow_state, target)
				.set(demand.current_level, levels[target])
				.set(demand.level_since, now)
				.set(demand.modified, now)
				.where(demand.name.isin(names))
				.run()
			)
			for name, area in names_areas:
				reached[(levels[target], area)].append(name)
			moved += len(names)
			if commit:
				frappe.db.commit()
	released = release_stale_claims(now, settings, commit, chunk)
	tell_levels(reached)
	if commit:
		frappe.db.commit()
	return {"moved": moved, "released": released}


def add_history(names: list[str], to_level: str | None, reason: str, now, from_current: bool = True):
	"""One history row per demand in ``names`` (its level before the move, to ``to_level``; None: it
	stays), numbered after its existing rows, in one INSERT ... SELECT."""
	demand = frappe.qb.DocType("Child Demand")
	move = frappe.qb.DocType("Child Demand Move")
	earlier = frappe.qb.DocType("Child Demand Move").as_("earlier")
	next_idx = (
		frappe.qb.from_(earlier)
		.select(Count("*") + 1)
		.where((earlier.parent == demand.name) & (earlier.parenttype == "Child Demand"))
	)
	(
		frappe.qb.into(move)
		.columns(
			move.name,
			move.creation,
			move.modified,
			move.owner,
			move.modified_by,
			move.docstatus,
			move.parent,
			move.parenttype,
			move.parentfield,
			move.idx,
			move.moved_on,
			move.from_level,
			move.to_level,
			move.moved_by,
			move.reason,
		)
		.from_(demand)
		.select(
			Function("UUID"),
			ValueWrapper(now),
			ValueWrapper(now),
			ValueWrapper("Administrator"),
			ValueWrapper("Administrator"),
			0,
			demand.name,
			ValueWrapper("Child Demand"),
			ValueWrapper("history"),
			next_idx,
			ValueWrapper(now),
			demand.current_level,
			ValueWrapper(to_level) if to_level else demand.current_level,
			ValueWrapper("Administrator"),
			ValueWrapper(reason),
		)
		.where(demand.name.isin(names))
		.run()
	)


def release_stale_claims(now, settings, commit: bool, chunk: int) -> int:
	"""Claims the district left unconfirmed for ``claim_confirm_hours``, or confirmed but without the work
	recorded for ``claim_work_days``: released, the claimant told."""
	demand = frappe.qb.DocType("Child Demand")
	conditions = []
	if settings.claim_confirm_hours:
		conditions.append(
			(demand.status == rules.CLAIMED)
			& (demand.claimed_on < add_to_date(now, hours=-settings.claim_confirm_hours))
		)
	if settings.claim_work_days:
		conditions.append(
			(demand.status == rules.CONFIRMED)
			& (demand.claim_confirmed_on < add_to_date(now, days=-settings.claim_work_days))
		)
	if not conditions:
		return 0
	stale = (demand.docstatus == 0) & (demand.current_level == rules.PUBLISHED) & Criterion.any(conditions)
	reason = _("Claim released: not confirmed or acted on in time")
	released = 0
	told: dict[str, list[str]] = defaultdict(list)
	while (
		rows := frappe.qb.from_(demand)
		.select(demand.name, demand.claimed_by_user)
		.where(stale)
		.limit(chunk)
		.run()
	):
		names = [n for n, _u in rows]
		add_history(names, None, reason, now)
		update = frappe.qb.update(demand).set(demand.status, rules.OPEN).set(demand.modified, now)
		for field in ("claimed_by_partner", "claimed_by_volunteer", "claimed_by_user", "claimed_on",
			"claim_confirmed_by", "claim_confirmed_on", "work_done", "done_on"):  # fmt: skip
			update = update.set(demand[field], None)
		update.where(demand.name.isin(names)).run()
		for name, user in rows:
			told[user].append(name)
		released += len(names)
		if commit:
			frappe.db.commit()
	for user, names in told.items():
		notify(
			[user],
			lambda names=names: _(
				"Your claim on child demand {0} was released: it was not confirmed or acted on in time."
			).format(", ".join(names[:5])),
			"Child Demand",
			names[0],
			website_bell=True,
		)
	return released


def tell_levels(reached: dict[tuple[str, str], list[str]]):
	"""Each member of staff at a level the job moved demands to is told once, with how many."""
	by_user: dict[str, list[str]] = defaultdict(list)
	covered_by_role = {}
	for (level, area), names in reached.items():
		role = rules.LEVEL_ROLE.get(level)
		if not role:
			continue
		if role not in covered_by_role:
			covered_by_role[role] = staff_by_area(role)
		for user in covered_by_role[role].get(area, []):
			by_user[user] += names
	for user, names in by_user.items():
		notify(
			[user],
			lambda names=names: _(
				"{0} child demands were not handled in time and now wait at your level."
			).format(len(names)),
			"Child Demand",
			names[0],
			website_bell=True,
		)
