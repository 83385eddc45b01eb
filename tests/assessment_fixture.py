"""A fixture repository of council self-assessments (issue 13): four signatories, three of which
have assessed themselves, two of them on two dates. Invented for the tests only: no real council
has published a self-assessment. EXPECTED says what the site must show, counted by hand."""

from __future__ import annotations

from tests.support import GOOD

SIGNATORIES = {
    "signatories/norfolk-county-council.yml": "organisation:\n  code: NFK\nsigned_on: 2019-01-01\n",
    "signatories/suffolk-county-council.yml": "organisation:\n  code: SFK\nsigned_on: 2020-01-01\n",
    "signatories/cardiff-council.yml": "organisation:\n  code: CRF\nsigned_on: 2019-05-01\n",
}


def assessment(council: str, day: str, ratings: list[tuple[str, str, str, list[str]]], extra: str = "") -> str:
    lines = ["---", f"organisation: {council}", f"assessed_on: {day}", extra.rstrip("\n"), "criteria:"]
    for ident, status, target, evidence in ratings:
        lines += [f"  - id: {ident}", f"    status: {status}", f"    target: {target}"]
        if evidence:
            lines += ["    evidence:"] + [f"      - {e}" for e in evidence]
    return "\n".join(line for line in lines if line) + "\n---\n"


ASSESSMENTS = {
    "content/self-assessments/essex-county-council-2025-06-01.md": assessment("essex-county-council", "2025-06-01", [
        ("p1-user-research", "partly", "fully", ["shared-waste"]),
        ("p4-digital-strategy", "not-yet", "partly", []),
        ("p2-cloud", "not-yet", "partly", [])],
        "assessed_by: [Head of Digital]\nnext_review: 2026-06-01\n"),
    "content/self-assessments/essex-county-council-2026-06-01.md": assessment("essex-county-council", "2026-06-01", [
        ("p1-user-research", "fully", "fully", ["shared-waste", "https://example.org/essex-research"]),
        ("p4-digital-strategy", "partly", "partly", ["https://example.org/essex-strategy"]),
        ("p2-cloud", "not-yet", "partly", [])],
        "declaration_project:\n  title: Open up our waste data\n  partners: [norfolk-county-council]\n"
        "  mission: Publish collection data.\n  impact: Fewer missed-bin calls.\n"),
    "content/self-assessments/norfolk-county-council-2025-09-01.md": assessment("norfolk-county-council", "2025-09-01", [
        ("p1-user-research", "not-yet", "partly", []),
        ("p2-cloud", "partly", "fully", ["https://example.org/norfolk-cloud"])]),
    "content/self-assessments/norfolk-county-council-2026-09-01.md": assessment("norfolk-county-council", "2026-09-01", [
        ("p1-user-research", "fully", "fully", ["https://example.org/norfolk-research"]),
        ("p2-cloud", "partly", "fully", ["https://example.org/norfolk-cloud"])]),
    "content/self-assessments/cardiff-council-2026-03-01.md": assessment("cardiff-council", "2026-03-01", [
        ("p1-user-research", "partly", "fully", ["https://example.org/cardiff-research"]),
        ("p3-privacy", "fully", "fully", ["https://example.org/cardiff-privacy"])]),
}

FILES = {**GOOD, **SIGNATORIES, **ASSESSMENTS}

# Counted by hand from ASSESSMENTS: each council's latest assessment.
LATEST_COUNTS = {  # criterion -> (not yet, partly, fully, not rated) over the 3 councils assessed
    "p1-user-research": (0, 1, 2, 0),
    "p1-accessibility": (0, 0, 0, 3),
    "p2-cloud": (1, 1, 0, 1),
    "p3-privacy": (0, 0, 1, 2),
    "p4-digital-strategy": (0, 1, 0, 2),
}
WHO_FULLY = {"p1-user-research": ["Essex County Council", "Norfolk County Council"],
             "p3-privacy": ["City of Cardiff Council"], "p2-cloud": []}
ESSEX_MOVEMENT = {"p1-user-research": "up from partly", "p4-digital-strategy": "up from not yet", "p2-cloud": "no change"}
RATING_ROWS = 12  # 3 + 3 + 2 + 2 + 2
