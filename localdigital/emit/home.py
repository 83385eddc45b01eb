"""The home page: the community at a glance. What the Declaration is, in two sentences; counts
that link to their listings (an invitation where there is nothing yet); the three calls to
action; upcoming events where the site has any; the latest additions by the content's own dates;
the five principles in plain words."""

from __future__ import annotations

import datetime
import html

from ..content import CONTENT_TYPES, SIGNATORY
from ..model import PRINCIPLES, Item, SiteModel
from .declaration import FUND_ROUNDS, PRINCIPLE_PLAIN
from .events import when_text
from .markup import DECLARATION_URL, Page, attr, front, rel_url, text

HERE = "index.md"
# The content's own date, where it has one, in order of preference: when it was signed,
# published, started, awarded or takes place; then a funded project's round (FUND_ROUNDS).
# Items with none are dated by their first commit ("added here").
OWN_DATES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("signed_on",), "signed"), (("published",), "published"), (("started",), "started"), (("award", "date"), "awarded"),
    (("start",), "takes place"), (("date",), "dated"))


def dated(item: Item) -> tuple[datetime.date, str] | None:
    """own_date with what the date is: signed, published, funded, … or "added here" (first commit)."""
    for path, kind in OWN_DATES:
        value: object = item.data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, str) and len(value) >= 10:
            try:
                return datetime.date.fromisoformat(value[:10]), kind
            except ValueError:
                continue
    funding = item.data.get("funding")
    if isinstance(funding, dict):
        announced = FUND_ROUNDS.get((str(funding.get("programme")), str(funding.get("round"))))
        if announced is not None:
            return datetime.date.fromisoformat(announced.text), "funded"
    return (item.first_published, "added here") if item.first_published else None


def own_date(item: Item) -> datetime.date | None:
    """The date the content itself gives (signed, published, started, awarded, an event's start;
    for a funded project, when its fund's round was announced), else its first commit's date, else None."""
    found = dated(item)
    return found[0] if found else None


def latest(model: SiteModel, count: int = 8) -> list[tuple[datetime.date, Item]]:
    """The newest items by own_date, none dated after today (an event still to come is not an addition)."""
    found = [(d, i) for i in model.all_items() if (d := own_date(i)) is not None and d <= model.built_on]
    return sorted(found, key=lambda pair: (pair[0], pair[1].title), reverse=True)[:count]


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _listing(ctype) -> str:
    return f"{ctype.folder.removeprefix('content/')}/"


def _counts(model: SiteModel) -> str:
    cards = []
    for ctype in CONTENT_TYPES:
        n = len(model.items[ctype.name])
        href = attr(rel_url(HERE, _listing(ctype)))
        if n:
            cards.append(f'<li><a href="{href}"><span class="ld-count-figure">{n}</span> {html.escape(ctype.plural.lower() if n != 1 else ctype.label)}</a></li>')
        else:
            cards.append(f'<li><span class="ld-count-figure">None yet</span> <a href="{href}">Add the first {html.escape(ctype.label)}</a></li>')
    return '<ul class="ld-cards" aria-label="What the community has shared">' + "".join(cards) + "</ul>"


def _upcoming(model: SiteModel) -> list[str]:
    """Events from today on, where the site has an event type (another part of the site adds it)."""
    events = model.items.get("event")
    if events is None:
        return []
    ahead = sorted(((d, e) for e in events if (d := own_date(e)) is not None and d >= model.built_on), key=lambda p: p[0])[:5]
    lines = ["## Upcoming events", ""]
    if ahead:
        lines.append("<ul>" + "".join(f'<li>{text(when_text(e))}: <a href="{attr(rel_url(HERE, e.url))}">{text(e.title)}</a></li>'
                                      for _d, e in ahead) + "</ul>")
        lines += ["", f'<a href="{attr(rel_url(HERE, "events/"))}">All events, and past events</a> · '
                      f'<a href="{attr(rel_url(HERE, "feeds/events.ics"))}">Subscribe in your calendar</a>']
    else:
        lines.append(f'No events are coming up. <a href="{attr(rel_url(HERE, "events/"))}">See past events or add one</a>.')
    return lines + [""]


def home_page(model: SiteModel) -> Page:
    lines = [front("Local Digital", hide=["toc"]) + "# Local Digital", "",
             '<p class="ld-lead">The <a href="' + attr(DECLARATION_URL) + '" rel="noopener">Local Digital Declaration</a> '
             "(2018) asks councils and other public bodies to commit to five principles for better local public services, "
             "built on shared, open technology. This is its open community site: who has signed; the case studies, "
             "documents, procurement briefs, patterns and projects they share so that others can reuse them; training "
             "and events; and where councils stand against the principles.</p>", "",
             _counts(model), "",
             '<div class="ld-actions">'
             f'<a class="md-button md-button--primary" href="{attr(rel_url(HERE, "how-to-sign/"))}">Sign the Declaration</a>'
             f'<a class="md-button" href="{attr(rel_url(HERE, "templates/"))}">Share your work</a>'
             f'<a class="md-button" href="{attr(rel_url(HERE, "partners/"))}">Find partners</a></div>', "",
             "New here? Read [how to sign](how-to-sign.md) (first check whether your organisation is already listed) "
             "and [how to share](how-to-share.md). Words the site uses are explained in the [glossary](glossary.md).", ""]
    if model.items[SIGNATORY.name]:
        lines += ["See where signatories are on the [map and charts](statistics.md).", ""]
    lines += _upcoming(model)
    lines += ["## Latest additions", ""]
    recent = latest(model)
    if recent:
        lines.append("<ul>" + "".join(
            f'<li><a href="{attr(rel_url(HERE, i.url))}">{text(i.title)}</a> ({text(i.ctype.label)}), '
            f'{text(dated(i)[1])} {_day(d)}</li>' for d, i in recent) + "</ul>")
        lines += ["", "Dated by the content itself (signed, published, started, awarded, or the funding round's announcement), "
                  "or by when it was added here. "
                  "[Follow new additions](feeds/all.xml) in a feed reader.", ""]
    else:
        lines += ["Nothing has been added yet. [Share your work](templates.md) to be the first.", ""]
    lines += ["## The five principles", "",
              "<ol>" + "".join(f'<li><a href="{attr(rel_url(HERE, f"principles/{n}/"))}">{text(name)}</a>: {text(PRINCIPLE_PLAIN[n])}</li>'
                               for n, name in PRINCIPLES.items()) + "</ol>", ""]
    return Page("\n".join(lines), None)
