"""Records as source files list them: a designation, a move, figures or facts, with the firm.

Published lists name the firm on every row. The MIIT little-giant lists give each recognised
firm's name (企业名称), usually its Unified Social Credit Code (统一社会信用代码) and the batch
(批次); a local reward notice lists firm, level (认定级别) and date; a register of changes lists
a firm's move of its registered seat (迁入, 迁出) and the date; an annual report lists a firm's
revenue and R&D figures for one year; an application file lists the facts the criteria ask
about (years in the niche, IP, awards). A :class:`~littlegiants.designation.Designation`, a
:class:`~littlegiants.enterprise.Relocation`, a :class:`~littlegiants.financials.FinancialYear`
and a :class:`~littlegiants.financials.Profile` do not say whose they are, so a row of such a file
is one of these pairs: the enterprise it names and the value.

:class:`~littlegiants.trade.TradeRecord` already carries its enterprise, and an exchange rate
belongs to no firm, so those kinds need no pair.

Read alone (:func:`littlegiants.loader.load_designations`), a row's enterprise is built from the
row's name and credit code only; :func:`littlegiants.loader.load_dataset` attaches designations,
relocations, figures and profiles to the full enterprise records instead.

>>> from datetime import date
>>> from littlegiants.enterprise import Enterprise
>>> from littlegiants.designation import Designation
>>> row = DesignationRecord(
...     Enterprise("示例科技有限公司", credit_code="91110000600037341L"),
...     Designation("national", date(2022, 8, 1), batch=4),
... )
>>> row.enterprise.key, row.designation.expires_on
('91110000600037341L', datetime.date(2025, 7, 31))
>>> DesignationRecord("示例科技有限公司", Designation("national", date(2022, 8, 1)))
Traceback (most recent call last):
...
littlegiants.errors.InvalidRecordError: Invalid record '示例科技有限公司': expected an ...

More information:

- MIIT list notices, e.g. 工信厅企业函〔2022〕133号 (4th batch): https://saulcontrol.com/archives/12158
- 工信部企业〔2022〕63号 (the figures the criteria ask for): http://wap.feibaos.com/news/info/76438.html
"""

from __future__ import annotations

import attrs

from littlegiants._checks import expects
from littlegiants.designation import Designation
from littlegiants.enterprise import Enterprise, Relocation
from littlegiants.financials import FinancialYear, Profile
from littlegiants.translations import N_

__all__ = ["DesignationRecord", "FinancialRecord", "ProfileRecord", "RelocationRecord"]


_enterprise = expects(Enterprise, N_("expected an Enterprise (build one from the name first)"))
_designation = expects(Designation, N_("expected a Designation"))
_move = expects(Relocation, N_("expected a Relocation"))
_profile = expects(Profile, N_("expected a Profile"))
_figures = expects(FinancialYear, N_("expected a FinancialYear"))


@attrs.frozen
class DesignationRecord:
    """One designation and the enterprise it was awarded to (one row of a designations file).

    Args:
        enterprise: the firm, as the row names it (or its full record, after linking).
        designation: the designation.

    Raises:
        InvalidRecordError: an argument has the wrong type.
    """

    enterprise: Enterprise = attrs.field(validator=_enterprise)
    designation: Designation = attrs.field(validator=_designation)


@attrs.frozen
class RelocationRecord:
    """One move of a registered seat and the enterprise that moved (one row of a relocations file).

    Guangzhou rewards a little giant that moves into the city (domain-facts §3.2), so the date
    and both regions of a move are facts a payout can turn on.

    Args:
        enterprise: the firm, as the row names it (or its full record, after linking).
        relocation: the move.

    Raises:
        InvalidRecordError: an argument has the wrong type.

    >>> from datetime import date
    >>> row = RelocationRecord(
    ...     Enterprise("示例科技有限公司"), Relocation(date(2023, 5, 1), "440305", "440106")
    ... )
    >>> row.relocation.to_region
    Region('440106')
    """

    enterprise: Enterprise = attrs.field(validator=_enterprise)
    relocation: Relocation = attrs.field(validator=_move)


@attrs.frozen
class FinancialRecord:
    """One year's figures and the enterprise they belong to (one row of a financials file).

    Args:
        enterprise: the firm, as the row names it (or its full record, after linking).
        financial_year: the figures.

    Raises:
        InvalidRecordError: an argument has the wrong type.

    >>> from littlegiants.money import Money
    >>> row = FinancialRecord(Enterprise("示例科技有限公司"), FinancialYear(2022, staff=120))
    >>> row.financial_year.staff
    120
    """

    enterprise: Enterprise = attrs.field(validator=_enterprise)
    financial_year: FinancialYear = attrs.field(validator=_figures)


@attrs.frozen
class ProfileRecord:
    """The non-financial facts about an enterprise (one row of a profiles file).

    An application for a tier is assessed on these facts (years in the niche, market share, IP,
    R&D institution, certifications, awards, honours); :func:`littlegiants.eligibility.assess`
    reads them from :attr:`Enterprise.profile`, and a firm has one profile.

    Args:
        enterprise: the firm, as the row names it (or its full record, after linking).
        profile: the facts; each unknown one is ``None``.

    Raises:
        InvalidRecordError: an argument has the wrong type.

    >>> row = ProfileRecord(Enterprise("示例科技有限公司"), Profile(years_in_niche=4))
    >>> row.profile.years_in_niche, row.profile.class1_ip_count
    (4, None)
    """

    enterprise: Enterprise = attrs.field(validator=_enterprise)
    profile: Profile = attrs.field(validator=_profile)
