"""Create the shipped workflows that are missing; leave every existing one as the administrator keeps it."""

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
	"""
	created = []
	for definition in load_definitions() if definitions is None else definitions:
		if frappe.db.exists("Workflow", definition["workflow_name"]):
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
	"""Remove the shipped workflows (as named) from a site the app is leaving."""
	for definition in load_definitions():
		if frappe.db.exists("Workflow", definition["workflow_name"]):
			frappe.delete_doc("Workflow", definition["workflow_name"], ignore_permissions=True, force=True)
