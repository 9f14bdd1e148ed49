// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.ui.form.on("Care Pairing", {
	setup(frm) {
		frm.set_query("child", () => ({ filters: { status: "Awaiting Pairing" } }));
		frm.set_query("volunteer", () => ({
			filters: { status: "Active", screening_status: "Passed", training_completed_on: ["is", "set"] },
		}));
	},
});
