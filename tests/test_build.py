"""``newsbench build``: Label Studio export + seeds in, corpus out; deterministic; stale detection; every problem
reported at once; stable splits; the card. Also: the committed corpus/ is what the committed inputs produce."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from newsbench import hf
from newsbench.build import build, check
from newsbench.cli import main
from newsbench.corpus import documents
from newsbench.model import Document
from newsbench.problems import ValidationFailed
from newsbench.records import read_jsonl
from newsbench.splits import Candidate, SplitFile, assign, read_split_file

FIXTURES = Path(__file__).parent / "fixtures" / "build"
ROOT = Path(__file__).resolve().parent.parent


def write_export(docs: list[Document], path: Path, annotator: int = 7) -> None:
    """A Label Studio JSON export (as Label Studio writes it) with one ground-truth annotation per document."""
    from newsbench.labelstudio.convert import document_to_results
    from newsbench.labelstudio.tasks import task_data

    tasks = []
    for i, doc in enumerate(docs, 1):
        tasks.append({"id": i, "data": task_data(doc), "annotations": [{
            "id": 100 + i, "completed_by": annotator, "result": document_to_results(doc), "was_cancelled": False,
            "ground_truth": True, "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}],
            "predictions": [], "drafts": []})
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")


def make_root(tmp: Path, docs: list[Document] | None = None) -> Path:
    root = tmp / "repo"
    shutil.copytree(FIXTURES / "seeds", root / "seeds")
    (root / "annotations").mkdir()
    shutil.copy(ROOT / "annotations" / "phenomena.json", root / "annotations" / "phenomena.json")
    write_export(docs if docs is not None else read_jsonl(FIXTURES / "gold.jsonl"),
                 root / "annotations" / "project-1.json")
    return root


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_reads_the_export_and_writes_every_config(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    result = build(root, quiet=True)
    gold = {d.id: d for d in read_jsonl(FIXTURES / "gold.jsonl")}
    built = documents(corpus_dir=root / "corpus")
    assert sorted(d.id for d in built) == sorted(gold)
    for doc in built:
        assert doc.without_annotations() == gold[doc.id].without_annotations()  # text, metadata, passages
        for layer in ("mentions", "clusters", "events", "event_clusters", "quotes", "stances"):
            assert getattr(doc, layer) == getattr(gold[doc.id], layer), layer
        assert doc.provenance is not None and doc.provenance.file == "annotations/project-1.json"
        assert doc.provenance.origin == "label-studio"
    # the seed without gold is counted and named, not silently dropped
    assert result.without_gold == {"news": ["no-gold"]}
    assert "seeds without gold: 1 news" in result.summary()
    assert result.input_counts["tasks"] == 2
    splits = read_split_file(root / "annotations" / "splits.json")
    assert set(splits.assignment) == set(gold)
    assert result.new_assignments == splits.assignment
    for config in hf.CONFIGS:
        for split, n in result.rows[config].items():
            assert (root / "corpus" / hf.parquet_name(config, split)).is_file() and n > 0


def test_building_twice_gives_identical_bytes(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    build(root, root / "a", quiet=True)
    build(root, root / "b", quiet=True)
    a, b = _files(root / "a"), _files(root / "b")
    assert a == b and len(a) > 10


def test_check_finds_a_stale_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_root(tmp_path)
    assert main(["build", "--root", str(root), "--quiet"]) == 0
    assert main(["build", "--root", str(root), "--check"]) == 0
    assert "corpus is current" in capsys.readouterr().err
    # a changed input: another tense for one event in the export
    docs = read_jsonl(FIXTURES / "gold.jsonl")
    docs[0] = docs[0].replace(events=(dataclasses.replace(docs[0].events[0], tense="PRESENT"),) + docs[0].events[1:])
    write_export(docs, root / "annotations" / "project-1.json")
    assert check(root) != []
    assert main(["build", "--root", str(root), "--check", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["current"] is False
    assert any(d.startswith("stale: corpus/") for d in report["differences"])
    # a stray file in corpus/ is reported too
    assert main(["build", "--root", str(root), "-q"]) == 0
    (root / "corpus" / "ner" / "extra.parquet").write_bytes(b"x")
    assert check(root) == ["not produced by the inputs: corpus/ner/extra.parquet"]


def test_any_problem_fails_the_build_with_the_full_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_root(tmp_path)
    seed = root / "seeds" / "valdoria-talks.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("Monday", "Sunday"), encoding="utf-8")
    meta = root / "seeds" / "kelvar-protest.meta.json"
    data = json.loads(meta.read_text(encoding="utf-8"))
    data["phenomena"].append("not-a-phenomenon")
    meta.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        build(root, quiet=True)
    codes = sorted(p.code for p in info.value.problems)
    assert codes == ["gold-text-differs-from-seed", "unknown-phenomenon"]
    mismatch = next(p for p in info.value.problems if p.code == "gold-text-differs-from-seed")
    assert "'Monday" in mismatch.message and "'Sunday" in mismatch.message and mismatch.pointer == "/text"
    assert main(["build", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert "gold-text-differs-from-seed" in err and "unknown-phenomenon" in err and "nothing was written" in err
    assert not (root / "corpus").exists() and not (root / "annotations" / "splits.json").exists()


def test_gold_without_a_seed_is_an_error(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    (root / "seeds" / "kelvar-protest.txt").unlink()
    (root / "seeds" / "kelvar-protest.meta.json").unlink()
    with pytest.raises(ValidationFailed) as info:
        build(root, quiet=True)
    assert [(p.code, p.doc_id) for p in info.value.problems] == [("gold-without-seed", "kelvar-protest")]


def test_existing_assignments_never_move_and_empty_splits_stay_out_of_the_card(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    (root / "annotations" / "splits.json").write_text(
        SplitFile(assignment={"valdoria-talks": "test", "kelvar-protest": "test", "gone": "train"}).to_json())
    result = build(root, quiet=True)
    assert result.new_assignments == {}
    assert result.documents == {"test": {"challenge": 2}}
    card = (root / "corpus" / "README.md").read_text(encoding="utf-8")
    yaml = card.split("---")[1]
    assert "split: train" not in yaml and "split: validation" not in yaml and "split: test" in yaml
    assert not list((root / "corpus").glob("*/train-*.parquet"))
    assert read_split_file(root / "annotations" / "splits.json").assignment["gone"] == "train"  # kept


# ------------------------------------------------------------------------------------------------- splits

def test_assignment_is_deterministic_and_independent_of_input_order() -> None:
    cands = [Candidate(f"doc-{i}", "challenge", (f"p{i % 5}",)) for i in range(30)]
    a = assign(cands, {})
    b = assign(list(reversed(cands)), {})
    assert a == b
    sizes = {s: sum(1 for v in a.values() if v == s) for s in ("train", "validation", "test")}
    assert sizes == {"train": 18, "validation": 6, "test": 6}


def test_each_phenomenon_reaches_every_split_when_it_can() -> None:
    tags = [f"tag-{k}" for k in range(12)]
    # 44 challenge documents, each with two tags; every tag on at least 3 documents
    cands = [Candidate(f"challenge-{i:02d}", "challenge", (tags[i % 12], tags[(i * 5 + 1) % 12])) for i in range(44)]
    cands.append(Candidate("real-article", "news"))
    result = assign(cands, {})
    for t in tags:
        assert {result[c.id] for c in cands if t in c.phenomena} == {"train", "validation", "test"}, t
    assert sum(1 for v in result.values() if v == "train") == 27
    assert result["real-article"] == "test"  # the lone news article is evaluated on, not trained on


def test_every_subset_reaches_the_test_split_first() -> None:
    cands = [Candidate(f"c{i}", "challenge", ("x",)) for i in range(20)]
    for n in (1, 2, 3):
        news = [Candidate(f"news-{i}", "news") for i in range(n)]
        result = assign(cands + news, {})
        assert "test" in {result[c.id] for c in news}, n
        assert "test" in {result[c.id] for c in cands}, n


def test_a_new_document_never_moves_the_old_ones() -> None:
    old = {f"d{i}": s for i, s in enumerate(["test"] * 5)}  # far from the ratios
    cands = [Candidate(k) for k in old] + [Candidate("new-one")]
    result = assign(cands, old)
    assert {k: result[k] for k in old} == old
    assert result["new-one"] == "train"  # the split furthest below its target


def test_split_file_errors_say_how_to_fix(tmp_path: Path) -> None:
    from newsbench.problems import NewsbenchError

    path = tmp_path / "splits.json"
    path.write_text(json.dumps({"ratios": {"train": 0.9, "validation": 0.2, "test": 0.2}, "assignment": {}}))
    with pytest.raises(NewsbenchError, match="summing to 1"):
        read_split_file(path)
    path.write_text(json.dumps({"assignment": {"a": "dev"}}))
    with pytest.raises(NewsbenchError, match="one of train, validation, test"):
        read_split_file(path)


# --------------------------------------------------------------------------------------------------- card

def test_card_counts_subsets_separately_and_shows_agreement(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    agreement = {"annotators": ["alice@example.com", "bob@example.com"],
                 "pairs": [{"annotators": ["alice@example.com", "bob@example.com"], "documents": 2,
                            "f1": {"mentions": {"strict": 0.8125}}, "kappa": {"mentions": {"kappa": 0.75, "items": 9}}}],
                 "alpha": {"mentions": {"alpha": 0.7, "units": 12}}}
    (root / "annotations" / "agreement.json").write_text(json.dumps(agreement))
    build(root, quiet=True)
    card = (root / "corpus" / "README.md").read_text(encoding="utf-8")
    assert "| A1 vs A2 | 2 | mentions | strict 0.812 | 0.750 (9 items) |" in card
    assert "alice" not in card  # annotators are never named in the card
    assert "| mentions | 0.700 | 12 |" in card
    assert "`annotations/project-1.json`: sha256" in card
    # counts per split and subset: PERSON 5 (valdoria) + 3 (kelvar)
    person = next(line for line in card.splitlines() if line.startswith("| PERSON |"))
    assert person.endswith("| 8 |")
    (root / "annotations" / "agreement.json").write_text("[1, 2]")
    from newsbench.problems import NewsbenchError

    with pytest.raises(NewsbenchError, match="'pairs'"):
        build(root, quiet=True)


# --------------------------------------------------------------------------------------- committed corpus

def test_committed_corpus_is_what_the_committed_inputs_produce() -> None:
    differences = check(ROOT)
    assert differences == [], "corpus/ is stale; run `newsbench build` and commit corpus/:\n" + "\n".join(differences)


def test_committed_corpus_loads_with_the_code_features(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    import datasets

    corpus = ROOT / "corpus"
    configs = sorted({p.parent.name for p in corpus.glob("*/*.parquet")})
    yaml = (corpus / "README.md").read_text(encoding="utf-8").split("---")[1]
    assert ("configs:" in yaml) == bool(configs)  # no annotated documents yet: a card without configs
    for config in configs:
        loaded = datasets.load_dataset(str(corpus), config, cache_dir=str(tmp_path))
        on_disk = sorted(p.name.split("-")[0] for p in (corpus / config).glob("*.parquet"))
        assert sorted(loaded) == on_disk
        for split, ds in loaded.items():
            assert ds.features == hf.features(config), (config, split)


@pytest.mark.slow
def test_output_does_not_depend_on_the_number_of_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsbench import build as build_module
    from newsbench import synthetic
    from newsbench.build import PARALLEL_FROM, build_from_documents

    pools: list[int] = []
    real_pool = build_module._pool
    monkeypatch.setattr(build_module, "_pool", lambda workers: (pools.append(workers), real_pool(workers))[1])

    docs = synthetic.documents(PARALLEL_FROM + 100)
    split_of = {d.id: "test" if i % 10 == 0 else "train" for i, d in enumerate(docs)}  # train: several chunks
    one = build_from_documents(docs, tmp_path / "one", split_of=split_of, workers=1)
    two = build_from_documents(docs, tmp_path / "two", split_of=split_of, workers=2)
    assert one.rows == two.rows and one.rows["documents"]["train"] == PARALLEL_FROM + 100 - 110
    assert pools == [2]  # the two-worker build did use a process pool
    assert _files(tmp_path / "one") == _files(tmp_path / "two")


def test_card_rows_per_config_split_and_subset(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    (root / "annotations" / "splits.json").write_text(
        SplitFile(assignment={"valdoria-talks": "train", "kelvar-protest": "test"}).to_json())
    build(root, quiet=True)
    card = (root / "corpus" / "README.md").read_text(encoding="utf-8")
    assert "| config | train / challenge | test / challenge | all |" in card
    assert "| events | 3 | 4 | 7 |" in card and "| stances | 3 | 1 | 4 |" in card
    assert "| train | 0 | 1 | 1 |" in card  # documents per split: news, challenge, all


def test_build_json_summary_and_export_from_the_built_corpus(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    root = make_root(tmp_path)
    (root / "annotations" / "splits.json").write_text(
        SplitFile(assignment={"valdoria-talks": "train", "kelvar-protest": "test"}).to_json())
    assert main(["build", "--root", str(root), "--json", "-q"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["documents"] == {"train": {"challenge": 1}, "test": {"challenge": 1}}
    assert summary["without_gold"] == {"news": ["no-gold"]}
    assert summary["rows"]["quotes"] == {"train": 2, "test": 2}
    out = tmp_path / "test.jsonl"
    assert main(["export", "--format", "jsonl", "--corpus", str(root / "corpus"), "--split", "test",
                 "--output", str(out)]) == 0
    assert [d.id for d in read_jsonl(out)] == ["kelvar-protest"]
    assert main(["export", "--format", "jsonl", "--input", str(out), "--split", "test"]) == 2
    assert "give one or the other" in capsys.readouterr().err


def test_a_document_with_gold_in_two_exports_is_an_error(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    docs = read_jsonl(FIXTURES / "gold.jsonl")
    write_export(docs[:1], root / "annotations" / "project-2.json")
    with pytest.raises(ValidationFailed) as info:
        build(root, quiet=True)
    (problem,) = info.value.problems
    assert problem.code == "duplicate-document" and problem.doc_id == docs[0].id
    assert "annotations/project-1.json task" in problem.message and "annotations/project-2.json task" in problem.message


def test_reading_an_export_in_byte_ranges_gives_the_same_corpus(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from newsbench import build as build_module

    docs = read_jsonl(FIXTURES / "gold.jsonl")
    root = make_root(tmp_path, sorted(docs, key=lambda d: -len(d.text)))  # the cut falls between the two tasks
    serial = build(root, root / "serial", quiet=True, workers=1)
    monkeypatch.setattr(build_module, "PARALLEL_READ_FROM", 0)  # cut even the small fixture export
    pools: list[int] = []
    real_pool = build_module._pool
    monkeypatch.setattr(build_module, "_pool", lambda workers: (pools.append(workers), real_pool(workers))[1])
    parallel = build(root, root / "parallel", quiet=True, workers=2)
    assert pools == [2]  # the export was read by two processes
    assert parallel.input_counts == serial.input_counts and parallel.input_counts["tasks"] == 2
    assert _files(root / "serial") == _files(root / "parallel")
