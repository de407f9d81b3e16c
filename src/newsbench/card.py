"""The generated dataset card corpus/README.md: YAML (``configs`` + ``dataset_info``) and a body with counts.

The YAML is produced with the ``datasets`` helpers that ``push_to_hub`` uses, from the same ``Features`` objects
the parquet writer uses, so the card cannot relabel the data. Everything in the body is computed from the built
documents and the inputs (schema version, export hashes, annotations/agreement.json): no timestamps, so the card
is byte-identical across builds of the same inputs. Never edit corpus/README.md by hand.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from .hf import CONFIGS, DEFAULT_CONFIG, SPLITS, features, ner_tags
from .model import Document
from .problems import NewsbenchError
from .schema import inventory

SUBSETS = ("news", "challenge")
COMPOSED_LICENSE = "CC-BY-4.0"

AGREEMENT_SHAPE = """annotations/agreement.json (optional) is the output of `newsbench agreement EXPORT.json --json`:
{"annotators": [str, ...],
 "pairs": [{"annotators": [str, str], "documents": int,
            "f1": {"<layer>": {"<metric>": number | null, ...}, ...},
            "kappa": {"<layer>": {"kappa": number | null, "items": int}, ...}}, ...],
 "alpha": {"<layer>": {"alpha": number | null, "units": int}, ...}}
The card shows every number; annotators appear as A1, A2, ... (never their names or e-mails)."""


LABEL_KEYS = ("label", "form", "event_type", "role", "quote_kind", "stance_polarity", "target_kind", "phenomena")


@dataclass
class CorpusStats:
    """Counts the card shows, summed document by document (so chunks converted apart can be merged)."""

    documents: Counter[tuple[str, str]] = field(default_factory=Counter)  # (split, subset) -> documents
    labels: Counter[tuple[str, str, str, str]] = field(default_factory=Counter)  # (key, split, subset, label)
    news_sources: set[tuple[str, str]] = field(default_factory=set)  # (source, licence) of real articles
    rows: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (config, split, subset) -> rows

    def add(self, doc: Document, split: str) -> None:
        subset = _subset(doc)
        self.documents[(split, subset)] += 1
        for key in LABEL_KEYS:
            for label in _labels(doc, key):
                self.labels[(key, split, subset, label)] += 1
        if subset == "news" and doc.metadata is not None:
            self.news_sources.add((doc.metadata.source, doc.metadata.license))

    def merge(self, other: "CorpusStats") -> None:
        self.documents.update(other.documents)
        self.labels.update(other.labels)
        self.news_sources |= other.news_sources
        self.rows.update(other.rows)


@dataclass
class CardInput:
    """What the card shows, gathered by the build."""

    stats: CorpusStats
    rows: Mapping[str, Mapping[str, int]]  # config -> split -> rows (0 rows: left out)
    nbytes: Mapping[str, Mapping[str, int]]  # config -> split -> Arrow bytes of the table
    file_sizes: Mapping[str, int]  # config -> parquet bytes on disk
    inputs: Mapping[str, str]  # input path -> sha256
    ner_stats: Mapping[str, int] = field(default_factory=dict)
    agreement: Mapping[str, Any] | None = None


# ------------------------------------------------------------------------------------------------- YAML

def card_yaml(data: CardInput) -> str:
    """The YAML header: configs with data_files for non-empty splits, and dataset_info from the Features."""
    from datasets import DatasetInfo
    from datasets.info import DatasetInfosDict
    from datasets.utils.metadata import MetadataConfigs
    from huggingface_hub import DatasetCardData

    from .hf import parquet_name

    infos: dict[str, Any] = {}
    configs: dict[str, dict[str, Any]] = {}
    for config in CONFIGS:
        splits = [s for s in SPLITS if data.rows.get(config, {}).get(s, 0) > 0]
        if not splits:
            continue
        infos[config] = DatasetInfo(
            features=features(config), config_name=config,
            splits=[{"name": s, "num_bytes": data.nbytes[config][s], "num_examples": data.rows[config][s]}
                    for s in splits],
            download_size=data.file_sizes.get(config, 0),
            dataset_size=sum(data.nbytes[config][s] for s in splits))
        configs[config] = {"data_files": [{"split": s, "path": parquet_name(config, s)} for s in splits]}
        if config == DEFAULT_CONFIG:
            configs[config]["default"] = True
    card = DatasetCardData(
        language=["en"], license="other", license_name="cc-by-4.0-and-publisher-rights",
        license_details="Composed (challenge) documents and all annotations: CC-BY-4.0. The real news "
                        "article(s): rights stay with the publisher (see metadata.license per document).",
        pretty_name="newsbench", task_categories=["token-classification"],
        task_ids=["named-entity-recognition"], tags=["news", "coreference", "events", "quotations", "stance"])
    DatasetInfosDict(infos).to_dataset_card_data(card)
    MetadataConfigs(configs).to_dataset_card_data(card)
    return card.to_yaml()


# ------------------------------------------------------------------------------------------------- body

def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(x) for x in row) + " |" for row in rows]
    return "\n".join(lines)


def _columns(data: CardInput) -> list[tuple[str, str]]:
    """(split, subset) columns that hold documents, in a fixed order."""
    return [(split, subset) for split in SPLITS for subset in SUBSETS if data.stats.documents[(split, subset)]]


def _subset(doc: Document) -> str:
    return doc.metadata.subset if doc.metadata else "news"


def _count_table(data: CardInput, key: str, names: Sequence[str]) -> str:
    """Rows: label; columns: split/subset; cells: how many items carry the label (labels never seen are kept)."""
    cols = _columns(data)
    counts: dict[tuple[str, str], Counter[str]] = {c: Counter() for c in cols}
    for (k, split, subset, label), n in data.stats.labels.items():
        if k == key and (split, subset) in counts:
            counts[(split, subset)][label] += n
    rows = [[name] + [counts[c][name] for c in cols] + [sum(counts[c][name] for c in cols)] for name in names]
    rows.append(["**total**"] + [sum(counts[c].values()) for c in cols] + [sum(sum(counts[c].values()) for c in cols)])
    return _table(["label"] + [f"{s} / {b}" for s, b in cols] + ["all"], rows)


def _labels(d: Document, key: str) -> list[str]:
    if key == "label":
        return [m.label for m in d.mentions]
    if key == "form":
        return [m.form for m in d.mentions]
    if key == "event_type":
        return [e.type for e in d.events]
    if key == "role":
        return [a.role for e in d.events for a in e.arguments]
    if key == "quote_kind":
        return [q.kind for q in d.quotes]
    if key == "stance_polarity":
        return [s.polarity for s in d.stances]
    if key == "target_kind":
        return [s.target.kind for s in d.stances]
    if key == "phenomena":
        return list(d.metadata.phenomena) if d.metadata else []
    raise NewsbenchError(f"no label key {key!r}")


def _fmt(value: Any) -> str:
    return "n/a" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def _agreement_section(agreement: Mapping[str, Any] | None) -> str:
    if not agreement:
        return ("No inter-annotator agreement figures yet: they appear here once annotations/agreement.json "
                "exists (`newsbench agreement EXPORT.json --json > annotations/agreement.json`).")
    alias = {name: f"A{i}" for i, name in enumerate(agreement.get("annotators", []), 1)}
    rows = []
    for pair in agreement.get("pairs", []):
        who = " vs ".join(alias.get(a, "?") for a in pair.get("annotators", []))
        for layer, metrics in pair.get("f1", {}).items():
            kappa = pair.get("kappa", {}).get(layer)
            rows.append([who, pair.get("documents", ""), layer,
                         ", ".join(f"{name} {_fmt(v)}" for name, v in metrics.items()),
                         "" if kappa is None else f"{_fmt(kappa.get('kappa'))} ({kappa.get('items', 0)} items)"])
    text = (f"{len(alias)} annotator(s). Pairwise F1 (one annotator as gold, the other as prediction, same scorers as "
            f"the benchmark) and Cohen's kappa on the labels of matched items:\n\n"
            + (_table(["pair", "documents", "layer", "F1", "kappa"], rows) if rows
               else "(no two annotators share a document yet)"))
    alpha = agreement.get("alpha", {})
    if alpha:
        text += "\n\nKrippendorff's alpha (nominal) over all annotators:\n\n" + _table(
            ["layer", "alpha", "units"], [[layer, _fmt(v.get("alpha")), v.get("units", 0)] for layer, v in alpha.items()])
    return text


def read_agreement(path: Path) -> dict[str, Any] | None:
    """annotations/agreement.json when it exists (see AGREEMENT_SHAPE); a malformed file fails the build."""
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NewsbenchError(f"{path}: not valid JSON ({exc}). {AGREEMENT_SHAPE}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("pairs"), list) or not isinstance(data.get("alpha"), dict):
        raise NewsbenchError(f"{path}: expected an object with 'pairs' (a list) and 'alpha' (an object). "
                             f"{AGREEMENT_SHAPE}")
    return data


def card_body(data: CardInput) -> str:
    inv = inventory()
    docs_rows: list[list[Any]] = []
    for split in SPLITS:
        per = {subset: data.stats.documents[(split, subset)] for subset in SUBSETS}
        if not any(per.values()):
            continue
        docs_rows.append([split, *(per[s] for s in SUBSETS), sum(per.values())])
    total = [sum(int(r[i]) for r in docs_rows) for i in range(1, len(SUBSETS) + 2)]
    docs_rows.append(["**all**"] + total)
    cols = _columns(data)
    rows_table = _table(["config"] + [f"{s} / {b}" for s, b in cols] + ["all"],
                        [[c] + [data.stats.rows[(c, s, b)] for s, b in cols]
                         + [sum(data.rows.get(c, {}).values())] for c in CONFIGS])
    licences = sorted(data.stats.news_sources)
    news_licence = "\n".join(f"- {source}: {lic}" for source, lic in licences) or "- (no real article yet)"
    inputs = "\n".join(f"- `{path}`: sha256 `{digest}`" for path, digest in sorted(data.inputs.items())) \
        or "- (none)"
    ner = data.ner_stats
    sections = [
        "# newsbench",
        "An English news corpus annotated at document level in four layers, and an extraction benchmark: "
        "**entities** (mentions with OntoNotes 5 labels and ACE forms, plus coreference clusters), **events** "
        "(PLOVER-style political events with triggers, arguments and ACE attributes), **quotes** (direct, indirect "
        "and mixed reported speech with cue and speaker) and **stances** (a holder's FAVOR / AGAINST / NEUTRAL "
        "position towards an entity, event or topic, with evidence). Subset `news` holds real published "
        "article(s); subset `challenge` holds documents composed for this corpus about fictional actors, each "
        "tagged with the linguistic phenomena it tests. Every count below reports the two subsets separately.",
        "Annotations were made in Label Studio, exported, validated against the JSON Schema "
        f"`schema/annotation.schema.json` (version {inv.version}) and semantic checks, and converted by "
        "`newsbench build`. This card is generated by that command; do not edit it by hand.",
        "## Documents per split\n\n" + _table(["split"] + list(SUBSETS) + ["all"], docs_rows)
        + "\n\nOnly documents with a gold annotation in a Label Studio export are in the corpus.",
        "## Configs\n\n"
        "- `documents` (default): one row per document, lossless (`newsbench.hf.document_from_row` gives back the "
        "canonical document); layers are lists of structs, labels are `ClassLabel`s.\n"
        "- `ner`: one row per sentence, conll2003-shaped (`tokens`, `ner_tags` as BIO `ClassLabel` over the "
        "OntoNotes labels of named (NAM) mentions), tokenized with spaCy's blank English tokenizer and split by "
        "the rule of spaCy's sentencizer, a passage (title, heading, paragraph) always starting a new sentence; "
        "`token_starts` are character offsets into the document text.\n"
        "- `events`, `quotes`, `stances`: one row per item with its spans, the resolved texts (argument texts and "
        "entity names, quote content and speaker name, holder name and target text) and the document id.\n"
        "- `bigbio_kb`: the BigBio knowledge-base schema (offsets index the passages joined by single spaces; "
        "quotes are entities `QUOTE_<KIND>` with a `CUE` and `SPEAKER_OF`/`CUE_OF`/`NESTED_IN` relations; stances "
        "towards entities or events are `STANCE_<POLARITY>` relations from the holder's first mention).\n\n"
        "Rows per config, split and subset (a config's empty splits are left out of the YAML):\n\n" + rows_table,
        "## Label inventories\n\nCounts per split and subset.\n\n"
        "### Mention labels\n\n" + _count_table(data, "label", inv.labels)
        + "\n\n### Mention forms\n\n" + _count_table(data, "form", inv.forms)
        + "\n\n### Event types\n\n" + _count_table(data, "event_type", inv.event_types)
        + "\n\n### Argument roles\n\n" + _count_table(data, "role", inv.roles)
        + "\n\n### Quote kinds\n\n" + _count_table(data, "quote_kind", inv.quote_kinds)
        + "\n\n### Stance polarities\n\n" + _count_table(data, "stance_polarity", inv.stance_polarities)
        + "\n\n### Stance target kinds\n\n" + _count_table(data, "target_kind", inv.target_kinds)
        + "\n\n### Phenomena (challenge documents tagged with each)\n\n"
        + _count_table(data, "phenomena", sorted({label for (key, _, _, label) in data.stats.labels
                                                  if key == "phenomena"}))
        + f"\n\n### NER tags\n\n{len(ner_tags())} BIO tags: " + ", ".join(f"`{t}`" for t in ner_tags())
        + f".\n\nOf the named mentions, {ner.get('tagged', 0)} are tagged; {ner.get('nested_dropped', 0)} nested "
        f"inside another named mention are left out (the outermost is kept); {ner.get('not_on_token_boundary', 0)} "
        f"not on token boundaries and {ner.get('crosses_sentence', 0)} spanning two sentences are left out too. "
        "The other configs keep every mention.",
        "## Agreement\n\n" + _agreement_section(data.agreement),
        "## How it was built\n\n"
        f"- Schema version: {inv.version}\n"
        "- Inputs (seeds, Label Studio exports, split assignment):\n" + inputs + "\n"
        "- Splits are per document and stable: `annotations/splits.json` records them; a new document is "
        "assigned deterministically (spreading phenomena and subsets over the splits), existing ones never move.\n"
        "- Rebuild: `newsbench build`; check that corpus/ is current: `newsbench build --check`.",
        "## How to load\n\n```python\nfrom datasets import load_dataset\n\n"
        "docs = load_dataset(\"path/to/corpus\", \"documents\", split=\"test\")\n"
        "ner = load_dataset(\"path/to/corpus\", \"ner\")\n```\n\n"
        "With the package installed (offline, from the copy inside the wheel):\n\n```python\nimport newsbench\n\n"
        "test = newsbench.load(\"documents\", split=\"test\")\n"
        "from newsbench.corpus import documents\ngold = documents(\"test\")  # canonical Document objects\n```\n\n"
        "Other formats: `newsbench export --format conll|brat|spacy|jsonl`.",
        "## Licence\n\n"
        f"- Subset `challenge` (composed documents) and all annotations: {COMPOSED_LICENSE}.\n"
        "- Subset `news`: the article text's rights stay with its publisher; it is included only as the object of "
        "research annotation and is not covered by the newsbench licence:\n" + news_licence,
        "## Limitations\n\n"
        "- Small: the real-news subset is tiny; most documents are composed challenge texts about fictional "
        "actors, written to test specific phenomena, so scores on them do not estimate performance on news at large.\n"
        "- English only; political and diplomatic news; event types follow a PLOVER-derived inventory.\n"
        "- The `ner` config covers named mentions only and drops nested ones (see counts above); "
        "`bigbio_kb` has no form for stances towards free-text topics.\n"
        "- Gold annotations come from few annotators; see the agreement section.",
        "## Citation\n\n```bibtex\n@misc{newsbench,\n  title  = {newsbench: an annotated news corpus of entities, "
        "events, quotes and stances},\n  author = {{the newsbench team}},\n  year   = {2026},\n  note   = "
        "{Dataset and benchmark}\n}\n```",
    ]
    return "\n\n".join(sections) + "\n"


def render(data: CardInput) -> str:
    """The full card: YAML front matter and body."""
    return "---\n" + card_yaml(data) + "\n---\n\n" + card_body(data)
