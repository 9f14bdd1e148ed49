"""A program year, day by day (#17): a small district lives through 2025 with the clock moving one day
at a time (freezegun, which Frappe's own tests use), kidcare's daily scheduler jobs run each day as the
scheduler runs them (every ``daily`` and ``daily_long`` method of kidcare's hooks, as Administrator), and
people act as themselves: volunteers log contacts and report through the volunteers' app's endpoints (one of
them misses two months), the street reviews and once returns a report, streets meet monthly, a child moves
street, one turns 18, a family exits, a volunteer withdraws and her child is paired again, and a street
with one officer registers a child and later files her exit. Month by month it checks what each person was
told and what the card and the compliance report show against the raw records; at the year's end, that
the Program Year Summary equals the records. It prints how long the year took.

The scheduler's jobs commit (the escalation job commits its chunks), so this test cannot roll back: it
builds its own district, users and records with unique names, in a year no other test looks at, and runs
last (its file name sorts after the others)."""

import datetime
import time

import frappe
from factories import grant_area, make_area, make_child, make_user, make_volunteer, unique
from frappe.desk.query_report import run as run_report
from frappe.model.workflow import apply_workflow, get_transitions, get_workflow
from freezegun import freeze_time

from kidcare.rules import compliance

YEAR = 2025
FIRST, LAST = datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31)


def take(doc, field: str, value: str):
	"""The step the session user may take now (conditions included) that sets ``field`` to ``value``."""
	workflow = get_workflow(doc.doctype)
	targets = {s.state for s in workflow.states if s.update_field == field and s.update_value == value}
	steps = [t for t in get_transitions(doc) if t.next_state in targets]
	if doc.owner == frappe.session.user:  # her own filing: the step that allows it (a sole officer's twin)
		steps.sort(key=lambda t: not t.allow_self_approval)
	return apply_workflow(doc, steps[0].action)


def at(day: datetime.date, hour: int) -> datetime.datetime:
	"""``hour`` o'clock of ``day`` in the site's time zone, as the UTC instant freezegun wants (as Frappe's
	own FrappeTestCase.freeze_time does)."""
	import pytz
	from frappe.utils import get_system_timezone

	local = pytz.timezone(get_system_timezone()).localize(datetime.datetime.combine(day, datetime.time(hour)))
	return local.astimezone(pytz.utc)


def as_user(user):
	frappe.set_user(user)
	frappe.local.lang = frappe.db.get_value("User", user, "language") or "en"


def kidcare_daily_jobs() -> list[str]:
	events = frappe.get_hooks("scheduler_events", app_name="kidcare")
	return [*events.get("daily", []), *events.get("daily_long", [])]


class District:
	def __init__(self):
		tag = frappe.generate_hash(length=6)
		self.district = make_area(f"模拟区-{tag}", "District")
		self.street_a = make_area(f"模拟甲街道-{tag}", "Street", self.district)
		self.street_b = make_area(f"模拟乙街道-{tag}", "Street", self.district)
		self.a1 = make_area(f"甲一社区-{tag}", "Community", self.street_a)
		self.a2 = make_area(f"甲二社区-{tag}", "Community", self.street_a)
		self.b1 = make_area(f"乙一社区-{tag}", "Community", self.street_b)
		# a real site's street officers each have their street: the test site's session logins with the
		# role and no area (who would cover every street, street B included) get a district of their own
		self.elsewhere = make_area(f"他区-{tag}", "District")
		unscoped = frappe.get_all(
			"Has Role", filters={"role": "Street Officer", "parenttype": "User"}, pluck="parent"
		)
		scoped = set(frappe.get_all("User Permission", filters={"allow": "Care Area"}, pluck="user"))
		self.parked = [grant_area(u, self.elsewhere) for u in set(unscoped) - scoped]
		self.officer_a = make_user("Street Officer")
		self.officer_a2 = make_user("Street Officer")
		self.officer_b = make_user("Street Officer")  # the only officer of street B
		self.approver = make_user("District Approver")
		self.admin = make_user("KidCare Admin")
		grant_area(self.admin, self.district)
		grant_area(self.officer_a, self.street_a)
		grant_area(self.officer_a2, self.street_a)
		grant_area(self.officer_b, self.street_b)
		grant_area(self.approver, self.district)
		self.volunteers = frappe._dict()
		for key, area in (("diligent", self.a1), ("forgetful", self.a1), ("leaving", self.a2),
						  ("mover", self.a2), ("b", self.b1), ("spare", self.a2)):  # fmt: skip
			user = make_user("Care Volunteer")
			frappe.db.set_value("User", user, "user_type", "Website User")
			self.volunteers[key] = frappe._dict(user=user, name=make_volunteer(area, user=user).name)
		born_2007 = {"date_of_birth": "2007-07-15"}  # turns 18 on 2025-07-15
		self.children = {
			"diligent": make_child(self.a1, consent_date="2024-12-01").name,
			"forgetful": make_child(self.a1, consent_date="2024-12-01").name,
			"leaving": make_child(self.a2, consent_date="2024-12-01", **born_2007).name,
			"mover": make_child(self.a2, consent_date="2024-12-01").name,
		}
		for child in self.children.values():
			frappe.get_doc("Child Profile", child).move_to("Awaiting Pairing")
		self.pairings = {}


def pair(d: District, child: str, volunteer: str, proposer: str) -> str:
	as_user(proposer)
	pairing = frappe.get_doc({"doctype": "Care Pairing", "child": child, "volunteer": volunteer}).insert()
	as_user(d.approver)
	take(frappe.get_doc("Care Pairing", pairing.name), "status", "Active")
	return pairing.name


def log(volunteer, pairing: str, day: datetime.date, kind="Home Visit", minutes=60):
	from kidcare.volunteer_app.contacts import log_contact

	as_user(volunteer.user)
	log_contact(unique("client"), pairing, str(day), kind, minutes, "陪孩子读书、聊学校的事")


def exit_on_behalf(d: District, child: str, filer: str, verifier: str, reason: str = "Moved Away") -> str:
	as_user(filer)
	request = frappe.get_doc(
		{
			"doctype": "Exit Request",
			"child": child,
			"applicant_type": "Guardian",
			"reason_category": reason,
			"reason_detail": "全家迁往外省居住",
			"signed_application": "/files/exit-application-signed.pdf",
		}
	).insert()
	as_user(verifier)
	request = frappe.get_doc("Exit Request", request.name)
	request.verification_notes = "入户核实，情况属实"
	request.save()
	take(request, "status", "Verified")
	as_user(d.approver)
	request = frappe.get_doc("Exit Request", request.name)
	request.decision_notes = "同意退出"
	request.save()
	take(request, "decision", "Approved")
	return request.name


def told(user: str, since: datetime.date, until: datetime.date) -> list[frappe._dict]:
	return frappe.get_all(
		"Notification Log",
		filters={"for_user": user, "creation": ("between", [str(since), f"{until} 23:59:59"])},
		fields=["subject", "email_content", "document_type", "document_name"],
	)


def raw_contacts(pairings: list[str], since, until, kind=None) -> tuple[int, int]:
	filters = {"pairing": ("in", pairings), "contact_date": ("between", [str(since), str(until)])}
	if kind:
		filters["contact_type"] = kind
	rows = frappe.get_all("Care Contact", filters=filters, fields=["duration_minutes"])
	return len(rows), sum(r.duration_minutes or 0 for r in rows)


def test_a_program_year_day_by_day(staff):
	frappe.db.commit()
	started = time.monotonic()
	jobs = kidcare_daily_jobs()
	assert "kidcare.tasks.create_monthly_reviews" in jobs and "kidcare.tasks.send_reminders" in jobs
	seen_months: list[str] = []
	d = None
	try:
		with freeze_time(at(FIRST, 9)) as clock:
			d = District()
			for key in ("diligent", "forgetful", "leaving", "mover"):
				d.pairings[key] = pair(d, d.children[key], d.volunteers[key].name, d.officer_a)
			frappe.db.commit()
			day = FIRST
			while day <= LAST:
				clock.move_to(at(day, 9))
				live(d, day)
				clock.move_to(at(day, 22))
				as_user("Administrator")
				for method in jobs:
					frappe.get_attr(method)()
				frappe.db.commit()
				if day == compliance.month_end(day):
					check_month(d, day)
					seen_months.append(day.strftime("%Y-%m"))
				day += datetime.timedelta(days=1)
			check_year(d)
		elapsed = time.monotonic() - started
		print(f"\nprogram year {YEAR}: 365 days simulated in {elapsed:.1f} s ({365 / elapsed:.1f} days/s)")
		assert len(seen_months) == 12
	finally:
		if d:
			clean_up(d)


def clean_up(d: District):
	"""Everything the year made goes, so that the suite leaves the site as it found it."""
	frappe.db.rollback()
	frappe.set_user("Administrator")
	areas = [d.elsewhere, d.district, d.street_a, d.street_b, d.a1, d.a2, d.b1]
	frappe.db.delete("User Permission", {"name": ("in", d.parked or [""])})
	children = frappe.get_all("Child Profile", filters={"care_area": ("in", areas)}, pluck="name")
	children = list({*children, *d.children.values()})
	pairings = frappe.get_all("Care Pairing", filters={"child": ("in", children)}, pluck="name")
	volunteers = [v.name for v in d.volunteers.values()]
	users = [
		d.officer_a,
		d.officer_a2,
		d.officer_b,
		d.approver,
		d.admin,
		*(v.user for v in d.volunteers.values()),
	]
	meetings = frappe.get_all("Review Meeting", filters={"care_area": ("in", areas)}, pluck="name")
	from kidcare.tally import TABLE

	frappe.db.sql(f"delete from `{TABLE}` where pairing in %s", [pairings or [""]])
	for doctype, field, values in (
		("Care Contact", "pairing", pairings),
		("Monthly Review", "pairing", pairings),
		("Exit Request", "child", children),
		("Child Enrollment", "child", children),
		("Care Pairing", "name", pairings),
		("Review Meeting", "name", meetings),
		("Care Volunteer", "name", volunteers),
		("Child Profile", "name", children),
	):
		names = frappe.get_all(doctype, filters={field: ("in", values or [""])}, pluck="name")
		if not names:
			continue
		for child_table in frappe.get_meta(doctype).get_table_fields():
			frappe.db.delete(child_table.options, {"parent": ("in", names), "parenttype": doctype})
		frappe.db.delete(doctype, {"name": ("in", names)})
	# what the daily jobs made in the simulated year for anyone else's records on the site
	in_year = {"creation": ("between", [str(FIRST), f"{LAST} 23:59:59"])}
	frappe.db.delete("Monthly Review", {**in_year, "period": ("between", [str(FIRST), str(LAST)])})
	frappe.db.delete("Notification Log", in_year)
	frappe.db.delete("ToDo", {"allocated_to": ("in", users)})
	frappe.db.delete("Notification Log", {"for_user": ("in", users)})
	frappe.db.delete("User Permission", {"user": ("in", users)})
	for area in reversed(areas):
		frappe.delete_doc("Care Area", area, force=True, ignore_permissions=True)
	for user in users:
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.db.commit()


def live(d: District, day: datetime.date):
	"""What the people of the district do on ``day``."""
	v = d.volunteers
	# contacts: the diligent mother twice a month; the forgetful one misses March and July; the others monthly
	if day.day in (5, 19) and "diligent" in d.pairings:
		log(v.diligent, d.pairings["diligent"], day)
	if day.day == 8 and day.month not in (3, 7) and "forgetful" in d.pairings:
		log(v.forgetful, d.pairings["forgetful"], day, kind="Phone or Video", minutes=30)
	if day.day == 10 and day.month < 7:
		log(v.leaving, d.pairings["leaving"], day)
	if day.day == 12 and "mover" in d.pairings:
		log(
			v.mover,
			d.pairings["mover"],
			day,
			kind="Activity" if day.month == 6 else "Home Visit",
			minutes=120,
		)
	if day.day == 12 and "rematched" in d.pairings:
		log(v.spare, d.pairings["rematched"], day)
	if day.day == 14 and "b_child" in d.pairings:
		log(v.b, d.pairings["b_child"], day, minutes=45)

	# the monthly reports: volunteers report on the 27th (reminded on the 26th of a month without contact), the street reviews on the 28th
	if day.day == 27:
		report_month(d, day)
	if day.day == 28:
		review_month(d, day)
	# the streets' monthly meetings
	if day.day == 20:
		for street, officer in ((d.street_a, d.officer_a), (d.street_b, d.officer_b)):
			as_user(officer)
			frappe.get_doc(
				{
					"doctype": "Review Meeting",
					"meeting_type": "Street Monthly",
					"care_area": street,
					"meeting_date": str(day),
					"venue": "党群服务中心",
					"experience_shared": "交流陪伴经验",
				}
			).insert()

	# the year's events
	if day == datetime.date(YEAR, 2, 3):  # the one-officer street registers a child and verifies it herself
		as_user(d.officer_b)
		child = make_child(d.b1, consent_date="2025-01-20")
		enrollment = frappe.get_doc(
			{"doctype": "Child Enrollment", "child": child.name, "source": "Street Referral"}
		).insert()
		take(enrollment, "status", "Pending Verification")
		enrollment = frappe.get_doc("Child Enrollment", enrollment.name)
		enrollment.verification_notes = "入户核实，情况属实"
		enrollment.save()
		take(enrollment, "status", "Verified")
		as_user(d.approver)
		take(frappe.get_doc("Child Enrollment", enrollment.name), "status", "Approved")
		d.children["b_child"] = child.name
		d.pairings["b_child"] = pair(d, child.name, d.volunteers["b"].name, d.officer_b)
	if day == datetime.date(YEAR, 4, 15):  # a child moves to street B, her pairing with her
		as_user(d.admin)
		child = frappe.get_doc("Child Profile", d.children["mover"])
		child.care_area = d.b1
		child.save()
	if day == datetime.date(YEAR, 8, 6):  # the forgetful mother's family moves away: exit
		d.exit_forgetful = exit_on_behalf(d, d.children["forgetful"], d.officer_a, d.officer_a2)
		d.pairings.pop("forgetful")
	if day == datetime.date(YEAR, 9, 2):  # the diligent mother must stop; her child is paired again
		from kidcare.volunteer_app.exits import request_withdrawal

		as_user(d.volunteers["diligent"].user)
		request = request_withdrawal(d.pairings["diligent"], "工作调动到外地，无法继续结对")
		name = request.get("name") if isinstance(request, dict) else request
		as_user(d.officer_a)
		doc = frappe.get_doc("Exit Request", name)
		doc.verification_notes = "核实属实"
		doc.save()
		take(doc, "status", "Verified")
		as_user(d.approver)
		doc = frappe.get_doc("Exit Request", name)
		doc.decision_notes = "同意，重新匹配"
		doc.save()
		take(doc, "decision", "Approved")
		assert frappe.db.get_value("Child Profile", d.children["diligent"], "status") == "Awaiting Pairing"
		d.pairings.pop("diligent")
		d.pairings["rematched"] = pair(d, d.children["diligent"], d.volunteers["spare"].name, d.officer_a)
	if day == datetime.date(YEAR, 10, 9):  # the one-officer street files and verifies an exit herself
		d.exit_b = exit_on_behalf(
			d, d.children["b_child"], d.officer_b, d.officer_b, "Circumstances Improved"
		)
		d.pairings.pop("b_child")
	frappe.db.commit()


def open_reviews(d: District, period) -> list[frappe._dict]:
	return frappe.get_all(
		"Monthly Review",
		filters={"pairing": ("in", list(d.pairings.values()) or [""]), "period": period, "docstatus": 0},
		fields=["name", "pairing", "status", "volunteer_user"],
	)


def report_month(d: District, day):
	from kidcare.volunteer_app.reviews import submit_review

	for review in open_reviews(d, compliance.month_start(day)):
		if review.status in ("Open", "Returned") and review.volunteer_user:
			as_user(review.volunteer_user)
			submit_review(review.name, "本月按计划联系，孩子情况稳定。")


def review_month(d: District, day):
	for review in open_reviews(d, compliance.month_start(day)):
		if review.status != "Submitted":
			continue
		area = frappe.db.get_value("Monthly Review", review.name, "care_area")
		officer = d.officer_b if area in (d.b1, d.street_b) else d.officer_a
		as_user(officer)
		doc = frappe.get_doc("Monthly Review", review.name)
		if day.month == 5 and review.pairing == d.pairings.get("diligent"):
			doc.reviewer_comments = "请补充孩子学习情况"
			doc.save()
			take(doc, "status", "Returned")
			as_user(review.volunteer_user)
			from kidcare.volunteer_app.reviews import submit_review

			submit_review(review.name, "补充：孩子数学进步明显。")
			as_user(officer)
			doc = frappe.get_doc("Monthly Review", review.name)
		take(doc, "status", "Reviewed")


def check_month(d: District, day: datetime.date):
	"""At the month's last evening: what people were told, the card and the report, against the records."""
	first = compliance.month_start(day)
	month = day.month
	# the forgetful mother is told of the month without contact in March and July, and only then
	forgetful = d.volunteers["forgetful"].user
	no_contact = [
		n for n in told(forgetful, first, day) if "还没有与" in (n.subject or "") + (n.email_content or "")
	]
	if month in (3, 7):
		assert no_contact, f"{day:%Y-%m}: the forgetful mother was not reminded"
	elif month < 8:
		assert not no_contact, f"{day:%Y-%m}: reminded though she visited"
	# at most one reminder entry a day per person
	for user in [v.user for v in d.volunteers.values()] + [d.officer_a, d.officer_b]:
		reminders = frappe.get_all(
			"Notification Log",
			filters={
				"for_user": user,
				"document_type": "Monthly Review",
				"email_content": ("like", "%data-kidcare-item%"),
				"creation": ("between", [str(first), f"{day} 23:59:59"]),
			},
			pluck="creation",
		)
		days = [c.date() for c in reminders]
		assert len(days) == len(set(days)), f"{day:%Y-%m}: {user} got two reminder entries on one day"
	# May: the diligent mother's returned report reached her, and each report reached street A's officers
	if month == 5:
		assert any("被退回" in n.subject for n in told(d.volunteers["diligent"].user, first, day))
		assert any("等待你审核" in n.subject for n in told(d.officer_a2, first, day))

	# street A's officer: the Pairing Compliance report and the card equal the raw records
	as_user(d.officer_a)
	street_a_pairings = frappe.get_all(
		"Care Pairing", filters={"care_area": ("in", [d.a1, d.a2]), "docstatus": 1}, pluck="name"
	)
	result = run_report("Pairing Compliance", filters={"month": str(first)}, ignore_prepared_report=True)
	rows = [r for r in result["result"] if isinstance(r, dict)]
	reported = sum(r.get("contacts") or 0 for r in rows if r.get("contacts") is not None)
	expected, _minutes = raw_contacts(street_a_pairings, first, day)
	assert reported == expected, f"{day:%Y-%m}: report {reported} contacts, records {expected}"
	# the workspace card "pairings not met this month": street A's active pairings without a contact
	from kidcare.dashboard import pairings_not_met_this_month

	living = frappe.get_all(
		"Care Pairing",
		filters={"care_area": ("in", [d.a1, d.a2]), "docstatus": 1, "status": "Active"},
		pluck="name",
	)
	not_met = [p for p in living if not raw_contacts([p], first, day)[0]]
	assert pairings_not_met_this_month() == len(not_met), f"{day:%Y-%m}: card against {not_met}"
	if month in (3, 7):
		assert d.pairings["forgetful"] in not_met
	as_user("Administrator")


def check_year(d: District):
	"""The year-end summary as the district's approver equals the records, to the last visit."""
	as_user(d.approver)
	result = run_report("Program Year Summary", filters={"year": YEAR}, ignore_prepared_report=True)
	rows = [r for r in result["result"] if isinstance(r, dict) and r.get("area")]
	total = {k: sum(r.get(k) or 0 for r in rows) for k in ("contacts", "home_visits", "hours", "exits")}
	as_user("Administrator")
	pairings = frappe.get_all(
		"Care Pairing",
		filters={"care_area": ("in", [d.a1, d.a2, d.b1]), "docstatus": 1},
		pluck="name",
	)
	contacts, minutes = raw_contacts(pairings, FIRST, LAST)
	visits, _ = raw_contacts(pairings, FIRST, LAST, kind="Home Visit")
	exits = frappe.db.count(
		"Exit Request",
		{"child": ("in", list(d.children.values())), "decision": "Approved", "docstatus": 1},
	)
	assert total["contacts"] == contacts and total["home_visits"] == visits
	assert round(total["hours"], 1) == round(minutes / 60, 1)
	assert total["exits"] == exits == 3  # the family that moved, the withdrawal, the one-officer street's
	# the child who turned 18 aged out in July, her pairing ended
	assert frappe.db.get_value("Child Profile", d.children["leaving"], "status") == "Aged Out"
	assert frappe.db.get_value("Care Pairing", d.pairings["leaving"], "status") == "Ended"
	# the child who moved is street B's now, with her pairing
	assert frappe.db.get_value("Care Pairing", d.pairings["mover"], "care_area") == d.b1
