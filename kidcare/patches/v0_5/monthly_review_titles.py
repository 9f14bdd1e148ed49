"""Reviews made before 0.5 have no title (the child and the month): one UPDATE gives it to all."""

import frappe
from frappe.query_builder.functions import Coalesce, Concat, DateFormat


def execute():
	review = frappe.qb.DocType("Monthly Review")
	(
		frappe.qb.update(review)
		.set(review.title, Concat(Coalesce(review.child_name, ""), " · ", DateFormat(review.period, "%Y-%m")))
		.where(review.title.isnull() | (review.title == ""))
	).run()
