"""No name of kidcare meets a name of Frappe, ERPNext 15, HRMS, Education, Non Profit, Helpdesk, CRM or
LMS (tests/data/foreign_names.json), and the app's own tables, workflow states and actions carry the
app's own words. Reads the app's files only: no Frappe."""

import ast
import json
from pathlib import Path

import pytest

from kidcare.data import ROLES

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "kidcare"
MODULE = APP / "kidcare"
FOREIGN = json.loads((ROOT / "tests" / "data" / "foreign_names.json").read_text())["apps"]

KINDS = (
	"doctype",
	"report",
	"print_format",
	"web_form",
	"workspace",
	"number_card",
	"dashboard_chart",
	"dashboard_chart_source",
	"page",
)
# kidcare's own prefixes; names of the public contract that carry none stay as the contract has them
PREFIXES = ("Care ", "Child ", "KidCare ")
CONTRACT_NAMES = {"Monthly Review", "Review Meeting", "Exit Request", "Sponsorship Receipt", "Sponsorship Disbursement"}
# words no app may own: a shared Workflow State or Action of this name would be every app's
GENERIC = {
	"open", "draft", "pending", "submitted", "approved", "rejected", "returned", "closed", "cancelled",
	"completed", "review", "reviewed", "approve", "reject", "submit", "return", "verify", "verified",
	"revise", "applied", "proposed", "active", "street verified", "pending verification",
}


def module_records(kind: str) -> list[dict]:
	return [
		json.loads(path.read_text())
		for path in sorted((MODULE / kind).glob("*/*.json"))
		if path.stem == path.parent.name
	]


def workflow_definitions() -> list[dict]:
	return [json.loads(p.read_text()) for p in sorted((APP / "workflow" / "definitions").glob("*.json"))]


def ours() -> dict[str, set[str]]:
	names = {kind: {r["name"] for r in module_records(kind)} for kind in KINDS}
	names["web_form_route"] = {r["route"] for r in module_records("web_form") if r.get("route")}
	names["module"] = {line.strip() for line in (APP / "modules.txt").read_text().splitlines() if line.strip()}
	names["role"] = {role for role, _desk in ROLES}
	names["workflow_state"] = {s["state"] for d in workflow_definitions() for s in d["states"]}
	names["workflow_action"] = {t["action"] for d in workflow_definitions() for t in d["transitions"]}
	return names


def theirs(kind: str) -> dict[str, str]:
	"""casefolded name -> the apps that use it (MariaDB compares names without case)"""
	found: dict[str, list[str]] = {}
	for app, names in FOREIGN.items():
		for name in names.get(kind, ()):
			found.setdefault(name.casefold(), []).append(app)
	return {name: ", ".join(apps) for name, apps in found.items()}


def test_the_list_covers_every_app_the_issue_names():
	assert set(FOREIGN) == {"frappe", "erpnext", "hrms", "education", "non_profit", "helpdesk", "crm", "lms"}
	assert {"Volunteer Skill", "Volunteer", "Member"} <= set(FOREIGN["non_profit"]["doctype"])
	assert {"Territory", "Customer"} <= set(FOREIGN["erpnext"]["doctype"])
	assert "Student" in FOREIGN["education"]["doctype"] and "Guardian" in FOREIGN["education"]["role"]
	assert {"Approved", "Rejected", "Pending"} <= set(FOREIGN["frappe"]["workflow_state"])


@pytest.mark.parametrize(
	"kind", [*KINDS, "web_form_route", "module", "role", "workflow_state", "workflow_action"]
)
def test_no_kidcare_name_is_another_apps(kind):
	taken = theirs(kind)
	clashes = {name: taken[name.casefold()] for name in ours()[kind] if name.casefold() in taken}
	assert not clashes, f"{kind} names already used by other apps: {clashes}"


def test_a_role_is_not_another_apps_doctype_either():
	# a role named like a doctype reads as that doctype's people (ERPNext's Customer, Education's Student)
	doctypes = theirs("doctype")
	assert not {r for r in ours()["role"] if r.casefold() in doctypes and not r.startswith(PREFIXES)}


def test_every_child_table_carries_the_apps_prefix():
	generic = [r["name"] for r in module_records("doctype") if r.get("istable") and not r["name"].startswith(PREFIXES)]
	assert not generic, f"child tables without kidcare's prefix: {generic}"


def test_every_other_doctype_carries_the_prefix_or_is_a_contract_name():
	others = [
		r["name"]
		for r in module_records("doctype")
		if not r.get("istable") and not r["name"].startswith(PREFIXES) and r["name"] not in CONTRACT_NAMES
	]
	assert not others


def test_every_record_of_the_module_files_belongs_to_the_module():
	for kind in KINDS:
		for record in module_records(kind):
			assert record.get("module") == "KidCare", (kind, record["name"])


def test_workflow_states_and_actions_are_the_apps_own_words():
	for kind in ("workflow_state", "workflow_action"):
		for name in ours()[kind]:
			assert name.casefold() not in GENERIC, f"{kind} {name!r} is a shared, generic name"
			assert {"Enrollment", "Pairing", "Review", "Exit", "Demand"} & set(name.split()), (
				f"{kind} {name!r} does not name the kidcare document it belongs to"
			)


def test_the_app_ships_no_fixtures():
	# records in `fixtures` are re-imported on every migrate: they would overwrite an administrator's
	# edits and, for shared doctypes (Workflow State, Role, Custom Field), another app's records
	tree = ast.parse((APP / "hooks.py").read_text())
	assigned = {t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)}
	assert "fixtures" not in assigned
