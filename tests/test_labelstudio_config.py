"""The labeling config: generated from the schema's inventories, committed current, complete."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from newsbench.cli import main
from newsbench.labelstudio import config as C
from newsbench.schema import inventory

ROOT = Path(__file__).resolve().parent.parent


def _tree() -> ET.Element:
    return ET.fromstring(C.label_config())


def test_committed_config_is_current() -> None:
    assert (ROOT / "schema" / "label_config.xml").read_text(encoding="utf-8") == C.label_config()


def _values(tag: str, name: str, child: str) -> list[str]:
    node = next(n for n in _tree().iter(tag) if n.get("name") == name)
    return [c.get("value") for c in node.iter(child)]


def test_every_inventory_value_is_selectable_in_the_ui() -> None:
    inv = inventory()
    assert _values("Labels", "mention", "Label") == list(inv.labels)
    assert _values("Labels", "trigger", "Label") == list(inv.event_types)
    assert _values("Choices", "form", "Choice") == list(inv.forms)
    for name, values in [("polarity", inv.polarity), ("tense", inv.tense), ("genericity", inv.genericity),
                         ("modality", inv.modality), ("quote_kind", inv.quote_kinds),
                         ("stance_polarity", inv.stance_polarities)]:
        assert _values("Choices", name, "Choice") == list(values)
    assert set(_values("Choices", "mode", "Choice")) == {m for ms in inv.modes_by_type.values() for m in ms}
    relations = _values("Relations", "relations", "Relation")
    assert set(inv.roles) <= set(relations) and set(C.LINKS) <= set(relations)
    assert len(relations) == len(set(relations))


def test_per_region_controls_are_shown_only_for_their_regions() -> None:
    seen = set()
    for view in _tree().findall("View"):
        for control in list(view.iter("Choices")) + list(view.iter("TextArea")):
            owner = C.CHOICE_CONTROLS.get(control.get("name")) or C.TEXT_CONTROLS[control.get("name")]
            assert control.get("perRegion") == "true"
            assert view.get("visibleWhen") == "region-selected" and view.get("whenTagName") == owner
            seen.add(control.get("name"))
    assert seen == set(C.CHOICE_CONTROLS) | set(C.TEXT_CONTROLS)


def test_config_command_check_and_write(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    stale = tmp_path / "label_config.xml"
    stale.write_text("<View/>\n", encoding="utf-8")
    assert main(["labelstudio", "config", "--check", "--output", str(stale)]) == 1
    assert main(["labelstudio", "config", "--output", str(stale)]) == 0
    assert main(["labelstudio", "config", "--check", "--output", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == C.label_config()
    capsys.readouterr()
    assert main(["labelstudio", "config", "--output", "-"]) == 0
    assert capsys.readouterr().out == C.label_config()
