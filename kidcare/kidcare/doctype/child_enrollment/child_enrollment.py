# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_link_to_form, today

from kidcare.rules import child as child_rules
from kidcare.rules import enrollment as rules
from kidcare.workflow.steps import sole_street_officer


class ChildEnrollment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		care_area: DF.Link | None
		child: DF.Link
		child_name: DF.Data | None
		decided_by: DF.Link | None
		decided_on: DF.Date | None
		decision_notes: DF.SmallText | None
		registered_on: DF.Date
		registration_notes: DF.SmallText | None
		source: DF.Literal[
			"Needs Survey", "Petition Case", "Street Referral", "School Referral", "Self Application", "Other"
		]
		source_reference: DF.Data | None
		status: DF.Literal["Draft", "Pending Verification", "Verified", "Approved", "Rejected"]
		verification_notes: DF.SmallText | None
		verified_by: DF.Link | None
		verified_on: DF.Date | None
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		if self.docstatus == 0:
			self.validate_child_can_enroll()
			self.sole_street_officer = sole_street_officer(self)
		self.validate_step()

	def validate_child_can_enroll(self):
		if self.status == rules.REJECTED:
			return
		if not frappe.has_permission("Child Profile", "read", self.child):
			throw(_("{0} is outside your area.").format(frappe.bold(self.child)))
		child = frappe.db.get_value("Child Profile", self.child, ["full_name", "status"], as_dict=True)
		if child.status in child_rules.ENROLLED:
			throw(
				_("{0} is already in the program (status: {1}).").format(
					frappe.bold(child.full_name), _(child.status, context="Child Profile")
				)
			)
		if child.status == child_rules.AGED_OUT:
			throw(_("{0} is 18 or older and cannot be enrolled.").format(frappe.bold(child.full_name)))
		other = frappe.db.get_value(
			"Child Enrollment",
			{"child": self.child, "docstatus": 0, "status": ("in", rules.OPEN), "name": ("!=", self.name)},
			"name",
		)
		if other:
			throw(
				_("{0} already has an open enrollment {1}.").format(
					frappe.bold(child.full_name), get_link_to_form("Child Enrollment", other)
				)
			)

	def validate_step(self):
		before = self.get_doc_before_save()
		old = before.status if before else None
		if old == self.status:
			return
		values = {
			"verification_notes": self.verification_notes,
			"decision_notes": self.decision_notes,
			"guardian_consent": frappe.db.get_value("Child Profile", self.child, "guardian_consent"),
		}
		messages = {
			rules.NEEDS_VERIFICATION_NOTES: _(
				"Write the verification notes (what the home visit found) before verifying."
			),
			rules.NEEDS_REJECTION_REASON: _(
				"Write the reason for the rejection in the notes before rejecting."
			),
			rules.NEEDS_CONSENT: _(
				"The guardian's consent must be recorded on {0} before the enrollment is approved."
			).format(get_link_to_form("Child Profile", self.child)),
			rules.NOT_VERIFIED: _("The street must verify the enrollment before the district approves it."),
		}
		for error in rules.step_errors(old, self.status, values):
			throw(messages[error])
		user = frappe.session.user
		if (
			self.status == rules.VERIFIED
			and self.owner == user != "Administrator"
			and not self.sole_street_officer
		):
			throw(_("Another Street Officer of the area verifies what you filed."), frappe.PermissionError)
		self.record_who_decided(old)

	def record_who_decided(self, old: str | None):
		if self.status == rules.VERIFIED or (self.status == rules.REJECTED and rules.rejected_at_street(old)):
			self.verified_by, self.verified_on = frappe.session.user, today()
		elif self.status in (rules.APPROVED, rules.REJECTED):
			self.decided_by, self.decided_on = frappe.session.user, today()
		elif self.status == rules.DRAFT and old == rules.REJECTED:
			# revised after a rejection: the next round is verified and decided afresh
			self.verified_by = self.verified_on = self.decided_by = self.decided_on = None

	def before_submit(self):
		if self.status != rules.APPROVED:
			throw(_("An enrollment is submitted only when it is approved."))
		status = frappe.db.get_value("Child Profile", self.child, "status", for_update=True)
		if status in child_rules.ENROLLED or status == child_rules.AGED_OUT:
			throw(
				_("{0} is already in the program (status: {1}).").format(
					frappe.bold(self.child_name), _(status, context="Child Profile")
				)
			)

	def on_submit(self):
		frappe.get_doc("Child Profile", self.child).move_to(
			child_rules.AWAITING_PAIRING, _("Enrollment {0} approved.").format(self.name)
		)

	def on_cancel(self):
		child = frappe.get_doc("Child Profile", self.child)
		if child.status == child_rules.AWAITING_PAIRING:
			child.move_to(child_rules.REGISTERED, _("Enrollment {0} cancelled.").format(self.name))


def throw(message: str, exc=frappe.ValidationError):
	frappe.throw(message, exc, title=_("Invalid Enrollment"))
