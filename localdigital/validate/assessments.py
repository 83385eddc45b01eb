"""Rules about council self-assessments (rule ids assessment-*): who may assess itself, against
which criteria, with what evidence, on which dates, and what a later assessment may not
silently leave out."""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable

from ..content import SELF_ASSESSMENT, SIGNATORY
from ..findings import WARNING, Finding
from ..load.criteria import Criteria
from ..load.loader import load_markdown_file, load_yaml_file
from .dates import iso_date
from .records import Record

RATED_NEEDS_EVIDENCE = ("partly", "fully")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # an item id; anything else is a URL, whose form the schema checks


def check_assessments(records: dict[str, Record], criteria: Criteria, today: datetime.date,
                      read: Callable[[str], bytes | None], skimmed: Callable[[str], bool]) -> None:
    """Every self-assessment on its own, then each council's assessments in date order.
    read and skimmed let the rules see the whole of a file that a pull request's run only skimmed."""
    full: dict[str, dict] = {}

    def data_of(record: Record) -> dict:
        if not skimmed(record.relpath):
            return record.data
        if record.relpath not in full:
            raw = read(record.relpath)
            loaded = None
            if raw is not None:
                loaded = (load_yaml_file(record.relpath, raw) if not record.ctype.markdown
                          else load_markdown_file(record.relpath, raw, front_matter_required=True))
            full[record.relpath] = loaded.data if loaded is not None and isinstance(loaded.data, dict) else {}
        return full[record.relpath]

    signatories = {r.id: r for r in records.values() if r.ctype is SIGNATORY}
    item_ids = {r.id for r in records.values() if r.ctype is not None and r.ctype not in (SIGNATORY, SELF_ASSESSMENT)}
    by_council: dict[str, list[tuple[datetime.date, Record, dict]]] = {}
    # A pull request's run reports only on its own files: an assessment it only skimmed matters
    # when it is of a council the pull request touches (an assessment of it, or its signatory
    # file), for the history around the touched one. The rest are not read in full (issue 18:
    # at 5,000 items that was 2,000 files parsed for nothing).
    touched = {str(data_of(r).get("organisation")) for r in records.values()
               if r.ctype is SELF_ASSESSMENT and not skimmed(r.relpath)}
    touched |= {r.id for r in signatories.values() if not skimmed(r.relpath)}
    for record in records.values():
        if record.ctype is not SELF_ASSESSMENT:
            continue
        if skimmed(record.relpath) and not record.loaded.marks and record.data.get("organisation") not in touched:
            continue  # only skimmed (files.skim records no places; a file naming what the pull request removed is read in full)
        data = data_of(record)
        if not data:
            continue
        day = _check_one(record, data, criteria, today, signatories, item_ids, data_of)
        council = data.get("organisation")
        if day is not None and isinstance(council, str):
            by_council.setdefault(council, []).append((day, record, data))
    for dated in by_council.values():
        dated.sort(key=lambda entry: (entry[0], entry[1].relpath))
        _check_history(dated)


def _check_one(record: Record, data: dict, criteria: Criteria, today: datetime.date, signatories: dict[str, Record],
               item_ids: set[str], data_of) -> datetime.date | None:
    loaded = record.loaded
    day = iso_date(data.get("assessed_on"))
    if day is not None and day > today:
        loaded.error("date-future", f"assessed_on: {day.isoformat()} is in the future",
                     "give the day the council made this assessment; it cannot be later than today", ("assessed_on",))
    review = iso_date(data.get("next_review"))
    if day is not None and review is not None and review <= day:
        loaded.error("assessment-review-before", f"next_review: {review.isoformat()} is not after the assessment date {day.isoformat()}",
                     "give a date after assessed_on for the next review, or leave next_review out", ("next_review",))
    council = data.get("organisation")
    if isinstance(council, str):
        signatory = signatories.get(council)
        if signatory is None:
            close = difflib.get_close_matches(council, list(signatories), n=1)
            loaded.error("assessment-organisation-unknown", f"organisation: '{council}' is not a signatory of this site",
                         (f"did you mean '{close[0]}'? " if close else "")
                         + "write the signatory's id (its file name in signatories/ without .yml); a council must sign before it can assess itself here",
                         ("organisation",))
        else:
            signed = iso_date(data_of(signatory).get("signed_on"))
            if day is not None and signed is not None and day < signed:
                loaded.error("assessment-before-signing",
                             f"assessed_on: {day.isoformat()} is before {council} signed the Declaration on {signed.isoformat()}",
                             "a self-assessment is against the Declaration's principles, so it must be on or after the day the council signed; check the date",
                             ("assessed_on",))
    seen: set[str] = set()
    for index, rating in enumerate(data.get("criteria") or []):
        if not isinstance(rating, dict):
            continue
        ident = rating.get("id")
        if isinstance(ident, str):
            if ident not in criteria.by_id:
                close = difflib.get_close_matches(ident, list(criteria.by_id), n=1)
                loaded.error("assessment-criterion-unknown", f"criteria[{index + 1}]: '{ident}' is not a criterion id",
                             (f"did you mean '{close[0]}'? " if close else "")
                             + "use an id from registers/criteria/criteria.yml (localdigital new self-assessment lists them all)",
                             ("criteria", index, "id"))
            elif ident in seen:
                loaded.error("assessment-criterion-repeated", f"criteria[{index + 1}]: '{ident}' is rated twice in this assessment",
                             "rate each criterion once: delete one of the two entries", ("criteria", index, "id"))
            seen.add(ident)
        status, evidence = rating.get("status"), rating.get("evidence") or []
        if status in RATED_NEEDS_EVIDENCE and not evidence:
            loaded.error("assessment-evidence-missing",
                         f"criteria[{index + 1}]: '{ident}' is rated {status} but gives no evidence",
                         "add evidence: the id of an item on this site (a case study, project, pattern or brief) or a public https:// address "
                         "that shows it; or rate it not-yet", ("criteria", index, "status"))
        for number, value in enumerate(evidence if isinstance(evidence, list) else []):
            if isinstance(value, str) and _SLUG.match(value) and value not in item_ids:
                close = difflib.get_close_matches(value, list(item_ids), n=1)
                loaded.error("assessment-evidence-unknown",
                              f"criteria[{index + 1}].evidence[{number + 1}]: '{value}' is not an item on this site",
                              (f"did you mean '{close[0]}'? " if close else "")
                              + "give the id (file name without .md) of a case study, project, pattern or brief here, or a public https:// address",
                              ("criteria", index, "evidence", number))
    return day


def _check_history(dated: list[tuple[datetime.date, Record, dict]]) -> None:
    previous: tuple[datetime.date, Record, dict] | None = None
    for day, record, data in dated:
        if previous is not None and previous[0] == day:
            record.loaded.error("assessment-same-day",
                                f"assessed_on: {previous[1].relpath} already holds this council's assessment of {day.isoformat()}",
                                "a council has at most one assessment per day: put these ratings into that file, or correct the date",
                                ("assessed_on",))
            continue
        if previous is not None:
            before = [r.get("id") for r in previous[2].get("criteria") or [] if isinstance(r, dict) and isinstance(r.get("id"), str)]
            now = {r.get("id") for r in data.get("criteria") or [] if isinstance(r, dict)}
            dropped = [ident for ident in before if ident not in now]
            if dropped:
                line, col = record.loaded.mark(("criteria",))
                record.loaded.findings.append(Finding(
                    record.relpath, line, col, WARNING, "assessment-criterion-dropped",
                    f"criteria: {', '.join(dropped)} rated in {previous[1].relpath} ({previous[0].isoformat()}) "
                    f"{'is' if len(dropped) == 1 else 'are'} missing here",
                    "rate every criterion the previous assessment rated, even if nothing changed (not-yet is a fine answer), "
                    "so the council's progress stays readable"))
        previous = (day, record, data)
