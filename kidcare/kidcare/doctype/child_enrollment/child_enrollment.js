// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.ui.form.on("Child Enrollment", {
	setup(frm) {
		frm.set_query("child", () => ({
			filters: { status: ["in", ["Registered", "Exited"]] },
		}));
	},
});
