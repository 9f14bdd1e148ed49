import pytest

from kidcare.rules import volunteer as v


@pytest.mark.parametrize(
	"status, screening, trained, expected",
	[
		("Active", "Passed", "2026-03-01", True),
		("Active", "Pending", "2026-03-01", False),
		("Active", "Passed", None, False),
		("Paused", "Passed", "2026-03-01", False),
	],
)
def test_only_active_screened_trained_volunteers_are_paired(status, screening, trained, expected):
	assert v.can_pair(status, screening, trained) is expected


def test_activation_needs_screening_and_training():
	assert v.status_errors("Applicant", "Active", "Pending", None, 0, 1) == [v.NOT_SCREENED, v.NOT_TRAINED]
	assert v.status_errors("Applicant", "Active", "Passed", "2026-03-01", 0, 1) == []


def test_impossible_jumps_are_refused():
	assert v.TRANSITION in v.status_errors("Withdrawn", "Active", "Passed", "2026-03-01", 0, 1)
	assert v.status_errors("Withdrawn", "Applicant", "Passed", "2026-03-01", 0, 1) == []


def test_no_pause_or_withdrawal_while_paired_and_capacity_covers_the_pairings():
	assert v.status_errors("Active", "Paused", "Passed", "2026-03-01", 1, 1) == [v.HAS_PAIRINGS]
	assert v.status_errors("Active", "Active", "Passed", "2026-03-01", 2, 1) == [v.CAPACITY]
	assert v.status_errors("Applicant", "Applicant", "Pending", None, 0, 0) == [v.CAPACITY]


@pytest.mark.parametrize(
	"mobile, ok",
	[
		("13800138000", True),
		("138 0013 8000", True),
		("12800138000", False),
		("1380013800", False),
		("", False),
	],
)
def test_mobile(mobile, ok):
	assert v.valid_mobile(mobile) is ok
