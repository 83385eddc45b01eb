"""Pins for the mutation survivors named in issue 19 (item 9).

Each test checks the behaviour, then applies the mutation that survived before (by monkeypatching
the one piece it changes) and checks that the behaviour is then lost: so the test really is the
one that kills that mutant, and will keep killing it.
"""

from __future__ import annotations

import re

import pytest

from localdigital.validate import safety


def rules(body: str) -> list[tuple[int, str]]:
    found = []
    safety.check_markdown(body, 1, "projects/x.md", lambda line, col, sev, rule, msg, hint: found.append((line, rule, msg)),
                          lambda path: True)
    return found


HEADING = "# Heading {: title='}' onclick=alert(1) }"


def test_the_heading_tail_attribute_list_is_read_whole(monkeypatch) -> None:
    """attr_list takes a heading's attributes from the first ' {' to the last '}', so the '}' inside
    the quoted title does not end the list: onclick is set. The first {...} alone ends at that '}'."""
    assert any(rule == "attr-list-unsafe" and "'onclick'" in msg for _l, rule, msg in rules(HEADING))
    monkeypatch.setattr(safety, "attr_tail", lambda text: None)  # the mutant: no heading-tail check
    assert not any("'onclick'" in msg for _l, _rule, msg in rules(HEADING))


def test_the_heading_tail_is_what_the_renderer_reads() -> None:
    import markdown
    html = markdown.markdown(HEADING, extensions=["attr_list"])
    assert "onclick" in html  # the renderer really sets it: the validator must refuse it


FENCE_WITH_HTML_INFO = "~~~ <img src=x onerror=alert(1)>\n<b>code</b>\n~~~"


def test_a_fence_opening_that_is_not_a_fence_for_the_renderer_is_checked(monkeypatch) -> None:
    """CommonMark reads '~~~ <img ...>' as a fence with an info string; Python-Markdown's fenced_code
    does not (its opening line must end after the language), so it renders the <img>. The end
    anchor of _PY_FENCE_OPEN is what tells the two apart (the opening line is checked either way: the
    lines after it are what a fence would hide)."""
    assert (2, "markdown-raw-html") in [(l, r) for l, r, _m in rules(FENCE_WITH_HTML_INFO)]
    unanchored = re.compile(safety._PY_FENCE_OPEN.pattern.removesuffix("$"))
    monkeypatch.setattr(safety, "_PY_FENCE_OPEN", unanchored)  # the mutant: no end anchor
    assert (2, "markdown-raw-html") not in [(l, r) for l, r, _m in rules(FENCE_WITH_HTML_INFO)]


@pytest.mark.parametrize("body", [FENCE_WITH_HTML_INFO, "Text\n\n```js\n<img src=x onerror=alert(1)>\n````",
                                  "Text\n\n```\n<img src=x onerror=alert(1)>"])
def test_the_renderer_really_passes_that_html_through(body: str) -> None:
    import markdown
    assert "<img src=x onerror" in markdown.markdown(body, extensions=["fenced_code"]).replace('"', "")


@pytest.mark.parametrize("body,line", [
    ("Text\n\n```\n<img src=x onerror=alert(1)>", 4),  # a fence never closed: its last line is not code
    ("```\n<img src=x onerror=alert(1)>", 2),
    ("```", None),  # a one-line fence at the end: nothing in it, nothing reported
    ("Text\n\n```js\n<img src=x onerror=alert(1)>\n````", 4),  # closed by a longer fence for CommonMark only
])
def test_a_fenced_last_line_is_checked_unless_both_readers_close_the_fence(body: str, line: int | None, monkeypatch) -> None:
    got = [l for l, r, _m in rules(body) if r == "markdown-raw-html"]
    assert got == ([line] if line else [])
    if line is None:
        return

    def no_closing_check(lines, span):  # the mutant: the closing line is not compared with the opening
        return bool(span) and bool(safety._PY_FENCE_OPEN.match(lines[span[0]]))

    monkeypatch.setattr(safety, "_fenced_alike", no_closing_check)
    assert not [l for l, r, _m in rules(body) if r == "markdown-raw-html"]


@pytest.mark.parametrize("phone", ["+44 7700 900123", "+447700900123", "+44 (0)7700 900123", "0044 7700 900123"])
def test_international_44_numbers_are_phone_numbers(phone: str, monkeypatch) -> None:
    assert [r for _l, r, _m in rules(f"Ring {phone}.") if r == "personal-phone"]
    original = safety._phone_numbers

    def no_international(text):  # the mutant: only numbers starting with 0 are read
        return [offset for offset in original(text) if not text[offset:].startswith(("+", "00"))]

    monkeypatch.setattr(safety, "_phone_numbers", no_international)
    assert not [r for _l, r, _m in rules(f"Ring {phone}.") if r == "personal-phone"]


@pytest.mark.parametrize("phone", ["07700-900-123", "07700-900123", "020-7946-0000"])
def test_hyphenated_numbers_are_phone_numbers(phone: str, monkeypatch) -> None:
    assert [r for _l, r, _m in rules(f"Ring {phone}.") if r == "personal-phone"]
    monkeypatch.setattr(safety, "_PHONE_RUN", re.compile(safety._PHONE_RUN.pattern.replace("\\-", "")))  # no hyphens
    assert not [r for _l, r, _m in rules(f"Ring {phone}.") if r == "personal-phone"]
