"""Scheduler jobs (hooks.scheduler_events)."""

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Count, Sum
from frappe.utils import getdate, now, today
from pypika.terms import ValueWrapper

from kidcare import rollup
from kidcare.notify import staff_by_area
from kidcare.rules import child as child_rules
from kidcare.rules import compliance
from kidcare.tally import MONTH, tally
from kidcare.workflow.steps import settle


def mark_aged_out() -> int:
	"""Daily: children who turned 18 leave the program as Aged Out, their living pairing ended, and
	their open enrollment or exit request closed as not pursued (nobody is left to act on it). Each
	child in its own savepoint: one whose records are broken is logged (Error Log) and skipped, the
	others age out. Returns how many did."""
	cutoff = child_rules.born_on_or_before_for_adults(getdate(today()))
	names = frappe.get_all(
		"Child Profile",
		filters={"date_of_birth": ("<=", cutoff), "status": ("not in", child_rules.FINAL)},
		pluck="name",
	)
	# few children turn 18 on any one day: each goes through the documents' own API
	reason = _("Turned 18 and aged out of the program.")
	aged = []
	for name in names:
		frappe.db.savepoint("kidcare_aged_out")
		try:
			child = frappe.get_doc("Child Profile", name)
			if child.current_pairing:
				frappe.get_doc("Care Pairing", child.current_pairing).end(
					reason, child_status=child_rules.AGED_OUT
				)
			frappe.get_doc("Child Profile", name).move_to(child_rules.AGED_OUT, reason)
			aged.append(name)
		except Exception:
			frappe.db.rollback(save_point="kidcare_aged_out")
			frappe.log_error(
				title=_("Could not age out {0}").format(name),
				reference_doctype="Child Profile",
				reference_name=name,
			)
	for doctype in ("Child Enrollment", "Exit Request"):
		if aged:
			settle(doctype, {"child": ("in", aged)}, "Rejected", reason)
	return len(aged)


def create_monthly_reviews(period=None, chunk_size: int = 20000) -> int:
	"""One Monthly Review per pairing living through the month (``period``, default: the month whose creation
	day has come), with its contacts counted and compliance set. Idempotent: a review's name is its
	pairing and month, and existing ones are left alone. Returns how many were created.

	Set-based at any size: one anti-join on the (period, pairing) index finds the pairings still without this
	month's review (so a rerun reads no contact), then one INSERT IGNORE ... SELECT per ``chunk_size`` of
	them takes their contacts and minutes from the month's tally row (kidcare/tally.py: one primary-key
	lookup per pairing, no grouping of contacts) and writes the reviews inside MariaDB.
	Run by the scheduler (daily_long: the long queue), each chunk is committed and its progress published,
	so a province's 100,000 pairings never hold one long transaction."""
	from frappe.query_builder import Case
	from frappe.query_builder.functions import Concat, IfNull

	settings = frappe.get_cached_doc("KidCare Settings")
	day = getdate(today())
	if period:
		period = compliance.month_start(getdate(period))
	elif day.day >= settings.review_creation_day:
		period = compliance.month_start(day)
	else:
		period = compliance.previous_month(day)
	first, last = compliance.month_start(period), compliance.month_end(period)
	suffix = f"-{period:%Y%m}"

	pairing = frappe.qb.DocType("Care Pairing")
	volunteer = frappe.qb.DocType("Care Volunteer")
	review = frappe.qb.DocType("Monthly Review")
	living = (
		(pairing.docstatus == 1)
		& (pairing.start_date <= last)
		# a pairing that ended within or before the month gets no review: its exit closed it
		& ((pairing.status == "Active") | ((pairing.status == "Ended") & (pairing.end_date > last)))
	)
	# the pairings without the month's review: one anti-join on the (period, pairing) index, so a rerun that
	# finds every review made reads the pairings' names from their index and one review key per pairing
	waiting = (
		frappe.qb.from_(pairing)
		.left_join(review)
		.on((review.period == first) & (review.pairing == pairing.name))
		.select(pairing.name)
		.where(living & review.name.isnull())
		.orderby(pairing.name)
		.run(pluck=True)
	)
	if not waiting:
		return 0

	state, status = first_workflow_state("Monthly Review")
	due = compliance.review_due(first, settings.review_due_days)
	stamp = now()
	minimum = max(int(settings.min_contacts_per_month or 0), 0)
	month_row = tally()
	contacts = Coalesce(month_row.contacts, 0)
	fields = (
		"name", "creation", "modified", "owner", "modified_by", "docstatus", "pairing", "child", "child_name", "title",
		"volunteer", "volunteer_user", "care_area", "period", "due_date", "status", "workflow_state", "contacts_count",
		"contact_minutes", "compliance",
	)  # fmt: skip
	# fmt: off
	values = (
		Concat(pairing.name, suffix), *map(ValueWrapper, (stamp, stamp, "Administrator", "Administrator", 0)),
		pairing.name, pairing.child, pairing.child_name,
		Concat(IfNull(pairing.child_name, ""), compliance.review_title("", first)),
		pairing.volunteer, volunteer.user, pairing.care_area, *map(ValueWrapper, (first, due, status, state)),
		contacts, Coalesce(month_row.minutes, 0),
		Case().when(contacts >= minimum, compliance.MET).else_(compliance.NOT_MET),
	)
	# fmt: on
	in_job = bool(getattr(frappe.local, "job", None))
	created = 0
	for start in range(0, len(waiting), chunk_size):
		chunk = waiting[start : start + chunk_size]
		select = (
			frappe.qb.from_(pairing)
			.left_join(volunteer)
			.on(volunteer.name == pairing.volunteer)
			.left_join(month_row)
			.on((month_row.pairing == pairing.name) & (month_row.span == MONTH) & (month_row.period == first))
			.select(*values)
			.where(living & pairing.name.isin(chunk))
		)
		columns = ", ".join(f"`{f}`" for f in fields)
		# the rows it made (MariaDB's RETURNING: only those inserted) go to the areas' counts (kidcare/rollup.py)
		made = frappe.db.sql(
			f"insert ignore into `tabMonthly Review` ({columns}) {select.get_sql()} returning {rollup.RETURNED}"
		)
		created += len(made)
		rollup.reviews_inserted(made)
		if in_job:
			frappe.db.commit()
			frappe.publish_progress(
				100 * min(start + chunk_size, len(waiting)) / len(waiting),
				title=_("Creating monthly reviews"),
				description=_("{0} of {1} pairings").format(
					min(start + chunk_size, len(waiting)), len(waiting)
				),
			)
	return created


def first_workflow_state(doctype: str) -> tuple[str | None, str]:
	"""The state a new document enters and the status that state sets, read from the active workflow
	(whatever an administrator has named it)."""
	from frappe.model.workflow import get_workflow, get_workflow_name

	if not get_workflow_name(doctype):
		return None, "Open"
	first = get_workflow(doctype).states[0]
	return first.state, (first.update_value if first.update_field == "status" else None) or "Open"


def send_reminders() -> int:
	"""Daily reminders, each item once per review and person, worded in her own language:

	- the volunteer, from the review creation day, when the month has no contact yet;
	- the volunteer, in the two days before a review falls due, while it waits for her report;
	- the Street Officers of the area, once a review is past due.

	Each person gets ONE bell entry (Notification Log) a day for all her new items: its subject the item
	itself when there is one (linking that review), else how many there are (linking her open reviews:
	the volunteer's app, the staff's review list), the items listed in its content, each marked with its
	key so that no item is told twice. The same items go out as one digest by e-mail and SMS when the
	site has them (kidcare/digest.py). Three queries find the reviews, one finds what was already sent.
	Returns how many items were sent."""
	import re

	from frappe.translate import print_language
	from frappe.utils import add_days, escape_html

	from kidcare.digest import send_digests

	day = getdate(today())
	settings = frappe.get_cached_doc("KidCare Settings")
	review = frappe.qb.DocType("Monthly Review")
	fields = (review.name, review.care_area, review.child_name, review.period, review.volunteer_user)
	open_review = (review.docstatus == 0) & review.status.isin(("Open", "Returned"))
	wanted: list[tuple[str, str, str, tuple]] = []  # (review, user, message, its arguments)
	oldest = day  # the oldest period among the items: none of them was told before it

	if day.day >= settings.review_creation_day:
		for r in (
			frappe.qb.from_(review).select(*fields)
			.where(open_review & (review.period == compliance.month_start(day)) & (review.contacts_count == 0))
			.run(as_dict=True)
		):  # fmt: skip
			if r.volunteer_user:
				wanted.append((r.name, r.volunteer_user, NO_CONTACT_YET, (r.child_name,)))
				oldest = min(oldest, getdate(r.period))
	for r in (
		frappe.qb.from_(review).select(*fields)
		.where(open_review & (review.due_date >= day) & (review.due_date <= add_days(day, 2)))
		.run(as_dict=True)
	):  # fmt: skip
		if r.volunteer_user:
			wanted.append(
				(r.name, r.volunteer_user, DUE_SOON, (r.child_name, getdate(r.period).strftime("%Y-%m")))
			)
			oldest = min(oldest, getdate(r.period))
	overdue = (
		frappe.qb.from_(review)
		.select(*fields)
		.where(
			(review.docstatus == 0)
			& review.status.isin(("Open", "Returned", "Submitted"))
			& (review.due_date < day)
		)
		.run(as_dict=True)
	)
	if overdue:
		officers = staff_by_area("Street Officer")
		for r in overdue:
			args = (r.child_name, getdate(r.period).strftime("%Y-%m"))
			wanted.extend((r.name, user, OVERDUE, args) for user in officers.get(r.care_area, ()))
			oldest = min(oldest, getdate(r.period))
	if not wanted:
		return 0

	default = frappe.db.get_default("lang") or "en"
	users = frappe.get_all(
		"User",
		filters={"name": ("in", list({w[1] for w in wanted})), "enabled": 1},
		fields=["name", "language", "user_type"],
	)
	language = {u.name: u.language or default for u in users}
	website = {u.name for u in users if u.user_type != "System User"}
	# what each was told before: the item keys of her reminder entries since the oldest item's month
	log = frappe.qb.DocType("Notification Log")
	already = {
		(user, key)
		for user, content in frappe.qb.from_(log)
		.select(log.for_user, log.email_content)
		.where(
			log.for_user.isin(list(language))
			& (log.document_type == "Monthly Review")
			& (log.creation >= oldest)
			& log.email_content.like(f"%{ITEM_KEY}%")
		)
		.run()
		for key in re.findall(f'{ITEM_KEY}="([^"]+)"', content or "")
	}
	items: dict[str, list[tuple[str, str, str]]] = {}  # user -> (key, review, words)
	for name, user, message, args in wanted:
		key = f"{name}|{MESSAGE_KEYS[message]}"
		if user not in language or (user, key) in already:
			continue  # disabled, or told before
		already.add((user, key))
		with print_language(language[user]):
			items.setdefault(user, []).append((key, name, _(message).format(*args)))

	for user, lines in items.items():
		with print_language(language[user]):
			subject = (
				lines[0][2]
				if len(lines) == 1
				else _("KidCare: {0} things waiting for you").format(len(lines))
			)
		content = "<ul>" + "".join(
			f'<li {ITEM_KEY}="{escape_html(key)}">{escape_html(words)}</li>' for key, _name, words in lines
		) + "</ul>"  # fmt: skip
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"type": "Alert",
				"subject": subject,
				"email_content": content,
				"document_type": "Monthly Review",
				"document_name": lines[0][1] if len(lines) == 1 else None,
				"link": None if len(lines) == 1 else ("/kidcare" if user in website else OPEN_REVIEWS),
			}
		).insert(ignore_permissions=True)
	send_digests({user: [words for _key, _name, words in lines] for user, lines in items.items()})
	return sum(map(len, items.values()))


# the reminders' words (translated in each recipient's language when sent)
NO_CONTACT_YET = "No contact with {0} yet this month: please visit or call before the month ends."
DUE_SOON = "The monthly review of {0} for {1} is due soon."
OVERDUE = "The monthly review of {0} for {1} is overdue."
MESSAGE_KEYS = {NO_CONTACT_YET: "no-contact", DUE_SOON: "due-soon", OVERDUE: "overdue"}
# a reminder entry's items carry their key (review|kind) in this attribute: what was told is not told again
ITEM_KEY = "data-kidcare-item"
# where a staff member's entry of several items leads: the reviews still waiting
OPEN_REVIEWS = "/app/monthly-review?docstatus=0"
