"""Benchmark of matching on synthetic data; prints figures, asserts nothing.

    # the algorithm alone (any Python with numpy and scipy):
    python benchmarks/matching.py
    # through the API on a real site (rows inserted in one transaction and rolled back):
    KIDCARE_BENCH=/home/frappe/frappe-bench $KIDCARE_BENCH/env/bin/python benchmarks/matching.py --site kidcare-test.localhost

Figures: suggest_volunteers for one child among 5,000 Active volunteers (server time: the whole
function, queries included), and plan_matches for 10,000 waiting children and 10,000 free
volunteers, with its total score beside greedy's.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kidcare.data import CARE_NEEDS, CARE_SKILLS, NEED_SKILLS
from kidcare.rules import matching

SKILLS = [s for names in CARE_SKILLS.values() for s in names]
NEEDS = [n for names in CARE_NEEDS.values() for n in names]
STREETS = [f"S{s}" for s in range(4)]
COMMUNITIES = {f"S{s}C{c}": f"S{s}" for s in range(4) for c in range(3)}


def synthetic(n_children: int, n_volunteers: int, seed: int = 2026):
	rng = random.Random(seed)
	areas = list(COMMUNITIES)

	def place():
		return 30.20 + rng.uniform(-0.06, 0.06), 120.20 + rng.uniform(-0.06, 0.06)

	children = []
	for i in range(n_children):
		community = rng.choice(areas)
		lat, lon = place()
		children.append(
			matching.Child(
				f"C{i}",
				community,
				COMMUNITIES[community],
				lat,
				lon,
				[(n, rng.choice(["High", "Medium", "Low"])) for n in rng.sample(NEEDS, rng.randint(1, 3))],
				rng.sample(SKILLS, rng.randint(0, 2)),
			)
		)
	volunteers = []
	for i in range(n_volunteers):
		community = rng.choice(areas)
		lat, lon = place()
		volunteers.append(
			matching.Volunteer(
				f"V{i}",
				community,
				COMMUNITIES[community],
				lat,
				lon,
				rng.sample(SKILLS, rng.randint(1, 3)),
				1,
				0,
			)
		)
	return children, volunteers


def algorithm(n: int):
	children, volunteers = synthetic(n, n)
	start = time.perf_counter()
	pool = matching.Pool(volunteers, NEED_SKILLS, matching.Weights())
	built = time.perf_counter()
	plan, greedy, n_edges = matching.plan(pool, children)
	solved = time.perf_counter()
	print(f"plan (algorithm): {n} children x {n} volunteers, {n_edges} candidate edges")
	print(
		f"  pool {built - start:.2f}s, candidates and assignment {solved - built:.2f}s, total {solved - start:.2f}s"
	)
	print(
		f"  matched {len(plan)}, total score {matching.total(plan)} vs greedy {matching.total(greedy)} ({len(greedy)} matched), ratio {matching.total(plan) / max(matching.total(greedy), 1):.4f}"
	)


def on_site(site: str, n_suggest: int, n_plan: int):
	import frappe

	bench = Path(os.environ["KIDCARE_BENCH"])
	os.chdir(bench / "sites")
	frappe.init(site=site, sites_path=str(bench / "sites"))
	frappe.connect()
	frappe.flags.mute_emails = True
	from kidcare import api

	try:
		tag = frappe.generate_hash(length=5)
		district = insert_areas(frappe, tag)
		children, volunteers = synthetic(1, n_suggest)
		child_names = insert_children(frappe, tag, children)
		insert_volunteers(frappe, tag, volunteers)
		timings = []
		for _ in range(20):
			start = time.perf_counter()
			found = api.suggest_volunteers(child_names[0], limit=5)
			timings.append(time.perf_counter() - start)
		print(f"suggest_volunteers: 1 child among {n_suggest} Active volunteers, 20 calls")
		print(
			f"  median {statistics.median(timings) * 1000:.0f} ms, max {max(timings) * 1000:.0f} ms; best {found[0]['score']} ({found[0]['reasons']})"
		)
		frappe.db.rollback()

		district = insert_areas(frappe, tag)
		children, volunteers = synthetic(n_plan, n_plan)
		insert_children(frappe, tag, children)
		insert_volunteers(frappe, tag, volunteers)
		start = time.perf_counter()
		plan = api.plan_matches(care_area=district)
		elapsed = time.perf_counter() - start
		print(f"plan_matches: {n_plan} waiting children x {n_plan} free volunteers, through the API")
		print(
			f"  {elapsed:.1f}s, {len(plan['assignments'])} assigned, total score {plan['total_score']} vs greedy {plan['greedy_total_score']}"
			f" (ratio {plan['total_score'] / max(plan['greedy_total_score'], 1):.4f})"
		)
	finally:
		frappe.db.rollback()
		frappe.destroy()


def insert_areas(frappe, tag):
	district = f"基准区-{tag}"
	frappe.get_doc({"doctype": "Care Area", "care_area_name": district, "area_type": "District"}).insert()
	for street in STREETS:
		frappe.get_doc(
			{
				"doctype": "Care Area",
				"care_area_name": f"{street}-{tag}",
				"area_type": "Street",
				"parent_care_area": district,
			}
		).insert()
	for community, street in COMMUNITIES.items():
		frappe.get_doc(
			{
				"doctype": "Care Area",
				"care_area_name": f"{community}-{tag}",
				"area_type": "Community",
				"parent_care_area": f"{street}-{tag}",
			}
		).insert()
	return district


def insert_children(frappe, tag, children):
	now = frappe.utils.now()
	rows, needs, interests = [], [], []
	for i, c in enumerate(children):
		name = f"BC-{tag}-{i}"
		rows.append(
			(
				name,
				now,
				now,
				"Administrator",
				"Administrator",
				f"儿童{i}",
				"Female",
				"2015-01-01",
				f"{c.community}-{tag}",
				"Awaiting Pairing",
				c.latitude,
				c.longitude,
			)
		)
		needs += [
			(f"{name}-n{j}", now, now, name, "Child Profile", "needs", j + 1, n, p)
			for j, (n, p) in enumerate(c.needs)
		]
		interests += [
			(f"{name}-i{j}", now, now, name, "Child Profile", "interests", j + 1, s)
			for j, s in enumerate(c.interests)
		]
	frappe.db.bulk_insert(
		"Child Profile",
		[
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"full_name",
			"gender",
			"date_of_birth",
			"care_area",
			"status",
			"latitude",
			"longitude",
		],
		rows,
	)
	frappe.db.bulk_insert(
		"Child Need",
		[
			"name",
			"creation",
			"modified",
			"parent",
			"parenttype",
			"parentfield",
			"idx",
			"care_need",
			"priority",
		],
		needs,
	)
	frappe.db.bulk_insert(
		"Child Interest",
		["name", "creation", "modified", "parent", "parenttype", "parentfield", "idx", "care_skill"],
		interests,
	)
	return [r[0] for r in rows]


def insert_volunteers(frappe, tag, volunteers):
	now = frappe.utils.now()
	rows, skills = [], []
	for i, v in enumerate(volunteers):
		name = f"BV-{tag}-{i}"
		rows.append(
			(
				name,
				now,
				now,
				"Administrator",
				"Administrator",
				f"志愿者{i}",
				"13900000000",
				f"{v.community}-{tag}",
				"Active",
				"Passed",
				"2026-01-01",
				1,
				0,
				v.latitude,
				v.longitude,
			)
		)
		skills += [
			(f"{name}-s{j}", now, now, name, "Care Volunteer", "skills", j + 1, s)
			for j, s in enumerate(v.skills)
		]
	frappe.db.bulk_insert(
		"Care Volunteer",
		[
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"full_name",
			"mobile",
			"care_area",
			"status",
			"screening_status",
			"training_completed_on",
			"capacity",
			"active_pairings",
			"latitude",
			"longitude",
		],
		rows,
	)
	frappe.db.bulk_insert(
		"Care Volunteer Skill",
		["name", "creation", "modified", "parent", "parenttype", "parentfield", "idx", "care_skill"],
		skills,
	)


if __name__ == "__main__":
	parser = argparse.ArgumentParser()
	parser.add_argument("--site")
	parser.add_argument("--children", type=int, default=10_000)
	parser.add_argument("--volunteers-for-suggest", type=int, default=5_000)
	args = parser.parse_args()
	if args.site:
		on_site(args.site, args.volunteers_for_suggest, args.children)
	else:
		algorithm(args.children)
