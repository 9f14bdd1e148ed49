"""Scheduler jobs (hooks.scheduler_events)."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from kidcare.rules import child as child_rules


def mark_aged_out() -> int:
	"""Daily: children who turned 18 leave the program as Aged Out. Returns how many."""
	cutoff = child_rules.born_on_or_before_for_adults(getdate(today()))
	names = frappe.get_all(
		"Child Profile",
		filters={"date_of_birth": ("<=", cutoff), "status": ("not in", child_rules.FINAL)},
		pluck="name",
	)
	# few children turn 18 on any one day: each goes through the profile's own API
	for name in names:
		frappe.get_doc("Child Profile", name).move_to(
			child_rules.AGED_OUT, _("Turned 18 and aged out of the program.")
		)
	return len(names)
