"""scripts/bench's measuring: rounds alternate their order, and the ratio is taken round by round."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_bench():
    loader = importlib.machinery.SourceFileLoader("bench_under_test", str(ROOT / "scripts" / "bench"))
    spec = importlib.util.spec_from_loader("bench_under_test", loader)
    bench = importlib.util.module_from_spec(spec)
    loader.exec_module(bench)
    return bench


def test_rounds_reverse_their_order_so_ours_and_its_baseline_always_run_side_by_side(tmp_path: Path) -> None:
    bench = load_bench()
    log = tmp_path / "log"
    named = {name: [[sys.executable, "-c", f"open({str(log)!r}, 'a').write({name!r} + ' ')"]] for name in ("ours", "base", "other")}
    medians = bench.measure(named, tmp_path, 3)
    assert log.read_text().split() == ["ours", "base", "other", "other", "base", "ours", "ours", "base", "other"]
    assert set(medians) == set(named) and all(len(bench.ROUNDS[name]) == 3 for name in named)


def test_the_ratio_is_the_median_of_each_rounds_ratio() -> None:
    # A slow spell in the second round: ours and the baseline both took longer in it. Taken
    # round by round the ratio is 2; the medians taken apart (4 s against 1 s) would say 4.
    bench = load_bench()
    bench.ROUNDS.update({"ours": [10.0, 2.0, 4.0], "base": [5.0, 1.0, 1.0]})
    assert bench.paired_ratio("ours", "base") == 2.0
    assert bench.round_ratios("ours", "base") == [2.0, 2.0, 4.0]
    assert bench.paired_ratio("ours", "missing") is None


def test_each_rounds_processor_time_is_kept_with_its_children(tmp_path: Path) -> None:
    # The build's processor time includes its renderers', Pagefind's and the audit's: a command
    # whose only work is done by a child it waits for is charged with that child's time.
    bench = load_bench()
    burn = "import time; t = time.process_time(); exec('while time.process_time() - t < 0.2: pass')"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {burn!r}], check=True)"
    named = {"ours": [[sys.executable, "-c", parent]], "base": [[sys.executable, "-c", "pass"]]}
    bench.measure(named, tmp_path, 2)
    assert len(bench.PROCESSOR["ours"]) == 2
    assert all(user + system >= 0.2 for user, system in bench.PROCESSOR["ours"])
    assert all(user + system < 0.2 for user, system in bench.PROCESSOR["base"])
    seconds = bench.processor_seconds("ours")
    assert set(seconds) == {"user_seconds", "system_seconds"} and seconds["user_seconds"] + seconds["system_seconds"] >= 0.2
    assert bench.processor_seconds("missing") == {}


def test_a_sites_files_and_folders_are_counted(tmp_path: Path) -> None:
    bench = load_bench()
    (tmp_path / "site/a/b").mkdir(parents=True)
    for name in ("index.html", "a/index.html", "a/b/index.html", "a/b/data.json"):
        (tmp_path / "site" / name).write_text("x")
    assert bench.entries(tmp_path / "site") == (4, 2)
