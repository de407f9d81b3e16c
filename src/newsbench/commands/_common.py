"""Helpers shared by the subcommands: problem printing, JSON output, progress on stderr."""

from __future__ import annotations

import json
import sys
import time
from typing import Any, Iterable, Iterator, Sequence, TypeVar

from ..problems import Problem

T = TypeVar("T")


def print_problems(problems: Sequence[Problem], as_json: bool = False, stream: Any = None) -> None:
    """Problems to stderr (or ``stream``): one line each, or a JSON list with ``as_json``."""
    stream = stream or sys.stderr
    if as_json:
        json.dump([p.to_dict() for p in problems], stream, ensure_ascii=False, indent=1)
        stream.write("\n")
        return
    for p in problems:
        print(p.render(), file=stream)


def progress(items: Iterable[T], label: str, total: int | None = None, quiet: bool = False) -> Iterator[T]:
    """Yield items, showing a counter on stderr when it is a terminal and not ``quiet``."""
    show = not quiet and sys.stderr.isatty()
    last = 0.0
    n = 0
    for n, item in enumerate(items, 1):
        if show and time.monotonic() - last > 0.2:
            of = f"/{total}" if total else ""
            print(f"\r{label}: {n}{of}", end="", file=sys.stderr, flush=True)
            last = time.monotonic()
        yield item
    if show:
        of = f"/{total}" if total else ""
        print(f"\r{label}: {n}{of} done", file=sys.stderr, flush=True)


def add_quiet(parser: Any) -> None:
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress output on stderr")


def emit(text: str, output: str) -> None:
    """Write command output to the file ``output``, or to stdout when it is ``-``."""
    if output == "-":
        sys.stdout.write(text)
    else:
        from pathlib import Path

        Path(output).write_text(text, encoding="utf-8")
