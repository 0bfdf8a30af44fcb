"""Tests of littlegiants.loader and littlegiants.dumps: strict, located loading and exact dumps."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import errno
import gc
import importlib
import json
import pickle
import re
import tempfile
import threading
import tracemalloc
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from littlegiants import strategies
from littlegiants.counts import CountKind, DesignationCount
from littlegiants.dumps import (
    dump_aggregates,
    dump_counts,
    dump_dataset,
    dump_designations,
    dump_enterprises,
    dump_financials,
    dump_profiles,
    dump_rates,
    dump_relocations,
    dump_trade_records,
)
from littlegiants.eligibility import Verdict, assess
from littlegiants.enterprise import Enterprise, Relocation
from littlegiants.errors import InvalidRecordError, LittleGiantsError, UnknownCurrencyError
from littlegiants.financials import Award, ChuangkePlacing, Profile
from littlegiants.fx import ExchangeRate
from littlegiants.io import kinds as _schemas
from littlegiants.io import loader
from littlegiants.io import tables as _tables
from littlegiants.loader import (
    MAX_PROBLEMS,
    Dataset,
    FileSource,
    LoadError,
    LoadFileError,
    LoadProblem,
    LoadResult,
    MissingExtraError,
    MissingFileError,
    iter_aggregates,
    iter_counts,
    iter_trade_records,
    load_aggregates,
    load_counts,
    load_dataset,
    load_designations,
    load_enterprises,
    load_financials,
    load_profiles,
    load_rates,
    load_relocations,
    load_trade_records,
)
from littlegiants.money import Money
from littlegiants.records import (
    DesignationRecord,
    FinancialRecord,
    ProfileRecord,
    RelocationRecord,
)
from littlegiants.regions import Region
from littlegiants.trade import TradeAggregate, TradeFlow, TradeRecord

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from types import TracebackType

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
BAD = DATA / "bad"
GOOD = DATA / "good"
EXAMPLES = ROOT / "docs" / "examples" / "loading"
A, B, C = "91440300MA5DC12341", "91440300MA5F00001A", "91440300192180754J"
FORMATS = (".csv", ".json", ".jsonl", ".toml", ".xlsx")
LOADERS: dict[str, Callable[..., Any]] = {
    "enterprises": load_enterprises,
    "designations": load_designations,
    "relocations": load_relocations,
    "trade": load_trade_records,
    "financials": load_financials,
    "profiles": load_profiles,
    "rates": load_rates,
    "aggregates": load_aggregates,
    "counts": load_counts,
}


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(call: Callable[[], object]) -> list[LoadProblem]:
    with pytest.raises(LoadError) as info:
        call()
    return list(info.value.problems)


def located(problems: Iterable[LoadProblem]) -> list[tuple[str, int | None, str | None]]:
    return [(problem.path, problem.line, problem.column) for problem in problems]


# -- the corpus of bad files ----------------------------------------------------------------------


class Bad(NamedTuple):
    file: str
    expected: list[tuple[int | None, str | None, str]]  # line, column, a phrase of the message
    as_of: dt.date | None = None
    whole: bool = False  # a problem of the file as a whole: it fails in collect mode too


REPEATED_AGGREGATE = (
    "repeats the imports and exports of 'Shenzhen little giants' in 440300 for 2022-01..2022-10, "
    "first given on line 7"
)
REPEATED_COUNT = (
    "repeats the held count of national firms in 440300 on 2022-11-23, first given on line 7"
)
BAD_FILES = [
    Bad("enterprises-blank-row.csv", [(3, None, "the row is blank")]),
    Bad(
        "enterprises-duplicate-credit-code.csv",
        [(4, "统一社会信用代码", f"repeats the credit code {A}, first given on line 2")],
    ),
    Bad(
        "enterprises-ragged-rows.csv",
        [(3, None, "4 fields, more than the header's 3"), (4, None, "2 fields, fewer")],
    ),
    Bad("enterprises-wrong-delimiter.csv", [(1, None, "separate columns with ';'")], whole=True),
    Bad(
        "enterprises-bad-credit-code.csv",
        [(2, "credit_code", "checksum check failed"), (3, "region", "Unknown region '999999'")],
    ),
    Bad(
        "enterprises-missing-column.csv", [(1, "name", "a required column is missing")], whole=True
    ),
    Bad("enterprises-empty.csv", [(1, None, "the file is empty")], whole=True),
    Bad("enterprises-binary-junk.csv", [(None, None, "binary data")], whole=True),
    Bad("enterprises-binary-file.csv", [(None, None, "binary data")], whole=True),
    Bad(
        "enterprises-xlsx-renamed.csv",
        [(None, None, "zip archive (an .xlsx workbook?)")],
        whole=True,
    ),
    Bad(
        "enterprises-undeclared-gb18030.csv",
        [(2, None, "not valid utf-8; the line reads as GB18030: save the whole file in one")],
    ),
    Bad("enterprises-overlong-field.csv", [(2, "name", "10,001 characters; the limit is")]),
    Bad("enterprises-overlong-line.csv", [(2, None, "longer than 4,096 bytes, the limit")]),
    Bad("enterprises-unclosed-quote.csv", [(2, None, "the CSV is malformed here")]),
    Bad("enterprises-unknown-table.toml", [(4, None, "unknown table 'enterprize'")], whole=True),
    Bad(
        "enterprises-bad-value.toml",
        [(8, "credit_code", "checksum check failed"), (9, "industry", "expected text")],
    ),
    Bad("enterprises-syntax-error.toml", [(2, None, "not TOML: Illegal character")], whole=True),
    Bad(
        "enterprises-not-utf8.toml",
        [(6, None, "not valid utf-8; TOML files are UTF-8")],  # a name saved as GB18030
        whole=True,
    ),
    Bad("enterprises-nul.toml", [(None, None, "binary data (a NUL character)")], whole=True),
    Bad("designations-impossible-date.csv", [(2, "awarded_on", "day is out of range")]),
    Bad(
        "designations-future-date.csv",
        [
            (2, "撤销日期", "a revocation date after as_of=2023-06-30"),
            (3, "认定日期", "an award date after as_of=2023-06-30"),
            (4, "复核", "a re-review date after as_of=2023-06-30"),
        ],
        as_of=dt.date(2023, 6, 30),
    ),
    Bad(
        "designations-cross-field.csv",
        [
            (2, "batch", "only national designations have"),
            (3, "key", "only a national little giant can be key"),
            (4, "revoked_on", "revoked_on must be after the award"),
        ],
    ),
    Bad(
        "designations-many-problems.csv",
        [
            (2, "re_reviews", "is not a re-review"),
            (2, "credit_code", "length check failed"),
            (2, "level", "Unknown designation level 'county'"),
            (2, "awarded_on", "month must be in 1..12"),
            (2, "valid_years", "expected a whole number"),
        ],
    ),
    Bad(
        "trade-nan-infinity.csv",
        [(2, "value", "NaN is not a finite number"), (3, "previous", "Infinity is not a finite")],
    ),
    Bad(
        "trade-negative-value.csv",
        [(2, "value", "a trade value cannot be negative"), (3, "previous", "cannot be negative")],
    ),
    Bad("trade-formula.csv", [(2, "value", "a spreadsheet formula, not a value")]),
    Bad("trade-no-currency.csv", [(2, "value", "it names no currency")]),
    Bad(
        "trade-future-period.csv",
        [(3, "period", "ends on 2022-11-30, after as_of=2022-11-23")],
        as_of=dt.date(2022, 11, 23),
    ),
    Bad(
        "trade-inconsistent.csv",
        [
            (2, None, "the prior-year value implies +98.4% but the growth given is +59%"),
            (3, "value", "it says CNY but the currency given is USD"),
            (4, "currency", "'XYZ' is not an ISO 4217 currency code"),
            (4, "flow", "expected a trade flow"),
            (4, "growth", "it has no percent sign"),
        ],
    ),
    Bad(
        "trade-unit-header.csv",
        [(3, "金额（万元）", "the header gives the unit 万元, so write a plain number")],
    ),
    Bad("trade-syntax-error.json", [(3, None, "not JSON: Expecting ','")], whole=True),
    Bad("trade-not-an-array.json", [(1, None, "holds an array of records")], whole=True),
    Bad("trade-duplicate-key.json", [(2, "value", "the key 'value' is given twice")]),
    Bad("trade-long-key.json", [(3, None, "a key of 10,001 characters; the limit is 10,000")]),
    Bad(
        "trade-bad-lines.jsonl",
        [
            (2, None, "the line is blank"),
            (3, None, "expected a record {...}, got an array"),
            (4, "value", "NaN is not a finite number"),
            (5, None, "not JSON: Expecting ',' delimiter"),
        ],
    ),
    Bad(
        "financials-bad-figures.csv",
        [
            (2, "main_business_revenue", "cannot exceed operating_revenue"),
            (3, "operating_revenue", "Cannot read '1.5e3' as money"),
            (4, "year", "expected a whole number"),
        ],
    ),
    Bad(
        "relocations-bad-moves.csv",
        [
            (2, "to_region", "Unknown region '999999'"),
            (3, "on", "month must be in 1..12"),
            (4, "to_region", "a required value is missing: to_region"),
            (5, "to_region", "Unknown region 'unknown'"),
        ],
    ),
    Bad(
        "profiles-bad-facts.csv",
        [
            (2, "years_in_niche", "must be a whole number, 0 or more"),
            (3, "national_market_share", "must be an exact fraction from 0 to 1"),
            (4, "rd_institution_level", "contradicts rd_institution=False"),
            (5, "national_market_share", "is not a percentage such as 12%"),
            (5, "rd_institution_level", "write national, provincial or municipal"),
            (5, "science_awards", "write each as 'national 2 2023'"),
            (5, "honours", "an empty name between ';' separators"),
            (5, "chuangke_placings", "group must read like '500强'"),
            (5, "main_product_field", "expected one of core_components"),
            (6, "chuangke_placings", "write each as '2023 500强'"),
        ],
    ),
    Bad("rates-duplicate.csv", [(4, "on", "repeats the USD->CNY rate on 2022-11-07")]),
    Bad(
        "aggregates-bad-values.csv",
        [
            (2, "flow", "expected a trade flow"),
            (3, "equivalent", "the equivalent must be in another currency than the value"),
            (4, "enterprise_count", "an enterprise count is a whole number >= 0"),
            (5, "growth", "it has no percent sign"),
            (5, "equivalent", "it names no currency"),
            (6, "label", "an aggregate needs a label"),
            (8, "period", REPEATED_AGGREGATE),
            (9, "equivalent_currency", "'XYZ' is not an ISO 4217 currency code"),
            (10, "value", "it names no currency"),
        ],
    ),
    Bad(
        "counts-bad-values.csv",
        [
            (2, "kind", "'stock' is not a kind of count"),
            (3, "count", "a count is a whole number >= 0"),
            (4, "batch", "a batch count needs its MIIT batch"),
            (5, "by", "only a target has a date to be reached by"),
            (6, "region", "Unknown region '999999'"),
            (8, "on", REPEATED_COUNT),
            (9, "count", "expected a whole number"),
            (9, "on", "month must be in 1..12"),
            (10, "level", "Unknown designation level 'county'"),
            (11, "by", "a target needs the date it is to be reached by"),
        ],
    ),
]


class TestBadFiles:
    @pytest.mark.parametrize("case", BAD_FILES, ids=[case.file for case in BAD_FILES])
    def test_exact_problems(self, case: Bad, monkeypatch: pytest.MonkeyPatch) -> None:
        """Each bad file raises LoadError listing exactly its problems: file, line, column."""
        if "overlong-line" in case.file:
            monkeypatch.setattr(_tables, "MAX_LINE_BYTES", 4096)  # a small file shows the limit
        path = BAD / case.file
        load = LOADERS[case.file.split("-")[0]]
        problems = problems_of(lambda: load(path, as_of=case.as_of))
        expected = [(str(path), line, column) for line, column, _ in case.expected]
        assert expected == located(problems)
        for problem, (_, _, phrase) in zip(problems, case.expected, strict=True):
            assert phrase in problem.message

    def test_a_repeated_count_is_named_in_chinese(self) -> None:
        """The repeat's name (kind, level, place, date) reads Chinese under zh_CN, not English."""
        problems = problems_of(lambda: load_counts(BAD / "counts-bad-values.csv"))
        (repeat,) = [problem for problem in problems if problem.line == 8]
        assert REPEATED_COUNT in repeat.message
        said = repeat.describe(with_path=False, locale="zh_CN")
        assert "440300 2022-11-23 的国家级企业现有数" in said
        assert not re.search(r"\b(held|count|national|firms)\b", said)

    def test_corpus_is_all_tested(self) -> None:
        """Every file of the bad corpus has its expected problems here."""
        tested = {case.file for case in BAD_FILES} | {
            "dataset-unknown-enterprise",
            "dataset-stray-file",
            "dataset-bad-sources",
            "trade-too-many-problems.csv",
        }
        assert sorted(path.name for path in BAD.iterdir()) == sorted(tested)

    def test_problem_list_is_capped(self) -> None:
        """Sixty bad rows list the first 50 problems and count the other 10."""
        with pytest.raises(LoadError) as info:
            load_trade_records(BAD / "trade-too-many-problems.csv")
        error = info.value
        assert (MAX_PROBLEMS, 10, 60) == (len(error.problems), error.more, error.count)
        assert list(range(2, 52)) == [problem.line for problem in error.problems]
        assert str(error).endswith("  ... and 10 more.")

    def test_unknown_enterprises_in_a_folder(self) -> None:
        """Unknown, ambiguous and contradicting enterprise references and repeats are located."""
        folder = BAD / "dataset-unknown-enterprise"
        problems = problems_of(lambda: load_dataset(folder))
        expected = [
            (str(folder / "designations.csv"), 3, "name"),
            (str(folder / "designations.csv"), 4, "credit_code"),
            (str(folder / "designations.csv"), 5, "name"),
            (str(folder / "relocations.csv"), 3, "on"),
            (str(folder / "financials.csv"), 3, "year"),
            (str(folder / "profiles.csv"), 3, "credit_code"),
            (str(folder / "trade-2022.csv"), 3, "name"),
            (str(folder / "trade-2022.csv"), 4, "period"),
        ]
        assert expected == located(problems)
        messages = [problem.message for problem in problems]
        assert "did you mean '示例科技有限公司'?" in messages[0]
        assert "no enterprise in the enterprises files has the code" in messages[1]
        assert f"the credit code {A} is '示例科技有限公司'" in messages[2]
        assert "repeats this enterprise's move on 2020-09-01, first given on line 2" in messages[3]
        assert "repeats this enterprise's figures for 2022, first given on line 2" in messages[4]
        assert "repeats this enterprise's profile (one row per enterprise)" in messages[5]
        assert "2 enterprises are named '样例电子有限公司'" in messages[6]
        assert "repeats this enterprise's import for 2022-03" in messages[7]

    @pytest.mark.parametrize(
        ("text", "line", "kept"),
        [
            (
                "name,period,flow,value,currency\n甲,2022-03,import,1,CNY\r乙,2022-04,export,2,CNY\n",
                2,
                0,
            ),
            (
                "name,period,flow,value,currency\n甲,2022-03,import,1,CNY\n乙,2022-04,ex\rport,2,CNY\n",
                3,
                1,
            ),
            ("name,period,flow,value,currency\r甲,2022-03,import,1,CNY\r", 1, 0),
        ],
    )
    def test_a_lone_carriage_return_is_a_located_problem(
        self, tmp_path: Path, text: str, line: int, kept: int
    ) -> None:
        """A \\r no \\n follows (an old Mac line end) is named on its line, never a csv.Error."""
        path = tmp_path / "trade.csv"
        path.write_bytes(text.encode("utf-8"))
        with pytest.raises(LoadError) as info:
            load_trade_records(path)
        assert [(str(path), line, None)] == located(info.value.problems)
        assert "carriage return" in info.value.problems[0].message
        if line > 1:  # a data line: rows read = kept + rejected
            result = load_trade_records(path, errors="collect")
            assert (kept, line - 1) == (len(result.records), result.rows_read)
            assert result.rows_read == len(result.records) + len(result.rejected)

    @pytest.mark.parametrize(
        "name",
        [
            '"示例\\"科技\\"有限公司"',  # a quote inside: the quote closes too early
            '"示例科技有限公司\\""',  # a quote at the cell's end: the quote runs on
        ],
    )
    def test_a_backslash_escaped_quote_is_named(self, tmp_path: Path, name: str) -> None:
        """Spark's default CSV escapes a quote with a backslash: the problem says so.

        RFC 4180 doubles a quote in a quoted cell; read as RFC 4180, the row is rejected (a
        quote that runs on takes its first line only: the next lines are read again).
        """
        path = tmp_path / "trade.csv"
        path.write_text(
            "name,period,flow,value,currency\n"
            f"{name},2022-03,import,1,CNY\n"
            "乙,2022-04,export,2,CNY\n"
            "丙,2022-05,export,3,CNY\n",
            encoding="utf-8",
        )
        result = load_trade_records(path, errors="collect")
        assert (result.rows_read, len(result.records)) == (3, 2)
        assert [2] == [row.line for row in result.rejected]
        (problem,) = result.rejected[0].problems
        assert "Spark's CSV writer escapes a quote" in problem.message
        plain = tmp_path / "plain.csv"  # a quote closed too early, no backslash: no such hint
        plain.write_text(path.read_text(encoding="utf-8").replace("\\", ""), encoding="utf-8")
        found = load_trade_records(plain, errors="collect")
        assert found.rejected
        assert all("Spark" not in p.message for row in found.rejected for p in row.problems)

    def test_stray_files_in_a_folder(self) -> None:
        """A file matching no kind is a problem, never skipped silently."""
        folder = BAD / "dataset-stray-file"
        problems = problems_of(lambda: load_dataset(folder))
        expected = [
            (str(folder / "enterprise-list.xls"), None, None),
            (str(folder / "notes.txt"), None, None),
        ]
        assert expected == located(problems)
        assert all("a file matching no kind" in problem.message for problem in problems)


# -- collecting -----------------------------------------------------------------------------------


class TestCollect:
    @pytest.mark.parametrize("case", BAD_FILES, ids=[case.file for case in BAD_FILES])
    def test_counts_reconcile(self, case: Bad, monkeypatch: pytest.MonkeyPatch) -> None:
        """With errors="collect", rows read = records + rejected, or the file as a whole fails."""
        if "overlong-line" in case.file:
            monkeypatch.setattr(_tables, "MAX_LINE_BYTES", 4096)
        path = BAD / case.file
        load = LOADERS[case.file.split("-")[0]]
        if case.whole:
            problems = problems_of(lambda: load(path, errors="collect", as_of=case.as_of))
            assert [(str(path), line, column) for line, column, _ in case.expected] == located(
                problems
            )
            return
        result = load(path, errors="collect", as_of=case.as_of)
        assert result.rows_read == len(result.records) + len(result.rejected)
        expected = [(str(path), line, column) for line, column, _ in case.expected]
        assert expected == located(result.problems)

    def test_rejected_rows_keep_their_cells(self) -> None:
        """A rejected row carries its cells as read, extra cells under #n names."""
        result = load_enterprises(BAD / "enterprises-ragged-rows.csv", errors="collect")
        expected = {"name": "样例电子有限公司", "credit_code": B, "region": "440305", "#4": "extra"}
        assert expected == result.rejected[0].cells
        assert [Enterprise("示例科技有限公司", credit_code=A, region="440305")] == list(
            result.records
        )

    @pytest.mark.parametrize("blank", ["", ",,,", " , ,\t,", ",,, "])
    def test_a_blank_row_has_no_cells(self, tmp_path: Path, blank: str) -> None:
        """An empty line, a line of commas and a line of spaces are a blank row; the first two
        have no cells (a reader of columns cannot tell them apart), spaces are kept as read."""
        path = tmp_path / "trade.csv"
        path.write_text(f"name,period,flow,value\n{blank}\n甲,2022-01,import,5\n{blank}")
        result = load_trade_records(path, currency="CNY", errors="collect")
        assert 1 == len(result.records)
        rows = [
            (row.line, dict(row.cells), str(row.problems[0].message)) for row in result.rejected
        ]
        header = ["name", "period", "flow", "value"]
        cells: dict[str, str | None] = dict.fromkeys(header)
        if blank.strip(","):
            cells = dict(zip(header, blank.split(","), strict=True))
        expected = [(2, cells, "the row is blank; delete it")]
        if blank:  # a last line that is empty is the file's end, not a row
            expected.append((4, cells, "the row is blank; delete it"))
        assert expected == rows

    def test_formula_text_is_kept(self) -> None:
        """A formula in a text column is kept as text, never evaluated."""
        result = load_trade_records(BAD / "trade-formula.csv", errors="collect")
        [record] = result.records
        assert '=HYPERLINK("http://example.invalid","样例")' == record.enterprise.name

    def test_result_checks_the_counts(self) -> None:
        """A LoadResult whose counts do not reconcile cannot be built."""
        with pytest.raises(InvalidRecordError):
            LoadResult((), rejected=(), rows_read=1)

    def test_dataset_counts_reconcile(self) -> None:
        """In a folder, rows read = objects built + rows rejected."""
        data = load_dataset(BAD / "dataset-unknown-enterprise", errors="collect")
        assert data.rows_read == data.objects + len(data.rejected)
        assert (16, 8) == (data.rows_read, len(data.rejected))


# -- streaming ------------------------------------------------------------------------------------


class TestStreaming:
    def test_strict_stream_stops_at_the_first_bad_row(self, tmp_path: Path) -> None:
        """A strict stream yields the rows before the first bad one, then raises listing all."""
        rows = ["示例科技有限公司,2022-01,import,1,CNY"] * 3 + ["示例,2022-13,import,1,CNY"]
        rows += ["示例科技有限公司,2022-02,import,1,CNY", "示例,2022-14,import,1,CNY"]
        path = write(tmp_path, "trade.csv", "name,period,flow,value,currency\n" + "\n".join(rows))
        stream = iter_trade_records(path)
        seen: list[TradeRecord] = []
        with pytest.raises(LoadError) as info:
            seen.extend(stream)
        assert (3, [5, 7], 6) == (
            len(seen),
            [p.line for p in info.value.problems],
            stream.rows_read,
        )

    def test_result_after_iterating_says_why(self, tmp_path: Path) -> None:
        """result() on a stream already read names the records taken, not a count mismatch."""
        rows = "name,period,flow,value,currency\n" + "示例科技有限公司,2022-01,import,1,CNY\n" * 2
        stream = iter_trade_records(write(tmp_path, "trade.csv", rows), errors="collect")
        assert 1 == len([next(stream)])
        with pytest.raises(InvalidRecordError, match="1 had already been taken"):
            stream.result()
        fresh = iter_trade_records(tmp_path / "trade.csv", errors="collect").result()
        assert (2, 2) == (len(fresh.records), fresh.rows_read)

    def test_collecting_stream_fills_rejected(self, tmp_path: Path) -> None:
        """A collecting stream yields every good record and keeps the bad rows."""
        path = write(
            tmp_path, "trade.csv", "name,period,flow,value,currency\nx,2022-01,import,1,CNY\n\n"
        )
        stream = iter_trade_records(path, errors="collect")
        assert (1, 2, [3]) == (
            len(list(stream)),
            stream.rows_read,
            [r.line for r in stream.rejected],
        )

    def test_memory_stays_flat(self, tmp_path: Path) -> None:
        """Iterating a large file keeps peak memory far below the file's size."""
        path = tmp_path / "trade.csv"
        row = "示例科技有限公司{},,2022-01..2022-10,import,{}.50,USD,,,customs\n"
        with path.open("w", encoding="utf-8") as handle:
            handle.write("name,credit_code,period,flow,value,currency,previous,growth,source\n")
            handle.writelines(row.format(i % 50, i) for i in range(30_000))
        tracemalloc.start()
        try:
            count = sum(1 for _ in iter_trade_records(path))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert count == 30_000
        assert peak < path.stat().st_size / 4

    def test_fast_path_is_used(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Rows repeating an accepted row's texts skip the general path."""
        calls: list[object] = []
        general = _schemas.RowReader.read

        def counting(self: _schemas.RowReader, *args: Any) -> Any:
            calls.append(args)
            return general(self, *args)

        monkeypatch.setattr(_schemas.RowReader, "read", counting)
        lines = [
            f"示例科技有限公司,2022-03,{flow},{i},CNY"
            for i in range(50)
            for flow in ("出口", "进口")
        ]
        path = write(tmp_path, "trade.csv", "name,period,flow,value,currency\n" + "\n".join(lines))
        assert 100 == len(load_trade_records(path))
        assert 1 == len(calls)


# -- encodings, formats, files --------------------------------------------------------------------


def hosin_trade(value: str = "99200000.0") -> TradeRecord:
    return TradeRecord(
        Enterprise("Shenzhen Hosin Global Electronics Co. Ltd."),
        "2022-01..2022-10",
        "import",
        Money(value, "USD"),
        growth="59%",
    )


# -- the garbage collector while loading -------------------------------------------------------


def trade_rows(folder: Path, rows: int, name: str = "trade.csv") -> Path:
    """A trade CSV of ``rows`` plain rows of 50 firms (the loader's fast path)."""
    lines = [
        f"示例科技有限公司{i % 50},2022-{i % 12 + 1:02d},{('import', 'export')[i % 2]},{i}.50,CNY"
        for i in range(rows)
    ]
    return write(folder, name, "name,period,flow,value,currency\n" + "\n".join(lines) + "\n")


@pytest.fixture
def thresholds() -> Iterator[tuple[int, int, int]]:
    """Unusual collector thresholds for a test; the process's own settings are back after it."""
    before, enabled = gc.get_threshold(), gc.isenabled()
    gc.set_threshold(555, 7, 9)
    try:
        yield (555, 7, 9)
    finally:
        gc.set_threshold(*before)
        if enabled:
            gc.enable()
        else:
            gc.disable()


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generations the collector collects during a test, from a ``gc`` callback."""
    found: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            found.append(info["generation"])

    gc.callbacks.append(note)
    try:
        yield found
    finally:
        gc.callbacks.remove(note)


@pytest.fixture
def small_oldest_generation() -> Iterator[None]:
    """The process's objects frozen, so the next full collection is due as soon as its count is.

    Python makes a full collection only once the objects that survived young collections are a
    quarter of those a full collection last kept; with the test process's own objects frozen
    (and unfrozen after), that is at once, so a few thousand records show the full collections.
    """
    if gc.get_freeze_count():
        pytest.skip("objects were already frozen: unfreezing them after the test would be wrong")
    gc.collect()
    gc.freeze()
    gc.collect()
    try:
        yield
    finally:
        gc.unfreeze()


class _Watched:
    """A context around the loader's (or a stand-in), noting the collections made inside it."""

    def __init__(self, inner: contextlib.AbstractContextManager[object]) -> None:
        self.inner = inner
        self.inside = False
        self.generations: list[int] = []

    def note(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start" and self.inside:
            self.generations.append(info["generation"])

    def __enter__(self) -> None:
        gc.callbacks.append(self.note)
        self.inside = True
        self.inner.__enter__()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            self.inner.__exit__(kind, error, trace)
        finally:
            self.inside = False
            gc.callbacks.remove(self.note)


class TestGarbageCollector:
    def test_the_callers_thresholds_hold_in_the_callers_code(
        self, tmp_path: Path, thresholds: tuple[int, int, int]
    ) -> None:
        """Each record reaches the caller's code with the thresholds the caller set, and after."""
        path = trade_rows(tmp_path, 2000)
        seen = {gc.get_threshold() for _ in iter_trade_records(path)}
        assert ({thresholds}, thresholds) == (seen, gc.get_threshold())

    def test_abandoned_failing_and_dataset_loads_change_nothing(
        self, tmp_path: Path, thresholds: tuple[int, int, int]
    ) -> None:
        """A stream dropped half-read, a file that fails, and a dataset leave the thresholds."""
        stream = iter_trade_records(trade_rows(tmp_path, 1000))
        next(stream)
        del stream
        bad = write(
            tmp_path, "bad.csv", "name,period,flow,value,currency\nx,2022-13,import,1,CNY\n"
        )
        with pytest.raises(LoadError):
            load_trade_records(bad)
        assert 1 == len(load_trade_records(bad, errors="collect").rejected)
        load_dataset(EXAMPLES)
        assert thresholds == gc.get_threshold()

    def test_an_interrupt_while_building_leaves_the_thresholds(
        self, tmp_path: Path, thresholds: tuple[int, int, int], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Ctrl-C while a batch is built leaves through the context: the thresholds are back."""

        def interrupted(*_: object) -> object:
            raise KeyboardInterrupt

        monkeypatch.setattr(_schemas.RowReader, "read", interrupted)
        with pytest.raises(KeyboardInterrupt):
            load_trade_records(trade_rows(tmp_path, 10))
        assert thresholds == gc.get_threshold()

    def test_thresholds_set_while_building_stand(
        self, tmp_path: Path, thresholds: tuple[int, int, int], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Thresholds someone else sets while a batch is built are kept, not overwritten."""
        read = _schemas.RowReader.read

        def resetting(self: _schemas.RowReader, *args: Any) -> Any:
            gc.set_threshold(777, 3, 3)
            return read(self, *args)

        monkeypatch.setattr(_schemas.RowReader, "read", resetting)
        load_trade_records(trade_rows(tmp_path, 10))
        assert ((777, 3, 3), (555, 7, 9)) == (gc.get_threshold(), thresholds)

    def test_a_disabled_collector_stays_disabled_and_idle(
        self, tmp_path: Path, thresholds: tuple[int, int, int], collections: list[int]
    ) -> None:
        """With gc.disable() or a zero threshold, loading changes nothing and collects nothing."""
        path = trade_rows(tmp_path, 5000)
        gc.disable()
        load_trade_records(path)
        assert (False, thresholds, []) == (gc.isenabled(), gc.get_threshold(), collections)
        gc.enable()
        gc.set_threshold(0)
        load_trade_records(path)
        assert ((0, 7, 9), []) == (gc.get_threshold(), collections)

    def test_streams_in_threads_leave_the_thresholds(
        self, tmp_path: Path, thresholds: tuple[int, int, int]
    ) -> None:
        """Streams read in several threads at once restore the thresholds once all are done."""
        paths = [trade_rows(tmp_path, 3000, f"trade-{i}.csv") for i in range(4)]
        counts: list[int] = []

        def read(path: Path) -> None:
            counts.append(sum(1 for _ in iter_trade_records(path)))

        threads = [threading.Thread(target=read, args=(path,)) for path in paths]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert ([3000] * 4, thresholds) == (counts, gc.get_threshold())

    @pytest.mark.usefixtures("thresholds", "small_oldest_generation")
    def test_young_collections_run_and_full_ones_wait(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Building a batch collects generations 0 and 1 together and never 2; without the
        context it would.

        With thresholds (50, 0, 0) a load of 3,000 rows is many collections' worth of records,
        and any automatic collection that finds generation 1 counted is a full one: so one
        started by the context's exit itself, once the caller's thresholds are back, shows
        (the first object its count made did, before the exit asked for the count first).
        Only the collections made while a batch is built, the exit's included, are counted:
        between batches the caller's thresholds hold, and a tracer (coverage's) allocates
        there enough to start a full collection of its own.
        """
        path = trade_rows(tmp_path, 3000)
        gc.set_threshold(50, 0, 0)
        watched = _Watched(loader._young_collections_only)
        monkeypatch.setattr(loader, "_young_collections_only", watched)
        records = load_trade_records(path)
        with_context = sorted(set(watched.generations))
        watched = _Watched(contextlib.nullcontext())
        monkeypatch.setattr(loader, "_young_collections_only", watched)
        again = load_trade_records(path)
        without = sorted(set(watched.generations))
        assert (3000, [r.value for r in records]) == (len(again), [r.value for r in again])
        assert 2 not in with_context, with_context  # no full collection while a batch is built
        assert 1 in with_context, with_context  # the young generations are, together
        assert 2 in without, without  # as the thresholds would have it without the context

    @pytest.mark.usefixtures("thresholds")
    def test_a_due_collection_takes_both_young_generations(
        self, tmp_path: Path, collections: list[int]
    ) -> None:
        """A collection due at a batch's end is of generations 0 and 1 together, never of 2.

        With thresholds (50, 1000, 1000) Python's own collections during a load of 3,000 rows
        are all of generation 0: generation 1 is collected only by the loader.
        """
        path = trade_rows(tmp_path, 3000)
        gc.set_threshold(50, 1000, 1000)
        load_trade_records(path)
        assert {1} == set(collections) - {0}


class TestEncodings:
    def test_bom_is_skipped(self) -> None:
        """A UTF-8 BOM before the header is not part of the first column's name."""
        assert [Enterprise("示例科技有限公司", credit_code=A)] == load_enterprises(
            GOOD / "enterprises-bom.csv"
        )

    def test_gb18030_is_detected_from_a_chinese_header(self) -> None:
        """A GB18030 file whose Chinese header names known columns is read as GB18030."""
        expected = [Enterprise("示例科技有限公司", credit_code=A, region="440305")]
        assert expected == load_enterprises(GOOD / "enterprises-gb18030.csv")
        assert expected == load_enterprises(GOOD / "enterprises-gb18030.csv", encoding="gb18030")

    def test_declared_gb18030(self) -> None:
        """encoding="gb18030" reads a GB18030 file whose header is ASCII."""
        expected = [Enterprise("示例科技有限公司", credit_code=A)]
        path = BAD / "enterprises-undeclared-gb18030.csv"
        assert expected == load_enterprises(path, encoding="gb18030")

    def test_bad_bytes_after_a_malformed_row(self, tmp_path: Path) -> None:
        """Undecodable bytes are still reported after a row the CSV parser refused."""
        path = tmp_path / "enterprises.csv"
        path.write_bytes(b'name\n"a"x\nb\n\xff\xfe bad\nc\n')
        result = load_enterprises(path, errors="collect")
        assert ([2, 4], ["b", "c"]) == (
            [row.line for row in result.rejected],
            [firm.name for firm in result.records],
        )
        assert "are not valid utf-8" in result.rejected[1].problems[0].message

    @pytest.mark.parametrize(
        ("encoding", "phrase"),
        [("utf-16", "not ASCII-compatible"), ("klingon", "not an encoding Python knows")],
    )
    def test_unusable_encodings(self, encoding: str, phrase: str) -> None:
        """An encoding that cannot be split into lines, or an unknown one, is refused."""
        problems = problems_of(
            lambda: load_enterprises(GOOD / "enterprises-bom.csv", encoding=encoding)
        )
        assert phrase in problems[0].message


class TestFormats:
    def test_json_numbers_are_exact(self, tmp_path: Path) -> None:
        """JSON numbers are read as Decimal, never as floats."""
        record = {
            "name": "x",
            "period": "2022-03",
            "flow": "import",
            "value": 0.1,
            "currency": "CNY",
        }
        path = write(tmp_path, "trade.json", json.dumps([record]))
        assert Money("0.1", "CNY") == load_trade_records(path)[0].value

    def test_toml_rows(self, tmp_path: Path) -> None:
        """TOML rows are [[kind]] tables; numbers and dates are native."""
        path = write(
            tmp_path,
            "rates.toml",
            '[[rate]]\nbase = "USD"\nquote = "CNY"\nrate = 7.2292\non = 2022-11-07\n',
        )
        assert [ExchangeRate("USD", "CNY", rate="7.2292", on=dt.date(2022, 11, 7))] == load_rates(
            path
        )

    def test_unknown_extension(self, tmp_path: Path) -> None:
        """A file whose extension names no format is refused before reading."""
        problems = problems_of(lambda: load_rates(write(tmp_path, "rates.xls", "")))
        assert "cannot tell the format from the extension '.xls'" in problems[0].message

    def test_xlsx_needs_its_extra(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without openpyxl, an .xlsx file raises MissingExtraError naming the extra."""
        real = importlib.import_module

        def without_openpyxl(name: str) -> Any:
            if name == "openpyxl":
                raise ModuleNotFoundError(name)
            return real(name)

        monkeypatch.setattr(importlib, "import_module", without_openpyxl)
        with pytest.raises(MissingExtraError) as info:
            load_rates(write(tmp_path, "rates.xlsx", ""))
        assert isinstance(info.value, ImportError)
        assert "pip install 'littlegiants[xlsx]'" in str(info.value)
        with pytest.raises(MissingExtraError):
            dump_rates([], tmp_path / "out.xlsx")

    def test_xlsx_cells(self, tmp_path: Path) -> None:
        """XLSX numbers are read from their shortest decimal form; binary noise is refused."""
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["base", "quote", "rate", "on"])
        sheet.append(["USD", "CNY", 7.2292, dt.date(2022, 11, 7)])
        sheet.append(["USD", "CNY", 1234.5678, dt.date(2022, 11, 8)])
        sheet.append([None, None, None, None])
        book.save(tmp_path / "saved.xlsx")
        # Excel stores 17 digits, openpyxl fewer: write the binary noise of =0.1+0.2 directly.
        with (
            zipfile.ZipFile(tmp_path / "saved.xlsx") as source,
            zipfile.ZipFile(tmp_path / "rates.xlsx", "w") as target,
        ):
            for item in source.infolist():
                data = source.read(item)
                if item.filename.startswith("xl/worksheets/"):
                    data = data.replace(b"<v>1234.5678</v>", b"<v>0.30000000000000004</v>")
                target.writestr(item, data)
        result = load_rates(tmp_path / "rates.xlsx", errors="collect")
        assert [Decimal("7.2292")] == [rate.rate for rate in result.records]
        assert [(3, "rate")] == [(p.line, p.column) for p in result.problems]

    def test_xlsx_sheet_choice(self, tmp_path: Path) -> None:
        """With several sheets, the one named after the kind is read; else it is a problem."""
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        book.active.title = "notes"
        rates = book.create_sheet("Rates 2022")
        rates.append(["base", "quote", "rate", "on"])
        rates.append(["USD", "CNY", "7.2292", "2022-11-07"])
        book.save(tmp_path / "rates.xlsx")
        assert 1 == len(load_rates(tmp_path / "rates.xlsx"))
        book.create_sheet("rates")
        book.save(tmp_path / "rates.xlsx")
        problems = problems_of(lambda: load_rates(tmp_path / "rates.xlsx"))
        assert "keep one sheet, or name the one to read 'rate'" in problems[0].message


class TestFiles:
    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file raises MissingFileError, a LoadFileError and FileNotFoundError."""
        with pytest.raises(MissingFileError) as info:
            load_rates(tmp_path / "rates.csv")
        error = info.value
        assert isinstance(error, LoadFileError)
        assert isinstance(error, FileNotFoundError)
        assert isinstance(error, LittleGiantsError)
        assert (errno.ENOENT, str(tmp_path / "rates.csv")) == (error.errno, error.filename)

    def test_unreadable_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file the system refuses to open raises LoadFileError with its errno."""
        path = write(tmp_path, "rates.csv", "base,quote,rate,on\n")

        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(Path, "open", refuse)
        with pytest.raises(LoadFileError) as info:
            load_rates(path)
        assert (errno.EACCES, "Cannot read " + str(path) + ": permission denied.") == (
            info.value.errno,
            str(info.value),
        )

    def test_folder_given_as_file(self, tmp_path: Path) -> None:
        """A folder where a file is expected raises LoadFileError."""
        (tmp_path / "rates.csv").mkdir()
        with pytest.raises(LoadFileError, match="it is a folder, not a rates file"):
            load_rates(tmp_path / "rates.csv")

    def test_missing_folder(self, tmp_path: Path) -> None:
        """load_dataset on a missing folder raises MissingFileError."""
        with pytest.raises(MissingFileError):
            load_dataset(tmp_path / "nowhere")


class TestArguments:
    def test_errors_mode(self) -> None:
        """errors= is 'strict' or 'collect'."""
        with pytest.raises(InvalidRecordError, match="errors= must be"):
            load_rates(EXAMPLES / "rates.csv", errors="ignore")  # type: ignore[call-overload]

    def test_as_of_is_a_date(self) -> None:
        """as_of= must be a date, not a datetime."""
        with pytest.raises(InvalidRecordError, match=r"as_of= must be a datetime\.date"):
            load_rates(EXAMPLES / "rates.csv", as_of=dt.datetime(2022, 1, 1))  # noqa: DTZ001

    def test_currency_is_checked(self) -> None:
        """currency= must be an ISO 4217 code."""
        with pytest.raises(UnknownCurrencyError):
            load_rates(EXAMPLES / "rates.csv", currency="RMB")


class TestHeaders:
    @pytest.mark.parametrize(
        ("header", "column", "phrase"),
        [
            ("name,,credit_code", None, "column 2 has no header"),
            ("name,企业名称", "企业名称", "'企业名称' and 'name' are both name"),
            ("name,region (CNY)", "region (CNY)", "takes no unit in its header"),
            ("name,credit code", None, ""),
            ("NAME, Credit-Code ", None, ""),
        ],
    )
    def test_header_problems(self, tmp_path: Path, header: str, column: str, phrase: str) -> None:
        """Empty, repeated and unit-bearing headers stop the load; case and gaps do not matter."""
        path = write(tmp_path, "enterprises.csv", f"{header}\n示例科技有限公司,{A}\n")
        if not phrase:
            assert [Enterprise("示例科技有限公司", credit_code=A)] == load_enterprises(path)
            return
        problems = problems_of(lambda: load_enterprises(path))
        assert [(str(path), 1, column)] == located(problems)
        assert phrase in problems[0].message

    @pytest.mark.parametrize(
        ("header", "phrase"),
        [("value,growth (pct)", "can only be %"), ("value (dongs)", "is not a unit of money")],
    )
    def test_bad_units(self, tmp_path: Path, header: str, phrase: str) -> None:
        """A unit that is not a unit of money (or % for growth) stops the load."""
        text = f"name,period,flow,currency,{header}\n"
        problems = problems_of(lambda: load_trade_records(write(tmp_path, "trade.csv", text)))
        assert phrase in problems[0].message

    def test_units_apply_to_json_numbers(self, tmp_path: Path) -> None:
        """A unit in a JSON key scales numbers as it scales CSV cells."""
        record = {
            "name": "x",
            "period": "2022-03",
            "flow": "出口",
            "金额（万元）": 50,
            "同比(%)": 59,
        }
        path = write(tmp_path, "trade.json", json.dumps([record], ensure_ascii=False))
        [loaded] = load_trade_records(path)
        assert (Money("500000", "CNY"), Decimal("0.59")) == (
            loaded.value,
            loaded.reported_growth.rate if loaded.reported_growth else None,
        )


_CSV_CELLS = st.one_of(
    st.text(alphabet=st.sampled_from(list("ab甲,\"\r\n '")), max_size=8),
    st.sampled_from(["", "x", '"q"', '"a,b"', '"l1\nl2"', '"x""y"', "甲公司"]),
)


@st.composite
def _csv_texts(draw: st.DrawFn) -> str:
    """A CSV file's text: rows of plain, quoted, broken and multi-line cells, either line end."""
    rows = draw(st.lists(st.lists(_CSV_CELLS, min_size=1, max_size=4).map(",".join), max_size=30))
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    last = draw(st.sampled_from(["", ending]))
    return "a,b,c" + ending + ending.join(rows) + (last if rows else ending)


def _same_in_blocks(
    path: Path, fmt: str, encoding: str, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loader's reader gives the same rows, lines and problems of ``path`` in blocks of
    ``block`` bytes as in one read (the file is smaller than the reader's own block)."""

    def rows() -> list[tuple[object, ...]]:
        found = _tables.read_rows(
            path, fmt, encoding=encoding, accept_header=lambda _: True, tables=()
        )
        return [
            (kind, line, cells, tuple(map(str, issues))) for kind, line, cells, issues, _ in found
        ]

    whole = rows()
    monkeypatch.setattr(_tables, "_BLOCK", block)
    assert whole == rows()


class TestCsvBlocks:
    @given(
        _csv_texts(),
        st.integers(1, 64),
        st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
    )
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    def test_blocks_of_any_size_read_the_same_rows(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, block: int, encoding: str
    ) -> None:
        """A CSV file read in blocks of a few bytes gives the rows, lines and problems of one read.

        The reader takes clean blocks of lines whole and the rest line by line, through
        ``csv`` once a quote is met: where a block ends must not change what is read.
        """
        path = tmp_path / "rows.csv"
        path.write_bytes(text.encode(encoding))
        read_as = "gb18030" if encoding == "gb18030" else "utf-8"
        _same_in_blocks(path, "csv", read_as, block, monkeypatch)


class TestJsonStreaming:
    def test_lines_across_chunks(self, tmp_path: Path) -> None:
        """Records of a large JSON array keep their line numbers across read chunks."""
        good = {"name": "示例科技有限公司", "period": "2022-03", "flow": "import", "value": "1"}
        rows = [json.dumps({**good, "currency": "CNY"}, ensure_ascii=False)] * 3000
        rows.append(json.dumps({**good, "currency": "XYZ"}))
        path = write(tmp_path, "trade.json", "[\n" + ",\n".join(rows) + "\n]\n")
        result = load_trade_records(path, errors="collect")
        assert (3000, [3002]) == (len(result.records), [row.line for row in result.rejected])

    @pytest.mark.parametrize(
        ("text", "line", "phrase"),
        [
            ('[{"name": "x"}] trailing', 1, "text after the closing ']'"),
            ('[{"name": "x"},\n]', 2, "not JSON"),
            ('[{"name": "x"}\n', 2, "expected ',' or ']' after a record"),
            ("[\n", 2, "the array is not closed"),
            ("", 1, "the file is empty"),
            ('[{"name": "' + "x" * 3000, 1, "longer than 1,024 characters"),
        ],
    )
    def test_broken_arrays(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, line: int, phrase: str
    ) -> None:
        """A broken JSON array stops the load at the line where it breaks."""
        monkeypatch.setattr(_tables, "MAX_RECORD_CHARS", 1024)
        monkeypatch.setattr(_tables, "_CHUNK", 512)
        path = write(tmp_path, "enterprises.json", text)
        problems = problems_of(lambda: load_enterprises(path))
        assert [(str(path), line, None)] == located(problems)
        assert phrase in problems[0].message

    @given(
        st.lists(
            st.dictionaries(
                st.text(max_size=6),
                st.one_of(
                    st.none(),
                    st.booleans(),
                    st.integers(),
                    st.floats(allow_nan=False, allow_infinity=False),
                    st.text(max_size=12),
                    st.lists(st.integers(), max_size=3),
                ),
                max_size=4,
            ),
            max_size=6,
        ),
        st.tuples(st.booleans(), st.sampled_from([None, 0, 2]), st.integers(1, 40), st.booleans()),
    )
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    def test_an_array_read_in_chunks_of_any_size_is_the_array(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        records: list[dict[str, object]],
        how: tuple[bool, int | None, int, bool],
    ) -> None:
        """Read a few bytes at a time, an array gives the records ``json`` reads of it whole.

        An escape (``\\u7532``, as ``json.dumps`` writes every Chinese character by default), a
        token (``false``) or a number cut between two reads is read whole, and a byte-order mark
        read a byte at a time is still one: a file written by ``json.dumps`` stopped at its
        first Chinese character across a 64 KiB read.
        """
        ascii_only, indent, chunk, bom = how  # escapes or characters, layout, bytes a read, BOM
        monkeypatch.setattr(_tables, "_CHUNK", chunk)
        text = json.dumps(records, ensure_ascii=ascii_only, indent=indent)
        path = tmp_path / "records.json"
        path.write_text(text, encoding="utf-8-sig" if bom else "utf-8")
        rows = list(_tables._json_rows(path, "utf-8"))
        assert (["row"] * len(records), _tables._DECODER.decode(text)) == (
            [row[0] for row in rows],
            [row[2] for row in rows],
        )

    @given(
        st.lists(
            st.one_of(
                st.dictionaries(
                    st.text(max_size=4),
                    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10)),
                    max_size=3,
                ).flatmap(
                    lambda record: st.sampled_from(
                        [json.dumps(record), json.dumps(record, ensure_ascii=False)]
                    )
                ),
                st.sampled_from(["", "  ", "{", "[1]", "x"]),  # blank lines and broken ones
            ),
            max_size=20,
        ),
        st.tuples(st.sampled_from(["\n", "\r\n"]), st.booleans(), st.integers(1, 48)),
    )
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    def test_lines_in_blocks_of_any_size_read_the_same_rows(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        lines: list[str],
        how: tuple[str, bool, int],
    ) -> None:
        """JSON Lines read in blocks of a few bytes: the rows, lines and problems of one read."""
        ending, bom, block = how
        path = tmp_path / "records.jsonl"
        path.write_text(ending.join(lines) + ending, encoding="utf-8-sig" if bom else "utf-8")
        _same_in_blocks(path, "jsonl", "utf-8", block, monkeypatch)

    def test_json_not_utf8(self, tmp_path: Path) -> None:
        """JSON that is not UTF-8 stops the load."""
        path = tmp_path / "enterprises.json"
        path.write_bytes(b'[{"name": "\xff"}]')
        assert "JSON files are UTF-8" in problems_of(lambda: load_enterprises(path))[0].message


class TestTomlFiles:
    @pytest.mark.parametrize(
        ("text", "line", "phrase"),
        [
            ('enterprise = "x"\n', 1, "must be an array of tables"),
            ('enterprise = ["x"]\n', 1, "expected a table"),
            ("[[enterprise]]\n", 1, "the table is empty"),
            ('[[enterprises]]\nname = "示例科技有限公司"\n', None, ""),
        ],
    )
    def test_tables(self, tmp_path: Path, text: str, line: int | None, phrase: str) -> None:
        """Rows are arrays of tables named after the kind (singular or plural)."""
        path = write(tmp_path, "enterprises.toml", text)
        if not phrase:
            assert [Enterprise("示例科技有限公司")] == load_enterprises(path)
            return
        problems = problems_of(lambda: load_enterprises(path))
        assert [(str(path), line, None)] == located(problems)
        assert phrase in problems[0].message

    def test_size_limit(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A TOML file over the size limit stops the load before it is parsed."""
        monkeypatch.setattr(_tables, "MAX_TOML_BYTES", 10)
        path = write(tmp_path, "enterprises.toml", '[[enterprise]]\nname = "x"\n')
        assert "use CSV or JSON Lines" in problems_of(lambda: load_enterprises(path))[0].message

    def test_not_utf8(self, tmp_path: Path) -> None:
        """TOML that is not UTF-8 stops the load at the line of the bad bytes."""
        path = tmp_path / "enterprises.toml"
        path.write_bytes(b'[[enterprise]]\nname = "\xff"\n')
        assert [(str(path), 2, None)] == located(problems_of(lambda: load_enterprises(path)))


class TestFastPathBranches:
    def test_unusual_cells_take_the_general_path(self, tmp_path: Path) -> None:
        """Grouped amounts, new growth texts and escaped sources are read on the general path."""
        lines = [
            "示例科技有限公司,2022-03,import,1,CNY,2,-50%,customs",
            '示例科技有限公司,2022-03,import,1,CNY,"1,000",,customs',
            "示例科技有限公司,2022-03,import,1,CNY,,+50%,customs",
            "示例科技有限公司,2022-03,import,1,CNY,,,'=customs",
        ]
        header = "name,period,flow,value,currency,previous,growth,source\n"
        path = write(tmp_path, "trade.csv", header + "\n".join(lines) + "\n")
        records = load_trade_records(path)
        assert [Money("1000", "CNY"), "=customs"] == [
            records[1].reported_previous,
            records[3].source,
        ]


class TestRecords:
    @pytest.mark.parametrize(
        ("cls", "expected"),
        [
            (DesignationRecord, "expected a Designation"),
            (RelocationRecord, "expected a Relocation"),
            (FinancialRecord, "expected a FinancialYear"),
            (ProfileRecord, "expected a Profile"),
        ],
    )
    def test_wrong_types_are_refused(self, cls: type, expected: str) -> None:
        """A record pairs an Enterprise with its value; anything else is named in the error."""
        with pytest.raises(InvalidRecordError, match=r"expected an Enterprise \(build one"):
            cls("示例科技有限公司", None)
        with pytest.raises(InvalidRecordError, match=expected):
            cls(Enterprise("示例科技有限公司"), "2022")


class TestDumpChecks:
    def test_empty_text_is_refused(self, tmp_path: Path) -> None:
        """An empty text where None is meant cannot be written (it would read back as None)."""
        with pytest.raises(InvalidRecordError, match="use None for no value"):
            dump_enterprises([Enterprise("x", english_name="")], tmp_path / "enterprises.json")

    def test_unknown_extension(self, tmp_path: Path) -> None:
        """A dump to an extension that names no format is refused."""
        problems = problems_of(lambda: dump_rates([], tmp_path / "rates.txt"))
        assert "cannot tell the format" in problems[0].message


# -- amounts and currencies -----------------------------------------------------------------------


class TestAmounts:
    @pytest.mark.parametrize(
        ("header", "cells", "kwargs", "expected"),
        [
            ("value,currency", '"1,234.50",CNY', {}, Money("1234.50", "CNY")),
            ("value", "446.4亿元", {}, Money("44640000000.0", "CNY")),
            ("value", "US$99.2 million", {}, Money("99200000.0", "USD")),
            ("金额（万元）", "50", {}, Money("500000", "CNY")),
            ("value (CNY)", '"1,234.5"', {}, Money("1234.5", "CNY")),
            ("value (million USD)", "99.2", {}, Money("99200000.0", "USD")),
            ("value", "12.5", {"currency": "HKD"}, Money("12.5", "HKD")),
            ("value,currency", "12.5,USD", {"currency": "HKD"}, Money("12.5", "USD")),
        ],
    )
    def test_currency_sources(
        self, tmp_path: Path, header: str, cells: str, kwargs: dict[str, str], expected: Money
    ) -> None:
        """The currency comes from the cell, the row, the header or currency=, never a guess."""
        text = f"name,period,flow,{header}\nx,2022-03,import,{cells}\n"
        path = write(tmp_path, "trade.csv", text)
        [record] = load_trade_records(path, currency=kwargs.get("currency"))
        assert (expected, expected.currency) == (record.value, record.value.currency)


# -- errors ---------------------------------------------------------------------------------------


class TestErrors:
    def test_load_error_pickles(self) -> None:
        """LoadError keeps its problems across pickling."""
        error = LoadError(
            "x.csv", (LoadProblem("x.csv", 2, column="c", value="v", message="m"),), 3
        )
        copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
        assert (error.path, error.problems, error.more, str(error)) == (
            copy.path,
            copy.problems,
            copy.more,
            str(copy),
        )

    @pytest.mark.parametrize(
        "error",
        [
            LoadFileError("x.csv", "permission denied", errno.EACCES),
            MissingFileError("x.csv", "no such file", errno.ENOENT),
            MissingExtraError("xlsx", "openpyxl", "read and write .xlsx files"),
        ],
    )
    def test_file_errors_pickle(self, error: Exception) -> None:
        """File and extra errors pickle with their message."""
        copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
        assert (type(error), str(error)) == (type(copy), str(copy))

    def test_problem_sentence(self) -> None:
        """A problem reads as a sentence with its location and the value found."""
        problem = LoadProblem("t.csv", 4, column="金额", value="12,5x", message="not a number")
        assert "t.csv, line 4, column 金额: not a number (found '12,5x')." == str(problem)


# -- aggregates and counts -----------------------------------------------------------------------

COHORT = (
    "label,period,value,enterprise_count,growth,{header}\n"
    "Shenzhen little giants,2022-01..2022-10,44.64 billion yuan,320,11%,{cells}\n"
)


class TestAggregates:
    @pytest.mark.parametrize(
        ("header", "cells"),
        [
            ("equivalent", "US$6.24 billion"),
            ("equivalent,equivalent_currency", "6240000000,USD"),
            ("equivalent (billion USD)", "6.24"),
            ("折合,折合币种", "62.4亿,USD"),
        ],
    )
    def test_equivalent_currency_sources(self, tmp_path: Path, header: str, cells: str) -> None:
        """The equivalent's currency comes from its cell, its own column or its header."""
        path = write(tmp_path, "aggregates.csv", COHORT.format(header=header, cells=cells))
        [cohort] = load_aggregates(path)
        assert Money("6240000000", "USD") == cohort.equivalent
        assert "USD" == cohort.equivalent.currency

    def test_currency_argument_is_the_values_only(self, tmp_path: Path) -> None:
        """currency= never gives an equivalent its currency: it is another currency."""
        text = "label,period,value,equivalent\nx,2022,4464,624\n"
        path = write(tmp_path, "aggregates.csv", text)
        problems = problems_of(lambda: load_aggregates(path, currency="CNY"))
        assert [(str(path), 2, "equivalent")] == located(problems)
        assert "it names no currency" in problems[0].message

    @pytest.mark.parametrize(
        ("cell", "expected"),
        [
            ("", None),
            ("total", None),
            ("进出口", None),
            ("Total", None),
            ("进口", TradeFlow.IMPORT),
        ],
    )
    def test_flow_words(self, tmp_path: Path, cell: str, expected: TradeFlow | None) -> None:
        """An empty flow, total or 进出口 means imports and exports together."""
        path = write(tmp_path, "aggregates.csv", f"label,period,value,flow\nx,2022,1 CNY,{cell}\n")
        assert [expected] == [cohort.flow for cohort in load_aggregates(path)]

    def test_total_is_written_empty(self, tmp_path: Path) -> None:
        """A dump writes imports and exports together as an empty flow and reads it back."""
        cohort = TradeAggregate(
            label="x", period="2022", value=Money("1", "CNY"), equivalent=Money("2", "USD")
        )
        path = tmp_path / "aggregates.csv"
        dump_aggregates([cohort], path)
        row = next(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
        assert ("", "1", "CNY", "2", "USD") == (
            row["flow"],
            row["value"],
            row["currency"],
            row["equivalent"],
            row["equivalent_currency"],
        )
        assert [cohort] == load_aggregates(path)

    def test_period_after_as_of(self, tmp_path: Path) -> None:
        """An aggregate cannot cover days after as_of."""
        path = write(tmp_path, "aggregates.csv", "label,period,value\nx,2022-01..2022-11,1 CNY\n")
        problems = problems_of(lambda: load_aggregates(path, as_of=dt.date(2022, 11, 23)))
        assert [(str(path), 2, "period")] == located(problems)
        assert load_aggregates(path, as_of=dt.date(2022, 11, 30))

    def test_toml_and_stream(self, tmp_path: Path) -> None:
        """[[aggregate]] tables load, and iter_aggregates streams them."""
        text = '[[aggregate]]\nlabel = "x"\nperiod = "2022"\nvalue = "446.4亿元"\n'
        path = write(tmp_path, "aggregates.toml", text)
        stream = iter_aggregates(path)
        assert [Money("44640000000.0", "CNY")] == [cohort.value for cohort in stream]
        assert 1 == stream.rows_read


class TestRegionNames:
    def test_names_as_official_lists_write_them(self, tmp_path: Path) -> None:
        """A region column of names (深圳市南山区, 广东省 深圳市 福田区) reads as codes would."""
        text = (
            "企业名称,行政区划代码\n"
            "示例科技有限公司,深圳市南山区\n"
            "样例电子有限公司,广东省 深圳市 福田区\n"
            "测试材料有限公司,440309\n"
        )
        firms = load_enterprises(write(tmp_path, "enterprises.csv", text))
        expected = [Region("440305"), Region("440304"), Region("440309")]
        assert expected == [firm.region for firm in firms]

    def test_an_ambiguous_name_is_a_located_problem(self, tmp_path: Path) -> None:
        """A bare 南山区 is refused on its row and column, naming both divisions; nothing lost."""
        text = "企业名称,行政区划代码\n示例科技有限公司,南山区\n样例电子有限公司,440305\n"
        path = write(tmp_path, "enterprises.csv", text)
        result = load_enterprises(path, errors="collect")
        problem = result.problems[0]
        expected = (1, 1, (str(path), 2), True)
        assert expected == (
            len(result.records),
            len(result.problems),
            (problem.path, problem.line),
            "广东省 深圳市 南山区 (440305)" in problem.message,
        )


class TestRelocations:
    def test_chinese_headers_and_an_unknown_origin(self, tmp_path: Path) -> None:
        """迁出地 / 迁入地 read as the regions; an empty or `未知` origin is None."""
        text = (
            "企业名称,迁移日期,迁出地,迁入地\n"
            "示例科技有限公司,2023年5月1日,440106,440305\n"
            "样例电子有限公司,2024-01-15,,440305\n"
            "测试材料有限公司,2024-02-01,未知,440305\n"
        )
        rows = load_relocations(write(tmp_path, "relocations.csv", text))
        assert [
            Relocation(dt.date(2023, 5, 1), "440106", "440305"),
            Relocation(dt.date(2024, 1, 15), None, "440305"),
            Relocation(dt.date(2024, 2, 1), None, "440305"),
        ] == [row.relocation for row in rows]
        assert ["示例科技有限公司", "样例电子有限公司", "测试材料有限公司"] == [
            row.enterprise.name for row in rows
        ]

    def test_a_move_after_as_of_is_refused(self, tmp_path: Path) -> None:
        """With as_of, a move dated after it is a located problem."""
        text = "name,on,to_region\n示例科技有限公司,2022-11-24,440305\n"
        path = write(tmp_path, "relocations.csv", text)
        problems = problems_of(lambda: load_relocations(path, as_of=dt.date(2022, 11, 23)))
        assert [(str(path), 2, "on")] == located(problems)
        assert "a move dated after as_of=2022-11-23" in problems[0].message
        assert 1 == len(load_relocations(path, as_of=dt.date(2022, 11, 24)))

    def test_an_unknown_origin_is_written_empty(self, tmp_path: Path) -> None:
        """Dumping a move from an unknown place writes an empty from_region, read back as None."""
        row = RelocationRecord(
            Enterprise("示例科技有限公司"), Relocation(dt.date(2023, 5, 1), None, "440305")
        )
        path = tmp_path / "relocations.csv"
        assert 1 == dump_relocations([row], path)
        body = path.read_text(encoding="utf-8-sig").splitlines()
        assert [
            "name,credit_code,on,from_region,to_region",
            "示例科技有限公司,,2023-05-01,,440305",
        ] == body
        assert [row] == load_relocations(path)

    def test_linked_moves_give_the_region_on_a_date(self, tmp_path: Path) -> None:
        """In a folder, moves attach to their enterprise, which then knows where it was when."""
        write(tmp_path, "enterprises.csv", f"name,credit_code\n示例科技有限公司,{A}\n")
        moves = f"credit_code,on,from_region,to_region\n{A},2021-03-01,440106,440305\n"
        write(tmp_path, "relocations-2021.csv", moves)
        [firm] = load_dataset(tmp_path).enterprises
        assert Region("440106") == firm.region_on(dt.date(2021, 2, 28))
        assert Region("440305") == firm.region_on(dt.date(2021, 3, 1))


class TestProfiles:
    def test_chinese_cells(self, tmp_path: Path) -> None:
        """Chinese headers, levels, 是/否, a percentage share and 无 for a known-empty list."""
        text = (
            "企业名称,市场占有率,研发机构,研发机构级别,科技奖励,创客中国,荣誉\n"
            "示例科技有限公司,12.5％,是,省部级,国家级 第2名 2023年; 省级 1 2021,2023 500强,"
            "高新技术企业；专精特新中小企业\n"
            "样例电子有限公司,0.05,否,,无,none,\n"
        )
        first, second = (row.profile for row in load_profiles(write(tmp_path, "p.csv", text)))
        assert (
            Profile(
                national_market_share=Decimal("0.125"),
                rd_institution=True,
                rd_institution_level="provincial",
                science_awards=(Award("national", 2, 2023), Award("provincial", 1, 2021)),
                chuangke_placings=(ChuangkePlacing(2023, "500强"),),
                honours=("高新技术企业", "专精特新中小企业"),
            )
            == first
        )
        assert (
            Profile(
                national_market_share=Decimal("0.05"),
                rd_institution=False,
                science_awards=(),
                chuangke_placings=(),
            )
            == second
        )

    def test_json_lists_read_like_table_cells(self, tmp_path: Path) -> None:
        """In JSON, awards are objects and honours strings; levels read 国家级 as in a table."""
        record = {
            "name": "甲公司",
            "rd_institution_level": "省级",
            "science_awards": [{"level": "国家级", "rank": 2, "year": 2023}],
            "honours": [],
            "national_market_share": "12%",
        }
        path = write(tmp_path, "profiles.json", json.dumps([record], ensure_ascii=False))
        [row] = load_profiles(path)
        assert (
            Profile(
                rd_institution_level="provincial",
                science_awards=(Award("national", 2, 2023),),
                honours=(),
                national_market_share=Decimal("0.12"),
            )
            == row.profile
        )

    def test_unknown_is_not_none(self, tmp_path: Path) -> None:
        """An empty list cell reads None (unknown); `none` reads () and is written back so."""
        rows = [
            ProfileRecord(Enterprise("甲公司"), Profile(honours=None, science_awards=())),
            ProfileRecord(Enterprise("乙公司"), Profile(honours=(), science_awards=None)),
        ]
        path = tmp_path / "profiles.csv"
        dump_profiles(rows, path)
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        header = lines[0].split(",")
        cells = [dict(zip(header, line.split(","), strict=True)) for line in lines[1:]]
        assert [("", "none"), ("none", "")] == [(c["honours"], c["science_awards"]) for c in cells]
        assert rows == load_profiles(path)

    @pytest.mark.parametrize("honour", ["高新;示范", " 高新", "none", "无"])
    def test_honours_a_table_cannot_carry(self, honour: str, tmp_path: Path) -> None:
        """In CSV an honour that would read back otherwise is refused; JSON keeps it exactly."""
        rows = [ProfileRecord(Enterprise("甲公司"), Profile(honours=(honour,)))]
        with pytest.raises(InvalidRecordError, match="cannot carry"):
            dump_profiles(rows, tmp_path / "profiles.csv")
        assert not (tmp_path / "profiles.csv").exists()
        dump_profiles(rows, tmp_path / "profiles.json")
        assert rows == load_profiles(tmp_path / "profiles.json")

    def test_an_award_after_as_of_is_refused(self, tmp_path: Path) -> None:
        """With as_of, an award or placing in a later year is a located problem."""
        text = "name,science_awards,chuangke_placings\n甲公司,national 1 2023,2024 500强\n"
        path = write(tmp_path, "profiles.csv", text)
        problems = problems_of(lambda: load_profiles(path, as_of=dt.date(2023, 6, 30)))
        assert [(str(path), 2, "chuangke_placings")] == located(problems)
        assert "year after as_of=2023-06-30" in problems[0].message

    def test_linked_profile_feeds_an_assessment(self, tmp_path: Path) -> None:
        """In a folder, the profile attaches to its enterprise and the criteria read it."""
        write(tmp_path, "enterprises.csv", f"name,credit_code\n示例科技有限公司,{A}\n")
        write(tmp_path, "profiles.csv", f"credit_code,years_in_niche\n{A},1\n")
        [firm] = load_dataset(tmp_path).enterprises
        result = assess(firm, "srdi-sme", as_of=dt.date(2025, 6, 30))
        assert Verdict.FAIL == result.find("srdi-sme.niche-years").verdict


class TestCounts:
    def test_kinds_and_aliases(self, tmp_path: Path) -> None:
        """Chinese headers and kind words read like the English ones."""
        text = (
            "行政区划代码,认定级别,数量,日期,类型,批次,目标日期\n"
            "440300,国家级,443,2022年11月23日,现有,,\n"
            "440300,国家级,275,2022-11-23,新增,第四批,\n"
            ",国家级,600,2022-11-23,目标,,2025-12-31\n"
        )
        counts = load_counts(write(tmp_path, "counts.csv", text))
        expected = [
            (CountKind.HELD, 443, None, None, "440300"),
            (CountKind.BATCH, 275, 4, None, "440300"),
            (CountKind.TARGET, 600, None, dt.date(2025, 12, 31), None),
        ]
        assert expected == [
            (c.kind, c.count, c.batch, c.by, None if c.region is None else c.region.code)
            for c in counts
        ]

    def test_date_after_as_of(self, tmp_path: Path) -> None:
        """A count reported after as_of is refused; a target's date may lie ahead."""
        text = (
            "level,count,on,kind,by\n"
            "national,443,2022-11-24,held,\n"
            "national,600,2022-11-23,target,2025-12-31\n"
        )
        path = write(tmp_path, "counts.csv", text)
        result = load_counts(path, errors="collect", as_of=dt.date(2022, 11, 23))
        assert [(str(path), 2, "on")] == located(result.problems)
        assert [600] == [count.count for count in result.records]

    def test_stream(self, tmp_path: Path) -> None:
        """iter_counts streams a JSON Lines file."""
        line = '{"level": "national", "count": 443, "on": "2022-11-23", "kind": "held"}\n'
        stream = iter_counts(write(tmp_path, "counts.jsonl", line * 2), errors="collect")
        assert ([443], [2]) == (
            [count.count for count in stream],
            [row.line for row in stream.rejected],
        )

    def test_wrong_record_is_refused(self, tmp_path: Path) -> None:
        """A dump of counts refuses an aggregate, and writes nothing."""
        cohort = TradeAggregate(label="x", period="2022", value=Money("1", "CNY"))
        with pytest.raises(InvalidRecordError, match="counts files hold DesignationCount"):
            dump_counts([cohort], tmp_path / "counts.csv")  # type: ignore[list-item]
        assert [] == list(tmp_path.iterdir())


# -- sources.toml ---------------------------------------------------------------------------------

SOURCED = """\
[dataset]
title = "Shenzhen, 2022"
note = "What the sources leave out."
policies = ["shenzhen-2022"]

[files."rates.csv"]
source = "Sun News, 2022-11-07"
url = "https://www.sunnewsonline.com/chinese-yuan-strengthens-to-7-2292-against-dollar/"
confidence = "High"
note = "Central parity."
"""
RATES = "base,quote,rate,on\nUSD,CNY,7.2292,2022-11-07\n"


class TestSources:
    def test_sources_are_read(self, tmp_path: Path) -> None:
        """A folder's sources.toml gives its title, note, sources and policies."""
        write(tmp_path, "rates.csv", RATES)
        write(tmp_path, "sources.toml", SOURCED)
        data = load_dataset(tmp_path)
        expected = FileSource(
            "Sun News, 2022-11-07",
            url="https://www.sunnewsonline.com/chinese-yuan-strengthens-to-7-2292-against-dollar/",
            confidence="High",
            note="Central parity.",
        )
        assert ("Shenzhen, 2022", "What the sources leave out.") == (data.title, data.note)
        assert {"rates.csv": expected} == dict(data.sources)
        assert ["shenzhen-2022"] == [policy.id for policy in data.policies]
        with pytest.raises(TypeError):
            data.sources["x.csv"] = expected  # type: ignore[index]

    def test_dataset_pickles_with_its_sources(self, tmp_path: Path) -> None:
        """A dataset with sources survives pickling, sources and all."""
        write(tmp_path, "rates.csv", RATES)
        write(tmp_path, "sources.toml", SOURCED)
        data = load_dataset(tmp_path)
        copy = pickle.loads(pickle.dumps(data))  # noqa: S301 - our own object
        assert (data, dict(data.sources)) == (copy, dict(copy.sources))

    def test_without_sources(self) -> None:
        """A folder without sources.toml has no sources and no policies."""
        data = load_dataset(EXAMPLES)
        assert ({}, (), None) == (dict(data.sources), data.policies, data.title)

    def test_provenance_takes_no_part_in_equality(self, tmp_path: Path) -> None:
        """A dataset equals the same records without their provenance."""
        write(tmp_path, "rates.csv", RATES)
        write(tmp_path, "sources.toml", SOURCED)
        data = load_dataset(tmp_path)
        assert Dataset((), rates=data.rates) == data
        assert hash(Dataset((), rates=data.rates)) == hash(data)

    def test_problems_are_located(self) -> None:
        """Every problem of a sources.toml is listed with its line and key, in both modes."""
        folder = BAD / "dataset-bad-sources"
        sources = str(folder / "sources.toml")
        expected = [
            (2, "dataset.title", "title must be a non-empty text"),
            (3, "dataset.policies", "No bundled policy 'atlantis-2030'"),
            (4, "dataset.colour", "unknown key 'colour'"),
            (8, 'files."rates.csv".url', "url must be a web address starting with https://"),
            (9, 'files."rates.csv".rating', "unknown key 'rating'"),
            (11, 'files."counts.csv"', "a file's entry needs source"),
            (14, 'files."missing.csv"', "missing.csv, which is not in the folder"),
            (17, 'files."sources.toml"', "sources.toml, which is not a data file"),
            (20, "extra", "unknown key 'extra'"),
            (None, "files", 'enterprises.csv has no [files."enterprises.csv"] entry'),
        ]
        for errors in ("strict", "collect"):
            problems = problems_of(lambda errors=errors: load_dataset(folder, errors=errors))
            assert [(sources, line, column) for line, column, _ in expected] == located(problems)
            for problem, (_, _, phrase) in zip(problems, expected, strict=True):
                assert phrase in problem.message

    @pytest.mark.parametrize(
        ("text", "line", "column", "phrase"),
        [
            ('[dataset\ntitle = "x"\n', 1, None, "not TOML"),
            ('files = "rates.csv"\n', 1, "files", "files must be a table"),
            ('dataset = "x"\n[files."rates.csv"]\nsource = "x"\n', 1, "dataset", "a table"),
            ('[files]\n"rates.csv" = "Sun News"\n', 2, 'files."rates.csv"', "must be a table"),
            ('[dataset]\npolicies = "shenzhen-2022"\n', 2, "dataset.policies", "a list"),
            (
                '[dataset]\npolicies = ["shenzhen-2022", "shenzhen-2022"]\n',
                2,
                "dataset.policies",
                "a policy id is given twice",
            ),
            ('[files."rates.csv"]\nsource = 7\n', 2, 'files."rates.csv".source', "a non-empty"),
        ],
    )
    def test_shapes(
        self, tmp_path: Path, text: str, line: int, column: str | None, phrase: str
    ) -> None:
        """A sources.toml of the wrong shape is a located problem, never a traceback."""
        write(tmp_path, "rates.csv", RATES)
        path = write(tmp_path, "sources.toml", text)
        problems = problems_of(lambda: load_dataset(tmp_path))
        assert (str(path), line, column) == located(problems)[0]
        assert phrase in problems[0].message

    def test_not_utf8(self, tmp_path: Path) -> None:
        """A sources.toml that is not UTF-8 is a problem at its line."""
        write(tmp_path, "rates.csv", RATES)
        (tmp_path / "sources.toml").write_bytes(b'[dataset]\ntitle = "\xc9\xee\xdb\xda"\n')
        problems = problems_of(lambda: load_dataset(tmp_path))
        assert [(str(tmp_path / "sources.toml"), 2, None)] == located(problems)

    def test_sources_file_is_not_a_stray_file(self, tmp_path: Path) -> None:
        """sources.toml is the folder's provenance; sources-2022.toml matches no kind."""
        write(tmp_path, "rates.csv", RATES)
        write(tmp_path, "sources.toml", SOURCED)
        write(tmp_path, "sources-2022.toml", SOURCED)
        problems = problems_of(lambda: load_dataset(tmp_path))
        assert [(str(tmp_path / "sources-2022.toml"), None, None)] == located(problems)
        assert "provenance goes in sources.toml" in problems[0].message


# -- the docs -------------------------------------------------------------------------------------


class TestDocs:
    @pytest.mark.parametrize("kind", sorted(_schemas.KINDS))
    def test_schema_tables(self, kind: str) -> None:
        """docs/loading.md shows each kind's columns exactly as the code knows them."""
        docs = (ROOT / "docs" / "loading.md").read_text(encoding="utf-8")
        assert _schemas.markdown_table(kind) in docs

    def test_example_folder(self) -> None:
        """The docs' example files load, link and reconcile."""
        data = load_dataset(EXAMPLES)
        hosin = data.enterprises[0]
        assert [record.enterprise for record in data.trade_records] == [hosin, hosin]
        assert [TradeFlow.IMPORT, TradeFlow.EXPORT] == [r.flow for r in data.trade_records]
        assert [443, 275, 600] == [count.count for count in data.counts]
        assert [Money.parse("446.4亿元")] == [aggregate.value for aggregate in data.aggregates]
        assert (17, 17, ()) == (data.rows_read, data.objects, data.rejected)

    @pytest.mark.parametrize("kind", sorted(_schemas.KINDS))
    def test_example_files_use_known_columns(self, kind: str) -> None:
        """Every example file loads on its own too."""
        name = {"trade": "trade.csv"}.get(kind, f"{kind}.csv")
        assert LOADERS[kind](EXAMPLES / name)


# -- writing --------------------------------------------------------------------------------------

apos = "'"
FORMULAS = ('=HYPERLINK("http://x","y")', "+86 755", "-x", "@x", "'=1", "''+1", "'t Hooft")


class TestDumps:
    def test_formulas_are_escaped_in_csv(self, tmp_path: Path) -> None:
        """A formula-like text gets a leading apostrophe in CSV and reads back unchanged."""
        firms = [Enterprise(name) for name in FORMULAS]
        path = tmp_path / "enterprises.csv"
        dump_enterprises(firms, path)
        lines = path.read_text(encoding="utf-8-sig").splitlines()[1:]
        cells = [row[0] for row in csv.reader(lines)]
        assert [apos + name for name in FORMULAS[:-1]] + [FORMULAS[-1]] == cells
        assert firms == load_enterprises(path)

    def test_formulas_are_text_cells_in_xlsx(self, tmp_path: Path) -> None:
        """In XLSX a formula-like text is a text cell, never a formula."""
        openpyxl = pytest.importorskip("openpyxl")
        path = tmp_path / "enterprises.xlsx"
        dump_enterprises([Enterprise(FORMULAS[0])], path)
        cell = openpyxl.load_workbook(path)["enterprise"]["A2"]
        assert ("s", FORMULAS[0]) == (cell.data_type, cell.value)

    def test_nested_enterprise_is_refused(self, tmp_path: Path) -> None:
        """An enterprise with designations is not written to an enterprises file."""
        firm = load_dataset(EXAMPLES).enterprises[1]
        with pytest.raises(InvalidRecordError, match="not its designations"):
            dump_enterprises([firm], tmp_path / "enterprises.csv")
        assert [] == list(tmp_path.iterdir())

    def test_wrong_record_is_refused(self, tmp_path: Path) -> None:
        """A record of another kind is refused and nothing is written."""
        with pytest.raises(InvalidRecordError, match="trade files hold TradeRecord records"):
            dump_trade_records([Enterprise("x")], tmp_path / "trade.csv")  # type: ignore[list-item]
        assert [] == list(tmp_path.iterdir())

    def test_control_characters_are_refused_in_tables(self, tmp_path: Path) -> None:
        """CSV cannot carry a control character; JSON can."""
        firms = [Enterprise("a\x00b")]
        with pytest.raises(InvalidRecordError, match="control character"):
            dump_enterprises(firms, tmp_path / "enterprises.csv")
        dump_enterprises(firms, tmp_path / "enterprises.json")
        assert firms == load_enterprises(tmp_path / "enterprises.json")

    def test_money_is_written_exactly(self, tmp_path: Path) -> None:
        """Amounts are decimal text with their currency, in every format."""
        record = hosin_trade("12345678901234567890.123456789")
        for extension in (".json", ".jsonl", ".toml"):
            path = tmp_path / f"trade{extension}"
            dump_trade_records([record], path)
            assert '"12345678901234567890.123456789"' in path.read_text(encoding="utf-8")
            assert [record] == load_trade_records(path)


# -- round trips ----------------------------------------------------------------------------------

_cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
names = st.one_of(
    st.builds("{}{}".format, st.text(_cjk, min_size=2, max_size=6), st.just("科技有限公司")),
    st.sampled_from([*FORMULAS, 'a,"b"\nc', " spaced ", "Hosin Global Electronics Co. Ltd."]),
)
texts = st.none() | st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=12
)


@st.composite
def references(draw: st.DrawFn) -> Enterprise:
    """An enterprise as a row names it: a name, a credit code, or both."""
    code = draw(st.none() | strategies.credit_codes())
    shape = draw(st.sampled_from(["name", "code", "both"])) if code is not None else "name"
    if shape == "code":
        return Enterprise(str(code), credit_code=code)
    return Enterprise(draw(names), credit_code=code if shape == "both" else None)


@st.composite
def flat_enterprises(draw: st.DrawFn) -> Enterprise:
    """Enterprises with only what an enterprises file holds."""
    firm = draw(references())
    region = draw(st.sampled_from(["default", "given", "unknown"]))
    extra: dict[str, Any] = {}
    if region == "given":
        extra["region"] = draw(strategies.regions())
    elif region == "unknown":
        extra["region"] = None
    return Enterprise(
        firm.name,
        credit_code=firm.credit_code,
        english_name=draw(texts),
        industry=draw(texts),
        **extra,
    )


def _firm_name(firm: Enterprise) -> str:
    return firm.name


def _firm_key(firm: Enterprise) -> str:
    return str(firm.credit_code) if firm.credit_code is not None else "name:" + firm.name


@st.composite
def trade_aggregates(draw: st.DrawFn) -> TradeAggregate:
    """Aggregates with or without each optional figure, the equivalent in another currency."""
    code = draw(strategies.currencies())
    other = draw(strategies.currencies().filter(lambda c: c != code))
    return TradeAggregate(
        label=draw(names),
        period=draw(strategies.periods()),
        value=draw(strategies.money(code, min_value=0)),
        enterprise_count=draw(st.none() | st.integers(0, 10**6)),
        region=draw(st.none() | strategies.regions()),
        flow=draw(st.none() | st.sampled_from(TradeFlow)),
        growth=draw(st.none() | strategies.growths()),
        equivalent=draw(st.none() | strategies.money(other, min_value=0)),
        source=draw(texts),
    )


@st.composite
def designation_counts(draw: st.DrawFn) -> DesignationCount:
    """Counts of each kind: a batch count with its batch, a target with its date."""
    kind = draw(st.sampled_from(CountKind))
    days = st.dates(dt.date(2011, 1, 1), dt.date(2035, 12, 31))
    batches = st.integers(1, 12)
    return DesignationCount(
        level=draw(strategies.designation_levels()),
        count=draw(st.integers(0, 10**6)),
        on=draw(days),
        kind=kind,
        region=draw(st.none() | strategies.regions()),
        batch=draw(batches if kind is CountKind.BATCH else st.none() | batches),
        by=draw(days) if kind is CountKind.TARGET else None,
        source=draw(texts),
    )


def _aggregate_key(record: TradeAggregate) -> tuple[object, ...]:
    return (record.label, str(record.period), record.flow, record.region)


def _count_key(record: DesignationCount) -> tuple[object, ...]:
    return (record.region, record.level, record.kind, record.on, record.batch, record.by)


KIND_STRATEGIES: dict[str, st.SearchStrategy[list[Any]]] = {
    "enterprises": st.lists(flat_enterprises(), max_size=4, unique_by=(_firm_key, _firm_name)),
    "designations": st.lists(
        st.builds(DesignationRecord, references(), strategies.designations()), max_size=4
    ),
    "relocations": st.lists(
        st.builds(RelocationRecord, references(), strategies.relocations()), max_size=4
    ),
    "trade": st.lists(strategies.trade_records(enterprise=references()), max_size=4),
    "financials": st.lists(
        st.builds(
            FinancialRecord,
            references(),
            strategies.financial_years(currency=strategies.currencies()),
        ),
        max_size=4,
    ),
    "profiles": st.lists(st.builds(ProfileRecord, references(), strategies.profiles()), max_size=4),
    "rates": st.lists(
        strategies.exchange_rates(), max_size=4, unique_by=lambda r: (r.base, r.quote, r.on)
    ),
    "aggregates": st.lists(trade_aggregates(), max_size=4, unique_by=_aggregate_key),
    "counts": st.lists(designation_counts(), max_size=4, unique_by=_count_key),
}
DUMPERS: dict[str, Callable[..., int]] = {
    "enterprises": dump_enterprises,
    "designations": dump_designations,
    "relocations": dump_relocations,
    "trade": dump_trade_records,
    "financials": dump_financials,
    "profiles": dump_profiles,
    "rates": dump_rates,
    "aggregates": dump_aggregates,
    "counts": dump_counts,
}
ROUND_TRIP = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class TestRoundTrip:
    @pytest.mark.parametrize("extension", FORMATS)
    @pytest.mark.parametrize("kind", sorted(KIND_STRATEGIES))
    def test_load_of_dump(self, kind: str, extension: str) -> None:
        """load(dump(records)) == records, for every kind and format."""
        if extension == ".xlsx":
            pytest.importorskip("openpyxl")

        @ROUND_TRIP
        @given(KIND_STRATEGIES[kind])
        def round_trip(records: list[Any]) -> None:
            if extension == ".xlsx":  # XLSX text cannot hold some characters at all
                records = [r for r in records if _xlsx_safe(r)]
            if extension in (".csv", ".xlsx"):  # nor a table cell every honour (tested apart)
                records = [r for r in records if _names_safe(r)]
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / f"{kind}{extension}"
                assert len(records) == DUMPERS[kind](records, path)
                assert records == LOADERS[kind](path)

        round_trip()

    @pytest.mark.parametrize("extension", FORMATS)
    def test_dataset(self, extension: str) -> None:
        """load_dataset(dump_dataset(dataset)) == dataset."""
        if extension == ".xlsx":
            pytest.importorskip("openpyxl")

        @ROUND_TRIP
        @given(datasets())
        def round_trip(dataset: Dataset) -> None:
            with tempfile.TemporaryDirectory() as folder:
                dump_dataset(dataset, folder, extension=extension)
                loaded = load_dataset(folder)
                assert dataset == loaded
                assert loaded.rows_read == loaded.objects

        round_trip()


def _names_safe(record: object) -> bool:
    """Whether a record's profile (if any) can be written to a table cell (see TestProfiles)."""
    profile = getattr(record, "profile", None)
    return profile is None or _table_honours(profile)


def _xlsx_safe(record: object) -> bool:
    text = repr(attrs.asdict(record, recurse=False)) if attrs.has(type(record)) else ""  # type: ignore[arg-type]
    return not re.search(r"[\x00-\x1f\x7f-\x9f\ufffe\uffff]", text)


def _table_honours(profile: Profile) -> bool:
    """Whether a profile's honours read back from a table cell (datasets dump to every format)."""
    return all(_schemas._reads_back_as_a_name(h) for h in profile.honours or ())


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    """Linked datasets: enterprises with designations and figures, trade pointing at them."""
    firms = draw(
        st.lists(flat_enterprises(), min_size=1, max_size=3, unique_by=(_firm_key, _firm_name))
    )
    full = []
    for firm in firms:
        designations = draw(st.lists(strategies.designations(), max_size=2, unique=True))
        moves = draw(st.lists(strategies.relocations(), max_size=2, unique_by=lambda r: r.on))
        years = draw(st.lists(strategies.financial_years(), max_size=2, unique_by=lambda y: y.year))
        profile = draw(st.none() | strategies.profiles().filter(_table_honours))
        full.append(
            attrs.evolve(
                firm,
                designations=designations,
                relocations=moves,
                financials=years,
                profile=profile,
            )
        )
    trade = draw(
        st.lists(
            strategies.trade_records(enterprise=st.sampled_from(full)),
            max_size=4,
            unique_by=lambda r: (_firm_key(r.enterprise), r.flow, str(r.period)),
        )
    )
    rates = draw(KIND_STRATEGIES["rates"])
    aggregates = [a for a in draw(KIND_STRATEGIES["aggregates"]) if _xlsx_safe(a)]
    counts = [c for c in draw(KIND_STRATEGIES["counts"]) if _xlsx_safe(c)]
    return Dataset(
        tuple(full),
        trade_records=tuple(trade),
        rates=tuple(rates),
        aggregates=tuple(aggregates),
        counts=tuple(counts),
    )


class TestFastPath:
    @settings(max_examples=30, deadline=None)
    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["示例科技有限公司", "样例", "", "'=x"]),
                st.sampled_from(["", A, "123"]),
                st.sampled_from(["2022-03", "2022-01..2022-10", "2022-02-30", ""]),
                st.sampled_from(["import", "出口", "Import", "sideways"]),
                st.sampled_from(["1", "0012", "1.50", "-5", "1,234", "NaN", ""]),
                st.sampled_from(["CNY", "USD", "", "XYZ"]),
                st.sampled_from(["", "2", "x"]),
                st.sampled_from(["", "50%", "-50%", "5"]),
            ),
            max_size=12,
        )
    )
    def test_same_as_general_path(self, rows: list[tuple[str, ...]]) -> None:
        """CSV rows (fast path) load exactly as the same rows in JSON Lines (general path)."""
        columns = [
            "name",
            "credit_code",
            "period",
            "flow",
            "value",
            "currency",
            "previous",
            "growth",
        ]
        with tempfile.TemporaryDirectory() as folder:
            csv_path = Path(folder) / "trade.csv"
            lines = [",".join(columns)] + [",".join(f'"{cell}"' for cell in row) for row in rows]
            csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            jsonl_path = Path(folder) / "trade.jsonl"
            records = [
                {  # the CSV formula escape is undone in CSV only
                    key: _tables.unescape_formula(cell) if key == "name" else cell
                    for key, cell in zip(columns, row, strict=True)
                    if cell
                }
                or {"name": ""}
                for row in rows
            ]
            jsonl_path.write_text(
                "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records),
                encoding="utf-8",
            )
            fast = load_trade_records(csv_path, errors="collect")
            general = load_trade_records(jsonl_path, errors="collect")
        assert general.records == fast.records
        assert [row.line for row in general.rejected] == [
            (row.line or 0) - 1 for row in fast.rejected
        ]


#: Rows of a long trade file: plain ones the fast path builds once their texts were seen, and
#: rows it leaves to the general path (a sign, grouped digits, an unknown flow, a steep fall, a
#: prior-year value and a growth that disagree or in a currency of their own).
LONG_ROWS = [
    f"示例科技有限公司,{A},2022-03,import,1.50,CNY,,",
    f"示例科技有限公司,{A},2022-01..2022-10,出口,0012,USD,8,50%",
    f"样例电子有限公司,{B},2022-03,export,7,USD,,-50%",
    f"样例电子有限公司,{B},2022-03,export,7,USD,3,",
    f"样例电子有限公司,{B},2022-03,import,99,CNY,0,5%",
    f"示例科技有限公司,{A},2022-03,import,-5,CNY,,",
    f'示例科技有限公司,{A},2022-03,import,"1,234",CNY,,',
    f"示例科技有限公司,{A},2022-03,sideways,5,CNY,,",
    f"示例科技有限公司,{A},2022-03,import,5,CNY,,-95%",
    f"示例科技有限公司,{A},2022-03,import,5,CNY,,-100%",
    f"示例科技有限公司,{A},2022-03,import,5,CNY,4,50%",
    f"示例科技有限公司,{A},2022-03,import,5,CNY,4,25%",
    f"示例科技有限公司,{A},2022-03,import,5,XYZ,4,",
    f"示例科技有限公司,{A},2022-03,import,5,CNY,4",
    f"示例科技有限公司,{A},2022-03,import,5,CNY,4,,x",
    "",
]
LONG_HEADER = "name,credit_code,period,flow,value,currency,previous,growth\n"


def load_fast_and_general(path: Path) -> tuple[LoadResult[TradeRecord], LoadResult[TradeRecord]]:
    """The file loaded with the fast path and with the general path alone, in collect mode."""
    fast = load_trade_records(path, errors="collect")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader._Scanner, "use_fast", False)
        general = load_trade_records(path, errors="collect")
    return fast, general


class TestFastPathColumns:
    def test_a_long_plain_file_is_built_a_column_at_a_time(self, tmp_path: Path) -> None:
        """The rows of a long plain file are built from their columns, as the general path does."""
        built: list[int] = []
        read_columns = _schemas._TradeFastPath.read_columns

        def counted(self: Any, columns: Any) -> Any:
            records = read_columns(self, columns)
            built.append(0 if records is None else len(records))
            return records

        lines = [LONG_ROWS[i % 5] for i in range(2000)]
        path = write(tmp_path, "trade.csv", LONG_HEADER + "\n".join(lines) + "\n")
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_schemas._TradeFastPath, "read_columns", counted)
            fast, general = load_fast_and_general(path)
        assert general == fast
        assert (2000, 2000) == (len(fast.records), fast.rows_read)
        # The first batch fills the caches on the general path; every later one is all built.
        assert len(built) > 2
        assert (0, True) == (built[0], all(built[1:]))

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.lists(st.sampled_from(range(5)), min_size=1, max_size=5),
        st.lists(
            st.tuples(st.integers(0, 1199), st.sampled_from(range(5, len(LONG_ROWS)))),
            max_size=6,
        ),
        st.integers(300, 1200),
    )
    def test_odd_rows_among_plain_ones_read_as_on_the_general_path(
        self, plain: list[int], odd: list[tuple[int, int]], count: int
    ) -> None:
        """Odd rows anywhere in a long file: the same records, rejections and counts."""
        lines = [LONG_ROWS[plain[i % len(plain)]] for i in range(count)]
        for at, which in odd:
            lines.insert(at % (len(lines) + 1), LONG_ROWS[which])
        with tempfile.TemporaryDirectory() as folder:
            path = write(Path(folder), "trade.csv", LONG_HEADER + "\n".join(lines) + "\n")
            fast, general = load_fast_and_general(path)
        assert general == fast
        assert len(lines) == fast.rows_read


# -- official lists as published ------------------------------------------------------------------

LISTS = DATA / "lists"
LIST_HEADER = "序号,企业名称,统一社会信用代码,所在地区,认定级别,认定时间,批次,备注\n"
SHENZHEN_CODE, HEGANG_CODE = "91440300MA5F1A2B37", "91230400MA1B2C3D4Q"


def _listed_by_hand() -> list[Enterprise]:
    """The illustrative list of tests/data/lists, built without the loader."""
    from littlegiants.designation import Designation

    national = Designation("national", dt.date(2022, 8, 1), batch=4)
    return [
        Enterprise(
            "示例精密科技有限公司",
            credit_code=SHENZHEN_CODE,
            region="440305",
            designations=(Designation("provincial", dt.date(2022, 5, 6)), national),
        ),
        Enterprise(
            "样例新材料有限公司",
            credit_code="91440300MA5G7H8J9N",
            region="440306",
            designations=(Designation("provincial", dt.date(2022, 6, 30)),),
        ),
        Enterprise(
            "演示电子有限公司",
            credit_code="91440300MA5K2L3M4L",
            region="440307",
            designations=(national,),
        ),
    ]


class TestOfficialLists:
    @pytest.mark.parametrize("name", ["official-list.csv", "official-list.xlsx"])
    def test_a_list_as_published_loads_and_pays_with_no_other_file(self, name: str) -> None:
        """An official-style one-sheet list gives the firms and designations, and their payouts."""
        from littlegiants.policy import load_policy

        data = loader.load_list(LISTS / name)
        policy = load_policy("shenzhen-2022")
        on = dt.date(2023, 1, 1)
        expected = policy.payouts(_listed_by_hand(), as_of=on)
        actual = policy.payouts(data.enterprises, as_of=on)
        assert _listed_by_hand() == list(data.enterprises)
        assert expected.total == actual.total
        assert [p.total for p in expected.payouts] == [p.total for p in actual.payouts]

    @pytest.mark.parametrize("name", ["official-list.csv", "official-list.xlsx"])
    def test_unused_columns_are_reported_once_and_rows_reconcile(self, name: str) -> None:
        """序号 and 备注 are reported as ignored, once; rows read = objects + rejected."""
        data = loader.load_list(LISTS / name)
        assert {str(LISTS / name): ("序号", "备注")} == dict(data.ignored)
        assert (4, 4, 3, ()) == (data.rows_read, data.objects, data.listed, data.rejected)

    def test_every_sheet_is_read_by_its_name_or_its_columns(self) -> None:
        """An enterprises sheet is read by its name, the list beside it by its columns."""
        data = loader.load_list(LISTS / "workbook-two-sheets.xlsx")
        first = data.enterprises[0]
        assert ("示例行业（非真实）", 2) == (first.industry, len(first.designations))
        assert [e.name for e in _listed_by_hand()] == [e.name for e in data.enterprises]
        assert data.rows_read == data.objects + len(data.rejected)
        sheet = f"{LISTS / 'workbook-two-sheets.xlsx'}, sheet enterprises"
        assert ("联系人",) == data.ignored[sheet]

    def test_a_shared_district_name_is_settled_by_the_credit_code(self, tmp_path: Path) -> None:
        """南山区 on a Shenzhen code is 440305, on a Hegang code 230404."""
        path = write(
            tmp_path,
            "名单.csv",
            LIST_HEADER
            + f"1,甲示例有限公司,{SHENZHEN_CODE},南山区,国家级,2022-08-01,第4批,\n"
            + f"2,乙示例有限公司,{HEGANG_CODE},南山区,国家级,2022-08-01,第4批,\n",
        )
        data = loader.load_list(path)
        assert ["440305", "230404"] == [e.region.code for e in data.enterprises if e.region]

    def test_within_settles_names_on_a_list_without_codes(self, tmp_path: Path) -> None:
        """Without codes, 南山区 is ambiguous unless within= says where the list's firms are."""
        path = write(
            tmp_path,
            "名单.csv",
            "企业名称,所在地区,认定级别,认定时间\n甲示例有限公司,南山区,国家级,2022-08-01\n",
        )
        data = loader.load_list(path, within="440300")
        assert [Region("440305")] == [e.region for e in data.enterprises]
        rejected = loader.load_list(path, errors="collect").rejected
        assert [(2, "所在地区")] == [(p.line, p.column) for r in rejected for p in r.problems]
        assert "230404" in rejected[0].problems[0].message
        assert (1, 0) == (len(rejected), len(loader.load_list(path, errors="collect").enterprises))

    def test_a_row_contradicting_an_earlier_one_is_rejected_once(self, tmp_path: Path) -> None:
        """Another name for a listed credit code rejects that row once, counts still reconcile."""
        path = write(
            tmp_path,
            "名单.csv",
            LIST_HEADER
            + f"1,甲示例有限公司,{SHENZHEN_CODE},南山区,国家级,2022-08-01,第4批,\n"
            + f"2,丙示例有限公司,{SHENZHEN_CODE},南山区,省级,2022-05-06,,\n"
            + f"3,甲示例有限公司,{SHENZHEN_CODE},南山区,省级,2022-13-06,,\n",
        )
        data = loader.load_list(path, errors="collect")
        assert [3, 4] == [row.line for row in data.rejected]
        assert (3, 1) == (data.rows_read, data.objects)
        with pytest.raises(LoadError, match="is '甲示例有限公司'"):
            loader.load_list(path)

    def test_a_sheet_whose_columns_hold_no_kind_is_a_problem(self, tmp_path: Path) -> None:
        """A header with no kind's columns stops the load, saying what a list needs."""
        path = write(tmp_path, "名单.csv", "序号,备注\n1,x\n")
        with pytest.raises(LoadError, match="hold no kind of record"):
            loader.load_list(path)

    def test_single_kind_loads_report_unused_columns(self) -> None:
        """A column the kind does not use is no error: the result names it."""
        result = load_enterprises(GOOD / "enterprises-extra-column.csv", errors="collect")
        assert (("序号",), 1) == (result.ignored, len(result.records))
        stream = loader.iter_enterprises(GOOD / "enterprises-extra-column.csv")
        assert (1, ("序号",)) == (len(list(stream)), stream.ignored)
