"""The volunteer pool, suggestions, the plan, and Care Pairing Approval, as the people who use them."""

import frappe
import frappe.client
import pytest
from factories import (
	grant_area,
	make_active_pairing,
	make_area_tree,
	make_child,
	make_pairing,
	make_user,
	make_volunteer,
	make_waiting_child,
)
from frappe.model.workflow import apply_workflow

from kidcare import api


@pytest.fixture
def district(staff):
	tree = make_area_tree()
	d = frappe._dict(tree=tree, **staff)
	grant_area(d.officer, tree.street1)
	grant_area(d.other_officer, tree.street2)
	grant_area(d.approver, tree.district)
	frappe.local.lang = "zh"
	return d


def test_activation_needs_screening_and_training(district):
	with pytest.raises(frappe.ValidationError, match="通过筛查"):
		make_volunteer(district.tree.community11, screening_status="Pending")
	with pytest.raises(frappe.ValidationError, match="完成培训"):
		make_volunteer(district.tree.community11, training_completed_on=None)
	applicant = make_volunteer(
		district.tree.community11, status="Applicant", screening_status="Pending", training_completed_on=None
	)
	applicant.status = "Withdrawn"
	applicant.save()
	applicant.status = "Active"
	with pytest.raises(frappe.ValidationError, match="不能从"):
		applicant.save()


def test_a_volunteer_with_a_login_gets_the_role(district):
	user = make_user(language="zh")
	make_volunteer(district.tree.community11, user=user)
	assert "Care Volunteer" in frappe.get_roles(user)


def test_suggestions_rank_the_chess_neighbour_first_and_say_why(district):
	t = district.tree
	child = make_waiting_child(
		t.community11,
		latitude=30.2000,
		longitude=120.2000,
		interests=[{"care_skill": "国际象棋"}],
		needs=[{"care_need": "心理疏导", "priority": "High"}],
	)
	chess = make_volunteer(t.community11, latitude=30.2072, longitude=120.2000, skills=["国际象棋"]).name
	psych = make_volunteer(t.community12, skills=["心理咨询"]).name
	full = make_volunteer(t.community11, skills=["国际象棋", "心理咨询"])
	make_active_pairing(make_waiting_child(t.community11), full.name)
	unscreened = make_volunteer(
		t.community11, status="Applicant", screening_status="Pending", training_completed_on=None
	).name
	elsewhere = make_volunteer(t.community21, skills=["国际象棋", "心理咨询"]).name

	frappe.set_user(district.officer)
	found = api.suggest_volunteers(child, limit=10)
	names = [s["volunteer"] for s in found]
	assert names[:2] == [chess, psych]
	assert full.name not in names and unscreened not in names
	assert elsewhere not in names, "a street officer gets only volunteers of their own street"
	top = found[0]
	assert top["distance_km"] == 0.8
	assert (
		"同一社区" in top["reasons"]
		and "相距 0.8 公里" in top["reasons"]
		and "擅长国际象棋，契合孩子的兴趣" in top["reasons"]
	)
	assert "可提供心理疏导方面的帮助" in found[1]["reasons"]

	frappe.set_user(district.approver)
	assert elsewhere in [s["volunteer"] for s in api.suggest_volunteers(child, limit=10)]


def test_suggest_children_for_a_volunteer(district):
	t = district.tree
	near = make_waiting_child(t.community11, interests=[{"care_skill": "围棋"}])
	far = make_waiting_child(t.community12)
	not_waiting = make_child(t.community11).name
	volunteer = make_volunteer(t.community11, skills=["围棋"]).name
	frappe.set_user(district.officer)
	found = [c["child"] for c in api.suggest_children(volunteer, limit=10)]
	assert found[:2] == [near, far] and not_waiting not in found


def test_plan_matches_assigns_one_to_one_at_least_as_well_as_greedy_and_creates_nothing(district):
	t = district.tree
	for i in range(6):
		make_waiting_child(
			t.community11 if i % 2 else t.community12, interests=[{"care_skill": "阅读"}] if i < 3 else []
		)
	for i in range(4):
		make_volunteer(
			t.community11 if i % 2 else t.community12, skills=["阅读"] if i < 2 else [], capacity=1 + (i == 0)
		)
	pairings_before = frappe.db.count("Care Pairing")
	frappe.set_user(district.approver)
	plan = api.plan_matches(care_area=t.street1)
	children = [a["child"] for a in plan["assignments"]]
	assert len(children) == len(set(children)) == 5, "5 free places, 6 waiting children"
	per_volunteer = {}
	for a in plan["assignments"]:
		per_volunteer[a["volunteer"]] = per_volunteer.get(a["volunteer"], 0) + 1
	assert max(per_volunteer.values()) <= 2
	assert plan["total_score"] >= plan["greedy_total_score"]
	assert len(plan["unmatched_children"]) == 1
	assert frappe.db.count("Care Pairing") == pairings_before


def propose(d, child, volunteer):
	frappe.set_user(d.officer)
	return make_pairing(child, volunteer).name


def approve(d, name, action="Approve Pairing", **changes):
	frappe.set_user(d.approver)
	doc = frappe.get_doc("Care Pairing", name)
	if changes:
		doc.update(changes)
		doc.save()
	return apply_workflow(doc, action)


def test_a_proposed_pairing_approved_by_the_district_pairs_the_child(district):
	t = district.tree
	child = make_waiting_child(t.community11, interests=[{"care_skill": "国际象棋"}])
	volunteer = make_volunteer(t.community11, skills=["国际象棋"]).name
	name = propose(district, child, volunteer)
	proposal = frappe.get_doc("Care Pairing", name)
	assert (
		proposal.status == "Proposed"
		and proposal.match_score > 0
		and "擅长国际象棋" in proposal.match_reasons
	)

	approve(district, name)
	pairing = frappe.get_doc("Care Pairing", name)
	assert (pairing.docstatus, pairing.status) == (1, "Active")
	assert frappe.db.get_value("Care Volunteer", volunteer, "active_pairings") == 1
	assert frappe.db.get_value("Child Profile", child, ["status", "current_pairing"]) == ("Paired", name)


@pytest.mark.parametrize(
	"case, message",
	[
		("unscreened", "才能结对"),
		("full", "已达上限"),
		("not_waiting", "不是待结对"),
		("outside", "不在您的辖区"),
		("second_proposal", "已有结对"),
	],
)
def test_bad_pairings_are_refused_in_chinese_and_write_nothing(district, case, message):
	t = district.tree
	child = make_waiting_child(t.community11)
	volunteer = make_volunteer(t.community11).name
	if case == "unscreened":
		volunteer = make_volunteer(
			t.community11, status="Applicant", screening_status="Pending", training_completed_on=None
		).name
	elif case == "full":
		make_active_pairing(make_waiting_child(t.community12), volunteer)
	elif case == "not_waiting":
		child = make_child(t.community11).name
	elif case == "outside":
		volunteer = make_volunteer(t.community21).name
	elif case == "second_proposal":
		make_pairing(child, make_volunteer(t.community12).name)
	before = frappe.db.count("Care Pairing")
	with pytest.raises(frappe.ValidationError, match=message):
		propose(district, child, volunteer)
	frappe.set_user("Administrator")
	assert frappe.db.count("Care Pairing") == before


def test_rejection_needs_a_reason_and_nobody_else_approves(district):
	t = district.tree
	name = propose(district, make_waiting_child(t.community11), make_volunteer(t.community11).name)
	with pytest.raises(frappe.ValidationError):
		frappe.set_user(district.officer)
		apply_workflow(frappe.get_doc("Care Pairing", name), "Approve Pairing")
	with pytest.raises(frappe.ValidationError, match="退回原因"):
		approve(district, name, "Reject Pairing")
	approve(district, name, "Reject Pairing", decision_notes="志愿者与儿童家庭距离过远")
	# a decision, final as an approval: submitted, kept, and the child free for another proposal
	assert frappe.db.get_value("Care Pairing", name, ["status", "docstatus"]) == ("Rejected", 1)
	child, volunteer = frappe.db.get_value("Care Pairing", name, ["child", "volunteer"])
	assert frappe.db.get_value("Child Profile", child, ["status", "current_pairing"]) == (
		"Awaiting Pairing",
		None,
	)
	assert frappe.db.get_value("Care Volunteer", volunteer, "active_pairings") == 0
	frappe.set_user("Administrator")
	assert propose(district, child, make_volunteer(t.community11).name)


def test_a_volunteer_sees_only_her_pairings_and_children_and_no_sensitive_field(district):
	t = district.tree
	user = make_user(language="zh")
	mine = make_volunteer(t.community11, user=user).name
	child = make_waiting_child(t.community11)
	other_child = make_waiting_child(t.community11)
	name = propose(district, child, mine)
	approve(district, name)
	frappe.set_user("Administrator")
	other_pairing = make_pairing(other_child, make_volunteer(t.community11).name).name

	frappe.set_user(user)
	assert frappe.get_list("Care Volunteer", pluck="name") == [mine]
	assert frappe.get_list("Care Pairing", pluck="name") == [name]
	assert frappe.get_list("Child Profile", pluck="name") == [child]
	seen = frappe.client.get("Child Profile", child)
	assert seen["full_name"] and seen["care_area"] == t.community11
	assert not any(seen.get(f) for f in ("id_number", "guardian_phone", "address"))
	for doctype, other in (("Child Profile", other_child), ("Care Pairing", other_pairing)):
		with pytest.raises(frappe.PermissionError):
			frappe.client.get(doctype, other)


def test_cancelling_an_approved_pairing_frees_the_place_and_the_child_waits_again(district):
	t = district.tree
	child = make_waiting_child(t.community11)
	volunteer = make_volunteer(t.community11).name
	name = make_active_pairing(child, volunteer)
	assert frappe.db.get_value("Care Volunteer", volunteer, "active_pairings") == 1
	frappe.get_doc("Care Pairing", name).cancel()
	assert frappe.db.get_value("Care Volunteer", volunteer, "active_pairings") == 0
	assert frappe.db.get_value("Child Profile", child, ["status", "current_pairing"]) == (
		"Awaiting Pairing",
		None,
	)
	assert frappe.db.get_value("Care Pairing", name, ["docstatus", "status"]) == (2, "Ended")


def test_a_paired_child_who_turns_18_is_aged_out_and_the_pairing_ends_with_its_history(district):
	from frappe.utils import add_years, getdate, today

	from kidcare import tasks

	t = district.tree
	child = make_waiting_child(t.community11, date_of_birth=str(add_years(getdate(today()), -18)))
	volunteer = make_volunteer(t.community11).name
	name = make_active_pairing(child, volunteer)

	assert tasks.mark_aged_out() >= 1

	pairing = frappe.get_doc("Care Pairing", name)
	assert (pairing.docstatus, pairing.status, str(pairing.end_date)) == (1, "Ended", today())
	assert "18" in pairing.end_reason
	assert frappe.db.get_value("Child Profile", child, ["status", "current_pairing"]) == ("Aged Out", None)
	assert frappe.db.get_value("Care Volunteer", volunteer, "active_pairings") == 0


def test_an_approved_pairing_status_cannot_be_edited_through_rest(district):
	t = district.tree
	name = make_active_pairing(make_waiting_child(t.community11), make_volunteer(t.community11).name)
	frappe.set_user(district.approver)
	for status in ("Ended", "Proposed"):
		with pytest.raises(frappe.ValidationError):
			frappe.client.set_value("Care Pairing", name, "status", status)
	assert frappe.db.get_value("Care Pairing", name, "status") == "Active"
