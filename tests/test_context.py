"""No result depends on the caller's decimal context (issue 2: the global context is never read).

Each case is computed twice: under the default context and under a hostile one (2 significant
digits, rounding down). Code that let ``decimal`` read the thread's context would round in the
second run; littlegiants computes in its own contexts (``littlegiants._exact``), so both agree.

The properties at the end (issue 12) draw values at the edges of the bounds and arbitrary text,
and run every value type's constructors, parsers, text forms, arithmetic and formatting under
several hostile contexts: one significant digit, an exponent range of -1 to 1, every trap on,
every trap off with lower-case exponents. The outcomes (results, or the library's own errors
with their messages) must be the same as under the default context, and nothing but a
``LittleGiantsError`` may escape: no ``decimal.Overflow``, ``InvalidOperation`` or the like.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from datetime import date
from decimal import Decimal, localcontext
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from littlegiants import Designation, Enterprise, FinancialYear, Money, load_policy
from littlegiants import strategies as lg
from littlegiants._exact import EXACT, to_decimal, to_figure
from littlegiants.errors import LittleGiantsError
from littlegiants.formatting import format_growth, format_money, format_money_long
from littlegiants.fx import ExchangeRate
from littlegiants.growth import Growth
from littlegiants.loader import load_profiles
from littlegiants.periods import Period


def _percentage_payout() -> object:
    """Pudong's percentage rule at an odd percentage of an odd figure."""
    pudong = load_policy("pudong")
    rules = tuple(
        attrs.evolve(rule, percent=Decimal("12.345")) if rule.percent is not None else rule
        for rule in pudong.rules
    )
    firm = Enterprise(
        "示例浦东有限公司",
        region="310115",
        designations=[Designation("national", date(2023, 8, 1))],
        financials=[FinancialYear(2022, rd_super_deduction=Money("1234567.89", "CNY"))],
    )
    return pudong.evolve(rules=rules).payout(firm).total


def _rounded() -> object:
    return [
        Money("1.005", "CNY").round(),
        Money("2.5", "JPY").round(),
        Money("0.0005", "KWD").round(),
    ]


def _profile_share(folder: Path) -> object:
    path = folder / "profiles.csv"
    path.write_text("name,national_market_share\n甲公司,12.3456%\n", encoding="utf-8")
    return [row.profile.national_market_share for row in load_profiles(path)]


CASES: dict[str, Callable[[Path], object]] = {
    "percentage payout": lambda _: _percentage_payout(),
    "rounding to the minor unit": lambda _: _rounded(),
    "a percentage share read from a file": _profile_share,
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_results_do_not_depend_on_the_callers_context(case: str, tmp_path: Path) -> None:
    """The same computation gives the same result under a 2-digit, round-down context."""
    expected = CASES[case](tmp_path)
    with localcontext(prec=2, rounding=decimal.ROUND_DOWN):
        assert expected == CASES[case](tmp_path)


def test_the_cases_are_worth_checking(tmp_path: Path) -> None:
    """The expected values have more digits than the hostile context keeps, so it would show."""
    assert Money("152407.41", "CNY") == _percentage_payout()  # 12.345% of 1,234,567.89
    assert [Decimal("0.123456")] == _profile_share(tmp_path)


# -- hostile contexts (issue 12) ------------------------------------------------------------------

_SIGNALS = (
    decimal.Clamped,
    decimal.DivisionByZero,
    decimal.Inexact,
    decimal.Rounded,
    decimal.Subnormal,
    decimal.Overflow,
    decimal.Underflow,
    decimal.InvalidOperation,
    decimal.FloatOperation,
)

#: Contexts a caller might have set, each hostile in its own way.
HOSTILE = {
    "one digit, rounding down": decimal.Context(prec=1, rounding=decimal.ROUND_DOWN),
    "exponents from -1 to 1": decimal.Context(prec=3, Emax=1, Emin=-1),
    "every trap on": decimal.Context(prec=2, Emax=2, Emin=-2, traps=list(_SIGNALS)),
    "every trap off, lower case": decimal.Context(prec=1, traps=[], capitals=0, clamp=1),
}

Outcome = tuple[object, ...]


def shown(result: object) -> object:
    """A result as text; a bare Decimal in EXACT's notation, since Decimal's own repr follows
    the current context's ``capitals`` (the library's values do not)."""
    if isinstance(result, tuple):
        return tuple(shown(item) for item in result)
    if isinstance(result, Decimal):
        return ("Decimal", EXACT.to_sci_string(result))
    return (repr(result), str(result))


def outcome(call: Callable[[], object]) -> Outcome:
    """The result of ``call``, or the library error it raised; anything else propagates."""
    try:
        result = call()
    except LittleGiantsError as error:
        return ("error", type(error).__name__, str(error))
    return ("ok", shown(result))


def in_every_context(calls: dict[str, Callable[[], object]]) -> None:
    """Each call has the same outcome under the default context and every hostile one."""
    with localcontext(decimal.Context()):
        expected = {name: outcome(call) for name, call in calls.items()}
    for context in HOSTILE.values():
        with localcontext(context):
            assert expected == {name: outcome(call) for name, call in calls.items()}


#: Money at the edges of the bounds (the largest, the finest), in a few currencies.
edge_money = lg.money(
    currency=st.sampled_from(("CNY", "USD", "JPY", "KWD")),
    places=st.integers(min_value=0, max_value=64),
) | lg.money(currency="CNY", places=64, min_value="-1E-40", max_value="1E-40")
edge_growths = lg.growths(
    min_percent="-" + "9" * 32, max_percent="9" * 32, places=st.integers(min_value=0, max_value=62)
)
#: Text that looks like numbers, amounts and growths, and text that does not.
number_text = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"[-+]?[0-9]{1,40}(\.[0-9]{0,70})?(E[-+]?[0-9]{1,25})?", fullmatch=True),
    st.sampled_from(["NaN", "sNaN", "-Infinity", "1E+999999999", "0E-9999999999999999999"]),
)


class TestHostileContexts:
    @given(edge_money, edge_growths, lg.exchange_rates(), lg.periods())
    def test_values_behave_alike_in_every_context(
        self, money: Money, growth: Growth, rate: ExchangeRate, period: Period
    ) -> None:
        """Text forms, round trips, arithmetic and formatting ignore the caller's context."""
        in_every_context(
            {
                "money": lambda: (str(money), repr(money), Money.parse(str(money))),
                "sum": lambda: money + money - money,
                "product": lambda: money * 7,
                "quotient": lambda: (money / 7, money / Money("0.3", money.currency)),
                "rounded": lambda: (money.round(), money.round(places=-2)),
                "parts": lambda: money.allocate([1, 2, 3]),
                "growth": lambda: (str(growth), repr(growth), Growth.parse(str(growth))),
                "grown": lambda: (growth.apply(money), growth.previous_of(money)),
                "between": lambda: Growth.between(Money(7, money.currency), abs(money)),
                "rate": lambda: (str(rate), ExchangeRate.parse(str(rate)), rate.inverse()),
                "period": lambda: (str(period), Period.parse(str(period))),
                "formatted": lambda: (
                    format_money(money, locale="zh_CN"),
                    format_money(money, locale="en_US", compact=True),
                    format_money_long(money, locale="zh_CN"),
                    format_growth(growth, locale="de_DE", digits=3),
                ),
            }
        )

    @given(number_text)
    def test_reading_text_is_alike_in_every_context(self, text: str) -> None:
        """Reading any text gives the same value or the same library error in every context."""
        in_every_context(
            {
                "to_decimal": lambda: to_decimal(text),
                "to_figure": lambda: to_figure(text),
                "money": lambda: Money(text, "CNY"),
                "parsed money": lambda: Money.parse(text, currency="CNY"),
                "scaled money": lambda: Money.parse(text + "亿元"),
                "percent": lambda: Growth.from_percent(text),
                "growth": lambda: Growth.parse(text + "%"),
                "rate": lambda: ExchangeRate.parse(f"1 USD = {text} CNY on 2022-11-07"),
            }
        )
