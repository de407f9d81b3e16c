"""Stance scoring: (holder, target) pair F1, (holder, target, polarity) triplet F1, the SemEval-2016 headline
(F_FAVOR + F_AGAINST) / 2 and the 3-class macro F1.

Holders and cluster targets compare by entity: each predicted cluster is mapped to the gold cluster the CEAF-e
alignment gives it (an unaligned one matches nothing). Event targets map through the one-to-one trigger-span
matching; topic targets compare case- and space-insensitively. The per-class F1 of a polarity counts triplets of
that polarity; a missing stance plays the part of SemEval's NONE. Class averages skip a class absent on both sides.
"""

from __future__ import annotations

from typing import Any, Hashable

from ..model import Document, Stance
from .coref import Entity, align_clusters, entities
from .core import Tally, keyed_tally, mean_or_none, pair_keys

POLARITIES = ("FAVOR", "AGAINST", "NEUTRAL")
METRICS = ("pair", "triplet")


def _cluster_keys(gold: Document, pred: Document, g_list: list[Entity] | None = None,
                  p_list: list[Entity] | None = None) -> tuple[dict[str, Hashable], dict[str, Hashable]]:
    """Gold cluster id -> entity key, predicted cluster id -> the aligned gold entity key (or a key of its own)."""
    spans_g = {m.id: (m.span.start, m.span.end) for m in gold.mentions}
    spans_p = {m.id: (m.span.start, m.span.end) for m in pred.mentions}
    g_ent = {c.id: frozenset(spans_g[i] for i in c.members if i in spans_g) for c in gold.clusters}
    p_ent = {c.id: frozenset(spans_p[i] for i in c.members if i in spans_p) for c in pred.clusters}
    g_list = entities(gold) if g_list is None else g_list
    p_list = entities(pred) if p_list is None else p_list
    mapped = {p_list[j]: g_list[i] for i, j, _ in align_clusters(g_list, p_list)}
    gold_keys: dict[str, Hashable] = {cid: ("entity", e) for cid, e in g_ent.items()}
    pred_keys: dict[str, Hashable] = {cid: ("entity", mapped[e]) if e in mapped else ("unaligned", e)
                                      for cid, e in p_ent.items()}
    return gold_keys, pred_keys


def _event_keys(gold: Document, pred: Document) -> tuple[dict[str, Hashable], dict[str, Hashable]]:
    def canonical(doc: Document) -> list[Any]:
        return sorted(doc.events, key=lambda e: (e.trigger.start, e.trigger.end, e.type))

    g, p = canonical(gold), canonical(pred)
    pairs = pair_keys([(e.trigger.start, e.trigger.end) for e in g], [(e.trigger.start, e.trigger.end) for e in p])
    gold_keys: dict[str, Hashable] = {e.id: ("event", n) for n, e in enumerate(g)}
    pred_keys: dict[str, Hashable] = {e.id: ("unaligned-event", n) for n, e in enumerate(p)}
    for i, j in pairs:
        pred_keys[p[j].id] = ("event", i)
    return gold_keys, pred_keys


def _target(s: Stance, clusters: dict[str, Hashable], events: dict[str, Hashable]) -> Hashable:
    if s.target.kind == "topic":
        return ("topic", " ".join((s.target.topic or "").split()).casefold())
    table = clusters if s.target.kind == "cluster" else events
    return table.get(s.target.ref or "", ("missing", s.target.ref))


def score_document(gold: Document, pred: Document, gold_entities: list[Entity] | None = None,
                   pred_entities: list[Entity] | None = None) -> dict[str, Any]:
    """Pair and triplet tallies, and per polarity the triplet tallies (``per_label["triplet"]``).

    ``coref.entities`` of either document may be passed when already computed."""
    g_clusters, p_clusters = _cluster_keys(gold, pred, gold_entities, pred_entities)
    g_events, p_events = _event_keys(gold, pred)
    g = [(g_clusters.get(s.holder, ("missing", s.holder)), _target(s, g_clusters, g_events), s.polarity)
         for s in gold.stances]
    p = [(p_clusters.get(s.holder, ("missing", s.holder)), _target(s, p_clusters, p_events), s.polarity)
         for s in pred.stances]
    out: dict[str, Any] = {
        "pair": keyed_tally([x[:2] for x in g], [x[:2] for x in p]),
        "triplet": keyed_tally(g, p),
    }
    out["per_label"] = {"triplet": {pol: keyed_tally([x for x in g if x[2] == pol], [x for x in p if x[2] == pol])
                                    for pol in POLARITIES}}
    return out


def class_averages(per_polarity: dict[str, Tally]) -> dict[str, float | None]:
    """SemEval-2016's (F_FAVOR + F_AGAINST) / 2 and the macro F1 over the three classes."""
    f = {pol: per_polarity[pol].f1 if pol in per_polarity else None for pol in POLARITIES}
    return {"semeval_f_avg": mean_or_none(f[pol] for pol in ("FAVOR", "AGAINST")),
            "macro_f1": mean_or_none(f.values())}
