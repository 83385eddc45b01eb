"""The Find your council page lists every register organisation once, with its code, and links
the organisations that have signed to their pages."""

from __future__ import annotations

from pathlib import Path

from localdigital.emit import emit_site
from localdigital.model import build_model
from localdigital.validate import validate
from tests.support import TODAY


def test_every_register_organisation_is_listed_once_with_its_code(make_repo) -> None:
    result = validate(make_repo({"signatories/adur-district-council.yml": "organisation:\n  code: ADU\n"}), today=TODAY)
    model = build_model(result, today=TODAY)
    page = emit_site(model, Path("."))["find-your-council.md"].markdown
    canonical = {code for code, body in model.registers.organisations.items() if body.code == code}
    assert page.count("<tr data-name=") == len(canonical)
    assert "<td>Adur District Council</td><td><code>ADU</code></td>" in page
    assert '<a href="../signatories/adur-district-council/">signed</a>' in page
    assert "how-to-sign.md" in page and "localdigital find NAME" in page
