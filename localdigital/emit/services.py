"""A page per council service (issue 18): everything shared about it, of every type.

A council officer looking into, say, waste collection wants the projects, case studies, briefs,
patterns, documents, training and events about it in one place. These pages are also how a
listing is browsed by service without JavaScript: the listing's "by service" links go to the
service's page, at its section for that listing's type. (Until issue 18 each listing had a page
per service of its own, seven copies of the same idea and a quarter of the site's pages.)
"""

from __future__ import annotations

from ..content import CONTENT_TYPES, SIGNATORY, ContentType
from ..model import SiteModel
from .markup import Output, Page, front, html_list, page_link, rel_url, service_name, slugs, text

FOLDER = "services"


def service_groups(model: SiteModel) -> dict[str, dict[str, list]]:
    """{service name: {content type name: [item, ...]}} of every item that names a service."""
    groups: dict[str, dict[str, list]] = {}
    for item in model.all_items():
        if item.ctype is SIGNATORY:
            continue
        for code in item.services:
            groups.setdefault(service_name(model, code), {}).setdefault(item.ctype.name, []).append(item)
    return groups


def service_slugs(model: SiteModel) -> dict[str, str]:
    """The file name of each service's page, by the service's name (the same for every listing)."""
    return slugs(service_groups(model))


def section_id(ctype: ContentType) -> str:
    """The id of a type's section on a service's page (the listing's folder name: projects, case-studies…)."""
    return ctype.folder.rsplit("/", 1)[-1]


def service_pages(model: SiteModel) -> Output:
    groups = service_groups(model)
    names = slugs(groups)
    out: Output = {}
    index = [front("Services", description="Everything shared on this site about each council service") + "# Services", "",
             "Everything shared here about a council service, from projects and case studies to procurement briefs, "
             "patterns, documents, training and events. Services are named as in the Local Government Service List "
             "(LGSL), which GOV.UK also uses.", ""]
    if not groups:
        index += ["Nothing shared here names a service yet. When you [share your work](../how-to-share.md), list the "
                  "services it is about under `services:` (LGSL codes) and it will appear here.", ""]
    entries = []
    for service in sorted(groups):
        kinds = groups[service]
        count = sum(len(items) for items in kinds.values())
        src = f"{FOLDER}/{names[service]}.md"
        entries.append(f'<a href="{rel_url(f"{FOLDER}/index.md", f"{FOLDER}/{names[service]}/")}">{text(service)}</a> ({count})')
        page = [front(service, description=f"Everything shared about {service}") + f"# {text(service)}", "",
                f"{count} item{'s' if count != 1 else ''} shared about this service. [All services](index.md)", ""]
        for ctype in CONTENT_TYPES:
            items = kinds.get(ctype.name)
            if items:
                page += [f"## {text(ctype.plural)} {{#{section_id(ctype)}}}", "",
                         html_list([page_link(i, src) for i in sorted(items, key=lambda i: i.title.lower())], searched=False),
                         ""]
        page += ["Done something about this service? [Share it](../how-to-share.md).", ""]
        out[src] = Page("\n".join(page), None)
    if entries:
        index += [html_list(entries, searched=False), ""]
    out[f"{FOLDER}/index.md"] = Page("\n".join(index), None)
    return out
