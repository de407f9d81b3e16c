"""Synthetic news documents for benchmarks: fast, deterministic, valid, with every layer.

``documents(n, seed=0)`` returns ``n`` documents of about 3 KB of English-like political news text with ~40
mentions (names, nominals, pronouns) in coreference clusters, 5 events with arguments (two of them coreferent),
3 quotes (one interrupted by its cue, so two content spans) and 2 stances. The same ``(n, seed)`` always gives
the same documents (``random.Random(seed)``, no hypothesis), about 10,000 documents per second per core.
They are made for throughput measurements (validation, Label Studio import, corpus build, scoring), not for
training: the text is templated and the actors are invented.

    >>> from newsbench import synthetic
    >>> doc = synthetic.documents(1, seed=0)[0]
    >>> len(doc.events), len(doc.quotes), len(doc.stances)
    (5, 3, 2)
"""

from __future__ import annotations

import random
from typing import Iterator

from .model import (Argument, Cluster, Document, Event, EventCluster, Evidence, Mention, Metadata, Passage,
                    Provenance, Quote, Span, Stance, Target)
from .performance import gc_paused

_FIRST = ("Anna", "Oleh", "Maria", "Chen", "Amir", "Sofia", "Jonas", "Leila", "Tomas", "Nadia", "Viktor", "Ines",
          "Kwame", "Yuki", "Pavel", "Elena", "Rafael", "Hana", "Dmytro", "Lucía")
_LAST = ("Kovalenko", "Marchetti", "Okafor", "Lindqvist", "Haddad", "Novak", "Tanaka", "Morales", "Petrov",
         "Schreiber", "Osei", "Dubois", "Yilmaz", "Kowalski", "Navarro", "Ishikawa", "Mensah", "Volkova")
_ROLES = ("foreign minister", "defence minister", "prime minister", "president", "envoy", "spokesperson")
_GPES = ("Ukraine", "Poland", "Germany", "France", "Turkey", "Japan", "Brazil", "Kenya", "Moldova", "Georgia",
         "Canada", "Norway", "Egypt", "India", "Chile", "Latvia")
_ORGS = ("the United Nations", "NATO", "the European Union", "the World Bank", "the African Union", "the OSCE",
         "the Red Cross", "the Security Council")
_DATES = (("on ", "Monday"), ("on ", "Tuesday"), ("on ", "Wednesday"), ("on ", "Thursday"), ("on ", "Friday"),
          ("", "last week"), ("", "earlier this month"))
_TOPICS = ("the ceasefire", "the grain corridor", "energy prices", "the border talks", "the new sanctions package",
           "the peace plan")


class _Builder:
    """Appends text while recording mentions, triggers and spans at their offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.mentions: list[Mention] = []
        self.members: dict[str, list[str]] = {}

    def add(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def span(self, s: str) -> Span:
        """Append ``s`` and return its span (a trigger, a cue, a content span)."""
        start = self.pos
        self.parts.append(s)
        self.pos += len(s)
        return Span(start, self.pos, s)

    def trim(self) -> None:
        """Drop white space at the end (before a paragraph break)."""
        last = self.parts[-1]
        kept = last.rstrip()
        self.parts[-1] = kept
        self.pos -= len(last) - len(kept)

    def mark(self) -> tuple[int, int]:
        return self.pos, len(self.parts)

    def since(self, mark: tuple[int, int]) -> Span:
        """The span of everything added since ``mark``."""
        return Span(mark[0], self.pos, "".join(self.parts[mark[1]:]))

    def mention(self, s: str, label: str, form: str, entity: str | None) -> str:
        mid = f"m{len(self.mentions)}"
        start = self.pos
        self.parts.append(s)
        self.pos += len(s)
        self.mentions.append(Mention(mid, Span(start, self.pos, s), label, form))
        if entity is not None:
            self.members.setdefault(entity, []).append(mid)
        return mid


class _Cast:
    """The invented actors of one document, each with a cluster key and a display name."""

    def __init__(self, rng: random.Random):
        firsts = rng.sample(_FIRST, 4)
        lasts = rng.sample(_LAST, 4)
        self.people = [(f"p{i}", f"{f} {ln}", ln, rng.choice(("He", "She")), rng.choice(_ROLES))
                       for i, (f, ln) in enumerate(zip(firsts, lasts))]
        self.gpes = [(f"g{i}", g) for i, g in enumerate(rng.sample(_GPES, 3))]
        self.orgs = [(f"o{i}", o) for i, o in enumerate(rng.sample(_ORGS, 2))]
        self.names = {key: name for key, name, *_ in self.people}
        self.names.update((key, name[4:] if name.startswith("the ") else name) for key, name in self.gpes + self.orgs)


def _person(b: _Builder, cast: _Cast, i: int, full: bool) -> str:
    key, name, last, _, _ = cast.people[i]
    return b.mention(name if full else last, "PERSON", "NAM", key)


def _gpe(b: _Builder, cast: _Cast, i: int) -> str:
    key, name = cast.gpes[i]
    return b.mention(name, "GPE", "NAM", key)


def _org(b: _Builder, cast: _Cast, i: int, capital: bool = False) -> str:
    key, name = cast.orgs[i]
    if name.startswith("the "):
        b.add("The " if capital else "the ")
        name = name[4:]
    return b.mention(name, "ORG", "NAM", key)


def _date(b: _Builder, rng: random.Random) -> str:
    prefix, day = rng.choice(_DATES)
    b.add(prefix)
    return b.mention(day, "DATE", "NAM", None)


def _event(b: _Builder, rng: random.Random, cast: _Cast, kind: int, eid: str) -> Event:
    """One event sentence; ``kind`` picks the template."""
    if kind == 0:
        a = _person(b, cast, 0, True)
        b.add(", the ")
        b.mention(cast.people[0][4], "PERSON", "NOM", cast.people[0][0])
        b.add(" of ")
        g = _gpe(b, cast, 0)
        b.add(", ")
        t = b.span("met")
        b.add(" ")
        r = _person(b, cast, 1, True)
        b.add(" in ")
        p = _gpe(b, cast, 1)
        b.add(" ")
        d = _date(b, rng)
        b.add(" to discuss security guarantees for ")
        _gpe(b, cast, 2)
        b.add(". ")
        args = (Argument("Actor", a), Argument("Recipient", r), Argument("Place", p), Argument("Time", d))
        del g
        return Event(eid, "CONSULT", t, args, tense="PAST", mode="visit")
    if kind == 1:
        a = _gpe(b, cast, 1)
        b.add(" ")
        t = b.span("accused")
        b.add(" ")
        r = _gpe(b, cast, 2)
        b.add(" of breaking the terms of the agreement, a charge its government denied. ")
        return Event(eid, "ACCUSE", t, (Argument("Actor", a), Argument("Recipient", r)), tense="PAST")
    if kind == 2:
        b.add("Officials said ")
        a = _org(b, cast, 0)
        b.add(" would ")
        t = b.span("impose")
        b.add(" new sanctions on companies from ")
        r = _gpe(b, cast, 2)
        b.add(" if the fighting continued. ")
        return Event(eid, "SANCTION", t, (Argument("Actor", a), Argument("Recipient", r)), tense="FUTURE",
                     modality="OTHER", mode="discontinue")
    if kind == 3:
        a = _org(b, cast, 1, capital=True)
        b.add(" ")
        t = b.span("pledged")
        b.add(" humanitarian aid worth ")
        b.mention(f"{rng.randint(2, 90)} million euros", "MONEY", "NAM", None)
        b.add(" to ")
        r = _gpe(b, cast, 0)
        b.add(". ")
        return Event(eid, "AID", t, (Argument("Actor", a), Argument("Recipient", r)), tense="PAST",
                     mode="humanitarian")
    if kind == 4:
        b.add("Troops from ")
        a = _gpe(b, cast, 2)
        b.add(" ")
        t = b.span("shelled")
        b.add(" a village near ")
        p = b.mention(rng.choice(("the river", "the border", "the port")), "LOC", "NOM", None)
        b.add(", killing ")
        v = b.mention(f"{rng.randint(2, 12)} civilians", "QUANTITY", "NOM", None)
        b.add(". ")
        return Event(eid, "ASSAULT", t, (Argument("Actor", a), Argument("Place", p), Argument("Victim", v)),
                     tense="PAST")
    if kind == 5:
        a = _person(b, cast, 2, True)
        b.add(" was ")
        t = b.span("appointed")
        b.add(" ")
        pos = b.mention(cast.people[2][4], "PERSON", "NOM", cast.people[2][0])
        b.add(" of ")
        _gpe(b, cast, 1)
        b.add(" ")
        d = _date(b, rng)
        b.add(". ")
        return Event(eid, "PERSONNEL", t, (Argument("Person", a), Argument("Position", pos), Argument("Time", d)),
                     tense="PAST")
    a = _gpe(b, cast, 0)
    b.add(" and ")
    r = _gpe(b, cast, 1)
    b.add(" ")
    t = b.span("signed")
    b.add(" an agreement on ")
    topic = b.mention(rng.choice(("grain exports", "prisoner exchanges", "energy transit")), "EVENT", "NOM", None)
    b.add(". ")
    return Event(eid, "AGREE", t, (Argument("Actor", a), Argument("Recipient", r), Argument("Topic", topic)),
                 tense="PAST")


# Background sentences without annotations: they give the text the length and rhythm of a news report.
_BACKGROUND = (
    "The two sides have been at odds for months over the terms of a settlement that would allow displaced "
    "families to return home before the winter. ",
    "Negotiators have so far failed to agree on the sequence of steps, with each side insisting that the other "
    "must move first. ",
    "Aid groups have warned repeatedly that shortages of fuel and medicine could turn into a humanitarian "
    "emergency if the roads stay closed. ",
    "Previous rounds of talks ended without a joint statement, although both delegations described them as "
    "useful. ",
    "The dispute has unsettled energy markets and raised questions about the reliability of supply routes that "
    "run through the region. ",
    "Opposition politicians accused the government of making concessions without consulting parliament, a "
    "charge ministers rejected. ",
    "A draft of the proposal seen by reporters includes provisions on monitoring, prisoner exchanges and the "
    "reopening of border crossings. ",
    "Observers noted that the tone of official statements had softened in recent days, though fighting "
    "continued along parts of the front line. ",
    "Public support for a negotiated settlement has grown, according to several opinion polls published over "
    "the past month. ",
    "Diplomats involved in the process said privately that progress would depend on guarantees from outside "
    "powers. ",
    "The talks take place against a backdrop of rising prices, strikes in several industries and a disputed "
    "budget. ",
    "Several previous ceasefires collapsed within weeks, leaving both sides deeply sceptical of new promises. ",
)

_FILLERS = (
    "Diplomats described the mood as tense but constructive. ",
    "Markets in the region were little changed after the announcement. ",
    "Analysts cautioned that any agreement would take months to implement. ",
    "The talks are expected to resume after the holidays. ",
)


def _filler(b: _Builder, rng: random.Random, cast: _Cast, k: int) -> None:
    i = k % len(cast.people)
    key, _, _, pronoun, role = cast.people[i]
    choice = k % 4
    if choice == 0:
        b.mention(pronoun, "PERSON", "PRO", key)
        b.add(" later told reporters in ")
        _gpe(b, cast, k % 3)
        b.add(" that the situation remained fragile. ")
    elif choice == 1:
        b.add("According to ")
        _org(b, cast, k % 2)
        b.add(", the ")
        b.mention(role, "PERSON", "NOM", key)
        b.add(" has held the post since ")
        b.mention(str(rng.randint(2015, 2023)), "DATE", "NAM", None)
        b.add(". ")
    elif choice == 2:
        b.add("Officials in ")
        _gpe(b, cast, k % 3)
        b.add(" said ")
        b.mention(pronoun.lower(), "PERSON", "PRO", key)
        b.add(" would travel to ")
        _gpe(b, cast, (k + 1) % 3)
        b.add(" within ")
        b.mention(f"{rng.randint(2, 9)} days", "DATE", "NAM", None)
        b.add(". ")
    else:
        b.add(rng.choice(_FILLERS))
        _person(b, cast, i, False)
        b.add(" did not comment. ")


def document(i: int, rng: random.Random, seed: int = 0) -> Document:
    """One synthetic document; ``rng`` supplies every random choice."""
    cast = _Cast(rng)
    b = _Builder()
    paragraphs: list[tuple[int, int, str]] = []

    def paragraph_break() -> None:
        b.trim()
        start = paragraphs[-1][1] + 2 if paragraphs else 0
        kind = "title" if not paragraphs else "paragraph"
        paragraphs.append((start, b.pos, kind))
        b.add("\n\n")

    _gpe(b, cast, 0)
    b.add(" and ")
    _gpe(b, cast, 1)
    b.add(" hold talks as pressure grows over ")
    b.add(rng.choice(_TOPICS)[4:])
    paragraph_break()

    events: list[Event] = []
    kinds = [0, *rng.sample(range(1, 7), 3)]
    for n, kind in enumerate(kinds):
        events.append(_event(b, rng, cast, kind, f"e{n}"))
        b.add(rng.choice(_BACKGROUND))
        _filler(b, rng, cast, n)
        b.add(rng.choice(_BACKGROUND))
        if n % 2:
            paragraph_break()

    # Quote 1: direct, interrupted by its cue, so two content spans.
    speaker = cast.people[0]
    b.add("“")
    c1 = b.span("We came here to listen, not to make promises,")
    b.add("” ")
    q1_speaker = b.mention(speaker[2], "PERSON", "NAM", speaker[0])
    b.add(" ")
    cue1 = b.span("said")
    b.add(". “")
    m2 = b.mark()
    b.add("But our patience with ")
    _gpe(b, cast, 2)
    b.add(" is not unlimited.")
    c2 = b.since(m2)
    b.add("” ")
    _filler(b, rng, cast, 7)
    paragraph_break()

    # Quote 2: indirect, with a nested direct fragment as quote 3.
    second = cast.people[1]
    q2_speaker = _person(b, cast, 1, False)
    b.add(" ")
    cue2 = b.span("told")
    b.add(" ")
    b.mention("journalists", "PERSON", "NOM", None)
    b.add(" that ")
    m3 = b.mark()
    _gpe(b, cast, 1)
    b.add(" would “")
    c4 = b.span("never accept a frozen conflict")
    b.add("” on its borders")
    c3 = b.since(m3)
    b.add(". ")
    b.add(rng.choice(_BACKGROUND))
    _filler(b, rng, cast, 9)
    b.add(rng.choice(_BACKGROUND))
    paragraph_break()

    # The fifth event corefers with the first (the meeting).
    b.add("The ")
    t5 = b.span("meeting")
    b.add(" between ")
    a5 = _person(b, cast, 0, False)
    b.add(" and ")
    r5 = _person(b, cast, 1, False)
    b.add(" lasted ")
    b.mention(f"{rng.randint(2, 5)} hours", "TIME", "NAM", None)
    b.add(". ")
    events.append(Event("e4", "CONSULT", t5, (Argument("Actor", a5), Argument("Recipient", r5)), tense="PAST"))
    for k in range(11, 13):
        b.add(rng.choice(_BACKGROUND))
        _filler(b, rng, cast, k)
    # close the last paragraph without trailing white space
    start = paragraphs[-1][1] + 2
    b.parts[-1] = b.parts[-1].rstrip()
    text = "".join(b.parts)
    paragraphs.append((start, len(text), "paragraph"))

    passages = tuple(Passage(f"p{k}", kind, Span(s, e, text[s:e])) for k, (s, e, kind) in enumerate(paragraphs))
    clusters = tuple(Cluster(f"c-{key}", cast.names[key], tuple(members)) for key, members in b.members.items()
                     if len(members) > 1)
    cluster_of = {key: f"c-{key}" for key, members in b.members.items() if len(members) > 1}
    quotes = (
        Quote("q0", "direct", (c1, c2), cue1, q1_speaker),
        Quote("q1", "indirect", (c3,), cue2, q2_speaker),
        Quote("q2", "direct", (c4,), None, q2_speaker, parent="q1"),
    )
    stances = (
        Stance("s0", cluster_of[speaker[0]], Target("cluster", cluster_of[cast.gpes[2][0]]), "AGAINST",
               Evidence(("q0",), ())),
        Stance("s1", cluster_of[second[0]], Target("event", events[0].id), "FAVOR",
               Evidence(("q1",), (events[4].trigger,))),
    )
    metadata = Metadata(date=f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                        source="newsbench-synthetic", subset="challenge", title=passages[0].span.text,
                        language="en", license="CC-BY-4.0")
    return Document(f"synthetic-{seed}-{i:06d}", text, metadata, passages, tuple(b.mentions), clusters,
                    tuple(events), (EventCluster("ec0", ("e0", "e4")),), quotes, stances,
                    Provenance(origin="generated", model="newsbench.synthetic"))


def iter_documents(n: int, seed: int = 0) -> Iterator[Document]:
    """Yield ``n`` synthetic documents, deterministically from ``seed``."""
    rng = random.Random(seed)
    for i in range(n):
        yield document(i, rng, seed)


def documents(n: int, seed: int = 0) -> list[Document]:
    """``n`` synthetic documents (see the module docstring); the same arguments give the same documents."""
    # millions of small acyclic objects: see newsbench.performance
    with gc_paused():
        return list(iter_documents(n, seed))
