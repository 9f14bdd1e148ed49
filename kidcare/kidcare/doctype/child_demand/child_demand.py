# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

"""A child's demand (诉求). Raised by the child's volunteer, a Community Worker or street staff; climbs
community → street → district → published through the workflow *Child Demand Escalation* (by hand, or
by the daily job in kidcare/resources/escalation.py); claimed and worked on through
kidcare/resources/demands.py. Behaviour hangs on ``current_level``, ``status`` and docstatus, which the
workflow's states set, never on a state's name."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime, today

from kidcare.permissions import volunteer_only
from kidcare.rules import demand as rules
from kidcare.writes import is_by_the_program

#: set on the document by kidcare's own code to say why it moves or what happened to its claim
EVENT = "kidcare_demand_event"


class ChildDemand(Document):
	def validate(self):
		before = None if self.is_new() else self.get_doc_before_save()
		if before is None:
			self.check_raised_by_someone_concerned()
			self.status = rules.OPEN
		self.set_from_child()
		self.check_sources()
		self.check_status(before)
		self.record_history(before)

	def before_submit(self):
		if self.status != rules.SOLVED:
			frappe.throw(_("A demand is closed only when it is solved."), title=_("Invalid Demand"))
		before = self.get_doc_before_save()
		if before and before.current_level == rules.PUBLISHED and before.status != rules.DONE:
			frappe.throw(
				_("The claimant has not recorded the work yet: the demand cannot be confirmed solved."),
				title=_("Invalid Demand"),
			)
		if before and before.current_level != rules.PUBLISHED and not (self.resolution or "").strip():
			frappe.throw(_("Say how the demand was solved (Resolution)."), title=_("Invalid Demand"))
		self.solved_on = now_datetime()

	def on_update(self):
		before = self.get_doc_before_save()
		if before is not None and before.current_level != self.current_level:
			from kidcare.resources.demands import tell_level

			tell_level(self)

	def on_submit(self):
		from kidcare.resources.demands import tell_requester

		tell_requester(self, lambda: _("Child demand {0} is solved.").format(self.name))

	# -- checks ----------------------------------------------------------------------------------------

	def check_raised_by_someone_concerned(self):
		user = frappe.session.user
		if volunteer_only(user):
			volunteer = frappe.db.get_value("Care Volunteer", {"user": user}, "name")
			pairing = frappe.db.get_value(
				"Care Pairing",
				{"child": self.child, "volunteer": volunteer or "-", "docstatus": 1, "status": "Active"},
				"name",
			)
			if not pairing:
				frappe.throw(
					_("You can raise demands only for the children paired with you."),
					frappe.PermissionError,
					title=_("Invalid Demand"),
				)
			self.raised_by_volunteer = volunteer
		elif not frappe.has_permission("Child Profile", "read", self.child, user=user):
			frappe.throw(
				_("You can raise demands only for children in your area."),
				frappe.PermissionError,
				title=_("Invalid Demand"),
			)

	def set_from_child(self):
		child = frappe.db.get_value(
			"Child Profile", self.child, ["full_name", "alias", "date_of_birth", "care_area"], as_dict=True
		)
		if not child:
			frappe.throw(_("Choose the child the demand is for."), title=_("Invalid Demand"))
		self.care_area = child.care_area
		self.child_alias = child.alias or masked(child.full_name)
		self.child_age = rules.age_on(
			getdate(child.date_of_birth) if child.date_of_birth else None, getdate(today())
		)

	def check_sources(self):
		for fieldname, doctype in (("source_contact", "Care Contact"), ("source_review", "Monthly Review")):
			name = self.get(fieldname)
			if name and frappe.db.get_value(doctype, name, "child") != self.child:
				frappe.throw(
					_("{0} is not about this child.").format(frappe.bold(name)), title=_("Invalid Demand")
				)

	def check_status(self, before):
		"""``status`` moves only through the claim endpoints (kidcare's own code) or by the workflow's
		final state; a request sending another value is refused."""
		if before is None or self.status == before.status or is_by_the_program(self):
			return
		if self.status == rules.SOLVED and self.docstatus == 1:
			return  # the workflow's final state sets it as the document is submitted
		frappe.throw(
			_("The status of a demand follows its claim and cannot be set by hand."),
			frappe.PermissionError,
			title=_("Invalid Demand"),
		)

	def record_history(self, before):
		"""Every move (who, when, why, from, to) and every claim event, in rows nobody edits."""
		self.set("history", [row.as_dict() for row in before.history] if before else [])
		event = self.flags.get(EVENT)
		if before is None:
			self.add_move(None, self.current_level, _("Raised"))
			self.level_since = now_datetime()
		elif before.current_level != self.current_level:
			self.add_move(before.current_level, self.current_level, event or _("Moved by hand"))
			self.level_since = now_datetime()
		elif event:
			self.add_move(self.current_level, self.current_level, event)

	def add_move(self, from_level, to_level, reason):
		self.append(
			"history",
			{
				"moved_on": now_datetime(),
				"from_level": from_level,
				"to_level": to_level,
				"moved_by": frappe.session.user,
				"reason": reason,
			},
		)


def masked(full_name: str | None) -> str:
	"""张某: what a claimant sees of a child without an alias."""
	return f"{(full_name or '?')[0]}某"


def on_doctype_update():
	# the daily job reads demands by workflow state and the time they reached it, and claims by status
	frappe.db.add_index("Child Demand", ["workflow_state", "docstatus", "level_since"])
	frappe.db.add_index("Child Demand", ["current_level", "status"])
