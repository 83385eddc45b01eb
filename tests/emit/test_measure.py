"""Issue 13 on the emitted site (no renderer): self-assessment pages, council profiles, the sector's
progress, the ratings and criteria data and the per-council feeds agree with the fixture."""

from __future__ import annotations

import csv
import io
import json
import re

import feedparser
import pytest

from localdigital.emit import emit_site
from localdigital.model import build_model
from localdigital.validate import validate
from tests.assessment_fixture import ESSEX_MOVEMENT, FILES, LATEST_COUNTS, RATING_ROWS, WHO_FULLY
from tests.support import GOOD


def _emit(make_repo, today, files, history=None):
    root = make_repo(files)
    result = validate(root, today=today)
    assert not result.errors, result.errors
    return emit_site(build_model(result, history or {}, today=today, new_base="https://github.com/o/r/new/main"), root)


@pytest.fixture
def out(make_repo, today):
    history = {path: (today, today) for path in FILES if path.startswith(("content/projects/", "patterns/"))}
    return _emit(make_repo, today, FILES, history)


def _row(markdown: str, table_id: str, criterion_title: str) -> list[str]:
    table = markdown.split(f'data-chart="{table_id}"', 1)[1].split("</table>", 1)[0]
    row = re.search(rf"<tr><th scope=\"row\">{re.escape(criterion_title)}</th>(.*?)</tr>", table)
    assert row, (table_id, criterion_title)
    return re.findall(r"<td>(.*?)</td>", row.group(1))


TITLES = {"p1-user-research": "User research", "p1-accessibility": "Accessible services", "p2-cloud": "Cloud first",
          "p3-privacy": "Privacy by design", "p4-digital-strategy": "A current digital strategy"}


def test_the_sector_tables_count_each_councils_latest_assessment(out) -> None:
    page = out["progress.md"].markdown
    assert "3 councils have published a self-assessment" in page
    for ident, expected in LATEST_COUNTS.items():
        principle = ident[1]
        assert tuple(int(c) for c in _row(page, f"progress-all-p{principle}", TITLES[ident])) == expected, ident


def test_the_sector_charts_say_the_same_numbers_as_the_tables(out) -> None:
    page = out["progress.md"].markdown
    svg = page.split('aria-labelledby="progress-all-p1-title', 1)[1].split("</svg>", 1)[0]
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)
    assert "User research: not yet 0; User research: partly 1; User research: fully 2" in desc


def test_the_filters_by_type_nation_and_region_count_their_own_councils(out) -> None:
    page = out["progress.md"].markdown
    county = page.split('id="progress-type-county"', 1)[1].split("</details>", 1)[0]
    assert "County (2 councils)" in county
    assert tuple(int(c) for c in _row(county, "progress-type-county-p1", "User research")) == (0, 0, 2, 0)
    wales = page.split('id="progress-nation-wales"', 1)[1].split("</details>", 1)[0]
    assert tuple(int(c) for c in _row(wales, "progress-nation-wales-p3", "Privacy by design")) == (0, 0, 1, 0)
    assert 'id="progress-region-east-of-england"' in page


def test_over_time_counts_the_latest_assessment_at_the_end_of_each_year(out) -> None:
    page = out["progress.md"].markdown
    table = page.split("Ratings at the end of each year", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr><th scope=\"row\">(\d{4})</th>(.*?)</tr>", table)
    counted = {year: [int(c) for c in re.findall(r"<td>(.*?)</td>", cells)] for year, cells in rows}
    # 2025: Essex (partly, not yet, not yet) and Norfolk (not yet, partly); 2026: the latest three.
    assert counted == {"2025": [2, 3, 2, 0], "2026": [3, 1, 3, 3]}


def test_who_has_done_this_lists_the_councils_rating_fully_with_their_evidence(out) -> None:
    """On a page per criterion (progress/<id>/), linked from the progress page with its count."""
    progress = out["progress.md"].markdown
    for ident, names in WHO_FULLY.items():
        page = out[f"progress/{ident}.md"].markdown
        block = page.split(f'id="who-{ident}"', 1)[1].split("</div>", 1)[0]
        assert re.findall(r"<li><a [^>]*>(.*?)</a>", block) == names, ident
        link = progress.split(f'data-criterion="{ident}"><a href="{ident}/">', 1)[1].split("</li>", 1)[0]
        if names:
            assert f"{len(names)} council{'s rate' if len(names) > 1 else ' rates'} this fully" in link, (ident, link)
        else:
            assert "No council rates this fully yet." in block and "how-to-self-assess/" in block
            assert "no council rates this fully yet" in link
    essex = out["progress/p1-user-research.md"].markdown.split('id="who-p1-user-research"', 1)[1].split("</div>", 1)[0]
    assert "https://example.org/essex-research" in essex and "A shared waste service" in essex
    assert 'href="../../signatories/essex-county-council/"' in essex  # links work from the page's own folder
    assert "<li>" not in progress.split("## Who has done this", 1)[1].split("ld-who-links", 1)[0]


def test_every_criterion_has_its_who_page_even_before_any_assessment(make_repo, today) -> None:
    out = _emit(make_repo, today, GOOD)
    who = [k for k in out if k.startswith("progress/")]
    assert len(who) == 17
    page = out["progress/p1-user-research.md"].markdown
    assert "No council rates this fully yet." in page and "how-to-self-assess/" in page
    assert 'href="p1-user-research/"' in out["progress.md"].markdown


def test_the_profile_grid_shows_the_latest_status_target_movement_and_evidence(out) -> None:
    page = out["signatories/essex-county-council.md"].markdown
    assert "the assessment of 2026-06-01" in page and "Earlier assessments" in page
    for ident, movement in ESSEX_MOVEMENT.items():
        row = page.split(f'data-criterion="{ident}"', 1)[1].split("</tr>", 1)[0]
        assert f"<td>{movement}</td>" in row, (ident, row)
    row = page.split('data-criterion="p1-user-research"', 1)[1].split("</tr>", 1)[0]
    assert "<strong>fully</strong> (target fully, met)" in row and "example.org/essex-research" in row
    assert row.count("<a ") == 2
    assert "Open up our waste data" in page


def test_councils_like_us_are_the_same_type_and_region_with_what_they_shared(out) -> None:
    page = out["signatories/suffolk-county-council.md"].markdown
    panel = page.split("## Councils like us: County, East of England", 1)[1]
    assert "Essex County Council</a>: <a" in panel and "A shared waste service" in panel
    assert "Norfolk County Council</a>: nothing shared yet" in panel
    assert "Cardiff" not in panel


def test_a_signatory_without_an_assessment_gets_an_empty_state_and_a_prefilled_link(out) -> None:
    page = out["signatories/suffolk-county-council.md"].markdown
    assert "has not published a self-assessment here yet" in page
    link = re.search(r'href="(https://github\.com/o/r/new/main/content/self-assessments\?[^"]+)"', page).group(1)
    assert "filename=suffolk-county-council-2026-11-27.md" in link and "organisation%3A%20suffolk-county-council" in link


def test_the_ratings_and_criteria_exports_agree_with_the_fixture(out) -> None:
    rows = list(csv.DictReader(io.StringIO(out["data/assessment-ratings.csv"].decode("utf-8"))))
    assert len(rows) == RATING_ROWS == len(json.loads(out["data/assessment-ratings.json"]))
    essex = [r for r in rows if r["assessment"] == "essex-county-council-2026-06-01"]
    assert {r["criterion"]: r["status"] for r in essex} == {"p1-user-research": "fully", "p4-digital-strategy": "partly",
                                                           "p2-cloud": "not-yet"}
    criteria = list(csv.DictReader(io.StringIO(out["data/criteria.csv"].decode("utf-8"))))
    per_principle = [sum(1 for c in criteria if c["principle"] == str(n)) for n in range(1, 6)]
    assert all(3 <= n <= 6 for n in per_principle) and len({c["id"] for c in criteria}) == len(criteria)
    assessments = json.loads(out["data/self-assessments.json"])
    assert len(assessments) == 5


def test_each_council_has_a_feed_of_its_assessments_and_shared_work(out) -> None:
    essex = feedparser.parse(out["feeds/councils/essex-county-council.xml"])
    assert not essex.bozo
    titles = [e.title for e in essex.entries]
    assert sum("self-assessment of" in t for t in titles) == 2 and "A shared waste service" in titles
    suffolk = feedparser.parse(out["feeds/councils/suffolk-county-council.xml"])
    assert not suffolk.bozo and suffolk.entries == []


def test_the_published_site_without_assessments_shows_the_empty_states(make_repo, today) -> None:
    out = _emit(make_repo, today, GOOD)
    page = out["progress.md"].markdown
    assert "No council has published a self-assessment here yet" in page and "User research" in page
    assert "has not published a self-assessment here yet" in out["signatories/essex-county-council.md"].markdown
    assert out["data/assessment-ratings.json"] == b"[]\n"
    assert out["data/assessment-ratings.csv"].decode().startswith('"assessment","organisation"')


def test_the_prefilled_link_opens_a_file_that_validates_once_the_blanks_are_filled(out, make_repo, today) -> None:
    from urllib.parse import parse_qs, urlsplit
    page = out["signatories/suffolk-county-council.md"].markdown
    link = re.search(r'href="(https://github\.com/o/r/new/main/content/self-assessments\?[^"]+)"', page).group(1)
    query = parse_qs(urlsplit(link.replace("&amp;", "&")).query)
    text = query["value"][0].replace('- ""', "- Head of Digital")
    assert text.count("- id: p") == 17
    relpath = "content/self-assessments/" + query["filename"][0]
    result = validate(make_repo({relpath: text}), today=today)
    # Only the body's placeholder sentence is left to replace (a template-example warning).
    assert [f.rule for f in result.findings if f.path == relpath] == ["template-example"]


def test_an_assessment_is_titled_by_its_council_and_date_not_its_file_name(make_repo, today) -> None:
    from localdigital.model import build_model
    from localdigital.validate import validate
    from tests.assessment_fixture import FILES
    result = validate(make_repo(FILES), today=today)
    titles = {item.id: item.title for item in build_model(result, {}, today=today).items["self-assessment"]}
    assert titles["essex-county-council-2025-06-01"] == "Essex County Council: self-assessment of 2025-06-01"
    assert all(not title.startswith(ident) for ident, title in titles.items())
