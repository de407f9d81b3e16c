"""The import's speed-ups change nothing: the converter's fast path against its full checks, workers against one.

``read_results`` takes the common valid result item in line and leaves anything unusual to the full checks; an
item wrapped in a dict subclass always takes the full checks, so the same results read both ways must give the
same document, problems and counts. ``--workers N`` must write byte for byte what one worker writes.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import orjson
import pytest

from newsbench import synthetic
from newsbench.cli import main
from newsbench.labelstudio.convert import document_to_results, read_results
from newsbench.labelstudio.tasks import task_data


class _Slow(dict):  # type: ignore[type-arg]
    """A result item the fast path does not take (it only takes exact dicts)."""


def _mutations(rng: random.Random, item: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``item`` with one random change a real export could hold (or none)."""
    item = copy.deepcopy(item)
    value = item.get("value")
    choice = rng.randrange(16)
    if choice == 0 and isinstance(value, dict) and "start" in value:
        value["start"] += rng.choice((-1, 1, 1000))
    elif choice == 1 and isinstance(value, dict) and "text" in value:
        value["text"] = None if rng.random() < 0.5 else ["x", ""] if isinstance(value["text"], list) else "zz"
    elif choice == 2 and isinstance(value, dict) and "labels" in value:
        value["labels"] = rng.choice(([], ["NOPE"], value["labels"] * 2, [1]))
    elif choice == 3 and isinstance(value, dict) and "choices" in value:
        value["choices"] = rng.choice(([], ["NOPE"], value["choices"] * 2))
    elif choice == 4 and item.get("type") == "relation":
        item["direction"] = rng.choice(("left", "bi", None))
    elif choice == 5 and item.get("type") == "relation":
        item["labels"] = rng.choice(([], ["Actor", "Place"], ["nope"], "coref"))
    elif choice == 6:
        item["to_name"] = "other"
    elif choice == 7:
        item["id"] = rng.choice(("", None, "m:m0", "e:e0"))
    elif choice == 8:
        item["type"] = rng.choice(("labels", "choices", "textarea", "relation", "rating"))
    elif choice == 9:
        item["score"] = rng.choice((0.5, 1, True, "high"))
    elif choice == 10 and isinstance(value, dict) and isinstance(value.get("text"), list):
        value["text"] = value["text"][0]  # a bare string in a textarea is accepted
    elif choice == 11:
        del item[rng.choice(sorted(item))]
    elif choice == 12 and isinstance(value, dict):
        del value[rng.choice(sorted(value))]
    elif choice == 13 and isinstance(value, dict):
        value["text"] = rng.choice(("", [""], [], ["a", "b"], [7]))
    return item


def _read(results: list[Any], base: Any) -> tuple[Any, Any, Any]:
    doc, problems, counts = read_results(results, base)
    return doc, [p.to_dict() for p in problems], counts


@pytest.mark.parametrize("seed", range(6))
def test_the_fast_path_decides_like_the_full_checks(seed: int) -> None:
    rng = random.Random(seed)
    for doc in synthetic.documents(4, seed=seed):
        results = document_to_results(doc)
        base = doc.without_annotations()
        for _ in range(5):
            mutated = [_mutations(rng, item) if rng.random() < 0.15 else item for item in results]
            fast = _read(mutated, base)
            slow = _read([_Slow(item) for item in mutated], base)
            assert fast == slow
        # untouched results come back as the document (the fast path really is taken and really is right)
        got, problems, _ = _read(results, base)
        assert got == doc.replace(provenance=None) and problems == []


def _export(path: Path, n: int, seed: int = 0, broken: bool = False) -> Path:
    """A raw export of ``n`` synthetic tasks; ``broken`` puts trouble in its second half, where a second worker
    reads: a bad result item, a task without an id (named by its position), malformed JSON inside a task, the
    same document twice and a truncated last task."""
    tasks = []
    for k, doc in enumerate(synthetic.iter_documents(n, seed=seed), start=1):
        results = document_to_results(doc)
        if broken and k in (8, 9):
            results[0] = {**results[0], "from_name": "nope"}
        task = {"id": k, "annotations": [{"id": 100 + k, "completed_by": {"id": 1, "email": "a@example.com"},
                                          "result": results, "was_cancelled": False, "ground_truth": k % 2 == 0,
                                          "created_at": "2026-01-01T00:00:00Z",
                                          "updated_at": "2026-01-01T00:00:00Z"}],
                "drafts": [], "predictions": [], "data": task_data(doc)}
        if broken and k == 8:
            del task["id"]
        tasks.append(task)
    if broken:
        tasks.append(copy.deepcopy(tasks[1]))  # the same document twice
    parts = [orjson.dumps(t) for t in tasks]
    if broken:
        parts[10] = parts[10][:-40]  # malformed JSON inside one task
        parts.append(orjson.dumps(tasks[2])[:-100])  # the download was cut off
        path.write_bytes(b"[" + b",\n".join(parts))
    else:
        path.write_bytes(b"[" + b",\n".join(parts) + b"]")
    return path


@pytest.mark.parametrize("broken", [False, True])
@pytest.mark.parametrize("workers", [2, 3])
def test_workers_write_what_one_worker_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str], workers: int,
                                              broken: bool) -> None:
    export = _export(tmp_path / "export.json", 12, broken=broken)
    outputs = {}
    for n in (1, workers):
        gold, every = tmp_path / f"gold-{n}.jsonl", tmp_path / f"all-{n}.jsonl"
        code = main(["labelstudio", "import", str(export), "--output", str(gold), "--annotations-output", str(every),
                     "--workers", str(n), "--json", "--quiet"])
        report = orjson.loads(capsys.readouterr().err)
        outputs[n] = (code, gold.read_bytes(), every.read_bytes(), report)
    assert outputs[1][1].count(b"\n") >= 10
    assert outputs[workers] == outputs[1]
    if broken:
        codes = {p["code"] for p in outputs[1][3]["problems"]}
        assert {"json-syntax", "duplicate-document", "unknown-control", "export-truncated"} <= codes
        assert any("task #7 annotation 108 " in p["source"] for p in outputs[1][3]["problems"])


def test_workers_to_stdout_match_one_worker(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = _export(tmp_path / "export.json", 8)
    got = []
    for n in (1, 2):
        assert main(["labelstudio", "import", str(export), "--workers", str(n), "--quiet"]) == 0
        got.append(capsys.readouterr().out)
    assert got[0] == got[1] and got[0].count("\n") == 8
