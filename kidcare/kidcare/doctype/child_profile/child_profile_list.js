// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.listview_settings["Child Profile"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colors = {
			Registered: "gray",
			"Awaiting Pairing": "orange",
			Paired: "green",
			Exited: "darkgrey",
			"Aged Out": "darkgrey",
		};
		return [__(doc.status, null, "Child Profile"), colors[doc.status] || "gray", "status,=," + doc.status];
	},
};
