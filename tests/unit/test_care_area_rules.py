import pytest

from kidcare.rules import care_area as rules
from kidcare.rules.care_area import CITY, COMMUNITY, DISTRICT, PROVINCE, STREET


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
		("Town", None, rules.UNKNOWN_TYPE),
		(STREET, "Town", rules.UNKNOWN_TYPE),
		(PROVINCE, None, None),
		(CITY, None, None),
		(CITY, PROVINCE, None),
		(DISTRICT, CITY, None),
		(DISTRICT, PROVINCE, None),
		(PROVINCE, CITY, rules.PARENT_NOT_HIGHER),
		(PROVINCE, PROVINCE, rules.PARENT_NOT_HIGHER),
		(CITY, CITY, rules.PARENT_NOT_HIGHER),
		(CITY, DISTRICT, rules.PARENT_NOT_HIGHER),
		(STREET, CITY, rules.STREET_NEEDS_PARENT),
		(COMMUNITY, CITY, rules.COMMUNITY_NEEDS_PARENT),
		(COMMUNITY, PROVINCE, rules.COMMUNITY_NEEDS_PARENT),
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
	assert [rules.level(t) for t in (PROVINCE, CITY, DISTRICT, STREET, COMMUNITY)] == [0, 1, 2, 3, 4]
	with pytest.raises(ValueError):
		rules.level("Town")


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


@pytest.mark.parametrize(
	"code, area_type, parent_code, parent_type, expected",
	[
		("", STREET, "330106000000", DISTRICT, None),
		("330000000000", PROVINCE, None, None, None),
		("330100000000", CITY, "330000000000", PROVINCE, None),
		("330106000000", DISTRICT, "330100000000", CITY, None),
		("330106001000", STREET, "330106000000", DISTRICT, None),
		("330106001001", COMMUNITY, "330106001000", STREET, None),
		("３３０１０６００１００２", COMMUNITY, "330106001000", STREET, None),  # full-width digits
		("330106 001 003", COMMUNITY, "330106001000", STREET, None),
		("330106001001", COMMUNITY, None, STREET, None),  # a parent without a code checks nothing
		("33010600100", COMMUNITY, "330106001000", STREET, rules.CODE_NOT_DIGITS),
		("33010600100X", COMMUNITY, "330106001000", STREET, rules.CODE_NOT_DIGITS),
		("330106002001", COMMUNITY, "330106001000", STREET, rules.CODE_NOT_UNDER_PARENT),
		("320106000000", DISTRICT, "330100000000", CITY, rules.CODE_NOT_UNDER_PARENT),
		("330100000000", CITY, "330100000000", PROVINCE, rules.CODE_NOT_UNDER_PARENT),
		("330106000000", DISTRICT, "330100000000", DISTRICT, None),  # a district grouping districts
	],
)
def test_codes_lie_under_their_parents(code, area_type, parent_code, parent_type, expected):
	assert rules.code_error(code, area_type, parent_code, parent_type) == expected


def test_a_taken_name_is_qualified_by_its_ancestors_nearest_first():
	assert list(rules.candidate_names(" 新村 ", ["城关镇", "平阳县", "温州市"])) == [
		"新村",
		"新村（城关镇）",
		"新村（城关镇·平阳县）",
		"新村（城关镇·平阳县·温州市）",
	]
	assert list(rules.candidate_names("新村", [])) == ["新村"]


def test_breakdown_is_the_level_below_the_viewers_top_never_finer_than_street():
	level = rules.level
	assert rules.breakdown_level([PROVINCE]) == level(CITY)
	assert rules.breakdown_level([CITY]) == level(DISTRICT)
	assert rules.breakdown_level([DISTRICT, DISTRICT]) == level(STREET)
	assert rules.breakdown_level([STREET]) == level(STREET)
	assert rules.breakdown_level([COMMUNITY]) == level(STREET)
	assert rules.breakdown_level([]) == level(STREET)


#: P > C > D1 > S1 > V1, V2; D1 > V3 (a village straight under its county); C > D2
TREE = [
	("P", PROVINCE, 1, 20),
	("C", CITY, 2, 19),
	("D1", DISTRICT, 3, 14),
	("S1", STREET, 4, 9),
	("V1", COMMUNITY, 5, 6),
	("V2", COMMUNITY, 7, 8),
	("V3", COMMUNITY, 10, 11),
	("D2", DISTRICT, 15, 18),
	("S2", STREET, 16, 17),
]


def test_every_area_is_counted_under_its_ancestor_at_the_breakdown_level():
	everything = {a[0] for a in TREE}
	by_city = rules.group_of(TREE, everything, rules.level(CITY))
	assert {by_city[a] for a in ("C", "D1", "S1", "V1", "V3", "S2")} == {"C"}
	assert by_city["P"] == "P"
	city_officer = {"C", "D1", "S1", "V1", "V2", "V3", "D2", "S2"}
	by_district = rules.group_of(TREE, city_officer, rules.level(DISTRICT))
	assert [by_district[a] for a in ("D1", "S1", "V1", "V3", "S2")] == ["D1", "D1", "D1", "D1", "D2"]
	by_street = rules.group_of(TREE, {"S1", "V1", "V2"}, rules.level(STREET))
	assert [by_street[a] for a in ("V1", "V2", "S1")] == ["S1", "S1", "S1"]
	# a village worker: her village counts under its street, which she cannot open but is named
	assert rules.group_of(TREE, {"V2"}, rules.level(STREET))["V2"] == "S1"
	# a village straight under its county counts under the county
	assert rules.group_of(TREE, city_officer, rules.level(STREET))["V3"] == "D1"
