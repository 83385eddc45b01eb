"""Issue 18, for readers, in headless Chromium on a phone's screen: nothing moves under the reader
as the page loads (layout shift), even when the filters' script arrives after the list has been
drawn; and every template reads with JavaScript off. (Timings are measured by scripts/bench's
read stage, not here: these tests hold only what does not depend on the machine's speed.)"""

from __future__ import annotations

import pytest

from localdigital.build import build_site
from localdigital.emit import listings
from tests.assessment_fixture import FILES
from tests.browser.support import chromium_missing, serve_folder
from tests.support import make_site_repo

if chromium_missing():
    pytest.skip(chromium_missing(), allow_module_level=True)
pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
# Layout shifts the reader did not cause, from before the page's own scripts run.
SHIFTS = """window.__shifts = [];
new PerformanceObserver(list => list.getEntries().forEach(e => { if (!e.hadRecentInput) window.__shifts.push(e.value); }))
  .observe({type: 'layout-shift', buffered: true});"""
PAINTED = "performance.getEntriesByName('first-contentful-paint').length > 0"
TEMPLATES = {
    "home": "/", "statistics": "/statistics/", "progress": "/progress/",
    "listing signatories": "/signatories/", "listing projects": "/projects/", "listing patterns": "/patterns/",
    "listing self-assessments": "/self-assessments/",
    "item signatory": "/signatories/essex-county-council/", "item project": "/projects/shared-waste/",
    "item pattern": "/patterns/book-bulky-waste/", "item self-assessment": "/self-assessments/essex-county-council-2026-06-01/",
    "who has done this": "/progress/p1-user-research/",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = make_site_repo(tmp_path_factory.mktemp("readers") / "repo", FILES)
    assert build_site(root, root / "site") == 0
    with serve_folder(root / "site") as url:
        yield url


@pytest.fixture(scope="module")
def paged(tmp_path_factory):
    """The same site with listings of one row a page, so that every listing of two is on pages."""
    root = make_site_repo(tmp_path_factory.mktemp("readers-paged") / "repo", FILES)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(listings, "ROWS_PER_PAGE", 1)
        assert build_site(root, root / "site") == 0
    with serve_folder(root / "site") as url:
        yield url


@pytest.fixture
def phone(browser):
    context = browser.new_context(bypass_csp=True, **PHONE)  # Playwright's waits evaluate script, which the site's CSP forbids
    context.add_init_script(SHIFTS)
    yield context
    context.close()


def _shift(page) -> float:
    return sum(page.evaluate("window.__shifts"))


@pytest.mark.parametrize("path", ["/signatories/", "/projects/", "/find-your-council/"])
def test_the_filters_arriving_late_shift_nothing(phone, server, path: str) -> None:
    """filters.js held back until the list has been painted (as on a slow phone): the filters are
    already in their place, so wiring them up moves nothing."""
    page = phone.new_page()
    held = []
    page.route("**/filters.js", lambda route: held.append(route))
    page.goto(server + path, wait_until="commit")
    page.wait_for_function(PAINTED)
    page.wait_for_selector("table tbody tr")
    assert len(held) == 1 and page.locator("form[data-filters]").is_visible()
    before = _shift(page)
    held[0].continue_()
    page.wait_for_load_state("load")
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert _shift(page) - before == 0
    assert _shift(page) <= 0.1
    # and the filters work once it has come
    select = page.locator("select[data-filter]").first
    select.select_option(index=1)
    assert page.locator("table tbody tr:not([hidden])").count() < page.locator("table tbody tr").count() or \
        page.locator("table tbody tr").count() == 1


@pytest.mark.parametrize("template", list(TEMPLATES))
def test_no_template_shifts_more_than_a_tenth_on_a_phone(phone, server, template: str) -> None:
    page = phone.new_page()
    page.goto(server + TEMPLATES[template])
    page.wait_for_load_state("networkidle")
    assert _shift(page) <= 0.1


@pytest.mark.parametrize("template", list(TEMPLATES))
def test_every_template_reads_without_javascript(browser, server, template: str) -> None:
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(server + TEMPLATES[template])
    article = page.locator("article")
    assert article.locator("h1").count() == 1
    assert len(article.inner_text().split()) >= 30
    if template.startswith("listing"):
        assert article.locator("table tbody tr:visible").count() >= 1
        assert page.locator("form[data-filters]").is_hidden()  # they would do nothing without JavaScript
    context.close()


def test_a_long_listings_other_pages_load_only_when_a_reader_filters(phone, paged) -> None:
    """Page 1 holds one row; choosing a filter fetches the other pages and filters every row, whose
    links still lead to their items."""
    page = phone.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(paged + "/signatories/")
    page.wait_for_load_state("networkidle")
    assert page.locator("table tbody tr").count() == 1
    assert not any("/page_" in url for url in fetched)  # the first visit downloads one page of rows
    page.locator("select[data-filter=nation]").select_option("England")
    page.wait_for_function("document.querySelector('[data-count]').textContent === '3'")
    assert any(url.endswith("/signatories/page_2/") for url in fetched)
    shown = page.locator("table tbody tr:not([hidden]) a")
    assert sorted(shown.all_inner_texts()) == ["Essex County Council", "Norfolk County Council", "Suffolk County Council"]
    shown.filter(has_text="Suffolk").click()
    page.wait_for_url("**/signatories/suffolk-county-council/")
    assert page.locator("h1").inner_text() == "Suffolk County Council"


def test_a_long_listings_pages_read_without_javascript(browser, paged) -> None:
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(paged + "/signatories/")
    links = page.locator("nav.ld-pages a")
    assert links.count() == 3 and "Page 1 (1 to 1), this page" in page.locator("nav.ld-pages").inner_text()
    links.first.click()
    assert page.locator("article h1").inner_text() == "Signatories, page 2 of 4"
    assert page.locator("article table tbody tr:visible").count() == 1
    context.close()
