# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from kidcare import meetings

LEVEL = {"Street Monthly": "Street", "District Quarterly": "District"}


class ReviewMeeting(Document):
	def before_insert(self):
		meetings.carry_open_items(self)

	def on_update(self):
		meetings.sync_assignments(self)

	def validate(self):
		area_type = frappe.db.get_value("Care Area", self.care_area, "area_type")
		expected = LEVEL[self.meeting_type]
		if area_type != expected:
			frappe.throw(
				_("A {0} meeting is held by a {1}; {2} is a {3}.").format(
					_(self.meeting_type), _(expected), frappe.bold(self.care_area), _(area_type)
				),
				title=_("Invalid Meeting"),
			)
		meetings.validate_items(self)
