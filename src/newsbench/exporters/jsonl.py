"""JSONL export: one canonical record per line (``newsbench.records``' deterministic writer)."""

from __future__ import annotations

from typing import Sequence

from ..model import Document
from ..problems import Problem
from ..records import write_jsonl


def write(docs: Sequence[Document], output: str) -> tuple[dict[str, int], list[Problem]]:
    return {"documents": write_jsonl(docs, output)}, []
