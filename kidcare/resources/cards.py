"""The workspace's number cards on children's demands, each counted with frappe.get_list, so in the
viewer's area only (and, for a volunteer, her children's)."""

import frappe
from frappe.utils import today

from kidcare.permissions import require_staff
from kidcare.rules import demand as rules


def count(*conditions: list) -> int:
	"""Open demands meeting ``conditions`` ([field, operator, value]) that the viewer may read."""
	if not frappe.has_permission("Child Demand", "read"):
		return 0
	return frappe.get_list(
		"Child Demand", filters=[["docstatus", "=", 0], *conditions], fields=["count(name) as n"]
	)[0].n


@frappe.whitelist()
@frappe.read_only()  # on the read replica when the site has read_from_replica
def demands_waiting_at_my_level(filters=None) -> int:
	"""Open demands at the levels the viewer's roles act at (a published one only while its claim waits
	for the district's confirmation); the federation's administrator acts at every level."""
	require_staff()
	roles = set(frappe.get_roles())
	if roles & {"KidCare Admin", "System Manager"}:
		levels = list(rules.LEVELS[:-1])
	else:
		levels = [
			level for level, role in rules.LEVEL_ROLE.items() if role in roles and level != rules.PUBLISHED
		]
	total = count(["current_level", "in", levels]) if levels else 0
	if roles & {"KidCare Admin", "District Approver", "System Manager"}:
		total += count(["current_level", "=", rules.PUBLISHED], ["status", "=", rules.CLAIMED])
	return total


@frappe.whitelist()
@frappe.read_only()  # on the read replica when the site has read_from_replica
def demands_overdue(filters=None) -> int:
	"""Open demands past the day they were needed by."""
	require_staff()
	# Frappe compares an empty date as the earliest one: a demand without a day is never overdue
	return count(["needed_by", "is", "set"], ["needed_by", "<", today()])


@frappe.whitelist()
@frappe.read_only()  # on the read replica when the site has read_from_replica
def published_demands_unclaimed(filters=None) -> int:
	"""Published demands nobody has claimed yet."""
	require_staff()
	return count(["current_level", "=", rules.PUBLISHED], ["status", "=", rules.OPEN])
