"""`newsbench prompt` and the text-only answer form: the prompt carries the schema's inventories and the document,
the documented example answer aligns and validates, and a stored model reply is scored end to end by
`newsbench score` (fixtures in tests/fixtures/llm/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from baseline_corpus import draft_documents
from newsbench.align import align_documents
from newsbench.cli import main
from newsbench.model import Document
from newsbench.problems import NewsbenchError
from newsbench.prompting import ANSWER_EXAMPLE, build_prompt, read_answer
from newsbench.records import write_jsonl
from newsbench.schema import inventory

LLM = Path(__file__).parent / "fixtures" / "llm"
DOC_ID = "blinken-wang-yi-2022-02-22"


@pytest.fixture(scope="module")
def seed_gold() -> Document:
    return next(d for d in draft_documents() if d.id == DOC_ID)


def test_prompt_cli_prints_the_stored_prompt(tmp_path: Path, seed_gold: Document, capsys) -> None:
    src = tmp_path / "gold.jsonl"
    write_jsonl([seed_gold], src)
    assert main(["prompt", DOC_ID, "--input", str(src)]) == 0
    printed = capsys.readouterr().out
    assert printed == (LLM / f"{DOC_ID}.prompt.txt").read_text(encoding="utf-8"), \
        "the prompt changed: regenerate tests/fixtures/llm/*.prompt.txt on purpose (see its README)"
    assert seed_gold.text in printed
    inv = inventory()
    assert all(f"- {t}:" in printed for t in inv.event_types)
    assert all(label in printed for label in inv.labels)
    assert f'"id": "{DOC_ID}"' in printed


def test_prompt_cli_unknown_document(tmp_path: Path, seed_gold: Document, capsys) -> None:
    src = tmp_path / "gold.jsonl"
    write_jsonl([seed_gold], src)
    assert main(["prompt", "no-such-doc", "--input", str(src)]) == 2
    assert "no document 'no-such-doc'" in capsys.readouterr().err


def test_the_documented_example_answer_aligns_and_validates() -> None:
    text = ("Ana Petrova condemned Norland on Monday. “We will not accept this,” she told reporters, "
            "calling the border deal a mistake.")
    gold = Document(id="DOC_ID", text=text)
    docs, problems, stats = align_documents([("example", json.loads(json.dumps(ANSWER_EXAMPLE)))], {"DOC_ID": gold})
    assert [p for p in problems if p.severity == "error"] == [] and stats["unaligned"] == 0
    (doc,) = docs
    assert [s.text for s in doc.quotes[0].content] == ["We will not accept this,"]
    assert doc.mention_by_id()[doc.quotes[0].speaker].span.text == "she"


@pytest.mark.parametrize("raw", [
    '{"mentions": []}',
    'Sure! ```json\n{"mentions": []}\n``` Hope this helps.',
    'The answer is {"mentions": []} as requested.',
])
def test_read_answer_accepts_usual_reply_shapes(raw: str) -> None:
    rec = read_answer(raw, "d1")
    assert rec["id"] == "d1" and rec["mentions"] == [] and rec["quotes"] == []
    assert rec["provenance"]["origin"] == "prediction"


@pytest.mark.parametrize("raw, message", [
    ("I cannot help with that.", "holds no JSON object"),
    ('{"mentions": [}', "not valid JSON"),
])
def test_read_answer_rejects_replies_without_json(raw: str, message: str) -> None:
    with pytest.raises(NewsbenchError, match=message):
        read_answer(raw, "d1")


def test_stored_model_reply_is_scored_end_to_end(tmp_path: Path, seed_gold: Document, capsys) -> None:
    record = read_answer((LLM / f"{DOC_ID}.response.txt").read_text(encoding="utf-8"), DOC_ID)
    pred = tmp_path / "answers.jsonl"
    pred.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    write_jsonl([seed_gold], gold)
    assert main(["score", "--pred", str(pred), "--gold", str(gold), "--bootstrap", "0", "--json"]) == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    # the one hallucinated name is dropped, with everything that pointed at it, and said so
    assert "'Vladimir Putin' does not occur in the document" in captured.err
    assert report["alignment"]["unaligned"] == 1
    assert report["alignment"]["dropped"]["stances"] == 1
    # the three quotes of the reply are exactly three gold quotes, with their cue and speaker
    gold_quotes = len(seed_gold.quotes)
    assert report["quotes"]["content_exact"] == {"tp": 3, "fp": 0, "fn": gold_quotes - 3, "precision": 1.0,
                                                  "recall": pytest.approx(3 / gold_quotes),
                                                  "f1": pytest.approx(6 / (3 + gold_quotes))}
    assert report["quotes"]["end_to_end"]["tp"] == 3
    assert report["events"]["trigger_classification"]["tp"] == 2
    assert report["events"]["trigger_classification"]["fp"] == 0
