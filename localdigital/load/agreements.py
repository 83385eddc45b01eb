"""The register of Crown Commercial Service agreements: what each is, its lots, its known dates.

Reads `registers/procurement-frameworks/agreements.csv` (the current register, one row per
agreement with its sources) over the 2018 CCS list of references and lots and the named
references (`ccs-framework-lots-2018.csv`, `framework-references.csv`), and joins them: a
reference in the current register takes its name, dates, status and lots from there, falling
back to the older files for what it leaves blank. Used by load/registers.py.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

__all__ = ["Agreement", "Lot", "agreement_slug", "lot_matches", "parse_lots"]

# What the current register's `lots` column says when its list is only part of the lots.
_PARTIAL = ("includes", "not read", "not in source", "not in stored", "truncated", "phase 1")
# Wording in a lot's title that says the title itself is not known, or that other lots are not.
_UNKNOWN_TITLE = re.compile(r"\((?:name|title)[^()]*\)", re.IGNORECASE)
_NOT_A_TITLE = re.compile(r"\((?:name|title|other lots|full lot list)[^()]*\)", re.IGNORECASE)
_LOT = re.compile(r"(?:lots?\s+)?(\d{1,3}[a-z]?)\b\s*(.*)", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class Lot:
    number: str  # "1", "2a", or "" when the source names the lot without a number
    title: str  # "" when no source gives it

    @property
    def label(self) -> str:
        if self.number and self.title:
            return f"Lot {self.number}: {self.title}"
        return f"Lot {self.number}" if self.number else self.title


@dataclass(frozen=True, slots=True)
class Agreement:
    """A Crown Commercial Service commercial agreement (framework or DPS) as far as the sources go.

    Everything but ``reference`` may be unknown (None or empty): the register says so rather
    than guess. ``current`` is True for agreements in the current register (agreements.csv),
    False for those known only from the 2018 list."""

    reference: str  # the CCS reference as stated, e.g. RM1557.14; "" where no source states one
    name: str | None
    lots: frozenset[str]  # lot numbers
    lot_list: tuple[Lot, ...] = ()
    lots_complete: bool = False  # False: the sources list only some lots, or none
    lots_as_stated: str = ""
    kind: str | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    status_as_stated: str | None = None
    guidance_url: str | None = None
    sources: tuple[str, ...] = ()
    notes: str | None = None
    current: bool = False

    @property
    def slug(self) -> str:
        return agreement_slug(self.reference, self.name)

    @property
    def title(self) -> str:
        if self.name and self.reference:
            return f"{self.name} ({self.reference})"
        return self.name or self.reference

    def status(self, today: datetime.date) -> str:
        """live, ended, not yet started or not known: from the known dates only."""
        if self.end is not None and self.end < today:
            return "ended"
        if self.start is not None and self.start > today:
            return "not yet started"
        if self.start is not None and (self.end is None or self.end >= today):
            return "live"
        return "not known"


def agreement_slug(reference: str, name: str | None) -> str:
    """The agreement page's name: its reference in lower case (rm1557-14), or its name where no
    source states a reference."""
    words = re.sub(r"[^a-z0-9]+", " ", (reference or name or "agreement").lower()).split()
    return "-".join(words) or "agreement"


def _split(text: str) -> list[str]:
    """Split a `;` list, but not inside brackets (a lot's description may hold its own list)."""
    parts, depth, current = [], 0, []
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if char == ";" and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


def parse_lots(text: str) -> tuple[tuple[Lot, ...], bool]:
    """The current register's `lots` column as lots, and whether it lists all of them."""
    text = text.strip()
    if not text:
        return (), False
    folded = _UNKNOWN_TITLE.sub("", text).casefold()
    complete = not any(word in folded for word in _PARTIAL)
    lots = []
    for part in _split(text):
        part = part.partition(":")[2].strip() if part.casefold().startswith("phase") else part
        if part.casefold().startswith("includes "):
            part = part[len("includes "):]
        if part.casefold().startswith("single lot"):
            lots.append(Lot("", part))
            continue
        match = _LOT.fullmatch(part)
        if match and (part[:1].isdigit() or part.casefold().startswith("lot")):
            number, title = match.group(1), match.group(2)
        else:
            number, title = "", part
        title = _NOT_A_TITLE.sub("", title).strip(" :-")
        if re.fullmatch(r"\(.*\)", title):
            title = ""
        lots.append(Lot(number.lower(), title))
    return tuple(lots), complete


def _fold(value: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", value.casefold()).split())


def lot_matches(written: str, agreement: Agreement) -> bool:
    """Whether a brief's lot ("2", "Lot 2", "Lot 2 Cloud Software", "Cloud software") is one
    the register knows for the agreement."""
    written = written.strip()
    candidates = {_fold(written)}
    number = ""
    match = _LOT.fullmatch(written)
    if match and (written[:1].isdigit() or written.casefold().startswith("lot")):
        number = match.group(1).lower()
        candidates.add(_fold(match.group(2)))
    if number and not any(lot.number for lot in agreement.lot_list):
        return True  # the sources name the lots without their numbers: nothing to check a number against
    for lot in agreement.lot_list:
        if number and lot.number == number:
            return True
        if lot.title and _fold(lot.title) in candidates:
            return True
    return bool(number) and number in agreement.lots
