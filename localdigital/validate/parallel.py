"""The per-file checks of a large repository, shared between processes (issue 18).

Each content file is read, loaded, checked against its schema and for safety on its own; only
the rules across files need them all. With thousands of files and more than one core, the
files are dealt out in turn to forked worker processes and this one, and the records come back
by pickle, to be put in the repository's order again: the result is the same as one process
gives (tests/validate/test_parallel.py compares them finding for finding).

Forking copies this process, registers, schemas and all, so nothing is loaded twice. It is
used only where that is safe: on a platform with fork, when no other thread is running (a
thread holding a lock when the process forks would leave the lock held in the child: mkdocs
serve runs threads, so its hook validates in one process), and for at least PARALLEL_FROM files,
below which starting a process costs more than it saves.
"""

from __future__ import annotations

import os
import threading

from ..load.loader import Loaded
from .records import Record

PARALLEL_FROM = 1500  # files to check in full; below this one process is as fast
MAX_JOBS = 4  # past this the rules across files, which run in one process, dominate

_forked: tuple | None = None  # what a worker inherits: set just before the workers are forked


def jobs_for(requested: int, files: int) -> int:
    """How many processes to check files in: requested (0: one per core, at most MAX_JOBS), or 1
    when the repository is small, fork is not available, or another thread is running."""
    if requested == 1 or files < PARALLEL_FROM:
        return 1
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(requested or cores, cores, MAX_JOBS))


def _check_part(part: int) -> tuple[list[tuple], list]:
    """In a worker: check the files of one part; what was loaded and whether it is valid (the
    content type stays behind: rules compare types by identity, so the parent's own are used),
    and findings about files it could not read."""
    validator, parts, schemas, exists, selected = _forked
    before = len(validator.result.findings)
    done = []
    for relpath, ctype in parts[part]:
        record = validator.check_file(relpath, ctype, schemas, exists, selected)
        if record is not None:
            done.append((relpath, record.valid, *(getattr(record.loaded, name) for name in _LOADED)))
    return done, validator.result.findings[before:]


# Loaded's fields, sent as a plain tuple: a dataclass with slots unpickles field by field in
# Python, which doubled the time the records took to arrive.
_LOADED = tuple(name for name in Loaded.__slots__ if name != "path")


def check_in_parts(validator, pending: list, schemas, exists, selected, jobs: int) -> dict[str, Record]:
    """validator.check_file (a validate.Validator's) for every pending file, in jobs processes (this one among them)."""
    global _forked
    import multiprocessing  # here, not at the top: most runs never share the work, and these take a while to import
    from concurrent.futures import ProcessPoolExecutor
    parts = [pending[index::jobs] for index in range(jobs)]  # dealt in turn, so each part has every kind of file
    _forked = (validator, parts, schemas, exists, selected)
    checked: dict[str, Record] = {}
    try:
        with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_check_part, part) for part in range(1, jobs)]
            for relpath, ctype in parts[0]:  # this process takes the first part meanwhile
                record = validator.check_file(relpath, ctype, schemas, exists, selected)
                if record is not None:
                    checked[relpath] = record
            types = dict(pending)
            for future in futures:
                done, findings = future.result()
                for relpath, valid, *fields in done:
                    loaded = Loaded(relpath, **dict(zip(_LOADED, fields, strict=True)))
                    checked[relpath] = Record(relpath, types[relpath], loaded, valid)
                validator.result.findings.extend(findings)
    finally:
        _forked = None
    return checked
