"""The self-assessment issue form (issue 13): one line per rating becomes a list of ratings that
validates; a word off the scale or a missing piece of evidence is a finding on its line."""

from __future__ import annotations

import yaml

from localdigital.contribute.issueform import FORMS, convert
from tests.support import TODAY

SIGNED = {"signatories/adur-district-council.yml": "organisation:\n  code: ADU\nsigned_on: 2019-03-28\n"}
CONFIRMED = "\n".join(f"- [X] {box}" for box in next(q for q in FORMS["self-assessment"] if q.id == "confirm").options)  # every box ticked


def body(ratings: str) -> str:
    answers = {"organisation": "adur-district-council", "assessed_on": "2026-11-01", "criteria": ratings, "confirm": CONFIRMED}
    return "\n\n".join(f"### {q.label}\n\n{answers.get(q.id) or '_No response_'}" for q in FORMS["self-assessment"]) + "\n"


def test_each_rating_line_becomes_a_rating(make_repo) -> None:
    converted = convert(make_repo(SIGNED), "self-assessment", body(
        "p1-user-research: Partly, target fully, evidence https://www.example.org/a https://www.example.org/b\n"
        "* p2-cloud: not yet"), 3, today=TODAY)
    assert converted.ok, converted.findings
    assert converted.relpath == "content/self-assessments/adur-district-council-2026-11-01.md"
    data = yaml.safe_load(converted.text.split("---\n")[1])
    assert data["criteria"] == [
        {"id": "p1-user-research", "status": "partly", "target": "fully",
         "evidence": ["https://www.example.org/a", "https://www.example.org/b"]},
        {"id": "p2-cloud", "status": "not-yet", "target": "not-yet"}]


def test_a_word_off_the_scale_and_missing_evidence_are_findings(make_repo) -> None:
    converted = convert(make_repo(SIGNED), "self-assessment", body("p1-user-research: mostly\np2-cloud: fully"), 3, today=TODAY)
    rules = sorted(f.rule for f in converted.findings)
    assert "assessment-evidence-missing" in rules and any(r.startswith("schema-") for r in rules)
    assert not converted.ok


def test_a_hostile_rating_line_adds_no_field(make_repo) -> None:
    converted = convert(make_repo(SIGNED), "self-assessment",
                        body('p2-cloud: not yet\\n---\\ntitle: x", evidence x\n"organisation": evil'), 3, today=TODAY)
    data = yaml.safe_load(converted.text.split("---\n")[1])
    assert set(data) == {"organisation", "assessed_on", "criteria"} and data["organisation"] == "adur-district-council"
