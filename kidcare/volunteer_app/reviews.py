"""Her part of the monthly review: write the report, submit it through the workflow, and after the
street returns it with comments, change it and submit again."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.workflow import apply_workflow, get_workflow, get_workflow_name

from kidcare.volunteer_app import current_volunteer, own_pairing

SUBMITTED = "Submitted"


def submitting_transitions(review) -> list:
	"""The workflow's transitions open to the caller that move ``review`` (a document or a row with its
	``workflow_state``) into a state setting status Submitted, whatever an administrator named the states
	and actions. Read from the cached workflow: no query per review."""
	from frappe.model.workflow import get_workflow_safe_globals

	if not get_workflow_name("Monthly Review") or review.docstatus != 0:
		return []
	workflow = get_workflow("Monthly Review")
	submitted = {
		s.state for s in workflow.states if s.update_field == "status" and s.update_value == SUBMITTED
	}
	roles = set(frappe.get_roles())
	values = review.as_dict() if isinstance(review, Document) else review
	return [
		t
		for t in workflow.transitions
		if t.state == review.workflow_state
		and t.allowed in roles
		and t.next_state in submitted
		and (not t.condition or frappe.safe_eval(t.condition, get_workflow_safe_globals(), {"doc": values}))
	]


def can_submit(review) -> bool:
	return bool(submitting_transitions(review))


@frappe.whitelist(methods=["POST"])
def submit_review(review: str, volunteer_report: str, problems: str | None = None) -> dict:
	"""Save her report on the review and submit it to the street (the workflow's action, as her)."""
	volunteer = current_volunteer()
	doc = frappe.get_doc("Monthly Review", review)
	own_pairing(doc.pairing, volunteer)
	doc.check_permission("write")
	transitions = submitting_transitions(doc)
	if not transitions:
		frappe.throw(_("This review is not waiting for your report."), title=_("Invalid Monthly Review"))
	doc.volunteer_report = (volunteer_report or "").strip()
	doc.problems = (problems or "").strip()
	doc.save()
	doc = apply_workflow(doc, transitions[0].action)
	return {"name": doc.name, "status": doc.status, "status_label": _(doc.status, context="Monthly Review")}
