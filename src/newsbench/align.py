"""Text-only predictions to offsets: the deterministic aligner behind ``newsbench align`` and ``newsbench score``.

LLMs return strings, not offsets. A span of a prediction record may carry only ``text`` (and optionally ``hint``:
the sentence or some nearby context). The rule, in order:
  1. Text, hint and document are compared after normalisation: curly and other quotation marks become ' or ",
     every run of whitespace becomes one space, and the needle is stripped.
  2. The candidates are the exact occurrences of the text. With a hint, only occurrences inside an occurrence
     of the hint are kept; a hint that is not found (or contains no occurrence) is ignored with a warning.
  3. Among the candidates, the first in text order that no earlier item of the same field took is chosen
     (so the second "Biden" predicted goes to the second occurrence). Items with a hint are placed first.
  4. What has no candidate left is unaligned: it is dropped, counted and reported (never guessed), and the
     references to it are dropped too (cluster members, arguments, speakers, stances, evidence).
Spans that already carry start/end are kept as they are. The result goes through the usual validation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from .model import Document
from .problems import Problem, pointer

_QUOTES = str.maketrans({c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"} |
                        {c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4"})
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """The comparison form of a string: straight quotes, single spaces, no outer whitespace."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


class NormalizedText:
    """A document text in comparison form with a map back to original offsets."""

    def __init__(self, text: str):
        chars: list[str] = []
        origin: list[int] = []
        translated = text.translate(_QUOTES)
        for i, ch in enumerate(translated):
            if ch.isspace():
                if chars and chars[-1] == " ":
                    continue
                ch = " "
            chars.append(ch)
            origin.append(i)
        self.text = "".join(chars)
        self.origin = origin

    def find_all(self, needle: str) -> list[tuple[int, int]]:
        """Original (start, end) offsets of every occurrence of an already normalised needle."""
        if not needle:
            return []
        out = []
        i = self.text.find(needle)
        while i != -1:
            out.append((self.origin[i], self.origin[i + len(needle) - 1] + 1))
            i = self.text.find(needle, i + 1)
        return out


@dataclass
class AlignStats:
    """What the aligner did, counted."""

    spans: int = 0
    already_aligned: int = 0
    aligned: int = 0
    by_hint: int = 0
    hint_ignored: int = 0
    unaligned: int = 0
    dropped: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"spans": self.spans, "already_aligned": self.already_aligned, "aligned": self.aligned,
                "by_hint": self.by_hint, "hint_ignored": self.hint_ignored, "unaligned": self.unaligned,
                "dropped": dict(sorted(self.dropped.items()))}

    def drop(self, what: str) -> None:
        self.dropped[what] = self.dropped.get(what, 0) + 1


def needs_alignment(record: Any) -> bool:
    """Whether a prediction record is text-only: a span without offsets, or no document text (taken from gold)."""
    if not isinstance(record, dict):
        return False
    return "text" not in record or any(not _has_offsets(s) for _, _, s in _spans(record))


def _has_offsets(span: Any) -> bool:
    return isinstance(span, dict) and "start" in span and "end" in span


def _spans(rec: dict[str, Any]) -> Iterable[tuple[str, tuple[Any, ...], Any]]:
    """(field group, pointer parts, span dict) of every span of a record, in record order."""
    for i, m in enumerate(_list(rec.get("mentions"))):
        yield "mentions", ("mentions", i), m
    for i, e in enumerate(_list(rec.get("events"))):
        if isinstance(e, dict) and isinstance(e.get("trigger"), dict):
            yield "triggers", ("events", i, "trigger"), e["trigger"]
    for i, q in enumerate(_list(rec.get("quotes"))):
        if not isinstance(q, dict):
            continue
        for j, s in enumerate(_list(q.get("content"))):
            yield "content", ("quotes", i, "content", j), s
        if isinstance(q.get("cue"), dict):
            yield "cues", ("quotes", i, "cue"), q["cue"]
    for i, s in enumerate(_list(rec.get("stances"))):
        ev = s.get("evidence") if isinstance(s, dict) else None
        if isinstance(ev, dict):
            for j, sp in enumerate(_list(ev.get("spans"))):
                yield "evidence", ("stances", i, "evidence", "spans", j), sp


def _list(x: Any) -> list[Any]:
    return x if isinstance(x, list) else []


def align_record(record: dict[str, Any], gold: Document, source: str | None = None,
                 stats: AlignStats | None = None) -> tuple[dict[str, Any], list[Problem]]:
    """A copy of a text-only record with offsets filled in and unaligned items (and references to them) dropped."""
    import copy

    stats = stats if stats is not None else AlignStats()
    rec = copy.deepcopy(record)
    rec["text"] = rec.get("text", gold.text)
    rec.pop("passages", None)
    for m in _list(rec.get("mentions")):
        if isinstance(m, dict) and _has_offsets(m):
            m.pop("hint", None)
    problems: list[Problem] = []
    norm = NormalizedText(gold.text)
    taken: dict[str, set[tuple[int, int]]] = {}
    spans = list(_spans(rec))
    for _, at, span in spans:
        if _has_offsets(span):
            stats.spans += 1
            stats.already_aligned += 1
            taken.setdefault(_, set()).add((span["start"], span["end"]))
    failed: set[tuple[Any, ...]] = set()
    todo = [x for x in spans if not _has_offsets(x[2])]
    # hinted items first, so an unhinted item never takes the occurrence a hint points at
    todo.sort(key=lambda x: 0 if isinstance(x[2], dict) and x[2].get("hint") else 1)
    for group, at, span in todo:
        stats.spans += 1
        text = span.get("text") if isinstance(span, dict) else span if isinstance(span, str) else None
        if not isinstance(text, str) or not normalize(text):
            problems.append(Problem(gold.id, pointer(*at), "unaligned", "the span has neither offsets nor a text; "
                                    "give its text (and optionally a hint)", source, "warning"))
            stats.unaligned += 1
            failed.add(at)
            continue
        candidates = norm.find_all(normalize(text))
        hint = span.get("hint") if isinstance(span, dict) else None
        if candidates and isinstance(hint, str) and normalize(hint):
            areas = norm.find_all(normalize(hint))
            inside = [c for c in candidates if any(a <= c[0] and c[1] <= b for a, b in areas)]
            if inside:
                candidates = inside
                stats.by_hint += 1
            else:
                stats.hint_ignored += 1
                problems.append(Problem(gold.id, pointer(*at, "hint"), "hint-not-matched",
                                        f"hint {hint[:60]!r} is not in the text or does not contain {text[:40]!r}; "
                                        f"placed by order of appearance instead", source, "warning"))
        used = taken.setdefault(group, set())
        free = [c for c in candidates if c not in used] if group != "evidence" else candidates
        if not free:
            why = "does not occur in the document" if not candidates else \
                f"occurs {len(candidates)} time(s) and every occurrence is already taken by an earlier item"
            problems.append(Problem(gold.id, pointer(*at), "unaligned",
                                    f"text {text[:60]!r} {why} (after normalising quotes and whitespace); "
                                    f"the item is dropped", source, "warning"))
            stats.unaligned += 1
            failed.add(at)
            continue
        start, end = free[0]
        used.add((start, end))
        span_out = {"start": start, "end": end, "text": gold.text[start:end]}
        _replace(rec, at, span_out)
        stats.aligned += 1
    _drop_failed(rec, failed, stats)
    return rec, problems


def _replace(rec: dict[str, Any], at: tuple[Any, ...], span: dict[str, Any]) -> None:
    node: Any = rec
    for part in at[:-1]:
        node = node[part]
    if at[0] == "mentions":
        item = node[at[-1]]
        item.pop("hint", None)
        item.update(span)
    else:
        node[at[-1]] = span


def _drop_failed(rec: dict[str, Any], failed: set[tuple[Any, ...]], stats: AlignStats) -> None:
    """Remove unaligned items and every reference to them, counting each removal."""
    if not failed:
        return
    mentions = _list(rec.get("mentions"))
    gone_mentions = {m.get("id") for i, m in enumerate(mentions) if ("mentions", i) in failed}
    rec["mentions"] = [m for i, m in enumerate(mentions) if ("mentions", i) not in failed]
    events = _list(rec.get("events"))
    gone_events = {e.get("id") for i, e in enumerate(events) if ("events", i, "trigger") in failed}
    rec["events"] = [e for i, e in enumerate(events) if ("events", i, "trigger") not in failed]
    quotes = _list(rec.get("quotes"))
    gone_quotes = {q.get("id") for i, q in enumerate(quotes)
                   if any(("quotes", i, "content", j) in failed for j in range(len(_list(q.get("content")))))}
    kept_quotes = []
    for i, q in enumerate(quotes):
        if q.get("id") in gone_quotes:
            stats.drop("quotes")
            continue
        if ("quotes", i, "cue") in failed:
            q["cue"] = None
            stats.drop("cues")
        if q.get("speaker") in gone_mentions:
            q["speaker"] = None
            stats.drop("speakers")
        if q.get("parent") in gone_quotes:
            q["parent"] = None
        kept_quotes.append(q)
    rec["quotes"] = kept_quotes
    stats.dropped["mentions"] = stats.dropped.get("mentions", 0) + len(gone_mentions)
    stats.dropped["events"] = stats.dropped.get("events", 0) + len(gone_events)

    clusters = []
    gone_clusters = set()
    for c in _list(rec.get("clusters")):
        members = [m for m in _list(c.get("members")) if m not in gone_mentions]
        if len(members) != len(_list(c.get("members"))):
            stats.drop("cluster_members")
        if not members:
            gone_clusters.add(c.get("id"))
            stats.drop("clusters")
            continue
        clusters.append({**c, "members": members})
    rec["clusters"] = clusters
    for e in rec["events"]:
        args = [a for a in _list(e.get("arguments")) if a.get("mention") not in gone_mentions]
        if len(args) != len(_list(e.get("arguments"))):
            stats.drop("arguments")
        e["arguments"] = args
    event_clusters = []
    for c in _list(rec.get("event_clusters")):
        members = [m for m in _list(c.get("members")) if m not in gone_events]
        if len(members) >= 2:
            event_clusters.append({**c, "members": members})
        else:
            stats.drop("event_clusters")
    rec["event_clusters"] = event_clusters
    stances = []
    for i, s in enumerate(_list(rec.get("stances"))):
        target = s.get("target") or {}
        gone_target = (target.get("kind") == "cluster" and target.get("ref") in gone_clusters) or \
            (target.get("kind") == "event" and target.get("ref") in gone_events)
        if s.get("holder") in gone_clusters or gone_target:
            stats.drop("stances")
            continue
        ev = s.get("evidence") or {}
        spans = [sp for j, sp in enumerate(_list(ev.get("spans")))
                 if ("stances", i, "evidence", "spans", j) not in failed]
        if len(spans) != len(_list(ev.get("spans"))):
            stats.drop("evidence_spans")
        quotes_ref = [q for q in _list(ev.get("quotes")) if q not in gone_quotes]
        stances.append({**s, "evidence": {**ev, "spans": spans, "quotes": quotes_ref}})
    rec["stances"] = stances


def align_documents(records: Iterable[Any], gold_by_id: Mapping[str, Document]
                    ) -> tuple[list[Document], list[Problem], dict[str, Any]]:
    """Align and validate prediction records (dicts, or (source, dict) pairs) against gold documents.

    Returns the valid documents, every problem (unaligned items are warnings; invalid records and unknown
    documents errors) and the counts of what the aligner did.
    """
    from .validation import validate_record

    stats = AlignStats()
    docs: list[Document] = []
    problems: list[Problem] = []
    records_seen = 0
    for item in records:
        source, record = item if isinstance(item, tuple) else (None, item)
        records_seen += 1
        doc_id = record.get("id") if isinstance(record, dict) else None
        if not isinstance(doc_id, str) or doc_id not in gold_by_id:
            problems.append(Problem(doc_id if isinstance(doc_id, str) else None, "/id", "unknown-document",
                                    f"document id {doc_id!r} is not in gold; predictions must use the gold "
                                    f"document ids", source))
            continue
        aligned, found = align_record(record, gold_by_id[doc_id], source, stats)
        problems.extend(found)
        doc, found = validate_record(aligned, source)
        problems.extend(found)
        if doc is not None:
            docs.append(doc)
    summary = {"records": records_seen, "documents": len(docs), **stats.to_dict()}
    return docs, problems, summary
