"""Mention scoring: the four SemEval-2013 schemes (strict, exact, partial, type) on end-exclusive spans.

Definitions as nervaluate gives them (COR, INC, PAR, MIS, SPU; POS = COR+INC+PAR+MIS, ACT = COR+INC+PAR+SPU;
P = COR/ACT, R = COR/POS, with COR + 0.5*PAR for partial and type), but with an optimal one-to-one matching that
first maximises the correct pairs and then the overlapping ones, so results do not depend on item order. Per label
(and per form) a scheme is computed on the items of that label on both sides, as nervaluate does. Only named
mentions (form NAM) are scored by default, so numbers compare with OntoNotes NER.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable, Sequence

from ..model import Document, Mention
from ..problems import NewsbenchError
from .core import Tally, match_optimal, overlapping_pairs, pair_keys

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
    if not edges:
        nothing = {"correct": 0, "incorrect": 0, "partial": 0, "missed": len(gold), "spurious": len(pred)}
        return {scheme: dict(nothing) for scheme in SCHEMES}
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
        if forms == (form,):
            for scheme in SCHEMES:
                per_form[scheme][form] = out[scheme]
            continue
        counts = semeval_counts(_items(gold.mentions, (form,)), _items(pred.mentions, (form,)))
        for s, c in counts.items():
            per_form[s][form] = counts_tally(c)
    out["per_form"] = per_form
    return out


class _Ids(dict):  # type: ignore[type-arg]
    """Label -> small integer, numbering labels as they come."""

    def __missing__(self, key: str) -> int:
        self[key] = len(self)
        return self[key]


def _int_keys(docs: Sequence[Document], forms: tuple[str, ...] | None, width: int, labels: _Ids) -> Any:
    """One integer per mention: (document, start, end, label) in mixed radix (width > every offset).

    This comprehension is the scorer's hot path (measured faster than C-level attrgetter over dotted names).
    """
    import numpy as np

    out: list[int] = []
    for n, doc in enumerate(docs):
        base = n * width
        out.extend([((base + m.span.start) * width + m.span.end) * 64 + labels[m.label]
                    for m in doc.mentions if forms is None or m.form in forms])
    return np.array(out, dtype=np.int64)


def strict_tallies(gold: Sequence[Document], pred: Sequence[Document],
                   forms: tuple[str, ...] | None = DEFAULT_FORMS) -> tuple[Tally, dict[str, Tally]]:
    """Strict micro counts and per-label counts over aligned lists of documents, in one pass.

    The same definition as the strict scheme of ``score_document`` (an exact (document, start, end, label) key
    matched one-to-one: the multiset intersection), computed over the whole corpus at once for speed: each key is
    packed into one integer and the multisets are intersected with numpy.
    """
    import numpy as np

    width = max((len(d.text) for d in list(gold) + list(pred)), default=0) + 1
    labels = _Ids()
    if max(len(gold), len(pred)) * width * width * 64 >= 2 ** 62:
        raise NewsbenchError("documents too long or too many for the packed strict scorer; score in parts")
    g = _int_keys(gold, forms, width, labels)
    p = _int_keys(pred, forms, width, labels)
    if len(labels) > 64:
        raise NewsbenchError(f"{len(labels)} distinct mention labels; the packed strict scorer handles 64")
    g_keys, g_counts = np.unique(g, return_counts=True)
    p_keys, p_counts = np.unique(p, return_counts=True)
    common, gi, pj = np.intersect1d(g_keys, p_keys, assume_unique=True, return_indices=True)
    tp = np.bincount(common % 64, weights=np.minimum(g_counts[gi], p_counts[pj]), minlength=64)
    n_gold = np.bincount(g_keys % 64, weights=g_counts, minlength=64)
    n_pred = np.bincount(p_keys % 64, weights=p_counts, minlength=64)
    per_label = {label: Tally.of(int(tp[i]), int(n_gold[i]), int(n_pred[i])) for label, i in sorted(labels.items())}
    total = Tally.of(int(tp.sum()), len(g), len(p))
    return total, per_label


MISSED, SPURIOUS = "(missed)", "(spurious)"


def label_confusion(gold: Sequence[Document], pred: Sequence[Document],
                    forms: tuple[str, ...] | None = DEFAULT_FORMS) -> dict[tuple[str, str], int]:
    """Counts of (gold label, predicted label) over mentions with the same boundaries, one-to-one.

    Same-label pairs are matched first, then what is left by boundaries alone (a label error); a gold mention
    left over counts as (label, "(missed)"), a predicted one as ("(spurious)", label). Documents pair by id.
    """
    by_id = {d.id: d for d in pred}
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for g_doc in gold:
        p_doc = by_id.get(g_doc.id)
        g = _items(g_doc.mentions, forms)
        p = _items(p_doc.mentions, forms) if p_doc is not None else []
        same = pair_keys(g, p)
        g_done, p_done = {i for i, _ in same}, {j for _, j in same}
        for i, _ in same:
            counts[(g[i][2], g[i][2])] += 1
        g_left = [x for i, x in enumerate(g) if i not in g_done]
        p_left = [x for j, x in enumerate(p) if j not in p_done]
        bounds = pair_keys([x[:2] for x in g_left], [x[:2] for x in p_left])
        for a, b in bounds:
            counts[(g_left[a][2], p_left[b][2])] += 1
        g_done, p_done = {a for a, _ in bounds}, {b for _, b in bounds}
        for a, x in enumerate(g_left):
            if a not in g_done:
                counts[(x[2], MISSED)] += 1
        for b, x in enumerate(p_left):
            if b not in p_done:
                counts[(SPURIOUS, x[2])] += 1
    return dict(counts)
