"""Issue-form bodies become content files that validate, or plain findings; hostile answers never
add a field, close the front matter or cause a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from localdigital.contribute.issueform import (
    FORMS,
    MAX_BODY_BYTES,
    convert,
    main,
    quote,
)
from localdigital.load.loader import load_markdown_file, load_yaml_file
from tests.contribute.forms import CONFIRMED, GOOD_ANSWERS, SIGNED, form_body  # noqa: F401 - used by the tests below
from tests.support import REPO, TODAY

def loaded(relpath: str, text: str):
    raw = text.encode("utf-8")
    return load_yaml_file(relpath, raw) if relpath.endswith(".yml") else load_markdown_file(relpath, raw)


@pytest.fixture
def repo(make_repo) -> Path:
    return make_repo()


@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_complete_form_becomes_a_file_that_validates_clean(make_repo, name: str) -> None:
    repo = make_repo(SIGNED if name == "self-assessment" else None)
    converted = convert(repo, name, form_body(name, GOOD_ANSWERS[name]), 12, today=TODAY)
    assert converted.findings == []
    assert converted.ok
    assert converted.relpath.startswith(("signatories/", "content/", "patterns/"))


def test_a_signatory_file_is_named_after_the_register_name_and_keeps_the_answers(repo: Path) -> None:
    converted = convert(repo, "signatory", form_body("signatory", GOOD_ANSWERS["signatory"]), 3, today=TODAY)
    assert converted.relpath == "signatories/adur-district-council.yml"
    data = loaded(converted.relpath, converted.text).data
    assert data["organisation"] == {"code": "ADU"}
    assert data["signed_by"] == ["Chief Executive", "Leader of the Council"]
    assert data["commitment"] == {"title": "Open up our waste data", "status": "in-progress"}


def test_a_case_study_keeps_principles_as_numbers_and_its_story_as_the_page_body(repo: Path) -> None:
    converted = convert(repo, "case-study", form_body("case-study", GOOD_ANSWERS["case-study"]), 4, today=TODAY)
    record = loaded(converted.relpath, converted.text)
    assert converted.relpath == "content/case-studies/reporting-missed-bins-online.md"
    assert record.data["principles"] == ["1", "2"]  # the loader keeps strings; the schema types them
    assert "And we tested it with residents." in record.body


def test_a_second_item_with_the_same_title_gets_a_new_file_name(make_repo) -> None:
    root = make_repo({"content/projects/a-shared-digital-waste-service.md": "---\ntitle: Old\nsummary: An older project here.\n---\n"})
    converted = convert(root, "project", form_body("project", GOOD_ANSWERS["project"]), 5, today=TODAY)
    assert converted.relpath == "content/projects/a-shared-digital-waste-service-2.md"


@pytest.mark.parametrize(("name", "field", "label"), [
    ("case-study", "title", "Title"),
    ("signatory", "contact", "Role mailbox or contact form"),
    ("project", "lead", "Lead organisation"),
    ("pattern", "kind", "Kind of pattern"),
    ("event", "start", "Start"),
    ("document", "link", "Where it lives"),
])
def test_a_missing_required_answer_is_a_finding_that_names_the_question(repo: Path, name: str, field: str, label: str) -> None:
    answers = dict(GOOD_ANSWERS[name], **{field: ""})
    converted = convert(repo, name, form_body(name, answers), 6, today=TODAY)
    assert not converted.ok
    assert any(f.rule == "issue-form-missing" and label in f.message for f in converted.findings)


def test_unticked_confirmation_boxes_are_a_finding(repo: Path) -> None:
    answers = dict(GOOD_ANSWERS["pattern"], confirm="- [ ] I may share this")
    converted = convert(repo, "pattern", form_body("pattern", answers), 7, today=TODAY)
    assert [f.rule for f in converted.findings] == ["issue-form-unconfirmed"]


def test_an_unknown_register_code_is_reported_by_the_validator(repo: Path) -> None:
    answers = dict(GOOD_ANSWERS["project"], lead="NOPE-COUNCIL")
    converted = convert(repo, "project", form_body("project", answers), 8, today=TODAY)
    assert any(f.rule == "ref-unknown-organisation" for f in converted.findings)


def test_a_signatory_that_already_has_a_file_is_refused(make_repo) -> None:
    root = make_repo({"signatories/adur-district-council.yml": "organisation:\n  code: ADU\n"})
    converted = convert(root, "signatory", form_body("signatory", GOOD_ANSWERS["signatory"]), 9, today=TODAY)
    assert [f.rule for f in converted.findings] == ["issue-form-exists"]


HOSTILE_VALUES = [
    "$(rm -rf /) and `reboot` and ${HOME}",
    "Bins\n---\nid: evil\nco_publisher: true\n---",
    "Bins\"\nevil: true\n\"",
    "Bins: a new service # not a comment",
    "Bins \\\" \\n \u2028 \x85 \x7f \x00 \ufeff end",
    "'single' and \"double\" quotes, & anchors *aliases !tags {flow: map} [flow, list] | > %",
]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_a_hostile_title_stays_one_quoted_value_and_adds_no_field(repo: Path, value: str) -> None:
    # Shell metacharacters, YAML syntax and '---' lines: none may reach a shell, add a key or end the front matter.
    answers = dict(GOOD_ANSWERS["project"], title="A shared digital waste service " + value)
    converted = convert(repo, "project", form_body("project", answers), 10, today=TODAY)
    record = loaded(converted.relpath, converted.text)
    assert set(record.data) == {"title", "summary", "lead", "phase", "looking_for_partners", "principles"}
    assert record.data["title"].startswith("A shared digital waste service ")
    assert not [f for f in record.findings if f.rule.startswith("yaml")]
    assert converted.text.count("\n---\n") == 1  # only the front matter's closing line


@pytest.mark.parametrize("name", ["signatory", "pattern"])
def test_a_hostile_line_answer_cannot_inject_keys_into_any_type(repo: Path, name: str) -> None:
    answers = {key: value + "\nevil: injected\n---\nid: x" for key, value in GOOD_ANSWERS[name].items()
               if key not in ("confirm", "body")}
    answers["confirm"] = CONFIRMED
    converted = convert(repo, name, form_body(name, answers), 11, today=TODAY)
    data = loaded(converted.relpath, converted.text).data
    assert "evil" not in data and "id" not in data


def test_html_in_an_answer_is_a_finding_not_published(repo: Path) -> None:
    answers = dict(GOOD_ANSWERS["case-study"], summary="Our story <script>alert(1)</script> in full.")
    converted = convert(repo, "case-study", form_body("case-study", answers), 13, today=TODAY)
    assert not converted.ok
    assert any(f.rule == "field-html" for f in converted.findings)


def test_html_in_the_story_is_a_finding(repo: Path) -> None:
    answers = dict(GOOD_ANSWERS["case-study"], body="Hello <script>alert(document.cookie)</script>")
    converted = convert(repo, "case-study", form_body("case-study", answers), 14, today=TODAY)
    assert not converted.ok


def test_a_body_over_the_limit_is_refused_with_a_clear_reason(repo: Path) -> None:
    answers = dict(GOOD_ANSWERS["case-study"], body="x" * (1024 * 1024))
    converted = convert(repo, "case-study", form_body("case-study", answers), 15, today=TODAY)
    assert converted.text == ""
    assert [f.rule for f in converted.findings] == ["issue-too-long"]
    assert f"{MAX_BODY_BYTES // 1024} KB" in converted.findings[0].message


def test_an_empty_body_gives_findings_not_a_traceback(repo: Path) -> None:
    converted = convert(repo, "project", "", 16, today=TODAY)
    assert not converted.ok
    assert converted.relpath == "content/projects/issue-16.md"


def test_quote_round_trips_through_yaml_for_any_text() -> None:
    for value in HOSTILE_VALUES + ["", "ŵ Welsh ŷ", "emoji 🙂", "tab\there"]:
        assert yaml.safe_load("key: " + quote(value))["key"] == value


def write_event(tmp_path: Path, name: str, body: str, number: int = 21) -> Path:
    event = {"issue": {"number": number, "title": "Please add us", "body": body,
                       "labels": [{"name": "issue-form"}, {"name": f"form:{name}"}]}}
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    return path


def test_the_command_writes_the_file_and_the_pull_request_text(repo: Path, tmp_path: Path, capsys) -> None:
    event = write_event(tmp_path, "pattern", form_body("pattern", GOOD_ANSWERS["pattern"]))
    status = main(["--event", str(event), "--out-dir", str(repo), "--report-dir", str(tmp_path / "report")])
    assert status == 0
    assert (repo / "patterns/book-a-bulky-waste-collection.md").is_file()
    assert capsys.readouterr().out.strip() == "patterns/book-a-bulky-waste-collection.md"
    assert "Closes #21." in (tmp_path / "report/pr-body.md").read_text(encoding="utf-8")


def test_the_command_prints_a_plain_comment_and_writes_nothing_when_answers_are_wrong(repo: Path, tmp_path: Path, capsys) -> None:
    answers = dict(GOOD_ANSWERS["project"], title="", summary="See [this](javascript:alert(1)) @someone")
    event = write_event(tmp_path, "project", form_body("project", answers))
    status = main(["--event", str(event), "--out-dir", str(repo)])
    out = capsys.readouterr().out
    assert status == 1
    assert "the answer to 'Title' is missing" in out
    assert "How to fix:" in out
    findings_part = out.partition("<details>")[0]  # the file itself is shown in a code block, where nothing renders
    assert "@someone" not in findings_part and "](javascript" not in findings_part
    assert not (repo / "content/projects").exists()


def test_an_issue_without_a_form_label_is_a_usage_error(repo: Path, tmp_path: Path) -> None:
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"issue": {"number": 1, "body": "hello", "labels": [{"name": "bug"}]}}), encoding="utf-8")
    assert main(["--event", str(event), "--out-dir", str(repo)]) == 2


FORM_FILES = sorted((REPO / ".github/ISSUE_TEMPLATE").glob("[0-9]*.yml"))


@pytest.mark.parametrize("path", FORM_FILES, ids=lambda p: p.name)
def test_each_issue_form_asks_exactly_the_questions_the_converter_reads(path: Path) -> None:
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    names = [label.removeprefix("form:") for label in form["labels"] if label.startswith("form:")]
    assert len(names) == 1 and names[0] in FORMS
    asked = [(item["id"], item["attributes"]["label"]) for item in form["body"] if item["type"] != "markdown"]
    assert asked == [(q.id, q.label) for q in FORMS[names[0]]]


def test_there_is_one_issue_form_per_content_type() -> None:
    labels = {label for path in FORM_FILES for label in yaml.safe_load(path.read_text(encoding="utf-8"))["labels"]}
    assert {f"form:{name}" for name in FORMS} <= labels


def test_a_brief_form_writes_agreement_lot_route_year_and_closing_date_as_fields(repo: Path) -> None:
    answers = {**GOOD_ANSWERS["procurement-brief"], "agreement": "RM6259", "lot": "Lot 1",
               "route": "Direct award", "year": "2026", "closing_date": "2026-12-31"}
    converted = convert(repo, "procurement-brief", form_body("procurement-brief", answers), 15, today=TODAY)
    assert converted.findings == [] and converted.ok
    data = loaded(converted.relpath, converted.text).data
    assert (data["agreement"], data["lot"], data["route"], data["closing_date"]) == ("RM6259", "Lot 1", "direct-award", "2026-12-31")
    assert data["year"] == "2026"  # a string until the schema types it, as every scalar is
