"""Tests of littlegiants.growth: exact relative changes, their text forms and their inverses."""

from __future__ import annotations

import pickle
from decimal import Decimal, localcontext

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from littlegiants._exact import DIVISION, EXACT
from littlegiants.errors import (
    CurrencyMismatchError,
    FloatAmountError,
    InvalidAmountError,
    InvalidGrowthError,
    LittleGiantsError,
)
from littlegiants.growth import Growth
from littlegiants.money import Money
from littlegiants.strategies import growths

CURRENCIES = ("CNY", "USD", "JPY", "EUR")

rates = st.decimals(
    min_value=Decimal("-1e6"), max_value=Decimal("1e6"), places=10, allow_nan=False
).map(Growth)
rates_above_minus_one = st.decimals(
    min_value=Decimal("-0.99999999"), max_value=Decimal(1000), places=8, allow_nan=False
).map(Growth)


@st.composite
def amounts_34(draw: st.DrawFn) -> Decimal:
    """Decimals with at most 34 significant digits, small or large.

    Below ``1E+28``, so that growing by up to +1000% stays inside the bounds of every figure.
    """
    coefficient = draw(st.integers(-(10**34) + 1, 10**34 - 1))
    return Decimal(coefficient).scaleb(draw(st.integers(-30, -7)), context=EXACT)


@st.composite
def moneys_34(draw: st.DrawFn) -> Money:
    return Money(draw(amounts_34()), draw(st.sampled_from(CURRENCIES)))


positive_amounts = st.decimals(
    min_value=Decimal("0.0001"), max_value=Decimal("1e15"), places=4, allow_nan=False
)


class TestConstruction:
    def test_rate_is_a_fraction(self) -> None:
        """Decimal('0.11') means +11%."""
        assert Decimal(11) == Growth(Decimal("0.11")).percent

    @pytest.mark.parametrize("value", [0.11, 1.0, True, False])
    def test_refuses_float_and_bool(self, value: object) -> None:
        """A float or bool rate raises FloatAmountError, a TypeError."""
        with pytest.raises(FloatAmountError) as info:
            Growth(value)  # type: ignore[arg-type]
        assert isinstance(info.value, TypeError)
        assert isinstance(info.value, LittleGiantsError)

    @pytest.mark.parametrize("value", [Decimal("nan"), Decimal("inf"), "0.11", "11%", None])
    def test_refuses_non_finite_and_text(self, value: object) -> None:
        """NaN, infinities and text raise InvalidGrowthError naming the value."""
        with pytest.raises(InvalidGrowthError) as info:
            Growth(value)  # type: ignore[arg-type]
        assert isinstance(info.value, ValueError)
        assert repr(value) in str(info.value)

    def test_int_rate(self) -> None:
        """An int rate is a whole multiple: 1 means +100%."""
        assert Growth.parse("+100%") == Growth(1)

    def test_is_frozen_hashable_and_pickles(self) -> None:
        """Growth is immutable, hashes by value and pickles."""
        growth = Growth(Decimal("0.11"))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            growth.rate = Decimal(1)  # type: ignore[misc]
        assert {growth} == {Growth(Decimal("0.110"))}
        assert growth == pickle.loads(pickle.dumps(growth))  # noqa: S301 - our own data


class TestFromPercent:
    @pytest.mark.parametrize(
        ("percent", "rate"),
        [(11, "0.11"), ("109", "1.09"), (Decimal("-3.5"), "-0.035"), ("10.25", "0.1025")],
    )
    def test_scales_by_one_hundred(self, percent: Decimal | int | str, rate: str) -> None:
        """from_percent(11) is a rate of 0.11, exactly."""
        assert Growth(Decimal(rate)) == Growth.from_percent(percent)

    @pytest.mark.parametrize("percent", [11.0, True])
    def test_refuses_floats(self, percent: object) -> None:
        """A float percentage raises FloatAmountError."""
        with pytest.raises(FloatAmountError):
            Growth.from_percent(percent)  # type: ignore[arg-type]

    @pytest.mark.parametrize("percent", ["11%", "abc", "nan", "inf", ""])
    def test_refuses_junk(self, percent: str) -> None:
        """Text that is not a finite number raises InvalidGrowthError quoting it."""
        with pytest.raises(InvalidGrowthError) as info:
            Growth.from_percent(percent)
        assert repr(percent) in str(info.value)


class TestParse:
    @pytest.mark.parametrize(
        ("text", "percent"),
        [
            ("11%", "11"),
            ("+11%", "11"),
            ("up 109%", "109"),
            ("Up 59%", "59"),
            ("down 3.5%", "-3.5"),
            ("-3.5%", "-3.5"),
            ("\N{MINUS SIGN}3.5%", "-3.5"),
            ("增长11%", "11"),
            ("下降3.5%", "-3.5"),
            ("同比增长59%", "59"),
            ("同比下降3.5%", "-3.5"),
            ("同比 增长 59 %", "59"),
            ("11％", "11"),
            ("同比增长59％", "59"),
            ("  +7.9% ", "7.9"),
            (".5%", "0.5"),
            ("0%", "0"),
            ("减少2%", "-2"),
            ("上升10.1%", "10.1"),
        ],
    )
    def test_reads_sources_wording(self, text: str, percent: str) -> None:
        """Signs, English and Chinese direction words and both percent signs are read."""
        assert Growth.from_percent(percent) == Growth.parse(text)

    @pytest.mark.parametrize("text", ["11", "0.11", "up 59", "增长11", ""])
    def test_text_without_percent_sign_is_refused(self, text: str) -> None:
        """A bare number could be a fraction or a percentage, so it is refused, quoted."""
        with pytest.raises(InvalidGrowthError, match="no percent sign") as info:
            Growth.parse(text)
        assert repr(text) in str(info.value)

    @pytest.mark.parametrize(
        "text", ["up -3%", "down +3%", "下降-3%", "+-3%", "11%%", "abc%", "1,000%", "1e3%", "%"]
    )
    def test_refuses_malformed_text(self, text: str) -> None:
        """Contradictory signs and other forms raise InvalidGrowthError quoting the text."""
        with pytest.raises(InvalidGrowthError) as info:
            Growth.parse(text)
        assert repr(text) in str(info.value)

    def test_refuses_non_text_and_long_text(self) -> None:
        """Parse takes short text only."""
        with pytest.raises(InvalidGrowthError, match="expected text"):
            Growth.parse(Decimal("0.11"))  # type: ignore[arg-type]
        with pytest.raises(InvalidGrowthError, match="too long"):
            Growth.parse("1" * 200 + "%")


class TestText:
    @pytest.mark.parametrize(
        ("rate", "text"),
        [
            ("0.11", "+11%"),
            ("0.1025", "+10.25%"),
            ("-0.035", "-3.5%"),
            ("1.09", "+109%"),
            ("0.5", "+50%"),
            ("0", "0%"),
            ("-0", "0%"),
            ("0.110", "+11.0%"),
            ("1E-9", "+0.0000001%"),
        ],
    )
    def test_str_is_exact_and_signed(self, rate: str, text: str) -> None:
        """str() is the exact signed percentage, never rounded."""
        assert text == str(Growth(Decimal(rate)))

    def test_repr(self) -> None:
        """repr() shows the exact rate."""
        expected = "Growth(Decimal('0.59'))"
        assert expected == repr(Growth.parse("up 59%"))

    @given(rates)
    def test_str_parses_back(self, growth: Growth) -> None:
        """parse(str(g)) == g for any rate."""
        assert growth == Growth.parse(str(growth))

    @given(rates)
    def test_repr_round_trips(self, growth: Growth) -> None:
        """eval(repr(g)) == g."""
        assert growth == eval(repr(growth), {"Growth": Growth, "Decimal": Decimal})  # noqa: S307

    @given(rates)
    def test_percent_is_rate_times_one_hundred(self, growth: Growth) -> None:
        """percent is exactly 100 times the rate, never with a positive exponent (5E+1)."""
        assert growth.rate * 100 == growth.percent
        exponent = growth.percent.as_tuple().exponent
        assert isinstance(exponent, int)
        assert exponent <= 0


class TestBounds:
    """A growth's rate keeps to the bounds of littlegiants._exact, and so does its arithmetic."""

    @pytest.mark.parametrize(
        ("value", "problem"),
        [
            (Decimal("1E+31"), "magnitude"),
            (10**31, "magnitude"),
            pytest.param(10**10000, "magnitude", id="10**10000"),
            (Decimal("1E-65"), "finer"),
            (Decimal("1E+999999999"), "magnitude"),
        ],
    )
    def test_refuses_rates_beyond_the_bounds(self, value: object, problem: str) -> None:
        """Growth(rate) beyond the bounds raises InvalidGrowthError with the bound it passes."""
        with pytest.raises(InvalidGrowthError, match=problem) as info:
            Growth(value)  # type: ignore[arg-type]
        assert value is info.value.value

    @pytest.mark.parametrize(
        ("percent", "problem"),
        [
            ("1E+9999999999999999999", "magnitude"),  # decimal.Overflow escaped before
            ("1E-9999999999999999999", "exponent"),
            ("1E+33", "magnitude"),
            ("1E-63", "finer"),  # the rate, 1E-65, is finer than the bounds
            (Decimal("1E+33"), "magnitude"),
        ],
    )
    def test_from_percent_refuses_rates_beyond_the_bounds(
        self, percent: object, problem: str
    ) -> None:
        """from_percent quotes the percentage given and the bound its rate passes."""
        with pytest.raises(InvalidGrowthError, match=problem) as info:
            Growth.from_percent(percent)  # type: ignore[arg-type]
        assert percent is info.value.value

    @pytest.mark.parametrize(
        "text", ["+" + "9" * 40 + "%", "0." + "0" * 70 + "1%", "下降" + "1" * 90 + "%"]
    )
    def test_parse_refuses_rates_beyond_the_bounds(self, text: str) -> None:
        """Long numbers that fit in 100 characters still keep to the bounds."""
        with pytest.raises(InvalidGrowthError, match="outside the bounds") as info:
            Growth.parse(text)
        assert text == info.value.value

    @pytest.mark.parametrize("text", ["1\t1%", "up\u200b 59%", "同比\r\n增长59%", "11\x00%"])
    def test_parse_refuses_control_characters(self, text: str) -> None:
        """Outer whitespace aside, a control character is refused, not skipped."""
        with pytest.raises(InvalidGrowthError, match="control character") as info:
            Growth.parse(text)
        assert text == info.value.value
        assert Growth(Decimal("0.11")) == Growth.parse(" 11%\n")

    def test_arithmetic_beyond_the_bounds_raises_ours(self) -> None:
        """between, apply and previous_of raise library errors past the bounds."""
        with pytest.raises(InvalidGrowthError, match="magnitude"):
            Growth.between(Decimal("1E-30"), Decimal("1E+30"))
        with pytest.raises(InvalidGrowthError, match="magnitude"):
            Growth(Decimal("1E+20")).apply(Decimal("1E+20"))
        with pytest.raises(InvalidAmountError, match="magnitude"):
            Growth(Decimal("1E+20")).apply(Money("1E+20", "CNY"))
        with pytest.raises(InvalidAmountError, match="magnitude"):
            Growth(Decimal("-0.999999999999999999999999")).previous_of(Money("1E+20", "CNY"))
        with pytest.raises(InvalidGrowthError, match="magnitude"):
            Growth.between(Decimal("1E+40"), Decimal(1))

    def test_a_tiny_change_is_rounded_at_the_finest_digit(self) -> None:
        """A change too fine for 1E-64 rounds there (half-even), as a quotient does."""
        growth = Growth.between(Decimal("1E+30"), EXACT.add(Decimal("1E+30"), Decimal("1E-40")))
        assert Growth(0) == growth
        assert growth == Growth.parse(str(growth))

    @given(
        growths(
            min_percent="-" + "9" * 32 + ".99",
            max_percent="9" * 32 + ".99",
            places=st.integers(min_value=0, max_value=62),
        )
        | growths(min_percent="-1E-40", max_percent="1E-40", places=62)
    )
    def test_str_parses_back_at_the_edges(self, growth: Growth) -> None:
        """parse(str(g)) == g for the largest and finest rates, negative ones included."""
        text = str(growth)
        assert len(text) <= 100
        assert growth == Growth.parse(text)
        assert growth == eval(repr(growth), {"Growth": Growth, "Decimal": Decimal})  # noqa: S307


class TestBetween:
    def test_money(self) -> None:
        """Growth between two amounts of one currency."""
        assert Growth.parse("+11%") == Growth.between(Money("100", "CNY"), Money("111", "CNY"))

    def test_numbers(self) -> None:
        """Growth between plain numbers, Decimal or int."""
        assert Growth.parse("-50%") == Growth.between(200, Decimal(100))

    def test_hosin_imports_base(self) -> None:
        """From a base of US$62.4 million, US$99.2 million is up about 59%."""
        growth = Growth.between(Money.parse("US$62.4 million"), Money.parse("US$99.2 million"))
        assert Decimal(59) == growth.percent.quantize(Decimal(1))

    def test_currency_mismatch(self) -> None:
        """Growth between two currencies raises CurrencyMismatchError naming both."""
        with pytest.raises(CurrencyMismatchError, match="CNY and USD"):
            Growth.between(Money("1", "CNY"), Money("2", "USD"))

    @pytest.mark.parametrize(
        ("previous", "current"), [(Money("1", "CNY"), 2), (1, Money("2", "CNY"))]
    )
    def test_money_against_number(self, previous: object, current: object) -> None:
        """Money is never compared with a bare number."""
        with pytest.raises(InvalidGrowthError, match="Money with Money"):
            Growth.between(previous, current)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("previous", "reason"),
        [(0, "zero"), (Decimal("-0"), "zero"), (-5, "negative"), (Money("0", "CNY"), "zero")],
    )
    def test_zero_or_negative_base(self, previous: object, reason: str) -> None:
        """A zero or negative base raises instead of giving infinity or nonsense."""
        current = Money("5", "CNY") if isinstance(previous, Money) else 5
        with pytest.raises(InvalidGrowthError, match=reason):
            Growth.between(previous, current)  # type: ignore[arg-type]

    @pytest.mark.parametrize(("previous", "current"), [(1.0, 2), (1, 2.0), ("1", "2")])
    def test_refuses_floats_and_text(self, previous: object, current: object) -> None:
        """Floats raise FloatAmountError and text raises InvalidGrowthError."""
        with pytest.raises((FloatAmountError, InvalidGrowthError)) as info:
            Growth.between(previous, current)  # type: ignore[arg-type]
        assert isinstance(info.value, FloatAmountError) == (
            isinstance(previous, float) or isinstance(current, float)
        )

    @given(positive_amounts, st.sampled_from(CURRENCIES), rates)
    def test_inverts_apply(self, amount: Decimal, currency: str, growth: Growth) -> None:
        """between(a, g.apply(a)) == g: the rate is recovered exactly."""
        previous = Money(amount, currency)
        assert growth == Growth.between(previous, growth.apply(previous))

    @given(positive_amounts, positive_amounts)
    def test_apply_reaches_current(self, previous: Decimal, current: Decimal) -> None:
        """Applying the growth between two numbers to the first gives the second, to 34 digits.

        The rate carries 34 significant digits, so the error is bounded by the larger figure.
        """
        reached = Growth.between(previous, current).apply(previous)
        bound = max(previous, current) * Decimal("1e-33")
        assert EXACT.abs(EXACT.subtract(reached, current)) <= bound


class TestApplyAndPreviousOf:
    def test_hosin_global_imports(self) -> None:
        """US$99.2 million, up 59%, had a base of about US$62.39 million."""
        previous = Growth.parse("up 59%").previous_of(Money.parse("US$99.2 million"))
        assert Money("62389937.11", "USD") == previous.round()
        assert Money.parse("US$99.2 million") / Decimal("1.59") == previous

    def test_hosin_global_exports(self) -> None:
        """US$27.59 million, up 109%, had a base of about US$13.20 million."""
        previous = Growth.parse("up 109%").previous_of(Money.parse("US$27.59 million"))
        assert Money("13200956.94", "USD") == previous.round()

    def test_apply_is_exact(self) -> None:
        """Applying growth multiplies exactly, without rounding."""
        expected = Money("111.0000000000000000000000000000000000001", "CNY")
        growth = Growth(Decimal("0.110000000000000000000000000000000000001"))
        assert expected == growth.apply(Money("100", "CNY"))

    def test_numbers(self) -> None:
        """Plain numbers work in both directions."""
        growth = Growth.parse("+25%")
        assert Decimal(125) == growth.apply(100)
        assert Decimal(80) == growth.previous_of(Decimal(100))
        expected = "80"
        assert expected == str(growth.previous_of(100))

    def test_previous_prints_without_exponent(self) -> None:
        """A whole base prints as 80, not 8E+1."""
        expected = "Money('80', 'CNY')"
        assert expected == repr(Growth.parse("+25%").previous_of(Money("100", "CNY")))

    def test_minus_100_percent(self) -> None:
        """A fall of 100% leaves zero, and the base cannot be recovered from zero."""
        growth = Growth.parse("-100%")
        assert Money("0", "CNY") == growth.apply(Money("7", "CNY"))
        with pytest.raises(InvalidGrowthError, match="100%"):
            growth.previous_of(Money("0", "CNY"))

    @pytest.mark.parametrize("value", [1.5, True, "100", None])
    def test_refuses_non_numbers(self, value: object) -> None:
        """Floats raise FloatAmountError; other types raise InvalidGrowthError."""
        growth = Growth.parse("+10%")
        for method in (growth.apply, growth.previous_of):
            with pytest.raises((FloatAmountError, InvalidGrowthError)):
                method(value)  # type: ignore[operator]

    @given(moneys_34(), rates_above_minus_one)
    def test_previous_of_inverts_apply(self, money: Money, growth: Growth) -> None:
        """g.previous_of(g.apply(x)) == x for any x of at most 34 significant digits."""
        assert money == growth.previous_of(growth.apply(money))

    @given(amounts_34(), rates_above_minus_one)
    def test_previous_of_inverts_apply_for_numbers(self, value: Decimal, growth: Growth) -> None:
        """The same holds for plain numbers."""
        assert value == growth.previous_of(growth.apply(value))


class TestGlobalContext:
    def test_results_ignore_the_global_context(self) -> None:
        """A low-precision global context changes no result."""
        imports = Money.parse("US$99.2 million")
        growth = Growth.parse("up 59%")
        expected = (
            growth.previous_of(imports),
            Growth.between(Money("62.4", "USD"), imports),
            Growth.cagr(100, 133, years=3),
            growth.apply(Money("62389937.106918238993710691823899", "USD")),
        )
        with localcontext() as ctx:
            ctx.prec = 3
            actual = (
                growth.previous_of(imports),
                Growth.between(Money("62.4", "USD"), imports),
                Growth.cagr(100, 133, years=3),
                growth.apply(Money("62389937.106918238993710691823899", "USD")),
            )
        assert expected == actual


class TestPointsAbove:
    def test_yuan_versus_dollar_growth(self) -> None:
        """Jan–Apr 2022: +10.1% in dollars is 2.2 points above +7.9% in yuan."""
        assert Decimal("2.2") == Growth.parse("+10.1%").points_above(Growth.parse("+7.9%"))

    def test_negative_difference(self) -> None:
        """A lower growth is below, by a negative number of points."""
        assert Decimal(-50) == Growth.parse("+59%").points_above(Growth.parse("+109%"))

    def test_refuses_non_growth(self) -> None:
        """points_above takes a Growth."""
        with pytest.raises(InvalidGrowthError, match="expected a Growth"):
            Growth.parse("+1%").points_above(Decimal("0.01"))  # type: ignore[arg-type]

    @given(rates, rates)
    def test_is_the_percent_difference(self, first: Growth, second: Growth) -> None:
        """points_above is first.percent - second.percent, antisymmetric."""
        assert first.percent - second.percent == first.points_above(second)
        assert -first.points_above(second) == second.points_above(first)


class TestOrdering:
    def test_by_rate(self) -> None:
        """Growths order by rate."""
        assert Growth.parse("-3.5%") < Growth.parse("+11%") < Growth.parse("+109%")
        assert max(Growth.parse("+59%"), Growth.parse("+109%")) == Growth.parse("+109%")

    def test_equality_ignores_trailing_zeros(self) -> None:
        """+11% and +11.0% are equal."""
        assert Growth.parse("+11.0%") == Growth.parse("+11%")

    def test_not_equal_to_numbers(self) -> None:
        """A growth is not its bare rate."""
        assert Growth(Decimal("0.11")) != Decimal("0.11")

    @given(rates, rates)
    def test_matches_rate_order(self, first: Growth, second: Growth) -> None:
        """first < second exactly when first.rate < second.rate."""
        assert (first.rate < second.rate) == (first < second)
        assert (first.rate == second.rate) == (first == second)


class TestCagr:
    def test_exact_square_root(self) -> None:
        """100 to 121 over two years is 10% a year."""
        assert Growth.parse("+10%") == Growth.cagr(
            Money("100", "CNY"), Money("121", "CNY"), years=2
        )

    def test_one_year_is_plain_growth(self) -> None:
        """Over one year the CAGR is the growth between the figures."""
        assert Growth.between(62, 99) == Growth.cagr(62, 99, years=1)

    def test_three_years(self) -> None:
        """100 to 133.1 over three years is 10% a year."""
        assert Growth.parse("+10%") == Growth.cagr(100, Decimal("133.1"), years=3)

    def test_fall_to_zero(self) -> None:
        """Ending at zero is a fall of 100% a year."""
        assert Growth.parse("-100%") == Growth.cagr(100, 0, years=3)

    @pytest.mark.parametrize("years", [0, -1, True, 1.5, "3"])
    def test_refuses_bad_years(self, years: object) -> None:
        """years must be a positive int."""
        with pytest.raises(InvalidGrowthError, match="years must be"):
            Growth.cagr(100, 121, years=years)  # type: ignore[arg-type]

    @pytest.mark.parametrize(("first", "last"), [(0, 121), (-100, 121), (100, -1)])
    def test_refuses_non_positive_start_and_negative_end(self, first: int, last: int) -> None:
        """A zero or negative first figure, or a negative last one, raises."""
        with pytest.raises(InvalidGrowthError):
            Growth.cagr(first, last, years=2)

    def test_currency_mismatch(self) -> None:
        """Two currencies raise CurrencyMismatchError."""
        with pytest.raises(CurrencyMismatchError):
            Growth.cagr(Money("1", "CNY"), Money("2", "USD"), years=2)

    @given(positive_amounts, positive_amounts, st.integers(1, 10))
    def test_compounds_back_to_last(self, first: Decimal, last: Decimal, years: int) -> None:
        """Applying the CAGR years times to the first figure gives the last, to ~32 digits."""
        assume(last / first < Decimal("1e12"))
        growth = Growth.cagr(first, last, years=years)
        value = first
        for _ in range(years):  # rounded to 34 digits, a named point, to stay a bounded figure
            value = DIVISION.plus(growth.apply(value))
        bound = years * max(first, last) * Decimal("1e-32")
        assert EXACT.abs(EXACT.subtract(value, last)) <= bound
