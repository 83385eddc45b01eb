"""The other generated pages: the five principles, partners wanted, the home page and the
starter templates; and the "add on GitHub" links the listings use."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import quote

from ..content import CONTENT_TYPES, SIGNATORY, ContentType
from ..contribute.starters import QUESTIONS, fill
from ..model import PRINCIPLES, Item, SiteModel
from .declaration import PRINCIPLE_PLAIN, PRINCIPLE_WORDING
from .markup import DECLARATION_URL, Output, Page, external, front, html_list, page_link, service_name, text
from .services import section_id

def blank_template(ctype: ContentType) -> str:
    """The commented template with every blank left empty ("")."""
    return fill(ctype.name, {field: "" for field, _q, _e in QUESTIONS[ctype.name]})


def new_file_link(ctype: ContentType, new_base: str) -> str:
    """GitHub's new-file page in the type's folder, with the commented template filled in."""
    return (f"{new_base.rstrip('/')}/{ctype.folder}?filename=your-{ctype.name}{ctype.suffix}"
            f"&value={quote(blank_template(ctype), safe='')}")


def principle_explained(number: int) -> list[str]:
    """A principle in plain words, then as the Declaration words it, with its source."""
    wording = PRINCIPLE_WORDING[number]
    sources = " ".join(external(url, f"source {n}" if len(wording.sources) > 1 else "source")
                       for n, url in enumerate(wording.sources, 1))
    return [f"**In plain words:** {text(PRINCIPLE_PLAIN[number])}", "",
            f'<blockquote><p>{text(wording.text)}</p></blockquote>', "",
            f"The Declaration’s words ({sources}).", ""]


def principle_pages(model: SiteModel) -> Output:
    out: Output = {}
    lines = [front("The five principles") + "# The five principles", "",
             f"The Local Digital Declaration sets out five principles. Read the [Declaration itself]({DECLARATION_URL}) "
             "on its own site; here is everything shared on this site under each principle.", ""]
    for number, name in PRINCIPLES.items():
        tagged = [i for i in model.all_items() if number in i.principles]
        lines.append(f"{number}. [{text(name)}]({number}.md): {text(PRINCIPLE_PLAIN[number])} "
                     f"({len(tagged)} item{'s' if len(tagged) != 1 else ''} shared)")
        page = [front(f"Principle {number}: {name}", description=PRINCIPLE_PLAIN[number]) + f"# Principle {number}: {text(name)}", ""]
        page += principle_explained(number)
        if tagged:
            for ctype in CONTENT_TYPES:
                group = [i for i in tagged if i.ctype is ctype]
                if group:
                    page += [f"## {ctype.plural} {{#{section_id(ctype)}}}", "",
                             html_list([page_link(i, f"principles/{number}.md") for i in group], searched=False), ""]
        else:
            page += ["Nothing is tagged with this principle yet. [Share your work](../how-to-share.md) and tag it.", ""]
        page += [f"[Feed of new items under this principle](../feeds/principle-{number}.xml)", ""]
        out[f"principles/{number}.md"] = Page("\n".join(page), None)
    out["principles/index.md"] = Page("\n".join(lines) + "\n", None)
    return out


def partners_page(model: SiteModel) -> Page:
    looking = [p for p in model.items["project"] if p.data.get("looking_for_partners") is True]
    lines = [front("Looking for partners") + "# Looking for partners", "",
             "Projects that want more councils to join. Each project's page gives its lead's contact where the lead "
             "has given one; otherwise the lead's signatory page says how it can add one.", ""]
    if not looking:
        lines += ["No project is looking for partners right now.", "",
                  "To look for partners, set `looking_for_partners: true` in your project's file (the edit link on "
                  "its page opens it), or [add a project](how-to-share.md) that says so. Meanwhile, "
                  "[every project](projects/index.md) shows who leads it, and [patterns](patterns/index.md) show "
                  "what councils already share.", ""]
    by_service: dict[str, list[Item]] = defaultdict(list)
    for project in looking:
        for code in project.services or [0]:
            by_service[service_name(model, code) if code else "Other services"].append(project)
    for service, projects in sorted(by_service.items()):
        lines += [f"## {text(service)}", "", html_list([page_link(p, "partners.md") for p in projects], searched=False), ""]
    return Page("\n".join(lines), None)


def templates_page(model: SiteModel) -> Page:
    """Every content type's commented template, each with a button that opens it in GitHub's editor."""
    lines = [front("Share your work") + "# Share your work", "",
             "Each button opens GitHub's editor in the right folder with a commented template filled in: "
             "replace the blanks, name the file, and propose the change. The checks then tell you, line by line, "
             "if anything needs fixing. Read [how to share](how-to-share.md) for the rules. Organisations are named by "
             "their register code: find yours on the [Find your council](find-your-council.md) page.", ""]
    for ctype in (SIGNATORY, *[c for c in CONTENT_TYPES if c is not SIGNATORY]):
        lines += [f"## {'Sign the Declaration' if ctype is SIGNATORY else 'A ' + ctype.label}", ""]
        if model.new_base:
            lines += [f"[Open the {ctype.label} template on GitHub]({new_file_link(ctype, model.new_base)}){{ .md-button }}", ""]
        blank = blank_template(ctype)
        lines += [f"File: `{ctype.folder}/your-{ctype.name}{ctype.suffix}`", "", "```yaml" if not ctype.markdown else "```markdown",
                  blank.rstrip("\n"), "```", ""]
    return Page("\n".join(lines), None)
