"""Emit: pure functions from the site model to pages (Markdown text), data files and feeds.

Nothing here knows mkdocs: `emit_site` returns {path: Page or bytes}; the hook registers
them with mkdocs, and `localdigital emit --out DIR` writes the same to a folder for any
other renderer. Every authored string is escaped before it reaches Markdown or HTML.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
import os
import pickle
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from feedgen.feed import FeedGenerator

from .charts import statistics_page
from .content import CONTENT_TYPES, SIGNATORY, ContentType
from .history import read_history
from .model import PRINCIPLES, Item, SiteModel, build_model
from .templates import QUESTIONS, fill
from .validate import Result, validate

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


# ---- item pages -------------------------------------------------------------------------

FIELD_LABELS = {
    "organisations": "Organisations", "organisation": "Buyer", "lead": "Lead", "partners": "Partners",
    "owner": "Owner", "used_by": "Used by", "adopted_by": "Adopted by", "reused_by": "Reused by",
    "interested": "Interested", "published": "Published", "status": "Status", "phase": "Phase",
    "kind": "Kind", "maturity": "Maturity", "agreement": "Agreement", "lot": "Lot", "value_band": "Value",
    "contract_length": "Contract length", "licence": "Licence", "looking_for_partners": "Looking for partners",
    "signed_on": "Signed", "co_publisher": "Co-publisher", "signed_by": "Signed by",
}


def _facts(item: Item, model: SiteModel) -> list[tuple[str, str]]:
    here, data, rows = item.src, item.data, []
    for name, label in FIELD_LABELS.items():
        if name in item.orgs:
            rows.append((label, ", ".join(org_link(ref, here) for ref in item.orgs[name])))
        elif name in data and not isinstance(data[name], (dict,)):
            value = data[name]
            if isinstance(value, bool):
                value = "yes" if value else "no"
            elif isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            rows.append((label, text(value)))
    if item.principles:
        rows.append(("Principles", ", ".join(f'<a href="{attr(rel_url(here, f"principles/{p}/"))}">{p}. {html.escape(PRINCIPLES[p])}</a>'
                                              for p in item.principles)))
    if item.services:
        names = [service_name(model, code) for code in item.services]
        rows.append(("Services", "; ".join(text(n) for n in names)))
    funding = data.get("funding")
    if isinstance(funding, dict):
        parts = [funding.get("programme", ""), f"round {funding['round']}" if funding.get("round") else "",
                 f"£{funding['amount']:,}" if isinstance(funding.get("amount"), int) else ""]
        rows.append(("Funding", text(", ".join(p for p in parts if p))))
    award = data.get("award")
    if isinstance(award, dict):
        parts = [award.get("supplier", ""), award.get("date", ""),
                 f"£{award['value']:,}" if isinstance(award.get("value"), int) else ""]
        rows.append(("Award", text(", ".join(p for p in parts if p))))
    if item.first_published:
        rows.append(("First published here", item.first_published.isoformat()))
    if item.last_updated and item.last_updated != item.first_published:
        rows.append(("Last updated", item.last_updated.isoformat()))
    return rows


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


def _links_section(item: Item) -> list[str]:
    out = []
    for key, heading in (("links", "Links"), ("documents", "Documents")):
        links = item.data.get(key)
        if links:
            out += [f"## {heading}", "", html_list([external(link["url"], link["title"]) for link in links]), ""]
    if item.data.get("repository"):
        out += ["## Code", "", html_list([external(item.data["repository"], item.data["repository"])]), ""]
    if item.data.get("notice"):
        out += ["## Notice", "", html_list([external(item.data["notice"], "Published notice")]), ""]
    return out


def _updates(updates: list, heading: str = "## Updates") -> list[str]:
    if not updates:
        return []
    entries = []
    for update in updates:
        status = f" ({text(update['status'])})" if update.get("status") else ""
        entries.append(f"<strong>{text(update['date'])}</strong>{status}: {text(update['text'])}")
    return [heading, "", html_list(entries), ""]


def item_page(item: Item, model: SiteModel) -> Page:
    here = item.src
    lines = [front(item.title, description=item.data.get("summary", "")[:300]) + f"# {text(item.title)}", ""]
    if item.ctype is SIGNATORY:
        lines += _signatory_intro(item)
    elif item.data.get("summary"):
        lines += [f"*{text(item.data['summary'])}*", ""]
    facts = _facts(item, model)
    if facts:
        # Plain HTML (values are escaped above), so the page needs no Markdown-inside-HTML pass.
        rows = "".join(f'<tr><th scope="row">{label}</th><td>{value}</td></tr>' for label, value in facts)
        lines += [f'<table class="ld-facts"><caption>Facts</caption><tbody>{rows}</tbody></table>', ""]
    if item.ctype is SIGNATORY:
        lines += _commitment(item)
        if item.involved_in:
            work = sorted(item.involved_in, key=lambda pair: (pair[1].ctype.name, pair[1].title))
            lines += ["## Work it leads, joins or reuses", "",
                      html_list([f"{text(role.capitalize())}: {page_link(other, here)} ({other.ctype.label})"
                                 for role, other in work], searched=False), ""]
    if item.body.strip():
        lines += [item.body.strip(), ""]  # validated Markdown: no raw HTML, safe links
    lines += _updates(item.data.get("updates", []))
    lines += _links_section(item)
    related = item.related_items + [i for i in item.referenced_by if i not in item.related_items]
    if related:
        lines += ["## Related", "", html_list([f"{page_link(o, here)} ({o.ctype.label})" for o in related], searched=False), ""]
    if item.data.get("sources"):
        lines += ["## Sources", "", html_list([external(url, url) for url in item.data["sources"]], searched=False), ""]
    return Page("\n".join(lines), item.relpath)


def _signatory_intro(item: Item) -> list[str]:
    body = item.org
    if body is None:
        organisation = item.data.get("organisation", {})
        kind = organisation.get("kind", "organisation").replace("-", " ")
        return [f"A {text(kind)} outside the public-sector registers. "
                f"Website: {external(organisation['website'], organisation['website'])}" if organisation.get("website") else "", ""]
    parts = [f"{text(body.type_name)}"]
    if body.region or body.nation:
        parts.append(f"in {text(body.region or body.nation)}" + (f", {text(body.nation)}" if body.nation and body.region and body.region != body.nation else ""))
    line = " ".join(parts) + "."
    if body.gss:
        line += f" GSS code {text(body.gss)}."
    if body.end:
        line += f" This organisation ended on {body.end.isoformat()}."
    return [line + " (From the register.)", ""]


def _commitment(item: Item) -> list[str]:
    commitment = item.data.get("commitment")
    if not isinstance(commitment, dict):
        return []
    lines = ["## Commitment", "", f"**{text(commitment['title'])}**", ""]
    for key, label in (("mission", "Mission"), ("impact", "Impact"), ("due", "Due"), ("status", "Status")):
        if commitment.get(key):
            value = commitment[key].replace("-", " ") if key == "status" else commitment[key]  # in-progress: in progress
            lines.append(f"- {label}: {text(value)}")
    if item.orgs.get("partners"):
        lines.append("- Partners: " + ", ".join(org_link(r, item.src) for r in item.orgs["partners"]))
    return lines + [""] + _updates(commitment.get("updates", []), "### Commitment updates")


# ---- listings ---------------------------------------------------------------------------

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
    if item.ctype.name == "project":
        facets["partners"] = ["looking" if data.get("looking_for_partners") is True else "not looking"]
    return facets


# Fields each listing can be filtered by, besides principle and service (signatories have their own).
LISTING_FACETS: dict[str, tuple[str, ...]] = {
    "signatory": (), "case-study": (), "procurement-brief": ("status", "agreement"),
    "pattern": ("kind", "maturity"), "project": ("phase",),
}
FACET_FOLDER = "by_{facet}"  # ids cannot contain an underscore, so no facet page collides with an item


def listing_table(items: list[Item], here: str, label: str, model: SiteModel) -> list[str]:
    """An HTML table with a row per item and its facets as data attributes, for filtering."""
    if not items:
        return ["Nothing here yet.", ""]
    columns = list(_facets(items[0], model))
    head = "".join(f'<th scope="col"><button type="button" class="ld-sort" data-sort="{c}">{html.escape(c.capitalize())}</button></th>'
                   for c in columns)
    out = [f'<p class="ld-count" aria-live="polite"><span data-count>{len(items)}</span> of {len(items)} {html.escape(label)} shown</p>', "",
           '<table class="ld-table" data-filterable data-pagefind-ignore><thead><tr><th scope="col"><button type="button" class="ld-sort" '
           f'data-sort="name">Name</button></th>{head}</tr></thead><tbody>']
    for item in items:
        facets = _facets(item, model)
        data_attrs = " ".join(f'data-{k}="{attr("|".join(v))}"' for k, v in facets.items())
        cells = "".join(f"<td>{html.escape(', '.join(v))}</td>" for v in facets.values())
        out.append(f'<tr {data_attrs} data-name="{attr(item.title.lower())}"><td>'
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
    """Filter controls; without JavaScript they stay hidden and the facet pages do the job."""
    out = ['<form class="ld-filters" data-filters data-pagefind-ignore hidden><fieldset><legend>Filter</legend>']
    for facet, values in groups.items():
        options = "".join(f'<option value="{attr(v)}">{html.escape(v)} ({len(members)})</option>'
                          for v, members in sorted(values.items()))
        out.append(f'<label>{html.escape(facet.capitalize())} <select data-filter="{facet}">'
                   f'<option value="">All</option>{options}</select></label>')
    out.append('<button type="reset">Clear filters</button></fieldset></form>')
    return ["".join(out), ""]


def blank_template(ctype: ContentType) -> str:
    """The commented template with every blank left empty ("")."""
    return fill(ctype.name, {field: "" for field, _q, _e in QUESTIONS[ctype.name]})


def new_file_link(ctype: ContentType, new_base: str) -> str:
    """GitHub's new-file page in the type's folder, with the commented template filled in."""
    return (f"{new_base.rstrip('/')}/{ctype.folder}?filename=your-{ctype.name}{ctype.suffix}"
            f"&value={quote(blank_template(ctype), safe='')}")


def _folder(ctype: ContentType) -> str:
    return ctype.folder.removeprefix("content/")


INTROS = {
    "signatory": "Organisations that have signed the Local Digital Declaration.",
    "case-study": "What councils did, what they learned and what changed.",
    "procurement-brief": "Briefs and business cases for buying digital services, to reuse instead of starting again.",
    "pattern": "Service patterns, components, data standards and platforms that councils share.",
    "project": "Projects that councils build together. Some are looking for partners.",
}


def listing_page(ctype: ContentType, model: SiteModel) -> Page:
    items = model.items[ctype.name]
    src = f"{_folder(ctype)}/index.md"
    lines = [front(ctype.plural) + f"# {ctype.plural}", "",
             INTROS[ctype.name] + " Filter the table, or browse by any column below.", ""]
    if model.new_base:
        action = "Sign the Declaration" if ctype is SIGNATORY else f"Add a {ctype.label}"
        lines += [f'{external(new_file_link(ctype, model.new_base), action + " on GitHub")}', ""]
    groups = _groups(items, model)
    lines += filter_form(groups)
    lines += listing_table(items, src, ctype.plural.lower(), model)
    if items:
        lines += ["## Browse without filters", ""]
        for facet, values in groups.items():
            folder = FACET_FOLDER.format(facet=facet)
            lines.append(f"**By {facet}:** " + " · ".join(
                f"[{text(v)} ({len(members)})]({folder}/{slug(v)}.md)" for v, members in sorted(values.items())))
            lines.append("")
    return Page("\n".join(lines), None)


def facet_pages(model: SiteModel) -> Output:
    """A page per facet value of each listing: filtering that works without JavaScript."""
    out: Output = {}
    for ctype in CONTENT_TYPES:
        for facet, values in _groups(model.items[ctype.name], model).items():
            for value, members in values.items():
                src = f"{_folder(ctype)}/{FACET_FOLDER.format(facet=facet)}/{slug(value)}.md"
                heading = f"{ctype.plural}: {value}"
                # A plain list (not the filterable table): one of these exists for every value of every facet.
                links = "".join(f'<li><a href="{attr(rel_url(src, i.url))}">{html.escape(i.title)}</a></li>' for i in members)
                lines = [front(heading) + f"# {text(heading)}", "", f"[All {ctype.plural.lower()}](../index.md)", "",
                         f"{len(members)} {ctype.label if len(members) == 1 else ctype.plural.lower()}:", "",
                         f"<ul>{links}</ul>", ""]
                out[src] = Page("\n".join(lines), None)
    return out


def slug(value: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in value.lower()).split()) or "none"


def principle_pages(model: SiteModel) -> Output:
    out: Output = {}
    lines = [front("The five principles") + "# The five principles", "",
             f"The Local Digital Declaration sets out five principles. Read the [Declaration itself]({DECLARATION_URL}) "
             "on its own site; here is everything shared on this site under each principle.", ""]
    for number, name in PRINCIPLES.items():
        tagged = [i for i in model.all_items() if number in i.principles]
        lines.append(f"{number}. [{text(name)}]({number}.md): {len(tagged)} item{'s' if len(tagged) != 1 else ''}")
        page = [front(f"Principle {number}: {name}") + f"# Principle {number}: {text(name)}", ""]
        if tagged:
            for ctype in CONTENT_TYPES:
                group = [i for i in tagged if i.ctype is ctype]
                if group:
                    page += [f"## {ctype.plural}", "", html_list([page_link(i, f"principles/{number}.md") for i in group], searched=False), ""]
        else:
            page += ["Nothing is tagged with this principle yet. [Share your work](../how-to-share.md) and tag it.", ""]
        page += [f"[Feed of new items under this principle](../feeds/principle-{number}.xml)", ""]
        out[f"principles/{number}.md"] = Page("\n".join(page), None)
    out["principles/index.md"] = Page("\n".join(lines) + "\n", None)
    return out


def partners_page(model: SiteModel) -> Page:
    looking = [p for p in model.items["project"] if p.data.get("looking_for_partners") is True]
    lines = [front("Looking for partners") + "# Looking for partners", "",
             "Projects that want more councils to join. Contact the lead organisation through its signatory page.", ""]
    if not looking:
        lines += ["No project is looking for partners right now. [Propose one](how-to-share.md).", ""]
    by_service: dict[str, list[Item]] = defaultdict(list)
    for project in looking:
        for code in project.services or [0]:
            by_service[service_name(model, code) if code else "Other services"].append(project)
    for service, projects in sorted(by_service.items()):
        lines += [f"## {text(service)}", "", html_list([page_link(p, "partners.md") for p in projects], searched=False), ""]
    return Page("\n".join(lines), None)


def home_page(model: SiteModel) -> Page:
    counts = {ctype.name: len(model.items[ctype.name]) for ctype in CONTENT_TYPES}
    latest = sorted((i for i in model.all_items() if i.first_published), key=lambda i: (i.first_published, i.title), reverse=True)[:6]
    lines = [front("Local Digital", hide=["navigation", "toc"]) + "# Local Digital", "",
             "The Local Digital Declaration (2018) asks councils and other public bodies to sign five principles "
             "of good digital practice and to share what works. This is the open community site where signatories "
             f"share case studies, procurement briefs, patterns and projects. Read the [Declaration]({DECLARATION_URL}) on its own site.",
             ""]
    for ctype in CONTENT_TYPES:
        src = f"{ctype.folder.removeprefix('content/')}/index.md"
        lines.append(f"- **{counts[ctype.name]}** [{ctype.plural.lower()}]({src})")
    sign = new_file_link(SIGNATORY, model.new_base) if model.new_base else "how-to-sign.md"
    lines += ["", "## Take part", "",
              f"[Sign the Declaration]({sign}){{ .md-button .md-button--primary }} "
              "[Share your work](templates.md){ .md-button } [Find partners](partners.md){ .md-button }", "",
              "New here? Read [how to sign](how-to-sign.md) and [how to share](how-to-share.md) first.", ""]
    if latest:
        lines += ["## Latest additions", ""] + [f"- {i.first_published.isoformat()}: [{text(i.title)}]({i.src}) ({i.ctype.label})" for i in latest] + [""]
    lines += ["## The five principles", ""] + [f"{n}. [{text(name)}](principles/{n}.md)" for n, name in PRINCIPLES.items()] + [""]
    return Page("\n".join(lines), None)


def templates_page(model: SiteModel) -> Page:
    """Every content type's commented template, each with a button that opens it in GitHub's editor."""
    lines = [front("Share your work") + "# Share your work", "",
             "Each button opens GitHub's editor in the right folder with a commented template filled in: "
             "replace the blanks, name the file, and propose the change. The checks then tell you, line by line, "
             "if anything needs fixing. Read [how to share](how-to-share.md) for the rules.", ""]
    for ctype in (SIGNATORY, *[c for c in CONTENT_TYPES if c is not SIGNATORY]):
        lines += [f"## {'Sign the Declaration' if ctype is SIGNATORY else 'A ' + ctype.label}", ""]
        if model.new_base:
            lines += [f"[Open the {ctype.label} template on GitHub]({new_file_link(ctype, model.new_base)}){{ .md-button }}", ""]
        blank = blank_template(ctype)
        lines += [f"File: `{ctype.folder}/your-{ctype.name}{ctype.suffix}`", "", "```yaml" if not ctype.markdown else "```markdown",
                  blank.rstrip("\n"), "```", ""]
    return Page("\n".join(lines), None)


# ---- open data and feeds ----------------------------------------------------------------

def export_record(item: Item) -> dict:
    record = {"id": item.id, "type": item.ctype.name, "url": item.url, "source": item.relpath, **item.data}
    derived: dict[str, object] = {}
    if item.ctype is SIGNATORY:
        record["name"] = item.title
        if item.org:
            body = item.org
            derived.update({"name": body.name, "organisation_type": body.type_name, "nation": body.nation,
                            "region": body.region, "gss_code": body.gss, "register": body.register,
                            "ended": body.end.isoformat() if body.end else None})
    if item.first_published:
        derived["first_published"] = item.first_published.isoformat()
        derived["last_updated"] = item.last_updated.isoformat()
    if derived:
        record["derived"] = derived
    return record


def _csv(rows: list[dict]) -> bytes:
    columns: list[str] = []
    flat_rows = []
    for row in rows:
        flat = {}
        for key, value in row.items():
            if isinstance(value, dict):
                for sub, subvalue in value.items():
                    flat[f"{key}.{sub}"] = subvalue
            else:
                flat[key] = value
        for key in flat:
            if key not in columns:
                columns.append(key)
        flat_rows.append(flat)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n")
    writer.writeheader()
    for flat in flat_rows:
        writer.writerow({k: _cell(v) for k, v in flat.items()})
    return buffer.getvalue().encode("utf-8")


def _cell(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    text_value = "" if value is None else str(value)
    return "'" + text_value if text_value[:1] in ("=", "+", "-", "@") else text_value  # no formulas in spreadsheets


def records_json(rows: list[dict]) -> bytes:
    """A JSON array with one record per line: easy to read and to diff, and written by the
    json module's C encoder (an indented document goes through its Python one, ten times slower)."""
    if not rows:
        return b"[]\n"
    return ("[\n" + ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n]\n").encode("utf-8")


def open_data(model: SiteModel, root: Path) -> Output:
    out: Output = {}
    catalogue = {"title": "Local Digital open data", "licence": LICENCE, "licence_url": LICENCE_URL,
                 "attribution": ["Content: Local Digital contributors, " + LICENCE,
                                 "Council names, codes, types, nations, regions and GSS codes: UK Local Authority Names and Codes, mySociety, CC BY 4.0",
                                 "Other public bodies: digital-land/organisation-dataset and the GOV.UK government-organisation register, OGL v3.0",
                                 "Service codes: GOV.UK local services list (alphagov/publisher), MIT, Crown copyright"],
                 "datasets": []}
    for ctype in CONTENT_TYPES:
        name = ctype.folder.removeprefix("content/")
        rows = [export_record(i) for i in model.items[ctype.name]]
        out[f"data/{name}.json"] = records_json(rows)
        out[f"data/{name}.csv"] = _csv(rows)
        schema_bytes = (root / ctype.schema_file).read_bytes()
        out[f"schemas/{ctype.name}.schema.json"] = schema_bytes
        catalogue["datasets"].append({"type": ctype.name, "title": ctype.plural, "records": len(rows),
                                      "json": f"data/{name}.json", "csv": f"data/{name}.csv",
                                      "schema": f"schemas/{ctype.name}.schema.json"})
    out["data/data.json"] = json.dumps(catalogue, indent=1, ensure_ascii=False).encode("utf-8")
    return out


def feeds(model: SiteModel, site_url: str) -> Output:
    out: Output = {}
    base = site_url.rstrip("/") + "/"
    dated = [i for i in model.all_items() if i.first_published]

    def feed(name: str, title: str, items: list[Item]) -> None:
        generator = FeedGenerator()
        generator.id(base + f"feeds/{name}.xml")
        generator.title(f"{SITE_TITLE}: {title}")
        generator.link(href=base, rel="alternate")
        generator.link(href=base + f"feeds/{name}.xml", rel="self")
        generator.language("en-GB")
        generator.rights(LICENCE)
        newest = max((i.last_updated for i in items), default=model.built_on)
        generator.updated(datetime.datetime.combine(newest, datetime.time(), datetime.timezone.utc))
        for item in sorted(items, key=lambda i: (i.first_published, i.id))[-50:]:
            entry = generator.add_entry()
            entry.id(base + item.url)
            entry.title(item.title)
            entry.link(href=base + item.url)
            entry.published(datetime.datetime.combine(item.first_published, datetime.time(), datetime.timezone.utc))
            entry.updated(datetime.datetime.combine(item.last_updated, datetime.time(), datetime.timezone.utc))
            entry.summary(item.data.get("summary") or f"{item.ctype.label.capitalize()}: {item.title}")
            entry.category(term=item.ctype.name, label=item.ctype.label)
        out[f"feeds/{name}.xml"] = generator.atom_str(pretty=True)

    feed("all", "everything new", dated)
    feed("signatories", "new signatories", [i for i in dated if i.ctype is SIGNATORY])
    feed("artefacts", "new case studies, briefs, patterns and projects", [i for i in dated if i.ctype is not SIGNATORY])
    for number, name in PRINCIPLES.items():
        feed(f"principle-{number}", f"principle {number}, {name}", [i for i in dated if number in i.principles])
    return out


# ---- the whole site ---------------------------------------------------------------------

def emit_site(model: SiteModel, root: Path, site_url: str = DEFAULT_SITE_URL) -> Output:
    """Every page and data file of the site, keyed by its path in the site's source tree."""
    out: Output = {"index.md": home_page(model), "partners.md": partners_page(model), "templates.md": templates_page(model)}
    out["statistics.md"] = statistics_page(model)
    for ctype in CONTENT_TYPES:
        out[f"{ctype.folder.removeprefix('content/')}/index.md"] = listing_page(ctype, model)
        for item in model.items[ctype.name]:
            out[item.src] = item_page(item, model)
    out.update(facet_pages(model))
    out.update(principle_pages(model))
    for record in model.pages:  # hand-written pages from content/, already checked for safety
        src = record.relpath.removeprefix("content/")
        title = record.data.get("title") if isinstance(record.data.get("title"), str) else None
        body = record.loaded.body
        out[src] = Page((front(title) if title else "") + body, record.relpath)
    out.update(open_data(model, root))
    out.update(feeds(model, site_url))
    return out


def site_path_of(src: str) -> str:
    """Where an emitted page or data file lands in the built site (directory URLs)."""
    if not src.endswith(".md"):
        return src
    return src[:-3] + ".html" if src == "index.md" or src.endswith("/index.md") else src[:-3] + "/index.html"


def manifest(model: SiteModel, output: Output, site_url: str = DEFAULT_SITE_URL) -> dict:
    """What the built site must hold, for the post-build audits: every output and every item,
    and the address the feeds link to them under."""
    return {
        "site_url": site_url,
        "outputs": sorted(site_path_of(src) for src in output),
        "items": [{"type": i.ctype.name, "id": i.id, "relpath": i.relpath, "url": i.url,
                   "first_published": i.first_published.isoformat() if i.first_published else None}
                  for i in model.all_items()],
    }


class BuildRefused(Exception):
    """Content has errors: the site is not built. Carries the findings."""

    def __init__(self, result: Result) -> None:
        super().__init__(f"{len(result.errors)} errors in the content")
        self.result = result


def load_site(root: Path, site_url: str = DEFAULT_SITE_URL, new_base: str = "",
              manifest_path: Path | None = None, memo: dict | None = None) -> tuple[Output, Result, str]:
    """Validate, model and emit; refuse when any finding is an error. Returns (output, result, history note).
    new_base is GitHub's new-file address of the repository (…/new/main/), for "add" links; with
    manifest_path, the manifest of what was emitted is written there for the post-build audits;
    memo is the validator's per-file memory between runs (see validate.Validator)."""
    result = validate(root, memo=memo)
    if result.errors:
        raise BuildRefused(result)
    history = read_history(root)
    model = build_model(result, history.dates, new_base=new_base)
    output = emit_site(model, root, site_url)
    if manifest_path is not None:
        manifest_path.write_text(json.dumps(manifest(model, output, site_url)), encoding="utf-8")
    return output, result, history.note


def new_file_base(edit_uri: str) -> str:
    """GitHub's new-file address of the repository (…/new/main/) from the edit address the
    renderer's configuration gives (…/edit/main/); empty when there is none."""
    return edit_uri.replace("/edit/", "/new/", 1) if edit_uri.startswith("https://") else ""


def site_settings(site_url: str | None, edit_uri: str | None) -> tuple[str, str]:
    """(site_url, new_base) for load_site, from the renderer's two settings (either may be unset)."""
    return site_url or DEFAULT_SITE_URL, new_file_base(edit_uri or "")


# Handing the emitted site to renderer processes: `localdigital build` validates and emits once,
# while its renderers start, and each renderer reads the result instead of doing it again.

def _made_by() -> tuple[str, int]:
    """This module's file and version on disk: a renderer importing another copy of the
    package than the build's does not read what the build wrote."""
    here = Path(__file__).resolve()
    return str(here), here.stat().st_mtime_ns


def save_output(path: Path, settings: tuple[str, str], output: Output) -> None:
    """Write output, emitted with settings (site_url, new_base), for load_output. Written
    aside and moved into place, so a reader never sees half of it. path must be in a folder
    only this user can write to (the build makes one with tempfile.mkdtemp): the file is a
    pickle, which a renderer trusts as the build's own."""
    part = path.with_name(path.name + ".part")
    try:
        with part.open("wb") as f:
            pickle.dump(((tuple(settings), _made_by()), output), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)  # a disk full, Ctrl+C: no half file left behind


def load_output(path: Path, settings: tuple[str, str], parent: int) -> Output | None:
    """The output save_output writes at path, once it is there, if it was emitted with the same
    settings as this renderer's, by the same copy of this package (else None: the renderer
    emits its own). Waits while its parent is the process parent (the build's);
    ProcessLookupError once it is not (the build has stopped, even before this renderer
    started to wait)."""
    while not path.exists():
        if os.getppid() != parent:
            raise ProcessLookupError("the build that started this renderer has stopped")
        time.sleep(0.01)
    with path.open("rb") as f:
        made, output = pickle.load(f)  # noqa: S301 - the build's own file, in its private folder (see save_output)
    return output if made == (tuple(settings), _made_by()) else None


def emit_to_folder(root: Path, out_dir: Path) -> int:
    """`localdigital emit --out DIR`: the same pages and data, as files, for any renderer."""
    from . import report
    try:
        output, _result, note = load_site(root)
    except BuildRefused as refused:
        for line in report.as_text(refused.result.findings, refused.result.files):
            print(line)
        return 1
    for path, value in output.items():
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(value if isinstance(value, bytes) else value.markdown.encode("utf-8"))
    print(f"wrote {len(output)} files to {out_dir}" + (f" ({note})" if note else ""))
    return 0

