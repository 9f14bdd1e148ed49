"""What a save may change, whoever sends it: the write side of trust.

Frappe checks write permission on the document *as the request sent it* (a user could move a record
into her own area by naming her area in a ``PUT``), does not enforce ``read_only`` on the server, and
checks a workflow state's ``allow_edit`` only in the browser. Hooked on ``before_validate`` of kidcare's
doctypes (before the controllers' ``validate``), this module:

- judges write permission on the stored document as well as on the one sent;
- keeps what the program's own steps record: who verified, decided, reported, applied and when, how a
  pairing ended, the QR check-in; a request that changes them is refused (``STEPS``), a derived figure
  a request sends is replaced by the stored one and recomputed where its inputs changed (``DERIVED``);
- enforces the active workflow's per-state ``allow_edit`` (``kidcare.workflow.guard``);
- lets a login be linked to a volunteer or a guardian only as ``kidcare.logins`` says.

The controllers then record each step themselves in ``validate`` (``verified_by`` when the state moves
to verified, ...), which runs after this. Code of the app that must write such a field outside a step
(the QR check-in endpoint) marks the document with ``by_the_program(doc)``: a flag on ``doc.flags``,
which no request can send (Frappe never copies ``flags`` from a request's document into ``doc.flags``:
``BaseDocument.set`` skips it, and ``/api/resource`` drops it besides).
"""

import frappe
from frappe import _
from frappe.utils import cint, flt, get_datetime, getdate

#: the flag kidcare's own code sets on a document it writes a recorded field of
PROGRAM = "kidcare_program"

#: fields the program's steps write. A saved document keeps them as recorded: a request changing them
#: is refused (the form shows them read-only, so a changed value can only be a forged request, and it
#: is told so); a new document starts without them (a copy or an amendment may carry old ones).
STEPS = {
	"Child Enrollment": ("verified_by", "verified_on", "decided_by", "decided_on"),
	"Care Pairing": ("end_date", "end_reason", "exit_request"),
	"Monthly Review": ("reported_by",),
	"Exit Request": ("applied_by", "verified_by", "verified_on", "decided_by", "decided_on"),
	"Care Contact": ("check_in_method", "check_in_time", "check_in_latitude", "check_in_longitude"),
	# the claim's steps (kidcare.resources.demands) and the level's clock
	"Child Demand": ("raised_by_volunteer", "level_since", "claimed_by_partner", "claimed_by_volunteer",
		"claimed_by_user", "claimed_on", "claim_confirmed_by", "claim_confirmed_on", "work_done", "done_on",
		"solved_on"),  # fmt: skip
}

#: figures the server derives: whatever a request sends, the stored value is kept (the controller
#: recomputes it when what it depends on changes), so a stale form never fails on them
DERIVED = {
	"Care Pairing": ("match_score", "match_reasons"),
}

#: set once by the program when the record is made (before_insert), never by a request afterwards
KEPT = {
	"Child Profile": ("checkin_token",),
	# the volunteers' app's id of a contact (a retry finds the contact by it): sent once, with the contact
	"Care Contact": ("client_id",),
}


def by_the_program(doc):
	"""Mark ``doc`` as written by kidcare's own code (see the module's docstring)."""
	doc.flags[PROGRAM] = True
	return doc


def is_by_the_program(doc) -> bool:
	return bool(doc.flags.get(PROGRAM))


def before_validate(doc, method=None):
	"""doc_events before_validate of every kidcare doctype."""
	from kidcare.logins import LINKS, validate_link
	from kidcare.workflow.guard import guard

	before = None if doc.is_new() else doc.get_doc_before_save()
	check_rows_belong(doc)
	check_fetched_links(doc)
	check_stored_permission(doc, before)
	keep_recorded_fields(doc, before)
	if doc.doctype in LINKS:
		validate_link(doc, before)
	guard(doc, method)


def before_update_after_submit(doc, method=None):
	"""A submitted document saved again ("update after submit") skips before_validate: the stored
	document must allow the save here too, before Frappe compares (and names in its errors) the stored
	values with those sent."""
	check_rows_belong(doc)
	check_stored_permission(doc, doc.get_doc_before_save())


def check_fetched_links(doc):
	"""A link must name a record that exists. Frappe 15 lets one through unchecked when another field
	fetches from it (``BaseDocument.get_invalid_links`` finds no values to fetch and moves on), so a
	demand for a need, a contact of a pairing or a pledge of a child that does not exist was saved. Checked
	here for the document and its rows, refused with Frappe's own message."""
	if doc.flags.ignore_links:
		return
	missing = []
	for row in (doc, *doc.get_all_children()):
		for df in row.meta.get_link_fields():
			value = row.get(df.fieldname)
			if (
				value
				and row.meta.get_fields_to_fetch(df.fieldname)
				and not frappe.db.exists(df.options, value, cache=True)
			):
				label = f"{_(df.label, context=df.parent)}: {value}"
				missing.append(f"{_('Row')} #{row.idx}: {label}" if row is not doc else label)
	if missing:
		frappe.throw(_("Could not find {0}").format(", ".join(missing)), frappe.LinkValidationError)


def check_rows_belong(doc):
	"""A child row sent with the name of a stored row must be that row of this document: Frappe updates
	rows by name alone, so a row of another record (another street's child's need) would move here."""
	if doc.flags.ignore_permissions or is_by_the_program(doc):
		return
	for df in doc.meta.get_table_fields():
		names = [row.name for row in doc.get(df.fieldname) or [] if row.name and not row.is_new()]
		if not names:
			continue
		for row in frappe.get_all(df.options, filters={"name": ("in", names)}, fields=["parent", "parenttype", "parentfield"]):
			if (row.parent, row.parenttype, row.parentfield) != (doc.name, doc.doctype, df.fieldname):
				frappe.throw(_("A row of another record cannot be moved here."), frappe.PermissionError)


def check_stored_permission(doc, before):
	"""Frappe checks write permission on the document as sent; the stored one must allow it too."""
	if before is None or doc.flags.ignore_permissions or is_by_the_program(doc):
		return
	if not before.has_permission("write"):
		frappe.throw(
			_("You cannot change this {0}: it is outside your area or not yours.").format(_(doc.doctype)),
			frappe.PermissionError,
		)


def keep_recorded_fields(doc, before):
	if is_by_the_program(doc):
		return
	meta = doc.meta
	for fieldname in DERIVED.get(doc.doctype, ()):
		doc.set(fieldname, before.get(fieldname) if before else None)
	for fieldname in KEPT.get(doc.doctype, ()):
		if before is not None:
			doc.set(fieldname, before.get(fieldname))
	steps = STEPS.get(doc.doctype, ())
	if before is None:
		for fieldname in steps:
			doc.set(fieldname, None)
		return
	changed = [f for f in steps if not same(meta.get_field(f), doc.get(f), before.get(f))]
	if changed:
		labels = ", ".join(_(meta.get_label(f), context=doc.doctype) for f in changed)
		frappe.throw(
			_("These fields are recorded by the program's own steps and cannot be changed: {0}.").format(labels),
			frappe.PermissionError,
		)


# -- comparing what a request sent with what is stored ---------------------------------------------


def normalize(df, value):
	"""A field's value as stored, whatever shape a request sent it in ("0", 0, None; "2026-01-01")."""
	if df is None:
		return value
	if df.fieldtype in ("Int", "Check"):
		return cint(value)
	if df.fieldtype in ("Float", "Currency", "Percent"):
		return flt(value)
	if value in (None, ""):
		return None
	if df.fieldtype == "Date":
		return getdate(value)
	if df.fieldtype == "Datetime":
		return get_datetime(value)
	return value if not isinstance(value, str) else value.strip() or None


def same(df, a, b) -> bool:
	return normalize(df, a) == normalize(df, b)


ROW_META = {"name", "idx", "owner", "creation", "modified", "modified_by", "parent", "parentfield",
	"parenttype", "doctype", "docstatus"}  # fmt: skip


def rows(doc, df) -> list[tuple]:
	meta = frappe.get_meta(df.options)
	fields = [f for f in meta.fields if f.fieldname not in ROW_META and f.fieldtype not in NO_VALUE]
	return [
		tuple(normalize(f, row.get(f.fieldname)) for f in fields)
		for row in sorted(doc.get(df.fieldname) or [], key=lambda r: cint(r.get("idx")))
	]


NO_VALUE = {"Section Break", "Column Break", "Tab Break", "HTML", "Button", "Image", "Fold", "Heading"}


def changed_fields(doc, before, skip: set[str]) -> list[str]:
	"""The editable fields (not read-only, not in ``skip``) whose value ``doc`` changes."""
	changed = []
	for df in doc.meta.fields:
		if df.fieldname in skip or df.read_only or df.fieldtype in NO_VALUE:
			continue
		if df.fieldtype in ("Table", "Table MultiSelect"):
			if rows(doc, df) != rows(before, df):
				changed.append(df.fieldname)
		elif not same(df, doc.get(df.fieldname), before.get(df.fieldname)):
			changed.append(df.fieldname)
	return changed
