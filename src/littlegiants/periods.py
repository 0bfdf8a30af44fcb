"""Reporting periods: an inclusive span of calendar days, as statistics and policies use them.

A :class:`Period` runs from its ``start`` date to its ``end`` date, **both included**: the customs
figures for "Jan–Oct 2022" cover 2022-01-01 through 2022-10-31, which is 304 days.

Customs statistics are reported as **cumulative year-to-date periods compared year on year**. The
General Administration of Customs and local customs houses publish "前10个月" (Jan–Oct) totals with
growth against the same months a year earlier, and give single-month figures separately. The seed
figures of this library are such a period: Shenzhen's little giants traded 44.64 billion yuan in
Jan–Oct 2022, up 11% on Jan–Oct 2021. :meth:`Period.year_to_date` builds such a period and
:meth:`Period.previous_year` its comparison base.

Dates are read by :func:`parse_date` in the spellings sources and official lists use, the same
everywhere (data cells, ``--as-of`` on the command line): ``2025-06-30``, ``2025/6/30``,
``2025.6.30`` and ``2025年6月30日``.

>>> parse_date("2025/06/30"), parse_date("2025年6月30日")
(datetime.date(2025, 6, 30), datetime.date(2025, 6, 30))

Text forms, read by :meth:`Period.parse` and written by ``str()``:

- ``"2022"``: a calendar year; ``"2022-03"``: a month; ``"2022-01-15"``: one day;
- ``"2022-01..2022-10"``: whole months, inclusive (2022-01-01 to 2022-10-31);
- ``"2022-01-01..2022-10-31"``: any two dates, inclusive.

>>> jan_oct = Period.parse("2022-01..2022-10")
>>> jan_oct == Period.year_to_date(2022, 10)
True
>>> jan_oct.start, jan_oct.end, jan_oct.days
(datetime.date(2022, 1, 1), datetime.date(2022, 10, 31), 304)
>>> str(jan_oct.previous_year())
'2021-01..2021-10'
>>> from datetime import date
>>> date(2022, 10, 31) in jan_oct, date(2022, 11, 1) in jan_oct
(True, False)
>>> format_period(jan_oct, locale="zh_CN"), format_period(jan_oct, locale="en_US")
('2022年1–10月', 'Jan–Oct 2022')
>>> Period.parse("2022-02-30")
Traceback (most recent call last):
...
littlegiants.errors.InvalidPeriodError: Invalid period '2022-02-30': 2022-02-30 is not a date ...
>>> Period(date(2022, 10, 31), date(2022, 1, 1))
Traceback (most recent call last):
...
littlegiants.errors.InvalidPeriodError: Invalid period '2022-10-31..2022-01-01': it ends before ...

More information:

- People's Daily Online reports of cumulative (year-to-date, year-on-year) customs figures,
  2022-10-24 and 2022-11-18: http://en.people.cn/n3/2022/1024/c90000-10162770.html and
  http://en.people.cn/n3/2022/1118/c90000-10174746.html
- Shenzhen Daily, 2022-11-23 (Jan–Oct 2022 trade of Shenzhen's little giants):
  http://www.eyeshenzhen.com/content/2022-11/23/content_25472690.htm
- ISO 8601 calendar dates (the ``YYYY-MM-DD`` form): https://www.iso.org/iso-8601-date-and-time-format.html
- CLDR month names (via babel): https://cldr.unicode.org/
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Final

import attrs

from littlegiants.errors import InvalidDateError, InvalidPeriodError, Reason, SourceLocation
from littlegiants.translations import N_

if TYPE_CHECKING:
    from collections.abc import Callable

    from babel import Locale

__all__ = ["Period", "format_period", "is_valid_date", "is_valid_period", "parse_date"]

_MIN_YEAR: Final = dt.MINYEAR
_MAX_YEAR: Final = dt.MAXYEAR
_POINT: Final = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_MAX_LENGTH: Final = 100
#: Languages written year first with numeric months: ``2022年1–10月``.
_YEAR_FIRST: Final = frozenset({"zh", "ja"})
_DASH: Final = "\N{EN DASH}"
#: A date as sources write it: 2025-06-30, 2025/6/30, 2025.6.30, 2025年6月30日 (spaces allowed).
_DATE: Final = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?")


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _check_date(value: object, name: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        kind = type(value).__name__
        raise InvalidPeriodError(
            value, Reason(N_("{name} must be a datetime.date, not a {kind}"), name=name, kind=kind)
        )
    return value


def _check_year(year: object) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not _MIN_YEAR <= year <= _MAX_YEAR:
        raise InvalidPeriodError(
            year, Reason(N_("a year must be a whole number from {low} to 9999"), low=_MIN_YEAR)
        )
    return year


def _check_month(year: int, month: object) -> int:
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
        # The value as written ("2024-13"), unless the month is no small int (10**5000 has no text).
        small = isinstance(month, int) and not isinstance(month, bool) and abs(month) < 10**9
        value = f"{year}-{month}" if small else month
        raise InvalidPeriodError(value, N_("a month must be a whole number from 1 to 12"))
    return month


@attrs.frozen(repr=False)
class Period:
    """An inclusive span of calendar days, from ``start`` to ``end``.

    Args:
        start: the first day of the period (a ``datetime.date``, not a ``datetime``).
        end: the last day of the period, included; on or after ``start``.

    Raises:
        InvalidPeriodError: a bound is not a date, or ``end`` is before ``start``.

    >>> from datetime import date
    >>> Period(date(2022, 1, 15), date(2022, 1, 15)).days
    1
    >>> Period("2022-01-01", date(2022, 1, 15))
    Traceback (most recent call last):
    ...
    littlegiants.errors.InvalidPeriodError: Invalid period '2022-01-01': start must be a ...
    """

    start: dt.date
    end: dt.date

    def __attrs_post_init__(self) -> None:
        """Check the types and the order of the bounds."""
        start = _check_date(self.start, "start")
        end = _check_date(self.end, "end")
        if end < start:
            raise InvalidPeriodError(f"{start}..{end}", N_("it ends before it starts"))

    # -- named constructors -------------------------------------------------------------------

    @classmethod
    def day(cls, on: dt.date) -> Period:
        """Return the one-day period ``on..on``.

        >>> from datetime import date
        >>> str(Period.day(date(2022, 11, 23)))
        '2022-11-23'
        """
        return cls(on, on)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """Return a whole calendar month.

        Args:
            year: the year, 1 to 9999.
            month: the month, 1 to 12.

        Raises:
            InvalidPeriodError: the year or month is out of range or not an ``int``.

        >>> Period.month(2024, 2)
        Period.parse('2024-02')
        >>> Period.month(2024, 2).days
        29
        >>> Period.month(2024, 13)
        Traceback (most recent call last):
        ...
        littlegiants.errors.InvalidPeriodError: Invalid period '2024-13': a month must be ...
        """
        year = _check_year(year)
        month = _check_month(year, month)
        return cls(dt.date(year, month, 1), _last_day(year, month))

    @classmethod
    def year(cls, year: int) -> Period:
        """Return a whole calendar year, January 1 to December 31.

        Raises:
            InvalidPeriodError: the year is out of range or not an ``int``.

        >>> Period.year(2022).days
        365
        """
        year = _check_year(year)
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def year_to_date(cls, year: int, through_month: int) -> Period:
        """Return January 1 to the last day of ``through_month``: a cumulative customs period.

        Args:
            year: the year, 1 to 9999.
            through_month: the last month included, 1 to 12.

        Raises:
            InvalidPeriodError: the year or month is out of range or not an ``int``.

        >>> Period.year_to_date(2022, 10)
        Period.parse('2022-01..2022-10')
        """
        year = _check_year(year)
        month = _check_month(year, through_month)
        return cls(dt.date(year, 1, 1), _last_day(year, month))

    @classmethod
    def parse(cls, text: str) -> Period:
        r"""Read a period from its text form (see the module docstring).

        Each side of ``..`` may be a year, a month or a day: the period runs from the first day
        of the left side to the last day of the right side. Digits are ASCII; spaces around the
        text and around ``..`` are ignored, any other character (a tab, a line break) is not.

        Args:
            text: ``"2022"``, ``"2022-03"``, ``"2022-01-15"``, ``"2022-01..2022-10"`` or
                ``"2022-01-01..2022-10-31"``.

        Raises:
            InvalidPeriodError: the text has another form, names an impossible date, or ends
                before it starts; the error quotes the text.

        >>> Period.parse(" 2022-01 .. 2022-10 ") == Period.parse("2022-01..2022-10")
        True
        >>> Period.parse("2022\n")
        Traceback (most recent call last):
        ...
        littlegiants.errors.InvalidPeriodError: Invalid period '2022\n': expected a form like ...

        >>> Period.parse("2022-01..2022-10").end
        datetime.date(2022, 10, 31)
        >>> Period.parse("2022").days, Period.parse("2022-01-15").days
        (365, 1)
        >>> Period.parse("Jan-Oct 2022")
        Traceback (most recent call last):
        ...
        littlegiants.errors.InvalidPeriodError: Invalid period 'Jan-Oct 2022': expected a form ...
        >>> Period.parse("2022-10..2022-01")
        Traceback (most recent call last):
        ...
        littlegiants.errors.InvalidPeriodError: Invalid period '2022-10..2022-01': it ends ...
        """
        if not isinstance(text, str):
            raise InvalidPeriodError(
                text, Reason(N_("expected text, got {kind}"), kind=type(text).__name__)
            )
        if len(text) > _MAX_LENGTH:
            raise InvalidPeriodError(text, N_("the text is too long to be a period"))
        parts = text.split("..")
        if len(parts) > 2:
            raise InvalidPeriodError(text, N_("expected at most one '..' between start and end"))
        first = _parse_point(parts[0].strip(" "), text)
        last = first if len(parts) == 1 else _parse_point(parts[1].strip(" "), text)
        if last.end < first.start:
            raise InvalidPeriodError(text, N_("it ends before it starts"))
        return cls(first.start, last.end)

    # -- queries --------------------------------------------------------------------------------

    @property
    def days(self) -> int:
        """The number of days in the period, both bounds included."""
        return (self.end - self.start).days + 1

    @property
    def is_month_aligned(self) -> bool:
        """Whether the period starts on a month's first day and ends on a month's last day.

        >>> Period.parse("2022-01..2022-10").is_month_aligned
        True
        >>> Period.parse("2022-01-01..2022-10-30").is_month_aligned
        False
        """
        return self.start.day == 1 and self.end == _last_day(self.end.year, self.end.month)

    def contains(self, item: dt.date | Period) -> bool:
        """Return whether a date, or a whole period, lies within this period.

        Args:
            item: a ``datetime.date`` or a :class:`Period`.

        Raises:
            InvalidPeriodError: ``item`` is neither (a ``datetime`` is refused: pass ``.date()``).

        >>> year = Period.year(2022)
        >>> year.contains(Period.parse("2022-01..2022-10")), year.contains(Period.year(2021))
        (True, False)
        >>> Period.parse("2022-01..2022-10") in year
        True
        """
        if isinstance(item, Period):
            return self.start <= item.start and item.end <= self.end
        day = _check_date(item, "the item")
        return self.start <= day <= self.end

    def __contains__(self, item: object) -> bool:
        """``date in period`` and ``period in period``: see :meth:`contains`."""
        return self.contains(item if isinstance(item, Period) else _check_date(item, "the item"))

    def overlaps(self, other: Period) -> bool:
        """Return whether the two periods share at least one day.

        Raises:
            InvalidPeriodError: ``other`` is not a :class:`Period`.

        >>> Period.parse("2022-01..2022-10").overlaps(Period.parse("2022-10..2022-12"))
        True
        >>> Period.year(2021).overlaps(Period.year(2022))
        False
        """
        if not isinstance(other, Period):
            raise InvalidPeriodError(
                other, Reason(N_("expected a Period, got {kind}"), kind=type(other).__name__)
            )
        return other.start <= self.end and self.start <= other.end

    # -- derived periods ------------------------------------------------------------------------

    def previous_year(self) -> Period:
        """Return the same span one year earlier: the base of a year-on-year comparison.

        A month-aligned period stays month-aligned (February keeps its last day, whatever the
        year); any other date moves to the same month and day a year earlier, with February 29
        becoming February 28.

        Raises:
            InvalidPeriodError: the period starts in year 1, which has no earlier year.

        >>> str(Period.parse("2024-02").previous_year())
        '2023-02'
        >>> str(Period.parse("2024-02-29").previous_year())
        '2023-02-28'
        >>> Period.year(1).previous_year()
        Traceback (most recent call last):
        ...
        littlegiants.errors.InvalidPeriodError: Invalid period '0001': ...
        """
        if self.start.year == _MIN_YEAR:
            raise InvalidPeriodError(
                str(self), N_("there is no year before year 1 in the calendar")
            )
        if self.is_month_aligned:
            start = self.start.replace(year=self.start.year - 1)
            end = _last_day(self.end.year - 1, self.end.month)
        else:
            start = _year_earlier(self.start)
            end = _year_earlier(self.end)
        return Period(start, end)

    # -- text -----------------------------------------------------------------------------------

    def __str__(self) -> str:
        """Canonical text that :meth:`parse` reads back.

        A whole year prints as ``2022``, a whole month as ``2022-03``, other month-aligned spans
        as ``2022-01..2022-10``, one day as ``2022-01-15`` and anything else as two full dates.

        >>> str(Period.year(2022)), str(Period.parse("2022-01-01..2022-10-31"))
        ('2022', '2022-01..2022-10')
        >>> str(Period.parse("2022-01-01..2022-10-30"))
        '2022-01-01..2022-10-30'
        """
        start, end = self.start, self.end
        if self.is_month_aligned:
            if start.year == end.year and start.month == 1 and end.month == 12:
                return f"{start.year:04d}"
            first = f"{start.year:04d}-{start.month:02d}"
            last = f"{end.year:04d}-{end.month:02d}"
            return first if first == last else f"{first}..{last}"
        if start == end:
            return start.isoformat()
        return f"{start.isoformat()}..{end.isoformat()}"

    def __repr__(self) -> str:
        """Exact and round-tripping: ``Period.parse('2022-01..2022-10')``."""
        return f"Period.parse({str(self)!r})"


def _year_earlier(day: dt.date) -> dt.date:
    if day.month == 2 and day.day == 29:
        return dt.date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


def _parse_point(part: str, text: str) -> Period:
    """Read one side of a period: a year, a month or a day, as the period it spans."""
    match = _POINT.fullmatch(part)
    if match is None:
        raise InvalidPeriodError(
            text,
            N_(
                "expected a form like '2022', '2022-03', '2022-01-15', '2022-01..2022-10' or "
                "'2022-01-01..2022-10-31'"
            ),
        )
    year_text, month_text, day_text = match.groups()
    year = int(year_text)
    try:
        if month_text is None:
            return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
        month = int(month_text)
        if day_text is None:
            return Period(dt.date(year, month, 1), _last_day(year, month))
        day = dt.date(year, month, int(day_text))
    except ValueError:
        raise InvalidPeriodError(
            text, Reason(N_("{date} is not a date in the calendar"), date=part)
        ) from None
    return Period(day, day)


#: Python's own reasons a day is not in the calendar, which :func:`parse_date` passes on as they
#: are (a year has four digits there, so year 0 is the only one out of range).
_CALENDAR_REASONS: Final = (
    N_("day is out of range for month"),
    N_("month must be in 1..12"),
    N_("year 0 is out of range"),
)


def parse_date(text: str, *, location: SourceLocation | None = None) -> dt.date:
    """Read a calendar date as sources write it: ISO, with slashes or dots, or in Chinese.

    Args:
        text: ``2025-06-30``, ``2025/6/30``, ``2025.6.30``, ``2025年6月30日``; surrounding
            spaces are ignored, a time of day is not accepted.
        location: where the text came from, carried into the error.

    Returns:
        The date.

    Raises:
        InvalidDateError: the text is none of those spellings, or names a day the calendar does
            not have (a ``ValueError``).

    >>> parse_date(" 2025.6.30 "), parse_date("2025-06-30")
    (datetime.date(2025, 6, 30), datetime.date(2025, 6, 30))
    >>> parse_date("2025-02-30")
    Traceback (most recent call last):
    ...
    littlegiants.errors.InvalidDateError: Invalid date '2025-02-30': day is out of range for month.
    >>> parse_date("30/06/2025")
    Traceback (most recent call last):
    ...
    littlegiants.errors.InvalidDateError: Invalid date '30/06/2025': expected a date such as
    2025-06-30, 2025/6/30, 2025.6.30 or 2025年6月30日.
    """
    match = _DATE.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        reason = N_("expected a date such as 2025-06-30, 2025/6/30, 2025.6.30 or 2025年6月30日")
        raise InvalidDateError(text, reason, location)
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as error:
        raise InvalidDateError(text, str(error), location) from None


def is_valid_date(text: object) -> bool:
    """Whether :func:`parse_date` reads ``text``; never raises.

    >>> is_valid_date("2025/6/30"), is_valid_date("2025-13-01"), is_valid_date(20250630)
    (True, False, False)
    """
    try:
        parse_date(text)  # type: ignore[arg-type]
    except InvalidDateError:
        return False
    return True


def is_valid_period(text: object) -> bool:
    """Return whether :meth:`Period.parse` accepts ``text``; never raises.

    >>> is_valid_period("2022-01..2022-10"), is_valid_period("2022-02-30"), is_valid_period(None)
    (True, False, False)
    """
    if not isinstance(text, str):
        return False
    try:
        Period.parse(text)
    except InvalidPeriodError:
        return False
    return True


def format_period(period: Period, *, locale: str | Locale) -> str:
    """Return the period as people write it, in the given locale.

    The rules are deliberately few (CLDR's own interval patterns, such as ``2022年1月至10月``,
    differ from how statistics are headlined):

    - Chinese and Japanese write the year first with numeric months: ``2022年1–10月``,
      ``2022年10月``, ``2022年``, ``2021年11月–2022年10月``.
    - Other languages use CLDR's abbreviated month names (via babel), year last:
      ``Jan–Oct 2022``, ``Oct 2022``, ``2022``, ``Nov 2021–Oct 2022``.
    - A period that is not whole months uses CLDR's medium date format for each end, joined by
      an en dash: ``Jan 15, 2022–Feb 20, 2022``; a single day is one date.

    Args:
        period: the period to format.
        locale: a locale name such as ``"zh_CN"`` or ``"en_US"``, or a ``babel.Locale``; there
            is no default and the system locale is never read.

    Returns:
        The text for people; use ``str(period)`` for text that parses back.

    Raises:
        babel.core.UnknownLocaleError: the locale name is not known to CLDR.

    >>> jan_oct = Period.year_to_date(2022, 10)
    >>> format_period(jan_oct, locale="zh_CN"), format_period(jan_oct, locale="en_US")
    ('2022年1–10月', 'Jan–Oct 2022')
    >>> format_period(Period.parse("2021-11..2022-10"), locale="zh_CN")
    '2021年11月–2022年10月'
    >>> format_period(Period.parse("2022-01-15..2022-02-20"), locale="en_US")
    'Jan 15, 2022–Feb 20, 2022'
    """
    from littlegiants.formatting import babel_locale  # noqa: PLC0415 - babel loads on first use

    loc = babel_locale(locale)
    start, end = period.start, period.end
    if not period.is_month_aligned:
        from babel.dates import format_date  # noqa: PLC0415

        first = format_date(start, "medium", locale=loc)
        return first if start == end else f"{first}{_DASH}{format_date(end, 'medium', locale=loc)}"
    return _format_months(start, end, loc)


def _format_months(start: dt.date, end: dt.date, loc: Any) -> str:  # noqa: ANN401 - babel
    """Format a month-aligned span: ``2022年1–10月`` or ``Jan–Oct 2022``."""
    month: Callable[[int], str]
    if loc.language in _YEAR_FIRST:
        one, whole_year, span, month = "{y}年{m}月", "{y}年", "{y}年{m}–{m2}月", str
    else:
        one, whole_year, span = "{m} {y}", "{y}", "{m}–{m2} {y}"
        month = loc.months["format"]["abbreviated"].__getitem__
    if start.year != end.year:
        first = one.format(y=start.year, m=month(start.month))
        return f"{first}{_DASH}{one.format(y=end.year, m=month(end.month))}"
    if start.month == 1 and end.month == 12:
        template = whole_year
    elif start.month == end.month:
        template = one
    else:
        template = span
    return template.format(y=start.year, m=month(start.month), m2=month(end.month))
