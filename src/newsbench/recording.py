"""Record the corpus gold through a real Label Studio server: drafts in, a raw export in annotations/ out.

Annotators of this corpus write drafts (annotations/drafts/<id>.json: the gold, or the first annotator's work;
annotations/drafts/<dir>/<id>.json: further annotators, e.g. the independent second annotation; each draft names
its annotator in ``provenance.annotator``). This module starts a local offline server, creates a project from the
generated labeling config, imports one task per drafted seed, creates every annotator's annotation through the API
(the top-level draft of a document annotated more than once is the adjudicated one and carries the ground-truth
flag), and pulls a snapshot export: the file ``newsbench build`` reads. Nothing is written when any draft fails.

    python -m newsbench.recording --output annotations/newsbench-gold.json
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from .authoring import draft_to_document
from .ingest import ingest
from .model import Document
from .paths import data_dir
from .problems import Problem, ValidationFailed


def read_drafts(drafts: Path, seeds: Path) -> tuple[list[tuple[str, Document, bool]], list[Problem]]:
    """(annotator, resolved document, from a top-level draft) for every draft under ``drafts`` (one sub-folder
    level), in file order."""
    base_docs, problems = ingest([seeds])
    by_id = {d.id: d for d in base_docs}
    out: list[tuple[str, Document, bool]] = []
    for path in sorted(drafts.glob("*.json")) + sorted(drafts.glob("*/*.json")):
        draft = json.loads(path.read_text(encoding="utf-8"))
        where = path.as_posix()
        annotator = (draft.get("provenance") or {}).get("annotator")
        base = by_id.get(draft.get("id"))
        if base is None or not annotator:
            what = "names no provenance.annotator" if base is not None else f"has no seed {draft.get('id')!r}"
            problems.append(Problem(draft.get("id"), "/provenance/annotator" if base else "/id", "draft-unusable",
                                    f"the draft {what}; fix the draft", where))
            continue
        doc, found = draft_to_document(draft, base, where)
        problems.extend(found)
        if doc is not None:
            out.append((annotator, doc, path.parent == drafts))
    return out, problems


def ground_truth(drafted: list[tuple[str, Document, bool]]) -> set[tuple[str, str]]:
    """(annotator, document id) of the annotations to flag as ground truth: the top-level draft of every
    document annotated more than once (the adjudicated version)."""
    counts: dict[str, int] = defaultdict(int)
    for _, doc, _ in drafted:
        counts[doc.id] += 1
    return {(who, doc.id) for who, doc, top in drafted if top and counts[doc.id] > 1}


def record(drafts: Path, seeds: Path, output: Path, *, title: str = "newsbench gold") -> dict[str, int]:
    """Run the whole recording against a fresh local server; returns counts."""
    from .labelstudio import client as ls
    from .labelstudio import server

    drafted, problems = read_drafts(drafts, seeds)
    if problems:
        raise ValidationFailed(problems)
    flagged = ground_truth(drafted)
    by_annotator: dict[str, list[Document]] = defaultdict(list)
    for who, doc, _ in drafted:
        by_annotator[who].append(doc)
    docs = {doc.id: doc.without_annotations() for _, doc, _ in drafted}
    token, password = "newsbench-recording", secrets.token_urlsafe(12)
    counts = {"tasks": 0, "annotations": 0, "ground_truth": 0}
    with tempfile.TemporaryDirectory(prefix="newsbench-ls-") as tmp:
        srv = server.start(Path(tmp) / "data", token=token, password=password)
        try:
            client = ls.connect(srv.url, token)
            project, counts["tasks"] = ls.push(client, [docs[i] for i in sorted(docs)], title=title)
            for annotator in sorted(by_annotator):
                group = sorted(by_annotator[annotator], key=lambda d: d.id)
                for gt in (False, True):
                    batch = [d for d in group if ((annotator, d.id) in flagged) == gt]
                    if batch:
                        made = ls.annotate(client, project, batch, annotator, ground_truth=gt)
                        counts["annotations"] += made["created"]
                        counts["ground_truth"] += made["created"] if gt else 0
            ls.pull(client, project, output)
        finally:
            srv.stop()
    return counts


def main(argv: list[str] | None = None) -> int:
    root = data_dir("annotations").parent
    ap = argparse.ArgumentParser(prog="python -m newsbench.recording", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--drafts", type=Path, default=root / "annotations" / "drafts")
    ap.add_argument("--seeds", type=Path, default=root / "seeds")
    ap.add_argument("--output", type=Path, default=root / "annotations" / "newsbench-gold.json")
    args = ap.parse_args(argv)
    try:
        counts = record(args.drafts, args.seeds, args.output)
    except ValidationFailed as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"recorded {counts['tasks']} task(s), {counts['annotations']} annotation(s) "
          f"({counts['ground_truth']} ground truth) into {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
