"""The Care Area tree: valid shapes go in, invalid ones get a Chinese error and write nothing."""

import frappe
import pytest
from factories import make_area, make_area_tree


def tree_state():
	return frappe.get_all(
		"Care Area", fields=["name", "parent_care_area", "lft", "rgt", "area_type"], order_by="name"
	)


def test_a_tree_is_nested_and_only_communities_are_leaves(tree):
	district = frappe.get_doc("Care Area", tree.district)
	descendants = frappe.get_all(
		"Care Area", filters={"lft": (">", district.lft), "rgt": ("<", district.rgt)}, pluck="name"
	)
	assert set(descendants) == {tree[k] for k in tree if k != "district"}
	assert district.is_group == 1
	assert frappe.db.get_value("Care Area", tree.street1, "is_group") == 1
	assert frappe.db.get_value("Care Area", tree.community11, "is_group") == 0


def test_a_street_under_a_community_is_refused(tree, zh):
	before = tree_state()
	with pytest.raises(frappe.ValidationError, match="社区（村），其下不能再设区域"):
		make_area("街道-错误", "Street", tree.community11)
	assert not frappe.db.exists("Care Area", "街道-错误")
	assert tree_state() == before


def test_a_parent_of_a_lower_level_is_refused(tree, zh):
	before = tree_state()
	with pytest.raises(frappe.ValidationError, match="上级区域的层级必须更高"):
		make_area("区-错误", "District", tree.street1)
	assert not frappe.db.exists("Care Area", "区-错误")
	assert tree_state() == before


def test_a_street_without_a_district_is_refused(zh):
	with pytest.raises(frappe.ValidationError, match="街道（镇）必须隶属于一个区"):
		make_area("孤立街道", "Street")
	assert not frappe.db.exists("Care Area", "孤立街道")


def test_a_street_with_communities_cannot_become_a_community(tree, zh):
	before = tree_state()
	street = frappe.get_doc("Care Area", tree.street1)
	street.area_type = "Community"
	with pytest.raises(frappe.ValidationError, match="下已有下级区域"):
		street.save()
	assert tree_state() == before


def test_a_cycle_is_refused_and_the_tree_is_unchanged(zh):
	# a city federation may group districts under a district: A > B; putting A under B is a cycle
	a = make_area(f"上级区-{frappe.generate_hash(length=6)}", "District")
	b = make_area(f"下级区-{frappe.generate_hash(length=6)}", "District", a)
	before = tree_state()
	doc = frappe.get_doc("Care Area", a)
	doc.parent_care_area = b
	with pytest.raises(frappe.ValidationError, match="不能放在自身或其下级区域之下"):
		doc.save()
	assert tree_state() == before

	doc = frappe.get_doc("Care Area", a)
	doc.parent_care_area = a
	with pytest.raises(frappe.ValidationError, match="不能放在自身或其下级区域之下"):
		doc.save()
	assert tree_state() == before


def test_moving_a_community_to_another_street_keeps_the_tree_consistent(tree):
	community = frappe.get_doc("Care Area", tree.community11)
	community.parent_care_area = tree.street2
	community.save()
	street2 = frappe.get_doc("Care Area", tree.street2)
	under_street2 = frappe.get_all(
		"Care Area", filters={"lft": (">", street2.lft), "rgt": ("<", street2.rgt)}, pluck="name"
	)
	assert set(under_street2) == {tree.community11, tree.community21, tree.community22}


def test_a_care_area_with_sub_areas_cannot_be_deleted(tree):
	with pytest.raises(frappe.ValidationError):
		frappe.delete_doc("Care Area", tree.street1)
	assert frappe.db.exists("Care Area", tree.street1)


def test_an_area_added_or_renamed_under_hers_is_hers_at_once(tree, staff):
	"""Frappe caches her User Permissions with her area's descendants: a community added or renamed under
	her street must reach her list (and the cards, which read the same list) without waiting."""
	from factories import grant_area

	grant_area(staff.officer, tree.street1)
	frappe.set_user(staff.officer)
	assert tree.community11 in frappe.get_list("Care Area", pluck="name", limit_page_length=0)
	frappe.set_user("Administrator")
	added = make_area(f"新社区-{frappe.generate_hash(length=5)}", "Community", tree.street1)
	renamed = frappe.rename_doc("Care Area", tree.community12, f"{tree.community12}-改名", force=True)
	frappe.set_user(staff.officer)
	mine = frappe.get_list("Care Area", pluck="name", limit_page_length=0)
	assert added in mine and renamed in mine and tree.community12 not in mine
	assert tree.community21 not in mine
