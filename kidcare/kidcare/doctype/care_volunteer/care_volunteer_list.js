// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.listview_settings["Care Volunteer"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colors = { Applicant: "orange", Active: "green", Paused: "gray", Withdrawn: "darkgrey" };
		return [__(doc.status, null, "Care Volunteer"), colors[doc.status] || "gray", "status,=," + doc.status];
	},
};
