"""Part of the site drawn in a second process while this one draws the rest (issue 18).

Every renderer waits for the emitted site, so while this process emits, a core is idle: at
5,000 items, for four seconds. `Beside(draw)` forks a child that calls draw() (a pure function
of the model, read from the copy fork makes) and sends its result back by pickle through a
pipe; this process goes on meanwhile, and `result()` collects it. Nothing the child does can
reach this process but what it sends.

Forked only where it is safe and pays: on a platform with fork, with no other thread running
(a lock another thread held would stay held in the child: mkdocs serve runs threads), and when
the caller says the part is large enough. If the child dies, sends nothing, or sends what
cannot be read, draw() runs here instead: the site is the same either way
(tests/emit/test_fork.py).
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


class Beside(Generic[T]):
    """draw() started in a forked child when fork is asked for and safe; result() gives its value."""

    def __init__(self, draw: Callable[[], T], fork: bool = True) -> None:
        self.draw, self.child, self.reading = draw, None, None
        if not fork or not can_fork():
            return
        reading, writing = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process could be started: drawn here
            os.close(reading)
            os.close(writing)
            return
        if pid == 0:  # the child: draw, send, and leave without running anything of the parent's
            status = 1
            try:
                os.close(reading)
                with os.fdopen(writing, "wb") as pipe:
                    pickle.dump(draw(), pipe, protocol=pickle.HIGHEST_PROTOCOL)
                status = 0
            finally:
                os._exit(status)
        os.close(writing)
        self.child, self.reading = pid, reading

    def result(self) -> T:
        if self.child is None:
            return self.draw()
        value, ok = None, False
        try:
            with os.fdopen(self.reading, "rb") as pipe:
                value, ok = pickle.load(pipe), True
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError, TypeError):
            ok = False
        finally:
            _pid, status = os.waitpid(self.child, 0)
            self.child = None
        return value if ok and status == 0 else self.draw()
