// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.treeview_settings["Care Area"] = {
	breadcrumb: "KidCare",
	title: __("Care Areas"),
	get_tree_root: false,
	root_label: __("All Care Areas"),
	ignore_fields: ["parent_care_area"],
	fields: [
		{ fieldtype: "Data", fieldname: "care_area_name", label: __("Care Area Name"), reqd: 1 },
		{ fieldtype: "Data", fieldname: "area_code", label: __("Administrative Code") },
		{
			fieldtype: "Select",
			fieldname: "area_type",
			label: __("Area Type"),
			options: [
				{ value: "Province", label: __("Province") },
				{ value: "City", label: __("City", null, "Care Area") },
				{ value: "District", label: __("District") },
				{ value: "Street", label: __("Street") },
				{ value: "Community", label: __("Community") },
			],
			reqd: 1,
		},
	],
};
