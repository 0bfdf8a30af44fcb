"""Exact, currency-aware money.

A :class:`Money` is an exact ``Decimal`` amount and an ISO 4217 currency code. It is what every
figure in littlegiants is carried in: a customs total (44.64 billion yuan), a firm's imports
(US$99.2 million), an incentive reward (500,000 yuan).

Rules it keeps:

- **Never a float.** ``float`` and ``bool`` amounts raise ``FloatAmountError``; NaN and
  infinities raise ``InvalidAmountError``.
- **One currency at a time.** Adding, subtracting or ordering yuan against dollars raises
  ``CurrencyMismatchError``; converting needs an explicit, dated ``ExchangeRate``.
- **Exact until a named rounding point.** ``+``, ``-`` and ``*`` are exact; ``/`` uses the
  documented 34-digit context of :mod:`littlegiants._exact`. :meth:`Money.round` quantizes
  to the currency's minor unit (CLDR, via babel: CNY 2, JPY 0, KWD 3), half-up unless told
  otherwise.
- **Bounded.** An amount's magnitude is below ``1E+31`` and it has no digit finer than
  ``1E-64`` (:mod:`littlegiants._exact`); an amount, or a result of arithmetic, beyond them
  raises ``InvalidAmountError`` at once, so no input builds a number with millions of digits.
- **Splitting never loses a fen.** :meth:`Money.allocate` returns parts that sum exactly.

>>> from decimal import Decimal
>>> Money("44640000000", "CNY") + Money("0.01", "CNY")
Money('44640000000.01', 'CNY')
>>> Money("1.005", "CNY").round()
Money('1.01', 'CNY')
>>> Money(1.5, "CNY")
Traceback (most recent call last):
...
littlegiants.errors.FloatAmountError: Refusing float amount 1.5: money must be exact. ...
>>> Money("1", "CNY") + Money("1", "USD")
Traceback (most recent call last):
...
littlegiants.errors.CurrencyMismatchError: Cannot add CNY and USD: ...
>>> Money.parse("44.64 billion yuan")
Money('44640000000.00', 'CNY')
>>> Money.parse("US$99.2 million")
Money('99200000.0', 'USD')
>>> Money("1E+999999999", "CNY")
Traceback (most recent call last):
...
littlegiants.errors.InvalidAmountError: Invalid amount '1E+999999999': its magnitude is beyond ...

More information:

- ISO 4217 currency codes: https://www.iso.org/iso-4217-currency-codes.html
- CLDR currency data (minor units): https://cldr.unicode.org/
"""

from __future__ import annotations

import decimal
import functools
import math
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, Self

from littlegiants._currency import is_valid_currency, validate_currency
from littlegiants._exact import (
    BOUNDED,
    DIVISION,
    EXACT,
    FINENESS_PROBLEM,
    MAGNITUDE_PROBLEM,
    MAX_ADJUSTED_EXPONENT,
    MIN_EXPONENT,
    bounded_quotient,
    bounds_problem,
    exact_figure,
    result_outside,
)
from littlegiants.errors import (
    CurrencyMismatchError,
    DivisionByZeroError,
    InvalidAmountError,
    InvalidArgumentError,
    Reason,
)
from littlegiants.translations import N_

if TYPE_CHECKING:
    from collections.abc import Iterable

    from babel import Locale

__all__ = [
    "ROUNDING_MODES",
    "Money",
    "currency_precision",
    "is_valid_currency",
    "validate_currency",
]

#: The ``decimal`` rounding modes :meth:`Money.round` accepts, by their ``decimal`` names.
ROUNDING_MODES: Final = frozenset(
    {
        decimal.ROUND_HALF_UP,
        decimal.ROUND_HALF_EVEN,
        decimal.ROUND_HALF_DOWN,
        decimal.ROUND_UP,
        decimal.ROUND_DOWN,
        decimal.ROUND_CEILING,
        decimal.ROUND_FLOOR,
        decimal.ROUND_05UP,
    }
)


@functools.cache
def currency_precision(code: str) -> int:
    """Return the number of minor-unit digits of a currency, from CLDR (via babel).

    >>> currency_precision("CNY"), currency_precision("JPY"), currency_precision("KWD")
    (2, 0, 3)
    """
    from babel.numbers import get_currency_precision  # noqa: PLC0415

    return int(get_currency_precision(validate_currency(code)))


def _coerce_amount(value: object) -> Decimal:
    return exact_figure(value, InvalidAmountError)


def _coerce_factor(value: object) -> Decimal:
    """A multiplier or divisor: an exact number within the bounds, never a float or a Money."""
    refused = N_("expected a finite Decimal or int")
    return exact_figure(
        value, InvalidAmountError, kinds=(Decimal, int), wrong_kind=refused, refused=refused
    )


def _beyond(operation: object, problem: str) -> InvalidAmountError:
    """The error for a result of arithmetic outside the bounds."""
    return InvalidAmountError(operation, result_outside(problem))


def _checked(amount: Decimal, left: Money, operator: str, right: Decimal) -> Decimal:
    """``amount``, the result of ``left operator right``, if inside the bounds; else the error."""
    problem = bounds_problem(amount)
    if problem == FINENESS_PROBLEM:
        problem = Reason(
            N_("{problem} (round an operand first, with Money.round)"),
            problem=Reason.given(problem),
        )
    if problem is not None:
        raise _beyond(f"{left!r} {operator} {right}", problem)
    return amount


def _plain(value: Decimal) -> Decimal:
    """Write a quotient without a positive exponent: ``8E+1`` becomes ``80``."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        return value.quantize(Decimal(1), context=EXACT)
    return value


_new = object.__new__


class Money:
    """An exact amount of one currency.

    Args:
        amount: a ``Decimal``, an ``int`` or a numeric ``str``; the value is kept exactly as given
            (``Money("1.50", "CNY").amount == Decimal("1.50")``).
        currency: an ISO 4217 code (case-insensitive), checked against babel's currency list.

    Raises:
        FloatAmountError: ``amount`` is a ``float`` or ``bool`` (a ``TypeError``).
        InvalidAmountError: ``amount`` is NaN, infinite or not a number, or outside the bounds
            of :mod:`littlegiants._exact` (its magnitude below ``1E+31``, no digit finer than
            ``1E-64``) (a ``ValueError``).
        UnknownCurrencyError: ``currency`` is not an ISO 4217 code (a ``ValueError``).

    Equality is by value and currency: ``Money("1.0", "CNY") == Money("1", "CNY")`` and the two hash
    alike; amounts in different currencies are never equal, and ordering them raises.

    A Money is immutable: ``amount`` and ``currency`` are read-only, and a different amount is a
    new ``Money(amount, money.currency)``. It is not an ``attrs`` class (see the note in the
    source; ``attrs.evolve`` does not apply), but it pickles, copies and pattern-matches.

    >>> Money("500000", "CNY") > Money("200000", "CNY")
    True
    >>> Money("500000", "CNY").amount = 1
    Traceback (most recent call last):
    ...
    AttributeError: property 'amount' of 'Money' object has no setter
    >>> Money("1", "CNY") == Money("1", "USD")
    False
    >>> Money("nan", "CNY")
    Traceback (most recent call last):
    ...
    littlegiants.errors.InvalidAmountError: Invalid amount 'nan': it is not a finite number.
    >>> Money("1", "XYZ")
    Traceback (most recent call last):
    ...
    littlegiants.errors.UnknownCurrencyError: Unknown currency 'XYZ': ...
    """

    # Hand-written rather than @attrs.frozen, like fractions.Fraction: two private slots behind
    # read-only properties. A frozen class's __setattr__ raises, so building the result of an
    # addition had to call each slot descriptor's __set__ (about 50 ns each); with the default
    # __setattr__ the trusted constructor _money() stores both slots at plain attribute speed.
    # Measured in benchmarks/bench_money.py: Money + Money went from about 8.4x a Decimal
    # addition to about 6x.
    __slots__ = ("_amount", "_currency")
    __match_args__ = ("amount", "currency")

    _amount: Decimal
    _currency: str

    def __new__(cls, amount: Decimal | int | str, currency: str) -> Self:
        """Validate ``amount`` and ``currency`` and build the value (see the class docstring).

        The checks run in ``__new__``, not ``__init__``, so no later call can change an existing
        value (``fractions.Fraction`` does the same).
        """
        self = _new(cls)
        self._amount = _coerce_amount(amount)
        self._currency = validate_currency(currency)
        return self

    @property
    def amount(self) -> Decimal:
        """The exact amount, as given: ``Money("1.50", "CNY").amount == Decimal("1.50")``."""
        return self._amount

    @property
    def currency(self) -> str:
        """The ISO 4217 code, upper-case: ``Money(1, "cny").currency == "CNY"``."""
        return self._currency

    def __eq__(self, other: object) -> bool:
        """Equal when both the amount (by value) and the currency are."""
        if not isinstance(other, Money):
            return NotImplemented
        return self._amount == other._amount and self._currency == other._currency

    def __hash__(self) -> int:
        """Hash by value, so ``Money("1.0", "CNY")`` and ``Money("1", "CNY")`` hash alike."""
        return hash((self._amount, self._currency))

    def __copy__(self) -> Money:
        """Money is immutable, so a copy is the value itself (as for ``Decimal``)."""
        return self

    def __deepcopy__(self, memo: object) -> Money:
        """Money is immutable, so a deep copy is the value itself (as for ``Decimal``)."""
        return self

    # -- named constructors -------------------------------------------------------------------

    @classmethod
    def zero(cls, currency: str) -> Money:
        """Return zero in ``currency``: the start value for ``sum()``.

        >>> sum([Money("1.5", "CNY"), Money("2", "CNY")], Money.zero("CNY"))
        Money('3.5', 'CNY')
        """
        return cls(0, currency)

    @classmethod
    def total(cls, amounts: Iterable[Money], *, currency: str) -> Money:
        """Add up ``amounts``, all in ``currency``; an empty input gives zero.

        >>> Money.total([], currency="CNY")
        Money('0', 'CNY')
        >>> Money.total([Money("1", "USD")], currency="CNY")
        Traceback (most recent call last):
        ...
        littlegiants.errors.CurrencyMismatchError: Cannot add CNY and USD: ...

        Raises:
            InvalidAmountError: ``amounts`` is not an iterable of Money, or the total is beyond
                the bounds (the running total may pass them on the way, as long as the total
                does not).
        """
        code = validate_currency(currency)
        if isinstance(amounts, str | bytes | Money) or not hasattr(amounts, "__iter__"):
            raise InvalidAmountError(amounts, N_("expected an iterable of Money to add up"))
        total = Decimal(0)
        for amount in amounts:
            if not isinstance(amount, Money):
                raise InvalidAmountError(amount, N_("expected Money to add up"))
            # The slots, not the properties: this loop is hot (bench_money.py --breakdown).
            if amount._currency != code:  # noqa: SLF001
                raise CurrencyMismatchError(code, amount.currency, N_("add"))
            total = _exact_add(total, amount._amount)  # noqa: SLF001
        if total.adjusted() > MAX_ADJUSTED_EXPONENT:
            total_of = Reason(N_("the total of the {code} amounts"), code=code)
            raise _beyond(total_of, MAGNITUDE_PROBLEM)
        return _money(total, code)

    @classmethod
    def parse(
        cls,
        text: str,
        *,
        currency: str | None = None,
        locale: str | Locale | None = None,
    ) -> Money:
        """Read an amount as Chinese and English sources print it.

        Understood: grouped numbers (``1,234.50``), scale words (万, 亿, 万亿, 千, thousand,
        million, billion, trillion, and the compact ``K``/``M``/``B``/``T``), currency codes before
        or after the number (``CNY 1,234.50``, ``1234.5 USD``), and these markers: ``¥``,
        ``￥``, ``CN¥``, ``RMB``, ``元``, ``人民币``, ``yuan`` mean CNY; ``US$``, ``$``, ``美元``,
        ``dollars`` mean USD; ``HK$`` means HKD, ``€`` EUR, ``JP¥`` JPY.

        Args:
            text: the printed amount.
            currency: the currency to use when the text has no marker (from a column header or a
                file's metadata). A marker that disagrees with it raises.
            locale: read the number with this locale's separators (via babel, strictly) and its
                CLDR currency symbols, which take precedence over the markers above (in ``en_US``
                ``¥`` is JPY and ``CN¥`` is CNY): an identifier such as ``"de_DE"`` (or
                ``"de-DE"``) or a ``babel.Locale``. ``None`` reads ``1,234.5``-style numbers.

        Raises:
            MoneyParseError: the text has no currency and none was given, has two that disagree,
                is not an amount, or its amount is outside the bounds (a ``ValueError``).
            UnknownCurrencyError: ``currency`` is not an ISO 4217 code.
            UnknownLocaleError: ``locale`` is not a locale CLDR knows.

        >>> Money.parse("446.4亿元"), Money.parse("50万元"), Money.parse("¥1.25万")
        (Money('44640000000.0', 'CNY'), Money('500000', 'CNY'), Money('12500.00', 'CNY'))
        >>> Money.parse("RMB 3.67 trillion"), Money.parse("CNY 1,234.50")
        (Money('3670000000000.00', 'CNY'), Money('1234.50', 'CNY'))
        >>> Money.parse("1234.5 USD"), Money.parse("500,000 yuan")
        (Money('1234.5', 'USD'), Money('500000', 'CNY'))
        >>> Money.parse("12.5", currency="CNY")
        Money('12.5', 'CNY')
        >>> Money.parse("12.5")
        Traceback (most recent call last):
        ...
        littlegiants.errors.MoneyParseError: Cannot read '12.5' as money: it names no currency ...
        >>> Money.parse("1,23.4 yuan")
        Traceback (most recent call last):
        ...
        littlegiants.errors.MoneyParseError: Cannot read '1,23.4 yuan' as money: ...
        """
        from littlegiants._moneytext import parse_money_text  # noqa: PLC0415 - keeps import light

        amount, code = parse_money_text(text, currency=currency, locale=locale)
        return _money(amount, code)

    @classmethod
    def from_quantity(cls, quantity: Any) -> Money:  # noqa: ANN401 - pint has no type information
        """Build from a quantity of littlegiants' pint registry whose unit is one currency.

        >>> q = Money("446.4", "CNY").to_quantity() * 3
        >>> Money.from_quantity(q)
        Money('1339.2', 'CNY')
        """
        from littlegiants import _units  # noqa: PLC0415

        reg = _units.registry()
        if not isinstance(quantity, reg.Quantity):
            raise InvalidAmountError(
                quantity, N_("expected a quantity of littlegiants' pint registry")
            )
        dims = dict(quantity.dimensionality)
        names = [d for d, power in dims.items() if power != 0]
        if len(names) != 1 or not names[0].startswith("[currency_") or dims[names[0]] != 1:
            raise InvalidAmountError(
                quantity,
                Reason(
                    N_("its dimension {dimension} is not a single currency"),
                    dimension=quantity.dimensionality,
                ),
            )
        code = names[0][len("[currency_") : -1]
        with decimal.localcontext(EXACT):  # pint computes in the current context: make it exact
            magnitude = quantity.to(code).magnitude
        return cls(_coerce_amount(magnitude), code)

    # -- boundary out -------------------------------------------------------------------------

    def to_quantity(self) -> Any:  # noqa: ANN401 - pint has no type information
        """Return this amount as a pint quantity, for unit algebra (CNY per employee, CNY/year).

        >>> q = Money("5000000", "CNY").to_quantity()
        >>> str(q)
        '5000000 CNY'
        """
        from littlegiants import _units  # noqa: PLC0415

        return _units.registry().Quantity(self._amount, self._currency)

    # -- rounding and splitting ---------------------------------------------------------------

    @property
    def precision(self) -> int:
        """The currency's number of minor-unit digits (CNY 2, JPY 0, KWD 3)."""
        return currency_precision(self._currency)

    def round(self, rounding: str = decimal.ROUND_HALF_UP, *, places: int | None = None) -> Money:
        """Round to the currency's minor unit (or ``places`` digits), half-up by default.

        This is the only place money is rounded; ``rounding`` takes any ``decimal`` rounding
        mode by name.

        >>> Money("0.625", "CNY").round(), Money("0.625", "CNY").round(decimal.ROUND_HALF_EVEN)
        (Money('0.63', 'CNY'), Money('0.62', 'CNY'))
        >>> Money("1234.5", "JPY").round()
        Money('1235', 'JPY')
        >>> Money("1.5", "CNY").round("UP")
        Traceback (most recent call last):
        ...
        littlegiants.errors.InvalidArgumentError: Invalid rounding mode 'UP': use one of the ...

        Raises:
            InvalidArgumentError: ``rounding`` is not a ``decimal`` rounding mode, or ``places``
                is not a whole number from -30 to 64 (the bounds of every amount); a
                ``ValueError``.
            InvalidAmountError: rounding carries the amount beyond the bounds.
        """
        if not isinstance(rounding, str) or rounding not in ROUNDING_MODES:
            raise InvalidArgumentError(
                rounding, N_("rounding mode"), N_("use one of the decimal.ROUND_* names")
            )
        if places is None:
            digits = self.precision
        elif (
            isinstance(places, bool)
            or not isinstance(places, int)
            or not -MAX_ADJUSTED_EXPONENT <= places <= -MIN_EXPONENT
        ):
            raise InvalidArgumentError(
                places,
                N_("places"),
                Reason(
                    N_("expected a whole number from {low} to {high} (the bounds of every amount)"),
                    low=-MAX_ADJUSTED_EXPONENT,
                    high=-MIN_EXPONENT,
                ),
            )
        else:
            digits = places
        quantum = Decimal(1).scaleb(-digits, context=EXACT)
        rounded = self._amount.quantize(quantum, rounding=rounding, context=EXACT)
        if rounded.adjusted() > MAX_ADJUSTED_EXPONENT:
            raise _beyond(f"{self!r}.round(places={digits})", MAGNITUDE_PROBLEM)
        return _money(rounded, self._currency)

    def allocate(self, ratios: Iterable[Decimal | int | str]) -> tuple[Money, ...]:
        """Split into parts, in minor units, that sum exactly to the rounded amount.

        Each part is within one minor unit of its exact share; the units left over after taking
        each share's floor go to the largest remainders, ties to the earliest share. A zero ratio
        gets zero.

        Raises:
            InvalidAmountError: a ratio is negative, not a number or outside the bounds, all
                ratios are zero, or ``ratios`` is not iterable.
            FloatAmountError: a ratio is a float.

        >>> Money("100", "CNY").allocate([1, 1, 1])
        (Money('33.34', 'CNY'), Money('33.33', 'CNY'), Money('33.33', 'CNY'))
        >>> Money("0.05", "CNY").allocate([3, 7, 0])
        (Money('0.02', 'CNY'), Money('0.03', 'CNY'), Money('0.00', 'CNY'))
        >>> Money("1", "CNY").allocate([0, 0])
        Traceback (most recent call last):
        ...
        littlegiants.errors.InvalidAmountError: Invalid amount [0, 0]: ratios must not all be zero.
        """
        if isinstance(ratios, str | bytes | Money) or not hasattr(ratios, "__iter__"):
            raise InvalidAmountError(ratios, N_("expected an iterable of ratios, e.g. [1, 1, 1]"))
        given = list(ratios)
        parts: list[Fraction] = []
        for ratio in given:
            value = exact_figure(
                ratio, InvalidAmountError, refused=N_("a ratio must be a finite number >= 0")
            )
            if value < 0:
                raise InvalidAmountError(ratio, N_("a ratio must be a finite number >= 0"))
            parts.append(Fraction(value))
        whole = sum(parts, Fraction(0))
        if whole == 0:
            raise InvalidAmountError(given, N_("ratios must not all be zero"))
        digits = self.precision
        units = int(self.round().amount.scaleb(digits, context=EXACT))
        sign, units = (-1 if units < 0 else 1), abs(units)
        shares = [units * part / whole for part in parts]
        floors = [math.floor(share) for share in shares]
        left = units - sum(floors)
        order = sorted(range(len(shares)), key=lambda i: (floors[i] - shares[i], i))
        for index in order[:left]:
            floors[index] += 1
        return tuple(
            _money(Decimal(sign * count).scaleb(-digits, context=EXACT), self._currency)
            for count in floors
        )

    # -- arithmetic ---------------------------------------------------------------------------

    def _same(self, other: Money, operation: str) -> None:
        if other._currency != self._currency:
            raise CurrencyMismatchError(self._currency, other._currency, operation)

    def __add__(self, other: object) -> Money:
        """Add an amount of the same currency, exactly."""
        if not isinstance(other, Money):
            return NotImplemented
        currency = self._currency
        if other._currency != currency:
            raise CurrencyMismatchError(currency, other._currency, N_("add"))
        money = _new(Money)
        try:
            money._amount = _add(self._amount, other._amount)
        except decimal.Overflow:  # only a sum beyond the bounds; the try costs nothing otherwise
            raise _beyond(f"{self!r} + {other!r}", MAGNITUDE_PROBLEM) from None
        money._currency = currency
        return money

    def __radd__(self, other: object) -> Money:
        """Refuse ``0 + money`` with a hint: ``sum()`` needs a ``Money.zero`` start."""
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            msg = (
                f"Cannot add 0 and {self._currency}: give sum() a start value, "
                f"sum(amounts, Money.zero({self._currency!r})), or use Money.total(...)."
            )
            raise TypeError(msg)
        return NotImplemented

    def __sub__(self, other: object) -> Money:
        """Subtract an amount of the same currency, exactly."""
        if not isinstance(other, Money):
            return NotImplemented
        currency = self._currency
        if other._currency != currency:
            raise CurrencyMismatchError(currency, other._currency, N_("subtract"))
        money = _new(Money)
        try:
            money._amount = _subtract(self._amount, other._amount)
        except decimal.Overflow:  # only a difference beyond the bounds
            raise _beyond(f"{self!r} - {other!r}", MAGNITUDE_PROBLEM) from None
        money._currency = currency
        return money

    def __neg__(self) -> Money:
        """Negate."""
        return _money(EXACT.minus(self._amount), self._currency)

    def __pos__(self) -> Money:
        """Return self."""
        return self

    def __abs__(self) -> Money:
        """Absolute value."""
        return _money(EXACT.abs(self._amount), self._currency)

    def __mul__(self, factor: object) -> Money:
        """Multiply by an exact number (``Decimal`` or ``int``), exactly.

        A product outside the bounds raises ``InvalidAmountError``.
        """
        if isinstance(factor, Money):
            return NotImplemented
        number = _coerce_factor(factor)
        product = _checked(EXACT.multiply(self._amount, number), self, "*", number)
        return _money(product, self._currency)

    __rmul__ = __mul__

    def __truediv__(self, other: object) -> Any:  # noqa: ANN401 - Money or Decimal by operand
        """Divide by a number (gives Money) or by Money of the same currency (gives a Decimal).

        Division uses the 34-digit context of :mod:`littlegiants._exact`, and rounds digits
        finer than ``1E-64`` too (:func:`~littlegiants._exact.bounded_quotient`); a quotient
        whose magnitude is beyond the bounds raises ``InvalidAmountError``.

        >>> Money("44640000000", "CNY") / 320
        Money('139500000', 'CNY')
        >>> Money("99.2", "USD") / Money("62.4", "USD")
        Decimal('1.589743589743589743589743589743590')
        """
        if isinstance(other, Money):
            self._same(other, N_("divide"))
            if other._amount == 0:
                raise DivisionByZeroError(self, N_("divide by a zero amount"))
            ratio = bounded_quotient(DIVISION.divide(self._amount, other._amount))
            if isinstance(ratio, str):
                raise _beyond(f"{self!r} / {other!r}", ratio)
            return ratio
        divisor = _coerce_factor(other)
        if divisor == 0:
            raise DivisionByZeroError(self, N_("divide money by zero"))
        quotient = bounded_quotient(DIVISION.divide(self._amount, divisor))
        if isinstance(quotient, str):
            raise _beyond(f"{self!r} / {divisor}", quotient)
        return _money(_plain(quotient), self._currency)

    def __bool__(self) -> bool:
        """An amount is true when it is not zero."""
        return bool(self._amount)

    def _check_order(self, other: object) -> Money | None:
        if not isinstance(other, Money):
            return None
        if other.currency != self._currency:
            raise CurrencyMismatchError(self._currency, other.currency, N_("compare"))
        return other

    def __lt__(self, other: object) -> bool:
        """Order amounts of the same currency; other currencies raise."""
        checked = self._check_order(other)
        return NotImplemented if checked is None else self._amount < checked._amount

    def __le__(self, other: object) -> bool:
        """Order amounts of the same currency; other currencies raise."""
        checked = self._check_order(other)
        return NotImplemented if checked is None else self._amount <= checked._amount

    def __gt__(self, other: object) -> bool:
        """Order amounts of the same currency; other currencies raise."""
        checked = self._check_order(other)
        return NotImplemented if checked is None else self._amount > checked._amount

    def __ge__(self, other: object) -> bool:
        """Order amounts of the same currency; other currencies raise."""
        checked = self._check_order(other)
        return NotImplemented if checked is None else self._amount >= checked._amount

    # -- text -----------------------------------------------------------------------------------

    def __repr__(self) -> str:
        """Exact and round-tripping: ``Money('500000', 'CNY')``, whatever the decimal context."""
        return f"Money({_sci(self._amount)!r}, {self._currency!r})"

    def __str__(self) -> str:
        """Exact, locale-free text that :meth:`parse` reads back: ``500000 CNY``.

        For people, use :func:`littlegiants.formatting.format_money` with an explicit locale.
        """
        return f"{self._amount:f} {self._currency}"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as ``Money(amount, currency)``."""
        return (Money, (self._amount, self._currency))


# The hot path: results of arithmetic on valid operands need no re-validation, so they are built
# by storing the two slots directly (measured in benchmarks/bench_money.py). BOUNDED traps a
# result beyond the bounds, the only way a sum or difference of valid amounts can leave them.
_add = BOUNDED.add
_subtract = BOUNDED.subtract
_exact_add = EXACT.add
# Decimal's str() follows the current context (``capitals=0`` writes ``1e+5``); repr never does.
_sci = EXACT.to_sci_string


def _money(amount: Decimal, currency: str) -> Money:
    """Build a Money from an already valid amount and code, without re-validating."""
    money = _new(Money)
    money._amount = amount  # noqa: SLF001 - the trusted constructor of this module's class
    money._currency = currency  # noqa: SLF001
    return money
