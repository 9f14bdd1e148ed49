"""A demo district to look at: ``bench --site SITE kidcare-demo`` (see kidcare/commands.py).

Idempotent: running it again adds nothing that is already there. The people it creates log in with
the password it prints; they are for demo sites only.
"""

import frappe

DEMO_PASSWORD = "kidcare-demo-2026"

DISTRICT = "滨江区"
STREETS = {
	"长河街道": ("长河社区", "江一社区", "塘子堰村"),
	"西兴街道": ("西兴社区", "湘湖社区", "铁岭花园社区"),
	"浦沿街道": ("浦沿社区", "东冠社区", "杨家墩社区"),
	"白马湖街道": ("白马湖社区", "东信社区", "联庄村"),
}

# (email, full name, role, area)
PEOPLE = (
	("admin@kidcare.demo", "王丽华", "KidCare Admin", None),
	("approver@kidcare.demo", "陈建国", "District Approver", DISTRICT),
	("changhe@kidcare.demo", "李晓燕", "Street Officer", "长河街道"),
	("xixing@kidcare.demo", "张敏", "Street Officer", "西兴街道"),
	("puyan@kidcare.demo", "刘芳", "Street Officer", "浦沿街道"),
	("baimahu@kidcare.demo", "周红", "Street Officer", "白马湖街道"),
	("jiangyi@kidcare.demo", "赵静", "Community Worker", "江一社区"),
)


def make_demo() -> dict:
	make_areas()
	for email, full_name, role, area in PEOPLE:
		make_person(email, full_name, role, area)
	frappe.db.commit()
	return {"district": DISTRICT, "users": [p[0] for p in PEOPLE], "password": DEMO_PASSWORD}


def make_areas():
	ensure_area(DISTRICT, "District", None)
	for street, communities in STREETS.items():
		ensure_area(street, "Street", DISTRICT)
		for community in communities:
			ensure_area(community, "Community", street)


def ensure_area(name: str, area_type: str, parent: str | None):
	if not frappe.db.exists("Care Area", name):
		frappe.get_doc(
			{"doctype": "Care Area", "care_area_name": name, "area_type": area_type, "parent_care_area": parent}
		).insert(ignore_permissions=True)


def make_person(email: str, full_name: str, role: str, area: str | None):
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": full_name,
				"language": "zh",
				"send_welcome_email": 0,
				"new_password": DEMO_PASSWORD,
				"roles": [{"role": role}],
			}
		).insert(ignore_permissions=True)
	if area and not frappe.db.exists("User Permission", {"user": email, "allow": "Care Area", "for_value": area}):
		frappe.get_doc(
			{"doctype": "User Permission", "user": email, "allow": "Care Area", "for_value": area}
		).insert(ignore_permissions=True)
