"""The one in-memory document type: frozen dataclasses for spans and the four annotation layers.

Spans are character offsets into ``Document.text`` (Python code points, 0-based, end-exclusive) and carry the
covered text. Gold and predictions are the same type; ``score`` is never part of equality.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        """The span of ``text[start:end]``."""
        return cls(start, end, text[start:end])


@dataclass(frozen=True)
class Passage:
    id: str
    type: str  # title | heading | paragraph
    span: Span


@dataclass(frozen=True)
class Mention:
    id: str
    span: Span
    label: str
    form: str
    score: float | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Cluster:
    id: str
    name: str
    members: tuple[str, ...]
    wikidata: str | None = None
    score: float | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Argument:
    role: str
    mention: str
    score: float | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    trigger: Span
    arguments: tuple[Argument, ...] = ()
    polarity: str = "POSITIVE"
    tense: str = "UNSPECIFIED"
    genericity: str = "SPECIFIC"
    modality: str = "ASSERTED"
    mode: str | None = None
    score: float | None = field(default=None, compare=False)


@dataclass(frozen=True)
class EventCluster:
    id: str
    members: tuple[str, ...]
    score: float | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Quote:
    id: str
    kind: str  # direct | indirect | mixed
    content: tuple[Span, ...]
    cue: Span | None = None
    speaker: str | None = None
    parent: str | None = None
    score: float | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Target:
    kind: str  # cluster | event | topic
    ref: str | None = None
    topic: str | None = None


@dataclass(frozen=True)
class Evidence:
    quotes: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Stance:
    id: str
    holder: str
    target: Target
    polarity: str
    evidence: Evidence = Evidence()
    score: float | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Metadata:
    date: str
    source: str
    subset: str
    title: str
    language: str
    license: str
    phenomena: tuple[str, ...] = ()
    url: str | None = None
    header_length: int | None = None
    seed_file: str | None = None


@dataclass(frozen=True)
class Provenance:
    origin: str | None = None
    annotator: str | None = None
    file: str | None = None
    task: int | None = None
    annotation: int | None = None
    model: str | None = None


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    metadata: Metadata | None = None
    passages: tuple[Passage, ...] = ()
    mentions: tuple[Mention, ...] = ()
    clusters: tuple[Cluster, ...] = ()
    events: tuple[Event, ...] = ()
    event_clusters: tuple[EventCluster, ...] = ()
    quotes: tuple[Quote, ...] = ()
    stances: tuple[Stance, ...] = ()
    provenance: Provenance | None = None

    def span(self, start: int, end: int) -> Span:
        """A span of this document's text."""
        return Span.of(self.text, start, end)

    def replace(self, **changes: Any) -> "Document":
        """A copy with some fields changed (documents are frozen)."""
        return replace(self, **changes)

    def without_annotations(self) -> "Document":
        """The same text, metadata and passages with every annotation layer emptied."""
        return replace(self, mentions=(), clusters=(), events=(), event_clusters=(), quotes=(), stances=(),
                       provenance=None)

    def mention_by_id(self) -> dict[str, Mention]:
        return {m.id: m for m in self.mentions}

    def cluster_of(self) -> dict[str, Cluster]:
        """Map mention id -> the cluster it belongs to."""
        return {member: c for c in self.clusters for member in c.members}


LAYERS = ("mentions", "clusters", "events", "quotes", "stances")
