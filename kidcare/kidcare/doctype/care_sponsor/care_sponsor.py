# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

"""A person or organisation who sponsors children. A login linked here is a website user with the
KidCare Sponsor role: it sees this record, its pledges and receipts, nothing else of the program."""

import frappe
from frappe import _
from frappe.model.document import Document

from kidcare.permissions import give_role
from kidcare.sponsorship.permissions import SPONSOR_ROLE


class CareSponsor(Document):
	def validate(self):
		if self.user and self.has_value_changed("user"):
			if frappe.db.get_value("User", self.user, "user_type") != "Website User":
				frappe.throw(
					_(
						"The sponsor's login {0} must be a website user: staff logins cannot be linked to a sponsor."
					).format(frappe.bold(self.user))
				)
			other = frappe.db.get_value("Care Sponsor", {"user": self.user, "name": ("!=", self.name)})
			if other:
				frappe.throw(
					_("The login {0} already belongs to sponsor {1}.").format(frappe.bold(self.user), other)
				)

	def on_update(self):
		give_role(self.user, SPONSOR_ROLE)
