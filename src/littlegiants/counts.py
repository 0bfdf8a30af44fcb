"""Counts of designated enterprises: how many a place holds, how many a batch brought, targets.

Sources report counts rather than lists: Shenzhen had **443** State-level little giants after the
4th batch, "ranking the second in the country and first in Guangdong Province", **275** of them
from that batch, and a target of **600** by 2025; China "has recognized over 9,000" (Shenzhen Daily,
2022-11-23). A :class:`DesignationCount` keeps one such figure with its kind, its date, how it was
printed (exact, or a lower bound: "over 9,000"), the place's rank where one is given, and its
source, so budgets can be computed from them (the 275 firms of the 4th batch, or the 157 more
needed to reach 600) without inventing the firms.

>>> from datetime import date
>>> held = DesignationCount(region="440300", level="national", count=443, on=date(2022, 11, 23),
...                         kind="held")
>>> target = DesignationCount(region="440300", level="national", count=600, on=date(2022, 11, 23),
...                           kind="target", by=date(2025, 12, 31))
>>> target.count - held.count
157
>>> china = DesignationCount(level="national", count=9000, on=date(2022, 11, 23), kind="held",
...                          bound="more-than")
>>> china.bound.value, china.region is None
('more-than', True)
>>> DesignationCount(level="national", count=275, on=date(2022, 11, 23), kind="batch")
Traceback (most recent call last):
...
littlegiants.errors.InvalidRecordError: Invalid record 'batch': a batch count names its MIIT batch.

More information:

- Seed article: http://www.eyeshenzhen.com/content/2022-11/23/content_25472690.htm
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TypeVar

import attrs

from littlegiants._checks import expects
from littlegiants._exact import MAX_ADJUSTED_EXPONENT
from littlegiants.batches import Bound
from littlegiants.designation import DesignationLevel, coerce_level
from littlegiants.errors import InvalidRecordError, Reason
from littlegiants.regions import Region, coerce_optional_region
from littlegiants.translations import N_

__all__ = ["CountKind", "DesignationCount"]


class CountKind(enum.Enum):
    """What a count counts.

    - ``HELD``: enterprises holding the level on the date (443 in Shenzhen, Nov 2022);
    - ``BATCH``: enterprises a MIIT batch brought (275 Shenzhen firms in the 4th batch);
    - ``TARGET``: a target to reach by a date (600 by 2025).
    """

    HELD = "held"
    BATCH = "batch"
    TARGET = "target"


#: Counts are bounded like every figure (:mod:`littlegiants._exact`): below ``1E+31``.
_MAX_COUNT = 10 ** (MAX_ADJUSTED_EXPONENT + 1)


_E = TypeVar("_E", bound=enum.Enum)


def _member(kind: type[_E], what: str, value: object) -> _E:
    """Read an enum member or its value; refuse anything else with our error, listing the values."""
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        for member in kind:
            if value == member.value:
                return member
    known = ", ".join(str(member.value) for member in kind)
    raise InvalidRecordError(
        value, Reason(N_("a count's {what} is one of {known}"), what=what, known=known)
    )


def _kind(value: object) -> CountKind:
    return _member(CountKind, "kind", value)


def _bound(value: object) -> Bound:
    return _member(Bound, "bound", value)


def _check_day(name: str, value: object) -> None:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidRecordError(value, Reason(N_("{name} must be a datetime.date"), name=name))


def _check_on(_: object, __: attrs.Attribute[date], value: object) -> None:
    _check_day("on", value)


def _check_by(_: object, __: attrs.Attribute[date | None], value: object) -> None:
    if value is not None:
        _check_day("by", value)


def _check_batch(_: object, __: attrs.Attribute[int | None], value: object) -> None:
    # A whole number from 1, not checked against the bundled table: a count may name a batch
    # published after this release.
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int) or not 1 <= value < _MAX_COUNT
    ):
        raise InvalidRecordError(value, N_("batch must be an MIIT batch number, 1 or more"))


@attrs.frozen(kw_only=True)
class DesignationCount:
    """A reported count of designated enterprises.

    Args:
        level: the designation level counted.
        count: the figure (a whole number >= 0).
        on: the date the figure was reported (or is as of).
        kind: held, batch or target (:class:`CountKind`, or its value as text).
        region: the place counted, or ``None`` for China as a whole.
        batch: the MIIT batch, for a batch count.
        by: the date a target is to be reached.
        source: where the figure comes from.
        bound: how the figure was printed: ``exact`` (the default), ``more-than`` (a lower
            bound: "over 9,000") or ``rounded`` (printed in 万); text accepted.
        national_rank: the place's rank in China by this count ("second in the country").
        provincial_rank: the place's rank in its province ("first in Guangdong Province").

    Raises:
        InvalidRecordError: a field has the wrong type or value, or the fields contradict
            each other (a batch count without its batch, a target without its date).
        InvalidLevelError: ``level`` is not a level.
        UnknownRegionError: ``region`` is not a known division code.
    """

    level: DesignationLevel = attrs.field(converter=coerce_level)
    count: int
    on: date = attrs.field(validator=_check_on)
    kind: CountKind = attrs.field(converter=_kind)
    region: Region | None = attrs.field(default=None, converter=coerce_optional_region)
    batch: int | None = attrs.field(default=None, validator=_check_batch)
    by: date | None = attrs.field(default=None, validator=_check_by)
    source: str | None = attrs.field(
        default=None, validator=expects(str, N_("source must be text or None"), optional=True)
    )
    bound: Bound = attrs.field(default=Bound.EXACT, converter=_bound)
    national_rank: int | None = None
    provincial_rank: int | None = None

    def __attrs_post_init__(self) -> None:
        """Check the count against its kind."""
        count = self.count
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count < _MAX_COUNT:
            raise InvalidRecordError(count, N_("a count is a whole number >= 0 (below 1E+31)"))
        for name in ("national_rank", "provincial_rank"):
            rank = getattr(self, name)
            if rank is None:
                continue
            if isinstance(rank, bool) or not isinstance(rank, int) or not 1 <= rank < _MAX_COUNT:
                raise InvalidRecordError(
                    rank, Reason(N_("{name} is a place in a ranking: 1 or more"), name=name)
                )
            if self.region is None:
                raise InvalidRecordError(
                    rank, Reason(N_("{name} ranks a place: give the region counted"), name=name)
                )
        if self.kind is CountKind.BATCH and self.batch is None:
            raise InvalidRecordError(self.kind.value, N_("a batch count names its MIIT batch"))
        if self.kind is CountKind.TARGET and self.by is None:
            raise InvalidRecordError(
                self.kind.value, N_("a target names the date it is to be reached by")
            )
        if self.kind is not CountKind.TARGET and self.by is not None:
            raise InvalidRecordError(self.by, N_("only a target has a date to be reached by"))
