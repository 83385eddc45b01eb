"""The hostile corpus (tests/hostile/): each file gets a finding where it is, in bounded time and
memory, and a real build refuses to publish it, leaving the last good site as it was."""

from __future__ import annotations

import os
import shutil
import time
import tracemalloc
from pathlib import Path

import pytest

from localdigital.build import build_site
from localdigital.validate import validate
from tests.browser.support import serve_folder
from tests.hostile.corpus import CASES, Case
from tests.support import GOOD, REPO, TODAY

SECONDS = 10.0  # validation of any one hostile case (most take milliseconds)
PEAK_BYTES = 64 * 2**20  # Python allocations while validating a huge case (its file is 50 MB)
BUILD_SECONDS = 60.0


def site_repo(root: Path) -> Path:
    """A buildable repository with the seed content, without git (dates are then left out)."""
    root.mkdir(parents=True)
    for name in ("schemas", "hooks", "docs", "overrides"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name)
    (root / "registers").symlink_to(REPO / "registers", target_is_directory=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for relpath, text in GOOD.items():
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / relpath).write_text(text, encoding="utf-8")
    return root


def shown(findings) -> str:
    return "\n".join(f"  {f.path}:{f.line}:{f.col} [{f.rule}] {f.message}" for f in findings)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_hostile_file_gets_a_finding_where_it_is_and_is_never_published(case: Case, tmp_path: Path) -> None:
    root = site_repo(tmp_path / "repo")
    case.make(root)
    if case.big:
        tracemalloc.start()
    started = time.perf_counter()
    result = validate(root, today=TODAY)
    elapsed = time.perf_counter() - started
    if case.big:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert peak < PEAK_BYTES, f"validation allocated {peak / 2**20:.1f} MiB at peak"
    assert elapsed < SECONDS, f"validation took {elapsed:.1f} s"
    for path, line, rule in case.expect:
        assert any(f.path == path and (line is None or f.line == line) and (not rule or f.rule == rule)
                   for f in result.errors), f"expected an error [{rule or 'any'}] at {path}:{line}, got:\n{shown(result.findings)}"

    # The last good site, as a sentinel: the refused build must leave it byte for byte.
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site\n", encoding="utf-8")
    started = time.perf_counter()
    assert build_site(root, site) == 1
    assert time.perf_counter() - started < BUILD_SECONDS
    assert sorted(os.listdir(site)) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the last good site\n"
    assert [p.name for p in root.iterdir() if p.name.startswith(".site-")] == [], "a staging folder was left behind"


def test_the_corpus_covers_every_threat_of_the_issue() -> None:
    names = " ".join(case.name for case in CASES)
    for threat in ("alias-bomb", "nesting-10000", "50-mb", "million-keys", "invalid-utf8", "utf16", "bom", "crlf",
                   "lone-cr", "nul-byte", "tab", "duplicate-keys", "owasp-xss", "attr-list-onclick", "attr-list-href-javascript",
                   "attr-list-style", "mixed-case", "entity", "vbscript", "data-link", "symlink-to-file-outside",
                   "symlink-to-file-inside", "symlink-to-folder-outside", "symlink-to-folder-inside", "dotdot", "spaces",
                   "cyrillic", "reserved-name-con", "hidden-file"):
        assert threat in names, threat


# ---- the Content-Security-Policy in a real browser ---------------------------------------------

CSP_PAGES = ["/", "/signatories/", "/projects/", "/projects/shared-waste/", "/signatories/essex-county-council/",
             "/principles/2/", "/404.html"]


@pytest.fixture(scope="module")
def csp_browser(tmp_path_factory, browser):
    from tests.support import SECOND, make_site_repo
    root = make_site_repo(tmp_path_factory.mktemp("csp") / "repo", {**GOOD, "signatories/cardiff-council.yml": SECOND})
    assert build_site(root, root / "site") == 0
    with serve_folder(root / "site") as url:
        yield browser, url  # the session's one Chromium (tests/conftest.py): Playwright allows one per thread


def _watched_page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.violations = []  # type: ignore[attr-defined]
    page.on("console", lambda message: page.violations.append(message.text)
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text else None)
    page.on("pageerror", lambda error: page.violations.append(f"page error: {error}"))
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                         "(window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI), true)")
    return context, page


@pytest.mark.browser
def test_the_csp_blocks_nothing_the_site_needs_and_filters_still_work(csp_browser) -> None:
    browser, server = csp_browser
    context, page = _watched_page(browser)
    for path in CSP_PAGES:
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__csp || []") == [], path
        assert page.locator("meta[http-equiv='Content-Security-Policy']").count() == 1
    assert page.violations == []
    page.goto(server + "/signatories/")
    assert page.locator("form[data-filters]").is_visible()  # filters.js ran under the policy
    nation = page.locator("select[data-filter=nation]")
    nation.select_option("England")
    nation.dispatch_event("change")
    assert page.locator("[data-count]").inner_text() == "1"
    assert page.evaluate("window.__csp || []") == [] and page.violations == []
    context.close()


@pytest.mark.browser
def test_the_csp_blocks_an_injected_inline_script(csp_browser) -> None:
    """Were an inline script to slip past both checks, the browser would still refuse to run it."""
    browser, server = csp_browser
    context, page = _watched_page(browser)
    page.route("**/projects/", lambda route: route.fulfill(
        response=route.fetch(),
        body=route.fetch().text().replace("</article>", "<script>window.__pwned = 1</script></article>")))
    page.goto(server + "/projects/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__pwned === undefined")
    assert page.evaluate("(window.__csp || []).length") >= 1
    context.close()
