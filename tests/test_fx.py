"""Tests of littlegiants.fx: explicit, dated, one-way exchange rates and rate tables."""

from __future__ import annotations

import datetime as dt
import pickle
from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from littlegiants._exact import EXACT
from littlegiants.errors import (
    CurrencyMismatchError,
    DivisionByZeroError,
    FloatAmountError,
    InvalidAmountError,
    InvalidRateError,
    LittleGiantsError,
    RateNotFoundError,
    UnknownCurrencyError,
)
from littlegiants.fx import ExchangeRate, RateTable
from littlegiants.money import Money

CURRENCIES = ("CNY", "USD", "JPY", "EUR", "HKD", "KWD")
ARTICLE_DAY = date(2022, 11, 23)
PARITY_DAY = date(2022, 11, 7)

currencies = st.sampled_from(CURRENCIES)
pairs = st.lists(currencies, min_size=2, max_size=2, unique=True)
rate_values = st.decimals(
    min_value=Decimal("0.000001"), max_value=Decimal(1000000), places=6, allow_nan=False
)
amounts = st.decimals(
    min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=4, allow_nan=False
)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def exchange_rates(draw: st.DrawFn) -> ExchangeRate:
    base, quote = draw(pairs)
    source = draw(st.none() | st.text(max_size=20))
    return ExchangeRate(base, quote, rate=draw(rate_values), on=draw(days), source=source)


def seed_rate() -> ExchangeRate:
    return ExchangeRate.implied(
        Money.parse("44.64 billion yuan"),
        Money.parse("US$6.24 billion"),
        on=ARTICLE_DAY,
        source="Shenzhen Daily, 2022-11-23",
    )


def usd_cny(rate: str, on: date) -> ExchangeRate:
    return ExchangeRate("USD", "CNY", rate=rate, on=on)


class TestConstruction:
    def test_fields(self) -> None:
        """Currencies are normalised, the rate kept exactly, the date and source stored."""
        rate = ExchangeRate("usd", "cny", rate="7.2292", on=PARITY_DAY, source="central parity")
        expected = ("USD", "CNY", Decimal("7.2292"), PARITY_DAY, "central parity")
        assert expected == (rate.base, rate.quote, rate.rate, rate.on, rate.source)

    @pytest.mark.parametrize("value", [Decimal("7.2292"), 7, "7.2292", " 7.2292 "])
    def test_accepts_exact_rates(self, value: Decimal | int | str) -> None:
        """Decimal, int and numeric str rates are accepted."""
        assert Decimal(str(value).strip()) == usd_cny(value, PARITY_DAY).rate  # type: ignore[arg-type]

    @pytest.mark.parametrize("value", [7.2292, 1.0, True])
    def test_refuses_floats(self, value: object) -> None:
        """A float or bool rate raises FloatAmountError, a TypeError."""
        with pytest.raises(FloatAmountError) as info:
            ExchangeRate("USD", "CNY", rate=value, on=PARITY_DAY)  # type: ignore[arg-type]
        assert isinstance(info.value, TypeError)
        assert isinstance(info.value, LittleGiantsError)

    @pytest.mark.parametrize("value", [0, "0", "-7.2292", Decimal("-0"), "nan", "inf", "x", None])
    def test_refuses_non_positive_and_junk(self, value: object) -> None:
        """Zero, negative and non-numeric rates raise InvalidRateError naming the value."""
        with pytest.raises(InvalidRateError) as info:
            ExchangeRate("USD", "CNY", rate=value, on=PARITY_DAY)  # type: ignore[arg-type]
        assert isinstance(info.value, ValueError)
        assert repr(value) in str(info.value)

    def test_refuses_same_currency(self) -> None:
        """A rate from a currency to itself is refused."""
        with pytest.raises(InvalidRateError, match="same currency"):
            ExchangeRate("CNY", "cny", rate=1, on=PARITY_DAY)

    def test_refuses_unknown_currency(self) -> None:
        """Currencies are checked against ISO 4217."""
        with pytest.raises(UnknownCurrencyError, match="RMB"):
            ExchangeRate("USD", "RMB", rate=7, on=PARITY_DAY)

    @pytest.mark.parametrize(
        "on", ["2022-11-07", dt.datetime(2022, 11, 7, tzinfo=dt.UTC), None, 20221107]
    )
    def test_refuses_non_dates(self, on: object) -> None:
        """The date must be a datetime.date; a datetime is refused."""
        with pytest.raises(InvalidRateError, match=r"on= must be a datetime\.date"):
            ExchangeRate("USD", "CNY", rate=7, on=on)  # type: ignore[arg-type]

    def test_refuses_non_text_source(self) -> None:
        """The source is text or None."""
        with pytest.raises(InvalidRateError, match="source"):
            ExchangeRate("USD", "CNY", rate=7, on=PARITY_DAY, source=42)  # type: ignore[arg-type]

    def test_rate_and_date_are_keyword_only(self) -> None:
        """Past the two currencies, fields are keyword-only."""
        with pytest.raises(TypeError):
            ExchangeRate("USD", "CNY", 7, PARITY_DAY)  # type: ignore[misc]

    def test_is_frozen_hashable_and_pickles(self) -> None:
        """Rates are immutable, hash by value and pickle."""
        rate = usd_cny("7.2292", PARITY_DAY)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            rate.rate = Decimal(7)  # type: ignore[misc]
        assert {rate} == {usd_cny("7.22920", PARITY_DAY)}
        assert rate == pickle.loads(pickle.dumps(rate))  # noqa: S301 - our own data

    @given(exchange_rates())
    def test_repr_round_trips(self, rate: ExchangeRate) -> None:
        """eval(repr(rate)) rebuilds the rate, source included."""
        namespace = {"ExchangeRate": ExchangeRate, "datetime": dt}
        assert rate == eval(repr(rate), namespace)  # noqa: S307 - our own repr


class TestText:
    def test_str_reads_as_a_sentence(self) -> None:
        """str() says what the rate means: one unit of base in quote, on a date."""
        expected = "1 USD = 7.2292 CNY on 2022-11-07 (parity)"
        assert expected == str(
            ExchangeRate("USD", "CNY", rate="7.2292", on=PARITY_DAY, source="parity")
        )

    @given(exchange_rates())
    def test_str_round_trips(self, rate: ExchangeRate) -> None:
        """parse(str(rate)) rebuilds the rate, source included (any text, parentheses too)."""
        assert rate == ExchangeRate.parse(str(rate))

    @given(
        st.sampled_from(CURRENCIES),
        st.decimals(min_value=Decimal("1E-64"), max_value=Decimal("9" * 31), places=64),
        days,
    )
    def test_str_round_trips_at_the_edges(self, quote: str, value: Decimal, on: date) -> None:
        """The largest and finest rates inside the bounds read back too."""
        base = "USD" if quote != "USD" else "CNY"
        rate = ExchangeRate(base, quote, rate=value, on=on)
        assert rate == ExchangeRate.parse(str(rate))

    @pytest.mark.parametrize(
        "text",
        [
            "USD/CNY 7.2292",
            "1 USD = 7.2292 CNY on 2022-11-07\n",
            "1 USD = 7.2292 CNY on 2022-11-07 parity",
            "1 USD = 7,2292 CNY on 2022-11-07",
            "1 USD = 7.2292E+2 CNY on 2022-11-07",
            "2 USD = 7.2292 CNY on 2022-11-07",
            "1 USD\t= 7.2292 CNY on 2022-11-07",
            "1 USD = ７.２２９２ CNY on 2022-11-07",
            "1 USD = 7.2292 CNY on ２０２２-11-07",
        ],
    )
    def test_refuses_other_forms(self, text: str) -> None:
        """Only the form str() writes is read; the error quotes the text."""
        with pytest.raises(InvalidRateError, match="expected the form") as info:
            ExchangeRate.parse(text)
        assert text == info.value.value

    @pytest.mark.parametrize(
        ("text", "error"),
        [
            ("1 USD = 7.2292 CNY on 2022-02-30", InvalidRateError),
            ("1 USD = 0 CNY on 2022-11-07", InvalidRateError),
            ("1 USD = 7.2292 USD on 2022-11-07", InvalidRateError),
            ("1 USD = 1" + "0" * 40 + " CNY on 2022-11-07", InvalidRateError),
            ("1 USD = 7.2292 XYZ on 2022-11-07", UnknownCurrencyError),
            (None, InvalidRateError),
            ("1" * 2000, InvalidRateError),
        ],
    )
    def test_refuses_impossible_rates(self, text: object, error: type[Exception]) -> None:
        """An impossible date, a rate that is not positive or beyond the bounds is refused."""
        with pytest.raises(error):
            ExchangeRate.parse(text)  # type: ignore[arg-type]


class TestBounds:
    @pytest.mark.parametrize(
        ("value", "problem"),
        [
            ("1E+31", "magnitude"),
            ("1E+9999999999999999999", "magnitude"),  # decimal.Overflow escaped before
            (10**40, "magnitude"),
            ("1E-65", "finer"),
            (Decimal("0.5E-64"), "finer"),
        ],
    )
    def test_refuses_rates_beyond_the_bounds(self, value: object, problem: str) -> None:
        """A rate beyond the bounds raises InvalidRateError with the bound it passes."""
        with pytest.raises(InvalidRateError, match=problem) as info:
            usd_cny(value, PARITY_DAY)  # type: ignore[arg-type]
        assert value is info.value.value

    def test_an_inverse_beyond_the_bounds_raises_ours(self) -> None:
        """1 / 1E-40 is beyond 1E+31: InvalidRateError, not a monster number."""
        with pytest.raises(InvalidRateError, match="magnitude"):
            usd_cny("1E-40", PARITY_DAY).inverse()
        assert Decimal("1E+30") == usd_cny("1E-30", PARITY_DAY).inverse().rate

    def test_an_implied_rate_beyond_the_bounds_raises_ours(self) -> None:
        """Figures whose ratio passes the bounds raise InvalidRateError naming both."""
        value, equivalent = Money("1E+30", "CNY"), Money("1E-30", "USD")
        with pytest.raises(InvalidRateError, match="magnitude") as info:
            ExchangeRate.implied(value, equivalent, on=ARTICLE_DAY)
        assert (value, equivalent) == info.value.value

    def test_an_implied_rate_is_rounded_at_the_finest_digit(self) -> None:
        """A ratio with digits below 1E-64 is rounded there, so it stays a valid rate."""
        rate = ExchangeRate.implied(Money("1E-40", "CNY"), Money(3, "USD"), on=ARTICLE_DAY)
        assert -64 == rate.rate.as_tuple().exponent
        assert rate == ExchangeRate.parse(str(rate))

    def test_a_conversion_beyond_the_bounds_raises_ours(self) -> None:
        """Converting past the bounds of money raises InvalidAmountError."""
        with pytest.raises(InvalidAmountError, match="magnitude"):
            usd_cny("1E+20", PARITY_DAY).convert(Money("1E+20", "USD"))

    @pytest.mark.parametrize("rates", [3, None, usd_cny("7", PARITY_DAY), "rates"])
    def test_a_table_needs_an_iterable(self, rates: object) -> None:
        """A table of something that is not a sequence of rates raises InvalidRateError."""
        with pytest.raises(InvalidRateError, match="iterable"):
            RateTable(rates)  # type: ignore[arg-type]


class TestImplied:
    def test_seed_article(self) -> None:
        """44.64 billion yuan = US$6.24 billion implies 1 USD = 7.153846... CNY."""
        rate = seed_rate()
        expected = (
            "USD",
            "CNY",
            Decimal("7.153846153846153846153846153846154"),
            ARTICLE_DAY,
            "Shenzhen Daily, 2022-11-23",
        )
        assert expected == (rate.base, rate.quote, rate.rate, rate.on, rate.source)

    def test_seed_rate_is_a_spot_level_not_the_annual_average(self) -> None:
        """The implied ~7.15 is near November's parity (7.2292), far from the 2022 average."""
        rate = seed_rate().rate
        average = Decimal("6.726")  # NBS 2022, derived: 85,698 yuan = US$12,741
        assert Decimal("7.15") == rate.quantize(Decimal("0.01"))
        assert abs(rate - Decimal("7.2292")) < abs(rate - average)

    def test_converts_its_figures_back(self) -> None:
        """The implied rate turns the dollar figure back into the yuan figure."""
        converted = seed_rate().convert(Money.parse("US$6.24 billion"))
        assert Money.parse("44.64 billion yuan") == converted.round()

    def test_same_currency(self) -> None:
        """Two figures in one currency imply no rate."""
        with pytest.raises(InvalidRateError, match="same currency"):
            ExchangeRate.implied(Money("2", "CNY"), Money("1", "CNY"), on=ARTICLE_DAY)

    def test_zero_equivalent(self) -> None:
        """A zero equivalent raises DivisionByZeroError."""
        with pytest.raises(DivisionByZeroError):
            ExchangeRate.implied(Money("2", "CNY"), Money("0", "USD"), on=ARTICLE_DAY)

    def test_opposite_signs(self) -> None:
        """Figures of opposite signs imply a negative rate, which is refused."""
        with pytest.raises(InvalidRateError, match="positive"):
            ExchangeRate.implied(Money("-2", "CNY"), Money("1", "USD"), on=ARTICLE_DAY)

    def test_refuses_non_money(self) -> None:
        """Both figures must be Money."""
        with pytest.raises(InvalidRateError, match="two Money"):
            ExchangeRate.implied(Decimal(2), Money("1", "USD"), on=ARTICLE_DAY)  # type: ignore[arg-type]


class TestConvert:
    def test_is_exact(self) -> None:
        """Conversion multiplies exactly, without rounding."""
        expected = Money("709.280", "CNY")
        assert expected == usd_cny("7.15", ARTICLE_DAY).convert(Money("99.2", "USD"))

    def test_one_way_only(self) -> None:
        """A USD->CNY rate refuses CNY, naming both currencies."""
        with pytest.raises(CurrencyMismatchError, match="CNY and USD"):
            usd_cny("7.15", ARTICLE_DAY).convert(Money("1", "CNY"))

    def test_refuses_non_money(self) -> None:
        """Only Money converts."""
        with pytest.raises(InvalidRateError, match="expected Money"):
            usd_cny("7.15", ARTICLE_DAY).convert(Decimal(1))  # type: ignore[arg-type]

    @given(exchange_rates(), amounts, currencies)
    def test_other_currencies_always_raise(
        self, rate: ExchangeRate, amount: Decimal, currency: str
    ) -> None:
        """Converting any currency but the base raises CurrencyMismatchError naming both."""
        money = Money(amount, currency)
        if currency == rate.base:
            assert rate.quote == rate.convert(money).currency
        else:
            with pytest.raises(CurrencyMismatchError) as info:
                rate.convert(money)
            assert currency in str(info.value)
            assert rate.base in str(info.value)


class TestInverse:
    def test_inverse_of_parity(self) -> None:
        """The inverse swaps the currencies, keeps the date and divides to 34 digits."""
        inverse = usd_cny("8", ARTICLE_DAY).inverse()
        expected = ("CNY", "USD", Decimal("0.125"), ARTICLE_DAY)
        assert expected == (inverse.base, inverse.quote, inverse.rate, inverse.on)

    def test_source_says_it_is_an_inverse(self) -> None:
        """The inverse's source names the original rate and its source."""
        expected = "inverse of USD->CNY 7.2292 (central parity)"
        original = ExchangeRate("USD", "CNY", rate="7.2292", on=PARITY_DAY, source="central parity")
        assert expected == original.inverse().source

    def test_source_without_original_source(self) -> None:
        """An inverse of a rate without a source still says it is an inverse."""
        expected = "inverse of USD->CNY 7.2292"
        assert expected == usd_cny("7.2292", PARITY_DAY).inverse().source

    def test_thirty_four_digits(self) -> None:
        """1/7 is rounded to 34 significant digits."""
        expected = Decimal("0.1428571428571428571428571428571429")
        assert expected == usd_cny("7", ARTICLE_DAY).inverse().rate

    @given(exchange_rates(), amounts)
    def test_round_trip_within_34_digits(self, rate: ExchangeRate, amount: Decimal) -> None:
        """Converting and converting back with the inverse returns the amount to 34 digits."""
        money = Money(amount, rate.base)
        back = rate.inverse().convert(rate.convert(money))
        assert money.currency == back.currency
        error = EXACT.abs(EXACT.subtract(back.amount, money.amount))
        assert error <= EXACT.abs(money.amount) * Decimal("1e-33")

    @given(exchange_rates())
    def test_double_inverse_is_close(self, rate: ExchangeRate) -> None:
        """Inverting twice gives the rate back to 34 digits (not exactly: it was rounded)."""
        twice = rate.inverse().inverse()
        assert (rate.base, rate.quote, rate.on) == (twice.base, twice.quote, twice.on)
        assert EXACT.abs(EXACT.subtract(twice.rate, rate.rate)) <= rate.rate * Decimal("1e-33")


class TestRateTableConstruction:
    def test_identical_duplicates_are_kept_once(self) -> None:
        """The same rate twice for a pair and date is not a conflict."""
        first = usd_cny("7.15", ARTICLE_DAY)
        table = RateTable([first, usd_cny("7.150", ARTICLE_DAY)])
        assert [first] == list(table)
        assert len([first]) == len(table)

    def test_conflicting_duplicates_raise(self) -> None:
        """Two different rates for one pair and date raise InvalidRateError naming both."""
        with pytest.raises(InvalidRateError, match="different USD->CNY rate on 2022-11-23") as info:
            RateTable([usd_cny("7.15", ARTICLE_DAY), usd_cny("7.2", ARTICLE_DAY)])
        assert "7.15" in str(info.value)
        assert "7.2" in str(info.value)

    def test_refuses_non_rates(self) -> None:
        """Every item must be an ExchangeRate."""
        with pytest.raises(InvalidRateError, match="expected an ExchangeRate"):
            RateTable([("USD", "CNY", "7.15")])  # type: ignore[list-item]

    def test_iterates_in_pair_and_date_order(self) -> None:
        """Iteration is sorted by base, quote, then date."""
        later, earlier = usd_cny("7.15", ARTICLE_DAY), usd_cny("7.2292", PARITY_DAY)
        inverse = later.inverse()
        table = RateTable([later, inverse, earlier])
        expected = [inverse, earlier, later]
        assert expected == list(table)
        assert len(expected) == len(table)

    def test_empty(self) -> None:
        """An empty table has no rates and converts nothing across currencies."""
        table = RateTable([])
        expected: list[ExchangeRate] = []
        assert expected == list(table)
        with pytest.raises(RateNotFoundError, match="has no USD->CNY rate"):
            table.convert(Money("1", "USD"), "CNY", on=ARTICLE_DAY)

    def test_frozen_hashable_equal_and_pickles(self) -> None:
        """Tables are values: equal by their rates, hashable and picklable."""
        table = RateTable([usd_cny("7.15", ARTICLE_DAY)])
        same = RateTable(iter([usd_cny("7.15", ARTICLE_DAY)]))
        assert {table} == {same}
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            table.rates = ()  # type: ignore[misc]
        restored = pickle.loads(pickle.dumps(table))  # noqa: S301 - our own data
        assert table == restored
        assert Money("7.15", "CNY") == restored.convert(Money(1, "USD"), "CNY", on=ARTICLE_DAY)

    def test_repr_round_trips(self) -> None:
        """eval(repr(table)) rebuilds the table."""
        table = RateTable([seed_rate(), usd_cny("7.2292", PARITY_DAY)])
        namespace = {"RateTable": RateTable, "ExchangeRate": ExchangeRate, "datetime": dt}
        assert table == eval(repr(table), namespace)  # noqa: S307 - our own repr


class TestRateTableLookup:
    table = RateTable([usd_cny("7.2292", PARITY_DAY), seed_rate()])

    def test_same_currency_is_unchanged(self) -> None:
        """Money already in the target currency comes back as it is."""
        money = Money("44640000000", "CNY")
        assert money is self.table.convert(money, "cny", on=ARTICLE_DAY)

    def test_uses_the_rate_of_the_day(self) -> None:
        """On a rate's own date, that rate applies."""
        for day in (PARITY_DAY, ARTICLE_DAY):
            assert day == self.table.rate("USD", "CNY", on=day).on

    def test_uses_the_latest_earlier_rate_not_the_nearest(self) -> None:
        """The day before the article uses the 7 November rate, although the 23rd is nearer."""
        rate = self.table.rate("USD", "CNY", on=ARTICLE_DAY - timedelta(days=1))
        assert Decimal("7.2292") == rate.rate

    def test_converts(self) -> None:
        """Conversion multiplies by the applicable rate."""
        converted = self.table.convert(Money("6.24", "USD"), "CNY", on=date(2022, 11, 8))
        assert Money("45.110208", "CNY") == converted

    def test_before_the_first_rate(self) -> None:
        """Only later rates: RateNotFoundError, a LookupError, names the earliest date."""
        with pytest.raises(RateNotFoundError, match="earliest USD->CNY rate is on 2022-11-07"):
            self.table.convert(Money("1", "USD"), "CNY", on=date(2022, 11, 6))
        assert issubclass(RateNotFoundError, LookupError)

    def test_no_silent_inversion(self) -> None:
        """Only the inverse pair: the error says so and says how to add it."""
        with pytest.raises(RateNotFoundError, match=r"only the inverse USD->CNY.*\.inverse\(\)"):
            self.table.convert(Money("1", "CNY"), "USD", on=ARTICLE_DAY)

    def test_missing_pair(self) -> None:
        """No rate for the pair at all."""
        with pytest.raises(RateNotFoundError, match="has no EUR->CNY rate"):
            self.table.rate("EUR", "CNY", on=ARTICLE_DAY)

    def test_explicit_inverse_then_converts(self) -> None:
        """After adding the inverse explicitly, the other direction converts."""
        table = RateTable([*self.table, seed_rate().inverse()])
        converted = table.convert(Money.parse("44.64 billion yuan"), "USD", on=ARTICLE_DAY)
        assert Money.parse("US$6.24 billion") == converted.round()

    def test_same_currency_rate_lookup_is_refused(self) -> None:
        """Asking for a CNY->CNY rate is an error, not 1."""
        with pytest.raises(InvalidRateError, match="same currency"):
            self.table.rate("CNY", "CNY", on=ARTICLE_DAY)

    @pytest.mark.parametrize("on", ["2022-11-23", dt.datetime(2022, 11, 23, tzinfo=dt.UTC)])
    def test_refuses_non_dates(self, on: object) -> None:
        """The lookup date must be a datetime.date."""
        with pytest.raises(InvalidRateError, match=r"on= must be a datetime\.date"):
            self.table.convert(Money("1", "USD"), "CNY", on=on)  # type: ignore[arg-type]

    def test_refuses_non_money_and_unknown_currency(self) -> None:
        """convert takes Money and an ISO 4217 target."""
        with pytest.raises(InvalidRateError, match="expected Money"):
            self.table.convert(Decimal(1), "CNY", on=ARTICLE_DAY)  # type: ignore[arg-type]
        with pytest.raises(UnknownCurrencyError):
            self.table.convert(Money("1", "USD"), "RMB", on=ARTICLE_DAY)

    @given(
        st.dictionaries(days, rate_values, min_size=1, max_size=12),
        days,
        pairs,
    )
    def test_lookup_is_the_latest_on_or_before(
        self, by_day: dict[date, Decimal], on: date, pair: list[str]
    ) -> None:
        """rate() returns the latest rate dated on or before the day, or raises if none is."""
        base, quote = pair
        table = RateTable(
            ExchangeRate(base, quote, rate=value, on=day) for day, value in by_day.items()
        )
        earlier = [day for day in by_day if day <= on]
        if earlier:
            found = table.rate(base, quote, on=on)
            assert (max(earlier), by_day[max(earlier)]) == (found.on, found.rate)
        else:
            with pytest.raises(RateNotFoundError, match="earliest"):
                table.rate(base, quote, on=on)

    @given(st.lists(exchange_rates(), max_size=8), amounts, pairs, days)
    def test_never_converts_without_a_rate_for_the_pair(
        self, rates: list[ExchangeRate], amount: Decimal, pair: list[str], on: date
    ) -> None:
        """A pair with no rate always raises, whatever else the table holds."""
        base, quote = pair
        kept = [r for r in rates if (r.base, r.quote) != (base, quote)]
        kept_unique = {(r.base, r.quote, r.on): r for r in kept}.values()
        table = RateTable(kept_unique)
        with pytest.raises(RateNotFoundError):
            table.convert(Money(amount, base), quote, on=on)
