"""The contract's whitelisted endpoints: suggestions and the matching plan.

Each endpoint checks permission first, loads what it needs in a few set-based queries through
``frappe.get_list`` (so the caller's area scoping applies), scores with ``kidcare.rules.matching``
and returns plain dicts with the reasons worded in the caller's language.
"""

import frappe
from frappe import _

from kidcare.permissions import require_staff
from kidcare.rules import matching
from kidcare.rules.volunteer import PASSED

ELIGIBLE_VOLUNTEERS = {"status": "Active", "screening_status": PASSED, "training_completed_on": ("is", "set")}


@frappe.whitelist()
@frappe.read_only()  # reads only: on the read replica when the site has one
def suggest_volunteers(child: str, limit: int = 5) -> list[dict]:
	"""The best volunteers for ``child`` the caller may see: [{volunteer, score, distance_km, reasons}]."""
	require_staff()
	# read through the caller's list of children: one query where a form's permission check loads the whole
	# record (kidcare's list conditions and has_permission are one rule, kidcare/permissions.py)
	found = load_children({"name": child})
	if not found:
		frappe.throw(_("Not permitted"), frappe.PermissionError)
	target = found[0]
	pool = volunteer_pool({"name": ("in", reachable_volunteers(target) or [""])})
	found = pool.suggest(target, limit=int(limit))
	names = full_names("Care Volunteer", [m.name for m in found])
	return [
		{
			"volunteer": m.name,
			"volunteer_name": names[m.name],
			"score": m.score,
			"distance_km": m.distance_km,
			"reasons": word(m.reasons),
		}
		for m in found
	]


@frappe.whitelist()
@frappe.read_only()  # reads only: on the read replica when the site has one
def suggest_children(volunteer: str, limit: int = 5) -> list[dict]:
	"""The waiting children the caller may see who suit ``volunteer`` best: [{child, score, distance_km, reasons}]."""
	require_staff()
	frappe.has_permission("Care Volunteer", "read", volunteer, throw=True)
	pool = volunteer_pool({"name": volunteer}, eligible_only=False)
	if not pool.volunteers:
		return []
	children = load_children({"status": "Awaiting Pairing"})
	found = []
	for child in children:
		parts = pool.parts(child)
		score = float(pool.scores(child, parts)[0])
		if score > 0:
			found.append((score, child, parts))
	found.sort(key=lambda f: -f[0])
	return [
		{
			"child": child.name,
			"child_name": child.full_name,
			"score": (m := pool.match(child, 0, score, parts)).score,
			"distance_km": m.distance_km,
			"reasons": word(m.reasons),
		}
		for score, child, parts in found[: int(limit)]
	]


@frappe.whitelist()
@frappe.read_only()  # reads only: on the read replica when the site has one
def plan_matches(care_area: str | None = None) -> dict:
	"""A one-to-one assignment of the waiting children to free volunteer places that maximises the
	total score, among the children and volunteers the caller may see (under ``care_area`` if given).
	Creates nothing."""
	require_staff()
	frappe.has_permission("Care Pairing", "read", throw=True)
	scope = {}
	if care_area:
		frappe.has_permission("Care Area", "read", care_area, throw=True)
		lft, rgt = frappe.db.get_value("Care Area", care_area, ["lft", "rgt"])
		scope = {
			"care_area": (
				"in",
				frappe.get_all("Care Area", {"lft": (">=", lft), "rgt": ("<=", rgt)}, pluck="name"),
			)
		}
	pool = volunteer_pool(scope)
	children = load_children({"status": "Awaiting Pairing", **scope})
	plan, greedy, _ = matching.plan(pool, children)
	places = [v.free for v in pool.volunteers]
	matched = {c for c, _, _ in plan}
	names = full_names("Care Volunteer", [pool.volunteers[v].name for _, v, _ in plan])
	return {
		"assignments": [
			{
				"child": children[c].name,
				"child_name": children[c].full_name,
				"volunteer": pool.volunteers[v].name,
				"volunteer_name": names[pool.volunteers[v].name],
				"score": score,
			}
			for c, v, score in sorted(plan, key=lambda p: -p[2])
		],
		"total_score": matching.total(plan),
		"greedy_total_score": matching.total(greedy),
		"unmatched_children": [child.name for c, child in enumerate(children) if c not in matched],
		"free_places": int(sum(places)),
	}


def score_pair(child: str, volunteer: str) -> dict:
	"""The score and reasons of one proposed pairing, as the suggestion showed them: the volunteer's
	free places as they are (the proposal is not counted against her until approved); only a full
	volunteer is scored as if one place were free."""
	pool = volunteer_pool({"name": volunteer}, eligible_only=False, ignore_permissions=True)
	if not pool.volunteers:
		return {"score": 0, "reasons": ""}
	pool.free[pool.free < 1] = 1
	target = load_children({"name": child}, ignore_permissions=True)[0]
	parts = pool.parts(target)
	m = pool.match(target, 0, float(pool.scores(target, parts)[0]), parts)
	return {"score": m.score, "reasons": word(m.reasons)}


# ---- loading: a handful of queries, whatever the number of records -----------------------------------


def settings_weights() -> matching.Weights:
	s = frappe.get_cached_doc("KidCare Settings")
	return matching.Weights(
		proximity=s.weight_proximity,
		needs=s.weight_needs,
		interests=s.weight_interests,
		capacity=s.weight_capacity,
		radius_km=s.matching_radius_km,
	)


def area_levels(names) -> dict[str, tuple[str | None, str | None]]:
	"""Care Area -> (community, street) it lies in, for the areas ``names`` (two queries, whatever the
	size of the tree)."""
	names = list({n for n in names if n})
	if not names:
		return {}
	area = frappe.qb.DocType("Care Area")
	rows = (
		frappe.qb.from_(area)
		.select(area.name, area.area_type, area.parent_care_area)
		.where(area.name.isin(names))
		.run()
	)
	parents = {p for _, _, p in rows if p}
	parent_type = dict(
		frappe.qb.from_(area).select(area.name, area.area_type).where(area.name.isin(parents)).run()
		if parents
		else []
	)
	levels = {}
	for name, area_type, parent in rows:
		if area_type == "Community":
			levels[name] = (name, parent if parent_type.get(parent) == "Street" else None)
		elif area_type == "Street":
			levels[name] = (None, name)
		else:
			levels[name] = (None, None)
	return levels


def reachable_volunteers(child: matching.Child) -> list[str]:
	"""The volunteers who may reach ``child`` (a superset of those scoring above 0): inside the box of the
	matching radius around her on the indexed coordinates, in her street, or without coordinates; everyone
	when she has none. A few indexed queries, so suggesting among a province's volunteers reads dozens."""
	import math

	volunteer = frappe.qb.DocType("Care Volunteer")
	lat, lon = float(child.latitude or 0), float(child.longitude or 0)
	if not lat or not lon:
		return frappe.qb.from_(volunteer).select(volunteer.name).run(pluck=True)
	radius = float(settings_weights().radius_km or 0) * 1.001
	dlat = math.degrees(radius / matching.EARTH_RADIUS_KM)
	dlon = dlat / max(math.cos(math.radians(min(abs(lat) + dlat, 89.9))), 1e-6)
	# three indexed queries (an OR of them would read the whole table): the box on (latitude, longitude),
	# those without coordinates (a Float left empty is 0), those of her street (its lft-rgt range)
	names = set(
		frappe.qb.from_(volunteer)
		.select(volunteer.name)
		.where(volunteer.latitude[lat - dlat : lat + dlat] & volunteer.longitude[lon - dlon : lon + dlon])
		.run(pluck=True)
	)
	names.update(
		frappe.qb.from_(volunteer).select(volunteer.name).where(volunteer.latitude == 0).run(pluck=True)
	)
	home = child.street or child.community
	bounds = home and frappe.db.get_value("Care Area", home, ["lft", "rgt"])
	if bounds:
		area = frappe.qb.DocType("Care Area")
		names.update(
			frappe.qb.from_(volunteer)
			.select(volunteer.name)
			.where(
				volunteer.care_area.isin(
					frappe.qb.from_(area).select(area.name).where(area.lft[bounds[0] : bounds[1]])
				)
			)
			.run(pluck=True)
		)
	return sorted(names)


def need_skills() -> dict[str, list[str]]:
	rows = frappe.get_all(
		"Care Need Skill",
		filters={"parenttype": "Care Need"},
		fields=["parent", "care_skill"],
		ignore_permissions=True,
	)
	found: dict[str, list[str]] = {}
	for row in rows:
		found.setdefault(row.parent, []).append(row.care_skill)
	return found


def volunteer_pool(
	filters: dict | None = None, eligible_only: bool = True, ignore_permissions: bool = False
) -> matching.Pool:
	"""The volunteers the caller may see, one row each with their skills aggregated (one query)."""
	filters = {**(ELIGIBLE_VOLUNTEERS if eligible_only else {}), **(filters or {})}
	rows = frappe.get_list(
		"Care Volunteer",
		filters=filters,
		fields=[
			"name",
			"care_area",
			"latitude",
			"longitude",
			"capacity",
			"active_pairings",
			"group_concat(`tabCare Volunteer Skill`.`care_skill` separator '|') as skills",
		],
		group_by="`tabCare Volunteer`.`name`",
		order_by="",
		limit_page_length=0,
		ignore_permissions=ignore_permissions,
		as_list=True,
	)
	levels = area_levels(row[1] for row in rows)
	volunteers = [
		matching.Volunteer(
			name,
			*levels.get(area, (None, None)),
			latitude,
			longitude,
			skills.split("|") if skills else [],
			capacity,
			active or 0,
		)
		for name, area, latitude, longitude, capacity, active, skills in rows
	]
	return matching.Pool(volunteers, need_skills(), settings_weights())


def full_names(doctype: str, names: list[str]) -> dict[str, str]:
	"""Display names for the few records a response shows."""
	if not names:
		return {}
	return dict(
		frappe.get_all(
			doctype,
			filters={"name": ("in", names)},
			fields=["name", "full_name"],
			as_list=True,
			ignore_permissions=True,
		)
	)


def load_children(filters: dict, ignore_permissions: bool = False) -> list[matching.Child]:
	rows = frappe.get_list(
		"Child Profile",
		filters=filters,
		fields=["name", "full_name", "care_area", "latitude", "longitude"],
		limit_page_length=0,
		ignore_permissions=ignore_permissions,
		order_by="name",
	)
	names = [r.name for r in rows]
	needs: dict[str, list] = {}
	interests: dict[str, list] = {}
	if names:
		# the permitted children's rows, by a plain IN of their names (cheap for thousands, where the
		# filters of frappe.get_all check each value on its own)
		need = frappe.qb.DocType("Child Need")
		for parent, care_need, priority in (
			frappe.qb.from_(need)
			.select(need.parent, need.care_need, need.priority)
			.where((need.parenttype == "Child Profile") & need.parent.isin(names))
			.orderby(need.parent)
			.orderby(need.idx)
			.run()
		):
			needs.setdefault(parent, []).append((care_need, priority))
		interest = frappe.qb.DocType("Child Interest")
		for parent, care_skill in (
			frappe.qb.from_(interest)
			.select(interest.parent, interest.care_skill)
			.where((interest.parenttype == "Child Profile") & interest.parent.isin(names))
			.orderby(interest.parent)
			.orderby(interest.idx)
			.run()
		):
			interests.setdefault(parent, []).append(care_skill)
	levels = area_levels(r.care_area for r in rows)
	children = []
	for r in rows:
		child = matching.Child(
			r.name,
			*levels.get(r.care_area, (None, None)),
			r.latitude,
			r.longitude,
			needs.get(r.name, []),
			interests.get(r.name, []),
		)
		child.full_name = r.full_name
		children.append(child)
	return children


def word(reasons: list[tuple[str, tuple]]) -> str:
	"""The matcher's reasons in the user's language, e.g. 同一社区；相距 0.8 公里；擅长国际象棋，契合孩子的兴趣."""
	texts = {
		"Same community": lambda: _("Same community"),
		"Same street": lambda: _("Same street"),
		"{0} km apart": lambda: _("{0} km apart"),
		"Good at {0}, which the child loves": lambda: _("Good at {0}, which the child loves"),
		"Can help with {0}": lambda: _("Can help with {0}"),
		"{0} of {1} places free": lambda: _("{0} of {1} places free"),
	}
	return "；".join(texts[msg]().format(*args) for msg, args in reasons)


@frappe.whitelist()
def pairing_progress(pairing: str, year: int | None = None) -> dict:
	"""The year's home visits, hours and memorable activities of one pairing, against the targets."""
	from frappe.utils import getdate, today

	from kidcare.rules import compliance

	frappe.has_permission("Care Pairing", "read", pairing, throw=True)
	year = int(year or getdate(today()).year)
	progress = compliance.YearProgress()
	for contact_type, minutes in frappe.get_all(
		"Care Contact",
		filters={"pairing": pairing, "contact_date": ("between", (f"{year}-01-01", f"{year}-12-31"))},
		fields=["contact_type", "duration_minutes"],
		as_list=True,
		ignore_permissions=True,
	):
		progress.add(contact_type, minutes)
	s = frappe.get_cached_doc("KidCare Settings")
	targets = compliance.YearTargets(
		s.home_visits_per_year, s.home_visit_hours_per_year, s.memorable_activities_per_year
	)
	return {
		"year": year,
		"home_visits": progress.home_visits,
		"home_visits_target": targets.home_visits,
		"hours": progress.hours,
		"hours_target": targets.hours,
		"memorable_activities": progress.memorable_activities,
		"memorable_activities_target": targets.memorable_activities,
		"shortfalls": progress.shortfalls(targets),
	}


@frappe.whitelist()
def guardian_children() -> list[dict]:
	"""The paired children whose guardian login is the caller: the choices of the exit web form
	[{value, label}]. Nothing else about them leaves the server."""
	child = frappe.qb.DocType("Child Profile")
	return (
		frappe.qb.from_(child)
		.select(child.name.as_("value"), child.full_name.as_("label"))
		.where((child.guardian_user == frappe.session.user) & child.current_pairing.isnotnull())
		.orderby(child.full_name)
		.run(as_dict=True)
	)
