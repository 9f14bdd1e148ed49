"""A program year's small frictions (#17): what the lists show, and what people type."""

import frappe
import pytest
from factories import grant_area, make_active_pairing, make_user, make_volunteer, make_waiting_child
from frappe.utils import add_months, getdate, today

from kidcare import tasks
from kidcare.patches.v0_5 import list_status_indicators, monthly_review_titles
from kidcare.rules.compliance import month_start
from kidcare.workflow.installer import load_definitions


def test_the_lists_show_each_doctypes_own_status_not_the_workflow_state():
	"""An ended pairing is 已结束 in the list, a closed review 已关闭: Frappe shows the workflow state
	instead unless the workflow says "Don't Override Status"."""
	for definition in load_definitions():
		if not frappe.db.exists("DocType", definition["document_type"]):
			continue  # shipped beside a doctype this site has not migrated yet
		workflow = frappe.get_all(
			"Workflow",
			filters={"document_type": definition["document_type"]},
			fields=["name", "override_status"],
		)
		assert workflow == [{"name": definition["workflow_name"], "override_status": 1}]


def test_the_patch_turns_it_on_for_a_workflow_that_keeps_the_status_field_only():
	pairing = frappe.get_doc("Workflow", "Care Pairing Approval")
	pairing.db_set("override_status", 0)
	list_status_indicators.execute()
	assert frappe.db.get_value("Workflow", "Care Pairing Approval", "override_status") == 1
	# an administrator's workflow whose states set no status field keeps showing its states
	for state in pairing.states:
		state.db_set("update_field", None)
	pairing.db_set("override_status", 0)
	list_status_indicators.execute()
	assert frappe.db.get_value("Workflow", "Care Pairing Approval", "override_status") == 0


def test_a_review_is_titled_by_the_child_and_the_month_however_it_was_made(tree):
	volunteer = make_volunteer(tree.community11, user=make_user(language="zh")).name
	child = make_waiting_child(tree.community11)
	pairing = make_active_pairing(child, volunteer)
	child_name = frappe.db.get_value("Child Profile", child, "full_name")
	frappe.db.set_value("Care Pairing", pairing, "start_date", add_months(today(), -2))
	this_month, last_month = month_start(getdate(today())), month_start(getdate(add_months(today(), -1)))
	tasks.create_monthly_reviews(this_month)  # the scheduler's bulk insert
	review = frappe.get_doc(  # and one made by hand
		{"doctype": "Monthly Review", "pairing": pairing, "period": last_month}
	).insert()
	titles = dict(
		frappe.get_all(
			"Monthly Review", filters={"pairing": pairing}, fields=["period", "title"], as_list=True
		)
	)
	assert titles == {
		this_month: f"{child_name} · {this_month:%Y-%m}",
		last_month: f"{child_name} · {last_month:%Y-%m}",
	}
	assert frappe.get_meta("Monthly Review").title_field == "title"
	# reviews made before titles existed get theirs from the patch
	frappe.db.set_value("Monthly Review", review.name, "title", None)
	monthly_review_titles.execute()
	assert frappe.db.get_value("Monthly Review", review.name, "title") == titles[last_month]


def test_cancelling_an_approval_closes_the_pairings_open_reviews(tree):
	"""An administrator undoing an approval: nobody reports on a pairing that never was, so its open
	reviews close and the reminders stop."""
	volunteer = make_volunteer(tree.community11, user=make_user(language="zh")).name
	child = make_waiting_child(tree.community11)
	pairing = make_active_pairing(child, volunteer)
	tasks.create_monthly_reviews(month_start(getdate(today())))
	assert frappe.db.get_value("Monthly Review", {"pairing": pairing}, "status") == "Open"
	frappe.get_doc("Care Pairing", pairing).cancel()
	assert frappe.get_all("Monthly Review", filters={"pairing": pairing}, pluck="status") == ["Closed"]
	assert frappe.db.get_value("Child Profile", child, "status") == "Awaiting Pairing"


def test_the_patch_submits_the_rejected_drafts_of_sites_made_before(tree):
	from kidcare.patches.v0_5 import rejected_pairings_final

	workflow = frappe.get_doc("Workflow", "Care Pairing Approval")
	for state in workflow.states:
		if state.update_value == "Rejected":
			state.db_set("doc_status", "0")
	child = make_waiting_child(tree.community11)
	stuck = frappe.get_doc(
		{"doctype": "Care Pairing", "child": child, "volunteer": make_volunteer(tree.community11).name}
	).insert()
	stuck.db_set({"status": "Rejected", "decision_notes": "距离过远"})
	rejected_pairings_final.execute()
	assert frappe.db.get_value("Care Pairing", stuck.name, "docstatus") == 1
	assert {
		s.doc_status for s in frappe.get_doc("Workflow", workflow.name).states if s.update_value == "Rejected"
	} == {"1"}


def test_the_aged_out_job_skips_a_broken_child_and_closes_what_waited_on_the_others(tree):
	"""One child whose records are broken no longer stops the daily job for everyone; a child who
	aged out leaves no enrollment or exit request open for an officer to act on."""
	from factories import make_child, make_enrollment
	from frappe.utils import add_years

	adult = str(add_years(getdate(today()), -18))
	broken = make_child(tree.community11, date_of_birth=adult)
	broken.db_set("current_pairing", "CP-NO-SUCH-PAIRING")
	enrolling = make_child(tree.community11, date_of_birth=adult).name
	enrollment = make_enrollment(enrolling).name
	paired = make_waiting_child(tree.community11, date_of_birth=adult)
	volunteer_user = make_user(language="zh")
	pairing = make_active_pairing(paired, make_volunteer(tree.community11, user=volunteer_user).name)
	frappe.set_user(volunteer_user)  # she asks to withdraw; nobody has verified it when the child turns 18
	exit_request = (
		frappe.get_doc(
			{
				"doctype": "Exit Request",
				"child": paired,
				"reason_category": "Moved Away",
				"reason_detail": "迁往外省",
			}
		)
		.insert()
		.name
	)
	frappe.set_user("Administrator")

	job = frappe.get_doc("Scheduled Job Type", {"method": "kidcare.tasks.mark_aged_out"})
	assert frappe.get_attr(job.method)() >= 2

	status = dict(
		frappe.get_all(
			"Child Profile",
			filters={"name": ("in", [broken.name, enrolling, paired])},
			fields=["name", "status"],
			as_list=True,
		)
	)
	assert status == {broken.name: "Registered", enrolling: "Aged Out", paired: "Aged Out"}
	assert frappe.db.exists(
		"Error Log", {"reference_doctype": "Child Profile", "reference_name": broken.name}
	)
	assert frappe.db.get_value("Care Pairing", pairing, "status") == "Ended"
	# each lands where its workflow puts a rejection: the enrollment back with the registrar (a draft
	# the registry refuses to resubmit for an adult), the exit request decided
	for doctype, name, docstatus in (("Child Enrollment", enrollment, 0), ("Exit Request", exit_request, 1)):
		doc = frappe.get_doc(doctype, name)
		assert (doc.docstatus, doc.status, doc.decided_on) == (docstatus, "Rejected", getdate(today())), (
			doctype
		)
		assert "18" in doc.decision_notes
		workflow = frappe.get_doc("Workflow", {"document_type": doctype})
		assert {(s.doc_status, s.update_value) for s in workflow.states if s.state == doc.workflow_state} == {
			(str(docstatus), "Rejected")
		}
	assert frappe.db.get_value("Exit Request", exit_request, "decision") == "Rejected"


def test_an_approver_with_no_area_is_told_as_she_sees_everything(staff):
	"""A District Approver or KidCare Admin with no User Permission on Care Area sees every area
	(Frappe's rule), so she is told of what waits on her there; one scoped to another area is not."""
	from factories import make_area_tree, scoped_staff
	from frappe.model.workflow import apply_workflow

	tree = make_area_tree()
	p = scoped_staff(staff, tree)
	everywhere = make_user("District Approver", language="zh")
	elsewhere = make_user("District Approver", language="zh")
	grant_area(elsewhere, make_area_tree().district)
	volunteer_user = make_user("Care Volunteer")
	child = make_waiting_child(tree.community11)
	make_active_pairing(child, make_volunteer(tree.community11, user=volunteer_user).name)
	frappe.set_user(volunteer_user)
	name = (
		frappe.get_doc(
			{
				"doctype": "Exit Request",
				"child": child,
				"reason_category": "Moved Away",
				"reason_detail": "迁往外省",
			}
		)
		.insert()
		.name
	)
	frappe.set_user(p.officer)
	doc = frappe.get_doc("Exit Request", name)
	doc.verification_notes = "入户核实：情况属实"
	doc.save()
	apply_workflow(doc, "Verify Exit")

	def told(user):
		return frappe.get_all(
			"Notification Log",
			filters={"for_user": user, "document_type": "Exit Request", "document_name": name},
			pluck="subject",
		)

	assert told(everywhere) and "等待区妇联审批" in told(everywhere)[0]
	assert told(p.approver)  # scoped to the district
	assert not told(elsewhere)


def test_a_street_with_one_officer_verifies_what_she_filed_and_the_district_decides(staff):
	"""Nobody verifies her own filing while another Street Officer of the area could; a street's only
	officer does, and the district's approval stays a second person's."""
	from factories import make_area_tree, make_child, make_enrollment, scoped_staff
	from frappe.model.workflow import apply_workflow

	from kidcare.patches.v0_5 import sole_street_officer_verifies

	tree = make_area_tree()
	p = scoped_staff(staff, tree)  # one officer on street 1, another on street 2

	def file_enrollment(community):
		frappe.set_user("Administrator")
		child = make_child(community).name
		frappe.set_user(p.officer)
		enrollment = make_enrollment(child)
		apply_workflow(enrollment, "Submit Enrollment")
		doc = frappe.get_doc("Child Enrollment", enrollment.name)
		doc.verification_notes = "入户核实：情况属实"
		doc.save()
		return doc

	from kidcare import dashboard

	mine = file_enrollment(tree.community11)
	assert mine.sole_street_officer == 1
	assert dashboard.approvals_waiting_for_me() >= 1  # her card shows what waits on her
	waiting = dashboard.approvals_waiting_for_me()
	apply_workflow(mine, "Verify Enrollment")  # her own filing: nobody else could
	assert dashboard.approvals_waiting_for_me() == waiting - 1
	frappe.set_user(p.approver)
	doc = frappe.get_doc("Child Enrollment", mine.name)
	doc.decision_notes = "同意纳入"
	doc.save()
	apply_workflow(doc, "Approve Enrollment")
	assert frappe.db.get_value("Child Profile", doc.child, "status") == "Awaiting Pairing"
	assert frappe.db.get_value("Child Enrollment", mine.name, "verified_by") == p.officer

	# with a second officer on her street, the first one may not verify her own filing
	frappe.set_user("Administrator")
	grant_area(p.other_officer, tree.street1)
	shared = file_enrollment(tree.community12)
	assert shared.sole_street_officer == 0
	with pytest.raises(frappe.ValidationError):
		apply_workflow(shared, "Verify Enrollment")
	frappe.set_user(p.other_officer)
	apply_workflow(frappe.get_doc("Child Enrollment", shared.name), "Verify Enrollment")

	# sites made before: the patch adds the twin transitions once, and only once
	frappe.set_user("Administrator")
	for doctype in ("Child Enrollment", "Exit Request"):
		workflow = frappe.get_doc("Workflow", {"document_type": doctype})
		twins = [t for t in workflow.transitions if t.condition == "doc.sole_street_officer"]
		assert len(twins) == 1
		workflow.transitions = [t for t in workflow.transitions if not t.condition]
		workflow.save()
		sole_street_officer_verifies.execute()
		sole_street_officer_verifies.execute()
		workflow.reload()
		assert [(t.action, t.allow_self_approval) for t in workflow.transitions if t.condition] == [
			(twins[0].action, 1)
		]


def test_this_months_figures_count_from_the_first_not_from_the_review_day(staff):
	"""Before the month's reviews exist (they are made on the creation day), the card of pairings not met
	this month and the trend's current month read the contacts themselves."""
	from factories import make_area_tree, scoped_staff

	from kidcare import dashboard

	tree = make_area_tree()
	p = scoped_staff(staff, tree)
	visited = make_active_pairing(make_waiting_child(tree.community11), make_volunteer(tree.community11).name)
	make_active_pairing(make_waiting_child(tree.community12), make_volunteer(tree.community12).name)
	make_active_pairing(make_waiting_child(tree.community21), make_volunteer(tree.community21).name)
	frappe.get_doc(
		{
			"doctype": "Care Contact",
			"pairing": visited,
			"contact_date": today(),
			"contact_type": "Home Visit",
			"duration_minutes": 60,
			"summary": "入户陪伴",
		}
	).insert()
	assert not frappe.db.exists("Monthly Review", {"pairing": visited})
	frappe.set_user(p.officer)
	card = frappe.get_doc("Number Card", "Pairings Not Met This Month")
	assert frappe.get_attr(card.method)() == 1  # street 1: one visited, one not; street 2 is not hers
	assert dashboard.compliance_trend()["datasets"][0]["values"][-1] == 50.0


def test_meeting_action_items_become_assignments_and_follow_to_the_next_meeting(staff):
	"""An owned action item is a ToDo of its owner (told once, reminded when due); the next meeting of
	the area shows it while open; closing the ToDo closes the item everywhere."""
	from factories import make_area_tree, scoped_staff
	from frappe.utils import add_days

	from kidcare import meetings

	tree = make_area_tree()
	p = scoped_staff(staff, tree)

	def meeting(**values):
		frappe.set_user(p.officer)
		return frappe.get_doc(
			{
				"doctype": "Review Meeting",
				"meeting_type": "Street Monthly",
				"care_area": tree.street1,
				**values,
			}
		).insert()

	first = meeting(
		meeting_date=add_days(today(), -30),
		action_items=[
			{"action": "联系社区腾出活动室", "owner_user": p.officer, "due_date": add_days(today(), 1)},
			{"action": "整理志愿者联系表", "owner_user": p.approver, "due_date": add_days(today(), 20)},
			{"action": "无人负责的事项"},
		],
	)
	rooms, sheet, loose = first.action_items
	todo = frappe.get_doc("ToDo", rooms.todo)
	assert (todo.allocated_to, todo.reference_type, todo.reference_name, todo.status) == (
		p.officer, "Review Meeting", first.name, "Open"
	)  # fmt: skip
	assert sheet.todo and not loose.todo
	assert frappe.db.exists("Notification Log", {"for_user": p.approver, "document_name": first.name})

	# reminded the day before it is due, once
	assert meetings.remind_action_items() == 1
	assert meetings.remind_action_items() == 0
	reminded = frappe.get_all(
		"Notification Log", filters={"for_user": p.officer, "document_name": first.name}, pluck="subject"
	)
	assert any("将于" in s and "联系社区腾出活动室" in s for s in reminded)

	# the next meeting of the street shows both open items, carried from the first
	second = meeting(meeting_date=today())
	assert {(r.action, r.carried_from, r.todo) for r in second.action_items} == {
		("联系社区腾出活动室", first.name, rooms.todo), ("整理志愿者联系表", first.name, sheet.todo)
	}  # fmt: skip

	# she closes her ToDo: the item is done in both meetings and is not carried again
	frappe.set_user(p.officer)
	todo.reload()
	todo.status = "Closed"
	todo.save()
	done = frappe.get_all("Care Meeting Action Item", filters={"todo": rooms.todo}, pluck="done")
	assert done == [1, 1]
	third = meeting(meeting_date=add_days(today(), 1))
	assert [r.action for r in third.action_items] == ["整理志愿者联系表"]

	# ticking Done on the item closes the owner's ToDo
	row = next(r for r in third.action_items if r.todo == sheet.todo)
	row.done = 1
	third.save()
	assert frappe.db.get_value("ToDo", sheet.todo, "status") == "Closed"


def test_an_action_item_goes_only_to_someone_who_may_read_the_meeting(staff):
	from factories import make_area_tree, scoped_staff

	tree = make_area_tree()
	p = scoped_staff(staff, tree)
	frappe.set_user(p.officer)
	frappe.local.lang = "zh"
	before = frappe.db.count("ToDo")
	with pytest.raises(frappe.ValidationError, match="无权查看本次会议"):
		frappe.get_doc(
			{
				"doctype": "Review Meeting",
				"meeting_type": "Street Monthly",
				"care_area": tree.street1,
				"action_items": [{"action": "协调场地", "owner_user": p.other_officer}],
			}
		).insert()
	assert frappe.db.count("ToDo") == before


@pytest.fixture
def sms_gateway():
	"""An SMS gateway on a loopback port that records what it is asked to send (as a provider's HTTP
	API would receive it from Frappe's SMS Settings)."""
	import threading
	from http.server import BaseHTTPRequestHandler, HTTPServer
	from urllib.parse import parse_qsl, urlparse

	received = []

	class Gateway(BaseHTTPRequestHandler):
		def do_GET(self):
			received.append(dict(parse_qsl(urlparse(self.path).query)))
			self.send_response(200)
			self.end_headers()
			self.wfile.write(b"OK")

		def log_message(self, *args):
			pass

	server = HTTPServer(("127.0.0.1", 0), Gateway)
	threading.Thread(target=server.serve_forever, daemon=True).start()
	yield frappe._dict(url=f"http://127.0.0.1:{server.server_port}/send", received=received)
	server.shutdown()
	frappe.db.rollback()
	frappe.db.value_cache.pop("SMS Settings", None)  # the connection's cache of single values outlives it


def run_report(name, filters):
	from frappe.desk.query_report import run

	result = run(name, filters=filters)
	return [dict(row) for row in result["result"] if isinstance(row, dict)]


def test_children_waiting_for_pairing_longer_than_n_days_and_why(staff):
	from factories import make_area_tree, make_pairing, scoped_staff
	from frappe.utils import add_days

	tree = make_area_tree()
	p = scoped_staff(staff, tree)
	long_ago = add_days(today(), -40)

	def waiting(community, since=long_ago):
		child = make_waiting_child(community)
		frappe.db.set_value("Child Profile", child, "modified", since, update_modified=False)
		return child

	nobody_near = waiting(tree.community21)  # street 2 has no volunteer
	free_near = waiting(tree.community12)
	proposed = waiting(tree.community11)
	recent = waiting(tree.community11, since=add_days(today(), -5))
	make_volunteer(tree.community11)
	make_pairing(proposed, make_volunteer(tree.community12).name)

	frappe.set_user(p.approver)
	frappe.local.lang = "zh"
	rows = {r["child"]: r for r in run_report("Children Waiting for Pairing", {"days": 30})}
	assert recent not in rows and {nobody_near, free_near, proposed} <= set(rows)
	assert rows[nobody_near]["days_waiting"] == 40 and rows[nobody_near]["free_volunteers"] == 0
	assert "没有空余名额" in rows[nobody_near]["why"]
	assert rows[free_near]["free_volunteers"] == 2 and "尚未提出结对建议" in rows[free_near]["why"]
	assert "等待区妇联审批" in rows[proposed]["why"]
	frappe.set_user(p.officer)  # her street only
	assert {r["child"] for r in run_report("Children Waiting for Pairing", {"days": 0})} >= {
		free_near,
		proposed,
		recent,
	}
	assert nobody_near not in {r["child"] for r in run_report("Children Waiting for Pairing", {"days": 0})}


def test_volunteer_activity_of_a_year_equals_her_contacts(staff):
	from factories import make_area_tree, scoped_staff
	from frappe.utils import add_days

	tree = make_area_tree()
	p = scoped_staff(staff, tree)
	volunteer = make_volunteer(tree.community11).name
	idle = make_volunteer(tree.community12).name
	pairing = make_active_pairing(make_waiting_child(tree.community11), volunteer)
	frappe.db.set_value("Care Pairing", pairing, "start_date", add_days(today(), -120))
	for days_ago, kind, minutes in (
		(0, "Home Visit", 90),
		(35, "Activity", 150),
		(70, "Phone or Video", 20),
		(71, "Home Visit", 60),
	):
		frappe.get_doc(
			{"doctype": "Care Contact", "pairing": pairing, "contact_date": add_days(today(), -days_ago),
			 "contact_type": kind, "duration_minutes": minutes, "summary": "陪伴"}
		).insert()  # fmt: skip
	year = getdate(today()).year
	contacts = frappe.get_all(
		"Care Contact",
		filters={"volunteer": volunteer, "contact_date": ("between", (f"{year}-01-01", f"{year}-12-31"))},
		fields=["contact_type", "duration_minutes", "contact_date"],
	)
	frappe.set_user(p.officer)
	rows = {r["volunteer"]: r for r in run_report("Volunteer Activity", {"year": year})}
	mine = rows[volunteer]
	assert mine["contacts"] == len(contacts)
	assert mine["home_visits"] == sum(c.contact_type == "Home Visit" for c in contacts)
	assert mine["hours"] == round(sum(c.duration_minutes for c in contacts) / 60, 1)
	assert mine["activities"] == sum(c.contact_type == "Activity" for c in contacts)
	assert mine["months"] == len({c.contact_date.month for c in contacts})
	assert rows[idle]["contacts"] == 0
	frappe.set_user(p.other_officer)
	assert volunteer not in {r["volunteer"] for r in run_report("Volunteer Activity", {"year": year})}


def test_the_program_year_summary_equals_the_sum_of_the_records(staff):
	from factories import make_area_tree, make_child, scoped_staff
	from frappe.utils import add_days

	tree = make_area_tree()
	p = scoped_staff(staff, tree)
	volunteers = [make_volunteer(tree.community11).name, make_volunteer(tree.community12).name]
	pairings = [
		make_active_pairing(make_waiting_child(c), v)
		for c, v in zip((tree.community11, tree.community12), volunteers, strict=True)
	]
	make_child(tree.community11)  # registered, not yet paired
	for pairing in pairings:
		frappe.db.set_value("Care Pairing", pairing, "start_date", add_days(today(), -60))
	for pairing, kind, minutes in (
		(pairings[0], "Home Visit", 90),
		(pairings[0], "Activity", 180),
		(pairings[1], "Phone or Video", 30),
	):
		frappe.get_doc(
			{"doctype": "Care Contact", "pairing": pairing, "contact_date": today(), "contact_type": kind,
			 "duration_minutes": minutes, "summary": "陪伴"}
		).insert()  # fmt: skip
	far = make_active_pairing(make_waiting_child(tree.community21), make_volunteer(tree.community21).name)
	year = getdate(today()).year

	frappe.set_user(p.officer)
	rows = run_report("Program Year Summary", {"year": year})
	street = next(r for r in rows if r["area"] == tree.street1)
	assert [r["area"] for r in rows] == [tree.street1]  # hers only, by street
	frappe.set_user("Administrator")
	contacts = frappe.get_all(
		"Care Contact", filters={"pairing": ("in", pairings)}, fields=["contact_type", "duration_minutes"]
	)
	assert street["pairings"] == 2 and street["children_served"] == 2 and street["volunteers"] == 2
	assert street["children_registered"] == 3
	assert street["contacts"] == len(contacts) == 3
	assert street["home_visits"] == 1 and street["memorable_activities"] == 1
	assert street["hours"] == round(sum(c.duration_minutes for c in contacts) / 60, 1)
	frappe.set_user(p.approver)  # the district sees both streets, street 2 with its own pairing
	by_area = {r["area"]: r for r in run_report("Program Year Summary", {"year": year})}
	assert by_area[tree.street2]["pairings"] == 1 and far


def test_the_pairing_keeps_the_score_its_suggestion_showed(staff):
	"""A volunteer with two free places scored higher in the suggestion than on the pairing proposed
	from it (the pairing scored her as if one place were free)."""
	from factories import make_area_tree, make_pairing, scoped_staff

	from kidcare import api

	tree = make_area_tree()
	p = scoped_staff(staff, tree)
	child = make_waiting_child(tree.community11)
	volunteer = make_volunteer(tree.community11, capacity=2).name
	frappe.set_user(p.officer)
	shown = next(s for s in api.suggest_volunteers(child, limit=10) if s["volunteer"] == volunteer)
	pairing = make_pairing(child, volunteer)
	assert pairing.match_score == shown["score"]
	assert pairing.match_reasons == shown["reasons"]


def test_reminders_are_worded_in_each_persons_language_and_come_as_one_digest_by_email_and_sms(
	staff, sms_gateway
):
	"""Each item is a bell entry in its recipient's own language; the day's new items of each person go
	out once more as a single e-mail and SMS when the site has an Email Account and an SMS gateway."""
	from factories import make_area_tree, scoped_staff
	from frappe.utils import add_days

	tree = make_area_tree()
	scoped_staff(staff, tree)
	volunteer_user = make_user("Care Volunteer", language="en")
	pairings = [
		make_active_pairing(make_waiting_child(tree.community11), make_volunteer(tree.community11, user=u).name)
		for u in (volunteer_user, make_user("Care Volunteer", language="zh"))
	]  # fmt: skip
	frappe.db.set_value("Care Volunteer", {"user": volunteer_user}, "mobile", "13912345678")
	for pairing in pairings:
		frappe.db.set_value("Care Pairing", pairing, "start_date", add_days(today(), -60))
	tasks.create_monthly_reviews(month_start(getdate(today())))
	frappe.db.set_single_value("KidCare Settings", "review_creation_day", 1)
	frappe.clear_document_cache("KidCare Settings", "KidCare Settings")
	for pairing in pairings:
		frappe.db.set_value("Monthly Review", {"pairing": pairing}, "due_date", add_days(today(), 1))

	frappe.flags.in_test = True  # an Email Account is saved without reaching its SMTP server
	try:
		frappe.get_doc(
			{"doctype": "Email Account", "email_account_name": "KidCare Digest Test", "email_id": "kc@kidcare.test",
			 "enable_outgoing": 1, "default_outgoing": 1, "smtp_server": "127.0.0.1", "no_smtp_authentication": 1}
		).insert(ignore_permissions=True)  # fmt: skip
	finally:
		frappe.flags.in_test = False
	sms = frappe.get_single("SMS Settings")
	sms.update(
		{
			"sms_gateway_url": sms_gateway.url,
			"message_parameter": "text",
			"receiver_parameter": "to",
		}
	)
	sms.save()

	frappe.local.lang = "zh"  # the job runs in the site's language; each recipient reads her own
	assert tasks.send_reminders() >= 4
	entries = frappe.get_all(
		"Notification Log", filters={"for_user": volunteer_user}, fields=["subject", "email_content"]
	)
	assert len(entries) == 1, "one bell entry a day, not one per item"
	assert entries[0].subject == "KidCare: 2 things waiting for you"
	assert "monthly review" in entries[0].email_content and "No contact" in entries[0].email_content
	queued = frappe.get_all("Email Queue Recipient", filters={"recipient": volunteer_user}, pluck="parent")
	assert len(queued) == 1, "one digest, not one e-mail per item"
	message = frappe.db.get_value("Email Queue", queued[0], "message")
	assert "2 things waiting for you" in message
	texts = [q["text"] for q in sms_gateway.received if q.get("to") == "13912345678"]
	assert len(texts) == 1 and "2 things waiting for you" in texts[0] and "No contact" in texts[0]
	assert tasks.send_reminders() == 0
	assert len(frappe.get_all("Email Queue Recipient", filters={"recipient": volunteer_user})) == 1
