"""Issue 13's part of the site, in one call from emit_site: each self-assessment's page, the
profile section on every signatory's page, the sector's progress page, the ratings and criteria
as open data, an Atom feed per council, and the Data Package of the whole catalogue."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from urllib.parse import quote

from feedgen.feed import FeedGenerator

from ..contribute.starters import fill
from ..load.criteria import Criteria, load_criteria
from ..model import PRINCIPLES, Item, SiteModel
from .assessments import Assessment, assessment_page, assessment_title, assessments_by_council
from .data import csv_rows, records_json
from .datapackage import datapackage
from .markup import LICENCE, SITE_TITLE, Output
from .profiles import COUNCIL_MARK, extend_profiles, like_groups, shared_by
from .progress import PAGE_SRC, progress_page, who_pages

RATING_COLUMNS = ["assessment", "organisation", "council", "assessed_on", "principle", "criterion", "criterion_title",
                  "status", "target", "evidence", "notes", "url"]
CRITERIA_COLUMNS = ["id", "principle", "principle_name", "title", "statement", "standards"]


def rating_rows(by_council: dict[str, list[Assessment]], criteria: Criteria) -> list[dict]:
    rows = []
    for history in by_council.values():
        for assessment in history:
            for ident, rating in assessment.ratings.items():
                criterion = criteria.by_id.get(ident)
                rows.append({"assessment": assessment.item.id, "organisation": assessment.council.id,
                             "council": assessment.council.title, "assessed_on": assessment.day.isoformat(),
                             "principle": criterion.principle if criterion else None, "criterion": ident,
                             "criterion_title": criterion.title if criterion else None,
                             "status": rating["status"], "target": rating["target"],
                             "evidence": list(rating.get("evidence") or []), "notes": rating.get("notes"),
                             "url": assessment.item.url})
    rows.sort(key=lambda r: (r["organisation"], r["assessed_on"], r["criterion"]))
    return rows


def criteria_rows(criteria: Criteria) -> list[dict]:
    return [{"id": c.id, "principle": c.principle, "principle_name": PRINCIPLES[c.principle], "title": c.title,
             "statement": c.statement, "standards": list(c.standards)} for c in criteria.items]


def _stamp(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), datetime.timezone.utc)


def council_feed(council: Item, history: list[Assessment], model: SiteModel, base: str) -> bytes:
    """A council's new self-assessments and the items it leads, partners in or shares, newest last."""
    generator = FeedGenerator()
    generator.id(base + f"feeds/councils/{council.id}.xml")
    generator.title(f"{SITE_TITLE}: {council.title}")
    generator.link(href=base + council.url, rel="alternate")
    generator.link(href=base + f"feeds/councils/{council.id}.xml", rel="self")
    generator.language("en-GB")
    generator.rights(LICENCE)
    entries: list[tuple[datetime.date, str, str, str, str]] = []  # (date, id, title, url, summary)
    for assessment in history:
        entries.append((assessment.day, assessment.item.id, assessment_title(assessment), assessment.item.url,
                        f"{len(assessment.ratings)} criteria rated against the five principles"))
    for item in shared_by(council):
        if item.first_published:
            entries.append((item.first_published, item.id, item.title, item.url,
                            item.data.get("summary") or f"{item.ctype.label.capitalize()}: {item.title}"))
    entries.sort()
    newest = max((e[0] for e in entries), default=council.last_updated or model.built_on)
    generator.updated(_stamp(newest))
    for day, _ident, title, url, summary in entries[-50:]:
        entry = generator.add_entry()
        entry.id(base + url)
        entry.title(title)
        entry.link(href=base + url)
        entry.published(_stamp(day))
        entry.updated(_stamp(day))
        entry.summary(summary)
    return generator.atom_str(pretty=True)


def measure_parts(model: SiteModel, root: Path, site_url: str) -> Output:
    """What issue 13 adds that reads nothing else of the site: each self-assessment's page, the
    sector's progress and "who has done this" pages, the ratings and criteria as open data, and
    an Atom feed per council. emit_site draws these in a second process (fork.py)."""
    return _parts(model, load_criteria(root / "registers"), assessments_by_council(model), site_url)


def _parts(model: SiteModel, criteria: Criteria, by_council: dict[str, list[Assessment]], site_url: str) -> Output:
    added: Output = {}
    for history in by_council.values():
        for assessment in history:
            added[assessment.item.src] = assessment_page(assessment, history, criteria, model)
    added[PAGE_SRC] = progress_page(by_council, criteria, model)
    added.update(who_pages(by_council, criteria, model))
    ratings = rating_rows(by_council, criteria)
    added["data/assessment-ratings.json"] = records_json(ratings)
    added["data/assessment-ratings.csv"] = csv_rows(ratings, RATING_COLUMNS)
    added["data/criteria.json"] = records_json(criteria_rows(criteria))
    added["data/criteria.csv"] = csv_rows(criteria_rows(criteria), CRITERIA_COLUMNS)
    base = site_url.rstrip("/") + "/"
    for council in model.items["signatory"]:
        added[f"feeds/councils/{council.id}.xml"] = council_feed(council, by_council.get(council.id, []), model, base)
    return added


def measure_output(model: SiteModel, root: Path, site_url: str, out: Output, parts: Output | None = None) -> Output:
    """What issue 13 adds to the site: measure_parts (given, when drawn elsewhere), the profile
    section on every signatory's page, and the catalogue entries and Data Package, which read
    the signatory pages and data files already in out."""
    criteria = load_criteria(root / "registers")
    by_council = assessments_by_council(model)
    if parts is None:  # drawn here, from the criteria and assessments just read
        parts = _parts(model, criteria, by_council, site_url)
    pages = {k: v for k, v in out.items() if k.startswith("signatories/")}
    today = model.built_on.isoformat()
    groups = like_groups(model)
    template = fill("self-assessment", {"organisation": COUNCIL_MARK, "assessed_on": today, "assessed_by": ""})
    # The link carries the file in its address: without the comment-only lines it is a third as long.
    template = "".join(line for line in template.splitlines(keepends=True) if not line.lstrip().startswith("#"))
    before, _mark, after = template.partition(COUNCIL_MARK)
    quoted = (quote(before, safe=""), quote(after, safe=""))
    extend_profiles(pages, by_council, criteria, model, quoted, groups=groups)
    # In the order it always had: the assessments' pages, the profiles, then the rest.
    assessment_pages = {a.item.src for history in by_council.values() for a in history}
    added: Output = {k: v for k, v in parts.items() if k in assessment_pages}
    added.update(pages)
    added.update((k, v) for k, v in parts.items() if k not in assessment_pages)
    ratings = sum(len(a.ratings) for history in by_council.values() for a in history)  # rating_rows' rows
    catalogue = json.loads(out["data/data.json"]) if isinstance(out.get("data/data.json"), bytes) else {"datasets": []}
    catalogue["datasets"] += [
        {"type": "assessment-rating", "title": "Self-assessment ratings, one row per council, date and criterion",
         "records": ratings, "json": "data/assessment-ratings.json", "csv": "data/assessment-ratings.csv"},
        {"type": "criterion", "title": "Self-assessment criteria", "records": len(criteria.items),
         "json": "data/criteria.json", "csv": "data/criteria.csv"}]
    catalogue["datapackage"] = "data/datapackage.json"
    added["data/data.json"] = json.dumps(catalogue, indent=1, ensure_ascii=False).encode("utf-8")
    titles = {d["csv"]: d["title"] for d in catalogue["datasets"] if d.get("csv")}
    added["data/datapackage.json"] = datapackage({**out, **added}, titles)
    return added
