"""Payout engine speed: one policy, and a stack of three, against building the enterprises.

Run: ``python benchmarks/bench_payout.py [N] [--rounds R]`` (default 100,000 enterprises, two
designations each, 5 rounds). Each round builds the enterprises, evaluates them under
``shenzhen-2022`` alone and under the stack ``guangdong-2022`` + ``shenzhen-2022`` +
``longgang-2025`` (a ``PolicySet``), and divides each time by that round's build time. The table
prints the median ratio and the lowest and highest round, so a burst of noise on the shared
machine moves one round, not the verdict. Targets: at most 3x building the enterprises, for the
one policy and for the stack. Benchmarks print; they never assert.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta

from littlegiants import Designation, Enterprise, load_policy
from littlegiants.policy import PolicySet

#: Districts of Shenzhen (Longgang among them), one of Guangzhou and one of Shanghai.
DISTRICTS = ["440303", "440304", "440305", "440306", "440307", "440106", "310115"]
STACK = ("guangdong-2022", "shenzhen-2022", "longgang-2025")
AS_OF = date(2025, 12, 31)


def plan(count: int, seed: int = 20221123) -> list[tuple[str, str, date, date, int]]:
    """Synthetic (clearly made-up) inputs: names, districts, two award dates and a batch each."""
    rng = random.Random(seed)
    start = date(2021, 1, 1)
    rows = []
    for i in range(count):
        first = start + timedelta(days=rng.randrange(0, 900))
        second = first + timedelta(days=rng.randrange(30, 900))
        rows.append((f"合成企业{i:06d}", rng.choice(DISTRICTS), first, second, rng.randrange(3, 7)))
    return rows


def build(rows: list[tuple[str, str, date, date, int]]) -> list[Enterprise]:
    return [
        Enterprise(
            name,
            region=region,
            designations=[
                Designation("provincial", first),
                Designation("national", second, batch=batch),
            ],
        )
        for name, region, first, second, batch in rows
    ]


def timed(work: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    rows = plan(args.count)
    policy = load_policy("shenzhen-2022")
    stack = PolicySet(STACK)
    warm = build(rows[:1000])  # warm caches (region data, babel) before timing
    policy.payouts(warm)
    stack.payouts(warm)

    ratios: dict[str, list[float]] = {"one policy": [], "three stacked": []}
    builds: list[float] = []
    totals: dict[str, object] = {}
    for _ in range(args.rounds):
        built, firms = timed(lambda: build(rows))
        builds.append(built)
        one, report = timed(lambda: policy.payouts(firms, as_of=AS_OF))  # noqa: B023
        three, stacked = timed(lambda: stack.payouts(firms, as_of=AS_OF))  # noqa: B023
        ratios["one policy"].append(one / built)
        ratios["three stacked"].append(three / built)
        totals = {"one policy": report.total, "three stacked": stacked.total}  # type: ignore[attr-defined]

    print(f"enterprises: {args.count:,} (two designations each, synthetic); {args.rounds} rounds")
    print(f"build enterprises: median {statistics.median(builds):.3f} s")
    print(f"{'payouts':<15} {'median':>8} {'lowest':>8} {'highest':>8}  target")
    for name, values in ratios.items():
        print(
            f"{name:<15} {statistics.median(values):>7.2f}x {min(values):>7.2f}x "
            f"{max(values):>7.2f}x  <= 3x building"
        )
    for name, total in totals.items():
        print(f"total payable (up to), {name}: {total}")


if __name__ == "__main__":
    main()
