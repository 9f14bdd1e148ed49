"""Benchmark of the monthly reviews and the compliance report on a real site; prints figures only.

    KIDCARE_BENCH=/home/frappe/frappe-bench $KIDCARE_BENCH/env/bin/python benchmarks/reviews.py --site kidcare-test.localhost

Inserts 20,000 Active pairings and 300,000 contacts spread over the year, commits them and refreshes
the table statistics (as a live site's would be), then times create_monthly_reviews for the month (and a second, idempotent run) and the
Pairing Compliance report for that month as the district's administrator would run it.
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(site: str, n_pairings: int, n_contacts: int):
	import frappe

	bench = Path(os.environ["KIDCARE_BENCH"])
	os.chdir(bench / "sites")
	frappe.init(site=site, sites_path=str(bench / "sites"))
	frappe.connect()
	from matching import COMMUNITIES, insert_areas

	from kidcare import tasks
	from kidcare.kidcare.report.pairing_compliance import pairing_compliance

	rng = random.Random(11)
	tag = frappe.generate_hash(length=5)
	try:
		district = insert_areas(frappe, tag)
		communities = [f"{c}-{tag}" for c in COMMUNITIES]
		today = datetime.date.today()
		month = today.replace(day=1)
		now = frappe.utils.now()
		start = time.perf_counter()
		pairings = [
			(
				f"BP-{tag}-{i}",
				now,
				now,
				"Administrator",
				"Administrator",
				1,
				f"BC-{tag}-{i}",
				f"儿童{i}",
				f"BV-{tag}-{i}",
				f"志愿者{i}",
				rng.choice(communities),
				"Active",
				str(today.replace(month=1, day=1)),
			)
			for i in range(n_pairings)
		]
		frappe.db.bulk_insert(
			"Care Pairing",
			[
				"name",
				"creation",
				"modified",
				"owner",
				"modified_by",
				"docstatus",
				"child",
				"child_name",
				"volunteer",
				"volunteer_name",
				"care_area",
				"status",
				"start_date",
			],
			pairings,
			chunk_size=5000,
		)
		kinds = ["Home Visit", "Phone or Video", "Phone or Video", "Activity", "Outing", "Other"]
		days = (today - today.replace(month=1, day=1)).days
		contacts = []
		for i in range(n_contacts):
			p = pairings[rng.randrange(n_pairings)]
			day = today.replace(month=1, day=1) + datetime.timedelta(days=rng.randrange(days + 1))
			contacts.append(
				(
					f"BCC-{tag}-{i}",
					now,
					now,
					"Administrator",
					"Administrator",
					p[0],
					p[6],
					p[8],
					p[10],
					str(day),
					rng.choice(kinds),
					rng.choice((15, 30, 60, 90, 120)),
					"…",
				)
			)
		frappe.db.bulk_insert(
			"Care Contact",
			[
				"name",
				"creation",
				"modified",
				"owner",
				"modified_by",
				"pairing",
				"child",
				"volunteer",
				"care_area",
				"contact_date",
				"contact_type",
				"duration_minutes",
				"summary",
			],
			contacts,
			chunk_size=10000,
		)
		frappe.db.commit()
		for table in ("tabCare Pairing", "tabCare Contact", "tabMonthly Review", "tabCare Area"):
			frappe.db.sql(f"analyze table `{table}`")
		print(
			f"inserted {n_pairings} pairings and {n_contacts} contacts in {time.perf_counter() - start:.1f}s"
		)

		start = time.perf_counter()
		created = tasks.create_monthly_reviews(month)
		first_run = time.perf_counter() - start
		start = time.perf_counter()
		again = tasks.create_monthly_reviews(month)
		second_run = time.perf_counter() - start
		print(
			f"create_monthly_reviews: {created} reviews in {first_run:.2f}s; second run created {again} in {second_run:.2f}s"
		)

		timings = []
		for _ in range(5):
			start = time.perf_counter()
			_, rows = pairing_compliance.execute({"month": str(month), "care_area": district})
			timings.append(time.perf_counter() - start)
		print(
			f"Pairing Compliance for {month:%Y-%m}: {len(rows)} streets, {sum(r['pairings'] for r in rows)} pairings,"
			f" best {min(timings):.2f}s, worst {max(timings):.2f}s over 5 runs"
		)

		# the workspace: what a desk user's home page asks for, over the same rows
		from kidcare import dashboard

		for label, fn in (
			("compliance trend chart", dashboard.compliance_trend),
			("pairings by street chart", dashboard.pairings_by_street),
			("approvals waiting for me card", dashboard.approvals_waiting_for_me),
		):
			timings = []
			for _ in range(5):
				start = time.perf_counter()
				fn()
				timings.append(time.perf_counter() - start)
			print(
				f"{label}: best {min(timings) * 1000:.0f} ms, worst {max(timings) * 1000:.0f} ms over 5 runs"
			)
	finally:
		# the benchmark's rows were committed: remove them by their prefix
		frappe.db.rollback()
		for doctype, prefix in (
			("Monthly Review", f"BP-{tag}-"),
			("Care Contact", f"BCC-{tag}-"),
			("Care Pairing", f"BP-{tag}-"),
		):
			frappe.db.delete(doctype, {"name": ("like", f"{prefix}%")})
		for area in frappe.get_all(
			"Care Area", filters={"name": ("like", f"%-{tag}")}, order_by="lft desc", pluck="name"
		):
			frappe.delete_doc("Care Area", area, force=True, ignore_permissions=True)
		frappe.db.commit()
		frappe.destroy()


if __name__ == "__main__":
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--pairings", type=int, default=20_000)
	parser.add_argument("--contacts", type=int, default=300_000)
	args = parser.parse_args()
	main(args.site, args.pairings, args.contacts)
