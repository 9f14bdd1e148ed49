"""A meeting's action items live on as Frappe assignments (ToDo) of their owners until closed, and show
at the next meetings of the same area while they stay open.

- Each open item with an owner gets a ToDo of hers (reference: the meeting), due on the item's date;
  she is told once. Closing the ToDo (from her list or the item's Done box) closes the item everywhere
  it shows; the item's owner must be someone who may read the meeting (the ToDo carries its text).
- A new meeting of an area starts with the open items of its earlier meetings, marked as carried from
  where they were agreed and sharing their ToDo.
- The daily reminders tell an owner of her items due tomorrow or overdue (once per item and day kind).
"""

import frappe
import frappe.translate
from frappe import _
from frappe.utils import add_days, getdate, today

from kidcare.notify import notify

DOCTYPE = "Review Meeting"


def carry_open_items(meeting):
	"""On a new meeting: the open items of the area's earlier meetings, once each (by their ToDo)."""
	item = frappe.qb.DocType("Care Meeting Action Item")
	earlier = frappe.qb.DocType(DOCTYPE)
	rows = (
		frappe.qb.from_(item)
		.join(earlier)
		.on((earlier.name == item.parent) & (item.parenttype == DOCTYPE))
		.select(item.action, item.owner_user, item.due_date, item.todo, item.carried_from, item.parent)
		.where((earlier.care_area == meeting.care_area) & (item.done == 0) & item.todo.isnotnull())
		.orderby(earlier.meeting_date)
		.run(as_dict=True)
	)
	have = {row.todo for row in meeting.action_items if row.todo}
	for row in rows:
		if row.todo in have:
			continue
		have.add(row.todo)
		meeting.append(
			"action_items",
			{
				"action": row.action,
				"owner_user": row.owner_user,
				"due_date": row.due_date,
				"todo": row.todo,
				"carried_from": row.carried_from or row.parent,
			},
		)


def validate_items(meeting):
	"""An item's owner reads the meeting (her ToDo carries its text); a row's ToDo and origin are the
	app's: one that is not an assignment of this area's meetings is dropped, as a forged request's."""
	for row in meeting.action_items:
		if row.owner_user and not frappe.has_permission(DOCTYPE, "read", meeting, user=row.owner_user):
			frappe.throw(
				_("{0} cannot see this meeting: give the action item to someone of its area.").format(
					frappe.bold(row.owner_user)
				),
				title=_("Invalid Meeting"),
			)
	todos = {row.todo for row in meeting.action_items if row.todo}
	if not todos:
		return
	todo = frappe.qb.DocType("ToDo")
	earlier = frappe.qb.DocType(DOCTYPE)
	ours = set(
		frappe.qb.from_(todo)
		.left_join(earlier)
		.on(earlier.name == todo.reference_name)
		.select(todo.name)
		.where(
			todo.name.isin(todos)
			& (todo.reference_type == DOCTYPE)
			& ((todo.reference_name == meeting.name) | (earlier.care_area == meeting.care_area))
		)
		.run(pluck=True)
	)
	for row in meeting.action_items:
		if row.todo and row.todo not in ours:
			row.todo = row.carried_from = None


def sync_assignments(meeting):
	"""After a save: a ToDo for each open owned item without one; the ToDo of a done item closed."""
	made = []
	for row in meeting.action_items:
		if row.owner_user and not row.todo and not row.done:
			todo = frappe.get_doc(
				{
					"doctype": "ToDo",
					"allocated_to": row.owner_user,
					"assigned_by": frappe.session.user,
					"reference_type": DOCTYPE,
					"reference_name": meeting.name,
					"description": row.action,
					"date": row.due_date,
					"priority": "Medium",
				}
			).insert(ignore_permissions=True)
			row.db_set("todo", todo.name, update_modified=False)
			made.append(row)
		elif row.todo and row.done:
			close_todo(row.todo)
	for row in made:
		notify(
			[row.owner_user],
			lambda row=row: _("An action item of the meeting of {0} is yours: {1}").format(
				meeting.meeting_date or "", row.action
			),
			DOCTYPE,
			meeting.name,
		)


def close_todo(name: str):
	if frappe.db.get_value("ToDo", name, "status") == "Open":
		todo = frappe.get_doc("ToDo", name)
		todo.status = "Closed"
		todo.save(ignore_permissions=True)


def todo_changed(todo, method=None):
	"""ToDo on_update: closing a meeting's assignment marks its item done wherever it shows."""
	if todo.reference_type != DOCTYPE or todo.status != "Closed":
		return
	item = frappe.qb.DocType("Care Meeting Action Item")
	frappe.qb.update(item).set(item.done, 1).where((item.todo == todo.name) & (item.done == 0)).run()


def remind_action_items() -> int:
	"""Daily: each owner of an open item due tomorrow or overdue is told, once per item and kind."""
	day = getdate(today())
	todo = frappe.qb.DocType("ToDo")
	rows = (
		frappe.qb.from_(todo)
		.select(todo.name, todo.allocated_to, todo.description, todo.date, todo.reference_name)
		.where(
			(todo.reference_type == DOCTYPE)
			& (todo.status == "Open")
			& todo.date.isnotnull()
			& (todo.date <= add_days(day, 1))
		)
		.run(as_dict=True)
	)
	log = frappe.qb.DocType("Notification Log")
	told = set(
		frappe.qb.from_(log)
		.select(log.for_user, log.subject)
		.where(
			(log.document_type == DOCTYPE) & log.document_name.isin({r.reference_name for r in rows} or {""})
		)
		.run()
	)
	sent = 0
	for r in rows:
		overdue = getdate(r.date) < day

		def subject(r=r, overdue=overdue):
			if overdue:
				return _("Meeting action item overdue since {0}: {1}").format(r.date, r.description)
			return _("Meeting action item due {0}: {1}").format(r.date, r.description)

		language = frappe.db.get_value("User", r.allocated_to, "language") or frappe.db.get_default("lang")
		with frappe.translate.print_language(language or "en"):
			text = subject()
		if (r.allocated_to, text) in told:
			continue
		notify([r.allocated_to], subject, DOCTYPE, r.reference_name)
		told.add((r.allocated_to, text))
		sent += 1
	return sent
