"""How pages are shared between parallel renderers (localdigital/render/shard.py)."""

from __future__ import annotations

import random

import pytest

from localdigital.render import shard


@pytest.mark.parametrize("total", [2, 3, 4])
def test_every_page_is_written_by_exactly_one_renderer_and_the_work_is_even(total: int) -> None:
    rng = random.Random(total)
    pages = {f"p/{n}.md": rng.choice([800, 2000, 5000]) for n in range(500)}
    pages.update({"projects/index.md": 400_000, "signatories/index.md": 300_000})  # long listings
    writers = {page: [i for i in range(total) if page not in shard.elsewhere(pages, (i, total))] for page in pages}
    assert all(len(who) == 1 for who in writers.values())
    loads = [sum(pages[p] for p, who in writers.items() if who == [i]) for i in range(total)]
    assert max(loads) - min(loads) <= max(pages.values())  # within one page of even
    assert writers["projects/index.md"] != writers["signatories/index.md"]  # the two long ones apart


def test_a_pages_cost_leaves_out_the_html_blocks_it_sets_aside() -> None:
    assert shard.cost("# Title\n\n<table>" + "x" * 10_000 + "</table>\n") == shard.PAGE_COST + len("# Title")


def test_one_renderer_writes_everything() -> None:
    assert shard.elsewhere({"a.md": 10, "b.md": 20}, None) == set()
    assert shard.parse("0/1") is None and shard.parse("1/2") == (1, 2) and shard.parse("2/2") is None
    assert shard.parse("x") is None and shard.parse(None) is None


def test_anchor_targets_resolve_links_with_anchors_from_each_page() -> None:
    pages = {"how-to-share.md": "See [who](how-to-sign.md#who) and [x](projects/a.md).",
             "projects/a.md": "Back to [the rules](../how-to-share.md#rules) and [b](b%20c.md#x)."}
    assert shard.anchor_targets(pages) == {"how-to-sign.md", "how-to-share.md", "projects/b c.md"}


def test_the_first_renderer_gets_fewer_pages_for_the_other_files_it_writes() -> None:
    # Only the first renderer writes the data, feeds, images and theme files: its share of the
    # pages is smaller by their cost, so the renderers still end together.
    pages = {f"p/{n}.md": 1000 for n in range(400)}
    files = 40
    first = [p for p in pages if p not in shard.elsewhere(pages, (0, 2), files)]
    second = [p for p in pages if p not in shard.elsewhere(pages, (1, 2), files)]
    assert len(first) + len(second) == len(pages) and not set(first) & set(second)
    assert abs(len(first) * 1000 + files * shard.FILE_COST - len(second) * 1000) <= 1000
    assert len(first) < len(second)
