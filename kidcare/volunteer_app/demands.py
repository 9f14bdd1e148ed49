"""A child's demands (诉求) from her volunteer's phone: raising one for a child paired with her, following it
as it climbs level by level, and confirming it solved once a partner has done the work. Through Child
Demand's controller (which checks the child is hers) and the Child Demand Escalation workflow, as her."""

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow, get_workflow_name, is_transition_condition_satisfied
from frappe.utils import add_days, today

from kidcare.volunteer_app import current_volunteer, own_pairing

URGENCIES = ("Normal", "High", "Critical")
#: the fields the app shows of a demand: what she asked and where it stands, nothing of the claimant's
#: contacts or of the child that she does not already know
FIELDS = ["name", "child", "need", "request", "urgency", "needed_by", "current_level", "status", "docstatus",
	"work_done", "solved_on", "workflow_state", "claimed_by_partner"]  # fmt: skip
SOLVED_SHOWN_DAYS = 90


@frappe.whitelist(methods=["POST"])
def raise_demand(
	pairing: str, need: str, request: str, urgency: str = "Normal", needed_by: str | None = None
) -> dict:
	"""A demand for the child of her active pairing ``pairing``; it starts at the child's community."""
	volunteer = current_volunteer()
	found = own_pairing(pairing, volunteer)
	if found.docstatus != 1 or found.status != "Active":
		frappe.throw(_("This pairing has ended."), title=_("Volunteers' App"))
	if urgency not in URGENCIES:
		frappe.throw(_("Choose how urgent it is."), title=_("Volunteers' App"))
	if not (request or "").strip():
		frappe.throw(_("Say what the child needs."), title=_("Volunteers' App"))
	doc = frappe.get_doc(
		{
			"doctype": "Child Demand",
			"child": found.child,
			"need": need,
			"request": request.strip(),
			"urgency": urgency,
			"needed_by": needed_by or None,
		}
	).insert()
	return {"name": doc.name}


@frappe.whitelist(methods=["POST"])
def act_on_demand(demand: str, action: str) -> dict:
	"""Take one of the workflow's actions open to her on a demand of her child (today: confirming it solved
	once the claimant has recorded the work). The workflow decides what is open, as it does in the desk."""
	current_volunteer()
	doc = frappe.get_doc("Child Demand", demand)
	doc.check_permission("read")
	doc = apply_workflow(doc, action)
	return {"name": doc.name, "status": _(doc.status, context="Child Demand")}


def demands_of(children: list[str]) -> dict[str, list[dict]]:
	"""child -> her demands still open and those solved in the last 90 days, newest first (one query), each
	with the workflow's actions open to the caller (evaluated on the open ones only: a handful)."""
	if not children:
		return {}
	rows = frappe.get_list(
		"Child Demand",
		filters={"child": ("in", children), "docstatus": ("<", 2)},
		or_filters={"docstatus": 0, "solved_on": (">=", add_days(today(), -SOLVED_SHOWN_DAYS))},
		fields=FIELDS,
		order_by="creation desc",
		limit_page_length=50,
	)
	partners = dict(
		frappe.get_all(
			"Care Partner",
			filters={"name": ("in", [r.claimed_by_partner for r in rows if r.claimed_by_partner] or ["-"])},
			fields=["name", "partner_name"],
			as_list=True,
		)
	)
	transitions = open_transitions()
	found: dict[str, list[dict]] = {}
	for row in rows:
		found.setdefault(row.child, []).append(
			{
				"name": row.name,
				"need": row.need,
				"request": row.request,
				"urgency": _(row.urgency, context="Child Demand") if row.urgency else "",
				"level": _(row.current_level, context="Child Demand") if row.current_level else "",
				"status": row.status,
				"status_label": _(row.status, context="Child Demand") if row.status else "",
				"solved": row.docstatus == 1,
				"claimed_by": partners.get(row.claimed_by_partner, ""),
				"work_done": row.work_done or "",
				"actions": actions_for(row, transitions) if row.docstatus == 0 else [],
			}
		)
	return found


def open_transitions() -> list:
	"""The transitions of the Child Demand workflow that the caller's roles may take."""
	name = get_workflow_name("Child Demand")
	if not name:
		return []
	roles = set(frappe.get_roles())
	return [t for t in frappe.get_cached_doc("Workflow", name).transitions if t.allowed in roles]


def actions_for(row, transitions: list) -> list[dict]:
	"""The actions open to her on ``row`` now, as the desk would offer them (state and condition), loading
	the demand only when a transition from its state has a condition to evaluate."""
	ready = [t for t in transitions if t.state == row.workflow_state]
	if any(t.condition for t in ready):
		doc = frappe.get_doc("Child Demand", row.name)
		ready = [t for t in ready if is_transition_condition_satisfied(t, doc)]
	seen = []
	for t in ready:
		if t.action not in seen:
			seen.append(t.action)
	return [{"action": a, "label": _(a)} for a in seen]
