"""Five-level Care Areas (Province > City > District > Street > Community) with names that may repeat.

Existing areas keep their names: their name is their care_area_name, already unique, and every link
to them stays as it is (renaming would rewrite every scoped record and User Permission for nothing).
Only new areas are named by their statistical code or by their name qualified by their parent's.
What changes on an existing site: care_area_name is no longer unique (its unique index goes; Frappe
drops it when the field changes, this makes sure even where the index was made by hand), and codes
typed with spaces or full-width digits are stored as 12 plain digits.
"""

import frappe

from kidcare.rules.care_area import clean_code


def execute():
	for index in frappe.db.sql(
		"show index from `tabCare Area` where Column_name='care_area_name' and Non_unique=0", as_dict=True
	):
		frappe.db.sql_ddl(f"alter table `tabCare Area` drop index `{index.Key_name}`")
	area = frappe.qb.DocType("Care Area")
	for name, code in (
		frappe.qb.from_(area).select(area.name, area.area_code).where(area.area_code.isnotnull()).run()
	):
		if clean_code(code) != code:
			frappe.db.set_value("Care Area", name, "area_code", clean_code(code), update_modified=False)
