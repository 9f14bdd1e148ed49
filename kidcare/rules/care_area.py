"""The shape of the Care Area tree: District (区) > Street (街道·镇) > Community (社区·村).

A rule that is broken is reported as an error code; the controller maps the code to a translated
message. Codes keep this module free of Frappe and of any particular wording.
"""

from __future__ import annotations

DISTRICT = "District"
STREET = "Street"
COMMUNITY = "Community"

#: Area types from the top of the tree down; the position is the level.
LEVELS: tuple[str, ...] = (DISTRICT, STREET, COMMUNITY)

PARENT_NOT_HIGHER = "parent_not_higher"
STREET_NEEDS_PARENT = "street_needs_parent"
COMMUNITY_NEEDS_PARENT = "community_needs_parent"
UNKNOWN_TYPE = "unknown_type"
CHILDREN_UNDER_LEAF = "children_under_leaf"
CYCLE = "cycle"


def level(area_type: str) -> int:
	"""0 for District, 1 for Street, 2 for Community."""
	try:
		return LEVELS.index(area_type)
	except ValueError:
		raise ValueError(f"unknown area type {area_type!r}") from None


def can_have_children(area_type: str) -> bool:
	"""Only a Community is a leaf: people live in communities, not under them."""
	return area_type != COMMUNITY


def placement_error(area_type: str, parent_type: str | None) -> str | None:
	"""Why an area of ``area_type`` may not sit under a parent of ``parent_type`` (None: a root).

	Districts may be roots (a city-wide site has several) or sit under a higher District; a Street
	needs a District above it and a Community a Street or District above it.
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
	if area_type == DISTRICT:
		# a district under a district is how a city federation groups its districts
		return None if parent_type == DISTRICT else PARENT_NOT_HIGHER
	if level(parent_type) >= level(area_type):
		return PARENT_NOT_HIGHER
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
