"""The integration layer: a real site on a real bench, with real MariaDB and Redis.

``KIDCARE_BENCH`` names the bench and ``KIDCARE_SITE`` the site made for tests (``.ci/run`` makes a fresh
one). Every test runs inside a transaction that is rolled back afterwards, so tests never see each
other's records; the few tests that must commit (a second database session, a real HTTP request)
clean up after themselves through the ``committed`` fixture.
"""

import os
import socket
import subprocess
import time
from pathlib import Path

import pytest

BENCH = os.environ.get("KIDCARE_BENCH")
SITE = os.environ.get("KIDCARE_SITE", "kidcare-test.localhost")
SYSTEM_MANAGER = "system-manager@kidcare.test"

if not BENCH or not (Path(BENCH) / "apps" / "frappe").is_dir():
	raise pytest.UsageError(
		"The integration layer needs a Frappe bench: set KIDCARE_BENCH (and KIDCARE_SITE), "
		"or run `bash .ci/run`, which makes a test site and runs both layers."
	)

import frappe


@pytest.fixture(scope="session", autouse=True)
def site():
	sites_path = str(Path(BENCH) / "sites")
	os.chdir(sites_path)
	frappe.init(site=SITE, sites_path=sites_path)
	frappe.connect()
	frappe.flags.mute_emails = True
	frappe.set_user("Administrator")
	ensure_a_system_manager()
	before = record_counts()
	yield SITE
	frappe.db.rollback()
	leaked = {d: (before[d], n) for d, n in record_counts().items() if n != before[d]}
	frappe.destroy()
	assert not leaked, f"tests left committed records behind (before, after): {leaked}"


WATCHED = ("Care Area", "Child Profile", "Child Enrollment", "Care Volunteer", "Care Pairing", "Care Contact",
	"Monthly Review", "Review Meeting", "Exit Request", "User Permission", "Child Demand", "Child Demand Move",
	"Care Partner", "Care Space", "Care Activity", "Care Activity Signup", "Care Sponsor", "Child Sponsorship",
	"Sponsorship Receipt", "Sponsorship Disbursement")  # fmt: skip


def record_counts() -> dict[str, int]:
	"""What a test that forgot to roll back or clean up would leave behind."""
	return {doctype: frappe.db.count(doctype) for doctype in WATCHED}


def ensure_a_system_manager():
	"""Frappe refuses to delete any user while no System Manager but Administrator exists, and the
	tests that commit delete the users they made: give the test site one (committed, kept)."""
	if not frappe.db.exists("User", SYSTEM_MANAGER):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": SYSTEM_MANAGER,
				"first_name": "KidCare Test System Manager",
				"send_welcome_email": 0,
				"roles": [{"role": "System Manager"}],
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()


@pytest.fixture(autouse=True)
def rollback(site):
	"""Each test in its own transaction, as Administrator, undone afterwards."""
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.local.lang = "en"
	yield
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.local.lang = "en"
	frappe.local.message_log = []
	# user permissions granted inside the rolled-back transaction may still be cached
	frappe.cache.delete_value("user_permissions")


# One login per role for the whole session (creating a user costs about a second); their area
# scope is granted per test, inside the test's transaction.
STAFF = {
	"worker": "Community Worker",
	"officer": "Street Officer",
	"other_officer": "Street Officer",
	"approver": "District Approver",
	"admin": "KidCare Admin",
}


@pytest.fixture(scope="session")
def staff(site):
	from factories import PASSWORD

	users = frappe._dict()
	for key, role in STAFF.items():
		email = f"{key.replace('_', '-')}@kidcare.test"
		if not frappe.db.exists("User", email):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": key,
					"language": "zh",
					"send_welcome_email": 0,
					"new_password": PASSWORD,
					"roles": [{"role": role}],
				}
			).insert(ignore_permissions=True)
		users[key] = email
	frappe.db.commit()
	return users


@pytest.fixture
def tree():
	"""A district, two streets, two communities each, named for this test."""
	from factories import make_area_tree

	return make_area_tree()


@pytest.fixture
def zh():
	"""Messages in Chinese, as a zh user gets them."""
	frappe.local.lang = "zh"


@pytest.fixture
def printing():
	"""Printing writes an Access Log and commits the transaction unless Frappe is in test mode (see
	frappe/core/doctype/access_log): tests that print set that flag, so they still roll back."""
	frappe.flags.in_test = True
	yield
	frappe.flags.in_test = False


@pytest.fixture
def committed():
	"""For tests whose records must be seen by another connection: collect (doctype, name) pairs,
	commit, and have them deleted (and the deletion committed) afterwards, newest first."""
	created: list[tuple[str, str]] = []
	yield created
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for doctype, name in reversed(created):
		if frappe.db.exists(doctype, name):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
	frappe.db.commit()


def free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


@pytest.fixture(scope="session")
def web_server(site):
	"""The test site served over HTTP on a loopback port, as `bench serve` would serve it."""
	import requests

	port = free_port()
	log = open(Path(BENCH) / "logs" / "kidcare-test-web.log", "w")
	process = subprocess.Popen(
		[
			str(Path(BENCH) / "env" / "bin" / "python"),
			"-m",
			"frappe.utils.bench_helper",
			"frappe",
			"--site",
			SITE,
			"serve",
			"--port",
			str(port),
			"--noreload",
		],
		cwd=str(Path(BENCH) / "sites"),
		stdout=log,
		stderr=subprocess.STDOUT,
	)
	url = f"http://127.0.0.1:{port}"
	deadline = time.monotonic() + 60
	while True:
		try:
			if requests.get(f"{url}/api/method/ping", timeout=2).ok:
				break
		except requests.ConnectionError:
			pass
		if process.poll() is not None or time.monotonic() > deadline:
			process.kill()
			raise RuntimeError(f"the test web server did not start; see {log.name}")
		time.sleep(0.3)
	yield url
	process.terminate()
	try:
		process.wait(timeout=10)
	except subprocess.TimeoutExpired:
		process.kill()
	log.close()
