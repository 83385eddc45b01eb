"""The site model: valid records joined with the registers and with each other.

Authored fields are kept as the contributor wrote them (`Item.data`, `Item.body`, `Item.title`);
everything derived here is named apart, in `Item`'s other attributes:
  org                              a signatory's registered body (name, type, nation, region, GSS code)
  orgs                             field name -> the organisations named there (OrgRef)
  related_items, referenced_by     links between items
  involved_in                      a signatory's (role, item): what it leads, joins or reuses
  first_published, last_updated    from git history
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .content import CONTENT_TYPES, ORG_FIELDS, SIGNATORY, ContentType, values_at
from .load.registers import Organisation, Registers
from .validate import Record, Result

PRINCIPLES: dict[int, str] = {  # short names, as in the Declaration (registers/../ldd-facts)
    1: "Redesign services around user needs",
    2: "Fix our plumbing",
    3: "Share information safely",
    4: "Digital leadership",
    5: "Open culture",
}


@dataclass(eq=False)
class OrgRef:
    """An organisation as referred to by content: a signatory, a registered body, or a named body."""

    key: str  # signatory id, register code, or "name:<name>"
    name: str
    signatory: Item | None = None
    body: Organisation | None = None


@dataclass(eq=False)
class Item:
    ctype: ContentType
    id: str
    relpath: str
    data: dict
    body: str
    title: str
    # derived
    org: Organisation | None = None  # signatories: the registered body, if any
    orgs: dict[str, list[OrgRef]] = field(default_factory=dict)  # field name -> organisations named there
    related_items: list[Item] = field(default_factory=list)
    referenced_by: list[Item] = field(default_factory=list)
    involved_in: list[tuple[str, Item]] = field(default_factory=list)  # signatories: (role, item)
    first_published: datetime.date | None = None
    last_updated: datetime.date | None = None

    @property
    def url(self) -> str:
        return f"{self.ctype.folder.removeprefix('content/')}/{self.id}/"

    @property
    def src(self) -> str:
        return f"{self.ctype.folder.removeprefix('content/')}/{self.id}.md"

    @property
    def principles(self) -> list[int]:
        return [p for p in self.data.get("principles", []) if isinstance(p, int)]

    @property
    def services(self) -> list[int]:
        return [s for s in self.data.get("services", []) if isinstance(s, int)]


@dataclass
class SiteModel:
    registers: Registers
    items: dict[str, list[Item]]  # content type name -> items, sorted by title
    by_key: dict[tuple[str, str], Item]  # (type name, id) -> item
    pages: list[Record]  # hand-written pages
    built_on: datetime.date
    new_base: str = ""  # GitHub's new-file address of the repository, for "add" links; "" for none

    def all_items(self) -> list[Item]:
        return [item for ctype in CONTENT_TYPES for item in self.items[ctype.name]]


ROLES = {"lead": "leads", "organisation": "buys", "owner": "owns", "partners": "partners in", "organisations": "did",
         "adopted_by": "adopted", "reused_by": "reused", "used_by": "uses", "interested": "is interested in"}


def _signatory_name(record: Record, registers: Registers) -> tuple[str, Organisation | None]:
    organisation = record.data.get("organisation", {})
    code = organisation.get("code")
    if code:
        body = registers.organisation(code)
        return (body.name if body else code), body
    return organisation.get("name", record.id), None


def _title_assessments(assessments: list[Item], signatories: dict[str, Item]) -> None:
    """A self-assessment has no title of its own (issue 13): it is called by its council's name and date."""
    for item in assessments:
        if "title" not in item.data:
            council = signatories.get(item.data.get("organisation"))
            name = council.title if council else str(item.data.get("organisation", item.id))
            item.title = f"{name}: self-assessment of {item.data.get('assessed_on', '')}".strip()


def build_model(result: Result, history: dict[str, tuple[datetime.date, datetime.date]] | None = None,
                today: datetime.date | None = None, new_base: str = "") -> SiteModel:
    """Join the valid records of a validation run. Records with errors must not reach here."""
    registers = result.registers
    items: dict[str, list[Item]] = {ctype.name: [] for ctype in CONTENT_TYPES}
    by_key: dict[tuple[str, str], Item] = {}
    pages: list[Record] = []
    history = history or {}
    for record in result.records.values():
        if record.ctype is None:
            pages.append(record)
            continue
        if record.ctype is SIGNATORY:
            title, body = _signatory_name(record, registers)
        else:
            title, body = record.data.get("title", record.id), None
        item = Item(record.ctype, record.id, record.relpath, record.data, record.loaded.body, title, org=body)
        dates = history.get(record.relpath)
        if dates:
            item.first_published, item.last_updated = dates
        items[record.ctype.name].append(item)
        by_key[(record.ctype.name, record.id)] = item
    signatories = {item.id: item for item in items["signatory"]}
    _title_assessments(items.get("self-assessment", []), signatories)
    for ctype in CONTENT_TYPES:
        for item in items[ctype.name]:
            for pattern in ORG_FIELDS.get(ctype.name, ()):
                for _path, value in values_at(item.data, pattern, ()):
                    ref = _org_ref(value, signatories, registers)
                    if ref is None:
                        continue
                    item.orgs.setdefault(pattern[-2] if pattern[-1] == "*" else pattern[-1], []).append(ref)
                    if ref.signatory is not None and ref.signatory is not item:
                        role = ROLES.get(pattern[-2] if pattern[-1] == "*" else pattern[-1], "is named in")
                        ref.signatory.involved_in.append((role, item))
            for _path, value in values_at(item.data, ("related", "*"), ()):
                for other_type in CONTENT_TYPES:
                    other = by_key.get((other_type.name, value))
                    if other is not None and other_type is not SIGNATORY:
                        item.related_items.append(other)
                        other.referenced_by.append(item)
    for group in items.values():
        group.sort(key=lambda i: i.title.lower())
    return SiteModel(registers, items, by_key, sorted(pages, key=lambda r: r.relpath), today or datetime.date.today(),
                     new_base)


def _org_ref(value: object, signatories: dict[str, Item], registers: Registers) -> OrgRef | None:
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return OrgRef("name:" + value["name"], value["name"])
    if not isinstance(value, str):
        return None
    if value in signatories:
        return OrgRef(value, signatories[value].title, signatory=signatories[value])
    body = registers.organisation(value)
    if body is None:
        return None
    for signatory in signatories.values():  # a council named by code that has signed links to its page
        if signatory.org is body:
            return OrgRef(value, body.name, signatory=signatory, body=body)
    return OrgRef(value, body.name, body=body)

