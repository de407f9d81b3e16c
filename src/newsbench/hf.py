"""The Hugging Face side of the corpus: one ``Features`` object per config, Document <-> row, parquet writing.

``features(config)`` is the single definition of every column; the parquet writer (pyarrow, zstd, with the
features stored under the schema metadata key ``huggingface``) and the dataset card both use it, so what
``datasets.load_dataset`` reports always equals what the code says. Closed label sets are ``ClassLabel`` with the
names of ``newsbench.schema.inventory()``; rows carry their integer codes (a dict lookup, not ``encode_example``).
The ``documents`` config is lossless: ``document_from_row(document_row(doc)) == doc`` with scores included.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from .model import (Argument, Cluster, Document, Event, EventCluster, Evidence, Mention, Metadata, Passage,
                    Provenance, Quote, Span, Stance, Target)
from .problems import NewsbenchError, Problem
from .schema import inventory

if TYPE_CHECKING:
    import datasets

CONFIGS = ("documents", "ner", "events", "quotes", "stances", "bigbio_kb")
DEFAULT_CONFIG = "documents"
SPLITS = ("train", "validation", "test")


def parquet_name(config: str, split: str) -> str:
    """The file of one config and split, named as ``push_to_hub`` names it."""
    return f"{config}/{split}-00000-of-00001.parquet"


# ----------------------------------------------------------------------------------------------- label sets

def ner_tags() -> tuple[str, ...]:
    """BIO tags over the OntoNotes labels, conll2003 style: O, then B-/I- per label in schema order."""
    return ("O",) + tuple(f"{p}-{label}" for label in inventory().labels for p in ("B", "I"))


@lru_cache(maxsize=1)
def _codes() -> dict[str, dict[str, int]]:
    """Label name -> ClassLabel code for every closed set the rows encode."""
    inv = inventory()
    sets = {"label": inv.labels, "form": inv.forms, "event_type": inv.event_types, "role": inv.roles,
            "polarity": inv.polarity, "tense": inv.tense, "genericity": inv.genericity, "modality": inv.modality,
            "quote_kind": inv.quote_kinds, "stance_polarity": inv.stance_polarities,
            "target_kind": inv.target_kinds, "passage_type": inv.passage_types, "subset": inv.subsets,
            "ner": ner_tags()}
    return {name: {v: i for i, v in enumerate(values)} for name, values in sets.items()}


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, ...]]:
    return {name: tuple(codes) for name, codes in _codes().items()}


# ------------------------------------------------------------------------------------------------ features

def features(config: str) -> "datasets.Features":
    """The ``datasets.Features`` of a config (the one definition the writer and the card share)."""
    if config not in CONFIGS:
        raise NewsbenchError(f"unknown config {config!r}; expected one of {', '.join(CONFIGS)}")
    return _features(config)


@lru_cache(maxsize=None)
def _features(config: str) -> "datasets.Features":
    from datasets import ClassLabel, Features, List, Value

    names = _names()

    def cl(name: str) -> ClassLabel:
        return ClassLabel(names=list(names[name]))

    string, i32, i64, f64 = Value("string"), Value("int32"), Value("int64"), Value("float64")

    def span() -> dict[str, Any]:
        return {"start": i32, "end": i32, "text": string}

    if config == "documents":
        return Features({
            "id": string,
            "text": string,
            "metadata": {"date": string, "source": string, "subset": cl("subset"), "title": string,
                         "language": string, "license": string, "phenomena": List(string), "url": string,
                         "header_length": i32, "seed_file": string},
            "passages": List({"id": string, "type": cl("passage_type"), **span()}),
            "mentions": List({"id": string, **span(), "label": cl("label"), "form": cl("form"), "score": f64}),
            "clusters": List({"id": string, "name": string, "members": List(string), "wikidata": string,
                              "score": f64}),
            "events": List({"id": string, "type": cl("event_type"), "trigger": span(),
                            "arguments": List({"role": cl("role"), "mention": string, "score": f64}),
                            "polarity": cl("polarity"), "tense": cl("tense"), "genericity": cl("genericity"),
                            "modality": cl("modality"), "mode": string, "score": f64}),
            "event_clusters": List({"id": string, "members": List(string), "score": f64}),
            "quotes": List({"id": string, "kind": cl("quote_kind"), "content": List(span()), "cue": span(),
                            "speaker": string, "parent": string, "score": f64}),
            "stances": List({"id": string, "holder": string,
                             "target": {"kind": cl("target_kind"), "ref": string, "topic": string},
                             "polarity": cl("stance_polarity"),
                             "evidence": {"quotes": List(string), "spans": List(span())}, "score": f64}),
            "provenance": {"origin": string, "annotator": string, "file": string, "task": i64, "annotation": i64,
                           "model": string},
        })
    if config == "ner":
        return Features({
            "id": string, "document_id": string, "subset": cl("subset"), "sentence": i32,
            "start": i32, "end": i32,
            "tokens": List(string), "token_starts": List(i32), "ner_tags": List(cl("ner")),
        })
    if config == "events":
        return Features({
            "id": string, "document_id": string, "subset": cl("subset"), "event_id": string,
            "type": cl("event_type"), "trigger": span(),
            "arguments": List({"role": cl("role"), "mention_id": string, **span(), "label": string,
                               "entity": string}),
            "polarity": cl("polarity"), "tense": cl("tense"), "genericity": cl("genericity"),
            "modality": cl("modality"), "mode": string, "event_cluster": string,
        })
    if config == "quotes":
        return Features({
            "id": string, "document_id": string, "subset": cl("subset"), "quote_id": string,
            "kind": cl("quote_kind"), "content": List(span()), "content_text": string, "cue": span(),
            "speaker_id": string, "speaker_text": string, "speaker_name": string, "speaker_label": string,
            "speaker_form": string, "parent": string,
        })
    if config == "stances":
        return Features({
            "id": string, "document_id": string, "subset": cl("subset"), "stance_id": string,
            "holder_id": string, "holder_name": string, "target_kind": cl("target_kind"), "target_id": string,
            "target_text": string, "polarity": cl("stance_polarity"), "evidence_quote_ids": List(string),
            "evidence_texts": List(string), "evidence_spans": List(span()),
        })
    # bigbio_kb: the BigBio knowledge-base schema (string types, offsets into the passages joined by spaces)
    bb_span = {"text": List(string), "offsets": List(List(i32))}
    return Features({
        "id": string, "document_id": string,
        "passages": List({"id": string, "type": string, **bb_span}),
        "entities": List({"id": string, "type": string, **bb_span,
                          "normalized": List({"db_name": string, "db_id": string})}),
        "events": List({"id": string, "type": string, "trigger": bb_span,
                        "arguments": List({"role": string, "ref_id": string})}),
        "coreferences": List({"id": string, "entity_ids": List(string)}),
        "relations": List({"id": string, "type": string, "arg1_id": string, "arg2_id": string,
                           "normalized": List({"db_name": string, "db_id": string})}),
    })


# ------------------------------------------------------------------------------------ documents: lossless

def _span(s: Span) -> dict[str, Any]:
    return {"start": s.start, "end": s.end, "text": s.text}


def document_row(doc: Document) -> dict[str, Any]:
    """The ``documents`` row of a document (ClassLabel values as codes)."""
    c = _codes()
    md = doc.metadata
    pv = doc.provenance
    return {
        "id": doc.id,
        "text": doc.text,
        "metadata": None if md is None else {
            "date": md.date, "source": md.source, "subset": c["subset"][md.subset], "title": md.title,
            "language": md.language, "license": md.license, "phenomena": list(md.phenomena), "url": md.url,
            "header_length": md.header_length, "seed_file": md.seed_file},
        "passages": [{"id": p.id, "type": c["passage_type"][p.type], **_span(p.span)} for p in doc.passages],
        "mentions": [{"id": m.id, **_span(m.span), "label": c["label"][m.label], "form": c["form"][m.form],
                      "score": m.score} for m in doc.mentions],
        "clusters": [{"id": k.id, "name": k.name, "members": list(k.members), "wikidata": k.wikidata,
                      "score": k.score} for k in doc.clusters],
        "events": [{"id": e.id, "type": c["event_type"][e.type], "trigger": _span(e.trigger),
                    "arguments": [{"role": c["role"][a.role], "mention": a.mention, "score": a.score}
                                  for a in e.arguments],
                    "polarity": c["polarity"][e.polarity], "tense": c["tense"][e.tense],
                    "genericity": c["genericity"][e.genericity], "modality": c["modality"][e.modality],
                    "mode": e.mode, "score": e.score} for e in doc.events],
        "event_clusters": [{"id": k.id, "members": list(k.members), "score": k.score} for k in doc.event_clusters],
        "quotes": [{"id": q.id, "kind": c["quote_kind"][q.kind], "content": [_span(s) for s in q.content],
                    "cue": None if q.cue is None else _span(q.cue), "speaker": q.speaker, "parent": q.parent,
                    "score": q.score} for q in doc.quotes],
        "stances": [{"id": s.id, "holder": s.holder,
                     "target": {"kind": c["target_kind"][s.target.kind], "ref": s.target.ref,
                                "topic": s.target.topic},
                     "polarity": c["stance_polarity"][s.polarity],
                     "evidence": {"quotes": list(s.evidence.quotes), "spans": [_span(x) for x in s.evidence.spans]},
                     "score": s.score} for s in doc.stances],
        "provenance": None if pv is None else {
            "origin": pv.origin, "annotator": pv.annotator, "file": pv.file, "task": pv.task,
            "annotation": pv.annotation, "model": pv.model},
    }


def _to_span(d: Mapping[str, Any]) -> Span:
    return Span(d["start"], d["end"], d["text"])


def document_from_row(row: Mapping[str, Any]) -> Document:
    """The canonical document of a ``documents`` row (codes or names both accepted for ClassLabel values)."""
    n = _names()

    def name(kind: str, value: Any) -> str:
        return n[kind][value] if isinstance(value, int) else value

    md = row.get("metadata")
    pv = row.get("provenance")
    return Document(
        id=row["id"],
        text=row["text"],
        metadata=None if md is None else Metadata(
            date=md["date"], source=md["source"], subset=name("subset", md["subset"]), title=md["title"],
            language=md["language"], license=md["license"], phenomena=tuple(md["phenomena"]), url=md["url"],
            header_length=md["header_length"], seed_file=md["seed_file"]),
        passages=tuple(Passage(p["id"], name("passage_type", p["type"]), _to_span(p)) for p in row["passages"]),
        mentions=tuple(Mention(m["id"], _to_span(m), name("label", m["label"]), name("form", m["form"]), m["score"])
                       for m in row["mentions"]),
        clusters=tuple(Cluster(k["id"], k["name"], tuple(k["members"]), k["wikidata"], k["score"])
                       for k in row["clusters"]),
        events=tuple(Event(e["id"], name("event_type", e["type"]), _to_span(e["trigger"]),
                           tuple(Argument(name("role", a["role"]), a["mention"], a["score"]) for a in e["arguments"]),
                           name("polarity", e["polarity"]), name("tense", e["tense"]),
                           name("genericity", e["genericity"]), name("modality", e["modality"]), e["mode"],
                           e["score"]) for e in row["events"]),
        event_clusters=tuple(EventCluster(k["id"], tuple(k["members"]), k["score"]) for k in row["event_clusters"]),
        quotes=tuple(Quote(q["id"], name("quote_kind", q["kind"]), tuple(_to_span(s) for s in q["content"]),
                           None if q["cue"] is None else _to_span(q["cue"]), q["speaker"], q["parent"], q["score"])
                     for q in row["quotes"]),
        stances=tuple(Stance(s["id"], s["holder"],
                             Target(name("target_kind", s["target"]["kind"]), s["target"]["ref"],
                                    s["target"]["topic"]),
                             name("stance_polarity", s["polarity"]),
                             Evidence(tuple(s["evidence"]["quotes"]), tuple(_to_span(x) for x in s["evidence"]["spans"])),
                             s["score"]) for s in row["stances"]),
        provenance=None if pv is None else Provenance(
            origin=pv["origin"], annotator=pv["annotator"], file=pv["file"], task=pv["task"],
            annotation=pv["annotation"], model=pv["model"]),
    )


# ----------------------------------------------------------------------------- events, quotes, stances

def _subset(doc: Document) -> int | None:
    return None if doc.metadata is None else _codes()["subset"][doc.metadata.subset]


def event_rows(doc: Document) -> Iterator[dict[str, Any]]:
    """One row per event: trigger, arguments with their texts and entity names, attributes."""
    c = _codes()
    mentions = doc.mention_by_id()
    cluster_of = doc.cluster_of()
    event_cluster = {member: k.id for k in doc.event_clusters for member in k.members}
    subset = _subset(doc)
    for e in doc.events:
        arguments = []
        for a in e.arguments:
            m = mentions[a.mention]
            k = cluster_of.get(a.mention)
            arguments.append({"role": c["role"][a.role], "mention_id": a.mention, **_span(m.span), "label": m.label,
                              "entity": k.name if k else m.span.text})
        yield {"id": f"{doc.id}/{e.id}", "document_id": doc.id, "subset": subset, "event_id": e.id,
               "type": c["event_type"][e.type], "trigger": _span(e.trigger), "arguments": arguments,
               "polarity": c["polarity"][e.polarity], "tense": c["tense"][e.tense],
               "genericity": c["genericity"][e.genericity], "modality": c["modality"][e.modality], "mode": e.mode,
               "event_cluster": event_cluster.get(e.id)}


def quote_text(q: Quote) -> str:
    """The reported words of a quote: its content spans joined by a space, in text order."""
    return " ".join(s.text for s in sorted(q.content, key=lambda s: (s.start, s.end)))


def quote_rows(doc: Document) -> Iterator[dict[str, Any]]:
    """One row per quote: content, cue, the speaker's mention and canonical name."""
    c = _codes()
    mentions = doc.mention_by_id()
    cluster_of = doc.cluster_of()
    subset = _subset(doc)
    for q in doc.quotes:
        m = mentions.get(q.speaker) if q.speaker else None
        k = cluster_of.get(q.speaker) if q.speaker else None
        yield {"id": f"{doc.id}/{q.id}", "document_id": doc.id, "subset": subset, "quote_id": q.id,
               "kind": c["quote_kind"][q.kind], "content": [_span(s) for s in q.content],
               "content_text": quote_text(q), "cue": None if q.cue is None else _span(q.cue),
               "speaker_id": q.speaker, "speaker_text": m.span.text if m else None,
               "speaker_name": k.name if k else (m.span.text if m else None),
               "speaker_label": m.label if m else None, "speaker_form": m.form if m else None,
               "parent": q.parent}


def stance_rows(doc: Document) -> Iterator[dict[str, Any]]:
    """One row per stance: holder name, target text, polarity, evidence texts."""
    c = _codes()
    clusters = {k.id: k for k in doc.clusters}
    events = {e.id: e for e in doc.events}
    quotes = {q.id: q for q in doc.quotes}
    subset = _subset(doc)
    for s in doc.stances:
        t = s.target
        if t.kind == "cluster":
            target_text = clusters[t.ref].name if t.ref in clusters else None
        elif t.kind == "event":
            target_text = events[t.ref].trigger.text if t.ref in events else None
        else:
            target_text = t.topic
        holder = clusters.get(s.holder)
        yield {"id": f"{doc.id}/{s.id}", "document_id": doc.id, "subset": subset, "stance_id": s.id,
               "holder_id": s.holder, "holder_name": holder.name if holder else None,
               "target_kind": c["target_kind"][t.kind], "target_id": t.ref, "target_text": target_text,
               "polarity": c["stance_polarity"][s.polarity], "evidence_quote_ids": list(s.evidence.quotes),
               "evidence_texts": [quote_text(quotes[qid]) for qid in s.evidence.quotes if qid in quotes]
               + [x.text for x in s.evidence.spans],
               "evidence_spans": [_span(x) for x in s.evidence.spans]}


# -------------------------------------------------------------------------------------------- bigbio_kb

def bigbio_row(doc: Document) -> dict[str, Any]:
    """The BigBio ``bigbio_kb`` row: mentions, quote contents and cues as entities, clusters as coreferences,
    events with mention arguments, speakers and stances (cluster or event targets) as relations.

    BigBio offsets index the passages joined by single spaces; when a span lies outside every passage the whole
    text is the one passage. Topic targets have no BigBio form and are left out (documented in the card).
    """
    passages = list(doc.passages) or [Passage("p0", "paragraph", Span(0, len(doc.text), doc.text))]
    spans = [m.span for m in doc.mentions] + [e.trigger for e in doc.events] \
        + [s for q in doc.quotes for s in q.content] + [q.cue for q in doc.quotes if q.cue]
    starts, pos = [], 0
    for p in passages:
        starts.append(pos)
        pos += len(p.span.text) + 1
    bounds = [p.span.start for p in passages]
    sorted_bounds = bounds == sorted(bounds)

    def locate(s: Span) -> int | None:
        candidates: Iterable[int] = range(len(passages))
        if sorted_bounds:
            i = bisect_right(bounds, s.start) - 1
            candidates = (i,) if i >= 0 else ()
        for i in candidates:
            p = passages[i]
            if p.span.start <= s.start and s.end <= p.span.end:
                return starts[i] + s.start - p.span.start
        return None

    if any(locate(s) is None for s in spans):
        passages, starts, bounds = [Passage("p0", "paragraph", Span(0, len(doc.text), doc.text))], [0], [0]

    def offsets(s: Span) -> list[int]:
        begin = locate(s)
        if begin is None:  # cannot happen: every span was located above, or the whole text is the passage
            raise NewsbenchError(f"{doc.id}: span {s.start}-{s.end} lies outside every passage")
        return [begin, begin + s.end - s.start]

    pid = f"{doc.id}"
    mid = {m.id: f"{pid}-m-{m.id}" for m in doc.mentions}
    cluster_of = doc.cluster_of()
    entities = []
    for m in doc.mentions:
        k = cluster_of.get(m.id)
        normalized = [{"db_name": "wikidata", "db_id": k.wikidata}] if k is not None and k.wikidata else []
        entities.append({"id": mid[m.id], "type": m.label, "text": [m.span.text], "offsets": [offsets(m.span)],
                         "normalized": normalized})
    relations = []
    for q in doc.quotes:
        qid = f"{pid}-q-{q.id}"
        entities.append({"id": qid, "type": f"QUOTE_{q.kind.upper()}", "text": [s.text for s in q.content],
                         "offsets": [offsets(s) for s in q.content], "normalized": []})
        if q.cue is not None:
            entities.append({"id": f"{qid}-cue", "type": "CUE", "text": [q.cue.text], "offsets": [offsets(q.cue)],
                             "normalized": []})
            relations.append({"id": f"{qid}-r-cue", "type": "CUE_OF", "arg1_id": f"{qid}-cue", "arg2_id": qid,
                              "normalized": []})
        if q.speaker is not None:
            relations.append({"id": f"{qid}-r-speaker", "type": "SPEAKER_OF", "arg1_id": mid[q.speaker],
                              "arg2_id": qid, "normalized": []})
        if q.parent is not None:
            relations.append({"id": f"{qid}-r-parent", "type": "NESTED_IN", "arg1_id": qid,
                              "arg2_id": f"{pid}-q-{q.parent}", "normalized": []})
    eid = {e.id: f"{pid}-e-{e.id}" for e in doc.events}
    first_member = {k.id: mid[k.members[0]] for k in doc.clusters if k.members}
    for s in doc.stances:
        target = first_member.get(s.target.ref or "") if s.target.kind == "cluster" else \
            eid.get(s.target.ref or "") if s.target.kind == "event" else None
        holder = first_member.get(s.holder)
        if target is not None and holder is not None:
            relations.append({"id": f"{pid}-s-{s.id}", "type": f"STANCE_{s.polarity}", "arg1_id": holder,
                              "arg2_id": target, "normalized": []})
    return {
        "id": pid, "document_id": doc.id,
        "passages": [{"id": f"{pid}-{p.id}", "type": p.type, "text": [p.span.text],
                      "offsets": [[starts[i], starts[i] + len(p.span.text)]]} for i, p in enumerate(passages)],
        "entities": entities,
        "events": [{"id": eid[e.id], "type": e.type,
                    "trigger": {"text": [e.trigger.text], "offsets": [offsets(e.trigger)]},
                    "arguments": [{"role": a.role, "ref_id": mid[a.mention]} for a in e.arguments]}
                   for e in doc.events],
        "coreferences": [{"id": f"{pid}-c-{k.id}", "entity_ids": [mid[x] for x in k.members]} for k in doc.clusters]
        + [{"id": f"{pid}-ec-{k.id}", "entity_ids": [eid[x] for x in k.members]} for k in doc.event_clusters],
        "relations": relations,
    }


# ------------------------------------------------------------------------------------------------ parquet

def parquet_writer(config: str, path: Path) -> Any:
    """A pyarrow ParquetWriter for a config's file: the config's Arrow schema (which carries the features under
    the metadata key ``huggingface``, for a card-less load) and zstd. Same tables in, same bytes out."""
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    return pq.ParquetWriter(path, features(config).arrow_schema, compression="zstd")


def stored_features(path: Path) -> dict[str, Any] | None:
    """The features JSON a parquet file carries (schema metadata ``huggingface``), without importing datasets."""
    import json

    import pyarrow.parquet as pq

    meta = pq.read_schema(path).metadata or {}
    raw = meta.get(b"huggingface")
    return None if raw is None else json.loads(raw)["info"]["features"]


# ---------------------------------------------------------------------------------------------------- ner

@lru_cache(maxsize=1)
def tokenizer() -> Any:
    """spaCy's blank English pipeline (the rule-based tokenizer only; no model download)."""
    import spacy

    return spacy.blank("en")


@lru_cache(maxsize=1)
def _punct_chars() -> frozenset[str]:
    from spacy.pipeline import Sentencizer

    return frozenset(Sentencizer.default_punct_chars)


def _sentence_start_array(parsed: Any, text: str) -> tuple[Any, Any]:
    """(token array [IDX, LENGTH, IS_SPACE], sentence-start booleans) by spaCy's sentencizer rule, vectorized.

    The rule: the first token starts a sentence, and so does the first token after a sentence-final mark
    (``Sentencizer.default_punct_chars``) that is neither punctuation nor such a mark. Equivalently, a token that
    is neither starts a sentence when a mark lies between it and the previous such token.
    """
    import numpy as np

    punct = _punct_chars()
    arr = parsed.to_array(["IDX", "LENGTH", "IS_SPACE", "IS_PUNCT"]).astype(np.int64)
    n = len(arr)
    starts = np.zeros(n, dtype=bool)
    if n == 0:
        return arr[:, :3], starts
    candidates = np.flatnonzero((arr[:, 3] == 1) | (arr[:, 1] == 1))  # every mark is one character long
    mark = np.zeros(n, dtype=bool)
    for i in candidates.tolist():
        b = int(arr[i, 0])
        mark[i] = text[b:b + int(arr[i, 1])] in punct
    plain = np.flatnonzero(~mark & (arr[:, 3] == 0))
    marks_so_far = np.cumsum(mark)
    if len(plain):
        before = marks_so_far[plain]
        previous = np.concatenate(([0], before[:-1]))
        starts[plain[(before - previous) > 0]] = True
    starts[0] = True
    return arr[:, :3], starts


def sentence_starts(parsed: Any, text: str | None = None) -> list[bool]:
    """spaCy's sentencizer decisions for a tokenized Doc (tested equal to ``nlp.add_pipe("sentencizer")``), without
    building a Token object per token."""
    return _sentence_start_array(parsed, parsed.text if text is None else text)[1].tolist()


def ner_rows(doc: Document, nlp: Any = None, parsed: Any = None
             ) -> tuple[list[dict[str, Any]], list[Problem], dict[str, int]]:
    """One conll2003-shaped row per sentence, BIO tags over the named (NAM) mentions.

    The text is tokenized once (``parsed``: the spaCy Doc of ``doc.text``, when the caller batches with
    ``nlp.tokenizer.pipe``); a sentence starts where spaCy's sentencizer rule says and at every passage start,
    so a headline is its own sentence. Whitespace tokens are left out. Nested or overlapping named mentions keep the outermost
    (longest, then first) one: the others are counted under ``nested_dropped``. A mention whose start or end is
    not a token boundary, or that spans two sentences, is reported as a warning and left untagged, never shifted.
    """
    import numpy as np

    from .problems import pointer

    if parsed is None:
        parsed = (nlp or tokenizer())(doc.text)
    c = _codes()["ner"]
    stats = {"sentences": 0, "tokens": 0, "tagged": 0, "nested_dropped": 0, "not_on_token_boundary": 0,
             "crosses_sentence": 0}
    problems: list[Problem] = []

    text = doc.text
    arr, sent = _sentence_start_array(parsed, text)
    # a whitespace token that starts a sentence passes the start on to the next real token
    opened = np.cumsum(sent)
    keep = np.flatnonzero(arr[:, 2] == 0)
    begins, lengths = arr[keep, 0], arr[keep, 1]
    new_sentence = np.zeros(len(keep), dtype=bool)
    if len(keep):
        seen = opened[keep]
        new_sentence[1:] = seen[1:] != seen[:-1]
        passage_starts = np.array(sorted({p.span.start for p in doc.passages}), dtype=np.int64)
        in_passage = np.searchsorted(passage_starts, begins, side="right")
        new_sentence[1:] |= in_passage[1:] != in_passage[:-1]
        new_sentence[0] = True
    cuts = np.flatnonzero(new_sentence).tolist() + [len(keep)]
    begin_list, length_list = begins.tolist(), lengths.tolist()
    all_tokens = [text[b:b + n] for b, n in zip(begin_list, length_list)]
    sentences = [(all_tokens[a:b], begin_list[a:b]) for a, b in zip(cuts, cuts[1:])]
    where = [(k, i - a) for k, (a, b) in enumerate(zip(cuts, cuts[1:])) for i in range(a, b)]
    starts = dict(zip(begin_list, where))  # character offset -> (sentence, token)
    ends = {b + n: w for b, n, w in zip(begin_list, length_list, where)}
    tags = [[0] * len(tokens) for tokens, _ in sentences]

    index = {m.id: i for i, m in enumerate(doc.mentions)}
    named = sorted((m for m in doc.mentions if m.form == "NAM"), key=lambda m: (m.span.start, -m.span.end))
    last_end = -1
    for m in named:
        if m.span.start < last_end:
            stats["nested_dropped"] += 1
            continue
        last_end = m.span.end
        first, last = starts.get(m.span.start), ends.get(m.span.end)
        if first is None or last is None:
            stats["not_on_token_boundary"] += 1
            problems.append(Problem(doc.id, pointer("mentions", index[m.id]), "ner-not-on-token-boundary",
                                    f"mention {m.span.text!r} ({m.span.start}-{m.span.end}) does not start and end on "
                                    f"token boundaries of spaCy's English tokenizer; it is left out of the ner config "
                                    f"(the other configs keep it)", severity="warning"))
            continue
        if first[0] != last[0]:
            stats["crosses_sentence"] += 1
            problems.append(Problem(doc.id, pointer("mentions", index[m.id]), "ner-crosses-sentence",
                                    f"mention {m.span.text!r} ({m.span.start}-{m.span.end}) spans two sentences of the "
                                    f"sentencizer; it is left out of the ner config", severity="warning"))
            continue
        sent_tags = tags[first[0]]
        sent_tags[first[1]] = c[f"B-{m.label}"]
        inside = c[f"I-{m.label}"]
        for k in range(first[1] + 1, last[1] + 1):
            sent_tags[k] = inside
        stats["tagged"] += 1

    subset = _subset(doc)
    rows = []
    for k, ((tokens, offsets), sent_tags) in enumerate(zip(sentences, tags)):
        rows.append({"id": f"{doc.id}-{k}", "document_id": doc.id, "subset": subset, "sentence": k,
                     "start": offsets[0], "end": offsets[-1] + len(tokens[-1]), "tokens": tokens,
                     "token_starts": offsets, "ner_tags": sent_tags})
    stats["sentences"] = len(rows)
    stats["tokens"] = sum(len(t) for t, _ in sentences)
    return rows, problems, stats
