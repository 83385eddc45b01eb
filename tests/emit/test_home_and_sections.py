"""The home page, the sections' landing pages, the glossary and the listings' notes, emitted
from tiny real repositories (validated and modelled as the build does)."""

from __future__ import annotations

import datetime

import pytest

from localdigital.emit import emit_site
from localdigital.emit.home import home_page, latest, own_date
from localdigital.emit.markup import Page
from localdigital.emit.sections import section_pages
from localdigital.model import build_model
from localdigital.validate import validate
from tests.support import PATTERN, PROJECT, SIGNATORY, TODAY

FUNDED = PROJECT.replace("phase: discovery", "phase: discovery\nfunding:\n  programme: Local Digital Fund\n  round: '4'")


def _model(make_repo, files, history=None):
    root = make_repo(files)
    result = validate(root, today=TODAY)
    assert result.errors == [], [f.message for f in result.errors]
    return root, build_model(result, history or {}, today=TODAY, new_base="https://github.com/c/ld/new/main/")


def test_latest_additions_are_dated_by_the_content_and_by_first_commit_otherwise(make_repo) -> None:
    added = datetime.date(2026, 11, 1)
    files = {"signatories/essex-county-council.yml": SIGNATORY, "content/projects/shared-waste.md": FUNDED,
             "patterns/book-bulky-waste.md": PATTERN}
    _root, model = _model(make_repo, files, {path: (added, added) for path in files})
    by_id = {i.id: i for i in model.all_items()}
    assert own_date(by_id["essex-county-council"]) == datetime.date(2018, 7, 4)  # signed_on
    assert own_date(by_id["shared-waste"]) == datetime.date(2020, 3, 13)  # round 4's announcement
    assert own_date(by_id["book-bulky-waste"]) == added  # no date of its own: its first commit
    assert [i.id for _d, i in latest(model)] == ["book-bulky-waste", "shared-waste", "essex-county-council"]
    home = home_page(model).markdown
    assert "signed 4 July 2018" in home and "funded 13 March 2020" in home and "added here 1 November 2026" in home


def test_an_empty_site_invites_a_contribution_instead_of_printing_zero(make_repo) -> None:
    _root, model = _model(make_repo, {})
    home = home_page(model).markdown
    assert "Add the first signatory" in home and "Add the first project" in home
    assert ">0<" not in home and " 0 " not in home
    assert "Nothing has been added yet" in home


def test_counts_link_to_their_listings(make_repo) -> None:
    _root, model = _model(make_repo, {"signatories/essex-county-council.yml": SIGNATORY})
    home = home_page(model).markdown
    assert '<a href="signatories/"><span class="ld-count-figure">1</span> signatory</a>' in home


@pytest.mark.parametrize("present", [False, True])
def test_a_section_links_pages_from_other_parts_of_the_site_only_when_they_exist(make_repo, present: bool) -> None:
    _root, model = _model(make_repo, {})
    output = {"principles/index.md": Page("", None), "glossary.md": Page("", None)}
    if present:
        output.update({"training/index.md": Page("", None), "events.md": Page("", None),  # either form of a page's source
                       "agreements/index.md": Page("", None)})
    pages = section_pages(model, output)
    assert ("../training/index.md" in pages["learn/index.md"].markdown) is present
    assert ("../events.md" in pages["learn/index.md"].markdown) is present
    assert ("../agreements/index.md" in pages["buy/index.md"].markdown) is present
    assert "../procurement-guide.md" not in pages["buy/index.md"].markdown  # never emitted here
    for page in pages.values():
        assert "## Add to this section" in page.markdown  # every landing page says how to add to it


def test_the_whole_site_emits_the_glossary_the_sections_and_every_listings_downloads(make_repo) -> None:
    root, model = _model(make_repo, {"signatories/essex-county-council.yml": SIGNATORY, "content/projects/shared-waste.md": PROJECT, "patterns/book-bulky-waste.md": PATTERN,
                                     "content/open-data.md": "# Open data\n\nIntro.\n\n## Licence\n\nOGL.\n",
                                     "content/how-to-sign.md": "# Sign\n\n## First, check whether you are already listed\n"})
    out = emit_site(model, root)
    for section in ("share", "learn", "buy", "measure", "about"):
        assert f"{section}/index.md" in out
    glossary = out["glossary.md"].markdown
    for term in ("Co-publisher", "GSS code", "LGSL service", "CCS agreement reference"):
        assert f"## {term}" in glossary.replace("&#45;", "-")
    assert "E10000012" in glossary  # Essex's GSS code, read from the register
    listing = out["projects/index.md"].markdown
    assert 'href="../data/projects.csv"' in listing and 'href="../data/projects.json"' in listing
    assert 'href="../feeds/projects.xml"' in listing and "feeds/projects.xml" in out
    directory = out["signatories/index.md"].markdown
    assert "not complete" in directory and "223 public sector organisations by July 2020" in directory
    assert "288 signatories by August 2022" in directory and "mhclgdigital.blog.gov.uk/2022/08/02" in directory
    opendata = out["open-data.md"].markdown
    for path in out:
        if path.startswith(("data/", "feeds/", "schemas/")):
            assert f"]({path})" in opendata, path  # every file is a link
    assert opendata.index("## Download the data") < opendata.index("## Licence")
    sign = out["how-to-sign.md"].markdown
    assert sign.index("check whether you are already listed") < sign.index("## Sign now")
    assert "https://github.com/c/ld/issues/new/choose" in sign


def test_each_principle_is_explained_with_its_source(make_repo) -> None:
    root, model = _model(make_repo, {})
    out = emit_site(model, root)
    for n in range(1, 6):
        page = out[f"principles/{n}.md"].markdown
        assert "In plain words:" in page and "<blockquote>" in page and 'rel="noopener">source' in page


def test_the_social_card_is_a_1200_by_630_png_drawn_without_any_download() -> None:
    import struct
    import zlib

    from localdigital.emit.socialcard import social_card
    card = social_card()
    assert card[:8] == b"\x89PNG\r\n\x1a\n" and card[12:16] == b"IHDR"
    assert struct.unpack(">II", card[16:24]) == (1200, 630)
    at = card.index(b"IDAT")
    length = struct.unpack(">I", card[at - 4:at])[0]
    pixels = zlib.decompress(card[at + 4:at + 4 + length])
    assert len(pixels) == 630 * (1 + 1200 * 3)
    assert pixels[1:4] == bytes((0x0B, 0x4F, 0x55))  # the site's teal in the corner


def test_an_item_page_shows_what_else_its_organisations_did(make_repo) -> None:
    from localdigital.emit.items import item_page
    root, model = _model(make_repo, {"signatories/essex-county-council.yml": SIGNATORY, "content/projects/shared-waste.md": PROJECT,
                                     "patterns/book-bulky-waste.md": PATTERN})
    by_id = {i.id: i for i in model.all_items()}
    page = item_page(by_id["book-bulky-waste"], model).markdown  # used_by ESS, which leads the project
    assert "## More from the same organisations" in page
    assert 'href="../../projects/shared-waste/">A shared waste service</a> (project, with' in page
    assert "## More from the same organisations" not in item_page(by_id["essex-county-council"], model).markdown
