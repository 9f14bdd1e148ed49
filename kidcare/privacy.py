"""A child's personal information under the PIPL (个人信息保护法): who read it, how long it is kept, how it
is erased, and what uninstalling the app removes.

- **Trace.** Every read of one child's record by someone who may read her sensitive fields leaves a row in
  Frappe's Access Log naming the user, the doctype, the child and the channel (``log_sensitive_read``,
  called from the Child Profile controller). Frappe itself logs the print view, PDFs and report-view
  exports; kidcare adds form loads, ``/api/resource``, ``frappe.client.get`` and the desk's print
  preview. Opening the form also writes a View Log (``track_views``). Lists are not logged per child.
- **Retention.** ``retention_months`` in KidCare Settings after a child left (``left_program_on``), the daily
  job ``anonymise_expired`` queues the children due, in batches; each batch anonymises child by child
  (``anonymise``), one child's failure rolled back to its savepoint and logged, the others kept.
- **Erasure.** ``erase_child`` does the same at once, for KidCare Admin and System Manager only.
- **Uninstall.** ``purge_app_traces`` removes what Frappe keeps about the app's records outside their own
  tables (files, versions, comments, communications, logs, shares, assignments, deleted documents).
"""

import frappe
from frappe import _
from frappe.utils import add_months, cint, getdate, now_datetime, today

from kidcare.rules.child import ENROLLED, FINAL

#: the fields of a Child Profile whose reading is traced (the sensitive set of issue #11)
SENSITIVE_FIELDS = (
	"id_number",
	"address",
	"latitude",
	"longitude",
	"guardian_phone",
	"guardian_user",
	"consent_attachment",
	"categories",
	"notes",
	"checkin_token",
)

#: the name an anonymised child keeps (stored data, the same whatever the reader's language)
ANONYMISED = "已匿名化"

#: who may erase a child at once
ERASERS = ("KidCare Admin", "System Manager")

#: children anonymised per background job (one transaction each)
BATCH = 50

#: the documents about a child (each has a ``child`` link) and what each may say about her family:
#: cleared on anonymisation, while dates, types, durations, counts and statuses stay for the statistics
ABOUT_THE_CHILD = {
	"Child Enrollment": ("source_reference", "registration_notes", "verification_notes", "decision_notes"),
	"Care Pairing": ("proposal_notes", "decision_notes", "end_reason"),
	"Care Contact": ("summary", "check_in_latitude", "check_in_longitude"),
	"Monthly Review": ("volunteer_report", "problems", "reviewer_comments"),
	"Exit Request": (
		"applicant_name",
		"reason_detail",
		"signed_application",
		"verification_notes",
		"decision_notes",
	),
	# a demand's alias and age stay for the figures; what was asked, done and reopened for goes
	"Child Demand": ("request", "resolution", "work_done"),
}

#: Frappe's records that point at a document: (doctype, doctype field, name field)
TRACES = (
	("Version", "ref_doctype", "docname"),
	("Comment", "reference_doctype", "reference_name"),
	("Notification Log", "document_type", "document_name"),
	("ToDo", "reference_type", "reference_name"),
	("DocShare", "share_doctype", "share_name"),
	("Energy Point Log", "reference_doctype", "reference_name"),
	("Activity Log", "reference_doctype", "reference_name"),
	("Document Follow", "ref_doctype", "ref_docname"),
	("Error Log", "reference_doctype", "reference_name"),
)


# -- the trace --------------------------------------------------------------------------------------


def readable_sensitive_fields(doc) -> list[str]:
	"""The sensitive fields of ``doc`` the session user may read (all of them for Administrator)."""
	levels = None if frappe.session.user == "Administrator" else set(doc.get_permlevel_access("read"))
	fields = []
	for fieldname in SENSITIVE_FIELDS:
		df = doc.meta.get_field(fieldname)
		if df and (levels is None or (df.permlevel or 0) in levels):
			fields.append(fieldname)
	return fields


def channel() -> str:
	"""How the record left the server: the whitelisted method, or the HTTP request, or the server."""
	request = getattr(frappe.local, "request", None)
	cmd = frappe.form_dict.get("cmd") if getattr(frappe.local, "form_dict", None) else None
	if cmd:
		return cmd
	if request:
		return f"{request.method} {request.path}"
	return "server"


def log_sensitive_read(doc, method: str | None = None):
	"""An Access Log row for one read of a child's record, when the reader may see her sensitive fields
	(a reader who may not, gets them stripped and leaves no row)."""
	fields = readable_sensitive_fields(doc)
	if fields:
		insert_access_log(doc.doctype, doc.name, method or channel(), ", ".join(fields))


def log_print(doc):
	"""Before a child's record is printed. Frappe's print view (``/printview``, PDFs, ``frappe.get_print``)
	logs a "Print" itself; the desk's print preview (``get_html_and_style``) does not."""
	doc.flags.read_logged = True  # one row per print, not a second one for the fields it strips
	form = frappe.form_dict
	if form.get("doctype") == doc.doctype and form.get("name") == doc.name:
		return  # rendered by frappe.www.printview.get_context, which wrote its Access Log
	log_sensitive_read(doc, f"Print ({channel()})")


@frappe.write_only()
def insert_access_log(doctype: str, name: str, method: str, columns: str):
	"""As Frappe's make_access_log, without its commit in the middle of a request: a GET request
	commits because of ``flags.commit``, any other request or job at its end."""
	log = frappe.get_doc(
		{
			"doctype": "Access Log",
			"user": frappe.session.user,
			"export_from": doctype,
			"reference_document": name,
			"method": method[:140],
			"columns": columns,
		}
	)
	if frappe.flags.read_only:
		log.deferred_insert()
	else:
		log.db_insert()
		frappe.local.flags.commit = True


# -- retention --------------------------------------------------------------------------------------


def retention_cutoff():
	"""Children who left on or before this day are due for anonymisation; None when the job is off."""
	months = cint(frappe.db.get_single_value("KidCare Settings", "retention_months"))
	if months <= 0:
		return None
	return add_months(getdate(today()), -months)


def children_due() -> list[str]:
	cutoff = retention_cutoff()
	if not cutoff:
		return []
	return frappe.get_all(
		"Child Profile",
		filters={
			"status": ("in", FINAL),
			"anonymised_on": ("is", "not set"),
			"left_program_on": ("<=", cutoff),
		},
		pluck="name",
		order_by="left_program_on asc",
	)


def anonymise_expired() -> int:
	"""Daily (hooks.scheduler_events): queue the children whose retention period is over, ``BATCH`` to a
	background job; each job is its own transaction. Returns how many were queued."""
	names = children_due()
	for start in range(0, len(names), BATCH):
		batch = names[start : start + BATCH]
		frappe.enqueue(
			"kidcare.privacy.anonymise_batch",
			queue="long",
			names=batch,
			job_id=f"kidcare-anonymise-{batch[0]}",
			deduplicate=True,
			enqueue_after_commit=True,
		)
	return len(names)


def anonymise_batch(names: list[str]) -> list[str]:
	"""Anonymise ``names`` one by one; a child that fails is rolled back to her savepoint and logged
	(Error Log), the others go on. The background job commits the batch. Returns those anonymised."""
	done = []
	for name in names:
		frappe.db.savepoint("kidcare_anonymise")
		try:
			if anonymise(name, _("Retention period over.")):
				done.append(name)
		except Exception:
			frappe.db.rollback(save_point="kidcare_anonymise")
			frappe.log_error(
				title=_("Could not anonymise {0}").format(name),
				reference_doctype="Child Profile",
				reference_name=name,
			)
	return done


def related_documents(child: str) -> dict[str, list[str]]:
	"""The child and every document about her, by doctype."""
	related = {"Child Profile": [child]}
	for doctype in ABOUT_THE_CHILD:
		names = frappe.get_all(doctype, filters={"child": child}, pluck="name")
		if names:
			related[doctype] = names
	return related


def anonymise(child: str, reason: str) -> bool:
	"""Remove who the child is from the site while keeping what the statistics count. Returns False
	for a child already anonymised. The caller owns the transaction."""
	doc = frappe.get_doc("Child Profile", child, for_update=True)
	if doc.anonymised_on:
		return False
	placeholder = f"{ANONYMISED} {child}"
	related = related_documents(child)
	files = attached_files(related)

	# the profile through its own controller, so its validation still holds
	birth_year = getdate(doc.date_of_birth).year
	doc.update(
		{
			"full_name": placeholder,
			"alias": None,
			"date_of_birth": f"{birth_year}-01-01",  # the year stays: age bands and aging out
			"id_number": None,
			"address": None,
			"latitude": None,
			"longitude": None,
			"guardian_name": None,
			"guardian_phone": None,
			"guardian_user": None,
			"consent_attachment": None,
			"notes": None,
			"anonymised_on": now_datetime(),
		}
	)
	for row in doc.get("needs") or []:
		row.note = None
	doc.flags.ignore_permissions = True
	doc.flags.ignore_links = True
	doc.save()
	# the printed QR code stops working (the token is kept from requests: written as reset_token does)
	frappe.db.set_value("Child Profile", child, "checkin_token", None, update_modified=False)

	# the documents about her, submitted ones included: one update per doctype
	for doctype, names in related.items():
		if doctype in ABOUT_THE_CHILD:
			scrub(doctype, names, ABOUT_THE_CHILD[doctype], placeholder)

	purge_traces(related, placeholder)
	delete_files(files)
	frappe.get_doc("Child Profile", child).add_comment(
		"Info", _("Personal data anonymised: {0}").format(reason)
	)
	return True


def scrub(doctype: str, names: list[str], fields, placeholder: str):
	meta = frappe.get_meta(doctype)
	table = frappe.qb.DocType(doctype)
	update = frappe.qb.update(table).set(table._comments, None)
	if meta.has_field("child_name"):
		update = update.set(table.child_name, placeholder)
	if doctype == "Monthly Review":  # titled by the child and the month
		from frappe.query_builder.functions import Concat, DateFormat

		update = update.set(table.title, Concat(placeholder, " · ", DateFormat(table.period, "%Y-%m")))
	for fieldname in fields:
		df = meta.get_field(fieldname)
		if not df:
			continue
		if df.fieldtype in ("Float", "Int", "Currency", "Percent", "Check"):
			value = 0
		elif df.reqd:
			value = ANONYMISED
		else:
			value = None
		update = update.set(table[fieldname], value)
	update.where(table.name.isin(names)).run()


def purge_traces(related: dict[str, list[str]], placeholder: str | None = None):
	"""Delete what Frappe keeps about these documents outside their tables: versions (old values),
	comments, communications, notifications, assignments, shares, e-mails, deleted copies. Access and
	View Logs stay as the trace of who read what, with the rendered pages and filters cleared."""
	for doctype, names in related.items():
		for trace, doctype_field, name_field in TRACES:
			if frappe.db.table_exists(trace):
				frappe.db.delete(trace, {doctype_field: doctype, name_field: ("in", names)})
		delete_communications({"reference_doctype": doctype, "reference_name": ("in", names)})
		delete_emails({"reference_doctype": doctype, "reference_name": ("in", names)})
		links = frappe.get_all(
			"Communication Link",
			filters={"link_doctype": doctype, "link_name": ("in", names)},
			pluck="parent",
		)
		if links:
			delete_communications({"name": ("in", list(set(links)))})
		frappe.db.delete("Deleted Document", {"deleted_doctype": doctype, "deleted_name": ("in", names)})
		access = frappe.qb.DocType("Access Log")
		(
			frappe.qb.update(access)
			.set(access.page, None)
			.set(access.filters, None)
			.where((access.export_from == doctype) & access.reference_document.isin(names))
			.run()
		)
		if placeholder:
			frappe.db.set_value(
				"Tag Link",
				{"document_type": doctype, "document_name": ("in", names)},
				"title",
				placeholder,
				update_modified=False,
			)
		frappe.db.sql(
			"delete from `__global_search` where doctype=%s and name in %s", (doctype, tuple(names))
		)
	# deleted documents about the child (an enrollment deleted by mistake keeps her name and ID)
	child = related["Child Profile"][0]
	deleted = frappe.qb.DocType("Deleted Document")
	frappe.qb.from_(deleted).delete().where(
		deleted.deleted_doctype.isin(list(ABOUT_THE_CHILD)) & deleted.data.like(f'%"child": "{child}"%')
	).run()


def delete_communications(filters: dict):
	names = frappe.get_all("Communication", filters=filters, pluck="name")
	if names:
		delete_files(
			frappe.get_all(
				"File",
				filters={"attached_to_doctype": "Communication", "attached_to_name": ("in", names)},
				fields=FILE_FIELDS,
			)
		)
		frappe.db.delete("Communication Link", {"parent": ("in", names)})
		frappe.db.delete("Communication", {"name": ("in", names)})


def delete_emails(filters: dict):
	"""Queued and sent e-mails (their message and recipients) about these documents."""
	names = frappe.get_all("Email Queue", filters=filters, pluck="name")
	if names:
		frappe.db.delete("Email Queue Recipient", {"parent": ("in", names)})
		frappe.db.delete("Email Queue", {"name": ("in", names)})


FILE_FIELDS = ["name", "file_url", "thumbnail_url", "content_hash", "is_private", "is_folder"]


def attached_files(related: dict[str, list[str]]) -> list[dict]:
	files = []
	for doctype, names in related.items():
		files += frappe.get_all(
			"File",
			filters={"attached_to_doctype": doctype, "attached_to_name": ("in", names), "is_folder": 0},
			fields=FILE_FIELDS,
		)
	return files


def delete_files(files: list[dict]):
	"""Delete the File rows now and the files on disk once the transaction commits (a rollback keeps
	both). A file on disk shared with another File row stays."""
	files = [f for f in files if not f.get("is_folder")]
	if not files:
		return
	frappe.db.delete("File", {"name": ("in", [f["name"] for f in files])})

	def remove_from_disk():
		for row in files:
			if row.get("file_url") and not frappe.db.exists("File", {"file_url": row["file_url"]}):
				frappe.get_doc({"doctype": "File", **row}).delete_file_data_content()

	frappe.db.after_commit.add(remove_from_disk)


# -- erasure ----------------------------------------------------------------------------------------


def open_work(child: str) -> list[str]:
	"""What keeps a child in the program (then she cannot be erased yet), as messages."""
	found = []
	status = frappe.db.get_value("Child Profile", child, "status")
	if status in ENROLLED:
		found.append(_("her status is {0}").format(_(status, context="Child Profile")))
	for name in frappe.get_all(
		"Care Pairing",
		filters={"child": child, "docstatus": ("<", 2), "status": ("in", ("Proposed", "Active"))},
		pluck="name",
	):
		found.append(_("pairing {0}").format(name))
	for name in frappe.get_all(
		"Child Enrollment",
		filters={"child": child, "docstatus": 0, "status": ("!=", "Rejected")},
		pluck="name",
	):
		found.append(_("enrollment {0}").format(name))
	for name in frappe.get_all("Exit Request", filters={"child": child, "docstatus": 0}, pluck="name"):
		found.append(_("exit request {0}").format(name))
	return found


@frappe.whitelist(methods=["POST"])
def erase_child(child: str) -> dict:
	"""Anonymise one child now (the guardian withdrew consent, or the district decided so). Only KidCare
	Admin and System Manager; refused while she is still in the program."""
	frappe.only_for(ERASERS)
	if not child or not frappe.db.exists("Child Profile", child):
		frappe.throw(_("Child Profile {0} does not exist.").format(child), frappe.DoesNotExistError)
	frappe.has_permission("Child Profile", "write", child, throw=True)
	anonymised_on = frappe.db.get_value("Child Profile", child, "anonymised_on")
	if anonymised_on:
		frappe.throw(
			_("{0} was already anonymised on {1}.").format(child, frappe.utils.format_datetime(anonymised_on)),
			title=_("Cannot Erase"),
		)
	blockers = open_work(child)
	if blockers:
		frappe.throw(
			_(
				"{0} is still in the program ({1}): end her pairing and close her requests before erasing her data."
			).format(child, "; ".join(blockers)),
			title=_("Cannot Erase"),
		)
	anonymise(child, _("Erased by {0}.").format(frappe.session.user))
	return {"child": child, "anonymised_on": str(frappe.db.get_value("Child Profile", child, "anonymised_on"))}


# -- uninstall --------------------------------------------------------------------------------------


def purge_app_traces(doctypes: list[str]):
	"""Before uninstall: everything Frappe keeps about the records of ``doctypes`` outside their own
	tables, and only that (another app's rows stay)."""
	if not doctypes:
		return
	files = frappe.get_all(
		"File", filters={"attached_to_doctype": ("in", doctypes), "is_folder": 0}, fields=FILE_FIELDS
	)
	delete_files(files)
	for trace, doctype_field, _name_field in TRACES:
		if frappe.db.table_exists(trace):
			frappe.db.delete(trace, {doctype_field: ("in", doctypes)})
	delete_communications({"reference_doctype": ("in", doctypes)})
	delete_emails({"reference_doctype": ("in", doctypes)})
	frappe.db.delete("Communication Link", {"link_doctype": ("in", doctypes)})
	frappe.db.delete("Access Log", {"export_from": ("in", doctypes)})
	frappe.db.delete("View Log", {"reference_doctype": ("in", doctypes)})
	frappe.db.delete("Deleted Document", {"deleted_doctype": ("in", doctypes)})
	frappe.db.delete("Tag Link", {"document_type": ("in", doctypes)})
	frappe.db.sql("delete from `__global_search` where doctype in %s", (tuple(doctypes),))
