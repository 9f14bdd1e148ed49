"""Linking a login to a volunteer or a guardian grants nothing the linking user could not grant anyway.

A login set as a Care Volunteer's ``user`` gets the Care Volunteer role (a desk account that sees the
volunteer's pairings); one set as a Child Profile's ``guardian_user`` gets Child Guardian (the child's
exit requests on the website). Linking is therefore a way of giving roles, and is held to this rule:

- a login that holds any role besides these two (System Manager, any staff role, ERPNext's Customer or
  Employee, ...) is never linked, by anyone: the app does not add its roles to accounts it does not own;
- only a KidCare Admin or a System Manager links an *existing* login (a plain website user), as only
  they may give roles to existing users;
- other staff who may edit the record give the person a *new* login through ``create_login``: a fresh
  Website User holding just the record's role, refused when an account with that e-mail exists;
- one login belongs to one volunteer record.
"""

import frappe
from frappe import _
from frappe.permissions import AUTOMATIC_ROLES
from frappe.utils import validate_email_address

#: the login field of each record and the role linking it gives
LINKS = {
	"Care Volunteer": ("user", "Care Volunteer"),
	"Child Profile": ("guardian_user", "Child Guardian"),
}
#: the roles a linked login may already hold (a guardian who also volunteers)
LINK_ROLES = {role for _field, role in LINKS.values()}
#: who may link an existing login
LINKERS = {"KidCare Admin", "System Manager"}
#: set by create_login on the record it links the new login to (never by a request: see kidcare.writes)
NEW_LOGIN = "kidcare_new_login"


def validate_link(doc, before):
	"""before_validate of Care Volunteer and Child Profile (through kidcare.writes)."""
	fieldname, _role = LINKS[doc.doctype]
	user = doc.get(fieldname)
	if not user or (before is not None and before.get(fieldname) == user):
		return
	if doc.flags.get(NEW_LOGIN) == user:
		return  # the login create_login has just made for this record
	if frappe.session.user != "Administrator" and not set(frappe.get_roles()) & LINKERS:
		throw(
			_(
				"Only a KidCare Admin can link an existing login. Use Create Login to give {0} a new one."
			).format(frappe.bold(doc.get("full_name") or doc.get("guardian_name") or doc.name)),
			frappe.PermissionError,
		)
	check_linkable(user, doc)


def check_linkable(user: str, doc):
	fieldname, _role = LINKS[doc.doctype]
	if user in ("Administrator", "Guest") or not frappe.db.get_value("User", user, "enabled"):
		throw(_("{0} cannot be linked.").format(frappe.bold(user)), frappe.PermissionError)
	other = set(frappe.get_roles(user)) - set(AUTOMATIC_ROLES) - LINK_ROLES
	if other:
		throw(
			_(
				"{0} already has other roles on this site and cannot be linked: only a login used for nothing but KidCare's volunteers and guardians can be."
			).format(frappe.bold(user)),
			frappe.PermissionError,
		)
	if doc.doctype == "Care Volunteer":
		taken = frappe.db.get_value("Care Volunteer", {"user": user, "name": ("!=", doc.name)}, "name")
		if taken:
			throw(_("{0} is already the login of another volunteer.").format(frappe.bold(user)))


@frappe.whitelist(methods=["POST"])
def create_login(doctype: str, name: str, email: str, full_name: str | None = None) -> dict:
	"""Give the volunteer or guardian of record ``name`` a new login: a Website User with just the
	record's role, linked to it. Returns ``{user, reset_link}``; the link (for the caller to hand over)
	only when the site cannot e-mail the welcome message itself."""
	from kidcare.notify import can_send_email

	if doctype not in LINKS:
		throw(_("Logins are created only for volunteers and guardians."))
	fieldname, role = LINKS[doctype]
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("write")
	if doc.meta.get_field(fieldname).permlevel not in doc.get_permlevel_access("write"):
		throw(_("You cannot set the login of this record."), frappe.PermissionError)
	if doc.get(fieldname):
		throw(_("{0} already has a login.").format(frappe.bold(doc.get("full_name") or doc.name)))
	email = (email or "").strip().lower()
	if not validate_email_address(email):
		throw(_("{0} is not a valid e-mail address.").format(frappe.bold(email or "-")))
	if frappe.db.exists("User", email) or frappe.db.exists("User", {"email": email}):
		throw(
			_("A login with the e-mail {0} already exists: ask a KidCare Admin to link it.").format(
				frappe.bold(email)
			)
		)
	person = full_name or (doc.full_name if doctype == "Care Volunteer" else doc.guardian_name) or email
	send = can_send_email()
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": person,
			"user_type": "Website User",
			"language": frappe.db.get_value("User", frappe.session.user, "language") or "zh",
			"send_welcome_email": 1 if send else 0,
			"roles": [{"role": role}],
		}
	)
	user.flags.ignore_permissions = True
	user.insert()
	doc.set(fieldname, user.name)
	doc.flags[NEW_LOGIN] = user.name
	doc.save()
	return {"user": user.name, "reset_link": None if send else user.reset_password()}


def throw(message: str, exc=frappe.ValidationError):
	frappe.throw(message, exc, title=_("Volunteer or Guardian Login"))
