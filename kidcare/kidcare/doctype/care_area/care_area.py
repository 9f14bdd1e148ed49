# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet, get_ancestors_of

from kidcare.rules import care_area as rules


class CareArea(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		area_code: DF.Data | None
		area_type: DF.Literal["Province", "City", "District", "Street", "Community"]
		care_area_name: DF.Data
		description: DF.SmallText | None
		is_group: DF.Check
		lft: DF.Int
		old_parent: DF.Link | None
		parent_care_area: DF.Link | None
		rgt: DF.Int
	# end: auto-generated types

	nsm_parent_field = "parent_care_area"

	def autoname(self):
		"""The 12-digit statistical division code when given (it never repeats), else the name, qualified
		by its parent's (and grandparent's...) names when another area already has it: village and
		community names repeat across a province. The name shown everywhere is ``care_area_name``
		(the title field, shown in links); the record's name never changes after it is made."""
		self.area_code = rules.clean_code(self.area_code)
		if self.area_code:
			self.name = self.area_code
			return
		ancestors = []
		if self.parent_care_area:
			# nearest first (get_ancestors_of orders by lft descending)
			ancestors = [self.parent_care_area, *get_ancestors_of("Care Area", self.parent_care_area)]
		titles = dict(
			frappe.get_all(
				"Care Area",
				filters={"name": ("in", ancestors or [""])},
				fields=["name", "care_area_name"],
				as_list=True,
			)
		)
		for candidate in rules.candidate_names(self.care_area_name, [titles.get(a, a) for a in ancestors]):
			if not frappe.db.exists("Care Area", candidate):
				self.name = candidate
				return
		self.name = f"{self.care_area_name}-{frappe.generate_hash(length=5)}"

	def validate(self):
		self.validate_placement()
		self.validate_type_change()
		self.validate_code()
		self.is_group = 1 if rules.can_have_children(self.area_type) else 0

	def validate_code(self):
		self.area_code = rules.clean_code(self.area_code)
		if not self.area_code:
			return
		parent_code, parent_type, parent_title = (None, None, None)
		if self.parent_care_area:
			parent_code, parent_type, parent_title = frappe.db.get_value(
				"Care Area", self.parent_care_area, ["area_code", "area_type", "care_area_name"]
			)
		error = rules.code_error(self.area_code, self.area_type, parent_code, parent_type)
		if error == rules.CODE_NOT_DIGITS:
			throw(
				_("The administrative code {0} must be the 12-digit statistical division code.").format(
					frappe.bold(self.area_code)
				)
			)
		if error == rules.CODE_NOT_UNDER_PARENT:
			throw(
				_("The administrative code {0} does not lie under {1}: it must begin with {2}.").format(
					frappe.bold(self.area_code),
					frappe.bold(parent_title),
					frappe.bold(rules.clean_code(parent_code)[: rules.CODE_PREFIX[parent_type]]),
				)
			)
		taken = frappe.db.get_value(
			"Care Area", {"area_code": self.area_code, "name": ("!=", self.name or "")}, "care_area_name"
		)
		if taken or (self.is_new() and frappe.db.exists("Care Area", self.area_code)):
			throw(
				_("The administrative code {0} already belongs to {1}.").format(
					frappe.bold(self.area_code), frappe.bold(taken or self.area_code)
				)
			)

	def validate_placement(self):
		parent_type = None
		if self.parent_care_area:
			parent_type = frappe.db.get_value("Care Area", self.parent_care_area, "area_type")
			if rules.is_cycle(
				self.name, self.parent_care_area, get_ancestors_of("Care Area", self.parent_care_area)
			):
				throw(
					_("{0} cannot be placed under itself or one of its own sub-areas.").format(
						frappe.bold(self.care_area_name)
					)
				)

		error = rules.placement_error(self.area_type, parent_type)
		if error == rules.CHILDREN_UNDER_LEAF:
			throw(
				_("{0} is a Community and cannot have areas under it.").format(
					frappe.bold(self.parent_care_area)
				)
			)
		elif error == rules.STREET_NEEDS_PARENT:
			throw(_("A Street must be placed under a District."))
		elif error == rules.COMMUNITY_NEEDS_PARENT:
			throw(_("A Community must be placed under a Street or a District."))
		elif error == rules.PARENT_NOT_HIGHER:
			throw(
				_("A {0} cannot be placed under a {1}: the parent must be a higher level.").format(
					_(self.area_type, context="Care Area"), _(parent_type, context="Care Area")
				)
			)
		elif error:
			throw(_("Unknown area type {0}.").format(frappe.bold(self.area_type)))

	def validate_type_change(self):
		if self.is_new() or not self.has_value_changed("area_type"):
			return
		child_types = frappe.get_all(
			"Care Area", filters={"parent_care_area": self.name}, pluck="area_type", distinct=True
		)
		error = rules.type_change_error(self.area_type, bool(child_types), child_types)
		if error:
			throw(
				_("{0} has areas under it that a {1} cannot hold.").format(
					frappe.bold(self.care_area_name), _(self.area_type, context="Care Area")
				)
			)


def street_by_area() -> dict[str, str]:
	"""Each Care Area -> its street (a Community folds into its parent; a Street or District is itself)."""
	return {
		name: parent if area_type == "Community" and parent else name
		for name, area_type, parent in frappe.get_all(
			"Care Area", fields=["name", "area_type", "parent_care_area"], as_list=True
		)
	}


def breakdown_by_area(visible: list[str]) -> dict[str, str]:
	"""Each Care Area -> the area a viewer who sees ``visible`` has it counted under in her figures:
	the level below her top areas (a city officer's by district, a province's by city), never finer
	than Street (a street officer's and a community worker's by their street). One query on the tree."""
	if not visible:
		return {}
	seen = set(visible)
	areas = frappe.get_all(
		"Care Area", fields=["name", "area_type", "lft", "rgt", "parent_care_area"], as_list=True
	)
	tops = [area_type for name, area_type, _, _, parent in areas if name in seen and parent not in seen]
	return rules.group_of(
		[(name, area_type, lft, rgt) for name, area_type, lft, rgt, _ in areas],
		seen,
		rules.breakdown_level(tops),
	)


def area_titles(names) -> dict[str, str]:
	"""The shown names (care_area_name) of a few areas, for labels; an unknown one shows as itself."""
	names = list(names)
	titles = dict(
		frappe.get_all(
			"Care Area",
			filters={"name": ("in", names or [""])},
			fields=["name", "care_area_name"],
			as_list=True,
		)
	)
	return {n: titles.get(n) or n for n in names}


def throw(message: str):
	frappe.throw(message, title=_("Invalid Care Area"))
