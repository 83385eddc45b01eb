"""Rules about what a procurement brief says of how it bought (rule ids agreement-*, brief-*):
the Crown Commercial Service agreement it names is in the register (registers/procurement-frameworks/),
its lot is one of that agreement's known lots, it is dated within the agreement's known dates,
and an open brief is not past its closing date.

Each is a warning, not an error: the register is gathered from public records and has gaps
(missing lots, dates that do not show later extensions), so a correct brief must never be
blocked by it. Every message says what the register knows, so the contributor can judge.
"""

from __future__ import annotations

import datetime

from ..content import AGREEMENTS_FOLDER
from ..findings import WARNING, Finding
from ..load.agreements import Agreement, lot_matches
from ..load.registers import Registers
from .dates import iso_date
from .records import Record

ADD_AGREEMENT = ("a maintainer adds it to registers/procurement-frameworks/agreements.csv with its source "
                 "(see registers/procurement-frameworks/SOURCE.md, \"Adding an agreement\")")


def agreement_pages(registers: Registers | None) -> set[str]:
    """The agreement pages the site will have, so hand-written pages may link to them."""
    if registers is None:
        return set()
    return {f"{AGREEMENTS_FOLDER}/{a.slug}.md" for a in (*registers.current_agreements, *registers.agreements.values())}


def _warn(record: Record, path: tuple, rule: str, message: str, hint: str) -> None:
    loaded = record.loaded
    loaded.findings.append(Finding(record.relpath, *loaded.mark(path), WARNING, rule, message, hint))


def _dates(agreement: Agreement) -> str:
    start = agreement.start.isoformat() if agreement.start else "a start date not known"
    end = agreement.end.isoformat() if agreement.end else "an end date not known"
    return f"from {start} to {end}"


def _brief_date(data: dict) -> tuple[tuple, str, datetime.date, datetime.date] | None:
    """When the brief bought through the agreement, as (field, words, first day, last day): the award
    date, else the closing date, else the year."""
    award = data.get("award") if isinstance(data.get("award"), dict) else {}
    for path, value in ((("award", "date"), award.get("date")), (("closing_date",), data.get("closing_date"))):
        day = iso_date(value)
        if day is not None:
            return path, f"dated {day.isoformat()} ({'award date' if path[0] == 'award' else 'closing date'})", day, day
    year = data.get("year")
    if isinstance(year, int) and 1 <= year <= 9999:
        return ("year",), f"from {year}", datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return None


def check_agreement(record: Record, registers: Registers | None, today: datetime.date) -> None:
    """A procurement brief's agreement, lot, dates and closing date against the register."""
    if record.ctype is None or record.ctype.name != "procurement-brief":
        return
    data = record.data
    _check_closing(record, today)
    reference = data.get("agreement")
    if not isinstance(reference, str) or registers is None:
        return
    agreement = registers.agreements.get(reference)
    if agreement is None:
        _warn(record, ("agreement",), "agreement-unknown",
              f"'{reference}' is not in our register of Crown Commercial Service agreements",
              "check the reference on the notice (e.g. RM1557.14 for G-Cloud 14); if it is right, " + ADD_AGREEMENT)
        return
    lot = data.get("lot")
    if isinstance(lot, str) and agreement.lots_complete and not lot_matches(lot, agreement):
        known = "; ".join(item.label for item in agreement.lot_list)
        _warn(record, ("lot",), "agreement-lot-unknown",
              f"'{lot}' is not one of the lots of {agreement.title} that the register knows: {known}",
              "write the lot as the notice gives it, e.g. 'Lot 2' or 'Lot 2 Cloud Software'; if the register "
              "misses a lot, " + ADD_AGREEMENT.replace("adds it to", "adds the lot in"))
    when = _brief_date(data)
    if when is None or (agreement.start is None and agreement.end is None):
        return
    _path, words, first, last = when
    if (agreement.end is not None and first > agreement.end) or (agreement.start is not None and last < agreement.start):
        _warn(record, ("agreement",), "agreement-outside-dates",
              f"{agreement.title} ran {_dates(agreement)} as far as the register knows, but this brief is {words}"
              + (f" (the register's note: {agreement.notes})" if agreement.notes else ""),
              "check the agreement reference (a later or earlier iteration may be meant) and the date; if the "
              "agreement was extended, a maintainer updates its dates in registers/procurement-frameworks/agreements.csv "
              "with the source")


def _check_closing(record: Record, today: datetime.date) -> None:
    data = record.data
    closing = iso_date(data.get("closing_date"))
    if data.get("status") == "open" and closing is not None and closing < today:
        _warn(record, ("status",), "brief-open-past-closing",
              f"this brief is still marked open, but it closed on {closing.isoformat()}",
              "change status to awarded, closed or cancelled (and add the award if there was one), "
              "or correct closing_date if it was extended")
