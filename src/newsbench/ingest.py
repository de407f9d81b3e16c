"""Seed ingestion: raw article files in seeds/ become Documents (text + metadata + passages).

A seed file starts with the header `` date YYYY-MM-DD `` (a space, ``date``, a space, the date, a space),
optionally followed by ``subset challenge `` for documents composed for the corpus; the body follows at once.
The body becomes ``Document.text`` unchanged: curly quotes, dashes and line endings stay as they are in the file
(a ``\\r\\n`` counts as two characters, as in Label Studio). ``metadata.header_length`` records how many
characters the header took, so header + text reproduces the file. Optional sidecar ``<name>.meta.json`` gives
source, title, url, license, language and phenomena tags. Passages are the blank-line separated blocks.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Iterable

from .model import Document, Metadata, Passage, Provenance, Span
from .problems import Problem

HEADER = re.compile(r" date (?P<date>\S+) (?:subset (?P<subset>news|challenge) )?")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
_BLOCK = re.compile(r"\S(?:.*?\S)??(?=\r?\n[ \t]*\r?\n|\s*\Z)", re.S)
_SENTENCE_END = tuple(".!?:;\"'\u201d\u2019)\u2026")
DEFAULT_LICENSE = "unknown: all rights remain with the original publisher"
META_KEYS = {"source", "title", "url", "license", "language", "phenomena"}


def _is_heading(block: str) -> bool:
    """A short single line that does not end like a sentence (a headline or sub-headline)."""
    return "\n" not in block and len(block.split()) <= 20 and not block.endswith(_SENTENCE_END)


def passages_of(text: str) -> tuple[Passage, ...]:
    """Blank-line separated blocks: the first heading-like block is the title, later ones headings."""
    out = []
    for i, m in enumerate(_BLOCK.finditer(text)):
        block = m.group(0)
        kind = "paragraph"
        if _is_heading(block):
            kind = "title" if i == 0 else "heading"
        out.append(Passage(f"p{i}", kind, Span(m.start(), m.end(), block)))
    return tuple(out)


def _sidecar(path: Path, problems: list[Problem]) -> dict:
    meta_path = path.with_suffix(".meta.json")
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        problems.append(Problem(path.stem, "", "seed-bad-sidecar",
                                f"cannot read {meta_path.name}: {exc}; fix it or remove it", str(meta_path)))
        return {}
    if not isinstance(meta, dict) or not set(meta) <= META_KEYS:
        extra = sorted(set(meta) - META_KEYS) if isinstance(meta, dict) else "not an object"
        problems.append(Problem(path.stem, "", "seed-bad-sidecar",
                                f"{meta_path.name}: expected an object with keys among {sorted(META_KEYS)}, "
                                f"got {extra}", str(meta_path)))
        return {}
    wrong = [key for key, value in meta.items()
             if not ((isinstance(value, list) and all(isinstance(v, str) for v in value)) if key == "phenomena"
                     else isinstance(value, str) or (key == "url" and value is None))]
    if wrong:
        problems.append(Problem(path.stem, "", "seed-bad-sidecar",
                                f"{meta_path.name}: expected strings (phenomena: a list of strings; url may be null), "
                                f"got {', '.join(f'{k}={meta[k]!r}' for k in wrong)}", str(meta_path)))
        return {}
    return meta


def ingest_file(path: Path, display: str | None = None) -> tuple[Document | None, list[Problem]]:
    """One seed file -> (document or None, problems)."""
    where = display or str(path)
    problems: list[Problem] = []

    def fail(code: str, message: str) -> tuple[None, list[Problem]]:
        problems.append(Problem(path.stem, "", code, message, where))
        return None, problems

    if not ID_PATTERN.match(path.stem):
        return fail("seed-bad-name", f"file name {path.name!r} cannot make a document id: use letters, digits, "
                                     f"'-', '_', '.' and start with a letter or digit")
    raw = path.read_bytes()
    if not raw.strip():
        return fail("seed-empty", "the file is empty; put the header and the article body in it")
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return fail("seed-not-utf8", f"byte {exc.start} (0x{raw[exc.start]:02x}) is not UTF-8; re-save the file "
                                     f"as UTF-8")
    if content.startswith("\ufeff"):
        return fail("seed-no-header", "the file starts with a byte order mark (U+FEFF) before ' date YYYY-MM-DD '; "
                                      "save it as UTF-8 without BOM")
    m = HEADER.match(content)
    if not m:
        got = content[:30].replace("\n", "\\n")
        return fail("seed-no-header", f"expected the file to start with ' date YYYY-MM-DD ' (with the spaces), "
                                      f"got {got!r}; add the header line")
    try:
        date = dt.date.fromisoformat(m.group("date"))
    except ValueError:
        return fail("seed-bad-date", f"header date {m.group('date')!r} is not a valid YYYY-MM-DD date")
    if m.group("date") != date.isoformat():
        return fail("seed-bad-date", f"header date {m.group('date')!r} is not in YYYY-MM-DD form")
    text = content[m.end():]
    if m.group("subset") is None and text.startswith("subset "):
        got = text.split(" ", 2)[1] if text.count(" ") >= 1 else ""
        return fail("seed-bad-subset", f"header names subset {got!r}; expected 'subset news ' or 'subset challenge ' "
                                       f"(with the spaces) after the date")
    if not text.strip():
        return fail("seed-empty", "the file has a header but no article body after it")
    meta = _sidecar(path, problems)
    passages = passages_of(text)
    title = meta.get("title")
    if title is None:
        title = passages[0].span.text if passages and passages[0].type == "title" else ""
    subset = m.group("subset") or "news"
    metadata = Metadata(
        date=date.isoformat(),
        source=meta.get("source", "newsbench" if subset == "challenge" else "unknown"),
        subset=subset,
        title=title,
        language=meta.get("language", "en"),
        license=meta.get("license", DEFAULT_LICENSE),
        phenomena=tuple(meta.get("phenomena", ())),
        url=meta.get("url"),
        header_length=m.end(),
        seed_file=display,
    )
    return Document(path.stem, text, metadata, passages, provenance=Provenance(origin="ingest")), problems


def seed_files(paths: Iterable[str | Path]) -> list[tuple[Path, str]]:
    """Expand files and directories into (path, display name) pairs, sorted, ``*.txt`` from directories."""
    out: list[tuple[Path, str]] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*.txt")):
                out.append((f, f"{p.name}/{f.relative_to(p).as_posix()}"))
        else:
            out.append((p, f"{p.parent.name}/{p.name}" if p.parent.name else p.name))
    return out


def ingest(paths: Iterable[str | Path]) -> tuple[list[Document], list[Problem]]:
    """Ingest every seed; a broken seed is reported and the others are still ingested."""
    from .validation import validate_document

    docs: list[Document] = []
    problems: list[Problem] = []
    for path, display in seed_files(paths):
        if not path.exists():
            problems.append(Problem(None, "", "seed-missing", f"{path} does not exist", str(path)))
            continue
        doc, found = ingest_file(path, display)
        problems.extend(found)
        if doc is not None:
            found = validate_document(doc, display)
            problems.extend(found)
            if not found:
                docs.append(doc)
    return docs, problems
