"""Reading raw Label Studio JSON exports: streamed task by task, converted, validated, one gold per task.

The export is never loaded whole: tasks are cut out of a sliding byte buffer and parsed one at a time with
orjson, so memory stays flat with the export's size. A broken stretch (malformed or truncated JSON) becomes a
problem and reading resumes at the next task. A named policy picks each task's gold annotation; every other
non-cancelled annotation is kept for agreement. Cancelled annotations, drafts and empty tasks are counted.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from ..checks import semantic_problems
from ..model import Document, Provenance
from ..problems import NewsbenchError, Problem, errors_only, pointer
from ..records import to_record
from ..schema import structural_problems
from .convert import ID_PATTERN, read_results
from ..performance import gc_paused

POLICIES: dict[str, str] = {
    "ground-truth-then-latest": "the annotation flagged ground truth (the latest of several), else the latest "
                                "submitted (updated_at, then created_at, then id)",
    "ground-truth-only": "only an annotation flagged ground truth; tasks without one get no gold (counted as "
                         "no_gold)",
    "latest": "the latest submitted annotation (updated_at, then created_at, then id), ignoring the flag",
}
DEFAULT_POLICY = "ground-truth-then-latest"

# Where a task of a Label Studio export starts: Label Studio writes `"id": <int>` first, then one of these keys.
# A guess only (the pattern begins with a literal '{' so the regex engine scans fast): a cut is accepted only
# when the bytes before it parse as exactly one JSON object.
_TASK_START = re.compile(rb'\{\s*"id"\s*:\s*-?\d+\s*,\s*"(?:annotations|completions|data|drafts|predictions|meta|'
                         rb'file_upload)"')
_URL = re.compile(r"^\s*(https?|s3|gs|azure-blob)://\S+\s*$")
_HTML = re.compile(r"<\s*/?\s*(p|div|br|span|a|b|i|em|strong|html|body|table|tr|td|h[1-6]|ul|li)\b[^>]*>", re.IGNORECASE)
_CHUNK = 1 << 22


@dataclass(frozen=True)
class ExportResult:
    documents: list[Document]
    annotations: dict[str, list[Document]]
    problems: list[Problem]
    counts: dict[str, int]


@dataclass
class TaskResult:
    """One task of an export: its gold document (or None), every kept annotation, problems and counts."""

    index: int
    task_id: int | None
    gold: Document | None
    annotations: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)  # type: ignore[type-arg]
    records: list[dict[str, Any]] = field(default_factory=list, repr=False)  # JSON records of ``annotations``


# ---------------------------------------------------------------------------------------------------------------
# streaming JSON: one task at a time


def iter_raw_tasks(path: str | Path, chunk: int = _CHUNK, start: int = 0,
                   stop: int | None = None) -> Iterator[tuple[int, int, Any, Problem | None]]:
    """Yield (index, byte offset, task object or None, problem or None) for each top-level item of an export.

    ``start``/``stop`` restrict it to the tasks that begin in that byte range (``start`` must be a task start
    from ``split_points``); indices then count from the range's first task.
    """
    path = Path(path)
    src = str(path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise NewsbenchError(f"{path}: cannot read: {exc.strerror}; check the path") from exc
    with fh:
        fh.seek(start)
        buf = fh.read(chunk)
        base, pos, eof = start, 0, len(buf) < chunk

        def more(need_to: int | None = None) -> bool:
            """Drop consumed bytes and read the next chunk; False at end of file."""
            nonlocal buf, base, pos, eof
            if eof:
                return False
            data = fh.read(max(chunk, len(buf) - pos))
            if len(data) == 0:
                eof = True
                return False
            buf = buf[pos:] + data
            base += pos
            pos = 0
            return True

        def skip_ws() -> None:
            nonlocal pos
            while True:
                while pos < len(buf) and buf[pos] in b" \t\r\n":
                    pos += 1
                if pos < len(buf) or not more():
                    return

        if buf.startswith(b"\xef\xbb\xbf"):
            pos = 3
        skip_ws()
        if not start:
            if pos >= len(buf):
                yield 0, 0, None, Problem(None, "", "export-empty", "the export file is empty; export the project "
                                                                      "again as JSON", src)
                return
            if buf[pos:pos + 1] != b"[":
                first = buf[pos:pos + 1].decode(errors="replace")
                yield 0, base + pos, None, Problem(
                    None, "", "export-not-a-list",
                    f"the top level is {'an object' if first == '{' else repr(first)}, expected a JSON list of "
                    f"tasks (use the raw JSON export, not JSON_MIN/CSV; a single task must be wrapped in [...])", src)
                return
            pos += 1
        index = 0
        while True:
            skip_ws()
            if stop is not None and base + pos >= stop:
                return
            if pos >= len(buf):
                yield index, base + pos, None, Problem(None, pointer(index), "export-truncated",
                                                       f"the file ends after {index} task(s) without the closing "
                                                       f"']'; the download was probably cut off", src)
                return
            c = buf[pos:pos + 1]
            if c == b"]":
                pos += 1
                skip_ws()
                if pos < len(buf):
                    yield index, base + pos, None, Problem(None, "", "json-syntax",
                                                           f"unexpected content after the closing ']' at byte "
                                                           f"{base + pos}; it is ignored", src)
                return
            if c == b"," and index:
                pos += 1
                continue
            while True:
                begin = pos
                value, end, problem = _next_value(buf, pos, eof)
                if problem != "more":
                    break
                if eof:
                    problem = "truncated"
                    break
                more()
            if problem is None and end is not None:
                yield index, base + begin, value, None
                pos = end
                index += 1
                continue
            # a broken task: report it and resume at the next place that looks like a task
            where = base + (end if end is not None else begin)
            if problem == "truncated":
                yield index, where, None, Problem(None, pointer(index), "export-truncated",
                                                  f"task {index} (starting at byte {base + begin}) is cut off at "
                                                  f"the end of the file; the tasks before it are kept", src)
                return
            yield index, where, None, Problem(None, pointer(index), "json-syntax",
                                              f"invalid JSON in task {index} (starting at byte {base + begin}) at "
                                              f"byte {where}: {problem}; the task is skipped and reading resumes at "
                                              f"the next task", src)
            index += 1
            while True:
                m = _TASK_START.search(buf, begin + 1)
                if m is not None:
                    pos = m.start()
                    break
                pos = max(begin + 1, len(buf) - 200)  # keep a tail: a task start may span two chunks
                begin = 0
                if not more():
                    yield index, base + len(buf), None, Problem(
                        None, pointer(index), "export-truncated", "no further task found after the broken one; the "
                                                                  "end of the file is skipped", src)
                    return


def split_points(path: str | Path, parts: int) -> list[int]:
    """Byte offsets [0, ..., size] cutting an export into ``parts`` ranges that each begin with a task."""
    size = Path(path).stat().st_size
    cuts = [0]
    with open(path, "rb") as fh:
        for k in range(1, parts):
            fh.seek(size * k // parts)
            here = fh.tell()
            buf = fh.read(1 << 24)
            for m in _TASK_START.finditer(buf):
                value, _end, problem = _next_value(buf, m.start(), len(buf) < (1 << 24))
                back = buf[:m.start()].rstrip()
                if problem is None and isinstance(value, dict) and "data" in value and back.endswith(b","):
                    cuts.append(here + m.start())
                    break
    cuts.append(size)
    return sorted(set(cuts))


def _next_value(buf: bytes, pos: int, eof: bool) -> tuple[Any, int | None, str | None]:
    """Parse the JSON value at buf[pos:]: (value, end, None), (None, None, 'more') or (None, error at, message)."""
    view = memoryview(buf)
    m = _TASK_START.search(buf, pos + 1)
    if m is not None:
        end = m.start() - 1
        while end > pos and buf[end] in b" \t\r\n":
            end -= 1
        if buf[end] == 0x2C:  # a comma between two tasks
            try:
                return orjson.loads(view[pos:end]), m.start(), None
            except orjson.JSONDecodeError:
                pass  # the guess cut inside a task (or the task is broken): find the end the slow way below
    # slow path: parse a growing window and let orjson say where the first value ends (its positions count
    # characters, so the window is decoded first)
    size = 1 << 16
    while True:
        hi = min(len(buf), pos + size)
        raw = bytes(view[pos:hi])
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start >= len(raw) - 3 and (hi < len(buf) or not eof):
                text = raw[:exc.start].decode("utf-8")  # the window cut a character in two
            else:
                return None, pos + exc.start, "invalid UTF-8 (the file must be UTF-8)"
        try:
            return orjson.loads(text), hi, None
        except orjson.JSONDecodeError as exc:
            if exc.msg.startswith("unexpected content after document"):
                head = text[:exc.pos]
                return orjson.loads(head), pos + len(head.encode("utf-8")), None
            if exc.pos >= len(text) - 1 or exc.msg.startswith("unexpected end"):
                if hi < len(buf):
                    size *= 4
                    continue
                return None, None, "more" if not eof else "truncated"
            return None, pos + len(text[:exc.pos].encode("utf-8")), exc.msg


# ---------------------------------------------------------------------------------------------------------------
# one task -> documents


def _annotator(completed_by: Any) -> str | None:
    if isinstance(completed_by, dict):
        email = completed_by.get("email")
        return email if isinstance(email, str) and email else (str(completed_by["id"]) if "id" in completed_by
                                                                else None)
    if isinstance(completed_by, int) and not isinstance(completed_by, bool):
        return str(completed_by)
    return None


def _when(ann: dict[str, Any]) -> tuple[str, str, int]:
    aid = ann.get("id")
    return (str(ann.get("updated_at") or ""), str(ann.get("created_at") or ""),
            aid if isinstance(aid, int) else -1)


def _choose(candidates: list[tuple[dict[str, Any], Document]], policy: str) -> Document | None:
    if not candidates:
        return None
    flagged = [c for c in candidates if c[0].get("ground_truth") is True]
    if policy == "ground-truth-only":
        pool = flagged
    elif policy == "latest":
        pool = candidates
    else:
        pool = flagged or candidates
    return max(pool, key=lambda c: _when(c[0]))[1] if pool else None


def convert_task(task: Any, index: int, source: str, *, policy: str = DEFAULT_POLICY,
                 repair_utf16: bool = False) -> TaskResult:
    """Convert one task object of an export (see ``read_export``)."""
    counts: Counter = Counter(tasks=1)  # type: ignore[type-arg]
    tid = task.get("id") if isinstance(task, dict) and type(task.get("id")) is int else None
    where = f"{source} task {tid if tid is not None else f'#{index}'}"
    out = TaskResult(index, tid, None, counts=counts)

    def problem(ptr: str, code: str, message: str, doc_id: str | None = None, severity: str = "error") -> None:
        out.problems.append(Problem(doc_id, pointer(index) + ptr, code, message, where, severity))

    if not isinstance(task, dict):
        problem("", "task-not-object", f"a task must be an object, got {type(task).__name__}")
        counts["tasks_rejected"] += 1
        return out
    anns = task.get("annotations", task.get("completions"))
    if anns is None:
        anns = []
    counts["drafts"] += len(task["drafts"]) if isinstance(task.get("drafts"), list) else 0
    counts["predictions"] += len(task["predictions"]) if isinstance(task.get("predictions"), list) else 0
    data = task.get("data")
    if not isinstance(data, dict):
        problem("/data", "task-without-data", "the task has no data object; tasks must carry data.text")
        counts["tasks_rejected"] += 1
        return out
    text = data.get("text")
    doc_id = data.get("id")
    if not isinstance(doc_id, str) or not ID_PATTERN.match(doc_id):
        problem("/data/id", "task-without-id", f"data.id must be the newsbench document id, got {doc_id!r}; "
                                               f"make tasks with `newsbench labelstudio tasks`")
        counts["tasks_rejected"] += 1
        return out
    if not isinstance(text, str) or not text:
        problem("/data/text", "task-without-text", f"data.text must be the document text, got "
                                                   f"{type(text).__name__ if text is not None else 'nothing'}",
                doc_id)
        counts["tasks_rejected"] += 1
        return out
    if _URL.match(text):
        problem("/data/text", "text-is-url", f"data.text is a URL ({text.strip()[:80]}), not the text itself; "
                                             f"import tasks with inline text (newsbench labelstudio tasks)", doc_id)
        counts["tasks_rejected"] += 1
        return out
    if _HTML.search(text):
        problem("/data/text", "text-has-html", "data.text contains HTML tags; offsets count the tags' characters "
                                               "too (the Text tag shows raw text), check this is intended", doc_id,
                "warning")
    base_rec: dict[str, Any] = {"id": doc_id, "text": text}
    if data.get("metadata") is not None:
        base_rec["metadata"] = data["metadata"]
    if data.get("passages") is not None:
        base_rec["passages"] = data["passages"]
    found = structural_problems(base_rec, doc_id, where)
    if found:
        for p in found:
            out.problems.append(replace(p, pointer=pointer(index, "data") + p.pointer))
        base_rec.pop("metadata", None)
        base_rec.pop("passages", None)
    from ..records import from_record

    base = from_record(base_rec)
    if not isinstance(anns, list):
        problem("/annotations", "annotations-not-list", f"annotations must be a list, got {type(anns).__name__}",
                doc_id)
        anns = []
    kept: list[tuple[dict[str, Any], Document]] = []
    for k, ann in enumerate(anns):
        counts["annotations"] += 1
        at = f"/annotations/{k}"
        if not isinstance(ann, dict):
            problem(at, "annotation-not-object", f"an annotation must be an object, got {type(ann).__name__}", doc_id)
            counts["annotations_rejected"] += 1
            continue
        if ann.get("was_cancelled") is True:
            counts["cancelled"] += 1
            continue
        aid = ann.get("id") if type(ann.get("id")) is int else None
        ann_where = f"{where} annotation {aid if aid is not None else f'#{k}'}"
        doc, found, rcounts = read_results(ann.get("result"), base, repair_utf16=repair_utf16)
        counts.update(rcounts)
        for p in found:
            out.problems.append(replace(p, pointer=pointer(index) + at + p.pointer,
                                        source=ann_where + (f" {p.source}" if p.source else "")))
        if doc is None:
            counts["annotations_rejected"] += 1
            continue
        doc = doc.replace(provenance=Provenance(origin="label-studio", annotator=_annotator(ann.get("completed_by")),
                                                file=source, task=tid, annotation=aid))
        # the converter keeps documents valid item by item; this is the foundation's two-phase check as a guard
        # (validate_document's two phases, with the record kept for the writer)
        rec = to_record(doc)
        found = structural_problems(rec, doc.id, ann_where) or semantic_problems(doc, ann_where)
        out.problems.extend(replace(p, pointer=pointer(index) + at + "/document" + p.pointer) for p in found)
        if errors_only(found):
            counts["annotations_rejected"] += 1
            continue
        kept.append((ann, doc))
        out.records.append(rec)
    out.annotations = [d for _, d in kept]
    if not kept:
        counts["tasks_without_annotations"] += 1
    out.gold = _choose(kept, policy)
    flagged = [ann.get("id") for ann, _ in kept if ann.get("ground_truth") is True]
    if len(flagged) > 1 and policy != "latest":
        problem("/annotations", "several-ground-truth", f"annotations {flagged} are all flagged ground truth; the "
                                                        f"latest is used as gold (unflag the others)",
                base.id, "warning")
    if kept and out.gold is None:
        counts["no_gold"] += 1
    if out.gold is not None:
        counts["documents"] += 1
    return out


def iter_export(path: str | Path, *, policy: str = DEFAULT_POLICY, repair_utf16: bool = False,
                chunk: int = _CHUNK, byte_range: tuple[int, int] | None = None) -> Iterator[TaskResult]:
    """Stream the tasks of an export as TaskResults (a JSON problem comes as a TaskResult without gold).

    ``byte_range`` (from ``split_points``) restricts it to the tasks starting in that range, so several
    processes can share one export.
    """
    if policy not in POLICIES:
        raise NewsbenchError(f"unknown annotation policy {policy!r}; expected one of {', '.join(POLICIES)}")
    source = str(path)
    lo, hi = byte_range or (0, None)
    for index, _offset, task, problem in iter_raw_tasks(path, chunk, lo, hi):
        if problem is not None:
            yield TaskResult(index, None, None, problems=[problem], counts=Counter(json_errors=1))
            continue
        yield convert_task(task, index, source, policy=policy, repair_utf16=repair_utf16)


class _Collector:
    """Merges TaskResults: keeps the first task of each document id, counts and reports the rest."""

    def __init__(self, path: str | Path):
        self.path = path
        self.problems: list[Problem] = []
        self.counts: Counter = Counter()  # type: ignore[type-arg]
        self.seen: dict[str, int | None] = {}

    def add(self, result: TaskResult) -> bool:
        """True when the task's documents are to be kept."""
        return self.add_task(result.index, result.task_id, result.annotations[0].id if result.annotations else None,
                             result.gold is not None, result.problems, result.counts)

    def add_task(self, index: int, task_id: int | None, doc_id: str | None, has_gold: bool,
                 problems: list[Problem], counts: Counter) -> bool:  # type: ignore[type-arg]
        """``add`` for what a worker reported of a task (its document id when it kept any annotation)."""
        self.problems.extend(problems)
        self.counts.update(counts)
        if doc_id is None:
            return False
        if doc_id in self.seen:
            self.problems.append(Problem(doc_id, pointer(index, "data", "id"), "duplicate-document",
                                         f"document {doc_id!r} is also task {self.seen[doc_id]}; each document "
                                         f"must be one task (this one is skipped)",
                                         f"{self.path} task {task_id}"))
            self.counts["duplicate_tasks"] += 1
            if has_gold:
                self.counts["documents"] -= 1
            return False
        self.seen[doc_id] = task_id
        return True

    def totals(self) -> dict[str, int]:
        base = dict.fromkeys(("tasks", "annotations", "cancelled", "drafts", "predictions",
                              "tasks_without_annotations", "tasks_rejected", "annotations_rejected",
                              "results_converted", "results_rejected", "documents", "json_errors"), 0)
        base.update(self.counts)
        return base


def read_export(path: str | Path, *, policy: str = DEFAULT_POLICY, repair_utf16: bool = False,
                wrap: Callable[[Iterator[TaskResult]], Iterable[TaskResult]] | None = None) -> ExportResult:
    """Read a raw Label Studio JSON export (streamed): gold documents, every annotation, problems and counts.

    ``policy`` names the rule that picks the gold annotation of a task (see POLICIES). Documents whose id was
    already seen in this export are reported (``duplicate-document``) and the first one is kept. ``wrap`` may
    wrap the task stream (e.g. in a progress counter).
    """
    documents: list[Document] = []
    annotations: dict[str, list[Document]] = {}
    collector = _Collector(path)
    stream: Iterable[TaskResult] = iter_export(path, policy=policy, repair_utf16=repair_utf16)
    with gc_paused():
        for result in (wrap(stream) if wrap is not None else stream):  # type: ignore[arg-type]
            if collector.add(result):
                annotations[result.annotations[0].id] = result.annotations
                if result.gold is not None:
                    documents.append(result.gold)
    return ExportResult(documents, annotations, collector.problems, collector.totals())


def _has_scores(doc: Document) -> bool:
    return any(x.score is not None for layer in (doc.mentions, doc.clusters, doc.events, doc.event_clusters,
                                                 doc.quotes, doc.stances) for x in layer) \
        or any(a.score is not None for e in doc.events for a in e.arguments)


def _jsonl(doc: Document, record: dict[str, Any] | None = None) -> bytes:
    """One JSONL line (UTF-8), byte-identical to records.dumps: orjson writes the same bytes 5x faster when there
    is no float in the record (scores are the only floats; their text form is where the two differ)."""
    from ..records import dumps

    if _has_scores(doc):
        return (dumps(doc) + "\n").encode("utf-8")
    return orjson.dumps(record if record is not None else to_record(doc), option=orjson.OPT_APPEND_NEWLINE)


def _line(doc: Document, record: dict[str, Any] | None = None) -> str:
    """``_jsonl`` as text."""
    return _jsonl(doc, record).decode("utf-8")


def _task_lines(result: TaskResult, every: bool) -> tuple[bytes, bytes]:
    """The gold line of a task (b"" without gold) and, when ``every``, the lines of all its annotations."""
    gold = b""
    lines = []
    for doc, rec in zip(result.annotations, result.records):
        if every or doc is result.gold:
            line = _jsonl(doc, rec)
            lines.append(line)
            if doc is result.gold:
                gold = line
    return gold, b"".join(lines) if every else b""


class _Outputs:
    """Where the import writes: files next to their targets (moved into place by ``finish``), or stdout."""

    def __init__(self, output: Path | str, annotations_output: Path | str | None):
        self.targets = [(Path(t), Path(f"{t}.part")) for t in (output, annotations_output) if t not in (None, "-")]
        self.handles = {str(t): open(part, "wb") for t, part in self.targets}  # noqa: SIM115 (close())
        self.gold_out = None if str(output) == "-" else self.handles[str(Path(output))]
        self.every_out = self.handles.get(str(Path(annotations_output))) if annotations_output not in (None, "-") \
            else None
        self.every_to_stdout = annotations_output == "-"
        self.every = self.every_out is not None or self.every_to_stdout
        self.buffered: list[bytes] = []  # stdout cannot be taken back: hold gold lines until keep() has spoken

    def write(self, gold: bytes, every: bytes) -> None:
        if gold:
            if self.gold_out is None:
                self.buffered.append(gold)
            else:
                self.gold_out.write(gold)
        if every:
            if self.every_out is not None:
                self.every_out.write(every)
            elif self.every_to_stdout:
                import sys

                sys.stdout.write(every.decode("utf-8"))

    def close(self) -> None:
        for fh in self.handles.values():
            fh.close()

    def finish(self, ok: bool) -> None:
        import os
        import sys

        for target, part in self.targets:
            if ok:
                os.replace(part, target)
            else:
                part.unlink(missing_ok=True)
        if ok and self.buffered:
            sys.stdout.write(b"".join(self.buffered).decode("utf-8"))


def convert_export(path: str | Path, output: Path | str, annotations_output: Path | str | None = None, *,
                   policy: str = DEFAULT_POLICY, repair_utf16: bool = False,
                   wrap: Callable[[Iterator[Any]], Iterable[Any]] | None = None,
                   keep: Callable[[list[Problem]], bool] | None = None,
                   byte_range: tuple[int, int] | None = None, workers: int = 1) -> tuple[list[Problem], dict[str, int]]:
    """``read_export`` that writes JSONL as it reads (memory stays flat): (problems, counts).

    The files are written next to their targets and moved into place at the end, unless ``keep(problems)``
    says no (e.g. --strict with problems), in which case nothing is written. ``output`` may be ``-``.
    ``workers`` > 1 converts byte ranges of the export (``split_points``) in that many processes; the output,
    problems and counts are the same as with one.
    """
    if policy not in POLICIES:
        raise NewsbenchError(f"unknown annotation policy {policy!r}; expected one of {', '.join(POLICIES)}")
    if workers > 1 and byte_range is not None:
        raise ValueError("workers split the whole export; do not give a byte_range as well")
    collector = _Collector(path)
    out = _Outputs(output, annotations_output)
    try:
        with gc_paused():
            cuts = split_points(path, workers) if workers > 1 else []
            if len(cuts) > 2:
                _convert_parallel(path, cuts, collector, out, policy, repair_utf16, wrap)
            else:
                stream: Iterator[TaskResult] = iter_export(path, policy=policy, repair_utf16=repair_utf16,
                                                           byte_range=byte_range)
                for result in (wrap(stream) if wrap is not None else stream):
                    if collector.add(result):
                        out.write(*_task_lines(result, out.every))
    finally:
        out.close()
    out.finish(keep(collector.problems) if keep is not None else True)
    return collector.problems, collector.totals()


# ---------------------------------------------------------------------------------------------------------------
# several workers: each converts the tasks of one byte range into spill files; the parent merges them in order


class _TaskRow(NamedTuple):
    """What the parent needs of one task converted by a worker (its lines are in the worker's spill files)."""

    position: int  # the task's index counted from the first task of the worker's range
    task_id: int | None
    doc_id: str | None  # None when no annotation was kept
    has_gold: bool
    problems: list[Problem]
    counts: Counter  # type: ignore[type-arg]
    gold_bytes: int
    every_bytes: int


def _convert_range(job: tuple[str, str, bool, tuple[int, int], str, bool]) -> int:
    """Worker: convert the tasks starting in one byte range into spill files; returns how many items it read."""
    import pickle

    path, policy, repair_utf16, byte_range, spill, every = job
    items = 0
    with gc_paused(), open(spill + ".rows", "wb") as rows, open(spill + ".gold", "wb") as gold_fh, \
            open(spill + ".every", "wb") as every_fh:
        for result in iter_export(path, policy=policy, repair_utf16=repair_utf16, byte_range=byte_range):
            items = result.index + 1
            gold, lines = _task_lines(result, every) if result.annotations else (b"", b"")
            gold_fh.write(gold)
            every_fh.write(lines)
            row = _TaskRow(result.index, result.task_id, result.annotations[0].id if result.annotations else None,
                           result.gold is not None, result.problems, result.counts, len(gold), len(lines))
            pickle.dump(row, rows, protocol=pickle.HIGHEST_PROTOCOL)
    return items


def _renumber(p: Problem, local: int, index: int, source: str) -> Problem:
    """A worker's problem of its range's task ``local``, numbered as task ``index`` of the whole export."""
    old = pointer(local)
    ptr = pointer(index) + p.pointer[len(old):] if p.pointer == old or p.pointer.startswith(old + "/") else p.pointer
    where = p.source
    tag = f"{source} task #{local}"  # a task without an id is named by its position
    if where is not None and (where == tag or where.startswith(tag + " ")):
        where = f"{source} task #{index}" + where[len(tag):]
    message = p.message
    if p.code in ("json-syntax", "export-truncated"):  # iter_raw_tasks names the task by its position
        message = message.replace(f"task {local} (", f"task {index} (", 1) \
            .replace(f"after {local} task(s)", f"after {index} task(s)", 1)
    return replace(p, pointer=ptr, source=where, message=message)


def _convert_parallel(path: str | Path, cuts: list[int], collector: _Collector, out: _Outputs, policy: str,
                      repair_utf16: bool, wrap: Callable[[Iterator[Any]], Iterable[Any]] | None) -> None:
    import multiprocessing
    import pickle
    import tempfile
    from concurrent.futures import ProcessPoolExecutor

    source = str(path)
    ranges = list(itertools.pairwise(cuts))
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with tempfile.TemporaryDirectory(prefix="newsbench-import-") as tmp, \
            ProcessPoolExecutor(max_workers=len(ranges), mp_context=context) as pool:
        spills = [str(Path(tmp) / f"range-{k}") for k in range(len(ranges))]
        futures = [pool.submit(_convert_range, (source, policy, repair_utf16, r, spill, out.every))
                   for r, spill in zip(ranges, spills)]

        def rows() -> Iterator[tuple[int, _TaskRow, bytes, bytes]]:
            """Every task in export order, with its index in the whole export, as the ranges finish."""
            offset = 0
            for future, spill in zip(futures, spills):
                items = future.result()
                with open(spill + ".rows", "rb") as row_fh, open(spill + ".gold", "rb") as gold_fh, \
                        open(spill + ".every", "rb") as every_fh:
                    while True:
                        try:
                            row = pickle.load(row_fh)
                        except EOFError:
                            break
                        yield offset, row, gold_fh.read(row.gold_bytes), every_fh.read(row.every_bytes)
                for suffix in (".rows", ".gold", ".every"):
                    Path(spill + suffix).unlink()
                offset += items

        stream: Iterator[tuple[int, _TaskRow, bytes, bytes]] = rows()
        for offset, row, gold, every in (wrap(stream) if wrap is not None else stream):
            problems = [_renumber(p, row.position, row.position + offset, source) for p in row.problems] if offset \
                else row.problems
            if collector.add_task(row.position + offset, row.task_id, row.doc_id, row.has_gold, problems, row.counts):
                out.write(gold, every)
