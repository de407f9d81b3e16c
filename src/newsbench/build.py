"""``newsbench build``: seeds/ + Label Studio exports in annotations/ -> corpus/ (parquet per config and split + card).

Three streamed passes, so memory does not grow with the corpus: (1) every seed is ingested and checked, keeping
only its path; (2) each export is read task by task (``iter_export``, in byte ranges on two processes for big
exports); a gold document gets its seed's text-checked metadata and passages, is validated and spilled as a
canonical JSON line to a temporary file, keeping only its id, subset and tags; any problem fails the build with
the full list; (3) splits are assigned (annotations/splits.json: new documents are added, existing ones never
move) and chunks of the spill are converted to every config (on two processes for big inputs) and written as one
zstd parquet file per config and non-empty split, with the generated card. Same inputs, same bytes; ``check``
rebuilds into a temporary folder and lists what differs from the committed corpus/.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from .model import Document
from .problems import NewsbenchError, Problem, ValidationFailed, errors_only
from .performance import gc_paused

NOT_EXPORTS = ("splits.json", "agreement.json", "phenomena.json")
CHUNK = 500  # documents per work unit and parquet row group; fixed, so the output never depends on the workers
PARALLEL_FROM = 1000  # documents from which the conversion uses a process pool
PARALLEL_READ_FROM = 32 << 20  # export bytes from which an export is read in byte ranges on several processes
SEED_GROUP = 2000  # seeds per work unit when scanning seeds/


@dataclass
class BuildResult:
    """What a build wrote and everything it counted."""

    out: Path
    documents: dict[str, dict[str, int]]  # split -> subset -> documents
    rows: dict[str, dict[str, int]]  # config -> split -> rows
    files: list[str]  # written files, relative to out
    without_gold: dict[str, list[str]]  # subset -> seed ids that have no gold annotation
    warnings: list[Problem]
    ner_stats: dict[str, int]
    input_counts: dict[str, int] = field(default_factory=dict)  # summed export counts (tasks, annotations, ...)
    new_assignments: dict[str, str] = field(default_factory=dict)
    windows: dict[str, tuple[float, float]] = field(default_factory=dict)  # stage -> (start, end), perf_counter
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # step -> seconds summed over the processes

    @property
    def timings(self) -> dict[str, float]:
        """Seconds per stage."""
        return {stage: end - start for stage, (start, end) in self.windows.items()}

    def summary(self) -> str:
        parts = []
        for split, per in self.documents.items():
            parts.append(f"{split}: " + ", ".join(f"{n} {subset}" for subset, n in per.items()))
        without = ", ".join(f"{len(ids)} {s}" for s, ids in self.without_gold.items())
        total = sum(sum(p.values()) for p in self.documents.values())
        return (f"built {total} document(s) into {self.out}" + (f" ({'; '.join(parts)})" if parts else "")
                + f"; seeds without gold: {without or 'none'}; {len(self.new_assignments)} newly assigned; "
                  f"{len(self.warnings)} warning(s)")

    def to_dict(self) -> dict[str, Any]:
        return {"out": str(self.out), "documents": self.documents, "rows": self.rows, "files": self.files,
                "without_gold": self.without_gold, "warnings": [w.to_dict() for w in self.warnings],
                "ner": self.ner_stats, "inputs": self.input_counts, "new_assignments": self.new_assignments}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def export_files(annotations: Path) -> list[Path]:
    """The Label Studio exports in annotations/: top-level ``*.json`` files holding a JSON list."""
    out = []
    for path in sorted(annotations.glob("*.json")):
        if path.name in NOT_EXPORTS:
            continue
        with open(path, "rb") as fh:
            head = fh.read(64).lstrip()
        if head.startswith(b"["):
            out.append(path)
    return out


def merge_with_seed(doc: Document, seed: Document | None, where: str | None = None
                    ) -> tuple[Document | None, list[Problem]]:
    """Gold layers on the seed's metadata and passages; the text must be the seed's text exactly.

    The seed (and its .meta.json) is the source of truth for metadata, so a licence or title fix needs no new
    export; a gold document without a seed, or whose text differs from it, is an error.
    """
    if seed is None:
        return None, [Problem(doc.id, "/id", "gold-without-seed",
                              f"no seed file seeds/{doc.id}.txt for this annotated document; add the seed or remove "
                              f"the task from the export", where)]
    if seed.text != doc.text:
        at = next((i for i, (a, b) in enumerate(zip(seed.text, doc.text)) if a != b),
                  min(len(seed.text), len(doc.text)))
        return None, [Problem(doc.id, "/text", "gold-text-differs-from-seed",
                              f"the annotated text differs from seeds/{doc.id}.txt from character {at} (annotated "
                              f"{doc.text[at:at + 20]!r}, seed {seed.text[at:at + 20]!r}); re-import the seed into "
                              f"Label Studio and re-annotate, or restore the seed", where)]
    return doc.replace(text=seed.text, metadata=seed.metadata, passages=seed.passages), []


def merge_with_seeds(gold: Sequence[Document], seeds: Sequence[Document]) -> tuple[list[Document], list[Problem]]:
    """``merge_with_seed`` for many documents."""
    by_id = {d.id: d for d in seeds}
    out, problems = [], []
    for doc in gold:
        merged, found = merge_with_seed(doc, by_id.get(doc.id),
                                        doc.provenance.file if doc.provenance and doc.provenance.file else None)
        problems.extend(found)
        if merged is not None:
            out.append(merged)
    return out, problems


def _phenomena_problems(d: Document, known: set[str] | None) -> list[Problem]:
    if d.metadata is None:
        return [Problem(d.id, "/metadata", "missing-metadata",
                        "a corpus document needs metadata (subset, licence, ...); re-ingest its seed")]
    if known is None:
        return []
    return [Problem(d.id, f"/metadata/phenomena/{i}", "unknown-phenomenon",
                    f"tag {tag!r} is not in annotations/phenomena.json; use one of its keys or add it there with a "
                    f"description", d.metadata.seed_file)
            for i, tag in enumerate(d.metadata.phenomena) if tag not in known]


def _pool(workers: int) -> Any:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _ordered_map(fn: Callable[[Any], Any], jobs: list[Any], workers: int, parallel: bool) -> Iterator[Any]:
    """Results of ``fn`` over ``jobs`` in job order: on a process pool when ``parallel``, else inline."""
    if not parallel or workers <= 1 or len(jobs) <= 1 or not _can_fork():
        yield from map(fn, jobs)
        return
    from collections import deque

    # a bounded number of jobs in flight: results wait in this process until their turn, so a slow writer
    # must not let every finished chunk pile up in memory
    with _pool(workers) as pool:
        pending: deque[Any] = deque()
        for job in jobs:
            pending.append(pool.submit(fn, job))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


# --------------------------------------------------------------------------------------- the spill file

@dataclass(frozen=True)
class Entry:
    """Where a validated corpus document lies in a spill file, and what the split assignment needs."""

    id: str
    subset: str
    phenomena: tuple[str, ...]
    spill: str
    offset: int
    length: int
    where: str


def _spill(doc: Document, fh: Any, path: Path, where: str) -> Entry:
    import orjson

    from .records import to_record

    data = orjson.dumps(to_record(doc)) + b"\n"
    offset = fh.tell()
    fh.write(data)
    md = doc.metadata
    return Entry(doc.id, md.subset if md else "news", md.phenomena if md else (), str(path), offset, len(data), where)


def _unspill(entries: Sequence[Entry]) -> Iterator[Document]:
    import orjson

    from .records import from_record

    handles: dict[str, Any] = {}
    try:
        for e in entries:
            fh = handles.get(e.spill)
            if fh is None:
                fh = handles[e.spill] = open(e.spill, "rb")
            fh.seek(e.offset)
            yield from_record(orjson.loads(fh.read(e.length)))
    finally:
        for fh in handles.values():
            fh.close()


# -------------------------------------------------------------------------------- pass 2: the exports

@dataclass
class _Part:
    entries: list[Entry]
    problems: list[Problem]
    counts: Counter[str]


def _read_part(job: tuple[str, str, tuple[int, int] | None, str, dict[str, tuple[str, str]], set[str] | None]
               ) -> _Part:
    """Read the tasks of one export (or one byte range of it): merge, validate and spill each gold document."""
    from .ingest import ingest_file
    from .labelstudio.export import iter_export
    from .validation import validate_document

    path, shown, byte_range, spill, seeds, known = job
    entries: list[Entry] = []
    problems: list[Problem] = []
    counts: Counter[str] = Counter()
    with open(spill, "wb") as fh:
        for result in iter_export(path, byte_range=byte_range):
            problems.extend(result.problems)
            counts.update(result.counts)
            doc = result.gold
            if doc is None:
                continue
            if doc.provenance is not None:  # where the gold came from, the same in every checkout
                doc = doc.replace(provenance=replace(doc.provenance, file=shown))
            where = f"{shown} task {result.task_id}"
            seed = None
            if doc.id in seeds:
                seed, _ = ingest_file(Path(seeds[doc.id][0]), seeds[doc.id][1])
            merged, found = merge_with_seed(doc, seed, where)
            if merged is not None:
                found += _phenomena_problems(merged, known)
                found += validate_document(merged, where)
            problems.extend(found)
            if merged is None or errors_only(found):
                continue
            entries.append(_spill(merged, fh, Path(spill), where))
    return _Part(entries, problems, counts)


def _scan_seed_files(files: Sequence[tuple[Path, str]]) -> tuple[dict[str, tuple[str, str]], dict[str, str],
                                                                 list[Problem]]:
    from .ingest import ingest_file
    from .validation import validate_document

    index: dict[str, tuple[str, str]] = {}
    subsets: dict[str, str] = {}
    problems: list[Problem] = []
    for path, display in files:
        doc, found = ingest_file(path, display)
        problems.extend(found)
        if doc is None:
            continue
        found = validate_document(doc, display)
        problems.extend(found)
        if not errors_only(found):
            index[doc.id] = (str(path), display)
            subsets[doc.id] = doc.metadata.subset if doc.metadata else "news"
    return index, subsets, problems


def _scan_seeds(folder: Path, quiet: bool = True, workers: int = 1
                ) -> tuple[dict[str, tuple[str, str]], dict[str, str], list[Problem]]:
    """Every seed ingested and validated once: (id -> (path, display), id -> subset, problems)."""
    from .commands._common import progress
    from .ingest import seed_files

    files = seed_files([folder]) if folder.is_dir() else []
    groups = [files[a:a + SEED_GROUP] for a in range(0, len(files), SEED_GROUP)]
    index: dict[str, tuple[str, str]] = {}
    subsets: dict[str, str] = {}
    problems: list[Problem] = []
    for found_index, found_subsets, found in progress(_ordered_map(_scan_seed_files, groups, workers,
                                                                   parallel=len(groups) > 1),
                                                      "reading seeds", total=len(groups), quiet=quiet):
        index.update(found_index)
        subsets.update(found_subsets)
        problems.extend(found)
    return index, subsets, problems


# ------------------------------------------------------------------------------- pass 3: conversion

@dataclass
class Chunk:
    """The rows of a run of documents for every config, as Arrow tables, with what the conversion found."""

    tables: dict[str, Any]
    problems: list[Problem]
    ner_stats: dict[str, int]
    seconds: dict[str, float]  # conversion seconds per config
    stats: Any  # card.CorpusStats of the chunk


def _convert(job: tuple[str, Sequence[Entry]]) -> Chunk:
    """Convert spilled documents to one Arrow table per config (in a worker, or inline)."""
    import pyarrow as pa

    from . import hf
    from .card import CorpusStats

    split, entries = job
    started = time.perf_counter()
    docs = list(_unspill(entries))
    read = time.perf_counter() - started
    stats = CorpusStats()
    for d in docs:
        stats.add(d, split)
    makers: dict[str, Callable[[Document], Iterable[dict[str, Any]]]] = {
        "documents": lambda d: (hf.document_row(d),), "events": hf.event_rows, "quotes": hf.quote_rows,
        "stances": hf.stance_rows, "bigbio_kb": lambda d: (hf.bigbio_row(d),)}
    tables, seconds = {}, {"read spill": read}
    problems: list[Problem] = []
    ner: Counter[str] = Counter()
    for config in hf.CONFIGS:
        started = time.perf_counter()
        rows: list[dict[str, Any]] = []
        if config == "ner":
            nlp = hf.tokenizer()
            for doc, parsed in zip(docs, nlp.tokenizer.pipe(d.text for d in docs)):
                r, found, s = hf.ner_rows(doc, nlp, parsed)
                rows.extend(r)
                problems.extend(found)
                ner.update(s)
                stats.rows[(config, split, doc.metadata.subset if doc.metadata else "news")] += len(r)
        else:
            make = makers[config]
            for doc in docs:
                r = list(make(doc))
                rows.extend(r)
                stats.rows[(config, split, doc.metadata.subset if doc.metadata else "news")] += len(r)
        tables[config] = pa.Table.from_pylist(rows, schema=hf.features(config).arrow_schema)
        seconds[config] = time.perf_counter() - started
    gc.collect()  # the collector is paused: spaCy's Docs hold reference cycles
    return Chunk(tables, problems, dict(ner), seconds, stats)


def _write_corpus(by_split: dict[str, list[Entry]], out: Path, *, inputs: dict[str, str], quiet: bool,
                  workers: int, agreement: dict[str, Any] | None, timings: dict[str, tuple[float, float]]
                  ) -> BuildResult:
    from . import card, hf
    from .commands._common import progress

    parallel = sum(len(v) for v in by_split.values()) >= PARALLEL_FROM
    if parallel:
        # what every worker needs, loaded once before forking so the workers share it
        for config in hf.CONFIGS:
            hf.features(config)
        hf.tokenizer()
        hf._punct_chars()
    out.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    rows: dict[str, dict[str, int]] = {c: {} for c in hf.CONFIGS}
    nbytes: dict[str, dict[str, int]] = {c: {} for c in hf.CONFIGS}
    warnings: list[Problem] = []
    ner_stats: Counter[str] = Counter()
    cpu: dict[str, float] = {}  # seconds per step, summed over the chunks
    stats = card.CorpusStats()
    started = time.perf_counter()
    for split in hf.SPLITS:
        entries = sorted(by_split.get(split, ()), key=lambda e: e.id)
        if not entries:
            continue
        jobs = [(split, entries[a:a + CHUNK]) for a in range(0, len(entries), CHUNK)]
        writers: dict[str, Any] = {}
        try:
            for chunk in progress(_ordered_map(_convert, jobs, workers, parallel),
                                  f"converting {split}", total=len(jobs), quiet=quiet):
                warnings.extend(chunk.problems)
                ner_stats.update(chunk.ner_stats)
                for step, seconds in chunk.seconds.items():
                    cpu[step] = cpu.get(step, 0.0) + seconds
                stats.merge(chunk.stats)
                for config, table in chunk.tables.items():
                    if table.num_rows == 0:
                        continue
                    began = time.perf_counter()
                    if config not in writers:
                        writers[config] = hf.parquet_writer(config, out / hf.parquet_name(config, split))
                    writers[config].write_table(table)
                    step = "write parquet (main process)"
                    cpu[step] = cpu.get(step, 0.0) + time.perf_counter() - began
                    rows[config][split] = rows[config].get(split, 0) + table.num_rows
                    nbytes[config][split] = nbytes[config].get(split, 0) + table.nbytes
        finally:
            for writer in writers.values():
                writer.close()
        written += [hf.parquet_name(config, split) for config in hf.CONFIGS if config in writers]
    timings["convert + write"] = (started, time.perf_counter())

    _remove_stale(out, set(written))
    started = time.perf_counter()
    sizes = Counter({c: 0 for c in hf.CONFIGS})
    for name in written:
        sizes[name.split("/")[0]] += (out / name).stat().st_size
    data = card.CardInput(stats=stats, rows=rows, nbytes=nbytes, file_sizes=dict(sizes), inputs=inputs,
                          ner_stats=dict(ner_stats), agreement=agreement)
    (out / "README.md").write_text(card.render(data), encoding="utf-8", newline="\n")
    written.append("README.md")
    timings["card"] = (started, time.perf_counter())

    documents: dict[str, dict[str, int]] = {}
    for (split, subset), n in sorted(stats.documents.items(), key=lambda x: (hf.SPLITS.index(x[0][0]), x[0][1])):
        documents.setdefault(split, {})[subset] = n
    return BuildResult(out=out, documents=documents, rows={c: r for c, r in rows.items() if r}, files=sorted(written),
                       without_gold={}, warnings=warnings, ner_stats=dict(ner_stats), windows=timings,
                       cpu_seconds=dict(cpu))


def build_from_documents(gold: Sequence[Document], out: Path, *, split_of: dict[str, str],
                         inputs: dict[str, str] | None = None, agreement: dict[str, Any] | None = None,
                         quiet: bool = True, workers: int | None = None) -> BuildResult:
    """Write corpus/ from already validated documents and their split assignment (every document needs one).

    The same writer as ``build``, for documents in memory (tests, tools); the output never depends on the
    number of workers.
    """
    missing = [d.id for d in gold if d.id not in split_of]
    if missing:
        raise NewsbenchError(f"{len(missing)} document(s) have no split: {', '.join(missing[:5])}")
    with gc_paused(), tempfile.TemporaryDirectory(prefix="newsbench-build-") as tmp:
        spill = Path(tmp) / "documents.jsonl"
        by_split: dict[str, list[Entry]] = {}
        with open(spill, "wb") as fh:
            for d in gold:
                by_split.setdefault(split_of[d.id], []).append(_spill(d, fh, spill, d.id))
        return _write_corpus(by_split, Path(out), inputs=inputs or {}, quiet=quiet,
                             workers=workers or min(2, os.cpu_count() or 1), agreement=agreement, timings={})


def _remove_stale(out: Path, keep: set[str]) -> None:
    """Delete parquet files of our configs that this build did not write (a split that became empty)."""
    from .hf import CONFIGS

    for config in CONFIGS:
        for path in sorted((out / config).glob("*.parquet")) if (out / config).is_dir() else ():
            if f"{config}/{path.name}" not in keep:
                path.unlink()


# -------------------------------------------------------------------------------------------------- build

def build(root: Path, out: Path | None = None, quiet: bool = False, *, write_splits: bool = True,
          workers: int | None = None) -> BuildResult:
    """Build root/corpus (or ``out``) from root/seeds and the exports in root/annotations.

    Raises ValidationFailed with every problem when any input is invalid; nothing is written then.
    """
    with gc_paused(), tempfile.TemporaryDirectory(prefix="newsbench-build-") as tmp:
        return _build(Path(root), out, quiet, write_splits, workers or min(2, os.cpu_count() or 1), Path(tmp))


def _build(root: Path, out: Path | None, quiet: bool, write_splits: bool, workers: int, tmp: Path) -> BuildResult:
    from .card import read_agreement
    from .commands._common import progress
    from .labelstudio.export import split_points
    from .splits import Candidate, SplitFile, assign, read_split_file

    out = Path(out) if out is not None else root / "corpus"
    annotations = root / "annotations"
    timings: dict[str, tuple[float, float]] = {}

    started = time.perf_counter()
    seeds, seed_subsets, problems = _scan_seeds(root / "seeds", quiet, workers)
    timings["ingest seeds"] = (started, time.perf_counter())

    started = time.perf_counter()
    known = None
    if (annotations / "phenomena.json").exists():
        known = set(json.loads((annotations / "phenomena.json").read_text(encoding="utf-8")))
    exports = export_files(annotations) if annotations.is_dir() else []
    jobs: list[Any] = []
    for path in exports:
        shown = path.relative_to(root).as_posix()
        size = path.stat().st_size
        cuts = split_points(path, workers) if workers > 1 and size >= PARALLEL_READ_FROM else [0, size]
        for a, b in zip(cuts, cuts[1:]):
            jobs.append((str(path), shown, (a, b) if len(cuts) > 2 else None, str(tmp / f"spill-{len(jobs)}.jsonl"),
                         seeds, known))
    entries: list[Entry] = []
    counts: Counter[str] = Counter()
    first: dict[str, Entry] = {}
    for part in progress(_ordered_map(_read_part, jobs, workers, parallel=len(jobs) > 1), "reading exports",
                         total=len(jobs), quiet=quiet):
        problems.extend(part.problems)
        counts.update(part.counts)
        for e in part.entries:
            if e.id in first:
                problems.append(Problem(e.id, "/id", "duplicate-document",
                                        f"document {e.id!r} has gold in {first[e.id].where} and in {e.where}; keep one "
                                        f"(remove one of the tasks)", e.where))
                continue
            first[e.id] = e
            entries.append(e)
    timings["read + validate exports"] = (started, time.perf_counter())
    if errors_only(problems):
        raise ValidationFailed(errors_only(problems))
    warnings = [p for p in problems if p.severity != "error"]

    without_gold: dict[str, list[str]] = {}
    for seed_id in seeds:
        if seed_id not in first:
            without_gold.setdefault(seed_subsets[seed_id], []).append(seed_id)

    split_path = annotations / "splits.json"
    split_file = read_split_file(split_path)
    assignment = assign([Candidate(e.id, e.subset, e.phenomena) for e in entries], split_file.assignment,
                        split_file.ratios)
    new = {k: v for k, v in sorted(assignment.items()) if k not in split_file.assignment}
    if new and write_splits:
        split_path.parent.mkdir(parents=True, exist_ok=True)
        split_path.write_text(SplitFile(split_file.ratios, assignment).to_json(), encoding="utf-8", newline="\n")

    inputs = {p.relative_to(root).as_posix(): _sha256(p) for p in exports}
    # only the seeds of corpus documents: a new seed without gold does not make the corpus stale
    seed_hash = hashlib.sha256()
    seed_paths = [p for e in sorted(entries, key=lambda e: e.id)
                  for p in (root / "seeds" / f"{e.id}.txt", root / "seeds" / f"{e.id}.meta.json") if p.is_file()]
    for p in seed_paths:
        seed_hash.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    inputs[f"seeds/ (the {len(seed_paths)} files of corpus documents)"] = seed_hash.hexdigest()
    inputs["annotations/splits.json (assignment)"] = hashlib.sha256(
        SplitFile(split_file.ratios, assignment).to_json().encode()).hexdigest()

    by_split: dict[str, list[Entry]] = {}
    for e in entries:
        by_split.setdefault(assignment[e.id], []).append(e)
    result = _write_corpus(by_split, out, inputs=inputs, quiet=quiet, workers=workers,
                           agreement=read_agreement(annotations / "agreement.json"), timings=timings)
    result.warnings[:0] = warnings
    result.without_gold = without_gold
    result.input_counts = dict(sorted(counts.items()))
    result.new_assignments = new
    return result


def check(root: Path, corpus: Path | None = None, workers: int | None = None) -> list[str]:
    """What differs between ``corpus`` (default root/corpus) and a fresh build of root's inputs; [] when current.

    Parquet files are compared by content and schema metadata (not bytes, so a pyarrow upgrade that changes
    the writer's footer does not count as stale); the card by bytes.
    """
    import pyarrow.parquet as pq

    root = Path(root)
    corpus = Path(corpus) if corpus is not None else root / "corpus"
    differences = []
    with tempfile.TemporaryDirectory(prefix="newsbench-check-") as tmp:
        fresh = Path(tmp) / "corpus"
        result = build(root, fresh, quiet=True, write_splits=False, workers=workers)
        if result.new_assignments:
            differences.append(f"annotations/splits.json has no split for {len(result.new_assignments)} document(s): "
                               + ", ".join(list(result.new_assignments)[:5]))
        expected = {p.relative_to(fresh).as_posix() for p in fresh.rglob("*") if p.is_file()}
        actual = {p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file()} \
            if corpus.is_dir() else set()
        differences += [f"missing: {corpus.name}/{name}" for name in sorted(expected - actual)]
        differences += [f"not produced by the inputs: {corpus.name}/{name}" for name in sorted(actual - expected)]
        for name in sorted(expected & actual):
            a, b = fresh / name, corpus / name
            if name.endswith(".parquet"):
                ta, tb = pq.read_table(a), pq.read_table(b)
                if not (ta.schema.equals(tb.schema, check_metadata=True) and ta.equals(tb)):
                    differences.append(f"stale: {corpus.name}/{name}")
            elif a.read_bytes() != b.read_bytes():
                differences.append(f"stale: {corpus.name}/{name}")
    return differences
