"""Charts: pure functions from the site model to inline SVG, and the Statistics page that shows them.

Each chart is a string of SVG built here (no plotting library, no scripts, no external references):
  - cumulative signatories by year signed (signatories with a `signed_on` date only),
  - signatories by nation, and by English region (both from the register),
  - a map of signatories that have coordinates in the register, over faint dots for every current
    council (the outline comes only from the register's own coordinates, not from a coastline).

Every SVG has role="img" and a <title> and <desc> named by aria-labelledby, and every chart is
followed on the page by an HTML table of the same numbers. Text and axes use `currentColor`, so the
theme's light and dark palettes both apply; bars and dots use BAR_COLOUR, which has at least 3:1
contrast against both palettes' backgrounds (see `contrast`, checked by the tests).
"""

from __future__ import annotations

import html
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Item, SiteModel
from .markup import Page, front, rel_url

BAR_COLOUR = "#5c6bc0"  # Material indigo 400: 4.9:1 on white, 3.3:1 on the slate background
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#1e2129"  # Material's slate scheme
NOT_STATED = "Not stated"  # as the signatory listing's facets word a missing nation or region
PAGE_SRC = "statistics.md"

_FONT = 'font-family="inherit" font-size="13"'


# ---- colour -----------------------------------------------------------------------------

def _luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    value = colour.lstrip("#")
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two #rrggbb colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# ---- the numbers ------------------------------------------------------------------------

@dataclass(frozen=True)
class YearRow:
    year: int
    signed: int  # signed that year
    total: int  # signed that year or before


def _signatories(model: SiteModel) -> list[Item]:
    return model.items.get("signatory", [])


def _year(item: Item) -> int | None:
    value = str(item.data.get("signed_on") or "")
    return int(value[:4]) if value[:4].isdigit() else None


def signatories_by_year(model: SiteModel) -> tuple[list[YearRow], int]:
    """Rows from the first year anyone signed to the last (years with no signing included), and
    how many signatories have no `signed_on` date (they are not in the rows)."""
    years = [_year(item) for item in _signatories(model)]
    counts = Counter(y for y in years if y is not None)
    undated = sum(1 for y in years if y is None)
    rows: list[YearRow] = []
    if counts:
        total = 0
        for year in range(min(counts), max(counts) + 1):
            total += counts[year]
            rows.append(YearRow(year, counts[year], total))
    return rows, undated


def _current_councils(model: SiteModel) -> list:
    """Every current council in the mySociety register, once each (alias codes share the object)."""
    seen: dict[str, object] = {}
    for body in model.registers.organisations.values():
        if body.register == "uk-local-authorities" and body.kind == "local-authority" and body.end is None:
            seen.setdefault(body.code, body)
    return sorted(seen.values(), key=lambda b: b.code)


def _nation(item: Item) -> str:
    return (item.org.nation if item.org else None) or NOT_STATED


def signatories_by_nation(model: SiteModel) -> list[tuple[str, int]]:
    """(nation, signatories) for every nation in the register, alphabetically, even with none;
    signatories with no nation in the register (UK government bodies, bodies outside the
    registers) come last as "Not stated"."""
    counts = Counter(_nation(item) for item in _signatories(model))
    nations = {b.nation for b in _current_councils(model) if b.nation} | (set(counts) - {NOT_STATED})
    rows = [(nation, counts[nation]) for nation in sorted(nations)]
    if counts[NOT_STATED]:
        rows.append((NOT_STATED, counts[NOT_STATED]))
    return rows


def signatories_by_region(model: SiteModel) -> list[tuple[str, int]]:
    """(English region, signatories in England there) for every English region in the register,
    alphabetically, even with none; English signatories with no region come last as "Not stated"."""
    english = [item for item in _signatories(model) if _nation(item) == "England"]
    counts = Counter((item.org.region if item.org else None) or NOT_STATED for item in english)
    regions = ({b.region for b in _current_councils(model) if b.nation == "England" and b.region}
               | (set(counts) - {NOT_STATED}))
    rows = [(region, counts[region]) for region in sorted(regions)]
    if counts[NOT_STATED]:
        rows.append((NOT_STATED, counts[NOT_STATED]))
    return rows


@dataclass(frozen=True)
class MapData:
    background: list[tuple[float, float]]  # (lat, lon) of every current council
    plotted: list[tuple[Item, float, float]]  # signatories with coordinates, by name
    unplotted: list[Item]  # signatories without coordinates in the register


def map_data(model: SiteModel) -> MapData:
    background = [(b.lat, b.lon) for b in _current_councils(model) if b.lat is not None and b.lon is not None]
    plotted, unplotted = [], []
    for item in _signatories(model):
        body = item.org
        if body is not None and body.lat is not None and body.lon is not None:
            plotted.append((item, body.lat, body.lon))
        else:
            unplotted.append(item)
    plotted.sort(key=lambda row: row[0].title.lower())
    return MapData(background, plotted, unplotted)


# ---- SVG --------------------------------------------------------------------------------

def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _n(value: float) -> str:
    """A coordinate, short: 12.0 -> 12, 12.345 -> 12.3."""
    return f"{value:.1f}".removesuffix(".0")


def _svg(chart_id: str, width: float, height: float, title: str, desc: str, body: Iterable[str]) -> str:
    """One accessible SVG: role=img, named and described by its own <title> and <desc>. No blank
    lines inside, so Markdown keeps it as one raw HTML block."""
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" '
            f'width="{_n(width)}" height="{_n(height)}" role="img" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="ld-chart" {_FONT}>')  # sized by site.css
    return "\n".join([head, f'<title id="{chart_id}-title">{_e(title)}</title>',
                      f'<desc id="{chart_id}-desc">{_e(desc)}</desc>', *body, "</svg>"])


def _nice_step(largest: int, ticks: int = 5) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if largest / step <= ticks:
            return step
    return math.ceil(largest / ticks)


def _message(chart_id: str, title: str, message: str) -> str:
    return _svg(chart_id, 640, 60, title, message,
                [f'<text x="10" y="35" fill="currentColor">{_e(message)}</text>'])


def column_chart(chart_id: str, title: str, desc: str, rows: Sequence[tuple[str, int]], y_label: str) -> str:
    """Vertical columns, one per row (label, value), with a value above each and a y axis."""
    if not rows:
        return _message(chart_id, title, desc)
    width, height = 640, 300
    left, right, top, bottom = 48, 12, 28, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    largest = max(value for _label, value in rows)
    step = _nice_step(max(largest, 1))
    top_value = max(step, math.ceil(largest / step) * step)
    slot = plot_w / len(rows)
    bar_w = min(56.0, slot * 0.7)
    base = top + plot_h
    body = [f'<text x="{left}" y="16" fill="currentColor">{_e(y_label)}</text>']
    for tick in range(0, top_value + 1, step):
        y = base - plot_h * tick / top_value
        body.append(f'<line x1="{left}" y1="{_n(y)}" x2="{width - right}" y2="{_n(y)}" stroke="currentColor" '
                    f'stroke-opacity="{0.6 if tick == 0 else 0.15}" stroke-width="1"/>')
        body.append(f'<text x="{left - 6}" y="{_n(y + 4)}" text-anchor="end" fill="currentColor">{tick}</text>')
    for index, (label, value) in enumerate(rows):
        centre = left + slot * (index + 0.5)
        bar_h = plot_h * value / top_value
        body.append(f'<rect x="{_n(centre - bar_w / 2)}" y="{_n(base - bar_h)}" width="{_n(bar_w)}" '
                    f'height="{_n(bar_h)}" fill="{BAR_COLOUR}"/>')
        body.append(f'<text x="{_n(centre)}" y="{_n(base - bar_h - 5)}" text-anchor="middle" '
                    f'fill="currentColor">{value}</text>')
        body.append(f'<text x="{_n(centre)}" y="{_n(base + 18)}" text-anchor="middle" '
                    f'fill="currentColor">{_e(label)}</text>')
    return _svg(chart_id, width, height, title, desc, body)


def bar_chart(chart_id: str, title: str, desc: str, rows: Sequence[tuple[str, int]]) -> str:
    """Horizontal bars, one per row (label, value), label on the left and the value after the bar."""
    if not rows:
        return _message(chart_id, title, desc)
    row_h, top = 28, 8
    label_w = min(260, 16 + 7.5 * max(len(label) for label, _v in rows))
    width = 640
    plot_w = width - label_w - 48
    largest = max(max(value for _l, value in rows), 1)
    height = top * 2 + row_h * len(rows)
    body = [f'<line x1="{_n(label_w)}" y1="{top}" x2="{_n(label_w)}" y2="{height - top}" stroke="currentColor" '
            f'stroke-opacity="0.6" stroke-width="1"/>']
    for index, (label, value) in enumerate(rows):
        y = top + row_h * index
        bar = plot_w * value / largest
        body.append(f'<text x="{_n(label_w - 8)}" y="{y + 19}" text-anchor="end" fill="currentColor">{_e(label)}</text>')
        if value:
            body.append(f'<rect x="{_n(label_w)}" y="{y + 5}" width="{_n(bar)}" height="{row_h - 10}" fill="{BAR_COLOUR}"/>')
        body.append(f'<text x="{_n(label_w + bar + 6)}" y="{y + 19}" fill="currentColor">{value}</text>')
    return _svg(chart_id, width, height, title, desc, body)


def map_chart(chart_id: str, title: str, desc: str, data: MapData) -> str:
    """Dots on an equirectangular projection fitted to the points (longitude shrunk by the cosine
    of the middle latitude so the shape is not stretched). Faint: every current council; solid:
    signatories. A legend sits below the map."""
    points = data.background + [(lat, lon) for _item, lat, lon in data.plotted]
    if not points:
        return _message(chart_id, title, desc)
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    squash = math.cos(math.radians((south + north) / 2))
    span_x, span_y = max((east - west) * squash, 0.5), max(north - south, 0.5)
    map_h, pad, legend_h = 560.0, 12.0, 56
    scale = (map_h - 2 * pad) / span_y
    width = max(span_x * scale + 2 * pad, 300.0)
    offset_x = (width - span_x * scale) / 2

    def xy(lat: float, lon: float) -> tuple[str, str]:
        return _n(offset_x + (lon - west) * squash * scale), _n(pad + (north - lat) * scale)

    body = ['<g fill="currentColor" fill-opacity="0.22">']
    for lat, lon in data.background:
        x, y = xy(lat, lon)
        body.append(f'<circle cx="{x}" cy="{y}" r="2.2"/>')
    body.append("</g>")
    body.append(f'<g fill="{BAR_COLOUR}" stroke="currentColor" stroke-width="1">')
    for item, lat, lon in data.plotted:
        x, y = xy(lat, lon)
        body.append(f'<circle cx="{x}" cy="{y}" r="5"><title>{_e(item.title)}</title></circle>')
    body.append("</g>")
    legend_y = map_h + 14
    body += [f'<circle cx="{_n(pad + 6)}" cy="{_n(legend_y)}" r="5" fill="{BAR_COLOUR}" stroke="currentColor" stroke-width="1"/>',
             f'<text x="{_n(pad + 18)}" y="{_n(legend_y + 4)}" fill="currentColor">Signatory</text>',
             f'<circle cx="{_n(pad + 6)}" cy="{_n(legend_y + 22)}" r="2.2" fill="currentColor" fill-opacity="0.22"/>',
             f'<text x="{_n(pad + 18)}" y="{_n(legend_y + 26)}" fill="currentColor">Other current council</text>']
    return _svg(chart_id, width, map_h + legend_h, title, desc, body)


# ---- words and tables -------------------------------------------------------------------

def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _join(parts: Sequence[str], conjunction: str = "and") -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {conjunction} " + parts[-1]


def html_table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]],
               footer: Sequence[str] | None = None) -> str:
    """An HTML table with a caption; the first cell of each row is its header. Cells are already
    escaped HTML (use _e for text); the caption and headers are escaped here."""
    out = ["<table>", f"<caption>{_e(caption)}</caption>",
           "<thead><tr>" + "".join(f'<th scope="col">{_e(h)}</th>' for h in headers) + "</tr></thead>", "<tbody>"]
    for row in rows:
        out.append(f'<tr><th scope="row">{row[0]}</th>' + "".join(f"<td>{cell}</td>" for cell in row[1:]) + "</tr>")
    out.append("</tbody>")
    if footer:
        out.append(f'<tfoot><tr><th scope="row">{_e(footer[0])}</th>'
                   + "".join(f"<td>{_e(cell)}</td>" for cell in footer[1:]) + "</tr></tfoot>")
    out.append("</table>")
    return "\n".join(out)


def _paragraph(words: str) -> str:
    """A sentence in words as a raw HTML paragraph, escaped here. (emit.text() is not used: it turns
    the entity html.escape makes for an apostrophe into visible text, "King&#x27;s".)"""
    return f'<p class="ld-summary">{_e(words)}</p>'


def _figure(svg: str) -> str:
    return '<div class="ld-figure">\n' + svg + "\n</div>"


def _rel_url(to_url: str) -> str:
    return rel_url(PAGE_SRC, to_url)


def years_section(model: SiteModel) -> list[str]:
    rows, undated = signatories_by_year(model)
    everyone = len(_signatories(model))
    dated = everyone - undated
    if rows:
        summary = (f"{dated} of {plural(everyone, 'signatory', 'signatories')} {'has' if dated == 1 else 'have'} "
                   f"a signing date: the first signed in {rows[0].year}, and {rows[-1].total} had signed by the end "
                   f"of {rows[-1].year}.")
    else:
        summary = f"None of the {plural(everyone, 'signatory', 'signatories')} has a signing date yet, so there is nothing to chart."
    if undated and rows:
        summary += (f" {plural(undated, 'signatory has', 'signatories have')} no signing date recorded, "
                    "so the chart and table leave them out.")
    title = "Signatories over time, by year signed"
    desc = (f"Column chart of the total number of signatories with a signing date, at the end of each year from "
            f"{rows[0].year} to {rows[-1].year}: " + "; ".join(f"{r.year}: {r.total}" for r in rows) + "."
            if rows else summary)
    chart = column_chart("chart-years", title, desc, [(str(r.year), r.total) for r in rows], "Total signatories")
    caption = "Signatories by year signed" + (f" ({plural(undated, 'signatory', 'signatories')} with no date not counted)"
                                              if undated else "")
    table = html_table(caption, ["Year", "Signed that year", "Total so far"],
                       [[str(r.year), str(r.signed), str(r.total)] for r in rows],
                       footer=["No date recorded", str(undated), ""] if undated else None)
    return ["## Signatories over time", "", _paragraph(summary), "", _figure(chart), "", table, ""]


def _count_phrase(rows: Sequence[tuple[str, int]], preposition: str = "in") -> tuple[list[str], list[str]]:
    """'3 in England' phrases for rows with signatories (most first), and the names of rows with none."""
    some = [(label, n) for label, n in rows if n and label != NOT_STATED]
    some.sort(key=lambda pair: (-pair[1], pair[0]))
    return [f"{n} {preposition} {label}" for label, n in some], [label for label, n in rows if not n and label != NOT_STATED]


def nations_section(model: SiteModel) -> list[str]:
    rows = signatories_by_nation(model)
    return _bar_section("chart-nations", "Signatories by nation", "Nation", rows,
                        opening=plural(len(_signatories(model)), "signatory", "signatories"),
                        unstated="with no nation in the register (UK government bodies and organisations outside the registers)",
                        total=("Total", sum(n for _l, n in rows)))


def regions_section(model: SiteModel) -> list[str]:
    rows = signatories_by_region(model)
    english = sum(n for _l, n in rows)
    return _bar_section("chart-regions", "Signatories in England by region", "Region", rows,
                        opening=f"{plural(english, 'signatory is', 'signatories are')} in England",
                        unstated="with no region in the register", total=("Total in England", english))


def _bar_section(chart_id: str, title: str, column: str, rows: list[tuple[str, int]], *, opening: str,
                 unstated: str, total: tuple[str, int]) -> list[str]:
    """A section of counts by place: a summary in words, the bar chart and its data table."""
    phrases, none = _count_phrase(rows)
    count_unstated = dict(rows).get(NOT_STATED, 0)
    if count_unstated:
        phrases.append(f"{count_unstated} {unstated}")
    summary = opening + (f": {_join(phrases)}." if phrases else ".")
    if none:
        summary += f" None yet in {_join(none, 'or')}."
    desc = f"Bar chart of {title[0].lower()}{title[1:]}: " + "; ".join(f"{label}: {n}" for label, n in rows) + "."
    chart = bar_chart(chart_id, title, desc, rows)
    table = html_table(title, [column, "Signatories"], [[_e(label), str(n)] for label, n in rows],
                       footer=[total[0], str(total[1])])
    return [f"## {title}", "", _paragraph(summary), "", _figure(chart), "", table, ""]


def map_section(model: SiteModel) -> list[str]:
    data = map_data(model)
    everyone = len(_signatories(model))
    summary = (f"{len(data.plotted)} of {plural(everyone, 'signatory', 'signatories')} "
               f"{'has' if len(data.plotted) == 1 else 'have'} a location in the register and "
               f"{'is' if len(data.plotted) == 1 else 'are'} shown as solid dots. The faint dots are all "
               f"{len(data.background)} current councils, placed by the coordinates in the register: they give the outline of the UK.")
    if data.unplotted:
        summary += (f" {plural(len(data.unplotted), 'signatory has', 'signatories have')} no location in the register "
                    f"and {'is' if len(data.unplotted) == 1 else 'are'} not shown: {_join([i.title for i in data.unplotted])}.")
    title = "Map of signatories"
    desc = (f"Map of the UK drawn from the register's council coordinates: {len(data.plotted)} signatories as solid dots "
            f"over {len(data.background)} current councils as faint dots. The table after the map lists each signatory shown.")
    chart = map_chart("chart-map", title, desc, data)
    rows = []
    for item, lat, lon in data.plotted:
        body = item.org
        rows.append([f'<a href="{_e(_rel_url(item.url))}">{_e(item.title)}</a>', _e(body.type_name if body else ""),
                     _e((body.region if body else None) or NOT_STATED), _e((body.nation if body else None) or NOT_STATED),
                     f"{lat:.3f}", f"{lon:.3f}"])
    table = html_table(f"Signatories on the map ({len(data.plotted)})",
                       ["Signatory", "Type", "Region", "Nation", "Latitude", "Longitude"], rows)
    return ["## Map of signatories", "", _paragraph(summary), "", _figure(chart), "", table, ""]


def statistics_page(model: SiteModel) -> Page:
    """The Statistics page: each chart with a sentence in words before it and its data table after it."""
    lines = [front("Statistics", description="Signatories of the Local Digital Declaration over time, "
                                             "by nation and region, and on a map.") + "# Statistics", "",
             "Counted from the signatory files and the registers each time the site is built "
             f"(last built {model.built_on.isoformat()}). Each chart is followed by a table of the same numbers.", ""]
    lines += years_section(model)
    lines += nations_section(model)
    lines += regions_section(model)
    lines += map_section(model)
    return Page("\n".join(lines), None)
