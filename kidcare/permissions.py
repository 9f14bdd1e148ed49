"""What User Permissions on Care Area cannot express: a volunteer sees only her own record, her own
pairings, the children paired with her and the exit requests about her pairings. A guardian (a website
user) has no permission on any of them: her web form lists her own requests through ``guardian_scope``.

One ``frappe.qb`` condition per doctype serves both hooks, so a list (permission_query_conditions)
and a form (has_permission) always agree. Staff roles are scoped by their User Permissions instead and
get no extra condition.
"""

import frappe
from frappe.query_builder import Criterion

STAFF_ROLES = {"System Manager", "KidCare Admin", "District Approver", "Street Officer", "Community Worker"}


def is_staff(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(set(frappe.get_roles(user)) & STAFF_ROLES)


def require_staff():
	"""The program's figures and the matching tools are staff's: a volunteer, a guardian or a website
	user gets 403 (their own pages call other endpoints)."""
	if not is_staff():
		frappe.throw(frappe._("This is for the program's staff."), frappe.PermissionError)


def volunteer_only(user: str) -> bool:
	roles = set(frappe.get_roles(user))
	return "Care Volunteer" in roles and not roles & STAFF_ROLES


def volunteer_scope(doctype: str, user: str) -> Criterion:
	"""The rows of ``doctype`` a volunteer-only ``user`` may see."""
	volunteer = frappe.qb.DocType("Care Volunteer")
	pairing = frappe.qb.DocType("Care Pairing")
	table = frappe.qb.DocType(doctype)
	own_volunteers = frappe.qb.from_(volunteer).select(volunteer.name).where(volunteer.user == user)
	if doctype == "Care Volunteer":
		return table.user == user
	if doctype in ("Care Pairing", "Care Contact", "Monthly Review", "Exit Request"):
		return table.volunteer.isin(own_volunteers)
	if doctype in ("Child Profile", "Child Demand"):
		paired = (
			frappe.qb.from_(pairing)
			.select(pairing.child)
			.where(
				pairing.volunteer.isin(own_volunteers)
				& (pairing.docstatus == 1)
				& (pairing.status == "Active")
			)
		)
		return (table.name if doctype == "Child Profile" else table.child).isin(paired)
	raise ValueError(doctype)


def guardian_scope(doctype: str, user: str) -> Criterion:
	"""The exit requests a guardian follows on the website: those about the children whose guardian
	login she is."""
	child = frappe.qb.DocType("Child Profile")
	table = frappe.qb.DocType(doctype)
	return table.child.isin(frappe.qb.from_(child).select(child.name).where(child.guardian_user == user))


def scope(doctype: str, user: str) -> Criterion | None:
	"""The rows of ``doctype`` ``user`` may see beyond what her User Permissions allow, or None when
	her roles put no limit there (staff, scoped by their Care Area)."""
	roles = set(frappe.get_roles(user))
	if roles & STAFF_ROLES:
		return None
	parts = []
	if "Care Volunteer" in roles:
		parts.append(volunteer_scope(doctype, user))
	return Criterion.any(parts) if parts else None


def query_conditions(doctype: str, user: str | None) -> str:
	condition = scope(doctype, user or frappe.session.user)
	if condition is None:
		return ""
	return condition.get_sql(quote_char="`", with_namespace=True)


#: above this many permitted areas area_condition adds nothing (see there)
AREA_CONDITION_LIMIT = 1000


def area_condition(doctype: str, user: str) -> str:
	"""The same Care Area restriction Frappe's User Permissions put on a list, as a plain
	``care_area in (...)`` AND-ed to it. Unless System Settings' Apply Strict User Permissions is on
	(a site-wide setting kidcare leaves alone), Frappe writes it as
	``(ifnull(care_area, '') = '' or care_area in (...))``, which no index serves: a street officer's
	list then reads and sorts every child of the province. ``care_area`` is mandatory, so the empty
	branch never matches and this condition changes no result; it only lets MariaDB range-scan the
	(care_area, modified) index for the officer's own areas (kidcare/indexes.py).

	Built from the same values Frappe uses (frappe.permissions.get_user_permissions: each area with
	its descendants, those not applicable to another doctype); nothing when the user has none, or
	when the field ignores User Permissions, or when she has more than AREA_CONDITION_LIMIT areas: then
	her areas hold much of the table, a scan is the better plan and the second IN list only costs
	(measured on 110,000 children: a district's 221 areas, count 42 -> 5 ms; a city's 4,421 areas,
	rows 5 -> 41 ms and count 71 -> 137 ms with it)."""
	meta = frappe.get_meta(doctype)
	field = meta.get_field("care_area")
	if not field or field.ignore_user_permissions or not field.reqd:
		return ""
	areas = [
		permission.get("doc")
		for permission in frappe.permissions.get_user_permissions(user).get("Care Area", [])
		if not permission.get("applicable_for") or permission.get("applicable_for") == doctype
	]
	if not areas or len(areas) > AREA_CONDITION_LIMIT:
		return ""
	table = frappe.qb.DocType(doctype)
	return table.care_area.isin(areas).get_sql(quote_char="`", with_namespace=True)


def permitted(doc, user: str | None) -> bool:
	condition = scope(doc.get("doctype"), user or frappe.session.user)
	if condition is None:
		return True
	is_new = getattr(doc, "is_new", None)
	if not doc.get("name") or doc.get("__islocal") or (callable(is_new) and is_new()):
		return True
	table = frappe.qb.DocType(doc.get("doctype"))
	return bool(
		frappe.qb.from_(table).select(table.name).where((table.name == doc.get("name")) & condition).run()
	)


def care_volunteer_query(user=None):
	return query_conditions("Care Volunteer", user)


def care_pairing_query(user=None):
	return query_conditions("Care Pairing", user)


def care_contact_query(user=None):
	return query_conditions("Care Contact", user)


def monthly_review_query(user=None):
	return query_conditions("Monthly Review", user)


def exit_request_query(user=None):
	return query_conditions("Exit Request", user)


def child_profile_query(user=None):
	user = user or frappe.session.user
	return " and ".join(
		f"({c})"
		for c in (query_conditions("Child Profile", user), area_condition("Child Profile", user))
		if c
	)


def child_demand_query(user=None):
	return query_conditions("Child Demand", user)


def has_permission(doc, ptype=None, user=None):
	return permitted(doc, user)


def give_role(user: str | None, role: str):
	"""A login linked to a record (a volunteer's, a guardian's) gets the role that record's pages need."""
	if user and role not in frappe.get_roles(user):
		doc = frappe.get_doc("User", user)
		doc.flags.ignore_permissions = True
		doc.add_roles(role)
