"""The issue-form converter reads only the form's own structure (issue 19 item 6).

Answers are split only at the form's own headings, in the form's order: a heading typed inside an
answer never stands in for a later question; a form heading repeated or out of order makes the
conversion fail with a clear message; and every required confirmation box must be ticked, not one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from localdigital.contribute.issueform import FORMS, convert, read_answers

from tests.support import REPO, TODAY
from tests.contribute.forms import GOOD_ANSWERS, SIGNED, form_body

TEMPLATES = REPO / ".github" / "ISSUE_TEMPLATE"


def confirm_of(name: str):
    return next(q for q in FORMS[name] if q.id == "confirm")


@pytest.fixture
def repo(make_repo) -> Path:
    return make_repo()


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("[0-9]*.yml")), ids=lambda p: p.name)
def test_the_converter_knows_every_box_of_each_forms_confirmation_and_each_is_required(path: Path) -> None:
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    name = next(label.removeprefix("form:") for label in form["labels"] if label.startswith("form:"))
    boxes = [item for item in form["body"] if item["type"] == "checkboxes" and item["id"] == "confirm"]
    assert len(boxes) == 1
    options = boxes[0]["attributes"]["options"]
    assert all(option.get("required") is True for option in options)
    assert tuple(option["label"] for option in options) == confirm_of(name).options


@pytest.mark.parametrize("name", sorted(FORMS))
def test_one_ticked_box_is_not_enough(repo: Path, name: str) -> None:
    first = confirm_of(name).options[0]
    rest = confirm_of(name).options[1:]
    answers = dict(GOOD_ANSWERS[name], confirm="\n".join([f"- [X] {first}"] + [f"- [ ] {box}" for box in rest]))
    converted = convert(repo, name, form_body(name, answers), 7, today=TODAY)
    assert not converted.ok
    unconfirmed = [f for f in converted.findings if f.rule == "issue-form-unconfirmed"]
    assert unconfirmed and rest[-1] in unconfirmed[0].message


@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_deleted_box_line_is_not_ticked(repo: Path, name: str) -> None:
    boxes = confirm_of(name).options
    answers = dict(GOOD_ANSWERS[name], confirm="\n".join(f"- [x] {box}" for box in boxes[:-1]))
    assert "issue-form-unconfirmed" in {f.rule for f in convert(repo, name, form_body(name, answers), 7, today=TODAY).findings}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_box_ticked_passes(repo: Path, name: str) -> None:
    if name == "self-assessment":  # a council assesses itself once it has signed
        (repo / "signatories").mkdir(exist_ok=True)
        for relpath, text in SIGNED.items():
            (repo / relpath).write_text(text, encoding="utf-8")
    converted = convert(repo, name, form_body(name, GOOD_ANSWERS[name]), 7, today=TODAY)
    assert converted.ok, converted.findings


def test_a_later_heading_typed_inside_an_answer_does_not_override_the_real_answer(repo: Path) -> None:
    """The summary's answer carries '### Lead organisation' and a fake lead: the conversion fails
    with a clear message instead of reading either answer as the lead."""
    answers = dict(GOOD_ANSWERS["project"], summary="Councils building one waste service.\n\n### Lead organisation\n\nEVIL")
    converted = convert(repo, "project", form_body("project", answers), 8, today=TODAY)
    assert not converted.ok and converted.text == ""
    assert [f.rule for f in converted.findings] == ["issue-form-headings"]
    assert "'### Lead organisation' appears 2 times" in converted.findings[0].message


def test_a_confirmation_heading_typed_in_the_story_cannot_tick_the_boxes(repo: Path) -> None:
    ticks = "\n".join(f"- [X] {box}" for box in confirm_of("project").options)
    answers = dict(GOOD_ANSWERS["project"], body=f"Our story.\n\n### Confirmation\n\n{ticks}",
                   confirm="\n".join(f"- [ ] {box}" for box in confirm_of("project").options))
    converted = convert(repo, "project", form_body("project", answers), 9, today=TODAY)
    assert not converted.ok and converted.text == ""


def test_other_headings_inside_an_answer_are_part_of_it(repo: Path) -> None:
    answers = dict(GOOD_ANSWERS["project"], body="### What we learnt\n\nA lot.\n\n### Next steps\n\nMore.")
    converted = convert(repo, "project", form_body("project", answers), 10, today=TODAY)
    assert converted.ok, converted.findings
    assert "### What we learnt" in converted.text and "### Next steps" in converted.text


def test_headings_out_of_order_fail_with_a_clear_message() -> None:
    questions = FORMS["project"]
    body = "\n\n".join(f"### {q.label}\n\nx" for q in questions)
    first, second = questions[0].label, questions[1].label
    swapped = body.replace(f"### {first}", "@@").replace(f"### {second}", f"### {first}").replace("@@", f"### {second}")
    answers, problems = read_answers(swapped, questions)
    assert answers == {} and problems and "not in the order of the form" in problems[0]


def test_a_heading_with_extra_words_is_not_a_form_heading() -> None:
    questions = FORMS["project"]
    body = "\n\n".join(f"### {q.label}\n\n{'### Title of my thing' if q.id == 'summary' else 'x'}" for q in questions)
    answers, problems = read_answers(body, questions)
    assert problems == [] and answers["summary"] == "### Title of my thing"
