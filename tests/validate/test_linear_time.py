"""Every regular expression that reads contributor text runs in linear time (issue 19, item 1).

The patterns are found by introspection (every re.Pattern among the globals of the modules
that read contributor text, and every "pattern" of the JSON schemas), so a pattern added
later is tested without anyone remembering to. Each is fed adversarial strings generated
from its own literal characters and literal runs: long runs of one character, of two
alternating characters, and an opening literal followed by a long run and an unexpected
ending (the shape of "x {" + 8,000 spaces + "x", which kept the validator busy for minutes).
A linear pattern handles each in well under a millisecond; one that backtracks
quadratically or worse takes a large fraction of a second or more.
"""

from __future__ import annotations

import datetime
import contextlib
import json
import re
import signal
import time
from pathlib import Path

import pytest

try:  # Python 3.11+: the parser behind re.compile
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

import importlib
import pkgutil

import localdigital.contribute
import localdigital.load
import localdigital.validate
from localdigital.load.loader import MAX_FILE_BYTES
from localdigital.validate import validate as run_validate
from tests.support import REPO as ROOT

# Every module that reads contributor text: the loader, every rule family, the contributor tools
# (a module added later is covered without a change here).
MODULES = tuple(importlib.import_module(f"{package.__name__}.{info.name}")
                for package in (localdigital.load, localdigital.validate, localdigital.contribute)
                for info in pkgutil.iter_modules(package.__path__)) + (localdigital.validate,)
N = 4000  # long enough that n^2 steps take a visible time, short enough that n steps take none
BUDGET = 0.05  # seconds per call; a linear pattern needs well under a millisecond here
GENERIC = " \t\n\r\x0ba0.-@:<>{}[]()\"'`#=/\\!*_"
ENDINGS = ("", "x", "!", "\n", "\x00", "}", ">", ")", "]", "\"")


class TooSlow(Exception):
    pass


@contextlib.contextmanager
def deadline(seconds: float):
    """Stop the work after seconds (the regex engine checks for signals as it runs), so a test of
    a backtracking pattern fails in seconds instead of running for hours."""
    def stop(_signum, _frame):
        raise TooSlow(f"still running after {seconds}s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _module_patterns() -> list[tuple[str, re.Pattern]]:
    found = []
    for module in MODULES:
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found.append((f"{module.__name__}.{name}", value))
    return found


def _schema_patterns() -> list[tuple[str, re.Pattern]]:
    found = {}

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "pattern" and isinstance(value, str):
                    found.setdefault(value, f"{where}:pattern")
                else:
                    walk(value, where)
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    for path in sorted((ROOT / "schemas").glob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")), path.name)
    return [(where, re.compile(source)) for source, where in found.items()]


PATTERNS = _module_patterns() + _schema_patterns()


def _pieces(pattern: re.Pattern) -> tuple[set[str], set[str]]:
    """The single characters a pattern names (literals and the members of its classes) and its
    runs of literal characters (e.g. '](' or 'title:')."""
    chars: set[str] = set()
    runs: set[str] = set()

    def walk(parsed) -> None:
        run = ""
        for op, argument in parsed:
            name = str(op)
            if name == "LITERAL":
                run += chr(argument)
                chars.add(chr(argument))
                continue
            if len(run) > 1:
                runs.add(run)
            run = ""
            if name == "IN":
                for inner_op, inner in argument:
                    if str(inner_op) == "LITERAL":
                        chars.add(chr(inner))
                    elif str(inner_op) == "RANGE":
                        chars.update((chr(inner[0]), chr(inner[1])))
                    elif str(inner_op) == "CATEGORY":
                        chars.update(" 0a")
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                walk(argument[2])
            elif name in ("SUBPATTERN",):
                walk(argument[-1])
            elif name == "ATOMIC_GROUP":
                walk(argument)
            elif name == "BRANCH":
                for branch in argument[1]:
                    walk(branch)
            elif name in ("ASSERT", "ASSERT_NOT"):
                walk(argument[1])
        if len(run) > 1:
            runs.add(run)

    source = pattern.pattern.decode("latin-1") if isinstance(pattern.pattern, bytes) else pattern.pattern
    walk(sre_parse.parse(source, pattern.flags & ~re.UNICODE if isinstance(pattern.pattern, bytes) else pattern.flags))
    chars = {c for c in chars if c.isprintable() or c in " \t\n\r"}
    return chars, runs


def adversarial(pattern: re.Pattern) -> list[str]:
    chars, runs = _pieces(pattern)
    fillers = sorted(chars | set(" \t\n0a"))
    openers = sorted(chars | runs | set(GENERIC[:6]))
    texts = [c * N for c in fillers]
    texts += [(a + b) * (N // 2) for a in fillers for b in fillers if a < b]
    texts += [opener + filler * N + end for opener in openers for filler in fillers for end in ENDINGS]
    texts += ["a" + c + filler * N + end for c in sorted(chars) for filler in fillers for end in ENDINGS[:4]]
    texts += [(run + " ") * (N // (len(run) + 1)) for run in runs]
    texts += [run * (N // len(run)) + "x" for run in runs]
    return texts


@pytest.mark.parametrize("name,pattern", PATTERNS, ids=[name for name, _ in PATTERNS])
def test_each_pattern_reading_contributor_text_takes_linear_time(name: str, pattern: re.Pattern) -> None:
    as_bytes = isinstance(pattern.pattern, bytes)
    for text in adversarial(pattern):
        subject = text.encode("utf-8") if as_bytes else text
        taken = _time(name, pattern, subject, text)
        if taken >= BUDGET:  # a pause of a busy machine is not slowness: a slow pattern is slow every time
            taken = min(taken, _time(name, pattern, subject, text), _time(name, pattern, subject, text))
        assert taken < BUDGET, f"{name} took {taken:.2f}s on {text[:40]!r}... ({len(text)} characters)"


def _time(name: str, pattern: re.Pattern, subject, text: str) -> float:
    started = time.perf_counter()
    try:
        with deadline(1.0):
            for _match in pattern.finditer(subject):
                pass
    except TooSlow:
        pytest.fail(f"{name} still ran after 1s on {text[:40]!r}... ({len(text)} characters)")
    return time.perf_counter() - started


def test_the_patterns_are_found_by_introspection() -> None:
    names = {name for name, _ in PATTERNS}
    assert "localdigital.validate.safety._ATTR_LIST" in names
    assert "localdigital.contribute.issueform._BOX" in names
    assert any(name.endswith(":pattern") for name in names)  # the schemas' own patterns too


def test_the_generator_catches_a_backtracking_pattern() -> None:
    """The test itself: the pattern that kept the validator busy for minutes is caught."""
    slow = re.compile(r"\{:?\s*([^{}\n]*?)\s*\}")
    texts = adversarial(slow)
    assert any(text.startswith("{") and text.strip("{ ").startswith(("x", "!")) for text in texts)
    started = time.perf_counter()
    slow.search("{" + " " * 400 + "x")
    assert time.perf_counter() - started > 0.002  # already 400 spaces take a while; 4,000 take far longer


# ---- through the real validator: any file under the size cap validates quickly ----------------

HEAD = "---\ntitle: A shared digital waste service\nsummary: Councils building one waste service together.\nlead: GAT\n---\n\n"
ROOM = MAX_FILE_BYTES - len(HEAD) - 64


def _bodies() -> dict[str, str]:
    one_line = {
        "attr-list-spaces": "x {" + " " * ROOM + "x",
        "attr-list-colon-spaces": "x {:" + " " * ROOM + "x",
        "attr-list-tail": "# x {" + " " * ROOM + "} x",
        "attr-list-many-open": "{a" * (ROOM // 2),
        "attr-list-pairs": "{" + "a=" * (ROOM // 2),
        "attr-list-unclosed-quote": "x {: a=\"" + "b " * (ROOM // 2) + "}",
        "raw-html-spaces": "<" + " " * ROOM + "!",
        "raw-html-slash-spaces": "< /" + " " * ROOM,
        "link-unclosed-angle": "](<" * (ROOM // 3),
        "link-spaces": "](" + " " * ROOM + "x",
        "backticks": "` ``" * (ROOM // 4),
        "backtick-ladder": "".join("`" * (i % 50 + 1) + " " for i in range(ROOM // 27)),
        "email-dots": "a@" + "." * ROOM,
        "email-words": "a." * (ROOM // 2) + "@",
        "at-words": "a at " * (ROOM // 5),
        "digits": "0 " * (ROOM // 2),
        "plus44": "+44 " * (ROOM // 4),
        "brackets": "[" * ROOM,
        "image-brackets": "![" * (ROOM // 2),
        "link-text": "[" + "a" * ROOM + "](",
        "autolink": "<a:" + "b" * ROOM,
    }
    many_lines = {
        "fence-spaces": "```" + " " * ROOM + "x{\n",
        "heading-underscores": "## " + "_" * ROOM,
        "reference-defs": "[a]: <" * (ROOM // 6),
        "lines-of-brackets": "{\n" * (ROOM // 2),
        "lines-of-backticks": "`\n" * (ROOM // 2),
    }
    return {**one_line, **many_lines}


@pytest.mark.parametrize("case", sorted(_bodies()))
def test_a_file_under_the_size_cap_validates_in_well_under_a_second(case: str, make_repo) -> None:
    body = _bodies()[case]
    root = make_repo()
    text = (HEAD + body + "\n").encode("utf-8")
    assert len(text) <= MAX_FILE_BYTES
    started = time.perf_counter()
    with deadline(5.0):
        result = run_validate(root, ["content/projects/hostile.md"], overlay={"content/projects/hostile.md": text},
                                   today=datetime.date(2026, 11, 27))
    taken = time.perf_counter() - started
    assert result.files, "nothing was validated"
    assert taken < 1.0, f"{case}: {taken:.2f}s"


@pytest.mark.parametrize("field", ["title", "summary"])
def test_a_front_matter_value_under_the_size_cap_validates_in_well_under_a_second(field: str, make_repo) -> None:
    values = ["a@" + "." * ROOM, "x {" + " " * ROOM + "x", "<" + " " * ROOM, "0 " * (ROOM // 2), "a" + " " * ROOM + "b"]
    root = make_repo()
    for value in values:
        head = HEAD.replace(f"{field}: ", f"{field}: \"{value}\"\n_old_{field}: ", 1)
        text = (head + "Text.\n").encode("utf-8")
        started = time.perf_counter()
        with deadline(5.0):
            run_validate(root, ["content/projects/hostile.md"], overlay={"content/projects/hostile.md": text},
                              today=datetime.date(2026, 11, 27))
        taken = time.perf_counter() - started
        assert taken < 1.0, f"{value[:10]!r}: {taken:.2f}s"


def test_an_issue_body_at_the_size_cap_converts_quickly(tmp_path: Path) -> None:
    from localdigital.contribute.issueform import FORMS, MAX_BODY_BYTES, parse_body, _record, _ticked
    questions = FORMS["case-study"]
    for filler in ("\n", " \n", ",\n", "- [x]\n", "\t" , "1,"):
        body = "### Principles\n\n" + filler * ((MAX_BODY_BYTES - 40) // len(filler))
        started = time.perf_counter()
        with deadline(5.0):
            answers = parse_body(body, questions)
            _record("case-study", answers)
            _ticked(body)
        taken = time.perf_counter() - started
        assert taken < 1.0, f"{filler!r}: {taken:.2f}s"


@pytest.mark.parametrize("case", sorted(_bodies()))
def test_a_file_the_validator_accepts_renders_in_well_under_a_second(case: str, make_repo) -> None:
    """The site's renderer (Python-Markdown with attr_list and fenced_code) has patterns of its own
    that backtrack over long runs of spaces; what it would be slow on is refused at validation."""
    import markdown
    body = _bodies()[case]
    root = make_repo()
    text = HEAD + body + "\n"
    with deadline(5.0):
        result = run_validate(root, ["content/projects/hostile.md"],
                                   overlay={"content/projects/hostile.md": text.encode("utf-8")},
                                   today=datetime.date(2026, 11, 27))
    if any(f.is_error for f in result.findings):
        return  # refused: never rendered
    started = time.perf_counter()
    try:
        with deadline(5.0):
            markdown.markdown(body, extensions=["attr_list", "fenced_code", "tables", "toc"])
    except TooSlow:
        pytest.fail(f"{case}: the validator accepts it, and the renderer still ran after 5s")
    assert time.perf_counter() - started < 1.0, case
