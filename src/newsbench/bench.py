"""``newsbench bench``: every available baseline on the test split, scored, written to benchmarks/results.{md,json}.

The results are a pure function of the corpus, the code and the bootstrap seed: no timestamps, no machine names,
sorted keys. Each baseline is scored on the whole test split and on each subset (news / challenge), with the
headline metrics and their 95% bootstrap intervals, and on the validation split as a second look. A baseline that
cannot run here is listed as skipped with the reason (never silently replaced). ``corpus_hash`` identifies the
corpus the numbers belong to, so a stale results file is detectable.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from .model import Document
from .problems import NewsbenchError
from .records import dumps

HEADLINE = ("mentions.strict_f1", "clusters.conll_f1", "events.trigger_classification_f1",
            "events.argument_classification_f1", "quotes.content_overlap_f1", "quotes.end_to_end_f1",
            "stances.triplet_f1", "stances.semeval_f_avg")
SUBSETS = ("news", "challenge")


def corpus_hash(docs_by_split: Mapping[str, Sequence[Document]]) -> str:
    """sha256 over the canonical records of every split (split names included), in id order."""
    h = hashlib.sha256()
    for split in sorted(docs_by_split):
        for doc in sorted(docs_by_split[split], key=lambda d: d.id):
            h.update(f"{split}\t".encode())
            h.update(dumps(doc.replace(provenance=None)).encode("utf-8"))
            h.update(b"\n")
    return h.hexdigest()


def software_versions() -> dict[str, str]:
    import platform
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for pkg in ("newsbench", "spacy", "thinc", "numpy", "pyarrow"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def _headline(report: dict[str, Any]) -> dict[str, Any]:
    head = report["headline"]
    return {name: {"value": _round(head[name]["value"]), "ci95": [_round(x) for x in head[name]["ci95"]]
                   if head[name].get("ci95") else None} for name in HEADLINE if name in head}


def _round(x: Any) -> Any:
    return round(x, 4) if isinstance(x, float) else x


def _scored(gold: Sequence[Document], pred: Sequence[Document], bootstrap: int, seed: int) -> dict[str, Any]:
    from .scoring import score

    out: dict[str, Any] = {"documents": len(gold)}
    if not gold:
        return out
    report = score(gold=gold, pred=pred, bootstrap=bootstrap, seed=seed)
    out["all"] = _headline(report)
    out["per_phenomenon"] = _per_phenomenon(report)
    out["mention_confusion"] = _confusion(gold, pred)
    by_id = {p.id: p for p in pred}
    for subset in SUBSETS:
        part = [g for g in gold if g.metadata is not None and g.metadata.subset == subset]
        out[f"{subset}_documents"] = len(part)
        if part:
            out[subset] = _headline(score(gold=part, pred=[by_id[g.id] for g in part if g.id in by_id],
                                          bootstrap=bootstrap, seed=seed))
    return out


# headline name -> (layer, metric) of the per-phenomenon breakdown (point values; no intervals per tag)
PER_PHENOMENON = {"mentions.strict_f1": ("mentions", "strict"),
                  "events.trigger_classification_f1": ("events", "trigger_classification"),
                  "quotes.content_overlap_f1": ("quotes", "content_overlap"),
                  "quotes.end_to_end_f1": ("quotes", "end_to_end"),
                  "stances.triplet_f1": ("stances", "triplet")}


def _per_phenomenon(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Phenomenon tag -> {headline metric: {"value": F1}} from the report's per-phenomenon breakdowns."""
    out: dict[str, dict[str, Any]] = {}
    for name, (layer, metric) in PER_PHENOMENON.items():
        for tag, metrics in sorted(report.get(layer, {}).get("per_phenomenon", {}).items()):
            out.setdefault(tag, {})[name] = {"value": _round((metrics.get(metric) or {}).get("f1"))}
    return out


def _confusion(gold: Sequence[Document], pred: Sequence[Document]) -> dict[str, Any]:
    """The mention label confusion (named mentions, same boundaries) as labels and a matrix."""
    from .schema import inventory
    from .scoring.entities import MISSED, SPURIOUS, label_confusion

    counts = label_confusion(gold, pred)
    used = {x for pair in counts for x in pair}
    labels = [lab for lab in inventory().labels if lab in used] + [MISSED, SPURIOUS]
    return {"labels": labels, "matrix": [[counts.get((g, p), 0) for p in labels] for g in labels]}


ATTEMPTS = {
    "rules": ["mentions", "clusters", "events", "quotes", "stances"],
    "trained": ["mentions", "clusters", "events (triggers and types only)"],
    "spacy-pretrained": ["mentions (NAM)", "clusters"],
}


def run_bench(*, corpus_dir: Path | None = None, names: Sequence[str] | None = None, bootstrap: int = 1000,
              seed: int = 0, log: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Predict and score every baseline; the JSON-able results (not yet written)."""
    from .baselines import REGISTRY, BaselineUnavailable, get_extractor, predict
    from .corpus import documents
    from .validation import validate_document

    log = log or (lambda msg: print(msg, file=sys.stderr))
    splits = {s: documents(s, corpus_dir) for s in ("train", "validation", "test")}
    if not splits["test"]:
        raise NewsbenchError("the test split is empty: nothing to benchmark; build the corpus first (newsbench build)")
    results: dict[str, Any] = {
        "corpus_hash": corpus_hash(splits),
        "documents": {s: len(d) for s, d in splits.items()},
        "bootstrap": {"resamples": bootstrap, "seed": seed, "unit": "document"},
        "mention_forms_scored": ["NAM"],
        "software": software_versions(),
        "baselines": {},
    }
    for name in names or list(REGISTRY):
        extractor: Any
        try:
            if name == "trained":
                from .baselines.trained import TrainedExtractor

                log("trained: training on the train split (cached after the first run) ...")
                extractor = TrainedExtractor.from_documents(splits["train"])
            else:
                extractor = get_extractor(name)
        except BaselineUnavailable as exc:
            log(f"skipped: {exc}")
            results["baselines"][name] = {"status": "skipped", "reason": str(exc)}
            continue
        entry: dict[str, Any] = {"status": "ok", "attempts": ATTEMPTS.get(name, [])}
        for split in ("test", "validation"):
            gold = splits[split]
            pred = list(predict(extractor, gold))
            bad = [p for doc in pred for p in validate_document(doc)]
            if bad:
                raise NewsbenchError(f"baseline {name} produced invalid predictions on {split}: "
                                     + "; ".join(p.render() for p in bad[:5]))
            entry[split] = _scored(gold, pred, bootstrap, seed)
        log(f"scored {name}")
        results["baselines"][name] = entry
    return results


def _cell(m: dict[str, Any] | None) -> str:
    if not m or m.get("value") is None:
        return "–"
    ci = m.get("ci95")
    return f"{m['value']:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]" if ci and None not in ci else f"{m['value']:.3f}"


def _table(results: dict[str, Any], split: str, part: str) -> list[str]:
    names = [n for n, e in sorted(results["baselines"].items()) if e["status"] == "ok" and part in e.get(split, {})]
    if not names:
        return ["(no baseline scored)"]
    lines = ["| metric | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for metric in HEADLINE:
        cells = [_cell(results["baselines"][n][split][part].get(metric)) for n in names]
        lines.append(f"| {metric} | " + " | ".join(cells) + " |")
    return lines


def to_markdown(results: dict[str, Any]) -> str:
    docs = results["documents"]
    out = ["# Baseline results", "",
           "Generated by `newsbench bench`; do not edit by hand. Headline metrics with 95% bootstrap intervals "
           f"(resampling documents, {results['bootstrap']['resamples']} resamples, seed {results['bootstrap']['seed']}); "
           "mentions are scored on named (NAM) mentions, as `newsbench score` does by default. A layer a baseline "
           "does not predict scores as empty (0), not as missing.", "",
           f"- corpus hash: `{results['corpus_hash']}`",
           f"- documents: train {docs['train']}, validation {docs['validation']}, test {docs['test']}",
           "- software: " + ", ".join(f"{k} {v}" for k, v in sorted(results["software"].items())), ""]
    out += ["## Test split", ""] + _table(results, "test", "all") + [""]
    for subset in SUBSETS:
        counts = {n: e["test"].get(f"{subset}_documents", 0) for n, e in results["baselines"].items()
                  if e["status"] == "ok"}
        n = max(counts.values(), default=0)
        out += [f"### Test split, {subset} subset ({n} documents)", ""] + _table(results, "test", subset) + [""]
    out += ["## Validation split (a second look; nothing is tuned on it)", ""] + \
        _table(results, "validation", "all") + [""]
    out += _phenomenon_tables(results)
    out += ["## What each baseline attempts", ""]
    for name, e in sorted(results["baselines"].items()):
        if e["status"] == "ok":
            out.append(f"- `{name}`: {', '.join(e['attempts'])}; every other layer is predicted empty.")
        else:
            out.append(f"- `{name}`: skipped: {e['reason']}")
    return "\n".join(out) + "\n"


def _phenomenon_tables(results: dict[str, Any]) -> list[str]:
    """F1 per phenomenon tag on the test split, one column per (baseline, metric); tags with no test document
    are absent."""
    runs = {n: e["test"]["per_phenomenon"] for n, e in sorted(results["baselines"].items())
            if e["status"] == "ok" and e.get("test", {}).get("per_phenomenon")}
    if not runs:
        return []
    short = {name: name.split(".")[1].removesuffix("_f1") for name in PER_PHENOMENON}
    head = [f"{n}: {short[m]}" for n in runs for m in PER_PHENOMENON]
    lines = ["## Test split per phenomenon tag (F1)", "", "| tag | " + " | ".join(head) + " |",
             "|---|" + "---|" * len(head)]
    for tag in sorted({t for r in runs.values() for t in r}):
        cells = []
        for n, r in runs.items():
            for m in PER_PHENOMENON:
                v = r.get(tag, {}).get(m, {}).get("value")
                cells.append("-" if v is None else f"{v:.3f}")
        lines.append(f"| {tag} | " + " | ".join(cells) + " |")
    return lines + [""]


def write_results(results: dict[str, Any], out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    js, md = out_dir / "results.json", out_dir / "results.md"
    js.write_text(json.dumps(results, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    md.write_text(to_markdown(results), encoding="utf-8")
    return js, md
