"""Pytest plugin: a real Label Studio server for the integration tests (session fixture ``labelstudio``).

Label Studio runs from its own venv (created under ~/.cache/newsbench when missing), on a free 127.0.0.1 port,
offline, with a copy of a migrated template data dir so a warm session starts in seconds. When it cannot start the
tests are skipped with the reason (tests/conftest.py turns that skip into a failure under CI=true). The fixture
stops only the process it started.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

TOKEN = "newsbench-test-token-0001"
PASSWORD = "newsbench-test-password"


@dataclass
class LabelStudioServer:
    url: str
    token: str
    client: Any
    data_dir: Path
    started_in: float


@pytest.fixture(scope="session")
def labelstudio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabelStudioServer]:
    from newsbench.labelstudio import server
    from newsbench.problems import NewsbenchError

    data_dir = tmp_path_factory.mktemp("labelstudio") / "data"
    t0 = time.monotonic()
    try:
        srv = server.start(data_dir, token=TOKEN, password=PASSWORD,
                           timeout=float(os.environ.get("NEWSBENCH_LS_TIMEOUT", "180")))
    except (NewsbenchError, OSError) as exc:
        pytest.skip(f"Label Studio {server.VERSION} could not be started here: {exc}")
    try:
        from newsbench.labelstudio.client import connect

        client = connect(srv.url, TOKEN)
        yield LabelStudioServer(srv.url, TOKEN, client, data_dir, time.monotonic() - t0)
    finally:
        srv.stop()
