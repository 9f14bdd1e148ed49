# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ChildSponsorshipCategory(Document):
	pass
