"""Make a plain save honour the workflow as strictly as a workflow action does.

``apply_workflow`` checks ``allow_self_approval`` and applies the next state's ``update_field``; a save
or a REST ``PUT`` that sets ``workflow_state`` itself is only checked for a transition the user's role
may take. Hooked on ``validate`` of kidcare's workflow doctypes, this closes the gap, reading only the
Workflow document (its transitions, states, update fields and doc_status), never a state's name, so it
follows whatever an administrator makes of the workflow in the desk.
"""

import frappe
from frappe import _
from frappe.model.workflow import get_workflow, get_workflow_name


def guard(doc, method=None):
	"""before_validate: the state's update field always matches the state, a state change by save
	obeys allow_self_approval, and a state's doc_status is reached only by submitting or cancelling."""
	if not get_workflow_name(doc.doctype):
		return
	workflow = get_workflow(doc.doctype)
	field = workflow.workflow_state_field
	new_state = doc.get(field)
	state = next((s for s in workflow.states if s.state == new_state), None)
	if not new_state or state is None:
		return  # a new document: Frappe puts it in the first state

	before = doc.get_doc_before_save()
	old_state = before.get(field) if before else None
	if before and old_state != new_state:
		user = frappe.session.user
		roles = set(frappe.get_roles(user))
		transitions = [
			t
			for t in workflow.transitions
			if t.state == old_state and t.next_state == new_state and t.allowed in roles
		]
		if user != "Administrator" and user == doc.owner and transitions:
			if not any(t.allow_self_approval for t in transitions):
				frappe.throw(
					_("You cannot approve or verify a request you created yourself."), frappe.PermissionError
				)
	if before and (old_state != new_state or before.docstatus != doc.docstatus):
		# a plain Submit (or a REST call setting docstatus) would otherwise skip the workflow: Frappe
		# moves the state to the first submitted one afterwards, without its update field
		if int(state.doc_status or 0) != doc.docstatus:
			frappe.throw(
				_("Use the workflow action to move this document to {0}.").format(frappe.bold(_(new_state)))
				if old_state != new_state
				else _("Use the workflow actions to submit this document: {0} is not a final state.").format(
					frappe.bold(_(new_state))
				),
				frappe.ValidationError,
			)

	if state.update_field and doc.get(state.update_field) != state.update_value:
		# what the workflow sets for this state, whatever a form or a REST call sent
		doc.set(state.update_field, state.update_value)
