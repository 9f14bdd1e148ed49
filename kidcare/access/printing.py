"""Printing: read permission is enough to print in Frappe, and a print format (a Jinja one above all)
renders whatever fields it names. Before any kidcare document is rendered, the fields the caller may
not read are emptied, so no format, shipped or made in the desk, prints them (the archive card prints
its check-in QR code for staff only)."""

import frappe

from kidcare.access import refuse


def before_print(doc, method=None, print_settings=None):
	if frappe.session.user == "Administrator":
		return
	# printview also accepts a whole document from the client, checked as nothing: a format that loads
	# the records it links to would print whatever records the client names
	if doc.is_new() or not frappe.db.exists(doc.doctype, doc.name):
		refuse()
	doc.reload()  # what is stored, not what the client sent
	if not frappe.has_permission(doc.doctype, "read", doc.name):  # Frappe checked the client's copy
		refuse()
	doc.apply_fieldlevel_read_permissions()
