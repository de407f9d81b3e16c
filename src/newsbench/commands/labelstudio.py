"""``newsbench labelstudio config|tasks|import|push|pull|annotate|serve``: the Label Studio round trip."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from ..problems import UsageError
from ._common import add_quiet, emit, print_problems, progress

_RAW = argparse.RawDescriptionHelpFormatter


def register(sub: Any) -> None:
    ls = sub.add_parser(
        "labelstudio", help="Label Studio: labeling config, tasks out, exports in, a live server",
        description="Everything between newsbench documents and Label Studio. The API token of push, pull and "
                    "annotate is read from LABEL_STUDIO_API_KEY only, and never printed.",
        epilog="examples:\n  newsbench labelstudio config\n"
               "  newsbench labelstudio import annotations/export.json --output gold.jsonl\n"
               "  LABEL_STUDIO_API_KEY=... newsbench labelstudio push docs.jsonl --url http://127.0.0.1:8080",
        formatter_class=_RAW)
    ls.set_defaults(run=lambda args: (ls.print_help(sys.stderr), 2)[1])
    cmd = ls.add_subparsers(dest="labelstudio_command", metavar="SUBCOMMAND")

    p = cmd.add_parser("config", help="write the labeling config generated from the schema",
                       description="Generate the Label Studio labeling config from the schema's inventories and "
                                   "write it to schema/label_config.xml (or --output). --check only compares.",
                       epilog="example: newsbench labelstudio config --check")
    p.add_argument("--output", "-o", help="where to write ('-' = stdout; default schema/label_config.xml)")
    p.add_argument("--check", action="store_true", help="exit 1 when the committed config is out of date")
    p.set_defaults(run=run_config)

    p = cmd.add_parser("tasks", help="write Label Studio import JSON for documents (optionally with predictions)",
                       description="Turn documents into Label Studio tasks: data.text, data.id, data.metadata and "
                                   "data.passages, plus pre-annotations from a predictions file or a baseline.",
                       epilog="example: newsbench labelstudio tasks docs.jsonl --predictions pred.jsonl "
                              "--model-version rules-1 --output tasks.json")
    p.add_argument("docs", metavar="DOCS.jsonl")
    _prediction_args(p)
    p.add_argument("--output", "-o", default="-", help="where to write the task list ('-' = stdout)")
    p.set_defaults(run=run_tasks)

    p = cmd.add_parser("import", help="convert a raw JSON export into canonical documents",
                       description="Read a raw Label Studio JSON export (streamed), pick each task's gold "
                                   "annotation by --policy, convert and validate it. Every skipped item is "
                                   "counted and every problem reported on stderr. Exit 1 when there are problems "
                                   "(the valid documents are still written); --strict writes nothing then.",
                       epilog="example: newsbench labelstudio import annotations/export.json --output gold.jsonl "
                              "--annotations-output all.jsonl --workers 2",
                       formatter_class=_RAW)
    p.add_argument("export", metavar="EXPORT.json")
    p.add_argument("--output", "-o", default="-", help="gold documents as JSONL ('-' = stdout)")
    p.add_argument("--annotations-output", help="every annotator's version as JSONL (for agreement)")
    from ..labelstudio.export import DEFAULT_POLICY, POLICIES

    p.add_argument("--policy", default=DEFAULT_POLICY, choices=list(POLICIES),
                   help="which annotation is gold: " + "; ".join(f"{k}: {v}" for k, v in POLICIES.items()))
    p.add_argument("--repair-utf16", action="store_true",
                   help="convert UTF-16 offsets written by old Label Studio versions instead of rejecting them")
    p.add_argument("--strict", action="store_true", help="fail on any problem (warnings too), write nothing")
    p.add_argument("--workers", type=_positive, default=1, metavar="N",
                   help="convert the export in N processes (byte ranges of it; the output is the same as with 1). "
                        "Default 1; 2 uses both cores of a two-core machine")
    p.add_argument("--json", action="store_true", help="report counts and problems as JSON on stderr")
    add_quiet(p)
    p.set_defaults(run=run_import)

    p = cmd.add_parser("push", help="create or update a project and import tasks into a running server",
                       description="Create a project with the generated config (or update --project's config) "
                                   "and import the documents as tasks, with predictions when given.",
                       epilog="example: LABEL_STUDIO_API_KEY=... newsbench labelstudio push docs.jsonl "
                              "--url http://127.0.0.1:8080 --title 'newsbench batch 1'")
    p.add_argument("docs", metavar="DOCS.jsonl")
    _server_args(p, project_required=False)
    p.add_argument("--title", default="newsbench", help="title of a new project (at least 3 characters)")
    _prediction_args(p)
    p.set_defaults(run=run_push)

    p = cmd.add_parser("pull", help="download a snapshot export (all tasks, full objects) into annotations/",
                       description="Create a snapshot export of every task with full predictions, drafts and "
                                   "annotators, and download it.",
                       epilog="example: LABEL_STUDIO_API_KEY=... newsbench labelstudio pull --url "
                              "http://127.0.0.1:8080 --project 3 --output annotations/batch1.json")
    _server_args(p, project_required=True)
    p.add_argument("--output", "-o", help="where to save (default annotations/project-<ID>.json)")
    p.set_defaults(run=run_pull)

    p = cmd.add_parser("annotate", help="create annotations from canonical documents through the API",
                       description="Create one annotation per document on the task with the same data.id, as the "
                                   "user --annotator (created when missing). Used by tests and to record gold.",
                       epilog="example: LABEL_STUDIO_API_KEY=... newsbench labelstudio annotate --url "
                              "http://127.0.0.1:8080 --project 3 --input gold.jsonl --annotator lead@example.com "
                              "--ground-truth")
    _server_args(p, project_required=True)
    p.add_argument("--input", "-i", required=True, metavar="DOCS.jsonl")
    p.add_argument("--annotator", required=True, metavar="EMAIL")
    p.add_argument("--ground-truth", action="store_true", help="flag the annotations as ground truth")
    p.add_argument("--cancelled", action="store_true", help="record skipped (cancelled) annotations instead")
    p.set_defaults(run=run_annotate)

    p = cmd.add_parser("serve", help="start a local offline Label Studio server",
                       description="Start Label Studio (its own venv, installed on first use) on 127.0.0.1 with "
                                   "--data-dir, offline (no telemetry, no version check). The admin's API token "
                                   "is LABEL_STUDIO_API_KEY when the data dir is new. Stops on Ctrl-C.",
                       epilog="example: LABEL_STUDIO_API_KEY=my-token newsbench labelstudio serve "
                              "--data-dir ~/ls-data --port 8080")
    p.add_argument("--data-dir", required=True, type=Path)
    p.add_argument("--port", type=int, default=8080)
    p.set_defaults(run=run_serve)


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return n


def _server_args(p: Any, project_required: bool) -> None:
    p.add_argument("--url", required=True, help="the server, e.g. http://127.0.0.1:8080")
    p.add_argument("--project", type=int, required=project_required, help="project id")


def _prediction_args(p: Any) -> None:
    p.add_argument("--predictions", metavar="PRED.jsonl", help="predicted documents to pre-annotate with")
    p.add_argument("--baseline", metavar="NAME", help="pre-annotate with a registered baseline instead")
    p.add_argument("--model-version", help="model_version of the predictions (default: the baseline's name)")


def _predictions(args: argparse.Namespace, docs: list[Any]) -> Any:
    from ..records import read_jsonl

    if args.predictions and args.baseline:
        raise UsageError("give --predictions or --baseline, not both")
    if args.predictions:
        return {d.id: d for d in read_jsonl(args.predictions)}
    if args.baseline:
        try:
            from ..baselines import get_extractor
        except ImportError as exc:
            raise UsageError(f"baselines are not available in this install: {exc}") from exc
        extractor = get_extractor(args.baseline)
        args.model_version = args.model_version or args.baseline
        return {d.id: extractor.extract(d.without_annotations()) for d in docs}
    return None


def run_config(args: argparse.Namespace) -> int:
    from ..labelstudio.config import config_path, label_config, write_label_config

    if args.check:
        path = Path(args.output) if args.output else config_path()
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != label_config():
            print(f"{path} is out of date with the schema; run `newsbench labelstudio config`", file=sys.stderr)
            return 1
        print(f"{path} is current", file=sys.stderr)
        return 0
    if args.output == "-":
        sys.stdout.write(label_config())
        return 0
    path = write_label_config(Path(args.output) if args.output else None)
    print(f"wrote {path}", file=sys.stderr)
    return 0


def run_tasks(args: argparse.Namespace) -> int:
    from ..labelstudio.tasks import make_tasks
    from ..records import read_jsonl

    docs = read_jsonl(args.docs)
    tasks = make_tasks(docs, _predictions(args, docs), args.model_version)
    text = json.dumps(tasks, ensure_ascii=False, indent=1) + "\n"
    emit(text, args.output)
    print(f"wrote {len(tasks)} task(s)", file=sys.stderr)
    return 0


def summary(counts: dict[str, int]) -> str:
    c = counts
    return (f"{c['tasks']} task(s): {c['documents']} gold document(s); {c['annotations']} annotation(s) "
            f"({c['cancelled']} cancelled skipped, {c['annotations_rejected']} rejected); {c['drafts']} draft(s) and "
            f"{c['predictions']} prediction(s) not imported; {c['tasks_without_annotations']} task(s) without "
            f"annotations, {c['tasks_rejected']} task(s) rejected; results: {c['results_converted']} converted, "
            f"{c['results_rejected']} rejected; {c['json_errors']} JSON error(s)")


def run_import(args: argparse.Namespace) -> int:
    from ..labelstudio.export import convert_export
    from ..problems import errors_only

    if not Path(args.export).is_file():
        raise UsageError(f"{args.export}: no such file")

    def keep(problems: list[Any]) -> bool:
        return not (args.strict and problems)

    problems, counts = convert_export(args.export, args.output, args.annotations_output, policy=args.policy,
                                      repair_utf16=args.repair_utf16, keep=keep, workers=args.workers,
                                      wrap=lambda tasks: progress(tasks, "tasks", quiet=args.quiet))
    failed = bool(problems) if args.strict else bool(errors_only(problems))
    if args.json:
        json.dump({"counts": counts, "problems": [p.to_dict() for p in problems]}, sys.stderr,
                  ensure_ascii=False, indent=1)
        sys.stderr.write("\n")
    else:
        print_problems(problems)
        print(summary(counts) + f"; {len(problems)} problem(s)", file=sys.stderr)
        if args.strict and problems:
            print("--strict: nothing written", file=sys.stderr)
    return 1 if failed else 0


def run_push(args: argparse.Namespace) -> int:
    from ..labelstudio.client import connect, push
    from ..records import read_jsonl

    if len(args.title) < 3:
        raise UsageError("--title needs at least 3 characters (a Label Studio rule)")
    docs = read_jsonl(args.docs)
    preds = _predictions(args, docs)
    client = connect(args.url)
    project, n = push(client, docs, title=args.title, project=args.project, predictions=preds,
                      model_version=args.model_version)
    print(json.dumps({"project": project, "tasks": n}))
    print(f"project {project}: imported {n} task(s)", file=sys.stderr)
    return 0


def run_pull(args: argparse.Namespace) -> int:
    from ..labelstudio.client import connect, pull
    from ..paths import data_dir

    out = Path(args.output) if args.output else data_dir("annotations") / f"project-{args.project}.json"
    client = connect(args.url)
    pull(client, args.project, out)
    print(out)
    return 0


def run_annotate(args: argparse.Namespace) -> int:
    from ..labelstudio.client import annotate, connect
    from ..records import read_jsonl

    docs = read_jsonl(args.input)
    client = connect(args.url)
    counts = annotate(client, args.project, docs, args.annotator, ground_truth=args.ground_truth,
                      cancelled=args.cancelled)
    print(json.dumps(counts))
    print(f"created {counts['created']} annotation(s); {counts['no_task']} document(s) had no task",
          file=sys.stderr)
    return 1 if counts["no_task"] else 0


def run_serve(args: argparse.Namespace) -> int:
    import secrets
    import signal

    from ..labelstudio import server
    from ..labelstudio.client import TOKEN_VARIABLE

    token = os.environ.get(TOKEN_VARIABLE)
    if not token or len(token) < 6:
        raise UsageError(f"set {TOKEN_VARIABLE} (more than 5 characters): it becomes the admin's API token")
    password = os.environ.get("NEWSBENCH_LS_PASSWORD") or secrets.token_urlsafe(12)
    print("starting Label Studio (the first start installs it and migrates its database; this can take "
          "minutes)...", file=sys.stderr)
    # no shared template here: the template's token and password are baked in when its database is created
    srv = server.start(args.data_dir.resolve(), token=token, password=password, port=args.port, timeout=900,
                       template=False)
    print(srv.url)
    print(f"admin user {server.ADMIN_EMAIL}; log {srv.log_path}; stop with Ctrl-C", file=sys.stderr)
    if not os.environ.get("NEWSBENCH_LS_PASSWORD"):
        print(f"UI password of this data dir's first start: {password} (set NEWSBENCH_LS_PASSWORD to choose it)",
              file=sys.stderr)
    sys.stdout.flush()
    try:
        signal.signal(signal.SIGTERM, _interrupt)
        srv.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        srv.stop()
    return 0


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # SIGTERM stops the server like Ctrl-C does
