"""Rules about references to other things (rule ids ref-*, service-unknown, organisation-*):
organisations that are signatories or in the registers, related items and LGSL services.
(Crown Commercial Service agreements are agreements.py's.)"""

from __future__ import annotations

import difflib

from ..content import ORG_FIELDS, values_at
from ..load.loader import Loaded
from ..load.registers import Registers
from .dates import iso_date
from .records import Record
from .schemas import describe


def check_references(record: Record, registers: Registers | None, signatory_ids: set[str], item_ids: set[str]) -> None:
    """Every organisation, related item and service an item names exists."""
    data, loaded = record.data, record.loaded
    for pattern in ORG_FIELDS.get(record.ctype.name, ()):
        for path, value in values_at(data, pattern):
            if isinstance(value, str):
                check_org_ref(loaded, path, value, signatory_ids, registers)
    for path, value in values_at(data, ("related", "*")):
        if isinstance(value, str) and value not in item_ids:
            loaded.error("ref-unknown-item", f"{describe(path)}: there is no case study, brief, pattern or project '{value}'",
                         "write the file name (without .md) of an existing item", path)
        elif value == record.id:
            loaded.error("ref-self", f"{describe(path)}: an item cannot be related to itself", "remove this entry", path)
    for path, value in values_at(data, ("services", "*")):
        if isinstance(value, int) and registers and value not in registers.services:
            loaded.error("service-unknown", f"{describe(path)}: {value} is not a known LGSL service code",
                         "find the code in registers/lgsl/local_services.csv, e.g. 524 for bin collection", path)


def check_org_ref(loaded: Loaded, path: tuple, value: str, signatory_ids: set[str], registers: Registers | None) -> None:
    """An organisation named by a signatory id or a register code, with suggestions when neither."""
    if value in signatory_ids or (registers and registers.organisation(value)):
        return
    named = registers.codes_for_name(value) if registers else []
    if len(named) == 1:  # the organisation's exact name: one definite answer
        body = registers.organisations[named[0]]
        hint = f"write its code, {named[0]} (the register's code for {body.name})"
    else:
        suggestions = [f"'{s}'" for s in difflib.get_close_matches(value, list(signatory_ids), n=2)]
        if registers:
            suggestions += [f"'{c}' ({registers.organisations[c].name})" for c in registers.suggest(value)]
        hint = ("did you mean " + " or ".join(suggestions[:3]) + "? " if suggestions else "") + \
            "write a signatory id (its file name), a register code such as ESS (localdigital find NAME, or the site's " \
            "Find your council page, gives it), or name: and kind: for a body outside the registers"
    loaded.error("ref-unknown-organisation", f"{describe(path)}: no signatory or registered organisation is called '{value}'", hint, path)


def check_signatory_body(record: Record, registers: Registers | None) -> None:
    """A signatory's register code names an organisation that existed when it signed."""
    data, loaded = record.data, record.loaded
    organisation = data.get("organisation")
    if not isinstance(organisation, dict) or not isinstance(organisation.get("code"), str):
        return
    code = organisation["code"]
    path = ("organisation", "code")
    body = registers.organisation(code) if registers else None
    if body is None:
        check_org_ref(loaded, path, code, set(), registers)
        return
    signed = iso_date(data.get("signed_on"))
    if body.end is not None:
        if signed is None:
            loaded.error("organisation-ended", f"{body.name} ended on {body.end.isoformat()} and cannot sign now",
                         "give the date it signed (signed_on) if it signed before then; otherwise sign as its successor", path)
        elif signed >= body.end:
            loaded.error("organisation-ended", f"{body.name} ended on {body.end.isoformat()}, before the signature on {signed.isoformat()}",
                         "check the date, or sign as the organisation that replaced it", ("signed_on",))
    if body.start is not None and signed is not None and signed < body.start:
        loaded.error("organisation-not-started", f"{body.name} only began on {body.start.isoformat()}, after the signature date",
                     "check the date, or sign as the organisation that existed then", ("signed_on",))
