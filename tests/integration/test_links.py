"""A link names a record that exists, also where another field fetches from it (Frappe 15 skips that case:
kidcare.writes.check_fetched_links). Bad input gets Frappe's own message and writes nothing."""

import frappe
import pytest
from factories import grant_area, make_active_pairing, make_volunteer, make_waiting_child
from frappe.utils import today


def test_a_link_to_nothing_is_refused_even_where_a_field_fetches_from_it(staff, tree, zh):
	grant_area(staff.officer, tree.street1)
	child = make_waiting_child(tree.community11)
	pairing = make_active_pairing(child, make_volunteer(tree.community11).name)
	frappe.set_user(staff.officer)
	before = {d: frappe.db.count(d) for d in ("Child Demand", "Care Contact", "Child Need")}

	with pytest.raises(frappe.LinkValidationError, match=r"找不到.*不存在的需求"):
		frappe.get_doc(
			{"doctype": "Child Demand", "child": child, "need": "不存在的需求", "request": "辅导"}
		).insert()
	with pytest.raises(frappe.LinkValidationError, match="PAIR-NOPE"):
		frappe.get_doc({"doctype": "Care Contact", "pairing": "PAIR-NOPE", "contact_date": today(),
			"contact_type": "Phone or Video", "duration_minutes": 10, "summary": "电话"}).insert()  # fmt: skip
	profile = frappe.get_doc("Child Profile", child)
	profile.append("needs", {"care_need": "不存在的需求", "priority": "High"})
	with pytest.raises(frappe.LinkValidationError, match=r"#\d+.*不存在的需求"):
		profile.save()

	assert {d: frappe.db.count(d) for d in before} == before
	# the same records with links that exist are taken
	frappe.get_doc(
		{"doctype": "Child Demand", "child": child, "need": "学业辅导", "request": "辅导"}
	).insert()
	frappe.get_doc({"doctype": "Care Contact", "pairing": pairing, "contact_date": today(),
		"contact_type": "Phone or Video", "duration_minutes": 10, "summary": "电话"}).insert()  # fmt: skip
