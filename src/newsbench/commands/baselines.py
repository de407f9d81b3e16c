"""``newsbench predict``, ``prompt`` and ``bench``: run a baseline, print an LLM prompt, benchmark every baseline."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._common import add_quiet, progress


def register(sub: Any) -> None:
    p = sub.add_parser(
        "predict", help="run a baseline over a corpus split or any documents",
        description="Run a baseline (rules, trained, spacy-pretrained, or one you registered in "
                    "newsbench.baselines.REGISTRY) and write its predictions as JSONL documents in the prediction "
                    "schema (they pass `newsbench validate`). Gold layers of the input are never shown to the model.",
        epilog="examples:\n  newsbench predict --baseline rules --split test --output pred.jsonl\n"
               "  newsbench ingest my-articles/ -o docs.jsonl && newsbench predict --baseline rules "
               "--input docs.jsonl -o pred.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--baseline", "-b", required=True, metavar="NAME", help="registered baseline name")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--split", choices=("train", "validation", "test"), help="a split of the built corpus")
    src.add_argument("--input", metavar="DOCS.jsonl", help="documents to annotate (e.g. from `newsbench ingest`)")
    p.add_argument("--output", "-o", default="-", help="where to write the JSONL ('-' = stdout, the default)")
    add_quiet(p)
    p.set_defaults(run=run_predict)

    p = sub.add_parser(
        "prompt", help="print the LLM prompt for a document",
        description="Print a self-contained prompt asking a language model for all four layers of one document as "
                    "JSON in the text-only prediction form (spans given by their text). Save the model's answers "
                    "one per line (newsbench.prompting.read_answer cleans a raw reply) and score them with "
                    "`newsbench score --pred answers.jsonl`, which aligns the spans to the text.",
        epilog="example: newsbench prompt blinken-wang-yi-2022-02-22 --input docs.jsonl > prompt.txt",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("doc_id", metavar="DOC_ID", help="document id")
    p.add_argument("--input", metavar="DOCS.jsonl", help="read the document from this file instead of the corpus")
    p.add_argument("--answer-form", action="store_true", help="print only the documented answer form")
    p.set_defaults(run=run_prompt)

    p = sub.add_parser(
        "bench", help="run and score every available baseline on the test split",
        description="Run every registered baseline that can run here on the test split (and validation), score "
                    "each with 95%% bootstrap intervals per layer and per subset, write benchmarks/results.md and "
                    "benchmarks/results.json (with software versions and the corpus hash) and print the table. "
                    "Unavailable baselines are listed as skipped with the reason.",
        epilog="example: newsbench bench --bootstrap 1000\n         newsbench bench --check   "
               "# exit 1 when the committed results differ",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--baselines", nargs="+", metavar="NAME", help="only these baselines (default: all registered)")
    p.add_argument("--bootstrap", type=int, default=1000, metavar="N", help="bootstrap resamples (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    p.add_argument("--output-dir", metavar="DIR", help="where to write results.{md,json} (default: benchmarks/)")
    p.add_argument("--corpus", metavar="DIR", help="a built corpus folder (default: the corpus in use)")
    p.add_argument("--check", action="store_true",
                   help="write nothing; compare with the results in the output folder and exit 1 if they differ")
    p.add_argument("--json", action="store_true", help="print the results JSON instead of the table")
    add_quiet(p)
    p.set_defaults(run=run_bench)


def run_predict(args: argparse.Namespace) -> int:
    from ..baselines import get_extractor, predict
    from ..records import read_jsonl, write_jsonl
    from ..validation import validate_document
    from ._common import print_problems

    if args.input:
        docs = read_jsonl(args.input)
    else:
        from ..corpus import documents

        docs = documents(args.split)
        if not docs:
            from ..problems import NewsbenchError

            raise NewsbenchError(f"the {args.split} split of the corpus has no documents; build the corpus first "
                                 f"(newsbench build) or give documents with --input")
    extractor = get_extractor(args.baseline)
    preds = list(predict(extractor, progress(docs, f"predict {args.baseline}", len(docs), args.quiet)))
    problems = [p for doc in preds for p in validate_document(doc)]
    n = write_jsonl(preds, args.output)
    print_problems(problems)
    print(f"{args.baseline}: predicted {n} document(s), {len(problems)} validation problem(s)", file=sys.stderr)
    return 1 if problems else 0


def run_prompt(args: argparse.Namespace) -> int:
    from ..problems import UsageError
    from ..prompting import answer_form, build_prompt

    if args.answer_form:
        print(answer_form())
        return 0
    if args.input:
        from ..records import read_jsonl

        docs = read_jsonl(args.input)
    else:
        from ..corpus import documents

        docs = documents(None)
    doc = next((d for d in docs if d.id == args.doc_id), None)
    if doc is None:
        where = args.input or "the corpus"
        known = ", ".join(d.id for d in docs[:5]) + (" ..." if len(docs) > 5 else "")
        raise UsageError(f"no document {args.doc_id!r} in {where} ({len(docs)} documents"
                         + (f": {known})" if docs else "; build the corpus with `newsbench build`)"))
    sys.stdout.write(build_prompt(doc))
    return 0


def run_bench(args: argparse.Namespace) -> int:
    import json

    from ..bench import run_bench as bench, to_markdown, write_results
    from ..paths import checkout_root

    log = (lambda msg: None) if args.quiet else (lambda msg: print(msg, file=sys.stderr))
    from pathlib import Path

    results = bench(corpus_dir=Path(args.corpus) if args.corpus else None, names=args.baselines,
                    bootstrap=args.bootstrap, seed=args.seed, log=log)

    root = checkout_root()
    out_dir = Path(args.output_dir) if args.output_dir else (root / "benchmarks" if root else Path("benchmarks"))
    if args.check:
        committed_path = out_dir / "results.json"
        if not committed_path.exists():
            print(f"{committed_path} does not exist; run `newsbench bench` to write it", file=sys.stderr)
            return 1
        committed = json.loads(committed_path.read_text(encoding="utf-8"))
        same = {k: v for k, v in committed.items() if k != "software"} == \
            json.loads(json.dumps({k: v for k, v in results.items() if k != "software"}))
        print("results match the committed ones" if same else
              f"results differ from {committed_path}: rerun `newsbench bench` and commit the result", file=sys.stderr)
        return 0 if same else 1
    js, md = write_results(results, out_dir)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1, sort_keys=True))
    else:
        print(to_markdown(results))
    print(f"wrote {md} and {js}", file=sys.stderr)
    return 0
