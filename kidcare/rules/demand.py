"""A child's demand (诉求): the levels it climbs, who acts at each, when a level has let it wait too long,
and what a claim may do. Plain rules, no Frappe: the controller, the daily job and the claim endpoints
read them."""

from __future__ import annotations

import datetime

COMMUNITY, STREET, DISTRICT, PUBLISHED = "Community", "Street", "District", "Published"
#: lowest first: a demand is handled at the lowest level that can solve it
LEVELS = (COMMUNITY, STREET, DISTRICT, PUBLISHED)
#: the role told when a demand reaches a level (the one that must act there); a published demand waits
#: for claims, which the district confirms
LEVEL_ROLE = {
	COMMUNITY: "Community Worker",
	STREET: "Street Officer",
	DISTRICT: "District Approver",
	PUBLISHED: "District Approver",
}
#: KidCare Settings field: days a level may leave a demand unhandled before the daily job moves it on
DAYS_SETTING = {
	COMMUNITY: "demand_days_at_community",
	STREET: "demand_days_at_street",
	DISTRICT: "demand_days_at_district",
}

OPEN, CLAIMED, CONFIRMED, DONE, SOLVED = "Open", "Claimed", "Claim Confirmed", "Done", "Solved"
#: statuses of a demand someone holds a claim on
ACTIVE_CLAIM = (CLAIMED, CONFIRMED, DONE)


def rank(level: str | None) -> int:
	return LEVELS.index(level) if level in LEVELS else -1


def due_before(now: datetime.datetime, days: int | None) -> datetime.datetime | None:
	"""Demands at a level since before this moment are due to move on (None: that level never times out)."""
	if days is None or days <= 0:
		return None
	return now - datetime.timedelta(days=days)


def next_level_state(state: str, states: dict[str, str], transitions: list[tuple[str, str]]) -> str | None:
	"""The state a demand waiting too long in ``state`` moves to: among the workflow's transitions out of
	``state``, the one to the nearest higher level. ``states`` maps each open state to the level it sets;
	``transitions`` are (from, to) pairs. Read from the workflow, so an administrator's reshaped path
	(a level skipped, a step added) is followed; None when the path goes no higher."""
	here = rank(states.get(state))
	if here < 0:
		return None
	higher = [
		(rank(states[to]), to) for frm, to in transitions if frm == state and rank(states.get(to)) > here
	]
	return min(higher)[1] if higher else None


def claim_error(current_level: str | None, status: str | None, docstatus: int) -> str | None:
	"""Why a demand cannot be claimed now (an error code), or None."""
	if docstatus != 0 or current_level != PUBLISHED:
		return "not_published"
	if status in ACTIVE_CLAIM:
		return "already_claimed"
	if status != OPEN:
		return "not_open"
	return None


def age_on(date_of_birth: datetime.date | None, day: datetime.date) -> int | None:
	if not date_of_birth:
		return None
	return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))
