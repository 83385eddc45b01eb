"""Search: Pagefind's index over the built pages, and the search box in headless Chromium
(Debian's, through Playwright): keyboard, result types, main content only, axe-core, same origin."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from localdigital.build import build_site, search
from tests.browser.support import (
    AXE_RUN,
    axe_source,
    chromium_missing,
    serve_folder,
    set_scheme,
)
from tests.support import GOOD, REPO, make_site_repo

NAV_ONLY = "Zanzibarquux"  # a word that is only a nav label (and so the header title): never indexed

CASE_STUDY = """\
---
title: Moving housing repairs online
summary: How a council moved housing repairs reporting online.
organisations: [essex-county-council]
published: 2021-03-01
principles: [1]
---

Residents now report repairs with photographs, and the backlog fell by a third.
"""


# ---- the index, without a browser -------------------------------------------------------------

def test_build_index_says_plainly_when_pagefind_is_missing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(search.importlib.util, "find_spec", lambda name: None)
    problems = search.build_index(tmp_path)
    assert len(problems) == 1 and "Pagefind is not installed" in problems[0]


def test_build_index_reports_a_failed_run_without_raising(tmp_path: Path, monkeypatch) -> None:
    # A real process that fails as Pagefind does when it cannot read a site.
    failing = tmp_path / "failing-pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: could not read the site' >&2\nexit 3\n", encoding="utf-8")
    failing.chmod(0o755)
    monkeypatch.setattr(search, "_binary", lambda: str(failing))
    problems = search.build_index(tmp_path)
    assert problems == ["search: Pagefind failed to index the site (exit status 3): Error: could not read the site"]


def test_pagefind_is_run_as_its_own_binary(tmp_path: Path) -> None:
    # Straight away, as `python -m pagefind` would find it: not through a Python that only starts it.
    binary = search._binary()
    assert binary is not None and Path(binary).name in ("pagefind_extended", "pagefind") and os.access(binary, os.X_OK)
    (tmp_path / "index.html").write_text('<html lang="en"><body><main data-pagefind-body><h1>Hello</h1>'
                                         "<p>Shared waste services.</p></main></body></html>", encoding="utf-8")
    running = search.start_index(tmp_path)
    assert not isinstance(running, list) and running.args[0] == binary
    assert search.finish_index(running) == [] and (tmp_path / "pagefind/pagefind.js").is_file()


def test_build_index_reports_a_missing_site(tmp_path: Path) -> None:
    assert "no built site" in search.build_index(tmp_path / "nowhere")[0]


# ---- the built fixture site ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    files = {**GOOD, "content/case-studies/housing-repairs-online.md": CASE_STUDY}
    root = make_site_repo(tmp_path_factory.mktemp("search") / "repo", files)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "Sign the Declaration: how-to-sign.md" in config
    (root / "mkdocs.yml").write_text(config.replace("Sign the Declaration: how-to-sign.md",
                                                    f"{NAV_ONLY}: how-to-sign.md"), encoding="utf-8")
    assert build_site(root, root / "site") == 0
    return root / "site"


def test_the_index_is_written_and_pages_carry_their_type(site: Path) -> None:
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not (site / "search" / "search_index.json").exists()  # the theme's whole-site index is gone
    project = (site / "projects/shared-waste/index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-body data-pagefind-filter="type:Project"' in project
    assert 'data-pagefind-filter="type:Signatory"' in (site / "signatories/essex-county-council/index.html").read_text()
    assert 'data-pagefind-filter="type:Case study"' in (site / "case-studies/housing-repairs-online/index.html").read_text()
    assert 'data-pagefind-filter="type:Listing"' in (site / "projects/index.html").read_text()
    # the body marker is inside the article: the header, nav and footer are outside it
    assert project.index("md-header") < project.index("data-pagefind-body") < project.index("md-footer")


def _fragments(bundle: Path) -> dict[str, tuple]:
    import gzip
    import json
    out = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        out[data["url"]] = (data["meta"], data["filters"], data["content"], data.get("anchors"), data["word_count"])
    return out


def test_the_index_built_from_search_documents_is_the_one_the_whole_pages_give(site: Path, tmp_path: Path) -> None:
    # The build indexes the small search documents its renderers write; Pagefind over the
    # whole built pages must record exactly the same pages, titles, filters and text.
    copy = tmp_path / "copy"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
    assert search.build_index(copy) == []
    from_pages, from_documents = _fragments(copy / "pagefind"), _fragments(site / "pagefind")
    assert "/projects/shared-waste/" in from_documents and "/signatories/essex-county-council/" in from_documents
    assert from_documents == from_pages


def test_lists_of_other_pages_are_left_out_of_the_index(site: Path) -> None:
    # A listing, a principle, the partners page and an item's related work list other pages'
    # titles: indexed, every search for a title would also match every page that lists it.
    fragments = {url: content for url, (_meta, _filters, content, _anchors, _words) in _fragments(site / "pagefind").items()}
    project = fragments["/projects/shared-waste/"]
    assert "We are building it together" in project and "Councils building one waste service together" in project
    assert "Book a bulky waste collection" in (site / "projects/shared-waste/index.html").read_text(encoding="utf-8")
    assert "bulky" not in project.lower()  # on the page, under Related, but not indexed with it
    assert "Projects that councils build together" in fragments["/projects/"]
    for url in ("/projects/", "/principles/1/", "/partners/", "/signatories/essex-county-council/"):
        assert "A shared waste service" not in fragments[url], url
    assert "Open up our waste data" in fragments["/signatories/essex-county-council/"]  # its own commitment is


def test_search_documents_hold_only_what_search_indexes() -> None:
    document = search.search_document('<h1 id="a">A shared waste service</h1><p>Text &amp; more</p>', "projects/x/")
    assert document.startswith('<!doctype html><html lang="en">')
    assert '<div class="ld-search-body" data-pagefind-body data-pagefind-filter="type:Project" ' in document
    assert "<h1 id=\"a\">A shared waste service</h1><p>Text &amp; more</p></div></body></html>" in document
    assert "md-header" not in document and "<script" not in document
    assert [search.page_kind(url) for url in ("projects/x/", "projects/", "projects/by_phase/alpha/", "principles/2/",
                                              "", "how-to-sign/")] == \
        ["Project", "Listing", "Listing", "Principle", "Page", "Page"]


def test_indexing_starts_once_every_renderer_has_converted_its_pages(tmp_path: Path) -> None:
    # Pagefind starts while the renderers still draw pages into the theme: by then every
    # search document must be written, whatever renderer wrote it.
    from localdigital.build import _search_documents, render
    root = make_site_repo(tmp_path / "repo", GOOD)
    staging = tmp_path / "out"
    for shards in (1, 2):
        documents = _search_documents(staging)
        shutil.rmtree(documents, ignore_errors=True)
        seen: list[set[str]] = []
        assert render(root, staging, shards=shards,
                      when_converted=lambda seen=seen, documents=documents:
                      seen.append({p.relative_to(documents).as_posix() for p in documents.rglob("*.html")}))
        assert len(seen) == 1, shards
        assert "projects/shared-waste/index.html" in seen[0] and "index.html" in seen[0]
        assert seen[0] == {p.relative_to(documents).as_posix() for p in documents.rglob("*.html")}
        assert not list(tmp_path.glob("out.converted-*"))  # the marks are cleared


# ---- in the browser -----------------------------------------------------------------------------

needs_browser = pytest.mark.skipif(chromium_missing() is not None, reason=str(chromium_missing()))


@pytest.fixture(scope="module")
def server(site: Path):
    with serve_folder(site) as url:
        yield url


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.requests = requests  # type: ignore[attr-defined]
    page.errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def _search(page, query: str) -> None:
    """Open the search by its keyboard shortcut and type the query key by key."""
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("/")
    box = page.locator("#ld-search-input")
    assert box.evaluate("el => el === document.activeElement")
    page.keyboard.type(query, delay=20)
    page.wait_for_function("q => document.getElementById('ld-search-status').textContent.includes(q)", arg=query)


def _results(page) -> list[tuple[str, str, str]]:
    rows = page.locator("#ld-search-results a")
    return [(rows.nth(i).locator(".ld-search__type").text_content().strip(),
             rows.nth(i).locator(".ld-search__title").text_content().strip(),
             rows.nth(i).get_attribute("href")) for i in range(rows.count())]



@needs_browser
@pytest.mark.browser
def test_typing_a_query_lists_typed_results_and_the_links_work(page, server) -> None:
    page.goto(server + "/")
    _search(page, "bulky")
    results = _results(page)
    assert ("Pattern", "Book a bulky waste collection", "/patterns/book-bulky-waste/") in results
    status = page.locator("#ld-search-status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text().startswith(f"{len(results)} result")
    assert page.locator("#ld-search-results mark").count() >= 1  # the excerpt shows the match
    # down to the pattern's result by keyboard, then Enter follows it
    target = [href for _type, _title, href in results].index("/patterns/book-bulky-waste/")
    for _ in range(target + 1):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/patterns/book-bulky-waste/"
    page.keyboard.press("Enter")
    page.wait_for_url(server + "/patterns/book-bulky-waste/")
    assert page.locator("h1").first.inner_text() == "Book a bulky waste collection"
    assert page.errors == []


@needs_browser
@pytest.mark.browser
def test_each_type_is_found_with_its_label(page, server) -> None:
    page.goto(server + "/projects/")
    _search(page, "housing repairs")
    assert ("Case study", "Moving housing repairs online", "/case-studies/housing-repairs-online/") in _results(page)
    page.locator("#ld-search-input").fill("")
    _search(page, "Essex")
    types = {kind for kind, _title, _href in _results(page)}
    assert "Signatory" in types and "Project" in types


@needs_browser
@pytest.mark.browser
def test_enter_in_the_box_opens_the_first_result_and_escape_closes(page, server) -> None:
    page.goto(server + "/")
    _search(page, "bulky")
    first = _results(page)[0][2]
    page.keyboard.press("Escape")
    assert page.locator(".ld-search .md-search__output").is_hidden()
    assert not page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.id") == "ld-search-input"  # focus stays in the box
    page.keyboard.press("Enter")
    page.wait_for_url(server + first)


@needs_browser
@pytest.mark.browser
@pytest.mark.parametrize("query", [NAV_ONLY, "mysociety"])  # a nav label (and header title); the footer's register credit
def test_words_only_in_the_nav_header_or_footer_find_nothing(page, server, query: str) -> None:
    page.goto(server + "/how-to-sign/")
    assert NAV_ONLY in page.content() and "mySociety" in page.locator("footer").inner_text()
    _search(page, query)
    # The footer credits mySociety on every page; only a page whose own text names it (Find your
    # council, which credits each register) may be found, never every page.
    found = [href for _kind, _title, href in _results(page)]
    assert all("find-your-council" in href for href in found), found
    if not found:
        assert page.locator("#ld-search-status").inner_text() == f"No results for “{query}”"


@needs_browser
@pytest.mark.browser
def test_no_request_leaves_the_origin_and_nothing_errors(page, server) -> None:
    page.goto(server + "/signatories/essex-county-council/")
    page.wait_for_load_state("networkidle")
    assert not any("/pagefind/" in url for url in page.requests)  # nothing loads until search is used
    _search(page, "waste")
    page.wait_for_load_state("networkidle")
    foreign = [url for url in page.requests if not url.startswith(server) and not url.startswith("data:")]
    assert foreign == []
    assert any(url.endswith("/pagefind/pagefind.js") for url in page.requests)
    assert page.errors == []


@needs_browser
@pytest.mark.browser
def test_without_javascript_the_box_is_hidden_and_listings_work(browser, server) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/projects/")
    assert page.locator("#ld-search").is_hidden()
    assert page.locator(".ld-search-open").is_hidden()
    assert page.locator("a[href='shared-waste/']").count() >= 1
    context.close()


@needs_browser
@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 400])
def test_the_header_button_opens_the_search_on_narrow_screens(browser, server, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(server + "/")
    opener = page.locator(".ld-search-open")
    if width >= 960:
        assert opener.is_hidden()  # the box itself is in the header on wide screens
    else:
        opener.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "ld-search-input"
        assert opener.get_attribute("aria-expanded") == "true"
        page.keyboard.type("bulky")
        page.wait_for_selector("#ld-search-results a")
        page.keyboard.press("Escape")
        assert page.evaluate("document.activeElement.className").startswith("md-header__button")
    context.close()


@needs_browser
@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_no_violations_with_search_open(browser, server, scheme: str) -> None:
    pytest.importorskip("axe_playwright_python")
    # axe-core is injected as an inline script: the site's Content-Security-Policy would block it
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(server + "/")
    set_scheme(page, scheme)
    _search(page, "waste")
    page.wait_for_selector("#ld-search-results a")
    page.keyboard.press("ArrowDown")  # a focused result, as a keyboard user sees it
    page.wait_for_timeout(500)  # the theme's open transition
    page.add_script_tag(content=axe_source())
    result = page.evaluate(AXE_RUN)
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == []
    OUTPUT = REPO / "test-output"
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"search-open-{scheme}.png"))
    context.close()
