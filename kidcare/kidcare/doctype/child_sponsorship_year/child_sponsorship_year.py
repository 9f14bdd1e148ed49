# Copyright (c) 2026, kidcare contributors
# For license information, please see license.txt

"""One child's sponsorship money in one calendar year, kept by ``kidcare.sponsorship.subtotals``
whenever a pledge, receipt or disbursement of hers is submitted, cancelled or ended. The ledger and
fund reports read these (one row per child and year) instead of every instalment. No role has a
permission on it: only the program writes and reads it."""

import frappe
from frappe.model.document import Document


class ChildSponsorshipYear(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		child: DF.Link
		disbursed: DF.Currency
		pledged: DF.Currency
		received: DF.Currency
		year: DF.Int
	# end: auto-generated types

	pass


def on_doctype_update():
	"""The fund report joins a district's children to their years and sums them from this index alone."""
	frappe.db.add_index(
		"Child Sponsorship Year", ["child", "year", "pledged", "received", "disbursed"], "kidcare_child_year"
	)
