"""Daily: overdue instalments flagged (set-based) and reminded once, to the sponsor's login and the
area's Street Officers, through Frappe's Notification Log."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from kidcare.rules import sponsorship as rules


def flag_overdue_instalments() -> int:
	"""Mark unpaid instalments past due as Overdue, refresh each pledge's overdue amount, and remind
	about the newly overdue ones. Four statements whatever the number of pledges. Returns how many
	instalments became overdue."""
	day = getdate(today())
	s = frappe.qb.DocType("Child Sponsorship")
	i = frappe.qb.DocType("Child Sponsorship Instalment")
	holding = frappe.qb.from_(s).select(s.name).where((s.docstatus == 1) & s.status.isin(rules.HOLDING))
	newly = (
		frappe.qb.from_(i)
		.select(i.name, i.parent)
		.where(
			(i.parenttype == "Child Sponsorship")
			& (i.due_date < day)
			& (i.paid_amount < i.amount)
			& (i.status != rules.OVERDUE)
			& i.parent.isin(holding)
		)
		.run(as_dict=True)
	)
	if newly:
		frappe.qb.update(i).set(i.status, rules.OVERDUE).where(i.name.isin([r.name for r in newly])).run()
	# each holding pledge's overdue amount, in one statement
	frappe.db.sql(
		"""update `tabChild Sponsorship` s
		left join (
			select parent, sum(amount - paid_amount) as due from `tabChild Sponsorship Instalment`
			where parenttype = 'Child Sponsorship' and status = %(overdue)s group by parent
		) o on o.parent = s.name
		set s.overdue_amount = coalesce(o.due, 0)
		where s.docstatus = 1 and s.status in %(holding)s""",
		{"overdue": rules.OVERDUE, "holding": rules.HOLDING},
	)
	remind({r.parent for r in newly}, day)
	return len(newly)


def remind(sponsorships: set[str], day):
	if not sponsorships:
		return
	from frappe.desk.doctype.notification_log.notification_log import make_notification_logs

	from kidcare.notify import staff_by_area

	s = frappe.qb.DocType("Child Sponsorship")
	sp = frappe.qb.DocType("Care Sponsor")
	rows = (
		frappe.qb.from_(s)
		.join(sp)
		.on(sp.name == s.sponsor)
		.select(s.name, s.child_alias, s.care_area, s.overdue_amount, sp.user)
		.where(s.name.isin(list(sponsorships)))
		.run(as_dict=True)
	)
	officers = staff_by_area("Street Officer")
	for r in rows:
		subject = _("Sponsorship {0} for {1} has {2} overdue.").format(
			r.name, r.child_alias or "", frappe.format_value(r.overdue_amount, {"fieldtype": "Currency"})
		)
		users = [*officers.get(r.care_area, ()), *([r.user] if r.user else [])]
		if users:
			make_notification_logs(
				{
					"type": "Alert",
					"document_type": "Child Sponsorship",
					"document_name": r.name,
					"subject": subject,
				},
				users,
			)
	i = frappe.qb.DocType("Child Sponsorship Instalment")
	frappe.qb.update(i).set(i.reminded_on, day).where(
		i.parent.isin(list(sponsorships)) & (i.status == rules.OVERDUE) & i.reminded_on.isnull()
	).run()
