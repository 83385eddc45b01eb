"""Statistics of procurement briefs (issue 15): how many briefs name each agreement, and how
many there are per year. Drawn with the Statistics page's own charts and tables
(statistics.py), each chart with a sentence before it and a table of the same numbers after it."""

from __future__ import annotations

from collections import Counter

from ..model import SiteModel
from .briefs import agreement_of, agreement_url
from .statistics import _e, _figure, _paragraph, _rel_url, bar_chart, column_chart, html_table, plural

NOT_STATED = "No agreement named"


def briefs_by_agreement(model: SiteModel) -> list[tuple[str, str | None, int]]:
    """(agreement title, its page's URL, briefs) with the most used first; briefs that name
    no agreement (or one the register does not know) last, under their own label."""
    counts: Counter[str] = Counter()
    urls: dict[str, str | None] = {}
    for brief in model.items["procurement-brief"]:
        agreement = agreement_of(brief, model)
        title = agreement.title if agreement else NOT_STATED
        counts[title] += 1
        urls[title] = agreement_url(agreement) if agreement else None
    rows = sorted(((t, urls[t], n) for t, n in counts.items() if t != NOT_STATED), key=lambda r: (-r[2], r[0]))
    if counts[NOT_STATED]:
        rows.append((NOT_STATED, None, counts[NOT_STATED]))
    return rows


def briefs_by_year(model: SiteModel) -> tuple[list[tuple[int, int]], int]:
    """(year, briefs) for every year from the first to the last (years with none included), and
    how many briefs give no year."""
    years = [b.data.get("year") for b in model.items["procurement-brief"]]
    counts = Counter(y for y in years if isinstance(y, int))
    undated = sum(1 for y in years if not isinstance(y, int))
    if not counts:
        return [], undated
    return [(y, counts[y]) for y in range(min(counts), max(counts) + 1)], undated


def brief_sections(model: SiteModel) -> list[str]:
    total = len(model.items["procurement-brief"])
    rows = briefs_by_agreement(model)
    named = sum(n for t, _u, n in rows if t != NOT_STATED)
    summary = (f"{named} of {plural(total, 'procurement brief', 'procurement briefs')} "
               f"{'names' if named == 1 else 'name'} a Crown Commercial Service agreement in the register"
               + (f"; the most used is {rows[0][0]}, with {plural(rows[0][2], 'brief', 'briefs')}." if named else "."))
    chart = bar_chart("chart-agreements", "Procurement briefs by agreement",
                      "Bar chart of procurement briefs by the agreement they name: "
                      + "; ".join(f"{t}: {n}" for t, _u, n in rows) + "." if rows else "No procurement briefs yet.",
                      [(t, n) for t, _u, n in rows])
    table = html_table("Procurement briefs by agreement", ["Agreement", "Briefs"],
                       [[f'<a href="{_e(_rel_url(u))}">{_e(t)}</a>' if u else _e(t), str(n)] for t, u, n in rows],
                       footer=["Total", str(total)])
    lines = ["## Procurement briefs by agreement", "", _paragraph(summary), "", _figure(chart), "", table, ""]
    years, undated = briefs_by_year(model)
    if years:
        summary = (f"{total - undated} of {plural(total, 'procurement brief', 'procurement briefs')} give a year, "
                   f"from {years[0][0]} to {years[-1][0]}.")
    else:
        summary = "No procurement brief gives a year yet, so there is nothing to chart."
    if undated and years:
        summary += f" {plural(undated, 'brief gives', 'briefs give')} no year and {'is' if undated == 1 else 'are'} left out."
    chart = column_chart("chart-brief-years", "Procurement briefs by year",
                         "Column chart of procurement briefs by year: " + "; ".join(f"{y}: {n}" for y, n in years) + "."
                         if years else summary, [(str(y), n) for y, n in years], "Briefs")
    table = html_table("Procurement briefs by year", ["Year", "Briefs"], [[str(y), str(n)] for y, n in years],
                       footer=["No year given", str(undated)] if undated else None)
    return lines + ["## Procurement briefs by year", "", _paragraph(summary), "", _figure(chart), "", table, ""]
