"""The GitHub set-up is checked offline: zizmor finds nothing, every file matches GitHub's schema,
every action is pinned by commit, and no event text is put into a shell command."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support import REPO

GITHUB = REPO / ".github"
BIN = Path(sys.executable).parent
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = sorted((GITHUB / "ISSUE_TEMPLATE").glob("[0-9]*.yml"))
_PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.\-]+/[\w.\-/]+@[0-9a-f]{40}\s+#\s+v\d+\.\d+\.\d+\s*$")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=120)


def test_zizmor_finds_nothing_in_the_workflows_or_dependabot() -> None:
    done = run(str(BIN / "zizmor"), "--offline", "--no-progress", "--color", "never", str(GITHUB))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout


@pytest.mark.parametrize(("schema", "paths"), [
    ("vendor.github-workflows", WORKFLOWS),
    ("vendor.dependabot", [GITHUB / "dependabot.yml"]),
    ("vendor.github-issue-forms", FORMS),
    ("vendor.github-issue-config", [GITHUB / "ISSUE_TEMPLATE/config.yml"]),
], ids=lambda value: value if isinstance(value, str) else "")
def test_github_files_match_githubs_schemas(schema: str, paths: list[Path]) -> None:
    assert paths
    done = run(str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, paths))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_with_its_version_in_a_comment(path: Path) -> None:
    uses = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(?:-\s+)?uses:", line)]
    assert uses
    assert [line for line in uses if not _PINNED.match(line)] == []


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow.get("jobs", {}).values() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_event_text_is_put_into_a_run_block(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    runs = [step["run"] for step in _steps(workflow) if "run" in step]
    assert [script for script in runs if "${{" in script] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_grant_no_permissions_at_the_top_and_never_persist_credentials(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    for step in _steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_only_the_issue_job_may_write_and_only_the_deploy_job_may_publish() -> None:
    writes = {}
    for path in WORKFLOWS:
        for name, job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].items():
            granted = {scope for scope, level in job.get("permissions", {}).items() if level == "write"}
            if granted:
                writes[f"{path.name}:{name}"] = granted
    assert writes == {"issue-to-pr.yml:convert": {"contents", "pull-requests", "issues"},
                      "deploy.yml:deploy": {"pages", "id-token"}}


def test_the_properdocs_build_never_blocks() -> None:
    workflow = yaml.safe_load((GITHUB / "workflows/properdocs.yml").read_text(encoding="utf-8"))
    assert all(job.get("continue-on-error") is True for job in workflow["jobs"].values())


def test_the_pre_commit_hook_runs_the_validator_on_content_files() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    # The entry is a script that finds .venv's localdigital whether or not the environment is active.
    assert any(hook["entry"] == "scripts/pre-commit-validate" and hook["language"] == "script" for hook in hooks)
    assert "localdigital validate" in (REPO / "scripts/pre-commit-validate").read_text(encoding="utf-8")
