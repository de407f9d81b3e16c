"""Phenomena tags that a document's annotations prove, so per-phenomenon scores rest on complete tags.

The controlled list lives in annotations/phenomena.json and the guidelines say a document is tagged with every
phenomenon any of its annotated items shows. Many tags are facts of the annotation (a quote of kind indirect, an
event with polarity NEGATIVE, a quote whose speaker is a pronoun); ``derived_tags`` computes those. Tags about
meaning the annotation does not encode (metonymy, scare quotes, planned vs hypothetical) stay the annotator's.
"""

from __future__ import annotations

from .model import Document

DERIVABLE = ("indirect-quote", "mixed-quote", "nested-quote", "unattributed-quote", "pronoun-speaker",
             "according-to", "multi-paragraph-quote", "quote-around-cue", "negated-event", "generic-event",
             "event-named-twice", "neutral-stance", "nominal-mention", "disagreeing-holders", "nested-entity")


def derived_tags(doc: Document) -> set[str]:
    """The tags of ``DERIVABLE`` that the document's annotations show."""
    tags: set[str] = set()
    mentions = doc.mention_by_id()
    clustered = {m for c in doc.clusters for m in c.members}
    passages = [p.span for p in doc.passages if p.type != "title"]

    def passage_of(pos: int) -> int:
        return next((i for i, p in enumerate(passages) if p.start <= pos < p.end), -1)

    for q in doc.quotes:
        if q.kind in ("indirect", "mixed"):
            tags.add(f"{q.kind}-quote")
        if q.parent is not None:
            tags.add("nested-quote")
        if q.speaker is None:
            tags.add("unattributed-quote")
        elif mentions[q.speaker].form == "PRO":
            tags.add("pronoun-speaker")
        if q.cue is not None:
            if q.cue.text.casefold().startswith("according to"):
                tags.add("according-to")
            if any(a.end <= q.cue.start and q.cue.end <= b.start for a, b in zip(q.content, q.content[1:])):
                tags.add("quote-around-cue")
        if len({passage_of(s.start) for s in q.content} | {passage_of(s.end - 1) for s in q.content}) > 1:
            tags.add("multi-paragraph-quote")
    for e in doc.events:
        if e.polarity == "NEGATIVE":
            tags.add("negated-event")
        if e.genericity == "GENERIC":
            tags.add("generic-event")
    if doc.event_clusters:
        tags.add("event-named-twice")
    if any(m.form == "NOM" and m.id in clustered for m in doc.mentions):
        tags.add("nominal-mention")
    spans = sorted((m.span.start, -m.span.end) for m in doc.mentions)
    outer_end = -1
    for start, neg_end in spans:
        if start < outer_end and -neg_end <= outer_end:
            tags.add("nested-entity")
            break
        outer_end = max(outer_end, -neg_end)
    by_target: dict[tuple, set[tuple[str, str]]] = {}
    for s in doc.stances:
        if s.polarity == "NEUTRAL":
            tags.add("neutral-stance")
        key = (s.target.kind, s.target.ref or (s.target.topic or "").casefold())
        by_target.setdefault(key, set()).add((s.holder, s.polarity))
    for held in by_target.values():
        if {p for _, p in held} >= {"FAVOR", "AGAINST"} and len({h for h, _ in held}) > 1:
            tags.add("disagreeing-holders")
    return tags
