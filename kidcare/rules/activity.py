"""A Care Activity's places: who gets one, who waits, who moves up when a place frees. No Frappe."""

from __future__ import annotations

SIGNED_UP, WAITING, ATTENDED, CANCELLED = "Signed Up", "Waiting", "Attended", "Cancelled"
#: sign-ups that hold a place
HOLDS_PLACE = (SIGNED_UP, ATTENDED)


def places_taken(statuses: list[str]) -> int:
	return sum(1 for s in statuses if s in HOLDS_PLACE)


def sign_up_status(statuses: list[str], capacity: int, join_waiting_list: bool) -> str | None:
	"""The status a new sign-up gets: a place while one is free, else the waiting list when asked for;
	None when the activity is full and the waiting list was not asked for."""
	if places_taken(statuses) < max(capacity or 0, 0):
		return SIGNED_UP
	return WAITING if join_waiting_list else None


def next_in_line(rows: list[tuple[str, str]]) -> str | None:
	"""Of (key, status) rows in sign-up order, the first waiting one: she gets the place that freed."""
	return next((key for key, status in rows if status == WAITING), None)


def contact_type(is_memorable: bool) -> str:
	"""The Care Contact an attended activity becomes: a memorable one counts as an Activity (toward the
	yearly memorable-activity requirement, kidcare.rules.compliance.MEMORABLE), any other as Other
	(a contact of the month, with its hours)."""
	return "Activity" if is_memorable else "Other"
