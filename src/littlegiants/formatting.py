"""Money and growth as people read them, in a locale the caller names.

The same figure is printed differently on each side of the sources. Shenzhen Daily (2022-11-23)
says Shenzhen's little giants traded "44.64 billion yuan" in Jan–Oct 2022, "+11%" year on year;
a Chinese source writes the same total as "446.4亿元". English counts large amounts in thousands
(thousand, million 10^6, billion 10^9, trillion 10^12); Chinese counts in myriads: 万 (wàn,
10^4), 亿 (yì, 10^8) and 万亿 (10^12). CLDR, the Unicode locale data that babel ships, holds
each locale's rules: its currency symbols (``¥`` in zh_CN, ``CN¥`` in en_US), separators, and the
"compact" patterns that pick a scale word for a magnitude.

Three forms of an amount:

- :func:`format_money`: the full amount, rounded half-up to the currency's minor unit (the named
  rounding point of :meth:`littlegiants.Money.round`), with the locale's symbol and grouping;
- ``format_money(..., compact=True)``: the CLDR short compact form, ``¥446.4亿`` or
  ``CN¥44.64B``;
- :func:`format_money_long`: the long compact form sources write in running text, ``446.4亿元``
  or ``44.64 billion yuan``. CLDR has no long compact currency patterns, so it is composed from
  the compact number and the currency's name.

Compact forms show at most two fraction digits, trailing zeros dropped, and round half-up
**before** choosing the scale word: 99,999,999 yuan is ``¥1亿``, never ``¥10000万`` (babel alone
chooses the scale word first and prints the latter).

:func:`format_growth` prints a :class:`~littlegiants.growth.Growth` as a signed percentage,
``+11%`` or ``-3.5%``, rounded half-up to ``digits`` decimals.

Nothing here reads the system locale, environment variables or the global ``decimal`` context:
the locale is always an argument, and babel's number arithmetic runs inside the exact context of
:mod:`littlegiants._exact` (babel otherwise rounds to the global context's 28 digits, or raises).

>>> from littlegiants.growth import Growth
>>> from littlegiants.money import Money
>>> trade = Money("44640000000", "CNY")
>>> format_money(trade, locale="zh_CN"), format_money(trade, locale="en_US")
('¥44,640,000,000.00', 'CN¥44,640,000,000.00')
>>> format_money(trade, locale="zh_CN", compact=True)
'¥446.4亿'
>>> format_money(trade, locale="en_US", compact=True)
'CN¥44.64B'
>>> format_money_long(trade, locale="zh_CN"), format_money_long(trade, locale="en_US")
('446.4亿元', '44.64 billion yuan')
>>> format_money(Money("99999999", "CNY"), locale="zh_CN", compact=True)
'¥1亿'
>>> format_growth(Growth.parse("+11%"), locale="en_US")
'+11%'
>>> format_money(trade, locale=None)
Traceback (most recent call last):
...
littlegiants.errors.UnknownLocaleError: Unknown locale None: expected a locale identifier ...
>>> format_money(trade, locale="xx_YY")
Traceback (most recent call last):
...
littlegiants.errors.UnknownLocaleError: Unknown locale 'xx_YY': CLDR (babel) has no such locale; ...

More information:

- Shenzhen Daily, 2022-11-23 (the figures above):
  http://www.eyeshenzhen.com/content/2022-11/23/content_25472690.htm
- Unicode TR35, compact number formats:
  https://www.unicode.org/reports/tr35/tr35-numbers.html#Compact_Number_Formats
- CLDR, the locale data: https://cldr.unicode.org/
- babel's number formatting: https://babel.pocoo.org/en/latest/numbers.html
"""

from __future__ import annotations

import decimal
import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Final, Literal

from babel.numbers import (
    NumberPattern,
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    get_currency_name,
    get_minus_sign_symbol,
    get_plus_sign_symbol,
    parse_pattern,
)

from littlegiants._exact import EXACT, MIN_EXPONENT
from littlegiants._locales import N_, find_locale
from littlegiants.errors import InvalidArgumentError, Reason, known_locale

if TYPE_CHECKING:
    from babel import Locale

    from littlegiants.growth import Growth
    from littlegiants.money import Money

__all__ = ["babel_locale", "format_growth", "format_money", "format_money_long"]

#: Compact forms keep at most two fraction digits in the unit of their scale word.
_COMPACT_QUANTUM: Final = Decimal("0.01")

#: Currency units of the long form that CLDR's currency names do not give: sources write
#: "446.4亿元" and "44.64 billion yuan", not "446.4亿人民币" or "44.64 billion Chinese yuan".
_LONG_UNITS: Final[dict[tuple[str, str], str]] = {
    ("zh", "CNY"): "元",
    ("zh", "USD"): "美元",
    ("en", "CNY"): "yuan",
}

#: The finest decimal of a percentage: a growth rate has no digit finer than ``1E-64``.
_MAX_PERCENT_DIGITS: Final = -MIN_EXPONENT - 2

#: Languages that write the currency unit straight after the number, without a space.
_UNSPACED: Final = frozenset({"zh", "ja"})

_CompactKind = Literal["currency", "short", "long"]


def babel_locale(locale: object) -> Locale:
    r"""The babel ``Locale`` for ``locale``; strings are parsed once and cached.

    Args:
        locale: an identifier (``"zh_CN"``, ``"en_US"``; ``"zh-CN"`` is read too) or a
            ``babel.Locale``.

    Raises:
        UnknownLocaleError: ``locale`` is not a string or ``babel.Locale`` (``None`` included:
            littlegiants never uses the system locale), is not an identifier, or names a
            locale CLDR does not have (a ``ValueError``).

    >>> babel_locale("zh-CN")
    Locale('zh', territory='CN', script='Hans')
    >>> babel_locale("zh_CN\n")
    Traceback (most recent call last):
    ...
    littlegiants.errors.UnknownLocaleError: Unknown locale 'zh_CN\n': it is not a locale ...
    """
    return known_locale(locale, find_locale(locale))


@functools.lru_cache(maxsize=256)
def _compact_table(locale: Locale, kind: _CompactKind) -> tuple[tuple[Decimal, int], ...]:
    """The locale's compact buckets: (lowest magnitude, power of ten it divides by), ascending.

    The first bucket, from zero, divides by nothing; so does a bucket whose CLDR pattern is
    ``0`` (no compact form, as zh_CN has for thousands). A pattern with ``n`` zeros for the
    magnitude ``10**k`` shows the amount in units of ``10**(k - n + 1)``: zh_CN ``¤00万`` for
    100000 shows tens of thousands.
    """
    if kind == "currency":
        formats = locale.compact_currency_formats["short"]
    else:
        formats = locale.compact_decimal_formats[kind]
    table = [(Decimal(0), 0)]
    for key in sorted(formats["other"], key=int):
        power = len(key) - 1
        if key != "1" + "0" * power:  # CLDR magnitudes are powers of ten; skip anything else
            continue
        text = formats["other"][key].pattern
        table.append((Decimal(key), 0 if text == "0" else power - text.count("0") + 1))
    return tuple(table)


def _round_compact(amount: Decimal, table: tuple[tuple[Decimal, int], ...]) -> Decimal:
    """Round ``amount`` half-up to two places in the unit of its bucket, chosen after rounding.

    The result is exact and already rounded, so babel's own rounding (which would use the global
    context, half-even) has nothing left to do and its bucket choice agrees with ours.
    """
    size = amount.copy_abs()
    index = max(i for i, (low, _) in enumerate(table) if size >= low)
    while True:
        power = table[index][1]
        rounded = (
            size.scaleb(-power, context=EXACT)
            .quantize(_COMPACT_QUANTUM, rounding=decimal.ROUND_HALF_UP, context=EXACT)
            .scaleb(power, context=EXACT)
        )
        if index + 1 < len(table) and rounded >= table[index + 1][0]:
            index += 1  # rounding carried it into the next bucket: 9999.9999万 is 1亿
            continue
        break
    if rounded.is_zero():
        return rounded
    return rounded.copy_negate() if amount.is_signed() else rounded


def _count(value: Decimal) -> Decimal:
    """The number as displayed (trailing zeros dropped), for choosing a plural form."""
    size = value.copy_abs()
    if size == size.to_integral_value(context=EXACT):
        return size.quantize(Decimal(1), context=EXACT)
    return size.normalize(EXACT)


def format_money(m: Money, *, locale: str | Locale, compact: bool = False) -> str:
    """Return ``m`` as text for people in ``locale``, in full or in CLDR's short compact form.

    The full form rounds half-up to the currency's minor unit (:meth:`Money.round`) and shows
    all its digits: ``¥44,640,000,000.00``. The compact form rounds half-up to two places in the
    unit of the scale word, drops trailing zeros, and picks the scale word after rounding:
    ``¥446.4亿``, ``CN¥44.64B``, and ``¥1亿`` (not ``¥10000万``) for 99,999,999 yuan. Amounts below
    the locale's smallest compact magnitude are shown plainly: ``¥1234.5``.

    Args:
        m: the amount.
        locale: a locale identifier (``"zh_CN"``, ``"en_US"``; ``"zh-CN"`` is also read) or a
            ``babel.Locale``.
        compact: whether to use the short compact form.

    Returns:
        The formatted amount.

    Raises:
        UnknownLocaleError: ``locale`` is not a string or ``babel.Locale`` (``None`` included),
            not a locale identifier, or a locale CLDR does not have (a ``ValueError``).

    >>> from littlegiants.money import Money
    >>> format_money(Money("1.005", "CNY"), locale="zh_CN")
    '¥1.01'
    >>> format_money(Money("99.2E6", "USD"), locale="en_US")
    '$99,200,000.00'
    >>> format_money(Money("-27590000", "USD"), locale="zh_CN", compact=True)
    '-US$2759万'
    >>> [format_money(Money(a, "CNY"), locale="zh_CN", compact=True)
    ...  for a in ("9999.995", "99999999", "99994999", "1234.5")]
    ['¥1万', '¥1亿', '¥9999.5万', '¥1234.5']
    >>> format_money(Money("999999.999", "USD"), locale="en_US", compact=True)
    '$1M'
    >>> format_money(Money("1", "CNY"), locale=None)
    Traceback (most recent call last):
    ...
    littlegiants.errors.UnknownLocaleError: Unknown locale None: expected a locale identifier ...
    """
    where = babel_locale(locale)
    if compact:
        value = _round_compact(m.amount, _compact_table(where, "currency"))
        with decimal.localcontext(EXACT):
            return format_compact_currency(value, m.currency, locale=where, fraction_digits=2)
    amount = m.round().amount
    if amount.is_zero():
        amount = amount.copy_abs()  # -0.001 yuan rounds to 0.00, printed without a minus
    with decimal.localcontext(EXACT):
        return format_currency(amount, m.currency, locale=where)


def format_money_long(m: Money, *, locale: str | Locale) -> str:
    """Return ``m`` in the long compact form of running text: ``446.4亿元``, ``44.64 billion yuan``.

    The number is the locale's long compact number (``44.64 billion``) or, where CLDR has none
    (Chinese), its short one (``446.4亿``), with the same rounding as the compact form of
    :func:`format_money`. The unit is ``元`` and ``美元`` in Chinese and ``yuan`` in English,
    as sources write them; otherwise CLDR's name of the currency in that locale, in the plural
    form the number takes (``US dollars``, ``欧元``).

    Args:
        m: the amount.
        locale: a locale identifier or a ``babel.Locale``.

    Returns:
        The formatted amount.

    Raises:
        UnknownLocaleError: ``locale`` is not a locale CLDR has (see :func:`format_money`).

    >>> from littlegiants.money import Money
    >>> format_money_long(Money("99200000", "USD"), locale="en_US")
    '99.2 million US dollars'
    >>> format_money_long(Money("99200000", "USD"), locale="zh_CN")
    '9920万美元'
    >>> format_money_long(Money("99999999", "CNY"), locale="zh_CN")
    '1亿元'
    >>> format_money_long(Money("1", "USD"), locale="en_US")
    '1 US dollar'
    >>> format_money_long(Money("-1234567", "EUR"), locale="zh_CN")
    '-123.46万欧元'
    """
    where = babel_locale(locale)
    kind: Literal["short", "long"] = "long" if "long" in where.compact_decimal_formats else "short"
    value = _round_compact(m.amount, _compact_table(where, kind))
    unit = _LONG_UNITS.get((where.language, m.currency))
    with decimal.localcontext(EXACT):
        number = format_compact_decimal(value, format_type=kind, locale=where, fraction_digits=2)
        if unit is None:
            unit = get_currency_name(m.currency, _count(value), locale=where)
    joiner = "" if where.language in _UNSPACED else " "
    return f"{number}{joiner}{unit}"


@functools.lru_cache(maxsize=64)
def _percent_pattern(locale: Locale) -> NumberPattern:
    return parse_pattern(locale.percent_formats[None])


def format_growth(g: Growth, *, locale: str | Locale, digits: int = 1) -> str:
    r"""Return ``g`` as a signed percentage in ``locale``: ``+11%``, ``-3.5%``, ``0%``.

    The percentage is rounded half-up (away from zero on a tie) to ``digits`` decimals, and
    trailing zeros are dropped. A growth that rounds to zero has no sign.

    Args:
        g: the growth.
        locale: a locale identifier or a ``babel.Locale``.
        digits: the most decimals to show, a whole number from 0 to 62 (a growth has no digit
            finer than ``1E-64``, so its percentage none finer than ``1E-62``).

    Returns:
        The formatted growth, with the locale's plus or minus sign and percent pattern.

    Raises:
        InvalidArgumentError: ``digits`` is not a whole number from 0 to 62 (a ``ValueError``).
        UnknownLocaleError: ``locale`` is not a locale CLDR has (see :func:`format_money`).

    >>> from littlegiants.growth import Growth
    >>> [format_growth(Growth.parse(t), locale="zh_CN") for t in ("+109%", "-3.5%", "0%")]
    ['+109%', '-3.5%', '0%']
    >>> format_growth(Growth.parse("+10.25%"), locale="en_US"), format_growth(
    ...     Growth.parse("-10.25%"), locale="en_US", digits=0)
    ('+10.3%', '-10%')
    >>> format_growth(Growth.parse("-0.04%"), locale="en_US")
    '0%'
    >>> format_growth(Growth.parse("+59%"), locale="de_DE")
    '+59\xa0%'
    >>> format_growth(Growth.parse("+59%"), locale="en_US", digits=-1)
    Traceback (most recent call last):
    ...
    littlegiants.errors.InvalidArgumentError: Invalid digits -1: expected a whole number from 0 ...
    """
    if (
        isinstance(digits, bool)
        or not isinstance(digits, int)
        or not 0 <= digits <= _MAX_PERCENT_DIGITS
    ):
        raise InvalidArgumentError(
            digits,
            N_("digits"),
            Reason(N_("expected a whole number from 0 to {high}"), high=_MAX_PERCENT_DIGITS),
        )
    where = babel_locale(locale)
    percent = g.rate.scaleb(2, context=EXACT).quantize(
        Decimal(1).scaleb(-digits, context=EXACT),
        rounding=decimal.ROUND_HALF_UP,
        context=EXACT,
    )
    if percent.is_zero():
        sign = ""
    elif percent.is_signed():
        sign = get_minus_sign_symbol(where)
    else:
        sign = get_plus_sign_symbol(where)
    with decimal.localcontext(EXACT):
        # The pattern scales a fraction by 100; with decimal_quantization off it shows every
        # digit the value has, which after the rounding above is at most ``digits``.
        text = _percent_pattern(where).apply(
            percent.copy_abs().scaleb(-2), where, decimal_quantization=False
        )
    return f"{sign}{text}"
