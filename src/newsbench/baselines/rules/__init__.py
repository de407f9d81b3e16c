"""The ``rules`` baseline: hand-written rules over plain text, no training and no model download.

What it attempts: every layer. Mentions (names by capitalisation + gazetteer + head words, values by patterns,
he/she pronouns, "the minister" nominals), clusters (normalised keys: country aliases and capitals, shared name
tokens; pronouns and nominals join their antecedent), events (trigger lexicon per type, modality cues, positional
arguments), quotes (every quotation-mark style, cue verbs, speakers, indirect speech, "according to") and stances
(an actor's hostile or friendly action towards a recipient; a speaker's loaded words about an entity in a quote).
What it does not attempt: event coreference, generic events, topic targets, nested-quote parents beyond marks.
"""

from __future__ import annotations

from collections import defaultdict

from ...model import Argument, Cluster, Document, Event, Evidence, Mention, Quote, Span, Stance, Target
from .entities import Cand, find_mentions
from .events import EventCand, find_events
from .quotes import QuoteCand, find_quotes
from . import lexicon as lx
from .text import tokenize

_AGAINST_EVENTS = {"SANCTION", "THREATEN", "ACCUSE", "ASSAULT", "COERCE", "REJECT", "PROTEST"}
_FAVOR_EVENTS = {"SUPPORT", "AID", "COOPERATE"}
_TARGET_LABELS = {"PERSON", "ORG", "GPE"}


class RulesExtractor:
    """Rules over the text; deterministic and fast (no model)."""

    name = "rules"

    def extract(self, doc: Document) -> Document:
        text = doc.text
        cands = find_mentions(text)
        by_id = {c.id: c for c in cands}
        quotes = find_quotes(text, cands)
        events = find_events(text, cands)
        stances = _stances(text, cands, events, quotes)
        needed = {holder for holder, _, _, _, _ in stances} | \
            {str(target[1]) for _, target, _, _, _ in stances if target[0] == "cluster"}
        clusters, key_to_cluster = _clusters(text, cands, needed)
        mentions = tuple(Mention(c.id, Span.of(text, c.start, c.end), c.label, c.form) for c in cands)
        out_events = tuple(
            Event(f"e{n}", e.type, Span.of(text, e.start, e.end),
                  tuple(Argument(role, mid) for role, mid in e.arguments),
                  e.polarity, e.tense, "SPECIFIC", e.modality, e.mode)
            for n, e in enumerate(events, 1))
        out_quotes = []
        for n, q in enumerate(quotes, 1):
            parent = f"q{quotes.index(q.parent) + 1}" if q.parent is not None and q.parent in quotes else None
            out_quotes.append(Quote(f"q{n}", q.kind, tuple(Span.of(text, s, e) for s, e in q.content),
                                    Span.of(text, *q.cue) if q.cue else None, q.speaker, parent))
        out_stances = []
        for n, (holder, target, polarity, quote_ids, spans) in enumerate(stances, 1):
            ref = key_to_cluster[str(target[1])] if target[0] == "cluster" else f"e{int(str(target[1])) + 1}"
            out_stances.append(Stance(
                f"s{n}", key_to_cluster[holder], Target(target[0], ref=ref), polarity,
                Evidence(tuple(f"q{i + 1}" for i in quote_ids), tuple(Span.of(text, s, e) for s, e in spans))))
        del by_id
        return doc.replace(mentions=mentions, clusters=clusters, events=out_events, event_clusters=(),
                           quotes=tuple(out_quotes), stances=tuple(out_stances))


def _clusters(text: str, cands: list[Cand], needed: set[str]) -> tuple[tuple[Cluster, ...], dict[str, str]]:
    groups: dict[str, list[Cand]] = defaultdict(list)
    for c in cands:
        if c.key is not None:
            groups[c.key].append(c)
    clusters: list[Cluster] = []
    key_to_id: dict[str, str] = {}
    for key, members in sorted(groups.items(), key=lambda kv: kv[1][0].start):
        if len(members) < 2 and key not in needed:
            continue
        names = [text[m.start:m.end] for m in members if m.form == "NAM"] or [text[m.start:m.end] for m in members]
        name = max(names, key=lambda n: (len(n), -names.index(n)))
        if key.startswith("gpe:") and key[4:] in lx.COUNTRIES:
            name = key[4:]  # a capital standing for its government names the country's cluster
        cid = f"c{len(clusters) + 1}"
        key_to_id[key] = cid
        clusters.append(Cluster(cid, name, tuple(m.id for m in members)))
    return tuple(clusters), key_to_id


_OPPOSING = {"THREATEN", "ACCUSE", "REJECT", "PROTEST"}
_WELCOME = {"AGREE", "COOPERATE", "AID", "RETREAT", "SUPPORT", "CONCEDE", "CONSULT"}
_UNWELCOME = {"ASSAULT", "SANCTION", "COERCE", "MOBILIZE", "THREATEN", "CASUALTY"}


def _stances(text: str, cands: list[Cand], events: list[EventCand], quotes: list[QuoteCand]
             ) -> list[tuple[str, tuple[str, object], str, list[int], list[tuple[int, int]]]]:
    """(holder key, target, polarity, quote indexes, evidence spans), one per (holder, target, polarity).

    target is ("cluster", key) or ("event", event index). Sources: an action towards a recipient (S5: sanctions
    by A on B: A AGAINST B; recognition or aid: FAVOR); a warning, accusation or refusal against another event of
    the same sentence (A warned ... should X invade: A AGAINST the invasion); a request for an event (A urged ... to
    de-escalate: A FAVOR it); loaded words near an entity inside a speaker's quote.
    """
    from .text import sentences

    by_id = {c.id: c for c in cands}
    found: dict[tuple[str, tuple[str, object], str], tuple[list[int], list[tuple[int, int]]]] = {}

    def add(holder: Cand | None, target: tuple[str, object] | None, polarity: str, quote: int | None,
            span: tuple[int, int] | None) -> None:
        if holder is None or holder.key is None or target is None:
            return
        if target[0] == "cluster" and target[1] == holder.key:
            return
        quote_ids, spans = found.setdefault((holder.key, target, polarity), ([], []))
        if quote is not None and quote not in quote_ids:
            quote_ids.append(quote)
        if span is not None and span not in spans:
            spans.append(span)

    def cluster_target(m: Cand | None) -> tuple[str, object] | None:
        if m is None or m.key is None or m.label not in _TARGET_LABELS:
            return None
        return ("cluster", m.key)

    bounds = sentences(text)

    def sentence_of(pos: int) -> int:
        return next((i for i, (s, e) in enumerate(bounds) if s <= pos < e), -1)

    for n, e in enumerate(events):
        if e.polarity != "POSITIVE":
            continue
        roles = dict((r, by_id[i]) for r, i in reversed(e.arguments))
        actor = roles.get("Actor")
        if e.modality == "ASSERTED":
            polarity = "AGAINST" if e.type in _AGAINST_EVENTS else "FAVOR" if e.type in _FAVOR_EVENTS else None
            if polarity is not None:
                add(actor, cluster_target(roles.get("Recipient") or roles.get("Victim")), polarity, None,
                    (e.start, e.end))
        if e.type in _OPPOSING or e.type == "REQUEST":
            here = sentence_of(e.start)
            for m, other in enumerate(events):
                if m == n or other.start < e.end or sentence_of(other.start) != here:
                    continue
                if e.type in _OPPOSING and (other.type in _UNWELCOME or other.modality == "OTHER"):
                    add(actor, ("event", m), "AGAINST", None, (e.start, e.end))
                elif e.type == "REQUEST" and other.modality == "OTHER" and other.type not in _UNWELCOME:
                    add(actor, ("event", m), "FAVOR", None, (e.start, e.end))
    relays = {id(q.parent) for q in quotes if q.parent is not None}
    for n, q in enumerate(quotes):
        speaker = by_id.get(q.speaker) if q.speaker else None
        if speaker is None or id(q) in relays:
            continue  # an outer quote only relays the inner speaker's position (S2)
        for j, ev in enumerate(events):
            # an event the speaker talks about: unwelcome kinds are opposed, cooperative kinds wanted, unless the
            # words around it say otherwise (a negation flips either)
            if not any(a <= ev.start and ev.end <= b for a, b in q.content):
                continue
            near = [t.lower for a, b in q.content for t in tokenize(text, a, b) if abs(t.start - ev.start) < 50]
            against = sum(w in lx.AGAINST_WORDS for w in near) + (ev.type in _UNWELCOME)
            favor = sum(w in lx.FAVOR_WORDS for w in near) + (ev.type in _WELCOME)
            if ev.polarity == "NEGATIVE":
                against, favor = favor, against
            if against != favor:
                add(speaker, ("event", j), "AGAINST" if against > favor else "FAVOR", n, None)
        for a, b in q.content:
            toks = tokenize(text, a, b)
            for c in cands:
                if not (a <= c.start and c.end <= b) or c.label not in _TARGET_LABELS or c.form == "PRO":
                    continue
                close = [t.lower for t in toks if abs(t.start - c.start) < 40]
                against = sum(w in lx.AGAINST_WORDS for w in close)
                favor = sum(w in lx.FAVOR_WORDS for w in close)
                if against != favor:
                    add(speaker, cluster_target(c), "AGAINST" if against > favor else "FAVOR", n, None)
    return [(h, t, p, qs, sp) for (h, t, p), (qs, sp) in found.items()]
