"""The ``spacy-pretrained`` baseline: an English spaCy pipeline trained on OntoNotes 5, when the user installed one.

What it attempts: mentions (the pipeline's named entities, all NAM; its 18 labels are ours, no mapping) and
clusters (same-name grouping, as the trained baseline). Events, quotes and stances stay empty and score as empty.
Which pipeline: ``NEWSBENCH_SPACY_MODEL`` (a package name or a path), else the first importable of
en_core_web_trf, en_core_web_lg, en_core_web_md, en_core_web_sm. None installed: ``BaselineUnavailable`` with the
install command; newsbench never downloads one and never falls back to another baseline.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any

from ..model import Document, Mention, Span
from . import BaselineUnavailable

CANDIDATES = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")
ENV = "NEWSBENCH_SPACY_MODEL"
INSTALL_HINT = ("install an English OntoNotes pipeline, e.g. `python -m spacy download en_core_web_sm` (or pip "
                "install the en_core_web_sm wheel from https://github.com/explosion/spacy-models/releases), or set "
                f"{ENV} to the name or path of a spaCy pipeline with an OntoNotes NER")


def find_pipeline() -> str | None:
    """The pipeline to load: the environment's choice, else the first installed candidate, else None."""
    chosen = os.environ.get(ENV)
    if chosen:
        return chosen
    return next((name for name in CANDIDATES if importlib.util.find_spec(name) is not None), None)


class PretrainedExtractor:
    name = "spacy-pretrained"

    def __init__(self, nlp: Any, pipeline: str):
        self.nlp = nlp
        self.pipeline = pipeline

    @classmethod
    def load(cls, pipeline: str | None = None) -> "PretrainedExtractor":
        from ..schema import inventory

        pipeline = pipeline or find_pipeline()
        if pipeline is None:
            raise BaselineUnavailable(f"spacy-pretrained: no OntoNotes spaCy pipeline is installed; {INSTALL_HINT}")
        import spacy

        try:
            nlp = spacy.load(Path(pipeline) if Path(pipeline).exists() else pipeline)
        except OSError as exc:
            raise BaselineUnavailable(f"spacy-pretrained: cannot load spaCy pipeline {pipeline!r} ({exc}); "
                                      f"{INSTALL_HINT}") from exc
        if "ner" not in nlp.pipe_names:
            raise BaselineUnavailable(f"spacy-pretrained: pipeline {pipeline!r} has no 'ner' component; "
                                      f"{INSTALL_HINT}")
        ner: Any = nlp.get_pipe("ner")
        labels = set(ner.labels)
        foreign = sorted(labels - set(inventory().labels))
        if foreign:
            raise BaselineUnavailable(f"spacy-pretrained: pipeline {pipeline!r} predicts labels that are not "
                                      f"OntoNotes 5 ({', '.join(foreign)}); {INSTALL_HINT}")
        return cls(nlp, str(pipeline))

    def extract(self, doc: Document) -> Document:
        from .trained import _clusters

        text = doc.text
        keep = [p for p in self.nlp.pipe_names if p in ("tok2vec", "transformer", "ner", "attribute_ruler",
                                                         "tagger", "parser", "senter", "lemmatizer")]
        with self.nlp.select_pipes(enable=keep):
            parsed = self.nlp(text)
        mentions = [Mention(f"m{n}", Span.of(text, e.start_char, e.end_char), e.label_, "NAM")
                    for n, e in enumerate(parsed.ents, 1)]
        return doc.replace(mentions=tuple(mentions), clusters=_clusters(mentions))
