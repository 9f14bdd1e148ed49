"""What each step of an exit request needs, and what an approved one does to the child.

The workflow sets the request's ``status`` (Applied, Verified) and, at its final states, its ``decision``
(Approved or Rejected) through each state's update field; an administrator may rename states, add a
review step or change roles, and these rules still hold because they never look at a state's name.
"""

from __future__ import annotations

from kidcare.rules import child as child_rules

APPLIED = "Applied"
VERIFIED = "Verified"
APPROVED = "Approved"
REJECTED = "Rejected"

GUARDIAN = "Guardian"
VOLUNTEER = "Volunteer"
STREET_OFFICER = "Street Officer"
APPLICANT_TYPES = (GUARDIAN, VOLUNTEER, STREET_OFFICER)

NEEDS_VERIFICATION_NOTES = "verification_notes"
NEEDS_REJECTION_REASON = "rejection_reason"
NEEDS_DECISION_NOTES = "decision_notes"
NOT_VERIFIED = "not_verified"


def status_of(status: str | None, decision: str | None) -> str:
	"""The request's status: its decision once there is one, else what the workflow last set."""
	return decision or status or APPLIED


def step_errors(old: str | None, new: str, values: dict) -> list[str]:
	"""What is missing to move a request from status ``old`` to ``new``.

	``values`` holds the request's ``verification_notes`` and ``decision_notes``."""
	if old == new:
		return []

	def written(field):
		return bool((values.get(field) or "").strip())

	errors = []
	if new == VERIFIED and not written("verification_notes"):
		errors.append(NEEDS_VERIFICATION_NOTES)
	if new == REJECTED:
		# rejected by the street before it verified, or by the district after
		if not written("verification_notes" if rejected_at_street(old) else "decision_notes"):
			errors.append(NEEDS_REJECTION_REASON)
	if new == APPROVED:
		if old != VERIFIED:
			errors.append(NOT_VERIFIED)
		if not written("decision_notes"):
			errors.append(NEEDS_DECISION_NOTES)
	return errors


def rejected_at_street(old: str | None) -> bool:
	return old in (APPLIED, None)


def child_status_after_exit(applicant_type: str) -> str:
	"""Where an approved exit leaves the child: out of the program, unless it was the volunteer who
	withdrew, in which case the child waits for another volunteer."""
	return child_rules.AWAITING_PAIRING if applicant_type == VOLUNTEER else child_rules.EXITED


def applicant_types_for(roles: set[str], staff_roles: set[str]) -> tuple[str, ...]:
	"""The applicant types a user with ``roles`` may file: staff file for the guardian (with the signed
	application) or on the street's own initiative, a volunteer for herself, a guardian for the family."""
	if roles & staff_roles:
		return APPLICANT_TYPES
	allowed = []
	if "Child Guardian" in roles:
		allowed.append(GUARDIAN)
	if "Care Volunteer" in roles:
		allowed.append(VOLUNTEER)
	return tuple(allowed)
