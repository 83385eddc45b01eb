"""Training, events and documents in a real build: their pages, listings with facets, past events
kept in an archive, upcoming events on the home page, the iCalendar feeds (parsed back by the
icalendar library), the Atom feed, open data, and a document's file published beside its page."""

from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path

import feedparser
import pytest
from icalendar import Calendar

from localdigital.build import build_site
from tests.hostile import documents as corpus
from tests.samples import site_with_issue14_content

@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = site_with_issue14_content(tmp_path_factory.mktemp("events") / "repo")
    assert build_site(root, root / "site") == 0
    return root / "site"


def test_the_calendar_feeds_parse_and_hold_the_events_in_utc(built: Path) -> None:
    calendar = Calendar.from_ical((built / "feeds/events.ics").read_bytes())
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Essex digital meet-up", "LocalGovCamp 2019"}
    meetup = events["Essex digital meet-up"]
    assert meetup.decoded("dtstart").isoformat() == "2099-03-04T13:00:00+00:00"
    assert str(meetup["location"]) == "Civic Centre, Chelmsford"
    assert str(meetup["url"]).endswith("/events/essex-meetup/")
    camp = events["LocalGovCamp 2019"]
    assert camp.decoded("dtstart").isoformat() == "2019-07-04" and camp.decoded("dtend").isoformat() == "2019-07-07"
    five = Calendar.from_ical((built / "feeds/events-principle-5.ics").read_bytes())
    assert [str(e["summary"]) for e in five.walk("VEVENT")] == ["Essex digital meet-up"]


def test_upcoming_events_are_on_the_home_page_and_past_ones_are_archived(built: Path) -> None:
    home = html.unescape((built / "index.html").read_text(encoding="utf-8"))
    section = home.split('id="upcoming-events"', 1)[1].split("<h2", 1)[0]
    assert "Essex digital meet-up" in section and "4 March 2099, 13:00 to 17:00 (UK time)" in section
    assert "LocalGovCamp 2019" not in section and "events.ics" in section
    past = (built / "events/by_when/past/index.html").read_text(encoding="utf-8")
    assert "LocalGovCamp 2019" in past and "Essex digital meet-up" not in past
    page = html.unescape((built / "events/localgovcamp-2019/index.html").read_text(encoding="utf-8"))
    assert "4 July 2019 to 6 July 2019" in page and "past event" in page


def test_an_ended_course_is_shown_as_ended(built: Path) -> None:
    page = html.unescape((built / "training/agile-for-officers/index.html").read_text(encoding="utf-8"))
    assert "ended: no longer offered, as at 2022-11-09" in page
    assert "Agile for council officers" in (built / "training/by_status/ended/index.html").read_text(encoding="utf-8")


def test_a_document_file_is_published_and_a_linked_one_says_licence_not_stated(built: Path) -> None:
    assert (built / "documents/waste-discovery/report.pdf").read_bytes() == corpus.clean_pdf()
    page = html.unescape((built / "documents/waste-discovery/index.html").read_text(encoding="utf-8"))
    assert 'href="report.pdf"' in page and "OGL-UK-3.0" in page
    linked = html.unescape((built / "documents/linked-alpha/index.html").read_text(encoding="utf-8"))
    assert "licence not stated" in linked and "Licence not stated" in linked and "a page that links to the document" in linked
    assert not (built / "documents/linked-alpha").joinpath("alpha").exists()


def test_open_data_and_the_atom_feed_include_the_new_types(built: Path) -> None:
    rows = json.loads((built / "data/events.json").read_text(encoding="utf-8"))
    assert {r["id"] for r in rows} == {"essex-meetup", "localgovcamp-2019"}
    table = list(csv.DictReader(io.StringIO((built / "data/documents.csv").read_text(encoding="utf-8"))))
    assert {r["id"] for r in table} == {"waste-discovery", "linked-alpha"}
    catalogue = json.loads((built / "data/data.json").read_text(encoding="utf-8"))
    assert {"training", "event", "document"} <= {d["type"] for d in catalogue["datasets"]}
    feed = feedparser.parse((built / "feeds/all.xml").read_bytes())
    assert not feed.bozo
    assert {"Essex digital meet-up", "Agile for council officers", "Waste service discovery report"} <= {e.title for e in feed.entries}


def test_the_statistics_page_counts_documents_training_and_events(built: Path) -> None:
    page = html.unescape((built / "statistics/index.html").read_text(encoding="utf-8"))
    assert "2 documents: alpha report: 1; discovery report: 1." in page
    assert "1 courses and programmes: ended: 1." in page
    assert "2 events: upcoming: 1; past: 1." in page
    assert 'id="chart-events"' in page or "chart-events" in page


def test_search_names_the_new_page_types(built: Path) -> None:
    from localdigital.build.search import page_kind
    assert [page_kind(u) for u in ("training/agile-for-officers/", "events/essex-meetup/", "documents/waste-discovery/",
                                   "events/")] == ["Training", "Event", "Document", "Listing"]
    page = (built / "events/essex-meetup/index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-filter="type:Event"' in page
