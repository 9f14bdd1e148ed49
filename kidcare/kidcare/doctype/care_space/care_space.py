# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class CareSpace(Document):
	def validate(self):
		if self.latitude is not None and not -90 <= self.latitude <= 90:
			frappe.throw(_("The latitude must be between -90 and 90."), title=_("Invalid Space"))
		if self.longitude is not None and not -180 <= self.longitude <= 180:
			frappe.throw(_("The longitude must be between -180 and 180."), title=_("Invalid Space"))
