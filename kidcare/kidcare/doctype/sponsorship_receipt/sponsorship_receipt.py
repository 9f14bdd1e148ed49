# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

"""Money a sponsor paid in. Submitting it fills the pledge's instalments oldest first and, when
ERPNext keeps the books, posts a Journal Entry; cancelling undoes both."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from kidcare.rules import sponsorship as rules
from kidcare.sponsorship import LocksBeforeSubmit, accounts, ledger, pledges, subtotals


class SponsorshipReceipt(LocksBeforeSubmit, Document):
	def lock_first(self):
		# the child first, then the pledge: the order every other writer of her money takes
		pledges.lock_child(frappe.db.get_value("Child Sponsorship", self.sponsorship, "child"))
		frappe.db.get_value("Child Sponsorship", self.sponsorship, "name", for_update=True)

	def validate(self):
		# the pledge's child, sponsor and area, whatever the request sent (the child is staff-only)
		self.update(
			frappe.db.get_value(
				"Child Sponsorship",
				self.sponsorship,
				["child", "child_alias", "sponsor", "sponsor_name", "care_area"],
				as_dict=True,
			)
			or {}
		)
		if flt(self.amount, self.precision("amount")) <= 0:
			frappe.throw(_("The amount must be greater than zero."), title=_("Amount not accepted"))
		self.check_sponsorship()

	def check_sponsorship(self, lock: bool = False):
		docstatus, status = frappe.db.get_value(
			"Child Sponsorship", self.sponsorship, ["docstatus", "status"], for_update=lock
		)
		if docstatus != 1 or status not in rules.HOLDING:
			frappe.throw(
				_("Sponsorship {0} is {1}: no money can be received on it.").format(
					self.sponsorship, _(status, context="Child Sponsorship")
				),
				title=_("Sponsorship not open"),
			)
		left = ledger.outstanding(self.sponsorship, lock)
		if flt(self.amount, self.precision("amount")) > left:
			frappe.throw(
				_("This receipt of {0} is more than what remains of the pledge ({1}).").format(
					frappe.format_value(self.amount, {"fieldtype": "Currency"}),
					frappe.format_value(left, {"fieldtype": "Currency"}),
				),
				title=_("Amount not accepted"),
			)

	def before_submit(self):
		self.check_sponsorship(lock=True)  # two receipts at once: the second waits and sees the first

	def on_submit(self):
		ledger.refresh_sponsorship(self.sponsorship)
		subtotals.refresh(self.child)
		accounts.post_receipt(self)

	def on_cancel(self):
		pledges.lock_child(self.child)
		ledger.refresh_sponsorship(self.sponsorship)
		subtotals.refresh(self.child)
		accounts.cancel(self)
