"""Checking a large repository's files in several processes gives the result one process gives
(issue 18; localdigital/validate/parallel.py).

The processes are real (forked), and the repositories are the site's own content and every
invalid example, so every kind of finding crosses from a worker to the parent. The size from
which the work is shared is lowered for these small repositories; nothing else is changed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from localdigital.validate import parallel
from tests.support import EXAMPLES, REPO


# Run in a process of its own: pytest's run may hold other threads (a browser test's server), and
# with another thread running the work is never shared (see parallel.jobs_for), so comparing in
# this process would compare one process with itself.
DIGEST = r"""
import datetime, json, sys
from pathlib import Path
from localdigital.validate import parallel, validate
parallel.PARALLEL_FROM = 1
root, jobs = Path(sys.argv[1]), int(sys.argv[2])
def paths(data, path=()):
    found = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, path + (index,))
    return found
result = validate(root, today=datetime.date(2026, 11, 27), jobs=jobs)
print(json.dumps({
    "processes": parallel.jobs_for(jobs, len(result.records)),
    "findings": [f.as_dict() for f in result.findings],
    "records": [[relpath, r.ctype.name if r.ctype else None, r.valid, r.loaded.data, r.loaded.body, r.loaded.body_line,
                 [f.as_dict() for f in r.loaded.findings], [[list(p), r.loaded.mark(p)] for p in paths(r.loaded.data)]]
                for relpath, r in result.records.items()],
}, default=str))
"""


def checked(root: Path, jobs: int) -> dict:
    done = subprocess.run([sys.executable, "-c", DIGEST, str(root), str(jobs)], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def _same(root: Path) -> dict:
    one, two = checked(root, 1), checked(root, 2)
    assert one["processes"] == 1 and two["processes"] == 2  # the second run really shared its files
    # findings, the repository's order, types, data, bodies and every value's place, whoever checked each file
    assert two["findings"] == one["findings"] and two["records"] == one["records"]
    return one


@pytest.fixture
def two_cores():
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if cores < 2:
        pytest.skip("one core: the work is never shared here")


def test_the_sites_content_checked_in_two_processes_is_checked_as_in_one(two_cores) -> None:
    assert len(_same(REPO)["records"]) > 100


def test_every_invalid_example_is_reported_the_same_from_two_processes(two_cores, tmp_path: Path) -> None:
    from tests.support import lay_repo
    cases = sorted(p for p in (EXAMPLES / "invalid").iterdir() if p.is_dir())
    root = tmp_path / "all"  # every case's files in one repository, each case under its own names
    lay_repo(root)
    copied = 0
    for number, case in enumerate(cases):
        for source in case.rglob("*"):
            relpath = source.relative_to(case).as_posix()
            if source.is_file() and relpath not in ("expect.yml", "select.txt"):
                folder, _, name = relpath.rpartition("/")
                target = root / (folder + "/" if folder else "") / (name if folder.count("/") > 1 else f"x{number}-{name}")
                if not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, target)
                    copied += 1
    one = _same(root)
    assert copied > 100 and len({f["rule"] for f in one["findings"]}) > 30  # many kinds of finding crossed over


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
