"""What install-app leaves on a site: roles, the shipped masters, the settings, the workflows."""

import frappe
import pytest

from kidcare import data, install
from kidcare.workflow.installer import install_workflows

CONTRACT_ROLES = {
	"KidCare Admin",
	"District Approver",
	"Street Officer",
	"Community Worker",
	"Care Volunteer",
	"Child Guardian",
}


def test_the_six_roles_exist_and_the_guardian_and_the_volunteer_stay_off_the_desk():
	# volunteers work in their phone app (/kidcare), guardians on the website: neither gets the desk
	roles = frappe.get_all(
		"Role", filters={"name": ("in", list(CONTRACT_ROLES))}, fields=["name", "desk_access"]
	)
	assert {r.name for r in roles} == CONTRACT_ROLES
	assert {r.name for r in roles if not r.desk_access} == {"Child Guardian", "Care Volunteer"}


def test_twenty_care_needs_in_four_need_areas_with_chinese_names():
	needs = frappe.get_all("Care Need", fields=["name", "need_area"])
	shipped = [n for n in needs if n.name in {x for names in data.CARE_NEEDS.values() for x in names}]
	assert len(shipped) == 20
	by_area = {}
	for need in shipped:
		by_area.setdefault(need.need_area, []).append(need.name)
	assert sorted(by_area) == sorted(
		["Daily-life Care", "Spiritual Growth", "Social Integration", "Family Education Guidance"]
	)
	assert all(len(names) == 5 for names in by_area.values())
	assert all("\u4e00" <= name[0] <= "\u9fff" for name in (n.name for n in shipped))


def test_care_skills_starter_set_is_there():
	skills = set(frappe.get_all("Care Skill", pluck="name"))
	assert {"国际象棋", "阅读", "心理咨询", "法律咨询"} <= skills
	assert len(skills) >= 20


def test_settings_carry_the_contract_defaults():
	settings = frappe.get_single("KidCare Settings")
	assert settings.min_contacts_per_month == 1
	assert settings.memorable_activities_per_year == 1
	assert settings.home_visits_per_year > 0
	assert settings.home_visit_hours_per_year > 0
	assert 1 <= settings.review_creation_day <= 28
	assert settings.matching_radius_km > 0


def test_installing_again_never_overwrites_what_an_administrator_edited():
	frappe.db.set_value("Care Need", "心理疏导", "description", "由区心理协会志愿者承担")
	frappe.delete_doc("Care Skill", "游泳", force=True)
	frappe.get_doc(
		{"doctype": "Care Need", "care_need_name": "防溺水教育", "need_area": "Daily-life Care"}
	).insert()
	needs_before = frappe.db.count("Care Need")

	install.after_migrate()
	assert not frappe.db.exists("Care Skill", "游泳"), "migrate must not bring back what an admin deleted"

	install.after_install()
	assert frappe.db.get_value("Care Need", "心理疏导", "description") == "由区心理协会志愿者承担"
	assert frappe.db.count("Care Need") == needs_before
	assert frappe.db.exists("Care Need", "防溺水教育")
	assert frappe.db.exists("Care Skill", "游泳"), "a fresh install ships the whole starter set"


def test_settings_refuse_nonsense_in_chinese_and_keep_the_old_values():
	frappe.local.lang = "zh"
	settings = frappe.get_single("KidCare Settings")
	settings.review_creation_day = 31
	with pytest.raises(frappe.ValidationError, match="1 到 28"):
		settings.save()
	assert frappe.db.get_single_value("KidCare Settings", "review_creation_day") != 31


@pytest.fixture
def todo_workflow():
	"""A workflow definition in the shipped format, on a doctype every site has."""
	name = f"KidCare Test Workflow {frappe.generate_hash(length=6)}"
	definition = {
		"workflow_name": name,
		"document_type": "ToDo",
		"is_active": 0,
		"workflow_state_field": "workflow_state",
		"send_email_alert": 0,
		"states": [
			{"state": "Draft", "doc_status": "0", "allow_edit": "KidCare Admin"},
			{"state": "Street Verified", "doc_status": "0", "allow_edit": "Street Officer", "style": "Info"},
		],
		"transitions": [
			{
				"state": "Draft",
				"action": "Verify",
				"next_state": "Street Verified",
				"allowed": "Street Officer",
				"allow_self_approval": 0,
			}
		],
	}
	yield name, definition
	frappe.db.rollback()
	frappe.clear_cache(doctype="ToDo")


def test_workflow_installer_creates_missing_and_leaves_edited_alone(todo_workflow):
	name, definition = todo_workflow
	import copy

	assert install_workflows([copy.deepcopy(definition)]) == [name]
	workflow = frappe.get_doc("Workflow", name)
	assert [s.state for s in workflow.states] == ["Draft", "Street Verified"]
	assert workflow.transitions[0].allow_self_approval == 0
	assert frappe.db.exists("Workflow State", "Street Verified")
	assert frappe.db.exists("Workflow Action Master", "Verify")

	# the administrator renames a state and changes who verifies
	frappe.db.set_value("Workflow State", "Street Verified", "style", "Info")
	workflow.transitions[0].allowed = "Community Worker"
	workflow.save()

	assert install_workflows([copy.deepcopy(definition)]) == []
	assert frappe.get_doc("Workflow", name).transitions[0].allowed == "Community Worker"


def test_workflow_installer_skips_a_definition_whose_doctype_is_not_installed():
	definition = {
		"workflow_name": "Nope",
		"document_type": "No Such DocType",
		"states": [],
		"transitions": [],
	}
	assert install_workflows([definition]) == []
