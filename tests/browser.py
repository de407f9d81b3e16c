"""A real headless Chromium (Debian's package) driven by Playwright, for tests that look at pages.

The browser runs with the flags this machine needs (no sandbox as root, no GPU, no background networking);
every request that is not a local file is aborted and recorded, so a page that needs the network fails.
Skipped with a visible reason where Chromium or Playwright is missing (a failure under CI=true).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pytest

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass
class LoadedPage:
    page: Any
    console_errors: list[str] = field(default_factory=list)
    network_requests: list[str] = field(default_factory=list)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


class Browser:
    def __init__(self, browser: Any):
        self._browser = browser

    def open(self, path: Path) -> LoadedPage:
        page = self._browser.new_page(viewport={"width": 1200, "height": 900})
        loaded = LoadedPage(page)
        page.on("console", lambda msg: loaded.console_errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: loaded.console_errors.append(str(exc)))

        def block(route: Any) -> None:
            url = route.request.url
            if url.startswith(("file:", "data:")):
                route.continue_()
            else:
                loaded.network_requests.append(url)
                route.abort()

        page.route("**/*", block)
        page.goto(path.resolve().as_uri(), wait_until="load")
        return loaded


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("no chromium on PATH: install Debian's 'chromium' package (.ci/run does)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=FLAGS[1:], headless=True)
        try:
            yield Browser(b)
        finally:
            b.close()
