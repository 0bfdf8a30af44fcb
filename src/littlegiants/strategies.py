"""Hypothesis strategies for every littlegiants value, so property tests draw only valid data.

`Hypothesis <https://hypothesis.readthedocs.io/>`_ tests a property ("allocation sums exactly",
"a payout never depends on input order") against many generated values and shrinks a failure to
a minimal example. It can only do that with values the library accepts: left to infer from type
hints, ``st.from_type`` ignores the validators of attrs classes and draws mostly invalid records.
The strategies here draw values that every validator accepts, shaped like the programme's data:

- money in real ISO 4217 currencies, exact ``Decimal`` amounts at the currency's minor unit
  (never a float);
- GB/T 2260 divisions taken from the bundled division table, and Unified Social Credit Codes
  (GB 32100-2015) whose division characters name such a region and whose check characters are
  right: position 17 by GB 11714, position 18 by python-stdnum's ``calc_check_digit``;
- designations valid for their term, with re-reviews (复核) after the award on distinct days and a
  revocation after both; MIIT batch numbers and the key (重点) tier for national ones only;
- enterprises, trade records whose prior-year value and growth agree, payments, and incentive
  policies with every kind of rule.

Each argument takes a value or a strategy of values, as in ``hypothesis.extra``: ``money("CNY")``
and ``money(currencies(codes=["CNY", "USD"]))`` both work. Bad arguments raise littlegiants' own
errors (``UnknownCurrencyError``, ``InvalidAmountError``, ``InvalidPeriodError`` ...).

Importing this module imports hypothesis, which is an optional dependency (the ``testing`` extra);
``import littlegiants`` never does. With the ``hypothesis`` entry point installed,
``st.from_type(Money)`` uses these strategies too (see :mod:`littlegiants._hypothesis`).

>>> from hypothesis import find
>>> find(money("CNY", min_value=1), lambda m: True)
Money('1.00', 'CNY')
>>> find(money("JPY", min_value="0.5"), lambda m: True)
Money('1', 'JPY')
>>> find(credit_codes(region="440300"), lambda c: True).division_code
'440300'
>>> national = find(designations(level="national"), lambda d: d.batch is not None)
>>> national.batch in range(1, 8), national.awarded_on.year == 2018 + national.batch
(True, True)
>>> money("RMB")
Traceback (most recent call last):
...
littlegiants.errors.UnknownCurrencyError: Unknown currency 'RMB': expected an ISO 4217 code ...
>>> growths(min_percent=10, max_percent=5)
Traceback (most recent call last):
...
littlegiants.errors.InvalidGrowthError: Invalid growth (Decimal('10'), Decimal('5')): ...

More information:

- Hypothesis strategies and ``register_type_strategy``:
  https://hypothesis.readthedocs.io/en/latest/reference/strategies.html
- Hypothesis runs the ``hypothesis`` entry points on import (added in 5.29.0):
  https://github.com/HypothesisWorks/hypothesis/blob/master/hypothesis-python/src/hypothesis/entry_points.py
- GB 32100-2015 structure and the GB 11714 check on position 17 (project domain facts §5.2–5.3):
  http://coloradmin.cn/o/878512.html ; http://www.51517777.com/post/31787.html
- python-stdnum, ``stdnum/cn/uscc.py``: https://github.com/arthurdejong/python-stdnum/
- Designation validity and re-review under 工信部企业〔2022〕63号: https://ctoutiao.com/3152928.html
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import operator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, TypeAlias, TypeVar, get_args

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from littlegiants._exact import EXACT, MAX_ADJUSTED_EXPONENT, to_decimal
from littlegiants.batches import miit_batches
from littlegiants.credit import ENTITY_TYPES, CreditCode
from littlegiants.designation import Designation, DesignationLevel, ReReview
from littlegiants.enterprise import Enterprise, Relocation
from littlegiants.errors import (
    CurrencyMismatchError,
    FloatAmountError,
    InvalidAmountError,
    InvalidCreditCodeError,
    InvalidGrowthError,
    InvalidPeriodError,
    InvalidRateError,
    InvalidRecordError,
)
from littlegiants.financials import (
    Award,
    ChuangkePlacing,
    FinancialYear,
    MoneyFigure,
    ProductField,
    Profile,
)
from littlegiants.fx import ExchangeRate, RateTable
from littlegiants.growth import Growth
from littlegiants.money import Money, currency_precision, validate_currency
from littlegiants.periods import Period
from littlegiants.policy import (
    FIGURES,
    Combination,
    EventKind,
    IncentivePolicy,
    Payment,
    RegionAmount,
    Rule,
    RuleKind,
    Source,
    SourceKind,
    rule_kinds,
)
from littlegiants.regions import Region, coerce_region, region_codes
from littlegiants.trade import TradeFlow, TradeRecord

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "DEFAULT_CURRENCIES",
    "credit_codes",
    "currencies",
    "designation_levels",
    "designations",
    "enterprises",
    "exchange_rates",
    "financial_years",
    "growths",
    "incentive_policies",
    "money",
    "payments",
    "periods",
    "policy_rules",
    "profiles",
    "rate_tables",
    "regions",
    "relocations",
    "trade_records",
]

_T = TypeVar("_T")
#: A value, or a strategy that draws such values (the ``hypothesis.extra`` convention).
_Or: TypeAlias = _T | SearchStrategy[_T]
_Number: TypeAlias = Money | Decimal | int | str

#: The currencies :func:`currencies` draws by default: the yuan, the currencies customs figures
#: and firms' trade are reported in, and two with other minor units (JPY 0, KWD 3 digits).
DEFAULT_CURRENCIES: Final = ("CNY", "USD", "HKD", "EUR", "JPY", "KWD")

#: Positions 9–18 of a credit code: digits and capitals other than I, O, S, V, Z (§5.2).
_USCC_ALPHABET: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"
#: Weights of GB 11714 over the 8 characters before its check character (domain facts §5.3).
_GB11714_WEIGHTS: Final = (3, 7, 9, 10, 5, 8, 4, 2)
#: Positions 1–2 that python-stdnum accepts (digits only) and the standard names (§5.2).
_PREFIXES: Final = tuple(
    authority + kind
    for authority, kinds in ENTITY_TYPES.items()
    for kind in kinds
    if (authority + kind).isdigit()
)
#: Financial figures a percentage rule may read that ``FinancialYear`` holds as money.
_MONEY_FIGURES: Final = tuple(sorted(FIGURES & set(get_args(MoneyFigure))))
_CONFIDENCES: Final = ("High", "Med-High", "Med", "Low-Med", "Low")
_FIRST_DAY: Final = dt.date(2018, 1, 1)
_LAST_DAY: Final = dt.date(2030, 12, 31)
_MAX_FIGURE: Final = 10**10
#: Every amount's magnitude is below this (littlegiants._exact.MAX_ADJUSTED_EXPONENT).
_LIMIT: Final = Decimal(10 ** (MAX_ADJUSTED_EXPONENT + 1))
_MAX_REWARD: Final = 5_000_000
_ONE_DAY: Final = dt.timedelta(days=1)

_cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_words = st.text(
    st.characters(categories=("L", "N"), codec="utf-8"), min_size=1, max_size=12
).filter(str.strip)


def _as_strategy(value: _Or[_T]) -> SearchStrategy[_T]:
    """Return ``value`` if it is a strategy, else a strategy that always draws it."""
    if isinstance(value, SearchStrategy):
        return value
    return st.just(value)


def _sometimes(draw: st.DrawFn, one_in: int = 4) -> bool:
    """Draw ``True`` about once in ``one_in`` draws; shrinks to ``False``."""
    return draw(st.integers(1, one_in)) == one_in


def _maybe(draw: st.DrawFn, strategy: SearchStrategy[_T]) -> _T | None:
    """Draw ``None`` or a value; shrinks to ``None``."""
    return draw(st.none() | strategy)


# -- values -------------------------------------------------------------------------------------


def currencies(codes: Iterable[str] | None = None) -> SearchStrategy[str]:
    """Draw ISO 4217 codes that babel (CLDR) knows.

    Args:
        codes: the codes to draw from (case-insensitive); by default
            :data:`DEFAULT_CURRENCIES`.

    Returns:
        A strategy of upper-case codes; it shrinks towards the first code given.

    Raises:
        UnknownCurrencyError: a code is not an ISO 4217 code.
        InvalidRecordError: ``codes`` is empty.
    """
    chosen = DEFAULT_CURRENCIES if codes is None else tuple(codes)
    if not chosen:
        raise InvalidRecordError(chosen, "codes= must name at least one currency")
    return st.sampled_from(tuple(dict.fromkeys(validate_currency(code) for code in chosen)))


def _number(value: object, name: str) -> Decimal:
    if isinstance(value, float | bool):
        raise FloatAmountError(value)
    number = to_decimal(value)
    if number is None:
        raise InvalidAmountError(value, f"{name} must be Money, a Decimal, an int or a numeric str")
    return number


def _amount_bound(value: object, currency: str, name: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, Money):
        if value.currency != currency:
            raise CurrencyMismatchError(currency, value.currency, "compare")
        return value.amount
    return _number(value, name)


def _places(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidAmountError(value, "places must be a whole number of digits, 0 or more")
    return value


def _units(
    draw: st.DrawFn, low: Decimal | None, high: Decimal | None, places: int
) -> Decimal | None:
    """Draw a multiple of ``10**-places`` in ``[low, high]``; ``None`` when there is none."""
    first = None if low is None else math.ceil(low.scaleb(places, context=EXACT))
    last = None if high is None else math.floor(high.scaleb(places, context=EXACT))
    if first is not None and last is not None and first > last:
        return None
    return Decimal(draw(st.integers(first, last))).scaleb(-places, context=EXACT)


@st.composite
def _money(
    draw: st.DrawFn,
    currency: SearchStrategy[str],
    min_value: SearchStrategy[_Number | None],
    max_value: SearchStrategy[_Number | None],
    places: SearchStrategy[int | None],
) -> Money:
    code = validate_currency(draw(currency))
    low = _amount_bound(draw(min_value), code, "min_value")
    high = _amount_bound(draw(max_value), code, "max_value")
    given = draw(places)
    digits = currency_precision(code) if given is None else _places(given)
    if low is not None and high is not None and low > high:
        raise InvalidAmountError((low, high), "min_value is above max_value")
    # No side goes past the bounds every amount keeps (magnitude below 1E+31, littlegiants._exact).
    largest = EXACT.subtract(_LIMIT, Decimal(1).scaleb(-digits, context=EXACT))
    low = EXACT.minus(largest) if low is None else max(low, EXACT.minus(largest))
    high = largest if high is None else min(high, largest)
    amount = _units(draw, low, high, digits)
    if amount is None:
        raise InvalidAmountError(
            (low, high), f"no amount with {digits} decimal places lies between the bounds"
        )
    return Money(amount, code)


def money(
    currency: _Or[str] | None = None,
    min_value: _Or[_Number] | None = None,
    max_value: _Or[_Number] | None = None,
    places: _Or[int] | None = None,
) -> SearchStrategy[Money]:
    """Draw exact amounts of money, at the currency's minor unit unless told otherwise.

    Amounts are ``Decimal`` multiples of ``10**-places``, written with exactly ``places``
    decimals (``Money('1.00', 'CNY')``); a float never comes near them. Unbounded sides reach
    the bounds every amount keeps (a magnitude below ``1E+31``): pass ``min_value=0`` for
    amounts that cannot be negative.

    Args:
        currency: an ISO 4217 code, or a strategy of codes; by default :func:`currencies`.
        min_value: the smallest amount (inclusive): Money of the drawn currency, a ``Decimal``,
            an ``int`` or a numeric ``str``.
        max_value: the largest amount (inclusive), likewise.
        places: decimal places; by default the currency's minor unit (CLDR: CNY 2, JPY 0).

    Returns:
        A strategy of :class:`~littlegiants.money.Money`; it shrinks towards zero.

    Raises:
        UnknownCurrencyError: ``currency`` is not an ISO 4217 code.
        FloatAmountError: a bound is a ``float``.
        InvalidAmountError: a bound is not a number, ``min_value`` is above ``max_value``, or no
            amount with that many places lies between them (raised when drawing if they are
            strategies).
        CurrencyMismatchError: a Money bound is in another currency than the one drawn.
    """
    if isinstance(currency, str):
        currency = validate_currency(currency)
    return _money(
        currencies() if currency is None else _as_strategy(currency),
        _as_strategy(min_value),
        _as_strategy(max_value),
        _as_strategy(places),
    )


def exchange_rates(
    base: _Or[str] | None = None,
    quote: _Or[str] | None = None,
    on: _Or[dt.date] | None = None,
) -> SearchStrategy[ExchangeRate]:
    """Draw dated, positive exchange rates between two different currencies.

    Rates have up to 6 decimal places and run from 0.000001 to 100,000, enough for any pair
    (1 JPY in KWD to 1 KWD in JPY); the source is ``None`` or a short name.

    Args:
        base: the currency converted from, or a strategy; by default :func:`currencies`.
        quote: the currency converted to, or a strategy; never the same as ``base``.
        on: the rate's date, or a strategy; by default a day from 2018 to 2030.

    Returns:
        A strategy of :class:`~littlegiants.fx.ExchangeRate`.

    Raises:
        UnknownCurrencyError: ``base`` or ``quote`` is not an ISO 4217 code.
        InvalidRateError: ``base`` and ``quote`` are given and equal.
    """
    if isinstance(base, str) and isinstance(quote, str):
        base, quote = validate_currency(base), validate_currency(quote)
        if base == quote:
            raise InvalidRateError(f"{base}->{quote}", "base and quote are the same currency")
    return _exchange_rates(
        currencies() if base is None else _as_strategy(base),
        currencies() if quote is None else _as_strategy(quote),
        st.dates(_FIRST_DAY, _LAST_DAY) if on is None else _as_strategy(on),
        fixed_quote=quote is not None and not isinstance(quote, SearchStrategy),
    )


@st.composite
def _exchange_rates(
    draw: st.DrawFn,
    base: SearchStrategy[str],
    quote: SearchStrategy[str],
    on: SearchStrategy[dt.date],
    *,
    fixed_quote: bool,
) -> ExchangeRate:
    if fixed_quote:
        to = validate_currency(draw(quote))
        start = validate_currency(draw(base.filter(lambda code: validate_currency(code) != to)))
    else:
        start = validate_currency(draw(base))
        to = validate_currency(draw(quote.filter(lambda code: validate_currency(code) != start)))
    rate = draw(st.decimals(min_value=Decimal("0.000001"), max_value=Decimal(100_000), places=6))
    source = _maybe(draw, _words)
    return ExchangeRate(start, to, rate=rate, on=draw(on), source=source)


def rate_tables(
    base: _Or[str] | None = None,
    quote: _Or[str] | None = None,
    *,
    min_size: int = 0,
    max_size: int = 8,
) -> SearchStrategy[RateTable]:
    """Draw rate tables: at most one rate per pair and date, so no two rates conflict.

    Args:
        base: passed to :func:`exchange_rates` for every rate.
        quote: likewise.
        min_size: the fewest rates.
        max_size: the most rates.

    Returns:
        A strategy of :class:`~littlegiants.fx.RateTable`.
    """
    rates = st.lists(
        exchange_rates(base, quote),
        min_size=min_size,
        max_size=max_size,
        unique_by=lambda rate: (rate.base, rate.quote, rate.on),
    )
    return rates.map(RateTable)


def _percent_bound(value: object, name: str) -> Decimal | None:
    return None if value is None else _number(value, name)


@st.composite
def _growths(
    draw: st.DrawFn,
    min_percent: SearchStrategy[Decimal | int | str | None],
    max_percent: SearchStrategy[Decimal | int | str | None],
    places: SearchStrategy[int],
) -> Growth:
    digits = _places(draw(places))
    low = _percent_bound(draw(min_percent), "min_percent")
    high = _percent_bound(draw(max_percent), "max_percent")
    step = Decimal(1).scaleb(-digits, context=EXACT)
    low = EXACT.add(Decimal(-100), step) if low is None else low
    high = Decimal(1000) if high is None else high
    percent = _units(draw, low, high, digits)
    if percent is None:
        raise InvalidGrowthError((low, high), f"no percentage with {digits} places lies between")
    return Growth.from_percent(percent)


def growths(
    min_percent: _Or[Decimal | int | str] | None = None,
    max_percent: _Or[Decimal | int | str] | None = None,
    *,
    places: _Or[int] = 2,
) -> SearchStrategy[Growth]:
    """Draw growths as sources print them: a percentage with up to ``places`` decimals.

    By default the rate is above -100% (the base can be recovered with ``previous_of``) and at
    most +1000%.

    Args:
        min_percent: the lowest percentage, inclusive; by default just above -100.
        max_percent: the highest percentage, inclusive; by default 1000.
        places: decimal places of the percentage (2 gives ``+10.25%``).

    Returns:
        A strategy of :class:`~littlegiants.growth.Growth`; it shrinks towards 0%.

    Raises:
        InvalidGrowthError: ``min_percent`` is above ``max_percent``.
        InvalidAmountError: a bound is not a number, or ``places`` is not a count.
    """
    low = None if isinstance(min_percent, SearchStrategy) else min_percent
    high = None if isinstance(max_percent, SearchStrategy) else max_percent
    if low is not None and high is not None:
        first, last = _number(low, "min_percent"), _number(high, "max_percent")
        if first > last:
            raise InvalidGrowthError((first, last), "min_percent is above max_percent")
    return _growths(_as_strategy(min_percent), _as_strategy(max_percent), _as_strategy(places))


def _year_bound(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= dt.MAXYEAR:
        raise InvalidPeriodError(value, "a year bound must be a whole number from 1 to 9999")
    return value


@st.composite
def _periods(
    draw: st.DrawFn, min_year: SearchStrategy[int], max_year: SearchStrategy[int]
) -> Period:
    low, high = _year_bound(draw(min_year)), _year_bound(draw(max_year))
    if low > high:
        raise InvalidPeriodError(f"{low}..{high}", "min_year is after max_year")
    shape = draw(st.sampled_from(("month", "year-to-date", "year", "span")))
    year = draw(st.integers(low, high))
    if shape == "month":
        return Period.month(year, draw(st.integers(1, 12)))
    if shape == "year-to-date":
        return Period.year_to_date(year, draw(st.integers(1, 12)))
    if shape == "year":
        return Period.year(year)
    last = dt.date(high, 12, 31)
    start = draw(st.dates(dt.date(low, 1, 1), last))
    return Period(start, draw(st.dates(start, last)))


def periods(min_year: _Or[int] = 2000, max_year: _Or[int] = 2035) -> SearchStrategy[Period]:
    """Draw periods: calendar months, year-to-date spans (Jan–Oct), whole years, any day spans.

    Args:
        min_year: the first year a period may start in.
        max_year: the last year a period may end in.

    Returns:
        A strategy of :class:`~littlegiants.periods.Period`; it shrinks towards a January.

    Raises:
        InvalidPeriodError: a bound is not a year from 1 to 9999, or ``min_year`` is after
            ``max_year`` (when drawing if they are strategies).
    """
    if not isinstance(min_year, SearchStrategy) and not isinstance(max_year, SearchStrategy):
        low, high = _year_bound(min_year), _year_bound(max_year)
        if low > high:
            raise InvalidPeriodError(f"{low}..{high}", "min_year is after max_year")
    return _periods(_as_strategy(min_year), _as_strategy(max_year))


# -- places and codes -----------------------------------------------------------------------------


@functools.cache
def _codes_within(container: str) -> tuple[str, ...]:
    area = Region(container)
    return tuple(code for code in region_codes() if Region(code).within(area))


def regions(within: _Or[Region | str] | None = None) -> SearchStrategy[Region]:
    """Draw GB/T 2260 divisions from the bundled data (python-stdnum's ``cn/loc.dat``).

    Args:
        within: a region (or its code, or a strategy of either); only divisions inside it, or it
            itself, are drawn. By default any division, abolished ones included.

    Returns:
        A strategy of :class:`~littlegiants.regions.Region`.

    Raises:
        UnknownRegionError: ``within`` is not a known division.
    """
    if within is None:
        return st.sampled_from(region_codes()).map(Region)
    if not isinstance(within, SearchStrategy):
        return st.sampled_from(_codes_within(coerce_region(within).code)).map(Region)
    return within.flatmap(
        lambda area: st.sampled_from(_codes_within(coerce_region(area).code)).map(Region)
    )


def _gb11714_check(body: str) -> str:
    """The GB 11714 check character over 8 characters (domain facts §5.3)."""
    total = sum(int(char, 36) * weight for char, weight in zip(body, _GB11714_WEIGHTS, strict=True))
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def _prefix(value: object) -> str:
    if not (isinstance(value, str) and len(value) == 2 and value.isascii() and value.isdigit()):
        raise InvalidCreditCodeError(
            value, "format check failed, positions 1–2 must be two digits, e.g. '91'"
        )
    return value


@st.composite
def _credit_codes(
    draw: st.DrawFn, region: SearchStrategy[Region | str], prefix: SearchStrategy[str]
) -> CreditCode:
    from stdnum.cn import uscc  # noqa: PLC0415 - stdnum loads on first use, as in credit.py

    head = _prefix(draw(prefix))
    division = coerce_region(draw(region)).code
    body = draw(st.text(_USCC_ALPHABET, min_size=8, max_size=8))
    first = head + division + body + _gb11714_check(body)
    return CreditCode(first + str(uscc.calc_check_digit(first)))


def credit_codes(
    region: _Or[Region | str] | None = None, *, prefix: _Or[str] | None = None
) -> SearchStrategy[CreditCode]:
    """Draw valid Unified Social Credit Codes (统一社会信用代码).

    Characters 3–8 are a region's division code, 9–17 an organisation code with its GB 11714
    check character, and 18 the check character python-stdnum computes, so the codes pass every
    check python-stdnum makes and the embedded one it does not.

    Args:
        region: the registering authority's region (a :class:`~littlegiants.regions.Region`, its
            code, or a strategy); by default any division in the data.
        prefix: positions 1–2, two digits (python-stdnum accepts no letters there); by default
            one of the authority and type pairs of GB 32100 (``91`` is an enterprise registered
            with market regulation).

    Returns:
        A strategy of :class:`~littlegiants.credit.CreditCode`.

    Raises:
        UnknownRegionError: ``region`` is not a known division (when drawing).
        InvalidCreditCodeError: ``prefix`` is not two digits (when drawing).
    """
    return _credit_codes(
        regions() if region is None else _as_strategy(region),
        st.sampled_from(_PREFIXES) if prefix is None else _as_strategy(prefix),
    )


# -- designations ---------------------------------------------------------------------------------


def designation_levels() -> SearchStrategy[DesignationLevel]:
    """Draw designation levels; shrinks towards ``MUNICIPAL``, the lowest.

    Returns:
        A strategy of :class:`~littlegiants.designation.DesignationLevel`.
    """
    return st.sampled_from(DesignationLevel)


def _anniversary(start: dt.date, years: int) -> dt.date:
    """As :mod:`littlegiants.designation` counts terms: 29 February maps to 1 March."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return dt.date(start.year + years, 3, 1)


def _window(value: object) -> tuple[dt.date, dt.date]:
    if not (isinstance(value, tuple) and len(value) == 2):
        raise InvalidPeriodError(value, "awarded_between must be a (start, end) pair of dates")
    start, end = value
    for day in (start, end):
        if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
            raise InvalidPeriodError(day, "awarded_between must hold datetime.date values")
    if end < start:
        raise InvalidPeriodError(f"{start}..{end}", "awarded_between ends before it starts")
    return start, end


def _re_reviews(draw: st.DrawFn, awarded: dt.date, valid_years: int) -> list[ReReview]:
    """0–3 re-reviews: most near the end of a term, some anywhere later; distinct days."""
    days: set[dt.date] = set()
    for term in range(1, draw(st.integers(0, 3)) + 1):
        boundary = _anniversary(awarded, term * valid_years)
        last = boundary.toordinal() - 1
        near = st.integers(last - 119, last).map(dt.date.fromordinal)
        anywhere = st.dates(awarded + _ONE_DAY, _anniversary(boundary, 2))
        days.add(max(draw(near | anywhere), awarded + _ONE_DAY))
    return [ReReview(on=day, passed=draw(st.booleans())) for day in sorted(days)]


def _batch_of(year: int) -> int | None:
    return next((batch.number for batch in miit_batches() if batch.year == year), None)


@st.composite
def _designations(
    draw: st.DrawFn,
    level: SearchStrategy[DesignationLevel | str],
    awarded_between: SearchStrategy[tuple[dt.date, dt.date]],
) -> Designation:
    tier = DesignationLevel.parse(draw(level))
    start, end = _window(draw(awarded_between))
    awarded = draw(st.dates(start, end))
    valid_years = draw(st.just(3) | st.integers(1, 6))
    reviews = _re_reviews(draw, awarded, valid_years)
    revoked = None
    if _sometimes(draw, 5):
        after = max([awarded, *(review.on for review in reviews)]) + _ONE_DAY
        revoked = draw(st.dates(after, _anniversary(after, 6)))
    national = tier is DesignationLevel.NATIONAL
    batch = _batch_of(awarded.year) if national and draw(st.booleans()) else None
    authority = _maybe(
        draw,
        st.just("工业和信息化部") if national else _words.map(lambda w: f"{w}工业和信息化局"),
    )
    return Designation(
        tier,
        awarded,
        authority=authority,
        batch=batch,
        valid_years=valid_years,
        re_reviews=reviews,
        revoked_on=revoked,
        key=national and _sometimes(draw),
    )


def designations(
    level: _Or[DesignationLevel | str] | None = None,
    awarded_between: _Or[tuple[dt.date, dt.date]] = (_FIRST_DAY, _LAST_DAY),
) -> SearchStrategy[Designation]:
    """Draw designations that satisfy every check of :class:`~littlegiants.designation.Designation`.

    Terms are 3 years half the time and 1–6 otherwise. Up to three re-reviews (复核) follow the
    award on distinct days, most shortly before a term ends, some at any later date (a review
    after a lapse, which extends nothing), each passed or failed. About one in five designations
    is revoked, after the award and every re-review. National ones get the MIIT batch of their
    award year now and then (1st batch 2019 … 7th 2025, see :mod:`littlegiants.batches`), and
    are sometimes key (重点) little giants; other levels never have either.

    Args:
        level: the level (or its name, or a strategy); by default any.
        awarded_between: the first and last possible award dates, inclusive; by default
            2018-01-01 to 2030-12-31.

    Returns:
        A strategy of :class:`~littlegiants.designation.Designation`.

    Raises:
        InvalidLevelError: ``level`` is not a level (when drawing).
        InvalidPeriodError: ``awarded_between`` is not two dates in order (when drawing).
    """
    return _designations(
        designation_levels() if level is None else _as_strategy(level),
        _as_strategy(awarded_between),
    )


_any_designation = designations


# -- financials and enterprises -------------------------------------------------------------------


def _figure(draw: st.DrawFn, currency: str, high: Money | int = _MAX_FIGURE) -> Money | None:
    return _maybe(draw, money(currency, min_value=0, max_value=high))


@st.composite
def _financial_years(
    draw: st.DrawFn, year: SearchStrategy[int], currency: SearchStrategy[str]
) -> FinancialYear:
    code = validate_currency(draw(currency))
    operating = _figure(draw, code)
    assets = _figure(draw, code)
    staff = _maybe(draw, st.integers(0, 5000))
    return FinancialYear(
        draw(year),
        operating_revenue=operating,
        main_business_revenue=_figure(draw, code, _MAX_FIGURE if operating is None else operating),
        rd_expense=_figure(draw, code),
        rd_staff=_maybe(draw, st.integers(0, 5000 if staff is None else staff)),
        staff=staff,
        total_assets=assets,
        total_liabilities=_figure(draw, code),
        equity_financing=_figure(draw, code),
        rd_super_deduction=_figure(draw, code),
        central_funds_received=_figure(draw, code),
    )


def financial_years(
    year: _Or[int] | None = None, currency: _Or[str] = "CNY"
) -> SearchStrategy[FinancialYear]:
    """Draw one year's figures, each known or ``None``, all in one currency.

    Money figures are 0 to 10 billion; main-business revenue never exceeds operating revenue and
    R&D staff never exceed total staff when both are known.

    Args:
        year: the calendar year, or a strategy; by default 2015 to 2030.
        currency: the currency of every money figure, or a strategy.

    Returns:
        A strategy of :class:`~littlegiants.financials.FinancialYear`.
    """
    return _financial_years(
        st.integers(2015, 2030) if year is None else _as_strategy(year), _as_strategy(currency)
    )


@st.composite
def _profiles(draw: st.DrawFn) -> Profile:
    class1 = _maybe(draw, st.integers(0, 50))
    claim = st.just(False) if class1 == 0 else st.booleans()  # noqa: FBT003 - a value to draw
    institution = _maybe(draw, st.booleans())
    years = st.integers(2015, 2030)
    awards = st.builds(
        Award, st.sampled_from(("national", "provincial")), st.integers(1, 10), years
    )
    placings = st.builds(
        ChuangkePlacing, years, st.sampled_from((500, 50, 100)).map(lambda n: f"{n}强")
    )
    field = _maybe(draw, st.sampled_from(ProductField))
    catalogue = st.booleans()
    if field is ProductField.STRATEGIC_EMERGING:
        catalogue = st.just(True)  # noqa: FBT003 - a value to draw
    elif field is ProductField.OTHER:
        catalogue = st.just(False)  # noqa: FBT003 - a value to draw
    return Profile(
        years_in_niche=_maybe(draw, st.integers(0, 30)),
        national_market_share=_maybe(draw, st.decimals(0, 1, places=4)),
        class1_ip_count=class1,
        class2_ip_count=_maybe(draw, st.integers(0, 200)),
        high_value_class1_ip=_maybe(draw, claim),
        self_developed_class1_ip=_maybe(draw, claim),
        rd_institution=institution,
        rd_institution_level=None
        if institution is False
        else _maybe(draw, st.sampled_from(("national", "provincial", "municipal"))),
        management_certification=_maybe(draw, st.booleans()),
        product_certification_developed_market=_maybe(draw, st.booleans()),
        own_brand=_maybe(draw, st.booleans()),
        science_awards=_maybe(draw, st.lists(awards, max_size=2)),
        chuangke_placings=_maybe(draw, st.lists(placings, max_size=2)),
        main_product_field=field,
        in_strategic_emerging_catalogue=_maybe(draw, catalogue),
        information_systems=_maybe(draw, st.integers(0, 20)),
        honours=_maybe(draw, st.lists(_words, max_size=3)),
        supply_chain_role=_maybe(draw, st.booleans()),
        independent_legal_person=_maybe(draw, st.booleans()),
        sme_by_size_rules=_maybe(draw, st.booleans()),
        abnormal_operations_listed=_maybe(draw, st.booleans()),
        single_champion=_maybe(draw, st.booleans()),
        little_giant_control=_maybe(draw, st.booleans()),
        little_giant_group_peer=_maybe(draw, st.booleans()),
        serious_dishonesty_listed=_maybe(draw, st.booleans()),
        restricted_products=_maybe(draw, st.booleans()),
        major_accident_in_3_years=_maybe(draw, st.booleans()),
        tax_evasion_in_3_years=_maybe(draw, st.booleans()),
    )


def profiles() -> SearchStrategy[Profile]:
    """Draw non-financial profiles: each fact known or ``None``, never contradicting another.

    Returns:
        A strategy of :class:`~littlegiants.financials.Profile`.
    """
    return _profiles()


_company_names = st.builds(
    "{}{}".format,
    st.text(_cjk, min_size=2, max_size=8),
    st.sampled_from(("科技有限公司", "有限公司", "股份有限公司", "电子有限公司")),
)


def relocations(
    to_region: _Or[Region | str] | None = None,
    on: _Or[dt.date] | None = None,
) -> SearchStrategy[Relocation]:
    """Draw moves of a registered seat: a date, the region left (or unknown) and another region.

    Args:
        to_region: the region moved to (a Region, its code, or a strategy); by default any
            division.
        on: the date of the move, or a strategy; by default a day from 2018 to 2030.

    Returns:
        A strategy of :class:`~littlegiants.enterprise.Relocation`; about one in four comes from
        an unknown place (``from_region=None``), the others from a different division.

    Raises:
        UnknownRegionError: ``to_region`` is not a known division.

    >>> from hypothesis import find
    >>> move = find(relocations("440106"), lambda m: m.from_region is not None)
    >>> move.to_region, move.from_region != move.to_region
    (Region('440106'), True)
    """
    destination: SearchStrategy[Region]
    if to_region is None:
        destination = regions()
    elif isinstance(to_region, SearchStrategy):
        destination = to_region.map(coerce_region)
    else:
        destination = st.just(coerce_region(to_region))
    return _relocation(
        destination, st.dates(_FIRST_DAY, _LAST_DAY) if on is None else _as_strategy(on)
    )


@st.composite
def _relocation(
    draw: st.DrawFn, destination: SearchStrategy[Region], on: SearchStrategy[dt.date]
) -> Relocation:
    to = draw(destination)
    origin = (
        None if _sometimes(draw) else draw(regions().filter(functools.partial(operator.ne, to)))
    )
    return Relocation(draw(on), origin, to)


def _relocations(draw: st.DrawFn, region: Region) -> list[Relocation]:
    """0–2 moves that end in ``region``, each from the region of the move before."""
    if not _sometimes(draw):
        return []
    count = draw(st.integers(1, 2))
    days = sorted(
        draw(st.lists(st.dates(_FIRST_DAY, _LAST_DAY), min_size=count, max_size=count, unique=True))
    )
    moves: list[Relocation] = []
    to = region
    for day in reversed(days):
        origin = draw(regions().filter(functools.partial(operator.ne, to)))
        moves.append(Relocation(day, origin, to))
        to = origin
    if _sometimes(draw):
        first = moves[-1]
        moves[-1] = Relocation(first.on, None, first.to_region)
    return moves


@st.composite
def _enterprises(
    draw: st.DrawFn,
    region: SearchStrategy[Region | str | None],
    designations: SearchStrategy[Iterable[Designation]],
    currency: SearchStrategy[str],
) -> Enterprise:
    place = draw(region)
    area = None if place is None else coerce_region(place)
    code = None
    if area is not None and draw(st.booleans()):
        code = draw(credit_codes(area, prefix="91"))
    # With a code, the region is sometimes left to Enterprise to read from it; passing
    # region=None explicitly would mean "unknown" instead.
    where = {} if code is not None and draw(st.booleans()) else {"region": area}
    code_currency = validate_currency(draw(currency))
    return Enterprise(
        draw(_company_names),
        credit_code=code,
        **where,
        english_name=_maybe(draw, _words.map(lambda w: f"{w} Co., Ltd.")),
        industry=_maybe(draw, _words),
        designations=tuple(draw(designations)),
        relocations=[] if area is None else _relocations(draw, area),
        financials=draw(
            st.lists(
                financial_years(currency=code_currency), max_size=3, unique_by=lambda f: f.year
            )
        ),
        profile=_maybe(draw, profiles()),
    )


def enterprises(
    region: _Or[Region | str] | None = None,
    designations: _Or[Iterable[Designation]] | None = None,
    currency: _Or[str] = "CNY",
) -> SearchStrategy[Enterprise]:
    """Draw enterprises with Chinese names, perhaps a credit code, designations and figures.

    A credit code, when drawn, registers the firm in its region (characters 3–8); sometimes only
    the code is passed and :class:`~littlegiants.enterprise.Enterprise` reads the region from
    it. A quarter of the firms moved in (one or two relocations ending in their region, the first
    perhaps from an unknown place); financial years are unique, and a profile is known or not.

    Args:
        region: the registered region (a Region, its code, or a strategy); by default any
            division, or now and then unknown (no region and no credit code).
        designations: the designations, or a strategy of sequences of them; by default 0–4
            drawn by :func:`designations`.
        currency: the currency of the financial figures.

    Returns:
        A strategy of :class:`~littlegiants.enterprise.Enterprise`.
    """
    return _enterprises(
        st.none() | regions() if region is None else _as_strategy(region),
        st.lists(_any_designation(), max_size=4)
        if designations is None
        else _as_strategy(designations),
        _as_strategy(currency),
    )


# -- trade ----------------------------------------------------------------------------------------


def _agreeing_pair(draw: st.DrawFn, code: str) -> tuple[Money, Money, Growth]:
    """A prior-year value, a value grown from it, and the growth stated as a source rounds it."""
    unit = Decimal(1).scaleb(-currency_precision(code), context=EXACT)
    previous = draw(money(code, min_value=unit, max_value=_MAX_FIGURE))
    value = draw(growths()).apply(previous).round()
    implied = Growth.between(previous, value).percent
    stated = implied.quantize(Decimal(1).scaleb(-draw(st.integers(0, 2))), context=EXACT)
    return value, previous, Growth.from_percent(stated)


@st.composite
def _trade_records(
    draw: st.DrawFn, enterprise: SearchStrategy[Enterprise], currency: SearchStrategy[str]
) -> TradeRecord:
    firm = draw(enterprise)
    code = validate_currency(draw(currency))
    shape = draw(st.sampled_from(("neither", "previous", "growth", "both")))
    value = draw(money(code, min_value=0, max_value=_MAX_FIGURE))
    previous: Money | None = None
    growth: Growth | None = None
    if shape == "previous":
        previous = draw(money(code, min_value=0, max_value=_MAX_FIGURE))
    elif shape == "growth":
        growth = draw(growths())
    elif shape == "both":
        value, previous, growth = _agreeing_pair(draw, code)
    return TradeRecord(
        firm,
        draw(periods()),
        draw(st.sampled_from(TradeFlow)),
        value,
        previous=previous,
        growth=growth,
        source=_maybe(draw, _words),
    )


def trade_records(
    enterprise: _Or[Enterprise] | None = None, currency: _Or[str] | None = None
) -> SearchStrategy[TradeRecord]:
    """Draw trade records: a value of 0 or more, with a prior-year value, a growth, both or neither.

    When both are given they agree as a source prints them: the value is the prior-year value
    grown by a drawn growth (rounded to the minor unit), and the stated growth is the implied one
    rounded to 0–2 decimal places of a percent.

    Args:
        enterprise: the trading enterprise, or a strategy; by default :func:`enterprises`.
        currency: the currency of the values, or a strategy; by default :func:`currencies`.

    Returns:
        A strategy of :class:`~littlegiants.trade.TradeRecord`.
    """
    return _trade_records(
        enterprises() if enterprise is None else _as_strategy(enterprise),
        currencies() if currency is None else _as_strategy(currency),
    )


# -- policies and payments ------------------------------------------------------------------------


@st.composite
def _payments(
    draw: st.DrawFn,
    enterprise: SearchStrategy[Enterprise | str],
    policy: SearchStrategy[IncentivePolicy | None],
    currency: SearchStrategy[str],
) -> Payment:
    firm = draw(enterprise)
    scheme = draw(policy)
    if scheme is None:
        policy_id = draw(st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True))
        code = validate_currency(draw(currency))
        level = draw(designation_levels())
        event = draw(st.sampled_from(EventKind))
        key = level is DesignationLevel.NATIONAL and _sometimes(draw)
    else:
        rule = draw(st.sampled_from(scheme.rules))
        policy_id, code = scheme.id, scheme.currency
        level, event, key = rule.level, rule.event_kind, rule.key
    return Payment(
        enterprise=firm,
        policy_id=policy_id,
        level=level,
        amount=draw(money(code, min_value=0, max_value=_MAX_REWARD)),
        paid_on=draw(st.dates(_FIRST_DAY, _LAST_DAY)),
        event=event,
        key=key,
    )


def payments(
    enterprise: _Or[Enterprise | str] | None = None,
    policy: _Or[IncentivePolicy] | None = None,
    currency: _Or[str] = "CNY",
) -> SearchStrategy[Payment]:
    """Draw ledger entries: rewards already paid, as the payout engine checks them.

    Args:
        enterprise: the firm paid (an Enterprise, its key, or a strategy); by default
            :func:`enterprises`.
        policy: the policy paid under; the level, event and key tier then come from one of its
            rules and the amount is in its currency. By default a made-up policy id, any level
            and event, and ``currency``.
        currency: the currency of the amount when no policy is given.

    Returns:
        A strategy of :class:`~littlegiants.policy.Payment`.
    """
    return _payments(
        enterprises() if enterprise is None else _as_strategy(enterprise),
        _as_strategy(policy),
        _as_strategy(currency),
    )


def _region_amounts(code: str, jurisdiction: Region) -> SearchStrategy[RegionAmount]:
    return st.builds(
        RegionAmount,
        regions=st.lists(regions(within=jurisdiction) | regions(), min_size=1, max_size=3).map(
            tuple
        ),
        amount=money(code, min_value=0, max_value=_MAX_REWARD),
        label=st.none() | _words,
    )


@st.composite
def _policy_rules(
    draw: st.DrawFn,
    kind: SearchStrategy[RuleKind | str],
    level: SearchStrategy[DesignationLevel | str],
    currency: SearchStrategy[str],
    jurisdiction: SearchStrategy[Region | str],
) -> Rule:
    trigger = rule_kinds()[str(draw(kind))]
    tier = DesignationLevel.parse(draw(level))
    code = validate_currency(draw(currency))
    place = coerce_region(draw(jurisdiction))
    share = trigger.requires_share
    last_batch = miit_batches()[-1].number
    batches = st.lists(st.integers(1, last_batch), min_size=1, max_size=3, unique=True)
    fields: dict[str, Any] = {
        "id": f"{trigger.kind}-{tier.value}-{draw(st.integers(0, 99))}",
        "level": tier,
        "amount": draw(money(code, min_value=0, max_value=_MAX_REWARD)),
        "up_to": draw(st.booleans()),
        "by_region": tuple(draw(st.lists(_region_amounts(code, place), max_size=2))),
        "percent": draw(st.decimals(0, 100, places=2)) if share else None,
        "figure": draw(st.sampled_from(_MONEY_FIGURES)) if share else None,
        "quote": _maybe(draw, _words),
        "note": _maybe(draw, _words),
    }
    if "key" in trigger.file_keys():  # a rule about a designation: a key tier, MIIT batches
        fields["key"] = tier is DesignationLevel.NATIONAL and _sometimes(draw, 3)
        fields["batches"] = tuple(sorted(draw(batches))) if _sometimes(draw) else ()
    return trigger(**fields)


def policy_rules(
    kind: _Or[RuleKind | str] | None = None,
    level: _Or[DesignationLevel | str] | None = None,
    *,
    currency: _Or[str] = "CNY",
    jurisdiction: _Or[Region | str] | None = None,
) -> SearchStrategy[Rule]:
    """Draw the rules of an incentive policy, as a policy file could state them.

    A rule pays ``amount`` (0 to 5,000,000; "up to" or not) for an event at one level; national
    rules are sometimes for key (重点) little giants only. Up to two regional amounts replace it
    for firms in listed regions (mostly inside ``jurisdiction``); a quarter of the rules are
    limited to MIIT batches. A percentage rule pays 0–100% of a money figure of
    ``FinancialYear``, capped at ``amount``. Ids read ``kind-level-n``; draw several with
    ``unique_by=lambda rule: rule.id``.

    Args:
        kind: what triggers the rule (:class:`~littlegiants.policy.RuleKind` or its value), or a
            strategy; by default any.
        level: the designation level, or a strategy; by default any.
        currency: the currency of the amounts.
        jurisdiction: the policy's region, near which regional amounts are drawn; by default
            any division.

    Returns:
        A strategy of :class:`~littlegiants.policy.Rule`.
    """
    return _policy_rules(
        st.sampled_from(list(rule_kinds())) if kind is None else _as_strategy(kind),
        designation_levels() if level is None else _as_strategy(level),
        _as_strategy(currency),
        regions() if jurisdiction is None else _as_strategy(jurisdiction),
    )


def _check_rules(rules: Iterable[Rule], currency: str) -> tuple[Rule, ...]:
    found = tuple(rules)
    if not found:
        raise InvalidRecordError(found, "a policy needs at least one rule")
    ids = [rule.id for rule in found]
    if len(set(ids)) != len(ids):
        raise InvalidRecordError(ids, "two rules of a policy have the same id")
    for rule in found:
        for amount in (rule.amount, *(option.amount for option in rule.by_region)):
            if amount.currency != currency:
                raise CurrencyMismatchError(currency, amount.currency, "mix")
    return found


@st.composite
def _incentive_policies(
    draw: st.DrawFn,
    currency: SearchStrategy[str],
    combination: SearchStrategy[Combination | str],
    jurisdiction: SearchStrategy[Region | str],
    rules: SearchStrategy[Iterable[Rule]] | None,
) -> IncentivePolicy:
    code = validate_currency(draw(currency))
    place = coerce_region(draw(jurisdiction))
    start = _maybe(draw, st.dates(_FIRST_DAY, dt.date(2026, 12, 31)))
    end = _maybe(draw, st.dates(start or _FIRST_DAY, _LAST_DAY))
    open_bound = start is None or end is None
    if rules is None:
        rules = st.lists(
            policy_rules(currency=code, jurisdiction=place),
            min_size=1,
            max_size=6,
            unique_by=lambda rule: rule.id,
        )
    chosen = _check_rules(draw(rules), code)
    number = f"〔{draw(st.integers(2018, 2030))}〕{draw(st.integers(1, 99))}号"
    return IncentivePolicy(
        id=draw(st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)),
        title=draw(st.text(_cjk, min_size=4, max_size=20)),
        document=draw(st.text(_cjk, min_size=1, max_size=3)) + number,
        issuer=draw(_words),
        jurisdiction=place,
        currency=code,
        effective_from=start,
        effective_to=end,
        effective_note=draw(_words) if open_bound else _maybe(draw, _words),
        combination=Combination(draw(combination)),
        rules=chosen,
        sources=tuple(
            draw(
                st.lists(
                    st.builds(
                        Source,
                        st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True).map(
                            lambda s: f"https://example.invalid/{s}"
                        ),
                        st.none() | _words,
                        kind=st.none() | st.sampled_from(SourceKind),
                    ),
                    min_size=1,
                    max_size=2,
                )
            )
        ),
        confidence=draw(st.sampled_from(_CONFIDENCES)),
        title_en=_maybe(draw, _words),
        combination_note=_maybe(draw, _words),
        notes=tuple(draw(st.lists(_words, max_size=2))),
    )


def incentive_policies(
    currency: _Or[str] = "CNY",
    combination: _Or[Combination | str] | None = None,
    *,
    jurisdiction: _Or[Region | str] | None = None,
    rules: _Or[Iterable[Rule]] | None = None,
) -> SearchStrategy[IncentivePolicy]:
    """Draw incentive policies that a policy file could state, with every kind of rule.

    The policies are what :meth:`IncentivePolicy.from_toml_text
    <littlegiants.policy.IncentivePolicy.from_toml_text>` would read from a valid file: 1–6 rules
    with distinct ids, of every kind (designation, percentage of a money figure of
    ``FinancialYear``, re-review, relocation), at any level, key tiers for national rules only,
    amounts from 0 to 5,000,000 (some replaced for firms in listed regions, mostly inside the
    jurisdiction), some limited to MIIT batches; effective bounds open or closed (an open one
    with a note); at least one source. They are built directly, not through TOML.

    Args:
        currency: the currency of every amount, or a strategy.
        combination: how rewards at several levels combine, or a strategy; by default any.
        jurisdiction: the issuing region (a Region, its code, or a strategy); by default any.
        rules: the rules (or a strategy of sequences of them), in ``currency``, with distinct
            ids; by default 1–6 drawn by :func:`policy_rules`.

    Returns:
        A strategy of :class:`~littlegiants.policy.IncentivePolicy`.

    Raises:
        InvalidRecordError: ``rules`` is empty or repeats an id (when drawing).
        CurrencyMismatchError: a rule's amount is in another currency (when drawing).
    """
    return _incentive_policies(
        _as_strategy(currency),
        st.sampled_from(Combination) if combination is None else _as_strategy(combination),
        regions() if jurisdiction is None else _as_strategy(jurisdiction),
        None if rules is None else _as_strategy(rules),
    )
