"""Agreement pages: one per Crown Commercial Service agreement in the current register
(registers/procurement-frameworks/agreements.csv) and per older agreement a brief names, each
with what the register knows (lots, dates, status, sources, "not known" where it stops) and
every brief on the site that used it; the agreements listing with its facets (kind, status,
lot) and a page per facet value; the agreements as open data; a feed of briefs per agreement.
"""

from __future__ import annotations

import datetime
import html
import json
from collections import defaultdict


from ..content import AGREEMENTS_FOLDER
from ..load.agreements import Agreement
from ..model import Item, SiteModel
from .briefs import agreement_src, agreement_url, route_words, value_words, year_words
from .data import csv_rows, records_json
from .feeds import atom_feed
from .markup import Output, Page, attr, external, front, html_list, org_link, rel_url, slug, text

NOT_KNOWN = "not known"
LISTING = f"{AGREEMENTS_FOLDER}/index.md"
GUIDE = "procurement-guide/index.md"
GUIDE_SOURCE = "content/" + GUIDE
FACET_FOLDER = "by_{facet}"  # as the other listings' facet pages (emit/listings.py)

# Where an agreement is bought through, as the routes register (routes.yaml) states it: each
# sentence with its source. Agreements not named here get "the sources do not say".
_DM = "https://advice-cloud.co.uk/knowledge-hub/ultimate-guide-to-g-cloud/"
_DOS6 = "https://www.crowncommercial.gov.uk/agreements/RM1043.8"
_GC13 = "https://d3tenders.com/contract/download.php?ocid=ocds-b5fd17-f561dc37-ca80-49e4-9cb1-d0f8b59afa37"
_GC14 = "https://d3tenders.com/contract/download.php?ocid=ocds-h6vhtk-05cc39"
PLATFORMS: dict[str, tuple[str, str]] = {
    **{ref: ("Up to G-Cloud 12, G-Cloud was reached through the Digital Marketplace.", _DM)
       for ref in ("RM1557vii", "RM1557viii", "RM1557ix", "RM1557.10", "RM1557.11", "RM1557.12")},
    **{ref: ("Opportunities under Digital Outcomes and Specialists 5 and earlier were published on the Digital Marketplace.", _DOS6)
       for ref in ("RM1043iii", "RM1043iv", "RM1043.5", "RM1043.6", "RM1043.7")},
    "RM1557.13": ("G-Cloud 13 went live on CCS's Contract Award Service on 9 November 2022.", _GC13),
    "RM1043.8": ("Digital Outcomes 6 opportunities are published on CCS's Contract Award Service.", _DOS6),
    "RM1557.14": ("Council award records for G-Cloud 14 call-offs still describe choosing services "
                  "on the Digital Marketplace; the sources do not name the platform CCS runs for it.", _GC14),
}


# ---- which agreements, and their briefs ------------------------------------------------

def listed_agreements(model: SiteModel) -> list[Agreement]:
    """The current register's agreements, then any older one a brief names."""
    agreements = list(model.registers.current_agreements)
    seen = {a.reference for a in agreements if a.reference}
    for reference in sorted({b.data.get("agreement") for b in model.items["procurement-brief"]} - {None}):
        agreement = model.registers.agreements.get(reference)
        if agreement is not None and reference not in seen:
            agreements.append(agreement)
            seen.add(reference)
    return agreements


def briefs_by_agreement(model: SiteModel) -> dict[str, list[Item]]:
    """Agreement reference -> the briefs that name it, by title."""
    found: dict[str, list[Item]] = defaultdict(list)
    for brief in model.items["procurement-brief"]:
        reference = brief.data.get("agreement")
        if isinstance(reference, str):
            found[reference].append(brief)
    return found


def _kind(agreement: Agreement) -> str:
    kind = (agreement.kind or "").strip()
    if kind.startswith("framework"):
        return "framework"
    if kind == "dps":
        return "dynamic purchasing system"
    return NOT_KNOWN


def _lot_titles(agreement: Agreement) -> list[str]:
    """Lot titles as facet values: without their bracketed detail, so that the same lot in two
    agreements (Cloud Software in G-Cloud 12 and 14) is one value; numbered-only lots have none."""
    titles = [lot.title.split(" (")[0].strip() for lot in agreement.lot_list]
    return sorted({t[:1].upper() + t[1:] for t in titles if t})


def agreement_facets(agreement: Agreement, model: SiteModel) -> dict[str, list[str]]:
    return {"kind": [_kind(agreement)], "status": [agreement.status(model.built_on)],
            "lot": _lot_titles(agreement) or [NOT_KNOWN]}


def _date(day: datetime.date | None) -> str:
    return day.isoformat() if day else NOT_KNOWN


def _outcome(brief: Item) -> str:
    status = str(brief.data.get("status", "status not stated"))
    award = brief.data.get("award") if isinstance(brief.data.get("award"), dict) else {}
    parts = [status]
    if award.get("supplier"):
        parts.append(f"to {award['supplier']}")
    if isinstance(award.get("value"), int):
        parts.append(f"£{award['value']:,}")
    return " ".join(parts)


# ---- pages -------------------------------------------------------------------------------

def _source_link(source: str) -> str:
    if source.startswith(("https://", "http://")):
        return external(source, source)
    return text(source)  # a repository and path, as the register writes it


def briefs_table(briefs: list[Item], here: str) -> str:
    rows = []
    for brief in briefs:
        buyer = ", ".join(org_link(ref, here) for ref in brief.orgs.get("organisation", [])) or NOT_KNOWN
        rows.append(f'<tr><th scope="row"><a href="{attr(rel_url(here, brief.url))}">{text(brief.title)}</a></th>'
                    f"<td>{buyer}</td><td>{text(brief.data.get('lot', 'not stated'))}</td><td>{text(route_words(brief))}</td>"
                    f"<td>{text(value_words(brief))}</td><td>{text(year_words(brief))}</td><td>{text(_outcome(brief))}</td></tr>")
    head = "".join(f'<th scope="col">{h}</th>' for h in ("Brief", "Buyer", "Lot", "Route", "Value band", "Year", "Outcome"))
    return (f'<table class="ld-briefs" data-pagefind-ignore><caption>Briefs on this site that used it ({len(briefs)})</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _what_it_is(agreement: Agreement) -> str:
    kind = _kind(agreement)
    opening = {"framework": "A framework agreement", "dynamic purchasing system": "A dynamic purchasing system"}.get(
        kind, "An agreement")
    lots = agreement.lot_list
    if not lots:
        return f"{opening} of the Crown Commercial Service. The sources give no list of its lots."
    named = [lot.label for lot in lots]
    some = "" if agreement.lots_complete else " The sources list only some of its lots."
    return (f"{opening} of the Crown Commercial Service for buying what its "
            f"{'lot covers' if len(lots) == 1 else 'lots cover'}: {'; '.join(named)}.{some}")


def agreement_page(agreement: Agreement, briefs: list[Item], model: SiteModel) -> Page:
    src = agreement_src(agreement)
    title = agreement.name or agreement.reference
    lines = [front(title, description=f"{title}: lots, dates and the briefs on this site that used it.")
             + f"# {text(title)}", "", text(_what_it_is(agreement)), ""]
    status = agreement.status(model.built_on)
    facts = [("Reference", text(agreement.reference) if agreement.reference else "not stated in the sources"),
             ("Kind", text(agreement.kind or NOT_KNOWN)),
             ("Starts", _date(agreement.start)), ("Ends", _date(agreement.end)),
             ("Status", text(status) + (f" (on {model.built_on.isoformat()}, worked out from the known dates)" if status != NOT_KNOWN
                                        else " (the sources give no dates)")),
             ]
    if agreement.status_as_stated:
        facts.append(("Status as the sources state it", text(agreement.status_as_stated)))
    if agreement.lots_as_stated:
        facts.append(("Lots as the sources state them", text(agreement.lots_as_stated)))
    if agreement.guidance_url:
        facts.append(("Buyer guidance", external(agreement.guidance_url, agreement.guidance_url)))
    rows = "".join(f'<tr><th scope="row">{label}</th><td>{value}</td></tr>' for label, value in facts)
    lines += [f'<table class="ld-facts"><caption>What the register knows</caption><tbody>{rows}</tbody></table>', ""]
    if agreement.notes:
        lines += [f"**Notes from the register:** {text(agreement.notes)}", ""]
    lines += ["## How to buy through it", ""]
    platform = PLATFORMS.get(agreement.reference)
    if platform:
        lines += [f"{text(platform[0])} (Source: {external(platform[1], platform[1])})", ""]
    else:
        lines += ["The register's sources do not say which platform this agreement is bought through.", ""]
    used = sorted({route_words(b) for b in briefs if b.data.get("route")})
    if used:
        lines += [f"Briefs on this site bought through it by: {text(', '.join(used))}.", ""]
    lines += ["The [procurement guide](../procurement-guide/index.md) says how to choose a route and where notices are published.", ""]
    lines += ["## Who bought through it", ""]
    if briefs:
        lines += [briefs_table(briefs, src), ""]
        lines += [f"[Feed of new briefs through this agreement](../feeds/agreement-{agreement.slug}.xml)", ""]
    else:
        lines += ["No brief on this site names this agreement yet. If your council bought through it, "
                  f"[share your brief](../how-to-share.md) with `agreement: {text(agreement.reference or 'its reference')}`.", ""]
    if agreement.sources:
        lines += ["## Sources", "", html_list([_source_link(s) for s in agreement.sources], searched=False), ""]
    else:
        lines += ["## Sources", "", "Known from the Crown Commercial Service's 2018 list of agreements and lots "
                  "(registers/procurement-frameworks/ccs-framework-lots-2018.csv, MIT licence), which gives no dates.", ""]
    return Page("\n".join(lines), "registers/procurement-frameworks/agreements.csv" if agreement.current else None)


def _groups(agreements: list[Agreement], model: SiteModel) -> dict[str, dict[str, list[Agreement]]]:
    groups: dict[str, dict[str, list[Agreement]]] = defaultdict(lambda: defaultdict(list))
    for agreement in agreements:
        for facet, values in agreement_facets(agreement, model).items():
            for value in values:
                groups[facet][value].append(agreement)
    return groups


def listing(agreements: list[Agreement], briefs: dict[str, list[Item]], model: SiteModel) -> Page:
    lines = [front("Agreements", description="Crown Commercial Service agreements for council technology buying, "
                   "and who bought through each.") + "# Agreements", "",
             "Crown Commercial Service agreements that councils use to buy technology, as far as public sources "
             "record them: their lots, dates and status, and every brief on this site that used each. Dates may not "
             "show later extensions; each agreement's page lists its sources. New to this? Start with the "
             "[procurement guide](../procurement-guide/index.md).", "",
             "Maintainers add an agreement by pull request to `registers/procurement-frameworks/agreements.csv` "
             "(its SOURCE.md says how).", ""]
    groups = _groups(agreements, model)
    out = ['<form class="ld-filters" data-filters data-pagefind-ignore><fieldset><legend>Filter</legend>']
    for facet, values in groups.items():
        options = "".join(f'<option value="{attr(v)}">{html.escape(v)} ({len(m)})</option>' for v, m in sorted(values.items()))
        out.append(f'<label>{html.escape(facet.capitalize())} <select data-filter="{facet}">'
                   f'<option value="">All</option>{options}</select></label>')
    out.append('<button type="reset">Clear filters</button></fieldset></form>')
    lines += ["".join(out), ""]
    head = "".join(f'<th scope="col"><button type="button" class="ld-sort" data-sort="{c}">{c.capitalize()}</button></th>'
                   for c in ("reference", "kind", "status", "ends", "briefs"))
    table = [f'<p class="ld-count" aria-live="polite"><span data-count>{len(agreements)}</span> of {len(agreements)} agreements shown</p>', "",
             '<table class="ld-table" data-filterable data-pagefind-ignore><thead><tr><th scope="col">'
             f'<button type="button" class="ld-sort" data-sort="name">Name</button></th>{head}</tr></thead><tbody>']
    for agreement in agreements:
        facets = agreement_facets(agreement, model)
        used = len(briefs.get(agreement.reference, [])) if agreement.reference else 0
        data = " ".join(f'data-{k}="{attr("|".join(v))}"' for k, v in facets.items())
        table.append(f'<tr {data} data-name="{attr((agreement.name or agreement.reference).lower())}" '
                     f'data-reference="{attr(agreement.reference)}" data-ends="{attr(_date(agreement.end))}" data-briefs="{used:04d}">'
                     f'<td><a href="{attr(rel_url(LISTING, agreement_url(agreement)))}">{text(agreement.name or agreement.reference)}</a></td>'
                     f"<td>{text(agreement.reference or 'not stated')}</td><td>{text(facets['kind'][0])}</td>"
                     f"<td>{text(facets['status'][0])}</td><td>{_date(agreement.end)}</td><td>{used}</td></tr>")
    table += ["</tbody></table>", ""]
    lines += table
    lines += ["## Browse without filters", ""]
    for facet, values in groups.items():
        folder = FACET_FOLDER.format(facet=facet)
        lines.append(f"**By {facet}:** " + " · ".join(
            f"[{text(v)} ({len(m)})]({folder}/{slug(v)}.md)" for v, m in sorted(values.items())))
        lines.append("")
    return Page("\n".join(lines), "registers/procurement-frameworks/agreements.csv")


def facet_pages(agreements: list[Agreement], model: SiteModel) -> Output:
    out: Output = {}
    for facet, values in _groups(agreements, model).items():
        for value, members in values.items():
            src = f"{AGREEMENTS_FOLDER}/{FACET_FOLDER.format(facet=facet)}/{slug(value)}.md"
            heading = f"Agreements: {facet} {value}"
            links = "".join(f'<li><a href="{attr(rel_url(src, agreement_url(a)))}">{text(a.title)}</a></li>' for a in members)
            out[src] = Page("\n".join([front(heading) + f"# {text(heading)}", "", "[All agreements](../index.md)", "",
                                       f"{len(members)} agreement{'s' if len(members) != 1 else ''}:", "",
                                       f"<ul>{links}</ul>", ""]), None)
    return out


# ---- open data and feeds -------------------------------------------------------------------

def export_agreement(agreement: Agreement, briefs: list[Item], model: SiteModel) -> dict:
    return {"reference": agreement.reference or None, "name": agreement.name, "url": agreement_url(agreement),
            "kind": agreement.kind, "start": agreement.start.isoformat() if agreement.start else None,
            "end": agreement.end.isoformat() if agreement.end else None, "status_as_stated": agreement.status_as_stated,
            "lots": [{"number": lot.number or None, "title": lot.title or None} for lot in agreement.lot_list],
            "lots_complete": agreement.lots_complete, "buyer_guidance_url": agreement.guidance_url,
            "sources": list(agreement.sources), "notes": agreement.notes,
            "derived": {"status": agreement.status(model.built_on), "briefs": [b.id for b in briefs]}}


def agreement_site(model: SiteModel, site_url: str, catalogue: bytes | None = None) -> Output:
    """Every agreement page, the listing and its facet pages, the open data (added to the
    catalogue, data/data.json, when it is given) and the feeds."""
    agreements = listed_agreements(model)
    briefs = briefs_by_agreement(model)
    out: Output = {LISTING: listing(agreements, briefs, model)}
    if not any(page.relpath == GUIDE_SOURCE for page in model.pages):
        # The guide is hand-written (content/procurement-guide/); a copy of the site without it
        # still has the page the navigation and the agreement pages link to, saying how to add it.
        out[GUIDE] = Page(front("Procurement guide") + "# Procurement guide\n\nThe procurement guide has not been "
                          f"written for this site yet. Maintainers add it as `{GUIDE_SOURCE}`, written from "
                          "`registers/procurement-frameworks/routes.yaml` with a source for each fact. Meanwhile, see the "
                          "[agreements](../agreements/index.md).\n", None)
    for agreement in agreements:
        out[agreement_src(agreement)] = agreement_page(agreement, briefs.get(agreement.reference, []) if agreement.reference else [], model)
    out.update(facet_pages(agreements, model))
    rows = [export_agreement(a, briefs.get(a.reference, []) if a.reference else [], model) for a in agreements]
    out["data/agreements.json"] = records_json(rows)
    out["data/agreements.csv"] = csv_rows(rows, ["reference", "name", "url", "kind", "start", "end", "status_as_stated"])
    if catalogue is not None:
        listing_data = json.loads(catalogue)
        listing_data["attribution"].append("Agreements: facts from Crown Commercial Service agreement pages and "
                                           "Find a Tender / Contracts Finder notices (OGL v3.0); each record lists its sources")
        listing_data["datasets"].append({"type": "agreement", "title": "Agreements", "records": len(rows),
                                         "json": "data/agreements.json", "csv": "data/agreements.csv"})
        out["data/data.json"] = json.dumps(listing_data, indent=1, ensure_ascii=False).encode("utf-8")
    base = site_url.rstrip("/") + "/"
    for agreement in agreements:
        if agreement.reference and briefs.get(agreement.reference):
            out[f"feeds/agreement-{agreement.slug}.xml"] = atom_feed(f"agreement-{agreement.slug}", f"briefs through {agreement.title}",
                                                                     briefs[agreement.reference], base, model.built_on)
    return out
