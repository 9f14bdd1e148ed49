"""The desk list of Child Profile for a street officer at province scale, over real HTTP: the site served by
gunicorn (Frappe's production server, 5 workers as common_site_config's gunicorn_workers) with an RQ
background worker beside it, loaded by 8 concurrent locust users (benchmarks/locustfile_desk_list.py).
Prints the p95 of the list's two requests together (goal ≤ 150 ms) and of each.

    python3 -m venv /tmp/kc-bench-venv && /tmp/kc-bench-venv/bin/pip install -r benchmarks/requirements.txt
    KIDCARE_BENCH=/home/frappe/frappe-bench $KIDCARE_BENCH/env/bin/python benchmarks/desk_list.py \\
        --site kc-bench.localhost --locust /tmp/kc-bench-venv/bin/locust

On the data set of benchmarks/province.py: 110,000 children in 400 streets; the officer's User Permission is
on one street (about 275 children in its 10 communities).
"""

import argparse
import csv
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

PASSWORD = "Kidcare-Bench-Pw-2026!"
USER = "street-officer@bench.kidcare.test"
STREET = "990101001000"


def street_officer(frappe) -> str:
	if not frappe.db.exists("User", USER):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": USER,
				"first_name": "街道专干",
				"send_welcome_email": 0,
				"new_password": PASSWORD,
				"roles": [{"role": "Street Officer"}],
			}
		).insert(ignore_permissions=True)
		frappe.get_doc(
			{"doctype": "User Permission", "user": USER, "allow": "Care Area", "for_value": STREET}
		).insert(ignore_permissions=True)
		frappe.db.commit()
	return USER


def free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


def main(site: str, locust: str, users: int, seconds: int, workers: int, strict: bool):
	import requests
	from province import connect, ensure

	frappe = connect(site)
	try:
		ensure(frappe)
		street_officer(frappe)
		# System Settings > Apply Strict User Permissions: Frappe's list condition for a User Permission is
		# then `care_area in (...)` instead of `ifnull(care_area, '') = '' or care_area in (...)`, which no
		# index can serve (the count reads the whole table); a province site should set it
		frappe.db.set_single_value("System Settings", "apply_strict_user_permissions", int(strict))
		frappe.db.commit()
		children = frappe.db.count("Child Profile")
		streets = frappe.db.count("Care Area", {"area_type": "Street"})
		mine = frappe.db.sql(
			"""select count(*) from `tabChild Profile` c join `tabCare Area` a on a.name = c.care_area
			join `tabCare Area` s on s.name = %s where a.lft between s.lft and s.rgt""",
			STREET,
		)[0][0]
	finally:
		frappe.destroy()

	bench = Path(os.environ["KIDCARE_BENCH"])
	sites = bench / "sites"
	port = free_port()
	logs = Path(tempfile.mkdtemp(prefix="kc-desk-list-"))
	server = subprocess.Popen(
		[str(bench / "env/bin/gunicorn"), "-b", f"127.0.0.1:{port}", "-w", str(workers), "-t", "120",
		 "--preload", "frappe.app:application"],
		cwd=sites, stdout=open(logs / "gunicorn.log", "w"), stderr=subprocess.STDOUT,
	)  # fmt: skip
	worker = subprocess.Popen(
		[str(bench / "env/bin/python"), "-m", "frappe.utils.bench_helper", "frappe", "worker"],
		cwd=sites, stdout=open(logs / "worker.log", "w"), stderr=subprocess.STDOUT,
	)  # fmt: skip
	try:
		url = f"http://127.0.0.1:{port}"
		deadline = time.monotonic() + 90
		while True:
			try:
				if requests.get(f"{url}/api/method/ping", headers={"Host": site}, timeout=2).ok:
					break
			except requests.ConnectionError:
				pass
			if server.poll() is not None or time.monotonic() > deadline:
				raise RuntimeError(f"gunicorn did not start: see {logs / 'gunicorn.log'}")
			time.sleep(0.5)
		env = {**os.environ, "KC_SITE": site, "KC_USER": USER, "KC_PASSWORD": PASSWORD}
		subprocess.run(
			[locust, "-f", str(Path(__file__).with_name("locustfile_desk_list.py")), "--headless",
			 "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--host", url,
			 "--csv", str(logs / "desk"), "--only-summary", "--loglevel", "WARNING"],
			env=env, check=False, stdout=open(logs / "locust.log", "w"), stderr=subprocess.STDOUT,
		)  # fmt: skip
		with open(logs / "desk_stats.csv") as f:
			stats = {row["Name"]: row for row in csv.DictReader(f)}
	finally:
		for process in (worker, server):
			process.terminate()
			try:
				process.wait(timeout=20)
			except subprocess.TimeoutExpired:
				process.kill()

	print(
		f"desk list of Child Profile for a street officer ({mine} children in her street; {children:,} children"
		f" in {streets} streets on the site), over HTTP: gunicorn {workers} workers + 1 background worker,"
		f" {users} concurrent locust users for {seconds} s; strict user permissions {'on' if strict else 'off'}"
	)
	for name, row in stats.items():
		if name == "Aggregated" or name == "/api/method/login":
			continue
		p95 = float(row["95%"])
		goal = name.startswith("desk list")
		print(
			f"  {name}: {row['Request Count']} requests, {row['Failure Count']} failures, median {row['50%']} ms,"
			f" p95 {p95:.0f} ms" + (f" (goal <= 150 ms) {'MET' if p95 <= 150 else 'NOT MET'}" if goal else "")
		)
	print(f"  (logs in {logs})")


if __name__ == "__main__":
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument(
		"--locust", default="locust", help="the locust executable (benchmarks/requirements.txt)"
	)
	parser.add_argument("--users", type=int, default=8)
	parser.add_argument("--seconds", type=int, default=60)
	parser.add_argument("--workers", type=int, default=5)
	parser.add_argument("--no-strict", dest="strict", action="store_false")
	args = parser.parse_args()
	main(args.site, args.locust, args.users, args.seconds, args.workers, args.strict)
