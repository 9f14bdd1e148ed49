frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["KidCare Children by Category"] = {
	method: "kidcare.kidcare.dashboard_chart_source.kidcare_children_by_category.kidcare_children_by_category.get",
	filters: [],
};
