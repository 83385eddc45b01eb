"""Item pages: one page per signatory, case study, brief, pattern and project."""

from __future__ import annotations

import html

from ..content import DOCUMENT, EVENT, SIGNATORY, TRAINING
from ..model import PRINCIPLES, Item, SiteModel
from .briefs import agreement_link, route_words, value_words
from .events import type_facts, type_sections
from .markup import Page, attr, front, external, html_list, org_link, page_link, rel_url, service_name, text
from .related import same_organisations

FIELD_LABELS = {
    "organisations": "Organisations", "organisation": "Buyer", "lead": "Lead", "partners": "Partners",
    "owner": "Owner", "used_by": "Used by", "adopted_by": "Adopted by", "reused_by": "Reused by",
    "interested": "Interested", "published": "Published", "status": "Status", "phase": "Phase",
    "kind": "Kind", "maturity": "Maturity", "agreement": "Agreement", "lot": "Lot", "value_band": "Value",
    "contract_length": "Contract length", "licence": "Licence", "looking_for_partners": "Looking for partners",
    "signed_on": "Signed", "co_publisher": "Co-publisher", "signed_by": "Signed by",
}
# Issue 14: training, events and documents (status, when, where and licence are type_facts').
FIELD_LABELS.update({"provider": "Provider", "providers": "Providers", "format": "Format", "audience": "Audience",
                     "cost": "Cost", "cost_note": "About the cost", "dates": "Dates", "recurrence": "How often",
                     "status_note": "About the status", "organiser": "Organiser", "organisers": "Organisers", "year": "Year"})
_TYPE_FACTS_OWN = frozenset(("status", "licence"))  # shown by type_facts for these types
# Procurement briefs' fields (issue 15); agreement, route and value band are worded by emit/briefs.py.
FIELD_LABELS.update({"route": "Route", "year": "Year", "closing_date": "Closing date",
                     "contract_start": "Contract starts", "contract_end": "Contract ends"})
BRIEF_WORDS = {"agreement": agreement_link, "route": lambda item, _m, _h: text(route_words(item)),
               "value_band": lambda item, _m, _h: text(value_words(item))}


def _facts(item: Item, model: SiteModel) -> list[tuple[str, str]]:
    here, data, rows = item.src, item.data, []
    own = _TYPE_FACTS_OWN if item.ctype in (TRAINING, EVENT, DOCUMENT) else frozenset()
    for name, label in FIELD_LABELS.items():
        if name in own:
            continue
        if name in BRIEF_WORDS and item.ctype.name == "procurement-brief" and name in data:
            rows.append((label, BRIEF_WORDS[name](item, model, here)))
        elif name in item.orgs:
            rows.append((label, ", ".join(org_link(ref, here) for ref in item.orgs[name])))
        elif name in data and not isinstance(data[name], (dict,)):
            value = data[name]
            if isinstance(value, bool):
                value = "yes" if value else "no"
            elif isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            rows.append((label, text(value)))
    rows += type_facts(item, model)
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
    rows += _contact_rows(item)
    if item.first_published:
        rows.append(("First published here", item.first_published.isoformat()))
    if item.last_updated and item.last_updated != item.first_published:
        rows.append(("Last updated", item.last_updated.isoformat()))
    return rows


def contact_link(contact: str) -> str:
    """A signatory's contact: a role mailbox as a mailto: link, or a contact form's address."""
    if contact.startswith("https://"):
        return external(contact, "Contact form")
    return f'<a href="mailto:{attr(contact)}">{text(contact)}</a>'


def _contact_rows(item: Item) -> list[tuple[str, str]]:
    """How to reach a signatory (and, on a project, its lead), so "contact the lead" can be done."""
    if item.ctype is SIGNATORY:
        source = item
    else:
        leads = item.orgs.get("lead") or []
        source = leads[0].signatory if leads and leads[0].signatory is not None else None
        if source is None or not source.data.get("contact"):
            return []
    rows = []
    contact = source.data.get("contact")
    if isinstance(contact, str) and contact:
        rows.append(("Contact" if source is item else "Contact the lead", contact_link(contact)))
    else:
        rows.append(("Contact", "none given yet: the signatory can add a role mailbox or contact form "
                                "as <code>contact:</code> in its file (use the edit link on this page)"))
    website = source.data.get("website") if source is item else None
    if isinstance(website, str) and website:
        rows.append(("Website", external(website, website)))
    return rows


def _outcomes(item: Item) -> list[str]:
    outcomes = [o for o in item.data.get("outcomes", []) if isinstance(o, str)]
    return ["## Outcomes", "", html_list([text(o) for o in outcomes]), ""] if outcomes else []


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
    lines += _outcomes(item)
    lines += _updates(item.data.get("updates", []))
    lines += type_sections(item)
    lines += _links_section(item)
    lines += same_organisations(item, here)  # related.py (issue 16)
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
