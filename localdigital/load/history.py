"""Git as the record: when each content file was first published and last updated.

One pass over `git log` (not one git call per file). Where there is no git, or the
history is shallow, the dates that cannot be known are left out and the caller is told.
"""

from __future__ import annotations

import datetime
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..content import CONTENT_ROOTS


@dataclass
class History:
    dates: dict[str, tuple[datetime.date, datetime.date]] = field(default_factory=dict)  # path -> (first, last)
    note: str = ""  # why dates may be missing or approximate; "" when the history is whole


def read_history(root: Path) -> History:
    try:
        shallow = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=root, capture_output=True,
                                 text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return History(note="git is not available, so first-published and last-updated dates are not shown")
    if shallow.returncode != 0:
        return History(note="this is not a git repository, so first-published and last-updated dates are not shown")
    note = ""
    if shallow.stdout.strip() == "true":
        note = ("the git history is shallow, so first-published dates show the oldest commit available, "
                "not necessarily the first")
    try:
        log = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", *CONTENT_ROOTS],
                             cwd=root, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired):
        return History(note="git history could not be read, so dates are not shown")
    dates: dict[str, tuple[datetime.date, datetime.date]] = {}
    day = None
    for line in log.stdout.split("\n"):  # newest commit first
        if line.startswith("\x00"):
            try:
                day = datetime.date.fromisoformat(line[1:].strip())
            except ValueError:
                day = None
        elif line and day is not None:
            first, last = dates.get(line, (day, day))
            dates[line] = (min(first, day), max(last, day))
    return History(dates, note)


def first_added(root: Path, relpath: str) -> int | None:
    """When git first recorded a file (seconds since 1970), or None when it has not (a new file)
    or there is no git. One git call: used only for the rare file that needs it (a duplicate)."""
    try:
        log = subprocess.run(["git", "log", "--diff-filter=A", "--format=%ct", "--", relpath],
                             cwd=root, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    times = [int(t) for t in log.stdout.split() if t.isdigit()]
    return min(times) if log.returncode == 0 and times else None
