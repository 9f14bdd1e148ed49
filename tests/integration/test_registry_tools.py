"""The desk's own tools on the registry: the archive card print format and Data Import from Excel."""

import io

import frappe
import pytest
from factories import commit_area_tree, make_area_tree, make_child, make_id_number


def test_the_archive_card_prints_in_chinese_with_needs_and_pairing(printing):
	tree = make_area_tree()
	child = make_child(
		tree.community11,
		full_name="李小雨",
		categories=[{"category": "Left-behind"}, {"category": "Low-income"}],
		needs=[{"care_need": "心理疏导", "priority": "High", "note": "父母外出后情绪低落"}],
		interests=[{"care_skill": "国际象棋"}],
	)
	frappe.local.lang = "zh"
	html = frappe.get_print("Child Profile", child.name, print_format="Child Archive Card")
	for text in (
		"儿童档案卡",
		"李小雨",
		child.name,
		"留守",
		"低保",
		"心理疏导",
		"精神素养",
		"高",
		"国际象棋",
		"尚未结对",
		"监护人",
	):
		assert text in html, text


@pytest.fixture
def import_site(committed):
	"""Data Import commits row by row, so what it needs is committed and removed afterwards."""
	tree = commit_area_tree(committed)
	frappe.db.commit()
	return frappe._dict(tree=tree, committed=committed)


def xlsx(rows: list[list]) -> bytes:
	from openpyxl import Workbook

	book = Workbook()
	sheet = book.active
	for row in rows:
		sheet.append(row)
	buffer = io.BytesIO()
	book.save(buffer)
	return buffer.getvalue()


def test_data_import_from_excel_imports_good_rows_and_explains_the_bad_one(import_site):
	from frappe.core.doctype.data_import.data_import import start_import

	community = import_site.tree.community11
	good1 = make_id_number("2013-04-02", "Male")
	good2 = make_id_number("2016-11-20", "Female")
	bad = good2[:17] + ("0" if good2[17] != "0" else "1")
	tag = frappe.generate_hash(length=6)
	content = xlsx(
		[
			["Full Name", "Gender", "Date of Birth", "Care Area", "ID Number", "Guardian Name"],
			[f"王小明{tag}", "Male", "2013-04-02", community, good1, "王奶奶"],
			[f"赵小花{tag}", "Female", "2016-11-20", community, bad, "赵爷爷"],
			[f"陈小雪{tag}", "Female", "2016-11-20", community, good2, "陈外婆"],
		]
	)
	file = frappe.get_doc(
		{"doctype": "File", "file_name": f"children-{tag}.xlsx", "content": content, "is_private": 1}
	).insert()
	data_import = frappe.get_doc(
		{
			"doctype": "Data Import",
			"reference_doctype": "Child Profile",
			"import_type": "Insert New Records",
			"import_file": file.file_url,
		}
	).insert()
	import_site.committed.extend([("File", file.name), ("Data Import", data_import.name)])
	frappe.db.commit()

	frappe.local.lang = "zh"
	try:
		start_import(data_import.name)  # what the background worker runs when the user clicks Start Import
		imported = frappe.get_all(
			"Child Profile", filters={"full_name": ("like", f"%{tag}")}, pluck="full_name"
		)
		import_site.committed.extend(
			("Child Profile", n)
			for n in frappe.get_all("Child Profile", filters={"full_name": ("like", f"%{tag}")}, pluck="name")
		)
		assert sorted(imported) == sorted([f"王小明{tag}", f"陈小雪{tag}"])
		logs = frappe.get_all(
			"Data Import Log",
			filters={"data_import": data_import.name},
			fields=["success", "messages", "exception"],
		)
		failures = [log for log in logs if not log.success]
		assert len(failures) == 1
		assert "校验位" in (failures[0].messages or "") + (failures[0].exception or "")
		assert frappe.db.get_value("Data Import", data_import.name, "status") == "Partial Success"
	finally:
		frappe.db.rollback()
		frappe.db.delete("Data Import Log", {"data_import": data_import.name})
		frappe.db.commit()
