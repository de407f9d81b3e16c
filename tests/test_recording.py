"""Which drafts become which Label Studio annotations when the corpus gold is recorded."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from newsbench.recording import ground_truth, read_drafts

ROOT = Path(__file__).resolve().parent.parent
SEED = "blinken-wang-yi-2022-02-22"


def _draft(path: Path, annotator: str, mentions: list) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"id": SEED, "mentions": mentions,
                                "provenance": {"origin": "label-studio", "annotator": annotator}}))


def test_only_the_top_level_draft_of_a_doubly_annotated_document_is_ground_truth(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(ROOT / "seeds" / f"{SEED}.txt", seeds)
    drafts = tmp_path / "drafts"
    blinken = [{"id": "m1", "span": "Antony Blinken", "label": "PERSON", "form": "NAM"}]
    _draft(drafts / f"{SEED}.json", "adjudicator@x", blinken)
    _draft(drafts / "first" / f"{SEED}.json", "adjudicator@x", [])  # the same person's earlier, unflagged version
    _draft(drafts / "second" / f"{SEED}.json", "annotator2@x", blinken)
    drafted, problems = read_drafts(drafts, seeds)
    assert problems == []
    assert [(who, top) for who, _, top in drafted] == [("adjudicator@x", True), ("adjudicator@x", False),
                                                        ("annotator2@x", False)]
    assert ground_truth(drafted) == {("adjudicator@x", SEED)}
    # a document annotated once needs no flag: the gold policy takes its only annotation
    assert ground_truth(drafted[:1]) == set()


def test_a_draft_without_annotator_is_a_problem(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(ROOT / "seeds" / f"{SEED}.txt", seeds)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / f"{SEED}.json").write_text(json.dumps({"id": SEED, "mentions": []}))
    drafted, problems = read_drafts(tmp_path / "drafts", seeds)
    assert drafted == [] and [p.code for p in problems] == ["draft-unusable"]
    assert problems[0].pointer == "/provenance/annotator"
