# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder.functions import Coalesce, Count, Sum
from frappe.utils import getdate

from kidcare.rules import compliance

#: the status of a review whose pairing ended before the volunteer reported
CLOSED = "Closed"


class MonthlyReview(Document):
	def autoname(self):
		from kidcare.kidcare.doctype.care_contact.care_contact import review_name

		self.name = review_name(self.pairing, compliance.month_start(getdate(self.period)))

	def validate(self):
		self.period = compliance.month_start(getdate(self.period))
		settings = frappe.get_cached_doc("KidCare Settings")
		self.due_date = compliance.review_due(self.period, settings.review_due_days)
		self.title = compliance.review_title(self.child_name, self.period)
		if self.docstatus == 0:
			self.count_contacts()
		before = self.get_doc_before_save()
		if before and before.status != self.status:
			if self.status == "Submitted" and not (self.volunteer_report or "").strip():
				throw(_("Write the volunteer's report before submitting the review."))
			if self.status == "Returned" and not (self.reviewer_comments or "").strip():
				throw(_("Write what needs to change in the reviewer comments before returning the review."))
			if self.status == "Submitted":
				self.reported_by = frappe.session.user
			if self.status == "Reviewed" and self.reported_by == frappe.session.user != "Administrator":
				throw(_("The person who reported a review cannot also approve it."))

	def count_contacts(self, exclude: str | None = None):
		contact = frappe.qb.DocType("Care Contact")
		period = getdate(self.period)
		condition = (
			(contact.pairing == self.pairing)
			& (contact.contact_date >= compliance.month_start(period))
			& (contact.contact_date <= compliance.month_end(period))
		)
		if exclude:
			condition &= contact.name != exclude
		count, minutes = (
			frappe.qb.from_(contact)
			.select(Count(contact.name), Coalesce(Sum(contact.duration_minutes), 0))
			.where(condition)
			.run()[0]
		)
		self.contacts_count, self.contact_minutes = count, int(minutes)
		minimum = frappe.get_cached_doc("KidCare Settings").min_contacts_per_month
		self.compliance = compliance.month_compliance(count, minimum)

	def on_update(self):
		self.tell_who_acts_next()

	def tell_who_acts_next(self):
		"""A returned review waits on its volunteer, a reported one on the area's Street Officers: each is
		told once, when it reaches her (keyed on the status field, whatever the workflow's states are named)."""
		from kidcare.notify import notify, staff_of

		before = self.get_doc_before_save()
		if not before or before.status == self.status:
			return
		month = getdate(self.period).strftime("%Y-%m")
		if self.status == "Returned" and self.volunteer_user:
			notify(
				[self.volunteer_user],
				lambda: _("Your monthly review of {0} for {1} was returned: please revise it").format(
					self.child_name, month
				),
				self.doctype,
				self.name,
				exclude=frappe.session.user,
				website_bell=True,
			)
		elif self.status == "Submitted":
			notify(
				staff_of("Street Officer", self.care_area),
				lambda: _("The monthly review of {0} for {1} is waiting for your review").format(
					self.child_name, month
				),
				self.doctype,
				self.name,
				exclude=frappe.session.user,
			)

	def before_submit(self):
		if self.status != "Reviewed":
			throw(_("A review is submitted only when the street has reviewed it."))


def state_setting_status(status: str) -> str | None:
	"""The Monthly Review workflow state that sets ``status`` (whatever an administrator named it)."""
	from frappe.model.workflow import get_workflow, get_workflow_name

	if not get_workflow_name("Monthly Review"):
		return None
	return next(
		(
			s.state
			for s in get_workflow("Monthly Review").states
			if s.update_field == "status" and s.update_value == status
		),
		None,
	)


def on_doctype_update():
	frappe.db.add_index("Monthly Review", ["docstatus", "due_date"])


def throw(message: str):
	frappe.throw(message, title=_("Invalid Monthly Review"))
