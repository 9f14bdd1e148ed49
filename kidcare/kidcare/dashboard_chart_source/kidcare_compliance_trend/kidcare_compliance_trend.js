frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["KidCare Compliance Trend"] = {
	method: "kidcare.dashboard.compliance_trend",
	filters: [],
};
