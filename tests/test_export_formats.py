"""Exports to other formats: golden files for conll, brat and jsonl, a spaCy DocBin read back, and the brat round
trip (document -> .txt/.ann -> the same document) on fixtures and on generated documents.

Golden files live in tests/fixtures/build/expected/; regenerate them on purpose only, with
NEWSBENCH_REGENERATE=1 pytest tests/test_export_formats.py, and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given

from newsbench.cli import main
from newsbench.exporters import brat
from newsbench.records import read_jsonl, to_record

FIXTURES = Path(__file__).parent / "fixtures" / "build"
EXPECTED = FIXTURES / "expected"
GOLD = FIXTURES / "gold.jsonl"
REGENERATE = os.environ.get("NEWSBENCH_REGENERATE") == "1"


def _golden(produced: Path, expected: Path) -> None:
    if REGENERATE:
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_bytes(produced.read_bytes())
    assert produced.read_bytes() == expected.read_bytes(), f"{produced} differs from the golden file {expected}"


def test_conll_export_matches_the_golden_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "gold.conll"
    assert main(["export", "--format", "conll", "--input", str(GOLD), "--output", str(out)]) == 0
    _golden(out, EXPECTED / "gold.conll")
    text = out.read_text(encoding="utf-8")
    assert text.count("-DOCSTART-") == 2
    assert "Ostrian -X- _ B-ORG\nForeign -X- _ I-ORG\nMinistry -X- _ I-ORG\n" in text  # outermost of nested kept
    assert "exported 2 document(s) as conll" in capsys.readouterr().err


def test_brat_export_matches_the_golden_files_and_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "brat"
    assert main(["export", "--format", "brat", "--input", str(GOLD), "--output", str(out)]) == 0
    gold = read_jsonl(GOLD)
    for doc in gold:
        _golden(out / f"{doc.id}.ann", EXPECTED / "brat" / f"{doc.id}.ann")
        assert (out / f"{doc.id}.txt").read_bytes() == doc.text.encode("utf-8")
        back = brat.read(out, doc.id, base=doc)
        assert back == doc and to_record(back) == to_record(doc)
    ann = (out / "valdoria-talks.ann").read_text(encoding="utf-8").splitlines()
    kinds = {line.split("\t")[0][0] for line in ann}
    assert kinds == {"T", "E", "R", "A", "*", "#"}
    assert "E1\tCONSULT:T14 Actor:T1 Recipient:T4 Place:T5 Time:T6" in ann
    assert "R5\tAGAINST Arg1:T2 Arg2:T12" in ann  # the stance of Valdoria towards Ostria


def test_brat_splits_spans_at_line_breaks_into_fragments() -> None:
    from newsbench.model import Document, Quote, Span

    text = "He said: \u201cFirst part\r\n\r\nsecond part.\u201d"
    start = text.index("First")
    doc = Document("d", text, quotes=(Quote("q1", "direct", (Span.of(text, start, len(text) - 1),)),))
    ann = brat.to_brat(doc)
    assert f"T1\tQuote {start} {start + 10};{start + 14} {len(text) - 1}\tFirst part second part." in ann
    assert brat.from_brat(text, ann, doc_id="d") == doc


@given(pytest.importorskip("strategies").documents(scores=True))
def test_brat_round_trip_of_generated_documents(doc) -> None:  # type: ignore[no-untyped-def]
    back = brat.from_brat(doc.text, brat.to_brat(doc), base=doc)
    assert back == doc
    assert to_record(back) == to_record(doc)


def test_brat_reader_without_notes_falls_back_to_brat_ids() -> None:
    text = "Ana Rios met Tom. She smiled."
    ann = "T1\tPERSON 0 8\tAna Rios\nT2\tPERSON 13 16\tTom\nT3\tPERSON 18 21\tShe\nA1\tForm T3 PRO\n" \
          "*\tCoref T1 T3\nT4\tCONSULT 9 12\tmet\nE1\tCONSULT:T4 Actor:T1 Recipient:T2\n"
    doc = brat.from_brat(text, ann, doc_id="x")
    assert [(m.id, m.span.text, m.form) for m in doc.mentions] == [("T1", "Ana Rios", "NAM"), ("T2", "Tom", "NAM"),
                                                                  ("T3", "She", "PRO")]
    assert doc.clusters[0].members == ("T1", "T3")
    assert doc.events[0].type == "CONSULT" and [a.role for a in doc.events[0].arguments] == ["Actor", "Recipient"]


def test_brat_reader_names_the_bad_line() -> None:
    from newsbench.problems import NewsbenchError

    with pytest.raises(NewsbenchError, match="line 2 of the .ann"):
        brat.from_brat("abc", "T1\tPERSON 0 1\ta\nR1\tSpeaker Arg1:T1\n")


def test_jsonl_export_is_the_canonical_records(tmp_path: Path) -> None:
    out = tmp_path / "docs.jsonl"
    assert main(["export", "--format", "jsonl", "--input", str(GOLD), "--output", str(out)]) == 0
    _golden(out, EXPECTED / "gold.jsonl")
    assert read_jsonl(out) == read_jsonl(GOLD)


def test_spacy_docbin_has_entities_and_span_groups(tmp_path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    out = tmp_path / "gold.spacy"
    assert main(["export", "--format", "spacy", "--input", str(GOLD), "--output", str(out)]) == 0
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("en").vocab))
    gold = {d.id: d for d in read_jsonl(GOLD)}
    assert [d.user_data["id"] for d in docs] == list(gold)
    sdoc = next(d for d in docs if d.user_data["id"] == "valdoria-talks")
    ents = [(e.text, e.label_) for e in sdoc.ents]
    assert ("Ostrian Foreign Ministry", "ORG") in ents and ("Ostrian", "NORP") in ents  # the first one, not nested
    assert sum(1 for t, _ in ents if t == "Ostrian") == 1
    assert len(sdoc.spans["mentions"]) == len(gold["valdoria-talks"].mentions)  # overlapping ones kept here
    assert [(s.text, s.label_) for s in sdoc.spans["quotes"]] == [
        ("We will not recognise the annexation,", "direct"),
        ("the Ostrian Foreign Ministry supports the talks", "indirect")]
    assert [(s.text, s.label_) for s in sdoc.spans["triggers"]] == [("met", "CONSULT"), ("recognise", "SUPPORT"),
                                                                     ("imposed sanctions", "SANCTION")]
    assert sdoc.text == gold["valdoria-talks"].text
    # golden: what the DocBin holds, as JSON (the DocBin bytes themselves are msgpack of spaCy internals)
    summary = [{"id": d.user_data["id"], "tokens": len(d),
                "ents": [[e.start_char, e.end_char, e.label_] for e in d.ents],
                "spans": {g: [[x.start_char, x.end_char, x.label_] for x in d.spans[g]] for g in sorted(d.spans)}}
               for d in docs]
    produced = tmp_path / "gold.spacy.json"
    produced.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    _golden(produced, EXPECTED / "gold.spacy.json")


def test_export_needs_an_output_folder_for_brat(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "brat", "--input", str(GOLD)]) == 2
    assert "needs --output" in capsys.readouterr().err
