"""Annotation drafts: a human-writable form of a document's layers, with spans given as text anchors.

Annotators who write (rather than click) annotations give each span as the text it covers: ``"Blinken"`` when
the text occurs once, ``"Blinken#3"`` for its third occurrence (1-based, counting every occurrence), or an
explicit ``{"start": s, "end": e}``. ``draft_to_document`` resolves the anchors against the ingested seed and
returns a canonical document plus problems (ambiguous or missing anchors, then the usual validation).
Drafts are working material: gold enters the corpus only through Label Studio exports.

    python -m newsbench.authoring DRAFT.json [...] --seeds seeds --output drafts.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .model import Document
from .problems import Problem, pointer
from .records import to_record

_DEFAULTS: dict[str, Any] = {"polarity": "POSITIVE", "tense": "UNSPECIFIED", "genericity": "SPECIFIC", "modality": "ASSERTED",
             "mode": None, "arguments": []}


def occurrences(text: str, phrase: str) -> list[int]:
    """Start offsets of every occurrence of ``phrase`` (overlapping ones included)."""
    out, i = [], text.find(phrase)
    while i != -1 and phrase:
        out.append(i)
        i = text.find(phrase, i + 1)
    return out


class _Resolver:
    def __init__(self, doc: Document, source: str):
        self.doc, self.source, self.problems = doc, source, []  # type: ignore[var-annotated]

    def span(self, anchor: Any, at: tuple[Any, ...]) -> dict[str, Any] | None:
        text = self.doc.text
        if isinstance(anchor, dict) and {"start", "end"} <= set(anchor):
            s, e = anchor["start"], anchor["end"]
            return {"start": s, "end": e, "text": text[s:e]}
        if not isinstance(anchor, str) or not anchor:
            self._add(at, "draft-bad-anchor", f"expected a text anchor or {{start, end}}, got {anchor!r}")
            return None
        phrase, nth = anchor, None
        head, sep, tail = anchor.rpartition("#")
        if sep and head and tail.isdigit():
            phrase, nth = head, int(tail)
        starts = occurrences(text, phrase)
        if not starts:
            self._add(at, "draft-anchor-not-found", f"{phrase!r} does not occur in the text; copy it exactly "
                                                    f"(curly quotes and dashes included)")
            return None
        if nth is None and len(starts) > 1:
            self._add(at, "draft-anchor-ambiguous", f"{phrase!r} occurs {len(starts)} times; write "
                                                    f"'{phrase}#N' with N from 1 to {len(starts)}")
            return None
        if nth is not None and not 1 <= nth <= len(starts):
            self._add(at, "draft-anchor-not-found", f"{phrase!r} occurs {len(starts)} times, not {nth}")
            return None
        s = starts[(nth or 1) - 1]
        return {"start": s, "end": s + len(phrase), "text": phrase}

    def _add(self, at: tuple[Any, ...], code: str, message: str) -> None:
        self.problems.append(Problem(self.doc.id, pointer(*at), code, message, self.source))


def draft_to_document(draft: dict[str, Any], base: Document, source: str = "draft") -> tuple[Document | None,
                                                                                              list[Problem]]:
    """Resolve a draft against the ingested ``base`` document; (document or None, problems)."""
    from .validation import validate_record

    r = _Resolver(base, source)
    rec = to_record(base.without_annotations())
    rec["mentions"] = []
    for i, m in enumerate(draft.get("mentions", [])):
        s = r.span(m.get("span"), ("mentions", i, "span"))
        if s:
            rec["mentions"].append({"id": m["id"], **s, "label": m["label"], "form": m.get("form", "NAM")})
    rec["clusters"] = [{"id": c["id"], "name": c["name"], "members": c["members"], "wikidata": c.get("wikidata")}
                       for c in draft.get("clusters", [])]
    rec["events"] = []
    for i, e in enumerate(draft.get("events", [])):
        s = r.span(e.get("trigger"), ("events", i, "trigger"))
        if s:
            ev = {**_DEFAULTS, **{k: v for k, v in e.items() if k != "trigger"}, "trigger": s}
            rec["events"].append(ev)
    rec["event_clusters"] = list(draft.get("event_clusters", []))
    rec["quotes"] = []
    for i, q in enumerate(draft.get("quotes", [])):
        content = [r.span(a, ("quotes", i, "content", j)) for j, a in enumerate(q.get("content", []))]
        cue = r.span(q["cue"], ("quotes", i, "cue")) if q.get("cue") else None
        if all(content):
            rec["quotes"].append({"id": q["id"], "kind": q["kind"], "content": content, "cue": cue,
                                  "speaker": q.get("speaker"), "parent": q.get("parent")})
    rec["stances"] = []
    for i, st in enumerate(draft.get("stances", [])):
        ev = st.get("evidence", {})
        spans = [r.span(a, ("stances", i, "evidence", "spans", j)) for j, a in enumerate(ev.get("spans", []))]
        target = {"kind": st["target"]["kind"], "ref": st["target"].get("ref"), "topic": st["target"].get("topic")}
        rec["stances"].append({"id": st["id"], "holder": st["holder"], "target": target,
                               "polarity": st["polarity"],
                               "evidence": {"quotes": ev.get("quotes", []), "spans": [x for x in spans if x]}})
    if draft.get("provenance"):
        rec["provenance"] = draft["provenance"]
    if r.problems:
        return None, r.problems
    doc, problems = validate_record(rec, source)
    return doc, problems


def main(argv: list[str] | None = None) -> int:
    from .ingest import ingest

    ap = argparse.ArgumentParser(prog="python -m newsbench.authoring", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("drafts", nargs="+", help="draft JSON files (one document each, keyed by the seed's id)")
    ap.add_argument("--seeds", default="seeds", help="seed folder (default: seeds)")
    ap.add_argument("--output", "-o", default="-", help="JSONL output ('-' = stdout)")
    args = ap.parse_args(argv)
    base_docs, problems = ingest([args.seeds])
    by_id = {d.id: d for d in base_docs}
    out = []
    for path in args.drafts:
        draft = json.loads(Path(path).read_text(encoding="utf-8"))
        base = by_id.get(draft.get("id"))
        if base is None:
            problems.append(Problem(draft.get("id"), "/id", "draft-unknown-document",
                                    f"no seed with id {draft.get('id')!r} in {args.seeds}", path))
            continue
        doc, found = draft_to_document(draft, base, path)
        problems.extend(found)
        if doc is not None:
            out.append(doc)
    lines = [json.dumps(to_record(d), ensure_ascii=False) for d in out]
    if args.output == "-":
        sys.stdout.write("".join(line + "\n" for line in lines))
    else:
        Path(args.output).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    for p in problems:
        print(p.render(), file=sys.stderr)
    print(f"{len(out)} document(s), {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
