"""The volunteers' phone app's API (kidcare/volunteer_app/): what she sees, and every action through the
documents' own controllers, workflows and permission rules, as she would act from her phone."""

import json

import frappe
import pytest
import requests
from factories import (
	PASSWORD,
	commit_area_tree,
	grant_area,
	make_active_pairing,
	make_user,
	make_volunteer,
	make_waiting_child,
)
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, today

from kidcare import tally
from kidcare.volunteer_app import contacts, exits, home, reviews

CLIENT_ID = "0f8c2a1e-5d4b-4c3a-9e7f-1a2b3c4d5e6f"
#: a 1x1 PNG
PNG = (
	"89504e470d0a1a0a0000000d4948445200000001000000010806000000"
	"1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
def app(staff, tree, zh):
	a = frappe._dict(tree=tree, **staff)
	grant_area(a.officer, tree.street1)
	a.user = make_user(language="zh")
	a.volunteer = make_volunteer(tree.community11, user=a.user).name
	a.child = make_waiting_child(
		tree.community11,
		full_name="王小花",
		alias="小花",
		needs=[{"care_need": "学业辅导", "priority": "High"}],
	)
	a.pairing = make_active_pairing(a.child, a.volunteer)
	frappe.db.set_value("Care Pairing", a.pairing, "start_date", add_days(today(), -60))
	a.other_user = make_user(language="zh")
	make_volunteer(tree.community12, user=a.other_user)
	return a


def log(a, user=None, **values):
	frappe.set_user(user or a.user)
	args = dict(client_id=CLIENT_ID, pairing=a.pairing, contact_date=today(), contact_type="Home Visit",
		duration_minutes=60, summary="陪孩子读绘本", need_areas=["学业辅导"])  # fmt: skip
	args.update(values)
	return contacts.log_contact(**args)


def test_her_home_shows_her_child_this_month_this_year_and_never_the_sensitive_fields(app):
	log(app)
	frappe.set_user("Administrator")
	frappe.get_doc({"doctype": "Review Meeting", "meeting_type": "Street Monthly", "care_area": app.tree.street1,
		"meeting_date": add_days(today(), 5), "venue": "街道党群服务中心", "problems_raised": "会议记录不给志愿者看"}).insert()  # fmt: skip
	frappe.get_doc({"doctype": "Review Meeting", "meeting_type": "Street Monthly", "care_area": app.tree.street2,
		"meeting_date": add_days(today(), 5), "venue": "另一个街道"}).insert()  # fmt: skip
	frappe.get_doc({"doctype": "Notification Log", "for_user": app.user, "type": "Alert",
		"subject": "本月还没有联系小花"}).insert(ignore_permissions=True)  # fmt: skip
	frappe.set_user(app.user)
	data = home.get_home()
	(child,) = data["children"]
	assert child["name"] == "小花" and child["pairing"] == app.pairing and child["age"] > 0
	assert child["needs"][0]["need"] == "学业辅导" and child["community"].startswith("测试社区11")
	assert child["month"]["contacts"] == 1 and child["month"]["minutes"] == 60 and child["month"]["met"]
	assert child["year"]["home_visits"] == 1 and child["year"]["hours"] == 1.0
	assert [m["venue"] for m in data["meetings"]] == ["街道党群服务中心"]
	assert "本月还没有联系小花" in [r["subject"] for r in data["reminders"]]
	text = json.dumps(data, ensure_ascii=False, default=str)
	for secret in ("王小花", "13800000000", "测试路 1 号", "测试监护人", "会议记录不给志愿者看"):
		assert secret not in text
	assert frappe.db.get_value("Child Profile", app.child, "id_number") not in text

	frappe.set_user(app.other_user)
	assert home.get_home()["children"] == []
	frappe.set_user(app.officer)
	with pytest.raises(frappe.PermissionError, match="您的登录没有关联志愿者"):
		home.get_home()


def test_a_contact_sent_twice_is_recorded_once(app):
	first = log(app)
	again = log(app, summary="第二次点击")
	assert first == {"name": first["name"], "duplicate": False}
	assert again == {"name": first["name"], "duplicate": True}
	frappe.set_user("Administrator")
	assert frappe.db.count("Care Contact", {"pairing": app.pairing}) == 1
	contact = frappe.get_doc("Care Contact", first["name"])
	assert (contact.owner, contact.check_in_method, contact.client_id) == (app.user, "Manual", CLIENT_ID)
	# another volunteer cannot fish for it by its id
	frappe.set_user(app.other_user)
	with pytest.raises(frappe.PermissionError):
		log(app, user=app.other_user)


def test_the_apps_id_of_a_contact_is_kept_as_sent(app):
	made = log(app)
	contact = frappe.get_doc("Care Contact", made["name"])
	contact.client_id = "another-id-0000"
	contact.summary = "改了内容"
	contact.save()
	assert frappe.db.get_value("Care Contact", made["name"], ["client_id", "summary"]) == (
		CLIENT_ID,
		"改了内容",
	)


def test_the_patch_moves_volunteer_only_logins_off_the_desk(app):
	from kidcare.patches.v0_6 import volunteers_leave_desk

	frappe.set_user("Administrator")
	both = make_user("Street Officer", "Care Volunteer", language="zh")
	frappe.db.set_value("Role", "Care Volunteer", "desk_access", 1)  # as before the patch
	for user in (app.user, both):
		frappe.db.set_value("User", user, "user_type", "System User")
	volunteers_leave_desk.execute()
	assert frappe.db.get_value("Role", "Care Volunteer", "desk_access") == 0
	assert frappe.db.get_value("User", app.user, "user_type") == "Website User"
	assert frappe.db.get_value("User", both, "user_type") == "System User"  # her staff role keeps the desk


@pytest.mark.parametrize(
	"who, values, message",
	[
		("other", {}, "这名儿童没有与您结对"),
		("her", {"contact_date": "2099-01-01"}, "不能晚于今天"),
		("her", {"duration_minutes": -10}, "不能为负数"),
		("her", {"duration_minutes": 6000}, "一次联系最长一天"),
		("her", {"client_id": "x"}, "联系记录编号无效"),
		("her", {"token": "forged-token-123"}, "二维码无效或已作废"),
	],
)
def test_bad_input_is_refused_in_chinese_and_writes_nothing(app, who, values, message):
	before = frappe.db.count("Care Contact")
	with pytest.raises((frappe.ValidationError, frappe.PermissionError), match=message):
		log(app, user=app.other_user if who == "other" else app.user, **values)
	frappe.set_user("Administrator")
	assert frappe.db.count("Care Contact") == before


def test_a_contact_kept_offline_for_a_pairing_that_has_since_ended_is_refused(app):
	frappe.db.set_value("Care Pairing", app.pairing, {"status": "Ended", "end_date": today()})
	with pytest.raises(frappe.ValidationError, match=r"结对已于.*结束.*未登记"):
		log(app)
	frappe.set_user("Administrator")
	assert not frappe.db.exists("Care Contact", {"client_id": CLIENT_ID})


def test_the_childs_qr_code_opens_her_app_and_records_a_qr_check_in(app):
	token = frappe.db.get_value("Child Profile", app.child, "checkin_token")
	frappe.set_user(app.user)
	assert contacts.scan(token) == {"pairing": app.pairing, "name": "小花"}
	made = log(app, token=token, latitude=30.19, longitude=120.2, contact_date="2020-01-01")
	frappe.set_user("Administrator")
	contact = frappe.get_doc("Care Contact", made["name"])
	assert (contact.check_in_method, str(contact.contact_date), contact.check_in_latitude) == (
		"QR",
		today(),
		30.19,
	)
	assert contact.check_in_time
	frappe.set_user(app.other_user)
	with pytest.raises(frappe.PermissionError, match="不能为这名儿童签到"):
		contacts.scan(token)


def test_she_submits_her_monthly_report_and_resubmits_it_after_the_street_returns_it(app):
	from kidcare import tasks

	tasks.create_monthly_reviews(period=today())
	review = frappe.db.get_value("Monthly Review", {"pairing": app.pairing}, "name")
	frappe.set_user(app.user)
	(listed,) = home.get_home()["reviews"]
	assert listed["name"] == review and listed["can_submit"]
	with pytest.raises(frappe.ValidationError, match="提交前请填写志愿者的汇报"):
		reviews.submit_review(review, "  ")
	assert reviews.submit_review(review, "本月家访两次，孩子进步明显")["status"] == "Submitted"
	assert not home.get_home()["reviews"][0]["can_submit"]
	with pytest.raises(frappe.ValidationError):
		reviews.submit_review(review, "再提交一次")

	frappe.set_user(app.officer)
	doc = frappe.get_doc("Monthly Review", review)
	doc.reviewer_comments = "请补充孩子的学习情况"
	doc.save()
	returned = next(t.action for t in frappe.model.workflow.get_transitions(doc) if "Return" in t.action)
	apply_workflow(doc, returned)

	frappe.set_user(app.user)
	(listed,) = home.get_home()["reviews"]
	assert listed["status"] == "Returned" and listed["reviewer_comments"] == "请补充孩子的学习情况"
	assert reviews.submit_review(review, "补充：数学成绩提高了")["status"] == "Submitted"
	frappe.set_user(app.other_user)
	with pytest.raises(frappe.PermissionError):
		reviews.submit_review(review, "别人的汇报")


def test_she_asks_to_withdraw_through_the_exit_workflow(app):
	frappe.set_user(app.user)
	made = exits.request_withdrawal(app.pairing, "工作调动到外地")
	frappe.set_user("Administrator")
	request = frappe.get_doc("Exit Request", made["name"])
	assert (request.applicant_type, request.status, request.pairing, request.applied_by) == (
		"Volunteer", "Applied", app.pairing, app.user)  # fmt: skip
	assert request.workflow_state and request.docstatus == 0
	frappe.set_user(app.other_user)
	with pytest.raises(frappe.PermissionError, match="这名儿童没有与您结对"):
		exits.request_withdrawal(app.pairing, "不是我的")


@pytest.mark.http
def test_over_http_she_lands_in_her_app_never_the_desk_and_a_retry_records_once(web_server, committed, staff):
	tree = commit_area_tree(committed)
	user = make_user(language="zh")
	committed.insert(0, ("User", user))
	volunteer = make_volunteer(tree.community11, user=user).name
	child = make_waiting_child(tree.community11, alias="小林")
	pairing = make_active_pairing(child, volunteer)
	committed.extend([("Care Volunteer", volunteer), ("Child Profile", child)])
	frappe.db.commit()
	assert frappe.db.get_value("User", user, "user_type") == "Website User"
	try:
		session = requests.Session()
		login = session.post(
			f"{web_server}/api/method/login", data={"usr": user, "pwd": PASSWORD}, timeout=30
		)
		assert login.ok and login.json()["home_page"] == "/kidcare"
		assert session.get(f"{web_server}/app", timeout=30).status_code == 403
		id_number = frappe.db.get_value("Child Profile", child, "id_number")
		assert (
			id_number not in session.get(f"{web_server}/api/resource/Child Profile/{child}", timeout=30).text
		)
		args = dict(client_id=CLIENT_ID, pairing=pairing, contact_date=today(), contact_type="Phone or Video",
			duration_minutes=20, summary="视频通话")  # fmt: skip
		url = f"{web_server}/api/method/kidcare.volunteer_app.contacts.log_contact"
		answers = [session.post(url, json=args, timeout=30) for _ in range(2)]
		assert [a.status_code for a in answers] == [200, 200], answers[0].text
		assert [a.json()["message"]["duplicate"] for a in answers] == [False, True]
		frappe.db.rollback()
		assert frappe.db.count("Care Contact", {"pairing": pairing}) == 1
		# a photo of the contact, as the app sends it: private, attached to her own contact only
		contact = answers[0].json()["message"]["name"]
		png = bytes.fromhex(PNG)
		photo = session.post(f"{web_server}/api/method/upload_file", files={"file": ("p.png", png, "image/png")},
			data={"doctype": "Care Contact", "docname": contact, "is_private": "1"}, timeout=30)  # fmt: skip
		assert photo.ok, photo.text
		assert photo.json()["message"]["file_url"].startswith("/private/")
		refused = session.post(f"{web_server}/api/method/upload_file", files={"file": ("p.png", png, "image/png")},
			data={"doctype": "Child Profile", "docname": child, "is_private": "1"}, timeout=30)  # fmt: skip
		assert refused.status_code == 403, refused.text  # she reads her child's profile, never changes it
		children = session.get(f"{web_server}/api/method/kidcare.volunteer_app.home.get_home", timeout=30)
		assert [c["name"] for c in children.json()["message"]["children"]] == ["小林"]
	finally:
		frappe.db.rollback()
		for photo in frappe.get_all(
			"File", {"attached_to_doctype": "Care Contact", "owner": user}, pluck="name"
		):
			frappe.delete_doc("File", photo, force=True, ignore_permissions=True)  # and its file on disk
		frappe.db.delete("Care Contact", {"pairing": pairing})
		frappe.db.delete("Care Pairing", {"name": pairing})
		tally.refresh([pairing])  # a raw delete: its tally rows and the areas' counts follow
		frappe.db.commit()
