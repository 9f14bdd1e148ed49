# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

import re

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import format_date, getdate, today

from kidcare.permissions import volunteer_only
from kidcare.rules.compliance import month_start

#: a contact is one day's: a longer duration is a typing slip (600 for 60) or a stay to log day by day
MAX_MINUTES = 24 * 60
#: the id the volunteers' app gives a contact on the phone (kidcare.volunteer_app.contacts)
CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")


class CareContact(Document):
	def validate(self):
		pairing = frappe.db.get_value(
			"Care Pairing",
			self.pairing,
			["docstatus", "status", "start_date", "end_date", "volunteer", "child_name"],
			as_dict=True,
		)
		if not pairing or pairing.docstatus != 1 or pairing.status != "Active":
			throw(_("Contacts are logged only for an active pairing."))
		self.validate_logged_by_someone_concerned(pairing)
		self.validate_check_in()
		if (self.duration_minutes or 0) < 0:
			throw(_("The duration cannot be negative."))
		if (self.duration_minutes or 0) > MAX_MINUTES:
			throw(
				_("One contact lasts at most a day ({0} minutes): log each day on its own.").format(
					MAX_MINUTES
				)
			)
		if self.client_id and not CLIENT_ID.fullmatch(self.client_id):
			throw(_("The app's id of this contact is not valid."))
		day = getdate(self.contact_date)
		if day > getdate(today()):
			throw(_("The contact date cannot be in the future."))
		if day < getdate(pairing.start_date):
			throw(
				_("The contact date is before the pairing began on {0}.").format(
					format_date(pairing.start_date)
				)
			)

	def validate_logged_by_someone_concerned(self, pairing):
		user = frappe.session.user
		if volunteer_only(user):
			if frappe.db.get_value("Care Volunteer", pairing.volunteer, "user") != user:
				throw(_("You can log contacts only for your own pairings."), frappe.PermissionError)
		elif not frappe.has_permission("Care Pairing", "read", self.pairing, user=user):
			throw(_("You can log contacts only for pairings in your area."), frappe.PermissionError)

	def validate_check_in(self):
		"""Only the check-in page records a QR check-in (kidcare.checkin.check_in, from the child's token):
		a contact typed in by hand is Manual, without check-in time or place (kidcare.writes clears what
		a request sent), and a QR check-in keeps the day its code was scanned."""
		self.check_in_method = self.check_in_method or "Manual"
		before = self.get_doc_before_save()
		if (
			before
			and before.check_in_method == "QR"
			and str(getdate(self.contact_date)) != str(getdate(before.contact_date))
		):
			throw(_("The date of a QR check-in is the day the code was scanned and cannot be changed."))

	def on_update(self):
		refresh_review(self.pairing, self.contact_date)

	def on_trash(self):
		refresh_review(self.pairing, self.contact_date, leaving=self.name)


def on_doctype_update():
	# the monthly count, the year's progress and the compliance report read contacts by pairing and date,
	# and only the type and duration of each: a covering index answers them without touching the rows
	frappe.db.add_index("Care Contact", ["pairing", "contact_date", "contact_type", "duration_minutes"])


def refresh_review(pairing: str, contact_date, leaving: str | None = None):
	"""Keep the open review of that month counting what was logged after it was created."""
	name = review_name(pairing, month_start(getdate(contact_date)))
	if frappe.db.get_value("Monthly Review", name, "docstatus") == 0:
		from kidcare import rollup

		review = frappe.get_doc("Monthly Review", name)
		review.count_contacts(exclude=leaving)
		with rollup.reviews_written(
			"`name` = %(name)s", {"name": name}
		):  # its met or not, in the areas' counts
			review.db_update()


def review_name(pairing: str, period) -> str:
	return f"{pairing}-{getdate(period):%Y%m}"


def throw(message: str, exc=frappe.ValidationError):
	frappe.throw(message, exc, title=_("Invalid Contact"))
