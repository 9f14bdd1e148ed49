"""The team's resources on the volunteer's phone (kidcare/volunteer_app/demands.py, activities.py): she raises
her child's demand, follows it as it climbs and confirms it solved; she sees the coming activities organised
for her children's areas and signs her child up. Every step as her, through the documents' controllers and
the workflow; what is not hers is refused in Chinese and nothing is written."""

import frappe
import pytest
import requests
from factories import (
	PASSWORD,
	commit_area_tree,
	make_active_pairing,
	make_user,
	make_volunteer,
	make_waiting_child,
)
from frappe.utils import add_days, today
from test_resources import act, make_activity, make_world

from kidcare import tally
from kidcare.resources import activities, demands
from kidcare.volunteer_app import activities as app_activities
from kidcare.volunteer_app import demands as app_demands
from kidcare.volunteer_app import home


@pytest.fixture
def world(staff, tree, zh):
	return make_world(staff, tree)


def her_child(w) -> dict:
	frappe.set_user(w.volunteer_user)
	(child,) = home.get_home()["children"]
	return child


def test_she_raises_her_childs_demand_follows_it_up_the_levels_and_confirms_it_solved(world):
	w = world
	frappe.set_user(w.volunteer_user)
	made = app_demands.raise_demand(w.pairing, "学业辅导", "  需要数学辅导老师  ", urgency="High")
	doc = frappe.get_doc("Child Demand", made["name"])
	assert (doc.child, doc.raised_by_volunteer, doc.request, doc.urgency) == (
		w.child,
		w.volunteer,
		"需要数学辅导老师",
		"High",
	)
	assert (doc.current_level, doc.status, doc.docstatus, doc.owner) == (
		"Community",
		"Open",
		0,
		w.volunteer_user,
	)
	(shown,) = her_child(w)["demands"]
	assert (shown["need"], shown["level"], shown["status_label"], shown["urgency"]) == (
		"学业辅导",
		"社区（村）",
		"开放",
		"较急",
	)
	assert shown["actions"] == [] and not shown["solved"]

	# the community and the street cannot help; the district publishes it and a partner takes it on
	act(w.worker, doc, "Escalate Demand")
	act(w.officer, doc, "Escalate Demand")
	act(w.approver, doc, "Publish Demand")
	frappe.set_user(w.partner_user)
	demands.claim(doc.name)
	frappe.set_user(w.approver)
	demands.confirm_claim(doc.name)
	frappe.set_user(w.partner_user)
	demands.record_work(doc.name, "每周六上午数学辅导")

	(shown,) = her_child(w)["demands"]
	partner_name = frappe.db.get_value("Care Partner", w.partner, "partner_name")
	assert (shown["level"], shown["claimed_by"], shown["work_done"]) == (
		"已发布",
		partner_name,
		"每周六上午数学辅导",
	)
	assert shown["actions"] == [{"action": "Confirm Demand Solved", "label": "确认诉求已解决"}]

	# another volunteer may not confirm it, nor even learn that it exists
	frappe.set_user("Administrator")
	stranger = make_user(language="zh")
	make_volunteer(w.tree.community11, user=stranger)
	frappe.set_user(stranger)
	with pytest.raises(frappe.PermissionError):
		app_demands.act_on_demand(doc.name, "Confirm Demand Solved")
	frappe.set_user(w.volunteer_user)
	assert app_demands.act_on_demand(doc.name, "Confirm Demand Solved")["status"] == "已解决"
	(shown,) = her_child(w)["demands"]
	assert shown["solved"] and shown["status_label"] == "已解决" and shown["actions"] == []
	# an action the workflow does not open to her is refused
	with pytest.raises(frappe.ValidationError):
		app_demands.act_on_demand(doc.name, "Publish Demand")


def test_a_demand_she_may_not_raise_is_refused_in_chinese_and_nothing_is_written(world):
	w = world
	frappe.set_user("Administrator")
	other_user = make_user(language="zh")
	other = make_volunteer(w.tree.community12, user=other_user).name
	other_pairing = make_active_pairing(make_waiting_child(w.tree.community12), other)
	before = frappe.db.count("Child Demand")
	frappe.set_user(w.volunteer_user)
	with pytest.raises(frappe.PermissionError, match="没有与您结对"):
		app_demands.raise_demand(other_pairing, "学业辅导", "别人的孩子")
	with pytest.raises(frappe.ValidationError, match="紧急程度"):
		app_demands.raise_demand(w.pairing, "学业辅导", "需要辅导", urgency="Whenever")
	with pytest.raises(frappe.ValidationError, match="需要什么帮助"):
		app_demands.raise_demand(w.pairing, "学业辅导", "   ")
	with pytest.raises(frappe.LinkValidationError):
		app_demands.raise_demand(w.pairing, "不存在的需求", "需要辅导")
	frappe.set_user(w.officer)  # staff use the desk: the app's door is for volunteers
	with pytest.raises(frappe.PermissionError, match="没有关联志愿者"):
		app_demands.raise_demand(w.pairing, "学业辅导", "需要辅导")
	# a pairing that has ended takes no new demand
	frappe.set_user("Administrator")
	frappe.db.set_value("Care Pairing", other_pairing, "status", "Ended")
	frappe.set_user(other_user)
	with pytest.raises(frappe.ValidationError, match="该结对已结束"):
		app_demands.raise_demand(other_pairing, "学业辅导", "需要辅导")
	frappe.set_user("Administrator")
	assert frappe.db.count("Child Demand") == before


def test_she_sees_the_activities_of_her_childs_area_and_signs_her_up_and_off(world):
	w = world
	frappe.set_user(w.officer)
	mine = make_activity(w.tree.street1, capacity=1).name
	frappe.set_user(w.other_officer)
	elsewhere = make_activity(w.tree.street2, activity_name="别的街道的活动").name
	frappe.set_user(w.volunteer_user)
	listed = {a["name"]: a for a in app_activities.get_activities()}
	assert elsewhere not in listed
	shown = listed[mine]
	assert (shown["free_places"], shown["capacity"], shown["is_memorable"], shown["place"]) == (
		1,
		1,
		True,
		"区妇女儿童活动中心",
	)
	assert shown["children"] == [{"child": w.child, "name": "小花", "status": None, "status_label": ""}]

	assert activities.sign_up(mine, w.child) == "Signed Up"
	shown = {a["name"]: a for a in app_activities.get_activities()}[mine]
	assert shown["free_places"] == 0
	assert shown["children"][0]["status"] == "Signed Up" and shown["children"][0]["status_label"] == "已报名"

	# another mother of the street sees it full, and none of the first child's sign-up
	frappe.set_user("Administrator")
	second_user = make_user(language="zh")
	second = make_volunteer(w.tree.community12, user=second_user).name
	second_child = make_waiting_child(w.tree.community12, alias="小明")
	make_active_pairing(second_child, second)
	frappe.set_user(second_user)
	shown = {a["name"]: a for a in app_activities.get_activities()}[mine]
	assert shown["free_places"] == 0
	assert shown["children"] == [{"child": second_child, "name": "小明", "status": None, "status_label": ""}]
	assert activities.sign_up(mine, second_child, join_waiting_list=1) == "Waiting"

	# the first cancels: the place goes to the one waiting
	frappe.set_user(w.volunteer_user)
	assert activities.cancel_sign_up(mine, w.child) == second_child
	assert {a["name"]: a for a in app_activities.get_activities()}[mine]["children"][0]["status"] is None
	frappe.set_user(second_user)
	assert {a["name"]: a for a in app_activities.get_activities()}[mine]["children"][0][
		"status"
	] == "Signed Up"

	frappe.set_user(w.officer)
	with pytest.raises(frappe.PermissionError, match="没有关联志愿者"):
		app_activities.get_activities()


@pytest.mark.http
def test_over_http_she_raises_a_demand_from_her_phone_and_it_shows_on_her_home(web_server, committed, staff):
	tree = commit_area_tree(committed)
	user = make_user(language="zh")
	committed.insert(0, ("User", user))
	volunteer = make_volunteer(tree.community11, user=user).name
	child = make_waiting_child(tree.community11, alias="小林")
	pairing = make_active_pairing(child, volunteer)
	frappe.db.set_value("Care Pairing", pairing, "start_date", add_days(today(), -30))
	committed.extend([("Care Volunteer", volunteer), ("Child Profile", child)])
	frappe.db.commit()
	try:
		session = requests.Session()
		assert session.post(
			f"{web_server}/api/method/login", data={"usr": user, "pwd": PASSWORD}, timeout=30
		).ok
		url = f"{web_server}/api/method/kidcare.volunteer_app.demands.raise_demand"
		args = {
			"pairing": pairing,
			"need": "心理疏导",
			"request": "孩子最近情绪低落，希望有心理老师聊聊",
			"urgency": "Normal",
		}
		assert session.get(url, params=args, timeout=30).status_code in (403, 405)  # a write is a POST
		made = session.post(url, json=args, timeout=30)
		assert made.ok, made.text
		name = made.json()["message"]["name"]
		got = session.get(f"{web_server}/api/method/kidcare.volunteer_app.home.get_home", timeout=30).json()
		(shown,) = got["message"]["children"][0]["demands"]
		assert (shown["name"], shown["need"], shown["level"]) == (name, "心理疏导", "社区（村）")
		assert [u["label"] for u in got["message"]["options"]["urgencies"]] == ["一般", "较急", "紧急"]
		act_url = f"{web_server}/api/method/kidcare.volunteer_app.demands.act_on_demand"
		refused = session.post(act_url, json={"demand": name, "action": "Escalate Demand"}, timeout=30)
		assert refused.status_code == 417, refused.text  # the workflow opens no such action to her
		frappe.db.rollback()
		assert frappe.db.get_value("Child Demand", name, ["raised_by_volunteer", "current_level"]) == (
			volunteer,
			"Community",
		)
	finally:
		frappe.db.rollback()
		for demand in frappe.get_all("Child Demand", {"child": child}, pluck="name"):
			frappe.delete_doc("Child Demand", demand, force=True, ignore_permissions=True)
		frappe.db.delete("Care Pairing", {"name": pairing})
		tally.refresh([pairing])  # a raw delete: its tally rows and the areas' counts follow
		frappe.db.commit()
