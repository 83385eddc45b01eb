"""Shared fixtures: tiny repositories in temporary folders, built from real schemas and registers."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from tests.support import TODAY, lay_repo, write_files

MakeRepo = Callable[..., Path]


@pytest.fixture
def today() -> datetime.date:
    """The fixed date to pass as validate(..., today=today)."""
    return TODAY


@pytest.fixture
def make_repo(tmp_path: Path) -> MakeRepo:
    """make_repo({"signatories/x.yml": "...", ...}) -> the root of a minimal repository.

    The repository has a copy of schemas/, the registers and the files given. Calling it
    again adds (or replaces) files in the same repository. The registers are read-only
    reference data, so by default registers/ is a link to the real folder: the registers
    are then parsed once per test run (they are cached by path), not once per test.
    Pass copy_registers=True to a test that changes them.
    """
    root = tmp_path / "repo"

    def make(files: Mapping[str, str | bytes] | None = None, copy_registers: bool = False) -> Path:
        if not root.exists():
            lay_repo(root, copy_registers=copy_registers)
        write_files(root, files or {})
        return root

    return make


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, started once for all browser tests (see tests/browser/support.py)."""
    from tests.browser.support import chromium_missing, launch_chromium
    missing = chromium_missing()
    if missing:
        pytest.skip(missing)
    with launch_chromium() as chromium:
        yield chromium
