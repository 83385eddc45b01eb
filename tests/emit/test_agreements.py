"""Agreement pages and briefs as data, on the repository's own content: each agreement page
lists exactly the briefs whose files name it, every agreement used or live has a page, and the
briefs listing filters by agreement, route, year and value band."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from localdigital.emit import emit_site
from localdigital.emit.brief_statistics import briefs_by_agreement, briefs_by_year
from localdigital.model import build_model
from localdigital.validate import validate
from tests.support import REPO, TODAY

BRIEFS = REPO / "content" / "procurement-briefs"


@pytest.fixture(scope="module")
def site():
    result = validate(REPO, today=TODAY)
    assert result.errors == []
    model = build_model(result, today=TODAY)
    return result, model, emit_site(model, REPO)


def front_matter(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def named_in_files() -> dict[str, set[str]]:
    """Agreement reference -> ids of the brief files that name it, read straight from the files."""
    found: dict[str, set[str]] = {}
    for path in BRIEFS.glob("*.md"):
        reference = front_matter(path).get("agreement")
        if reference:
            found.setdefault(str(reference), set()).add(path.stem)
    return found


def test_each_agreement_page_lists_exactly_the_briefs_whose_files_name_it(site) -> None:
    _result, model, output = site
    pages = {path: page for path, page in output.items() if re.fullmatch(r"agreements/[^/_]+\.md", path) and path != "agreements/index.md"}
    counted = 0
    for path, page in pages.items():
        slug = path.removeprefix("agreements/").removesuffix(".md")
        agreement = next(a for a in [*model.registers.current_agreements, *model.registers.agreements.values()] if a.slug == slug)
        listed = set(re.findall(r'href="\.\./\.\./procurement-briefs/([a-z0-9-]+)/"', page.markdown))
        expected = named_in_files().get(agreement.reference, set()) if agreement.reference else set()
        assert listed == expected, path
        caption = re.search(r"that used it \((\d+)\)", page.markdown)
        assert (int(caption.group(1)) if caption else 0) == len(expected), path
        counted += len(listed)
    assert counted == sum(len(ids) for ids in named_in_files().values()) > 0


def test_every_agreement_a_brief_names_and_every_live_agreement_has_a_page(site) -> None:
    _result, model, output = site
    for reference in named_in_files():
        assert f"agreements/{model.registers.agreements[reference].slug}.md" in output
    live = [a for a in model.registers.current_agreements if a.status(TODAY) == "live"]
    assert live
    assert all(f"agreements/{a.slug}.md" in output for a in live)


def test_no_seed_brief_names_an_agreement_the_register_does_not_know(site) -> None:
    result, _model, _output = site
    assert [f for f in result.findings if f.rule == "agreement-unknown"] == []


def test_seed_briefs_carry_agreement_lot_route_and_year_as_fields_not_in_their_text() -> None:
    for path in BRIEFS.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        body = text.split("---\n", 2)[2]
        assert "- Framework: G-Cloud" not in body and "- Year:" not in body and "- Route:" not in body, path.name
        assert "year" in front_matter(path), path.name
    assert front_matter(BRIEFS / "nottinghamshire-crm.md")["lot"] == "Lot 2 Cloud Software"
    assert front_matter(BRIEFS / "west-berkshire-revenues-benefits.md")["agreement"] == "RM6259"


@pytest.mark.parametrize("facet", ["agreement", "route", "year", "value"])
def test_the_briefs_listing_filters_by_the_new_facets_with_a_page_per_value(site, facet: str) -> None:
    _result, _model, output = site
    listing = output["procurement-briefs/index.md"].markdown
    assert f'<select data-filter="{facet}">' in listing
    assert f"**By {facet}:**" in listing
    assert any(path.startswith(f"procurement-briefs/by_{facet}/") for path in output)


def test_the_agreement_facet_page_lists_the_briefs_through_g_cloud_14(site) -> None:
    _result, _model, output = site
    page = next(p for path, p in output.items() if path.startswith("procurement-briefs/by_agreement/") and "rm1557-14" in path)
    assert len(re.findall(r"<li>", page.markdown)) == len(named_in_files()["RM1557.14"])


def test_agreements_listing_has_kind_status_and_lot_facets_and_pages(site) -> None:
    _result, _model, output = site
    listing = output["agreements/index.md"].markdown
    for facet in ("kind", "status", "lot"):
        assert f'<select data-filter="{facet}">' in listing
        assert any(path.startswith(f"agreements/by_{facet}/") for path in output)
    assert "agreements/by_lot/cloud-software.md" in output


def test_agreements_open_data_names_the_briefs_and_is_in_the_catalogue(site) -> None:
    _result, _model, output = site
    rows = json.loads(output["data/agreements.json"])
    g_cloud_14 = next(r for r in rows if r["reference"] == "RM1557.14")
    assert sorted(g_cloud_14["derived"]["briefs"]) == sorted(named_in_files()["RM1557.14"])
    assert g_cloud_14["end"] == "2026-10-28" and g_cloud_14["start"] is None  # not known stays unknown
    catalogue = json.loads(output["data/data.json"])
    assert any(d["json"] == "data/agreements.json" for d in catalogue["datasets"])
    assert output["data/agreements.csv"].decode().startswith('"reference","name","url",')  # every cell quoted (OWASP)


def test_statistics_count_briefs_by_agreement_and_by_year_from_the_files(site) -> None:
    _result, model, output = site
    by_agreement = {title: n for title, _url, n in briefs_by_agreement(model)}
    assert by_agreement["G-Cloud 14 (Lots 1-3) (RM1557.14)"] == len(named_in_files()["RM1557.14"])
    assert sum(by_agreement.values()) == len(list(BRIEFS.glob("*.md")))
    years, undated = briefs_by_year(model)
    assert sum(n for _y, n in years) + undated == len(list(BRIEFS.glob("*.md")))
    assert "Procurement briefs by agreement" in output["statistics.md"].markdown


GUIDE = REPO / "content" / "procurement-guide"


@pytest.mark.parametrize("name", ["choosing-a-route.md", "where-notices-are-published.md", "procurement-act-2023.md"])
def test_every_guide_paragraph_that_states_a_date_or_figure_links_a_source(name: str) -> None:
    body = (GUIDE / name).read_text(encoding="utf-8").split("---\n", 2)[2]
    blocks = re.split(r"\n\s*\n|\n(?=- )", body)
    for block in blocks:
        if block.strip().startswith("#") or "Where the sources stop" in block:
            continue
        if re.search(r"\b(19|20)\d\d\b|£", block):
            assert "](http" in block or "](../agreements/" in block, block


def test_the_guide_says_where_its_sources_stop() -> None:
    for name in ("index.md", "choosing-a-route.md", "procurement-act-2023.md"):
        assert "## Where the sources stop" in (GUIDE / name).read_text(encoding="utf-8")
