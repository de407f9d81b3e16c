"""Hypothesis strategies for valid newsbench documents with every layer, for property and round-trip tests.

``documents()`` draws a Document whose text mixes plain words with emoji (also multi-code-point ones), curly
quotes, dashes, accented and CJK letters and random non-space characters, separated by spaces, tabs, no-break
spaces, ``\\n`` and ``\\r\\n``. Every span starts and ends on a non-space character (as real annotations do) and
every reference resolves, so the documents always validate. Import it from other test modules:

    from strategies import documents

    @given(documents())
    def test_round_trip(doc): ...
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from newsbench.ingest import passages_of
from newsbench.model import (Argument, Cluster, Document, Event, EventCluster, Evidence, Mention, Metadata,
                             Provenance, Quote, Span, Stance, Target)
from newsbench.schema import inventory

INV = inventory()
WORDS = ("Kyiv", "Blinken", "Wang", "said", "NATO", "“quoted”", "‘single’", "—", "–", "…", "café", "Zürich",
         "Şahin", "北京", "Україна", "😀", "👍🏽", "👩‍👩‍👧", "🇺🇦", "e\u0301", "x", "a.", "'", '"', "(",
         "2022-02-22", "$5", "%")
SEPARATORS = (" ", " ", " ", " ", "\n", "\r\n", "\r\n\r\n", "\n\n", "\t", "\u00a0")
# Any character that is not whitespace, a control or a lone surrogate (which UTF-8 cannot carry).
_CHAR = st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")).filter(lambda c: not c.isspace())
TOKENS = st.one_of(st.sampled_from(WORDS), st.text(_CHAR, min_size=1, max_size=6))
IDS = st.from_regex(r"[a-z][a-z0-9]{0,3}", fullmatch=True)


@st.composite
def texts(draw: Any, min_tokens: int = 1, max_tokens: int = 40) -> tuple[str, list[tuple[int, int]]]:
    """A text and the (start, end) of each of its tokens."""
    tokens = draw(st.lists(TOKENS, min_size=min_tokens, max_size=max_tokens))
    parts, bounds, pos = [], [], 0
    lead = draw(st.sampled_from(("", "", " ", "\r\n")))
    parts.append(lead)
    pos += len(lead)
    for i, tok in enumerate(tokens):
        if i:
            sep = draw(st.sampled_from(SEPARATORS))
            parts.append(sep)
            pos += len(sep)
        parts.append(tok)
        bounds.append((pos, pos + len(tok)))
        pos += len(tok)
    return "".join(parts), bounds


def _span(text: str, bounds: list[tuple[int, int]], i: int, j: int) -> Span:
    """The span from the start of token i to the end of token j (inclusive)."""
    return Span.of(text, bounds[i][0], bounds[j][1])


@st.composite
def spans(draw: Any, text: str, bounds: list[tuple[int, int]], max_tokens: int = 4) -> Span:
    i = draw(st.integers(0, len(bounds) - 1))
    j = draw(st.integers(i, min(len(bounds) - 1, i + max_tokens - 1)))
    return _span(text, bounds, i, j)


def _partition(draw: Any, ids: list[str], min_size: int) -> list[list[str]]:
    """Disjoint groups (each at least ``min_size`` long) of a random subset of ``ids``."""
    chosen = draw(st.permutations(ids))
    chosen = chosen[:draw(st.integers(0, len(chosen)))]
    groups: list[list[str]] = []
    while len(chosen) >= min_size:
        k = draw(st.integers(min_size, max(min_size, min(len(chosen), 4))))
        groups.append(list(chosen[:k]))
        chosen = chosen[k:]
    return groups


def _score(draw: Any, scores: bool) -> float | None:
    return draw(st.none() | st.floats(0, 1)) if scores else None


@st.composite
def documents(draw: Any, *, scores: bool = False, metadata: bool | None = None, provenance: bool | None = None,
              max_tokens: int = 40, max_mentions: int = 8, max_events: int = 4, max_quotes: int = 3,
              max_stances: int = 3) -> Document:
    """A valid document with (usually) every layer filled and every kind of reference.

    ``scores=True`` gives items an optional ``score`` (predictions); ``metadata``/``provenance`` force those
    records on (True) or off (False); None lets hypothesis choose.
    """
    text, bounds = draw(texts(max_tokens=max_tokens))
    doc_id = draw(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,20}", fullmatch=True))

    mentions: list[Mention] = []
    seen: set[tuple[int, int, str]] = set()
    for k in range(draw(st.integers(0, max_mentions))):
        span = draw(spans(text, bounds))
        label = draw(st.sampled_from(INV.labels))
        if (span.start, span.end, label) in seen:
            continue  # the same span and label twice is a duplicate mention
        seen.add((span.start, span.end, label))
        mentions.append(Mention(f"m{k}", span, label, draw(st.sampled_from(INV.forms)), _score(draw, scores)))
    mention_ids = [m.id for m in mentions]

    clusters = [Cluster(f"c{k}", draw(st.sampled_from(WORDS)), tuple(members),
                        draw(st.none() | st.from_regex(r"Q[1-9][0-9]{0,6}", fullmatch=True)), _score(draw, scores))
                for k, members in enumerate(_partition(draw, mention_ids, 1))]

    events: list[Event] = []
    for k in range(draw(st.integers(0, max_events))):
        etype = draw(st.sampled_from(INV.event_types))
        arguments: tuple[Argument, ...] = ()
        if mention_ids:
            arguments = tuple(Argument(draw(st.sampled_from(INV.roles_by_type[etype])),
                                       draw(st.sampled_from(mention_ids)), _score(draw, scores))
                              for _ in range(draw(st.integers(0, 3))))
        modes = INV.modes_by_type[etype]
        events.append(Event(
            f"e{k}", etype, draw(spans(text, bounds, max_tokens=2)), arguments,
            polarity=draw(st.sampled_from(INV.polarity)), tense=draw(st.sampled_from(INV.tense)),
            genericity=draw(st.sampled_from(INV.genericity)), modality=draw(st.sampled_from(INV.modality)),
            mode=draw(st.none() | st.sampled_from(modes)) if modes else None, score=_score(draw, scores)))
    event_ids = [e.id for e in events]
    event_clusters = [EventCluster(f"ec{k}", tuple(members), _score(draw, scores))
                      for k, members in enumerate(_partition(draw, event_ids, 2))]

    quotes: list[Quote] = []
    for k in range(draw(st.integers(0, max_quotes))):
        # content: 1-3 disjoint token runs in text order (a quote interrupted by its cue has several)
        cuts = sorted(draw(st.sets(st.integers(0, len(bounds) - 1), min_size=1, max_size=6)))
        runs = [(cuts[n], cuts[n + 1] if n + 1 < len(cuts) else cuts[n]) for n in range(0, len(cuts), 2)]
        content = tuple(_span(text, bounds, i, j) for i, j in runs)
        cue = draw(st.none() | spans(text, bounds, max_tokens=2))
        speaker = draw(st.none() | st.sampled_from(mention_ids)) if mention_ids else None
        # a parent is always an earlier quote, so parent links never form a cycle
        parent = draw(st.none() | st.sampled_from([q.id for q in quotes])) if quotes else None
        quotes.append(Quote(f"q{k}", draw(st.sampled_from(INV.quote_kinds)), content, cue, speaker, parent,
                            _score(draw, scores)))
    quote_ids = [q.id for q in quotes]

    stances: list[Stance] = []
    cluster_ids = [c.id for c in clusters]
    if cluster_ids:
        kinds = ["cluster", "topic"] + (["event"] if event_ids else [])
        for k in range(draw(st.integers(0, max_stances))):
            kind = draw(st.sampled_from(kinds))
            if kind == "topic":
                target = Target("topic", None, draw(st.text(min_size=1, max_size=20).filter(_utf8)))
            else:
                target = Target(kind, draw(st.sampled_from(cluster_ids if kind == "cluster" else event_ids)))
            evidence = Evidence(tuple(draw(st.lists(st.sampled_from(quote_ids), unique=True, max_size=2)))
                                if quote_ids else (),
                                tuple(draw(st.lists(spans(text, bounds), max_size=2))))
            stances.append(Stance(f"s{k}", draw(st.sampled_from(cluster_ids)), target,
                                  draw(st.sampled_from(INV.stance_polarities)), evidence, _score(draw, scores)))

    meta = None
    if metadata if metadata is not None else draw(st.booleans()):
        meta = Metadata(date=draw(st.dates()).isoformat(), source=draw(st.sampled_from(("Reuters", "newsbench"))),
                        subset=draw(st.sampled_from(INV.subsets)), title=draw(st.text(max_size=30).filter(_utf8)),
                        language=draw(st.sampled_from(("en", "de", "uk", "zh-Hans"))), license="CC-BY-4.0",
                        phenomena=tuple(draw(st.lists(st.sampled_from(("nested-quote", "metonymy", "irony")),
                                                      unique=True, max_size=2))),
                        url=draw(st.none() | st.just("https://example.org/news/1")),
                        header_length=draw(st.none() | st.integers(0, 40)), seed_file=None)
    prov = None
    if provenance if provenance is not None else draw(st.booleans()):
        prov = Provenance(origin=draw(st.sampled_from(("label-studio", "prediction", "generated"))),
                          annotator=draw(st.none() | st.just("ann@example.org")),
                          task=draw(st.none() | st.integers(1, 10**6)),
                          annotation=draw(st.none() | st.integers(1, 10**6)))
    return Document(doc_id, text, meta, passages_of(text), tuple(mentions), tuple(clusters), tuple(events),
                    tuple(event_clusters), tuple(quotes), tuple(stances), prov)


def _utf8(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
