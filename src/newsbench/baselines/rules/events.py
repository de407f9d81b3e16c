"""Events of the rules baseline: a trigger lexicon per type, a few context rules, arguments by position.

Triggers are matched longest first ("called for" before "called"); ambiguous words need context ("called Wang"
is CONSULT, "called for" REQUEST, "were killed" CASUALTY). Attributes: a negation just before the trigger makes
it NEGATIVE; "will", "plans to", "tomorrow" make it FUTURE and OTHER; "should", "if", "would", an infinitive make
it OTHER; a past-tense form makes it PAST. Arguments: the nearest name before a verb trigger is its Actor, the
first after it (or after with/against/on/to) its Recipient, a place after in/at its Place, a date its Time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import lexicon as lx
from .entities import Cand
from .text import Token, sentences, tokenize

_INDEX: dict[str, str] = {}
for _type, _forms in lx.TRIGGERS.items():
    for _form in _forms:
        _INDEX.setdefault(_form, _type)
_MAX_WORDS = max(len(f.split()) for f in _INDEX)
_IRREGULAR_PAST = {"met", "spoke", "held", "struck", "shot", "withdrew", "fought", "freed", "took", "sent", "gave",
                   "signed", "denied", "stepped down", "sworn in", "severed ties", "cut ties", "called for",
                   "called on", "pulled back", "held talks", "hosted", "supported"}
_ARG_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_RECIPIENT_PREPS = {"with", "against", "on", "to", "for", "of", "at", "from", "toward", "towards", "into"}


@dataclass
class EventCand:
    type: str
    start: int
    end: int
    polarity: str = "POSITIVE"
    tense: str = "UNSPECIFIED"
    modality: str = "ASSERTED"
    mode: str | None = None
    arguments: list[tuple[str, str]] = field(default_factory=list)  # (role, mention id)


def _type_in_context(form: str, toks: list[Token], k: int, n: int) -> str | None:
    """The event type of the trigger ``toks[k:k+n]`` (form ``form``), or None when context says it is no event."""
    etype = _INDEX[form]
    prev = toks[k - 1].lower if k > 0 else ""
    nxt = toks[k + n].lower if k + n < len(toks) else ""
    nxt_tok = toks[k + n] if k + n < len(toks) else None
    if form in ("call", "called", "calls", "calling"):
        if prev in {"it", "what", "was", "were", "is", "be", "been", "they", "so", "being"} or nxt in {"it", "the"}:
            return None
        if nxt_tok is not None and (nxt_tok.text[:1].isupper() or nxt in {"his", "her", "their"}):
            return "CONSULT"
        return "CONSULT" if form == "call" and prev in {"a", "phone", "the", "video"} else None
    if form in ("killed", "kill", "kills", "killing"):
        return "CASUALTY" if prev in {"was", "were", "been", "be", "being", "are", "is"} else "ASSAULT"
    if form in ("fire", "fired", "fires", "firing"):
        return "ASSAULT" if nxt in {"on", "at"} or prev == "opened" else None
    if form in ("back", "backs", "backed", "backing"):
        return "SUPPORT" if nxt_tok is not None and (nxt_tok.text[:1].isupper() or nxt == "the") \
            and prev not in {"pull", "pulled", "come", "came", "step", "stepped", "go", "went", "get", "got"} else None
    if form in ("strike", "strikes"):
        return "ASSAULT" if prev in {"air", "missile", "drone", "military"} or nxt in {"on", "against"} else None
    if form in ("lift", "lifted", "ease", "eased", "lifts", "eases", "lifting", "easing"):
        return etype if nxt in {"sanctions", "restrictions", "the", "curbs", "embargo", "ban"} else None
    if form in ("mass", "massed", "station", "stationed", "masses", "massing"):
        return etype if nxt in {"troops", "forces", "soldiers", "tanks", "weapons", "missiles"} else None
    if form in ("war",):
        return None
    if form == "passed":
        return etype if nxt in {"a", "the", "an", "new", "legislation"} and k + n + 1 < len(toks) and \
            toks[k + n + 1].lower in {"law", "bill", "budget", "resolution", "amendment", "decree", "motion",
                                      "constitution"} or nxt == "legislation" else None
    if form in ("freeze", "froze", "frozen", "ban", "banned"):
        return etype if nxt in {"assets", "the", "accounts", "funds", "imports", "exports", "on", "its", "all"} else None
    if form in ("deal",) and prev in {"great", "good"}:
        return None
    if form in ("free",) and nxt not in {"the", "all"}:
        return None
    if form in ("release", "released") and prev in {"a", "press", "statement"}:
        return None
    if form == "host" and prev in {"a"}:
        return None
    if form in ("sentence", "sentenced") and prev in {"a", "the"}:
        return None
    if form in ("suspend", "suspended") and nxt not in {"talks", "cooperation", "relations", "flights", "the", "its"}:
        return None
    if form == "support" and prev in {"life"}:
        return None
    return etype


def _mode(etype: str, form: str, toks: list[Token], k: int) -> str | None:
    prev = toks[k - 1].lower if k > 0 else ""
    if etype == "CONSULT":
        if "call" in form or "phone" in form or prev in {"phone", "telephone", "video"}:
            return "phone"
        if form.startswith("visit"):
            return "visit"
        if form == "summit":
            return "multilateral"
    if etype == "SANCTION":
        if form.startswith(("expel", "expul")):
            return "expel"
        if form.startswith(("convict", "sentenc")):
            return "convict"
    if etype == "AID" and prev in {"military", "economic", "humanitarian"}:
        return prev
    if etype == "PROTEST":
        for stem, mode in (("demonstr", "demonstrate"), ("protest", "demonstrate"), ("rall", "demonstrate"),
                           ("riot", "riot"), ("boycott", "boycott")):
            if form.startswith(stem):
                return mode
    return None


_DURATIVE_NOUNS = {"aggression", "occupation", "support", "sanctions", "embargo", "blockade", "deployment",
                   "deployments", "buildup", "build-up", "cooperation", "co-operation", "partnership", "aid",
                   "assistance", "solidarity", "backing", "offensive", "crackdown", "detention", "protests"}
_FEARED = {"further", "any", "possible", "potential", "future", "new", "renewed", "risk", "threat", "prospect"}


def _attributes(form: str, toks: list[Token], k: int, sent_text: str) -> tuple[str, str, str]:
    """(polarity, tense, modality) from the words around the trigger.

    News mostly reports what happened: an asserted event is PAST unless its verb form or an ongoing-state noun
    says PRESENT; anything planned, requested, conditional or feared is FUTURE with modality OTHER.
    """
    window = [t.lower for t in toks[max(0, k - 4):k]]
    polarity = "NEGATIVE" if set(window[-3:]) & lx.NEGATIONS else "POSITIVE"
    before_clause = [t.lower for t in toks[max(0, k - 8):k]]
    sentence_words = {t.lower for t in toks}
    prev = window[-1] if window else ""
    light_past = prev in _LIGHT_VERBS and (prev.endswith("ed") or prev in {"sent", "gave", "held", "made", "began"})
    past_form = light_past or form in _IRREGULAR_PAST or form.endswith("ed") or prev in {"had", "has", "have", "did", "was",
                                                                          "were"} or bool(set(window[-2:]) & {"did"})
    present_form = (form.endswith("s") and not form.endswith(("ss", "ions", "ics")) and prev not in
                    {"the", "a", "of", "for", "on", "and", "new", "its", "their", "'s"}
                    and form not in _DURATIVE_NOUNS) or prev in {"is", "are", "am"} and form.endswith("ing")
    if set(window) & {"will", "'ll", "shall"} or (prev == "to" and sentence_words & {"tomorrow", "next", "plans",
                                                                                      "scheduled", "set"}):
        return polarity, "FUTURE", "OTHER"
    if set(before_clause) & {"should", "if", "would", "could", "might", "unless", "may"} and not past_form:
        return polarity, "FUTURE", "OTHER"
    if prev in {"to", "for"} or set(window[-2:]) & _FEARED:
        return polarity, "FUTURE", "OTHER"
    if past_form:
        return polarity, "PAST", "ASSERTED"
    if present_form or form in _DURATIVE_NOUNS:
        return polarity, "PRESENT", "ASSERTED"
    return polarity, "PAST", "ASSERTED"


def text_after_is_possessive(toks: list[Token], pos: int) -> bool:
    return any(t.start == pos and t.lower == "'s" for t in toks)


def _roles_of(etype: str) -> set[str]:
    from ...schema import inventory

    return set(inventory().roles_by_type.get(etype, ()))


def _arguments(etype: str, start: int, end: int, s_start: int, s_end: int, toks: list[Token], k: int, n: int,
               mentions: list[Cand], is_noun: bool) -> list[tuple[str, str]]:
    from ...schema import inventory

    allowed = set(inventory().roles_by_type.get(etype, ()))
    in_sentence = [m for m in mentions if s_start <= m.start and m.end <= s_end]
    outer = [m for m in in_sentence if not any(o is not m and o.start <= m.start and m.end <= o.end
                                                and (o.end - o.start) > (m.end - m.start) for o in in_sentence)]
    args: list[tuple[str, str]] = []
    used: set[str] = set()

    def add(role: str, m: Cand | None) -> None:
        if m is not None and role in allowed and m.id not in used:
            args.append((role, m.id))
            used.add(m.id)

    before = [m for m in outer if m.end <= start and m.label in _ARG_LABELS]
    after = [m for m in outer if m.start >= end and m.label in _ARG_LABELS]
    prev = toks[k - 1].lower if k > 0 else ""
    passive = prev in {"was", "were", "been", "be", "being", "is", "are"}
    actor = None
    if is_noun:
        # the possessor or nationality before a noun: "Russia's military aggression", "Russian aggression"
        for m in reversed(before):
            gap = [t for t in toks if m.end <= t.start and t.end <= start]
            modifiers = [t for t in gap if t.lower != "'s"]
            if len(modifiers) <= 2 and all(t.text.islower() for t in modifiers) and \
                    (m.label == "NORP" or any(t.lower == "'s" for t in gap) or not gap):
                actor = m
            break
    elif before:
        near = before[-1]
        gap = [t for t in toks if near.end <= t.start and t.end <= start]
        if len(gap) <= 6 and not any(t.text in "\"“”;" for t in gap):
            actor = near
    recipient = None
    if after:
        first = after[0]
        gap = [t for t in toks if end <= t.start and t.end <= first.start]
        small = _RECIPIENT_PREPS | {"the", "a", "an", "'s"} | {w.lower() for w in lx.TITLES}
        if not any(t.text in ",;\"“”" for t in gap) and (len(gap) <= 1 or all(t.lower in small for t in gap)):
            recipient = first
            if text_after_is_possessive(toks, first.end) and len(after) > 1:
                head = after[1]
                between = [t for t in toks if first.end <= t.start and t.end <= head.start]
                if all(t.lower == "'s" or t.text in lx.TITLES for t in between):
                    recipient = head  # "China's Foreign Minister Wang Yi": the person, not the country
    if passive:
        by = [m for m in after if any(t.lower == "by" and end <= t.start < m.start for t in toks)]
        if etype == "CASUALTY":
            add("Victim", actor)
            actor = None
        else:
            if actor is not None:
                add("Recipient", actor)
            actor = by[0] if by else None
            recipient = None
    if etype == "PERSONNEL":
        person = actor if actor is not None and actor.label == "PERSON" else recipient
        add("Person", person)
    else:
        add("Actor", actor)
        if recipient is not None and (actor is None or recipient.id != actor.id):
            add("Victim" if etype == "CASUALTY" else "Recipient", recipient)
    for m in outer:
        if m.label in _PLACE_LABELS and m.start >= end and m.id not in used:
            words = [t.lower for t in toks if end <= t.start and t.end <= m.start]
            if words and words[-1] in {"in", "at"} and len(words) <= 8:
                add("Place", m)
                break
    times = [m for m in outer if m.label in ("DATE", "TIME")]
    if times:
        add("Time", min(times, key=lambda m: min(abs(m.start - end), abs(start - m.end))))
    return args


_LIGHT_VERBS = {"imposed", "imposes", "impose", "announced", "launched", "provided", "provides", "sent", "offered",
                "gave", "expressed", "voiced", "issued", "held", "reached", "made", "signed", "extended", "pledged",
                "approved", "delivered", "carried", "stepped", "conducted", "staged", "began", "started"}
_AUX_OR_ADVERB = {"had", "has", "have", "also", "then", "later", "earlier", "was", "were", "is", "will", "would",
                  "did", "formally", "quickly", "again", "had also", "has also"}


def find_events(text: str, mentions: list[Cand]) -> list[EventCand]:
    out: list[EventCand] = []
    by_id = {m.id: m for m in mentions}
    for s_start, s_end in sentences(text):
        toks = tokenize(text, s_start, s_end)
        last_actor: str | None = None
        k = 0
        while k < len(toks):
            if k > 0 and toks[k].text[:1].isupper() and toks[k - 1].text not in "\"“‘'(":
                k += 1  # a capitalised word mid-sentence belongs to a name (the Minsk Agreement)
                continue
            found = None
            for n in range(min(_MAX_WORDS, len(toks) - k), 0, -1):
                form = " ".join(t.lower for t in toks[k:k + n])
                if form in _INDEX and all(toks[i].end + 1 == toks[i + 1].start for i in range(k, k + n - 1)):
                    etype = _type_in_context(form, toks, k, n)
                    if etype is not None:
                        found = (form, n, etype)
                    break
            if found is None:
                k += 1
                continue
            form, n, etype = found
            start, end = toks[k].start, toks[k + n - 1].end
            prev = toks[k - 1].lower if k > 0 else ""
            is_noun = prev in {"the", "a", "an", "its", "his", "her", "their", "'s", "of", "new", "further"} or \
                form.endswith(("ion", "ions", "ment", "ance", "ence", "ity")) or \
                form in {"sanctions", "talks", "aid", "support", "aggression", "threat", "threats", "deal"}
            if prev in _LIGHT_VERBS:
                is_noun = False  # "imposed sanctions on X": the light verb's subject acts
            polarity, tense, modality = _attributes(form, toks, k, text[s_start:s_end])
            ev = EventCand(etype, start, end, polarity, tense, modality, _mode(etype, form, toks, k))
            ev.arguments = _arguments(etype, start, end, s_start, s_end, toks, k, n, mentions, is_noun)
            j = k - 1
            while j >= 0 and toks[j].lower in _AUX_OR_ADVERB:
                j -= 1
            if not is_noun and j >= 0 and toks[j].lower == "and" and last_actor is not None:
                # coordinated verbs share the subject: "X called Y and discussed ..."
                allowed = _roles_of(etype)
                ev.arguments = [(r, i) for r, i in ev.arguments if r != "Actor" and i != last_actor]
                if "Actor" in allowed:
                    ev.arguments.insert(0, ("Actor", last_actor))
            if not is_noun:
                last_actor = next((i for r, i in ev.arguments if r == "Actor"), last_actor)
            out.append(ev)
            k += n
    return out
