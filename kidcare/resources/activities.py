"""Care Activity sign-ups (报名), the waiting list and attendance, for volunteers (website users: these
whitelisted methods are their door) and the area's staff.

A volunteer signs up only the children paired with her; staff any child of their area. The last place
is safe under races: every change to an activity's sign-ups locks its row first (``SELECT ... FOR
UPDATE``) and counts under the lock. A place that frees goes to the first on the waiting list. An
attended activity is logged as the pairing's Care Contact (kidcare.rules.activity.contact_type: a
memorable one counts toward the yearly memorable-activity requirement)."""

import frappe
from frappe import _
from frappe.utils import cint, get_datetime, now_datetime, time_diff_in_seconds

from kidcare.notify import notify
from kidcare.permissions import is_staff, volunteer_only
from kidcare.rules import activity as rules
from kidcare.writes import by_the_program


def throw(message: str, exc=frappe.ValidationError):
	frappe.throw(message, exc, title=_("Care Activity"))


def lock(activity: str) -> frappe._dict:
	table = frappe.qb.DocType("Care Activity")
	rows = (
		frappe.qb.from_(table)
		.select(table.name, table.capacity, table.activity_status, table.starts_at, table.care_area)
		.where(table.name == activity)
		.for_update()
		.run(as_dict=True)
	)
	if not rows:
		throw(_("Activity {0} was not found.").format(activity), frappe.DoesNotExistError)
	return rows[0]


def active_pairing(child: str) -> frappe._dict:
	pairing = frappe.db.get_value(
		"Care Pairing",
		{"child": child, "docstatus": 1, "status": "Active"},
		["name", "volunteer"],
		as_dict=True,
	)
	if not pairing:
		throw(_("Only a paired child can take part in an activity with her volunteer."))
	return pairing


def check_may_act_for(child: str, pairing: frappe._dict, activity: str):
	"""A volunteer acts only for the children paired with her; staff for the children of their area, on
	activities they may change."""
	user = frappe.session.user
	if not covers(frappe.db.get_value("Care Activity", activity, "care_area"), child):
		# the activity's readers would see a child of an area they may not see
		throw(_("This activity is not organised for the child's area."), frappe.PermissionError)
	if volunteer_only(user):
		if frappe.db.get_value("Care Volunteer", pairing.volunteer, "user") != user:
			throw(_("You can sign up only the children paired with you."), frappe.PermissionError)
		return
	if not frappe.has_permission("Child Profile", "read", child, user=user):
		throw(_("You can sign up only children in your area."), frappe.PermissionError)
	if not frappe.has_permission("Care Activity", "write", activity, user=user):
		throw(_("You cannot change the sign-ups of this activity."), frappe.PermissionError)


def covers(area: str | None, child: str) -> bool:
	"""Whether ``area`` is the child's Care Area or one above it."""
	child_area = frappe.db.get_value("Child Profile", child, "care_area")
	if not area or not child_area:
		return False
	outer = frappe.db.get_value("Care Area", area, ["lft", "rgt"])
	inner = frappe.db.get_value("Care Area", child_area, ["lft", "rgt"])
	return bool(outer and inner and outer[0] <= inner[0] and inner[1] <= outer[1])


def locked_sign_ups(activity: str) -> list[frappe._dict]:
	"""The activity's sign-ups in order, read under the lock (a locking read sees what the other
	session has just committed, where a plain read would see the transaction's older snapshot)."""
	signup = frappe.qb.DocType("Care Activity Signup")
	return (
		frappe.qb.from_(signup)
		.select(signup.name, signup.idx, signup.child, signup.pairing, signup.volunteer, signup.signup_status)
		.where((signup.parent == activity) & (signup.parenttype == "Care Activity"))
		.orderby(signup.idx)
		.for_update()
		.run(as_dict=True)
	)


def set_sign_up(name: str, **values):
	signup = frappe.qb.DocType("Care Activity Signup")
	query = frappe.qb.update(signup).set(signup.modified, now_datetime())
	for field, value in values.items():
		query = query.set(signup[field], value)
	query.where(signup.name == name).run()


def recount(activity: str):
	"""The activity's places taken and waiting list, from its sign-ups (inside the lock)."""
	statuses = [r.signup_status for r in locked_sign_ups(activity)]
	table = frappe.qb.DocType("Care Activity")
	(
		frappe.qb.update(table)
		.set(table.places_taken, rules.places_taken(statuses))
		.set(table.waiting, statuses.count(rules.WAITING))
		.set(table.modified, now_datetime())
		.set(table.modified_by, frappe.session.user)
		.where(table.name == activity)
		.run()
	)


@frappe.whitelist(methods=["POST"])
def sign_up(activity: str, child: str, join_waiting_list: int = 0) -> str:
	"""Sign ``child`` up (with her volunteer); returns the sign-up's status (Signed Up or Waiting)."""
	pairing = active_pairing(child)
	check_may_act_for(child, pairing, activity)
	row = lock(activity)
	if row.activity_status != "Planned" or get_datetime(row.starts_at) <= now_datetime():
		throw(_("This activity is not open for sign-ups."))
	rows = locked_sign_ups(activity)
	if any(r.child == child and r.signup_status != rules.CANCELLED for r in rows):
		throw(_("This child is already signed up for this activity."))
	status = rules.sign_up_status(
		[r.signup_status for r in rows], row.capacity, bool(cint(join_waiting_list))
	)
	if status is None:
		throw(_("This activity is full. You can join its waiting list."))
	frappe.get_doc(
		{
			"doctype": "Care Activity Signup",
			"parent": activity,
			"parenttype": "Care Activity",
			"parentfield": "signups",
			"idx": max((r.idx for r in rows), default=0) + 1,
			"child": child,
			"child_alias": frappe.db.get_value("Child Profile", child, "alias"),
			"pairing": pairing.name,
			"volunteer": pairing.volunteer,
			"signup_status": status,
			"signed_up_on": now_datetime(),
		}
	).db_insert()
	recount(activity)
	return status


@frappe.whitelist(methods=["POST"])
def cancel_sign_up(activity: str, child: str) -> str | None:
	"""Withdraw ``child``; the first on the waiting list gets the place that frees. Returns the child who
	moved up, if any."""
	pairing = active_pairing(child)
	check_may_act_for(child, pairing, activity)
	lock(activity)
	rows = locked_sign_ups(activity)
	row = next(
		(r for r in rows if r.child == child and r.signup_status in (rules.SIGNED_UP, rules.WAITING)), None
	)
	if not row:
		throw(_("This child is not signed up for this activity."))
	set_sign_up(row.name, signup_status=rules.CANCELLED)
	promoted = None
	if row.signup_status == rules.SIGNED_UP:
		key = rules.next_in_line([(r.name, r.signup_status) for r in rows if r.name != row.name])
		promoted = next((r for r in rows if r.name == key), None)
		if promoted:
			set_sign_up(promoted.name, signup_status=rules.SIGNED_UP)
	recount(activity)
	if promoted:
		name = frappe.db.get_value("Care Activity", activity, "activity_name")
		notify(
			[frappe.db.get_value("Care Volunteer", promoted.volunteer, "user")],
			lambda: _("A place freed up in {0}: your child is now signed up.").format(name),
			"Care Activity",
			activity,
			website_bell=True,
		)
		return promoted.child
	return None


@frappe.whitelist(methods=["POST"])
def record_attendance(activity: str, child: str | None = None, token: str | None = None) -> str:
	"""Mark a signed-up child as attended, by the area's staff (``child``) or by scanning the child's QR
	check-in code (``token``: her volunteer or the area's staff, kidcare.checkin.resolve). Logs the
	pairing's Care Contact; returns its name."""
	from kidcare.checkin import resolve

	if token:
		child = resolve(token).child.name
	elif volunteer_only(frappe.session.user) or not frappe.has_permission("Care Activity", "write", activity):
		throw(
			_("Attendance is recorded by the activity's staff or with the child's QR code."),
			frappe.PermissionError,
		)
	if not child:
		throw(_("Choose the child who attended."))
	lock(activity)
	row = next(
		(r for r in locked_sign_ups(activity) if r.child == child and r.signup_status == rules.SIGNED_UP),
		None,
	)
	if not row:
		throw(_("This child has no place in this activity."))
	doc = frappe.db.get_value(
		"Care Activity", activity, ["activity_name", "starts_at", "ends_at", "is_memorable"], as_dict=True
	)
	if get_datetime(doc.starts_at) > now_datetime():
		throw(_("Attendance is recorded once the activity has begun."))
	contact = frappe.get_doc(
		{
			"doctype": "Care Contact",
			"pairing": row.pairing,
			"contact_date": get_datetime(doc.starts_at).date(),
			"contact_type": rules.contact_type(bool(doc.is_memorable)),
			"duration_minutes": max(int(time_diff_in_seconds(doc.ends_at, doc.starts_at) // 60), 0),
			"summary": _("Activity: {0}").format(doc.activity_name),
			"check_in_method": "QR" if token else "Manual",
			"check_in_time": now_datetime() if token else None,
		}
	)
	by_the_program(contact).insert()
	set_sign_up(row.name, signup_status=rules.ATTENDED, checked_in_at=now_datetime(), contact=contact.name)
	recount(activity)
	return contact.name


@frappe.whitelist()
def open_activities() -> list[dict]:
	"""Planned activities still to come, with their place, free places and the caller's own sign-ups.
	Staff see those of their area (frappe.get_list); a volunteer those organised for an area that covers
	one of her paired children's, and of the sign-ups only her own children's."""
	user = frappe.session.user
	volunteer = (
		frappe.db.get_value("Care Volunteer", {"user": user}, "name") if volunteer_only(user) else None
	)
	if not volunteer and not is_staff():
		throw(_("Activities are for volunteers and the program's staff."), frappe.PermissionError)
	table = frappe.qb.DocType("Care Activity")
	space = frappe.qb.DocType("Care Space")
	if volunteer:
		area = frappe.qb.DocType("Care Area")
		child_area = frappe.qb.DocType("Care Area").as_("child_area")
		pairing = frappe.qb.DocType("Care Pairing")
		covering = (
			frappe.qb.from_(pairing)
			.join(child_area)
			.on(child_area.name == pairing.care_area)
			.join(area)
			.on((area.lft <= child_area.lft) & (area.rgt >= child_area.rgt))
			.select(area.name)
			.where((pairing.volunteer == volunteer) & (pairing.docstatus == 1) & (pairing.status == "Active"))
		)
		visible = table.care_area.isin(covering)
	else:
		visible = table.name.isin(frappe.get_list("Care Activity", pluck="name", limit_page_length=0) or [""])
	rows = (
		frappe.qb.from_(table)
		.left_join(space)
		.on(space.name == table.space)
		.select(
			table.name,
			table.activity_name,
			table.starts_at,
			table.ends_at,
			table.capacity,
			table.places_taken,
			table.waiting,
			table.is_memorable,
			table.audience,
			table.venue,
			space.space_name,
			space.address,
		)
		.where((table.activity_status == "Planned") & (table.starts_at > now_datetime()) & visible)
		.orderby(table.starts_at)
		.run(as_dict=True)
	)
	signup = frappe.qb.DocType("Care Activity Signup")
	mine = (
		frappe.qb.from_(signup)
		.select(signup.parent, signup.child, signup.child_alias, signup.signup_status)
		.where((signup.volunteer == volunteer) & (signup.parenttype == "Care Activity"))
		.run(as_dict=True)
		if volunteer
		else []
	)
	for row in rows:
		row.free_places = max((row.capacity or 0) - (row.places_taken or 0), 0)
		row.my_sign_ups = [m for m in mine if m.parent == row.name]
	return rows
