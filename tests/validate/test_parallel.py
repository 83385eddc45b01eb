"""Checking a large repository's files in several processes gives the result one process gives
(issue 18; localdigital/validate/parallel.py).

The processes are real (forked), and the repositories are the site's own content and every
invalid example, so every kind of finding crosses from a worker to the parent. The size from
which the work is shared is lowered for these small repositories; nothing else is changed.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from localdigital.validate import parallel, validate
from tests.support import EXAMPLES, REPO, TODAY


def _same(one, two) -> None:
    assert two.findings == one.findings
    assert list(two.records) == list(one.records)  # the repository's order, whoever checked each file
    for relpath, record in one.records.items():
        other = two.records[relpath]
        assert other.ctype is record.ctype, relpath  # the parent's own content types (rules compare them by identity)
        assert (other.valid, other.loaded.data, other.loaded.body, other.loaded.body_line, other.loaded.findings) == \
               (record.valid, record.loaded.data, record.loaded.body, record.loaded.body_line, record.loaded.findings), relpath
        for path in _paths(record.loaded.data):  # places, deeper ones read when asked for
            assert other.loaded.mark(path) == record.loaded.mark(path), (relpath, path)


def _paths(data: object, path: tuple = ()) -> list[tuple]:
    found = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, path + (index,))
    return found


@pytest.fixture
def share_from_one_file(monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)


def test_the_sites_content_checked_in_two_processes_is_checked_as_in_one(share_from_one_file) -> None:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if cores < 2:
        pytest.skip("one core: the work is never shared here")
    assert parallel.jobs_for(2, 100) == 2  # so the run below really uses a second process
    one = validate(REPO, today=TODAY, jobs=1)
    two = validate(REPO, today=TODAY, jobs=2)
    assert len(one.records) > 100
    _same(one, two)


def test_every_invalid_example_is_reported_the_same_from_two_processes(share_from_one_file, tmp_path: Path) -> None:
    from tests.support import lay_repo
    cases = sorted(p for p in (EXAMPLES / "invalid").iterdir() if p.is_dir())
    with_findings = 0
    for number, case in enumerate(cases):
        root = tmp_path / str(number)
        lay_repo(root)
        for source in case.rglob("*"):
            relpath = source.relative_to(case).as_posix()
            if source.is_file() and relpath not in ("expect.yml", "select.txt"):
                (root / relpath).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, root / relpath)
        one = validate(root, today=TODAY, jobs=1)
        with_findings += bool(one.findings)
        _same(one, validate(root, today=TODAY, jobs=2))
    assert with_findings > 50  # (a few cases need their own date or selection to show theirs)


def test_the_work_is_shared_only_where_it_is_safe_and_worth_it() -> None:
    assert parallel.jobs_for(1, 100_000) == 1  # asked for one process
    assert parallel.jobs_for(0, parallel.PARALLEL_FROM - 1) == 1  # too few files to be worth a process
    assert parallel.jobs_for(64, 100_000) <= parallel.MAX_JOBS
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert parallel.jobs_for(2, 100_000) == 1  # a thread is running (as under mkdocs serve): no fork
    finally:
        stop.set()
        other.join()
