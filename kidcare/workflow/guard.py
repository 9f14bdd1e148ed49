"""Make a plain save honour the workflow as strictly as a workflow action does.

``apply_workflow`` checks ``allow_self_approval`` and applies the next state's ``update_field``; a save
or a REST ``PUT`` that sets ``workflow_state`` itself is only checked for a transition the user's role
may take. Hooked on ``validate`` of kidcare's workflow doctypes, this closes the gap, reading only the
Workflow document (its transitions, states, update fields and doc_status), never a state's name, so it
follows whatever an administrator makes of the workflow in the desk.

It also enforces each state's ``allow_edit`` (Frappe checks it only in the browser): a save that changes
what a document says needs one of the roles the active workflow lets edit the state the document was
in, whether it moves the document on or not; moving it without changing it needs only the transition,
which Frappe checks.
"""

import frappe
from frappe import _
from frappe.model.workflow import get_workflow, get_workflow_name

from kidcare.writes import changed_fields, is_by_the_program


def guard(doc, method=None):
	"""before_validate: the state's update field always matches the state, a state change by save
	obeys allow_self_approval, and a state's doc_status is reached only by submitting or cancelling."""
	if not get_workflow_name(doc.doctype):
		return
	workflow = get_workflow(doc.doctype)
	field = workflow.workflow_state_field
	new_state = doc.get(field)
	before = doc.get_doc_before_save()
	if before:
		check_allow_edit(doc, workflow, before)
	state = next((s for s in workflow.states if s.state == new_state), None)
	if not new_state or state is None:
		return  # a new document: Frappe puts it in the first state

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


def check_allow_edit(doc, workflow, before):
	"""A save that changes the document's editable fields needs a role that may edit the state it was in
	(the rows of that state in the active workflow's ``states``), as the desk's read-only form implies.
	What the workflow itself writes (the state field, the states' update fields, docstatus) is the
	transition's, checked by Frappe against the transition's role."""
	if is_by_the_program(doc) or frappe.session.user == "Administrator":
		return
	old_state = before.get(workflow.workflow_state_field)
	editors = {s.allow_edit for s in workflow.states if s.state == old_state and s.allow_edit}
	if not old_state or not any(s.state == old_state for s in workflow.states):
		return  # not a state of this workflow: Frappe's validate_workflow refuses the save
	if editors & set(frappe.get_roles()):
		return
	skip = {workflow.workflow_state_field} | {s.update_field for s in workflow.states if s.update_field}
	changed = changed_fields(doc, before, skip)
	if changed:
		labels = ", ".join(_(doc.meta.get_label(f), context=doc.doctype) for f in changed)
		frappe.throw(
			_("In the state {0} you cannot change {1}: your role may not edit it.").format(
				frappe.bold(_(old_state)), labels
			),
			frappe.PermissionError,
		)
