"""Semantic checks and two-phase validation against the golden fixtures in tests/fixtures/.

The valid fixture (the real seed with every layer) passes; each invalid fixture reports exactly the
(code, pointer) pairs listed in tests/fixtures/invalid/expected.json, with a message that says what was
expected and what was found.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbench.checks import semantic_problems
from newsbench.records import from_record, read_jsonl, read_records
from newsbench.problems import ValidationFailed
from newsbench.validation import validate_document, validate_record, validate_records

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXPECTED = json.loads((FIXTURES / "invalid" / "expected.json").read_text(encoding="utf-8"))
SEMANTIC_CODES = {"span-out-of-range", "span-empty", "span-text-mismatch", "duplicate-id", "unknown-reference",
                  "mention-in-two-clusters", "role-not-allowed", "mode-not-allowed", "quote-content-overlap",
                  "duplicate-mention", "quote-parent-cycle", "event-in-two-clusters", "duplicate-document"}


def _validate_file(path: Path):  # type: ignore[no-untyped-def]
    items, problems = read_records(path)
    docs, found = validate_records(items)
    return docs, problems + found


def test_valid_fixture_has_every_layer_and_passes() -> None:
    path = FIXTURES / "valid" / "blinken-wang-yi-2022-02-22.json"
    docs, problems = _validate_file(path)
    assert problems == []
    (doc,) = docs
    for layer in ("passages", "mentions", "clusters", "events", "event_clusters", "quotes", "stances"):
        assert getattr(doc, layer), f"the valid fixture should exercise {layer}"
    assert doc.metadata is not None and doc.provenance is not None
    assert {s.target.kind for s in doc.stances} == {"cluster", "event", "topic"}
    assert any(len(q.content) > 1 for q in doc.quotes) and any(q.parent for q in doc.quotes)
    assert any(e.mode for e in doc.events)
    assert validate_document(doc) == []
    assert read_jsonl(path) == docs


def test_every_semantic_check_has_a_fixture() -> None:
    covered = {p["code"] for expected in EXPECTED.values() for p in expected}
    assert SEMANTIC_CODES <= covered
    refs = [name for name in EXPECTED if name.startswith("unknown-reference-")]
    # cluster member, argument, speaker, parent, holder, cluster target, event target, evidence quote, event
    # cluster member: every kind of reference in the schema
    assert len(refs) == 9


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_fixture_reports_exactly_the_expected_problems(name: str) -> None:
    docs, problems = _validate_file(FIXTURES / "invalid" / name)
    got = sorted((p.code, p.pointer) for p in problems)
    want = sorted((p["code"], p["pointer"]) for p in EXPECTED[name])
    assert got == want
    for p in problems:
        assert p.source and str(name).split(".")[0] in p.source  # the file is named
        assert len(p.message) > 30
        if p.code != "json-syntax":
            assert p.doc_id is not None


def test_valid_records_next_to_bad_ones_are_kept() -> None:
    docs, problems = _validate_file(FIXTURES / "invalid" / "duplicate-document.jsonl")
    assert [d.id for d in docs] == ["duplicate-document"]
    assert problems[0].source is not None and problems[0].source.endswith(":2")
    docs, problems = _validate_file(FIXTURES / "invalid" / "json-syntax.jsonl")
    assert [d.id for d in docs] == ["json-syntax-a", "json-syntax-b"]
    assert problems[0].source is not None and problems[0].source.endswith(":2")


def test_read_jsonl_raises_with_every_problem() -> None:
    with pytest.raises(ValidationFailed) as info:
        read_jsonl(FIXTURES / "invalid" / "structural-several.json")
    assert len(info.value.problems) == len(EXPECTED["structural-several.json"])
    assert "schema-oneOf" in str(info.value)


def _fixture(name: str) -> dict:  # type: ignore[type-arg]
    return json.loads((FIXTURES / "invalid" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name, expected_words", [
    ("span-text-mismatch", ["Ukraine’s", "Ukraine's", "fix"]),
    ("span-out-of-range", ["end=327", "expected at most 322"]),
    ("role-not-allowed", ["Victim", "CONSULT", "expected one of Actor, Recipient, Place, Time, Topic"]),
    ("mode-not-allowed", ["military", "visit, third-party, multilateral, phone"]),
    ("unknown-reference-holder", ["'m1'", "cluster", "expected one of c1, c2, c3"]),
    ("duplicate-id", ["'m1'", "/mentions/0", "rename one"]),
    ("span-empty", ["start=48 end=48", "expected start < end"]),
    ("quote-parent-cycle", ["q1 -> q2 -> q1", "null"]),
    ("mention-in-two-clusters", ["'m6'", "'c2'"]),
])
def test_messages_say_expected_and_got(name: str, expected_words: list[str]) -> None:
    _, problems = validate_record(_fixture(name), "x")
    text = " ".join(p.message for p in problems)
    for word in expected_words:
        assert word in text


def test_structural_messages_name_the_allowed_values() -> None:
    _, problems = validate_record(_fixture("structural-several"), "x")
    by_pointer = {p.pointer: p.message for p in problems}
    assert "expected one of NAM, NOM, PRO" in by_pointer["/mentions/1/form"]
    assert '"PER"' in by_pointer["/mentions/0/label"]
    assert "'text' is a required property" in by_pointer["/mentions/3"]
    assert "colour" in by_pointer["/"] if "/" in by_pointer else "colour" in by_pointer[""]


def test_semantic_phase_is_skipped_for_structurally_broken_records() -> None:
    rec = _fixture("structural-several")
    rec["mentions"][5]["end"] = 10_000  # would be span-out-of-range, but the shape cannot be trusted yet
    doc, problems = validate_record(rec)
    assert doc is None
    assert all(p.code.startswith("schema-") for p in problems)


def test_a_mention_below_a_cycle_is_not_blamed() -> None:
    rec = _fixture("quote-parent-cycle")
    third = {**rec["quotes"][1], "id": "q3", "parent": "q2"}
    rec["quotes"].append(third)
    problems = semantic_problems(from_record(rec))
    assert sorted(p.pointer for p in problems if p.code == "quote-parent-cycle") == [
        "/quotes/0/parent", "/quotes/1/parent"]


def test_self_parent_is_a_cycle() -> None:
    rec = _fixture("quote-parent-cycle")
    rec["quotes"][0]["parent"] = "q1"
    rec["quotes"][1]["parent"] = None
    problems = semantic_problems(from_record(rec))
    assert [(p.code, p.pointer) for p in problems] == [("quote-parent-cycle", "/quotes/0/parent")]


# --- properties over generated documents -------------------------------------------------------------------------

import copy  # noqa: E402
import random  # noqa: E402
from typing import Any  # noqa: E402

from hypothesis import assume, given, note, strategies as st  # noqa: E402

from newsbench.records import to_record  # noqa: E402
from strategies import CORRUPTIONS, documents  # noqa: E402

RICH = documents(max_mentions=10, max_events=5, max_quotes=4, max_stances=4)


@given(documents(scores=True))
def test_generated_documents_always_validate(doc: Any) -> None:
    assert validate_document(doc) == []
    docs, problems = validate_records([("gen", to_record(doc))])
    assert problems == [] and docs == [doc]


@given(documents(complete=True))
def test_complete_documents_exercise_every_layer_and_reference(doc: Any) -> None:
    for layer in ("mentions", "clusters", "events", "event_clusters", "quotes", "stances", "passages"):
        assert getattr(doc, layer), layer
    assert {s.target.kind for s in doc.stances} == {"cluster", "event", "topic"}
    assert any(len(q.content) > 1 for q in doc.quotes) and any(q.parent for q in doc.quotes)
    assert validate_document(doc) == []


@pytest.mark.parametrize("name", sorted(CORRUPTIONS))
@given(doc=RICH, rnd=st.randoms(use_true_random=False))
def test_corruptions_are_caught_with_their_code(name: str, doc: Any, rnd: random.Random) -> None:
    rec = copy.deepcopy(to_record(doc))
    expected = CORRUPTIONS[name](rec, rnd)
    assume(expected is not None)
    assert expected is not None
    code, at = expected
    got, problems = validate_record(rec, "gen")
    note(f"problems: {problems}")
    assert got is None
    assert code in {p.code for p in problems}
    if at is not None:
        assert (code, at) in {(p.code, p.pointer) for p in problems}


def test_duplicate_document_is_caught() -> None:
    rec = to_record(from_record(_fixture("duplicate-id")))
    rec["mentions"][2]["id"] = "m3"
    docs, problems = validate_records([("a", rec), ("b", copy.deepcopy(rec))])
    assert len(docs) == 1
    assert [(p.code, p.pointer, p.source) for p in problems] == [("duplicate-document", "/id", "b")]


def test_the_invalid_fixtures_are_what_their_generator_writes(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_invalid", FIXTURES / "make_invalid.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(p.name for p in (FIXTURES / "invalid").iterdir())
    for name in written:
        assert (tmp_path / name).read_bytes() == (FIXTURES / "invalid" / name).read_bytes(), name
