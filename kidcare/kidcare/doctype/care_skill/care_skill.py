# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

from frappe.model.document import Document


class CareSkill(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		care_skill_name: DF.Data
		description: DF.SmallText | None
		enabled: DF.Check
		skill_category: DF.Literal[
			"", "Learning", "Arts", "Sports", "Psychology", "Law", "Health", "Life Skills", "Other"
		]
	# end: auto-generated types

	pass
