"""Issue 13 through a real build (mkdocs, Pagefind, the audit): the fixture's self-assessments
reach the pages, the exports and the feeds, and the whole catalogue is a Frictionless Data
Package that `frictionless` validates, with an empty dataset among its resources."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import feedparser
import pytest

from localdigital.build import build_site
from tests.assessment_fixture import FILES, RATING_ROWS
from tests.support import GOOD, make_site_repo


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = make_site_repo(tmp_path_factory.mktemp("measure") / "repo", FILES)
    assert build_site(root, root / "site") == 0
    return root / "site"


def _frictionless_errors(descriptor: Path) -> list:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.Package(str(descriptor)).validate()
    return [] if report.valid else report.flatten(["type", "note"])


def test_the_progress_page_profiles_and_assessment_pages_are_built(built: Path) -> None:
    progress = (built / "progress/index.html").read_text()
    assert "3 councils have published a self-assessment" in progress and "Who has done this" in progress
    who = (built / "progress/p1-user-research/index.html").read_text()
    assert "Norfolk County Council" in who and 'href="../../signatories/norfolk-county-council/"' in who
    assert "The sector&#x27;s progress" in who.split('class="ld-breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    essex = (built / "signatories/essex-county-council/index.html").read_text()
    assert "up from partly" in essex and "Councils like us" in essex
    assert (built / "self-assessments/essex-county-council-2026-06-01/index.html").exists()
    assert 'href="essex-county-council-2026-06-01/"' in (built / "self-assessments/index.html").read_text()


def test_the_exports_agree_with_the_fixture(built: Path) -> None:
    with open(built / "data/assessment-ratings.csv", newline="", encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == RATING_ROWS
    assert len(json.loads((built / "data/self-assessments.json").read_text())) == 5
    catalogue = json.loads((built / "data/data.json").read_text())
    assert catalogue["datapackage"] == "data/datapackage.json"


def test_every_council_feed_parses_in_a_feed_reader(built: Path) -> None:
    feeds = sorted((built / "feeds/councils").glob("*.xml"))
    assert [f.stem for f in feeds] == ["cardiff-council", "essex-county-council", "norfolk-county-council",
                                       "suffolk-county-council"]
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, feed
    norfolk = feedparser.parse((built / "feeds/councils/norfolk-county-council.xml").read_bytes())
    assert len([e for e in norfolk.entries if "self-assessment of" in e.title]) == 2


def test_the_datapackage_names_every_csv_and_frictionless_validates_it(built: Path) -> None:
    descriptor = json.loads((built / "data/datapackage.json").read_text())
    paths = {r["path"] for r in descriptor["resources"]}
    assert paths == {p.name for p in (built / "data").glob("*.csv")}
    assert descriptor["licenses"][0]["name"] == "OGL-UK-3.0" and descriptor["sources"]
    with open(built / "data/case-studies.csv", newline="", encoding="utf-8") as handle:
        assert len(list(csv.reader(handle))) == 1  # a dataset with no records: its header only
    assert _frictionless_errors(built / "data/datapackage.json") == []


def test_the_datapackage_of_a_site_with_no_assessments_validates(tmp_path: Path) -> None:
    root = make_site_repo(tmp_path / "repo", GOOD)
    assert build_site(root, root / "site") == 0
    with open(root / "site/data/assessment-ratings.csv", newline="", encoding="utf-8") as handle:
        assert len(list(csv.reader(handle))) == 1
    assert _frictionless_errors(root / "site/data/datapackage.json") == []


def test_frictionless_finds_a_csv_that_does_not_match_its_schema(built: Path, tmp_path: Path) -> None:
    """The check can fail: a column dropped from one CSV is reported."""
    copy = tmp_path / "data"
    copy.mkdir()
    for source in (built / "data").iterdir():
        (copy / source.name).write_bytes(source.read_bytes())
    lines = (copy / "criteria.csv").read_text(encoding="utf-8").splitlines()
    (copy / "criteria.csv").write_text("\n".join(line.rsplit(",", 1)[0] for line in lines) + "\n", encoding="utf-8")
    assert _frictionless_errors(copy / "datapackage.json") != []


def test_search_finds_each_council_once_as_it_stands_not_each_dated_assessment(built: Path, tmp_path: Path) -> None:
    # The profile shows the latest assessment in full; the dated assessments are its history,
    # left out of the index (search.UNINDEXED). The audit refuses a site whose index has one.
    import gzip
    import shutil

    from localdigital.build.audit import audit_nothing_lost, read_manifest
    from localdigital.build.pipeline import load_site
    from localdigital.build.search import build_index

    def indexed(site: Path) -> set[str]:
        return {json.loads(gzip.decompress(p.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
                for p in (site / "pagefind/fragment").glob("*.pf_fragment")}

    urls = indexed(built)
    assert "/signatories/essex-county-council/" in urls and "/self-assessments/" in urls
    assert [url for url in urls if url.startswith("/self-assessments/")] == ["/self-assessments/"]
    page = (built / "self-assessments/essex-county-council-2026-06-01/index.html").read_text()
    assert '<div class="ld-search-body">' in page
    # The same site with that page marked for indexing: Pagefind indexes it, and the audit refuses it.
    copy = tmp_path / "site"
    shutil.copytree(built, copy, ignore=shutil.ignore_patterns("pagefind"))
    marked = copy / "self-assessments/essex-county-council-2026-06-01/index.html"
    marked.write_text(page.replace('<div class="ld-search-body">', '<div class="ld-search-body" data-pagefind-body>', 1))
    assert build_index(copy) == []
    assert "/self-assessments/essex-county-council-2026-06-01/" in indexed(copy)
    load_site(built.parent, manifest_path=tmp_path / "manifest.json")
    expected = read_manifest(tmp_path / "manifest.json")
    assert audit_nothing_lost(built, expected) == []
    problems = audit_nothing_lost(copy, expected)
    assert len(problems) == 1 and "essex-county-council-2026-06-01" in problems[0] and "search index" in problems[0], problems
