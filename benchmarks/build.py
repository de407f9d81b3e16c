"""Corpus build throughput: a Label Studio export of N synthetic documents in, every config out.

Set-up (not timed): N documents from newsbench.synthetic (~3 KB text, ~40 mentions, 5 events, 3 quotes,
2 stances), their seeds in seeds/ and one Label Studio JSON export in annotations/ (results made by the Label
Studio converter, one ground-truth annotation per task). Then ``newsbench.build.build`` runs as the CLI does and
the script prints seconds and peak memory (PSS of this process plus its workers, sampled every 50 ms) per stage, and
a cold ``datasets.load_dataset`` of the ``documents`` config in a fresh process and cache. References measured in
the same run: ``orjson.loads`` of the export (the floor for reading it) and spaCy's tokenizer + sentencizer on one
core over a sample (the floor for the ner stage without parallelism).

Targets (issue 4), for N = 50,000: whole build under 120 s on 2 cores, peak RSS under 1.5 GB, cold load of the
documents config under 5 s. Exit 1 when a target is missed at the full size (smaller N scales the time target).

    .venv/bin/python benchmarks/build.py              # 5,000 documents
    .venv/bin/python benchmarks/build.py --n 50000    # the full size (several minutes of set-up)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def _rss_bytes(pid: int) -> int:
    """Proportional set size (shared pages split between the processes that share them, so forked workers do
    not count their parent's documents again); resident size where smaps_rollup is missing."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return 0


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(entry))
            except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
                continue
    return out


class Sampler(threading.Thread):
    """Samples the memory (PSS) of this process and its children: (time, bytes) pairs."""

    def __init__(self, every: float = 0.05):
        super().__init__(daemon=True)
        self.every, self.samples, self.stop = every, [], threading.Event()  # type: ignore[var-annotated]

    def run(self) -> None:
        me = os.getpid()
        while not self.stop.is_set():
            total = _rss_bytes(me) + sum(_rss_bytes(c) for c in _children(me))
            self.samples.append((time.perf_counter(), total))
            time.sleep(self.every)

    def peak(self, start: float, end: float) -> int:
        return max((b for t, b in self.samples if start <= t <= end), default=0)


def make_inputs(root: Path, n: int, seed: int) -> tuple[int, float]:
    """Seeds and one export for n synthetic documents; returns (export bytes, seconds)."""
    import orjson

    from newsbench import synthetic
    from newsbench.labelstudio.convert import document_to_results
    from newsbench.labelstudio.tasks import task_data

    started = time.perf_counter()
    (root / "seeds").mkdir(parents=True)
    (root / "annotations").mkdir()
    export = root / "annotations" / "synthetic-export.json"
    with open(export, "wb") as fh:
        fh.write(b"[")
        for i, doc in enumerate(synthetic.iter_documents(n, seed=seed)):
            md = doc.metadata
            assert md is not None
            (root / "seeds" / f"{doc.id}.txt").write_text(f" date {md.date} subset {md.subset} " + doc.text,
                                                          encoding="utf-8", newline="")
            (root / "seeds" / f"{doc.id}.meta.json").write_text(json.dumps(
                {"source": md.source, "title": md.title, "license": md.license, "language": md.language,
                 "phenomena": list(md.phenomena)}), encoding="utf-8")
            task = {"id": i + 1, "data": task_data(doc), "annotations": [{
                "id": i + 1, "completed_by": 1, "result": document_to_results(doc), "was_cancelled": False,
                "ground_truth": True, "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}],
                "predictions": [], "drafts": []}
            fh.write((b"," if i else b"") + orjson.dumps(task))
        fh.write(b"]")
    return export.stat().st_size, time.perf_counter() - started


def _cold_load(corpus: Path, cache: Path) -> float:
    code = ("import time, datasets; s = time.perf_counter(); "
            f"d = datasets.load_dataset({str(corpus)!r}, 'documents', cache_dir={str(cache)!r}); "
            "print(time.perf_counter() - s, sum(len(x) for x in d.values()))")
    env = dict(os.environ, HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1", HF_DATASETS_DISABLE_PROGRESS_BARS="1")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return float(out.stdout.split()[0])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=5000, help="number of documents (default 5,000; the target is 50,000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=None, help="ner processes (default: up to 2)")
    ap.add_argument("--sample", type=int, default=500, help="documents for the one-core tokenizer reference")
    ap.add_argument("--keep", metavar="DIR", help="build in DIR and keep it (default: a temporary folder)")
    args = ap.parse_args(argv)

    import orjson

    from newsbench.build import build

    with tempfile.TemporaryDirectory(prefix="newsbench-bench-") as tmp:
        root = Path(args.keep) if args.keep else Path(tmp) / "repo"
        size, setup = make_inputs(root, args.n, args.seed)
        print(f"set-up: {args.n} documents, export {size / 1e6:.0f} MB, {setup:.1f} s (not timed)")

        sampler = Sampler()
        sampler.start()
        started = time.perf_counter()
        result = build(root, quiet=True, workers=args.workers)
        total = time.perf_counter() - started
        sampler.stop.set()
        sampler.join()

        print(f"\n{'stage':<22} {'seconds':>8} {'peak PSS MB':>12}")
        for stage, (begin, end) in result.windows.items():
            print(f"{stage:<22} {end - begin:8.2f} {sampler.peak(begin, end) / 1e6:12.0f}")
        peak = max((b for _, b in sampler.samples), default=0)
        print(f"{'whole build':<22} {total:8.2f} {peak / 1e6:12.0f}")
        print("seconds per step of convert + write (summed over the processes): "
              + ", ".join(f"{c} {t:.2f}" for c, t in result.cpu_seconds.items()))
        print("rows: " + ", ".join(f"{c} {sum(r.values())}" for c, r in result.rows.items()))

        # references, same run
        raw = (root / "annotations" / "synthetic-export.json").read_bytes()
        t = time.perf_counter()
        orjson.loads(raw)
        parse = time.perf_counter() - t
        del raw
        from newsbench import synthetic
        from newsbench.hf import tokenizer

        sample = synthetic.documents(min(args.sample, args.n), seed=args.seed + 1)
        nlp = tokenizer()
        t = time.perf_counter()
        for _ in nlp.pipe(d.text for d in sample):
            pass
        per_doc = (time.perf_counter() - t) / len(sample)
        ner = result.cpu_seconds["ner"]
        read = result.windows["read + validate exports"][1] - result.windows["read + validate exports"][0]
        print(f"\nreference orjson.loads of the export: {parse:.2f} s -> read + validate exports / parse = {read / parse:.1f}x")
        print(f"reference spaCy on one core: {per_doc * args.n:.2f} s for {args.n} documents (from {len(sample)}) "
              f"-> ner conversion (summed over workers) / one-core tokenizing = {ner / (per_doc * args.n):.2f}x")

        cold = _cold_load(root / "corpus", Path(tmp) / "hf-cache")
        print(f"cold load_dataset('documents'): {cold:.2f} s")

    scale = args.n / 50_000
    ok = total <= 120 * scale and (args.n < 50_000 or peak <= 1.5e9) and cold <= 5
    print(f"\ntargets (scaled to N={args.n}): build <= {120 * scale:.0f} s: {total:.1f} s; "
          f"peak RSS <= 1500 MB at N=50,000: {peak / 1e6:.0f} MB; cold load <= 5 s: {cold:.2f} s -> "
          f"{'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
