// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.listview_settings["Care Pairing"] = {
	add_fields: ["status"],
	has_indicator_for_draft: 1,
	get_indicator(doc) {
		const colors = { Proposed: "orange", Active: "green", Ended: "darkgrey", Rejected: "red" };
		return [__(doc.status, null, "Care Pairing"), colors[doc.status] || "gray", "status,=," + doc.status];
	},
};
