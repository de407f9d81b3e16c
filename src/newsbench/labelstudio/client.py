"""Talking to a running Label Studio through label-studio-sdk (imported lazily): push, pull, annotate.

The token comes from LABEL_STUDIO_API_KEY (or the caller) and is never printed: every SDK or network error is
turned into a NewsbenchError that names the URL and the HTTP status only. Loopback traffic never goes through
a proxy (the httpx client ignores proxy variables).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..model import Document
from ..problems import NewsbenchError
from .config import label_config
from .convert import document_to_results
from .tasks import make_tasks

TOKEN_VARIABLE = "LABEL_STUDIO_API_KEY"
SNAPSHOT_OPTIONS = {"predictions": {"only_id": False}, "drafts": {"only_id": False},
                    "annotations__completed_by": {"only_id": False}}


@contextlib.contextmanager
def api_errors(url: str, doing: str) -> Iterator[None]:
    """Turn SDK and network errors into a NewsbenchError without a traceback or the token."""
    import httpx
    from label_studio_sdk.core.api_error import ApiError

    try:
        yield
    except ApiError as exc:
        status = exc.status_code
        if status in (401, 403):
            raise NewsbenchError(f"{doing}: Label Studio at {url} rejected the API token (HTTP {status}); set "
                                 f"{TOKEN_VARIABLE} to a valid token (Account & Settings > Access Token)") from None
        detail = str(exc.body)[:300] if exc.body is not None else ""
        raise NewsbenchError(f"{doing}: Label Studio at {url} answered HTTP {status}: {detail}") from None
    except httpx.HTTPError as exc:
        raise NewsbenchError(f"{doing}: cannot reach Label Studio at {url} ({type(exc).__name__}: {exc}); is the "
                             f"server running? (newsbench labelstudio serve)") from None


def connect(url: str, token: str | None = None, timeout: float = 60) -> Any:
    """A label_studio_sdk client for ``url``, checked with one request (whoami)."""
    import httpx
    from label_studio_sdk.client import LabelStudio

    token = token or os.environ.get(TOKEN_VARIABLE)
    if not token:
        raise NewsbenchError(f"no API token: set {TOKEN_VARIABLE} (it is read from the environment only, so it "
                             f"never shows in a command line or log)")
    url = url.rstrip("/")
    with api_errors(url, "connecting"):
        client = LabelStudio(base_url=url, api_key=token,
                             httpx_client=httpx.Client(trust_env=False, timeout=timeout, follow_redirects=True))
        client.users.whoami()
    client.newsbench_url = url  # type: ignore[attr-defined]  # for error messages
    return client


def _url(client: Any) -> str:
    return getattr(client, "newsbench_url", "the server")


def push(client: Any, docs: Iterable[Document], *, title: str = "newsbench", project: int | None = None,
         predictions: Mapping[str, Document] | None = None, model_version: str | None = None,
         batch: int = 200) -> tuple[int, int]:
    """Create (or update the config of) a project and import tasks: (project id, tasks imported)."""
    config = label_config()
    with api_errors(_url(client), "pushing"):
        if project is None:
            project = client.projects.create(title=title, label_config=config).id
        else:
            client.projects.update(project, label_config=config)
        tasks = make_tasks(docs, predictions, model_version)
        for i in range(0, len(tasks), batch):
            client.projects.import_tasks(project, request=tasks[i:i + batch])
    return int(project), len(tasks)  # type: ignore[arg-type]


def pull(client: Any, project: int, out: Path, *, timeout: float = 600) -> Path:
    """Download a snapshot export of every task with full objects (predictions, drafts, annotators) to ``out``."""
    with api_errors(_url(client), "pulling"):
        export = client.projects.exports.create(project, title="newsbench pull",
                                                serialization_options=SNAPSHOT_OPTIONS)
        deadline = time.monotonic() + timeout
        while True:
            status = client.projects.exports.get(project, export.id).status
            if status == "completed":
                break
            if status == "failed" or time.monotonic() > deadline:
                raise NewsbenchError(f"the snapshot export {export.id} of project {project} {status or 'timed out'}")
            time.sleep(0.3)
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(out.name + ".part")
        with open(partial, "wb") as fh:
            fh.writelines(client.projects.exports.download(project, export.id, export_type="JSON"))
        partial.replace(out)
    return out


def user_id(client: Any, email: str, create: bool = True) -> int:
    """The id of the user with ``email``, created (without a usable password) when missing."""
    for user in client.users.list():
        if (user.email or "").lower() == email.lower():
            return int(user.id)
    if not create:
        raise NewsbenchError(f"no Label Studio user {email!r}")
    username = email.split("@")[0] or email
    return int(client.users.create(username=username, email=email).id)


def task_ids(client: Any, project: int) -> dict[str, int]:
    """Our document id (data.id) -> Label Studio task id, for every task of a project."""
    out: dict[str, int] = {}
    for task in client.tasks.list(project=project, page_size=500):
        data = task.data or {}
        if isinstance(data.get("id"), str):
            out[data["id"]] = int(task.id)
    return out


def annotate(client: Any, project: int, docs: Iterable[Document], annotator: str, *, ground_truth: bool = False,
             cancelled: bool = False) -> dict[str, int]:
    """Create one annotation per document on its task (matched by data.id) as user ``annotator``."""
    counts = {"created": 0, "no_task": 0}
    with api_errors(_url(client), "annotating"):
        uid = user_id(client, annotator)
        by_doc = task_ids(client, project)
        for doc in docs:
            tid = by_doc.get(doc.id)
            if tid is None:
                counts["no_task"] += 1
                continue
            client.annotations.create(tid, result=[] if cancelled else document_to_results(doc), completed_by=uid,
                                      ground_truth=ground_truth, was_cancelled=cancelled)
            counts["created"] += 1
    return counts
