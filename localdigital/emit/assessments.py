"""Council self-assessments joined for the pages that show them: each council's assessments in
date order, the movement of each criterion since the previous one, and each assessment's own
page. Pure: from the site model and the criteria list to pages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from ..content import CONTENT_TYPES, SELF_ASSESSMENT, SIGNATORY
from ..load.criteria import STATUS_LABELS, STATUSES, Criteria
from ..model import PRINCIPLES, Item, SiteModel
from .markup import Page, attr, external, front, html_list, org_link, page_link, rel_url, text

MOVES = {1: "up", -1: "down", 0: "no change"}
# The types whose items may be evidence (names, compared as strings: comparing the dataclasses is slow).
EVIDENCE_TYPES = tuple(c.name for c in CONTENT_TYPES if c.name not in (SIGNATORY.name, SELF_ASSESSMENT.name))


@dataclass(eq=False)
class Assessment:
    item: Item  # the self-assessment file
    council: Item  # the signatory
    day: datetime.date
    ratings: dict[str, dict] = field(default_factory=dict)  # criterion id -> rating (status, target, evidence, notes)
    previous: Assessment | None = None

    def movement(self, ident: str) -> str:
        """How a criterion moved since the council's previous assessment, in words."""
        now = self.ratings.get(ident)
        if now is None:
            return "not rated"
        before = self.previous.ratings.get(ident) if self.previous else None
        if before is None:
            return "first rated" if self.previous else "first assessment"
        step = STATUSES.index(now["status"]) - STATUSES.index(before["status"])
        word = MOVES[(step > 0) - (step < 0)]
        return word if step == 0 else f"{word} from {STATUS_LABELS[before['status']]}"


def assessments_by_council(model: SiteModel) -> dict[str, list[Assessment]]:
    """Signatory id -> its assessments, oldest first (the validator let through only valid ones)."""
    signatories = {item.id: item for item in model.items["signatory"]}
    out: dict[str, list[Assessment]] = {}
    for item in model.items.get(SELF_ASSESSMENT.name, []):
        council = signatories.get(item.data.get("organisation", ""))
        if council is None:
            continue
        ratings = {r["id"]: r for r in item.data.get("criteria", []) if isinstance(r, dict) and "id" in r}
        out.setdefault(council.id, []).append(
            Assessment(item, council, datetime.date.fromisoformat(item.data["assessed_on"]), ratings))
    for dated in out.values():
        dated.sort(key=lambda a: a.day)
        for before, after in zip(dated, dated[1:], strict=False):
            after.previous = before
    return out


def assessment_title(assessment: Assessment) -> str:
    return f"{assessment.council.title}: self-assessment of {assessment.day.isoformat()}"


def evidence_links(rating: dict, model: SiteModel, here: str) -> str:
    """A rating's evidence as links: items on this site by title, addresses as themselves."""
    links = []
    for value in rating.get("evidence") or []:
        item = next((model.by_key[(name, value)] for name in EVIDENCE_TYPES if (name, value) in model.by_key), None)
        if item is not None:
            links.append(f"{page_link(item, here)} ({text(item.ctype.label)})")
        else:
            links.append(external(value, value))
    return "<br>".join(links) if links else "none given"


def status_cell(rating: dict | None) -> str:
    if rating is None:
        return "not rated"
    met = STATUSES.index(rating["status"]) >= STATUSES.index(rating["target"])
    return (f'<strong>{text(STATUS_LABELS[rating["status"]])}</strong> (target {text(STATUS_LABELS[rating["target"]])}'
            f'{", met" if met else ""})')


def grid(assessment: Assessment, criteria: Criteria, model: SiteModel, here: str, heading: str = "###") -> list[str]:
    """The assessment as one table per principle: criterion, status against target, movement, evidence."""
    lines = []
    for number, name in PRINCIPLES.items():
        rows = []
        for criterion in criteria.for_principle(number):
            rating = assessment.ratings.get(criterion.id)
            if rating is None and (assessment.previous is None or criterion.id not in assessment.previous.ratings):
                continue
            notes = f"<br>{text(rating['notes'])}" if rating and rating.get("notes") else ""
            rows.append(f'<tr data-criterion="{attr(criterion.id)}"><th scope="row">{text(criterion.title)}</th>'
                        f"<td>{status_cell(rating)}{notes}</td><td>{text(assessment.movement(criterion.id))}</td>"
                        f"<td>{evidence_links(rating, model, here) if rating else ''}</td></tr>")
        if not rows:
            continue
        lines += [f'<table data-principle="{number}"><caption>Principle {number}. {text(name)}</caption>'
                  '<thead><tr><th scope="col">Criterion</th><th scope="col">Status against target</th>'
                  '<th scope="col">Since the previous assessment</th><th scope="col">Evidence</th></tr></thead>'
                  f"<tbody>{''.join(rows)}</tbody></table>", ""]
    return lines


def project_lines(assessment: Assessment) -> list[str]:
    project = assessment.item.data.get("declaration_project")
    if not isinstance(project, dict):
        return []
    lines = ["## Declaration project", "", f"**{text(project['title'])}**", ""]
    for key, label in (("mission", "Mission"), ("impact", "Impact")):
        if project.get(key):
            lines.append(f"- {label}: {text(project[key])}")
    partners = assessment.item.orgs.get("partners")
    if partners:
        lines.append("- Partners: " + ", ".join(org_link(r, assessment.item.src) for r in partners))
    return lines + [""]


def facts_line(assessment: Assessment) -> str:
    data = assessment.item.data
    parts = [f"Assessed on {assessment.day.isoformat()}"]
    if data.get("assessed_by"):
        parts.append("by " + ", ".join(text(r) for r in data["assessed_by"]))
    parts.append(f"(scope: {text(data.get('scope', 'whole-council').replace('-', ' '))})")
    line = " ".join(parts) + "."
    if data.get("next_review"):
        line += f" Next review planned for {text(data['next_review'])}."
    return line


def assessment_page(assessment: Assessment, history: list[Assessment], criteria: Criteria, model: SiteModel) -> Page:
    item, here = assessment.item, assessment.item.src
    title = assessment_title(assessment)
    lines = [front(title, description=f"{assessment.council.title}'s own assessment against the five principles of the "
                                      "Local Digital Declaration") + f"# {text(title)}", "",
             f"{page_link(assessment.council, here)} rated itself against the criteria of the Declaration's five principles. "
             "Each criterion is rated not yet, partly or fully, against a target the council set itself; "
             "partly and fully need public evidence. There is no score and no ranking.", "",
             facts_line(assessment), ""]
    lines += grid(assessment, criteria, model, here)
    lines += project_lines(assessment)
    if item.body.strip():
        lines += ["## Notes", "", item.body.strip(), ""]
    others = [a for a in history if a is not assessment]
    if others:
        lines += ["## The council's other assessments", "",
                  html_list([f'<a href="{attr(rel_url(here, a.item.url))}">{a.day.isoformat()}</a>' for a in others],
                            searched=False), ""]
    return Page("\n".join(lines), item.relpath)
