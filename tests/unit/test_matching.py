import itertools
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kidcare.rules import matching as m

NEED_SKILLS = {"心理疏导": {"心理咨询"}, "学业辅导": {"数学辅导", "英语"}, "法律援助": {"法律咨询"}}


def pool(volunteers, weights=None):
	return m.Pool(volunteers, NEED_SKILLS, weights or m.Weights())


def test_same_community_beats_same_street_beats_elsewhere():
	child = m.Child("c", community="A1", street="A")
	p = pool(
		[m.Volunteer("far", "B1", "B"), m.Volunteer("street", "A2", "A"), m.Volunteer("home", "A1", "A")]
	)
	assert [s.name for s in p.suggest(child)] == ["home", "street", "far"]


def test_distance_counts_inside_the_radius_and_not_beyond():
	child = m.Child("c", latitude=30.2000, longitude=120.2000)
	near = m.Volunteer("near", latitude=30.2050, longitude=120.2000)  # about 0.56 km
	far = m.Volunteer("far", latitude=30.3000, longitude=120.2000)  # about 11 km
	parts = pool([near, far]).parts(child)
	assert 0.85 < parts["proximity"][0] < 0.95
	assert parts["proximity"][1] == 0
	assert round(float(parts["distance"][0]), 1) == 0.6


def test_needs_are_covered_by_the_skills_that_serve_them_weighted_by_priority():
	child = m.Child("c", needs=[("心理疏导", "High"), ("学业辅导", "Low")])
	p = pool(
		[
			m.Volunteer("psy", skills=["心理咨询"]),
			m.Volunteer("maths", skills=["数学辅导"]),
			m.Volunteer("none"),
		]
	)
	needs = p.parts(child)["needs"]
	assert list(needs) == [0.75, 0.25, 0.0]


def test_a_full_volunteer_is_never_suggested():
	child = m.Child("c", community="A1")
	p = pool([m.Volunteer("full", "A1", capacity=1, active_pairings=1), m.Volunteer("free", "B1")])
	assert [s.name for s in p.suggest(child)] == ["free"]


def test_reasons_say_why_in_order():
	child = m.Child(
		"c",
		community="A1",
		street="A",
		latitude=30.2,
		longitude=120.2,
		interests=["国际象棋"],
		needs=[("心理疏导", "High")],
	)
	vol = m.Volunteer("v", "A1", "A", 30.2072, 120.2, skills=["国际象棋", "心理咨询"], capacity=2)
	match = pool([vol]).suggest(child)[0]
	assert [r[0] for r in match.reasons] == [
		"Same community",
		"{0} km apart",
		"Good at {0}, which the child loves",
		"Can help with {0}",
		"{0} of {1} places free",
	]
	assert match.reasons[1][1] == ("0.8",)
	assert match.distance_km == 0.8
	assert match.score == 100.0


def test_weights_decide_what_matters():
	child = m.Child("c", community="A1", interests=["国际象棋"])
	neighbour = m.Volunteer("neighbour", "A1")
	chess = m.Volunteer("chess", "B1", skills=["国际象棋"])
	assert (
		pool([neighbour, chess], m.Weights(proximity=50, interests=10, needs=0, capacity=0))
		.suggest(child)[0]
		.name
		== "neighbour"
	)
	assert (
		pool([neighbour, chess], m.Weights(proximity=10, interests=50, needs=0, capacity=0))
		.suggest(child)[0]
		.name
		== "chess"
	)


def test_more_than_64_skills_still_work():
	skills = [f"skill{i}" for i in range(150)]
	child = m.Child("c", interests=["skill149"])
	p = pool([m.Volunteer("a", skills=skills[:100]), m.Volunteer("b", skills=["skill149"])])
	assert p.suggest(child, limit=1)[0].name == "b"


# ---- the plan -----------------------------------------------------------------------------------


def brute_force(edges, n_children, places):
	"""The best total by trying every way to give each child one of its edges or nothing."""
	options = [[None] + [(v, s) for c2, v, s in edges if c2 == c] for c in range(n_children)]
	best = 0.0
	for choice in itertools.product(*options):
		used = [0] * len(places)
		ok = True
		for pick in choice:
			if pick:
				used[pick[0]] += 1
				if used[pick[0]] > places[pick[0]]:
					ok = False
					break
		if ok:
			best = max(best, sum(p[1] for p in choice if p))
	return round(best, 2)


def test_the_plan_beats_greedy_where_greedy_goes_wrong():
	# greedy takes the single best edge (child 0 - volunteer 0, 90) and leaves child 1 with nothing
	edges = [(0, 0, 90.0), (0, 1, 80.0), (1, 0, 85.0)]
	plan = m.assign(edges, 2, [1, 1])
	assert m.total(plan) == 165.0
	assert m.total(m.greedy(edges, [1, 1])) == 90.0


def test_capacity_above_one_is_used():
	edges = [(0, 0, 50.0), (1, 0, 40.0), (2, 0, 30.0)]
	plan = m.assign(edges, 3, [2])
	assert sorted(c for c, _, _ in plan) == [0, 1]


def test_nothing_to_plan():
	assert m.assign([], 3, [1]) == []
	assert m.assign([(0, 0, 10.0)], 1, [0]) == []


edge_sets = st.integers(1, 5).flatmap(
	lambda n: st.tuples(
		st.just(n),
		st.lists(st.integers(0, 2), min_size=1, max_size=4),
		st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, 3), st.integers(1, 100)), max_size=12),
	)
)


@settings(max_examples=200, deadline=None)
@given(edge_sets)
def test_the_plan_is_optimal_and_never_worse_than_greedy(case):
	n, places, raw = case
	edges = {}
	for c, v, s in raw:
		if v < len(places):
			edges[(c, v)] = float(s)
	edges = [(c, v, s) for (c, v), s in edges.items()]
	plan = m.assign(edges, n, places)
	used = [0] * len(places)
	for _c, v, _ in plan:
		used[v] += 1
	assert all(u <= p for u, p in zip(used, places, strict=True))
	assert len({c for c, _, _ in plan}) == len(plan)
	assert m.total(plan) == brute_force(edges, n, places)
	assert m.total(plan) >= m.total(m.greedy(edges, places))


def test_candidate_edges_keep_each_childs_best():
	rng = random.Random(7)
	volunteers = [m.Volunteer(f"v{i}", f"C{i % 5}", f"S{i % 2}") for i in range(40)]
	children = [m.Child(f"c{i}", f"C{rng.randrange(5)}", f"S{rng.randrange(2)}") for i in range(10)]
	p = pool(volunteers)
	edges = m.candidate_edges(p, children, per_child=3)
	assert len(edges) == 30
	for c, child in enumerate(children):
		best = max(p.scores(child))
		assert max(s for c2, _, s in edges if c2 == c) == best


def test_the_plan_gives_every_child_a_place_when_places_suffice():
	rng = random.Random(3)
	volunteers = [m.Volunteer(f"v{i}", f"C{i % 4}", "S") for i in range(60)]
	children = [m.Child(f"c{i}", f"C{rng.randrange(4)}", "S") for i in range(60)]
	chosen, baseline, _ = m.plan(pool(volunteers), children)
	assert len(chosen) == 60 and len({v for _, v, _ in chosen}) == 60
	assert m.total(chosen) >= m.total(baseline)


def test_the_plan_maximises_the_score_not_the_number_of_matches():
	# found in review: weighting each edge by score + 1 preferred two matches worth 49.5 to one worth 50
	edges = [(0, 0, 50.0), (0, 1, 49.0), (1, 0, 0.5)]
	assert m.total(m.assign(edges, 2, [1, 1])) == 50.0


# ---- reach: the province-wide problem is sparse ---------------------------------------------------


def test_a_volunteer_known_to_be_beyond_the_radius_in_another_street_is_never_proposed():
	child = m.Child("c", "A1", "A", latitude=30.2, longitude=120.2, interests=["围棋"])
	far = m.Volunteer("far", "B1", "B", latitude=30.5, longitude=120.2, skills=["围棋"])  # 33 km
	far_same_street = m.Volunteer("street", "A2", "A", latitude=30.5, longitude=120.2)
	unknown = m.Volunteer("unknown", "B2", "B")  # no coordinates: the distance is unknown, kept
	p = pool([far, far_same_street, unknown])
	assert [s.name for s in p.suggest(child)] == ["street", "unknown"]
	assert list(p.scores(child) > 0) == [False, True, True]


def test_candidates_hold_every_volunteer_who_scores_and_the_plan_is_that_of_every_pair():
	rng = random.Random(11)
	volunteers = [
		m.Volunteer(
			f"v{i}",
			f"C{i % 6}",
			f"S{i % 3}",
			*((30 + rng.uniform(-0.2, 0.2), 120 + rng.uniform(-0.2, 0.2)) if i % 7 else (None, None)),
			skills=rng.sample(["围棋", "心理咨询", "英语"], 1),
			capacity=1 + (i % 5 == 0),
		)
		for i in range(60)
	]
	children = [
		m.Child(
			f"c{i}",
			f"C{rng.randrange(6)}",
			None if i % 4 == 0 else f"S{rng.randrange(3)}",
			*((30 + rng.uniform(-0.2, 0.2), 120 + rng.uniform(-0.2, 0.2)) if i % 9 else (None, None)),
			interests=["围棋"] if i % 2 else [],
		)
		for i in range(50)
	]
	p = pool(volunteers)
	every = []
	for c, child in enumerate(children):
		scores = p.scores(child)
		scoring = set(np.flatnonzero(scores > 0).tolist())
		assert scoring <= set(p.candidates(child).tolist())
		every += [(c, v, float(scores[v])) for v in scoring]
	chosen, baseline, n_pairs = m.plan(p, children)
	assert n_pairs == len(every)
	places = [v.free for v in volunteers]
	assert m.total(chosen) == m.total(m.assign(every, len(children), places)) >= m.total(baseline)
