// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.query_reports["Child Demand Resolution"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date", null, "Child Demand Resolution"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -12),
		},
		{
			fieldname: "to_date",
			label: __("To Date", null, "Child Demand Resolution"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
		},
		{
			fieldname: "care_area",
			label: __("Care Area"),
			fieldtype: "Link",
			options: "Care Area",
		},
	],
};
