"""Tests of littlegiants.io: TradeTable and the batch functions give the object path's answers."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import itertools
import mmap
import operator
import re
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import attrs
import duckdb
import openpyxl
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from littlegiants import _arrays
from littlegiants import strategies as lgst
from littlegiants._exact import MIN_EXPONENT
from littlegiants.enterprise import Enterprise
from littlegiants.errors import (
    FloatAmountError,
    InvalidAmountError,
    InvalidRecordError,
    LittleGiantsError,
)
from littlegiants.fx import ExchangeRate, RateTable
from littlegiants.io import (
    TRADE_SCHEMA,
    TradeTable,
    batches,
    check_batch,
    merge_summaries,
    records_of,
    summarize_batch,
)
from littlegiants.io.datasets import HIVE_NULL
from littlegiants.io.tables import escape_formula
from littlegiants.loader import MAX_PROBLEMS, LoadError, load_trade_records
from littlegiants.money import Money
from littlegiants.trade import TradeRecord, TradeSummary, summarize


@pytest.fixture(autouse=True, scope="module")
def _laid_out_arrays() -> Iterator[None]:
    """The table's arrays laid out by ``littlegiants._arrays``, as where pandas is not imported.

    Another test of the run may have imported pandas, and then every array would go through
    ``pa.array`` (the path a notebook with pandas takes; ``tests/test_arrow_arrays.py`` holds
    the two equal array by array). These tests run the path a script or the command line
    takes, where pandas is not imported.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_arrays, "_asking_is_free", lambda: False)
        yield


_SLOW = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HEADERS = {
    "english": ["name", "credit_code", "period", "flow", "value", "currency", "previous", "growth"],
    "chinese": [
        "企业名称",
        "统一社会信用代码",
        "期间",
        "进出口",
        "金额",
        "币种",
        "上年同期",
        "同比",
    ],
}
CODES = ["91440300MA5000000G", "91440300MA5000001E", "123", ""]
NAMES = ["示例科技有限公司", "Hosin Global", "", " 有空格 ", "'=HYPERLINK(1)"]
PERIODS = ["2022-01..2022-10", "2022-03", "2022", "2021-12", "2022-13", "", " 2022-05 ", "2030-01"]
FLOWS = ["import", "export", "进口", "出口", "Import", "transit", ""]
CURRENCIES = ["USD", "CNY", "usd", " CNY ", "XYZ", ""]
#: Amounts a customs file should not hold, or holds rarely: of the last four, two fit the table
#: (Arrow's cast refused the 42 digits of the first, "data loss") and two are beyond the bounds
#: (which Arrow's cast read as other numbers, wrapped around in 128 bits).
ODD_VALUES = [
    *("-5", "1,234.50", "US$5", "5万元", "1e3", "", "0012.50", "abc", " 7", "1.5000000000"),
    *("1.5" + "0" * 40, "0" * 45 + "7.25", "9" * 39, "11" + "0" * 31),
]
GROWTHS = ["", "59%", "-95%", "-100%", "10", "+12.5%", "下降3.5%", "0%", "1000000000%"]


def _pointed(number: int, places: int) -> str:
    """A number's digits with a point before the last ``places`` of them (none if too few)."""
    digits = str(number)
    return f"{digits[:-places]}.{digits[-places:]}" if 0 < places < len(digits) else digits


#: Numbers of 1 to 43 digits (as likely as each other), a point among their last ten places
#: or none: a column of only these is read whole where it can be.
_NUMBERS = st.builds(
    _pointed,
    st.integers(1, 43).flatmap(lambda width: st.integers(10 ** (width - 1), 10**width - 1)),
    st.integers(0, 9),
)
#: Amounts of digits and points of any length: plain ones, with leading and trailing zeros,
#: beyond the bounds, finer than the table holds, and not amounts at all (".", "1.2.3").
_ANY_DIGITS = (
    _NUMBERS
    | st.from_regex(r"[0-9]{0,45}(\.[0-9]{0,70})?", fullmatch=True)
    | st.from_regex(r"0{0,60}[1-9][0-9]{0,35}\.[0-9]{0,8}0{0,70}", fullmatch=True)
    | st.text(alphabet="0123456789.", max_size=12)
)


def _plain(draw: st.DrawFn) -> str:
    cents = draw(st.integers(0, 10**12))
    return f"{cents // 100}.{cents % 100:02d}" if draw(st.booleans()) else str(cents)


@st.composite
def _row(draw: st.DrawFn) -> list[str]:
    value = _plain(draw) if draw(st.integers(0, 3)) else draw(st.sampled_from(ODD_VALUES))
    previous, growth = "", draw(st.sampled_from(GROWTHS))
    shape = draw(st.integers(0, 3))
    if shape == 1:
        previous = _plain(draw) if draw(st.booleans()) else draw(st.sampled_from(["-1", "x"]))
    elif shape == 2:  # both, agreeing as a source rounds them (or now and then not)
        cents = draw(st.integers(1, 10**10))
        percent = draw(st.integers(-90, 300))
        grown = cents * (100 + percent)
        previous = f"{cents // 100}.{cents % 100:02d}"
        value = f"{grown // 10000}.{grown % 10000:04d}"
        growth = f"{percent + draw(st.sampled_from([0, 0, 0, 1]))}%"
    return [
        draw(st.sampled_from(NAMES)),
        draw(st.sampled_from(CODES)),
        draw(st.sampled_from(PERIODS)),
        draw(st.sampled_from(FLOWS)),
        value,
        draw(st.sampled_from(CURRENCIES)),
        previous,
        growth,
    ]


@st.composite
def trade_files(draw: st.DrawFn) -> tuple[str, str | None]:
    """A trade CSV: a header of some columns, rows good and bad, sometimes not plain CSV."""
    header = draw(st.sampled_from(sorted(HEADERS)))
    names = HEADERS[header]
    keep = draw(
        st.lists(st.sampled_from(range(len(names))), min_size=1, max_size=len(names), unique=True)
    )
    rows = draw(st.lists(_row(), max_size=25))
    quote = draw(st.integers(0, 5)) == 0  # a quoted cell: the loader's own reader reads it
    blank = draw(st.integers(0, 5)) == 0  # a blank line, likewise
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    lines = [",".join(names[i] for i in keep)]
    for row in rows:
        cells = [row[i] for i in keep]
        if quote and cells:
            cells[0] = '"' + cells[0].replace('"', '""') + '"'
        lines.append(",".join(cells))
    if blank and len(lines) > 1:
        lines.insert(len(lines) // 2 + 1, "")
    return ending.join(lines) + ending, draw(st.sampled_from([None, "CNY"]))


def _loaded(
    path: Path, currency: str | None, as_of: dt.date | None = None
) -> tuple[object, object]:
    """What the object loader and the table give for a file (a result, or the error)."""
    try:
        result = load_trade_records(path, currency=currency, errors="collect", as_of=as_of)
        objects: object = (list(result.records), result.rejected, result.rows_read)
    except LittleGiantsError as exc:
        objects = (type(exc), str(exc))
    try:
        table = TradeTable.read_csv(path, currency=currency, errors="collect", as_of=as_of)
        columns: object = (list(table.to_records()), table.rejected, table.rows_read)
    except LittleGiantsError as exc:
        columns = (type(exc), str(exc))
    return objects, columns


class TestReadCsvAgreesWithTheLoader:
    @_SLOW
    @given(trade_files())
    @example(("name,period,flow,value\n甲,2022-01,import,-5\n\n乙,2022-02,export,7\n", None))
    @example(("name,period,flow,value,previous\n甲,2022-01,import,1.5" + "0" * 40 + ",2\n", "CNY"))
    @example(("name,period,flow,value,previous\n甲,2022-01,import,0,11" + "0" * 31 + "\n", "CNY"))
    @example(("name,period,flow,value\n甲,2022-01,import,-5\n,,,\n乙,2022-02,export,7\n,,,", None))
    @example(("name,period,flow,value\n甲,2022-01,import,5\n, ,,\n,,, ", None))
    @example(('period,flow,value,name,currency,序号\n2022-03,import,1,甲,USD,"\n', None))
    @example(("period,flow,value,name,currency,序号\n2022-03,import,1,甲,USD,a\x00\n", None))
    def test_same_records_rejections_and_problems(self, tmp_path: Path, drawn):
        """read_csv(errors="collect") gives the loader's records, rejected rows and problems."""
        text, currency = drawn
        path = tmp_path / "trade.csv"
        path.write_text(text, encoding="utf-8")
        objects, columns = _loaded(path, currency)
        assert objects == columns

    @_SLOW
    @given(
        st.lists(
            st.tuples(_NUMBERS | _ANY_DIGITS, st.just("") | _ANY_DIGITS, st.sampled_from(GROWTHS)),
            min_size=1,
            max_size=6,
        )
    )
    @example([("9" * 39, "", ""), ("1.50", "", "")])
    @example([("0", "11" + "0" * 31, ""), ("1.50", "", "")])
    def test_amounts_of_any_digits_as_the_loader_reads_them(self, tmp_path: Path, rows):
        """Amounts of digits and points, of any length, read as the loader reads them.

        Whether a column of them is read whole or text by text, a row's amounts are the
        loader's or the row is rejected with its problems; an amount the loader takes that the
        table cannot hold (finer than 1E-7) stops both readers alike (not compared here).
        """
        path = tmp_path / "trade.csv"
        lines = [f"甲,2022-03,import,{v},{p},{g}" for v, p, g in rows]
        text = "\n".join(["name,period,flow,value,previous,growth", *lines]) + "\n"
        path.write_text(text, encoding="utf-8")
        objects, columns = _loaded(path, "CNY")
        assume(not (isinstance(columns, tuple) and "cannot hold exactly" in str(columns[-1])))
        assert objects == columns

    @_SLOW
    @given(trade_files())
    @example(
        (
            "name,period,flow,value,currency\n甲,2022-01,import,1,CNY\n乙,2023-05,export,2,CNY\n",
            None,
        )
    )
    def test_as_of_refuses_the_same_rows(self, tmp_path: Path, drawn):
        """With ``as_of``, a period ending after it is refused by both, on the same rows.

        The table's own check (each distinct period once) and the scan's, against the loader's.
        """
        text, currency = drawn
        path = tmp_path / "trade.csv"
        path.write_text(text, encoding="utf-8")
        as_of = dt.date(2022, 6, 30)
        objects, columns = _loaded(path, currency, as_of)
        assert objects == columns
        options = {"currency": currency, "errors": "collect", "as_of": as_of}
        rates = RateTable([ExchangeRate("USD", "CNY", rate=Decimal("7.2"), on=dt.date(2020, 1, 1))])
        assert _outcome(
            lambda: TradeTable.read_csv(path, **options).summarize(currency="CNY", rates=rates)
        ) == _outcome(
            lambda: TradeTable.scan_csv(path, **options).summarize(currency="CNY", rates=rates)
        )

    @_SLOW
    @given(trade_files())
    def test_strict_raises_the_same_error(self, tmp_path: Path, drawn):
        """In strict mode both raise the same LoadError (or both load the same records)."""
        text, currency = drawn
        path = tmp_path / "trade.csv"
        path.write_text(text, encoding="utf-8")
        try:
            expected: object = load_trade_records(path, currency=currency)
        except LittleGiantsError as exc:
            expected = str(exc)
        try:
            actual: object = list(TradeTable.read_csv(path, currency=currency).to_records())
        except LittleGiantsError as exc:
            actual = str(exc)
        assert expected == actual

    def test_seed_article_figures(self, tmp_path: Path):
        """Hosin's Jan–Oct 2022 trade (Shenzhen Daily, 2022-11-23) reads and sums exactly."""
        path = tmp_path / "trade.csv"
        path.write_text(
            "企业名称,期间,进出口,金额,币种,同比\n"
            "Shenzhen Hosin Global Electronics Co. Ltd.,2022-01..2022-10,进口,99200000,USD,59%\n"
            "Shenzhen Hosin Global Electronics Co. Ltd.,2022-01..2022-10,出口,27590000,USD,109%\n",
            encoding="utf-8",
        )
        table = TradeTable.read_csv(path)
        summary = table.summarize(currency="USD")
        assert summarize(load_trade_records(path), currency="USD") == summary
        assert Money("126790000", "USD") == summary.total
        assert "+67.73" == str(summary.growth)[:6]

    def test_a_growth_given_in_the_file_is_kept(self, tmp_path: Path):
        """A file whose rows all state 5% sums to 5% exactly, as the object path, merged or not."""
        path = tmp_path / "trade.csv"
        path.write_text(
            "企业名称,期间,进出口,金额,币种,同比\n"
            "示例科技有限公司,2022-01..2022-10,进口,100,CNY,5%\n"
            "示例科技有限公司,2022-01..2022-10,出口,7,CNY,5%\n"
            "另一家公司,2022-01..2022-10,出口,9,CNY,6%\n",
            encoding="utf-8",
        )
        table = TradeTable.read_csv(path)
        expected = summarize(load_trade_records(path), currency="CNY", by="enterprise")
        summary = table.summarize(currency="CNY", by="enterprise")
        batches = table.to_arrow().to_batches(max_chunksize=1)
        merged = merge_summaries(
            summarize_batch(b, currency="CNY", by="enterprise") for b in batches
        )
        assert _view(expected) == _view(summary) == _view(merged)
        assert "Growth(Decimal('0.05'))" == repr(summary.by_group["示例科技有限公司"].growth)
        assert summary.overall.stated_growth is None

    def test_gb18030_file_is_read_by_the_loaders_reader(self, tmp_path: Path):
        """A GB18030 file (not UTF-8) reads as the loader reads it."""
        path = tmp_path / "trade.csv"
        path.write_bytes(
            "企业名称,期间,进出口,金额,币种\n示例,2022-03,进口,5,CNY\n".encode("gb18030")
        )
        assert load_trade_records(path) == list(TradeTable.read_csv(path).to_records())

    def test_unit_in_the_header(self, tmp_path: Path):
        """金额（万元） scales every amount as the loader does."""
        path = tmp_path / "trade.csv"
        path.write_text(
            "企业名称,期间,进出口,金额（万元）\n示例,2022-03,进口,1.25\n", encoding="utf-8"
        )
        records = list(TradeTable.read_csv(path).to_records())
        assert load_trade_records(path) == records
        assert Money("12500.00", "CNY") == records[0].value

    def test_amount_finer_than_the_table_holds_is_a_clear_error(self, tmp_path: Path):
        """An amount with a digit below 1E-7 is refused in both modes, never rounded."""
        path = tmp_path / "trade.csv"
        path.write_text("name,period,flow,value,currency\nx,2022-03,import,1.12345678,CNY\n")
        assert 1 == len(load_trade_records(path))
        for errors in ("strict", "collect"):
            with pytest.raises(LoadError, match=r"line 2, column value: .*finer than 1E-7"):
                TradeTable.read_csv(path, errors=errors)

    def test_same_argument_errors(self, tmp_path: Path):
        """Bad arguments are refused as the loader refuses them."""
        path = tmp_path / "trade.csv"
        path.write_text("name,period,flow,value\n")
        for kwargs in ({"errors": "lenient"}, {"currency": "RMB"}, {"as_of": "2022-01-01"}):
            with pytest.raises(LittleGiantsError) as loader:
                load_trade_records(path, **kwargs)
            with pytest.raises(LittleGiantsError) as table:
                TradeTable.read_csv(path, **kwargs)
            assert str(loader.value) == str(table.value)


# -- summaries ------------------------------------------------------------------------------------

FIRMS = [
    Enterprise("示例科技有限公司", region="440300"),
    Enterprise("甲公司", credit_code="91440300MA5000000G"),
    Enterprise("乙公司"),
]


def _view(summary: TradeSummary) -> object:
    """A summary with every amount as its repr: equal only when equal bit for bit."""

    def flow(part):
        previous = part.previous_total
        return (
            part.flow,
            repr(part.total),
            None if previous is None else repr(previous),
            part.record_count,
            part.missing_previous,
            sorted(part.enterprise_keys),
            repr(part.growth),
        )

    return (
        summary.currency,
        flow(summary.overall),
        [flow(f) for f in summary.flows],
        [(key, _view(group)) for key, group in summary.groups],
    )


def _outcome(run) -> object:
    try:
        return _view(run())
    except LittleGiantsError as exc:
        return (type(exc), str(exc))


_RECORDS = st.lists(
    lgst.trade_records(
        enterprise=st.sampled_from(FIRMS) | lgst.enterprises(),
        currency=st.sampled_from(["CNY", "USD", "JPY"]),
    ),
    max_size=12,
)
_RATES = st.none() | lgst.rate_tables(base=st.sampled_from(["CNY", "USD", "JPY"]), max_size=6)


def _by_month(record: TradeRecord) -> str:
    """A grouping function: the month the record's period ends in."""
    return f"{record.period.end:%Y-%m}"


def _by_flow(record: TradeRecord) -> object:
    """A grouping function that returns no text (a flow): refused by both, the same way."""
    return record.flow


_BY = st.sampled_from([None, "region", "level", "enterprise", "flow?", _by_month, _by_flow])


class TestSummarizeAgreesWithObjects:
    @_SLOW
    @given(_RECORDS, st.sampled_from(["CNY", "USD"]), _RATES, _BY)
    def test_same_summary_or_same_error(self, records, currency, rates, by):
        """TradeTable.summarize equals summarize bit for bit, or raises the same error."""
        table = TradeTable.from_records(records)
        expected = _outcome(lambda: summarize(records, currency=currency, rates=rates, by=by))
        actual = _outcome(lambda: table.summarize(currency=currency, rates=rates, by=by))
        assert expected == actual

    @pytest.mark.parametrize(
        ("others", "expected"),
        [
            # 乙公司's record states no prior-year value: the whole and the export flow lack one,
            # 甲公司's group has its own, implied by its growth (110 / 1.10).
            ([TradeRecord(FIRMS[2], "2022-03", "export", Money("50", "CNY"))], Money("100", "CNY")),
            # 甲公司's own second record lacks one: no cell has every prior-year value.
            ([TradeRecord(FIRMS[1], "2022-04", "export", Money("50", "CNY"))], None),
        ],
    )
    def test_implied_prior_values_where_some_records_lack_one(self, others, expected):
        """A growth implies a prior-year value in the groups whose records all have one.

        The table adds the implied values only to cells that lack none (the derandomised
        property run above never drew such records).
        """
        records = [
            TradeRecord(FIRMS[1], "2022-03", "export", Money("110", "CNY"), growth="10%"),
            *others,
        ]
        table = TradeTable.from_records(records).summarize(currency="CNY", by="enterprise")
        objects = summarize(records, currency="CNY", by="enterprise")
        assert _view(objects) == _view(table)
        groups = dict(table.groups)
        assert (expected, None) == (
            groups["91440300MA5000000G"].previous_total,
            table.previous_total,
        )

    @_SLOW
    @given(_RECORDS, st.sampled_from(["CNY", "USD"]), _RATES, st.sampled_from([None, "region"]))
    def test_batches_merge_to_the_whole(self, records, currency, rates, by):
        """Summaries of batches, merged, equal the summary of all the records."""
        batch = TradeTable.from_records(records).to_arrow()
        expected = _outcome(lambda: summarize(records, currency=currency, rates=rates, by=by))

        def merged() -> TradeSummary:
            parts = [
                summarize_batch(part, currency=currency, rates=rates, by=by)
                for part in batch.to_batches(max_chunksize=3)
            ] or [summarize_batch(batch, currency=currency, rates=rates, by=by)]
            return merge_summaries(parts)

        assert expected == _outcome(merged)

    def test_concat_makes_equal_firms_one(self):
        """Equal firms of different tables are one enterprise, the same object or not."""
        one, equal = Enterprise("Hosin Global"), Enterprise("Hosin Global")
        other = Enterprise("甲公司")
        tables = [
            TradeTable.from_records([TradeRecord(firm, "2022-03", "import", Money(n, "USD"))])
            for n, firm in enumerate((one, other, equal, one, other), start=1)
        ]
        year = TradeTable.concat(tables)
        assert ([one, other], [1, 2, 3, 4, 5]) == (
            list(year.enterprises),
            [int(record.value.amount) for record in year.to_records()],
        )
        assert [one, other, one, one, other] == [r.enterprise for r in year.to_records()]
        assert year.enterprises[0] is one  # the first met

    @_SLOW
    @given(_RECORDS, st.lists(st.integers(0, 12), max_size=3), st.sampled_from(["CNY", "USD"]))
    def test_concat_is_the_table_of_all_records(self, records, cuts, currency):
        """Tables of parts of the records, concatenated, are the table of them all.

        The same records (enterprises included), each enterprise once, and the same summary.
        """
        edges = sorted({0, len(records), *(min(cut, len(records)) for cut in cuts)})
        parts = [records[start:end] for start, end in itertools.pairwise(edges)]
        table = TradeTable.concat(TradeTable.from_records(part) for part in parts)
        assert records == list(table.to_records())
        assert len(set(table.enterprises)) == len(table.enterprises)
        assert {r.enterprise for r in records} == set(table.enterprises)
        by = "enterprise"
        expected = _outcome(lambda: summarize(records, currency=currency, by=by))
        assert expected == _outcome(lambda: table.summarize(currency=currency, by=by))

    def test_concat_keeps_every_files_rejected_rows(self, tmp_path: Path):
        """Two files read with errors="collect": each rejected row names its own file."""
        tables = []
        for month in ("01", "13"):
            path = tmp_path / f"trade-{month}.csv"
            path.write_text(f"name,period,flow,value,currency\n甲,2022-{month},import,5,CNY\n")
            tables.append(TradeTable.read_csv(path, errors="collect"))
        table = TradeTable.concat(tables)
        assert (1, 2) == (len(table), table.rows_read)
        assert [str(tmp_path / "trade-13.csv")] == [problem.path for problem in table.problems]
        with pytest.raises(InvalidRecordError, match="TradeTables"):
            TradeTable.concat(tables[0])
        assert 0 == len(TradeTable.concat([]))

    @_SLOW
    @given(_RECORDS)
    def test_records_round_trip(self, records):
        """records -> table -> records is the identity (enterprises and exponents included)."""
        back = list(TradeTable.from_records(records).to_records())
        assert records == back
        assert [repr(r.value) for r in records] == [repr(r.value) for r in back]
        assert [
            r.enterprise is s.enterprise or r.enterprise == s.enterprise
            for r, s in zip(records, back, strict=True)
        ] == [True] * len(records)

    def test_missing_rate_is_the_same_error(self):
        """A USD record without a USD->CNY rate raises summarize's RateNotFoundError."""
        record = TradeRecord(FIRMS[0], "2022-03", "import", Money("5", "USD"))
        rates = RateTable([ExchangeRate("USD", "CNY", rate="6.5", on=dt.date(2023, 1, 1))])
        with pytest.raises(LittleGiantsError) as expected:
            summarize([record], currency="CNY", rates=rates)
        with pytest.raises(type(expected.value)) as actual:
            TradeTable.from_records([record]).summarize(currency="CNY", rates=rates)
        assert (expected.value.base, expected.value.quote, expected.value.on) == (
            actual.value.base,
            actual.value.quote,
            actual.value.on,
        )
        assert str(expected.value) == str(actual.value)

    def test_a_grouping_function_groups_as_summarize(self):
        """A function's keys group the table's rows as ``summarize`` groups the records.

        (The property above draws few records a function groups without falling back to the
        records, as a missing rate does.)
        """
        records = [
            TradeRecord(
                FIRMS[month % 3],
                f"2022-{month:02d}",
                "import" if month % 2 else "export",
                Money(f"{month}.5", "CNY"),
                previous=Money(month, "CNY"),
            )
            for month in (3, 1, 2, 3, 1)
        ]
        table = TradeTable.from_records(records).summarize(currency="CNY", by=_by_month)
        objects = summarize(records, currency="CNY", by=_by_month)
        assert _view(objects) == _view(table)
        assert [("2022-01", Money("3.0", "CNY")), ("2022-03", Money("7.0", "CNY"))] == [
            (key, group.total) for key, group in table.groups if key != "2022-02"
        ]

    def test_a_scan_refuses_a_grouping_function(self, tmp_path: Path):
        """A scan cannot call a function on records it never builds: it says to read a table."""
        path = tmp_path / "trade.csv"
        path.write_text("name,period,flow,value,currency\n甲,2022-06,import,1,CNY\n")
        with pytest.raises(InvalidRecordError, match="read a TradeTable for a function"):
            TradeTable.scan_csv(path).summarize(currency="CNY", by=_by_month)
        assert ["2022-06"] == [
            key
            for key, _ in TradeTable.read_csv(path).summarize(currency="CNY", by=_by_month).groups
        ]

    def test_batch_functions_refuse_what_they_cannot_read(self):
        """Each batch function refuses a wrong argument clearly, as its docstring says.

        A grouping function is called on the batch's records (``summarize``'s own result).
        """
        records = [
            TradeRecord(FIRMS[1], "2022-03", "export", Money("12.50", "CNY")),
            TradeRecord(FIRMS[2], "2022-04", "import", Money("3", "CNY")),
        ]
        batch = TradeTable.from_records(records).to_arrow()
        assert _view(summarize(records, currency="CNY", by=_by_month)) == _view(
            summarize_batch(batch, currency="CNY", by=_by_month)
        )
        with pytest.raises(InvalidRecordError, match="rates must be a RateTable"):
            summarize_batch(batch, currency="CNY", rates={"USD": Decimal(7)})
        with pytest.raises(InvalidRecordError, match="merge at least one summary"):
            merge_summaries([])
        with pytest.raises(InvalidRecordError, match="expected a pyarrow RecordBatch or Table"):
            summarize_batch(records, currency="CNY")
        with pytest.raises(LoadError, match=r"t\.csv"):  # no value column: not a trade file
            check_batch(pa.table({"name": ["甲"], "period": ["2022-01"]}), path="t.csv")
        finer = pa.table(
            {"name": ["甲"], "period": ["2022-01"], "flow": ["import"], "value": ["1.00000001"]}
        )
        with pytest.raises(LoadError, match="finer than 1E-7"):
            check_batch(finer, currency="CNY")
        odd = batch.set_column(
            batch.schema.get_field_index("currency"),
            "currency",
            pa.array([" cny ", "CNY"]).dictionary_encode(),
        )
        # A code not as written is read as TradeRecord(...) reads it, one record at a time.
        assert [Money("12.50", "CNY"), Money("3", "CNY")] == [r.value for r in records_of(odd)]

    def test_level_needs_designations_in_a_batch(self):
        """A batch carries no designations: grouping one by level is refused, clearly."""
        batch = TradeTable.from_records([]).to_arrow()
        with pytest.raises(InvalidRecordError, match="no designations"):
            summarize_batch(batch, currency="CNY", by="level")


#: One cell of a TRADE_SCHEMA table changed to a value a record may refuse (or accept).
_ODD_CELLS = [
    ("value", Decimal(-5)),
    ("value", None),
    ("value", Decimal("1.2345678")),
    ("value_exponent", 2),
    ("value_exponent", -9),
    ("value_exponent", None),
    ("previous", Decimal(3)),
    ("previous", Decimal(-1)),
    ("previous_exponent", None),
    ("currency", "XYZ"),
    ("currency", "cny"),
    ("currency", None),
    ("period_start", dt.date(2030, 1, 1)),
    ("period_end", None),
    ("flow", "transit"),
    ("flow", None),
    ("growth", "abc"),
    ("growth", "0.59"),
    ("growth", "-2"),
    ("source", "'=x"),
    ("name", ""),
    ("credit_code", "123"),
    ("region", "999999"),
]


@st.composite
def odd_tables(draw: st.DrawFn) -> pa.Table:
    """TRADE_SCHEMA tables of records with a few cells changed, as a hand-built table has them.

    Now and then a text column's dictionary also holds a text no row uses ("transit").
    """
    records = draw(_RECORDS)
    table = TradeTable.from_records(records).to_arrow()
    columns = {name: table.column(name).to_pylist() for name in table.column_names}
    for _ in range(draw(st.integers(0, 3)) if records else 0):
        name, value = draw(st.sampled_from(_ODD_CELLS))
        columns[name][draw(st.integers(0, len(records) - 1))] = value
    arrays = {
        name: pa.array(cells, TRADE_SCHEMA.field(name).type) for name, cells in columns.items()
    }
    if draw(st.booleans()):
        flows = arrays["flow"]
        dictionary = pa.array([*flows.dictionary.to_pylist(), "transit"])
        arrays["flow"] = pa.DictionaryArray.from_arrays(flows.indices, dictionary)
    return pa.table(arrays)


def _records_until_error(records) -> object:
    """The records an iterator gives, then the type and text of the error that stopped it."""
    found = []
    try:
        for record in records:
            found.append((record, repr(record.value), repr(record.previous)))
    except (LittleGiantsError, ArithmeticError, ValueError, TypeError) as exc:
        return found, type(exc), str(exc)
    return found, None, None


class TestRecordsOf:
    @_SLOW
    @given(odd_tables(), st.sampled_from([1, 3, 65_536]))
    def test_column_path_is_the_one_by_one_path(self, table, chunk):
        """records_of gives what TradeRecord(...) row by row gives: records, then the same error.

        The good rows before a bad one come first, as a lazy iterator gives them, whatever the
        chunk the column-wise path builds at a time.
        """

        def one_by_one():
            firms: dict = {}
            first = 1
            for part in table.to_batches(max_chunksize=chunk):
                given = batches._given_enterprises(part, None, firms)
                yield from batches._records_one_by_one(part, given, first)
                first += part.num_rows

        saved = batches._RECORDS_AT_ONCE
        batches._RECORDS_AT_ONCE = chunk
        try:
            actual = _records_until_error(records_of(table))
        finally:
            batches._RECORDS_AT_ONCE = saved
        assert _records_until_error(one_by_one()) == actual

    def test_a_null_where_a_record_needs_a_value(self):
        """A hand-built table with a null amount is refused naming the row and the column.

        It once escaped as a bare AttributeError, from ``records_of`` and ``from_arrow``.
        """
        record = TradeRecord(FIRMS[0], "2022-03", "import", Money("5", "CNY"))
        table = TradeTable.from_records([record, record]).to_arrow()
        at = table.schema.get_field_index("value")
        table = table.set_column(at, "value", pa.array([Decimal(5), None], pa.decimal128(38, 7)))
        for read, line in (
            (lambda: list(records_of(table)), 2),
            (lambda: TradeTable.from_arrow(table), 3),  # row 1 on line 2, as from a CSV file
        ):
            with pytest.raises(InvalidRecordError) as caught:
                read()
            assert (line, "value") == (caught.value.location.line, caught.value.location.field)
            assert "a record needs this value: it is null" in str(caught.value)

    def test_a_bad_typed_row_names_its_file_and_line(self, tmp_path: Path):
        """A TRADE_SCHEMA row a record refuses names its row, and its file when read from one.

        Such an error once named neither: the value and the reason, but not where.
        """
        records = [
            TradeRecord(FIRMS[0], f"2022-{month:02d}", "import", Money(month, "USD"))
            for month in range(1, 6)
        ]
        table = TradeTable.from_records(records).to_arrow()
        values = pa.array(
            [Decimal(m) if m != 4 else Decimal(-4) for m in range(1, 6)], pa.decimal128(38, 7)
        )
        table = table.set_column(table.schema.get_field_index("value"), "value", values)
        folder = tmp_path / "typed"
        folder.mkdir()
        path = folder / "part-0.parquet"
        pq.write_table(table, path)
        for read, where in (
            (lambda: list(records_of(table)), (None, 4)),
            (lambda: list(records_of(table, first_row=2)), (None, 5)),
            (lambda: TradeTable.from_arrow(table, path="t.arrow"), ("t.arrow", 5)),
            (lambda: TradeTable.read_parquet(path), (str(path), 4)),
            (
                lambda: TradeTable.scan_parquet(path, batch_size=2).summarize(currency="USD"),
                (str(path), 4),
            ),
        ):
            with pytest.raises(InvalidRecordError, match="cannot be negative") as caught:
                read()
            assert where == (caught.value.location.path, caught.value.location.line)

    def test_a_million_rows_are_built_a_column_at_a_time(self, monkeypatch):
        """A plain table never reaches the one-by-one path (it once took 19 s for 1M rows)."""

        def refuse(part, given, first):
            raise AssertionError("built one by one")

        monkeypatch.setattr(batches, "_records_one_by_one", refuse)
        records = [
            TradeRecord(
                FIRMS[i % 3],
                f"2022-{i % 12 + 1:02d}",
                "export" if i % 2 else "import",
                Money(f"{i}.{i % 100:02d}", "CNY" if i % 3 else "USD"),
                previous=Money(f"{i + 1}", "CNY" if i % 3 else "USD") if i % 5 else None,
                growth=None,
                source="海关" if i % 7 else None,
            )
            for i in range(3000)
        ]
        assert records == list(TradeTable.from_records(records).to_records())


@st.composite
def decimal_columns(draw: st.DrawFn) -> tuple[pa.DataType, list[Decimal]]:
    """A decimal type of any precision and scale (negative too), and amounts it holds."""
    wide = draw(st.booleans())
    precision = draw(st.integers(1, 76 if wide else 38))
    scale = draw(st.integers(-3, precision))
    type_ = (pa.decimal256 if wide else pa.decimal128)(precision, scale)
    exact = decimal.Context(prec=100)
    digits = st.integers(0, 10**precision - 1)
    amounts = st.lists(digits.map(lambda n: Decimal(n).scaleb(-scale, context=exact)), max_size=5)
    return type_, draw(amounts.filter(bool))


class TestLimitsAndTypes:
    def test_amount_finer_than_1e_7_is_refused(self):
        """from_records refuses an amount the decimal128(38, 7) column cannot hold exactly.

        The error counts the records to the first such amount (a value or a prior-year one).
        """
        good = TradeRecord(FIRMS[0], "2022-03", "import", Money("1", "CNY"))
        record = TradeRecord(FIRMS[0], "2022-03", "import", Money("0.00000001", "CNY"))
        with pytest.raises(InvalidAmountError, match=r"record 1 .*finer than 1E-7"):
            TradeTable.from_records([record])
        prior = attrs.evolve(good, previous=Money("2.000000001", "CNY"))
        with pytest.raises(InvalidAmountError, match=r"record 3 .*finer than 1E-7") as info:
            TradeTable.from_records([good, good, prior, record])
        assert Decimal("2.000000001") == info.value.value

    @given(
        st.decimals(allow_nan=True, allow_infinity=True)
        | st.builds(
            Decimal,
            st.from_regex(r"-?[0-9]{1,40}(\.[0-9]{1,12})?(E[+-]?[0-9]{1,2})?", fullmatch=True),
        )
    )
    @example(Decimal("1E+31"))
    @example(Decimal("0E+40"))
    @example(Decimal("0E-70"))
    @example(Decimal("1.5000000000000"))
    @example(Decimal("9.999999999999917497870561418306160E-33"))  # Arrow took it as 0
    @example(Decimal("1.5" + "0" * 62))  # fits; Arrow refused it ("data loss")
    @example(Decimal("NaN"))
    def test_amounts_reach_arrow_exactly(self, amount):
        """An amount that fits reaches Arrow equal to itself; one that does not is refused.

        ``from_records`` checks a column of amounts by quantizing it to the table's scale in
        one C call (``_at_scale``): it must take exactly the amounts ``_fits`` takes, and
        Arrow must hold each as it is (its own rescaling is not exact; a random run of this
        test found an amount it took as 0).
        """
        scaled = batches._at_scale([amount])
        assert batches._fits(amount) == (scaled is not None)
        if scaled is not None:
            assert [amount] == pa.array(scaled, batches.AMOUNT).to_pylist()
        if scaled is not None and amount.as_tuple().exponent >= MIN_EXPONENT:  # Money's bound
            record = TradeRecord(FIRMS[0], "2022-03", "import", Money(amount.copy_abs(), "CNY"))
            assert [record] == list(TradeTable.from_records([record]).to_records())

    @given(
        st.lists(
            st.from_regex(r"0{0,40}[0-9]{1,33}(\.[0-9]{0,9}0{0,60})?", fullmatch=True)
            | st.from_regex(r"[1-9][0-9]{29,40}(\.[0-9]{0,40})?", fullmatch=True)
            | st.text(alphabet="0123456789.", max_size=12)
            | st.sampled_from(
                ["", ".", "1.", ".5", "1..2", "1.2.3", "-1", "+1", "1e5", " 1", "١٢"]
            ),
            min_size=1,
            max_size=8,
        ),
        st.booleans(),
    )
    @example(["9" * 39], False)  # Arrow's cast read it as a negative number (wrapped around)
    @example(["11" + "0" * 31], False)  # and this as another number
    @example(["1" * 31 + "." + "1" * 30], False)
    @example(["0" * 40 + "5"], False)  # leading zeros the pattern takes
    @example(["1." + "0" * 64], False)  # the pattern's most places
    @example(["1.1234567" + "0" * 57, "2"], False)
    @example(["1." + "0" * 65], False)
    @example(["1" * 31 + ".1234567"], False)
    @example(["1" * 32], False)
    @example(["1.12345678"], False)
    @example(["0" * 50 + "1"], False)
    @example(["5.", "1"], False)
    @example([".5", "1"], False)
    @example(["1.2.3", "4"], False)
    @example(["", "1.5"], True)
    @example(["", "1.5"], False)
    @example(["", ""], True)
    def test_a_column_read_whole_reads_as_each_text_alone(self, texts, empty_ok):
        """An amount column decided whole gives what the pattern gives text by text.

        ``_all_plain`` takes a column only when every text fits (or is empty, where allowed),
        in cheaper steps than the plain-amount pattern; when it takes one, its refusals,
        amounts and exponents must be the pattern's, and the pattern must refuse nothing.
        Either way ``_amounts`` gives the pattern's answer.
        """
        column = pa.array(texts, pa.string())
        by_pattern = batches._amounts_by_pattern(column, empty_ok=empty_ok)
        whole = batches._all_plain(column, empty_ok=empty_ok)
        if whole is not None:
            assert not pc.any(by_pattern[0]).as_py()
            assert all(map(pa.Array.equals, whole, by_pattern))
        assert all(map(pa.Array.equals, batches._amounts(column, empty_ok=empty_ok), by_pattern))

    @given(decimal_columns())
    @example((pa.decimal128(38, 7), [Decimal(0)]))  # Arrow wrote it 0E-7
    @example((pa.decimal128(38, 10), [Decimal("0E-10"), Decimal("1.000E-7"), Decimal("1.5")]))
    @example((pa.decimal128(5, -2), [Decimal("1.23E+4")]))  # Arrow wrote it 1.23E+4
    def test_a_decimal_column_gives_its_amounts(self, drawn):
        """A decimal amount column (Parquet's, polars' ``Decimal``) gives its amounts exactly.

        Arrow writes a decimal as text in scientific notation when it is small or its scale is
        negative (a zero of scale 7 as ``0E-7``), which the rows' reader refused ("E-7 is not
        a currency code"). Amounts beyond the bounds (1E+31, places past the 64th) are
        rejected as the loader rejects them; one finer than the table holds stops it.
        """
        type_, amounts = drawn
        count = len(amounts)
        raw = pa.table(
            {
                "name": ["甲"] * count,
                "period": ["2022-03"] * count,
                "flow": ["import"] * count,
                "value": pa.array(amounts, type_),
            }
        )
        held = raw["value"].to_pylist()  # at the column's scale
        kept = [a for a in held if a < Decimal("1E31") and a.as_tuple().exponent >= -64]
        seventh = Decimal("1E-7")
        if any(a != a.quantize(seventh, context=decimal.Context(prec=100)) for a in kept):
            with pytest.raises(LoadError, match="cannot hold exactly"):
                TradeTable.from_arrow(raw, currency="CNY", errors="collect")
            return
        table = TradeTable.from_arrow(raw, currency="CNY", errors="collect")
        found = [record.value.amount for record in table.to_records()]
        assert (kept, count - len(kept)) == (found, len(table.rejected))
        if type_.scale >= 0:  # written with the column's places
            assert [a.as_tuple() for a in kept] == [a.as_tuple() for a in found]

    def test_a_customs_column_is_read_whole(self):
        """Amounts as customs extracts write them are decided for the column at once."""
        for texts, empty_ok in ((["1.50", "20", "0.05", "000123.4500"], False), (["", "7"], True)):
            assert batches._all_plain(pa.array(texts, pa.string()), empty_ok=empty_ok) is not None

    def test_trailing_zeros_beyond_7_places_are_kept(self):
        """An amount written 1.5000000000 keeps its exponent (-10) through the table."""
        record = TradeRecord(FIRMS[0], "2022-03", "import", Money("1.5000000000", "CNY"))
        [back] = TradeTable.from_records([record]).to_records()
        assert "Money('1.5000000000', 'CNY')" == repr(back.value)

    def test_float_column_is_refused(self):
        """A float Arrow column is refused with FloatAmountError, never cast."""
        raw = pa.table({"name": ["x"], "period": ["2022-03"], "flow": ["import"], "value": [1.5]})
        with pytest.raises(FloatAmountError):
            TradeTable.from_arrow(raw, currency="CNY")
        with pytest.raises(FloatAmountError):
            check_batch(raw, currency="CNY")

    def test_schema_and_polars(self):
        """to_arrow has TRADE_SCHEMA; to_polars keeps amounts as exact decimals."""
        record = TradeRecord(FIRMS[1], "2022-03", "export", Money("12.50", "CNY"))
        table = TradeTable.from_records([record])
        assert TRADE_SCHEMA == table.to_arrow().schema
        frame = table.to_polars()
        assert pl.Decimal(38, 7) == frame.schema["value"]
        assert [Decimal("12.5000000")] == frame["value"].to_list()

    def test_typed_arrow_reads_back(self):
        """from_arrow(to_arrow()) gives the same records (enterprises rebuilt from columns)."""
        records = [
            TradeRecord(FIRMS[1], "2022-03", "export", Money("12.50", "CNY"), growth="5%"),
            TradeRecord(FIRMS[0], "2021", "import", Money("1", "USD"), previous=Money("2", "USD")),
        ]
        back = list(TradeTable.from_arrow(TradeTable.from_records(records).to_arrow()).to_records())
        assert records == back
        assert records == list(records_of(TradeTable.from_records(records).to_arrow()))

    def test_arrow_data_of_every_shape(self):
        """A table, a record batch and an iterable of batches are the same data; others refused.

        Typed columns that do not fit TRADE_SCHEMA exactly are refused with the file's name.
        """
        records = [
            TradeRecord(FIRMS[1], "2022-03", "export", Money("12.50", "CNY")),
            TradeRecord(FIRMS[2], "2022-04", "import", Money("3", "USD")),
        ]
        table = TradeTable.from_records(records).to_arrow()
        for data in (table, table.to_batches()[0], iter(table.to_batches(max_chunksize=1))):
            assert records == list(TradeTable.from_arrow(data).to_records())
        for data in ("trade.csv", 5, [], [table], [table.to_batches()[0], "row"]):
            with pytest.raises(InvalidRecordError, match="expected a pyarrow Table"):
                TradeTable.from_arrow(data)
        with pytest.raises(InvalidRecordError, match="errors= must be"):
            TradeTable.from_arrow(table, errors="lenient")
        wide = table.set_column(
            table.schema.get_field_index("value_exponent"),
            "value_exponent",
            pa.array([2, 300], pa.int64()),  # 300 is no int8
        )
        with pytest.raises(InvalidRecordError, match=r"t\.arrow.*do not fit TRADE_SCHEMA exactly"):
            TradeTable.from_arrow(wide, path="t.arrow")
        with pytest.raises(InvalidRecordError, match="a sequence of TradeTables"):
            TradeTable.concat([TradeTable.from_records(records), table])

    def test_dictionary_columns_with_nulls_are_text(self):
        """Dictionary columns (a polars Categorical) read as their texts, a null as an empty cell.

        Both once crashed: an amount column that is a dictionary (no regex kernel for it), and
        a null in a dictionary column (a null index), with a bare pyarrow or Python error.
        """
        names = pa.array(["甲", None, "乙"]).dictionary_encode()
        values = pa.array(["1", "2", "x"]).dictionary_encode()
        raw = {"period": ["2022-01"] * 3, "flow": ["import"] * 3, "currency": ["CNY"] * 3}
        table = TradeTable.from_arrow(
            pa.table({"name": names, **raw, "value": values}), errors="collect", first_line=1
        )
        found = [(problem.line, problem.column) for problem in table.problems]
        assert ([2, 3], ["name", "value"]) == tuple(map(list, zip(*found, strict=True)))
        assert [Money("1", "CNY")] == [record.value for record in table.to_records()]

    def test_polars_frame_reads_back(self):
        """to_polars() reads back with from_polars(); text frames are checked as a CSV's rows."""
        records = [TradeRecord(FIRMS[1], "2022-03", "import", Money("7.2500", "USD"))]
        frame = TradeTable.from_records(records).to_polars()
        assert records == list(TradeTable.from_polars(frame).to_records())
        texts = pl.DataFrame(
            {"name": ["甲", None], "period": ["2022-01", "2022-02"], "value": ["1", "2"]}
        ).with_columns(pl.col("name").cast(pl.Categorical), flow=pl.lit("import"))
        table = TradeTable.from_polars(texts, currency="CNY", errors="collect")
        assert [(3, "name")] == [(problem.line, problem.column) for problem in table.problems]
        with pytest.raises(InvalidRecordError, match="LazyFrame"):
            TradeTable.from_polars(texts.lazy())
        with pytest.raises(FloatAmountError):
            TradeTable.from_polars(texts.with_columns(value=pl.lit(1.5)))

    def test_parquet_round_trip(self, tmp_path: Path):
        """A table written to Parquet reads back with read_parquet."""
        records = [TradeRecord(FIRMS[2], "2022-03", "export", Money("7.25", "CNY"))]
        path = tmp_path / "trade.parquet"
        pq.write_table(TradeTable.from_records(records).to_arrow(), path)
        assert records == list(TradeTable.read_parquet(path).to_records())

    def test_parquet_of_text_columns_is_checked(self, tmp_path: Path):
        """A Parquet file of text columns is checked as a CSV's rows are (row 1 is line 1)."""
        path = tmp_path / "trade.parquet"
        raw = {"name": ["x", "y"], "period": ["2022-03", "2022-13"], "flow": ["import"] * 2}
        pq.write_table(pa.table({**raw, "value": ["1", "2"]}), path)
        table = TradeTable.read_parquet(path, currency="CNY", errors="collect")
        assert (1, [2]) == (len(table), [problem.line for problem in table.problems])


class TestReadXlsx:
    @staticmethod
    def _workbook(path: Path, rows: list[list[object]]) -> None:
        book = openpyxl.Workbook()
        sheet = book.active
        for row in rows:
            sheet.append(row)
        book.save(path)

    def test_same_records_and_problems_as_the_loader(self, tmp_path: Path):
        """read_xlsx(errors="collect") gives the loader's records, rejected rows and problems."""
        path = tmp_path / "trade.xlsx"
        self._workbook(
            path,
            [
                ["企业名称", "统一社会信用代码", "期间", "进出口", "金额", "币种", "同比"],
                [
                    "甲公司",
                    "91440300MA5000000G",
                    "2022-01..2022-10",
                    "进口",
                    "99200000",
                    "USD",
                    "59%",
                ],
                ["乙公司", "", "2022-13", "出口", "5", "CNY", ""],
                ["丙公司", "", "2022-03", "出口", "-1", "CNY", ""],
                ["丙公司", "", "2022-03", "transit", "12.50", "XYZ", ""],
                ["丙公司", "", "2022", "出口", "12.50", "CNY", "+3%"],
            ],
        )
        result = load_trade_records(path, errors="collect")
        table = TradeTable.read_xlsx(path, errors="collect")
        expected = (list(result.records), result.rejected, result.rows_read)
        assert expected == (list(table.to_records()), table.rejected, table.rows_read)
        assert (5, 2, 3) == (table.rows_read, len(table), len(table.rejected))
        with pytest.raises(LoadError) as loader:
            load_trade_records(path)
        with pytest.raises(LoadError) as columns:
            TradeTable.read_xlsx(path)
        assert str(loader.value) == str(columns.value)

    def test_amount_finer_than_the_table_holds_names_the_file(self, tmp_path: Path):
        """An amount finer than 1E-7 in a workbook is a LoadError naming the file, never rounded."""
        path = tmp_path / "trade.xlsx"
        self._workbook(
            path,
            [
                ["name", "period", "flow", "value", "currency"],
                ["x", "2022-03", "import", "1.12345678", "CNY"],
            ],
        )
        assert 1 == len(load_trade_records(path))
        found = r"(?s)trade\.xlsx: 1 problem.*record 1 has an amount .* finer than 1E-7"
        with pytest.raises(LoadError, match=found):
            TradeTable.read_xlsx(path)


class TestReadingPaths:
    def test_plain_file_is_read_by_arrow(self, tmp_path: Path, monkeypatch):
        """A plain UTF-8 file never reaches the loader's reader (Arrow's reader takes it)."""
        from littlegiants.io import arrow

        def refuse(self):
            raise AssertionError("the loader's reader was used")

        monkeypatch.setattr(arrow._CsvFile, "_slow", refuse)
        path = tmp_path / "trade.csv"
        path.write_text(
            "name,period,flow,value,currency,previous,growth\r\n"
            "甲公司,2022-03,import,10.00,CNY,8.00,25%\r\n"
            "乙公司,2022-13,export,1,CNY,,\r\n",
            encoding="utf-8-sig",
        )
        table = TradeTable.read_csv(path, errors="collect")
        result = load_trade_records(path, errors="collect")
        assert (list(result.records), result.rejected) == (list(table.to_records()), table.rejected)

    @pytest.mark.parametrize(
        "text",
        [
            "name,period,flow,value,currency\n甲公司,2022-03,import,10.00,CNY\n乙公司,2022-04,export,5,CNY\r",
            "name,period,flow,value,currency\r\n甲公司,2022-03,import,10.00,CNY\r\r\n",
            "name,period,flow,value,currency\n甲公司,2022-03,import,1,CNY\r乙公司,2022-04,export,2,CNY\n",
            "name,period,flow,value,currency\n甲公司,2022-03,import,1,CNY\n乙公司,2022-04,ex\rport,2,CNY\n",
        ],
    )
    def test_lone_carriage_return_gives_the_loaders_rows(self, tmp_path: Path, text: str):
        """A lone carriage return (Arrow ends a line there) gives the loader's records and lines."""
        path = tmp_path / "trade.csv"
        path.write_bytes(text.encode("utf-8"))
        table = TradeTable.read_csv(path, errors="collect")
        result = load_trade_records(path, errors="collect")
        expected = (list(result.records), result.rejected, result.rows_read)
        assert expected == (list(table.to_records()), table.rejected, table.rows_read)


_USD_CNY = RateTable([ExchangeRate("USD", "CNY", rate="7.2", on=dt.date(2020, 1, 1))])


#: How a file is read and summarised: errors=, rates= and by=.
_HOW = st.tuples(
    st.sampled_from(["strict", "collect"]),
    st.sampled_from([None, _USD_CNY]),
    st.sampled_from([None, "enterprise", "region"]),
)


def _scanned_fresh(scan: str, path: Path) -> list[str]:
    """A scan's rows read, its CNY total and Arrow's peak (bytes), in a fresh interpreter.

    ``scan`` calls ``TradeTable`` (``scan_csv(sys.argv[1], ...)``) with ``path`` as the
    argument: Arrow's peak is the process's, so only a new process measures one scan.
    """
    code = (
        "import sys, pyarrow as pa\n"
        "from littlegiants.io import TradeTable\n"
        f"scan = TradeTable.{scan}\n"
        "total = scan.summarize(currency='CNY').total\n"
        "print(scan.rows_read, total.amount, pa.default_memory_pool().max_memory())\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    return found.stdout.split()


def _scanned(read, how) -> object:
    """The summary of what ``read(errors)`` gives, with what it read, or the error it raised."""
    errors, rates, by = how
    try:
        found = read(errors)
        summary = found.summarize(currency="CNY", rates=rates, by=by)
    except LittleGiantsError as exc:
        return (type(exc), str(exc))
    return _view(summary), found.rejected, found.rows_read


def _same_as_whole(read, scan, how) -> None:
    """A scan gives what reading the whole file and summarising it gives, or the same error."""
    assert _scanned(read, how) == _scanned(scan, how)


class TestScan:
    @_SLOW
    @given(
        trade_files(),
        st.sampled_from([16, 64, 256, 1 << 20]),
        _HOW,
    )
    def test_same_as_reading_the_whole_file(self, tmp_path: Path, drawn, block, how):
        """scan_csv in blocks of any size gives read_csv's summary, rows and errors (or error)."""
        text, currency = drawn
        path = tmp_path / "trade.csv"
        path.write_text(text, encoding="utf-8")
        _same_as_whole(
            lambda errors: TradeTable.read_csv(path, currency=currency, errors=errors),
            lambda errors: TradeTable.scan_csv(
                path, currency=currency, errors=errors, block_size=block
            ),
            how,
        )

    def test_scan_in_small_blocks_equals_the_table(self, tmp_path: Path):
        """A scan in blocks of a few rows gives the summary of the whole table."""
        path = tmp_path / "trade.csv"
        rows = [
            f"{name},2022-{month:02d},{flow},{month * 1000 + len(name)}.5{month},{currency}"
            for month in range(1, 13)
            for name, currency in (("甲公司", "CNY"), ("乙公司", "USD"))
            for flow in ("import", "export")
        ]
        path.write_text("name,period,flow,value,currency\n" + "\n".join(rows) + "\n")
        rates = RateTable([ExchangeRate("USD", "CNY", rate="6.7", on=dt.date(2021, 1, 1))])
        expected = summarize(load_trade_records(path), currency="CNY", rates=rates, by="enterprise")
        scan = TradeTable.scan_csv(path, block_size=64)
        assert _view(expected) == _view(
            scan.summarize(currency="CNY", rates=rates, by="enterprise")
        )
        assert (len(rows), ()) == (scan.rows_read, scan.rejected)

    def test_scan_reports_problems(self, tmp_path: Path):
        """A scan rejects the rows the loader rejects; strict mode raises after reading all."""
        path = tmp_path / "trade.csv"
        path.write_text(
            "name,period,flow,value,currency\nx,2022-13,import,1,CNY\ny,2022-03,import,2,CNY\n"
        )
        scan = TradeTable.scan_csv(path, errors="collect")
        assert Money("2", "CNY") == scan.summarize(currency="CNY").total
        assert load_trade_records(path, errors="collect").problems == scan.problems
        with pytest.raises(LoadError, match="2022-13"):
            TradeTable.scan_csv(path).summarize(currency="CNY")

    def test_scan_batches_hold_the_records(self, tmp_path: Path):
        """scan.batches() gives the checked records, block by block, as TRADE_SCHEMA batches."""
        path = tmp_path / "trade.csv"
        rows = [
            f"firm{i % 7},2022-{i % 12 + 1:02d},import,{i}.{i % 100:02d},CNY" for i in range(200)
        ]
        path.write_text("name,period,flow,value,currency\n" + "\n".join(rows) + "\n")
        batches = list(TradeTable.scan_csv(path, block_size=256).batches())
        assert len(batches) > 1
        assert all(TRADE_SCHEMA == batch.schema for batch in batches)
        found = [record for batch in batches for record in records_of(batch)]
        assert load_trade_records(path) == found

    def test_quoted_file_is_scanned_by_the_loaders_reader(self, tmp_path: Path):
        """A file with quotes is read by the loader's reader, with the same answer."""
        path = tmp_path / "trade.csv"
        path.write_text('name,period,flow,value,currency\n"甲,公司",2022-03,import,3,CNY\n')
        assert Money("3", "CNY") == TradeTable.scan_csv(path).summarize(currency="CNY").total

    def test_a_scan_holds_a_few_blocks_whatever_the_file(self, tmp_path: Path):
        """A scan parses a block ahead, no more: Arrow's memory stays near a few blocks' worth.

        In a fresh interpreter (Arrow's peak is the process's), a file of 48 blocks is scanned
        in blocks of 256 KiB. Arrow's own streaming reader read 32 blocks ahead of its reader
        (a scan of 16 MiB blocks held 512 MiB: here it peaks at 41.7 blocks); reading the file
        in pieces peaks near seven (a piece being checked, the next one, and their parses).
        """
        path = tmp_path / "trade.csv"
        block = 256 << 10
        rows = [
            f"firm{i % 97},2022-{i % 12 + 1:02d},{('import', 'export')[i % 2]},{i}.{i % 100},CNY"
            for i in range(48 * block // 30)
        ]
        path.write_text("name,period,flow,value,currency\n" + "\n".join(rows) + "\n")
        assert path.stat().st_size > 48 * block
        count, total, peak = _scanned_fresh(f"scan_csv(sys.argv[1], block_size={block})", path)
        expected = sum(Decimal(row.split(",")[3]) for row in rows)
        assert (len(rows), expected) == (int(count), Decimal(total))
        assert int(peak) < 12 * block, f"{int(peak) / block:.1f} blocks"

    @given(
        st.lists(
            st.tuples(st.integers(0, 3 * mmap.ALLOCATIONGRANULARITY), st.sampled_from("\r\n")),
            max_size=12,
        ),
        st.integers(1, 3 * mmap.ALLOCATIONGRANULARITY + 2),
    )
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    def test_lone_carriage_returns_are_found_across_windows(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, marks, size
    ):
        """The file is searched a window at a time: a ``\\r`` at a window's end is judged by
        the next window's first byte (or the file's end), as the whole file read at once."""
        from littlegiants.io import arrow

        monkeypatch.setattr(arrow, "_WINDOW", mmap.ALLOCATIONGRANULARITY)
        data = bytearray(b"a" * size)
        for at, mark in marks:
            if at < size:
                data[at] = ord(mark)
        path = tmp_path / "lines.csv"
        path.write_bytes(bytes(data))
        expected = re.search(b"\r(?!\n)", bytes(data)) is not None
        assert expected == arrow._lone_carriage_return(path)


@st.composite
def parquet_files(draw: st.DrawFn, *, least: int = 1) -> tuple[pa.Table, str | None]:
    """A trade table of text columns, as a Parquet file of a customs extract holds one.

    An empty cell is now and then a null (as pandas writes one), and a column now and then
    dictionary-encoded in Arrow before it is written.
    """
    names = HEADERS[draw(st.sampled_from(sorted(HEADERS)))]
    keep = draw(
        st.lists(
            st.sampled_from(range(len(names))), min_size=least, max_size=len(names), unique=True
        )
    )
    rows = draw(st.lists(_row(), max_size=25))
    nulls = draw(st.booleans())
    columns = {}
    for i in keep:
        column = pa.array([row[i] or (None if nulls else "") for row in rows], pa.string())
        columns[names[i]] = column.dictionary_encode() if draw(st.booleans()) else column
    return pa.table(columns), draw(st.sampled_from([None, "CNY"]))


def _as_csv(table: pa.Table, path: Path, *, escape: bool = True) -> None:
    """The table's rows as a CSV file, as a dump writes one.

    Nulls are empty cells, cells are quoted where they need it and (``escape``) escaped
    against formulas (a CSV file's convention, which the loader undoes; Parquet has no such
    escape, nor has the name of a partition folder).
    """
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(table.column_names)
        writer.writerows(
            [escape_formula(cell or "") if escape else cell or "" for cell in row]
            for row in zip(*table.to_pydict().values(), strict=True)
        )


class TestScanParquet:
    def test_a_scan_holds_a_row_group_whatever_the_file(self, tmp_path: Path):
        """Arrow's memory while scanning stays the same for a file of 8 and of 64 row groups.

        In fresh interpreters (Arrow's peak is the process's). pyarrow's ``ParquetFile``
        buffers each row group's column chunks ahead and kept them (``pre_buffer``): the peak
        grew with the file (2.1x from 8 to 64 row groups; 58 to 129 MiB from 1,000,000 to
        6,000,000 rows), where the scan promises about a batch's worth.
        """
        size = 4000
        peaks = []
        for groups in (8, 64):
            count = groups * size
            rows = {
                "name": [f"firm{i % 97}" for i in range(count)],
                "period": [f"2022-{i % 12 + 1:02d}" for i in range(count)],
                "flow": [("import", "export")[i % 2] for i in range(count)],
                "value": [f"{i}.{i % 100}" for i in range(count)],
                "currency": ["CNY"] * count,
            }
            path = tmp_path / f"trade-{groups}.parquet"
            pq.write_table(pa.table(rows), path, row_group_size=size)
            read, total, peak = _scanned_fresh(
                f"scan_parquet(sys.argv[1], batch_size={size})", path
            )
            expected = sum(map(Decimal, rows["value"]))
            assert (count, expected) == (int(read), Decimal(total))
            peaks.append(int(peak))
        assert peaks[1] < 1.3 * peaks[0], peaks

    @_SLOW
    @given(
        parquet_files(),
        st.integers(1, 6),
        _HOW,
    )
    def test_same_as_reading_the_whole_file(self, tmp_path: Path, drawn, size, how):
        """scan_parquet in batches of a few rows gives read_parquet's summary, rows and errors."""
        table, currency = drawn
        path = tmp_path / "trade.parquet"
        pq.write_table(table, path)
        _same_as_whole(
            lambda errors: TradeTable.read_parquet(path, currency=currency, errors=errors),
            lambda errors: TradeTable.scan_parquet(
                path, currency=currency, errors=errors, batch_size=size
            ),
            how,
        )

    @_SLOW
    @given(parquet_files(least=2))
    def test_parquet_reads_as_the_csv_of_its_rows(self, tmp_path: Path, drawn):
        """A Parquet file of text columns gives the records and problems of the same rows in CSV.

        Nulls read as empty cells and dictionary columns as their texts; row 1 of the Parquet
        file is line 2 of the CSV file, after its header.
        """
        table, currency = drawn
        path = tmp_path / "trade.parquet"
        pq.write_table(table, path)
        _as_csv(table, path.with_suffix(".csv"))

        def read(run, shift: int) -> object:
            try:
                found = run()
            except LittleGiantsError as exc:
                return type(exc)
            problems = [(p.line + shift, p.column, str(p.message)) for p in found.problems]
            return list(found.to_records()), problems, found.rows_read

        expected = read(
            lambda: TradeTable.read_csv(
                path.with_suffix(".csv"), currency=currency, errors="collect"
            ),
            -1,
        )
        actual = read(lambda: TradeTable.read_parquet(path, currency=currency, errors="collect"), 0)
        assert expected == actual

    def test_batches_are_the_records_a_batch_at_a_time(self, tmp_path: Path):
        """batches() holds the records of read_parquet, never more rows than batch_size at once."""
        records = [
            TradeRecord(FIRMS[i % 3], f"2022-{i % 12 + 1:02d}", "export", Money(f"{i}.5", "CNY"))
            for i in range(11)
        ]
        path = tmp_path / "trade.parquet"
        pq.write_table(TradeTable.from_records(records).to_arrow(), path)
        batches = list(TradeTable.scan_parquet(path, batch_size=4).batches())
        assert [4, 4, 3] == [batch.num_rows for batch in batches]
        assert all(TRADE_SCHEMA == batch.schema for batch in batches)
        assert records == [record for batch in batches for record in records_of(batch)]

    def test_parts_of_a_file_keep_its_lines(self, tmp_path: Path, monkeypatch):
        """A file read a part of its rows at a time gives what reading it whole gives.

        Problems keep their lines across parts, the records their order; strict mode still
        lists every part's problems.
        """
        from littlegiants.io import arrow

        path = tmp_path / "trade.parquet"
        periods = ["2022-01", "2022-02", "2022-13", "2022-04", "2022-05", "2022-15", "2022-07"]
        raw = {"name": ["甲", "乙", "丙", "丁", "戊", "己", "庚"], "period": periods}
        values = [str(n) for n in range(1, 8)]
        pq.write_table(pa.table({**raw, "flow": ["import"] * 7, "value": values}), path)

        def read() -> object:
            table = TradeTable.read_parquet(path, currency="CNY", errors="collect")
            with pytest.raises(LoadError) as raised:
                TradeTable.read_parquet(path, currency="CNY")
            problems = [(p.line, p.value) for p in raised.value.problems]
            return list(table.to_records()), table.rejected, table.rows_read, problems

        whole = read()
        monkeypatch.setattr(arrow, "_ARROW_PART_ROWS", 2)
        assert whole == read()
        assert [(3, "2022-13"), (6, "2022-15")] == whole[3]
        assert ["甲", "乙", "丁", "戊", "庚"] == [r.enterprise.name for r in whole[0]]

    def test_problems_name_the_row_as_its_line(self, tmp_path: Path):
        """Row 1 is line 1, counted across batches; strict mode raises after reading all."""
        path = tmp_path / "trade.parquet"
        periods = ["2022-01", "2022-02", "2022-13", "2022-04", "2022-15"]
        raw = {"name": ["甲"] * 5, "period": periods, "flow": ["import"] * 5}
        pq.write_table(pa.table({**raw, "value": ["1", "2", "3", "4", "5"]}), path)
        scan = TradeTable.scan_parquet(path, currency="CNY", errors="collect", batch_size=2)
        assert Money("7", "CNY") == scan.summarize(currency="CNY").total
        assert ([3, 5], 5) == ([problem.line for problem in scan.problems], scan.rows_read)
        with pytest.raises(LoadError, match="2022-15") as raised:
            TradeTable.scan_parquet(path, currency="CNY", batch_size=2).summarize(currency="CNY")
        assert [3, 5] == [problem.line for problem in raised.value.problems]

    def test_floats_are_refused(self, tmp_path: Path):
        """A column of floats is refused, naming the column: money is never a float."""
        path = tmp_path / "trade.parquet"
        raw = {"name": ["甲"], "period": ["2022-01"], "flow": ["import"], "currency": ["CNY"]}
        pq.write_table(pa.table({**raw, "value": [1.5]}), path)
        with pytest.raises(FloatAmountError, match="value"):
            TradeTable.scan_parquet(path).summarize(currency="CNY")

    def test_bad_files_and_arguments(self, tmp_path: Path):
        """Not Parquet, a wrong suffix, a header without a value and a bad batch size are clear."""
        path = tmp_path / "trade.parquet"
        path.write_bytes(b"name,period\n")
        with pytest.raises(LoadError, match="not a Parquet file"):
            TradeTable.scan_parquet(path).summarize(currency="CNY")
        with pytest.raises(LoadError, match=r"expected a \.parquet file"):
            TradeTable.scan_parquet(tmp_path / "trade.csv")
        with pytest.raises(InvalidRecordError, match="batch_size"):
            TradeTable.scan_parquet(path, batch_size=0)
        pq.write_table(pa.table({"name": ["甲"], "period": ["2022-01"]}), path)
        with pytest.raises(LoadError) as raised:
            TradeTable.scan_parquet(path).summarize(currency="CNY")
        with pytest.raises(LoadError) as whole:
            TradeTable.read_parquet(path)
        assert str(whole.value) == str(raised.value)


def _folder_outcome(run) -> object:
    """A table's records, rejected rows and rows read, or the error's type and problems."""
    try:
        table = run()
    except LoadError as exc:
        found = [(p.path, p.line, p.column, str(p.message)) for p in exc.problems]
        return LoadError, found, exc.count
    return list(table.to_records()), table.rejected, table.rows_read


def _each_file(read, files: list[Path]) -> object:
    """:func:`_folder_outcome` of reading each file alone, then joining them with concat.

    The problems are each file's in turn, the first ``MAX_PROBLEMS`` of them listed and the
    others counted, as one error lists them.
    """
    tables, problems, count = [], [], 0
    for file in files:
        try:
            tables.append(read(file))
        except LoadError as exc:
            problems.extend((p.path, p.line, p.column, str(p.message)) for p in exc.problems)
            count += exc.count
    if count:
        return LoadError, problems[:MAX_PROBLEMS], count
    return _folder_outcome(lambda: TradeTable.concat(tables))


def _partitionable(table: pa.Table, key: str) -> pa.Table | None:
    """The table as text, to be partitioned by ``key``; ``None`` when it cannot be.

    A dataset needs a row and a column besides the key, and folder names a file system takes.
    Rows blank but for the key are left out: a file of the dataset holds them as blank lines,
    which a reader refuses as blank (see ``test_partitioned_blank_row``), where the one file
    holding the key refuses a row with cells missing.
    """
    flat = table.cast(pa.schema([pa.field(name, pa.string()) for name in table.column_names]))
    flat = flat.combine_chunks()
    own = [name for name in flat.column_names if name != key]
    if not own or any(
        len(quote(cell or "", safe="")) > 200 for cell in flat.column(key).to_pylist()
    ):
        return None
    blank = [
        not any(cells) and bool(keyed)
        for keyed, *cells in zip(
            flat.column(key).to_pylist(),
            *(flat.column(name).to_pylist() for name in own),
            strict=True,
        )
    ]
    flat = flat.filter(pc.invert(pa.array(blank, pa.bool_())))
    return flat if len(flat) else None


def _reads_as_whole(read, whole: Path, folder: Path, currency: str | None) -> None:
    """``read`` gives the same records, rejected cells, problems and rows for both paths.

    Lines and files differ: the records sorted, problems by their message.
    """

    def seen(run) -> object:
        try:
            found = run()
        except LoadError as exc:  # a header's problem comes once a file
            return LoadError, sorted({str(p.message) for p in exc.problems})
        cells = sorted(sorted(row.cells.items()) for row in found.rejected)
        messages = sorted(str(p.message) for p in found.problems)
        records = sorted(found.to_records(), key=repr)
        return records, cells, messages, found.rows_read

    for errors in ("strict", "collect"):
        expected = seen(lambda errors=errors: read(whole, currency=currency, errors=errors))
        assert expected == seen(
            lambda errors=errors: read(folder, currency=currency, errors=errors)
        )


def _read_and_scan_errors(path: Path, *, parquet: bool = False) -> list[LoadError]:
    """The ``LoadError`` of reading a folder whole and the one of scanning it, in turn."""
    read = TradeTable.read_parquet if parquet else TradeTable.read_csv
    scan = TradeTable.scan_parquet if parquet else TradeTable.scan_csv
    errors = []
    for run in (lambda: read(path), lambda: scan(path).summarize(currency="CNY")):
        with pytest.raises(LoadError) as caught:
            run()
        errors.append(caught.value)
    return errors


class TestDatasetFolders:
    """A folder given to read_csv/scan_csv/read_parquet/scan_parquet is read as a dataset."""

    @_SLOW
    @given(st.lists(trade_files(), min_size=1, max_size=3), st.sampled_from(["strict", "collect"]))
    def test_csv_folder_is_its_files_read_one_by_one(self, tmp_path_factory, drawn, errors):
        """A folder reads as each file read alone and joined; every file's problems, in order."""
        folder = tmp_path_factory.mktemp("months")
        files = []
        for number, (text, _) in enumerate(drawn):  # 12 sorts after 2 by its path's name
            files.append(folder / f"trade-{number + 1:02d}.csv")
            files[-1].write_text(text, encoding="utf-8")
        currency = drawn[0][1]

        def read(path: Path) -> TradeTable:
            return TradeTable.read_csv(path, currency=currency, errors=errors)

        expected = _each_file(read, files)
        assert expected == _folder_outcome(lambda: read(folder))
        if expected[0] is not LoadError:
            assert len(expected[0]) + len(expected[1]) == expected[2]  # nothing lost

    @_SLOW
    @given(st.lists(trade_files(), min_size=1, max_size=3), st.integers(16, 512), _HOW)
    def test_csv_folder_scan_is_its_read(self, tmp_path_factory, drawn, block, how):
        """A folder's scan gives the summary, rows and errors of reading the folder whole."""
        folder = tmp_path_factory.mktemp("months")
        for number, (text, _) in enumerate(drawn):
            (folder / f"trade-{number}.csv").write_text(text, encoding="utf-8")
        currency = drawn[0][1]
        _same_as_whole(
            lambda errors: TradeTable.read_csv(folder, currency=currency, errors=errors),
            lambda errors: TradeTable.scan_csv(
                folder, currency=currency, errors=errors, block_size=block
            ),
            how,
        )

    @_SLOW
    @given(parquet_files(least=2), st.data(), st.sampled_from(["parquet", "csv", "csv-plain"]))
    def test_hive_partitions_read_as_the_column(self, tmp_path_factory, drawn, data, how):
        """A dataset partitioned by a column (not in its files) reads as the one file holding it.

        The records are the same (in the order of the partition folders), and so are the
        rejected rows' cells and problems but for their file and line; the scan agrees.
        ``parquet`` and ``csv`` are written by pyarrow (which quotes every CSV cell: the
        loader's row reader reads them); ``csv-plain`` by hand, as DuckDB writes CSV, quoted
        only where a cell needs it (Arrow's reader reads them).
        """
        table, currency = drawn
        key = data.draw(st.sampled_from(table.column_names))
        flat = _partitionable(table, key)
        assume(flat is not None)
        folder = tmp_path_factory.mktemp("dataset")
        csv_files = how.startswith("csv")
        whole = folder.with_name(folder.name + (".csv" if csv_files else ".parquet"))
        if csv_files:
            _as_csv(flat, whole, escape=False)  # as the dataset's writers write cells
        else:
            pq.write_table(flat, whole)
        if how == "csv-plain":
            cells = [cell or "" for cell in flat.column(key).to_pylist()]
            for value in sorted(set(cells)):
                part = folder / f"{quote(key, safe='')}={quote(value, safe='') or HIVE_NULL}"
                part.mkdir()
                rows = flat.filter(pa.array([cell == value for cell in cells]))
                _as_csv(rows.drop_columns([key]), part / "part-0.csv", escape=False)
        else:
            pads.write_dataset(
                flat,
                folder,
                format="csv" if csv_files else "parquet",
                partitioning=pads.partitioning(pa.schema([flat.schema.field(key)]), flavor="hive"),
            )
        read = TradeTable.read_csv if csv_files else TradeTable.read_parquet
        scan = TradeTable.scan_csv if csv_files else TradeTable.scan_parquet
        size = {"block_size": 64} if csv_files else {"batch_size": 3}
        _reads_as_whole(read, whole, folder, currency)
        _same_as_whole(
            lambda errors: read(folder, currency=currency, errors=errors),
            lambda errors: scan(folder, currency=currency, errors=errors, **size),
            ("collect", _USD_CNY, "enterprise"),
        )

    def test_every_files_problems_in_one_error(self, tmp_path: Path):
        """Strict mode reads every file, then one error names the folder and each file's rows."""
        (tmp_path / "2022-02").mkdir()
        (tmp_path / "2022-10").mkdir()
        header = "name,period,flow,value,currency\n"
        (tmp_path / "2022-10" / "trade.csv").write_text(header + "乙,2022-13,import,1,CNY\n")
        (tmp_path / "2022-02" / "trade.csv").write_text(header + "甲,2022-02,import,-1,CNY\n")
        (tmp_path / "2022-02" / "more.csv").write_text(header + "甲,2022-02,export,2,CNY\n")
        with pytest.raises(LoadError) as caught:
            TradeTable.read_csv(tmp_path)
        assert str(tmp_path) == caught.value.path
        assert [
            (str(tmp_path / "2022-02" / "trade.csv"), 2, "value"),
            (str(tmp_path / "2022-10" / "trade.csv"), 2, "period"),
        ] == [(p.path, p.line, p.column) for p in caught.value.problems]
        table = TradeTable.read_csv(tmp_path, errors="collect")
        assert (1, 3) == (len(table), table.rows_read)
        assert [2, 2] == [row.line for row in table.rejected]
        scan = TradeTable.scan_csv(tmp_path, errors="collect")
        assert Money("2", "CNY") == scan.summarize(currency="CNY").total
        assert (table.rejected, 3) == (scan.rejected, scan.rows_read)

    def test_what_else_the_folder_holds(self, tmp_path: Path):
        """Writers' marks are not read; any other file and a link to a folder are problems."""
        header = "name,period,flow,value,currency\n"
        (tmp_path / "trade.csv").write_text(header + "甲,2022-02,import,2,CNY\n")
        (tmp_path / "_SUCCESS").write_text("")
        (tmp_path / ".trade.csv.crc").write_text("")
        (tmp_path / "_temporary").mkdir()
        (tmp_path / "_temporary" / "half.csv").write_text("name,period\n")
        assert 1 == len(TradeTable.read_csv(tmp_path))
        (tmp_path / "notes.txt").write_text("")
        (tmp_path / "elsewhere").symlink_to(tmp_path / "_temporary")
        for error in _read_and_scan_errors(tmp_path):
            assert [
                (str(tmp_path / "elsewhere"), "a link to a folder is not followed"),
                (str(tmp_path / "notes.txt"), "not a .csv file"),
            ] == [(p.path, str(p.message).partition(":")[0]) for p in error.problems]

    def test_batches_name_the_file_that_is_not_plain(self, tmp_path: Path):
        """scan.batches() cannot take back batches given: it names the file that needs read_csv."""
        rows = "".join(f"甲,2022-{i % 12 + 1:02d},import,{i},CNY\n" for i in range(40))
        header = "name,period,flow,value,currency\n"
        (tmp_path / "a.csv").write_text(header + rows)
        (tmp_path / "b.csv").write_text(header + rows + '"乙",2022-03,import,1,CNY\n')
        scan = TradeTable.scan_csv(tmp_path, block_size=64)
        with pytest.raises(InvalidRecordError) as caught:
            list(scan.batches())
        assert str(tmp_path / "b.csv") == caught.value.value
        assert Money("1561", "CNY") == scan.summarize(currency="CNY").total

    def test_each_firm_is_read_once_for_the_folder(self, tmp_path: Path, monkeypatch):
        """A firm in every monthly file is validated once for the folder, not once a file;
        so is every other distinct text (a flow, a currency)."""

        read = []
        original = batches._Checker._read_firm
        prepared = []
        prepare = batches._Checker._prepared

        def counted(self, name, code):
            read.append((name, code))
            return original(self, name, code)

        def counted_texts(self, column, text):
            prepared.append((column, text))
            return prepare(self, column, text)

        monkeypatch.setattr(batches._Checker, "_read_firm", counted)
        monkeypatch.setattr(batches._Checker, "_prepared", counted_texts)
        header = "name,credit_code,period,flow,value,currency\n"
        csv_folder, parquet = tmp_path / "csv", tmp_path / "parquet"
        csv_folder.mkdir()
        parquet.mkdir()
        for month in range(1, 13):
            rows = [f"{firm},,2022-{month:02d},import,{month},CNY\n" for firm in ("甲", "乙")]
            file = csv_folder / f"trade-{month:02d}.csv"
            file.write_text(header + "".join(rows))
            columns = pyarrow.csv.ConvertOptions(column_types=dict.fromkeys(header, pa.string()))
            text = pyarrow.csv.read_csv(file, convert_options=columns)
            pq.write_table(text, parquet / f"trade-{month:02d}.parquet")
        for run in (
            lambda: TradeTable.read_csv(csv_folder),
            lambda: TradeTable.scan_csv(csv_folder).summarize(currency="CNY"),
            lambda: TradeTable.read_parquet(parquet),
            lambda: TradeTable.scan_parquet(parquet).summarize(currency="CNY"),
        ):
            read.clear()
            prepared.clear()
            run()
            assert sorted([("甲", ""), ("乙", "")]) == sorted(read)
            assert len(prepared) == len(set(prepared))  # each text read once for the folder
            assert {("flow", "import"), ("currency", "CNY")} <= set(prepared)
        assert 2 == len(TradeTable.read_csv(csv_folder).enterprises)

    def test_the_next_file_is_parsed_ahead(self, tmp_path: Path, monkeypatch):
        """read_csv of a folder parses the next plain file while a file is checked (a scan, the
        next that is no larger than a block); a file that is not plain (a quoted cell) is read
        by the loader's reader in its turn, the same rows."""
        from littlegiants.io import arrow

        taken = []  # each file Arrow reads, and whether with a parse started ahead
        fast = arrow._CsvFile._fast

        def counted(self, names, parsed, **kwargs):
            taken.append((self.path.name, parsed is not None))
            return fast(self, names, parsed, **kwargs)

        monkeypatch.setattr(arrow._CsvFile, "_fast", counted)
        header = "name,period,flow,value,currency\n"
        for day in range(1, 7):
            name = '"甲"' if day == 3 else "甲"
            rows = f"{name},2022-06,import,{day},CNY\n乙,2022-06,export,{day}.5,CNY\n"
            (tmp_path / f"trade-2022-06-{day:02d}.csv").write_text(header + rows)
        files = sorted(tmp_path.iterdir())
        expected = [record for file in files for record in TradeTable.read_csv(file).to_records()]
        taken.clear()
        table = TradeTable.read_csv(tmp_path)
        assert expected == list(table.to_records())
        assert [(file.name, file != files[0]) for file in files] == taken
        taken.clear()  # a scan parses ahead the files no larger than a block
        summary = TradeTable.scan_csv(tmp_path).summarize(currency="CNY", by="enterprise")
        assert _view(table.summarize(currency="CNY", by="enterprise")) == _view(summary)
        assert [(file.name, file != files[0]) for file in files] == taken
        taken.clear()
        again = TradeTable.scan_csv(tmp_path, block_size=16).summarize(
            currency="CNY", by="enterprise"
        )
        assert _view(summary) == _view(again)
        assert [(file.name, False) for file in files] == taken  # past a block: none ahead

    def test_the_texts_kept_are_bounded(self, tmp_path: Path, monkeypatch):
        """Texts that differ row by row (a declaration number as source) are not all kept for a
        dataset: the cache forgets them past its bound, and the records are the same."""

        header = "name,period,flow,value,currency,source\n"
        for month in range(1, 4):
            rows = [
                f"甲,2022-{month:02d},import,{n},CNY,报关单{month:02d}{n:04d}\n" for n in range(30)
            ]
            (tmp_path / f"trade-{month:02d}.csv").write_text(header + "".join(rows))
        expected = list(TradeTable.read_csv(tmp_path).to_records())
        sizes = []
        remember = batches.Known.remember

        def measured(self, key, value):
            remember(self, key, value)
            sizes.append(len(self.texts))

        monkeypatch.setattr(batches, "KNOWN_TEXTS", 8)
        monkeypatch.setattr(batches.Known, "remember", measured)
        assert expected == list(TradeTable.read_csv(tmp_path).to_records())
        summary = TradeTable.scan_csv(tmp_path).summarize(currency="CNY")
        assert Money(sum(range(30)) * 3, "CNY") == summary.total
        assert sizes
        assert max(sizes) <= 8
        assert 90 == len({record.source for record in expected})

    def test_small_files_are_summarised_together(self, tmp_path: Path, monkeypatch):
        """Thirty daily files of two rows cost one summary, not thirty (about 25 ms each)."""

        calls = []
        original = batches.summarize_batch

        def counted(table, **kwargs):
            calls.append(len(table))
            return original(table, **kwargs)

        monkeypatch.setattr(batches, "summarize_batch", counted)
        header = "name,period,flow,value,currency\n"
        for day in range(1, 31):
            rows = f"甲,2022-06,import,{day},CNY\n乙,2022-06,export,{day}.5,CNY\n"
            (tmp_path / f"trade-2022-06-{day:02d}.csv").write_text(header + rows)
        summary = TradeTable.scan_csv(tmp_path).summarize(currency="CNY", by="enterprise")
        assert [60] == calls
        assert _view(TradeTable.read_csv(tmp_path).summarize(currency="CNY", by="enterprise")) == (
            _view(summary)
        )
        calls.clear()
        TradeTable.scan_csv(tmp_path, block_size=1).summarize(currency="CNY")
        assert [2] * 30 == calls  # a block of one byte: every part is summarised as it comes
        calls.clear()  # a part's worth of several files: summarised each time it fills
        middle = TradeTable.scan_csv(tmp_path, block_size=2000).summarize(
            currency="CNY", by="enterprise"
        )
        assert (60, True) == (sum(calls), 2 < len(calls) < 30), calls
        assert all(count > 2 for count in calls[:-1]), calls  # each of several files
        assert _view(summary) == _view(middle)

    def test_empty_folder(self, tmp_path: Path):
        """A folder with no data file is refused, not read as no trade."""
        for read in (TradeTable.read_csv, TradeTable.read_parquet):
            with pytest.raises(LoadError, match=r"holds no \.(csv|parquet) file"):
                read(tmp_path)

    def test_partition_keys(self, tmp_path: Path):
        """KEY=VALUE folders give a column, percent-decoded; a file's own column must agree."""
        rows = pa.table({"name": ["甲"], "flow": ["import"], "value": ["5"], "currency": ["CNY"]})
        part = tmp_path / "period=2022-01..2022-10" / "source=a%2Fb"
        part.mkdir(parents=True)
        pq.write_table(rows, part / "part-0.parquet")
        agree = tmp_path / "period=2022-02" / "flow=import"  # the file holds flow too, as polars
        agree.mkdir(parents=True)
        pq.write_table(rows, agree / "part-0.parquet")
        table = TradeTable.read_parquet(tmp_path)
        assert [("2022-01..2022-10", "a/b"), ("2022-02", None)] == [
            (str(record.period), record.source) for record in table.to_records()
        ]
        scan = TradeTable.scan_parquet(tmp_path)
        assert Money("10", "CNY") == scan.summarize(currency="CNY").total
        clash = tmp_path / "period=2022-03" / "flow=export"
        clash.mkdir(parents=True)
        pq.write_table(pa.concat_tables([rows, rows]), clash / "part-0.parquet")
        twice = tmp_path / "period=2022-04" / "period=2022-05"
        twice.mkdir(parents=True)
        pq.write_table(rows, twice / "part-0.parquet")
        for error in _read_and_scan_errors(tmp_path, parquet=True):
            assert [  # what listing the folder finds first, then what reading each file finds
                (None, None, "the partition key period is given twice on the file's path"),
                (1, "flow", "the file says 'import' where its folder's name says flow=export"),
            ] == [(p.line, p.column, str(p.message)) for p in error.problems]

    @pytest.mark.parametrize("key", ["period_start", "value_exponent", "flow", "currency"])
    def test_typed_dataset_partitioned_by_any_column(self, tmp_path: Path, key: str):
        """TradeTable.to_arrow() partitioned by DuckDB on a date, a number or a text column
        reads back as its records: the folder's text is cast to the column's type."""
        records = [
            TradeRecord(FIRMS[0], "2022-03", "import", Money("5", "USD")),
            TradeRecord(FIRMS[1], "2022-04", "export", Money("7.25", "CNY"), growth="5%"),
            TradeRecord(FIRMS[2], "2022", "export", Money("1", "USD"), previous=Money("2", "USD")),
        ]
        trade = TradeTable.from_records(records).to_arrow()  # noqa: F841 - DuckDB reads it
        folder = tmp_path / "typed"
        duckdb.sql(f"COPY trade TO '{folder}' (FORMAT PARQUET, PARTITION_BY ({key}))")
        assert all("=" in file.parent.name for file in folder.rglob("*.parquet"))
        back = TradeTable.read_parquet(folder)
        assert sorted(map(repr, records)) == sorted(map(repr, back.to_records()))

    @pytest.mark.parametrize("writer", ["polars", "duckdb", "pyarrow", "duckdb-csv"])
    def test_datasets_as_engines_write_them(self, tmp_path: Path, writer: str):
        """A dataset partitioned by polars, DuckDB or pyarrow reads as its rows in one file.

        polars keeps the key's column in each file; DuckDB percent-encodes a Chinese key
        (``%E6%9C%9F%E9%97%B4=2022-03``); a null key is ``__HIVE_DEFAULT_PARTITION__``.
        DuckDB writes CSV datasets the same way, the keys' columns left out of the files.
        """
        frame = pl.DataFrame(
            {
                "企业名称": ["Hosin Global", "Hosin Global", "甲公司", "乙公司"],
                "期间": ["2022-01..2022-10", "2022-01..2022-10", "2022-03", "2022-13"],
                "进出口": ["进口", "出口", "import", "export"],
                "金额": ["99200000", "27590000", "5.50", "1"],
                "币种": ["USD", "USD", None, "CNY"],
            }
        )
        folder = tmp_path / "dataset"
        keys = ["期间", "币种"]
        if writer == "polars":
            frame.write_parquet(folder, partition_by=keys)
        elif writer.startswith("duckdb"):
            rows = frame.to_arrow()  # noqa: F841 - DuckDB reads it by name
            kind = "CSV, HEADER" if writer.endswith("csv") else "PARQUET"
            duckdb.sql(f"COPY rows TO '{folder}' (FORMAT {kind}, PARTITION_BY (期间, 币种))")
        else:
            pads.write_dataset(
                frame.to_arrow(),
                folder,
                format="parquet",
                partitioning=keys,
                partitioning_flavor="hive",
            )
        whole = tmp_path / "whole.parquet"
        frame.write_parquet(whole)

        def seen(path: Path) -> object:
            read = TradeTable.read_parquet
            if path.is_dir() and writer.endswith("csv"):
                read = TradeTable.read_csv
                assert {".csv"} == {file.suffix for file in path.rglob("*") if file.is_file()}
            table = read(path, currency="CNY", errors="collect")
            problems = sorted((p.column, p.value, str(p.message)) for p in table.problems)
            return sorted(table.to_records(), key=repr), problems, table.rows_read

        assert seen(whole) == seen(folder)
        assert 3 == len(seen(folder)[0])

    @pytest.mark.parametrize("quoted", [False, True])
    def test_csv_partition_keys(self, tmp_path: Path, quoted: bool):
        """A CSV file's KEY=VALUE folders give its rows the key's column, or must agree with it.

        ``quoted``: a cell in quotes sends the file to the loader's row reader, which gives
        the same rows and the same located problem as the fast reader.
        """
        name = '"甲"' if quoted else "甲"
        part = tmp_path / "period=2022-01..2022-10" / "source=a%2Fb"
        part.mkdir(parents=True)
        (part / "trade.csv").write_text(f"name,flow,value,currency\n{name},import,5,CNY\n")
        agree = tmp_path / "period=2022-02" / "flow=import"
        agree.mkdir(parents=True)
        (agree / "trade.csv").write_text(f"name,flow,value,currency\n{name},import,6,CNY\n")
        table = TradeTable.read_csv(tmp_path)
        assert [("2022-01..2022-10", "a/b", "5"), ("2022-02", None, "6")] == [
            (str(record.period), record.source, str(record.value.amount))
            for record in table.to_records()
        ]
        scan = TradeTable.scan_csv(tmp_path, block_size=16)
        assert Money("11", "CNY") == scan.summarize(currency="CNY").total
        clash = tmp_path / "period=2022-03" / "flow=export"
        clash.mkdir(parents=True)
        rows = f"{name},export,1,CNY\n{name},import,2,CNY\n"
        (clash / "trade.csv").write_text("name,flow,value,currency\n" + rows)
        for error in _read_and_scan_errors(tmp_path):
            assert [
                (
                    str(clash / "trade.csv"),
                    3,
                    "flow",
                    "import",
                    "the file says 'import' where its folder's name says flow=export",
                )
            ] == [(p.path, p.line, p.column, p.value, str(p.message)) for p in error.problems]

    @pytest.mark.parametrize("parquet", [False, True])
    def test_a_key_names_a_column_by_any_of_its_headers(self, tmp_path: Path, parquet: bool):
        """A folder ``Period=`` or ``期间=`` names a file's ``period`` column, as two headers of one
        column would: the column is not given twice, and its cells must agree."""
        rows = pa.table(
            {"name": ["甲"], "period": ["2022-03"], "flow": ["import"], "value": ["5"]}
            | {"currency": ["CNY"]}
        )
        for folder in ("Period=2022-03", "期间=2022-03", "Period=2022-04"):
            (tmp_path / folder).mkdir()
            if parquet:
                pq.write_table(rows, tmp_path / folder / "part-0.parquet")
            else:
                _as_csv(rows, tmp_path / folder / "part-0.csv")
        for error in _read_and_scan_errors(tmp_path, parquet=parquet):
            [problem] = error.problems
            assert (1 if parquet else 2, "period", "2022-03") == (
                problem.line,
                problem.column,
                problem.value,
            )
            assert "its folder's name says Period=2022-04" in str(problem.message)
        for bad in (tmp_path / "Period=2022-04").iterdir():
            bad.unlink()
        (tmp_path / "Period=2022-04").rmdir()
        read = TradeTable.read_parquet if parquet else TradeTable.read_csv
        table = read(tmp_path)
        assert ["2022-03", "2022-03"] == [str(record.period) for record in table.to_records()]

    @pytest.mark.parametrize("quoted", [False, True])
    def test_partitioned_blank_row(self, tmp_path: Path, quoted: bool):
        """A blank line in a partitioned file is a blank row, though its folder gives a cell;
        a row with a stray comma counts its fields against the file's own header."""
        name = '"甲"' if quoted else "甲"
        part = tmp_path / "period=2022-03"
        part.mkdir()
        rows = f"{name},import,5,CNY\n,,,\n乙,export,1,CNY,9\n"
        (part / "trade.csv").write_text("name,flow,value,currency\n" + rows)
        table = TradeTable.read_csv(tmp_path, errors="collect")
        assert (1, 3) == (len(table), table.rows_read)
        assert [
            (3, "the row is blank; delete it", {}),  # no cells, its folder's none either
            (
                4,
                "the row has 5 fields, more than the header's 4 (a stray or missing comma?)",
                {"name": "乙", "flow": "export", "value": "1", "currency": "CNY", "#5": "9"}
                | {"period": "2022-03"},
            ),
        ] == [
            (row.line, str(row.problems[0].message), {k: v for k, v in row.cells.items() if v})
            for row in table.rejected
        ]
        parquet = tmp_path / "parquet" / "period=2022-03"
        parquet.mkdir(parents=True)
        blank = pa.table({"name": ["甲", ""], "flow": ["import", ""], "value": ["5", ""]})
        pq.write_table(blank, parquet / "part-0.parquet")
        read = TradeTable.read_parquet(parquet.parent, currency="CNY", errors="collect")
        assert [(2, "the row is blank; delete it")] == [
            (row.line, str(row.problems[0].message)) for row in read.rejected
        ]


class TestNotebook:
    def test_a_table_shows_its_first_records(self, monkeypatch: pytest.MonkeyPatch):
        """In Jupyter a table shows its first records, exactly and escaped, never all of them."""
        from littlegiants import frames

        made = []
        original = batches.records_of

        def counted(table, enterprises, **kwargs):
            made.append(len(table))
            return original(table, enterprises, **kwargs)

        monkeypatch.setattr(batches, "records_of", counted)
        firm = Enterprise("<b>Hosin</b> Global", region="440300")
        records = [
            TradeRecord(firm, f"2022-{month:02d}", "import", Money(f"{month}.05", "USD"))
            for month in range(1, 13)
        ] * 5
        page = TradeTable.from_records(records)._repr_html_()
        assert [frames.HTML_ROWS] == made  # the rows shown, not the 60
        assert "<caption>&lt;TradeTable: 60 records, 0 rejected&gt;</caption>" in page
        assert "&lt;b&gt;Hosin&lt;/b&gt; Global" in page
        assert "<b>" not in page
        assert '<td style="text-align: right">1.05</td><td>USD</td>' in page
        assert f"… {60 - frames.HTML_ROWS} more rows" in page
        assert page.count("<tr><td>") == frames.HTML_ROWS


class TestEngines:
    def test_duckdb_sql_over_the_table(self):
        """DuckDB sums the Arrow table to the library's totals, exactly (DECIMAL(38,7))."""
        records = [
            TradeRecord(FIRMS[0], "2022-03", "import", Money("10.25", "CNY")),
            TradeRecord(FIRMS[1], "2022-03", "import", Money("0.75", "CNY")),
            TradeRecord(FIRMS[1], "2022-04", "export", Money("5", "CNY")),
        ]
        trade = TradeTable.from_records(records).to_arrow()  # noqa: F841 - DuckDB reads it by name
        found = duckdb.sql("select flow, sum(value) from trade group by flow order by flow")
        summary = summarize(records, currency="CNY")
        expected = sorted((f.flow.value, f.total.amount) for f in summary.flows)
        assert expected == [(flow, total) for flow, total in found.fetchall()]


@pytest.fixture(scope="module")
def dask_client():
    """A Dask cluster of two worker processes, started once for the module.

    distributed is imported here, not with the module: importing it installs tblib's exception
    pickling in the whole test process, which changes how other modules' errors pickle.
    """
    import dask
    import distributed

    # Generous timeouts: on a shared, loaded CI machine the workers' start-up and the cluster's
    # shutdown can take longer than distributed's defaults, which failed whole runs.
    with (
        dask.config.set(
            {
                "distributed.comm.timeouts.connect": "120s",
                "distributed.comm.timeouts.tcp": "120s",
            }
        ),
        distributed.LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            dashboard_address=None,
            timeout="120s",
            death_timeout="120s",
        ) as cluster,
        distributed.Client(cluster, timeout="120s") as client,
    ):
        yield client


class TestDask:
    def test_summary_on_a_local_cluster_equals_the_local_one(self, tmp_path: Path, dask_client):
        """Checking and summarising batches on two worker processes gives the local summary."""
        path = tmp_path / "trade.csv"
        rows = [
            f"{name},{code},2022-{month:02d},{flow},{month}{len(flow)}.{month:02d},{currency},"
            + ("" if month % 3 else f"{month * 7}.00")
            for month in range(1, 13)
            for name, code, currency in (
                ("甲公司", "91440300MA5000000G", "CNY"),
                ("乙公司", "", "USD"),
                ("bad", "", "XYZ"),
            )
            for flow in ("import", "export")
        ]
        path.write_text(
            "name,credit_code,period,flow,value,currency,previous\n" + "\n".join(rows) + "\n"
        )
        rates = RateTable([ExchangeRate("USD", "CNY", rate="6.9", on=dt.date(2020, 1, 1))])
        raw = pyarrow.csv.read_csv(
            path,
            read_options=pyarrow.csv.ReadOptions(block_size=512),
            convert_options=pyarrow.csv.ConvertOptions(
                column_types=dict.fromkeys(
                    ["name", "credit_code", "period", "flow", "value", "currency", "previous"],
                    pa.string(),
                ),
                strings_can_be_null=False,
            ),
        )
        parts, line = [], 2
        for batch in raw.to_batches(max_chunksize=10):
            parts.append((batch, line))
            line += batch.num_rows

        def work(part):
            batch, first = part
            good, rejected = check_batch(batch, path=str(path), first_line=first)
            summary = summarize_batch(good, currency="CNY", rates=rates, by="enterprise")
            return summary, rejected

        futures = dask_client.map(work, parts)
        results = dask_client.gather(futures)
        merged = merge_summaries(summary for summary, _ in results)
        rejected = tuple(row for _, rows in results for row in rows)

        local = TradeTable.read_csv(path, errors="collect")
        assert _view(local.summarize(currency="CNY", rates=rates, by="enterprise")) == _view(merged)
        assert local.rejected == rejected
        assert 24 == len(rejected)

    @settings(_SLOW, max_examples=25)
    @given(_RECORDS, st.sampled_from(["CNY", "USD"]), _RATES, st.sampled_from([None, "region"]))
    def test_cluster_equals_local_for_any_records(self, dask_client, records, currency, rates, by):
        """For any record set, summaries of batches on the workers, merged, equal summarize's."""
        expected = _outcome(lambda: summarize(records, currency=currency, rates=rates, by=by))
        batches = TradeTable.from_records(records).to_batches(max_chunksize=4)

        def on_cluster() -> TradeSummary:
            futures = dask_client.map(
                summarize_batch,
                batches or [TradeTable.from_records([]).to_arrow()],
                currency=currency,
                rates=rates,
                by=by,
                pure=False,
            )
            # in batch order, so a failing batch raises the error the first bad record raises
            return merge_summaries(future.result() for future in futures)

        assert expected == _outcome(on_cluster)


def test_merge_is_associative():
    """(a + b) + c == a + (b + c) for summaries of three disjoint record sets."""
    records = [
        TradeRecord(firm, "2022-03", flow, Money(amount, "CNY"))
        for firm, flow, amount in (
            (FIRMS[0], "import", "1.5"),
            (FIRMS[1], "export", "2.25"),
            (FIRMS[2], "import", "3"),
        )
    ]
    a, b, c = (
        summarize_batch(TradeTable.from_records([r]).to_arrow(), currency="CNY") for r in records
    )
    assert _view(operator.add(operator.add(a, b), c)) == _view(operator.add(a, operator.add(b, c)))
    assert _view(summarize(records, currency="CNY")) == _view(merge_summaries([a, b, c]))
