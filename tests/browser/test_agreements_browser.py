"""Headless Chromium on the agreements, the procurement guide and the briefs listing: axe-core in
both palettes, the briefs filtered by agreement with JavaScript, and facet links without it."""

from __future__ import annotations

import pytest

from localdigital.build import build_site
from tests.browser.support import AXE_RUN, axe_source, chromium_missing, serve_folder, set_scheme
from tests.support import AGREEMENT_BRIEFS, GOOD, GUIDE, make_site_repo

if chromium_missing():
    pytest.skip(chromium_missing(), allow_module_level=True)
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = make_site_repo(tmp_path_factory.mktemp("agreements-browser") / "repo", {**GOOD, **AGREEMENT_BRIEFS, **GUIDE})
    assert build_site(root, root / "site") == 0
    with serve_folder(root / "site") as url:
        yield url


def violations(page) -> list:
    page.add_script_tag(content=axe_source())
    result = page.evaluate(AXE_RUN)
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", ["/agreements/", "/agreements/rm1557-14/", "/agreements/rm1043-9/", "/agreements/by_lot/cloud-software/",
                                  "/procurement-guide/", "/procurement-guide/choosing-a-route/", "/procurement-briefs/",
                                  "/procurement-briefs/crm/", "/statistics/"])
def test_axe_finds_no_violations_on_agreements_and_the_guide(page, server, path: str, scheme: str) -> None:
    page.goto(server + path)
    set_scheme(page, scheme)
    assert violations(page) == []


def test_the_briefs_listing_filters_by_agreement_and_by_route(page, server) -> None:
    page.goto(server + "/procurement-briefs/")
    count = page.locator("[data-count]")
    assert count.inner_text() == "3"
    page.locator("select[data-filter=agreement]").select_option("Vertical Application Solutions (RM6259)")
    assert count.inner_text() == "1"
    assert page.locator("tbody tr:not([hidden]) a").inner_text() == "a revenues system"
    page.locator("select[data-filter=agreement]").select_option("")
    page.locator("select[data-filter=route]").select_option("call-off (method not stated)")
    assert count.inner_text() == "2"


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_agreements_listing_filters_by_status_with_no_axe_violations(page, server, scheme: str) -> None:
    page.goto(server + "/agreements/")
    set_scheme(page, scheme)
    total = int(page.locator("[data-count]").inner_text())
    page.locator("select[data-filter=status]").select_option("live")
    shown = int(page.locator("[data-count]").inner_text())
    assert 0 < shown < total
    assert page.locator("tbody tr:not([hidden])").count() == shown
    assert violations(page) == []


def test_without_javascript_the_facet_links_filter_briefs_and_agreements(browser, server) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/procurement-briefs/")
    assert page.locator("form[data-filters]").is_hidden()
    page.locator("a[href='by_route/direct-award/']").click()
    assert page.locator("article li:not(.ld-breadcrumbs li) a").all_inner_texts() == ["a revenues system"]
    page.goto(server + "/agreements/")
    assert page.locator("a[href='by_kind/dynamic-purchasing-system/']").count() == 1
    context.close()


def test_on_a_phone_the_filters_fit_the_screen(page, server) -> None:
    """A long value (an agreement's name) in a filter must not widen the page beyond the screen."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server + "/procurement-briefs/")
    widest = page.evaluate("Math.max(...[...document.querySelectorAll('.ld-filters select')]"
                           ".map(s => s.getBoundingClientRect().right))")
    assert widest <= page.evaluate("document.documentElement.clientWidth")
