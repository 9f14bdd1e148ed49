// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.ui.form.on("Care Area", {
	setup(frm) {
		frm.set_query("parent_care_area", () => ({
			filters: { area_type: ["in", kidcare_parent_types(frm.doc.area_type)] },
		}));
	},

	area_type(frm) {
		frm.set_value("is_group", frm.doc.area_type === "Community" ? 0 : 1);
	},
});

function kidcare_parent_types(area_type) {
	// the server enforces the same rule (kidcare/rules/care_area.py); this only narrows the search
	if (area_type === "Street") return ["District"];
	if (area_type === "Community") return ["District", "Street"];
	if (area_type === "District") return ["Province", "City", "District"];
	if (area_type === "City") return ["Province"];
	return [""];
}
