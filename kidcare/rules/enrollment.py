"""What each step of an enrollment needs, keyed on the enrollment's ``status`` field.

The workflow sets ``status`` through each state's update field; an administrator may rename states or
add steps, and these rules still hold because they never look at a state's name.
"""

from __future__ import annotations

DRAFT = "Draft"
PENDING_VERIFICATION = "Pending Verification"
VERIFIED = "Verified"
APPROVED = "Approved"
REJECTED = "Rejected"

#: statuses of an enrollment still open (not yet decided)
OPEN = (DRAFT, PENDING_VERIFICATION, VERIFIED)

NEEDS_VERIFICATION_NOTES = "verification_notes"
NEEDS_REJECTION_REASON = "rejection_reason"
NEEDS_CONSENT = "consent"
NOT_VERIFIED = "not_verified"


def step_errors(old: str | None, new: str, values: dict) -> list[str]:
	"""What is missing to move an enrollment from status ``old`` to ``new``.

	``values`` holds the enrollment's verification_notes and decision_notes and the child's
	guardian_consent.
	"""
	if old == new:
		return []
	errors = []
	if new == VERIFIED and not (values.get("verification_notes") or "").strip():
		errors.append(NEEDS_VERIFICATION_NOTES)
	if new == REJECTED:
		# rejected at the street before verification, or by the district after it
		reason = "verification_notes" if old in (DRAFT, PENDING_VERIFICATION, None) else "decision_notes"
		if not (values.get(reason) or "").strip():
			errors.append(NEEDS_REJECTION_REASON)
	if new == APPROVED:
		if old not in (VERIFIED, APPROVED):
			errors.append(NOT_VERIFIED)
		if not values.get("guardian_consent"):
			errors.append(NEEDS_CONSENT)
	return errors


def rejected_at_street(old: str | None) -> bool:
	return old in (DRAFT, PENDING_VERIFICATION, None)
