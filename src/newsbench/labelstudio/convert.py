"""Documents to Label Studio result items and back: the round-trip pair, and the validator of exports.

``document_to_results`` writes one region per span (ids prefixed by layer so they never collide), per-region
attributes sharing the region's id, and relations for every link. ``results_to_document`` reads result items of
any origin (ours, the UI's, an old Label Studio's) and reports each item it cannot convert as a Problem with a
stable code, the item's JSON Pointer and its region id; the rest of the document is still built.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..model import Argument, Cluster, Document, Event, EventCluster, Evidence, Mention, Quote, Span, Stance, Target
from ..problems import Problem, pointer
from ..schema import inventory
from . import config as C

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
_PREFIX = {C.MENTION: "m:", C.TRIGGER: "e:", C.QUOTE: "q:", C.STANCE: "s:"}
EVENT_DEFAULTS = {C.POLARITY: "POSITIVE", C.TENSE: "UNSPECIFIED", C.GENERICITY: "SPECIFIC", C.MODALITY: "ASSERTED"}


# ---------------------------------------------------------------------------------------------------------------
# Document -> result items


def _region(rid: str, control: str, span: Span, label: str, score: float | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"id": rid, "from_name": control, "to_name": C.TEXT, "type": "labels",
                            "value": {"start": span.start, "end": span.end, "text": span.text, "labels": [label]}}
    if score is not None:
        item["score"] = score
    return item


def _choice(rid: str, control: str, span: Span, value: str) -> dict[str, Any]:
    return {"id": rid, "from_name": control, "to_name": C.TEXT, "type": "choices",
            "value": {"start": span.start, "end": span.end, "text": span.text, "choices": [value]}}


def _textarea(rid: str, control: str, span: Span, value: str, score: float | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"id": rid, "from_name": control, "to_name": C.TEXT, "type": "textarea",
                            "value": {"start": span.start, "end": span.end, "text": [value]}}
    if score is not None:
        item["score"] = score
    return item


def _relation(from_id: str, to_id: str, label: str, score: float | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"from_id": from_id, "to_id": to_id, "type": "relation", "direction": "right",
                            "labels": [label]}
    if score is not None:
        item["score"] = score
    return item


def document_to_results(doc: Document) -> list[dict[str, Any]]:
    """The Label Studio result items of a document's annotation layers (regions first, then relations)."""
    regions: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    mention_span = {m.id: m.span for m in doc.mentions}
    for m in doc.mentions:
        rid = "m:" + m.id
        regions.append(_region(rid, C.MENTION, m.span, m.label, m.score))
        regions.append(_choice(rid, C.FORM, m.span, m.form))
    for c in doc.clusters:
        head = c.members[0]
        span = mention_span.get(head)
        if span is None:  # a dangling member cannot carry a region; validation reports the document
            continue
        regions.append(_textarea("m:" + head, C.ENTITY_NAME, span, c.name, c.score))
        regions.append(_textarea("m:" + head, C.ENTITY_KEY, span, c.id))
        if c.wikidata is not None:
            regions.append(_textarea("m:" + head, C.WIKIDATA, span, c.wikidata))
        for a, b in zip(c.members, c.members[1:]):
            relations.append(_relation("m:" + a, "m:" + b, C.COREF))
    for e in doc.events:
        rid = "e:" + e.id
        regions.append(_region(rid, C.TRIGGER, e.trigger, e.type, e.score))
        for control, value in ((C.POLARITY, e.polarity), (C.TENSE, e.tense), (C.GENERICITY, e.genericity),
                               (C.MODALITY, e.modality), (C.MODE, e.mode)):
            if value is not None:
                regions.append(_choice(rid, control, e.trigger, value))
        for arg in e.arguments:
            relations.append(_relation(rid, "m:" + arg.mention, arg.role, arg.score))
    trigger_span = {e.id: e.trigger for e in doc.events}
    for ec in doc.event_clusters:
        span = trigger_span.get(ec.members[0])
        if span is None:
            continue
        regions.append(_textarea("e:" + ec.members[0], C.EVENT_KEY, span, ec.id, ec.score))
        for a, b in zip(ec.members, ec.members[1:]):
            relations.append(_relation("e:" + a, "e:" + b, C.SAME_EVENT))
    first_content = {q.id: q.content[0] for q in doc.quotes if q.content}
    for q in doc.quotes:
        ids = [f"q:{q.id}" if k == 0 else f"q:{q.id}#{k}" for k in range(len(q.content))]
        for k, (rid, span) in enumerate(zip(ids, q.content)):
            regions.append(_region(rid, C.QUOTE, span, C.QUOTE_CONTENT, q.score if k == 0 else None))
        regions.append(_choice(ids[0], C.QUOTE_KIND, q.content[0], q.kind))
        for a, b in zip(ids, ids[1:]):
            relations.append(_relation(a, b, C.CONTINUES))
        if q.cue is not None:
            regions.append(_region(f"q:{q.id}#cue", C.QUOTE, q.cue, C.QUOTE_CUE))
            relations.append(_relation(ids[0], f"q:{q.id}#cue", C.CUE))
        if q.speaker is not None:
            relations.append(_relation(ids[0], "m:" + q.speaker, C.SPEAKER))
        if q.parent is not None:
            relations.append(_relation(ids[0], "q:" + q.parent, C.NESTED_IN))
    cluster_head = {c.id: c.members[0] for c in doc.clusters}
    for s in doc.stances:
        spans = list(s.evidence.spans)
        ids = [f"s:{s.id}" if k == 0 else f"s:{s.id}#{k}" for k in range(len(spans))]
        if spans:
            for k, (rid, span) in enumerate(zip(ids, spans)):
                regions.append(_region(rid, C.STANCE, span, C.STANCE_EVIDENCE, s.score if k == 0 else None))
            head_span = spans[0]
        else:
            # a stance needs a region to hang on: the anchor is not evidence, only a place in the text
            ids = [f"s:{s.id}"]
            head_span = _anchor_span(doc, s, first_content, cluster_head, mention_span)
            regions.append(_region(ids[0], C.STANCE, head_span, C.STANCE_ANCHOR, s.score))
        regions.append(_choice(ids[0], C.STANCE_POLARITY, head_span, s.polarity))
        for a, b in zip(ids, ids[1:]):
            relations.append(_relation(a, b, C.CONTINUES))
        if s.holder in cluster_head:
            relations.append(_relation(ids[0], "m:" + cluster_head[s.holder], C.HOLDER))
        if s.target.kind == "topic" and s.target.topic is not None:
            regions.append(_textarea(ids[0], C.STANCE_TOPIC, head_span, s.target.topic))
        elif s.target.kind == "cluster" and s.target.ref in cluster_head:
            relations.append(_relation(ids[0], "m:" + cluster_head[s.target.ref], C.TARGET))
        elif s.target.kind == "event" and s.target.ref is not None:
            relations.append(_relation(ids[0], "e:" + s.target.ref, C.TARGET))
        for qid in s.evidence.quotes:
            relations.append(_relation(ids[0], "q:" + qid, C.EVIDENCE_QUOTE))
    return regions + relations


def _anchor_span(doc: Document, s: Stance, first_content: dict[str, Span], cluster_head: dict[str, str],
                 mention_span: dict[str, Span]) -> Span:
    for qid in s.evidence.quotes:
        if qid in first_content:
            return first_content[qid]
    head = cluster_head.get(s.holder)
    if head in mention_span:
        return mention_span[head]
    return Span.of(doc.text, 0, 1)


# ---------------------------------------------------------------------------------------------------------------
# result items -> Document


@dataclass(slots=True)
class _Region:
    rid: str
    control: str
    label: str
    span: Span
    index: int
    score: float | None
    attrs: dict[str, tuple[str, int]] = field(default_factory=dict)  # control -> (value, item index)


@dataclass(slots=True)
class _Relation:
    src: str
    dst: str
    label: str
    index: int
    score: float | None


class _Reader:
    def __init__(self, text: str, doc_id: str | None, repair_utf16: bool):
        self.text, self.doc_id, self.repair_utf16 = text, doc_id, repair_utf16
        self.problems: list[Problem] = []
        self.rejected: set[int] = set()
        self.counts: dict[str, int] = defaultdict(int)
        self.scores: dict[tuple[str, str], float | None] = {}  # (region id, control) -> score of a text item
        self._utf16: list[int] | None = None

    def add(self, index: int | None, code: str, message: str, rid: str | None = None, *, reject: bool = True,
            severity: str = "error") -> None:
        ptr = pointer("result", index) if index is not None else ""
        source = f"region {rid}" if rid else None
        self.problems.append(Problem(self.doc_id, ptr, code, message, source, severity))
        if reject and index is not None:
            self.rejected.add(index)

    # -- offsets ------------------------------------------------------------------------------------------------
    def utf16_to_cp(self, offset: int) -> int | None:
        """Code-point offset of a UTF-16 code-unit offset, or None when it splits a surrogate pair."""
        if self._utf16 is None:
            units, pos = [], 0
            for ch in self.text:
                units.append(pos)
                pos += 2 if ord(ch) > 0xFFFF else 1
            units.append(pos)
            self._utf16 = units
        import bisect

        i = bisect.bisect_left(self._utf16, offset)
        return i if i < len(self._utf16) and self._utf16[i] == offset else None

    def span(self, value: dict[str, Any], index: int, rid: str, expect_text: bool = True) -> Span | None:
        start, end, stored = value.get("start"), value.get("end"), value.get("text")
        n = len(self.text)
        if type(start) is not int or type(end) is not int:
            self.add(index, "bad-offsets", f"value.start/value.end must be integers, got {start!r}/{end!r}; "
                                           f"regions must be character spans of data.text", rid)
            return None
        if not (0 <= start < end <= n):
            self.add(index, "offsets-out-of-range",
                     f"span {start}-{end} is not inside the text (length {n}) with start < end; "
                     f"offsets are code points into data.text, end-exclusive", rid)
            return None
        actual = self.text[start:end]
        if expect_text and isinstance(stored, str) and actual != stored:
            s16, e16 = self.utf16_to_cp(start), self.utf16_to_cp(end)
            if s16 is not None and e16 is not None and self.text[s16:e16] == stored and s16 < e16:
                if self.repair_utf16:
                    self.add(index, "utf16-offsets-repaired",
                             f"offsets {start}-{end} are UTF-16 code units (old Label Studio); repaired to "
                             f"code points {s16}-{e16}", rid, reject=False, severity="warning")
                    self.counts["utf16_repaired"] += 1
                    return Span(s16, e16, stored)
                self.add(index, "utf16-offsets",
                         f"text[{start}:{end}] is {actual!r} but value.text is {stored!r}; the offsets are UTF-16 "
                         f"code units written by an old Label Studio version (the code-point span is {s16}-{e16}); "
                         f"rerun with --repair-utf16 to convert them", rid)
                return None
            self.add(index, "span-text-mismatch",
                     f"text[{start}:{end}] is {actual!r} but value.text is {stored!r}; fix the region's offsets "
                     f"or the task text", rid)
            return None
        if expect_text and stored is not None and not isinstance(stored, str):
            self.add(index, "bad-value", f"value.text must be a string for a region, got {stored!r}", rid)
            return None
        return Span(start, end, actual)


_STRIPPED: dict[tuple[str, str], str] = {}


def _strip(rid: str, control: str) -> str:
    got = _STRIPPED.get((rid, control))
    if got is None:
        if len(_STRIPPED) > 50_000:  # bounded: Label Studio's random region ids do not repeat
            _STRIPPED.clear()
        got = _STRIPPED[(rid, control)] = _strip_id(rid, control)
    return got


def _strip_id(rid: str, control: str) -> str:
    prefix = _PREFIX.get(control, "")
    ident = rid[len(prefix):] if prefix and rid.startswith(prefix) else rid
    if ID_PATTERN.match(ident):
        return ident
    # Label Studio's random ids may start with '-' or '_' or hold other characters; keep them recognisable
    return "r" + re.sub(r"[^A-Za-z0-9_.:-]", "_", ident)


@lru_cache(maxsize=1)
def _allowed() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    # sets, not tuples: membership is tested once per result item
    return ({k: frozenset(v) for k, v in C.label_values().items()},
            {k: frozenset(v) for k, v in C.choice_values().items()})


@lru_cache(maxsize=1)
def _relation_labels() -> frozenset[str]:
    return frozenset(C.relation_labels())


@lru_cache(maxsize=1)
def _roles() -> frozenset[str]:
    return frozenset(inventory().roles)


@lru_cache(maxsize=1)
def _known_relation_labels() -> frozenset[str]:
    return frozenset(inventory().roles) | frozenset(C.LINKS)


def _score(item: dict[str, Any]) -> float | None:
    s = item.get("score")
    if s is None:
        return None
    return float(s) if isinstance(s, (int, float)) and not isinstance(s, bool) else None


def results_to_document(results: Any, base_doc: Document, *,
                        repair_utf16: bool = False) -> tuple[Document | None, list[Problem]]:
    """Rebuild ``base_doc``'s annotation layers from result items: (document, problems).

    Every item is converted or reported; a rejected item never stops the others. The document is None only
    when ``results`` is not a list. Problem pointers are ``/result/<i>`` within the annotation.
    """
    doc, problems, _ = read_results(results, base_doc, repair_utf16=repair_utf16)
    return doc, problems


def read_results(results: Any, base_doc: Document, *,
                 repair_utf16: bool = False) -> tuple[Document | None, list[Problem], dict[str, int]]:
    """``results_to_document`` plus counts: results_converted, results_rejected, attributes_defaulted, ..."""
    r = _Reader(base_doc.text, base_doc.id, repair_utf16)
    if not isinstance(results, list):
        r.add(None, "result-not-list", f"annotation result must be a list of result items, got "
                                       f"{type(results).__name__}")
        return None, r.problems, dict(r.counts)
    labels, choices = _allowed()
    regions: dict[str, _Region] = {}
    attr_items: list[tuple[int, str, str, str]] = []  # (index, rid, control, value)
    relations: list[_Relation] = []
    # Locals for the hot loop (~200 items per annotation): attribute and global look-ups cost as much as the work.
    text, n, rel_labels, scores = r.text, len(r.text), _relation_labels(), r.scores
    text_controls, TEXT = C.TEXT_CONTROLS, C.TEXT
    for i, item in enumerate(results):
        # Fast path: the common, valid item of each kind is taken in line. Anything unusual (a problem to report,
        # a subclass of dict/str/list, a left or bidirectional relation) falls through to the full checks below,
        # which decide exactly as before; tests/test_labelstudio_speed_equivalence.py holds the two to the same
        # answers.
        if type(item) is dict:
            try:  # a missing key is unusual: the full checks below report it
                kind = item["type"]
                if kind == "relation":
                    src, dst, labs = item["from_id"], item["to_id"], item["labels"]
                    if type(src) is str and type(dst) is str and type(labs) is list and len(labs) == 1 \
                            and type(labs[0]) is str and labs[0] in rel_labels \
                            and ("direction" not in item or item["direction"] == "right"):
                        relations.append(_Relation(src, dst, labs[0], i, _score(item) if "score" in item else None))
                        continue
                else:
                    rid, control, value = item["id"], item["from_name"], item["value"]
                    if type(rid) is str and rid and type(value) is dict and type(control) is str \
                            and ("to_name" not in item or item["to_name"] == TEXT):
                        if control in labels:
                            got = value["labels"]
                            if kind == "labels" and type(got) is list and len(got) == 1 and type(got[0]) is str \
                                    and got[0] in labels[control] and rid not in regions:
                                start, end = value["start"], value["end"]
                                stored = value["text"] if "text" in value else None
                                if type(start) is int and type(end) is int and 0 <= start < end <= n:
                                    actual = text[start:end]
                                    if stored is None or type(stored) is str and stored == actual:
                                        regions[rid] = _Region(rid, control, got[0], Span(start, end, actual), i,
                                                               _score(item) if "score" in item else None)
                                        continue
                        elif control in choices:
                            got = value["choices"]
                            if kind == "choices" and type(got) is list and len(got) == 1 and type(got[0]) is str \
                                    and got[0] in choices[control]:
                                attr_items.append((i, rid, control, got[0]))
                                continue
                        elif control in text_controls and kind == "textarea":
                            got = value["text"]
                            if type(got) is list and len(got) == 1:
                                got = got[0]
                            if type(got) is str and got:
                                attr_items.append((i, rid, control, got))
                                scores[(rid, control)] = _score(item) if "score" in item else None
                                continue
            except KeyError:
                pass
        if not isinstance(item, dict):
            r.add(i, "result-not-object", f"a result item must be an object, got {type(item).__name__}")
            continue
        kind = item.get("type")
        if kind == "relation":
            rel = _read_relation(r, item, i)
            if rel is not None:
                relations.append(rel)
            continue
        rid, control, value = item.get("id"), item.get("from_name"), item.get("value")
        if not isinstance(rid, str) or not rid:
            r.add(i, "region-without-id", f"result item has no region id (got {rid!r}); every region needs one")
            continue
        if not isinstance(value, dict):
            r.add(i, "bad-value", f"value must be an object, got {type(value).__name__}", rid)
            continue
        if not isinstance(control, str):
            r.add(i, "unknown-control", f"from_name must be a control name, got {control!r}", rid)
            continue
        if item.get("to_name", C.TEXT) != C.TEXT:
            r.add(i, "unknown-object", f"to_name {item.get('to_name')!r} is not {C.TEXT!r}: the config has one "
                                       f"Text object named {C.TEXT!r}", rid)
            continue
        if control in labels:
            if kind != "labels":
                r.add(i, "wrong-type", f"{control!r} is a Labels control, item type is {kind!r}", rid)
                continue
            got = value.get("labels")
            if not isinstance(got, list) or not got:
                r.add(i, "no-label", f"region has no label in value.labels (got {got!r}); pick one of "
                                     f"{', '.join(C.label_values()[control][:6])}...", rid)
                continue
            if len(got) > 1:
                r.add(i, "two-labels", f"region has {len(got)} labels {got}; exactly one is allowed: keep one, "
                                       f"or draw one region per label", rid)
                continue
            if not isinstance(got[0], str) or got[0] not in labels[control]:
                r.add(i, "unknown-label", f"label {got[0]!r} is not allowed in {control!r}; expected one of "
                                          f"{', '.join(C.label_values()[control])}", rid)
                continue
            span = r.span(value, i, rid)
            if span is None:
                continue
            if rid in regions:
                r.add(i, "duplicate-region", f"region id {rid!r} already labels item "
                                             f"/result/{regions[rid].index}; region ids must be unique", rid)
                continue
            regions[rid] = _Region(rid, control, got[0], span, i, _score(item))
        elif control in choices:
            if kind != "choices":
                r.add(i, "wrong-type", f"{control!r} is a Choices control, item type is {kind!r}", rid)
                continue
            got = value.get("choices")
            if not isinstance(got, list) or len(got) != 1 or not isinstance(got[0], str) \
                    or got[0] not in choices[control]:
                r.add(i, "unknown-choice", f"{control} must be exactly one of {', '.join(C.choice_values()[control])}, "
                                           f"got {got!r}", rid)
                continue
            attr_items.append((i, rid, control, got[0]))
        elif control in C.TEXT_CONTROLS:
            if kind != "textarea":
                r.add(i, "wrong-type", f"{control!r} is a TextArea control, item type is {kind!r}", rid)
                continue
            got = value.get("text")
            if isinstance(got, str):
                got = [got]
            entries = [t for t in got if isinstance(t, str) and t] if isinstance(got, list) else None
            if not entries or len(entries) != 1:
                r.add(i, "bad-text-field", f"{control} must hold exactly one non-empty entry, got {got!r}", rid)
                continue
            attr_items.append((i, rid, control, entries[0]))
            r.scores[(rid, control)] = _score(item)
        else:
            known = sorted(set(labels) | set(choices) | set(C.TEXT_CONTROLS))
            r.add(i, "unknown-control", f"from_name {control!r} is not a control of the newsbench config; "
                                        f"expected one of {', '.join(known)} (was the project made from "
                                        f"schema/label_config.xml?)", rid)
    for i, rid, control, value in attr_items:
        region = regions.get(rid)
        owner = _OWNER.get(control)
        if region is None:
            r.add(i, "orphan-attribute", f"{control} belongs to region {rid!r}, which is not a labelled region "
                                         f"(missing or rejected)", rid)
        elif region.control != owner:
            r.add(i, "attribute-on-wrong-region", f"{control} applies to {owner} regions, not to a "
                                                  f"{region.control} region", rid)
        elif control in region.attrs and region.attrs[control][0] != value:
            r.add(i, "attribute-conflict", f"{control} given twice for one region: {region.attrs[control][0]!r} "
                                           f"and {value!r}", rid)
        else:
            region.attrs[control] = (value, i)
    doc = _build(r, base_doc, regions, relations)
    r.counts["results_rejected"] = len(r.rejected)
    r.counts["results_converted"] = len(results) - len(r.rejected)
    return doc, r.problems, dict(r.counts)


def _read_relation(r: _Reader, item: dict[str, Any], i: int) -> _Relation | None:
    src, dst, labels = item.get("from_id"), item.get("to_id"), item.get("labels")
    if not isinstance(src, str) or not isinstance(dst, str):
        r.add(i, "bad-relation", f"relation needs string from_id and to_id, got {src!r} -> {dst!r}")
        return None
    if not labels:
        r.add(i, "relation-no-label", f"relation {src} -> {dst} has no label; pick one of the relation labels "
                                      f"(a role, {', '.join(C.LINKS)})")
        return None
    if not isinstance(labels, list) or len(labels) != 1:
        r.add(i, "relation-two-labels", f"relation {src} -> {dst} has labels {labels!r}; exactly one is allowed")
        return None
    if not isinstance(labels[0], str) or labels[0] not in _relation_labels():
        r.add(i, "unknown-label", f"relation label {labels[0]!r} is not in the config; expected one of "
                                  f"{', '.join(C.relation_labels())}")
        return None
    direction = item.get("direction", "right")
    if direction == "left":
        src, dst = dst, src
    elif direction == "bi" and labels[0] not in (C.COREF, C.SAME_EVENT):
        r.add(i, "relation-direction", f"relation {labels[0]!r} between {src} and {dst} is bidirectional; "
                                       f"it needs a direction (from the {_FROM.get(labels[0], 'source')})")
        return None
    return _Relation(src, dst, labels[0], i, _score(item))


_FROM = {C.CUE: "quote content", C.SPEAKER: "quote content", C.CONTINUES: "earlier span",
         C.NESTED_IN: "inner quote", C.HOLDER: "stance region", C.TARGET: "stance region",
         C.EVIDENCE_QUOTE: "stance region"}
# relation label -> (source control and labels, target control and labels); None = any label of the control
_ENDPOINTS: dict[str, tuple[tuple[str, str | None], tuple[str, str | None]]] = {
    C.COREF: ((C.MENTION, None), (C.MENTION, None)),
    C.SAME_EVENT: ((C.TRIGGER, None), (C.TRIGGER, None)),
    C.CUE: ((C.QUOTE, C.QUOTE_CONTENT), (C.QUOTE, C.QUOTE_CUE)),
    C.SPEAKER: ((C.QUOTE, C.QUOTE_CONTENT), (C.MENTION, None)),
    C.NESTED_IN: ((C.QUOTE, C.QUOTE_CONTENT), (C.QUOTE, C.QUOTE_CONTENT)),
    C.HOLDER: ((C.STANCE, None), (C.MENTION, None)),
    C.EVIDENCE_QUOTE: ((C.STANCE, None), (C.QUOTE, C.QUOTE_CONTENT)),
}


_ENTITY_FIELDS = (C.ENTITY_NAME, C.ENTITY_KEY, C.WIKIDATA)
_WIKIDATA = re.compile(r"Q[1-9][0-9]*")
# the region control an attribute control belongs to (the two tables share no control)
_OWNER = {**C.TEXT_CONTROLS, **C.CHOICE_CONTROLS}


def _fits(region: _Region, want: tuple[str, str | None]) -> bool:
    return region.control == want[0] and (want[1] is None or region.label == want[1])


def _components(nodes: list[str], edges: Iterable[tuple[str, str]], start_first: Iterable[str] = ()) -> list[list[str]]:
    """Connected components, each in breadth-first order from its preferred start (else its first node)."""
    adj: dict[str, list[str]] = {}
    for a, b in edges:
        adj.setdefault(a, []).append(b)
        adj.setdefault(b, []).append(a)
    order = {n: k for k, n in enumerate(nodes)}
    preferred = [n for n in start_first if n in order]
    if not adj and not preferred:  # no links and no node that stands alone: no component
        return []
    is_preferred = set(preferred)
    seen: set[str] = set()
    out = []
    for n in preferred + nodes:
        if n in seen or n not in adj and n not in is_preferred:
            continue
        # breadth first: the component list is its own queue
        comp = [n]
        seen.add(n)
        k = 0
        while k < len(comp):
            for nxt in adj.get(comp[k], ()):
                if nxt not in seen:
                    seen.add(nxt)
                    comp.append(nxt)
            k += 1
        out.append(comp)
    out.sort(key=lambda comp: order[comp[0]])
    return out


def _chain(r: _Reader, members: list[str], nxt: dict[str, list[str]], regions: dict[str, _Region]) -> list[str]:
    """Members of a 'continues' component in chain order (text order when the links do not form one chain)."""
    linked_to = {t for o in members for t in nxt.get(o, ())}
    heads = [m for m in members if m not in linked_to]
    if len(heads) == 1 and all(len(nxt.get(m, ())) <= 1 for m in members):
        out: list[str] = []
        cur: str | None = heads[0]
        while cur is not None and cur not in out:
            out.append(cur)
            follow = nxt.get(cur, [])
            cur = follow[0] if follow else None
        if len(out) == len(members):
            return out
    by_pos = sorted(members, key=lambda m: (regions[m].span.start, regions[m].span.end))
    r.add(regions[members[0]].index, "chain-not-linear",
          f"'continues' links between regions {', '.join(members)} do not form one chain; spans are taken in "
          f"text order", members[0], reject=False, severity="warning")
    return by_pos


def _attr(r: _Reader, region: _Region, control: str) -> str | None:
    got = region.attrs.get(control)
    return got[0] if got else None


def _group_attr(r: _Reader, group: list[_Region], control: str, what: str) -> str | None:
    # the common case first: at most one value, or the same value on every region (nothing to report)
    first = None
    for reg in group:
        got = reg.attrs.get(control)
        if got is not None:
            if first is None:
                first = got[0]
            elif got[0] != first:
                break
    else:
        return first
    values = [(reg, reg.attrs[control]) for reg in group if control in reg.attrs]
    distinct = list(dict.fromkeys(v for _, (v, _i) in values))
    if len(distinct) > 1:
        reg, (_, i) = values[-1]
        r.add(i, "attribute-conflict", f"{what} has different {control} values {distinct}; keep one "
                                       f"(the first, {distinct[0]!r}, is used)", reg.rid)
    return distinct[0] if distinct else None


def _build(r: _Reader, base: Document, regions: dict[str, _Region], relations: list[_Relation]) -> Document:
    inv = inventory()
    roles = _roles()
    by_control: dict[str, list[_Region]] = defaultdict(list)
    # regions were added in item order, so the dict is already sorted by index
    for reg in regions.values():
        by_control[reg.control].append(reg)

    def rel_ok(rel: _Relation, want_src: tuple[str, str | None], want_dst: tuple[str, str | None]) -> bool:
        a, b = regions.get(rel.src), regions.get(rel.dst)
        if a is not None and b is not None and a.control == want_src[0] and b.control == want_dst[0] \
                and (want_src[1] is None or a.label == want_src[1]) and (want_dst[1] is None or b.label == want_dst[1]):
            return True
        if a is None or b is None:
            missing = rel.src if a is None else rel.dst
            r.add(rel.index, "relation-missing-region",
                  f"{rel.label!r} relation points at region {missing!r}, which is not in this annotation "
                  f"(deleted or rejected); redraw the relation", missing)
            return False
        if not (_fits(a, want_src) and _fits(b, want_dst)):
            r.add(rel.index, "relation-bad-endpoint",
                  f"{rel.label!r} goes from a {want_src[1] or want_src[0]} region to a {want_dst[1] or want_dst[0]} "
                  f"region; got {a.label} ({a.control}) -> {b.label} ({b.control})", rel.src)
            return False
        return True

    by_label: dict[str, list[_Relation]] = defaultdict(list)
    for rel in relations:
        if rel.label in roles:
            by_label["<role>"].append(rel)
        else:
            by_label[rel.label].append(rel)

    # mentions
    mentions: list[Mention] = []
    mention_id: dict[str, str] = {}
    for reg in by_control[C.MENTION]:
        form = reg.attrs.get(C.FORM)
        if form is None:
            r.add(reg.index, "missing-attribute", f"mention {reg.span.text!r} has no form; choose one of "
                                                  f"{', '.join(inv.forms)}", reg.rid)
            continue
        mention_id[reg.rid] = _strip(reg.rid, C.MENTION)
        mentions.append(Mention(mention_id[reg.rid], reg.span, reg.label, form[0], reg.score))

    # clusters: connected groups of coref links plus single mentions that carry entity fields
    coref = []
    MENTION, NAME, KEY, WIKIDATA = C.MENTION, C.ENTITY_NAME, C.ENTITY_KEY, C.WIKIDATA
    for rel in by_label[C.COREF]:
        a, b = regions.get(rel.src), regions.get(rel.dst)
        if a is not None and b is not None and a.control == MENTION and b.control == MENTION \
                or rel_ok(rel, *_ENDPOINTS[C.COREF]):
            if rel.src in mention_id and rel.dst in mention_id:
                coref.append((rel.src, rel.dst))
            else:
                r.add(rel.index, "relation-missing-region", "coref link touches a rejected mention", rel.src)
    kept_mentions = [g for g in by_control[MENTION] if g.rid in mention_id]
    entity_regions = [g.rid for g in kept_mentions if NAME in g.attrs or KEY in g.attrs or WIKIDATA in g.attrs]
    clusters: list[Cluster] = []
    cluster_order: list[int] = []
    cluster_of: dict[str, str] = {}
    taken: set[str] = set()
    for comp in _components([g.rid for g in kept_mentions], coref, entity_regions):
        group = [regions[m] for m in comp]
        name = _group_attr(r, group, NAME, "entity")
        key = _group_attr(r, group, KEY, "entity")
        wikidata = _group_attr(r, group, WIKIDATA, "entity")
        head = group[0]
        if name is None:
            name = head.span.text
            r.add(head.index, "entity-name-missing", f"entity of {head.span.text!r} has no canonical name; the "
                                                     f"mention's text is used", head.rid, reject=False,
                  severity="warning")
        if wikidata is not None and not _WIKIDATA.fullmatch(wikidata):
            r.add(head.attrs[C.WIKIDATA][1], "bad-wikidata", f"Wikidata id {wikidata!r} is not of the form Q123; "
                                                              f"it is left out", head.rid)
            wikidata = None
        if key is not None and (not ID_PATTERN.match(key) or key in taken):
            r.add(head.attrs.get(C.ENTITY_KEY, (None, head.index))[1], "bad-key",
                  f"entity key {key!r} is {'already used' if key in taken else 'not a valid id'}; a key is "
                  f"derived from the first mention instead", head.rid)
            key = None
        cid = key or f"c-{mention_id[head.rid]}"
        while cid in taken:
            cid += "_"
        taken.add(cid)
        # a cluster's score rides on the entity_name item of its head mention
        clusters.append(Cluster(cid, name, tuple([mention_id[m] for m in comp]), wikidata,
                                r.scores.get((head.rid, NAME))))
        # clusters keep the order of their entity fields in the result (the writer's order), else of their head
        first = None
        for g in group:
            for field_ in _ENTITY_FIELDS:
                entry = g.attrs.get(field_)
                if entry is not None and (first is None or entry[1] < first):
                    first = entry[1]
        cluster_order.append(head.index if first is None else first)
        for m in comp:
            cluster_of[m] = cid

    clusters = [c for _, c in sorted(zip(cluster_order, clusters), key=lambda oc: oc[0])]

    # events and arguments
    events: list[Event] = []
    event_id: dict[str, str] = {}
    args: dict[str, list[Argument]] = defaultdict(list)
    for rel in by_label["<role>"]:
        if not rel_ok(rel, (C.TRIGGER, None), (C.MENTION, None)):
            continue
        if rel.dst not in mention_id:
            r.add(rel.index, "relation-missing-region", f"argument {rel.label} points at a rejected mention",
                  rel.dst)
            continue
        etype = regions[rel.src].label
        if rel.label not in inv.roles_by_type[etype]:
            r.add(rel.index, "role-not-allowed", f"role {rel.label} is not allowed for event type {etype}; "
                                                 f"expected one of {', '.join(inv.roles_by_type[etype])}", rel.src)
            continue
        args[rel.src].append(Argument(rel.label, mention_id[rel.dst], rel.score))
    for reg in by_control[C.TRIGGER]:
        values = {}
        attrs = reg.attrs
        for control, default in EVENT_DEFAULTS.items():
            entry = attrs.get(control)
            if entry is None:
                r.counts["attributes_defaulted"] += 1
                values[control] = default
            else:
                values[control] = entry[0]
        mode = _attr(r, reg, C.MODE)
        if mode is not None and mode not in inv.modes_by_type[reg.label]:
            allowed = ", ".join(inv.modes_by_type[reg.label]) or "none"
            r.add(reg.attrs[C.MODE][1], "mode-not-allowed", f"mode {mode!r} is not a mode of {reg.label} "
                                                            f"(allowed: {allowed}); it is left out", reg.rid)
            mode = None
        event_id[reg.rid] = _strip(reg.rid, C.TRIGGER)
        events.append(Event(event_id[reg.rid], reg.label, reg.span, tuple(args[reg.rid]), values[C.POLARITY],
                            values[C.TENSE], values[C.GENERICITY], values[C.MODALITY], mode, reg.score))

    same = [(rel.src, rel.dst) for rel in by_label[C.SAME_EVENT] if rel_ok(rel, *_ENDPOINTS[C.SAME_EVENT])]
    keyed = [g.rid for g in by_control[C.TRIGGER] if C.EVENT_KEY in g.attrs]
    event_clusters: list[EventCluster] = []
    ec_order: list[int] = []
    taken = set()
    for comp in _components([g.rid for g in by_control[C.TRIGGER]], same, keyed):
        group = [regions[m] for m in comp]
        key = _group_attr(r, group, C.EVENT_KEY, "event cluster")
        if len(comp) < 2:
            r.add(group[0].attrs[C.EVENT_KEY][1], "event-cluster-single",
                  "an event cluster key on a trigger with no same-event link; link at least two triggers", comp[0])
            continue
        if key is not None and (not ID_PATTERN.match(key) or key in taken):
            r.add(group[0].index, "bad-key", f"event cluster key {key!r} is not a valid, unused id; a key is "
                                             f"derived instead", comp[0], reject=False, severity="warning")
            key = None
        ecid = key or f"ec-{event_id[comp[0]]}"
        taken.add(ecid)
        event_clusters.append(EventCluster(ecid, tuple(event_id[m] for m in comp),
                                           r.scores.get((group[0].rid, C.EVENT_KEY))))
        ec_order.append(group[0].attrs[C.EVENT_KEY][1] if C.EVENT_KEY in group[0].attrs else group[0].index)
    event_clusters = [c for _, c in sorted(zip(ec_order, event_clusters), key=lambda oc: oc[0])]

    # quotes: chains of content regions
    contents = [g for g in by_control[C.QUOTE] if g.label == C.QUOTE_CONTENT]
    nxt: dict[str, list[str]] = defaultdict(list)
    stance_nxt: dict[str, list[str]] = defaultdict(list)
    chain_edges, stance_edges = [], []
    for rel in by_label[C.CONTINUES]:
        a, b = regions.get(rel.src), regions.get(rel.dst)
        if a is not None and b is not None and a.control == b.control == C.STANCE:
            stance_nxt[rel.src].append(rel.dst)
            stance_edges.append((rel.src, rel.dst))
        elif rel_ok(rel, (C.QUOTE, C.QUOTE_CONTENT), (C.QUOTE, C.QUOTE_CONTENT)):
            nxt[rel.src].append(rel.dst)
            chain_edges.append((rel.src, rel.dst))
    quote_of: dict[str, str] = {}
    quote_parts: list[tuple[str, list[str]]] = []
    for comp in _components([g.rid for g in contents], chain_edges, [g.rid for g in contents]):
        ordered = _chain(r, comp, nxt, regions) if len(comp) > 1 else comp
        qid = _strip(ordered[0], C.QUOTE)
        for m in comp:
            quote_of[m] = qid
        quote_parts.append((qid, ordered))
    links: dict[str, dict[str, list[_Relation]]] = defaultdict(lambda: defaultdict(list))
    for label in (C.CUE, C.SPEAKER, C.NESTED_IN):
        for rel in by_label[label]:
            if rel_ok(rel, *_ENDPOINTS[label]):
                links[quote_of[rel.src]][label].append(rel)
    linked_cues = {rel.dst for q in links.values() for rel in q[C.CUE]}
    for g in by_control[C.QUOTE]:
        if g.label == C.QUOTE_CUE and g.rid not in linked_cues:
            r.add(g.index, "orphan-cue", f"cue {g.span.text!r} is not linked from any quote content by a 'cue' "
                                         f"relation", g.rid)
    quotes: list[Quote] = []
    for qid, ordered in quote_parts:
        group = [regions[m] for m in ordered]
        kind = _group_attr(r, group, C.QUOTE_KIND, "quote")
        if kind is None:
            r.add(group[0].index, "missing-attribute", f"quote {group[0].span.text[:40]!r} has no quote_kind; "
                                                       f"choose one of {', '.join(inv.quote_kinds)}", group[0].rid)
            for m in ordered:
                quote_of.pop(m, None)
            continue
        q_links = links.get(qid, {})
        cue = _single(r, q_links.get(C.CUE, []), "cue")
        speaker = _single(r, q_links.get(C.SPEAKER, []), "speaker")
        parent = _single(r, q_links.get(C.NESTED_IN, []), "nested-in")
        if speaker is not None and speaker.dst not in mention_id:
            r.add(speaker.index, "relation-missing-region", "speaker points at a rejected mention", speaker.dst)
            speaker = None
        quotes.append(Quote(qid, kind, tuple(regions[m].span for m in ordered),
                            regions[cue.dst].span if cue else None,
                            mention_id[speaker.dst] if speaker else None,
                            parent.dst if parent else None, group[0].score))
    # parents resolve after every quote is known (a parent may come later in the text)
    quotes = [_resolve_parent(r, q, quote_of, links) for q in quotes]

    # stances
    stances: list[Stance] = []
    stance_links: dict[str, dict[str, list[_Relation]]] = defaultdict(lambda: defaultdict(list))
    stance_regions = by_control[C.STANCE]
    heads: dict[str, str] = {}
    parts: list[list[str]] = []
    for comp in _components([g.rid for g in stance_regions], stance_edges, [g.rid for g in stance_regions]):
        ordered = _chain(r, comp, stance_nxt, regions) if len(comp) > 1 else comp
        parts.append(ordered)
        for m in comp:
            heads[m] = ordered[0]
    for label in (C.HOLDER, C.TARGET, C.EVIDENCE_QUOTE):
        for rel in by_label[label]:
            if label == C.TARGET:
                a, b = regions.get(rel.src), regions.get(rel.dst)
                if a is None or b is None or a.control != C.STANCE or b.control not in (C.MENTION, C.TRIGGER):
                    rel_ok(rel, (C.STANCE, None), (C.MENTION, None))
                    continue
            elif not rel_ok(rel, *_ENDPOINTS[label]):
                continue
            stance_links[heads[rel.src]][label].append(rel)
    for ordered in parts:
        group = [regions[m] for m in ordered]
        head = group[0]
        sid = _strip(head.rid, C.STANCE)
        polarity = _group_attr(r, group, C.STANCE_POLARITY, "stance")
        topic = _group_attr(r, group, C.STANCE_TOPIC, "stance")
        s_links = stance_links.get(head.rid, {})
        holder_rel = _single(r, s_links.get(C.HOLDER, []), "holder")
        target_rel = _single(r, s_links.get(C.TARGET, []), "target")
        problem = None
        holder = cluster_of.get(holder_rel.dst) if holder_rel else None
        if polarity is None:
            problem = ("missing-attribute", f"stance has no polarity; choose one of "
                                            f"{', '.join(inv.stance_polarities)}")
        elif holder_rel is None:
            problem = ("stance-holder-missing", "stance has no 'holder' relation to a mention of the holder")
        elif holder is None:
            problem = ("holder-not-an-entity", f"holder mention {regions[holder_rel.dst].span.text!r} belongs to "
                                               f"no entity (no coref link and no canonical name)")
        target = None
        if problem is None:
            if target_rel is not None and topic is not None:
                problem = ("stance-target-conflict", "stance has both a 'target' relation and a free-text topic; "
                                                     "keep one")
            elif topic is not None:
                target = Target("topic", None, topic)
            elif target_rel is None:
                problem = ("stance-target-missing", "stance has no 'target' relation and no stance_topic")
            elif regions[target_rel.dst].control == C.TRIGGER:
                target = Target("event", event_id[target_rel.dst], None)
            elif target_rel.dst in cluster_of:
                target = Target("cluster", cluster_of[target_rel.dst], None)
            else:
                problem = ("target-not-an-entity", f"target mention {regions[target_rel.dst].span.text!r} "
                                                   f"belongs to no entity")
        if problem is not None:
            r.add(head.index, problem[0], problem[1], head.rid)
            continue
        for rel in s_links.get(C.EVIDENCE_QUOTE, []):
            if rel.dst not in quote_of:
                r.add(rel.index, "relation-missing-region", "evidence-quote points at a quote that was rejected",
                      rel.dst)
        evidence_quotes = tuple(dict.fromkeys(quote_of[rel.dst] for rel in s_links.get(C.EVIDENCE_QUOTE, [])
                                              if rel.dst in quote_of))
        spans = tuple(g.span for g in group if g.label == C.STANCE_EVIDENCE)
        stances.append(Stance(sid, holder, target, polarity, Evidence(evidence_quotes, spans),  # type: ignore[arg-type]
                              head.score))
    known = _known_relation_labels()
    for rel in relations:
        if rel.label not in known:
            r.add(rel.index, "unknown-label", f"relation label {rel.label!r} is unknown")
    return base.replace(mentions=tuple(mentions), clusters=tuple(clusters), events=tuple(events),
                        event_clusters=tuple(event_clusters), quotes=tuple(quotes), stances=tuple(stances))


def _single(r: _Reader, rels: list[_Relation], what: str) -> _Relation | None:
    for extra in rels[1:]:
        r.add(extra.index, "relation-duplicate", f"a second {what!r} relation from the same item; only one is "
                                                 f"allowed (the first is kept)", extra.src)
    return rels[0] if rels else None


def _resolve_parent(r: _Reader, q: Quote, quote_of: dict[str, str],
                    links: dict[str, dict[str, list[_Relation]]]) -> Quote:
    if q.parent is None:
        return q
    parent = quote_of.get(q.parent)
    if parent is None or parent == q.id:
        rel = links[q.id][C.NESTED_IN][0]
        r.add(rel.index, "relation-missing-region", f"nested-in points at {q.parent!r}, which is not a kept quote",
              rel.src)
        return Quote(q.id, q.kind, q.content, q.cue, q.speaker, None, q.score)
    return Quote(q.id, q.kind, q.content, q.cue, q.speaker, parent, q.score)
