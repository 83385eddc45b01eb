"""Validating a pull request's files: untouched files are skimmed, yet every rule that touches the
changed files still runs."""

from __future__ import annotations

from localdigital.validate import validate

ESSEX = "organisation:\n  code: ESS\n"
PROJECT = "---\ntitle: {title}\nsummary: A project that councils build together.\n{extra}---\n\nText.\n"


def rules(result) -> set[tuple[str, str]]:
    return {(f.path, f.rule) for f in result.findings}


def test_a_second_signatory_file_for_the_same_council_is_caught_against_an_untouched_one(make_repo, today) -> None:
    root = make_repo({"signatories/essex.yml": ESSEX, "signatories/essex-county-council.yml": ESSEX})
    result = validate(root, ["signatories/essex.yml"], today=today)
    assert ("signatories/essex.yml", "signatory-duplicate") in rules(result)


def test_a_changed_title_is_compared_with_untouched_titles(make_repo, today) -> None:
    root = make_repo({
        "content/projects/missed-bins.md": PROJECT.format(title="Reporting missed bin collections online", extra=""),
        "content/projects/missed-bin-reports.md": PROJECT.format(title="Reporting missed bin collections", extra=""),
    })
    result = validate(root, ["content/projects/missed-bin-reports.md"], today=today)
    assert ("content/projects/missed-bin-reports.md", "title-near-duplicate") in rules(result)


def test_deleting_a_file_reports_the_untouched_files_that_still_refer_to_it(make_repo, today) -> None:
    root = make_repo({
        "content/projects/alpha.md": PROJECT.format(title="Waste alpha", extra="related: [waste-beta]\n"),
        "content/projects/other.md": PROJECT.format(title="Something else entirely", extra=""),
    })
    result = validate(root, ["content/projects/waste-beta.md"], today=today)  # the pull request deleted it
    assert ("content/projects/alpha.md", "ref-unknown-item") in rules(result)
    assert all(f.path != "content/projects/other.md" for f in result.findings)


def test_problems_of_untouched_unrelated_files_are_not_reported(make_repo, today) -> None:
    root = make_repo({
        "content/projects/broken.md": PROJECT.format(title="Broken", extra="phase: Beta\n"),
        "content/projects/fine.md": PROJECT.format(title="A fine project", extra=""),
    })
    assert validate(root, ["content/projects/fine.md"], today=today).findings == []
    assert ("content/projects/broken.md", "schema-enum") in rules(validate(root, today=today))


def test_a_kept_memo_gives_the_same_findings_and_sees_an_edit(make_repo, today) -> None:
    import os
    root = make_repo({
        "content/projects/alpha.md": PROJECT.format(title="Waste alpha", extra="related: [beta]\n"),
        "content/projects/beta.md": PROJECT.format(title="A fine project", extra="phase: Beta\n"),
    })
    memo: dict = {}
    first = validate(root, today=today, memo=memo)
    again = validate(root, today=today, memo=memo)
    assert again.findings == first.findings and ("content/projects/beta.md", "schema-enum") in rules(again)
    beta = root / "content/projects/beta.md"
    beta.write_text(PROJECT.format(title="A fine project", extra="phase: beta\n"), encoding="utf-8")
    os.utime(beta, ns=(beta.stat().st_atime_ns, beta.stat().st_mtime_ns + 10**9))
    assert rules(validate(root, today=today, memo=memo)) == set()
    beta.unlink()  # the list of files changed: alpha's reference breaks, and is seen
    assert ("content/projects/alpha.md", "ref-unknown-item") in rules(validate(root, today=today, memo=memo))
