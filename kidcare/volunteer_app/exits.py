"""Asking to withdraw from a pairing: an Exit Request by the volunteer, through its controller and the
Exit Request Approval workflow (the street verifies, the district decides)."""

import frappe
from frappe import _

from kidcare.volunteer_app import current_volunteer, own_pairing

REASONS = (
	"Volunteer Cannot Continue",
	"Moved Away",
	"Circumstances Improved",
	"Family Declines Help",
	"Other",
)


@frappe.whitelist(methods=["POST"])
def request_withdrawal(
	pairing: str, reason_detail: str, reason_category: str = "Volunteer Cannot Continue"
) -> dict:
	volunteer = current_volunteer()
	found = own_pairing(pairing, volunteer)
	if reason_category not in REASONS:
		frappe.throw(_("Choose a reason."), title=_("Invalid Exit Request"))
	request = frappe.get_doc(
		{
			"doctype": "Exit Request",
			"child": found.child,
			"applicant_type": "Volunteer",
			"applicant_name": volunteer.full_name,
			"reason_category": reason_category,
			"reason_detail": reason_detail,
		}
	).insert()
	return {"name": request.name, "status": _(request.status, context="Exit Request")}
