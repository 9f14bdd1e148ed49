"""Sanity rules for KidCare Settings."""

from __future__ import annotations

NON_NEGATIVE = (
	"min_contacts_per_month",
	"home_visits_per_year",
	"home_visit_hours_per_year",
	"memorable_activities_per_year",
	"review_due_days",
	"matching_radius_km",
	"weight_proximity",
	"weight_needs",
	"weight_interests",
	"weight_capacity",
)
WEIGHTS = ("weight_proximity", "weight_needs", "weight_interests", "weight_capacity")


def settings_errors(values: dict) -> list[str]:
	"""Error codes for a settings record given as a plain dict (missing numbers count as 0)."""

	def number(key):
		return float(values.get(key) or 0)

	errors = []
	if not 1 <= number("review_creation_day") <= 28:
		errors.append("review_creation_day")
	if any(number(key) < 0 for key in NON_NEGATIVE):
		errors.append("negative")
	if sum(number(key) for key in WEIGHTS) <= 0:
		errors.append("weights")
	return errors
