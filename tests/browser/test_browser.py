"""Headless Chromium (Debian's, through Playwright): filters by keyboard, axe-core, same-origin only."""

from __future__ import annotations

import pytest

from localdigital.build import build_site
from tests.browser.support import (
    AXE_RUN,
    axe_source,
    chromium_missing,
    serve_folder,
    set_scheme,
)
from tests.support import GOOD, REPO, SECOND, make_site_repo

OUTPUT = REPO / "test-output"

if chromium_missing():
    pytest.skip(chromium_missing(), allow_module_level=True)
pytestmark = pytest.mark.browser



@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = make_site_repo(tmp_path_factory.mktemp("browser") / "repo", {**GOOD, "signatories/cardiff-council.yml": SECOND})
    assert build_site(root, root / "site") == 0
    with serve_folder(root / "site") as url:
        yield url


@pytest.fixture
def page(browser, server):
    context = browser.new_context(bypass_csp=True)  # axe-core is injected inline; the site's CSP would block it
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.requests = requests  # type: ignore[attr-defined]
    yield page
    context.close()


def test_signatory_filter_works_by_keyboard_and_updates_the_count(page, server) -> None:
    page.goto(server + "/signatories/")
    count = page.locator("[data-count]")
    assert count.inner_text() == "2"
    nation = page.locator("select[data-filter=nation]")
    nation.focus()
    page.keyboard.press("ArrowDown")  # first option after "All": England (sorted)
    nation.dispatch_event("change")
    assert nation.input_value() == "England"
    assert count.inner_text() == "1"
    assert page.locator("tbody tr:not([hidden])").count() == 1
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "signatories-filtered.png"), full_page=True)


def test_without_javascript_the_whole_table_and_facet_links_show(browser, server) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/signatories/")
    assert page.locator("tbody tr").count() == 2
    assert page.locator("form[data-filters]").is_hidden()
    assert page.locator("a[href='by_nation/wales/']").count() == 1
    context.close()


def test_no_request_leaves_the_site_origin_at_page_load(page, server) -> None:
    for path in ("/", "/signatories/", "/projects/shared-waste/", "/signatories/essex-county-council/"):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
    foreign = [url for url in page.requests if not url.startswith(server) and not url.startswith("data:")]
    assert foreign == []




@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", ["/", "/signatories/", "/signatories/essex-county-council/", "/projects/",
                                  "/projects/shared-waste/", "/patterns/book-bulky-waste/", "/principles/", "/partners/",
                                  "/statistics/", "/templates/", "/projects/by_phase/discovery/"])
def test_axe_finds_no_violations(page, server, path: str, scheme: str) -> None:
    page.goto(server + path)
    set_scheme(page, scheme)
    page.add_script_tag(content=axe_source())
    result = page.evaluate(AXE_RUN)
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == []


def test_multi_valued_filter_finds_an_item_by_one_of_its_principles(page, server) -> None:
    page.goto(server + "/projects/")
    principle = page.locator("select[data-filter=principle]")
    principle.select_option("2. Fix our plumbing")
    assert page.locator("[data-count]").inner_text() == "1"
    assert page.locator("tbody tr:not([hidden]) a").inner_text() == "A shared waste service"


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_no_violations_with_filters_applied(page, server, scheme: str) -> None:
    page.goto(server + "/signatories/")
    set_scheme(page, scheme)
    page.locator("select[data-filter=nation]").select_option("England")
    page.locator("button[data-sort=name]").click()
    page.add_script_tag(content=axe_source())
    result = page.evaluate(AXE_RUN)
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []


@pytest.mark.parametrize("path", ["/", "/signatories/", "/signatories/essex-county-council/", "/projects/shared-waste/",
                                  "/patterns/book-bulky-waste/", "/statistics/"])
def test_screenshots_of_the_main_page_types_are_kept_as_test_output(page, server, path: str) -> None:
    page.goto(server + path)
    OUTPUT.mkdir(exist_ok=True)
    name = path.strip("/").replace("/", "-") or "home"
    page.screenshot(path=str(OUTPUT / f"{name}.png"), full_page=True)
    assert (OUTPUT / f"{name}.png").stat().st_size > 1000
