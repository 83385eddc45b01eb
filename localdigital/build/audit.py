"""The post-build audit: the second line of defence after the validator.

Three checks of the built site, each returning problems as sentences (empty when fine); the
policy each page must carry is written by the renderer's hook (render/csp.py):

- `audit_site`: every HTML page, read by libxml2's HTML parser (lxml), has no inline event handler, no
  javascript:/vbscript:/data: URL in a link or source, no frame or embedded object, no
  script but the theme's own (or ours, from the site's own assets/ or pagefind/), and a
  Content-Security-Policy as the first element of its head (a page without a head is a
  problem too); and each page's article (the
  part made from content) is unchanged in everything security-relevant when nh3 cleans it
  with the allowlist of tags and attributes the site's templates use.
- `audit_sources`: every file in the site came from an allowed source: the theme's static
  files, our docs/ and overrides/, the pages and data the content layer emitted, pagefind/,
  the sitemap, 404 page and the theme's search index.
- `audit_nothing_lost`: every valid item appears exactly once as a page, in its listing, in
  the open data, in the feed (the newest dated items) and in the search index, and the
  counts match the content.
"""

from __future__ import annotations

import functools
import gc
import gzip
import importlib.util
import json
import multiprocessing
import os
import posixpath
import re
import signal
import sys
import threading
import xml.etree.ElementTree as ET
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import nh3
from lxml import etree

from ..render.csp import THEME_INLINE, directive
from ..validate.safety import scheme_of
from .search import indexed

URL_ATTRIBUTES = frozenset(("href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "data", "background",
                            "ping", "cite", "longdesc", "manifest", "codebase", "dynsrc", "lowsrc"))
FORBIDDEN_TAGS = frozenset(("iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "fencedframe"))
BAD_SCHEMES = frozenset(("javascript", "vbscript", "data", "file", "livescript", "mocha"))
# Scripts may be loaded only from these folders of the site itself (relative URLs).
SCRIPT_FOLDERS = ("assets/javascripts/", "pagefind/")
_ABSOLUTE_SCRIPT = re.compile(r"^/(?:[\w.\-]+/)*(?:assets/javascripts|pagefind)/[\w.\-/]+\.m?js$")

# What the site's own templates put in an article (emit.py's tables, filters and facts; the
# theme's edit button). Content Markdown can add nothing outside this by design.
ARTICLE_TAGS = frozenset("""
a abbr article b blockquote br button caption code col colgroup dd del details div dl dt em fieldset figcaption figure
form h1 h2 h3 h4 h5 h6 hr i img input ins kbd label legend li mark ol option p path pre q s select small span strong sub
summary sup svg table tbody td tfoot th thead tr u ul
circle desc g line polyline polygon rect text title tspan
nav
""".split())  # the SVG charts of charts.py; nav: the breadcrumbs (render/chrome.py)
_PAINT = {"fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "stroke-dasharray", "opacity", "transform"}
ARTICLE_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "hidden", "aria-live", "aria-label", "aria-hidden", "role"},
    "a": {"href", "rel", "hreflang", "target"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"scope", "colspan", "rowspan"}, "td": {"colspan", "rowspan"}, "col": {"span"},
    "button": {"type"}, "option": {"value", "selected"}, "select": {"name"}, "label": {"for"},
    "input": {"type", "name", "autocomplete", "spellcheck"},  # the search box of the find-your-council page
    "ol": {"start"}, "details": {"open"},
    "svg": {"xmlns", "viewBox", "width", "height", "aria-labelledby", "font-family", "font-size"},  # no style: site.css sizes it
    "path": {"d"} | _PAINT, "g": _PAINT, "circle": {"cx", "cy", "r"} | _PAINT, "line": {"x1", "x2", "y1", "y2"} | _PAINT,
    "rect": {"x", "y", "width", "height", "rx"} | _PAINT, "text": {"x", "y", "dx", "dy", "text-anchor"} | _PAINT,
    "tspan": {"x", "y", "dx", "dy"} | _PAINT, "polyline": {"points"} | _PAINT, "polygon": {"points"} | _PAINT,
}
URL_SCHEMES = {"http", "https", "mailto"}


# ---- pages ------------------------------------------------------------------------------------

_PARSER = etree.HTMLParser(recover=True, no_network=True)


def _document(markup: str):
    """Some HTML parsed by libxml2 (lxml): fast, and lenient as browsers are; None when empty."""
    try:
        return etree.fromstring(markup, _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None


def page_problems(path: str, depth: int, text: str) -> tuple[list[str], tuple[str, dict] | None, str]:
    """The problems of one page, the first element of its head, and its CSP."""
    problems: list[str] = []
    document = _document(text)
    if document is None:
        return problems, None, ""
    csp = ""
    for element in document.iter():  # libxml2 gives tag and attribute names in lower case
        for name, value in element.items():  # no attribute dictionary made for each element
            # Only an event handler, a style or a value with a scheme can be a problem: the
            # test is cheap, as a page has about a thousand elements, most of them the theme's.
            if ":" in value or name[0] in "oO" or name == "style":
                _attribute_problems(path, element.tag, name.lower(), value, problems)
    for element in document.iter(*FORBIDDEN_TAGS, "meta", "script"):
        tag = element.tag
        if tag in FORBIDDEN_TAGS:
            problems.append(f"{path}: a <{tag}> element")
        elif tag == "meta":
            equiv = element.get("http-equiv", "").lower()
            if equiv == "refresh":
                problems.append(f"{path}: a meta refresh")
            elif equiv == "content-security-policy":
                csp = element.get("content", "")
        else:  # a script
            src = element.get("src")
            if src:
                if not _own_script(src, depth):
                    problems.append(f"{path}: a script from outside the site's own assets ({src})")
            elif element.get("type") == "application/json" and element.get("id") == "__config":
                pass  # the theme's configuration: data, not code
            else:
                body = (element.text or "").strip()
                if not any(pattern.match(body) for pattern in THEME_INLINE):
                    problems.append(f"{path}: an inline script that is not the theme's ({body[:40]!r})")
    head = document.find("head")
    first = next((child for child in head if isinstance(child.tag, str)), None) if head is not None else None
    head_first = (first.tag, {k.lower(): v for k, v in first.attrib.items()}) if first is not None else None
    return problems, head_first, csp


def _attribute_problems(path: str, tag, name: str, value: str, problems: list[str]) -> None:
    if name.startswith("on"):
        problems.append(f"{path}: an inline event handler {name}= on <{tag}>")
    elif name in URL_ATTRIBUTES and value:
        for part in (value.split(",") if name == "srcset" else (value,)):
            scheme = scheme_of(part.strip()) if ":" in part else None
            if scheme in BAD_SCHEMES:
                problems.append(f"{path}: a {scheme}: URL in {name}= on <{tag}>")
    elif name == "style" and _STYLE_SCRIPT.search(value):
        problems.append(f"{path}: script in a style attribute on <{tag}>")


_STYLE_SCRIPT = re.compile(r"expression\s*\(|javascript:|behavior\s*:|-moz-binding", re.I)


def _own_script(src: str, depth: int) -> bool:
    """A relative URL to a .js file in one of SCRIPT_FOLDERS of this site."""
    if scheme_of(src) is not None or src.startswith(("//", "\\")) or "\\" in src or "?" in src or "#" in src:
        return False
    if src.startswith("/"):  # the 404 page, served at any depth, uses paths from the site's root
        return bool(_ABSOLUTE_SCRIPT.match(src)) and "/../" not in src
    here = "/".join(["d"] * depth)
    resolved = posixpath.normpath(posixpath.join(here, src)) if here else posixpath.normpath(src)
    return (resolved.endswith((".js", ".mjs")) and not resolved.startswith("..")
            and resolved.startswith(SCRIPT_FOLDERS))


_ARTICLE = re.compile(r"<article\b[^>]*>(.*)</article>", re.S)


def _shape(markup: str) -> Counter:
    """The security-relevant shape of some HTML: each (tag, attribute, URL value) it has."""
    shape: Counter = Counter()
    document = _document(f"<div>{markup}</div>")
    if document is None:
        return shape
    body = document.find("body")
    for element in (body.iter() if body is not None else ()):
        tag = element.tag
        if not isinstance(tag, str) or element is body:
            continue
        shape[(tag, "", "")] += 1
        for name, value in element.attrib.items():
            name = name.lower()
            shape[(tag, name, (value or "").strip() if name in URL_ATTRIBUTES else "")] += 1
    shape[("div", "", "")] -= 1  # the wrapper
    return +shape


@functools.cache
def _cleaner() -> nh3.Cleaner:
    """nh3 with the site's allowlist, built once per process (not once per page)."""
    return nh3.Cleaner(tags=set(ARTICLE_TAGS), attributes={k: set(v) for k, v in ARTICLE_ATTRIBUTES.items()},
                       generic_attribute_prefixes={"data-"}, url_schemes=set(URL_SCHEMES), link_rel=None,
                       strip_comments=True, clean_content_tags={"script", "style"})


def article_problems(path: str, page: str) -> list[str]:
    """What nh3, with the site's allowlist, would remove from the page's article. The article
    is parsed alone, never taken from the page's parse: there, a stray closing tag can end the
    <article> element early and leave what follows outside it, unchecked."""
    match = _ARTICLE.search(page)
    if not match:
        return []
    article = match.group(1)
    cleaned = _cleaner().clean(article)
    before, after = _document(f"<div>{article}</div>"), _document(f"<div>{cleaned}</div>")
    if before is not None and after is not None and etree.tostring(before) == etree.tostring(after):
        return []  # the same document once parsed: nothing was removed (the usual case, checked in C)
    lost = _shape(article) - _shape(cleaned)
    problems = []
    for tag, name, value in sorted(lost):
        if name:
            shown = f" ({value[:60]})" if value else ""
            problems.append(f"{path}: the sanitiser removes {name}= on <{tag}>{shown} from the article")
        else:
            problems.append(f"{path}: the sanitiser removes a <{tag}> element from the article")
    return problems


def audit_site(site: Path, workers: int = 1) -> list[str]:
    """Every problem found in the built site's pages; empty when it is safe to publish.
    With workers > 1, that many processes read the pages (forked, where the system can), so
    the audit takes up whatever the search indexer, running beside it, leaves of the machine.
    Problems come in the same order either way."""
    running = PageAudit(site, workers)
    try:
        running.start()
        return running.problems()
    finally:
        running.stop()


class PageAudit:
    """audit_site in steps, so the caller can work while the audit processes read the pages:
    PageAudit(site, workers) lists the pages; .start() starts the processes (with one worker,
    or where none can start, the pages are read in .problems()); .problems() waits for them;
    .stop(), in a finally, stops them, dropping the pages not started. Register the object
    for stopping before calling .start()."""

    def __init__(self, site: Path, workers: int) -> None:
        self.site, self.workers = site, workers
        self.found, self.pool, self.broken = None, None, False
        self.files, links = site_files(site)  # every file, for audit_sources too: the site is walked once
        self.links = [f"{relpath}: a symbolic link in the built site" for relpath in links]
        self.pages = [relpath for relpath in self.files if relpath.endswith((".html", ".htm", ".xhtml", ".svg"))]

    def start(self) -> None:
        if self.workers <= 1 or len(self.pages) <= _PAGES_PER_TASK or not _can_fork():
            return
        # What this process holds is frozen while the audit processes are forked (Python's advice for
        # fork without exec): their cycle collectors never walk it, so they copy none of its memory.
        gc.freeze()
        try:
            self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                            initializer=_worker_signals)
            # Forked now: with "fork", the pool starts all its processes at the first task.
            self.found = self.pool.map(functools.partial(_page_audit, self.site), self.pages, chunksize=_PAGES_PER_TASK)
        except BrokenProcessPool:  # a worker died as it started
            self.stop()
            self.broken = True
        except OSError:  # no process could be started (a limit on processes or memory): one at a time
            self.stop()
            self.found = None
        except BaseException:  # Ctrl+C while starting: no process left behind
            self.stop()
            raise
        finally:
            gc.unfreeze()

    def problems(self) -> list[str]:
        """Wait for every page's audit: the problems, in the order of the pages."""
        unfinished = ["the audit of the pages did not finish (one of its processes was stopped)"]
        if self.broken:
            return self.links + unfinished
        found = None
        if self.found is not None:
            try:
                found = list(self.found)
            except BrokenProcessPool:  # a worker was killed (out of memory, a signal): the audit did not finish
                return self.links + unfinished
            except OSError:  # a process could not be started after all: one at a time
                found = None
            finally:
                self.stop()
        if found is None:
            found = [_page_audit(self.site, relpath) for relpath in self.pages]
        return self.links + [problem for each in found for problem in each]

    def stop(self) -> None:
        """Stop the audit processes; on Ctrl+C, the pages not started are dropped, not read to the end."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


_PAGES_PER_TASK = 32


def site_files(site: Path) -> tuple[list[str], list[str]]:
    """Every file in the built site and every symbolic link in it (a link is listed with the
    files too), as paths in the site, in one walk that never follows a link: os.scandir says
    whether an entry is a folder or a link as it lists it, where Path.rglob and os.walk asked the
    disk again for each of the site's thousands of entries."""
    files: list[str] = []
    links: list[str] = []
    folders = [""]
    while folders:
        prefix = folders.pop()
        with os.scandir(site / prefix) as entries:
            for entry in entries:
                relpath = prefix + entry.name
                if entry.is_symlink():
                    links.append(relpath)
                    files.append(relpath)
                elif entry.is_dir(follow_symlinks=False):
                    folders.append(relpath + "/")
                else:
                    files.append(relpath)
    return files, links


def _can_fork() -> bool:
    """Forking is safe on Linux from a process with one thread (elsewhere, or beside other
    threads, a forked child can inherit a held lock and hang): otherwise the audit runs here."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def _worker_signals() -> None:
    """An audit process leaves Ctrl+C and SIGTERM to the build, which stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _page_audit(site: Path, relpath: str) -> list[str]:
    """The problems of one file of the built site (an HTML page or an SVG image); a file that
    cannot be read or parsed is a problem too, so the audit fails closed."""
    try:
        return _file_problems(site, relpath)
    except Exception as exc:  # noqa: BLE001 - any failure to audit a page stops its publication
        return [f"{relpath}: could not be audited ({type(exc).__name__}: {exc})"]


def _file_problems(site: Path, relpath: str) -> list[str]:
    text = (site / relpath).read_text(encoding="utf-8", errors="replace")
    if relpath.endswith(".svg"):
        return [f"{relpath}: script in an SVG file"] if re.search(r"<script|\son\w+\s*=|javascript:", text, re.I) else []
    problems, first, csp = page_problems(relpath, relpath.count("/"), text)
    if "<head" not in text:
        problems.append(f"{relpath}: a page without <head>, so no Content-Security-Policy")
    elif first is None or first[0] != "meta" or first[1].get("http-equiv", "").lower() != "content-security-policy":
        problems.append(f"{relpath}: the Content-Security-Policy is not the first element of <head>")
    elif "'unsafe-inline'" in directive(csp, "script-src") or not directive(csp, "script-src"):
        problems.append(f"{relpath}: the Content-Security-Policy does not block inline script")
    problems.extend(article_problems(relpath, text))
    return problems


# ---- where every file came from ---------------------------------------------------------------

FIXED_FILES = frozenset(("404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json"))
GENERATED_FOLDERS = ("pagefind/",)


@dataclass(frozen=True)
class ExpectedItem:
    type: str
    id: str
    relpath: str
    url: str
    first_published: str | None  # YYYY-MM-DD, or None where git gives no date


@dataclass
class Expected:
    """What the content says the site must hold: the emitted outputs and every item.

    Read from the manifest the mkdocs hook writes as it emits (localdigital.emit.manifest),
    so the audits check the rendered site against the emitted one without validating twice."""

    outputs: set[str]  # paths in the built site
    items: list[ExpectedItem]
    site_url: str = ""  # the feeds' links start with it

    def of_type(self, name: str) -> list[ExpectedItem]:
        return [item for item in self.items if item.type == name]


def read_manifest(path: Path) -> Expected | str:
    """The manifest as Expected; a sentence when it is missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Expected(set(data["outputs"]), [ExpectedItem(**item) for item in data["items"]], str(data.get("site_url", "")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return f"the list of what was emitted ({path.name}) cannot be read ({exc}), so the built site cannot be checked"


def _theme_folders(root: Path) -> list[Path]:
    folders = [root / "docs", root / "overrides"]
    spec = importlib.util.find_spec("material")
    if spec is not None and spec.submodule_search_locations:
        folders.append(Path(list(spec.submodule_search_locations)[0]) / "templates")
    return [f for f in folders if f.is_dir()]


def audit_sources(site: Path, root: Path, expected: Expected, files: list[str] | None = None) -> list[str]:
    """Every file in the site must come from an allowed source (see the module's docstring).
    files: the site's files as site_files lists them, when already listed."""
    problems = []
    folders = _theme_folders(root)
    for relpath in sorted(site_files(site)[0] if files is None else files, key=lambda relpath: relpath.split("/")):
        if relpath in expected.outputs or relpath in FIXED_FILES or relpath.startswith(GENERATED_FOLDERS):
            continue
        if not relpath.endswith(".html") and any((folder / relpath).is_file() for folder in folders):
            continue
        problems.append(f"{relpath}: a file in the built site that no allowed source made")
    return problems


# ---- nothing lost -----------------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"
FEED_SIZE = 50  # emit.feeds keeps the newest 50 entries


def audit_nothing_lost(site: Path, expected: Expected) -> list[str]:
    """Every valid item exactly once as a page, in its listing, open data, feed and search index."""
    from ..content import CONTENT_TYPES
    problems: list[str] = []

    def once(where: str, item, count: int) -> None:
        if count != 1:
            problems.append(f"{item.relpath}: appears {count} times in {where}, not once")

    search_urls = _search_urls(site)
    for ctype in CONTENT_TYPES:
        items = expected.of_type(ctype.name)
        folder = ctype.folder.removeprefix("content/")
        listing_path = site / folder / "index.html"
        listing = listing_path.read_text(encoding="utf-8") if listing_path.is_file() else ""
        if not listing_path.is_file():
            problems.append(f"{folder}/index.html: the listing of {ctype.plural.lower()} is missing")
        rows = listing.count("<tr data-")
        linked = Counter(_ROW_LINK.findall(listing))  # one pass: counting each item's link was quadratic in N
        for more in _further_pages(site / folder):  # a long listing's page_2/, page_3/… (emit/listings.py)
            rows += more.count("<tr data-")
            linked.update(_PAGE_ROW_LINK.findall(more))
        if rows != len(items):
            problems.append(f"{folder}/index.html: lists {rows} {ctype.plural.lower()}, the content has {len(items)}")
        data_path = site / "data" / f"{folder}.json"
        try:
            ids = Counter(row.get("id") for row in json.loads(data_path.read_text(encoding="utf-8")))
        except (OSError, ValueError, AttributeError) as exc:
            problems.append(f"data/{folder}.json: cannot be read ({exc})")
            ids = Counter()
        if sum(ids.values()) != len(items):
            problems.append(f"data/{folder}.json: has {sum(ids.values())} records, the content has {len(items)}")
        for item in items:
            page = site / item.url / "index.html"
            if not page.is_file():
                problems.append(f"{item.relpath}: has no page at {item.url}")
            once(f"{folder}/index.html", item, linked.get(item.id, 0))
            once(f"data/{folder}.json", item, ids.get(item.id, 0))
            if search_urls is not None and indexed(item.url):
                once("the search index", item, search_urls.get(item.url, 0))
            elif search_urls is not None and search_urls.get(item.url, 0):
                problems.append(f"{item.relpath}: is in the search index, which leaves out {ctype.plural.lower()} (search.UNINDEXED)")
    dated = sorted((i for i in expected.items if i.first_published), key=lambda i: (i.first_published, i.id))
    newest = dated[-FEED_SIZE:]
    try:
        entries = ET.parse(site / "feeds/all.xml").getroot().findall(f"{ATOM}entry")
    except (OSError, ET.ParseError) as exc:
        problems.append(f"feeds/all.xml: cannot be read ({exc})")
        entries = []
    links = Counter()
    base = expected.site_url.rstrip("/") + "/" if expected.site_url else ""  # as emit.feeds writes the links
    for entry in entries:
        link = entry.find(f"{ATOM}link")
        href = link.get("href", "") if link is not None else ""
        if base and href.startswith(base):  # the site may be published under a path (…github.io/repository/)
            links[href[len(base):]] += 1
        else:
            links[href.split("://", 1)[-1].partition("/")[2]] += 1
    if len(entries) != len(newest):
        problems.append(f"feeds/all.xml: has {len(entries)} entries, the content has {len(newest)} newest dated items")
    for item in newest:
        once("feeds/all.xml", item, links.get(item.url, 0))
    return problems


_ROW_LINK = re.compile(r'<a href="([^"/]+)/">')  # a listing's link to one of its items' pages
_PAGE_ROW_LINK = re.compile(r'<a href="\.\./([^"/]+)/">')  # the same from a further page of a long listing (page_2/)


def _further_pages(folder: Path) -> list[str]:
    """The text of a long listing's further pages (page_2/index.html, …), in order."""
    pages = sorted(folder.glob("page_*/index.html"), key=lambda p: int(p.parent.name.removeprefix("page_") or 0))
    return [p.read_text(encoding="utf-8") for p in pages if p.parent.name.removeprefix("page_").isdigit()]


def _search_urls(site: Path) -> Counter | None:
    """Page URLs (without the leading /) in the search index: pagefind's fragments when there
    is a pagefind/ folder, else the theme's search_index.json; None when there is neither."""
    fragments = site / "pagefind" / "fragment"
    if (site / "pagefind").is_dir():
        urls: Counter = Counter()
        for path in fragments.glob("*.pf_fragment") if fragments.is_dir() else ():
            try:
                data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
                urls[json.loads(data)["url"].lstrip("/")] += 1
            except (OSError, ValueError, KeyError, EOFError):
                continue
        return urls
    index = site / "search" / "search_index.json"
    if index.is_file():
        try:
            docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
        except (ValueError, KeyError):
            return Counter()
        return Counter(doc["location"] for doc in docs if "#" not in doc.get("location", ""))
    return None
