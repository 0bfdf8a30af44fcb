"""Tests of littlegiants.formatting: money and growth as text for people, in an explicit locale."""

from __future__ import annotations

import decimal
import re
from decimal import Decimal, localcontext

import pytest
from babel import Locale
from hypothesis import given, settings
from hypothesis import strategies as st

from littlegiants._exact import bounds_problem
from littlegiants._locales import parse_locale as _parse_locale
from littlegiants.errors import InvalidArgumentError, LittleGiantsError, UnknownLocaleError
from littlegiants.formatting import (
    format_growth,
    format_money,
    format_money_long,
)
from littlegiants.growth import Growth
from littlegiants.money import Money

LOCALES = ("zh_CN", "en_US")
#: Locales with other symbols, separators, scale words and sign placement, for "never raises".
MORE_LOCALES = (*LOCALES, "de_DE", "fr_FR", "hi_IN", "ja_JP", "sv_SE", "de_CH", "fa_IR", "tr_TR")

TRADE = Money("44640000000", "CNY")  # Shenzhen's little giants, Jan–Oct 2022 (Shenzhen Daily)
IMPORTS = Money("99200000", "USD")  # Hosin Global Electronics, imports, Jan–Oct 2022
EXPORTS = Money("27590000", "USD")  # Hosin Global Electronics, exports, Jan–Oct 2022

amounts = st.decimals(allow_nan=False, allow_infinity=False)
#: Amounts spread over every magnitude a compact form has a scale word for, and beyond.
scaled_amounts = st.builds(
    lambda digits, power: digits.scaleb(power),
    st.decimals(
        min_value=Decimal(-1000), max_value=Decimal(1000), allow_nan=False, allow_infinity=False
    ),
    st.integers(min_value=-6, max_value=20),
)
#: Only amounts inside the library's bounds: Money refuses the others (tests/test_money.py).
any_amounts = (amounts | scaled_amounts).filter(lambda amount: bounds_problem(amount) is None)
locales = st.sampled_from(LOCALES)


@st.composite
def moneys(
    draw: st.DrawFn,
    currencies: tuple[str, ...] = ("CNY", "USD"),
    values: st.SearchStrategy[Decimal] = any_amounts,
) -> Money:
    return Money(draw(values), draw(st.sampled_from(currencies)))


#: The number and scale word of a zh_CN or en_US compact form: "¥446.4亿", "-CN¥44.64B".
COMPACT = re.compile(
    r"^-?(?:¥|CN¥|US\$|\$)(?P<number>[\d,]+(?:\.(?P<fraction>\d+))?)(?P<scale>\D*)$"
)
LONG = re.compile(
    r"^-?(?P<number>[\d,]+(?:\.(?P<fraction>\d+))?) ?(?P<scale>万亿|亿|万|thousand|million|billion|"
    r"trillion)?"
)
#: Each scale word and how many of its units make the next one (None: the largest, no limit).
NEXT_SCALE = {"万": 10000, "亿": 10000, "万亿": None, "K": 1000, "M": 1000, "B": 1000, "T": None}
NEXT_SCALE |= {"thousand": 1000, "million": 1000, "billion": 1000, "trillion": None}


def compact_parts(text: str, pattern: re.Pattern[str]) -> tuple[Decimal, str, str]:
    match = pattern.match(text)
    assert match is not None, text
    return Decimal(match["number"].replace(",", "")), match["fraction"] or "", match["scale"]


class TestFormatMoney:
    def test_seed_figure_in_both_locales(self) -> None:
        """The full form shows the locale's symbol, grouping and two decimals for yuan."""
        assert "¥44,640,000,000.00" == format_money(TRADE, locale="zh_CN")
        assert "CN¥44,640,000,000.00" == format_money(TRADE, locale="en_US")
        assert "$99,200,000.00" == format_money(IMPORTS, locale="en_US")
        assert "US$99,200,000.00" == format_money(IMPORTS, locale="zh_CN")

    @pytest.mark.parametrize(
        ("amount", "expected"),
        [("0.625", "¥0.63"), ("1.005", "¥1.01"), ("-0.625", "-¥0.63"), ("2.675", "¥2.68")],
    )
    def test_rounds_half_up_to_the_minor_unit(self, amount: str, expected: str) -> None:
        """Ties round away from zero (half-up), not to even as Decimal and babel do by default."""
        assert expected == format_money(Money(amount, "CNY"), locale="zh_CN")

    def test_uses_each_currencys_minor_unit(self) -> None:
        """JPY shows no decimals and KWD three, as CLDR says."""
        assert "JP¥1,235" == format_money(Money("1234.5", "JPY"), locale="zh_CN")
        assert "KWD1.235" == format_money(Money("1.2345", "KWD"), locale="en_US")

    @pytest.mark.parametrize("amount", ["-0.001", "-0", "-0.00"])
    def test_negative_zero_has_no_minus(self, amount: str) -> None:
        """An amount that rounds to zero prints as zero, not as minus zero."""
        assert "¥0.00" == format_money(Money(amount, "CNY"), locale="zh_CN")
        assert "¥0" == format_money(Money(amount, "CNY"), locale="zh_CN", compact=True)

    def test_ignores_the_global_decimal_context(self) -> None:
        """A caller's 3-digit, round-down context changes nothing (babel alone would raise)."""
        amount = Money("1234567890123456789012345678901.235", "CNY")
        expected = [format_money(amount, locale="zh_CN"), format_money(TRADE, locale="en_US")]
        with localcontext() as ctx:
            ctx.prec = 3
            ctx.rounding = decimal.ROUND_DOWN
            actual = [format_money(amount, locale="zh_CN"), format_money(TRADE, locale="en_US")]
            compact = format_money(TRADE, locale="zh_CN", compact=True)
        assert ["¥1,234,567,890,123,456,789,012,345,678,901.24", "CN¥44,640,000,000.00"] == expected
        assert expected == actual
        assert "¥446.4亿" == compact

    @given(m=moneys(), locale=locales)
    def test_full_form_reads_back_as_the_rounded_amount(self, m: Money, locale: str) -> None:
        """Money.parse reads the full form back, in the same locale, as the rounded amount."""
        assert m.round() == Money.parse(format_money(m, locale=locale), locale=locale)

    def test_reads_back_long_numbers(self) -> None:
        """An amount of more digits than the global context keeps reads back exactly."""
        m = Money("1e25", "CNY")
        text = format_money(m, locale="zh_CN")
        with localcontext(prec=3):
            parsed = Money.parse(text, locale="zh_CN")
        assert "¥10,000,000,000,000,000,000,000,000.00" == text
        assert m == parsed

    @given(
        m=moneys(("CNY", "USD", "JPY", "KWD", "EUR", "HKD", "INR")),
        locale=st.sampled_from(MORE_LOCALES),
        compact=st.booleans(),
    )
    def test_never_raises(self, m: Money, locale: str, compact: bool) -> None:
        """Every valid amount formats, in full, compact and long, in locales of every shape."""
        assert format_money(m, locale=locale, compact=compact)
        assert format_money_long(m, locale=locale)


class TestCompact:
    def test_seed_figures(self) -> None:
        """Compact forms keep up to two decimals of the scale word's unit."""
        assert "¥446.4亿" == format_money(TRADE, locale="zh_CN", compact=True)
        assert "CN¥44.64B" == format_money(TRADE, locale="en_US", compact=True)
        assert "$27.59M" == format_money(EXPORTS, locale="en_US", compact=True)
        assert "US$9920万" == format_money(IMPORTS, locale="zh_CN", compact=True)

    @pytest.mark.parametrize(
        ("amount", "locale", "expected"),
        [
            ("99999999", "zh_CN", "¥1亿"),
            ("99999950", "zh_CN", "¥1亿"),
            ("99999949.99", "zh_CN", "¥9999.99万"),
            ("99994999.99", "zh_CN", "¥9999.5万"),
            ("9999.995", "zh_CN", "¥1万"),
            ("9999.994", "zh_CN", "¥9999.99"),
            ("999999999999.5", "zh_CN", "¥1万亿"),
            ("999.995", "en_US", "CN¥1K"),
            ("999994999", "en_US", "CN¥999.99M"),
            ("999995000", "en_US", "CN¥1B"),
            ("-99999999", "zh_CN", "-¥1亿"),
        ],
    )
    def test_rounds_before_choosing_the_scale_word(
        self, amount: str, locale: str, expected: str
    ) -> None:
        """A value that rounds up to the next scale word takes it: ¥1亿, never ¥10000万."""
        assert expected == format_money(Money(amount, "CNY"), locale=locale, compact=True)

    def test_below_the_smallest_scale_word_is_plain(self) -> None:
        """Amounts too small for a scale word keep their rounded digits without one."""
        assert "¥1234.5" == format_money(Money("1234.5", "CNY"), locale="zh_CN", compact=True)
        assert "$999.5" == format_money(Money("999.499", "USD"), locale="en_US", compact=True)
        assert "¥0.01" == format_money(Money("0.005", "CNY"), locale="zh_CN", compact=True)

    def test_ignores_the_global_rounding_mode(self) -> None:
        """Ties round half-up even when the caller's context rounds half-even or down."""
        with localcontext() as ctx:
            ctx.rounding = decimal.ROUND_DOWN
            text = format_money(Money("12345000", "CNY"), locale="en_US", compact=True)
        assert "CN¥12.35M" == text

    @given(m=moneys(), locale=locales)
    def test_at_most_two_fraction_digits(self, m: Money, locale: str) -> None:
        """The compact number never shows more than two decimals, and no trailing zero."""
        _, fraction, _ = compact_parts(format_money(m, locale=locale, compact=True), COMPACT)
        assert len(fraction) <= 2
        assert not fraction.endswith("0")

    @given(m=moneys(), locale=locales)
    def test_never_overflows_a_scale_word(self, m: Money, locale: str) -> None:
        """Below the largest scale word, the number stays under the next one (no ¥10000万)."""
        number, _, scale = compact_parts(format_money(m, locale=locale, compact=True), COMPACT)
        limit = NEXT_SCALE.get(scale)
        if scale and limit is not None:
            assert number < limit
        if abs(m.amount) >= 10000:
            assert scale

    @settings(deadline=None)  # the first scale word read builds pint's registry (~0.3 s)
    @given(m=moneys(), locale=locales)
    def test_reads_back_close_to_the_amount(self, m: Money, locale: str) -> None:
        """Money.parse reads the compact form back within half a unit of its last digit."""
        parsed = Money.parse(format_money(m, locale=locale, compact=True), locale=locale)
        error = abs(parsed.amount - m.amount)
        assert m.currency == parsed.currency
        assert error <= max(Decimal("0.005"), abs(m.amount) * Decimal("0.0051"))


class TestFormatMoneyLong:
    def test_seed_figures(self) -> None:
        """Long forms read as sources write them, with 元/美元 and yuan/US dollars."""
        assert "446.4亿元" == format_money_long(TRADE, locale="zh_CN")
        assert "44.64 billion yuan" == format_money_long(TRADE, locale="en_US")
        assert "9920万美元" == format_money_long(IMPORTS, locale="zh_CN")
        assert "27.59 million US dollars" == format_money_long(EXPORTS, locale="en_US")

    def test_other_currencies_take_the_cldr_name(self) -> None:
        """Other currencies are named as CLDR names them, in the number's plural form."""
        assert "1.5万欧元" == format_money_long(Money("15000", "EUR"), locale="zh_CN")
        assert "1 euro" == format_money_long(Money("1", "EUR"), locale="en_US")
        assert "1 thousand euros" == format_money_long(Money("1000", "EUR"), locale="en_US")
        assert "1.5 euros" == format_money_long(Money("1.5", "EUR"), locale="en_US")

    def test_rounds_before_choosing_the_scale_word(self) -> None:
        """99,999,999 yuan is 1亿元 and 100 million yuan, not 10000万元."""
        assert "1亿元" == format_money_long(Money("99999999", "CNY"), locale="zh_CN")
        assert "100 million yuan" == format_money_long(Money("99999999", "CNY"), locale="en_US")
        assert "1 billion yuan" == format_money_long(Money("999995000", "CNY"), locale="en_US")

    def test_negative(self) -> None:
        """A negative amount keeps its minus sign in front."""
        assert "-446.4亿元" == format_money_long(-TRADE, locale="zh_CN")
        assert "-44.64 billion yuan" == format_money_long(-TRADE, locale="en_US")

    @settings(deadline=None)  # the first scale word read builds pint's registry (~0.3 s)
    @given(m=moneys(), locale=locales)
    def test_reads_back_close_to_the_amount(self, m: Money, locale: str) -> None:
        """Money.parse reads the long form back within half a unit of its last digit."""
        parsed = Money.parse(format_money_long(m, locale=locale))
        error = abs(parsed.amount - m.amount)
        assert m.currency == parsed.currency
        assert error <= max(Decimal("0.005"), abs(m.amount) * Decimal("0.0051"))

    def test_singular_dollar_reads_back(self) -> None:
        """One dollar, in the singular CLDR gives it, reads back as one dollar."""
        text = format_money_long(Money("1", "USD"), locale="en_US")
        assert "1 US dollar" == text
        assert Money("1", "USD") == Money.parse(text)

    @given(m=moneys(), locale=locales)
    def test_at_most_two_fraction_digits_and_no_overflow(self, m: Money, locale: str) -> None:
        """The long number has at most two decimals and stays under the next scale word."""
        number, fraction, scale = compact_parts(format_money_long(m, locale=locale), LONG)
        limit = NEXT_SCALE.get(scale)
        assert len(fraction) <= 2
        if limit is not None:
            assert number < limit


class TestFormatGrowth:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [("+11%", "+11%"), ("+59%", "+59%"), ("+109%", "+109%"), ("-3.5%", "-3.5%"), ("0%", "0%")],
    )
    def test_source_figures(self, text: str, expected: str) -> None:
        """Growth prints signed, with trailing zeros dropped, as sources print it."""
        assert expected == format_growth(Growth.parse(text), locale="zh_CN")
        assert expected == format_growth(Growth.parse(text), locale="en_US")

    @pytest.mark.parametrize(
        ("rate", "digits", "expected"),
        [
            ("0.1025", 1, "+10.3%"),
            ("-0.1025", 1, "-10.3%"),
            ("0.00125", 2, "+0.13%"),
            ("0.105", 0, "+11%"),
            ("0.1049", 0, "+10%"),
            ("0.10", 3, "+10%"),
            ("-0.0004", 1, "0%"),
        ],
    )
    def test_rounds_half_up_to_digits(self, rate: str, digits: int, expected: str) -> None:
        """Ties round away from zero, and what rounds to zero has no sign."""
        assert expected == format_growth(Growth(Decimal(rate)), locale="en_US", digits=digits)

    def test_uses_the_locales_percent_pattern_and_signs(self) -> None:
        """The locale decides the separator, the percent's place and the minus sign."""
        assert "+59\xa0%" == format_growth(Growth.parse("+59%"), locale="de_DE")
        assert "\u22123,5\xa0%" == format_growth(Growth.parse("-3.5%"), locale="sv_SE")
        assert "+%50" == format_growth(Growth.parse("+50%"), locale="tr_TR")
        assert "+1,000%" == format_growth(Growth(Decimal(10)), locale="en_US")

    @pytest.mark.parametrize("digits", [-1, True, 1.5, "1", 63, 10**9])
    def test_refuses_bad_digits(self, digits: object) -> None:
        """digits is a whole number from 0 to 62; 10**9 is refused, not a billion-digit number."""
        with pytest.raises(InvalidArgumentError, match="digits") as info:
            format_growth(Growth.parse("+11%"), locale="en_US", digits=digits)  # type: ignore[arg-type]
        assert isinstance(info.value, ValueError)

    def test_the_finest_growth_shows_at_62_digits(self) -> None:
        """62 decimals of a percentage show a growth's finest digit, 1E-64."""
        expected = "+0." + "0" * 61 + "1%"
        assert expected == format_growth(Growth(Decimal("1E-64")), locale="en_US", digits=62)

    @given(
        rate=st.decimals(
            min_value=Decimal(-1), max_value=Decimal(100), allow_nan=False, allow_infinity=False
        ).filter(lambda rate: bounds_problem(rate) is None),
        digits=st.integers(min_value=0, max_value=4),
        locale=locales,
    )
    def test_reads_back_as_the_rounded_growth(
        self, rate: Decimal, digits: int, locale: str
    ) -> None:
        """Growth.parse reads the text back as the growth rounded half-up to ``digits``."""
        text = format_growth(Growth(rate), locale=locale, digits=digits).replace(",", "")
        with localcontext(prec=1000):
            percent = rate * 100
            expected = percent.quantize(Decimal(1).scaleb(-digits), decimal.ROUND_HALF_UP)
        assert Growth.from_percent(expected) == Growth.parse(text)
        decimals = text.rstrip("%").partition(".")[2]
        assert len(decimals) <= digits
        assert not decimals.endswith("0")


class TestLocale:
    def test_locale_object_and_identifier_agree(self) -> None:
        """A babel Locale, an identifier and a BCP 47 tag give the same text."""
        expected = format_money(TRADE, locale="zh_CN", compact=True)
        assert expected == format_money(TRADE, locale=Locale.parse("zh_CN"), compact=True)
        assert expected == format_money(TRADE, locale="zh-CN", compact=True)

    def test_identifiers_are_parsed_once(self) -> None:
        """Locale identifiers are parsed once and cached (babel takes ~180 µs to parse one)."""
        assert _parse_locale("en_US") is _parse_locale("en_US")

    @pytest.mark.parametrize("locale", [None, 3, b"zh_CN"])
    def test_refuses_a_missing_locale(self, locale: object) -> None:
        """There is no default locale: None or a non-string is an UnknownLocaleError saying so."""
        with pytest.raises(UnknownLocaleError, match="never uses the system locale") as info:
            format_money(TRADE, locale=locale)  # type: ignore[arg-type]
        assert locale == info.value.value
        with pytest.raises(UnknownLocaleError, match="never uses the system locale"):
            format_growth(Growth.parse("+11%"), locale=locale)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "locale",
        [
            "zh_CN\n",
            "en-US\n\r\n",  # babel looked for a file named so: FileNotFoundError
            "../../etc/passwd",
            "",
            " ",
            "zh__CN",
            "i-klingon",
            "zh_CN ",
            "x" * 101,
            "\x00",
            "ｚｈ_CN",
        ],
    )
    def test_malformed_identifiers_are_our_error(self, locale: str) -> None:
        """What babel calls ValueError is the library's UnknownLocaleError, naming the value."""
        for call in (
            lambda: format_money(TRADE, locale=locale),
            lambda: format_money(TRADE, locale=locale, compact=True),
            lambda: format_money_long(TRADE, locale=locale),
            lambda: format_growth(Growth.parse("+11%"), locale=locale),
        ):
            with pytest.raises(UnknownLocaleError) as info:
                call()
            assert locale == info.value.value

    def test_unknown_locale(self) -> None:
        """An identifier CLDR does not know raises the library's UnknownLocaleError."""
        with pytest.raises(UnknownLocaleError, match="CLDR") as info:
            format_money_long(TRADE, locale="xx_YY")
        assert "xx_YY" == info.value.value
        assert isinstance(info.value, LittleGiantsError)
        assert isinstance(info.value, ValueError)
