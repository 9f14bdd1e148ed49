// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.ui.form.on("Exit Request", {
	setup(frm) {
		frm.set_query("child", () => ({ filters: { status: "Paired" } }));
	},

	refresh(frm) {
		// who files as whom is settled on the server; a volunteer-only user files as the volunteer
		if (frm.is_new() && !frappe.user.has_role(["Street Officer", "Community Worker", "KidCare Admin"])) {
			if (frappe.user.has_role("Care Volunteer")) frm.set_value("applicant_type", "Volunteer");
		}
		frm.toggle_reqd("signed_application", frm.is_new() && frm.doc.applicant_type === "Guardian");
		if (frm.doc.docstatus === 1 && frm.doc.decision === "Approved" && frm.doc.volunteer) {
			frm.add_custom_button(__("Re-match the Volunteer"), () =>
				frappe.set_route("Form", "Care Volunteer", frm.doc.volunteer)
			);
		}
	},

	applicant_type(frm) {
		frm.toggle_reqd("signed_application", frm.is_new() && frm.doc.applicant_type === "Guardian");
	},
});
