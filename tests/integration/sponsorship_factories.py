"""Records for the sponsorship tests (issue #15): a sponsor, a pledge, receipts, disbursements."""

import frappe
from factories import make_waiting_child, unique


def make_sponsor(care_area: str, **values) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Care Sponsor",
				"sponsor_name": values.pop("sponsor_name", None) or unique("测试爱心企业"),
				"sponsor_type": "Organisation",
				"care_area": care_area,
				**values,
			}
		)
		.insert()
		.name
	)


def make_sponsorship(child: str, sponsor: str, submit: bool = True, **values):
	doc = frappe.get_doc(
		{
			"doctype": "Child Sponsorship",
			"child": child,
			"sponsor": sponsor,
			"start_date": values.pop("start_date", "2026-01-01"),
			"plan": values.pop("plan", "Half-yearly"),
			**values,
		}
	).insert()
	if submit:
		doc.submit()
	return doc


def make_receipt(sponsorship: str, amount, submit: bool = True, **values):
	doc = frappe.get_doc(
		{
			"doctype": "Sponsorship Receipt",
			"sponsorship": sponsorship,
			"amount": amount,
			"receipt_date": "2026-02-01",
			**values,
		}
	).insert()
	if submit:
		doc.submit()
	return doc


def evidence_file() -> str:
	return (
		frappe.get_doc(
			{"doctype": "File", "file_name": f"{unique('receipt')}.txt", "content": "签收单", "is_private": 1}
		)
		.insert(ignore_permissions=True)
		.file_url
	)


def make_disbursement(child: str, amount, submit: bool = True, **values):
	doc = frappe.get_doc(
		{
			"doctype": "Sponsorship Disbursement",
			"child": child,
			"amount": amount,
			"kind": "Money",
			"disbursement_date": "2026-03-01",
			"received_by": "测试监护人",
			"receiver_relation": "祖母",
			"evidence": values.pop("evidence", None) or evidence_file(),
			**values,
		}
	).insert()
	if submit:
		doc.submit()
	return doc


def sponsored_child(community: str, **values) -> str:
	return make_waiting_child(community, categories=[{"category": "Parent Imprisoned"}], **values)
