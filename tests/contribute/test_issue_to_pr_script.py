"""The issue-to-pr workflow's step, run for real with bash: a real git "origin" in a temporary
folder, and a stand-in for the gh command line that logs what it is asked (and can refuse to open
a pull request, as GitHub does when Actions may not create them)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from localdigital.contribute.issueform import FORMS, TITLE_PREFIXES, pull_request_title
from tests.support import REPO, lay_repo

WORKFLOW = REPO / ".github/workflows/issue-to-pr.yml"
BOT = "41898282+github-actions[bot]@users.noreply.github.com"
CONFIRMED = "\n".join(f"- [X] {box}" for box in next(q for q in FORMS["project"] if q.id == "confirm").options)  # every box ticked
ANSWERS = {"title": "Shared bins", "summary": "Councils building one bin service together.", "lead": "ADU",
           "phase": "Discovery", "looking_for_partners": "Yes", "body": "## About\n\nJoin us.", "confirm": CONFIRMED}
FAKE_GH = """#!/bin/sh
echo "gh $*" >> "$GH_LOG"
case "$1 $2" in
  "pr create") [ -n "$GH_REFUSE_PR" ] && { echo "GraphQL: GitHub Actions is not permitted to create pull requests" >&2; exit 1; } ;;
  "pr list") exit 0 ;;
esac
exit 0
"""


def step_script() -> str:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    [step] = [s for s in workflow["jobs"]["convert"]["steps"] if s.get("name", "").startswith("Write and check")]
    return step["run"]


def git(cwd: Path, *args: str, email: str = "maintainer@example.org") -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "M", "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": "M",
           "GIT_COMMITTER_EMAIL": email}
    return subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=cwd, check=True, capture_output=True,
                          text=True, env=env).stdout


@pytest.fixture
def world(tmp_path: Path):
    """(clone, run): an origin with main, a clone as the workflow checks it out, and run(env) to run the step."""
    origin, seed = tmp_path / "origin.git", tmp_path / "seed"
    lay_repo(seed, copy_registers=True)
    git(seed, "init", "-q", "-b", "main")
    git(seed, "add", "-A")
    git(seed, "commit", "-qm", "seed")
    git(tmp_path, "clone", "-q", "--bare", str(seed), str(origin))
    clone = tmp_path / "clone"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH)
    (bin_dir / "gh").chmod(0o755 | stat.S_IXUSR)
    body = "\n\n".join(f"### {q.label}\n\n{ANSWERS.get(q.id, '_No response_')}" for q in FORMS["project"])
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"issue": {"number": 7, "title": "Project: Shared bins", "body": body,
                                           "labels": [{"name": "issue-form"}, {"name": "form:project"}]}}))

    def run(**extra: str) -> subprocess.CompletedProcess[str]:
        runner_temp = tmp_path / "runner"
        shutil.rmtree(runner_temp, ignore_errors=True)
        runner_temp.mkdir()
        env = {"PATH": f"{bin_dir}:{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(tmp_path),
               "GITHUB_EVENT_PATH": str(event), "RUNNER_TEMP": str(runner_temp), "ISSUE_NUMBER": "7",
               "DEFAULT_BRANCH": "main", "GH_LOG": str(tmp_path / "gh.log"), "GIT_CONFIG_NOSYSTEM": "1", **extra}
        shutil.rmtree(clone, ignore_errors=True)  # each run is a fresh checkout of main, as on GitHub
        git(tmp_path, "clone", "-q", str(origin), str(clone))
        return subprocess.run(["bash", "-e", "-c", step_script()], cwd=clone, capture_output=True, text=True,
                              env=env, timeout=300)

    return origin, clone, run, tmp_path / "gh.log"


def test_a_refused_pull_request_is_told_on_the_issue_with_the_setting_to_switch_on(world) -> None:
    origin, _clone, run, log = world
    result = run(GH_REFUSE_PR="1")
    assert result.returncode == 1
    said = log.read_text()
    assert "Allow GitHub Actions to create and approve pull requests" in said
    assert "issue-form/7" in git(origin, "branch", "--list")


def test_an_edited_issue_never_overwrites_a_maintainers_commit(world, tmp_path: Path) -> None:
    origin, _clone, run, log = world
    assert run().returncode == 0
    helper = tmp_path / "maintainer"
    git(tmp_path, "clone", "-q", "-b", "issue-form/7", str(origin), str(helper))
    (helper / "content/projects/shared-bins.md").write_text((helper / "content/projects/shared-bins.md").read_text() + "\nFixed.\n")
    git(helper, "commit", "-qam", "A maintainer's fix")
    git(helper, "push", "-q", "origin", "issue-form/7")
    before = git(origin, "rev-parse", "issue-form/7")
    result = run()
    assert result.returncode == 0, result.stderr
    assert git(origin, "rev-parse", "issue-form/7") == before
    assert "were not applied" in log.read_text()


def test_an_edited_issue_replaces_the_bots_own_commit(world) -> None:
    origin, _clone, run, log = world
    assert run().returncode == 0
    event = log.parent / "event.json"
    event.write_text(event.read_text().replace("one bin service together", "one bin service, edited"))
    assert run().returncode == 0
    assert "one bin service, edited" in git(origin, "show", "issue-form/7:content/projects/shared-bins.md")
    assert git(origin, "log", "--format=%ae", "main..issue-form/7").split() == [BOT]


def test_the_pull_request_title_does_not_repeat_the_forms_prefix() -> None:
    assert pull_request_title("project", "Project: Shared bins", "x.md") == "Add project: Shared bins"
    assert pull_request_title("project", "Project: ", "content/projects/x.md") == "Add project: content/projects/x.md"


@pytest.mark.parametrize("path", sorted((REPO / ".github/ISSUE_TEMPLATE").glob("[0-9]*.yml")), ids=lambda p: p.name)
def test_the_title_prefixes_are_the_forms_own(path: Path) -> None:
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    name = next(label.removeprefix("form:") for label in form["labels"] if label.startswith("form:"))
    assert form["title"].strip() == TITLE_PREFIXES[name]
    assert f"startsWith(github.event.issue.title, '{TITLE_PREFIXES[name]}')" in WORKFLOW.read_text(encoding="utf-8")


def test_a_form_issue_without_its_labels_gets_a_comment_saying_to_create_them(world) -> None:
    _origin, _clone, run, log = world
    path = log.parent / "event.json"
    data = json.loads(path.read_text())
    data["issue"]["labels"] = []
    path.write_text(json.dumps(data))
    result = run()
    assert result.returncode == 0, result.stderr
    said = log.read_text()
    assert "gh issue comment 7 --body-file" in said
    comment = (log.parent / "runner/issue-form/comment.md").read_text()
    assert "`issue-form` and `form:project` must exist" in comment
