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

:func:`bounds_problem` says why a value is outside them; each value type raises its own error with
that reason.

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
from decimal import Context, Decimal

__all__ = [
    "DIVISION",
    "DIVISION_PRECISION",
    "EXACT",
    "MAX_ADJUSTED_EXPONENT",
    "MIN_EXPONENT",
    "bounds_problem",
    "to_decimal",
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


def bounds_problem(value: Decimal) -> str | None:
    """Return why a finite ``value`` is outside the library's bounds, or ``None`` when it is inside.

    Zero is inside whatever its written exponent, as long as that exponent is inside too
    (``0E+999999999`` is refused: adding it to an amount would pad it with zeros).

    >>> bounds_problem(Decimal("9.99E+30")), bounds_problem(Decimal("0.0001"))
    (None, None)
    >>> bounds_problem(Decimal("1E+31"))
    'its magnitude is beyond the limit of 1E+31 (an exponent of at most 30)'
    >>> bounds_problem(Decimal("0E+40"))
    'its magnitude is beyond the limit of 1E+31 (an exponent of at most 30)'
    """
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):
        return "it is not a finite number"
    if value.adjusted() > MAX_ADJUSTED_EXPONENT or exponent > MAX_ADJUSTED_EXPONENT:
        return (
            f"its magnitude is beyond the limit of 1E+{MAX_ADJUSTED_EXPONENT + 1} "
            f"(an exponent of at most {MAX_ADJUSTED_EXPONENT})"
        )
    if exponent < MIN_EXPONENT:
        return f"it has a digit finer than the limit of 1E{MIN_EXPONENT}"
    return None


def to_decimal(value: object) -> Decimal | None:
    """Return ``value`` as a finite ``Decimal`` if it is an exact number, else ``None``.

    Accepts ``Decimal``, ``int`` (not ``bool``) and numeric ``str``; refuses ``float`` and ``bool``
    by returning ``None`` so callers raise their own, specific error.

    >>> to_decimal("1.50"), to_decimal(3), to_decimal(1.5), to_decimal(True), to_decimal("NaN")
    (Decimal('1.50'), Decimal('3'), None, None, None)
    """
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int) and not isinstance(value, bool):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = EXACT.create_decimal(value.strip())
        except decimal.InvalidOperation:
            return None
    else:
        return None
    return result if result.is_finite() else None
