"""What User Permissions on Care Area cannot express: a volunteer sees only her own record, her own
pairings and the children paired with her.

One ``frappe.qb`` condition per doctype serves both hooks, so a list (permission_query_conditions)
and a form (has_permission) always agree. Staff roles are scoped by their User Permissions instead and
get no extra condition.
"""

import frappe
from frappe.query_builder import Criterion

STAFF_ROLES = {"System Manager", "KidCare Admin", "District Approver", "Street Officer", "Community Worker"}


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
	if doctype in ("Care Pairing", "Care Contact", "Monthly Review"):
		return table.volunteer.isin(own_volunteers)
	if doctype == "Child Profile":
		paired = (
			frappe.qb.from_(pairing)
			.select(pairing.child)
			.where(pairing.volunteer.isin(own_volunteers) & (pairing.docstatus == 1) & (pairing.status == "Active"))
		)
		return table.name.isin(paired)
	raise ValueError(doctype)


def query_conditions(doctype: str, user: str | None) -> str:
	user = user or frappe.session.user
	if not volunteer_only(user):
		return ""
	return volunteer_scope(doctype, user).get_sql(quote_char="`", with_namespace=True)


def permitted(doc, user: str | None) -> bool:
	user = user or frappe.session.user
	if not volunteer_only(user):
		return True
	is_new = getattr(doc, "is_new", None)
	if not doc.get("name") or doc.get("__islocal") or (callable(is_new) and is_new()):
		return True
	table = frappe.qb.DocType(doc.get("doctype"))
	return bool(
		frappe.qb.from_(table)
		.select(table.name)
		.where((table.name == doc.get("name")) & volunteer_scope(doc.get("doctype"), user))
		.run()
	)


def care_volunteer_query(user=None):
	return query_conditions("Care Volunteer", user)


def care_pairing_query(user=None):
	return query_conditions("Care Pairing", user)


def care_contact_query(user=None):
	return query_conditions("Care Contact", user)


def monthly_review_query(user=None):
	return query_conditions("Monthly Review", user)


def child_profile_query(user=None):
	return query_conditions("Child Profile", user)


def has_permission(doc, ptype=None, user=None):
	return permitted(doc, user)
