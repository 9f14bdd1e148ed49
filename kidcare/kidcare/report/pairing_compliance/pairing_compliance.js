// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.query_reports["Pairing Compliance"] = {
	filters: [
		{
			fieldname: "month",
			label: __("Month", null, "Pairing Compliance"),
			fieldtype: "Date",
			default: frappe.datetime.month_start(),
			reqd: 1,
		},
		{
			fieldname: "care_area",
			label: __("Care Area"),
			fieldtype: "Link",
			options: "Care Area",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "compliance_rate" && data && data.compliance_rate < 100) {
			value = `<span style="color: var(--red-600)">${value}</span>`;
		}
		return value;
	},
};
