"""The aligner of text-only predictions: the documented rule, what it refuses to guess, and scoring afterwards."""

from __future__ import annotations

import pytest

from newsbench.align import NormalizedText, align_documents, align_record, needs_alignment, normalize
from newsbench.model import Document
from newsbench.records import to_record
from newsbench.scoring import score

TEXT = ("Biden met Xi in Beijing.\n\nBiden  said: \u201cWe agree.\u201d Later Biden left, and Xi\u2019s aide "
        "said nothing.")
GOLD = Document("d1", TEXT)


def mention(text: str, hint: str | None = None, ident: str = "m1",
            label: str = "PERSON") -> dict:  # type: ignore[type-arg]
    m = {"id": ident, "text": text, "label": label, "form": "NAM"}
    if hint is not None:
        m["hint"] = hint
    return m


def placed(records: list[dict]) -> tuple[list[Document], list, dict]:  # type: ignore[type-arg]
    return align_documents(records, {"d1": GOLD})


@pytest.mark.parametrize("spans, expected", [
    # the first occurrence in text order
    ([mention("Biden")], [(0, 5)]),
    # repeated texts take successive occurrences, in record order
    ([mention("Biden", ident="a"), mention("Biden", ident="b"), mention("Biden", ident="c")],
     [(0, 5), (26, 31), (57, 62)]),
    # the hint picks the occurrence inside it, and is placed before unhinted items
    ([mention("Biden", ident="a"), mention("Biden", hint="Later Biden left", ident="b")], [(0, 5), (57, 62)]),
    # whitespace runs and curly quotes are normalised on both sides: offsets still point into the original text
    ([mention("Biden said:", ident="a")], [(26, 38)]),
    ([mention("Xi's aide", ident="a")], [(73, 82)]),
])
def test_alignment_rule(spans: list[dict], expected: list[tuple[int, int]]) -> None:  # type: ignore[type-arg]
    docs, problems, stats = placed([{"id": "d1", "mentions": spans}])
    assert [p for p in problems if p.severity == "error"] == []
    by_id = {m.id: (m.span.start, m.span.end) for m in docs[0].mentions}
    assert [by_id[s["id"]] for s in spans] == expected
    assert stats["aligned"] == len(spans) and stats["unaligned"] == 0


def test_unaligned_items_are_dropped_and_counted_never_guessed() -> None:
    record = {"id": "d1",
              "mentions": [mention("Obama", ident="o"), mention("Xi", ident="x"), mention("Xi", ident="x2"),
                           mention("Xi", ident="x3")],
              "clusters": [{"id": "c1", "name": "Obama", "members": ["o"]}, {"id": "c2", "name": "Xi",
                                                                              "members": ["x", "x2", "x3"]}],
              "quotes": [{"id": "q1", "kind": "direct", "content": [{"text": "We agree."}], "cue": {"text": "said"},
                          "speaker": "o"}],
              "stances": [{"id": "s1", "holder": "c1", "target": {"kind": "topic", "topic": "talks"},
                           "polarity": "FAVOR", "evidence": {"quotes": [], "spans": []}}]}
    docs, problems, stats = placed([record])
    codes = [(p.pointer, p.code, p.severity) for p in problems]
    # "Obama" is not in the text; the third "Xi" finds both occurrences taken
    assert ("/mentions/0", "unaligned", "warning") in codes and ("/mentions/3", "unaligned", "warning") in codes
    doc = docs[0]
    assert sorted(m.id for m in doc.mentions) == ["x", "x2"]
    assert [c.id for c in doc.clusters] == ["c2"] and doc.clusters[0].members == ("x", "x2")
    assert doc.quotes[0].speaker is None           # the speaker was the dropped mention
    assert doc.stances == ()                       # its holder cluster is gone
    assert stats["unaligned"] == 2
    assert stats["dropped"]["mentions"] == 2 and stats["dropped"]["stances"] == 1


def test_hint_that_does_not_match_is_reported() -> None:
    docs, problems, stats = placed([{"id": "d1", "mentions": [mention("Biden", hint="Biden resigned")]}])
    assert [p.code for p in problems] == ["hint-not-matched"]
    assert (docs[0].mentions[0].span.start, stats["hint_ignored"]) == (0, 1)


def test_unknown_documents_and_invalid_records_are_errors() -> None:
    docs, problems, _ = placed([{"id": "nope", "mentions": [mention("Biden")]},
                                {"id": "d1", "mentions": [mention("Biden", label="PERSONA")]}])
    assert docs == []
    assert [p.code for p in problems if p.severity == "error"][0] == "unknown-document"
    assert any(p.pointer == "/mentions/0/label" for p in problems)


def test_offset_records_pass_through() -> None:
    gold = GOLD.replace()
    rec = to_record(gold)
    assert not needs_alignment(rec)
    assert needs_alignment({"id": "d1", "mentions": [mention("Biden")]})
    assert needs_alignment({"id": "d1", "mentions": []})          # no text: taken from gold by the aligner
    aligned, problems = align_record({"id": "d1", "mentions": [{"id": "m", "start": 0, "end": 5, "text": "Biden",
                                                                "label": "PERSON", "form": "NAM"}]}, GOLD)
    assert aligned["mentions"][0]["start"] == 0 and problems == []


def test_normalisation() -> None:
    assert normalize("  \u201cWe\u00a0 agree\u201d\n") == '"We agree"'
    norm = NormalizedText("a \n\t b\u2019")
    assert norm.text == "a b'" and norm.find_all("b'") == [(5, 7)]


def test_aligned_predictions_score_like_offset_predictions() -> None:
    gold = Document("d1", TEXT, mentions=())
    from newsbench.model import Mention, Span

    gold = gold.replace(mentions=(Mention("g1", Span.of(TEXT, 0, 5), "PERSON", "NAM"),
                                  Mention("g2", Span.of(TEXT, 57, 62), "PERSON", "NAM")))
    docs, _, _ = align_documents([{"id": "d1", "mentions": [mention("Biden", ident="a"),
                                                            mention("Biden", hint="Later Biden", ident="b")]}],
                                 {"d1": gold})
    assert score(gold=[gold], pred=docs, bootstrap=0)["mentions"]["strict"]["f1"] == 1.0
