"""Drafts with text anchors resolve to canonical documents; the golden valid fixture is made from a draft."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbench.authoring import draft_to_document, main, occurrences
from newsbench.ingest import ingest
from newsbench.model import Document
from newsbench.records import to_record

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = FIXTURES.parent.parent
DRAFT = FIXTURES / "drafts" / "blinken-wang-yi-2022-02-22.json"
GOLDEN = FIXTURES / "valid" / "blinken-wang-yi-2022-02-22.json"


@pytest.fixture(scope="module")
def seed() -> Document:
    docs, _ = ingest([ROOT / "seeds" / "blinken-wang-yi-2022-02-22.txt"])
    return docs[0]


def _layers(rec: dict) -> dict:  # type: ignore[type-arg]
    """The record without its phenomena tags (the corpus team curates those in the seed's sidecar)."""
    return {**rec, "metadata": {k: v for k, v in rec["metadata"].items() if k != "phenomena"}}


def test_the_draft_resolves_to_the_golden_fixture(seed: Document) -> None:
    doc, problems = draft_to_document(json.loads(DRAFT.read_text(encoding="utf-8")), seed)
    assert problems == [] and doc is not None
    assert _layers(to_record(doc)) == _layers(json.loads(GOLDEN.read_text(encoding="utf-8")))


def test_the_command_writes_the_same_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.jsonl"
    assert main([str(DRAFT), "--seeds", str(ROOT / "seeds"), "--output", str(out)]) == 0
    (line,) = out.read_text(encoding="utf-8").splitlines()
    assert _layers(json.loads(line)) == _layers(json.loads(GOLDEN.read_text(encoding="utf-8")))
    assert "1 document(s), 0 problem(s)" in capsys.readouterr().err


def test_occurrences_counts_overlapping_ones() -> None:
    assert occurrences("aaaa", "aa") == [0, 1, 2]
    assert occurrences("recognised ... recognise", "recognise") == [0, 15]
    assert occurrences("abc", "") == []


@pytest.mark.parametrize("anchor, code, words", [
    ("Blinken", "draft-anchor-ambiguous", "'Blinken#N' with N from 1 to 6"),
    ("Blinken#7", "draft-anchor-not-found", "occurs 6 times, not 7"),
    ("Ukraine's", "draft-anchor-not-found", "curly quotes"),
    (42, "draft-bad-anchor", "got 42"),
])
def test_bad_anchors_are_reported(seed: Document, anchor: object, code: str, words: str) -> None:
    draft = {"mentions": [{"id": "m1", "span": anchor, "label": "PERSON"}]}
    doc, problems = draft_to_document(draft, seed, "d.json")
    assert doc is None
    (problem,) = problems
    assert (problem.code, problem.pointer, problem.source) == (code, "/mentions/0/span", "d.json")
    assert words in problem.message


def test_explicit_offsets_and_nth_occurrence(seed: Document) -> None:
    draft = {"mentions": [{"id": "m1", "span": "Blinken#2", "label": "PERSON"},
                          {"id": "m2", "span": {"start": 0, "end": 2}, "label": "GPE"}]}
    doc, problems = draft_to_document(draft, seed)
    assert problems == [] and doc is not None
    assert [(m.span.start, m.span.text, m.form) for m in doc.mentions] == [(489, "Blinken", "NAM"), (0, "US", "NAM")]


def test_resolved_drafts_are_validated(seed: Document) -> None:
    draft = {"mentions": [{"id": "m1", "span": "Blinken#2", "label": "PERSON"}],
             "clusters": [{"id": "c1", "name": "Blinken", "members": ["m1", "m2"]}]}
    doc, problems = draft_to_document(draft, seed)
    assert doc is None
    assert [(p.code, p.pointer) for p in problems] == [("unknown-reference", "/clusters/0/members/1")]


def test_unknown_document_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "x.json"
    draft.write_text(json.dumps({"id": "no-such-seed"}), encoding="utf-8")
    assert main([str(draft), "--seeds", str(ROOT / "seeds"), "--output", str(tmp_path / "o.jsonl")]) == 1
    assert "draft-unknown-document" in capsys.readouterr().err
