"""The annotation guidelines stay in step with the schema, the phenomena list and the seed gold draft.

The guidelines must name every inventory value of the schema and every controlled phenomena tag, their event
type table must give the schema's roles, every rule must carry an example and a counter-example, and the drafts
they describe (the seed gold draft and the guidelines' own JSON example) must resolve without problems.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsbench.authoring import draft_to_document
from newsbench.ingest import ingest
from newsbench.model import Document
from newsbench.schema import inventory

ROOT = Path(__file__).resolve().parent.parent
GUIDELINES = ROOT / "annotations" / "GUIDELINES.md"
PHENOMENA = ROOT / "annotations" / "phenomena.json"
SEED_ID = "blinken-wang-yi-2022-02-22"
SEED_DRAFT = ROOT / "annotations" / "drafts" / f"{SEED_ID}.json"


@pytest.fixture(scope="module")
def text() -> str:
    return GUIDELINES.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def phenomena() -> dict[str, str]:
    return json.loads(PHENOMENA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_base() -> Document:
    docs, problems = ingest([ROOT / "seeds" / f"{SEED_ID}.txt"])
    assert not problems, [p.render() for p in problems]
    return docs[0]


def _inventory_values() -> list[tuple[str, str]]:
    inv = inventory()
    groups = {"label": inv.labels, "form": inv.forms, "event type": inv.event_types, "role": inv.roles,
              "polarity": inv.polarity, "tense": inv.tense, "genericity": inv.genericity,
              "modality": inv.modality, "quote kind": inv.quote_kinds, "stance polarity": inv.stance_polarities,
              "target kind": inv.target_kinds}
    return [(group, value) for group, values in groups.items() for value in values]


@pytest.mark.parametrize(("group", "value"), _inventory_values())
def test_guidelines_name_every_inventory_value(text: str, group: str, value: str) -> None:
    assert re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", text), \
        f"GUIDELINES.md never mentions the {group} {value!r} of the schema"


def test_guidelines_mention_every_phenomena_tag(text: str, phenomena: dict[str, str]) -> None:
    missing = [tag for tag in phenomena if f"`{tag}`" not in text]
    assert not missing, f"GUIDELINES.md does not define these phenomena tags: {missing}"


def test_guidelines_phenomena_table_matches_the_controlled_list(text: str, phenomena: dict[str, str]) -> None:
    rows = dict(re.findall(r"^\| `([a-z0-9-]+)` \| ([^|]+?) \|", text, re.M))
    assert sorted(rows) == sorted(phenomena), \
        f"the phenomena table and annotations/phenomena.json differ: {sorted(set(rows) ^ set(phenomena))}"
    stale = {tag: (rows[tag], description) for tag, description in phenomena.items() if rows[tag] != description}
    assert not stale, f"definitions differ between GUIDELINES.md and phenomena.json (table, json): {stale}"


def test_event_type_table_gives_the_schema_roles_and_modes(text: str) -> None:
    inv = inventory()
    rows = {m.group(1): m for m in re.finditer(r"^\| ([A-Z]+) \| [^|]+ \| ([^|]+) \| ([^|]+) \|$", text, re.M)}
    for event_type in inv.event_types:
        assert event_type in rows, f"no row for event type {event_type} in the event type table"
        roles = tuple(r.strip() for r in rows[event_type].group(2).split(","))
        modes = rows[event_type].group(3).strip()
        assert roles == inv.roles_by_type[event_type], f"{event_type}: table says {roles}"
        assert modes == (", ".join(inv.modes_by_type[event_type]) or "-"), f"{event_type}: table says {modes}"


def test_every_rule_has_an_example_and_a_counter_example(text: str) -> None:
    rules = re.split(r"\n(?=\*\*Rule [A-Z]+\d+)", text)[1:]
    assert len(rules) >= 30, f"expected the numbered rules of the guidelines, found {len(rules)}"
    for rule in rules:
        body = rule.split("\n\n**Rule", 1)[0].split("\n## ", 1)[0].split("\n### ", 1)[0]
        name = rule.split(":", 1)[0]
        assert re.search(r"^- Example", body, re.M), f"{name} has no example"
        assert re.search(r"^- Counter-example", body, re.M), f"{name} has no counter-example"


def _resolve(draft: dict, base: Document) -> list[str]:
    doc, problems = draft_to_document(draft, base, "test")
    return [p.render() for p in problems] + ([] if doc is not None or problems else ["no document"])


def test_seed_gold_draft_resolves_without_problems(seed_base: Document) -> None:
    draft = json.loads(SEED_DRAFT.read_text(encoding="utf-8"))
    assert draft["id"] == SEED_ID
    assert _resolve(draft, seed_base) == []


def test_seed_gold_draft_is_exhaustive_in_every_layer(seed_base: Document) -> None:
    doc, problems = draft_to_document(json.loads(SEED_DRAFT.read_text(encoding="utf-8")), seed_base, "test")
    assert doc is not None and not problems
    for layer in ("mentions", "clusters", "events", "event_clusters", "quotes", "stances"):
        assert getattr(doc, layer), f"the seed gold draft has no {layer}"
    # nothing is annotated in the truncated tail ("... of the so-cal")
    tail = doc.text.rindex("“independence”") + len("“independence”")
    assert all(m.span.end <= tail for m in doc.mentions)


def test_guidelines_json_example_resolves(text: str, seed_base: Document) -> None:
    block = re.search(r"```json\n(.*?)```", text, re.S)
    assert block, "GUIDELINES.md lost its JSON draft example"
    draft = json.loads(block.group(1))
    assert _resolve(draft, seed_base) == []


def test_seed_phenomena_match_the_gold_draft(seed_base: Document) -> None:
    doc, _ = draft_to_document(json.loads(SEED_DRAFT.read_text(encoding="utf-8")), seed_base, "test")
    assert doc is not None
    tags = set(json.loads((ROOT / "seeds" / f"{SEED_ID}.meta.json").read_text(encoding="utf-8"))["phenomena"])
    forms = {m.id: m.form for m in doc.mentions}
    shown = {
        "nested-quote": any(q.parent for q in doc.quotes),
        "mixed-quote": any(q.kind == "mixed" for q in doc.quotes),
        "indirect-quote": any(q.kind == "indirect" for q in doc.quotes),
        "pronoun-speaker": any(q.speaker and forms[q.speaker] == "PRO" for q in doc.quotes),
        "unattributed-quote": any(q.speaker is None for q in doc.quotes),
        "quote-around-cue": any(len(q.content) > 1 and q.cue and q.content[0].end <= q.cue.start
                                < q.content[-1].start for q in doc.quotes),
        "event-named-twice": bool(doc.event_clusters),
        "negated-event": any(e.polarity == "NEGATIVE" for e in doc.events),
        "generic-event": any(e.genericity == "GENERIC" for e in doc.events),
        "nominal-mention": any(m.form == "NOM" for m in doc.mentions),
        "nationality-adjective": any(m.label == "NORP" for m in doc.mentions),
        "neutral-stance": any(s.polarity == "NEUTRAL" for s in doc.stances),
    }
    for tag, present in shown.items():
        assert (tag in tags) == present, f"phenomenon {tag}: tagged={tag in tags}, present in the draft={present}"


def test_every_seed_uses_only_controlled_phenomena_tags(phenomena: dict[str, str]) -> None:
    metas = sorted((ROOT / "seeds").glob("*.meta.json"))
    assert metas, "no seed metadata found"
    for meta in metas:
        tags = json.loads(meta.read_text(encoding="utf-8")).get("phenomena", [])
        unknown = sorted(set(tags) - set(phenomena))
        assert not unknown, f"{meta.name}: tags {unknown} are not in annotations/phenomena.json"


def test_phenomena_list_is_well_formed(phenomena: dict[str, str]) -> None:
    assert len(phenomena) >= 19
    for tag, description in phenomena.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", tag), tag
        assert description.strip(), f"{tag} has no description"
