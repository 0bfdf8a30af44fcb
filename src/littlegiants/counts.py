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
from datetime import date

import attrs

from littlegiants.batches import Bound
from littlegiants.designation import DesignationLevel, coerce_level
from littlegiants.errors import InvalidRecordError
from littlegiants.regions import Region, coerce_optional_region

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


@attrs.frozen(kw_only=True)
class DesignationCount:
    """A reported count of designated enterprises.

    Args:
        level: the designation level counted.
        count: the figure (a whole number >= 0).
        on: the date the figure was reported (or is as of).
        kind: held, batch or target (:class:`CountKind`; text accepted).
        region: the place counted, or ``None`` for China as a whole.
        batch: the MIIT batch, for a batch count.
        by: the date a target is to be reached.
        source: where the figure comes from.
        bound: how the figure was printed: ``exact`` (the default), ``more-than`` (a lower
            bound: "over 9,000") or ``rounded`` (printed in 万); text accepted.
        national_rank: the place's rank in China by this count ("second in the country").
        provincial_rank: the place's rank in its province ("first in Guangdong Province").
    """

    level: DesignationLevel = attrs.field(converter=coerce_level)
    count: int
    on: date
    kind: CountKind = attrs.field(converter=CountKind)
    region: Region | None = attrs.field(default=None, converter=coerce_optional_region)
    batch: int | None = None
    by: date | None = None
    source: str | None = None
    bound: Bound = attrs.field(default=Bound.EXACT, converter=Bound)
    national_rank: int | None = None
    provincial_rank: int | None = None

    def __attrs_post_init__(self) -> None:
        """Check the count against its kind."""
        for name in ("national_rank", "provincial_rank"):
            rank = getattr(self, name)
            if rank is None:
                continue
            if isinstance(rank, bool) or not isinstance(rank, int) or rank < 1:
                raise InvalidRecordError(rank, f"{name} is a place in a ranking: 1 or more")
            if self.region is None:
                raise InvalidRecordError(rank, f"{name} ranks a place: give the region counted")
        if isinstance(self.count, bool) or not isinstance(self.count, int) or self.count < 0:
            raise InvalidRecordError(self.count, "a count is a whole number >= 0")
        if self.kind is CountKind.BATCH and self.batch is None:
            raise InvalidRecordError(self.kind.value, "a batch count names its MIIT batch")
        if self.kind is CountKind.TARGET and self.by is None:
            raise InvalidRecordError(
                self.kind.value, "a target names the date it is to be reached by"
            )
        if self.kind is not CountKind.TARGET and self.by is not None:
            raise InvalidRecordError(self.by, "only a target has a date to be reached by")
