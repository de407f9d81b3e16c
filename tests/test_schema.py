"""The annotation schema itself: Draft 2020-12, documented, and the inventories the issue asks for."""

from __future__ import annotations

from typing import Any, Iterator

import jsonschema
import pytest

from newsbench.schema import descriptions, inventory, load_schema

ONTONOTES = ("PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
             "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL")
PLOVER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
SCHEMA = load_schema()


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert inventory().version == SCHEMA["x-schema-version"]


def _properties(node: Any, at: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{at}/properties/{name}", sub
        for key, sub in node.items():
            if key != "properties":
                yield from _properties(sub, f"{at}/{key}")
        for name, sub in node.get("properties", {}).items():
            yield from _properties(sub, f"{at}/properties/{name}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _properties(sub, f"{at}/{i}")


def test_every_field_and_definition_is_described() -> None:
    undescribed = [at for at, sub in _properties(SCHEMA)
                   if "description" not in sub and "$ref" not in sub and not any(k in at for k in ("/if/", "/then/", "/else/"))]
    assert undescribed == []
    assert [name for name, d in SCHEMA["$defs"].items() if "description" not in d] == []
    for name in ("label", "form", "event_type", "role", "polarity", "tense", "genericity", "modality",
                 "quote_kind", "stance_polarity"):
        assert all(descriptions(name).values()), name


def test_the_span_convention_is_stated() -> None:
    text = SCHEMA["description"] + SCHEMA["$defs"]["span"]["properties"]["start"]["description"]
    assert "code points" in text and "end-exclusive" in text
    assert SCHEMA["$defs"]["span"]["required"] == ["start", "end", "text"]


def test_inventories() -> None:
    inv = inventory()
    assert inv.labels == ONTONOTES
    assert inv.forms == ("NAM", "NOM", "PRO")
    assert inv.event_types[:16] == PLOVER
    assert {"CASUALTY", "PERSONNEL", "ELECTION", "ENACTMENT"} <= set(inv.event_types)
    assert inv.polarity == ("POSITIVE", "NEGATIVE")
    assert inv.tense == ("PAST", "PRESENT", "FUTURE", "UNSPECIFIED")
    assert inv.genericity == ("SPECIFIC", "GENERIC")
    assert inv.modality == ("ASSERTED", "OTHER")
    assert inv.quote_kinds == ("direct", "indirect", "mixed")
    assert inv.stance_polarities == ("FAVOR", "AGAINST", "NEUTRAL")
    assert inv.target_kinds == ("cluster", "event", "topic")
    assert inv.subsets == ("news", "challenge")
    assert inv.passage_types == ("title", "heading", "paragraph")


@pytest.mark.parametrize("event_type", inventory().event_types)
def test_every_event_type_has_roles_and_a_description(event_type: str) -> None:
    inv = inventory()
    roles = inv.roles_by_type[event_type]
    assert {"Actor", "Place", "Time"} <= set(roles) <= set(inv.roles)
    assert len(set(roles)) == len(roles)
    assert len(descriptions("event_type")[event_type]) > 20


def test_type_specific_roles_and_plover_modes() -> None:
    inv = inventory()
    assert "Victim" in inv.roles_by_type["ASSAULT"] and "Victim" not in inv.roles_by_type["CONSULT"]
    assert "Instrument" in inv.roles_by_type["AID"] and "Topic" in inv.roles_by_type["AGREE"]
    assert set(inv.modes_by_type["CONSULT"]) == {"visit", "third-party", "multilateral", "phone"}
    assert {"convict", "expel"} <= set(inv.modes_by_type["SANCTION"])
    assert inv.modes_by_type["AGREE"] == ()


@pytest.mark.parametrize("item", ["mention", "cluster", "argument", "event", "event_cluster", "quote", "stance"])
def test_every_item_may_carry_an_optional_score(item: str) -> None:
    d = SCHEMA["$defs"][item]
    assert d["properties"]["score"]["type"] == "number"
    assert "score" not in d.get("required", [])


def test_wikidata_ids_and_required_metadata() -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA["$defs"]["cluster"]["properties"]["wikidata"])
    assert validator.is_valid("Q212") and validator.is_valid(None)
    assert not validator.is_valid("212") and not validator.is_valid("Q0")
    assert set(SCHEMA["$defs"]["metadata"]["required"]) == {"date", "source", "subset", "title", "language",
                                                           "license", "phenomena"}
    assert set(SCHEMA["$defs"]["provenance"]["properties"]) >= {"annotator", "file", "task", "annotation"}
