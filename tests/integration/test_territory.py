"""Street and community staff see their Care Area and below, and nothing else, everywhere the desk looks."""

import frappe
import frappe.client
import pytest
from factories import grant_area, make_area_tree
from frappe.desk.reportview import get as reportview_get
from frappe.desk.search import search_link


@pytest.fixture
def scoped(staff):
	tree = make_area_tree()
	grant_area(staff.officer, tree.street1)
	grant_area(staff.worker, tree.community21)
	return frappe._dict(tree=tree, officer=staff.officer, worker=staff.worker, admin=staff.admin)


def own_street(tree):
	return {tree.street1, tree.community11, tree.community12}


def test_get_list_shows_the_street_and_its_communities_only(scoped):
	frappe.set_user(scoped.officer)
	assert set(frappe.get_list("Care Area", pluck="name", limit_page_length=0)) == own_street(scoped.tree)


def test_a_community_worker_sees_their_community_only(scoped):
	frappe.set_user(scoped.worker)
	assert frappe.get_list("Care Area", pluck="name", limit_page_length=0) == [scoped.tree.community21]


def test_link_search_offers_only_permitted_areas(scoped):
	frappe.set_user(scoped.officer)
	results = search_link("Care Area", "", page_length=100)
	assert {r["value"] for r in results} == own_street(scoped.tree)
	tag = scoped.tree.district.rsplit("-", 1)[1]
	assert {r["value"] for r in search_link("Care Area", tag, page_length=100)} == own_street(scoped.tree)


def test_report_view_counts_only_permitted_areas(scoped):
	frappe.set_user(scoped.officer)
	frappe.local.form_dict = frappe._dict(
		doctype="Care Area", fields=["`tabCare Area`.`name`"], limit_page_length=0, view="Report"
	)
	response = reportview_get()
	assert {row[0] for row in response["values"]} == own_street(scoped.tree)


def test_frappe_client_refuses_another_street(scoped):
	frappe.set_user(scoped.officer)
	listed = frappe.client.get_list("Care Area", limit_page_length=0)
	assert {row["name"] for row in listed} == own_street(scoped.tree)
	assert frappe.client.get("Care Area", scoped.tree.community11)["name"] == scoped.tree.community11
	for outside in (scoped.tree.street2, scoped.tree.community21, scoped.tree.district):
		with pytest.raises(frappe.PermissionError):
			frappe.client.get("Care Area", outside)


def test_a_street_officer_cannot_edit_the_tree(scoped):
	frappe.set_user(scoped.officer)
	doc = frappe.get_doc("Care Area", scoped.tree.community11)
	doc.description = "改一下"
	with pytest.raises(frappe.PermissionError):
		doc.save()


def test_federation_staff_see_everything(scoped):
	frappe.set_user(scoped.admin)
	assert set(scoped.tree.values()) <= set(frappe.get_list("Care Area", pluck="name", limit_page_length=0))
