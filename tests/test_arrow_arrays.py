"""The Arrow path leaves pandas alone: arrays laid out as pyarrow lays them, groupings as its own.

``littlegiants._arrays`` builds the arrays, scalars and groupings the checks, summaries and
frames need without pyarrow's pandas probe; these tests hold each to what pyarrow itself
gives, and a fresh interpreter with pandas installed to never importing it while reading,
summarising and framing.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from littlegiants import _arrays


def _same(values: list[Any], type_: pa.DataType) -> None:
    """``_laid_out`` gives what ``pa.array`` gives, or refuses what it refuses, alike."""
    try:
        expected = pa.array(values, type_)
    except (pa.ArrowException, OverflowError, TypeError, ValueError) as exc:
        with pytest.raises(type(exc)):
            _arrays._laid_out(values, type_)
        return
    got = _arrays._laid_out(values, type_)
    got.validate(full=True)
    assert got.type == expected.type
    assert got.null_count == expected.null_count
    assert got.equals(expected)
    assert got.to_pylist() == expected.to_pylist()


_INTEGERS = [pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint32(), pa.uint64()]


@given(
    st.lists(st.none() | st.integers(min_value=-(2**70), max_value=2**70), max_size=40),
    st.sampled_from(_INTEGERS),
)
@example([0, None, 2**63], pa.uint64())  # NumPy holds it as an unsigned number
@example([300, 1], pa.int8())  # out of the type's range: pyarrow's own error
@example([2**64], pa.uint64())  # beyond 64 bits: pyarrow's own error
@example([None, None], pa.int32())
def test_whole_numbers_are_laid_out_as_pyarrow_lays_them(values, type_):
    _same(values, type_)


@given(st.lists(st.none() | st.text(max_size=12), max_size=40))
@example(["示例科技有限公司", "", None, "\x00", "🚢"])
def test_texts_are_laid_out_as_pyarrow_lays_them(values):
    _same(values, pa.string())


@given(st.lists(st.none() | st.booleans(), max_size=70))
def test_flags_are_laid_out_as_pyarrow_lays_them(values):
    _same(values, pa.bool_())


@given(st.lists(st.none() | st.dates(), max_size=40))
@example([dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1969, 12, 31), None])
def test_dates_are_laid_out_as_pyarrow_lays_them(values):
    _same(values, pa.date32())


#: A context that holds any digits the tests make: quantizing never rounds in it.
_WIDE = decimal.Context(prec=200, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
_DECIMAL_TYPES = [
    pa.decimal128(38, 7),
    pa.decimal128(18, 7),
    pa.decimal128(14, 10),
    pa.decimal128(2, 0),
    pa.decimal256(38, 7),
    pa.decimal256(34, 0),
]


@given(
    st.lists(
        st.none()
        | st.decimals(
            min_value=Decimal("-1E+40"),
            max_value=Decimal("1E+40"),
            allow_nan=False,
            allow_infinity=False,
            places=None,
        ).map(lambda value: value.quantize(Decimal("1E-12"), context=_WIDE) if value else value),
        max_size=20,
    ),
    st.sampled_from(_DECIMAL_TYPES),
)
@example([Decimal("1.50"), Decimal("-0"), None], pa.decimal128(38, 7))
@example([Decimal("1.23456789")], pa.decimal128(38, 7))  # a digit finer than the scale
@example([Decimal("1E+31")], pa.decimal128(38, 7))  # more digits than the precision
@example([-Decimal("9" * 38)], pa.decimal128(38, 0))
@example([Decimal(10) ** 33], pa.decimal256(34, 0))
def test_decimals_are_laid_out_as_pyarrow_lays_them(values, type_):
    _same(values, type_)


def _fits(value: Decimal, type_: pa.DataType) -> bool:
    """Whether ``value`` is a whole number of the scale's units, of at most the precision's."""
    wide = decimal.Context(prec=2 * 10**5, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
    if value.is_zero():
        return True
    if value.adjusted() >= type_.precision or value.as_tuple().exponent < -(10**5):
        return False
    units = wide.scaleb(value, type_.scale)
    return units == units.to_integral_value() and wide.abs(units) < 10**type_.precision


_WILD = st.builds(
    lambda sign, digits, exponent: Decimal((sign, tuple(digits), exponent)),
    st.integers(0, 1),
    st.lists(st.integers(0, 9), min_size=1, max_size=40),
    st.integers(-(10**9), 10**9) | st.integers(-60, 60),
)


@given(_WILD, st.sampled_from(_DECIMAL_TYPES))
@example(Decimal("1E-999999999"), pa.decimal128(38, 7))  # pyarrow 26 crashes on it
@example(Decimal("1E+999999999"), pa.decimal128(38, 7))  # not 10**999999999 computed
@example(Decimal("9.999999999999917497870561418306160E-33"), pa.decimal128(38, 7))  # pyarrow: 0
@example(Decimal("0E+1000"), pa.decimal128(38, 7))
@example(Decimal("-0E-1000"), pa.decimal128(38, 7))
@example(Decimal("1.5" + "0" * 40), pa.decimal128(38, 7))
def test_decimals_are_held_exactly_or_refused(value, type_):
    """Any decimal at all is held exactly, or refused when a digit or the size does not fit.

    pyarrow's own converter is not the measure here: it takes some such values as 0 and
    crashes on others (``1E-999999999``), so the layout never hands them to it.
    """
    if _fits(value, type_):
        got = _arrays._laid_out([value], type_)
        got.validate(full=True)
        assert got.to_pylist() == [value]  # numerically equal: the scale's zeros aside
    else:
        with pytest.raises(pa.ArrowInvalid):
            _arrays._laid_out([value], type_)


def test_a_long_list_of_numbers_is_still_laid_out():
    """Whole numbers go through NumPy at any length (nulls, and the unsigned 64-bit range)."""
    values = [*range(_arrays.CONVERTER_FROM), None, 2**63]
    _same(values, pa.uint64())
    _same(values[:-1], pa.int32())


def test_a_long_list_of_texts_goes_to_pyarrow():
    """From :data:`CONVERTER_FROM` texts on, pyarrow's converter (the faster a value) is used."""
    values = [f"示例{i}" for i in range(_arrays.CONVERTER_FROM)]
    _same(values, pa.string())
    _same(values[:-1], pa.string())


def test_scalars_are_pyarrows():
    assert _arrays.number(7).equals(pa.scalar(7))
    assert _arrays.text("").equals(pa.scalar(""))
    assert _arrays.scalar(Decimal("1.5"), pa.decimal128(38, 7)).equals(
        pa.scalar(Decimal("1.5"), pa.decimal128(38, 7))
    )
    assert _arrays.scalar(None, pa.string()).equals(pa.scalar(None, pa.string()))


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", None]),
            st.integers(min_value=-5, max_value=5) | st.none(),
        ),
        max_size=30,
    )
)
def test_grouping_is_table_group_by(rows):
    """``group_by`` gives what ``Table.group_by(...).aggregate(...)`` gives, group for group."""
    table = pa.table(
        {
            "key": pa.array([key for key, _ in rows], pa.string()),
            "value": pa.array([value for _, value in rows], pa.int64()),
        }
    )
    aggregations = [("value", "sum"), ("value", "min"), ("value", "count")]
    got = _arrays.group_by(table, "key", aggregations)
    expected = table.group_by("key").aggregate(aggregations)
    assert got.column_names == expected.column_names
    assert got.sort_by("key").equals(expected.sort_by("key"))


def test_grouping_by_several_keys():
    table = pa.table({"a": [1, 1, 2], "b": ["x", "y", "x"], "v": [1, 2, 3]})
    got = _arrays.group_by(table, ["a", "b"], [("v", "sum")])
    expected = table.group_by(["a", "b"]).aggregate([("v", "sum")])
    order = [("a", "ascending"), ("b", "ascending")]
    assert got.sort_by(order).equals(expected.sort_by(order))


def _printed(code: str) -> list[str]:
    """What ``code`` prints in a fresh interpreter, word by word."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.split()


def test_without_pandas_installed_every_array_is_pyarrows():
    """Where pandas cannot be imported, pyarrow's question is free: its converter is used."""
    code = textwrap.dedent(
        """
        import sys

        class Refuse:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] == "pandas":
                    raise ModuleNotFoundError(f"No module named {name!r}", name=name)
                return None

        sys.meta_path.insert(0, Refuse())
        from littlegiants import _arrays
        print(_arrays._PANDAS, _arrays._asking_is_free())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]


def test_with_pandas_installed_and_not_imported_arrays_are_laid_out():
    pytest.importorskip("pandas", reason="what is tested is that pandas, installed, stays out")
    code = "from littlegiants import _arrays; print(_arrays._PANDAS, _arrays._asking_is_free())"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "False"]


#: Reads and summarises trade in a fresh interpreter with pandas installed, and prints whether
#: anything imported it (and the summaries, to compare with this process's).
_WORKLOAD = textwrap.dedent(
    """
    import datetime as dt, json, sys
    from decimal import Decimal

    import littlegiants.io.arrow
    imported = {"import littlegiants.io.arrow": "pandas" in sys.modules}

    from littlegiants.fx import ExchangeRate, RateTable
    from littlegiants.io import TradeTable

    rates = RateTable([ExchangeRate("USD", "CNY", rate=Decimal("7.1"), on=dt.date(2020, 1, 1))])
    plain, quoted, parquet = sys.argv[1:4]
    totals = {}
    steps = {
        "read_csv": lambda: TradeTable.read_csv(plain),
        "read_csv (quoted: the loader's reader)": lambda: TradeTable.read_csv(quoted),
        "scan_csv": lambda: TradeTable.scan_csv(plain),
        "read_parquet": lambda: TradeTable.read_parquet(parquet),
        "scan_parquet": lambda: TradeTable.scan_parquet(parquet),
    }
    for step, read in steps.items():
        table = read()
        for by in ("enterprise", "region", None):  # a scan's records carry no designations
            summary = table.summarize(currency="CNY", rates=rates, by=by)
            totals[f"{step} by {by}"] = str(summary.total.amount)
        imported[step] = "pandas" in sys.modules
    table = TradeTable.read_csv(plain)
    table.summarize(currency="CNY", rates=rates, by="level")
    records = list(table.to_records())
    TradeTable.from_records(records).to_arrow()
    imported["by level, to_records, from_records, to_arrow"] = "pandas" in sys.modules
    summary = table.summarize(currency="CNY", rates=rates, by="enterprise")
    summary.to_arrow(), summary.to_polars()
    imported["a summary's to_arrow and to_polars"] = "pandas" in sys.modules
    import contextlib, io
    from littlegiants.cli import main
    argv = ["trade", plain, "--by", "enterprise", "--format", "csv", "--currency", "CNY"]
    with contextlib.redirect_stdout(io.StringIO()):
        status = main([*argv, "--rates", sys.argv[4], "--engine", "arrow"])
    imported[f"littlegiants trade --engine arrow (exit {status})"] = "pandas" in sys.modules
    print(json.dumps({"imported": imported, "totals": totals}))
    """
)


def _trade_rows(count: int) -> list[list[str]]:
    firms = [
        ("示例科技有限公司", "91440300MA5000000G"),
        ("示例电子有限公司", "91440300MA5000001K"),
    ]
    rows = [["name", "credit_code", "period", "flow", "value", "currency", "previous", "growth"]]
    for i in range(count):
        name, code = firms[i % 2]
        month = i % 10 + 1
        value = f"{1000 + i}.{i % 100:02d}"
        previous = f"{900 + i}.00" if i % 3 else ""
        growth = "11%" if i % 7 == 0 and not previous else ""
        currency = "USD" if i % 4 == 0 else "CNY"
        flow = ("import", "export")[i % 2]
        rows.append([name, code, f"2022-{month:02d}", flow, value, currency, previous, growth])
    return rows


def test_reading_and_summarising_never_import_pandas(tmp_path: Path):
    """With pandas installed, reading, checking, summarising trade and framing results (Arrow,
    polars) leave it unimported.

    pyarrow imports pandas on its first conversion of a Python value and on any grouping,
    0.2-0.3 s and 35-50 MiB; the Arrow path builds its arrays and groupings without that.
    """
    pytest.importorskip("pandas", reason="what is tested is that pandas, installed, stays out")
    import pyarrow.parquet as pq

    rows = _trade_rows(300)
    plain = tmp_path / "trade.csv"
    plain.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    quoted = tmp_path / "quoted.csv"
    quoted.write_text(
        "\n".join(",".join(f'"{cell}"' for cell in row) for row in rows) + "\n", encoding="utf-8"
    )
    parquet = tmp_path / "trade.parquet"
    pq.write_table(
        pa.table({name: list(column) for name, *column in zip(*rows, strict=True)}), parquet
    )
    rates = tmp_path / "rates.csv"
    rates.write_text("base,quote,rate,on\nUSD,CNY,7.1,2020-01-01\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", _WORKLOAD, str(plain), str(quoted), str(parquet), str(rates)],
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(result.stdout)
    assert found["imported"] == dict.fromkeys(found["imported"], False)
    assert "littlegiants trade --engine arrow (exit 0)" in found["imported"]
    # The same summaries as this process gives (where pandas is imported): nothing else changed.
    from littlegiants.fx import ExchangeRate, RateTable
    from littlegiants.io import TradeTable

    assert "pandas" in sys.modules  # importorskip imported it: here every array is pyarrow's
    rates = RateTable([ExchangeRate("USD", "CNY", rate=Decimal("7.1"), on=dt.date(2020, 1, 1))])
    table = TradeTable.read_csv(plain)
    for by in ("enterprise", "region", None):
        total = table.summarize(currency="CNY", rates=rates, by=by).total.amount
        for step in ("read_csv", "read_csv (quoted: the loader's reader)", "read_parquet"):
            assert found["totals"][f"{step} by {by}"] == str(total)
