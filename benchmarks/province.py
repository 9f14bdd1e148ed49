"""A province-sized data set on a scratch site, made set-based inside MariaDB (INSERT ... SELECT over the
sequence engine's seq_1_to_N tables), committed and kept, so that every province benchmark reads the same
data and a rerun of a benchmark does not rebuild it. Never run it on a site with real data.

    KIDCARE_BENCH=/home/frappe/frappe-bench $KIDCARE_BENCH/env/bin/python benchmarks/province.py --site kc-bench.localhost
    (add --rebuild to drop and make it again)

The province (code 99, "基准省") has one big city of 20 districts × 20 streets × 10 communities (400 streets,
4,000 communities, each area named by its 12-digit code as the naming rule does) and a small second city.
Streets lie on a 20 × 20 grid 0.06° apart (about 6.6 km), communities around their street, people within
about 1 km of their community. In it:

- 110,000 children: 100,000 paired, 10,000 waiting (two needs and one interest each);
- 20,000 Active volunteers: 10,000 full (capacity 10, all taken), 10,000 with one free place (two skills);
- 100,000 Active pairings (the paired children with the full volunteers, since January 1st);
- 1,500,000 contacts, 15 per pairing, spread from January 1st to today.
"""

import argparse
import datetime
import math
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PROVINCE = "990000000000"
CITY = "990100000000"
OTHER_CITY = "990200000000"
DISTRICTS, STREETS, COMMUNITIES = 20, 20, 10  # per city, per district, per street
N_CHILDREN, N_PAIRED, N_VOLUNTEERS, N_FULL, CONTACTS_PER_PAIRING = 110_000, 100_000, 20_000, 10_000, 15
SPACING = 0.06


def connect(site: str):
	import frappe

	bench = Path(os.environ["KIDCARE_BENCH"])
	os.chdir(bench / "sites")
	frappe.init(site=site, sites_path=str(bench / "sites"))
	frappe.connect()
	frappe.flags.mute_emails = True
	return frappe


def built(frappe) -> bool:
	return (
		bool(frappe.db.exists("Care Area", PROVINCE))
		and frappe.db.count("Care Contact", {"name": ("like", "BPA%")}) >= N_PAIRED * CONTACTS_PER_PAIRING
	)


def areas():
	"""(code, title, type, parent, lat, lon) top down."""
	rows = [
		(PROVINCE, "基准省", "Province", None, 30.0, 120.0),
		(CITY, "基准市", "City", PROVINCE, 30.0, 120.0),
	]
	for d in range(DISTRICTS):
		district = f"9901{d + 1:02d}000000"
		rows.append((district, f"基准县{d + 1:02d}", "District", CITY, None, None))
		for s in range(STREETS):
			street = f"{district[:6]}{s + 1:03d}000"
			# the 400 streets on a 20 x 20 grid: district d owns row d
			lat, lon = 29.4 + d * SPACING, 119.4 + s * SPACING
			rows.append((street, f"基准镇{d + 1:02d}-{s + 1:02d}", "Street", district, lat, lon))
			for c in range(COMMUNITIES):
				angle = 2 * 3.14159 * c / COMMUNITIES
				rows.append(
					(
						f"{street[:9]}{c + 1:03d}",
						"新村" if c == 0 else f"基准村{c + 1:02d}",  # every street has a 新村
						"Community",
						street,
						lat + 0.015 * math.sin(angle),
						lon + 0.015 * math.cos(angle),
					)
				)
	rows += [
		(OTHER_CITY, "另一基准市", "City", PROVINCE, None, None),
		("990201000000", "另一基准县", "District", OTHER_CITY, None, None),
		("990201001000", "另一基准镇", "Street", "990201000000", 31.5, 121.5),
		("990201001001", "新村", "Community", "990201001000", 31.5, 121.5),
	]
	return rows


def nested_set(rows):
	children: dict[str | None, list[str]] = {}
	for code, _title, _type, parent, *_ in rows:
		children.setdefault(parent, []).append(code)
	bounds, counter = {}, [0]

	def walk(code):
		counter[0] += 1
		left = counter[0]
		for child in children.get(code, ()):
			walk(child)
		counter[0] += 1
		bounds[code] = (left, counter[0])

	sys.setrecursionlimit(10_000)
	# the site's other trees sit to the left: start after them
	for root in children[None]:
		walk(root)
	return bounds


def drop(frappe):
	for doctype, pattern in (
		("Monthly Review", "BPA%"),
		("Care Contact", "BPA%"),
		("Care Pairing", "BPA%"),
		("Child Need", "BCH%"),
		("Child Interest", "BCH%"),
		("Care Volunteer Skill", "BVO%"),
		("Child Profile", "BCH%"),
		("Care Volunteer", "BVO%"),
	):
		column = "parent" if doctype in ("Child Need", "Child Interest", "Care Volunteer Skill") else "name"
		frappe.db.sql(f"delete from `tab{doctype}` where `{column}` like %s", pattern)
		frappe.db.commit()
	frappe.db.sql("delete from `tabCare Area` where name like '99%%' and length(name) = 12")
	frappe.db.commit()
	from frappe.utils.nestedset import rebuild_tree

	rebuild_tree("Care Area")
	frappe.db.commit()


def build(frappe):
	from kidcare.data import CARE_NEEDS, CARE_SKILLS

	t0 = time.perf_counter()
	now = frappe.utils.now()
	year_start = datetime.date.today().replace(month=1, day=1)
	days = max((datetime.date.today() - year_start).days, 1)
	rows = areas()
	start = (frappe.db.sql("select coalesce(max(rgt), 0) from `tabCare Area`")[0][0] or 0) + 1
	bounds = nested_set(rows)
	frappe.db.bulk_insert(
		"Care Area",
		[
			*("name", "creation", "modified", "owner", "modified_by", "care_area_name", "area_type"),
			*("parent_care_area", "area_code", "is_group", "lft", "rgt"),
		],
		[
			(
				*(code, now, now, "Administrator", "Administrator", title, area_type, parent, code),
				*(0 if area_type == "Community" else 1, bounds[code][0] + start, bounds[code][1] + start),
			)
			for code, title, area_type, parent, _lat, _lon in rows
		],
	)
	# the communities numbered 0..3999 with their centres, the needs and skills numbered, for the SELECTs
	frappe.db.commit()
	frappe.db.sql_ddl("drop temporary table if exists bench_place")
	frappe.db.sql_ddl(
		"create temporary table bench_place (idx int primary key, name varchar(140), lat double, lon double)"
	)
	communities = [(code, lat, lon) for code, _t, kind, _p, lat, lon in rows if kind == "Community"][:4000]
	frappe.db._cursor.executemany(
		"insert into bench_place values (%s, %s, %s, %s)", [(i, *c) for i, c in enumerate(communities)]
	)
	frappe.db.sql_ddl("drop temporary table if exists bench_word")
	frappe.db.sql_ddl(
		"create temporary table bench_word (kind varchar(10), idx int, word varchar(140), primary key (kind, idx))"
	)
	needs = [n for names in CARE_NEEDS.values() for n in names]
	skills = [s for names in CARE_SKILLS.values() for s in names]
	frappe.db._cursor.executemany(
		"insert into bench_word values (%s, %s, %s)",
		[("need", i, n) for i, n in enumerate(needs)] + [("skill", i, s) for i, s in enumerate(skills)],
	)
	n_comm, n_need, n_skill = len(communities), len(needs), len(skills)
	print(f"  areas: {len(rows)} in {time.perf_counter() - t0:.1f}s")

	sql = frappe.db.sql
	sql(
		f"""insert into `tabChild Profile` (name, creation, modified, owner, modified_by, full_name, gender,
		date_of_birth, care_area, status, latitude, longitude, guardian_consent, docstatus)
		select concat('BCH', lpad(s.seq, 6, '0')), %(now)s, %(now)s, 'Administrator', 'Administrator',
			concat('儿童', s.seq), if(s.seq %% 2, 'Female', 'Male'), date_sub('2016-06-01', interval s.seq %% 3000 day),
			p.name, if(s.seq <= {N_PAIRED}, 'Paired', 'Awaiting Pairing'),
			p.lat + (rand(s.seq) - 0.5) * 0.018, p.lon + (rand(s.seq + 7) - 0.5) * 0.018, 1, 0
		from seq_1_to_{N_CHILDREN} s join bench_place p on p.idx = s.seq %% {n_comm}""",
		{"now": now},
	)
	for k in (0, 1):
		sql(
			f"""insert into `tabChild Need` (name, creation, modified, parent, parenttype, parentfield, idx, care_need, priority)
			select concat('BCH', lpad(s.seq, 6, '0'), '-n{k}'), %(now)s, %(now)s, concat('BCH', lpad(s.seq, 6, '0')),
				'Child Profile', 'needs', {k + 1}, w.word, elt(1 + (s.seq + {k}) %% 3, 'High', 'Medium', 'Low')
			from seq_{N_PAIRED + 1}_to_{N_CHILDREN} s join bench_word w on w.kind = 'need'
				and w.idx = (s.seq * {3 + 4 * k}) %% {n_need}""",
			{"now": now},
		)
	sql(
		f"""insert into `tabChild Interest` (name, creation, modified, parent, parenttype, parentfield, idx, care_skill)
		select concat('BCH', lpad(s.seq, 6, '0'), '-i0'), %(now)s, %(now)s, concat('BCH', lpad(s.seq, 6, '0')),
			'Child Profile', 'interests', 1, w.word
		from seq_{N_PAIRED + 1}_to_{N_CHILDREN} s join bench_word w on w.kind = 'skill' and w.idx = (s.seq * 5) %% {n_skill}""",
		{"now": now},
	)
	frappe.db.commit()
	print(f"  children: {N_CHILDREN} in {time.perf_counter() - t0:.1f}s")

	sql(
		f"""insert into `tabCare Volunteer` (name, creation, modified, owner, modified_by, full_name, gender, mobile,
		care_area, status, screening_status, training_completed_on, capacity, active_pairings, latitude, longitude)
		select concat('BVO', lpad(s.seq, 6, '0')), %(now)s, %(now)s, 'Administrator', 'Administrator',
			concat('志愿者', s.seq), 'Female', '13900000000', p.name, 'Active', 'Passed', '2026-01-01',
			if(s.seq <= {N_FULL}, 10, 1), if(s.seq <= {N_FULL}, 10, 0),
			p.lat + (rand(s.seq + 11) - 0.5) * 0.018, p.lon + (rand(s.seq + 13) - 0.5) * 0.018
		from seq_1_to_{N_VOLUNTEERS} s join bench_place p on p.idx = (s.seq * 7) %% {n_comm}""",
		{"now": now},
	)
	for k in (0, 1):
		sql(
			f"""insert into `tabCare Volunteer Skill` (name, creation, modified, parent, parenttype, parentfield, idx, care_skill)
			select concat('BVO', lpad(s.seq, 6, '0'), '-s{k}'), %(now)s, %(now)s, concat('BVO', lpad(s.seq, 6, '0')),
				'Care Volunteer', 'skills', {k + 1}, w.word
			from seq_1_to_{N_VOLUNTEERS} s join bench_word w on w.kind = 'skill' and w.idx = (s.seq * {7 + 6 * k}) %% {n_skill}""",
			{"now": now},
		)
	frappe.db.commit()
	print(f"  volunteers: {N_VOLUNTEERS} in {time.perf_counter() - t0:.1f}s")

	sql(
		f"""insert into `tabCare Pairing` (name, creation, modified, owner, modified_by, docstatus, child, child_name,
		volunteer, volunteer_name, care_area, status, start_date)
		select concat('BPA', lpad(s.seq, 6, '0')), %(now)s, %(now)s, 'Administrator', 'Administrator', 1,
			concat('BCH', lpad(s.seq, 6, '0')), concat('儿童', s.seq),
			concat('BVO', lpad(1 + (s.seq - 1) %% {N_FULL}, 6, '0')), concat('志愿者', 1 + (s.seq - 1) %% {N_FULL}),
			p.name, 'Active', %(year_start)s
		from seq_1_to_{N_PAIRED} s join bench_place p on p.idx = s.seq %% {n_comm}""",
		{"now": now, "year_start": year_start},
	)
	frappe.db.commit()
	print(f"  pairings: {N_PAIRED} in {time.perf_counter() - t0:.1f}s")
	types = "'Home Visit', 'Phone or Video', 'Home Visit', 'Activity', 'Phone or Video', 'Outing'"
	for lo in range(1, N_PAIRED + 1, 20_000):
		hi = min(lo + 19_999, N_PAIRED)
		sql(
			f"""insert into `tabCare Contact` (name, creation, modified, owner, modified_by, docstatus, pairing, child,
			child_name, volunteer, care_area, contact_date, contact_type, duration_minutes, summary, check_in_method)
			select concat(p.name, '-', c.seq), %(now)s, %(now)s, 'Administrator', 'Administrator', 0, p.name, p.child,
				p.child_name, p.volunteer, p.care_area,
				date_add(%(year_start)s, interval (c.seq * 23 + s.seq) %% {days} day),
				elt(1 + (c.seq + s.seq) %% 6, {types}), 30 + 15 * ((c.seq + s.seq) %% 7), '基准', 'Manual'
			from seq_{lo}_to_{hi} s join `tabCare Pairing` p on p.name = concat('BPA', lpad(s.seq, 6, '0'))
			join seq_1_to_{CONTACTS_PER_PAIRING} c""",
			{"now": now, "year_start": year_start},
		)
		frappe.db.commit()
		print(f"  contacts: {hi * CONTACTS_PER_PAIRING} in {time.perf_counter() - t0:.1f}s", flush=True)
	for doctype in (
		"Care Area",
		"Child Profile",
		"Care Volunteer",
		"Care Pairing",
		"Care Contact",
		"Child Need",
	):
		frappe.db.sql_ddl(f"analyze table `tab{doctype}`")
	print(f"  built in {time.perf_counter() - t0:.1f}s")


def ensure(frappe, rebuild: bool = False):
	from kidcare.indexes import ensure_indexes

	ensure_indexes()
	if rebuild or (frappe.db.exists("Care Area", PROVINCE) and not built(frappe)):
		drop(frappe)
	if not built(frappe):
		print("building the province data set (once; kept for the other benchmarks)")
		build(frappe)


if __name__ == "__main__":
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--rebuild", action="store_true")
	args = parser.parse_args()
	frappe = connect(args.site)
	try:
		ensure(frappe, args.rebuild)
	finally:
		frappe.destroy()
