"""Agreement between annotators: every pair scored with the same scorers as systems, plus chance-corrected
agreement on the labels of matched items.

For each pair of annotators and the documents both annotated, one is taken as gold and the other as prediction
(F1 is symmetric; precision and recall swap). Labels of matched items -- mention labels (same span), event types
(same trigger), quote kinds (same content spans), stance polarities (same holder and target) -- give Cohen's kappa
per pair and Krippendorff's alpha (nominal, missing data allowed) over all annotators.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import Any, Hashable, Mapping, Sequence

from .model import Document
from .scoring import score
from .scoring.core import pair_keys

LABEL_LAYERS = ("mentions", "events", "quotes", "stances")


def by_annotator(annotations: Mapping[str, Sequence[Document]]) -> dict[str, list[Document]]:
    """Regroup ``{document id: [one Document per annotation]}`` (read_export's ``annotations``) by annotator.

    An annotator who annotated a task twice keeps the last annotation of that task.
    """
    out: dict[str, dict[str, Document]] = defaultdict(dict)
    for doc_id in sorted(annotations):
        for doc in annotations[doc_id]:
            who = (doc.provenance.annotator if doc.provenance else None) or "unknown"
            out[who][doc.id] = doc
    return {who: [docs[i] for i in sorted(docs)] for who, docs in sorted(out.items())}


def cohen_kappa(pairs: Sequence[tuple[Hashable, Hashable]]) -> float | None:
    """Cohen's kappa of paired labels; None when there are no pairs or agreement by chance is certain."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(1 for a, b in pairs if a == b) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[k] * right.get(k, 0) for k in left) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(units: Sequence[Sequence[Hashable]]) -> float | None:
    """Krippendorff's alpha for nominal labels; each unit lists the labels given to it (missing ones left out).

    Units with fewer than two labels cannot be paired and are ignored. None when no pairable unit exists or
    every label is the same (no variation to measure against).
    """
    coincidence: dict[tuple[Hashable, Hashable], float] = defaultdict(float)
    for values in units:
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        for c in counts:
            for k in counts:
                pairs = counts[c] * (counts[k] - (1 if c == k else 0))
                if pairs:
                    coincidence[(c, k)] += pairs / (m - 1)
    totals: dict[Hashable, float] = defaultdict(float)
    for (c, _), v in coincidence.items():
        totals[c] += v
    n = sum(totals.values())
    if n <= 1:
        return None
    disagree = sum(v for (c, k), v in coincidence.items() if c != k)
    chance = sum(totals[c] * totals[k] for c in totals for k in totals if c != k)
    if chance == 0:
        return None
    return 1 - (n - 1) * disagree / chance


def _labelled_items(doc: Document, layer: str) -> list[tuple[Hashable, Hashable]]:
    """(item key, label) pairs of a layer, in canonical order; keys compare across annotators by content."""
    if layer == "mentions":
        return sorted(((m.span.start, m.span.end), m.label) for m in doc.mentions)
    if layer == "events":
        return sorted(((e.trigger.start, e.trigger.end), e.type) for e in doc.events)
    if layer == "quotes":
        return sorted((tuple((s.start, s.end) for s in q.content), q.kind) for q in doc.quotes)
    spans = {m.id: (m.span.start, m.span.end) for m in doc.mentions}
    clusters = {c.id: tuple(sorted(spans[i] for i in c.members if i in spans)) for c in doc.clusters}
    triggers = {e.id: (e.trigger.start, e.trigger.end) for e in doc.events}
    out = []
    for s in doc.stances:
        target: Hashable
        if s.target.kind == "topic":
            target = ("topic", " ".join((s.target.topic or "").split()).casefold())
        elif s.target.kind == "cluster":
            target = ("cluster", clusters.get(s.target.ref or ""))
        else:
            target = ("event", triggers.get(s.target.ref or ""))
        out.append(((clusters.get(s.holder), target), s.polarity))
    return sorted(out, key=repr)


def _first_label(items: list[tuple[Hashable, Hashable]]) -> dict[Hashable, Hashable]:
    out: dict[Hashable, Hashable] = {}
    for key, label in items:
        out.setdefault(key, label)
    return out


def pairwise_agreement(docs_by_annotator: Mapping[str, Sequence[Document]], layers: Sequence[str] | None = None
                       ) -> dict[str, Any]:
    """Agreement of every pair of annotators on the documents both annotated, and alpha over all of them."""
    annotators = sorted(docs_by_annotator)
    docs = {a: {d.id: d for d in docs_by_annotator[a]} for a in annotators}
    pairs_out = []
    for a, b in combinations(annotators, 2):
        common = sorted(set(docs[a]) & set(docs[b]))
        if not common:
            continue
        report = score(gold=[docs[a][i] for i in common], pred=[docs[b][i] for i in common], layers=layers,
                       bootstrap=0, forms=None)
        f1 = {layer: {name: m.get("f1", m.get("accuracy")) for name, m in report[layer].items()
                      if isinstance(m, dict) and not name.startswith("per_")}
              for layer in report["layers"]}
        kappa = {}
        for layer in LABEL_LAYERS:
            if layer not in report["layers"]:
                continue
            labels: list[tuple[Hashable, Hashable]] = []
            for doc_id in common:
                ga, gb = _labelled_items(docs[a][doc_id], layer), _labelled_items(docs[b][doc_id], layer)
                matched = pair_keys([k for k, _ in ga], [k for k, _ in gb])
                labels.extend((ga[i][1], gb[j][1]) for i, j in matched)
            kappa[layer] = {"kappa": cohen_kappa(labels), "items": len(labels)}
        pairs_out.append({"annotators": [a, b], "documents": len(common), "f1": f1, "kappa": kappa})

    alpha = {}
    for layer in LABEL_LAYERS:
        if layers and layer not in layers:
            continue
        units: dict[tuple[str, Hashable], list[Hashable]] = defaultdict(list)
        for a in annotators:
            for doc_id, doc in docs[a].items():
                for key, label in _first_label(_labelled_items(doc, layer)).items():
                    units[(doc_id, key)].append(label)
        values = list(units.values())
        alpha[layer] = {"alpha": krippendorff_alpha(values), "units": sum(1 for v in values if len(v) >= 2)}
    return {"annotators": annotators, "pairs": pairs_out, "alpha": alpha}


def format_agreement(result: dict[str, Any]) -> str:
    """A readable summary: per pair the headline F1 of each layer and kappa; alpha per layer."""
    lines = [f"annotators: {', '.join(result['annotators']) or '-'}"]
    headline = {"mentions": "strict", "clusters": "conll", "events": "trigger_classification",
                "quotes": "content_overlap", "stances": "triplet"}
    for pair in result["pairs"]:
        a, b = pair["annotators"]
        lines.append(f"\n{a} vs {b} ({pair['documents']} documents)")
        for layer, metrics in pair["f1"].items():
            name = headline.get(layer)
            value = metrics.get(name) if name else None
            k = pair["kappa"].get(layer, {})
            kap = k.get("kappa")
            lines.append(f"  {layer:<10} {name or '':<24} F1 {_f(value)}   kappa {_f(kap)} on {k.get('items', 0)} items"
                         if layer in pair["kappa"] else f"  {layer:<10} {name or '':<24} F1 {_f(value)}")
    lines.append("\nKrippendorff's alpha (nominal) on labels of items two or more annotators share:")
    for layer, v in result["alpha"].items():
        lines.append(f"  {layer:<10} {_f(v['alpha'])} over {v['units']} units")
    return "\n".join(lines)


def _f(x: float | None) -> str:
    return "-" if x is None else f"{x:.4f}"
