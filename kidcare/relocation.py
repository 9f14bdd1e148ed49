"""A child who moves to another area takes her open work with her.

When staff change a Child Profile's ``care_area``, what is still to be done about her moves to the new
area, so the new street's officers see it and review it and the old street's no longer do: her living
pairing (Proposed or Active), its open monthly reviews (not submitted, not closed), the contacts of the
months those reviews count and of the current month (and any dated after today), her open enrollment and
her open exit request. Closed history stays where it was recorded: a submitted review, the contacts of a
month already reviewed and an ended pairing are the record of what the old street did.
"""

import frappe
from frappe import _
from frappe.query_builder import Criterion
from frappe.utils import getdate, today

from kidcare.rules.compliance import month_end, month_start


def carry_open_work(child: str, area: str) -> dict[str, int]:
	"""Move the child's open work to ``area``. Returns how many of each were moved."""
	moved = {}
	pairings = frappe.get_all(
		"Care Pairing",
		filters={
			"child": child,
			"docstatus": ("<", 2),
			"status": ("in", ("Proposed", "Active")),
			"care_area": ("!=", area),
		},
		pluck="name",
	)
	for name in pairings:
		# a submitted pairing's care_area is not editable after submit: it follows the child
		pairing = frappe.get_doc("Care Pairing", name)
		pairing.db_set("care_area", area)
		pairing.add_comment("Info", _("Moved to {0} with the child.").format(area))
	moved["Care Pairing"] = len(pairings)

	review = frappe.qb.DocType("Monthly Review")
	periods = []
	if pairings:
		open_reviews = (review.pairing.isin(pairings)) & (review.docstatus == 0) & (review.status != "Closed")
		periods = frappe.qb.from_(review).select(review.period).where(open_reviews).distinct().run(pluck=True)
		from kidcare import rollup

		with rollup.reviews_written(
			"`pairing` in %(pairings)s", {"pairings": pairings}
		):  # the areas' review counts follow
			moved["Monthly Review"] = set_area("Monthly Review", open_reviews, area)

		contact = frappe.qb.DocType("Care Contact")
		now = getdate(today())
		months = {month_start(getdate(p)) for p in periods} | {month_start(now)}
		in_open_months = Criterion.any(
			[(contact.contact_date >= m) & (contact.contact_date <= month_end(m)) for m in months]
		)
		moved["Care Contact"] = set_area(
			"Care Contact",
			contact.pairing.isin(pairings) & (in_open_months | (contact.contact_date > now)),
			area,
		)

	for doctype in ("Child Enrollment", "Exit Request"):
		table = frappe.qb.DocType(doctype)
		moved[doctype] = set_area(doctype, (table.child == child) & (table.docstatus == 0), area)
	return moved


def set_area(doctype: str, condition, area: str) -> int:
	table = frappe.qb.DocType(doctype)
	condition = condition & (table.care_area != area)
	count = frappe.qb.from_(table).select(table.name).where(condition).run()
	if count:
		frappe.qb.update(table).set(table.care_area, area).where(condition).run()
	return len(count)
