"""Give kidcare's generic child tables the app's own names, keeping their rows.

``Volunteer Skill`` is also a doctype of the Non Profit app, and ``Meeting Attendee``, ``Meeting Action
Item`` and ``Contact Need`` are names any app may use. Runs before the model sync (``[pre_model_sync]``):
renaming the DocType renames its table and the Table fields that point at it, so the sync that follows
finds the rows already under the new name. Only kidcare's own doctype (module KidCare) is renamed.
"""

import frappe

RENAMES = {
	"Volunteer Skill": "Care Volunteer Skill",
	"Meeting Attendee": "Care Meeting Attendee",
	"Meeting Action Item": "Care Meeting Action Item",
	"Contact Need": "Care Contact Need",
}


def execute():
	for old, new in RENAMES.items():
		if frappe.db.get_value("DocType", old, "module") != "KidCare" or frappe.db.exists("DocType", new):
			continue
		frappe.rename_doc("DocType", old, new, force=True)
