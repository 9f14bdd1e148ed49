// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.query_reports["Program Year Summary"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year", null, "Volunteer Activity"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
			reqd: 1,
		},
	],
};
