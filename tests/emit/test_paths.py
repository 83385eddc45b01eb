"""Every path of the built site has one owner: the emitter writes only paths the validator
knows the build owns (content.owned_by_build), besides each item's and hand-written page's own,
and never lets a hand-written page replace a page it makes."""

from __future__ import annotations

import dataclasses

import pytest

from localdigital.build.pipeline import BuildRefused, load_site
from localdigital.content import DEFAULT_PAGES, owned_by_build
from localdigital.emit import OutputCollision, emit_site
from localdigital.model import build_model
from localdigital.validate import validate
from tests.support import GOOD


@pytest.fixture
def site(make_repo, today):
    root = make_repo(GOOD)
    result = validate(root, today=today)
    assert not result.errors
    return root, build_model(result, {}, today=today)


def test_every_path_the_emitter_writes_is_an_items_a_pages_or_the_builds(site) -> None:
    root, model = site
    own = {item.src for item in model.all_items()} | {p.relpath.removeprefix("content/") for p in model.pages}
    unowned = sorted(path for path in emit_site(model, root)
                     if path not in own and path not in DEFAULT_PAGES and owned_by_build(path) is None)
    assert unowned == [], "register these in content.py (GENERATED_PAGES or BUILD_FOLDERS) so no page can take them"


def test_the_emitter_refuses_a_hand_written_page_over_a_generated_one(site) -> None:
    root, model = site
    model.pages.append(dataclasses.replace(model.pages[0], relpath="content/partners.md"))
    with pytest.raises(OutputCollision, match="partners.md"):
        emit_site(model, root)


@pytest.mark.parametrize("relpath", ["content/index.md", "content/signatories/essex-county-council.md", "content/Statistics.md",
                                     "content/data/projects.json.md", "content/404.html.md"])
def test_a_build_refuses_a_page_over_a_generated_path_on_that_file(make_repo, relpath: str) -> None:
    root = make_repo({**GOOD, relpath: "# Withdrawn\n\nReport concerns at the official form.\n"})
    with pytest.raises(BuildRefused) as refused:
        load_site(root)
    assert [(f.path, f.rule) for f in refused.value.result.errors] == [(relpath, "page-path-reserved")]


def test_facet_values_that_differ_only_in_case_or_punctuation_get_a_page_each(site) -> None:
    from localdigital.emit.listings import facet_pages
    root, model = site
    first = model.items["project"][0]
    second = dataclasses.replace(first, id="shared-waste-two", data={**first.data, "phase": "Discovery"})
    third = dataclasses.replace(first, id="shared-waste-three", data={**first.data, "phase": "discovery!"})
    model.items["project"] += [second, third]
    pages = {path: page for path, page in facet_pages(model).items() if "/by_phase/" in path}
    assert len(pages) == 3, sorted(pages)
    for item in (first, second, third):
        assert sum(f"/{item.id}/" in page.markdown for page in pages.values()) == 1, item.id


def test_a_very_long_facet_value_gets_a_short_unique_file_name() -> None:
    from localdigital.emit.markup import MAX_SLUG, slug, slugs
    long_a, long_b = "R" * 300, "R" * 299 + "S"
    names = slugs([long_a, long_b, "RM1557.13", "rm1557-13"])
    assert len(set(names.values())) == 4
    assert all(len(name) <= MAX_SLUG for name in names.values())
    assert slug("RM1557.13") == "rm1557-13" and slug("Ynys Môn").isascii()


def test_a_hand_written_page_may_replace_a_default_page_and_nothing_else(make_repo, today) -> None:
    root = make_repo({**GOOD, "content/procurement-guide/index.md": "# Procurement guide\n\nOur own words.\n"})
    output, result, _note = load_site(root)
    assert not result.errors
    assert "Our own words." in output["procurement-guide/index.md"].markdown


def test_the_feeds_and_the_agreements_write_no_path_twice(make_repo, today) -> None:
    """One owner per output path: the briefs' feed is feeds.py's, the agreements write only their own."""
    from localdigital.emit.agreements import agreement_site
    from localdigital.emit.feeds import feeds
    from tests.support import AGREEMENT_BRIEFS
    root = make_repo({**GOOD, **AGREEMENT_BRIEFS})
    result = validate(root, today=today)
    model = build_model(result, {p: (today, today) for p in AGREEMENT_BRIEFS}, today=today)
    from_feeds, from_agreements = feeds(model, "https://x.example/"), agreement_site(model, "https://x.example/")
    assert "feeds/procurement-briefs.xml" in from_feeds
    assert not set(from_feeds) & set(from_agreements)
    assert any(path.startswith("feeds/agreement-") for path in from_agreements)
