# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

from frappe.model.document import Document

from kidcare.resources.partners import validate_members


class CarePartner(Document):
	def validate(self):
		validate_members(self)
