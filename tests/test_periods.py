"""Tests of littlegiants.periods: inclusive periods, their text forms and year-on-year bases."""

from __future__ import annotations

import datetime as dt
import pickle
from datetime import date, timedelta

import attrs
import pytest
from babel import Locale
from hypothesis import given
from hypothesis import strategies as st

from littlegiants.errors import (
    InvalidDateError,
    InvalidPeriodError,
    LittleGiantsError,
    UnknownLocaleError,
)
from littlegiants.periods import (
    Period,
    format_period,
    is_valid_date,
    is_valid_period,
    parse_date,
)

dates = st.dates(min_value=date(2, 1, 1), max_value=date(9999, 12, 31))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    first, second = draw(dates), draw(dates)
    return Period(min(first, second), max(first, second))


@st.composite
def month_aligned(draw: st.DrawFn) -> Period:
    start = Period.month(draw(st.integers(2, 9995)), draw(st.integers(1, 12)))
    months = draw(st.integers(0, 30))
    index = start.start.year * 12 + start.start.month - 1 + months
    end = Period.month(index // 12, index % 12 + 1)
    return Period(start.start, end.end)


class TestConstruction:
    def test_bounds_are_inclusive(self) -> None:
        """A period includes both its start and its end day."""
        period = Period(date(2022, 1, 1), date(2022, 10, 31))
        expected_days = 304
        assert expected_days == period.days
        assert date(2022, 1, 1) in period
        assert date(2022, 10, 31) in period

    def test_refuses_end_before_start(self) -> None:
        """An end before the start raises a ValueError naming both dates."""
        with pytest.raises(InvalidPeriodError) as info:
            Period(date(2022, 10, 31), date(2022, 1, 1))
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, LittleGiantsError)
        assert "'2022-10-31..2022-01-01'" in str(info.value)

    @pytest.mark.parametrize(
        "bad", ["2022-01-01", dt.datetime(2022, 1, 1, 12, 0, tzinfo=dt.UTC), None, 20220101]
    )
    def test_refuses_non_dates(self, bad: object) -> None:
        """Only datetime.date bounds are accepted; a datetime is refused too."""
        with pytest.raises(InvalidPeriodError, match=r"start must be a datetime\.date"):
            Period(bad, date(2022, 12, 31))  # type: ignore[arg-type]

    def test_is_frozen_and_hashable(self) -> None:
        """Periods are immutable and hash by value."""
        period = Period.year(2022)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            period.start = date(2021, 1, 1)  # type: ignore[misc]
        assert {Period.year(2022), Period.parse("2022-01..2022-12")} == {period}

    def test_pickles(self) -> None:
        """A period survives pickling."""
        period = Period.year_to_date(2022, 10)
        assert period == pickle.loads(pickle.dumps(period))  # noqa: S301 - our own data


class TestNamedConstructors:
    def test_month_ends_on_its_last_day(self) -> None:
        """Period.month covers the whole month, leap days included."""
        assert Period(date(2024, 2, 1), date(2024, 2, 29)) == Period.month(2024, 2)
        assert Period(date(2023, 2, 1), date(2023, 2, 28)) == Period.month(2023, 2)

    def test_year(self) -> None:
        """Period.year runs from January 1 to December 31."""
        assert Period(date(2022, 1, 1), date(2022, 12, 31)) == Period.year(2022)

    def test_year_to_date_is_the_customs_cumulative_period(self) -> None:
        """Jan–Oct 2022, the seed article's period, runs to October 31."""
        assert Period(date(2022, 1, 1), date(2022, 10, 31)) == Period.year_to_date(2022, 10)

    def test_day(self) -> None:
        """Period.day is a one-day period."""
        assert Period(date(2022, 11, 23), date(2022, 11, 23)) == Period.day(date(2022, 11, 23))

    @pytest.mark.parametrize("month", [0, 13, True, "10"])
    def test_refuses_bad_months(self, month: object) -> None:
        """A month outside 1..12, or not an int, raises InvalidPeriodError."""
        with pytest.raises(InvalidPeriodError, match="a month must be"):
            Period.year_to_date(2022, month)  # type: ignore[arg-type]

    @pytest.mark.parametrize("year", [0, 10000, 2022.0, None])
    def test_refuses_bad_years(self, year: object) -> None:
        """A year outside 1..9999, or not an int, raises InvalidPeriodError."""
        with pytest.raises(InvalidPeriodError, match="a year must be"):
            Period.year(year)  # type: ignore[arg-type]


class TestParse:
    @pytest.mark.parametrize(
        ("text", "start", "end"),
        [
            ("2022-01..2022-10", date(2022, 1, 1), date(2022, 10, 31)),
            ("2022-03", date(2022, 3, 1), date(2022, 3, 31)),
            ("2022", date(2022, 1, 1), date(2022, 12, 31)),
            ("2022-01-01..2022-10-31", date(2022, 1, 1), date(2022, 10, 31)),
            ("2022-01-15", date(2022, 1, 15), date(2022, 1, 15)),
            ("2021..2022", date(2021, 1, 1), date(2022, 12, 31)),
            ("2022-01-15..2022-02", date(2022, 1, 15), date(2022, 2, 28)),
            (" 2022-01 .. 2022-10 ", date(2022, 1, 1), date(2022, 10, 31)),
            ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ],
    )
    def test_reads_every_form(self, text: str, start: date, end: date) -> None:
        """Years, months and days, alone or as a range, read as inclusive periods."""
        assert Period(start, end) == Period.parse(text)

    @pytest.mark.parametrize(
        "text",
        ["2022-02-30", "2023-02-29", "2022-13", "2022-00", "0000", "2022-01..2022-02-30"],
    )
    def test_impossible_dates_quote_the_text(self, text: str) -> None:
        """An impossible calendar date raises InvalidPeriodError quoting the whole text."""
        with pytest.raises(InvalidPeriodError, match="is not a date in the calendar") as info:
            Period.parse(text)
        assert repr(text) in str(info.value)

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "Jan-Oct 2022",
            "2022/01",
            "22-01",
            "2022-1",
            "2022-01-1",
            "2022-01..",
            "..2022-01",
            "2022..2023..2024",
            "２０２２",
            "20220115",
            "2022-01—2022-10",
        ],
    )
    def test_refuses_other_forms(self, text: str) -> None:
        """Text in any other form raises InvalidPeriodError quoting it."""
        with pytest.raises(InvalidPeriodError) as info:
            Period.parse(text)
        assert repr(text) in str(info.value)

    def test_refuses_reversed_ranges(self) -> None:
        """A range that ends before it starts is refused."""
        with pytest.raises(InvalidPeriodError, match="ends before it starts"):
            Period.parse("2022-10..2022-01")

    def test_refuses_non_text(self) -> None:
        """Parse takes text only."""
        with pytest.raises(InvalidPeriodError, match="expected text"):
            Period.parse(202201)  # type: ignore[arg-type]

    def test_refuses_very_long_text(self) -> None:
        """Overlong input is refused before any regular expression runs."""
        with pytest.raises(InvalidPeriodError, match="too long"):
            Period.parse("2022" * 100)


class TestCleanText:
    def test_spaces_around_are_ignored(self) -> None:
        """Spaces around the text and around '..' are ignored."""
        expected = Period.parse("2022-01..2022-10")
        assert expected == Period.parse(" 2022-01 .. 2022-10 ")

    @pytest.mark.parametrize(
        "text", ["2022\n", "\t2022", "2022-01\r\n..2022-10", "2022\u200b", "\ufeff2022-01"]
    )
    def test_refuses_control_characters(self, text: str) -> None:
        """A line break, tab, zero-width space or BOM is not stripped: the text is no period."""
        with pytest.raises(InvalidPeriodError) as info:
            Period.parse(text)
        assert text == info.value.value
        assert not is_valid_period(text)


class TestIsValid:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("2022-01..2022-10", True),
            ("2022", True),
            ("2022-02-30", False),
            ("", False),
            (None, False),
            (2022, False),
            (b"2022", False),
            (["2022"], False),
            (Period.year(2022), False),
        ],
    )
    def test_never_raises(self, value: object, expected: bool) -> None:
        """is_valid_period answers for any input, junk included."""
        assert expected == is_valid_period(value)

    @given(st.text(max_size=30))
    def test_agrees_with_parse_on_any_text(self, text: str) -> None:
        """is_valid_period is true exactly when parse succeeds."""
        try:
            Period.parse(text)
        except InvalidPeriodError:
            expected = False
        else:
            expected = True
        assert expected == is_valid_period(text)


class TestText:
    @pytest.mark.parametrize(
        ("period", "text"),
        [
            (Period.year_to_date(2022, 10), "2022-01..2022-10"),
            (Period.month(2022, 3), "2022-03"),
            (Period.year(2022), "2022"),
            (Period(date(2021, 11, 1), date(2022, 10, 31)), "2021-11..2022-10"),
            (Period(date(2021, 1, 1), date(2022, 12, 31)), "2021-01..2022-12"),
            (Period.day(date(2022, 1, 15)), "2022-01-15"),
            (Period(date(2022, 1, 1), date(2022, 10, 30)), "2022-01-01..2022-10-30"),
            (Period(date(2022, 1, 2), date(2022, 10, 31)), "2022-01-02..2022-10-31"),
            (Period.year(99), "0099"),
        ],
    )
    def test_canonical_str(self, period: Period, text: str) -> None:
        """str() uses the shortest form: year, month, month range, day or date range."""
        assert text == str(period)

    def test_repr(self) -> None:
        """repr() names the constructor and the canonical text."""
        expected = "Period.parse('2022-01..2022-10')"
        assert expected == repr(Period.year_to_date(2022, 10))

    @given(periods())
    def test_str_parses_back(self, period: Period) -> None:
        """Every period's str() parses back to the same period."""
        assert period == Period.parse(str(period))

    @given(periods())
    def test_repr_round_trips(self, period: Period) -> None:
        """eval(repr(period)) rebuilds the period."""
        assert period == eval(repr(period), {"Period": Period})  # noqa: S307 - our own repr

    @given(month_aligned())
    def test_month_aligned_periods_print_without_days(self, period: Period) -> None:
        """A month-aligned period never prints a day of the month."""
        assert all(len(part) <= 7 for part in str(period).split(".."))


class TestContainment:
    def test_dates(self) -> None:
        """A date is in a period when it lies between the bounds, inclusive."""
        jan_oct = Period.year_to_date(2022, 10)
        assert date(2022, 1, 1) in jan_oct
        assert date(2021, 12, 31) not in jan_oct
        assert date(2022, 11, 1) not in jan_oct

    def test_periods(self) -> None:
        """A period is in another when both its bounds are."""
        year = Period.year(2022)
        assert year.contains(Period.year_to_date(2022, 10))
        assert Period.year_to_date(2022, 10) in year
        assert Period.year(2022) in year
        assert not Period.year_to_date(2022, 10).contains(year)
        assert Period.parse("2021-12..2022-01") not in year

    @pytest.mark.parametrize("item", ["2022-01-01", dt.datetime(2022, 1, 1, tzinfo=dt.UTC), None])
    def test_refuses_other_items(self, item: object) -> None:
        """Only dates and periods can be in a period; a datetime is refused, not truncated."""
        with pytest.raises(InvalidPeriodError, match=r"must be a datetime\.date"):
            _ = item in Period.year(2022)

    @given(periods(), dates)
    def test_date_in_period_matches_bounds(self, period: Period, day: date) -> None:
        """Containment of a date is exactly start <= day <= end."""
        assert (period.start <= day <= period.end) == (day in period)

    @given(periods(), periods())
    def test_containment_implies_overlap(self, outer: Period, inner: Period) -> None:
        """A contained period overlaps its container."""
        if outer.contains(inner):
            assert inner.overlaps(outer)
            assert inner.days <= outer.days


class TestOverlaps:
    def test_adjacent_periods_do_not_overlap(self) -> None:
        """Two calendar years share no day."""
        assert not Period.year(2021).overlaps(Period.year(2022))

    def test_one_shared_day_overlaps(self) -> None:
        """Sharing a single day is an overlap."""
        assert Period.parse("2022-01..2022-10").overlaps(Period.parse("2022-10-31..2022-12-31"))

    def test_refuses_non_periods(self) -> None:
        """overlaps takes a Period."""
        with pytest.raises(InvalidPeriodError, match="expected a Period"):
            Period.year(2022).overlaps(date(2022, 1, 1))  # type: ignore[arg-type]

    @given(periods(), periods())
    def test_is_symmetric_and_matches_shared_days(self, first: Period, second: Period) -> None:
        """Overlap is symmetric and true exactly when some day lies in both."""
        latest_start = max(first.start, second.start)
        assert first.overlaps(second) == second.overlaps(first)
        assert (latest_start in first and latest_start in second) == first.overlaps(second)


class TestDays:
    @pytest.mark.parametrize(
        ("period", "days"),
        [(Period.year(2024), 366), (Period.year(2023), 365), (Period.month(2024, 2), 29)],
    )
    def test_leap_years(self, period: Period, days: int) -> None:
        """2024 has 366 days and February 2024 has 29."""
        assert days == period.days

    @given(periods())
    def test_counts_both_bounds(self, period: Period) -> None:
        """days is the number of dates from start to end, both included."""
        assert period.end == period.start + timedelta(days=period.days - 1)


class TestPreviousYear:
    def test_customs_comparison_base(self) -> None:
        """Jan–Oct 2022 compares with Jan–Oct 2021."""
        assert Period.year_to_date(2021, 10) == Period.year_to_date(2022, 10).previous_year()

    def test_leap_february_stays_whole(self) -> None:
        """February 2024 (29 days) becomes February 2023 (28 days)."""
        assert Period.parse("2023-02") == Period.parse("2024-02-01..2024-02-29").previous_year()

    def test_february_into_a_leap_year_stays_whole(self) -> None:
        """February 2025 becomes the whole of February 2024, day 29 included."""
        assert Period.month(2024, 2) == Period.month(2025, 2).previous_year()

    def test_day_periods_move_by_a_year(self) -> None:
        """A non-aligned period keeps its month and day; February 29 becomes February 28."""
        assert Period.parse("2021-03-15..2021-04-20") == (
            Period.parse("2022-03-15..2022-04-20").previous_year()
        )
        assert Period.parse("2023-02-28") == Period.parse("2024-02-29").previous_year()

    def test_year_one_has_no_previous_year(self) -> None:
        """Year 1 is the first year datetime knows."""
        with pytest.raises(InvalidPeriodError, match="no year before year 1"):
            Period.year(1).previous_year()

    @given(month_aligned())
    def test_month_aligned_stays_month_aligned(self, period: Period) -> None:
        """The previous year of whole months is the same whole months a year earlier."""
        previous = period.previous_year()
        assert previous.is_month_aligned
        assert (period.start.year - 1, period.start.month) == (
            previous.start.year,
            previous.start.month,
        )
        assert (period.end.year - 1, period.end.month) == (previous.end.year, previous.end.month)

    @given(periods())
    def test_moves_back_about_a_year(self, period: Period) -> None:
        """Both bounds move back 365 or 366 days, give or take a leap day."""
        previous = period.previous_year()
        assert 364 <= (period.start - previous.start).days <= 366
        assert 364 <= (period.end - previous.end).days <= 366


class TestFormat:
    @pytest.mark.parametrize(
        ("text", "zh", "en"),
        [
            ("2022-01..2022-10", "2022年1–10月", "Jan–Oct 2022"),
            ("2022-10", "2022年10月", "Oct 2022"),
            ("2022", "2022年", "2022"),
            ("2021-11..2022-10", "2021年11月–2022年10月", "Nov 2021–Oct 2022"),
            ("2022-01-15", "2022年1月15日", "Jan 15, 2022"),
            ("2022-01-15..2022-02-20", "2022年1月15日–2022年2月20日", "Jan 15, 2022–Feb 20, 2022"),
        ],
    )
    def test_zh_cn_and_en_us(self, text: str, zh: str, en: str) -> None:
        """Periods read as statistics headline them, in Chinese and in English."""
        period = Period.parse(text)
        assert zh == format_period(period, locale="zh_CN")
        assert en == format_period(period, locale="en_US")

    @pytest.mark.parametrize("locale", ["xx_YY", "zh_CN\n", None, 3])
    def test_a_bad_locale_is_our_error(self, locale: object) -> None:
        """A locale babel cannot read raises UnknownLocaleError, never babel's exceptions."""
        with pytest.raises(UnknownLocaleError) as info:
            format_period(Period.year(2022), locale=locale)  # type: ignore[arg-type]
        assert locale == info.value.value

    def test_accepts_a_babel_locale(self) -> None:
        """A babel.Locale object works like its name."""
        period = Period.year_to_date(2022, 10)
        assert format_period(period, locale="de_DE") == format_period(
            period, locale=Locale.parse("de_DE")
        )

    def test_other_languages_use_cldr_month_names(self) -> None:
        """German uses CLDR's abbreviated month names."""
        expected = "Jan.–Okt. 2022"
        assert expected == format_period(Period.year_to_date(2022, 10), locale="de_DE")


four_digit_years = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))


def _spellings(day: date, padded: bool) -> list[str]:
    """The spellings official lists and sources write a date in."""
    m, d = (f"{day.month:02d}", f"{day.day:02d}") if padded else (str(day.month), str(day.day))
    y = f"{day.year:04d}"
    return [f"{y}-{m}-{d}", f"{y}/{m}/{d}", f"{y}.{m}.{d}", f"{y}年{m}月{d}日", f"{y}年{m}月{d}"]


class TestParseDate:
    @given(four_digit_years, st.booleans(), st.sampled_from(["", " ", "  "]))
    def test_every_spelling_reads_the_same_day(self, day: date, padded: bool, space: str) -> None:
        """ISO, slashes, dots and 年月日, padded or not, spaced or not, give the same date."""
        spellings = [f"{space}{text}{space}" for text in _spellings(day, padded)]
        assert [day] * len(spellings) == [parse_date(text) for text in spellings]

    @given(st.one_of(st.text(), st.integers(), st.none(), st.dates()))
    def test_is_valid_agrees_with_parse(self, value: object) -> None:
        """is_valid_date never raises, and is True exactly when parse_date reads the value."""
        try:
            parse_date(value)  # type: ignore[arg-type]
        except InvalidDateError:
            expected = False
        else:
            expected = True
        assert expected == is_valid_date(value)

    @pytest.mark.parametrize(
        "text", ["2025-02-30", "2025/13/01", "30/06/2025", "2025-06", "2025-06-30T00:00", ""]
    )
    def test_refused(self, text: str) -> None:
        """Impossible days, day-first order, months and times are refused, naming the text."""
        with pytest.raises(InvalidDateError) as info:
            parse_date(text)
        expected = (text, True)
        assert expected == (info.value.value, isinstance(info.value, ValueError))
