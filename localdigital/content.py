"""The content types: where each lives, which schema checks it, what it is called.

Everything that decides which files are content is here, so the validator, the site
and the contribution tools agree on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ContentType:
    name: str  # schema name and the word used in `localdigital new NAME`
    folder: str  # relative to the repository root
    suffix: str  # ".yml" or ".md"
    label: str  # singular, for people
    plural: str  # for people, and the listing page's title

    @property
    def schema_file(self) -> str:
        return f"schemas/{self.name}.schema.json"

    @property
    def markdown(self) -> bool:
        return self.suffix == ".md"


SIGNATORY = ContentType("signatory", "signatories", ".yml", "signatory", "Signatories")
CASE_STUDY = ContentType("case-study", "content/case-studies", ".md", "case study", "Case studies")
BRIEF = ContentType("procurement-brief", "content/procurement-briefs", ".md", "procurement brief", "Procurement briefs")
PATTERN = ContentType("pattern", "patterns", ".md", "pattern", "Patterns")
PROJECT = ContentType("project", "content/projects", ".md", "project", "Projects")

CONTENT_TYPES: tuple[ContentType, ...] = (SIGNATORY, CASE_STUDY, BRIEF, PATTERN, PROJECT)
# Issue 14: training (courses, programmes), dated events, and shared documents (whose files,
# if kept here, sit in the document's own folder: content/documents/<id>/<file>).
TRAINING = ContentType("training", "content/training", ".md", "course or programme", "Courses and programmes")
EVENT = ContentType("event", "content/events", ".md", "event", "Events")
DOCUMENT = ContentType("document", "content/documents", ".md", "document", "Documents")
CONTENT_TYPES += (TRAINING, EVENT, DOCUMENT)
# Issue 13: a council's self-assessment against the five principles, one file per council per date.
SELF_ASSESSMENT = ContentType("self-assessment", "content/self-assessments", ".md", "self-assessment", "Self-assessments")
CONTENT_TYPES += (SELF_ASSESSMENT,)
BY_NAME = {ctype.name: ctype for ctype in CONTENT_TYPES}
BY_FOLDER = {ctype.folder: ctype for ctype in CONTENT_TYPES}

# Folders that hold contributed or hand-written files; nothing outside them is published.
CONTENT_ROOTS: tuple[str, ...] = ("content", "signatories", "patterns")
# Hand-written pages (about, how to sign, ...) are Markdown anywhere else under content/.
PAGES_ROOT = "content"
# Images: the one folder they are kept in (published at images/) and their suffixes; the rule
# about them is validate/assets.py's.
IMAGES_FOLDER = "content/images"
IMAGE_SUFFIXES = frozenset((".png", ".jpg", ".jpeg", ".gif", ".webp"))
# Files allowed beside content that are not pages.
ASSET_SUFFIXES = frozenset((".png", ".jpg", ".jpeg", ".svg", ".pdf", ".csv", ".odt", ".ods", ".docx", ".xlsx"))


def content_type_for(relpath: str) -> ContentType | None:
    """The content type of a file by its folder, or None for hand-written pages and others."""
    folder, _, _name = relpath.rpartition("/")
    return BY_FOLDER.get(folder)


def item_id(relpath: str) -> str:
    """An item's id is its file name without the suffix."""
    name = relpath.rpartition("/")[2]
    return name.rpartition(".")[0] if "." in name else name


def site_path(relpath: str) -> str:
    """Where a content file's page sits in the site's source tree: content/ is the site root,
    patterns/ and signatories/ sit beside it, and a signatory's .yml becomes a page."""
    path = relpath.removeprefix(PAGES_ROOT + "/")
    if path.startswith(SIGNATORY.folder + "/") and path.endswith(SIGNATORY.suffix):
        path = path[: -len(SIGNATORY.suffix)] + ".md"
    return path


# Where the build writes, besides GENERATED_PAGES: every content type's folder (its items,
# listing and facet pages), the open data, feeds and schemas, the theme's and the site's own
# files and the search index. No hand-written page or file may sit in or over one of these
# (validate/files.py refuses it on the contributor's file; emit_site refuses to overwrite).
BUILD_FOLDERS: frozenset[str] = frozenset(
    {ctype.folder.removeprefix(PAGES_ROOT + "/") for ctype in CONTENT_TYPES}
    | {"principles", "data", "feeds", "schemas", "assets", "pagefind", "search", "agreements",
       "progress",  # issue 18: progress/<criterion>/, who has done each criterion (emit/progress.who_pages)
       "services"})  # issue 18: a page per council service (emit/services.py)
BUILD_FILES: frozenset[str] = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz", "index.html", "robots.txt", "favicon.ico",
                                        "social-card.png"})

# Pages the site generates that content may link to (besides every content file's own page).
GENERATED_PAGES: frozenset[str] = frozenset(
    ["index.md", "partners.md", "templates.md", "statistics.md", "principles/index.md", "find-your-council.md"]
    + [f"principles/{n}.md" for n in range(1, 6)]
    + [f"{ctype.folder.removeprefix(PAGES_ROOT + '/')}/index.md" for ctype in CONTENT_TYPES]
    # issue 16: the glossary and the sections' landing pages (emit/glossary.py, emit/sections.py)
    + ["glossary.md"] + [f"{section}/index.md" for section in ("share", "learn", "buy", "measure", "about")]
    + ["progress.md"]  # issue 13: the sector's progress against the principles
    + ["services/index.md"]  # issue 18: a page per council service (emit/services.py)
)
# The agreements listing (issue 15); each agreement's own page, agreements/<slug>.md, comes from
# the register (validate/agreements.agreement_pages).
AGREEMENTS_FOLDER = "agreements"
GENERATED_PAGES |= frozenset([f"{AGREEMENTS_FOLDER}/index.md", "procurement-guide/index.md"])
# Generated pages that stand in until a hand-written page of the same path replaces them (the
# guide is written by hand; a copy of the site without it still has the page, saying how to add it).
DEFAULT_PAGES: frozenset[str] = frozenset(["procurement-guide/index.md"])


# ---- which fields hold what ----------------------------------------------------------------

# Fields holding organisation references, per content type: (path pattern, many?)
ORG_FIELDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "signatory": (("commitment", "partners", "*"),),
    "case-study": (("organisations", "*"), ("adopted_by", "*")),
    "procurement-brief": (("organisation",), ("partners", "*"), ("reused_by", "*")),
    "pattern": (("owner",), ("used_by", "*")),
    "project": (("lead",), ("partners", "*"), ("interested", "*")),
    "training": (("providers", "*"),),
    "event": (("organisers", "*"),),
    "document": (("organisations", "*"), ("reused_by", "*")),
    "self-assessment": (("declaration_project", "partners", "*"),),  # issue 13
}
# Dates that cannot be in the future (commitment.due may be).
PAST_DATES = (("signed_on",), ("published",), ("started",), ("award", "date"),
              ("commitment", "updates", "*", "date"), ("updates", "*", "date"))
DATE_FIELDS = PAST_DATES + (("commitment", "due"),)
# Procurement briefs' dates (issue 15); they may be in the future.
DATE_FIELDS += (("closing_date",), ("contract_start",), ("contract_end",))


def get_path(data: object, path: tuple) -> object:
    """The value at a path of keys in nested dicts, or None."""
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def values_at(data: object, pattern: tuple, prefix: tuple = ()) -> Iterable[tuple[tuple, object]]:
    """Every (path, value) matching a pattern with '*' for list items."""
    if not pattern:
        yield prefix, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from values_at(item, rest, prefix + (index,))
    elif isinstance(data, dict) and head in data:
        yield from values_at(data[head], rest, prefix + (head,))


def owned_by_build(path: str) -> str | None:
    """Why the build owns a path of the site's source tree (a page's or file's site_path), or
    None. Compared case-insensitively: on a case-insensitive file system (and in a downloaded
    preview) Index.md overwrites index.md."""
    folded = path.casefold()
    top = folded.split("/", 1)[0]
    if folded in {p.casefold() for p in GENERATED_PAGES - DEFAULT_PAGES}:
        return "the site makes this page itself"
    if "/" in folded and top in BUILD_FOLDERS:
        return f"the site makes every page and file in {top}/ itself"
    if top in BUILD_FILES or top.removesuffix(".md") in BUILD_FILES:
        return "the site makes a file of this name itself"
    return None


def is_kept_document_file(relpath: str) -> bool:
    """A file kept beside a document, in content/documents/<id>/ (validate/documents.py checks it;
    it is published at documents/<id>/ with its document)."""
    return relpath.startswith(DOCUMENT.folder + "/") and relpath.count("/") == DOCUMENT.folder.count("/") + 2
