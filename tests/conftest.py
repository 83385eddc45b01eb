"""Shared fixtures: tiny repositories in temporary folders, built from real schemas and registers."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = Path(__file__).resolve().parent / "example-files"
# A fixed "today" so that date rules (date-future) give the same answer on every day.
TODAY = datetime.date(2026, 11, 27)

MakeRepo = Callable[..., Path]


@pytest.fixture
def today() -> datetime.date:
    """The fixed date to pass as validate(..., today=today)."""
    return TODAY


def write_files(root: Path, files: Mapping[str, str | bytes]) -> None:
    """Write files (text as UTF-8 exactly as given, line endings untouched; bytes as they are)."""
    for relpath, content in files.items():
        target = root / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def lay_repo(root: Path, files: Mapping[str, str | bytes] | None = None, copy_registers: bool = False) -> Path:
    """A minimal repository at root: a copy of schemas/, the registers (linked unless copied)
    and the files given. Module-scoped fixtures (hypothesis cannot use per-test ones) call it too."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "schemas", root / "schemas")
    if copy_registers:
        shutil.copytree(REPO / "registers", root / "registers")
    else:
        (root / "registers").symlink_to(REPO / "registers", target_is_directory=True)
    write_files(root, files or {})
    return root


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
    """Debian's Chromium, started once for all browser tests (see tests/browser_support.py)."""
    from tests.browser_support import chromium_missing, launch_chromium
    missing = chromium_missing()
    if missing:
        pytest.skip(missing)
    with launch_chromium() as chromium:
        yield chromium
