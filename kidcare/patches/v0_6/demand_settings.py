"""The days each level may keep a child's demand and the claim deadlines, for sites made before them: a
new field of a single doctype gets no value on an existing site, so give each its default."""

import frappe

DEFAULTS = {
	"demand_days_at_community": 7,
	"demand_days_at_street": 7,
	"demand_days_at_district": 14,
	"claim_confirm_hours": 72,
	"claim_work_days": 30,
}


def execute():
	stored = set(
		frappe.db.sql_list(
			"select field from `tabSingles` where doctype='KidCare Settings' and field in %s", [tuple(DEFAULTS)]
		)
	)
	for field, value in DEFAULTS.items():
		if field not in stored:
			frappe.db.set_single_value("KidCare Settings", field, value)
