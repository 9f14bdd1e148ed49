"""Logins of a Care Partner's staff: website users holding only the Care Partner Staff role, each the
staff of one partner. Staff who may edit the partner give a person a new login (``create_partner_login``,
as kidcare.logins does for volunteers and guardians); a login used for anything else is never listed."""

import frappe
from frappe import _
from frappe.permissions import AUTOMATIC_ROLES
from frappe.utils import validate_email_address

from kidcare.resources.demands import PARTNER_ROLE


def throw(message: str, exc=frappe.ValidationError):
	frappe.throw(message, exc, title=_("Care Partner Login"))


def validate_members(doc):
	"""Care Partner.validate: each staff login holds nothing but the partner role and is no other
	partner's."""
	users = [row.user for row in doc.members if row.user]
	if len(users) != len(set(users)):
		throw(_("A login is listed twice."))
	for user in users:
		other = set(frappe.get_roles(user)) - set(AUTOMATIC_ROLES) - {PARTNER_ROLE}
		if user in ("Administrator", "Guest") or other or PARTNER_ROLE not in frappe.get_roles(user):
			throw(
				_("{0} is not a Care Partner login: use Create Login to give the person one.").format(
					frappe.bold(user)
				),
				frappe.PermissionError,
			)
		elsewhere = frappe.db.get_value(
			"Care Partner Member",
			{"user": user, "parenttype": "Care Partner", "parent": ("!=", doc.name)},
			"parent",
		)
		if elsewhere:
			throw(_("{0} is already the login of {1}.").format(frappe.bold(user), frappe.bold(elsewhere)))


@frappe.whitelist(methods=["POST"])
def create_partner_login(partner: str, email: str, full_name: str | None = None) -> dict:
	"""A new website login for a member of the partner's staff. Returns ``{user, reset_link}``; the link
	only when the site cannot e-mail the welcome message itself."""
	from kidcare.notify import can_send_email

	doc = frappe.get_doc("Care Partner", partner)
	doc.check_permission("write")
	email = (email or "").strip().lower()
	if not validate_email_address(email):
		throw(_("{0} is not a valid e-mail address.").format(frappe.bold(email or "-")))
	if frappe.db.exists("User", email) or frappe.db.exists("User", {"email": email}):
		throw(_("A login with the e-mail {0} already exists.").format(frappe.bold(email)))
	send = can_send_email()
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": full_name or email,
			"user_type": "Website User",
			"language": frappe.db.get_value("User", frappe.session.user, "language") or "zh",
			"send_welcome_email": 1 if send else 0,
			"roles": [{"role": PARTNER_ROLE}],
		}
	)
	user.flags.ignore_permissions = True
	user.insert()
	doc.append("members", {"user": user.name})
	doc.save()
	return {"user": user.name, "reset_link": None if send else user.reset_password()}
