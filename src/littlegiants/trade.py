"""Foreign trade of enterprises: records by period and flow, and summaries with year-on-year growth.

Customs report **cumulative year-to-date** figures ("前10个月", Jan–Oct) compared with the same
period a year earlier, headlined in yuan with a US-dollar equivalent (domain-facts §6). The seed
article is such a report: 320 Shenzhen little giants traded 44.64 billion yuan (US$6.24 billion) in
Jan–Oct 2022, up 11% year on year; Hosin Global Electronics imported US$99.2 million (+59%) and
exported US$27.59 million (+109%).

A :class:`TradeRecord` holds one enterprise's trade in one flow over one period, with either the
prior-year value or the reported growth (or both, which must agree within the rounding of the
stated percentage). :func:`summarize` adds records up per flow and per group, converting other
currencies only with an explicit :class:`~littlegiants.fx.RateTable`, each value at the rate on its
own period's end date, which is why growth in dollars differs from growth in yuan.

>>> from littlegiants.enterprise import Enterprise
>>> from littlegiants.money import Money
>>> hosin = Enterprise("Shenzhen Hosin Global Electronics Co. Ltd.", region="440300")
>>> imports = TradeRecord(
...     enterprise=hosin,
...     period="2022-01..2022-10",
...     flow="import",
...     value=Money.parse("US$99.2 million"),
...     growth="59%",
... )
>>> imports.previous.round()
Money('62389937.11', 'USD')
>>> TradeRecord(enterprise=hosin, period="2022-01..2022-10", flow="import",
...             value=Money.parse("US$99.2 million"), previous=Money.parse("US$50 million"),
...             growth="59%")
Traceback (most recent call last):
...
littlegiants.errors.InvalidRecordError: Invalid record ...: the prior-year value implies +98.4% ...

More information:

- Seed article: http://www.eyeshenzhen.com/content/2022-11/23/content_25472690.htm
- Customs conventions: http://en.people.cn/n3/2022/1024/c90000-10162770.html
"""

from __future__ import annotations

import collections
import decimal
import enum
import itertools
import operator
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import ClassVar, Final

import attrs

from littlegiants._checks import expects, invisible_edge, items
from littlegiants._exact import BOUNDED, EXACT, MAX_ADJUSTED_EXPONENT, bounds_problem
from littlegiants.enterprise import Enterprise
from littlegiants.errors import (
    CurrencyMismatchError,
    InvalidAmountError,
    InvalidRecordError,
    Reason,
)
from littlegiants.frames import Columns, Row, Tabular
from littlegiants.fx import ExchangeRate, RateTable
from littlegiants.growth import Growth
from littlegiants.money import Money
from littlegiants.periods import Period
from littlegiants.regions import Region, coerce_optional_region
from littlegiants.translations import N_

__all__ = [
    "FlowSummary",
    "TradeAggregate",
    "TradeFlow",
    "TradeRecord",
    "TradeSummary",
    "summarize",
]


class TradeFlow(enum.Enum):
    """The direction of trade: ``IMPORT`` (进口) or ``EXPORT`` (出口).

    >>> TradeFlow.parse("进口"), TradeFlow.parse("Exports")
    (<TradeFlow.IMPORT: 'import'>, <TradeFlow.EXPORT: 'export'>)
    >>> TradeFlow.parse("transit")
    Traceback (most recent call last):
    ...
    littlegiants.errors.InvalidRecordError: Invalid record 'transit': expected a trade flow: ...
    """

    IMPORT = "import"
    EXPORT = "export"

    @classmethod
    def parse(cls, text: object) -> TradeFlow:
        r"""Read ``import``/``imports``/``进口`` or ``export``/``exports``/``出口``.

        Case is ignored and so are outer spaces; any other character (a line break, a tab)
        makes the text unknown. ``str()`` of a flow, ``TradeFlow.IMPORT``, reads back.

        >>> TradeFlow.parse(" Import "), TradeFlow.parse(str(TradeFlow.EXPORT))
        (<TradeFlow.IMPORT: 'import'>, <TradeFlow.EXPORT: 'export'>)
        >>> TradeFlow.parse("import\n")
        Traceback (most recent call last):
        ...
        littlegiants.errors.InvalidRecordError: Invalid record 'import\n': expected a trade ...
        """
        if isinstance(text, TradeFlow):
            return text
        if isinstance(text, str):
            flow = _FLOWS.get(text.strip(" ").lower())
            if flow is not None:
                return flow
        raise InvalidRecordError(text, N_("expected a trade flow: import (进口) or export (出口)"))

    @property
    def chinese(self) -> str:
        """进口 or 出口."""
        return "进口" if self is TradeFlow.IMPORT else "出口"


_FLOWS: Final = {
    "import": TradeFlow.IMPORT,
    "imports": TradeFlow.IMPORT,
    "进口": TradeFlow.IMPORT,
    "tradeflow.import": TradeFlow.IMPORT,
    "export": TradeFlow.EXPORT,
    "exports": TradeFlow.EXPORT,
    "出口": TradeFlow.EXPORT,
    "tradeflow.export": TradeFlow.EXPORT,
}


def _period(value: Period | str) -> Period:
    return value if isinstance(value, Period) else Period.parse(value)


def _flow(value: TradeFlow | str) -> TradeFlow:
    return TradeFlow.parse(value)


def _optional_flow(value: TradeFlow | str | None) -> TradeFlow | None:
    return None if value is None else TradeFlow.parse(value)


def _growth(value: Growth | str | None) -> Growth | None:
    if value is None or isinstance(value, Growth):
        return value
    return Growth.parse(value)


#: Counts are bounded like every figure: below ``1E+31``.
_MAX_COUNT: Final = 10 ** (MAX_ADJUSTED_EXPONENT + 1)

#: A stated growth below this (a fall of more than 90%) is checked for the prior-year value it
#: implies, which grows without bound as the fall nears 100%.
_STEEP_FALL: Final = Decimal("-0.9")


def _stated_tolerance(growth: Growth) -> Decimal:
    """Half a unit of the last stated digit of the percentage, as a rate (59% -> 0.005)."""
    exponent = growth.percent.normalize(EXACT).as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return Decimal(5).scaleb(-(places + 1) - 2, context=EXACT)


def _check_trade(value: Money, previous: Money | None, stated: Growth | None) -> None:
    """The checks of every trade record, however it is built (``__init__`` or ``_checked``).

    A value is not negative; a prior-year value is Money in the value's currency and not
    negative; a growth of -100% or less needs a prior-year value; a prior-year value and a growth
    given together agree within the rounding of the stated percentage.
    """
    if value.amount < 0:
        raise InvalidRecordError(value, N_("a trade value cannot be negative"))
    if previous is None:
        if stated is not None and stated.rate <= -1:
            raise InvalidRecordError(
                str(stated),
                Reason(
                    N_(
                        "a fall of {fall} or more leaves no prior-year value to imply: "
                        "give previous"
                    ),
                    fall="100%",
                ),
            )
        if stated is not None and stated.rate < _STEEP_FALL:
            try:
                stated.previous_of(value)
            except InvalidAmountError as exc:
                raise InvalidRecordError(
                    (str(value), str(stated)),
                    Reason(
                        N_(
                            "the prior-year value this growth implies is outside the bounds: "
                            "{problem}"
                        ),
                        problem=Reason.given(exc.reason),
                    ),
                ) from None
        return
    if not isinstance(previous, Money):
        raise InvalidRecordError(previous, N_("the prior-year value must be Money"))
    if previous.currency != value.currency:
        raise CurrencyMismatchError(value.currency, previous.currency, N_("compare"))
    if previous.amount < 0:
        raise InvalidRecordError(previous, N_("a trade value cannot be negative"))
    if stated is None or previous.amount == 0:
        return
    implied = Growth.between(previous, value)
    if EXACT.abs(EXACT.subtract(implied.rate, stated.rate)) > _stated_tolerance(stated):
        shown = Growth(implied.rate.quantize(Decimal("0.001"), context=EXACT))
        raise InvalidRecordError(
            (str(previous), str(value), str(stated)),
            Reason(
                N_(
                    "the prior-year value implies {shown} but the growth given is {stated} "
                    "(they must agree within the rounding of the stated percentage)"
                ),
                shown=shown,
                stated=stated,
            ),
        )


def _check_trades(
    values: Sequence[Money],
    previous: Sequence[Money | None],
    growths: Sequence[Growth | None],
    *,
    unsigned: bool = False,
) -> None:
    """:func:`_check_trade` of every record of columns, raising the first failing record's error.

    Record ``i`` is ``values[i]``, ``previous[i]``, ``growths[i]`` (columns of equal length, of
    the types :func:`_check_trade` takes). A loaded file's records mostly pass every check for
    reasons a column shows at once: no value is signed, no growth is a fall steeper than
    :data:`_STEEP_FALL`, and every prior-year value is Money in its record's currency, not
    signed, on a record without a growth. Those are checked a column at a time, with no Python
    step per record; :func:`_check_trade` itself runs on the records they cannot clear (a
    prior-year value with a growth to agree with; every record when a column raises a doubt),
    in order, so the error raised is the one the first failing record raises.

    ``unsigned`` is the caller's word that every value and prior-year value is Money it read
    from digits alone (no sign) and every prior-year value is in its record's currency, as the
    loader's fast path reads them: the column checks those facts settle are then not repeated.
    """
    if (not unsigned and any(map(_signed, map(_amount_of, values)))) or _steep(growths):
        _consume(map(_check_trade, values, previous, growths))  # raises the first record's error
        return
    known = list(map(operator.is_not, previous, _NONES))
    if not any(known):
        return
    earlier = list(itertools.compress(previous, known))
    if (
        unsigned
        or (
            all(map(isinstance, earlier, itertools.repeat(Money)))
            and not any(map(_signed, map(_amount_of, earlier)))
            and list(map(_currency_of, earlier))
            == list(map(_currency_of, itertools.compress(values, known)))
        )
    ) and all(map(operator.is_, itertools.compress(growths, known), _NONES)):
        return
    _consume(
        map(
            _check_trade,
            itertools.compress(values, known),
            earlier,
            itertools.compress(growths, known),
        )
    )


def _steep(growths: Sequence[Growth | None]) -> bool:
    """Whether a growth of the column is a fall steeper than :data:`_STEEP_FALL` (or 100%)."""
    known = list(map(operator.is_not, growths, _NONES))
    if not any(known):
        return False
    rates = list(map(_rate_of, itertools.compress(growths, known)))
    falls = list(itertools.compress(rates, map(_signed, rates)))
    return bool(falls) and min(falls) < _STEEP_FALL


_enterprise = expects(Enterprise, N_("the enterprise must be an Enterprise"))
_value = expects(Money, N_("the value must be Money"))
_equivalent = expects(Money, N_("the equivalent must be Money or None"), optional=True)
_source = expects(str, N_("the source must be text or None"), optional=True)


@attrs.frozen
class TradeRecord:
    """One enterprise's trade in one flow over one period.

    Args:
        enterprise: the trading enterprise.
        period: the period (a ``Period`` or text such as ``2022-01..2022-10``).
        flow: import or export (text accepted).
        value: the trade value (not negative).
        previous: the value for the same period a year earlier, if reported.
        growth: the reported year-on-year growth (a ``Growth`` or text such as ``59%``).
        source: where the figure comes from.

    Raises:
        InvalidRecordError: a field of the wrong type, a negative value, a prior-year value and
            a growth that disagree beyond the rounding of the stated percentage, or a fall so
            steep that the prior-year value it implies is outside the bounds of every amount.
        CurrencyMismatchError: ``previous`` is in another currency than ``value``.
        InvalidPeriodError: ``period`` is text that is not a period.
        InvalidGrowthError: ``growth`` is text that is not a growth.
    """

    enterprise: Enterprise = attrs.field(validator=_enterprise)
    period: Period = attrs.field(converter=_period)
    flow: TradeFlow = attrs.field(converter=_flow)
    value: Money = attrs.field(validator=_value)
    reported_previous: Money | None = attrs.field(default=None, alias="previous", kw_only=True)
    reported_growth: Growth | None = attrs.field(
        default=None, alias="growth", converter=_growth, kw_only=True
    )
    source: str | None = attrs.field(default=None, kw_only=True, validator=_source)

    def __attrs_post_init__(self) -> None:
        """Check the value, the currencies and that previous and growth agree."""
        _check_trade(self.value, self.reported_previous, self.reported_growth)

    @classmethod
    def _checked(  # noqa: PLR0917 - the seven fields, in their order
        cls,
        enterprise: Enterprise,
        period: Period,
        flow: TradeFlow,
        value: Money,
        previous: Money | None,
        growth: Growth | None,
        source: str | None,
    ) -> TradeRecord:
        """Build a record from values that already have their fields' types (a trusted path).

        The loader's trade fast path builds a million records from values it made itself, so
        this skips what ``__init__`` adds to the checks: the converters (``period``, ``flow`` and
        ``growth`` from text) and the ``value`` type check. Every check of the record itself
        (:func:`_check_trade`, which ``__attrs_post_init__`` runs too) still runs.

        Contract: only the loader's fast path calls this (and ``benchmarks/bench_loader.py``,
        which times it), and only with an ``Enterprise``, a ``Period``, a ``TradeFlow``, a
        ``Money``, a ``Money`` or ``None``, a ``Growth`` or ``None``, and a ``str`` or ``None``,
        exactly as ``__init__`` would have stored them, values it made itself. Anything else
        must go through ``TradeRecord(...)``.

        Raises:
            InvalidRecordError: as ``TradeRecord(...)`` does.
            CurrencyMismatchError: as ``TradeRecord(...)`` does.
        """
        _check_trade(value, previous, growth)
        record = _new(cls)
        _set_enterprise(record, enterprise)
        _set_period(record, period)
        _set_flow(record, flow)
        _set_value(record, value)
        _set_previous(record, previous)
        _set_growth(record, growth)
        _set_source(record, source)
        return record

    @classmethod
    def _checked_columns(  # noqa: PLR0917 - the seven fields, in their order
        cls,
        enterprises: Sequence[Enterprise],
        periods: Sequence[Period],
        flows: Sequence[TradeFlow],
        values: Sequence[Money],
        previous: Sequence[Money | None],
        growths: Sequence[Growth | None],
        sources: Sequence[str | None],
        *,
        unsigned: bool = False,
    ) -> list[TradeRecord]:
        """Build many records at once, from columns of values as :meth:`_checked` takes them.

        Record ``i`` takes the ``i``-th item of every column. Every record's checks
        (:func:`_check_trade`, a column at a time where they can be: :func:`_check_trades`) run
        first, so when one fails, it raises the first failing record's error and nothing is
        built. Same contract as :meth:`_checked`, for each item of each column; the loader's
        fast path builds a few hundred records a call this way, with no Python step per field.
        With ``unsigned``, the caller also vouches for what :func:`_check_trades` says of it:
        every amount read from digits alone, each prior-year value in its record's currency.

        Raises:
            InvalidRecordError: as ``TradeRecord(...)`` does, or the columns differ in length.
            CurrencyMismatchError: as ``TradeRecord(...)`` does.
        """
        columns = (enterprises, periods, flows, values, previous, growths, sources)
        count = len(values)
        if any(len(column) != count for column in columns):
            raise InvalidRecordError(
                tuple(map(len, columns)), N_("the columns of the records differ in length")
            )
        _check_trades(values, previous, growths, unsigned=unsigned)
        records = list(map(_new, itertools.repeat(cls, count)))
        _consume(map(_set_enterprise, records, enterprises))
        _consume(map(_set_period, records, periods))
        _consume(map(_set_flow, records, flows))
        _consume(map(_set_value, records, values))
        _consume(map(_set_previous, records, previous))
        _consume(map(_set_growth, records, growths))
        _consume(map(_set_source, records, sources))
        return records

    @property
    def previous(self) -> Money | None:
        """The prior-year value: as reported, else implied by the reported growth, else None."""
        if self.reported_previous is not None:
            return self.reported_previous
        if self.reported_growth is not None:
            return self.reported_growth.previous_of(self.value)
        return None

    @property
    def growth(self) -> Growth | None:
        """The year-on-year growth: as reported, else from the prior-year value.

        ``None`` when neither is known, or when the prior-year value is zero (growth from
        nothing is undefined).
        """
        if self.reported_growth is not None:
            return self.reported_growth
        previous = self.reported_previous
        if previous is None or previous.amount == 0:
            return None
        return Growth.between(previous, self.value)


# The loader's trusted path (TradeRecord._checked) sets the slots directly, as Money's hot path
# does; bound once here (measured in benchmarks/bench_loader.py).
_new = object.__new__
_set_enterprise = TradeRecord.__dict__["enterprise"].__set__
_set_period = TradeRecord.__dict__["period"].__set__
_set_flow = TradeRecord.__dict__["flow"].__set__
_set_value = TradeRecord.__dict__["value"].__set__
_set_previous = TradeRecord.__dict__["reported_previous"].__set__
_set_growth = TradeRecord.__dict__["reported_growth"].__set__
_set_source = TradeRecord.__dict__["source"].__set__
_consume = collections.deque[object](maxlen=0).extend  # runs an iterator for its effects
# The column-wise checks (_check_trades) read Money's slots, as its own hot paths do.
_amount_of = operator.attrgetter("_amount")
_currency_of = operator.attrgetter("_currency")
_rate_of = operator.attrgetter("rate")
_signed = Decimal.is_signed  # a sign bit: every negative amount, and -0 (which checks again)
_NONES: Final = itertools.repeat(None)


def _keys(values: Iterable[str]) -> frozenset[str]:
    return frozenset(values)


@attrs.frozen(kw_only=True)
class FlowSummary:
    """Totals of one flow (or of all flows, ``flow=None``) in one currency."""

    flow: TradeFlow | None
    total: Money
    previous_total: Money | None
    record_count: int
    missing_previous: int
    enterprise_keys: frozenset[str] = attrs.field(converter=_keys)
    stated_growth: Growth | None = None

    def __repr__(self) -> str:
        """One line: the flow, the counts, the total and the growth (the keys are left out)."""
        flow = "total" if self.flow is None else self.flow.value
        return (
            f"<FlowSummary {flow}: {self.record_count} records, {self.enterprise_count} "
            f"enterprises, total {self.total!r}, growth {self.growth}>"
        )

    def to_record(self, group: str | None = None) -> Row:
        """The flow as a row: its group, the flow, counts, exact amounts and the growth rate.

        Keys: ``group`` (``None`` when not grouped), ``flow`` (``import``, ``export`` or
        ``total``), ``records``, ``enterprises``, ``value``, ``a_year_earlier`` (``None`` when
        a record lacks a prior-year value), ``growth`` (the rate as a ``Decimal``: ``0.05``
        for 5%; ``None`` when unknown), ``missing_previous`` and ``currency``.
        """
        growth = self.growth
        previous = self.previous_total
        return {
            "group": group,
            "flow": "total" if self.flow is None else self.flow.value,
            "records": self.record_count,
            "enterprises": self.enterprise_count,
            "value": self.total.amount,
            "a_year_earlier": None if previous is None else previous.amount,
            "growth": None if growth is None else growth.rate,
            "missing_previous": self.missing_previous,
            "currency": self.total.currency,
        }

    @property
    def enterprise_count(self) -> int:
        """Distinct enterprises (by credit code, else name)."""
        return len(self.enterprise_keys)

    @property
    def growth(self) -> Growth | None:
        """Year-on-year growth: the growth every record states, else over the prior-year total.

        When every record summed states the same growth (one record with ``5%``, or a file
        whose rows all say ``11%``), that growth is the summary's, exactly as given: computing
        it back from the prior-year values it implies would give ``0.0499…`` for ``5%``.
        Otherwise it is computed from the totals, when every record has a prior-year value.
        """
        if self.stated_growth is not None:
            return self.stated_growth
        if self.previous_total is None or self.previous_total.amount <= 0:
            return None
        return Growth.between(self.previous_total, self.total)

    def __add__(self, other: FlowSummary) -> FlowSummary:
        """Combine summaries of disjoint sets of records."""
        missing = self.missing_previous + other.missing_previous
        previous = None
        if missing == 0 and self.previous_total is not None and other.previous_total is not None:
            previous = self.previous_total + other.previous_total
        return FlowSummary(
            flow=self.flow if self.flow is other.flow else None,
            total=self.total + other.total,
            previous_total=previous,
            record_count=self.record_count + other.record_count,
            missing_previous=missing,
            enterprise_keys=self.enterprise_keys | other.enterprise_keys,
            stated_growth=common_growth(
                self.stated_growth, self.record_count, other.stated_growth, other.record_count
            ),
        )


def common_growth(
    first: Growth | None, first_count: int, second: Growth | None, second_count: int
) -> Growth | None:
    """The growth two sets of records all state (``None``: a record states none, or they differ).

    ``first`` is the growth the ``first_count`` records of one set all state, ``second`` that
    of the other set. An empty set takes no part. Two growths are the same when they are
    written the same (``0.05`` and ``0.050`` differ), so the growth kept is the one given.
    """
    if not first_count:
        return second
    if not second_count:
        return first
    if first is None or second is None:
        return None
    if first is second or first.rate.as_tuple() == second.rate.as_tuple():
        return first
    return None


@attrs.frozen(kw_only=True)
class TradeSummary(Tabular):
    """Trade totals, prior-year totals and growth, overall, per flow, and per group.

    ``previous_total`` and ``growth`` are known only when every record has a prior-year value;
    otherwise they are ``None`` and ``missing_previous`` says how many records lack one.
    Its ``repr`` is one line; :meth:`to_records` gives its rows.
    """

    currency: str
    overall: FlowSummary
    flows: tuple[FlowSummary, ...]
    groups: tuple[tuple[str, TradeSummary], ...] = ()

    record_columns: ClassVar[Columns] = {
        "group": str,
        "flow": str,
        "records": int,
        "enterprises": int,
        "value": Decimal,
        "a_year_earlier": Decimal,
        "growth": Decimal,
        "missing_previous": int,
        "currency": str,
    }

    def __repr__(self) -> str:
        """One line: the counts, the total, the growth, and how many groups."""
        groups = f", {len(self.groups)} groups" if self.groups else ""
        return (
            f"<TradeSummary: {self.record_count} records, {self.enterprise_count} enterprises, "
            f"total {self.total!r}, growth {self.growth}{groups}>"
        )

    def to_records(self) -> list[Row]:
        """Each flow then the total, of each group when grouped, else of the whole.

        The rows are :meth:`FlowSummary.to_record`'s; a ``total`` row adds up the rows of its
        group above it, so sum one or the other.
        """
        groups = self.groups or ((None, self),)
        return [
            flow.to_record(group)
            for group, summary in groups
            for flow in (*summary.flows, summary.overall)
        ]

    @property
    def total(self) -> Money:
        """Total trade value."""
        return self.overall.total

    @property
    def previous_total(self) -> Money | None:
        """Total a year earlier, or None when any record lacks a prior-year value."""
        return self.overall.previous_total

    @property
    def growth(self) -> Growth | None:
        """Year-on-year growth of the total, or None (see ``previous_total``)."""
        return self.overall.growth

    @property
    def enterprise_count(self) -> int:
        """Distinct enterprises (by credit code, else name)."""
        return self.overall.enterprise_count

    @property
    def record_count(self) -> int:
        """Records summarised."""
        return self.overall.record_count

    @property
    def missing_previous(self) -> int:
        """Records without a prior-year value."""
        return self.overall.missing_previous

    @property
    def by_flow(self) -> dict[TradeFlow, FlowSummary]:
        """The summary of each flow present."""
        return {summary.flow: summary for summary in self.flows if summary.flow is not None}

    @property
    def by_group(self) -> dict[str, TradeSummary]:
        """The summary of each group, when ``summarize`` was given ``by``."""
        return dict(self.groups)

    def __add__(self, other: TradeSummary) -> TradeSummary:
        """Combine summaries of disjoint sets of records (same currency)."""
        if other.currency != self.currency:
            raise CurrencyMismatchError(self.currency, other.currency, N_("add"))
        flows = {f.flow: f for f in self.flows}
        for flow in other.flows:
            flows[flow.flow] = flows[flow.flow] + flow if flow.flow in flows else flow
        groups = dict(self.groups)
        for key, summary in other.groups:
            groups[key] = groups[key] + summary if key in groups else summary
        return TradeSummary(
            currency=self.currency,
            overall=self.overall + other.overall,
            flows=_ordered_flows(flows.values()),
            groups=tuple(sorted(groups.items())),
        )


def _ordered_flows(flows: Iterable[FlowSummary]) -> tuple[FlowSummary, ...]:
    order = {TradeFlow.IMPORT: 0, TradeFlow.EXPORT: 1}
    return tuple(sorted(flows, key=lambda f: order[f.flow] if f.flow is not None else 2))


GroupBy = str | Callable[[TradeRecord], str]


def _group_key(record: TradeRecord, by: GroupBy) -> str:
    """The group of a record: what a grouping function returns, else a named grouping's key."""
    if callable(by):
        key = by(record)
        if not isinstance(key, str):
            raise InvalidRecordError(
                key, N_("a grouping function must return text, the group's key")
            )
        return key
    return _named_group(by, record.enterprise, record.period)


def _named_group(by: object, firm: Enterprise, period: Period) -> str:
    """The key of a named grouping, which depends only on the enterprise and the period."""
    if by == "enterprise":
        return firm.key
    if by == "region":
        region = firm.region
        return "unknown" if region is None else region.code
    if by == "level":
        level = firm.level_on(period.end)
        return "none" if level is None else level.value
    raise InvalidRecordError(by, N_("group by 'region', 'level', 'enterprise' or a function"))


_ZERO: Final = Decimal(0)
_exact_add = EXACT.add
_bounded_add = BOUNDED.add
_multiply = EXACT.multiply

#: Multiplies exactly inside the library's bounds, or traps. 65 digits and ``Emin=0`` put the
#: finest digit a result may keep at ``Etiny = 0 - 65 + 1 = -64`` (MIN_EXPONENT) whatever its
#: magnitude up to ``Emax`` (MAX_ADJUSTED_EXPONENT), so a product that is not trapped is the
#: exact product and inside the bounds (``bounds_problem`` is ``None``). A trapped one (beyond
#: the bounds, or exact but longer than 65 digits) is computed and checked the long way.
_IN_BOUNDS: Final = decimal.Context(
    prec=65,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=MAX_ADJUSTED_EXPONENT,
    Emin=0,
    traps=[
        decimal.InvalidOperation,
        decimal.DivisionByZero,
        decimal.Overflow,
        decimal.Inexact,
        decimal.Rounded,
        decimal.Clamped,
    ],
)
_bounded_multiply = _IN_BOUNDS.multiply
_OUT_OF_BOUNDS: Final = (decimal.Overflow, decimal.Inexact, decimal.Rounded, decimal.Clamped)


class _Converter:
    """Amounts in other currencies into the summary's: the rate of each currency and date once.

    The product is the one :meth:`RateTable.convert` makes, exactly; when the table has no rate
    or the product is outside the bounds, :meth:`RateTable.convert` itself raises its error.
    """

    def __init__(self, currency: str, rates: RateTable | None) -> None:
        self.currency = currency
        self.rates = rates
        self.found: dict[tuple[str, date], Decimal] = {}

    def __call__(self, money: Money, code: str, amount: Decimal, on: date) -> Decimal:
        """``money`` (``amount`` in ``code``, not the summary's currency) at the rate ``on``."""
        rates = self.rates
        if rates is None:
            raise CurrencyMismatchError(code, self.currency, N_("sum"))
        rate = self.found.get((code, on))
        if rate is None:
            rate = self.found[code, on] = rates.rate(code, self.currency, on=on).rate
        try:
            return _bounded_multiply(amount, rate)
        except _OUT_OF_BOUNDS:
            product = _multiply(amount, rate)
        if bounds_problem(product) is None:
            return product
        return rates.convert(money, self.currency, on=on).amount  # raises the table's own error


class _Cell:
    """One enterprise's records of one flow (of one period or group, where they matter)."""

    __slots__ = (
        "enterprise",
        "group",
        "missing",
        "period",
        "previous",
        "records",
        "stated",
        "total",
    )

    def __init__(self, enterprise: Enterprise, period: Period, group: str | None = None) -> None:
        self.enterprise = enterprise
        self.period = period
        self.group = group
        self.total = _ZERO
        self.previous = _ZERO
        self.records = 0
        self.missing = 0
        self.stated: Growth | None = None

    def add(self, amount: Decimal, previous: Decimal | None, growth: Growth | None) -> None:
        """Count a record with its (converted) value, prior-year value and reported growth."""
        self.total = _exact_add(self.total, amount)
        if growth is not self.stated or growth is None:
            self.stated = common_growth(self.stated, self.records, growth, 1)
        self.records += 1
        if previous is None:
            self.missing += 1
        else:
            self.previous = _exact_add(self.previous, previous)


#: The cells of each flow, by enterprise (and period, or group).
_Cells = tuple[dict[object, _Cell], dict[object, _Cell]]


def _one_pass(
    records: tuple[TradeRecord, ...],
    convert: _Converter,
    *,
    by_period: bool = False,
    kept: list[tuple[Decimal, Decimal | None, Growth | None]] | None = None,
) -> _Cells:
    """Add every record into the cells of its flow and enterprise (and period, ``by_period``).

    Each value and prior-year value is converted once; ``kept`` receives them, record by record.
    The checks and errors are those of adding the records up one by one in order with ``Money``
    (the running totals are checked against the bounds as ``Money + Money`` checks them), so
    the first record that cannot be summed raises, whatever is wrong with later ones.
    """
    currency = convert.currency
    imports: dict[object, _Cell] = {}
    exports: dict[object, _Cell] = {}
    earlier: dict[int, Period] = {}
    total = previous_total = _ZERO
    for record in records:
        value, period, firm = record.value, record.period, record.enterprise
        code, amount = value.currency, value.amount
        if code != currency:
            amount = convert(value, code, amount, period.end)
        try:
            total = _bounded_add(total, amount)
        except decimal.Overflow:  # beyond the bounds: Money's own addition raises the error
            total = (Money(total, currency) + Money(amount, currency)).amount
        prior = record.previous
        stated = None
        if prior is not None:
            before = earlier.get(id(period))
            if before is None:
                before = earlier[id(period)] = period.previous_year()
            stated = prior.amount
            if code != currency:  # a prior-year value is in its record's currency
                stated = convert(prior, code, stated, before.end)
            try:
                previous_total = _bounded_add(previous_total, stated)
            except decimal.Overflow:
                previous_total = (Money(previous_total, currency) + Money(stated, currency)).amount
        cells = imports if record.flow is TradeFlow.IMPORT else exports
        key = (id(firm), id(period)) if by_period else id(firm)
        cell = cells.get(key)
        if cell is None:
            cell = cells[key] = _Cell(firm, period)
        growth = record.reported_growth
        cell.add(amount, stated, growth)
        if kept is not None:
            kept.append((amount, stated, growth))
    return imports, exports


def _grouped_cells(
    records: tuple[TradeRecord, ...],
    kept: list[tuple[Decimal, Decimal | None, Growth | None]],
    by: GroupBy,
) -> _Cells:
    """The cells of each flow by group and enterprise, grouping record by record (a function)."""
    imports: dict[object, _Cell] = {}
    exports: dict[object, _Cell] = {}
    for record, (amount, stated, growth) in zip(records, kept, strict=True):
        group = _group_key(record, by)
        firm = record.enterprise
        cells = imports if record.flow is TradeFlow.IMPORT else exports
        cell = cells.get((group, id(firm)))
        if cell is None:
            cell = cells[group, id(firm)] = _Cell(firm, record.period, group)
        cell.add(amount, stated, growth)
    return imports, exports


class _Keys:
    """The key of each enterprise (credit code, else name), computed once per enterprise."""

    def __init__(self) -> None:
        self.found: dict[int, str] = {}

    def __call__(self, firm: Enterprise) -> str:
        key = self.found.get(id(firm))
        if key is None:
            key = self.found[id(firm)] = firm.key
        return key


def _flow_summary(
    flow: TradeFlow | None, cells: Iterable[_Cell], currency: str, keys: _Keys
) -> FlowSummary:
    total = previous = _ZERO
    count = missing = 0
    stated: Growth | None = None
    firms: set[str] = set()
    for cell in cells:
        stated = common_growth(stated, count, cell.stated, cell.records)
        total = _exact_add(total, cell.total)
        previous = _exact_add(previous, cell.previous)
        count += cell.records
        missing += cell.missing
        firms.add(keys(cell.enterprise))
    return FlowSummary(
        flow=flow,
        total=Money(total, currency),
        previous_total=Money(previous, currency) if missing == 0 else None,
        record_count=count,
        missing_previous=missing,
        enterprise_keys=firms,
        stated_growth=stated,
    )


def _summary(
    imports: Sequence[_Cell], exports: Sequence[_Cell], currency: str, keys: _Keys
) -> TradeSummary:
    flows = [
        _flow_summary(flow, cells, currency, keys)
        for flow, cells in ((TradeFlow.IMPORT, imports), (TradeFlow.EXPORT, exports))
        if cells
    ]
    return TradeSummary(
        currency=currency,
        overall=_flow_summary(None, itertools.chain(imports, exports), currency, keys),
        flows=tuple(flows),
    )


def summarize(
    records: Iterable[TradeRecord],
    *,
    currency: str,
    rates: RateTable | None = None,
    by: GroupBy | None = None,
) -> TradeSummary:
    """Add trade records up: totals, prior-year totals, growth and enterprise counts, per flow.

    Args:
        records: the records to summarise.
        currency: the currency of the summary.
        rates: exchange rates for records in other currencies; each value is converted at the rate
            on its own period's end date (and the prior-year value at the prior period's end).
        by: ``"region"``, ``"level"`` (highest valid level at the period's end), ``"enterprise"``
            or a function of a record, to also summarise per group.

    Raises:
        CurrencyMismatchError: a record is in another currency and no rates were given.
        RateNotFoundError: no rate applies to a record's date (never a silent skip).
        InvalidRecordError: ``records`` is not a sequence of records, ``rates`` not a
            ``RateTable``, or ``by`` not a grouping (or its function returns no text).

    The records are read in one pass, in order: each value (and prior-year value) is converted
    once, the rate of each currency and date looked up once, and added in exact arithmetic (the
    caller's decimal context plays no part) into sums per flow and enterprise, from which the
    totals of each flow, group and the whole are added up. The first record that cannot be
    summed raises; a grouping is applied once every record is summed, so a record in a currency
    without a rate is reported before a grouping function that fails. A grouping function is
    called once per record, in order, after that pass.

    >>> from littlegiants.enterprise import Enterprise
    >>> hosin = Enterprise("Shenzhen Hosin Global Electronics Co. Ltd.", region="440300")
    >>> records = [
    ...     TradeRecord(hosin, "2022-01..2022-10", "import", Money.parse("US$99.2 million"),
    ...                 growth="59%"),
    ...     TradeRecord(hosin, "2022-01..2022-10", "export", Money.parse("US$27.59 million"),
    ...                 growth="109%"),
    ... ]
    >>> summary = summarize(records, currency="USD")
    >>> summary.total, summary.enterprise_count
    (Money('126790000.00', 'USD'), 1)
    >>> print(summary.growth)  # doctest: +ELLIPSIS
    +67.73...%
    """
    from littlegiants.money import validate_currency  # noqa: PLC0415

    if rates is not None and not isinstance(rates, RateTable):
        raise InvalidRecordError(rates, N_("rates must be a RateTable, or None"))
    convert = _Converter(validate_currency(currency), rates)
    everything = items(records, TradeRecord, "records")
    kept: list[tuple[Decimal, Decimal | None, Growth | None]] | None = [] if callable(by) else None
    imports, exports = _one_pass(everything, convert, by_period=by == "level", kept=kept)
    keys = _Keys()
    result = _summary(list(imports.values()), list(exports.values()), convert.currency, keys)
    if by is None:
        return result
    if kept is not None:
        imports, exports = _grouped_cells(everything, kept, by)
    grouped: dict[str, tuple[list[_Cell], list[_Cell]]] = {}
    for index, cells in enumerate((imports, exports)):
        for cell in cells.values():
            group = cell.group
            if group is None:
                group = _named_group(by, cell.enterprise, cell.period)
            grouped.setdefault(group, ([], []))[index].append(cell)
    return attrs.evolve(
        result,
        groups=tuple(
            (group, _summary(*cells, convert.currency, keys))
            for group, cells in sorted(grouped.items())
        ),
    )


@attrs.frozen(kw_only=True)
class TradeAggregate:
    """A reported total over a group of enterprises, kept as the aggregate it is.

    Customs and news report cohort figures ("320 little giants traded 44.64 billion yuan in
    Jan–Oct 2022, up 11%") without the firms behind them. Such a figure is stored as one
    aggregate, never spread over invented enterprises.

    Args:
        label: what the group is, e.g. "Shenzhen little giants with foreign-trade records".
        period: the period covered.
        value: the reported total.
        enterprise_count: how many enterprises the figure covers, when reported.
        region: the region of the group, when it has one.
        flow: import or export, or ``None`` for imports and exports together.
        growth: the reported year-on-year growth.
        equivalent: the same total as reported in another currency (US$6.24 billion).
        source: where the figure comes from.

    >>> cohort = TradeAggregate(
    ...     label="Shenzhen little giants with foreign-trade records at Shenzhen Customs",
    ...     period="2022-01..2022-10",
    ...     value=Money.parse("44.64 billion yuan"),
    ...     enterprise_count=320,
    ...     growth="11%",
    ...     equivalent=Money.parse("US$6.24 billion"),
    ... )
    >>> cohort.previous.round()
    Money('40216216216.22', 'CNY')
    >>> cohort.implied_rate(on=cohort.period.end).rate.quantize(Decimal("0.0001"))
    Decimal('7.1538')
    """

    label: str
    period: Period = attrs.field(converter=_period)
    value: Money = attrs.field(validator=_value)
    enterprise_count: int | None = None
    region: Region | None = attrs.field(default=None, converter=coerce_optional_region)
    flow: TradeFlow | None = attrs.field(default=None, converter=_optional_flow)
    growth: Growth | None = attrs.field(default=None, converter=_growth)
    equivalent: Money | None = attrs.field(default=None, validator=_equivalent)
    source: str | None = attrs.field(default=None, validator=_source)

    def __attrs_post_init__(self) -> None:
        """Check the label, the value and the count."""
        if not isinstance(self.label, str) or not self.label.strip():
            raise InvalidRecordError(self.label, N_("an aggregate needs a label"))
        if invisible_edge(self.label):
            raise InvalidRecordError(
                self.label, N_("a label must not start or end with a line break or a tab")
            )
        if self.value.amount < 0:
            raise InvalidRecordError(self.value, N_("a trade value cannot be negative"))
        count = self.enterprise_count
        if count is not None and (
            isinstance(count, bool) or not isinstance(count, int) or not 0 <= count < _MAX_COUNT
        ):
            raise InvalidRecordError(
                count,
                Reason(
                    N_("an enterprise count is a whole number >= 0 (below {limit})"),
                    limit=f"{_MAX_COUNT:.0E}",
                ),
            )
        if self.equivalent is not None and self.equivalent.currency == self.value.currency:
            raise InvalidRecordError(
                self.equivalent, N_("the equivalent must be in another currency than the value")
            )

    @property
    def previous(self) -> Money | None:
        """The total a year earlier implied by the reported growth, or ``None``."""
        return None if self.growth is None else self.growth.previous_of(self.value)

    def implied_rate(self, *, on: date) -> ExchangeRate:
        """The exchange rate the value and its reported equivalent imply (1 equivalent = r value).

        Raises:
            InvalidRecordError: no equivalent was reported.
        """
        if self.equivalent is None:
            raise InvalidRecordError(
                self.label, N_("no equivalent in another currency is reported")
            )
        return ExchangeRate.implied(self.value, self.equivalent, on=on, source=self.source)
