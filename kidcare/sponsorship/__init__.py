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


class LocksBeforeSubmit:
	"""Submitting a pledge or a disbursement checks a child's other records; a receipt, its pledge's.
	Two sessions submitting at once must take that lock before anything else: Frappe's save first locks
	the document's own row (``load_doc_before_save``), and if each session held its own row while
	waiting for the shared one, the first one's locking read of the others' rows would deadlock on the
	second's. So the shared row (``lock_first``) is locked here, before Frappe locks the document's own."""

	def lock_first(self):
		raise NotImplementedError

	def check_if_latest(self):
		if self.docstatus == 1:
			self.lock_first()
		super().check_if_latest()
