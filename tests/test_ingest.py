"""Seed ingestion: the real seed article, broken seeds next to good ones, line endings and the header."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsbench.ingest import ingest, ingest_file, passages_of
from newsbench.validation import validate_document

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "blinken-wang-yi-2022-02-22.txt"
HEADING = "Kyiv’s Foreign Minister to meet Blinken in-person tomorrow in Washington DC"


def test_the_real_seed() -> None:
    docs, problems = ingest([ROOT / "seeds"])
    assert problems == []
    (doc,) = [d for d in docs if d.id == SEED.stem]
    assert doc.metadata is not None
    assert doc.metadata.date == "2022-02-22"
    assert doc.metadata.header_length == 17
    assert doc.metadata.subset == "news"
    assert doc.metadata.source == "Republic World"
    assert doc.metadata.seed_file == "seeds/blinken-wang-yi-2022-02-22.txt"
    raw = SEED.read_bytes()
    # the text is the file minus its header, byte for byte: nothing rewritten (curly quotes, dashes, ASCII ')
    assert doc.text.encode("utf-8") == raw[17:]
    assert raw[:17].decode("utf-8") + doc.text == raw.decode("utf-8")
    assert "“to use influence”" in doc.text and "Agreement — the" in doc.text and "'The Secretary" in doc.text
    assert [p.type for p in doc.passages] == ["paragraph", "paragraph", "paragraph", "heading", "paragraph"]
    assert doc.passages[3].span.text == HEADING
    assert doc.passages[0].span.text.startswith("US Secretary of State Antony Blinken on Tuesday")
    assert doc.passages[-1].span.text.endswith("so-cal")
    for p in doc.passages:
        assert doc.text[p.span.start:p.span.end] == p.span.text
    assert validate_document(doc) == []


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


BROKEN = {
    "no-header.txt": (b"US Secretary of State Antony Blinken on Tuesday called...", "seed-no-header", "' date YYYY-MM-DD '"),
    "bad-date.txt": (b" date 2022-02-30 Body text.", "seed-bad-date", "'2022-02-30'"),
    "short-date.txt": (b" date 2022-2-3 Body text.", "seed-bad-date", "YYYY-MM-DD"),
    "latin1.txt": (" date 2022-02-22 Caf\u00e9 Kyiv".encode("latin-1"), "seed-not-utf8", "0xe9"),
    "empty.txt": (b"", "seed-empty", "empty"),
    "blank.txt": (b"  \n\n", "seed-empty", "empty"),
    "header-only.txt": (b" date 2022-02-22 \r\n", "seed-empty", "no article body"),
    "bad-subset.txt": (b" date 2022-02-22 subset Challenge Body.", "seed-bad-subset", "'Challenge'"),
    "bom.txt": ("\ufeff date 2022-02-22 Body.".encode("utf-8"), "seed-no-header", "byte order mark"),
}


def test_each_broken_seed_is_named_and_the_good_ones_survive(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    shutil.copy(SEED.with_suffix(".meta.json"), folder / (SEED.stem + ".meta.json"))
    _write(folder, "good-crlf.txt", b" date 2023-05-01 subset challenge Headline\r\n\r\nFirst line.\r\nSecond.\r\n")
    for name, (data, _, _) in BROKEN.items():
        _write(folder, name, data)
    docs, problems = ingest([folder])
    assert sorted(d.id for d in docs) == sorted([SEED.stem, "good-crlf"])
    by_file = {p.source: p for p in problems}
    assert len(problems) == len(BROKEN)
    for name, (_, code, words) in BROKEN.items():
        problem = by_file[f"seeds/{name}"]
        assert problem.code == code
        assert words in problem.message
        assert problem.doc_id == Path(name).stem
        assert f"seeds/{name}" in problem.render()


@pytest.mark.parametrize("sidecar, words", [
    (b"{not json", "cannot read"),
    (b'{"titel": "typo"}', "titel"),
    (b'["a list"]', "not an object"),
    (b'{"phenomena": "metonymy"}', "phenomena='metonymy'"),
    (b'{"title": 3}', "title=3"),
    ('{"title": "Caf\u00e9"}'.encode("latin-1"), "cannot read"),
])
def test_a_bad_sidecar_is_reported_and_the_seed_still_ingested(tmp_path: Path, sidecar: bytes, words: str) -> None:
    _write(tmp_path, "a.txt", b" date 2022-02-22 Body of the article.")
    _write(tmp_path, "a.meta.json", sidecar)
    docs, problems = ingest([tmp_path])
    assert [d.id for d in docs] == ["a"]
    (problem,) = problems
    assert problem.code == "seed-bad-sidecar"
    assert problem.source is not None and problem.source.endswith("a.meta.json")
    assert words in problem.message


def test_crlf_line_endings_are_kept(tmp_path: Path) -> None:
    body = "Headline here\r\n\r\nFirst paragraph,\r\nstill first.\r\n\r\n“Quoted,” she said.\r\n"
    path = _write(tmp_path, "crlf.txt", (" date 2021-01-02 " + body).encode("utf-8"))
    doc, problems = ingest_file(path)
    assert problems == [] and doc is not None
    assert doc.text == body
    assert [(p.type, p.span.text) for p in doc.passages] == [
        ("title", "Headline here"), ("paragraph", "First paragraph,\r\nstill first."),
        ("paragraph", "“Quoted,” she said.")]
    assert doc.metadata is not None and doc.metadata.title == "Headline here"
    assert validate_document(doc) == []


def test_challenge_header_and_defaults(tmp_path: Path) -> None:
    path = _write(tmp_path, "composed-1.txt", " date 2024-03-01 subset challenge Title\n\nBody.".encode())
    doc, problems = ingest_file(path)
    assert problems == [] and doc is not None and doc.metadata is not None
    assert (doc.metadata.subset, doc.metadata.source, doc.metadata.header_length) == ("challenge", "newsbench", 34)
    assert doc.text == "Title\n\nBody."


def test_file_names_that_cannot_be_ids(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad name.txt", b" date 2022-02-22 Body.")
    doc, problems = ingest_file(path)
    assert doc is None and [p.code for p in problems] == ["seed-bad-name"]


def test_missing_path_is_reported(tmp_path: Path) -> None:
    docs, problems = ingest([tmp_path / "nope.txt", SEED])
    assert [d.id for d in docs] == [SEED.stem]
    assert [p.code for p in problems] == ["seed-missing"]


@pytest.mark.parametrize("text, kinds", [
    ("One line only", ["title"]),
    ("Title\n\n  \n\nPara one.\nmore.\n\n\nHeading two\n\nEnd.", ["title", "paragraph", "heading", "paragraph"]),
    ("  leading space.\n\n", ["paragraph"]),
])
def test_passages_are_blank_line_blocks(text: str, kinds: list[str]) -> None:
    passages = passages_of(text)
    assert [p.type for p in passages] == kinds
    for p in passages:
        assert text[p.span.start:p.span.end] == p.span.text == p.span.text.strip()


def test_real_seed_meta_is_a_valid_sidecar() -> None:
    meta = json.loads(SEED.with_suffix(".meta.json").read_text(encoding="utf-8"))
    assert meta["language"] == "en" and meta["url"].startswith("https://")
