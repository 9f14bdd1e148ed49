"""Two officers submit pledges for the same child at the same moment, in two real database sessions:
the child's row is locked, so the second waits for the first and then sees it. Two disbursements race
for one balance the same way."""

import threading
from pathlib import Path

import frappe
import pytest
from conftest import BENCH, SITE
from factories import commit_area_tree
from sponsorship_factories import (
	make_disbursement,
	make_receipt,
	make_sponsor,
	make_sponsorship,
	sponsored_child,
)


def submit_in_own_session(doctype: str, name: str, barrier: threading.Barrier, results: dict):
	frappe.init(site=SITE, sites_path=str(Path(BENCH) / "sites"))
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		doc = frappe.get_doc(doctype, name)
		barrier.wait(timeout=30)
		doc.submit()
		frappe.db.commit()
		results[name] = "submitted"
	except Exception as e:
		frappe.db.rollback()
		results[name] = e
	finally:
		frappe.destroy()


def race(doctype: str, names: list[str]) -> dict:
	barrier = threading.Barrier(len(names))
	results: dict = {}
	threads = [
		threading.Thread(target=submit_in_own_session, args=(doctype, n, barrier, results)) for n in names
	]
	for t in threads:
		t.start()
	for t in threads:
		t.join(timeout=120)
	return results


@pytest.fixture
def committed_money(committed):
	"""``committed``, whose clean-up refuses to delete submitted documents: ours are put back to draft
	first (with their ERPNext entries, on a site that has them, none: no mapping is set here)."""
	yield committed
	frappe.db.rollback()
	for doctype in ("Sponsorship Disbursement", "Sponsorship Receipt", "Child Sponsorship"):
		names = [name for dt, name in committed if dt == doctype]
		if names:
			frappe.db.set_value(doctype, {"name": ("in", names)}, "docstatus", 0, update_modified=False)
	frappe.db.commit()


def outcome(results: dict) -> list[str]:
	return sorted(r if isinstance(r, str) else "refused" for r in results.values())


def test_two_full_pledges_for_one_child_at_once_promise_her_once(committed_money):
	committed = committed_money
	tree = commit_area_tree(committed)
	child = sponsored_child(tree.community11)
	committed.append(("Child Profile", child))
	pledges = []
	for _ in range(2):
		sponsor = make_sponsor(tree.street1)
		committed.append(("Care Sponsor", sponsor))
		pledges.append(make_sponsorship(child, sponsor, submit=False).name)
		committed.append(("Child Sponsorship", pledges[-1]))
	frappe.db.commit()

	results = race("Child Sponsorship", pledges)

	assert outcome(results) == ["refused", "submitted"], results
	refused = next(r for r in results.values() if not isinstance(r, str))
	assert isinstance(refused, frappe.ValidationError)
	frappe.db.rollback()
	assert frappe.db.count("Child Sponsorship", {"child": child, "docstatus": 1}) == 1


def test_two_disbursements_at_once_never_exceed_the_balance(committed_money):
	committed = committed_money
	tree = commit_area_tree(committed)
	child = sponsored_child(tree.community11)
	committed.append(("Child Profile", child))
	sponsor = make_sponsor(tree.street1)
	committed.append(("Care Sponsor", sponsor))
	pledge = make_sponsorship(child, sponsor).name
	committed.append(("Child Sponsorship", pledge))
	committed.append(("Sponsorship Receipt", make_receipt(pledge, 1000).name))
	given = []
	for _ in range(2):
		doc = make_disbursement(child, 600, submit=False)
		committed.append(("File", frappe.db.get_value("File", {"file_url": doc.evidence})))
		committed.append(("Sponsorship Disbursement", doc.name))
		given.append(doc.name)
	frappe.db.commit()

	results = race("Sponsorship Disbursement", given)

	assert outcome(results) == ["refused", "submitted"], results
	frappe.db.rollback()
	assert frappe.db.count("Sponsorship Disbursement", {"child": child, "docstatus": 1}) == 1
