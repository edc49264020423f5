"""benchmarks/run.py's verdict: the median of each run's ratio to the baseline run beside it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"


def load_run():
    spec = importlib.util.spec_from_file_location("benchmark_run", RUN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module     # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_a_slow_spell_that_hits_both_of_a_pair_does_not_move_the_verdict():
    run = load_run()
    # The machine slowed down for the third run of svassess and the run beside it, and for
    # the fourth and fifth pairs: each pair is even, though svassess's median is twice.
    row = run.Row("example", ours=[0.1, 0.1, 0.2, 0.2, 0.2], base=[0.1, 0.1, 0.1, 0.2, 0.2],
                  target=1.15)
    assert row.ratio_of_medians == 2.0
    assert row.ratio == 1.0
    assert row.cells()[-1] == "ok" and row.cells()[5:7] == ["1.00", "2.00"]


def test_a_pair_where_svassess_is_slower_counts():
    run = load_run()
    row = run.Row("example", ours=[0.3, 0.3, 0.3], base=[0.2, 0.2, 0.2], target=1.15)
    assert row.ratio == pytest.approx(1.5) and row.cells()[-1] == "MISSED"
