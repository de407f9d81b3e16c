"""Mention scoring: the four SemEval-2013 schemes (strict, exact, partial, type) on end-exclusive spans.

Definitions as nervaluate gives them (COR, INC, PAR, MIS, SPU; POS = COR+INC+PAR+MIS, ACT = COR+INC+PAR+SPU;
P = COR/ACT, R = COR/POS, with COR + 0.5*PAR for partial and type), but with an optimal one-to-one matching that
first maximises the correct pairs and then the overlapping ones, so results do not depend on item order. Per label
(and per form) a scheme is computed on the items of that label on both sides, as nervaluate does. Only named
mentions (form NAM) are scored by default, so numbers compare with OntoNotes NER.
"""

from __future__ import annotations

from collections import Counter
from operator import itemgetter
from typing import Any, Iterable, Sequence

from ..model import Document, Mention
from .core import Tally, match_optimal, overlapping_pairs

SCHEMES = ("strict", "exact", "partial", "type")
DEFAULT_FORMS: tuple[str, ...] = ("NAM",)
Item = tuple[int, int, str]  # (start, end, label)


def semeval_counts(gold: Sequence[Item], pred: Sequence[Item],
                   edges: list[tuple[int, int]] | None = None) -> dict[str, dict[str, int]]:
    """COR/INC/PAR/MIS/SPU of each scheme for one document's (start, end, label) items.

    ``edges`` (the overlapping index pairs) may be given when already known.
    """
    if edges is None:
        edges = overlapping_pairs([(s, e) for s, e, _ in gold], [(s, e) for s, e, _ in pred])
    out: dict[str, dict[str, int]] = {}
    # scheme -> rule for a "correct" pair among overlapping ones; exact and partial share one matching
    rules = {
        "strict": lambda g, p: g == p,
        "boundary": lambda g, p: g[0] == p[0] and g[1] == p[1],
        "type": lambda g, p: g[2] == p[2],
    }
    big = len(edges) + 1
    for name, rule in rules.items():
        weights = {(i, j): (big if rule(gold[i], pred[j]) else 0) + 1 for i, j in edges}
        matched = match_optimal(weights)
        correct = sum(1 for i, j in matched if weights[(i, j)] > 1)
        other = len(matched) - correct
        base = {"correct": correct, "missed": len(gold) - len(matched), "spurious": len(pred) - len(matched)}
        if name == "boundary":
            out["exact"] = {**base, "incorrect": other, "partial": 0}
            out["partial"] = {**base, "incorrect": 0, "partial": other}
        else:
            out[name] = {**base, "incorrect": other, "partial": 0}
    return {scheme: out[scheme] for scheme in SCHEMES}


def counts_tally(c: dict[str, int]) -> Tally:
    """The Tally of SemEval counts: tp = COR + 0.5 PAR over ACT (precision) and POS (recall)."""
    tp = c["correct"] + 0.5 * c["partial"]
    actual = c["correct"] + c["incorrect"] + c["partial"] + c["spurious"]
    possible = c["correct"] + c["incorrect"] + c["partial"] + c["missed"]
    return Tally.of(tp, possible, actual)


def _items(mentions: Iterable[Mention], forms: tuple[str, ...] | None) -> list[Item]:
    return sorted((m.span.start, m.span.end, m.label) for m in mentions if forms is None or m.form in forms)


def score_document(gold: Document, pred: Document, forms: tuple[str, ...] | None = DEFAULT_FORMS) -> dict[str, Any]:
    """Tallies of one document: ``{scheme: Tally, "per_label": {scheme: {label: Tally}}, "per_form": ...}``."""
    g, p = _items(gold.mentions, forms), _items(pred.mentions, forms)
    edges = overlapping_pairs([(s, e) for s, e, _ in g], [(s, e) for s, e, _ in p])
    out: dict[str, Any] = {s: counts_tally(c) for s, c in semeval_counts(g, p, edges).items()}
    per_label: dict[str, dict[str, Tally]] = {s: {} for s in SCHEMES}
    for label in sorted({x[2] for x in g} | {x[2] for x in p}):
        # the label's items on both sides, and the overlaps among them (a subset of the overlaps of all items)
        gi = [i for i, x in enumerate(g) if x[2] == label]
        pj = [j for j, x in enumerate(p) if x[2] == label]
        g_at, p_at = {i: n for n, i in enumerate(gi)}, {j: n for n, j in enumerate(pj)}
        sub = [(g_at[i], p_at[j]) for i, j in edges if i in g_at and j in p_at]
        counts = semeval_counts([g[i] for i in gi], [p[j] for j in pj], sub)
        for s, c in counts.items():
            per_label[s][label] = counts_tally(c)
    out["per_label"] = per_label
    per_form: dict[str, dict[str, Tally]] = {s: {} for s in SCHEMES}
    present = {m.form for m in gold.mentions} | {m.form for m in pred.mentions}
    for form in sorted(present):
        counts = semeval_counts(_items(gold.mentions, (form,)), _items(pred.mentions, (form,)))
        for s, c in counts.items():
            per_form[s][form] = counts_tally(c)
    out["per_form"] = per_form
    return out


def _keys(docs: Sequence[Document], forms: tuple[str, ...] | None) -> list[tuple[int, int, int, str]]:
    out: list[tuple[int, int, int, str]] = []
    append = out.append
    for n, doc in enumerate(docs):
        for m in doc.mentions:
            if forms is None or m.form in forms:
                span = m.span
                append((n, span.start, span.end, m.label))
    return out


def strict_tallies(gold: Sequence[Document], pred: Sequence[Document],
                   forms: tuple[str, ...] | None = DEFAULT_FORMS) -> tuple[Tally, dict[str, Tally]]:
    """Strict micro counts and per-label counts over aligned lists of documents, in one pass.

    The same definition as the strict scheme of ``score_document`` (an exact (start, end, label) key matched
    one-to-one: the multiset intersection), computed over the whole corpus at once for speed; without duplicate
    keys the multisets are sets.
    """
    label_of = itemgetter(3)
    g, p = _keys(gold, forms), _keys(pred, forms)
    g_set, p_set = set(g), set(p)
    matched: Iterable[tuple[int, int, int, str]]
    if len(g_set) == len(g) and len(p_set) == len(p):
        matched = g_set & p_set
    else:
        matched = (Counter(g) & Counter(p)).elements()
    tp = Counter(map(label_of, matched))
    n_gold, n_pred = Counter(map(label_of, g)), Counter(map(label_of, p))
    per_label = {label: Tally.of(tp[label], n_gold[label], n_pred[label]) for label in sorted(n_gold | n_pred)}
    total = Tally.of(sum(tp.values()), len(g), len(p))
    return total, per_label
