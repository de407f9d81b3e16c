"""The ``trained`` baseline: spaCy's blank English pipeline with two trained entity recognisers, train split only.

What it attempts: mentions (one NER over the 18 OntoNotes labels; the form is read off the span: a pronoun is PRO,
a lower-case span NOM, else NAM; nested mentions are out of reach of a single NER, the longest gold span is kept
for training), clusters (same-name and pronoun-to-last-person grouping over its own mentions) and event triggers
with their type (a second NER over trigger words; no arguments, default attributes). It does not attempt quotes or
stances: those layers stay empty and score as empty. Training is deterministic (fixed seeds, fixed epochs, one
thread) and takes a minute or so on a CPU; the model is cached under tmp/cache/ keyed by the train split's hash
and never committed.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path
from typing import Any, Sequence

from ..model import Cluster, Document, Event, Mention, Span
from ..paths import checkout_root
from ..problems import NewsbenchError
from ..records import dumps

SEED = 0
EPOCHS = 30
DROPOUT = 0.2
PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself", "they", "them", "their", "it", "its",
            "we", "us", "our", "i", "me", "my", "you", "your"}
_VERSION = "1"  # bump when the training recipe changes so old caches are not reused


def train_hash(docs: Sequence[Document]) -> str:
    """A digest of the training documents and the recipe: the cache key of a trained model."""
    h = hashlib.sha256(f"trained v{_VERSION} epochs={EPOCHS} seed={SEED} drop={DROPOUT}\n".encode())
    for doc in sorted(docs, key=lambda d: d.id):
        h.update(dumps(doc.replace(provenance=None)).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def cache_root() -> Path:
    root = checkout_root()
    return (root / "tmp" / "cache") if root is not None else Path.home() / ".cache" / "newsbench"


def _spans(doc: Any, items: list[tuple[int, int, str]]) -> list[Any]:
    """spaCy spans for (start, end, label), longest first, without overlaps (a NER predicts flat spans)."""
    from spacy.util import filter_spans

    spans = []
    for start, end, label in items:
        span = doc.char_span(start, end, label=label, alignment_mode="strict") or \
            doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return filter_spans(spans)


def _examples(nlp: Any, docs: Sequence[Document], layer: str) -> list[Any]:
    from spacy.training import Example

    out = []
    for d in docs:
        pred = nlp.make_doc(d.text)
        ref = nlp.make_doc(d.text)
        if layer == "mentions":
            items = [(m.span.start, m.span.end, m.label) for m in d.mentions]
        else:
            items = [(e.trigger.start, e.trigger.end, e.type) for e in d.events]
        ref.ents = _spans(ref, items)
        out.append(Example(pred, ref))
    return out


def train(docs: Sequence[Document], out_dir: Path, *, epochs: int = EPOCHS, quiet: bool = True) -> Path:
    """Train the two recognisers on ``docs`` and save the pipeline to ``out_dir`` (returned)."""
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch
    from thinc.api import set_current_ops, NumpyOps

    if not docs:
        raise NewsbenchError("the train split is empty: the trained baseline has nothing to learn from; "
                             "build the corpus with documents in train (`newsbench build`)")
    set_current_ops(NumpyOps())
    fix_random_seed(SEED)
    nlp = spacy.blank("en")
    nlp.add_pipe("ner", name="ner")
    nlp.add_pipe("ner", name="triggers")
    mention_ex = _examples(nlp, docs, "mentions")
    trigger_ex = _examples(nlp, docs, "events")
    # one Example per document carrying both layers: the trigger recogniser reads its gold from a copy
    ner: Any = nlp.get_pipe("ner")
    triggers: Any = nlp.get_pipe("triggers")
    for ex in mention_ex:
        for ent in ex.reference.ents:
            ner.add_label(ent.label_)
    for ex in trigger_ex:
        for ent in ex.reference.ents:
            triggers.add_label(ent.label_)
    with nlp.select_pipes(enable=["ner"]):
        optimizer = nlp.initialize(lambda: mention_ex)
    with nlp.select_pipes(enable=["triggers"]):
        triggers.initialize(lambda: trigger_ex, nlp=nlp)
    rng = random.Random(SEED)
    order = list(range(len(docs)))
    for epoch in range(epochs):
        rng.shuffle(order)
        losses: dict[str, float] = {}
        for batch in minibatch(order, size=4):
            with nlp.select_pipes(enable=["ner"]):
                nlp.update([mention_ex[i] for i in batch], drop=DROPOUT, sgd=optimizer, losses=losses)
            with nlp.select_pipes(enable=["triggers"]):
                nlp.update([trigger_ex[i] for i in batch], drop=DROPOUT, sgd=optimizer, losses=losses)
        if not quiet:
            import sys

            print(f"trained: epoch {epoch + 1}/{epochs} losses "
                  + " ".join(f"{k}={v:.1f}" for k, v in sorted(losses.items())), file=sys.stderr)
    del Example
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.with_name(out_dir.name + ".partial")
    nlp.to_disk(tmp)
    if out_dir.exists():
        import shutil

        shutil.rmtree(out_dir)
    tmp.rename(out_dir)
    return out_dir


class TrainedExtractor:
    """A spaCy pipeline trained by ``train``; ``from_corpus`` trains on the train split or reuses the cache."""

    name = "trained"

    def __init__(self, nlp: Any):
        self.nlp = nlp

    @classmethod
    def from_corpus(cls, corpus_dir: Path | None = None, cache_dir: Path | None = None,
                    quiet: bool = True) -> "TrainedExtractor":
        from ..corpus import documents

        docs = documents("train", corpus_dir)
        return cls.from_documents(docs, cache_dir=cache_dir, quiet=quiet)

    @classmethod
    def from_documents(cls, docs: Sequence[Document], cache_dir: Path | None = None,
                       quiet: bool = True) -> "TrainedExtractor":
        import spacy

        key = train_hash(docs)
        path = (cache_dir or cache_root()) / f"trained-{key[:16]}"
        if not (path / "meta.json").exists():
            train(docs, path, quiet=quiet)
        return cls(spacy.load(path))

    def extract(self, doc: Document) -> Document:
        text = doc.text
        # both recognisers write doc.ents, so each runs on its own
        with self.nlp.select_pipes(enable=["ner"]):
            ents = [(e.start_char, e.end_char, e.label_) for e in self.nlp(text).ents]
        mentions = []
        for n, (start, end, label) in enumerate(ents, 1):
            span = Span.of(text, start, end)
            form = "PRO" if span.text.lower() in PRONOUNS else "NOM" if span.text[:1].islower() else "NAM"
            mentions.append(Mention(f"m{n}", span, label, form))
        events = tuple(Event(f"e{n}", label, Span.of(text, start, end))
                       for n, (start, end, label) in enumerate(_trigger_ents(self.nlp, text), 1))
        return doc.replace(mentions=tuple(mentions), clusters=_clusters(mentions), events=events)


def _trigger_ents(nlp: Any, text: str) -> list[tuple[int, int, str]]:
    """Run the trigger recogniser alone (both recognisers write doc.ents, so they run one at a time)."""
    with nlp.select_pipes(enable=["triggers"]):
        return [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]


def _clusters(mentions: list[Mention]) -> tuple[Cluster, ...]:
    """Same normalised name -> one cluster; a single-word person name joins the last full name containing it;
    a he/she pronoun joins the most recent person."""
    groups: dict[str, list[Mention]] = {}
    full_names: list[tuple[set[str], str]] = []
    last_person: str | None = None
    for m in mentions:
        key = None
        if m.form == "PRO":
            if m.label == "PERSON" and m.span.text.lower() in {"he", "him", "his", "she", "her"}:
                key = last_person
        elif m.form == "NAM" and m.label in {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}:
            words = m.span.text.replace("’s", "").split()
            key = f"{m.label}:{' '.join(words).lower()}"
            if m.label == "PERSON":
                match = next((k for names, k in reversed(full_names) if set(words) <= names), None)
                if match is not None:
                    key = match
                elif len(words) > 1:
                    full_names.append((set(words), key))
                last_person = key
        if key is not None:
            groups.setdefault(key, []).append(m)
    out: list[Cluster] = []
    for key, members in groups.items():
        if len(members) < 2:
            continue
        name = max((m.span.text for m in members if m.form == "NAM"), key=len, default=members[0].span.text)
        out.append(Cluster(f"c{len(out) + 1}", name, tuple(m.id for m in members)))
    return tuple(out)
