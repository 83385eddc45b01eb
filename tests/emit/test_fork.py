"""Part of the site drawn in a second process while the rest is drawn (emit/fork.py): the
site is the same, in the same order, whether it is forked or not, and a child that fails or
cannot be forked safely leaves the drawing to this process.

Forking is refused while another thread runs, and in the whole suite other tests' threads may
still be running here: the checks that need a fork run in a fresh process of their own."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from localdigital.emit.fork import Beside

ROOT = Path(__file__).resolve().parents[2]


def _run_alone(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_part_is_drawn_in_a_child_process_and_comes_back() -> None:
    said = _run_alone("""
        import os
        from localdigital.emit.fork import Beside
        drawn = Beside(lambda: {"pid": os.getpid(), "pages": {"a.md": "# A"}})
        assert drawn.child is not None
        value = drawn.result()
        assert value["pid"] != os.getpid() and value["pages"] == {"a.md": "# A"}
        print("drawn in", "a child" if value["pid"] != os.getpid() else "here")
    """)
    assert said == "drawn in a child"


def test_a_child_that_fails_leaves_the_drawing_to_this_process() -> None:
    said = _run_alone("""
        import os
        from localdigital.emit.fork import Beside
        here = os.getpid()
        def draw():
            if os.getpid() != here:
                raise RuntimeError("the child fails")  # its status is 1 and it sends nothing
            return "drawn here"
        drawn = Beside(draw)
        assert drawn.child is not None
        print(drawn.result())
    """)
    assert said == "drawn here"


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


def test_the_site_is_the_same_forked_or_not(tmp_path: Path) -> None:
    said = _run_alone(f"""
        from pathlib import Path
        import localdigital.emit as emit
        from localdigital.emit.fork import Beside
        from localdigital.model import build_model
        from localdigital.validate import validate
        from tests.assessment_fixture import FILES
        from tests.support import TODAY, make_site_repo
        root = make_site_repo(Path({str(tmp_path / "repo")!r}), FILES)
        result = validate(root, today=TODAY)
        assert not result.errors, result.errors
        model = build_model(result, {{}}, today=TODAY)
        emit.FORK_FROM = 1  # the fixture has a few assessments, not FORK_FROM
        forked, forks = [], Beside.__init__
        def counting(self, draw, fork=True):
            forks(self, draw, fork)
            forked.append(self.child is not None)
        Beside.__init__ = counting
        together = emit.emit_site(model, root, fork=False)
        beside = emit.emit_site(model, root)
        assert forked == [False, True], forked
        assert list(beside) == list(together) and beside == together
        assert any(path.startswith("self-assessments/") for path in beside)
        assert any(path.startswith("feeds/councils/") for path in beside)
        print(len(beside), "outputs, the same")
    """)
    assert said.endswith("outputs, the same")
