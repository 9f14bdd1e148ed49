// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.listview_settings["Care Area"] = {
	add_fields: ["area_type"],
	get_indicator(doc) {
		const colors = { Province: "red", City: "orange", District: "blue", Street: "purple", Community: "green" };
		return [__(doc.area_type, null, "Care Area"), colors[doc.area_type] || "gray", "area_type,=," + doc.area_type];
	},
};
