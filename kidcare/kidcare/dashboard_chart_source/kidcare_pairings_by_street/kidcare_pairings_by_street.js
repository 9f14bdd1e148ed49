frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["KidCare Pairings by Street"] = {
	method: "kidcare.dashboard.pairings_by_street",
	filters: [],
};
