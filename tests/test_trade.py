"""Tests of littlegiants.trade: records, implied prior-year values, and summaries."""

from __future__ import annotations

import decimal
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

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
from littlegiants import strategies as lg
from littlegiants._checks import items
from littlegiants.errors import InvalidAmountError, LittleGiantsError
from littlegiants.trade import FlowSummary, TradeSummary, _check_trade, _check_trades

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

    def test_one_record_keeps_its_growth(self) -> None:
        """One record's stated growth is the summary's, exactly as given (5% stays 0.05)."""
        record = TradeRecord(HOSIN, JAN_OCT_2022, "import", Money(100, "CNY"), growth="5%")
        summary = summarize([record], currency="CNY", by="region")
        expected = Growth(Decimal("0.05"))
        for flow in (
            summary.overall,
            summary.by_flow[TradeFlow.IMPORT],
            summary.by_group["440300"].overall,
        ):
            assert repr(expected) == repr(flow.growth)

    def test_records_stating_one_growth_keep_it(self) -> None:
        """Records that all state 11% sum to a growth of 11%, not a quotient close to it."""
        records = [
            TradeRecord(HOSIN, JAN_OCT_2022, flow, Money(value, "CNY"), growth="11%")
            for flow, value in (("import", 7), ("export", 13), ("export", 3))
        ]
        summary = summarize(records, currency="CNY")
        assert [Decimal("0.11")] * 3 == [
            f.growth.rate for f in (summary.overall, *summary.flows) if f.growth is not None
        ]
        assert "Decimal('0.11')" == repr(summary.growth.rate if summary.growth else None)

    def test_mixed_growths_are_computed(self) -> None:
        """Records stating different growths, or none, give the growth of the totals."""
        summary = summarize(hosin_records(), currency="USD")
        assert summary.overall.stated_growth is None
        assert summary.previous_total is not None
        assert Growth.between(summary.previous_total, summary.total) == summary.growth
        lacking = [
            *hosin_records()[:1],
            TradeRecord(HOSIN, JAN_OCT_2022, "import", Money(1, "USD"), previous=Money(1, "USD")),
        ]
        imports = summarize(lacking, currency="USD").by_flow[TradeFlow.IMPORT]
        assert imports.stated_growth is None

    def test_growths_written_differently_are_computed(self) -> None:
        """0.05 and 0.050 are the same rate written two ways: neither is kept as given."""
        records = [
            TradeRecord(HOSIN, JAN_OCT_2022, "import", Money(100, "CNY"), growth=Growth(rate))
            for rate in (Decimal("0.05"), Decimal("0.050"))
        ]
        assert summarize(records, currency="CNY").overall.stated_growth is None

    @given(lg.growths(), st.lists(st.integers(1, 10**6), min_size=1, max_size=5), st.integers(1, 4))
    def test_merged_parts_keep_the_stated_growth(self, growth, values, cut):
        """Parts whose records state one growth merge into a summary that states it too."""
        records = [
            TradeRecord(HOSIN, JAN_OCT_2022, "export", Money(v, "CNY"), growth=growth)
            for v in values
        ]
        whole = summarize(records, currency="CNY")
        parts = summarize(records[:cut], currency="CNY") + summarize(records[cut:], currency="CNY")
        assert growth == whole.growth
        assert whole == parts

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


# -- the checks of many records, a column at a time ----------------------------------------------

#: Growths around the checks' edges: steep falls, falls of 100% and more, and ordinary ones.
EDGE_GROWTHS = st.one_of(
    lg.growths(min_percent=-200, max_percent=300, places=1),
    st.sampled_from(["-90%", "-90.1%", "-95%", "-99.9999999999999%", "-100%"]).map(Growth.parse),
)


@st.composite
def checked_rows(
    draw: st.DrawFn, *, unsigned: bool = False
) -> tuple[Money, Money | None, Growth | None]:
    """A record's value, prior-year value and growth; with ``unsigned``, as the loader reads them.

    Otherwise values and prior-year values may be negative or in another currency, and a
    prior-year value may agree with its growth (it is the one the growth implies) or not.
    """
    low = 0 if unsigned else -1000
    code = draw(st.sampled_from(["CNY", "USD"]))
    value = draw(lg.money(code, min_value=low, max_value=10**20))
    growth = draw(st.none() | EDGE_GROWTHS)
    other = code if unsigned else draw(st.sampled_from([code, code, "USD"]))
    previous = draw(st.none() | lg.money(other, min_value=low, max_value=10**20))
    if growth is not None and growth.rate > -1 and draw(st.booleans()):
        try:
            previous = growth.previous_of(value)  # agrees with the growth
        except InvalidAmountError:  # beyond the bounds (1E+16 after -99.9999999999999%)
            previous = None
    return value, previous, growth


def first_failure(rows: list[tuple[Money, Money | None, Growth | None]]) -> object:
    """The error the first record that fails its own checks raises, or ``None``."""
    for row in rows:
        try:
            _check_trade(*row)
        except LittleGiantsError as exc:
            return type(exc), str(exc)
    return None


def column_failure(
    rows: list[tuple[Money, Money | None, Growth | None]], *, unsigned: bool
) -> object:
    """The error the column checks of the rows raise, or ``None``."""
    values, previous, growths = ([row[at] for row in rows] for at in range(3))
    try:
        _check_trades(values, previous, growths, unsigned=unsigned)
    except LittleGiantsError as exc:
        return type(exc), str(exc)
    return None


class TestColumnChecks:
    @given(st.lists(checked_rows(), max_size=12))
    def test_columns_refuse_what_records_refuse(
        self, rows: list[tuple[Money, Money | None, Growth | None]]
    ) -> None:
        """The column checks raise exactly the first failing record's error, or nothing."""
        assert first_failure(rows) == column_failure(rows, unsigned=False)

    @given(st.lists(checked_rows(unsigned=True), max_size=12))
    def test_unsigned_columns_refuse_what_records_refuse(
        self, rows: list[tuple[Money, Money | None, Growth | None]]
    ) -> None:
        """Amounts read from digits, as the loader does: the same errors, first failure first."""
        assert first_failure(rows) == column_failure(rows, unsigned=True)

    @pytest.mark.parametrize(
        ("value", "previous", "growth", "message"),
        [
            (Money(-1, "USD"), None, None, "cannot be negative"),
            (Money(1, "USD"), Money(-1, "USD"), None, "cannot be negative"),
            (Money(1, "USD"), Money(1, "CNY"), None, "compare"),
            (Money(1, "USD"), None, Growth.parse("-100%"), "100%"),
            (Money("1E+20", "USD"), None, Growth.parse("-99.9999999999999%"), "outside the bounds"),
            (Money(1, "USD"), Money(1, "USD"), Growth.parse("59%"), "agree"),
        ],
    )
    def test_a_bad_record_among_good_ones_is_found(
        self, value: Money, previous: Money | None, growth: Growth | None, message: str
    ) -> None:
        """One bad record after 200 good ones is refused with its own error."""
        good = (Money(5, "USD"), None, None)
        rows = [good] * 100 + [(Money(5, "USD"), Money(4, "USD"), None)] * 100
        rows.append((value, previous, growth))
        failure = column_failure(rows, unsigned=False)
        assert first_failure(rows) == failure
        assert message in str(failure)


# -- the one-pass summarize against the implementation it replaced ------------------------------
#
# Until issue 16, summarize went over the records four times (the whole, each flow, each group,
# each group's flows), converting and adding each value as Money every time. That code is kept
# here, unchanged, as the oracle: the one pass must give the same summaries bit for bit (every
# Decimal's digits and exponent) and raise the same errors, first error first.


class _OldConverter:
    def __init__(self, currency: str, rates: RateTable | None) -> None:
        self.currency = currency
        self.rates = rates

    def __call__(self, money: Money, period: Period) -> Money:
        if money.currency == self.currency:
            return money
        if self.rates is None:
            raise CurrencyMismatchError(money.currency, self.currency, "sum")
        return self.rates.convert(money, self.currency, on=period.end)


def _old_group_key(record: TradeRecord, by: Any) -> str:
    if callable(by):
        key = by(record)
        if not isinstance(key, str):
            raise InvalidRecordError(key, "a grouping function must return text, the group's key")
        return key
    firm = record.enterprise
    if by == "enterprise":
        return firm.key
    if by == "region":
        region = firm.region
        return "unknown" if region is None else region.code
    if by == "level":
        level = firm.level_on(record.period.end)
        return "none" if level is None else level.value
    raise InvalidRecordError(by, "group by 'region', 'level', 'enterprise' or a function")


def _old_flow_summary(
    flow: TradeFlow | None, records: list[TradeRecord], convert: _OldConverter
) -> FlowSummary:
    total = Money.zero(convert.currency)
    previous: Money | None = Money.zero(convert.currency)
    missing = 0
    for record in records:
        total = total + convert(record.value, record.period)
        prior = record.previous
        if prior is None:
            missing += 1
        elif previous is not None:
            previous = previous + convert(prior, record.period.previous_year())
    return FlowSummary(
        flow=flow,
        total=total,
        previous_total=previous if missing == 0 else None,
        record_count=len(records),
        missing_previous=missing,
        enterprise_keys=frozenset(record.enterprise.key for record in records),
        stated_growth=_old_stated_growth(records),
    )


def _old_stated_growth(records: list[TradeRecord]) -> Growth | None:
    """The growth every record states, written the same way, or None."""
    written = {None if r.reported_growth is None else str(r.reported_growth.rate) for r in records}
    if len(written) != 1 or None in written:
        return None
    return records[0].reported_growth


def _old_summary(records: list[TradeRecord], convert: _OldConverter) -> TradeSummary:
    order = {TradeFlow.IMPORT: 0, TradeFlow.EXPORT: 1}
    per_flow: dict[TradeFlow, list[TradeRecord]] = {}
    for record in records:
        per_flow.setdefault(record.flow, []).append(record)
    flows = (_old_flow_summary(f, rs, convert) for f, rs in per_flow.items())
    return TradeSummary(
        currency=convert.currency,
        overall=_old_flow_summary(None, records, convert),
        flows=tuple(sorted(flows, key=lambda f: order[f.flow] if f.flow is not None else 2)),
    )


def old_summarize(
    records: Any, *, currency: str, rates: RateTable | None = None, by: Any = None
) -> TradeSummary:
    """summarize as it was before the one pass (the oracle)."""
    from littlegiants.money import validate_currency

    if rates is not None and not isinstance(rates, RateTable):
        raise InvalidRecordError(rates, "rates must be a RateTable, or None")
    convert = _OldConverter(validate_currency(currency), rates)
    everything = list(items(records, TradeRecord, "records"))
    result = _old_summary(everything, convert)
    if by is None:
        return result
    grouped: dict[str, list[TradeRecord]] = {}
    for record in everything:
        grouped.setdefault(_old_group_key(record, by), []).append(record)
    return attrs.evolve(
        result,
        groups=tuple((key, _old_summary(rs, convert)) for key, rs in sorted(grouped.items())),
    )


def money_bits(money: Money | None) -> object:
    """A Money down to its Decimal's sign, digits and exponent."""
    return None if money is None else (money.currency, money.amount.as_tuple())


def flow_bits(flow: FlowSummary) -> object:
    return (
        flow.flow,
        money_bits(flow.total),
        money_bits(flow.previous_total),
        flow.record_count,
        flow.missing_previous,
        sorted(flow.enterprise_keys),
        None if flow.growth is None else flow.growth.rate.as_tuple(),
    )


def bits(summary: TradeSummary) -> object:
    """Everything a summary holds, each amount bit for bit."""
    return (
        summary.currency,
        flow_bits(summary.overall),
        [flow_bits(flow) for flow in summary.flows],
        [(key, bits(group)) for key, group in summary.groups],
    )


def outcome(run: Callable[[], TradeSummary]) -> tuple[str, object]:
    """What a summary call gives: its bits, or the type and message of the error it raises."""
    try:
        return "summary", bits(run())
    except (LookupError, ValueError, TypeError) as exc:
        return type(exc).__name__, str(exc)


CODES = ("CNY", "USD", "EUR")
#: Rates from a day in 1999 reach every period lg.periods() draws; later ones may miss some.
RATE_DAYS = st.sampled_from([date(1999, 1, 1)]) | st.dates(date(2000, 1, 1), date(2036, 12, 31))


@st.composite
def record_sets(draw: st.DrawFn, min_size: int = 0) -> list[TradeRecord]:
    """Records of a few enterprises (two objects may share a key), in a few currencies.

    Now and then a record is unusual: an amount near the bounds (sums that overflow, prior-year
    values implied beyond them, conversions beyond them), a digit near the finest allowed (a
    conversion finer than the bounds), or a period in year 1 (no prior year).
    """
    firms = draw(st.lists(lg.enterprises(), min_size=1, max_size=4))
    if draw(st.booleans()):
        firms.append(attrs.evolve(firms[0]))  # another object, the same enterprise key
    records = draw(
        st.lists(
            lg.trade_records(enterprise=st.sampled_from(firms), currency=st.sampled_from(CODES)),
            min_size=min_size,
            max_size=12,
        )
    )
    for index in draw(st.lists(st.integers(0, max(len(records) - 1, 0)), max_size=2)):
        if not records:
            break
        record = records[index]
        change = draw(st.sampled_from(["huge", "huge growth", "tiny", "year one"]))
        code = record.value.currency
        if change == "huge":
            records[index] = TradeRecord(
                record.enterprise, record.period, record.flow, Money("6E+30", code)
            )
        elif change == "huge growth":
            records[index] = TradeRecord(
                record.enterprise, record.period, record.flow, Money("6E+30", code), growth="-50%"
            )
        elif change == "tiny":
            records[index] = TradeRecord(
                record.enterprise, record.period, record.flow, Money("1E-63", code)
            )
        else:
            records[index] = attrs.evolve(record, period=Period.year(1))
    return records


@st.composite
def rate_tables_to(draw: st.DrawFn, currency: str, *, complete: bool = False) -> RateTable | None:
    """None, or rates from the other currencies to ``currency`` on a few days.

    A ``complete`` table is never None and has a rate from each other currency on a day in
    1999, so that every record can be converted and most summaries succeed.
    """
    if not complete and draw(st.booleans()):
        return None
    codes = [code for code in CODES if code != currency]
    first = (
        [draw(lg.exchange_rates(base=code, quote=currency, on=date(1999, 1, 1))) for code in codes]
        if complete
        else []
    )
    rates = draw(
        st.lists(
            lg.exchange_rates(base=st.sampled_from(codes), quote=currency, on=RATE_DAYS),
            max_size=6,
            unique_by=lambda rate: (rate.base, rate.on),
        )
    )
    return RateTable(first + [rate for rate in rates if rate.on != date(1999, 1, 1)])


def _by_flow_and_year(record: TradeRecord) -> str:
    return f"{record.flow.value} {record.period.end.year}"


def _not_text(record: TradeRecord) -> Any:
    return record.period.end if record.flow is TradeFlow.EXPORT else "imports"


GROUPINGS: list[Any] = [None, "enterprise", "region", "level", _by_flow_and_year, _not_text, "x"]
HOSTILE = decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR, Emax=5, Emin=-5, traps=[])


class TestOnePass:
    @given(
        records=record_sets(),
        currency=st.sampled_from(CODES),
        by=st.sampled_from(GROUPINGS),
        data=st.data(),
    )
    def test_same_as_the_four_passes(
        self, records: list[TradeRecord], currency: str, by: Any, data: st.DataObject
    ) -> None:
        """The one pass gives the old summaries bit for bit, and the same first error."""
        rates = data.draw(rate_tables_to(currency))
        expected = outcome(lambda: old_summarize(records, currency=currency, rates=rates, by=by))
        actual = outcome(lambda: summarize(records, currency=currency, rates=rates, by=by))
        assert expected == actual

    @given(
        records=record_sets(min_size=1),
        currency=st.sampled_from(CODES),
        by=st.sampled_from(GROUPINGS[:-2]),
        data=st.data(),
    )
    def test_same_totals_when_every_rate_is_there(
        self, records: list[TradeRecord], currency: str, by: Any, data: st.DataObject
    ) -> None:
        """With a rate for every currency and date, mostly summaries: the same, bit for bit."""
        rates = data.draw(rate_tables_to(currency, complete=True))
        expected = outcome(lambda: old_summarize(records, currency=currency, rates=rates, by=by))
        actual = outcome(lambda: summarize(records, currency=currency, rates=rates, by=by))
        assert expected == actual

    @given(records=record_sets(), currency=st.sampled_from(CODES), data=st.data())
    def test_the_callers_decimal_context_plays_no_part(
        self, records: list[TradeRecord], currency: str, data: st.DataObject
    ) -> None:
        """Under a 3-digit context that rounds down and traps nothing, the results are the same."""
        rates = data.draw(rate_tables_to(currency))
        expected = outcome(lambda: summarize(records, currency=currency, rates=rates, by="level"))
        with decimal.localcontext(HOSTILE):
            actual = outcome(lambda: summarize(records, currency=currency, rates=rates, by="level"))
        assert expected == actual

    def test_the_rate_of_a_currency_and_date_is_looked_up_once(self) -> None:
        """A thousand records of one period in dollars cost one rate lookup, not a thousand."""
        table = RateTable([ExchangeRate("USD", "CNY", rate="7.1538", on=date(2022, 10, 31))])
        looked: list[object] = []
        lookup = RateTable.rate

        def counting(self: RateTable, *args: Any, **kwargs: Any) -> ExchangeRate:
            looked.append(args)
            return lookup(self, *args, **kwargs)

        records = [TradeRecord(HOSIN, JAN_OCT_2022, "import", Money(i, "USD")) for i in range(1000)]
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(RateTable, "rate", counting)
            summary = summarize(records, currency="CNY", rates=table)
        assert [("USD", "CNY")] == looked
        assert Money("7.1538", "CNY") * 499500 == summary.total

    def test_a_grouping_function_is_called_once_per_record_in_order(self) -> None:
        """The grouping function sees each record once, in order."""
        seen: list[TradeRecord] = []

        def group(record: TradeRecord) -> str:
            seen.append(record)
            return record.flow.value

        records = hosin_records() * 3
        summary = summarize(records, currency="USD", by=group)
        assert records == seen
        assert ["export", "import"] == [key for key, _ in summary.groups]

    def test_a_missing_rate_comes_before_a_failing_grouping(self) -> None:
        """A record without a rate is reported, not a grouping function that fails on it."""

        def group(record: TradeRecord) -> str:
            raise KeyError(record)

        with pytest.raises(CurrencyMismatchError):
            summarize(hosin_records(), currency="CNY", by=group)
