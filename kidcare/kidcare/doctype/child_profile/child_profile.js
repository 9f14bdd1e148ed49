// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.ui.form.on("Child Profile", {
	setup(frm) {
		frm.set_query("care_area", () => ({ filters: { area_type: "Community" } }));
		frm.set_query("care_need", "needs", () => ({ filters: { enabled: 1 } }));
	},

	refresh(frm) {
		if (frm.doc.date_of_birth && frm.doc.age !== undefined && frm.doc.age !== null) {
			frm.dashboard.add_indicator(__("Age {0}", [frm.doc.age]), "blue");
		}
		if (!frm.is_new() && ["Registered", "Exited"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Enroll"), () => {
				frappe.new_doc("Child Enrollment", { child: frm.doc.name });
			});
		}
	},
});
