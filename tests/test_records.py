"""Documents <-> JSON records and JSONL files: lossless, deterministic, and robust to unusual characters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from newsbench.model import Document, Mention, Span
from newsbench.records import dumps, from_record, iter_json_records, read_jsonl, to_record, write_jsonl
from strategies import documents

VALID = Path(__file__).resolve().parent / "fixtures" / "valid" / "blinken-wang-yi-2022-02-22.json"


def test_the_fixture_round_trips_exactly() -> None:
    rec = json.loads(VALID.read_text(encoding="utf-8"))
    doc = from_record(rec)
    assert to_record(doc) == rec
    assert list(to_record(doc)) == list(rec)  # same key order: the writer is deterministic


@given(documents(scores=True))
def test_documents_round_trip_through_records(doc: Document) -> None:
    rec = to_record(doc)
    assert from_record(rec) == doc
    assert from_record(json.loads(dumps(doc))) == doc
    # scores are kept in the record though equality ignores them
    assert [m.score for m in from_record(rec).mentions] == [m.score for m in doc.mentions]


@given(documents())
def test_documents_round_trip_through_jsonl_files(tmp_path_factory: Any, doc: Document) -> None:
    path = tmp_path_factory.mktemp("rt") / "docs.jsonl"
    other = doc.replace(id=doc.id + "-2", text=doc.text + "\u2028\x85\u2029", passages=(),
                        mentions=doc.mentions, quotes=doc.quotes)
    assert write_jsonl([doc, other], path) == 2
    assert read_jsonl(path) == [doc, other]
    assert path.read_bytes().count(b"\n") == 2


def test_line_separators_inside_text_do_not_split_records(tmp_path: Path) -> None:
    text = "one\u2028two\x85three\u2029four\x1cfive"
    doc = Document("sep", text, mentions=(Mention("m0", Span.of(text, 0, 3), "CARDINAL", "NAM"),))
    path = tmp_path / "sep.jsonl"
    write_jsonl([doc], path)
    assert read_jsonl(path) == [doc]


def test_score_is_not_part_of_equality() -> None:
    span = Span(0, 3, "abc")
    assert Mention("m", span, "ORG", "NAM", score=0.2) == Mention("m", span, "ORG", "NAM", score=0.9)
    rec = to_record(Document("d", "abc", mentions=(Mention("m", span, "ORG", "NAM", score=0.5),)))
    assert rec["mentions"][0]["score"] == 0.5
    assert "score" not in to_record(Document("d", "abc", mentions=(Mention("m", span, "ORG", "NAM"),)))["mentions"][0]


def test_json_files_hold_one_record_or_a_list(tmp_path: Path) -> None:
    rec = json.loads(VALID.read_text(encoding="utf-8"))
    single, many = tmp_path / "one.json", tmp_path / "many.json"
    single.write_text(json.dumps(rec), encoding="utf-8")
    many.write_text(json.dumps([rec, {**rec, "id": "other"}]), encoding="utf-8")
    assert [d.id for d in read_jsonl(single)] == [rec["id"]]
    assert [where for where, _, _ in iter_json_records(many)] == [f"{many} item 0", f"{many} item 1"]


def test_jsonl_blank_lines_crlf_and_broken_lines(tmp_path: Path) -> None:
    line = dumps(from_record(json.loads(VALID.read_text(encoding="utf-8"))))
    path = tmp_path / "x.jsonl"
    path.write_bytes((line + "\r\n\r\n" + "{oops\r\n").encode("utf-8"))
    items = list(iter_json_records(path))
    assert [(where, problem is None) for where, _, problem in items] == [(f"{path}:1", True), (f"{path}:3", False)]
    problem = items[1][2]
    assert problem is not None and problem.code == "json-syntax" and "column" in problem.message


def test_not_utf8_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"id": "caf\u00e9"}\n'.encode("latin-1"))
    ((_, rec, problem),) = list(iter_json_records(path))
    assert rec is None and problem is not None and problem.code == "not-utf8"
    from newsbench.problems import NewsbenchError
    with pytest.raises(NewsbenchError, match="cannot read"):
        list(iter_json_records(tmp_path / "missing.jsonl"))


def test_write_jsonl_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    doc = Document("d", "“Curly” — text 😀")
    assert write_jsonl([doc, doc.replace(id="e")], "-") == 2
    out = capsys.readouterr().out
    assert out.splitlines()[0] == dumps(doc) and "😀" in out  # UTF-8, not \\u escapes
