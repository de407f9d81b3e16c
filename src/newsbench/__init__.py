"""newsbench: an annotated news corpus (entities, events, quotes, stances) and an extraction benchmark.

The public API: the document model (``newsbench.model``), reading and writing records (``newsbench.records``),
validation (``newsbench.validation``) and ``load`` for the built corpus (imported lazily: ``datasets`` is heavy).
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "load"]


def __getattr__(name: str) -> Any:
    if name == "load":
        from .corpus import load

        return load
    raise AttributeError(f"module 'newsbench' has no attribute {name!r}")
