"""brat standoff export and reader: ``<id>.txt`` (the text, byte for byte) and ``<id>.ann`` with all four layers.

- ``T``: mentions (type = OntoNotes label), event triggers (type = event type), quotes (``Quote``, one
  annotation whose fragments are the content spans), cues (``Cue``) and stance evidence (``Evidence``). A span
  that crosses a line break is written as fragments around it, as brat requires.
- ``E``: events, ``TYPE:Ttrigger Role:Tmention ...`` (a repeated role is numbered, ``Actor2``, as brat does).
- ``R``: ``Speaker``, ``Cue`` and ``NestedIn`` of quotes; stances towards an entity or event as
  ``FAVOR``/``AGAINST``/``NEUTRAL`` from the holder's first mention.
- ``A``: ``Form`` of mentions, ``Polarity``/``Tense``/``Genericity``/``Modality``/``Mode`` of events, ``Kind`` of
  quotes. ``*``: ``Coref`` (entity clusters) and ``EventCoref`` (event clusters, over their triggers).
- ``#`` ``AnnotatorNotes`` carry, as JSON, what brat has no place for: our ids, cluster names and Wikidata ids,
  the exact content spans of quotes, stances (also towards topics) and scores. ``read`` uses them to give back
  the same document; without notes (a file from another tool) it falls back to the brat ids and lines.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any, Sequence

from ..model import (Argument, Cluster, Document, Event, EventCluster, Evidence, Mention, Quote, Span, Stance,
                     Target)
from ..problems import NewsbenchError, Problem

_BREAK = re.compile(r"[\r\n]+")
_ROLE_NUMBER = re.compile(r"\d+$")


def _fragments(text: str, s: Span) -> list[tuple[int, int]]:
    """The span cut around line breaks (brat forbids them inside a fragment)."""
    out, pos = [], s.start
    for m in _BREAK.finditer(text, s.start, s.end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < s.end:
        out.append((pos, s.end))
    return out or [(s.start, s.end)]


class _Writer:
    def __init__(self, doc: Document):
        self.doc = doc
        self.lines: list[str] = []
        self.notes: dict[str, dict[str, Any]] = defaultdict(dict)
        self.n = defaultdict(int)  # type: dict[str, int]

    def next_id(self, kind: str) -> str:
        self.n[kind] += 1
        return f"{kind}{self.n[kind]}"

    def t(self, kind: str, spans: Sequence[Span]) -> str:
        tid = self.next_id("T")
        frags = [f for s in spans for f in _fragments(self.doc.text, s)]
        where = ";".join(f"{a} {b}" for a, b in frags)
        text = " ".join(self.doc.text[a:b] for a, b in frags)
        self.lines.append(f"{tid}\t{kind} {where}\t{_BREAK.sub(' ', text)}")
        return tid

    def attr(self, name: str, target: str, value: str) -> None:
        self.lines.append(f"{self.next_id('A')}\t{name} {target} {value}")

    def relation(self, kind: str, arg1: str, arg2: str) -> str:
        rid = self.next_id("R")
        self.lines.append(f"{rid}\t{kind} Arg1:{arg1} Arg2:{arg2}")
        return rid


def _scored(note: dict[str, Any], score: float | None) -> dict[str, Any]:
    if score is not None:
        note["score"] = score
    return note


def to_brat(doc: Document) -> str:
    """The .ann content of a document (the .txt is ``doc.text`` itself)."""
    w = _Writer(doc)
    tm: dict[str, str] = {}
    for m in doc.mentions:
        tm[m.id] = w.t(m.label, [m.span])
        w.attr("Form", tm[m.id], m.form)
        w.notes[tm[m.id]].update(_scored({"id": m.id}, m.score))
    for rank, c in enumerate(doc.clusters):
        first = tm[c.members[0]]
        w.notes[first]["cluster"] = _scored({"id": c.id, "rank": rank, "name": c.name, "members": list(c.members),
                                             "wikidata": c.wikidata}, c.score)
        if len(c.members) > 1:
            w.lines.append("*\tCoref " + " ".join(tm[x] for x in c.members))
    te: dict[str, str] = {}
    trig: dict[str, str] = {}
    for e in doc.events:
        trig[e.id] = w.t(e.type, [e.trigger])
        eid = te[e.id] = w.next_id("E")
        seen: dict[str, int] = defaultdict(int)
        args = []
        for a in e.arguments:
            seen[a.role] += 1
            args.append(f"{a.role}{seen[a.role] if seen[a.role] > 1 else ''}:{tm[a.mention]}")
        w.lines.append(f"{eid}\t{e.type}:{trig[e.id]}" + "".join(" " + x for x in args))
        for name, value in (("Polarity", e.polarity), ("Tense", e.tense), ("Genericity", e.genericity),
                            ("Modality", e.modality), ("Mode", e.mode)):
            if value is not None:
                w.attr(name, eid, value)
        note = _scored({"id": e.id}, e.score)
        if any(a.score is not None for a in e.arguments):
            note["argument_scores"] = [a.score for a in e.arguments]
        w.notes[eid].update(note)
    for rank, k in enumerate(doc.event_clusters):
        w.notes[te[k.members[0]]]["event_cluster"] = _scored({"id": k.id, "rank": rank, "members": list(k.members)},
                                                             k.score)
        w.lines.append("*\tEventCoref " + " ".join(trig[x] for x in k.members))
    tq: dict[str, str] = {}
    for q in doc.quotes:
        tq[q.id] = w.t("Quote", q.content)
        w.attr("Kind", tq[q.id], q.kind)
        w.notes[tq[q.id]].update(_scored({"id": q.id, "spans": [[s.start, s.end] for s in q.content]}, q.score))
    for q in doc.quotes:
        if q.cue is not None:
            w.relation("Cue", tq[q.id], w.t("Cue", [q.cue]))
        if q.speaker is not None:
            w.relation("Speaker", tq[q.id], tm[q.speaker])
        if q.parent is not None:
            w.relation("NestedIn", tq[q.id], tq[q.parent])
    first_member = {c.id: tm[c.members[0]] for c in doc.clusters}
    for rank, s in enumerate(doc.stances):
        evidence = [w.t("Evidence", [x]) for x in s.evidence.spans]
        note = _scored({"id": s.id, "rank": rank, "holder": s.holder,
                        "target": {"kind": s.target.kind, "ref": s.target.ref, "topic": s.target.topic},
                        "polarity": s.polarity, "quotes": list(s.evidence.quotes), "evidence": evidence}, s.score)
        target = first_member.get(s.target.ref or "") if s.target.kind == "cluster" else \
            te.get(s.target.ref or "") if s.target.kind == "event" else None
        holder = first_member[s.holder]
        owner = w.relation(s.polarity, holder, target) if target is not None else holder
        w.notes[owner].setdefault("stances", []).append(note)
    for n, (annotation, note) in enumerate(w.notes.items(), 1):
        w.lines.append(f"#{n}\tAnnotatorNotes {annotation}\t{json.dumps(note, ensure_ascii=False, sort_keys=True)}")
    return "".join(line + "\n" for line in w.lines)


def write(docs: Sequence[Document], output: str) -> tuple[dict[str, int], list[Problem]]:
    """One .txt/.ann pair per document in the folder ``output``."""
    folder = Path(output)
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        with open(folder / f"{doc.id}.txt", "w", encoding="utf-8", newline="") as fh:
            fh.write(doc.text)
        with open(folder / f"{doc.id}.ann", "w", encoding="utf-8", newline="\n") as fh:
            fh.write(to_brat(doc))
    return {"documents": len(docs)}, []


# ------------------------------------------------------------------------------------------------- reader

def from_brat(text: str, ann: str, base: Document | None = None, doc_id: str = "doc") -> Document:
    """The document of a .txt/.ann pair; metadata and passages come from ``base`` when given."""
    tb: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    order: list[str] = []
    events: dict[str, tuple[str, str, list[tuple[str, str]]]] = {}
    attrs: dict[str, dict[str, str]] = defaultdict(dict)
    relations: list[tuple[str, str, str, str]] = []
    equivs: list[tuple[str, list[str]]] = []
    notes: dict[str, dict[str, Any]] = defaultdict(dict)
    for n, line in enumerate(ann.split("\n"), 1):
        if not line.strip():
            continue
        head, _, rest = line.partition("\t")
        try:
            if head.startswith("T"):
                kind, _, where = rest.split("\t", 1)[0].partition(" ")
                frags = [tuple(int(x) for x in f.split()) for f in where.split(";")]
                tb[head] = (kind, [(a, b) for a, b in frags])
                order.append(head)
            elif head.startswith("E"):
                parts = rest.split()
                etype, trigger = parts[0].split(":")
                events[head] = (etype, trigger, [tuple(p.split(":", 1)) for p in parts[1:]])  # type: ignore[misc]
                order.append(head)
            elif head.startswith("A") or head.startswith("M"):
                name, target, *value = rest.split()
                attrs[target][name] = value[0] if value else "true"
            elif head.startswith("R"):
                kind, arg1, arg2 = rest.split()
                relations.append((head, kind, arg1.split(":", 1)[1], arg2.split(":", 1)[1]))
            elif head == "*":
                kind, *members = rest.split()
                equivs.append((kind, members))
            elif head.startswith("#"):
                _, target = rest.split("\t", 1)[0].split()
                notes[target].update(json.loads(rest.split("\t", 1)[1]))
        except (ValueError, IndexError) as exc:
            raise NewsbenchError(f"line {n} of the .ann is not brat standoff ({exc}): {line[:80]!r}") from exc

    def span_of(tid: str) -> Span:
        frags = tb[tid][1]
        return Span.of(text, frags[0][0], frags[-1][1])

    def ident(aid: str) -> str:
        return notes[aid].get("id", aid)

    from ..schema import inventory

    labels = set(inventory().labels)
    mentions, mention_id = [], {}
    for tid in order:
        if tid in tb and tb[tid][0] in labels and not any(ev[1] == tid for ev in events.values()):
            mention_id[tid] = ident(tid)
            mentions.append(Mention(ident(tid), span_of(tid), tb[tid][0], attrs[tid].get("Form", "NAM"),
                                    notes[tid].get("score")))
    clusters = []
    noted = sorted((notes[tid]["cluster"] for tid in order if "cluster" in notes.get(tid, {})),
                   key=lambda c: c.get("rank", 0))
    if noted:
        clusters = [Cluster(c["id"], c["name"], tuple(c["members"]), c.get("wikidata"), c.get("score")) for c in noted]
    else:
        for i, (kind, members) in enumerate(x for x in equivs if x[0] == "Coref"):
            ms = [mention_id[m] for m in members]
            clusters.append(Cluster(f"c{i + 1}", text[span_of(members[0]).start:span_of(members[0]).end], tuple(ms)))
    evs, event_id = [], {}
    for eid, (etype, trigger, args) in events.items():
        event_id[eid] = ident(eid)
        scores = notes[eid].get("argument_scores") or [None] * len(args)
        a = attrs[eid]
        evs.append(Event(ident(eid), etype, span_of(trigger),
                         tuple(Argument(_ROLE_NUMBER.sub("", role), mention_id[ref], sc)
                               for (role, ref), sc in zip(args, scores)),
                         a.get("Polarity", "POSITIVE"), a.get("Tense", "UNSPECIFIED"), a.get("Genericity", "SPECIFIC"),
                         a.get("Modality", "ASSERTED"), a.get("Mode"), notes[eid].get("score")))
    event_clusters = [EventCluster(k["id"], tuple(k["members"]), k.get("score"))
                      for k in sorted((notes[eid]["event_cluster"] for eid in events if "event_cluster" in notes[eid]),
                                      key=lambda k: k.get("rank", 0))]
    by_kind: dict[str, dict[str, str]] = defaultdict(dict)
    for _, kind, arg1, arg2 in relations:
        by_kind[kind][arg1] = arg2
    quotes, quote_id = [], {}
    for tid in order:
        if tid in tb and tb[tid][0] == "Quote":
            quote_id[tid] = ident(tid)
    for tid, qid in quote_id.items():
        exact = notes[tid].get("spans")
        content = tuple(Span.of(text, a, b) for a, b in (exact or tb[tid][1]))
        cue = by_kind["Cue"].get(tid)
        speaker = by_kind["Speaker"].get(tid)
        parent = by_kind["NestedIn"].get(tid)
        quotes.append(Quote(qid, attrs[tid].get("Kind", "direct"), content, span_of(cue) if cue else None,
                            mention_id.get(speaker) if speaker else None, quote_id.get(parent) if parent else None,
                            notes[tid].get("score")))
    noted_stances = sorted((s for aid in [rid for rid, *_ in relations] + order
                            for s in notes.get(aid, {}).get("stances", ())), key=lambda s: s.get("rank", 0))
    stances = [Stance(s["id"], s["holder"], Target(s["target"]["kind"], s["target"].get("ref"), s["target"].get("topic")),
                      s["polarity"], Evidence(tuple(s["quotes"]), tuple(span_of(x) for x in s["evidence"])),
                      s.get("score")) for s in noted_stances]
    doc = Document(id=base.id if base else doc_id, text=text, metadata=base.metadata if base else None,
                   passages=base.passages if base else (), mentions=tuple(mentions), clusters=tuple(clusters),
                   events=tuple(evs), event_clusters=tuple(event_clusters), quotes=tuple(quotes),
                   stances=tuple(stances), provenance=base.provenance if base else None)
    return doc


def read(folder: str | Path, doc_id: str, base: Document | None = None) -> Document:
    """Read ``<folder>/<doc_id>.txt`` and ``.ann``."""
    folder = Path(folder)
    with open(folder / f"{doc_id}.txt", encoding="utf-8", newline="") as fh:
        text = fh.read()
    ann = (folder / f"{doc_id}.ann").read_text(encoding="utf-8")
    return from_brat(text, ann, base, doc_id)
