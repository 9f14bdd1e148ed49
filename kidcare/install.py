"""What installing, migrating and uninstalling kidcare does to a site.

Everything here creates what is missing and leaves alone what exists, so an administrator's edits
survive ``bench migrate`` and a second migrate changes nothing.
"""

import json
from pathlib import Path

import frappe
from frappe import _

from kidcare.data import CARE_NEEDS, CARE_SKILLS, NEED_SKILLS, ROLES
from kidcare.workflow.installer import install_workflows, uninstall_workflows

MODULE = "KidCare"
DOCTYPE_FOLDER = Path(__file__).parent / "kidcare" / "doctype"


def before_install():
	# nothing of another app may be replaced: the sync that follows would overwrite its doctype
	refuse_foreign_doctypes()
	# roles first: the doctypes synced next name them in their permissions
	create_roles()


def before_migrate():
	refuse_foreign_doctypes()


def after_install():
	create_roles()
	create_care_skills()
	create_care_needs()
	install_workflows()
	ensure_indexes()


def after_migrate():
	create_roles()
	install_workflows()
	ensure_indexes()


def ensure_indexes():
	from kidcare.indexes import ensure_indexes

	ensure_indexes()


def before_uninstall():
	from kidcare.privacy import purge_app_traces

	# no personal data outlives the app: files, versions, comments, communications, logs, shares
	purge_app_traces(kidcare_doctypes())
	uninstall_workflows()
	frappe.db.delete("User Permission", {"allow": ("in", kidcare_doctypes())})
	# kidcare's own tables that are no DocType (the contacts' monthly tally and the areas' counts)
	from kidcare import rollup, tally

	for table in (tally.TABLE, rollup.TABLE):
		frappe.db.sql_ddl(f"drop table if exists `{table}`")
	ours = set(kidcare_doctypes())
	for role, _desk_access in ROLES:
		if frappe.db.exists("Role", role) and not role_used_elsewhere(role, ours):
			frappe.delete_doc("Role", role, ignore_permissions=True, force=True)


def kidcare_doctypes() -> list[str]:
	"""The doctypes the app owns on this site (Frappe's uninstall drops exactly these, by module)."""
	return frappe.get_all("DocType", filters={"module": MODULE}, pluck="name")


def shipped_doctype_names() -> list[str]:
	"""The doctype names the app's files define (what install and migrate would create or overwrite)."""
	return sorted(
		json.loads(path.read_text())["name"] for path in DOCTYPE_FOLDER.glob("*/*.json") if path.stem == path.parent.name
	)


def refuse_foreign_doctypes():
	"""Refuse to install (or migrate) over a doctype of the same name that belongs to another module."""
	names = shipped_doctype_names()
	clashes = frappe.get_all(
		"DocType", filters={"name": ("in", names), "module": ("!=", MODULE)}, fields=["name", "module"]
	)
	if clashes:
		frappe.throw(
			_("kidcare cannot be installed on this site: {0} already exist in another module.").format(
				", ".join(_("{0} (module {1})").format(frappe.bold(c.name), c.module) for c in clashes)
			),
			title=_("Doctype name already taken"),
		)


def role_used_elsewhere(role: str, ours: set[str]) -> bool:
	"""Whether another app's doctype grants ``role`` in its own permissions (then the role is not only
	ours). Permissions an administrator added in the desk (Custom DocPerm) go with the role."""
	parents = frappe.get_all("DocPerm", filters={"role": role}, pluck="parent", distinct=True)
	return any(parent not in ours for parent in parents)


def create_roles():
	for role, desk_access in ROLES:
		if not frappe.db.exists("Role", role):
			frappe.get_doc(
				{"doctype": "Role", "role_name": role, "desk_access": desk_access, "is_custom": 0}
			).insert(ignore_permissions=True)


def create_care_needs():
	existing = set(frappe.get_all("Care Need", pluck="name"))
	for need_area, names in CARE_NEEDS.items():
		for name in names:
			if name not in existing:
				frappe.get_doc(
					{
						"doctype": "Care Need",
						"care_need_name": name,
						"need_area": need_area,
						"related_skills": [
							{"care_skill": s}
							for s in NEED_SKILLS.get(name, ())
							if frappe.db.exists("Care Skill", s)
						],
					}
				).insert(ignore_permissions=True)


def create_care_skills():
	existing = set(frappe.get_all("Care Skill", pluck="name"))
	for category, names in CARE_SKILLS.items():
		for name in names:
			if name not in existing:
				frappe.get_doc(
					{"doctype": "Care Skill", "care_skill_name": name, "skill_category": category}
				).insert(ignore_permissions=True)
