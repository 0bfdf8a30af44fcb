"""Tests of littlegiants.money: exactness, currencies, rounding, allocation and parsing."""

from __future__ import annotations

import copy
import decimal
import pickle
from decimal import Decimal, localcontext

import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

from littlegiants import CurrencyMismatchError, LittleGiantsError, Money
from littlegiants import strategies as lg
from littlegiants._units import registry
from littlegiants.errors import (
    DivisionByZeroError,
    FloatAmountError,
    InvalidAmountError,
    MoneyParseError,
    UnknownCurrencyError,
)
from littlegiants.money import currency_precision, is_valid_currency

CURRENCIES = ("CNY", "USD", "JPY", "KWD", "EUR", "HKD")


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

    def test_unknown_mode(self) -> None:
        """An unknown rounding mode is refused."""
        with pytest.raises(ValueError, match="rounding mode"):
            Money(1, "CNY").round("HALF_UP")


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
