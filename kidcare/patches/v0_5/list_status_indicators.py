"""Sites made before 0.5: an ended pairing still showed "Approved" in the list, a closed review its
last workflow state. Frappe's list shows the workflow state instead of the doctype's own indicators
(status, overdue) unless the workflow says "Don't Override Status". The shipped workflows now say so;
this turns it on for the workflow of each kidcare doctype whose states keep the `status` field, which is
what the list's indicators read. Nothing else of the administrator's workflow is touched."""

import frappe

from kidcare.workflow.installer import load_definitions


def execute():
	for definition in load_definitions():
		for name in frappe.get_all(
			"Workflow",
			filters={"document_type": definition["document_type"], "override_status": 0},
			pluck="name",
		):
			workflow = frappe.get_doc("Workflow", name)
			if any(state.update_field == "status" for state in workflow.states):
				workflow.override_status = 1
				workflow.save(ignore_permissions=True)
