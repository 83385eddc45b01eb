"""Findings: what the validator says about a file, and where.

A finding is plain data (path, line, column, severity, rule id, message, how to fix);
reporters in `report.py` turn a list of them into text, GitHub annotations or JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    path: str  # relative to the repository root, with forward slashes
    line: int  # from 1; a finding about a whole file says line 1
    col: int  # from 1
    severity: str  # ERROR or WARNING
    rule: str  # stable rule id, e.g. "schema-required"
    message: str  # plain English: what is wrong
    hint: str  # plain English: how to fix it

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["column"] = data.pop("col")
        return data


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Sorted by path, then line and column; duplicates (same place, rule and message) dropped."""
    return sorted(set(findings), key=lambda f: (f.path, f.line, f.col, f.severity != ERROR, f.rule, f.message))
