# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from kidcare.permissions import give_role
from kidcare.rules import volunteer as rules
from kidcare.rules.phone import normalize as normalize_phone


class CareVolunteer(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kidcare.kidcare.doctype.care_volunteer_skill.care_volunteer_skill import CareVolunteerSkill

		active_pairings: DF.Int
		capacity: DF.Int
		care_area: DF.Link
		full_name: DF.Data
		gender: DF.Literal["", "Male", "Female"]
		is_party_member: DF.Check
		latitude: DF.Float
		longitude: DF.Float
		mobile: DF.Data
		organisation: DF.Data | None
		resources: DF.SmallText | None
		screening_notes: DF.SmallText | None
		screening_status: DF.Literal["Pending", "Passed", "Failed"]
		skills: DF.TableMultiSelect[CareVolunteerSkill]
		status: DF.Literal["Applicant", "Active", "Paused", "Withdrawn"]
		training_completed_on: DF.Date | None
		user: DF.Link | None
	# end: auto-generated types

	def validate(self):
		# kept only by pairing approvals and ends, under the row lock: a form opened earlier never writes it back
		self.active_pairings = (
			0 if self.is_new() else frappe.db.get_value("Care Volunteer", self.name, "active_pairings")
		)
		self.mobile = normalize_phone(self.mobile)
		if not rules.valid_mobile(self.mobile):
			throw(_("{0} is not a valid mobile number.").format(frappe.bold(self.mobile)))
		before = self.get_doc_before_save()
		messages = {
			rules.TRANSITION: _("A volunteer cannot go from {0} to {1}.").format(
				_(before.status if before else "", context="Care Volunteer"),
				_(self.status, context="Care Volunteer"),
			),
			rules.NOT_SCREENED: _("Only a volunteer who passed screening can be Active."),
			rules.NOT_TRAINED: _("Only a volunteer who completed training can be Active."),
			rules.HAS_PAIRINGS: _(
				"{0} still has active pairings: end them through an exit request before pausing or withdrawing."
			).format(frappe.bold(self.full_name)),
			rules.CAPACITY: _("The capacity must be at least 1 and cover the {0} active pairings.").format(
				self.active_pairings
			),
		}
		for error in rules.status_errors(
			before.status if before else None,
			self.status,
			self.screening_status,
			self.training_completed_on,
			self.active_pairings or 0,
			self.capacity,
		):
			throw(messages[error])

	def on_update(self):
		give_role(self.user, "Care Volunteer")

	def can_be_paired(self) -> bool:
		return rules.can_pair(self.status, self.screening_status, self.training_completed_on)


def count_pairing(volunteer: str, change: int):
	"""Add ``change`` to the volunteer's active pairings. Callers hold the volunteer's row lock
	(``get_value(..., for_update=True)``), so the count cannot drift under concurrent approvals."""
	table = frappe.qb.DocType("Care Volunteer")
	frappe.qb.update(table).set(table.active_pairings, table.active_pairings + change).where(
		table.name == volunteer
	).run()


def throw(message: str):
	frappe.throw(message, title=_("Invalid Volunteer"))
