"""Atom feeds: every new item, one per content type (named by its folder), one per principle."""

from __future__ import annotations

import datetime

from feedgen.feed import FeedGenerator

from ..content import CONTENT_TYPES, SIGNATORY
from ..model import PRINCIPLES, Item, SiteModel
from .markup import LICENCE, SITE_TITLE, Output

def atom_feed(name: str, title: str, items: list[Item], base: str, built_on: datetime.date) -> bytes:
    """The Atom feed at feeds/<name>.xml: the newest 50 of items that have a first-published date."""
    generator = FeedGenerator()
    generator.id(base + f"feeds/{name}.xml")
    generator.title(f"{SITE_TITLE}: {title}")
    generator.link(href=base, rel="alternate")
    generator.link(href=base + f"feeds/{name}.xml", rel="self")
    generator.language("en-GB")
    generator.rights(LICENCE)
    dated = [i for i in items if i.first_published]
    newest = max((i.last_updated for i in dated), default=built_on)
    generator.updated(datetime.datetime.combine(newest, datetime.time(), datetime.timezone.utc))
    for item in sorted(dated, key=lambda i: (i.first_published, i.id))[-50:]:
        entry = generator.add_entry()
        entry.id(base + item.url)
        entry.title(item.title)
        entry.link(href=base + item.url)
        entry.published(datetime.datetime.combine(item.first_published, datetime.time(), datetime.timezone.utc))
        entry.updated(datetime.datetime.combine(item.last_updated, datetime.time(), datetime.timezone.utc))
        entry.summary(item.data.get("summary") or f"{item.ctype.label.capitalize()}: {item.title}")
        entry.category(term=item.ctype.name, label=item.ctype.label)
    return generator.atom_str(pretty=True)


def feeds(model: SiteModel, site_url: str) -> Output:
    out: Output = {}
    base = site_url.rstrip("/") + "/"
    dated = [i for i in model.all_items() if i.first_published]

    def feed(name: str, title: str, items: list[Item]) -> None:
        out[f"feeds/{name}.xml"] = atom_feed(name, title, items, base, model.built_on)

    feed("all", "everything new", dated)
    feed("signatories", "new signatories", [i for i in dated if i.ctype is SIGNATORY])
    feed("artefacts", "new case studies, briefs, patterns and projects", [i for i in dated if i.ctype is not SIGNATORY])
    for number, name in PRINCIPLES.items():
        feed(f"principle-{number}", f"principle {number}, {name}", [i for i in dated if number in i.principles])
    for ctype in CONTENT_TYPES:  # one per listing, named by its folder (signatories.xml is above)
        folder = ctype.folder.removeprefix("content/")
        if f"feeds/{folder}.xml" not in out:
            feed(folder, f"new {ctype.plural.lower()}", [i for i in dated if i.ctype is ctype])
    return out
