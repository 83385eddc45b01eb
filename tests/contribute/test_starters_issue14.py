"""`localdigital new` for a course or programme, an event and a document: the starter filled in by
flags (the questions' own examples) validates clean; with its blanks left, it says what to fill in."""

from __future__ import annotations

import subprocess
import sys

import pytest

from localdigital.content import BY_NAME
from localdigital.contribute.starters import QUESTIONS


def run(root, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "localdigital", *args], cwd=root, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("name", ["training", "event", "document"])
def test_a_new_item_filled_in_by_flags_validates_clean(make_repo, name: str) -> None:
    root = make_repo()
    answers = {field: example for field, _question, example in QUESTIONS[name]}
    if name == "event":
        answers["start"] = "2099-03-04T13:00+00:00"  # the example date will one day be past (a warning)
    flags = [part for field, value in answers.items() for part in (f"--{field.replace('_', '-')}", value)]
    result = run(root, "new", name, "--no-input", *flags)
    assert result.returncode == 0, result.stderr
    relpath = f"{BY_NAME[name].folder}/{answers['id']}.md"
    checked = run(root, "validate", relpath)
    # Only the template's placeholder sentence in the body is left to replace (template-example).
    lines = checked.stdout.splitlines()
    assert lines[-1] == "0 errors, 1 warning in 1 file", checked.stdout
    assert lines[0].endswith("[template-example]"), checked.stdout
