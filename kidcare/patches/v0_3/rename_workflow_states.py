"""Give the shipped workflows' states and actions kidcare's own names on sites made before 0.3.

Workflow State and Workflow Action Master records are shared by every app on a site (Frappe itself ships
Approved, Rejected, Pending, Approve, Reject), so up to 0.2 kidcare's generic names (Open, Submitted,
Approved, ...) carried whatever style and translation the site gave them. For each document type kidcare
ships a workflow for, this patch renames, in ``kidcare.workflow.renames``' terms:

- which workflows: the one bearing the shipped name, and any other workflow of that document type whose
  states are all shipped 0.2 state names (the shipped workflow renamed in the desk). A workflow with a
  state of the administrator's own naming is hers: left alone.
- all or nothing per workflow: when an old name and its new one are both states (or actions) of that
  workflow (the administrator has been there), nothing of that workflow is renamed, so it never ends with
  two states of one name or a transition to a state it does not have.
- within a renamed workflow, the states' and transitions' old names, and the ``workflow_state`` of the
  doctype's documents and pending Workflow Actions still in an old state, when that workflow is the
  doctype's active one (documents follow the active workflow). Open documents keep their place: the new
  state is the old one's row, with the same doc_status, update field and roles.

The old shared Workflow State and Workflow Action Master records stay: other workflows may use them.
"""

import frappe

from kidcare.workflow.installer import create_states_and_actions, load_definitions
from kidcare.workflow.renames import ACTIONS, STATES


def execute():
	shipped = {d["workflow_name"]: d for d in load_definitions()}
	for workflow_name, states in STATES.items():
		definition = shipped[workflow_name]
		doctype = definition["document_type"]
		if not frappe.db.exists("DocType", doctype):
			continue
		for name in frappe.get_all("Workflow", filters={"document_type": doctype}, pluck="name"):
			rename_workflow(frappe.get_doc("Workflow", name), workflow_name, states, ACTIONS[workflow_name], definition)


def rename_workflow(workflow, shipped_name: str, states: dict, actions: dict, definition: dict) -> bool:
	own_states = {row.state for row in workflow.states}
	if workflow.name != shipped_name and not own_states <= {*states, *states.values()}:
		return False  # the administrator's own workflow
	if not own_states & set(states):
		return False  # nothing of 0.2 left
	own_actions = {row.action for row in workflow.transitions}
	if any(old in own_states and new in own_states for old, new in states.items()) or any(
		old in own_actions and new in own_actions for old, new in actions.items()
	):
		return False  # an old name and its new one are both there: renaming would clash
	create_states_and_actions(
		{"states": [dict(s) for s in definition["states"]], "transitions": definition["transitions"]}
	)
	for row in workflow.states:
		row.state = states.get(row.state, row.state)
	for row in workflow.transitions:
		row.state = states.get(row.state, row.state)
		row.next_state = states.get(row.next_state, row.next_state)
		row.action = actions.get(row.action, row.action)
	workflow.save(ignore_permissions=True)

	if workflow.is_active or not frappe.db.exists(
		"Workflow", {"document_type": workflow.document_type, "is_active": 1}
	):
		field = workflow.workflow_state_field or "workflow_state"
		for old, new in states.items():
			if old not in own_states:
				continue
			frappe.db.set_value(
				workflow.document_type, {field: old}, field, new, update_modified=False
			)
			frappe.db.set_value(
				"Workflow Action",
				{"reference_doctype": workflow.document_type, "workflow_state": old},
				"workflow_state",
				new,
				update_modified=False,
			)
	frappe.clear_cache(doctype=workflow.document_type)
	return True
