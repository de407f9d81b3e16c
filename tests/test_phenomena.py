"""Phenomena tags derived from annotations, and every corpus draft carrying all the tags its annotation proves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbench.authoring import draft_to_document
from newsbench.ingest import ingest
from newsbench.model import Cluster, Document, Event, EventCluster, Mention, Quote, Span, Stance, Target
from newsbench.phenomena import DERIVABLE, derived_tags

ROOT = Path(__file__).resolve().parent.parent
TEXT = 'Ana Lopes said "we will not sign," adding that talks "must go on".\n\nAccording to her, it failed. She left.'


def _doc(**layers) -> Document:
    from newsbench.ingest import passages_of

    return Document("t", TEXT, passages=passages_of(TEXT), **layers)


def sp(phrase: str, nth: int = 1) -> Span:
    i = -1
    for _ in range(nth):
        i = TEXT.index(phrase, i + 1)
    return Span(i, i + len(phrase), phrase)


ANA = Mention("m1", sp("Ana Lopes"), "PERSON", "NAM")
HER = Mention("m2", sp("her"), "PERSON", "PRO")
SIGN = Event("e1", "AGREE", sp("sign"))
QUOTE = Quote("q1", "direct", (sp("we will not sign,"),), sp("said"), "m1")


@pytest.mark.parametrize("layers, expected", [
    ({}, set()),  # nothing annotated, nothing derived
    ({"mentions": (ANA,), "quotes": (QUOTE,)}, set()),  # a plain attributed direct quote
    ({"quotes": (Quote("q1", "indirect", (sp("talks"),), None, None),)}, {"indirect-quote", "unattributed-quote"}),
    ({"quotes": (Quote("q1", "mixed", (sp('talks "must go on'),), None, None),)}, {"mixed-quote", "unattributed-quote"}),
    ({"mentions": (ANA,), "quotes": (QUOTE, Quote("q2", "direct", (sp("we"),), None, "m1", "q1"))}, {"nested-quote"}),
    ({"mentions": (HER,), "quotes": (Quote("q1", "indirect", (sp("it failed"),), sp("According to"), "m2"),)},
     {"indirect-quote", "pronoun-speaker", "according-to"}),
    ({"mentions": (ANA,), "quotes": (Quote("q1", "direct", (sp("we will not sign,"), sp("must go on")), sp("adding"),
                                           "m1"),)}, {"quote-around-cue"}),
    ({"mentions": (ANA,), "quotes": (Quote("q1", "direct", (sp("must go on"), sp("it failed")), None, "m1"),)},
     {"multi-paragraph-quote"}),
    ({"events": (Event("e1", "AGREE", sp("sign"), polarity="NEGATIVE"),)}, {"negated-event"}),
    ({"events": (Event("e1", "AGREE", sp("sign"), genericity="GENERIC"),)}, {"generic-event"}),
    ({"events": (SIGN, Event("e2", "AGREE", sp("failed"))), "event_clusters": (EventCluster("x", ("e1", "e2")),)},
     {"event-named-twice"}),
    ({"mentions": (ANA, Mention("m3", sp("talks"), "ORG", "NOM")), "clusters": (Cluster("c", "A", ("m1", "m3")),)},
     {"nominal-mention"}),
    ({"mentions": (Mention("m3", sp("talks"), "ORG", "NOM"),)}, set()),  # a nominal outside any cluster
    ({"mentions": (ANA, Mention("m4", sp("Ana"), "PERSON", "NAM"))}, {"nested-entity"}),
    ({"mentions": (ANA, HER), "clusters": (Cluster("a", "Ana", ("m1",)), Cluster("b", "Her", ("m2",))),
      "events": (SIGN,), "stances": (Stance("s1", "a", Target("event", "e1"), "FAVOR"),
                                     Stance("s2", "b", Target("event", "e1"), "AGAINST"))}, {"disagreeing-holders"}),
    ({"mentions": (ANA,), "clusters": (Cluster("a", "Ana", ("m1",)),), "events": (SIGN,),
      "stances": (Stance("s1", "a", Target("event", "e1"), "FAVOR"), Stance("s2", "a", Target("event", "e1"),
                                                                             "AGAINST"))}, set()),  # one holder
    ({"mentions": (ANA,), "clusters": (Cluster("a", "Ana", ("m1",)),),
      "stances": (Stance("s1", "a", Target("topic", topic="talks"), "NEUTRAL"),)}, {"neutral-stance"}),
])
def test_derived_tags(layers, expected):
    doc = _doc(**layers)
    assert derived_tags(doc) == expected
    assert expected <= set(DERIVABLE)


def _drafted() -> list[Document]:
    docs, problems = ingest([ROOT / "seeds"])
    assert problems == []
    by_id = {d.id: d for d in docs}
    out = []
    for path in sorted((ROOT / "annotations" / "drafts").glob("*.json")):
        draft = json.loads(path.read_text(encoding="utf-8"))
        doc, found = draft_to_document(draft, by_id[draft["id"]], str(path))
        assert found == [], found
        out.append(doc)
    return out


def test_every_draft_carries_the_tags_its_annotation_proves():
    missing = {d.id: sorted(derived_tags(d) - set(d.metadata.phenomena)) for d in _drafted()}
    assert {k: v for k, v in missing.items() if v} == {}


def test_every_phenomenon_is_in_three_challenge_documents():
    tags = json.loads((ROOT / "annotations" / "phenomena.json").read_text(encoding="utf-8"))
    counts = {t: 0 for t in tags}
    for d in _drafted():
        if d.metadata.subset == "challenge":
            for t in d.metadata.phenomena:
                counts[t] += 1
    assert {t: n for t, n in counts.items() if n < 3} == {}
