"""Tests of littlegiants.designation: levels, validity arithmetic, re-reviews and revocation."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from littlegiants.batches import miit_batches
from littlegiants.designation import (
    Designation,
    DesignationLevel,
    ReReview,
    designations_between,
    format_level,
    highest_valid_level,
    is_valid_level,
)
from littlegiants.errors import (
    InvalidLevelError,
    InvalidPeriodError,
    InvalidRecordError,
    LittleGiantsError,
    UnknownLocaleError,
)

NATIONAL = DesignationLevel.NATIONAL
PROVINCIAL = DesignationLevel.PROVINCIAL
MUNICIPAL = DesignationLevel.MUNICIPAL

levels = st.sampled_from(DesignationLevel)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))


@st.composite
def designations(draw: st.DrawFn) -> Designation:
    """Any designation: a level, an award, re-reviews at random and perhaps a revocation."""
    level = draw(levels)
    awarded = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)))
    offsets = draw(st.lists(st.integers(1, 4000), max_size=4, unique=True))
    reviews = [ReReview(awarded + timedelta(days=n), draw(st.booleans())) for n in offsets]
    revoked = None
    if draw(st.booleans()):
        after = max(offsets, default=0)
        revoked = awarded + timedelta(days=after + draw(st.integers(1, 2000)))
    return Designation(level, awarded, re_reviews=reviews, revoked_on=revoked)


class TestLevelParsing:
    @pytest.mark.parametrize(
        "text",
        [
            "national",
            "State-level",
            "state",
            "国家级",
            "国家",
            '国家级专精特新"小巨人"',
            "国家级专精特新“小巨人”",
            "小巨人",
            "little giant",
            "NATIONAL",
            "  National ",
            "DesignationLevel.NATIONAL",
            "state level",
            "Little-Giant",
        ],
    )
    def test_reads_national(self, text: str) -> None:
        """English and Chinese words for the State level read as NATIONAL."""
        assert DesignationLevel.parse(text) is NATIONAL

    @pytest.mark.parametrize(
        "text", ["provincial", "province", "省级", "省", "PROVINCIAL", " 省级 "]
    )
    def test_reads_provincial(self, text: str) -> None:
        """English and Chinese words for the provincial level read as PROVINCIAL."""
        assert DesignationLevel.parse(text) is PROVINCIAL

    @pytest.mark.parametrize("text", ["municipal", "city", "市级", "市", "Municipal", "CITY"])
    def test_reads_municipal(self, text: str) -> None:
        """English and Chinese words for the city level read as MUNICIPAL."""
        assert DesignationLevel.parse(text) is MUNICIPAL

    @pytest.mark.parametrize("text", ["county", "区级", "", "   ", "nation", "国家级小", "1"])
    def test_refuses_other_words(self, text: str) -> None:
        """Anything else raises InvalidLevelError, a ValueError naming the text."""
        with pytest.raises(InvalidLevelError) as info:
            DesignationLevel.parse(text)
        assert isinstance(info.value, ValueError)
        assert repr(text) in str(info.value)

    @pytest.mark.parametrize(
        "text", ["national\n", "\tnational", "国家\n级", "national\u200b", "\ufeff省级", "city\x00"]
    )
    def test_refuses_control_characters(self, text: str) -> None:
        """A line break, tab, zero-width space, BOM or NUL anywhere makes the word unknown."""
        with pytest.raises(InvalidLevelError) as info:
            DesignationLevel.parse(text)
        assert text == info.value.value
        assert not is_valid_level(text)

    @pytest.mark.parametrize("level", list(DesignationLevel))
    def test_str_reads_back(self, level: DesignationLevel) -> None:
        """str() of a level, 'DesignationLevel.NATIONAL', parses back to the level."""
        assert level is DesignationLevel.parse(str(level))

    @pytest.mark.parametrize("value", [None, 2, b"national", ["national"]])
    def test_refuses_non_text(self, value: object) -> None:
        """Non-text raises InvalidLevelError rather than a bare AttributeError."""
        with pytest.raises(InvalidLevelError):
            DesignationLevel.parse(value)

    @given(levels)
    def test_value_name_and_chinese_round_trip(self, level: DesignationLevel) -> None:
        """Each level's value, name and Chinese label parse back to the level."""
        assert level == DesignationLevel.parse(level.value)
        assert level == DesignationLevel.parse(level.name)
        assert level == DesignationLevel.parse(level.chinese)
        assert level == DesignationLevel.parse(level)

    @given(st.one_of(st.text(), st.none(), st.integers(), st.floats(), st.binary()))
    def test_is_valid_level_never_raises(self, value: object) -> None:
        """is_valid_level agrees with parse and never raises, whatever it is given."""
        try:
            DesignationLevel.parse(value)
        except InvalidLevelError:
            expected = False
        else:
            expected = True
        assert expected == is_valid_level(value)

    @given(levels)
    def test_is_valid_level_accepts_levels(self, level: DesignationLevel) -> None:
        """A level itself is a valid level."""
        assert is_valid_level(level)


class TestLevelOrder:
    def test_ladder(self) -> None:
        """Municipal ranks below provincial, which ranks below national."""
        assert MUNICIPAL < PROVINCIAL < NATIONAL
        expected = [MUNICIPAL, PROVINCIAL, NATIONAL]
        assert expected == sorted([NATIONAL, MUNICIPAL, PROVINCIAL])

    @given(levels, levels)
    def test_order_is_total_and_consistent(self, a: DesignationLevel, b: DesignationLevel) -> None:
        """Exactly one of <, ==, > holds, and <=, >= agree with them and with the rank."""
        assert sum([a < b, a == b, a > b]) == 1
        assert (a <= b) == (a < b or a == b)
        assert (a >= b) == (a > b or a == b)
        assert (a < b) == (a.rank < b.rank)

    @given(levels, levels, levels)
    def test_order_is_transitive(
        self, a: DesignationLevel, b: DesignationLevel, c: DesignationLevel
    ) -> None:
        """a <= b and b <= c imply a <= c."""
        if a <= b <= c:
            assert a <= c

    def test_not_comparable_with_text(self) -> None:
        """Ordering a level against a string raises TypeError instead of comparing words."""
        with pytest.raises(TypeError):
            _ = NATIONAL < "provincial"
        with pytest.raises(TypeError):
            _ = NATIONAL <= "provincial"
        with pytest.raises(TypeError):
            _ = NATIONAL > 1
        with pytest.raises(TypeError):
            _ = NATIONAL >= None

    def test_not_equal_to_its_value(self) -> None:
        """A level is not equal to its serialised string (no implicit coercion)."""
        assert NATIONAL != "national"  # type: ignore[comparison-overlap]


class TestLevelLabels:
    @pytest.mark.parametrize(
        ("level", "zh", "en"),
        [
            (NATIONAL, "国家级", "national"),
            (PROVINCIAL, "省级", "provincial"),
            (MUNICIPAL, "市级", "municipal"),
        ],
    )
    def test_labels(self, level: DesignationLevel, zh: str, en: str) -> None:
        """Each level has a Chinese and an English label, and format_level picks by locale."""
        assert zh == level.chinese
        assert en == level.english
        assert zh == format_level(level, locale="zh_CN")
        assert zh == format_level(level, locale="zh-Hant-TW")
        assert en == format_level(level, locale="en_US")
        assert en == format_level(level, locale="en")

    def test_unsupported_locale(self) -> None:
        """A locale that is neither Chinese nor English raises, naming the locale."""
        with pytest.raises(InvalidRecordError, match="fr_FR"):
            format_level(NATIONAL, locale="fr_FR")

    @pytest.mark.parametrize("locale", ["zh_XX", "en_US\n", "", None, 3, "zh" * 60])
    def test_bad_locale(self, locale: object) -> None:
        """A locale CLDR does not know, or no locale, is the library's UnknownLocaleError."""
        with pytest.raises(UnknownLocaleError) as info:
            format_level(NATIONAL, locale=locale)  # type: ignore[arg-type]
        assert locale == info.value.value

    def test_only_national_is_a_little_giant(self) -> None:
        """Only the national tier is officially a 小巨人 (domain-facts §3.1)."""
        expected = [NATIONAL]
        assert expected == [level for level in DesignationLevel if level.is_little_giant]


class TestValidity:
    def test_seed_example_three_years(self) -> None:
        """A 2022-08-01 designation is valid through 2025-07-31 and not on 2025-08-01."""
        d = Designation("national", date(2022, 8, 1), batch=4)
        assert date(2025, 7, 31) == d.expires_on
        assert d.is_valid_on(date(2022, 8, 1))
        assert d.is_valid_on(date(2025, 7, 31))
        assert not d.is_valid_on(date(2025, 8, 1))
        assert not d.is_valid_on(date(2022, 7, 31))

    def test_passed_re_review_extends_to_2028(self) -> None:
        """A passed re-review extends 2022-08 -> 2025-08 to 2028-07-31."""
        d = Designation(NATIONAL, date(2022, 8, 1), re_reviews=[ReReview(date(2025, 7, 15), True)])
        assert date(2028, 7, 31) == d.expires_on
        assert d.is_valid_on(date(2025, 8, 1))
        assert not d.is_valid_on(date(2028, 8, 1))

    def test_extension_counts_from_previous_boundary(self) -> None:
        """An early passed re-review extends from the old expiry, not from its own date."""
        d = Designation(NATIONAL, date(2022, 8, 1), re_reviews=[ReReview(date(2023, 1, 1), True)])
        assert date(2028, 7, 31) == d.expires_on

    def test_failed_re_review_ends_at_expiry(self) -> None:
        """A failed re-review lets the designation end at the current expiry."""
        d = Designation(NATIONAL, date(2022, 8, 1), re_reviews=[ReReview(date(2025, 7, 1), False)])
        assert date(2025, 7, 31) == d.expires_on

    def test_nothing_extends_after_a_failed_re_review(self) -> None:
        """A passed re-review after a failed one in the same term does not extend it."""
        reviews = [ReReview(date(2025, 6, 1), False), ReReview(date(2025, 7, 1), True)]
        d = Designation(NATIONAL, date(2022, 8, 1), re_reviews=reviews)
        assert date(2025, 7, 31) == d.expires_on

    def test_re_review_after_lapse_does_not_revive(self) -> None:
        """A passed re-review dated after the designation lapsed leaves it lapsed."""
        d = Designation(NATIONAL, date(2022, 8, 1), re_reviews=[ReReview(date(2025, 8, 1), True)])
        assert date(2025, 7, 31) == d.expires_on
        assert not d.is_valid_on(date(2025, 9, 1))

    def test_re_review_on_last_valid_day_counts(self) -> None:
        """A passed re-review on the last valid day still extends the designation."""
        d = Designation(NATIONAL, date(2022, 8, 1), re_reviews=[ReReview(date(2025, 7, 31), True)])
        assert date(2028, 7, 31) == d.expires_on

    def test_two_passed_re_reviews(self) -> None:
        """Two passed re-reviews, one per term, give three terms: nine years."""
        reviews = [ReReview(date(2028, 7, 1), True), ReReview(date(2025, 7, 1), True)]
        d = Designation(NATIONAL, date(2022, 8, 1), re_reviews=reviews)
        assert date(2031, 7, 31) == d.expires_on
        assert (date(2025, 7, 1), date(2028, 7, 1)) == tuple(r.on for r in d.re_reviews)

    def test_heilongjiang_provincial_example(self) -> None:
        """The provincial example in the sources runs 2025-11-08 to 2028-11-07 (§1.5)."""
        assert date(2028, 11, 7) == Designation("省级", date(2025, 11, 8)).expires_on

    def test_february_29(self) -> None:
        """A 2024-02-29 award is valid through 2027-02-28."""
        d = Designation(NATIONAL, date(2024, 2, 29))
        assert date(2027, 2, 28) == d.expires_on
        assert not d.is_valid_on(date(2027, 3, 1))

    def test_february_29_does_not_drift(self) -> None:
        """Terms count from the award, so four terms from 2024-02-29 end on 2036-02-28."""
        reviews = [ReReview(date(y, 2, 1), True) for y in (2027, 2030, 2033)]
        d = Designation(NATIONAL, date(2024, 2, 29), re_reviews=reviews)
        assert date(2036, 2, 28) == d.expires_on

    def test_custom_term(self) -> None:
        """valid_years changes the term length."""
        assert date(2024, 7, 31) == Designation("市级", date(2022, 8, 1), valid_years=2).expires_on

    @given(designations(), days)
    def test_valid_means_within_award_and_expiry(self, d: Designation, day: date) -> None:
        """is_valid_on is exactly awarded_on <= day <= expires_on."""
        assert (d.awarded_on <= day <= d.expires_on) == d.is_valid_on(day)

    @given(designations())
    def test_expiry_is_the_last_valid_day(self, d: Designation) -> None:
        """The expiry date is valid and the day after it is not."""
        assert d.is_valid_on(d.expires_on)
        assert not d.is_valid_on(d.expires_on + timedelta(days=1))

    @given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)), st.integers(0, 4))
    def test_each_passed_re_review_adds_a_term(self, awarded: date, passes: int) -> None:
        """k passed re-reviews, each in its term, make the designation last 3(k+1) years."""
        reviews = [
            ReReview(awarded + timedelta(days=365 * 3 * (k + 1) - 30), True) for k in range(passes)
        ]
        d = Designation(NATIONAL, awarded, re_reviews=reviews)
        years = 3 * (passes + 1)
        expected_boundary = (
            awarded.replace(year=awarded.year + years)
            if (awarded.month, awarded.day) != (2, 29) or _is_leap(awarded.year + years)
            else date(awarded.year + years, 3, 1)
        )
        assert expected_boundary - timedelta(days=1) == d.expires_on

    @pytest.mark.parametrize(
        "junk", [None, "2023-01-01", 20230101, datetime(2023, 1, 1, 12, tzinfo=UTC)]
    )
    def test_is_valid_on_never_raises(self, junk: object) -> None:
        """is_valid_on returns False for anything that is not a date."""
        assert not Designation(NATIONAL, date(2022, 8, 1)).is_valid_on(junk)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


class TestRevocation:
    def test_not_valid_on_or_after_revocation(self) -> None:
        """A revoked designation is valid up to the day before revocation."""
        d = Designation(NATIONAL, date(2022, 8, 1), revoked_on=date(2024, 3, 1))
        assert date(2024, 2, 29) == d.expires_on
        assert d.is_valid_on(date(2024, 2, 29))
        assert not d.is_valid_on(date(2024, 3, 1))
        assert not d.is_valid_on(date(2025, 1, 1))

    def test_revocation_after_expiry_changes_nothing(self) -> None:
        """Revoking a designation that has already expired leaves its expiry alone."""
        d = Designation(NATIONAL, date(2022, 8, 1), revoked_on=date(2026, 1, 1))
        assert date(2025, 7, 31) == d.expires_on

    def test_revocation_clips_an_extension(self) -> None:
        """Revocation cuts short a term won by a passed re-review."""
        d = Designation(
            NATIONAL,
            date(2022, 8, 1),
            re_reviews=[ReReview(date(2025, 7, 1), True)],
            revoked_on=date(2026, 5, 1),
        )
        assert date(2026, 4, 30) == d.expires_on

    @given(designations())
    def test_never_valid_from_revocation_on(self, d: Designation) -> None:
        """No revoked designation is valid on its revocation day."""
        if d.revoked_on is not None:
            assert not d.is_valid_on(d.revoked_on)
            assert d.expires_on < d.revoked_on


class TestValidUntil:
    def test_as_known_on_a_date(self) -> None:
        """valid_until(on) counts only the events dated on or before ``on``."""
        d = Designation(
            NATIONAL,
            date(2022, 8, 1),
            re_reviews=[ReReview(date(2025, 7, 1), True)],
            revoked_on=date(2027, 1, 1),
        )
        assert date(2025, 7, 31) == d.valid_until(date(2025, 6, 30))
        assert date(2028, 7, 31) == d.valid_until(date(2025, 7, 1))
        assert date(2026, 12, 31) == d.valid_until(date(2027, 1, 1))
        assert d.expires_on == d.valid_until()

    def test_before_the_award_raises(self) -> None:
        """Asking about a date before the award raises InvalidRecordError."""
        with pytest.raises(InvalidRecordError, match="only awarded on 2022-08-01"):
            Designation(NATIONAL, date(2022, 8, 1)).valid_until(date(2022, 7, 1))

    @given(designations(), days)
    def test_valid_until_with_everything_known_is_expiry(self, d: Designation, day: date) -> None:
        """Looking from after every event gives expires_on."""
        last_event = max([r.on for r in d.re_reviews] + [d.revoked_on or d.awarded_on])
        assert d.expires_on == d.valid_until(max(day, last_event))


class TestConstruction:
    def test_text_level_is_parsed(self) -> None:
        """The level may be given as text and is stored as the enum."""
        assert Designation("国家级专精特新“小巨人”", date(2022, 8, 1)).level is NATIONAL

    def test_keyword_construction(self) -> None:
        """Level and award date may be passed by keyword, as the enterprise module does."""
        d = Designation(level="national", awarded_on=date(2022, 8, 1))
        assert d.level is NATIONAL

    @given(st.integers(min_value=10_000, max_value=10**6000))
    def test_a_term_beyond_the_calendar_is_refused_with_our_error(self, years: int) -> None:
        """Any term past year 9999 is an InvalidRecordError whose message can be printed.

        A term of more than 4,300 digits has no decimal text in Python; the message must not try.
        """
        with pytest.raises(InvalidRecordError) as info:
            Designation("national", date(2022, 8, 1), valid_years=years)
        assert "cannot be longer than 9999 years" in str(info.value)

    def test_unknown_level_raises(self) -> None:
        """An unknown level raises InvalidLevelError."""
        with pytest.raises(InvalidLevelError):
            Designation("district", date(2022, 8, 1))

    def test_re_reviews_are_sorted(self) -> None:
        """Re-reviews are stored in date order whatever order they came in."""
        late, early = ReReview(date(2028, 7, 1), True), ReReview(date(2025, 7, 1), True)
        d = Designation(NATIONAL, date(2022, 8, 1), re_reviews=[late, early])
        assert (early, late) == d.re_reviews

    def test_frozen_and_hashable(self) -> None:
        """Designations are immutable and equal designations hash alike."""
        a = Designation(NATIONAL, date(2022, 8, 1), re_reviews=[ReReview(date(2025, 7, 1), True)])
        b = Designation(NATIONAL, date(2022, 8, 1), re_reviews=(ReReview(date(2025, 7, 1), True),))
        assert a == b
        assert hash(a) == hash(b)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            a.key = True  # type: ignore[misc]

    @given(designations())
    def test_pickles(self, d: Designation) -> None:
        """A designation survives pickling unchanged."""
        assert d == pickle.loads(pickle.dumps(d))  # noqa: S301 - our own data

    def test_key_and_batch_on_national(self) -> None:
        """A national designation can carry its batch, authority and key status."""
        d = Designation(NATIONAL, date(2022, 8, 1), batch=4, key=True, authority="工业和信息化部")
        expected = (4, True, "工业和信息化部")
        assert expected == (d.batch, d.key, d.authority)

    @pytest.mark.parametrize(
        ("kwargs", "evidence"),
        [
            ({"batch": 4, "level": "provincial"}, "only national designations"),
            ({"key": True, "level": "municipal"}, "only a national little giant can be key"),
            ({"batch": 0}, "from 1 to"),
            ({"batch": True}, "from 1 to"),
            ({"batch": "4"}, "from 1 to"),
            ({"valid_years": 0}, "at least 1"),
            ({"valid_years": True}, "at least 1"),
            ({"key": "yes"}, "True or False"),
            ({"authority": "  "}, "awarding body"),
            ({"revoked_on": date(2022, 8, 1)}, "after the award"),
            ({"revoked_on": "2023-01-01"}, "datetime.date"),
            ({"awarded_on": datetime(2022, 8, 1, tzinfo=UTC)}, "datetime.date"),
            ({"re_reviews": [ReReview(date(2022, 8, 1), True)]}, "after the award"),
            (
                {"re_reviews": [ReReview(date(2025, 1, 1), True)], "revoked_on": date(2024, 1, 1)},
                "before the revocation",
            ),
            (
                {
                    "re_reviews": [
                        ReReview(date(2025, 1, 1), True),
                        ReReview(date(2025, 1, 1), False),
                    ]
                },
                "same day",
            ),
            ({"re_reviews": ReReview(date(2025, 1, 1), True)}, "sequence"),
            ({"re_reviews": [(date(2025, 1, 1), True)]}, r"ReReview\(on, passed\)"),
        ],
    )
    def test_inconsistent_records_raise(self, kwargs: dict[str, object], evidence: str) -> None:
        """Contradictory or mistyped fields raise InvalidRecordError saying what is wrong."""
        fields: dict[str, object] = {"level": "national", "awarded_on": date(2022, 8, 1)}
        fields.update(kwargs)
        with pytest.raises(InvalidRecordError, match=evidence) as info:
            Designation(**fields)  # type: ignore[arg-type]
        assert isinstance(info.value, LittleGiantsError)

    def test_batch_bound_follows_the_batch_table(self) -> None:
        """The last accepted batch is the last batch in the bundled table."""
        last = miit_batches()[-1].number
        assert last == Designation(NATIONAL, date(2025, 11, 1), batch=last).batch
        with pytest.raises(InvalidRecordError):
            Designation(NATIONAL, date(2025, 11, 1), batch=last + 1)

    @pytest.mark.parametrize(("on", "passed"), [("2025-01-01", True), (date(2025, 1, 1), 1)])
    def test_re_review_fields_are_checked(self, on: object, passed: object) -> None:
        """A re-review needs a date and a bool."""
        with pytest.raises(InvalidRecordError):
            ReReview(on, passed)  # type: ignore[arg-type]


class TestHelpers:
    def test_highest_valid_level_picks_the_top(self) -> None:
        """The highest of the levels valid on the day wins."""
        held = [
            Designation(MUNICIPAL, date(2020, 3, 1)),
            Designation(PROVINCIAL, date(2021, 5, 1)),
            Designation(NATIONAL, date(2022, 8, 1), revoked_on=date(2023, 6, 1)),
        ]
        assert highest_valid_level(held, date(2023, 5, 31)) is NATIONAL
        assert highest_valid_level(held, date(2023, 6, 1)) is PROVINCIAL
        assert highest_valid_level(held, date(2021, 4, 30)) is MUNICIPAL
        assert highest_valid_level(held, date(2020, 2, 1)) is None
        assert highest_valid_level([], date(2023, 1, 1)) is None

    @given(st.lists(designations(), max_size=5), days)
    def test_highest_valid_level_never_expired_or_revoked(
        self, held: list[Designation], day: date
    ) -> None:
        """The result is held by a designation valid that day, and none valid ranks higher."""
        result = highest_valid_level(held, day)
        valid = [d for d in held if d.is_valid_on(day)]
        if result is None:
            assert not valid
        else:
            assert any(d.level == result for d in valid)
            assert all(d.level <= result for d in valid)

    def test_highest_valid_level_needs_a_date(self) -> None:
        """A non-date raises InvalidRecordError."""
        with pytest.raises(InvalidRecordError):
            highest_valid_level([], "2023-01-01")  # type: ignore[arg-type]

    def test_designations_between_is_inclusive(self) -> None:
        """Designations awarded on either end of the window are included, in given order."""
        a = Designation(NATIONAL, date(2022, 8, 1))
        b = Designation(PROVINCIAL, date(2022, 1, 1))
        c = Designation(MUNICIPAL, date(2023, 1, 1))
        assert (a, b) == designations_between([a, b, c], date(2022, 1, 1), date(2022, 8, 1))
        assert not designations_between([a, b, c], date(2024, 1, 1), date(2024, 12, 31))

    def test_designations_between_refuses_reversed_window(self) -> None:
        """An end before the start raises InvalidPeriodError."""
        with pytest.raises(InvalidPeriodError):
            designations_between([], date(2023, 1, 1), date(2022, 1, 1))

    @given(st.lists(designations(), max_size=5), days, days)
    def test_designations_between_filters_by_award_date(
        self, held: list[Designation], x: date, y: date
    ) -> None:
        """Exactly the designations awarded within the inclusive window are returned."""
        start, end = min(x, y), max(x, y)
        expected = tuple(d for d in held if start <= d.awarded_on <= end)
        assert expected == designations_between(held, start, end)
