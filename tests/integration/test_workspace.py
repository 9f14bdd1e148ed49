"""The federation's desk: the 结对帮扶 workspace, its number cards and charts (each scoped to the viewer's
area), the connections, and the pairing agreement print format."""

import frappe
import pytest
from factories import (
	make_active_pairing,
	make_area_tree,
	make_child,
	make_enrollment,
	make_volunteer,
	make_waiting_child,
	scoped_staff,
)
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.model.workflow import apply_workflow

from kidcare import dashboard

CARDS = ("Children Registered", "Children Awaiting Pairing", "Children Paired", "Pairings Not Met This Month",
	"Reviews Overdue", "Approvals Waiting for Me", "Children Sponsored Now", "Sponsorship Arrears", "Disbursed This Year",
	"Demands Waiting at My Level", "Demands Overdue", "Published Demands Unclaimed")  # fmt: skip
CHARTS = ("Monthly Compliance Trend", "Pairings by Street", "Children by Category", "Children by Need Area",
	"Children Sponsored vs Eligible")  # fmt: skip


@pytest.fixture
def district(staff):
	"""Two streets: three children in street 1 (one paired, one waiting, one registered), one paired in
	street 2."""
	tree = make_area_tree()
	p = scoped_staff(staff, tree)
	p.paired = make_waiting_child(tree.community11, categories=[{"category": "Left-behind"}])
	p.pairing = make_active_pairing(p.paired, make_volunteer(tree.community11).name)
	p.waiting = make_waiting_child(tree.community12, categories=[{"category": "Orphan"}])
	p.registered = make_child(tree.community11).name
	p.far = make_waiting_child(tree.community21, categories=[{"category": "Left-behind"}])
	make_active_pairing(p.far, make_volunteer(tree.community21).name)
	return p


def card_number(name):
	card = frappe.get_doc("Number Card", name)
	filters = frappe.parse_json(card.filters_json) + [
		[f[0], f[1], f[2], frappe.utils.today()] for f in frappe.parse_json(card.dynamic_filters_json)
	]
	return get_result(card.as_dict(), filters)


def test_the_workspace_ships_with_its_cards_and_charts():
	ws = frappe.get_doc("Workspace", "KidCare")
	assert [c.number_card_name for c in ws.number_cards] == list(CARDS)
	assert [c.chart_name for c in ws.charts] == list(CHARTS)
	assert all(frappe.db.exists("Number Card", c) for c in CARDS)
	assert all(frappe.db.exists("Dashboard Chart", c) for c in CHARTS)
	assert {"Map of Children", "Map of Volunteers", "Awaiting Pairing"} <= {s.label for s in ws.shortcuts}


def test_the_cards_count_only_the_viewers_area(district):
	p = district
	in_program = {"status": ("in", ("Registered", "Awaiting Pairing", "Paired"))}
	for user, hers, not_hers in (
		(p.officer, {p.paired, p.waiting, p.registered}, {p.far}),
		(p.other_officer, {p.far}, {p.paired}),
	):
		frappe.set_user(user)
		visible = set(frappe.get_list("Child Profile", filters=in_program, pluck="name"))
		assert hers <= visible and not (not_hers & visible)
		assert card_number("Children Registered") == len(visible)
		assert card_number("Children Paired") == len(
			frappe.get_list("Child Profile", filters={"status": "Paired"})
		)
		assert card_number("Children Awaiting Pairing") == len(
			frappe.get_list("Child Profile", filters={"status": "Awaiting Pairing"})
		)


def test_approvals_waiting_for_me_follow_the_workflow_and_the_area(district):
	p = district
	counts = {}

	def take():
		for user in (p.officer, p.other_officer, p.approver, p.worker):
			frappe.set_user(user)
			counts.setdefault(user, []).append(dashboard.approvals_waiting_for_me())

	take()
	frappe.set_user(p.worker)
	enrollment = make_enrollment(p.registered)
	apply_workflow(enrollment, "Submit Enrollment")
	take()
	frappe.set_user(p.officer)
	doc = frappe.get_doc("Child Enrollment", enrollment.name)
	doc.verification_notes = "属实"
	doc.save()
	apply_workflow(doc, "Verify Enrollment")
	take()
	# waiting for the officer of street 1, then for the district; never for street 2, nor for the
	# worker who registered it
	assert [n - counts[p.officer][0] for n in counts[p.officer]] == [0, 1, 0]
	assert [n - counts[p.approver][0] for n in counts[p.approver]] == [0, 0, 1]
	assert len(set(counts[p.other_officer])) == 1
	assert len(set(counts[p.worker])) == 1


def test_the_charts_show_the_viewers_streets(district):
	p = district
	frappe.set_user(p.officer)
	by_street = dashboard.pairings_by_street()
	assert by_street["labels"] == [p.tree.street1]
	assert by_street["datasets"][0]["values"] == [1]
	frappe.set_user(p.approver)
	assert {p.tree.street1, p.tree.street2} <= set(dashboard.pairings_by_street()["labels"])

	frappe.local.lang = "zh"
	frappe.set_user(p.officer)
	categories = dashboard.children_by_category()
	counts = dict(zip(categories["labels"], categories["datasets"][0]["values"], strict=True))
	assert counts["留守"] == 1 and counts["孤儿"] == 1  # the left-behind child of street 2 is not hers
	trend = dashboard.compliance_trend()
	assert len(trend["labels"]) == 6 and len(trend["datasets"][0]["values"]) == 6


def test_exit_requests_show_in_the_connections_of_child_volunteer_and_pairing():
	for doctype in ("Child Profile", "Care Volunteer", "Care Pairing"):
		items = [
			i for group in frappe.get_meta(doctype).get_dashboard_data().transactions for i in group["items"]
		]
		assert "Exit Request" in items, doctype


def test_the_pairing_agreement_prints_in_chinese(district, printing):
	frappe.local.lang = "zh"
	html = frappe.get_print("Care Pairing", district.pairing, print_format="Care Pairing Agreement")
	assert "结对帮扶协议书" in html and "每月至少与孩子联系 1 次" in html
	assert frappe.db.get_value("Care Pairing", district.pairing, "volunteer_name") in html
