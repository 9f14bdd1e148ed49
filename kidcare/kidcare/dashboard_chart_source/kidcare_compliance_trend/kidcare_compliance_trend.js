frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["KidCare Compliance Trend"] = {
	method: "kidcare.kidcare.dashboard_chart_source.kidcare_compliance_trend.kidcare_compliance_trend.get",
	filters: [],
};
