frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["KidCare Children by Need Area"] = {
	method: "kidcare.dashboard.children_by_need_area",
	filters: [],
};
