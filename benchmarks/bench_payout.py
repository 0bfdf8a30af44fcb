"""Payout engine speed: evaluating enterprises against one policy vs building them.

Run: ``python benchmarks/bench_payout.py [N]`` (default 100,000 enterprises, two designations
each). Both figures are measured in the same run; the target is payout time at most 3x the time
to build the enterprise objects. Benchmarks print; they never assert.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from littlegiants import Designation, Enterprise, load_policy

DISTRICTS = ["440303", "440304", "440305", "440306", "440307", "440106", "310115"]


def plan(count: int, seed: int = 20221123) -> list[tuple[str, str, date, date]]:
    """Synthetic (clearly made-up) inputs: names, districts and two award dates each."""
    rng = random.Random(seed)
    start = date(2021, 1, 1)
    rows = []
    for i in range(count):
        first = start + timedelta(days=rng.randrange(0, 900))
        second = first + timedelta(days=rng.randrange(30, 900))
        rows.append((f"合成企业{i:06d}", rng.choice(DISTRICTS), first, second))
    return rows


def build(rows: list[tuple[str, str, date, date]]) -> list[Enterprise]:
    return [
        Enterprise(
            name,
            region=region,
            designations=[Designation("provincial", first), Designation("national", second)],
        )
        for name, region, first, second in rows
    ]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rows = plan(count)
    policy = load_policy("shenzhen-2022")
    build(rows[:1000])  # warm caches (region data, babel) before timing
    policy.payouts(build(rows[:1000]))

    t0 = time.perf_counter()
    firms = build(rows)
    built = time.perf_counter() - t0

    t0 = time.perf_counter()
    report = policy.payouts(firms, as_of=date(2025, 12, 31))
    evaluated = time.perf_counter() - t0

    print(f"enterprises: {count:,} (two designations each, synthetic)")
    print(f"build enterprises: {built:8.3f} s  {count / built:>12,.0f} enterprises/s")
    print(f"payouts:           {evaluated:8.3f} s  {count / evaluated:>12,.0f} enterprises/s")
    print(f"ratio payouts/build: {evaluated / built:.2f}x  (target <= 3x)")
    print(f"total payable (up to): {report.total}")


if __name__ == "__main__":
    main()
