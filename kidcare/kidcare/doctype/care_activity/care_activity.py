# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime

from kidcare.writes import is_by_the_program


class CareActivity(Document):
	def validate(self):
		if get_datetime(self.ends_at) <= get_datetime(self.starts_at):
			frappe.throw(_("An activity ends after it begins."), title=_("Invalid Activity"))
		if (self.capacity or 0) <= 0:
			frappe.throw(_("An activity needs at least one place."), title=_("Invalid Activity"))
		if not self.space and not (self.venue or "").strip():
			frappe.throw(
				_("Say where the activity takes place: a Care Space or a venue."), title=_("Invalid Activity")
			)
		self.keep_sign_ups()

	def keep_sign_ups(self):
		"""Sign-ups change only through kidcare.resources.activities (locked, counted, with the waiting
		list): a form or REST save keeps the stored ones."""
		if is_by_the_program(self):
			return
		before = None if self.is_new() else self.get_doc_before_save()
		self.set("signups", [row.as_dict() for row in before.signups] if before else [])
		self.places_taken = before.places_taken if before else 0
		self.waiting = before.waiting if before else 0
		if before and (self.capacity or 0) < (before.places_taken or 0):
			frappe.throw(
				_("{0} places are already taken: the capacity cannot be lower.").format(before.places_taken),
				title=_("Invalid Activity"),
			)
