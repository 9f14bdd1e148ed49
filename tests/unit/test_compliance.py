import datetime

import pytest

from kidcare.rules import compliance as c

D = datetime.date


def test_months():
	assert c.month_start(D(2026, 2, 17)) == D(2026, 2, 1)
	assert c.month_end(D(2028, 2, 3)) == D(2028, 2, 29)
	assert c.previous_month(D(2026, 1, 10)) == D(2025, 12, 1)
	assert c.review_due(D(2026, 11, 1), 5) == D(2026, 12, 5)


@pytest.mark.parametrize(
	"start, end, active",
	[
		(D(2026, 11, 30), None, True),
		(D(2026, 12, 1), None, False),
		(D(2026, 1, 1), D(2026, 11, 1), True),
		(D(2026, 1, 1), D(2026, 10, 31), False),
	],
)
def test_a_pairing_counts_for_a_month_it_touches(start, end, active):
	assert c.active_in(D(2026, 11, 1), start, end) is active


def test_monthly_compliance():
	assert c.month_compliance(1, 1) == c.MET
	assert c.month_compliance(0, 1) == c.NOT_MET
	assert c.month_compliance(0, 0) == c.MET


def test_year_progress_and_shortfalls():
	progress = c.YearProgress()
	for kind, minutes in (("Home Visit", 90), ("Phone or Video", 20), ("Outing", 240), ("Home Visit", -5)):
		progress.add(kind, minutes)
	assert (progress.home_visits, progress.memorable_activities, progress.hours) == (2, 1, 5.8)
	assert progress.shortfalls(c.YearTargets(home_visits=4, hours=12, memorable_activities=1)) == {
		"home_visits": 2,
		"hours": 6.2,
	}
	assert progress.shortfalls(c.YearTargets(1, 1, 1)) == {}
