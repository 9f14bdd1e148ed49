"""The write side of trust (issue #11), tried as each user would try it: through the calls the desk
makes (frappe.client.*, apply_workflow) and over real HTTP (/api/resource, /api/method).

- what the program's steps record (who verified, decided, reported, applied; when; how a pairing ended;
  the match score; the QR check-in) is written only by those steps;
- a workflow state's allow_edit holds on the server, read from the active workflow in the database;
- the street reviewer's comments are the street's, even while the volunteer may edit the review;
- only the check-in endpoint records a QR check-in;
- linking a login to a volunteer or a guardian gives no roles the linking user could not give;
- a save is judged on the stored document, not on the area the request names.

Every refusal is checked to have written nothing (the document reloaded equals the one before).
"""


import frappe
import frappe.client
import pytest
import requests
from factories import (
	PASSWORD,
	commit_area_tree,
	grant_area,
	make_active_pairing,
	make_child,
	make_enrollment,
	make_pairing,
	make_user,
	make_volunteer,
	make_waiting_child,
)
from frappe.model.workflow import apply_workflow, get_workflow
from frappe.utils import add_days, getdate, today

from kidcare import tally, tasks
from kidcare.rules.compliance import month_start

REFUSED = (frappe.PermissionError, frappe.ValidationError)


@pytest.fixture
def paired(staff, tree, zh):
	p = frappe._dict(tree=tree, **staff)
	grant_area(p.officer, tree.street1)
	grant_area(p.other_officer, tree.street2)
	grant_area(p.worker, tree.community11)
	grant_area(p.approver, tree.district)
	p.volunteer_user = make_user("Care Volunteer", language="zh")
	p.volunteer = make_volunteer(tree.community11, user=p.volunteer_user).name
	p.child = make_waiting_child(tree.community11)
	p.pairing = make_active_pairing(p.child, p.volunteer)
	frappe.db.set_value("Care Pairing", p.pairing, "start_date", add_days(today(), -60))
	return p


def step(doctype: str, name: str, field: str, value: str, **changes):
	"""What the desk does, as the session user: edit the form if needed (a save), then click the action
	that leads to a state setting ``field`` to ``value`` (found in the active workflow, whatever the
	administrator named its states and actions)."""
	doc = frappe.get_doc(doctype, name)
	if changes:
		doc.update(changes)
		doc.save()
	workflow = get_workflow(doctype)
	targets = {s.state for s in workflow.states if s.update_field == field and s.update_value == value}
	roles = set(frappe.get_roles())
	state = doc.get(workflow.workflow_state_field)
	action = next(
		t.action
		for t in workflow.transitions
		if t.state == state and t.next_state in targets and t.allowed in roles
	)
	return apply_workflow(doc, action)


def snapshot(doctype: str, name: str) -> dict:
	doc = frappe.get_doc(doctype, name).as_dict()
	return {k: v for k, v in doc.items() if not k.startswith("__")}


def refused(user: str, doctype: str, name: str, call, match: str | None = None):
	"""``call()`` run as ``user`` raises, and the stored document is exactly as before."""
	frappe.set_user("Administrator")
	before = snapshot(doctype, name)
	frappe.set_user(user)
	with pytest.raises(REFUSED, match=match):
		call()
	frappe.set_user("Administrator")
	assert snapshot(doctype, name) == before


def open_review(p) -> str:
	tasks.create_monthly_reviews(month_start(getdate(today())))
	return frappe.db.get_value("Monthly Review", {"pairing": p.pairing}, "name")


def verified_enrollment(p) -> str:
	frappe.set_user(p.worker)
	child = make_child(p.tree.community11).name
	name = make_enrollment(child).name
	step("Child Enrollment", name, "status", "Pending Verification")
	frappe.set_user(p.officer)
	step("Child Enrollment", name, "status", "Verified", verification_notes="入户核实，情况属实")
	frappe.set_user("Administrator")
	return name


def verified_exit(p) -> str:
	frappe.set_user(p.officer)
	name = (
		frappe.get_doc(
			{
				"doctype": "Exit Request",
				"child": p.child,
				"applicant_type": "Street Officer",
				"reason_category": "Moved Away",
				"reason_detail": "随父母迁往外省",
			}
		)
		.insert()
		.name
	)
	# nobody verifies her own request: another officer of the street does
	frappe.set_user("Administrator")
	grant_area(p.other_officer, p.tree.street1)
	frappe.set_user(p.other_officer)
	step("Exit Request", name, "status", "Verified", verification_notes="核实属实")
	frappe.set_user("Administrator")
	return name


# -- 1. recorded fields ----------------------------------------------------------------------------


def test_who_verified_decided_applied_and_reported_cannot_be_rewritten_by_anyone(paired):
	p = paired
	enrollment = verified_enrollment(p)
	assert frappe.db.get_value("Child Enrollment", enrollment, "verified_by") == p.officer
	request = verified_exit(p)
	review = open_review(p)
	frappe.set_user(p.volunteer_user)
	step("Monthly Review", review, "status", "Submitted", volunteer_report="本月家访两次")
	assert frappe.db.get_value("Monthly Review", review, "reported_by") == p.volunteer_user

	for user, doctype, name, values in (
		(p.officer, "Child Enrollment", enrollment, {"verified_by": p.worker}),
		(p.approver, "Child Enrollment", enrollment, {"verified_on": "2020-01-01"}),
		(p.approver, "Child Enrollment", enrollment, {"decided_by": p.approver}),
		(p.officer, "Exit Request", request, {"applied_by": p.volunteer_user}),
		(p.approver, "Exit Request", request, {"verified_by": p.approver}),
		(p.officer, "Monthly Review", review, {"reported_by": p.officer}),
		("Administrator", "Monthly Review", review, {"reported_by": p.officer}),
		(p.admin, "Exit Request", request, {"decided_on": today()}),
	):
		refused(
			user,
			doctype,
			name,
			lambda: frappe.client.set_value(doctype, name, values),
			match="由程序的步骤记录|区域",
		)


def test_a_new_document_starts_without_recorded_fields_whatever_the_request_sends(paired):
	p = paired
	frappe.set_user(p.worker)
	child = make_child(p.tree.community11).name
	doc = frappe.client.insert(
		{
			"doctype": "Child Enrollment",
			"child": child,
			"source": "Needs Survey",
			"verified_by": p.officer,
			"verified_on": today(),
			"decided_by": p.approver,
			"decided_on": today(),
		}
	)
	assert [doc[f] for f in ("verified_by", "verified_on", "decided_by", "decided_on")] == [None] * 4


def test_the_match_score_is_the_servers(paired):
	p = paired
	other_child = make_waiting_child(p.tree.community11)
	volunteer = make_volunteer(p.tree.community11).name
	frappe.set_user(p.officer)
	pairing = make_pairing(other_child, volunteer)
	score, reasons = pairing.match_score, pairing.match_reasons
	frappe.client.set_value("Care Pairing", pairing.name, {"match_score": 99.9, "match_reasons": "伪造"})
	assert frappe.db.get_value("Care Pairing", pairing.name, ["match_score", "match_reasons"]) == (
		score,
		reasons,
	)
	# how a pairing ended is its end's to record
	refused(
		p.officer,
		"Care Pairing",
		pairing.name,
		lambda: frappe.client.set_value("Care Pairing", pairing.name, "end_reason", "伪造"),
	)


def test_the_reporter_cannot_approve_even_after_rewriting_who_reported(paired):
	p = paired
	review = open_review(p)
	frappe.set_user(p.officer)
	step("Monthly Review", review, "status", "Submitted", volunteer_report="志愿者口头汇报，由街道代录")
	refused(p.officer, "Monthly Review", review,
		lambda: frappe.client.set_value("Monthly Review", review, "reported_by", p.volunteer_user))  # fmt: skip
	refused(p.officer, "Monthly Review", review,
		lambda: step("Monthly Review", review, "status", "Reviewed"), match="汇报人不能")  # fmt: skip


# -- 2. workflow allow_edit ------------------------------------------------------------------------


def test_a_volunteer_cannot_rewrite_a_review_under_the_streets_review(paired):
	p = paired
	review = open_review(p)
	frappe.set_user(p.volunteer_user)
	step("Monthly Review", review, "status", "Submitted", volunteer_report="本月家访两次")

	def rewrite():
		doc = frappe.get_doc("Monthly Review", review).as_dict()
		doc.update(volunteer_report="改写后的汇报", problems="改写")
		frappe.client.save(doc)

	refused(p.volunteer_user, "Monthly Review", review, rewrite, match="您的角色无权编辑")
	refused(p.volunteer_user, "Monthly Review", review,
		lambda: frappe.client.set_value("Monthly Review", review, "problems", "改写"))  # fmt: skip
	# the street, which may edit a submitted review, writes its comments and returns it
	frappe.set_user(p.officer)
	step("Monthly Review", review, "status", "Returned", reviewer_comments="请补充活动照片")
	# returned to her, she may edit her report again
	frappe.set_user(p.volunteer_user)
	frappe.client.set_value("Monthly Review", review, "volunteer_report", "补充：附活动照片")
	assert frappe.db.get_value("Monthly Review", review, "volunteer_report") == "补充：附活动照片"


def test_while_she_may_edit_the_review_the_volunteer_cannot_write_the_reviewers_comments(paired):
	p = paired
	review = open_review(p)
	frappe.set_user(p.volunteer_user)
	doc = frappe.get_doc("Monthly Review", review).as_dict()
	doc.update(volunteer_report="本月家访一次", reviewer_comments="已审核，很好")
	frappe.client.save(doc)
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Monthly Review", review, ["volunteer_report", "reviewer_comments"]) == (
		"本月家访一次",
		None,
	)


def test_a_community_worker_cannot_edit_an_enrollment_the_street_is_verifying(paired):
	p = paired
	frappe.set_user(p.worker)
	name = make_enrollment(make_child(p.tree.community11).name).name
	step("Child Enrollment", name, "status", "Pending Verification")
	refused(p.worker, "Child Enrollment", name,
		lambda: frappe.client.set_value("Child Enrollment", name, "source_reference", "改写"))  # fmt: skip


def test_allow_edit_is_read_from_the_active_workflow_in_the_database(paired):
	"""An administrator edits the workflow in the desk: the server follows her edit, not state names."""
	p = paired
	review = open_review(p)
	workflow = frappe.get_doc("Workflow", frappe.db.get_value("Workflow", {"document_type": "Monthly Review", "is_active": 1}))  # fmt: skip
	open_state = frappe.db.get_value("Monthly Review", review, "workflow_state")
	try:
		# she takes the street officer out of the open state's editors
		workflow.states = [
			s for s in workflow.states if not (s.state == open_state and s.allow_edit == "Street Officer")
		]
		workflow.save()
		refused(p.officer, "Monthly Review", review,
			lambda: frappe.client.set_value("Monthly Review", review, "volunteer_report", "街道代写"))  # fmt: skip
		# moving it on without changing it is the transition's (the officer may submit for her) ...
		frappe.set_user(p.volunteer_user)
		frappe.client.set_value("Monthly Review", review, "volunteer_report", "本月家访一次")
		# ... but a save that moves the state and changes the report is refused
		submitted = next(t.next_state for t in workflow.transitions if t.state == open_state and t.allowed == "Street Officer")  # fmt: skip
		refused(p.officer, "Monthly Review", review,
			lambda: frappe.client.set_value("Monthly Review", review, {"workflow_state": submitted, "volunteer_report": "街道改写"}))  # fmt: skip
		# (apply_workflow reloads the document, so what a client sends with an action is dropped)
		frappe.set_user(p.officer)
		doc = frappe.get_doc("Monthly Review", review)
		doc.volunteer_report = "街道改写"
		apply_workflow(doc, next(t.action for t in workflow.transitions if t.state == open_state and t.allowed == "Street Officer"))  # fmt: skip
		frappe.set_user("Administrator")
		assert frappe.db.get_value("Monthly Review", review, ["status", "volunteer_report"]) == (
			"Submitted",
			"本月家访一次",
		)
	finally:
		frappe.db.rollback()
		frappe.clear_document_cache("Workflow", workflow.name)


# -- 3. QR check-in --------------------------------------------------------------------------------


def test_a_hand_typed_contact_is_manual_whatever_it_claims(paired):
	p = paired
	frappe.set_user(p.volunteer_user)
	contact = frappe.client.insert(
		{
			"doctype": "Care Contact",
			"pairing": p.pairing,
			"contact_date": today(),
			"contact_type": "Home Visit",
			"duration_minutes": 60,
			"summary": "手填的家访",
			"check_in_method": "QR",
			"check_in_time": f"{today()} 09:00:00",
			"check_in_latitude": 30.1,
			"check_in_longitude": 120.1,
			"flags": {"kidcare_program": 1, "ignore_permissions": 1},
		}
	)
	frappe.set_user("Administrator")
	assert frappe.db.get_value(
		"Care Contact",
		contact["name"],
		["check_in_method", "check_in_time", "check_in_latitude", "check_in_longitude"],
	) == ("Manual", None, 0, 0)
	# and turning it into a QR check-in afterwards is refused
	refused(p.volunteer_user, "Care Contact", contact["name"],
		lambda: frappe.client.set_value("Care Contact", contact["name"], {"check_in_method": "QR", "check_in_time": f"{today()} 09:00:00"}),  # fmt: skip
		match="由程序的步骤记录")  # fmt: skip


def test_an_honest_qr_check_in_keeps_its_time_place_and_day(paired):
	from kidcare import checkin

	p = paired
	token = frappe.db.get_value("Child Profile", p.child, "checkin_token")
	frappe.set_user(p.volunteer_user)
	name = checkin.check_in(token, "Home Visit", 45, "扫码家访", latitude=30.2011, longitude=120.2022)
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Care Contact", name, ["check_in_method", "check_in_latitude"]) == (
		"QR",
		30.2011,
	)
	# she may correct the summary; not the place, the time or the day the code was scanned
	frappe.set_user(p.volunteer_user)
	frappe.client.set_value("Care Contact", name, "summary", "扫码家访：一起读绘本")
	for values in (
		{"check_in_latitude": 31.0},
		{"check_in_time": f"{add_days(today(), -3)} 10:00:00"},
		{"check_in_method": "Manual"},
		{"contact_date": add_days(today(), -1)},
	):
		refused(p.volunteer_user, "Care Contact", name,
			lambda values=values: frappe.client.set_value("Care Contact", name, values))  # fmt: skip


def test_a_contact_stays_with_its_pairing(paired):
	p = paired
	other = make_active_pairing(make_waiting_child(p.tree.community11), make_volunteer(p.tree.community11, user=None).name)  # fmt: skip
	frappe.set_user(p.worker)
	name = frappe.get_doc({"doctype": "Care Contact", "pairing": p.pairing, "contact_date": today(),
		"contact_type": "Home Visit", "duration_minutes": 30, "summary": "走访"}).insert().name  # fmt: skip
	refused(p.worker, "Care Contact", name,
		lambda: frappe.client.set_value("Care Contact", name, "pairing", other))  # fmt: skip


# -- 4. linking logins -----------------------------------------------------------------------------


def plain_website_user() -> str:
	return make_user(language="zh")


def customer_role() -> str:
	"""ERPNext's Customer role (the site may not have ERPNext: the role is what matters)."""
	if not frappe.db.exists("Role", "Customer"):
		frappe.get_doc({"doctype": "Role", "role_name": "Customer", "desk_access": 0}).insert(
			ignore_permissions=True
		)
	return "Customer"


def test_an_officer_cannot_link_an_existing_login(paired):
	p = paired
	existing = plain_website_user()
	volunteer = make_volunteer(p.tree.community11).name
	refused(p.officer, "Care Volunteer", volunteer,
		lambda: frappe.client.set_value("Care Volunteer", volunteer, "user", existing),
		match="只有结对帮扶管理员可以关联已有账号")  # fmt: skip
	refused(p.officer, "Child Profile", p.child,
		lambda: frappe.client.set_value("Child Profile", p.child, "guardian_user", existing))  # fmt: skip
	frappe.set_user(p.officer)
	with pytest.raises(frappe.PermissionError):
		make_volunteer(p.tree.community11, user=existing)
	frappe.set_user("Administrator")
	assert "Care Volunteer" not in frappe.get_roles(existing)


def test_an_officer_creates_a_new_login_for_a_volunteer_and_a_guardian(paired):
	from kidcare.logins import create_login

	p = paired
	volunteer = make_volunteer(p.tree.community11).name
	frappe.set_user(p.officer)
	email = f"new-{frappe.generate_hash(length=8)}@kidcare.test"
	made = create_login("Care Volunteer", volunteer, email)
	frappe.set_user("Administrator")
	assert made["user"] == email and frappe.db.get_value("Care Volunteer", volunteer, "user") == email
	assert set(frappe.get_roles(email)) - {"Guest", "All", "Desk User"} == {"Care Volunteer"}

	frappe.set_user(p.officer)
	guardian = f"guardian-{frappe.generate_hash(length=8)}@kidcare.test"
	create_login("Child Profile", p.child, guardian)
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Child Profile", p.child, "guardian_user") == guardian
	assert set(frappe.get_roles(guardian)) - {"Guest", "All"} == {"Child Guardian"}
	assert frappe.db.get_value("User", guardian, "user_type") == "Website User"

	# an e-mail that already has an account is not taken over; another street's volunteer is not hers
	other = make_volunteer(p.tree.community11).name
	refused(p.officer, "Care Volunteer", other, lambda: create_login("Care Volunteer", other, p.approver),
		match="已存在")  # fmt: skip
	far = make_volunteer(p.tree.community21).name
	refused(p.officer, "Care Volunteer", far,
		lambda: create_login("Care Volunteer", far, f"far-{frappe.generate_hash(length=8)}@kidcare.test"))  # fmt: skip


def test_an_admin_links_an_existing_plain_website_user(paired):
	p = paired
	existing = plain_website_user()
	volunteer = make_volunteer(p.tree.community11).name
	frappe.set_user(p.admin)
	frappe.client.set_value("Care Volunteer", volunteer, "user", existing)
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Care Volunteer", volunteer, "user") == existing
	assert "Care Volunteer" in frappe.get_roles(existing)
	# one login, one volunteer
	second = make_volunteer(p.tree.community11).name
	refused(p.admin, "Care Volunteer", second,
		lambda: frappe.client.set_value("Care Volunteer", second, "user", existing), match="另一名志愿者")  # fmt: skip


@pytest.mark.parametrize("kind", ["System Manager", "erpnext"])
def test_a_login_with_other_roles_is_linked_by_nobody(paired, kind):
	p = paired
	user = make_user("System Manager") if kind == "System Manager" else make_user(customer_role())
	volunteer = make_volunteer(p.tree.community11).name
	for linker in (p.admin, "Administrator", p.officer):
		refused(linker, "Care Volunteer", volunteer,
			lambda: frappe.client.set_value("Care Volunteer", volunteer, "user", user))  # fmt: skip
		refused(linker, "Child Profile", p.child,
			lambda: frappe.client.set_value("Child Profile", p.child, "guardian_user", user))  # fmt: skip
	frappe.set_user("Administrator")
	assert not {"Care Volunteer", "Child Guardian"} & set(frappe.get_roles(user))


# -- 5. a save is judged on the stored document ----------------------------------------------------


def test_a_worker_cannot_pull_a_child_of_another_community_into_hers(paired):
	p = paired
	far = make_child(p.tree.community21).name
	refused(p.worker, "Child Profile", far,
		lambda: frappe.client.set_value("Child Profile", far, {"care_area": p.tree.community11, "notes": "改写"}))  # fmt: skip
	frappe.set_user(p.worker)
	frappe.client.set_value("Child Profile", make_child(p.tree.community11).name, "notes", "本社区儿童")


# -- over real HTTP --------------------------------------------------------------------------------


def login(url, user):
	session = requests.Session()
	response = session.post(f"{url}/api/method/login", data={"usr": user, "pwd": PASSWORD}, timeout=30)
	assert response.ok, response.text
	return session


@pytest.mark.http
def test_over_http(web_server, committed, staff):
	"""The same promises through /api/resource and /api/method, as the desk and an attacker send them."""
	tree = commit_area_tree(committed)
	volunteer_user = make_user("Care Volunteer", language="zh")
	existing = make_user(language="zh")
	committed.insert(0, ("User", volunteer_user))
	committed.insert(0, ("User", existing))
	for user, area in ((staff.officer, tree.street1), (staff.worker, tree.community11)):
		committed.append(("User Permission", grant_area(user, area)))
	volunteer = make_volunteer(tree.community11, user=volunteer_user).name
	spare = make_volunteer(tree.community11).name
	child = make_waiting_child(tree.community11)
	pairing = make_active_pairing(child, volunteer)
	frappe.db.set_value("Care Pairing", pairing, "start_date", add_days(today(), -60))
	tasks.create_monthly_reviews(month_start(getdate(today())))
	review = frappe.db.get_value("Monthly Review", {"pairing": pairing}, "name")
	committed.extend([("Care Volunteer", volunteer), ("Care Volunteer", spare), ("Child Profile", child)])
	frappe.db.commit()
	token = frappe.db.get_value("Child Profile", child, "checkin_token")
	new_login = f"http-new-{frappe.generate_hash(length=8)}@kidcare.test"
	api = f"{web_server}/api/resource"
	try:
		she = login(web_server, volunteer_user)
		officer = login(web_server, staff.officer)

		# the street's comments are not hers to write, even while the review is hers to edit
		sent = she.put(f"{api}/Monthly Review/{review}",
			json={"volunteer_report": "本月家访两次", "reviewer_comments": "自己写的审核意见"}, timeout=30)  # fmt: skip
		assert sent.ok, sent.text
		frappe.db.rollback()
		assert frappe.db.get_value("Monthly Review", review, ["volunteer_report", "reviewer_comments"]) == (
			"本月家访两次",
			None,
		)
		# she submits it; under the street's review she can no longer rewrite it
		doc = she.get(f"{api}/Monthly Review/{review}", timeout=30).json()["data"]
		action = she.post(f"{web_server}/api/method/frappe.model.workflow.apply_workflow",
			json={"doc": doc, "action": next(t.action for t in get_workflow("Monthly Review").transitions
				if t.state == doc["workflow_state"] and t.allowed == "Care Volunteer")}, timeout=30)  # fmt: skip
		assert action.ok, action.text
		# (the comments she sends are dropped: they sit at a level only the street writes)
		she.put(f"{api}/Monthly Review/{review}", json={"reviewer_comments": "伪造意见"}, timeout=30)
		frappe.db.rollback()
		before = snapshot("Monthly Review", review)
		assert (before["reported_by"], before["reviewer_comments"]) == (volunteer_user, None)
		assert she.put(f"{api}/Monthly Review/{review}", json={"volunteer_report": "改写"},
			timeout=30).status_code == 403  # fmt: skip
		# the officer cannot make someone else the reporter of a report she then approves
		assert officer.put(f"{api}/Monthly Review/{review}", json={"reported_by": staff.officer},
			timeout=30).status_code == 403  # fmt: skip
		frappe.db.rollback()
		assert snapshot("Monthly Review", review) == before

		# a hand-typed "QR" check-in, flags and all, is a Manual contact
		forged = she.post(f"{api}/Care Contact", json={"pairing": pairing, "contact_date": today(),
			"contact_type": "Home Visit", "duration_minutes": 30, "summary": "手填",
			"check_in_method": "QR", "check_in_time": f"{today()} 08:00:00", "check_in_latitude": 30.5,
			"check_in_longitude": 120.5, "flags": {"kidcare_program": 1}}, timeout=30)  # fmt: skip
		assert forged.ok, forged.text
		manual = forged.json()["data"]["name"]
		committed.append(("Care Contact", manual))
		frappe.db.rollback()
		assert frappe.db.get_value("Care Contact", manual, ["check_in_method", "check_in_time"]) == (
			"Manual",
			None,
		)
		assert she.put(f"{api}/Care Contact/{manual}", json={"check_in_method": "QR"},
			timeout=30).status_code == 403  # fmt: skip
		# the honest one: the check-in endpoint, from the child's token
		honest = she.post(f"{web_server}/api/method/kidcare.checkin.check_in", data={"token": token,
			"contact_type": "Home Visit", "duration_minutes": 40, "summary": "扫码家访",
			"latitude": 30.2, "longitude": 120.2}, timeout=30)  # fmt: skip
		assert honest.ok, honest.text
		qr = honest.json()["message"]
		committed.append(("Care Contact", qr))
		frappe.db.rollback()
		assert frappe.db.get_value("Care Contact", qr, ["check_in_method", "check_in_latitude"]) == ("QR", 30.2)
		assert frappe.db.get_value("Care Contact", qr, "check_in_time")
		assert she.put(f"{api}/Care Contact/{qr}", json={"check_in_latitude": 10.0},
			timeout=30).status_code == 403  # fmt: skip

		# linking: the officer may not link an existing login, only create a new one
		linked = officer.put(f"{api}/Care Volunteer/{spare}", json={"user": existing}, timeout=30)
		assert linked.status_code == 403 and "只有结对帮扶管理员" in linked.json()["exception"]
		made = officer.post(f"{web_server}/api/method/kidcare.logins.create_login",
			data={"doctype": "Care Volunteer", "name": spare, "email": new_login}, timeout=30)  # fmt: skip
		assert made.ok, made.text
		frappe.db.rollback()
		assert frappe.db.get_value("Care Volunteer", spare, "user") == new_login
		assert "Care Volunteer" not in frappe.get_roles(existing)
		again = officer.post(f"{web_server}/api/method/kidcare.logins.create_login",
			data={"doctype": "Care Volunteer", "name": volunteer, "email": existing}, timeout=30)  # fmt: skip
		assert not again.ok
	finally:
		frappe.db.rollback()
		frappe.db.delete("Monthly Review", {"pairing": pairing})
		frappe.db.delete("Care Contact", {"pairing": pairing})
		frappe.db.delete("Care Pairing", {"name": pairing})
		tally.refresh([pairing])  # a raw delete: its tally rows and the areas' counts follow
		frappe.db.set_value("Care Volunteer", spare, "user", None)
		if frappe.db.exists("User", new_login):
			frappe.delete_doc("User", new_login, force=True, ignore_permissions=True)
		frappe.db.commit()
