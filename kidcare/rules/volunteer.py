"""The volunteer pool (爱心资源库): who may be paired, and which status changes make sense."""

from __future__ import annotations

from kidcare.rules.phone import is_mobile

APPLICANT = "Applicant"
ACTIVE = "Active"
PAUSED = "Paused"
WITHDRAWN = "Withdrawn"
PASSED = "Passed"

NEXT = {
	APPLICANT: {ACTIVE, WITHDRAWN},
	ACTIVE: {PAUSED, WITHDRAWN},
	PAUSED: {ACTIVE, WITHDRAWN},
	WITHDRAWN: {APPLICANT},
}

TRANSITION = "transition"
NOT_SCREENED = "not_screened"
NOT_TRAINED = "not_trained"
HAS_PAIRINGS = "has_pairings"
CAPACITY = "capacity"


def can_pair(status: str, screening_status: str, training_completed_on) -> bool:
	"""Only Active volunteers who passed screening and completed training are paired."""
	return status == ACTIVE and screening_status == PASSED and bool(training_completed_on)


def status_errors(
	old: str | None,
	new: str,
	screening_status: str,
	training_completed_on,
	active_pairings: int,
	capacity: int,
) -> list[str]:
	errors = []
	if old and old != new and new not in NEXT.get(old, set()):
		errors.append(TRANSITION)
	if new == ACTIVE:
		if screening_status != PASSED:
			errors.append(NOT_SCREENED)
		if not training_completed_on:
			errors.append(NOT_TRAINED)
	if new in (PAUSED, WITHDRAWN) and active_pairings:
		errors.append(HAS_PAIRINGS)
	if capacity < max(active_pairings, 1):
		errors.append(CAPACITY)
	return errors


def valid_mobile(value: str | None) -> bool:
	return is_mobile(value)
