"""Sites made before 0.5: a street with one officer was stuck when she filed an enrollment or an exit
request herself (nobody verifies their own filing, and there was nobody else). The shipped workflows
now have, beside each street verification, its twin for the street's only officer (allowed to verify
what she filed, on the condition `doc.sole_street_officer`; the district's approval stays a second
person's). This adds the twin after each such transition of the site's workflows; nothing else of
the administrator's workflow changes."""

import frappe

CONDITION = "doc.sole_street_officer"


def execute():
	for doctype in ("Child Enrollment", "Exit Request"):
		for name in frappe.get_all("Workflow", filters={"document_type": doctype}, pluck="name"):
			add_twins(frappe.get_doc("Workflow", name))


def add_twins(workflow):
	verifying = {
		s.state for s in workflow.states if s.update_field == "status" and s.update_value == "Verified"
	}
	present = {(t.state, t.action, t.next_state, t.condition) for t in workflow.transitions}
	rows = []
	for t in workflow.transitions:
		row = t.as_dict(no_default_fields=True)
		rows.append(row)
		if (
			t.allowed != "Street Officer"
			or t.next_state not in verifying
			or t.allow_self_approval
			or t.condition
		):
			continue
		if (t.state, t.action, t.next_state, CONDITION) not in present:
			rows.append({**row, "allow_self_approval": 1, "condition": CONDITION})
	if len(rows) > len(workflow.transitions):
		workflow.set("transitions", rows)
		workflow.save(ignore_permissions=True)
