"""Quote metrics as a definition table: exact and token-overlap content, threshold matches, cue, speaker at mention
and cluster level, end to end, kind."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "scoring"))
from builder import D  # noqa: E402

from newsbench.model import Document  # noqa: E402
from newsbench.scoring.quotes import Tokens, score_document  # noqa: E402

TEXT = "\u201cWe will not yield,\u201d the minister said. She added that talks would continue."
Q1 = "\u201cWe will not yield,\u201d"   # 7 tokens: “ We will not yield , ”
Q2 = "talks would continue"          # 3 tokens


def gold() -> Document:
    d = D(TEXT)
    minister, she = d.m("the minister", form="NOM"), d.m("She", form="PRO")
    d.cluster(minister, she)
    d.quote(Q1, cue="said", speaker=minister)
    d.quote(Q2, cue="added", speaker=she, kind="indirect")
    return d.build()


def pred(q1: str = Q1, q1_speaker: str | None = "the minister", q2_kind: str = "indirect", q1_twice: bool = False,
         q1_cue: str | None = "said") -> Document:
    d = D(TEXT)
    ids = {"the minister": d.m("the minister", form="NOM"), "She": d.m("She", form="PRO")}
    for _ in range(2 if q1_twice else 1):
        d.quote(q1, cue=q1_cue, speaker=ids[q1_speaker] if q1_speaker else None)
    d.quote(Q2, cue="added", speaker=ids["She"], kind=q2_kind)
    return d.build()


def counts(t: Any) -> tuple[Any, ...]:
    d = t.to_dict()
    return (d["correct"], d["total"]) if "correct" in d else (d["tp"], d["fp"], d["fn"])


# metric -> expected (tp, fp, fn) or (correct, total), for each prediction
CASES: list[tuple[str, Callable[[], Document], dict[str, tuple[Any, ...]]]] = [
    ("perfect", lambda: pred(), {"content_exact": (2, 0, 0), "content_overlap": (10, 0, 0), "match_0.3": (2, 0, 0),
                                 "match_0.8": (2, 0, 0), "cue_exact": (2, 0, 0), "end_to_end": (2, 0, 0),
                                 "speaker_mention_accuracy": (2, 2), "speaker_cluster_accuracy": (2, 2),
                                 "kind_accuracy": (2, 2)}),
    # content without the quotation marks and the comma: 4 of 7 tokens (0.57): not exact, matched at 0.3 only
    ("shorter content", lambda: pred(q1="We will not yield"),
     {"content_exact": (1, 1, 1), "content_overlap": (7, 0, 3), "match_0.3": (2, 0, 0), "match_0.8": (1, 1, 1),
      "end_to_end": (2, 0, 0)}),
    # speaker "She" instead of "the minister": another mention, the same entity
    ("coreferent speaker", lambda: pred(q1_speaker="She"),
     {"speaker_mention_accuracy": (1, 2), "speaker_cluster_accuracy": (2, 2), "end_to_end": (2, 0, 0)}),
    # no speaker for q1: wrong at both levels, and q1 no longer counts end to end
    ("missing speaker", lambda: pred(q1_speaker=None),
     {"speaker_mention_accuracy": (1, 2), "speaker_cluster_accuracy": (1, 2), "end_to_end": (1, 1, 1),
      "match_0.3": (2, 0, 0)}),
    # q1 twice: the copy matches nothing (Citron would count it as a second true positive)
    ("duplicate", lambda: pred(q1_twice=True),
     {"content_exact": (2, 1, 0), "content_overlap": (10, 7, 0), "match_0.3": (2, 1, 0), "end_to_end": (2, 1, 0)}),
    ("wrong kind", lambda: pred(q2_kind="direct"), {"kind_accuracy": (1, 2), "match_0.3": (2, 0, 0)}),
    ("missing cue", lambda: pred(q1_cue=None), {"cue_exact": (1, 0, 1), "content_exact": (2, 0, 0)}),
]


@pytest.mark.parametrize("name, make, expected", CASES, ids=[c[0] for c in CASES])
def test_quote_metric_table(name: str, make: Callable[[], Document], expected: dict[str, tuple[Any, ...]]) -> None:
    out = score_document(gold(), make())
    assert {m: counts(out[m]) for m in expected} == expected


def test_tokens_touched_by_a_span() -> None:
    tokens = Tokens("a bc, d")                      # tokens named by their start: a 0, bc 2, "," 4, d 6
    assert tokens.covered([(0, 1)]) == {0}
    assert tokens.covered([(3, 4)]) == {2}          # half a word is the word
    assert tokens.covered([(1, 2)]) == frozenset()  # whitespace only
    assert tokens.covered([(2, 7)]) == {2, 4, 6}


def test_overlap_matching_is_optimal_not_greedy() -> None:
    # one long prediction covering both gold quotes can match only one of them: the larger overlap
    d = D(TEXT)
    d.quote(TEXT[: TEXT.index(".", 30) + 1])
    big = score_document(gold(), d.build())["content_overlap"].to_dict()
    assert big["tp"] == 7 and big["fn"] == 3


def test_empty_sides() -> None:
    none = score_document(Document("d1", TEXT), Document("d1", TEXT))
    assert none["content_overlap"].f1 is None and none["speaker_mention_accuracy"].to_dict()["accuracy"] is None
    assert score_document(gold(), Document("d1", TEXT))["end_to_end"].f1 == 0.0


@pytest.mark.parametrize("reverse", [False, True])
def test_ties_are_broken_by_content_not_input_order(reverse: bool) -> None:
    # the same words attributed twice, to two speakers: whatever the order, each finds its own speaker (2/2)
    def doc(order: tuple[str, str]) -> Document:
        d = D(TEXT)
        ids = {"the minister": d.m("the minister", form="NOM"), "She": d.m("She", form="PRO")}
        for who in order:
            d.quote(Q2, speaker=ids[who], kind="indirect")
        return d.build()

    pred_order = ("She", "the minister") if reverse else ("the minister", "She")
    out = score_document(doc(("the minister", "She")), doc(pred_order))
    assert counts(out["speaker_mention_accuracy"]) == (2, 2)
