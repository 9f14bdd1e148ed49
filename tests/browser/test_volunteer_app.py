"""The volunteers' app (/kidcare) as the demo's caring mother (爱心妈妈) uses it on her phone, in headless
Chromium with a phone's viewport and touch: she logs in and lands in the app, sees her child, logs a
contact, loses the connection, logs another (kept on the phone, shown as waiting), gets the connection
back and both are recorded exactly once, then submits her monthly report. The desk refuses her.

Runs against the served demo site, as tests/browser/test_desk.py does (KIDCARE_URL, KIDCARE_SCREENSHOTS).
"""

import json
import os

import pytest
import requests
from playwright.sync_api import expect, sync_playwright
from test_desk import CHROMIUM, CHROMIUM_FLAGS, PASSWORD, SHOTS, URL

VOLUNTEER = os.environ.get("KIDCARE_BROWSER_VOLUNTEER", "volunteer@kidcare.demo")
# the demo's street officers by the communities of their street (kidcare/demo.py STREETS and PEOPLE)
OFFICERS = {
	"changhe@kidcare.demo": ("长河社区", "江一社区", "塘子堰村"),
	"xixing@kidcare.demo": ("西兴社区", "湘湖社区", "铁岭花园社区"),
	"puyan@kidcare.demo": ("浦沿社区", "东冠社区", "杨家墩社区"),
	"baimahu@kidcare.demo": ("白马湖社区", "东信社区", "联庄村"),
}
PHONE = {"width": 390, "height": 844}
RETURNED = "Review Returned"  # the shipped workflow's state that returns a review to the volunteer


@pytest.fixture(scope="module")
def api():
	"""Her own REST session, to check what the server recorded."""
	session = requests.Session()
	response = session.post(f"{URL}/api/method/login", data={"usr": VOLUNTEER, "pwd": PASSWORD}, timeout=60)
	assert response.ok, response.text
	return session


def home(api) -> dict:
	response = api.get(f"{URL}/api/method/kidcare.volunteer_app.home.get_home", timeout=60)
	assert response.ok, response.text
	return response.json()["message"]


@pytest.fixture(scope="module")
def phone():
	SHOTS.mkdir(parents=True, exist_ok=True)
	with sync_playwright() as p:
		browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
		context = browser.new_context(
			viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2, locale="zh-CN"
		)
		page = context.new_page()
		page.set_default_timeout(60_000)
		yield context, page
		browser.close()


def log_contact(page, summary: str, minutes: str):
	page.get_by_test_id("log-contact").first.tap()
	expect(page.get_by_test_id("contact-form")).to_be_visible()
	page.fill("#kc-duration", minutes)
	page.fill("#kc-summary", summary)
	page.get_by_test_id("save-contact").tap()
	expect(page.get_by_test_id("child").first).to_be_visible()


def test_she_works_from_her_phone_offline_included(phone, api):
	context, page = phone
	page.goto(f"{URL}/login")
	page.fill("#login_email", VOLUNTEER)
	page.fill("#login_password", PASSWORD)
	page.locator(".btn-login").first.tap()
	page.wait_for_url("**/kidcare**")

	before = home(api)
	(child, *_others) = before["children"]
	expect(page.get_by_test_id("child").first).to_contain_text(child["name"])
	expect(page.get_by_text("本月").first).to_be_visible()
	page.screenshot(path=str(SHOTS / "volunteer-home.png"), full_page=True)
	contacts = child["month"]["contacts"]

	log_contact(page, "浏览器测试：在线记录的家访", "45")
	expect(page.get_by_test_id("month-contacts").first).to_have_text(str(contacts + 1))

	context.set_offline(True)
	page.get_by_test_id("log-contact").first.tap()
	page.get_by_role("button", name="电话或视频").tap()
	page.fill("#kc-summary", "浏览器测试：离线记录的电话")
	page.fill("#kc-duration", "20")
	page.screenshot(path=str(SHOTS / "volunteer-contact-form.png"), full_page=True)
	page.get_by_test_id("save-contact").tap()
	expect(page.get_by_test_id("queue")).to_contain_text("待发送 1 条")
	expect(page.get_by_text("离线").first).to_be_visible()
	page.screenshot(path=str(SHOTS / "volunteer-offline-waiting.png"), full_page=True)
	assert home(api)["children"][0]["month"]["contacts"] == contacts + 1  # nothing reached the server

	context.set_offline(False)
	expect(page.get_by_test_id("queue")).to_have_count(0)
	expect(page.get_by_test_id("month-contacts").first).to_have_text(str(contacts + 2))
	page.screenshot(path=str(SHOTS / "volunteer-sent.png"), full_page=True)
	after = home(api)["children"][0]
	assert after["month"]["contacts"] == contacts + 2  # both, each once
	assert after["month"]["minutes"] == child["month"]["minutes"] + 45 + 20

	review = this_months_review(api)
	if not review["can_submit"]:  # submitted by an earlier run on this site: the street returns it
		street_returns(child, review["name"], "浏览器测试：请补充孩子的学习情况")
		page.reload()
	submit_report(page, review["name"], "浏览器测试：本月家访一次、电话一次，孩子情况稳定。")
	page.screenshot(path=str(SHOTS / "volunteer-report-submitted.png"), full_page=True)
	assert this_months_review(api)["status"] == "Submitted"

	# the street returns it with a comment; she reads it on her phone and resubmits
	street_returns(child, review["name"], "请补充孩子的学习情况")
	page.goto(f"{URL}/kidcare/")
	page.locator(f'[data-testid="write-review"][href$="{review["name"]}"]').tap()
	expect(page.get_by_text("请补充孩子的学习情况")).to_be_visible()
	page.screenshot(path=str(SHOTS / "volunteer-report-returned.png"), full_page=True)
	page.get_by_role("link", name="返回").tap()
	submit_report(page, review["name"], "补充：孩子数学单元测验进步了十分。")
	submitted = this_months_review(api)
	assert submitted["status"] == "Submitted" and not submitted["can_submit"]


def this_months_review(api) -> dict:
	data = home(api)
	return next(r for r in data["reviews"] if r["name"] == data["children"][0]["month"]["review"])


def submit_report(page, review: str, text: str):
	page.locator(f'[data-testid="write-review"][href$="{review}"]').tap()
	page.fill("#kc-report", text)
	page.screenshot(path=str(SHOTS / "volunteer-monthly-report.png"), full_page=True)
	page.get_by_test_id("submit-review").tap()
	expect(page.get_by_test_id("review-done")).to_be_visible()


def street_returns(child: dict, review: str, comments: str):
	"""The child's Street Officer returns the review through the workflow, as the desk would."""
	user = next(u for u, communities in OFFICERS.items() if child["community"] in communities)
	officer = requests.Session()
	assert officer.post(f"{URL}/api/method/login", data={"usr": user, "pwd": PASSWORD}, timeout=60).ok
	url = f"{URL}/api/resource/Monthly Review/{review}"
	response = officer.put(url, json={"reviewer_comments": comments}, timeout=60)
	assert response.ok, response.text
	doc = response.json()["data"]
	transitions = officer.post(
		f"{URL}/api/method/frappe.model.workflow.get_transitions", data={"doc": json.dumps(doc)}, timeout=60
	)
	assert transitions.ok, transitions.text
	returned = next(t["action"] for t in transitions.json()["message"] if t["next_state"] == RETURNED)
	response = officer.post(
		f"{URL}/api/method/frappe.model.workflow.apply_workflow",
		data={"doc": json.dumps(doc), "action": returned},
		timeout=60,
	)
	assert response.ok, response.text


def activities(api) -> list[dict]:
	response = api.get(f"{URL}/api/method/kidcare.volunteer_app.activities.get_activities", timeout=60)
	assert response.ok, response.text
	return response.json()["message"]


def test_she_raises_her_childs_demand_and_signs_her_up_for_an_activity(phone, api):
	_context, page = phone
	page.goto(f"{URL}/kidcare/")
	if "/login" in page.url:
		page.fill("#login_email", VOLUNTEER)
		page.fill("#login_password", PASSWORD)
		page.locator(".btn-login").first.tap()
		page.wait_for_url("**/kidcare**")
	(child, *_others) = home(api)["children"]
	raised = len(child["demands"])

	page.get_by_test_id("raise-demand").first.tap()
	expect(page.get_by_test_id("demand-form")).to_be_visible()
	page.fill("#kc-request", "孩子想学游泳，希望暑假有老师教")
	page.get_by_role("button", name="较急").tap()
	page.screenshot(path=str(SHOTS / "volunteer-demand-form.png"), full_page=True)
	page.get_by_test_id("send-demand").tap()
	expect(page.get_by_test_id("demand-done")).to_be_visible()
	(child, *_others) = home(api)["children"]
	assert len(child["demands"]) == raised + 1
	newest = child["demands"][0]
	assert (newest["request"], newest["urgency"], newest["level"]) == (
		"孩子想学游泳，希望暑假有老师教",
		"较急",
		"社区（村）",
	)
	page.goto(f"{URL}/kidcare/")
	expect(page.get_by_test_id("demand").first).to_contain_text("孩子想学游泳")
	page.screenshot(path=str(SHOTS / "volunteer-demands.png"), full_page=True)

	# the coming activities of her child's areas: she signs the child up (off first if the demo did)
	listed = activities(api)
	activity = next(a for a in listed if any(c["child"] == child["child"] for c in a["children"]))
	mine = next(c for c in activity["children"] if c["child"] == child["child"])
	if mine["status"]:
		cancelled = api.post(f"{URL}/api/method/kidcare.resources.activities.cancel_sign_up",
			json={"activity": activity["name"], "child": child["child"]}, timeout=60)  # fmt: skip
		assert cancelled.ok, cancelled.text
	page.get_by_test_id("activities").tap()
	card = page.get_by_test_id("activity").filter(has_text=activity["activity_name"])
	card.get_by_test_id("sign-up").first.tap()
	expect(card.get_by_test_id("sign-up-status").first).to_have_text("已报名")
	page.screenshot(path=str(SHOTS / "volunteer-activities.png"), full_page=True)
	again = next(a for a in activities(api) if a["name"] == activity["name"])
	assert next(c for c in again["children"] if c["child"] == child["child"])["status"] == "Signed Up"


def test_the_desk_refuses_her(phone):
	_context, page = phone
	response = page.goto(f"{URL}/app")
	assert response.status == 403
	page.screenshot(path=str(SHOTS / "volunteer-no-desk.png"), full_page=True)
