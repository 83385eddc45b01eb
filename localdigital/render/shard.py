"""Rendering in parallel: each of K renderer processes writes its share of the pages.

A renderer builds one page at a time on one core. `localdigital build` starts K of them
(one per core, at most MAX_SHARDS), each told its share by LOCALDIGITAL_SHARD="i/K" and
given its own output folder; each one still sees every page, so navigation and links
are checked as in a single build, but writes nothing for the pages outside its share and
does not convert them, unless a link needs their anchors (`anchor_targets`). `merge` then moves every shard's pages into the first
shard's folder.

Nothing here knows the renderer: the mkdocs adapter (hooks/) asks `elsewhere` which pages
to skip and `anchor_targets` which of those to convert all the same.
"""

from __future__ import annotations

import gc
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

VARIABLE = "LOCALDIGITAL_SHARD"
MAX_SHARDS = 4  # more processes than this add start-up and memory faster than they save time


def count() -> int:
    """How many renderers to run: one per core this process may use, at most MAX_SHARDS."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(MAX_SHARDS, cores))


def parse(value: str | None) -> tuple[int, int] | None:
    """"i/K" as (i, K); None when unset or not a share of more than one."""
    match = re.fullmatch(r"(\d+)/(\d+)", value or "")
    if not match:
        return None
    index, total = int(match.group(1)), int(match.group(2))
    return (index, total) if 0 <= index < total and total > 1 else None


# What a page costs to render, in bytes of Markdown: a fixed part (the theme's templates) plus
# the length of its Markdown outside the emitted HTML blocks (those cost next to nothing to
# convert, see setaside.py).
PAGE_COST = 8000


def cost(markdown: str) -> int:
    """The work of rendering a page, in bytes of Markdown (see PAGE_COST)."""
    return PAGE_COST + sum(len(line) for line in markdown.split("\n") if not line.startswith("<"))


# What writing a file that is not a page costs the first shard, which alone writes them (data,
# feeds, images, the theme's files), in the same units. At 1,000 items (415 such files) the first
# of two renderers ended 0.48 s after the other with none counted (medians of five builds), 0.28 s
# after with 2,000 a file, and 0.78 s before with 5,000.
FILE_COST = 2500


def elsewhere(pages: dict[str, int], share: tuple[int, int] | None, files: int = 0) -> set[str]:
    """The pages (path -> its cost()) that other shards write. Largest first, each
    page goes to the shard with the least work so far (ties to the lowest number), so a few
    long listings do not leave one renderer working while the others wait; the first shard
    starts with the files other than pages it writes (files of them, FILE_COST each). Every
    shard computes the same split from the same pages."""
    if share is None:
        return set()
    index, total = share
    loads = [0] * total
    loads[0] = files * FILE_COST
    mine = set()
    for page in sorted(pages, key=lambda p: (-pages[p], p)):
        lightest = min(range(total), key=lambda k: (loads[k], k))
        loads[lightest] += pages[page]
        if lightest == index:
            mine.add(page)
    return set(pages) - mine


def settle() -> None:
    """Once a renderer of `localdigital build` holds the emitted site: Python's cycle collector
    leaves alone what it holds now (gc.freeze), instead of walking the whole site again each time
    it runs while the pages are drawn (3% of the renderers' processor time at 1,000 items). Never
    while serving: a renderer that rebuilds would keep every earlier build's objects for good."""
    gc.freeze()


def merge(folders: list[Path]) -> None:
    """Move everything the other shards wrote into the first's folder: a folder the first has
    not got is moved whole (an item's page folder, one rename); in a folder both have, each file
    the first has not (pages are written by one shard each; the data, feeds, images and theme
    files by the first alone, the sitemap and 404 page by all, alike)."""
    base = folders[0]
    for other in folders[1:]:
        for folder, dirs, files in os.walk(other):
            target_folder = base / Path(folder).relative_to(other)
            for name in list(dirs):
                if not (target_folder / name).exists():
                    os.replace(Path(folder) / name, target_folder / name)
                    dirs.remove(name)  # moved with all it holds: not walked
            for name in files:
                target = target_folder / name
                if not target.exists():
                    os.replace(Path(folder) / name, target)


_ANCHORED_LINK = re.compile(r"""([^\s()<>\[\]"'`]+\.md)#""")


def anchor_targets(pages: dict[str, str]) -> set[str]:
    """The pages (by source path) that some page's Markdown links to with an #anchor: a shard
    must still know their headings, so that such links are checked wherever they are written."""
    targets = set()
    for path, markdown in pages.items():
        if ".md#" not in markdown:
            continue
        folder = posixpath.dirname(path)
        for match in _ANCHORED_LINK.finditer(markdown):
            targets.add(posixpath.normpath(posixpath.join(folder, unquote(match.group(1)))))
    return targets
