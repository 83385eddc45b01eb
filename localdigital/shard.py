"""Rendering in parallel: each of K renderer processes writes its share of the pages.

A renderer builds one page at a time on one core. `localdigital build` starts K of them
(one per core, at most MAX_SHARDS), each told its share by LOCALDIGITAL_SHARD="i/K" and
given its own output folder; each one still sees every page, so navigation and links
are checked as in a single build, but turns the pages outside its share into their
headings only (so links to their anchors still resolve) and writes nothing for them.
`merge` then moves every shard's pages into the first shard's folder.

Nothing here knows the renderer: the mkdocs adapter (hooks/) asks `elsewhere` which pages
to skip and `headings_only` what to give it instead.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

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


def elsewhere(pages: list[str], share: tuple[int, int] | None) -> set[str]:
    """The pages (of all the site's pages) that other shards write: every K-th in sorted order
    belongs to shard i, so listings, items and facet pages are spread evenly."""
    if share is None:
        return set()
    index, total = share
    return {page for n, page in enumerate(sorted(pages)) if n % total != index}


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")


def headings_only(markdown: str) -> str:
    """The page's headings (ATX and setext, outside fenced code), with their attribute lists,
    so that the table of contents, and anchors other pages link to, are as in the full page."""
    kept: list[str] = []
    lines = markdown.splitlines()
    fence = ""
    for n, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        if line.lstrip(" ").startswith("#") and len(line) - len(line.lstrip(" ")) <= 3:
            kept += [line, ""]
        elif line.strip() and n + 1 < len(lines) and _SETEXT.match(lines[n + 1]) and lines[n + 1].strip():
            kept += [line, lines[n + 1], ""]
    return "\n".join(kept)


def merge(folders: list[Path]) -> None:
    """Move every file the other shards wrote that the first has not into the first's folder
    (pages are written by one shard each; theme files, data and the sitemap by all, alike)."""
    base = folders[0]
    for other in folders[1:]:
        for folder, _dirs, files in os.walk(other):
            target_folder = base / Path(folder).relative_to(other)
            made = False
            for name in files:
                target = target_folder / name
                if not made:
                    target_folder.mkdir(parents=True, exist_ok=True)
                    made = True
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
            targets.add(posixpath.normpath(posixpath.join(folder, match.group(1))))
    return targets
