"""Rules about dates (rule ids date-*)."""

from __future__ import annotations

import datetime
import re

from ..content import DATE_FIELDS, PAST_DATES, get_path, values_at
from .records import Record
from .schemas import describe

LAUNCH = datetime.date(2018, 7, 4)


def iso_date(value: object) -> datetime.date | None:
    """A YYYY-MM-DD string as a date; None for anything else."""
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def check_dates(record: Record, today: datetime.date) -> None:
    """Each date real, things that happened not in the future, signatures not before the launch,
    updates oldest first."""
    data, loaded = record.data, record.loaded
    for pattern in DATE_FIELDS:
        for path, value in values_at(data, pattern):
            if not isinstance(value, str) or not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
                continue  # the schema reports the form
            try:
                day = datetime.date.fromisoformat(value)
            except ValueError:
                loaded.error("date-invalid", f"{describe(path)}: {value} is not a real date",
                             "check the day and month (YYYY-MM-DD)", path)
                continue
            if pattern in PAST_DATES and day > today:
                loaded.error("date-future", f"{describe(path)}: {value} is in the future",
                             "dates of things that happened cannot be later than today", path)
            if pattern == ("signed_on",) and day < LAUNCH:
                loaded.error("date-before-launch", f"the signature date {value} is before the Declaration was launched on {LAUNCH.isoformat()}",
                             "check the year", path)
    for updates_path in (("updates",), ("commitment", "updates")):
        updates = get_path(data, updates_path)
        if not isinstance(updates, list):
            continue
        previous = None
        for index, update in enumerate(updates):
            day = iso_date(update.get("date")) if isinstance(update, dict) else None
            if day is None:
                continue
            if previous is not None and day < previous:
                path = updates_path + (index, "date")
                loaded.error("date-order", f"{describe(path)}: this update is dated before the one above it",
                             "list updates oldest first, adding new ones at the bottom", path)
            previous = day
