"""Volunteers work in their phone app (/kidcare), not in the desk: the Care Volunteer role stops giving
desk access, and the logins that held the desk through it alone become Website Users.

Frappe does the second part itself when a role's desk access changes (Role.update_user_type_on_change
re-evaluates every user of the role): a login that also holds a staff role keeps the desk.
"""

import frappe

ROLE = "Care Volunteer"


def execute():
	if not frappe.db.exists("Role", ROLE):
		return
	role = frappe.get_doc("Role", ROLE)
	if role.desk_access:
		role.desk_access = 0
		role.save(ignore_permissions=True)
