"""``newsbench ingest``, ``validate`` and ``schema``: seeds to documents, two-phase validation, the schema."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ._common import add_quiet, print_problems, progress


def register(sub: Any) -> None:
    p = sub.add_parser(
        "ingest", help="turn seed articles into documents (JSONL)",
        description="Turn seed files (' date YYYY-MM-DD ' header + body) into canonical documents. Broken seeds "
                    "are reported and the others are still written; exit 1 when any seed had a problem.",
        epilog="example: newsbench ingest seeds/ --output docs.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="DIR_OR_FILE", help="seed files or folders of *.txt seeds")
    p.add_argument("--output", "-o", default="-", help="where to write the JSONL ('-' = stdout, the default)")
    p.add_argument("--json", action="store_true", help="print problems as JSON on stderr")
    p.set_defaults(run=run_ingest)

    p = sub.add_parser(
        "validate", help="validate documents against the schema and the semantic checks",
        description="Validate JSON or JSONL documents in two phases (JSON Schema, then semantic checks) and "
                    "print every problem with its document, JSON Pointer and code. Exit 0 when valid, 1 otherwise.",
        epilog="example: newsbench validate docs.jsonl predictions.jsonl --json")
    p.add_argument("files", nargs="+", metavar="FILE", help=".json (one record or a list) or .jsonl files")
    p.add_argument("--json", action="store_true", help="print the problems as a JSON list on stdout")
    add_quiet(p)
    p.set_defaults(run=run_validate)

    p = sub.add_parser(
        "schema", help="print the annotation schema's path or content",
        description="Print the path of schema/annotation.schema.json, or the schema itself with --print.",
        epilog="example: newsbench schema --print | jq '.\"$defs\".event_type'")
    p.add_argument("--print", dest="show", action="store_true", help="print the schema instead of its path")
    p.set_defaults(run=run_schema)


def run_ingest(args: argparse.Namespace) -> int:
    from ..ingest import ingest
    from ..records import write_jsonl

    docs, problems = ingest(args.paths)
    n = write_jsonl(docs, args.output)
    print_problems(problems, as_json=args.json)
    print(f"ingested {n} document(s), {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


def run_validate(args: argparse.Namespace) -> int:
    from ..records import read_records
    from ..validation import validate_records

    records, problems = read_records(*args.files)
    docs, found = validate_records(progress(records, "validated", total=len(records), quiet=args.quiet))
    problems.extend(found)
    if args.json:
        json.dump([p.to_dict() for p in problems], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print_problems(problems)
    invalid = len(records) - len(docs)
    print(f"{len(records)} record(s): {len(docs)} valid, {invalid} invalid, {len(problems)} problem(s)",
          file=sys.stderr)
    return 1 if problems else 0


def run_schema(args: argparse.Namespace) -> int:
    from ..paths import schema_path

    if args.show:
        sys.stdout.write(schema_path().read_text(encoding="utf-8"))
    else:
        print(schema_path())
    return 0
