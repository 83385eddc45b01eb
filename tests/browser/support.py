"""What the browser tests share: Debian's Chromium through Playwright, a local server for a
built site, and axe-core (from the axe-playwright-python package, which ships axe.min.js)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
# As root, with a closed network: no sandbox, and no background connections that would be refused.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_missing() -> str | None:
    """Why browser tests cannot run here, or None. Where REQUIRE_BROWSER is set (CI) they must."""
    if Path(CHROMIUM).exists():
        return None
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(f"Debian's chromium is required here (REQUIRE_BROWSER is set) but {CHROMIUM} is missing", pytrace=False)
    return "Debian's chromium is not installed (apt-get install chromium)"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 for the duration; yields its base URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextlib.contextmanager
def launch_chromium():
    """Debian's Chromium driven by Playwright (no browser download: executable_path)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_source() -> str:
    axe = pytest.importorskip("axe_playwright_python")
    return (Path(axe.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


AXE_RUN = "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"


def set_scheme(page, scheme: str) -> None:
    """Switch the palette and wait for the theme's colour transitions to end, so that axe
    measures the colours a reader sees, not ones half way between the two palettes."""
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    # allSettled: a transition the theme cancels (its tabs, as the page settles) ends too, rejecting its promise
    page.evaluate("Promise.allSettled(document.getAnimations().map(animation => animation.finished))")
