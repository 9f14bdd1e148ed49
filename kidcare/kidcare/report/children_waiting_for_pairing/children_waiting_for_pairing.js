// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.query_reports["Children Waiting for Pairing"] = {
	filters: [
		{
			fieldname: "days",
			label: __("Waiting at Least (Days)"),
			fieldtype: "Int",
			default: 30,
		},
	],
};
