"""Composite indexes the province-sized screens need (doctype JSON can only index one column each).

Made on install and on every migrate (hooks: after_install, after_migrate through kidcare.install), each
only when missing, so a site that has them pays nothing. Each serves a named screen or job:
"""

import frappe

#: (doctype, index name, columns)
INDEXES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
	# Pairing Compliance and the monthly reviews read a pairing's contacts of a period from the index alone
	(
		"Care Contact",
		"kidcare_pairing_date",
		("pairing", "contact_date", "contact_type", "duration_minutes"),
	),
	# the report, charts and cards: a viewer's active pairings, by area
	("Care Pairing", "kidcare_area_status", ("care_area", "docstatus", "status")),
	("Care Pairing", "kidcare_status_start", ("docstatus", "status", "start_date")),
	# ... answered from the index alone: a city's 100,000 pairings counted per area without reading a row
	("Care Pairing", "kidcare_living", ("docstatus", "status", "care_area", "start_date", "end_date")),
	# the children-by-need-area and by-category charts: grouped in index order, no sort of every row
	("Child Need", "kidcare_need_area", ("parenttype", "need_area", "parent")),
	("Child Profile Category", "kidcare_category", ("parenttype", "category", "parent")),
	# create_monthly_reviews' anti-join and the overdue cards
	("Monthly Review", "kidcare_period_pairing", ("period", "pairing")),
	("Monthly Review", "kidcare_area_due", ("care_area", "docstatus", "due_date")),
	# the compliance trend: each month's reviews per area and outcome, from the index alone
	("Monthly Review", "kidcare_period_area", ("period", "status", "care_area", "compliance")),
	# a street officer's desk list: her communities' children, newest first; the cards' counts by status
	("Child Profile", "kidcare_area_modified", ("care_area", "modified")),
	("Child Profile", "kidcare_area_status", ("care_area", "status")),
	# suggest_volunteers: the volunteers within the matching radius's box, and those of an area
	("Care Volunteer", "kidcare_lat_lon", ("latitude", "longitude")),
	("Care Volunteer", "kidcare_area", ("care_area", "status")),
	# sponsorship (#15): the fund report's instalments due in a year, and each child's money, from the index
	(
		"Child Sponsorship Instalment",
		"kidcare_due_child",
		("due_date", "docstatus", "status", "parenttype", "child", "amount"),
	),
	("Sponsorship Receipt", "kidcare_child_date", ("child", "docstatus", "receipt_date", "amount")),
	("Sponsorship Disbursement", "kidcare_child_date", ("child", "docstatus", "disbursement_date", "amount")),
)


def ensure_indexes():
	from kidcare import rollup, tally

	tally.ensure_table()  # the contacts' monthly tally (kidcare/tally.py), read by the same screens
	rollup.ensure_table()  # and the areas' counts kept from it (kidcare/rollup.py)
	for doctype, name, columns in INDEXES:
		if not frappe.db.table_exists(doctype):
			continue
		table = f"tab{doctype}"
		present = frappe.db.sql(f"show index from `{table}` where Key_name=%s", name)
		if present:
			continue
		existing = set(frappe.db.get_table_columns(doctype))
		if not set(columns) <= existing:
			continue
		frappe.db.sql_ddl(
			f"alter table `{table}` add index `{name}` ({', '.join(f'`{c}`' for c in columns)})"
		)
