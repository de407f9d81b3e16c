"""Coreference scoring of clusters: MUC, B-cubed, CEAF-e, CoNLL F1 (their mean) and LEA.

Mentions are identified by their (start, end) span, so gold and predicted clusters compare by content. Entities
are the clusters as listed (a one-member cluster is a singleton entity); mentions outside every cluster are not
scored, as in CoNLL-2012. Every metric is a Tally of summable numerators and denominators (micro over documents).
CEAF-e's entity alignment is the optimal one-to-one matching of core; ``align_clusters`` exposes it to the stance
scorer, which maps predicted clusters to gold ones with it.
"""

from __future__ import annotations

from typing import Any, Sequence

from ..model import Document
from .core import RATIO, Tally, match_optimal, mean_or_none

Entity = frozenset[tuple[int, int]]
METRICS = ("muc", "b_cubed", "ceaf_e", "lea")


def entities(doc: Document) -> list[Entity]:
    """The document's clusters as sets of (start, end) mention spans, in a canonical order."""
    spans = {m.id: (m.span.start, m.span.end) for m in doc.mentions}
    out = {frozenset(spans[i] for i in c.members if i in spans) for c in doc.clusters}
    out.discard(frozenset())
    return sorted(out, key=lambda e: sorted(e))


def _muc_side(key: Sequence[Entity], response: Sequence[Entity]) -> tuple[float, float]:
    owner = {m: n for n, r in enumerate(response) for m in r}
    num = den = 0
    for k in key:
        # mentions missing from the response count as singletons of their own
        parts = {owner.get(m, ("alone", m)) for m in k}
        num += len(k) - len(parts)
        den += len(k) - 1
    return num, den


def _b_cubed_side(key: Sequence[Entity], response: Sequence[Entity]) -> tuple[float, float]:
    owner = {m: r for r in response for m in r}
    num = 0.0
    den = 0
    for k in key:
        seen: set[Entity] = set()
        for m in k:
            r = owner.get(m)
            if r is not None and r not in seen:
                seen.add(r)
                num += len(k & r) ** 2 / len(k)
        den += len(k)
    return num, den


def _link(n: int) -> int:
    return n * (n - 1) // 2


def _lea_side(key: Sequence[Entity], response: Sequence[Entity]) -> tuple[float, float]:
    owner = {m: r for r in response for m in r}
    num = 0.0
    den = 0
    for k in key:
        if len(k) == 1:
            # a singleton's only "link" is to itself: resolved when the response has the same singleton
            (m,) = k
            resolved = 1.0 if owner.get(m) == k else 0.0
        else:
            common = [len(k & r) for r in {owner[m] for m in k if m in owner}]
            resolved = sum(_link(c) for c in common) / _link(len(k))
        num += len(k) * resolved
        den += len(k)
    return num, den


def align_clusters(gold: Sequence[Entity], pred: Sequence[Entity]) -> list[tuple[int, int, float]]:
    """The CEAF-e alignment: one-to-one, maximising the sum of phi4 = 2|K∩R| / (|K|+|R|)."""
    edges = {}
    owner = {m: j for j, r in enumerate(pred) for m in r}
    for i, k in enumerate(gold):
        for j in {owner[m] for m in k if m in owner}:
            edges[(i, j)] = 2 * len(k & pred[j]) / (len(k) + len(pred[j]))
    return [(i, j, edges[(i, j)]) for i, j in match_optimal(edges)]


def score_clusters(gold: Sequence[Entity], pred: Sequence[Entity]) -> dict[str, Tally]:
    """MUC, B-cubed, CEAF-e and LEA tallies of two lists of entities."""
    out = {}
    for name, side in (("muc", _muc_side), ("b_cubed", _b_cubed_side), ("lea", _lea_side)):
        r_num, r_den = side(gold, pred)
        p_num, p_den = side(pred, gold)
        out[name] = Tally(p_num, p_den, r_num, r_den, RATIO)
    similarity = sum(phi for _, _, phi in align_clusters(gold, pred))
    out["ceaf_e"] = Tally(similarity, len(pred), similarity, len(gold), RATIO)
    return {name: out[name] for name in METRICS}


def score_document(gold: Document, pred: Document, gold_entities: list[Entity] | None = None,
                   pred_entities: list[Entity] | None = None) -> dict[str, Any]:
    """Tallies of one document (``entities(doc)`` of either side may be passed when already computed)."""
    return dict(score_clusters(entities(gold) if gold_entities is None else gold_entities,
                               entities(pred) if pred_entities is None else pred_entities))


def conll(tallies: dict[str, Tally]) -> dict[str, Any]:
    """CoNLL-2012: the mean of MUC, B-cubed and CEAF-e (precision, recall and F1 each); None if any is undefined."""
    parts = [tallies[m] for m in ("muc", "b_cubed", "ceaf_e")]
    return {"tp": None, "fp": None, "fn": None,
            "precision": mean_or_none((t.precision for t in parts), all_required=True),
            "recall": mean_or_none((t.recall for t in parts), all_required=True),
            "f1": mean_or_none((t.f1 for t in parts), all_required=True)}


def entity_of_span(doc: Document, doc_entities: list[Entity] | None = None) -> dict[tuple[int, int], Entity]:
    """Map each mention span of ``doc`` to its entity: its cluster's spans, or the span alone when unclustered.

    Used (on gold) to decide whether a predicted mention refers to the same entity as a gold one.
    """
    out: dict[tuple[int, int], Entity] = {(m.span.start, m.span.end): frozenset({(m.span.start, m.span.end)})
                                          for m in doc.mentions}
    for entity in entities(doc) if doc_entities is None else doc_entities:
        for span in entity:
            out[span] = entity
    return out


def entity_key(span: tuple[int, int] | None, gold_entities: dict[tuple[int, int], Entity]) -> Entity | None:
    """The gold entity a span refers to (the span alone if gold has no mention there); None for no span."""
    if span is None:
        return None
    return gold_entities.get(span, frozenset({span}))
