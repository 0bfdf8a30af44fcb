"""Reading printed amounts of money: the grammar behind :meth:`littlegiants.Money.parse`.

An amount is read as ``[sign] [marker] [sign] number [scale] [marker]``. The number is exact (no
float ever), the scale word's factor comes from the pint registry of :mod:`littlegiants._units`,
and the currency comes from a marker or the caller, never from a guess. Whitespace around the
text is ignored; a control character inside it (a tab, a line break, a zero-width space) is
refused, and so is an amount outside the bounds of :mod:`littlegiants._exact`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from littlegiants._checks import control_problem
from littlegiants._currency import is_valid_currency, validate_currency
from littlegiants._exact import EXACT, bounds_problem, to_decimal
from littlegiants.errors import MoneyParseError, Reason
from littlegiants.translations import N_

if TYPE_CHECKING:
    from babel import Locale

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
def _separators(loc: Locale) -> tuple[str, str]:
    """The locale's grouping and decimal symbols, from CLDR (via babel)."""
    from babel.numbers import get_decimal_symbol, get_group_symbol  # noqa: PLC0415

    group = unicodedata.normalize("NFKC", get_group_symbol(loc))
    point = unicodedata.normalize("NFKC", get_decimal_symbol(loc))
    return (" " if group.isspace() else group), point


@functools.cache
def _locale_markers(loc: Locale) -> dict[str, str]:
    symbols: dict[str, list[str]] = {}
    for code, symbol in loc.currency_symbols.items():
        symbols.setdefault(_key(symbol), []).append(code)
    markers = dict(DEFAULT_MARKERS)
    markers.update({symbol: codes[0] for symbol, codes in symbols.items() if len(codes) == 1})
    return markers


#: Upper-cases ASCII letters only: ``str.upper`` would turn the dotless ``ı`` into ``I`` and
#: read "renmınbı" as RENMINBI.
_ASCII_UPPER: Final = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _key(marker: str) -> str:
    """A marker as the tables hold it: runs of spaces as one, ASCII letters upper-cased."""
    return " ".join(marker.split()).translate(_ASCII_UPPER)


def _marker_code(marker: str, markers: dict[str, str], text: str) -> str | None:
    if not marker:
        return None
    key = _key(marker)
    if key in markers:
        return markers[key]
    if len(key) == 3 and key.isalpha() and is_valid_currency(key):
        return key
    raise MoneyParseError(
        text, Reason(N_("{marker} is not a currency code or marker it knows"), marker=repr(marker))
    )


def _number(digits: str, loc: Locale | None, text: str) -> Decimal:
    canonical = digits
    if loc is not None:
        group, point = _separators(loc)
        swap = {group: ",", point: "."}
        canonical = "".join(swap.get(ch, ch if ch.isdigit() else "?") for ch in digits)
    number = None
    if _PLAIN.match(canonical):
        number = to_decimal(canonical)
    elif _GROUPED.match(canonical):
        number = to_decimal(canonical.replace(",", ""))
    if number is not None:
        return number
    style = (
        Reason(N_("1234.5 or 1,234.5"))
        if loc is None
        else Reason(N_("a {locale} number"), locale=loc)
    )
    raise MoneyParseError(
        text,
        Reason(
            N_("{digits} is not written like {style} (misplaced separator)"),
            digits=repr(digits),
            style=style,
        ),
    )


def _too_long(text: str) -> MoneyParseError:
    reason = Reason(N_("the text is longer than {limit} characters"), limit=_MAX_LENGTH)
    return MoneyParseError(text[:40] + "...", reason)


def parse_money_text(
    text: str, *, currency: str | None = None, locale: str | Locale | None = None
) -> tuple[Decimal, str]:
    """Return the exact amount and ISO code printed in ``text`` (see ``Money.parse``)."""
    if not isinstance(text, str):
        raise MoneyParseError(
            text, Reason(N_("expected text, got {kind}"), kind=type(text).__name__)
        )
    if len(text) > _MAX_LENGTH:
        raise _too_long(text)
    loc = None
    if locale is not None:
        from littlegiants.formatting import babel_locale  # noqa: PLC0415 - babel loads lazily

        loc = babel_locale(locale)
    problem = control_problem(text.strip())
    if problem is not None:
        raise MoneyParseError(text, problem)
    normal = unicodedata.normalize("NFKC", text).replace("\u2212", "-")
    if len(normal) > _MAX_LENGTH:  # NFKC can lengthen text: one character can become 18
        raise _too_long(text)
    match = _PATTERN.match(normal)
    if match is None:
        raise MoneyParseError(
            text, N_("it is not a number with an optional scale word and currency")
        )
    if match["sign"] and match["sign2"]:
        raise MoneyParseError(text, N_("it has two signs"))
    markers = DEFAULT_MARKERS if loc is None else _locale_markers(loc)
    code = _currency_of(match, markers, currency, text)
    amount = _number(match["num"], loc, text)
    if match["scale"]:
        from littlegiants._units import SCALE_UNITS, scale_factor  # noqa: PLC0415 - pint is slow

        if match["scale"].lower() not in SCALE_UNITS:  # "billıon": IGNORECASE matches ı to i
            reason = Reason(N_("{scale} is not a scale word it knows"), scale=repr(match["scale"]))
            raise MoneyParseError(text, reason)
        amount = EXACT.multiply(amount, scale_factor(match["scale"]))
    problem = bounds_problem(amount)
    if problem is not None:
        raise MoneyParseError(
            text, Reason(N_("the amount is outside the bounds: {problem}"), problem=problem)
        )
    if (match["sign"] or match["sign2"]) == "-":
        amount = EXACT.minus(amount)
    return amount, code


def _currency_of(
    match: re.Match[str], markers: dict[str, str], currency: str | None, text: str
) -> str:
    """The one currency the markers and the caller name, or the error saying why there is none."""
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
            raise MoneyParseError(
                text,
                Reason(
                    N_("it says {found} but the currency given is {given}"),
                    found=found,
                    given=given,
                ),
            )
        codes = {given}
    if not codes:
        raise MoneyParseError(
            text,
            N_("it names no currency (add a marker such as 'CNY' or '元', or pass currency=)"),
        )
    if len(codes) > 1:
        found = ", ".join(sorted(codes))
        raise MoneyParseError(text, Reason(N_("it names two currencies: {found}"), found=found))
    return codes.pop()
