"""Quotations of the rules baseline: quotation marks, speech cues and speakers, as news reports speech in general.

1. Marks: straight and curly double and single quotes, low-9 quotes and guillemets; an opening mark is paired with
   the next closing mark of the same family (double: " “ ” „ « »; single: ' ‘ ’ ‚ ‹ ›), so unmatched styles still
   pair; an apostrophe inside a word is never a mark. A quote left open at a paragraph end that the next paragraph
   reopens continues there (the news convention for long quotations); a single content span per paragraph.
2. Attribution: a cue (a reporting verb, "according to") in the same sentence, before the opening mark
   ("X said: '...'") or after the closing one ("'...,' X said"); "'...,' he said, '...'" is one quote with two
   content spans. Speaker: the subject next to the cue (a name, an organisation, a pronoun already resolved).
3. Kind: a quote that opens its clause is direct; a lower-case fragment inside a reported clause is mixed
   (content from the start of the paraphrase); short marked words with no cue are scare quotes and skipped.
4. Indirect speech: "X said (that) ...", "X urged Y to ...", "..., X said.", "according to X, ...".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicon as lx
from .entities import Cand
from .text import Token, paragraphs, sentences, tokenize

DOUBLE = {"\"": "both", "“": "open", "”": "close", "„": "open", "«": "open", "»": "close", "‟": "open"}
SINGLE = {"'": "both", "‘": "open", "’": "close", "‚": "open", "‹": "open", "›": "close"}
_SPEAKER_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
_SCARE_BEFORE = re.compile(r"(?:so[- ]called|purported(?:ly)?|self-styled|self-proclaimed|what (?:it|he|she|they|"
                           r"we) (?:calls?|called|described as|terms?|termed)|(?:dubbed|termed|labell?ed|branded|"
                           r"described as|known as|called))\s*$", re.I)


@dataclass
class Segment:
    open: int            # offset of the opening mark
    close: int           # offset of the closing mark (or paragraph end when the quote runs on)
    family: str
    pieces: list[tuple[int, int]] = field(default_factory=list)


@dataclass(eq=False)
class QuoteCand:
    kind: str
    content: list[tuple[int, int]]
    cue: tuple[int, int] | None
    speaker: str | None
    parent: "QuoteCand | None" = None  # the quote this one is nested in
    outer: tuple[int, int] = (0, 0)  # from the first mark to the last


def _role(text: str, i: int, table: dict[str, str]) -> str | None:
    """'open', 'close' or None (not a mark here) for the mark at ``i``."""
    ch = text[i]
    kind = table[ch]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch in "’'" and before.isalnum() and after.isalnum():
        return None  # an apostrophe inside a word: don't, Kyiv’s
    if ch in "‘'" and after.isdigit() and not before.isalnum():
        return None  # an elided century: '90s
    can_open = (before.isspace() or before in "([{—–-/:;\"“‘«„") and not after.isspace()
    can_close = not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-\"”’»" or i + 1 == len(text))
    if ch in "«»‹›„‚":
        return kind  # guillemets and low marks say which side they are on (French spacing allows a space inside)
    if kind == "open":
        return "open" if not can_close or can_open else "close"
    if kind == "close":
        return "close" if can_close or not can_open else "open"
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return None


def find_segments(text: str) -> list[Segment]:
    """Quoted stretches of the text, one per pair of marks, in order; multi-paragraph quotes merged."""
    segments: list[Segment] = []
    paras = paragraphs(text)
    carried: Segment | None = None
    for p_index, (ps, pe) in enumerate(paras):
        stack: list[tuple[int, str]] = []
        for i in range(ps, pe):
            ch = text[i]
            table = DOUBLE if ch in DOUBLE else SINGLE if ch in SINGLE else None
            if table is None:
                continue
            family = "double" if table is DOUBLE else "single"
            role = _role(text, i, table)
            if role is None:
                continue
            if table[ch] == "both" and stack and stack[-1][1] == family and role == "open":
                # an ambiguous straight mark while one of its family is open closes it when it can
                if i > 0 and not text[i - 1].isspace():
                    role = "close"
            if role == "open":
                stack.append((i, family))
                continue
            match = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][1] == family), None)
            if match is None:
                continue  # a closing single mark with nothing open: a plural possessive (countries’)
            start, _ = stack[match]
            del stack[match:]
            if carried is not None and start == _first_mark(text, ps, pe):
                carried.pieces.append((start + 1, i))
                carried.close = i
                segments.append(carried)
                carried = None
            else:
                segments.append(Segment(start, i, family, [(start + 1, i)]))
        doubles = [pos for pos, fam in stack if fam == "double"]
        if carried is not None:
            # reopened but not closed in this paragraph either: runs on again or ends here
            if doubles and doubles[0] == _first_mark(text, ps, pe):
                carried.pieces.append((doubles[0] + 1, pe))
                doubles = doubles[1:]
                if not _runs_on(text, paras, p_index):
                    carried.close = pe
                    segments.append(carried)
                    carried = None
            else:
                segments.append(carried)
                carried = None
        if doubles:
            first = doubles[0]
            seg = Segment(first, pe, "double", [(first + 1, pe)])
            if _runs_on(text, paras, p_index):
                carried = seg
            elif len(text[first + 1:pe].split()) >= 4:
                segments.append(seg)  # a quote whose closing mark is missing: up to the paragraph end
    if carried is not None:
        segments.append(carried)
    segments.sort(key=lambda s: (s.open, -s.close))
    return segments


def _first_mark(text: str, ps: int, pe: int) -> int:
    return ps if text[ps] in DOUBLE and DOUBLE[text[ps]] in ("open", "both") else -1


def _runs_on(text: str, paras: list[tuple[int, int]], index: int) -> bool:
    return index + 1 < len(paras) and _first_mark(text, *paras[index + 1]) >= 0


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


class _Context:
    """Sentences, tokens and mentions of one document, with the lookups attribution needs."""

    def __init__(self, text: str, mentions: list[Cand]):
        self.text = text
        self.sentences = sentences(text)
        self.tokens = tokenize(text)
        self.mentions = [m for m in mentions if m.label in _SPEAKER_LABELS]

    def sentence_at(self, pos: int) -> tuple[int, int]:
        for s, e in self.sentences:
            if s <= pos < e:
                return s, e
        return pos, pos

    def tokens_in(self, s: int, e: int) -> list[Token]:
        return [t for t in self.tokens if s <= t.start and t.end <= e]

    def mentions_in(self, s: int, e: int) -> list[Cand]:
        return [m for m in self.mentions if s <= m.start and m.end <= e]


def _cue_at(toks: list[Token], k: int) -> tuple[int, int] | None:
    """The cue span when token k starts one: a reporting verb, 'pointed out', 'according to'."""
    tok = toks[k]
    if k + 1 < len(toks):
        two = f"{tok.lower} {toks[k + 1].lower}"
        if two in lx.SAY_VERBS or two == "according to":
            return tok.start, toks[k + 1].end
    if tok.lower in lx.SAY_VERBS and tok.text[0].islower():
        if tok.lower in ("called", "calls") and not (k + 1 < len(toks) and toks[k + 1].lower == "on"):
            return None
        return tok.start, tok.end
    return None


def _outermost(cands: list[Cand]) -> list[Cand]:
    return [m for m in cands if not any(o is not m and o.start <= m.start and m.end <= o.end and
                                        (o.end - o.start) > (m.end - m.start) for o in cands)]


def _subject_before(ctx: _Context, clause_start: int, cue_start: int, exclude: list[tuple[int, int]]) -> Cand | None:
    """The mention nearest before the cue in its clause, outside quoted content."""
    found = [m for m in _outermost(ctx.mentions_in(clause_start, cue_start))
             if not any(s <= m.start < e for s, e in exclude)]
    if not found:
        return None
    nearest = max(found, key=lambda m: (m.end, m.end - m.start))
    for m in sorted(found, key=lambda m: m.start):
        # "Tobiah Renn, editor of the Star, told ...": the apposition describes the subject before it
        if m is not nearest and m.label in ("PERSON", "ORG") and \
                _APPOSITION.fullmatch(ctx.text[m.end:cue_start]):
            return m
    return nearest


_APPOSITION = re.compile(r",[^,;\"“”()]{1,80},\s*(?:(?:had|has|have|also|later|then|was|is|will|would)\s+){0,2}")


def _after_possessive(ctx: _Context, first: Cand, limit: int) -> Cand:
    """'according to the ministry's spokesman Pell Arando': the possessed person, not the possessor."""
    rest = ctx.text[first.end:first.end + 3]
    if not rest.startswith(("'s", "’s")):
        return first
    later = sorted((m for m in _outermost(ctx.mentions_in(first.end, limit)) if m.label == "PERSON"),
                   key=lambda m: m.start)
    if later and all(w.lower() in {t.lower() for t in lx.TITLES} or w.islower() or w in ("'s", "’s")
                     for w in re.findall(r"[\w’']+", ctx.text[first.end:later[0].start])):
        return later[0]
    return first


def _attribution_after(ctx: _Context, start: int, stop: int) -> tuple[tuple[int, int], Cand | None, int] | None:
    """'..., X said' / '..., said X' / '..., X, a spokeswoman for Y, said' right after a closing mark:
    (cue, speaker, end of the attribution clause)."""
    toks = ctx.tokens_in(start, stop)
    k = 0
    while k < len(toks) and toks[k].text in ",.;:—–-":
        k += 1
    limit, commas = k, 0
    for j in range(k, min(len(toks), k + 20)):
        if toks[j].text in ".;!?\"“”«»‘'" or toks[j].text in DOUBLE:
            break
        if toks[j].text == "," and j > k:
            commas += 1
            if commas > 2:
                break
        limit = j + 1
    clause = toks[k:limit]
    for j, tok in enumerate(clause):
        if j > 8 and commas == 0:
            break
        cue = _cue_at(clause, j)
        if cue is None:
            continue
        end = next((t.start for t in clause[j:] if t.text == ","), clause[-1].end)
        if tok.lower == "according":
            after = [m for m in _outermost(ctx.mentions_in(cue[1], end))]
            first = min(after, key=lambda m: m.start) if after else None
            return cue, (_after_possessive(ctx, first, end) if first else None), end
        if any(t.text == "," for t in clause[:j]) and not _APPOSITION.fullmatch(
                ctx.text[_first_mention_end(ctx, clause[0].start, cue[0]):cue[0]]):
            return None  # a comma before the cue that is not an apposition: another clause
        before = _outermost(ctx.mentions_in(clause[0].start, cue[0]))
        if before:
            return cue, min(before, key=lambda m: (m.start, -(m.end - m.start))), end
        after = _outermost(ctx.mentions_in(cue[1], end))
        return cue, (min(after, key=lambda m: m.start) if after else None), end
    return None


def _first_mention_end(ctx: _Context, start: int, stop: int) -> int:
    found = _outermost(ctx.mentions_in(start, stop))
    return min(found, key=lambda m: m.start).end if found else start


def _cue_before(ctx: _Context, s_start: int, open_pos: int) -> tuple[tuple[int, int], int] | None:
    """The last reporting cue between the sentence start and the opening mark, with where its clause starts."""
    toks = ctx.tokens_in(s_start, open_pos)
    best = None
    for j in range(len(toks)):
        cue = _cue_at(toks, j)
        if cue is not None:
            best = (cue, j)
    if best is None:
        return None
    cue, j = best
    # the clause that owns the cue starts after the last comma-free stretch break before it
    clause_start = s_start
    for t in toks[:j]:
        if t.text in ";:" or t.text in DOUBLE or t.text in SINGLE:
            clause_start = t.end
    return cue, clause_start


def _paraphrase_start(ctx: _Context, cue: tuple[int, int], open_pos: int) -> int:
    """Where the reported clause begins after a cue: after 'that', at an infinitive 'to', else after the cue
    (an object of 'asked X' is not reported speech: then the clause starts inside the marks)."""
    toks = ctx.tokens_in(cue[1], open_pos)
    for t in toks:
        if t.lower == "that":
            return _strip(ctx.text, t.end, open_pos)[0]
    if ctx.text[cue[0]:cue[1]].lower() in lx.INFINITIVE_CUES:
        for t in toks:
            if t.lower == "to":
                return _strip(ctx.text, t.end, open_pos)[0]
    if not toks or ctx.text[cue[0]:cue[1]].lower() in lx.INFINITIVE_CUES:
        return open_pos + 1
    return _strip(ctx.text, cue[1], open_pos)[0]


def find_quotes(text: str, mentions: list[Cand]) -> list[QuoteCand]:
    ctx = _Context(text, mentions)
    segments = find_segments(text)
    out: list[QuoteCand] = []
    used: set[int] = set()
    owner: dict[int, int] = {}
    for n, seg in enumerate(segments):
        if n in used:
            continue
        first_s, last_e = seg.pieces[0][0], seg.pieces[-1][1]
        words = len(text[first_s:last_e].split())
        s_start, _ = ctx.sentence_at(seg.open)
        _, s_end = ctx.sentence_at(max(seg.close - 1, seg.open))
        if seg.close < len(text) and s_end <= seg.close:
            s_end = ctx.sentence_at(seg.close + 1)[1] if seg.close + 1 < len(text) else s_end
        content_text = text[first_s:last_e].strip()
        before_text = text[s_start:seg.open]
        after = _attribution_after(ctx, seg.close + 1, max(s_end, seg.close + 1))
        before = _cue_before(ctx, s_start, seg.open)
        parent = next((out[owner[k]] for k in range(n - 1, -1, -1) if k in owner and
                       segments[k].open < seg.open and seg.close <= segments[k].close), None)
        if _SCARE_BEFORE.search(before_text) or (words <= 3 and before is None and after is None):
            continue  # marks that distance the writer from a word: nobody is quoted
        if words <= 2 and after is None and not content_text[:1].isupper():
            continue
        pieces = [(_strip(text, s, e)) for s, e in seg.pieces]
        kind, cue, speaker = "direct", None, None
        starts_clause = not before_text.strip() or before_text.rstrip().endswith((":", ",")) and before is not None
        outer_quote: QuoteCand | None = None
        if before is not None:
            cue_span, clause_start = before
            cue, speaker = cue_span, _subject_before(ctx, clause_start, cue_span[0], pieces)
            if text[cue_span[0]:cue_span[1]].lower() == "according to":
                speaker = next(iter(sorted(_outermost(ctx.mentions_in(cue_span[1], seg.open)),
                                           key=lambda m: m.start)), None)
                if speaker is not None:
                    speaker = _after_possessive(ctx, speaker, seg.open)
            start = _paraphrase_start(ctx, cue_span, seg.open)
            paraphrase = text[start:seg.open].strip(" \t\n:,—–-") if start < seg.open else ""
            if text[:seg.open].rstrip().endswith((":", ",")) and start < seg.open:
                paraphrase = ""  # 'said in a statement: "..."' introduces the quotation itself
            # later fragments of the same reported clause belong to this quote
            end, last = pieces[-1][1], seg
            k = n + 1
            while k < len(segments) and seg.close < segments[k].open < s_end:
                nxt = segments[k]
                if _cue_before(ctx, last.close, nxt.open) is not None or \
                        _attribution_after(ctx, last.close + 1, nxt.open) is not None:
                    break
                used.add(k)
                end, last = _strip(text, *nxt.pieces[-1])[1], nxt
                k += 1
            rest = text[last.close + 1:s_end].lstrip()
            continues = bool(rest[:1].islower()) and _attribution_after(ctx, last.close + 1, s_end) is None
            if paraphrase or continues or last is not seg:
                kind = "mixed"
                first = start if paraphrase else pieces[0][0]
                stop = _clause_end(text, last.close + 1, s_end) if continues else end
                pieces = [(first, stop)]
            if after is not None and after[1] is not None and after[1].id != (speaker.id if speaker else None) \
                    and len(seg.pieces) == 1 and not text[:seg.open].rstrip().endswith((":", ",")):
                # '... X said that "...", Y reported': Y reports X's words: an outer quote holds this one
                o_cue, o_speaker, _ = after
                o_start = _strip(text, s_start, seg.open)[0]
                outer_quote = QuoteCand("mixed", [(o_start, pieces[-1][1])], o_cue,
                                        o_speaker.id if o_speaker is not None else None, None, (s_start, seg.close))
        elif after is not None:
            cue, speaker, clause_end = after
            if before_text.strip() and not starts_clause:
                kind = "mixed"
                pieces = [(_strip(text, s_start, seg.close)[0], pieces[-1][1])]
            # "...," he said, "...": the next segment right after the attribution continues the quote
            k = n + 1
            while k < len(segments) and segments[k].open < len(text):
                nxt = segments[k]
                gap = text[clause_end:nxt.open]
                if gap.strip() not in (",", ":", ", adding", "and", ", and") or k in used:
                    break
                used.add(k)
                pieces.extend(_strip(text, s, e) for s, e in nxt.pieces)
                break
        else:
            prev_cue = _colon_cue(ctx, s_start)
            if prev_cue is not None:
                cue, speaker = prev_cue
            elif words < 4:
                continue
        pieces = [p for p in pieces if p[0] < p[1]]
        if not pieces:
            continue
        if outer_quote is not None:
            out.append(outer_quote)
            parent = outer_quote
        owner[n] = len(out)
        out.append(QuoteCand(kind, pieces, cue, speaker.id if speaker else None, parent,
                             (seg.open, max(seg.close, pieces[-1][1]))))
    out.extend(find_indirect(ctx, [q.outer for q in out] + [(s.open, s.close) for s in segments]))
    out.sort(key=lambda q: q.content[0])
    return out


def _colon_cue(ctx: _Context, s_start: int) -> tuple[tuple[int, int], Cand | None] | None:
    """A quote opening a sentence right after 'X said:' ending the previous sentence or paragraph."""
    prev = [se for se in ctx.sentences if se[1] <= s_start]
    if not prev:
        return None
    ps, pe = prev[-1]
    if not ctx.text[ps:pe].rstrip().endswith(":"):
        return None
    found = _cue_before(ctx, ps, pe)
    if found is None:
        return None
    cue, clause_start = found
    return cue, _subject_before(ctx, clause_start, cue[0], [])


_CLAUSE_STOP = re.compile(r";|,\s(?:and|but|while|whereas|as)\s(?:had|has|have|was|is|were|will|would|also|then|"
                          r"later)\b|,\s(?:but|while|whereas)\b|\s—\s")


def _clause_end(text: str, start: int, s_end: int) -> int:
    m = _CLAUSE_STOP.search(text, start, s_end)
    end = m.start() if m else s_end
    end = _strip(text, start, end)[1]
    while end > start and text[end - 1] in ".!?,:\"”’'»":
        end -= 1
    return end


_PARTICIPLE_CUES = {"adding", "saying", "arguing", "urging", "warning", "insisting", "noting", "claiming",
                    "stressing", "explaining", "suggesting", "asking", "telling", "calling", "accusing"}
_FINITE = {"is", "are", "was", "were", "will", "would", "could", "should", "has", "have", "had", "can", "may",
           "might", "must", "did", "does", "do", "'s", "'re", "'ll", "won't", "wasn't", "isn't", "cannot"}


def find_indirect(ctx: _Context, taken: list[tuple[int, int]]) -> list[QuoteCand]:
    """Reported speech without marks in sentences (parts) no quotation mark covers."""
    text = ctx.text
    out: list[QuoteCand] = []

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    for s_start, s_end in ctx.sentences:
        toks = ctx.tokens_in(s_start, s_end)
        for j, tok in enumerate(toks):
            cue = _cue_at(toks, j)
            if cue is None:
                continue
            cue_toks = 2 if " " in text[cue[0]:cue[1]] else 1
            nxt = j + cue_toks
            if tok.lower == "according":
                speaker = next(iter(sorted(_outermost(ctx.mentions_in(cue[1], s_end)), key=lambda m: m.start)), None)
                if speaker is not None:
                    speaker = _after_possessive(ctx, speaker, s_end)
                comma = next((t for t in toks[nxt:] if t.text == ","), None)
                if j == 0 or toks[j - 1].text in "“\"'‘":
                    if comma is None:
                        continue
                    content = (_strip(text, comma.end, s_end)[0], _clause_end(text, comma.end, s_end))
                else:
                    content = (toks[0].start, _clause_end(text, toks[0].start, toks[j - 1].start))
                if content[0] < content[1] and free(*content):
                    out.append(QuoteCand("indirect", [content], cue, speaker.id if speaker else None))
                continue
            # reverse order: "<clause>, X said." at the end of the sentence
            rest = [t for t in toks[nxt:] if t.text not in ".!?"]
            before_comma = j > 1 and any(t.text == "," for t in toks[max(0, j - 6):j])
            if before_comma and len(rest) <= 4:
                comma_at = max(t.start for t in toks[:j] if t.text == ",")
                if comma_at - s_start > 15:
                    found = _outermost(ctx.mentions_in(comma_at, cue[0])) or \
                        _outermost(ctx.mentions_in(cue[1], s_end))
                    content = (toks[0].start, _clause_end(text, toks[0].start, comma_at))
                    nameless = j > 0 and toks[j - 1].lower in lx.SPEAKER_NOUNS
                    if (found or nameless) and free(*content) and content[0] < content[1]:
                        who = min(found, key=lambda m: m.start).id if found else None
                        out.append(QuoteCand("indirect", [content], cue, who))
                        continue
            if not free(cue[0], cue[1]):
                continue
            if tok.lower in _PARTICIPLE_CUES and j > 0 and toks[j - 1].text == ",":
                # "..., he said, adding that ...": the participle shares the sentence's subject
                subject = next((m for m in sorted(_outermost(ctx.mentions_in(s_start, cue[0])), key=lambda m: m.start)
                                if not any(a <= m.start < b for a, b in taken)), None)
            else:
                subject = _subject_before(ctx, s_start, cue[0], [])
                if subject is not None:
                    gap = text[subject.end:cue[0]]
                    between = gap.split()
                    if (len(between) > 4 or "," in gap) and not _APPOSITION.fullmatch(gap):
                        subject = None  # too far from the verb to be its subject
                j0 = j - 1
                while j0 >= 0 and toks[j0].lower in lx.AUXILIARIES:
                    j0 -= 1
                if subject is None and (j0 < 0 or not toks[j0].text.isalpha() or
                                        toks[j0].lower in {"and", "or", "to", "which", "who", "that", "it"}):
                    continue  # no subject of the cue verb in sight: not a report
            start = None
            k = nxt
            # an object (told Blinken that, urged Russia to): skip up to 6 tokens to 'that' / 'to'
            for m in range(nxt, min(len(toks), nxt + 7)):
                low = toks[m].lower
                if low == "that":
                    start = toks[m].end
                    break
                if low == "to" and tok.lower in lx.INFINITIVE_CUES | {"on"} or \
                        low == "to" and j + 1 < len(toks) and toks[j + 1].lower == "on":
                    start = toks[m].end
                    break
                if toks[m].text in ",.;:\"“”" or toks[m].lower in lx.SAY_VERBS:
                    break
            if start is None and tok.lower in {"said", "says", "stated", "added", "noted", "claimed", "insisted",
                                               "argued", "believes", "thinks", "warned", "announced", "stressed",
                                               "told"} and k < len(toks):
                if tok.lower == "told":
                    # the addressee: a name or one noun ("told reporters the drivers had been detained")
                    obj = [m for m in _outermost(ctx.mentions_in(toks[k].start, s_end)) if m.start == toks[k].start]
                    k = next((i for i in range(k, len(toks)) if toks[i].start >= obj[0].end), len(toks)) if obj \
                        else k + 1
                    if k >= len(toks):
                        continue
                first = toks[k]
                if first.text in ",:\"“'‘" or first.lower in {"in", "on", "at", "after", "before", "during", "of",
                                                              "about", "for", "with", "to", "it", "so", "nothing"}:
                    continue
                if not any(t.lower in _FINITE for t in toks[k:]):
                    continue  # a noun-phrase object reports a topic, not a proposition
                start = first.start
            if start is None:
                continue
            start = _strip(text, start, s_end)[0]
            end = _clause_end(text, start, s_end)
            if len(text[start:end].split()) < 3 or not free(start, end):
                continue
            out.append(QuoteCand("indirect", [(start, end)], cue, subject.id if subject else None))
            taken.append((start, end))
    return out
