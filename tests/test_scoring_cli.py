"""The score, align and agreement commands: exit codes, outputs, warnings, text-only predictions, a real export."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from newsbench.cli import main
from newsbench.records import read_jsonl, to_record, write_jsonl

FIXTURES = Path(__file__).parent / "fixtures" / "scoring"
GOLD = FIXTURES / "gold.jsonl"


def test_score_perfect_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--pred", str(GOLD), "--gold", str(GOLD), "--json", "--bootstrap", "20", "-q"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents"] == 2 and report["missing_predictions"] == []
    assert all(h["value"] == 1.0 for h in report["headline"].values())


def test_score_table_missing_document_warns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pred = tmp_path / "pred.jsonl"
    write_jsonl(read_jsonl(GOLD)[:1], pred)
    assert main(["score", "--pred", str(pred), "--gold", str(GOLD), "--bootstrap", "0", "--layers", "mentions"]) == 0
    out, err = capsys.readouterr()
    assert "warning: 1 gold document(s) have no prediction and score as empty: d2" in err
    assert "== mentions (2 documents) ==" in out and "mentions.strict_f1" in out


def test_score_unknown_document_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pred = tmp_path / "pred.jsonl"
    write_jsonl([replace(read_jsonl(GOLD)[0], id="zz")], pred)
    assert main(["score", "--pred", str(pred), "--gold", str(GOLD)]) == 1
    assert "not in gold: zz" in capsys.readouterr().err


def test_score_reports_bad_prediction_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = read_jsonl(GOLD)
    bad = to_record(docs[1])
    bad["mentions"][0]["end"] += 1                     # text no longer matches the offsets
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(to_record(docs[0])) + "\n" + json.dumps(bad) + "\n{not json\n", encoding="utf-8")
    assert main(["score", "--pred", str(pred), "--gold", str(GOLD), "--json", "--bootstrap", "0"]) == 1
    out, err = capsys.readouterr()
    assert "span-text-mismatch" in err and "json-syntax" in err and f"{pred}:3" in err
    report = json.loads(out)
    assert report["missing_predictions"] == ["d2"]     # the invalid record is not scored, and says so
    assert report["mentions"]["strict"]["tp"] > 0      # the valid one still is


def test_score_text_only_predictions(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["score", "--pred", str(FIXTURES / "pred_text_only.jsonl"), "--gold", str(GOLD), "--json",
                 "--bootstrap", "0"])
    out, err = capsys.readouterr()
    assert code == 0, err
    report = json.loads(out)
    assert report["alignment"]["unaligned"] == 1 and "'Moscow' does not occur" in err
    # d1: 6 of the 6 predicted named/pronoun mentions placed where gold has them
    assert report["mentions"]["per_form"]["strict"]["PRO"]["tp"] == 1
    assert report["quotes"]["content_exact"]["tp"] == 1 and report["quotes"]["end_to_end"]["tp"] == 1


def test_align_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_path = tmp_path / "aligned.jsonl"
    assert main(["align", str(FIXTURES / "pred_text_only.jsonl"), "--gold", str(GOLD), "-o", str(out_path)]) == 0
    err = capsys.readouterr().err
    assert "1 unaligned and dropped" in err
    (doc,) = read_jsonl(out_path)                      # valid, offset-based documents
    he = [m for m in doc.mentions if m.id == "d"][0]
    assert doc.text[he.span.start:he.span.end + 5] == "he said"


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("score", "align", "agreement"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "example: newsbench " + command in capsys.readouterr().out


def test_agreement_on_a_label_studio_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsbench.labelstudio.convert import document_to_results
    from newsbench.labelstudio.tasks import make_tasks

    docs = read_jsonl(GOLD)
    reduced = replace(docs[0], stances=())
    tasks = make_tasks(docs)
    export = []
    for n, (task, doc) in enumerate(zip(tasks, docs), 1):
        second = reduced if doc.id == "d1" else doc
        export.append({**task, "id": n, "annotations": [
            {"id": 10 * n, "completed_by": {"id": 1, "email": "ann@example.org"}, "result": document_to_results(doc),
             "was_cancelled": False, "ground_truth": False},
            {"id": 10 * n + 1, "completed_by": {"id": 2, "email": "bob@example.org"},
             "result": document_to_results(second), "was_cancelled": False, "ground_truth": False}]})
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    assert main(["agreement", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    (pair,) = result["pairs"]
    assert pair["annotators"] == ["ann@example.org", "bob@example.org"] and pair["documents"] == 2
    assert pair["f1"]["mentions"]["strict"] == 1.0
    # bob left out d1's 3 stances: 3 of 6 found, none wrong -> P 1, R 1/2, F1 2/3
    assert pair["f1"]["stances"]["triplet"] == pytest.approx(2 / 3)
    assert main(["agreement", str(path)]) == 0
    assert "ann@example.org vs bob@example.org" in capsys.readouterr().out
    # a broken task next to the good ones: reported, exit 1, the good tasks still compared
    path.write_text(json.dumps(export + [{"id": 99, "data": {"id": "x"}, "annotations": []}]), encoding="utf-8")
    assert main(["agreement", str(path), "--json"]) == 1
    out, err = capsys.readouterr()
    assert "task-without-text" in err and json.loads(out)["pairs"][0]["documents"] == 2
