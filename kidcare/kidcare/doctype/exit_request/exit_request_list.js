// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.listview_settings["Exit Request"] = {
	add_fields: ["status", "decision", "docstatus"],
	has_indicator_for_draft: 1,
	get_indicator(doc) {
		const colors = { Applied: "orange", Verified: "blue", Approved: "green", Rejected: "red" };
		return [__(doc.status, null, "Exit Request"), colors[doc.status] || "gray", "status,=," + doc.status];
	},
};
