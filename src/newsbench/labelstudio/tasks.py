"""Label Studio import tasks for documents: ``data.text``, our id, metadata and passages, optional predictions.

The task data alone rebuilds a document (text, id, metadata, passages), so an export needs nothing else.
Predictions (pre-annotations) are documents of the same schema converted with ``document_to_results``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..model import Document
from ..problems import NewsbenchError
from ..records import to_record
from .convert import document_to_results


def task_data(doc: Document) -> dict[str, Any]:
    """The ``data`` object of a document's task."""
    rec = to_record(doc)
    return {"text": doc.text, "id": doc.id, "metadata": rec.get("metadata"), "passages": rec["passages"]}


def _mean_score(doc: Document) -> float | None:
    scores = [x.score for layer in (doc.mentions, doc.events, doc.quotes, doc.stances) for x in layer
              if x.score is not None]
    return sum(scores) / len(scores) if scores else None


def make_tasks(docs: Iterable[Document], predictions: Mapping[str, Document] | Iterable[Document] | None = None,
               model_version: str | None = None) -> list[dict[str, Any]]:
    """Import JSON for ``docs``; ``predictions`` (by document id) become each task's pre-annotation.

    A prediction's score is the mean of its items' scores when they have any.
    """
    if predictions is not None and not isinstance(predictions, Mapping):
        predictions = {p.id: p for p in predictions}
    out = []
    for doc in docs:
        task: dict[str, Any] = {"data": task_data(doc)}
        pred = predictions.get(doc.id) if predictions is not None else None
        if pred is not None:
            if pred.text != doc.text:
                raise NewsbenchError(f"prediction for {doc.id!r} has a different text than the document "
                                     f"({len(pred.text)} vs {len(doc.text)} characters); predict on the same text")
            p: dict[str, Any] = {"model_version": model_version or (pred.provenance.model if pred.provenance
                                                                    and pred.provenance.model else "newsbench"),
                                 "result": document_to_results(pred)}
            score = _mean_score(pred)
            if score is not None:
                p["score"] = score
            task["predictions"] = [p]
        out.append(task)
    return out
