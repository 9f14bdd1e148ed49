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
	if not get_workflow_name(doc.doctype):
		return
	workflow = get_workflow(doc.doctype)
	field = workflow.workflow_state_field
	before = doc.get_doc_before_save()
	old_state, new_state = (before.get(field) if before else None), doc.get(field)
	if not before or not new_state or old_state == new_state:
		return

	user = frappe.session.user
	roles = set(frappe.get_roles(user))
	transitions = [
		t for t in workflow.transitions if t.state == old_state and t.next_state == new_state and t.allowed in roles
	]
	if user != "Administrator" and transitions and not any(t.allow_self_approval for t in transitions):
		if user == doc.owner:
			frappe.throw(_("You cannot approve or verify a request you created yourself."), frappe.PermissionError)

	state = next((s for s in workflow.states if s.state == new_state), None)
	if state is None:
		return
	if state.update_field and doc.get(state.update_field) != state.update_value:
		# the field the workflow sets for this state: a forged state gets it set too, as apply_workflow would
		doc.set(state.update_field, state.update_value)
	if int(state.doc_status or 0) != doc.docstatus:
		frappe.throw(
			_("Use the workflow action to move this document to {0}.").format(frappe.bold(_(new_state))),
			frappe.ValidationError,
		)
