"""The validator on example repositories: tests/example-files/{valid,invalid}/<case>/ are picked up by themselves.

Each case is a small repository tree (content files only; schemas/ and registers/ are copied
in). An invalid case's expect.yml lists findings that must appear, each with path, line and
rule, and optionally col, severity, and text that the message or hint must contain.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from localdigital.load.loader import MAX_FILE_BYTES
from localdigital.validate import validate
from tests.support import EXAMPLES, TODAY

MakeRepo = Callable[..., Path]

VALID = sorted(p.name for p in (EXAMPLES / "valid").iterdir() if p.is_dir())
INVALID = sorted(p.name for p in (EXAMPLES / "invalid").iterdir() if p.is_dir())


def copy_case(case: Path, make_repo: MakeRepo) -> Path:
    root = make_repo()
    for source in case.rglob("*"):
        relpath = source.relative_to(case).as_posix()
        if source.is_file() and relpath not in ("expect.yml", "select.txt"):
            target = root / relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return root


def selection(folder: Path) -> list[str] | None:
    """The files a case validates as a pull request would (select.txt, one a line), or None for all."""
    listed = folder / "select.txt"
    return listed.read_text(encoding="utf-8").split() if listed.is_file() else None


def shown(findings) -> str:
    return "\n".join(f"{f.path}:{f.line}:{f.col}: {f.severity}: {f.message} [{f.rule}] ({f.hint})" for f in findings)


@pytest.mark.parametrize("case", VALID)
def test_a_valid_example_has_no_findings(case: str, make_repo: MakeRepo) -> None:
    result = validate(copy_case(EXAMPLES / "valid" / case, make_repo), today=TODAY)
    assert result.findings == [], shown(result.findings)
    assert result.records, "the case was not loaded at all"


@pytest.mark.parametrize("case", INVALID)
def test_an_invalid_example_reports_each_expected_finding_where_it_is(case: str, make_repo: MakeRepo) -> None:
    folder = EXAMPLES / "invalid" / case
    expected = yaml.safe_load((folder / "expect.yml").read_text(encoding="utf-8"))
    result = validate(copy_case(folder, make_repo), selection(folder), today=TODAY)
    for want in expected:
        matches = [f for f in result.findings
                   if (f.path, f.line, f.rule) == (want["path"], want["line"], want["rule"])
                   and f.col == want.get("col", f.col)
                   and f.severity == want.get("severity", "error")
                   and want.get("message", "") in f.message
                   and want.get("hint", "") in f.hint]
        assert matches, f"expected {want}, got:\n{shown(result.findings)}"


@pytest.mark.parametrize("case", INVALID)
def test_an_invalid_example_reports_nothing_it_does_not_expect_as_an_error(case: str, make_repo: MakeRepo) -> None:
    folder = EXAMPLES / "invalid" / case
    expected = yaml.safe_load((folder / "expect.yml").read_text(encoding="utf-8"))
    result = validate(copy_case(folder, make_repo), selection(folder), today=TODAY)
    wanted = {(w["path"], w["rule"]) for w in expected}
    unexpected = [f for f in result.findings if (f.path, f.rule) not in wanted]
    assert unexpected == [], shown(unexpected)


# ---- cases that cannot live in git as example folders ---------------------------------------

SIGNATORY = "organisation:\n  code: GAT\nsigned_on: 2019-01-01\n"


def test_a_file_over_the_size_limit_is_refused_without_being_parsed(make_repo: MakeRepo) -> None:
    big = SIGNATORY + "# padding\n" * (MAX_FILE_BYTES // 10 + 1)
    root = make_repo({"signatories/gateshead.yml": big})
    result = validate(root, today=TODAY)
    assert [(f.path, f.line, f.rule) for f in result.findings] == [("signatories/gateshead.yml", 1, "file-too-large")]


@pytest.mark.parametrize("target_kind", ["file-inside", "folder-inside", "file-outside", "folder-outside"])
def test_a_symbolic_link_in_the_content_folders_is_an_error_and_is_not_followed(
        target_kind: str, make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo({"signatories/gateshead.yml": SIGNATORY, "content/real/readme.md": "# Real\n"})
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("---\ntitle: <script>x</script>\n---\n", encoding="utf-8")
    targets = {
        "file-inside": root / "signatories" / "gateshead.yml",
        "folder-inside": root / "content" / "real",
        "file-outside": outside / "secret.md",
        "folder-outside": outside,
    }
    link = root / "content" / "linked"
    os.symlink(targets[target_kind], link, target_is_directory=targets[target_kind].is_dir())
    result = validate(root, today=TODAY)
    assert [(f.path, f.line, f.rule) for f in result.findings] == [("content/linked", 1, "symlink")]


def test_a_content_root_that_is_a_symbolic_link_is_an_error(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.md").write_text("# X\n", encoding="utf-8")
    os.symlink(elsewhere, root / "patterns", target_is_directory=True)
    result = validate(root, today=TODAY)
    assert [(f.path, f.rule) for f in result.findings] == [("patterns", "symlink")]


def test_a_missing_schema_is_reported_in_words_not_as_a_traceback(make_repo: MakeRepo) -> None:
    root = make_repo({"signatories/gateshead.yml": SIGNATORY})
    (root / "schemas" / "project.schema.json").unlink()
    result = validate(root, today=TODAY)
    assert [(f.path, f.rule) for f in result.findings] == [("schemas", "setup")]
    assert "project.schema.json" in result.findings[0].message
