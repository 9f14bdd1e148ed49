"""Two District Approvers approve at the same moment, in two real database sessions."""

import threading
from pathlib import Path

import frappe
import pytest
from conftest import BENCH, SITE
from factories import grant_area, make_area_tree, make_pairing, make_volunteer, make_waiting_child
from frappe.model.workflow import apply_workflow

from kidcare import tally


def approve_in_own_session(user: str, pairing: str, barrier: threading.Barrier, results: dict):
	frappe.init(site=SITE, sites_path=str(Path(BENCH) / "sites"))
	frappe.connect()
	try:
		frappe.set_user(user)
		doc = frappe.get_doc("Care Pairing", pairing)
		barrier.wait(timeout=30)
		apply_workflow(doc, "Approve Pairing")
		frappe.db.commit()
		results[pairing] = "approved"
	except Exception as e:
		frappe.db.rollback()
		results[pairing] = e
	finally:
		frappe.destroy()


def race(user: str, pairings: list[str]) -> dict:
	barrier = threading.Barrier(len(pairings))
	results: dict = {}
	threads = [
		threading.Thread(target=approve_in_own_session, args=(user, p, barrier, results)) for p in pairings
	]
	for t in threads:
		t.start()
	for t in threads:
		t.join(timeout=120)
	return results


@pytest.fixture
def committed_world(staff):
	tree = make_area_tree()
	grant = grant_area(staff.approver, tree.district)
	made = frappe._dict(
		tree=tree, approver=staff.approver, grant=grant, children=[], volunteers=[], pairings=[]
	)
	yield made
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.db.delete("Care Pairing", {"name": ("in", made.pairings or [""])})
	tally.refresh(made.pairings or [""])  # a raw delete: its tally rows and the areas' counts follow
	for name in made.children:
		frappe.delete_doc("Child Profile", name, force=True, ignore_permissions=True)
	for name in made.volunteers:
		frappe.delete_doc("Care Volunteer", name, force=True, ignore_permissions=True)
	frappe.delete_doc("User Permission", grant, force=True, ignore_permissions=True)
	for key in ("community22", "community21", "community12", "community11", "street2", "street1", "district"):
		frappe.delete_doc("Care Area", tree[key], force=True, ignore_permissions=True)
	frappe.db.commit()


def test_two_approvals_for_a_volunteer_with_one_place_pair_only_one_child(committed_world):
	w = committed_world
	volunteer = make_volunteer(w.tree.community11, capacity=1).name
	w.volunteers.append(volunteer)
	for _ in range(2):
		child = make_waiting_child(w.tree.community11)
		w.children.append(child)
		w.pairings.append(make_pairing(child, volunteer).name)
	frappe.db.commit()

	results = race(w.approver, w.pairings)

	assert sorted(r if isinstance(r, str) else "refused" for r in results.values()) == ["approved", "refused"]
	refused = next(r for r in results.values() if not isinstance(r, str))
	assert isinstance(refused, frappe.ValidationError)
	frappe.db.rollback()
	assert frappe.db.count("Care Pairing", {"volunteer": volunteer, "status": "Active", "docstatus": 1}) == 1
	assert frappe.db.get_value("Care Volunteer", volunteer, "active_pairings") == 1
	assert "已达上限" in str(refused) or "capacity" in str(refused)
	assert sorted(frappe.db.get_value("Child Profile", c, "status") for c in w.children) == [
		"Awaiting Pairing",
		"Paired",
	]


def test_two_approvals_for_one_child_pair_the_child_once(committed_world):
	w = committed_world
	child = make_waiting_child(w.tree.community11)
	w.children.append(child)
	for _ in range(2):
		volunteer = make_volunteer(w.tree.community11, capacity=2).name
		w.volunteers.append(volunteer)
		pairing = frappe.get_doc({"doctype": "Care Pairing", "child": child, "volunteer": volunteer})
		# two proposals that raced past each other's check, as two officers clicking at once would
		pairing.flags.ignore_validate = True
		w.pairings.append(pairing.insert().name)
	frappe.db.commit()

	results = race(w.approver, w.pairings)

	assert sorted(r if isinstance(r, str) else "refused" for r in results.values()) == ["approved", "refused"]
	frappe.db.rollback()
	assert frappe.db.count("Care Pairing", {"child": child, "status": "Active", "docstatus": 1}) == 1
	winner = next(p for p, r in results.items() if r == "approved")
	assert frappe.db.get_value("Child Profile", child, ["status", "current_pairing"]) == ("Paired", winner)
