"""Tests of littlegiants.trade: records, implied prior-year values, and summaries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from littlegiants import (
    CurrencyMismatchError,
    Designation,
    DesignationCount,
    Enterprise,
    ExchangeRate,
    Growth,
    InvalidRecordError,
    Money,
    Period,
    RateNotFoundError,
    RateTable,
    TradeAggregate,
    TradeFlow,
    TradeRecord,
    summarize,
)

HOSIN = Enterprise("Shenzhen Hosin Global Electronics Co. Ltd.", region="440300")
JAN_OCT_2022 = Period.parse("2022-01..2022-10")


def hosin_records() -> list[TradeRecord]:
    """Hosin Global's Jan-Oct 2022 trade as the seed article reports it."""
    return [
        TradeRecord(HOSIN, JAN_OCT_2022, "import", Money.parse("US$99.2 million"), growth="59%"),
        TradeRecord(HOSIN, JAN_OCT_2022, "export", Money.parse("US$27.59 million"), growth="109%"),
    ]


class TestTradeRecord:
    def test_previous_implied_from_growth(self) -> None:
        """Imports of US$99.2 million, up 59%, imply about US$62.39 million a year earlier."""
        imports = hosin_records()[0]
        assert imports.previous is not None
        assert Money("62389937.11", "USD") == imports.previous.round()
        assert Money("62.39", "USD") == (imports.previous / 1_000_000).round()

    def test_exports_previous(self) -> None:
        """Exports of US$27.59 million, up 109%, imply about US$13.20 million a year earlier."""
        exports = hosin_records()[1]
        assert exports.previous is not None
        assert Money("13.20", "USD") == (exports.previous / 1_000_000).round()

    def test_growth_from_previous(self) -> None:
        """A prior-year value gives the growth."""
        record = TradeRecord(
            HOSIN, JAN_OCT_2022, TradeFlow.IMPORT, Money(150, "USD"), previous=Money(100, "USD")
        )
        assert Growth.from_percent(50) == record.growth

    def test_consistent_previous_and_growth_are_accepted(self) -> None:
        """A prior-year value and a growth that agree within the stated rounding are kept."""
        record = TradeRecord(
            HOSIN,
            JAN_OCT_2022,
            "import",
            Money.parse("US$99.2 million"),
            previous=Money.parse("US$62.4 million"),
            growth="59%",
        )
        assert Growth.parse("59%") == record.growth

    def test_contradicting_previous_and_growth_raise(self) -> None:
        """A prior-year value and a growth that disagree raise when the record is built."""
        with pytest.raises(InvalidRecordError, match="implies"):
            TradeRecord(
                HOSIN,
                JAN_OCT_2022,
                "import",
                Money.parse("US$99.2 million"),
                previous=Money.parse("US$60 million"),
                growth="59%",
            )

    @pytest.mark.parametrize(
        ("value", "growth", "agrees"),
        [
            ("159.4", "59%", True),  # 59.4% is within the rounding of a whole percentage
            ("159.6", "59%", False),
            ("159.254", "59.25%", True),
            ("159.3", "59.25%", False),  # stated to hundredths, so 0.05 points is too far
        ],
    )
    def test_precision_of_the_stated_growth_sets_the_tolerance(
        self, value: str, growth: str, agrees: bool
    ) -> None:
        """Agreement is judged within half a unit of the stated percentage's last digit."""

        def build() -> TradeRecord:
            return TradeRecord(
                HOSIN,
                JAN_OCT_2022,
                "import",
                Money(value, "USD"),
                previous=Money(100, "USD"),
                growth=growth,
            )

        if agrees:
            assert Growth.parse(growth) == build().growth
        else:
            with pytest.raises(InvalidRecordError):
                build()

    def test_negative_values_refused(self) -> None:
        """Trade values are not negative."""
        with pytest.raises(InvalidRecordError, match="negative"):
            TradeRecord(HOSIN, JAN_OCT_2022, "import", Money(-1, "USD"))

    def test_previous_in_another_currency_raises(self) -> None:
        """The prior-year value is in the record's currency."""
        with pytest.raises(CurrencyMismatchError):
            TradeRecord(HOSIN, JAN_OCT_2022, "import", Money(1, "USD"), previous=Money(1, "CNY"))

    def test_unknown_flow(self) -> None:
        """Flows are import or export, in English or Chinese."""
        assert TradeFlow.EXPORT is TradeFlow.parse("出口")
        with pytest.raises(InvalidRecordError):
            TradeFlow.parse("re-export")


class TestSummarize:
    def test_hosin_in_dollars(self) -> None:
        """Hosin's imports and exports add up, with growth over the implied prior-year values."""
        summary = summarize(hosin_records(), currency="USD")
        assert Money("126790000", "USD") == summary.total
        assert 1 == summary.enterprise_count
        assert summary.previous_total is not None
        assert Money("75590894.04", "USD") == summary.previous_total.round()
        assert summary.growth is not None
        assert Decimal("67.73") == summary.growth.percent.quantize(Decimal("0.01"))
        assert {TradeFlow.IMPORT, TradeFlow.EXPORT} == set(summary.by_flow)

    def test_cohort_figure_converts_at_the_implied_rate(self) -> None:
        """44.64 billion yuan = US$6.24 billion implies ~7.1538 CNY/USD; converting back agrees."""
        rate = ExchangeRate.implied(
            Money.parse("44.64 billion yuan"), Money.parse("US$6.24 billion"), on=date(2022, 10, 31)
        )
        assert Decimal("7.1538") == rate.rate.quantize(Decimal("0.0001"))
        table = RateTable([rate])
        cohort = TradeRecord(
            Enterprise("320 little giants (Shenzhen Customs aggregate)"),
            JAN_OCT_2022,
            "import",
            Money.parse("US$6.24 billion"),
        )
        summary = summarize([cohort], currency="CNY", rates=table)
        assert Money("44640000000", "CNY") == summary.total.round()

    def test_missing_rate_is_an_error(self) -> None:
        """Another currency without rates, or without a rate on the date, raises."""
        with pytest.raises(CurrencyMismatchError):
            summarize(hosin_records(), currency="CNY")
        late = RateTable([ExchangeRate("USD", "CNY", rate="7.1538", on=date(2022, 11, 23))])
        with pytest.raises(RateNotFoundError):
            summarize(hosin_records(), currency="CNY", rates=late)

    def test_growth_unknown_when_a_previous_is_missing(self) -> None:
        """One record without a prior-year value makes the prior total and growth unknown."""
        records = [*hosin_records(), TradeRecord(HOSIN, "2022-03", "import", Money(1, "USD"))]
        summary = summarize(records, currency="USD")
        assert summary.previous_total is None
        assert summary.growth is None
        assert 1 == summary.missing_previous

    def test_grouping(self) -> None:
        """Records group by enterprise, region or level at the period's end."""
        other = Enterprise(
            "示例科技有限公司",
            region="440305",
            designations=[Designation("national", date(2022, 8, 1))],
        )
        records = [*hosin_records(), TradeRecord(other, JAN_OCT_2022, "export", Money(5, "USD"))]
        by_region = summarize(records, currency="USD", by="region").by_group
        assert {"440300", "440305"} == set(by_region)
        by_level = summarize(records, currency="USD", by="level").by_group
        assert {"national", "none"} == set(by_level)
        assert Money(5, "USD") == by_level["national"].total

    def test_sum_of_parts(self) -> None:
        """The summary of all records equals the sum of summaries of disjoint parts."""
        records = hosin_records()
        whole = summarize(records, currency="USD", by="enterprise")
        parts = summarize(records[:1], currency="USD", by="enterprise") + summarize(
            records[1:], currency="USD", by="enterprise"
        )
        assert whole == parts


class TestFlowText:
    @pytest.mark.parametrize("flow", list(TradeFlow))
    def test_str_reads_back(self, flow: TradeFlow) -> None:
        """str() of a flow, 'TradeFlow.IMPORT', parses back to the flow."""
        assert flow is TradeFlow.parse(str(flow))

    @pytest.mark.parametrize("text", ["import\n", "\texport", "进口\r", "im\x00port", "出口\u200b"])
    def test_refuses_control_characters(self, text: str) -> None:
        """Outer spaces are ignored; a line break, tab or zero-width space is not."""
        with pytest.raises(InvalidRecordError, match="trade flow") as info:
            TradeFlow.parse(text)
        assert text == info.value.value
        assert TradeFlow.IMPORT is TradeFlow.parse(" Import ")


class TestFieldTypes:
    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("enterprise", "Hosin"),
            ("value", "US$99.2 million"),
            ("value", Decimal(1)),
            ("source", 3),
        ],
    )
    def test_records_refuse_wrong_types_with_our_error(self, field: str, value: object) -> None:
        """A field of the wrong type is InvalidRecordError, not attrs' bare TypeError."""
        fields: dict[str, object] = {
            "enterprise": HOSIN,
            "period": JAN_OCT_2022,
            "flow": "import",
            "value": Money(1, "USD"),
        }
        fields[field] = value
        with pytest.raises(InvalidRecordError, match=field) as info:
            TradeRecord(**fields)  # type: ignore[arg-type]
        assert value is info.value.value

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("label", 3),
            ("label", "cohort\n"),
            ("value", 1),
            ("equivalent", "US$6.24 billion"),
            ("enterprise_count", "320"),
            ("enterprise_count", 10**31),
            ("source", b"customs"),
        ],
    )
    def test_aggregates_refuse_wrong_types_with_our_error(self, field: str, value: object) -> None:
        """An aggregate's fields of the wrong type or range are InvalidRecordError."""
        fields: dict[str, object] = {
            "label": "cohort",
            "period": JAN_OCT_2022,
            "value": Money(1, "CNY"),
        }
        fields[field] = value
        with pytest.raises(InvalidRecordError) as info:
            TradeAggregate(**fields)  # type: ignore[arg-type]
        assert value is info.value.value

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("kind", "targets"),
            ("kind", None),
            ("count", 10**31),
            ("count", "443"),
            ("on", "2022-11-23"),
            ("by", 2025),
            ("batch", 0),
            ("batch", "4"),
            ("source", 1),
        ],
    )
    def test_counts_refuse_wrong_values_with_our_error(self, field: str, value: object) -> None:
        """A count's kind, figure, dates and batch are checked with InvalidRecordError."""
        fields: dict[str, object] = {
            "level": "national",
            "count": 443,
            "on": date(2022, 11, 23),
            "kind": "held",
        }
        fields[field] = value
        with pytest.raises(InvalidRecordError) as info:
            DesignationCount(**fields)  # type: ignore[arg-type]
        assert value is info.value.value


class TestSummarizeArguments:
    @pytest.mark.parametrize("records", [None, 3, "records", [HOSIN]])
    def test_records_must_be_records(self, records: object) -> None:
        """summarize refuses what is not a sequence of TradeRecord with InvalidRecordError."""
        with pytest.raises(InvalidRecordError, match="records"):
            summarize(records, currency="USD")  # type: ignore[arg-type]

    def test_rates_must_be_a_table(self) -> None:
        """rates= is a RateTable or None."""
        with pytest.raises(InvalidRecordError, match="RateTable"):
            summarize(hosin_records(), currency="CNY", rates={"USD": 7})  # type: ignore[arg-type]

    def test_a_grouping_function_returns_text(self) -> None:
        """A grouping function that returns no text is refused, not left to sorted()."""
        with pytest.raises(InvalidRecordError, match="return text"):
            summarize(hosin_records(), currency="USD", by=lambda record: record.period.end)  # type: ignore[arg-type,return-value]


class TestImpossibleGrowth:
    @pytest.mark.parametrize("growth", ["-100%", "-150%"])
    def test_a_fall_of_100_percent_or_more_needs_the_previous_value(self, growth: str) -> None:
        """A growth of -100% or less implies no prior-year value: it needs one given."""
        with pytest.raises(InvalidRecordError, match="100%"):
            TradeRecord(HOSIN, JAN_OCT_2022, "export", Money(0, "USD"), growth=growth)

    def test_a_full_fall_with_its_previous_value_is_fine(self) -> None:
        """Trade that stopped entirely is recorded with its prior-year value."""
        record = TradeRecord(
            HOSIN, JAN_OCT_2022, "export", Money(0, "USD"), previous=Money(5, "USD"), growth="-100%"
        )
        assert Money(5, "USD") == record.previous

    def test_a_steep_fall_whose_previous_value_is_beyond_the_bounds_is_refused(self) -> None:
        """A fall of 99.99...% implies a prior-year value past 1E+31: refused when built."""
        with pytest.raises(InvalidRecordError, match="outside the bounds"):
            TradeRecord(
                HOSIN, JAN_OCT_2022, "export", Money("1E+20", "USD"), growth="-99.9999999999999%"
            )
        record = TradeRecord(HOSIN, JAN_OCT_2022, "export", Money(1, "USD"), growth="-99.9%")
        assert Money(1000, "USD") == record.previous

    def test_the_agreement_check_ignores_the_callers_context(self) -> None:
        """Whether growth and prior-year value agree does not depend on the decimal context."""
        from decimal import localcontext

        # 159.554 on 100 is +59.554%, 0.054 points off a stated 59.5% (tolerance 0.05):
        # a one-digit context would round the difference to 0.05 and let it through.
        with localcontext(prec=1), pytest.raises(InvalidRecordError, match="agree"):
            TradeRecord(
                HOSIN,
                JAN_OCT_2022,
                "import",
                Money("159.554", "USD"),
                previous=Money(100, "USD"),
                growth="59.5%",
            )
