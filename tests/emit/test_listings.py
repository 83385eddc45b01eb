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
