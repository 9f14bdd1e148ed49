frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["KidCare Sponsored vs Eligible"] = {
	method: "kidcare.sponsorship.dashboard.sponsored_vs_eligible",
	filters: [],
};
