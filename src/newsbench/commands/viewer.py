"""``newsbench show`` (one document as a self-contained HTML page) and ``newsbench report`` (benchmark plots)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..problems import NewsbenchError, UsageError
from ._common import emit


def register(sub: Any) -> None:
    p = sub.add_parser(
        "show", help="write one document (optionally with predictions) as a self-contained HTML page",
        description="Render a gold document with all four layers as one HTML page (no network). With --pred, "
                    "every item is marked found, missed or spurious against the prediction for the same document.",
        epilog="example: newsbench show blinken-wang-yi-2022-02-22 --pred pred.jsonl --output page.html")
    p.add_argument("doc_id", metavar="DOC_ID", help="document id (the seed file's name without .txt)")
    p.add_argument("--gold", default="corpus",
                   help="'corpus' (the built corpus, default) or a JSON/JSONL file of documents")
    p.add_argument("--pred", help="JSONL predictions; the line with the same id is shown against the gold")
    p.add_argument("--output", "-o", default="-", help="HTML file to write ('-' = stdout)")
    p.set_defaults(run=run_show)

    p = sub.add_parser(
        "report", help="plot benchmark results (PNG) and write an HTML report",
        description="Turn benchmarks/results.json into plots: headline scores per layer with 95%% confidence "
                    "bars per baseline, per-phenomenon scores, and the mention label confusion; saved as PNG "
                    "files and embedded in one HTML report.",
        epilog="example: newsbench report --results benchmarks/results.json --output-dir benchmarks/report")
    p.add_argument("--results", default=None, help="results JSON (default: benchmarks/results.json)")
    p.add_argument("--output-dir", default=None, help="folder for the PNGs and report.html "
                                                      "(default: benchmarks/report)")
    p.set_defaults(run=run_report)


def _find(docs: list, doc_id: str, where: str) -> Any:
    for d in docs:
        if d.id == doc_id:
            return d
    known = ", ".join(sorted(d.id for d in docs)[:10])
    raise UsageError(f"no document {doc_id!r} in {where}; known ids include: {known}")


def run_show(args: argparse.Namespace) -> int:
    from ..records import read_jsonl
    from ..viewer import render

    if args.gold == "corpus":
        from ..corpus import documents

        gold_docs = documents()
    else:
        gold_docs = read_jsonl(args.gold)
    gold = _find(gold_docs, args.doc_id, args.gold)
    pred = _find(read_jsonl(args.pred), args.doc_id, args.pred) if args.pred else None
    page = render(gold, pred)
    emit(page, args.output)
    if args.output != "-":
        print(f"wrote {args.output} ({len(page)} bytes)", file=sys.stderr)
    return 0


def run_report(args: argparse.Namespace) -> int:
    from ..paths import data_dir
    from ..plots import write_report

    results = Path(args.results) if args.results else data_dir("benchmarks") / "results.json"
    out = Path(args.output_dir) if args.output_dir else data_dir("benchmarks") / "report"
    if not results.exists():
        raise NewsbenchError(f"{results} does not exist; run 'newsbench bench' first")
    written = write_report(results, out)
    for path in written:
        print(path, file=sys.stderr)
    return 0
