"""Is a pairing alive? The monthly and yearly arithmetic of contacts, visits, hours and activities."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

MET = "Met"
NOT_MET = "Not Met"

HOME_VISIT = "Home Visit"
#: contact types that count as a memorable activity (难忘的活动)
MEMORABLE = ("Activity", "Outing", "Holiday Home Stay")


def month_start(day: datetime.date) -> datetime.date:
	return day.replace(day=1)


def month_end(day: datetime.date) -> datetime.date:
	return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def previous_month(day: datetime.date) -> datetime.date:
	return month_start(month_start(day) - datetime.timedelta(days=1))


def review_due(period: datetime.date, due_days: int) -> datetime.date:
	"""A month's review is due ``due_days`` after the month ends."""
	return month_end(period) + datetime.timedelta(days=due_days)


def active_in(period: datetime.date, start: datetime.date, end: datetime.date | None) -> bool:
	"""Whether a pairing that runs from ``start`` to ``end`` (None: still running) covers part of the month."""
	return start <= month_end(period) and (end is None or end >= month_start(period))


def month_compliance(contacts: int, min_contacts: int) -> str:
	return MET if contacts >= max(min_contacts, 0) else NOT_MET


@dataclass
class YearTargets:
	home_visits: int
	hours: float
	memorable_activities: int


@dataclass
class YearProgress:
	home_visits: int = 0
	minutes: int = 0
	memorable_activities: int = 0

	def add(self, contact_type: str, minutes: int | None):
		if contact_type == HOME_VISIT:
			self.home_visits += 1
		if contact_type in MEMORABLE:
			self.memorable_activities += 1
		self.minutes += max(minutes or 0, 0)

	@property
	def hours(self) -> float:
		return round(self.minutes / 60, 1)

	def shortfalls(self, targets: YearTargets) -> dict[str, float]:
		"""What is still missing this year, by target (empty when every target is met)."""
		missing = {
			"home_visits": targets.home_visits - self.home_visits,
			"hours": round(targets.hours - self.hours, 1),
			"memorable_activities": targets.memorable_activities - self.memorable_activities,
		}
		return {k: v for k, v in missing.items() if v > 0}


def review_title(child_name: str | None, period: datetime.date) -> str:
	"""The child and the month (张小花 · 2026-10): a volunteer with one child has a review a month, and a
	list of reviews titled by the child's name alone told them apart by nothing."""
	return f"{child_name or ''} · {period:%Y-%m}"
