"""The desk list of Child Profile for a street officer at province scale, over real HTTP: the site served by
gunicorn (Frappe's production server; --workers, 3 by default for this 2-core machine) with an RQ background
worker beside it, loaded by locust users (benchmarks/locustfile_desk_list.py): first 1 user alone (the
baseline: what one request costs), then 8 concurrent users. Prints median and p95 of the list's two requests
together (goal: p95 ≤ 150 ms with 8 users) and of each, with the load average of the machine.

The site's System Settings are left as they are (kidcare changes nothing that is not its own): with Apply
Strict User Permissions off (Frappe's default) Frappe's condition is ``ifnull(care_area,'')='' or care_area
in (...)``, which no index serves; kidcare's permission_query_conditions AND a plain ``care_area in (...)``
(kidcare.permissions.area_condition) so MariaDB range-scans the (care_area, modified) index.
The benchmark's officer (a User and her User Permission) is deleted at the end: the site is left as found.

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


def remove_officer(frappe):
	"""Leave the site as found: the benchmark's officer, her User Permission, her contact and her sessions
	go (rows deleted directly: Frappe refuses to delete a user while no other System Manager exists)."""
	frappe.set_user("Administrator")
	for contact in frappe.get_all("Contact", filters={"user": USER}, pluck="name"):
		frappe.delete_doc("Contact", contact, ignore_permissions=True, force=True)
	frappe.db.delete("User Permission", {"user": USER})
	frappe.db.delete("Has Role", {"parent": USER, "parenttype": "User"})
	frappe.db.delete("Activity Log", {"user": USER})
	frappe.db.delete("Sessions", {"user": USER})
	frappe.db.delete("Version", {"ref_doctype": "User", "docname": USER})
	frappe.db.delete("User", {"name": USER})
	frappe.db.sql("delete from `__Auth` where doctype = 'User' and name = %s", USER)
	frappe.db.commit()
	frappe.clear_cache(user=USER)


def run_locust(locust: str, url: str, site: str, users: int, seconds: int, logs: Path) -> dict:
	env = {**os.environ, "KC_SITE": site, "KC_USER": USER, "KC_PASSWORD": PASSWORD}
	prefix = logs / f"desk-{users}"
	subprocess.run(
		[locust, "-f", str(Path(__file__).with_name("locustfile_desk_list.py")), "--headless",
		 "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--host", url,
		 "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
		env=env, check=False, stdout=open(f"{prefix}.log", "w"), stderr=subprocess.STDOUT,
	)  # fmt: skip
	with open(f"{prefix}_stats.csv") as f:
		return {row["Name"]: row for row in csv.DictReader(f)}, os.getloadavg()


def report(stats: dict, users: int, loadavg, goal: bool):
	print(f"  {users} concurrent locust user(s); load average {', '.join(f'{x:.2f}' for x in loadavg)}:")
	for name, row in stats.items():
		if name in ("Aggregated", "/api/method/login"):
			continue
		p95 = float(row["95%"])
		verdict = ""
		if name.startswith("desk list") and goal:
			verdict = f" (goal <= 150 ms) {'MET' if p95 <= 150 else 'NOT MET'}"
		print(
			f"    {name}: {row['Request Count']} requests, {row['Failure Count']} failures,"
			f" median {row['50%']} ms, p95 {p95:.0f} ms" + verdict
		)


def main(site: str, locust: str, users: int, seconds: int, workers: int):
	import requests
	from province import connect, ensure

	frappe = connect(site)
	try:
		ensure(frappe)
		street_officer(frappe)
		# the site's System Settings are only read (see the docstring)
		strict = frappe.db.get_single_value("System Settings", "apply_strict_user_permissions")
		frappe.set_user(USER)
		query = frappe.get_list(
			"Child Profile", fields=["name"], order_by="`tabChild Profile`.`modified` desc",
			limit_page_length=20, run=0,
		)  # fmt: skip
		frappe.set_user("Administrator")
		plan = frappe.db.sql(f"explain {query}", as_dict=True)[0]
		children = frappe.db.count("Child Profile")
		streets = frappe.db.count("Care Area", {"area_type": "Street"})
		mine = frappe.db.sql(
			"""select count(*) from `tabChild Profile` c join `tabCare Area` a on a.name = c.care_area
			join `tabCare Area` s on s.name = %s where a.lft between s.lft and s.rgt""",
			STREET,
		)[0][0]
	except Exception:
		remove_officer(frappe)
		frappe.destroy()
		raise
	frappe.db.close()

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
		baseline = run_locust(locust, url, site, 1, max(10, seconds // 3), logs)
		loaded = run_locust(locust, url, site, users, seconds, logs)
	finally:
		for process in (worker, server):
			process.terminate()
			try:
				process.wait(timeout=20)
			except subprocess.TimeoutExpired:
				process.kill()
		frappe.connect()
		remove_officer(frappe)
		frappe.destroy()

	print(
		f"desk list of Child Profile for a street officer ({mine} children in her street; {children:,} children"
		f" in {streets} streets on the site), over HTTP: gunicorn {workers} workers + 1 background worker;"
		f" System Settings' strict user permissions {'on' if strict else 'off'} (left as found)"
	)
	print(
		f"  the 20 rows' query: {plan['type']} on index {plan['key']}, {plan['rows']} rows examined"
		f" ({plan['Extra']})"
	)
	report(baseline[0], 1, baseline[1], goal=False)
	report(loaded[0], users, loaded[1], goal=True)
	print(f"  (logs in {logs}; figures on a shared 2-core machine: see the load averages)")


if __name__ == "__main__":
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument(
		"--locust", default="locust", help="the locust executable (benchmarks/requirements.txt)"
	)
	parser.add_argument("--users", type=int, default=8)
	parser.add_argument("--seconds", type=int, default=60)
	parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (2 cores: 3)")
	args = parser.parse_args()
	main(args.site, args.locust, args.users, args.seconds, args.workers)
