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
