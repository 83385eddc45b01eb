"""The README is for people first; `make serve` explains mkdocs' 'dirty' warning; the pre-commit
hook works whether or not the virtual environment is active."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from tests.support import REPO


def readme() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


def test_the_readme_opens_with_what_the_site_is_and_how_to_sign_or_share() -> None:
    opening = readme().split("## ", 1)[0]
    assert "Local Digital Declaration" in opening
    assert "CONTRIBUTING.md" in opening and "how-to-sign.md" in opening


def test_the_quick_start_is_exactly_the_two_commands() -> None:
    quick = readme().split("## Quick start", 1)[1].split("## ", 1)[0]
    block = quick.split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == ["make serve", "make test"]


def test_the_benchmarks_have_their_own_document_linked_from_the_readme() -> None:
    assert "(BENCHMARKS.md)" in readme()
    assert "peak_mib" not in readme() and "| items |" not in readme()
    assert "## At 100,000 items" in (REPO / "BENCHMARKS.md").read_text(encoding="utf-8")


def test_the_readme_says_how_each_specified_package_is_used() -> None:
    notes = readme().split("## Dependencies", 1)[1]
    for package in ("mkdocs", "mkdocs-material", "PyYAML", "Jinja2", "python-frontmatter", "pytest"):
        assert re.search(rf"^\| {re.escape(package)}\b", notes, re.M), package


def test_make_serve_explains_the_dirty_build_warning() -> None:
    dry = subprocess.run(["make", "-n", "serve"], cwd=REPO, capture_output=True, text=True, timeout=60,
                         env={**os.environ, "MAKEFLAGS": ""})
    serve = dry.stdout.split("mkdocs serve", 1)[0]
    assert "'dirty' build" in serve and "expected" in serve


def hook(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(REPO / "scripts/pre-commit-validate"), "signatories/essex-county-council.yml"], cwd=root,
                          capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin:/bin", "HOME": str(root)})


def test_the_pre_commit_hook_uses_the_projects_venv_when_it_is_not_active(make_repo) -> None:
    root = make_repo({"signatories/essex-county-council.yml": "organisation:\n  code: ESS\nsigned_on: 2018-07-04\n"})
    (root / ".venv/bin").mkdir(parents=True)
    (root / ".venv/bin/localdigital").symlink_to(REPO / ".venv/bin/localdigital")
    result = hook(root)
    assert result.returncode == 0, result.stderr
    assert "0 errors, 0 warnings in 1 file checked" in result.stdout


def test_the_pre_commit_hook_without_a_venv_says_what_to_run(make_repo) -> None:
    result = hook(make_repo())
    assert result.returncode == 1 and "make validate" in result.stderr
