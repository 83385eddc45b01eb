"""Issue 13's pages in headless Chromium: axe-core finds nothing on the progress page, a council
profile (with and without an assessment), an assessment's page and the empty progress page, in
both palettes; the progress page's groups open by keyboard."""

from __future__ import annotations

import pytest

from localdigital.build import build_site
from tests.assessment_fixture import FILES
from tests.browser.support import AXE_RUN, axe_source, chromium_missing, serve_folder, set_scheme
from tests.support import GOOD, REPO, make_site_repo

OUTPUT = REPO / "test-output"

if chromium_missing():
    pytest.skip(chromium_missing(), allow_module_level=True)
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = make_site_repo(tmp_path_factory.mktemp("measure-browser") / "repo", FILES)
    assert build_site(root, root / "site") == 0
    with serve_folder(root / "site") as url:
        yield url


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory):
    root = make_site_repo(tmp_path_factory.mktemp("measure-empty") / "repo", GOOD)
    assert build_site(root, root / "site") == 0
    with serve_folder(root / "site") as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(bypass_csp=True)  # axe-core is injected inline; the site's CSP would block it
    page = context.new_page()
    yield page
    context.close()


def _violations(page) -> list:
    page.add_script_tag(content=axe_source())
    result = page.evaluate(AXE_RUN)
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", ["/progress/", "/signatories/essex-county-council/", "/signatories/suffolk-county-council/",
                                  "/self-assessments/essex-county-council-2026-06-01/", "/self-assessments/",
                                  "/how-to-self-assess/", "/progress/p1-user-research/", "/progress/p2-cloud/"])
def test_axe_finds_no_violations_on_the_new_pages(page, server, path: str, scheme: str) -> None:
    page.goto(server + path)
    set_scheme(page, scheme)
    if path == "/progress/":
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # check the tables inside too
    assert _violations(page) == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_no_violations_on_the_empty_progress_page(page, empty_server, scheme: str) -> None:
    page.goto(empty_server + "/progress/")
    set_scheme(page, scheme)
    assert page.locator("[data-empty]").count() == 1
    assert _violations(page) == []


def test_a_group_of_the_progress_page_opens_by_keyboard(page, server) -> None:
    page.goto(server + "/progress/")
    group = page.locator("details#progress-nation-wales")
    table = group.locator("table[data-chart='progress-nation-wales-p3']")
    assert not table.is_visible()
    summary = group.locator("summary")
    summary.focus()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    assert table.is_visible()
    assert table.locator("tbody tr").first.inner_text().split("\t")[1:] == ["0", "0", "0", "1"]  # Wales: not rated p3-cyber
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "progress-wales.png"), full_page=True)
