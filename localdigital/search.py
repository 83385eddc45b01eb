"""Search: the index the site's search box reads, built over the rendered pages.

Pagefind (PyPI `pagefind[extended]`, which ships its binary) reads the built HTML and writes
a split index to `pagefind/` in the site: the browser downloads only the parts a query needs.
Only each page's main content is indexed (`data-pagefind-body`, set with the page type as a
filter by overrides/main.html), so the navigation, header and footer are not.
The binary runs as its own process, so its memory is given back as soon as it ends.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

BUNDLE = "pagefind"  # the folder in the site, read by docs/assets/javascripts/search.js
TIMEOUT = 600  # seconds; 5,000 pages take about 15


# Items, listings, principles and the hand-written pages; not the facet pages
# (projects/by_service/…/), which only repeat their listing's rows, nor 404.html.
PAGES = "{index.html,*/index.html,*/*/index.html}"


def build_index(site: Path) -> list[str]:
    """Index the built site in place. Returns problems as plain sentences (empty when fine)."""
    return finish_index(start_index(site))


def start_index(site: Path) -> subprocess.Popen | list[str]:
    """Start Pagefind on the built site and return at once, so the audits can run beside it
    (finish_index waits for it); problems as sentences when it cannot start."""
    if not site.is_dir():
        return [f"search: there is no built site at {site} to index."]
    has_binary = any(importlib.util.find_spec(name) for name in ("pagefind_bin_extended", "pagefind_bin"))
    if importlib.util.find_spec("pagefind") is None or not has_binary:
        return ["search: Pagefind is not installed, so the search index was not built. "
                "Install the locked packages (make site does this), or `pip install 'pagefind[extended]'`."]
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE, "--glob", PAGES,
               "--silent"]
    # Run in the site folder, so that no pagefind.yml or PAGEFIND_* setting from elsewhere changes the index.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    try:
        return subprocess.Popen(command, cwd=site, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as exc:
        return [f"search: Pagefind could not be started ({exc.strerror})."]


def finish_index(running: subprocess.Popen | list[str]) -> list[str]:
    """Wait for the Pagefind started by start_index; problems as sentences (empty when fine)."""
    if isinstance(running, list):
        return running
    try:
        stdout, stderr = running.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        running.kill()
        running.communicate()
        return [f"search: Pagefind did not finish indexing within {TIMEOUT} seconds, so the site was not published."]
    if running.returncode != 0:
        said = _last_lines(stderr or stdout)
        return [f"search: Pagefind failed to index the site (exit status {running.returncode})"
                + (f": {said}" if said else ".")]
    site = Path(running.args[running.args.index("--site") + 1])
    if not (site / BUNDLE / "pagefind.js").is_file():
        return [f"search: Pagefind ran but wrote no {BUNDLE}/pagefind.js, so the search box would not work. "
                "Check that the pages carry data-pagefind-body (overrides/main.html)."]
    return []


def _last_lines(text: str, count: int = 3) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("Traceback")]
    return " ".join(lines[-count:])[:500]
