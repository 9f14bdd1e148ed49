# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

from frappe.model.document import Document


class CareNeed(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		care_need_name: DF.Data
		description: DF.SmallText | None
		enabled: DF.Check
		need_area: DF.Literal[
			"Daily-life Care", "Spiritual Growth", "Social Integration", "Family Education Guidance"
		]
	# end: auto-generated types

	pass
