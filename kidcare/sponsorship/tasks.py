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
	"""The area's Street Officers and each pledge's sponsor are told of pledges newly overdue: one bell entry
	per person for the day (the pledge itself when there is one, else how many, listed in the entry), in
	her own language, and the same items by e-mail and SMS when the site has them (kidcare/digest.py). An
	officer with no area, who hears of every area, gets one entry, not one per pledge."""
	if not sponsorships:
		return
	from frappe.translate import print_language
	from frappe.utils import escape_html

	from kidcare.digest import send_digests
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
	items: dict[str, list] = {}
	for r in rows:
		for user in {*officers.get(r.care_area, ()), *([r.user] if r.user else [])}:
			items.setdefault(user, []).append(r)
	default = frappe.db.get_default("lang") or "en"
	people = {
		u.name: u
		for u in frappe.get_all(
			"User",
			filters={"name": ("in", list(items) or [""]), "enabled": 1},
			fields=["name", "language", "user_type"],
		)
	}
	digests: dict[str, list[str]] = {}
	for user, pledges in items.items():
		if user not in people:
			continue
		with print_language(people[user].language or default):
			lines = [
				_("Sponsorship {0} for {1} has {2} overdue.").format(
					r.name,
					r.child_alias or "",
					frappe.format_value(r.overdue_amount, {"fieldtype": "Currency"}),
				)
				for r in pledges
			]
			subject = (
				lines[0]
				if len(lines) == 1
				else _("{0} sponsorships have instalments overdue.").format(len(lines))
			)
		website = people[user].user_type != "System User"
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"type": "Alert",
				"subject": subject,
				"email_content": "<ul>"
				+ "".join(f"<li>{escape_html(line)}</li>" for line in lines)
				+ "</ul>",
				"document_type": "Child Sponsorship",
				"document_name": pledges[0].name if len(pledges) == 1 else None,
				"link": None if len(pledges) == 1 else ("/sponsor" if website else "/app/child-sponsorship"),
			}
		).insert(ignore_permissions=True)
		digests[user] = lines
	send_digests(digests)
	i = frappe.qb.DocType("Child Sponsorship Instalment")
	frappe.qb.update(i).set(i.reminded_on, day).where(
		i.parent.isin(list(sponsorships)) & (i.status == rules.OVERDUE) & i.reminded_on.isnull()
	).run()
