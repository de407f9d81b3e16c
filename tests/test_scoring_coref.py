"""Coreference metrics: MUC, B-cubed, CEAF-e, LEA and CoNLL F1 as definition tables (values worked by hand)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "scoring"))
from builder import D  # noqa: E402

from newsbench.scoring.coref import conll, score_clusters, score_document  # noqa: E402


def E(letters: str) -> frozenset[tuple[int, int]]:
    """An entity of one-letter mentions: 'abc' -> the spans of a, b and c."""
    return frozenset((ord(c), ord(c) + 1) for c in letters)


# The example of Moosavi & Strube (2016, LEA): key {a,b,c} {d,e,f,g}; response {a,b} {c,d} {f,g,h,i}.
KEY = [E("abc"), E("defg")]
RESPONSE = [E("ab"), E("cd"), E("fghi")]


@pytest.mark.parametrize("metric, precision, recall", [
    # MUC: R = ((3-2) + (4-3)) / ((3-1) + (4-1)) = 2/5; P = ((2-1) + (2-2) + (4-3)) / (1 + 1 + 3) = 2/5
    ("muc", 2 / 5, 2 / 5),
    # B3: P = (a,b: 2/2; c,d: 1/2; f,g: 2/4; h,i: 0) / 8 = 4/8
    #     R = (a,b: 2/3 each; c: 1/3; d: 1/4; e: 0; f,g: 2/4 each) / 7 = (5/3 + 5/4) / 7
    ("b_cubed", 4 / 8, (5 / 3 + 5 / 4) / 7),
    # CEAF-e: phi4(abc, ab) = 4/5, phi4(defg, fghi) = 4/8 is the best alignment: 1.3; R = 1.3/2, P = 1.3/3
    ("ceaf_e", 1.3 / 3, 1.3 / 2),
    # LEA: P = (2 * 1/1 + 2 * 0/1 + 4 * 1/6) / 8; R = (3 * 1/3 + 4 * 1/6) / 7
    ("lea", (2 + 4 / 6) / 8, (1 + 4 / 6) / 7),
])
def test_metric_definitions(metric: str, precision: float, recall: float) -> None:
    tally = score_clusters(KEY, RESPONSE)[metric]
    assert tally.precision == pytest.approx(precision)
    assert tally.recall == pytest.approx(recall)
    assert tally.f1 == pytest.approx(2 * precision * recall / (precision + recall))


def test_conll_is_the_mean_of_three() -> None:
    tallies = score_clusters(KEY, RESPONSE)
    expected = sum(tallies[m].f1 for m in ("muc", "b_cubed", "ceaf_e")) / 3  # type: ignore[misc]
    assert conll(tallies)["f1"] == pytest.approx(expected)


@pytest.mark.parametrize("key, response, expected", [
    ([E("ab")], [E("ab")], {"muc": 1.0, "b_cubed": 1.0, "ceaf_e": 1.0, "lea": 1.0}),   # identical
    ([], [], {"muc": None, "b_cubed": None, "ceaf_e": None, "lea": None}),           # nothing: undefined
    ([E("ab")], [], {"muc": 0.0, "b_cubed": 0.0, "ceaf_e": 0.0, "lea": 0.0}),        # nothing predicted
    ([], [E("ab")], {"muc": 0.0, "b_cubed": 0.0, "ceaf_e": 0.0, "lea": 0.0}),        # nothing in gold
    # singletons only: MUC has no links to count (undefined); LEA resolves a singleton by itself
    ([E("a")], [E("a")], {"muc": None, "b_cubed": 1.0, "ceaf_e": 1.0, "lea": 1.0}),
    ([E("a")], [E("b")], {"muc": None, "b_cubed": 0.0, "ceaf_e": 0.0, "lea": 0.0}),
])
def test_edge_cases(key: list, response: list, expected: dict[str, float | None]) -> None:  # type: ignore[type-arg]
    tallies = score_clusters(key, response)
    for metric, value in expected.items():
        assert tallies[metric].f1 == (pytest.approx(value) if value is not None else None), metric


def test_documents_compare_by_span_not_id() -> None:
    g = D("Ann met Bob. She smiled and he waved.")
    a, b, she, he = g.m("Ann"), g.m("Bob"), g.m("She", form="PRO"), g.m("he", form="PRO", occ=0)
    g.cluster(a, she), g.cluster(b, he)
    p = D(g.text)
    # same clusters, other ids and another order
    he2, b2, she2, a2 = p.m("he", form="PRO"), p.m("Bob"), p.m("She", form="PRO"), p.m("Ann")
    p.cluster(he2, b2), p.cluster(she2, a2)
    out = score_document(g.build(), p.build())
    assert all(t.f1 == 1.0 for t in out.values())
