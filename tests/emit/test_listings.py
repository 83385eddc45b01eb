"""Listings look intentional: a facet that cannot narrow the listing is not shown, and empty
pages say how to add something."""

from __future__ import annotations

from pathlib import Path

from localdigital.emit import emit_site
from localdigital.model import build_model
from localdigital.validate import validate
from tests.support import TODAY

PROJECT = """\
---
title: {title}
summary: A project.
lead: GAT
phase: {phase}
looking_for_partners: false
---
"""


def emitted(make_repo, files: dict[str, str]) -> dict:
    result = validate(make_repo(files), today=TODAY)
    assert result.errors == []
    return emit_site(build_model(result, today=TODAY), Path("."))


def test_a_facet_with_one_value_for_every_item_is_not_offered(make_repo) -> None:
    out = emitted(make_repo, {"content/projects/a.md": PROJECT.format(title="Bins", phase="alpha"),
                              "content/projects/b.md": PROJECT.format(title="Parking", phase="beta")})
    listing = out["projects/index.md"].markdown
    assert 'data-filter="phase"' in listing and "**By phase:**" in listing
    for facet in ("principle", "service", "partners"):  # "none", "none", "not looking" on every project
        assert f'data-filter="{facet}"' not in listing and f"**By {facet}:**" not in listing
        assert f'data-sort="{facet}"' not in listing


def test_an_empty_listing_and_the_empty_partners_page_say_how_to_add_something(make_repo) -> None:
    out = emitted(make_repo, {"content/projects/a.md": PROJECT.format(title="Bins", phase="alpha")})
    assert "[Add the first](../how-to-share.md)" in out["case-studies/index.md"].markdown
    partners = out["partners.md"].markdown
    assert "looking_for_partners: true" in partners and "projects/index.md" in partners


def test_a_long_listing_is_split_into_pages_that_name_each_other(make_repo, monkeypatch) -> None:
    """Issue 18: past ROWS_PER_PAGE rows a listing goes on pages (page_2/, …), each with its rows, the
    filters (covering every page: the table names them all in data-pages) and links to every page."""
    from localdigital.emit import listings
    monkeypatch.setattr(listings, "ROWS_PER_PAGE", 2)
    out = emitted(make_repo, {f"content/projects/p{n}.md": PROJECT.format(title=f"Project {n}", phase=("alpha", "beta")[n % 2])
                              for n in range(5)})
    pages = sorted(k for k in out if k.startswith("projects/") and (k == "projects/index.md" or k.startswith("projects/page_")))
    assert pages == ["projects/index.md", "projects/page_2.md", "projects/page_3.md"]
    first, last = out["projects/index.md"].markdown, out["projects/page_3.md"].markdown
    assert first.count("<tr data-") == 2 and last.count("<tr data-") == 1
    assert 'data-pages=". page_2/ page_3/"' in first and 'data-pages="../ ../page_2/ ."' in last
    assert "<span data-count>2</span> of 5 projects shown" in first and "<span data-count>1</span> of 5 projects shown" in last
    assert 'href="../p4/"' in last and "# Projects, page 3 of 3" in last and 'data-filter="phase"' in last
    assert "<li><strong>Page 1 (1 to 2), this page</strong></li>" in first and '<a href="page_2/">Page 2 (3 to 4)</a>' in first
    assert '<a href="../page_2/">Page 2 (3 to 4)</a>' in last and "<strong>Page 3 (5 to 5), this page</strong>" in last
    assert "**By phase:**" in first and "**By phase:**" not in last  # the facet links once, on the first page


def test_a_listing_within_a_page_has_no_pages(make_repo) -> None:
    out = emitted(make_repo, {"content/projects/a.md": PROJECT.format(title="Bins", phase="alpha")})
    assert "data-pages" not in out["projects/index.md"].markdown and "ld-pages" not in out["projects/index.md"].markdown
    assert not any(k.startswith("projects/page_") for k in out)
