"""Policies stacked across province, city and district, and compared with a reform.

A Longgang little giant is paid under Guangdong's, Shenzhen's and Longgang's policies at once. A
:class:`PolicySet` evaluates several policies together, for one enterprise or a population, and
applies what each policy file says about the others (:class:`~littlegiants.policy.Relation`):

- **top-up**: the policy pays only the difference to what the other pays for the same event
  (a district "补足差额" over the city's reward for the same recognition);
- **exclusive**: the policy is not combined with the other: it pays nothing for an event the other
  rewards;
- **nothing stated**: the policies are independent, and each pays in full. The stacked payout says
  so for every event two policies both reward, so the reader knows the sources are silent, not
  that the question was not asked.

No bundled policy states a relation: none of the sources read says how a district, city or
province reward combines with another issuer's (domain-facts §3.1 found no "no double reward"
clause), so the bundled policies are independent.

>>> from datetime import date
>>> from littlegiants.designation import Designation
>>> from littlegiants.enterprise import Enterprise
>>> stack = PolicySet(["guangdong-2022", "shenzhen-2022", "longgang-2025"])
>>> firm = Enterprise("示例龙岗有限公司", region="440307",
...                   designations=[Designation("national", date(2022, 8, 1), batch=4)])
>>> payout = stack.payout(firm, as_of=date(2023, 1, 1))
>>> payout.total
Money('2000000', 'CNY')
>>> for issuer, amount in payout.by_issuer().items():
...     print(issuer.split(" (")[0], amount)
广东省工业和信息化厅 1000000 CNY
深圳市人民政府 500000 CNY
深圳市龙岗区 500000 CNY
>>> print(payout.interactions[0].why.en)  # doctest: +ELLIPSIS
independent: guangdong-2022 and shenzhen-2022 both reward the designation of 2022-08-01; ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

import attrs

from littlegiants.enterprise import Enterprise
from littlegiants.errors import InvalidRecordError
from littlegiants.formatting import format_money
from littlegiants.frames import ENTERPRISE_COLUMNS, Columns, Row, Tabular, markdown_text
from littlegiants.money import Money
from littlegiants.policy.budget import Budget, Counts, population_budget
from littlegiants.policy.catalogue import load_policy
from littlegiants.policy.engine import (
    ITEM_COLUMNS,
    Payment,
    Payout,
    PayoutItem,
    check_currency,
    compute_payout,
    report_records,
    report_repr,
)
from littlegiants.policy.incentive import IncentivePolicy
from littlegiants.policy.model import ItemStatus, RelationKind, Text, listing
from littlegiants.translations import N_, translator

if TYPE_CHECKING:
    from littlegiants.policy.model import Relation

__all__ = [
    "Comparison",
    "ComparisonRow",
    "Interaction",
    "PolicySet",
    "StackedPayout",
    "StackedReport",
    "compare",
]


def _policies(values: Iterable[IncentivePolicy | str]) -> tuple[IncentivePolicy, ...]:
    """Policies, a bundled id read as the bundled policy."""
    return tuple(load_policy(value) if isinstance(value, str) else value for value in values)


def _currency(stack: PolicySet) -> str:
    if not stack.policies:
        raise InvalidRecordError(stack.policies, N_("an empty set of policies needs its currency"))
    return check_currency((p.currency for p in stack.policies), N_("stack"))


@attrs.frozen(kw_only=True)
class Interaction:
    """What stacking did to one policy's reward for one event, or why it did nothing.

    Attributes:
        policy: the policy whose reward it concerns.
        others: the other policies.
        kind: the relation applied (:class:`~littlegiants.policy.RelationKind`), or ``None`` for
            independent policies the sources say nothing about.
        on: the event's date (``None`` when the relation could not apply to any event).
        why: what happened, in English and Chinese.
    """

    policy: str
    others: tuple[str, ...]
    kind: RelationKind | None
    on: date | None
    why: Text


@attrs.frozen
class PolicySet:
    """Several policies evaluated together, each as its file relates it to the others.

    Args:
        policies: the policies, or bundled ids; each id once, all in one currency.
        currency: the currency of the totals; by default the policies' (required when empty).

    Raises:
        InvalidRecordError: an id given twice, a relation cycle (A pays the difference to B and
            B to A), or an empty set without a currency.
        CurrencyMismatchError: policies in different currencies.
        UnknownPolicyError: a bundled id that does not exist.
    """

    policies: tuple[IncentivePolicy, ...] = attrs.field(converter=_policies)
    currency: str = attrs.field(default=attrs.Factory(_currency, takes_self=True), kw_only=True)
    _order: tuple[IncentivePolicy, ...] = attrs.field(init=False, eq=False, repr=False)
    _related: bool = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Check ids, currencies and that the relations can be applied in an order."""
        ids = [policy.id for policy in self.policies]
        for policy_id in ids:
            if ids.count(policy_id) > 1:
                raise InvalidRecordError(policy_id, N_("a set names each policy once"))
        check_currency((self.currency, *(p.currency for p in self.policies)), N_("stack"))
        object.__setattr__(self, "_order", self._ordered())
        object.__setattr__(self, "_related", any(p.relations for p in self.policies))

    @property
    def ids(self) -> tuple[str, ...]:
        """The policies' ids, in the set's order."""
        return tuple(policy.id for policy in self.policies)

    def __iter__(self) -> Iterator[IncentivePolicy]:
        """The policies, in the set's order."""
        return iter(self.policies)

    def __len__(self) -> int:
        """How many policies the set has."""
        return len(self.policies)

    def order(self) -> tuple[IncentivePolicy, ...]:
        """The policies in the order their relations need: a policy after those it relates to."""
        return self._order

    def _ordered(self) -> tuple[IncentivePolicy, ...]:
        """Order the policies so each follows those it relates to; a cycle is refused."""
        ids = set(self.ids)
        needs = {
            policy.id: {other for r in policy.relations for other in r.policies if other in ids}
            for policy in self.policies
        }
        done: list[str] = []
        while len(done) < len(needs):
            ready = [
                policy_id
                for policy_id in self.ids
                if policy_id not in done and needs[policy_id] <= set(done)
            ]
            if not ready:
                left = sorted(set(needs) - set(done))
                raise InvalidRecordError(left, N_("the relations of these policies form a cycle"))
            done.extend(ready)
        by_id = {policy.id: policy for policy in self.policies}
        return tuple(by_id[policy_id] for policy_id in done)

    def with_policies(self, *policies: IncentivePolicy | str) -> PolicySet:
        """The set with each policy replacing the one with its id, or added (a reform).

        >>> stack = PolicySet(["shenzhen-2022", "longgang-2025"])
        >>> reform = load_policy("longgang-2025").evolve(amounts={"national": "800000"})
        >>> stack.with_policies(reform).policies[1].rule("national").amount
        Money('800000', 'CNY')
        """
        new = _policies(policies)
        replaced = {policy.id: policy for policy in new}
        kept = tuple(replaced.pop(policy.id, policy) for policy in self.policies)
        return PolicySet((*kept, *replaced.values()), currency=self.currency)

    def payout(
        self,
        enterprise: Enterprise,
        *,
        as_of: date | None = None,
        ledger: Iterable[Payment] | None = None,
    ) -> StackedPayout:
        """Every item of every policy for ``enterprise``, with the relations applied and explained.

        ``ledger`` holds payments under any of the policies (each payment names its policy).
        """
        payments = tuple(ledger or ())
        payouts = {
            policy.id: compute_payout(policy, enterprise, as_of=as_of, ledger=payments)
            for policy in self.policies
        }
        return self._stacked(enterprise, as_of, payouts)

    def payouts(
        self,
        enterprises: Iterable[Enterprise],
        *,
        as_of: date | None = None,
        ledger: Iterable[Payment] | None = None,
    ) -> StackedReport:
        """Stacked payouts for a population, with totals by issuer and by policy."""
        firms = tuple(enterprises)
        payments = tuple(ledger or ())
        reports = [policy.payouts(firms, as_of=as_of, ledger=payments) for policy in self]
        return StackedReport(
            policies=self,
            as_of=as_of,
            payouts=tuple(
                self._stacked(
                    firm, as_of, {report.policy.id: report.payouts[i] for report in reports}
                )
                for i, firm in enumerate(firms)
            ),
        )

    def budget(
        self,
        population: Counts | Iterable[Enterprise],
        *,
        as_of: date | None = None,
    ) -> Budget:
        """What a population costs under the stack (see :meth:`IncentivePolicy.budget`).

        Counts are costed policy by policy, each count assumed covered by every policy of the
        set; where a policy pays only the difference to another, or is not combined with it, the
        sum is an upper bound and the budget says so. Enterprises cost their stacked payouts.
        """
        if isinstance(population, Mapping):
            parts = [policy.budget(population) for policy in self]
            notes = tuple(
                Text.of(
                    N_(
                        "{policy} {relation} {others}: not applied to counts, so the sum is an "
                        "upper bound"
                    ),
                    policy=policy.id,
                    relation=relation.kind.words,
                    others=listing(relation.policies),
                )
                for policy in self
                for relation in policy.relations
                if set(relation.policies) & set(self.ids)
            )
            return Budget.adding(parts, self.currency, notes=notes)
        report = self.payouts(population, as_of=as_of)
        return population_budget(
            (payout for stacked in report.payouts for payout in stacked.payouts), self.currency
        )

    # -- applying the relations --------------------------------------------------------------

    def _stacked(
        self, enterprise: Enterprise, as_of: date | None, payouts: dict[str, Payout]
    ) -> StackedPayout:
        interactions: list[Interaction] = []
        order = self._order
        if self._related:
            for policy in order:
                for relation in policy.relations:
                    payouts[policy.id] = _relate(policy, relation, payouts, interactions)
        if len(order) > 1:
            interactions.extend(_independent(order, payouts))
        return StackedPayout(
            policies=self,
            enterprise=enterprise,
            as_of=as_of,
            payouts=tuple(payouts[policy_id] for policy_id in self.ids),
            interactions=tuple(interactions),
        )


def _reward(item: PayoutItem, zero: Money) -> Money | None:
    """What an item pays, or paid by the ledger, for its event (``None``: cannot be computed)."""
    if item.status is ItemStatus.ALREADY_PAID and item.paid is not None:
        return item.paid.amount
    if item.status in (ItemStatus.PAYABLE, ItemStatus.MISSING_DATA):
        return item.amount
    return zero


def _relate(
    policy: IncentivePolicy,
    relation: Relation,
    payouts: Mapping[str, Payout],
    interactions: list[Interaction],
) -> Payout:
    """The policy's payout with one of its relations applied to each payable item."""
    payout = payouts[policy.id]
    others = [payouts[other] for other in relation.policies if other in payouts]
    absent = [other for other in relation.policies if other not in payouts]
    words = relation.kind.words
    if absent:
        interactions.append(
            Interaction(
                policy=policy.id,
                others=tuple(absent),
                kind=relation.kind,
                on=None,
                why=Text.of(
                    N_(
                        "{policy} {relation} {others}, which is not in this set: {policy} is "
                        "shown in full"
                    ),
                    policy=policy.id,
                    relation=words,
                    others=listing(absent),
                ),
            )
        )
    if not others:
        return payout
    items = []
    for item in payout.items:
        same = [
            (other.policy.id, found)
            for other in others
            for found in other.items
            if found.event == item.event
        ]
        if item.status is not ItemStatus.PAYABLE or not same:
            items.append(item)
            continue
        changed, why = _apply(relation.kind, item, same, payout.policy.currency)
        items.append(changed)
        interactions.append(
            Interaction(
                policy=policy.id,
                others=tuple(dict.fromkeys(policy_id for policy_id, _ in same)),
                kind=relation.kind,
                on=item.event_on,
                why=why,
            )
        )
    return attrs.evolve(payout, items=tuple(items))


def _apply(
    kind: RelationKind, item: PayoutItem, same: list[tuple[str, PayoutItem]], currency: str
) -> tuple[PayoutItem, Text]:
    """One payable item under a relation to the others' items for the same event."""
    names = listing(dict.fromkeys(policy_id for policy_id, _ in same))
    event = Text.of(N_("the same {event} ({on})"), event=item.event.kind.noun, on=item.event_on)
    zero = Money.zero(currency)
    rewards = [_reward(found, zero) for _, found in same]
    if any(reward is None for reward in rewards):
        why = Text.of(
            N_("depends on what {names} pays for {event}, which cannot be computed"),
            names=names,
            event=event,
        )
        return attrs.evolve(item, status=ItemStatus.MISSING_DATA, amount=None, why=why), why
    other = Money.total((r for r in rewards if r is not None), currency=currency)
    paid = Text.each(lambda locale: format_money(other, locale=locale))
    current = zero if item.amount is None else item.amount
    fields = {"names": names, "event": event, "paid": paid}
    if kind is RelationKind.EXCLUSIVE:
        if not other:
            why = Text.of(
                N_("not combined with {names}, which pays nothing for {event}: paid in full"),
                **fields,
            )
            return item, why
        why = Text.of(N_("not combined with {names}, which pays {paid} for {event}"), **fields)
        return attrs.evolve(item, status=ItemStatus.OTHER_POLICY, amount=zero, why=why), why
    amount = max(current - other, zero)
    if amount == current:
        why = Text.of(
            N_("pays the difference to {names}, which pays nothing for {event}: paid in full"),
            **fields,
        )
        return item, why
    if not amount:
        why = Text.of(
            N_("pays the difference to {names}'s {paid} for {event}, and there is none"),
            **fields,
        )
        return attrs.evolve(item, status=ItemStatus.OTHER_POLICY, amount=zero, why=why), why
    why = Text.of(N_("the difference to {names}'s {paid} for {event}"), **fields)
    return attrs.evolve(item, amount=amount, why=why), why


def _independent(
    policies: Iterable[IncentivePolicy], payouts: Mapping[str, Payout]
) -> list[Interaction]:
    """For two policies that both pay for one event and state nothing of each other: say so."""
    # Items of one firm share its designation and move objects: identity finds the same event.
    paying: dict[tuple[object, ...], tuple[PayoutItem, list[str]]] = {}
    for policy in policies:
        for item in payouts[policy.id].items:
            if item.status is ItemStatus.PAYABLE and item.amount:
                key = (
                    item.rule.event_kind,
                    item.event_on,
                    id(item.designation),
                    id(item.relocation),
                )
                ids = paying.setdefault(key, (item, []))[1]
                if policy.id not in ids:
                    ids.append(policy.id)
    if all(len(ids) < 2 for _, ids in paying.values()):
        return []
    terms = {policy_id: payout.policy for policy_id, payout in payouts.items()}
    found: list[Interaction] = []
    for item, ids in paying.values():
        event = item.event
        for i, first in enumerate(ids):
            for second in ids[i + 1 :]:
                if terms[first].relation_to(second) or terms[second].relation_to(first):
                    continue
                why = Text.of(
                    N_(
                        "independent: {first} and {second} both reward the {event} of {on}; the "
                        "sources say nothing about how they combine, so each pays in full"
                    ),
                    first=first,
                    second=second,
                    event=event.kind.noun,
                    on=event.on,
                )
                if terms[first].issuer == terms[second].issuer:
                    why = why + Text.of(
                        N_(
                            "both are {issuer}'s: if they are versions of one policy, keep the "
                            "one in force for your period"
                        ),
                        issuer=_issuer(terms[first].issuer).zh,
                    )
                found.append(
                    Interaction(policy=first, others=(second,), kind=None, on=event.on, why=why)
                )
    return found


def _issuer(issuer: str) -> Text:
    """An issuer as files name it, ``深圳市人民政府 (Shenzhen ...)``; in Chinese, its first part."""
    return Text(issuer, issuer.split(" (", 1)[0])


def _totals(payouts: Iterable[Payout], key: str, currency: str) -> dict[str, Money]:
    out: dict[str, Money] = {}
    for payout in payouts:
        name = getattr(payout.policy, key)
        out[name] = out.get(name, Money.zero(currency)) + payout.total
    return out


@attrs.frozen(kw_only=True)
class StackedPayout(Tabular):
    """What one enterprise is owed under a set of policies, item by item, policy by policy.

    ``payouts`` has one :class:`~littlegiants.policy.Payout` per policy, in the set's order, with
    the relations applied to its items; ``interactions`` say what each relation did, and where
    two policies that state nothing of each other both pay for one event.
    """

    policies: PolicySet = attrs.field(eq=False)
    enterprise: Enterprise
    as_of: date | None
    payouts: tuple[Payout, ...]
    interactions: tuple[Interaction, ...]

    @property
    def currency(self) -> str:
        """The currency of the totals."""
        return self.policies.currency

    record_columns: ClassVar[Columns] = ITEM_COLUMNS

    def __repr__(self) -> str:
        """One line: the policies, the firm, the items and the total."""
        return (
            f"<StackedPayout {'+'.join(self.policies.ids)} for {self.enterprise.name!r}: "
            f"{len(self.items)} items, total {self.total!r}>"
        )

    def to_records(self, *, locale: str = "en_US") -> list[Row]:
        """One row per item of every policy (:meth:`PayoutItem.to_record`), policy by policy."""
        currency = self.currency
        return [
            item.to_record(self.enterprise, policy_id, currency, locale=locale)
            for policy_id, item in self.items
        ]

    def _repr_markdown_(self) -> str:
        """Jupyter's rich display of the explanation (:meth:`explain`), in English."""
        return markdown_text(self.explain())

    @property
    def items(self) -> tuple[tuple[str, PayoutItem], ...]:
        """Every item with its policy's id, policy by policy."""
        return tuple((payout.policy.id, item) for payout in self.payouts for item in payout.items)

    @property
    def total(self) -> Money:
        """The sum over every policy; a lower bound if data is missing."""
        return Money.total((payout.total for payout in self.payouts), currency=self.currency)

    @property
    def is_complete(self) -> bool:
        """Whether every item of every policy could be computed."""
        return all(payout.is_complete for payout in self.payouts)

    @property
    def missing(self) -> tuple[tuple[str, PayoutItem], ...]:
        """The items that could not be computed, with their policy's id."""
        return tuple((policy_id, item) for policy_id, item in self.items if item.amount is None)

    def payout_of(self, policy_id: str) -> Payout | None:
        """The payout under the policy of the set with this id (``None``: not in the set)."""
        for payout in self.payouts:
            if payout.policy.id == policy_id:
                return payout
        return None

    def by_issuer(self) -> dict[str, Money]:
        """Totals by issuing government, as the policy files name it."""
        return _totals(self.payouts, "issuer", self.currency)

    def by_policy(self) -> dict[str, Money]:
        """Totals by policy id."""
        return _totals(self.payouts, "id", self.currency)

    def explain(self, *, locale: str = "en_US") -> str:
        """Each policy's trace, what stacking did and the totals by issuer, in either language."""
        _ = translator(locale).gettext
        ids = " + ".join(self.policies.ids) or _("(none)")
        when = str(self.as_of) if self.as_of else _("all events")
        head = _("Stacked payout to {firm} as of {when} under {ids}").format(
            firm=self.enterprise.name, when=when, ids=ids
        )
        lines = [head, ""]
        for payout in self.payouts:
            lines.append(payout.explain(locale=locale))
            lines.append("")
        lines.append(_("Between the policies:"))
        if not self.interactions:
            lines.append("  " + _("no event is rewarded by two of them"))
        lines.extend(f"  {interaction.why.speak(locale)}" for interaction in self.interactions)
        lines.append(_("Totals by issuer:"))
        lines.extend(
            f"  {_issuer(issuer).speak(locale)}: {format_money(amount, locale=locale)}"
            for issuer, amount in self.by_issuer().items()
        )
        total = format_money(self.total, locale=locale)
        missing = "" if self.is_complete else _(" (at least: some data is missing)")
        # The stack's total: Chinese has a word for it (总计) other than a payout's total (合计).
        lines.append(
            translator(locale)
            .pgettext("stack", "Total: {total}{missing}")
            .format(total=total, missing=missing)
        )
        return "\n".join(lines)


@attrs.frozen(kw_only=True)
class StackedReport(Tabular):
    """Stacked payouts for a population, with totals by issuer and by policy.

    Its ``repr`` is one line; :meth:`to_records` gives a row per item, as
    :meth:`PayoutReport.to_records <littlegiants.policy.PayoutReport.to_records>` does.
    """

    policies: PolicySet = attrs.field(eq=False)
    as_of: date | None
    payouts: tuple[StackedPayout, ...]

    record_columns: ClassVar[Columns] = ITEM_COLUMNS

    def __repr__(self) -> str:
        """One line: the policies, the date, how many firms and items, and the total."""
        return report_repr(self, "+".join(self.policies.ids), self.payouts)

    def to_records(self, *, locale: str = "en_US") -> list[Row]:
        """One row per item of every enterprise's stacked payout, firm by firm."""
        return report_records(self.payouts, locale)

    @property
    def total(self) -> Money:
        """The sum of every enterprise's stacked total (a lower bound when data is missing)."""
        return Money.total((p.total for p in self.payouts), currency=self.policies.currency)

    def by_issuer(self) -> dict[str, Money]:
        """Totals by issuing government, across enterprises."""
        return _totals(
            (payout for stacked in self.payouts for payout in stacked.payouts),
            "issuer",
            self.policies.currency,
        )

    def by_policy(self) -> dict[str, Money]:
        """Totals by policy id, across enterprises."""
        return _totals(
            (payout for stacked in self.payouts for payout in stacked.payouts),
            "id",
            self.policies.currency,
        )

    @property
    def unevaluated(self) -> tuple[tuple[Enterprise, str], ...]:
        """Enterprises that could not be fully evaluated, each with the reasons."""
        return tuple(
            (
                stacked.enterprise,
                "; ".join(
                    f"{policy_id}: {item.detail or 'data missing'}"
                    for policy_id, item in stacked.missing
                ),
            )
            for stacked in self.payouts
            if not stacked.is_complete
        )


# -- comparing ---------------------------------------------------------------------------------


Evaluated = Payout | StackedPayout
_Subject = IncentivePolicy | PolicySet


@attrs.frozen(kw_only=True)
class ComparisonRow:
    """One enterprise's payout before and after (under a policy or a stack)."""

    enterprise: Enterprise
    before: Evaluated
    after: Evaluated

    @property
    def difference(self) -> Money:
        """``after.total - before.total``."""
        return self.after.total - self.before.total

    def by_policy(self) -> dict[str, tuple[Money, Money]]:
        """Before and after by policy id (zero where a policy is only on one side)."""
        before, after = _policy_totals(self.before), _policy_totals(self.after)
        zero = Money.zero(self.after.total.currency)
        return {
            policy_id: (before.get(policy_id, zero), after.get(policy_id, zero))
            for policy_id in dict.fromkeys([*before, *after])
        }


def _policy_totals(evaluated: Evaluated) -> dict[str, Money]:
    if isinstance(evaluated, StackedPayout):
        return evaluated.by_policy()
    return {evaluated.policy.id: evaluated.total}


@attrs.frozen(kw_only=True)
class Comparison(Tabular):
    """Per-enterprise and total differences between two policies or stacks (a what-if).

    :meth:`to_records` gives a row per enterprise and policy; its ``repr`` is one line.
    """

    rows: tuple[ComparisonRow, ...]
    currency: str

    record_columns: ClassVar[Columns] = {
        **ENTERPRISE_COLUMNS,
        "policy_id": str,
        "before": Decimal,
        "after": Decimal,
        "difference": Decimal,
        "currency": str,
    }

    def __repr__(self) -> str:
        """One line: how many firms, the totals before and after."""
        return (
            f"<Comparison: {len(self.rows)} enterprises, before {self.total_before!r}, "
            f"after {self.total_after!r}>"
        )

    def to_records(self) -> list[Row]:
        """One row per enterprise and policy paying on either side, then the firm's total.

        Keys: the firm's (``credit_code``, ``name``, ``region_code``, ``region_name``),
        ``policy_id`` (``None`` on the firm's total row), ``before``, ``after``, ``difference``
        (exact ``Decimal``) and ``currency``.
        """
        rows: list[Row] = []
        for row in self.rows:
            firm = row.enterprise.to_record()
            pairs: list[tuple[str | None, tuple[Money, Money]]] = [
                (pid, pair) for pid, pair in row.by_policy().items() if pair[0] or pair[1]
            ]
            pairs.append((None, (row.before.total, row.after.total)))
            rows.extend(
                {
                    **firm,
                    "policy_id": policy_id,
                    "before": was.amount,
                    "after": now.amount,
                    "difference": (now - was).amount,
                    "currency": self.currency,
                }
                for policy_id, (was, now) in pairs
            )
        return rows

    @property
    def total_before(self) -> Money:
        """The total before."""
        return Money.total((r.before.total for r in self.rows), currency=self.currency)

    @property
    def total_after(self) -> Money:
        """The total after."""
        return Money.total((r.after.total for r in self.rows), currency=self.currency)

    @property
    def difference(self) -> Money:
        """``total_after - total_before``."""
        return self.total_after - self.total_before

    def by_policy(self) -> dict[str, tuple[Money, Money]]:
        """Before and after by policy id, across enterprises: where a reform's money goes.

        >>> from littlegiants.designation import Designation
        >>> stack = PolicySet(["shenzhen-2022", "nanshan-2022"])
        >>> nanshan = load_policy("nanshan-2022").evolve(amounts={"national": 0})
        >>> reform = stack.with_policies(nanshan)
        >>> award = Designation("national", date(2023, 1, 5))
        >>> firm = Enterprise("示例", region="440305", designations=[award])
        >>> for policy_id, (before, after) in compare(stack, reform, [firm]).by_policy().items():
        ...     print(policy_id, before, after)
        shenzhen-2022 500000 CNY 500000 CNY
        nanshan-2022 200000 CNY 0 CNY
        """
        zero = Money.zero(self.currency)
        out: dict[str, tuple[Money, Money]] = {}
        for row in self.rows:
            for policy_id, (before, after) in row.by_policy().items():
                was, now = out.get(policy_id, (zero, zero))
                out[policy_id] = (was + before, now + after)
        return out


def _evaluate(
    subject: _Subject, firm: Enterprise, as_of: date | None, ledger: tuple[Payment, ...]
) -> Evaluated:
    if isinstance(subject, PolicySet):
        return subject.payout(firm, as_of=as_of, ledger=ledger)
    return compute_payout(subject, firm, as_of=as_of, ledger=ledger)


def compare(
    before: _Subject,
    after: _Subject,
    enterprises: Iterable[Enterprise],
    *,
    as_of: date | None = None,
    ledger: Iterable[Payment] | None = None,
) -> Comparison:
    """Compare what the same enterprises get under two policies or stacks (e.g. a reform).

    >>> from littlegiants.designation import Designation
    >>> now = load_policy("shenzhen-2022")
    >>> reform = now.evolve(amounts={"national": "800000"})
    >>> award = Designation("national", date(2023, 1, 5))
    >>> firm = Enterprise("示例", region="440305", designations=[award])
    >>> compare(now, reform, [firm]).difference
    Money('300000', 'CNY')
    """
    currency = check_currency((before.currency, after.currency), N_("compare"))
    payments = tuple(ledger or ())
    rows = tuple(
        ComparisonRow(
            enterprise=firm,
            before=_evaluate(before, firm, as_of, payments),
            after=_evaluate(after, firm, as_of, payments),
        )
        for firm in enterprises
    )
    return Comparison(rows=rows, currency=currency)
