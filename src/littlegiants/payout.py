"""The payout engine: what an enterprise is owed under a policy, and why, yuan by yuan.

:meth:`IncentivePolicy.payout <littlegiants.policy.IncentivePolicy.payout>` walks the firm's
events in date order (designations awarded, re-reviews passed, relocations) and, for each rule the
event triggers, produces a :class:`PayoutItem` with an amount and a status saying why:

- ``PAYABLE``: the rule pays (``is_ceiling`` when the source says "最高", up to);
- ``OUTSIDE_PERIOD``: the event falls outside the policy's effective dates;
- ``OUTSIDE_JURISDICTION``: the firm was registered outside the jurisdiction on the event date;
- ``ALREADY_PAID``: the ledger of earlier :class:`Payment` s covers it (or, under ``top-up``,
  what was paid for lower levels already reaches the amount);
- ``SUPERSEDED``: under ``highest-only`` a higher level reached replaces it, and a move is
  rewarded once, by the relocation rule of the highest level held;
- ``NOT_ELIGIBLE``: a condition of the rule is not met (not a key little giant, another batch,
  a move within the jurisdiction, the level not held when relocating, an earlier recognition at
  the level under a first-time rule);
- ``MISSING_DATA``: a fact the amount depends on is unknown (the region, membership of a zone,
  the batch, the financial figure). Its amount is ``None``, never zero, and
  :attr:`Payout.is_complete` is false.

Events after ``as_of`` are ignored. A rule paying a share of a figure (every percentage rule,
and any other rule with a ``percent``) reads the figure of the calendar year before the
triggering event, or of its own year when the rule says ``figure_year = "event"``; an unknown
figure is missing data. The share is rounded half-up to the minor unit, the one named rounding
point of the engine. Rewards at several levels combine as the policy's
:class:`~littlegiants.policy.Combination` says; re-review and relocation rewards are paid in
addition.

>>> from datetime import date
>>> from littlegiants.designation import Designation
>>> from littlegiants.enterprise import Enterprise
>>> from littlegiants.policy import load_policy
>>> shenzhen = load_policy("shenzhen-2022")
>>> firm = Enterprise(
...     "示例科技有限公司",
...     region="440305",
...     designations=[
...         Designation("municipal", date(2022, 6, 1)),
...         Designation("national", date(2023, 8, 1)),
...     ],
... )
>>> payout = shenzhen.payout(firm, as_of=date(2024, 1, 1))
>>> payout.total
Money('600000', 'CNY')
>>> [(item.level.value, str(item.amount), item.is_ceiling) for item in payout.items]
[('municipal', '100000 CNY', True), ('national', '500000 CNY', True)]
>>> print(payout.explain(locale="en_US"))  # doctest: +ELLIPSIS
深府〔2022〕31号 shenzhen-2022: payout to 示例科技有限公司 as of 2024-01-01
  2022-06-01 municipal designation: up to CN¥100,000.00 (rule municipal) - payable ...
"""

from __future__ import annotations

import enum
from datetime import date
from typing import TYPE_CHECKING, Final

import attrs

from littlegiants._exact import EXACT
from littlegiants.designation import Designation, DesignationLevel, coerce_level
from littlegiants.enterprise import Enterprise, Relocation
from littlegiants.errors import InvalidRecordError
from littlegiants.formatting import format_money
from littlegiants.money import Money
from littlegiants.policy import (
    Combination,
    Condition,
    ConditionStatus,
    IncentivePolicy,
    Rule,
    RuleKind,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from littlegiants.regions import Region

__all__ = [
    "Comparison",
    "ComparisonRow",
    "ConditionCheck",
    "ItemStatus",
    "Parameter",
    "Payment",
    "Payout",
    "PayoutItem",
    "PayoutReport",
    "compare",
    "compute_payout",
    "compute_report",
]


class ItemStatus(enum.Enum):
    """Why a payout item has the amount it has (see the module docstring)."""

    PAYABLE = "payable"
    OUTSIDE_PERIOD = "outside-period"
    OUTSIDE_JURISDICTION = "outside-jurisdiction"
    ALREADY_PAID = "already-paid"
    SUPERSEDED = "superseded"
    NOT_ELIGIBLE = "not-eligible"
    MISSING_DATA = "missing-data"


_EVENT_WORDS = {
    "en": {
        RuleKind.DESIGNATION: "designation",
        RuleKind.PERCENTAGE: "designation",
        RuleKind.RE_REVIEW: "re-review passed",
        RuleKind.RELOCATION: "relocation into the jurisdiction",
    },
    "zh": {
        RuleKind.DESIGNATION: "认定",
        RuleKind.PERCENTAGE: "认定",
        RuleKind.RE_REVIEW: "通过复核",
        RuleKind.RELOCATION: "迁入",
    },
}
_STATUS_WORDS = {
    "en": {
        ItemStatus.PAYABLE: "payable",
        ItemStatus.OUTSIDE_PERIOD: "not paid: outside the policy's effective period",
        ItemStatus.OUTSIDE_JURISDICTION: "not paid: registered outside the jurisdiction",
        ItemStatus.ALREADY_PAID: "not paid again: already paid",
        ItemStatus.SUPERSEDED: "not paid: superseded by a higher level",
        ItemStatus.NOT_ELIGIBLE: "not paid: a condition of the rule is not met",
        ItemStatus.MISSING_DATA: "cannot be computed: data missing",
    },
    "zh": {
        ItemStatus.PAYABLE: "应予奖励",
        ItemStatus.OUTSIDE_PERIOD: "不予奖励：不在政策有效期内",
        ItemStatus.OUTSIDE_JURISDICTION: "不予奖励：注册地不在辖区内",
        ItemStatus.ALREADY_PAID: "不重复奖励：已奖励",
        ItemStatus.SUPERSEDED: "不予奖励：按最高级别奖励",
        ItemStatus.NOT_ELIGIBLE: "不予奖励：不符合条件",
        ItemStatus.MISSING_DATA: "无法计算：缺少数据",
    },
}


_CONDITION_WORDS = {
    "en": {
        ConditionStatus.MET: "met",
        ConditionStatus.NOT_MET: "not met",
        ConditionStatus.UNKNOWN: "unknown",
    },
    "zh": {
        ConditionStatus.MET: "满足",
        ConditionStatus.NOT_MET: "不满足",
        ConditionStatus.UNKNOWN: "未知",
    },
}


def _language(locale: str) -> str:
    return "zh" if locale.lower().startswith("zh") else "en"


def _enterprise_key(value: Enterprise | str) -> str:
    return value.key if isinstance(value, Enterprise) else value


def _payment_kind(value: RuleKind | str) -> RuleKind:
    kind = RuleKind(value)
    return RuleKind.DESIGNATION if kind is RuleKind.PERCENTAGE else kind


@attrs.frozen(kw_only=True)
class Payment:
    """A reward already paid: the ledger the engine checks so nothing is paid twice.

    Args:
        enterprise: the firm, or its key (credit code, else name).
        policy_id: the policy it was paid under.
        level: the designation level it was for.
        amount: what was paid.
        paid_on: when it was paid.
        event: ``designation`` (default), ``re-review`` or ``relocation``.
        key: whether it was the key (重点) little-giant tier.
    """

    enterprise: str = attrs.field(converter=_enterprise_key)
    policy_id: str
    level: DesignationLevel = attrs.field(converter=coerce_level)
    amount: Money
    paid_on: date
    event: RuleKind = attrs.field(default=RuleKind.DESIGNATION, converter=_payment_kind)
    key: bool = False


@attrs.frozen
class Parameter:
    """A policy parameter the engine read, with its provenance (as OpenFisca records them)."""

    name: str
    value: str
    effective: str
    document: str
    sources: tuple[str, ...]


@attrs.frozen
class ConditionCheck:
    """One of a policy's conditions as the firm's facts decide it: met, not met or unknown."""

    condition: Condition
    status: ConditionStatus

    def __str__(self) -> str:
        """``not-abnormal not met (Not on the abnormal-operations list.)``."""
        words = _CONDITION_WORDS["en"][self.status]
        return f"condition {self.condition.id} {words} ({self.condition.text})"


@attrs.frozen(kw_only=True)
class PayoutItem:
    """One rule applied to one event of one enterprise.

    ``amount`` is ``None`` only for ``MISSING_DATA``; ``entitlement`` is what the rule grants before
    the ledger and the combination rule are applied. ``conditions`` are the policy's conditions
    as checked for an item that passed every other test: one not met makes it ``NOT_ELIGIBLE``;
    one the facts do not decide leaves it payable, reported here and in
    :attr:`Payout.unknown_conditions`, never assumed met.
    """

    rule: Rule
    event_on: date
    status: ItemStatus
    amount: Money | None
    entitlement: Money | None
    designation: Designation | None = None
    relocation: Relocation | None = None
    detail: str | None = None
    conditions: tuple[ConditionCheck, ...] = ()

    @property
    def level(self) -> DesignationLevel:
        """The designation level of the rule."""
        return self.rule.level

    @property
    def is_ceiling(self) -> bool:
        """Whether the amount is an "up to" entitlement ceiling (最高)."""
        return self.rule.up_to and self.status is ItemStatus.PAYABLE

    def reason(self, *, locale: str = "en_US") -> str:
        """A one-line, human-readable reason in English or Chinese."""
        lang = _language(locale)
        status = _STATUS_WORDS[lang][self.status]
        return status if self.detail is None else f"{status} ({self.detail})"


def _sum(amounts: Iterable[Money | None], currency: str) -> Money:
    return Money.total((a for a in amounts if a is not None), currency=currency)


@attrs.frozen(kw_only=True)
class Payout:
    """What one enterprise is owed under one policy, as of a date, item by item."""

    policy: IncentivePolicy = attrs.field(eq=False)
    enterprise: Enterprise
    as_of: date | None
    items: tuple[PayoutItem, ...]

    @property
    def total(self) -> Money:
        """The sum of the item amounts, ceilings included; a lower bound if data is missing."""
        return _sum((item.amount for item in self.items), self.policy.currency)

    @property
    def is_complete(self) -> bool:
        """Whether every item could be computed (no ``MISSING_DATA``)."""
        return all(item.status is not ItemStatus.MISSING_DATA for item in self.items)

    @property
    def missing(self) -> tuple[PayoutItem, ...]:
        """The items that could not be computed for lack of data."""
        return tuple(i for i in self.items if i.status is ItemStatus.MISSING_DATA)

    @property
    def unknown_conditions(self) -> tuple[Condition, ...]:
        """The policy's conditions the firm's facts leave open for the payable items.

        A payable amount is owed only if these hold; the engine never assumes they do.
        """
        found = {
            check.condition.id: check.condition
            for item in self.items
            if item.status is ItemStatus.PAYABLE
            for check in item.conditions
            if check.status is ConditionStatus.UNKNOWN
        }
        return tuple(found.values())

    def by_level(self) -> dict[DesignationLevel, Money]:
        """Totals per designation level (levels with items only)."""
        out: dict[DesignationLevel, Money] = {}
        for item in self.items:
            if item.amount is not None:
                out[item.level] = (
                    out.get(item.level, Money.zero(self.policy.currency)) + item.amount
                )
        return out

    def parameters(self) -> tuple[Parameter, ...]:
        """The policy parameters the engine read for this payout, with their provenance."""
        policy = self.policy
        effective = f"{policy.effective_from or '…'}..{policy.effective_to or '…'}"
        sources = tuple(source.cited for source in policy.sources)
        seen: dict[str, Parameter] = {}
        for item in self.items:
            rule = item.rule
            values = [("amount", str(rule.amount))]
            if rule.not_rewarded is not None:
                values = [("not_rewarded", rule.not_rewarded)]
            if rule.percent is not None:
                share = f"{rule.percent}% of {rule.figure} ({rule.figure_year.value} year)"
                values.append(("percent", share))
            values.extend(
                (f"by_region[{i}].amount", str(option.amount))
                for i, option in enumerate(rule.by_region)
            )
            for name, value in values:
                key = f"{policy.id}.rules.{rule.id}.{name}"
                seen.setdefault(key, Parameter(key, value, effective, policy.document, sources))
        seen.setdefault(
            f"{policy.id}.combination",
            Parameter(
                f"{policy.id}.combination",
                policy.combination.value,
                effective,
                policy.document,
                sources,
            ),
        )
        return tuple(seen.values())

    def explain(self, *, locale: str = "en_US") -> str:
        """A readable trace of every item and the parameters read, in English or Chinese.

        Args:
            locale: ``en_US``-like for English, ``zh_CN``-like for Chinese; amounts are
                formatted for that locale.
        """
        lang = _language(locale)
        policy, firm = self.policy, self.enterprise
        when = "all events" if self.as_of is None else str(self.as_of)
        if lang == "zh":
            when = "全部事件" if self.as_of is None else str(self.as_of)
            lines = [f"{policy.document} {policy.id}：{firm.name} 截至 {when} 的奖励"]
        else:
            lines = [f"{policy.document} {policy.id}: payout to {firm.name} as of {when}"]
        if not self.items:
            lines.append(
                "  没有在该日期前的认定、复核或迁入事件"
                if lang == "zh"
                else "  no designation, re-review or relocation on or before that date"
            )
        for item in self.items:
            lines.append("  " + self._line(item, locale, lang))
            if item.conditions:
                checked = "; ".join(
                    f"{check.condition.id} {_CONDITION_WORDS[lang][check.status]}"
                    for check in item.conditions
                )
                lines.append(("    条件：" if lang == "zh" else "    conditions: ") + checked)
        total = format_money(self.total, locale=locale)
        open_ids = ", ".join(condition.id for condition in self.unknown_conditions)
        if lang == "zh":
            suffix = "" if self.is_complete else "（缺少数据，至少）"
            if open_ids:
                suffix += f"（以下条件未能核实：{open_ids}）"
            lines.append(f"合计：{total}{suffix}")
            lines.append("读取的参数：")
        else:
            suffix = "" if self.is_complete else " (at least: some data is missing)"
            if open_ids:
                suffix += f" (if the conditions the data leave open hold: {open_ids})"
            lines.append(f"Total: {total}{suffix}")
            lines.append("Parameters read:")
        lines.extend(
            f"  {p.name} = {p.value} [{p.effective}; {p.document}]" for p in self.parameters()
        )
        quotes = dict.fromkeys(item.rule.quote for item in self.items if item.rule.quote)
        lines.extend(f'  "{quote}"' for quote in quotes)
        lines.append("来源：" if lang == "zh" else "Sources:")
        lines.extend(f"  {source.label} {source.url}" for source in policy.sources)
        return "\n".join(lines)

    def _line(self, item: PayoutItem, locale: str, lang: str) -> str:
        rule = item.rule
        event = _EVENT_WORDS[lang][rule.kind]
        level = rule.level.chinese if lang == "zh" else rule.level.value
        tier = ("重点" if lang == "zh" else "key ") if rule.key else ""
        if item.amount is None:
            amount = "?"
        else:
            amount = format_money(item.amount, locale=locale)
            if item.is_ceiling:
                amount = f"最高{amount}" if lang == "zh" else f"up to {amount}"
        reason = item.reason(locale=locale)
        if lang == "zh":
            return f"{item.event_on} {tier}{level}{event}：{amount}（规则 {rule.id}）- {reason}"
        return f"{item.event_on} {tier}{level} {event}: {amount} (rule {rule.id}) - {reason}"


@attrs.frozen(kw_only=True)
class PayoutReport:
    """Payouts for a population under one policy, with totals and what could not be evaluated."""

    policy: IncentivePolicy = attrs.field(eq=False)
    as_of: date | None
    payouts: tuple[Payout, ...]

    @property
    def total(self) -> Money:
        """The sum of every payout's total (a lower bound when data is missing)."""
        return Money.total((p.total for p in self.payouts), currency=self.policy.currency)

    def by_level(self) -> dict[DesignationLevel, Money]:
        """Totals per designation level, across enterprises."""
        out: dict[DesignationLevel, Money] = {}
        for payout in self.payouts:
            for level, amount in payout.by_level().items():
                out[level] = out.get(level, Money.zero(self.policy.currency)) + amount
        return out

    @property
    def unevaluated(self) -> tuple[tuple[Enterprise, str], ...]:
        """Enterprises that could not be fully evaluated, each with the reason."""
        return tuple(
            (payout.enterprise, "; ".join(item.detail or "data missing" for item in payout.missing))
            for payout in self.payouts
            if not payout.is_complete
        )


@attrs.frozen(kw_only=True)
class ComparisonRow:
    """One enterprise's payout under two policies."""

    enterprise: Enterprise
    before: Payout
    after: Payout

    @property
    def difference(self) -> Money:
        """``after.total - before.total``."""
        return self.after.total - self.before.total


@attrs.frozen(kw_only=True)
class Comparison:
    """Per-enterprise and total differences between two policies (a what-if)."""

    rows: tuple[ComparisonRow, ...]
    currency: str

    @property
    def total_before(self) -> Money:
        """The total under the first policy."""
        return Money.total((r.before.total for r in self.rows), currency=self.currency)

    @property
    def total_after(self) -> Money:
        """The total under the second policy."""
        return Money.total((r.after.total for r in self.rows), currency=self.currency)

    @property
    def difference(self) -> Money:
        """``total_after - total_before``."""
        return self.total_after - self.total_before


def compare(
    policy_a: IncentivePolicy,
    policy_b: IncentivePolicy,
    enterprises: Iterable[Enterprise],
    *,
    as_of: date | None = None,
    ledger: Iterable[Payment] | None = None,
) -> Comparison:
    """Compare what the same enterprises get under two policies (e.g. a reform).

    >>> from datetime import date
    >>> from littlegiants.designation import Designation
    >>> from littlegiants.policy import load_policy
    >>> now = load_policy("shenzhen-2022")
    >>> reform = now.evolve(amounts={"national": "800000"})
    >>> award = Designation("national", date(2023, 1, 5))
    >>> firm = Enterprise("示例", region="440305", designations=[award])
    >>> compare(now, reform, [firm]).difference
    Money('300000', 'CNY')
    """
    if policy_a.currency != policy_b.currency:
        from littlegiants.errors import CurrencyMismatchError  # noqa: PLC0415

        raise CurrencyMismatchError(policy_a.currency, policy_b.currency, "compare")
    payments = tuple(ledger or ())
    rows = tuple(
        ComparisonRow(
            enterprise=firm,
            before=compute_payout(policy_a, firm, as_of=as_of, ledger=payments),
            after=compute_payout(policy_b, firm, as_of=as_of, ledger=payments),
        )
        for firm in enterprises
    )
    return Comparison(rows=rows, currency=policy_a.currency)


# -- the engine --------------------------------------------------------------------------------


@attrs.frozen
class _Candidate:
    on: date
    rule: Rule
    designation: Designation | None = None
    relocation: Relocation | None = None


def _candidates(policy: IncentivePolicy, firm: Enterprise, as_of: date | None) -> list[_Candidate]:
    found: list[_Candidate] = []
    for designation in firm.designations:
        for rule in policy.rules:
            if rule.level is not designation.level:
                continue
            if rule.kind.is_award:
                if as_of is None or designation.awarded_on <= as_of:
                    found.append(_Candidate(designation.awarded_on, rule, designation))
            elif rule.kind is RuleKind.RE_REVIEW:
                found.extend(
                    _Candidate(review.on, rule, designation)
                    for review in designation.re_reviews
                    if review.passed and (as_of is None or review.on <= as_of)
                )
    for relocation in firm.relocations:
        if as_of is not None and relocation.on > as_of:
            continue
        found.extend(
            _Candidate(relocation.on, rule, relocation=relocation)
            for rule in policy.rules
            if rule.kind is RuleKind.RELOCATION
        )
    found.sort(key=lambda c: (c.on, c.rule.tier, c.rule.id))
    return found


#: A check's finding: the status and why, or ``None`` when the check lets the candidate through.
_Finding = tuple[ItemStatus, str] | None


def _gate(
    policy: IncentivePolicy, firm: Enterprise, candidate: _Candidate
) -> tuple[ItemStatus, str | None, Region | None]:
    """Decide whether a candidate may pay at all; return status, detail and the region used.

    The period and the registered region come first; then each of :data:`_CHECKS` in turn, the
    first finding deciding.
    """
    on = candidate.on
    if not policy.is_in_force(on):
        window = f"{policy.effective_from or '…'} to {policy.effective_to or '…'}"
        return ItemStatus.OUTSIDE_PERIOD, f"{on} is outside {window}", None
    region = firm.region_on(on)
    if region is None:
        return ItemStatus.MISSING_DATA, "the registered region is unknown", None
    for check in _CHECKS:
        finding = check(policy, firm, candidate, region)
        if finding is not None:
            return (*finding, region)
    return ItemStatus.PAYABLE, None, region


def _jurisdiction(
    policy: IncentivePolicy, firm: Enterprise, candidate: _Candidate, region: Region
) -> _Finding:
    """The firm is registered inside the jurisdiction (and, for a part zone, in the zone)."""
    del candidate
    if not policy.covers(region):
        where = f"{region.code} {region.name} is not within {policy.area}"
        return ItemStatus.OUTSIDE_JURISDICTION, where
    member = policy.in_zone(firm)
    if member is True or policy.zone is None:
        return None
    if member is None:
        unknown = f"whether the firm is registered in {policy.zone.name} is unknown"
        return ItemStatus.MISSING_DATA, unknown + " (Profile.zones)"
    return ItemStatus.OUTSIDE_JURISDICTION, f"not registered in {policy.zone.name}"


def _key_and_batch(
    policy: IncentivePolicy, firm: Enterprise, candidate: _Candidate, region: Region
) -> _Finding:
    """A key rule needs a key little giant; a batch rule needs a designation of its batches."""
    del policy, firm, region
    rule, designation = candidate.rule, candidate.designation
    if designation is None:
        return None
    if rule.key and not designation.key:
        return ItemStatus.NOT_ELIGIBLE, "not a key (重点) little giant"
    if rule.batches:
        if designation.batch is None:
            return ItemStatus.MISSING_DATA, "the MIIT batch is unknown"
        if designation.batch not in rule.batches:
            return ItemStatus.NOT_ELIGIBLE, f"batch {designation.batch} is not covered"
    return None


def _moved_in(
    policy: IncentivePolicy, firm: Enterprise, candidate: _Candidate, region: Region
) -> _Finding:
    """A relocation rule needs a move from outside the jurisdiction, holding the level."""
    del region
    rule, relocation = candidate.rule, candidate.relocation
    if relocation is None:
        return None
    if relocation.from_region is None:
        return ItemStatus.MISSING_DATA, "the region moved from is unknown"
    if policy.covers(relocation.from_region):
        return ItemStatus.NOT_ELIGIBLE, "a move within the jurisdiction"
    held = firm.level_on(candidate.on)
    if held is None or held < rule.level:
        return ItemStatus.NOT_ELIGIBLE, f"no valid {rule.level.value} designation held"
    return None


def _first_time(
    policy: IncentivePolicy, firm: Enterprise, candidate: _Candidate, region: Region
) -> _Finding:
    """A first-time rule (首次认定) pays no designation that an earlier one of its level precedes.

    The whole history counts, inside the effective period or not: a firm recognised in 2022 and
    again in 2026 is not recognised for the first time in 2026.
    """
    del policy, region
    designation = candidate.designation
    if not candidate.rule.first_time or designation is None:
        return None
    earlier = [
        held.awarded_on
        for held in firm.designations
        if held.level is designation.level and held.awarded_on < designation.awarded_on
    ]
    if not earlier:
        return None
    level = designation.level.value
    return (
        ItemStatus.NOT_ELIGIBLE,
        f"first-time recognition only (首次认定): an earlier {level} designation on {min(earlier)}",
    )


def _not_rewarded(
    policy: IncentivePolicy, firm: Enterprise, candidate: _Candidate, region: Region
) -> _Finding:
    """A rule the policy states pays nothing gives a not-eligible item with the policy's reason."""
    del policy, firm, region
    reason = candidate.rule.not_rewarded
    return None if reason is None else (ItemStatus.NOT_ELIGIBLE, reason)


def _designated_window(
    policy: IncentivePolicy, firm: Enterprise, candidate: _Candidate, region: Region
) -> _Finding:
    """A rule limited to designations awarded in a window pays no designation outside it."""
    del policy, firm, region
    rule, designation = candidate.rule, candidate.designation
    if designation is None:
        return None
    awarded = designation.awarded_on
    if rule.designated_from is not None and awarded < rule.designated_from:
        window = f"designations from {rule.designated_from}"
    elif rule.designated_before is not None and awarded >= rule.designated_before:
        window = f"designations before {rule.designated_before}"
    else:
        return None
    return ItemStatus.NOT_ELIGIBLE, f"designated on {awarded}; this rule is for {window}"


#: The checks a candidate passes after the period and the region, in order.
_CHECKS: Final = (
    _jurisdiction,
    _not_rewarded,
    _key_and_batch,
    _designated_window,
    _moved_in,
    _first_time,
)


def _entitlement(
    firm: Enterprise, candidate: _Candidate, region: Region | None
) -> tuple[Money | None, str | None]:
    rule = candidate.rule
    cap = rule.amount_for(region)
    if rule.percent is None or rule.figure is None:
        return cap, None
    year = rule.figure_year.of(candidate.on)
    figures = firm.financial_year(year)
    value = None if figures is None else getattr(figures, rule.figure)
    if value is None:
        return None, f"{rule.figure} for {year} is unknown"
    if not isinstance(value, Money):
        raise InvalidRecordError(value, f"{rule.figure} is not an amount of money")
    share = (value * rule.percent.scaleb(-2, context=EXACT)).round()
    if share > cap:
        return cap, f"{rule.percent}% of {rule.figure} {year} ({value}) is {share}, capped"
    return share, f"{rule.percent}% of {rule.figure} {year} ({value})"


def _ledger_match(payments: list[Payment], candidate: _Candidate) -> Payment | None:
    rule = candidate.rule
    kind = RuleKind.DESIGNATION if rule.kind.is_award else rule.kind
    for payment in payments:
        same = payment.event is kind and payment.level is rule.level and payment.key == rule.key
        if same and (kind is RuleKind.DESIGNATION or payment.paid_on >= candidate.on):
            return payment
    return None


def compute_payout(
    policy: IncentivePolicy,
    enterprise: Enterprise,
    *,
    as_of: date | None = None,
    ledger: Iterable[Payment] | None = None,
) -> Payout:
    """Compute one enterprise's payout (``IncentivePolicy.payout`` calls this)."""
    key = enterprise.key
    payments = [p for p in (ledger or ()) if p.enterprise == key and p.policy_id == policy.id]
    return _payout(policy, enterprise, as_of, payments)


def _ledger_order(payment: Payment) -> tuple[date, str, int, bool, Money]:
    return (payment.paid_on, payment.event.value, payment.level.rank, payment.key, payment.amount)


def _payout(
    policy: IncentivePolicy, enterprise: Enterprise, as_of: date | None, payments: list[Payment]
) -> Payout:
    # Earliest payments are matched first, so the result never depends on the ledger's order.
    payments = sorted(payments, key=_ledger_order)
    zero = Money.zero(policy.currency)
    covered = Money.total(
        (p.amount for p in payments if p.event is RuleKind.DESIGNATION), currency=policy.currency
    )
    items: list[PayoutItem] = []
    granted: dict[str, date] = {}
    profile = enterprise.profile
    checks = tuple(ConditionCheck(c, c.check(profile)) for c in policy.conditions)
    for candidate in _candidates(policy, enterprise, as_of):
        status, detail, region = _gate(policy, enterprise, candidate)
        conditions = checks if status is ItemStatus.PAYABLE else ()
        failed = [check for check in conditions if check.status is ConditionStatus.NOT_MET]
        if failed:
            status, detail = ItemStatus.NOT_ELIGIBLE, "; ".join(map(str, failed))
        rule_id = candidate.rule.id
        if status is ItemStatus.PAYABLE and candidate.rule.kind.is_award and rule_id in granted:
            # An award rule is a one-off reward: a second designation of the same level (say a
            # re-designation after a lapse) does not pay it again.
            status = ItemStatus.ALREADY_PAID
            detail = f"a one-off reward, already granted for the designation of {granted[rule_id]}"
        entitlement: Money | None = None
        amount: Money | None = zero
        if status is ItemStatus.PAYABLE:
            entitlement, detail = _entitlement(enterprise, candidate, region)
            if entitlement is None:
                status, amount = ItemStatus.MISSING_DATA, None
            else:
                status, amount, detail, covered = _settle(
                    policy,
                    candidate,
                    entitlement,
                    payments=payments,
                    covered=covered,
                    detail=detail,
                )
                if candidate.rule.kind.is_award:
                    granted.setdefault(rule_id, candidate.on)
        elif status is ItemStatus.MISSING_DATA:
            amount = None
        items.append(
            PayoutItem(
                rule=candidate.rule,
                event_on=candidate.on,
                status=status,
                amount=amount,
                entitlement=entitlement,
                designation=candidate.designation,
                relocation=candidate.relocation,
                detail=detail,
                conditions=conditions,
            )
        )
    items = _one_reward_per_move(items, zero)
    if policy.combination is Combination.HIGHEST_ONLY:
        items = _highest_only(items, zero)
    return Payout(policy=policy, enterprise=enterprise, as_of=as_of, items=tuple(items))


def _settle(
    policy: IncentivePolicy,
    candidate: _Candidate,
    entitlement: Money,
    *,
    payments: list[Payment],
    covered: Money,
    detail: str | None,
) -> tuple[ItemStatus, Money, str | None, Money]:
    """Apply the ledger and the combination rule to an entitlement.

    Returns the status, the amount, the detail and what is now covered under top-up.
    """
    zero = Money.zero(policy.currency)
    paid = _ledger_match(payments, candidate)
    if paid is not None:
        payments.remove(paid)
        return ItemStatus.ALREADY_PAID, zero, f"{paid.amount} paid on {paid.paid_on}", covered
    if not (candidate.rule.kind.is_award and policy.combination is Combination.TOP_UP):
        return ItemStatus.PAYABLE, entitlement, detail, covered
    amount = max(entitlement - covered, zero)
    if not amount:
        return ItemStatus.ALREADY_PAID, zero, f"lower levels already paid {covered}", covered
    if amount != entitlement:
        detail = f"difference to the {entitlement - amount} already paid"
    return ItemStatus.PAYABLE, amount, detail, covered + amount


def _one_reward_per_move(items: list[PayoutItem], zero: Money) -> list[PayoutItem]:
    """A move is rewarded once, by the rule of the highest level the firm holds.

    Jing'an rewards a Shanghai 专精特新 firm moving in with up to 30万 and a little giant with up
    to 60万: a little giant is not paid both. Lower-level relocation rules that would pay for the
    same move are superseded.
    """
    top: dict[Relocation, Rule] = {}
    for item in items:
        move = item.relocation
        if move is None or item.status is not ItemStatus.PAYABLE:
            continue
        if move not in top or top[move].tier < item.rule.tier:
            top[move] = item.rule
    out: list[PayoutItem] = []
    for item in items:
        move = item.relocation
        if move is not None and item.status is ItemStatus.PAYABLE and item.rule is not top[move]:
            detail = f"a move is rewarded once, by rule {top[move].id} of the highest level held"
            item = attrs.evolve(  # noqa: PLW2901
                item, status=ItemStatus.SUPERSEDED, amount=zero, detail=detail
            )
        out.append(item)
    return out


def _highest_only(items: list[PayoutItem], zero: Money) -> list[PayoutItem]:
    reached = [
        item.rule.tier
        for item in items
        if item.rule.kind.is_award and item.status in (ItemStatus.PAYABLE, ItemStatus.ALREADY_PAID)
    ]
    if not reached:
        return items
    top = max(reached)
    out: list[PayoutItem] = []
    for item in items:
        if item.rule.kind.is_award and item.status is ItemStatus.PAYABLE and item.rule.tier < top:
            item = attrs.evolve(  # noqa: PLW2901
                item, status=ItemStatus.SUPERSEDED, amount=zero, detail="a higher level was reached"
            )
        out.append(item)
    return out


def compute_report(
    policy: IncentivePolicy,
    enterprises: Iterable[Enterprise],
    *,
    as_of: date | None = None,
    ledger: Iterable[Payment] | None = None,
) -> PayoutReport:
    """Compute payouts for many enterprises (``IncentivePolicy.payouts`` calls this)."""
    by_firm: dict[str, list[Payment]] = {}
    for payment in ledger or ():
        if payment.policy_id == policy.id:
            by_firm.setdefault(payment.enterprise, []).append(payment)
    return PayoutReport(
        policy=policy,
        as_of=as_of,
        payouts=tuple(
            _payout(policy, firm, as_of, list(by_firm.get(firm.key, ()))) for firm in enterprises
        ),
    )
