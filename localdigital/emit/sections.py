"""The landing page of each top-level section (mkdocs.yml's nav: Share and reuse, Learn, Buy,
Measure, About): what is there, how much, and how to add to it. A page another part of the site
may emit (training, events, documents, agreements, the procurement guide) is linked only when
it is in this build's output, so nothing links to a missing page. Signatories' landing page is
its listing."""

from __future__ import annotations

from ..content import CONTENT_TYPES
from ..model import PRINCIPLES, SiteModel
from .markup import Output, Page, front, text

# section folder -> (title, intro, [(page source, label, what it is)], how to add)
SECTIONS: dict[str, tuple[str, str, list[tuple[str, str, str]], str]] = {
    "share": ("Share and reuse",
              "What councils have done and made, written up so that others can reuse it instead of starting again.",
              [("case-studies/index.md", "Case studies", "what a council changed, what it learned and what happened"),
               ("patterns/index.md", "Patterns", "service patterns, components, data standards and platforms councils share"),
               ("projects/index.md", "Projects", "work councils do together, some of it looking for partners"),
               ("partners.md", "Looking for partners", "projects that want more councils to join"),
               ("documents/index.md", "Documents", "business cases, reports, research and service designs")],
              "Anyone from a signatory can add to these. Read [how to share](../how-to-share.md), or open a "
              "[template](../templates.md) in GitHub's editor."),
    "learn": ("Learn",
              "What the Declaration asks, in plain words, and where to learn more.",
              [("principles/index.md", "The five principles", "each principle explained, with everything shared under it"),
               ("glossary.md", "Glossary", "the words this site uses"),
               ("training/index.md", "Training", "courses and programmes for council staff"),
               ("events/index.md", "Events", "meetups, show and tells and conferences")],
              "Know of training or an event that would help? [Share it](../how-to-share.md)."),
    "buy": ("Buy",
            "Buying digital services together: what councils bought, through which route, and briefs to reuse.",
            [("procurement-briefs/index.md", "Procurement briefs", "what councils are buying or bought, with the agreement used"),
             ("agreements/index.md", "Agreements", "routes to market, and who bought through each"),
             ("procurement-guide.md", "Procurement guide", "how to buy in line with the Declaration")],
            "Publish your brief or business case so others can reuse it: open the "
            "[procurement brief template](../templates.md#a-procurement-brief)."),
    "measure": ("Measure",
                "How the community is doing, in numbers, with the data behind every chart.",
                [("statistics.md", "Statistics", "signatories by year, nation and region, on a map, with their tables"),
                 ("open-data.md", "Open data", "every list on this site as JSON and CSV, with feeds")],
                "The numbers grow as organisations [sign](../how-to-sign.md) and [share their work](../how-to-share.md)."),
    "about": ("About",
              "About this site: what it is, how to use its data, and how it treats you.",
              [("how-to-sign.md", "Sign the Declaration", "check whether you are listed, and the ways to sign"),
               ("how-to-share.md", "Share your work", "the rules and the ways to add content"),
               ("open-data.md", "Open data", "the site's data and feeds, and their licences"),
               ("accessibility.md", "Accessibility statement", "how accessible the site is, and how to tell us it is not"),
               ("privacy.md", "Privacy", "what the site records about you (nothing personal)"),
               ("glossary.md", "Glossary", "the words this site uses")],
              "Something wrong or missing? Use \"Report a problem with this page\" at the foot of any page."),
}


def _url(src: str) -> str:
    """A Markdown link to a page by its source, from a section's landing page (mkdocs checks it)."""
    return "../" + src


def _emitted(src: str, output: Output) -> str | None:
    """The page's source as this build emits it: x.md or x/index.md (the same address, x/), or None."""
    other = src[:-len("/index.md")] + ".md" if src.endswith("/index.md") else src[:-3] + "/index.md"
    return src if src in output else other if other in output else None


def section_pages(model: SiteModel, output: Output) -> Output:
    """Each section's landing page, linking only the pages in output (the rest of this build)."""
    out: Output = {}
    counts = {f"{c.folder.removeprefix('content/')}/index.md": len(model.items[c.name]) for c in CONTENT_TYPES}
    for folder, (title, intro, pages, how) in SECTIONS.items():
        lines = [front(title) + f"# {text(title)}", "", intro, ""]
        present = [(found, label, what) for src, label, what in pages if (found := _emitted(src, output))]
        for src, label, what in present:
            count = counts.get(src)
            shown = f" ({count})" if count else (" (none yet: be the first)" if count == 0 else "")
            lines.append(f"- [{text(label)}]({_url(src)}){shown}: {text(what)}")
        if folder == "learn":
            lines += ["", "The five principles: " + "; ".join(f"{n}. {text(name)}" for n, name in PRINCIPLES.items()) + "."]
        lines += ["", "## Add to this section", "", how, ""]
        out[f"{folder}/index.md"] = Page("\n".join(lines), None)
    return out

