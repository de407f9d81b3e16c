"""Stance metrics as a definition table: pair F1, triplet F1, SemEval-2016 (F_FAVOR + F_AGAINST) / 2, macro F1."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "scoring"))
from builder import D  # noqa: E402

from newsbench.model import Document, Target  # noqa: E402
from newsbench.scoring.stances import class_averages, score_document  # noqa: E402

TEXT = "Ann praised Bob. Carl opposed the plan. Dora met Bob."


def gold() -> Document:
    # Ann -> Bob FAVOR; Carl -> topic "the plan" AGAINST; Dora -> event "met" NEUTRAL
    d = D(TEXT)
    ann, bob, carl, dora, bob2 = d.m("Ann"), d.m("Bob"), d.m("Carl"), d.m("Dora"), d.m("Bob", occ=1)
    c_ann, c_bob, c_carl, c_dora = d.cluster(ann), d.cluster(bob, bob2), d.cluster(carl), d.cluster(dora)
    met = d.event("CONSULT", "met", ("Actor", dora), ("Recipient", bob2))
    d.stance(c_ann, Target("cluster", c_bob), "FAVOR")
    d.stance(c_carl, Target("topic", topic="the plan"), "AGAINST")
    d.stance(c_dora, Target("event", met), "NEUTRAL")
    return d.build()


def pred(ann_polarity: str = "FAVOR", topic: str = "the plan", holder_of_first: str = "Ann",
         bob_cluster: tuple[int, ...] = (0, 1), extra: bool = False) -> Document:
    d = D(TEXT)
    # other ids and order than gold: clusters are compared by their mentions
    bobs = [d.m("Bob", occ=1), d.m("Bob")]
    dora, carl, ann = d.m("Dora"), d.m("Carl"), d.m("Ann")
    met = d.event("CONSULT", "met", ("Actor", dora))
    c_bob = d.cluster(*[bobs[1 - i] for i in bob_cluster])
    c_ann, c_carl, c_dora = d.cluster(ann), d.cluster(carl), d.cluster(dora)
    holder = {"Ann": c_ann, "Carl": c_carl}[holder_of_first]
    d.stance(holder, Target("cluster", c_bob), ann_polarity)
    d.stance(c_carl, Target("topic", topic=topic), "AGAINST")
    d.stance(c_dora, Target("event", met), "NEUTRAL")
    if extra:
        d.stance(c_dora, Target("cluster", c_bob), "AGAINST")
    return d.build()


# expected (pair tp, fp, fn), (triplet tp, fp, fn), semeval_f_avg, macro_f1
CASES: list[tuple[str, Callable[[], Document], tuple[int, int, int], tuple[int, int, int], float, float]] = [
    ("perfect", lambda: pred(), (3, 0, 0), (3, 0, 0), 1.0, 1.0),
    # FAVOR read as AGAINST: the pair is right, the triplet wrong. F_FAVOR = 0 (1 gold, 0 predicted);
    # F_AGAINST: 1 right of 2 predicted, 1 gold -> P 1/2, R 1 -> 2/3; macro adds F_NEUTRAL = 1
    ("wrong polarity", lambda: pred(ann_polarity="AGAINST"), (3, 0, 0), (2, 1, 1), (0 + 2 / 3) / 2,
     (0 + 2 / 3 + 1) / 3),
    # topics compare without case and extra spaces
    ("topic spelling", lambda: pred(topic="The  Plan"), (3, 0, 0), (3, 0, 0), 1.0, 1.0),
    # wrong holder: neither pair nor triplet
    ("wrong holder", lambda: pred(holder_of_first="Carl"), (2, 1, 1), (2, 1, 1), (0 + 1) / 2, (0 + 1 + 1) / 3),
    # a predicted Bob cluster with only one of the two mentions still aligns to gold Bob (CEAF-e alignment)
    ("partial cluster", lambda: pred(bob_cluster=(0,)), (3, 0, 0), (3, 0, 0), 1.0, 1.0),
    # an extra AGAINST stance: a false positive of the pair, the triplet and the AGAINST class
    ("extra stance", lambda: pred(extra=True), (3, 1, 0), (3, 1, 0), (1 + 2 / 3) / 2, (1 + 2 / 3 + 1) / 3),
]


@pytest.mark.parametrize("name, make, pair, triplet, semeval, macro", CASES, ids=[c[0] for c in CASES])
def test_stance_metric_table(name: str, make: Callable[[], Document], pair: tuple[int, int, int],
                             triplet: tuple[int, int, int], semeval: float, macro: float) -> None:
    out = score_document(gold(), make())
    for metric, expected in (("pair", pair), ("triplet", triplet)):
        d = out[metric].to_dict()
        assert (d["tp"], d["fp"], d["fn"]) == expected, metric
    averages = class_averages(out["per_label"]["triplet"])
    assert averages["semeval_f_avg"] == pytest.approx(semeval)
    assert averages["macro_f1"] == pytest.approx(macro)


def test_class_averages_skip_absent_classes_and_undefined() -> None:
    assert class_averages({}) == {"semeval_f_avg": None, "macro_f1": None}
    out = score_document(Document("d1", TEXT), Document("d1", TEXT))
    assert out["triplet"].f1 is None
    assert class_averages(out["per_label"]["triplet"]) == {"semeval_f_avg": None, "macro_f1": None}
