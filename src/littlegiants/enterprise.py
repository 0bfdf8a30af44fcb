r"""Enterprises: who a firm is, where it is registered, what it was designated, what it reported.

An :class:`Enterprise` gathers what the programme's sources say about one firm:

- its **name** (Chinese, as registered) and optionally an English name;
- its **Unified Social Credit Code** (统一社会信用代码, GB 32100-2015), optional because many
  published lists give names only;
- its **registered region**, a GB/T 2260 division: taken from the credit code's characters 3–8
  when not given (unknown when that division is not in the data); an explicit region wins;
- its **designations** (municipal or provincial 专精特新 SME, State-level little giant), with
  their validity and re-reviews;
- its **relocations** (some policies reward a little giant that moves into the jurisdiction);
- its yearly **financial figures** and non-financial **profile**, used by eligibility criteria and
  by incentive formulas.

Designations, relocations and financial years are kept sorted, so two enterprises built from the
same facts in a different order are equal, and nothing downstream depends on input order.

>>> from datetime import date
>>> from littlegiants.designation import Designation, DesignationLevel
>>> hosin = Enterprise(
...     "Shenzhen Hosin Global Electronics Co. Ltd.",  # the seed article gives no Chinese name
...     region="440300",
...     designations=[Designation(level="national", awarded_on=date(2022, 8, 1))],
... )
>>> hosin.level_on(date(2023, 1, 1))
<DesignationLevel.NATIONAL: 'national'>
>>> hosin.level_on(date(2022, 7, 31)) is None
True
>>> Enterprise("")
Traceback (most recent call last):
...
littlegiants.errors.InvalidRecordError: Invalid record '': an enterprise needs a non-empty name.
>>> Enterprise("示例科技有限公司\n")
Traceback (most recent call last):
...
littlegiants.errors.InvalidRecordError: Invalid record '示例科技有限公司\n': an enterprise name ...

More information:

- GB 32100-2015 (credit code): http://csres.com/detail/274489.html
- Seed article (Hosin Global, State-level little giant): http://www.eyeshenzhen.com/content/2022-11/23/content_25472690.htm
"""

from __future__ import annotations

import bisect
import itertools
from datetime import date, datetime
from typing import TYPE_CHECKING

import attrs

from littlegiants._checks import expects, invisible_edge, items
from littlegiants.credit import CreditCode, coerce_credit_code
from littlegiants.designation import (
    Designation,
    DesignationLevel,
    designations_between,
    highest_valid_level,
)
from littlegiants.errors import InvalidPeriodError, InvalidRecordError, Reason
from littlegiants.financials import FinancialYear, Profile
from littlegiants.periods import Period
from littlegiants.regions import Region, coerce_optional_region, coerce_region
from littlegiants.translations import N_

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Enterprise", "Relocation"]


def _optional_code(value: CreditCode | str | None) -> CreditCode | None:
    return None if value is None else coerce_credit_code(value)


def _check_date(name: str, value: object) -> None:
    # A datetime is a date, but comparing it with a date raises TypeError: refuse it up front.
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidRecordError(value, Reason(N_("{name} must be a datetime.date"), name=name))


def _check_day(_: object, attribute: attrs.Attribute[date], value: object) -> None:
    _check_date(attribute.name, value)


@attrs.frozen
class Relocation:
    """A move of the registered seat from one region to another, effective on a date.

    Guangzhou rewards a little giant that relocates into the city (domain-facts §3.2).

    >>> move = Relocation(date(2023, 5, 1), "440106", "440305")
    >>> move.from_region, move.to_region
    (Region('440106'), Region('440305'))
    """

    on: date = attrs.field(validator=_check_day)
    from_region: Region | None = attrs.field(converter=coerce_optional_region)
    to_region: Region = attrs.field(converter=coerce_region)


def _sorted_designations(values: Iterable[Designation]) -> tuple[Designation, ...]:
    found = items(values, Designation, "designations")
    return tuple(sorted(found, key=lambda d: (d.awarded_on, d.level.rank, repr(d))))


def _sorted_relocations(values: Iterable[Relocation]) -> tuple[Relocation, ...]:
    return tuple(sorted(items(values, Relocation, "relocations"), key=lambda r: (r.on, repr(r))))


def _sorted_financials(values: Iterable[FinancialYear]) -> tuple[FinancialYear, ...]:
    result = tuple(sorted(items(values, FinancialYear, "financials"), key=lambda f: f.year))
    years = [f.year for f in result]
    for earlier, later in itertools.pairwise(years):
        if earlier == later:
            raise InvalidRecordError(later, N_("two financial records for the same year"))
    return result


def _default_region(self: Enterprise) -> Region | None:
    return None if self.credit_code is None else self.credit_code.region


def _check_name(_: object, __: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidRecordError(value, N_("an enterprise needs a non-empty name"))
    if invisible_edge(value):
        raise InvalidRecordError(
            value,
            N_(
                "an enterprise name must not start or end with a line break, a tab or another "
                "invisible character (it is the key that links the firm's records)"
            ),
        )


_english_name = expects(str, N_("english_name must be text or None"), optional=True)
_industry = expects(str, N_("industry must be text or None"), optional=True)
_profile = expects(Profile, N_("profile must be a Profile or None"), optional=True)


@attrs.frozen
class Enterprise:
    """One firm, as the sources describe it.

    Args:
        name: the registered (usually Chinese) name, kept as given. It must not be blank, nor
            start or end with a line break, a tab or another invisible character (outer spaces
            are kept): such a name would be a second key for the same firm.
        credit_code: the Unified Social Credit Code, as a ``CreditCode`` or its text (validated).
        region: the registered region, as a ``Region`` or its 6-digit code; defaults to the
            credit code's division, or ``None`` (unknown) when there is neither.
        english_name: an English name, where a source gives one.
        industry: the industry or main product, free text.
        designations: the firm's designations, in any order.
        relocations: moves of the registered seat, in any order.
        financials: one ``FinancialYear`` per year, in any order; two for one year raise.
        profile: the non-financial facts, or ``None`` when none are known.
    """

    name: str = attrs.field(validator=_check_name)
    credit_code: CreditCode | None = attrs.field(
        default=None, converter=_optional_code, kw_only=True
    )
    region: Region | None = attrs.field(
        default=attrs.Factory(_default_region, takes_self=True),
        converter=coerce_optional_region,
        kw_only=True,
    )
    english_name: str | None = attrs.field(default=None, kw_only=True, validator=_english_name)
    industry: str | None = attrs.field(default=None, kw_only=True, validator=_industry)
    designations: tuple[Designation, ...] = attrs.field(
        default=(), converter=_sorted_designations, kw_only=True
    )
    relocations: tuple[Relocation, ...] = attrs.field(
        default=(), converter=_sorted_relocations, kw_only=True
    )
    financials: tuple[FinancialYear, ...] = attrs.field(
        default=(), converter=_sorted_financials, kw_only=True
    )
    profile: Profile | None = attrs.field(default=None, kw_only=True, validator=_profile)

    @property
    def key(self) -> str:
        """The identity used to link records: the credit code when known, else the name."""
        return self.name if self.credit_code is None else str(self.credit_code)

    def to_record(self) -> dict[str, str | None]:
        """The firm's identity as the first columns of a row (``to_records()`` of every result).

        >>> Enterprise("示例科技有限公司", region="440305").to_record()
        {'credit_code': None, 'name': '示例科技有限公司',
         'region_code': '440305', 'region_name': '南山区'}
        """
        region = self.region
        return {
            "credit_code": None if self.credit_code is None else str(self.credit_code),
            "name": self.name,
            "region_code": None if region is None else region.code,
            "region_name": None if region is None else region.name,
        }

    def designation_records(self) -> list[dict[str, object]]:
        """One row per designation: the firm's columns, then the designation's.

        A firm without designations gives one row whose designation columns are ``None``, so
        every firm of a list is in the rows.
        """
        firm: dict[str, object] = {**self.to_record()}
        if not self.designations:
            empty = ("level", "awarded_on", "expires_on", "revoked_on", "batch", "key")
            return [{**firm, **dict.fromkeys(empty), "authority": None}]
        return [{**firm, **designation.to_record()} for designation in self.designations]

    def level_on(self, on: date) -> DesignationLevel | None:
        """Return the highest level valid on ``on`` (not expired, not revoked), or ``None``.

        >>> Enterprise("示例科技有限公司").level_on(date(2023, 1, 1)) is None
        True
        """
        return highest_valid_level(self.designations, on)

    def designations_between(self, period: Period) -> tuple[Designation, ...]:
        """Return the designations awarded within ``period`` (inclusive dates).

        Raises:
            InvalidPeriodError: ``period`` is not a :class:`~littlegiants.periods.Period`.
        """
        if not isinstance(period, Period):
            raise InvalidPeriodError(
                period, Reason(N_("expected a Period, got {kind}"), kind=type(period).__name__)
            )
        return designations_between(self.designations, period.start, period.end)

    def region_on(self, on: date) -> Region | None:
        """Return the registered region on a date, following relocations.

        Before the first relocation the firm was in that relocation's ``from_region``; after a
        relocation, in its ``to_region``. With no relocations it is :attr:`region`.

        >>> firm = Enterprise(
        ...     "示例科技有限公司",
        ...     region="440305",
        ...     relocations=[Relocation(date(2023, 5, 1), "440106", "440305")],
        ... )
        >>> firm.region_on(date(2023, 4, 30)), firm.region_on(date(2023, 5, 1))
        (Region('440106'), Region('440305'))

        Raises:
            InvalidRecordError: ``on`` is not a ``datetime.date``.
        """
        _check_date("on", on)
        if not self.relocations:
            return self.region
        dates = [r.on for r in self.relocations]
        index = bisect.bisect_right(dates, on)
        if index == 0:
            return self.relocations[0].from_region
        return self.relocations[index - 1].to_region

    def financial_year(self, year: int) -> FinancialYear | None:
        """Return the financial figures for a calendar year, or ``None`` when not known.

        Raises:
            InvalidRecordError: ``year`` is not a whole number.
        """
        if isinstance(year, bool) or not isinstance(year, int):
            raise InvalidRecordError(year, N_("a financial year is asked for by its year, an int"))
        for figures in self.financials:
            if figures.year == year:
                return figures
        return None
