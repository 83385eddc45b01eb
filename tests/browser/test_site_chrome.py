"""Issue 16 in a real browser: the sections on every page (the home page and a phone included),
breadcrumbs, the footer, feeds in the head, tables on a phone, axe on the new templates in both
palettes, a keyboard walk, and screenshots of every page type (desktop and phone, light and dark)
kept in test-output/."""

from __future__ import annotations

import pytest

from localdigital.build import build_site
from tests.browser.support import AXE_RUN, axe_source, chromium_missing, serve_folder, set_scheme
from tests.support import GOOD, REPO, SECOND, make_site_repo

OUTPUT = REPO / "test-output" / "screens"

if chromium_missing():
    pytest.skip(chromium_missing(), allow_module_level=True)
pytestmark = pytest.mark.browser

CASE_STUDY = """\
---
title: Reporting missed bins online
summary: How Essex moved missed bin reports online.
organisations: [ESS]
published: 2024-05-01
principles: [1, 2]
---

## What we did

We moved the form online and asked residents what they needed.
"""
BRIEF = """\
---
title: Committee management software renewal
summary: Renewing committee management software through G-Cloud.
organisation: ESS
status: awarded
---

The council renewed the hosting and support of its committee software.
"""
PAGES = {"home": "/", "signatories": "/signatories/", "signatory": "/signatories/essex-county-council/",
         "case-study": "/case-studies/reporting-missed-bins/", "brief": "/procurement-briefs/committee-software/",
         "statistics": "/statistics/", "section": "/share/", "glossary": "/glossary/", "how-to-sign": "/how-to-sign/",
         "open-data": "/open-data/", "principle": "/principles/2/", "services": "/services/",
         "service": "/services/find-out-which-day-the-refuse-is-collected/"}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    files = {**GOOD, "signatories/cardiff-council.yml": SECOND, "content/case-studies/reporting-missed-bins.md": CASE_STUDY,
             "content/procurement-briefs/committee-software.md": BRIEF}
    root = make_site_repo(tmp_path_factory.mktemp("chrome") / "repo", files)
    assert build_site(root, root / "site") == 0
    with serve_folder(root / "site") as url:
        yield url


@pytest.fixture
def context(browser):
    context = browser.new_context(bypass_csp=True)  # axe-core is injected inline; the site's CSP would block it
    yield context
    context.close()


@pytest.mark.parametrize("path", ["/", "/signatories/essex-county-council/", "/case-studies/reporting-missed-bins/"])
def test_the_sections_are_on_every_page_including_the_home_page(context, server, path: str) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(server + path)
    tabs = page.locator(".md-tabs__link")
    assert [t.inner_text().strip() for t in tabs.all()] == ["Home", "Signatories", "Share and reuse", "Learn", "Buy", "Measure", "About"]
    assert tabs.first.is_visible()


def test_on_a_phone_the_sections_are_in_the_menu_on_the_home_page(context, server) -> None:
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(server + "/")
    page.locator("label.md-header__button[for=__drawer]").click()
    menu = page.locator(".md-sidebar--primary .md-nav--primary")
    assert menu.is_visible()
    assert menu.get_by_text("Share and reuse", exact=True).first.is_visible()


def test_item_pages_have_breadcrumbs_back_to_their_listing(context, server) -> None:
    page = context.new_page()
    page.goto(server + "/case-studies/reporting-missed-bins/")
    crumbs = page.locator("nav.ld-breadcrumbs a")
    assert [c.inner_text() for c in crumbs.all()] == ["Home", "Case studies"]
    crumbs.last.click()
    page.wait_for_url(server + "/case-studies/")


def test_the_footer_has_the_licence_credits_repository_and_a_prefilled_report_link(context, server) -> None:
    page = context.new_page()
    page.goto(server + "/signatories/essex-county-council/")
    footer = page.locator("footer").inner_text()
    assert "Open Government Licence v3.0" in footer and "mySociety" in footer and "Accessibility statement" in footer
    assert "Made with" not in footer
    assert page.locator("footer a", has_text="Source repository on GitHub").get_attribute("href") == "https://github.com/OWNER/REPOSITORY"
    report = page.locator(".ld-report a").get_attribute("href")
    assert report.startswith("https://github.com/OWNER/REPOSITORY/issues/new?title=Problem%20with%20the%20page%3A%20Essex%20County%20Council")
    assert "signatories%2Fessex-county-council%2F" in report


def test_feeds_are_announced_in_the_head_and_each_listing_links_its_downloads(context, server) -> None:
    page = context.new_page()
    page.goto(server + "/projects/")
    feeds = page.locator("head link[rel~=alternate][type='application/atom+xml']")
    assert sorted(f.get_attribute("href") for f in feeds.all()) == ["../feeds/all.xml", "../feeds/projects.xml"]
    for label in ("CSV", "JSON", "feed of new projects"):
        href = page.locator(".ld-downloads a", has_text=label).get_attribute("href")
        assert context.request.get(server + "/projects/" + href).ok, href


def test_on_a_phone_names_in_a_listing_never_wrap_letter_by_letter(context, server) -> None:
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(server + "/signatories/")
    widths = page.eval_on_selector_all("table.ld-table tbody td:first-child", "cells => cells.map(c => c.getBoundingClientRect().width)")
    assert widths and min(widths) >= 150  # a column a word wide, not a letter


def test_on_a_phone_a_listings_rows_stack_with_each_value_labelled(context, server) -> None:
    """Columns that do not fit a phone become lines of their row, each after its column's name;
    nothing scrolls sideways, and the sort buttons stay."""
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(server + "/projects/")
    table = page.locator("table.ld-table")
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    cells = page.locator("table.ld-table tbody tr").first.locator("td")
    assert cells.count() > 1
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"] - 1  # one under the other, not side by side
    label = cells.nth(1).evaluate("c => getComputedStyle(c, '::before').content")
    assert label == f'"{cells.nth(1).get_attribute("data-label")}: "'
    assert page.locator("table.ld-table thead button[data-sort]").first.is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})  # on a wide screen, a table again
    assert cells.nth(1).evaluate("c => getComputedStyle(c).display") == "table-cell"


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("name", ["section", "glossary", "how-to-sign", "open-data", "principle", "case-study", "brief"])
def test_axe_finds_no_violations_on_the_new_templates(context, server, name: str, scheme: str) -> None:
    page = context.new_page()
    page.goto(server + PAGES[name])
    set_scheme(page, scheme)
    page.add_script_tag(content=axe_source())
    result = page.evaluate(AXE_RUN)
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []


def test_a_keyboard_walk_reaches_the_sections_search_a_filter_and_a_form(context, server) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(server + "/")
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("(e => (e.innerText || e.getAttribute('aria-label') || e.id || '').trim())(document.activeElement)"))
        if seen[-1] == "Signatories":
            break
    assert "ld-search-input" in seen and seen[-1] == "Signatories"  # past the search box to the sections
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"  # a visible focus ring
    page.keyboard.press("Enter")
    page.wait_for_url(server + "/signatories/")
    for _ in range(60):  # on to the first filter, and use it from the keyboard
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SELECT":
            break
    assert page.evaluate("document.activeElement.dataset.filter") == "type"
    page.keyboard.press("ArrowDown")
    assert page.locator("[data-count]").inner_text() != ""


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_screenshots_of_every_page_type_are_kept(context, server, device: str, scheme: str) -> None:
    page = context.new_page()
    page.set_viewport_size(PHONE if device == "phone" else {"width": 1280, "height": 900})
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for name, path in PAGES.items():
        page.goto(server + path)
        set_scheme(page, scheme)
        target = OUTPUT / f"{name}-{device}-{'light' if scheme == 'default' else 'dark'}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 5000


def test_printing_a_page_shows_the_content_only_with_links_spelled_out(context, server) -> None:
    page = context.new_page()
    page.goto(server + "/principles/2/")  # its sources are links out
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-tabs", ".md-footer", ".ld-report", ".md-sidebar--primary"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.locator("article h1").is_visible()
    link = page.locator("article a[href^='https://']").first
    after = page.evaluate("e => getComputedStyle(e, '::after').content", link.element_handle())
    assert link.get_attribute("href") in after
