"""Self-assessment rules beyond the example folders: a pull request's run (files outside the
selection are only skimmed) still sees the earlier assessment and the signature date; the
starter validates once filled; `localdigital new self-assessment` writes every criterion."""

from __future__ import annotations

import subprocess
import sys

from localdigital.contribute.starters import fill
from localdigital.validate import validate
from tests.assessment_fixture import FILES, assessment
from tests.support import REPO

LATER = "content/self-assessments/essex-county-council-2026-10-01.md"


def test_a_pull_request_adding_an_assessment_is_checked_against_the_earlier_one(make_repo, today) -> None:
    root = make_repo(FILES)
    root = make_repo({LATER: assessment("essex-county-council", "2026-10-01",
                                        [("p1-user-research", "fully", "fully", ["shared-waste"])])})
    result = validate(root, [LATER], today=today)
    dropped = [f for f in result.findings if f.rule == "assessment-criterion-dropped"]
    assert [f.path for f in dropped] == [LATER]
    assert "p4-digital-strategy" in dropped[0].message and "p2-cloud" in dropped[0].message
    assert not result.errors


def test_a_pull_request_with_an_assessment_before_the_signature_is_refused(make_repo, today) -> None:
    early = "content/self-assessments/suffolk-county-council-2019-06-01.md"
    root = make_repo({**FILES, early: assessment("suffolk-county-council", "2019-06-01", [("p2-cloud", "not-yet", "partly", [])])})
    result = validate(root, [early], today=today)
    assert [(f.path, f.line, f.rule) for f in result.errors] == [(early, 3, "assessment-before-signing")]


def test_the_fixture_is_valid_with_no_warnings(make_repo, today) -> None:
    result = validate(make_repo(FILES), today=today)
    assert result.findings == []


def test_the_starter_lists_every_criterion_and_validates_once_filled(make_repo, today) -> None:
    text = fill("self-assessment", {"organisation": "essex-county-council", "assessed_on": "2026-11-01",
                                    "assessed_by": "Head of Digital"})
    assert text.count("  - id: p") == 17
    relpath = "content/self-assessments/essex-county-council-2026-11-01.md"
    result = validate(make_repo({**FILES, relpath: text}), today=today)
    # Only the body's placeholder sentence is left to replace (a template-example warning).
    assert [f.rule for f in result.findings if f.path == relpath] == ["template-example"]


def test_localdigital_new_self_assessment_writes_a_file_with_the_criteria(make_repo) -> None:
    root = make_repo(FILES)
    done = subprocess.run([sys.executable, "-m", "localdigital", "--root", str(root), "new", "self-assessment", "--no-input",
                           "--id", "suffolk-county-council-2026-11-01", "--organisation", "suffolk-county-council",
                           "--assessed-on", "2026-11-01", "--assessed-by", "Head of Digital"],
                          capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    written = (root / "content/self-assessments/suffolk-county-council-2026-11-01.md").read_text()
    assert "organisation: suffolk-county-council" in written and "- id: p5-performance-data" in written


def test_a_pull_request_removing_an_item_used_as_evidence_reports_the_assessment(make_repo, today) -> None:
    root = make_repo(FILES)
    (root / "content/projects/shared-waste.md").unlink()
    result = validate(root, ["content/projects/shared-waste.md"], today=today)
    found = [(f.path, f.rule) for f in result.findings if f.rule == "assessment-evidence-unknown"]
    assert ("content/self-assessments/essex-county-council-2026-06-01.md", "assessment-evidence-unknown") in found


def test_a_broken_criteria_list_is_a_setup_finding_not_a_traceback(make_repo, today) -> None:
    root = make_repo(FILES, copy_registers=True)
    (root / "registers/criteria/criteria.yml").write_text("criteria: [{id: p1-x}]\n", encoding="utf-8")
    result = validate(root, today=today)
    assert [(f.path, f.rule) for f in result.errors] == [("registers", "setup")]
    assert "restore" in result.errors[0].message
