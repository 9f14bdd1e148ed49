"""Who sees sponsorship records. Staff see those of their Care Area (User Permissions, as everywhere in
kidcare); a sponsor's login (role KidCare Sponsor, a website user) sees their own sponsor record, their
own pledges and receipts, and of the child only what the program allows (alias, birth year, area).
Volunteers, guardians and other website users have no role permission on any of it."""

import frappe
from frappe.query_builder import Criterion

from kidcare.permissions import is_staff

SPONSOR_ROLE = "KidCare Sponsor"


def scope(doctype: str, user: str) -> Criterion | None:
	if is_staff(user) or SPONSOR_ROLE not in frappe.get_roles(user):
		return None  # staff: their area; others: no role permission at all
	table = frappe.qb.DocType(doctype)
	sponsor = frappe.qb.DocType("Care Sponsor")
	if doctype == "Care Sponsor":
		return table.user == user
	return table.sponsor.isin(frappe.qb.from_(sponsor).select(sponsor.name).where(sponsor.user == user))


def query(user=None, doctype=None):
	condition = scope(doctype, user or frappe.session.user)
	return condition.get_sql(quote_char="`", with_namespace=True) if condition is not None else ""


def care_sponsor_query(user=None):
	return query(user, "Care Sponsor")


def child_sponsorship_query(user=None):
	return query(user, "Child Sponsorship")


def sponsorship_receipt_query(user=None):
	return query(user, "Sponsorship Receipt")


def has_permission(doc, ptype=None, user=None):
	condition = scope(doc.doctype, user or frappe.session.user)
	if condition is None or doc.is_new():
		return True
	table = frappe.qb.DocType(doc.doctype)
	return bool(frappe.qb.from_(table).select(table.name).where((table.name == doc.name) & condition).run())
