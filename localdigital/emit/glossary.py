"""The glossary: the words the site uses, in plain English. Examples are read from the
registers at build time (a council's GSS code, a service's LGSL number, an agreement's
reference), so they are real and stay right as the registers change."""

from __future__ import annotations

from ..model import SiteModel
from .markup import Page, front, text


def _examples(model: SiteModel) -> dict[str, str]:
    registers = model.registers
    found: dict[str, str] = {}
    essex = registers.organisation("ESS")
    if essex is not None and essex.gss:
        found["gss"] = f"{essex.name} is {essex.gss}"
        found["code"] = f"{essex.name} is ESS"
    service = registers.services.get(524)
    if service is not None:
        found["lgsl"] = f"524 is “{service.description}”"
    for reference, agreement in sorted(registers.agreements.items()):
        if agreement.name:
            found["ccs"] = f"{reference} is {agreement.name}"
            break
    return found


def glossary_page(model: SiteModel) -> Page:
    examples = _examples(model)

    def example(key: str) -> str:
        return f" For example, {text(examples[key])}." if key in examples else ""

    terms = [
        ("Local Digital Declaration", "A statement published in July 2018 by MHCLG, the Government Digital Service and a group of "
         "councils and sector bodies. Those who sign it commit to five principles for better local public services."),
        ("Signatory", "An organisation that has signed the Declaration. Each has a page here saying what it has committed to do."),
        ("Co-publisher", "An organisation that helped write the Declaration and published it at its launch in 2018, rather "
         "than signing it afterwards."),
        ("Commitment", "What a signatory says it will do to follow the principles: a title, its partners, its mission and "
         "the change it expects, with a status."),
        ("Principles", "The five things the Declaration asks for. See [the five principles](principles/index.md)."),
        ("Case study", "A council's own account of a change it made, what it learned and what happened."),
        ("Procurement brief", "What a council is buying or has bought, and how: published so that others can reuse the brief "
         "or buy the same thing together."),
        ("Pattern", "Something councils can reuse: a service pattern, a component, a data standard, a process or a platform."),
        ("Project", "Work that councils do together, often funded by the Local Digital Fund, from discovery to live."),
        ("Discovery, alpha, beta, live", "The phases of building a service: finding out what the problem is (discovery), trying "
         "out ideas (alpha), building the real thing and testing it with users (beta), and running it (live)."),
        ("Register code", "The short code this site uses for a council or public body, taken from a public register so that "
         "everyone means the same organisation." + example("code")),
        ("GSS code", "The Government Statistical Service's nine-character code for an area or the council that runs it, used "
         "in official statistics. Its first letter is the nation (E, W, S or N)." + example("gss")),
        ("LGSL service", "A service from the Local Government Services List, the numbered list of council services that "
         "GOV.UK uses to send people to the right council page." + example("lgsl")),
        ("CCS agreement reference", "Crown Commercial Service's reference for a commercial agreement (a framework) that public "
         "bodies buy through, such as G-Cloud. A lot is one part of an agreement." + example("ccs")),
        ("Open data", "The lists on this site, published as files (JSON and CSV) that anyone may reuse under the "
         "Open Government Licence. See [open data](open-data.md)."),
        ("Feed", "A file a feed reader checks for new items, so you hear about additions without visiting the site "
         "(Atom format)."),
        ("Pull request", "A proposed change to the files this site is built from, made on GitHub. A maintainer checks it, "
         "then merges it, and the site is rebuilt."),
        ("Role mailbox", "A shared address for a team or role, such as digital@ a council's domain, rather than a person's "
         "own address. The site publishes only role mailboxes."),
    ]
    lines = [front("Glossary", description="The words this site uses, in plain English.") + "# Glossary", "",
             "The words this site uses, in plain English. A word missing? Use “Report a problem with this page” below.", ""]
    for term, meaning in sorted(terms, key=lambda pair: pair[0].lower()):
        lines += [f"## {text(term)}", "", meaning, ""]
    return Page("\n".join(lines), None)
