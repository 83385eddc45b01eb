"""Headless Chromium and axe-core on the pages of training, events and documents, in both palettes."""

from __future__ import annotations

import pytest

from localdigital.build import build_site
from tests.browser.support import AXE_RUN, axe_source, chromium_missing, serve_folder, set_scheme
from tests.samples import site_with_issue14_content

if chromium_missing():
    pytest.skip(chromium_missing(), allow_module_level=True)
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = site_with_issue14_content(tmp_path_factory.mktemp("browser14") / "repo")
    assert build_site(root, root / "site") == 0
    with serve_folder(root / "site") as url:
        yield url


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", ["/", "/events/", "/events/essex-meetup/", "/events/by_when/past/", "/training/",
                                  "/training/agile-for-officers/", "/documents/", "/documents/waste-discovery/",
                                  "/documents/linked-alpha/", "/statistics/"])
def test_axe_finds_no_violations(page, server, path: str, scheme: str) -> None:
    page.goto(server + path)
    set_scheme(page, scheme)
    page.add_script_tag(content=axe_source())
    result = page.evaluate(AXE_RUN)
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == []


def test_the_events_listing_filters_to_past_events_by_keyboard(page, server) -> None:
    page.goto(server + "/events/")
    when = page.locator("select[data-filter=when]")
    when.focus()
    when.select_option("past")
    when.dispatch_event("change")
    assert page.locator("[data-count]").inner_text() == "1"
    assert page.locator("table[data-filterable] tbody tr:visible").all_inner_texts()[0].startswith("LocalGovCamp 2019")
