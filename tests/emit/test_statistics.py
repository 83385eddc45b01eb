"""The Statistics page: charts as inline SVG with data tables, from a small fixture and one real build."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from localdigital.build import build_site
from localdigital.build.audit import audit_site
from localdigital.emit.statistics import (
    BAR_COLOUR,
    DARK_BACKGROUND,
    LIGHT_BACKGROUND,
    contrast,
    map_data,
    signatories_by_nation,
    signatories_by_region,
    signatories_by_year,
    statistics_page,
)
from localdigital.model import SiteModel, build_model
from localdigital.validate import validate
from tests.support import GOOD, TODAY, make_site_repo

SVG_NS = "{http://www.w3.org/2000/svg}"


def signatory(code: str, signed_on: str | None = None) -> str:
    return f"organisation:\n  code: {code}\n" + (f"signed_on: '{signed_on}'\n" if signed_on else "")


# Eight signatories: four English councils in four regions, one Welsh, one Scottish, a UK government
# department (no nation in the register) and a body outside the registers; five with a date.
FIXTURE = {
    "signatories/essex-county-council.yml": signatory("ESS", "2018-07-04"),
    "signatories/london-borough-of-southwark.yml": signatory("SWK", "2019-03-01"),
    "signatories/manchester-city-council.yml": signatory("MAN", "2019-11-20"),
    "signatories/kent-county-council.yml": signatory("KEN"),
    "signatories/city-of-cardiff-council.yml": signatory("CRF", "2021-05-05"),
    "signatories/city-of-edinburgh-council.yml": signatory("EDH"),
    "signatories/mhclg.yml": signatory("government-organisation:D4", "2018-07-04"),
    "signatories/tom-and-jerry.yml": ("organisation:\n  name: Tom & Jerry's \"Digital\"\n  kind: community\n"
                                      "  website: https://example.org/\n"),
}


@pytest.fixture
def model(make_repo) -> SiteModel:
    result = validate(make_repo(FIXTURE), today=TODAY)
    assert result.errors == [], [f.message for f in result.errors]
    return build_model(result, today=TODAY)


def svgs(markup: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg\b.*?</svg>", markup, re.S)]


def table_rows(markup: str, caption_start: str) -> dict[str, list[str]]:
    """The table whose caption starts with caption_start, as {row header: [cells]} (body and footer)."""
    tables = re.findall(r"<table>.*?</table>", markup, re.S)
    table = next(t for t in tables if re.search(r"<caption>" + re.escape(caption_start), t))
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        header = re.search(r'<th scope="row">(.*?)</th>', row)
        if header:
            rows[re.sub(r"<[^>]+>", "", header.group(1))] = re.findall(r"<td>(.*?)</td>", row)
    return rows


def test_the_numbers_are_the_counts_of_the_fixture(model: SiteModel) -> None:
    rows, undated = signatories_by_year(model)
    assert [(r.year, r.signed, r.total) for r in rows] == [(2018, 2, 2), (2019, 2, 4), (2020, 0, 4), (2021, 1, 5)]
    assert undated == 3
    nations = dict(signatories_by_nation(model))
    assert nations == {"England": 4, "Northern Ireland": 0, "Scotland": 1, "Wales": 1, "Not stated": 2}
    regions = dict(signatories_by_region(model))
    assert {k: v for k, v in regions.items() if v} == {"East of England": 1, "London": 1, "North West": 1, "South East": 1}
    assert len(regions) == 9 and sum(regions.values()) == 4  # every English region in the register, even with none
    data = map_data(model)
    assert sorted(i.id for i, _lat, _lon in data.plotted) == ["city-of-cardiff-council", "city-of-edinburgh-council",
                                                             "essex-county-council", "kent-county-council",
                                                             "london-borough-of-southwark", "manchester-city-council"]
    assert sorted(i.id for i in data.unplotted) == ["mhclg", "tom-and-jerry"]
    assert 350 < len(data.background) < 450  # all current councils from the register, each once


def test_tables_on_the_page_hold_the_same_numbers(model: SiteModel) -> None:
    page = statistics_page(model)
    markdown = page.markdown
    assert page.source is None
    assert markdown.startswith('---\ntitle: "Statistics"')
    years = table_rows(markdown, "Signatories by year signed")
    assert years == {"2018": ["2", "2"], "2019": ["2", "4"], "2020": ["0", "4"], "2021": ["1", "5"],
                     "No date recorded": ["3", ""]}
    assert "(3 signatories with no date not counted)" in markdown
    nations = table_rows(markdown, "Signatories by nation")
    assert nations == {"England": ["4"], "Northern Ireland": ["0"], "Scotland": ["1"], "Wales": ["1"],
                       "Not stated": ["2"], "Total": ["8"]}
    regions = table_rows(markdown, "Signatories in England by region")
    assert regions["London"] == ["1"] and regions["South East"] == ["1"] and regions["North East"] == ["0"]
    assert regions["Total in England"] == ["4"]
    on_map = table_rows(markdown, "Signatories on the map")
    assert len(on_map) == 6 and "Kent County Council" in on_map
    assert on_map["City of Edinburgh Council"][:3] == ["Scottish unitary authority", "Scotland", "Scotland"]
    assert '<a href="../signatories/essex-county-council/">Essex County Council</a>' in markdown
    # the sentences in words
    assert "5 of 8 signatories have a signing date: the first signed in 2018, and 5 had signed by the end of 2021." in markdown
    assert "3 signatories have no signing date recorded" in markdown
    assert "8 signatories: 4 in England, 1 in Scotland, 1 in Wales and 2 with no nation in the register" in markdown
    assert "None yet in Northern Ireland." in markdown
    assert "4 signatories are in England: 1 in East of England, 1 in London, 1 in North West and 1 in South East." in markdown
    assert "6 of 8 signatories have a location in the register" in markdown


def test_authored_names_are_escaped_once(model: SiteModel) -> None:
    markdown = statistics_page(model).markdown
    assert "Tom &amp; Jerry&#x27;s &quot;Digital&quot;" in markdown  # in the sentence under the map
    assert "Tom & Jerry" not in markdown and "&&#35;" not in markdown


def test_each_chart_is_accessible_svg_with_no_script_or_outside_reference(model: SiteModel) -> None:
    markdown = statistics_page(model).markdown
    charts = svgs(markdown)
    assert len(charts) == 4
    for svg in charts:
        assert svg.tag == SVG_NS + "svg"
        assert svg.get("role") == "img"
        title, desc = svg.find(SVG_NS + "title"), svg.find(SVG_NS + "desc")
        assert title is not None and title.text and desc is not None and desc.text
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        for element in svg.iter():
            assert element.tag.removeprefix(SVG_NS) not in ("script", "foreignObject", "image", "use", "a", "style")
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), (element.tag, name)
                assert "href" not in name.lower()
                assert "url(" not in value and "javascript:" not in value.lower()
            if element.tag == SVG_NS + "text":
                assert element.get("fill") == "currentColor"  # the theme's text colour, light or dark
    ids = [e.get("id") for svg in charts for e in svg.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) == 8
    assert "<script" not in markdown.lower()
    years = charts[0]
    assert [t.text for t in years.iter(SVG_NS + "text")][-8:] == ["2", "2018", "4", "2019", "4", "2020", "5", "2021"]
    nations = charts[1]
    assert len([r for r in nations.iter(SVG_NS + "rect")]) == 4  # England, Scotland, Wales, Not stated; no bar for 0
    map_svg = charts[3]
    solid = [c for c in map_svg.iter(SVG_NS + "circle") if c.find(SVG_NS + "title") is not None]
    assert sorted(c.find(SVG_NS + "title").text for c in solid)[:2] == ["City of Cardiff Council", "City of Edinburgh Council"]
    assert len(solid) == 6


def test_bars_have_enough_contrast_in_both_palettes() -> None:
    assert contrast(BAR_COLOUR, LIGHT_BACKGROUND) >= 3
    assert contrast(BAR_COLOUR, DARK_BACKGROUND) >= 3
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0


def test_a_site_with_no_dates_still_gets_a_chart_and_says_why(make_repo) -> None:
    result = validate(make_repo({"signatories/kent-county-council.yml": signatory("KEN")}), today=TODAY)
    markdown = statistics_page(build_model(result, today=TODAY)).markdown
    assert "None of the 1 signatory has a signing date yet" in markdown
    assert len(svgs(markdown)) == 4


class _Svgs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.svgs: list[dict] = []
        self.captions = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "svg" and dict(attrs).get("class") == "ld-chart":  # not the theme's icons
            self.svgs.append(dict(attrs))
        if tag == "caption":
            self.captions += 1


def test_real_build_has_the_charts_and_tables_and_passes_the_audit(tmp_path: Path) -> None:
    root = make_site_repo(tmp_path / "repo", GOOD)
    assert build_site(root, root / "site") == 0
    page = (root / "site/statistics/index.html").read_text(encoding="utf-8")
    parser = _Svgs()
    parser.feed(page)
    # four charts of signatories and two of procurement briefs (emit/brief_statistics.py)
    assert len(parser.svgs) == 6 and all(s["role"] == "img" for s in parser.svgs)
    assert parser.captions == 6
    assert len(re.findall(r'<svg\b[^>]*class="ld-chart".*?</svg>', page, re.S)) == 6
    assert '<th scope="row">England</th><td>1</td>' in page  # the one fixture signatory, Essex
    assert '<a href="../signatories/essex-county-council/">Essex County Council</a>' in page
    for svg in re.findall(r'<svg\b[^>]*class="ld-chart".*?</svg>', page, re.S):
        ET.fromstring(svg)  # Markdown passed it through whole
    assert audit_site(root / "site") == []
