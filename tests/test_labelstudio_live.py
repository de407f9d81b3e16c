"""Against a real Label Studio server: our config, tasks with predictions, annotations by several annotators
through the API, the snapshot export, and the import giving back exactly the gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbench.cli import main
from newsbench.labelstudio import config as C
from newsbench.labelstudio.export import read_export
from newsbench.labelstudio.server import free_port
from newsbench.records import read_jsonl, write_jsonl

pytestmark = pytest.mark.labelstudio
FIXTURES = Path(__file__).parent / "fixtures" / "labelstudio"
GOLD = read_jsonl(FIXTURES / "gold.jsonl")
FIRST = GOLD[0]


def _run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def token_env(labelstudio, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", labelstudio.token)
    return labelstudio


def test_the_server_accepts_our_config_with_every_control(labelstudio) -> None:  # type: ignore[no-untyped-def]
    project = labelstudio.client.projects.create(title="config check", label_config=C.label_config())
    parsed = labelstudio.client.projects.get(project.id).parsed_label_config
    expected = set(C.label_values()) | set(C.choice_values()) | set(C.TEXT_CONTROLS) | {C.RELATIONS}
    assert expected <= set(parsed)
    assert parsed["mention"]["labels"] == list(C.label_values()["mention"])


def test_round_trip_through_the_server(token_env, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:  # type: ignore[no-untyped-def]
    url = token_env.url
    docs = tmp_path / "docs.jsonl"
    unannotated = GOLD[-1].without_annotations().replace(id="nobody-annotated-this")
    write_jsonl(GOLD + [unannotated], docs)
    preds = tmp_path / "pred.jsonl"
    write_jsonl([GOLD[-1]], preds)
    code, out, err = _run(capsys, "labelstudio", "push", str(docs), "--url", url, "--title", "round trip",
                          "--predictions", str(preds), "--model-version", "gold-v1")
    assert code == 0, err
    project = json.loads(out)["project"]
    assert json.loads(out)["tasks"] == 4

    gold_file = tmp_path / "gold.jsonl"
    write_jsonl(GOLD, gold_file)
    second = FIRST.replace(stances=FIRST.stances[:1])  # another annotator's (different) version of one task
    second_file = tmp_path / "second.jsonl"
    write_jsonl([second], second_file)
    for args in (["--input", str(gold_file), "--annotator", "lead@example.com", "--ground-truth"],
                 ["--input", str(second_file), "--annotator", "second@example.com"],
                 ["--input", str(second_file), "--annotator", "third@example.com", "--cancelled"]):
        code, out, err = _run(capsys, "labelstudio", "annotate", "--url", url, "--project", str(project), *args)
        assert code == 0, err

    export = tmp_path / "annotations" / "export.json"
    code, out, err = _run(capsys, "labelstudio", "pull", "--url", url, "--project", str(project),
                          "--output", str(export))
    assert code == 0, err

    result = read_export(export)
    assert result.problems == []
    # the second annotation is newer, but the ground-truth flag wins under the default policy
    assert [d.replace(provenance=None) for d in result.documents] == GOLD
    assert {d.provenance.annotator for d in result.documents} == {"lead@example.com"}
    versions = {d.provenance.annotator: d.replace(provenance=None) for d in result.annotations[FIRST.id]}
    assert versions == {"lead@example.com": FIRST, "second@example.com": second}
    c = result.counts
    assert (c["tasks"], c["annotations"], c["cancelled"], c["predictions"], c["tasks_without_annotations"],
            c["documents"], c["results_rejected"]) == (4, 5, 1, 1, 1, 3, 0)
    latest = read_export(export, policy="latest")
    assert latest.documents[0].replace(provenance=None) == second

    code, out, err = _run(capsys, "labelstudio", "import", str(export), "--output", str(tmp_path / "back.jsonl"))
    assert code == 0, err
    assert read_jsonl(tmp_path / "back.jsonl") == result.documents

    # pushing again into the same project updates its config and adds the tasks
    more = tmp_path / "more.jsonl"
    write_jsonl([FIRST.without_annotations().replace(id="one-more")], more)
    code, out, err = _run(capsys, "labelstudio", "push", str(more), "--url", url, "--project", str(project))
    assert code == 0, err
    assert json.loads(out) == {"project": project, "tasks": 1}
    assert len(list(token_env.client.tasks.list(project=project))) == 5


def test_wrong_token_and_unreachable_server_give_a_clear_error(labelstudio, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                                               capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", "not-the-token-123")
    code, out, err = _run(capsys, "labelstudio", "pull", "--url", labelstudio.url, "--project", "1")
    assert code == 1 and "rejected the API token (HTTP 401)" in err
    assert "Traceback" not in err and "not-the-token-123" not in err + out
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", labelstudio.token)
    code, out, err = _run(capsys, "labelstudio", "pull", "--url", f"http://127.0.0.1:{free_port()}",
                          "--project", "1")
    assert code == 1 and "cannot reach Label Studio" in err and "Traceback" not in err
    assert labelstudio.token not in err + out
    monkeypatch.delenv("LABEL_STUDIO_API_KEY")
    code, out, err = _run(capsys, "labelstudio", "pull", "--url", labelstudio.url, "--project", "1")
    assert code == 1 and "LABEL_STUDIO_API_KEY" in err
