"""``newsbench build``: seeds/ + Label Studio exports in annotations/ -> corpus/ (parquet per config and split + card).

Reads the gold documents from the exports (``read_export``), takes text-checked metadata and passages from the
seeds, validates everything (any error fails the build with the full list), assigns splits (annotations/
splits.json: new documents are added, existing ones never move), writes one zstd parquet file per config and
non-empty split and the generated card. Same inputs, same bytes. ``check`` rebuilds into a temporary folder and
lists what differs from the committed corpus/.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from .model import Document
from .problems import NewsbenchError, Problem, ValidationFailed, errors_only

NOT_EXPORTS = ("splits.json", "agreement.json", "phenomena.json")
CHUNK = 500  # documents per work unit and parquet row group; fixed, so the output never depends on the workers
PARALLEL_FROM = 1000  # documents from which the conversion uses a process pool


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
    input_counts: dict[str, int] = field(default_factory=dict)  # summed ExportResult.counts
    new_assignments: dict[str, str] = field(default_factory=dict)
    windows: dict[str, tuple[float, float]] = field(default_factory=dict)  # stage -> (start, end), perf_counter
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # config -> conversion seconds summed over workers

    @property
    def timings(self) -> dict[str, float]:
        """Seconds per stage."""
        return {stage: end - start for stage, (start, end) in self.windows.items()}

    def summary(self) -> str:
        parts = []
        for split, per in self.documents.items():
            parts.append(f"{split}: " + ", ".join(f"{n} {subset}" for subset, n in per.items()))
        without = ", ".join(f"{len(ids)} {s}" for s, ids in self.without_gold.items())
        return (f"built {sum(sum(p.values()) for p in self.documents.values())} document(s) into {self.out} "
                f"({'; '.join(parts)}); seeds without gold: {without or 'none'}; "
                f"{len(self.new_assignments)} newly assigned; {len(self.warnings)} warning(s)")

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


def read_gold(paths: Sequence[Path], root: Path | None = None,
              ) -> tuple[list[Document], list[Problem], dict[str, int]]:
    """Gold documents of the exports (one per task, chosen by the default policy), problems and summed counts."""
    from .labelstudio.export import read_export  # the Label Studio reader owns the export format

    docs: list[Document] = []
    problems: list[Problem] = []
    counts: Counter[str] = Counter()
    seen: dict[str, str] = {}
    for path in paths:
        result = read_export(path)
        problems.extend(result.problems)
        counts.update(result.counts)
        shown = path.relative_to(root).as_posix() if root and path.is_relative_to(root) else str(path)
        for doc in result.documents:
            if doc.provenance is not None:  # where the gold came from, the same in every checkout
                doc = doc.replace(provenance=replace(doc.provenance, file=shown))
            if doc.id in seen:
                problems.append(Problem(doc.id, "/id", "duplicate-document",
                                        f"document {doc.id!r} has gold in {seen[doc.id]} and in {shown}; keep one "
                                        f"(remove the task from one project's export)", shown))
                continue
            seen[doc.id] = shown
            docs.append(doc)
    return docs, problems, dict(sorted(counts.items()))


def merge_with_seeds(gold: Sequence[Document], seeds: Sequence[Document]) -> tuple[list[Document], list[Problem]]:
    """Gold layers on the seed's metadata and passages; the text must be the seed's text exactly.

    The seed (and its .meta.json) is the source of truth for metadata, so a licence or title fix needs no new
    export; a gold document without a seed, or whose text differs from it, is an error.
    """
    by_id = {d.id: d for d in seeds}
    out, problems = [], []
    for doc in gold:
        seed = by_id.get(doc.id)
        where = doc.provenance.file if doc.provenance and doc.provenance.file else None
        if seed is None:
            problems.append(Problem(doc.id, "/id", "gold-without-seed",
                                    f"no seed file seeds/{doc.id}.txt for this annotated document; add the seed or "
                                    f"remove the task from the export", where))
            continue
        if seed.text != doc.text:
            at = next((i for i, (a, b) in enumerate(zip(seed.text, doc.text)) if a != b),
                      min(len(seed.text), len(doc.text)))
            problems.append(Problem(doc.id, "/text", "gold-text-differs-from-seed",
                                    f"the annotated text differs from seeds/{doc.id}.txt from character {at} "
                                    f"(annotated {doc.text[at:at + 20]!r}, seed {seed.text[at:at + 20]!r}); "
                                    f"re-import the seed into Label Studio and re-annotate, or restore the seed",
                                    where))
            continue
        out.append(doc.replace(metadata=seed.metadata, passages=seed.passages))
    return out, problems


def _phenomena_problems(docs: Iterable[Document], known: set[str] | None) -> list[Problem]:
    problems = []
    for d in docs:
        if d.metadata is None:
            problems.append(Problem(d.id, "/metadata", "missing-metadata",
                                    "a corpus document needs metadata (subset, licence, ...); re-ingest its seed"))
            continue
        if known is None:
            continue
        for i, tag in enumerate(d.metadata.phenomena):
            if tag not in known:
                problems.append(Problem(d.id, f"/metadata/phenomena/{i}", "unknown-phenomenon",
                                        f"tag {tag!r} is not in annotations/phenomena.json; use one of its keys or "
                                        f"add it there with a description", d.metadata.seed_file))
    return problems


# ------------------------------------------------------------------------------------------------- stages

_DOCS: Sequence[Document] = ()  # the documents being converted; workers inherit them through fork


@dataclass
class Chunk:
    """The rows of a run of documents for every config, as Arrow tables, with what the conversion found."""

    tables: dict[str, Any]
    problems: list[Problem]
    ner_stats: dict[str, int]
    seconds: dict[str, float]  # CPU-side seconds per config (summed over workers)


def _convert(bounds: tuple[int, int]) -> Chunk:
    """Convert documents [a, b) of ``_DOCS`` to one Arrow table per config (in a worker after fork, or inline)."""
    import pyarrow as pa

    from . import hf

    docs = _DOCS[bounds[0]:bounds[1]]
    makers: dict[str, Callable[[Document], Iterable[dict[str, Any]]]] = {
        "documents": lambda d: (hf.document_row(d),), "events": hf.event_rows, "quotes": hf.quote_rows,
        "stances": hf.stance_rows, "bigbio_kb": lambda d: (hf.bigbio_row(d),)}
    tables, seconds = {}, {}
    problems: list[Problem] = []
    stats: Counter[str] = Counter()
    for config in hf.CONFIGS:
        started = time.perf_counter()
        rows: list[dict[str, Any]] = []
        if config == "ner":
            nlp = hf.tokenizer()
            for doc, parsed in zip(docs, nlp.tokenizer.pipe(d.text for d in docs)):
                r, found, s = hf.ner_rows(doc, nlp, parsed)
                rows.extend(r)
                problems.extend(found)
                stats.update(s)
        else:
            make = makers[config]
            for doc in docs:
                rows.extend(make(doc))
        tables[config] = pa.Table.from_pylist(rows, schema=hf.features(config).arrow_schema)
        seconds[config] = time.perf_counter() - started
    return Chunk(tables, problems, dict(stats), seconds)


def _chunks(docs: Sequence[Document], workers: int) -> Iterator[Chunk]:
    """Converted chunks of CHUNK documents, in order; a process pool (fork) on big inputs."""
    global _DOCS
    bounds = [(a, min(a + CHUNK, len(docs))) for a in range(0, len(docs), CHUNK)]
    _DOCS = docs
    try:
        if workers <= 1 or len(docs) < PARALLEL_FROM or "fork" not in _start_methods():
            yield from map(_convert, bounds)
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            yield from pool.map(_convert, bounds)
    finally:
        _DOCS = ()


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


def build_from_documents(gold: Sequence[Document], out: Path, *, split_of: dict[str, str],
                         inputs: dict[str, str] | None = None, agreement: dict[str, Any] | None = None,
                         quiet: bool = True, workers: int | None = None,
                         timings: dict[str, tuple[float, float]] | None = None) -> BuildResult:
    """Write corpus/ from validated gold documents and their split assignment (every document must have one).

    Documents are converted in chunks of CHUNK (one parquet row group each), on up to ``workers`` processes;
    the output never depends on the number of workers.
    """
    from . import card, hf
    from .commands._common import progress

    timings = timings if timings is not None else {}
    workers = workers or min(2, os.cpu_count() or 1)
    missing = [d.id for d in gold if d.id not in split_of]
    if missing:
        raise NewsbenchError(f"{len(missing)} document(s) have no split: {', '.join(missing[:5])}")
    by_split: dict[str, list[Document]] = {s: [] for s in hf.SPLITS}
    for d in sorted(gold, key=lambda d: d.id):
        by_split[split_of[d.id]].append(d)

    out.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    rows: dict[str, dict[str, int]] = {c: {} for c in hf.CONFIGS}
    nbytes: dict[str, dict[str, int]] = {c: {} for c in hf.CONFIGS}
    warnings: list[Problem] = []
    ner_stats: Counter[str] = Counter()
    cpu: Counter[str] = Counter()
    started = time.perf_counter()
    for split in hf.SPLITS:
        docs = by_split[split]
        if not docs:
            continue
        writers: dict[str, Any] = {}
        try:
            for chunk in progress(_chunks(docs, workers), f"converting {split}", total=-(-len(docs) // CHUNK),
                                  quiet=quiet):
                warnings.extend(chunk.problems)
                ner_stats.update(chunk.ner_stats)
                cpu.update(chunk.seconds)
                for config, table in chunk.tables.items():
                    if table.num_rows == 0:
                        continue
                    if config not in writers:
                        writers[config] = hf.parquet_writer(config, out / hf.parquet_name(config, split))
                    writers[config].write_table(table)
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
    data = card.CardInput(by_split=by_split, rows=rows, nbytes=nbytes, file_sizes=dict(sizes), inputs=inputs or {},
                          ner_stats=dict(ner_stats), agreement=agreement)
    (out / "README.md").write_text(card.render(data), encoding="utf-8", newline="\n")
    written.append("README.md")
    timings["card"] = (started, time.perf_counter())

    documents = {s: dict(sorted(Counter(d.metadata.subset if d.metadata else "news" for d in docs).items()))
                 for s, docs in by_split.items() if docs}
    return BuildResult(out=out, documents=documents, rows={c: r for c, r in rows.items() if r}, files=sorted(written),
                       without_gold={}, warnings=warnings, ner_stats=dict(ner_stats), windows=timings,
                       cpu_seconds=dict(cpu))


def _remove_stale(out: Path, keep: set[str]) -> None:
    """Delete parquet files of our configs that this build did not write (a split that became empty)."""
    from .hf import CONFIGS

    for config in CONFIGS:
        for path in sorted((out / config).glob("*.parquet")) if (out / config).is_dir() else ():
            if f"{config}/{path.name}" not in keep:
                path.unlink()


# -------------------------------------------------------------------------------------------------- build

@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: the build makes millions of small acyclic objects, and collections
    triggered by them (each scanning every live document) took most of the conversion time."""
    was_enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def build(root: Path, out: Path | None = None, quiet: bool = False, *, write_splits: bool = True,
          workers: int | None = None) -> BuildResult:
    """Build root/corpus (or ``out``) from root/seeds and the exports in root/annotations.

    Raises ValidationFailed with every problem when any input is invalid; nothing is written then.
    """
    with _gc_paused():
        return _build(Path(root), out, quiet, write_splits, workers)


def _build(root: Path, out: Path | None, quiet: bool, write_splits: bool, workers: int | None) -> BuildResult:
    from .card import read_agreement
    from .ingest import ingest
    from .splits import Candidate, SplitFile, assign, read_split_file
    from .validation import validate_document

    out = Path(out) if out is not None else root / "corpus"
    annotations = root / "annotations"
    timings: dict[str, tuple[float, float]] = {}

    started = time.perf_counter()
    seeds, problems = ingest([root / "seeds"]) if (root / "seeds").is_dir() else ([], [])
    timings["ingest seeds"] = (started, time.perf_counter())

    started = time.perf_counter()
    exports = export_files(annotations) if annotations.is_dir() else []
    gold, found, counts = read_gold(exports, root) if exports else ([], [], {})
    problems.extend(found)
    timings["read exports"] = (started, time.perf_counter())

    started = time.perf_counter()
    merged, found = merge_with_seeds(gold, seeds)
    problems.extend(found)
    known = None
    if (annotations / "phenomena.json").exists():
        known = set(json.loads((annotations / "phenomena.json").read_text(encoding="utf-8")))
    problems.extend(_phenomena_problems(merged, known))
    for doc in merged:
        problems.extend(validate_document(doc, doc.provenance.file if doc.provenance else None))
    timings["validate"] = (started, time.perf_counter())
    if errors_only(problems):
        raise ValidationFailed(errors_only(problems))
    warnings = [p for p in problems if p.severity != "error"]

    gold_ids = {d.id for d in merged}
    without_gold: dict[str, list[str]] = {}
    for s in seeds:
        if s.id not in gold_ids:
            without_gold.setdefault(s.metadata.subset if s.metadata else "news", []).append(s.id)

    split_path = annotations / "splits.json"
    split_file = read_split_file(split_path)
    assignment = assign([Candidate(d.id, d.metadata.subset if d.metadata else "news",
                                   d.metadata.phenomena if d.metadata else ()) for d in merged],
                        split_file.assignment, split_file.ratios)
    new = {k: v for k, v in sorted(assignment.items()) if k not in split_file.assignment}
    if new and write_splits:
        split_path.parent.mkdir(parents=True, exist_ok=True)
        split_path.write_text(SplitFile(split_file.ratios, assignment).to_json(), encoding="utf-8", newline="\n")

    inputs = {p.relative_to(root).as_posix(): _sha256(p) for p in exports}
    # only the seeds of corpus documents: a new seed without gold does not make the corpus stale
    seed_hash = hashlib.sha256()
    seed_paths = [p for d in sorted(merged, key=lambda d: d.id)
                  for p in (root / "seeds" / f"{d.id}.txt", root / "seeds" / f"{d.id}.meta.json") if p.is_file()]
    for p in seed_paths:
        seed_hash.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    inputs[f"seeds/ (the {len(seed_paths)} files of corpus documents)"] = seed_hash.hexdigest()
    inputs["annotations/splits.json (assignment)"] = hashlib.sha256(
        SplitFile(split_file.ratios, assignment).to_json().encode()).hexdigest()

    result = build_from_documents(merged, out, split_of=assignment, inputs=inputs,
                                  agreement=read_agreement(annotations / "agreement.json"), quiet=quiet,
                                  workers=workers, timings=timings)
    result.warnings[:0] = warnings
    result.without_gold = without_gold
    result.input_counts = counts
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
