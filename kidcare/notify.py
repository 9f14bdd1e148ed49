"""Who is told what: in-app notifications (Notification Log: the desk's bell) or, for website users,
an e-mail, to the people an event concerns, found through their roles and their
User Permissions on Care Area, never by a role alone (a role reaches every street's officers). A holder
of the role with no User Permission on Care Area at all sees every area (Frappe's rule), so she is
told of every area's events too: a district's only approver or admin is never left out."""

from collections.abc import Callable

import frappe
from frappe import _


def notify(
	users,
	subject: Callable[[], str],
	doctype: str,
	name: str,
	exclude: str | None = None,
	website_path: str | None = None,
	website_bell: bool = False,
):
	"""Tell each enabled user in ``users`` (once; whoever caused the event excepted) about ``doctype``
	``name``. ``subject`` makes the message and is called in each recipient's own language. Website
	users (a guardian) have no bell: with ``website_path`` they get an e-mail pointing to that page, when
	the site can send e-mail. With ``website_bell`` website users also get the Notification Log their
	own pages show (a volunteer's app, a partner's claims)."""
	from frappe.desk.doctype.notification_log.notification_log import make_notification_logs
	from frappe.translate import print_language
	from frappe.utils import get_url

	recipients = sorted({u for u in users if u and u not in ("Guest", "Administrator", exclude)})
	if not recipients:
		return
	by_language: dict[str, list[tuple[str, str]]] = {}
	default = frappe.db.get_default("lang") or "en"
	for user, language, user_type in frappe.get_all(
		"User",
		filters={"name": ("in", recipients), "enabled": 1},
		fields=["name", "language", "user_type"],
		as_list=True,
	):
		by_language.setdefault(language or default, []).append((user, user_type))
	for language, group in by_language.items():
		with print_language(language):
			text = subject()
			follow = _("Follow it at {0}").format(get_url(website_path)) if website_path else ""
		desk = [user for user, user_type in group if user_type == "System User" or website_bell]
		website = [user for user, user_type in group if user_type != "System User"]
		if desk:
			make_notification_logs(
				{"type": "Alert", "document_type": doctype, "document_name": name, "subject": text}, desk
			)
		if website and website_path and can_send_email():
			frappe.sendmail(
				recipients=website,
				subject=text,
				message=f"<p>{frappe.utils.escape_html(text)}</p><p>{frappe.utils.escape_html(follow)}</p>",
				reference_doctype=doctype,
				reference_name=name,
			)


def can_send_email() -> bool:
	"""The site has an outgoing e-mail account (without one a guardian follows her request on its page)."""
	return bool(frappe.db.exists("Email Account", {"enable_outgoing": 1, "email_id": ("is", "set")}))


def staff_by_area(role: str) -> dict[str, list[str]]:
	"""Care Area -> the enabled users with ``role`` whose User Permission covers it (the area or an
	ancestor)."""
	has_role = frappe.qb.DocType("Has Role")
	user = frappe.qb.DocType("User")
	holders = set(
		frappe.qb.from_(has_role)
		.join(user)
		.on(user.name == has_role.parent)
		.select(has_role.parent)
		.where((has_role.role == role) & (has_role.parenttype == "User") & (user.enabled == 1))
		.run(pluck=True)
	)
	grants = frappe.get_all(
		"User Permission",
		filters={"allow": "Care Area", "user": ("in", list(holders) or [""])},
		fields=["user", "for_value"],
	)
	areas = {a.name: a for a in frappe.get_all("Care Area", fields=["name", "lft", "rgt"])}
	everywhere = sorted(holders - {grant.user for grant in grants})
	covered: dict[str, list[str]] = {area: list(everywhere) for area in areas} if everywhere else {}
	for grant in grants:
		top = areas.get(grant.for_value)
		if not top:
			continue
		for a in areas.values():
			if top.lft <= a.lft and a.rgt <= top.rgt:
				covered.setdefault(a.name, []).append(grant.user)
	return covered


def staff_of(role: str, care_area: str) -> list[str]:
	"""The enabled users with ``role`` whose area covers ``care_area``."""
	lft, rgt = frappe.db.get_value("Care Area", care_area, ["lft", "rgt"]) or (None, None)
	if lft is None:
		return []
	area = frappe.qb.DocType("Care Area")
	ancestors = frappe.qb.from_(area).select(area.name).where((area.lft <= lft) & (area.rgt >= rgt))
	perm = frappe.qb.DocType("User Permission")
	has_role = frappe.qb.DocType("Has Role")
	user = frappe.qb.DocType("User")
	scoped = (
		frappe.qb.from_(perm)
		.join(has_role)
		.on((has_role.parent == perm.user) & (has_role.parenttype == "User") & (has_role.role == role))
		.join(user)
		.on((user.name == perm.user) & (user.enabled == 1))
		.select(perm.user)
		.distinct()
		.where((perm.allow == "Care Area") & perm.for_value.isin(ancestors))
	)
	any_area = frappe.qb.from_(perm).select(perm.user).where(perm.allow == "Care Area")
	unrestricted = (
		frappe.qb.from_(has_role)
		.join(user)
		.on((user.name == has_role.parent) & (user.enabled == 1))
		.select(has_role.parent)
		.distinct()
		.where(
			(has_role.role == role)
			& (has_role.parenttype == "User")
			& has_role.parent.notin(any_area)
			& has_role.parent.notin(("Administrator", "Guest"))
		)
	)
	return sorted(set(scoped.run(pluck=True)) | set(unrestricted.run(pluck=True)))
