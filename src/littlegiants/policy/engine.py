"""The payout engine: what an enterprise is owed under a policy, and why, yuan by yuan.

:meth:`IncentivePolicy.payout <littlegiants.policy.IncentivePolicy.payout>` asks each rule of
the policy for the firm's events that trigger it (designations awarded, re-reviews passed,
moves), walks them in date order, and produces a :class:`PayoutItem` for each with an amount and
an :class:`~littlegiants.policy.ItemStatus` saying why:

- ``PAYABLE``: the rule pays (``is_ceiling`` when the source says "最高", up to);
- ``OUTSIDE_PERIOD``: the event falls outside the policy's effective dates;
- ``OUTSIDE_JURISDICTION``: the firm was registered outside the jurisdiction on the event date;
- ``ALREADY_PAID``: the ledger of earlier :class:`Payment` s covers it (or, under ``top-up``,
  what was paid for lower levels already reaches the amount);
- ``SUPERSEDED``: under ``highest-only`` a higher level reached replaces it, and one event that
  a kind rewards once (a move) is paid by the rule of the highest level held;
- ``NOT_ELIGIBLE``: a gate of the rule is not met (not a key little giant, another batch, a move
  within the jurisdiction, the level not held when relocating, an earlier recognition at the
  level under a first-time rule), a condition of the policy is not met, or the policy rewards no
  designation of that level at all (it has no rule for it: the item says so, never no item);
- ``MISSING_DATA``: a fact the amount depends on is unknown (the region, membership of a zone,
  the batch, the financial figure). Its amount is ``None``, never zero, and
  :attr:`Payout.is_complete` is false.

The engine knows no rule kind: the period and the jurisdiction are the policy's gates, then the
rule's own (:meth:`Rule.check <littlegiants.policy.Rule.check>`), the policy's conditions, and
the rule's entitlement (:meth:`Rule.entitlement <littlegiants.policy.Rule.entitlement>`). What
it does with a rule depends on the kind's declared capabilities (an award combines with the
policy's other levels and is paid once; a move pays one rule). Events after ``as_of`` are
ignored. Rewards at several levels combine as the policy's
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

import functools
import operator
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Final, Protocol

import attrs

from littlegiants.designation import Designation, DesignationLevel, coerce_level
from littlegiants.enterprise import Enterprise, Relocation
from littlegiants.errors import CurrencyMismatchError, InvalidRecordError, Reason
from littlegiants.formatting import format_money
from littlegiants.frames import ENTERPRISE_COLUMNS, Columns, Row, Tabular, markdown_text
from littlegiants.money import Money
from littlegiants.policy.model import (
    Combination,
    Condition,
    ConditionStatus,
    Event,
    EventKind,
    ItemStatus,
    Text,
    money_words,
)
from littlegiants.policy.rules import NoRule, Rule, rule_class
from littlegiants.policy.terms import PolicyTerms
from littlegiants.translations import N_, translator

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence, Sized

    from littlegiants.financials import Profile
    from littlegiants.regions import Region
    from littlegiants.sources import Source

__all__ = [
    "ConditionCheck",
    "Parameter",
    "Payment",
    "Payout",
    "PayoutItem",
    "PayoutReport",
    "compute_payout",
    "compute_report",
]


def _enterprise_key(value: Enterprise | str) -> str:
    return value.key if isinstance(value, Enterprise) else value


def _event_kind(value: EventKind | str) -> EventKind:
    """A ledger event: an event word, or a rule kind's word read as the event it rewards."""
    if isinstance(value, EventKind):
        return value
    try:
        return EventKind(value)
    except ValueError:
        return rule_class(value).event_kind


@attrs.frozen(kw_only=True)
class Payment:
    """A reward already paid: the ledger the engine checks so nothing is paid twice.

    Args:
        enterprise: the firm, or its key (credit code, else name).
        policy_id: the policy it was paid under.
        level: the designation level it was for.
        amount: what was paid.
        paid_on: when it was paid.
        event: ``designation`` (default), ``re-review`` or ``relocation``
            (:class:`~littlegiants.policy.EventKind`; a rule kind's word names the event it
            rewards, so ``percentage`` is a designation).
        key: whether it was the key (重点) little-giant tier.
    """

    enterprise: str = attrs.field(converter=_enterprise_key)
    policy_id: str
    level: DesignationLevel = attrs.field(converter=coerce_level)
    amount: Money
    paid_on: date
    event: EventKind = attrs.field(default=EventKind.DESIGNATION, converter=_event_kind)
    key: bool = False


@attrs.frozen
class Parameter:
    """A policy parameter the engine read, with its provenance (as OpenFisca records them).

    ``value`` is as the file gives it; ``words`` says it in each language (its English is
    ``value``): a share, a reason not to reward, a combination, an amount.
    """

    name: str
    value: str
    effective: str
    document: str
    sources: tuple[str, ...]
    words: Text | None = attrs.field(default=None, kw_only=True)

    def speak(self, locale: str) -> str:
        """The value in the language of ``locale``."""
        return self.value if self.words is None else self.words.speak(locale)


@attrs.frozen
class ConditionCheck:
    """One of a policy's conditions as the firm's facts decide it: met, not met or unknown."""

    condition: Condition
    status: ConditionStatus

    def __str__(self) -> str:
        """``condition not-abnormal not met (Not on the abnormal-operations list.)``."""
        return str(self.words)

    @property
    def words(self) -> Text:
        """The check in English (with the condition's text) and Chinese."""
        condition = self.condition
        # The Chinese leaves out the condition's text, which files write in English.
        return Text.of(
            N_("condition {id} {status} ({text})"),
            id=condition.id,
            status=self.status.words,
            text=condition.text,
        )


@attrs.frozen(kw_only=True)
class PayoutItem:
    """One rule applied to one event of one enterprise.

    ``amount`` is ``None`` only for ``MISSING_DATA``; ``entitlement`` is what the rule grants before
    the ledger and the combination rule are applied. ``conditions`` are the policy's conditions
    as checked for an item that passed every other test: one not met makes it ``NOT_ELIGIBLE``;
    one the facts do not decide leaves it payable, reported here and in
    :attr:`Payout.unknown_conditions`, never assumed met. ``why`` says why, in English and
    Chinese (:attr:`detail` is the English); ``paid`` is the ledger payment that covers it.
    """

    rule: Rule
    event_on: date
    status: ItemStatus
    amount: Money | None
    entitlement: Money | None
    designation: Designation | None = None
    relocation: Relocation | None = None
    why: Text | None = None
    conditions: tuple[ConditionCheck, ...] = ()
    paid: Payment | None = None

    @property
    def event(self) -> Event:
        """The event the rule was asked about (equal for two items about the same event)."""
        return Event(self.rule.event_kind, self.event_on, self.designation, self.relocation)

    @property
    def level(self) -> DesignationLevel:
        """The designation level of the rule."""
        return self.rule.level

    @property
    def detail(self) -> str | None:
        """Why, in English (``None`` for a payable item with nothing to add)."""
        return None if self.why is None else self.why.en

    @property
    def is_ceiling(self) -> bool:
        """Whether the amount is an "up to" entitlement ceiling (最高)."""
        return self.rule.up_to and self.status is ItemStatus.PAYABLE

    def reason(self, *, locale: str = "en_US") -> str:
        """A one-line, human-readable reason in English or Chinese."""
        status = self.status.words.speak(locale)
        if self.why is None:
            return status
        detail = self.why.speak(locale)
        return (
            translator(locale).gettext("{status} ({detail})").format(status=status, detail=detail)
        )

    def describe(self, *, locale: str = "en_US") -> str:
        """The item in one line: date, event, amount, rule and reason."""
        _ = translator(locale).gettext
        if self.amount is None:
            amount = "?"
        else:
            amount = format_money(self.amount, locale=locale)
            if self.is_ceiling:
                amount = _("up to {amount}").format(amount=amount)
        return _("{on} {event}: {amount} (rule {rule}) - {reason}").format(
            on=self.event_on,
            event=self.rule.event_words.speak(locale),
            amount=amount,
            rule=self.rule.id,
            reason=self.reason(locale=locale),
        )

    def to_record(
        self, enterprise: Enterprise, policy_id: str, currency: str, *, locale: str = "en_US"
    ) -> Row:
        """The item as a row: the firm, the policy and rule, the event, the amount and why.

        Keys: ``credit_code``, ``name``, ``region_code``, ``region_name``, ``policy_id``,
        ``rule_id``, ``event`` (designation, re-review, relocation), ``event_on``, ``level``,
        ``key`` (a key little giant's reward), ``status``, ``amount`` (an exact ``Decimal``, or
        ``None`` when data is missing), ``currency``, ``up_to`` (the amount is a ceiling) and
        ``reason`` (in the language of ``locale``).
        """
        amount = self.amount
        return {
            **enterprise.to_record(),
            "policy_id": policy_id,
            "rule_id": self.rule.id,
            "event": self.rule.event_kind.value,
            "event_on": self.event_on,
            "level": self.level.value,
            "key": self.rule.key,
            "status": self.status.value,
            "amount": None if amount is None else amount.amount,
            "currency": currency if amount is None else amount.currency,
            "up_to": self.is_ceiling,
            "reason": self.reason(locale=locale),
        }


#: The columns of a payout item's row (:meth:`PayoutItem.to_record`).
ITEM_COLUMNS: Final[Columns] = {
    **ENTERPRISE_COLUMNS,
    "policy_id": str,
    "rule_id": str,
    "event": str,
    "event_on": date,
    "level": str,
    "key": bool,
    "status": str,
    "amount": Decimal,
    "currency": str,
    "up_to": bool,
    "reason": str,
}


def _sum(amounts: Iterable[Money | None], currency: str) -> Money:
    return Money.total((a for a in amounts if a is not None), currency=currency)


#: The tags of the kinds of source (:attr:`Source.label <littlegiants.sources.Source.label>`).
_SOURCE_TAGS: Final = (N_("[kind not stated]"), N_("[official]"), N_("[mirror]"), N_("[summary]"))


def source_label(source: Source, locale: str) -> str:
    """A source's kind as a bracketed tag in the language of ``locale``."""
    return translator(locale).gettext(source.label)


@attrs.frozen(kw_only=True)
class Payout(Tabular):
    """What one enterprise is owed under one policy, as of a date, item by item."""

    policy: PolicyTerms = attrs.field(eq=False)
    enterprise: Enterprise
    as_of: date | None
    items: tuple[PayoutItem, ...]

    @property
    def total(self) -> Money:
        """The sum of the item amounts, ceilings included; a lower bound if data is missing."""
        return _sum((item.amount for item in self.items), self.policy.currency)

    record_columns: ClassVar[Columns] = ITEM_COLUMNS

    def __repr__(self) -> str:
        """One line: the policy, the firm, the items and the total (``to_records()`` has all)."""
        return (
            f"<Payout {self.policy.id} for {self.enterprise.name!r}: {len(self.items)} items, "
            f"total {self.total!r}>"
        )

    def to_records(self, *, locale: str = "en_US") -> list[Row]:
        """One row per item (:meth:`PayoutItem.to_record`)."""
        currency = self.policy.currency
        return [
            item.to_record(self.enterprise, self.policy.id, currency, locale=locale)
            for item in self.items
        ]

    def _repr_markdown_(self) -> str:
        """Jupyter's rich display of the explanation (:meth:`explain`), in English."""
        return markdown_text(self.explain())

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

        def read(name: str, words: Text) -> None:
            """Record a parameter; ``words.en`` is its value as the file gives it."""
            key = f"{policy.id}.{name}"
            seen.setdefault(
                key, Parameter(key, words.en, effective, policy.document, sources, words=words)
            )

        for item in self.items:
            rule = item.rule
            if rule.implicit:
                continue
            at = f"rules.{rule.id}"
            if rule.not_rewarded is not None:
                read(f"{at}.not_rewarded", attrs.evolve(_NOT_REWARDED, en=rule.not_rewarded))
            else:
                read(f"{at}.amount", money_words(rule.amount))
            if rule.percent is not None and rule.figure is not None:
                share = f"{rule.percent}% of {rule.figure} ({rule.figure_year.value} year)"
                read(f"{at}.percent", attrs.evolve(rule.share_words, en=share))
            for i, option in enumerate(rule.by_region):
                read(f"{at}.by_region[{i}].amount", money_words(option.amount))
        combination = policy.combination
        read("combination", attrs.evolve(combination.words, en=combination.value))
        return tuple(seen.values())

    def explain(self, *, locale: str = "en_US") -> str:
        """A readable trace of every item and the parameters read, in English or Chinese.

        Args:
            locale: ``en_US``-like for English, ``zh_CN``-like for Chinese; amounts are
                formatted for that locale.
        """
        _ = translator(locale).gettext
        policy, firm = self.policy, self.enterprise
        when = _("all events") if self.as_of is None else str(self.as_of)
        lines = [
            _("{document} {policy}: payout to {firm} as of {when}").format(
                document=policy.document, policy=policy.id, firm=firm.name, when=when
            )
        ]
        if not self.items:
            lines.append("  " + _("no designation, re-review or relocation on or before that date"))
        for item in self.items:
            lines.append("  " + item.describe(locale=locale))
            if item.conditions:
                checked = _("; ").join(
                    f"{check.condition.id} {check.status.words.speak(locale)}"
                    for check in item.conditions
                )
                lines.append("    " + _("conditions: {checked}").format(checked=checked))
        lines.extend(self._closing(locale))
        return "\n".join(lines)

    def _closing(self, locale: str) -> list[str]:
        _ = translator(locale).gettext
        total = format_money(self.total, locale=locale)
        open_ids = ", ".join(condition.id for condition in self.unknown_conditions)
        suffix = "" if self.is_complete else _(" (at least: some data is missing)")
        if open_ids:
            suffix += _(" (if the conditions the data leave open hold: {ids})").format(ids=open_ids)
        lines = [
            _("Total: {total}{suffix}").format(total=total, suffix=suffix),
            _("Parameters read:"),
        ]
        lines.extend(
            f"  {p.name} = {p.speak(locale)} [{p.effective}; {p.document}]"
            for p in self.parameters()
        )
        quotes = dict.fromkeys(item.rule.quote for item in self.items if item.rule.quote)
        lines.extend(f'  "{quote}"' for quote in quotes)
        lines.append(_("Sources:"))
        lines.extend(
            f"  {source_label(source, locale)} {source.cited}" for source in self.policy.sources
        )
        return lines


@attrs.frozen(kw_only=True)
class PayoutReport(Tabular):
    """Payouts for a population under one policy, with totals and what could not be evaluated.

    Its ``repr`` is one line; :meth:`to_records` gives a row per item of every payout, and
    ``to_polars()``, ``to_pandas()`` and ``to_arrow()`` the same rows as a data frame with an
    exact decimal ``amount`` column (:mod:`littlegiants.frames`).
    """

    policy: PolicyTerms = attrs.field(eq=False)
    as_of: date | None
    payouts: tuple[Payout, ...]

    record_columns: ClassVar[Columns] = ITEM_COLUMNS

    def __repr__(self) -> str:
        """One line: the policy, the date, how many firms and items, and the total."""
        return report_repr(self, self.policy.id, self.payouts)

    def to_records(self, *, locale: str = "en_US") -> list[Row]:
        """One row per item of every payout (:meth:`PayoutItem.to_record`), firm by firm."""
        return report_records(self.payouts, locale)

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


class _Report(Protocol):
    """What a report of payouts shows in its repr (a ``PayoutReport`` or a ``StackedReport``)."""

    @property
    def as_of(self) -> date | None: ...  # pragma: no cover - a protocol
    @property
    def total(self) -> Money: ...  # pragma: no cover - a protocol


class _Itemized(Protocol):
    """One firm's payout of a report: its items and its rows."""

    @property
    def items(self) -> Sized: ...  # pragma: no cover - a protocol
    def to_records(self, *, locale: str = "en_US") -> list[Row]: ...  # pragma: no cover


def report_repr(report: _Report, label: str, payouts: Sequence[_Itemized]) -> str:
    """A report's one-line repr: its kind, label, date, firms, items and total."""
    items = sum(len(payout.items) for payout in payouts)
    return (
        f"<{type(report).__name__} {label} as of {report.as_of}: {len(payouts)} enterprises, "
        f"{items} items, total {report.total!r}>"
    )


def report_records(payouts: Iterable[_Itemized], locale: str) -> list[Row]:
    """A report's rows: every firm's rows, firm by firm."""
    return [row for payout in payouts for row in payout.to_records(locale=locale)]


# -- the engine --------------------------------------------------------------------------------

#: A rule and an event of the firm it is asked about.
_Candidate = tuple[Event, Rule]


class _Plan:
    """What the engine reads of a policy once, however many firms it evaluates."""

    def __init__(self, policy: PolicyTerms) -> None:
        self.policy = policy
        self.zero = Money.zero(policy.currency)
        self.top_up = policy.combination is Combination.TOP_UP
        self.highest_only = policy.combination is Combination.HIGHEST_ONLY
        #: Answers for a designation of a level no award rule claims (see :func:`_candidates`).
        self.unclaimed = {
            level: NoRule.answering(level, policy.currency)
            for level in DesignationLevel
            if not any(rule.is_award and rule.level is level for rule in policy.rules)
        }
        self.once_per_event = any(rule.once_per_event for rule in policy.rules)
        self.start, self.end = policy.effective_from, policy.effective_to
        #: Whether a region (by code) is inside the jurisdiction, as the firms are met.
        self.inside: dict[str, bool] = {}
        #: Every condition unknown: what a firm without a profile gets, made once.
        self.unknown = _conditions(policy, None)
        #: The sort key of each rule's candidates after the date (by identity: rules are many).
        self.order = {id(rule): (rule.level.rank, rule.key, rule.id) for rule in policy.rules}
        self.order.update(
            {id(rule): (rule.level.rank, rule.key, rule.id) for rule in self.unclaimed.values()}
        )

    def conditions(self, firm: Enterprise) -> tuple[ConditionCheck, ...]:
        """The policy's conditions as the firm's facts decide them."""
        return self.unknown if firm.profile is None else _conditions(self.policy, firm.profile)

    def gate(
        self, firm: Enterprise, event: Event, rule: Rule
    ) -> tuple[ItemStatus, Text | None, Region | None]:
        """Decide whether a candidate may pay at all; return status, why and the region used.

        The period and the registered region come first, then the jurisdiction, then the rule's
        own gates; the first finding decides.
        """
        on = event.on
        if (self.start is not None and on < self.start) or (self.end is not None and on > self.end):
            return ItemStatus.OUTSIDE_PERIOD, _outside_period(on, self.start, self.end), None
        region = firm.region_on(on)
        if region is None:
            return ItemStatus.MISSING_DATA, _NO_REGION, None
        policy = self.policy
        inside = self.inside.get(region.code)
        if inside is None:
            inside = self.inside[region.code] = policy.covers(region)
        if not inside:
            return ItemStatus.OUTSIDE_JURISDICTION, _outside(region, policy.area), region
        finding = _zone(policy, firm) or rule.check(firm, event, policy.covers)
        if finding is not None:
            return (*finding, region)
        return ItemStatus.PAYABLE, None, region

    def candidates(self, firm: Enterprise, as_of: date | None) -> list[_Candidate]:
        """Each rule with each event that triggers it, and each designation no rule rewards.

        A designation of a level the policy has no award rule for is answered by an implicit
        rule (:class:`~littlegiants.policy.rules.NoRule`) that is not eligible, saying so: a firm
        recorded at a level the policy does not reward is told why, never silently left out.
        """
        found = [(event, rule) for rule in self.policy.rules for event in rule.events(firm, as_of)]
        for designation in firm.designations:
            answer = self.unclaimed.get(designation.level)
            if answer is not None and (as_of is None or designation.awarded_on <= as_of):
                event = Event(EventKind.DESIGNATION, designation.awarded_on, designation)
                found.append((event, answer))
        if len(found) > 1:
            order = self.order
            found.sort(key=lambda c: (c[0].on, order[id(c[1])]))
        return found


_NO_REGION: Final = Text.of(N_("the registered region is unknown"))
_NOT_REWARDED: Final = Text.of(N_("not rewarded"))


@functools.lru_cache(maxsize=4096)
def _outside_period(on: date, start: date | None, end: date | None) -> Text:
    """Why an event on ``on`` is outside a period (cached: firms share dates)."""
    first, last = start or "…", end or "…"
    return Text.of(N_("{on} is outside {first} to {last}"), on=on, first=first, last=last)


def _zone(policy: PolicyTerms, firm: Enterprise) -> tuple[ItemStatus, Text] | None:
    """For a zone covering part of its divisions: whether the firm is registered in it."""
    if policy.zone is None:
        return None
    member = policy.in_zone(firm)
    if member is True:
        return None
    zone = policy.zone.name
    if member is None:
        return ItemStatus.MISSING_DATA, Text.of(
            N_("whether the firm is registered in {zone} is unknown (Profile.zones)"), zone=zone
        )
    return ItemStatus.OUTSIDE_JURISDICTION, Text.of(N_("not registered in {zone}"), zone=zone)


@functools.lru_cache(maxsize=4096)
def _outside(region: Region, area: str) -> Text:
    """Why a firm registered in ``region`` is outside ``area`` (cached: one per pair)."""
    return Text.of(
        N_("{code} {name} is not within {area}"), code=region.code, name=region.name, area=area
    )


def compute_payout(
    policy: PolicyTerms,
    enterprise: Enterprise,
    *,
    as_of: date | None = None,
    ledger: Iterable[Payment] | None = None,
) -> Payout:
    """Compute one enterprise's payout (``IncentivePolicy.payout`` calls this)."""
    key = enterprise.key
    payments = [p for p in (ledger or ()) if p.enterprise == key and p.policy_id == policy.id]
    return _payout(_Plan(policy), enterprise, as_of, payments)


def _ledger_order(payment: Payment) -> tuple[date, str, int, bool, Money]:
    return (payment.paid_on, payment.event.value, payment.level.rank, payment.key, payment.amount)


def _payout(
    plan: _Plan, enterprise: Enterprise, as_of: date | None, payments: list[Payment]
) -> Payout:
    policy, zero = plan.policy, plan.zero
    # Earliest payments are matched first, so the result never depends on the ledger's order.
    settle = _Settlement(plan, sorted(payments, key=_ledger_order) if payments else payments)
    items: list[PayoutItem] = []
    granted: dict[str, date] = {}
    checks = plan.conditions(enterprise)
    for event, rule in plan.candidates(enterprise, as_of):
        status, why, region = plan.gate(enterprise, event, rule)
        if rule.implicit and status is not ItemStatus.NOT_ELIGIBLE:
            continue  # a level the policy has no rule for is answered only inside its reach
        conditions = checks if status is ItemStatus.PAYABLE else ()
        failed = [check for check in conditions if check.status is ConditionStatus.NOT_MET]
        if failed:
            status = ItemStatus.NOT_ELIGIBLE
            why = functools.reduce(operator.add, (check.words for check in failed))
        if status is ItemStatus.PAYABLE and rule.is_award and rule.id in granted:
            # An award rule is a one-off reward: a second designation of the same level (say a
            # re-designation after a lapse) does not pay it again.
            status = ItemStatus.ALREADY_PAID
            day = granted[rule.id]
            why = Text.of(
                N_("a one-off reward, already granted for the designation of {day}"), day=day
            )
        amount: Money | None = None if status is ItemStatus.MISSING_DATA else zero
        entitlement: Money | None = None
        paid: Payment | None = None
        if status is ItemStatus.PAYABLE:
            entitlement, why = rule.entitlement(enterprise, event, region)
            if entitlement is None:
                status, amount = ItemStatus.MISSING_DATA, None
            else:
                status, amount, why, paid = settle(rule, event, entitlement, why)
                if rule.is_award:
                    granted.setdefault(rule.id, event.on)
        items.append(
            PayoutItem(
                rule=rule,
                event_on=event.on,
                status=status,
                amount=amount,
                entitlement=entitlement,
                designation=event.designation,
                relocation=event.relocation,
                why=why,
                conditions=conditions,
                paid=paid,
            )
        )
    if plan.once_per_event:
        items = _one_reward_per_event(items, zero)
    if plan.highest_only:
        items = _highest_only(items, zero)
    return Payout(policy=policy, enterprise=enterprise, as_of=as_of, items=tuple(items))


def _conditions(policy: PolicyTerms, profile: Profile | None) -> tuple[ConditionCheck, ...]:
    return tuple(ConditionCheck(c, c.check(profile)) for c in policy.conditions)


class _Settlement:
    """The ledger and the policy's combination, applied to each entitlement in date order."""

    def __init__(self, plan: _Plan, payments: list[Payment]) -> None:
        self.top_up = plan.top_up
        self.payments = payments
        zero = self.zero = plan.zero
        #: What is paid for designations so far, which an upgrade under top-up is topped up from.
        self.covered = zero
        for payment in payments:
            if payment.event is EventKind.DESIGNATION:
                self.covered = self.covered + payment.amount

    def __call__(
        self, rule: Rule, event: Event, entitlement: Money, why: Text | None
    ) -> tuple[ItemStatus, Money, Text | None, Payment | None]:
        """Apply the ledger and the combination rule to an entitlement: status, amount, why."""
        paid = self._ledger_match(rule, event)
        if paid is not None:
            self.payments.remove(paid)
            why = Text.of(
                N_("{amount} paid on {on}"), amount=money_words(paid.amount), on=paid.paid_on
            )
            return ItemStatus.ALREADY_PAID, self.zero, why, paid
        if not (rule.is_award and self.top_up):
            return ItemStatus.PAYABLE, entitlement, why, None
        amount = max(entitlement - self.covered, self.zero)
        if not amount:
            why = Text.of(
                N_("lower levels already paid {amount}"), amount=money_words(self.covered)
            )
            return ItemStatus.ALREADY_PAID, self.zero, why, None
        if amount != entitlement:
            before = entitlement - amount
            why = Text.of(N_("difference to the {amount} already paid"), amount=money_words(before))
        self.covered = self.covered + amount
        return ItemStatus.PAYABLE, amount, why, None

    def _ledger_match(self, rule: Rule, event: Event) -> Payment | None:
        for payment in self.payments:
            same = (
                payment.event is rule.event_kind
                and payment.level is rule.level
                and payment.key == rule.key
            )
            # An award is paid once, whenever; a recurring event's payment covers events to it.
            if same and (rule.is_award or payment.paid_on >= event.on):
                return payment
        return None


def _one_reward_per_event(items: list[PayoutItem], zero: Money) -> list[PayoutItem]:
    """An event a kind rewards once is paid by the rule of the highest tier (a move).

    Jing'an rewards a Shanghai 专精特新 firm moving in with up to 30万 and a little giant with up
    to 60万: a little giant is not paid both. Lower-tier rules that would pay for the same event
    are superseded.
    """
    top: dict[Event, Rule] = {}
    for item in items:
        if not item.rule.once_per_event or item.status is not ItemStatus.PAYABLE:
            continue
        event = item.event
        if event not in top or top[event].tier < item.rule.tier:
            top[event] = item.rule
    if not top:
        return items
    out: list[PayoutItem] = []
    for item in items:
        best = top.get(item.event) if item.rule.once_per_event else None
        if best is not None and item.status is ItemStatus.PAYABLE and item.rule is not best:
            why = Text.of(
                N_("a {event} is rewarded once, by rule {rule} of the highest level held"),
                event=best.words,
                rule=best.id,
            )
            item = attrs.evolve(  # noqa: PLW2901
                item, status=ItemStatus.SUPERSEDED, amount=zero, why=why
            )
        out.append(item)
    return out


def _highest_only(items: list[PayoutItem], zero: Money) -> list[PayoutItem]:
    reached = [
        item.rule.tier
        for item in items
        if item.rule.is_award and item.status in (ItemStatus.PAYABLE, ItemStatus.ALREADY_PAID)
    ]
    if not reached:
        return items
    top = max(reached)
    out: list[PayoutItem] = []
    for item in items:
        if item.rule.is_award and item.status is ItemStatus.PAYABLE and item.rule.tier < top:
            item = attrs.evolve(  # noqa: PLW2901
                item,
                status=ItemStatus.SUPERSEDED,
                amount=zero,
                why=Text.of(N_("a higher level was reached")),
            )
        out.append(item)
    return out


def compute_report(
    policy: PolicyTerms,
    enterprises: Iterable[Enterprise],
    *,
    as_of: date | None = None,
    ledger: Iterable[Payment] | None = None,
) -> PayoutReport:
    """Compute payouts for many enterprises (``IncentivePolicy.payouts`` calls this)."""
    plan = _Plan(policy)
    by_firm: dict[str, list[Payment]] = {}
    for payment in ledger or ():
        if payment.policy_id == policy.id:
            by_firm.setdefault(payment.enterprise, []).append(payment)
    none: list[Payment] = []
    return PayoutReport(
        policy=policy,
        as_of=as_of,
        payouts=tuple(
            _payout(plan, firm, as_of, by_firm.get(firm.key, none) if by_firm else none)
            for firm in enterprises
        ),
    )


def check_currency(currencies: Iterable[str], what: str) -> str:
    """The one currency of ``currencies`` (policies compared or stacked), else raise."""
    found = list(dict.fromkeys(currencies))
    if len(found) > 1:
        raise CurrencyMismatchError(found[0], found[1], what)
    if not found:
        reason = Reason(N_("{what} needs at least one policy"), what=Reason.given(what))
        raise InvalidRecordError(found, reason)
    return found[0]
