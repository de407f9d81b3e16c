"""The matching core: tallies and their undefined cases, exact-key and optimal one-to-one matching."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, strategies as st

from newsbench.scoring.core import Tally, match_keys, match_optimal, overlapping_pairs, pair_keys


@pytest.mark.parametrize("tally, precision, recall, f1", [
    (Tally.counts(3, 1, 1), 0.75, 0.75, 0.75),
    (Tally.counts(0, 0, 0), None, None, None),       # nothing on either side: undefined, not 0
    (Tally.counts(0, 2, 0), 0.0, None, 0.0),         # predictions but no gold: F1 = 2tp/(2tp+fp+fn) = 0
    (Tally.counts(0, 0, 2), None, 0.0, 0.0),         # gold but no predictions: F1 0
    (Tally.counts(0, 1, 1), 0.0, 0.0, 0.0),          # P + R = 0
    (Tally.counts(1.5, 0.5, 1.5), 0.75, 0.5, 0.6),   # half credit (SemEval partial) keeps the same rules
    (Tally(1, 2, 3, 4, "ratio"), 0.5, 0.75, 0.6),    # own numerators for P and R (coreference)
])
def test_tally_ratios(tally: Tally, precision: float | None, recall: float | None, f1: float | None) -> None:
    assert tally.precision == pytest.approx(precision) if precision is not None else tally.precision is None
    assert tally.recall == pytest.approx(recall) if recall is not None else tally.recall is None
    assert tally.f1 == pytest.approx(f1) if f1 is not None else tally.f1 is None


def test_tally_dict_and_sum() -> None:
    total = Tally.counts(1, 0, 1) + Tally.counts(2, 1, 0)
    assert total.to_dict() == {"tp": 3, "fp": 1, "fn": 1, "precision": 0.75, "recall": 0.75, "f1": 0.75}
    acc = Tally.accuracy(1, 2) + Tally.accuracy(0, 0)
    assert acc.to_dict() == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert Tally.accuracy(0, 0).to_dict()["accuracy"] is None


@pytest.mark.parametrize("gold, pred, matched", [
    (["a", "b"], ["a", "b"], 2),
    (["a"], ["a", "a"], 1),           # a duplicate prediction matches once: the second is a false positive
    (["a", "a"], ["a"], 1),
    (["a", "a"], ["a", "a", "a"], 2),
    (["a"], ["b"], 0),
    ([], ["a"], 0),
    ([], [], 0),
])
def test_match_keys_is_multiset_intersection(gold: list[str], pred: list[str], matched: int) -> None:
    assert match_keys(gold, pred) == matched
    assert len(pair_keys(gold, pred)) == matched


def test_optimal_beats_greedy() -> None:
    # gold 0 overlaps predictions 0 and 1, gold 1 only prediction 0: first-match greedy pairs (0, 0) and leaves
    # gold 1 alone; the optimum pairs both
    assert match_optimal({(0, 0): 1.0, (0, 1): 1.0, (1, 0): 1.0}) == [(0, 1), (1, 0)]


def test_tiered_weights_prefer_the_better_pair() -> None:
    # an exact pair (weight 10 + 1) must win over a plain overlap (1) on the same gold item
    assert match_optimal({(0, 0): 1.0, (0, 1): 11.0}) == [(0, 1)]


def _brute_force(edges: dict[tuple[int, int], float], n_gold: int, n_pred: int) -> float:
    best = 0.0
    for perm in itertools.permutations(range(max(n_pred, n_gold)), n_gold):
        best = max(best, sum(edges.get((i, j), 0.0) for i, j in enumerate(perm)))
    return best


@given(st.dictionaries(st.tuples(st.integers(0, 3), st.integers(0, 3)), st.integers(1, 5), max_size=10))
def test_match_optimal_is_maximum_and_one_to_one(edges: dict[tuple[int, int], int]) -> None:
    weights = {k: float(v) for k, v in edges.items()}
    pairs = match_optimal(weights)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    assert all(p in weights for p in pairs)
    assert sum(weights[p] for p in pairs) == pytest.approx(_brute_force(weights, 4, 4))


spans = st.lists(st.tuples(st.integers(0, 30), st.integers(1, 8)).map(lambda t: (t[0], t[0] + t[1])), max_size=8)


@given(spans, spans)
def test_overlapping_pairs_equals_brute_force(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> None:
    expected = {(i, j) for i, g in enumerate(gold) for j, p in enumerate(pred) if g[0] < p[1] and p[0] < g[1]}
    found = overlapping_pairs(gold, pred)
    assert len(found) == len(set(found))
    assert set(found) == expected
