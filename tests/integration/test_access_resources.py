"""The permission matrix of the team's resources (#14): Child Demand, Care Partner, Care Space and Care
Activity against every role and every door, over real HTTP, with canaries.

One district is committed for this module: street 1 with a child, her volunteer (a website user), three
demands of hers (one still at the community, one published and claimed by a partner whose claim the
district has not confirmed, one published and open), a partner of street 1, a space of community 1-1 and
an activity of street 1 the child is signed up for. Each record's telling text is a canary; each role
knocks on each door and must get none of the canaries it may not see. Claimants (the partner's staff, any
active volunteer) read published demands only through kidcare.resources.demands, which gives the alias,
age, area and what is asked: never the child's name or her guardian's phone before the district confirms.
"""

import json
import secrets

import frappe
import pytest
import requests
from doors import over_http, record_doors
from factories import (
	PASSWORD,
	grant_area,
	make_active_pairing,
	make_area_tree,
	make_user,
	make_volunteer,
	make_waiting_child,
)
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, add_to_date, now_datetime

ROLES = (
	"admin",
	"approver",
	"officer",
	"other_officer",
	"worker",
	"volunteer",
	"other_volunteer",
	"guardian",
	"partner",
	"website_user",
	"guest",
)

CHILD = "child"  # the child's name: her area's staff, her volunteer, her guardian
GUARDIAN_PHONE = "guardian_phone"  # staff of her area only
DRAFT = "draft"  # what a demand still at the community asks
CLAIMED = "claimed"  # what the claimed demand asks: the claimant too
OPEN = "open"  # what the open published demand asks: every claimant
PARTNER = "partner"  # the partner's contact phone: staff of street 1 and above
SPACE = "space"  # the space's description: staff whose area covers community 1-1
ACTIVITY = "activity"  # the activity's description: staff of street 1 and above

STAFF_STREET = {CHILD, GUARDIAN_PHONE, DRAFT, CLAIMED, OPEN, PARTNER, SPACE, ACTIVITY}
MAY_SEE = {
	"admin": STAFF_STREET,
	"approver": STAFF_STREET,
	"officer": STAFF_STREET,
	"worker": {CHILD, GUARDIAN_PHONE, DRAFT, CLAIMED, OPEN, SPACE},  # community 1-1: not street 1's records
	"other_officer": set(),
	"volunteer": {CHILD, DRAFT, CLAIMED, OPEN},  # her own child's demands
	"other_volunteer": {OPEN},  # a claimant: the open published demand, through the claim endpoints
	"guardian": set(),
	"partner": {CLAIMED, OPEN},  # its own claim and the open demand, never the child before confirmation
	"website_user": set(),
	"guest": set(),
}


def tag() -> str:
	return frappe.generate_hash(length=10).upper()


@pytest.fixture(scope="module")
def world(site, staff):
	frappe.db.rollback()
	frappe.set_user("Administrator")
	made: list[tuple[str, str]] = []
	w = frappe._dict(
		secrets={k: set() for k in (CHILD, GUARDIAN_PHONE, DRAFT, CLAIMED, OPEN, PARTNER, SPACE, ACTIVITY)}
	)

	def secret(kind, value):
		w.secrets[kind].add(str(value))
		return value

	tree = make_area_tree()
	made += [("Care Area", tree[k]) for k in ("district", "street1", "street2", "community11", "community12",
		"community21", "community22")]  # fmt: skip
	w.tree = tree
	w.users = {"admin": staff.admin, "approver": staff.approver, "officer": staff.officer,
		"other_officer": staff.other_officer, "worker": staff.worker}  # fmt: skip
	for user, area in (("admin", "district"), ("approver", "district"), ("officer", "street1"),
		("other_officer", "street2"), ("worker", "community11")):  # fmt: skip
		made.append(("User Permission", grant_area(w.users[user], tree[area])))
	for key, role in (("volunteer", None), ("other_volunteer", None), ("guardian", "Child Guardian"),
		("partner", "Care Partner Staff"), ("website_user", None)):  # fmt: skip
		user = make_user(*([role] if role else []))
		frappe.db.set_value("User", user, "user_type", "Website User")
		w.users[key] = user
		made.append(("User", user))

	w.volunteer = make_volunteer(tree.community11, user=w.users["volunteer"]).name
	w.other_volunteer = make_volunteer(tree.community21, user=w.users["other_volunteer"]).name
	made += [("Care Volunteer", w.other_volunteer), ("Care Volunteer", w.volunteer)]
	w.child = make_waiting_child(
		tree.community11,
		full_name=secret(CHILD, f"RESCHILD{tag()}"),
		alias="小雨",
		guardian_user=w.users["guardian"],
		guardian_phone=secret(GUARDIAN_PHONE, f"139{secrets.randbelow(10**8):08d}"),
	)
	made.append(("Child Profile", w.child))
	w.pairing = make_active_pairing(w.child, w.volunteer)
	frappe.db.set_value("Care Pairing", w.pairing, "start_date", add_days(frappe.utils.today(), -30))
	made.append(("Care Pairing", w.pairing))

	w.partner = (
		frappe.get_doc(
			{
				"doctype": "Care Partner",
				"partner_name": f"矩阵爱心单位-{tag()}",
				"kind": "Caring Company",
				"care_area": tree.street1,
				"contact_phone": secret(PARTNER, f"136{secrets.randbelow(10**8):08d}"),
				"members": [{"user": w.users["partner"]}],
			}
		)
		.insert()
		.name
	)
	made.append(("Care Partner", w.partner))
	w.space = (
		frappe.get_doc(
			{
				"doctype": "Care Space",
				"space_name": f"矩阵空间-{tag()}",
				"care_area": tree.community11,
				"capacity": 20,
				"latitude": 30.1,
				"longitude": 120.1,
				"address": "公开地址",
				"description": secret(SPACE, f"SPACE{tag()}"),
			}
		)
		.insert()
		.name
	)
	made.append(("Care Space", w.space))

	def demand(kind, publish):
		doc = frappe.get_doc(
			{
				"doctype": "Child Demand",
				"child": w.child,
				"need": "学业辅导",
				"request": secret(kind, f"ASK{kind.upper()}{tag()}"),
			}
		).insert()
		made.append(("Child Demand", doc.name))
		if publish:
			for action in ("Escalate Demand", "Escalate Demand", "Publish Demand"):
				doc = apply_workflow(doc, action)
		return doc.name

	from kidcare.resources import activities, demands

	w.draft = demand(DRAFT, False)
	w.claimed = demand(CLAIMED, True)
	w.open = demand(OPEN, True)
	frappe.set_user(w.users["partner"])
	demands.claim(w.claimed)
	frappe.set_user("Administrator")

	w.activity = (
		frappe.get_doc(
			{
				"doctype": "Care Activity",
				"activity_name": "矩阵活动",
				"care_area": tree.street1,
				"venue": "活动中心",
				"starts_at": add_days(now_datetime(), 5),
				"ends_at": add_to_date(add_days(now_datetime(), 5), hours=2),
				"capacity": 5,
				"description": secret(ACTIVITY, f"ACTIVITY{tag()}"),
			}
		)
		.insert()
		.name
	)
	made.append(("Care Activity", w.activity))
	activities.sign_up(w.activity, w.child)
	w.rows = {
		"Child Demand Move": (
			frappe.db.get_value("Child Demand Move", {"parent": w.draft}, "name"),
			"Child Demand",
		),
		"Care Activity Signup": (
			frappe.db.get_value("Care Activity Signup", {"parent": w.activity}, "name"),
			"Care Activity",
		),
		"Care Partner Member": (
			frappe.db.get_value("Care Partner Member", {"parent": w.partner}, "name"),
			"Care Partner",
		),
	}
	frappe.db.commit()
	frappe.cache.delete_value("user_permissions")
	yield w
	frappe.db.rollback()
	frappe.set_user("Administrator")
	remove(made)


def remove(records):
	for doctype, name in reversed(records):
		if doctype == "User":
			frappe.delete_doc("User", name, force=True, ignore_permissions=True)
			continue
		for df in frappe.get_meta(doctype).get_table_fields():
			frappe.db.delete(df.options, {"parent": name, "parenttype": doctype})
		for log, field in (("Version", "docname"), ("Comment", "reference_name"), ("Access Log", "reference_document"),
			("View Log", "reference_name"), ("Notification Log", "document_name"), ("ToDo", "reference_name")):  # fmt: skip
			frappe.db.delete(log, {field: name})
		if doctype == "Care Area":
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		else:
			frappe.db.delete(doctype, {"name": name})
	frappe.db.commit()


def doors(w) -> list[tuple[str, str, dict]]:
	out = []
	for doctype, name, sensitive in (
		("Child Demand", w.draft, []),
		("Child Demand", w.claimed, []),
		("Child Demand", w.open, []),
		("Care Partner", w.partner, ["contact_phone"]),
		("Care Space", w.space, ["description"]),
		("Care Activity", w.activity, ["description"]),
	):
		out += record_doors(doctype, name, sensitive)
	for child, (row, parent) in w.rows.items():
		out.append(
			(
				f"child table {child}",
				"frappe.client.get_list",
				{"doctype": child, "parent": parent, "fields": json.dumps(["*"]), "limit_page_length": 0},
			)
		)
		out.append((f"child row {child}", f"GET /api/resource/{child}/{row}", {}))
	out += [
		(
			"map of spaces",
			"frappe.geo.utils.get_coords",
			{"doctype": "Care Space", "filters": "{}", "type": "coordinates"},
		),
		("published demands", "kidcare.resources.demands.published_demands", {}),
		("claimed demand", "kidcare.resources.demands.claimed_demand", {"demand": w.claimed}),
		("open activities", "kidcare.resources.activities.open_activities", {}),
		("child's profile", f"GET /api/resource/Child Profile/{w.child}", {}),
		(
			"demand report",
			"frappe.desk.query_report.run",
			{"report_name": "Child Demand Resolution", "filters": "{}"},
		),
	]
	return out


def forbidden(w, role) -> set[str]:
	return {s for kind, values in w.secrets.items() if kind not in MAY_SEE[role] for s in values}


@pytest.fixture(scope="module")
def sessions(world, web_server):
	out = {}
	for role in ROLES:
		session = requests.Session()
		if role != "guest":
			r = session.post(
				f"{web_server}/api/method/login", data={"usr": world.users[role], "pwd": PASSWORD}, timeout=30
			)
			assert r.ok, (role, r.text)
		out[role] = session
	return out


def test_every_role_gets_nothing_it_may_not_see_over_http(world, sessions, web_server):
	leaks, errors = [], []
	for door, how, args in doors(world):
		for role in ROLES:
			status, text = over_http(sessions[role], web_server, how, args)
			leaked = sorted(s for s in forbidden(world, role) if s in text)
			if leaked:
				leaks.append((door, role, status, leaked))
			if status >= 500:
				errors.append((door, role, status, text[:300]))
	assert not leaks, "\n".join(map(str, leaks))
	assert not errors, "\n".join(map(str, errors))


def test_the_doors_give_each_role_what_it_may_see(world, sessions, web_server):
	"""The other side: staff read the records of their area, the volunteer her child's demands, the
	partner its claim (alias, not name), every claimant the open published demand, and the partner sees
	the child's name once the district confirms its claim."""

	def seen(role, how, args=None):
		_status, text = over_http(sessions[role], web_server, how, args or {})
		return {kind for kind, values in world.secrets.items() if any(v in text for v in values)}

	for role in ("admin", "approver", "officer"):
		assert {PARTNER} <= seen(role, f"GET /api/resource/Care Partner/{world.partner}")
		assert {ACTIVITY} <= seen(role, f"GET /api/resource/Care Activity/{world.activity}")
	for role in ("admin", "approver", "officer", "worker"):
		assert {CHILD, DRAFT} <= seen(
			role, "frappe.desk.form.load.getdoc", {"doctype": "Child Demand", "name": world.draft}
		) or {DRAFT} <= seen(role, f"GET /api/resource/Child Demand/{world.draft}")
		assert {SPACE} <= seen(role, f"GET /api/resource/Care Space/{world.space}")
	assert {DRAFT} <= seen("volunteer", f"GET /api/resource/Child Demand/{world.draft}")
	assert seen("partner", "kidcare.resources.demands.published_demands") == {CLAIMED, OPEN}
	assert seen("other_volunteer", "kidcare.resources.demands.published_demands") == {OPEN}
	assert seen("partner", "kidcare.resources.demands.claimed_demand", {"demand": world.claimed}) == {CLAIMED}
	status, text = over_http(
		sessions["approver"], web_server, "kidcare.resources.demands.confirm_claim", {"demand": world.claimed}
	)
	assert status == 200, text
	try:
		assert {CHILD, GUARDIAN_PHONE, CLAIMED} <= seen(
			"partner", "kidcare.resources.demands.claimed_demand", {"demand": world.claimed}
		)
	finally:
		frappe.db.rollback()
		frappe.db.set_value(
			"Child Demand",
			world.claimed,
			{"status": "Claimed", "claim_confirmed_by": None, "claim_confirmed_on": None},
		)
		frappe.db.commit()


WRITES = [
	("Child Demand", "draft", {"request": "改写"}),
	("Care Partner", "partner", {"contact_phone": "13000000000"}),
	("Care Space", "space", {"capacity": 1}),
	("Care Activity", "activity", {"capacity": 99}),
]
MAY_WRITE = {
	"Child Demand": {"admin", "officer", "worker", "volunteer"},  # the state allows its editors
	"Care Partner": {"admin", "approver", "officer"},
	"Care Space": {"admin", "approver", "officer"},
	"Care Activity": {"admin", "approver", "officer"},
}


def test_nobody_writes_what_is_not_hers_over_http(world, sessions, web_server):
	wrote = []
	for doctype, key, values in WRITES:
		for role in ROLES:
			if role in MAY_WRITE[doctype]:
				continue
			before = frappe.db.get_value(doctype, world[key], list(values))
			r = sessions[role].put(
				f"{web_server}/api/resource/{doctype}/{world[key]}",
				data={"data": json.dumps(values)},
				timeout=60,
			)
			frappe.db.rollback()
			after = frappe.db.get_value(doctype, world[key], list(values))
			if r.ok or before != after:
				wrote.append((doctype, role, r.status_code))
	# nor creates a demand for a child she has no business with, nor claims in another's name
	for role in ("other_officer", "other_volunteer", "guardian", "partner", "website_user", "guest"):
		r = sessions[role].post(
			f"{web_server}/api/resource/Child Demand",
			data={"data": json.dumps({"child": world.child, "need": "学业辅导", "request": "x"})},
			timeout=60,
		)
		if r.ok:
			wrote.append(("new Child Demand", role, r.status_code))
	for role in ("guardian", "website_user", "guest", "worker"):
		r = sessions[role].post(
			f"{web_server}/api/method/kidcare.resources.demands.claim",
			data={"demand": world.open},
			timeout=60,
		)
		if r.ok:
			wrote.append(("claim", role, r.status_code))
	for role in ("other_volunteer", "guardian", "partner", "website_user", "guest", "other_officer"):
		r = sessions[role].post(
			f"{web_server}/api/method/kidcare.resources.activities.sign_up",
			data={"activity": world.activity, "child": world.child, "join_waiting_list": 1},
			timeout=60,
		)
		if r.ok:
			wrote.append(("sign up", role, r.status_code))
	frappe.db.rollback()
	assert frappe.db.get_value("Child Demand", world.open, "status") == "Open"
	assert frappe.db.count("Care Activity Signup", {"parent": world.activity}) == 1
	assert not wrote, wrote
