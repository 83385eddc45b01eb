"""Training, events and documents on the site: when an event is (in UK time), whether it is past,
upcoming events for the home page, the iCalendar feeds (site-wide and per principle, written by
the icalendar library), the facts and sections each of these item pages adds, and the files kept
beside documents, published as they are (validated: type, size, licence, no active content)."""

from __future__ import annotations

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from ..content import DOCUMENT, EVENT, TRAINING
from ..model import PRINCIPLES, Item, SiteModel
from .markup import SITE_TITLE, Output, attr, external, html_list, rel_url, text

UK = ZoneInfo("Europe/London")
UPCOMING_ON_HOME = 5


def _when(value: object) -> datetime.date | datetime.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value) if len(value) == 10 else datetime.datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        return None


def _day(when: datetime.date | datetime.datetime) -> datetime.date:
    return when.astimezone(UK).date() if isinstance(when, datetime.datetime) else when


def start_of(item: Item) -> datetime.date | datetime.datetime | None:
    return _when(item.data.get("start"))


def end_of(item: Item) -> datetime.date | datetime.datetime | None:
    return _when(item.data.get("end")) or start_of(item)


def is_past(item: Item, today: datetime.date) -> bool:
    end = end_of(item)
    return end is not None and _day(end) < today


def when_text(item: Item) -> str:
    """An event's dates and times in words, in UK time, e.g. '4 March 2027, 10:00 to 16:00 (UK time)'."""
    start, end = start_of(item), _when(item.data.get("end"))
    if start is None:
        return "date not stated"

    def day(d: datetime.date) -> str:
        return f"{d.day} {d:%B %Y}"
    if isinstance(start, datetime.datetime):
        start = start.astimezone(UK)
        words = f"{day(start.date())}, {start:%H:%M}"
        if isinstance(end, datetime.datetime):
            end = end.astimezone(UK)
            words += f" to {end:%H:%M}" if end.date() == start.date() else f" to {day(end.date())}, {end:%H:%M}"
        return words + " (UK time)"
    if isinstance(end, datetime.date) and not isinstance(end, datetime.datetime) and end != start:
        return f"{day(start)} to {day(end)}"
    return day(start)


def event_facets(item: Item, today: datetime.date) -> dict[str, list[str]]:
    """The facets of the events, training and documents listings that are not fields as written."""
    data = item.data
    if item.ctype is EVENT:
        start = start_of(item)
        return {"when": ["past" if is_past(item, today) else "upcoming"],
                "year": [str(_day(start).year) if start else "not stated"],
                "where": ["online" if data.get("online") is True else "in person" if data.get("place") else "not stated"]}
    if item.ctype is DOCUMENT:
        return {"licence": [data.get("licence") or "not stated"],
                "kept": ["kept here" if data.get("files") else "linked"]}
    return {}


def upcoming_events(model: SiteModel) -> list[str]:
    """The home page's next events (Markdown lines), and where the others and past ones are."""
    events = [e for e in model.items.get(EVENT.name, []) if not is_past(e, model.built_on) and start_of(e)]
    events.sort(key=lambda e: (_day(start_of(e)), e.title))
    lines = ["## Upcoming events", ""]
    if events:
        lines += [f"- {text(when_text(e))}: [{text(e.title)}]({e.src})" for e in events[:UPCOMING_ON_HOME]] + [""]
    else:
        lines += ["No upcoming events are listed yet. [Add one](templates.md) for others to join.", ""]
    lines += ["[All events, and past events](events/index.md) · [Subscribe in your calendar](feeds/events.ics)", ""]
    return lines


# ---- iCalendar ------------------------------------------------------------------------------

def _calendar(name: str, events: list[Item], base: str, built: datetime.date) -> bytes:
    from icalendar import Calendar, Event  # here, not at the top: a renderer imports this module and never draws a calendar

    calendar = Calendar()
    calendar.add("prodid", "-//Local Digital//localdigital//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{SITE_TITLE}: {name}")
    stamp = datetime.datetime.combine(built, datetime.time(), datetime.timezone.utc)
    for item in sorted(events, key=lambda e: (e.data.get("start", ""), e.id)):
        start = start_of(item)
        if start is None:
            continue
        event = Event()
        event.add("uid", f"{item.id}@{base.split('//', 1)[-1].strip('/')}")
        event.add("dtstamp", stamp)
        event.add("summary", item.title)
        if item.data.get("summary"):
            event.add("description", item.data["summary"])
        end = _when(item.data.get("end"))
        if isinstance(start, datetime.datetime):
            event.add("dtstart", start.astimezone(datetime.timezone.utc))
            if isinstance(end, datetime.datetime):
                event.add("dtend", end.astimezone(datetime.timezone.utc))
        else:
            event.add("dtstart", start)
            last = end if isinstance(end, datetime.date) and not isinstance(end, datetime.datetime) else start
            event.add("dtend", last + datetime.timedelta(days=1))  # all-day events end the day after (RFC 5545)
        where = "Online" if item.data.get("online") is True else item.data.get("place")
        if where:
            event.add("location", where)
        event.add("url", base + item.url)
        calendar.add_component(event)
    return calendar.to_ical()


def calendar_feeds(model: SiteModel, site_url: str) -> Output:
    base = site_url.rstrip("/") + "/"
    events = model.items.get(EVENT.name, [])
    out: Output = {"feeds/events.ics": _calendar("events", events, base, model.built_on)}
    for number, name in PRINCIPLES.items():
        out[f"feeds/events-principle-{number}.ics"] = _calendar(f"events under principle {number}, {name}",
                                                               [e for e in events if number in e.principles], base, model.built_on)
    return out


# ---- on item pages --------------------------------------------------------------------------

STATUS_WORDS = {"running": "running", "ended": "ended: no longer offered", "paused": "paused", "pilot": "a pilot",
                "planned": "planned", "unknown": "not known"}


def type_facts(item: Item, model: SiteModel) -> list[tuple[str, str]]:
    """Facts rows (label, escaped HTML) that training, events and documents add."""
    data, rows = item.data, []
    if item.ctype is TRAINING and data.get("status"):
        words = STATUS_WORDS.get(data["status"], data["status"])
        if data.get("status_as_at"):
            words += f", as at {data['status_as_at']}"
        rows.append(("Status", text(words)))
    if item.ctype is EVENT:
        rows.append(("When", text(when_text(item)) + (" <strong>(past event)</strong>" if is_past(item, model.built_on) else "")))
        if data.get("online") is True or data.get("place"):
            rows.append(("Where", text("Online" if data.get("online") is True else data["place"])))
    if item.ctype is DOCUMENT:
        rows.append(("Licence", text(data.get("licence") or "licence not stated")))
    return rows


def type_sections(item: Item) -> list[str]:
    """Sections (Markdown lines) that training, events and documents add to their pages."""
    data, here, lines = item.data, item.src, []
    if item.ctype is EVENT:
        links = [external(data["booking"], "Book a place")] if data.get("booking") else []
        links += [external(data["link"], "The event's own page")] if data.get("link") else []
        if links:
            lines += ["## Booking" if data.get("booking") else "## The event's page", "", html_list(links), ""]
        lines += [f'<p><a href="{attr(rel_url(here, "feeds/events.ics"))}">Add the events calendar to your calendar app</a></p>', ""]
    if item.ctype is TRAINING and data.get("link"):
        lines += ["## Where to find it", "", html_list([external(data["link"], data["link"])]), ""]
    if item.ctype is DOCUMENT:
        lines += ["## The document", ""]
        entries = []
        for entry in data.get("files") or []:
            name = entry["file"]
            target = rel_url(here, f"documents/{item.id}/{name}")
            entries.append(f'<a href="{attr(target)}">{text(entry["title"])}</a> ({text(name.rpartition(".")[2].upper())}, kept here)')
        if data.get("link"):
            note = " (a page that links to the document)" if data.get("link_is_document") is False else ""
            entries.append(external(data["link"], "Where it lives") + text(note))
        lines += [html_list(entries), ""]
        if not data.get("licence"):
            lines += ["Licence not stated: the source gives no licence, so this site links to the document and does not "
                      "keep a copy. Ask its publisher before reusing it.", ""]
    return lines


def document_files(model: SiteModel, root: Path) -> Output:
    """The files kept beside each valid document, published at documents/<id>/<file>."""
    out: Output = {}
    for item in model.items.get(DOCUMENT.name, []):
        for entry in item.data.get("files") or []:
            out[f"documents/{item.id}/{entry['file']}"] = (root / DOCUMENT.folder / item.id / entry["file"]).read_bytes()
    return out
