"""Sites made before exits existed: give the Monthly Review workflow a state for the reviews an ended
pairing closes. Only added when no state sets the status Closed; nothing of the administrator's is
changed."""

import frappe

from kidcare.workflow.installer import create_states_and_actions, load_definitions


def execute():
	name = "Monthly Review Approval"
	if not frappe.db.exists("Workflow", name):
		return
	workflow = frappe.get_doc("Workflow", name)
	if any(s.update_field == "status" and s.update_value == "Closed" for s in workflow.states):
		return
	shipped = next(d for d in load_definitions() if d["workflow_name"] == name)
	closed = [s for s in shipped["states"] if s.get("update_value") == "Closed"]
	create_states_and_actions({"states": closed})
	for row in closed:
		workflow.append("states", row)
	workflow.save(ignore_permissions=True)
