"""Reading printed amounts of money: the grammar behind :meth:`littlegiants.Money.parse`.

An amount is read as ``[sign] [marker] [sign] number [scale] [marker]``. The number is exact (no
float ever), the scale word's factor comes from the pint registry of :mod:`littlegiants._units`,
and the currency comes from a marker or the caller, never from a guess.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal
from typing import Final

from littlegiants._currency import is_valid_currency, validate_currency
from littlegiants._exact import EXACT
from littlegiants.errors import MoneyParseError

__all__ = ["DEFAULT_MARKERS", "parse_money_text"]

#: Currency markers understood without a locale. ``¥`` is read as CNY: this is a library about
#: Chinese sources (with a locale, CLDR's symbols win: in ``en_US`` ``¥`` is JPY).
DEFAULT_MARKERS: Final[dict[str, str]] = {
    "¥": "CNY",
    "CN¥": "CNY",
    "RMB": "CNY",
    "元": "CNY",
    "人民币": "CNY",
    "人民币元": "CNY",
    "YUAN": "CNY",
    "RENMINBI": "CNY",
    "US$": "USD",
    "$": "USD",
    "美元": "USD",
    "DOLLAR": "USD",
    "DOLLARS": "USD",
    "US DOLLAR": "USD",
    "US DOLLARS": "USD",
    "HK$": "HKD",
    "港元": "HKD",
    "€": "EUR",
    "欧元": "EUR",
    "JP¥": "JPY",
    "日元": "JPY",
}

_SCALE = (
    r"(?P<scale>万亿|亿|万|千|"
    r"(?:thousand|million|billion|trillion|mn|bn|tn|k|m|b|t)(?![a-z]))"
)
_PATTERN = re.compile(
    r"^(?P<sign>[-+])?\s*(?P<pre>[^\d\s.+-]*)\s*(?P<sign2>[-+])?\s*"
    r"(?P<num>\d(?:[\d,.'\u2019 ]*\d)?|\.\d+)\s*" + _SCALE + r"?\s*(?P<post>.*?)\s*$",
    re.IGNORECASE | re.DOTALL,
)
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_PLAIN = re.compile(r"^(?:\d+(?:\.\d*)?|\.\d+)$")
_MAX_LENGTH = 200


@functools.cache
def _separators(locale: str) -> tuple[str, str]:
    """The locale's grouping and decimal symbols, from CLDR (via babel)."""
    from babel import Locale  # noqa: PLC0415
    from babel.numbers import get_decimal_symbol, get_group_symbol  # noqa: PLC0415

    loc = Locale.parse(locale)
    group = unicodedata.normalize("NFKC", get_group_symbol(loc))
    point = unicodedata.normalize("NFKC", get_decimal_symbol(loc))
    return (" " if group.isspace() else group), point


@functools.cache
def _locale_markers(locale: str) -> dict[str, str]:
    from babel import Locale  # noqa: PLC0415

    symbols: dict[str, list[str]] = {}
    for code, symbol in Locale.parse(locale).currency_symbols.items():
        symbols.setdefault(symbol.upper(), []).append(code)
    markers = dict(DEFAULT_MARKERS)
    markers.update({symbol: codes[0] for symbol, codes in symbols.items() if len(codes) == 1})
    return markers


def _marker_code(marker: str, markers: dict[str, str], text: str) -> str | None:
    if not marker:
        return None
    key = " ".join(marker.split()).upper()
    if key in markers:
        return markers[key]
    if len(key) == 3 and key.isalpha() and is_valid_currency(key):
        return key
    raise MoneyParseError(text, f"{marker!r} is not a currency code or marker it knows")


def _number(digits: str, locale: str | None, text: str) -> Decimal:
    canonical = digits
    if locale is not None:
        group, point = _separators(locale)
        swap = {group: ",", point: "."}
        canonical = "".join(swap.get(ch, ch if ch.isdigit() else "?") for ch in digits)
    if _PLAIN.match(canonical):
        return EXACT.create_decimal(canonical)
    if _GROUPED.match(canonical):
        return EXACT.create_decimal(canonical.replace(",", ""))
    style = "1234.5 or 1,234.5" if locale is None else f"a {locale} number"
    raise MoneyParseError(text, f"{digits!r} is not written like {style} (misplaced separator)")


def parse_money_text(
    text: str, *, currency: str | None = None, locale: str | None = None
) -> tuple[Decimal, str]:
    """Return the exact amount and ISO code printed in ``text`` (see ``Money.parse``)."""
    if not isinstance(text, str):
        raise MoneyParseError(text, f"expected text, got {type(text).__name__}")
    if len(text) > _MAX_LENGTH:
        raise MoneyParseError(
            text[:40] + "...", f"the text is longer than {_MAX_LENGTH} characters"
        )
    normal = unicodedata.normalize("NFKC", text).replace("\u2212", "-")
    match = _PATTERN.match(normal)
    if match is None:
        raise MoneyParseError(text, "it is not a number with an optional scale word and currency")
    if match["sign"] and match["sign2"]:
        raise MoneyParseError(text, "it has two signs")
    markers = DEFAULT_MARKERS if locale is None else _locale_markers(locale)
    codes = {
        code
        for code in (
            _marker_code(match["pre"], markers, text),
            _marker_code(match["post"], markers, text),
        )
        if code is not None
    }
    if currency is not None:
        given = validate_currency(currency)
        if codes and codes != {given}:
            found = ", ".join(sorted(codes))
            raise MoneyParseError(text, f"it says {found} but the currency given is {given}")
        codes = {given}
    if not codes:
        raise MoneyParseError(
            text, "it names no currency (add a marker such as 'CNY' or '元', or pass currency=)"
        )
    if len(codes) > 1:
        raise MoneyParseError(text, f"it names two currencies: {', '.join(sorted(codes))}")
    amount = _number(match["num"], locale, text)
    if match["scale"]:
        from littlegiants._units import scale_factor  # noqa: PLC0415 - pint loads on first use

        amount = EXACT.multiply(amount, scale_factor(match["scale"]))
    if (match["sign"] or match["sign2"]) == "-":
        amount = EXACT.minus(amount)
    return amount, codes.pop()
