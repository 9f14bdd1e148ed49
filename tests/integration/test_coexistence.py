"""kidcare beside the administrator's edits and the other apps of the site (issue #12).

- a shipped workflow the administrator renamed in the desk (``frappe.rename_doc``, what the desk's
  Rename does) or switched off is hers after migrate: nothing is created beside it, it stays active, and
  documents still move through it;
- the 0.3 patch renames the 0.2 generic states and actions on an old site, moves open documents with
  them, and leaves alone a workflow where renaming would clash;
- install refuses a doctype of kidcare's names that belongs to another module.
"""

import frappe
import frappe.cache_manager
import pytest
from factories import make_area_tree, make_child, make_enrollment
from frappe.model.workflow import apply_workflow

from kidcare import install
from kidcare.workflow.installer import load_definitions
from kidcare.workflow.renames import ACTIONS, STATES

SHIPPED = {d["workflow_name"]: d for d in load_definitions()}


@pytest.fixture
def clean_workflow_cache():
	yield
	frappe.db.rollback()
	for definition in SHIPPED.values():
		frappe.clear_cache(doctype=definition["document_type"])
		frappe.clear_document_cache("Workflow", definition["workflow_name"])


def workflows_of(doctype: str) -> list[frappe._dict]:
	return frappe.get_all("Workflow", filters={"document_type": doctype}, fields=["name", "is_active"])


def migrate_hooks(doctype: str):
	"""What ``bench migrate`` runs of kidcare's, then clears (migrate ends by clearing every cache)."""
	install.before_migrate()
	install.after_migrate()
	frappe.clear_cache(doctype=doctype)


def enrollment_moves_on() -> str:
	"""A new Child Enrollment goes one step through whatever workflow is active."""
	tree = make_area_tree()
	doc = make_enrollment(make_child(tree.community11).name)
	workflow = frappe.get_doc("Workflow", {"document_type": "Child Enrollment", "is_active": 1})
	assert doc.workflow_state == workflow.states[0].state
	action = next(t.action for t in workflow.transitions if t.state == doc.workflow_state)
	apply_workflow(doc, action)
	return frappe.db.get_value("Child Enrollment", doc.name, "status")


@pytest.mark.parametrize("shipped_name", sorted(SHIPPED))
def test_a_workflow_renamed_in_the_desk_survives_migrate(shipped_name, clean_workflow_cache):
	doctype = SHIPPED[shipped_name]["document_type"]
	assert [w.name for w in workflows_of(doctype)] == [shipped_name]
	hers = f"{shipped_name} (区妇联版)"
	frappe.rename_doc("Workflow", shipped_name, hers)

	migrate_hooks(doctype)

	assert workflows_of(doctype) == [frappe._dict(name=hers, is_active=1)]
	assert not frappe.db.exists("Workflow", shipped_name)
	if doctype == "Child Enrollment":
		assert enrollment_moves_on() == "Pending Verification"


def test_an_enrollment_moves_through_her_renamed_workflow_after_migrate(clean_workflow_cache):
	frappe.rename_doc("Workflow", "Child Enrollment Approval", "儿童登记审批")
	migrate_hooks("Child Enrollment")
	assert frappe.db.get_value("Workflow", {"document_type": "Child Enrollment", "is_active": 1}) == "儿童登记审批"
	assert enrollment_moves_on() == "Pending Verification"


def test_a_workflow_switched_off_stays_off_and_alone(clean_workflow_cache):
	for name, definition in SHIPPED.items():
		frappe.db.set_value("Workflow", name, "is_active", 0)
	install.after_migrate()
	for name, definition in SHIPPED.items():
		assert workflows_of(definition["document_type"]) == [frappe._dict(name=name, is_active=0)]


def make_02_workflow(name: str) -> "frappe.model.document.Document":
	"""Turn the shipped workflow back into what 0.2 installed: the generic state and action names."""
	for old in {*STATES[name]}:
		if not frappe.db.exists("Workflow State", old):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": old}).insert()
	for old in {*ACTIONS[name]}:
		if not frappe.db.exists("Workflow Action Master", old):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": old}).insert()
	back = {new: old for old, new in STATES[name].items()}
	back_actions = {new: old for old, new in ACTIONS[name].items()}
	workflow = frappe.get_doc("Workflow", name)
	for row in workflow.states:
		row.state = back[row.state]
	for row in workflow.transitions:
		row.state, row.next_state = back[row.state], back[row.next_state]
		row.action = back_actions[row.action]
	workflow.save()
	frappe.clear_cache(doctype=workflow.document_type)
	return workflow


def test_the_patch_renames_an_old_sites_states_and_moves_open_documents(clean_workflow_cache):
	from kidcare.patches.v0_3 import rename_workflow_states

	make_02_workflow("Child Enrollment Approval")
	tree = make_area_tree()
	doc = make_enrollment(make_child(tree.community11).name)
	assert doc.workflow_state == "Draft"
	apply_workflow(doc, "Submit for Verification")
	assert frappe.db.get_value("Child Enrollment", doc.name, "workflow_state") == "Pending Verification"

	rename_workflow_states.execute()
	frappe.clear_cache(doctype="Child Enrollment")

	workflow = frappe.get_doc("Workflow", "Child Enrollment Approval")
	assert {s.state for s in workflow.states} == set(STATES["Child Enrollment Approval"].values())
	assert {t.action for t in workflow.transitions} == set(ACTIONS["Child Enrollment Approval"].values())
	assert frappe.db.get_value("Child Enrollment", doc.name, "workflow_state") == "Enrollment Pending Verification"
	# the open document carries on from where it was
	doc = frappe.get_doc("Child Enrollment", doc.name)
	doc.verification_notes = "入户核实，属实"
	doc.save()
	apply_workflow(doc, "Verify Enrollment")
	apply_workflow(frappe.get_doc("Child Enrollment", doc.name), "Approve Enrollment")
	assert frappe.db.get_value("Child Enrollment", doc.name, ["workflow_state", "status", "docstatus"]) == (
		"Enrollment Approved",
		"Approved",
		1,
	)
	# a second run changes nothing
	before = frappe.get_doc("Workflow", "Child Enrollment Approval").as_dict()
	rename_workflow_states.execute()
	after = frappe.get_doc("Workflow", "Child Enrollment Approval").as_dict()
	assert [s.state for s in after.states] == [s.state for s in before.states]


def test_the_patch_leaves_a_workflow_alone_where_renaming_would_clash(clean_workflow_cache):
	from kidcare.patches.v0_3 import rename_workflow_states

	workflow = make_02_workflow("Care Pairing Approval")
	# the administrator already added a state of the new name beside the old one
	if not frappe.db.exists("Workflow State", "Pairing Approved"):
		frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": "Pairing Approved"}).insert()
	workflow.append(
		"states",
		{"state": "Pairing Approved", "doc_status": "0", "allow_edit": "KidCare Admin"},
	)
	workflow.save()
	states = [s.state for s in workflow.states]

	rename_workflow_states.execute()

	assert [s.state for s in frappe.get_doc("Workflow", "Care Pairing Approval").states] == states


def test_a_workflow_of_her_own_naming_is_not_renamed(clean_workflow_cache):
	from kidcare.patches.v0_3 import rename_workflow_states

	workflow = make_02_workflow("Monthly Review Approval")
	frappe.rename_doc("Workflow", "Monthly Review Approval", "月度评估审批")
	workflow = frappe.get_doc("Workflow", "月度评估审批")
	if not frappe.db.exists("Workflow State", "待街道审阅"):
		frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": "待街道审阅"}).insert()
	for row in workflow.states:
		if row.state == "Submitted":
			row.state = "待街道审阅"
	for row in workflow.transitions:
		row.state = "待街道审阅" if row.state == "Submitted" else row.state
		row.next_state = "待街道审阅" if row.next_state == "Submitted" else row.next_state
	workflow.save()
	states = [s.state for s in workflow.states]

	rename_workflow_states.execute()

	assert [s.state for s in frappe.get_doc("Workflow", "月度评估审批").states] == states


def test_install_refuses_a_doctype_of_kidcares_name_owned_by_another_module():
	install.refuse_foreign_doctypes()  # nothing to refuse on this site
	frappe.db.set_value("DocType", "Care Skill", "module", "Core", update_modified=False)
	with pytest.raises(frappe.ValidationError) as refused:
		install.refuse_foreign_doctypes()
	assert "Care Skill" in str(refused.value)
	frappe.local.lang = "zh"
	frappe.local.message_log = []
	with pytest.raises(frappe.ValidationError) as refused:
		install.refuse_foreign_doctypes()
	assert "无法安装" in str(refused.value)


def test_every_doctype_the_app_defines_is_the_apps_module_on_the_site():
	names = install.shipped_doctype_names()
	modules = dict(frappe.get_all("DocType", filters={"name": ("in", names)}, fields=["name", "module"], as_list=True))
	assert modules == {name: "KidCare" for name in names}
	assert sorted(install.kidcare_doctypes()) == names


@pytest.fixture
def settings_restored():
	yield
	frappe.db.rollback()
	frappe.clear_document_cache("System Settings", "System Settings")
	if hasattr(frappe.local, "system_settings"):
		del frappe.local.system_settings
	frappe.cache_manager.clear_defaults_cache()


def test_the_demo_leaves_another_apps_setup_wizard_and_the_sites_home_page_alone(monkeypatch, settings_restored):
	from kidcare import demo

	frappe.db.set_single_value("System Settings", "setup_complete", 0)
	home = frappe.db.get_default("desktop:home_page")
	if "erpnext" in frappe.get_installed_apps():
		assert demo.other_setup_wizards() == ["erpnext"]
	else:  # a stand-in for ERPNext: an installed app with setup wizard stages of its own
		monkeypatch.setattr(demo, "other_setup_wizards", lambda: ["erpnext"])
	monkeypatch.setattr(frappe.db, "commit", lambda *a, **k: None)  # keep the test's transaction
	assert demo.complete_setup() == "left to erpnext"
	assert frappe.db.get_single_value("System Settings", "setup_complete") == 0
	assert frappe.db.get_default("desktop:home_page") == home

	email = f"{frappe.generate_hash(length=8)}@kidcare.demo"
	demo.make_person(email, "测试", "Street Officer", None)
	assert frappe.db.get_value("User", email, "default_workspace") == "KidCare"
	assert frappe.db.get_default("desktop:home_page") == home
