"""The retention period and the day each child left, for sites that had children before them."""

import frappe
from frappe.query_builder.functions import Max

from kidcare.rules.child import FINAL


def execute():
	# a new field of a single doctype gets no value on an existing site: give it its default
	if not frappe.db.sql(
		"select 1 from `tabSingles` where doctype='KidCare Settings' and field='retention_months'"
	):
		frappe.db.set_single_value("KidCare Settings", "retention_months", 24)

	# children who left before left_program_on existed: the day their pairing ended or their exit was
	# decided, else the last change of their profile
	child = frappe.qb.DocType("Child Profile")
	pairing = frappe.qb.DocType("Care Pairing")
	exit_request = frappe.qb.DocType("Exit Request")
	for name, modified in (
		frappe.qb.from_(child)
		.select(child.name, child.modified)
		.where(child.status.isin(FINAL) & child.left_program_on.isnull())
		.run()
	):
		ended = (
			frappe.qb.from_(pairing)
			.select(Max(pairing.end_date))
			.where((pairing.child == name) & (pairing.status == "Ended"))
			.run()[0][0]
		)
		decided = (
			frappe.qb.from_(exit_request)
			.select(Max(exit_request.decided_on))
			.where((exit_request.child == name) & (exit_request.decision == "Approved"))
			.run()[0][0]
		)
		day = max(filter(None, (ended, decided)), default=None) or modified.date()
		frappe.db.set_value("Child Profile", name, "left_program_on", day, update_modified=False)
