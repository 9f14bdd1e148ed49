"""One digest a day per person, outside the site: the day's new reminders of each person, in her own
language, by e-mail when the site has an outgoing Email Account and by SMS when its SMS Settings name a
gateway (Frappe's own: frappe.sendmail, frappe.core.doctype.sms_settings.send_sms). The bell keeps one
entry per item, each linking its record; these channels carry a single message per person and day.

A volunteer's phone is her Care Volunteer record's mobile; staff's the mobile of their User."""

import frappe
from frappe import _
from frappe.translate import print_language

from kidcare.notify import can_send_email


def can_send_sms() -> bool:
	return bool(frappe.db.get_single_value("SMS Settings", "sms_gateway_url"))


def send_digests(items: dict[str, list[str]]) -> int:
	"""``items``: user -> the day's new items, already worded in her language. Returns the digests sent."""
	email, sms = can_send_email(), can_send_sms()
	if not items or not (email or sms):
		return 0
	users = frappe.get_all(
		"User",
		filters={"name": ("in", list(items)), "enabled": 1},
		fields=["name", "email", "language", "mobile_no"],
	)
	mobiles = dict(
		frappe.get_all(
			"Care Volunteer",
			filters={"user": ("in", [u.name for u in users])},
			fields=["user", "mobile"],
			as_list=True,
		)
	)
	default = frappe.db.get_default("lang") or "en"
	sent = 0
	for user in users:
		lines = items[user.name]
		with print_language(user.language or default):
			subject = _("KidCare: {0} things waiting for you").format(len(lines))
		if email and user.email:
			frappe.sendmail(
				recipients=[user.email],
				subject=subject,
				message="<ul>"
				+ "".join(f"<li>{frappe.utils.escape_html(line)}</li>" for line in lines)
				+ "</ul>",
				delayed=True,
			)
		mobile = mobiles.get(user.name) or user.mobile_no
		if sms and mobile:
			from frappe.core.doctype.sms_settings.sms_settings import send_sms

			try:
				send_sms([mobile], "\n".join([subject, *lines]), success_msg=False)
			except ImportError:
				pass  # sent; Frappe logs it in ERPNext's SMS Log, which a site without ERPNext lacks
		sent += 1
	return sent
