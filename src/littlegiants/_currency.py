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


def _known_code(code: object) -> str | None:
    """The upper-case ISO code ``code`` spells (outer ASCII spaces aside), or ``None``.

    Only ASCII letters count: upper-casing other text can spell a code by accident (the
    dotless ``ı`` upper-cases to ``I``, the ligature ``ﬆ`` to ``ST``).
    """
    if not isinstance(code, str):
        return None
    text = code.strip(" ")
    if not text.isascii():
        return None
    upper = text.upper()
    return upper if upper in _currencies() else None


def validate_currency(code: object) -> str:
    r"""Return ``code`` as an upper-case ISO 4217 code, or raise ``UnknownCurrencyError``.

    Letters may be in either case and outer spaces are ignored; anything else around or inside
    the code (a line break, a tab, a non-ASCII letter) makes it unknown.

    >>> validate_currency("cny"), validate_currency(" USD ")
    ('CNY', 'USD')
    >>> validate_currency("RMB")
    Traceback (most recent call last):
    ...
    littlegiants.errors.UnknownCurrencyError: Unknown currency 'RMB': expected an ISO 4217 code ...
    >>> validate_currency("CNY\n")
    Traceback (most recent call last):
    ...
    littlegiants.errors.UnknownCurrencyError: Unknown currency 'CNY\n': expected an ISO ...
    """
    known = _known_code(code)
    if known is None:
        raise UnknownCurrencyError(code)
    return known


def is_valid_currency(code: object) -> bool:
    """Return whether ``code`` is a known ISO 4217 code, as :func:`validate_currency` reads it.

    Never raises.

    >>> is_valid_currency("USD"), is_valid_currency("XYZ"), is_valid_currency(None)
    (True, False, False)
    """
    return _known_code(code) is not None
