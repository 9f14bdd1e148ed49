"""PIPL: the trace of who read a child's sensitive data, retention and anonymisation, erasure, the
uninstall clean-up, and a child's move to another area."""

import frappe
import frappe.client
import pytest
from factories import (
	PASSWORD,
	grant_area,
	make_active_pairing,
	make_child,
	make_enrollment,
	make_user,
	make_volunteer,
	make_waiting_child,
	scoped_staff,
)
from frappe.utils import add_days, add_months, getdate, today

from kidcare import privacy


@pytest.fixture
def p(staff, tree):
	p = scoped_staff(staff, tree)
	p.child = make_child(tree.community11, full_name="王小花", alias="小花", notes="父亲服刑，母亲改嫁").name
	return p


def access_logs(user, child, **filters):
	return frappe.get_all(
		"Access Log",
		filters={"user": user, "export_from": "Child Profile", "reference_document": child, **filters},
		fields=["method", "columns", "file_type"],
	)


# -- the trace ---------------------------------------------------------------------------------------


def test_every_read_of_one_child_by_staff_leaves_an_access_log(p, printing):
	from frappe.desk.form.load import getdoc
	from frappe.www.printview import get_html_and_style

	frappe.set_user(p.officer)
	frappe.form_dict.cmd = "frappe.desk.form.load.getdoc"  # as the desk's request carries it
	getdoc("Child Profile", p.child)
	frappe.form_dict.cmd = "frappe.client.get"
	frappe.client.get("Child Profile", p.child)
	frappe.form_dict.cmd = "frappe.www.printview.get_html_and_style"
	get_html_and_style("Child Profile", p.child, print_format="Child Archive Card")
	frappe.form_dict.pop("cmd")
	frappe.get_print("Child Profile", p.child)  # /printview and PDFs: Frappe's own log

	methods = [log.method for log in access_logs(p.officer, p.child)]
	assert "frappe.desk.form.load.getdoc" in methods
	assert "frappe.client.get" in methods
	assert "Print (frappe.www.printview.get_html_and_style)" in methods
	assert "Print" in methods
	assert len(methods) == 4, methods
	# what she could read is named
	logged = access_logs(p.officer, p.child, method="frappe.client.get")[0]
	assert "id_number" in logged.columns and "guardian_phone" in logged.columns
	# the desk form also wrote Frappe's View Log (track_views)
	assert frappe.get_all(
		"View Log", filters={"viewed_by": p.officer, "reference_doctype": "Child Profile", "reference_name": p.child}
	)


def test_lists_leave_no_row_per_child_and_an_export_leaves_one(p, printing):
	from frappe.desk import reportview

	before = frappe.db.count("Access Log")
	frappe.set_user(p.officer)
	assert p.child in frappe.get_list("Child Profile", pluck="name")
	frappe.form_dict.update(
		{"doctype": "Child Profile", "fields": '["`tabChild Profile`.`name`", "`tabChild Profile`.`id_number`"]'}
	)
	assert reportview.get()["values"]  # the report view, sensitive column included
	assert frappe.db.count("Access Log") == before

	frappe.form_dict.update(
		{
			"doctype": "Child Profile",
			"fields": '["`tabChild Profile`.`name`", "`tabChild Profile`.`id_number`"]',
			"file_format_type": "CSV",
			"filters": "[]",
		}
	)
	reportview.export_query()
	export = frappe.get_all(
		"Access Log",
		filters={"user": p.officer, "export_from": "Child Profile", "file_type": "CSV"},
		pluck="name",
	)
	assert len(export) == 1


def test_a_reader_who_may_not_see_sensitive_fields_leaves_no_row(p):
	# a volunteer reads her child's record without the sensitive fields (they are stripped)
	volunteer_user = make_user("Care Volunteer")
	frappe.set_user("Administrator")
	volunteer = make_volunteer(p.tree.community11, user=volunteer_user).name
	child = make_waiting_child(p.tree.community11)
	make_active_pairing(child, volunteer)
	frappe.set_user(volunteer_user)
	doc = frappe.client.get("Child Profile", child)
	assert not doc.get("id_number") and not doc.get("guardian_phone")
	fields = privacy.readable_sensitive_fields(frappe.get_doc("Child Profile", child))
	assert bool(access_logs(volunteer_user, child)) == bool(fields), fields


@pytest.mark.http
def test_over_http_rest_client_get_form_and_print_are_logged(web_server, committed, staff):
	import requests
	from factories import commit_area_tree

	tree = commit_area_tree(committed)
	officer = make_user("Street Officer")
	committed.insert(0, ("User", officer))
	committed.append(("User Permission", grant_area(officer, tree.street1)))
	child = make_child(tree.community11).name
	committed.append(("Child Profile", child))
	frappe.db.commit()
	try:
		session = requests.Session()
		assert session.post(
			f"{web_server}/api/method/login", data={"usr": officer, "pwd": PASSWORD}, timeout=30
		).ok
		assert session.get(f"{web_server}/api/resource/Child Profile/{child}", timeout=30).ok
		assert session.get(
			f"{web_server}/api/method/frappe.client.get",
			params={"doctype": "Child Profile", "name": child},
			timeout=30,
		).ok
		assert session.get(
			f"{web_server}/api/method/frappe.desk.form.load.getdoc",
			params={"doctype": "Child Profile", "name": child},
			timeout=30,
		).ok
		assert session.get(
			f"{web_server}/printview", params={"doctype": "Child Profile", "name": child}, timeout=60
		).ok
		frappe.db.rollback()
		methods = sorted(log.method for log in access_logs(officer, child))
		assert methods == sorted(
			[
				f"GET /api/resource/Child Profile/{child}",
				"frappe.client.get",
				"frappe.desk.form.load.getdoc",
				"Print",
			]
		), methods
	finally:
		frappe.db.rollback()
		frappe.db.delete("Access Log", {"user": officer})
		frappe.db.delete("View Log", {"viewed_by": officer})
		frappe.db.commit()


# -- retention and anonymisation -------------------------------------------------------------------


@pytest.fixture
def exited(p):
	"""A child who was paired, contacted, reviewed and then left, with files, history and notes."""
	from kidcare import tasks

	t = p.tree
	child = make_child(
		t.community11,
		full_name="李秘密",
		alias="小李",
		address="长河路 8 号 3 单元",
		latitude=30.2,
		longitude=120.2,
		notes="母亲在外务工，父亲服刑",
		categories=[{"category": "Left-behind"}],
		needs=[{"care_need": "学业辅导", "priority": "High", "note": "李家奶奶说孩子厌学"}],
	)
	enrollment = make_enrollment(child.name, registration_notes="李家情况：奶奶独自抚养")
	frappe.db.set_value("Child Enrollment", enrollment.name, {"status": "Approved", "docstatus": 1})
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "李秘密-同意书.txt",
			"attached_to_doctype": "Child Profile",
			"attached_to_name": child.name,
			"is_private": 1,
			"content": b"guardian consent signed by Li",
		}
	).insert(ignore_permissions=True)
	child.reload()
	child.consent_attachment = file.file_url
	child.save()
	child.move_to("Awaiting Pairing")
	volunteer = make_volunteer(t.community11).name
	pairing = make_active_pairing(child.name, volunteer)
	frappe.db.set_value("Care Pairing", pairing, "start_date", add_days(today(), -40))
	contact = frappe.get_doc(
		{
			"doctype": "Care Contact",
			"pairing": pairing,
			"contact_date": today(),
			"contact_type": "Home Visit",
			"duration_minutes": 90,
			"summary": "在李家和奶奶聊了孩子的学习",
		}
	).insert()
	tasks.create_monthly_reviews(today())
	review = frappe.get_doc("Monthly Review", {"pairing": pairing})
	review.db_set("volunteer_report", "李秘密本月情绪低落")
	frappe.get_doc("Care Pairing", pairing).end("家庭搬离本区", child_status="Exited")
	frappe.get_doc("Child Profile", child.name).add_comment("Comment", "李秘密的奶奶来电")
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"subject": "李秘密的退出申请已批准",
			"for_user": p.officer,
			"document_type": "Child Profile",
			"document_name": child.name,
		}
	).db_insert()  # as a notification the program sent (its e-mail is another test's business)
	return frappe._dict(
		p=p,
		child=child.name,
		enrollment=enrollment.name,
		pairing=pairing,
		contact=contact.name,
		review=review.name,
		file=file,
	)


def personal_traces(e) -> dict[str, int]:
	related = privacy.related_documents(e.child)
	counts = {}
	for doctype, field_dt, field_name in (
		("Version", "ref_doctype", "docname"),
		("Comment", "reference_doctype", "reference_name"),
		("Notification Log", "document_type", "document_name"),
		("File", "attached_to_doctype", "attached_to_name"),
	):
		counts[doctype] = sum(
			frappe.db.count(doctype, {field_dt: dt, field_name: ("in", names)}) for dt, names in related.items()
		)
	return counts


def leave_long_ago(child, months=25):
	frappe.db.set_value("Child Profile", child, "left_program_on", add_months(getdate(today()), -months))


def run_daily_job_as_the_scheduler(monkeypatch) -> list[str]:
	"""The daily job as the scheduler runs it (its Scheduled Job Type's method); the batches it queues are
	run as the worker runs them."""
	queued = []
	monkeypatch.setattr(frappe, "enqueue", lambda method, **kwargs: queued.append((method, kwargs)))
	job = frappe.get_doc("Scheduled Job Type", {"method": "kidcare.privacy.anonymise_expired"})
	assert job.frequency == "Daily"
	frappe.get_attr(job.method)()
	done = []
	for method, kwargs in queued:
		kwargs = {k: v for k, v in kwargs.items() if k not in ("queue", "job_id", "deduplicate", "enqueue_after_commit")}
		done += frappe.get_attr(method)(**kwargs)
	return done


def test_a_child_past_retention_is_anonymised_and_her_statistics_stay(exited, monkeypatch):
	e = exited
	assert frappe.db.get_value("Child Profile", e.child, "left_program_on") == getdate(today())
	assert all(personal_traces(e).values()), personal_traces(e)
	gender, care_area, status = frappe.db.get_value("Child Profile", e.child, ["gender", "care_area", "status"])

	# not yet: she left today
	assert run_daily_job_as_the_scheduler(monkeypatch) == [] or e.child not in run_daily_job_as_the_scheduler(
		monkeypatch
	)
	leave_long_ago(e.child)
	assert e.child in run_daily_job_as_the_scheduler(monkeypatch)

	child = frappe.get_doc("Child Profile", e.child)
	assert child.full_name == f"已匿名化 {e.child}" and child.anonymised_on
	for field in ("alias", "id_number", "address", "guardian_name", "guardian_phone", "guardian_user",
			"consent_attachment", "notes", "checkin_token"):  # fmt: skip
		assert not child.get(field), field
	assert not child.latitude and not child.longitude
	assert str(child.date_of_birth) == "2015-01-01"
	assert (child.gender, child.care_area, child.status) == (gender, care_area, status)
	assert [c.category for c in child.categories] == ["Left-behind"]
	assert [(n.care_need, n.priority, n.note) for n in child.needs] == [("学业辅导", "High", None)]

	# the documents about her keep their numbers and lose their words
	pairing = frappe.get_doc("Care Pairing", e.pairing)
	assert (pairing.child_name, pairing.status) == (child.full_name, "Ended") and blank(pairing.end_reason)
	contact = frappe.get_doc("Care Contact", e.contact)
	assert (contact.contact_type, contact.duration_minutes) == ("Home Visit", 90) and blank(contact.summary)
	review = frappe.get_doc("Monthly Review", e.review)
	assert review.contacts_count == 1 and blank(review.volunteer_report)
	assert blank(frappe.db.get_value("Child Enrollment", e.enrollment, "registration_notes"))

	# history, comments, notifications and files are gone; one note says what happened
	traces = personal_traces(e)
	assert traces == {"Version": 0, "Comment": 1, "Notification Log": 0, "File": 0}, traces
	assert not frappe.db.exists("File", e.file.name)
	# nothing anywhere in the rows about her still names her
	for doctype in ("Child Profile", "Care Pairing", "Care Contact", "Monthly Review", "Child Enrollment",
			"Comment", "Version"):  # fmt: skip
		assert not frappe.db.sql(
			f"select name from `tab{doctype}` where {' or '.join(f'`{c}` like %(x)s' for c in text_columns(doctype))}",
			{"x": "%李%"},
		), doctype

	# idempotent: never processed again
	assert e.child not in run_daily_job_as_the_scheduler(monkeypatch)
	assert privacy.anonymise(e.child, "again") is False


def blank(value) -> bool:
	"""Cleared: empty, or the placeholder where the field is mandatory."""
	return value in (None, "", privacy.ANONYMISED)


def text_columns(doctype):
	return [
		c
		for (c,) in frappe.db.sql(
			"select column_name from information_schema.columns where table_schema=database() "
			"and table_name=%s and data_type in ('varchar', 'text', 'longtext', 'mediumtext')",
			f"tab{doctype}",
		)
	]


def test_the_file_on_disk_goes_when_the_anonymisation_commits(exited):
	import os

	path = exited.file.get_full_path()
	assert os.path.exists(path)
	privacy.anonymise(exited.child, "test")
	assert os.path.exists(path), "nothing leaves the disk before the commit"
	frappe.db.after_commit.run()  # what frappe.db.commit() runs
	assert not os.path.exists(path)


def test_one_child_failing_does_not_stop_the_others(exited, monkeypatch):
	e = exited
	other = make_child(e.p.tree.community12, full_name="赵其他")
	other.move_to("Exited")
	leave_long_ago(e.child)
	leave_long_ago(other.name)
	real = privacy.anonymise

	def failing(child, reason):
		if child == e.child:
			real(child, reason)  # writes half of it, then fails
			raise RuntimeError("disk full")
		return real(child, reason)

	monkeypatch.setattr(privacy, "anonymise", failing)
	done = privacy.anonymise_batch([e.child, other.name])
	assert done == [other.name]
	assert frappe.db.get_value("Child Profile", e.child, ["full_name", "anonymised_on"]) == ("李秘密", None)
	assert frappe.db.exists("File", e.file.name), "her half-written anonymisation was rolled back"
	assert frappe.db.get_value("Child Profile", other.name, "anonymised_on")
	assert frappe.get_all("Error Log", filters={"reference_name": e.child}, pluck="name")


def test_retention_zero_turns_the_job_off_and_a_negative_one_is_refused(exited, monkeypatch, zh):
	leave_long_ago(exited.child, months=600)
	settings = frappe.get_doc("KidCare Settings")
	settings.retention_months = 0
	settings.save()
	assert exited.child not in run_daily_job_as_the_scheduler(monkeypatch)
	settings.retention_months = -1
	with pytest.raises(frappe.ValidationError):
		settings.save()


# -- erasure ---------------------------------------------------------------------------------------


def test_kidcare_admin_erases_a_child_who_left(exited, staff, zh):
	frappe.set_user(staff["admin"])
	result = privacy.erase_child(exited.child)
	assert result["child"] == exited.child
	assert frappe.db.get_value("Child Profile", exited.child, "full_name") == f"已匿名化 {exited.child}"
	with pytest.raises(frappe.ValidationError, match="已于"):
		privacy.erase_child(exited.child)


def test_erasure_is_refused_while_the_child_is_in_the_program(p, staff, zh):
	waiting = make_waiting_child(p.tree.community11)
	volunteer = make_volunteer(p.tree.community11).name
	make_active_pairing(waiting, volunteer)
	registered = make_child(p.tree.community11).name
	make_enrollment(registered)
	frappe.set_user(staff["admin"])
	for child in (waiting, registered):
		before = frappe.db.get_value("Child Profile", child, "full_name")
		with pytest.raises(frappe.ValidationError, match="仍在帮扶项目中"):
			privacy.erase_child(child)
		assert frappe.db.get_value("Child Profile", child, "full_name") == before
	with pytest.raises(frappe.DoesNotExistError, match="不存在"):
		privacy.erase_child("CHD-nobody")


@pytest.mark.parametrize("who", ["officer", "approver", "worker"])
def test_only_kidcare_admin_and_system_manager_may_erase(p, who):
	frappe.set_user(p[who])
	with pytest.raises(frappe.PermissionError):
		privacy.erase_child(p.child)
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Child Profile", p.child, "full_name") == "王小花"


@pytest.mark.http
def test_over_http_others_get_403_and_nothing_changes(web_server, committed):
	import requests
	from factories import commit_area_tree

	tree = commit_area_tree(committed)
	officer = make_user("Street Officer")
	committed.insert(0, ("User", officer))
	committed.append(("User Permission", grant_area(officer, tree.street1)))
	child = make_child(tree.community11, full_name="钱不删").name
	committed.append(("Child Profile", child))
	frappe.db.commit()
	session = requests.Session()
	assert session.post(f"{web_server}/api/method/login", data={"usr": officer, "pwd": PASSWORD}, timeout=30).ok
	response = session.post(
		f"{web_server}/api/method/kidcare.privacy.erase_child", data={"child": child}, timeout=30
	)
	assert response.status_code == 403, response.text
	frappe.db.rollback()
	assert frappe.db.get_value("Child Profile", child, ["full_name", "anonymised_on"]) == ("钱不删", None)
	frappe.db.delete("Access Log", {"user": officer})
	frappe.db.commit()


# -- uninstall ---------------------------------------------------------------------------------------


def test_the_uninstall_clean_up_removes_kidcares_traces_and_only_those(exited):
	from frappe.desk.form.assign_to import add as assign
	from frappe.share import add as share

	from kidcare.install import kidcare_doctypes

	e = exited
	note = frappe.get_doc({"doctype": "Note", "title": "not kidcare", "content": "x"}).insert()
	note.add_comment("Comment", "keep me")
	note_file = frappe.get_doc(
		{"doctype": "File", "file_name": "keep.txt", "attached_to_doctype": "Note",
			"attached_to_name": note.name, "content": b"keep"}  # fmt: skip
	).insert(ignore_permissions=True)
	for doctype, name in (("Child Profile", e.child), ("Note", note.name)):
		assign({"doctype": doctype, "name": name, "assign_to": [e.p.officer]})
		share(doctype, name, e.p.worker)
		frappe.get_doc(
			{"doctype": "View Log", "viewed_by": e.p.officer, "reference_doctype": doctype, "reference_name": name}
		).insert(ignore_permissions=True)
	privacy.insert_access_log("Child Profile", e.child, "test", "id_number")
	frappe.delete_doc("Care Contact", e.contact, ignore_permissions=True)  # a Deleted Document row
	frappe.get_doc(
		{"doctype": "Communication", "communication_type": "Comment", "subject": "李秘密",
			"reference_doctype": "Child Profile", "reference_name": e.child}  # fmt: skip
	).insert(ignore_permissions=True)

	ours = kidcare_doctypes()
	traces = [
		("File", "attached_to_doctype"), ("Version", "ref_doctype"), ("Comment", "reference_doctype"),
		("Communication", "reference_doctype"), ("Notification Log", "document_type"),
		("Access Log", "export_from"), ("View Log", "reference_doctype"), ("ToDo", "reference_type"),
		("DocShare", "share_doctype"), ("Deleted Document", "deleted_doctype"),
	]  # fmt: skip
	assert all(frappe.db.count(d, {f: ("in", ours)}) for d, f in traces), [
		d for d, f in traces if not frappe.db.count(d, {f: ("in", ours)})
	]
	note_rows = {d: frappe.db.count(d, {f: "Note"}) for d, f in traces}

	privacy.purge_app_traces(ours)

	assert {d: frappe.db.count(d, {f: ("in", ours)}) for d, f in traces} == {d: 0 for d, f in traces}
	assert {d: frappe.db.count(d, {f: "Note"}) for d, f in traces} == note_rows
	assert frappe.db.exists("File", note_file.name)
	# the app's own records are left for Frappe's uninstall to drop with their tables
	assert frappe.db.exists("Child Profile", e.child)


# -- a child moves to another street ----------------------------------------------------------------


def test_a_childs_open_work_follows_her_to_the_new_street_and_her_history_stays(p, staff):
	from kidcare import tasks
	from kidcare.rules.compliance import month_start

	t = p.tree
	volunteer_user = make_user("Care Volunteer")
	volunteer = make_volunteer(t.community11, user=volunteer_user, capacity=2).name
	child = make_waiting_child(t.community11)
	# an earlier pairing that ended: history
	old = make_active_pairing(child, volunteer)
	frappe.get_doc("Care Pairing", old).end("换志愿者", child_status="Awaiting Pairing")
	pairing = make_active_pairing(child, volunteer)
	frappe.db.set_value("Care Pairing", pairing, "start_date", add_days(month_start(getdate(today())), -40))
	last_month = month_start(add_days(month_start(getdate(today())), -1))

	def contact(day):
		frappe.set_user(volunteer_user)
		name = frappe.get_doc(
			{"doctype": "Care Contact", "pairing": pairing, "contact_date": day, "contact_type": "Home Visit",
				"duration_minutes": 60, "summary": "x"}  # fmt: skip
		).insert().name
		frappe.set_user("Administrator")
		return name

	past = contact(last_month)
	current = contact(today())
	tasks.create_monthly_reviews(last_month)
	tasks.create_monthly_reviews(today())
	closed = frappe.get_doc("Monthly Review", {"pairing": pairing, "period": last_month})
	frappe.db.set_value("Monthly Review", closed.name, {"status": "Reviewed", "docstatus": 1})
	open_review = frappe.get_doc("Monthly Review", {"pairing": pairing, "period": month_start(getdate(today()))})

	def seen_by(user):
		frappe.set_user(user)
		seen = {
			"pairings": set(frappe.get_list("Care Pairing", filters={"child": child}, pluck="name")),
			"reviews": set(frappe.get_list("Monthly Review", filters={"child": child}, pluck="name")),
			"contacts": set(frappe.get_list("Care Contact", filters={"child": child}, pluck="name")),
		}
		frappe.set_user("Administrator")
		return seen

	everything = {
		"pairings": {old, pairing},
		"reviews": {closed.name, open_review.name},
		"contacts": {past, current},
	}
	assert seen_by(p.officer) == everything
	assert seen_by(p.other_officer) == {"pairings": set(), "reviews": set(), "contacts": set()}

	# staff move her to a community of street 2
	frappe.set_user(staff["admin"])
	doc = frappe.get_doc("Child Profile", child)
	doc.care_area = t.community21
	doc.save()

	assert seen_by(p.other_officer) == {
		"pairings": {pairing},
		"reviews": {open_review.name},
		"contacts": {current},
	}
	assert seen_by(p.officer) == {"pairings": {old}, "reviews": {closed.name}, "contacts": {past}}
	assert frappe.db.get_value("Care Pairing", pairing, ["docstatus", "status"]) == (1, "Active")
	# the volunteer still sees her pairing wherever the child lives
	frappe.set_user(volunteer_user)
	assert pairing in frappe.get_list("Care Pairing", pluck="name")
