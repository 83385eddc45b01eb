"""Deceptive links (issue 19 item 4, issue 17): text naming one domain and going to another,
hosts that mix alphabets or are written in punycode, and front matter links: whose title claims
a domain the url does not go to. Warnings, and errors where government is imitated."""

from __future__ import annotations

import datetime

import pytest

from localdigital.validate import safety
from localdigital.validate import validate


def found(body: str) -> list[tuple[int, int, str, str]]:
    out = []
    safety.check_markdown(body, 1, "projects/x.md", lambda line, col, sev, rule, msg, hint: out.append((line, col, sev, rule)),
                          lambda path: True)
    return [f for f in out if f[3] in ("link-text-domain", "link-host-lookalike")]


@pytest.mark.parametrize("body", [
    "[GOV.UK Pay](https://evil.example/pay)", "[www.gov.uk](https://evil.example)", "[https://www.gov.uk/pay](https://evil.example)",
    "[Apply on GOV.UK](https://evil.example/apply)", "[gateshead.gov.uk](https://gateshead.gov.uk.evil.example/)",
    "[nhs.uk](https://evil.example)", "[www.police.uk](https://evil.example)", "[gov.scot](https://evil.example)",
    "[gov.wales](https://evil.example)", "[llyw.cymru](https://evil.example)", "[nidirect.gov.uk](https://evil.example)",
    "[GOV.UK](https://www.gov.uk@evil.example/)", "[GOV.UK Pay][pay]\n\n[pay]: https://evil.example/pay",
])
def test_text_claiming_a_government_domain_that_goes_elsewhere_is_an_error(body: str) -> None:
    assert [(sev, rule) for _l, _c, sev, rule in found(body)] == [("error", "link-text-domain")], found(body)


@pytest.mark.parametrize("body", ["[our site](https://gоv.uk/pay)", "[Pay](https://gаteshead.gov.uk/)",
                                  "[Pay](https://xn--gv-fmc.uk/)"])
def test_a_host_imitating_government_with_other_alphabets_is_an_error(body: str) -> None:
    assert ("error", "link-host-lookalike") in [(sev, rule) for _l, _c, sev, rule in found(body)], found(body)


@pytest.mark.parametrize("body", ["[example.org](https://example.com)", "[A shop](https://xn--bcher-kva.example/)",
                                  "[A shop](https://bücher.example/)", "[Shop](https://pаypal.example/)"])
def test_other_mismatches_and_unusual_hosts_are_warnings(body: str) -> None:
    assert found(body) and all(sev == "warning" for _l, _c, sev, _r in found(body)), found(body)


@pytest.mark.parametrize("body", [
    "[GOV.UK Pay](https://www.payments.service.gov.uk/)", "[www.gov.uk](https://www.gov.uk/)", "[gateshead.gov.uk](https://www.gateshead.gov.uk/bins)",
    "[Gateshead Council](https://www.gateshead.gov.uk)", "[Node.js](https://nodejs.org)",
    "[GOV.UK Pay project reflections from North East Lincolnshire](https://medium.com/x)", "[our page](projects/x.md)",
    "[mail us](mailto:digital@gateshead.gov.uk)", "`[gov.uk](https://evil.example)`",
])
def test_honest_links_pass(body: str) -> None:
    assert found(body) == [], found(body)


def test_the_finding_is_on_the_links_line_and_column() -> None:
    assert found("Intro\n\nPay with [GOV.UK Pay](https://evil.example/pay).") == [(3, 10, "error", "link-text-domain")]


def test_a_front_matter_links_entry_whose_title_claims_government_is_an_error(make_repo) -> None:
    root = make_repo({"content/projects/bins.md": "---\ntitle: Shared waste collection\nsummary: Councils building one waste service.\n"
                      "lead: GAT\nlinks:\n  - title: Our page on GOV.UK\n    url: https://evil.example/pay\n"
                      "  - title: gateshead.gov.uk\n    url: https://www.gateshead.gov.uk/\n---\n\nText.\n"})
    result = validate(root, today=datetime.date(2026, 11, 27))
    got = [(f.line, f.severity, f.rule) for f in result.findings]
    assert got == [(6, "error", "link-text-domain")], got
