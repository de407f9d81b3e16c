"""Tokens and sentences for the rules baseline: plain regular expressions, no model.

Offsets are character offsets into the document text, like every span in newsbench. Sentences never cross a
paragraph break (a blank line); a quotation mark right after a full stop stays with the sentence it closes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# words keep inner apostrophes, hyphens and dots (U.S., al-Assad, Kyiv's is split: the possessive is its own token)
_TOKEN = re.compile(r"[$€£¥]?\d[\d,.]*\d%?|\d%?|[A-Za-z](?:\.[A-Za-z])+\.?|\w+(?:[-‐]\w+)*|[’']s\b|n[’']t\b|\S",
                    re.UNICODE)
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "sen", "rep", "gov", "prof",
                  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs",
                  "etc", "inc", "ltd", "co", "corp", "jr", "sr", "u.s", "u.k", "u.n", "e.u"}
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\r\n[ \t]*\r\n")
CLOSING = "\"'”’»›)]"


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    return [Token(m.start() + start, m.end() + start, m.group(0)) for m in _TOKEN.finditer(text[start:end])]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the blank-line separated blocks, stripped of surrounding whitespace."""
    out, pos = [], 0
    for m in list(_PARAGRAPH_BREAK.finditer(text)) + [None]:
        stop = m.start() if m else len(text)
        s, e = pos, stop
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
        pos = m.end() if m else len(text)
    return out


def _is_boundary(text: str, i: int) -> bool:
    """Whether the full stop (or ! ?) at ``i`` ends a sentence."""
    if text[i] == ".":
        j = i - 1
        while j >= 0 and (text[j].isalpha() or text[j] == "."):
            j -= 1
        word = text[j + 1:i].lower()
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha() and text[i - 1].isupper()):
            return False
    k = i + 1
    while k < len(text) and text[k] in CLOSING:
        k += 1
    if k < len(text) and not text[k].isspace():
        return False
    while k < len(text) and text[k] in " \t":
        k += 1
    # a new sentence starts with a capital, a digit or an opening mark; a lower-case word continues this one
    return k >= len(text) or not text[k].islower()


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, end-exclusive, closing marks after the final stop included."""
    out = []
    for ps, pe in paragraphs(text):
        s = ps
        i = ps
        while i < pe:
            ch = text[i]
            if ch == "\n":
                # a single line break inside a block (a headline over a paragraph) also ends a sentence
                if i > s:
                    out.append((s, i))
                s = i + 1
            elif ch in ".!?" and _is_boundary(text, i):
                e = i + 1
                while e < pe and text[e] in CLOSING:
                    e += 1
                out.append((s, e))
                s = e
            i += 1
        if s < pe:
            out.append((s, pe))
    cleaned = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            cleaned.append((s, e))
    return cleaned
