"""Emit: pure functions from the site model to pages (Markdown text), data files and feeds.

Nothing here knows mkdocs, and nothing here validates or builds: `emit_site` returns
{path: Page or bytes}; the hook registers them with mkdocs, and `localdigital emit --out DIR`
writes the same to a folder for any other renderer. Every authored string is escaped before
it reaches Markdown or HTML (markup.py).

    markup.py      escaping, links, front matter, lists (what every page is made of)
    items.py       a page per item
    listings.py    a filterable listing per type, and its facet pages
    pages.py       principles, partners wanted, home, starter templates
    statistics.py  the statistics page: charts as SVG with their data tables
    data.py        open data: JSON and CSV per type, and its catalogue
    measure.py     issue 13: self-assessments (assessments.py), profiles (profiles.py), the sector's
                   progress (progress.py), ratings and criteria data, council feeds, datapackage.py
    feeds.py       Atom feeds
"""

from __future__ import annotations

from pathlib import Path

from ..content import CONTENT_TYPES
from ..model import SiteModel
from .data import open_data
from .feeds import feeds
from .items import item_page
from .listings import facet_pages, listing_page
from .markup import DEFAULT_SITE_URL, Output, Page, front
from .pages import home_page, partners_page, principle_pages, templates_page
from .statistics import statistics_page
from .measure import measure_output  # issue 13

__all__ = ["DEFAULT_SITE_URL", "Output", "OutputCollision", "Page", "emit_site"]


class OutputCollision(Exception):
    """A hand-written page would replace a page the site makes itself."""

    def __init__(self, relpath: str, path: str) -> None:
        super().__init__(f"{relpath} would replace the generated page {path}")
        self.relpath, self.path = relpath, path


def emit_site(model: SiteModel, root: Path, site_url: str = DEFAULT_SITE_URL) -> Output:
    """Every page and data file of the site, keyed by its path in the site's source tree."""
    out: Output = {"index.md": home_page(model), "partners.md": partners_page(model), "templates.md": templates_page(model)}
    out["statistics.md"] = statistics_page(model)
    for ctype in CONTENT_TYPES:
        out[f"{ctype.folder.removeprefix('content/')}/index.md"] = listing_page(ctype, model)
        for item in model.items[ctype.name]:
            out[item.src] = item_page(item, model)
    out.update(facet_pages(model))
    out.update(principle_pages(model))
    for record in model.pages:  # hand-written pages from content/, already checked for safety
        src = record.relpath.removeprefix("content/")
        title = record.data.get("title") if isinstance(record.data.get("title"), str) else None
        body = record.loaded.body
        if src in out:  # the validator refuses this first (page-path-reserved); never overwrite a generated page
            raise OutputCollision(record.relpath, src)
        out[src] = Page((front(title) if title else "") + body, record.relpath)
    out.update(open_data(model, root))
    out.update(feeds(model, site_url))
    # Issue 13: self-assessments, council profiles, the sector's progress, their open data and feeds,
    # and the Data Package of the whole catalogue (last: it describes every CSV above).
    out.update(measure_output(model, root, site_url, out))
    return out
