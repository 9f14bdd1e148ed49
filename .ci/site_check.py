"""CI checks that need a site: what the app's records look like, and what uninstall left behind.

usage: python .ci/site_check.py BENCH SITE fingerprint|leftovers   (run with the bench's Python)
"""

import hashlib
import json
import os
import sys
from pathlib import Path

import frappe

APP_DOCTYPES = sorted(
	json.loads(path.read_text())["name"]
	for path in (Path(__file__).resolve().parent.parent / "kidcare" / "kidcare" / "doctype").glob("*/*.json")
)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kidcare.data import ROLES

ROLE_NAMES = [role for role, _ in ROLES]
# what the app ships besides doctypes, each a record with a module field
MODULE_RECORDS = (
	"Workspace",
	"Number Card",
	"Dashboard Chart",
	"Dashboard Chart Source",
	"Web Form",
	"Print Format",
	"Report",
)
#: Frappe's records about the app's documents, and the field naming the document's doctype
PERSONAL_TRACES = (
	("File", "attached_to_doctype"),
	("Version", "ref_doctype"),
	("Comment", "reference_doctype"),
	("Communication", "reference_doctype"),
	("Communication Link", "link_doctype"),
	("Notification Log", "document_type"),
	("Access Log", "export_from"),
	("View Log", "reference_doctype"),
	("ToDo", "reference_type"),
	("DocShare", "share_doctype"),
	("Energy Point Log", "reference_doctype"),
	("Activity Log", "reference_doctype"),
	("Email Queue", "reference_doctype"),
	("Document Follow", "ref_doctype"),
	("Error Log", "reference_doctype"),
	("Tag Link", "document_type"),
	("Deleted Document", "deleted_doctype"),
)


def fingerprint() -> str:
	"""A hash of every record the app owns or ships, with its modified time."""
	rows = []
	rows += frappe.get_all("Role", filters={"name": ("in", ROLE_NAMES)}, fields=["*"], order_by="name")
	rows += frappe.get_all("DocType", filters={"name": ("in", APP_DOCTYPES)}, fields=["*"], order_by="name")
	for child in ("DocField", "DocPerm"):
		rows += frappe.get_all(
			child, filters={"parent": ("in", APP_DOCTYPES)}, fields=["*"], order_by="parent, idx"
		)
	workflows = frappe.get_all(
		"Workflow", filters={"document_type": ("in", APP_DOCTYPES)}, fields=["*"], order_by="name"
	)
	rows += workflows
	for child in ("Workflow Document State", "Workflow Transition"):
		rows += frappe.get_all(
			child,
			filters={"parent": ("in", [w.name for w in workflows])},
			fields=["*"],
			order_by="parent, idx",
		)
	for doctype in MODULE_RECORDS:
		rows += frappe.get_all(doctype, filters={"module": "KidCare"}, fields=["*"], order_by="name")
	for doctype in APP_DOCTYPES:
		meta = frappe.get_meta(doctype)
		if meta.issingle:
			rows += frappe.db.sql(
				"select * from tabSingles where doctype=%s order by field", doctype, as_dict=True
			)
		elif not meta.istable:
			rows += frappe.get_all(doctype, fields=["*"], order_by="name")
	payload = json.dumps(rows, sort_keys=True, default=str)
	return f"{len(rows)} records, sha1 {hashlib.sha1(payload.encode()).hexdigest()[:12]}"


def leftovers() -> list[str]:
	found = []
	found += [f"DocType {d}" for d in frappe.get_all("DocType", filters={"module": "KidCare"}, pluck="name")]
	found += [f"table tab{d}" for d in APP_DOCTYPES if frappe.db.table_exists(d)]
	# and kidcare's tables that are no DocType (kidcare_pairing_months, ...)
	found += [f"table {t}" for t in frappe.db.sql_list("show tables like %s", ("kidcare\\_%",))]
	found += [
		f"Module Def {m}" for m in frappe.get_all("Module Def", filters={"app_name": "kidcare"}, pluck="name")
	]
	found += [f"Role {r}" for r in frappe.get_all("Role", filters={"name": ("in", ROLE_NAMES)}, pluck="name")]
	found += [
		f"Workflow {w}"
		for w in frappe.get_all("Workflow", filters={"document_type": ("in", APP_DOCTYPES)}, pluck="name")
	]
	found += [
		f"User Permission {u}"
		for u in frappe.get_all("User Permission", filters={"allow": ("in", APP_DOCTYPES)}, pluck="name")
	]
	for doctype in MODULE_RECORDS:
		found += [
			f"{doctype} {n}" for n in frappe.get_all(doctype, filters={"module": "KidCare"}, pluck="name")
		]
	# personal data kept outside the app's tables (kidcare/privacy.py purge_app_traces)
	for doctype, field in PERSONAL_TRACES:
		if frappe.db.table_exists(doctype):
			count = frappe.db.count(doctype, {field: ("in", APP_DOCTYPES)})
			if count:
				found.append(f"{count} {doctype} rows of kidcare records")
	if "kidcare" in frappe.get_installed_apps():
		found.append("kidcare still in Installed Applications")
	return found


if __name__ == "__main__":
	bench, site, what = sys.argv[1:4]
	os.chdir(Path(bench) / "sites")
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		if what == "fingerprint":
			print(fingerprint())
		else:
			print(", ".join(leftovers()))
	finally:
		frappe.destroy()
