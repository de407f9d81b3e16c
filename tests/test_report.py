"""``newsbench report``: plots from a results file, embedded in a page that a real browser loads cleanly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsbench.plots import write_report


def _results() -> dict:
    """A results file in the shape ``newsbench bench`` writes, with two baselines."""
    def head(v: float) -> dict:
        return {"value": v, "ci95": [max(0.0, v - 0.1), min(1.0, v + 0.1)]}

    metrics = ["mentions.strict_f1", "events.trigger_classification_f1", "quotes.content_overlap_f1",
               "quotes.end_to_end_f1", "stances.triplet_f1"]
    runs = {}
    for k, name in enumerate(["rules", "trained"]):
        runs[name] = {"status": "ok", "test": {
            "documents": 9,
            "all": {m: head(0.2 + 0.1 * i + 0.05 * k) for i, m in enumerate(metrics)},
            "per_phenomenon": {"scare-quote": {m: head(0.5) for m in metrics},
                               "metonymy": {m: {"value": None, "ci95": None} for m in metrics}},
            "mention_confusion": {"labels": ["GPE", "PERSON", "(none)"], "matrix": [[5, 1, 2], [0, 7, 1], [1, 2, 0]]},
        }}
    runs["spacy-pretrained"] = {"status": "skipped", "reason": "not installed"}
    return {"corpus_hash": "abc", "documents": {"test": 9}, "baselines": runs}


def test_report_writes_every_plot(tmp_path):
    res = tmp_path / "results.json"
    res.write_text(json.dumps(_results()))
    written = write_report(res, tmp_path / "out")
    names = sorted(p.name for p in written)
    assert names == ["confusion-rules.png", "confusion-trained.png", "headline.png", "phenomena.png", "report.html"]
    for p in written:
        if p.suffix == ".png":
            assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 5_000
    page = (tmp_path / "out" / "report.html").read_text()
    assert page.count("data:image/png;base64,") == 4


def test_report_without_scored_baselines_is_a_clear_error(tmp_path):
    res = tmp_path / "results.json"
    res.write_text(json.dumps({"baselines": {"x": {"status": "skipped"}}}))
    out = subprocess.run([sys.executable, "-m", "newsbench", "report", "--results", str(res),
                          "--output-dir", str(tmp_path / "o")], capture_output=True, text=True)
    assert out.returncode == 1
    assert "no scored baseline on the test split" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.browser
def test_report_page_loads_in_headless_chromium(browser, tmp_path):
    res = tmp_path / "results.json"
    res.write_text(json.dumps(_results()))
    write_report(res, tmp_path / "out")
    loaded = browser.open(tmp_path / "out" / "report.html")
    assert loaded.console_errors == [] and loaded.network_requests == []
    imgs = loaded.page.locator("img")
    assert imgs.count() == 4
    # every embedded image decoded (naturalWidth is 0 for a broken image)
    widths = loaded.page.eval_on_selector_all("img", "els => els.map(e => e.naturalWidth)")
    assert all(w > 100 for w in widths)
    assert loaded.screenshot("report").stat().st_size > 10_000
