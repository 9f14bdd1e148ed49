"""The guardian's page: she files a request and follows its status, and sees nothing else of it (she
has no permission on Exit Request itself: the notes, the volunteer and the staff stay in the desk)."""

import frappe

from kidcare.access import web_form_values
from kidcare.permissions import guardian_scope

#: all a guardian's list shows of a request
GUARDIAN_FIELDS = ("name", "child_name", "reason_category", "status", "creation")


def get_context(context):
	# the child to choose comes from kidcare.api.guardian_children (see exit_request.js).
	# Frappe puts the whole request in the page of /exit-request/<name> for whoever may read it (the
	# volunteer may): only the fields this form shows, and only those she may read, stay.
	if context.get("reference_doc"):
		shown = {f.fieldname for f in context.web_form_doc.get("web_form_fields") or [] if f.get("fieldname")}
		context.reference_doc = web_form_values("Exit Request", context.reference_doc, shown)


def get_list_context(context=None):
	return {"get_list": guardian_requests}


def guardian_requests(
	doctype, txt=None, filters=None, limit_start=0, limit_page_length=20, order_by=None, **kwargs
):
	"""The requests about the caller's own children, with their status only."""
	if frappe.session.user == "Guest":
		return []
	request = frappe.qb.DocType("Exit Request")
	return (
		frappe.qb.from_(request)
		.select(*(request[f] for f in GUARDIAN_FIELDS))
		.where(guardian_scope("Exit Request", frappe.session.user))
		.orderby(request.creation, order=frappe.qb.desc)
		.limit(int(limit_page_length or 20))
		.offset(int(limit_start or 0))
		.run(as_dict=True)
	)
