"""Matching a firm against the catalogue: every policy that covers it, what it pays, and why not.

SME service centres run a "政策计算器" (policy calculator): given a firm, which rewards may it
claim, from every issuer, and why do the others not apply? :func:`match` answers it from the
bundled catalogue (or the policies given):

- a policy **applies** when its jurisdiction covers the firm and the firm has an event in its
  period, or it is in force on ``as_of``: its payout is computed with the other applying policies,
  their relations applied (:class:`~littlegiants.policy.PolicySet`), and it may pay nothing, saying
  why (a level it does not reward, a condition not met);
- it is **outside the jurisdiction** when the firm was never registered inside it on the dates
  that count;
- it is **outside the period** when the firm's events all fall outside it and it is not in force
  on ``as_of``;
- it is **unknown** when the firm's region (or membership of a zone) is not recorded.

>>> from datetime import date
>>> from littlegiants.designation import Designation
>>> from littlegiants.enterprise import Enterprise
>>> firm = Enterprise("示例龙岗有限公司", region="440307",
...                   designations=[Designation("national", date(2022, 8, 1), batch=4)])
>>> found = match(firm, as_of=date(2023, 1, 1))
>>> for m in found.applying:
...     print(m.policy.id, m.total)
guangdong-2022 1000000 CNY
longgang-2022 200000 CNY
longgang-2025 500000 CNY
shenzhen-2022 500000 CNY
>>> sorted({m.coverage.value for m in found.others})
['outside-jurisdiction']

The catalogue keeps two undated descriptions of Longgang's rewards (longgang-2022 and
longgang-2025, domain-facts §3.1), both with open dates, so both apply; the stack says they are
the same issuer's and may be versions of one policy, and :meth:`PolicySet.with_policies
<littlegiants.policy.PolicySet.with_policies>` or ``policies=`` keeps the one you model:

>>> [versions] = [i for i in found.stacked.interactions if i.policy == "longgang-2022"
...               and i.others == ("longgang-2025",)]
>>> print(versions.why.en)  # doctest: +NORMALIZE_WHITESPACE
independent: longgang-2022 and longgang-2025 both reward the designation of 2022-08-01; the
sources say nothing about how they combine, so each pays in full; both are 深圳市龙岗区's: if they
are versions of one policy, keep the one in force for your period
>>> ids = ["guangdong-2022", "shenzhen-2022", "longgang-2025"]
>>> match(firm, as_of=date(2023, 1, 1), policies=ids).total
Money('2000000', 'CNY')
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Final

import attrs

from littlegiants.enterprise import Enterprise
from littlegiants.formatting import format_money
from littlegiants.frames import ENTERPRISE_COLUMNS, Columns, Row, Tabular, markdown_text
from littlegiants.policy.catalogue import policies as bundled_policies
from littlegiants.policy.engine import Payout, check_currency, compute_payout
from littlegiants.policy.incentive import IncentivePolicy
from littlegiants.policy.model import ItemStatus, Text
from littlegiants.policy.sets import PolicySet, StackedPayout
from littlegiants.translations import N_, translator

if TYPE_CHECKING:
    from littlegiants.money import Money
    from littlegiants.regions import Region

__all__ = ["Coverage", "Match", "PolicyMatch", "match"]


class Coverage(enum.Enum):
    """Whether a policy covers a firm (see the module docstring)."""

    APPLIES = "applies"
    OUTSIDE_JURISDICTION = "outside-jurisdiction"
    OUTSIDE_PERIOD = "outside-period"
    UNKNOWN = "unknown"

    @property
    def words(self) -> Text:
        """The coverage in English and Chinese."""
        return _COVERAGE_WORDS[self]


_COVERAGE_WORDS: Final = {
    Coverage.APPLIES: Text.of(N_("applies")),
    Coverage.OUTSIDE_JURISDICTION: Text.of(N_("outside the jurisdiction")),
    Coverage.OUTSIDE_PERIOD: Text.of(N_("outside the period")),
    Coverage.UNKNOWN: Text.each(lambda locale: translator(locale).pgettext("coverage", "unknown")),
}


@attrs.frozen(kw_only=True)
class PolicyMatch:
    """One policy against one firm: whether it covers the firm, why, and what it pays.

    ``payout`` is the policy's payout within the stack of applying policies (their relations
    applied), ``None`` when the policy does not apply.
    """

    policy: IncentivePolicy = attrs.field(eq=False)
    coverage: Coverage
    why: Text
    payout: Payout | None = None

    @property
    def applies(self) -> bool:
        """Whether the policy covers the firm."""
        return self.coverage is Coverage.APPLIES

    @property
    def total(self) -> Money | None:
        """What the policy pays the firm (``None`` when it does not apply)."""
        return None if self.payout is None else self.payout.total

    @property
    def is_ceiling(self) -> bool:
        """Whether some of the amount is an "up to" ceiling (最高)."""
        return self.payout is not None and any(item.is_ceiling for item in self.payout.items)

    def to_record(self, enterprise: Enterprise, *, locale: str = "en_US") -> Row:
        """The match as a row: the firm, the policy, whether it applies, what it pays and why.

        Keys: the firm's (``credit_code``, ``name``, ``region_code``, ``region_name``),
        ``policy_id``, ``document``, ``coverage``, ``applies``, ``amount`` (exact ``Decimal``,
        ``None`` when the policy does not apply), ``currency``, ``up_to``, ``complete``
        (``None`` when it does not apply) and ``reason`` (in the language of ``locale``).
        """
        payout = self.payout
        total = self.total
        return {
            **enterprise.to_record(),
            "policy_id": self.policy.id,
            "document": self.policy.document,
            "coverage": self.coverage.value,
            "applies": self.applies,
            "amount": None if total is None else total.amount,
            "currency": self.policy.currency if total is None else total.currency,
            "up_to": self.is_ceiling,
            "complete": None if payout is None else payout.is_complete,
            "reason": self.why.speak(locale),
        }


@attrs.frozen(kw_only=True)
class Match(Tabular):
    """Every policy considered for a firm: those that apply, stacked, and why the others do not."""

    enterprise: Enterprise
    as_of: date | None
    matches: tuple[PolicyMatch, ...]
    stacked: StackedPayout

    record_columns: ClassVar[Columns] = {
        **ENTERPRISE_COLUMNS,
        "policy_id": str,
        "document": str,
        "coverage": str,
        "applies": bool,
        "amount": Decimal,
        "currency": str,
        "up_to": bool,
        "complete": bool,
        "reason": str,
    }

    def __repr__(self) -> str:
        """One line: the firm, how many policies apply, and what they pay together."""
        return (
            f"<Match {self.enterprise.name!r} as of {self.as_of}: {len(self.applying)} of "
            f"{len(self.matches)} policies apply, total {self.total!r}>"
        )

    def to_records(self, *, locale: str = "en_US", others: bool = True) -> list[Row]:
        """One row per policy considered (:meth:`PolicyMatch.to_record`).

        ``others=False`` keeps only the policies that apply.
        """
        listed = self.matches if others else self.applying
        return [found.to_record(self.enterprise, locale=locale) for found in listed]

    def _repr_markdown_(self) -> str:
        """Jupyter's rich display of the explanation (:meth:`explain`), in English."""
        return markdown_text(self.explain())

    @property
    def applying(self) -> tuple[PolicyMatch, ...]:
        """The policies that cover the firm, by id."""
        return tuple(m for m in self.matches if m.applies)

    @property
    def others(self) -> tuple[PolicyMatch, ...]:
        """The policies that do not, by id, each with the reason."""
        return tuple(m for m in self.matches if not m.applies)

    @property
    def total(self) -> Money:
        """What every applying policy pays together (a lower bound if data is missing)."""
        return self.stacked.total

    def explain(self, *, locale: str = "en_US") -> str:
        """The calculator's answer: what each policy pays, between them, and the others."""
        _ = translator(locale).gettext
        firm, total = self.enterprise, format_money(self.total, locale=locale)
        when = str(self.as_of) if self.as_of else _("all events")
        head = _("{firm} as of {when}: {count} policies apply, paying {total}").format(
            firm=firm.name,
            when=when,
            count=f"{len(self.applying)}/{len(self.matches)}",
            total=total,
        )
        lines = [head]
        for found in self.applying:
            policy = found.policy
            lines.append(
                "  " + _("{id} {document}:").format(id=policy.id, document=policy.document)
            )
            lines.extend(f"    {line}" for line in _item_lines(found, locale))
        if self.stacked.interactions:
            lines.append(_("Between the policies:"))
            lines.extend(f"  {i.why.speak(locale)}" for i in self.stacked.interactions)
        if self.others:
            lines.append(_("Not applying:"))
            lines.extend(f"  {found.policy.id}: {found.why.speak(locale)}" for found in self.others)
        if not self.stacked.is_complete:
            lines.append(_("(some data is missing: at least)"))
        return "\n".join(lines)


def _item_lines(found: PolicyMatch, locale: str) -> list[str]:
    if found.payout is None or not found.payout.items:
        return [found.why.speak(locale)]
    return [item.describe(locale=locale) for item in found.payout.items]


def item_reasons(payout: Payout, locale: str) -> str:
    """A payout's items in one line: ``2022-08-01 national designation: payable; ...``."""
    _ = translator(locale).gettext
    return _("; ").join(
        _("{on} {event}: {reason}").format(
            on=item.event_on,
            event=item.rule.event_words.speak(locale),
            reason=item.reason(locale=locale),
        )
        for item in payout.items
    )


def _regions(firm: Enterprise, as_of: date | None) -> list[Region | None]:
    """Where the firm was registered on the days that count: its events, and ``as_of`` (or now)."""
    days = [d.awarded_on for d in firm.designations]
    days += [review.on for d in firm.designations for review in d.re_reviews]
    days += [move.on for move in firm.relocations]
    counted = [day for day in days if as_of is None or day <= as_of]
    return [firm.region_on(day) for day in (*counted, as_of or date.max)]


def _coverage(policy: IncentivePolicy, firm: Enterprise, as_of: date | None) -> PolicyMatch:
    """Whether a policy covers a firm, judged from its payout alone (relations come later)."""
    payout = compute_payout(policy, firm, as_of=as_of)
    regions = [region for region in _regions(firm, as_of) if region is not None]
    if not regions:
        why = Text.of(N_("the firm's registered region is unknown"))
        return PolicyMatch(policy=policy, coverage=Coverage.UNKNOWN, why=why)
    if not any(policy.covers(region) for region in regions):
        region = regions[-1]
        why = Text.of(
            N_("registered in {code} {name}, not within {area}"),
            code=region.code,
            name=region.name,
            area=policy.area,
        )
        return PolicyMatch(policy=policy, coverage=Coverage.OUTSIDE_JURISDICTION, why=why)
    outside = {ItemStatus.OUTSIDE_JURISDICTION, ItemStatus.OUTSIDE_PERIOD}
    inside = [item for item in payout.items if item.status not in outside]
    if inside:
        return PolicyMatch(policy=policy, coverage=Coverage.APPLIES, why=_pays(payout))
    if policy.zone is not None and policy.in_zone(firm) is False:
        why = Text.of(N_("not registered in {zone}"), zone=policy.zone.name)
        return PolicyMatch(policy=policy, coverage=Coverage.OUTSIDE_JURISDICTION, why=why)
    in_force = as_of is None or policy.is_in_force(as_of)
    late = [item.status is ItemStatus.OUTSIDE_PERIOD for item in payout.items]
    if any(late) and (not in_force or all(late)):
        why = Text.of(
            N_("its period is {period}; the firm's events fall outside it"),
            period=_period(policy),
        )
        return PolicyMatch(policy=policy, coverage=Coverage.OUTSIDE_PERIOD, why=why)
    if payout.items:  # every event outside the jurisdiction, yet the firm is inside now
        why = Text.of(N_("the firm is inside its jurisdiction, but was outside it at each event"))
        return PolicyMatch(policy=policy, coverage=Coverage.APPLIES, why=why)
    if not in_force:
        why = Text.of(
            N_("not in force on {on} (its period is {period})"), on=as_of, period=_period(policy)
        )
        return PolicyMatch(policy=policy, coverage=Coverage.OUTSIDE_PERIOD, why=why)
    why = Text.of(
        N_("covers the firm; it has no designation, re-review or move the policy rewards yet")
    )
    return PolicyMatch(policy=policy, coverage=Coverage.APPLIES, why=why)


def _period(policy: IncentivePolicy) -> Text:
    """A policy's effective period: ``2022-04-08 to 2025-12-31`` (``…`` for an open bound)."""
    start, end = policy.effective_from or "…", policy.effective_to or "…"
    return Text.of(N_("{start} to {end}"), start=start, end=end)


def _pays(payout: Payout) -> Text:
    total = payout.total
    reasons = Text.each(lambda locale: item_reasons(payout, locale))
    if total:
        paid = Text.each(lambda locale: format_money(total, locale=locale))
        return Text.of(N_("pays {total}: {reasons}"), total=paid, reasons=reasons)
    return Text.of(N_("pays nothing: {reasons}"), reasons=reasons)


def match(
    enterprise: Enterprise,
    *,
    as_of: date | None = None,
    policies: Iterable[IncentivePolicy | str] | None = None,
) -> Match:
    """Every bundled (or given) policy against one firm: what applies, what it pays, and why not.

    The applying policies are stacked (:class:`~littlegiants.policy.PolicySet`), so what each
    says of the others is applied. Pass ``as_of`` as the calculator's date: it decides which
    policies are in force for a firm with no event yet, and events after it are ignored.

    Raises:
        CurrencyMismatchError: the policies are in different currencies.
        InvalidRecordError: no policy is given.
        UnknownPolicyError: a bundled id that does not exist.
    """
    candidates = PolicySet(bundled_policies() if policies is None else policies)
    currency = check_currency((p.currency for p in candidates), N_("match"))
    found = sorted(
        (_coverage(policy, enterprise, as_of) for policy in candidates),
        key=lambda m: m.policy.id,
    )
    applying = PolicySet([m.policy for m in found if m.applies], currency=currency)
    stacked = applying.payout(enterprise, as_of=as_of)
    matches = tuple(
        attrs.evolve(m, payout=stacked.payout_of(m.policy.id), why=_restate(m, stacked))
        if m.applies
        else m
        for m in found
    )
    return Match(enterprise=enterprise, as_of=as_of, matches=matches, stacked=stacked)


def _restate(found: PolicyMatch, stacked: StackedPayout) -> Text:
    """An applying policy's reason, from its payout within the stack."""
    payout = stacked.payout_of(found.policy.id)
    if payout is None or not payout.items:
        return found.why
    return _pays(payout)
