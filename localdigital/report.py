"""Reporters: findings to text, GitHub workflow annotations and a step summary, or JSON.

Checking is kept apart from reporting (as in check-jsonschema): the validator fills a
list of findings; these functions only turn it into output.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable

from .findings import Finding


def _files(n: int) -> str:
    return f"{n} file{'s' if n != 1 else ''}"


def summary_line(findings: list[Finding], files: int) -> str:
    """`N errors, M warnings in K files`: K is the files the findings are in, with how many were
    checked beside it when that differs, so one error is not read as spread over every file."""
    errors = sum(1 for f in findings if f.is_error)
    warnings = len(findings) - errors
    counts = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    if not findings:
        return f"{counts} in {_files(files)} checked"
    concerned = len({f.path for f in findings})
    return f"{counts} in {_files(concerned)}" + (f" ({_files(files)} checked)" if concerned != files else "")


def as_text(findings: list[Finding], files: int) -> Iterable[str]:
    for f in findings:
        yield f"{f.path}:{f.line}:{f.col}: {f.severity}: {f.message} [{f.rule}]"
        yield f"  how to fix: {f.hint}"
    yield summary_line(findings, files)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(findings: list[Finding], files: int) -> Iterable[str]:
    """Workflow commands: one annotation per finding, shown on the line in the pull request."""
    for f in findings:
        command = "error" if f.is_error else "warning"
        yield (f"::{command} file={_escape_property(f.path)},line={f.line},col={f.col},"
               f"title={_escape_property(f.rule)}::{_escape_data(f.message + '. How to fix: ' + f.hint)}")
    yield summary_line(findings, files)


# Every character that can start Markdown or HTML in a table cell, and ':', '.' and '@', which start
# GitHub's bare autolinks (https://..., www...., name@host): each is written with a backslash.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-!|@~:.&=])")
_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]++")
_BACKTICKS = re.compile(r"`++")


def markdown_text(text: str) -> str:
    """Text from a contributor (a message quotes titles, paths and values) shown as text in Markdown:
    no link, image, HTML, emphasis, autolink or @mention, and on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _LINE_BREAKS.sub(" ", text))


def markdown_code(text: str) -> str:
    """A path as a code span in a table cell: on one line, the fence longer than any run of
    backticks in it, and '|' escaped (GitHub reads a table's cells before the code spans in them)."""
    text = _LINE_BREAKS.sub(" ", text).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def step_summary(findings: list[Finding], files: int) -> str:
    """A Markdown table of every finding for the job's summary page."""
    lines = ["## Content check", "", summary_line(findings, files), ""]
    if findings:
        lines += ["| File | Line | Severity | Problem | How to fix | Rule |", "|---|---|---|---|---|---|"]
        lines += [f"| {markdown_code(f.path)} | {f.line} | {f.severity} | {markdown_text(f.message)} | "
                  f"{markdown_text(f.hint)} | {markdown_code(f.rule)} |" for f in findings]
    else:
        lines.append("Every file passed.")
    return "\n".join(lines) + "\n"


def as_json(findings: list[Finding], files: int) -> str:
    return json.dumps([f.as_dict() for f in findings], indent=2, ensure_ascii=False)


def write_step_summary(findings: list[Finding], files: int) -> None:
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(step_summary(findings, files))
