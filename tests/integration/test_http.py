"""Through a real HTTP request to a running site: the REST API and the desk page a zh user opens."""

import json
import re

import frappe
import pytest
import requests
from factories import PASSWORD, commit_area_tree, grant_area, make_user

from kidcare import tally

pytestmark = pytest.mark.http


@pytest.fixture
def street_officer(committed):
	tree = commit_area_tree(committed)
	officer = make_user("Street Officer", language="zh")
	committed.insert(0, ("User", officer))
	committed.append(("User Permission", grant_area(officer, tree.street1)))
	frappe.db.commit()
	return frappe._dict(tree=tree, user=officer)


def login(url, user):
	session = requests.Session()
	response = session.post(f"{url}/api/method/login", data={"usr": user, "pwd": PASSWORD}, timeout=30)
	assert response.ok, response.text
	return session


def test_rest_api_scopes_a_street_officer_to_their_street(web_server, street_officer):
	tree = street_officer.tree
	session = login(web_server, street_officer.user)

	listed = session.get(
		f"{web_server}/api/resource/Care Area", params={"limit_page_length": 0}, timeout=30
	).json()["data"]
	assert {row["name"] for row in listed} == {tree.street1, tree.community11, tree.community12}

	assert session.get(f"{web_server}/api/resource/Care Area/{tree.community11}", timeout=30).ok
	for outside in (tree.street2, tree.community21, tree.district):
		response = session.get(f"{web_server}/api/resource/Care Area/{outside}", timeout=30)
		assert response.status_code == 403, (outside, response.status_code)

	found = session.get(
		f"{web_server}/api/method/frappe.desk.search.search_link",
		params={"doctype": "Care Area", "txt": "", "page_length": 100},
		timeout=30,
	).json()["message"]
	assert {r["value"] for r in found} == {tree.street1, tree.community11, tree.community12}


def test_a_zh_user_sees_the_care_area_form_in_chinese(web_server, street_officer):
	session = login(web_server, street_officer.user)
	page = session.get(f"{web_server}/app/care-area/{street_officer.tree.community11}", timeout=60)
	assert page.ok
	# exactly what the desk does: frappe.boot = JSON.parse("..."); frappe._messages = boot.__messages
	boot = json.loads(json.loads(re.search(r"frappe\.boot = JSON\.parse\((\".*?\")\);", page.text).group(1)))
	assert boot["lang"] == "zh"
	messages = boot["__messages"]

	def __(text, context=None):  # frappe._ in translate.js
		return (context and messages.get(f"{text}:{context}")) or messages.get(text) or text

	meta = session.get(
		f"{web_server}/api/method/frappe.desk.form.load.getdoctype",
		params={"doctype": "Care Area"},
		timeout=30,
	).json()["docs"][0]
	labels = {f["label"]: __(f["label"], "Care Area") for f in meta["fields"] if f.get("label")}
	assert labels["Care Area Name"] == "区域名称"
	assert labels["Parent Care Area"] == "上级区域"
	assert all(zh != en for en, zh in labels.items()), labels
	options = next(f for f in meta["fields"] if f["fieldname"] == "area_type")["options"].split("\n")
	assert [__(o, "Care Area") for o in options] == ["省", "市", "区", "街道（镇）", "社区（村）"]
	assert __("Care Area") == "关爱区域"


def test_forging_an_enrollments_state_over_rest_is_refused_and_changes_nothing(web_server, committed, staff):
	from factories import make_child, make_enrollment
	from frappe.model.workflow import apply_workflow

	tree = commit_area_tree(committed)
	for user, area in (
		(staff.officer, tree.street1),
		(staff.worker, tree.community11),
		(staff.other_officer, tree.street2),
	):
		committed.append(("User Permission", grant_area(user, area)))
	frappe.set_user(staff.worker)
	child = make_child(tree.community11)
	enrollment = make_enrollment(child.name)
	apply_workflow(enrollment, "Submit Enrollment")
	frappe.set_user("Administrator")
	committed.extend([("Child Profile", child.name), ("Child Enrollment", enrollment.name)])
	frappe.db.commit()
	url = f"{web_server}/api/resource/Child Enrollment/{enrollment.name}"

	officer = login(web_server, staff.officer)
	forged = officer.put(url, json={"workflow_state": "Enrollment Approved", "status": "Approved"}, timeout=30)
	assert forged.status_code >= 400, forged.text
	sneaky = officer.put(url, json={"status": "Approved"}, timeout=30)
	assert sneaky.ok and sneaky.json()["data"]["status"] == "Pending Verification"

	stranger = login(web_server, staff.other_officer)
	response = stranger.post(
		f"{web_server}/api/method/frappe.model.workflow.apply_workflow",
		json={"doc": {"doctype": "Child Enrollment", "name": enrollment.name}, "action": "Verify Enrollment"},
		timeout=30,
	)
	assert response.status_code == 403, response.text

	frappe.db.rollback()
	assert frappe.db.get_value(
		"Child Enrollment", enrollment.name, ["workflow_state", "status", "docstatus"]
	) == (
		"Enrollment Pending Verification",
		"Pending Verification",
		0,
	)
	assert frappe.db.get_value("Child Profile", child.name, "status") == "Registered"


def test_the_check_in_page_serves_the_volunteer_and_nobody_else(web_server, committed, staff):
	from factories import make_active_pairing, make_volunteer, make_waiting_child

	tree = commit_area_tree(committed)
	volunteer_user = make_user(language="zh")
	stranger = make_user(language="zh")
	committed.insert(0, ("User", volunteer_user))
	committed.insert(0, ("User", stranger))
	volunteer = make_volunteer(tree.community11, user=volunteer_user).name
	child = make_waiting_child(tree.community11, full_name="扫码测试儿童", alias="小扫")
	pairing = make_active_pairing(child, volunteer)
	committed.extend([("Care Volunteer", volunteer), ("Child Profile", child)])
	frappe.db.commit()
	token = frappe.db.get_value("Child Profile", child, "checkin_token")
	try:
		# the volunteer's code opens her app with the child chosen (tests/integration/test_volunteer_app.py)
		page = login(web_server, volunteer_user).get(
			f"{web_server}/kidcare_checkin", params={"token": token}, timeout=30, allow_redirects=False
		)
		assert page.status_code in (301, 302) and page.headers["Location"].endswith(f"/kidcare/checkin?token={token}")

		# (a forged code in her app: test_volunteer_app.py)
		for user, params in ((stranger, {"token": token}), (stranger, {"token": "forged"})):
			page = login(web_server, user).get(f"{web_server}/kidcare_checkin", params=params, timeout=30)
			assert "小扫" not in page.text and "kc-checkin-form" not in page.text
			assert "二维码无效或已作废" in page.text or "不能为这名儿童签到" in page.text

		anonymous = requests.get(
			f"{web_server}/kidcare_checkin", params={"token": token}, timeout=30, allow_redirects=False
		)
		assert anonymous.status_code in (301, 302) and "/login" in anonymous.headers["Location"]
	finally:
		frappe.db.rollback()
		frappe.db.delete("Care Pairing", {"name": pairing})
		tally.refresh([pairing])  # a raw delete: its tally rows and the areas' counts follow
		frappe.db.commit()


def test_a_guardian_applies_through_the_web_form_and_sees_only_her_own_request(web_server, committed, staff):
	from factories import make_active_pairing, make_volunteer, make_waiting_child

	tree = commit_area_tree(committed)
	guardian = make_user("Child Guardian", language="zh")
	stranger = make_user("Child Guardian", language="zh")
	committed.insert(0, ("User", guardian))
	committed.insert(0, ("User", stranger))
	volunteer = make_volunteer(tree.community11).name
	child = make_waiting_child(tree.community11, guardian_user=guardian)
	pairing = make_active_pairing(child, volunteer)
	committed.extend([("Care Volunteer", volunteer), ("Child Profile", child)])
	frappe.db.commit()
	accept = f"{web_server}/api/method/frappe.website.doctype.web_form.web_form.accept"
	data = {
		"doctype": "Exit Request",
		"child": child,
		"reason_category": "Moved Away",
		"reason_detail": "举家迁往外省",
	}
	try:
		page = login(web_server, guardian).get(f"{web_server}/exit-request/new", timeout=60)
		assert page.ok and "申请退出结对帮扶" in page.text

		# another family's guardian is refused, in Chinese, and nothing is written
		refused = login(web_server, stranger).post(
			accept, data={"web_form": "exit-request", "data": json.dumps(data)}, timeout=30
		)
		assert refused.status_code == 403 and "只能为自己的孩子" in refused.json()["exception"]
		assert not frappe.db.exists("Exit Request", {"child": child})

		session = login(web_server, guardian)
		assert session.get(f"{web_server}/api/method/kidcare.api.guardian_children", timeout=30).json()[
			"message"
		] == [{"value": child, "label": frappe.db.get_value("Child Profile", child, "full_name")}]
		sent = session.post(accept, data={"web_form": "exit-request", "data": json.dumps(data)}, timeout=30)
		assert sent.ok, sent.text
		name = sent.json()["message"]["name"]
		frappe.db.rollback()
		assert frappe.db.get_value("Exit Request", name, ["status", "applied_by", "pairing"]) == (
			"Applied",
			guardian,
			pairing,
		)

		listed = f"{web_server}/api/method/frappe.www.list.get_list_data"
		params = {"doctype": "Exit Request", "web_form_name": "exit-request"}
		mine = session.get(listed, params=params, timeout=30).json()["message"]
		assert [(r["name"], r["status"]) for r in mine] == [(name, "Applied")]
		# she follows its status; the request itself, moving it and the child's profile are not hers
		for path in (f"Exit Request/{name}", "Exit Request", f"Child Profile/{child}"):
			assert session.get(f"{web_server}/api/resource/{path}", timeout=30).status_code == 403, path
		forged = session.put(
			f"{web_server}/api/resource/Exit Request/{name}", json={"workflow_state": "Exit Approved"}, timeout=30
		)
		assert forged.status_code == 403
		other = login(web_server, stranger)
		assert other.get(listed, params=params, timeout=30).json()["message"] == []
		frappe.db.rollback()
		assert frappe.db.get_value("Exit Request", name, ["workflow_state", "docstatus"]) == ("Exit Applied", 0)
	finally:
		frappe.db.rollback()
		frappe.db.delete(
			"Notification Log",
			{
				"document_type": "Exit Request",
				"document_name": (
					"in",
					frappe.get_all("Exit Request", {"child": child}, pluck="name") or [""],
				),
			},
		)
		frappe.db.delete("Exit Request", {"child": child})
		frappe.db.delete("Care Pairing", {"name": pairing})
		tally.refresh([pairing])  # a raw delete: its tally rows and the areas' counts follow
		frappe.db.commit()
