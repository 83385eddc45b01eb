"""Part of the site drawn in a second process while the rest is drawn (emit/fork.py): the
site is the same, in the same order, whether it is forked or not, and a child that fails or
cannot be forked safely leaves the drawing to this process."""

from __future__ import annotations

import os
import threading

import localdigital.emit as emit
from localdigital.emit.fork import Beside
from localdigital.model import build_model
from localdigital.validate import validate
from tests.assessment_fixture import FILES


def test_the_part_is_drawn_in_a_child_process_and_comes_back() -> None:
    here = os.getpid()
    drawn = Beside(lambda: {"pid": os.getpid(), "pages": {"a.md": "# A"}})
    assert drawn.child is not None  # forked: no other thread runs in this test
    value = drawn.result()
    assert value["pid"] != here and value["pages"] == {"a.md": "# A"}


def test_a_child_that_fails_leaves_the_drawing_to_this_process() -> None:
    here = os.getpid()

    def draw():
        if os.getpid() != here:
            raise RuntimeError("the child fails")  # its status is 1 and it sends nothing
        return "drawn here"

    drawn = Beside(draw)
    assert drawn.child is not None
    assert drawn.result() == "drawn here"


def test_nothing_is_forked_while_another_thread_runs() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        drawn = Beside(os.getpid)
        assert drawn.child is None and drawn.result() == os.getpid()
    finally:
        stop.set()
        other.join()


def test_the_site_is_the_same_forked_or_not(make_repo, today, monkeypatch) -> None:
    root = make_repo(FILES)
    result = validate(root, today=today)
    assert not result.errors, result.errors
    model = build_model(result, {}, today=today)
    monkeypatch.setattr(emit, "FORK_FROM", 1)  # the fixture has a few assessments, not FORK_FROM
    forked, forks = [], Beside.__init__

    def counting(self, draw, fork=True):
        forks(self, draw, fork)
        forked.append(self.child is not None)

    monkeypatch.setattr(Beside, "__init__", counting)
    together = emit.emit_site(model, root, fork=False)
    beside = emit.emit_site(model, root)
    assert forked == [False, True]
    assert list(beside) == list(together) and beside == together
    assert any(path.startswith("self-assessments/") for path in beside)
    assert any(path.startswith("feeds/councils/") for path in beside)
