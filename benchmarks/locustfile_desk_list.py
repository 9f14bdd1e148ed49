"""Locust users who open the desk list of Child Profile as the street officer does: 20 rows and the count,
the two requests the list view makes (frappe.desk.reportview.get, then get_count), one after the other.

Each pair is also reported as one request named "desk list (20 rows + count)": its p95 is the figure.
Run by benchmarks/desk_list.py (settings through the environment: KC_USER, KC_PASSWORD, KC_SITE).
"""

import json
import os
import time

from locust import HttpUser, between, task

DOCTYPE = "Child Profile"
FIELDS = [
	f"`tab{DOCTYPE}`.`{f}`"
	for f in (
		"name", "owner", "creation", "modified", "modified_by", "_user_tags", "_comments", "_assign", "_liked_by",
		"docstatus", "full_name", "gender", "status", "care_area",
	)
]  # fmt: skip


class StreetOfficer(HttpUser):
	wait_time = between(0.2, 0.5)

	def on_start(self):
		self.client.headers["Host"] = os.environ["KC_SITE"]
		self.client.headers["Accept"] = "application/json"
		response = self.client.post(
			"/api/method/login", data={"usr": os.environ["KC_USER"], "pwd": os.environ["KC_PASSWORD"]}
		)
		response.raise_for_status()

	@task
	def desk_list(self):
		start = time.perf_counter()
		rows = self.client.post(
			"/api/method/frappe.desk.reportview.get",
			data={
				"doctype": DOCTYPE,
				"fields": json.dumps(FIELDS),
				"filters": "[]",
				"order_by": f"`tab{DOCTYPE}`.`modified` desc",
				"start": 0,
				"page_length": 20,
				"view": "List",
				"group_by": "",
				"with_comment_count": 1,
			},
			name="frappe.desk.reportview.get (20 rows)",
		)
		count = self.client.post(
			"/api/method/frappe.desk.reportview.get_count",
			data={"doctype": DOCTYPE, "filters": "[]", "fields": "[]", "distinct": "false"},
			name="frappe.desk.reportview.get_count",
		)
		ok = (
			rows.ok
			and count.ok
			and len(rows.json()["message"]["values"]) == 20
			and count.json()["message"] > 0
		)
		self.environment.events.request.fire(
			request_type="LIST",
			name="desk list (20 rows + count)",
			response_time=(time.perf_counter() - start) * 1000,
			response_length=len(rows.content) + len(count.content),
			exception=None if ok else Exception(f"{rows.status_code} {count.status_code}"),
			context={},
		)
