"""Sponsorship at a standard (助养): sponsors pledge a child's yearly standard, pay it in instalments, and
the money reaches the family as disbursements (issue #15).

- ``pledges``: the standard, eligibility, the pledge cap (race-safe), the child's sponsorship state, and
  ending pledges when a child leaves the program;
- ``ledger``: received, disbursed and balance per child, instalments filled from receipts;
- ``accounts``: ERPNext Journal Entries for receipts and disbursements, when ERPNext is there and mapped;
- ``permissions``: what a sponsor's login sees (their own), staff by their Care Area;
- ``tasks``: the daily overdue-instalment job and its reminders.

Pure rules live in ``kidcare.rules.sponsorship``.
"""

import frappe


def precision() -> int:
	"""The site's currency precision (System Settings), which every sponsorship amount uses."""
	return frappe.get_precision("Child Sponsorship", "annual_amount") or 2
