"""A local, offline Label Studio server: its venv, a migrated template data dir, and start/stop of one process.

Label Studio's pins clash with ours, so it lives in its own venv under ~/.cache/newsbench/ls-<version> (created
on demand). Migrating a fresh database takes up to a minute, so one migrated data dir per version is kept as a
template and copied for each server. The environment is scrubbed of variables Label Studio would read as its own
settings (HOST, PORT, ...) and of everything that phones home (Sentry, the version check, analytics).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ..problems import NewsbenchError

VERSION = "1.23.2"
ADMIN_EMAIL = "admin@example.com"
# Read by Label Studio as LABEL_STUDIO_X, HEARTEX_X or plain X: a stray value in our environment changes the server.
_STRAY = ("HOST", "PORT", "USERNAME", "PASSWORD", "DEBUG", "DATABASE_NAME", "DJANGO_DB", "LABEL_STUDIO_HOST",
          "LABEL_STUDIO_PORT")


def cache_dir() -> Path:
    return Path(os.environ.get("NEWSBENCH_CACHE", Path.home() / ".cache" / "newsbench"))


def venv_dir(version: str = VERSION) -> Path:
    return cache_dir() / f"ls-{version}"


def executable(version: str = VERSION) -> Path:
    return venv_dir(version) / "bin" / "label-studio"


def ensure_installed(version: str = VERSION) -> Path:
    """The label-studio executable of ``version``, installing it into its own venv when missing (~1 GB, ~1 min)."""
    exe = executable(version)
    if exe.exists():
        return exe
    venv = venv_dir(version)
    venv.parent.mkdir(parents=True, exist_ok=True)
    import fcntl

    with open(venv.parent / f".ls-{version}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two test sessions must not build the same venv at once
        if exe.exists():
            return exe
        # venv scripts hard-code their own path, so it is built in place and removed again when pip fails
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
            subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", f"label-studio=={version}"],
                           check=True, capture_output=True, timeout=1800)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
            shutil.rmtree(venv, ignore_errors=True)
            detail = (getattr(exc, "stderr", None) or b"").decode(errors="replace")[-500:]
            raise NewsbenchError(f"could not install label-studio=={version} into {venv}: {detail or exc}") from exc
    return exe


def server_env(data_dir: Path, token: str, password: str) -> dict[str, str]:
    """The environment of a headless, offline server whose admin has the legacy API token ``token``."""
    env = {k: v for k, v in os.environ.items() if k not in _STRAY and not k.startswith("LABEL_STUDIO_")}
    env.update({
        "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir),
        "DJANGO_DB": "sqlite",
        "LABEL_STUDIO_USERNAME": ADMIN_EMAIL,
        "LABEL_STUDIO_PASSWORD": password,
        "LABEL_STUDIO_USER_TOKEN": token,
        "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
        "SENTRY_DSN": "",
        "FRONTEND_SENTRY_DSN": "",
        "LATEST_VERSION_CHECK": "false",
        "COLLECT_ANALYTICS": "false",
        "NO_PROXY": "127.0.0.1,localhost",
    })
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _healthy(url: str) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback never goes through a proxy
    try:
        with opener.open(f"{url}/health", timeout=2) as resp:
            return resp.status == 200
    except (urllib.error.URLError, OSError):
        return False


@dataclass
class Server:
    """One running server process (started by ``start``)."""

    url: str
    token: str
    data_dir: Path
    process: subprocess.Popen  # type: ignore[type-arg]
    log_path: Path

    def stop(self, timeout: float = 20) -> None:
        """SIGTERM this server's process (and only it), then SIGKILL if it does not exit."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


def template_dir(token: str, password: str, version: str = VERSION) -> Path:
    """The template of one (version, admin token, password): the token is fixed when the database is created."""
    import hashlib

    key = hashlib.sha256(f"{token}\0{password}".encode()).hexdigest()[:12]
    return cache_dir() / f"ls-{version}-template-{key}"


def ensure_template(token: str, password: str, version: str = VERSION, timeout: float = 240) -> Path:
    """A migrated data dir with the admin user and its token, built once per version by ``label-studio init``."""
    done = template_dir(token, password, version)
    if (done / "label_studio.sqlite3").exists():
        return done
    exe = ensure_installed(version)
    building = done.with_name(done.name + f".building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    env = server_env(building, token, password)
    proc = subprocess.run([str(exe), "init", "--quiet", "--no-browser", "--username", ADMIN_EMAIL, "--password",
                           password, "--user-token", token, "--enable-legacy-api-token", "--data-dir",
                           str(building)], env=env, capture_output=True, timeout=timeout, cwd=building)
    if proc.returncode != 0 or not (building / "label_studio.sqlite3").exists():
        tail = (proc.stderr or b"").decode(errors="replace")[-800:]
        raise NewsbenchError(f"label-studio init failed (exit {proc.returncode}): {tail}")
    try:
        building.rename(done)
    except OSError:  # another process finished first; theirs is as good as ours
        shutil.rmtree(building, ignore_errors=True)
    return done


def start(data_dir: Path, *, token: str, password: str, port: int | None = None, version: str = VERSION,
          timeout: float = 120, template: bool = True) -> Server:
    """Start a server on 127.0.0.1 with ``data_dir`` (seeded from the migrated template when it is empty)."""
    exe = ensure_installed(version)
    data_dir.mkdir(parents=True, exist_ok=True)
    if template and not (data_dir / "label_studio.sqlite3").exists():
        shutil.copytree(ensure_template(token, password, version), data_dir, dirs_exist_ok=True)
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = data_dir / "server.log"
    log = open(log_path, "ab")
    # --debug: a busy port is an error instead of a silent move to port+1.
    proc = subprocess.Popen([str(exe), "start", "--no-browser", "--debug", "--internal-host", "127.0.0.1",
                             "--port", str(port), "--data-dir", str(data_dir)],
                            env=server_env(data_dir, token, password), stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, cwd=data_dir)
    log.close()
    server = Server(url, token, data_dir, proc, log_path)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log_path.read_text(errors="replace")[-1500:]
            raise NewsbenchError(f"Label Studio exited with code {proc.returncode} before it was healthy; "
                                 f"log {log_path}:\n{tail}")
        if _healthy(url):
            return server
        time.sleep(0.3)
    server.stop()
    raise NewsbenchError(f"Label Studio did not answer {url}/health within {timeout:.0f} s; see {log_path}")
