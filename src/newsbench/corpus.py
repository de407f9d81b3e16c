"""Reading the built corpus: canonical documents from the ``documents`` parquet files, or ``datasets`` objects.

``documents(split)`` uses pyarrow only (no ``datasets`` import) and gives back the exact canonical documents.
``load(config, split)`` calls ``datasets.load_dataset`` on the corpus folder, offline. The folder is the
checkout's corpus/ when running from a source tree, else the copy inside the installed wheel
(``newsbench.paths.data_dir``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .hf import CONFIGS, SPLITS, document_from_row, features, parquet_name, stored_features
from .model import Document
from .paths import data_dir
from .problems import NewsbenchError, UsageError


def corpus_dir() -> Path:
    """The corpus folder in use (checkout first, then the installed package)."""
    return data_dir("corpus")


def _check_built(folder: Path) -> None:
    if not (folder / "README.md").is_file():
        raise NewsbenchError(f"{folder} holds no built corpus (no README.md dataset card); run `newsbench build`")


def documents(split: str | None = None, corpus_dir: Path | None = None) -> list[Document]:
    """The canonical gold documents of a split (all splits, in train/validation/test order, when None)."""
    import pyarrow.parquet as pq

    folder = Path(corpus_dir) if corpus_dir is not None else data_dir("corpus")
    if split is not None and split not in SPLITS:
        raise UsageError(f"unknown split {split!r}; expected one of {', '.join(SPLITS)}")
    _check_built(folder)
    expected = features("documents").to_dict()
    out: list[Document] = []
    for s in SPLITS if split is None else (split,):
        path = folder / parquet_name("documents", s)
        if not path.exists():  # empty splits have no file
            continue
        if stored_features(path) != expected:
            raise NewsbenchError(f"{path} was written with other features (another schema version?) than this "
                                 f"newsbench expects; rebuild the corpus with `newsbench build`")
        for batch in pq.ParquetFile(path).iter_batches(batch_size=2048):
            out.extend(document_from_row(row) for row in batch.to_pylist())
    return out


def load(config: str = "documents", split: str | None = None, *, corpus_dir: Path | None = None,
         cache_dir: str | Path | None = None) -> Any:
    """``datasets.load_dataset`` of a config of the corpus, offline: a DatasetDict, or a Dataset with ``split``.

    >>> newsbench.load("documents", split="test")  # doctest: +SKIP
    """
    if config not in CONFIGS:
        raise UsageError(f"unknown config {config!r}; expected one of {', '.join(CONFIGS)}")
    if split is not None and split not in SPLITS:
        raise UsageError(f"unknown split {split!r}; expected one of {', '.join(SPLITS)}")
    folder = Path(corpus_dir) if corpus_dir is not None else data_dir("corpus")
    _check_built(folder)
    present = sorted(p.name.split("-")[0] for p in (folder / config).glob("*.parquet"))
    if not present:
        raise NewsbenchError(f"{folder} has no rows in config {config!r} yet (no annotated document has any); "
                             f"add Label Studio exports to annotations/ and run `newsbench build`")
    if split is not None and split not in present:
        raise NewsbenchError(f"split {split!r} of config {config!r} is empty in {folder} (empty splits have no file); "
                             f"present: {', '.join(present)}")
    # the corpus is local: never let datasets look for it (or anything else) on the Hub
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
    import datasets

    return datasets.load_dataset(str(folder), config, split=split,
                                 cache_dir=str(cache_dir) if cache_dir is not None else None)
