"""A small real corpus for baseline tests: the committed gold drafts resolved against their seeds, built into a
temporary corpus folder with a fixed split assignment (no Label Studio needed)."""

from __future__ import annotations

import json
from pathlib import Path

from newsbench.authoring import draft_to_document
from newsbench.build import build_from_documents
from newsbench.ingest import ingest
from newsbench.model import Document

ROOT = Path(__file__).resolve().parent.parent


def draft_documents(limit: int | None = None) -> list[Document]:
    """Gold documents from annotations/drafts/*.json (sorted by id), resolved against seeds/."""
    base = {d.id: d for d in ingest([ROOT / "seeds"])[0]}
    out = []
    for path in sorted((ROOT / "annotations" / "drafts").glob("*.json")):
        draft = json.loads(path.read_text(encoding="utf-8"))
        if draft.get("id") not in base:
            continue
        doc, problems = draft_to_document(draft, base[draft["id"]], str(path))
        if doc is not None and not [p for p in problems if p.severity == "error"]:
            out.append(doc)
    return out[:limit] if limit else out


def build_small_corpus(out: Path, docs: list[Document]) -> dict[str, str]:
    """Every third document in test, the next in validation, the rest in train; returns the assignment."""
    split_of = {d.id: ("test" if i % 3 == 0 else "validation" if i % 3 == 1 else "train")
                for i, d in enumerate(sorted(docs, key=lambda d: d.id))}
    build_from_documents(docs, out, split_of=split_of, quiet=True, workers=1)
    return split_of
