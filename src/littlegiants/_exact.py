"""The two decimal contexts littlegiants computes in, so no result depends on the global context.

- :data:`EXACT` has the largest precision and exponent range ``decimal`` allows. Addition,
  subtraction, multiplication and quantization in it are exact for every amount a source can print.
- :data:`DIVISION` has 34 significant digits (IEEE 754 decimal128) and rounds half-even. Division
  and everything built on it (ratios, implied and inverse rates, growth, CAGR) use it. 34 digits is
  more than any published figure carries, so a value divided and multiplied back returns unchanged
  whenever it has at most 34 significant digits.

The global context (``decimal.getcontext()``) is never read or changed by the library.

**Bounds.** Every figure the library accepts (an amount, a rate, a growth, a threshold, a loader
cell, a JSON or TOML number) lies within two documented limits, so that no input can make an exact
operation build a number with millions of digits (``Decimal("1E+999999999")`` quantized to fen is
a billion-digit number: a hang, then ``MemoryError``):

- its magnitude is below ``10**31`` (:data:`MAX_ADJUSTED_EXPONENT`: the leading digit's exponent
  is at most 30), far above any real amount (the whole of China's 2022 trade is about ``4.2E+13``
  yuan);
- no digit is finer than ``10**-64`` (:data:`MIN_EXPONENT`): 30 places below the unit, plus the
  34 significant digits of a quotient in :data:`DIVISION`, so every ratio, rate and growth the
  library computes stays inside the bounds and its ``str()`` reads back.

:func:`bounds_problem` says why a value is outside them, :func:`to_figure` reads a value and checks
it in one step; each value type raises its own error with that reason. Arithmetic keeps to the
bounds too: a sum, difference or product beyond them raises the type's error (``Money`` raises
``InvalidAmountError``, never ``decimal.Overflow``), and a quotient is rounded half-even at
``1E-64`` as well as to 34 digits (:func:`bounded_quotient`), so its ``str()`` reads back.

Nothing here raises a ``decimal`` exception to the caller, whatever the caller's context: text
with an exponent beyond ``decimal``'s own range is refused rather than turned into infinity or
zero.

>>> bounds_problem(Decimal("44640000000"))
>>> bounds_problem(Decimal("1E+999999999"))
'its magnitude is beyond the limit of 1E+31 (an exponent of at most 30)'
>>> bounds_problem(Decimal("1E-999999999"))
'it has a digit finer than the limit of 1E-64'

>>> from decimal import Decimal, localcontext
>>> with localcontext() as ctx:
...     ctx.prec = 3
...     EXACT.add(Decimal("44640000000"), Decimal("0.01"))
Decimal('44640000000.01')
>>> DIVISION.divide(Decimal(1), Decimal(3))
Decimal('0.3333333333333333333333333333333333')
"""

from __future__ import annotations

import decimal
import math
from decimal import Context, Decimal
from typing import TYPE_CHECKING, Final

from littlegiants.errors import FloatAmountError, Reason
from littlegiants.translations import N_

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "BOUNDED",
    "DIVISION",
    "DIVISION_PRECISION",
    "EXACT",
    "FINENESS_PROBLEM",
    "MAGNITUDE_PROBLEM",
    "MAX_ADJUSTED_EXPONENT",
    "MIN_EXPONENT",
    "NOT_A_NUMBER",
    "bounded_quotient",
    "bounds_problem",
    "exact_figure",
    "result_outside",
    "to_decimal",
    "to_exact",
    "to_figure",
]

EXACT = Context(
    prec=decimal.MAX_PREC,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)

DIVISION_PRECISION = 34

DIVISION = Context(
    prec=DIVISION_PRECISION,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)

#: The largest exponent of a figure's leading digit: every figure is below ``10**31`` in magnitude.
MAX_ADJUSTED_EXPONENT = 30

#: The finest digit a figure may carry: ``10**-64`` (30 places, plus the 34 digits of a quotient).
MIN_EXPONENT = -64

#: Why a number is refused when its magnitude is beyond :data:`MAX_ADJUSTED_EXPONENT`.
MAGNITUDE_PROBLEM: Final = Reason(
    N_("its magnitude is beyond the limit of 1E+{limit} (an exponent of at most {exponent})"),
    limit=MAX_ADJUSTED_EXPONENT + 1,
    exponent=MAX_ADJUSTED_EXPONENT,
)
#: Why a number is refused when it has a digit finer than :data:`MIN_EXPONENT`.
FINENESS_PROBLEM: Final = Reason(
    N_("it has a digit finer than the limit of 1E{exponent}"), exponent=MIN_EXPONENT
)
#: Why text, NaN or an infinity is refused.
NOT_A_NUMBER: Final = Reason(N_("it is not a finite number"))

#: Addition and subtraction within the bounds: exact, and ``decimal.Overflow`` (trapped) as soon
#: as a result's leading digit passes :data:`MAX_ADJUSTED_EXPONENT`. For operands inside the
#: bounds that is the only way out of them (the sum of two numbers has no digit finer than
#: theirs), so ``Money + Money`` checks its result at no cost: a ``try`` costs nothing in Python
#: 3.11 until it catches.
BOUNDED: Final = Context(
    prec=decimal.MAX_PREC,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=MAX_ADJUSTED_EXPONENT,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)

#: Reading text: exact, and every signal that would change the number trapped (an exponent too
#: large or too small for ``decimal`` itself, which would otherwise become infinity or zero).
_READ: Final = Context(
    prec=decimal.MAX_PREC,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[
        decimal.InvalidOperation,
        decimal.DivisionByZero,
        decimal.Overflow,
        decimal.Underflow,
        decimal.Inexact,
        decimal.Rounded,
        decimal.Clamped,
    ],
)

#: Quantizing to ``1E-64`` in 95 digits (31 above the point, 64 below) is exact for every value
#: inside the magnitude; it signals Rounded exactly when the value has a digit finer than that.
_FIT: Final = Context(
    prec=MAX_ADJUSTED_EXPONENT + 1 - MIN_EXPONENT,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.Rounded, decimal.Inexact],
)

#: ``10**31``: an ``int`` is inside the bounds when its magnitude is below it.
_INT_LIMIT: Final = 10 ** (MAX_ADJUSTED_EXPONENT + 1)
#: The finest quantum, ``1E-64``, to which :func:`bounded_quotient` rounds.
_FINEST: Final = Decimal(1).scaleb(MIN_EXPONENT, context=EXACT)
#: Python refuses to turn an ``int`` of more digits than this into text (a guard against
#: quadratic conversion time); :func:`to_decimal` refuses to turn it into a ``Decimal``, likewise.
_MAX_INT_DIGITS: Final = 4300
_MAX_INT_BITS: Final = math.ceil(_MAX_INT_DIGITS * math.log2(10))
#: The types read as numbers, and those refused as inexact (a tuple: ``isinstance`` with a union
#: type builds the union at each call).
_NUMBERS: Final = (Decimal, int, str)
_INEXACT: Final = (float, bool)


def bounds_problem(value: Decimal) -> str | None:
    """Return why a finite ``value`` is outside the library's bounds, or ``None`` when it is inside.

    Zero is inside whatever its written exponent, as long as that exponent is inside too
    (``0E+999999999`` is refused: adding it to an amount would pad it with zeros). NaN and the
    infinities are refused as not finite.

    >>> bounds_problem(Decimal("9.99E+30")), bounds_problem(Decimal("0.0001"))
    (None, None)
    >>> bounds_problem(Decimal("1E+31"))
    'its magnitude is beyond the limit of 1E+31 (an exponent of at most 30)'
    >>> bounds_problem(Decimal("0E+40"))
    'its magnitude is beyond the limit of 1E+31 (an exponent of at most 30)'
    >>> bounds_problem(Decimal("-Infinity"))
    'it is not a finite number'
    """
    if not value.is_finite():
        return NOT_A_NUMBER
    adjusted = value.adjusted()  # a zero's adjusted exponent is its exponent
    if adjusted > MAX_ADJUSTED_EXPONENT:
        return MAGNITUDE_PROBLEM
    if adjusted < MIN_EXPONENT:
        return FINENESS_PROBLEM
    if value:
        # Inside the magnitude, the value has a digit finer than 1E-64 exactly when quantizing it
        # to 1E-64 rounds; in _FIT that traps. (About 130 ns, a third of reading as_tuple().)
        try:
            _FIT.quantize(value, _FINEST)
        except (decimal.Rounded, decimal.Inexact):
            return FINENESS_PROBLEM
    return None


def _read(text: str) -> Decimal | str:
    """Read numeric text exactly, or say why it is not a number within ``decimal``'s own range."""
    try:
        return _READ.create_decimal(text.strip())
    except decimal.Overflow:
        return MAGNITUDE_PROBLEM
    except (decimal.Underflow, decimal.Inexact, decimal.Rounded, decimal.Clamped):
        # An exponent beyond decimal's own range: far too large, or a digit far too fine.
        return Reason(
            N_("its exponent is beyond the limits of 1E+{high} and 1E{low}"),
            high=MAX_ADJUSTED_EXPONENT + 1,
            low=MIN_EXPONENT,
        )
    except decimal.DecimalException:
        return NOT_A_NUMBER


def result_outside(problem: str) -> Reason:
    """Why the result of arithmetic is refused: it is outside the bounds, for ``problem``."""
    return Reason(N_("the result is outside the bounds: {problem}"), problem=Reason.given(problem))


def _wrong_kind(value: object) -> Reason:
    """Why a value of another type than a number's is refused."""
    return Reason(
        N_("expected a Decimal, int or numeric str, got {kind}"), kind=type(value).__name__
    )


def to_exact(value: object, *, refused: str | None = None) -> Decimal | str:
    """Return ``value`` as a finite ``Decimal``, or the reason it is not an exact number.

    Accepts ``Decimal``, ``int`` (not ``bool``) and numeric ``str``, and never raises, whatever
    the value and the caller's decimal context. Text is read exactly: an exponent beyond
    ``decimal``'s own range is refused rather than turned into infinity or zero. An ``int`` of
    more than 4,300 digits, which Python itself refuses to turn into text, is refused rather
    than converted (that takes seconds). The reason is ``refused`` when ``value`` is not a
    number at all (by default a sentence naming the problem). The number is not yet checked
    against the bounds: :func:`to_figure` does both.

    >>> to_exact("1E+40"), to_exact(True), to_exact("NaN", refused="not a percentage")
    (Decimal('1E+40'), 'expected a Decimal, int or numeric str, got bool', 'not a percentage')
    """
    if isinstance(value, bool) or not isinstance(value, _NUMBERS):
        return refused or _wrong_kind(value)
    if isinstance(value, int):
        return MAGNITUDE_PROBLEM if value.bit_length() > _MAX_INT_BITS else Decimal(value)
    if isinstance(value, str):
        read = _read(value)
        if isinstance(read, str):
            return refused if refused and read == NOT_A_NUMBER else read
        value = read
    return value if value.is_finite() else refused or NOT_A_NUMBER


def to_decimal(value: object) -> Decimal | None:
    """Return ``value`` as a finite ``Decimal`` if it is an exact number, else ``None``.

    Accepts ``Decimal``, ``int`` (not ``bool``) and numeric ``str``; refuses ``float`` and ``bool``
    by returning ``None`` so callers raise their own, specific error. It never raises: see
    :func:`to_exact`, which says why a value is refused. The result may still be outside the
    bounds: see :func:`to_figure`.

    >>> to_decimal("1.50"), to_decimal(3), to_decimal(1.5), to_decimal(True), to_decimal("NaN")
    (Decimal('1.50'), Decimal('3'), None, None, None)
    >>> to_decimal("1E+9999999999999999999"), to_decimal(10**5000)
    (None, None)
    """
    result = to_exact(value)
    return None if isinstance(result, str) else result


def to_figure(value: object, *, refused: str | None = None) -> Decimal | str:
    """Return ``value`` as a ``Decimal`` inside the bounds, or the reason it is not one.

    Accepts what :func:`to_decimal` accepts and never raises either. The reason is ``refused``
    when ``value`` is not an exact number at all (by default a sentence naming the problem), and
    one of the bound problems when it is a number outside the bounds. Callers turn the reason
    into their own error (``InvalidAmountError``, ``InvalidRateError`` ...) and refuse ``float``
    with ``FloatAmountError`` before calling.

    >>> to_figure("44640000000.00"), to_figure(-5)
    (Decimal('44640000000.00'), Decimal('-5'))
    >>> to_figure("1E+999999999")
    'its magnitude is beyond the limit of 1E+31 (an exponent of at most 30)'
    >>> to_figure(10**40), to_figure("0.5E-64")
    ('its magnitude is beyond the limit of 1E+31 (an exponent of at most 30)', 'it has a digit finer than the limit of 1E-64')
    >>> to_figure("abc"), to_figure(1.5), to_figure(b"1")
    ('it is not a finite number', 'expected a Decimal, int or numeric str, got float', 'expected a Decimal, int or numeric str, got bytes')
    """  # noqa: E501 - doctest output
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and not -_INT_LIMIT < value < _INT_LIMIT
    ):
        return MAGNITUDE_PROBLEM  # without converting it: Decimal(10**10**6) takes seconds
    number = to_exact(value, refused=refused)
    if isinstance(number, str):
        return number
    return bounds_problem(number) or number


def exact_figure(
    value: object,
    error: Callable[[object, str], Exception],
    *,
    kinds: tuple[type, ...] = (Decimal, int, str),
    wrong_kind: str | None = None,
    refused: str | None = None,
) -> Decimal:
    """Return ``value`` as a ``Decimal`` inside the bounds, or raise the caller's error.

    A ``float`` or ``bool`` raises ``FloatAmountError``; a value of none of ``kinds`` raises
    ``error(value, wrong_kind)``; a value that is not a finite number, or is outside the bounds,
    raises ``error(value, reason)`` with ``refused`` or the bound it passes (see
    :func:`to_figure`). Every value type reads its numbers through this one gate.

    >>> from littlegiants.errors import InvalidAmountError
    >>> exact_figure("1.50", InvalidAmountError)
    Decimal('1.50')
    >>> exact_figure("1E+40", InvalidAmountError)
    Traceback (most recent call last):
    ...
    littlegiants.errors.InvalidAmountError: Invalid amount '1E+40': its magnitude is beyond ...
    """
    if isinstance(value, _INEXACT):
        raise FloatAmountError(value)
    if not isinstance(value, kinds):
        raise error(value, wrong_kind or _wrong_kind(value))
    figure = to_figure(value, refused=refused)
    if isinstance(figure, str):
        raise error(value, figure)
    return figure


def bounded_quotient(value: Decimal) -> Decimal | str:
    """Return a quotient computed in :data:`DIVISION`, kept inside the bounds, or why it cannot be.

    A quotient already has at most 34 significant digits; digits finer than ``1E-64`` are rounded
    half-even as well (dividing ``1E-30`` by ``1E+30`` gives zero), so every ratio, rate and
    growth the library computes has no digit finer than the bounds allow. A quotient whose
    magnitude is beyond the bounds gives the reason instead, for the caller's own error.

    >>> bounded_quotient(DIVISION.divide(Decimal(1), Decimal(3)))
    Decimal('0.3333333333333333333333333333333333')
    >>> bounded_quotient(DIVISION.divide(Decimal("1E-10"), Decimal("3E+30")))
    Decimal('3.33333333333333333333333E-41')
    >>> bounded_quotient(DIVISION.divide(Decimal("1E+30"), Decimal("1E-10")))
    'its magnitude is beyond the limit of 1E+31 (an exponent of at most 30)'
    """
    if value.adjusted() > MAX_ADJUSTED_EXPONENT:
        return MAGNITUDE_PROBLEM
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < MIN_EXPONENT:
        return value.quantize(_FINEST, context=EXACT)
    return value
