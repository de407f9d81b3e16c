"""Stable document-level split assignment (train / validation / test), recorded in annotations/splits.json.

A document keeps the split it was given; only documents new to the file are assigned. A batch of new documents
is assigned greedily and deterministically so that each phenomenon tag (and each subset) reaches every split
where its count allows, while split sizes follow the target ratios. Ties fall to a hash of the document id, so
the result depends only on the ids, their tags and the file, never on input order.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from .problems import NewsbenchError

SPLITS = ("train", "validation", "test")
DEFAULT_RATIOS = {"train": 0.6, "validation": 0.2, "test": 0.2}


@dataclass(frozen=True)
class Candidate:
    """What the assignment needs to know about a document."""

    id: str
    subset: str = "news"
    phenomena: tuple[str, ...] = ()


@dataclass
class SplitFile:
    """The content of annotations/splits.json."""

    ratios: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_RATIOS))
    assignment: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        data = {
            "about": "Split of each corpus document (written by `newsbench build`: new documents are added, "
                     "existing ones never move). Edit 'ratios' before adding documents to change the targets.",
            "ratios": {s: self.ratios[s] for s in SPLITS},
            "assignment": dict(sorted(self.assignment.items())),
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def read_split_file(path: Path) -> SplitFile:
    """Read splits.json (a missing file is an empty assignment with the default ratios)."""
    if not path.exists():
        return SplitFile()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NewsbenchError(f"{path}: not valid JSON ({exc}); fix it or restore it from git") from exc
    ratios = data.get("ratios", DEFAULT_RATIOS)
    assignment = data.get("assignment", {})
    if set(ratios) != set(SPLITS) or not all(isinstance(v, (int, float)) and v >= 0 for v in ratios.values()) \
            or not math.isclose(sum(ratios.values()), 1.0, abs_tol=1e-6):
        raise NewsbenchError(f"{path}: 'ratios' must give train, validation and test as numbers >= 0 summing to 1, "
                             f"got {ratios!r}")
    bad = {k: v for k, v in assignment.items() if v not in SPLITS}
    if bad:
        raise NewsbenchError(f"{path}: 'assignment' values must be one of {', '.join(SPLITS)}; got {bad!r}")
    return SplitFile({s: float(ratios[s]) for s in SPLITS}, dict(assignment))


def _hash(doc_id: str) -> int:
    return int.from_bytes(hashlib.sha256(doc_id.encode("utf-8")).digest()[:8], "big")


def assign(candidates: Iterable[Candidate], existing: Mapping[str, str],
           ratios: Mapping[str, float] = DEFAULT_RATIOS) -> dict[str, str]:
    """Splits for the candidates not in ``existing`` (which are returned unchanged as part of the result).

    Greedy, in a fixed order (documents with the rarest tags first, then by id hash): each document goes to the
    split, among those below their target size, that (0) is test when test holds no document of its subset yet
    (every subset is evaluated: a lone real news article is tested on, not trained on); then that (1) lacks
    most of its tags, (2) is furthest below the target share of its
    tags, (3) is furthest below its target size; ties go to the earlier split in train/validation/test order.
    The subset also counts as a tag, so news and challenge both spread out.
    """
    cands = {c.id: c for c in candidates}
    result = {k: v for k, v in existing.items()}
    new = [c for c in cands.values() if c.id not in result]
    if not new:
        return result

    def tags(c: Candidate) -> tuple[str, ...]:
        return tuple(sorted(set(c.phenomena))) + (f"subset:{c.subset}",)

    # counts over every document that takes part (assigned candidates and the new batch)
    members = [c for c in cands.values()]
    total_tag: dict[str, int] = {}
    for c in members:
        for t in tags(c):
            total_tag[t] = total_tag.get(t, 0) + 1
    size = {s: 0 for s in SPLITS}
    tag_in = {s: {} for s in SPLITS}  # type: dict[str, dict[str, int]]
    for c in members:
        s = result.get(c.id)
        if s is not None:
            size[s] += 1
            for t in tags(c):
                tag_in[s][t] = tag_in[s].get(t, 0) + 1
    n = len(members)
    capacity = _capacities(n, ratios)

    new.sort(key=lambda c: (min(total_tag[t] for t in tags(c)), _hash(c.id), c.id))
    for c in new:
        open_splits = [s for s in SPLITS if size[s] < capacity[s]] or list(SPLITS)

        def key(s: str) -> tuple[float, ...]:
            missing = sum(1 for t in tags(c) if tag_in[s].get(t, 0) == 0)
            deficit = sum(ratios[s] * total_tag[t] - tag_in[s].get(t, 0) for t in tags(c))
            subset_first = int(s == "test" and tag_in[s].get(f"subset:{c.subset}", 0) == 0)
            return (subset_first if ratios[s] > 0 else -1, missing if ratios[s] > 0 else -1, deficit,
                    capacity[s] - size[s], -SPLITS.index(s))

        chosen = max(open_splits, key=key)
        result[c.id] = chosen
        size[chosen] += 1
        for t in tags(c):
            tag_in[chosen][t] = tag_in[chosen].get(t, 0) + 1
    return result


def _capacities(n: int, ratios: Mapping[str, float]) -> dict[str, int]:
    """Target sizes for n documents: floors of the ratios, the remainder to the largest fractional parts."""
    raw = {s: ratios[s] * n for s in SPLITS}
    cap = {s: math.floor(raw[s]) for s in SPLITS}
    rest = n - sum(cap.values())
    for s in sorted(SPLITS, key=lambda s: (-(raw[s] - cap[s]), SPLITS.index(s)))[:rest]:
        cap[s] += 1
    return cap
