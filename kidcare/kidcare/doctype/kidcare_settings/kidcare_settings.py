# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from kidcare.rules.settings import settings_errors


class KidCareSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		home_visit_hours_per_year: DF.Float
		home_visits_per_year: DF.Int
		matching_radius_km: DF.Float
		memorable_activities_per_year: DF.Int
		min_contacts_per_month: DF.Int
		review_creation_day: DF.Int
		review_due_days: DF.Int
		weight_capacity: DF.Float
		weight_interests: DF.Float
		weight_needs: DF.Float
		weight_proximity: DF.Float
	# end: auto-generated types

	def validate(self):
		messages = {
			"review_creation_day": _("The day to create reviews must be between 1 and 28."),
			"weights": _("At least one matching weight must be greater than zero."),
			"negative": _("Requirements, radius and weights cannot be negative."),
		}
		for error in settings_errors(self.as_dict()):
			frappe.throw(messages[error], title=_("Invalid KidCare Settings"))
