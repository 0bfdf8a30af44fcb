"""The words of a policy: zones, conditions, combinations, relations, statuses and reasons.

This is the ground floor of :mod:`littlegiants.policy`: plain values every other module of the
package reads, importing nothing from it. A policy (:class:`~littlegiants.policy.IncentivePolicy`)
is a jurisdiction, possibly a named :class:`Zone`, with :class:`Condition` s on the firm, rules
(:mod:`littlegiants.policy.rules`), a :class:`Combination` saying how rewards at several levels
add up, and :class:`Relation` s saying how it stands to other issuers' policies. The engine marks
each item with an :class:`ItemStatus` and explains it with a :class:`Text` in English and
Chinese.

>>> Combination("top-up"), ItemStatus("not-eligible").value
(<Combination.TOP_UP: 'top-up'>, 'not-eligible')
>>> Text.of(N_("a move within the jurisdiction")).speak("zh_CN")
'辖区内迁移'
"""

from __future__ import annotations

import enum
import functools
from datetime import date
from typing import TYPE_CHECKING, Final, NamedTuple, get_args

import attrs

from littlegiants.errors import InvalidRecordError, Reason
from littlegiants.financials import PROFILE_FLAGS, MoneyFigure
from littlegiants.formatting import format_money
from littlegiants.money import Money
from littlegiants.regions import Region
from littlegiants.sources import Source, SourceKind
from littlegiants.translations import N_, in_both, translator

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from littlegiants.designation import Designation, DesignationLevel
    from littlegiants.enterprise import Relocation
    from littlegiants.financials import Profile

__all__ = [
    "FIGURES",
    "Combination",
    "Condition",
    "ConditionStatus",
    "Event",
    "EventKind",
    "FigureYear",
    "ItemStatus",
    "RegionAmount",
    "Relation",
    "RelationKind",
    "Source",
    "SourceKind",
    "Text",
    "Zone",
    "ZoneExtent",
]


def language(locale: str) -> str:
    """``zh`` for a locale the Chinese catalogue serves (``zh_CN``, ``zh-Hans``), else ``en``.

    The same choice as :func:`~littlegiants.translations.translator`: Traditional Chinese
    (``zh_TW``) has no catalogue yet and reads English.
    """
    return "zh" if translator(locale).language == "zh_Hans" else "en"


#: The locales a :class:`Text` is rendered in: English, and Simplified Chinese from the catalogue.
_LOCALES: Final = ("en_US", "zh_CN")


@functools.cache
def _gettext(locale: str) -> Callable[[str], str]:
    """The catalogue's ``gettext`` for one of :data:`_LOCALES`, looked up once."""
    return translator(locale).gettext


@attrs.frozen
class Text:
    """A sentence in English and Chinese: what the engine says about an item, rule or relation.

    Both renderings are kept because a payout report is made once and read in either language.
    They are filled from the gettext catalogue (:meth:`of`), never written in the code: ``en``
    is the message, ``zh`` its translation. ``str()`` is the English; :meth:`speak` picks the
    language of a locale.

    >>> text = Text.of(N_("not a key (重点) little giant"))
    >>> str(text), text.speak("zh_CN"), text.speak("en_US")
    ('not a key (重点) little giant', '不是重点小巨人', 'not a key (重点) little giant')
    """

    en: str
    zh: str

    @classmethod
    def of(cls, message: str, /, **fields: object) -> Text:
        """A message marked with ``N_``, in English and in the catalogue's Chinese.

        ``fields`` fill the message's named placeholders (``{on}``); a field that is itself a
        :class:`Text` is filled in each language with its own rendering.

        >>> Text.of(N_("payable")).speak("zh_CN")
        '应予奖励'
        >>> Text.of(N_("{first}; {second}"), first=Text.of(N_("met")), second="x").zh
        '满足；x'
        """
        return cls(*in_both(message, fields, Text))

    @classmethod
    def each(cls, render: Callable[[str], str]) -> Text:
        """The text ``render(locale)`` gives for an English locale and a Chinese one.

        >>> Text.each(lambda locale: translator(locale).pgettext("coverage", "unknown")).zh
        '无法判断'
        """
        english, chinese = (render(locale) for locale in _LOCALES)
        return cls(english, chinese)

    def speak(self, locale: str) -> str:
        """The sentence in the language of ``locale``."""
        return self.zh if language(locale) == "zh" else self.en

    def __str__(self) -> str:
        """The English sentence."""
        return self.en

    def __add__(self, other: Text) -> Text:
        """Both sentences, joined as each language lists reasons (``; `` and ``；``)."""
        return Text.of(N_("{first}; {second}"), first=self, second=other)


def money_words(money: Money) -> Text:
    """An amount inside a reason: ``500000 CNY`` in English, the locale's money format otherwise.

    >>> money_words(Money(500000, "CNY")).speak("zh_CN")
    '¥500,000.00'
    >>> money_words(Money("500000.00", "CNY")).en
    '500000.00 CNY'
    """
    return _money_words(str(money), money)


@functools.lru_cache(maxsize=1024)
def _money_words(english: str, money: Money) -> Text:
    """Cached (rewards repeat), keyed by the English: ``500000`` equals ``500000.00``."""
    return Text.each(
        lambda locale: english if language(locale) == "en" else format_money(money, locale=locale)
    )


def listing(items: Iterable[object]) -> Text:
    """Items listed as each language lists them: ``1, 2`` and ``1、2``.

    >>> listing([4, 5]).speak("zh_CN")
    '4、5'
    """
    parts = [str(item) for item in items]
    return Text.each(lambda locale: translator(locale).pgettext("list", ", ").join(parts))


def level_words(level: DesignationLevel) -> Text:
    """A designation level's name: ``national`` / ``国家级`` (the catalogue's level names)."""
    return Text.of(level.value)


class Combination(enum.Enum):
    """How rewards for several levels reached by one firm combine under one policy.

    - ``CUMULATIVE``: each level reached is paid its own amount.
    - ``HIGHEST_ONLY``: only the highest level reached pays; lower levels not yet paid are
      superseded.
    - ``TOP_UP``: an upgrade pays the difference between the higher amount and what was already
      paid for lower levels (Longgang: "已获省级奖励的，按50万元补齐差额").
    """

    CUMULATIVE = "cumulative"
    HIGHEST_ONLY = "highest-only"
    TOP_UP = "top-up"

    @property
    def words(self) -> Text:
        """The combination in English and Chinese: ``top-up`` / ``补齐差额``."""
        return _COMBINATION_WORDS[self]


_COMBINATION_WORDS: Final = {
    Combination.CUMULATIVE: Text.of(N_("cumulative")),
    Combination.HIGHEST_ONLY: Text.of(N_("highest-only")),
    Combination.TOP_UP: Text.of(N_("top-up")),
}


class RelationKind(enum.Enum):
    """How a policy stands to another issuer's policy for the same event (see :class:`Relation`).

    - ``TOP_UP``: it pays only the difference to what the other policy rewards for the same
      event ("按差额补足": a district paying up to its amount, less the city's reward).
    - ``EXCLUSIVE``: it is not combined with the other policy: it pays nothing for an event the
      other policy rewards ("不重复享受", "不与……叠加").

    A policy that states no relation to another is independent of it: both pay in full, and a
    stacked payout says the sources are silent.
    """

    TOP_UP = "top-up"
    EXCLUSIVE = "exclusive"

    @property
    def words(self) -> Text:
        """The relation in words: ``pays the difference to`` / ``补足差额于``."""
        return _RELATION_WORDS[self]


_RELATION_WORDS: Final = {
    RelationKind.TOP_UP: Text.of(N_("pays the difference to")),
    RelationKind.EXCLUSIVE: Text.of(N_("is not combined with")),
}


@attrs.frozen(kw_only=True)
class Relation:
    """What a policy's text says about other issuers' policies for the same event.

    Attributes:
        kind: top-up over them, or not combined with them (:class:`RelationKind`).
        policies: the ids of the other policies.
        quote: the source's words (required in bundled files: a relation is never inferred).
        note: how the words were read.

    >>> Relation(kind="top-up", policies=["shenzhen-2022"]).policies
    ('shenzhen-2022',)
    """

    kind: RelationKind = attrs.field(converter=RelationKind)
    policies: tuple[str, ...] = attrs.field(converter=tuple)
    quote: str | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        """A relation names at least one other policy, each once."""
        if not self.policies:
            raise InvalidRecordError(self.policies, N_("a relation names the policies it is about"))
        if len(set(self.policies)) != len(self.policies):
            raise InvalidRecordError(self.policies, N_("a relation names each policy once"))


#: Financial figures a rule's share may read: the money fields of ``FinancialYear``.
FIGURES: Final = frozenset(get_args(MoneyFigure))


class FigureYear(enum.Enum):
    """Which calendar year's figure a rule paying a share of a figure reads.

    - ``PREVIOUS``: the year before the event ("上年度", Pudong's last year's R&D deduction).
    - ``EVENT``: the year of the event (Jing'an matches the central funds of the first year of
      support, the year the firm became a key little giant).
    """

    PREVIOUS = "previous"
    EVENT = "event"

    def of(self, on: date) -> int:
        """The calendar year read for an event on ``on``."""
        return on.year - 1 if self is FigureYear.PREVIOUS else on.year


class ZoneExtent(enum.Enum):
    """How a named zone relates to the GB/T 2260 divisions it is listed with.

    - ``WHOLE``: the zone is exactly those divisions, so a firm's registered division decides
      whether it is in the zone.
    - ``PART``: the zone lies within those divisions and covers only part of them (Shanghai's
      Lingang special area, a 高新区 or 经开区 has no division code of its own), so the division
      only rules firms out; whether a firm inside them is in the zone is a fact of the firm
      (:attr:`~littlegiants.financials.Profile.zones`).
    """

    WHOLE = "whole"
    PART = "part"


@attrs.frozen(kw_only=True)
class Zone:
    """A jurisdiction that is a named zone rather than one division: its name and extent.

    Zones such as 临港新片区, a 高新区 or an 经开区 have no GB/T 2260 code of their own, and
    littlegiants never invents one: a zone is named, listed with the divisions it is made of
    (``WHOLE``) or lies within (``PART``), and sourced.

    Attributes:
        name: the zone's name as the source gives it.
        divisions: the divisions it is made of or lies within.
        extent: whether it is the whole of those divisions or a part of them.
        source: where its name and extent were read.
        name_en: an English name.
        aliases: other names a firm's record may give it (a short name).
        note: what the source does not say about the zone's extent.

    >>> lingang = Zone(
    ...     name="中国（上海）自由贸易试验区临港新片区",
    ...     aliases=("临港新片区",),
    ...     divisions=(Region("310000"),),
    ...     extent="part",
    ...     source=Source("https://zhengcejia.com/news/55313.html", kind="summary"),
    ... )
    >>> lingang.holds(Region("310115")), lingang.holds(Region("440300"))
    (True, False)
    >>> lingang.registers(["临港新片区"]), lingang.registers(()), lingang.registers(None)
    (True, False, None)
    """

    name: str
    divisions: tuple[Region, ...] = attrs.field(converter=tuple)
    extent: ZoneExtent = attrs.field(converter=ZoneExtent)
    source: Source
    name_en: str | None = None
    aliases: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        """A zone names itself and lists at least one division."""
        if not self.name.strip():
            raise InvalidRecordError(self.name, N_("a zone needs its name"))
        if not self.divisions:
            raise InvalidRecordError(
                self.name, N_("a zone lists the divisions it is made of or in")
            )

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the zone goes by: its name, then its aliases."""
        return (self.name, *self.aliases)

    def holds(self, region: Region) -> bool:
        """Whether ``region`` lies in the zone's divisions (for a part zone: may be in it)."""
        return any(region.within(division) for division in self.divisions)

    def registers(self, zones: Iterable[str] | None) -> bool | None:
        """Whether a firm recorded in ``zones`` (names) is in this zone; ``None`` when unknown."""
        if zones is None:
            return None
        recorded = {name.strip() for name in zones}
        return any(name in recorded for name in self.names)


class ConditionStatus(enum.Enum):
    """What a firm's facts say about one condition of a policy."""

    MET = "met"
    NOT_MET = "not-met"
    UNKNOWN = "unknown"

    @property
    def words(self) -> Text:
        """The status in English and Chinese: ``met`` / ``满足``."""
        return _CONDITION_WORDS[self]


_CONDITION_WORDS: Final = {
    ConditionStatus.MET: Text.of(N_("met")),
    ConditionStatus.NOT_MET: Text.of(N_("not met")),
    ConditionStatus.UNKNOWN: Text.of(N_("unknown")),
}

FLAG_FACTS: Final = Reason(
    N_("a condition reads one of the Profile's yes/no facts: {facts}"),
    facts=", ".join(PROFILE_FLAGS),
)


@attrs.frozen(kw_only=True)
class Condition:
    """A condition every reward of a policy is subject to, read from a yes/no Profile fact.

    Guangdong's 2022 subsidy excludes firms on the abnormal-operations or serious-dishonesty
    lists, firms making prohibited, restricted or eliminated products, and firms with a major
    accident or tax evasion in the last 3 years. Each is a condition on a
    :class:`~littlegiants.financials.Profile` fact: met when the fact has the ``expected`` value,
    not met when it has the other, unknown when the fact is unknown (never assumed).

    >>> from littlegiants.financials import Profile
    >>> listed = Condition(id="not-abnormal", fact="abnormal_operations_listed", expected=False,
    ...                    text="Not on the abnormal-operations list.")
    >>> profiles = (Profile(abnormal_operations_listed=False), Profile(), None)
    >>> [listed.check(profile).value for profile in profiles]
    ['met', 'unknown', 'unknown']
    >>> listed.check(Profile(abnormal_operations_listed=True)).value
    'not-met'
    """

    id: str
    fact: str
    expected: bool
    text: str
    quote: str | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        """The fact is one of the Profile's yes/no facts."""
        if self.fact not in PROFILE_FLAGS:
            raise InvalidRecordError(self.fact, FLAG_FACTS)
        if not isinstance(self.expected, bool):
            raise InvalidRecordError(self.expected, N_("a condition expects true or false"))

    def check(self, profile: Profile | None) -> ConditionStatus:
        """Whether the firm's profile meets the condition (``UNKNOWN`` without the fact)."""
        value = None if profile is None else getattr(profile, self.fact)
        if value is None:
            return ConditionStatus.UNKNOWN
        return ConditionStatus.MET if value is self.expected else ConditionStatus.NOT_MET


@attrs.frozen
class RegionAmount:
    """An amount that applies to firms registered in some regions (Guangdong's PRD amount)."""

    regions: tuple[Region, ...]
    amount: Money
    label: str | None = None


class ItemStatus(enum.Enum):
    """Why a payout item has the amount it has.

    - ``PAYABLE``: the rule pays (an "up to" ceiling when the source says 最高);
    - ``OUTSIDE_PERIOD``: the event falls outside the policy's effective dates;
    - ``OUTSIDE_JURISDICTION``: the firm was registered outside the jurisdiction on the event date;
    - ``ALREADY_PAID``: the ledger of earlier payments covers it (or, under ``top-up``, what was
      paid for lower levels already reaches the amount);
    - ``SUPERSEDED``: under ``highest-only`` a higher level reached replaces it, and a move is
      rewarded once, by the relocation rule of the highest level held;
    - ``NOT_ELIGIBLE``: a condition of the rule or the policy is not met, or the policy does not
      reward the event at all (a level it has no rule for);
    - ``MISSING_DATA``: a fact the amount depends on is unknown; the amount is ``None``, never
      zero;
    - ``OTHER_POLICY``: in a stack of policies, another issuer's reward for the same event takes
      its place (the policy is not combined with it, or pays only the difference and there is
      none).
    """

    PAYABLE = "payable"
    OUTSIDE_PERIOD = "outside-period"
    OUTSIDE_JURISDICTION = "outside-jurisdiction"
    ALREADY_PAID = "already-paid"
    SUPERSEDED = "superseded"
    NOT_ELIGIBLE = "not-eligible"
    MISSING_DATA = "missing-data"
    OTHER_POLICY = "other-policy"

    @property
    def words(self) -> Text:
        """The status as a reason, in English and Chinese."""
        return _STATUS_WORDS[self]


_STATUS_WORDS: Final = {
    ItemStatus.PAYABLE: Text.of(N_("payable")),
    ItemStatus.OUTSIDE_PERIOD: Text.of(N_("not paid: outside the policy's effective period")),
    ItemStatus.OUTSIDE_JURISDICTION: Text.of(N_("not paid: registered outside the jurisdiction")),
    ItemStatus.ALREADY_PAID: Text.of(N_("not paid again: already paid")),
    ItemStatus.SUPERSEDED: Text.of(N_("not paid: superseded by a higher level")),
    ItemStatus.NOT_ELIGIBLE: Text.of(N_("not paid: a condition of the rule is not met")),
    ItemStatus.MISSING_DATA: Text.of(N_("cannot be computed: data missing")),
    ItemStatus.OTHER_POLICY: Text.of(
        N_("not paid: another policy's reward for the same event takes its place")
    ),
}


class EventKind(enum.StrEnum):
    """What happened to a firm that a rule may reward, as a ledger :class:`Payment` names it.

    - ``DESIGNATION``: a designation was awarded (recognition);
    - ``RE_REVIEW``: a designation passed its re-review (复核);
    - ``RELOCATION``: the firm moved its registered seat.
    """

    DESIGNATION = "designation"
    RE_REVIEW = "re-review"
    RELOCATION = "relocation"

    @property
    def noun(self) -> Text:
        """The event as a noun: ``designation`` / ``认定``, ``re-review`` / ``复核``, ``move``."""
        return _EVENT_NOUNS[self]


_EVENT_NOUNS: Final = {
    EventKind.DESIGNATION: Text.of(N_("designation")),
    EventKind.RE_REVIEW: Text.of(N_("re-review")),
    EventKind.RELOCATION: Text.of(N_("move")),
}


class Event(NamedTuple):
    """One event of a firm's history a rule is asked about: its kind, date and record.

    ``designation`` is the designation awarded or re-reviewed; ``relocation`` the move. Two
    items are about the same event when their events are equal, which is how a stack of policies
    finds another issuer's reward "for the same recognition". (A named tuple: the engine makes
    one per rule and event, so it is built at tuple speed.)
    """

    kind: EventKind
    on: date
    designation: Designation | None = None
    relocation: Relocation | None = None
