"""The scoring report: ``score(gold=, pred=)`` runs the layer scorers per document, sums their tallies into the
corpus numbers and the breakdowns (per label, per form, per subset from ``metadata.subset``, per phenomenon tag
from ``metadata.phenomena``), adds the headline numbers with bootstrap intervals, and ``format_table`` prints it.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, Sequence

from ..model import LAYERS, Document
from ..problems import NewsbenchError, UsageError
from . import bootstrap as bs
from . import coref, entities, events, quotes, stances
from .core import Tally, add_nested

Progress = Callable[[Iterable[Any]], Iterator[Any]]

# headline name -> (layer, tally paths, combine over the tallies' (B, 4) rows)
HEADLINE: dict[str, tuple[str, tuple[tuple[str, ...], ...], bs.Combine]] = {
    "mentions.strict_f1": ("mentions", (("strict",),), lambda t: bs.f1_rows(t[0])),
    "clusters.conll_f1": ("clusters", (("muc",), ("b_cubed",), ("ceaf_e",)),
                          lambda t: bs.mean_rows([bs.f1_rows(x) for x in t], all_required=True)),
    "events.trigger_classification_f1": ("events", (("trigger_classification",),), lambda t: bs.f1_rows(t[0])),
    "events.argument_classification_f1": ("events", (("argument_classification",),),
                                          lambda t: bs.f1_rows(t[0])),
    "quotes.content_overlap_f1": ("quotes", (("content_overlap",),), lambda t: bs.f1_rows(t[0])),
    "quotes.end_to_end_f1": ("quotes", (("end_to_end",),), lambda t: bs.f1_rows(t[0])),
    "stances.triplet_f1": ("stances", (("triplet",),), lambda t: bs.f1_rows(t[0])),
    "stances.semeval_f_avg": ("stances", (("per_label", "triplet", "FAVOR"), ("per_label", "triplet", "AGAINST")),
                              lambda t: bs.mean_rows([bs.f1_rows(x) for x in t])),
}


def _layer_tallies(layer: str, gold: Document, pred: Document, forms: tuple[str, ...] | None,
                   cache: dict[str, Any]) -> dict[str, Any]:
    if layer == "mentions":
        return entities.score_document(gold, pred, forms)
    # the entities of both documents serve clusters, events, quotes and stances: compute them once
    if "gold" not in cache:
        cache["gold"], cache["pred"] = coref.entities(gold), coref.entities(pred)
    if layer == "clusters":
        return coref.score_document(gold, pred, cache["gold"], cache["pred"])
    if layer == "stances":
        return stances.score_document(gold, pred, cache["gold"], cache["pred"])
    if "by_span" not in cache:
        cache["by_span"] = coref.entity_of_span(gold, cache["gold"])
    if layer == "events":
        return events.score_document(gold, pred, cache["by_span"])
    return quotes.score_document(gold, pred, cache["by_span"])


def _derived(layer: str, tallies: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Metrics computed from other metrics (no counts of their own)."""
    if layer == "clusters" and all(m in tallies for m in ("muc", "b_cubed", "ceaf_e")):
        return {"conll": coref.conll(tallies)}
    if layer == "stances":
        averages = stances.class_averages(tallies.get("per_label", {}).get("triplet", {}))
        return {name: {"tp": None, "fp": None, "fn": None, "precision": None, "recall": None, "f1": value}
                for name, value in averages.items()}
    return {}


def _render(layer: str, tallies: dict[str, Any], breakdowns: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {name: t.to_dict() for name, t in tallies.items() if isinstance(t, Tally)}
    out.update(_derived(layer, tallies))
    if breakdowns:
        for group in ("per_label", "per_form"):
            if group in tallies:
                out[group] = {metric: {label: t.to_dict() for label, t in sorted(by.items())}
                              for metric, by in tallies[group].items()}
    return out


def _get(tallies: dict[str, Any], path: tuple[str, ...]) -> Tally:
    node: Any = tallies
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return Tally()
        node = node[part]
    return node if isinstance(node, Tally) else Tally()


def pair_documents(gold: Sequence[Document], pred: Sequence[Document]) -> tuple[list[tuple[Document, Document]],
                                                                                 list[str]]:
    """Pair predictions with gold by document id; a missing prediction is an empty document.

    Returns the pairs (in gold order) and the ids of gold documents without a prediction. Raises when a
    prediction names a document that gold does not have, or when the texts differ (offsets would be meaningless).
    """
    gold_ids = {d.id for d in gold}
    by_id: dict[str, Document] = {}
    for d in pred:
        if d.id in by_id:
            raise NewsbenchError(f"document {d.id!r} is predicted twice; keep one prediction per document")
        by_id[d.id] = d
    unknown = sorted(set(by_id) - gold_ids)
    if unknown:
        shown = ", ".join(unknown[:10]) + (f" and {len(unknown) - 10} more" if len(unknown) > 10 else "")
        raise NewsbenchError(f"{len(unknown)} predicted document(s) are not in gold: {shown}; "
                             f"predict the gold documents of the split you score (check --split / --gold)")
    pairs, missing = [], []
    for g in gold:
        p = by_id.get(g.id)
        if p is None:
            missing.append(g.id)
            p = g.without_annotations()
        elif p.text != g.text:
            raise NewsbenchError(f"document {g.id!r}: the predicted text differs from the gold text "
                                 f"(lengths {len(p.text)} and {len(g.text)}); predict on the gold text unchanged")
        pairs.append((g, p))
    return pairs, missing


def score(*, gold: Sequence[Document], pred: Sequence[Document], layers: Sequence[str] | None = None,
          bootstrap: int = 1000, seed: int = 0, forms: tuple[str, ...] | None = entities.DEFAULT_FORMS,
          progress: Progress | None = None) -> dict[str, Any]:
    """Score predictions against gold; a JSON-able report (see the module docstring and README "Scoring").

    ``forms`` restricts the mention schemes (default: named mentions only; ``None`` for all forms; ``per_form``
    always covers every form). ``bootstrap`` is the number of resamples for the 95% intervals (0 for none).
    """
    import numpy as np

    layers = tuple(layers) if layers else LAYERS
    bad = [x for x in layers if x not in LAYERS]
    if bad:
        raise UsageError(f"unknown layer(s) {', '.join(bad)}; expected some of {', '.join(LAYERS)}")
    pairs, missing = pair_documents(gold, pred)
    # a canonical document order, so that the bootstrap (which draws by position) ignores input order
    pairs.sort(key=lambda gp: gp[0].id)
    missing.sort()
    per_doc: list[dict[str, dict[str, Any]]] = []
    iterator: Iterable[tuple[Document, Document]] = progress(pairs) if progress else pairs
    for g, p in iterator:
        cache: dict[str, Any] = {}
        per_doc.append({layer: _layer_tallies(layer, g, p, forms, cache) for layer in layers})

    totals: dict[str, Any] = {}
    by_subset: dict[str, dict[str, Any]] = {}
    by_tag: dict[str, dict[str, Any]] = {}
    for (g, _), tallies in zip(pairs, per_doc):
        add_nested(totals, tallies)
        md = g.metadata
        if md is not None:
            add_nested(by_subset.setdefault(md.subset, {}), tallies)
            for tag in md.phenomena:
                add_nested(by_tag.setdefault(tag, {}), tallies)

    report: dict[str, Any] = {"documents": len(pairs), "missing_predictions": missing, "layers": list(layers),
                              "forms": list(forms) if forms is not None else None}
    for layer in layers:
        section = _render(layer, totals.get(layer, {}))
        section["per_subset"] = {name: _render(layer, t.get(layer, {}), breakdowns=False)
                                 for name, t in sorted(by_subset.items())}
        section["per_phenomenon"] = {name: _render(layer, t.get(layer, {}), breakdowns=False)
                                     for name, t in sorted(by_tag.items())}
        report[layer] = section

    headline: dict[str, Any] = {}
    names, all_rows, combines = [], [], []
    for name, (layer, paths, combine) in HEADLINE.items():
        if layer not in layers:
            continue
        rows = np.fromiter((x for d in per_doc for path in paths for x in _get(d[layer], path).row()), float,
                           count=4 * len(paths) * len(per_doc)).reshape(len(per_doc), len(paths), 4)
        value = combine([rows[:, k, :].sum(axis=0)[None, :] for k in range(len(paths))])[0]
        headline[name] = {"value": None if np.isnan(value) else float(value), "ci95": None}
        names.append(name)
        all_rows.append(rows)
        combines.append(combine)
    if bootstrap:
        for name, ci in zip(names, bs.intervals(all_rows, combines, bootstrap, seed)):
            headline[name]["ci95"] = ci
    report["headline"] = headline
    report["bootstrap"] = {"resamples": bootstrap, "seed": seed}
    return report


def _fmt(x: Any) -> str:
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:.4f}" if not x.is_integer() or x <= 1 else f"{int(x)}"
    return str(x)


def format_table(report: dict[str, Any], *, breakdowns: bool = False) -> str:
    """A readable table of every layer's metrics and the headline numbers with their intervals."""
    lines = []
    header = f"{'metric':<48}{'tp':>9}{'fp':>9}{'fn':>9}{'prec':>9}{'rec':>9}{'f1/acc':>9}"
    for layer in report.get("layers", []):
        section = report[layer]
        lines.append(f"== {layer} ({report['documents']} documents) ==")
        lines.append(header)
        for name, m in section.items():
            if not isinstance(m, dict) or name.startswith("per_"):
                continue
            lines.append(_row(name, m))
            if breakdowns:
                for group in ("per_label", "per_form"):
                    for label, lm in section.get(group, {}).get(name, {}).items():
                        lines.append(_row(f"  {label}", lm))
        if breakdowns:
            for group in ("per_subset", "per_phenomenon"):
                for key, sub in section.get(group, {}).items():
                    for name, m in sub.items():
                        lines.append(_row(f"  [{key}] {name}", m))
        lines.append("")
    if report.get("headline"):
        lines.append("== headline (95% bootstrap interval over documents) ==")
        for name, h in report["headline"].items():
            ci = h.get("ci95")
            span = f"[{ci[0]:.4f}, {ci[1]:.4f}]" if ci else "-"
            lines.append(f"{name:<48}{_fmt(h['value']):>9}  {span}")
    if report.get("missing_predictions"):
        lines.append(f"\n{len(report['missing_predictions'])} document(s) had no prediction and scored as empty")
    return "\n".join(lines)


def _row(name: str, m: dict[str, Any]) -> str:
    if "accuracy" in m:
        counts = f"{_fmt(m['correct'])}/{_fmt(m['total'])} correct"
        return f"{name:<48}{counts:>27}{'':>18}{_fmt(m['accuracy']):>9}"
    return (f"{name:<48}{_fmt(m.get('tp')):>9}{_fmt(m.get('fp')):>9}{_fmt(m.get('fn')):>9}"
            f"{_fmt(m.get('precision')):>9}{_fmt(m.get('recall')):>9}{_fmt(m.get('f1')):>9}")
