// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.ui.form.on("Child Sponsorship", {
	refresh(frm) {
		if (frm.doc.docstatus !== 1 || !["Awaiting First Payment", "Active"].includes(frm.doc.status)) {
			return;
		}
		if (frappe.model.can_create("Sponsorship Receipt")) {
			frm.add_custom_button(__("Receipt", null, "Child Sponsorship"), () => {
				frappe.new_doc("Sponsorship Receipt", { sponsorship: frm.doc.name });
			}, __("Create"));
		}
		if (frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("End Sponsorship"), () => {
				frappe.prompt(
					[
						{
							fieldname: "reason",
							fieldtype: "Select",
							label: __("End Reason", null, "Child Sponsorship"),
							options: ["Sponsor Withdrew", "Term Completed", "Other"].map((value) => ({
								value,
								label: __(value, null, "Child Sponsorship"),
							})),
							reqd: 1,
						},
						{ fieldname: "note", fieldtype: "Small Text", label: __("End Note", null, "Child Sponsorship") },
					],
					(values) => {
						frappe
							.xcall("kidcare.kidcare.doctype.child_sponsorship.child_sponsorship.end_sponsorship", {
								name: frm.doc.name,
								...values,
							})
							.then(() => frm.reload_doc());
					},
					__("End Sponsorship"),
					__("End", null, "Child Sponsorship")
				);
			});
		}
	},
});
