"""The volunteers' phone app (爱心妈妈, served at /kidcare): the whitelisted endpoints its pages call,
split by area as frappe/hrms splits ``hrms/api``:

- ``home``: what she sees, one call per screen (her children, this month, this year, reminders, meetings);
- ``contacts``: logging a contact, exactly once (the app's ``client_id``), and the QR check-in;
- ``reviews``: writing, submitting and resubmitting her part of the monthly review;
- ``exits``: asking to withdraw from a pairing;
- ``demands``: raising a child's demand, following it up the levels, confirming it solved;
- ``activities``: the coming activities of her children's areas (signing up is
  ``kidcare.resources.activities``, the desk's own door).

Every write goes through the documents' own controllers, workflows and permission rules, as the caller:
``frappe.get_doc(...).insert()`` and ``frappe.model.workflow.apply_workflow``, never ``ignore_permissions``.
Reads are set-based (a few queries per screen, none per row) and name the fields they return: never a
sensitive one.
"""

import frappe
from frappe import _


def current_volunteer() -> frappe._dict:
	"""The caller's Care Volunteer record ({name, full_name, care_area, status}), or a Chinese refusal."""
	user = frappe.session.user
	volunteer = (
		frappe.db.get_value(
			"Care Volunteer", {"user": user}, ["name", "full_name", "care_area", "status"], as_dict=True
		)
		if user not in ("Guest", "Administrator")
		else None
	)
	if not volunteer:
		frappe.throw(
			_("This app is for the program's volunteers: your login is not linked to a volunteer."),
			frappe.PermissionError,
			title=_("Volunteers' App"),
		)
	return volunteer


def own_pairing(pairing: str, volunteer: frappe._dict) -> frappe._dict:
	"""The caller's pairing ``pairing`` ({name, child, child_name, status, docstatus, end_date}), whatever
	its status, or a refusal that says nothing about another volunteer's pairing."""
	row = frappe.db.get_value(
		"Care Pairing",
		pairing or "-",
		["name", "child", "child_name", "volunteer", "status", "docstatus", "end_date"],
		as_dict=True,
	)
	if not row or row.volunteer != volunteer.name:
		frappe.throw(
			_("This child is not paired with you."), frappe.PermissionError, title=_("Volunteers' App")
		)
	return row
