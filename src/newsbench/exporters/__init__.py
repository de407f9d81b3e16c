"""Exporters from canonical documents to the formats users ask for: conll, brat, spacy (DocBin), jsonl.

Each exporter module has ``write(docs, output) -> (counts, problems)``; ``export`` picks one by name. Problems
are warnings about what a format cannot hold (a mention off token boundaries in CoNLL, say), never silent.
"""

from __future__ import annotations

import importlib
from typing import Sequence

from ..model import Document
from ..problems import Problem, UsageError

FORMATS = {"conll": "conll", "brat": "brat", "spacy": "spacy_docbin", "jsonl": "jsonl"}


def export(docs: Sequence[Document], fmt: str, output: str) -> tuple[dict[str, int], list[Problem]]:
    """Write ``docs`` in format ``fmt`` to ``output`` (a file, '-' for stdout, or a folder for brat)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt]}")
    return module.write(docs, output)  # type: ignore[no-any-return]
