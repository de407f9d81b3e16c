"""Event scoring: triggers, arguments (plain, attached, coreference-aware) and attributes of matched triggers.

Definitions as TextEE/OneIE give them, matched one-to-one (duplicates neither hidden nor counted twice):
Tri-I (trigger offsets), Tri-C (+ type), Arg-I (event type + argument offsets), Arg-C (+ role), the attached
variants (+ trigger offsets), and a WikiEvents-style coreference-aware Arg-C where an argument counts when its
mention refers to the same gold entity as the gold argument. Attribute accuracy (polarity, tense, genericity,
modality, mode) is measured on the Tri-C matched pairs.
"""

from __future__ import annotations

from typing import Any, Callable, Hashable

from ..model import Document, Event
from .coref import Entity, entity_key, entity_of_span
from .core import Tally, keyed_tally, pair_keys

ATTRIBUTES = ("polarity", "tense", "genericity", "modality", "mode")
METRICS = ("trigger_identification", "trigger_classification", "argument_identification",
           "argument_classification", "argument_identification_attached", "argument_classification_attached",
           "argument_coref") + tuple(f"{a}_accuracy" for a in ATTRIBUTES)


def _canonical(doc: Document) -> list[Event]:
    return sorted(doc.events, key=lambda e: (e.trigger.start, e.trigger.end, e.type,
                                             tuple(getattr(e, a) or "" for a in ATTRIBUTES)))


ArgKey = Callable[[Event, str, tuple[int, int]], Hashable]

_ARGUMENT_KEYS: dict[str, ArgKey] = {
    "argument_identification": lambda e, role, span: (e.type, span),
    "argument_classification": lambda e, role, span: (e.type, span, role),
    "argument_identification_attached": lambda e, role, span: (e.type, span, e.trigger.start, e.trigger.end),
    "argument_classification_attached": lambda e, role, span: (e.type, span, role, e.trigger.start,
                                                               e.trigger.end),
}


def _arguments(doc: Document) -> list[tuple[Event, str, tuple[int, int]]]:
    spans = {m.id: (m.span.start, m.span.end) for m in doc.mentions}
    return [(e, a.role, spans[a.mention]) for e in doc.events for a in e.arguments if a.mention in spans]


def score_document(gold: Document, pred: Document, gold_entities: dict[tuple[int, int], Entity] | None = None
                   ) -> dict[str, Any]:
    """Tallies of one document, with ``per_label`` for trigger classification (by type) and argument
    classification (by role)."""
    if gold_entities is None:
        gold_entities = entity_of_span(gold)
    g_events, p_events = _canonical(gold), _canonical(pred)
    out: dict[str, Any] = {}
    trig = lambda e: (e.trigger.start, e.trigger.end)  # noqa: E731
    out["trigger_identification"] = keyed_tally([trig(e) for e in g_events], [trig(e) for e in p_events])
    g_tc = [(*trig(e), e.type) for e in g_events]
    p_tc = [(*trig(e), e.type) for e in p_events]
    out["trigger_classification"] = keyed_tally(g_tc, p_tc)

    g_args, p_args = _arguments(gold), _arguments(pred)
    for name, key in _ARGUMENT_KEYS.items():
        out[name] = keyed_tally([key(*a) for a in g_args], [key(*a) for a in p_args])
    coref = lambda e, role, span: (e.type, role, entity_key(span, gold_entities))  # noqa: E731
    out["argument_coref"] = keyed_tally([coref(*a) for a in g_args], [coref(*a) for a in p_args])

    pairs = pair_keys(g_tc, p_tc)
    for attr in ATTRIBUTES:
        correct = sum(1 for i, j in pairs if getattr(g_events[i], attr) == getattr(p_events[j], attr))
        out[f"{attr}_accuracy"] = Tally.accuracy(correct, len(pairs))

    by_type: dict[str, Tally] = {}
    for etype in sorted({e.type for e in g_events} | {e.type for e in p_events}):
        by_type[etype] = keyed_tally([k for k in g_tc if k[2] == etype], [k for k in p_tc if k[2] == etype])
    by_role: dict[str, Tally] = {}
    key = _ARGUMENT_KEYS["argument_classification"]
    for role in sorted({a[1] for a in g_args} | {a[1] for a in p_args}):
        by_role[role] = keyed_tally([key(*a) for a in g_args if a[1] == role],
                                    [key(*a) for a in p_args if a[1] == role])
    out["per_label"] = {"trigger_classification": by_type, "argument_classification": by_role}
    return out
