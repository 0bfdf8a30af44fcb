"""Budgets: what a population costs under a policy, and how sure that figure is.

A budget of **counts** (so many national little giants, so many provincial firms) costs each
count at what one designation of the level can cost: its amount, or for a rule paying a share of a
figure its cap, since a count says nothing of the firms' figures. A budget of **enterprises**
adds up their payouts. Either way the :class:`Budget` says what it counted and why, line by line,
and whether the total is exact, an upper bound (amounts the sources give as "up to", caps of
shares, the highest regional amount, limits a count cannot check) or leaves something out
(enterprises whose data is missing). It is never a silent zero: a level no rule rewards, a rule the
policy does not reward and a rule a count cannot cost each get a line saying so.

Pudong pays 10% of last year's R&D super-deduction, at most 100万 for a little giant and 25万
for a municipal firm, and rewards firms moving in the same way:

>>> from littlegiants.policy import load_policy
>>> budget = load_policy("pudong").budget({"national": 10, "市级": 20})
>>> budget.total, budget.is_upper_bound, budget.is_exact
(Money('15000000', 'CNY'), True, False)
>>> print(budget.explain(locale="en_US"))  # doctest: +NORMALIZE_WHITESPACE
At most CN¥15,000,000.00 for what could be costed
  pudong national x 10 (rule national): CN¥10,000,000.00 (10% of rd_super_deduction (previous
  year): a count gives no figure, so the cap is counted; first recognitions only, counted for
  every firm)
  pudong municipal x 20 (rule municipal): CN¥5,000,000.00 (10% of rd_super_deduction (previous
  year): a count gives no figure, so the cap is counted; first recognitions only, counted for
  every firm)
Left out:
  pudong national x 10 (rule national-moving-in): ? (a count of designations does not give the
  events of a relocation rule: not counted)
  pudong municipal x 20 (rule municipal-moving-in): ? (a count of designations does not give the
  events of a relocation rule: not counted)
>>> load_policy("pudong").budget({"county": 1})
Traceback (most recent call last):
...
littlegiants.errors.InvalidLevelError: Unknown designation level 'county': expected national ...
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final, TypeAlias

import attrs

from littlegiants.designation import DesignationLevel
from littlegiants.errors import InvalidRecordError, Reason
from littlegiants.formatting import format_money
from littlegiants.money import Money
from littlegiants.policy.model import Text
from littlegiants.translations import N_, translator

if TYPE_CHECKING:
    from littlegiants.policy.engine import Payout
    from littlegiants.policy.terms import PolicyTerms

__all__ = ["Budget", "BudgetLine", "Counts"]

#: Counts of firms by designation level; a key is a level or text read as one (``"国家级"``).
Counts: TypeAlias = (
    Mapping[DesignationLevel, int] | Mapping[str, int] | Mapping[DesignationLevel | str, int]
)


@attrs.frozen(kw_only=True)
class BudgetLine:
    """One part of a budget: a rule (or a level no rule rewards) and what it was counted at.

    Attributes:
        policy: the policy's id.
        level: the designation level counted.
        rule: the rule's id, ``None`` for a level no rule of the policy rewards.
        count: how many designations (or enterprises) the line is for.
        total: what they cost (zero when not counted: ``counted`` says so).
        counted: whether the line could be costed at all.
        is_upper_bound: whether ``total`` may be more than is paid.
        why: how the line was costed, in English and Chinese.
    """

    policy: str
    level: DesignationLevel
    rule: str | None
    count: int
    total: Money
    counted: bool
    is_upper_bound: bool
    why: Text

    def describe(self, *, locale: str = "en_US") -> str:
        """The line in words."""
        _ = translator(locale).gettext
        total = format_money(self.total, locale=locale) if self.counted else "?"
        rule = "" if self.rule is None else _(" (rule {rule})").format(rule=self.rule)
        return _("{policy} {level} x {count}{rule}: {total} ({why})").format(
            policy=self.policy,
            level=_(self.level.value),
            count=self.count,
            rule=rule,
            total=total,
            why=self.why.speak(locale),
        )


@attrs.frozen(kw_only=True)
class Budget:
    """What a population costs: the total, how sure it is, and the lines it adds up.

    ``is_upper_bound``: the total may be more than is paid (ceilings, caps, the highest regional
    amount, limits a count cannot check, relations between stacked policies not applied to a
    count). ``unknown``: what could not be costed (a rule a count cannot cost, an enterprise whose
    data is missing); when there is any, the total leaves it out. ``notes``: why else the total
    is an upper bound.
    """

    total: Money
    is_upper_bound: bool
    lines: tuple[BudgetLine, ...]
    unknown: tuple[Text, ...] = ()
    notes: tuple[Text, ...] = ()

    @property
    def is_exact(self) -> bool:
        """Whether the total is what is paid: no ceiling, no cap, nothing left out."""
        return not self.is_upper_bound and not self.unknown

    def __str__(self) -> str:
        """The total with its qualifier: ``at most 137500000 CNY``."""
        total = f"at most {self.total}" if self.is_upper_bound else str(self.total)
        if self.unknown:
            parts = "1 part" if len(self.unknown) == 1 else f"{len(self.unknown)} parts"
            return f"{total} for what could be costed ({parts} left out)"
        return total

    def explain(self, *, locale: str = "en_US") -> str:
        """The total, each line and what was left out, in English or Chinese."""
        _ = translator(locale).gettext
        total = format_money(self.total, locale=locale)
        head = (_("At most {total}") if self.is_upper_bound else _("Exactly {total}")).format(
            total=total
        )
        if self.unknown:
            head += _(" for what could be costed")
        lines = [head]
        lines.extend("  " + line.describe(locale=locale) for line in self.lines if line.counted)
        if self.unknown:
            lines.append(_("Left out:"))
            lines.extend("  " + part.speak(locale) for part in self.unknown)
        if self.notes:
            lines.append(_("Notes:"))
            lines.extend("  " + note.speak(locale) for note in self.notes)
        return "\n".join(lines)

    @classmethod
    def adding(
        cls, budgets: Iterable[Budget], currency: str, *, notes: Iterable[Text] = ()
    ) -> Budget:
        """Several budgets as one (the policies of a stack), each line kept.

        ``notes`` say why the sum is an upper bound beyond the parts' own reasons (a relation
        between the policies that a count cannot apply).
        """
        parts = tuple(budgets)
        said = (*(note for part in parts for note in part.notes), *notes)
        return cls(
            total=Money.total((part.total for part in parts), currency=currency),
            is_upper_bound=any(part.is_upper_bound for part in parts) or bool(said),
            lines=tuple(line for part in parts for line in part.lines),
            unknown=tuple(text for part in parts for text in part.unknown),
            notes=said,
        )


def read_counts(counts: Counts) -> dict[DesignationLevel, int]:
    """Counts by level, with levels read as everywhere else (``"national"``, ``"国家级"``).

    Raises:
        InvalidLevelError: a key is not a level (the message lists the accepted words).
        InvalidRecordError: a count is not a whole number of firms, or a level is given twice.
    """
    found: dict[DesignationLevel, int] = {}
    for key, count in counts.items():
        level = DesignationLevel.parse(key)
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            reason = Reason(N_("a count of {level} firms is a whole number"), level=level.value)
            raise InvalidRecordError(count, reason)
        if level in found:
            reason = Reason(N_("the {level} count is given twice"), level=level.value)
            raise InvalidRecordError(key, reason)
        found[level] = count
    return found


_NO_RULE: Final = Text.of(N_("no rule of the policy rewards a designation of this level"))


def count_budget(policy: PolicyTerms, counts: Counts) -> Budget:
    """What ``counts`` designations by level cost at most under ``policy`` (see the module)."""
    zero = Money.zero(policy.currency)
    lines: list[BudgetLine] = []
    unknown: list[Text] = []
    conditions = bool(policy.conditions)
    for level, count in read_counts(counts).items():
        rules = [rule for rule in policy.rules if rule.level is level]
        if not any(rule.is_award for rule in rules):
            lines.append(
                BudgetLine(
                    policy=policy.id,
                    level=level,
                    rule=None,
                    count=count,
                    total=zero,
                    counted=True,
                    is_upper_bound=False,
                    why=_NO_RULE,
                )
            )
        for rule in rules:
            cost = rule.cost_per_designation()
            counted = cost.amount is not None
            upper = cost.is_upper_bound or (conditions and counted and bool(cost.amount))
            why = cost.why
            if conditions and counted and cost.amount:
                why = why + Text.of(N_("the policy's conditions on the firm are assumed met"))
            line = BudgetLine(
                policy=policy.id,
                level=level,
                rule=rule.id,
                count=count,
                total=zero if cost.amount is None else cost.amount * count,
                counted=counted,
                is_upper_bound=upper,
                why=why,
            )
            lines.append(line)
            if not counted and count:
                unknown.append(_described(line))
    return Budget(
        total=Money.total((line.total for line in lines), currency=policy.currency),
        is_upper_bound=any(line.is_upper_bound and line.count for line in lines),
        lines=tuple(lines),
        unknown=tuple(unknown),
    )


def _described(line: BudgetLine) -> Text:
    """A budget line in words, in each language."""
    return Text.each(lambda locale: line.describe(locale=locale))


def population_budget(payouts: Iterable[Payout], currency: str) -> Budget:
    """What enterprises cost: their payouts by policy, rule and level (see the module)."""
    zero = Money.zero(currency)
    totals: dict[tuple[str, str, DesignationLevel], list[Money]] = {}
    firms: dict[tuple[str, str, DesignationLevel], set[str]] = {}
    ceilings: set[tuple[str, str, DesignationLevel]] = set()
    unknown: list[Text] = []
    for payout in payouts:
        for item in payout.items:
            key = (payout.policy.id, item.rule.id, item.level)
            if item.amount is None:
                continue
            totals.setdefault(key, []).append(item.amount)
            firms.setdefault(key, set()).add(payout.enterprise.key)
            if item.is_ceiling:
                ceilings.add(key)
        if not payout.is_complete:
            name = payout.enterprise.name
            missing = functools.reduce(
                operator.add,
                (_DATA_MISSING if item.why is None else item.why for item in payout.missing),
            )
            unknown.append(
                Text.of(
                    N_("{name} under {policy}: {missing}"),
                    name=name,
                    policy=payout.policy.id,
                    missing=missing,
                )
            )
    lines = tuple(
        BudgetLine(
            policy=policy_id,
            level=level,
            rule=rule_id,
            count=len(firms[key]),
            total=Money.total(amounts, currency=currency),
            counted=True,
            is_upper_bound=key in ceilings,
            why=_CEILING if key in ceilings else _PAID,
        )
        for key, amounts in totals.items()
        for policy_id, rule_id, level in (key,)
    )
    return Budget(
        total=Money.total((line.total for line in lines), currency=currency) if lines else zero,
        is_upper_bound=bool(ceilings),
        lines=lines,
        unknown=tuple(unknown),
    )


_CEILING: Final = Text.of(N_("the enterprises' payouts, up to the ceilings (最高)"))
_PAID: Final = Text.of(N_("the enterprises' payouts"))
_DATA_MISSING: Final = Text.of(N_("data missing"))
