"""The report: perfect predictions, permutation invariance, empty sides, breakdowns, bootstrap, pairing rules."""

from __future__ import annotations

import json
import random
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "scoring"))
from builder import rich  # noqa: E402

from newsbench.model import Argument, Document, Evidence, Target  # noqa: E402
from newsbench.problems import NewsbenchError, UsageError  # noqa: E402
from newsbench.scoring import format_table, score  # noqa: E402
from newsbench.scoring.report import HEADLINE  # noqa: E402


def corpus(n: int = 6) -> list[Document]:
    docs = []
    for i in range(n):
        d = rich()
        md = replace(d.metadata, subset="news" if i % 2 else "challenge",  # type: ignore[arg-type]
                     phenomena=("pronoun-speaker",) if i % 3 == 0 else ())
        docs.append(replace(d, id=f"doc{i}", metadata=md))
    return docs


def noisy(doc: Document, rng: random.Random) -> Document:
    """Drop some items of every layer (references to dropped mentions are simply left dangling)."""
    keep = lambda items: tuple(x for x in items if rng.random() < 0.7)  # noqa: E731
    return replace(doc, mentions=keep(doc.mentions), clusters=keep(doc.clusters), events=keep(doc.events),
                   quotes=keep(doc.quotes), stances=keep(doc.stances))


def permuted(doc: Document, rng: random.Random) -> Document:
    """The same annotations with every layer shuffled and every id renamed."""
    def shuffled(items: tuple) -> tuple:  # type: ignore[type-arg]
        out = list(items)
        rng.shuffle(out)
        return tuple(out)

    ren = {x.id: f"z{rng.randrange(10**9)}_{n}" for n, x in enumerate(doc.mentions + doc.clusters + doc.events
                                                                       + doc.quotes)}
    r = lambda i: ren.get(i, i) if i is not None else None  # noqa: E731
    return replace(
        doc,
        mentions=shuffled(tuple(replace(m, id=r(m.id)) for m in doc.mentions)),
        clusters=shuffled(tuple(replace(c, id=r(c.id), members=shuffled(tuple(r(x) for x in c.members)))
                                for c in doc.clusters)),
        events=shuffled(tuple(replace(e, id=r(e.id), arguments=shuffled(tuple(Argument(a.role, r(a.mention))
                                                                             for a in e.arguments)))
                              for e in doc.events)),
        quotes=shuffled(tuple(replace(q, id=r(q.id), speaker=r(q.speaker), parent=r(q.parent)) for q in doc.quotes)),
        stances=shuffled(tuple(replace(s, id=f"s{n}", holder=r(s.holder),
                                       target=Target(s.target.kind, r(s.target.ref), s.target.topic),
                                       evidence=Evidence(tuple(r(q) for q in s.evidence.quotes), s.evidence.spans))
                               for n, s in enumerate(doc.stances))),
    )


def _values(report: dict) -> list[float | None]:  # type: ignore[type-arg]
    """Every F1 / accuracy in the top level of each layer."""
    out = []
    for layer in report["layers"]:
        for name, m in report[layer].items():
            if isinstance(m, dict) and not name.startswith("per_"):
                out.append(m.get("f1", m.get("accuracy")))
    return out


def test_perfect_predictions_score_one_everywhere() -> None:
    gold = corpus()
    report = score(gold=gold, pred=gold, bootstrap=50)
    values = _values(report)
    assert len(values) > 30 and all(v == 1.0 for v in values)
    for name, h in report["headline"].items():
        assert h["value"] == 1.0 and h["ci95"] == [1.0, 1.0], name
    assert set(report["headline"]) == set(HEADLINE)
    for layer in report["layers"]:
        for subset in ("news", "challenge"):
            sub = report[layer]["per_subset"][subset]
            assert all(m.get("f1", m.get("accuracy")) == 1.0 for m in sub.values()), (layer, subset)
    json.dumps(report)  # JSON-able


@settings(max_examples=10)
@given(st.randoms(use_true_random=False))
def test_permutation_invariance(rng: random.Random) -> None:
    gold = corpus()
    pred = [noisy(d, random.Random(n)) for n, d in enumerate(gold)]
    base = score(gold=gold, pred=pred, bootstrap=30, seed=3)
    gold2 = [permuted(d, rng) for d in gold]
    pred2 = [permuted(d, rng) for d in pred]
    rng.shuffle(gold2)
    rng.shuffle(pred2)
    again = score(gold=gold2, pred=pred2, bootstrap=30, seed=3)
    assert json.dumps(again, sort_keys=True) == json.dumps(base, sort_keys=True)


def test_noise_lowers_scores_and_interval_brackets_value() -> None:
    gold = corpus(12)
    pred = [noisy(d, random.Random(n)) for n, d in enumerate(gold)]
    report = score(gold=gold, pred=pred, bootstrap=200, seed=1)
    h = report["headline"]["mentions.strict_f1"]
    assert h["value"] < 1.0
    assert h["ci95"][0] <= h["value"] <= h["ci95"][1]
    assert h["value"] == pytest.approx(report["mentions"]["strict"]["f1"])
    assert report["headline"]["clusters.conll_f1"]["value"] == pytest.approx(report["clusters"]["conll"]["f1"])
    # same seed, same interval; another seed, another
    assert score(gold=gold, pred=pred, bootstrap=200, seed=1)["headline"] == report["headline"]
    assert score(gold=gold, pred=pred, bootstrap=200, seed=2)["headline"] != report["headline"]


def test_empty_predictions_and_empty_gold() -> None:
    gold = corpus(2)
    empty = [d.without_annotations() for d in gold]
    report = score(gold=gold, pred=empty, bootstrap=20)
    assert report["mentions"]["strict"]["f1"] == 0.0
    assert report["events"]["tense_accuracy"]["accuracy"] is None
    nothing = score(gold=empty, pred=empty, bootstrap=20)
    assert all(v is None for v in _values(nothing))
    assert all(h["value"] is None and h["ci95"] is None for h in nothing["headline"].values())
    assert "headline" in format_table(nothing)


def test_missing_and_unknown_documents() -> None:
    gold = corpus(3)
    report = score(gold=gold, pred=gold[:1], bootstrap=0)
    assert report["missing_predictions"] == ["doc1", "doc2"]
    assert report["mentions"]["strict"]["recall"] == pytest.approx(1 / 3)
    assert report["headline"]["mentions.strict_f1"]["ci95"] is None
    with pytest.raises(NewsbenchError, match="not in gold: other"):
        score(gold=gold, pred=[replace(gold[0], id="other")])
    with pytest.raises(NewsbenchError, match="text differs"):
        score(gold=gold, pred=[replace(gold[0], text=gold[0].text + " ")])
    with pytest.raises(UsageError, match="unknown layer"):
        score(gold=gold, pred=gold, layers=["entities"])


def test_breakdowns_and_layers() -> None:
    gold = corpus(4)
    pred = [noisy(d, random.Random(n)) for n, d in enumerate(gold)]
    report = score(gold=gold, pred=pred, layers=["mentions", "quotes"], bootstrap=0)
    assert report["layers"] == ["mentions", "quotes"] and "events" not in report
    assert set(report["headline"]) == {"mentions.strict_f1", "quotes.content_overlap_f1", "quotes.end_to_end_f1"}
    per_subset = report["mentions"]["per_subset"]
    total = report["mentions"]["strict"]
    assert per_subset["news"]["strict"]["tp"] + per_subset["challenge"]["strict"]["tp"] == total["tp"]
    assert set(report["mentions"]["per_phenomenon"]) == {"pronoun-speaker"}
    labels = report["mentions"]["per_label"]["strict"]
    assert sum(v["tp"] for v in labels.values()) == total["tp"]
    table = format_table(report, breakdowns=True)
    assert "[news] strict" in table and "PERSON" in table and "mentions.strict_f1" in table
