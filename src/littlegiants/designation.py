"""Designations: a firm's recognition as a 专精特新 enterprise at one level, and how long it lasts.

China grades its "specialised, refined, distinctive and innovative" (专精特新) SMEs in tiers. The
2022 Interim Measures (工信部企业〔2022〕63号, Article 2) define three: innovative SMEs
(创新型中小企业), **provincial** 专精特新中小企业 recognised by the provincial SME authority, and
**national** 专精特新"小巨人"企业 (State-level "little giants") recognised by MIIT. Cities and
districts run their own, lower recognitions, which their reward policies call **municipal**. So a
:class:`DesignationLevel` is one of ``MUNICIPAL < PROVINCIAL < NATIONAL``.

Terminology: only the national tier is officially a 小巨人. The municipal and provincial tiers are
专精特新中小企业; English news (the Shenzhen Daily seed article) loosely calls all three "little
giants". :attr:`DesignationLevel.is_little_giant` is true for the national tier only.

Two places where the name and the rank differ:

- **Shenzhen** is a 计划单列市 (a city listed separately in the state plan), so its SME authority
  counts as provincial-level: a "深圳市专精特新中小企业" is a :attr:`~DesignationLevel.PROVINCIAL`
  designation, and the firm may apply straight for the national tier.
- In the **province-level municipalities** (Beijing, Shanghai, Tianjin, Chongqing) the city *is* the
  province. Their own recognition is called municipal (市级) and their reward policies say
  "municipal" (Pudong's "municipal" reward is for the Shanghai municipal recognition), but it
  ranks where a province's would. This module records what the source calls it; record such a
  designation as ``MUNICIPAL`` when applying a policy that names the municipal tier, and know
  that it is the provincial rung of the ladder.

A :class:`Designation` is valid for **3 years** from its award: from the award date through the day
before the third anniversary (the Heilongjiang example in the sources runs 2025-11-08 to
2028-11-07). At expiry the recognising body re-reviews (复核) the firm; a **passed** re-review
extends the designation by another 3 years, a failed one lets it end at expiry. Misconduct leads
to revocation, after which the firm is not valid.

>>> from datetime import date
>>> d = Designation("national", date(2022, 8, 1), batch=4)
>>> d.level, d.expires_on
(<DesignationLevel.NATIONAL: 'national'>, datetime.date(2025, 7, 31))
>>> d.is_valid_on(date(2025, 7, 31)), d.is_valid_on(date(2025, 8, 1))
(True, False)
>>> renewed = Designation("国家级", date(2022, 8, 1), re_reviews=[ReReview(date(2025, 7, 1), True)])
>>> renewed.expires_on
datetime.date(2028, 7, 31)
>>> DesignationLevel.parse("省级") < DesignationLevel.NATIONAL
True
>>> format_level(DesignationLevel.PROVINCIAL, locale="zh_CN")
'省级'
>>> DesignationLevel.parse("county")
Traceback (most recent call last):
...
littlegiants.errors.InvalidLevelError: Unknown designation level 'county': expected national ...
>>> Designation("provincial", date(2022, 8, 1), batch=4)
Traceback (most recent call last):
...
littlegiants.errors.InvalidRecordError: Invalid record 4: batch is the MIIT batch number, ...

More information:

- 工信部企业〔2022〕63号, 《优质中小企业梯度培育管理暂行办法》 (2022-06-01), full-text mirror:
  http://wap.feibaos.com/news/info/76438.html
- Validity, re-review and revocation under the 2022 Measures: https://ctoutiao.com/3152928.html ;
  http://www.eyeshenzhen.com/content/2023-04/13/content_30170935.htm ;
  http://big5.news.cn/gate/big5/hlj.news.cn/20251124/8a088f9bab0d4b0fbcd5ff893688f0b4/c.html
- Shenzhen counts as provincial-level (Shenzhen MIIT Q&A):
  https://gxj.sz.gov.cn/hdjl/ywzsk/gy/content/post_11488302.html
- Key (重点) little giants with central fiscal support (财建〔2021〕2号):
  https://ctoutiao.com/3123572.html
- The seed article (loose "little giant" wording):
  http://www.eyeshenzhen.com/content/2022-11/23/content_25472690.htm
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import TYPE_CHECKING, Final

import attrs

from littlegiants._checks import control_problem, items
from littlegiants.errors import InvalidLevelError, InvalidPeriodError, InvalidRecordError, Reason
from littlegiants.translations import N_

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "DEFAULT_VALID_YEARS",
    "Designation",
    "DesignationLevel",
    "ReReview",
    "coerce_level",
    "designations_between",
    "format_level",
    "highest_valid_level",
    "is_valid_level",
]

#: Years a designation is valid for, national and provincial (2022 Measures; domain-facts §1.5).
DEFAULT_VALID_YEARS: Final = 3


class DesignationLevel(enum.Enum):
    """The tier of a 专精特新 recognition, ordered ``MUNICIPAL < PROVINCIAL < NATIONAL``.

    Values are lowercase English words, so they serialise as ``"national"`` and so on. Compare
    levels with ``<`` and friends; comparing a level with anything else raises ``TypeError``.

    >>> sorted([DesignationLevel.NATIONAL, DesignationLevel.MUNICIPAL])
    [<DesignationLevel.MUNICIPAL: 'municipal'>, <DesignationLevel.NATIONAL: 'national'>]
    >>> DesignationLevel.NATIONAL.chinese, DesignationLevel.NATIONAL.english
    ('国家级', 'national')
    """

    MUNICIPAL = "municipal"
    PROVINCIAL = "provincial"
    NATIONAL = "national"

    @classmethod
    def parse(cls, text: object) -> DesignationLevel:
        """Read a level from English or Chinese text, case-insensitively, ignoring outer spaces.

        Accepted: ``national``, ``State-level``, ``state``, ``国家级``, ``国家``,
        ``国家级专精特新"小巨人"``, ``小巨人``, ``little giant``; ``provincial``, ``province``,
        ``省级``, ``省``; ``municipal``, ``city``, ``市级``, ``市``; and the enum's values and
        names.
        Hyphens, underscores and runs of spaces count as one space, and quotation marks are
        ignored, so ``state level`` and ``国家级专精特新“小巨人”`` are read too; a control
        character (a tab, a line break) anywhere makes the text unknown. ``str()`` of a level,
        ``DesignationLevel.NATIONAL``, reads back. A level is returned unchanged.

        Args:
            text: the text to read, or a :class:`DesignationLevel`.

        Returns:
            The level.

        Raises:
            InvalidLevelError: ``text`` is not one of the accepted words (a ``ValueError``).

        >>> DesignationLevel.parse("  State-level "), DesignationLevel.parse("市级")
        (<DesignationLevel.NATIONAL: 'national'>, <DesignationLevel.MUNICIPAL: 'municipal'>)
        >>> DesignationLevel.parse(None)
        Traceback (most recent call last):
        ...
        littlegiants.errors.InvalidLevelError: Unknown designation level None: expected national ...
        """
        if isinstance(text, DesignationLevel):
            return text
        level = _level_of(text)
        if level is None:
            raise InvalidLevelError(text)
        return level

    @property
    def rank(self) -> int:
        """Position on the ladder: 0 municipal, 1 provincial, 2 national."""
        return _RANKS[self]

    @property
    def chinese(self) -> str:
        """The Chinese name of the level: 国家级, 省级 or 市级."""
        return _CHINESE[self]

    @property
    def english(self) -> str:
        """The English name of the level: national, provincial or municipal."""
        return self.value

    @property
    def is_little_giant(self) -> bool:
        """Whether this level is officially a 专精特新"小巨人" (only the national tier is)."""
        return self is DesignationLevel.NATIONAL

    def __lt__(self, other: object) -> bool:
        """Order by rank; other types are not comparable."""
        if not isinstance(other, DesignationLevel):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        """Order by rank; other types are not comparable."""
        if not isinstance(other, DesignationLevel):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        """Order by rank; other types are not comparable."""
        if not isinstance(other, DesignationLevel):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        """Order by rank; other types are not comparable."""
        if not isinstance(other, DesignationLevel):
            return NotImplemented
        return self.rank >= other.rank


_RANKS: Final = {level: rank for rank, level in enumerate(DesignationLevel)}
_CHINESE: Final = {
    DesignationLevel.MUNICIPAL: "市级",
    DesignationLevel.PROVINCIAL: "省级",
    DesignationLevel.NATIONAL: "国家级",
}
_SEPARATORS: Final = re.compile(r"[\s_\-]+")
_QUOTES: Final = re.compile("[\"'“”‘’「」『』]")


def _normalise(text: str) -> str:
    return _SEPARATORS.sub(" ", _QUOTES.sub("", text)).strip().casefold()


def _level_of(text: object) -> DesignationLevel | None:
    """The level ``text`` names, or ``None``: the one reading of parse and is_valid_level."""
    if not isinstance(text, str) or control_problem(text) is not None:
        return None
    return _ALIASES.get(_normalise(text))


_ALIASES: Final[dict[str, DesignationLevel]] = {
    _normalise(alias): level
    for level, aliases in {
        DesignationLevel.NATIONAL: (
            "national",
            "State-level",
            "state",
            "国家级",
            "国家",
            '国家级专精特新"小巨人"',
            "小巨人",
            "little giant",
        ),
        DesignationLevel.PROVINCIAL: ("provincial", "province", "省级", "省"),
        DesignationLevel.MUNICIPAL: ("municipal", "city", "市级", "市"),
    }.items()
    for alias in (*aliases, level.name, level.value, str(level))
}


def is_valid_level(text: object) -> bool:
    """Return whether :meth:`DesignationLevel.parse` would accept ``text``; never raises.

    >>> is_valid_level("国家级"), is_valid_level("county"), is_valid_level(None)
    (True, False, False)
    """
    return isinstance(text, DesignationLevel) or _level_of(text) is not None


def format_level(level: DesignationLevel, *, locale: str) -> str:
    """Name a level for people: 国家级 / 省级 / 市级 in Chinese, national / ... in English.

    Args:
        level: the level to name.
        locale: a locale identifier (or a ``babel.Locale``); its language decides (``zh_CN``,
            ``zh-Hant``, ``en_US``).

    Returns:
        The level's name in that language.

    Raises:
        UnknownLocaleError: ``locale`` is not a locale CLDR (babel) knows, or not text.
        InvalidRecordError: the locale's language is neither Chinese nor English.

    >>> format_level(DesignationLevel.NATIONAL, locale="zh_CN")
    '国家级'
    >>> format_level(DesignationLevel.NATIONAL, locale="en_US")
    'national'
    >>> format_level(DesignationLevel.NATIONAL, locale="fr_FR")
    Traceback (most recent call last):
    ...
    littlegiants.errors.InvalidRecordError: Invalid record 'fr_FR': format_level speaks Chinese ...
    """
    from littlegiants.formatting import babel_locale  # noqa: PLC0415 - babel loads on first use

    language = babel_locale(locale).language
    if language == "zh":
        return level.chinese
    if language == "en":
        return level.english
    raise InvalidRecordError(
        locale,
        N_("format_level speaks Chinese (zh_*) and English (en_*) only; pass locale='zh_CN'"),
    )


def coerce_level(value: DesignationLevel | str) -> DesignationLevel:
    """Return ``value`` as a :class:`DesignationLevel`, parsing text; for attrs converters.

    >>> coerce_level("国家级")
    <DesignationLevel.NATIONAL: 'national'>
    """
    return DesignationLevel.parse(value)


def _check_date(name: str, value: object) -> None:
    # A datetime is a date, but comparing it with a date raises TypeError: refuse it up front.
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidRecordError(value, Reason(N_("{name} must be a datetime.date"), name=name))


def _date_field(instance: object, attribute: attrs.Attribute[dt.date], value: dt.date) -> None:
    del instance
    _check_date(attribute.name, value)


def _optional_date(
    instance: object, attribute: attrs.Attribute[dt.date | None], value: dt.date | None
) -> None:
    del instance
    if value is not None:
        _check_date(attribute.name, value)


def _bool_field(instance: object, attribute: attrs.Attribute[bool], value: bool) -> None:
    del instance
    _check_bool(attribute.name, value)


def _check_bool(name: str, value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidRecordError(value, Reason(N_("{name} must be True or False"), name=name))


@attrs.frozen
class ReReview:
    """One re-review (复核) of a designation: when it concluded and whether the firm passed.

    >>> from datetime import date
    >>> ReReview(date(2025, 7, 1), True)
    ReReview(on=datetime.date(2025, 7, 1), passed=True)
    >>> ReReview(date(2025, 7, 1), "yes")
    Traceback (most recent call last):
    ...
    littlegiants.errors.InvalidRecordError: Invalid record 'yes': passed must be True or False.
    """

    on: dt.date = attrs.field(validator=_date_field)
    passed: bool = attrs.field(validator=_bool_field)


def _to_re_reviews(value: Iterable[ReReview]) -> tuple[ReReview, ...]:
    return tuple(
        sorted(
            items(value, ReReview, "re_reviews", N_("a ReReview(on, passed)")),
            key=lambda review: review.on,
        )
    )


def _check_batch(
    instance: object, attribute: attrs.Attribute[int | None], value: int | None
) -> None:
    del instance, attribute
    if value is not None:
        _check_batch_number(value)


def _check_batch_number(value: object) -> None:
    from littlegiants.batches import miit_batches  # noqa: PLC0415 - the table loads on first use

    last = miit_batches()[-1].number
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= last:
        raise InvalidRecordError(
            value, Reason(N_("batch must be an MIIT batch number from 1 to {last}"), last=last)
        )


def _check_valid_years(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    del instance, attribute
    _check_years(value)


def _check_years(value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise InvalidRecordError(
            value, N_("valid_years must be a whole number of years, at least 1")
        )


def _check_authority(
    instance: object, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    del instance, attribute
    _check_name(value)


def _check_name(value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise InvalidRecordError(value, N_("authority must be the awarding body's name, or None"))


def _anniversary(start: dt.date, years: int) -> dt.date:
    """The date ``years`` years after ``start``; 29 February maps to 1 March in common years."""
    year = start.year + years
    try:
        return start.replace(year=year)
    except ValueError:  # 29 February in a common year
        return dt.date(year, 3, 1)


_ONE_DAY: Final = dt.timedelta(days=1)


@attrs.frozen
class Designation:
    """A recognition of a firm as a 专精特新 enterprise at one level, with its validity.

    Args:
        level: the tier; text is read with :meth:`DesignationLevel.parse`.
        awarded_on: the award (recognition) date, the first valid day.
        authority: the awarding body, e.g. ``"工业和信息化部"`` or ``"深圳市工业和信息化局"``.
        batch: the MIIT batch number (1st batch 2019 … 7th batch 2025, see
            :mod:`littlegiants.batches`); national designations only.
        valid_years: length of one term in years; 3 under the 2022 Measures for both the national
            and the provincial tier. No source gives a municipal term: pass it if yours differs.
        re_reviews: the re-reviews (复核), in any order; they are kept sorted by date. Each must
            fall after the award and before any revocation, on distinct dates.
        revoked_on: the day the designation was revoked (撤销), if it was; it is not valid from
            that day on. Must be after ``awarded_on``.
        key: a key (重点) little giant, one of the 1,000+ firms given central fiscal support under
            财建〔2021〕2号 (domain-facts §1.6); national designations only.

    Raises:
        InvalidLevelError: ``level`` is not a level.
        InvalidRecordError: a field has the wrong type or the fields contradict each other.

    **How validity is computed.** A term runs from its start through the day before the
    ``valid_years``-th anniversary of the award: an award on 2022-08-01 is valid through
    2025-07-31. The sources say nothing about 29 February; this library takes the anniversary of a
    29 February award in a common year to be 1 March, so an award on 2024-02-29 is valid through
    2027-02-28. Terms are counted from the award date, so the anniversary does not drift over
    several renewals.

    Re-reviews are read in date order. A **passed** re-review dated while the designation is still
    valid extends it by ``valid_years`` from the previous expiry boundary (not from the re-review
    date): 2022-08-01 plus one passed re-review is valid through 2028-07-31. A **failed**
    re-review lets it end at the current expiry, and no later re-review extends it. A re-review
    dated after the designation had already lapsed does not revive it: a fresh recognition is a
    new :class:`Designation`. Revocation cuts validity short: the last valid day is the day before
    ``revoked_on``.
    """

    level: DesignationLevel = attrs.field(converter=coerce_level)
    awarded_on: dt.date = attrs.field(validator=_date_field)
    authority: str | None = attrs.field(default=None, kw_only=True, validator=_check_authority)
    batch: int | None = attrs.field(default=None, kw_only=True, validator=_check_batch)
    valid_years: int = attrs.field(
        default=DEFAULT_VALID_YEARS, kw_only=True, validator=_check_valid_years
    )
    re_reviews: tuple[ReReview, ...] = attrs.field(
        default=(), kw_only=True, converter=_to_re_reviews
    )
    revoked_on: dt.date | None = attrs.field(default=None, kw_only=True, validator=_optional_date)
    key: bool = attrs.field(default=False, kw_only=True, validator=_bool_field)

    def __attrs_post_init__(self) -> None:
        """Check the fields against each other."""
        national = self.level is DesignationLevel.NATIONAL
        if self.batch is not None and not national:
            raise InvalidRecordError(
                self.batch,
                Reason(
                    N_(
                        "batch is the MIIT batch number, which only national designations have, "
                        "not {level} ones"
                    ),
                    level=Reason.given(self.level.value),
                ),
            )
        if self.key and not national:
            raise InvalidRecordError(
                self.key,
                Reason(
                    N_("only a national little giant can be key (重点), not a {level} one"),
                    level=Reason.given(self.level.value),
                ),
            )
        if self.revoked_on is not None and self.revoked_on <= self.awarded_on:
            raise InvalidRecordError(
                self.revoked_on,
                Reason(N_("revoked_on must be after the award on {on}"), on=self.awarded_on),
            )
        previous: dt.date | None = None
        for review in self.re_reviews:
            if review.on <= self.awarded_on:
                raise InvalidRecordError(
                    review,
                    Reason(N_("a re-review must come after the award on {on}"), on=self.awarded_on),
                )
            if self.revoked_on is not None and review.on >= self.revoked_on:
                raise InvalidRecordError(
                    review,
                    Reason(
                        N_("a re-review must come before the revocation on {on}"),
                        on=self.revoked_on,
                    ),
                )
            if review.on == previous:
                raise InvalidRecordError(review, N_("two re-reviews on the same day"))
            previous = review.on
        terms = 1 + len(self.re_reviews)
        if self.valid_years > dt.MAXYEAR:  # checked first: a huge int has no text to quote
            raise InvalidRecordError(
                self.valid_years,
                Reason(N_("a term cannot be longer than {limit} years"), limit=dt.MAXYEAR),
            )
        if self.awarded_on.year + terms * self.valid_years > dt.MAXYEAR:
            raise InvalidRecordError(
                self.valid_years,
                Reason(
                    N_(
                        "{terms} term(s) of {years} years from {on} would run past the year "
                        "{limit}, the last the calendar holds"
                    ),
                    terms=terms,
                    years=self.valid_years,
                    on=self.awarded_on,
                    limit=dt.MAXYEAR,
                ),
            )

    def valid_until(self, on: dt.date | None = None) -> dt.date:
        """Return the last valid day, as the record stood on ``on``.

        Only re-reviews and a revocation dated on or before ``on`` are counted; with ``on=None``
        every recorded event is, which is :attr:`expires_on`.

        Args:
            on: the date to look from, or ``None`` for the whole record.

        Returns:
            The last day the designation is (or was) valid.

        Raises:
            InvalidRecordError: ``on`` is not a date, or is before the award.

        >>> from datetime import date
        >>> passed = ReReview(date(2025, 7, 1), True)
        >>> d = Designation("national", date(2022, 8, 1), re_reviews=[passed])
        >>> d.valid_until(date(2025, 6, 30)), d.valid_until(date(2025, 7, 1))
        (datetime.date(2025, 7, 31), datetime.date(2028, 7, 31))
        """
        if on is not None:
            _check_date("on", on)
            if on < self.awarded_on:
                raise InvalidRecordError(
                    on,
                    Reason(N_("the designation was only awarded on {on}"), on=self.awarded_on),
                )
        terms = 1
        for review in self.re_reviews:
            if on is not None and review.on > on:
                break
            boundary = _anniversary(self.awarded_on, terms * self.valid_years)
            if review.on >= boundary:  # lapsed before this re-review: it cannot revive it
                break
            if not review.passed:
                break
            terms += 1
        last = _anniversary(self.awarded_on, terms * self.valid_years) - _ONE_DAY
        if self.revoked_on is not None and (on is None or self.revoked_on <= on):
            last = min(last, self.revoked_on - _ONE_DAY)
        return last

    @property
    def expires_on(self) -> dt.date:
        """The last valid day, counting passed re-reviews and clipped by a revocation."""
        return self.valid_until()

    def to_record(self) -> dict[str, object]:
        """The designation as columns of a row (beside its firm's, in ``to_records()``).

        Keys: ``level``, ``awarded_on``, ``expires_on`` (re-reviews and a revocation
        counted), ``revoked_on``, ``batch``, ``key`` and ``authority``.

        >>> from datetime import date
        >>> Designation("national", date(2022, 8, 1), batch=4).to_record()["expires_on"]
        datetime.date(2025, 7, 31)
        """
        return {
            "level": self.level.value,
            "awarded_on": self.awarded_on,
            "expires_on": self.expires_on,
            "revoked_on": self.revoked_on,
            "batch": self.batch,
            "key": self.key,
            "authority": self.authority,
        }

    def is_valid_on(self, day: object) -> bool:
        """Return whether the designation is valid on ``day``; never raises.

        Anything that is not a ``datetime.date`` (including a ``datetime``) gives ``False``.

        >>> from datetime import date
        >>> d = Designation("national", date(2022, 8, 1), revoked_on=date(2023, 3, 1))
        >>> d.is_valid_on(date(2023, 2, 28)), d.is_valid_on(date(2023, 3, 1)), d.is_valid_on(None)
        (True, False, False)
        """
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            return False
        return self.awarded_on <= day <= self.expires_on


def highest_valid_level(
    designations: Iterable[Designation], on: dt.date
) -> DesignationLevel | None:
    """Return the highest level among the designations valid on ``on``, or ``None`` if none is.

    Args:
        designations: a firm's designations, in any order.
        on: the date to look at.

    Returns:
        The highest valid level, or ``None``.

    Raises:
        InvalidRecordError: ``on`` is not a date.

    >>> from datetime import date
    >>> held = [
    ...     Designation("provincial", date(2021, 5, 1)),
    ...     Designation("national", date(2022, 8, 1)),
    ... ]
    >>> highest_valid_level(held, date(2023, 1, 1))
    <DesignationLevel.NATIONAL: 'national'>
    >>> highest_valid_level(held, date(2026, 1, 1)) is None
    True
    """
    _check_date("on", on)
    valid = [d.level for d in designations if d.is_valid_on(on)]
    return max(valid, default=None)


def designations_between(
    designations: Iterable[Designation], start: dt.date, end: dt.date
) -> tuple[Designation, ...]:
    """Return the designations awarded from ``start`` through ``end`` (both inclusive), in order.

    Args:
        designations: a firm's designations.
        start: the first day of the window.
        end: the last day of the window.

    Returns:
        The designations awarded within the window, in their given order.

    Raises:
        InvalidRecordError: ``start`` or ``end`` is not a date.
        InvalidPeriodError: ``end`` is before ``start``.

    >>> from datetime import date
    >>> held = [
    ...     Designation("provincial", date(2021, 5, 1)),
    ...     Designation("national", date(2022, 8, 1)),
    ... ]
    >>> [d.level.value for d in designations_between(held, date(2022, 1, 1), date(2022, 12, 31))]
    ['national']
    >>> designations_between(held, date(2022, 12, 31), date(2022, 1, 1))
    Traceback (most recent call last):
    ...
    littlegiants.errors.InvalidPeriodError: Invalid period ...: the end is before the start.
    """
    _check_date("start", start)
    _check_date("end", end)
    if end < start:
        raise InvalidPeriodError((start, end), N_("the end is before the start"))
    return tuple(d for d in designations if start <= d.awarded_on <= end)
