"""The aggregate screens read the contacts' monthly tally (kidcare/tally.py), not the contacts: they must stay
exactly what the contacts say after contacts are added, edited, moved, deleted and after a pairing moves street,
and stay scoped to the viewer's area. Each figure is checked against the raw records, counted here in Python."""

import datetime

import frappe
import pytest
from factories import grant_area, make_active_pairing, make_user, make_volunteer, make_waiting_child
from frappe.desk.query_report import run
from frappe.utils import add_days, getdate, today

from kidcare import dashboard, rollup, tally, tasks
from kidcare.rules import compliance


@pytest.fixture
def pairs(staff, tree):
	p = frappe._dict(tree=tree, **staff)
	grant_area(p.officer, tree.street1)
	grant_area(p.other_officer, tree.street2)
	start = add_days(today(), -75)
	p.start = getdate(start)
	p.pairings = {}
	for community in ("community11", "community12", "community21"):
		child = make_waiting_child(tree[community])
		name = make_active_pairing(child, make_volunteer(tree[community]).name)
		frappe.get_doc("Care Pairing", name).db_set("start_date", start)  # its tally's facts follow
		p.pairings[community] = name
	return p


@pytest.fixture
def two_a_month():
	"""A minimum of two contacts a month, put back (and its cached copy dropped) afterwards."""
	before = frappe.db.get_single_value("KidCare Settings", "min_contacts_per_month")
	frappe.db.set_single_value("KidCare Settings", "min_contacts_per_month", 2)
	frappe.clear_document_cache("KidCare Settings", "KidCare Settings")
	yield
	frappe.db.set_single_value("KidCare Settings", "min_contacts_per_month", before)
	frappe.clear_document_cache("KidCare Settings", "KidCare Settings")


def log(pairing, day, kind="Home Visit", minutes=60):
	frappe.set_user("Administrator")
	return frappe.get_doc(
		{
			"doctype": "Care Contact",
			"pairing": pairing,
			"contact_date": str(day),
			"contact_type": kind,
			"duration_minutes": minutes,
			"summary": "陪孩子写作业",
		}
	).insert()


def raw_report(month: datetime.date, areas: list[str]) -> dict[str, dict]:
	"""The report's figures per community straight from the pairings and their contacts (the naive way)."""
	settings = frappe.get_cached_doc("KidCare Settings")
	first, last = compliance.month_start(month), compliance.month_end(month)
	year_start = first.replace(month=1)
	figures: dict[str, dict] = {}
	for p in frappe.get_all(
		"Care Pairing",
		filters={"docstatus": 1, "status": ("in", ("Active", "Ended")), "care_area": ("in", areas)},
		fields=["name", "care_area", "start_date", "end_date"],
	):
		if not compliance.active_in(first, p.start_date, p.end_date):
			continue
		row = figures.setdefault(
			p.care_area, dict(pairings=0, contacts=0, met=0, home_visits=0, minutes=0, memorable=0)
		)
		contacts = frappe.get_all(
			"Care Contact",
			filters={"pairing": p.name, "contact_date": ("between", (year_start, last))},
			fields=["contact_date", "contact_type", "duration_minutes"],
		)
		in_month = [c for c in contacts if getdate(c.contact_date) >= first]
		row["pairings"] += 1
		row["contacts"] += len(in_month)
		row["met"] += len(in_month) >= settings.min_contacts_per_month
		row["home_visits"] += sum(c.contact_type == compliance.HOME_VISIT for c in contacts)
		row["minutes"] += sum(c.duration_minutes or 0 for c in contacts)
		row["memorable"] += sum(c.contact_type in compliance.MEMORABLE for c in contacts)
	return figures


def by_street(user, month, care_area=None) -> dict[str, dict]:
	frappe.set_user(user)
	filters = {"month": str(month)}
	if care_area:
		filters["care_area"] = care_area
	result = run("Pairing Compliance", filters=filters)["result"]
	frappe.set_user("Administrator")
	return {row["street"]: row for row in result if isinstance(row, dict) and row.get("street")}


def assert_report_is_raw(p, month):
	"""The report, for the district's administrator and for each street officer, equals the raw records
	folded by street."""
	t = p.tree
	raw = raw_report(month, [t.community11, t.community12, t.community21, t.community22])
	expected: dict[str, dict] = {}
	for community, figures in raw.items():
		street = t.street1 if community in (t.community11, t.community12) else t.street2
		into = expected.setdefault(street, dict.fromkeys(figures, 0))
		for key, value in figures.items():
			into[key] += value
	rows = by_street("Administrator", month, t.district)
	assert set(rows) == set(expected)
	for street, figures in expected.items():
		row = rows[street]
		assert (row["pairings"], row["contacts"], row["met"]) == (
			figures["pairings"],
			figures["contacts"],
			figures["met"],
		), street
		assert (row["home_visits"], row["hours"], row["memorable"]) == (
			figures["home_visits"],
			round(figures["minutes"] / 60, 1),
			figures["memorable"],
		), street
	# each street officer: her street's row, the same figures, and nothing of the other street
	for officer, street, other in (
		(p.officer, t.street1, t.street2),
		(p.other_officer, t.street2, t.street1),
	):
		mine = by_street(officer, month)
		assert other not in mine and t.district not in mine
		if street in rows:
			assert {k: mine[street][k] for k in ("pairings", "contacts", "met", "hours")} == {
				k: rows[street][k] for k in ("pairings", "contacts", "met", "hours")
			}
	return rows


def assert_tally_is_rebuilt_the_same(p):
	"""What the contacts' and pairings' events kept up equals the tally made again from every contact, the
	pairings' facts on each row included."""
	# this test's pairings: a test elsewhere that deletes its committed contacts with a raw DELETE (a
	# cleanup, no document event) leaves rows of pairings that no longer exist, which rebuild drops
	rows = f"select * from `{tally.TABLE}` where pairing in %(pairings)s order by pairing, span, period"
	values = {"pairings": tuple(p.pairings.values())}
	kept = frappe.db.sql(rows, values)
	# and the areas' counts kept from it (kidcare/rollup.py), for this test's areas
	counts = f"""select kind, period, care_area, n from `{rollup.TABLE}`
		where care_area in %(areas)s and n != 0 order by kind, period, care_area"""
	areas = {"areas": tuple(p.tree.values())}
	kept_counts = frappe.db.sql(counts, areas)
	tally.rebuild()
	assert frappe.db.sql(rows, values) == kept
	assert frappe.db.sql(counts, areas) == kept_counts


def live_card(user) -> tuple[int, int]:
	frappe.set_user(user)
	try:
		total, met = dashboard.live_month(getdate(today()), dashboard.Scope())
		assert dashboard.pairings_not_met_this_month() == total - met
		return total, met
	finally:
		frappe.set_user("Administrator")


def test_the_report_card_and_reviews_equal_the_contacts_through_every_change(pairs, two_a_month):
	p, t = pairs, pairs.tree
	this_month = compliance.month_start(getdate(today()))
	last_month = compliance.previous_month(this_month)
	a, b, c = p.pairings["community11"], p.pairings["community12"], p.pairings["community21"]

	# added: this month and last month (when the pairings had begun), of every kind
	earlier = max(p.start, last_month)
	made = [
		log(a, today(), "Home Visit", 90),
		log(a, today(), "Outing", 120),
		log(b, today(), "Phone or Video", 15),
		log(c, today(), "Activity", 45),
		log(c, today(), "Home Visit", 30),
	]
	if earlier < this_month:
		made += [log(a, earlier, "Home Visit", 60), log(b, earlier, "Holiday Home Stay", 240)]
	assert_report_is_raw(p, this_month)
	assert_report_is_raw(p, last_month)
	assert live_card(p.officer) == (2, 1)  # street 1: a met (2 contacts), b did not (1)
	assert live_card(p.other_officer) == (1, 1)
	assert_tally_is_rebuilt_the_same(p)

	# edited: a's outing becomes a phone call of 10 minutes, logged on an earlier day (last month's when
	# the pairing had begun then: the contact moves between months)
	outing = frappe.get_doc("Care Contact", made[1].name)
	outing.contact_type = "Phone or Video"
	outing.duration_minutes = 10
	outing.contact_date = str(earlier)
	outing.save()
	assert_report_is_raw(p, this_month)
	assert_report_is_raw(p, last_month)
	assert_tally_is_rebuilt_the_same(p)

	# deleted
	frappe.delete_doc("Care Contact", made[4].name)
	assert_report_is_raw(p, this_month)
	assert live_card(p.other_officer) == (1, 0)
	assert_tally_is_rebuilt_the_same(p)

	# the monthly reviews take their counts from the tally: equal to the raw contacts
	assert tasks.create_monthly_reviews(this_month) >= 3
	for name in (a, b, c):
		review = frappe.get_doc("Monthly Review", {"pairing": name, "period": this_month})
		contacts = frappe.get_all(
			"Care Contact",
			filters={
				"pairing": name,
				"contact_date": ("between", (this_month, compliance.month_end(this_month))),
			},
			fields=["duration_minutes"],
		)
		assert (review.contacts_count, review.contact_minutes) == (
			len(contacts),
			sum(x.duration_minutes for x in contacts),
		)
		assert review.compliance == ("Met" if len(contacts) >= 2 else "Not Met")
	assert tasks.create_monthly_reviews(this_month) == 0, "the rerun creates nothing"

	# a pairing moves street (the child moved: kidcare.relocation moves the living pairing so): its
	# figures go with it, the old street's officer no longer counts it, the new one does
	frappe.get_doc("Care Pairing", a).db_set("care_area", t.community21)
	rows = assert_report_is_raw(p, this_month)
	assert rows[t.street2]["pairings"] == 2 and rows[t.street1]["pairings"] == 1
	assert live_card(p.officer)[0] == 1
	assert live_card(p.other_officer)[0] == 2
	assert_tally_is_rebuilt_the_same(p)


def test_a_past_month_counts_the_year_only_up_to_its_end(pairs):
	p = pairs
	a = p.pairings["community11"]
	log(a, p.start, "Home Visit", 60)
	log(a, today(), "Home Visit", 120)
	past = compliance.month_start(p.start)
	rows = assert_report_is_raw(p, past)
	assert rows[p.tree.street1]["home_visits"] == 1 and rows[p.tree.street1]["hours"] == 1.0


def test_the_trend_and_cards_stay_in_the_viewers_area(pairs, two_a_month):
	p = pairs
	log(p.pairings["community21"], today(), "Home Visit", 60)
	frappe.set_user(p.officer)
	trend = dashboard.compliance_trend()
	frappe.set_user(p.other_officer)
	other = dashboard.compliance_trend()
	frappe.set_user("Administrator")
	# street 1: 2 pairings, no contact; street 2: 1 pairing with one contact, then two
	assert trend["datasets"][0]["values"][-1] == 0
	assert other["datasets"][0]["values"][-1] == 0
	assert live_card(p.officer) == (2, 0) and live_card(p.other_officer) == (1, 0)
	log(p.pairings["community21"], today(), "Outing", 60)
	frappe.set_user(p.other_officer)
	assert dashboard.compliance_trend()["datasets"][0]["values"][-1] == 100
	frappe.set_user(p.officer)
	assert dashboard.compliance_trend()["datasets"][0]["values"][-1] == 0
	frappe.set_user("Administrator")
	assert live_card(p.officer) == (2, 0) and live_card(p.other_officer) == (1, 1)


@pytest.mark.http
def test_no_door_reads_the_tally(web_server, staff):
	"""The tally and the areas' counts are no DocType: REST, client and report doors refuse them for every
	role."""
	import requests
	from doors import over_http, record_doors
	from factories import PASSWORD

	volunteer = make_user("Care Volunteer")
	frappe.db.commit()
	try:
		for user in (*staff.values(), volunteer):
			session = requests.Session()
			assert session.post(
				f"{web_server}/api/method/login", data={"usr": user, "pwd": PASSWORD}, timeout=30
			).ok
			for table, fields in ((tally.TABLE, ["minutes", "home_visits"]), (rollup.TABLE, ["n", "kind"])):
				for door, how, args in record_doors(table, "x", fields):
					status, _body = over_http(session, web_server, how, args)
					assert status >= 400, (user, table, door, status)  # 403, 404 or no such DocType
	finally:
		frappe.delete_doc("User", volunteer, force=True, ignore_permissions=True)
		frappe.db.commit()


def test_a_pairing_ended_by_its_exit_leaves_later_months_and_the_card(pairs):
	"""Ending goes through Care Pairing.end (db_set): its rows follow, so the live card stops counting it
	and a month it lived through still reports it, as the raw records say."""
	p = pairs
	this_month = compliance.month_start(getdate(today()))
	a = p.pairings["community11"]
	log(a, today(), "Home Visit", 60)
	log(p.pairings["community12"], today(), "Outing", 30)
	assert live_card(p.officer) == (2, 2)
	frappe.get_doc("Care Pairing", a).end("家庭搬离本区", end_date=add_days(this_month, -1))
	assert live_card(p.officer) == (1, 1)
	assert_report_is_raw(p, this_month)
	assert_report_is_raw(p, compliance.previous_month(this_month))
	assert_tally_is_rebuilt_the_same(p)


def test_the_areas_counts_follow_a_new_minimum_a_cancelled_and_a_deleted_pairing(pairs):
	"""The card reads the areas' counts: a minimum changed in KidCare Settings, a pairing cancelled and one
	deleted move them as the raw records say."""
	p = pairs
	a, b = p.pairings["community11"], p.pairings["community12"]
	log(a, today(), "Home Visit", 60)
	log(a, today(), "Outing", 60)
	log(b, today(), "Phone or Video", 15)
	settings = frappe.get_doc("KidCare Settings")
	before = settings.min_contacts_per_month
	try:
		settings.min_contacts_per_month = 1
		settings.save()
		assert live_card(p.officer) == (2, 2)
		settings.reload()
		settings.min_contacts_per_month = 2
		settings.save()
		assert live_card(p.officer) == (2, 1)
		assert_tally_is_rebuilt_the_same(p)

		pairing = frappe.get_doc("Care Pairing", a)
		pairing.flags.ignore_links = True
		pairing.cancel()
		assert live_card(p.officer) == (1, 0)
		for contact in frappe.get_all("Care Contact", {"pairing": a}, pluck="name"):
			frappe.delete_doc("Care Contact", contact)
		frappe.delete_doc("Care Pairing", a, force=True)
		assert live_card(p.officer) == (1, 0)
		assert not frappe.db.sql(f"select 1 from `{tally.TABLE}` where pairing = %s", a)
		assert_tally_is_rebuilt_the_same(p)
	finally:
		frappe.db.set_single_value("KidCare Settings", "min_contacts_per_month", before)
		frappe.clear_document_cache("KidCare Settings", "KidCare Settings")


def test_an_area_renamed_keeps_its_counts(pairs, two_a_month):
	p = pairs
	a = p.pairings["community11"]
	log(a, today(), "Home Visit", 60)
	log(a, today(), "Outing", 60)
	assert live_card(p.officer) == (2, 1)
	old = p.tree.community11
	new = frappe.rename_doc("Care Area", old, f"{old}-新名", force=True)
	p.tree.community11 = new
	assert frappe.db.get_value("Care Pairing", a, "care_area") == new
	assert live_card(p.officer) == (2, 1)
	assert not frappe.db.sql(f"select 1 from `{tally.TABLE}` where care_area = %s", old)
	assert_tally_is_rebuilt_the_same(p)


def test_the_trends_past_months_equal_their_reviews_through_every_write(pairs, two_a_month):
	"""The trend's past months read the areas' review counts: reviews made by the job, one submitted and
	approved through the workflow, one recounted by a late contact, those closed when a pairing ends and
	those moved with a child stay what the reviews say."""
	from frappe.model.workflow import apply_workflow

	p = pairs
	this_month = compliance.month_start(getdate(today()))
	last_month = compliance.previous_month(this_month)
	a, b, c = p.pairings["community11"], p.pairings["community12"], p.pairings["community21"]
	log(a, last_month, "Home Visit", 60)
	log(a, last_month, "Outing", 60)
	assert tasks.create_monthly_reviews(last_month) >= 3

	def trend_says(user) -> float:
		frappe.set_user(user)
		try:
			return dashboard.compliance_trend()["datasets"][0]["values"][-2]
		finally:
			frappe.set_user("Administrator")

	def reviews_say(areas) -> float:
		rows = frappe.get_all(
			"Monthly Review",
			filters={"period": last_month, "status": ("!=", "Closed"), "care_area": ("in", areas)},
			pluck="compliance",
		)
		return round(100 * rows.count("Met") / len(rows), 1) if rows else 0

	def overdue_card(user) -> int:
		frappe.set_user(user)
		try:
			return dashboard.reviews_overdue()
		finally:
			frappe.set_user("Administrator")

	def overdue_reviews(areas) -> int:
		return frappe.db.count(
			"Monthly Review",
			{
				"docstatus": 0,
				"status": ("in", rollup.OPEN_STATUSES),
				"due_date": ("<", today()),
				"care_area": ("in", areas),
			},
		)

	street1 = [p.tree.community11, p.tree.community12]
	assert trend_says(p.officer) == reviews_say(street1) == 50.0  # a met, b did not
	assert overdue_card(p.officer) == overdue_reviews(street1)
	assert_tally_is_rebuilt_the_same(p)
	# reviews due before today, as the card counts them (their due date moved back: db_set)
	for name in frappe.get_all(
		"Monthly Review", {"period": last_month, "pairing": ("in", [a, b, c])}, pluck="name"
	):
		frappe.get_doc("Monthly Review", name).db_set("due_date", add_days(today(), -1))
	assert overdue_card(p.officer) == overdue_reviews(street1) == 2
	assert overdue_card(p.other_officer) == overdue_reviews([p.tree.community21]) == 1
	assert_tally_is_rebuilt_the_same(p)

	# a late contact for b's month recounts its open review: now met
	log(b, last_month, "Phone or Video", 10)
	log(b, last_month, "Phone or Video", 10)
	assert trend_says(p.officer) == reviews_say(street1) == 100.0
	assert_tally_is_rebuilt_the_same(p)

	# the volunteer reports, the street returns and approves through the workflow (status changes)
	review = frappe.get_doc("Monthly Review", {"pairing": a, "period": last_month})
	review.volunteer_report = "这个月陪孩子写作业两次"
	review.save()
	for action in ("Submit Review Report", "Approve Review"):
		review = apply_workflow(frappe.get_doc("Monthly Review", review.name), action)
	assert trend_says(p.officer) == reviews_say(street1)
	assert overdue_card(p.officer) == overdue_reviews(street1) == 1  # a's is approved
	assert_tally_is_rebuilt_the_same(p)

	# b's pairing ends: its open review is closed and leaves the month's count
	frappe.get_doc("Care Pairing", b).end("家庭搬离本区", end_date=today())
	assert trend_says(p.officer) == reviews_say(street1) == 100.0
	assert overdue_card(p.officer) == overdue_reviews(street1) == 0
	assert_tally_is_rebuilt_the_same(p)

	# a deleted review leaves it too
	other = frappe.get_doc("Monthly Review", {"pairing": c, "period": last_month})
	assert trend_says(p.other_officer) == reviews_say([p.tree.community21]) == 0
	frappe.delete_doc("Monthly Review", other.name, force=True)
	assert trend_says(p.other_officer) == 0 and reviews_say([p.tree.community21]) == 0
	assert overdue_card(p.other_officer) == overdue_reviews([p.tree.community21]) == 0
	assert_tally_is_rebuilt_the_same(p)
