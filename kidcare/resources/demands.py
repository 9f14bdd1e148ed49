"""Claiming published demands (认领), for Care Partner staff and volunteers (website users: these
whitelisted methods are their door, not the desk), and the district's and the requester's steps.

A claimant sees a published demand's alias, age, area and what is asked (``PUBLIC``), never the child's
identity or contact, until the district confirms her claim; then only what the work needs
(``claimed_demand``). One active claim per demand: every step locks the demand's row first
(``SELECT ... FOR UPDATE``), so two claimants at once get one winner and a clear message for the other.
"""

import frappe
from frappe import _
from frappe.utils import now_datetime

from kidcare.kidcare.doctype.child_demand.child_demand import EVENT
from kidcare.notify import notify, staff_of
from kidcare.permissions import STAFF_ROLES
from kidcare.rules import demand as rules
from kidcare.writes import by_the_program

PARTNER_ROLE = "Care Partner Staff"
CONFIRMERS = {"District Approver", "KidCare Admin"}
#: what anyone who may claim sees of a published demand
PUBLIC = (
	"name",
	"child_alias",
	"child_age",
	"care_area",
	"need",
	"need_area",
	"urgency",
	"request",
	"needed_by",
	"status",
	"claimed_on",
)


def throw(message: str, exc=frappe.ValidationError):
	frappe.throw(message, exc, title=_("Child Demand"))


def claimant(user: str | None = None) -> frappe._dict:
	"""Who the caller claims as: the active Care Partner whose staff she is, or her own volunteer record."""
	user = user or frappe.session.user
	roles = set(frappe.get_roles(user))
	if PARTNER_ROLE in roles:
		member = frappe.qb.DocType("Care Partner Member")
		partner = frappe.qb.DocType("Care Partner")
		found = (
			frappe.qb.from_(member)
			.join(partner)
			.on(partner.name == member.parent)
			.select(partner.name)
			.where(
				(member.user == user)
				& (member.parenttype == "Care Partner")
				& (partner.partner_status == "Active")
			)
			.limit(1)
			.run(pluck=True)
		)
		if found:
			return frappe._dict(partner=found[0], volunteer=None, user=user)
	if "Care Volunteer" in roles:
		volunteer = frappe.db.get_value("Care Volunteer", {"user": user, "status": "Active"}, "name")
		if volunteer:
			return frappe._dict(partner=None, volunteer=volunteer, user=user)
	throw(
		_("Only the staff of an active Care Partner and active volunteers can claim demands."),
		frappe.PermissionError,
	)


def lock(demand: str) -> frappe._dict:
	"""The demand's row, locked until the transaction ends."""
	table = frappe.qb.DocType("Child Demand")
	rows = (
		frappe.qb.from_(table)
		.select(
			table.name,
			table.docstatus,
			table.current_level,
			table.status,
			table.claimed_by_user,
			table.care_area,
			table.owner,
			table.raised_by_volunteer,
		)
		.where(table.name == demand)
		.for_update()
		.run(as_dict=True)
	)
	if not rows:
		throw(_("Child demand {0} was not found.").format(demand), frappe.DoesNotExistError)
	return rows[0]


def public_view(names: list[str]) -> list[dict]:
	table = frappe.qb.DocType("Child Demand")
	area = frappe.qb.DocType("Care Area")
	return (
		frappe.qb.from_(table)
		.left_join(area)
		.on(area.name == table.care_area)
		.select(*[table[f] for f in PUBLIC], area.care_area_name.as_("area_name"))
		.where(table.name.isin(names or [""]))
		.orderby(table.creation)
		.run(as_dict=True)
	)


@frappe.whitelist()
def published_demands() -> list[dict]:
	"""The published demands nobody holds a claim on, and the caller's own claims."""
	who = claimant()
	table = frappe.qb.DocType("Child Demand")
	mine = table.claimed_by_user == who.user
	if who.partner:
		mine = mine | (table.claimed_by_partner == who.partner)
	offered = table.status == rules.OPEN
	if who.partner:
		offered &= table.care_area.isin(areas_served(who.partner))
	names = (
		frappe.qb.from_(table)
		.select(table.name)
		.where((table.docstatus == 0) & (table.current_level == rules.PUBLISHED) & (offered | mine))
		.run(pluck=True)
	)
	return public_view(names)


def areas_served(partner: str):
	"""A subquery of the Care Areas a partner serves: those listed in its *Areas Served* and everything
	below them, or its own area and below when it lists none (a county's organisation is not offered a
	demand from the other end of the province)."""
	served = frappe.get_all(
		"Care Partner Area", filters={"parent": partner, "parenttype": "Care Partner"}, pluck="area"
	) or [frappe.db.get_value("Care Partner", partner, "care_area")]
	area, outer = frappe.qb.DocType("Care Area"), frappe.qb.DocType("Care Area").as_("outer")
	return (
		frappe.qb.from_(area)
		.join(outer)
		.on((area.lft >= outer.lft) & (area.rgt <= outer.rgt))
		.select(area.name)
		.where(outer.name.isin([a for a in served if a] or [""]))
	)


def serves(partner: str, care_area: str) -> bool:
	area = frappe.qb.DocType("Care Area")
	return bool(
		frappe.qb.from_(area)
		.select(area.name)
		.where((area.name == care_area) & area.name.isin(areas_served(partner)))
		.run()
	)


@frappe.whitelist(methods=["POST"])
def claim(demand: str) -> dict:
	"""Claim a published demand for the caller's partner (or herself, a volunteer)."""
	who = claimant()
	row = lock(demand)
	error = rules.claim_error(row.current_level, row.status, row.docstatus)
	if error == "not_published":
		throw(_("This demand is not published: only published demands can be claimed."))
	if error == "already_claimed":
		throw(_("Someone else has just claimed this demand. Choose another one."))
	if error:
		throw(_("This demand cannot be claimed now."))
	if who.partner and not serves(who.partner, row.care_area):
		throw(_("This demand is outside the areas your organisation serves."), frappe.PermissionError)
	doc = step(
		demand,
		{
			"status": rules.CLAIMED,
			"claimed_by_partner": who.partner,
			"claimed_by_volunteer": who.volunteer,
			"claimed_by_user": who.user,
			"claimed_on": now_datetime(),
			"claim_confirmed_by": None,
			"claim_confirmed_on": None,
			"work_done": None,
			"done_on": None,
		},
		_("Claimed by {0}").format(who.partner or who.volunteer),
	)
	notify(
		staff_of("District Approver", doc.care_area),
		lambda: _("Child demand {0} has been claimed and waits for your confirmation.").format(doc.name),
		"Child Demand",
		doc.name,
		website_bell=True,
	)
	return public_view([doc.name])[0]


@frappe.whitelist(methods=["POST"])
def confirm_claim(demand: str) -> None:
	"""The district confirms a claim: the claimant may now see what the work needs."""
	if not CONFIRMERS & set(frappe.get_roles()) and frappe.session.user != "Administrator":
		throw(_("Only the district confirms claims."), frappe.PermissionError)
	frappe.has_permission("Child Demand", "write", demand, throw=True)
	row = lock(demand)
	if row.status != rules.CLAIMED:
		throw(_("This demand has no claim waiting for confirmation."))
	doc = step(
		demand,
		{
			"status": rules.CONFIRMED,
			"claim_confirmed_by": frappe.session.user,
			"claim_confirmed_on": now_datetime(),
		},
		_("Claim confirmed"),
	)
	notify(
		[doc.claimed_by_user],
		lambda: _("Your claim on child demand {0} is confirmed: you may start the work.").format(doc.name),
		"Child Demand",
		doc.name,
		website_bell=True,
	)


@frappe.whitelist(methods=["POST"])
def record_work(demand: str, work_done: str) -> None:
	"""The claimant records what was done; the requester then confirms it solved or reopens it."""
	who = claimant()
	row = lock(demand)
	if row.claimed_by_user != who.user and not (who.partner and holds(demand, who.partner)):
		throw(_("Only the claimant records the work on a demand."), frappe.PermissionError)
	if row.status not in (rules.CONFIRMED, rules.DONE):
		throw(_("The district has not confirmed this claim yet."))
	if not (work_done or "").strip():
		throw(_("Say what was done."))
	doc = step(
		demand,
		{"status": rules.DONE, "work_done": work_done.strip(), "done_on": now_datetime()},
		_("Work recorded"),
	)
	tell_requester(
		doc,
		lambda: _("The work on child demand {0} is done: confirm it solved or reopen it.").format(doc.name),
	)


@frappe.whitelist(methods=["POST"])
def reopen(demand: str, reason: str) -> None:
	"""The requester finds the demand not solved: it goes back to the claimant."""
	frappe.has_permission("Child Demand", "write", demand, throw=True)
	row = lock(demand)
	if row.status != rules.DONE:
		throw(_("Only a demand whose work is recorded can be reopened."))
	if not (reason or "").strip():
		throw(_("Say why the demand is not solved."))
	doc = step(
		demand, {"status": rules.CONFIRMED, "done_on": None}, _("Reopened: {0}").format(reason.strip())
	)
	notify(
		[doc.claimed_by_user],
		lambda: _("Child demand {0} was reopened: {1}").format(doc.name, reason.strip()),
		"Child Demand",
		doc.name,
		website_bell=True,
	)


@frappe.whitelist(methods=["POST"])
def release_claim(demand: str, reason: str | None = None) -> None:
	"""The district (or the claimant herself) releases a claim: the demand is open to claims again."""
	row = lock(demand)
	own = row.claimed_by_user == frappe.session.user
	if not own:
		if not CONFIRMERS & set(frappe.get_roles()) and frappe.session.user != "Administrator":
			throw(_("Only the district or the claimant releases a claim."), frappe.PermissionError)
		frappe.has_permission("Child Demand", "write", demand, throw=True)
	if row.status not in rules.ACTIVE_CLAIM:
		throw(_("This demand has no claim to release."))
	claimant_user = row.claimed_by_user
	doc = step(demand, released(), _("Claim released: {0}").format(reason or _("by hand")))
	notify(
		[claimant_user],
		lambda: _("Your claim on child demand {0} was released.").format(doc.name),
		"Child Demand",
		doc.name,
		exclude=frappe.session.user,
		website_bell=True,
	)


@frappe.whitelist()
def claimed_demand(demand: str) -> dict:
	"""What the claimant sees of her claim: the public view, and once the district has confirmed it, the
	child's name and her guardian's name and phone (what the work needs: never the ID number or address)."""
	who = claimant()
	row = frappe.db.get_value(
		"Child Demand", demand, ["claimed_by_user", "claimed_by_partner", "status", "child"], as_dict=True
	)
	if not row or not (
		row.claimed_by_user == who.user or (who.partner and row.claimed_by_partner == who.partner)
	):
		throw(_("This is not your claim."), frappe.PermissionError)
	out = public_view([demand])[0]
	if row.status in (rules.CONFIRMED, rules.DONE):
		out.update(
			frappe.db.get_value(
				"Child Profile", row.child, ["full_name", "guardian_name", "guardian_phone"], as_dict=True
			)
		)
	return out


def holds(demand: str, partner: str) -> bool:
	return frappe.db.get_value("Child Demand", demand, "claimed_by_partner") == partner


def released() -> dict:
	return {
		"status": rules.OPEN,
		"claimed_by_partner": None,
		"claimed_by_volunteer": None,
		"claimed_by_user": None,
		"claimed_on": None,
		"claim_confirmed_by": None,
		"claim_confirmed_on": None,
		"work_done": None,
		"done_on": None,
	}


def step(demand: str, values: dict, event: str):
	"""Write a claim step through the document (its validation and history), as kidcare's own code."""
	doc = frappe.get_doc("Child Demand", demand)
	doc.update(values)
	doc.flags[EVENT] = event
	doc.flags.ignore_permissions = True
	by_the_program(doc).save()
	return doc


# -- who is told ----------------------------------------------------------------------------------------


def requesters(doc) -> list[str]:
	users = [doc.owner]
	if doc.raised_by_volunteer:
		users.append(frappe.db.get_value("Care Volunteer", doc.raised_by_volunteer, "user"))
	return users


def tell_requester(doc, subject):
	notify(requesters(doc), subject, "Child Demand", doc.name, exclude=frappe.session.user, website_bell=True)


def tell_level(doc):
	"""The staff of the level a demand has reached (by hand) are told, once."""
	role = rules.LEVEL_ROLE.get(doc.current_level)
	if role:
		notify(
			staff_of(role, doc.care_area),
			lambda: _("Child demand {0} is waiting at your level ({1}).").format(
				doc.name, _(doc.current_level)
			),
			"Child Demand",
			doc.name,
			exclude=frappe.session.user,
			website_bell=True,
		)


def is_staff_of(user: str) -> bool:
	return bool(set(frappe.get_roles(user)) & STAFF_ROLES)
