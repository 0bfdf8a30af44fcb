"""ISO 4217 currency codes as littlegiants knows them: CLDR's list, via babel.

:func:`validate_currency` and :func:`is_valid_currency` are part of :mod:`littlegiants.money`'s
API; they live here, below both ``money`` and the grammar that reads printed amounts
(``_moneytext``), so that neither has to import the other back.
"""

from __future__ import annotations

import functools

from littlegiants.errors import UnknownCurrencyError

__all__ = ["is_valid_currency", "validate_currency"]


@functools.cache
def _currencies() -> frozenset[str]:
    from babel.numbers import list_currencies  # noqa: PLC0415 - babel data loads on first use

    return frozenset(list_currencies())


def validate_currency(code: object) -> str:
    """Return ``code`` as an upper-case ISO 4217 code, or raise ``UnknownCurrencyError``.

    >>> validate_currency("cny")
    'CNY'
    >>> validate_currency("RMB")
    Traceback (most recent call last):
    ...
    littlegiants.errors.UnknownCurrencyError: Unknown currency 'RMB': expected an ISO 4217 code ...
    """
    if isinstance(code, str):
        upper = code.strip().upper()
        if upper in _currencies():
            return upper
    raise UnknownCurrencyError(code)


def is_valid_currency(code: object) -> bool:
    """Return whether ``code`` is a known ISO 4217 code; never raises.

    >>> is_valid_currency("USD"), is_valid_currency("XYZ"), is_valid_currency(None)
    (True, False, False)
    """
    return isinstance(code, str) and code.strip().upper() in _currencies()
