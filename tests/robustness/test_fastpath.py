"""The trade fast path guesses nothing: it accepts and refuses what the general path does.

CSV trade rows whose texts repeat an accepted row's are built from caches (see
``littlegiants.io.kinds``); everything else takes the general path. These properties feed random
trade files, valid and hostile rows mixed, through the fast path, through the general path alone
(``loader._Scanner.use_fast`` off) and, as JSON Lines, through the general path of another format,
and require equal records and equal problems.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from littlegiants.io import loader
from littlegiants.io.tables import unescape_formula
from littlegiants.loader import LoadError, load_trade_records
from littlegiants.money import Money

A, B = "91440300MA5DC12341", "91440300MA5F00001A"
COLUMNS = ["name", "credit_code", "period", "flow", "value", "currency", "previous", "growth"]
CELLS: dict[str, list[str]] = {
    "name": [
        "示例科技有限公司",
        "样例电子有限公司",
        " 示例",
        "'=x",
        '=HYPERLINK("x")',
        "a,b",
        "x\ny",
        "",
    ],
    "credit_code": ["", A, B, "123", A.lower()],
    "period": ["2022-03", "2022-01..2022-10", "2022-02-30", "", " 2022-03", "2022"],
    "flow": ["import", "出口", "进口", "Import", "sideways", "", " export"],
    "value": [
        "1",
        "0012",
        "1.50",
        "-5",
        "1,234",
        "NaN",
        "",
        "US$5",
        "5 USD",
        "1E+5",
        "9" * 31,
        "9" * 32,
        "١٢",
        "0." + "0" * 40 + "1",
        "'5",
        "'-5",
        "+5",
        "50万",
        "1e999999999",
        "12.5亿元",
    ],
    "currency": ["CNY", "USD", "", "XYZ", "usd", " CNY"],
    "previous": ["", "2", "x", "9" * 40, "US$2", "0.5"],
    "growth": ["", "50%", "-50%", "5", "+59%", "'+59%", "1e40%"],
    "source": ["", "customs", "'=x", "=x", " "],
}
HEADERS = st.sampled_from(
    [
        COLUMNS,
        [*COLUMNS, "source"],
        ["name", "period", "flow", "value"],
        ["credit_code", "period", "flow", "value", "currency", "growth"],
        ["name", "credit_code", "period", "flow", "value (万元)", "currency"],
        ["name", "period", "flow", "value (USD)", "previous (USD)", "growth (%)"],
    ]
)
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def trade_files(draw: st.DrawFn, *, ragged: bool = False) -> tuple[list[str], list[list[str]]]:
    """A header and rows of cells drawn from valid and hostile texts; rows repeat, as in extracts.

    With ``ragged``, rows may also be blank or have a field more or less than the header.
    """
    header = draw(HEADERS)
    pools = [CELLS[name.split(" ")[0]] for name in header]
    distinct = draw(
        st.lists(st.tuples(*(st.sampled_from(pool) for pool in pools)), min_size=1, max_size=6)
    )
    rows = [list(row) for row in draw(st.lists(st.sampled_from(distinct), max_size=40))]
    if ragged:
        for row in rows:
            shape = draw(st.sampled_from(["as is"] * 8 + ["short", "long", "blank"]))
            if shape == "short":
                row.pop()
            elif shape == "long":
                row.append("extra")
            elif shape == "blank":
                row[:] = [""] * len(row)
    return header, rows


def write_csv(folder: Path, header: list[str], rows: list[list[str]], *, quote_all: bool) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    path = folder / "trade.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def load_both(path: Path, currency: str | None) -> tuple[Any, Any]:
    """The file loaded with the fast path and with the general path alone, in collect mode."""
    fast = load_trade_records(path, errors="collect", currency=currency)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader._Scanner, "use_fast", False)
        general = load_trade_records(path, errors="collect", currency=currency)
    return fast, general


def strict_outcome(path: Path, currency: str | None) -> tuple[str, object]:
    try:
        return "records", load_trade_records(path, currency=currency)
    except LoadError as error:
        return "problems", (error.problems, error.more)


class TestFastPathGuessesNothing:
    @PROPERTY
    @given(trade_files(ragged=True), st.booleans(), st.sampled_from([None, "CNY", "USD"]))
    def test_fast_and_general_paths_agree(
        self, table: tuple[list[str], list[list[str]]], quote_all: bool, currency: str | None
    ) -> None:
        """Collect and strict mode give equal records, rejected rows and problems on both paths."""
        header, rows = table
        with tempfile.TemporaryDirectory() as folder:
            path = write_csv(Path(folder), header, rows, quote_all=quote_all)
            fast, general = load_both(path, currency)
            strict_fast = strict_outcome(path, currency)
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(loader._Scanner, "use_fast", False)
                strict_general = strict_outcome(path, currency)
        assert general == fast
        assert strict_general == strict_fast
        assert len(rows) == fast.rows_read

    @PROPERTY
    @given(trade_files(), st.sampled_from([None, "CNY"]))
    def test_csv_reads_as_json_lines(
        self, table: tuple[list[str], list[list[str]]], currency: str | None
    ) -> None:
        """A CSV file and the same rows as JSON Lines give equal records and equal problems."""
        header, rows = table
        rows = [row for row in rows if any(row)]  # JSON Lines has no blank record to compare
        with tempfile.TemporaryDirectory() as folder:
            csv_path = write_csv(Path(folder), header, rows, quote_all=False)
            jsonl = Path(folder) / "trade.jsonl"
            records = [
                {name: unescape_formula(cell) for name, cell in zip(header, row, strict=True)}
                for row in rows
            ]
            jsonl.write_text(
                "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records),
                encoding="utf-8",
            )
            from_csv = load_trade_records(csv_path, errors="collect", currency=currency)
            from_jsonl = load_trade_records(jsonl, errors="collect", currency=currency)
        assert from_jsonl.records == from_csv.records
        assert [located(p, shift=1) for p in from_csv.problems] == [
            located(p) for p in from_jsonl.problems
        ]


def located(problem: loader.LoadProblem, shift: int = 0) -> tuple[object, ...]:
    return ((problem.line or 0) - shift, problem.column, problem.value, problem.message)


def carried_currency(folder: Path) -> Path:
    """A trade file whose first amount names its currency and the 200 after it name none."""
    path = folder / "trade.csv"
    rows = ["示例科技有限公司,2022-01,import,US$5,"] + ["示例科技有限公司,2022-01,export,7,"] * 200
    path.write_text("name,period,flow,value,currency\n" + "\n".join(rows) + "\n", "utf-8")
    return path


class TestNoValueCarriedOver:
    def test_an_amounts_currency_is_not_the_next_rows(self, tmp_path: Path) -> None:
        """A currency named in one row's amount is not given to a later row that names none."""
        path = carried_currency(tmp_path)
        result = load_trade_records(path, errors="collect")
        assert [Money("5", "USD")] == [record.value for record in result.records]
        assert list(range(3, 203)) == [row.line for row in result.rejected]
        assert all("it names no currency" in problem.message for problem in result.problems)
        assert 201 == result.rows_read

    def test_an_empty_currency_cell_is_the_currency_argument(self, tmp_path: Path) -> None:
        """With currency=, rows with an empty currency cell take it, on both paths alike."""
        path = carried_currency(tmp_path)
        fast, general = load_both(path, "CNY")
        assert general == fast
        assert [Money("7", "CNY")] * 200 == [r.value for r in fast.records]
        assert [2] == [row.line for row in fast.rejected]  # US$5 is not in the CNY it is given

    def test_amounts_beyond_the_bounds_take_the_general_path(self, tmp_path: Path) -> None:
        """A plain amount of 32 digits is refused, as the general path refuses it."""
        path = tmp_path / "trade.csv"
        rows = ["示例科技有限公司,2022-01,import,1,CNY"] * 3 + [
            f"示例科技有限公司,2022-01,import,{'9' * 32},CNY"
        ]
        path.write_text("name,period,flow,value,currency\n" + "\n".join(rows) + "\n", "utf-8")
        result = load_trade_records(path, errors="collect")
        assert ([5], 3) == ([row.line for row in result.rejected], len(result.records))
        assert "beyond the limit of 1E+31" in result.problems[0].message
