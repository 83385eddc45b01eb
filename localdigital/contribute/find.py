"""`localdigital find NAME`: an organisation's register code, by its name or part of it, so
that signing does not start with a hunt through registers/. An exact name gives one definite
answer; otherwise the organisations whose names hold every word asked, or the nearest names,
each shown with its code. The site's "Find your council" page lists the same organisations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..content import SIGNATORY
from ..load.registers import Organisation, Registers, _normalise

MAX_SHOWN = 15
_CODE_LINE = re.compile(r"^[ \t]+code:[ \t]*['\"]?([^'\"\s#]+)", re.M)


@dataclass(frozen=True)
class Found:
    exact: bool  # the name (or code) matched as a whole: a definite answer when there is one
    organisations: list[Organisation]
    near: bool = False  # no name holds the words asked: these are the nearest names


def find(registers: Registers, query: str) -> Found:
    query = query.strip()
    if not query:
        return Found(False, [])
    by_code = registers.organisation(query) or registers.organisation(query.upper())
    if by_code is not None:
        return Found(True, [by_code])
    named = registers.codes_for_name(query)
    if named:
        return Found(True, [registers.organisations[c] for c in named])
    words = _normalise(query).split()
    containing = [o for o in registers.organisations.values() if o.code == _canonical(registers, o)
                  and all(w in _normalise(o.name).split() or w in _normalise(o.name) for w in words)]
    if containing:
        return Found(False, sorted(containing, key=_order))
    return Found(False, [registers.organisations[c] for c in registers.suggest(query, n=5)], near=True)


def _canonical(registers: Registers, body: Organisation) -> str:
    """Alias codes map to their body: list each body once, under its own code."""
    return registers.organisations[body.code].code if body.code in registers.organisations else body.code


def _order(body: Organisation) -> tuple:
    return (body.end is not None, body.register == "government-organisation-register", body.name, body.code)


def signed_codes(root: Path) -> dict[str, str]:
    """Register code -> the signatory file that records it."""
    codes: dict[str, str] = {}
    folder = root / SIGNATORY.folder
    if folder.is_dir():
        for path in sorted(folder.glob("*.yml")):
            try:
                match = _CODE_LINE.search(path.read_text(encoding="utf-8", errors="replace")[:4096])
            except OSError:
                continue
            if match:
                codes.setdefault(match.group(1), f"{SIGNATORY.folder}/{path.name}")
    return codes


def describe(body: Organisation) -> str:
    where = body.region or body.nation
    ended = f", ended {body.end.isoformat()}" if body.end else ""
    return f"{body.name} ({body.type_name}{', ' + where if where else ''}{ended})"


def report(found: Found, query: str, signed: dict[str, str]) -> list[str]:
    """What the command prints."""
    if not found.organisations:
        return [f"No organisation in the registers is called or contains '{query}'.",
                "Try fewer or other words (e.g. 'Adur' or 'Essex'); a body outside the registers signs with "
                "name: and kind: instead of code: (see CONTRIBUTING.md)."]
    shown = found.organisations[:MAX_SHOWN]
    lines = []
    if found.exact and len(shown) == 1:
        body = shown[0]
        lines += [f"{body.code}  {describe(body)}", "", f"Write it in your signatory file as:  code: {body.code}"]
    else:
        lead = ("These organisations have that name" if found.exact
                else f"No organisation is called '{query}'; the nearest names" if found.near
                else f"Organisations whose names contain '{query}'")
        lines += [f"{lead} (code, then name):"] + [f"  {b.code:<12} {describe(b)}" for b in shown]
        if len(found.organisations) > MAX_SHOWN:
            lines.append(f"  … and {len(found.organisations) - MAX_SHOWN} more: add a word to narrow it down")
    for body in shown:
        if body.code in signed:
            lines.append(f"{body.code} has already signed: {signed[body.code]} (add to that file instead of a new one)")
    return lines
