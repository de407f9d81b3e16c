"""Entity mentions and clusters of the rules baseline.

Names: runs of capitalised words, classified by a gazetteer, by head words (Ministry -> ORG, Treaty -> LAW, ...)
and by titles ("Foreign Minister X": the title is dropped, X is a PERSON; a title alone is a nominal PERSON).
Values: regular expressions for dates, times, money, percentages, quantities, cardinals and ordinals.
Pronouns he/she resolve to the most recent person. Clusters group mentions by a normalised key (country aliases
and capitals, a person's name tokens); a cluster needs two mentions unless a stance needs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicon as lx
from .text import Token, sentences, tokenize


@dataclass
class Cand:
    start: int
    end: int
    label: str
    form: str
    key: str | None = None  # cluster key; None: never clustered
    id: str = ""
    extra: dict = field(default_factory=dict)


def _norm(s: str) -> str:
    return s.replace("’", "'").replace("‘", "'").strip()


def _gazetteer() -> dict[str, tuple[str, str]]:
    """Surface form -> (label, cluster key)."""
    g: dict[str, tuple[str, str]] = {}
    for country, (aliases, adjectives) in lx.COUNTRIES.items():
        for adj in adjectives:
            g.setdefault(adj, ("NORP", "norp:" + adj.rstrip("s")))
    for country, (aliases, adjectives) in lx.COUNTRIES.items():
        g[country] = ("GPE", "gpe:" + country)
        for alias in aliases:
            g[_norm(alias)] = ("GPE", "gpe:" + country)
        if country.startswith(("United", "Netherlands", "Philippines", "Czech")):
            g["the " + country] = ("GPE", "gpe:" + country)
    for name in lx.OTHER_GPE:
        g[name] = ("GPE", "gpe:" + name)
    for name in lx.LOCATIONS:
        g[name] = ("LOC", "loc:" + name)
    for name in lx.ORGANISATIONS:
        g[name] = ("ORG", "org:" + name.replace(".", ""))
    for name in lx.NORP_EXTRA:
        g.setdefault(name, ("NORP", "norp:" + name.rstrip("s")))
    return g


GAZETTEER = _gazetteer()
_MAX_GAZ_WORDS = max(len(k.split()) for k in GAZETTEER)

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMWORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|" \
           r"hundred|several|a few|a couple of)"
_NUM = r"\d[\d,]*(?:\.\d+)?"
_APPROX = r"(?:(?:at least|at most|about|around|roughly|some|more than|over|nearly|almost|up to|fewer than|" \
          r"less than|just over|just under|an estimated)\s)?"
_COUNT = rf"(?:{_NUM}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|" \
         r"fifty|hundred|a|an|several|a few|a couple of)"
_CURRENCY = r"(?:dollars|euros|pounds|yuan|roubles|rubles|hryvnias|yen|rupees|lira|liras|crowns|marks|francs|" \
            r"pesos|dinars|shekels|zloty|forints|kronor|kroner|krona|won|rand|naira|rupiah|ringgit|baht|dirhams|riyals)"
_SCALE = r"(?:\s(?:million|billion|trillion|thousand|bn|m|mn))?"
_UNIT = r"(?:km|kilometres|kilometers|kilometre|kilometer|miles|mile|metres|meters|tonnes|tons|kg|kilograms|" \
        r"barrels|square kilometres|square miles|hectares|feet|litres|liters|megawatts|MW|GW)"
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("MONEY", re.compile(rf"(?:US)?[$€£¥]\s?{_NUM}{_SCALE}|{_NUM}{_SCALE}\s(?:dollars|euros|pounds|yuan|roubles|"
                         rf"rubles|hryvnias|yen|rupees|lira|liras|crowns|marks|francs|pesos|dinars|shekels|zloty|forints|kronor|"
                         r"kroner|won|rand|naira|baht|dirhams|riyals)\b")),
    ("PERCENT", re.compile(rf"{_APPROX}(?:{_NUM}|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|"
                           rf"thirty|forty|fifty))\s?(?:%|per\s?cent\b|percent\b|percentage points?\b)")),
    ("QUANTITY", re.compile(rf"{_NUM}{_SCALE}[\s-]{_UNIT}\b")),
    ("DATE", re.compile(rf"\b{_APPROX}{_COUNT}[\s-](?:days?|weeks?|months?|years?|decades?)(?:[\s-](?:long|old))?"
                        r"(?:\s(?:ago|earlier|later))?\b|\b(?:week|month|year|decade)-long\b|\bthe weekend\b|"
                        rf"\b(?:last|next|this|early|late|mid-)\s?(?:spring|summer|autumn|fall|winter|weekend|"
                        r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", re.I)),
    ("TIME", re.compile(rf"\b{_APPROX}{_COUNT}\s(?:hours?|minutes?)\b|"
                        r"\b\d{1,2}(?::\d{2})?\s?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|UTC\b)|\b\d{1,2}:\d{2}\b|"
                        r"\b(?:this|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|early|late)"
                        r"\s(?:morning|afternoon|evening|night)\b|\b(?:tonight|overnight|midnight|noon|morning|afternoon|evening)\b",
                        re.I)),
    ("DATE", re.compile(
        rf"\b(?:{_MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s(?:of\s)?{_MONTH}"
        rf"(?:,?\s\d{{4}})?|(?:early\s|late\s|mid-)?{_MONTH}(?:\s\d{{4}})?(?=[\s,.;:)’”\"']|$)|{_WEEKDAY}"
        r"|(?:the\s)?(?:19|20)\d0s|(?:19|20)\d{2}|(?:yesterday|today|tomorrow)"
        r"|(?:earlier|later)\s(?:this|last|next)\s(?:week|month|year)"
        r"|(?:this|last|next|past|coming|previous)\s(?:week|month|year|weekend|decade|few\s(?:days|weeks|months|years))"
        rf"|(?:{_NUMWORD}|\d+)\s(?:days?|weeks?|months?|years?|decades?)\s(?:ago|earlier|later)"
        r"|(?:recent|coming)\s(?:days|weeks|months|years)|(?:the\s)?(?:past|last)\s(?:\w+\s)?(?:days|weeks|months|years)"
        rf")\b")),
    ("ORDINAL", re.compile(r"\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
                           r"tenth|eleventh|twelfth|twentieth)\b", re.I)),
    ("CARDINAL", re.compile(rf"\b(?:tens|hundreds|thousands) of (?:thousands|millions)\b|"
                            rf"\bseveral (?:hundred|thousand|million)\b|\b{_APPROX}{_NUM}{_SCALE}\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                            r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
                            r"forty|fifty|sixty|seventy|eighty|ninety|hundreds|thousands|millions|dozens)"
                            r"(?:[\s-](?:hundred|thousand|million|billion))?\b", re.I)),
]
_NORP_SUFFIXES = ("an", "ans", "ese", "ish", "i", "ic", "ch")
_LOWER_DATE_WORDS = {"today", "yesterday", "tomorrow"}
_PLACE_PREPOSITIONS = {"in", "to", "from", "into", "across", "near", "throughout", "at", "towards", "toward", "inside"}


def _value_mentions(text: str) -> list[Cand]:
    taken = [False] * len(text)
    out = []
    for label, pattern in PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.start(), m.end()
            if s >= e or any(taken[s:e]):
                continue
            word = m.group(0)
            if label == "ORDINAL" and word.lower() == "second" and re.match(r"\s(?:time|hand)", text[e:e + 6]):
                continue
            if label == "CARDINAL" and word.lower() == "one" and re.match(r"\s(?:of|another)\b", text[e:e + 8]):
                continue
            if label == "DATE" and word.lower() == "may" and not re.match(r"\s\d", text[e:e + 2]):
                # "may" is nearly always the modal verb
                if word == "may" or not re.search(r"\b(?:in|of|since|until|by|early|late)\s$", text[max(0, s - 7):s]):
                    continue
            for i in range(s, e):
                taken[i] = True
            out.append(Cand(s, e, label, "NAM"))
    return out


def _is_cap(tok: Token) -> bool:
    t = tok.text
    return t[0].isupper() and any(c.isalpha() for c in t)


_CONNECTORS = {"of", "for", "de", "al", "bin", "von", "van", "der", "la", "le", "du", "and", "the"}


def _sequences(text: str, toks: list[Token], taken: set[int], starts: set[int]) -> list[list[Token]]:
    """Runs of capitalised tokens (joined by single spaces and a few connectors), possessive 's cut off."""
    runs: list[list[Token]] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if not _is_cap(tok) or tok.start in taken:
            i += 1
            continue
        run = [tok]
        j = i + 1
        while j < len(toks):
            prev, cur = run[-1], toks[j]
            gap = text[prev.end:cur.start]
            if gap not in (" ", "") or cur.start in taken or gap == "" and not cur.text[0].isalnum():
                break
            if _is_cap(cur) and gap == " ":
                run.append(cur)
                j += 1
                continue
            if cur.text in _CONNECTORS and j + 1 < len(toks) and _is_cap(toks[j + 1]) \
                    and text[cur.end:toks[j + 1].start] == " " and toks[j + 1].start not in taken:
                if cur.text == "and" and not any(t.text in lx.ORG_HEADS for t in toks[j + 1:j + 4]):
                    break
                if cur.text == "the" and run[-1].text != "of":
                    break
                run.extend([cur, toks[j + 1]])
                j += 2
                continue
            break
        runs.append(run)
        i = j
    out = []
    for run in runs:
        while run and run[0].start in starts and (run[0].text in lx.SENTENCE_STARTERS or run[0].lower in lx.PRONOUNS):
            run = run[1:]
        while run and run[-1].text in _CONNECTORS:
            run = run[:-1]
        if run:
            out.append(run)
    return out


def _sentence_initial(text: str, toks: list[Token]) -> set[int]:
    """Start offsets of tokens that begin a sentence or a quotation (where capitals say nothing)."""
    firsts = {s for s, _ in sentences(text)}
    out = set()
    for k, tok in enumerate(toks):
        if tok.start in firsts:
            out.add(tok.start)
            if tok.text in "\"'“‘«„" and k + 1 < len(toks):
                out.add(toks[k + 1].start)
        elif tok.text in "“‘«„\"':" and k + 1 < len(toks) and toks[k + 1].start == tok.end \
                and (tok.text != "'" or k == 0 or not toks[k - 1].text.isalnum()):
            out.add(toks[k + 1].start)
    return out


def _gaz_pieces(text: str, run: list[Token]) -> list[Cand]:
    """Gazetteer names inside a run (longest first, left to right)."""
    out: list[Cand] = []
    i = 0
    while i < len(run):
        for n in range(min(_MAX_GAZ_WORDS, len(run) - i), 0, -1):
            phrase = _norm(text[run[i].start:run[i + n - 1].end])
            if phrase in GAZETTEER:
                label, key = GAZETTEER[phrase]
                out.append(Cand(run[i].start, run[i + n - 1].end, label, "NAM", key))
                i += n
                break
        else:
            i += 1
    return out


def _classify(text: str, run: list[Token], nxt: Token | None, prev: Token | None) -> list[Cand]:
    start, end = run[0].start, run[-1].end
    phrase = _norm(text[start:end])
    words = [t.text for t in run]
    if phrase in GAZETTEER:
        label, key = GAZETTEER[phrase]
        return [Cand(start, end, label, "NAM", key)]
    if any(w in lx.ORG_HEADS for w in words) and words[-1] not in lx.LAW_HEADS:
        inner = [p for p in _gaz_pieces(text, run) if p.label in ("GPE", "NORP")]
        return [Cand(start, end, "ORG", "NAM", "org:" + phrase.lower())] + inner
    for heads, label in ((lx.LAW_HEADS, "LAW"), (lx.EVENT_HEADS, "EVENT"), (lx.FAC_HEADS, "FAC"),
                         (lx.LOC_HEADS, "LOC")):
        if words[-1] in heads and len(words) > 1:
            return [Cand(start, end, label, "NAM", label.lower() + ":" + phrase.lower())] + _gaz_pieces(text, run)
    # a title (possibly after a country or nationality): what follows is the person's name
    k = 0
    pieces = _gaz_pieces(text, run)
    piece_tokens = {t.start for p in pieces for t in run if p.start <= t.start < p.end}
    if len(run) >= 2 and run[0].start not in piece_tokens and run[0].text not in lx.TITLES \
            and run[1].text in lx.TITLES and run[1].text != "of":
        # an unknown word before a title is the office's country or nationality ("Istravan Deputy Minister X")
        word = run[0].text
        label = "NORP" if word.endswith(_NORP_SUFFIXES) else "GPE"
        pieces.insert(0, Cand(run[0].start, run[0].end, label, "NAM",
                              f"{label.lower()}:{word.rstrip('s') if label == 'NORP' else word}"))
        piece_tokens.add(run[0].start)
    while k < len(run) and (run[k].text in lx.TITLES or run[k].start in piece_tokens):
        k += 1
    has_title = any(t.text in lx.TITLES and t.text != "of" for t in run[:k])
    if has_title and k < len(run) and len(run) - k <= 4:
        name = run[k:]
        return [Cand(name[0].start, name[-1].end, "PERSON", "NAM", None,
                     extra={"title": " ".join(t.lower for t in run[:k])})] + \
            [p for p in pieces if p.end <= name[0].start]
    if has_title and k == len(run):
        # a title alone ("Foreign Minister", "the Chinese FM"): a nominal person; a leading NORP stays inside
        first = 0
        while first < k and run[first].start in piece_tokens and \
                GAZETTEER.get(_norm(run[first].text), ("", ""))[0] == "GPE":
            first += 1
        if first < k and any(t.text in lx.TITLES and t.text not in {"of", "State"} for t in run[first:]):
            nominal = Cand(run[first].start, end, "PERSON", "NOM", None,
                           extra={"title": " ".join(t.lower for t in run[first:])})
            return [nominal] + pieces
        return pieces
    if pieces and len(pieces) == 1 and pieces[0].start == start and pieces[0].end == end:
        return pieces
    if len(run) == 1 and re.fullmatch(r"[A-Z]{2,6}|(?:[A-Z]\.){2,4}", words[0]):
        return [Cand(start, end, "ORG", "NAM", "org:" + phrase.replace(".", ""))]
    if len(run) >= 2 and all(w[0].isupper() for w in words):
        if pieces and any(p.label in ("GPE", "NORP") and p.start == start for p in pieces) and len(run) > 3:
            return pieces
        return [Cand(start, end, "PERSON", "NAM", None)]
    if len(run) == 1:
        word = words[0]
        return [Cand(start, end, "PERSON", "NAM", None, extra={"single": True})]
    return pieces


def _lower_nominals(text: str, toks: list[Token], cands: list[Cand]) -> list[Cand]:
    """Nominal mentions of one specific person or body: a role noun after "the", a possessive name or a
    nationality ("the minister", "the foreign minister", "Varnian negotiator", "the Kalmari embassy").

    The extent is the head noun plus the premodifiers that name the office (a nationality adjective included,
    a determiner or possessor left out), as nominals are annotated in news corpora (ACE, OntoNotes).
    """
    norp_end = {c.end: c for c in cands if c.label == "NORP" and c.form == "NAM"}
    out = []
    for k, tok in enumerate(toks):
        low = tok.lower
        two = f"{low} {toks[k + 1].lower}" if k + 1 < len(toks) else ""
        if two in lx.NOMINAL_TITLES and tok.text.islower():
            n, label = 2, "PERSON"
        elif low in lx.NOMINAL_TITLES and tok.text.islower():
            n, label = 1, "PERSON"
        elif low in lx.NOMINAL_ORGS and tok.text.islower():
            n, label = 1, "ORG"
        else:
            continue
        prev = toks[k - 1] if k > 0 else None
        start = tok.start
        if prev is not None and prev.end in norp_end and text[prev.end:tok.start] == " ":
            start = norp_end[prev.end].start  # "Varnian negotiator": the nationality names the office
        elif prev is None or prev.lower not in {"the", "'s", "its", "his", "her", "their"}:
            continue
        end = toks[k + n - 1].end
        after = toks[k + n].lower if k + n < len(toks) else ""
        if after == "of" and label == "PERSON":
            continue  # "the minister of X" is usually followed by the person's name; too vague
        if after in {"who", "which"} or after.endswith("s") and after in lx.NOMINAL_TITLES:
            continue
        if k + n < len(toks) and toks[k + n].text[:1].isupper() and text[end:toks[k + n].start] == " ":
            continue  # a job description right before a name is not a mention of its own (E4)
        out.append(Cand(start, end, label, "NOM", None,
                        extra={"title": text[start:end].lower(), "nominal_org": label == "ORG"}))
    return out


def find_mentions(text: str) -> list[Cand]:
    """All mention candidates of a text, sorted, with cluster keys; ids m1, m2, ... in text order."""
    toks = tokenize(text)
    values = _value_mentions(text)
    taken = {t.start for t in toks for v in values if v.start <= t.start < v.end}
    starts = _sentence_initial(text, toks)
    index = {t.start: k for k, t in enumerate(toks)}
    cands: list[Cand] = []
    inside = {t.text for t in toks if _is_cap(t) and t.start not in starts}
    for run in _sequences(text, toks, taken, starts):
        k0, k1 = index[run[0].start], index[run[-1].start]
        if len(run) == 1 and run[0].start in starts and run[0].text not in inside \
                and _norm(run[0].text) not in GAZETTEER and not run[0].text.isupper():
            # a capitalised word that only ever opens a sentence is most likely an ordinary word
            after = toks[k1 + 1].lower if k1 + 1 < len(toks) else ""
            if after not in lx.SAY_VERBS and after not in ("'s", ","):
                continue
        nxt = toks[k1 + 1] if k1 + 1 < len(toks) else None
        prev = toks[k0 - 1] if k0 > 0 else None
        cands.extend(_classify(text, run, nxt, prev))
    cands.sort(key=lambda c: (c.start, -c.end))
    _label_unknown_words(text, toks, cands)
    cands.extend(_lower_nominals(text, toks, cands))
    cands.sort(key=lambda c: (c.start, -c.end))
    _resolve_people(text, cands)
    for tok in toks:
        if tok.lower in lx.PRONOUNS:
            cands.append(Cand(tok.start, tok.end, "PERSON", "PRO", None, extra={"pronoun": True}))
    cands.extend(values)
    cands.sort(key=lambda c: (c.start, -c.end, c.label))
    _resolve_references(text, cands)
    cands.extend(_it_pronouns(toks, cands))
    unique: dict[tuple[int, int, str], Cand] = {}
    for c in cands:
        unique.setdefault((c.start, c.end, c.label), c)
    out = sorted(unique.values(), key=lambda c: (c.start, c.end, c.label))
    for n, c in enumerate(out, 1):
        c.id = f"m{n}"
    return out


_GPE_NOUNS = {"government", "president", "prime", "foreign", "army", "military", "troops", "forces", "capital",
              "border", "borders", "parliament", "ministry", "economy", "people", "citizens", "leader", "leaders",
              "embassy", "coast", "territory", "interior", "defence", "defense", "authorities", "navy", "police",
              "central", "state", "national", "officials", "delegation", "envoy", "ambassador", "cabinet",
              "sovereignty", "neighbour", "neighbor", "allies", "regime", "administration", "north", "south",
              "east", "west", "northern", "southern", "eastern", "western"}
_GPE_BEFORE = {"in", "from", "to", "into", "across", "against", "toward", "towards", "visited", "visit", "visiting",
               "invaded", "invade", "inside", "throughout", "near"}
_VERBISH = {"said", "says", "told", "has", "had", "is", "was", "will", "would", "could", "can", "did", "does"}


def _label_unknown_words(text: str, toks: list[Token], cands: list[Cand]) -> None:
    """Decide unknown one-word names from all their occurrences in the document.

    News introduces a person with a full name, so a single word that is not part of any full name is rarely a
    person. Signals per occurrence: a place preposition before it or "'s government/army/border" after it (GPE),
    a nationality-like suffix before a lower-case noun (NORP), a title before it (PERSON). The majority decides;
    without any signal a word that is no person's name is taken for a GPE, the commonest one-word name in
    political news.
    """
    person_tokens = {w for c in cands if c.label == "PERSON" and not c.extra.get("single")
                     for w in _norm(text[c.start:c.end]).split()}
    index = {t.start: k for k, t in enumerate(toks)}
    singles: dict[str, list[Cand]] = {}
    for c in cands:
        if c.extra.get("single"):
            singles.setdefault(_norm(text[c.start:c.end]), []).append(c)
    for word, occurrences in singles.items():
        votes = {"GPE": 0, "NORP": 0, "PERSON": 0}
        if word in person_tokens:
            votes["PERSON"] += 3
        if word.endswith(("ia", "land", "stan", "ania", "onia", "aria")):
            votes["GPE"] += 2
        for c in occurrences:
            k = index.get(c.start)
            if k is None:
                continue
            prev = toks[k - 1].lower if k > 0 else ""
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            nxt2 = toks[k + 2].lower if k + 2 < len(toks) else ""
            if prev in _GPE_BEFORE:
                votes["GPE"] += 1
            if nxt is not None and nxt.lower == "'s" and nxt2 in _GPE_NOUNS:
                votes["GPE"] += 1
            if prev in {w.lower() for w in lx.TITLES if w != "of"} or prev in {"mr", "mrs", "ms", "dr"}:
                votes["PERSON"] += 2
            if nxt is not None and nxt.text[:1].islower() and nxt.lower not in _VERBISH and \
                    not nxt.lower.endswith("ed") and word.endswith(("an", "ans", "ese", "ish", "i", "ic", "ch")):
                votes["NORP"] += 2
            elif nxt is not None and nxt.lower in _GPE_NOUNS and nxt.text[:1].islower():
                votes["GPE"] += 1  # "Varnia government", "Norland officials"
        if not any(votes.values()):
            votes["GPE"] = 1
        label = max(("PERSON", "GPE", "NORP"), key=lambda l: votes[l])
        for c in occurrences:
            c.label = label
            if label != "PERSON":
                c.key = f"{label.lower()}:{word.rstrip('s') if label == 'NORP' else word}"
                c.extra.pop("single", None)


def _it_pronouns(toks: list[Token], cands: list[Cand]) -> list[Cand]:
    """'its' and a speaking 'it' ("it said") refer to the most recent organisation or state (E2: "what it calls
    DPR and LPR" is Russia); other uses of 'it' are too often expletive ("it is clear") to annotate."""
    bodies = sorted((c for c in cands if c.label in ("ORG", "GPE") and c.key is not None and c.form != "PRO"),
                    key=lambda c: c.start)
    out = []
    for k, tok in enumerate(toks):
        if tok.lower not in ("it", "its"):
            continue
        if tok.lower == "it":
            j = k + 1
            while j < len(toks) and toks[j].lower in {"has", "had", "have", "also", "then", "later", "will", "would"}:
                j += 1
            if j >= len(toks) or toks[j].lower not in lx.SAY_VERBS:
                continue
        before = [c for c in bodies if c.end <= tok.start]
        if not before or tok.start - before[-1].end > 400:
            continue
        ante = before[-1]
        out.append(Cand(tok.start, tok.end, ante.label, "PRO", ante.key, extra={"pronoun": True}))
    return out


def _resolve_people(text: str, cands: list[Cand]) -> None:
    """Person keys: a full name is its own key; a single name joins the most recent full name containing it."""
    full: list[tuple[list[str], str]] = []
    for c in cands:
        if c.label != "PERSON" or c.form != "NAM":
            continue
        words = _norm(text[c.start:c.end]).split()
        if len(words) > 1:
            match = next((key for names, key in reversed(full) if set(words) & set(names) and
                          (words[-1] in names or words[0] in names)), None)
            c.key = match or "person:" + " ".join(words)
            full.append((words, c.key))
        else:
            match = next((key for names, key in reversed(full) if words[0] in names), None)
            c.key = match or "person:" + words[0]
            if match is None:
                full.append((words, c.key))


_TITLE_SYNONYMS = {"fm": "foreign minister", "pm": "prime minister", "secretary": "secretary",
                   "foreign minister": "foreign minister", "prime minister": "prime minister"}


def _title_words(title: str) -> set[str]:
    words = set(title.replace("'s", "").split()) - {"of", "the"}
    for short, long in _TITLE_SYNONYMS.items():
        if short in words:
            words |= set(long.split())
    return words - {"foreign", "state", "defence", "defense", "deputy", "vice", "us"}


def _resolve_references(text: str, cands: list[Cand]) -> None:
    """Pronouns and nominal persons join a person named before them.

    A nominal ("the minister") joins the most recent person whose title shares its head word, else the most
    recent person. A pronoun opening a sentence refers to the first person of the previous sentence that names
    one (the subject, as centering theory predicts); elsewhere to the most recent person.
    """
    bounds = sentences(text)
    people: list[tuple[Cand, int]] = []  # named persons with the index of their sentence
    sent_index = 0

    def sentence_of(pos: int) -> int:
        nonlocal sent_index
        while sent_index + 1 < len(bounds) and bounds[sent_index + 1][0] <= pos:
            sent_index += 1
        return sent_index

    for c in cands:
        if c.extra.get("nominal_org"):
            c.key = "nom:" + c.extra["title"]
            continue
        if c.label != "PERSON":
            continue
        here = sentence_of(c.start)
        if c.form == "NAM":
            people.append((c, here))
            continue
        if not people:
            continue
        if c.form == "NOM":
            wanted = _title_words(c.extra.get("title", ""))
            match = next((p for p, _ in reversed(people) if wanted & _title_words(p.extra.get("title", ""))), None)
            c.key = (match or people[-1][0]).key
            continue
        at_start = bounds and bounds[here][0] == c.start
        if at_start:
            earlier = [(p, k) for p, k in people if k < here]
            if earlier:
                last_k = earlier[-1][1]
                c.key = next(p for p, k in earlier if k == last_k).key
                continue
        c.key = people[-1][0].key
