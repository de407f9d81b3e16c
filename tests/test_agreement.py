"""Agreement between annotators: Cohen's kappa and Krippendorff's alpha (against the krippendorff package), and
pairwise scoring of annotators' Documents."""

from __future__ import annotations

import math
import random
import sys
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "scoring"))
from builder import D, rich  # noqa: E402

from newsbench.agreement import (by_annotator, cohen_kappa, format_agreement, krippendorff_alpha,  # noqa: E402
                                 pairwise_agreement)
from newsbench.model import Document, Provenance  # noqa: E402


@pytest.mark.parametrize("pairs, expected", [
    ([("A", "A"), ("B", "B")], 1.0),                      # perfect, two labels
    ([("A", "B"), ("B", "A")], -1.0),                     # systematic disagreement
    # po = 3/4; pe = (3/4 * 1/2) + (1/4 * 1/2) = 1/2 -> kappa = (3/4 - 1/2) / (1 - 1/2) = 1/2
    ([("A", "A"), ("A", "A"), ("A", "B"), ("B", "B")], 0.5),
    ([("A", "A"), ("A", "A")], None),                     # one label only: chance agreement is certain
    ([], None),                                           # nothing matched
])
def test_cohen_kappa(pairs: list[tuple[str, str]], expected: float | None) -> None:
    value = cohen_kappa(pairs)
    assert value == (pytest.approx(expected) if expected is not None else None)


@pytest.mark.parametrize("seed", range(6))
def test_alpha_equals_krippendorff_package(seed: int) -> None:
    import krippendorff
    import numpy as np

    rng = random.Random(seed)
    n_coders, n_units = rng.randint(2, 4), rng.randint(5, 40)
    matrix = [[rng.choice([0, 1, 2, 2]) if rng.random() < 0.8 else math.nan for _ in range(n_units)]
              for _ in range(n_coders)]
    units = [[row[u] for row in matrix if not math.isnan(row[u])] for u in range(n_units)]
    ours = krippendorff_alpha(units)
    theirs = krippendorff.alpha(reliability_data=np.array(matrix), level_of_measurement="nominal")
    if ours is None:
        assert math.isnan(theirs) or theirs == pytest.approx(1.0)
    else:
        assert ours == pytest.approx(theirs)


def test_alpha_edge_cases() -> None:
    assert krippendorff_alpha([]) is None
    assert krippendorff_alpha([["A"], ["B"]]) is None           # no unit coded twice
    assert krippendorff_alpha([["A", "A"], ["B", "B"]]) == 1.0


def _annotated(who: str, doc: Document) -> Document:
    return replace(doc, provenance=Provenance(origin="label-studio", annotator=who))


def test_pairwise_agreement_on_documents() -> None:
    base = rich()
    other = D(base.text)
    other.m("Joe Biden", label="ORG")             # one mention, with a different label
    docs = {"ann@x": [_annotated("ann@x", base)], "bob@x": [_annotated("bob@x", base)],
            "cy@x": [_annotated("cy@x", other.build())]}
    result = pairwise_agreement(docs)
    assert result["annotators"] == ["ann@x", "bob@x", "cy@x"]
    pair = {tuple(p["annotators"]): p for p in result["pairs"]}
    same = pair[("ann@x", "bob@x")]
    assert same["f1"]["mentions"]["strict"] == 1.0 and same["f1"]["clusters"]["conll"] == 1.0
    assert same["kappa"]["mentions"]["items"] == len(base.mentions)
    differ = pair[("ann@x", "cy@x")]
    assert differ["f1"]["mentions"]["strict"] == 0.0 and differ["f1"]["mentions"]["exact"] > 0
    # F1 is symmetric: the same value with the roles of gold and prediction swapped
    swapped = pairwise_agreement({"a": docs["cy@x"], "b": docs["ann@x"]})["pairs"][0]
    assert swapped["f1"]["mentions"]["exact"] == pytest.approx(differ["f1"]["mentions"]["exact"])
    # Joe Biden is labelled by all three (PERSON, PERSON, ORG): alpha below 1
    assert result["alpha"]["mentions"]["alpha"] < 1.0
    assert "Krippendorff" in format_agreement(result)


def test_by_annotator_regroups_export_annotations() -> None:
    d = rich()
    annotations = {"d1": [_annotated("b", d), _annotated("a", d)], "d2": [_annotated("a", replace(d, id="d2"))]}
    grouped = by_annotator(annotations)
    assert list(grouped) == ["a", "b"]
    assert [x.id for x in grouped["a"]] == ["d1", "d2"]
    # annotators without a shared document are not paired
    assert pairwise_agreement({"a": grouped["a"][1:], "b": grouped["b"]})["pairs"] == []
