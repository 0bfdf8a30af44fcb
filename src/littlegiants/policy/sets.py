"""Comparing policies: what the same enterprises get under a policy and under a reform.

>>> from datetime import date
>>> from littlegiants.designation import Designation
>>> from littlegiants.enterprise import Enterprise
>>> from littlegiants.policy import load_policy
>>> now = load_policy("shenzhen-2022")
>>> reform = now.evolve(amounts={"national": "800000"})
>>> award = Designation("national", date(2023, 1, 5))
>>> firm = Enterprise("示例", region="440305", designations=[award])
>>> compare(now, reform, [firm]).difference
Money('300000', 'CNY')
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import attrs

from littlegiants.enterprise import Enterprise
from littlegiants.money import Money
from littlegiants.policy.engine import Payment, Payout, check_currency, compute_payout

if TYPE_CHECKING:
    from collections.abc import Iterable

    from littlegiants.policy.incentive import IncentivePolicy

__all__ = ["Comparison", "ComparisonRow", "compare"]


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
    """Compare what the same enterprises get under two policies (e.g. a reform)."""
    currency = check_currency((policy_a.currency, policy_b.currency), "compare")
    payments = tuple(ledger or ())
    rows = tuple(
        ComparisonRow(
            enterprise=firm,
            before=compute_payout(policy_a, firm, as_of=as_of, ledger=payments),
            after=compute_payout(policy_b, firm, as_of=as_of, ledger=payments),
        )
        for firm in enterprises
    )
    return Comparison(rows=rows, currency=currency)
