// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.listview_settings["Child Demand"] = {
	add_fields: ["status", "current_level", "docstatus"],
	has_indicator_for_draft: 1,
	get_indicator(doc) {
		if (doc.status === "Open") {
			const colors = { Community: "orange", Street: "orange", District: "blue", Published: "purple" };
			return [
				__(doc.current_level, null, "Child Demand"),
				colors[doc.current_level] || "gray",
				"current_level,=," + doc.current_level,
			];
		}
		const colors = { Claimed: "yellow", "Claim Confirmed": "blue", Done: "cyan", Solved: "green" };
		return [__(doc.status, null, "Child Demand"), colors[doc.status] || "gray", "status,=," + doc.status];
	},
};
