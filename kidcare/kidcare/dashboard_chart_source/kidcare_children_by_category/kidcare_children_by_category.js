frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["KidCare Children by Category"] = {
	method: "kidcare.dashboard.children_by_category",
	filters: [],
};
