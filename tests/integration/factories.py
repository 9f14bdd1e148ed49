"""Small functions that build valid records for tests, each with a unique name."""

import frappe

PASSWORD = "Kidcare-Test-Pw-2026!"


def unique(prefix: str) -> str:
	return f"{prefix}-{frappe.generate_hash(length=8)}"


def make_user(*roles: str, language: str = "zh", first_name: str | None = None) -> str:
	email = f"{unique('kc')}@kidcare.test".lower()
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": first_name or email.split("@")[0],
			"language": language,
			"send_welcome_email": 0,
			"new_password": PASSWORD,
			"roles": [{"role": role} for role in roles],
		}
	).insert(ignore_permissions=True)
	return user.name


def make_area(name: str, area_type: str, parent: str | None = None) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Care Area",
				"care_area_name": name,
				"area_type": area_type,
				"parent_care_area": parent,
			}
		)
		.insert()
		.name
	)


def make_area_tree() -> frappe._dict:
	"""One district with two streets, two communities each, named uniquely for this test."""
	tag = frappe.generate_hash(length=6)
	tree = frappe._dict(district=make_area(f"测试区-{tag}", "District"))
	for s in (1, 2):
		street = make_area(f"测试街道{s}-{tag}", "Street", tree.district)
		tree[f"street{s}"] = street
		for c in (1, 2):
			tree[f"community{s}{c}"] = make_area(f"测试社区{s}{c}-{tag}", "Community", street)
	return tree


def commit_area_tree(committed: list) -> frappe._dict:
	"""An area tree for a test that commits: registered with the ``committed`` fixture, leaves first
	on clean-up."""
	tree = make_area_tree()
	for key in ("community22", "community21", "community12", "community11", "street2", "street1", "district"):
		committed.insert(0, ("Care Area", tree[key]))
	return tree


def grant_area(user: str, area: str) -> str:
	"""Scope ``user`` to ``area`` and everything under it (a User Permission on Care Area)."""
	return (
		frappe.get_doc({"doctype": "User Permission", "user": user, "allow": "Care Area", "for_value": area})
		.insert(ignore_permissions=True)
		.name
	)


def make_id_number(date_of_birth: str, gender: str) -> str:
	"""A valid 18-digit resident ID for that birth date and gender, random otherwise (address code and
	sequence from ``secrets``: the global ``random`` is reseeded per test by the Hypothesis plugin)."""
	import secrets

	from kidcare.rules.id_number import check_char

	sequence = secrets.randbelow(998)
	if (sequence % 2 == 1) != (gender == "Male"):
		sequence += 1
	address = 110000 + secrets.randbelow(800000)
	first17 = f"{address}{date_of_birth.replace('-', '')}{sequence:03d}"
	return first17 + check_char(first17)


def make_child(care_area: str, **values) -> "frappe.model.document.Document":
	"""A child in ``care_area`` (a Community) with a valid ID number and the guardian's consent."""
	values.setdefault("date_of_birth", "2015-06-07")
	values.setdefault("gender", "Female")
	doc = frappe.get_doc(
		{
			"doctype": "Child Profile",
			"full_name": values.pop("full_name", None) or unique("测试儿童"),
			"care_area": care_area,
			"id_number": make_id_number(values["date_of_birth"], values["gender"]),
			"guardian_name": "测试监护人",
			"guardian_relation": "Grandparent",
			"guardian_phone": "13800000000",
			"guardian_consent": 1,
			"consent_date": "2026-01-05",
			"address": "测试路 1 号",
			**values,
		}
	)
	return doc.insert()


def make_enrollment(child: str, **values) -> "frappe.model.document.Document":
	return frappe.get_doc(
		{"doctype": "Child Enrollment", "child": child, "source": "Needs Survey", **values}
	).insert()


def make_volunteer(care_area: str, **values) -> "frappe.model.document.Document":
	"""An Active, screened and trained volunteer in ``care_area``."""
	skills = values.pop("skills", [])
	return frappe.get_doc(
		{
			"doctype": "Care Volunteer",
			"full_name": values.pop("full_name", None) or unique("测试妈妈"),
			"gender": "Female",
			"mobile": "13900000000",
			"care_area": care_area,
			"status": "Active",
			"screening_status": "Passed",
			"training_completed_on": "2026-03-01",
			"capacity": 1,
			"skills": [{"care_skill": s} for s in skills],
			**values,
		}
	).insert()


def make_waiting_child(care_area: str, **values) -> str:
	"""A child whose enrollment was approved (Awaiting Pairing), made as Administrator."""
	child = make_child(care_area, **values)
	child.move_to("Awaiting Pairing")
	return child.name


def make_pairing(child: str, volunteer: str, **values) -> "frappe.model.document.Document":
	return frappe.get_doc(
		{"doctype": "Care Pairing", "child": child, "volunteer": volunteer, **values}
	).insert()


def make_active_pairing(child: str, volunteer: str) -> str:
	"""A pairing proposed and approved (as Administrator, through the workflow)."""
	from frappe.model.workflow import apply_workflow

	pairing = make_pairing(child, volunteer)
	apply_workflow(pairing, "Approve Pairing")
	return pairing.name


def scoped_staff(staff: dict, tree: dict) -> "frappe._dict":
	"""The session's staff logins scoped to ``tree`` (a make_area_tree): the Community Worker to
	community 1-1, the Street Officer to street 1, the other officer to street 2, the District Approver
	to the district. Returns them with the tree, as a test's ``p``."""
	grant_area(staff["worker"], tree["community11"])
	grant_area(staff["officer"], tree["street1"])
	grant_area(staff["other_officer"], tree["street2"])
	grant_area(staff["approver"], tree["district"])
	return frappe._dict(tree=tree, **staff)
