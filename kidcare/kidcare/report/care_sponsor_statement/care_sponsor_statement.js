// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.query_reports["Care Sponsor Statement"] = {
	filters: [
		{ fieldname: "sponsor", label: __("Sponsor"), fieldtype: "Link", options: "Care Sponsor", reqd: 1 },
	],
};
