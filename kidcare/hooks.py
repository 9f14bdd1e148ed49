app_name = "kidcare"
app_title = "KidCare"
app_publisher = "kidcare contributors"
app_description = "One-to-one care programs for children in difficulty and left-behind children"
app_email = "kidcare@example.org"
app_license = "mit"

# Install, migrate, uninstall
# ---------------------------
# Roles, the shipped Care Needs and Care Skills, and the workflows: created when missing, never
# overwritten (kidcare/install.py, kidcare/workflow/installer.py).

before_install = "kidcare.install.before_install"
after_install = "kidcare.install.after_install"
before_migrate = "kidcare.install.before_migrate"
after_migrate = "kidcare.install.after_migrate"
before_uninstall = "kidcare.install.before_uninstall"

# Controllers carry their schema as typed attributes
export_python_type_annotations = True

# Permissions
# -----------
# Territory: a User Permission on Care Area scopes every record that links to a Care Area,
# descendants included (Frappe applies it to lists, forms, link search, reports and the REST API).
# What User Permissions cannot express lives in kidcare/permissions.py.

permission_query_conditions = {
	"Care Volunteer": "kidcare.permissions.care_volunteer_query",
	"Care Pairing": "kidcare.permissions.care_pairing_query",
	"Child Profile": "kidcare.permissions.child_profile_query",
	"Care Contact": "kidcare.permissions.care_contact_query",
	"Monthly Review": "kidcare.permissions.monthly_review_query",
	"Exit Request": "kidcare.permissions.exit_request_query",
	"Child Demand": "kidcare.permissions.child_demand_query",
	# child tables read with parent=...: only rows of parents (and table fields) the caller may read
	"Child Need": "kidcare.access.child_tables.query",
	"Child Interest": "kidcare.access.child_tables.query",
	"Child Profile Category": "kidcare.access.child_tables.query",
	"Care Volunteer Skill": "kidcare.access.child_tables.query",
	"Care Contact Need": "kidcare.access.child_tables.query",
	"Care Meeting Attendee": "kidcare.access.child_tables.query",
	"Care Meeting Action Item": "kidcare.access.child_tables.query",
	"Care Need Skill": "kidcare.access.child_tables.query",
	"Child Demand Move": "kidcare.access.child_tables.query",
	"Care Activity Signup": "kidcare.access.child_tables.query",
	"Care Partner Service": "kidcare.access.child_tables.query",
	"Care Partner Skill": "kidcare.access.child_tables.query",
	"Care Partner Area": "kidcare.access.child_tables.query",
	"Care Partner Member": "kidcare.access.child_tables.query",
	"Care Space Service": "kidcare.access.child_tables.query",
	# sponsorship (#15): a sponsor's login sees their own; staff by their Care Area
	"Care Sponsor": "kidcare.sponsorship.permissions.care_sponsor_query",
	"Child Sponsorship": "kidcare.sponsorship.permissions.child_sponsorship_query",
	"Sponsorship Receipt": "kidcare.sponsorship.permissions.sponsorship_receipt_query",
	"Child Sponsorship Instalment": "kidcare.access.child_tables.query",
	"Child Sponsorship Category": "kidcare.access.child_tables.query",
	# a file of a kidcare record is listed only to who may read the record
	"File": "kidcare.access.files.query",
}
has_permission = {
	"Care Volunteer": "kidcare.permissions.has_permission",
	"Care Pairing": "kidcare.permissions.has_permission",
	"Child Profile": "kidcare.permissions.has_permission",
	"Care Contact": "kidcare.permissions.has_permission",
	"Monthly Review": "kidcare.permissions.has_permission",
	"Exit Request": "kidcare.permissions.has_permission",
	"Child Demand": "kidcare.permissions.has_permission",
	"Care Sponsor": "kidcare.sponsorship.permissions.has_permission",
	"Child Sponsorship": "kidcare.sponsorship.permissions.has_permission",
	"Sponsorship Receipt": "kidcare.sponsorship.permissions.has_permission",
	# a file attached to a kidcare record: whoever may read the field it is attached to
	"File": "kidcare.access.files.has_permission",
}

# The doors Frappe 15 leaves open on kidcare's data, closed for kidcare's doctypes only
# (kidcare/access/__init__.py says which and why). Every other doctype gets Frappe's own method.
auth_hooks = ["kidcare.access.gate.check_request"]
override_whitelisted_methods = {
	"frappe.client.get_count": "kidcare.access.overrides.get_count",
	"frappe.desk.listview.get_group_by_count": "kidcare.access.overrides.get_group_by_count",
	"frappe.desk.search.search_link": "kidcare.access.overrides.search_link",
	"frappe.desk.search.search_widget": "kidcare.access.overrides.search_widget",
	"frappe.desk.calendar.get_events": "kidcare.access.overrides.get_events",
	"frappe.geo.utils.get_coords": "kidcare.access.overrides.get_coords",
	"frappe.website.doctype.web_form.web_form.get_form_data": "kidcare.access.overrides.get_form_data",
	"frappe.desk.form.load.getdoc": "kidcare.access.overrides.getdoc",
	"frappe.desk.form.load.get_docinfo": "kidcare.access.overrides.get_docinfo",
	"frappe.website.doctype.web_form.web_form.accept": "kidcare.access.overrides.accept",
	"frappe.client.validate_link": "kidcare.access.overrides.validate_link",
	"frappe.desk.like.toggle_like": "kidcare.access.overrides.toggle_like",
	"frappe.desk.doctype.tag.tag.add_tag": "kidcare.access.overrides.add_tag",
	"frappe.desk.doctype.tag.tag.remove_tag": "kidcare.access.overrides.remove_tag",
	"frappe.desk.form.document_follow.follow_document": "kidcare.access.overrides.follow_document",
	"frappe.core.doctype.data_export.exporter.export_data": "kidcare.access.overrides.export_data",
	"run_doc_method": "kidcare.access.overrides.run_doc_method",
	"runserverobj": "kidcare.access.overrides.run_doc_method",
	"frappe.desk.doctype.kanban_board.kanban_board.update_order": "kidcare.access.overrides.update_order",
}

# Desk: the "Create Login" action shared by the forms of the records a login belongs to
doctype_js = {
	"Care Volunteer": "public/js/create_login.js",
	"Child Profile": "public/js/create_login.js",
}

# The volunteers' phone app (frontend/, built into public/frontend, served at /kidcare): the client
# router owns the paths under /kidcare, and a volunteer who logs in lands in it, never in the desk
website_route_rules = [
	{"from_route": "/kidcare/sw.js", "to_route": "kidcare-service-worker"},
	{"from_route": "/kidcare/manifest.webmanifest", "to_route": "kidcare-manifest"},
	{"from_route": "/kidcare/<path:app_path>", "to_route": "kidcare"},
]
page_renderer = ["kidcare.volunteer_app.service_worker.ServiceWorkerPage"]
role_home_page = {"Care Volunteer": "kidcare", "KidCare Sponsor": "sponsor"}  # a sponsor lands on her page

# Jinja: the check-in QR code on the archive card
jinja = {"methods": ["kidcare.checkin.qr_svg"]}

# Document events
# ---------------

doc_events = {
	# a save is judged on the stored document too, keeps what the program's steps recorded, and a
	# plain save or REST call is held to the workflow's own rules (kidcare/writes.py, workflow/guard.py);
	# a print shows only the fields the caller may read, whatever the print format
	"Child Enrollment": {
		"before_validate": "kidcare.writes.before_validate",
		"before_update_after_submit": "kidcare.writes.before_update_after_submit",
		"before_print": "kidcare.access.printing.before_print",
	},
	"Care Pairing": {
		"before_validate": "kidcare.writes.before_validate",
		"before_update_after_submit": "kidcare.writes.before_update_after_submit",
		"before_print": "kidcare.access.printing.before_print",
		# its facts onto its tally rows and the areas' counts (kidcare/tally.py, kidcare/rollup.py)
		"on_change": "kidcare.tally.pairing_changed",
		"after_delete": "kidcare.tally.pairing_changed",
	},
	"Monthly Review": {
		"before_validate": ["kidcare.writes.before_validate", "kidcare.rollup.review_before"],
		"before_update_after_submit": [
			"kidcare.writes.before_update_after_submit",
			"kidcare.rollup.review_before",
		],
		"before_print": "kidcare.access.printing.before_print",
		# the areas' monthly review counts (kidcare/rollup.py): before every write, and the difference after
		"before_cancel": "kidcare.rollup.review_before",
		"before_change": "kidcare.rollup.review_before",
		"on_trash": "kidcare.rollup.review_before",
		"on_change": "kidcare.rollup.review_after",
		"after_delete": "kidcare.rollup.review_after",
	},
	"Exit Request": {
		"before_validate": "kidcare.writes.before_validate",
		"before_update_after_submit": "kidcare.writes.before_update_after_submit",
		"before_print": "kidcare.access.printing.before_print",
	},
	"Child Profile": {
		"before_validate": "kidcare.writes.before_validate",
		"before_print": "kidcare.access.printing.before_print",
		# a child who exits or ages out ends her sponsorships (kidcare/sponsorship/pledges.py)
		"on_update": "kidcare.sponsorship.pledges.on_child_update",
	},
	"Care Volunteer": {
		"before_validate": "kidcare.writes.before_validate",
		"before_print": "kidcare.access.printing.before_print",
	},
	"Care Contact": {
		"before_validate": "kidcare.writes.before_validate",
		"before_print": "kidcare.access.printing.before_print",
		# the per-pairing monthly tally the aggregate screens read (kidcare/tally.py)
		"on_update": "kidcare.tally.contact_changed",
		"after_delete": "kidcare.tally.contact_changed",
	},
	"Review Meeting": {
		"before_validate": "kidcare.writes.before_validate",
		"before_print": "kidcare.access.printing.before_print",
	},
	"Child Demand": {
		"before_validate": "kidcare.writes.before_validate",
		"before_update_after_submit": "kidcare.writes.before_update_after_submit",
		"before_print": "kidcare.access.printing.before_print",
	},
	"Care Partner": {
		"before_validate": "kidcare.writes.before_validate",
		"before_print": "kidcare.access.printing.before_print",
	},
	"Care Space": {
		"before_validate": "kidcare.writes.before_validate",
		"before_print": "kidcare.access.printing.before_print",
	},
	"Care Activity": {
		"before_validate": "kidcare.writes.before_validate",
		"before_print": "kidcare.access.printing.before_print",
	},
	"Care Sponsor": {
		"before_validate": "kidcare.writes.before_validate",
		"before_print": "kidcare.access.printing.before_print",
	},
	"Child Sponsorship": {
		"before_validate": "kidcare.writes.before_validate",
		"before_update_after_submit": "kidcare.writes.before_update_after_submit",
		"before_print": "kidcare.access.printing.before_print",
	},
	"Sponsorship Receipt": {
		"before_validate": "kidcare.writes.before_validate",
		"before_update_after_submit": "kidcare.writes.before_update_after_submit",
		"before_print": "kidcare.access.printing.before_print",
	},
	"Sponsorship Disbursement": {
		"before_validate": "kidcare.writes.before_validate",
		"before_update_after_submit": "kidcare.writes.before_update_after_submit",
		"before_print": "kidcare.access.printing.before_print",
	},
	# the accounting mapping names a company and accounts that exist (kidcare/sponsorship/accounts.py)
	# an area renamed (or merged into another): kidcare's own tables follow its new name
	"Care Area": {"after_rename": "kidcare.rollup.area_renamed"},
	"KidCare Settings": {
		"validate": "kidcare.sponsorship.accounts.validate_settings",
		# a new minimum of contacts: the areas' "met" counts again (kidcare/rollup.py)
		"on_update": "kidcare.rollup.settings_changed",
	},
	# files attached to kidcare's records are private
	"File": {"before_insert": "kidcare.access.files.before_insert", "validate": "kidcare.access.files.validate"},
	# a meeting's action item is closed when its owner closes her assignment (kidcare/meetings.py)
	"ToDo": {"on_update": "kidcare.meetings.todo_changed"},
	# a Kanban board's column field goes into Frappe's queries as written: it must be a field
	"Kanban Board": {"validate": "kidcare.access.kanban.validate"},
}

# Scheduled tasks
# ---------------

scheduler_events = {
	# the long queue: a province's reviews are created in committed chunks (kidcare.tasks)
	"daily_long": ["kidcare.tasks.create_monthly_reviews"],
	"daily": [
		"kidcare.tasks.mark_aged_out",
		"kidcare.tasks.send_reminders",
		# meeting action items due tomorrow or overdue (kidcare/meetings.py)
		"kidcare.meetings.remind_action_items",
		# children past the retention period are anonymised (kidcare/privacy.py)
		"kidcare.privacy.anonymise_expired",
		# demands a level left unhandled move up; stale claims are released (kidcare/resources)
		"kidcare.resources.escalation.escalate_demands",
		# unpaid sponsorship instalments past due flagged and reminded (kidcare/sponsorship/tasks.py)
		"kidcare.sponsorship.tasks.flag_overdue_instalments",
	],
}
