"""ERPNext's books beside kidcare's own ledger. When ERPNext is installed and KidCare Settings name a
company and its accounts, a submitted receipt posts a Journal Entry (bank debit, sponsorship fund
credit) and a disbursement the reverse; cancelling either cancels its entry. The mapping is kept in
plain Data fields validated here, never Links to ERPNext doctypes, so a site without ERPNext loads the
same settings form. Without ERPNext or a mapping nothing is posted and no ERPNext doctype is touched."""

import frappe
from frappe import _
from frappe.utils import flt

FIELDS = (
	"accounting_company",
	"accounting_bank_account",
	"accounting_fund_account",
	"accounting_cost_center",
)


def has_erpnext() -> bool:
	return "erpnext" in frappe.get_installed_apps()


def mapping() -> frappe._dict | None:
	"""The accounts to post to, or None when nothing is to be posted."""
	if not has_erpnext():
		return None
	settings = frappe.get_cached_doc("KidCare Settings")
	if not settings.accounting_company:
		return None
	return frappe._dict({f: settings.get(f) for f in FIELDS})


def validate_settings(doc, method=None):
	"""doc_events KidCare Settings validate: the mapping names a company and accounts that exist."""
	if not doc.accounting_company:
		if any(doc.get(f) for f in FIELDS):
			frappe.throw(_("Set the accounting company first: the accounts belong to it."))
		return
	if not has_erpnext():
		frappe.throw(_("ERPNext is not installed on this site: leave the sponsorship accounting empty."))
	if not frappe.db.exists("Company", doc.accounting_company):
		frappe.throw(_("There is no company named {0}.").format(frappe.bold(doc.accounting_company)))
	for fieldname in ("accounting_bank_account", "accounting_fund_account"):
		account = doc.get(fieldname)
		label = _(doc.meta.get_label(fieldname), context="KidCare Settings")
		if not account:
			frappe.throw(_("{0} is required when an accounting company is set.").format(label))
		row = frappe.db.get_value("Account", account, ["company", "is_group", "disabled"], as_dict=True)
		if not row or row.company != doc.accounting_company:
			frappe.throw(
				_("{0}: {1} is not an account of {2}.").format(
					label, frappe.bold(account), doc.accounting_company
				)
			)
		if row.is_group or row.disabled:
			frappe.throw(_("{0}: {1} is a group or disabled account.").format(label, frappe.bold(account)))
	if (
		doc.accounting_cost_center
		and frappe.db.get_value("Cost Center", doc.accounting_cost_center, "company")
		!= doc.accounting_company
	):
		frappe.throw(
			_("{0} is not a cost center of {1}.").format(
				frappe.bold(doc.accounting_cost_center), doc.accounting_company
			)
		)


def post(doc, posting_date, debit_field: str, credit_field: str, remark: str):
	"""A balanced, submitted Journal Entry for ``doc``'s amount; its name is kept on ``doc``."""
	m = mapping()
	if not m:
		return None
	amount = flt(doc.amount, doc.precision("amount"))
	cost_center = m.accounting_cost_center or frappe.get_cached_value(
		"Company", m.accounting_company, "cost_center"
	)
	entry = frappe.get_doc(
		{
			"doctype": "Journal Entry",
			"voucher_type": "Journal Entry",
			"company": m.accounting_company,
			"posting_date": posting_date,
			"user_remark": remark,
			"accounts": [
				{"account": m[debit_field], "debit_in_account_currency": amount, "cost_center": cost_center},
				{
					"account": m[credit_field],
					"credit_in_account_currency": amount,
					"cost_center": cost_center,
				},
			],
		}
	)
	entry.flags.ignore_permissions = True  # the receipt's submitter need not be an accountant
	entry.insert()
	entry.submit()
	doc.db_set("journal_entry", entry.name, update_modified=False)
	return entry.name


def cancel(doc):
	if not doc.journal_entry or not has_erpnext():
		return
	entry = frappe.get_doc("Journal Entry", doc.journal_entry)
	if entry.docstatus == 1:
		entry.flags.ignore_permissions = True
		entry.cancel()


def post_receipt(doc):
	return post(
		doc,
		doc.receipt_date,
		"accounting_bank_account",
		"accounting_fund_account",
		_("Sponsorship receipt {0} from {1}").format(doc.name, doc.sponsor_name),
	)


def post_disbursement(doc):
	return post(
		doc,
		doc.disbursement_date,
		"accounting_fund_account",
		"accounting_bank_account",
		_("Sponsorship disbursement {0}").format(doc.name),
	)
