// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.listview_settings["Monthly Review"] = {
	add_fields: ["status", "compliance", "due_date", "docstatus"],
	has_indicator_for_draft: 1,
	get_indicator(doc) {
		const open = ["Open", "Returned", "Submitted"].includes(doc.status);
		if (open && doc.due_date && doc.due_date < frappe.datetime.get_today()) {
			return [__("Overdue", null, "Monthly Review"), "red", "due_date,<," + frappe.datetime.get_today()];
		}
		const colors = { Open: "orange", Submitted: "blue", Returned: "red", Reviewed: "green", Closed: "darkgrey" };
		return [__(doc.status, null, "Monthly Review"), colors[doc.status] || "gray", "status,=," + doc.status];
	},
};
