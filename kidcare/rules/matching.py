"""Precise matching (精准匹配): how well a volunteer suits a child, and the best one-to-one plan.

A score from 0 to 100 is the weighted mean of four parts, each between 0 and 1:

- proximity: 1 in the same community, 0.6 in the same street, or by distance when both have
  coordinates (1 at the door, 0 at the matching radius), whichever is higher;
- needs: the share of the child's needs (weighted by priority) that some skill of the volunteer serves;
- interests: the share of the child's interests the volunteer is good at;
- capacity: the share of the volunteer's places still free (a full volunteer is never suggested).

A volunteer who cannot reach the child is never proposed: when both have coordinates, lie farther apart
than the matching radius and live in different streets, the pair scores nothing (a volunteer 80 km away
cannot visit monthly). A pair whose distance is unknown is kept (the street rule still ranks it). This makes
the province-wide problem sparse: each child has a few dozen reachable volunteers, not all of them.

Each part also gives its reason as a message id with arguments, worded (and translated) by the caller.
Scoring is vectorised with numpy; the plan is the maximum-weight assignment of the whole problem (every
reachable pair) solved exactly with scipy's sparse LAPJV; ``dual_bound`` certifies it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

SAME_COMMUNITY = 1.0
SAME_STREET = 0.6
PRIORITY_WEIGHT = {"High": 3.0, "Medium": 2.0, "Low": 1.0}
EARTH_RADIUS_KM = 6371.0088


@dataclass
class Child:
	name: str
	community: str | None = None
	street: str | None = None
	latitude: float | None = None
	longitude: float | None = None
	needs: list[tuple[str, str]] = field(default_factory=list)  # (care need, priority)
	interests: list[str] = field(default_factory=list)  # care skills


@dataclass
class Volunteer:
	name: str
	community: str | None = None
	street: str | None = None
	latitude: float | None = None
	longitude: float | None = None
	skills: list[str] = field(default_factory=list)
	capacity: int = 1
	active_pairings: int = 0

	@property
	def free(self) -> int:
		return max(self.capacity - self.active_pairings, 0)


@dataclass
class Weights:
	proximity: float = 40
	needs: float = 30
	interests: float = 20
	capacity: float = 10
	radius_km: float = 5

	@property
	def total(self) -> float:
		return self.proximity + self.needs + self.interests + self.capacity


@dataclass
class Match:
	name: str  # the volunteer (or, from the volunteer's side, the child)
	score: float
	distance_km: float | None
	reasons: list[tuple[str, tuple]]


def haversine_km(lat1, lon1, lat2, lon2):
	"""Great-circle distance; works on floats and on numpy arrays alike."""
	lat1, lon1, lat2, lon2 = (np.radians(x) for x in (lat1, lon1, lat2, lon2))
	a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
	return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


def _coordinate(value) -> float:
	return float(value) if value not in (None, "") and float(value) != 0 else math.nan


class Pool:
	"""The volunteers as arrays, scored against one child at a time in a handful of numpy operations."""

	def __init__(self, volunteers: list[Volunteer], need_skills: dict[str, Iterable[str]], weights: Weights):
		self.volunteers = volunteers
		self.weights = weights
		self.need_skills = {need: set(skills) for need, skills in need_skills.items()}
		skills = sorted(
			{s for v in volunteers for s in v.skills} | {s for ss in self.need_skills.values() for s in ss}
		)
		self.skill_index = {s: i for i, s in enumerate(skills)}
		self.words = max(1, math.ceil(len(skills) / 64))
		self.masks = np.zeros((len(volunteers), self.words), dtype=np.uint64)
		for row, volunteer in enumerate(volunteers):
			self.masks[row] = self.mask(volunteer.skills)
		# areas as integer codes: comparing ints over thousands of volunteers is what numpy does fast
		self.codes: dict[str, int] = {}
		self.community = np.array([self.code(v.community) for v in volunteers], dtype=np.int64)
		self.street = np.array([self.code(v.street) for v in volunteers], dtype=np.int64)
		self.lat = np.array([_coordinate(v.latitude) for v in volunteers], dtype=float)
		self.lon = np.array([_coordinate(v.longitude) for v in volunteers], dtype=float)
		self.capacity = np.array([max(v.capacity, 0) for v in volunteers], dtype=float)
		self.free = np.array([v.free for v in volunteers], dtype=float)
		# for finding who may reach a child without scoring everyone: volunteers by latitude, those
		# without coordinates, and each street's and community's volunteers
		located = ~(np.isnan(self.lat) | np.isnan(self.lon))
		self.by_lat = np.flatnonzero(located)[np.argsort(self.lat[located], kind="stable")]
		self.sorted_lat = self.lat[self.by_lat]
		self.unlocated = np.flatnonzero(~located)
		self.members: dict[int, np.ndarray] = {}
		for codes in (self.street, self.community):
			order = np.argsort(codes, kind="stable")
			keys, starts = np.unique(codes[order], return_index=True)
			for key, group in zip(keys, np.split(order, starts[1:]), strict=True):
				if key >= 0:
					self.members[int(key)] = group

	def candidates(self, child: Child) -> np.ndarray:
		"""Indices of the volunteers who may reach ``child`` (a superset of those scoring above 0): within
		the radius's box around her, in her street or community, or without coordinates. Everyone when
		she has no coordinates."""
		lat, lon = _coordinate(child.latitude), _coordinate(child.longitude)
		if np.isnan(lat) or np.isnan(lon):
			return np.arange(len(self.volunteers))
		radius = max(self.weights.radius_km, 1e-9) * 1.001
		dlat = math.degrees(radius / EARTH_RADIUS_KM)
		dlon = dlat / max(math.cos(math.radians(min(abs(lat) + dlat, 89.9))), 1e-6)
		lo, hi = np.searchsorted(self.sorted_lat, (lat - dlat, lat + dlat + 1e-12))
		band = self.by_lat[lo:hi]
		box = band[np.abs(self.lon[band] - lon) <= dlon]
		parts = [box, self.unlocated]
		for area in (child.street, child.community):
			if area in self.codes:
				parts.append(self.members.get(self.codes[area], np.empty(0, dtype=np.int64)))
		return np.unique(np.concatenate(parts).astype(np.int64))

	def code(self, area: str | None) -> int:
		if not area:
			return -1
		return self.codes.setdefault(area, len(self.codes))

	def mask(self, skills: Iterable[str]) -> np.ndarray:
		words = np.zeros(self.words, dtype=np.uint64)
		for skill in skills:
			index = self.skill_index.get(skill)
			if index is not None:
				words[index // 64] |= np.uint64(1) << np.uint64(index % 64)
		return words

	def _shares(self, masks: np.ndarray, at: np.ndarray | slice = slice(None)) -> np.ndarray:
		"""For each volunteer (of ``at``), whether they hold any of the skills in each of ``masks``."""
		own = self.masks[at]
		if not len(masks):
			return np.zeros((len(own), 0), dtype=bool)
		return (own[:, None, :] & masks[None, :, :]).any(axis=2)

	def parts(self, child: Child, at: np.ndarray | slice = slice(None)) -> dict[str, np.ndarray]:
		"""The four parts of the score, each an array over the volunteers (or those at indices ``at``)."""
		street, community = self.street[at], self.community[at]
		n = len(street)
		area = np.zeros(n)
		same_street = np.zeros(n, dtype=bool)
		if child.street in self.codes:
			same_street = street == self.codes[child.street]
			area[same_street] = SAME_STREET
		if child.community in self.codes:
			same_community = community == self.codes[child.community]
			area[same_community] = SAME_COMMUNITY
			same_street |= same_community
		distance = haversine_km(
			_coordinate(child.latitude), _coordinate(child.longitude), self.lat[at], self.lon[at]
		)
		radius = max(self.weights.radius_km, 1e-9)
		near = np.where(np.isnan(distance), 0.0, np.clip(1 - distance / radius, 0, 1))

		needs = np.zeros(n)
		if child.needs:
			weights = np.array([PRIORITY_WEIGHT.get(p, 2.0) for _, p in child.needs])
			covered = self._shares(
				np.array([self.mask(self.need_skills.get(need, ())) for need, _ in child.needs]), at
			)
			needs = covered @ weights / weights.sum()

		interests = np.zeros(n)
		if child.interests:
			shared = self._shares(np.array([self.mask([s]) for s in child.interests]), at)
			interests = shared.sum(axis=1) / len(child.interests)

		free, capacity = self.free[at], self.capacity[at]
		return {
			"proximity": np.maximum(area, near),
			"needs": needs,
			"interests": interests,
			"capacity": np.divide(free, capacity, out=np.zeros(n), where=capacity > 0),
			"distance": distance,
			# known to be beyond the radius in another street: never proposed
			"reachable": same_street | ~(distance > radius),
			"free": free,
		}

	def scores(self, child: Child, parts: dict | None = None) -> np.ndarray:
		"""0-100 for every volunteer (or those ``parts`` were computed for); -1 for a volunteer with no
		free place or who cannot reach the child."""
		p = parts or self.parts(child)
		score = self.combine(p["proximity"], p["needs"], p["interests"], p["capacity"])
		return np.where((p["free"] > 0) & p["reachable"], score, -1.0)

	def combine(self, proximity, needs, interests, capacity) -> np.ndarray:
		"""The 0-100 score from its four parts (element by element, the same for one child or many)."""
		w = self.weights
		total = w.total or 1
		score = (
			100
			* (w.proximity * proximity + w.needs * needs + w.interests * interests + w.capacity * capacity)
			/ total
		)
		return np.round(score, 2)

	def suggest(self, child: Child, limit: int = 5) -> list[Match]:
		"""The best ``limit`` volunteers for ``child`` with their reasons, best first."""
		parts = self.parts(child)
		scores = self.scores(child, parts)
		order = np.argsort(-scores, kind="stable")
		return [self.match(child, i, scores[i], parts) for i in order[:limit] if scores[i] > 0]

	def match(self, child: Child, i: int, score: float, parts: dict) -> Match:
		volunteer = self.volunteers[i]
		distance = None if np.isnan(parts["distance"][i]) else round(float(parts["distance"][i]), 1)
		return Match(
			volunteer.name, float(score), distance, reasons(child, volunteer, distance, self.need_skills)
		)


def reasons(
	child: Child, volunteer: Volunteer, distance_km: float | None, need_skills: dict
) -> list[tuple[str, tuple]]:
	"""Why this pairing makes sense, as (message id, arguments), most telling first."""
	found: list[tuple[str, tuple]] = []
	if child.community and child.community == volunteer.community:
		found.append(("Same community", ()))
	elif child.street and child.street == volunteer.street:
		found.append(("Same street", ()))
	if distance_km is not None:
		found.append(("{0} km apart", (f"{distance_km:.1f}",)))
	skills = set(volunteer.skills)
	shared = [s for s in child.interests if s in skills]
	if shared:
		found.append(("Good at {0}, which the child loves", ("、".join(shared),)))
	served = [need for need, _ in child.needs if skills & set(need_skills.get(need, ()))]
	if served:
		found.append(("Can help with {0}", ("、".join(served),)))
	if volunteer.free:
		found.append(("{0} of {1} places free", (volunteer.free, volunteer.capacity)))
	return found


# ---- the plan: one volunteer place per child, total score as high as it can be -------------------


def candidate_edges(
	pool: Pool,
	children: list[Child],
	per_child: int = 30,
	only: Iterable[int] | None = None,
	free: np.ndarray | None = None,
) -> list[tuple[int, int, float]]:
	"""(child index, volunteer index, score) for each child's ``per_child`` best volunteers with a free
	place (``free`` overrides the pool's free places; ``only`` limits the children considered)."""
	edges = []
	k = min(per_child, len(pool.volunteers))
	for c in range(len(children)) if only is None else only:
		child = children[c]
		if not k:
			break
		scores = pool.scores(child)
		if free is not None:
			scores = np.where(free > 0, scores, -1.0)
		top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
		edges.extend((c, int(v), float(scores[v])) for v in top if scores[v] > 0)
	return edges


def assign(
	edges: list[tuple[int, int, float]], n_children: int, places: list[int]
) -> list[tuple[int, int, float]]:
	"""The maximum-weight assignment of children to volunteer places.

	Each volunteer ``v`` has ``places[v]`` places; a child gets at most one. Solved exactly as a
	maximum-weight bipartite matching (scipy's LAPJVsp) with one dummy place per child so that leaving a
	child unmatched is always possible."""
	if not edges or not n_children:
		return []
	c, v, score = (np.array(x) for x in zip(*edges, strict=True))
	return assign_sparse(c.astype(np.int64), v.astype(np.int64), score.astype(float), n_children, places)


def _expand(left: np.ndarray, left_keys: np.ndarray, right_sorted: np.ndarray, right_keys_sorted: np.ndarray):
	"""Every (left, right) with equal keys: ``right_sorted`` ordered by ``right_keys_sorted``."""
	lo = np.searchsorted(right_keys_sorted, left_keys, "left")
	hi = np.searchsorted(right_keys_sorted, left_keys, "right")
	counts = hi - lo
	total = int(counts.sum())
	if not total:
		return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
	starts = np.repeat(lo - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
	return np.repeat(left, counts), right_sorted[starts + np.arange(total)]


def reachable_edges(
	pool: Pool, children: list[Child], chunk: int = 250_000
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
	"""Every pair (child index, volunteer index, score) scoring above 0: the whole problem, sparse because a
	volunteer beyond the radius in another street scores nothing. Vectorised over all children at once:
	the pairs that may reach each other (neighbouring cells of a grid as wide as the radius, the same
	street or community, a side without coordinates) are scored with the same expressions as
	``Pool.parts``/``Pool.scores``, so each score equals what ``Pool.scores`` gives for the pair."""
	n_c, n_v = len(children), len(pool.volunteers)
	if not n_c or not n_v:
		return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), np.empty(0)
	clat = np.array([_coordinate(c.latitude) for c in children], dtype=float)
	clon = np.array([_coordinate(c.longitude) for c in children], dtype=float)
	cstreet = np.array([pool.codes.get(c.street, -2) if c.street else -2 for c in children], dtype=np.int64)
	ccomm = np.array(
		[pool.codes.get(c.community, -2) if c.community else -2 for c in children], dtype=np.int64
	)
	radius = max(pool.weights.radius_km, 1e-9)

	found_c, found_v = [], []
	located_c = np.flatnonzero(~(np.isnan(clat) | np.isnan(clon)))
	located_v = pool.by_lat
	if len(located_c) and len(located_v):
		dlat = math.degrees(radius * 1.001 / EARTH_RADIUS_KM)
		top = float(max(np.abs(clat[located_c]).max(), np.abs(pool.lat[located_v]).max()))
		dlon = dlat / max(math.cos(math.radians(min(top + dlat, 89.9))), 1e-6)
		width = 1 << 31
		vi = np.floor(pool.lat[located_v] / dlat).astype(np.int64)
		vj = np.floor(pool.lon[located_v] / dlon).astype(np.int64)
		vkey = vi * width + vj
		order = np.argsort(vkey, kind="stable")
		vkey, vsorted = vkey[order], located_v[order]
		ci = np.floor(clat[located_c] / dlat).astype(np.int64)
		cj = np.floor(clon[located_c] / dlon).astype(np.int64)
		for di in (-1, 0, 1):
			for dj in (-1, 0, 1):
				c, v = _expand(located_c, (ci + di) * width + cj + dj, vsorted, vkey)
				near = haversine_km(clat[c], clon[c], pool.lat[v], pool.lon[v]) <= radius * 1.001
				found_c.append(c[near])
				found_v.append(v[near])
	for child_codes, own in ((cstreet, pool.street), (ccomm, pool.community)):
		order = np.argsort(own, kind="stable")
		has = np.flatnonzero(child_codes >= 0)
		c, v = _expand(has, child_codes[has], order, own[order])
		found_c.append(c)
		found_v.append(v)
	unlocated_c = np.setdiff1d(np.arange(n_c), located_c)
	if len(unlocated_c):
		found_c.append(np.repeat(unlocated_c, n_v))
		found_v.append(np.tile(np.arange(n_v), len(unlocated_c)))
	if len(pool.unlocated):
		found_c.append(np.repeat(np.arange(n_c), len(pool.unlocated)))
		found_v.append(np.tile(pool.unlocated, n_c))
	keys = np.sort(np.concatenate(found_c) * n_v + np.concatenate(found_v))  # sort, not np.unique's hash
	keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
	pair_c, pair_v = keys // n_v, keys % n_v

	# the children's needs and interests as rows of integer weights (sums of integers are exact in any order,
	# so these shares equal Pool.parts' to the last bit), the volunteers' coverage as columns
	need_ids = sorted({need for child in children for need, _ in child.needs})
	need_col = {need: k for k, need in enumerate(need_ids)}
	needs_w = np.zeros((n_c, max(len(need_ids), 1)))
	for c, child in enumerate(children):
		for need, priority in child.needs:
			needs_w[c, need_col[need]] += PRIORITY_WEIGHT.get(priority, 2.0)
	needs_den = needs_w.sum(axis=1)
	covers = np.zeros((n_v, needs_w.shape[1]))
	for need, k in need_col.items():
		covers[:, k] = pool._shares(pool.mask(pool.need_skills.get(need, ()))[None, :])[:, 0]
	skill_ids = sorted({s for child in children for s in child.interests})
	skill_col = {s: k for k, s in enumerate(skill_ids)}
	likes = np.zeros((n_c, max(len(skill_ids), 1)))
	for c, child in enumerate(children):
		for s in child.interests:
			likes[c, skill_col[s]] += 1
	n_likes = np.array([len(child.interests) for child in children], dtype=float)
	holds = np.zeros((n_v, likes.shape[1]))
	for s, k in skill_col.items():
		holds[:, k] = pool._shares(pool.mask([s])[None, :])[:, 0]
	share_free = np.divide(pool.free, pool.capacity, out=np.zeros(n_v), where=pool.capacity > 0)

	cs, vs, ss = [], [], []
	for start in range(0, len(pair_c), chunk):
		c, v = pair_c[start : start + chunk], pair_v[start : start + chunk]
		n = len(c)
		area = np.zeros(n)
		same_street = (cstreet[c] >= 0) & (pool.street[v] == cstreet[c])
		area[same_street] = SAME_STREET
		same_community = (ccomm[c] >= 0) & (pool.community[v] == ccomm[c])
		area[same_community] = SAME_COMMUNITY
		same_street |= same_community
		distance = haversine_km(clat[c], clon[c], pool.lat[v], pool.lon[v])
		near = np.where(np.isnan(distance), 0.0, np.clip(1 - distance / radius, 0, 1))
		den = needs_den[c]
		needs = np.divide((needs_w[c] * covers[v]).sum(axis=1), den, out=np.zeros(n), where=den > 0)
		liked = n_likes[c]
		interests = np.divide((likes[c] * holds[v]).sum(axis=1), liked, out=np.zeros(n), where=liked > 0)
		score = pool.combine(np.maximum(area, near), needs, interests, share_free[v])
		keep = (pool.free[v] > 0) & (same_street | ~(distance > radius)) & (score > 0)
		cs.append(c[keep])
		vs.append(v[keep])
		ss.append(score[keep])
	return np.concatenate(cs), np.concatenate(vs), np.concatenate(ss)


def assign_sparse(
	c: np.ndarray, v: np.ndarray, score: np.ndarray, n_children: int, places
) -> list[tuple[int, int, float]]:
	"""``assign`` on edge arrays: each volunteer's places become that many slot columns, one dummy slot per
	child lets any child stay unmatched, and scipy's LAPJVsp finds the maximum total exactly."""
	places = np.asarray(places, dtype=np.int64)
	keep = places[v] > 0 if len(v) else np.zeros(0, dtype=bool)
	c, v, score = c[keep], v[keep], score[keep]
	if not len(c) or not n_children:
		return []
	first_slot = np.concatenate(([0], np.cumsum(places)[:-1]))
	slot_of = np.repeat(np.arange(len(places)), places)  # slot column -> volunteer
	repeat = places[v]
	rows = np.repeat(c, repeat)
	offsets = np.arange(int(repeat.sum())) - np.repeat(np.cumsum(repeat) - repeat, repeat)
	cols = np.repeat(first_slot[v], repeat) + offsets
	data = np.repeat(score, repeat) + 1e-6  # any real edge beats the dummy; the objective stays the total
	dummy = len(slot_of)
	rows = np.concatenate((rows, np.arange(n_children)))
	cols = np.concatenate((cols, dummy + np.arange(n_children)))
	data = np.concatenate((data, np.full(n_children, 1e-9)))
	graph = csr_matrix((data, (rows, cols)), shape=(n_children, dummy + n_children))
	_, matched = min_weight_full_bipartite_matching(graph, maximize=True)
	chosen = np.flatnonzero(matched < dummy)
	volunteers = slot_of[matched[chosen]]
	# each chosen pair's own score, found among the edges sorted by (child, volunteer)
	n_v = len(places)
	keys = c * n_v + v
	order = np.argsort(keys, kind="stable")
	at = order[np.searchsorted(keys[order], chosen * n_v + volunteers)]
	return list(zip(chosen.tolist(), volunteers.tolist(), score[at].tolist(), strict=True))


def plan(pool: Pool, children: list[Child]):
	"""The optimal assignment of the whole problem: every child against every volunteer who can reach her,
	solved exactly. Returns (assignment, greedy assignment on the same pairs, number of pairs)."""
	places = np.array([int(v.free) for v in pool.volunteers], dtype=np.int64)
	c, v, score = reachable_edges(pool, children)
	chosen = assign_sparse(c, v, score, len(children), places)
	return chosen, greedy_arrays(c, v, score, places), len(c)


def greedy_arrays(c: np.ndarray, v: np.ndarray, score: np.ndarray, places) -> list[tuple[int, int, float]]:
	"""``greedy`` on edge arrays."""
	left = np.asarray(places, dtype=np.int64).copy()
	taken = np.zeros(int(c.max()) + 1 if len(c) else 0, dtype=bool)
	chosen = []
	order = np.argsort(-score, kind="stable")
	for child, volunteer, s in zip(c[order].tolist(), v[order].tolist(), score[order].tolist(), strict=True):
		if not taken[child] and left[volunteer] > 0:
			taken[child] = True
			left[volunteer] -= 1
			chosen.append((child, volunteer, s))
	return chosen


def greedy(edges: list[tuple[int, int, float]], places: list[int]) -> list[tuple[int, int, float]]:
	"""Best edge first: the simple plan the optimal one must never fall below."""
	left = list(places)
	taken = set()
	chosen = []
	for c, v, score in sorted(edges, key=lambda e: -e[2]):
		if c not in taken and left[v] > 0:
			taken.add(c)
			left[v] -= 1
			chosen.append((c, v, score))
	return chosen


def total(assignment: list[tuple[int, int, float]]) -> float:
	return round(sum(score for _, _, score in assignment), 2)
