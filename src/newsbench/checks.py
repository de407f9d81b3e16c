"""Semantic checks: what JSON Schema cannot say about a structurally valid document.

Offsets inside the text with start < end, span text equal to ``text[start:end]``, ids unique per layer, every
reference resolving, a mention in at most one cluster, argument roles and modes allowed for the event type,
non-overlapping content spans within a quote, no duplicate mention, no cycle of parent quotes. Each problem
carries the JSON Pointer of the offending value in the record.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from .model import Document, Span
from .problems import Problem, pointer
from .schema import inventory


class _Report:
    def __init__(self, doc: Document, source: str | None):
        self.doc, self.source, self.problems = doc, source, []  # type: ignore[var-annotated]

    def add(self, ptr: str, code: str, message: str) -> None:
        self.problems.append(Problem(self.doc.id, ptr, code, message, self.source))


def _check_span(r: _Report, span: Span, at: tuple[str | int, ...]) -> None:
    n = len(r.doc.text)
    if span.end > n or span.start > n:
        bad = "end" if span.end > n else "start"
        r.add(pointer(*at, bad), "span-out-of-range",
              f"{bad}={getattr(span, bad)} lies past the end of the text: expected at most {n} (the text length "
              f"in code points); fix the offset (UTF-16 or byte offsets are a common cause)")
        return
    if span.start >= span.end:
        r.add(pointer(*at, "end"), "span-empty",
              f"span start={span.start} end={span.end}: expected start < end (end-exclusive offsets, so a span "
              f"covers at least one character); fix the offsets or drop the span")
        return
    actual = r.doc.text[span.start:span.end]
    if actual != span.text:
        r.add(pointer(*at, "text"), "span-text-mismatch",
              f"text[{span.start}:{span.end}] is {actual!r} but the span stores {span.text!r}; "
              f"fix the offsets or the stored text")


def _unique(r: _Report, layer: str, ids: Iterable[str]) -> set[str]:
    seen: dict[str, int] = {}
    for i, ident in enumerate(ids):
        if ident in seen:
            r.add(pointer(layer, i, "id"), "duplicate-id",
                  f"id {ident!r} is already used by /{layer}/{seen[ident]}; expected ids unique within a layer: "
                  f"rename one")
        else:
            seen[ident] = i
    return set(seen)


def _ref(r: _Report, at: tuple[str | int, ...], ident: str | None, known: set[str], what: str) -> None:
    # ``at`` holds pointer parts: the pointer string is built only for a problem (a hot path otherwise)
    if ident is not None and ident not in known:
        some = ", ".join(sorted(known)[:5]) + (", ..." if len(known) > 5 else "")
        expected = f"one of {some}" if known else f"a {what} id, but the document has no {what}"
        r.add(pointer(*at), "unknown-reference", f"{ident!r} is not the id of any {what} in this document "
                                                 f"(expected {expected}); add the {what} or fix the reference")


def _chain(parents: Mapping[str, str | None], start: str) -> list[str]:
    """The parent ids met walking up from ``start`` until a repeat (for the cycle message)."""
    out: list[str] = []
    link = parents.get(start)
    while link is not None and link not in out:
        out.append(link)
        if link == start:
            break
        link = parents.get(link)
    return out


def semantic_problems(doc: Document, source: str | None = None) -> list[Problem]:
    """Every semantic problem of a structurally valid document."""
    r = _Report(doc, source)
    inv = inventory()

    for i, p in enumerate(doc.passages):
        _check_span(r, p.span, ("passages", i))
    _unique(r, "passages", (p.id for p in doc.passages))

    mention_ids = _unique(r, "mentions", (m.id for m in doc.mentions))
    seen_spans: dict[tuple[int, int, str], int] = {}
    for i, m in enumerate(doc.mentions):
        _check_span(r, m.span, ("mentions", i))
        key = (m.span.start, m.span.end, m.label)
        if key in seen_spans:
            r.add(pointer("mentions", i), "duplicate-mention",
                  f"same span {m.span.start}-{m.span.end} and label {m.label} as /mentions/{seen_spans[key]}; "
                  f"keep one mention and point every reference at it")
        else:
            seen_spans[key] = i

    cluster_ids = _unique(r, "clusters", (c.id for c in doc.clusters))
    owner: dict[str, str] = {}
    for i, c in enumerate(doc.clusters):
        for j, member in enumerate(c.members):
            at = ("clusters", i, "members", j)
            _ref(r, at, member, mention_ids, "mention")
            if member in owner:
                r.add(pointer(*at), "mention-in-two-clusters",
                      f"mention {member!r} is already a member of cluster {owner[member]!r}; "
                      f"a mention belongs to at most one cluster: merge the clusters or remove it from one")
            else:
                owner[member] = c.id

    event_ids = _unique(r, "events", (e.id for e in doc.events))
    for i, e in enumerate(doc.events):
        _check_span(r, e.trigger, ("events", i, "trigger"))
        allowed = inv.roles_by_type.get(e.type, ())
        for j, a in enumerate(e.arguments):
            _ref(r, ("events", i, "arguments", j, "mention"), a.mention, mention_ids, "mention")
            if a.role not in allowed:
                r.add(pointer("events", i, "arguments", j, "role"), "role-not-allowed",
                      f"role {a.role} is not allowed for event type {e.type}; expected one of {', '.join(allowed)}")
        modes = inv.modes_by_type.get(e.type, ())
        if e.mode is not None and e.mode not in modes:
            expected = f"one of {', '.join(modes)} or null" if modes else "null (the type has no modes)"
            r.add(pointer("events", i, "mode"), "mode-not-allowed",
                  f"mode {e.mode!r} is not a mode of {e.type}; expected {expected}")

    _unique(r, "event_clusters", (c.id for c in doc.event_clusters))
    event_owner: dict[str, str] = {}
    for i, ec in enumerate(doc.event_clusters):
        for j, member in enumerate(ec.members):
            at = ("event_clusters", i, "members", j)
            _ref(r, at, member, event_ids, "event")
            if member in event_owner:
                r.add(pointer(*at), "event-in-two-clusters",
                      f"event {member!r} is already in event cluster {event_owner[member]!r}; merge the clusters")
            else:
                event_owner[member] = ec.id

    quote_ids = _unique(r, "quotes", (q.id for q in doc.quotes))
    for i, q in enumerate(doc.quotes):
        for j, s in enumerate(q.content):
            _check_span(r, s, ("quotes", i, "content", j))
        ordered = sorted(enumerate(q.content), key=lambda js: (js[1].start, js[1].end))
        for (_, prev), (j, cur) in zip(ordered, ordered[1:]):
            if cur.start < prev.end:
                r.add(pointer("quotes", i, "content", j), "quote-content-overlap",
                      f"content span {cur.start}-{cur.end} overlaps {prev.start}-{prev.end} of the same quote; "
                      f"content spans of one quote must not overlap")
        if q.cue is not None:
            _check_span(r, q.cue, ("quotes", i, "cue"))
        _ref(r, ("quotes", i, "speaker"), q.speaker, mention_ids, "mention")
        _ref(r, ("quotes", i, "parent"), q.parent, quote_ids, "quote")
    parents = {q.id: q.parent for q in doc.quotes if q.parent in quote_ids}
    for i, q in enumerate(doc.quotes):
        # Walk up the parent links; a quote is reported only when the walk returns to it, so a quote that
        # merely hangs below a cycle is not blamed for it.
        seen: set[str] = {q.id}
        link = parents.get(q.id)
        while link is not None and link not in seen:
            seen.add(link)
            link = parents.get(link)
        if link == q.id:
            chain = " -> ".join([q.id, *(x for x in _chain(parents, q.id))])
            r.add(pointer("quotes", i, "parent"), "quote-parent-cycle",
                  f"parent links form a cycle ({chain}); expected nesting to form a tree: "
                  f"set one of these parents to null")

    _unique(r, "stances", (s.id for s in doc.stances))
    for i, st in enumerate(doc.stances):
        _ref(r, ("stances", i, "holder"), st.holder, cluster_ids, "cluster")
        if st.target.kind == "cluster":
            _ref(r, ("stances", i, "target", "ref"), st.target.ref, cluster_ids, "cluster")
        elif st.target.kind == "event":
            _ref(r, ("stances", i, "target", "ref"), st.target.ref, event_ids, "event")
        for j, qid in enumerate(st.evidence.quotes):
            _ref(r, ("stances", i, "evidence", "quotes", j), qid, quote_ids, "quote")
        for j, span in enumerate(st.evidence.spans):
            _check_span(r, span, ("stances", i, "evidence", "spans", j))
    return r.problems
