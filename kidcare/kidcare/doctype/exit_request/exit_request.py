# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_link_to_form, today

from kidcare.notify import notify, staff_of
from kidcare.permissions import STAFF_ROLES
from kidcare.rules import exit_request as rules
from kidcare.workflow.steps import sole_street_officer

#: who did each step: written by the step itself, never by a form or a REST call
RECORDED = ("applied_by", "verified_by", "verified_on", "decided_by", "decided_on")


class ExitRequest(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		applicant_name: DF.Data | None
		applicant_relation: DF.Data | None
		applicant_type: DF.Literal["Guardian", "Volunteer", "Street Officer"]
		applied_by: DF.Link | None
		care_area: DF.Link | None
		child: DF.Link
		child_name: DF.Data | None
		decided_by: DF.Link | None
		decided_on: DF.Date | None
		decision: DF.Literal["", "Approved", "Rejected"]
		decision_notes: DF.SmallText | None
		pairing: DF.Link | None
		reason_category: DF.Literal[
			"Moved Away",
			"Circumstances Improved",
			"Family Declines Help",
			"Volunteer Cannot Continue",
			"Other",
		]
		reason_detail: DF.SmallText
		signed_application: DF.Attach | None
		status: DF.Literal["Applied", "Verified", "Approved", "Rejected"]
		verification_notes: DF.SmallText | None
		verified_by: DF.Link | None
		verified_on: DF.Date | None
		volunteer: DF.Link | None
		volunteer_name: DF.Data | None
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		before = self.get_doc_before_save()
		if before is None:
			self.start_afresh()
		else:
			if not before.has_permission("write"):
				# judged on the stored request, not on a care_area the form may have changed
				throw(_("This exit request is outside your area."), frappe.PermissionError)
			if before.get("workflow_state") == self.get("workflow_state"):
				self.status = before.status  # the status moves only with a workflow step
		if self.docstatus == 0:
			# a decision exists only with the submission that makes it (the workflow's final states)
			self.decision = None
			if self.status not in (rules.APPLIED, rules.VERIFIED):
				self.status = before.status if before else rules.APPLIED
			self.sole_street_officer = sole_street_officer(self)
		self.status = rules.status_of(self.status, self.decision)
		for field in RECORDED:
			self.set(field, before.get(field) if before else None)
		if self.is_new():
			self.validate_applicant()
		if self.docstatus == 0:
			self.validate_pairing()
		self.validate_step(before)

	def start_afresh(self):
		"""A new request starts at the beginning, whatever the form or a REST call sent."""
		if self.docstatus != 0:
			throw(_("An exit request starts as an application: use the workflow actions to take it further."))
		self.status, self.decision = rules.APPLIED, None
		self.verification_notes = self.decision_notes = self.pairing = None

	# -- who may apply, for which child ------------------------------------------------------------

	def validate_applicant(self):
		user = frappe.session.user
		roles = set(frappe.get_roles(user))
		allowed = rules.applicant_types_for(roles, STAFF_ROLES)
		if not allowed:
			throw(_("You cannot apply for an exit."), frappe.PermissionError)
		if self.applicant_type not in allowed:
			if len(allowed) > 1:
				throw(_("You cannot apply as {0}.").format(_(self.applicant_type, context="Exit Request")))
			self.applicant_type = allowed[0]
		self.applied_by = user

		child = frappe.db.get_value(
			"Child Profile",
			self.child,
			["full_name", "guardian_user", "guardian_name", "guardian_relation"],
			as_dict=True,
		)
		if not child:
			throw(_("Choose the child the request is for."))
		staff = bool(roles & STAFF_ROLES)
		if staff:
			if not frappe.has_permission("Child Profile", "read", self.child):
				throw(_("{0} is outside your area.").format(frappe.bold(self.child)), frappe.PermissionError)
			if self.applicant_type == rules.GUARDIAN and not self.signed_application:
				throw(_("Attach the application the guardian signed when applying on their behalf."))
		elif self.applicant_type == rules.GUARDIAN and child.guardian_user != user:
			throw(_("You can apply only for your own child."), frappe.PermissionError)

		if self.applicant_type == rules.GUARDIAN:
			self.applicant_name = self.applicant_name or child.guardian_name
			self.applicant_relation = self.applicant_relation or (
				_(child.guardian_relation, context="Child Profile") if child.guardian_relation else None
			)

	def validate_pairing(self):
		"""The request is about the child's living pairing, and the only open one about it. The pairing
		row is locked first, so two requests filed at once cannot both pass."""
		current = frappe.db.get_value("Child Profile", self.child, "current_pairing")
		pairing = (
			frappe.db.get_value(
				"Care Pairing",
				current,
				["name", "docstatus", "status", "volunteer"],
				as_dict=True,
				for_update=True,
			)
			if current
			else None
		)
		if not pairing or pairing.docstatus != 1 or pairing.status != "Active":
			throw(
				_("{0} is not paired: an exit request ends a pairing, and there is none to end.").format(
					frappe.bold(self.child_name or self.child)
				)
			)
		if self.pairing and self.pairing != pairing.name and not self.is_new():
			throw(_("The request is about pairing {0}, which has ended.").format(frappe.bold(self.pairing)))
		self.pairing, self.volunteer = pairing.name, pairing.volunteer
		volunteer_user, self.volunteer_name = frappe.db.get_value(
			"Care Volunteer", pairing.volunteer, ["user", "full_name"]
		)
		if (
			self.is_new()
			and self.applicant_type == rules.VOLUNTEER
			and volunteer_user != frappe.session.user
			and not set(frappe.get_roles()) & STAFF_ROLES
		):
			throw(_("A volunteer can ask to withdraw only from her own pairing."), frappe.PermissionError)

		# a locking read sees requests committed since this transaction began (a plain read would
		# not, under REPEATABLE READ), so two requests filed at once cannot both pass
		other = frappe.db.get_value(
			"Exit Request",
			{"pairing": pairing.name, "docstatus": 0, "name": ("!=", self.name)},
			"name",
			for_update=True,
		)
		if other:
			throw(
				_("This pairing already has an open exit request {0}.").format(
					get_link_to_form("Exit Request", other)
				)
			)

	# -- each step ---------------------------------------------------------------------------------

	def validate_step(self, before):
		old = rules.status_of(before.status, before.decision) if before else None
		new = self.status
		if old == new:
			return
		messages = {
			rules.NEEDS_VERIFICATION_NOTES: _(
				"Write what the street's investigation found in the investigation notes before verifying."
			),
			rules.NEEDS_REJECTION_REASON: _(
				"Write the reason for the rejection in the notes before rejecting."
			),
			rules.NEEDS_DECISION_NOTES: _("Write the district's decision notes before approving."),
			rules.NOT_VERIFIED: _("The street must verify the request before the district approves it."),
		}
		for error in rules.step_errors(old, new, self.as_dict()):
			throw(messages[error])
		user = frappe.session.user
		if new == rules.VERIFIED and self.owner == user != "Administrator" and not self.sole_street_officer:
			throw(_("Another Street Officer of the area verifies what you filed."), frappe.PermissionError)
		if new == rules.VERIFIED or (new == rules.REJECTED and rules.rejected_at_street(old)):
			self.verified_by, self.verified_on = user, today()
		elif new in (rules.APPROVED, rules.REJECTED):
			if new == rules.APPROVED and user == self.verified_by and user != "Administrator":
				throw(
					_("Whoever verified the request at the street cannot also approve it."),
					frappe.PermissionError,
				)
			self.decided_by, self.decided_on = user, today()

	def before_submit(self):
		"""Whatever an administrator's workflow looks like, an approval has been verified by someone
		else at the street and carries the district's notes."""
		if self.decision not in (rules.APPROVED, rules.REJECTED):
			throw(_("An exit request is submitted only with the district's decision."))
		if self.decision == rules.APPROVED:
			if not self.verified_by:
				throw(_("The street must verify the request before the district approves it."))
			if not (self.decision_notes or "").strip():
				throw(_("Write the district's decision notes before approving."))
			if self.verified_by == frappe.session.user != "Administrator":
				throw(
					_("Whoever verified the request at the street cannot also approve it."),
					frappe.PermissionError,
				)

	def on_submit(self):
		if self.decision == rules.APPROVED:
			self.end_pairing()
		self.tell_everyone()

	def end_pairing(self):
		"""The approved exit ends the pairing (history kept, the place freed, open reviews closed) and
		moves the child out of the program, or back to waiting when the volunteer withdrew."""
		reason = _("Exit request {0} approved ({1}): {2}").format(
			self.name, _(self.reason_category, context="Exit Request"), self.reason_detail
		)
		frappe.get_doc("Care Pairing", self.pairing).end(
			reason,
			child_status=rules.child_status_after_exit(self.applicant_type),
			exit_request=self.name,
		)

	def on_update(self):
		before = self.get_doc_before_save()
		if self.docstatus == 0 and (
			before is None or before.get("workflow_state") != self.get("workflow_state")
		):
			self.tell_next_step()

	def tell_next_step(self):
		"""Whoever may take the next step (the roles of the workflow's transitions out of the current
		state, as the administrator has set them) in the request's area is told it waits for them."""
		from frappe.model.workflow import get_workflow

		if not self.care_area or not self.workflow_state:
			return
		roles = {t.allowed for t in get_workflow(self.doctype).transitions if t.state == self.workflow_state}
		users = [user for role in sorted(roles) for user in staff_of(role, self.care_area)]

		def subject():
			if self.status == rules.VERIFIED:
				return _(
					"Exit request for {0} was verified by the street and waits for the district's decision."
				).format(self.child_name)
			return _("Exit request for {0} waits for the street's verification.").format(self.child_name)

		notify(users, subject, self.doctype, self.name, exclude=frappe.session.user)

	def tell_everyone(self):
		"""The decision reaches the applicant, the guardian's login, the volunteer, the street that
		verified and the street's officers (who re-match the volunteer)."""
		volunteer_user = (
			frappe.db.get_value("Care Volunteer", self.volunteer, "user") if self.volunteer else None
		)
		guardian_user = frappe.db.get_value("Child Profile", self.child, "guardian_user")
		users = [self.applied_by, self.owner, guardian_user, volunteer_user, self.verified_by]
		if self.care_area:
			users += staff_of("Street Officer", self.care_area)

		def subject():
			if self.decision == rules.APPROVED:
				return _("Exit request for {0} was approved: the pairing with {1} has ended.").format(
					self.child_name, self.volunteer_name
				)
			return _("Exit request for {0} was rejected: the pairing goes on.").format(self.child_name)

		notify(
			[u for u in users if u != volunteer_user],
			subject,
			self.doctype,
			self.name,
			exclude=frappe.session.user,
			website_path="/exit-request/list",
		)
		# the volunteer (a website user) reads it among the reminders of her app (/kidcare)
		notify([volunteer_user], subject, self.doctype, self.name, exclude=frappe.session.user, website_bell=True)


def throw(message: str, exc=frappe.ValidationError):
	frappe.throw(message, exc, title=_("Invalid Exit Request"))
