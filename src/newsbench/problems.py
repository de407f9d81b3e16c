"""Problems found in input data, and the typed errors the library raises.

A Problem says where (document id, JSON Pointer, source such as ``annotations/x.json task 3``), what (a stable
code), and a message with expected vs got and how to fix it. Every reader and validator returns Problems
instead of raising on the first one, so a caller can report all of them at once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Iterable, Sequence


class NewsbenchError(Exception):
    """Base class of every error newsbench raises on purpose."""


class UsageError(NewsbenchError):
    """The caller asked for something that cannot be done (bad option, missing file)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input item."""

    doc_id: str | None
    pointer: str
    code: str
    message: str
    source: str | None = None
    severity: str = "error"

    def render(self) -> str:
        where = " ".join(part for part in (self.source, self.doc_id and f"doc {self.doc_id}") if part)
        pointer = self.pointer or "/"
        return f"{self.severity}: {where or '<input>'} {pointer}: [{self.code}] {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class ValidationFailed(NewsbenchError):
    """Raised when input has problems and the caller asked for strictness."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        lines = [p.render() for p in self.problems[:20]]
        more = len(self.problems) - len(lines)
        if more:
            lines.append(f"... and {more} more")
        super().__init__(f"{len(self.problems)} problem(s):\n" + "\n".join(lines))


def pointer(*parts: str | int) -> str:
    """Build a JSON Pointer (RFC 6901) from path parts, escaping ``~`` and ``/``."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
