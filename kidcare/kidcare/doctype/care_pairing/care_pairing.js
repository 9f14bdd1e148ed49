// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.ui.form.on("Care Pairing", {
	setup(frm) {
		frm.set_query("child", () => ({ filters: { status: "Awaiting Pairing" } }));
		frm.set_query("volunteer", () => ({
			filters: { status: "Active", screening_status: "Passed", training_completed_on: ["is", "set"] },
		}));
	},

	refresh(frm) {
		if (frm.doc.docstatus !== 1) return;
		if (frm.doc.status === "Active" && frappe.model.can_create("Exit Request")) {
			frm.add_custom_button(__("Request Exit"), () =>
				frappe.new_doc("Exit Request", { child: frm.doc.child })
			);
		}
		frappe.call({ method: "kidcare.api.pairing_progress", args: { pairing: frm.doc.name } }).then(({ message: p }) => {
			const show = (label, done, target) =>
				frm.dashboard.add_indicator(`${label} ${done}/${target}`, done >= target ? "green" : "orange");
			show(__("Home Visits This Year"), p.home_visits, p.home_visits_target);
			show(__("Hours This Year"), p.hours, p.hours_target);
			show(__("Memorable Activities This Year"), p.memorable_activities, p.memorable_activities_target);
		});
	},
});
