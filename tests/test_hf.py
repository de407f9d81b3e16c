"""The Hugging Face configs: features as loaded by ``datasets`` equal the code's, the documents config is lossless,
and the derived configs (ner, events, quotes, stances, bigbio_kb) carry the right spans and texts."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given

from newsbench import hf
from newsbench.build import build_from_documents, merge_with_seeds
from newsbench.ingest import ingest
from newsbench.model import Mention, Span
from newsbench.records import read_jsonl, to_record

FIXTURES = Path(__file__).parent / "fixtures" / "build"


def fixture_documents() -> list:
    gold = read_jsonl(FIXTURES / "gold.jsonl")
    seeds, problems = ingest([FIXTURES / "seeds"])
    assert problems == []
    merged, problems = merge_with_seeds(gold, seeds)
    assert problems == []
    return merged


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hf") / "corpus"
    build_from_documents(fixture_documents(), out, split_of={"valdoria-talks": "train", "kelvar-protest": "test"})
    return out


@pytest.fixture()
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")


@pytest.mark.parametrize("config", hf.CONFIGS)
def test_loaded_features_equal_the_code_features(built: Path, tmp_path: Path, config: str, offline: None) -> None:
    import datasets

    loaded = datasets.load_dataset(str(built), config, cache_dir=str(tmp_path))
    assert sorted(loaded) == ["test", "train"]  # the empty validation split is left out, and loading still works
    for split, ds in loaded.items():
        assert ds.features == hf.features(config), (config, split)
        assert len(ds) > 0


def test_documents_config_gives_back_the_canonical_documents(built: Path, tmp_path: Path, offline: None) -> None:
    import datasets

    by_id = {d.id: d for d in fixture_documents()}
    ds = datasets.load_dataset(str(built), "documents", split="train+test", cache_dir=str(tmp_path))
    back = [hf.document_from_row(row) for row in ds]
    assert sorted(d.id for d in back) == sorted(by_id)
    for doc in back:
        assert doc == by_id[doc.id]
        assert to_record(doc) == to_record(by_id[doc.id])  # also what equality ignores (scores)


def _through_arrow(config: str, row: dict) -> dict:
    table = pa.Table.from_pylist([row], schema=hf.features(config).arrow_schema)
    return table.to_pylist()[0]


@given(pytest.importorskip("strategies").documents(scores=True))
def test_documents_row_round_trip_is_exact(doc) -> None:  # type: ignore[no-untyped-def]
    back = hf.document_from_row(_through_arrow("documents", hf.document_row(doc)))
    assert back == doc
    assert to_record(back) == to_record(doc)


def test_class_labels_follow_the_schema_inventory() -> None:
    from newsbench.schema import inventory

    f = hf.features("documents")
    assert f["mentions"].feature["label"].names == list(inventory().labels)
    assert f["events"].feature["type"].names == list(inventory().event_types)
    tags = hf.features("ner")["ner_tags"].feature.names
    assert tags[:3] == ["O", "B-PERSON", "I-PERSON"] and len(tags) == 1 + 2 * len(inventory().labels)


def test_unknown_config_is_a_clear_error() -> None:
    from newsbench.problems import NewsbenchError

    with pytest.raises(NewsbenchError, match="expected one of documents, ner"):
        hf.features("conll")


# ------------------------------------------------------------------------------------------------------- ner

def _doc(doc_id: str):  # type: ignore[no-untyped-def]
    return next(d for d in fixture_documents() if d.id == doc_id)


def test_ner_rows_tag_named_mentions_and_keep_the_outermost_of_nested_ones() -> None:
    rows, problems, stats = hf.ner_rows(_doc("valdoria-talks"))
    names = hf.ner_tags()
    assert problems == []
    assert stats["nested_dropped"] == 1  # "Ostrian" inside "Ostrian Foreign Ministry"
    assert rows[0]["tokens"] == ["Ministers", "meet", "in", "Valdoria"]  # the title is its own sentence
    assert [names[t] for t in rows[0]["ner_tags"]] == ["O", "O", "O", "O"]  # the title mention is not annotated
    first = rows[1]
    tagged = [(tok, names[t]) for tok, t in zip(first["tokens"], first["ner_tags"]) if t]
    assert tagged == [("Elena", "B-PERSON"), ("Marsh", "I-PERSON"), ("Valdoria", "B-GPE"), ("Ostrian", "B-NORP"),
                      ("Tomas", "B-PERSON"), ("Brandt", "I-PERSON"), ("Kelvar", "B-GPE"), ("Monday", "B-DATE")]
    org = next(r for r in rows if "Ministry" in r["tokens"])
    tags = [names[t] for tok, t in zip(org["tokens"], org["ner_tags"]) if tok in ("Ostrian", "Foreign", "Ministry")]
    assert tags == ["B-ORG", "I-ORG", "I-ORG"]
    doc = _doc("valdoria-talks")
    for r in rows:  # token offsets point back into the document
        for tok, start in zip(r["tokens"], r["token_starts"]):
            assert doc.text[start:start + len(tok)] == tok
    assert stats["tagged"] == sum(1 for r in rows for t in r["ner_tags"] if names[t].startswith("B-"))


def test_ner_reports_a_mention_off_token_boundaries_and_does_not_shift_it() -> None:
    doc = _doc("valdoria-talks")
    start = doc.text.index("Valdoria", 30)
    bad = Mention("mx", Span.of(doc.text, start, start + 6), "GPE", "NAM")  # "Valdor" of "Valdoria"
    doc = doc.replace(mentions=tuple(m for m in doc.mentions if m.id != "m2") + (bad,))
    rows, problems, stats = hf.ner_rows(doc)
    assert stats["not_on_token_boundary"] == 1
    assert [p.code for p in problems] == ["ner-not-on-token-boundary"]
    assert problems[0].severity == "warning" and problems[0].pointer == f"/mentions/{len(doc.mentions) - 1}"
    assert "'Valdor'" in problems[0].message
    names = hf.ner_tags()
    assert all(names[t] == "O" for r in rows for tok, t in zip(r["tokens"], r["ner_tags"]) if tok == "Valdoria")


# ------------------------------------------------------------------------------------- events, quotes, stances

def test_event_rows_resolve_argument_texts_and_entity_names() -> None:
    rows = list(hf.event_rows(_doc("valdoria-talks")))
    names = hf._names()
    consult = rows[0]
    assert consult["id"] == "valdoria-talks/e1" and names["event_type"][consult["type"]] == "CONSULT"
    assert consult["trigger"]["text"] == "met"
    assert [(names["role"][a["role"]], a["text"], a["entity"]) for a in consult["arguments"]] == [
        ("Actor", "Elena Marsh", "Elena Marsh"), ("Recipient", "Tomas Brandt", "Tomas Brandt"),
        ("Place", "Kelvar", "Kelvar"), ("Time", "Monday", "Monday")]
    sanction = rows[2]
    assert sanction["arguments"][0]["text"] == "The Valdorian government"
    assert sanction["arguments"][0]["entity"] == "Valdoria"  # the cluster's canonical name
    clustered = list(hf.event_rows(_doc("kelvar-protest")))
    assert [r["event_cluster"] for r in clustered] == ["ec1", "ec1", None, None]


def test_quote_rows_give_the_speaker_canonical_name() -> None:
    rows = list(hf.quote_rows(_doc("kelvar-protest")))
    assert rows[1]["content_text"] == "the rally was peaceful"
    assert rows[1]["speaker_text"] == "Ana Rios" and rows[1]["speaker_name"] == "Ana Rios"
    assert rows[0]["cue"]["text"] == "according to" and rows[0]["speaker_name"] == "Kelvar police"
    assert rows[0]["speaker_form"] == "NOM" and rows[0]["speaker_label"] == "ORG"


def test_stance_rows_resolve_holder_target_and_evidence() -> None:
    rows = list(hf.stance_rows(_doc("valdoria-talks")))
    names = hf._names()
    assert [(r["holder_name"], names["target_kind"][r["target_kind"]], r["target_text"],
             names["stance_polarity"][r["polarity"]]) for r in rows] == [
        ("Elena Marsh", "topic", "the annexation", "AGAINST"), ("Valdoria", "cluster", "Ostria", "AGAINST"),
        ("Ostrian Foreign Ministry", "event", "met", "FAVOR")]
    assert rows[0]["evidence_texts"] == ["We will not recognise the annexation,"]
    assert rows[1]["evidence_texts"] == ["imposed sanctions"]


def test_bigbio_offsets_index_the_passages_joined_by_spaces() -> None:
    for doc in fixture_documents():
        row = hf.bigbio_row(doc)
        joined = " ".join(t for p in row["passages"] for t in p["text"])
        for p in row["passages"]:
            (s, e), = p["offsets"]
            assert joined[s:e] == p["text"][0]
        for ent in row["entities"]:
            assert [joined[s:e] for s, e in ent["offsets"]] == ent["text"]
        for ev in row["events"]:
            assert [joined[s:e] for s, e in ev["trigger"]["offsets"]] == ev["trigger"]["text"]
        ids = {e["id"] for e in row["entities"]} | {e["id"] for e in row["events"]}
        assert all(r["arg1_id"] in ids and r["arg2_id"] in ids for r in row["relations"])
    row = hf.bigbio_row(_doc("valdoria-talks"))
    assert {"SPEAKER_OF", "CUE_OF", "STANCE_AGAINST", "STANCE_FAVOR"} <= {r["type"] for r in row["relations"]}
    assert any(e["normalized"] == [{"db_name": "wikidata", "db_id": "Q123"}] for e in row["entities"])


def test_parquet_files_carry_the_features_for_a_card_less_load(built: Path) -> None:
    for config in hf.CONFIGS:
        assert hf.stored_features(built / hf.parquet_name(config, "train")) == hf.features(config).to_dict()




def test_sentence_starts_follow_spacys_sentencizer() -> None:
    import spacy

    from newsbench import synthetic

    reference = spacy.blank("en")
    reference.add_pipe("sentencizer")
    texts = [d.text for d in fixture_documents()] + [d.text for d in synthetic.documents(20)] + [
        "No end", "Wait... what?! Yes.\n\nNew para", "“Quoted.” He left. (Really?) Ok", "", "!!"]
    for text in texts:
        expected = [t.is_sent_start for t in reference(text)]
        assert hf.sentence_starts(hf.tokenizer()(text)) == [bool(x) for x in expected], text


@given(pytest.importorskip("strategies").texts())
def test_sentence_starts_follow_spacys_sentencizer_on_generated_text(drawn) -> None:  # type: ignore[no-untyped-def]
    import spacy

    text, _ = drawn
    reference = spacy.blank("en")
    reference.add_pipe("sentencizer")
    assert hf.sentence_starts(hf.tokenizer()(text)) == [bool(t.is_sent_start) for t in reference(text)]


def test_corpus_documents_reads_a_split_with_pyarrow_only(built: Path) -> None:
    from newsbench.corpus import documents

    by_id = {d.id: d for d in fixture_documents()}
    assert [d.id for d in documents("test", corpus_dir=built)] == ["kelvar-protest"]
    assert documents("validation", corpus_dir=built) == []  # an empty split has no file
    everything = documents(corpus_dir=built)
    assert [d.id for d in everything] == ["valdoria-talks", "kelvar-protest"]  # train, then test
    assert all(d == by_id[d.id] for d in everything)


def test_corpus_documents_refuses_files_written_with_other_labels(built: Path, tmp_path: Path) -> None:
    import json
    import shutil

    import pyarrow.parquet as pq

    from newsbench.corpus import documents
    from newsbench.problems import NewsbenchError, UsageError

    copy = tmp_path / "corpus"
    shutil.copytree(built, copy)
    path = copy / hf.parquet_name("documents", "train")
    table = pq.read_table(path)
    meta = json.loads(table.schema.metadata[b"huggingface"])
    meta["info"]["features"]["mentions"]["feature"]["label"]["names"].reverse()  # a relabelling, silently wrong
    pq.write_table(table.replace_schema_metadata({b"huggingface": json.dumps(meta).encode()}), path)
    with pytest.raises(NewsbenchError, match="rebuild the corpus"):
        documents("train", corpus_dir=copy)
    with pytest.raises(UsageError, match="unknown split 'dev'"):
        documents("dev", corpus_dir=copy)
    with pytest.raises(NewsbenchError, match="no built corpus"):
        documents(corpus_dir=tmp_path)


def test_load_names_an_empty_config_or_split(built: Path, tmp_path: Path, offline: None) -> None:
    import newsbench
    from newsbench.problems import NewsbenchError

    assert len(newsbench.load("quotes", split="test", corpus_dir=built, cache_dir=tmp_path)) == 2
    with pytest.raises(NewsbenchError, match="split 'validation' of config 'ner' is empty"):
        newsbench.load("ner", split="validation", corpus_dir=built, cache_dir=tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "README.md").write_text("---\n---\n")
    with pytest.raises(NewsbenchError, match="no rows in config 'events' yet"):
        newsbench.load("events", corpus_dir=empty, cache_dir=tmp_path)
