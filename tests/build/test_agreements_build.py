"""A real build with procurement briefs and the procurement guide: agreement pages list who
bought through them, facet pages filter briefs without JavaScript, the guide's pages and the
agreements' open data and feeds are published, and the audit passes."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from localdigital.build import build_site
from tests.support import AGREEMENT_BRIEFS as BRIEFS
from tests.support import GOOD, GUIDE, make_site_repo

@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = make_site_repo(tmp_path_factory.mktemp("agreements") / "repo", {**GOOD, **BRIEFS, **GUIDE})
    assert build_site(root, root / "site") == 0
    return root / "site"


def brief_links(page: str) -> set[str]:
    return set(re.findall(r'href="\.\./\.\./procurement-briefs/([a-z0-9-]+)/"', page))


@pytest.mark.parametrize("slug, briefs", [("rm1557-14", {"crm"}), ("rm6259", {"revenues"}), ("rm1557viii", {"old"}),
                                          ("rm1043-9", set())])
def test_an_agreement_page_lists_exactly_the_briefs_that_name_it(built: Path, slug: str, briefs: set[str]) -> None:
    page = (built / "agreements" / slug / "index.html").read_text()
    assert brief_links(page) == briefs
    if not briefs:
        assert "No brief on this site names this agreement yet" in page


def test_an_agreement_page_says_what_is_not_known(built: Path) -> None:
    page = (built / "agreements/rm1557-14/index.html").read_text()
    assert re.search(r"Starts</th><td>not known", page)
    assert "2026-10-28" in page


def test_the_agreements_listing_links_every_page_and_its_facet_pages_work_without_javascript(built: Path) -> None:
    listing = (built / "agreements/index.html").read_text()
    assert 'href="rm1557-14/"' in listing and 'href="technology-services-4/"' in listing
    assert 'href="by_status/live/"' in listing
    live = (built / "agreements/by_status/live/index.html").read_text()
    assert "Vertical Application Solutions" in live and "G-Cloud 12" not in live


@pytest.mark.parametrize("facet, value, expected", [("agreement", "vertical-application-solutions-rm6259", "a revenues system"),
                                                    ("route", "direct-award", "a revenues system"),
                                                    ("year", "2025", "a cloud CRM"),
                                                    ("value", "100-000-to-500-000", "an old cloud service")])
def test_brief_facet_pages_filter_without_javascript(built: Path, facet: str, value: str, expected: str) -> None:
    page = (built / "procurement-briefs" / f"by_{facet}" / value / "index.html").read_text()
    assert expected in page


def test_a_brief_page_links_to_its_agreement(built: Path) -> None:
    page = (built / "procurement-briefs/crm/index.html").read_text()
    assert 'href="../../agreements/rm1557-14/"' in page
    assert "call-off (method not stated)" in html.unescape(page)


def test_the_guide_pages_are_published_with_their_sources(built: Path) -> None:
    for name in ("", "choosing-a-route/", "where-notices-are-published/", "procurement-act-2023/", "share-your-brief/"):
        assert (built / "procurement-guide" / name / "index.html").exists(), name
    page = (built / "procurement-guide/procurement-act-2023/index.html").read_text()
    assert 'href="https://www.eastsussex.gov.uk/business/doing-business/procurement-act-2023"' in page
    assert "Where the sources stop" in page


def test_agreements_open_data_and_feeds_are_published(built: Path) -> None:
    rows = json.loads((built / "data/agreements.json").read_text())
    assert {r["reference"] for r in rows if r["derived"]["briefs"]} == {"RM1557.14", "RM6259", "RM1557viii"}
    feed = ET.parse(built / "feeds/agreement-rm1557-14.xml").getroot()
    assert [e.findtext("{http://www.w3.org/2005/Atom}title") for e in feed.iter("{http://www.w3.org/2005/Atom}entry")] == ["a cloud CRM"]
    assert (built / "feeds/procurement-briefs.xml").exists()


def test_search_knows_agreements_and_the_guide_as_result_types(built: Path) -> None:
    assert 'data-pagefind-meta="type:Agreement"' in (built / "agreements/rm6259/index.html").read_text()
    assert 'data-pagefind-meta="type:Procurement guide"' in (built / "procurement-guide/choosing-a-route/index.html").read_text()
    assert 'data-pagefind-meta="type:Listing"' in (built / "agreements/index.html").read_text()
