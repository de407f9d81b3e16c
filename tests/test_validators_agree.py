"""jsonschema-rs (the fast path) and jsonschema (the reference) agree on our schema.

On every fixture, on generated documents and on corrupted ones: both call a record valid or both invalid, and
both blame the same set of instance paths. Not timed: the speed lives in benchmarks/validate.py.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, strategies as st

from newsbench import synthetic
from newsbench.records import iter_json_records, to_record
from newsbench.schema import fast_validator, reference_validator, structural_problems
from strategies import CORRUPTIONS, documents

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _verdicts(record: Any) -> tuple[tuple[bool, set[str]], tuple[bool, set[str]]]:
    """(valid, instance paths) of jsonschema-rs and of jsonschema."""
    fast = fast_validator()
    rs_paths = {"/".join(map(str, e.instance_path)) for e in fast.iter_errors(record)}
    ref_paths = {"/".join(map(str, e.absolute_path)) for e in reference_validator().iter_errors(record)}
    return (fast.is_valid(record), rs_paths), (not ref_paths, ref_paths)


def _fixture_records() -> list[tuple[str, Any]]:
    out = []
    for path in sorted((FIXTURES / "valid").glob("*.json*")) + sorted((FIXTURES / "invalid").glob("*.json*")):
        if path.name == "expected.json":
            continue
        out += [(where, rec) for where, rec, problem in iter_json_records(path) if problem is None]
    return out


@pytest.mark.parametrize("where, record", _fixture_records(), ids=lambda x: x if isinstance(x, str) else "")
def test_validators_agree_on_fixtures(where: str, record: Any) -> None:
    rs, ref = _verdicts(record)
    assert rs == ref


def test_the_structural_fixture_is_invalid_for_both() -> None:
    record = json.loads((FIXTURES / "invalid" / "structural-several.json").read_text(encoding="utf-8"))
    (rs_valid, rs_paths), (ref_valid, _) = _verdicts(record)
    assert not rs_valid and not ref_valid
    assert {"mentions/0/label", "mentions/2/start", "metadata/date", ""} <= rs_paths


def test_validators_agree_on_synthetic_documents() -> None:
    for doc in synthetic.documents(30, seed=7):
        rs, ref = _verdicts(to_record(doc))
        assert rs == ref == (True, set())


@given(documents(scores=True))
def test_validators_agree_on_generated_documents(doc: Any) -> None:
    rs, ref = _verdicts(to_record(doc))
    assert rs == ref == (True, set())


@given(doc=documents(), name=st.sampled_from(sorted(CORRUPTIONS)), rnd=st.randoms(use_true_random=False))
def test_validators_agree_on_corrupted_documents(doc: Any, name: str, rnd: random.Random) -> None:
    rec = copy.deepcopy(to_record(doc))
    assume(CORRUPTIONS[name](rec, rnd) is not None)
    rs, ref = _verdicts(rec)
    assert rs == ref


@pytest.mark.parametrize("mutate", [
    lambda r: r.update(id=r["id"] + "\n"),
    lambda r: r["metadata"].update(language="en\n"),
])
def test_known_disagreement_is_caught_anyway(mutate: Any) -> None:
    """Python's `$` also matches before a final newline, so jsonschema accepts "id\\n"; ECMA-262 (jsonschema-rs)
    does not. structural_problems then reports jsonschema-rs's verdict so such a record is never valid."""
    rec = copy.deepcopy(to_record(synthetic.documents(1)[0]))
    mutate(rec)
    (rs_valid, _), (ref_valid, _) = _verdicts(rec)
    assert (rs_valid, ref_valid) == (False, True)
    assert [p.code for p in structural_problems(rec)] == ["schema-pattern"]


@pytest.mark.parametrize("field, value", [
    ("url", "not a uri"), ("url", "/relative/path"), ("url", "https://example.org/a b"), ("url", "mailto:x@y.z"),
    ("url", "https://ex.org/ü"), ("url", "http://[::1]:80/"), ("url", None),
    ("date", "2022-02-30"), ("date", "2022-13-01"), ("date", "0000-01-01"), ("date", "0001-01-01"),
    ("date", "٢٠٢٢-02-22"), ("date", "2022-02-22T00:00"), ("language", "en-GB"), ("language", "EN"),
])
def test_validators_agree_on_format_edge_cases(field: str, value: Any) -> None:
    """Formats are where validators differ most; year 0000 (which Python's date cannot hold) is excluded by the
    schema's pattern because jsonschema-rs's `date` format would accept it."""
    rec = json.loads((FIXTURES / "valid" / "blinken-wang-yi-2022-02-22.json").read_text(encoding="utf-8"))
    rec["metadata"][field] = value
    rs, ref = _verdicts(rec)
    assert rs == ref
