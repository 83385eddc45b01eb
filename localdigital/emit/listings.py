"""Listings: a filterable table per content type, and a page per facet value that does the
filtering without JavaScript."""

from __future__ import annotations

import html
from collections import defaultdict

from ..content import CONTENT_TYPES, SIGNATORY, ContentType
from ..model import PRINCIPLES, Item, SiteModel
from .briefs import brief_facets
from .events import event_facets
from .helppages import listing_notes
from .markup import Output, Page, attr, external, front, rel_url, service_name, slugs, text
from .pages import new_file_link
from .services import FOLDER as SERVICES, section_id, service_slugs

def _facets(item: Item, model: SiteModel) -> dict[str, list[str]]:
    """What a listing can be filtered by, for one item: facet -> its values (some have several)."""
    data = item.data
    if item.ctype is SIGNATORY:
        body = item.org
        commitment = data.get("commitment") if isinstance(data.get("commitment"), dict) else {}
        kind = data.get("organisation", {}).get("kind", "other").replace("-", " ").capitalize()
        return {
            "type": [body.type_name if body else kind],
            "nation": [(body.nation if body else None) or "Not stated"],
            "region": [(body.region if body else None) or "Not stated"],
            "year": [data["signed_on"][:4] if data.get("signed_on") else "Not stated"],
            "status": [commitment.get("status", "none recorded").replace("-", " ")],
        }
    facets = {"principle": [f"{p}. {PRINCIPLES[p]}" for p in item.principles] or ["none"],
              "service": [service_name(model, code) for code in item.services] or ["none"]}
    for key in LISTING_FACETS[item.ctype.name]:
        facets[key] = [str(data.get(key, "not stated"))]
    facets.update(event_facets(item, model.built_on))
    if item.ctype.name == "project":
        facets["partners"] = ["looking" if data.get("looking_for_partners") is True else "not looking"]
    if item.ctype.name == "procurement-brief":  # agreement (by name), route, year, value band: emit/briefs.py
        facets.update(brief_facets(item, model))
    return facets


# Fields each listing can be filtered by, besides principle and service (signatories have their own).
LISTING_FACETS: dict[str, tuple[str, ...]] = {
    "signatory": (), "case-study": (), "procurement-brief": ("status",),
    "pattern": ("kind", "maturity"), "project": ("phase",),
}
LISTING_FACETS.update({"training": ("format", "cost", "status"), "event": ("cost",), "document": ("kind", "year")})
LISTING_FACETS["self-assessment"] = ()  # issue 13: no page per council (its profile lists its assessments)
FACET_FOLDER = "by_{facet}"  # ids cannot contain an underscore, so no facet page collides with an item


def useful(groups: dict[str, dict[str, list[Item]]]) -> dict[str, dict[str, list[Item]]]:
    """The facets that can narrow the listing: a facet with one value for every item (all "none",
    all "not looking") filters nothing, and is left out of the table, the filters and the links."""
    return {facet: values for facet, values in groups.items() if len(values) > 1}


def listing_table(items: list[Item], here: str, label: str, model: SiteModel, shown: set[str] | None = None,
                  page: tuple[list[Item], str] | None = None) -> list[str]:
    """An HTML table with a row per item and its facets (those in shown, or all) as data attributes, for filtering.
    With page (its rows, and the space-separated addresses of every page of the list, this one as "."), a
    long list's page: the rows are that page's, and filters.js fetches the other pages when a reader filters or sorts."""
    if not items:
        guide = "how-to-sign.md" if here.startswith("signatories/") else "how-to-share.md"
        return [f"Nothing here yet. [Add the first]({'../' * here.count('/')}{guide}): the guide says how.", ""]
    rows, pages = page if page else (items, "")
    columns = [c for c in _facets(items[0], model) if shown is None or c in shown]
    head = "".join(f'<th scope="col"><button type="button" class="ld-sort" data-sort="{c}">{html.escape(c.capitalize())}</button></th>'
                   for c in columns)
    more = f' data-pages="{attr(pages)}"' if pages else ""
    out = [f'<p class="ld-count" aria-live="polite"><span data-count>{len(rows)}</span> of {len(items)} {html.escape(label)} shown</p>', "",
           f'<table class="ld-table" data-filterable data-pagefind-ignore{more}><thead><tr><th scope="col"><button type="button" '
           f'class="ld-sort" data-sort="name">Name</button></th>{head}</tr></thead><tbody>']
    for item in rows:
        facets = {k: v for k, v in _facets(item, model).items() if shown is None or k in shown}
        data_attrs = " ".join(f'data-{k}="{attr("|".join(v))}"' for k, v in facets.items())
        # Each cell names its column (data-label): on a phone the rows stack, and the label is shown beside the value.
        cells = "".join(f'<td data-label="{attr(k.capitalize())}">{html.escape(", ".join(v))}</td>' for k, v in facets.items())
        out.append(f'<tr {data_attrs + " " if data_attrs else ""}data-name="{attr(item.title.lower())}"><td data-label="Name">'
                   f'<a href="{attr(rel_url(here, item.url))}">{html.escape(item.title)}</a></td>{cells}</tr>')
    out += ["</tbody></table>", ""]
    return out


def _groups(items: list[Item], model: SiteModel) -> dict[str, dict[str, list[Item]]]:
    groups: dict[str, dict[str, list[Item]]] = defaultdict(lambda: defaultdict(list))
    for item in items:
        for facet, values in _facets(item, model).items():
            for value in values:
                groups[facet][value].append(item)
    return groups


def filter_form(groups: dict[str, dict[str, list[Item]]]) -> list[str]:
    """Filter controls, shown from the first paint (no layout shift when filters.js arrives); without
    JavaScript a <noscript> style in the head (overrides/main.html) hides them and the facet pages do the job."""
    out = ['<form class="ld-filters" data-filters data-pagefind-ignore><fieldset><legend>Filter</legend>']
    for facet, values in groups.items():
        options = "".join(f'<option value="{attr(v)}">{html.escape(v)} ({len(members)})</option>'
                          for v, members in sorted(values.items()))
        out.append(f'<label>{html.escape(facet.capitalize())} <select data-filter="{facet}">'
                   f'<option value="">All</option>{options}</select></label>')
    out.append('<button type="reset">Clear filters</button></fieldset></form>')
    return ["".join(out), ""]


def _folder(ctype: ContentType) -> str:
    return ctype.folder.removeprefix("content/")


INTROS = {
    "signatory": "Organisations that have signed the Local Digital Declaration.",
    "case-study": "What councils did, what they learned and what changed.",
    "procurement-brief": "Briefs and business cases for buying digital services, to reuse instead of starting again.",
    "pattern": "Service patterns, components, data standards and platforms that councils share.",
    "project": "Projects that councils build together. Some are looking for partners.",
    "self-assessment": "Councils' own assessments against the five principles: each criterion not yet, partly or fully, "
                       "with evidence. See [the sector's progress](../progress.md).",  # issue 13
}
INTROS.update({
    "training": "Courses, programmes, e-learning and communities that help council staff learn. 'Running' is as at the date of "
                "each source; an ended course is kept and marked ended.",
    "event": "Conferences, unconferences, meet-ups and training days. Past events are kept: filter by 'when'. "
             "Subscribe in your calendar app to [every event](../feeds/events.ics), or to those under one principle: "
             + ", ".join(f"[{n}](../feeds/events-principle-{n}.ics)" for n in range(1, 6)) + ".",
    "document": "Business cases, discovery, alpha and beta reports, service designs, user research, guides and evaluations "
                "that councils publish for others to reuse. Where the source gives no licence the page says so and links to it.",
})


# A listing longer than this is split into pages of this many rows (issue 18: each under 150 KB over
# the wire on a phone at 5,000 items); filters.js fetches the other pages only when a reader filters or sorts.
ROWS_PER_PAGE = 500
PAGE_FOLDER = "page_{n}"  # ids cannot contain an underscore, so no page of a listing collides with an item


def _page_src(ctype: ContentType, number: int) -> str:
    return f"{_folder(ctype)}/index.md" if number == 1 else f"{_folder(ctype)}/{PAGE_FOLDER.format(n=number)}.md"


def _page_url(ctype: ContentType, number: int) -> str:
    return f"{_folder(ctype)}/" if number == 1 else f"{_folder(ctype)}/{PAGE_FOLDER.format(n=number)}/"


def page_nav(ctype: ContentType, number: int, count: int, total: int) -> list[str]:
    """Links to every page of a long listing, the current one marked."""
    here = _page_src(ctype, number)
    links = []
    for n in range(1, count + 1):
        first, last = (n - 1) * ROWS_PER_PAGE + 1, min(n * ROWS_PER_PAGE, total)
        label = f"Page {n} ({first} to {last})"
        if n == number:  # the current page, not a link (the sanitiser keeps no aria-current)
            links.append(f"<li><strong>{label}, this page</strong></li>")
        else:
            links.append(f'<li><a href="{attr(rel_url(here, _page_url(ctype, n)))}">{label}</a></li>')
    return [f'<nav class="ld-pages" aria-label="Pages of the list of {attr(ctype.plural.lower())}"><p>The list is long, so it is '
            f"on {count} pages of {ROWS_PER_PAGE}; filtering or sorting covers every page.</p><ul>{''.join(links)}</ul></nav>", ""]


def listing_pages(ctype: ContentType, model: SiteModel) -> Output:
    """The listing, and when it is longer than ROWS_PER_PAGE, its further pages (page_2/, page_3/, …)."""
    items = model.items[ctype.name]
    count = max(1, -(-len(items) // ROWS_PER_PAGE))
    return {_page_src(ctype, n): listing_page(ctype, model, n, count) for n in range(1, count + 1)}


def listing_page(ctype: ContentType, model: SiteModel, number: int = 1, count: int = 1) -> Page:
    items = model.items[ctype.name]
    src = _page_src(ctype, number)
    title = ctype.plural if number == 1 else f"{ctype.plural}, page {number} of {count}"
    lines = [front(title) + f"# {text(title)}", "",
             INTROS[ctype.name] + " Filter the table, or browse by any column below.", ""]
    lines += listing_notes(ctype, model) if number == 1 else []  # downloads, feed, how complete (helppages.py)
    if model.new_base and number == 1:
        action = "Sign the Declaration" if ctype is SIGNATORY else f"Add a {ctype.label}"
        lines += [f'{external(new_file_link(ctype, model.new_base), action + " on GitHub")}', ""]
    groups = useful(_groups(items, model))
    if groups:
        lines += filter_form(groups)
    page = None
    if count > 1:
        rows = items[(number - 1) * ROWS_PER_PAGE:number * ROWS_PER_PAGE]
        page = (rows, " ".join("." if n == number else rel_url(src, _page_url(ctype, n)) for n in range(1, count + 1)))
    lines += listing_table(items, src, ctype.plural.lower(), model, set(groups), page)
    if count > 1:
        lines += page_nav(ctype, number, count, len(items))
    if items and groups and number == 1:
        services = service_slugs(model)
        lines += ["## Browse without filters", ""]
        for facet, values in groups.items():
            lines.append(f"**By {facet}:** " + " · ".join(
                f"[{text(v)} ({len(members)})]({target})" for v, members in sorted(values.items())
                for target in [_browse_target(ctype, facet, v, values, services)]))
            lines.append("")
    return Page("\n".join(lines), None)


# Facets whose values have a page of their own across every type: a listing's "browse by" link
# goes to the value's page, at the section for the listing's type (issue 18: a page per value
# and type repeated these; "none" still has a page per listing).
HUBS = ("principle", "service")


def _browse_target(ctype: ContentType, facet: str, value: str, values: dict, services: dict[str, str]) -> str:
    """Where a listing's "browse by" link for a facet value goes (a link from the listing's index.md)."""
    if facet == "principle" and value != "none":
        return f"../principles/{value.split('.', 1)[0]}.md#{section_id(ctype)}"
    if facet == "service" and value != "none":
        return f"../{SERVICES}/{services[value]}.md#{section_id(ctype)}"
    return f"{FACET_FOLDER.format(facet=facet)}/{slugs(values)[value]}.md"


def facet_pages(model: SiteModel) -> Output:
    """A page per facet value of each listing: filtering that works without JavaScript (principles
    and services have their own pages, for every type: see HUBS)."""
    out: Output = {}
    for ctype in CONTENT_TYPES:
        for facet, values in _groups(model.items[ctype.name], model).items():
            names = slugs(values)
            for value, members in values.items():
                if facet in HUBS and value != "none":
                    continue
                src = f"{_folder(ctype)}/{FACET_FOLDER.format(facet=facet)}/{names[value]}.md"
                heading = f"{ctype.plural}: {value}"
                # A plain list (not the filterable table): one of these exists for every value of every facet.
                links = "".join(f'<li><a href="{attr(rel_url(src, i.url))}">{html.escape(i.title)}</a></li>' for i in members)
                lines = [front(heading) + f"# {text(heading)}", "", f"[All {ctype.plural.lower()}](../index.md)", "",
                         f"{len(members)} {ctype.label if len(members) == 1 else ctype.plural.lower()}:", "",
                         f"<ul>{links}</ul>", ""]
                out[src] = Page("\n".join(lines), None)
    return out
