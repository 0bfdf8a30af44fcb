"""No result depends on the caller's decimal context (issue 2: the global context is never read).

Each case is computed twice: under the default context and under a hostile one (2 significant
digits, rounding down). Code that let ``decimal`` read the thread's context would round in the
second run; littlegiants computes in its own contexts (``littlegiants._exact``), so both agree.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from datetime import date
from decimal import Decimal, localcontext
from pathlib import Path

import attrs
import pytest

from littlegiants import Designation, Enterprise, FinancialYear, Money, load_policy
from littlegiants.loader import load_profiles


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
