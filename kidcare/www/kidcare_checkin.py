"""The check-in page a child's QR code opens (see kidcare/checkin.py)."""

from urllib.parse import quote

import frappe
from frappe import _

from kidcare.checkin import resolve
from kidcare.permissions import volunteer_only

CONTACT_TYPES = ("Home Visit", "Phone or Video", "Activity", "Outing", "Holiday Home Stay", "Other")


def get_context(context):
	context.no_cache = 1
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=" + quote(frappe.request.full_path)
		raise frappe.Redirect
	if volunteer_only(frappe.session.user) and frappe.form_dict.token:
		# a volunteer checks in from her app, the child chosen (kidcare/volunteer_app/contacts.py)
		frappe.local.flags.redirect_location = "/kidcare/checkin?token=" + quote(frappe.form_dict.token)
		raise frappe.Redirect
	context.title = _("Check In", context="Care Contact")
	try:
		found = resolve(frappe.form_dict.token)
	except frappe.PermissionError as e:
		frappe.clear_last_message()
		context.error = str(e) or _("You cannot check in for this child.")
		return context
	context.token = frappe.form_dict.token
	context.child_name = found.child.alias or found.child.full_name
	context.volunteer_name = found.pairing.volunteer_name
	context.contact_types = [(t, _(t, context="Care Contact")) for t in CONTACT_TYPES]
	return context
