"""Move a document on through its workflow by what the step does, not by what it is called.

The demo (and anything else of the app that acts as a user would) asks for "the transition from the
document's state to a state that sets ``status`` to ``Verified``", reading the active Workflow's
transitions and states: an administrator may rename the states and actions in the desk, or add a step.
"""

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow, get_workflow, get_workflow_name
from frappe.utils import now, today


def action_to(doc, field: str, value: str) -> str:
	"""The action the session user may take on ``doc`` that leads to a state setting ``field`` to ``value``."""
	workflow = get_workflow(doc.doctype)
	targets = {s.state for s in workflow.states if s.update_field == field and s.update_value == value}
	roles = set(frappe.get_roles())
	current = doc.get(workflow.workflow_state_field)
	for transition in workflow.transitions:
		if transition.state == current and transition.next_state in targets and transition.allowed in roles:
			return transition.action
	frappe.throw(
		_("The workflow has no step from {0} that sets {1} to {2}.").format(_(current), _(field), _(value))
	)


def advance(doc, field: str, value: str):
	"""Take that step (``apply_workflow``, as the desk's action button does)."""
	return apply_workflow(doc, action_to(doc, field, value))


def settle(doctype: str, filters: dict, decision: str, note: str) -> list[str]:
	"""Decide the open documents of ``doctype`` matching ``filters`` when no person is left to act on
	them (the child they are about has left the program): ``status`` set to ``decision``, and the
	workflow state that records that decision (in ``status`` or in another field, such as an exit
	request's ``decision``) with that field and that state's doc status (without a workflow:
	submitted); ``note`` as the decision notes, today as the decision date. Set-based; returns the
	names settled."""
	names = frappe.get_all(doctype, filters={**filters, "docstatus": 0}, pluck="name")
	if not names:
		return []
	table = frappe.qb.DocType(doctype)
	update = (
		frappe.qb.update(table)
		.set(table.status, decision)
		.set(table.decision_notes, note)
		.set(table.decided_on, today())
		.set(table.modified, now())
	)
	workflow = get_workflow(doctype) if get_workflow_name(doctype) else None
	states = workflow.states if workflow else []
	state = next((s for s in states if s.update_field == "status" and s.update_value == decision), None)
	state = state or next((s for s in states if s.update_field and s.update_value == decision), None)
	if state:
		update = (
			update.set(table[workflow.workflow_state_field], state.state)
			.set(table[state.update_field], decision)
			.set(table.docstatus, int(state.doc_status))
		)
	else:
		update = update.set(table.docstatus, 1)
	update.where(table.name.isin(names) & (table.docstatus == 0)).run()
	return names


def sole_street_officer(doc) -> bool:
	"""Whether ``doc`` (an enrollment or exit request, still open) was filed by a Street Officer whom
	no other Street Officer covers: nobody else may verify it at the street, so she does, and the
	district's approval is the second pair of eyes (the workflow's verification twin with
	``allow_self_approval``, conditioned on this field). Read afresh at every save."""
	from kidcare.notify import staff_of

	owner = doc.owner or frappe.session.user
	if not doc.care_area or "Street Officer" not in frappe.get_roles(owner):
		return False
	return not [user for user in staff_of("Street Officer", doc.care_area) if user != owner]
