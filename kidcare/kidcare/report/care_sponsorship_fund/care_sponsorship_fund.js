// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.query_reports["Care Sponsorship Fund"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
			reqd: 1,
		},
		{ fieldname: "care_area", label: __("Care Area"), fieldtype: "Link", options: "Care Area" },
	],
};
