"""`localdigital new` cannot write an invalid file: title first and the file name from it, bad
answers asked again, yes/no in words, and a clear refusal (nothing written) when it cannot ask."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from localdigital.contribute.interview import Interview
from localdigital.contribute.starters import QUESTIONS, TEMPLATES, fill
from localdigital.validate import validate
from localdigital.validate.examples import EXAMPLE_CONTACTS, EXAMPLE_SENTENCES


def new(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "localdigital", "new", *args], cwd=root, capture_output=True,
                            text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def interview(root: Path, type_name: str, replies: list[str]) -> tuple[dict[str, str], list[str], list[str]]:
    """Run the questions with replies typed in order; returns (answers, prompts, what was said)."""
    prompts: list[str] = []
    said: list[str] = []
    typed = iter(replies)

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return next(typed)
    return Interview(root, type_name).run({}, ask, said.append), prompts, said


def written(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / "content").rglob("*.md")) if (root / "content").exists() else []


def test_without_a_terminal_nothing_is_written_and_the_missing_answers_are_named(make_repo) -> None:
    root = make_repo()
    result = new(root, "project")
    assert result.returncode == 2
    assert "no terminal" in result.stderr and "--title" in result.stderr
    assert written(root) == []


def test_a_file_name_with_spaces_is_refused_before_anything_is_written(make_repo) -> None:
    root = make_repo()
    result = new(root, "project", "--no-input", "--id", "shared bins", "--title", "Shared bins", "--summary", "One service.",
                 "--lead", "ESS", "--phase", "alpha", "--looking-for-partners", "no")
    assert result.returncode == 2 and "shared-bins" in result.stderr
    assert written(root) == []


def test_yes_and_no_in_words_are_accepted_and_the_file_name_comes_from_the_title(make_repo) -> None:
    root = make_repo()
    result = new(root, "project", "--no-input", "--title", "Shared bin collection", "--summary", "One service.",
                 "--lead", "ESS", "--phase", "alpha", "--looking-for-partners", "Yes")
    assert result.returncode == 0, result.stderr
    text = (root / "content/projects/shared-bin-collection.md").read_text()
    assert "looking_for_partners: true" in text


def test_the_title_is_asked_first_and_bad_answers_are_asked_again(make_repo) -> None:
    root = make_repo()
    answers, prompts, said = interview(root, "project", [
        "Shared bins", "One bin service.", "Nowhere Council", "ESS", "started", "alpha", "maybe", "yes", "",
    ])
    assert prompts[0].startswith("Title")
    assert prompts[-1] == "File name [shared-bins]: "
    assert len(said) == 3  # the unknown organisation, the phase and the yes/no were asked again
    assert "localdigital find" in said[0] and "discovery, alpha" in said[1] and "yes or no" in said[2]
    assert answers == {"title": "Shared bins", "summary": "One bin service.", "lead": "ESS", "phase": "alpha",
                       "looking_for_partners": "true", "id": "shared-bins"}


def test_a_signatory_file_is_named_after_its_organisation_in_the_register(make_repo) -> None:
    root = make_repo()
    answers, prompts, _said = interview(root, "signatory", ["ADU", "2018-07-04", "Chief Executive",
                                                           "digital@adur-worthing.gov.uk", "Open up our data", ""])
    assert prompts[-1].endswith(" [adur-district-council]: ")
    assert answers["id"] == "adur-district-council"


@pytest.mark.parametrize("type_name", sorted(QUESTIONS))
def test_what_the_interview_accepts_makes_a_file_without_errors(type_name: str, make_repo) -> None:
    root = make_repo({"signatories/essex-county-council.yml": "organisation:\n  code: ESS\nsigned_on: 2018-07-04\n"})
    interview_ = Interview(root, type_name)
    answers = {}
    for field, _question, example in interview_.order():
        value, problem = interview_.check(field, example) if field != "id" else (interview_.suggested_id(answers), None)
        assert problem is None, (field, example, problem)
        answers[field] = value
    relpath = f"{interview_.ctype.folder}/{answers['id']}{interview_.ctype.suffix}"
    result = validate(root, [relpath], overlay={relpath: fill(type_name, answers).encode()})
    assert result.errors == []


def test_the_validator_knows_every_placeholder_the_templates_hold() -> None:
    for name, template in TEMPLATES.items():
        body = template.split("\n---\n", 1)[1] if template.startswith("---") else ""
        sentences = [line for line in body.split("\n") if line and not line.startswith("#")]
        for sentence in sentences:
            assert any(s in sentence for s in EXAMPLE_SENTENCES), (name, sentence)
    contacts = {example for qs in QUESTIONS.values() for field, _q, example in qs if field == "contact"}
    assert contacts <= EXAMPLE_CONTACTS
