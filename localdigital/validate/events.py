"""Rules about events (rule ids event-*): times with a zone, in UK time, the end not before
the start, and an event added when it has already happened (a warning: it goes straight to
the archive of past events)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from ..content import EVENT
from ..findings import WARNING, Finding
from .records import Record

UK = ZoneInfo("Europe/London")


def parse_when(value: object) -> datetime.date | datetime.datetime | None:
    """An event's start or end: a date (a whole day) or a datetime (naive when no zone was given)."""
    if not isinstance(value, str):
        return None
    try:
        if len(value) == 10:
            return datetime.date.fromisoformat(value)
        return datetime.datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        return None


def last_day(when: datetime.date | datetime.datetime) -> datetime.date:
    """The day (in UK time) on which a start or end falls."""
    return when.astimezone(UK).date() if isinstance(when, datetime.datetime) else when


def check_event(record: Record, today: datetime.date, selected: set[str] | None) -> None:
    if record.ctype is not EVENT or not record.valid:
        return
    data, loaded = record.data, record.loaded
    times = {}
    for key in ("start", "end"):
        value = data.get(key)
        when = parse_when(value)
        if value is not None and when is None:
            loaded.error("event-time-invalid", f"{key}: {value} is not a real date and time",
                         "check the day, month and hour (e.g. 2027-03-04T10:00+00:00)", (key,))
            return
        if isinstance(when, datetime.datetime) and when.tzinfo is None:
            loaded.error("event-time-zone", f"{key}: {value} gives a time without saying which time zone it is in",
                         f"add the UK offset: {_with_offset(when)}", (key,))
            return
        if isinstance(when, datetime.datetime):
            uk = _uk_offset(when)
            if when.utcoffset() != uk:
                loaded.findings.append(_warning(loaded, key, "event-time-not-uk",
                                                f"{key}: {value} is not in UK time, whose offset that day is {_hours(uk)}",
                                                f"write it in UK time, e.g. {_with_offset(when.astimezone(UK).replace(tzinfo=None))}"))
        if when is not None:
            times[key] = when
    start, end = times.get("start"), times.get("end")
    if start is not None and end is not None:
        if isinstance(start, datetime.datetime) != isinstance(end, datetime.datetime):
            loaded.error("event-end-before-start", "start and end must both be dates (whole days) or both dates with times",
                         "write both as dates (2027-03-04), or both with times (2027-03-04T10:00+00:00)", ("end",))
            return
        if end < start:
            loaded.error("event-end-before-start", f"the event ends ({data['end']}) before it starts ({data['start']})",
                         "check the dates and times: end must be the same as start or later", ("end",))
            return
    finish = end if end is not None else start
    if finish is not None and selected is not None and record.relpath in selected and last_day(finish) < today:
        loaded.findings.append(_warning(loaded, "end" if end is not None else "start", "event-past",
                                        "this event has already happened, so it will be listed only among past events",
                                        "check the date; if you are recording a past event on purpose, nothing needs changing"))


def _uk_offset(when: datetime.datetime) -> datetime.timedelta:
    return when.astimezone(UK).utcoffset() or datetime.timedelta(0)


def _hours(offset: datetime.timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _with_offset(naive: datetime.datetime) -> str:
    """A naive UK wall-clock time written with its offset that day (GMT +00:00 or BST +01:00)."""
    offset = naive.replace(tzinfo=UK).utcoffset() or datetime.timedelta(0)
    return naive.strftime("%Y-%m-%dT%H:%M") + _hours(offset)


def _warning(loaded, key: str, rule: str, message: str, hint: str):
    line, col = loaded.mark((key,))
    return Finding(loaded.path, line, col, WARNING, rule, message, hint)
