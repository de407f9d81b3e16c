"""Speed helpers shared by the bulk loops (validation, the Label Studio import, the build, synthetic data).

``gc_paused`` pauses Python's cyclic garbage collector around a loop that makes millions of small acyclic
objects (parsed JSON, spans, records): collections triggered by them rescan the growing heap again and again and
took half or more of those loops' time (benchmarks/validate.py, benchmarks/build.py). Reference counting still
frees everything; only cycles, which these loops do not make, wait until the loop ends.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def gc_paused() -> Iterator[None]:
    """Freeze what exists and pause the cyclic collector for the duration of the block (re-entrant)."""
    was_enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()
