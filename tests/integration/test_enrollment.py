"""Child Enrollment Approval, driven as the people who click it: registered by a Community Worker,
verified by the child's Street Officer, approved by a District Approver."""

import frappe
import frappe.client
import pytest
from factories import grant_area, make_area_tree, make_child, make_enrollment, scoped_staff
from frappe.model.workflow import apply_workflow


@pytest.fixture
def program(staff):
	tree = make_area_tree()
	p = scoped_staff(staff, tree)
	frappe.set_user(p.worker)
	p.child = make_child(tree.community11).name
	frappe.set_user("Administrator")
	frappe.local.lang = "zh"
	return p


def act(user, enrollment, action, **changes):
	"""What the desk does: the user edits the form if needed, then clicks the workflow action."""
	frappe.set_user(user)
	doc = frappe.get_doc("Child Enrollment", enrollment)
	if changes:
		doc.update(changes)
		doc.save()
	return apply_workflow(doc, action)


def registered(p):
	frappe.set_user(p.worker)
	name = make_enrollment(p.child).name
	act(p.worker, name, "Submit Enrollment")
	return name


def child_status(p):
	return frappe.db.get_value("Child Profile", p.child, "status")


def test_the_whole_path_makes_the_child_await_pairing(program):
	p = program
	name = registered(p)
	assert frappe.db.get_value("Child Enrollment", name, "status") == "Pending Verification"

	act(p.officer, name, "Verify Enrollment", verification_notes="入户核实：父母外出务工，随祖母生活，情况属实")
	act(p.approver, name, "Approve Enrollment")

	doc = frappe.get_doc("Child Enrollment", name)
	assert (doc.docstatus, doc.status) == (1, "Approved")
	assert (doc.verified_by, doc.decided_by) == (p.officer, p.approver)
	assert doc.verified_on and doc.decided_on
	assert child_status(p) == "Awaiting Pairing"


def test_the_wrong_street_cannot_verify(program):
	p = program
	name = registered(p)
	with pytest.raises(frappe.PermissionError):
		act(p.other_officer, name, "Verify Enrollment", verification_notes="不是我街道的")
	assert frappe.db.get_value("Child Enrollment", name, ["status", "verified_by"]) == (
		"Pending Verification",
		None,
	)


def test_the_wrong_role_cannot_take_a_step(program):
	p = program
	name = registered(p)
	with pytest.raises(frappe.ValidationError):
		act(p.worker, name, "Verify Enrollment")
	with pytest.raises(frappe.ValidationError):
		act(p.approver, name, "Approve Enrollment")
	assert frappe.db.get_value("Child Enrollment", name, "status") == "Pending Verification"


def test_verifying_needs_notes_in_chinese(program):
	p = program
	name = registered(p)
	with pytest.raises(frappe.ValidationError, match="核实情况"):
		act(p.officer, name, "Verify Enrollment")
	assert frappe.db.get_value("Child Enrollment", name, "status") == "Pending Verification"


def test_nobody_verifies_their_own_registration(program):
	"""While another Street Officer covers the street (a street's only officer verifies her own:
	tests/integration/test_operations.py)."""
	p = program
	grant_area(p.other_officer, p.tree.street1)
	frappe.set_user(p.officer)
	name = make_enrollment(p.child, verification_notes="本人登记").name
	act(p.officer, name, "Submit Enrollment")
	with pytest.raises(frappe.ValidationError):
		act(p.officer, name, "Verify Enrollment")
	assert frappe.db.get_value("Child Enrollment", name, "status") == "Pending Verification"


def test_rejected_at_the_street_with_a_reason_then_revised_and_approved(program):
	p = program
	name = registered(p)
	with pytest.raises(frappe.ValidationError, match="退回原因"):
		act(p.officer, name, "Reject Enrollment")
	act(p.officer, name, "Reject Enrollment", verification_notes="监护人信息不全，请补充")
	assert frappe.db.get_value("Child Enrollment", name, ["status", "docstatus"]) == ("Rejected", 0)

	act(p.worker, name, "Revise Enrollment", registration_notes="已补充监护人信息")
	doc = frappe.get_doc("Child Enrollment", name)
	assert (doc.status, doc.verified_by) == ("Draft", None)
	act(p.worker, name, "Submit Enrollment")
	act(p.officer, name, "Verify Enrollment", verification_notes="补充后核实属实")
	act(p.approver, name, "Approve Enrollment")
	assert child_status(p) == "Awaiting Pairing"


def test_the_district_rejects_with_decision_notes(program):
	p = program
	name = registered(p)
	act(p.officer, name, "Verify Enrollment", verification_notes="属实")
	with pytest.raises(frappe.ValidationError, match="退回原因"):
		act(p.approver, name, "Reject Enrollment")
	act(p.approver, name, "Reject Enrollment", decision_notes="已纳入民政兜底保障，不再重复结对")
	doc = frappe.get_doc("Child Enrollment", name)
	assert (doc.status, doc.docstatus, doc.decided_by) == ("Rejected", 0, p.approver)
	assert child_status(p) == "Registered"


def test_approval_needs_the_guardians_consent_and_changes_nothing_without_it(program):
	p = program
	frappe.db.set_value("Child Profile", p.child, {"guardian_consent": 0, "consent_date": None})
	name = registered(p)
	act(p.officer, name, "Verify Enrollment", verification_notes="属实")
	with pytest.raises(frappe.ValidationError, match="监护人同意"):
		act(p.approver, name, "Approve Enrollment")
	assert frappe.db.get_value("Child Enrollment", name, ["status", "docstatus"]) == ("Verified", 0)
	assert child_status(p) == "Registered"


def test_no_second_open_enrollment_and_none_for_an_enrolled_child(program):
	p = program
	name = registered(p)
	frappe.set_user(p.worker)
	with pytest.raises(frappe.ValidationError, match="在办的登记"):
		make_enrollment(p.child)
	act(p.officer, name, "Verify Enrollment", verification_notes="属实")
	act(p.approver, name, "Approve Enrollment")
	frappe.set_user(p.worker)
	with pytest.raises(frappe.ValidationError, match="已在项目中"):
		make_enrollment(p.child)
	assert frappe.db.count("Child Enrollment", {"child": p.child}) == 1


def test_a_forged_workflow_state_through_the_rest_api_changes_nothing(program):
	p = program
	name = registered(p)
	# frappe.client.set_value is what PUT /api/resource/Child Enrollment/<name> runs
	frappe.set_user(p.officer)
	with pytest.raises(frappe.ValidationError):
		frappe.client.set_value("Child Enrollment", name, "workflow_state", "Enrollment Approved")
	frappe.set_user(p.worker)
	with pytest.raises(frappe.ValidationError):
		frappe.client.set_value("Child Enrollment", name, "workflow_state", "Enrollment Street Verified")
	frappe.set_user(p.worker)
	frappe.client.set_value("Child Enrollment", name, "status", "Approved")
	doc = frappe.get_doc("Child Enrollment", name)
	assert (doc.workflow_state, doc.status, doc.docstatus) == (
		"Enrollment Pending Verification",
		"Pending Verification",
		0,
	)
	assert child_status(p) == "Registered"


def test_a_street_officer_cannot_forge_self_verification_by_saving_the_state(program):
	p = program
	grant_area(p.other_officer, p.tree.street1)
	frappe.set_user(p.officer)
	name = make_enrollment(p.child, verification_notes="本人登记").name
	act(p.officer, name, "Submit Enrollment")
	frappe.set_user(p.officer)
	with pytest.raises(frappe.PermissionError):
		frappe.client.set_value("Child Enrollment", name, "workflow_state", "Enrollment Street Verified")
	assert frappe.db.get_value("Child Enrollment", name, "status") == "Pending Verification"


@pytest.fixture
def edited_workflow():
	"""An administrator, in the desk, renames states and adds a review step at the district."""
	yield
	frappe.db.rollback()
	frappe.clear_document_cache("Workflow", "Child Enrollment Approval")
	frappe.clear_cache(doctype="Child Enrollment")


def test_renamed_states_and_an_extra_step_keep_the_side_effects(program, edited_workflow):
	p = program
	frappe.set_user("Administrator")
	for state in ("街道已核实", "区妇联初审", "已批准"):
		frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": state}).insert()
	frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": "初审通过"}).insert()
	wf = frappe.get_doc("Workflow", "Child Enrollment Approval")
	renames = {"Enrollment Street Verified": "街道已核实", "Enrollment Approved": "已批准"}
	for row in wf.states:
		row.state = renames.get(row.state, row.state)
	for row in wf.transitions:
		row.state = renames.get(row.state, row.state)
		row.next_state = renames.get(row.next_state, row.next_state)
	# the district's approval now needs a first review by the federation
	for row in wf.transitions:
		if row.state == "街道已核实" and row.action == "Approve Enrollment":
			row.state = "区妇联初审"
	wf.append(
		"states",
		{
			"state": "区妇联初审",
			"doc_status": "0",
			"update_field": "status",
			"update_value": "Verified",
			"allow_edit": "District Approver",
		},
	)
	wf.append(
		"transitions",
		{
			"state": "街道已核实",
			"action": "初审通过",
			"next_state": "区妇联初审",
			"allowed": "District Approver",
			"allow_self_approval": 0,
		},
	)
	wf.save()

	name = registered(p)
	act(p.officer, name, "Verify Enrollment", verification_notes="属实")
	assert frappe.db.get_value("Child Enrollment", name, "workflow_state") == "街道已核实"
	act(p.approver, name, "初审通过")
	act(p.approver, name, "Approve Enrollment")
	doc = frappe.get_doc("Child Enrollment", name)
	assert (doc.workflow_state, doc.status, doc.docstatus) == ("已批准", "Approved", 1)
	assert child_status(p) == "Awaiting Pairing"


def test_the_daily_job_ages_out_children_who_turned_18(program):
	from frappe.utils import add_days, add_years, getdate, today

	p = program
	eighteen_today = add_years(getdate(today()), -18)
	adult = make_child(p.tree.community11, date_of_birth=str(eighteen_today)).name
	almost = make_child(p.tree.community11, date_of_birth=str(add_days(eighteen_today, 1))).name

	# as the scheduler runs it: the method its Scheduled Job Type names
	job = frappe.get_doc("Scheduled Job Type", {"method": "kidcare.tasks.mark_aged_out"})
	assert job.frequency == "Daily"
	assert frappe.get_attr(job.method)() >= 1

	assert frappe.db.get_value("Child Profile", adult, "status") == "Aged Out"
	assert frappe.db.get_value("Child Profile", almost, "status") == "Registered"
	assert frappe.db.get_value("Child Profile", p.child, "status") == "Registered"
	frappe.set_user(p.worker)
	with pytest.raises(frappe.ValidationError, match="已满 18 周岁"):
		make_enrollment(adult)


def test_each_role_sees_the_enrollments_of_their_area(program):
	p = program
	name = registered(p)

	def visible(user):
		frappe.set_user(user)
		return name in frappe.get_list("Child Enrollment", pluck="name", limit_page_length=0)

	assert visible(p.worker) and visible(p.officer) and visible(p.approver)
	assert not visible(p.other_officer)
	frappe.set_user(p.other_officer)
	assert p.child not in frappe.get_list("Child Profile", pluck="name", limit_page_length=0)
