"""Loading a large trade CSV: iter_trade_records into TradeRecord objects vs csv.reader into tuples.

Run from the project root with the project's virtual environment:

    .venv/bin/python benchmarks/bench_loader.py [--rows 1000000] [--small 100000] [--rounds 5]
        [--repeat 3]

The script writes a trade CSV of ``--rows`` rows (and one of ``--small`` rows) into a temporary
folder: 500 enterprises with credit codes, the months and year-to-date periods of 2022, both
flows, plain amounts in USD or CNY, a prior-year value on a third of the rows and a growth on
another third, as a customs extract has them. It then measures, in the same run:

- **time**: ``--rounds`` rounds, each timing ``csv.reader`` into tuples (the floor: reading and
  splitting the text; then, for comparison, the same keeping every tuple in a list),
  ``iter_trade_records`` into ``TradeRecord`` objects (each dropped once
  counted) and ``load_trade_records`` (the list of every record, kept), so all see the same
  machine load; the ratio of each round, and their median, lowest and highest, so a burst of
  noise on the shared machine moves one round rather than the verdict. Each round also shows
  the time the cyclic garbage collector took inside ``load_trade_records`` (from
  ``gc.callbacks``), and the script times one full collection with a loaded file's records
  alive (the one the loader leaves for later, see ``littlegiants.loader``). Then, for the
  breakdown, the best of ``--repeat`` runs of the loader's own reading of the file into rows of
  cells (no records built), the trusted constructor the loader builds records with
  (``TradeRecord._checked_columns``, lists of a batch's ready values, checks included, called
  as the loader calls it) and, for comparison, the public ``TradeRecord`` constructor, each
  called as many times;
- **peak memory** (``tracemalloc``) of ``csv.reader`` and ``iter_trade_records``, on the small
  and the large file: a streaming reader's peak stays flat as the file grows.

Target: ``load_trade_records`` at most 2.5x the ``csv.reader`` time (the median), and flat peak
memory. The script prints; it never asserts, so a slow machine never fails a build.
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import platform
import random
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Self

from stdnum.cn import uscc

from littlegiants.enterprise import Enterprise
from littlegiants.io import tables as _tables
from littlegiants.loader import iter_trade_records, load_trade_records
from littlegiants.money import Money
from littlegiants.periods import Period
from littlegiants.trade import TradeFlow, TradeRecord

#: The project's target for the loader, as a multiple of csv.reader's time.
TARGET = 2.5
HEADER = ["name", "credit_code", "period", "flow", "value", "currency", "previous", "growth"]


def credit_codes(count: int) -> list[str]:
    """``count`` valid codes registered in Shenzhen (440300), check characters computed."""
    codes = []
    for number in range(count):
        body = f"91440300MA5{number:06d}"
        codes.append(body + uscc.calc_check_digit(body))
    return codes


def write_trade_csv(path: Path, rows: int, seed: int = 2022, currency: str | None = None) -> None:
    """A customs-like trade CSV of ``rows`` rows (every row in ``currency``, when given)."""
    chance = random.Random(seed)
    firms = [(f"示例科技有限公司{i:03d}", code) for i, code in enumerate(credit_codes(500))]
    periods = [f"2022-{m:02d}" for m in range(1, 13)] + [
        f"2022-01..2022-{m:02d}" for m in (3, 6, 10)
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for row in range(rows):
            name, code = firms[row % len(firms)]
            value = chance.randrange(1, 10**9)
            shape = row % 3
            previous = f"{chance.randrange(1, 10**9)}.00" if shape == 1 else ""
            growth = f"{chance.randrange(-50, 200)}%" if shape == 2 else ""
            writer.writerow(
                [
                    name,
                    code,
                    periods[row % len(periods)],
                    "import" if row % 2 else "export",
                    f"{value // 100}.{value % 100:02d}",
                    currency or ("USD" if row % 4 else "CNY"),
                    previous,
                    growth,
                ]
            )


def read_tuples(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        count = 0
        for row in csv.reader(handle):
            tuple(row)
            count += 1
        return count - 1  # the header


def keep_tuples(path: Path) -> int:
    """``csv.reader`` into tuples, all kept in one list (as ``load_trade_records`` keeps)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return len(list(map(tuple, csv.reader(handle)))) - 1


def read_records(path: Path) -> int:
    count = 0
    for _ in iter_trade_records(path):
        count += 1
    return count


def read_cells(path: Path) -> int:
    """The loader's reading alone: the file into rows of cells, no records built."""
    count = 0
    for row in _tables.read_rows(
        path, "csv", encoding="utf-8", accept_header=lambda _: True, tables=("trade",)
    ):
        count += row[0] == "row"
    return count


def construct_checked(rows: int) -> Callable[[Path], int]:
    """Build ``rows`` records with the loader's trusted constructor, a batch's values a call."""
    firm = Enterprise("示例科技有限公司000", credit_code=credit_codes(1)[0])
    period = Period.parse("2022-01..2022-10")
    value = Money("12345.67", "USD")
    build = TradeRecord._checked_columns  # noqa: SLF001 - what the loader calls
    batch = _tables._BATCH  # noqa: SLF001 - the most rows the loader builds at once

    def run(_: Path) -> int:
        for start in range(0, rows, batch):
            count = min(batch, rows - start)
            none = [None] * count
            build(
                [firm] * count,
                [period] * count,
                [TradeFlow.IMPORT] * count,
                [value] * count,
                none,
                none,
                none,
                unsigned=True,  # as the loader vouches: amounts read from digits alone
            )
        return rows

    return run


def construct_only(rows: int) -> Callable[[Path], int]:
    """Call the public TradeRecord constructor ``rows`` times with ready values (comparison)."""
    firm = Enterprise("示例科技有限公司000", credit_code=credit_codes(1)[0])
    period = Period.parse("2022-01..2022-10")
    value = Money("12345.67", "USD")

    def run(_: Path) -> int:
        for _ in range(rows):
            TradeRecord(firm, period, "import", value, previous=None, growth=None, source=None)
        return rows

    return run


def best_time(run: Callable[[Path], int], path: Path, repeat: int) -> tuple[float, int]:
    times = []
    count = 0
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        count = run(path)
        times.append(time.perf_counter() - start)
    return min(times), count


def peak_memory(run: Callable[[Path], int], path: Path) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        run(path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def load_all(path: Path) -> int:
    """``load_trade_records``: every record of the file, kept in one list."""
    return len(load_trade_records(path))


class CollectorTime:
    """The time the cyclic garbage collector takes while the context is open (gc.callbacks)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.full = 0
        self._start = 0.0

    def _note(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
            return
        self.seconds += time.perf_counter() - self._start
        self.full += info["generation"] == 2

    def __enter__(self) -> Self:
        gc.callbacks.append(self._note)
        return self

    def __exit__(self, *_: object) -> None:
        gc.callbacks.remove(self._note)


def one_time(run: Callable[[Path], int], path: Path) -> tuple[float, int]:
    gc.collect()
    start = time.perf_counter()
    count = run(path)
    return time.perf_counter() - start, count


class Rounds:
    """The times of each round: csv.reader, the stream, the list, and the collector in the list."""

    def __init__(self) -> None:
        self.bases: list[float] = []
        self.kept: list[float] = []
        self.streams: list[float] = []
        self.loads: list[float] = []
        self.collector: list[CollectorTime] = []
        self.rows = self.streamed = self.loaded = 0


def rounds_of(path: Path, rounds: int) -> Rounds:
    """``rounds`` rounds of csv.reader, then iter_trade_records, then load_trade_records."""
    found = Rounds()
    for _ in range(rounds):
        base, found.rows = one_time(read_tuples, path)
        kept, _ = one_time(keep_tuples, path)
        stream, found.streamed = one_time(read_records, path)
        gc.collect()
        with CollectorTime() as collector:
            start = time.perf_counter()
            found.loaded = load_all(path)
            load = time.perf_counter() - start
        found.bases.append(base)
        found.kept.append(kept)
        found.streams.append(stream)
        found.loads.append(load)
        found.collector.append(collector)
    return found


def full_collection(path: Path) -> float:
    """The time of one full collection with every record of the file alive."""
    records = load_trade_records(path)
    start = time.perf_counter()
    gc.collect()
    took = time.perf_counter() - start
    del records
    return took


def spread(label: str, ratios: list[float]) -> str:
    middle = statistics.median(ratios)
    return f"{label}: median {middle:.2f}x, lowest {min(ratios):.2f}x, highest {max(ratios):.2f}x"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the large file")
    parser.add_argument("--small", type=int, default=100_000, help="rows of the small file")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of csv.reader and loader")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of the breakdown")
    parser.add_argument("--no-breakdown", action="store_true", help="only the rounds")
    args = parser.parse_args()

    print(f"Python {platform.python_version()} on {platform.machine()}")
    with tempfile.TemporaryDirectory() as folder:
        large, small = Path(folder) / "trade-large.csv", Path(folder) / "trade-small.csv"
        write_trade_csv(large, args.rows)
        write_trade_csv(small, args.small)
        size = large.stat().st_size / 2**20
        print(f"{args.rows:,} rows, {size:.1f} MiB; {args.rounds} rounds\n")

        before = os.getloadavg()[0]
        found = rounds_of(large, args.rounds)
        after = os.getloadavg()[0]
        if not found.rows == found.streamed == found.loaded:
            print(f"!! {found.streamed:,} and {found.loaded:,} records from {found.rows:,} rows")
        streamed = [s / b for b, s in zip(found.bases, found.streams, strict=True)]
        loaded = [s / b for b, s in zip(found.bases, found.loads, strict=True)]
        print(
            f"{'round':>5} {'csv.reader s':>13} {'kept s':>7} {'iter s':>7} {'x csv':>6} "
            f"{'load s':>7} {'x csv':>6} {'its gc s':>9} {'full':>5}"
        )
        for number in range(args.rounds):
            collector = found.collector[number]
            print(
                f"{number + 1:5} {found.bases[number]:13.2f} {found.kept[number]:7.2f} "
                f"{found.streams[number]:7.2f} {streamed[number]:6.2f} "
                f"{found.loads[number]:7.2f} {loaded[number]:6.2f} "
                f"{collector.seconds:9.2f} {collector.full:5}"
            )
        print(f"\nload average {before:.2f} before the rounds, {after:.2f} after")
        kept = [k / b for b, k in zip(found.bases, found.kept, strict=True)]
        print(spread("csv.reader, tuples kept / csv.reader", kept))
        print(spread("iter_trade_records / csv.reader", streamed))
        print(spread("load_trade_records / csv.reader", loaded))
        alike = [s / k for k, s in zip(found.kept, found.loads, strict=True)]
        print(spread("load_trade_records / csv.reader, tuples kept (both keep all)", alike))
        median = statistics.median(loaded)
        verdict = "met" if median <= TARGET else "missed"
        print(f"target: load_trade_records at most {TARGET}x csv.reader (median): {verdict}")
        print(
            "  (the strict reading: the bare csv.reader drops its tuples, the loader keeps its "
            f"records; against tuples kept too: {statistics.median(alike):.2f}x)"
        )
        print(
            f"one full collection with the {found.loaded:,} records alive: "
            f"{full_collection(large):.2f} s"
        )
        if args.no_breakdown:
            return

        bases, loads, rows = found.bases, found.streams, found.rows
        base = min(bases)
        reading, _ = best_time(read_cells, large, args.repeat)
        trusted, _ = best_time(construct_checked(args.rows), large, args.repeat)
        floor, _ = best_time(construct_only(args.rows), large, args.repeat)
        print(f"\nbreakdown (best of {args.repeat}) against the best csv.reader round:")
        print(f"{'':42} {'seconds':>8} {'rows/s':>12} {'x csv':>6}")
        for label, seconds in (
            ("csv.reader into tuples", base),
            ("iter_trade_records into TradeRecord", min(loads)),
            ("  its reading into rows of cells alone", reading),
            ("  its TradeRecord._checked_columns alone", trusted),
            ("TradeRecord(...) alone, for comparison", floor),
        ):
            print(f"{label:42} {seconds:8.2f} {rows / seconds:12,.0f} {seconds / base:6.2f}")

        print(f"\npeak memory (tracemalloc), {args.small:,} vs {args.rows:,} rows:")
        for label, run in (
            ("csv.reader into tuples", read_tuples),
            ("iter_trade_records into TradeRecord", read_records),
        ):
            low, high = peak_memory(run, small), peak_memory(run, large)
            print(f"{label:42} {low / 2**10:8,.0f} KiB {high / 2**10:8,.0f} KiB")


if __name__ == "__main__":
    main()
