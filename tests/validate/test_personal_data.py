"""Personal data (issue 19 item 5, issue 17): refused as errors in fields and bodies.

Phone numbers in any common UK or international form, personal email providers, person-shaped
mailboxes, addresses spelled out with "at" and "dot", and people's names where a role is asked
for (signed_by). Role mailboxes and ordinary numbers (dates, money, counts, addresses) pass.
"""

from __future__ import annotations

import datetime

import pytest

from localdigital.validate import safety
from localdigital.validate import validate

TODAY = datetime.date(2026, 11, 27)


def body_rules(body: str) -> list[tuple[str, str]]:
    found = []
    safety.check_markdown(body, 1, "projects/x.md", lambda line, col, sev, rule, msg, hint: found.append((rule, sev)),
                          lambda path: True)
    return found


def field_rules(text: str, path: tuple = ("summary",)) -> list[tuple[str, str]]:
    found = []
    safety.check_text_field(text, lambda sev, rule, msg, hint: found.append((rule, sev)), path)
    return found


PHONES = ["07700 900123", "07700900123", "07700.900.123", "0044 7700 900123", "07 700 900 123", "+44 (0)7700 900123",
          "+44 7700 900123", "+447700900123", "+44 (0) 7700 900 123", "07700-900-123", "07700-900123", "(07700) 900123",
          "020 7946 0000", "(020) 7946 0000", "01632 960000", "01632 960 000", "0113 496 0000", "0300 123 4567",
          "+1 202 555 0143", "+33 1 23 45 67 89", "+44 20 7946 0000", "07700\u00a0900123"]


@pytest.mark.parametrize("phone", PHONES)
def test_a_phone_number_in_a_body_is_an_error(phone: str) -> None:
    assert ("personal-phone", "error") in body_rules(f"Ring Jane on {phone} any day."), phone


@pytest.mark.parametrize("phone", PHONES)
def test_a_phone_number_in_a_field_is_an_error(phone: str) -> None:
    assert ("personal-phone", "error") in field_rules(f"Call {phone}"), phone


@pytest.mark.parametrize("text", [
    "In 2019 we spent £100,000 on 12,345 bins.", "Between 2018-2020 and 2021-2023.", "Version 1.2.3 of the API",
    "RM1557.13 lot 1", "LGSL 524 and 525", "0.5 FTE for 12 months", "Signed on 01/02/2019", "2019-01-01",
    "https://www.wired-gov.net/wg/news.nsf/articles/Councils+awarded+800000+to+pandemic+28072020121000?open",
    "See https://example.org/0123456789/report", "A population of 1,234,567", "ISBN 978-0-14-103614-4 hmm",
    "Postcode NE8 1HH, 10 Civic Centre", "Scores 10 20 30 40", "£1 million over 3 years",
])
def test_ordinary_numbers_are_not_phone_numbers(text: str) -> None:
    assert not [r for r in field_rules(text) if r[0] == "personal-phone"], text
    assert not [r for r in body_rules(text) if r[0] == "personal-phone"], text


@pytest.mark.parametrize("address", [
    "jane@gmail.com", "jane.smith@googlemail.com", "digital@hotmail.co.uk", "x@outlook.com", "x@yahoo.co.uk", "x@icloud.com",
    "x@btinternet.com", "x@live.co.uk", "x@aol.com", "x@protonmail.com",
    "jsmith@gateshead.gov.uk", "j.smith@gateshead.gov.uk", "jane.smith@gateshead.gov.uk", "jane_smith@gateshead.gov.uk",
    "jane-smith@gateshead.gov.uk", "Jane.Smith@Gateshead.gov.uk", "janesmith@gateshead.gov.uk",
])
def test_personal_email_addresses_are_errors_in_fields_and_bodies(address: str) -> None:
    assert ("personal-email", "error") in field_rules(address), address
    assert ("personal-email", "error") in body_rules(f"Write to {address} today."), address


@pytest.mark.parametrize("address", ["digital@gateshead.gov.uk", "info@gateshead.gov.uk", "localdigital@gateshead.gov.uk",
                                     "digital.team@gateshead.gov.uk", "enquiries@essex.gov.uk", "foi@essex.gov.uk",
                                     "customer.services@essex.gov.uk", "ict-helpdesk@essex.gov.uk", "hello@localdigital.gov.uk"])
def test_role_mailboxes_pass(address: str) -> None:
    assert field_rules(address) == [] and body_rules(f"Write to {address} today.") == []


@pytest.mark.parametrize("text", ["jane dot smith at council dot gov dot uk", "jane [at] council.gov.uk",
                                  "jane (at) council (dot) gov (dot) uk", "jane AT council.gov.uk", "j.smith {at} council.gov.uk",
                                  "jane dot smith at gmail dot com"])
def test_addresses_spelled_out_are_read_as_addresses(text: str) -> None:
    assert ("personal-email", "error") in field_rules(f"Contact: {text}"), text
    assert ("personal-email", "error") in body_rules(f"Contact {text}."), text


@pytest.mark.parametrize("text", ["Find us at www.gateshead.gov.uk", "digital [at] council.gov.uk", "a polka dot dress at the fair",
                                  "We met at the town hall, at 10 o'clock"])
def test_prose_and_spelled_role_mailboxes_pass(text: str) -> None:
    assert not [r for r in field_rules(text) if r[0] == "personal-email"], text


@pytest.mark.parametrize("role", ["Chief Executive", "Leader of the Council", "Councillor", "Strategic Director", "Lord Mayor",
                                  "Cabinet Member for Digital", "Director of Customer and Digital Services", "Head of Smart Cities",
                                  "Chief Digital Officer", "Deputy Leader"])
def test_roles_pass_in_signed_by(role: str) -> None:
    assert field_rules(role, ("signed_by", 0)) == [], role


@pytest.mark.parametrize("name", ["Jane Smith, Chief Executive", "Cllr Jane Smith", "Councillor Jane Smith", "Dr Jones",
                                  "Chief Executive (J. Smith)", "Jane Smith", "Leader - Cllr Martin Gannon"])
def test_names_are_refused_in_signed_by(name: str) -> None:
    assert ("personal-name", "error") in field_rules(name, ("signed_by", 0)), name


def test_personal_data_in_the_real_validator_is_on_the_line(make_repo) -> None:
    root = make_repo({
        "signatories/gateshead.yml": "organisation:\n  code: GAT\nsigned_on: 2019-01-01\ncontact: jsmith@gateshead.gov.uk\n"
                                     "signed_by:\n  - Cllr Jane Smith\n  - Chief Executive\n",
        "content/projects/bins.md": "---\ntitle: Shared waste collection\nsummary: Councils building one waste service.\n"
                                    "lead: GAT\n---\n\nRing 020 7946 0000 or write to jane dot smith at council dot gov dot uk.\n",
    })
    result = validate(root, today=TODAY)
    got = {(f.path, f.line, f.rule, f.severity) for f in result.findings}
    assert ("signatories/gateshead.yml", 4, "personal-email", "error") in got
    assert ("signatories/gateshead.yml", 6, "personal-name", "error") in got
    assert ("signatories/gateshead.yml", 7, "personal-name", "error") not in got
    assert ("content/projects/bins.md", 7, "personal-phone", "error") in got
    assert ("content/projects/bins.md", 7, "personal-email", "error") in got


def test_the_repositorys_own_content_has_no_personal_data_findings() -> None:
    from pathlib import Path
    result = validate(Path(__file__).resolve().parent.parent)
    assert [f for f in result.findings if f.rule.startswith("personal-")] == []
