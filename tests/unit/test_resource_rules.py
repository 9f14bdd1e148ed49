"""The pure rules of children's demands and activities (kidcare.rules.demand, kidcare.rules.activity)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kidcare.rules import activity, demand

STATES = {"C": "Community", "S": "Street", "D": "District", "P": "Published"}
SHIPPED = [("C", "S"), ("C", "X"), ("S", "D"), ("S", "X"), ("D", "P"), ("D", "X"), ("P", "X")]


def test_the_shipped_path_climbs_one_level_at_a_time():
	assert [demand.next_level_state(s, STATES, SHIPPED) for s in "CSDP"] == ["S", "D", "P", None]


def test_a_reshaped_path_is_followed_and_never_goes_down():
	skipped = [("C", "S"), ("S", "P"), ("D", "P")]
	assert demand.next_level_state("S", STATES, skipped) == "P"
	backwards = [("S", "C"), ("D", "S")]
	assert demand.next_level_state("S", STATES, backwards) is None
	both = [("C", "D"), ("C", "S")]
	assert demand.next_level_state("C", STATES, both) == "S", "the nearest higher level"
	assert demand.next_level_state("unknown", STATES, SHIPPED) is None


def test_due_before():
	now = datetime.datetime(2026, 11, 23, 12)
	assert demand.due_before(now, 7) == datetime.datetime(2026, 11, 16, 12)
	assert demand.due_before(now, 0) is None and demand.due_before(now, None) is None


@pytest.mark.parametrize(
	"level, status, docstatus, error",
	[
		("Published", "Open", 0, None),
		("District", "Open", 0, "not_published"),
		("Published", "Open", 1, "not_published"),
		("Published", "Claimed", 0, "already_claimed"),
		("Published", "Claim Confirmed", 0, "already_claimed"),
		("Published", "Done", 0, "already_claimed"),
		("Published", "Solved", 0, "not_open"),
	],
)
def test_what_may_be_claimed(level, status, docstatus, error):
	assert demand.claim_error(level, status, docstatus) == error


def test_age():
	born = datetime.date(2015, 6, 7)
	assert demand.age_on(born, datetime.date(2026, 6, 6)) == 10
	assert demand.age_on(born, datetime.date(2026, 6, 7)) == 11
	assert demand.age_on(None, datetime.date(2026, 6, 7)) is None


statuses = st.lists(
	st.sampled_from([activity.SIGNED_UP, activity.WAITING, activity.ATTENDED, activity.CANCELLED])
)


@given(statuses, st.integers(min_value=0, max_value=10), st.booleans())
def test_a_sign_up_never_takes_more_places_than_there_are(rows, capacity, waiting_list):
	status = activity.sign_up_status(rows, capacity, waiting_list)
	taken = activity.places_taken(rows)
	if taken < capacity:
		assert status == activity.SIGNED_UP
	else:
		assert status == (activity.WAITING if waiting_list else None)
	if status == activity.SIGNED_UP:
		assert taken + 1 <= capacity


def test_the_first_waiting_moves_up_and_memorable_activities_count():
	rows = [
		("a", activity.SIGNED_UP),
		("b", activity.CANCELLED),
		("c", activity.WAITING),
		("d", activity.WAITING),
	]
	assert activity.next_in_line(rows) == "c"
	assert activity.next_in_line(rows[:2]) is None
	from kidcare.rules.compliance import MEMORABLE

	assert activity.contact_type(True) in MEMORABLE and activity.contact_type(False) not in MEMORABLE
