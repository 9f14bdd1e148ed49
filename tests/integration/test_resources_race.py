"""Two claimants claim one demand, and two volunteers take an activity's last place, at the same moment,
in two real database sessions: one wins, the other gets a clear message, nothing is written twice."""

import threading
from pathlib import Path

import frappe
import pytest
from conftest import BENCH, SITE
from factories import commit_area_tree, make_active_pairing, make_user, make_volunteer, make_waiting_child
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, add_to_date, now_datetime


def in_own_session(user: str, call, key: str, barrier: threading.Barrier, results: dict):
	frappe.init(site=SITE, sites_path=str(Path(BENCH) / "sites"))
	frappe.connect()
	try:
		frappe.set_user(user)
		frappe.local.lang = "zh"
		barrier.wait(timeout=30)
		results[key] = call()
		frappe.db.commit()
	except Exception as e:
		frappe.db.rollback()
		results[key] = e
	finally:
		frappe.destroy()


def race(calls: dict[str, tuple[str, callable]]) -> dict:
	barrier = threading.Barrier(len(calls))
	results: dict = {}
	threads = [
		threading.Thread(target=in_own_session, args=(user, call, key, barrier, results))
		for key, (user, call) in calls.items()
	]
	for t in threads:
		t.start()
	for t in threads:
		t.join(timeout=120)
	return results


@pytest.fixture
def cleanup():
	"""Committed records, removed afterwards (rows, logs and all), newest first."""
	made: list[tuple[str, str]] = []
	yield made
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for doctype, name in reversed(made):
		if doctype == "User":
			frappe.delete_doc("User", name, force=True, ignore_permissions=True)
			continue
		for df in frappe.get_meta(doctype).get_table_fields():
			frappe.db.delete(df.options, {"parent": name, "parenttype": doctype})
		frappe.db.delete("Notification Log", {"document_name": name})
		frappe.db.delete("Version", {"docname": name})
		if doctype == "Care Area":
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		else:
			frappe.db.delete(doctype, {"name": name})
	frappe.db.commit()


def paired_volunteer(area: str, made: list) -> tuple[str, str]:
	user = make_user(language="zh")
	volunteer = make_volunteer(area, user=user).name
	child = make_waiting_child(area)
	pairing = make_active_pairing(child, volunteer)
	made += [
		("User", user),
		("Care Volunteer", volunteer),
		("Child Profile", child),
		("Care Pairing", pairing),
	]
	return user, child


def test_two_claimants_at_once_one_wins_and_the_other_is_told(cleanup):
	from kidcare.resources import demands

	made = cleanup
	tree = commit_area_tree(made)
	user_a, user_b = make_user("Care Partner Staff"), make_user("Care Partner Staff")
	made += [("User", user_a), ("User", user_b)]
	for user, tag in ((user_a, "A"), (user_b, "B")):
		partner = frappe.get_doc(
			{
				"doctype": "Care Partner",
				"partner_name": f"竞争单位{tag}-{frappe.generate_hash(length=6)}",
				"kind": "Caring Company",
				"care_area": tree.district,
				"members": [{"user": user}],
			}
		).insert()
		made.append(("Care Partner", partner.name))
	child = make_waiting_child(tree.community11)
	made.append(("Child Profile", child))
	demand = frappe.get_doc(
		{"doctype": "Child Demand", "child": child, "need": "物资帮扶", "request": "冬衣"}
	).insert()
	made.append(("Child Demand", demand.name))
	for action in ("Escalate Demand", "Escalate Demand", "Publish Demand"):
		demand = apply_workflow(demand, action)
	frappe.db.commit()

	results = race({user: (user, lambda: demands.claim(demand.name)) for user in (user_a, user_b)})

	outcomes = sorted("claimed" if isinstance(r, dict) else "refused" for r in results.values())
	assert outcomes == ["claimed", "refused"], results
	refused = next(r for r in results.values() if not isinstance(r, dict))
	assert isinstance(refused, frappe.ValidationError) and "已被他人认领" in str(refused)
	frappe.db.rollback()
	winner = next(u for u, r in results.items() if isinstance(r, dict))
	stored = frappe.get_doc("Child Demand", demand.name)
	assert (stored.status, stored.claimed_by_user) == ("Claimed", winner)
	assert sum(1 for m in stored.history if m.moved_by in (user_a, user_b)) == 1


def test_two_volunteers_at_once_for_the_last_place_one_gets_it(cleanup):
	from kidcare.resources import activities

	made = cleanup
	tree = commit_area_tree(made)
	(user_a, child_a), (user_b, child_b) = (
		paired_volunteer(tree.community11, made),
		paired_volunteer(tree.community12, made),
	)
	activity = frappe.get_doc(
		{
			"doctype": "Care Activity",
			"activity_name": "最后一个名额",
			"care_area": tree.district,
			"venue": "妇女微家",
			"starts_at": add_days(now_datetime(), 2),
			"ends_at": add_to_date(add_days(now_datetime(), 2), hours=1),
			"capacity": 1,
		}
	).insert()
	made.append(("Care Activity", activity.name))
	frappe.db.commit()

	results = race(
		{
			child_a: (user_a, lambda: activities.sign_up(activity.name, child_a)),
			child_b: (user_b, lambda: activities.sign_up(activity.name, child_b)),
		}
	)

	assert sorted(r if isinstance(r, str) else "refused" for r in results.values()) == [
		"Signed Up",
		"refused",
	], results
	refused = next(r for r in results.values() if not isinstance(r, str))
	assert "已满" in str(refused)
	frappe.db.rollback()
	stored = frappe.get_doc("Care Activity", activity.name)
	assert [r.signup_status for r in stored.signups] == ["Signed Up"] and stored.places_taken == 1
