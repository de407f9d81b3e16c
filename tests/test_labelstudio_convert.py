"""Document <-> Label Studio result items: golden files, the round-trip property, and each rejection code."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from strategies import documents

from newsbench.labelstudio.convert import document_to_results, read_results, results_to_document
from newsbench.model import Document, Span
from newsbench.records import read_jsonl

FIXTURES = Path(__file__).parent / "fixtures" / "labelstudio"
GOLD = read_jsonl(FIXTURES / "gold.jsonl")
MINI = next(d for d in GOLD if d.id == "mini-0001")


def _golden(name: str, content: str) -> str:
    """The committed golden file; NEWSBENCH_REGENERATE=1 rewrites it (on purpose only)."""
    path = FIXTURES / name
    if os.environ.get("NEWSBENCH_REGENERATE") == "1":
        path.write_text(content, encoding="utf-8")
    return path.read_text(encoding="utf-8")


def test_results_of_the_mini_document_match_the_golden_file() -> None:
    produced = json.dumps(document_to_results(MINI), ensure_ascii=False, indent=1) + "\n"
    assert produced == _golden("mini.results.json", produced)


@pytest.mark.parametrize("doc", GOLD, ids=[d.id for d in GOLD])
def test_gold_documents_round_trip_exactly(doc: Document) -> None:
    back, problems = results_to_document(document_to_results(doc), doc.without_annotations())
    assert problems == []
    assert back == doc.replace(provenance=None)


@given(documents(scores=True))
def test_round_trip_is_the_identity_on_generated_documents(doc: Document) -> None:
    results = json.loads(json.dumps(document_to_results(doc)))  # as the server stores and exports them
    back, problems = results_to_document(results, doc.without_annotations())
    assert problems == []
    assert back == doc.replace(provenance=None)
    # scores are not part of equality: compare them on their own
    assert [m.score for m in back.mentions] == [m.score for m in doc.mentions]
    assert [c.score for c in back.clusters] == [c.score for c in doc.clusters]
    assert [a.score for e in back.events for a in e.arguments] == [a.score for e in doc.events for a in e.arguments]


# --- every rejection has a stable code -----------------------------------------------------------------------

TEXT = "Blinken 😀 met Wang in Munich."
BASE = Document("t1", TEXT)


def _label(rid: str, start: int, end: int, label: str, control: str = "mention", **value: object) -> dict:
    return {"id": rid, "from_name": control, "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": TEXT[start:end], "labels": [label], **value}}


def _form(rid: str, start: int, end: int, form: str = "NAM") -> dict:
    return {"id": rid, "from_name": "form", "to_name": "text", "type": "choices",
            "value": {"start": start, "end": end, "text": TEXT[start:end], "choices": [form]}}


def _rel(a: str, b: str, *labels: str, direction: str = "right") -> dict:
    item = {"from_id": a, "to_id": b, "type": "relation", "direction": direction}
    if labels:
        item["labels"] = list(labels)
    return item


BLINKEN = [_label("b", 0, 7, "PERSON"), _form("b", 0, 7)]
WANG = [_label("w", 14, 18, "PERSON"), _form("w", 14, 18)]
MET = [_label("t", 10, 13, "CONSULT", control="trigger")]

CASES = {
    "unknown-control": [{"id": "x", "from_name": "sentiment", "to_name": "text", "type": "choices",
                         "value": {"choices": ["pos"]}}],
    "unknown-label": [_label("x", 0, 7, "POLITICIAN"), _form("x", 0, 7)],
    "two-labels": [{**_label("x", 0, 7, "PERSON"), "value": {"start": 0, "end": 7, "text": "Blinken",
                                                              "labels": ["PERSON", "ORG"]}}],
    "no-label": [{**_label("x", 0, 7, "PERSON"), "value": {"start": 0, "end": 7, "text": "Blinken", "labels": []}}],
    "span-text-mismatch": [{**_label("x", 0, 7, "PERSON"), "value": {"start": 0, "end": 7, "text": "Blinkn",
                                                                      "labels": ["PERSON"]}}],
    "offsets-out-of-range": [_label("x", 5, 900, "PERSON")],
    "bad-offsets": [{**_label("x", 0, 7, "PERSON"), "value": {"start": "0", "end": 7, "labels": ["PERSON"]}}],
    "relation-missing-region": BLINKEN + [_rel("b", "ghost", "coref")],
    "relation-no-label": BLINKEN + WANG + [_rel("b", "w")],
    "relation-two-labels": BLINKEN + WANG + [_rel("b", "w", "coref", "speaker")],
    "relation-bad-endpoint": BLINKEN + WANG + [_rel("b", "w", "cue")],
    "role-not-allowed": BLINKEN + MET + [_rel("t", "b", "Victim")],
    "mode-not-allowed": MET + [{"id": "t", "from_name": "mode", "to_name": "text", "type": "choices",
                                "value": {"start": 10, "end": 13, "text": "met", "choices": ["riot"]}}],
    "missing-attribute": [_label("x", 0, 7, "PERSON")],
    "orphan-attribute": [_form("nobody", 0, 7)],
    "duplicate-region": BLINKEN + [_label("b", 14, 18, "PERSON")],
    "orphan-cue": [_label("c", 10, 13, "cue", control="quote")],
    "stance-holder-missing": [_label("s", 10, 13, "evidence", control="stance"),
                              {"id": "s", "from_name": "stance_polarity", "to_name": "text", "type": "choices",
                               "value": {"start": 10, "end": 13, "text": "met", "choices": ["FAVOR"]}}],
    "result-not-object": ["PERSON"],
    "wrong-type": [{**_label("x", 0, 7, "PERSON"), "type": "choices"}],
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_bad_item_is_reported_with_its_code_and_the_rest_is_kept(code: str) -> None:
    good = [_label("keep", 22, 28, "GPE"), _form("keep", 22, 28)]
    doc, problems, counts = read_results(good + CASES[code], BASE)
    assert code in {p.code for p in problems}, [p.render() for p in problems]
    bad = [p for p in problems if p.code == code][0]
    assert bad.pointer.startswith("/result/") and bad.doc_id == "t1"
    assert doc is not None and "keep" in {m.id for m in doc.mentions}
    assert counts["results_rejected"] >= 1
    assert counts["results_converted"] + counts["results_rejected"] == len(good) + len(CASES[code])


def test_utf16_offsets_are_detected_and_repaired_only_on_request() -> None:
    # "Wang" starts at code point 14 but at UTF-16 unit 15: the emoji before it is two units
    item = [{**_label("w", 15, 19, "PERSON"), "value": {"start": 15, "end": 19, "text": "Wang",
                                                        "labels": ["PERSON"]}}, _form("w", 15, 19)]
    doc, problems = results_to_document(item, BASE)
    assert [p.code for p in problems][:1] == ["utf16-offsets"] and doc is not None and doc.mentions == ()
    doc, problems = results_to_document(item, BASE, repair_utf16=True)
    assert [p.code for p in problems] == ["utf16-offsets-repaired"]
    assert doc is not None and doc.mentions[0].span == Span(14, 18, "Wang")


def test_left_relations_are_read_in_their_direction() -> None:
    items = BLINKEN + MET + [_rel("b", "t", "Actor", direction="left")]
    doc, problems = results_to_document(items, BASE)
    assert problems == [] and doc is not None
    assert doc.events[0].arguments[0].role == "Actor" and doc.events[0].arguments[0].mention == "b"


def test_ui_region_ids_become_valid_ids_and_missing_event_attributes_take_defaults() -> None:
    items = [_label("-Xk2p", 0, 7, "PERSON"), _form("-Xk2p", 0, 7), *MET]
    doc, problems, counts = read_results(items, BASE)
    assert problems == [] and doc is not None
    assert doc.mentions[0].id == "r-Xk2p"
    assert (doc.events[0].polarity, doc.events[0].tense) == ("POSITIVE", "UNSPECIFIED")
    assert counts["attributes_defaulted"] == 4


def test_results_that_are_not_a_list_give_no_document() -> None:
    doc, problems = results_to_document({"result": []}, BASE)
    assert doc is None and [p.code for p in problems] == ["result-not-list"]


def test_tasks_carry_text_id_metadata_passages_and_predictions(tmp_path: Path) -> None:
    from newsbench.cli import main
    from newsbench.labelstudio.export import convert_task

    docs, preds = tmp_path / "docs.jsonl", tmp_path / "pred.jsonl"
    from newsbench.records import write_jsonl

    write_jsonl([d.without_annotations() for d in GOLD], docs)
    scored = MINI.replace(mentions=tuple(m.__class__(m.id, m.span, m.label, m.form, 0.5) for m in MINI.mentions))
    write_jsonl([scored], preds)
    out = tmp_path / "tasks.json"
    assert main(["labelstudio", "tasks", str(docs), "--predictions", str(preds), "--model-version", "v1",
                 "--output", str(out)]) == 0
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert [t["data"]["id"] for t in tasks] == [d.id for d in GOLD]
    assert ["predictions" in t for t in tasks] == [d.id == MINI.id for d in GOLD]
    pred = tasks[-1]["predictions"][0]
    assert pred["model_version"] == "v1" and pred["score"] == 0.5
    # the task alone rebuilds the document: an export holding it as an annotation gives MINI back
    task = {"id": 7, "data": tasks[-1]["data"], "annotations": [{"id": 1, "result": pred["result"]}]}
    gold = convert_task(task, 0, "mem").gold
    assert gold is not None and gold.replace(provenance=None) == scored


def test_tasks_from_a_baseline(tmp_path: Path) -> None:
    from newsbench.cli import main
    from newsbench.records import write_jsonl

    docs = tmp_path / "docs.jsonl"
    write_jsonl([MINI.without_annotations()], docs)
    out = tmp_path / "tasks.json"
    assert main(["labelstudio", "tasks", str(docs), "--baseline", "rules", "--output", str(out)]) == 0
    pred = json.loads(out.read_text(encoding="utf-8"))[0]["predictions"][0]
    assert pred["model_version"] == "rules" and pred["result"]


def test_links_to_a_rejected_quote_are_reported_and_the_stance_is_kept() -> None:
    def attr(rid: str, control: str, kind: str, value: object, start: int, end: int) -> dict:
        key = "choices" if kind == "choices" else "text"
        return {"id": rid, "from_name": control, "to_name": "text", "type": kind,
                "value": {"start": start, "end": end, key: [value]}}

    items = BLINKEN + [
        attr("b", "entity_name", "textarea", "Antony Blinken", 0, 7),
        _label("q", 10, 13, "content", control="quote"),  # no quote_kind: the quote is rejected
        _label("s", 22, 28, "evidence", control="stance"),
        attr("s", "stance_polarity", "choices", "FAVOR", 22, 28),
        attr("s", "stance_topic", "textarea", "the talks", 22, 28),
        _rel("s", "b", "holder"), _rel("s", "q", "evidence-quote")]
    doc, problems = results_to_document(items, BASE)
    assert sorted(p.code for p in problems) == ["missing-attribute", "relation-missing-region"]
    assert doc is not None and doc.quotes == () and doc.stances[0].evidence.quotes == ()
    assert doc.stances[0].holder == "c-b" and doc.stances[0].target.topic == "the talks"
