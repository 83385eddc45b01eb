"""Search: the index the site's search box reads, built over the rendered pages.

Pagefind (PyPI `pagefind[extended]`, which ships its binary) reads the built HTML and writes
a split index to `pagefind/` in the site: the browser downloads only the parts a query needs.
Only each page's main content is indexed (`data-pagefind-body`, set with the page type as a
filter by overrides/main.html), so the navigation, header and footer are not.
The binary runs as its own process, so its memory is given back as soon as it ends.
"""

from __future__ import annotations

import html
import importlib
import importlib.util
import os
import subprocess
from pathlib import Path

BUNDLE = "pagefind"  # the folder in the site, read by docs/assets/javascripts/search.js
TIMEOUT = 600  # seconds; 5,000 pages take about 15


# Items, listings, principles and the hand-written pages; not the facet pages
# (projects/by_service/…/), which only repeat their listing's rows, nor 404.html.
PAGES = "{index.html,*/index.html,*/*/index.html}"


# ---- search documents -------------------------------------------------------------------------
# Pagefind reads every byte of a page to find its data-pagefind-body, and four fifths of a
# page is the theme's header, navigation and footer. As soon as a renderer has converted a
# page's Markdown, the part search indexes is written as a small document of its own, at the
# page's path in a folder beside the site: the page type and the converted content, as the
# page's data-pagefind-body holds them (Pagefind takes the title from the first <h1>).
# Pagefind indexes those documents as soon as every renderer has converted its pages, while
# the renderers are still drawing the theme around them; the URLs, titles, filters and text
# it records are those of the built pages (tests/build/test_search.py checks it).

TYPES = {"signatories": "Signatory", "projects": "Project", "case-studies": "Case study",
         "procurement-briefs": "Procurement brief", "patterns": "Pattern", "principles": "Principle"}
TYPES.update({"training": "Training", "events": "Event", "documents": "Document"})  # issue 14
TYPES["agreements"] = "Agreement"  # issue 15: an agreement's page; agreements/ itself is a listing
GUIDES = {"procurement-guide": "Procurement guide"}  # every page of a guide is of its type


# A council's profile (signatories/<id>/) shows its latest self-assessment in full; its dated
# self-assessments (self-assessments/<id>/) are its history. They are left out of search, so
# that a search for a council, a criterion or a piece of evidence finds the council once, as it
# stands, not each snapshot again (and at 5,000 items they were a fifth of Pagefind's work).
# A page is left out by leaving data-pagefind-body off it: Pagefind then skips it whether it
# reads the search documents or the whole built pages (mkdocs serve).
UNINDEXED = frozenset(("self-assessments",))


def indexed(url: str) -> bool:
    """Whether search indexes the page at url (an item page of a type in UNINDEXED is not)."""
    parts = url.strip("/").split("/")
    return not (parts[0] in UNINDEXED and len(parts) == 2)


def page_kind(url: str) -> str:
    """The type search shows beside a result, from the page's address: an item's type, a
    listing (or principle, or browsing page) of them, or any other page."""
    parts = url.strip("/").split("/")
    if parts[0] in GUIDES:
        return GUIDES[parts[0]]
    if parts[0] in TYPES:
        return TYPES[parts[0]] if len(parts) == 2 else "Listing"
    return "Page"


def body_attributes(url: str) -> str:
    """The attributes of the element search indexes, for the page at url: overrides/main.html
    writes them into the page (the hook gives it this function) and search_document into the
    page's search document, so the two cannot differ."""
    if not indexed(url):
        return 'class="ld-search-body"'
    kind = html.escape(page_kind(url))
    return f'class="ld-search-body" data-pagefind-body data-pagefind-filter="type:{kind}" data-pagefind-meta="type:{kind}"'


def search_document(content: str, url: str, lang: str = "en") -> str:
    """A page's search document: its converted content as the page's indexed element holds it."""
    return (f'<!doctype html><html lang="{html.escape(lang)}"><head><meta charset="utf-8"></head><body>'
            f"<div {body_attributes(url)}>{content}</div></body></html>")


def write_search_document(folder: Path, dest: str, document: str) -> None:
    """Write the search document of a page that lands at dest (a path in the site), when it
    is one search indexes (PAGES)."""
    if dest.count("/") > 2 or not dest.endswith("index.html") or not indexed(dest.removesuffix("index.html")):
        return
    target = folder / dest
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(document, encoding="utf-8")


def build_index(site: Path) -> list[str]:
    """Index the built site in place. Returns problems as plain sentences (empty when fine)."""
    return finish_index(start_index(site))


def start_index(site: Path, documents: Path | None = None, bundle: Path | None = None) -> subprocess.Popen | list[str]:
    """Start Pagefind and return at once, so the renderers and audits can run beside it
    (finish_index waits for it); problems as sentences when it cannot start. It reads the
    search documents in documents when given, else the site's pages, and writes its bundle
    to bundle when given, else into the site."""
    source = documents if documents is not None else site
    if not source.is_dir():
        return [f"search: there is no built site at {source} to index."]
    binary = _binary()
    if binary is None:
        return ["search: Pagefind is not installed, so the search index was not built. "
                "Install the locked packages (make site does this), or `pip install 'pagefind[extended]'`."]
    command = [binary, "--site", str(source.resolve()),
               "--output-path", str((bundle or site / BUNDLE).resolve()), "--glob", PAGES, "--silent"]
    # Run in the folder it reads, so that no pagefind.yml or PAGEFIND_* setting from elsewhere changes the index.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    try:
        return subprocess.Popen(command, cwd=source, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as exc:
        return [f"search: Pagefind could not be started ({exc.strerror})."]


def _binary() -> str | None:
    """Pagefind's binary, as the package that ships it finds it: the extended one first, as
    `python -m pagefind` looks for them. Run straight away, not through `python -m pagefind`,
    whose Python only finds it and starts it (50 ms of the processor's time in each build)."""
    for name in ("pagefind_bin_extended", "pagefind_bin"):
        if importlib.util.find_spec(name) is None:
            continue
        try:
            return str(importlib.import_module(name).get_executable())
        except (FileNotFoundError, AttributeError):  # a package without its binary for this machine
            continue
    return None


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
    bundle = Path(running.args[running.args.index("--output-path") + 1])
    if not (bundle / "pagefind.js").is_file():
        return [f"search: Pagefind ran but wrote no {BUNDLE}/pagefind.js, so the search box would not work. "
                "Check that the pages carry data-pagefind-body (overrides/main.html)."]
    return []


def stop_index(running: subprocess.Popen | list[str]) -> None:
    """Stop the Pagefind started by start_index, when the build will not use its index (or
    has: then there is nothing to stop), and close its pipes."""
    if isinstance(running, list):
        return
    if running.poll() is None:
        running.kill()
    running.communicate()


def _last_lines(text: str, count: int = 3) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("Traceback")]
    return " ".join(lines[-count:])[:500]
