"""How long ``littlegiants demo`` takes, against ``python -c 'import littlegiants'``.

Run: ``python benchmarks/bench_cli.py [runs]``. Each figure is the median of fresh processes,
measured in the same run; the target is the whole demo in under a second on a warm machine.
Benchmarks print; they never assert.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def median_seconds(argv: list[str], runs: int) -> float:
    """The median wall time of ``runs`` fresh processes running ``argv``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    python = [sys.executable]
    bare = median_seconds([*python, "-c", "pass"], runs)
    imported = median_seconds([*python, "-c", "import littlegiants"], runs)
    demo = median_seconds([*python, "-m", "littlegiants", "demo"], runs)
    demo_zh = median_seconds([*python, "-m", "littlegiants", "demo", "--locale", "zh_CN"], runs)
    print(f"median of {runs} fresh processes")
    print(f"python -c pass:                    {bare:6.3f} s")
    print(f"python -c 'import littlegiants':   {imported:6.3f} s")
    print(f"littlegiants demo:                 {demo:6.3f} s  (target < 1 s)")
    print(f"littlegiants demo --locale zh_CN:  {demo_zh:6.3f} s")
    print(f"demo / import: {demo / imported:.1f}x")


if __name__ == "__main__":
    main()
