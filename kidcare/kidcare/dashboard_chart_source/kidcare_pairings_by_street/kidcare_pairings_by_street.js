frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["KidCare Pairings by Street"] = {
	method: "kidcare.kidcare.dashboard_chart_source.kidcare_pairings_by_street.kidcare_pairings_by_street.get",
	filters: [],
};
