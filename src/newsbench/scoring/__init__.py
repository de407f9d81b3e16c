"""Scoring of predictions against gold, layer by layer: one matching core (core.py), one small module per layer,
bootstrap intervals and the report. ``score(gold=, pred=)`` returns a JSON-able report; ``format_table`` prints it.
"""

from __future__ import annotations

from .report import format_table, score

__all__ = ["score", "format_table"]
