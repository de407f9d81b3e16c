"""Two-phase validation of records: structural (the JSON Schema), then semantic (checks.py).

``validate_records`` takes (source, record) pairs and returns the valid documents and every problem found;
a record with structural problems is not checked semantically (its shape cannot be trusted) and is not
returned as a document. Valid records next to invalid ones are never lost.
"""

from __future__ import annotations

from typing import Any, Iterable

from .checks import semantic_problems
from .model import Document
from .problems import Problem, errors_only
from .records import from_record
from .schema import structural_problems
from .performance import gc_paused


def validate_record(record: Any, source: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Validate one record: (document or None, problems)."""
    doc_id = record.get("id") if isinstance(record, dict) and isinstance(record.get("id"), str) else None
    problems = structural_problems(record, doc_id, source)
    if problems:
        return None, problems
    doc = from_record(record)
    problems = semantic_problems(doc, source)
    return (None if errors_only(problems) else doc), problems


def validate_records(items: Iterable[tuple[str | None, Any]]) -> tuple[list[Document], list[Problem]]:
    """Validate many records; also reports ids used by more than one document (`duplicate-document`)."""
    with gc_paused():
        return _validate_all(items)


def _validate_all(items: Iterable[tuple[str | None, Any]]) -> tuple[list[Document], list[Problem]]:
    docs: list[Document] = []
    problems: list[Problem] = []
    first_seen: dict[str, str | None] = {}
    for source, record in items:
        doc, found = validate_record(record, source)
        problems.extend(found)
        if doc is None:
            continue
        if doc.id in first_seen:
            problems.append(Problem(doc.id, "/id", "duplicate-document",
                                    f"document id {doc.id!r} already appeared in {first_seen[doc.id] or 'this input'}; "
                                    f"document ids must be unique", source))
            continue
        first_seen[doc.id] = source
        docs.append(doc)
    return docs, problems


def validate_document(doc: Document, source: str | None = None) -> list[Problem]:
    """Both phases for an in-memory document (its record is validated structurally too)."""
    from .records import to_record

    problems = structural_problems(to_record(doc), doc.id, source)
    return problems or semantic_problems(doc, source)
