"""Installed use: the wheel carries corpus/ and schema/, and ``newsbench.load`` reads every config from the installed
copy, offline, outside any checkout.

The wheel is built (hatchling, no build isolation) from a copy of the project whose corpus/ is the fixture corpus,
and installed with ``--no-deps`` into a fresh venv that borrows this venv's third-party packages through a
``.pth`` line (so nothing is downloaded and the editable newsbench install is not visible).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from newsbench import hf
from newsbench.build import build_from_documents

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

PROBE = r"""
import json, sys
import newsbench
from newsbench.corpus import corpus_dir, documents
out = {"module": newsbench.__file__, "corpus": str(corpus_dir()), "configs": {}}
for config in json.loads(sys.argv[1]):
    ds = newsbench.load(config)
    out["configs"][config] = {split: [len(d), d.features == __import__("newsbench.hf").hf.features(config)]
                              for split, d in ds.items()}
out["test"] = len(newsbench.load("documents", split="test"))
out["documents"] = sorted(d.id for d in documents())
print(json.dumps(out))
"""


def test_the_installed_wheel_loads_every_config_offline(tmp_path: Path) -> None:
    from test_hf import fixture_documents

    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "schema", project / "schema")
    docs = fixture_documents()
    build_from_documents(docs, project / "corpus", split_of={"valdoria-talks": "train", "kelvar-protest": "test"})

    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(project)],
                   check=True, capture_output=True, text=True)
    wheel = next(dist.glob("newsbench-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "newsbench/_data/schema/annotation.schema.json" in names
    assert "newsbench/_data/corpus/README.md" in names
    assert "newsbench/_data/corpus/documents/train-00000-of-00001.parquet" in names

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet",
                    "--target", str(site), str(wheel)], check=True, capture_output=True, text=True)

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1", HF_HOME=str(tmp_path / "hf"),
               HF_DATASETS_DISABLE_PROGRESS_BARS="1")
    run = subprocess.run([str(python), "-c", PROBE, json.dumps(list(hf.CONFIGS))], cwd=tmp_path, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout.splitlines()[-1])
    assert out["module"].startswith(str(site)), out["module"]  # the installed copy, not the checkout
    assert out["corpus"] == str(site / "newsbench" / "_data" / "corpus")
    for config in hf.CONFIGS:
        assert set(out["configs"][config]) == {"train", "test"}
        assert all(n > 0 and same for n, same in out["configs"][config].values()), (config, out["configs"][config])
    assert out["test"] == 1
    assert out["documents"] == sorted(d.id for d in docs)
