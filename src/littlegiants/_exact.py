"""The two decimal contexts littlegiants computes in, so no result depends on the global context.

- :data:`EXACT` has the largest precision and exponent range ``decimal`` allows. Addition,
  subtraction, multiplication and quantization in it are exact for every amount a source can print.
- :data:`DIVISION` has 34 significant digits (IEEE 754 decimal128) and rounds half-even. Division
  and everything built on it (ratios, implied and inverse rates, growth, CAGR) use it. 34 digits is
  more than any published figure carries, so a value divided and multiplied back returns unchanged
  whenever it has at most 34 significant digits.

The global context (``decimal.getcontext()``) is never read or changed by the library.

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

__all__ = ["DIVISION", "DIVISION_PRECISION", "EXACT", "to_decimal"]

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
