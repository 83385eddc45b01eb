"""The contributor's path in headless Chromium: the Find your council page (axe in both palettes,
the name box narrows the list), an image shown from content/images/, and listing names that
wrap between words on a phone. Screenshots go to test-output/ as proof."""

from __future__ import annotations

import pytest

from localdigital.build import build_site
from tests.browser.support import AXE_RUN, axe_source, chromium_missing, serve_folder, set_scheme
from tests.support import GOOD, REPO, SECOND, make_site_repo, png

OUTPUT = REPO / "test-output"

if chromium_missing():
    pytest.skip(chromium_missing(), allow_module_level=True)
pytestmark = pytest.mark.browser

LONG_NAME = "organisation:\n  code: KTT\nsigned_on: 2019-05-01\n"
CASE_STUDY = """\
---
title: Reporting missed bins online
summary: How we moved missed bin reports online.
organisations: [ESS]
published: 2024-01-01
principles: [1]
outcomes:
  - Missed bin reports fell by a third.
---

What we did.

![Bar chart of missed bin reports by month](../images/missed-bins.png)
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    files = {**GOOD, "signatories/cardiff-council.yml": SECOND,
             "signatories/royal-borough-of-kingston-upon-thames.yml": LONG_NAME,
             "content/case-studies/missed-bins.md": CASE_STUDY}
    root = make_site_repo(tmp_path_factory.mktemp("contributor") / "repo", files)
    (root / "content/images").mkdir()
    (root / "content/images/missed-bins.png").write_bytes(png())
    assert build_site(root, root / "site") == 0
    with serve_folder(root / "site") as url:
        yield url


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", ["/find-your-council/", "/case-studies/missed-bins/", "/partners/"])
def test_axe_finds_no_violations_on_the_contributors_pages(page, server, path: str, scheme: str) -> None:
    page.goto(server + path)
    set_scheme(page, scheme)
    page.add_script_tag(content=axe_source())
    result = page.evaluate(AXE_RUN)
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []


def test_typing_part_of_a_name_narrows_the_find_page_to_it(page, server) -> None:
    page.goto(server + "/find-your-council/")
    total = int(page.locator("[data-count]").inner_text())
    assert total > 1000
    page.locator("input[data-search]").fill("adur")
    assert page.locator("[data-count]").inner_text() == "1"
    row = page.locator("tbody tr:not([hidden])")
    assert row.locator("td").nth(1).inner_text() == "ADU"
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "find-your-council-adur.png"))


def test_an_image_from_the_images_folder_is_shown(page, server) -> None:
    page.goto(server + "/case-studies/missed-bins/")
    image = page.locator("article img[alt='Bar chart of missed bin reports by month']")
    assert image.evaluate("img => img.complete && img.naturalWidth") == 1
    assert page.locator("text=Missed bin reports fell by a third").count() == 1
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "case-study-with-image.png"), full_page=True)


def test_names_in_the_signatories_table_wrap_between_words_on_a_phone(browser, server) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(server + "/signatories/")
    split = page.evaluate("""() => {
        const broken = [];
        for (const link of document.querySelectorAll('.ld-table tbody td:first-child a')) {
            const text = link.firstChild;
            let start = 0;
            for (const word of link.textContent.split(' ')) {
                const range = document.createRange();
                range.setStart(text, start); range.setEnd(text, start + word.length);
                const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
                if (tops.size > 1) { broken.push(word); }
                start += word.length + 1;
            }
        }
        return broken;
    }""")
    page_wider_than_phone = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "signatories-on-a-phone.png"), full_page=True)
    context.close()
    assert split == []
    assert not page_wider_than_phone
