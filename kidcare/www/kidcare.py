"""The volunteers' phone app (frontend/, built into kidcare/public/frontend; its index.html is copied
here by the build, as frappe/hrms serves its PWA from hrms/www/hrms.html). The page puts the CSRF token,
the caller's language and kidcare's translations into the page for the app's ``__()``."""

from urllib.parse import quote

import frappe
from frappe.translate import get_translations_from_csv

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=" + quote(frappe.request.full_path)
		raise frappe.Redirect
	if not frappe.db.exists("Care Volunteer", {"user": frappe.session.user}):
		# staff and other logins have their own pages: the desk, or the website's home
		frappe.local.flags.redirect_location = "/app" if frappe.session.data.user_type == "System User" else "/me"
		raise frappe.Redirect
	csrf_token = frappe.sessions.get_csrf_token()
	frappe.db.commit()  # the token is stored with the session
	lang = frappe.local.lang or "en"
	context.boot = {
		"csrf_token": csrf_token,
		"lang": lang,
		"user": frappe.session.user,
		"messages": get_translations_from_csv(lang, "kidcare") if lang != "en" else {},
	}
	return context
