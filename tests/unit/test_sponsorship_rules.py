"""The pure rules of sponsorship (kidcare/rules/sponsorship.py): schedules to the fen, the pledge cap
over overlapping periods, how money fills instalments, statuses."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kidcare.rules import sponsorship as rules

D = datetime.date


@pytest.mark.parametrize(
	"plan, count, first_amounts",
	[("Yearly", 1, [3000.0]), ("Half-yearly", 2, [1500.0, 1500.0]), ("Monthly", 12, [250.0] * 12)],
)
def test_the_standard_in_each_plan(plan, count, first_amounts):
	rows = rules.schedule(3000, plan, D(2026, 1, 31), 1, 2)
	assert [a for _d, a in rows] == first_amounts and len(rows) == count
	assert rows[0][0] == D(2026, 1, 31)
	if plan == "Monthly":
		assert rows[1][0] == D(2026, 2, 28)  # the 31st becomes the month's last day


@given(
	annual=st.decimals(min_value="0.01", max_value="1000000", places=2),
	plan=st.sampled_from(list(rules.PER_YEAR)),
	years=st.integers(1, 6),
)
def test_instalments_add_up_to_the_pledge_to_the_fen(annual, plan, years):
	rows = rules.schedule(float(annual), plan, D(2026, 3, 1), years, 2)
	assert sum(rules.to_units(a, 2) for _d, a in rows) == rules.to_units(float(annual), 2) * years
	assert len(rows) == rules.PER_YEAR[plan] * years
	amounts = [rules.to_units(a, 2) for _d, a in rows]
	# equal to the fen; the last carries what division leaves (less than one fen per instalment)
	assert len(set(amounts[:-1])) <= 1 and 0 <= amounts[-1] - amounts[0] < len(amounts)


def test_money_fills_the_oldest_instalments_first():
	assert rules.fill([250, 250, 250], 500.01, 2) == [250.0, 250.0, 0.01]
	assert rules.fill([250, 250], 0, 2) == [0.0, 0.0]
	assert rules.fill([250, 250], 900, 2) == [250.0, 250.0]


def test_several_sponsors_share_the_standard_on_no_day_beyond_it():
	a = (D(2026, 1, 1), D(2026, 12, 31), 2000)
	b = (D(2026, 7, 1), D(2027, 6, 30), 1000)
	assert rules.peak_pledge([a, b], D(2026, 1, 1), D(2027, 12, 31)) == 3000
	assert rules.may_pledge([a, b], D(2026, 6, 1), D(2026, 6, 30), 1000, 3000, 2) == 0  # June: only a
	assert rules.may_pledge([a, b], D(2026, 6, 1), D(2026, 7, 1), 1000, 3000, 2) < 0  # 1 July: a + b
	assert rules.may_pledge([a], D(2027, 1, 1), D(2027, 12, 31), 3000, 3000, 2) == 0  # a is over


def test_pledges_that_only_touch_do_not_overlap():
	a = (D(2026, 1, 1), D(2026, 12, 31), 3000)
	assert rules.peak_pledge([a], D(2027, 1, 1), D(2027, 12, 31)) == 0
	assert rules.peak_pledge([a], D(2026, 12, 31), D(2027, 12, 31)) == 3000


def test_statuses():
	assert rules.sponsorship_status(0, False, 0) == rules.DRAFT
	assert rules.sponsorship_status(1, False, 0) == rules.AWAITING
	assert rules.sponsorship_status(1, False, 0.01) == rules.ACTIVE
	assert rules.sponsorship_status(1, True, 100) == rules.ENDED
	assert rules.sponsorship_status(2, False, 0) == rules.CANCELLED
	today = D(2026, 5, 1)
	assert rules.instalment_status(250, 250, D(2026, 1, 1), today, 2) == rules.PAID
	assert rules.instalment_status(250, 100, D(2026, 1, 1), today, 2) == rules.OVERDUE
	assert rules.instalment_status(250, 100, D(2026, 6, 1), today, 2) == rules.PARTLY_PAID
	assert rules.instalment_status(250, 0, D(2026, 5, 1), today, 2) == rules.DUE


def test_a_childs_state_and_what_ends_her_pledges():
	assert rules.child_state(False, True, 3000, 3000, 2) == rules.CLOSED
	assert rules.child_state(True, True, 3000, 3000, 2) == rules.SPONSORED
	assert rules.child_state(True, True, 2999.99, 3000, 2) == rules.PARTLY_SPONSORED
	assert rules.child_state(True, True, 0, 3000, 2) == rules.AWAITING_SPONSOR
	assert rules.child_state(True, False, 0, 3000, 2) == ""
	assert rules.end_reason_for_child_status("Exited", "Exited", "Aged Out") == rules.CHILD_EXITED
	assert rules.end_reason_for_child_status("Aged Out", "Exited", "Aged Out") == rules.CHILD_AGED_OUT
	assert rules.end_reason_for_child_status("Paired", "Exited", "Aged Out") is None
	assert rules.eligible({"Orphan"}, {"Orphan", "Disabled"}, False)
	assert not rules.eligible({"Left-behind"}, {"Orphan"}, False)
	assert rules.eligible(set(), set(), False) and not rules.eligible({"Orphan"}, set(), True)
