"""Summarising loaded trade records: ``summarize`` vs one plain pass into a dict of Decimals.

Run from the project root with the project's virtual environment:

    .venv/bin/python benchmarks/bench_summarize.py [--rows 1000000] [--rounds 5]

The script writes the trade CSV of ``bench_loader.py`` (500 enterprises, the months and
year-to-date periods of 2022, both flows, a prior-year value on a third of the rows and a growth on
another third) with every amount in yuan, loads it once with ``load_trade_records``, then times,
in ``--rounds`` rounds, four cases, each against its baseline in the same round:

- ``summarize(records, currency="CNY", by="enterprise")`` and ``by=None``: nothing to convert;
- ``summarize(records, currency="USD", rates=..., by="enterprise")`` and ``by=None``: every value
  converted at the rate on its period's end, every prior-year value at the prior period's end.
  The rates are made up for timing (a CNY->USD rate at each month end of 2020-2022), not data.

The **baseline** is the least a summary must do: one loop over the records adding each record's
``value.amount`` into a dict of Decimals keyed by (group, flow), and its ``previous`` amount
(reported or implied by the growth) into another, in the exact context; with rates, each amount
is first multiplied by its rate, the two rates of each period (its end, the prior period's end)
and currency looked up once and kept in a dict. ``summarize`` does more on top: checks
each record, counts records, enterprises and missing prior-year values, per flow, per group and
overall, and builds the summary objects. The script checks that both give the same totals.

Each round prints the ratio summarize / baseline of each case; the summary is the median, lowest
and highest over the rounds, with the load average before and after. Target: ``summarize``
within **1.5x** of its baseline (median). The script prints; it never asserts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench_loader import write_trade_csv
from littlegiants._exact import EXACT
from littlegiants.fx import ExchangeRate, RateTable
from littlegiants.loader import load_trade_records
from littlegiants.trade import TradeRecord, TradeSummary, summarize

TARGET = 1.5
ZERO = Decimal(0)


def made_up_rates() -> RateTable:
    """A CNY->USD rate at each month end of 2020-2022: invented for timing, not data."""
    rates = []
    for year in (2020, 2021, 2022):
        for month in range(1, 13):
            end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            rate = Decimal("0.14") + Decimal(month) / 1000 + Decimal(year - 2020) / 100
            rates.append(ExchangeRate("CNY", "USD", rate=rate, on=end, source="made up"))
    return RateTable(rates)


Cells = dict[tuple[object, object], Decimal]


def one_pass(
    records: list[TradeRecord], by: str | None, currency: str, rates: RateTable | None
) -> tuple[Cells, Cells]:
    """The baseline: totals and prior-year totals per (group, flow), one loop, plain Decimals."""
    add, multiply = EXACT.add, EXACT.multiply
    totals: Cells = {}
    previous: Cells = {}
    factors: dict[tuple[int, str], tuple[Decimal, Decimal]] = {}
    for record in records:
        cell = (None if by is None else record.enterprise.key, record.flow)
        value = record.value
        prior = record.previous
        amount = value.amount
        earlier = None if prior is None else prior.amount
        if rates is not None:
            period = record.period
            found = factors.get((id(period), value.currency))
            if found is None:
                now, then = period.end, period.previous_year().end
                found = (
                    rates.rate(value.currency, currency, on=now).rate,
                    rates.rate(value.currency, currency, on=then).rate,
                )
                factors[id(period), value.currency] = found
            amount = multiply(amount, found[0])
            earlier = None if earlier is None else multiply(earlier, found[1])
        totals[cell] = add(totals.get(cell, ZERO), amount)
        if earlier is not None:
            previous[cell] = add(previous.get(cell, ZERO), earlier)
    return totals, previous


def same_totals(summary: TradeSummary, totals: Cells, by: str | None) -> bool:
    """Whether the summary's totals per (group, flow) are the baseline's."""
    found: Cells = {}
    parts = summary.groups if by is not None else ((None, summary),)
    for key, part in parts:
        for flow in part.flows:
            found[key, flow.flow] = flow.total.amount
    return found == totals


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the trade file")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of every case")
    args = parser.parse_args()

    print(f"Python {platform.python_version()} on {platform.machine()}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "trade.csv"
        write_trade_csv(path, args.rows, currency="CNY")
        records = load_trade_records(path)
    rates = made_up_rates()
    cases: list[tuple[str, str, str | None, RateTable | None]] = [
        ("CNY by enterprise", "CNY", "enterprise", None),
        ("CNY overall", "CNY", None, None),
        ("USD by enterprise, rates", "USD", "enterprise", rates),
        ("USD overall, rates", "USD", None, rates),
    ]
    before = os.getloadavg()
    print(f"{len(records):,} records; {args.rounds} rounds; load average {before[0]:.2f}\n")
    ratios: dict[str, list[float]] = {name: [] for name, *_ in cases}
    seconds: dict[str, list[tuple[float, float]]] = {name: [] for name, *_ in cases}
    agree = True
    print(f"{'round':>5} {'case':26} {'baseline s':>10} {'summarize s':>11} {'x':>6}")
    for number in range(1, args.rounds + 1):
        for name, currency, by, table in cases:
            base, (totals, _) = timed(lambda c=currency, b=by, t=table: one_pass(records, b, c, t))
            took, summary = timed(
                lambda c=currency, b=by, t=table: summarize(records, currency=c, rates=t, by=b)
            )
            agree = agree and same_totals(summary, totals, by)
            ratios[name].append(took / base)
            seconds[name].append((base, took))
            print(f"{number:5} {name:26} {base:10.2f} {took:11.2f} {took / base:6.2f}")
    after = os.getloadavg()
    print(f"\nsame totals as the baseline: {'yes' if agree else 'NO'}")
    print(f"load average {before[0]:.2f} before, {after[0]:.2f} after\n")
    print(
        f"{'case':26} {'baseline s':>10} {'summarize s':>11} {'median x':>9} {'low':>5} {'high':>5}"
    )
    for name, *_ in cases:
        base = statistics.median(b for b, _ in seconds[name])
        took = statistics.median(t for _, t in seconds[name])
        found = ratios[name]
        print(
            f"{name:26} {base:10.2f} {took:11.2f} {statistics.median(found):9.2f} "
            f"{min(found):5.2f} {max(found):5.2f}"
        )
    worst = max(statistics.median(found) for found in ratios.values())
    verdict = "met" if worst <= TARGET else "missed"
    print(f"\ntarget: summarize within {TARGET}x of the baseline (median, every case): {verdict}")


if __name__ == "__main__":
    main()
