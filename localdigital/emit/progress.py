"""The sector's progress (progress/): per principle and criterion, how many councils rate
themselves not yet, partly or fully in their latest self-assessment, for all councils and by
council type, nation and region, and over time; each chart with its data table. And "who has done
this": per criterion, a page of its own (progress/<criterion>/) of the councils rating it fully, with
their evidence, linked from the progress page. No ranking of councils."""

from __future__ import annotations

import datetime

from ..load.criteria import STATUS_LABELS, STATUSES, Criteria
from ..model import PRINCIPLES, SiteModel
from .assessments import Assessment, evidence_links
from .markup import Page, attr, front, page_link, rel_url, slug, text
from .statistics import BAR_COLOUR, NOT_STATED, _e, _figure, _n, _paragraph, _svg, column_chart, html_table, plural

PAGE_SRC = "progress.md"
FILTERS = (("type", "Council type"), ("nation", "Nation"), ("region", "Region"))


def _latest(by_council: dict[str, list[Assessment]], on: datetime.date | None = None) -> list[Assessment]:
    """Each council's latest assessment (on or before a day)."""
    out = []
    for history in by_council.values():
        dated = [a for a in history if on is None or a.day <= on]
        if dated:
            out.append(dated[-1])
    return out


def counts(latest: list[Assessment], ident: str) -> dict[str, int]:
    tally = dict.fromkeys(STATUSES, 0)
    for assessment in latest:
        rating = assessment.ratings.get(ident)
        if rating is not None:
            tally[rating["status"]] += 1
    return tally


def _facet(assessment: Assessment, facet: str) -> str:
    body = assessment.council.org
    if body is None:
        return "Outside the registers" if facet == "type" else NOT_STATED
    return {"type": body.type_name, "nation": body.nation, "region": body.region}[facet] or NOT_STATED


def status_chart(chart_id: str, title: str, desc: str, groups: list[tuple[str, dict[str, int]]]) -> str:
    """Per criterion, its title on a line of its own, then a bar for each step of the scale, labelled
    in words (the steps are told apart by their labels, not by colour)."""
    width, label_w, row_h, head_h, top = 640, 84, 22, 24, 6
    plot_w = width - label_w - 48
    largest = max([max(tally.values()) for _t, tally in groups] + [1])
    body, y = [], top
    for criterion_title, tally in groups:
        body.append(f'<text x="0" y="{y + 16}" fill="currentColor">{_e(criterion_title)}</text>')
        y += head_h
        for status in STATUSES:
            bar = plot_w * tally[status] / largest
            body.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" fill="currentColor">{_e(STATUS_LABELS[status])}</text>')
            if tally[status]:
                body.append(f'<rect x="{label_w}" y="{y + 4}" width="{_n(bar)}" height="{row_h - 8}" fill="{BAR_COLOUR}"/>')
            body.append(f'<text x="{_n(label_w + bar + 6)}" y="{y + 15}" fill="currentColor">{tally[status]}</text>')
            y += row_h
        y += 6
    return _svg(chart_id, width, y + top, title, desc, body)


def _principle_block(prefix: str, latest: list[Assessment], criteria: Criteria, number: int, subset: str) -> list[str]:
    rows, groups, table_rows = [], [], []
    for criterion in criteria.for_principle(number):
        tally = counts(latest, criterion.id)
        groups.append((criterion.title, tally))
        rows += [(f"{criterion.title}: {STATUS_LABELS[s]}", tally[s]) for s in STATUSES]
        table_rows.append([text(criterion.title)] + [str(tally[s]) for s in STATUSES]
                          + [str(len(latest) - sum(tally.values()))])
    chart_id = f"{prefix}-p{number}"
    title = f"Principle {number}. {PRINCIPLES[number]}: councils by status, {subset}"
    desc = "; ".join(f"{label} {value}" for label, value in rows)
    table = html_table(f"Principle {number}. {PRINCIPLES[number]}: {subset}", ["Criterion", "Not yet", "Partly", "Fully", "Not rated"],
                       table_rows)
    return [_figure(status_chart(chart_id, title, desc, groups)), "", table.replace("<table>", f'<table data-chart="{chart_id}">', 1), ""]


def _overall_block(prefix: str, latest: list[Assessment], criteria: Criteria, subset: str) -> list[str]:
    lines = []
    for number, name in PRINCIPLES.items():
        lines += [f"<h3>Principle {number}. {_e(name)}</h3>", ""]
        lines += _principle_block(prefix, latest, criteria, number, subset)
    return lines


def _over_time(by_council: dict[str, list[Assessment]]) -> list[str]:
    years = sorted({a.day.year for history in by_council.values() for a in history})
    rows, table_rows = [], []
    for year in years:
        latest = _latest(by_council, datetime.date(year, 12, 31))
        tally = dict.fromkeys(STATUSES, 0)
        for assessment in latest:
            for rating in assessment.ratings.values():
                tally[rating["status"]] += 1
        rows.append((str(year), tally["fully"]))
        table_rows.append([str(year), str(len(latest))] + [str(tally[s]) for s in STATUSES])
    chart = column_chart("progress-years", "Criteria rated fully, at the end of each year",
                         "; ".join(f"{label}: {value}" for label, value in rows), rows, "Ratings of fully")
    table = html_table("Ratings at the end of each year (each council's latest assessment by then)",
                       ["Year", "Councils assessed", "Not yet", "Partly", "Fully"], table_rows)
    return ["## Over time", "", _paragraph("How the ratings of all councils' latest assessments stood at the end of each year."), "",
            _figure(chart), "", table, ""]


def who_src(criterion_id: str) -> str:
    """The source path of a criterion's "who has done this" page (its URL is progress/<id>/)."""
    return f"progress/{criterion_id}.md"


def _fully(latest: list[Assessment], criterion_id: str) -> list[Assessment]:
    return sorted((a for a in latest if a.ratings.get(criterion_id, {}).get("status") == "fully"),
                  key=lambda a: a.council.title.lower())


def _who(latest: list[Assessment], criteria: Criteria) -> list[str]:
    """The progress page's part of "who has done this": a link per criterion to its own page, with
    how many councils are on it (the lists with their evidence grew with every council: issue 18)."""
    lines = ["## Who has done this", "",
             "For each criterion, the councils that rate themselves fully, with their evidence, are on a page of "
             "their own: if your council is not there yet, these are the people to ask.", ""]
    for number, name in PRINCIPLES.items():
        lines += [f"### Principle {number}. {text(name)}", ""]
        entries = []
        for criterion in criteria.for_principle(number):
            fully = len(_fully(latest, criterion.id))
            count = plural(fully, "council rates", "councils rate") + " this fully" if fully else "no council rates this fully yet"
            entries.append(f'<li data-criterion="{attr(criterion.id)}"><a href="{attr(rel_url(PAGE_SRC, f"progress/{criterion.id}/"))}">'
                           f"{text(criterion.title)}</a>: {count}</li>")
        lines += [f'<ul class="ld-who-links">{"".join(entries)}</ul>', ""]
    return lines


def who_pages(by_council: dict[str, list[Assessment]], criteria: Criteria, model: SiteModel) -> dict[str, Page]:
    """Per criterion, a page of the councils that rate it fully in their latest assessment, with
    their evidence; or, while there are none, how to be the first."""
    latest = _latest(by_council)
    pages = {}
    for criterion in criteria.items:
        src = who_src(criterion.id)
        fully = _fully(latest, criterion.id)
        principle = f"Principle {criterion.principle}. {PRINCIPLES[criterion.principle]}"
        lines = [front(f"Who has done this: {criterion.title}",
                       description=f"The councils that rate themselves fully on {criterion.title.lower()} "
                                   "in their latest self-assessment, with their evidence.")
                 + f"# Who has done this: {text(criterion.title)}", "",
                 f"<p>{text(principle)}. {text(criterion.statement)}</p>", "",
                 f'<p>Back to <a href="{attr(rel_url(src, "progress/"))}">the sector\'s progress</a>, which counts every '
                 "council's ratings of this and the other criteria.</p>", ""]
        if fully:
            entries = "".join(f"<li>{page_link(a.council, src)}: {evidence_links(a.ratings[criterion.id], model, src)}</li>"
                              for a in fully)
            lines += [_paragraph(f"{plural(len(fully), 'council rates', 'councils rate')} this fully in "
                                 "their latest self-assessment."), "",
                      f'<div class="ld-who" id="who-{attr(criterion.id)}" data-criterion="{attr(criterion.id)}">'
                      f"<ul>{entries}</ul></div>", ""]
        else:
            lines += [f'<div class="ld-who ld-empty" id="who-{attr(criterion.id)}" data-criterion="{attr(criterion.id)}" data-empty>'
                      "<p>No council rates this fully yet.</p>"
                      f'<p>Has yours done it? <a href="{attr(rel_url(src, "how-to-self-assess/"))}">Publish its '
                      "self-assessment</a> with the evidence, and it will be listed here.</p></div>", ""]
        pages[src] = Page("\n".join(lines), None)
    return pages


def progress_page(by_council: dict[str, list[Assessment]], criteria: Criteria, model: SiteModel) -> Page:
    lines = [front("The sector's progress", description="How councils rate themselves against the five principles "
                                                        "of the Local Digital Declaration, from their published self-assessments.")
             + "# The sector's progress", "",
             "Councils that have signed the Declaration can publish a self-assessment here: each criterion of the five "
             "principles rated not yet, partly or fully, against a target the council sets itself, with public evidence. "
             "This page counts each council's latest assessment. It does not score or rank councils: "
             "the point is to find who has done what you want to do.", "",
             f'Read <a href="{attr(rel_url(PAGE_SRC, "how-to-self-assess/"))}">how to assess your council</a>, or the '
             f'<a href="{attr(rel_url(PAGE_SRC, "data/criteria.csv"))}">criteria</a> and the '
             f'<a href="{attr(rel_url(PAGE_SRC, "data/assessment-ratings.csv"))}">ratings</a> as open data. Every assessment is in '
             f'<a href="{attr(rel_url(PAGE_SRC, "self-assessments/"))}">the list of self-assessments</a>.', ""]
    latest = _latest(by_council)
    if not latest:
        lines += ['<div class="ld-empty" data-empty>',
                  "<p><strong>No council has published a self-assessment here yet.</strong> When the first one does, "
                  "this page will count, for each criterion, how many councils rate themselves not yet, partly or fully, "
                  "and list who has done it.</p>",
                  f'<p>Is your council a signatory? <a href="{attr(rel_url(PAGE_SRC, "how-to-self-assess/"))}">Start its '
                  "self-assessment</a>: it takes one file.</p></div>", "",
                  "## The criteria", ""]
        for number, name in PRINCIPLES.items():
            lines += [f"### Principle {number}. {text(name)}", "",
                      "<ul>" + "".join(f'<li><strong><a href="{attr(rel_url(PAGE_SRC, f"progress/{c.id}/"))}">{text(c.title)}</a>'
                                       f"</strong>: {text(c.statement)}</li>"
                                       for c in criteria.for_principle(number)) + "</ul>", ""]
        return Page("\n".join(lines), None)
    lines += ["## All councils", "",
              _paragraph(f"{plural(len(latest), 'council has', 'councils have')} published a self-assessment."), ""]
    lines += _overall_block("progress-all", latest, criteria, "all councils")
    lines += ["## By council type, nation and region", "",
              "Open a group to see its councils' ratings (each group is a button: Tab to it, then Enter).", ""]
    for facet, label in FILTERS:
        groups: dict[str, list[Assessment]] = {}
        for assessment in latest:
            groups.setdefault(_facet(assessment, facet), []).append(assessment)
        lines += [f"### {label}", ""]
        for value in sorted(groups):
            members = groups[value]
            prefix = f"progress-{facet}-{slug(value)}"
            summary = f"{value} ({plural(len(members), 'council', 'councils')})"
            inner = []
            for number in PRINCIPLES:
                inner += _principle_block(prefix, members, criteria, number, f"{label.lower()} {value}")
            # One raw HTML block (no blank line inside), so Markdown passes it through whole.
            lines += ["\n".join([f'<details class="ld-filter-group" id="{attr(prefix)}" data-facet="{facet}" data-value="{attr(value)}">'
                                  f"<summary>{_e(summary)}</summary>", *[part for part in inner if part], "</details>"]), ""]
    lines += _over_time(by_council)
    lines += _who(latest, criteria)
    return Page("\n".join(lines), None)
