"""Markup primitives every emitted page is made of: escaping authored text for Markdown and
HTML, links between pages, front matter, lists. Every authored string passes through text()
or attr() before it reaches a page; the audit catches any slip after the build."""

from __future__ import annotations

import hashlib
import html
import json
from dataclasses import dataclass

from ..model import Item, SiteModel

SITE_TITLE = "Local Digital"
DECLARATION_URL = "https://www.localdigital.gov.uk/declaration/"
LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@dataclass(frozen=True)
class Page:
    markdown: str
    source: str | None  # the repository file the "edit" link opens, or None


Output = dict[str, "Page | bytes"]

DEFAULT_SITE_URL = "https://example.invalid/"  # when the renderer's configuration names none: feeds need an absolute address

# One pass, so nothing is escaped twice: HTML's specials and Markdown's, each as an entity.
_INERT = str.maketrans({**{c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|~:^$=\"'"},
                        "&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": " "})


def text(value: object) -> str:
    """Authored text made inert for Markdown and HTML: every special character an entity."""
    return str(value).translate(_INERT)


# Characters Python-Markdown acts on even inside an HTML tag's attribute (its code-span,
# backslash-escape and link patterns run before it sets raw HTML aside), as character
# references: the browser reads the same value, Markdown sees nothing to act on.
_MARKDOWN_IN_ATTRIBUTE = str.maketrans({"[": "&#91;", "]": "&#93;", "`": "&#96;", "\\": "&#92;"})


def attr(value: object) -> str:
    """A value for an HTML attribute in the emitted Markdown."""
    return html.escape(str(value), quote=True).translate(_MARKDOWN_IN_ATTRIBUTE)


def _relative(target: str, folder: str) -> str:
    """posixpath.relpath for paths inside the site, without its calls to the file system
    (it was a fifth of the time spent emitting)."""
    to_parts = [p for p in target.split("/") if p]
    from_parts = [p for p in folder.split("/") if p]
    common = 0
    while common < min(len(to_parts), len(from_parts)) and to_parts[common] == from_parts[common]:
        common += 1
    parts = [".."] * (len(from_parts) - common) + to_parts[common:]
    return "/".join(parts) or "."


def rel_url(from_src: str, to_url: str) -> str:
    """An HTML href from a page (by its source path) to a site URL, for directory URLs."""
    here = from_src[:-len("index.md")] if from_src.endswith("index.md") else from_src[:-3] + "/"
    target = _relative(to_url, here)
    return target + ("/" if to_url.endswith("/") and not target.endswith("/") else "")


def front(title: str, **extra: object) -> str:
    """Page front matter. The theme writes title and description into the HTML head
    unescaped, so every string is HTML-escaped here (the audit catches any slip)."""
    meta = {"title": title, **extra}
    def value(v: object) -> object:
        return html.escape(v, quote=True) if isinstance(v, str) else v
    return "---\n" + "".join(f"{k}: {json.dumps(value(v), ensure_ascii=False)}\n" for k, v in meta.items()) + "---\n\n"


def org_link(ref, here: str) -> str:
    """An organisation as HTML: a link to its signatory page where it has one."""
    if ref.signatory is not None:
        return f'<a href="{attr(rel_url(here, ref.signatory.url))}">{text(ref.name)}</a>'
    return text(ref.name)


def external(url: str, label: str) -> str:
    """A link out. Its label is made inert with text(), not just HTML-escaped: Python-Markdown
    still reads Markdown between the tags of inline HTML, so "[x](javascript:…)" would link."""
    return f'<a href="{attr(url)}" rel="noopener">{text(label)}</a>'
def service_name(model: SiteModel, code: int) -> str:
    """GOV.UK's wording for an LGSL service, without its "Find out about" lead-in."""
    service = model.registers.services.get(code)
    return (service.description.removeprefix("Find out about ").strip() if service else "") or f"LGSL {code}"


def html_list(entries: list[str], searched: bool = True) -> str:
    """A list the emitter writes, as one line of HTML: a raw HTML block, which Markdown passes
    through (and setaside.py keeps out of its way). Entries are HTML already made inert.
    searched=False marks it data-pagefind-ignore: lists of other pages' titles (related work,
    a listing's rows) would make every search match the pages that list them."""
    ignore = "" if searched else " data-pagefind-ignore"
    return f"<ul{ignore}>" + "".join(f"<li>{entry}</li>" for entry in entries) + "</ul>"


def page_link(item: Item, here: str) -> str:
    """A link from the page at here (a source path) to an item's page, as HTML."""
    return f'<a href="{attr(rel_url(here, item.url))}">{text(item.title)}</a>'

MAX_SLUG = 60  # a file name's length is limited (255 bytes on most file systems): a facet value may be longer


def slug(value: str) -> str:
    """A value as a file name: lower-case letters and digits joined by hyphens, at most MAX_SLUG
    characters (a longer one is cut and ends with a hash of the whole value, so it stays unique)."""
    words = "-".join("".join(c if c.isalnum() else " " for c in value.lower()).split()) or "none"
    if len(words) <= MAX_SLUG and words.isascii():
        return words
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:8]
    cut = "".join(c if c.isascii() else "-" for c in words)[:MAX_SLUG - 9].strip("-")
    return f"{cut}-{digest}" if cut else digest


def slugs(values) -> dict[str, str]:
    """A distinct slug for each of values: two values that differ only in case or punctuation
    ("RM1557.13" and "rm1557-13") would share a page, and one would be lost, so each but the
    first of such values (in sorted order) gets its own hash on the end."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for value in sorted(values):
        candidate = slug(value)
        if candidate in taken:
            candidate = f"{candidate[:MAX_SLUG - 9]}-{hashlib.sha256(value.encode('utf-8')).hexdigest()[:8]}"
        taken.add(candidate)
        out[value] = candidate
    return out
