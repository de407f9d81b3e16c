"""Quote scoring: content (exact and token overlap), overlap-threshold matches, cues, speakers, end to end, kind.

Content overlap is counted in tokens (words and punctuation marks of the document text touched by a content span)
with an optimal one-to-one matching of quotes maximising the shared tokens; precision and recall are shared tokens
over predicted and gold tokens (not Citron's swapped ratio, and no prediction scores twice). Threshold matches
follow SFU: a pair qualifies when the shared tokens are at least t of the gold quote's tokens (t = 0.3, 0.8).
Speaker and kind accuracy are measured on the 0.3 matches; a speaker is right at mention level when the span is
the gold speaker's span, at cluster level when it refers to the gold speaker's entity. End-to-end F1 matches a
quote only with a 0.3 overlap and the right speaker entity.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from ..model import Document, Quote
from .coref import Entity, entity_key, entity_of_span
from .core import Tally, keyed_tally, match_optimal

THRESHOLDS = (0.3, 0.8)
MATCH_THRESHOLD = 0.3  # the threshold whose matches speaker, kind and end-to-end scores use
_TOKEN = re.compile(r"\w+|[^\w\s]")
METRICS = ("content_exact", "content_overlap", "match_0.3", "match_0.8", "cue_exact", "speaker_mention_accuracy",
           "speaker_cluster_accuracy", "end_to_end", "kind_accuracy")


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class Tokens:
    """Tokens of a text touched by character spans, each token named by its start offset."""

    def __init__(self, text: str):
        self.text = text

    def covered(self, spans: Sequence[tuple[int, int]]) -> frozenset[int]:
        out: set[int] = set()
        text = self.text
        for s, e in spans:
            # a span starting inside a word touches that word: start the search at the word's beginning
            while 0 < s < len(text) and _is_word(text[s]) and _is_word(text[s - 1]):
                s -= 1
            out.update(m.start() for m in _TOKEN.finditer(text, s, e))
        return frozenset(out)


def _canonical(doc: Document) -> list[Quote]:
    """Quotes sorted by everything the metrics look at, so that ties are broken the same for any input order."""
    spans = {m.id: (m.span.start, m.span.end) for m in doc.mentions}
    return sorted(doc.quotes, key=lambda q: (tuple((s.start, s.end) for s in q.content),
                                             (q.cue.start, q.cue.end) if q.cue else (), q.kind,
                                             spans.get(q.speaker or "", ())))


def _matches(gold_tokens: list[frozenset[int]], pred_tokens: list[frozenset[int]], threshold: float | None,
             allowed: Any = None) -> list[tuple[int, int]]:
    """Optimal matching of quotes by shared tokens; with a threshold, maximise the number of qualifying pairs
    first and the shared tokens second."""
    owner: dict[int, list[int]] = {}
    for j, toks in enumerate(pred_tokens):
        for t in toks:
            owner.setdefault(t, []).append(j)
    shared: dict[tuple[int, int], int] = {}
    for i, toks in enumerate(gold_tokens):
        for t in toks:
            for j in owner.get(t, ()):
                shared[(i, j)] = shared.get((i, j), 0) + 1
    if threshold is None:
        return match_optimal({k: float(v) for k, v in shared.items()})
    big = sum(shared.values()) + 1
    edges = {(i, j): big + v for (i, j), v in shared.items()
             if v >= threshold * len(gold_tokens[i]) and (allowed is None or allowed(i, j))}
    return match_optimal({k: float(v) for k, v in edges.items()})


def score_document(gold: Document, pred: Document, gold_entities: dict[tuple[int, int], Entity] | None = None,
                   tokens: Tokens | None = None) -> dict[str, Any]:
    if gold_entities is None:
        gold_entities = entity_of_span(gold)
    tokens = tokens or Tokens(gold.text)
    g, p = _canonical(gold), _canonical(pred)
    g_spans = [[(s.start, s.end) for s in q.content] for q in g]
    p_spans = [[(s.start, s.end) for s in q.content] for q in p]
    g_tok = [tokens.covered(s) for s in g_spans]
    p_tok = [tokens.covered(s) for s in p_spans]
    out: dict[str, Any] = {}
    out["content_exact"] = keyed_tally([tuple(s) for s in g_spans], [tuple(s) for s in p_spans])

    overlap = _matches(g_tok, p_tok, None)
    shared = sum(len(g_tok[i] & p_tok[j]) for i, j in overlap)
    out["content_overlap"] = Tally.of(shared, sum(map(len, g_tok)), sum(map(len, p_tok)))

    by_threshold = {t: _matches(g_tok, p_tok, t) for t in THRESHOLDS}
    for t, pairs in by_threshold.items():
        out[f"match_{t}"] = Tally.of(len(pairs), len(g), len(p))

    out["cue_exact"] = keyed_tally([(q.cue.start, q.cue.end) for q in g if q.cue],
                                   [(q.cue.start, q.cue.end) for q in p if q.cue])

    g_mentions = {m.id: (m.span.start, m.span.end) for m in gold.mentions}
    p_mentions = {m.id: (m.span.start, m.span.end) for m in pred.mentions}
    g_speaker = [g_mentions.get(q.speaker) if q.speaker else None for q in g]
    p_speaker = [p_mentions.get(q.speaker) if q.speaker else None for q in p]
    g_entity = [entity_key(s, gold_entities) for s in g_speaker]
    p_entity = [entity_key(s, gold_entities) for s in p_speaker]

    pairs = by_threshold[MATCH_THRESHOLD]
    out["speaker_mention_accuracy"] = Tally.accuracy(sum(g_speaker[i] == p_speaker[j] for i, j in pairs), len(pairs))
    out["speaker_cluster_accuracy"] = Tally.accuracy(sum(g_entity[i] == p_entity[j] for i, j in pairs), len(pairs))
    out["kind_accuracy"] = Tally.accuracy(sum(g[i].kind == p[j].kind for i, j in pairs), len(pairs))
    end_to_end = _matches(g_tok, p_tok, MATCH_THRESHOLD, allowed=lambda i, j: g_entity[i] == p_entity[j])
    out["end_to_end"] = Tally.of(len(end_to_end), len(g), len(p))

    by_kind: dict[str, Tally] = {}
    for kind in sorted({q.kind for q in g} | {q.kind for q in p}):
        gi = [i for i, q in enumerate(g) if q.kind == kind]
        pj = [j for j, q in enumerate(p) if q.kind == kind]
        matched = _matches([g_tok[i] for i in gi], [p_tok[j] for j in pj], MATCH_THRESHOLD)
        by_kind[kind] = Tally.of(len(matched), len(gi), len(pj))
    out["per_label"] = {f"match_{MATCH_THRESHOLD}": by_kind}
    return {name: out[name] for name in METRICS} | {"per_label": out["per_label"]}
