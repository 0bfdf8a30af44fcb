"""The benchmarks in ``benchmarks/`` run, on inputs small enough for the test suite.

A benchmark nobody can run is found out only when someone needs its figures: each script here
runs in a fresh interpreter with its smallest sizes and one round, and must finish without an
error. Their times are never looked at (the scripts print ratios, a test never asserts on wall
time); what they check of the results is: ``bench_trade_table.py`` sums a generated file
per enterprise seventeen ways (the object path, ``TradeTable`` read and scanned from CSV, Parquet
and a folder, the command line's three engines, polars and DuckDB) and says whether every total
is the same, exactly, and ``bench_summarize.py`` says whether ``summarize`` gives its
baseline's totals.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"

#: Each script with its smallest arguments, and a line its output must hold.
RUNS = {
    "bench_trade_table.py": (
        ["--rows", "3000", "--rounds", "1", "--files", "3"],
        "same per-enterprise totals in every case: yes",
    ),
    "bench_summarize.py": (["--rows", "3000", "--rounds", "1"], "same totals as the baseline: yes"),
    "bench_loader.py": (
        ["--rows", "3000", "--small", "1000", "--rounds", "1", "--repeat", "1"],
        "target: load_trade_records at most 2.5x csv.reader",
    ),
    "bench_money.py": (["--rounds", "1"], "a + b"),
    "bench_payout.py": (["--rounds", "1"], "payouts"),
    "bench_eligibility.py": (["--rounds", "1"], "target: assessing costs at most 5x"),
    "bench_import.py": (["--runs", "1", "--top", "0"], "'import littlegiants'"),
    "bench_cli.py": ([], "demo target: under 1 s"),
}


def test_every_benchmark_is_listed() -> None:
    """A new benchmark joins :data:`RUNS`, so it is run here too."""
    assert sorted(RUNS) == sorted(path.name for path in BENCHMARKS.glob("bench_*.py"))


@pytest.mark.parametrize("script", sorted(RUNS))
def test_benchmark_runs(script: str, tmp_path: Path) -> None:
    arguments, expected = RUNS[script]
    found = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *arguments],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
        check=False,
    )
    assert (0, True) == (found.returncode, expected in found.stdout), found.stdout + found.stderr
