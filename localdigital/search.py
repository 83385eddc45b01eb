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


def build_index(site: Path) -> list[str]:
    """Index the built site in place. Returns problems as plain sentences (empty when fine)."""
    if not site.is_dir():
        return [f"search: there is no built site at {site} to index."]
    has_binary = any(importlib.util.find_spec(name) for name in ("pagefind_bin_extended", "pagefind_bin"))
    if importlib.util.find_spec("pagefind") is None or not has_binary:
        return ["search: Pagefind is not installed, so the search index was not built. "
                "Install the locked packages (make site does this), or `pip install 'pagefind[extended]'`."]
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE, "--silent"]
    # Run in the site folder, so that no pagefind.yml or PAGEFIND_* setting from elsewhere changes the index.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    try:
        done = subprocess.run(command, cwd=site, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return [f"search: Pagefind did not finish indexing within {TIMEOUT} seconds, so the site was not published."]
    except OSError as exc:
        return [f"search: Pagefind could not be started ({exc.strerror})."]
    if done.returncode != 0:
        said = _last_lines(done.stderr or done.stdout)
        return [f"search: Pagefind failed to index the site (exit status {done.returncode})"
                + (f": {said}" if said else ".")]
    if not (site / BUNDLE / "pagefind.js").is_file():
        return [f"search: Pagefind ran but wrote no {BUNDLE}/pagefind.js, so the search box would not work. "
                "Check that the pages carry data-pagefind-body (overrides/main.html)."]
    return []


def _last_lines(text: str, count: int = 3) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("Traceback")]
    return " ".join(lines[-count:])[:500]
