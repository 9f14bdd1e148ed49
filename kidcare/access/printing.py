"""Printing: read permission is enough to print in Frappe, and a print format (a Jinja one above all)
renders whatever fields it names. Before any kidcare document is rendered, the fields the caller may
not read are emptied, so no format, shipped or made in the desk, prints them (the archive card prints
its check-in QR code for staff only)."""

import frappe


def before_print(doc, method=None, print_settings=None):
	if frappe.session.user != "Administrator":
		doc.apply_fieldlevel_read_permissions()
