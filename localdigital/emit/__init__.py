"""Emit: pure functions from the site model to pages (Markdown text), data files and feeds.

Nothing here knows mkdocs, and nothing here validates or builds: `emit_site` returns
{path: Page or bytes}; the hook registers them with mkdocs, and `localdigital emit --out DIR`
writes the same to a folder for any other renderer. Every authored string is escaped before
it reaches Markdown or HTML (markup.py).

    markup.py      escaping, links, front matter, lists (what every page is made of)
    items.py       a page per item
    listings.py    a filterable listing per type, and its facet pages
    pages.py       principles, partners wanted, starter templates
    home.py        the home page; sections.py: each top-level section's landing page
    glossary.py    the glossary; declaration.py: sourced facts about the Declaration
    helppages.py   generated parts of hand-written pages and listings (files, links, completeness)
    statistics.py  the statistics page: charts as SVG with their data tables
    data.py        open data: JSON and CSV per type, and its catalogue
    measure.py     issue 13: self-assessments (assessments.py), profiles (profiles.py), the sector's
                   progress (progress.py), ratings and criteria data, council feeds, datapackage.py
    feeds.py       Atom feeds
    images.py      the images contributors keep in content/images/, as they are
    organisations.py  "Find your council": every register organisation with its code
    events.py      training, events and documents: when, upcoming, iCalendar feeds, their page sections, kept files
    briefs.py      procurement briefs as data: field wording, their facets, the link to their agreement
    agreements.py  a page per CCS agreement with the briefs that used it, their listing, data and feeds
    fork.py        a part of the site drawn in a second process while the rest is drawn
"""

from __future__ import annotations

import functools
from pathlib import Path

from ..content import CONTENT_TYPES, DEFAULT_PAGES
from ..model import SiteModel
from .agreements import agreement_site
from .brief_statistics import brief_sections
from .data import open_data
from .events import calendar_feeds, document_files
from .feeds import feeds
from .images import images
from .organisations import FIND_PAGE, find_page
from .items import item_page
from .listings import facet_pages, listing_pages
from .markup import DEFAULT_SITE_URL, Output, Page, front
from .glossary import glossary_page
from .helppages import how_to_sign_links, open_data_page
from .home import home_page
from .pages import partners_page, principle_pages, templates_page
from .sections import section_pages
from .services import service_pages
from .sharedstats import with_shared_statistics
from .socialcard import CARD, social_card
from .statistics import statistics_page
from .fork import Beside
from .measure import measure_output, measure_parts  # issue 13

__all__ = ["DEFAULT_SITE_URL", "Output", "OutputCollision", "Page", "emit_site"]


class OutputCollision(Exception):
    """A hand-written page would replace a page the site makes itself."""

    def __init__(self, relpath: str, path: str) -> None:
        super().__init__(f"{relpath} would replace the generated page {path}")
        self.relpath, self.path = relpath, path


# From this many self-assessments their part of the site is drawn in a second process (fork.py):
# below it, forking and sending the part back costs what it saves (at 99 assessments the emit took
# 0.242 s forked, 0.238 s not). At 402 (the benchmark's 1,000 items), forked, the whole build took
# 6% less time in alternating runs: the renderers wait for the emit, so the second core was idle.
FORK_FROM = 100


def emit_site(model: SiteModel, root: Path, site_url: str = DEFAULT_SITE_URL, fork: bool = True) -> Output:
    """Every page and data file of the site, keyed by its path in the site's source tree.
    fork=False draws it all in this process (fork.py says when it is not forked anyway)."""
    # Issue 13's assessments, progress pages, ratings and council feeds read nothing else of the
    # site: drawn in a second process while this one draws the rest (fork.py).
    measured = Beside(functools.partial(measure_parts, model, root, site_url),
                      fork=fork and len(model.items["self-assessment"]) >= FORK_FROM)
    out: Output = {"index.md": home_page(model), "partners.md": partners_page(model), "templates.md": templates_page(model)}
    statistics = with_shared_statistics(statistics_page(model), model)  # issue 14: documents, training, events
    out["statistics.md"] = Page(statistics.markdown + "\n".join(brief_sections(model)), None)  # issue 15: briefs
    for ctype in CONTENT_TYPES:
        out.update(listing_pages(ctype, model))  # issue 18: a long listing is on pages of ROWS_PER_PAGE
        for item in model.items[ctype.name]:
            out[item.src] = item_page(item, model)
    out.update(facet_pages(model))
    out.update(service_pages(model))  # issue 18: a page per service, for every type
    out.update(principle_pages(model))
    out.update(open_data(model, root))
    out.update(feeds(model, site_url))
    out.update(images(root))
    out[FIND_PAGE] = find_page(model)
    out.update(calendar_feeds(model, site_url))  # issue 14: events as iCalendar
    out.update(document_files(model, root))  # issue 14: files kept beside documents
    out.update(agreement_site(model, site_url, out.get("data/data.json")))  # issue 15: agreements, their data and feeds
    # Issue 13: self-assessments, council profiles, the sector's progress, their open data and feeds,
    # and the Data Package of the whole catalogue (it describes every CSV above).
    out.update(measure_output(model, root, site_url, out, measured.result()))
    for record in model.pages:  # hand-written pages from content/, already checked for safety, last: none may replace a generated one
        src = record.relpath.removeprefix("content/")
        title = record.data.get("title") if isinstance(record.data.get("title"), str) else None
        body = record.loaded.body
        if src in out and src not in DEFAULT_PAGES:  # the validator refuses this first (page-path-reserved)
            raise OutputCollision(record.relpath, src)
        out[src] = Page((front(title) if title else "") + body, record.relpath)
    # Pages that link to what this build emits: last, so they see all of it (issue 16).
    out["glossary.md"] = glossary_page(model)
    if isinstance(out.get("open-data.md"), Page):
        out["open-data.md"] = open_data_page(out["open-data.md"], out)
    if isinstance(out.get("how-to-sign.md"), Page):
        out["how-to-sign.md"] = how_to_sign_links(out["how-to-sign.md"], model)
    out.update(section_pages(model, out))
    out[CARD] = social_card()  # og:image (render/chrome.social_meta)
    return out
