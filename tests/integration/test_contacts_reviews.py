"""Keeping pairings alive: contacts logged by the people concerned, monthly reviews, meetings."""

import frappe
import frappe.client
import pytest
from factories import grant_area, make_active_pairing, make_user, make_volunteer, make_waiting_child
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, getdate, today

from kidcare import tasks
from kidcare.rules.compliance import month_start


@pytest.fixture
def paired(staff, tree, zh):
	p = frappe._dict(tree=tree, **staff)
	grant_area(p.officer, tree.street1)
	grant_area(p.other_officer, tree.street2)
	grant_area(p.worker, tree.community11)
	p.volunteer_user = make_user(language="zh")
	p.volunteer = make_volunteer(tree.community11, user=p.volunteer_user).name
	p.child = make_waiting_child(tree.community11)
	p.pairing = make_active_pairing(p.child, p.volunteer)
	frappe.db.set_value("Care Pairing", p.pairing, "start_date", add_days(today(), -60))
	return p


def log(user, pairing, **values):
	frappe.set_user(user)
	values.setdefault("contact_date", today())
	values.setdefault("contact_type", "Home Visit")
	values.setdefault("duration_minutes", 60)
	values.setdefault("summary", "陪孩子写作业，聊学校的事")
	return frappe.get_doc({"doctype": "Care Contact", "pairing": pairing, **values}).insert()


def count_contacts():
	return frappe.db.count("Care Contact")


def test_the_volunteer_and_the_community_worker_log_contacts(paired):
	contact = log(paired.volunteer_user, paired.pairing, need_areas=[{"care_need": "学业辅导"}])
	assert (contact.child, contact.volunteer, contact.care_area) == (
		paired.child,
		paired.volunteer,
		paired.tree.community11,
	)
	log(paired.worker, paired.pairing, contact_type="Home Visit", summary="入户走访，了解近况")
	frappe.set_user(paired.volunteer_user)
	assert len(frappe.get_list("Care Contact", pluck="name")) == 2


@pytest.mark.parametrize(
	"who, values, message",
	[
		("stranger", {}, "只能为自己的结对"),
		("volunteer", {"contact_date": "2099-01-01"}, "不能晚于今天"),
		("volunteer", {"contact_date": "2020-01-01"}, "早于结对开始"),
		("volunteer", {"duration_minutes": -10}, "不能为负数"),
	],
)
def test_bad_contacts_are_refused_in_chinese_and_write_nothing(paired, who, values, message):
	user = paired.volunteer_user
	if who == "stranger":
		user = make_user(language="zh")
		make_volunteer(paired.tree.community12, user=user)
	before = count_contacts()
	with pytest.raises((frappe.ValidationError, frappe.PermissionError), match=message):
		log(user, paired.pairing, **values)
	frappe.set_user("Administrator")
	assert count_contacts() == before


def test_another_street_cannot_log_a_contact(paired):
	before = count_contacts()
	with pytest.raises(frappe.PermissionError):
		log(paired.other_officer, paired.pairing)
	frappe.set_user("Administrator")
	assert count_contacts() == before


def test_monthly_reviews_count_contacts_set_compliance_and_are_created_once(paired):
	t = paired.tree
	quiet_child = make_waiting_child(t.community11)
	quiet = make_active_pairing(quiet_child, make_volunteer(t.community11).name)
	frappe.db.set_value("Care Pairing", quiet, "start_date", add_days(today(), -60))
	log(paired.volunteer_user, paired.pairing, duration_minutes=90)
	log(paired.volunteer_user, paired.pairing, contact_type="Phone or Video", duration_minutes=30)
	frappe.set_user("Administrator")

	job = frappe.get_doc("Scheduled Job Type", {"method": "kidcare.tasks.create_monthly_reviews"})
	assert job.frequency == "Daily Long"  # the long queue: a province's reviews take a while
	period = month_start(getdate(today()))
	created = tasks.create_monthly_reviews(period)
	assert created >= 2
	assert tasks.create_monthly_reviews(period) == 0, "a second run creates nothing"

	busy = frappe.get_doc("Monthly Review", {"pairing": paired.pairing, "period": period})
	assert (busy.contacts_count, busy.contact_minutes, busy.compliance, busy.status) == (
		2,
		120,
		"Met",
		"Open",
	)
	assert busy.workflow_state == "Review Open" and busy.due_date > period
	idle = frappe.get_doc("Monthly Review", {"pairing": quiet, "period": period})
	assert (idle.contacts_count, idle.compliance) == (0, "Not Met")

	# a contact logged after the review was created is counted on it
	log(paired.volunteer_user, paired.pairing, duration_minutes=15)
	assert frappe.db.get_value("Monthly Review", busy.name, ["contacts_count", "contact_minutes"]) == (3, 135)


def test_no_review_for_a_month_the_pairing_never_touched(paired):
	frappe.db.set_value("Care Pairing", paired.pairing, "start_date", today())
	last_year = month_start(getdate(add_days(today(), -400)))
	tasks.create_monthly_reviews(last_year)
	assert not frappe.db.exists("Monthly Review", {"pairing": paired.pairing, "period": last_year})


def test_the_volunteer_reports_and_the_street_reviews_or_returns(paired):
	tasks.create_monthly_reviews(month_start(getdate(today())))
	name = frappe.db.get_value("Monthly Review", {"pairing": paired.pairing}, "name")

	frappe.set_user(paired.volunteer_user)
	review = frappe.get_doc("Monthly Review", name)
	with pytest.raises(frappe.ValidationError, match="志愿者的汇报"):
		apply_workflow(review, "Submit Review Report")
	review = frappe.get_doc("Monthly Review", name)  # the desk reloads after a refused action
	review.volunteer_report = "本月家访两次，孩子成绩有进步"
	review.problems = "缺少活动场地"
	review.save()
	apply_workflow(review, "Submit Review Report")

	frappe.set_user(paired.officer)
	with pytest.raises(frappe.ValidationError, match="退回"):
		apply_workflow(frappe.get_doc("Monthly Review", name), "Return Review")
	review = frappe.get_doc("Monthly Review", name)
	review.reviewer_comments = "请补充活动照片"
	review.save()
	apply_workflow(review, "Return Review")

	# whoever the review now waits on is told, once, in her language: the volunteer of the return,
	# the street's officer (not the other street's) of each report
	def told(user):
		return frappe.get_all(
			"Notification Log", filters={"for_user": user, "document_name": name}, pluck="subject"
		)

	month = getdate(review.period).strftime("%Y-%m")
	assert [s for s in told(paired.volunteer_user) if "被退回" in s] == [
		f"你提交的 {review.child_name} {month} 月度评估被退回，请修改后重新提交"
	]
	assert len([s for s in told(paired.officer) if "等待你审核" in s]) == 1
	assert not told(paired.other_officer)

	frappe.set_user(paired.volunteer_user)
	apply_workflow(frappe.get_doc("Monthly Review", name), "Submit Review Report")
	assert len([s for s in told(paired.officer) if "等待你审核" in s]) == 2, "each report, once"
	frappe.set_user(paired.officer)
	apply_workflow(frappe.get_doc("Monthly Review", name), "Approve Review")
	assert frappe.db.get_value("Monthly Review", name, ["status", "docstatus"]) == ("Reviewed", 1)

	frappe.set_user(paired.other_officer)
	assert name not in frappe.get_list("Monthly Review", pluck="name")


def test_meetings_are_held_at_the_right_level(paired):
	t = paired.tree
	frappe.set_user(paired.officer)
	meeting = frappe.get_doc(
		{
			"doctype": "Review Meeting",
			"meeting_type": "Street Monthly",
			"care_area": t.street1,
			"attendees": [{"volunteer": paired.volunteer}],
			"experience_shared": "如何与青春期孩子沟通",
			"problems_raised": "资源链接不上；缺少活动场地",
			"action_items": [
				{
					"action": "联系社区腾出活动室",
					"owner_user": paired.officer,
					"due_date": add_days(today(), 14),
				}
			],
		}
	).insert()
	assert meeting.attendees[0].attendee_name
	with pytest.raises(frappe.ValidationError, match="季度"):
		frappe.get_doc(
			{"doctype": "Review Meeting", "meeting_type": "District Quarterly", "care_area": t.street1}
		).insert()


def test_yearly_progress_of_a_pairing_against_the_targets(paired):
	from kidcare import api

	log(paired.volunteer_user, paired.pairing, contact_type="Home Visit", duration_minutes=120)
	log(paired.volunteer_user, paired.pairing, contact_type="Outing", duration_minutes=240)
	frappe.set_user(paired.officer)
	progress = api.pairing_progress(paired.pairing)
	assert (progress["home_visits"], progress["hours"], progress["memorable_activities"]) == (1, 6.0, 1)
	assert progress["shortfalls"] == {"home_visits": 3, "hours": 6.0}
	frappe.set_user(paired.other_officer)
	with pytest.raises(frappe.PermissionError):
		api.pairing_progress(paired.pairing)


def test_the_compliance_report_by_street_respects_the_viewers_area(paired):
	from frappe.desk.query_report import run

	t = paired.tree
	other_child = make_waiting_child(t.community21)
	other = make_active_pairing(other_child, make_volunteer(t.community21).name)
	frappe.db.set_value("Care Pairing", other, "start_date", add_days(today(), -60))
	log(paired.volunteer_user, paired.pairing, duration_minutes=60)
	frappe.set_user("Administrator")
	period = month_start(getdate(today()))
	# an overdue review: last month's, never reported
	last_month = month_start(getdate(add_days(period, -1)))
	tasks.create_monthly_reviews(last_month)

	frappe.set_user(paired.officer)
	result = run("Pairing Compliance", filters={"month": str(period)})  # what the report page calls
	by_street = {
		row["street"]: row for row in result["result"] if isinstance(row, dict) and row.get("street")
	}
	assert set(by_street) == {t.street1}, "a street officer sees only their street"
	mine = by_street[t.street1]
	assert (mine["pairings"], mine["contacts"], mine["met"], mine["compliance_rate"]) == (1, 1, 1, 100)
	assert mine["overdue_reviews"] == 1
	assert mine["hours"] == 1.0

	frappe.set_user("Administrator")
	result = run("Pairing Compliance", filters={"month": str(period), "care_area": t.district})
	streets = {row["street"]: row for row in result["result"] if isinstance(row, dict) and row.get("street")}
	assert streets[t.street2]["met"] == 0 and streets[t.street2]["compliance_rate"] == 0


def test_qr_check_in_by_the_volunteer_records_time_and_place(paired):
	from kidcare import checkin

	token = frappe.db.get_value("Child Profile", paired.child, "checkin_token")
	assert token and len(token) >= 32
	frappe.set_user(paired.volunteer_user)
	name = checkin.check_in(
		token, "Home Visit", 45, "扫码家访：一起读绘本", latitude=30.2011, longitude=120.2022
	)
	contact = frappe.get_doc("Care Contact", name)
	assert (contact.check_in_method, contact.pairing, contact.duration_minutes) == ("QR", paired.pairing, 45)
	assert contact.check_in_time and contact.check_in_latitude == 30.2011


def test_a_revoked_or_forged_token_and_a_stranger_get_nothing(paired):
	from kidcare import checkin

	old = frappe.db.get_value("Child Profile", paired.child, "checkin_token")
	frappe.set_user(paired.officer)
	new = checkin.reset_token(paired.child)
	assert new != old
	before = count_contacts()
	frappe.set_user(paired.volunteer_user)
	for token in (old, "forged-" + new[7:], ""):
		with pytest.raises(frappe.PermissionError, match="二维码无效或已作废"):
			checkin.check_in(token, "Home Visit", 30, "x")
	frappe.set_user("Administrator")
	stranger = make_user(language="zh")
	make_volunteer(paired.tree.community12, user=stranger)
	frappe.set_user(stranger)
	with pytest.raises(frappe.PermissionError, match="不能为这名儿童签到"):
		checkin.check_in(new, "Home Visit", 30, "x")
	frappe.set_user(paired.other_officer)
	with pytest.raises(frappe.PermissionError):
		checkin.check_in(new, "Home Visit", 30, "x")
	frappe.set_user("Administrator")
	assert count_contacts() == before


def test_the_check_in_token_is_for_staff_eyes_only(paired, printing):
	frappe.set_user(paired.volunteer_user)
	seen = frappe.client.get("Child Profile", paired.child)
	assert not seen.get("checkin_token")
	frappe.set_user(paired.officer)
	html = frappe.get_print("Child Profile", paired.child, print_format="Child Archive Card")
	assert "<svg" in html and "签到二维码" in html


def test_reminders_reach_the_right_people_once(paired):
	from frappe.utils import add_days

	period = month_start(getdate(today()))
	tasks.create_monthly_reviews(period)
	review = frappe.db.get_value("Monthly Review", {"pairing": paired.pairing}, "name")
	assert frappe.db.get_value("Monthly Review", review, "volunteer_user") == paired.volunteer_user
	# the creation day has come, the month has no contact, and the review is due the day after tomorrow
	frappe.db.set_single_value("KidCare Settings", "review_creation_day", 1)
	frappe.clear_document_cache("KidCare Settings", "KidCare Settings")
	frappe.db.set_value("Monthly Review", review, "due_date", add_days(today(), 2))

	assert tasks.send_reminders() >= 2
	# one bell entry for the day's two items, both listed in it
	entries = frappe.get_all(
		"Notification Log",
		filters={"for_user": paired.volunteer_user, "document_type": "Monthly Review"},
		fields=["subject", "email_content", "link"],
	)
	assert len(entries) == 1 and "2" in entries[0].subject
	assert "还没有与" in entries[0].email_content and "即将到期" in entries[0].email_content
	assert entries[0].link == "/kidcare", "a volunteer's entry of several items opens her app"
	assert tasks.send_reminders() == 0, "nothing is sent twice"

	# past due: the street's officer hears of it, the other street's does not
	frappe.db.set_value("Monthly Review", review, "due_date", add_days(today(), -1))
	tasks.send_reminders()
	officers = set(
		frappe.get_all(
			"Notification Log",
			filters={"document_name": review, "subject": ("like", "%逾期%")},
			pluck="for_user",
		)
	)
	assert paired.officer in officers and paired.other_officer not in officers
	frappe.clear_document_cache("KidCare Settings", "KidCare Settings")


def test_whoever_reported_a_review_does_not_approve_it(paired):
	tasks.create_monthly_reviews(month_start(getdate(today())))
	name = frappe.db.get_value("Monthly Review", {"pairing": paired.pairing}, "name")
	frappe.set_user(paired.officer)
	review = frappe.get_doc("Monthly Review", name)
	review.volunteer_report = "志愿者口头汇报，由街道代录"
	review.save()
	apply_workflow(review, "Submit Review Report")
	with pytest.raises(frappe.ValidationError, match="汇报人不能"):
		apply_workflow(frappe.get_doc("Monthly Review", name), "Approve Review")
	assert frappe.db.get_value("Monthly Review", name, "docstatus") == 0
