"""The MIIT batches of State-level little giants, as bundled data with provenance.

MIIT recognises State-level 专精特新"小巨人" enterprises in yearly **batches** (批次): the 1st in
2019, then one a year. Each list is first published for comment (公示, "publicity"), then finalised,
and the two counts differ by about 2 firms. The title lasts 3 years, so each year's cycle is "new
batch N plus re-review (复核) of batch N-3".

The sources do not agree on every batch size, so sizes are data, not constants: each
:class:`Batch` keeps every reported figure (:attr:`Batch.reported_sizes`) with its sources, its kind
(final list, publicity, pre-publicity, derived) and the confidence the reference notes give it.
:attr:`Batch.size` is a single number only when every figure agrees. The 2nd batch is the
unresolved case: 1,744 (CSDN), 1,748 (anpeicn publicity), or the 1,584 the end-2021 cumulative
total of 4,762 implies.

China-wide totals (:func:`cumulative_totals`) are kept as printed, exact, a lower bound ("over
9,000" in 2022) or rounded in 万, each with its sources, conflicting figures side by side; the
14th five-year plan's targets (10,000 little giants by 2025) are :func:`targets`, apart from counts.

The table lives in ``littlegiants/data/miit_batches.toml`` and is read on first use.

>>> from littlegiants.batches import MIIT_BATCHES
>>> MIIT_BATCHES[0].number, MIIT_BATCHES[0].year, MIIT_BATCHES[0].size
(1, 2019, 248)
>>> second = miit_batch(2)
>>> second.size is None, [figure.value for figure in second.reported_sizes]
(True, [1744, 1748, 1584])
>>> second.confidence
<Confidence.LOW: 'Low'>
>>> miit_batch(9)
Traceback (most recent call last):
...
littlegiants.errors.InvalidRecordError: Invalid record 9: there is no such MIIT batch; ...

More information:

- MIIT notice on the 1st batch (English copy): http://en.roadmark.cn/news/76.html
- Batch sizes: https://blog.csdn.net/m0_71334485/article/details/144058886 ;
  http://www.anpeicn.cn/nnews.asp?vid=43316
- 7th batch (2025): https://www.kczg.org.cn/rules/detail?id=6357857
- Cumulative total at end 2021: http://iicsh.pku.edu.cn/en/info/1017/1069.htm
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

from littlegiants._exact import to_figure
from littlegiants.errors import BatchesFileError, InvalidRecordError, Reason, SourceLocation
from littlegiants.sources import Source
from littlegiants.translations import N_

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from littlegiants._tomlindex import KeyPath

__all__ = [
    "MIIT_BATCHES",
    "Batch",
    "Bound",
    "Confidence",
    "CumulativeTotal",
    "FigureKind",
    "ReReviewRound",
    "ReportedSize",
    "Source",
    "Target",
    "cumulative_totals",
    "miit_batch",
    "miit_batches",
    "re_review_rounds",
    "targets",
]

#: Every MIIT batch, 1st first, as a tuple of :class:`Batch`. Loaded on first access.
MIIT_BATCHES: tuple[Batch, ...]

_DATA_FILE: Final = "miit_batches.toml"


class Confidence(enum.Enum):
    """How far a figure can be trusted, on the reference notes' scale.

    High: an official text, or several independent sources that agree. Med: one secondary source.
    Low: the sources conflict, or the figure is derived. Med-High and Low-Med sit between.
    """

    HIGH = "High"
    MED_HIGH = "Med-High"
    MED = "Med"
    LOW_MED = "Low-Med"
    LOW = "Low"


class FigureKind(enum.Enum):
    """Which count a reported batch size is."""

    #: A count whose stage (publicity or final list) the source does not state.
    REPORTED = "reported"
    #: The publicity (公示) count, about 2 firms off the final list.
    PUBLICITY = "publicity"
    #: Firms that "passed review" before the publicity.
    PRE_PUBLICITY = "pre-publicity"
    #: Not printed anywhere: implied by other figures (the note says how).
    DERIVED = "derived"


class Bound(enum.Enum):
    """How a cumulative total was printed."""

    #: The figure as printed.
    EXACT = "exact"
    #: Printed as "more than" (">12,000"): a lower bound.
    MORE_THAN = "more-than"
    #: Printed rounded in 万 (1.46万 for 14,600).
    ROUNDED = "rounded"


@attrs.frozen
class ReportedSize:
    """One reported size of a batch, with its sources and confidence."""

    value: int
    sources: tuple[Source, ...]
    kind: FigureKind = attrs.field(kw_only=True)
    confidence: Confidence = attrs.field(kw_only=True)
    note: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen
class Batch:
    """One MIIT batch of State-level little giants.

    Attributes:
        number: the batch number, 1 for 2019.
        year: the year the list was published.
        reported_sizes: every reported size, as given by its sources.
        confidence: the confidence the reference notes give the batch's row.
        note: what is known about a conflict, or ``None``.
        publicity_from: first day of the publicity (公示) period, where recorded.
        publicity_to: last day of the publicity period, where recorded.
        publicity_sources: where the publicity dates come from.
    """

    number: int
    year: int
    reported_sizes: tuple[ReportedSize, ...] = attrs.field(kw_only=True)
    confidence: Confidence = attrs.field(kw_only=True)
    note: str | None = attrs.field(default=None, kw_only=True)
    publicity_from: dt.date | None = attrs.field(default=None, kw_only=True)
    publicity_to: dt.date | None = attrs.field(default=None, kw_only=True)
    publicity_sources: tuple[Source, ...] = attrs.field(default=(), kw_only=True)

    @property
    def size(self) -> int | None:
        """The number of firms when every source agrees; ``None`` when they conflict.

        >>> miit_batch(3).size, miit_batch(4).size
        (2930, None)
        """
        values = {figure.value for figure in self.reported_sizes}
        return values.pop() if len(values) == 1 else None

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source behind the batch's sizes, each once, in order of first mention."""
        return tuple(dict.fromkeys(s for f in self.reported_sizes for s in f.sources))


def _check_pass_rate(_: object, __: attrs.Attribute[Decimal | None], value: object) -> None:
    """A pass rate is ``None`` or an exact fraction from 0 to 1, inside the bounds of figures."""
    if value is None:
        return
    rate = to_figure(value) if isinstance(value, Decimal) else "it is not a Decimal"
    if isinstance(rate, str) or not 0 <= rate <= 1:
        raise InvalidRecordError(
            value, N_("pass_rate must be a Decimal fraction from 0 to 1, or None")
        )


@attrs.frozen
class ReReviewRound:
    """One year's re-review (复核) of earlier batches and how many firms passed.

    Attributes:
        year: the year of the re-review.
        batches: the batch numbers re-reviewed (2025 re-reviewed the 4th batch, plus the 1st
            batch's firms on their second review).
        passed: firms that passed.
        pass_rate: the published pass rate as a fraction, where one was published.
    """

    year: int
    batches: tuple[int, ...]
    passed: int = attrs.field(kw_only=True)
    sources: tuple[Source, ...] = attrs.field(kw_only=True)
    confidence: Confidence = attrs.field(kw_only=True)
    pass_rate: Decimal | None = attrs.field(default=None, kw_only=True, validator=_check_pass_rate)
    note: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen
class CumulativeTotal:
    """A published China-wide count of little giants at some point in time.

    Attributes:
        label: when, as the reference notes put it ("End of 2021 (after 3rd batch)").
        year: the year the count refers to.
        value: the figure.
        bound: whether the figure is exact, a lower bound or rounded.
        counts: what is counted (publicised, active, cultivated).
    """

    label: str
    year: int
    value: int = attrs.field(kw_only=True)
    bound: Bound = attrs.field(kw_only=True)
    counts: str = attrs.field(kw_only=True)
    sources: tuple[Source, ...] = attrs.field(kw_only=True)
    confidence: Confidence = attrs.field(kw_only=True)


@attrs.frozen
class Target:
    """A published China-wide target: how many firms of a tier a plan aims at by a year.

    Attributes:
        label: the plan, as the reference notes put it ("14th FYP (2021-2025) target").
        by_year: the year it is to be reached by.
        value: the figure aimed at.
        counts: what is counted (State-level little giants, provincial 专精特新 SMEs ...).
    """

    label: str
    by_year: int
    value: int = attrs.field(kw_only=True)
    counts: str = attrs.field(kw_only=True)
    sources: tuple[Source, ...] = attrs.field(kw_only=True)
    confidence: Confidence = attrs.field(kw_only=True)


@attrs.frozen
class _Dataset:
    batches: tuple[Batch, ...]
    re_reviews: tuple[ReReviewRound, ...]
    totals: tuple[CumulativeTotal, ...]
    targets: tuple[Target, ...]


# -- reading the TOML ---------------------------------------------------------------------------


class _Reader:
    """Typed access to one TOML table, raising a ``BatchesFileError`` with the key and its line.

    ``lines`` gives the line of each key path when the text is known (it is indexed only when an
    error needs it).
    """

    def __init__(
        self,
        table: object,
        path: str,
        at: KeyPath = (),
        lines: Callable[[], dict[KeyPath, int]] | None = None,
    ) -> None:
        self.path = path
        self.at = at
        self.lines = lines
        if not isinstance(table, dict):
            raise self.error(table, N_("expected a table"))
        self.table: Mapping[str, Any] = table

    def error(self, value: object, reason: str, field: str | None = None) -> BatchesFileError:
        from littlegiants._tomlindex import locate, render  # noqa: PLC0415 - as _read_dataset

        at = self.at if field is None else (*self.at, field)
        line = None if self.lines is None else locate(self.lines(), at)
        location = SourceLocation(self.path, line, render(at) or None, "key")
        return BatchesFileError(value, reason, location)

    def child(self, field: str) -> _Reader:
        return _Reader(self.get(field, dict), self.path, (*self.at, field), self.lines)

    def children(self, field: str) -> list[_Reader]:
        items = self.get(field, list)
        return [
            _Reader(item, self.path, (*self.at, field, index), self.lines)
            for index, item in enumerate(items)
        ]

    def get(self, field: str, kind: type[Any], *, optional: bool = False) -> Any:  # noqa: ANN401
        if field not in self.table:
            if optional:
                return None
            raise self.error(None, Reason(N_("{field} is missing"), field=field), field)
        value = self.table[field]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.error(
                value,
                Reason(N_("{field} must be a {kind}"), field=field, kind=kind.__name__),
                field,
            )
        if kind is dt.date and isinstance(value, dt.datetime):
            raise self.error(
                value, Reason(N_("{field} must be a date without a time"), field=field), field
            )
        return value

    def text(self, field: str) -> str:
        value: str = self.get(field, str)
        if not value.strip():
            raise self.error(value, Reason(N_("{field} must not be empty"), field=field), field)
        return value

    def count(self, field: str) -> int:
        value: int = self.get(field, int)
        if value < 0:
            raise self.error(value, Reason(N_("{field} must not be negative"), field=field), field)
        return value

    def confidence(self, default: Confidence | None = None) -> Confidence:
        text = self.get("confidence", str, optional=default is not None)
        if text is None and default is not None:
            return default
        try:
            return Confidence(text)
        except ValueError:
            names = ", ".join(c.value for c in Confidence)
            raise self.error(
                text, Reason(N_("confidence must be one of {names}"), names=names), "confidence"
            ) from None

    def sources(self, field: str, known: Mapping[str, Source]) -> tuple[Source, ...]:
        keys = self.get(field, list, optional=True) or []
        result = []
        for key in keys:
            if not isinstance(key, str) or key not in known:
                raise self.error(
                    key, Reason(N_("{field} names an unknown source"), field=field), field
                )
            result.append(known[key])
        return tuple(result)


def _parse_dataset(
    data: Mapping[str, Any], path: str, lines: Callable[[], dict[KeyPath, int]] | None = None
) -> _Dataset:
    """Build the dataset from parsed TOML, checking every field it reads (lines: see _Reader)."""
    root = _Reader(dict(data), path, (), lines)
    if root.get("schema", int) != 1:
        raise root.error(data.get("schema"), N_("this library reads schema 1"), "schema")
    known = {
        key: Source(
            source.get("url", str, optional=True),
            title=source.text("title"),
            published=source.get("published", dt.date, optional=True),
            id=key,
        )
        for key, source in (
            (key, root.child("sources").child(key)) for key in root.get("sources", dict)
        )
    }
    batches = tuple(_parse_batch(item, known) for item in root.children("batches"))
    for expected, batch in enumerate(batches, start=1):
        if batch.number != expected:
            raise root.error(
                batch.number,
                Reason(N_("batch {expected} expected here"), expected=expected),
                "batches",
            )
    re_reviews = tuple(
        ReReviewRound(
            item.count("year"),
            tuple(item.get("batches", list)),
            passed=item.count("passed"),
            sources=item.sources("sources", known),
            confidence=item.confidence(),
            pass_rate=_rate(item, "pass_rate"),
            note=item.get("note", str, optional=True),
        )
        for item in root.children("re_reviews")
    )
    totals = tuple(
        CumulativeTotal(
            item.get("label", str),
            item.count("year"),
            value=item.count("value"),
            bound=_member(item, "bound", Bound),
            counts=item.get("counts", str),
            sources=item.sources("sources", known),
            confidence=item.confidence(),
        )
        for item in root.children("totals")
    )
    goals = tuple(
        Target(
            item.get("label", str),
            item.count("by_year"),
            value=item.count("value"),
            counts=item.get("counts", str),
            sources=item.sources("sources", known),
            confidence=item.confidence(),
        )
        for item in root.children("targets")
    )
    return _Dataset(batches, re_reviews, totals, goals)


def _parse_batch(item: _Reader, known: Mapping[str, Source]) -> Batch:
    confidence = item.confidence()
    sizes = tuple(
        ReportedSize(
            size.count("value"),
            size.sources("sources", known),
            kind=_member(size, "kind", FigureKind),
            confidence=size.confidence(default=confidence),
            note=size.get("note", str, optional=True),
        )
        for size in item.children("sizes")
    )
    if not sizes:
        raise item.error(None, N_("a batch needs at least one reported size"), "sizes")
    return Batch(
        item.count("number"),
        item.count("year"),
        reported_sizes=sizes,
        confidence=confidence,
        note=item.get("note", str, optional=True),
        publicity_from=item.get("publicity_from", dt.date, optional=True),
        publicity_to=item.get("publicity_to", dt.date, optional=True),
        publicity_sources=item.sources("publicity_sources", known),
    )


_E = TypeVar("_E", bound=enum.Enum)


def _member(item: _Reader, field: str, kind: type[_E]) -> _E:
    """The enum member a field names by its value, or an error listing the values."""
    text = item.get(field, str)
    try:
        return kind(text)
    except ValueError:
        names = ", ".join(member.value for member in kind)
        raise item.error(
            text, Reason(N_("{field} must be one of {names}"), field=field, names=names), field
        ) from None


def _rate(item: _Reader, field: str) -> Decimal | None:
    text = item.get(field, str, optional=True)
    if text is None:
        return None
    rate = to_figure(text)
    if isinstance(rate, str) or not 0 <= rate <= 1:
        reason = (
            Reason(N_("{field} must be a quoted fraction from 0 to 1"), field=field)
            if isinstance(rate, Decimal)
            else Reason(
                N_("{field} must be a quoted fraction from 0 to 1 ({problem})"),
                field=field,
                problem=Reason.given(rate),
            )
        )
        raise item.error(text, reason, field)
    return rate


@functools.cache
def _dataset() -> _Dataset:
    from importlib import resources  # noqa: PLC0415

    text = resources.files("littlegiants").joinpath("data", _DATA_FILE).read_text("utf-8")
    return _read_dataset(text, _DATA_FILE)


def _read_dataset(text: str, path: str) -> _Dataset:
    """Parse and check a batches TOML text; every problem is a located ``BatchesFileError``."""
    # tomllib and the located reader together cost ~10 ms: only paid when the table is first read.
    from littlegiants._tomlindex import line_index, parse  # noqa: PLC0415

    data = parse(text, path, BatchesFileError)
    return _parse_dataset(data, path, functools.cache(lambda: line_index(text)))


# -- public access ------------------------------------------------------------------------------


def miit_batches() -> tuple[Batch, ...]:
    """Return every MIIT batch, 1st first (read from the bundled TOML once, then cached).

    >>> [(b.number, b.year) for b in miit_batches()][-1]
    (7, 2025)
    """
    return _dataset().batches


def miit_batch(number: int) -> Batch:
    """Return the batch with this number.

    Args:
        number: the batch number, from 1.

    Returns:
        The batch.

    Raises:
        InvalidRecordError: there is no such batch in the bundled table.

    >>> miit_batch(7).reported_sizes[0].value
    3482
    """
    batches = miit_batches()
    if isinstance(number, int) and not isinstance(number, bool) and 1 <= number <= len(batches):
        return batches[number - 1]
    raise InvalidRecordError(
        number,
        Reason(
            N_("there is no such MIIT batch; the bundled table has 1 to {last}"),
            last=len(batches),
        ),
    )


def re_review_rounds() -> tuple[ReReviewRound, ...]:
    """Return the published re-review (复核) outcomes, earliest first.

    >>> [(r.year, r.batches, r.passed) for r in re_review_rounds()][:2]
    [(2022, (1,), 142), (2023, (2,), 1079)]
    """
    return _dataset().re_reviews


def cumulative_totals() -> tuple[CumulativeTotal, ...]:
    """Return the published China-wide counts of little giants, earliest first.

    >>> first = cumulative_totals()[0]
    >>> first.year, first.value, first.bound
    (2021, 4762, <Bound.EXACT: 'exact'>)
    """
    return _dataset().totals


def targets() -> tuple[Target, ...]:
    """Return the published China-wide targets (the 14th five-year plan's, by 2025).

    >>> [(t.value, t.counts, t.by_year) for t in targets()][0]
    (10000, 'State-level little giants', 2025)
    """
    return _dataset().targets


def __getattr__(name: str) -> tuple[Batch, ...]:
    """Load ``MIIT_BATCHES`` on first access (PEP 562)."""
    if name == "MIIT_BATCHES":
        return miit_batches()
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
