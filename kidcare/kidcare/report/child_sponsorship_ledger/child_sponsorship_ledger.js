// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.query_reports["Child Sponsorship Ledger"] = {
	filters: [
		{ fieldname: "child", label: __("Child"), fieldtype: "Link", options: "Child Profile" },
		{ fieldname: "care_area", label: __("Care Area"), fieldtype: "Link", options: "Care Area" },
		{ fieldname: "year", label: __("Year"), fieldtype: "Int" },
	],
};
