"""The summary line says how many files the findings are in, apart from how many were checked."""

from __future__ import annotations

from localdigital.findings import ERROR, WARNING, Finding
from localdigital.report import summary_line


def finding(path: str, severity: str = ERROR) -> Finding:
    return Finding(path, 1, 1, severity, "rule", "message", "hint")


def test_one_error_in_one_of_many_files_is_not_read_as_spread_over_them() -> None:
    assert summary_line([finding("signatories/a.yml")], 83) == "1 error, 0 warnings in 1 file (83 files checked)"


def test_findings_in_every_file_checked_need_no_second_count() -> None:
    assert summary_line([finding("a.yml"), finding("b.yml", WARNING)], 2) == "1 error, 1 warning in 2 files"


def test_no_findings_says_how_many_files_were_checked() -> None:
    assert summary_line([], 83) == "0 errors, 0 warnings in 83 files checked"
