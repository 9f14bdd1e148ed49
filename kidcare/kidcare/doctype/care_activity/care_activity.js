// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

// Sign-ups and attendance go through kidcare.resources.activities (locked, counted, with the waiting
// list), never by editing the table.
frappe.ui.form.on("Care Activity", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.activity_status !== "Planned") return;
		const call = (method, args) =>
			frappe
				.call({ method: `kidcare.resources.activities.${method}`, args: { activity: frm.doc.name, ...args } })
				.then((r) => {
					if (method === "sign_up" && r.message === "Waiting") {
						frappe.show_alert({ message: __("The activity is full: added to the waiting list."), indicator: "orange" });
					}
					frm.reload_doc();
				});
		const child = (label, action, extra = []) =>
			frappe.prompt(
				[{ fieldname: "child", fieldtype: "Link", options: "Child Profile", label: __("Child"), reqd: 1 }, ...extra],
				(values) => call(action, values),
				label
			);
		frm.add_custom_button(__("Sign Up a Child"), () =>
			child(__("Sign Up a Child"), "sign_up", [
				{ fieldname: "join_waiting_list", fieldtype: "Check", label: __("Join the waiting list if full"), default: 1 },
			])
		);
		frm.add_custom_button(__("Cancel a Sign-up"), () => child(__("Cancel a Sign-up"), "cancel_sign_up"));
		frm.add_custom_button(__("Record Attendance"), () => child(__("Record Attendance"), "record_attendance"));
	},
});
