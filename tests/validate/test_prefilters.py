"""The cheap tests that let most text skip the personal-data and HTML checks (issue 18: validation
within 1.5 times the parse floor) never skip text those checks would refuse.

Two prefilters stand in front of the full checks: the loader marks as "suspect" only the
front-matter values safety.check_text_field could find something in, and safety.PersonalScan
reads a page's body once so that its lines skip the readings that cannot fire. Each is
checked here against the full check on thousands of generated texts built from the pieces
personal data and HTML are made of (digits, separators, "at", "dot", brackets, "@", code spans),
and on every example of the personal-data tests' kind. A prefilter that is too strict fails here
with the text it let through.
"""

from __future__ import annotations

import random

import pytest

from localdigital.load.loader import Loaded, parse_yaml
from localdigital.validate import safety

PIECES = ("07700", " 900", "123", "+44", " (0)", "2019-01-01", "12", "3", "-", ".", " ", " ", "\u00a0", "at", " at ", "AT",
          "[at]", "(at)", "{ at }", "<at>", " dot ", "(dot)", "DOT", "Dot", "dot", "@", "jane", ".smith", "smith", "gmail",
          ".com", "council", ".gov.uk", "digital", "<b>", "<", ">", "`", "``", "x`y`", "[", "]", "(", ")", "www.", "https://",
          "/", "Cllr", "Jane", "Smith", "Chief Executive", ",", "\u0663", "the", "data")
EXAMPLES = ("jane dot smith at council dot gov dot uk", "jane [at] council.gov.uk", "jane (at) council (dot) gov (dot) uk",
            "jane AT council.gov.uk", "j.smith {at} council.gov.uk", "( `x` at ) council.gov.uk", "jane@gmail.com",
            "07700 900123", "+44 (0)7700 900123", "020 7946 0000", "+1 202 555 0143", "<b>bold</b>", "Cllr Jane Smith",
            "Ring 07700`x`900123", "jsmith@gateshead.gov.uk", "digital@gateshead.gov.uk", "In 2019 we spent 100,000")


def texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return list(EXAMPLES) + ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14))) for _ in range(count)]


def field_findings(text: str, path: tuple) -> list[str]:
    found: list[str] = []
    safety.check_text_field(text, lambda sev, rule, msg, hint: found.append(rule), path)
    return found


def suspect_values(text: str) -> set[str]:
    """The values of a one-field YAML document the loader hands to the safety checks."""
    loaded = Loaded("x.yml")
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    data = parse_yaml(f"summary: {quoted}\nsigned_by:\n  - {quoted}\n", loaded)
    assert data is not None and not loaded.findings, (text, loaded.findings)
    return {value for path, value in loaded.suspect if path == ("summary",)}


@pytest.mark.parametrize("seed", range(4))
def test_every_value_the_field_checks_would_refuse_is_handed_to_them(seed: int) -> None:
    caught = 0
    for text in texts(1500, seed):
        if field_findings(text, ("summary",)):
            caught += 1
            assert text in suspect_values(text), f"the loader did not hand {text!r} to the safety checks"
    assert caught > 100  # the generated texts include plenty that the checks refuse


def test_signed_by_entries_are_always_handed_to_the_checks() -> None:
    loaded = Loaded("x.yml")
    parse_yaml("signed_by:\n  - Jane Smith\n", loaded)
    assert (("signed_by", 0), "Jane Smith") in loaded.suspect
    assert field_findings("Jane Smith", ("signed_by", 0)) == ["personal-name"]


def test_ordinary_values_are_not_handed_to_the_checks() -> None:
    for text in ("2019-01-01", "Shared waste collection for small councils", "https://www.example.org/a/12345678",
                 "A service at scale", "OGL-UK-3.0"):
        assert suspect_values(text) == set(), text


@pytest.mark.parametrize("seed", range(4))
def test_a_bodys_scan_finds_on_each_line_what_reading_the_line_alone_finds(seed: int) -> None:
    rng = random.Random(seed)
    lines = texts(1500, seed)
    differing = skipping = 0
    for start in range(0, len(lines), 5):
        chunk = lines[start:start + 5]
        body = "\n".join(chunk + ["Plain words on a line of their own."] * rng.randint(0, 2))
        scan = safety.PersonalScan(body)
        for line in chunk:
            assert safety.personal_data(line, scan) == safety.personal_data(line), f"{line!r} in {body!r}"
        differing += any(safety.personal_data(line) for line in chunk)
        skipping += not (scan.phones and scan.spelled)
    assert differing > 5 and skipping > 20  # both sides are exercised: bodies with findings, and bodies the scan skips


def test_a_body_with_nothing_to_find_skips_the_readings() -> None:
    scan = safety.PersonalScan("A plain page.\n\nWe met on 2019-01-01 at the town hall.\n")
    assert not (scan.phones or scan.spelled or scan.any)
    assert safety.PersonalScan("Ring 07700 900123").phones
    assert safety.PersonalScan("jane [at] council.gov.uk").spelled
    assert safety.PersonalScan("a `code` span").spelled
