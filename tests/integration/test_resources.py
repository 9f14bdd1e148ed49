"""The team's resources (1+1+∞): a child's demand raised at a visit climbs level by level (by hand and by
the daily job), is published, claimed by a partner, confirmed by the district and solved; activities fill
up with a waiting list and count toward the pairings' requirements. Every step as the user who takes it."""

import frappe
import pytest
from factories import grant_area, make_active_pairing, make_user, make_volunteer, make_waiting_child
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, add_to_date, now_datetime, today

from kidcare.resources import activities, demands, escalation


def make_partner(area: str, *users: str, **values) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Care Partner",
				"partner_name": values.pop("partner_name", None)
				or f"测试爱心单位-{frappe.generate_hash(length=6)}",
				"kind": "Social Organisation",
				"care_area": area,
				"services": [{"care_need": "学业辅导"}],
				"members": [{"user": u} for u in users],
				**values,
			}
		)
		.insert()
		.name
	)


@pytest.fixture
def world(staff, tree, zh):
	return make_world(staff, tree)


def make_world(staff, tree) -> frappe._dict:
	"""A street's staff, a volunteer paired with 小花 for two months, and a partner of the district."""
	w = frappe._dict(tree=tree, **staff)
	grant_area(w.officer, tree.street1)
	grant_area(w.other_officer, tree.street2)
	grant_area(w.worker, tree.community11)
	grant_area(w.approver, tree.district)
	grant_area(w.admin, tree.district)
	w.volunteer_user = make_user(language="zh")
	w.volunteer = make_volunteer(tree.community11, user=w.volunteer_user).name
	w.child = make_waiting_child(tree.community11, alias="小花")
	w.pairing = make_active_pairing(w.child, w.volunteer)
	frappe.db.set_value("Care Pairing", w.pairing, "start_date", add_days(today(), -60))
	w.partner_user = make_user("Care Partner Staff", language="zh")
	frappe.db.set_value("User", w.partner_user, "user_type", "Website User")
	w.partner = make_partner(tree.district, w.partner_user)
	return w


def raise_demand(user, child, **values):
	frappe.set_user(user)
	return frappe.get_doc(
		{
			"doctype": "Child Demand",
			"child": child,
			"need": "学业辅导",
			"request": "需要数学辅导老师",
			**values,
		}
	).insert()


def act(user, doc, action):
	frappe.set_user(user)
	return apply_workflow(frappe.get_doc("Child Demand", doc.name), action)


def test_a_demand_raised_at_a_visit_climbs_is_claimed_by_a_partner_confirmed_and_solved(world):
	w = world
	# the volunteer logs her visit and raises the child's demand from it
	frappe.set_user(w.volunteer_user)
	contact = frappe.get_doc(
		{
			"doctype": "Care Contact",
			"pairing": w.pairing,
			"contact_date": today(),
			"contact_type": "Home Visit",
			"duration_minutes": 60,
			"summary": "家访：孩子数学跟不上",
		}
	).insert()
	demand = raise_demand(w.volunteer_user, w.child, source_contact=contact.name, urgency="High")
	assert (demand.current_level, demand.status, demand.care_area) == (
		"Community",
		"Open",
		w.tree.community11,
	)
	assert demand.raised_by_volunteer == w.volunteer and demand.child_alias == "小花"
	assert [(m.from_level, m.to_level) for m in demand.history] == [(None, "Community")]

	# the community cannot solve it and passes it on; the daily job moves it when the street lets it wait
	act(w.worker, demand, "Escalate Demand")
	assert frappe.db.get_value("Child Demand", demand.name, "current_level") == "Street"
	frappe.db.set_value("Child Demand", demand.name, "level_since", add_days(now_datetime(), -8))
	frappe.set_user("Administrator")
	assert escalation.escalate_demands(commit=False)["moved"] >= 1
	doc = frappe.get_doc("Child Demand", demand.name)
	assert doc.current_level == "District"
	assert [(m.from_level, m.to_level) for m in doc.history][-1] == ("Street", "District")
	assert "7" in doc.history[-1].reason and doc.history[-1].moved_by == "Administrator"
	# the district's approver is told, in Chinese, once
	told = frappe.get_all(
		"Notification Log", {"for_user": w.approver, "document_name": demand.name}, pluck="subject"
	)
	assert len(told) == 1 and "待您处理" in told[0]

	act(w.approver, doc, "Publish Demand")
	assert frappe.db.get_value("Child Demand", demand.name, "current_level") == "Published"

	# the partner sees the alias, age, area and the demand, nothing of the child's identity
	frappe.set_user(w.partner_user)
	listed = {d.name: d for d in demands.published_demands()}
	assert demand.name in listed
	child_name = frappe.db.get_value("Child Profile", w.child, "full_name")
	assert listed[demand.name].child_alias == "小花" and child_name not in frappe.as_json(listed)
	demands.claim(demand.name)
	assert "guardian_phone" not in demands.claimed_demand(demand.name)

	# the district confirms; now the partner sees what the work needs
	frappe.set_user(w.approver)
	demands.confirm_claim(demand.name)
	frappe.set_user(w.partner_user)
	details = demands.claimed_demand(demand.name)
	assert details.full_name == child_name and details.guardian_phone and "id_number" not in details
	demands.record_work(demand.name, "每周六上午数学辅导，已坚持一个月")

	# the requester confirms it solved through the workflow
	act(w.volunteer_user, demand, "Confirm Demand Solved")
	doc = frappe.get_doc("Child Demand", demand.name)
	assert (doc.docstatus, doc.status, doc.claimed_by_partner) == (1, "Solved", w.partner)
	assert doc.solved_on
	# every move and claim step, with who and why
	assert [(m.from_level, m.to_level) for m in doc.history] == [
		(None, "Community"),
		("Community", "Street"),
		("Street", "District"),
		("District", "Published"),
		("Published", "Published"),
		("Published", "Published"),
		("Published", "Published"),
	]
	assert [m.moved_by for m in doc.history][-3:] == [w.partner_user, w.approver, w.partner_user]


def test_the_requester_reopens_and_a_level_may_solve_it_itself(world):
	w = world
	demand = raise_demand(w.worker, w.child)
	frappe.set_user(w.worker)
	with pytest.raises(frappe.ValidationError, match="解决"):
		act(w.worker, demand, "Resolve Demand")
	doc = frappe.get_doc("Child Demand", demand.name)
	doc.resolution = "社区联系了学校的志愿教师"
	doc.save()
	act(w.worker, doc, "Resolve Demand")
	doc = frappe.get_doc("Child Demand", demand.name)
	assert (doc.docstatus, doc.status, doc.current_level) == (1, "Solved", "Community")


def published(w, **values):
	demand = raise_demand(w.officer, w.child, **values)
	frappe.set_user("Administrator")
	doc = frappe.get_doc("Child Demand", demand.name)
	for action in ("Escalate Demand", "Escalate Demand", "Publish Demand"):
		doc = apply_workflow(doc, action)
	return doc


def test_bad_claims_are_refused_in_chinese_and_write_nothing(world):
	w = world
	demand = raise_demand(w.worker, w.child)
	frappe.set_user(w.partner_user)
	with pytest.raises(frappe.ValidationError, match="只有已发布的诉求才能认领"):
		demands.claim(demand.name)
	doc = published(w)
	frappe.set_user(w.partner_user)
	demands.claim(doc.name)
	frappe.set_user("Administrator")
	other = make_volunteer(w.tree.community21, user=make_user(language="zh"))
	frappe.set_user(other.user)
	with pytest.raises(frappe.ValidationError, match="已被他人认领"):
		demands.claim(doc.name)
	assert frappe.db.get_value("Child Demand", doc.name, "claimed_by_partner") == w.partner
	# nobody but the district confirms; the claimant cannot record work before it does
	frappe.set_user(w.partner_user)
	with pytest.raises(frappe.ValidationError, match="尚未确认"):
		demands.record_work(doc.name, "x")
	with pytest.raises(frappe.PermissionError):
		demands.confirm_claim(doc.name)
	frappe.set_user(w.other_officer)
	with pytest.raises(frappe.PermissionError):
		demands.confirm_claim(doc.name)
	# a plain website user and a guardian are no claimants
	frappe.set_user(make_user(language="zh"))
	with pytest.raises(frappe.PermissionError, match="认领"):
		demands.published_demands()
	# a status set by a request is refused
	frappe.set_user(w.approver)
	doc = frappe.get_doc("Child Demand", doc.name)
	doc.status = "Open"
	with pytest.raises(frappe.PermissionError):
		doc.save()


def test_demands_only_for_ones_own_children_or_area(world):
	w = world
	stranger = make_waiting_child(w.tree.community21)
	with pytest.raises(frappe.PermissionError, match="辖区"):
		raise_demand(w.officer, stranger)
	with pytest.raises(frappe.PermissionError, match="结对"):
		raise_demand(w.volunteer_user, stranger)
	frappe.set_user("Administrator")
	assert not frappe.db.exists("Child Demand", {"child": stranger})


def test_the_job_releases_claims_left_unconfirmed_and_follows_a_reshaped_path(world):
	w = world
	doc = published(w)
	frappe.set_user(w.partner_user)
	demands.claim(doc.name)
	frappe.set_user("Administrator")
	frappe.db.set_value("Child Demand", doc.name, "claimed_on", add_to_date(now_datetime(), hours=-100))
	assert escalation.escalate_demands(commit=False)["released"] >= 1
	doc = frappe.get_doc("Child Demand", doc.name)
	assert (doc.status, doc.claimed_by_partner, doc.claimed_by_user) == ("Open", None, None)
	assert frappe.db.exists("Notification Log", {"for_user": w.partner_user, "document_name": doc.name})

	# an administrator removes the district step: the job goes street -> published
	workflow = frappe.get_doc("Workflow", "Child Demand Escalation")
	for t in workflow.transitions:
		if t.state == "Demand at Street" and t.action == "Escalate Demand":
			t.next_state = "Demand Published"
	workflow.save()
	frappe.cache.delete_value("workflow_Child Demand")
	demand = raise_demand(w.worker, w.child)
	frappe.set_user("Administrator")
	frappe.db.set_value(
		"Child Demand",
		demand.name,
		{
			"workflow_state": "Demand at Street",
			"current_level": "Street",
			"level_since": add_days(now_datetime(), -30),
		},
	)
	escalation.escalate_demands(commit=False)
	assert frappe.db.get_value("Child Demand", demand.name, "current_level") == "Published"


# -- activities -----------------------------------------------------------------------------------------


def make_activity(area, **values):
	return frappe.get_doc(
		{
			"doctype": "Care Activity",
			"activity_name": values.pop("activity_name", "国际象棋研学"),
			"care_area": area,
			"venue": "区妇女儿童活动中心",
			"starts_at": add_days(now_datetime(), 3),
			"ends_at": add_to_date(add_days(now_datetime(), 3), hours=2),
			"capacity": 2,
			"is_memorable": 1,
			**values,
		}
	).insert()


def test_an_activity_fills_up_with_a_waiting_list_and_counts_toward_the_requirements(world):
	from kidcare import api

	w = world
	frappe.set_user(w.officer)
	activity = make_activity(w.tree.street1).name
	pairs = [(w.volunteer_user, w.child, w.pairing)]
	for _i in range(2):
		user = make_user(language="zh")
		frappe.set_user("Administrator")
		volunteer = make_volunteer(w.tree.community12, user=user).name
		child = make_waiting_child(w.tree.community12)
		pairing = make_active_pairing(child, volunteer)
		frappe.db.set_value("Care Pairing", pairing, "start_date", add_days(today(), -60))
		pairs.append((user, child, pairing))

	frappe.set_user(pairs[0][0])
	assert activities.sign_up(activity, pairs[0][1]) == "Signed Up"
	frappe.set_user(pairs[1][0])
	assert activities.sign_up(activity, pairs[1][1]) == "Signed Up"
	frappe.set_user(pairs[2][0])
	with pytest.raises(frappe.ValidationError, match="已满"):
		activities.sign_up(activity, pairs[2][1])
	assert activities.sign_up(activity, pairs[2][1], join_waiting_list=1) == "Waiting"
	with pytest.raises(frappe.PermissionError, match="结对"):
		activities.sign_up(activity, pairs[0][1], join_waiting_list=1)
	listed = {a.name: a for a in activities.open_activities()}
	assert listed[activity].free_places == 0 and [s.signup_status for s in listed[activity].my_sign_ups] == [
		"Waiting"
	]

	# a place frees: the first on the waiting list moves up and her volunteer is told
	frappe.set_user(pairs[1][0])
	assert activities.cancel_sign_up(activity, pairs[1][1]) == pairs[2][1]
	assert frappe.db.exists("Notification Log", {"for_user": pairs[2][0], "document_name": activity})

	# the day comes: the volunteer checks her child in with the QR code, the officer marks the other
	frappe.set_user("Administrator")
	frappe.db.set_value(
		"Care Activity",
		activity,
		{
			"starts_at": add_to_date(now_datetime(), hours=-2),
			"ends_at": add_to_date(now_datetime(), hours=-1),
		},
	)
	token = frappe.db.get_value("Child Profile", pairs[0][1], "checkin_token")
	frappe.set_user(pairs[0][0])
	contact = frappe.get_doc("Care Contact", activities.record_attendance(activity, token=token))
	assert (contact.pairing, contact.contact_type, contact.check_in_method, contact.duration_minutes) == (
		pairs[0][2],
		"Activity",
		"QR",
		60,
	)
	frappe.set_user(w.officer)
	activities.record_attendance(activity, child=pairs[2][1])
	doc = frappe.get_doc("Care Activity", activity)
	assert sorted(r.signup_status for r in doc.signups) == ["Attended", "Attended", "Cancelled"]
	assert doc.places_taken == 2 and doc.waiting == 0
	for _user, _child, pairing in (pairs[0], pairs[2]):
		assert api.pairing_progress(pairing)["memorable_activities"] == 1
	assert api.pairing_progress(pairs[1][2])["memorable_activities"] == 0


def test_a_plain_activity_is_a_contact_but_not_a_memorable_one_and_sign_ups_are_not_edited_by_hand(world):
	from kidcare import api

	w = world
	frappe.set_user(w.officer)
	activity = make_activity(w.tree.street1, is_memorable=0, capacity=1)
	activities.sign_up(activity.name, w.child)
	with pytest.raises(frappe.PermissionError, match="辖区"):
		frappe.set_user(w.other_officer)
		activities.sign_up(activity.name, w.child)
	frappe.set_user(w.officer)
	doc = frappe.get_doc("Care Activity", activity.name)
	doc.signups[0].signup_status = "Cancelled"
	doc.append("signups", {"child": w.child, "signup_status": "Signed Up"})
	doc.save()
	doc.reload()
	assert [r.signup_status for r in doc.signups] == ["Signed Up"]
	frappe.db.set_value(
		"Care Activity",
		activity.name,
		{
			"starts_at": add_to_date(now_datetime(), hours=-2),
			"ends_at": add_to_date(now_datetime(), hours=-1),
		},
	)
	contact = activities.record_attendance(activity.name, child=w.child)
	assert frappe.db.get_value("Care Contact", contact, "contact_type") == "Other"
	assert api.pairing_progress(w.pairing)["memorable_activities"] == 0


def test_the_cards_and_the_report_count_what_the_viewer_may_see(world):
	from frappe.desk.query_report import run

	from kidcare.resources import cards

	w = world
	waiting = raise_demand(w.worker, w.child, needed_by=add_days(today(), -1))
	solved = raise_demand(w.worker, w.child)
	frappe.db.set_value("Child Demand", solved.name, "resolution", "社区已解决")
	act(w.worker, solved, "Resolve Demand")
	published(w)
	frappe.set_user(w.worker)
	assert cards.demands_waiting_at_my_level() == 1
	assert cards.demands_overdue() == 1
	frappe.set_user(w.approver)
	assert cards.published_demands_unclaimed() == 1
	assert cards.demands_waiting_at_my_level() == 0
	frappe.set_user(w.other_officer)
	assert (cards.demands_overdue(), cards.published_demands_unclaimed()) == (0, 0)
	with pytest.raises(frappe.PermissionError):
		frappe.set_user(w.volunteer_user)
		cards.demands_overdue()

	frappe.set_user(w.officer)
	rows = run("Child Demand Resolution", filters={"care_area": w.tree.street1})["result"]
	mine = [r for r in rows if isinstance(r, dict) and r.get("area") == w.tree.street1]
	assert sum(r["demands"] for r in mine) == 3 and sum(r["solved"] for r in mine) == 1
	assert next(r for r in mine if r["solved"])["avg_days"] == 0
	frappe.set_user(w.other_officer)
	rows = run("Child Demand Resolution", filters={})["result"]
	assert not [r for r in rows if isinstance(r, dict) and r.get("area") == w.tree.street1]
	assert waiting.name


def test_a_partners_staff_get_logins_of_their_own_and_no_other_account_is_listed(world):
	from kidcare.resources.partners import create_partner_login

	w = world
	frappe.set_user(w.officer)
	with pytest.raises(frappe.PermissionError):
		create_partner_login(w.partner, "new-staff@kidcare.test")  # a district partner: not street 1's
	frappe.set_user(w.approver)
	login = create_partner_login(
		w.partner, f"staff-{frappe.generate_hash(length=6)}@kidcare.test", "单位社工"
	)
	assert frappe.get_roles(login["user"]) and "Care Partner Staff" in frappe.get_roles(login["user"])
	assert frappe.db.get_value("User", login["user"], "user_type") == "Website User"
	doc = frappe.get_doc("Care Partner", w.partner)
	assert login["user"] in [m.user for m in doc.members]
	# a staff account (or the login of another partner) is never listed as a partner's staff
	doc.append("members", {"user": w.officer})
	with pytest.raises(frappe.PermissionError, match="不是爱心单位账号"):
		doc.save()
	frappe.set_user("Administrator")
	other = make_partner(w.tree.district)
	frappe.set_user(w.approver)
	doc = frappe.get_doc("Care Partner", other)
	doc.append("members", {"user": w.partner_user})
	with pytest.raises(frappe.ValidationError, match="已是"):
		doc.save()


def test_anonymising_a_child_clears_what_her_demands_said(world):
	from kidcare import privacy

	w = world
	demand = raise_demand(w.worker, w.child, request="奶奶住院，需要有人接送上学")
	frappe.set_user("Administrator")
	privacy.anonymise(w.child, "测试")
	stored = frappe.db.get_value(
		"Child Demand", demand.name, ["request", "need", "child_alias"], as_dict=True
	)
	assert "奶奶" not in (stored.request or "") and stored.need == "学业辅导" and stored.child_alias == "小花"


def test_a_child_is_signed_up_only_to_an_activity_organised_for_her_area(world):
	"""A volunteer signing her child up to another street's activity (which she cannot even list) would
	show that street's staff a child of an area they may not see: refused, nothing written."""
	w = world
	frappe.set_user(w.other_officer)
	elsewhere = make_activity(w.tree.street2).name
	frappe.set_user(w.volunteer_user)
	assert elsewhere not in {a.name for a in activities.open_activities()}
	with pytest.raises(frappe.PermissionError, match="不是为该儿童所在区域组织的"):
		activities.sign_up(elsewhere, w.child)
	frappe.set_user(w.approver)  # the district's staff may see both streets, and still may not
	with pytest.raises(frappe.PermissionError, match="不是为该儿童所在区域组织的"):
		activities.sign_up(elsewhere, w.child)
	frappe.set_user("Administrator")
	assert not frappe.get_all("Care Activity Signup", filters={"parent": elsewhere})


def test_a_partner_is_offered_only_the_demands_of_the_areas_it_serves(world):
	w = world
	doc = published(w)  # a demand of street 1's child
	frappe.set_user("Administrator")
	far_user, home_user = (make_user("Care Partner Staff", language="zh") for _ in range(2))
	make_partner(w.tree.district, far_user, areas_served=[{"area": w.tree.street2}])
	make_partner(w.tree.community21, home_user)  # no areas listed: its own area and below
	for user in (far_user, home_user):
		frappe.set_user(user)
		assert doc.name not in {d.name for d in demands.published_demands()}
		with pytest.raises(frappe.PermissionError, match="服务的区域"):
			demands.claim(doc.name)
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Child Demand", doc.name, ["status", "claimed_by_partner"]) == ("Open", None)
	# the district's partner (its own area) and one that lists the child's street are offered it
	near_user = make_user("Care Partner Staff", language="zh")
	make_partner(w.tree.community21, near_user, areas_served=[{"area": w.tree.street1}])
	for user in (w.partner_user, near_user):
		frappe.set_user(user)
		assert doc.name in {d.name for d in demands.published_demands()}
	demands.claim(doc.name)
	assert frappe.db.get_value("Child Demand", doc.name, "claimed_by_user") == near_user
