"""The desk as a Street Officer sees it, in headless Chromium (Debian's package, driven by Playwright):
the 结对帮扶 workspace with its cards and charts, and a child's profile, in Chinese, scoped to her street.

Runs against a served demo site (``bench --site S kidcare-demo``): ``.ci/run`` makes one, serves it and
sets KIDCARE_URL; screenshots go to KIDCARE_SCREENSHOTS (default .ci/artifacts/screenshots).
"""

import os
from pathlib import Path

import pytest
import requests
from playwright.sync_api import expect, sync_playwright

URL = os.environ.get("KIDCARE_URL")
USER = os.environ.get("KIDCARE_BROWSER_USER", "changhe@kidcare.demo")
PASSWORD = os.environ.get("KIDCARE_BROWSER_PASSWORD", "kidcare-demo-2026")
CHROMIUM = os.environ.get("KIDCARE_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(
	os.environ.get("KIDCARE_SCREENSHOTS", Path(__file__).parents[2] / ".ci" / "artifacts" / "screenshots")
)

if not URL:
	raise pytest.UsageError(
		"The browser layer needs a served demo site: set KIDCARE_URL, or run `bash .ci/run`."
	)

# as this machine's own check starts it: no sandbox as root, and nothing that reaches for the network
expect.set_options(timeout=90_000)  # the first page of a freshly served site builds its caches

CHROMIUM_FLAGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]
CARDS = ("在册儿童", "待结对儿童", "已结对儿童", "本月未达标结对", "逾期评估", "待我审批", "当前受助养儿童",
	"助养逾期未缴", "本年已发放", "待我层级办理的诉求", "逾期诉求", "已发布未认领的诉求")  # fmt: skip
CHARTS = ("月度达标率趋势", "各街道结对数", "儿童困境类别分布", "儿童需求领域分布")


@pytest.fixture(scope="module")
def api():
	"""The officer's own REST session, to know what the page should show (the list view's count)."""
	session = requests.Session()
	response = session.post(f"{URL}/api/method/login", data={"usr": USER, "pwd": PASSWORD}, timeout=60)
	assert response.ok, response.text
	return session


@pytest.fixture(scope="module")
def page():
	SHOTS.mkdir(parents=True, exist_ok=True)
	with sync_playwright() as p:
		browser = p.chromium.launch(
			executable_path=CHROMIUM,
			headless=True,
			args=CHROMIUM_FLAGS,
		)
		context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
		response = context.request.post(f"{URL}/api/method/login", form={"usr": USER, "pwd": PASSWORD})
		assert response.ok, response.text()
		page = context.new_page()
		page.set_default_timeout(60_000)
		yield page
		browser.close()


def count(api, doctype, filters):
	import json

	return api.get(
		f"{URL}/api/method/frappe.desk.reportview.get_count",
		params={"doctype": doctype, "filters": json.dumps(filters)},
		timeout=60,
	).json()["message"]


def test_the_workspace_shows_her_streets_numbers_in_chinese(page, api):
	page.goto(f"{URL}/app/kidcare")
	expect(page.locator(".page-title, .title-text").first).to_contain_text("结对帮扶")
	cards = page.locator(".number-widget-box")
	expect(cards).to_have_count(len(CARDS))
	for label in CARDS:
		card = cards.filter(has_text=label)
		expect(card.locator(".number")).to_be_visible()
	numbers = {label: cards.filter(has_text=label).locator(".number").inner_text().strip() for label in CARDS}
	for label in CHARTS:
		expect(page.locator(".widget.dashboard-widget-box").filter(has_text=label)).to_be_visible()
	page.wait_for_timeout(1500)  # let the charts draw before the picture
	page.screenshot(path=str(SHOTS / "workspace.png"), full_page=True)

	registered = count(api, "Child Profile", {"status": ["in", ["Registered", "Awaiting Pairing", "Paired"]]})
	assert int(numbers["在册儿童"]) == registered > 0
	assert int(numbers["已结对儿童"]) == count(api, "Child Profile", {"status": "Paired"}) > 0
	# her street only: the district has more children than she sees
	assert registered < 300


def test_a_child_profile_opens_in_chinese(page, api):
	child = api.get(
		f"{URL}/api/resource/Child Profile",
		params={"filters": '[["status", "=", "Paired"]]', "limit_page_length": 1},
		timeout=60,
	).json()["data"][0]["name"]
	page.goto(f"{URL}/app/child-profile/{child}")
	form = page.locator(".form-layout")
	for label in ("姓名", "出生日期", "关爱区域", "监护人姓名"):
		expect(form.get_by_text(label, exact=True).first).to_be_visible()
	expect(page.locator(".form-dashboard, .form-links").first).to_contain_text("退出申请")
	page.wait_for_timeout(1000)
	page.screenshot(path=str(SHOTS / "child-profile.png"), full_page=True)
