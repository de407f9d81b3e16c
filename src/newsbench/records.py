"""Documents to and from JSON: the only code that knows the record field names.

``to_record``/``from_record`` convert between ``Document`` and the JSON shape defined by
schema/annotation.schema.json. ``from_record`` expects a structurally valid record (validate first).
The writer is deterministic: fixed key order, UTF-8, one document per line in JSONL.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from .model import (Argument, Cluster, Document, Event, EventCluster, Evidence, Mention, Metadata, Passage,
                    Provenance, Quote, Span, Stance, Target)
from .problems import NewsbenchError, Problem


def _span(s: Span) -> dict[str, Any]:
    return {"start": s.start, "end": s.end, "text": s.text}


def _scored(d: dict[str, Any], score: float | None) -> dict[str, Any]:
    if score is not None:
        d["score"] = score
    return d


def to_record(doc: Document) -> dict[str, Any]:
    """The canonical JSON record of a document."""
    rec: dict[str, Any] = {"id": doc.id, "text": doc.text}
    if doc.metadata is not None:
        m = doc.metadata
        rec["metadata"] = {"date": m.date, "source": m.source, "subset": m.subset, "title": m.title,
                           "language": m.language, "url": m.url, "license": m.license,
                           "phenomena": list(m.phenomena), "header_length": m.header_length,
                           "seed_file": m.seed_file}
    rec["passages"] = [{"id": p.id, "type": p.type, **_span(p.span)} for p in doc.passages]
    rec["mentions"] = [_scored({"id": m.id, **_span(m.span), "label": m.label, "form": m.form}, m.score)
                       for m in doc.mentions]
    rec["clusters"] = [_scored({"id": c.id, "name": c.name, "members": list(c.members), "wikidata": c.wikidata},
                               c.score) for c in doc.clusters]
    rec["events"] = [_scored({"id": e.id, "type": e.type, "trigger": _span(e.trigger),
                              "arguments": [_scored({"role": a.role, "mention": a.mention}, a.score)
                                            for a in e.arguments],
                              "polarity": e.polarity, "tense": e.tense, "genericity": e.genericity,
                              "modality": e.modality, "mode": e.mode}, e.score) for e in doc.events]
    rec["event_clusters"] = [_scored({"id": c.id, "members": list(c.members)}, c.score) for c in doc.event_clusters]
    rec["quotes"] = [_scored({"id": q.id, "kind": q.kind, "content": [_span(s) for s in q.content],
                              "cue": _span(q.cue) if q.cue else None, "speaker": q.speaker, "parent": q.parent},
                             q.score) for q in doc.quotes]
    rec["stances"] = [_scored({"id": s.id, "holder": s.holder,
                               "target": {"kind": s.target.kind, "ref": s.target.ref, "topic": s.target.topic},
                               "polarity": s.polarity,
                               "evidence": {"quotes": list(s.evidence.quotes),
                                            "spans": [_span(x) for x in s.evidence.spans]}}, s.score)
                      for s in doc.stances]
    if doc.provenance is not None:
        p = doc.provenance
        rec["provenance"] = {"origin": p.origin, "annotator": p.annotator, "file": p.file, "task": p.task,
                             "annotation": p.annotation, "model": p.model}
    return rec


def _to_span(d: dict[str, Any]) -> Span:
    return Span(d["start"], d["end"], d["text"])


def from_record(rec: dict[str, Any]) -> Document:
    """A document from a (structurally valid) JSON record; absent layers become empty."""
    md = rec.get("metadata")
    metadata = None
    if md is not None:
        metadata = Metadata(date=md["date"], source=md["source"], subset=md["subset"], title=md["title"],
                            language=md["language"], license=md["license"], phenomena=tuple(md["phenomena"]),
                            url=md.get("url"), header_length=md.get("header_length"), seed_file=md.get("seed_file"))
    pv = rec.get("provenance")
    provenance = Provenance(**{k: pv.get(k) for k in ("origin", "annotator", "file", "task", "annotation", "model")}) \
        if pv is not None else None
    return Document(
        id=rec["id"],
        text=rec["text"],
        metadata=metadata,
        passages=tuple(Passage(p["id"], p["type"], _to_span(p)) for p in rec.get("passages", ())),
        mentions=tuple(Mention(m["id"], _to_span(m), m["label"], m["form"], m.get("score"))
                       for m in rec.get("mentions", ())),
        clusters=tuple(Cluster(c["id"], c["name"], tuple(c["members"]), c.get("wikidata"), c.get("score"))
                       for c in rec.get("clusters", ())),
        events=tuple(Event(e["id"], e["type"], _to_span(e["trigger"]),
                           tuple(Argument(a["role"], a["mention"], a.get("score")) for a in e["arguments"]),
                           e["polarity"], e["tense"], e["genericity"], e["modality"], e.get("mode"), e.get("score"))
                     for e in rec.get("events", ())),
        event_clusters=tuple(EventCluster(c["id"], tuple(c["members"]), c.get("score"))
                             for c in rec.get("event_clusters", ())),
        quotes=tuple(Quote(q["id"], q["kind"], tuple(_to_span(s) for s in q["content"]),
                           _to_span(q["cue"]) if q.get("cue") else None, q.get("speaker"), q.get("parent"),
                           q.get("score")) for q in rec.get("quotes", ())),
        stances=tuple(Stance(s["id"], s["holder"],
                             Target(s["target"]["kind"], s["target"].get("ref"), s["target"].get("topic")),
                             s["polarity"],
                             Evidence(tuple(s["evidence"]["quotes"]),
                                      tuple(_to_span(x) for x in s["evidence"]["spans"])), s.get("score"))
                      for s in rec.get("stances", ())),
        provenance=provenance,
    )


def dumps(doc: Document) -> str:
    """One canonical JSON line (no trailing newline)."""
    return json.dumps(to_record(doc), ensure_ascii=False, separators=(",", ":"))


def write_jsonl(docs: Iterable[Document], path: str | Path) -> int:
    """Write documents as JSONL (``-`` for stdout); returns how many were written."""
    import sys

    n = 0
    if str(path) == "-":
        for doc in docs:
            sys.stdout.write(dumps(doc) + "\n")
            n += 1
        return n
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for doc in docs:
            fh.write(dumps(doc) + "\n")
            n += 1
    return n


def iter_json_records(path: str | Path) -> Iterator[tuple[str, Any, Problem | None]]:
    """Yield (where, record, problem) for each record of a JSON or JSONL file.

    A ``.json`` file holds one record or a list of records; anything else is read as JSONL. A line (or file) that
    is not JSON yields a ``json-syntax`` problem in place of a record, and reading goes on with the next line.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise NewsbenchError(f"{path}: cannot read: {exc.strerror}. Check the path.") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield str(path), None, Problem(None, "", "not-utf8",
                                       f"file is not UTF-8 (byte {exc.start}); re-save it as UTF-8", str(path))
        return
    if path.suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield str(path), None, Problem(None, "", "json-syntax",
                                           f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}",
                                           str(path))
            return
        items = data if isinstance(data, list) else [data]
        for i, item in enumerate(items):
            yield f"{path} item {i}", item, None
        return
    # Split on "\n" only: str.splitlines also breaks at U+2028, U+0085 and others, which JSON leaves unescaped
    # inside strings, so it would cut a record in two.
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            yield where, json.loads(line), None
        except json.JSONDecodeError as exc:
            yield where, None, Problem(None, "", "json-syntax",
                                       f"invalid JSON at column {exc.colno}: {exc.msg}", where)


def read_records(*paths: str | Path) -> tuple[list[tuple[str, Any]], list[Problem]]:
    """Every record of JSON/JSONL files as (where, record), and a problem for each unreadable file or line."""
    records: list[tuple[str, Any]] = []
    problems: list[Problem] = []
    for path in paths:
        for where, rec, problem in iter_json_records(path):
            if problem is not None:
                problems.append(problem)
            else:
                records.append((where, rec))
    return records, problems


def read_jsonl(path: str | Path) -> list[Document]:
    """Read and fully validate documents from JSON/JSONL; raises ValidationFailed on any problem."""
    from .validation import validate_records
    from .problems import ValidationFailed, errors_only

    records, problems = read_records(path)
    docs, found = validate_records(records)
    problems.extend(found)
    if errors_only(problems):
        raise ValidationFailed(errors_only(problems))
    return docs
