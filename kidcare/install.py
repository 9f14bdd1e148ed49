"""What installing, migrating and uninstalling kidcare does to a site.

Everything here creates what is missing and leaves alone what exists, so an administrator's edits
survive ``bench migrate`` and a second migrate changes nothing.
"""

import frappe

from kidcare.data import CARE_NEEDS, CARE_SKILLS, NEED_SKILLS, ROLES
from kidcare.workflow.installer import install_workflows, uninstall_workflows


def before_install():
	# roles first: the doctypes synced next name them in their permissions
	create_roles()


def after_install():
	create_roles()
	create_care_skills()
	create_care_needs()
	install_workflows()


def after_migrate():
	create_roles()
	install_workflows()


def before_uninstall():
	uninstall_workflows()
	frappe.db.delete("User Permission", {"allow": ("in", kidcare_doctypes())})
	for role, _desk_access in ROLES:
		if frappe.db.exists("Role", role):
			frappe.delete_doc("Role", role, ignore_permissions=True, force=True)


def kidcare_doctypes() -> list[str]:
	return frappe.get_all("DocType", filters={"module": "KidCare"}, pluck="name")


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
