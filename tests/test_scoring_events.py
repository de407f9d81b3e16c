"""Event metrics as a definition table: Tri-I, Tri-C, Arg-I, Arg-C, attached and coreference-aware arguments,
attribute accuracy on matched triggers."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "scoring"))
from builder import D  # noqa: E402

from newsbench.model import Document  # noqa: E402
from newsbench.scoring.events import score_document  # noqa: E402

TEXT = "Biden met Xi in Beijing. Xi later criticised him."


def gold() -> Document:
    # e1 CONSULT "met": Actor Biden, Recipient Xi, Place Beijing; e2 ACCUSE "criticised": Actor Xi, Recipient him
    d = D(TEXT)
    biden, xi, beijing, xi2, him = d.m("Biden"), d.m("Xi"), d.m("Beijing", "GPE"), d.m("Xi", occ=1), \
        d.m("him", form="PRO")
    d.cluster(biden, him), d.cluster(xi, xi2)
    d.event("CONSULT", "met", ("Actor", biden), ("Recipient", xi), ("Place", beijing), tense="PAST")
    d.event("ACCUSE", "criticised", ("Actor", xi2), ("Recipient", him), tense="PAST")
    return d.build()


def pred(consult: str = "CONSULT", consult_trigger: str = "met", roles: tuple[str, str] = ("Actor", "Recipient"),
         accuse_recipient: str = "him", accuse_tense: str = "PAST", duplicate_accuse: bool = False) -> Document:
    d = D(TEXT)
    biden, xi, beijing, xi2 = d.m("Biden"), d.m("Xi"), d.m("Beijing", "GPE"), d.m("Xi", occ=1)
    recipient = d.m(accuse_recipient, form="PRO" if accuse_recipient == "him" else "NAM")
    d.event(consult, consult_trigger, (roles[0], biden), (roles[1], xi), ("Place", beijing), tense="PAST")
    for _ in range(2 if duplicate_accuse else 1):
        d.event("ACCUSE", "criticised", ("Actor", xi2), ("Recipient", recipient), tense=accuse_tense)
    return d.build()


# expected true positives of (Tri-I, Tri-C, Arg-I, Arg-C, Arg-I attached, Arg-C attached, Arg coref) and the
# number of predicted triggers and arguments; gold has 2 triggers and 5 arguments
CASES: list[tuple[str, Callable[[], Document], tuple[int, ...], tuple[int, int]]] = [
    ("perfect", lambda: pred(), (2, 2, 5, 5, 5, 5, 5), (2, 5)),
    # right trigger, wrong type: Tri-C loses e1, and e1's 3 arguments lose their event type
    ("wrong type", lambda: pred(consult="SUPPORT"), (2, 1, 2, 2, 2, 2, 2), (2, 5)),
    # Actor and Recipient swapped on e1: identified, not classified
    ("roles swapped", lambda: pred(roles=("Recipient", "Actor")), (2, 2, 5, 3, 5, 3, 3), (2, 5)),
    # trigger "Biden met" instead of "met": e1 unidentified; its arguments still count unattached
    ("trigger offsets", lambda: pred(consult_trigger="Biden met"), (1, 1, 5, 5, 2, 2, 5), (2, 5)),
    # Recipient "Biden" instead of "him": another span (Arg-C misses it), the same entity (coref counts it)
    ("coreferent argument", lambda: pred(accuse_recipient="Biden"), (2, 2, 4, 4, 4, 4, 5), (2, 5)),
    # e2 predicted twice: the copy is a false positive everywhere, never a second true positive
    ("duplicate", lambda: pred(duplicate_accuse=True), (2, 2, 5, 5, 5, 5, 5), (3, 7)),
]
NAMES = ("trigger_identification", "trigger_classification", "argument_identification", "argument_classification",
         "argument_identification_attached", "argument_classification_attached", "argument_coref")


@pytest.mark.parametrize("name, make, tps, sizes", CASES, ids=[c[0] for c in CASES])
def test_event_metric_table(name: str, make: Callable[[], Document], tps: tuple[int, ...],
                            sizes: tuple[int, int]) -> None:
    out = score_document(gold(), make())
    for metric, tp in zip(NAMES, tps):
        d = out[metric].to_dict()
        n_pred = sizes[0] if metric.startswith("trigger") else sizes[1]
        n_gold = 2 if metric.startswith("trigger") else 5
        assert (d["tp"], d["tp"] + d["fp"], d["tp"] + d["fn"]) == (tp, n_pred, n_gold), metric


def test_attribute_accuracy_on_matched_triggers() -> None:
    out = score_document(gold(), pred(accuse_tense="FUTURE"))
    assert out["tense_accuracy"].to_dict() == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert out["polarity_accuracy"].to_dict()["accuracy"] == 1.0
    # with the type wrong, e1 is no Tri-C match: attributes are measured on e2 only
    assert score_document(gold(), pred(consult="SUPPORT"))["tense_accuracy"].to_dict()["total"] == 1


def test_per_label_and_empty() -> None:
    out = score_document(gold(), pred(consult="SUPPORT"))
    assert out["per_label"]["trigger_classification"]["CONSULT"].to_dict()["fn"] == 1
    assert out["per_label"]["trigger_classification"]["SUPPORT"].to_dict()["fp"] == 1
    empty = score_document(gold(), Document("d1", TEXT))
    assert empty["trigger_identification"].f1 == 0.0
    assert empty["tense_accuracy"].to_dict()["accuracy"] is None          # no matched trigger: undefined
    nothing = score_document(Document("d1", TEXT), Document("d1", TEXT))
    assert nothing["argument_classification"].f1 is None
