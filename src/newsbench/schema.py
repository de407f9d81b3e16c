"""The JSON Schema (schema/annotation.schema.json): loading it, its inventories, and structural validation.

Inventories (labels, forms, event types with their roles and modes, attribute values) are read from the
schema so no label list is typed twice. Structural validation reports every error with its JSON Pointer:
jsonschema-rs answers the common valid case fast; jsonschema (the reference, Draft 2020-12) explains
invalid records so messages are stable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .paths import schema_path
from .problems import Problem, pointer


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    with open(schema_path(), encoding="utf-8") as fh:
        return json.load(fh)


def _consts(defn: dict[str, Any]) -> list[str]:
    if "oneOf" in defn:
        return [alt["const"] for alt in defn["oneOf"]]
    return list(defn["enum"])


def descriptions(name: str) -> dict[str, str]:
    """Value -> description for an enumerated $defs entry (label, form, event_type, ...)."""
    return {alt["const"]: alt.get("description", "") for alt in load_schema()["$defs"][name].get("oneOf", [])}


@dataclass(frozen=True)
class Inventory:
    labels: tuple[str, ...]
    forms: tuple[str, ...]
    event_types: tuple[str, ...]
    roles: tuple[str, ...]
    roles_by_type: dict[str, tuple[str, ...]]
    modes_by_type: dict[str, tuple[str, ...]]
    polarity: tuple[str, ...]
    tense: tuple[str, ...]
    genericity: tuple[str, ...]
    modality: tuple[str, ...]
    quote_kinds: tuple[str, ...]
    stance_polarities: tuple[str, ...]
    target_kinds: tuple[str, ...]
    passage_types: tuple[str, ...]
    subsets: tuple[str, ...]
    version: str


@lru_cache(maxsize=1)
def inventory() -> Inventory:
    """The label inventories of the schema."""
    s = load_schema()
    d = s["$defs"]
    types = d["event_type"]["oneOf"]
    return Inventory(
        labels=tuple(_consts(d["label"])),
        forms=tuple(_consts(d["form"])),
        event_types=tuple(t["const"] for t in types),
        roles=tuple(_consts(d["role"])),
        roles_by_type={t["const"]: tuple(t["x-roles"]) for t in types},
        modes_by_type={t["const"]: tuple(t["x-modes"]) for t in types},
        polarity=tuple(_consts(d["polarity"])),
        tense=tuple(_consts(d["tense"])),
        genericity=tuple(_consts(d["genericity"])),
        modality=tuple(_consts(d["modality"])),
        quote_kinds=tuple(_consts(d["quote_kind"])),
        stance_polarities=tuple(_consts(d["stance_polarity"])),
        target_kinds=tuple(d["target"]["properties"]["kind"]["enum"]),
        passage_types=tuple(d["passage"]["properties"]["type"]["enum"]),
        subsets=tuple(d["metadata"]["properties"]["subset"]["enum"]),
        version=s["x-schema-version"],
    )


@lru_cache(maxsize=1)
def reference_validator() -> Any:
    """jsonschema's Draft 2020-12 validator (with format checking), the reference implementation."""
    import jsonschema

    cls = jsonschema.Draft202012Validator
    return cls(load_schema(), format_checker=cls.FORMAT_CHECKER)


@lru_cache(maxsize=1)
def fast_validator() -> Any:
    """jsonschema-rs's validator for the same schema, or None when it is not installed."""
    try:
        import jsonschema_rs
    except ImportError:  # optional speed-up; the reference validator is always there
        return None
    return jsonschema_rs.Draft202012Validator(load_schema(), validate_formats=True)


def _describe(error: Any) -> str:
    """A message for one jsonschema error: what was expected, what was found, how to fix."""
    got = json.dumps(error.instance, ensure_ascii=False)
    if len(got) > 80:
        got = got[:77] + "..."
    v = error.validator
    if v == "required":
        return f"{error.message}; add the field"
    if v == "additionalProperties":
        return f"{error.message}; remove it or check its spelling against the schema"
    if v in ("enum", "const", "oneOf") and isinstance(error.instance, str):
        allowed = _allowed_values(error.schema)
        hint = f"; expected one of {', '.join(allowed)}" if allowed else ""
        return f"value {got} is not allowed{hint}"
    vv = error.validator_value
    if v == "type":
        return f"expected type {vv}, got {got}; change the value's type"
    if v == "minimum":
        return f"expected a number >= {vv}, got {got}; offsets and counts cannot be negative"
    if v == "minLength":
        return f"expected a string of at least {vv} character(s), got {got}; fill it in or drop the item"
    if v == "maxLength":
        return f"expected at most {vv} characters, got {len(error.instance)}; shorten it"
    if v == "pattern":
        return f"expected a string matching {vv}, got {got}; use only the characters the pattern allows"
    if v == "format":
        example = {"date": " such as 2022-02-22", "uri": " such as https://example.org/a"}.get(vv, "")
        return f"expected a valid {vv}{example}, got {got}"
    if v == "minItems":
        return f"expected at least {vv} item(s), got {len(error.instance)}; add items or drop the list"
    if v == "uniqueItems":
        return f"expected unique items, got {got}; remove the repeated item"
    return f"{error.message} (schema rule '{v}' at {'/'.join(map(str, error.schema_path))})"


def _allowed_values(schema: dict[str, Any]) -> list[str]:
    if "enum" in schema:
        return [str(x) for x in schema["enum"]]
    if "oneOf" in schema:
        return [str(alt["const"]) for alt in schema["oneOf"] if "const" in alt]
    if "const" in schema:
        return [str(schema["const"])]
    return []


def _explain(error: Any) -> list[Any]:
    """The errors to report for one jsonschema error.

    An ``anyOf``/``oneOf`` error only says "not valid under any of the given schemas". When just one alternative
    has the right JSON type (a span object where the schema allows span or null), its errors are the real ones.
    """
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return [error]
    by_branch: dict[Any, list[Any]] = {}
    for sub in error.context:
        by_branch.setdefault(sub.relative_schema_path[0], []).append(sub)
    plausible = [errs for errs in by_branch.values()
                 if not any(e.validator == "type" and not e.relative_path for e in errs)]
    if len(plausible) != 1:
        return [error]
    return [leaf for sub in plausible[0] for leaf in _explain(sub)]


def structural_problems(record: Any, doc_id: str | None = None, source: str | None = None) -> list[Problem]:
    """Every structural (schema) problem of one record, each with its JSON Pointer; [] when valid."""
    fast = fast_validator()
    if fast is not None and fast.is_valid(record):
        return []
    problems = []
    for error in reference_validator().iter_errors(record):
        # oneOf over consts reports one error per alternative in its context; the parent error says it once.
        for leaf in _explain(error):
            problems.append(Problem(doc_id, pointer(*leaf.absolute_path), f"schema-{leaf.validator}",
                                    _describe(leaf), source))
    if not problems and fast is not None:
        # The two validators disagree (known case: Python's `$` also matches before a final newline, so
        # jsonschema accepts the id "a\n" that the ECMA-262 rule of jsonschema-rs rejects). Err on the strict
        # side so such a record is never taken as valid.
        for rs_error in fast.iter_errors(record):
            keyword = rs_error.schema_path[-1] if rs_error.schema_path else "schema"
            problems.append(Problem(doc_id, pointer(*rs_error.instance_path), f"schema-{keyword}",
                                    f"{rs_error.message} (schema rule '{keyword}'); fix the value", source))
    problems.sort(key=lambda p: (p.pointer, p.code))
    return problems
