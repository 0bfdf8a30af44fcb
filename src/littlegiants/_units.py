"""The private pint registry behind money's unit side, built lazily on first use.

pint costs hundreds of milliseconds to import, so nothing here runs at ``import littlegiants``.
The registry is built from nothing (``UnitRegistry(None)``) with ``Decimal`` magnitudes and holds:

- one **dimension per currency** (``CNY = [currency_CNY]``), so adding yuan to dollars raises
  ``DimensionalityError`` instead of pint's "simplified" model silently returning ``nan``;
- the **scale units** sources print: ``wan`` (万, 10^4), ``yi`` (亿, 10^8), ``wanyi`` (万亿,
  10^12), ``thousand``, ``million``, ``billion``, ``trillion``.

Currency symbols never reach pint: pint drops ``¥`` and ``$`` silently, so :mod:`littlegiants.money`
maps symbols to ISO codes first.

pint computes with ``Decimal`` magnitudes in the *current* decimal context, so the registry is built
and the factors are read inside the exact context of :mod:`littlegiants._exact`: a caller's context
(2 digits, a tiny exponent range, every trap on) changes nothing and raises nothing here.
"""

from __future__ import annotations

import decimal
import functools
from decimal import Decimal
from typing import Any

from littlegiants._exact import EXACT

__all__ = ["SCALE_UNITS", "registry", "scale_factor"]

#: Scale words as printed in sources, mapped to the registry's unit names.
SCALE_UNITS: dict[str, str] = {
    "万": "wan",
    "亿": "yi",
    "万亿": "wanyi",
    "千": "thousand",
    "thousand": "thousand",
    "k": "thousand",
    "million": "million",
    "mn": "million",
    "m": "million",
    "billion": "billion",
    "bn": "billion",
    "b": "billion",
    "trillion": "trillion",
    "tn": "trillion",
    "t": "trillion",
}

_DEFINITIONS = (
    "wan = 10000 = 万",
    "yi = 100000000 = 亿",
    "wanyi = 1000000000000 = 万亿",
    "thousand = 1000",
    "million = 1000000",
    "billion = 1000000000",
    "trillion = 1000000000000",
)


@functools.cache
def registry() -> Any:  # noqa: ANN401 - pint ships no type information for its registry
    """Return the shared private ``pint.UnitRegistry``, building it on first call.

    Every ISO 4217 code babel knows is defined as a unit on its own dimension.
    """
    import pint  # noqa: PLC0415 - deliberately lazy: pint is slow to import
    from babel.numbers import list_currencies  # noqa: PLC0415

    with decimal.localcontext(EXACT):
        reg: Any = pint.UnitRegistry(None, non_int_type=Decimal)
        for line in _DEFINITIONS:
            reg.define(line)
        for code in sorted(list_currencies()):
            reg.define(f"{code} = [currency_{code}]")
    return reg


@functools.cache
def scale_factor(word: str) -> Decimal:
    """Return the exact factor of a scale word (``万``, ``亿``, ``billion``...), read from pint.

    >>> scale_factor("亿"), scale_factor("billion")
    (Decimal('100000000'), Decimal('1000000000'))
    """
    unit = SCALE_UNITS[word.lower()]
    with decimal.localcontext(EXACT):
        magnitude = registry().Quantity(Decimal(1), unit).to("dimensionless").magnitude
    return Decimal(magnitude)
