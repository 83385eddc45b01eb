"""Whatever a contributor pastes into a file, the validator answers with findings, never a traceback."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from localdigital.validate import Validator
from tests.support import TODAY, lay_repo

TARGETS = ["signatories/fuzzed.yml", "content/projects/fuzzed.md"]
# The same examples on every run; LOCALDIGITAL_FUZZ=N draws N fresh random ones (see test_fuzz_build.py).
_DEEP = int(os.environ.get("LOCALDIGITAL_FUZZ", "0") or 0)
FUZZ = settings(max_examples=_DEEP or 150, derandomize=not _DEEP, database=None, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text that looks a little like content, so the examples reach past the YAML parser.
yamlish = st.lists(st.sampled_from([
    "---\n", "organisation:\n", "  code: GAT\n", "title: ", "summary: ", "lead: ", "- ", "&a ", "*a ", "!x ", "[", "]",
    "{", "}", ": ", "#", "\t", "\r", "\r\n", "\n", "  ", "'", '"', "<script>", "[x](javascript:y)", "{: onclick=x }",
    "2019-02-30", "07700 900123", "a.b@c.gov.uk", "\ufeff", "\x00", "é", "~", "NO", "012", "?", "|", ">",
]) | st.text(max_size=20), max_size=40).map("".join)


@pytest.fixture(scope="module")
def repo() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield lay_repo(Path(folder))


def assert_only_well_formed_findings(root: Path, relpath: str, raw: bytes) -> None:
    result = Validator(root, overlay={relpath: raw}, today=TODAY).run()
    for finding in result.findings:
        assert finding.path == relpath
        assert finding.line >= 1 and finding.col >= 1
        assert finding.rule and finding.message and finding.hint
        assert finding.severity in ("error", "warning")


@pytest.mark.parametrize("relpath", TARGETS)
@FUZZ
@given(text=st.one_of(yamlish, st.text(max_size=300)))
def test_any_text_in_a_content_file_gives_well_formed_findings(repo: Path, relpath: str, text: str) -> None:
    if relpath.endswith(".md") and not text.startswith("---"):
        text = "---\n" + text
    assert_only_well_formed_findings(repo, relpath, text.encode("utf-8"))


@pytest.mark.parametrize("relpath", TARGETS)
@FUZZ
@given(raw=st.binary(max_size=300))
def test_any_bytes_in_a_content_file_give_well_formed_findings(repo: Path, relpath: str, raw: bytes) -> None:
    assert_only_well_formed_findings(repo, relpath, raw)
