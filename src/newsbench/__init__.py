"""newsbench: an annotated news corpus (entities, events, quotes, stances) and an extraction benchmark.

The public API: the document model (``newsbench.model``), reading and writing records (``newsbench.records``),
validation (``newsbench.validation``) and ``load`` for the built corpus.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
