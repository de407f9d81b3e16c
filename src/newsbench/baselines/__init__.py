"""Baselines: the ``Extractor`` protocol every model implements, and the registry of the built-in ones.

An extractor takes a document (text, metadata, passages; any annotation is ignored) and returns the same document
with its predicted layers and ``provenance.origin == "prediction"``. ``REGISTRY`` maps a name to a factory, like
spaCy's converter tables: a user's model plugs in with ``REGISTRY["mine"] = MyExtractor`` (see the README).
A baseline that cannot run here (a missing optional pipeline) raises ``BaselineUnavailable`` when it is made.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, Protocol, runtime_checkable

from ..model import Document, Provenance
from ..problems import NewsbenchError, UsageError


@runtime_checkable
class Extractor(Protocol):
    """Anything with a ``name`` and ``extract(document) -> document with predicted layers``."""

    name: str

    def extract(self, doc: Document) -> Document: ...


class BaselineUnavailable(NewsbenchError):
    """The baseline needs something that is not installed; the message says how to install it."""


def _rules() -> Extractor:
    from .rules import RulesExtractor

    return RulesExtractor()


def _trained() -> Extractor:
    from .trained import TrainedExtractor

    return TrainedExtractor.from_corpus()


def _pretrained() -> Extractor:
    from .pretrained import PretrainedExtractor

    return PretrainedExtractor.load()


# name -> factory; factories are cheap to look up and do their (possibly slow) set-up only when called
REGISTRY: dict[str, Callable[[], Extractor]] = {
    "rules": _rules,
    "trained": _trained,
    "spacy-pretrained": _pretrained,
}


def get_extractor(name: str) -> Extractor:
    """Make the registered extractor ``name``; raises UsageError for an unknown name, BaselineUnavailable when
    it cannot run here."""
    try:
        factory = REGISTRY[name]
    except KeyError:
        raise UsageError(f"unknown baseline {name!r}; expected one of: {', '.join(sorted(REGISTRY))}") from None
    return factory()


def as_prediction(doc: Document, predicted: Document, model: str) -> Document:
    """``predicted`` with the input document's id, text, metadata and passages and prediction provenance."""
    return predicted.replace(id=doc.id, text=doc.text, metadata=doc.metadata, passages=doc.passages,
                             provenance=Provenance(origin="prediction", model=model))


def predict(extractor: Extractor, docs: Iterable[Document]) -> Iterator[Document]:
    """Run ``extractor`` over documents (gold layers stripped first, so nothing can leak into a prediction)."""
    for doc in docs:
        bare = doc.without_annotations()
        yield as_prediction(bare, extractor.extract(bare), extractor.name)
