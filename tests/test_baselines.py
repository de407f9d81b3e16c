"""Baselines beyond the rules: the registry and `newsbench predict`, the trained spaCy pipeline (deterministic,
cached by the training data's hash) and the spacy-pretrained baseline in both states (missing: a clear refusal;
present: a real saved spaCy pipeline loaded by path)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from baseline_corpus import draft_documents
from newsbench.baselines import BaselineUnavailable, get_extractor, predict
from newsbench.baselines.pretrained import ENV, PretrainedExtractor
from newsbench.baselines.trained import TrainedExtractor, train, train_hash
from newsbench.cli import main
from newsbench.records import read_jsonl, write_jsonl
from newsbench.validation import validate_document


@pytest.fixture(scope="module")
def gold() -> list:
    docs = draft_documents()
    assert len(docs) >= 6, "the committed drafts should give at least six gold documents"
    return docs


def test_predict_cli_writes_valid_predictions_without_gold(tmp_path: Path, gold, capsys) -> None:
    src = tmp_path / "docs.jsonl"
    write_jsonl(gold[:3], src)
    out = tmp_path / "pred.jsonl"
    assert main(["predict", "--baseline", "rules", "--input", str(src), "--output", str(out), "-q"]) == 0
    preds = read_jsonl(out)  # raises on any validation problem
    assert [p.id for p in preds] == [d.id for d in gold[:3]]
    assert all(p.provenance.model == "rules" and p.text == d.text for p, d in zip(preds, gold))
    assert "predicted 3 document(s), 0 validation problem(s)" in capsys.readouterr().err
    assert main(["validate", str(out)]) == 0


def test_predict_cli_unknown_baseline_is_a_usage_error(tmp_path: Path, gold, capsys) -> None:
    src = tmp_path / "docs.jsonl"
    write_jsonl(gold[:1], src)
    assert main(["predict", "--baseline", "gpt-9", "--input", str(src)]) == 2
    assert "unknown baseline 'gpt-9'; expected one of: rules, spacy-pretrained, trained" in capsys.readouterr().err


def test_gold_layers_never_reach_the_extractor(gold) -> None:
    seen = []

    class Spy:
        name = "spy"

        def extract(self, doc):
            seen.append(doc)
            return doc

    (pred,) = list(predict(Spy(), gold[:1]))
    assert seen[0].mentions == () and seen[0].quotes == () and seen[0].stances == ()
    assert pred.mentions == () and pred.provenance.origin == "prediction" and pred.provenance.model == "spy"


def test_spacy_pretrained_missing_says_how_to_install(monkeypatch, capsys, tmp_path: Path, gold) -> None:
    import importlib.util

    monkeypatch.delenv(ENV, raising=False)
    if any(importlib.util.find_spec(n) for n in ("en_core_web_sm", "en_core_web_md", "en_core_web_lg",
                                                 "en_core_web_trf")):
        pytest.skip("an OntoNotes pipeline is installed here; the missing path cannot be observed")
    with pytest.raises(BaselineUnavailable, match=r"python -m spacy download en_core_web_sm"):
        get_extractor("spacy-pretrained")
    src = tmp_path / "docs.jsonl"
    write_jsonl(gold[:1], src)
    assert main(["predict", "--baseline", "spacy-pretrained", "--input", str(src)]) == 1
    assert "no OntoNotes spaCy pipeline is installed" in capsys.readouterr().err


def _save_pipeline(path: Path, labels: list[str]) -> None:
    """A real (untrained-weights) spaCy pipeline with an NER over ``labels``, saved like a pipeline package."""
    import spacy
    from spacy.training import Example

    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    for label in labels:
        ner.add_label(label)
    doc = nlp.make_doc("Antony Blinken met Wang Yi in Washington on Tuesday.")
    ref = nlp.make_doc(doc.text)
    ref.ents = [ref.char_span(0, 14, "PERSON"), ref.char_span(30, 40, "GPE")]
    nlp.initialize(lambda: [Example(doc, ref)])
    nlp.to_disk(path)


def test_spacy_pretrained_present_loads_the_pipeline_by_path(monkeypatch, tmp_path: Path, gold) -> None:
    _save_pipeline(tmp_path / "pipe", ["PERSON", "GPE", "ORG", "DATE"])
    monkeypatch.setenv(ENV, str(tmp_path / "pipe"))
    ex = get_extractor("spacy-pretrained")
    assert isinstance(ex, PretrainedExtractor) and ex.name == "spacy-pretrained"
    for pred in predict(ex, gold[:2]):
        assert validate_document(pred) == []
        assert pred.events == () and pred.quotes == () and pred.stances == ()  # layers it does not attempt
        assert all(m.form == "NAM" and m.label in {"PERSON", "GPE", "ORG", "DATE"} for m in pred.mentions)


def test_spacy_pretrained_refuses_a_pipeline_with_foreign_labels(monkeypatch, tmp_path: Path) -> None:
    _save_pipeline(tmp_path / "pipe", ["PER", "LOC"])
    monkeypatch.setenv(ENV, str(tmp_path / "pipe"))
    with pytest.raises(BaselineUnavailable, match=r"not OntoNotes 5 \(PER\)"):
        get_extractor("spacy-pretrained")


@pytest.mark.slow
def test_trained_is_deterministic_valid_and_cached(tmp_path: Path, gold) -> None:
    train_docs, test_docs = gold[:4], gold[4:6]
    a = train(train_docs, tmp_path / "a", epochs=3)
    b = train(train_docs, tmp_path / "b", epochs=3)
    import spacy

    pa = [TrainedExtractor(spacy.load(a)).extract(d.without_annotations()) for d in test_docs]
    pb = [TrainedExtractor(spacy.load(b)).extract(d.without_annotations()) for d in test_docs]
    assert pa == pb, "two trainings with the same data and seed must predict the same"
    for p in pa:
        assert validate_document(p) == []
        assert p.quotes == () and p.stances == ()
    assert train_hash(train_docs) == train_hash(list(reversed(train_docs)))
    assert train_hash(train_docs) != train_hash(train_docs[:3])
    assert (tmp_path / "a" / "meta.json").exists() and not (tmp_path / "a.partial").exists()


def test_trained_from_documents_reuses_the_cache(tmp_path: Path, gold, monkeypatch) -> None:
    from newsbench.baselines import trained as trained_module

    key = train_hash(gold[:2])
    calls = []
    real_train = trained_module.train

    def counting(docs, out_dir, **kw):
        calls.append(out_dir)
        return real_train(docs, out_dir, epochs=1)

    monkeypatch.setattr(trained_module, "train", counting)
    TrainedExtractor.from_documents(gold[:2], cache_dir=tmp_path)
    TrainedExtractor.from_documents(gold[:2], cache_dir=tmp_path)
    assert calls == [tmp_path / f"trained-{key[:16]}"]


def test_trained_refuses_an_empty_train_split(tmp_path: Path) -> None:
    from newsbench.problems import NewsbenchError

    with pytest.raises(NewsbenchError, match="train split is empty"):
        train([], tmp_path / "x")


def test_readme_plug_in_example_runs(tmp_path: Path, capsys) -> None:
    """The README's "Plug in your own model" example, run as written against a small built corpus."""
    import re as regex

    from baseline_corpus import build_small_corpus
    from newsbench.baselines import REGISTRY

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Plug in your own model", 1)[1]
    code = regex.search(r"```python\n(.*?)```", section, regex.S).group(1)
    corpus = tmp_path / "corpus"
    build_small_corpus(corpus, draft_documents(limit=6))
    assert 'documents("test")' in code
    code = code.replace('documents("test")', f'documents("test", corpus_dir=__import__("pathlib").Path({str(corpus)!r}))')
    try:
        namespace: dict = {}
        exec(compile(code, "README.md", "exec"), namespace)
        assert "capitalised-names" in REGISTRY
        out = capsys.readouterr().out
        assert "== mentions" in out and "'ci95'" in out
        report = namespace["report"]
        assert report["documents"] == 2
        strict = report["mentions"]["strict"]
        assert strict["tp"] + strict["fp"] > 0, "the toy model predicted no mention at all"
        assert report["headline"]["mentions.strict_f1"]["value"] is not None
    finally:
        REGISTRY.pop("capitalised-names", None)
