"""Incentive policies as dated data: who pays what, for which designation, under which document.

Cities, provinces and districts reward firms that win a 专精特新 designation. Shenzhen's
深府〔2022〕31号 (in force 2022-04-08 to 2025-12-31) pays **up to** 100,000, 200,000 and 500,000
yuan for municipal, provincial and national recognition; Guangdong paid 1,000,000 yuan per new 2022
little giant in the Pearl River Delta and 1,200,000 elsewhere; Pudong pays 10% of last year's R&D
super-deduction, capped; Longgang tops an upgrade up to the higher amount (domain-facts §3).

An :class:`IncentivePolicy` is read from a TOML file (the format is documented in
``docs/policy-files.md``; bundled ones live in ``littlegiants/data/policies/``). It holds the
issuing document, its jurisdiction (a division code; districts inside it count), its effective
dates (a bound the sources do not give stays open, and the file says so), its sources and their
confidence, notes where the source is silent, how rewards at several levels combine, and its
rules. Amounts are quoted strings in the file and exact :class:`~littlegiants.money.Money` here.

>>> policy = load_policy("shenzhen-2022")
>>> policy.document, str(policy.jurisdiction.code), policy.combination.value
('深府〔2022〕31号', '440300', 'cumulative')
>>> for rule in policy.rules:
...     print(rule.id, rule.kind.value, rule.level.value, rule.amount, rule.up_to)
municipal designation municipal 100000 CNY True
provincial designation provincial 200000 CNY True
national designation national 500000 CNY True
>>> load_policy("atlantis-2030")
Traceback (most recent call last):
...
littlegiants.errors.UnknownPolicyError: No bundled policy 'atlantis-2030': known ids are ...

More information:

- 深府〔2022〕31号: https://chinaflashmarket.com/a/176934
- OpenFisca's country template (parameters as dated data with legal references):
  https://github.com/openfisca/country-template
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, get_args

import attrs

from littlegiants.designation import DesignationLevel
from littlegiants.errors import (
    CurrencyMismatchError,
    InvalidRecordError,
    UnknownPolicyError,
    UnknownRuleError,
)
from littlegiants.financials import PROFILE_FLAGS, MoneyFigure
from littlegiants.money import Money
from littlegiants.regions import Region
from littlegiants.sources import Source, SourceKind

if TYPE_CHECKING:
    from collections.abc import Iterable

    from littlegiants.enterprise import Enterprise
    from littlegiants.financials import Profile
    from littlegiants.payout import Payment, Payout, PayoutReport

__all__ = [
    "FIGURES",
    "Combination",
    "Condition",
    "ConditionStatus",
    "FigureYear",
    "IncentivePolicy",
    "RegionAmount",
    "Rule",
    "RuleKind",
    "Source",
    "SourceKind",
    "Zone",
    "ZoneExtent",
    "load_policy",
    "policies",
]


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


class RuleKind(enum.Enum):
    """What triggers a rule.

    - ``DESIGNATION``: a designation of the rule's level awarded inside the effective period.
    - ``PERCENTAGE``: the same trigger, always paying a percentage of a financial figure, capped
      (Pudong). A rule of any other kind may pay a share of a figure too (:class:`FigureYear`).
    - ``RE_REVIEW``: a passed re-review (复核) of a designation of the level (Huangpu, Jing'an).
    - ``RELOCATION``: a firm holding the level that moves into the jurisdiction (Guangzhou).
    """

    DESIGNATION = "designation"
    PERCENTAGE = "percentage"
    RE_REVIEW = "re-review"
    RELOCATION = "relocation"

    @property
    def is_award(self) -> bool:
        """Whether the rule rewards the designation itself (the tiers that combine)."""
        return self in (RuleKind.DESIGNATION, RuleKind.PERCENTAGE)


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
            raise InvalidRecordError(self.name, "a zone needs its name")
        if not self.divisions:
            raise InvalidRecordError(self.name, "a zone lists the divisions it is made of or in")

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
            raise InvalidRecordError(self.fact, _FLAG_FACTS)
        if not isinstance(self.expected, bool):
            raise InvalidRecordError(self.expected, "a condition expects true or false")

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


@attrs.frozen(kw_only=True)
class Rule:
    """One reward of a policy.

    Attributes:
        id: the rule's name inside the policy, e.g. ``national``.
        kind: what triggers it (:class:`RuleKind`).
        level: the designation level it concerns.
        amount: the amount (or the cap, for a percentage rule).
        up_to: the source says "最高" (up to): the amount is an entitlement ceiling.
        key: only for key (重点) little giants; a tier above the plain national one.
        by_region: amounts that replace ``amount`` for firms in some regions.
        percent: for a rule paying a share of a figure, the percentage of ``figure`` (1:1
            matching is 100); the amount is then a cap. Required for a percentage rule.
        figure: the ``FinancialYear`` money field the share is of.
        figure_year: which year's figure: the year before the event (default) or its year.
        batches: MIIT batches the rule is limited to (empty: any).
        first_time: only a first recognition at the level pays (首次认定, 年度首次认定): a
            designation after an earlier one of the same level is not eligible.
        designated_from, designated_before: for a rule about a designation (award or
            re-review), the award dates it is limited to: from ``designated_from`` (included)
            and before ``designated_before`` (excluded). Huangpu lets little giants announced
            before October 2022 claim the recognition reward on their re-review.
        not_rewarded: the reason the policy pays nothing for events of this rule; the item is
            not eligible with that reason instead of missing (a Shanghai firm recorded at
            provincial level, where Shanghai has no provincial tier of its own).
        quote: the source's own words.
        note: how the source was read, where it is silent.
    """

    id: str
    kind: RuleKind
    level: DesignationLevel
    amount: Money
    up_to: bool = False
    key: bool = False
    by_region: tuple[RegionAmount, ...] = ()
    percent: Decimal | None = None
    figure: str | None = None
    figure_year: FigureYear = attrs.field(default=FigureYear.PREVIOUS, converter=FigureYear)
    batches: tuple[int, ...] = ()
    first_time: bool = False
    designated_from: date | None = None
    designated_before: date | None = None
    not_rewarded: str | None = None
    quote: str | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        """Check what the file reader checks, for rules built in code too."""
        if self.first_time and not self.kind.is_award:
            raise InvalidRecordError(self.id, _FIRST_TIME_AWARDS)
        start, before = self.designated_from, self.designated_before
        if (start is not None or before is not None) and self.kind is RuleKind.RELOCATION:
            raise InvalidRecordError(self.id, _WINDOW_DESIGNATIONS)
        if start is not None and before is not None and before <= start:
            raise InvalidRecordError(before, f"designated_before must come after {start}")
        if self.not_rewarded is not None and (self.amount.amount or self.percent is not None):
            raise InvalidRecordError(self.id, _NOT_REWARDED_PAYS_NOTHING)
        amounts = [self.amount, *(option.amount for option in self.by_region)]
        for amount in amounts:
            if amount.currency != self.amount.currency:
                raise CurrencyMismatchError(self.amount.currency, amount.currency, "mix")
            if amount.amount < 0:
                raise InvalidRecordError(amount, f"rule {self.id}: amounts are not negative")
        if self.key and self.level is not DesignationLevel.NATIONAL:
            raise InvalidRecordError(self.id, "only national (little giant) rules can be key")
        shares = self.percent is not None or self.figure is not None
        if shares and (self.percent is None or self.figure not in FIGURES):
            raise InvalidRecordError(self.id, "a share of a figure needs a percent and a figure")
        if self.kind is RuleKind.PERCENTAGE and not shares:
            raise InvalidRecordError(self.id, "a percentage rule has a percent and a figure")

    @property
    def pays_a_share(self) -> bool:
        """Whether the amount is a share of a figure (``percent`` of ``figure``), capped."""
        return self.percent is not None

    @property
    def tier(self) -> tuple[int, bool]:
        """Order of award rules for combination: level rank, then key above plain."""
        return (self.level.rank, self.key)

    def amount_for(self, region: Region | None) -> Money:
        """Return the amount (or cap) that applies to a firm registered in ``region``."""
        if region is not None:
            for option in self.by_region:
                if any(region.within(area) for area in option.regions):
                    return option.amount
        return self.amount

    @property
    def highest_amount(self) -> Money:
        """The largest amount this rule can pay, across its regional amounts."""
        return max([self.amount, *(option.amount for option in self.by_region)])


_FLAG_FACTS: Final = "a condition reads one of the Profile's yes/no facts: " + ", ".join(
    PROFILE_FLAGS
)
_WINDOW_DESIGNATIONS: Final = (
    "designated_from and designated_before limit rules about a designation, not relocations"
)
_NOT_REWARDED_PAYS_NOTHING: Final = (
    "a rule that is not rewarded pays nothing: it takes no amount (other than 0) and no percent"
)
_FIRST_TIME_AWARDS: Final = (
    "only designation and percentage rules reward a recognition, so only they can be first_time"
)
_PART_ZONE_MOVES: Final = (
    "a move into a zone that covers part of its divisions cannot be told from division codes, "
    "so such a policy has no relocation rules"
)


def _in_period(start: date | None, end: date | None, on: date) -> bool:
    return (start is None or start <= on) and (end is None or on <= end)


@attrs.frozen(kw_only=True)
class IncentivePolicy:
    """An incentive policy: its provenance, its dates, its jurisdiction and its rules.

    Build one with :meth:`from_toml` or :func:`load_policy`; change one with :meth:`evolve`.
    ``notes`` say how the sources were read; ``unknowns`` list what was looked for in them and
    not found (a document number, an issuer, dates, conditions), so the catalogue can show what
    is still open for each policy.
    """

    id: str
    title: str
    document: str
    issuer: str
    jurisdiction: Region
    currency: str
    effective_from: date | None
    effective_to: date | None
    combination: Combination
    rules: tuple[Rule, ...]
    sources: tuple[Source, ...] = ()
    confidence: str | None = None
    title_en: str | None = None
    effective_note: str | None = None
    combination_note: str | None = None
    notes: tuple[str, ...] = ()
    unknowns: tuple[str, ...] = ()
    zone: Zone | None = None
    conditions: tuple[Condition, ...] = ()
    path: str | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        """Check what the file reader checks, for policies built in code too."""
        for things in (self.rules, self.conditions):
            ids = [thing.id for thing in things]
            if len(set(ids)) != len(ids):
                raise InvalidRecordError(self.id, f"two {type(things[0]).__name__}s share an id")
        if self.zone is not None:
            for division in self.zone.divisions:
                if not division.within(self.jurisdiction):
                    raise InvalidRecordError(
                        division.code, f"a zone's division lies within {self.jurisdiction.code}"
                    )
            if self.zone.extent is ZoneExtent.PART and any(
                rule.kind is RuleKind.RELOCATION for rule in self.rules
            ):
                raise InvalidRecordError(self.zone.name, _PART_ZONE_MOVES)
        for rule in self.rules:
            if rule.amount.currency != self.currency:
                raise CurrencyMismatchError(self.currency, rule.amount.currency, "mix")
        start, end = self.effective_from, self.effective_to
        if start is not None and end is not None and end < start:
            raise InvalidRecordError(end, f"the effective period ends before it starts ({start})")

    # -- reading ------------------------------------------------------------------------------

    @classmethod
    def from_toml(cls, path: str | Path, *, bundled: bool = False) -> IncentivePolicy:
        """Read a policy file.

        ``bundled=True`` holds the file to the catalogue's standard: every source states its
        kind (official, mirror or summary); :func:`load_policy` reads the catalogue so.

        Raises:
            PolicyFileError: any problem in the file, naming the file, the key path and the
                line (a ``ValueError``): not UTF-8, not TOML, nested too deeply, a bad value.
            UnreadableFileError: the path is missing (``MissingDataFileError``, also a
                ``FileNotFoundError``), a folder or FIFO, or not permitted (an ``OSError``).
        """
        from littlegiants._tomlindex import read_file  # noqa: PLC0415
        from littlegiants.errors import PolicyFileError  # noqa: PLC0415

        file = Path(path)
        return cls.from_toml_text(read_file(file, PolicyFileError), path=str(file), bundled=bundled)

    @classmethod
    def from_toml_text(
        cls, text: str, *, path: str = "<string>", bundled: bool = False
    ) -> IncentivePolicy:
        """Read a policy from TOML text (``path`` names it in errors).

        >>> IncentivePolicy.from_toml_text('id = "x"', path="x.toml")
        Traceback (most recent call last):
        ...
        littlegiants.errors.PolicyFileError: Bad policy file (x.toml, key currency): a required ...
        """
        from littlegiants._policyfile import read_policy  # noqa: PLC0415

        return read_policy(text, path, bundled=bundled)

    def is_in_force(self, on: date) -> bool:
        """Whether ``on`` falls within the effective period (open bounds count as in force).

        >>> load_policy("shenzhen-2022").is_in_force(date(2022, 4, 7))
        False
        """
        return _in_period(self.effective_from, self.effective_to, on)

    def covers(self, region: Region) -> bool:
        """Whether a firm registered in ``region`` is inside the jurisdiction.

        For a policy of a zone that covers part of its divisions (:class:`ZoneExtent`), this
        says only that the firm may be in it; :meth:`in_zone` says whether it is.

        >>> policy = load_policy("shenzhen-2022")
        >>> policy.covers(Region("440305")), policy.covers(Region("440106"))
        (True, False)
        """
        if self.zone is not None:
            return self.zone.holds(region)
        return region.within(self.jurisdiction)

    @property
    def area(self) -> str:
        """The jurisdiction in words: its division code, or the zone's name and divisions.

        >>> load_policy("shenzhen-2022").area
        '440300'
        """
        if self.zone is None:
            return self.jurisdiction.code
        codes = ", ".join(division.code for division in self.zone.divisions)
        return f"{self.zone.name} ({codes})"

    def in_zone(self, enterprise: Enterprise) -> bool | None:
        """Whether the firm is registered in the policy's part zone (``None``: unknown).

        Always ``True`` for a policy without a zone or with a zone made of whole divisions,
        where the registered division decides (:meth:`covers`). For a zone that covers part of
        its divisions the firm's :attr:`Profile.zones <littlegiants.financials.Profile.zones>`
        decides: unknown when the firm has no profile or its zones are not recorded.
        """
        if self.zone is None or self.zone.extent is ZoneExtent.WHOLE:
            return True
        profile = enterprise.profile
        return self.zone.registers(None if profile is None else profile.zones)

    def rule(self, rule_id: str) -> Rule:
        """Return the rule with this id.

        Raises:
            UnknownRuleError: the policy has no such rule (a ``LookupError``).
        """
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise UnknownRuleError(rule_id, self.id, tuple(r.id for r in self.rules))

    # -- what-if --------------------------------------------------------------------------------

    def evolve(
        self,
        *,
        amounts: Mapping[str, Money | str | int | Decimal] | None = None,
        combination: Combination | str | None = None,
        **changes: Any,  # noqa: ANN401 - any IncentivePolicy field, as attrs.evolve takes them
    ) -> IncentivePolicy:
        """Return a changed copy, for what-if and reform scenarios.

        Args:
            amounts: new amounts by rule id (or by level name, changing every plain award rule
                of that level); text and numbers are read in the policy's currency. A new amount
                replaces the rule's regional amounts too: evolve the rule's ``by_region`` with
                ``attrs.evolve`` to change one region only.
            combination: a new combination rule.
            **changes: any other field, as ``attrs.evolve`` takes it (``effective_to=...``).

        >>> reform = load_policy("shenzhen-2022").evolve(amounts={"national": "800000"})
        >>> str(reform.rule("national").amount)
        '800000 CNY'
        """
        rules = changes.pop("rules", self.rules)
        if amounts:
            rules = tuple(self._amended(rule, amounts) for rule in rules)
            unknown = set(amounts) - {r.id for r in rules} - {r.level.value for r in rules}
            if unknown:
                raise UnknownRuleError(min(unknown), self.id, tuple(r.id for r in rules))
        if combination is not None:
            changes["combination"] = Combination(combination)
        return attrs.evolve(self, rules=rules, **changes)

    def _amended(self, rule: Rule, amounts: Mapping[str, Money | str | int | Decimal]) -> Rule:
        new = amounts.get(rule.id)
        if new is None and rule.kind.is_award and not rule.key and rule.not_rewarded is None:
            new = amounts.get(rule.level.value)
        if new is None:
            return rule
        money = new if isinstance(new, Money) else Money(new, self.currency)
        regional = tuple(attrs.evolve(option, amount=money) for option in rule.by_region)
        return attrs.evolve(rule, amount=money, by_region=regional)

    # -- the engine ----------------------------------------------------------------------------

    def payout(
        self,
        enterprise: Enterprise,
        *,
        as_of: date | None = None,
        ledger: Iterable[Payment] | None = None,
    ) -> Payout:
        """Compute what ``enterprise`` is owed under this policy, with the reason for each yuan.

        See :mod:`littlegiants.payout` for the rules the engine follows.
        """
        from littlegiants.payout import compute_payout  # noqa: PLC0415 - payout imports policy

        return compute_payout(self, enterprise, as_of=as_of, ledger=ledger)

    def payouts(
        self,
        enterprises: Iterable[Enterprise],
        *,
        as_of: date | None = None,
        ledger: Iterable[Payment] | None = None,
    ) -> PayoutReport:
        """Compute payouts for many enterprises, with totals by level and what was not evaluated."""
        from littlegiants.payout import compute_report  # noqa: PLC0415

        return compute_report(self, enterprises, as_of=as_of, ledger=ledger)

    def budget(self, population: Mapping[DesignationLevel, int] | Iterable[Enterprise]) -> Money:
        """Return what a population costs at most under this policy.

        A mapping of counts by level costs ``count x amount`` for each level's plain award rule
        (with regional amounts, the highest one: the result is an upper bound); enterprises cost
        the total of their payouts.

        >>> shenzhen = load_policy("shenzhen-2022")
        >>> shenzhen.budget({DesignationLevel.NATIONAL: 275})
        Money('137500000', 'CNY')
        """
        if isinstance(population, Mapping):
            total = Money.zero(self.currency)
            for level, count in population.items():
                if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                    raise InvalidRecordError(count, f"a count of {level} firms is a whole number")
                rules = [
                    rule
                    for rule in self.rules
                    if rule.kind is RuleKind.DESIGNATION and rule.level is level and not rule.key
                ]
                for rule in rules:
                    total = total + rule.highest_amount * count
            return total
        return self.payouts(population).total


@functools.cache
def _catalogue() -> dict[str, str]:
    root = resources.files("littlegiants") / "data" / "policies"
    found: dict[str, str] = {}
    stack = [root]
    while stack:
        folder = stack.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                stack.append(entry)
            elif entry.name.endswith(".toml"):
                found[entry.name.removesuffix(".toml")] = str(entry)
    return found


@functools.cache
def load_policy(policy_id: str) -> IncentivePolicy:
    """Return the bundled policy with this id (see :func:`policies`).

    Raises:
        UnknownPolicyError: no bundled policy has this id (a ``LookupError``).
    """
    catalogue = _catalogue()
    if policy_id not in catalogue:
        raise UnknownPolicyError(policy_id, tuple(sorted(catalogue)))
    return IncentivePolicy.from_toml(catalogue[policy_id], bundled=True)


def policies() -> tuple[IncentivePolicy, ...]:
    """Return every bundled policy, sorted by id.

    >>> "shenzhen-2022" in [p.id for p in policies()]
    True
    """
    return tuple(load_policy(policy_id) for policy_id in sorted(_catalogue()))
