import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kidcare.rules import child
from kidcare.rules import enrollment as e

D = datetime.date


@pytest.mark.parametrize(
	"born, on, age",
	[
		(D(2010, 5, 20), D(2028, 5, 19), 17),
		(D(2010, 5, 20), D(2028, 5, 20), 18),
		(D(2012, 2, 29), D(2030, 2, 28), 17),
		(D(2012, 2, 29), D(2030, 3, 1), 18),
		(D(2020, 1, 1), D(2019, 1, 1), 0),
	],
)
def test_age(born, on, age):
	assert child.age_on(born, on) == age


@given(st.dates(D(1990, 1, 1), D(2030, 12, 31)), st.dates(D(2000, 1, 1), D(2060, 12, 31)))
def test_adult_cutoff_agrees_with_age(born, on):
	adult = born <= child.born_on_or_before_for_adults(on)
	assert adult == (child.age_on(born, on) >= child.ADULT_AGE)


def test_verification_needs_notes():
	assert e.step_errors(e.PENDING_VERIFICATION, e.VERIFIED, {}) == [e.NEEDS_VERIFICATION_NOTES]
	assert e.step_errors(e.PENDING_VERIFICATION, e.VERIFIED, {"verification_notes": "  "}) == [
		e.NEEDS_VERIFICATION_NOTES
	]
	assert e.step_errors(e.PENDING_VERIFICATION, e.VERIFIED, {"verification_notes": "入户核实属实"}) == []


def test_rejection_needs_a_reason_at_the_level_that_rejects():
	assert e.step_errors(e.PENDING_VERIFICATION, e.REJECTED, {"decision_notes": "x"}) == [
		e.NEEDS_REJECTION_REASON
	]
	assert e.step_errors(e.PENDING_VERIFICATION, e.REJECTED, {"verification_notes": "不符合条件"}) == []
	assert e.step_errors(e.VERIFIED, e.REJECTED, {"verification_notes": "属实"}) == [e.NEEDS_REJECTION_REASON]
	assert e.step_errors(e.VERIFIED, e.REJECTED, {"decision_notes": "已由民政兜底"}) == []


def test_approval_needs_verification_and_consent():
	assert e.step_errors(e.VERIFIED, e.APPROVED, {"guardian_consent": 1}) == []
	assert e.step_errors(e.VERIFIED, e.APPROVED, {"guardian_consent": 0}) == [e.NEEDS_CONSENT]
	assert e.step_errors(e.PENDING_VERIFICATION, e.APPROVED, {"guardian_consent": 1}) == [e.NOT_VERIFIED]


def test_no_change_needs_nothing():
	assert e.step_errors(e.DRAFT, e.DRAFT, {}) == []
