"""Search: the index the site's search box reads, built over the rendered pages.

For now the theme's own search plugin builds its index inside mkdocs, so there is nothing
more to do here; this is where a search index built after rendering is made.
"""

from __future__ import annotations

from pathlib import Path


def build_index(site: Path) -> list[str]:
    """Index the built site in place. Returns problems as plain sentences (empty when fine)."""
    return []
