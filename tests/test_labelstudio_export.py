"""Reading raw Label Studio exports: both export shapes, the gold policy, counts, streaming, and bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import documents

from newsbench.cli import main
from newsbench.labelstudio.export import iter_export, read_export
from newsbench.problems import errors_only
from newsbench.records import read_jsonl
from newsbench.validation import validate_document

FIXTURES = Path(__file__).parent / "fixtures" / "labelstudio"
GOLD = {d.id: d for d in read_jsonl(FIXTURES / "gold.jsonl")}
SNAPSHOT = FIXTURES / "snapshot.json"
SYNC = FIXTURES / "sync.json"
FIRST = next(iter(GOLD))  # the task with two annotators and a cancelled annotation


def _strip(doc):  # type: ignore[no-untyped-def]
    return doc.replace(provenance=None)


@pytest.mark.parametrize("path", [SNAPSHOT, SYNC], ids=["snapshot", "sync"])
def test_real_exports_give_back_the_gold_documents(path: Path) -> None:
    result = read_export(path)
    assert result.problems == []
    assert [_strip(d) for d in result.documents] == list(GOLD.values())
    annotators = [d.provenance.annotator for d in result.annotations[FIRST]]
    if path == SNAPSHOT:  # full user objects; the synchronous export gives user ids only
        assert {d.provenance.annotator for d in result.documents} == {"lead@example.com"}
        assert annotators == ["lead@example.com", "second@example.com"]
    else:
        assert len(set(annotators)) == 2 and all(a.isdigit() for a in annotators)
    assert _strip(result.annotations[FIRST][1]) == GOLD[FIRST]


def test_counts_of_the_snapshot_export() -> None:
    counts = read_export(SNAPSHOT).counts
    assert {k: counts[k] for k in ("tasks", "annotations", "cancelled", "drafts", "predictions",
                                   "tasks_without_annotations", "documents", "results_rejected", "json_errors")} == {
        "tasks": 4, "annotations": 5, "cancelled": 1, "drafts": 1, "predictions": 1,
        "tasks_without_annotations": 1, "documents": 3, "results_rejected": 0, "json_errors": 0}


def test_sync_export_has_annotators_as_ids_and_only_annotated_tasks() -> None:
    result = read_export(SYNC)
    assert result.counts["tasks"] == 3
    assert all(d.provenance.annotator.isdigit() for d in result.documents)


def _tasks() -> list[dict]:
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def _write(tmp_path: Path, tasks: object, name: str = "export.json") -> Path:
    path = tmp_path / name
    path.write_bytes(orjson.dumps(tasks))
    return path


def test_the_legacy_completions_key_is_read(tmp_path: Path) -> None:
    tasks = _tasks()
    for t in tasks:
        t["completions"] = t.pop("annotations")
    result = read_export(_write(tmp_path, tasks))
    assert [_strip(d) for d in result.documents] == list(GOLD.values())


def test_policies_pick_the_flagged_or_the_latest_annotation(tmp_path: Path) -> None:
    task = _tasks()[0]
    lead, second = task["annotations"][0], task["annotations"][1]
    lead["updated_at"], second["updated_at"] = "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"
    second["result"] = second["result"][:2]  # the later annotation differs from the gold
    path = _write(tmp_path, [task])
    assert _strip(read_export(path).documents[0]) == GOLD[FIRST]
    assert len(read_export(path, policy="latest").documents[0].mentions) == 1
    second["ground_truth"] = True
    result = read_export(_write(tmp_path, [task]))
    assert len(result.documents[0].mentions) == 1  # two flagged: the latest of them
    assert [(p.code, p.severity) for p in result.problems] == [("several-ground-truth", "warning")]
    lead["ground_truth"] = second["ground_truth"] = False
    path = _write(tmp_path, [task])
    result = read_export(path, policy="ground-truth-only")
    assert result.documents == [] and result.counts["no_gold"] == 1
    assert len(result.annotations[FIRST]) == 2  # agreement still sees both annotators


@pytest.mark.parametrize("chunk", [64, 1000, 1 << 22])
def test_streaming_gives_the_same_result_for_any_chunk_size(chunk: int) -> None:
    got = [(r.task_id, r.gold and _strip(r.gold), len(r.problems)) for r in iter_export(SNAPSHOT, chunk=chunk)]
    want = [(r.task_id, r.gold and _strip(r.gold), len(r.problems)) for r in iter_export(SNAPSHOT)]
    assert got == want and len(got) == 4


def test_a_pretty_printed_export_with_other_key_order_is_read(tmp_path: Path) -> None:
    tasks = [{"data": t["data"], "annotations": t["annotations"], "id": t["id"]} for t in _tasks()]
    path = tmp_path / "pretty.json"
    path.write_text(json.dumps(tasks, indent=2, ensure_ascii=False), encoding="utf-8")
    for chunk in (100, 1 << 22):
        assert [r.gold and _strip(r.gold) for r in iter_export(path, chunk=chunk)] == \
            [GOLD.get(t["data"]["id"]) for t in tasks]


# --- bad input: a clear problem, and the rest of the export is still converted ---------------------------------

def _codes(path: Path) -> tuple[list[str], list[str]]:
    result = read_export(path)
    return [p.code for p in result.problems], [d.id for d in result.documents]


def test_malformed_json_inside_one_task_skips_only_that_task(tmp_path: Path) -> None:
    raw = SNAPSHOT.read_bytes()
    at = raw.index(b'[', raw.index(b'{"id": 3, "annotations"'))  # the annotation list of the third task
    broken = raw[:at] + b"{{oops" + raw[at:]
    path = tmp_path / "broken.json"
    path.write_bytes(broken)
    codes, ids = _codes(path)
    assert codes == ["json-syntax"]
    assert len(ids) == 2 and FIRST in ids and "mini-0001" not in ids


def test_a_truncated_export_keeps_the_complete_tasks(tmp_path: Path) -> None:
    raw = SNAPSHOT.read_bytes()
    path = tmp_path / "cut.json"
    path.write_bytes(raw[:raw.index(b'{"id": 3, "annotations"') + 500])
    codes, ids = _codes(path)
    assert codes == ["export-truncated"] and len(ids) == 2 and "mini-0001" not in ids


@pytest.mark.parametrize("content,code", [(b'{"id": 1, "data": {}}', "export-not-a-list"), (b"", "export-empty"),
                                          (b"  \n", "export-empty"), (b'"tasks"', "export-not-a-list")])
def test_files_that_are_not_a_task_list(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(content)
    assert _codes(path) == ([code], [])


def test_bad_tasks_are_reported_and_good_ones_kept(tmp_path: Path) -> None:
    tasks = _tasks()
    good = tasks[0]
    no_text = json.loads(json.dumps(tasks[1]))
    del no_text["data"]["text"]
    url = json.loads(json.dumps(tasks[2]))
    url["data"]["text"] = "https://example.org/article.txt"
    no_data = {"id": 99, "annotations": []}
    absurd = json.loads(json.dumps(tasks[2]))
    absurd["data"]["id"] = "absurd"
    absurd["annotations"][0]["result"][0]["value"].update(start=10**12, end=-5)
    html = json.loads(json.dumps(tasks[2]))
    html["data"]["id"] = "html"
    html["data"]["text"] = "<p>" + html["data"]["text"][3:]
    result = read_export(_write(tmp_path, [good, no_text, url, no_data, 42, absurd, html]))
    codes = [p.code for p in result.problems]
    for code in ("task-without-text", "text-is-url", "task-without-data", "task-not-object", "offsets-out-of-range",
                 "text-has-html"):
        assert code in codes, code
    assert {d.id for d in result.documents} >= {FIRST, "absurd"}
    assert result.counts["tasks_rejected"] == 4


# --- fuzz: mutated real exports never end in an exception, and what comes out is valid --------------------------

FUZZ_EXAMPLES = int(os.environ.get("NEWSBENCH_FUZZ_EXAMPLES", "100"))  # raise it for a longer fuzzing run
RAW = SYNC.read_bytes()
MUTATIONS = st.one_of(
    st.tuples(st.just("cut"), st.integers(0, len(RAW))),
    st.tuples(st.just("delete"), st.integers(0, len(RAW) - 1), st.integers(1, 200)),
    st.tuples(st.just("insert"), st.integers(0, len(RAW)), st.binary(min_size=1, max_size=20)),
    st.tuples(st.just("insert"), st.integers(0, len(RAW)),
              st.sampled_from([b"{", b"}", b"[", b"]", b",", b'"', b"\\", b"-1", b"null", b"\xff", b'"start": 9e99'])),
    st.tuples(st.just("number"), st.integers(0, len(RAW) - 1), st.sampled_from([b"0", b"-1", b"99999999", b"1.5"])),
)


def _mutate(raw: bytes, mutation: tuple) -> bytes:
    kind, at = mutation[0], mutation[1]
    if kind == "cut":
        return raw[:at]
    if kind == "delete":
        return raw[:at] + raw[at + mutation[2]:]
    if kind == "insert":
        return raw[:at] + mutation[2] + raw[at:]
    digit = raw.find(b'"start": ', at)
    if digit == -1:
        return raw
    end = digit + 9
    while end < len(raw) and raw[end:end + 1].isdigit():
        end += 1
    return raw[:digit + 9] + mutation[2] + raw[end:]


@settings(max_examples=FUZZ_EXAMPLES, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MUTATIONS, min_size=1, max_size=3))
def test_mutated_exports_never_raise_and_only_valid_documents_come_out(tmp_path_factory, mutations) -> None:  # type: ignore[no-untyped-def]
    raw = RAW
    for m in mutations:
        raw = _mutate(raw, m)
    path = tmp_path_factory.mktemp("fuzz") / "export.json"
    path.write_bytes(raw)
    result = read_export(path)
    for doc in result.documents:
        assert errors_only(validate_document(doc)) == []
    assert all(p.code and p.message for p in result.problems)
    assert len(result.documents) <= 3


# --- the command ----------------------------------------------------------------------------------------------

def test_import_command_writes_documents_and_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "gold.jsonl"
    assert main(["labelstudio", "import", str(SNAPSHOT), "--output", str(out), "--quiet"]) == 0
    assert [d.id for d in read_jsonl(out)] == list(GOLD)
    assert "1 cancelled skipped" in capsys.readouterr().err


def test_import_command_on_a_broken_export_exits_1_without_traceback(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "cut.json"
    raw = SNAPSHOT.read_bytes()
    path.write_bytes(raw[:raw.index(b'"data"', raw.index(b'{"id": 3, "annotations"'))])
    out = tmp_path / "gold.jsonl"
    assert main(["labelstudio", "import", str(path), "--output", str(out)]) == 1
    err = capsys.readouterr().err
    assert "export-truncated" in err and "Traceback" not in err
    assert len(read_jsonl(out)) >= 1
    assert main(["labelstudio", "import", str(path), "--output", str(tmp_path / "strict.jsonl"), "--strict"]) == 1
    assert not (tmp_path / "strict.jsonl").exists()


def test_import_command_json_report(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["labelstudio", "import", str(SYNC), "--output", str(tmp_path / "x.jsonl"), "--json"]) == 0
    report = json.loads(capsys.readouterr().err)
    assert report["counts"]["documents"] == 3 and report["problems"] == []


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers(-10, 10**6) | st.floats(allow_nan=False, allow_infinity=False)
                           | st.text(max_size=8),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                         max_size=3), max_leaves=6)
_TASK = json.loads(SNAPSHOT.read_text(encoding="utf-8"))[2]  # the mini document: every layer, a prediction


def _paths(node: object, at: tuple = ()) -> list[tuple]:
    out = [at]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, at + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, at + (i,))
    return out


PATHS = _paths(_TASK)[1:]


@settings(max_examples=FUZZ_EXAMPLES, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(PATHS) - 1), JSON_VALUES), min_size=1, max_size=4))
def test_structurally_mutated_tasks_never_raise(tmp_path_factory, edits) -> None:  # type: ignore[no-untyped-def]
    task = json.loads(json.dumps(_TASK))
    for k, value in edits:
        *parents, last = PATHS[k]
        node = task
        try:
            for p in parents:
                node = node[p]
            node[last] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed this path
    path = tmp_path_factory.mktemp("fuzz") / "export.json"
    path.write_text(json.dumps([task, _TASK]), encoding="utf-8")
    result = read_export(path)
    for doc in result.documents:
        assert errors_only(validate_document(doc)) == []
    assert result.counts["tasks"] == 2


def test_byte_ranges_from_split_points_cover_every_task_once() -> None:
    from newsbench.labelstudio.export import split_points

    cuts = split_points(SNAPSHOT, 3)
    assert cuts[0] == 0 and cuts[-1] == SNAPSHOT.stat().st_size and len(cuts) >= 3
    ids = [r.task_id for lo, hi in zip(cuts, cuts[1:]) for r in iter_export(SNAPSHOT, byte_range=(lo, hi))]
    assert ids == [r.task_id for r in iter_export(SNAPSHOT)]


def test_import_command_streams_annotations_output(tmp_path: Path) -> None:
    out, every = tmp_path / "gold.jsonl", tmp_path / "all.jsonl"
    assert main(["labelstudio", "import", str(SNAPSHOT), "-o", str(out), "--annotations-output", str(every),
                 "-q"]) == 0
    records = [json.loads(line) for line in every.read_text(encoding="utf-8").splitlines()]
    assert [r["provenance"]["annotator"] for r in records] == \
        ["lead@example.com", "second@example.com", "lead@example.com", "lead@example.com"]
    assert [r["id"] for r in records[:2]] == [FIRST, FIRST]


@given(documents(scores=True))
def test_fast_jsonl_lines_are_byte_identical_to_the_canonical_writer(doc) -> None:  # type: ignore[no-untyped-def]
    from newsbench.labelstudio.export import _line
    from newsbench.records import dumps

    assert _line(doc) == dumps(doc) + "\n"
    assert _line(doc.replace(mentions=tuple(m.__class__(m.id, m.span, m.label, m.form) for m in doc.mentions))) \
        == dumps(doc.replace(mentions=tuple(m.__class__(m.id, m.span, m.label, m.form) for m in doc.mentions))) + "\n"
