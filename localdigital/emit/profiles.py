"""Council profiles: on every signatory's page, its latest self-assessment as a grid (principle x
criterion, status against target, movement, evidence), its earlier assessments, a feed to follow
it, and "councils like us" (same type, same region) with what they have shared. A signatory with
no assessment gets an empty state with a prefilled link to start one."""

from __future__ import annotations

from urllib.parse import quote

from ..content import SELF_ASSESSMENT, SIGNATORY
from ..load.criteria import Criteria
from ..model import Item, SiteModel
from .assessments import Assessment, facts_line, grid, project_lines
from .markup import Page, attr, html_list, page_link, rel_url, text

MAX_LIKE_US = 8  # councils shown in the panel
MAX_SHARED = 3  # items shown per council


COUNCIL_MARK = "council-id-goes-here"  # where a shared template holds the council's id


def starter_link(council: Item, model: SiteModel, template: str | tuple[str, str]) -> str | None:
    """GitHub's new-file page for this council's first assessment, with the template prefilled.
    template is the text, or (before, after) the council's id, each already quoted for an address
    (made once for every profile: quoting the whole template for each was a third of the time)."""
    if not model.new_base:
        return None
    day = model.built_on.isoformat()
    if isinstance(template, str):
        value = quote(template, safe="")
    else:
        value = template[0] + quote(council.id, safe="") + template[1]
    return (f"{model.new_base.rstrip('/')}/{SELF_ASSESSMENT.folder}?filename={council.id}-{day}{SELF_ASSESSMENT.suffix}"
            f"&value={value}")


def shared_by(council: Item) -> list[Item]:
    """What a council has shared: items it leads, owns, did, buys or partners in (not self-assessments)."""
    seen: list[Item] = []
    for _role, item in council.involved_in:
        if item.ctype is not SELF_ASSESSMENT and item not in seen:
            seen.append(item)
    return seen


def _place(council: Item) -> tuple[str, str] | None:
    body = council.org
    return None if body is None else (body.type_name, body.region or body.nation or "")


def councils_like(council: Item, model: SiteModel, groups: dict | None = None) -> list[Item]:
    """Other signatories of the same council type and region, those that have shared most first.
    groups (place -> signatories, sorted so) may be given, made once for every profile."""
    if _place(council) is None:
        return []
    if groups is None:
        groups = like_groups(model)
    return [other for other in groups.get(_place(council), []) if other is not council]


def like_groups(model: SiteModel) -> dict[tuple[str, str], list[Item]]:
    groups: dict[tuple[str, str], list[Item]] = {}
    for other in model.items[SIGNATORY.name]:
        place = _place(other)
        if place is not None:
            groups.setdefault(place, []).append(other)
    for members in groups.values():
        members.sort(key=lambda other: (-len(shared_by(other)), other.title.lower()))
    return groups


def profile_section(council: Item, history: list[Assessment], criteria: Criteria, model: SiteModel,
                    template: str | tuple[str, str], groups: dict | None = None) -> list[str]:
    here = council.src
    lines = ["## Self-assessment", ""]
    if not history:
        lines += [f"{text(council.title)} has not published a self-assessment here yet. A self-assessment rates the council "
                  "against the criteria of the five principles (not yet, partly or fully, with evidence), so others can see "
                  f'where it stands and whom to ask. Read <a href="{attr(rel_url(here, "how-to-self-assess/"))}">how to '
                  "assess your council</a>.", ""]
        link = starter_link(council, model, template)
        if link:
            lines += [f'<p><a class="md-button" href="{attr(link)}" rel="noopener">Start a self-assessment for '
                      f"{text(council.title)} on GitHub</a></p>", ""]
        else:
            lines += ["Start one with `localdigital new self-assessment`.", ""]
    else:
        latest = history[-1]
        lines += [f'Latest: <a href="{attr(rel_url(here, latest.item.url))}">the assessment of {latest.day.isoformat()}</a>. '
                  + facts_line(latest), "",
                  "Each criterion is rated not yet, partly or fully against a target the council set itself. "
                  "The movement is since the council's previous assessment.", ""]
        lines += grid(latest, criteria, model, here)
        lines += [line.replace("## Declaration project", "### Declaration project") for line in project_lines(latest)]
        if len(history) > 1:
            lines += ["### Earlier assessments", "",
                      html_list([f'<a href="{attr(rel_url(here, a.item.url))}">{a.day.isoformat()}</a>'
                                 for a in reversed(history[:-1])], searched=False), ""]
    lines += [f'Follow {text(council.title)}: <a href="{attr(rel_url(here, f"feeds/councils/{council.id}.xml"))}">'
              "its feed of new assessments and shared work</a> (Atom).", ""]
    lines += _like_us(council, model, groups)
    return lines


def _like_us(council: Item, model: SiteModel, groups: dict | None) -> list[str]:
    here, body = council.src, council.org
    if body is None:
        return []
    where = body.region or body.nation or "the same area"
    alike = councils_like(council, model, groups)
    heading = f"## Councils like us: {text(body.type_name)}, {text(where)}"
    if not alike:
        return [heading, "", f"No other {text(body.type_name.lower())} in {text(where)} has signed yet.", ""]
    entries = []
    for other in alike[:MAX_LIKE_US]:
        shared = shared_by(other)
        what = (": " + ", ".join(page_link(i, here) for i in shared[:MAX_SHARED])
                + (f" and {len(shared) - MAX_SHARED} more" if len(shared) > MAX_SHARED else "")) if shared else ": nothing shared yet"
        entries.append(f"{page_link(other, here)}{what}")
    more = len(alike) - MAX_LIKE_US
    return [heading, "", html_list(entries, searched=False), ""] + (
        [f"And {more} more: see the [signatories](index.md).", ""] if more > 0 else [])


def extend_profiles(out: dict, by_council: dict[str, list[Assessment]], criteria: Criteria, model: SiteModel,
                    template: str | tuple[str, str], only: Item | None = None, groups: dict | None = None) -> None:
    """Add the profile section to every signatory's page in out (or only one's), at the end."""
    for council in [only] if only is not None else model.items[SIGNATORY.name]:
        page = out.get(council.src)
        if not isinstance(page, Page):
            continue
        section = profile_section(council, by_council.get(council.id, []), criteria, model, template, groups)
        out[council.src] = Page(page.markdown.rstrip("\n") + "\n\n" + "\n".join(section), page.source)
