"""Logging a contact from the phone, exactly once.

The app gives every contact an id on the phone (``client_id``, a random UUID) before it is sent and
keeps it with the contact while it waits for a connection. The server records at most one contact per
id (a unique column on Care Contact): a retry, a second tap or a queue flushed twice gets the contact
already recorded back instead of a second one. The contact itself is inserted as the volunteer, through
Care Contact's own controller and permission rules (her own pairing, no future date, a sane duration).
"""

import frappe
from frappe import _
from frappe.utils import format_date, now_datetime

from kidcare.volunteer_app import current_volunteer, own_pairing

CONTACT_TYPES = ("Home Visit", "Phone or Video", "Activity", "Outing", "Holiday Home Stay", "Other")


@frappe.whitelist(methods=["POST"])
def log_contact(
	client_id: str,
	pairing: str,
	contact_date: str,
	contact_type: str,
	duration_minutes: int,
	summary: str,
	need_areas: list | str | None = None,
	token: str | None = None,
	latitude: float | None = None,
	longitude: float | None = None,
) -> dict:
	"""Record the contact the app made as ``client_id`` (or return the one already recorded under it):
	{name, duplicate}. With ``token`` (the child's QR code, scanned now) it is a QR check-in: time and
	place recorded by kidcare.checkin's rules."""
	volunteer = current_volunteer()
	existing = recorded(client_id)
	if existing:
		return existing
	found = own_pairing(pairing, volunteer)
	if found.docstatus != 1 or found.status != "Active":
		frappe.throw(
			_(
				"Your pairing with {0} ended on {1}: this contact, kept on your phone, was not recorded. Tell your street's officer if it should be."
			).format(found.child_name, format_date(found.end_date) if found.end_date else "-"),
			title=_("Pairing Ended"),
		)
	if isinstance(need_areas, str):
		need_areas = frappe.parse_json(need_areas)
	contact = frappe.get_doc(
		{
			"doctype": "Care Contact",
			"pairing": found.name,
			"contact_date": contact_date,
			"contact_type": contact_type,
			"duration_minutes": duration_minutes,
			"summary": summary,
			"need_areas": [{"care_need": n} for n in need_areas or []],
			"client_id": client_id,
		}
	)
	if token:
		check_in(contact, token, found, latitude, longitude)
	try:
		frappe.db.savepoint("kidcare_log_contact")
		contact.insert()
	except frappe.UniqueValidationError:
		# the same contact sent twice at once: the other request recorded it
		frappe.db.rollback(save_point="kidcare_log_contact")
		frappe.clear_last_message()
		existing = recorded(client_id)
		if existing:
			return existing
		raise
	return {"name": contact.name, "duplicate": False}


def recorded(client_id: str | None) -> dict | None:
	"""The contact already recorded as ``client_id`` by the caller, read with a lock (a locking read sees
	what another request committed after this one began)."""
	from kidcare.kidcare.doctype.care_contact.care_contact import CLIENT_ID

	if not client_id or not CLIENT_ID.fullmatch(client_id):
		frappe.throw(_("The app's id of this contact is not valid."), title=_("Invalid Contact"))
	row = frappe.db.get_value(
		"Care Contact", {"client_id": client_id}, ["name", "owner"], as_dict=True, for_update=True
	)
	if not row:
		return None
	if row.owner != frappe.session.user:
		frappe.throw(
			_("The app's id of this contact is not valid."),
			frappe.PermissionError,
			title=_("Invalid Contact"),
		)
	return {"name": row.name, "duplicate": True}


def check_in(contact, token: str, pairing, latitude, longitude):
	"""A QR check-in, by kidcare.checkin's rules: the token must be the child's and valid now, the
	contact is today's, and time and place are recorded by the program (kidcare.writes.by_the_program)."""
	from kidcare.checkin import resolve
	from kidcare.writes import by_the_program

	found = resolve(token)
	if found.pairing.name != pairing.name:
		frappe.throw(
			_("This QR code is of another child."), frappe.PermissionError, title=_("Invalid Contact")
		)
	now = now_datetime()
	contact.update(
		{
			"contact_date": now.date(),
			"check_in_method": "QR",
			"check_in_time": now,
			"check_in_latitude": latitude,
			"check_in_longitude": longitude,
		}
	)
	by_the_program(contact)


@frappe.whitelist()
def scan(token: str) -> dict:
	"""The child behind a scanned QR code, if she is the caller's: {pairing, name}. A forged or revoked
	code, or another volunteer's child, is refused (kidcare.checkin.resolve)."""
	from kidcare.checkin import resolve

	current_volunteer()
	found = resolve(token)
	return {"pairing": found.pairing.name, "name": found.child.alias or found.child.full_name}
