"""Generated parts of hand-written pages and listings, written where the build knows what the
hand-written text cannot: the open-data page's links to every file this build publishes, how-to-
sign's direct links into the repository, and each listing's downloads, feed and (for signatories)
how complete the directory is."""

from __future__ import annotations

from ..content import CONTENT_TYPES, SIGNATORY, ContentType
from ..model import SiteModel
from .declaration import SECTOR_COUNTS
from .markup import Output, Page, external, text
from .pages import new_file_link

_TITLES = {c.folder.removeprefix("content/"): c.plural for c in CONTENT_TYPES}


def _insert(page: Page, block: list[str]) -> Page:
    """The block inserted before the page's first second-level heading (or at its end)."""
    markdown = page.markdown
    at = markdown.find("\n## ")
    at = len(markdown) if at < 0 else at + 1
    return Page(markdown[:at] + "\n".join(block) + "\n\n" + markdown[at:], page.source)


def open_data_page(page: Page, output: Output) -> Page:
    """The open-data page with a link to every data file, schema and feed in this build."""
    names = sorted(path[len("data/"):-len(".json")] for path in output if path.startswith("data/") and path.endswith(".json"))
    rows = ["| What | JSON | CSV |", "|---|---|---|"]
    for name in names:
        if name == "data":
            continue
        csv = f"[{name}.csv](data/{name}.csv)" if f"data/{name}.csv" in output else "–"
        rows.append(f"| {text(_TITLES.get(name, name.replace('-', ' ').capitalize()))} | [{name}.json](data/{name}.json) | {csv} |")
    schemas = sorted(p for p in output if p.startswith("schemas/") and p.endswith(".json"))
    feeds = sorted(p for p in output if p.startswith("feeds/") and p.endswith(".xml"))
    calendars = sorted(p for p in output if p.startswith("feeds/") and p.endswith(".ics"))
    block = ["## Download the data", "", *rows, "",
             "The catalogue, [data.json](data/data.json), lists every dataset with its licence and attribution. "
             "Addresses are relative to the site's and stay the same.", "",
             "Schemas (what each field means): " + " · ".join(f"[{p.rsplit('/', 1)[1]}]({p})" for p in schemas), "",
             "## Feeds", "", "Atom feeds, for a feed reader: " + " · ".join(f"[{p.rsplit('/', 1)[1]}]({p})" for p in feeds), ""]
    if calendars:
        block += ["Calendars of events (iCalendar), for a calendar app to subscribe to: "
                  + " · ".join(f"[{p.rsplit('/', 1)[1]}]({p})" for p in calendars), ""]
    return _insert(page, block)


def how_to_sign_links(page: Page, model: SiteModel) -> Page:
    """how-to-sign with the repository's own links for each way of signing, where the site knows it."""
    if not model.new_base:
        return page
    repository = model.new_base.split("/new/", 1)[0]
    block = ["## Sign now", "",
             f"- {external(repository + '/issues/new/choose', 'Fill in the “Sign the Declaration” form on GitHub')}",
             f"- {external(new_file_link(SIGNATORY, model.new_base), 'Open the signatory template in GitHub’s editor')}",
             "- [Copy the template](templates.md#sign-the-declaration) and open a pull request yourself", ""]
    return Page(page.markdown.rstrip("\n") + "\n\n" + "\n".join(block), page.source)


def listing_notes(ctype: ContentType, model: SiteModel) -> list[str]:
    """Lines under a listing's introduction: downloads and feed, and for signatories how complete
    the directory is, beside the sector's own published counts."""
    folder = ctype.folder.removeprefix("content/")
    lines = [f'<p class="ld-downloads">Download this list: <a href="../data/{folder}.csv">CSV</a> · '
             f'<a href="../data/{folder}.json">JSON</a> · <a href="../feeds/{folder}.xml">feed of new {text(ctype.plural.lower())}</a> '
             '· <a href="../open-data/">all open data</a></p>', ""]
    if ctype is SIGNATORY:
        n = len(model.items[ctype.name])
        counts = "; ".join(f"{text(c.value)} by {text(c.when)} ({external(c.source, 'source')})" for c in SECTOR_COUNTS)
        lines += [f'<p class="ld-note"><strong>This directory is not complete.</strong> It lists the {n} organisation'
                  f'{"s" if n != 1 else ""} added to this site so far. The Declaration’s own published counts: {counts}. '
                  "The figures by nation and region below cover only this directory. "
                  'Is your organisation missing? <a href="../how-to-sign/">Add it</a>.</p>', ""]
    return lines
