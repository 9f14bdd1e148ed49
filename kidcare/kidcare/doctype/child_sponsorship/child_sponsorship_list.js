frappe.listview_settings["Child Sponsorship"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colors = {
			Draft: "gray",
			"Awaiting First Payment": "orange",
			Active: "green",
			Ended: "blue",
			Cancelled: "red",
		};
		return [__(doc.status, null, "Child Sponsorship"), colors[doc.status] || "gray", "status,=," + doc.status];
	},
};
