from kidcare.rules.settings import settings_errors

DEFAULTS = {
	"min_contacts_per_month": 1,
	"home_visits_per_year": 4,
	"home_visit_hours_per_year": 12,
	"memorable_activities_per_year": 1,
	"review_creation_day": 25,
	"review_due_days": 5,
	"matching_radius_km": 5,
	"weight_proximity": 40,
	"weight_needs": 30,
	"weight_interests": 20,
	"weight_capacity": 10,
}


def test_defaults_are_valid():
	assert settings_errors(DEFAULTS) == []


def test_review_day_must_exist_in_every_month():
	assert settings_errors({**DEFAULTS, "review_creation_day": 29}) == ["review_creation_day"]
	assert settings_errors({**DEFAULTS, "review_creation_day": 0}) == ["review_creation_day"]
	assert settings_errors({**DEFAULTS, "review_creation_day": 28}) == []


def test_negative_numbers_are_refused():
	assert settings_errors({**DEFAULTS, "home_visits_per_year": -1}) == ["negative"]
	assert settings_errors({**DEFAULTS, "matching_radius_km": -0.5}) == ["negative"]


def test_some_weight_must_count():
	zero = dict.fromkeys(("weight_proximity", "weight_needs", "weight_interests", "weight_capacity"), 0)
	assert settings_errors({**DEFAULTS, **zero}) == ["weights"]
	assert settings_errors({**DEFAULTS, **zero, "weight_needs": None}) == ["weights"]
