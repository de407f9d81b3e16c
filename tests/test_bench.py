"""`newsbench bench`: results are a deterministic function of the corpus (same corpus -> identical JSON), carry the
corpus hash, versions, per-subset headline metrics with intervals, list unavailable baselines as skipped with the
reason, and the committed benchmarks/results.json is what bench produces on the committed corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from baseline_corpus import build_small_corpus, draft_documents
from newsbench.bench import HEADLINE, corpus_hash, run_bench, to_markdown
from newsbench.cli import main
from newsbench.corpus import documents

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "corpus"
    build_small_corpus(out, draft_documents(limit=9))
    return out


def test_bench_is_deterministic_and_complete(small_corpus: Path, monkeypatch) -> None:
    monkeypatch.delenv("NEWSBENCH_SPACY_MODEL", raising=False)
    first = run_bench(corpus_dir=small_corpus, names=["rules", "spacy-pretrained"], bootstrap=50, log=lambda m: None)
    second = run_bench(corpus_dir=small_corpus, names=["rules", "spacy-pretrained"], bootstrap=50,
                       log=lambda m: None)
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    splits = {s: documents(s, small_corpus) for s in ("train", "validation", "test")}
    assert first["corpus_hash"] == corpus_hash(splits)
    assert first["documents"] == {s: len(d) for s, d in splits.items()}
    rules = first["baselines"]["rules"]
    assert rules["status"] == "ok"
    assert set(rules["test"]["all"]) == set(HEADLINE)
    for metric in rules["test"]["all"].values():
        lo, hi = metric["ci95"]
        assert 0.0 <= lo <= metric["value"] <= hi <= 1.0
    subsets = {g.metadata.subset for g in splits["test"]}
    assert {s for s in ("news", "challenge") if s in rules["test"]} == subsets
    assert rules["test"]["documents"] == len(splits["test"])
    skipped = first["baselines"]["spacy-pretrained"]
    assert skipped["status"] == "skipped" and "python -m spacy download en_core_web_sm" in skipped["reason"]
    assert {"python", "spacy", "newsbench"} <= set(first["software"])


def test_the_corpus_hash_changes_with_the_corpus(small_corpus: Path) -> None:
    splits = {s: documents(s, small_corpus) for s in ("train", "validation", "test")}
    moved = dict(splits, test=splits["test"][1:], train=splits["train"] + splits["test"][:1])
    assert corpus_hash(splits) != corpus_hash(moved)
    edited = dict(splits, test=[splits["test"][0].replace(quotes=())] + splits["test"][1:])
    assert corpus_hash(splits) != corpus_hash(edited)


def test_bench_cli_writes_results_and_check_detects_drift(small_corpus: Path, tmp_path: Path, capsys,
                                                          monkeypatch) -> None:
    monkeypatch.delenv("NEWSBENCH_SPACY_MODEL", raising=False)
    args = ["bench", "--corpus", str(small_corpus), "--baselines", "rules", "spacy-pretrained", "--bootstrap", "20",
            "--output-dir", str(tmp_path)]
    assert main(args) == 0
    out = capsys.readouterr().out
    md = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert out.strip() == md.strip()
    assert "| quotes.content_overlap_f1 |" in md and "`spacy-pretrained`: skipped" in md
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert to_markdown(results) == md
    assert main(args + ["--check"]) == 0
    results["baselines"]["rules"]["test"]["all"]["quotes.end_to_end_f1"]["value"] = 0.0
    (tmp_path / "results.json").write_text(json.dumps(results), encoding="utf-8")
    assert main(args + ["--check"]) == 1
    assert "results differ" in capsys.readouterr().err


@pytest.mark.slow
def test_committed_results_are_what_bench_produces_on_the_committed_corpus() -> None:
    if not documents("test"):
        pytest.skip("the committed corpus has no test split yet (run `newsbench build`)")
    path = ROOT / "benchmarks" / "results.json"
    assert path.exists(), "the corpus has a test split but benchmarks/results.json is missing: run `newsbench bench`"
    committed = json.loads(path.read_text(encoding="utf-8"))
    fresh = run_bench(bootstrap=committed["bootstrap"]["resamples"], seed=committed["bootstrap"]["seed"],
                      log=lambda m: None)
    fresh = json.loads(json.dumps(fresh))
    assert fresh["corpus_hash"] == committed["corpus_hash"], \
        "the corpus changed since benchmarks/results.json was written: run `newsbench bench` and commit"
    for name, entry in fresh["baselines"].items():
        assert entry == committed["baselines"].get(name), f"results of {name} differ from the committed ones"
    assert (ROOT / "benchmarks" / "results.md").read_text(encoding="utf-8") == to_markdown(committed)
