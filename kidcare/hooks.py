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
}
has_permission = {
	"Care Volunteer": "kidcare.permissions.has_permission",
	"Care Pairing": "kidcare.permissions.has_permission",
	"Child Profile": "kidcare.permissions.has_permission",
	"Care Contact": "kidcare.permissions.has_permission",
	"Monthly Review": "kidcare.permissions.has_permission",
	"Exit Request": "kidcare.permissions.has_permission",
}

# Jinja: the check-in QR code on the archive card
jinja = {"methods": ["kidcare.checkin.qr_svg"]}

# Document events
# ---------------

doc_events = {
	# a plain save or REST call that sets workflow_state is held to the workflow's own rules
	"Child Enrollment": {"before_validate": "kidcare.workflow.guard.guard"},
	"Care Pairing": {"before_validate": "kidcare.workflow.guard.guard"},
	"Monthly Review": {"before_validate": "kidcare.workflow.guard.guard"},
	"Exit Request": {"before_validate": "kidcare.workflow.guard.guard"},
}

# Scheduled tasks
# ---------------

scheduler_events = {
	"daily": [
		"kidcare.tasks.mark_aged_out",
		"kidcare.tasks.create_monthly_reviews",
		"kidcare.tasks.send_reminders",
		# children past the retention period are anonymised (kidcare/privacy.py)
		"kidcare.privacy.anonymise_expired",
	],
}
