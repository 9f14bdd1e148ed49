"""Rebuild tests/data/foreign_names.json from git copies of the other apps (run by hand, not in CI).

    python tests/data/build_foreign_names.py /path/to/git/copies > tests/data/foreign_names.json

The folder holds one git copy per app, named after the app (``frappe``, ``erpnext``, ``hrms``, ...).

Each source is a git repository and the branches read from it (the union of their names is kept, so a
name an app had on its stable branch or has on its development branch both count). The names are read
from the apps' module files, exactly as ``bench migrate`` syncs them: ``<module>/doctype/<x>/<x>.json``
and the same for report, print_format, web_form (name and route), workspace, number_card,
dashboard_chart, dashboard_chart_source and page; roles named in any doctype's permissions and in Role
records; Workflow State and Workflow Action Master records an app ships (fixtures, install data).
"""

import json
import re
import subprocess
import sys
from pathlib import Path

SOURCES = {
	# app: (branches read, public repository)
	"frappe": (("version-15",), "github.com/frappe/frappe (v15.44.2)"),
	"erpnext": (("version-15",), "github.com/frappe/erpnext (v15.70.0)"),
	"hrms": (("version-15", "develop"), "github.com/frappe/hrms"),
	"education": (("version-15", "develop"), "github.com/frappe/education"),
	"non_profit": (("develop",), "github.com/frappe/non_profit"),
	"helpdesk": (("main", "develop"), "github.com/frappe/helpdesk"),
	"crm": (("main", "develop"), "github.com/frappe/crm"),
	"lms": (("main", "develop"), "github.com/frappe/lms"),
}

KINDS = {
	"doctype": "DocType",
	"report": "Report",
	"print_format": "Print Format",
	"web_form": "Web Form",
	"workspace": "Workspace",
	"number_card": "Number Card",
	"dashboard_chart": "Dashboard Chart",
	"dashboard_chart_source": "Dashboard Chart Source",
	"page": "Page",
}
MODULE_FILE = re.compile(r"/(" + "|".join(KINDS) + r")/([^/]+)/\2\.json$")


def git(repo: Path, *args: str) -> str:
	return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def read_blobs(repo: Path, objects: list[str]) -> list[str]:
	out = subprocess.run(
		["git", "-C", str(repo), "cat-file", "--batch"],
		input="".join(f"{o}\n" for o in objects).encode(),
		check=True,
		capture_output=True,
	).stdout
	blobs, pos = [], 0
	for _ in objects:
		header_end = out.index(b"\n", pos)
		size = int(out[pos:header_end].split()[2])
		blobs.append(out[header_end + 1 : header_end + 1 + size].decode("utf-8", "replace"))
		pos = header_end + 1 + size + 1
	return blobs


def collect(repo: Path, branch: str, names: dict[str, set]):
	listing = git(repo, "ls-tree", "-r", branch).splitlines()
	wanted = []
	for line in listing:
		meta, path = line.split("\t", 1)
		if not path.endswith(".json") or "/node_modules/" in path or "/test" in path.lower():
			continue
		if MODULE_FILE.search(path) or "/fixtures/" in path or "install_fixtures" in path or path.endswith(
			("role.json", "workflow_state.json", "workflow_action_master.json")
		):
			wanted.append((path, meta.split()[2]))
	# roles and workflow states/actions created by Python install code
	for line in listing:
		path = line.split("\t", 1)[1]
		if path.endswith(("install_fixtures.py", "install.py", "setup.py", "hooks.py")) and path.count("/") <= 3:
			text = read_blobs(repo, [line.split()[2]])[0]
			for m in re.finditer(r'"role(?:_name)?":\s*(?:_\()?"([^"]+)"', text):
				names["role"].add(m.group(1))
			for m in re.finditer(r'"doctype":\s*"(Workflow State|Workflow Action Master|Role)",\s*"(?:workflow_state_name|workflow_action_name|role_name)":\s*(?:_\()?"([^"]+)"', text):
				names[KEY[m.group(1)]].add(m.group(2))
	for (path, _obj), text in zip(wanted, read_blobs(repo, [o for _p, o in wanted])):
		try:
			data = json.loads(text)
		except ValueError:
			continue
		for doc in data if isinstance(data, list) else [data]:
			if not isinstance(doc, dict):
				continue
			add(doc, names)


KEY = {"Workflow State": "workflow_state", "Workflow Action Master": "workflow_action", "Role": "role"}


def add(doc: dict, names: dict[str, set]):
	doctype = doc.get("doctype")
	for kind, dt in KINDS.items():
		if doctype == dt and doc.get("name"):
			names[kind].add(doc["name"])
			if kind == "web_form" and doc.get("route"):
				names["web_form_route"].add(doc["route"])
			if kind == "doctype" and doc.get("module"):
				names["module"].add(doc["module"])
	if doctype == "DocType":
		for perm in doc.get("permissions") or []:
			if perm.get("role"):
				names["role"].add(perm["role"])
	if doctype == "Role" and (doc.get("role_name") or doc.get("name")):
		names["role"].add(doc.get("role_name") or doc["name"])
	if doctype == "Workflow State" and (doc.get("workflow_state_name") or doc.get("name")):
		names["workflow_state"].add(doc.get("workflow_state_name") or doc["name"])
	if doctype == "Workflow Action Master" and (doc.get("workflow_action_name") or doc.get("name")):
		names["workflow_action"].add(doc.get("workflow_action_name") or doc["name"])
	if doctype == "Workflow":
		for row in doc.get("states") or []:
			names["workflow_state"].add(row.get("state"))
		for row in doc.get("transitions") or []:
			names["workflow_action"].add(row.get("action"))


def main(root: str):
	result = {"_comment": __doc__.strip().splitlines()[0], "_sources": {}, "apps": {}}
	for app, (branches, public) in SOURCES.items():
		repo = Path(root) / app
		names: dict[str, set] = {k: set() for k in (*KINDS, "web_form_route", "module", "role", "workflow_state", "workflow_action")}
		commits = {}
		for branch in branches:
			commits[branch] = git(repo, "rev-parse", branch).strip()
			collect(repo, branch, names)
		result["_sources"][app] = {"repository": public, "branches": commits}
		result["apps"][app] = {k: sorted(n for n in v if n) for k, v in names.items()}
	# named by the contract, not found in the sources above: ERPNext's Education domain (up to v13) made it
	result["apps"]["education"]["role"] = sorted({*result["apps"]["education"]["role"], "Guardian"})
	json.dump(result, sys.stdout, indent=1, ensure_ascii=False, sort_keys=False)
	sys.stdout.write("\n")


if __name__ == "__main__":
	if len(sys.argv) != 2:
		sys.exit(__doc__)
	main(sys.argv[1])
