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

import random
from typing import Any, Callable

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


def _partition(draw: Any, ids: list[str], min_size: int, at_least_one: bool = False) -> list[list[str]]:
    """Disjoint groups (each at least ``min_size`` long) of a random subset of ``ids``."""
    chosen = draw(st.permutations(ids))
    chosen = chosen[:draw(st.integers(min_size if at_least_one else 0, len(chosen)))]
    groups: list[list[str]] = []
    while len(chosen) >= min_size:
        k = draw(st.integers(min_size, max(min_size, min(len(chosen), 4))))
        groups.append(list(chosen[:k]))
        chosen = chosen[k:]
    return groups


def _score(draw: Any, scores: bool) -> float | None:
    return draw(st.none() | st.floats(0, 1)) if scores else None


@st.composite
def documents(draw: Any, *, complete: bool | None = None, scores: bool = False, metadata: bool | None = None,
              provenance: bool | None = None, max_tokens: int = 40, max_mentions: int = 8, max_events: int = 4,
              max_quotes: int = 3, max_stances: int = 3) -> Document:
    """A valid document; with ``complete`` every layer is filled and every kind of reference occurs.

    ``complete=True`` guarantees mentions, clusters, events, an event cluster, quotes (one with several content
    spans, one nested in another) and stances towards a cluster, an event and a topic; False lets any layer be
    empty; None (the default) draws either, so about half the examples are complete. ``scores=True`` gives
    items an optional ``score`` (predictions); ``metadata``/``provenance`` force those records on (True) or off
    (False); None lets hypothesis choose.
    """
    full = draw(st.booleans()) if complete is None else complete
    text, bounds = draw(texts(min_tokens=3 if full else 1, max_tokens=max(max_tokens, 3)))
    doc_id = draw(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,20}", fullmatch=True))

    mentions: list[Mention] = []
    seen: set[tuple[int, int, str]] = set()
    for k in range(draw(st.integers(1 if full else 0, max(max_mentions, 1)))):
        span = draw(spans(text, bounds))
        label = draw(st.sampled_from(INV.labels))
        if (span.start, span.end, label) in seen:
            continue  # the same span and label twice is a duplicate mention
        seen.add((span.start, span.end, label))
        mentions.append(Mention(f"m{k}", span, label, draw(st.sampled_from(INV.forms)), _score(draw, scores)))
    mention_ids = [m.id for m in mentions]

    clusters = [Cluster(f"c{k}", draw(st.sampled_from(WORDS)), tuple(members),
                        draw(st.none() | st.from_regex(r"Q[1-9][0-9]{0,6}", fullmatch=True)), _score(draw, scores))
                for k, members in enumerate(_partition(draw, mention_ids, 1, at_least_one=full))]

    events: list[Event] = []
    for k in range(draw(st.integers(2 if full else 0, max(max_events, 2 if full else 0)))):
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
                      for k, members in enumerate(_partition(draw, event_ids, 2, at_least_one=full))]

    quotes: list[Quote] = []
    for k in range(draw(st.integers(2 if full else 0, max(max_quotes, 2 if full else 0)))):
        # content: 1-3 disjoint token runs in text order (a quote interrupted by its cue has several)
        least = 3 if full and k == 0 else 1
        cuts = sorted(draw(st.sets(st.integers(0, len(bounds) - 1), min_size=least, max_size=6)))
        runs = [(cuts[n], cuts[n + 1] if n + 1 < len(cuts) else cuts[n]) for n in range(0, len(cuts), 2)]
        content = tuple(_span(text, bounds, i, j) for i, j in runs)
        cue = draw(st.none() | spans(text, bounds, max_tokens=2))
        speaker = draw(st.none() | st.sampled_from(mention_ids)) if mention_ids else None
        # a parent is always an earlier quote, so parent links never form a cycle
        parent = draw(st.none() | st.sampled_from([q.id for q in quotes])) if quotes else None
        if full and k == 1:
            parent = quotes[0].id
        quotes.append(Quote(f"q{k}", draw(st.sampled_from(INV.quote_kinds)), content, cue, speaker, parent,
                            _score(draw, scores)))
    quote_ids = [q.id for q in quotes]

    stances: list[Stance] = []
    cluster_ids = [c.id for c in clusters]
    if cluster_ids:
        kinds = ["cluster", "topic"] + (["event"] if event_ids else [])
        for k in range(draw(st.integers(len(kinds) if full else 0, max(max_stances, len(kinds) if full else 0)))):
            kind = kinds[k] if full and k < len(kinds) else draw(st.sampled_from(kinds))
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


# --- corruptions: each breaks a valid record in one way and says which (code, pointer) must be reported ---------
# A function returns None when the record has nothing to break in that way, and a pointer of None when the
# blamed position depends on ordering (only the code is then checked).

Record = dict[str, Any]
Corruption = Callable[[Record, random.Random], "tuple[str, str | None] | None"]


def _spans_of(rec: Record) -> list[tuple[dict[str, Any], str]]:
    """Every span dict of a record with its pointer prefix."""
    out = [(m, f"/mentions/{i}") for i, m in enumerate(rec["mentions"])]
    out += [(e["trigger"], f"/events/{i}/trigger") for i, e in enumerate(rec["events"])]
    for i, q in enumerate(rec["quotes"]):
        out += [(s, f"/quotes/{i}/content/{j}") for j, s in enumerate(q["content"])]
        if q["cue"]:
            out.append((q["cue"], f"/quotes/{i}/cue"))
    for i, s in enumerate(rec["stances"]):
        out += [(x, f"/stances/{i}/evidence/spans/{j}") for j, x in enumerate(s["evidence"]["spans"])]
    return out


def _pick(rnd: random.Random, items: list[Any]) -> Any:
    return rnd.choice(items) if items else None


def c_out_of_range(rec: Record, rnd: random.Random) -> tuple[str, str | None] | None:
    hit = _pick(rnd, _spans_of(rec))
    if hit is None:
        return None
    span, at = hit
    span["end"] = len(rec["text"]) + rnd.randint(1, 5)
    return "span-out-of-range", f"{at}/end"


def c_empty(rec: Record, rnd: random.Random) -> tuple[str, str | None] | None:
    hit = _pick(rnd, _spans_of(rec))
    if hit is None:
        return None
    span, at = hit
    span["end"] = span["start"] - rnd.randint(0, span["start"])
    return "span-empty", f"{at}/end"


def c_text_mismatch(rec: Record, rnd: random.Random) -> tuple[str, str | None] | None:
    hit = _pick(rnd, _spans_of(rec))
    if hit is None:
        return None
    span, at = hit
    span["text"] = rnd.choice(["x", "’", "\r\n"]) + span["text"]
    return "span-text-mismatch", f"{at}/text"


def c_duplicate_id(rec: Record, rnd: random.Random) -> tuple[str, str | None] | None:
    layers = [lay for lay in ("mentions", "clusters", "events", "event_clusters", "quotes", "stances", "passages")
              if len(rec[lay]) >= 2]
    if not layers:
        return None
    layer = rnd.choice(layers)
    j = rnd.randrange(1, len(rec[layer]))
    rec[layer][j]["id"] = rec[layer][rnd.randrange(j)]["id"]
    return "duplicate-id", f"/{layer}/{j}/id"


def _dangling(rec: Record, rnd: random.Random) -> list[tuple[dict[str, Any], str | int, str]]:
    """(container, key, pointer) of every reference in the record."""
    out: list[tuple[dict[str, Any], str | int, str]] = []
    for i, c in enumerate(rec["clusters"]):
        out += [(c["members"], j, f"/clusters/{i}/members/{j}") for j in range(len(c["members"]))]
    for i, e in enumerate(rec["events"]):
        out += [(a, "mention", f"/events/{i}/arguments/{j}/mention") for j, a in enumerate(e["arguments"])]
    for i, c in enumerate(rec["event_clusters"]):
        out += [(c["members"], j, f"/event_clusters/{i}/members/{j}") for j in range(len(c["members"]))]
    for i, q in enumerate(rec["quotes"]):
        out += [(q, key, f"/quotes/{i}/{key}") for key in ("speaker", "parent") if q[key]]
    for i, s in enumerate(rec["stances"]):
        out.append((s, "holder", f"/stances/{i}/holder"))
        if s["target"]["kind"] != "topic":
            out.append((s["target"], "ref", f"/stances/{i}/target/ref"))
        qs = s["evidence"]["quotes"]
        out += [(qs, j, f"/stances/{i}/evidence/quotes/{j}") for j in range(len(qs))]
    return out


def c_unknown_reference(rec: Record, rnd: random.Random) -> tuple[str, str | None] | None:
    hit = _pick(rnd, _dangling(rec, rnd))
    if hit is None:
        return None
    container, key, at = hit
    container[key] = "zz" + container[key]  # generated ids never start with "zz"
    return "unknown-reference", at


def c_mention_in_two_clusters(rec: Record, rnd: random.Random) -> tuple[str, str | None] | None:
    if not rec["clusters"]:
        return None
    member = rnd.choice(rnd.choice(rec["clusters"])["members"])
    rec["clusters"].append({"id": "zzc", "name": "again", "members": [member], "wikidata": None})
    return "mention-in-two-clusters", f"/clusters/{len(rec['clusters']) - 1}/members/0"


def c_role(rec: Record, rnd: random.Random) -> tuple[str, str | None] | None:
    inv = inventory()
    hits = [(i, j) for i, e in enumerate(rec["events"]) for j in range(len(e["arguments"]))]
    if not hits:
        return None
    i, j = rnd.choice(hits)
    event = rec["events"][i]
    event["arguments"][j]["role"] = rnd.choice(sorted(set(inv.roles) - set(inv.roles_by_type[event["type"]])))
    return "role-not-allowed", f"/events/{i}/arguments/{j}/role"


def c_mode(rec: Record, rnd: random.Random) -> tuple[str, str | None] | None:
    if not rec["events"]:
        return None
    i = rnd.randrange(len(rec["events"]))
    rec["events"][i]["mode"] = rnd.choice(["Phone", "military-ish", "visit " ])
    return "mode-not-allowed", f"/events/{i}/mode"


def c_overlap(rec: Record, rnd: random.Random) -> tuple[str, str | None] | None:
    if not rec["quotes"]:
        return None
    i = rnd.randrange(len(rec["quotes"]))
    content = rec["quotes"][i]["content"]
    content.insert(rnd.randrange(len(content) + 1), dict(rnd.choice(content)))
    return "quote-content-overlap", None  # which copy is blamed depends on the order


def c_duplicate_mention(rec: Record, rnd: random.Random) -> tuple[str, str | None] | None:
    if not rec["mentions"]:
        return None
    rec["mentions"].append({**rnd.choice(rec["mentions"]), "id": "zzm", "form": rnd.choice(["NAM", "PRO"])})
    return "duplicate-mention", f"/mentions/{len(rec['mentions']) - 1}"


def c_cycle(rec: Record, rnd: random.Random) -> tuple[str, str | None] | None:
    if not rec["quotes"]:
        return None
    i = rnd.randrange(len(rec["quotes"]))
    quote = rec["quotes"][i]
    if quote["parent"] is not None:
        # make the parent (or an ancestor) point back down to this quote
        ids = [q["id"] for q in rec["quotes"]]
        rec["quotes"][ids.index(quote["parent"])]["parent"] = quote["id"]
    else:
        quote["parent"] = quote["id"]
    return "quote-parent-cycle", f"/quotes/{i}/parent"


def c_event_two_clusters(rec: Record, rnd: random.Random) -> tuple[str, str | None] | None:
    if not rec["event_clusters"]:
        return None
    taken = rnd.choice(rec["event_clusters"])["members"][0]
    other = next((e["id"] for e in rec["events"] if e["id"] != taken), None)
    rec["event_clusters"].append({"id": "zzec", "members": [other, taken]})
    return "event-in-two-clusters", f"/event_clusters/{len(rec['event_clusters']) - 1}/members/1"


def c_bad_label(rec: Record, rnd: random.Random) -> tuple[str, str | None] | None:
    if not rec["mentions"]:
        return None
    i = rnd.randrange(len(rec["mentions"]))
    rec["mentions"][i]["label"] = rec["mentions"][i]["label"].lower()
    return "schema-oneOf", f"/mentions/{i}/label"


def c_missing_field(rec: Record, rnd: random.Random) -> tuple[str, str | None] | None:
    if not rec["events"]:
        return None
    i = rnd.randrange(len(rec["events"]))
    del rec["events"][i][rnd.choice(["trigger", "type", "arguments", "polarity"])]
    return "schema-required", f"/events/{i}"


def c_wrong_type(rec: Record, rnd: random.Random) -> tuple[str, str | None] | None:
    hit = _pick(rnd, _spans_of(rec))
    if hit is None:
        return None
    span, at = hit
    span["start"] = str(span["start"])
    return "schema-type", f"{at}/start"


def c_extra_field(rec: Record, rnd: random.Random) -> tuple[str, str | None] | None:
    layer = rnd.choice(["mentions", "events", "quotes", "stances", "clusters"])
    if not rec[layer]:
        rec["colour"] = "blue"
        return "schema-additionalProperties", ""
    i = rnd.randrange(len(rec[layer]))
    rec[layer][i]["colour"] = "blue"
    return "schema-additionalProperties", f"/{layer}/{i}"


def c_empty_content(rec: Record, rnd: random.Random) -> tuple[str, str | None] | None:
    if not rec["quotes"]:
        return None
    i = rnd.randrange(len(rec["quotes"]))
    rec["quotes"][i]["content"] = []
    return "schema-minItems", f"/quotes/{i}/content"


def c_topic_with_ref(rec: Record, rnd: random.Random) -> tuple[str, str | None] | None:
    hits = [i for i, s in enumerate(rec["stances"]) if s["target"]["kind"] != "topic"]
    if not hits:
        return None
    i = rnd.choice(hits)
    rec["stances"][i]["target"]["kind"] = "topic"  # keeps its ref, has no topic
    return "schema-type", f"/stances/{i}/target/topic"  # topic is null where a string is needed


CORRUPTIONS: dict[str, Corruption] = {
    "span-out-of-range": c_out_of_range, "span-empty": c_empty, "span-text-mismatch": c_text_mismatch,
    "duplicate-id": c_duplicate_id, "unknown-reference": c_unknown_reference,
    "mention-in-two-clusters": c_mention_in_two_clusters, "role-not-allowed": c_role, "mode-not-allowed": c_mode,
    "quote-content-overlap": c_overlap, "duplicate-mention": c_duplicate_mention, "quote-parent-cycle": c_cycle,
    "event-in-two-clusters": c_event_two_clusters, "schema-label": c_bad_label, "schema-required": c_missing_field,
    "schema-type": c_wrong_type, "schema-additionalProperties": c_extra_field, "schema-minItems": c_empty_content,
    "schema-target": c_topic_with_ref,
}


def _utf8(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
