"""Proof that kidcare's reports, cards, charts and the desk list's count run on a read replica when the
site has ``read_from_replica`` (#16), on Frappe's own machinery (frappe.read_only, frappe.connect_replica).

Self-contained: it starts its own pair of MariaDB servers on 127.0.0.1 (the machine's MariaDB on 3306 has
no binary log and is left alone): a primary with ``log_bin`` and a replica that replicates from it (GTID,
CHANGE MASTER TO ... START SLAVE), both in a temporary directory. The site's database is copied into the
primary under another name (so nothing, not even Redis' cache keys, is shared with the site) and reaches
the replica by replication. The process then points its Frappe at them the way a province's
site_config.json would (db_host/db_port the primary; read_from_replica, replica_host, replica_db_port)
without writing the site's config, makes a small district on the primary (a street officer, children,
pairings, contacts this month), waits for the replica to have it, and adds on the replica alone a marker
child in the officer's street: a figure that counts it came from the replica.

For each of Pairing Compliance (through frappe.desk.query_report.run, as the desk runs it), a card, a
chart and the list's count (frappe.desk.reportview.get_count), run as the street officer, it prints the
statements each server received (from both servers' general logs) and whether the answer saw the marker.
Everything it started is stopped and its directory deleted at the end.

    KIDCARE_BENCH=/home/frappe/frappe-bench $KIDCARE_BENCH/env/bin/python benchmarks/replica.py \\
        --site kc-desk.localhost            # run as root (mariadbd runs as --user=root) or as frappe
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "integration"))

DB_NAME = "kc_replica_proof"
DB_PASSWORD = "Kc-Replica-Proof-2026"
REPL_PASSWORD = "Kc-Repl-2026"
#: the first line of a general log entry: [date time]<tab>thread command<tab>argument
ENTRY = re.compile(r"^(?:\d{6}\s+\d{1,2}:\d\d:\d\d)?\t+\s*(\d+) (\w[\w ]*?)\t(.*)$")


def free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


class Server:
	"""A throwaway mariadbd in ``root/name``."""

	def __init__(self, root: Path, name: str, server_id: int, binlog: bool):
		self.dir = root / name
		self.data = self.dir / "data"
		self.socket = self.dir / "mysqld.sock"
		self.port = free_port()
		self.general_log = self.dir / "general.log"
		self.dir.mkdir(parents=True)
		user = ["--user=root"] if os.geteuid() == 0 else []
		subprocess.run(
			["mariadb-install-db", "--no-defaults", f"--datadir={self.data}", "--skip-test-db",
			 "--auth-root-authentication-method=normal", *user],
			check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
		)  # fmt: skip
		args = [
			"mariadbd", "--no-defaults", f"--datadir={self.data}", f"--socket={self.socket}",
			f"--port={self.port}", "--bind-address=127.0.0.1", f"--server-id={server_id}",
			f"--pid-file={self.dir / 'mysqld.pid'}", f"--log-error={self.dir / 'error.log'}",
			"--innodb-buffer-pool-size=64M", "--skip-name-resolve", "--character-set-server=utf8mb4",
			"--collation-server=utf8mb4_unicode_ci", "--general-log=1", f"--general-log-file={self.general_log}",
			*user,
		]  # fmt: skip
		if binlog:
			args += [f"--log-bin={self.dir / 'binlog'}", "--binlog-format=ROW"]
		self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
		deadline = time.monotonic() + 60
		while self.sql("select 1", check=False).returncode != 0:
			if self.process.poll() is not None or time.monotonic() > deadline:
				raise RuntimeError(f"mariadbd {name} did not start: see {self.dir / 'error.log'}")
			time.sleep(0.3)

	def sql(self, statement: str, check: bool = True, database: str = "") -> subprocess.CompletedProcess:
		return subprocess.run(
			["mariadb", "--no-defaults", "-uroot", f"--socket={self.socket}", "-N", "-B", "-e", statement,
			 *([database] if database else [])],
			capture_output=True, text=True, check=check,
		)  # fmt: skip

	def value(self, statement: str, database: str = "") -> str:
		return self.sql(statement, database=database).stdout.strip()

	def log_size(self) -> int:
		return self.general_log.stat().st_size

	def statements_since(self, offset: int) -> list[str]:
		"""The SELECTs received since ``offset`` of the general log (an entry's continuation lines
		joined; the benchmark's own root bookkeeping, ``@@`` variables, left out)."""
		with open(self.general_log, encoding="utf-8", errors="replace") as f:
			f.seek(offset)
			text = f.read()
		entries: list[list[str]] = []
		for line in text.splitlines():
			match = ENTRY.match(line)
			if match:
				entries.append([match.group(2), match.group(3)])
			elif entries:
				entries[-1][1] += "\n" + line
		return [
			query
			for command, query in entries
			if command in ("Query", "Execute")
			and query.lstrip().lower().startswith(("select", "with"))
			and "@@" not in query
		]

	def stop(self):
		if self.process.poll() is None:
			self.process.terminate()
			try:
				self.process.wait(timeout=30)
			except subprocess.TimeoutExpired:
				self.process.kill()
				self.process.wait()


def copy_site_database(site_conf: dict, primary: Server):
	"""The site's database into the primary as DB_NAME (the replica gets it by replication)."""
	primary.sql(
		f"create database `{DB_NAME}` character set utf8mb4 collate utf8mb4_unicode_ci;"
		f" create user '{DB_NAME}'@'127.0.0.1' identified by '{DB_PASSWORD}';"
		f" grant all privileges on `{DB_NAME}`.* to '{DB_NAME}'@'127.0.0.1'"
	)
	dump = subprocess.Popen(
		["mariadb-dump", "--no-defaults", "-h", site_conf.get("db_host") or "127.0.0.1",
		 "-P", str(site_conf.get("db_port") or 3306), "-u", site_conf["db_name"], f"-p{site_conf['db_password']}",
		 "--single-transaction", "--skip-lock-tables", "--no-tablespaces", site_conf["db_name"]],
		stdout=subprocess.PIPE,
	)  # fmt: skip
	load = subprocess.run(
		["mariadb", "--no-defaults", "-uroot", f"--socket={primary.socket}", DB_NAME],
		stdin=dump.stdout, capture_output=True, text=True,
	)  # fmt: skip
	dump.stdout.close()
	if dump.wait() != 0 or load.returncode != 0:
		raise RuntimeError(f"copying the site's database failed: {load.stderr[-2000:]}")


def start_replication(primary: Server, replica: Server):
	primary.sql(
		f"create user 'repl'@'127.0.0.1' identified by '{REPL_PASSWORD}';"
		" grant replication slave on *.* to 'repl'@'127.0.0.1'"
	)
	replica.sql(
		f"change master to master_host='127.0.0.1', master_port={primary.port}, master_user='repl',"
		f" master_password='{REPL_PASSWORD}', master_use_gtid=slave_pos; start slave"
	)


def caught_up(primary: Server, replica: Server, timeout: int = 120) -> float:
	"""Wait until the replica has applied everything the primary wrote; returns the seconds waited."""
	start = time.monotonic()
	position = primary.value("select @@gtid_binlog_pos")
	waited = replica.value(f"select master_gtid_wait('{position}', {timeout})")
	if waited != "0":
		raise RuntimeError(f"the replica did not catch up: {replica.value('show slave status')}")
	return time.monotonic() - start


def make_district(frappe):
	"""A street with two communities, its officer, 12 children, 8 active pairings and this month's
	contacts for half of them: through the factories the integration tests use, on the primary."""
	from factories import (
		PASSWORD,
		grant_area,
		make_active_pairing,
		make_area_tree,
		make_child,
		make_volunteer,
		make_waiting_child,
	)

	tree = make_area_tree()
	officer = f"replica-officer-{frappe.generate_hash(length=6)}@bench.kidcare.test"
	frappe.get_doc(
		{"doctype": "User", "email": officer, "first_name": "街道专干", "send_welcome_email": 0,
		 "new_password": PASSWORD, "roles": [{"role": "Street Officer"}]}
	).insert(ignore_permissions=True)  # fmt: skip
	grant_area(officer, tree.street1)
	today = frappe.utils.getdate(frappe.utils.today())
	for i in range(12):
		area = tree.community11 if i % 2 else tree.community12
		child = make_waiting_child(area) if i < 8 else make_child(area).name
		if i < 8:
			volunteer = make_volunteer(tree.community11).name
			pairing = make_active_pairing(child, volunteer)
			if i < 4:
				frappe.get_doc(
					{"doctype": "Care Contact", "pairing": pairing, "contact_date": today,
					 "contact_type": "Phone or Video", "duration_minutes": 30, "summary": "本月电话联系"}
				).insert(ignore_permissions=True)  # fmt: skip
	frappe.db.commit()
	return tree, officer


def add_marker_on_replica(frappe, replica: Server, community: str) -> str:
	"""A child in the officer's community written on the replica alone (as root, past read_only): the
	primary never has it, so only an answer read from the replica counts it."""
	row = frappe.db.sql(
		"select * from `tabChild Profile` where care_area = %s limit 1", community, as_dict=True
	)[0]
	marker = "KC-REPLICA-MARKER"
	row.update(name=marker, full_name="只在副本上的标记", id_number=None, checkin_token=None)
	columns = ", ".join(f"`{c}`" for c in row)
	values = ", ".join("NULL" if v is None else frappe.db.escape(str(v)) for v in row.values())
	replica.sql(f"insert into `tabChild Profile` ({columns}) values ({values})", database=DB_NAME)
	return marker


def main(site: str, keep: bool):
	import frappe

	bench = Path(os.environ["KIDCARE_BENCH"])
	os.chdir(bench / "sites")
	site_conf = json.loads((bench / "sites" / site / "site_config.json").read_text())
	root = Path(tempfile.mkdtemp(prefix="kc-replica-"))
	os.chmod(root, 0o755)
	servers: list[Server] = []
	started = time.monotonic()
	try:
		primary = Server(root, "primary", 1, binlog=True)
		servers.append(primary)
		replica = Server(root, "replica", 2, binlog=False)
		servers.append(replica)
		start_replication(primary, replica)
		copy_site_database(site_conf, primary)
		copy_wait = caught_up(primary, replica)
		print(
			f"MariaDB primary on 127.0.0.1:{primary.port} (log_bin, server_id 1) and replica on"
			f" 127.0.0.1:{replica.port} (server_id 2, replicating by GTID): {site}'s database copied into"
			f" the primary as {DB_NAME}, on the replica {copy_wait:.1f} s later"
			f" (replica: {replica.value('select count(*) from information_schema.tables where table_schema=' + repr(DB_NAME))} tables)"
		)

		frappe.init(site=site, sites_path=str(bench / "sites"))
		# what a province's site_config.json says; set on this process only, the site's file is untouched
		frappe.local.conf.update(
			db_host="127.0.0.1", db_port=primary.port, db_name=DB_NAME, db_password=DB_PASSWORD,
			read_from_replica=1, replica_host="127.0.0.1", replica_db_port=replica.port,
		)  # fmt: skip
		frappe.connect()
		frappe.flags.mute_emails = True
		assert frappe.db.sql("select @@server_id")[0][0] == 1
		tree, officer = make_district(frappe)
		print(f"  a street with 12 children, 8 active pairings, 4 contacted this month, made on the primary;"
			f" on the replica {caught_up(primary, replica):.2f} s later")  # fmt: skip
		marker = add_marker_on_replica(frappe, replica, tree.community11)
		on_primary = frappe.db.count(
			"Child Profile", {"care_area": ("in", [tree.community11, tree.community12])}
		)
		print(f"  marker child {marker} written on the replica only; the primary counts {on_primary} children"
			f" in the street")  # fmt: skip

		from frappe.desk.query_report import run as run_report
		from frappe.desk.reportview import get_count

		import kidcare.dashboard as dashboard
		import kidcare.resources.cards as demand_cards

		def list_count():
			frappe.local.form_dict = frappe._dict(
				doctype="Child Profile", filters="[]", fields="[]", distinct="false"
			)
			return get_count()

		month = str(frappe.utils.get_first_day(frappe.utils.today()))
		calls = [
			("report Pairing Compliance (frappe.desk.query_report.run)",
			 lambda: run_report("Pairing Compliance", filters={"month": month}), "tabCare Pairing"),
			("card Pairings Not Met This Month", dashboard.pairings_not_met_this_month, "kidcare_area_counts"),
			("chart Pairings by Street", dashboard.pairings_by_street, "kidcare_area_counts"),
			("card Demands Overdue", demand_cards.demands_overdue, "tabChild Demand"),
			("chart Children by Need Area", dashboard.children_by_need_area, "tabChild"),
			("desk list count (frappe.desk.reportview.get_count)", list_count, "tabChild Profile"),
		]  # fmt: skip
		frappe.set_user(officer)
		ok = True

		def new_request():
			# Frappe swaps to the replica once per request (frappe.connect_replica keeps local.replica_db
			# and local.primary_db for the request's life): each call here stands for its own request
			for attr in ("replica_db", "primary_db"):
				if hasattr(frappe.local, attr):
					delattr(frappe.local, attr)

		for label, call, table in calls:
			new_request()
			before = (primary.log_size(), replica.log_size())
			answer = call()
			on_p = [q for q in primary.statements_since(before[0]) if table in q]
			on_r = [q for q in replica.statements_since(before[1]) if table in q]
			landed = bool(on_r) and not on_p
			ok &= landed
			shown = (
				answer
				if isinstance(answer, int)
				else json.dumps(answer, default=str, ensure_ascii=False)[:120]
			)
			print(f"  {label}: {len(on_r)} statements on `{table}…` reached the replica, {len(on_p)} the primary"
				f" -> {'ON THE REPLICA' if landed else 'NOT on the replica'}; answer {shown}")  # fmt: skip
		new_request()
		count = list_count()
		saw_marker = count == on_primary + 1
		ok &= saw_marker
		print(f"  the officer's list count is {count}: the primary has {on_primary}, the replica {on_primary + 1}"
			f" with the marker -> {'read from the replica' if saw_marker else 'NOT read from the replica'}")  # fmt: skip
		frappe.set_user("Administrator")
		# a write in between still goes to the primary (frappe.write_only is not needed: outside read_only
		# the connection is the primary's)
		print(
			f"  writes outside read_only stay on the primary: server_id {frappe.db.sql('select @@server_id')[0][0]}"
		)
		print(f"PROOF {'HOLDS' if ok else 'FAILED'} ({time.monotonic() - started:.0f} s in all)")
		return ok
	finally:
		try:
			if getattr(frappe.local, "db", None):
				frappe.destroy()
		except Exception:
			pass
		for server in reversed(servers):
			server.stop()
		if keep:
			print(f"  (kept: {root})")
		else:
			shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True, help="the site whose database is copied (only read)")
	parser.add_argument("--keep", action="store_true", help="keep the servers' directory (logs)")
	args = parser.parse_args()
	sys.exit(0 if main(args.site, args.keep) else 1)
