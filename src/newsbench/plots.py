"""Benchmark pictures: ``newsbench report`` turns benchmarks/results.json into PNG plots and one HTML report.

Three kinds of plot: the headline numbers per layer with 95% confidence bars for every baseline; scores per
phenomenon tag (a heatmap per baseline); and the mention label confusion (gold label x predicted label on
mentions with the same boundaries). The HTML report embeds the PNGs as data URIs, so it is one file with no
network. matplotlib runs headless (Agg) and is imported lazily.
"""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path
from typing import Any

from .problems import NewsbenchError

PHENOMENON_METRICS = ("mentions.strict_f1", "events.trigger_classification_f1", "quotes.content_overlap_f1",
                      "quotes.end_to_end_f1", "stances.triplet_f1")


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError as exc:
        raise NewsbenchError("newsbench report needs matplotlib: pip install 'newsbench[report]'") from exc
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _ok(results: dict[str, Any], split: str) -> dict[str, dict[str, Any]]:
    return {name: e[split] for name, e in results.get("baselines", {}).items()
            if e.get("status") == "ok" and split in e}


def headline_plot(results: dict[str, Any], path: Path, split: str = "test") -> Path:
    """Horizontal bars: one group per headline metric, one bar per baseline, 95% CI as error bars."""
    plt = _pyplot()
    runs = _ok(results, split)
    from .scoring.report import HEADLINE  # layer order: mentions, clusters, events, quotes, stances

    present = {m for r in runs.values() for m in r.get("all", {})}
    metrics = [m for m in HEADLINE if m in present] + sorted(present - set(HEADLINE))
    if not runs or not metrics:
        raise NewsbenchError(f"no scored baseline on the {split} split in the results; run 'newsbench bench'")
    fig, ax = plt.subplots(figsize=(9, 0.55 * len(metrics) * max(1, len(runs)) + 1.5))
    height = 0.8 / len(runs)
    for i, (name, run) in enumerate(sorted(runs.items())):
        ys, xs, lo, hi = [], [], [], []
        for j, metric in enumerate(metrics):
            m = run.get("all", {}).get(metric) or {}
            v = m.get("value")
            ys.append(j + i * height)
            xs.append(v if v is not None else 0.0)
            ci = m.get("ci95") or [v, v]
            lo.append(max(0.0, (v or 0.0) - (ci[0] if ci[0] is not None else (v or 0.0))))
            hi.append(max(0.0, (ci[1] if ci[1] is not None else (v or 0.0)) - (v or 0.0)))
        ax.barh(ys, xs, height=height, xerr=[lo, hi], capsize=2, label=name)
    ax.set_yticks([j + 0.4 - height / 2 for j in range(len(metrics))], metrics)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel(f"score on the {split} split (bars: 95% bootstrap interval over documents)")
    ax.legend(loc="lower right")
    ax.set_title("newsbench baselines: headline scores per layer")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def phenomenon_plot(results: dict[str, Any], path: Path, split: str = "test") -> Path | None:
    """A heatmap per baseline: phenomenon tags x headline metrics (blank where undefined)."""
    plt = _pyplot()
    runs = {n: r for n, r in _ok(results, split).items() if r.get("per_phenomenon")}
    if not runs:
        return None
    tags = sorted({t for r in runs.values() for t in r["per_phenomenon"]})
    fig, axes = plt.subplots(1, len(runs), figsize=(3.2 * len(runs) + 2.5, 0.32 * len(tags) + 2), squeeze=False)
    for ax, (name, run) in zip(axes[0], sorted(runs.items())):
        grid = [[(run["per_phenomenon"].get(t, {}).get(m) or {}).get("value") for m in PHENOMENON_METRICS]
                for t in tags]
        values = [[float("nan") if v is None else v for v in row] for row in grid]
        im = ax.imshow(values, vmin=0, vmax=1, cmap="viridis", aspect="auto")
        ax.set_xticks(range(len(PHENOMENON_METRICS)), [m.replace("_f1", "") for m in PHENOMENON_METRICS],
                      rotation=60, ha="right", fontsize=7)
        ax.set_yticks(range(len(tags)), tags if ax is axes[0][0] else [""] * len(tags), fontsize=7)
        ax.set_title(name, fontsize=9)
    fig.colorbar(im, ax=axes[0].tolist(), shrink=0.6, label="F1")
    fig.suptitle(f"scores per phenomenon tag ({split} split)")
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
    return path


def confusion_plot(results: dict[str, Any], name: str, path: Path, split: str = "test") -> Path | None:
    """Gold label x predicted label counts on boundary-matched mentions, plus missed and spurious."""
    plt = _pyplot()
    run = _ok(results, split).get(name, {})
    conf = run.get("mention_confusion")
    if not conf or not conf.get("labels"):
        return None
    labels, matrix = conf["labels"], conf["matrix"]
    fig, ax = plt.subplots(figsize=(0.45 * len(labels) + 3, 0.45 * len(labels) + 2.5))
    ax.imshow(matrix, cmap="Blues")
    for i, row in enumerate(matrix):
        for j, v in enumerate(row):
            if v:
                ax.text(j, i, str(v), ha="center", va="center", fontsize=7)
    ax.set_xticks(range(len(labels)), labels, rotation=70, ha="right", fontsize=7)
    ax.set_yticks(range(len(labels)), labels, fontsize=7)
    ax.set_xlabel("predicted label")
    ax.set_ylabel("gold label")
    ax.set_title(f"{name}: mention label confusion ({split})", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _img(path: Path, alt: str) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<figure><img alt="{html.escape(alt)}" src="data:image/png;base64,{data}"><figcaption>' \
           f'{html.escape(alt)}</figcaption></figure>'


def write_report(results_path: Path, out_dir: Path) -> list[Path]:
    """Write the PNGs and report.html into ``out_dir``; returns the written paths."""
    try:
        results = json.loads(Path(results_path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise NewsbenchError(f"cannot read {results_path}: {exc}; run 'newsbench bench' to write it") from exc
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [headline_plot(results, out_dir / "headline.png")]
    figures = [_img(written[0], "headline scores per layer, test split, with 95% confidence intervals")]
    ph = phenomenon_plot(results, out_dir / "phenomena.png")
    if ph:
        written.append(ph)
        figures.append(_img(ph, "scores per phenomenon tag, test split"))
    for name in sorted(_ok(results, "test")):
        cp = confusion_plot(results, name, out_dir / f"confusion-{name}.png")
        if cp:
            written.append(cp)
            figures.append(_img(cp, f"{name}: mention label confusion, test split"))
    meta = html.escape(f"corpus {results.get('corpus_hash', '?')} · documents {results.get('documents', {})}")
    page = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>newsbench benchmark report</title>"
            "<style>body{font-family:sans-serif;max-width:70rem;margin:2rem auto}img{max-width:100%}"
            "figure{margin:1.5rem 0}</style></head><body><h1>newsbench benchmark report</h1>"
            f"<p>{meta}</p>{''.join(figures)}</body></html>\n")
    report = out_dir / "report.html"
    report.write_text(page, encoding="utf-8")
    written.append(report)
    return written
