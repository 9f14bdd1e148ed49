"""Sites made before 0.5: a rejected pairing stayed a draft forever, open in every list with no step out
of it. A rejection is the district's decision, final as an approval is: the workflow's state that sets
the status Rejected now submits the pairing (doc status 1), and the rejected drafts already there are
submitted with it. A workflow an administrator has built to lead on from a rejection (a transition out
of that state) is left as she made it."""

import frappe


def execute():
	for name in frappe.get_all("Workflow", filters={"document_type": "Care Pairing"}, pluck="name"):
		workflow = frappe.get_doc("Workflow", name)
		rejected = [s for s in workflow.states if s.update_field == "status" and s.update_value == "Rejected"]
		if not rejected or any(t.state in {s.state for s in rejected} for t in workflow.transitions):
			continue
		for state in rejected:
			state.doc_status = "1"
		workflow.save(ignore_permissions=True)
		pairing = frappe.qb.DocType("Care Pairing")
		(
			frappe.qb.update(pairing)
			.set(pairing.docstatus, 1)
			.where((pairing.docstatus == 0) & (pairing.status == "Rejected"))
		).run()
