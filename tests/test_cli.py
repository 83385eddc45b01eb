"""The command line as CI and contributors run it: a real subprocess in a small repository."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

MakeRepo = Callable[..., Path]

GOOD_SIGNATORY = "organisation:\n  code: GAT\nsigned_on: 2019-01-01\ncontact: digital@gateshead.gov.uk\n"
BAD_SIGNATORY = "organisation:\n  code: ESS\nsigned_on: 2019-02-30\ntitel: x\n"  # date-invalid on line 3, unknown field on 4
WARNING_PROJECT = ("---\ntitle: Shared waste collection\nsummary: Councils building one waste service.\nlead: GAT\n"
                   "---\n\nRead [example.org](https://example.com).\n")
BAD_PROJECT = "---\ntitle: Bins\nsummary: Councils building one waste service.\nlead: Gateshed\nphase: Beta\n---\n"
TYPE_NAMES = re.compile(r"\b(str|dict|NoneType|int|bool|float|tuple|None)\b")  # "a list" is plain English
FINDING_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): .+ \[(?P<rule>[a-z0-9-]+)\]$")
SUMMARY = re.compile(r"^\d+ errors?, \d+ warnings? in \d+ files?( \(\d+ files? checked\)| checked)?$")


def run(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "localdigital", *args], cwd=root, capture_output=True, text=True,
                            timeout=120, env={**os.environ, **(env or {})})
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def messy_repo(make_repo: MakeRepo) -> Path:
    return make_repo({
        "signatories/gateshead.yml": GOOD_SIGNATORY,
        "signatories/essex.yml": BAD_SIGNATORY,
        "content/projects/bins.md": BAD_PROJECT,
        "content/projects/waste.md": WARNING_PROJECT,
    })


def test_text_output_gives_each_finding_with_a_how_to_fix_line_and_a_summary(messy_repo: Path) -> None:
    lines = run(messy_repo, "validate").stdout.splitlines()
    findings, summary = lines[:-1], lines[-1]
    assert SUMMARY.match(summary), summary
    assert findings and len(findings) % 2 == 0
    for finding, hint in zip(findings[::2], findings[1::2], strict=True):
        assert FINDING_LINE.match(finding), finding
        assert hint.startswith("  how to fix: ") and len(hint) > len("  how to fix: ")


def test_text_output_names_the_exact_place_of_each_problem(messy_repo: Path) -> None:
    out = run(messy_repo, "validate").stdout
    assert "signatories/essex.yml:3:1: error: 'signed_on': 2019-02-30 is not a real date [date-invalid]" in out
    assert re.search(r"^signatories/essex\.yml:4:1: error: .*'titel'.* \[schema-unknown-field\]$", out, re.M)
    assert re.search(r"^content/projects/bins\.md:5:1: error: .* \[schema-enum\]$", out, re.M)
    assert re.search(r"^content/projects/waste\.md:7:\d+: warning: .* \[link-text-domain\]$", out, re.M)


def test_text_output_is_sorted_by_path_then_line(messy_repo: Path) -> None:
    places = [FINDING_LINE.match(line) for line in run(messy_repo, "validate").stdout.splitlines()]
    keys = [(m["path"], int(m["line"]), int(m["col"])) for m in places if m]
    assert keys == sorted(keys)


def test_the_summary_counts_errors_warnings_and_files(make_repo: MakeRepo) -> None:
    root = make_repo({"signatories/gateshead.yml": GOOD_SIGNATORY, "content/projects/waste.md": WARNING_PROJECT})
    assert run(root, "validate").stdout.splitlines()[-1] == "0 errors, 1 warning in 1 file (2 files checked)"


def test_exit_code_is_0_when_there_are_only_warnings(make_repo: MakeRepo) -> None:
    root = make_repo({"signatories/gateshead.yml": GOOD_SIGNATORY, "content/projects/waste.md": WARNING_PROJECT})
    assert run(root, "validate").returncode == 0


def test_exit_code_is_1_when_there_are_errors(messy_repo: Path) -> None:
    assert run(messy_repo, "validate").returncode == 1


@pytest.mark.parametrize("args", [("validate", "--nonsense"), ("validate", "--format", "xml"), ("frobnicate",), ()])
def test_exit_code_is_2_on_a_usage_error(messy_repo: Path, args: tuple[str, ...]) -> None:
    result = run(messy_repo, *args)
    assert result.returncode == 2
    assert result.stdout == ""


def test_exit_code_is_2_outside_the_repository_root(messy_repo: Path) -> None:
    result = run(messy_repo / "signatories", "validate")
    assert result.returncode == 2
    assert "repository root" in result.stderr


def test_json_output_lists_every_finding_with_its_fields(messy_repo: Path) -> None:
    findings = json.loads(run(messy_repo, "validate", "--format", "json").stdout)
    assert findings
    for finding in findings:
        assert set(finding) == {"path", "line", "column", "severity", "rule", "message", "hint"}
        assert finding["line"] >= 1 and finding["column"] >= 1
    assert any((f["path"], f["line"], f["column"], f["severity"], f["rule"]) == ("signatories/essex.yml", 3, 1, "error", "date-invalid")
               for f in findings)


def test_github_output_annotates_each_finding_and_writes_a_step_summary(messy_repo: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = run(messy_repo, "validate", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    assert re.search(r"^::error file=signatories/essex\.yml,line=3,col=1,title=date-invalid::.+How to fix: .+$",
                     result.stdout, re.M)
    assert re.search(r"^::warning file=content/projects/waste\.md,line=7,col=\d+,title=link-text-domain::", result.stdout, re.M)
    table = summary.read_text(encoding="utf-8")
    assert "| File | Line | Severity | Problem | How to fix | Rule |" in table
    assert "| `signatories/essex.yml` | 3 | error |" in table


def test_validating_a_changed_file_reports_its_id_clashing_with_an_untouched_file(make_repo: MakeRepo) -> None:
    root = make_repo({
        "content/case-studies/waste.md": "---\ntitle: Waste\nsummary: A case study about waste.\norganisations: [GAT]\nprinciples: [1]\n---\n",
        "content/projects/waste.md": WARNING_PROJECT.replace("Read [example.org](https://example.com).", "Text."),
    })
    for changed in ("content/projects/waste.md", "content/case-studies/waste.md"):
        findings = json.loads(run(root, "validate", "--format", "json", changed).stdout)
        assert [f["rule"] for f in findings] == ["id-duplicate"], (changed, findings)


def test_validating_a_changed_file_reports_its_unknown_organisation(messy_repo: Path) -> None:
    findings = json.loads(run(messy_repo, "validate", "--format", "json", "content/projects/bins.md").stdout)
    assert {(f["path"], f["rule"]) for f in findings} == {("content/projects/bins.md", "ref-unknown-organisation"),
                                                          ("content/projects/bins.md", "schema-enum")}


def test_validating_some_files_does_not_report_problems_in_untouched_unrelated_files(messy_repo: Path) -> None:
    result = run(messy_repo, "validate", "signatories/gateshead.yml")
    assert result.stdout.splitlines() == ["0 errors, 0 warnings in 1 file checked"]
    assert result.returncode == 0


def test_no_message_or_hint_mentions_python_type_names(make_repo: MakeRepo) -> None:
    root = make_repo({
        "signatories/a.yml": "organisation: GAT\nsigned_by: Leader\nco_publisher: [x]\ncommitment: []\nsources: {a: b}\n",
        "signatories/b.yml": "- just\n- a list\n",
        "signatories/c.yml": "organisation:\n  code: [GAT]\nsigned_on: 20190101\ncommitment:\n  title: {a: b}\n  updates: [x, {date: 1}]\n",
        "content/projects/d.md": "---\ntitle: [a]\nsummary: 7\nlead: {x: y}\nprinciples: [{a: 1}, '1', 0]\nfunding: 5\nupdates: x\n---\n",
        "content/projects/e.md": "---\n? [a]\n: b\nid: 3\nservices: [abc]\n---\n",
    })
    findings = json.loads(run(root, "validate", "--format", "json").stdout)
    assert findings
    for finding in findings:
        assert not TYPE_NAMES.search(finding["message"] + " " + finding["hint"]), finding


# ---- localdigital new ------------------------------------------------------------------------

NEW_PROJECT = ("new", "project", "--no-input", "--id", "shared-bins", "--title", "Shared bin collection service",
               "--summary", "Councils building one bin service together.", "--lead", "GAT", "--phase", "alpha",
               "--looking-for-partners", "false")


def test_new_writes_a_project_template_in_the_projects_folder(make_repo: MakeRepo) -> None:
    root = make_repo()
    result = run(root, *NEW_PROJECT)
    assert result.returncode == 0, result.stderr
    assert (root / "content/projects/shared-bins.md").is_file()
    assert "title: Shared bin collection service" in (root / "content/projects/shared-bins.md").read_text(encoding="utf-8")


def test_a_new_project_filled_in_by_flags_validates_with_only_a_warning_to_replace_the_placeholder(make_repo: MakeRepo) -> None:
    root = make_repo()
    run(root, *NEW_PROJECT)
    result = run(root, "validate", "content/projects/shared-bins.md")
    assert "[template-example]" in result.stdout
    assert result.stdout.splitlines()[-1] == "0 errors, 1 warning in 1 file"
    assert result.returncode == 0


def test_new_refuses_to_overwrite_an_existing_file(make_repo: MakeRepo) -> None:
    root = make_repo({"content/projects/shared-bins.md": "mine\n"})
    result = run(root, *NEW_PROJECT)
    assert result.returncode == 2
    assert "already exists" in result.stderr
    assert (root / "content/projects/shared-bins.md").read_text(encoding="utf-8") == "mine\n"


def test_jobs_chooses_how_many_processes_and_any_choice_reports_the_same(messy_repo: Path) -> None:
    outputs = {jobs: run(messy_repo, "validate", "--jobs", jobs) for jobs in ("0", "1", "2")}
    assert {r.returncode for r in outputs.values()} == {1}
    assert len({r.stdout for r in outputs.values()}) == 1 and "error" in outputs["1"].stdout
    assert run(messy_repo, "validate", "--jobs", "many").returncode == 2  # a usage error, said plainly
