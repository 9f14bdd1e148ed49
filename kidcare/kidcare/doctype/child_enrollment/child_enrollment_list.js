// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.listview_settings["Child Enrollment"] = {
	add_fields: ["status"],
	has_indicator_for_draft: 1,
	get_indicator(doc) {
		const colors = {
			Draft: "gray",
			"Pending Verification": "orange",
			Verified: "blue",
			Approved: "green",
			Rejected: "red",
		};
		return [__(doc.status, null, "Child Enrollment"), colors[doc.status] || "gray", "status,=," + doc.status];
	},
};
