"""The permission matrix: every role against every door the site opens, over real HTTP and in-process.

One district is committed for this module: street A with a child, her volunteer, their pairing,
a contact, a review, an exit request, an enrollment and a street meeting; street B with its own officer
and volunteer. Every sensitive value is a canary (a string found nowhere else), planted in every field
the contract calls sensitive, in every doctype that has one. Each role then knocks on each door, and
the answer must hold none of the canaries that role may not see; where the role may see them, the
main doors must actually give them (a matrix that refuses everyone would prove nothing).

Roles: KidCare Admin, District Approver, the child's street officer and another street's, the Community
Worker of the child's community, the child's volunteer and another volunteer, the child's guardian, a
plain website user and Guest.
"""

import json
import secrets
import types

import frappe
import pytest
import requests
from doors import over_http, record_doors
from factories import (
	PASSWORD,
	grant_area,
	make_active_pairing,
	make_area_tree,
	make_child,
	make_enrollment,
	make_user,
	make_volunteer,
	make_waiting_child,
)

ROLES = ("admin", "approver", "officer", "other_officer", "worker", "volunteer", "other_volunteer",
	"guardian", "website_user", "guest")  # fmt: skip

# which secrets each role may see (everything else is forbidden to it)
CHILD = "child"  # the child's name, needs and interests: her area's staff and her volunteer
VOLUNTEER = "volunteer"  # the volunteer's record (her skills): her area's staff and herself
CHILD_SENSITIVE = "child_sensitive"  # ID, address, phones, coordinates, notes, token, categories, files
VOLUNTEER_SENSITIVE = "volunteer_sensitive"  # the volunteer's mobile, coordinates, screening notes
CASE_NOTES = "case_notes"  # investigation and decision notes on the pairing and the exit request
CONTACT = "contact"  # what the volunteer wrote about her visit
MEETING = "meeting"  # the street meeting's action items and attendees

STREET_A_STAFF = {CHILD, CHILD_SENSITIVE, VOLUNTEER, VOLUNTEER_SENSITIVE, CASE_NOTES, CONTACT, MEETING}
MAY_SEE = {
	"admin": STREET_A_STAFF,
	"approver": STREET_A_STAFF,
	"officer": STREET_A_STAFF,
	"worker": STREET_A_STAFF,
	"other_officer": set(),
	"volunteer": {CHILD, CONTACT, VOLUNTEER, VOLUNTEER_SENSITIVE},  # her own mobile is hers
	"other_volunteer": set(),
	"guardian": {CHILD},  # her own child's name
	"website_user": set(),
	"guest": set(),
}


def tag() -> str:
	return frappe.generate_hash(length=10).upper()


@pytest.fixture(scope="module")
def world(site, staff):
	"""The committed district; deleted (rows, children, files, versions) when the module ends."""
	frappe.db.rollback()
	frappe.set_user("Administrator")
	made: list[tuple[str, str]] = []
	w = frappe._dict(secrets={k: set() for k in (CHILD, CHILD_SENSITIVE, VOLUNTEER, VOLUNTEER_SENSITIVE,
		CASE_NOTES, CONTACT, MEETING)})  # fmt: skip

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
		("website_user", None)):  # fmt: skip
		user = make_user(*([role] if role else []))
		frappe.db.set_value("User", user, "user_type", "Website User")
		w.users[key] = user
		made.append(("User", user))

	w.volunteer = make_volunteer(
		tree.community11,
		user=w.users["volunteer"],
		mobile=secret(VOLUNTEER_SENSITIVE, f"137{secrets.randbelow(10**8):08d}"),
		latitude=secret(VOLUNTEER_SENSITIVE, 30.123457),
		longitude=secret(VOLUNTEER_SENSITIVE, 120.765431),
		screening_notes=secret(VOLUNTEER_SENSITIVE, f"SCREEN{tag()}"),
		skills=["国际象棋"],
	).name
	w.other_volunteer = make_volunteer(tree.community21, user=w.users["other_volunteer"]).name
	made += [("Care Volunteer", w.other_volunteer), ("Care Volunteer", w.volunteer)]

	w.child = make_waiting_child(
		tree.community11,
		full_name=secret(CHILD, f"MATRIX{tag()}"),  # ASCII: JSON escapes the rest
		guardian_user=w.users["guardian"],
		guardian_phone=secret(CHILD_SENSITIVE, f"139{secrets.randbelow(10**8):08d}"),
		address=secret(CHILD_SENSITIVE, f"ADDR{tag()}"),
		latitude=secret(CHILD_SENSITIVE, 30.456781),
		longitude=secret(CHILD_SENSITIVE, 120.987651),
		notes=secret(CHILD_SENSITIVE, f"NOTE{tag()}"),
		categories=[{"category": "Parent Imprisoned"}],
		needs=[{"care_need": "学业辅导", "priority": "High", "note": secret(CHILD, f"NEED{tag()}")}],
		interests=[{"care_skill": "国际象棋"}],
	)
	child = frappe.get_doc("Child Profile", w.child)
	secret(CHILD_SENSITIVE, child.id_number)
	w.token = secret(CHILD_SENSITIVE, child.checkin_token)
	secret(CHILD_SENSITIVE, child.categories[0].name)  # the row itself: only who may read categories gets it
	secret(CHILD_SENSITIVE, "Parent Imprisoned")
	# a change of address leaves the old one in the form's history
	child.address = secret(CHILD_SENSITIVE, f"ADDR{tag()}")
	child.save()
	made.append(("Child Profile", w.child))

	consent = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"consent-{tag()}.txt",
			"content": secret(CHILD_SENSITIVE, f"CONSENT{tag()}"),
			"attached_to_doctype": "Child Profile",
			"attached_to_name": w.child,
			"attached_to_field": "consent_attachment",
			"is_private": 1,
		}
	).insert(ignore_permissions=True)
	frappe.db.set_value("Child Profile", w.child, "consent_attachment", consent.file_url)
	w.consent_url = consent.file_url
	made.append(("File", consent.name))

	w.pairing = make_active_pairing(w.child, w.volunteer)
	frappe.db.set_value("Care Pairing", w.pairing, "decision_notes", secret(CASE_NOTES, f"DECIDE{tag()}"))
	made.append(("Care Pairing", w.pairing))
	w.enrollments = frappe.get_all("Child Enrollment", filters={"child": w.child}, pluck="name")
	made += [("Child Enrollment", n) for n in w.enrollments]
	# a second child of street A being registered: her enrollment's notes are the street's case notes
	registering = make_child(tree.community11).name
	made.append(("Child Profile", registering))
	w.enrollment = make_enrollment(registering, registration_notes=secret(CASE_NOTES, f"REGISTER{tag()}")).name
	made.append(("Child Enrollment", w.enrollment))
	w.review = frappe.get_doc(
		{"doctype": "Monthly Review", "pairing": w.pairing, "period": frappe.utils.today()}
	).insert().name

	frappe.set_user(w.users["volunteer"])
	w.contact = frappe.get_doc(
		{"doctype": "Care Contact", "pairing": w.pairing, "summary": secret(CONTACT, f"VISIT{tag()}"),
		"contact_type": "Home Visit", "duration_minutes": 60, "need_areas": [{"care_need": "学业辅导"}]}  # fmt: skip
	).insert().name
	w.exit_request = frappe.get_doc(
		{"doctype": "Exit Request", "child": w.child, "reason_category": "Moved Away",
		"reason_detail": "志愿者申请退出"}  # fmt: skip
	).insert().name
	frappe.set_user("Administrator")
	frappe.db.set_value("Exit Request", w.exit_request, "verification_notes", secret(CASE_NOTES, f"INVEST{tag()}"))
	made += [("Care Contact", w.contact), ("Exit Request", w.exit_request)]

	w.meeting = frappe.get_doc(
		{
			"doctype": "Review Meeting",
			"meeting_type": "Street Monthly",
			"care_area": tree.street1,
			"meeting_date": frappe.utils.today(),
			"attendees": [{"volunteer": w.volunteer, "attendee_name": "出席人"}],
			"action_items": [{"action": secret(MEETING, f"ACTION{tag()}")}],
		}
	).insert()
	secret(MEETING, w.meeting.attendees[0].name)
	made.append(("Review Meeting", w.meeting.name))
	w.meeting = w.meeting.name
	# one row of each child table, to read on its own; its name is a secret of its parent's kind
	w.rows = {}
	kind_of = {"Child Profile Category": CHILD_SENSITIVE, "Child Need": CHILD, "Child Interest": CHILD,
		"Care Volunteer Skill": VOLUNTEER, "Care Contact Need": CONTACT, "Care Meeting Attendee": MEETING,
		"Care Meeting Action Item": MEETING}  # fmt: skip
	for child, parent in CHILD_TABLES.items():
		row = frappe.db.get_value(child, {"parenttype": parent, "parent": w[DOCTYPES_WITH_RECORDS[parent]]}, "name")
		assert row, child
		w.rows[child] = secret(kind_of[child], row)
	frappe.db.commit()
	frappe.cache.delete_value("user_permissions")
	yield w
	frappe.db.rollback()
	frappe.set_user("Administrator")
	remove(made + [("Monthly Review", n) for n in frappe.get_all("Monthly Review", {"pairing": w.pairing}, pluck="name")])


def remove(records):
	"""Delete committed test records with everything hanging on them, whatever their docstatus."""
	for doctype, name in reversed(records):
		if doctype == "User":
			frappe.delete_doc("User", name, force=True, ignore_permissions=True)
			continue
		meta = frappe.get_meta(doctype)
		for df in meta.get_table_fields():
			frappe.db.delete(df.options, {"parent": name, "parenttype": doctype})
		for log in ("Version", "Comment", "Access Log", "View Log", "Notification Log", "ToDo", "DocShare", "Communication"):
			field = {"Version": "docname", "Comment": "reference_name", "Access Log": "reference_document",
				"View Log": "reference_name", "Notification Log": "document_name", "ToDo": "reference_name",
				"DocShare": "share_name", "Communication": "reference_name"}[log]  # fmt: skip
			frappe.db.delete(log, {field: name})
		if doctype in ("File", "Care Area"):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		else:
			frappe.db.delete(doctype, {"name": name})
	frappe.db.commit()


# ---- the doors --------------------------------------------------------------------------------------
# Each door is (name, how): "GET path", or a method and its arguments; "{child}" and friends are filled
# from the world.

DOCTYPES_WITH_RECORDS = {
	"Child Profile": "child", "Care Volunteer": "volunteer", "Care Pairing": "pairing",
	"Care Contact": "contact", "Exit Request": "exit_request", "Review Meeting": "meeting",
	"Child Enrollment": "enrollment", "Monthly Review": "review",
}  # fmt: skip
CHILD_TABLES = {
	"Child Profile Category": "Child Profile", "Child Need": "Child Profile", "Child Interest": "Child Profile",
	"Care Volunteer Skill": "Care Volunteer", "Care Contact Need": "Care Contact",
	"Care Meeting Attendee": "Review Meeting", "Care Meeting Action Item": "Review Meeting",
}  # fmt: skip
SENSITIVE_FIELDS = {
	"Child Profile": ["id_number", "address", "guardian_phone", "latitude", "longitude", "notes", "checkin_token",
		"consent_attachment"],
	"Care Volunteer": ["mobile", "latitude", "longitude", "screening_notes"],
	"Care Pairing": ["decision_notes", "proposal_notes"],
	"Exit Request": ["verification_notes", "decision_notes", "signed_application"],
}  # fmt: skip


def doors(w) -> list[tuple[str, str, dict]]:
	"""(door, method or GET path, arguments)."""
	out = []
	for doctype, key in DOCTYPES_WITH_RECORDS.items():
		name = w[key]
		out += record_doors(doctype, name, SENSITIVE_FIELDS.get(doctype, []))
	for child, parent in CHILD_TABLES.items():
		out.append((f"child table {child}", "frappe.client.get_list", {"doctype": child, "parent": parent, "fields": json.dumps(["*"]), "limit_page_length": 0}))
	for child, parent in CHILD_TABLES.items():
		row = w.rows.get(child)
		if row:
			out.append((f"child row {child}", f"GET /api/resource/{child}/{row}", {}))
			out.append((f"client.get child row {child}", "frappe.client.get", {"doctype": child, "name": row, "parent": parent}))
			out.append((f"client.get child row by parent {child}", "frappe.client.get", {"doctype": child, "parent": parent, "filters": json.dumps({"parent": w[DOCTYPES_WITH_RECORDS[parent]], "idx": 1})}))
			out.append((f"v2 client.get child row {child}", "POST /api/v2/method/frappe.client.get", {"doctype": child, "parent": parent, "filters": json.dumps({"parent": w[DOCTYPES_WITH_RECORDS[parent]]})}))
			out.append((f"v2 child row {child}", f"GET /api/v2/document/{child}/{row}", {}))
	for doctype, fields in SENSITIVE_FIELDS.items():
		expressions = json.dumps(["name"] + [f"replace(name, name, {f}) as x{i}" for i, f in enumerate(fields)])
		out.append((f"expression columns {doctype}", "frappe.client.get_list", {"doctype": doctype, "fields": expressions, "limit_page_length": 0}))
		out.append((f"expression columns rest {doctype}", f"GET /api/resource/{doctype}", {"fields": expressions, "limit": 0}))
		out.append((f"expression columns report view {doctype}", "frappe.desk.reportview.get", {"doctype": doctype, "fields": expressions}))
	for doctype in ("Child Profile", "Care Volunteer"):
		out.append((f"map {doctype}", "frappe.geo.utils.get_coords", {"doctype": doctype, "filters": "{}", "type": "coordinates"}))
	out += [
		("archive card", "GET /printview?doctype=Child Profile&name={child}&format=Child Archive Card", {}),
		("pairing agreement", "GET /printview?doctype=Care Pairing&name={pairing}&format=Care Pairing Agreement", {}),
		("consent file", "GET {consent_url}", {}),
		("global search", "frappe.utils.global_search.search", {"text": "{child_name}"}),
		("check-in page", "GET /kidcare_checkin?token={token}", {}),
		("group by count", "frappe.desk.listview.get_group_by_count", {"doctype": "Child Profile", "current_filters": "[]", "field": "care_area"}),
		("exit web form", "frappe.website.doctype.web_form.web_form.get_form_data", {"doctype": "Exit Request", "docname": "{exit_request}", "web_form_name": "exit-request"}),
		("card: children by category", "kidcare.dashboard.children_by_category", {}),
		("suggest volunteers", "kidcare.api.suggest_volunteers", {"child": "{child}"}),
		("pairing progress", "kidcare.api.pairing_progress", {"pairing": "{pairing}"}),
		("linked documents", "frappe.desk.form.linked_with.get", {"doctype": "Child Profile", "docname": "{child}"}),
		("connections' counts", "frappe.desk.notifications.get_open_count", {"doctype": "Child Profile", "name": "{child}"}),
		("sidebar stats", "frappe.desk.reportview.get_sidebar_stats", {"stats": '["_user_tags"]', "doctype": "Child Profile"}),
		("compliance report", "frappe.desk.query_report.run", {"report_name": "Pairing Compliance", "filters": "{}"}),
		("child table columns", "frappe.client.get_list", {"doctype": "Child Profile", "fields": json.dumps(["name", "`tabChild Profile Category`.`category`"])}),
		("child table columns in report view", "frappe.desk.reportview.get", {"doctype": "Child Profile", "fields": json.dumps(["`tabChild Profile`.`name`", "`tabChild Profile Category`.`category`"])}),
		("filter dashboard", "frappe.desk.reportview.get_filter_dashboard_data", {"doctype": "Child Profile", "filters": "[]", "stats": json.dumps([{"name": "notes", "type": "Small Text"}, {"name": "address", "type": "Small Text"}])}),
		("forged document to print", "frappe.www.printview.get_html_and_style", {"doc": json.dumps({"doctype": "Care Pairing", "name": "{pairing}", "child": "{child}", "volunteer": "{volunteer}"}), "print_format": "Care Pairing Agreement"}),
		("new document to print", "frappe.www.printview.get_html_and_style", {"doc": json.dumps({"doctype": "Care Pairing", "child": "{child}", "volunteer": "{volunteer}", "__islocal": 1}), "print_format": "Care Pairing Agreement"}),
		("file list", "GET /api/resource/File", {"fields": json.dumps(["name", "file_name", "file_url", "attached_to_doctype", "attached_to_name"]), "limit": 0}),
		("website list", "frappe.www.list.get_list_data", {"doctype": "Child Profile"}),
		("website list of requests", "frappe.www.list.get_list_data", {"doctype": "Exit Request", "web_form_name": "exit-request"}),
		("exit request page", "GET /exit-request/{exit_request}", {}),
		("exit request page (edit)", "GET /exit-request/{exit_request}/edit", {}),
		("a form button's answer", "POST /api/method/run_doc_method", {"dt": "Child Profile", "dn": "{child}", "method": "add_comment", "args": json.dumps({"text": "seen"})}),
		("a form button's answer (v2)", "POST /api/v2/method/run_doc_method", {"dt": "Child Profile", "dn": "{child}", "method": "add_comment", "args": json.dumps({"text": "seen"})}),
		("a volunteer form button's answer", "POST /api/method/run_doc_method", {"dt": "Care Volunteer", "dn": "{volunteer}", "method": "add_comment", "args": json.dumps({"text": "seen"})}),
		("e-mail with the print attached", "frappe.core.doctype.communication.email.make", {"doctype": "Care Pairing", "name": "{pairing}", "recipients": "someone@example.com", "subject": "x", "content": "x", "print_format": "Care Pairing Agreement", "attach_document_print": 1, "send_email": 0}),
		("next record", "frappe.desk.form.utils.get_next", {"doctype": "Child Profile", "value": "{child}", "prev": 1}),
	]
	return out


def fill(value, w):
	if not isinstance(value, str):
		return value
	for key, filled in (("{child}", w.child), ("{pairing}", w.pairing), ("{consent_url}", w.consent_url),
		("{exit_request}", w.exit_request), ("{volunteer}", w.volunteer), ("{child_name}", next(iter(w.secrets[CHILD]))), ("{token}", w.token)):  # fmt: skip
		value = value.replace(key, filled)
	return value


def forbidden(w, role) -> set[str]:
	return {s for kind, values in w.secrets.items() if kind not in MAY_SEE[role] for s in values}


@pytest.fixture(scope="module")
def sessions(world, web_server):
	out = {}
	for role in ROLES:
		session = requests.Session()
		if role != "guest":
			r = session.post(f"{web_server}/api/method/login", data={"usr": world.users[role], "pwd": PASSWORD}, timeout=30)
			assert r.ok, (role, r.text)
		out[role] = session
	return out


def test_every_role_gets_nothing_it_may_not_see_over_http(world, sessions, web_server):
	leaks, errors = [], []
	for door, how, args in doors(world):
		how = fill(how, world)
		args = {k: fill(v, world) for k, v in args.items()}
		for role in ROLES:
			status, text = over_http(sessions[role], web_server, how, args)
			leaked = sorted(s for s in forbidden(world, role) - brought(door, world) if s in text)
			if leaked:
				leaks.append((door, role, status, leaked))
			if status >= 500 and door not in FRAPPE_ERRORS:
				errors.append((door, role, status, text[:300]))
	assert not leaks, "\n".join(map(str, leaks))
	# a refusal is a 403; a server error would hide a broken door (a list that fails for everyone)
	assert not errors, "\n".join(map(str, errors))


# doors where Frappe 15.44 itself answers with a server error for everyone (nothing kidcare can fix):
# its /api/v2/method/run_doc_method route calls a lambda that takes no arguments
FRAPPE_ERRORS = {"a form button's answer (v2)"}


def brought(door: str, w) -> set[str]:
	"""What the caller sent herself: the check-in page is opened with the token read from the card."""
	return {w.token} if door == "check-in page" else set()


def test_the_main_doors_do_give_each_role_what_it_may_see(world, sessions, web_server):
	"""The other side of the matrix: staff of the child's street read her sensitive fields, her volunteer
	reads her name and his visit, through the doors the desk uses."""
	child = world.child
	expected = {
		"officer": (f"/api/resource/Child Profile/{child}", CHILD_SENSITIVE),
		"admin": (f"/api/resource/Exit Request/{world.exit_request}", CASE_NOTES),
		"worker": (f"/api/resource/Care Volunteer/{world.volunteer}", VOLUNTEER_SENSITIVE),
		"approver": (f"/api/resource/Review Meeting/{world.meeting}", MEETING),
		"volunteer": (f"/api/resource/Care Contact/{world.contact}", CONTACT),
	}
	for role, (path, kind) in expected.items():
		r = sessions[role].get(web_server + path, timeout=30)
		assert r.ok, (role, path, r.status_code)
		assert any(s in r.text for s in world.secrets[kind]), (role, path)
	r = sessions["officer"].get(f"{web_server}/api/resource/Child Enrollment/{world.enrollment}", timeout=30)
	assert r.ok and any(s in r.text for s in world.secrets[CASE_NOTES])
	r = sessions["volunteer"].get(f"{web_server}/api/resource/Monthly Review/{world.review}", timeout=30)
	assert r.ok and world.review in r.text  # her own pairing's review
	r = sessions["volunteer"].get(f"{web_server}/api/resource/Child Profile/{child}", timeout=30)
	assert r.ok and any(s in r.text for s in world.secrets[CHILD])
	r = sessions["officer"].get(web_server + world.consent_url, timeout=30)
	assert r.ok and any(s in r.text for s in world.secrets[CHILD_SENSITIVE])
	r = sessions["officer"].get(f"{web_server}/printview", params={"doctype": "Child Profile", "name": child,
		"format": "Child Archive Card"}, timeout=60)  # fmt: skip
	assert r.ok and any(s in r.text for s in world.secrets[CHILD])


# ---- oracles: filtering, sorting, grouping, counting on a field the caller may not read -------------


def oracles(w) -> list[tuple[str, str, dict]]:
	"""(door, method, args) that filter, sort, group, search or count on a sensitive field: Frappe 15
	answers them (a count of 1 or 0 is a yes or no about the ID number); a caller who may not read the
	field must be refused."""
	id_number = next(s for s in w.secrets[CHILD_SENSITIVE] if len(s) == 18 and s[:17].isdigit())
	listed = json.dumps([["Child Profile", "id_number", "=", id_number]])
	as_dict = json.dumps({"id_number": ["like", id_number[:6] + "%"]})
	mobile = next(s for s in w.secrets[VOLUNTEER_SENSITIVE] if s.startswith("137"))
	return [
		("client.get_count", "frappe.client.get_count", {"doctype": "Child Profile", "filters": listed}),
		("client.get_count dict", "frappe.client.get_count", {"doctype": "Child Profile", "filters": as_dict}),
		("reportview.get_count", "frappe.desk.reportview.get_count", {"doctype": "Child Profile", "filters": listed}),
		("reportview.get", "frappe.desk.reportview.get", {"doctype": "Child Profile", "fields": '["name"]', "filters": as_dict}),
		("client.get_list", "frappe.client.get_list", {"doctype": "Child Profile", "filters": listed}),
		("client.get_list or_filters", "frappe.client.get_list", {"doctype": "Child Profile", "or_filters": listed}),
		("rest list", "GET /api/resource/Child Profile", {"filters": listed}),
		("cross-doctype filter", "frappe.client.get_list", {"doctype": "Care Pairing", "filters": listed}),
		("group by assigned_to", "frappe.desk.listview.get_group_by_count", {"doctype": "Child Profile", "current_filters": listed, "field": "assigned_to"}),
		("group by the field", "frappe.desk.listview.get_group_by_count", {"doctype": "Child Profile", "current_filters": "[]", "field": "id_number"}),
		("order by the field", "frappe.client.get_list", {"doctype": "Child Profile", "order_by": "id_number asc"}),
		("order by the field in capitals", "frappe.client.get_list", {"doctype": "Child Profile", "order_by": "`tabChild Profile`.`ID_NUMBER` asc"}),
		("filter on the field in capitals", "frappe.client.get_count", {"doctype": "Child Profile", "filters": json.dumps({"Id_Number": id_number})}),
		("group by in reportview", "frappe.desk.reportview.get", {"doctype": "Child Profile", "fields": '["name"]', "group_by": "guardian_phone"}),
		("search on the field", "frappe.desk.search.search_widget", {"doctype": "Child Profile", "txt": id_number[:10], "searchfield": "id_number"}),
		("link search filters", "frappe.desk.search.search_link", {"doctype": "Child Profile", "txt": "", "filters": as_dict}),
		("get_value by the field", "frappe.client.get_value", {"doctype": "Child Profile", "fieldname": "name", "filters": as_dict}),
		("number card", "frappe.desk.doctype.number_card.number_card.get_result", {"doc": json.dumps({"document_type": "Child Profile", "function": "Count", "filters_json": listed}), "filters": listed}),
		("dashboard chart", "frappe.desk.doctype.dashboard_chart.dashboard_chart.get", {"chart": json.dumps({"chart_type": "Group By", "document_type": "Child Profile", "group_by_type": "Count", "group_by_based_on": "id_number", "filters_json": "[]"}), "filters": "[]"}),
		("calendar on the field", "frappe.desk.calendar.get_events", {"doctype": "Child Profile", "start": "1900-01-01", "end": "2999-01-01", "field_map": json.dumps({"start": "creation", "end": "creation", "title": "id_number"})}),
		("map filters", "frappe.geo.utils.get_coords", {"doctype": "Child Profile", "filters": as_dict, "type": "coordinates"}),
		("volunteer's mobile", "frappe.client.get_count", {"doctype": "Care Volunteer", "filters": json.dumps({"mobile": mobile})}),
		("categories", "frappe.client.get_count", {"doctype": "Child Profile", "filters": json.dumps([["Child Profile Category", "category", "=", "Parent Imprisoned"]])}),
		("case notes", "frappe.client.get_count", {"doctype": "Exit Request", "filters": json.dumps({"verification_notes": ["like", "INVEST%"]})}),
		("next by the field", "frappe.desk.form.utils.get_next", {"doctype": "Child Profile", "value": "0", "prev": 0, "sort_field": "id_number", "sort_order": "asc"}),
		("website list keyword filter", "frappe.www.list.get_list_data", {"doctype": "Child Profile", "id_number": id_number}),
		("number card's own filters", "frappe.desk.doctype.number_card.number_card.get_result", {"doc": json.dumps({"document_type": "Child Profile", "function": "Count", "type": "Document Type", "filters_json": "[]"}), "filters": json.dumps([["id_number", "like", id_number[:4] + "%"]])}),
		("joined table alias", "frappe.client.get_list", {"doctype": "Care Pairing", "fields": json.dumps(["name", "child.full_name", "replace(replace(`tabChild Profile_1`.name,'locate(',''), `tabChild Profile_1`.name, `tabChild Profile_1`.id_number) as x"])}),
		("having", "frappe.client.get_list", {"doctype": "Care Pairing", "fields": json.dumps(["name", "child.full_name"]), "group_by": "`tabCare Pairing`.name having not strcmp(left(max(id_number),6),'" + id_number[:6] + "')"}),
		("link path column", "frappe.client.get_list", {"doctype": "Care Pairing", "fields": json.dumps(["name", "volunteer.mobile as vm"])}),
		("link path filter", "frappe.client.get_count", {"doctype": "Care Pairing", "filters": json.dumps([["child.id_number", "like", id_number[:6] + "%"]])}),
		("v2 count", "GET /api/v2/doctype/Child Profile/count", {"filters": listed}),
		("v2 document list", "GET /api/v2/document/Child Profile", {"filters": listed}),
		("v2 website list", "POST /api/v2/method/frappe.www.list.get_list_data", {"doctype": "Child Profile", "id_number": id_number}),
		("v1 method path", "POST /api/v1/method/frappe.client.get_count", {"doctype": "Child Profile", "filters": listed}),
		("cmd on the root", "POST /", {"cmd": "frappe.client.get_count", "doctype": "Child Profile", "filters": listed}),
		("a second doctype hides the route's", "GET /api/v2/doctype/Child Profile/count", {"doctype": "Contact", "filters": listed}),
		("a second doctype beside a card's", "frappe.desk.doctype.number_card.number_card.get_result", {"doctype": "Contact", "doc": json.dumps({"document_type": "Child Profile", "function": "Count", "type": "Document Type", "filters_json": "[]"}), "filters": json.dumps([["address", "like", "ADDR%"]])}),
		("a saved report's name", "frappe.client.get_count", {"doctype": "Child Profile", "filters": listed, "report_name": "Care Skill Report"}),
		("a doctype as a list", "frappe.client.get_count", {"doctype": json.dumps(["Child Profile"]), "filters": listed}),
		("data export", "frappe.core.doctype.data_export.exporter.export_data", {"doctype": "Child Profile", "parent_doctype": "Care Contact", "with_data": 1, "all_doctypes": 1, "filters": as_dict}),
		("export filtered", "frappe.desk.reportview.export_query", {"doctype": "Child Profile", "fields": '["name"]', "filters": listed, "file_format_type": "CSV", "title": "x"}),
	]


ORACLE_ROLES = ("volunteer", "other_volunteer", "guardian", "website_user", "guest")


def test_filters_sorts_and_groups_on_a_field_the_caller_may_not_read_are_refused(world, sessions, web_server):
	answered = []
	for door, how, args in oracles(world):
		for role in ORACLE_ROLES:
			status, text = over_http(sessions[role], web_server, how, args)
			if status == 200:
				answered.append((door, role, text[:200]))
	assert not answered, "\n".join(map(str, answered))


def test_another_streets_officer_may_filter_on_sensitive_fields_but_never_reaches_this_street(world, sessions, web_server):
	"""She reads ID numbers in her own street, so the filter is allowed; it never counts this street's
	child: the answer is the same as for an ID number nobody has."""
	id_number = next(s for s in world.secrets[CHILD_SENSITIVE] if len(s) == 18 and s[:17].isdigit())
	mobile = next(s for s in world.secrets[VOLUNTEER_SENSITIVE] if s.startswith("137"))
	differ = []
	for door, how, args in oracles(world):
		bogus = {k: v.replace(id_number, "110101199001011237").replace(id_number[:6], "999999").replace(mobile, "13000000000")
			if isinstance(v, str) else v for k, v in args.items()}  # fmt: skip
		a = over_http(sessions["other_officer"], web_server, how, args)
		b = over_http(sessions["other_officer"], web_server, how, bogus)
		if a[0] != b[0] or (a[0] == 200 and a[1] != b[1]):
			differ.append((door, a[0], a[1][:200], b[1][:200]))
	assert not differ, "\n".join(map(str, differ))


def test_staff_may_filter_on_the_fields_they_read(world, sessions, web_server):
	id_number = next(s for s in world.secrets[CHILD_SENSITIVE] if len(s) == 18 and s[:17].isdigit())
	r = sessions["officer"].post(f"{web_server}/api/method/frappe.client.get_count",
		data={"doctype": "Child Profile", "filters": json.dumps({"id_number": id_number})}, timeout=30)  # fmt: skip
	assert r.ok and r.json()["message"] == 1


# ---- writes through generic doors --------------------------------------------------------------------


def test_nobody_but_the_programs_admin_shares_a_record(world, sessions, web_server):
	for role, doctype, name in (("volunteer", "Care Contact", world.contact), ("officer", "Child Profile", world.child),
		("worker", "Child Profile", world.child)):  # fmt: skip
		r = sessions[role].post(f"{web_server}/api/method/frappe.share.add", data={"doctype": doctype, "name": name,
			"user": world.users["website_user"], "read": 1}, timeout=30)  # fmt: skip
		assert r.status_code == 403, (role, r.status_code, r.text[:300])
	shares = frappe.get_all("DocShare", filters={"user": world.users["website_user"], "share_doctype": ("!=", "User")},
		fields=["share_doctype", "share_name"])  # fmt: skip
	assert not shares


# ---- in-process: the same doors called as the desk's handler calls them -----------------------------


def call_in_process(user, how, args):
	"""What a request does inside the server: Frappe authenticates, runs the auth hooks (kidcare's gate),
	then the whitelisted method (through override_whitelisted_methods)."""
	import frappe.handler

	frappe.set_user(user)
	frappe.local.form_dict = frappe._dict(args, cmd=how)
	had_request = hasattr(frappe.local, "request")
	before = getattr(frappe.local, "request", None)
	frappe.local.request = types.SimpleNamespace(path=f"/api/method/{how}", method="POST")
	frappe.local.response = frappe._dict(docs=[])
	try:
		for hook in frappe.get_hooks("auth_hooks"):
			frappe.get_attr(hook)()
		result = frappe.handler.execute_cmd(how)
		return 200, frappe.as_json({"message": result, "response": frappe.local.response})
	except frappe.PermissionError:
		return 403, ""
	except Exception as e:  # what the HTTP server would answer with an error status
		return 500, str(e)
	finally:
		if had_request:
			frappe.local.request = before
		else:
			del frappe.local.request
		frappe.local.form_dict = frappe._dict()
		frappe.local.message_log = []
		frappe.db.rollback()


def test_every_role_gets_nothing_it_may_not_see_in_process(world):
	leaks = []
	for door, how, args in doors(world):
		if how.startswith(("GET ", "POST ")):
			continue
		args = {k: fill(v, world) for k, v in args.items()}
		for role in ROLES:
			user = "Guest" if role == "guest" else world.users[role]
			status, text = call_in_process(user, how, args)
			leaked = sorted(s for s in forbidden(world, role) if s in text)
			if leaked:
				leaks.append((door, role, status, leaked))
	frappe.set_user("Administrator")
	assert not leaks, "\n".join(map(str, leaks))


def test_filters_on_a_field_the_caller_may_not_read_are_refused_in_process(world):
	answered = []
	for door, how, args in oracles(world):
		if how.startswith(("GET ", "POST ")):
			continue
		for role in ORACLE_ROLES:
			user = "Guest" if role == "guest" else world.users[role]
			status, text = call_in_process(user, how, args)
			if status == 200:
				answered.append((door, role, text[:200]))
	frappe.set_user("Administrator")
	assert not answered, "\n".join(map(str, answered))


def test_no_field_a_reader_may_not_see_is_a_list_column_search_field_or_title():
	"""Frappe's list, link search and title show these fields to whoever reads the record (and its list
	filter skips the field after each it drops): a field some reader of the doctype may not read is none
	of them."""
	from kidcare.access import kidcare_doctypes

	wrong = []
	for doctype in kidcare_doctypes():
		meta = frappe.get_meta(doctype)
		if meta.istable:
			continue
		readers = {p.role for p in meta.permissions if p.read and not p.permlevel}
		shown = set((meta.search_fields or "").replace(" ", "").split(",")) | {meta.title_field, meta.image_field}
		for df in meta.fields:
			level_readers = {p.role for p in meta.permissions if p.read and p.permlevel == df.permlevel}
			if df.permlevel and not readers <= level_readers:
				if df.in_list_view or df.in_global_search or df.in_preview or df.fieldname in shown:
					wrong.append((doctype, df.fieldname))
	assert not wrong


def test_nobody_borrows_a_kidcare_files_url_or_attaches_to_a_record_she_may_not_change(world, sessions, web_server):
	"""Frappe lets anyone make a File row for an existing private URL and then serves her the file, and
	lets anyone attach a file to any record through upload_file."""
	for role in ("website_user", "other_volunteer", "volunteer", "other_officer"):
		borrowed = sessions[role].post(f"{web_server}/api/resource/File", json={"file_url": world.consent_url,
			"is_private": 1, "file_name": "mine.txt"}, timeout=30)  # fmt: skip
		assert borrowed.status_code == 403, (role, borrowed.status_code, borrowed.text[:300])
		download = sessions[role].get(web_server + world.consent_url, timeout=30)
		assert download.status_code == 403 and not any(s in download.text for s in world.secrets[CHILD_SENSITIVE])
		attached = sessions[role].post(f"{web_server}/api/method/upload_file", data={"doctype": "Child Profile",
			"docname": world.child, "is_private": 1}, files={"file": ("x.txt", b"planted")}, timeout=30)  # fmt: skip
		assert attached.status_code == 403, (role, attached.status_code, attached.text[:300])
	assert frappe.db.count("File", {"attached_to_name": world.child}) == 1
	assert frappe.db.count("File", {"file_url": world.consent_url}) == 1


def test_liking_tagging_following_and_link_checks_need_read_permission(world, sessions, web_server):
	for role in ("other_volunteer", "other_officer", "website_user"):
		for method, args in (
			("frappe.desk.like.toggle_like", {"doctype": "Child Profile", "name": world.child, "add": "Yes"}),
			("frappe.desk.doctype.tag.tag.add_tag", {"tag": "x", "dt": "Child Profile", "dn": world.child}),
			("frappe.desk.form.document_follow.follow_document", {"doctype": "Child Profile", "doc_name": world.child,
				"user": world.users[role]}),  # fmt: skip
		):
			r = sessions[role].post(f"{web_server}/api/method/{method}", data=args, timeout=30)
			assert r.status_code == 403, (role, method, r.status_code, r.text[:200])
		r = sessions[role].post(f"{web_server}/api/method/frappe.client.validate_link",
			data={"doctype": "Child Profile", "docname": world.child}, timeout=30)  # fmt: skip
		assert world.child not in r.text, role
	assert not frappe.db.get_value("Child Profile", world.child, "_liked_by")
	r = sessions["officer"].post(f"{web_server}/api/method/frappe.client.validate_link",
		data={"doctype": "Child Profile", "docname": world.child}, timeout=30)  # fmt: skip
	assert r.json()["message"]["name"] == world.child


def test_a_child_table_row_is_never_written_on_its_own(world, sessions, web_server):
	"""Frappe checks a row against any parent of its doctype: another street's officer could rewrite a
	need of this street's child through frappe.client.save (v1 or v2)."""
	row = frappe.get_doc("Child Need", world.rows["Child Need"]).as_dict()
	row.update(note="WRITTEN-BY-ANOTHER-STREET")
	for path in ("/api/method/frappe.client.save", "/api/v2/method/frappe.client.save"):
		r = sessions["other_officer"].post(web_server + path, data={"doc": frappe.as_json(row)}, timeout=30)
		assert r.status_code == 403, (path, r.status_code, r.text[:300])
	assert "WRITTEN" not in (frappe.db.get_value("Child Need", world.rows["Child Need"], "note") or "")


def test_a_kanban_board_column_is_a_readable_field_and_its_cards_readable_records(world, sessions, web_server):
	"""Frappe puts a board's field into its queries as written, and update_order reads each card's
	field with no permission: a yes/no about any record."""
	expression = "case when `id_number` like '1%' then 'y' else 'n' end"
	for role, field in (("other_officer", expression), ("volunteer", "id_number"), ("volunteer", expression)):
		doctype = "Care Contact" if role == "volunteer" else "Child Profile"
		r = sessions[role].post(f"{web_server}/api/method/frappe.client.insert", data={"doc": json.dumps({
			"doctype": "Kanban Board", "kanban_board_name": f"kb-{tag()}", "reference_doctype": doctype,
			"field_name": field, "private": 1})}, timeout=30)  # fmt: skip
		assert r.status_code in (403, 417), (role, field, r.status_code, r.text[:300])
	board = f"kb-{tag()}"
	r = sessions["other_officer"].post(f"{web_server}/api/method/frappe.client.insert", data={"doc": json.dumps({
		"doctype": "Kanban Board", "kanban_board_name": board, "reference_doctype": "Child Profile",
		"field_name": "gender", "private": 1})}, timeout=30)  # fmt: skip
	assert r.ok, r.text[:300]
	try:
		r = sessions["other_officer"].post(f"{web_server}/api/method/frappe.desk.doctype.kanban_board.kanban_board.update_order",
			data={"board_name": board, "order": json.dumps({"Female": [world.child]})}, timeout=30)  # fmt: skip
		assert r.status_code == 403, (r.status_code, r.text[:300])
	finally:
		frappe.db.delete("Kanban Board Column", {"parent": board})
		frappe.db.delete("Kanban Board", {"name": board})
		frappe.db.commit()


def test_a_row_of_another_record_is_not_moved_into_ones_own(world, staff):
	"""Frappe updates child rows by name alone: a row of another street's child sent with one's own
	child would move to it."""
	from factories import make_child

	frappe.set_user(world.users["other_officer"])
	own = make_child(world.tree.community21, needs=[{"care_need": "学业辅导"}])
	own.append("needs", {"name": world.rows["Child Need"], "care_need": "学业辅导"})
	own.needs[-1].__islocal = 0
	own.needs[-1].flags = frappe._dict()
	with pytest.raises(frappe.PermissionError):
		own.save()
	frappe.db.rollback()
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Child Need", world.rows["Child Need"], "parent") == world.child


def test_an_update_after_submit_is_judged_on_the_stored_record(world, sessions, web_server):
	"""Saving a submitted record again skips before_validate, and Frappe's "not allowed to change"
	message names the stored values: another street's officer who claims the record for her street is
	refused first, and learns nothing of it."""
	stored = frappe.get_doc("Care Pairing", world.pairing)
	forged = {"doctype": "Care Pairing", "name": world.pairing, "docstatus": 1, "modified": str(stored.modified),
		"care_area": world.tree.community21, "child": "X", "volunteer": "Y"}  # fmt: skip
	r = sessions["other_officer"].post(f"{web_server}/api/method/frappe.client.save", data={"doc": json.dumps(forged)}, timeout=30)
	assert r.status_code == 403, (r.status_code, r.text[:300])
	assert world.child not in r.text and world.volunteer not in r.text
	assert frappe.db.get_value("Care Pairing", world.pairing, "care_area") == world.tree.community11


# the masters every staff member reads (areas, needs, skills) and the settings carry nobody's data
MASTERS = {"Care Area", "Care Need", "Care Skill"}
PROVEN_ELSEWHERE = {
	"test_access_resources": ("Child Demand", "Care Partner", "Care Space", "Care Activity"),
	"test_access_sponsorship": ("Care Sponsor", "Child Sponsorship", "Sponsorship Receipt", "Sponsorship Disbursement",
		"Child Sponsorship Year"),
}  # fmt: skip


def test_every_doctype_of_the_app_has_its_role_by_door_proof():
	"""Every kidcare doctype that holds records of people is knocked on, through every door, by every
	role: here, or in the matrix of its part of the app (its ``doors``); a new doctype must join one."""
	import importlib
	import inspect

	from kidcare.access import kidcare_doctypes

	proven = set(DOCTYPES_WITH_RECORDS)
	for module, doctypes in PROVEN_ELSEWHERE.items():
		source = inspect.getsource(importlib.import_module(module).doors)
		assert all(f'"{d}"' in source for d in doctypes), module
		proven |= set(doctypes)
	holding = {
		d for d in kidcare_doctypes() if not frappe.get_meta(d).istable and not frappe.get_meta(d).issingle
	}
	assert holding - MASTERS <= proven, sorted(holding - MASTERS - proven)
