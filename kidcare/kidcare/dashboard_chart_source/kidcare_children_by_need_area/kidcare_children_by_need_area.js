frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["KidCare Children by Need Area"] = {
	method: "kidcare.kidcare.dashboard_chart_source.kidcare_children_by_need_area.kidcare_children_by_need_area.get",
	filters: [],
};
