"""``newsbench build`` (seeds + Label Studio exports -> corpus/) and ``newsbench export`` (other formats)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ._common import add_quiet, print_problems

FORMATS = ("conll", "brat", "spacy", "jsonl")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "build", help="build corpus/ (parquet per config and split + dataset card) from seeds and exports",
        description="Read seeds/ and the Label Studio exports in annotations/, validate everything (any problem "
                    "fails the build with the full list, exit 1), assign splits (annotations/splits.json gains new "
                    "documents; existing ones never move) and write corpus/: one parquet file per config and split "
                    "and the generated README.md dataset card. Same inputs, same bytes. With --check nothing is "
                    "written: exit 1 when corpus/ is not what the inputs produce.",
        epilog="examples:\n  newsbench build\n  newsbench build --check\n  newsbench build --root . --output /tmp/corpus --json",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--root", default=".", help="repository folder holding seeds/ and annotations/ (default: .)")
    p.add_argument("--output", "-o", help="corpus folder to write (default: ROOT/corpus)")
    p.add_argument("--check", action="store_true", help="do not write; exit 1 when the corpus folder is stale")
    p.add_argument("--workers", type=int, help="processes for the ner stage (default: up to 2)")
    p.add_argument("--json", action="store_true", help="print the build summary (or the differences) as JSON")
    add_quiet(p)
    p.set_defaults(run=run_build)

    p = sub.add_parser(
        "export", help="write the gold documents as CoNLL, brat, a spaCy DocBin or JSONL",
        description="Export canonical documents (a split of the built corpus, or a JSONL file) to another format: "
                    "conll (CoNLL-2003 style NER over named mentions, '-DOCSTART-' per document), brat (one "
                    ".txt/.ann pair per document in the --output folder, all four layers), spacy (a DocBin file: "
                    "doc.ents plus span groups 'mentions', 'quotes', 'triggers'), jsonl (canonical records).",
        epilog="examples:\n  newsbench export --format conll --split test -o test.conll\n"
               "  newsbench export --format brat --output brat/\n"
               "  newsbench export --format spacy --input docs.jsonl --output docs.spacy",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--format", "-f", required=True, choices=FORMATS, help="output format")
    p.add_argument("--split", choices=("train", "validation", "test"), help="one split of the corpus (default: all)")
    p.add_argument("--input", "-i", metavar="DOCS.jsonl", help="export these documents instead of the corpus")
    p.add_argument("--corpus", metavar="DIR", help="corpus folder (default: the checkout's or installed corpus)")
    p.add_argument("--output", "-o", default="-",
                   help="output file ('-' = stdout, conll and jsonl only) or folder (brat)")
    p.add_argument("--json", action="store_true", help="print problems and counts as JSON on stderr")
    p.set_defaults(run=run_export)


def run_build(args: argparse.Namespace) -> int:
    from ..build import build, check
    from ..problems import UsageError, ValidationFailed

    root = Path(args.root)
    if not (root / "seeds").is_dir() and not (root / "annotations").is_dir():
        raise UsageError(f"{root.resolve()} has neither seeds/ nor annotations/; run in the repository or pass --root")
    out = Path(args.output) if args.output else None
    try:
        if args.check:
            differences = check(root, out, workers=args.workers)
            if args.json:
                print(json.dumps({"current": not differences, "differences": differences}, indent=1))
            else:
                for d in differences:
                    print(d, file=sys.stderr)
                print("corpus is current" if not differences else
                      f"corpus is stale ({len(differences)} difference(s)): run `newsbench build` and commit corpus/ "
                      f"and annotations/splits.json", file=sys.stderr)
            return 1 if differences else 0
        result = build(root, out, quiet=args.quiet, workers=args.workers)
    except ValidationFailed as exc:
        print_problems(exc.problems, as_json=args.json)
        print(f"build failed: {len(exc.problems)} problem(s); nothing was written", file=sys.stderr)
        return 1
    if result.warnings and not args.json:
        print_problems(result.warnings)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    print(result.summary(), file=sys.stderr)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from ..exporters import export
    from ..problems import UsageError

    if args.input and (args.split or args.corpus):
        raise UsageError("--input exports a file of documents; --split and --corpus select from the corpus: "
                         "give one or the other")
    if args.format in ("brat", "spacy") and args.output == "-":
        raise UsageError(f"--format {args.format} needs --output ({'a folder' if args.format == 'brat' else 'a file'})")
    if args.input:
        from ..records import read_jsonl

        docs = read_jsonl(args.input)
    else:
        from ..corpus import documents

        docs = documents(args.split, Path(args.corpus) if args.corpus else None)
    counts, problems = export(docs, args.format, args.output)
    if args.json:
        json.dump({"counts": counts, "problems": [p.to_dict() for p in problems]}, sys.stderr, indent=1)
        sys.stderr.write("\n")
    else:
        print_problems(problems)
        extra = ", ".join(f"{v} {k}" for k, v in counts.items() if k != "documents")
        print(f"exported {counts.get('documents', 0)} document(s) as {args.format}" + (f" ({extra})" if extra else ""),
              file=sys.stderr)
    return 0
