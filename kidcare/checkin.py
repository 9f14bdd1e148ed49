"""QR check-in (扫码打卡): the code on a child's archive card opens a page where the child's volunteer
or the area's staff record a visit in a few taps, with time and place.

The code carries an unguessable token (``secrets``), readable only by staff (permlevel 1) and revoked
by resetting it. The contact is recorded as the signed-in user through Care Contact's own rules, so a
user with no business with that child gets an error and nothing is written.
"""

import secrets

import frappe
from frappe import _
from frappe.utils import get_url, now_datetime

from kidcare.permissions import volunteer_only


def new_token() -> str:
	return secrets.token_urlsafe(24)


def checkin_url(token: str) -> str:
	return get_url(f"/kidcare_checkin?token={token}")


@frappe.whitelist()
def reset_token(child: str) -> str:
	"""Revoke the child's printed QR codes by issuing a new token."""
	frappe.has_permission("Child Profile", "write", child, throw=True)
	token = new_token()
	frappe.db.set_value("Child Profile", child, "checkin_token", token)
	return token


def resolve(token: str | None) -> frappe._dict:
	"""The child and active pairing behind a token, if the signed-in user may check in for them."""
	child = (
		frappe.db.get_value(
			"Child Profile",
			{"checkin_token": token or "-"},
			["name", "full_name", "alias", "current_pairing", "status"],
			as_dict=True,
		)
		if token
		else None
	)
	# the column compares without case: the token must match exactly
	if not child or frappe.db.get_value("Child Profile", child.name, "checkin_token") != token:
		frappe.throw(_("This QR code is not valid or has been revoked."), frappe.PermissionError)
	pairing = frappe.db.get_value(
		"Care Pairing",
		child.current_pairing or "-",
		["name", "volunteer", "volunteer_name", "docstatus", "status"],
		as_dict=True,
	)
	if not pairing or pairing.docstatus != 1 or pairing.status != "Active":
		frappe.throw(_("This child has no active pairing to check in for."), frappe.PermissionError)
	user = frappe.session.user
	if volunteer_only(user):
		allowed = frappe.db.get_value("Care Volunteer", pairing.volunteer, "user") == user
	else:
		allowed = frappe.has_permission("Care Pairing", "read", pairing.name, user=user)
	if not allowed:
		frappe.throw(_("You cannot check in for this child."), frappe.PermissionError)
	return frappe._dict(child=child, pairing=pairing)


@frappe.whitelist(methods=["POST"])
def check_in(
	token: str,
	contact_type: str,
	duration_minutes: int,
	summary: str,
	latitude: float | None = None,
	longitude: float | None = None,
) -> str:
	"""Record a contact from the check-in page; returns the Care Contact's name."""
	from kidcare.writes import by_the_program

	found = resolve(token)
	contact = frappe.get_doc(
		{
			"doctype": "Care Contact",
			"pairing": found.pairing.name,
			"contact_date": now_datetime().date(),
			"contact_type": contact_type,
			"duration_minutes": duration_minutes,
			"summary": summary,
			"check_in_method": "QR",
			"check_in_time": now_datetime(),
			"check_in_latitude": latitude,
			"check_in_longitude": longitude,
		}
	)
	# the QR fields are this endpoint's to write, from a valid token (kidcare.writes)
	by_the_program(contact).insert()
	return contact.name


def qr_svg(child: str) -> str:
	"""An inline SVG QR code of the child's check-in page, for the archive card (staff only)."""
	import io

	import pyqrcode

	if not frappe.has_permission("Child Profile", "read", child):
		return ""
	if 1 not in frappe.get_meta("Child Profile").get_permlevel_access("read"):
		return ""  # the token is staff-only (permlevel 1)
	token = frappe.db.get_value("Child Profile", child, "checkin_token")
	if not token:
		return ""
	buffer = io.BytesIO()
	pyqrcode.create(checkin_url(token)).svg(buffer, scale=3, xmldecl=False, svgns=True)
	return buffer.getvalue().decode()
