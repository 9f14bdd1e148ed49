"""Fill the contacts' monthly tally per pairing (kidcare/tally.py) on a site that already has contacts; a site
that made the first version of it (without the pairings' facts, table kidcare_pairing_tally) loses that one."""

import frappe

from kidcare.tally import ensure_table, rebuild


def execute():
	frappe.db.sql_ddl("drop table if exists `kidcare_pairing_tally`")
	ensure_table()
	rebuild()
