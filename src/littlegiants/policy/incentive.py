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

>>> from littlegiants.policy import load_policy
>>> policy = load_policy("shenzhen-2022")
>>> policy.document, str(policy.jurisdiction.code), policy.combination.value
('深府〔2022〕31号', '440300', 'cumulative')
>>> for rule in policy.rules:
...     print(rule.id, rule.kind, rule.level.value, rule.amount, rule.up_to)
municipal designation municipal 100000 CNY True
provincial designation provincial 200000 CNY True
national designation national 500000 CNY True

More information:

- 深府〔2022〕31号: https://chinaflashmarket.com/a/176934
- OpenFisca's country template (parameters as dated data with legal references):
  https://github.com/openfisca/country-template
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from littlegiants._tomlindex import read_file
from littlegiants.errors import PolicyFileError
from littlegiants.policy.budget import Budget, Counts, count_budget, population_budget
from littlegiants.policy.engine import Payment, Payout, PayoutReport, compute_payout, compute_report
from littlegiants.policy.reader import read_policy
from littlegiants.policy.terms import PolicyTerms

if TYPE_CHECKING:
    from collections.abc import Iterable

    from littlegiants.enterprise import Enterprise

__all__ = ["IncentivePolicy"]


@attrs.frozen(kw_only=True)
class IncentivePolicy(PolicyTerms):
    """An incentive policy: its terms (:class:`PolicyTerms`), read, evaluated and costed.

    Build one with :meth:`from_toml` or :func:`~littlegiants.policy.load_policy`; change one with
    :meth:`~PolicyTerms.evolve`.
    """

    @classmethod
    def from_toml(cls, path: str | Path, *, bundled: bool = False) -> IncentivePolicy:
        """Read a policy file.

        ``bundled=True`` holds the file to the catalogue's standard: every source states its
        kind (official, mirror or summary); :func:`~littlegiants.policy.load_policy` reads the
        catalogue so.

        Raises:
            PolicyFileError: any problem in the file, naming the file, the key path and the
                line (a ``ValueError``): not UTF-8, not TOML, nested too deeply, a bad value.
            UnreadableFileError: the path is missing (``MissingDataFileError``, also a
                ``FileNotFoundError``), a folder or FIFO, or not permitted (an ``OSError``).
        """
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
        return read_policy(text, path, factory=cls, bundled=bundled)

    def payout(
        self,
        enterprise: Enterprise,
        *,
        as_of: date | None = None,
        ledger: Iterable[Payment] | None = None,
    ) -> Payout:
        """Compute what ``enterprise`` is owed under this policy, with the reason for each yuan.

        See :mod:`littlegiants.policy.engine` for the rules the engine follows.
        """
        return compute_payout(self, enterprise, as_of=as_of, ledger=ledger)

    def payouts(
        self,
        enterprises: Iterable[Enterprise],
        *,
        as_of: date | None = None,
        ledger: Iterable[Payment] | None = None,
    ) -> PayoutReport:
        """Compute payouts for many enterprises, with totals by level and what was not evaluated."""
        return compute_report(self, enterprises, as_of=as_of, ledger=ledger)

    def budget(
        self,
        population: Counts | Iterable[Enterprise],
        *,
        as_of: date | None = None,
    ) -> Budget:
        """What a population costs under this policy, with how sure the figure is.

        A mapping of counts by level (keys read as levels are everywhere: ``"national"``,
        ``"国家级"``, :class:`~littlegiants.designation.DesignationLevel`) costs each count at what
        one designation of the level can cost: the amount, the highest regional amount, or the
        cap of a share of a figure (a count gives no figure). Enterprises cost their payouts as
        of ``as_of``. See :mod:`littlegiants.policy.budget`.

        Raises:
            InvalidLevelError: a key is not a level; the message lists the accepted words.
            InvalidRecordError: a count is not a whole number, or a level is given twice.

        >>> from littlegiants.policy import load_policy
        >>> budget = load_policy("shenzhen-2022").budget({"national": 275})
        >>> budget.total, budget.is_upper_bound
        (Money('137500000', 'CNY'), True)
        >>> print(budget.explain(locale="en_US"))
        At most CN¥137,500,000.00
          shenzhen-2022 national x 275 (rule national): CN¥137,500,000.00 (up to (最高))
        """
        if isinstance(population, Mapping):
            return count_budget(self, population)
        return population_budget(self.payouts(population, as_of=as_of).payouts, self.currency)
