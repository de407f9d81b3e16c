"""Label Studio import throughput and memory: our streaming reader against ``orjson.loads`` of the whole file.

Writes a synthetic raw JSON export (newsbench.synthetic documents, each task with one ground-truth annotation of
~150 result items, snapshot key order, compact JSON) of about --mb megabytes, then measures each of these in its own
subprocess, on one core, so peak RSS is that step's alone:
  orjson     orjson.loads of the whole file, garbage collector off (the reference: parse only, everything in RAM)
  parse      newsbench.labelstudio.export.iter_raw_tasks: the streaming task splitter + orjson per task
  import     convert_export: parse, convert, both validation phases, write JSONL (what `labelstudio import` does)
  import-2   the same split over two worker processes by byte range (each writes its half; --workers 2)
and prints MB/s, peak RSS and the ratios against orjson. Targets (issue 3): import >= 35 MB/s on one core with
peak RSS under 400 MB at any export size; >= 60 MB/s with two workers.

    .venv/bin/python benchmarks/labelstudio_import.py            # ~40 MB (quick)
    .venv/bin/python benchmarks/labelstudio_import.py --mb 200   # the issue's size
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def generate(path: Path, mb: float, seed: int = 0) -> tuple[int, int]:
    """Write a synthetic export of about ``mb`` MB: (tasks, result items)."""
    import orjson

    from newsbench import synthetic
    from newsbench.labelstudio.convert import document_to_results
    from newsbench.labelstudio.tasks import task_data

    limit = int(mb * 1e6)
    n = items = 0
    with open(path, "wb") as fh:
        fh.write(b"[")
        batch = 500
        while fh.tell() < limit:
            for doc in synthetic.iter_documents(batch, seed=seed + n):
                doc = doc.replace(provenance=None)
                results = document_to_results(doc)
                items += len(results)
                n += 1
                task = {"id": n, "annotations": [{
                    "id": n, "completed_by": {"id": 1, "email": "lead@example.com", "first_name": "", "last_name": ""},
                    "result": results, "was_cancelled": False, "ground_truth": True,
                    "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z", "lead_time": 12.5,
                    "prediction": {}, "result_count": len(results), "task": n, "project": 1}],
                    "drafts": [], "predictions": [], "data": task_data(doc), "meta": {},
                    "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z", "inner_id": n,
                    "total_annotations": 1, "cancelled_annotations": 0, "total_predictions": 0, "project": 1}
                fh.write((b"," if n > 1 else b"") + orjson.dumps(task))
                if fh.tell() >= limit:
                    break
        fh.write(b"]")
    return n, items


# --- the measured steps (each runs in a child process: `--step NAME FILE`) --------------------------------------

def _step(name: str, path: str, out_dir: str) -> dict[str, float]:
    import gc

    from newsbench.labelstudio import export  # noqa: F401  (imports are not part of the measured time)

    wall_start = time.time()
    start = time.perf_counter()
    extra: dict[str, float] = {}
    if name == "orjson":
        import orjson

        gc.disable()
        with open(path, "rb") as fh:
            tasks = orjson.loads(fh.read())
        extra["tasks"] = len(tasks)
    elif name == "parse":
        from newsbench.labelstudio.export import iter_raw_tasks

        extra["tasks"] = sum(1 for _ in iter_raw_tasks(path))
    elif name == "import":
        from newsbench.labelstudio.export import convert_export

        problems, counts = convert_export(path, Path(out_dir) / "gold.jsonl")
        extra["documents"], extra["problems"] = counts["documents"], len(problems)
    elif name.startswith("half"):  # one worker of import-2: tasks starting in its byte range
        from newsbench.labelstudio.export import convert_export

        lo, hi = (int(x) for x in name.split(":")[1:])
        problems, counts = convert_export(path, Path(out_dir) / f"gold-{lo}.jsonl", byte_range=(lo, hi))
        extra["documents"], extra["problems"] = counts["documents"], len(problems)
    seconds = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "rss_mb": rss_mb, "wall_start": wall_start, "wall_end": time.time(), **extra}


def _run_child(step: str, path: Path, out_dir: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    proc = subprocess.run([sys.executable, __file__, "--step", step, str(path), str(out_dir)], env=env,
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"step {step} failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=40, help="export size in MB (default 40; the issue's size is 200)")
    ap.add_argument("--workers", type=int, default=1, choices=(1, 2), help="also time the two-worker import")
    ap.add_argument("--keep", type=Path, help="keep the generated export at this path")
    ap.add_argument("--step", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.step:
        print(json.dumps(_step(*args.step)))
        return 0

    with tempfile.TemporaryDirectory(prefix="nb-ls-bench-") as tmp:
        tmpdir = Path(tmp)
        path = args.keep or tmpdir / "export.json"
        t0 = time.perf_counter()
        tasks, items = generate(path, args.mb)
        size = path.stat().st_size / 1e6
        print(f"export: {size:.0f} MB, {tasks} tasks, {items / tasks:.0f} result items per task "
              f"(generated in {time.perf_counter() - t0:.0f} s)")
        rows = {}
        for step in ("orjson", "parse", "import"):
            rows[step] = _run_child(step, path, tmpdir)
        if args.workers == 2:
            from newsbench.labelstudio.export import split_points

            cut = split_points(path, 2)
            procs = [subprocess.Popen([sys.executable, __file__, "--step", f"half:{lo}:{hi}", str(path), str(tmpdir)],
                                      stdout=subprocess.PIPE, text=True) for lo, hi in zip(cut, cut[1:])]
            halves = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
            # from the first worker's start to the last one's end (interpreter start-up excluded, as above)
            wall = max(h["wall_end"] for h in halves) - min(h["wall_start"] for h in halves)
            rows["import-2"] = {"seconds": wall, "rss_mb": max(h["rss_mb"] for h in halves),
                                "documents": sum(h["documents"] for h in halves)}
        ref = rows["orjson"]
        print(f"{'step':<10}{'seconds':>9}{'MB/s':>8}{'peak RSS MB':>13}{'speed vs orjson':>17}{'RSS vs orjson':>15}")
        for step, row in rows.items():
            mbs = size / row["seconds"]
            print(f"{step:<10}{row['seconds']:>9.2f}{mbs:>8.1f}{row['rss_mb']:>13.0f}"
                  f"{ref['seconds'] / row['seconds']:>16.2f}x{row['rss_mb'] / ref['rss_mb']:>14.2f}x")
        imp = rows["import"]
        ok = size / imp["seconds"] >= 35 and imp["rss_mb"] < 400
        print(f"documents imported: {imp.get('documents', 0):.0f}/{tasks}, problems: {imp.get('problems', 0):.0f}")
        print(f"target one core (>= 35 MB/s, < 400 MB): {'met' if ok else 'NOT met'}")
        if "import-2" in rows:
            two = size / rows["import-2"]["seconds"]
            print(f"target two workers (>= 60 MB/s): {'met' if two >= 60 else 'NOT met'} ({two:.1f} MB/s, "
                  f"{rows['import-2']['documents']:.0f} documents)")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
