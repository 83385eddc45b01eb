"""Item pages say what their files promise: a case study's outcomes, a signatory's contact and
website, and a project's lead contact (which "Looking for partners" sends people to)."""

from __future__ import annotations

from pathlib import Path

import pytest

from localdigital.emit import emit_site
from localdigital.model import SiteModel, build_model
from localdigital.validate import validate
from tests.support import PATTERN, PROJECT, TODAY

SIGNATORY = """\
organisation:
  code: ESS
signed_on: 2018-07-04
website: https://www.essex.gov.uk/
contact: digital@essex.gov.uk
"""
CASE_STUDY = """\
---
title: Reporting missed bins online
summary: How we moved missed bin reports online.
organisations: [essex-county-council]
published: 2024-01-01
principles: [1]
outcomes:
  - Missed bin reports fell by a third.
  - Calls about bins fell by 5 & more.
---

What we did.
"""


@pytest.fixture
def model(make_repo) -> SiteModel:
    root = make_repo({"signatories/essex-county-council.yml": SIGNATORY, "content/case-studies/missed-bins.md": CASE_STUDY,
                      "content/projects/shared-waste.md": PROJECT, "patterns/book-bulky-waste.md": PATTERN,
                      "signatories/gateshead.yml": "organisation:\n  code: GAT\nsigned_on: 2019-01-01\n"})
    result = validate(root, today=TODAY)
    assert result.errors == []
    return build_model(result, today=TODAY)


def page(model: SiteModel, src: str) -> str:
    return emit_site(model, Path("."))[src].markdown


def test_a_case_study_page_shows_its_outcomes_escaped(model: SiteModel) -> None:
    text = page(model, "case-studies/missed-bins.md")
    assert "## Outcomes" in text
    assert "Missed bin reports fell by a third" in text.replace("&#46;", ".")
    assert "5 &amp; more" in text


def test_a_signatory_page_shows_its_contact_and_website(model: SiteModel) -> None:
    text = page(model, "signatories/essex-county-council.md")
    assert 'href="mailto:digital@essex.gov.uk"' in text
    assert 'href="https://www.essex.gov.uk/"' in text


def test_a_signatory_without_a_contact_says_how_to_add_one(model: SiteModel) -> None:
    assert "none given yet" in page(model, "signatories/gateshead.md")


def test_a_project_page_gives_its_leads_contact(model: SiteModel) -> None:
    text = page(model, "projects/shared-waste.md")
    assert "Contact the lead" in text and 'href="mailto:digital@essex.gov.uk"' in text
