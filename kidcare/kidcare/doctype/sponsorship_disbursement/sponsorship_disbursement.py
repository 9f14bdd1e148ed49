# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

"""Money or goods handed to a sponsored child's family, never more than the child's balance (what her
sponsors paid in, less what already reached the family). With evidence and who received it."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from kidcare.sponsorship import LocksBeforeSubmit, accounts, ledger, pledges, subtotals


class SponsorshipDisbursement(LocksBeforeSubmit, Document):
	def lock_first(self):
		pledges.lock_child(self.child)

	def validate(self):
		if flt(self.amount, self.precision("amount")) <= 0:
			frappe.throw(_("The amount must be greater than zero."), title=_("Amount not accepted"))
		if (
			self.sponsorship
			and frappe.db.get_value("Child Sponsorship", self.sponsorship, "child") != self.child
		):
			frappe.throw(_("Sponsorship {0} is not this child's.").format(self.sponsorship))
		if self.kind == "Goods" and not (self.goods_description or "").strip():
			frappe.throw(_("Describe the goods handed over."))

	def before_submit(self):
		if not self.evidence:
			frappe.throw(
				_("Attach the evidence (a signed receipt or a photo) before submitting."),
				title=_("Evidence missing"),
			)
		pledges.lock_child(self.child)  # two disbursements at once: the second sees the first
		available = ledger.balance(self.child, exclude=self.name, lock=True)
		if flt(self.amount, self.precision("amount")) > available:
			frappe.throw(
				_(
					"The child's balance is {0}: a disbursement of {1} is more than has been received for her."
				).format(
					frappe.format_value(available, {"fieldtype": "Currency"}),
					frappe.format_value(self.amount, {"fieldtype": "Currency"}),
				),
				title=_("Balance too low"),
			)

	def on_submit(self):
		subtotals.refresh(self.child)
		accounts.post_disbursement(self)

	def on_cancel(self):
		subtotals.refresh(self.child)
		accounts.cancel(self)
