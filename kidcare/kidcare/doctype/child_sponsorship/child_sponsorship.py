# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

"""A sponsor's pledge for one child: draft → (submitted) awaiting first payment → (first receipt)
active → ended, or cancelled. The status follows docstatus, the money received and the end fields
(``kidcare.rules.sponsorship.sponsorship_status``), never a workflow state's name."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate, today

from kidcare.rules import sponsorship as rules
from kidcare.sponsorship import LocksBeforeSubmit, ledger, pledges, precision, subtotals


class ChildSponsorship(LocksBeforeSubmit, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kidcare.kidcare.doctype.child_sponsorship_instalment.child_sponsorship_instalment import (
			ChildSponsorshipInstalment,
		)

		amended_from: DF.Link | None
		annual_amount: DF.Currency
		care_area: DF.Link | None
		child: DF.Link
		child_alias: DF.Data | None
		child_birth_year: DF.Int
		child_name: DF.Data | None
		end_date: DF.Date | None
		end_note: DF.SmallText | None
		end_reason: DF.Literal[
			"", "Child Exited", "Child Aged Out", "Sponsor Withdrew", "Term Completed", "Other"
		]
		ended_on: DF.Date | None
		instalments: DF.Table[ChildSponsorshipInstalment]
		overdue_amount: DF.Currency
		plan: DF.Literal["Yearly", "Half-yearly", "Monthly"]
		pledged_total: DF.Currency
		received_total: DF.Currency
		sponsor: DF.Link
		sponsor_name: DF.Data | None
		start_date: DF.Date
		status: DF.Literal["Draft", "Awaiting First Payment", "Active", "Ended", "Cancelled"]
		term_years: DF.Int
	# end: auto-generated types

	def lock_first(self):
		pledges.lock_child(self.child)

	def before_validate(self):
		if not flt(self.annual_amount) and self.is_new():
			self.annual_amount = pledges.standard()

	def validate(self):
		if flt(self.annual_amount, precision()) <= 0:
			frappe.throw(_("The annual amount must be greater than zero."), title=_("Amount not accepted"))
		if (self.term_years or 0) < 1:
			frappe.throw(_("The term must be at least one year."))
		dob, status = frappe.db.get_value("Child Profile", self.child, ["date_of_birth", "status"])
		self.child_birth_year = getdate(dob).year if dob else None
		if not pledges.is_eligible(self.child, status):
			frappe.throw(
				_(
					"{0} cannot be sponsored: the child has left the program or is in none of the priority categories set in KidCare Settings."
				).format(self.child_alias or self.child),
				title=_("Child not eligible"),
			)
		self.end_date = rules.term_end(getdate(self.start_date), self.term_years)
		self.make_instalments()
		self.status = rules.DRAFT

	def make_instalments(self):
		self.set("instalments", [])
		for due, amount in rules.schedule(
			flt(self.annual_amount), self.plan, getdate(self.start_date), self.term_years, precision()
		):
			self.append(
				"instalments",
				{
					"due_date": due,
					"amount": amount,
					"paid_amount": 0,
					"status": rules.DUE,
					"child": self.child,
				},
			)
		self.pledged_total = sum(flt(row.amount) for row in self.instalments)

	def before_submit(self):
		pledges.lock_child(self.child)
		pledges.check_cap(self)
		self.status = rules.AWAITING

	def on_submit(self):
		pledges.update_child_state(self.child)
		subtotals.refresh(self.child)

	def before_cancel(self):
		if frappe.db.exists("Sponsorship Receipt", {"sponsorship": self.name, "docstatus": 1}):
			frappe.throw(
				_("Money has been received on this sponsorship: end it instead of cancelling it."),
				title=_("Sponsorship cannot be cancelled"),
			)

	def on_cancel(self):
		self.db_set("status", rules.CANCELLED)
		pledges.update_child_state(self.child)
		subtotals.refresh(self.child)

	def end(self, reason: str, note: str | None = None):
		"""End the pledge today: the child's standard is free again from tomorrow, the sponsor is told
		and, unless the sponsor withdrew, offered other children waiting for a sponsor."""
		if self.docstatus != 1 or self.status not in rules.HOLDING:
			frappe.throw(_("Only a submitted sponsorship that is awaiting payment or active can be ended."))
		day = getdate(today())
		self.db_set(
			{
				"ended_on": max(day, getdate(self.start_date)),
				"end_reason": reason,
				"end_note": note,
				"status": rules.ENDED,
			}
		)
		self.add_comment("Info", _("Sponsorship ended: {0}.").format(_(reason, context="Child Sponsorship")))
		# what would have fallen due after the end is no longer owed (nor counted as pledged)
		i = frappe.qb.DocType("Child Sponsorship Instalment")
		frappe.qb.update(i).set(i.status, rules.WAIVED).where(
			(i.parent == self.name) & (i.parenttype == "Child Sponsorship") & (i.due_date > self.ended_on)
		).run()
		ledger.refresh_sponsorship(self.name)
		pledges.update_child_state(self.child)
		subtotals.refresh(self.child)
		if reason != rules.SPONSOR_WITHDREW:
			tell_sponsor_of_end(self)


def tell_sponsor_of_end(doc):
	"""The sponsor's login gets a notification (and an e-mail when the site can send one) naming the
	children they could sponsor instead (alias, age and area only)."""
	from frappe.desk.doctype.notification_log.notification_log import make_notification_logs

	from kidcare.notify import can_send_email

	user, email = frappe.db.get_value("Care Sponsor", doc.sponsor, ["user", "email"])
	offers = pledges.eligible_children(limit=3)
	subject = _("Your sponsorship of {0} has ended ({1}).").format(
		doc.child_alias or "", _(doc.end_reason, context="Child Sponsorship")
	)
	if offers:
		subject += " " + _("Children waiting for a sponsor: {0}.").format(
			", ".join(
				_("{0}, {1} years").format(o["alias"] or o["child"], o["age"])
				if o["age"] is not None
				else (o["alias"] or o["child"])
				for o in offers
			)
		)
	if user:
		make_notification_logs(
			{
				"type": "Alert",
				"document_type": "Child Sponsorship",
				"document_name": doc.name,
				"subject": subject,
			},
			[user],
		)
	if email and can_send_email():
		frappe.sendmail(
			recipients=[email],
			subject=_("Sponsorship ended"),
			message=f"<p>{frappe.utils.escape_html(subject)}</p>",
			reference_doctype="Child Sponsorship",
			reference_name=doc.name,
		)


@frappe.whitelist()
def end_sponsorship(name: str, reason: str, note: str | None = None):
	"""The form's End button: staff who may change the pledge end it with a reason."""
	doc = frappe.get_doc("Child Sponsorship", name)
	doc.check_permission("write")
	if reason not in (rules.SPONSOR_WITHDREW, rules.TERM_COMPLETED, rules.OTHER):
		frappe.throw(_("A child's exit or aging out ends her sponsorships by itself; choose another reason."))
	doc.end(reason, note)
	return {"status": rules.ENDED}


@frappe.whitelist()
def children_to_offer(care_area: str | None = None):
	"""Children waiting for a sponsor (alias, age and area), for staff proposing a pledge."""
	from kidcare.permissions import require_staff

	require_staff()
	return pledges.eligible_children(care_area, limit=20)
