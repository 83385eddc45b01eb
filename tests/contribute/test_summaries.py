"""Job summaries show contributor text as text (issue 19 item 7).

The validator's step summary (report.step_summary, written by `--format github`) and the review
summary (review.py, appended by the check workflow) quote titles, paths and values a contributor
wrote. Rendered as GitHub renders Markdown, none may become a link, image, HTML, autolink or
@mention, or break out of its table cell or list line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from localdigital import report
from localdigital.contribute import review
from localdigital.findings import Finding

HOSTILE = [
    "[All checks passed, approved by maintainers](https://evil.example/approve)",
    "![tracker](https://evil.example/pixel.png)",
    "<img src=x onerror=alert(1)>", "<a href='https://evil.example'>approved</a>",
    "https://evil.example/bare", "www.evil.example", "ask maintainer@evil.example", "cc @maintainers",
    "**approved** _by_ `maintainers`", "a | b | c", "line one\n## Approved\nline three", "&lt;b&gt;entity&lt;/b&gt;",
    "[x]: https://evil.example/ref\n[approved][x]", "<https://evil.example/auto>",
]
RENDER = MarkdownIt("commonmark").enable("table")


def rendered(markdown: str) -> str:
    return RENDER.render(markdown)


def bare_autolinks(markdown: str) -> list[str]:
    """What GitHub's autolink extension would link outside code spans: https://, www. and name@host
    not written with a backslash."""
    markdown = re.sub(r"(`+)(?:(?!\1).)*?\1", " ", markdown)
    return re.findall(r"(?<!\\)(?:https?(?<!\\):(?=//)|(?<![\\\w])www\.(?=\w)|(?<=\w)@(?=\w))", markdown)


@pytest.mark.parametrize("text", HOSTILE)
def test_a_finding_quoting_hostile_text_is_text_in_the_step_summary(text: str) -> None:
    finding = Finding(f"content/projects/{text}.md", 3, 1, "warning", "title-near-duplicate", f"'{text}' is much the same", text)
    summary = report.step_summary([finding], 1)
    html = rendered(summary)
    assert "<a " not in html and "<img" not in html and "<h2>Approved" not in html, html
    assert "<strong>" not in html and "<em>" not in html
    assert not bare_autolinks(summary.split("\n", 5)[-1]), summary
    rows = [line for line in summary.splitlines() if line.startswith("| ")]
    assert len(rows) == 2  # the header and one finding: nothing broke out of the row
    cells = re.split(r"(?<!\\)\|", rows[1])
    assert len(cells) == 8, rows[1]


def test_the_step_summary_still_reads_as_a_table_of_plain_findings() -> None:
    finding = Finding("signatories/essex.yml", 3, 1, "error", "date-invalid", "'signed_on': 2019-02-30 is not a real date", "check it")
    html = rendered(report.step_summary([finding], 1))
    assert "<td><code>signatories/essex.yml</code></td>" in html
    assert "'signed_on': 2019-02-30 is not a real date" in html


@pytest.mark.parametrize("text", HOSTILE)
def test_the_review_summarys_text_and_code_helpers_show_hostile_text_as_text(text: str) -> None:
    for piece in (f"- {review._md(text)}", f"- {review._code(text)}: changed"):
        html = rendered(piece)
        assert "<a " not in html and "<img" not in html and "<h2>" not in html, html
        assert html.count("<li>") == 1, html


def test_every_contributor_value_in_the_review_summary_goes_through_a_helper() -> None:
    """The review summary's lines are built in summarise(): each interpolated value is either a
    count or a label of ours, or passes through _md or _code."""
    source = Path(review.__file__).read_text(encoding="utf-8")
    body = source[source.index("def summarise("):source.index("def near_duplicates(")]
    allowed = re.compile(r"^(_md|_code)\(|^(len\(|item\.ctype\.label|new\.ctype\.label)")
    for line in re.findall(r'f"[^"\n]*"', body):
        for expression in re.findall(r"\{([^{}]+)\}", line):
            assert allowed.match(expression), f"{expression} in {line} is not escaped"


def test_the_workflows_write_summaries_only_through_these_helpers() -> None:
    workflows = Path(__file__).resolve().parent.parent / ".github" / "workflows"
    for path in workflows.glob("*.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "GITHUB_STEP_SUMMARY" in line and ">>" in line:
                assert "python -m localdigital.review" in line, f"{path.name}: {line.strip()}"
