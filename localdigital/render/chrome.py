"""What the theme draws around a page's content that depends on the page: its breadcrumbs, the
feeds announced in its head, and its "report a problem with this page" link. The hook registers
these for overrides/main.html; they are cheap string work, drawn for every page (not cached)."""

from __future__ import annotations

import html
from urllib.parse import quote, urlencode

from ..content import CONTENT_TYPES
from ..emit.markup import SITE_TITLE
from ..emit.socialcard import CARD, HEIGHT, WIDTH

# A folder of the site -> the title of the page at its root (the listing, or a section's landing page).
FOLDER_TITLES: dict[str, str] = {
    **{ctype.folder.removeprefix("content/"): ctype.plural for ctype in CONTENT_TYPES},
    "principles": "The five principles",
    "progress": "The sector's progress",  # its pages of who has done each criterion
}
# The feeds every page announces, and the one a content type's pages announce besides.
SITE_FEEDS = (("feeds/all.xml", "everything new"),)


def type_feed(folder: str) -> str:
    """The feed of a content type's new items, by its folder (emit/feeds.py writes one per type)."""
    return f"feeds/{folder}.xml"


def _folder(url: str) -> str:
    return url.split("/", 1)[0] if "/" in url else ""


def _href(base_url: str, target: str) -> str:
    return html.escape((base_url.rstrip("/") + "/" if base_url not in ("", ".") else "") + target, quote=True)


def breadcrumbs(url: str | None, base_url: str) -> str:
    """Home › the listing or section a page sits in, for every page below the top level; "" for
    the home page and top-level pages (the navigation shows where they are)."""
    url = url or ""
    parts = [p for p in url.split("/") if p]
    if len(parts) < 2:
        return ""
    crumbs = [("Home", "")]
    folder = parts[0]
    if folder in FOLDER_TITLES:
        crumbs.append((FOLDER_TITLES[folder], folder + "/"))
    items = "".join(f'<li><a href="{_href(base_url, target)}">{html.escape(label)}</a></li>' for label, target in crumbs)
    return f'<nav class="ld-breadcrumbs" aria-label="Breadcrumb"><ol>{items}</ol></nav>'


def feed_links(url: str | None, base_url: str) -> str:
    """<link rel=alternate> for the site's feed, and for a content type's pages its type's feed,
    so browsers and feed readers find them."""
    links = list(SITE_FEEDS)
    folder = _folder(url or "")
    for ctype in CONTENT_TYPES:
        if folder and ctype.folder.removeprefix("content/") == folder:
            links.append((type_feed(folder), f"new {ctype.plural.lower()}"))
    # "alternate feed", not "alternate" alone: Material's script fetches sitemap.xml beside every
    # link whose rel is exactly "alternate" (its language switcher), a 404 under feeds/. Readers
    # look for the "alternate" token with a feed's type, which this keeps.
    return "".join(f'<link rel="alternate feed" type="application/atom+xml" title="{html.escape(f"{SITE_TITLE}: {title}", quote=True)}" '
                   f'href="{_href(base_url, path)}">' for path, title in links)


def report_link(repository: str, site_url: str, url: str | None, title: str | None) -> str:
    """A link to a new GitHub issue about this page, its title and address filled in; "" when the
    site names no repository."""
    if not repository:
        return ""
    address = (site_url.rstrip("/") + "/" if site_url else "/") + (url or "")
    query = urlencode({"title": f"Problem with the page: {html.unescape(title or SITE_TITLE)}",
                       "body": f"Page: {address}\n\nWhat is wrong, and what did you expect?\n"}, quote_via=quote)
    href = html.escape(f"{repository}/issues/new?{query}", quote=True)
    return f'<p class="ld-report"><a href="{href}" rel="noopener">Report a problem with this page</a> (opens GitHub)</p>'


def social_meta(title: str | None, description: str | None, canonical_url: str | None, site_url: str) -> str:
    """Open Graph and Twitter card metadata: the page's own title and description, and the card
    the build draws (emit/socialcard.py), at the site's own address (no third-party request).
    Titles and descriptions may arrive HTML-escaped (front matter, emit/markup.front): unescaped
    first, so each is escaped exactly once."""
    def clean(value: str | None) -> str:
        return html.escape(html.unescape(value or ""), quote=True)
    tags = [("property", "og:type", "website"), ("property", "og:site_name", SITE_TITLE),
            ("property", "og:title", clean(title) or SITE_TITLE), ("property", "og:description", clean(description)),
            ("name", "twitter:card", "summary_large_image")]
    if canonical_url:
        tags.append(("property", "og:url", clean(canonical_url)))
    if site_url:
        tags += [("property", "og:image", clean(site_url.rstrip("/") + "/" + CARD)), ("property", "og:image:width", str(WIDTH)),
                 ("property", "og:image:height", str(HEIGHT)),
                 ("property", "og:image:alt", f"The {SITE_TITLE} mark: five points joined around a gold centre")]
    return "".join(f'<meta {kind}="{key}" content="{value}">' for kind, key, value in tags if value)
