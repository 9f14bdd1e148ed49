"""What a volunteer sees on her phone: one call for the home screen."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum
from frappe.utils import getdate, strip_html, today

from kidcare.rules import compliance
from kidcare.rules.child import age_on
from kidcare.volunteer_app import current_volunteer
from kidcare.volunteer_app.demands import demands_of

#: what the app shows of a child: never the sensitive fields (ID number, address, guardian's phone, ...)
CHILD_FIELDS = ["name", "full_name", "alias", "gender", "date_of_birth", "care_area"]
REVIEW_FIELDS = ["name", "pairing", "period", "due_date", "status", "contacts_count", "contact_minutes",
	"compliance", "volunteer_report", "problems", "reviewer_comments", "workflow_state", "docstatus"]  # fmt: skip
REMINDERS, MEETINGS = 20, 5


@frappe.whitelist()
def get_home() -> dict:
	"""Her children with this month and this year at a glance, her open reviews, her reminders and the
	coming meetings of her street. A fixed number of set-based queries, whatever the number of children."""
	volunteer = current_volunteer()
	day = getdate(today())
	settings = frappe.get_cached_doc("KidCare Settings")
	pairings = frappe.get_list(
		"Care Pairing",
		filters={"volunteer": volunteer.name, "docstatus": 1, "status": "Active"},
		fields=["name", "child", "start_date"],
		order_by="start_date asc",
	)
	names = [p.name for p in pairings]
	child_of = {p.name: p.child for p in pairings}
	children = {
		c.name: c
		for c in frappe.get_list("Child Profile", filters={"name": ("in", [p.child for p in pairings] or ["-"])}, fields=CHILD_FIELDS)
	}  # fmt: skip
	areas = area_names({c.care_area for c in children.values()} | {volunteer.care_area})
	needs, interests = child_rows(list(children))
	demands = demands_of(list(children))
	month = month_figures(names, day)
	year = year_progress(names, day.year)
	reviews = open_reviews(names)
	exits = frappe.get_list(
		"Exit Request",
		filters={"pairing": ("in", names or ["-"]), "docstatus": 0},
		fields=["name", "pairing", "status"],
	)
	this_month = compliance.month_start(day)
	targets = {
		"home_visits": settings.home_visits_per_year,
		"hours": settings.home_visit_hours_per_year,
		"memorable_activities": settings.memorable_activities_per_year,
		"contacts_per_month": settings.min_contacts_per_month,
	}
	result = []
	for p in pairings:
		child = children.get(p.child)
		if not child:
			continue
		count, minutes = month.get(p.name, (0, 0))
		current = next((r for r in reviews if r.pairing == p.name and getdate(r.period) == this_month), None)
		progress = year.get(p.name) or compliance.YearProgress()
		result.append(
			{
				"pairing": p.name,
				"child": child.name,
				"name": child.alias or child.full_name,
				"gender": _(child.gender, context="Child Profile") if child.gender else "",
				"age": age_on(getdate(child.date_of_birth), day) if child.date_of_birth else None,
				"community": areas.get(child.care_area, child.care_area),
				"needs": needs.get(child.name, []),
				"interests": interests.get(child.name, []),
				"demands": demands.get(child.name, []),
				"start_date": str(p.start_date),
				"month": {
					"contacts": count,
					"minutes": minutes,
					"met": compliance.month_compliance(count, settings.min_contacts_per_month)
					== compliance.MET,
					"due_date": str(
						current.due_date
						if current
						else compliance.review_due(this_month, settings.review_due_days)
					),
					"review": current.name if current else None,
				},
				"year": {
					"home_visits": progress.home_visits,
					"hours": progress.hours,
					"memorable_activities": progress.memorable_activities,
				},
				"exit_request": next(
					(
						{"name": e.name, "status": _(e.status, context="Exit Request")}
						for e in exits
						if e.pairing == p.name
					),
					None,
				),
			}
		)
	return {
		"volunteer": {"name": volunteer.name, "full_name": volunteer.full_name},
		"today": str(day),
		"targets": targets,
		"children": result,
		"reviews": [review_dict(r, children.get(child_of[r.pairing])) for r in reviews],
		"reminders": reminders(),
		"meetings": meetings(volunteer.care_area, day, areas),
		"options": options(),
	}


def area_names(names: set) -> dict:
	names = [n for n in names if n]
	return dict(
		frappe.get_all(
			"Care Area",
			filters={"name": ("in", names or ["-"])},
			fields=["name", "care_area_name"],
			as_list=True,
		)
	)


def child_rows(children: list[str]) -> tuple[dict, dict]:
	"""Each child's needs (with their area) and interests: two queries for all her children."""
	needs, interests = {}, {}
	if not children:
		return needs, interests
	need = frappe.qb.DocType("Child Need")
	master = frappe.qb.DocType("Care Need")
	for parent, care_need, need_area, priority in (
		frappe.qb.from_(need).left_join(master).on(master.name == need.care_need)
		.select(need.parent, need.care_need, master.need_area, need.priority)
		.where((need.parenttype == "Child Profile") & (need.parentfield == "needs") & need.parent.isin(children))
		.orderby(need.idx).run()
	):  # fmt: skip
		needs.setdefault(parent, []).append(
			{
				"need": care_need,
				"area": _(need_area, context="Care Need") if need_area else "",
				"priority": _(priority, context="Child Need") if priority else "",
			}
		)
	interest = frappe.qb.DocType("Child Interest")
	for parent, skill in (
		frappe.qb.from_(interest).select(interest.parent, interest.care_skill)
		.where((interest.parenttype == "Child Profile") & interest.parent.isin(children))
		.orderby(interest.idx).run()
	):  # fmt: skip
		interests.setdefault(parent, []).append(skill)
	return needs, interests


def month_figures(pairings: list[str], day) -> dict:
	"""pairing -> (contacts, minutes) this month, in one query."""
	if not pairings:
		return {}
	contact = frappe.qb.DocType("Care Contact")
	rows = (
		frappe.qb.from_(contact)
		.select(contact.pairing, Count(contact.name), Sum(contact.duration_minutes))
		.where(
			contact.pairing.isin(pairings)
			& (contact.contact_date >= compliance.month_start(day))
			& (contact.contact_date <= compliance.month_end(day))
		)
		.groupby(contact.pairing)
		.run()
	)
	return {pairing: (count, int(minutes or 0)) for pairing, count, minutes in rows}


def year_progress(pairings: list[str], year: int) -> dict:
	"""pairing -> compliance.YearProgress of ``year``, in one query."""
	if not pairings:
		return {}
	contact = frappe.qb.DocType("Care Contact")
	progress: dict[str, compliance.YearProgress] = {}
	for pairing, contact_type, count, minutes in (
		frappe.qb.from_(contact)
		.select(contact.pairing, contact.contact_type, Count(contact.name), Sum(contact.duration_minutes))
		.where(contact.pairing.isin(pairings) & (contact.contact_date[f"{year}-01-01":f"{year}-12-31"]))
		.groupby(contact.pairing, contact.contact_type)
		.run()
	):  # fmt: skip
		p = progress.setdefault(pairing, compliance.YearProgress())
		p.home_visits += count if contact_type == compliance.HOME_VISIT else 0
		p.memorable_activities += count if contact_type in compliance.MEMORABLE else 0
		p.minutes += max(int(minutes or 0), 0)
	return progress


def open_reviews(pairings: list[str]) -> list:
	"""Her reviews still open (not yet approved by the street), newest month first."""
	if not pairings:
		return []
	return frappe.get_list(
		"Monthly Review",
		filters={"pairing": ("in", pairings), "docstatus": 0},
		fields=REVIEW_FIELDS,
		order_by="period desc",
	)


def review_dict(review, child) -> dict:
	from kidcare.volunteer_app.reviews import can_submit

	return {
		"name": review.name,
		"pairing": review.pairing,
		"child_name": (child.alias or child.full_name) if child else "",
		"period": str(review.period)[:7],
		"due_date": str(review.due_date),
		"status": review.status,
		"status_label": _(review.status, context="Monthly Review"),
		"contacts": review.contacts_count,
		"minutes": review.contact_minutes,
		"met": review.compliance == compliance.MET,
		"volunteer_report": review.volunteer_report or "",
		"problems": review.problems or "",
		"reviewer_comments": review.reviewer_comments or "",
		"can_submit": can_submit(review),
	}


def reminders() -> list[dict]:
	"""Her latest notifications (Frappe's Notification Log, the desk's bell)."""
	return [
		{
			"name": n.name,
			"subject": strip_html(n.subject or ""),
			"date": str(n.creation)[:16],
			"read": n.read,
		}
		for n in frappe.get_all(
			"Notification Log",
			filters={"for_user": frappe.session.user},
			fields=["name", "subject", "creation", "read"],
			order_by="creation desc",
			limit=REMINDERS,
		)
	]


def meetings(care_area: str | None, day, names: dict) -> list[dict]:
	"""The coming meetings of her street (and district): when, where and what kind, nothing of what a
	meeting recorded (the meeting's record stays the staff's)."""
	if not care_area:
		return []
	lft, rgt = frappe.db.get_value("Care Area", care_area, ["lft", "rgt"]) or (None, None)
	if lft is None:
		return []
	area = frappe.qb.DocType("Care Area")
	meeting = frappe.qb.DocType("Review Meeting")
	rows = (
		frappe.qb.from_(meeting)
		.join(area)
		.on(area.name == meeting.care_area)
		.select(meeting.meeting_type, meeting.meeting_date, meeting.venue, area.care_area_name)
		.where((area.lft <= lft) & (area.rgt >= rgt) & (meeting.meeting_date >= day))
		.orderby(meeting.meeting_date)
		.limit(MEETINGS)
		.run(as_dict=True)
	)
	return [
		{
			"type": _(m.meeting_type, context="Review Meeting"),
			"date": str(m.meeting_date),
			"venue": m.venue or "",
			"area": m.care_area_name,
		}
		for m in rows
	]


def options() -> dict:
	"""The choices of the app's forms, in the caller's language."""
	from kidcare.volunteer_app.contacts import CONTACT_TYPES
	from kidcare.volunteer_app.demands import URGENCIES
	from kidcare.volunteer_app.exits import REASONS

	return {
		"contact_types": [{"value": t, "label": _(t, context="Care Contact")} for t in CONTACT_TYPES],
		"needs": [
			{"value": n.name, "area": _(n.need_area, context="Care Need")}
			for n in frappe.get_all("Care Need", fields=["name", "need_area"], order_by="need_area, name")
		],
		"exit_reasons": [{"value": r, "label": _(r, context="Exit Request")} for r in REASONS],
		"urgencies": [{"value": u, "label": _(u, context="Child Demand")} for u in URGENCIES],
	}
