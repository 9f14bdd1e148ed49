"""The shape of the Care Area tree: Province (省) > City (市) > District (区·县) > Street (街道·乡镇) >
Community (社区·村). A site may use any top part of it: a district-only site starts at District.

A rule that is broken is reported as an error code; the controller maps the code to a translated
message. Codes keep this module free of Frappe and of any particular wording.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

PROVINCE = "Province"
CITY = "City"
DISTRICT = "District"
STREET = "Street"
COMMUNITY = "Community"

#: Area types from the top of the tree down; the position is the level.
LEVELS: tuple[str, ...] = (PROVINCE, CITY, DISTRICT, STREET, COMMUNITY)

#: How many leading digits of the 12-digit statistical division code (统计用区划代码) an area of each
#: level owns: 33 | 3301 | 330106 | 330106001 | 330106001001.
CODE_PREFIX: dict[str, int] = {PROVINCE: 2, CITY: 4, DISTRICT: 6, STREET: 9, COMMUNITY: 12}
CODE_LENGTH = 12

PARENT_NOT_HIGHER = "parent_not_higher"
STREET_NEEDS_PARENT = "street_needs_parent"
COMMUNITY_NEEDS_PARENT = "community_needs_parent"
UNKNOWN_TYPE = "unknown_type"
CHILDREN_UNDER_LEAF = "children_under_leaf"
CYCLE = "cycle"
CODE_NOT_DIGITS = "code_not_digits"
CODE_NOT_UNDER_PARENT = "code_not_under_parent"


def level(area_type: str) -> int:
	"""0 for Province, 1 City, 2 District, 3 Street, 4 Community."""
	try:
		return LEVELS.index(area_type)
	except ValueError:
		raise ValueError(f"unknown area type {area_type!r}") from None


def can_have_children(area_type: str) -> bool:
	"""Only a Community is a leaf: people live in communities, not under them."""
	return area_type != COMMUNITY


def placement_error(area_type: str, parent_type: str | None) -> str | None:
	"""Why an area of ``area_type`` may not sit under a parent of ``parent_type`` (None: a root).

	A Province, City or District may be a root (the top of the part of the tree a site uses; a
	city-wide site has several district roots, or one city). Below the root each area sits under a
	higher level, levels may be skipped (a Community directly under a District, a District directly
	under a Province), and a District may group Districts (how a city federation grouped its districts
	before there were Cities). A Street needs a District above it, a Community a Street or District.
	"""
	if area_type not in LEVELS or (parent_type is not None and parent_type not in LEVELS):
		return UNKNOWN_TYPE
	if parent_type is None:
		if area_type == STREET:
			return STREET_NEEDS_PARENT
		if area_type == COMMUNITY:
			return COMMUNITY_NEEDS_PARENT
		return None
	if not can_have_children(parent_type):
		return CHILDREN_UNDER_LEAF
	if area_type == DISTRICT and parent_type == DISTRICT:
		return None
	if level(parent_type) >= level(area_type):
		return PARENT_NOT_HIGHER
	if area_type == STREET and parent_type != DISTRICT:
		return STREET_NEEDS_PARENT
	if area_type == COMMUNITY and parent_type not in (DISTRICT, STREET):
		return COMMUNITY_NEEDS_PARENT
	return None


def type_change_error(
	new_type: str, has_children: bool, child_types: list[str] | tuple[str, ...] = ()
) -> str | None:
	"""Why an existing area with children may not become ``new_type``."""
	if not has_children:
		return None
	if not can_have_children(new_type):
		return CHILDREN_UNDER_LEAF
	for child_type in child_types:
		err = placement_error(child_type, new_type)
		if err:
			return err
	return None


def is_cycle(name: str, new_parent: str | None, ancestors_of_parent: list[str] | tuple[str, ...]) -> bool:
	"""True when putting ``name`` under ``new_parent`` would make it its own ancestor.

	``ancestors_of_parent`` are the ancestors of ``new_parent`` as the tree stands today.
	"""
	if not new_parent:
		return False
	return new_parent == name or name in ancestors_of_parent


def clean_code(code: str | None) -> str:
	"""The code as typed, without spaces (a full-width digit from a Chinese input method made ASCII)."""
	if not code:
		return ""
	return "".join(code.split()).translate({0xFF10 + d: ord("0") + d for d in range(10)})


def code_error(
	code: str | None, area_type: str, parent_code: str | None = None, parent_type: str | None = None
) -> str | None:
	"""Why ``code`` cannot be the statistical division code of an area of ``area_type`` under a parent
	with ``parent_code`` of ``parent_type``: it must be 12 digits and begin with the digits its parent
	owns (a district of 3301 is 3301xx000000). No code is no error; a parent without one checks nothing."""
	code = clean_code(code)
	if not code:
		return None
	if len(code) != CODE_LENGTH or not code.isascii() or not code.isdigit():
		return CODE_NOT_DIGITS
	parent_code = clean_code(parent_code)
	if not parent_code or parent_type not in CODE_PREFIX or area_type not in CODE_PREFIX:
		return None
	if parent_type == area_type:  # a District grouping Districts owns no digits of theirs
		return None
	owned = CODE_PREFIX[parent_type]
	if code[:owned] != parent_code[:owned] or code == parent_code:
		return CODE_NOT_UNDER_PARENT
	return None


def candidate_names(name: str, ancestor_names: Iterable[str]) -> Iterator[str]:
	"""The names to try, in order, for an area called ``name`` whose ancestors (nearest first) are
	``ancestor_names``: the plain name, then qualified by more and more of its ancestors, nearest
	first — 新村, 新村（城关镇）, 新村（城关镇·平阳县） — as a Chinese address is read, narrowing down."""
	name = name.strip()
	yield name
	qualifiers: list[str] = []
	for ancestor in ancestor_names:
		if ancestor:
			qualifiers.append(ancestor.strip())
			yield f"{name}（{'·'.join(qualifiers)}）"


def breakdown_level(top_types: Iterable[str]) -> int:
	"""The level a viewer's figures are broken down by, from the levels of her top areas (those whose
	parent she cannot see): the level below the highest of them, never finer than Street — a Street
	is where the monthly meetings are held and reviews are checked, its communities are its work."""
	highest = min((level(t) for t in top_types if t in LEVELS), default=level(DISTRICT))
	return min(highest + 1, level(STREET))


def group_of(areas: Iterable[tuple[str, str, int, int]], visible: set[str], breakdown: int) -> dict[str, str]:
	"""Each area (name, area_type, lft, rgt) -> the area it is counted under in a breakdown at level
	``breakdown``: its ancestor-or-self at that level if it has one, else the deepest visible
	ancestor-or-self above that level (a Community straight under a District counts under the District;
	a visible area whose ancestors are hidden counts under its own top). One pass over the tree sorted by
	lft with a stack of open ancestors."""
	result: dict[str, str] = {}
	stack: list[tuple[str, str, int]] = []  # (name, area_type, rgt) of the open ancestors
	for name, area_type, lft, rgt in sorted(areas, key=lambda a: a[2]):
		while stack and stack[-1][2] < lft:
			stack.pop()
		stack.append((name, area_type, rgt))
		chosen = None
		for ancestor, ancestor_type, _ in stack:
			if ancestor_type not in LEVELS or level(ancestor_type) > breakdown:
				break
			if ancestor in visible or level(ancestor_type) == breakdown:
				chosen = ancestor
				if level(ancestor_type) == breakdown:
					break
		result[name] = chosen or name
	return result
