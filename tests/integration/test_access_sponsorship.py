"""Who sees sponsorship (issue #15): money and identity are sensitive. The role × door proof of
test_access_matrix.py for Care Sponsor, Child Sponsorship, Sponsorship Receipt and Sponsorship
Disbursement (and Child Sponsorship Year, the children's yearly subtotals, which no role reads), with
canaries planted in every field that matters, over real HTTP; and the sponsor's own page (/sponsor).

One district is committed for the module: street 1 with a child (her full name a canary), her sponsor A
(a website login) with a pledge and a receipt, and a disbursement to her family; street 2 with sponsor B,
their own child, pledge and receipt. Staff see their street's; a sponsor sees their own sponsor record,
pledges and receipts, and of the child her alias only; volunteers, guardians, community workers, other
website users and guests see none of it.
"""

import json

import frappe
import pytest
import requests
from doors import over_http, record_doors
from factories import PASSWORD, grant_area, make_active_pairing, make_area_tree, make_user, make_volunteer
from sponsorship_factories import (
	make_disbursement,
	make_receipt,
	make_sponsor,
	make_sponsorship,
	sponsored_child,
)

ROLES = ("admin", "approver", "officer", "other_officer", "worker", "volunteer", "guardian", "sponsor",
	"other_sponsor", "website_user", "guest")  # fmt: skip

CHILD_NAME = "child_name"  # the child's identity beyond her alias
SPONSOR_A = "sponsor_a"  # sponsor A's name and their private details
RECEIPT_A = "receipt_a"  # what A paid: the receipt's reference and amount
DISBURSEMENT = "disbursement"  # who received what for the family
STREET_B = "street_b"  # sponsor B, their pledge and receipt in street 2

STREET_1_STAFF = {CHILD_NAME, SPONSOR_A, RECEIPT_A, DISBURSEMENT}
MAY_SEE = {
	"admin": STREET_1_STAFF | {STREET_B},
	"approver": STREET_1_STAFF | {STREET_B},
	"officer": STREET_1_STAFF,
	"other_officer": {STREET_B},
	"worker": {CHILD_NAME},  # her community's child: the matrix's business, no sponsorship door gives more
	"volunteer": {CHILD_NAME},  # the child paired with her
	"guardian": {CHILD_NAME},  # her own child
	"sponsor": {SPONSOR_A, RECEIPT_A},
	"other_sponsor": {STREET_B},
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
	w = frappe._dict(secrets={k: set() for k in (CHILD_NAME, SPONSOR_A, RECEIPT_A, DISBURSEMENT, STREET_B)})

	def secret(kind, value):
		w.secrets[kind].add(str(value))
		return value

	tree = make_area_tree()
	w.tree = tree
	made += [("Care Area", tree[k]) for k in ("district", "street1", "street2", "community11", "community12",
		"community21", "community22")]  # fmt: skip
	w.users = {"admin": staff.admin, "approver": staff.approver, "officer": staff.officer,
		"other_officer": staff.other_officer, "worker": staff.worker}  # fmt: skip
	for user, area in (("admin", "district"), ("approver", "district"), ("officer", "street1"),
		("other_officer", "street2"), ("worker", "community11")):  # fmt: skip
		made.append(("User Permission", grant_area(w.users[user], tree[area])))
	for key, role in (("volunteer", None), ("guardian", "Child Guardian"), ("sponsor", None),
		("other_sponsor", None), ("website_user", None)):  # fmt: skip
		user = make_user(*([role] if role else []))
		frappe.db.set_value("User", user, "user_type", "Website User")
		w.users[key] = user
		made.append(("User", user))

	w.child = sponsored_child(
		tree.community11,
		full_name=secret(CHILD_NAME, f"SPONSORED{tag()}"),
		alias="小星",
		guardian_user=w.users["guardian"],
	)
	made.append(("Child Profile", w.child))
	volunteer = make_volunteer(tree.community11, user=w.users["volunteer"]).name
	made.append(("Care Volunteer", volunteer))
	pairing = make_active_pairing(w.child, volunteer)
	made.append(("Care Pairing", pairing))
	made += [
		("Child Enrollment", n) for n in frappe.get_all("Child Enrollment", {"child": w.child}, pluck="name")
	]

	w.sponsor = make_sponsor(
		tree.street1,
		sponsor_name=secret(SPONSOR_A, f"SPONSORA{tag()}"),
		mobile=secret(SPONSOR_A, "13712345678"),
		notes=secret(SPONSOR_A, f"SNOTE{tag()}"),
		address=secret(SPONSOR_A, f"SADDR{tag()}"),
		user=w.users["sponsor"],
	)
	made.append(("Care Sponsor", w.sponsor))
	w.pledge = make_sponsorship(w.child, w.sponsor).name
	made.append(("Child Sponsorship", w.pledge))
	w.receipt = make_receipt(
		w.pledge, secret(RECEIPT_A, 1357.91), reference=secret(RECEIPT_A, f"PAYREF{tag()}")
	).name
	made.append(("Sponsorship Receipt", w.receipt))
	given = make_disbursement(
		w.child, secret(DISBURSEMENT, 876.43), received_by=secret(DISBURSEMENT, f"RECEIVER{tag()}"),
		notes=secret(DISBURSEMENT, f"GIVEN{tag()}"),
	)  # fmt: skip
	w.disbursement = given.name
	made += [
		("File", frappe.db.get_value("File", {"file_url": given.evidence})),
		("Sponsorship Disbursement", given.name),
	]

	other_child = sponsored_child(tree.community21)
	made.append(("Child Profile", other_child))
	w.other_sponsor = make_sponsor(
		tree.street2, sponsor_name=secret(STREET_B, f"SPONSORB{tag()}"), user=w.users["other_sponsor"]
	)
	made.append(("Care Sponsor", w.other_sponsor))
	w.other_pledge = make_sponsorship(other_child, w.other_sponsor).name
	made.append(("Child Sponsorship", w.other_pledge))
	made.append(
		(
			"Sponsorship Receipt",
			make_receipt(w.other_pledge, 100, reference=secret(STREET_B, f"PAYREFB{tag()}")).name,
		)
	)
	frappe.db.commit()
	frappe.cache.delete_value("user_permissions")
	yield w
	frappe.db.rollback()
	frappe.set_user("Administrator")
	remove(made)


def remove(records):
	for doctype, name in reversed(records):
		if not name:
			continue
		if doctype == "User":
			frappe.delete_doc("User", name, force=True, ignore_permissions=True)
			continue
		for df in frappe.get_meta(doctype).get_table_fields():
			frappe.db.delete(df.options, {"parent": name, "parenttype": doctype})
		for log, field in (("Version", "docname"), ("Comment", "reference_name"), ("Access Log", "reference_document"),
			("View Log", "reference_name"), ("Notification Log", "document_name"), ("ToDo", "reference_name")):  # fmt: skip
			frappe.db.delete(log, {field: name})
		if doctype in ("File", "Care Area"):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		else:
			frappe.db.delete(doctype, {"name": name})
	frappe.db.commit()


SENSITIVE_FIELDS = {
	"Care Sponsor": ["mobile", "email", "user", "address", "notes"],
	"Child Sponsorship": ["child_name"],
	"Sponsorship Receipt": [],
	"Sponsorship Disbursement": [],
	"Child Sponsorship Year": [],
}


def year_row(w) -> str:
	"""The child's subtotal of the year (her received and disbursed money: receipt and disbursement canaries)."""
	return frappe.db.get_value("Child Sponsorship Year", {"child": w.child, "year": 2026})


def doors(w) -> list[tuple[str, str, dict]]:
	out = []
	for doctype, name in (("Care Sponsor", w.sponsor), ("Child Sponsorship", w.pledge),
		("Sponsorship Receipt", w.receipt), ("Sponsorship Disbursement", w.disbursement),
		("Child Sponsorship Year", year_row(w))):  # fmt: skip
		out += record_doors(doctype, name, SENSITIVE_FIELDS[doctype])
	out += [
		("instalments", "frappe.client.get_list", {"doctype": "Child Sponsorship Instalment", "parent": "Child Sponsorship", "fields": json.dumps(["*"]), "limit_page_length": 0}),
		("ledger", "frappe.desk.query_report.run", {"report_name": "Child Sponsorship Ledger", "filters": "{}"}),
		("statement", "frappe.desk.query_report.run", {"report_name": "Care Sponsor Statement", "filters": json.dumps({"sponsor": w.sponsor})}),
		("fund", "frappe.desk.query_report.run", {"report_name": "Care Sponsorship Fund", "filters": json.dumps({"year": 2026})}),
		("receipt acknowledgement", f"GET /printview?doctype=Sponsorship Receipt&name={w.receipt}&format=Care Sponsorship Receipt Acknowledgement", {}),
		("certificate", f"GET /printview?doctype=Child Sponsorship&name={w.pledge}&format=Child Sponsorship Certificate", {}),
		("child's name through the pledge", "frappe.client.get_list", {"doctype": "Child Sponsorship", "fields": json.dumps(["name", "child.full_name"])}),
		("cards", "frappe.desk.doctype.number_card.number_card.get_result", {"doc": json.dumps({"document_type": "Sponsorship Disbursement", "function": "Sum", "aggregate_function_based_on": "amount", "type": "Document Type", "filters_json": "[]"}), "filters": "[]"}),
		("children to offer", "kidcare.kidcare.doctype.child_sponsorship.child_sponsorship.children_to_offer", {}),
	]  # fmt: skip
	return out


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


def forbidden(w, role) -> set[str]:
	return {s for kind, values in w.secrets.items() if kind not in MAY_SEE[role] for s in values}


def test_every_role_gets_no_money_or_identity_it_may_not_see(world, sessions, web_server):
	"""Every door, knocked on by every role that may not see something (the district's staff may see all
	of it), a few requests at a time."""
	from concurrent.futures import ThreadPoolExecutor

	def knock(door, how, args, role):
		status, text = over_http(sessions[role], web_server, how, args)
		return door, role, status, text, sorted(s for s in forbidden(world, role) if s in text)

	knocks = [(*door, role) for door in doors(world) for role in ROLES if forbidden(world, role)]
	with ThreadPoolExecutor(max_workers=4) as pool:
		answers = list(pool.map(lambda k: knock(*k), knocks))
	leaks = [(door, role, status, leaked) for door, role, status, _text, leaked in answers if leaked]
	errors = [
		(door, role, status, text[:300]) for door, role, status, text, _leaked in answers if status >= 500
	]
	assert not leaks, "\n".join(map(str, leaks))
	assert not errors, "\n".join(map(str, errors))


def test_the_main_doors_give_each_role_what_it_may_see(world, sessions, web_server):
	get = lambda role, path: sessions[role].get(web_server + path, timeout=30)  # noqa: E731
	r = get("officer", f"/api/resource/Sponsorship Disbursement/{world.disbursement}")
	assert r.ok and any(s in r.text for s in world.secrets[DISBURSEMENT])
	r = get("officer", f"/api/resource/Child Sponsorship/{world.pledge}")
	assert r.ok and any(s in r.text for s in world.secrets[CHILD_NAME])
	r = get("officer", f"/api/resource/Care Sponsor/{world.sponsor}")
	assert r.ok and "13712345678" in r.text
	r = get("other_officer", f"/api/resource/Child Sponsorship/{world.other_pledge}")
	assert r.ok and any(s in r.text for s in world.secrets[STREET_B])

	# the sponsor: their own pledge, with the child's alias and birth year, and their receipts
	r = get("sponsor", f"/api/resource/Child Sponsorship/{world.pledge}")
	assert r.ok, r.text[:300]
	pledge = r.json()["data"]
	assert (
		pledge["child_alias"] == "小星" and pledge["child_birth_year"] == 2015 and "child_name" not in pledge
	)
	r = get("sponsor", "/api/resource/Child Sponsorship?limit=0")
	assert [row["name"] for row in r.json()["data"]] == [world.pledge]
	r = get("sponsor", f"/api/resource/Sponsorship Receipt/{world.receipt}")
	assert r.ok and any(s in r.text for s in world.secrets[RECEIPT_A])
	for path in (f"/api/resource/Child Sponsorship/{world.other_pledge}", f"/api/resource/Care Sponsor/{world.other_sponsor}",
		f"/api/resource/Sponsorship Disbursement/{world.disbursement}", f"/api/resource/Child Profile/{world.child}"):  # fmt: skip
		assert get("sponsor", path).status_code == 403, path
	r = get(
		"admin",
		f"/printview?doctype=Child Sponsorship&name={world.pledge}&format=Child Sponsorship Certificate",
	)
	assert r.ok and any(s in r.text for s in world.secrets[SPONSOR_A])


def test_nobody_outside_the_program_writes_money(world, sessions, web_server):
	receipt = {
		"doctype": "Sponsorship Receipt",
		"sponsorship": world.pledge,
		"amount": 1,
		"receipt_date": "2026-05-01",
	}
	for role in ("sponsor", "volunteer", "guardian", "worker", "other_officer", "website_user"):
		r = sessions[role].post(f"{web_server}/api/resource/Sponsorship Receipt", json=receipt, timeout=30)
		assert r.status_code == 403, (role, r.status_code, r.text[:300])
	assert frappe.db.count("Sponsorship Receipt", {"sponsorship": world.pledge}) == 1


def test_a_sponsors_statement_shows_only_the_pledges_the_viewer_may_read(staff):
	"""A sponsor of one street may fund a child of another: that street's pledge and money stay out of
	the statement an officer of the sponsor's street runs."""
	from frappe.desk.query_report import run

	tree = make_area_tree()
	grant_area(staff.other_officer, tree.street2)
	sponsor = make_sponsor(tree.street2)
	near = make_sponsorship(sponsored_child(tree.community21), sponsor).name
	far = make_sponsorship(sponsored_child(tree.community11), sponsor).name
	make_receipt(far, 250)
	frappe.set_user(staff.other_officer)
	rows = run("Care Sponsor Statement", filters={"sponsor": sponsor})["result"]
	shown = {r.get("sponsorship") for r in rows if isinstance(r, dict)}
	assert near in shown and far not in shown


def test_the_history_of_a_pledge_shows_a_sponsor_no_field_of_its_rows_above_her_level(
	world, sessions, web_server
):
	"""A version records a table's added rows whole: the instalments carry the child's record, which a
	sponsor may not read; the form's history (get_docinfo, getdoc) drops it from the rows."""
	for how, args in (
		("frappe.desk.form.load.get_docinfo", {"doctype": "Child Sponsorship", "name": world.pledge}),
		("frappe.desk.form.load.getdoc", {"doctype": "Child Sponsorship", "name": world.pledge}),
	):
		status, text = over_http(sessions["sponsor"], web_server, how, args)
		assert status == 200 and world.child not in text, (how, text[:500])
	status, text = over_http(sessions["officer"], web_server, "frappe.desk.form.load.get_docinfo",
		{"doctype": "Child Sponsorship", "name": world.pledge})  # fmt: skip
	assert status == 200 and world.child in text  # staff read the rows whole


def test_no_role_reads_the_yearly_subtotals_directly(world, sessions, web_server):
	"""Child Sponsorship Year is the program's own: no role, not even the district's staff, reads it
	through REST or the client; the reports read it for them, scoped."""
	name = year_row(world)
	assert frappe.db.get_value("Child Sponsorship Year", name, ["received", "disbursed"]) == (1357.91, 876.43)
	for role in ROLES:
		r = sessions[role].get(f"{web_server}/api/resource/Child Sponsorship Year/{name}", timeout=30)
		assert r.status_code in (401, 403) and "1357.91" not in r.text, (role, r.status_code)
		status, text = over_http(sessions[role], web_server, "frappe.client.get_list",
			{"doctype": "Child Sponsorship Year", "fields": json.dumps(["*"])})  # fmt: skip
		assert status in (401, 403) and "1357.91" not in text, (role, status)


def sponsor_page(session, web_server):
	return session.get(f"{web_server}/sponsor", timeout=30, allow_redirects=False)


def test_a_sponsor_sees_her_own_sponsorships_on_her_page_and_nothing_of_the_childs_identity(
	world, sessions, web_server
):
	r = sponsor_page(sessions["sponsor"], web_server)
	assert r.status_code == 200, r.text[:300]
	text = r.text
	assert world.pledge in text and "小星" in text and "1,357.91" in text
	assert "876.43" in text  # what reached the family: the total, never the disbursement's record
	assert "Care%20Sponsorship%20Receipt%20Acknowledgement" in text and world.receipt in text
	child = frappe.db.get_value(
		"Child Profile", world.child, ["name", "full_name", "id_number", "address", "guardian_name",
		"guardian_phone"], as_dict=True)  # fmt: skip
	for value in child.values():
		assert not value or value not in text, value
	hidden = (
		world.secrets[CHILD_NAME]
		| world.secrets[STREET_B]
		| {s for s in world.secrets[DISBURSEMENT] if s != "876.43"}
	)
	assert not [s for s in hidden if s in text]
	assert world.other_pledge not in text

	r = sponsor_page(sessions["other_sponsor"], web_server)
	assert r.status_code == 200 and world.other_pledge in r.text
	assert world.pledge not in r.text and "小星" not in r.text and "1,357.91" not in r.text


def test_nobody_else_sees_a_sponsors_page(world, sessions, web_server):
	r = sponsor_page(sessions["guest"], web_server)
	assert r.status_code in (301, 302) and "/login" in r.headers["Location"]
	for role in ("admin", "officer", "worker", "volunteer", "guardian", "website_user"):
		r = sponsor_page(sessions[role], web_server)
		assert r.status_code == 200, (role, r.status_code)
		leaked = [s for s in (world.pledge, world.other_pledge, "小星", "1,357.91", "876.43") if s in r.text]
		assert not leaked, (role, leaked)
