"""Fuzzing every parser and constructor of the value and domain floors (issue 12).

Modelled on python-stdnum's robustness test: whatever a careless or hostile caller passes, the only
exceptions that escape are the library's own (``LittleGiantsError`` subclasses), nothing hangs, the
``is_valid_*`` twins never raise and agree with their parsers, and whatever a parser accepts prints
(``str()``) as text the same parser reads back to an equal value.

Three kinds of text go through every reader:

- arbitrary text (hypothesis' ``st.text()``, any Unicode but lone surrogates);
- arbitrary bytes decoded as UTF-8 or GB 18030 with ``errors="replace"`` or ``"surrogateescape"``
  (what a careless reader of a file hands over; the latter keeps lone surrogates);
- near-misses: a valid text (an amount, a growth, a period, a code, a rate...) with one to three
  mutations, each an insertion, replacement or deletion of a token that breaks parsers: huge
  exponents, extra signs, full-width and other Unicode digits, scale words (万, 亿, billion) mixed
  in, NaN/sNaN/Infinity spellings, control characters, long runs of digits.

Constructors get one field at a time replaced with junk (None, bools, huge ints, floats, NaN and
sNaN Decimals, bytes, dates, datetimes, containers) and must refuse it with a library error.

Examples per test (``EXAMPLES``): 2,000 arbitrary texts, 1,500 decoded byte strings and 8,000
near-misses, each through 43 readers and 5 twins (about 500,000 calls); 8,000 junk values into 54
constructors, methods and functions; 3,000 values into the twins. Under ``HYPOTHESIS_PROFILE=ci``
(derandomized) the file runs in about 37 s (28 s of CPU) on the project's shared 2-core machine
at a load of 2.6; allow up to a minute when the machine is busier.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from littlegiants._exact import to_decimal, to_exact, to_figure
from littlegiants.batches import ReReviewRound, miit_batch
from littlegiants.counts import DesignationCount
from littlegiants.credit import (
    CreditCode,
    format_credit_code,
    is_valid_credit_code,
    validate_credit_code,
)
from littlegiants.designation import (
    Designation,
    DesignationLevel,
    ReReview,
    format_level,
    is_valid_level,
)
from littlegiants.enterprise import Enterprise, Relocation
from littlegiants.errors import LittleGiantsError
from littlegiants.financials import Award, ChuangkePlacing, FinancialYear, ProductField, Profile
from littlegiants.formatting import babel_locale, format_growth, format_money, format_money_long
from littlegiants.fx import ExchangeRate, RateTable
from littlegiants.growth import Growth
from littlegiants.money import Money, is_valid_currency, validate_currency
from littlegiants.periods import Period, format_period, is_valid_period
from littlegiants.records import DesignationRecord, FinancialRecord, ProfileRecord, RelocationRecord
from littlegiants.regions import Region, find_region, format_region, is_valid_region
from littlegiants.trade import TradeAggregate, TradeFlow, TradeRecord, summarize

#: ``max_examples`` per test, chosen so the file runs in well under a minute (module docstring).
EXAMPLES = {"text": 2000, "bytes": 1500, "near misses": 8000, "junk": 8000, "twins": 3000}

DAY = dt.date(2022, 11, 23)
CODE = "91440300MA5FT4XU6G"  # made up, with a correct check character
AMOUNT = Money("44640000000", "CNY")
GROWTH = Growth(Decimal("0.11"))
FIRM = Enterprise("示例科技有限公司")

# -- readers of text --------------------------------------------------------------------------

#: Every reader of text in the two floors, and constructors that take text in one field.
READERS: dict[str, Callable[[str], object]] = {
    "to_decimal": to_decimal,
    "to_exact": to_exact,
    "to_figure": to_figure,
    "Money()": lambda text: Money(text, "CNY"),
    "Money(currency)": lambda text: Money(1, text),
    "Money.parse": Money.parse,
    "Money.parse(currency)": lambda text: Money.parse(text, currency="USD"),
    "Money.parse(locale)": lambda text: Money.parse(text, locale="de_DE"),
    "Money.parse(locale=text)": lambda text: Money.parse("1.234,5 €", locale=text),
    "validate_currency": validate_currency,
    "ExchangeRate()": lambda text: ExchangeRate("USD", "CNY", rate=text, on=DAY),
    "ExchangeRate(base)": lambda text: ExchangeRate(text, "CNY", rate=7, on=DAY),
    "ExchangeRate.parse": ExchangeRate.parse,
    "Growth.parse": Growth.parse,
    "Growth.from_percent": Growth.from_percent,
    "Period.parse": Period.parse,
    "CreditCode()": CreditCode,
    "CreditCode.parse": CreditCode.parse,
    "validate_credit_code": validate_credit_code,
    "format_credit_code": format_credit_code,
    "Region()": Region,
    "Region.parse": Region.parse,
    "format_region": format_region,
    "DesignationLevel.parse": DesignationLevel.parse,
    "TradeFlow.parse": TradeFlow.parse,
    "ProductField.parse": ProductField.parse,
    "babel_locale": babel_locale,
    "format_money(locale)": lambda text: format_money(AMOUNT, locale=text, compact=True),
    "format_money_long(locale)": lambda text: format_money_long(AMOUNT, locale=text),
    "format_growth(locale)": lambda text: format_growth(GROWTH, locale=text),
    "format_period(locale)": lambda text: format_period(Period.year(2022), locale=text),
    "format_level(locale)": lambda text: format_level(DesignationLevel.NATIONAL, locale=text),
    "Enterprise(name)": Enterprise,
    "Designation(level)": lambda text: Designation(text, DAY),
    "Designation(authority)": lambda text: Designation("national", DAY, authority=text),
    "Award(level)": lambda text: Award(text, 1, 2023),
    "ChuangkePlacing(group)": lambda text: ChuangkePlacing(2023, text),
    "Profile(honours)": lambda text: Profile(honours=[text]),
    "TradeRecord(period)": lambda text: TradeRecord(FIRM, text, "import", AMOUNT),
    "TradeRecord(flow)": lambda text: TradeRecord(FIRM, "2022", text, AMOUNT),
    "TradeRecord(growth)": lambda text: TradeRecord(FIRM, "2022", "import", AMOUNT, growth=text),
    "TradeAggregate(label)": lambda text: TradeAggregate(label=text, period="2022", value=AMOUNT),
    "DesignationCount(kind)": lambda text: DesignationCount(
        level="national", count=1, on=DAY, kind=text
    ),
}

#: What a reader returns, printed with ``str()``, must read back equal through the same reader.
ROUND_TRIPS: dict[str, Callable[[str], object]] = {
    "Money.parse": Money.parse,
    "Money.parse(currency)": Money.parse,
    "Money.parse(locale)": Money.parse,
    "ExchangeRate.parse": ExchangeRate.parse,
    "Growth.parse": Growth.parse,
    "Growth.from_percent": Growth.parse,
    "Period.parse": Period.parse,
    "CreditCode.parse": CreditCode.parse,
    "Region.parse": Region.parse,
    "DesignationLevel.parse": DesignationLevel.parse,
    "TradeFlow.parse": TradeFlow.parse,
    "ProductField.parse": ProductField.parse,
}

#: The never-raising twins and the parser each must agree with.
TWINS: dict[str, tuple[Callable[[object], bool], Callable[[Any], object]]] = {
    "is_valid_currency": (is_valid_currency, validate_currency),
    "is_valid_credit_code": (is_valid_credit_code, validate_credit_code),
    "is_valid_region": (is_valid_region, Region.parse),
    "is_valid_period": (is_valid_period, Period.parse),
    "is_valid_level": (is_valid_level, DesignationLevel.parse),
}


def attempt(call: Callable[[], object]) -> object | LittleGiantsError:
    """The result of ``call``, or the library error it raised; any other exception escapes."""
    try:
        result = call()
    except LittleGiantsError as error:
        result = error
    if isinstance(result, LittleGiantsError):
        assert str(result)  # its message can be shown, whatever the value
    return result


def read_everything(text: str) -> None:
    """Run every reader on ``text``: library errors only, round trips, agreeing twins."""
    for name, read in READERS.items():
        result = attempt(lambda read=read: read(text))  # type: ignore[misc]
        back = ROUND_TRIPS.get(name)
        if back is not None and not isinstance(result, LittleGiantsError):
            assert result == back(str(result)), name
    for name, (is_valid, parse) in TWINS.items():
        accepted = not isinstance(attempt(lambda parse=parse: parse(text)), LittleGiantsError)  # type: ignore[misc]
        assert accepted is is_valid(text), name


# -- the text ---------------------------------------------------------------------------------

#: Valid texts, one or more for each reader.
SEEDS = (
    "44.64 billion yuan",
    "446.4亿元",
    "US$99.2 million",
    "CNY 1,234.50",
    "¥1.25万",
    "-12.5 USD",
    "1234.5 KWD",
    "1.234,5 €",
    "0.000001",
    "9" * 30 + ".99",
    "+11%",
    "同比增长59%",
    "down 3.5%",
    "-0.04%",
    "2022-01..2022-10",
    "2022-01-15",
    "2022",
    "0001-01-01..9999-12-31",
    "91440300MA5FT4XU6G",
    "9111 0000 6000 3734 1L",
    "440305",
    " 440300 ",
    "国家级",
    "State-level",
    "DesignationLevel.NATIONAL",
    "进口",
    "export",
    "关键软件",
    "1 USD = 7.2292 CNY on 2022-11-07 (parity)",
    "zh_CN",
    "en-US",
    "500强",
    "示例科技有限公司",
    "national",
    "held",
)

#: Tokens that break parsers, for the near-misses.
TOKENS = (
    "E+999999999",
    "e-999999999",
    "E+9999999999999999999",
    "E-9999999999999999999",
    "E+31",
    "E-65",
    "+",
    "-",
    "\N{MINUS SIGN}",
    "--",
    "+-",
    "１２３",
    "٣",
    "߁",
    "𝟙",
    "²",
    "½",
    "万",
    "亿",
    "万亿",
    "billion",
    "k",
    "M",
    "NaN",
    "sNaN",
    "-Infinity",
    "inf",
    "∞",
    "\n",
    "\r\n",
    "\t",
    "\x00",
    "\x1c",
    "\x7f",
    "\u200b",
    "\ufeff",
    "\u2028",
    "\u3000",
    "\xa0",
    "\ud800",
    "%",
    "％",
    "..",
    ",",
    ".",
    "'",
    "’",
    " ",
    "_",
    "9" * 50,
    "0." + "0" * 80,
    "(",
    ")",
    "¥",
    "$",
    "CNY",
    "ﬀ",
    "ı",
    "İ",
)

arbitrary_text = st.text(max_size=60)


@st.composite
def decoded_bytes(draw: st.DrawFn) -> str:
    """Bytes decoded as a careless reader would: UTF-8 or GB 18030, replacing or escaping."""
    data = draw(st.binary(max_size=60))
    codec = draw(st.sampled_from(("utf-8", "gb18030")))
    errors = draw(st.sampled_from(("replace", "surrogateescape")))
    return data.decode(codec, errors=errors)


@st.composite
def near_misses(draw: st.DrawFn) -> str:
    """A valid text with one to three mutations."""
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 3))):
        position = draw(st.integers(0, len(text)))
        token = draw(st.sampled_from(TOKENS))
        operation = draw(st.sampled_from(("insert", "replace", "delete", "append", "prefix")))
        if operation == "insert":
            text = text[:position] + token + text[position:]
        elif operation == "replace":
            text = text[:position] + token + text[position + 1 :]
        elif operation == "delete":
            text = text[:position] + text[position + 1 :]
        elif operation == "append":
            text += token
        else:
            text = token + text
    return text


class TestText:
    @settings(deadline=None, max_examples=EXAMPLES["text"])
    @given(arbitrary_text)
    def test_arbitrary_text(self, text: str) -> None:
        """Any text: only library errors, round trips hold, twins agree."""
        read_everything(text)

    @settings(deadline=None, max_examples=EXAMPLES["bytes"])
    @given(decoded_bytes())
    def test_decoded_bytes(self, text: str) -> None:
        """Bytes decoded with replacement characters or lone surrogates: the same."""
        read_everything(text)

    @settings(
        deadline=None,
        max_examples=EXAMPLES["near misses"],
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(near_misses())
    def test_near_misses(self, text: str) -> None:
        """Valid forms with one to three breaking mutations: the same."""
        read_everything(text)

    @pytest.mark.parametrize("text", SEEDS)
    def test_the_seeds_are_read(self, text: str) -> None:
        """Each seed is valid for at least one reader, so the near-misses start from real forms."""
        accepted = [
            name
            for name, read in READERS.items()
            if not isinstance(attempt(lambda read=read: read(text)), LittleGiantsError)  # type: ignore[misc]
        ]
        assert accepted


# -- junk values into constructors ------------------------------------------------------------

#: Values no field expects: every one must be refused with a library error, never a crash.
junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from(
        [10**31, -(10**31), 10**5000, -(2**64), 0, -1, 10**9, Fraction(1, 3), 1 + 2j, object()]
    ),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [
            Decimal("sNaN"),
            Decimal("-NaN"),
            Decimal("1E+999999999"),
            Decimal("-0E-999999999"),
            Decimal("1E-65"),
            Decimal("9" * 40),
        ]
    ),
    st.text(max_size=12),
    st.binary(max_size=8),
    st.dates(),
    st.datetimes(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sampled_from([AMOUNT, GROWTH, FIRM, Period.year(2022), DesignationLevel.NATIONAL]),
)

MONEY = Money("100", "CNY")
RATE = ExchangeRate("USD", "CNY", rate=7, on=DAY)
TABLE = RateTable([RATE])
MOVED = Enterprise(
    "示例",
    region="440305",
    relocations=[Relocation(DAY, "440106", "440305")],
    designations=[Designation("national", dt.date(2022, 8, 1))],
    financials=[FinancialYear(2022, staff=3)],
)

#: Each constructor (or call taking options) with valid arguments; the tests swap one for junk.
CONSTRUCTORS: dict[str, tuple[Callable[..., object], dict[str, object]]] = {
    "Money": (Money, {"amount": "1.5", "currency": "CNY"}),
    "Money.allocate": (MONEY.allocate, {"ratios": [1, 2]}),
    "Money.round": (MONEY.round, {"rounding": decimal.ROUND_HALF_UP, "places": 2}),
    "Money.total": (Money.total, {"amounts": [MONEY], "currency": "CNY"}),
    # The dunders themselves: for operands they do not take they return NotImplemented, and the
    # operator then raises Python's own TypeError, the protocol every number type follows.
    "Money *": (MONEY.__mul__, {"factor": 3}),
    "Money /": (MONEY.__truediv__, {"other": 3}),
    "ExchangeRate": (
        ExchangeRate,
        {"base": "USD", "quote": "CNY", "rate": "7.2", "on": DAY, "source": None},
    ),
    "ExchangeRate.implied": (
        ExchangeRate.implied,
        {"value": AMOUNT, "equivalent": Money("6.24E+9", "USD"), "on": DAY},
    ),
    "RateTable": (RateTable, {"rates": [ExchangeRate("USD", "CNY", rate=7, on=DAY)]}),
    "Growth": (Growth, {"rate": Decimal("0.11")}),
    "Growth.from_percent": (Growth.from_percent, {"percent": 11}),
    "Growth.between": (Growth.between, {"previous": 100, "current": 111}),
    "Growth.cagr": (Growth.cagr, {"first": 100, "last": 121, "years": 2}),
    "Growth.apply": (GROWTH.apply, {"previous": 100}),
    "Growth.previous_of": (GROWTH.previous_of, {"current": 111}),
    "format_growth": (
        lambda digits, locale: format_growth(GROWTH, locale=locale, digits=digits),
        {"digits": 1, "locale": "en_US"},
    ),
    "format_money": (
        lambda locale, compact: format_money(AMOUNT, locale=locale, compact=compact),
        {"locale": "zh_CN", "compact": True},
    ),
    "Period": (Period, {"start": DAY, "end": DAY}),
    "Period.month": (Period.month, {"year": 2022, "month": 10}),
    "Period.year": (Period.year, {"year": 2022}),
    "Period.year_to_date": (Period.year_to_date, {"year": 2022, "through_month": 10}),
    "CreditCode": (CreditCode, {"code": CODE}),
    "Region": (Region, {"code": "440305"}),
    "Relocation": (Relocation, {"on": DAY, "from_region": "440106", "to_region": "440305"}),
    "ReReview": (ReReview, {"on": dt.date(2025, 7, 1), "passed": True}),
    "Designation": (
        Designation,
        {
            "level": "national",
            "awarded_on": dt.date(2022, 8, 1),
            "authority": None,
            "batch": 4,
            "valid_years": 3,
            "re_reviews": (),
            "revoked_on": None,
            "key": False,
        },
    ),
    "Enterprise": (
        Enterprise,
        {
            "name": "示例科技有限公司",
            "credit_code": CODE,
            "region": "440305",
            "english_name": None,
            "industry": None,
            "designations": (),
            "relocations": (),
            "financials": (),
            "profile": None,
        },
    ),
    "FinancialYear": (
        FinancialYear,
        {
            "year": 2022,
            "operating_revenue": MONEY,
            "rd_expense": Money(4, "CNY"),
            "staff": 10,
            "rd_staff": 2,
            "total_assets": MONEY,
        },
    ),
    "Profile": (
        Profile,
        {
            "years_in_niche": 3,
            "national_market_share": Decimal("0.12"),
            "class1_ip_count": 2,
            "rd_institution_level": "national",
            "science_awards": (),
            "chuangke_placings": (),
            "main_product_field": ProductField.KEY_SOFTWARE,
            "honours": ("高新技术企业",),
            "own_brand": True,
        },
    ),
    "Award": (Award, {"level": "national", "rank": 1, "year": 2023}),
    "ChuangkePlacing": (ChuangkePlacing, {"year": 2023, "group": "500强"}),
    "TradeRecord": (
        TradeRecord,
        {
            "enterprise": FIRM,
            "period": "2022-01..2022-10",
            "flow": "import",
            "value": Money("99.2", "USD"),
            "previous": None,
            "growth": "59%",
            "source": None,
        },
    ),
    "TradeAggregate": (
        TradeAggregate,
        {
            "label": "cohort",
            "period": "2022-01..2022-10",
            "value": AMOUNT,
            "enterprise_count": 320,
            "region": "440300",
            "flow": None,
            "growth": "11%",
            "equivalent": Money("6.24E+9", "USD"),
            "source": None,
        },
    ),
    "DesignationCount": (
        DesignationCount,
        {
            "level": "national",
            "count": 443,
            "on": DAY,
            "kind": "held",
            "region": "440300",
            "batch": None,
            "by": None,
            "source": None,
        },
    ),
    "ReReviewRound": (
        ReReviewRound,
        {
            "year": 2025,
            "batches": (4,),
            "passed": 1,
            "sources": (),
            "confidence": "High",
            "pass_rate": Decimal("0.9"),
        },
    ),
    "DesignationRecord": (
        DesignationRecord,
        {"enterprise": FIRM, "designation": Designation("national", DAY)},
    ),
    "RelocationRecord": (
        RelocationRecord,
        {"enterprise": FIRM, "relocation": Relocation(DAY, None, "440305")},
    ),
    "FinancialRecord": (
        FinancialRecord,
        {"enterprise": FIRM, "financial_year": FinancialYear(2022)},
    ),
    "ProfileRecord": (ProfileRecord, {"enterprise": FIRM, "profile": Profile()}),
    "miit_batch": (miit_batch, {"number": 4}),
    # Methods and functions that take a caller's values.
    "Money.from_quantity": (Money.from_quantity, {"quantity": MONEY.to_quantity()}),
    "RateTable.rate": (TABLE.rate, {"base": "USD", "quote": "CNY", "on": DAY}),
    "RateTable.convert": (TABLE.convert, {"money": Money(1, "USD"), "to": "CNY", "on": DAY}),
    "ExchangeRate.convert": (RATE.convert, {"money": Money(1, "USD")}),
    "Growth.points_above": (GROWTH.points_above, {"other": Growth(0)}),
    "Period.contains": (Period.year(2022).contains, {"item": DAY}),
    "Period.overlaps": (Period.year(2022).overlaps, {"other": Period.year(2023)}),
    "Designation.valid_until": (Designation("national", DAY).valid_until, {"on": DAY}),
    "Enterprise.level_on": (MOVED.level_on, {"on": DAY}),
    "Enterprise.region_on": (MOVED.region_on, {"on": DAY}),
    "Enterprise.financial_year": (MOVED.financial_year, {"year": 2022}),
    "Enterprise.designations_between": (MOVED.designations_between, {"period": Period.year(2022)}),
    "FinancialYear.require": (FinancialYear(2022, staff=3).require, {"name": "staff"}),
    "summarize": (
        summarize,
        {
            "records": [TradeRecord(FIRM, "2022", "import", MONEY)],
            "currency": "CNY",
            "rates": None,
            "by": "region",
        },
    ),
}


@pytest.mark.parametrize("name", sorted(CONSTRUCTORS))
def test_valid_arguments_are_accepted(name: str) -> None:
    """The baseline of the junk test: each call succeeds with its valid arguments."""
    build, arguments = CONSTRUCTORS[name]
    assert build(**arguments) is not None


@settings(deadline=None, max_examples=EXAMPLES["junk"])
@given(st.sampled_from(sorted(CONSTRUCTORS)), st.data(), junk)
def test_junk_in_any_field_is_refused_with_our_error(
    name: str, data: st.DataObject, value: object
) -> None:
    """One field replaced with junk: the call succeeds or raises a library error, never a crash."""
    build, arguments = CONSTRUCTORS[name]
    field = data.draw(st.sampled_from(sorted(arguments)), label="field")
    attempt(lambda: build(**{**arguments, field: value}))


@settings(deadline=None, max_examples=EXAMPLES["twins"])
@given(junk | arbitrary_text | decoded_bytes())
def test_the_twins_never_raise(value: object) -> None:
    """is_valid_* and find_region return a bool (or None) for anything, and agree with parse."""
    for name, (is_valid, parse) in TWINS.items():
        verdict = is_valid(value)
        assert isinstance(verdict, bool), name
        accepted = not isinstance(attempt(lambda parse=parse: parse(value)), LittleGiantsError)  # type: ignore[misc]
        assert accepted is verdict, name
    assert find_region(value) is None or is_valid_region(value)
    assert isinstance(Designation("national", DAY).is_valid_on(value), bool)
