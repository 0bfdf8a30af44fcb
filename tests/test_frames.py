"""Tests of littlegiants.frames: rows, data frames and short displays of every result collection."""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from littlegiants import Designation, Enterprise, Money, TradeRecord, summarize
from littlegiants import strategies as lg
from littlegiants.eligibility import Assessments, assess, assess_many
from littlegiants.errors import InvalidArgumentError, MissingExtraError
from littlegiants.frames import (
    flat_record,
    markdown_text,
    records_to_arrow,
    records_to_html,
    records_to_pandas,
    records_to_polars,
)
from littlegiants.fx import ExchangeRate
from littlegiants.loader import Dataset, load_dataset, load_enterprises, load_trade_records
from littlegiants.policy import PolicySet, compare, load_policy, match

SHENZHEN = load_policy("shenzhen-2022")
DISTRICTS = ("440303", "440304", "440305", "440306", "440307", "440309")


def firms(count: int) -> list[Enterprise]:
    """``count`` illustrative national little giants spread over Shenzhen's districts."""
    return [
        Enterprise(
            f"示例{index}科技有限公司",
            region=DISTRICTS[index % len(DISTRICTS)],
            designations=[Designation("national", date(2023, 1 + index % 12, 5))],
        )
        for index in range(count)
    ]


class TestPayoutReportFrames:
    def test_polars_amounts_sum_to_the_report_total_exactly(self) -> None:
        """to_polars() has a Decimal amount column whose sum is the report's total, exactly."""
        report = SHENZHEN.payouts(firms(20), as_of=date(2025, 6, 30))
        frame = report.to_polars()
        assert isinstance(frame.schema["amount"], pl.Decimal)
        assert report.total.amount == frame["amount"].sum()
        assert Money("10000000", "CNY") == report.total

    @settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=30)
    @given(st.lists(lg.enterprises(), max_size=6))
    def test_every_frame_sums_to_the_total(self, population: list[Enterprise]) -> None:
        """Arrow, polars and pandas amounts sum to the report total for any population."""
        report = SHENZHEN.payouts(population)
        total = report.total.amount
        table = report.to_arrow()
        assert pa.types.is_decimal(table.schema.field("amount").type)
        amounts = [a for a in table.column("amount").to_pylist() if a is not None]
        assert total == sum(amounts, Decimal(0))
        assert total == (report.to_polars()["amount"].sum() or Decimal(0))
        assert total == sum(report.to_pandas()["amount"].dropna(), Decimal(0))

    def test_rows_carry_keys_and_exact_amounts(self) -> None:
        """Each row names the firm (credit code, region code and name), level, status, amount."""
        (row,) = SHENZHEN.payouts(firms(1), as_of=date(2025, 6, 30)).to_records()
        expected = {
            "credit_code": None,
            "name": "示例0科技有限公司",
            "region_code": "440303",
            "region_name": "罗湖区",
            "policy_id": "shenzhen-2022",
            "event": "designation",
            "event_on": date(2023, 1, 5),
            "level": "national",
            "status": "payable",
            "amount": Decimal(500000),
            "currency": "CNY",
            "up_to": True,  # the 2022 Shenzhen measures say "up to" (最高)
        }
        assert expected == {key: row[key] for key in expected}
        assert all(" " not in key for key in row)

    def test_an_empty_report_has_its_columns(self) -> None:
        """No payouts still give a frame with every column, amounts typed as decimals."""
        frame = SHENZHEN.payouts([]).to_polars()
        assert (0, 15) == frame.shape
        assert "amount" in frame.columns
        assert isinstance(frame.schema["amount"], pl.Decimal)

    def test_pandas_holds_decimal_objects(self) -> None:
        """pandas gets Decimal objects, never floats."""
        frame = SHENZHEN.payouts(firms(3), as_of=date(2025, 6, 30)).to_pandas()
        assert {Decimal} == {type(value) for value in frame["amount"]}
        assert Decimal(1500000) == frame["amount"].sum()

    def test_stacked_reports_give_rows_per_policy(self) -> None:
        """A stacked report's rows name each policy, and sum to its total."""
        stack = PolicySet(["shenzhen-2022", "nanshan-2022"])
        report = stack.payouts(firms(12), as_of=date(2025, 6, 30))
        frame = report.to_polars()
        assert {"shenzhen-2022", "nanshan-2022"} == set(frame["policy_id"])
        assert report.total.amount == frame["amount"].sum()


class TestShortRepr:
    def test_a_report_of_many_firms_is_one_short_line(self) -> None:
        """A report of 2,000 firms shows in one line, not every payout."""
        report = SHENZHEN.payouts(firms(2000), as_of=date(2025, 6, 30))
        text = repr(report)
        assert "\n" not in text
        assert len(text) < 150
        assert "2000 enterprises" in text

    def test_every_collection_is_short(self) -> None:
        """Stacked reports, matches, comparisons, summaries, assessments and datasets too."""
        population = firms(50)
        stack = PolicySet(["shenzhen-2022", "nanshan-2022"])
        records = [
            TradeRecord(firm, "2022-01..2022-10", "export", Money(5, "CNY"), growth="5%")
            for firm in population
        ]
        shown = [
            stack.payouts(population),
            stack.payout(population[0]),
            match(population[0]),
            compare(SHENZHEN, SHENZHEN.evolve(amounts={"national": 1}), population),
            summarize(records, currency="CNY", by="enterprise"),
            summarize(records, currency="CNY").overall,
            assess(population[0], "little-giant", as_of=date(2024, 6, 30)),
            assess_many(population, "little-giant", as_of=date(2024, 6, 30)),
            Dataset(tuple(population), trade_records=tuple(records)),
        ]
        for value in shown:
            assert len(repr(value)) < 200, repr(value)[:300]

    def test_the_summary_repr_states_the_growth_given(self) -> None:
        """A one-record summary says +5%, as given."""
        firm = Enterprise("示例科技有限公司")
        record = TradeRecord(firm, "2022-01..2022-10", "import", Money(100, "CNY"), growth="5%")
        assert "growth +5%" in repr(summarize([record], currency="CNY"))


class TestRichDisplay:
    def test_html_escapes_names_from_data(self) -> None:
        """A firm named with markup shows as text in the HTML table."""
        firm = Enterprise(
            "<script>alert(1)</script>&Co",
            region="440305",
            designations=[Designation("national", date(2023, 1, 5))],
        )
        page = SHENZHEN.payouts([firm])._repr_html_()
        assert "<script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;Co" in page
        assert "<caption>&lt;PayoutReport shenzhen-2022" in page

    def test_html_says_how_many_rows_are_left_out(self) -> None:
        """Past the first 20 rows, the table says how many more there are."""
        page = SHENZHEN.payouts(firms(25))._repr_html_()
        assert 22 == page.count("<tr>")  # the header, 20 rows and the footer
        assert "… 5 more rows" in page

    def test_explanations_show_as_escaped_markdown(self) -> None:
        """A payout's and an assessment's Markdown is their explanation, markup escaped."""
        firm = Enterprise(
            "*星号*_公司", region="440305", designations=[Designation("national", date(2023, 1, 5))]
        )
        payout = SHENZHEN.payout(firm)
        assert markdown_text(payout.explain()) == payout._repr_markdown_()
        assert "\\*星号\\*\\_公司" in payout._repr_markdown_()
        assessment = assess(firm, "little-giant", as_of=date(2024, 6, 30))
        assert "\\*星号\\*\\_公司" in assessment._repr_markdown_()
        assert "\\*星号\\*\\_公司" in match(firm)._repr_markdown_()

    def test_markdown_keeps_every_line(self) -> None:
        """Each line of the text is a line of the Markdown (hard breaks)."""
        assert "a  \nb" == markdown_text("a\nb")


class TestOtherCollections:
    def test_trade_summary_rows_keep_the_growth_given(self) -> None:
        """A trade summary's rows: counts as numbers, amounts exact, growth 0.05 as given."""
        firm = Enterprise("示例科技有限公司", region="440305")
        record = TradeRecord(firm, "2022-01..2022-10", "import", Money(100, "CNY"), growth="5%")
        rows = summarize([record], currency="CNY", by="region").to_records()
        assert [("440305", "import"), ("440305", "total")] == [
            (r["group"], r["flow"]) for r in rows
        ]
        assert {
            "group": "440305",
            "flow": "total",
            "records": 1,
            "enterprises": 1,
            "value": Decimal(100),
            "a_year_earlier": Decimal("95.23809523809523809523809523809524"),
            "growth": Decimal("0.05"),
            "missing_previous": 0,
            "currency": "CNY",
        } == rows[1]

    def test_comparison_rows(self) -> None:
        """A comparison gives a row per firm and policy, then the firm's total."""
        reform = SHENZHEN.evolve(amounts={"national": "800000"})
        rows = compare(SHENZHEN, reform, firms(1)).to_records()
        assert [("shenzhen-2022", Decimal(300000)), (None, Decimal(300000))] == [
            (row["policy_id"], row["difference"]) for row in rows
        ]

    def test_match_rows_have_booleans(self) -> None:
        """A match's rows say with booleans whether each policy applies."""
        rows = match(firms(1)[0]).to_records()
        assert {True, False} == {row["applies"] for row in rows}
        applying = match(firms(1)[0]).to_records(others=False)
        assert all(row["applies"] for row in applying)

    def test_assessments_are_a_tuple_with_rows(self) -> None:
        """assess_many gives a tuple of assessments with a row per firm."""
        found = assess_many(firms(3), "little-giant", as_of=date(2024, 6, 30))
        assert isinstance(found, Assessments)
        assert isinstance(found, tuple)
        frame = found.to_polars()
        assert ["示例0科技有限公司", "示例1科技有限公司", "示例2科技有限公司"] == frame[
            "name"
        ].to_list()
        assert {"unknown"} == set(frame["verdict"])

    def test_assessment_rows_name_the_region_on_the_date(self) -> None:
        """An assessment's row gives the firm's region on its date, after a move (天河 to 南山)."""
        from littlegiants import Relocation

        firm = Enterprise(
            "示例科技有限公司",
            region="440305",
            relocations=[Relocation(date(2023, 9, 1), "440106", "440305")],
        )
        before = assess(firm, "little-giant", as_of=date(2023, 6, 30)).to_record()
        after = assess(firm, "little-giant", as_of=date(2024, 6, 30)).to_record()
        expected = (("440106", "天河区"), ("440305", "南山区"))
        assert expected == (
            (before["region_code"], before["region_name"]),
            (after["region_code"], after["region_name"]),
        )

    def test_dataset_rows_per_designation(self, tmp_path: Path) -> None:
        """A dataset gives one row per designation, a firm without any still one row."""
        (tmp_path / "enterprises.csv").write_text(
            "name,credit_code,region\n示例科技有限公司,,440305\n另一家公司,,440303\n",
            encoding="utf-8",
        )
        (tmp_path / "designations.csv").write_text(
            "name,level,awarded_on\n示例科技有限公司,national,2022-08-01\n"
            "示例科技有限公司,provincial,2021-01-01\n",
            encoding="utf-8",
        )
        data = load_dataset(tmp_path)
        rows = data.to_records()
        assert [("示例科技有限公司", "provincial"), ("示例科技有限公司", "national")] == [
            (row["name"], row["level"]) for row in rows[:2]
        ]
        assert ("另一家公司", None, "罗湖区") == (
            rows[2]["name"],
            rows[2]["level"],
            rows[2]["region_name"],
        )
        assert date(2025, 7, 31) == rows[1]["expires_on"]
        assert 3 == data.to_polars().height
        assert "<Dataset: 2 enterprises" in repr(data)

    def test_load_results_give_rows(self, tmp_path: Path) -> None:
        """A loader's result turns its records into rows: trade records field by field."""
        path = tmp_path / "trade.csv"
        path.write_text(
            "name,period,flow,value,currency,growth\n示例,2022-01..2022-10,import,1.50,USD,5%\n",
            encoding="utf-8",
        )
        (row,) = load_trade_records(path, errors="collect").to_records()
        assert {
            "name": "示例",
            "period_start": date(2022, 1, 1),
            "period_end": date(2022, 10, 31),
            "flow": "import",
            "value": Decimal("1.50"),
            "currency": "USD",
            "previous": None,
            "growth": Decimal("0.05"),
        } == {
            key: row[key]
            for key in (
                "name",
                "period_start",
                "period_end",
                "flow",
                "value",
                "currency",
                "previous",
                "growth",
            )
        }
        firms_path = tmp_path / "enterprises.csv"
        firms_path.write_text("name,region\n示例,440305\n", encoding="utf-8")
        assert (
            "南山区"
            == load_enterprises(firms_path, errors="collect").to_records()[0]["region_name"]
        )


class TestConversion:
    def test_scale_is_the_finest_digit(self) -> None:
        """A column of amounts is decimal128 at the scale of its finest digit, values exact."""
        table = records_to_arrow([{"a": Decimal("1.5")}, {"a": Decimal("0.001")}, {"a": None}])
        assert pa.decimal128(38, 3) == table.schema.field("a").type
        assert [Decimal("1.500"), Decimal("0.001"), None] == table.column("a").to_pylist()

    def test_wide_amounts_go_to_decimal256(self) -> None:
        """More than 38 digits take decimal256, still exact."""
        wide = Decimal("12345678901234567890.12345678901234567890")
        table = records_to_arrow([{"a": wide}])
        assert wide == table.column("a").to_pylist()[0]
        assert pa.types.is_decimal256(table.schema.field("a").type)

    @pytest.mark.parametrize("value", [1.5, float("nan")])
    def test_floats_are_refused(self, value: float) -> None:
        """A float in a column is refused, never written as a float column."""
        with pytest.raises(InvalidArgumentError, match="float"):
            records_to_arrow([{"a": value}])

    def test_mixed_types_are_refused(self) -> None:
        """A column mixing types is refused, naming the column."""
        with pytest.raises(InvalidArgumentError, match="column a"):
            records_to_arrow([{"a": Decimal(1)}, {"a": "1"}])

    def test_an_infinite_amount_is_refused(self) -> None:
        """A Decimal infinity cannot be a column value."""
        with pytest.raises(InvalidArgumentError, match="finite"):
            records_to_arrow([{"a": Decimal("Infinity")}])

    def test_declared_columns_type_a_column_of_nulls(self) -> None:
        """A declared column of None only keeps its declared type."""
        table = records_to_arrow([{"a": None}], {"a": Decimal, "b": str})
        assert ["a", "b"] == table.column_names
        assert pa.decimal128(38, 0) == table.schema.field("a").type

    def test_the_three_frames_agree(self) -> None:
        """polars and pandas hold the Arrow table's values."""
        rows = [{"d": date(2022, 1, 1), "n": 3, "b": True, "s": "甲", "a": Decimal("2.50")}]
        assert rows == records_to_polars(rows).to_dicts()
        assert rows == records_to_pandas(rows).to_dict("records")

    def test_flat_record_refuses_what_is_not_a_record(self) -> None:
        """flat_record takes a record of the library, nothing else."""
        with pytest.raises(InvalidArgumentError, match="record"):
            flat_record({"a": 1})

    def test_flat_record_keeps_a_second_currency_apart(self) -> None:
        """An amount in another currency than the first gets its own currency column."""
        rate = ExchangeRate("USD", "CNY", rate="7.1538", on=date(2022, 10, 31))
        assert {"base", "quote", "rate", "on", "source"} == set(flat_record(rate))

    def test_html_of_no_rows(self) -> None:
        """An empty result is an empty table with its caption."""
        assert "<caption>x</caption>" in records_to_html([], caption="x")


class TestWithoutTheExtra:
    @pytest.mark.parametrize(
        ("module", "call"),
        [
            ("pyarrow", lambda report: report.to_arrow()),
            ("polars", lambda report: report.to_polars()),
            ("pandas", lambda report: report.to_pandas()),
        ],
    )
    def test_a_missing_library_names_the_extra(self, monkeypatch, module, call) -> None:
        """Without the frame library, the error says: pip install 'littlegiants[dataframes]'."""
        monkeypatch.setitem(sys.modules, module, None)
        report = SHENZHEN.payouts(firms(1))
        with pytest.raises(MissingExtraError) as caught:
            call(report)
        assert "littlegiants[dataframes]" in str(caught.value)
        assert module == caught.value.module

    def test_rows_need_no_extra(self, monkeypatch) -> None:
        """to_records() works without any frame library."""
        for module in ("pyarrow", "polars", "pandas"):
            monkeypatch.setitem(sys.modules, module, None)
        assert 1 == len(SHENZHEN.payouts(firms(1)).to_records())


def test_pandas_is_installed_for_the_tests() -> None:
    """The test extra brings pandas (so CI runs the pandas tests)."""
    assert pd.__version__
