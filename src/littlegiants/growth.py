"""Growth: a relative change between two figures, such as "up 59% year on year".

Statistics and news report changes as percentages against a base: customs totals "+11% year on
year", a firm's imports "up 59%", a policy's "近2年主营业务收入平均增长率不低于5%" (average
main-business revenue growth of at least 5% over two years). A :class:`Growth` holds that change
as an exact fraction, ``rate``: ``Decimal("0.59")`` is +59%, ``Decimal("-0.035")`` is -3.5%.

It is its own type, not a bare number, so a rate is never mistaken for a percentage (0.11 vs 11)
or for an amount, and it carries the arithmetic a reader needs:

- :meth:`Growth.between` computes the change from a base to a current figure;
- :meth:`Growth.apply` goes forward from the base, exactly;
- :meth:`Growth.previous_of` recovers the base from the current figure and its reported growth
  (34 significant digits, see :mod:`littlegiants._exact`);
- :meth:`Growth.cagr` gives the compound annual growth rate over whole years.

The seed fact: Shenzhen Daily (2022-11-23) reports that Hosin Global Electronics imported
US$99.2 million in Jan–Oct 2022, up 59%, and exported US$27.59 million, up 109%. The bases
follow:

>>> from littlegiants.money import Money
>>> imports = Money.parse("US$99.2 million")
>>> up_59 = Growth.parse("up 59%")
>>> up_59.previous_of(imports).round()
Money('62389937.11', 'USD')
>>> up_59.apply(Money("62.4", "USD"))
Money('99.216', 'USD')
>>> Growth.parse("同比增长109%").previous_of(Money.parse("US$27.59 million")).round()
Money('13200956.94', 'USD')
>>> Growth.between(Money("100", "CNY"), Money("111", "CNY"))
Growth(Decimal('0.11'))
>>> str(Growth.parse("下降3.5%"))
'-3.5%'

A growth's rate is bounded like every figure (:mod:`littlegiants._exact`): its magnitude is below
``1E+31`` and it has no digit finer than ``1E-64``. A rate outside them, or arithmetic whose result
leaves them, raises ``InvalidGrowthError`` (or ``InvalidAmountError`` for Money).

Growth depends on the currency a figure is counted in (China's Jan–Apr 2022 trade grew 7.9% in
yuan but 10.1% in dollars), so ``between`` refuses amounts in two currencies:

>>> Growth.between(Money("1", "CNY"), Money("1", "USD"))
Traceback (most recent call last):
...
littlegiants.errors.CurrencyMismatchError: Cannot compute growth between CNY and USD: ...
>>> Growth.between(0, 5)
Traceback (most recent call last):
...
littlegiants.errors.InvalidGrowthError: Invalid growth Decimal('0'): the base is zero, ...
>>> Growth.parse("11")
Traceback (most recent call last):
...
littlegiants.errors.InvalidGrowthError: Invalid growth '11': it has no percent sign, ...

More information:

- Shenzhen Daily, 2022-11-23 (Jan–Oct 2022 trade of Shenzhen's little giants, Hosin Global):
  http://www.eyeshenzhen.com/content/2022-11/23/content_25472690.htm
- Growth in yuan vs dollar terms, Jan–Apr 2022:
  https://ukranews.com/en/news/855724-china-s-foreign-trade-up-7-9-in-first-four-months
- 优质中小企业梯度培育管理暂行办法 (工信部企业〔2022〕63号), annex 3, growth criterion:
  http://www.doulau.com/new-xiangmu/2561.html
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final, overload

import attrs

from littlegiants._checks import control_problem
from littlegiants._exact import (
    DIVISION,
    EXACT,
    MAGNITUDE_PROBLEM,
    MAX_ADJUSTED_EXPONENT,
    bounded_quotient,
    bounds_problem,
    exact_figure,
    result_outside,
    to_exact,
)
from littlegiants.errors import (
    CurrencyMismatchError,
    FloatAmountError,
    InvalidGrowthError,
    Reason,
)
from littlegiants.money import Money
from littlegiants.translations import N_

__all__ = ["Growth"]

_ONE: Final = Decimal(1)
_UP: Final = r"up|增长|增加|上升"
_DOWN: Final = r"down|下降|减少|下滑"
_PATTERN: Final = re.compile(
    r"(?:同比\s*)?(?:(?P<up>" + _UP + r")|(?P<down>" + _DOWN + r"))?\s*"
    r"(?P<sign>[+\-\N{MINUS SIGN}])?\s*(?P<number>[0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*[%\uff05]",
    re.IGNORECASE,
)
_MAX_LENGTH: Final = 100


def _plain(value: Decimal) -> Decimal:
    """Drop a positive exponent (``5E+1`` -> ``50``) so the value prints without one."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        return value.quantize(_ONE, context=EXACT)
    return value


def _coerce_rate(value: object) -> Decimal:
    return exact_figure(
        value,
        InvalidGrowthError,
        kinds=(Decimal, int),
        wrong_kind=N_(
            "the rate must be a Decimal or an int fraction (0.11 is +11%); "
            "read text such as '11%' with Growth.parse"
        ),
        refused=N_("a growth rate must be a finite number"),
    )


def _number(value: object) -> Decimal:
    """An exact plain number (``Decimal`` or ``int``) within the bounds, for growth arithmetic."""
    refused = N_("expected Money or a finite Decimal or int")
    return exact_figure(
        value, InvalidGrowthError, kinds=(Decimal, int), wrong_kind=refused, refused=refused
    )


def _rate_of(value: object, percent: Decimal) -> Decimal:
    """The rate of ``percent`` per cent, or ``InvalidGrowthError`` quoting ``value`` as given."""
    rate = percent.scaleb(-2, context=EXACT)
    problem = bounds_problem(rate)
    if problem is not None:
        reason = Reason(
            N_("the rate is outside the bounds: {problem}"), problem=Reason.given(problem)
        )
        raise InvalidGrowthError(value, reason)
    return rate


def _quotient(value: Decimal, operation: object) -> Decimal:
    """A quotient of growth arithmetic inside the bounds, without a positive exponent."""
    bounded = bounded_quotient(value)
    if isinstance(bounded, str):
        raise InvalidGrowthError(operation, result_outside(bounded))
    return _plain(bounded)


def _pair(previous: object, current: object, operation: str) -> tuple[Decimal, Decimal]:
    """The amounts of two figures of the same kind: both Money of one currency, or both numbers."""
    if isinstance(previous, Money) and isinstance(current, Money):
        if previous.currency != current.currency:
            raise CurrencyMismatchError(previous.currency, current.currency, operation)
        return previous.amount, current.amount
    if isinstance(previous, Money) or isinstance(current, Money):
        raise InvalidGrowthError(
            (previous, current),
            N_("compare Money with Money of the same currency, not with a number"),
        )
    return _number(previous), _number(current)


def _positive_base(base: Decimal) -> None:
    if base == 0:
        raise InvalidGrowthError(
            base, N_("the base is zero, so no relative change follows from it")
        )
    if base < 0:
        raise InvalidGrowthError(
            base, N_("the base is negative, so a relative change from it has no clear meaning")
        )


@attrs.frozen(init=False, order=True, repr=False)
class Growth:
    """A relative change: ``rate`` is a fraction, so ``Decimal("0.11")`` means +11%.

    Args:
        rate: a ``Decimal`` or ``int`` fraction. Text is read with :meth:`parse` and percentages
            with :meth:`from_percent`.

    Raises:
        FloatAmountError: ``rate`` is a ``float`` or ``bool`` (a ``TypeError``).
        InvalidGrowthError: ``rate`` is NaN, infinite, or of another type (a ``ValueError``).

    Growths compare and order by rate: ``Growth(Decimal("0.110")) == Growth(Decimal("0.11"))``.

    >>> Growth(Decimal("0.11")).percent
    Decimal('11')
    >>> Growth(Decimal("0.11")) < Growth(Decimal("0.59"))
    True
    >>> Growth(0.11)
    Traceback (most recent call last):
    ...
    littlegiants.errors.FloatAmountError: Refusing float amount 0.11: money must be exact. ...
    """

    rate: Decimal

    def __init__(self, rate: Decimal | int) -> None:
        """Validate and store ``rate`` (see the class docstring)."""
        object.__setattr__(self, "rate", _coerce_rate(rate))

    # -- named constructors -------------------------------------------------------------------

    @classmethod
    def from_percent(cls, percent: Decimal | int | str) -> Growth:
        """Return the growth of ``percent`` per cent: ``from_percent(11)`` is +11%.

        Args:
            percent: a ``Decimal``, ``int`` or numeric ``str`` (``"11"``, ``"-3.5"``).

        Raises:
            FloatAmountError: ``percent`` is a ``float`` or ``bool``.
            InvalidGrowthError: ``percent`` is not a finite number, or its rate is outside the
                bounds.

        >>> Growth.from_percent("109")
        Growth(Decimal('1.09'))
        """
        if isinstance(percent, float | bool):
            raise FloatAmountError(percent)
        value = to_exact(percent, refused=N_("it is not a number of per cent"))
        if isinstance(value, str):
            raise InvalidGrowthError(percent, value)
        return cls(_rate_of(percent, value))

    @classmethod
    def parse(cls, text: str) -> Growth:
        """Read a growth as Chinese and English sources print it.

        Understood: an optional ``同比`` (year on year); a direction word, ``up``, ``增长``,
        ``增加``, ``上升`` or ``down``, ``下降``, ``减少``, ``下滑``; or a sign ``+``, ``-``, ``−``
        (not both); then a number and a percent sign, ``%`` or the full-width ``％``.

        Args:
            text: the printed growth.

        Raises:
            InvalidGrowthError: the text has no percent sign (a bare number could be a fraction or
                a percentage), has both a direction word and a sign, has a control character, is
                not a growth, or its rate is outside the bounds; the error quotes the text.

        >>> Growth.parse("+11%"), Growth.parse("down 3.5%"), Growth.parse("同比增长59％")
        (Growth(Decimal('0.11')), Growth(Decimal('-0.035')), Growth(Decimal('0.59')))
        >>> Growth.parse("up -3%")
        Traceback (most recent call last):
        ...
        littlegiants.errors.InvalidGrowthError: Invalid growth 'up -3%': it has both a ...
        """
        if not isinstance(text, str):
            raise InvalidGrowthError(
                text, Reason(N_("expected text, got {kind}"), kind=type(text).__name__)
            )
        if len(text) > _MAX_LENGTH:
            raise InvalidGrowthError(text, N_("the text is too long to be a growth"))
        stripped = text.strip()
        problem = control_problem(stripped)
        if problem is not None:
            raise InvalidGrowthError(text, problem)
        if "%" not in stripped and "\uff05" not in stripped:
            raise InvalidGrowthError(
                text,
                N_(
                    "it has no percent sign, and a bare number could be a fraction or a "
                    "percentage; write '11%', or use Growth(Decimal('0.11')) or "
                    "Growth.from_percent(11)"
                ),
            )
        match = _PATTERN.fullmatch(stripped)
        if match is None:
            raise InvalidGrowthError(
                text,
                N_("expected a form like '11%', '+11%', 'up 59%', 'down 3.5%' or '同比增长59%'"),
            )
        sign = match["sign"]
        if sign is not None and (match["up"] or match["down"]):
            raise InvalidGrowthError(text, N_("it has both a direction word and a sign"))
        percent = EXACT.create_decimal(match["number"])  # ASCII digits: exact, never raises
        if match["down"] or sign in {"-", "\N{MINUS SIGN}"}:
            percent = EXACT.minus(percent)
        return cls(_rate_of(text, percent))

    @classmethod
    def between(cls, previous: Money | Decimal | int, current: Money | Decimal | int) -> Growth:
        """Return the relative change from ``previous`` to ``current``.

        The rate is ``(current - previous) / previous``: the difference is exact and the division
        uses the 34-digit context of :mod:`littlegiants._exact`.

        Args:
            previous: the base, Money or a plain ``Decimal``/``int``; it must be positive.
            current: the later figure, of the same kind (and currency) as ``previous``.

        Raises:
            CurrencyMismatchError: the two amounts are in different currencies.
            InvalidGrowthError: the base is zero or negative (the change would be infinite or
                meaningless), a Money is compared with a plain number, a figure is outside the
                bounds, or the rate is (a change beyond ``1E+31`` times the base).
            FloatAmountError: a figure is a ``float``.

        >>> Growth.between(Money("62.4", "USD"), Money("99.2", "USD"))
        Growth(Decimal('0.5897435897435897435897435897435897'))
        >>> Growth.between(200, 100)
        Growth(Decimal('-0.5'))
        """
        base, later = _pair(previous, current, N_("compute growth between"))
        _positive_base(base)
        change = DIVISION.divide(EXACT.subtract(later, base), base)
        return cls(_quotient(change, (previous, current)))

    @classmethod
    def cagr(
        cls, first: Money | Decimal | int, last: Money | Decimal | int, *, years: int
    ) -> Growth:
        """Return the compound annual growth rate from ``first`` to ``last`` over ``years``.

        The rate is ``(last / first) ** (1 / years) - 1``, computed in the 34-digit context of
        :mod:`littlegiants._exact` and written without trailing zeros; over one year it is
        :meth:`between`. Applying it ``years`` times to ``first`` gives ``last`` to within that
        precision.

        Args:
            first: the figure at the start, positive.
            last: the figure ``years`` later, zero or positive.
            years: a positive whole number of years.

        Raises:
            CurrencyMismatchError: the two amounts are in different currencies.
            InvalidGrowthError: ``first`` is not positive, ``last`` is negative, or ``years`` is
                not a positive ``int``.

        >>> Growth.cagr(Money("100", "CNY"), Money("121", "CNY"), years=2)
        Growth(Decimal('0.1'))
        >>> Growth.cagr(100, 121, years=0)
        Traceback (most recent call last):
        ...
        littlegiants.errors.InvalidGrowthError: Invalid growth 0: years must be a positive ...
        """
        if isinstance(years, bool) or not isinstance(years, int) or years <= 0:
            raise InvalidGrowthError(years, N_("years must be a positive whole number"))
        base, later = _pair(first, last, N_("compute growth between"))
        _positive_base(base)
        if later < 0:
            raise InvalidGrowthError(
                later, N_("the last figure is negative, so no compound annual rate leads to it")
            )
        if years == 1:
            return cls.between(first, last)
        ratio = DIVISION.divide(later, base)
        factor = DIVISION.power(ratio, DIVISION.divide(_ONE, Decimal(years)))
        rate = DIVISION.subtract(factor, _ONE).normalize(DIVISION)
        return cls(_quotient(rate, (first, last, years)))

    # -- arithmetic -----------------------------------------------------------------------------

    @property
    def percent(self) -> Decimal:
        """The rate in per cent, exactly: ``Decimal('0.1025')`` gives ``Decimal('10.25')``."""
        return _plain(self.rate.scaleb(2, context=EXACT))

    @property
    def factor(self) -> Decimal:
        """The multiplier from previous to current, ``1 + rate``, exactly."""
        return EXACT.add(_ONE, self.rate)

    @overload
    def apply(self, previous: Money) -> Money: ...
    @overload
    def apply(self, previous: Decimal | int) -> Decimal: ...
    def apply(self, previous: Money | Decimal | int) -> Money | Decimal:
        """Return the current figure: ``previous * (1 + rate)``, exactly.

        Args:
            previous: the base, Money or a plain ``Decimal``/``int``.

        The product of a plain number may have digits finer than ``1E-64`` (it is exact); round
        it at a named point before using it as a figure again. Money keeps to the bounds.

        Raises:
            FloatAmountError: ``previous`` is a ``float``.
            InvalidGrowthError: ``previous`` is not Money or a number within the bounds, or the
                plain number that results has a magnitude beyond them.
            InvalidAmountError: the Money that results is outside the bounds (round it first).

        >>> Growth.parse("+11%").apply(Money("100", "CNY"))
        Money('111.00', 'CNY')
        >>> Growth.parse("-3.5%").apply(200)
        Decimal('193.000')
        """
        if isinstance(previous, Money):
            return previous * self.factor
        current = EXACT.multiply(_number(previous), self.factor)
        if current.adjusted() > MAX_ADJUSTED_EXPONENT:
            raise InvalidGrowthError((previous, str(self)), result_outside(MAGNITUDE_PROBLEM))
        return current

    @overload
    def previous_of(self, current: Money) -> Money: ...
    @overload
    def previous_of(self, current: Decimal | int) -> Decimal: ...
    def previous_of(self, current: Money | Decimal | int) -> Money | Decimal:
        """Return the base that grew by this rate to ``current``: ``current / (1 + rate)``.

        The division uses the 34-digit context of :mod:`littlegiants._exact`; round the result at
        a named point (``Money.round``) when presenting it.

        Args:
            current: the later figure, Money or a plain ``Decimal``/``int``.

        Raises:
            InvalidGrowthError: the growth is -100%, which leaves nothing from which to recover the
                base, ``current`` is not Money or a number, or the plain number that results is
                outside the bounds.
            InvalidAmountError: the Money that results is outside the bounds.
            FloatAmountError: ``current`` is a ``float``.

        >>> Growth.parse("+25%").previous_of(Money("100", "CNY"))
        Money('80', 'CNY')
        >>> Growth.parse("-100%").previous_of(Money("0", "CNY"))
        Traceback (most recent call last):
        ...
        littlegiants.errors.InvalidGrowthError: Invalid growth '-100%': a fall of 100% ...
        """
        factor = self.factor
        if factor == 0:
            raise InvalidGrowthError(
                str(self),
                Reason(
                    N_("a fall of {fall} leaves zero, from which no base can be recovered"),
                    fall="100%",
                ),
            )
        if isinstance(current, Money):
            base: Money = current / factor
            return Money(_plain(base.amount), base.currency)
        return _quotient(DIVISION.divide(_number(current), factor), (current, str(self)))

    def points_above(self, other: Growth) -> Decimal:
        """Return the difference in percentage points, ``self.percent - other.percent``, exactly.

        Raises:
            InvalidGrowthError: ``other`` is not a :class:`Growth`.

        >>> Growth.parse("+10.1%").points_above(Growth.parse("+7.9%"))
        Decimal('2.2')
        """
        if not isinstance(other, Growth):
            raise InvalidGrowthError(
                other, Reason(N_("expected a Growth, got {kind}"), kind=type(other).__name__)
            )
        return _plain(EXACT.subtract(self.percent, other.percent))

    # -- text -----------------------------------------------------------------------------------

    def __str__(self) -> str:
        """Exact, signed percentage that :meth:`parse` reads back: ``+11%``, ``+10.25%``, ``0%``."""
        percent = self.percent
        sign = "" if percent.is_zero() else ("-" if percent.is_signed() else "+")
        return f"{sign}{EXACT.abs(percent):f}%"

    def __repr__(self) -> str:
        """Exact and round-tripping: ``Growth(Decimal('0.11'))``, whatever the decimal context."""
        return f"Growth(Decimal({EXACT.to_sci_string(self.rate)!r}))"
