"""The command line: ingest, validate, schema, ``python -m newsbench``, help for every command, lazy imports."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from newsbench.cli import COMMANDS, build_parser, main
from newsbench.paths import schema_path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
VALID = FIXTURES / "valid" / "blinken-wang-yi-2022-02-22.json"
EXPECTED = json.loads((FIXTURES / "invalid" / "expected.json").read_text(encoding="utf-8"))
HEAVY = ("datasets", "spacy", "label_studio_sdk", "matplotlib", "pyarrow", "numpy", "torch")


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsbench", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, input=stdin, timeout=120)


def test_ingest_writes_documents_that_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "docs.jsonl"
    seeds = sorted((ROOT / "seeds").rglob("*.txt"))
    assert main(["ingest", "seeds", "--output", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"ingested {len(seeds)} document(s), 0 problem(s)" in err
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [p.stem for p in seeds]
    (rec,) = [r for r in records if r["id"] == "blinken-wang-yi-2022-02-22"]
    assert rec["metadata"]["header_length"] == 17
    assert main(["validate", str(out)]) == 0
    n = len(seeds)
    assert capsys.readouterr().err.strip() == f"{n} record(s): {n} valid, 0 invalid, 0 problem(s)"


def test_ingest_to_stdout_and_broken_seed_exit_1(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(" date 2022-01-01 Body.", encoding="utf-8")
    (tmp_path / "bad.txt").write_text("no header", encoding="utf-8")
    result = _run("ingest", str(tmp_path))
    assert result.returncode == 1
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == ["good"]
    assert "bad.txt" in result.stderr and "[seed-no-header]" in result.stderr
    assert "ingested 1 document(s), 1 problem(s)" in result.stderr


def test_validate_valid_file_one_line_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(VALID)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == ["1 record(s): 1 valid, 0 invalid, 0 problem(s)"]


def test_validate_prints_every_problem_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in (FIXTURES / "invalid").glob("*.json*") if p.name != "expected.json")
    assert main(["validate", str(VALID), *files]) == 1
    err = capsys.readouterr().err.splitlines()
    want = sum(len(v) for v in EXPECTED.values())
    assert len(err) == want + 1
    assert err[-1].endswith(f"problem(s)") and f"{want} problem(s)" in err[-1]
    for name, expected in EXPECTED.items():
        for e in expected:
            assert any(name in line and f"[{e['code']}]" in line and f" {e['pointer'] or '/'}:" in line
                       for line in err), (name, e)


def test_validate_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "invalid" / "structural-several.json"
    assert main(["validate", "--json", str(path)]) == 1
    captured = capsys.readouterr()
    problems = json.loads(captured.out)
    assert sorted((p["code"], p["pointer"]) for p in problems) == sorted(
        (e["code"], e["pointer"]) for e in EXPECTED["structural-several.json"])
    assert set(problems[0]) == {"doc_id", "pointer", "code", "message", "source", "severity"}
    assert all(p["doc_id"] == "structural-several" for p in problems)
    assert main(["validate", "--json", str(VALID)]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_validate_a_missing_file_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["validate", str(tmp_path / "missing.jsonl")]) in (1, 2)
    assert "missing.jsonl" in capsys.readouterr().err


def test_schema_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert capsys.readouterr().out.strip() == str(schema_path())
    assert main(["schema", "--print"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_python_dash_m_and_usage_errors() -> None:
    result = _run("schema")
    assert result.returncode == 0 and result.stdout.strip().endswith("annotation.schema.json")
    assert _run().returncode == 2  # no command: help on stderr, usage exit code
    result = _run("validate", "--no-such-option", "x")
    assert result.returncode == 2 and "unrecognized arguments" in result.stderr
    result = _run("--version")
    assert result.returncode == 0 and result.stdout.startswith("newsbench ")


def _parsers() -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every command's parser, subcommands included (``labelstudio tasks``), by its full name."""
    def walk(name: str, parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs or name:
            yield name, parser
        for action in subs:
            for sub_name, sub in action.choices.items():
                yield from walk(f"{name} {sub_name}".strip(), sub)
    yield from (item for item in walk("", build_parser()) if item[0])


def test_every_registered_command_is_in_the_parser() -> None:
    names = {name.split()[0] for name, _ in _parsers()}
    assert set(COMMANDS) <= names


@pytest.mark.parametrize("name", [name for name, _ in _parsers()])
def test_every_command_has_help_with_an_example(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*name.split(), "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    assert f"usage: newsbench {name}" in text
    example = [line for line in text.splitlines() if "example" in line.lower()]
    assert example, f"'newsbench {name} --help' shows no example"
    assert f"newsbench {name.split()[0]}" in text.split(example[0], 1)[1] + example[0]


def test_help_does_not_import_heavy_libraries() -> None:
    names = sorted({name for name, _ in _parsers()})
    code = (
        "import sys\n"
        "from newsbench.cli import main\n"
        f"for argv in [['--help']] + [n.split() + ['--help'] for n in {names!r}]:\n"
        "    try:\n"
        "        main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"print('HEAVY=' + ','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "HEAVY=", "heavy imports at --help time"


def test_the_readme_documents_every_command_and_the_quick_start() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"| `newsbench {name}" in readme, f"README's command table lacks {name}"
    assert ("python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/newsbench build && "
            ".venv/bin/newsbench bench") in readme
    assert "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest" in readme
    for code in ("span-out-of-range", "span-empty", "span-text-mismatch", "duplicate-id", "unknown-reference",
                 "mention-in-two-clusters", "role-not-allowed", "mode-not-allowed", "quote-content-overlap",
                 "duplicate-mention", "quote-parent-cycle", "event-in-two-clusters", "duplicate-document"):
        assert f"`{code}`" in readme
