"""A 1,000,000-row trade CSV summarised by enterprise: the object path, TradeTable, polars, DuckDB.

Run from the project root with the project's virtual environment (the ``arrow`` extra installed,
and duckdb for its row):

    .venv/bin/python benchmarks/bench_trade_table.py [--rows 1000000] [--rounds 3]

The file is ``bench_loader.py``'s customs-like CSV (500 enterprises with credit codes, months and
year-to-date periods of 2022, both flows, USD and CNY, a prior-year value on a third of the rows
and a growth on another third). Every case reads it and sums each enterprise's trade in CNY, the
USD rows converted at one USD->CNY rate (7.2, dated 2020-01-01, so every period end uses it):

- ``objects``: ``load_trade_records`` then ``summarize(by="enterprise")``;
- ``table``: ``TradeTable.read_csv`` then ``.summarize(by="enterprise")``;
- ``bare``: ``table`` where pandas cannot be imported, as the ``arrow`` extra alone installs
  it (pyarrow imports pandas, when installed, on its first ``pa.array``: 0.2-0.3 s, 47 MiB;
  the Arrow path avoids that call, so ``table`` and ``bare`` should now measure alike);
- ``scan``: ``TradeTable.scan_csv(...).summarize(by="enterprise")`` (16 MiB blocks);
- ``polars``: a polars lazy ``scan_csv`` reading amounts as ``Decimal(38, 2)``, converting and
  summing with ``group_by`` (no checks at all: the floor of what a column engine costs);
- ``polars-eager``: polars reading the whole file into a ``DataFrame`` first (``read_csv``,
  the eight columns, amounts as ``Decimal(38, 2)``), then the same ``group_by``: what holding
  the rows as a table costs polars itself, still with no check (the lazy script never holds
  them: it parses three columns and sums them as it goes);
- ``polars-checked``: polars doing, before the same ``group_by``, the least a checked table
  does to every row: the eight columns read as text and held in a ``DataFrame``, the six text
  columns encoded (``Categorical``: each distinct text once, which a per-distinct-value check
  needs), each amount tested against the table's plain-amount pattern and read exactly as
  ``Decimal(38, 7)`` with the place of its point (its written exponent). No enterprise, period,
  flow, currency or growth is checked, no row is rejected or located: a floor under any table
  that checks its rows, here polars' own;
- ``duckdb``: the same in DuckDB SQL over ``read_csv`` with ``DECIMAL(38, 2)`` amounts;
- ``parquet``, ``scan-parquet`` and ``polars-parquet``: the same file as Parquet, every column
  text (as a customs extract converted to Parquet holds it; written once, before the rounds,
  with pyarrow's default row groups): ``TradeTable.read_parquet`` then ``summarize``,
  ``TradeTable.scan_parquet(...).summarize`` (131,072 rows a batch), and polars' lazy
  ``scan_parquet`` casting the amounts to ``Decimal(38, 2)`` (no checks). The scan's point is
  its memory, which stays near one batch's whatever the file's size;
- ``cli-objects``, ``cli-arrow`` and ``cli-scan``: ``littlegiants trade FILE --by enterprise
  --format csv --currency CNY --rates RATES`` with ``--engine objects``, ``arrow`` and
  ``scan`` (run through ``littlegiants.cli.main`` in the child, the rates in a CSV file, the
  totals read back from the printed CSV), the command line's own costs included but its
  imports not;
- ``table-records``: ``objects`` with its records from ``TradeTable.read_csv(...).to_records()``;
- ``folder`` and ``scan-folder``: ``table`` and ``scan`` of the same rows split into twelve
  (``--files N``: N; 120 are a third of a year of daily extracts)
  files of a folder (a year of monthly extracts; written once, before the rounds).

Each case runs in a fresh interpreter per round (so rounds do not share caches or memory), the
cases taking turns, ``--rounds`` times. The table gives the median and the spread (lowest,
highest) of the wall time, and the peak memory of the process (``ru_maxrss``; tracemalloc does
not see Arrow's or polars' allocators) with, for the Arrow cases, the peak of Arrow's memory
pool. On Linux a process's ``ru_maxrss`` starts at its parent's peak, so the driver stays small
(the Parquet file and the folder are written by a child) and prints its own peak at the end.
Every case's per-enterprise totals must be equal (checked, exactly); the script prints and
never asserts, so a slow machine never fails a build.

Targets (issue 16): ``TradeTable.read_csv`` + ``summarize`` within 2x of the polars lazy script,
and its peak memory within 2x of the script's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import importlib
import importlib.abc
import json
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from bench_loader import write_trade_csv

RATE = Decimal("7.2")
CASES = (
    "objects",
    "table",
    "bare",
    "scan",
    "polars",
    "polars-all",
    "polars-eager",
    "polars-checked",
    "duckdb",
    "parquet",
    "scan-parquet",
    "polars-parquet",
    "cli-objects",
    "cli-arrow",
    "cli-scan",
    "table-records",
    "folder",
    "scan-folder",
)
PARQUET_CASES = ("parquet", "scan-parquet", "polars-parquet")
FOLDER_CASES = ("folder", "scan-folder")
#: The files the folder cases split the CSV file into (a year of monthly extracts).
FOLDER_FILES = 12
TARGET = 2


def rates():
    from littlegiants.fx import ExchangeRate, RateTable  # noqa: PLC0415 - each child imports its case only

    return RateTable([ExchangeRate("USD", "CNY", rate=RATE, on=dt.date(2020, 1, 1))])


def enterprise_totals(summarise: Callable[..., Any]) -> dict[str, Decimal]:
    """Each enterprise's total in CNY (the rate table above), from a summarising function.

    ``summarise`` is a table's or a scan's ``summarize``, or ``summarize`` bound to records.
    """
    summary = summarise(currency="CNY", rates=rates(), by="enterprise")
    return {key: group.total.amount for key, group in summary.groups}


def digest(totals: dict[str, Decimal]) -> str:
    """A fingerprint of per-enterprise totals, equal exactly when the totals are equal."""
    text = ";".join(f"{key}={value.normalize()}" for key, value in sorted(totals.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def run_objects(path: Path) -> dict[str, Decimal]:
    from littlegiants.loader import load_trade_records  # noqa: PLC0415 - each child imports its case only
    from littlegiants.trade import summarize  # noqa: PLC0415 - each child imports its case only

    return enterprise_totals(functools.partial(summarize, load_trade_records(path)))


def run_table(path: Path) -> dict[str, Decimal]:
    from littlegiants.io import TradeTable  # noqa: PLC0415 - each child imports its case only

    return enterprise_totals(TradeTable.read_csv(path).summarize)


def run_table_records(path: Path) -> dict[str, Decimal]:
    """``objects`` with the records from a TradeTable: ``read_csv`` then ``to_records()``."""
    from littlegiants.io import TradeTable  # noqa: PLC0415 - each child imports its case only
    from littlegiants.trade import summarize  # noqa: PLC0415 - each child imports its case only

    records = list(TradeTable.read_csv(path).to_records())
    return enterprise_totals(functools.partial(summarize, records))


def run_bare(path: Path) -> dict[str, Decimal]:
    """``table`` as the ``arrow`` extra alone installs it: pandas cannot be imported.

    pyarrow imports pandas, when it is installed, on its first ``pa.array`` (about 0.2-0.3 s
    and 47 MiB here); the ``arrow`` extra does not bring pandas (the ``dataframes`` extra and
    the test dependencies do). Since the Arrow path builds its arrays without pyarrow's
    question (``littlegiants._arrays``), ``table`` should not pay it either: this case shows
    whether it does.
    """
    return run_table(path)


def run_scan(path: Path) -> dict[str, Decimal]:
    from littlegiants.io import TradeTable  # noqa: PLC0415 - each child imports its case only

    return enterprise_totals(TradeTable.scan_csv(path).summarize)


def run_polars(path: Path) -> dict[str, Decimal]:
    import polars as pl  # noqa: PLC0415 - each child imports its case only

    frame = (
        pl.scan_csv(
            path,
            schema_overrides={
                "credit_code": pl.String,
                "value": pl.Decimal(38, 2),
                "previous": pl.Decimal(38, 2),
                "growth": pl.String,
            },
        )
        .group_by("credit_code", "currency")
        .agg(pl.col("value").sum())
        .collect()
    )
    return converted(frame.iter_rows())


#: The file's columns (``bench_loader.write_trade_csv``), in order.
COLUMNS = ("name", "credit_code", "period", "flow", "value", "currency", "previous", "growth")


def every_column(pl: Any) -> dict[str, Any]:
    """Every column's polars type, as the cases reading all eight give them: amounts exact."""
    return {
        name: pl.Decimal(38, 2) if name in ("value", "previous") else pl.String for name in COLUMNS
    }


def run_polars_all(path: Path) -> dict[str, Decimal]:
    """``polars`` touching every column the checks read, as a column engine must to check them.

    The eight columns are parsed (amounts as ``Decimal(38, 2)``) and each text column's distinct
    values found per group (``n_unique``, the hashing a per-distinct-value check needs); still
    no check at all. It tells how much of the gap to ``polars`` is reading what ``polars``
    skips (it reads three columns) rather than the checks themselves.
    """
    import polars as pl  # noqa: PLC0415 - each child imports its case only

    frame = (
        pl.scan_csv(
            path,
            schema_overrides=every_column(pl),
        )
        .group_by("credit_code", "currency")
        .agg(
            pl.col("value").sum(),
            pl.col("previous").sum().alias("previous_sum"),
            pl.col("name", "period", "flow", "growth").n_unique(),
        )
        .select("credit_code", "currency", "value")
        .collect()
    )
    return converted(frame.iter_rows())


def run_polars_eager(path: Path) -> dict[str, Decimal]:
    """The polars script as an eager one: every row held in a ``DataFrame``, then grouped."""
    import polars as pl  # noqa: PLC0415 - each child imports its case only

    frame = pl.read_csv(
        path,
        schema_overrides=every_column(pl),
    )
    sums = frame.group_by("credit_code", "currency").agg(pl.col("value").sum())
    return converted(sums.iter_rows())


#: The table's plain amount (``littlegiants.io.batches._PLAIN_FIT``): digits, a point and at
#: most 7 places before trailing zeros, no sign or exponent; other texts need the row reader.
PLAIN_AMOUNT = r"^0*[0-9]{1,31}(?:\.[0-9]{1,7}0{0,57})?$"


def run_polars_checked(path: Path) -> dict[str, Decimal]:
    """The polars script after polars itself has done the least a checked table does to a row.

    The rows are held (``collect``), as a table holds them; every amount must be plain (a row
    that is not would go to a row reader: none is, in this file, and the case refuses to run
    on one that has).
    """
    import polars as pl  # noqa: PLC0415 - each child imports its case only

    amounts = ("value", "previous")
    texts = [name for name in COLUMNS if name not in amounts]
    frame = (
        pl.scan_csv(path, infer_schema=False)
        .select(
            *(pl.col(name).cast(pl.Categorical) for name in texts),
            *(pl.col(name).cast(pl.Decimal(38, 7), strict=False) for name in amounts),
            *(pl.col(name).str.find(".", literal=True).alias(f"{name}_point") for name in amounts),
            (
                ~pl.col("value").str.contains(PLAIN_AMOUNT)
                | ((pl.col("previous") != "") & ~pl.col("previous").str.contains(PLAIN_AMOUNT))
            ).alias("refused"),
        )
        .collect()
    )
    if frame["refused"].any():
        message = "polars-checked: the file holds an amount that is not plain"
        raise SystemExit(message)
    sums = frame.group_by("credit_code", "currency").agg(pl.col("value").sum())
    return converted(sums.iter_rows())


def run_parquet(path: Path) -> dict[str, Decimal]:
    from littlegiants.io import TradeTable  # noqa: PLC0415 - each child imports its case only

    return enterprise_totals(TradeTable.read_parquet(path.with_suffix(".parquet")).summarize)


def run_scan_parquet(path: Path) -> dict[str, Decimal]:
    from littlegiants.io import TradeTable  # noqa: PLC0415 - each child imports its case only

    return enterprise_totals(TradeTable.scan_parquet(path.with_suffix(".parquet")).summarize)


def run_polars_parquet(path: Path) -> dict[str, Decimal]:
    import polars as pl  # noqa: PLC0415 - each child imports its case only

    frame = (
        pl.scan_parquet(path.with_suffix(".parquet"))
        .select("credit_code", "currency", pl.col("value").cast(pl.Decimal(38, 2)))
        .group_by("credit_code", "currency")
        .agg(pl.col("value").sum())
        .collect()
    )
    return converted(frame.iter_rows())


def run_cli_objects(path: Path) -> dict[str, Decimal]:
    return _cli(path, "objects")


def run_cli_arrow(path: Path) -> dict[str, Decimal]:
    return _cli(path, "arrow")


def run_cli_scan(path: Path) -> dict[str, Decimal]:
    return _cli(path, "scan")


def _cli(path: Path, engine: str) -> dict[str, Decimal]:
    """``littlegiants trade`` on the file, the per-enterprise totals read from its CSV output."""
    import contextlib  # noqa: PLC0415 - each child imports its case only
    import csv  # noqa: PLC0415 - each child imports its case only
    import io  # noqa: PLC0415 - each child imports its case only

    from littlegiants.cli import main  # noqa: PLC0415 - each child imports its case only

    rates = path.with_name("rates.csv")
    rates.write_text(f"base,quote,rate,on\nUSD,CNY,{RATE},2020-01-01\n", encoding="utf-8")
    out = io.StringIO()
    argv = ["trade", str(path), "--by", "enterprise", "--format", "csv", "--currency", "CNY"]
    with contextlib.redirect_stdout(out):
        status = main([*argv, "--rates", str(rates), "--engine", engine])
    if status:
        message = f"littlegiants trade exited with {status}"
        raise SystemExit(message)
    rows = csv.DictReader(io.StringIO(out.getvalue()))
    return {row["group"]: Decimal(row["value"]) for row in rows if row["flow"] == "total"}


def write_parquet(path: Path) -> None:
    """The CSV file as Parquet beside it, every column text (``read_csv`` of strings)."""
    import pyarrow.csv as pv  # noqa: PLC0415 - only the Parquet cases need it
    import pyarrow.parquet as pq  # noqa: PLC0415 - only the Parquet cases need it

    names = path.open(encoding="utf-8").readline().strip().split(",")
    options = pv.ConvertOptions(column_types=dict.fromkeys(names, "string"))
    pq.write_table(pv.read_csv(path, convert_options=options), path.with_suffix(".parquet"))


def write_in_a_child(kind: str, path: Path, files: int) -> None:
    """``write_parquet`` or ``write_folder`` in a child process (see ``main``)."""
    command = [sys.executable, __file__, "--write", kind, str(path), str(files)]
    subprocess.run(command, check=True)


def driver_peak() -> int:
    """This process's peak memory (bytes): each case's child starts from it (``ru_maxrss``)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def write_folder(path: Path, files: int = FOLDER_FILES) -> None:
    """The CSV file's rows split into ``files`` files, each with the header."""
    header, *rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    folder = path.with_name("months")
    folder.mkdir()
    count = len(rows)
    for number in range(files):
        part = rows[number * count // files : (number + 1) * count // files]
        (folder / f"trade-{number + 1:04d}.csv").write_text(header + "".join(part), "utf-8")


def run_folder(path: Path) -> dict[str, Decimal]:
    """``table`` on the same rows in twelve (``--files``) files: ``read_csv`` of the folder."""
    from littlegiants.io import TradeTable  # noqa: PLC0415 - each child imports its case only

    return enterprise_totals(TradeTable.read_csv(path.with_name("months")).summarize)


def run_scan_folder(path: Path) -> dict[str, Decimal]:
    """``scan`` on the same rows in twelve (``--files``) files: ``scan_csv`` of the folder."""
    from littlegiants.io import TradeTable  # noqa: PLC0415 - each child imports its case only

    return enterprise_totals(TradeTable.scan_csv(path.with_name("months")).summarize)


def run_duckdb(path: Path) -> dict[str, Decimal]:
    import duckdb  # noqa: PLC0415 - each child imports its case only

    query = f"""
        select credit_code, currency, sum(value)
        from read_csv('{path}', header = true, columns = {{
            'name': 'VARCHAR', 'credit_code': 'VARCHAR', 'period': 'VARCHAR',
            'flow': 'VARCHAR', 'value': 'DECIMAL(38,2)', 'currency': 'VARCHAR',
            'previous': 'DECIMAL(38,2)', 'growth': 'VARCHAR'}})
        group by credit_code, currency
    """
    return converted(duckdb.sql(query).fetchall())


def converted(rows: Iterable[tuple[str, str, Decimal]]) -> dict[str, Decimal]:
    """Per-enterprise totals in CNY from exact (enterprise, currency) sums: USD at the rate.

    Converting each sum rather than each row is exact (the rate distributes over the sum), and
    keeps the engines exact: polars and DuckDB multiply a ``Decimal(38, 2)`` column by 7.2 into
    a result rounded to 2 places, which would change the totals.
    """
    totals: dict[str, Decimal] = {}
    for key, currency, amount in rows:
        value = amount * RATE if currency == "USD" else amount
        totals[key] = totals.get(key, Decimal(0)) + value
    return totals


IMPORTS = {
    "objects": ("littlegiants.loader", "littlegiants.trade", "cattrs"),
    "table": ("littlegiants.io.arrow", "cattrs"),
    "bare": ("littlegiants.io.arrow", "cattrs"),
    "scan": ("littlegiants.io.arrow", "cattrs"),
    "polars": ("polars",),
    "polars-all": ("polars",),
    "polars-eager": ("polars",),
    "polars-checked": ("polars",),
    "duckdb": ("duckdb",),
    "parquet": ("littlegiants.io.arrow", "cattrs", "pyarrow.parquet"),
    "scan-parquet": ("littlegiants.io.arrow", "cattrs", "pyarrow.parquet"),
    "polars-parquet": ("polars",),
    "cli-objects": ("littlegiants.cli", "littlegiants.loader", "littlegiants.trade", "cattrs"),
    "cli-arrow": ("littlegiants.cli", "littlegiants.io.arrow", "cattrs"),
    "cli-scan": ("littlegiants.cli", "littlegiants.io.arrow", "cattrs"),
    "table-records": ("littlegiants.io.arrow", "littlegiants.trade", "cattrs"),
    "folder": ("littlegiants.io.arrow", "cattrs"),
    "scan-folder": ("littlegiants.io.arrow", "cattrs"),
}


class _NoPandas(importlib.abc.MetaPathFinder):
    """An import finder for which pandas is not installed (``import pandas`` fails)."""

    def find_spec(self, name: str, *_: object) -> None:
        if name == "pandas" or name.startswith("pandas."):
            message = f"No module named {name!r} (the bench's 'bare' case)"
            raise ModuleNotFoundError(message, name=name)


def child(case: str, path: Path) -> None:
    """Run one case in this (fresh) process and print its measurements as JSON.

    The modules a case needs are imported before the clock starts: the time is the work.
    That includes those the library imports on first use (cattrs); not pandas, which the
    Arrow path leaves alone (``littlegiants._arrays``): a case that imported it would be
    charged its memory, as a user is.
    """
    if case == "bare":
        sys.meta_path.insert(0, _NoPandas())
    for module in (*IMPORTS[case], "littlegiants.fx"):
        importlib.import_module(module)
    start = time.perf_counter()
    totals = globals()[f"run_{case.replace('-', '_')}"](path)
    seconds = time.perf_counter() - start
    arrow_peak = None
    if "pyarrow" in sys.modules:
        import pyarrow as pa  # noqa: PLC0415 - each child imports its case only

        arrow_peak = pa.default_memory_pool().max_memory()
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(
        json.dumps(
            {
                "seconds": seconds,
                "maxrss": maxrss,
                "arrow": arrow_peak,
                "digest": digest(totals),
                "groups": len(totals),
            }
        )
    )


def measure(case: str, path: Path) -> dict[str, object]:
    found = subprocess.run(
        [sys.executable, __file__, "--child", case, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(found.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the file")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every case")
    parser.add_argument("--cases", default=",".join(CASES), help="which cases, comma-separated")
    parser.add_argument(
        "--files", type=int, default=FOLDER_FILES, help="files of the folder cases' dataset"
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--write", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    if args.write:
        kind, path, files = args.write
        write_parquet(Path(path)) if kind == "parquet" else write_folder(Path(path), int(files))
        return
    cases = [case for case in args.cases.split(",") if case]
    print(f"Python {platform.python_version()} on {platform.machine()}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "trade.csv"
        write_trade_csv(path, args.rows)
        size = f"{path.stat().st_size / 2**20:.1f} MiB"
        # Written by a child: on Linux a process's ru_maxrss starts at its parent's peak at the
        # fork, so the driver must stay small (reading the file whole here made every case
        # report the driver's 385 MiB, polars included).
        if any(case in PARQUET_CASES for case in cases):
            write_in_a_child("parquet", path, args.files)
            size += f" (as Parquet {path.with_suffix('.parquet').stat().st_size / 2**20:.1f} MiB)"
        if any(case in FOLDER_CASES for case in cases):
            write_in_a_child("folder", path, args.files)
            size += f" (and in {args.files} files)"
        print(f"{args.rows:,} rows, {size}; {args.rounds} rounds\n")
        results: dict[str, list[dict[str, object]]] = {case: [] for case in cases}
        for _ in range(args.rounds):
            for case in cases:
                results[case].append(measure(case, path))
    report(results, files=args.files)
    print(
        f"the driver's own peak RSS: {driver_peak() / 2**20:.0f} MiB (on Linux each case's figure "
        "is at least this, its process starting from its parent's peak)"
    )


#: The other ratios the report prints: a label, the case, its baseline, and the digits of the
#: peak memory ratio (``None``: time only).
COMPARISONS: tuple[tuple[str, str, str, int | None], ...] = (
    (
        "TradeTable without pandas installed (the arrow extra alone) / polars lazy",
        "bare",
        "polars",
        1,
    ),
    ("table / polars reading every column", "table", "polars-all", 1),
    (
        "polars eager (the rows held as a table, no check) / polars lazy",
        "polars-eager",
        "polars",
        1,
    ),
    ("table / polars eager", "table", "polars-eager", 1),
    (
        "polars checked (the rows held, texts encoded, amounts checked and read) / polars lazy",
        "polars-checked",
        "polars",
        1,
    ),
    ("table / polars checked", "table", "polars-checked", 1),
    ("bare / polars reading every column", "bare", "polars-all", 1),
    ("read_parquet + summarize / polars lazy scan_parquet", "parquet", "polars-parquet", 1),
    ("scan_parquet / read_parquet", "scan-parquet", "parquet", 2),
    ("littlegiants trade --engine objects / --engine arrow", "cli-objects", "cli-arrow", None),
    ("littlegiants trade --engine scan / --engine arrow", "cli-scan", "cli-arrow", 2),
    ("object path / TradeTable", "objects", "table", None),
    ("records via TradeTable.to_records() / via load_trade_records", "table-records", "objects", 1),
    ("read_csv of the rows in {files} files / of one file", "folder", "table", 1),
    ("scan_csv of the rows in {files} files / of one file", "scan-folder", "scan", 1),
)


def report(results: dict[str, list[dict[str, object]]], *, files: int = FOLDER_FILES) -> None:
    print(
        f"{'case':14} {'median s':>9} {'lowest':>7} {'highest':>8} {'peak RSS MiB':>13} "
        f"{'Arrow pool MiB':>15} {'groups':>7} {'totals':>17}"
    )
    medians: dict[str, float] = {}
    peaks: dict[str, float] = {}
    for case, runs in results.items():
        times = [float(run["seconds"]) for run in runs]
        rss = max(int(run["maxrss"]) for run in runs) / 2**20
        arrow = [run["arrow"] for run in runs if run["arrow"] is not None]
        pool = f"{max(int(a) for a in arrow) / 2**20:15.0f}" if arrow else f"{'-':>15}"
        medians[case], peaks[case] = statistics.median(times), rss
        digests = {run["digest"] for run in runs}
        print(
            f"{case:14} {medians[case]:9.2f} {min(times):7.2f} {max(times):8.2f} {rss:13.0f} "
            f"{pool} {runs[0]['groups']:7} {','.join(sorted(digests)):>17}"
        )
    digests = {run["digest"] for runs in results.values() for run in runs}
    print("\nsame per-enterprise totals in every case:", "yes" if len(digests) == 1 else "NO")
    if "table" in medians and "polars" in medians:
        ratio = medians["table"] / medians["polars"]
        memory = peaks["table"] / peaks["polars"]
        print(
            f"TradeTable / polars lazy: time {ratio:.1f}x (target {TARGET}x: "
            f"{'met' if ratio <= TARGET else 'missed'}), peak memory {memory:.1f}x "
            f"(target {TARGET}x: {'met' if memory <= TARGET else 'missed'})"
        )
    for label, case, base, digits in COMPARISONS:
        if case in medians and base in medians:
            line = f"{label.format(files=files)}: time {medians[case] / medians[base]:.1f}x"
            if digits is not None:
                line += f", peak memory {peaks[case] / peaks[base]:.{digits}f}x"
            print(line)


if __name__ == "__main__":
    main()
