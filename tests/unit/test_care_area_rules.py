import pytest

from kidcare.rules import care_area as rules
from kidcare.rules.care_area import COMMUNITY, DISTRICT, STREET


@pytest.mark.parametrize(
	"area_type, parent_type, expected",
	[
		(DISTRICT, None, None),
		(DISTRICT, DISTRICT, None),
		(STREET, DISTRICT, None),
		(COMMUNITY, STREET, None),
		(COMMUNITY, DISTRICT, None),
		(STREET, None, rules.STREET_NEEDS_PARENT),
		(COMMUNITY, None, rules.COMMUNITY_NEEDS_PARENT),
		(DISTRICT, STREET, rules.PARENT_NOT_HIGHER),
		(STREET, STREET, rules.PARENT_NOT_HIGHER),
		(DISTRICT, COMMUNITY, rules.CHILDREN_UNDER_LEAF),
		(STREET, COMMUNITY, rules.CHILDREN_UNDER_LEAF),
		(COMMUNITY, COMMUNITY, rules.CHILDREN_UNDER_LEAF),
		("Province", None, rules.UNKNOWN_TYPE),
		(STREET, "Province", rules.UNKNOWN_TYPE),
	],
)
def test_placement(area_type, parent_type, expected):
	assert rules.placement_error(area_type, parent_type) == expected


def test_every_allowed_placement_puts_the_parent_higher_or_a_district_over_a_district():
	for child in rules.LEVELS:
		for parent in rules.LEVELS:
			if rules.placement_error(child, parent) is None:
				assert rules.level(parent) < rules.level(child) or child == parent == DISTRICT


def test_only_communities_are_leaves():
	assert [t for t in rules.LEVELS if not rules.can_have_children(t)] == [COMMUNITY]


def test_levels_are_ordered_top_down():
	assert [rules.level(t) for t in (DISTRICT, STREET, COMMUNITY)] == [0, 1, 2]
	with pytest.raises(ValueError):
		rules.level("Province")


@pytest.mark.parametrize(
	"new_type, has_children, child_types, expected",
	[
		(COMMUNITY, False, [], None),
		(COMMUNITY, True, [COMMUNITY], rules.CHILDREN_UNDER_LEAF),
		(STREET, True, [COMMUNITY], None),
		(STREET, True, [STREET], rules.PARENT_NOT_HIGHER),
		(DISTRICT, True, [STREET, COMMUNITY], None),
	],
)
def test_type_change(new_type, has_children, child_types, expected):
	assert rules.type_change_error(new_type, has_children, child_types) == expected


def test_cycles():
	# A > B > C: putting A under C (or under itself) is a cycle, under a stranger it is not
	assert rules.is_cycle("A", "A", [])
	assert rules.is_cycle("A", "C", ["B", "A"])
	assert not rules.is_cycle("A", "X", ["Y"])
	assert not rules.is_cycle("A", None, [])
