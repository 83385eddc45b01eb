"""A duplicate signatory is reported on the file the change adds, not on the one already there."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from localdigital.validate import validate
from tests.support import TODAY

ADUR = "organisation:\n  code: ADU\nsigned_on: 2018-07-04\n"


def git(root: Path, *args: str, when: str = "2024-01-01T00:00:00") -> None:
    env = dict(os.environ, GIT_COMMITTER_DATE=when, GIT_AUTHOR_DATE=when)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=root, check=True,
                   capture_output=True, env=env)


def duplicates(root: Path, paths=None) -> list[tuple[str, str]]:
    return [(f.path, f.hint) for f in validate(root, paths, today=TODAY).findings if f.rule == "signatory-duplicate"]


def test_a_new_file_for_an_organisation_already_signed_is_blamed_not_the_existing_one(make_repo) -> None:
    root = make_repo({"signatories/adur-district-council.yml": ADUR})
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "seed")
    (root / "signatories/adur-council.yml").write_text(ADUR)
    found = duplicates(root)
    assert found == [("signatories/adur-council.yml",
                      "add your changes to signatories/adur-district-council.yml instead, and delete signatories/adur-council.yml")]
    git(root, "add", "-A")
    git(root, "commit", "-qm", "the pull request", when="2025-01-01T00:00:00")
    assert [path for path, _ in duplicates(root)] == ["signatories/adur-council.yml"]


def test_the_file_a_pull_request_checks_is_the_one_blamed(make_repo) -> None:
    root = make_repo({"signatories/adur-district-council.yml": ADUR, "signatories/adur-council.yml": ADUR})
    assert [p for p, _ in duplicates(root, ["signatories/adur-council.yml"])] == ["signatories/adur-council.yml"]
