"""A policy's terms as data: provenance, dates, jurisdiction, conditions and rules.

:class:`PolicyTerms` is what the engine reads; :class:`~littlegiants.policy.IncentivePolicy`
is the same terms with the verbs that read them from a file, evaluate them for a firm and cost a
population. Keeping the terms on their own floor is what lets the engine, the reader and the
policy refer to each other without importing each other in a circle.

>>> from littlegiants.policy import load_policy
>>> shenzhen = load_policy("shenzhen-2022")
>>> isinstance(shenzhen, PolicyTerms), shenzhen.area, shenzhen.is_in_force(date(2022, 4, 7))
(True, '440300', False)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, Self

import attrs

from littlegiants.errors import (
    CurrencyMismatchError,
    InvalidRecordError,
    Reason,
    UnknownRuleError,
)
from littlegiants.money import Money
from littlegiants.policy.model import Combination, Condition, Relation, Zone, ZoneExtent
from littlegiants.policy.rules import Rule
from littlegiants.regions import Region
from littlegiants.sources import Source
from littlegiants.translations import N_

if TYPE_CHECKING:
    from littlegiants.enterprise import Enterprise

__all__ = ["PolicyTerms"]

PART_ZONE_MOVES: Final = N_(
    "a move into a zone that covers part of its divisions cannot be told from division codes, "
    "so such a policy has no relocation rules"
)


def _in_period(start: date | None, end: date | None, on: date) -> bool:
    return (start is None or start <= on) and (end is None or on <= end)


@attrs.frozen(kw_only=True)
class PolicyTerms:
    """An incentive policy's terms: its provenance, its dates, its jurisdiction and its rules.

    ``notes`` say how the sources were read; ``unknowns`` list what was looked for in them and
    not found (a document number, an issuer, dates, conditions), so the catalogue can show what
    is still open for each policy. ``relations`` say what the text says about other issuers'
    policies for the same event (:class:`~littlegiants.policy.Relation`); a policy naming none is
    independent of every other. Build a policy as an
    :class:`~littlegiants.policy.IncentivePolicy`; change one with :meth:`evolve`.
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
    relations: tuple[Relation, ...] = ()
    path: str | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        """Check what the file reader checks, for policies built in code too."""
        for things in (self.rules, self.conditions):
            ids = [thing.id for thing in things]
            if len(set(ids)) != len(ids):
                reason = Reason(N_("two {kind}s share an id"), kind=type(things[0]).__name__)
                raise InvalidRecordError(self.id, reason)
        if self.zone is not None:
            for division in self.zone.divisions:
                if not division.within(self.jurisdiction):
                    reason = Reason(
                        N_("a zone's division lies within {code}"), code=self.jurisdiction.code
                    )
                    raise InvalidRecordError(division.code, reason)
            if self.zone.extent is ZoneExtent.PART and any(r.reads_moves for r in self.rules):
                raise InvalidRecordError(self.zone.name, PART_ZONE_MOVES)
        for rule in self.rules:
            if rule.amount.currency != self.currency:
                raise CurrencyMismatchError(self.currency, rule.amount.currency, "mix")
        start, end = self.effective_from, self.effective_to
        if start is not None and end is not None and end < start:
            reason = Reason(N_("the effective period ends before it starts ({start})"), start=start)
            raise InvalidRecordError(end, reason)
        named = [other for relation in self.relations for other in relation.policies]
        if self.id in named:
            raise InvalidRecordError(self.id, N_("a policy does not relate to itself"))
        if len(set(named)) != len(named):
            raise InvalidRecordError(named, N_("a policy names each other policy in one relation"))

    def relation_to(self, other: str) -> Relation | None:
        """The relation this policy states to the policy with id ``other``, if any."""
        for relation in self.relations:
            if other in relation.policies:
                return relation
        return None

    def is_in_force(self, on: date) -> bool:
        """Whether ``on`` falls within the effective period (open bounds count as in force)."""
        return _in_period(self.effective_from, self.effective_to, on)

    @property
    def period(self) -> str:
        """The effective period in words: ``2022-04-08 to 2025-12-31``, ``…`` for an open bound."""
        return f"{self.effective_from or '…'} to {self.effective_to or '…'}"

    def covers(self, region: Region) -> bool:
        """Whether a firm registered in ``region`` is inside the jurisdiction.

        For a policy of a zone that covers part of its divisions (:class:`ZoneExtent`), this
        says only that the firm may be in it; :meth:`in_zone` says whether it is.

        >>> from littlegiants.policy import load_policy
        >>> policy = load_policy("shenzhen-2022")
        >>> policy.covers(Region("440305")), policy.covers(Region("440106"))
        (True, False)
        """
        if self.zone is not None:
            return self.zone.holds(region)
        return region.within(self.jurisdiction)

    @property
    def area(self) -> str:
        """The jurisdiction in words: its division code, or the zone's name and divisions."""
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

    def evolve(
        self,
        *,
        amounts: Mapping[str, Money | str | int | Decimal] | None = None,
        combination: Combination | str | None = None,
        **changes: Any,  # noqa: ANN401 - any field, as attrs.evolve takes them
    ) -> Self:
        """Return a changed copy, for what-if and reform scenarios.

        Args:
            amounts: new amounts by rule id (or by level name, changing every plain award rule
                of that level); text and numbers are read in the policy's currency. A new amount
                replaces the rule's regional amounts too: evolve the rule's ``by_region`` with
                ``attrs.evolve`` to change one region only.
            combination: a new combination rule.
            **changes: any other field, as ``attrs.evolve`` takes it (``effective_to=...``).

        >>> from littlegiants.policy import load_policy
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
        if new is None and rule.is_award and not rule.key and rule.not_rewarded is None:
            new = amounts.get(rule.level.value)
        if new is None:
            return rule
        money = new if isinstance(new, Money) else Money(new, self.currency)
        regional = tuple(attrs.evolve(option, amount=money) for option in rule.by_region)
        return attrs.evolve(rule, amount=money, by_region=regional)
