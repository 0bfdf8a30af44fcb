"""Tests of littlegiants.money: exactness, currencies, rounding, allocation and parsing."""

from __future__ import annotations

import copy
import decimal
import pickle
from decimal import Decimal, localcontext

import pint
import pytest
from babel.numbers import list_currencies
from hypothesis import given
from hypothesis import strategies as st

from littlegiants import CurrencyMismatchError, LittleGiantsError, Money
from littlegiants import strategies as lg
from littlegiants._exact import (
    EXACT,
    FINENESS_PROBLEM,
    MAGNITUDE_PROBLEM,
    NOT_A_NUMBER,
    bounds_problem,
)
from littlegiants._units import registry
from littlegiants.errors import (
    DivisionByZeroError,
    FloatAmountError,
    InvalidAmountError,
    InvalidArgumentError,
    MoneyParseError,
    UnknownCurrencyError,
    UnknownLocaleError,
)
from littlegiants.money import currency_precision, is_valid_currency, validate_currency

CURRENCIES = ("CNY", "USD", "JPY", "KWD", "EUR", "HKD")
#: Every ISO 4217 code babel knows, for the round trips.
ALL_CURRENCIES = tuple(sorted(list_currencies()))
#: The largest and the finest amounts the bounds allow (littlegiants._exact).
LARGEST = Decimal("9" * 31)
FINEST = Decimal("1E-64")


def moneys(currency: str | None = None) -> st.SearchStrategy[Money]:
    """The library's own money strategy, with more decimals than the minor unit (to round)."""
    return lg.money(
        currency=currency or st.sampled_from(CURRENCIES),
        min_value="-1e15",
        max_value="1e15",
        places=st.integers(min_value=0, max_value=8),
    )


class TestConstruction:
    def test_keeps_the_amount_exactly(self) -> None:
        """The amount is stored as given, trailing zeros included."""
        assert Decimal("1.50") == Money("1.50", "CNY").amount
        assert "1.50" == str(Money("1.50", "CNY").amount)

    @pytest.mark.parametrize("value", [1.5, 0.0, True, False])
    def test_refuses_float_and_bool(self, value: object) -> None:
        """Floats and bools raise a TypeError that says how to pass an exact amount."""
        with pytest.raises(FloatAmountError) as info:
            Money(value, "CNY")  # type: ignore[arg-type]
        assert isinstance(info.value, TypeError)
        assert isinstance(info.value, LittleGiantsError)
        assert "Decimal(" in str(info.value)

    @pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-Infinity", Decimal("nan"), "1,5", ""])
    def test_refuses_non_finite_and_junk(self, value: object) -> None:
        """NaN, infinities and non-numbers raise a ValueError naming the value."""
        with pytest.raises(InvalidAmountError) as info:
            Money(value, "CNY")  # type: ignore[arg-type]
        assert isinstance(info.value, ValueError)
        assert repr(value) in str(info.value)

    def test_refuses_unknown_currency(self) -> None:
        """An unknown ISO code is a ValueError naming the code."""
        with pytest.raises(UnknownCurrencyError, match="'ABC'"):
            Money(1, "ABC")

    def test_lower_case_code_is_normalised(self) -> None:
        """Currency codes are case-insensitive and stored upper-case."""
        assert "CNY" == Money(1, "cny").currency

    @pytest.mark.parametrize("name", ["amount", "currency"])
    def test_is_immutable(self, name: str) -> None:
        """Neither field can be reassigned, and no new attribute can be added."""
        money = Money(1, "CNY")
        with pytest.raises(AttributeError, match=name):
            setattr(money, name, 2)
        with pytest.raises(AttributeError):
            money.note = "x"  # type: ignore[attr-defined]
        money.__init__(2, "USD")  # type: ignore[misc] # the checks live in __new__
        assert (Decimal(1), "CNY") == (money.amount, money.currency)

    def test_copies_are_the_value_itself(self) -> None:
        """Like Decimal, an immutable Money copies to itself."""
        money = Money("1.50", "CNY")
        assert money is copy.copy(money)
        assert money is copy.deepcopy(money)

    def test_matches_by_field(self) -> None:
        """Pattern matching reads amount and currency positionally."""
        match Money("500000", "CNY"):
            case Money(amount, "CNY"):
                assert Decimal(500000) == amount
            case _:
                pytest.fail("a CNY amount did not match")

    def test_is_valid_currency_never_raises(self) -> None:
        """is_valid_currency answers False for junk instead of raising."""
        assert [True, False, False, False] == [
            is_valid_currency(c) for c in ("usd", "XXXX", None, 3)
        ]


class TestArithmetic:
    @pytest.mark.parametrize("other", [1, Decimal(1), "1", None])
    def test_other_operands_are_refused(self, other: object) -> None:
        """Only Money adds to, subtracts from and orders against Money; equality is just False."""
        money = Money(1, "CNY")
        for operation in (
            lambda: money + other,
            lambda: other + money,
            lambda: money - other,
            lambda: money < other,
            lambda: money * Money(1, "CNY"),
        ):
            with pytest.raises(TypeError):
                operation()
        assert money != other
        assert +money is money

    @given(moneys("CNY"), moneys("CNY"))
    def test_addition_commutes(self, a: Money, b: Money) -> None:
        """a + b == b + a within a currency."""
        assert a + b == b + a

    @given(moneys("USD"), moneys("USD"), moneys("USD"))
    def test_addition_associates(self, a: Money, b: Money, c: Money) -> None:
        """(a + b) + c == a + (b + c): addition is exact, so it associates."""
        assert (a + b) + c == a + (b + c)

    @given(moneys(), moneys())
    def test_mixing_currencies_always_raises(self, a: Money, b: Money) -> None:
        """Any operation across currencies raises CurrencyMismatchError naming both."""
        if a.currency == b.currency:
            return
        for operation in (
            lambda: a + b,
            lambda: a - b,
            lambda: a < b,
            lambda: a >= b,
            lambda: a / b,
        ):
            with pytest.raises(CurrencyMismatchError) as info:
                operation()
            assert a.currency in str(info.value)
            assert b.currency in str(info.value)

    def test_addition_ignores_the_global_context(self) -> None:
        """A tiny global precision does not round library arithmetic."""
        with localcontext() as ctx:
            ctx.prec = 2
            total = Money("44640000000", "CNY") + Money("0.01", "CNY")
            product = Money("1.23456789", "CNY") * 3
        assert Decimal("44640000000.01") == total.amount
        assert Decimal("3.70370367") == product.amount

    def test_multiplication_and_division(self) -> None:
        """Money * number and number * Money are exact; Money / Money is a Decimal."""
        assert Money("137500000", "CNY") == Money("500000", "CNY") * 275
        assert Money("137500000", "CNY") == 275 * Money("500000", "CNY")
        assert Decimal(2) == Money("10", "CNY") / Money("5", "CNY")
        assert Money("139500000", "CNY") == Money("44640000000", "CNY") / 320

    def test_division_uses_34_digits(self) -> None:
        """Division rounds to 34 significant digits, independent of the global context."""
        with localcontext() as ctx:
            ctx.prec = 5
            third = Money(1, "CNY") / 3
        assert 34 == len(third.amount.as_tuple().digits)

    def test_division_by_zero(self) -> None:
        """Dividing by zero raises a ZeroDivisionError of ours."""
        with pytest.raises(DivisionByZeroError):
            Money(1, "CNY") / 0
        with pytest.raises(ZeroDivisionError):
            Money(1, "CNY") / Money(0, "CNY")

    def test_float_factor_refused(self) -> None:
        """Multiplying by a float raises, like constructing from one."""
        with pytest.raises(FloatAmountError):
            Money(1, "CNY") * 1.5

    def test_unary_operations(self) -> None:
        """Negation and abs keep the currency."""
        assert Money(-3, "CNY") == -Money(3, "CNY")
        assert Money(3, "CNY") == abs(Money(-3, "CNY"))

    def test_sum_needs_a_start(self) -> None:
        """sum() works from Money.zero and explains itself without one."""
        values = [Money("1.5", "CNY"), Money("2.5", "CNY")]
        assert Money(4, "CNY") == sum(values, Money.zero("CNY"))
        with pytest.raises(TypeError, match=r"Money\.zero"):
            sum(values)
        assert Money(0, "USD") == Money.total([], currency="USD")

    @given(moneys(), moneys())
    def test_equal_values_hash_alike(self, a: Money, b: Money) -> None:
        """Equality is by amount value and currency, and hashing follows it."""
        assert (a == b) == (a.amount == b.amount and a.currency == b.currency)
        rescaled = a * Decimal("1.000")  # the same value with three more trailing zeros
        assert str(rescaled.amount) != str(a.amount)
        assert a == rescaled
        assert hash(a) == hash(rescaled)

    def test_equality_across_currencies_is_false(self) -> None:
        """Equal amounts in different currencies are not equal; hashing follows equality."""
        assert Money(1, "CNY") != Money(1, "USD")
        assert hash(Money("1.0", "CNY")) == hash(Money(1, "CNY"))
        assert len({Money("1.0", "CNY"), Money(1, "CNY"), Money(1, "USD")}) == 2


class TestBounds:
    """Amounts keep to the bounds of littlegiants._exact: below 1E+31, no digit below 1E-64."""

    @pytest.mark.parametrize(
        ("value", "problem"),
        [
            ("1E+999999999", "magnitude"),  # hung in round() before: a billion-digit number
            ("1E+9999999999999999999", "magnitude"),  # beyond decimal's own range: Overflow
            ("1E-9999999999999999999", "exponent"),  # became 0E-1999999999999999997
            ("0E+40", "magnitude"),
            ("1E+31", "magnitude"),
            (Decimal("-1E+31"), "magnitude"),
            (10**31, "magnitude"),
            # refused without converting it (Decimal(10**10**6) takes seconds)
            pytest.param(-(10**10000), "magnitude", id="-10**10000"),
            ("1E-65", "finer"),
            (Decimal("0.5E-64"), "finer"),
            (Decimal("1" + "0" * 200), "magnitude"),
        ],
    )
    def test_refuses_amounts_beyond_the_bounds(self, value: object, problem: str) -> None:
        """Beyond the bounds is InvalidAmountError, naming the value and the limit it passes."""
        with pytest.raises(InvalidAmountError, match=problem) as info:
            Money(value, "CNY")  # type: ignore[arg-type]
        assert value is info.value.value
        assert str(info.value)  # a huge int is described, not converted to text

    @given(
        st.decimals(allow_nan=True, allow_infinity=True)
        | st.builds(
            lambda coefficient, exponent: Decimal(coefficient).scaleb(exponent, context=EXACT),
            st.integers(-(10**100), 10**100),
            st.integers(-200, 60),
        )
    )
    def test_bounds_problem_follows_its_definition(self, value: Decimal) -> None:
        """bounds_problem (a quantize that traps) says what the exponents say."""
        exponent = value.as_tuple().exponent
        if not value.is_finite():
            expected = NOT_A_NUMBER
        elif value.adjusted() > 30 or (isinstance(exponent, int) and exponent > 30):
            expected = MAGNITUDE_PROBLEM
        elif isinstance(exponent, int) and exponent < -64:
            expected = FINENESS_PROBLEM
        else:
            expected = None
        assert expected == bounds_problem(value)

    @pytest.mark.parametrize(
        "value", [LARGEST, LARGEST.copy_negate(), FINEST, Decimal("0E+30"), "0E-64"]
    )
    def test_accepts_the_edges(self, value: object) -> None:
        """The largest and the finest amounts inside the bounds are accepted."""
        assert Decimal(value) == Money(value, "CNY").amount  # type: ignore[arg-type]

    def test_a_sum_beyond_the_bounds_raises_ours(self) -> None:
        """+ and - beyond the bounds raise InvalidAmountError, never decimal.Overflow."""
        big = Money(LARGEST, "CNY")
        with pytest.raises(InvalidAmountError, match="magnitude"):
            big + Money(1, "CNY")
        with pytest.raises(InvalidAmountError, match="magnitude"):
            -big - Money(1, "CNY")
        assert Money("9" * 30 + "8", "CNY") == big - Money(1, "CNY")

    def test_a_total_may_pass_the_bounds_on_the_way(self) -> None:
        """Money.total checks the total, not the running sum; beyond, it raises ours."""
        big = Money(LARGEST, "CNY")
        assert big == Money.total([big, big, -big], currency="CNY")
        with pytest.raises(InvalidAmountError, match="magnitude"):
            Money.total([big, big], currency="CNY")

    def test_a_product_beyond_the_bounds_raises_ours(self) -> None:
        """A product too large, or with a digit too fine, raises InvalidAmountError."""
        with pytest.raises(InvalidAmountError, match="magnitude"):
            Money(LARGEST, "CNY") * 10
        with pytest.raises(InvalidAmountError, match="round an operand first"):
            Money(FINEST, "CNY") * Decimal("0.5")
        with pytest.raises(InvalidAmountError, match="magnitude"):
            Money(1, "CNY") * Decimal("1E+31")

    def test_a_quotient_is_rounded_at_the_finest_digit(self) -> None:
        """Money / number rounds digits finer than 1E-64; a quotient too large raises ours."""
        assert Money(0, "CNY") == Money(FINEST, "CNY") / 3
        assert Money("3.333E-61", "CNY") == Money("1E-30", "CNY") / Decimal("3E+30")
        with pytest.raises(InvalidAmountError, match="magnitude"):
            Money(LARGEST, "CNY") / Decimal("0.1")
        with pytest.raises(InvalidAmountError, match="magnitude"):
            Money(LARGEST, "CNY") / Money(FINEST, "CNY")

    @pytest.mark.parametrize("places", [65, -31, 10**9, -(10**9), True, 2.0, "2"])
    def test_rounding_places_are_bounded(self, places: object) -> None:
        """round(places=) outside -30..64 is InvalidArgumentError, never a billion-digit number."""
        with pytest.raises(InvalidArgumentError, match="places"):
            Money(1, "CNY").round(places=places)  # type: ignore[arg-type]

    def test_rounding_that_carries_past_the_bounds_raises_ours(self) -> None:
        """Rounding 9.9E+30 to 1E+30 would give 1E+31: InvalidAmountError."""
        assert Money("4E+30", "CNY") == Money("4.4E+30", "CNY").round(places=-30)
        with pytest.raises(InvalidAmountError, match="magnitude"):
            Money("9.9E+30", "CNY").round(places=-30)

    @pytest.mark.parametrize("ratio", ["1E+40", Decimal("1E-70"), 10**40, "NaN", Decimal(-1)])
    def test_allocation_ratios_are_bounded(self, ratio: object) -> None:
        """A ratio beyond the bounds, not a number or negative raises InvalidAmountError."""
        with pytest.raises(InvalidAmountError):
            Money(1, "CNY").allocate([1, ratio])  # type: ignore[list-item]

    @pytest.mark.parametrize("amounts", [None, 3, Money(1, "CNY"), "1 CNY"])
    def test_total_needs_an_iterable(self, amounts: object) -> None:
        """Money.total of something that is not a sequence of Money is InvalidAmountError."""
        with pytest.raises(InvalidAmountError, match="iterable") as info:
            Money.total(amounts, currency="CNY")  # type: ignore[arg-type]
        assert amounts is info.value.value

    @pytest.mark.parametrize("ratios", [3, None, "11", Money(1, "CNY")])
    def test_allocation_needs_an_iterable(self, ratios: object) -> None:
        """Ratios that are not a sequence raise InvalidAmountError, not a bare TypeError."""
        with pytest.raises(InvalidAmountError, match="iterable"):
            Money(1, "CNY").allocate(ratios)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("text", "problem"),
        [
            ("9" * 40 + " CNY", "magnitude"),
            ("100000000000000000000000亿元", "magnitude"),  # 1E+23 times 1E+8
            ("0." + "0" * 70 + "1 CNY", "finer"),
        ],
    )
    def test_parse_refuses_amounts_beyond_the_bounds(self, text: str, problem: str) -> None:
        """Money.parse raises MoneyParseError quoting the text and the bound it passes."""
        with pytest.raises(MoneyParseError, match=problem) as info:
            Money.parse(text)
        assert text == info.value.value

    def test_the_bounds_apply_after_the_scale_word(self) -> None:
        """The amount read, scale word included, is what must be inside the bounds."""
        assert Money("1E+30", "CNY") == Money.parse("10000000000000000000000亿元")

    @given(
        lg.money(
            currency=st.sampled_from(ALL_CURRENCIES), places=st.integers(min_value=0, max_value=64)
        )
        | lg.money(
            currency=st.sampled_from(ALL_CURRENCIES),
            places=64,
            min_value="-1E-40",
            max_value="1E-40",
        )
    )
    def test_str_round_trips_at_the_edges(self, money: Money) -> None:
        """str() of any amount in the bounds, in every currency, parses back (large and tiny)."""
        assert money == Money.parse(str(money))
        assert money == eval(repr(money), {"Money": Money})  # noqa: S307

    def test_repr_ignores_the_context(self) -> None:
        """repr() writes the exponent in capitals whatever the caller's context says."""
        with localcontext(decimal.Context(capitals=0)):
            assert "Money('1E+5', 'CNY')" == repr(Money("1E+5", "CNY"))


class TestCleanCodes:
    @pytest.mark.parametrize("code", ["CNY\n", "\tCNY", "C\x00NY", "CNY\u200b", "CN\u00a0Y"])
    def test_currency_codes_refuse_control_characters(self, code: str) -> None:
        """Outer spaces are ignored; a line break, tab, NUL or zero-width space is not."""
        with pytest.raises(UnknownCurrencyError) as info:
            validate_currency(code)
        assert code == info.value.value
        assert not is_valid_currency(code)
        assert "CNY" == validate_currency(" cny ")

    @pytest.mark.parametrize("code", ["ıdr", "ﬆd", "ＣＮＹ"])
    def test_currency_codes_are_ascii(self, code: str) -> None:
        """Text that upper-cases into a code ('ı' to 'I', 'ﬆ' to 'ST') is not that code."""
        assert code.upper() in list_currencies() or code == "ＣＮＹ"
        assert not is_valid_currency(code)
        with pytest.raises(UnknownCurrencyError):
            Money(1, code)

    @pytest.mark.parametrize("text", ["12\tCNY", "12 CNY\u200b", "1\x002 CNY", "12\u2028CNY"])
    def test_parse_refuses_control_characters(self, text: str) -> None:
        """Money.parse ignores outer whitespace, but a control character inside is refused."""
        with pytest.raises(MoneyParseError, match="control character") as info:
            Money.parse(text)
        assert text == info.value.value
        assert Money(12, "CNY") == Money.parse(" 12 CNY\n")

    @pytest.mark.parametrize(
        ("text", "problem"),
        [
            ("44.64 billıon yuan", "scale word"),  # IGNORECASE matched the dotless ı to i
            ("1 renmınbı", "marker"),  # str.upper() made RENMINBI of it
            ("1 ıdr", "marker"),  # and IDR of this
        ],
    )
    def test_parse_reads_only_ascii_words(self, text: str, problem: str) -> None:
        """Scale words and currency words are matched in ASCII, never by Unicode case folding."""
        with pytest.raises(MoneyParseError, match=problem) as info:
            Money.parse(text)
        assert text == info.value.value

    @pytest.mark.parametrize("locale", ["xx_YY", "zh_CN\n", "", "zh-", 3, b"zh_CN", "x" * 200])
    def test_parse_refuses_a_bad_locale_with_our_error(self, locale: object) -> None:
        """A locale babel cannot read is UnknownLocaleError, not babel's own exceptions."""
        with pytest.raises(UnknownLocaleError) as info:
            Money.parse("1,5 €", locale=locale)  # type: ignore[arg-type]
        assert locale == info.value.value

    def test_parse_reads_locales_as_formatting_does(self) -> None:
        """'de-DE' and a babel.Locale are read like 'de_DE'."""
        from babel import Locale

        expected = Money("1234.5", "EUR")
        assert expected == Money.parse("1.234,5 €", locale="de-DE")
        assert expected == Money.parse("1.234,5 €", locale=Locale.parse("de_DE"))


class TestRounding:
    def test_half_up_by_default(self) -> None:
        """The named rounding point rounds half up to the minor unit."""
        assert Money("1.01", "CNY") == Money("1.005", "CNY").round()
        assert Money("0.63", "CNY") == Money("0.625", "CNY").round()

    def test_other_modes_on_request(self) -> None:
        """Any decimal rounding mode can be named; half-even differs on 0.625."""
        assert Money("0.62", "CNY") == Money("0.625", "CNY").round(decimal.ROUND_HALF_EVEN)
        assert Money("0.62", "CNY") == Money("0.629", "CNY").round(decimal.ROUND_DOWN)

    @pytest.mark.parametrize(("code", "places"), [("CNY", 2), ("JPY", 0), ("KWD", 3)])
    def test_minor_units_from_cldr(self, code: str, places: int) -> None:
        """Precision comes from babel: CNY 2, JPY 0, KWD 3."""
        assert places == currency_precision(code)
        assert -places == Money("1.23456", code).round().amount.as_tuple().exponent

    @pytest.mark.parametrize("mode", ["HALF_UP", None, ["ROUND_UP"]])
    def test_unknown_mode(self, mode: object) -> None:
        """An unknown rounding mode is refused with InvalidArgumentError, a ValueError."""
        with pytest.raises(InvalidArgumentError, match="rounding mode") as info:
            Money(1, "CNY").round(mode)  # type: ignore[arg-type]
        assert isinstance(info.value, ValueError)


class TestAllocation:
    @given(
        moneys(),
        st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=12).filter(any),
    )
    def test_parts_sum_exactly_and_stay_within_a_unit(
        self, money: Money, ratios: list[int]
    ) -> None:
        """Parts sum to the rounded amount; each is within one minor unit of its exact share."""
        parts = money.allocate(ratios)
        rounded = money.round()
        assert rounded == Money.total(parts, currency=money.currency)
        unit = Decimal(1).scaleb(-money.precision)
        for part, ratio in zip(parts, ratios, strict=True):
            exact = rounded.amount * Decimal(ratio) / Decimal(sum(ratios))
            assert abs(part.amount - exact) < unit
            if ratio == 0:
                assert part.amount == 0

    def test_ties_go_to_the_earliest_share(self) -> None:
        """With equal remainders the first shares get the extra fen."""
        parts = Money("0.02", "CNY").allocate([1, 1, 1])
        assert [Decimal("0.01"), Decimal("0.01"), Decimal("0.00")] == [p.amount for p in parts]

    def test_negative_amounts_split_symmetrically(self) -> None:
        """A negative amount splits like its absolute value, negated."""
        assert tuple(-p for p in Money("100", "CNY").allocate([1, 2])) == Money(
            "-100", "CNY"
        ).allocate([1, 2])

    @pytest.mark.parametrize("ratios", [[-1, 2], [0, 0], []])
    def test_bad_ratios(self, ratios: list[int]) -> None:
        """Negative or all-zero ratios raise."""
        with pytest.raises(InvalidAmountError):
            Money(1, "CNY").allocate(ratios)

    def test_float_ratio(self) -> None:
        """Float ratios are refused like float amounts."""
        with pytest.raises(FloatAmountError):
            Money(1, "CNY").allocate([0.5, 0.5])


class TestParse:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("44.64 billion yuan", Money("44640000000", "CNY")),
            ("US$6.24 billion", Money("6240000000", "USD")),
            ("US$99.2 million", Money("99200000", "USD")),
            ("US$27.59 million", Money("27590000", "USD")),
            ("446.4亿元", Money("44640000000", "CNY")),
            ("50万元", Money("500000", "CNY")),
            ("¥1.25万", Money("12500", "CNY")),
            ("500,000 yuan", Money("500000", "CNY")),
            ("RMB 3.67 trillion", Money("3670000000000", "CNY")),
            ("CNY 1,234.50", Money("1234.50", "CNY")),
            ("1234.5 USD", Money("1234.5", "USD")),
            ("￥１,０００", Money("1000", "CNY")),
            ("-¥5", Money("-5", "CNY")),
            ("¥12.58 万亿", Money("12580000000000", "CNY")),
            ("CN¥44.64B", Money("44640000000", "CNY")),
        ],
    )
    def test_source_spellings(self, text: str, expected: Money) -> None:
        """Amounts as the seed article and Chinese sources print them."""
        assert expected == Money.parse(text)

    @pytest.mark.parametrize(
        "text",
        [
            "12.5",
            "yuan",
            "1,23.4 yuan",
            "1.2.3 CNY",
            "¥5 USD",
            "5 XYZ",
            "5 dollars euros",
            "--5 CNY",
        ],
    )
    def test_refuses_what_it_cannot_read(self, text: str) -> None:
        """No currency, bad numbers and contradictions raise, quoting the text."""
        with pytest.raises(MoneyParseError) as info:
            Money.parse(text)
        assert repr(text) in str(info.value)
        assert isinstance(info.value, ValueError)

    def test_explicit_currency(self) -> None:
        """A currency from a column header fills in; one that contradicts the text raises."""
        assert Money("12.5", "CNY") == Money.parse("12.5", currency="CNY")
        assert Money("12.5", "CNY") == Money.parse("12.5元", currency="CNY")
        with pytest.raises(MoneyParseError, match="USD"):
            Money.parse("12.5元", currency="USD")

    def test_locale_symbols(self) -> None:
        """With a locale, CLDR's symbols apply: ¥ is JPY in en_US."""
        assert Money(100, "JPY") == Money.parse("¥100", locale="en_US")
        assert Money("1234.5", "EUR") == Money.parse("1.234,5 €", locale="de_DE")

    @given(moneys())
    def test_str_round_trips(self, money: Money) -> None:
        """str() is exact, locale-free text that parse reads back."""
        assert money == Money.parse(str(money))

    @given(moneys())
    def test_repr_round_trips(self, money: Money) -> None:
        """repr() evaluates back to an equal Money."""
        assert money == eval(repr(money), {"Money": Money, "Decimal": Decimal})  # noqa: S307

    @given(moneys())
    def test_pickle_round_trips(self, money: Money) -> None:
        """Money pickles."""
        assert money == pickle.loads(pickle.dumps(money))  # noqa: S301


class TestQuantity:
    def test_round_trip_through_pint(self) -> None:
        """to_quantity and from_quantity preserve amount and currency exactly."""
        money = Money("446.4", "CNY")
        assert money == Money.from_quantity(money.to_quantity())

    def test_unit_algebra(self) -> None:
        """CNY per employee divides and multiplies back to CNY."""
        per_head = Money("5000000", "CNY").to_quantity() / 50
        assert Money("100000", "CNY") == Money.from_quantity(per_head)

    def test_currencies_do_not_mix_in_pint(self) -> None:
        """Each currency has its own dimension, so pint refuses CNY + USD."""
        with pytest.raises(pint.DimensionalityError):
            Money(1, "CNY").to_quantity() + Money(1, "USD").to_quantity()

    def test_non_currency_quantity_refused(self) -> None:
        """A dimensionless or per-something quantity is not money."""
        with pytest.raises(InvalidAmountError):
            Money.from_quantity(registry().Quantity(Decimal(3), "wan"))
        with pytest.raises(InvalidAmountError):
            Money.from_quantity(Money(1, "CNY").to_quantity() / Money(1, "USD").to_quantity())
