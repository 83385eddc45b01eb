"""Issue-form answers for each form, and bodies as GitHub writes them: shared by the converter's
tests (test_issueform.py, test_issueform_structure.py)."""

from __future__ import annotations

from localdigital.contribute.issueform import FORMS, PRINCIPLES

CONFIRMED = "- [X] I may share this\n- [X] Nothing here is personal data"

GOOD_ANSWERS: dict[str, dict[str, str]] = {
    "signatory": {"code": "ADU", "signed_on": "2019-03-28", "signed_by": "Chief Executive\nLeader of the Council",
                  "contact": "digital@adur-worthing.gov.uk", "commitment_title": "Open up our waste data",
                  "status": "In progress", "sources": "https://www.adur-worthing.gov.uk/news/declaration",
                  "confirm": CONFIRMED},
    "case-study": {"title": "Reporting missed bins online", "summary": "How we moved missed bin reports online.",
                   "organisations": "ADU", "published": "2025-06-01", "principles": f"{PRINCIPLES[0]}, {PRINCIPLES[1]}",
                   "services": "524", "outcomes": "- Missed bin calls fell by a third.", "licence": "OGL-UK-3.0",
                   "body": "## What we did\n\nWe built a form.\n\n---\n\nAnd we tested it with residents.", "confirm": CONFIRMED},
    "procurement-brief": {"title": "A new waste service app", "summary": "Our brief for a waste service app, for reuse.",
                          "organisation": "ADU", "status": "Open", "value_band": "£100,000 to £500,000",
                          "body": "## What we are buying\n\nAn app.", "confirm": CONFIRMED},
    "pattern": {"title": "Book a bulky waste collection", "summary": "A tested pattern for booking bulky waste collections.",
                "kind": "Service pattern", "maturity": "Beta", "owner": "ADU", "repository": "https://github.com/example/bulky",
                "licence": "MIT", "body": "## How to use it\n\nCopy it.", "confirm": CONFIRMED},
    "project": {"title": "A shared digital waste service", "summary": "Councils building one waste service together.",
                "lead": "ADU", "phase": "Discovery", "looking_for_partners": "Yes", "principles": PRINCIPLES[4],
                "body": "## About the project\n\nJoin us.", "confirm": CONFIRMED},
    "self-assessment": {"organisation": "adur-district-council", "assessed_on": "2026-11-01", "assessed_by": "Head of Digital",
                        "criteria": "- p1-user-research: partly, target fully, evidence https://www.example.org/research\n"
                                    "- p2-cloud: not yet, target partly", "body": "How we did it.", "confirm": CONFIRMED},
}
GOOD_ANSWERS.update({  # issue 14
    "training": {"title": "Agile for council officers", "summary": "A two-day course in agile delivery for council officers.",
                 "provider": "Adur and Worthing Councils", "format": "Course", "status": "Running", "cost": "Free",
                 "link": "https://www.adur-worthing.gov.uk/agile", "principles": PRINCIPLES[3],
                 "body": "## About it\n\nTwo days.", "confirm": CONFIRMED},
    "event": {"title": "Sussex digital meet-up", "summary": "An afternoon of show and tells from Sussex councils.",
              "start": "2027-03-04T13:00+00:00", "end": "2027-03-04T17:00+00:00", "online": "No", "place": "Worthing Town Hall",
              "booking": "https://www.adur-worthing.gov.uk/book", "body": "## About the event\n\nShow and tells.",
              "confirm": CONFIRMED},
    "document": {"title": "Waste service discovery report", "summary": "What we learned about missed bin reports in discovery.",
                 "kind": "Discovery report", "organisations": "ADU", "year": "2024",
                 "link": "https://www.adur-worthing.gov.uk/discovery", "body": "## What it is\n\nOur findings.", "confirm": CONFIRMED},
})
SIGNED = {"signatories/adur-district-council.yml": "organisation:\n  code: ADU\nsigned_on: 2019-03-28\n"}  # for self-assessments


for _name, _answers in GOOD_ANSWERS.items():  # every box of the form's own Confirmation must be ticked
    _answers["confirm"] = "\n".join(f"- [X] {box}" for box in next(q for q in FORMS[_name] if q.id == "confirm").options)


def form_body(name: str, answers: dict[str, str]) -> str:
    """An issue body as GitHub writes it from a form: '### Label', a blank line, the answer."""
    parts = []
    for question in FORMS[name]:
        answer = answers.get(question.id, "").strip() or "_No response_"
        parts.append(f"### {question.label}\n\n{answer}")
    return "\n\n".join(parts) + "\n"
