"""The statistics page's sections on what is shared beyond signatories (issue 14): documents by
kind, courses and programmes by status, events upcoming and past. Each is a sentence in words,
a bar chart and its data table, drawn by statistics.py's helpers."""

from __future__ import annotations

from collections import Counter

from ..content import DOCUMENT, EVENT, TRAINING
from ..model import SiteModel
from .events import is_past
from .markup import Page
from .statistics import _e, _figure, _paragraph, bar_chart, html_table


def _section(chart_id: str, title: str, column: str, rows: list[tuple[str, int]], noun: str) -> list[str]:
    total = sum(n for _label, n in rows)
    if not total:
        return [f"## {title}", "", _paragraph(f"No {noun} yet."), ""]
    words = "; ".join(f"{label}: {n}" for label, n in rows)
    chart = bar_chart(chart_id, title, f"Bar chart of {title[0].lower()}{title[1:]}: {words}.", rows)
    table = html_table(title, [column, noun.capitalize()], [[_e(label), str(n)] for label, n in rows], footer=["Total", str(total)])
    return [f"## {title}", "", _paragraph(f"{total} {noun}: {words}."), "", _figure(chart), "", table, ""]


def with_shared_statistics(page: Page, model: SiteModel) -> Page:
    documents = Counter(str(i.data.get("kind", "not stated")).replace("-", " ") for i in model.items.get(DOCUMENT.name, []))
    training = Counter(str(i.data.get("status", "unknown")) for i in model.items.get(TRAINING.name, []))
    events = Counter("past" if is_past(i, model.built_on) else "upcoming" for i in model.items.get(EVENT.name, []))
    lines = _section("chart-documents", "Shared documents by kind", "Kind", sorted(documents.items()), "documents")
    lines += _section("chart-training", "Courses and programmes by status", "Status", sorted(training.items()),
                      "courses and programmes")
    lines += _section("chart-events", "Events, upcoming and past", "When", [("upcoming", events["upcoming"]), ("past", events["past"])],
                      "events")
    return Page(page.markdown.rstrip("\n") + "\n\n" + "\n".join(lines), page.source)
