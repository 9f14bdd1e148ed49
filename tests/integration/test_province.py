"""A province's federation on one site: five levels of Care Areas, names that repeat across the province,
and every level's staff seeing what lies below their area (a city officer her districts, their streets and
villages; a village worker her village), in lists, the API, charts, the report and notifications."""

import frappe
import pytest
from factories import (
	PASSWORD,
	grant_area,
	make_active_pairing,
	make_area,
	make_user,
	make_volunteer,
	make_waiting_child,
)

from kidcare import dashboard
from kidcare.notify import staff_of


def make_province(tag: str | None = None) -> frappe._dict:
	"""Province > City (two districts: streets and villages; a village named 新村 in two streets) and a
	second city with one village, all named for this test."""
	tag = tag or frappe.generate_hash(length=6)
	t = frappe._dict(tag=tag)
	t.province = make_area(f"测试省-{tag}", "Province")
	t.city = make_area(f"测试市-{tag}", "City", t.province)
	t.district1 = make_area(f"测试县一-{tag}", "District", t.city)
	t.street1 = make_area(f"城关镇-{tag}", "Street", t.district1)
	t.village1 = make_area(f"新村-{tag}", "Community", t.street1)
	t.street2 = make_area(f"太平乡-{tag}", "Street", t.district1)
	t.village2 = make_area(f"新村-{tag}", "Community", t.street2)  # the same name, another township
	t.district2 = make_area(f"测试县二-{tag}", "District", t.city)
	t.street3 = make_area(f"南街道-{tag}", "Street", t.district2)
	t.village3 = make_area(f"南社区-{tag}", "Community", t.street3)
	t.other_city = make_area(f"另一市-{tag}", "City", t.province)
	t.other_district = make_area(f"另一县-{tag}", "District", t.other_city)
	t.other_street = make_area(f"另一镇-{tag}", "Street", t.other_district)
	t.other_village = make_area(f"另一村-{tag}", "Community", t.other_street)
	return t


#: leaves first, for the committed fixture's clean-up (it deletes in reverse order of the list)
TOP_DOWN = (
	"province", "city", "district1", "street1", "village1", "street2", "village2", "district2", "street3",
	"village3", "other_city", "other_district", "other_street", "other_village",
)  # fmt: skip


def test_a_name_that_repeats_is_qualified_by_its_parent_and_shown_by_its_own_name():
	t = make_province()
	assert t.village1 == f"新村-{t.tag}"
	assert t.village2 == f"新村-{t.tag}（太平乡-{t.tag}）"
	assert frappe.db.get_value("Care Area", t.village2, "care_area_name") == f"新村-{t.tag}"
	# a third 新村 in the same township is qualified further up
	third = frappe.get_doc(
		{"doctype": "Care Area", "care_area_name": f"新村-{t.tag}", "area_type": "Community"}
		| {"parent_care_area": t.street2}
	).insert()
	assert third.name == f"新村-{t.tag}（太平乡-{t.tag}·测试县一-{t.tag}）"
	meta = frappe.get_meta("Care Area")
	assert (meta.title_field, meta.show_title_field_in_link) == ("care_area_name", 1)
	assert frappe.get_meta("Child Profile").get_field("care_area").options == "Care Area"


def test_a_statistical_code_names_the_area_and_must_lie_under_its_parent(zh):
	code = "990000000000"  # no province has it; the test rolls back
	assert not frappe.db.exists("Care Area", code)
	province = frappe.get_doc(
		{"doctype": "Care Area", "care_area_name": "测试省", "area_type": "Province", "area_code": code}
	).insert()
	assert province.name == code
	city = make_coded("测试市", "City", province.name, code[:2] + "01" + "0" * 8)
	assert city.name == code[:2] + "0100000000"
	before = frappe.db.count("Care Area")
	with pytest.raises(frappe.ValidationError, match="不属于 <strong>测试市</strong>：应以 <strong>9901</strong> 开头"):
		make_coded("外市县", "District", city.name, "110101000000")
	with pytest.raises(frappe.ValidationError, match="必须是 12 位统计用区划代码"):
		make_coded("短码县", "District", city.name, code[:4] + "01")
	with pytest.raises(frappe.ValidationError, match="已属于"):
		make_coded("重码市", "City", province.name, city.name)
	assert frappe.db.count("Care Area") == before


def make_coded(name, area_type, parent, code):
	return frappe.get_doc(
		{"doctype": "Care Area", "care_area_name": name, "area_type": area_type}
		| {"parent_care_area": parent, "area_code": code}
	).insert()


def test_bad_places_in_the_five_levels_are_refused_in_chinese_and_write_nothing(zh):
	t = make_province()
	before = frappe.get_all("Care Area", fields=["name", "parent_care_area", "lft", "rgt"], order_by="name")
	cases = [
		("Street", t.village1, "社区（村），其下不能再设区域"),
		("Province", t.city, "上级区域的层级必须更高"),
		("City", t.district1, "上级区域的层级必须更高"),
		("Street", t.city, "街道（镇）必须隶属于一个区"),
	]
	for area_type, parent, message in cases:
		with pytest.raises(frappe.ValidationError, match=message):
			make_area(f"错误-{t.tag}", area_type, parent)
	# moving a subtree under itself: the city under one of its own streets' districts
	city = frappe.get_doc("Care Area", t.district1)
	city.parent_care_area = t.district1
	with pytest.raises(frappe.ValidationError, match="不能放在自身或其下级区域之下"):
		city.save()
	after = frappe.get_all("Care Area", fields=["name", "parent_care_area", "lft", "rgt"], order_by="name")
	assert after == before


@pytest.fixture
def province(staff):
	"""The province with a child and a volunteer in three villages of the city and one elsewhere, one
	pairing in each district; a city officer and a village worker."""
	t = make_province()
	t.children = {v: make_waiting_child(t[v]) for v in ("village1", "village2", "village3", "other_village")}
	t.volunteers = {
		v: make_volunteer(t[v]).name for v in ("village1", "village2", "village3", "other_village")
	}
	t.pairings = {v: make_active_pairing(t.children[v], t.volunteers[v]) for v in ("village1", "village3")}
	t.more = make_waiting_child(t.village2)
	t.city_officer = make_user("District Approver")
	t.village_worker = make_user("Community Worker")
	grant_area(t.city_officer, t.city)
	grant_area(t.village_worker, t.village1)
	return t


def city_children(t):
	return {t.children[v] for v in ("village1", "village2", "village3")} | {t.more}


def test_a_city_officer_sees_her_districts_streets_and_villages_and_a_village_worker_her_village(province):
	t = province
	frappe.set_user(t.city_officer)
	areas = set(frappe.get_list("Care Area", pluck="name", limit_page_length=0))
	assert areas == {t[k] for k in TOP_DOWN if k not in ("province",) and not k.startswith("other")}
	assert set(frappe.get_list("Child Profile", pluck="name", limit_page_length=0)) == city_children(t)
	assert not frappe.has_permission("Child Profile", "read", t.children["other_village"])

	frappe.set_user(t.village_worker)
	assert frappe.get_list("Care Area", pluck="name") == [t.village1]
	assert frappe.get_list("Child Profile", pluck="name") == [t.children["village1"]]


def test_charts_and_the_report_break_a_city_down_by_district(province):
	from frappe.desk.query_report import run

	t = province
	frappe.set_user(t.city_officer)
	chart = dashboard.pairings_by_street()
	assert dict(zip(chart["labels"], chart["datasets"][0]["values"], strict=True)) == {
		f"测试县一-{t.tag}": 1,
		f"测试县二-{t.tag}": 1,
	}
	rows = [
		r for r in run("Pairing Compliance", filters={})["result"] if isinstance(r, dict) and r.get("street")
	]
	assert {r["street"]: r["pairings"] for r in rows} == {t.district1: 1, t.district2: 1}
	assert {r["area_name"] for r in rows} == {f"测试县一-{t.tag}", f"测试县二-{t.tag}"}

	frappe.set_user(t.village_worker)
	chart = dashboard.pairings_by_street()
	assert chart["labels"] == [f"城关镇-{t.tag}"] and chart["datasets"][0]["values"] == [1]

	frappe.set_user("Administrator")
	rows = run("Pairing Compliance", filters={"care_area": t.city})["result"]
	assert {r["street"] for r in rows if isinstance(r, dict) and r.get("street")} == {
		t.district1,
		t.district2,
	}


def test_the_officer_of_a_city_is_told_about_its_villages(province):
	t = province
	assert t.city_officer in staff_of("District Approver", t.village2)
	assert t.city_officer not in staff_of("District Approver", t.other_village)
	assert t.village_worker in staff_of("Community Worker", t.village1)
	assert t.village_worker not in staff_of("Community Worker", t.village2)


# ---- over real HTTP ----------------------------------------------------------------------------------


@pytest.mark.http
def test_over_http_the_list_and_the_api_roll_up_to_the_city_and_stop_at_the_village(
	web_server, committed, staff
):
	import requests

	t = make_province()
	committed.extend(("Care Area", t[k]) for k in TOP_DOWN)
	children = {v: make_waiting_child(t[v]) for v in ("village1", "village2", "other_village")}
	volunteers = {v: make_volunteer(t[v]).name for v in ("village1", "village2", "other_village")}
	committed.extend(("Child Profile", c) for c in children.values())
	committed.extend(("Care Volunteer", v) for v in volunteers.values())
	city_officer, village_worker = make_user("District Approver"), make_user("Community Worker")
	committed[:0] = [("User", city_officer), ("User", village_worker)]
	committed.append(("User Permission", grant_area(city_officer, t.city)))
	committed.append(("User Permission", grant_area(village_worker, t.village1)))
	frappe.db.commit()

	def login(user):
		session = requests.Session()
		assert session.post(
			f"{web_server}/api/method/login", data={"usr": user, "pwd": PASSWORD}, timeout=30
		).ok
		return session

	def listed(session, doctype):
		response = session.get(
			f"{web_server}/api/resource/{doctype}", params={"limit_page_length": 0}, timeout=60
		)
		assert response.ok, response.text
		return {row["name"] for row in response.json()["data"]}

	officer = login(city_officer)
	assert listed(officer, "Child Profile") == {children["village1"], children["village2"]}
	assert listed(officer, "Care Volunteer") == {volunteers["village1"], volunteers["village2"]}
	count = officer.get(
		f"{web_server}/api/method/frappe.client.get_count", params={"doctype": "Child Profile"}, timeout=60
	).json()["message"]
	assert count == 2
	plan = officer.post(f"{web_server}/api/method/kidcare.api.plan_matches", timeout=60).json()["message"]
	assert {a["child"] for a in plan["assignments"]} == {children["village1"], children["village2"]}
	assert {a["volunteer"] for a in plan["assignments"]} == {volunteers["village1"], volunteers["village2"]}
	found = officer.post(
		f"{web_server}/api/method/kidcare.api.suggest_volunteers",
		data={"child": children["village2"]},
		timeout=60,
	).json()["message"]
	assert {f["volunteer"] for f in found} <= {volunteers["village1"], volunteers["village2"]}
	assert found[0]["volunteer"] == volunteers["village2"]  # same village, though its name repeats
	assert (
		officer.get(
			f"{web_server}/api/resource/Child Profile/{children['other_village']}", timeout=60
		).status_code
		== 403
	)

	worker = login(village_worker)
	assert listed(worker, "Child Profile") == {children["village1"]}
	assert listed(worker, "Care Area") == {t.village1}
	refused = worker.post(
		f"{web_server}/api/method/kidcare.api.suggest_volunteers",
		data={"child": children["village2"]},
		timeout=60,
	)
	assert refused.status_code == 403
	found = worker.get(
		f"{web_server}/api/method/frappe.desk.search.search_link",
		params={"doctype": "Care Area", "txt": "新村", "page_length": 20},
		timeout=60,
	).json()["message"]
	assert [r["value"] for r in found] == [t.village1]
