"""The desk list of Child Profile at province scale (#16): kidcare ANDs a plain ``care_area in (...)`` to
Frappe's User Permission condition (kidcare.permissions.area_condition) so that MariaDB can range-scan the
(care_area, modified) index, without touching the site's System Settings. It must change no answer: the
officer sees exactly her areas' children, another street's stay out, and a user whom Frappe does not scope
by Care Area gets no condition from kidcare either. The figure itself: benchmarks/desk_list.py."""

import frappe
from factories import make_child

from kidcare.permissions import area_condition, child_profile_query


def test_the_officers_list_is_her_streets_children_and_no_other(staff, tree):
	grant = frappe.get_doc(
		{
			"doctype": "User Permission",
			"user": staff["officer"],
			"allow": "Care Area",
			"for_value": tree.street1,
		}
	).insert(ignore_permissions=True)
	assert grant.name
	mine = {make_child(tree.community11).name, make_child(tree.community12).name}
	other = make_child(tree.community21).name
	strict = frappe.db.get_single_value("System Settings", "apply_strict_user_permissions")

	frappe.set_user(staff["officer"])
	listed = set(frappe.get_list("Child Profile", pluck="name", limit_page_length=0))
	counted = frappe.get_list("Child Profile", fields=["count(*) as n"], as_list=True)[0][0]
	query = frappe.get_list("Child Profile", fields=["name"], order_by="modified desc", run=False)

	assert mine <= listed and other not in listed
	assert counted == len(listed)
	# the indexable condition is there beside Frappe's own, naming her street and its communities only
	condition = child_profile_query(staff["officer"])
	assert condition in query
	for area in (tree.street1, tree.community11, tree.community12):
		assert f"'{area}'" in condition
	for area in (tree.street2, tree.community21, tree.district):
		assert f"'{area}'" not in condition
	# the site's System Settings were read, never written
	assert frappe.db.get_single_value("System Settings", "apply_strict_user_permissions") == strict


def test_no_condition_where_frappe_puts_no_care_area_scope(staff, tree):
	# an admin without User Permissions: Frappe scopes nothing, neither does kidcare
	assert area_condition("Child Profile", staff["admin"]) == ""
	# a User Permission on Care Area that applies to another doctype only: Frappe ignores it for children
	frappe.get_doc(
		{
			"doctype": "User Permission",
			"user": staff["other_officer"],
			"allow": "Care Area",
			"for_value": tree.street2,
			"apply_to_all_doctypes": 0,
			"applicable_for": "Care Volunteer",
		}
	).insert(ignore_permissions=True)
	assert area_condition("Child Profile", staff["other_officer"]) == ""
	assert area_condition("Care Volunteer", staff["other_officer"]).count("'") >= 2
	child = make_child(tree.community11).name
	frappe.set_user(staff["other_officer"])
	assert child in frappe.get_list("Child Profile", pluck="name", limit_page_length=0)


def test_no_condition_for_an_officer_of_so_many_areas_that_a_scan_is_cheaper(staff, tree, monkeypatch):
	import kidcare.permissions

	grant = frappe.get_doc(
		{
			"doctype": "User Permission",
			"user": staff["officer"],
			"allow": "Care Area",
			"for_value": tree.street1,
		}
	).insert(ignore_permissions=True)
	assert grant.name
	assert area_condition("Child Profile", staff["officer"])  # street 1 and its two communities: 3 areas
	monkeypatch.setattr(kidcare.permissions, "AREA_CONDITION_LIMIT", 2)
	assert area_condition("Child Profile", staff["officer"]) == ""
	# Frappe's own condition still scopes her list
	mine, other = make_child(tree.community11).name, make_child(tree.community21).name
	frappe.set_user(staff["officer"])
	listed = set(frappe.get_list("Child Profile", pluck="name", limit_page_length=0))
	assert mine in listed and other not in listed
