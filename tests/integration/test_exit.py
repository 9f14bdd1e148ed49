"""Exit Request Approval, driven as the people who click it: the guardian applies on the website (or
staff apply on her behalf, or the volunteer asks to withdraw), the child's Street Officer verifies, a
District Approver decides; an approved exit ends the pairing and frees the volunteer."""

import json

import frappe
import frappe.client
import pytest
from factories import (
	grant_area,
	make_active_pairing,
	make_area_tree,
	make_user,
	make_volunteer,
	make_waiting_child,
	scoped_staff,
)
from frappe.model.workflow import apply_workflow
from frappe.utils import add_months, getdate, today

SIGNED = "/private/files/exit-application-signed.pdf"


@pytest.fixture
def family(staff):
	"""A child of community 1-1 paired with a volunteer, her guardian's website login linked."""
	tree = make_area_tree()
	p = scoped_staff(staff, tree)
	p.volunteer_user = make_user("Care Volunteer")
	p.volunteer = make_volunteer(tree.community11, user=p.volunteer_user).name
	p.guardian = make_user("Child Guardian")
	p.child = make_waiting_child(tree.community11, guardian_user=p.guardian)
	p.pairing = make_active_pairing(p.child, p.volunteer)
	frappe.local.lang = "zh"
	return p


def apply_online(user, child, **values):
	"""What the web form at /exit-request sends when the guardian presses Submit."""
	from frappe.website.doctype.web_form.web_form import accept

	frappe.set_user(user)
	data = {
		"doctype": "Exit Request",
		"web_form_name": "exit-request",
		"child": child,
		"reason_category": "Moved Away",
		"reason_detail": "全家随父母迁往外省居住",
		**values,
	}
	try:
		return accept("exit-request", json.dumps(data)).name
	finally:
		frappe.flags.in_web_form = False


def apply_in_desk(user, child, **values):
	frappe.set_user(user)
	values.setdefault("reason_category", "Moved Away")
	values.setdefault("reason_detail", "监护人书面申请退出")
	return frappe.get_doc({"doctype": "Exit Request", "child": child, **values}).insert().name


def act(user, name, action, **changes):
	"""What the desk does: the user fills in the form if needed, then clicks the workflow action."""
	frappe.set_user(user)
	doc = frappe.get_doc("Exit Request", name)
	if changes:
		doc.update(changes)
		doc.save()
	return apply_workflow(doc, action)


def verified(p, name):
	return act(p.officer, name, "Verify Exit", verification_notes="入户核实：已办妥迁出手续，情况属实")


def notified(user, name) -> list[str]:
	return frappe.get_all(
		"Notification Log",
		filters={"for_user": user, "document_type": "Exit Request", "document_name": name},
		pluck="subject",
	)


@pytest.fixture
def outgoing_email():
	"""An outgoing e-mail account, as a site that sends e-mail has (nothing leaves: tests mute e-mail;
	Frappe checks the SMTP server on save unless in test mode)."""
	frappe.flags.in_test = True
	frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": "KidCare Test Outgoing",
			"email_id": "kidcare@kidcare.test",
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"smtp_server": "127.0.0.1",
			"no_smtp_authentication": 1,
		}
	).insert(ignore_permissions=True)
	yield
	frappe.flags.in_test = False


def emailed(user, name) -> list[str]:
	"""The subjects of the e-mails queued for ``user`` about exit request ``name`` (a guardian is a
	website user: no bell, an e-mail)."""
	import email
	from email.header import decode_header, make_header

	subjects = []
	for queued in frappe.get_all(
		"Email Queue",
		filters={"reference_doctype": "Exit Request", "reference_name": name},
		fields=["name", "message"],
	):
		if user in frappe.get_all(
			"Email Queue Recipient", filters={"parent": queued.name}, pluck="recipient"
		):
			subjects.append(
				str(make_header(decode_header(email.message_from_string(queued.message)["Subject"])))
			)
	return subjects


def pairing(p):
	return frappe.db.get_value(
		"Care Pairing", p.pairing, ["status", "end_date", "end_reason", "exit_request"], as_dict=True
	)


def test_the_guardian_applies_online_the_street_verifies_the_district_approves(family, outgoing_email):
	p = family
	from kidcare.tasks import create_monthly_reviews

	frappe.set_user("Administrator")
	create_monthly_reviews(period=today())
	review = frappe.db.get_value("Monthly Review", {"pairing": p.pairing}, ["name", "status"], as_dict=True)
	assert review.status == "Open"

	name = apply_online(p.guardian, p.child)
	doc = frappe.get_doc("Exit Request", name)
	assert (doc.status, doc.docstatus, doc.pairing, doc.volunteer) == ("Applied", 0, p.pairing, p.volunteer)
	assert (doc.applicant_type, doc.applied_by, doc.applicant_name) == ("Guardian", p.guardian, "测试监护人")
	assert notified(p.officer, name) and not notified(p.other_officer, name)

	verified(p, name)
	assert notified(p.approver, name)
	act(p.approver, name, "Approve Exit", decision_notes="同意退出结对")

	doc = frappe.get_doc("Exit Request", name)
	assert (doc.docstatus, doc.decision, doc.status) == (1, "Approved", "Approved")
	assert (doc.verified_by, doc.decided_by) == (p.officer, p.approver)
	ended = pairing(p)
	assert (ended.status, ended.exit_request, getdate(ended.end_date)) == ("Ended", name, getdate(today()))
	assert name in ended.end_reason
	assert frappe.db.get_value("Child Profile", p.child, ["status", "current_pairing"]) == ("Exited", None)
	assert frappe.db.get_value("Care Volunteer", p.volunteer, "active_pairings") == 0
	assert frappe.db.get_value("Monthly Review", review.name, ["status", "workflow_state"]) == (
		"Closed",
		"Review Closed",
	)
	# history kept: the pairing, its review and the request are all still there
	assert frappe.db.get_value("Care Pairing", p.pairing, "docstatus") == 1

	frappe.set_user("Administrator")
	create_monthly_reviews(period=add_months(today(), 1))
	assert not frappe.db.exists("Monthly Review", {"pairing": p.pairing, "period": (">", review.period)})

	for user in (p.volunteer_user, p.officer):
		assert any("已批准" in s for s in notified(user, name)), (user, notified(user, name))
	assert any("已批准" in s for s in emailed(p.guardian, name)), emailed(p.guardian, name)
	assert not notified(p.guardian, name)


def test_the_volunteer_is_ready_to_be_matched_again(family):
	p = family
	waiting = make_waiting_child(p.tree.community12)
	frappe.set_user(p.officer)
	from kidcare.api import suggest_children

	assert suggest_children(p.volunteer) == []  # her one place is taken

	name = apply_online(p.guardian, p.child)
	verified(p, name)
	act(p.approver, name, "Approve Exit", decision_notes="同意")
	frappe.set_user(p.officer)
	assert waiting in [c["child"] for c in suggest_children(p.volunteer)]


def test_a_volunteer_withdraws_and_the_child_waits_for_another(family):
	p = family
	name = apply_in_desk(p.volunteer_user, p.child, reason_category="Volunteer Cannot Continue")
	doc = frappe.get_doc("Exit Request", name)
	assert (doc.applicant_type, doc.applied_by) == ("Volunteer", p.volunteer_user)
	verified(p, name)
	act(p.approver, name, "Approve Exit", decision_notes="同意志愿者退出，儿童重新匹配")
	assert pairing(p).status == "Ended"
	assert frappe.db.get_value("Child Profile", p.child, ["status", "current_pairing"]) == (
		"Awaiting Pairing",
		None,
	)

	frappe.set_user(p.officer)
	other = make_volunteer(p.tree.community12).name
	from kidcare.api import suggest_volunteers

	assert other in [v["volunteer"] for v in suggest_volunteers(p.child)]


def test_staff_apply_on_the_guardians_behalf_with_the_signed_application(family):
	p = family
	with pytest.raises(frappe.ValidationError, match="签字"):
		apply_in_desk(p.worker, p.child)
	assert not frappe.db.exists("Exit Request", {"child": p.child})

	name = apply_in_desk(p.worker, p.child, signed_application=SIGNED)
	assert frappe.db.get_value("Exit Request", name, ["applicant_type", "applied_by"]) == (
		"Guardian",
		p.worker,
	)
	verified(p, name)
	act(p.approver, name, "Approve Exit", decision_notes="同意")
	assert pairing(p).status == "Ended"


def test_nobody_verifies_or_approves_their_own_request(family):
	"""While another Street Officer covers the street (a street's only officer verifies her own:
	tests/integration/test_operations.py)."""
	p = family
	grant_area(p.other_officer, p.tree.street1)
	name = apply_in_desk(p.officer, p.child, applicant_type="Street Officer")
	with pytest.raises(frappe.ValidationError, match="自我批准"):
		verified(p, name)
	assert frappe.db.get_value("Exit Request", name, "status") == "Applied"


def test_a_guardian_cannot_apply_for_another_familys_child(family):
	p = family
	stranger = make_user("Child Guardian")
	with pytest.raises(frappe.PermissionError, match="只能为自己的孩子"):
		apply_online(stranger, p.child)
	assert not frappe.db.exists("Exit Request", {"child": p.child})
	assert pairing(p).status == "Active"


def test_one_open_request_per_pairing_and_none_without_a_pairing(family):
	p = family
	first = apply_online(p.guardian, p.child)
	with pytest.raises(frappe.ValidationError, match="已有一份未办结"):
		apply_in_desk(p.worker, p.child, signed_application=SIGNED)

	frappe.set_user("Administrator")
	unpaired = make_waiting_child(p.tree.community11)
	with pytest.raises(frappe.ValidationError, match="没有结对"):
		apply_in_desk(p.worker, unpaired, signed_application=SIGNED)
	assert frappe.get_all("Exit Request", filters={"child": ("in", [p.child, unpaired])}, pluck="name") == [
		first
	]


def test_the_street_rejects_with_a_reason_and_the_pairing_goes_on(family, outgoing_email):
	p = family
	name = apply_online(p.guardian, p.child)
	with pytest.raises(frappe.ValidationError, match="原因"):
		act(p.officer, name, "Reject Exit")
	act(p.officer, name, "Reject Exit", verification_notes="经核实，家庭并未迁出")
	doc = frappe.get_doc("Exit Request", name)
	assert (doc.docstatus, doc.decision, doc.verified_by, doc.decided_by) == (1, "Rejected", p.officer, None)
	assert pairing(p).status == "Active"
	assert frappe.db.get_value("Child Profile", p.child, "status") == "Paired"
	assert any("驳回" in s for s in emailed(p.guardian, name))
	# the request is closed: the family may apply again
	assert apply_online(p.guardian, p.child)


def test_each_step_needs_its_notes(family):
	p = family
	name = apply_online(p.guardian, p.child)
	with pytest.raises(frappe.ValidationError, match="调查核实"):
		act(p.officer, name, "Verify Exit")
	verified(p, name)
	with pytest.raises(frappe.ValidationError, match="决定意见"):
		act(p.approver, name, "Approve Exit")
	assert frappe.db.get_value("Exit Request", name, ["status", "docstatus"]) == ("Verified", 0)
	assert pairing(p).status == "Active"


def test_an_officer_of_another_street_cannot_verify(family):
	p = family
	name = apply_online(p.guardian, p.child)
	with pytest.raises(frappe.PermissionError):
		act(p.other_officer, name, "Verify Exit", verification_notes="越权核实")
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Exit Request", name, ["status", "verified_by"]) == ("Applied", None)


def test_forging_the_state_or_the_decision_through_the_rest_api_changes_nothing(family):
	p = family
	name = apply_online(p.guardian, p.child)
	verified(p, name)
	# frappe.client.set_value is what PUT /api/resource/Exit Request/<name> runs
	frappe.set_user(p.approver)
	with pytest.raises(frappe.ValidationError):
		frappe.client.set_value("Exit Request", name, "workflow_state", "Exit Approved")
	frappe.client.set_value("Exit Request", name, "decision", "Approved")
	# a plain Submit, without the workflow action, with a forged decision
	doc = frappe.get_doc("Exit Request", name).as_dict()
	doc.update(decision="Approved", decision_notes="伪造")
	with pytest.raises(frappe.ValidationError):
		frappe.client.submit(doc)
	assert frappe.db.get_value("Exit Request", name, ["status", "decision", "docstatus"]) == (
		"Verified",
		None,
		0,
	)
	assert pairing(p).status == "Active"
	# and who verified is the step's to record, not the form's: a request rewriting it is refused
	frappe.set_user(p.approver)
	with pytest.raises(frappe.PermissionError, match="由程序的步骤记录"):
		frappe.client.set_value("Exit Request", name, "verified_by", p.approver)
	assert frappe.db.get_value("Exit Request", name, "verified_by") == p.officer


def guardian_list():
	"""What the web form's list page asks for."""
	from frappe.www.list import get_list_data

	return get_list_data("Exit Request", web_form_name="exit-request", limit=100)


def test_the_guardian_sees_the_status_of_her_own_requests_and_nothing_else(family):
	p = family
	mine = apply_online(p.guardian, p.child)
	stranger = make_user("Child Guardian")
	frappe.set_user(p.guardian)
	rows = guardian_list()
	assert [(r.name, r.status) for r in rows] == [(mine, "Applied")]
	assert set(rows[0]) == {"name", "child_name", "reason_category", "status", "creation"}
	from kidcare.api import guardian_children

	assert [c["value"] for c in guardian_children()] == [p.child]
	# the request itself (notes, volunteer, staff) and everything else stay in the desk
	for doctype in ("Exit Request", "Child Profile", "Care Pairing", "Care Volunteer", "Monthly Review"):
		with pytest.raises(frappe.PermissionError):
			frappe.get_list(doctype)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("Exit Request", mine).check_permission("read")
	frappe.set_user(stranger)
	assert guardian_list() == []
	assert guardian_children() == []


def test_a_new_request_starts_at_the_beginning_whatever_was_sent(family):
	p = family
	name = apply_in_desk(
		p.worker,
		p.child,
		signed_application=SIGNED,
		status="Verified",
		verification_notes="自己核实",
		pairing=None,
	)
	doc = frappe.get_doc("Exit Request", name)
	assert (doc.status, doc.verification_notes, doc.verified_by, doc.pairing) == (
		"Applied",
		None,
		None,
		p.pairing,
	)
	frappe.db.rollback()
	with pytest.raises(frappe.ValidationError, match="工作流"):
		apply_in_desk(p.officer, p.child, applicant_type="Street Officer", docstatus=1, decision="Rejected")
	assert not frappe.db.exists("Exit Request", {"child": p.child})


def test_a_volunteer_sees_only_requests_about_her_pairings(family):
	p = family
	mine = apply_online(p.guardian, p.child)
	frappe.set_user("Administrator")
	other_child = make_waiting_child(p.tree.community11)
	other_volunteer = make_volunteer(p.tree.community11).name
	make_active_pairing(other_child, other_volunteer)
	other = apply_in_desk(p.worker, other_child, signed_application=SIGNED)
	frappe.set_user(p.volunteer_user)
	assert frappe.get_list("Exit Request", pluck="name") == [mine]
	frappe.set_user(p.officer)
	assert set(frappe.get_list("Exit Request", pluck="name")) == {mine, other}
	frappe.set_user(p.other_officer)
	assert frappe.get_list("Exit Request", pluck="name") == []


@pytest.fixture
def edited_workflow():
	yield
	frappe.db.rollback()
	frappe.clear_document_cache("Workflow", "Exit Request Approval")
	frappe.clear_cache(doctype="Exit Request")


def test_renamed_states_an_extra_step_and_another_verifying_role_keep_the_side_effects(
	family, edited_workflow
):
	"""An administrator, in the desk: renames every state, has the federation review a verified request
	before the district decides, and lets the Community Worker verify instead of the Street Officer."""
	p = family
	frappe.set_user("Administrator")
	renames = {
		"Exit Applied": "待核实",
		"Exit Street Verified": "街道已核实",
		"Exit Approved": "同意退出",
		"Exit Rejected": "不予退出",
	}
	for state in (*renames.values(), "区妇联复核"):
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": state}).insert()
	frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": "提交复核"}).insert()
	wf = frappe.get_doc("Workflow", "Exit Request Approval")
	for row in wf.states:
		row.state = renames[row.state]
	for row in wf.transitions:
		row.state, row.next_state = renames[row.state], renames[row.next_state]
		if row.state == "待核实" and row.allowed == "Street Officer":
			row.allowed = "Community Worker"
		if row.state == "街道已核实" and row.action == "Approve Exit":
			row.state = "区妇联复核"
	wf.append(
		"states",
		{"state": "区妇联复核", "doc_status": "0", "update_field": "", "allow_edit": "District Approver"},
	)
	wf.append(
		"transitions",
		{
			"state": "街道已核实",
			"action": "提交复核",
			"next_state": "区妇联复核",
			"allowed": "KidCare Admin",
			"allow_self_approval": 0,
		},
	)
	wf.save()

	name = apply_online(p.guardian, p.child)
	assert frappe.db.get_value("Exit Request", name, "workflow_state") == "待核实"
	with pytest.raises(frappe.ValidationError):
		verified(p, name)  # the Street Officer no longer verifies
	act(p.worker, name, "Verify Exit", verification_notes="社区儿童主任入户核实，属实")
	act(p.admin, name, "提交复核")
	assert frappe.db.get_value("Exit Request", name, ["workflow_state", "status"]) == (
		"区妇联复核",
		"Verified",
	)
	act(p.approver, name, "Approve Exit", decision_notes="同意")

	doc = frappe.get_doc("Exit Request", name)
	assert (doc.workflow_state, doc.decision, doc.docstatus, doc.verified_by) == (
		"同意退出",
		"Approved",
		1,
		p.worker,
	)
	assert (pairing(p).status, pairing(p).exit_request) == ("Ended", name)
	assert frappe.db.get_value("Child Profile", p.child, "status") == "Exited"
	assert frappe.db.get_value("Care Volunteer", p.volunteer, "active_pairings") == 0
