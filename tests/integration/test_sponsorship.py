"""Sponsorship at a standard (issue #15): pledges, instalments, receipts, disbursements, the ledger and
the sponsor's statement, bad input, a child leaving, overdue instalments, and the books.

The suite runs on a plain Frappe site and on an ERPNext site: the tests that touch accounting branch on
``has_erpnext()``. On the plain site they prove kidcare's own ledger alone carries the flow and no
ERPNext doctype is touched; on the ERPNext site that each receipt and disbursement leaves a submitted,
balanced Journal Entry, cancelled with it."""

import frappe
import pytest
from factories import make_area_tree, make_user
from frappe.utils import add_days, flt, getdate, today
from sponsorship_factories import (
	make_disbursement,
	make_receipt,
	make_sponsor,
	make_sponsorship,
	sponsored_child,
)

from kidcare.kidcare.report.care_sponsor_statement.care_sponsor_statement import execute as statement
from kidcare.kidcare.report.care_sponsorship_fund.care_sponsorship_fund import execute as fund
from kidcare.kidcare.report.child_sponsorship_ledger.child_sponsorship_ledger import execute as ledger
from kidcare.sponsorship.accounts import has_erpnext


@pytest.fixture
def world():
	tree = make_area_tree()
	w = frappe._dict(tree=tree)
	w.child = sponsored_child(tree.community11, alias="小明")
	w.sponsor = make_sponsor(tree.street1)
	return w


def set_books():
	"""On an ERPNext site: a company with its chart of accounts, the year, and the mapping (all inside
	the test's transaction). Returns the company, or None on a plain site."""
	if not has_erpnext():
		return None
	if not frappe.db.exists("Warehouse Type", "Transit"):  # the setup wizard's, which this site skipped
		frappe.get_doc({"doctype": "Warehouse Type", "name": "Transit"}).insert()
	company = frappe.get_doc(
		{
			"doctype": "Company",
			"company_name": "童享阳光测试",
			"abbr": "TXT",
			"default_currency": "CNY",
			"country": "China",
			"chart_of_accounts": "Standard",
		}
	).insert()
	year = str(getdate(today()).year)
	if not frappe.db.exists("Fiscal Year", year):
		frappe.get_doc(
			{
				"doctype": "Fiscal Year",
				"year": year,
				"year_start_date": f"{year}-01-01",
				"year_end_date": f"{year}-12-31",
			}
		).insert()
	fund_account = frappe.get_doc(
		{
			"doctype": "Account",
			"account_name": "助养资金",
			"parent_account": "Current Liabilities - TXT",
			"company": company.name,
			"root_type": "Liability",
		}
	).insert()
	settings = frappe.get_doc("KidCare Settings")
	settings.update(
		{
			"accounting_company": company.name,
			"accounting_bank_account": "Cash - TXT",
			"accounting_fund_account": fund_account.name,
			"accounting_cost_center": company.cost_center,
		}
	)
	settings.save()
	return company.name


def entry_of(doc):
	rows = frappe.get_all(
		"GL Entry",
		filters={"voucher_type": "Journal Entry", "voucher_no": doc.journal_entry, "is_cancelled": 0},
		fields=["account", "debit", "credit"],
	)
	return {r.account: flt(r.debit) - flt(r.credit) for r in rows}


def test_a_sponsor_pledges_pays_two_instalments_and_the_family_receives(world):
	"""The issue's "done means": 3,000 a year paid monthly, two instalments paid (one of them in two
	parts, to the fen), 300.25 handed to the family; the ledger and the statement agree to the fen."""
	company = set_books()
	pledge = make_sponsorship(world.child, world.sponsor, plan="Monthly")
	assert pledge.annual_amount == 3000  # KidCare Settings' standard
	assert [row.amount for row in pledge.instalments] == [250.0] * 12
	assert pledge.status == "Awaiting First Payment"
	assert frappe.db.get_value("Child Profile", world.child, "sponsorship_status") == "Sponsored"

	receipts = [
		make_receipt(pledge.name, 250),
		make_receipt(pledge.name, 0.01),
		make_receipt(pledge.name, 249.99),
	]
	pledge.reload()
	assert pledge.status == "Active"
	assert pledge.received_total == 500
	assert [(r.paid_amount, r.status) for r in pledge.instalments[:3]] == [
		(250, "Paid"),
		(250, "Paid"),
		(0, "Overdue"),
	]

	given = make_disbursement(world.child, 300.25)

	rows = ledger({"child": world.child})[1]
	assert [(r["year"], r["pledged"], r["received"], r["disbursed"], r["balance"]) for r in rows] == [
		(2026, 3000.0, 500.0, 300.25, 199.75)
	]
	lines = statement({"sponsor": world.sponsor})[1]
	assert sum(r["pledged"] for r in lines) == rows[0]["pledged"]
	assert round(sum(r["received"] for r in lines), 2) == rows[0]["received"]
	assert lines[-1]["outstanding"] == 2500.0

	if company:
		for doc in (*receipts, given):
			entry = frappe.get_doc("Journal Entry", doc.journal_entry)
			assert entry.docstatus == 1 and entry.company == company
			assert flt(entry.total_debit) == flt(entry.total_credit) == flt(doc.amount)
		fund = frappe.db.get_single_value("KidCare Settings", "accounting_fund_account")
		gl = frappe.get_all(
			"GL Entry", filters={"account": fund, "is_cancelled": 0}, fields=["debit", "credit"]
		)
		assert round(sum(flt(g.credit) - flt(g.debit) for g in gl), 2) == 199.75  # the fund holds the balance
		given.cancel()
		assert frappe.db.get_value("Journal Entry", given.journal_entry, "docstatus") == 2
		assert entry_of(given) == {}
	else:
		# kidcare's own ledger alone: no entry, and no ERPNext table on this site at all
		assert not any(doc.journal_entry for doc in (*receipts, given))
		assert not frappe.db.table_exists("Journal Entry")
		given.cancel()
	assert ledger({"child": world.child})[1][0]["balance"] == 500.0


def test_accounting_mapping_is_validated_for_the_site_it_is_on(world, zh):
	settings = frappe.get_doc("KidCare Settings")
	settings.accounting_company = "没有这家公司"
	with pytest.raises(frappe.ValidationError) as e:
		settings.save()
	if has_erpnext():
		assert "没有名为" in str(e.value)
	else:
		assert "未安装 ERPNext" in str(e.value)


def test_several_sponsors_share_the_standard_but_never_exceed_it(world, zh):
	other = make_sponsor(world.tree.street1)
	make_sponsorship(world.child, world.sponsor, annual_amount=2000)
	make_sponsorship(world.child, other, annual_amount=1000)  # shares the standard
	assert frappe.db.get_value("Child Profile", world.child, "sponsorship_status") == "Sponsored"
	third = make_sponsorship(world.child, other, annual_amount=0.01, submit=False)
	with pytest.raises(frappe.ValidationError) as e:
		third.submit()
	assert "已有助养" in str(e.value) or "超过助养标准" in str(e.value)
	assert frappe.db.get_value("Child Sponsorship", third.name, "docstatus") == 0
	# the next year is free again
	make_sponsorship(world.child, other, start_date="2027-01-01")


def test_a_second_full_sponsorship_for_the_same_period_is_refused(world, zh):
	make_sponsorship(world.child, world.sponsor, start_date="2026-03-01")
	second = make_sponsorship(
		world.child, make_sponsor(world.tree.street1), start_date="2026-12-31", submit=False
	)
	with pytest.raises(frappe.ValidationError) as e:
		second.submit()
	assert "超过助养标准" in str(e.value)
	assert frappe.db.count("Child Sponsorship", {"child": world.child, "docstatus": 1}) == 1


@pytest.mark.parametrize("amount", [0, -5, 0.001])
def test_zero_and_negative_amounts_are_refused_and_nothing_written(world, zh, amount):
	pledge = make_sponsorship(world.child, world.sponsor)
	before = frappe.db.count("Sponsorship Receipt")
	with pytest.raises(frappe.ValidationError) as e:
		make_receipt(pledge.name, amount)
	assert "金额必须大于零" in str(e.value)
	with pytest.raises(frappe.ValidationError):
		make_disbursement(world.child, amount)
	with pytest.raises(frappe.ValidationError):
		make_sponsorship(world.child, world.sponsor, annual_amount=-abs(amount) - 1, start_date="2028-01-01")
	assert frappe.db.count("Sponsorship Receipt") == before


def test_receipts_only_on_open_sponsorships_and_never_beyond_the_pledge(world, zh):
	draft = make_sponsorship(world.child, world.sponsor, submit=False)
	with pytest.raises(frappe.ValidationError) as e:
		make_receipt(draft.name, 100)
	assert "不能登记到账" in str(e.value)
	draft.submit()
	with pytest.raises(frappe.ValidationError) as e:
		make_receipt(draft.name, 3000.01)
	assert "超过认捐余额" in str(e.value)
	draft.cancel()
	assert draft.status == "Cancelled"
	with pytest.raises(frappe.ValidationError) as e:
		make_receipt(draft.name, 100)
	assert "已取消" in str(e.value)  # Frappe's own: no link to a cancelled document
	assert not frappe.db.exists("Sponsorship Receipt", {"sponsorship": draft.name})


def test_a_submitted_receipt_cannot_be_edited_and_a_paid_pledge_cannot_be_cancelled(world, zh):
	pledge = make_sponsorship(world.child, world.sponsor)
	receipt = make_receipt(pledge.name, 1500)
	receipt.amount = 1
	with pytest.raises(frappe.ValidationError):
		receipt.save()
	assert frappe.db.get_value("Sponsorship Receipt", receipt.name, "amount") == 1500
	pledge.reload()
	with pytest.raises(frappe.ValidationError) as e:
		pledge.cancel()
	assert "已有到账" in str(e.value)


def test_a_disbursement_above_the_balance_is_refused(world, zh):
	pledge = make_sponsorship(world.child, world.sponsor)
	make_receipt(pledge.name, 1000)
	make_disbursement(world.child, 600)
	over = make_disbursement(world.child, 400.01, submit=False)
	with pytest.raises(frappe.ValidationError) as e:
		over.submit()
	assert "余额" in str(e.value)
	assert frappe.db.get_value("Sponsorship Disbursement", over.name, "docstatus") == 0
	no_evidence = make_disbursement(world.child, 10, submit=False)
	no_evidence.evidence = None
	with pytest.raises(frappe.ValidationError) as e:
		no_evidence.submit()
	assert "凭证" in str(e.value)


def test_only_children_in_a_priority_category_may_be_sponsored(world, zh):
	settings = frappe.get_doc("KidCare Settings")
	settings.set("sponsorship_categories", [{"category": "Orphan"}])
	settings.save()
	with pytest.raises(frappe.ValidationError) as e:
		make_sponsorship(world.child, world.sponsor, submit=False)
	assert "不能被助养" in str(e.value)
	settings.append("sponsorship_categories", {"category": "Parent Imprisoned"})
	settings.save()
	make_sponsorship(world.child, world.sponsor)


def test_a_child_who_exits_ends_her_sponsorships_and_the_sponsor_is_told(world):
	sponsor_user = make_user()
	frappe.db.set_value("User", sponsor_user, "user_type", "Website User")
	frappe.db.set_value("Care Sponsor", world.sponsor, "user", sponsor_user)
	waiting = sponsored_child(world.tree.community12, alias="小红")
	pledge = make_sponsorship(world.child, world.sponsor, plan="Monthly", start_date="2026-09-01")

	frappe.get_doc("Child Profile", world.child).move_to("Exited", "测试退出")

	pledge.reload()
	assert (pledge.status, pledge.end_reason, getdate(pledge.ended_on)) == (
		"Ended",
		"Child Exited",
		getdate(today()),
	)
	assert frappe.db.get_value("Child Profile", world.child, "sponsorship_status") == "Sponsorship Closed"
	# what would have fallen due after the end is waived, and no longer counts as pledged
	later = {r.status for r in pledge.instalments if getdate(r.due_date) > getdate(today())}
	assert later == {"Waived"}
	pledged = sum(r.amount for r in pledge.instalments if r.status != "Waived")
	assert sum(r["pledged"] for r in ledger({"child": world.child})[1]) == pledged
	told = frappe.get_all(
		"Notification Log", filters={"for_user": sponsor_user, "document_name": pledge.name}, pluck="subject"
	)
	assert len(told) == 1 and "小红" in told[0]
	assert waiting  # offered: the waiting child by her alias, never her name
	assert frappe.db.get_value("Child Profile", waiting, "full_name") not in told[0]
	with pytest.raises(frappe.ValidationError):
		make_receipt(pledge.name, 100)


def test_aging_out_ends_sponsorships_through_the_daily_job(world):
	from kidcare.tasks import mark_aged_out

	adult = sponsored_child(world.tree.community11, date_of_birth=str(add_days(today(), -18 * 366)))
	pledge = make_sponsorship(adult, world.sponsor, start_date="2026-01-01")
	mark_aged_out()
	assert frappe.db.get_value("Child Sponsorship", pledge.name, ["status", "end_reason"]) == (
		"Ended",
		"Child Aged Out",
	)
	# her page offers the children waiting for a sponsor (alias, age, area)
	from kidcare.www import sponsor as page

	sponsor_user = make_user("KidCare Sponsor")
	frappe.db.set_value("Care Sponsor", world.sponsor, "user", sponsor_user)
	frappe.set_user(sponsor_user)
	context = page.get_context(frappe._dict())
	assert [s["end_reason"] for s in context.pledges] == [
		frappe._("Child Aged Out", context="Child Sponsorship")
	]
	assert "小明" in [o["alias"] for o in context.offers]


def test_the_daily_job_flags_overdue_instalments_once_and_reminds(world, staff):
	from factories import grant_area

	from kidcare.sponsorship.tasks import flag_overdue_instalments

	grant_area(staff.officer, world.tree.street1)
	pledge = make_sponsorship(world.child, world.sponsor, plan="Monthly")
	make_receipt(pledge.name, 250)
	frappe.db.sql("update `tabChild Sponsorship Instalment` set status='Due' where parent=%s", pledge.name)
	assert flag_overdue_instalments() >= 10  # February to November 2026 unpaid
	pledge.reload()
	overdue = [r for r in pledge.instalments if r.status == "Overdue"]
	assert overdue and all(r.reminded_on for r in overdue)
	assert pledge.overdue_amount == 250 * len(overdue)
	assert frappe.db.count("Notification Log", {"for_user": staff.officer, "document_name": pledge.name}) == 1
	assert flag_overdue_instalments() == 0  # flagged and reminded once
	assert frappe.db.count("Notification Log", {"for_user": staff.officer, "document_name": pledge.name}) == 1


def test_fund_report_by_area_and_category_scoped_to_the_viewer(world, staff):
	from factories import grant_area

	pledge = make_sponsorship(world.child, world.sponsor)
	make_receipt(pledge.name, 1500)
	make_disbursement(world.child, 500)
	rows = fund({"year": 2026, "care_area": world.tree.district})[1]
	assert [
		(r["care_area"], r["children"], r["pledged"], r["received"], r["disbursed"], r["balance"])
		for r in rows
	] == [(world.tree.street1, 1, 3000.0, 1500.0, 500.0, 1000.0)]
	grant_area(staff.other_officer, world.tree.street2)
	frappe.set_user(staff.other_officer)
	assert fund({"year": 2026})[1] == []
	assert ledger({})[1] == []
	with pytest.raises(frappe.PermissionError):
		ledger({"child": world.child})


def year_figures_from_rows(children: list[str]) -> dict:
	"""{(child, year): [pledged, received, disbursed]} added up in Python from the raw records, row by
	row, as an auditor would: the reference the reports' subtotals are held to."""
	out: dict = {}

	def add(child, day, column, amount):
		out.setdefault((child, getdate(day).year), [0.0, 0.0, 0.0])[column] += flt(amount)

	pledges = frappe.get_all(
		"Child Sponsorship", {"child": ("in", children), "docstatus": 1}, ["name", "child"]
	)
	for p in pledges:
		for row in frappe.get_all(
			"Child Sponsorship Instalment",
			{"parent": p.name, "parenttype": "Child Sponsorship", "status": ("!=", "Waived")},
			["due_date", "amount"],
		):
			add(p.child, row.due_date, 0, row.amount)
	for r in frappe.get_all(
		"Sponsorship Receipt",
		{"child": ("in", children), "docstatus": 1},
		["child", "receipt_date", "amount"],
	):
		add(r.child, r.receipt_date, 1, r.amount)
	for d in frappe.get_all(
		"Sponsorship Disbursement",
		{"child": ("in", children), "docstatus": 1},
		["child", "disbursement_date", "amount"],
	):
		add(d.child, d.disbursement_date, 2, d.amount)
	return {k: [round(x, 2) for x in v] for k, v in out.items()}


def test_the_ledger_and_fund_equal_the_records_to_the_fen_after_receipts_cancels_and_ends(world):
	"""The reports read each child's yearly subtotals: after receipts, a cancelled receipt, a cancelled
	disbursement, a pledge ended early and pledges over three years, they equal the raw records to the
	fen, and so do the subtotals the migrate patch rebuilds from nothing."""
	from kidcare.sponsorship import subtotals

	other = make_sponsor(world.tree.street1)
	second = sponsored_child(world.tree.community12)
	a = make_sponsorship(world.child, world.sponsor, plan="Monthly", start_date="2025-07-01", term_years=2,
		annual_amount=2000.01)  # fmt: skip
	b = make_sponsorship(world.child, other, start_date="2026-01-01", annual_amount=999.99)
	c = make_sponsorship(second, world.sponsor, plan="Yearly", start_date="2025-03-01", term_years=3)
	make_receipt(a.name, 0.01, receipt_date="2025-08-01")
	make_receipt(a.name, 1234.56, receipt_date="2025-12-31").cancel()
	make_receipt(b.name, 499.99, receipt_date="2026-01-02")
	make_receipt(c.name, 3000, receipt_date="2025-03-01")
	make_receipt(c.name, 1000.5, receipt_date="2026-03-01")
	make_disbursement(world.child, 300.33, disbursement_date="2026-01-05")
	make_disbursement(second, 1000.01, disbursement_date="2025-06-01").cancel()
	make_disbursement(second, 2999.99, disbursement_date="2026-04-01")
	frappe.get_doc("Child Sponsorship", a.name).end("Other")
	children = [world.child, second]

	def check():
		expected = year_figures_from_rows(children)
		rows = ledger({"care_area": world.tree.district})[1]
		assert {
			(r["child"], r["year"]): [r["pledged"], r["received"], r["disbursed"]] for r in rows
		} == expected
		mine = [r for r in rows if r["child"] == world.child]
		assert [(r["year"], r["balance"]) for r in mine] == [(2025, 0.01), (2026, 199.67)]
		for year in (2025, 2026, 2027):
			this = {k: v for k, v in expected.items() if k[1] == year}
			upto = [v for k, v in expected.items() if k[1] <= year]
			want = (
				world.tree.street1,
				sum(1 for v in this.values() if v[0] > 0),
				round(sum(v[0] for v in this.values()), 2),
				round(sum(v[1] for v in this.values()), 2),
				round(sum(v[2] for v in this.values()), 2),
				round(sum(v[1] - v[2] for v in upto), 2),
			)
			got = fund({"year": year, "care_area": world.tree.district})[1]
			assert [(r["care_area"], r["children"], r["pledged"], r["received"], r["disbursed"], r["balance"])
				for r in got] == [want], year  # fmt: skip
		assert fund({"year": 2026, "care_area": world.tree.district})[1][0]["balance"] == 199.67 + 1000.51

	check()
	# a site that had the records before the subtotals existed: the patch fills them from nothing
	frappe.db.delete("Child Sponsorship Year", {"child": ("in", children)})
	assert ledger({"care_area": world.tree.district})[1] == []
	subtotals.rebuild(commit=False)
	check()


def test_an_exit_approved_in_the_workflow_ends_the_pledge_and_her_page_offers_another_child(world, staff):
	"""End to end: the guardian applies, the street verifies, the district approves (apply_workflow as each
	of them); the pledge ends, the sponsor is told, and her page offers children waiting (alias, age,
	area), never their names."""
	from factories import make_active_pairing, make_volunteer, scoped_staff
	from test_exit import act, apply_online, verified

	from kidcare.www import sponsor as page

	p = scoped_staff(staff, world.tree)
	guardian = make_user("Child Guardian")
	frappe.db.set_value("Child Profile", world.child, "guardian_user", guardian)
	make_active_pairing(world.child, make_volunteer(world.tree.community11).name)
	sponsor_user = make_user("KidCare Sponsor")
	frappe.db.set_value("User", sponsor_user, "user_type", "Website User")
	frappe.db.set_value("Care Sponsor", world.sponsor, "user", sponsor_user)
	waiting = sponsored_child(world.tree.community12, alias="小兰")
	pledge = make_sponsorship(world.child, world.sponsor, plan="Monthly")
	make_receipt(pledge.name, 250)

	name = apply_online(guardian, world.child)
	verified(p, name)
	act(p.approver, name, "Approve Exit", decision_notes="同意")
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Child Sponsorship", pledge.name, ["status", "end_reason"]) == (
		"Ended",
		"Child Exited",
	)
	assert frappe.db.count("Notification Log", {"for_user": sponsor_user, "document_name": pledge.name}) == 1

	frappe.set_user(sponsor_user)
	context = page.get_context(frappe._dict())
	assert [(s["name"], s["alias"], s["paid"]) for s in context.pledges] == [(pledge.name, "小明", 250.0)]
	assert "小兰" in [o["alias"] for o in context.offers]
	assert frappe.db.get_value("Child Profile", waiting, "full_name") not in str(context.offers)
	assert all(set(o) == {"alias", "age", "area"} for o in context.offers)
