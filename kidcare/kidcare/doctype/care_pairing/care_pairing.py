# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_link_to_form

from kidcare.kidcare.doctype.care_volunteer.care_volunteer import count_pairing
from kidcare.rules import child as child_rules
from kidcare.rules import volunteer as volunteer_rules


class CarePairing(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		care_area: DF.Link | None
		child: DF.Link
		child_name: DF.Data | None
		decision_notes: DF.SmallText | None
		end_date: DF.Date | None
		end_reason: DF.SmallText | None
		exit_request: DF.Link | None
		match_reasons: DF.SmallText | None
		match_score: DF.Float
		proposal_notes: DF.SmallText | None
		start_date: DF.Date
		status: DF.Literal["Proposed", "Active", "Ended", "Rejected"]
		volunteer: DF.Link
		volunteer_name: DF.Data | None
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		if self.status == "Rejected":
			self.validate_rejection()
			return
		if self.docstatus != 0:
			return
		self.validate_child()
		self.validate_volunteer()
		if self.is_new() or self.has_value_changed("volunteer") or self.has_value_changed("child"):
			self.explain_match()

	def validate_child(self):
		if not frappe.has_permission("Child Profile", "read", self.child):
			throw(_("{0} is outside your area.").format(frappe.bold(self.child)))
		child = frappe.db.get_value("Child Profile", self.child, ["full_name", "status"], as_dict=True)
		if child.status != child_rules.AWAITING_PAIRING:
			throw(
				_("{0} is not awaiting pairing (status: {1}).").format(
					frappe.bold(child.full_name), _(child.status, context="Child Profile")
				)
			)
		other = frappe.db.get_value(
			"Care Pairing",
			{
				"child": self.child,
				"docstatus": ("<", 2),
				"status": ("in", ("Proposed", "Active")),
				"name": ("!=", self.name),
			},
			"name",
		)
		if other:
			throw(
				_("{0} already has a pairing {1}.").format(
					frappe.bold(child.full_name), get_link_to_form("Care Pairing", other)
				)
			)

	def validate_volunteer(self):
		volunteer = frappe.get_doc("Care Volunteer", self.volunteer)
		if not frappe.has_permission("Care Volunteer", "read", volunteer):
			throw(_("{0} is outside your area.").format(frappe.bold(volunteer.full_name)))
		if not volunteer.can_be_paired():
			throw(
				_(
					"{0} cannot be paired: only Active volunteers who passed screening and completed training can."
				).format(frappe.bold(volunteer.full_name))
			)
		if volunteer.active_pairings >= volunteer.capacity:
			throw(self.full_message(volunteer.full_name, volunteer.capacity))

	def full_message(self, volunteer_name: str, capacity: int) -> str:
		return _("{0} already has {1} active pairings, the most their capacity allows.").format(
			frappe.bold(volunteer_name), capacity
		)

	def explain_match(self):
		from kidcare.api import score_pair

		match = score_pair(self.child, self.volunteer)
		self.match_score = match["score"]
		self.match_reasons = match["reasons"]

	def validate_rejection(self):
		if not (self.decision_notes or "").strip():
			throw(_("Write the reason for the rejection in the decision notes before rejecting."))

	def before_submit(self):
		"""Submitted means decided: approved (the pairing lives) or rejected (kept as the district's
		decision, the child free for another proposal)."""
		if self.status == "Rejected":
			return
		if self.status != "Active":
			throw(_("A pairing is submitted only when it is approved or rejected."))
		self.hold_volunteer_and_child()

	def hold_volunteer_and_child(self):
		"""Lock the volunteer, then the child, and check again under the locks. A locking read sees the
		latest committed values, so of two approvals racing for one volunteer's last place or for one
		child, the second waits for the first and then finds the place taken."""
		capacity, active, status, screening, trained, name = frappe.db.get_value(
			"Care Volunteer",
			self.volunteer,
			[
				"capacity",
				"active_pairings",
				"status",
				"screening_status",
				"training_completed_on",
				"full_name",
			],
			for_update=True,
		)
		if not volunteer_rules.can_pair(status, screening, trained):
			throw(_("{0} can no longer be paired.").format(frappe.bold(name)))
		if active >= capacity:
			throw(self.full_message(name, capacity))

		child_status, current = frappe.db.get_value(
			"Child Profile", self.child, ["status", "current_pairing"], for_update=True
		)
		if child_status != child_rules.AWAITING_PAIRING or current:
			throw(_("{0} is already paired.").format(frappe.bold(self.child_name)))

	def on_submit(self):
		if self.status != "Active":
			return
		count_pairing(self.volunteer, +1)
		child = frappe.get_doc("Child Profile", self.child)
		child.current_pairing = self.name
		child.move_to(child_rules.PAIRED, _("Paired with {0} ({1}).").format(self.volunteer_name, self.name))

	def end(
		self, reason: str, end_date=None, child_status: str | None = None, exit_request: str | None = None
	):
		"""End a living pairing and keep its history: status Ended with the date, the reason and the exit
		request that ended it, the volunteer's place freed (under the lock approvals take), the open
		monthly reviews closed, and the child moved to ``child_status`` (Exited, Awaiting Pairing, Aged
		Out...). Exits and aging out both end pairings through here."""
		from frappe.utils import getdate, today

		# lock this pairing first (as a cancellation does) and check it is still living: two ends
		# racing (an exit and the aged-out job) free the volunteer's place once
		docstatus, status = frappe.db.get_value(
			"Care Pairing", self.name, ["docstatus", "status"], for_update=True
		)
		if docstatus != 1 or status != "Active":
			throw(_("Only an active pairing can be ended."))
		end_date = getdate(end_date or today())
		frappe.db.get_value("Care Volunteer", self.volunteer, "name", for_update=True)
		count_pairing(self.volunteer, -1)
		self.db_set(
			{"status": "Ended", "end_date": end_date, "end_reason": reason, "exit_request": exit_request}
		)
		close_open_reviews(self.name)
		self.add_comment("Info", _("Pairing ended: {0}").format(reason))
		child = frappe.get_doc("Child Profile", self.child)
		if child.current_pairing == self.name:
			child.current_pairing = None
			if child_status and child_status != child.status:
				child.move_to(child_status, reason)
			else:
				child.flags.ignore_permissions = True
				child.save()

	def on_cancel(self):
		"""An administrator undoing an approval: the volunteer's place is freed and the child waits again
		(an exit request, not a cancellation, is how a living pairing ends)."""
		if self.status != "Active":
			return
		frappe.db.get_value("Care Volunteer", self.volunteer, "name", for_update=True)
		count_pairing(self.volunteer, -1)
		self.db_set("status", "Ended")
		# nobody reports on a pairing that never was: its open reviews close and stop being reminded
		close_open_reviews(self.name)
		child = frappe.get_doc("Child Profile", self.child)
		if child.current_pairing == self.name:
			child.current_pairing = None
			child.move_to(child_rules.AWAITING_PAIRING, _("Pairing {0} cancelled.").format(self.name))


def close_open_reviews(pairing: str):
	"""An ended pairing's reviews still waiting for the volunteer's report are closed (status Closed,
	and the workflow state that sets it, if the administrator's workflow has one); a report already
	submitted is left for the street to review."""
	from kidcare.kidcare.doctype.monthly_review.monthly_review import CLOSED, state_setting_status

	review = frappe.qb.DocType("Monthly Review")
	update = frappe.qb.update(review).set(review.status, CLOSED)
	state = state_setting_status(CLOSED)
	if state:
		update = update.set(review.workflow_state, state)
	from kidcare import rollup

	with rollup.reviews_written("`pairing` = %(pairing)s", {"pairing": pairing}):
		update.where(
			(review.pairing == pairing) & (review.docstatus == 0) & review.status.isin(("Open", "Returned"))
		).run()


def throw(message: str):
	frappe.throw(message, title=_("Invalid Pairing"))
