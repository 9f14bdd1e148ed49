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
		area_type: DF.Literal["District", "Street", "Community"]
		care_area_name: DF.Data
		description: DF.SmallText | None
		is_group: DF.Check
		lft: DF.Int
		old_parent: DF.Link | None
		parent_care_area: DF.Link | None
		rgt: DF.Int
	# end: auto-generated types

	nsm_parent_field = "parent_care_area"

	def validate(self):
		self.validate_placement()
		self.validate_type_change()
		self.is_group = 1 if rules.can_have_children(self.area_type) else 0

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
					_(self.area_type), _(parent_type)
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
					frappe.bold(self.care_area_name), _(self.area_type)
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


def throw(message: str):
	frappe.throw(message, title=_("Invalid Care Area"))
