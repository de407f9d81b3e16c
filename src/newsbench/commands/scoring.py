"""``newsbench score``, ``align`` and ``agreement``: predictions against gold, text-only predictions to offsets,
and agreement between annotators of a Label Studio export."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ._common import add_quiet, print_problems, progress


def register(sub: Any) -> None:
    p = sub.add_parser(
        "score", help="score predictions against gold, layer by layer",
        description="Score predicted documents (JSONL, same schema as gold; items may carry `score`; spans may be "
                    "text-only and are aligned first) against gold. Documents missing from the predictions count "
                    "as empty (with a warning naming them); predicted documents unknown to gold are an error. "
                    "Prints a table, or the full report with --json. Exit 1 when the predictions had problems.",
        epilog="example: newsbench score --pred preds.jsonl --gold corpus --split test --layers mentions quotes",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pred", required=True, metavar="PRED.jsonl", help="predicted documents (.jsonl or .json)")
    p.add_argument("--gold", default="corpus", metavar="corpus|FILE",
                   help="'corpus' (the built corpus, default) or a JSON/JSONL file of gold documents")
    p.add_argument("--split", default="test", help="corpus split to score against (default: test; ignored for files)")
    p.add_argument("--layers", nargs="+", metavar="LAYER",
                   help="layers to score: mentions clusters events quotes stances (default: all)")
    p.add_argument("--all-forms", action="store_true",
                   help="score nominal and pronoun mentions too (default: named mentions only)")
    p.add_argument("--bootstrap", type=int, default=1000, metavar="N", help="bootstrap resamples (0: no intervals)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    p.add_argument("--breakdowns", action="store_true", help="table: also per label, form, subset and phenomenon")
    p.add_argument("--json", action="store_true", help="print the full JSON report on stdout")
    p.add_argument("--output", "-o", help="write the report here instead of stdout")
    add_quiet(p)
    p.set_defaults(run=run_score)

    p = sub.add_parser(
        "align", help="turn text-only predictions into offset predictions",
        description="Align prediction spans that carry only `text` (and optionally `hint`, a sentence or nearby "
                    "context) to offsets in the gold text: exact occurrence after normalising quotes and "
                    "whitespace, disambiguated by the hint, then by order of appearance. What cannot be placed is "
                    "dropped and reported, never guessed. Exit 1 when records were invalid.",
        epilog="example: newsbench align llm_output.jsonl --gold corpus --split test -o preds.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("pred", metavar="PRED.jsonl", help="prediction records, text-only spans allowed")
    p.add_argument("--gold", default="corpus", metavar="corpus|FILE", help="'corpus' (default) or a gold file")
    p.add_argument("--split", default="test", help="corpus split (default: test)")
    p.add_argument("--output", "-o", default="-", help="where to write aligned JSONL ('-' = stdout, the default)")
    p.add_argument("--json", action="store_true", help="print problems and counts as JSON on stderr")
    p.set_defaults(run=run_align)

    p = sub.add_parser(
        "agreement", help="agreement between annotators of a Label Studio export",
        description="Score every pair of annotators who annotated the same task, layer by layer, with the same "
                    "scorers as systems (one as gold; F1 is symmetric), plus Cohen's kappa per pair and "
                    "Krippendorff's alpha over all annotators on the labels of matched items. Problems in the "
                    "export are printed on stderr (exit 1); the readable annotations are still compared.",
        epilog="example: newsbench agreement annotations/export.json --json",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("export", metavar="EXPORT.json", help="a raw Label Studio JSON export")
    p.add_argument("--layers", nargs="+", metavar="LAYER", help="layers to compare (default: all)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(run=run_agreement)


def _gold(spec: str, split: str) -> list[Any]:
    if spec == "corpus":
        from ..corpus import documents

        return documents(split)
    from ..records import read_jsonl

    return read_jsonl(spec)


def read_predictions(path: str, gold: list[Any]) -> tuple[list[Any], list[Any], dict[str, Any] | None]:
    """Predicted documents from a file, aligning text-only records; (documents, problems, aligner counts)."""
    from ..align import align_documents, needs_alignment
    from ..records import read_records
    from ..validation import validate_records

    records, problems = read_records(path)
    plain = [item for item in records if not needs_alignment(item[1])]
    text_only = [item for item in records if needs_alignment(item[1])]
    docs, found = validate_records(plain)
    problems.extend(found)
    stats = None
    if text_only:
        aligned, found, stats = align_documents(text_only, {d.id: d for d in gold})
        docs.extend(aligned)
        problems.extend(found)
    return docs, problems, stats


def run_score(args: argparse.Namespace) -> int:
    from ..problems import errors_only
    from ..scoring import format_table, score

    gold = _gold(args.gold, args.split)
    pred, problems, stats = read_predictions(args.pred, gold)
    print_problems(problems)
    if stats is not None:
        print(f"aligned text-only predictions: {stats['aligned']} span(s) placed, {stats['unaligned']} unaligned "
              f"(dropped), {stats['by_hint']} by hint", file=sys.stderr)
    report = score(gold=gold, pred=pred, layers=args.layers, bootstrap=args.bootstrap, seed=args.seed,
                   forms=None if args.all_forms else ("NAM",),
                   progress=lambda items: progress(items, "scoring", total=len(gold), quiet=args.quiet))
    if stats is not None:
        report["alignment"] = stats
    if report["missing_predictions"]:
        missing = report["missing_predictions"]
        shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
        print(f"warning: {len(missing)} gold document(s) have no prediction and score as empty: {shown}",
              file=sys.stderr)
    text = json.dumps(report, ensure_ascii=False, indent=1) if args.json else \
        format_table(report, breakdowns=args.breakdowns)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    else:
        print(text)
    return 1 if errors_only(problems) else 0


def run_align(args: argparse.Namespace) -> int:
    from ..align import align_documents
    from ..problems import errors_only
    from ..records import read_records, write_jsonl

    gold = _gold(args.gold, args.split)
    records, problems = read_records(args.pred)
    docs, found, stats = align_documents(records, {d.id: d for d in gold})
    problems.extend(found)
    write_jsonl(docs, args.output)
    if args.json:
        json.dump({"problems": [p.to_dict() for p in problems], "counts": stats}, sys.stderr, ensure_ascii=False,
                  indent=1)
        sys.stderr.write("\n")
    else:
        print_problems(problems)
        print(f"{stats['records']} record(s), {stats['documents']} aligned document(s): {stats['aligned']} span(s) "
              f"placed ({stats['by_hint']} by hint), {stats['already_aligned']} had offsets, {stats['unaligned']} "
              f"unaligned and dropped", file=sys.stderr)
    return 1 if errors_only(problems) else 0


def run_agreement(args: argparse.Namespace) -> int:
    from ..agreement import by_annotator, format_agreement, pairwise_agreement
    from ..problems import NewsbenchError, errors_only

    try:
        from ..labelstudio.export import read_export
    except ImportError as exc:
        raise NewsbenchError("reading Label Studio exports (newsbench.labelstudio.export.read_export) is not "
                             "available in this installation") from exc
    result = read_export(args.export)
    print_problems(result.problems)
    agreement = pairwise_agreement(by_annotator(result.annotations), layers=args.layers)
    print(json.dumps(agreement, ensure_ascii=False, indent=1) if args.json else format_agreement(agreement))
    return 1 if errors_only(result.problems) else 0
