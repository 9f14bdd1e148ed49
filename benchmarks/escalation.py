"""Benchmark of the daily demand job (kidcare.resources.escalation) on a real site; prints figures only.

    KIDCARE_BENCH=/home/frappe/frappe-bench $KIDCARE_BENCH/env/bin/python benchmarks/escalation.py --site kidcare-test.localhost

Inserts 100,000 open demands spread over the community, street and district levels (most of them due to
move on) and 5,000 published demands with claims left unconfirmed, commits them and refreshes the table
statistics, then times one run of escalate_demands as the scheduler runs it (committing in chunks) and a
second run (nothing left to do). Goal: seconds, not minutes.
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

GOAL_SECONDS = 60


def main(site: str, n_demands: int, n_claims: int):
	import frappe

	bench = Path(os.environ["KIDCARE_BENCH"])
	os.chdir(bench / "sites")
	frappe.init(site=site, sites_path=str(bench / "sites"))
	frappe.connect()
	from frappe.model.workflow import get_workflow
	from matching import COMMUNITIES, insert_areas

	from kidcare.resources import escalation

	rng = random.Random(14)
	tag = frappe.generate_hash(length=5)
	try:
		insert_areas(frappe, tag)
		communities = [f"{c}-{tag}" for c in COMMUNITIES]
		states = {
			s.update_value: s.state
			for s in get_workflow("Child Demand").states
			if s.update_field == "current_level"
		}
		now = datetime.datetime.now()
		stamp = frappe.utils.now()
		fields = ["name", "creation", "modified", "owner", "modified_by", "docstatus", "child", "child_alias",
			"care_area", "need", "urgency", "request", "current_level", "workflow_state", "level_since", "status",
			"claimed_by_user", "claimed_on"]  # fmt: skip
		rows = []
		for i in range(n_demands):
			level = rng.choice(("Community", "Street", "District"))
			# four in five have waited longer than their level allows
			waited = rng.choice((1, 20, 25, 30, 40))
			rows.append((f"BD-{tag}-{i}", stamp, stamp, "Administrator", "Administrator", 0, f"BC-{tag}-{i}",
				f"小{i}", rng.choice(communities), "学业辅导", "Normal", "…", level, states[level],
				now - datetime.timedelta(days=waited), "Open", None, None))  # fmt: skip
		for i in range(n_claims):
			rows.append((f"BDC-{tag}-{i}", stamp, stamp, "Administrator", "Administrator", 0, f"BC-{tag}-c{i}",
				f"小{i}", rng.choice(communities), "物资帮扶", "Normal", "…", "Published", states["Published"],
				now - datetime.timedelta(days=30), "Claimed", "Administrator", now - datetime.timedelta(days=10)))  # fmt: skip
		start = time.perf_counter()
		frappe.db.bulk_insert("Child Demand", fields, rows, chunk_size=10000)
		frappe.db.commit()
		for table in ("tabChild Demand", "tabChild Demand Move"):
			frappe.db.sql(f"analyze table `{table}`")
		print(
			f"inserted {n_demands} open demands and {n_claims} stale claims in {time.perf_counter() - start:.1f}s"
		)

		start = time.perf_counter()
		result = escalation.escalate_demands()
		first = time.perf_counter() - start
		start = time.perf_counter()
		again = escalation.escalate_demands()
		second = time.perf_counter() - start
		histories = frappe.db.count("Child Demand Move", {"parent": ("like", f"BD%-{tag}-%")})
		print(
			f"escalate_demands over {n_demands + n_claims} open demands: moved {result['moved']}, released"
			f" {result['released']}, {histories} history rows, in {first:.2f}s (goal: under {GOAL_SECONDS}s)"
		)
		print(f"second run: moved {again['moved']}, released {again['released']} in {second:.2f}s")
	finally:
		frappe.db.rollback()
		frappe.db.delete("Child Demand Move", {"parent": ("like", f"BD%-{tag}-%")})
		frappe.db.delete("Child Demand", {"name": ("like", f"BD%-{tag}-%")})
		for area in frappe.get_all(
			"Care Area", filters={"name": ("like", f"%-{tag}")}, order_by="lft desc", pluck="name"
		):
			frappe.delete_doc("Care Area", area, force=True, ignore_permissions=True)
		frappe.db.commit()
		frappe.destroy()


if __name__ == "__main__":
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--demands", type=int, default=100_000)
	parser.add_argument("--claims", type=int, default=5_000)
	args = parser.parse_args()
	main(args.site, args.demands, args.claims)
