"""Create the shipped workflows that are missing; leave every existing one as the administrator keeps it.

A shipped workflow is "missing" only when its document type has no workflow at all: an administrator's
workflow for that doctype, whatever its name (the shipped one renamed in the desk, her own) and whether
active or switched off, means she has decided, and migrate creates nothing beside it.
"""

import json
from pathlib import Path

import frappe

DEFINITIONS = Path(__file__).parent / "definitions"


def load_definitions() -> list[dict]:
	return [json.loads(path.read_text()) for path in sorted(DEFINITIONS.glob("*.json"))]


def install_workflows(definitions: list[dict] | None = None) -> list[str]:
	"""Insert each workflow of ``definitions`` (default: the shipped ones) that does not exist yet.

	Returns the names of the workflows created. A workflow whose document type is not installed is
	skipped, so a definition can ship before its doctype in the same release without breaking install.
	A document type that already has any workflow (any name, active or not) is skipped too.
	"""
	created = []
	for definition in load_definitions() if definitions is None else definitions:
		if frappe.db.exists("Workflow", definition["workflow_name"]):
			continue
		if frappe.db.exists("Workflow", {"document_type": definition["document_type"]}):
			continue
		if not frappe.db.exists("DocType", definition["document_type"]):
			continue
		create_states_and_actions(definition)
		workflow = frappe.get_doc({"doctype": "Workflow", **definition})
		workflow.insert(ignore_permissions=True)
		created.append(workflow.name)
	return created


def create_states_and_actions(definition: dict):
	for row in definition.get("states", []):
		if not frappe.db.exists("Workflow State", row["state"]):
			frappe.get_doc(
				{
					"doctype": "Workflow State",
					"workflow_state_name": row["state"],
					"style": row.pop("style", None) or "",
				}
			).insert(ignore_permissions=True)
		row.pop("style", None)
	for row in definition.get("transitions", []):
		if not frappe.db.exists("Workflow Action Master", row["action"]):
			frappe.get_doc(
				{"doctype": "Workflow Action Master", "workflow_action_name": row["action"]}
			).insert(ignore_permissions=True)


def uninstall_workflows():
	"""Remove from a site the app is leaving every workflow of kidcare's doctypes (the shipped ones
	however renamed, and the administrator's own: their doctypes go too), then the shipped Workflow
	States and Workflow Action Masters that no remaining workflow uses."""
	definitions = load_definitions()
	doctypes = [d["document_type"] for d in definitions]
	for name in frappe.get_all("Workflow", filters={"document_type": ("in", doctypes)}, pluck="name"):
		frappe.delete_doc("Workflow", name, ignore_permissions=True, force=True)
	states = {row["state"] for d in definitions for row in d.get("states", [])}
	actions = {row["action"] for d in definitions for row in d.get("transitions", [])}
	used_states = set(frappe.get_all("Workflow Document State", filters={"state": ("in", states)}, pluck="state"))
	used_actions = set(
		frappe.get_all("Workflow Transition", filters={"action": ("in", actions)}, pluck="action")
	)
	for state in states - used_states:
		if frappe.db.exists("Workflow State", state):
			frappe.delete_doc("Workflow State", state, ignore_permissions=True, force=True)
	for action in actions - used_actions:
		if frappe.db.exists("Workflow Action Master", action):
			frappe.delete_doc("Workflow Action Master", action, ignore_permissions=True, force=True)
