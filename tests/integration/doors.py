"""The doors Frappe opens on any record: shared by the permission matrices of every part of the app
(tests/integration/test_access_*.py). Each door is (name, method or "GET /path", arguments)."""

import json


def record_doors(doctype: str, name: str, sensitive_fields: list[str]) -> list[tuple[str, str, dict]]:
	"""Every way Frappe 15 reads one record or its list: REST, client, report view, export, search, form
	load, link check, print, calendar, web form and versions; asking for the sensitive fields too."""
	fields = json.dumps(["*", *sensitive_fields])
	# fmt: off
	return [
		(f"rest get {doctype}", f"GET /api/resource/{doctype}/{name}", {}),
		(f"rest list {doctype}", f"GET /api/resource/{doctype}", {"fields": fields, "limit": 0}),
		(f"client.get {doctype}", "frappe.client.get", {"doctype": doctype, "name": name}),
		(f"client.get_list {doctype}", "frappe.client.get_list", {"doctype": doctype, "fields": fields, "limit_page_length": 0}),
		(f"client.get_value {doctype}", "frappe.client.get_value", {"doctype": doctype, "filters": name, "fieldname": fields}),
		(f"reportview.get {doctype}", "frappe.desk.reportview.get", {"doctype": doctype, "fields": fields}),
		(f"reportview.export {doctype}", "frappe.desk.reportview.export_query", {"doctype": doctype, "fields": fields, "file_format_type": "CSV", "title": "x"}),
		(f"search_link {doctype}", "frappe.desk.search.search_link", {"doctype": doctype, "txt": "", "ignore_user_permissions": 1, "page_length": 1000}),
		(f"search_widget {doctype}", "frappe.desk.search.search_widget", {"doctype": doctype, "txt": "", "ignore_user_permissions": 1, "page_length": 1000, "as_dict": 1, "filter_fields": json.dumps(list(sensitive_fields))}),
		(f"getdoc {doctype}", "frappe.desk.form.load.getdoc", {"doctype": doctype, "name": name}),
		(f"get_docinfo {doctype}", "frappe.desk.form.load.get_docinfo", {"doctype": doctype, "name": name}),
		(f"validate_link {doctype}", "frappe.client.validate_link", {"doctype": doctype, "docname": name, "fields": fields}),
		(f"print {doctype}", f"GET /printview?doctype={doctype}&name={name}&format=Standard", {}),
		(f"print html {doctype}", "frappe.www.printview.get_html_and_style", {"doc": doctype, "name": name, "print_format": "Standard"}),
		(f"calendar {doctype}", "frappe.desk.calendar.get_events", {"doctype": doctype, "start": "1900-01-01", "end": "2999-01-01", "field_map": json.dumps({"start": "creation", "end": "creation", "title": "name"}), "fields": fields}),
		(f"stock web form {doctype}", "frappe.website.doctype.web_form.web_form.get_form_data", {"doctype": doctype, "docname": name, "web_form_name": "exit-request"}),
		(f"versions {doctype}", "GET /api/resource/Version", {"filters": json.dumps([["ref_doctype", "=", doctype]]), "fields": json.dumps(["data"]), "limit": 0}),
	]
	# fmt: on


def over_http(session, url, how, args) -> tuple[int, str]:
	if how.startswith("GET "):
		r = session.get(url + how[4:], params=args, timeout=60, allow_redirects=False)
	elif how.startswith("POST "):
		r = session.post(url + how[5:], data=args, timeout=60, allow_redirects=False)
	else:
		r = session.post(f"{url}/api/method/{how}", data=args, timeout=60, allow_redirects=False)
	return r.status_code, r.text
