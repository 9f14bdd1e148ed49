"""Child Profile: the resident ID, the date of birth, the Care Area, and who sees the sensitive fields."""

import frappe
import frappe.client
import pytest
from factories import grant_area, make_area_tree, make_child, make_id_number, make_volunteer


def count_children():
	return frappe.db.count("Child Profile")


def test_a_valid_child_is_registered_with_an_age(tree):
	child = make_child(tree.community11, date_of_birth="2016-03-01", gender="Male")
	assert child.status == "Registered"
	assert child.name.startswith("CHD-")
	assert 9 <= child.age <= 11
	assert frappe.get_doc("Child Profile", child.name).id_number == child.id_number


def test_a_lower_case_x_is_accepted_and_stored_upper_case(tree):
	number = make_id_number("2014-10-10", "Female")
	while not number.endswith("X"):
		number = make_id_number("2014-10-10", "Female")
	child = make_child(
		tree.community11, date_of_birth="2014-10-10", gender="Female", id_number=number.lower()
	)
	assert child.id_number == number


def test_a_wrong_check_digit_is_refused_in_chinese(tree, zh):
	good = make_id_number("2015-06-07", "Female")
	bad = good[:17] + ("0" if good[17] != "0" else "1")
	before = count_children()
	with pytest.raises(frappe.ValidationError, match="校验位"):
		make_child(tree.community11, id_number=bad)
	assert count_children() == before


def test_an_id_that_disagrees_with_birth_date_or_gender_is_refused(tree, zh):
	with pytest.raises(frappe.ValidationError, match="出生日期"):
		make_child(
			tree.community11, date_of_birth="2015-06-07", id_number=make_id_number("2015-06-08", "Female")
		)
	with pytest.raises(frappe.ValidationError, match="性别"):
		make_child(tree.community11, gender="Female", id_number=make_id_number("2015-06-07", "Male"))


def test_a_birth_date_in_the_future_is_refused(tree, zh):
	with pytest.raises(frappe.ValidationError, match="不能晚于今天"):
		make_child(tree.community11, date_of_birth="2099-01-01", id_number=None)


def test_a_second_profile_with_the_same_id_names_the_first_as_a_link(tree, zh):
	first = make_child(tree.community11)
	before = count_children()
	with pytest.raises(frappe.DuplicateEntryError) as raised:
		make_child(tree.community12, id_number=first.id_number)
	assert f"/app/child-profile/{first.name}" in str(raised.value)
	assert "已登记" in str(raised.value)
	assert count_children() == before


def full_width(text: str) -> str:
	return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


def test_an_id_typed_in_full_width_is_stored_canonical_and_meets_its_duplicate(tree, zh):
	"""A Chinese input method types １１０…ｘ: stored as the canonical number, so the duplicate check
	finds the same child typed either way."""
	number = make_id_number("2014-10-10", "Female")
	child = make_child(
		tree.community11,
		date_of_birth="2014-10-10",
		gender="Female",
		id_number=f" {full_width(number.lower())}　",
	)
	assert frappe.db.get_value("Child Profile", child.name, "id_number") == number
	before = count_children()
	with pytest.raises(frappe.DuplicateEntryError, match="已登记"):
		make_child(tree.community12, date_of_birth="2014-10-10", gender="Female", id_number=number)
	assert count_children() == before


def test_phones_are_stored_in_one_form_and_a_non_phone_is_refused(tree, zh):
	child = make_child(tree.community11, guardian_phone="+86 １３８-0013 8000")
	assert frappe.db.get_value("Child Profile", child.name, "guardian_phone") == "13800138000"
	landline = make_child(tree.community11, guardian_phone="（0571）8888-6666")
	assert landline.guardian_phone == "057188886666"
	before = count_children()
	with pytest.raises(frappe.ValidationError, match="不是有效的电话号码"):
		make_child(tree.community11, guardian_phone="8888")
	assert count_children() == before
	volunteer = make_volunteer(tree.community11, mobile="139 0000 0001")
	assert frappe.db.get_value("Care Volunteer", volunteer.name, "mobile") == "13900000001"


def test_children_without_an_id_number_can_coexist(tree):
	a = make_child(tree.community11, id_number="")
	b = make_child(tree.community11, id_number=None)
	assert a.id_number is None and b.id_number is None


def test_the_care_area_must_be_a_community(tree, zh):
	with pytest.raises(frappe.ValidationError, match="必须是社区"):
		make_child(tree.street1)


def test_sensitive_fields_sit_above_level_zero_and_status_above_that():
	meta = frappe.get_meta("Child Profile")
	assert {
		f: meta.get_field(f).permlevel for f in ("id_number", "guardian_phone", "address")
	} == dict.fromkeys(("id_number", "guardian_phone", "address"), 1)
	assert meta.get_field("status").permlevel == 2
	readers = {p.role for p in meta.permissions if p.permlevel == 1 and p.read}
	assert readers == {
		"KidCare Admin",
		"District Approver",
		"Street Officer",
		"Community Worker",
		"System Manager",
	}
	assert "Care Volunteer" not in {p.role for p in meta.permissions if p.permlevel == 1}


def test_street_staff_read_the_sensitive_fields_but_cannot_set_the_status(tree, staff):
	child = make_child(tree.community11)
	officer = staff.officer
	grant_area(officer, tree.street1)
	frappe.set_user(officer)
	seen = frappe.client.get("Child Profile", child.name)
	assert seen["id_number"] == child.id_number and seen["guardian_phone"] == "13800000000"
	frappe.client.set_value("Child Profile", child.name, "status", "Paired")
	assert frappe.db.get_value("Child Profile", child.name, "status") == "Registered"


def test_another_street_does_not_see_the_child(tree, staff):
	child = make_child(tree.community11)
	other = staff.other_officer
	grant_area(other, tree.street2)
	frappe.set_user(other)
	assert child.name not in frappe.get_list("Child Profile", pluck="name", limit_page_length=0)
	with pytest.raises(frappe.PermissionError):
		frappe.client.get("Child Profile", child.name)
