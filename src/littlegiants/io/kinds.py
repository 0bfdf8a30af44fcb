"""Record kinds: the columns of each kind of source file, and how a row becomes a domain object.

Nine kinds of file hold the programme's data: enterprises, designations, relocations, trade
records, financial years, profiles (the non-financial facts an application states), exchange
rates, and the figures sources report without the firms behind them:
trade aggregates (a cohort's total) and designation counts (how many a place holds). Each has
documented columns (English names, with the Chinese headers official lists use as aliases)
published in ``docs/loading.md``; a test checks the docs against :func:`markdown_table`, so they
cannot drift apart.

Each kind is a :class:`Kind` object defined once, at the end of this module, that owns its
columns and aliases and its behaviour: how a row becomes its record (its builder), how a record
becomes cells (what a dump writes), which dates ``as_of=`` refuses, what must be unique in its
files, its place in the order a dataset is read and in the dataset itself. :data:`KINDS` holds
them by name; the loader, the dumps, the command line and the JSON Schemas ask the kind and
switch on no name, so :func:`register` adding a :class:`Kind` is all a new kind of file takes.

>>> ordered()[0] is base() is ENTERPRISES, TRADE.field, DESIGNATIONS.fact.field
(True, 'trade_records', 'designations')

A row becomes an object in two steps. Every cell is first **structured on its own** by the
shared cattrs converter of :mod:`littlegiants.io.structuring`, to the type its attrs field declares,
so one row reports every bad cell at once, each by its column; the class's own constructor then
builds the record and runs the checks that involve several fields (a batch on a provincial
designation, a prior-year value that contradicts the growth).

Trade files are the large ones (a customs extract has a row per firm, month and flow), so trade
rows have a **fast path**: a row whose cells are plain (a known enterprise, period, flow and
currency, amounts written as plain numbers) is built from caches and ``Decimal`` directly, without
cattrs; any other row, and any row the fast path cannot finish, takes the general path above,
which also fills the caches. The fast path builds a list of rows a column at a time when it can
build them all, else row by row. It ends in ``TradeRecord``'s trusted constructors, which take
the values it made (already of the fields' types) and run the same checks as the class's own
constructor, so both paths accept and refuse the same rows.
"""

from __future__ import annotations

import collections
import datetime as dt
import enum
import functools
import itertools
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

from littlegiants._exact import EXACT, bounds_problem
from littlegiants._moneytext import parse_money_text
from littlegiants.batches import Bound
from littlegiants.counts import CountKind, DesignationCount
from littlegiants.designation import Designation
from littlegiants.enterprise import Enterprise, Relocation
from littlegiants.errors import (
    AmbiguousRegionError,
    InvalidDateError,
    LittleGiantsError,
    MoneyParseError,
    Reason,
    UnknownRegionError,
)
from littlegiants.financials import FinancialYear, Profile
from littlegiants.fx import ExchangeRate
from littlegiants.io.structuring import StructureError, converter, structure
from littlegiants.io.tables import MAX_CELL_CHARS, FastPath, Issue, shown, unescape_formula
from littlegiants.money import Money, is_valid_currency, validate_currency
from littlegiants.periods import parse_date
from littlegiants.records import (
    DesignationRecord,
    FinancialRecord,
    ProfileRecord,
    RelocationRecord,
)
from littlegiants.regions import Region, regions_named
from littlegiants.trade import TradeAggregate, TradeFlow, TradeRecord
from littlegiants.translations import N_

if TYPE_CHECKING:
    import cattrs

    from littlegiants.growth import Growth

__all__ = [
    "AGGREGATES",
    "COUNTS",
    "DESIGNATIONS",
    "ENTERPRISES",
    "FINANCIALS",
    "KINDS",
    "PROFILES",
    "RATES",
    "RELOCATIONS",
    "TRADE",
    "Binding",
    "Column",
    "Fact",
    "Kind",
    "RowReader",
    "base",
    "bind",
    "build_record",
    "markdown_table",
    "ordered",
    "register",
    "unregister",
]

# The cells of a row are structured to the types the attrs fields declare: resolve them once.
for _cls in (
    Enterprise,
    Designation,
    FinancialYear,
    TradeRecord,
    ExchangeRate,
    TradeAggregate,
    DesignationCount,
):
    attrs.resolve_types(_cls)

#: Column types, and what their cells hold.
TYPES: Final = {
    "text": "free text, kept exactly",
    "credit code": "18 characters, GB 32100",
    "region": "GB/T 2260 code or name (440305, 深圳市南山区), or `unknown`",
    "division": "GB/T 2260 code or name (440305, 深圳市南山区)",
    "currency": "ISO 4217 code",
    "money": "amount",
    "integer": "whole number",
    "batch": "whole number, or 第4批",
    "decimal": "exact decimal",
    "date": "date",
    "period": "period",
    "flow": "import/export",
    "flows": "import/export, or `total` (进出口)",
    "count kind": "held/batch/target (现有/批次/目标)",
    "level": "level",
    "growth": "percentage",
    "boolean": "true/false, 是/否",
    "re-reviews": "re-reviews",
    "share": "fraction 0–1, or a percentage `12%`",
    "tier": "national/provincial/municipal (国家级/省级/市级)",
    "product field": "a `ProductField` value",
    "awards": "awards, or `none`",
    "placings": "placings, or `none`",
    "names": "names separated by `;`, or `none`",
}
#: Cell types that hold a list; a cell of ``none`` (无) is a list known to be empty.
_LISTS: Final = frozenset({"re-reviews", "awards", "placings", "names"})
_NONE_LIST: Final = frozenset({"none", "无"})
_LIST_SPLIT: Final = re.compile(r"[;；]")
_TIERS: Final = {
    **dict.fromkeys(("national", "国家级", "国家"), "national"),
    **dict.fromkeys(("provincial", "省级", "省部级"), "provincial"),
    **dict.fromkeys(("municipal", "市级"), "municipal"),
}
_AWARD: Final = re.compile(r"(\S+?)\s*(?:第\s*)?([0-9]+)\s*名?\s+([0-9]{4})\s*年?")
_PLACING_CELL: Final = re.compile(r"([0-9]{4})\s*年?\s+(\S+)")
_NUMERIC: Final = frozenset({"money", "integer", "batch", "decimal", "growth"})
_CACHE_SIZE: Final = 4096
_UNKNOWN_REGION: Final = frozenset({"unknown", "未知"})
_NON_FINITE: Final = re.compile(r"[+-]?(?:nan|s?nan|inf|infinity)", re.IGNORECASE)
_PLAIN: Final = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_BATCH: Final = re.compile(r"第\s*([0-9]+|[一二三四五六七八九十]+)\s*批")
_NUMERALS: Final = {c: n for n, c in enumerate("一二三四五六七八九", start=1)}
_UNIT: Final = re.compile(r"^(.*?)\s*[(\[]\s*([^()\[\]]+?)\s*[)\]]$")
_PASSED: Final = {
    **dict.fromkeys(("passed", "pass", "通过", "true", "yes", "是"), True),
    **dict.fromkeys(("failed", "fail", "未通过", "不通过", "false", "no", "否"), False),
}
_REVIEW: Final = re.compile(r"(\S+)\s+(\S+)")
_BOTH_FLOWS: Final = frozenset({"total", "进出口", "imports and exports"})
_COUNT_KINDS: Final = {
    **dict.fromkeys(("held", "现有", "累计"), CountKind.HELD),
    **dict.fromkeys(("batch", "批次", "新增"), CountKind.BATCH),
    **dict.fromkeys(("target", "目标"), CountKind.TARGET),
}


@attrs.frozen
class Column:
    """One column of a kind: its name, type, accepted aliases and meaning."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    meaning: str = ""


#: What a kind's builder gives: the record, or ``None`` and the row's problems.
_Built = tuple[object | None, list[Issue]]
#: How a kind builds a record from a row's prepared values: ``(reader, values, bad, complete)``,
#: where ``bad`` names the cells that had problems and ``complete`` says whether the row has
#: every required value and no bad cell (only then is the record's constructor called).
Builder = Callable[["RowReader", Mapping[str, object], frozenset[str], bool], _Built]
#: A record's identity within the files of its kind: ``(key, column, value, what)``.
Identity = Callable[[Any], tuple[object, str, object, str]]
#: A linked record's identity within a dataset, by its enterprise's index:
#: ``(key, what, column, value)``.
Repeat = Callable[[int, Any], tuple[tuple[object, ...], str, str, object]]


def _no_dates(_: object, __: dt.date) -> list[Issue]:
    """A kind with no date that ``as_of=`` refuses."""
    return []


@attrs.frozen
class Fact:
    """How a dataset attaches a kind's records to their enterprise (designations, moves ...).

    ``field`` is the enterprise's field the facts go to (``designations``), ``attribute`` the
    record's attribute that holds one (``designation``); with ``one``, an enterprise holds one
    such fact (its ``profile``), not a tuple of them.
    """

    field: str
    attribute: str
    one: bool = False


def _own_fields(columns: Sequence[Column]) -> tuple[str, ...]:
    """A record's fields by default: its columns but the firm's name and code and the currency."""
    return tuple(column.name for column in columns if column.name not in _REFERENCE)


#: The columns a row names its enterprise and the currency of its amounts by.
_REFERENCE: Final = frozenset({"name", "credit_code", "currency"})


@attrs.frozen(eq=False)
class Kind:
    """A kind of source file, and everything the edges do with it.

    A kind owns its name, TOML table, columns (with their aliases) and required columns;
    ``required`` lists groups of columns, and a file must have at least one column of each
    group. It owns its behaviour too, so that the loader, the dumps, the command line and the
    JSON Schemas handle every kind without a switch on names, and a new kind is one definition
    (:func:`register`):

    - ``record``: the class of its records; ``fields`` the constructor's arguments its
      builder takes from a row's values, in order (by default every column but ``name``,
      ``credit_code`` and ``currency``);
    - ``builder``: how a row's prepared values become a record (:data:`Builder`);
    - ``cells``: how a record becomes the cells a dump writes (see :func:`cells_of`);
    - ``dates``: the problems of a record's dates after ``as_of=`` (none by default);
    - ``identity``: for kinds whose records must be unique within their files (enterprises,
      rates, aggregates, counts), a record's key, the column and value a repeat is reported
      at, and how to name it; ``None`` for no check;
    - ``fast_path``: CSV rows may take the trade fast path (see the module docstring);
    - ``rank``: its place in the order a dataset is read (enterprises first);
    - its place in a :class:`~littlegiants.io.loader.Dataset`: ``base`` (its rows are the
      enterprises the others link to), ``fact`` (its records attach to their enterprise),
      ``field`` (the dataset's attribute its records go to), and ``linked`` (its rows name an
      enterprise: a record's identity within a dataset, by its enterprise). A kind with none of
      these is read and written alone, never as part of a dataset.
    """

    name: str
    table: str
    columns: tuple[Column, ...]
    required: tuple[tuple[str, ...], ...]
    meaning: str
    record: type[Any] = attrs.field(kw_only=True)
    fields: tuple[str, ...] = attrs.field(
        kw_only=True, default=attrs.Factory(lambda kind: _own_fields(kind.columns), takes_self=True)
    )
    builder: Builder = attrs.field(kw_only=True)
    cells: Callable[[Any], dict[str, object]] = attrs.field(kw_only=True)
    rank: int = attrs.field(kw_only=True)
    dates: Callable[[Any, dt.date], list[Issue]] = attrs.field(kw_only=True, default=_no_dates)
    identity: Identity | None = attrs.field(kw_only=True, default=None)
    fast_path: bool = attrs.field(kw_only=True, default=False)
    base: bool = attrs.field(kw_only=True, default=False)
    fact: Fact | None = attrs.field(kw_only=True, default=None)
    field: str | None = attrs.field(kw_only=True, default=None)
    linked: Repeat | None = attrs.field(kw_only=True, default=None)

    @property
    def tables(self) -> tuple[str, ...]:
        """The TOML table names (and XLSX sheet names) accepted, canonical first."""
        return (self.table, self.name) if self.table != self.name else (self.table,)

    @property
    def column_names(self) -> tuple[str, ...]:
        """The canonical column names, in order (the header dumps write)."""
        return tuple(column.name for column in self.columns)

    @property
    def text_columns(self) -> frozenset[str]:
        """Columns of free text (kept exactly; escaped against formulas in CSV dumps)."""
        return frozenset(column.name for column in self.columns if column.type in _FREE_TEXT)

    @property
    def money_columns(self) -> frozenset[str]:
        """Columns of amounts (not read when the row's currency is bad)."""
        return frozenset(column.name for column in self.columns if column.type == "money")

    @property
    def in_datasets(self) -> bool:
        """Whether a dataset holds this kind's records (a folder's files, a list's tables)."""
        return self.base or self.fact is not None or self.field is not None


#: Cell types written as the user's own text, so a CSV dump escapes them against formulas.
_FREE_TEXT: Final = frozenset({"text", "names"})

_NAME = Column(
    "name",
    "text",
    ("企业名称", "企业", "名称", "公司名称", "单位名称", "company", "enterprise", "company_name"),
    "the enterprise's registered name",
)
_CODE = Column(
    "credit_code",
    "credit code",
    ("统一社会信用代码", "社会信用代码", "信用代码", "uscc", "usci"),
    "its Unified Social Credit Code",
)
_CURRENCY = Column(
    "currency",
    "currency",
    ("币种", "币制", "货币"),
    "the currency of the row's amounts that name none",
)
_SOURCE = Column("source", "text", ("来源", "数据来源"), "where the figure comes from")
_REGION_ALIASES: Final = ("行政区划代码", "区划代码", "地区代码", "region_code")
#: The headers official lists give the region of a listed firm (a name such as 南山区, or a code).
_LISTED_REGION: Final = ("所在地区", "所属地区", "所在区域", "所属区域", "地区", "区县", "所在地")
_FLOW_ALIASES: Final = ("进出口", "贸易方向", "流向")
_PERIOD = Column("period", "period", ("期间", "统计期间", "时期", "报告期"), "`2022-01..2022-10`")
_GROWTH = Column("growth", "growth", ("同比", "同比增长", "增速"), "year-on-year growth, `59%`")
_LEVEL = Column("level", "level", ("认定级别", "级别", "层级"), "national, provincial, municipal")


def _money(name: str, aliases: tuple[str, ...], meaning: str) -> Column:
    return Column(name, "money", aliases, meaning)


#: The kinds of data file by name, in the order docs and messages list them (see the end of
#: the module, where each kind is defined, and :func:`register`).
KINDS: Final[dict[str, Kind]] = {}


def _normal(name: str) -> str:
    """Header text as compared: NFKC (full-width to ASCII), trimmed, case-folded, ``_`` for gaps."""
    text = unicodedata.normalize("NFKC", name).strip().casefold()
    return re.sub(r"[\s\-]+", "_", text)


@functools.cache
def _aliases(kind: Kind) -> dict[str, Column]:
    index: dict[str, Column] = {}
    for column in kind.columns:
        for alias in (column.name, *column.aliases):
            index[_normal(alias)] = column
    return index


def markdown_table(kind_name: str) -> str:
    """The kind's columns as the Markdown table ``docs/loading.md`` shows (a test compares them).

    >>> print(markdown_table("rates").splitlines()[2])
    | `base` | 基础货币, 原币 | ISO 4217 code | yes | the currency converted from |
    """
    kind = KINDS[kind_name]
    required = {name for group in kind.required for name in group}
    lines = [
        "| column | aliases | holds | required | meaning |",
        "| --- | --- | --- | --- | --- |",
    ]
    for column in kind.columns:
        need = "yes" if column.name in required else "no"
        if any(column.name in group and len(group) > 1 for group in kind.required):
            need = "one of " + " / ".join(
                next(group for group in kind.required if column.name in group)
            )
        aliases = ", ".join(column.aliases)
        lines.append(
            f"| `{column.name}` | {aliases} | {TYPES[column.type]} | {need} | {column.meaning} |"
        )
    return "\n".join(lines)


# -- binding a header (or a record's keys) to the kind's columns --------------------------------


@attrs.frozen
class Binding:
    """Which column of the kind each position of a header (or key of a record) holds.

    ``columns[i]`` is the kind's column at position ``i`` (``None`` for a column the kind does not
    have); ``ignored`` holds the headers of the columns the kind does not use (序号, 备注, ...),
    which are read past and reported once, never an error; ``units`` maps a money or growth
    column to the unit its header gives (``万元``, ``CNY``, ``%``); ``source`` maps a kind's
    column to the header text the file uses, which is how problems name columns.
    """

    kind: Kind
    names: tuple[str, ...]
    columns: tuple[Column | None, ...]
    units: Mapping[str, str]
    source: Mapping[str, str]
    ignored: tuple[str, ...] = ()

    def column_name(self, name: str | None) -> str | None:
        """The file's own header for a kind's column (the kind's name when the file lacks it)."""
        if name is None:
            return None
        return self.source.get(name, name)


def _unit_issue(column: Column, unit: str, header: str) -> str | None:
    if column.type == "growth":
        return (
            None
            if unit == "%"
            else Reason(N_("the unit of {header} can only be %"), header=repr(header))
        )
    if column.type != "money":
        return Reason(N_("the column {header} takes no unit in its header"), header=repr(header))
    try:
        parse_money_text("1" + unit)
    except MoneyParseError:
        try:
            parse_money_text("1" + unit, currency="CNY")
        except (MoneyParseError, LittleGiantsError):
            return Reason(
                N_("{unit} in {header} is not a unit of money such as 万元, CNY or million USD"),
                unit=repr(unit),
                header=repr(header),
            )
    return None


def _unit_currency(unit: str) -> str | None:
    try:
        return parse_money_text("1" + unit)[1]
    except MoneyParseError:
        return None


def bind(kind: Kind, names: Sequence[str], *, table: bool = True) -> tuple[Binding, list[Issue]]:
    """Bind header texts (or one record's keys) to the kind's columns.

    Args:
        kind: the kind of file.
        names: the header cells, or a record's keys.
        table: whether ``names`` is a table's header (a missing column is then a problem of
            the file); for a record's keys it becomes a problem of the record.

    Returns:
        The binding, and the problems found (a duplicate or missing column, a header without a
        name, a bad unit). A column the kind does not use is no problem: the binding's
        ``ignored`` lists it.
    """
    index = _aliases(kind)
    issues: list[Issue] = []
    columns: list[Column | None] = []
    units: dict[str, str] = {}
    source: dict[str, str] = {}
    ignored: list[str] = []
    for position, header in enumerate(names, start=1):
        text = "" if header is None else str(header)
        column = index.get(_normal(text))
        unit = None
        if column is None and (match := _UNIT.match(unicodedata.normalize("NFKC", text))):
            column = index.get(_normal(match[1]))
            unit = match[2]
        if not text.strip():
            issues.append(
                Issue(None, text, Reason(N_("column {position} has no header"), position=position))
            )
        elif column is None:
            ignored.append(text)
        elif column.name in source:
            issues.append(
                Issue(
                    text,
                    text,
                    Reason(
                        N_("{text} and {other} are both {column}"),
                        text=repr(text),
                        other=repr(source[column.name]),
                        column=column.name,
                    ),
                )
            )
            column = None
        else:
            source[column.name] = text
            if unit is not None:
                problem = _unit_issue(column, unit, text)
                if problem is not None:
                    issues.append(Issue(text, text, problem))
                units[column.name] = unit
        columns.append(column)
    for group in kind.required if table else ():
        if not any(name in source for name in group):
            names_ = _either(f"{name} ({_all_aliases(kind, name)})" for name in group)
            missing = Reason(N_("a required column is missing: {names}"), names=names_)
            issues.append(Issue(group[0], None, missing))
    binding = Binding(kind, tuple(map(str, names)), tuple(columns), units, source, tuple(ignored))
    return binding, issues


def ignored_note(kind: Kind, ignored: Sequence[str]) -> str:
    """What a load reports, once per file, of the columns it read past.

    >>> print(ignored_note(KINDS["rates"], ["序号", "备注"]))
    ignored 2 columns the library does not use: '序号', '备注' (rates files have: base
    (基础货币, 原币), quote (计价货币, 目标货币), rate (汇率), on (日期, date), source
    (来源, 数据来源))
    """
    known = ", ".join(
        f"{column.name} ({', '.join(column.aliases)})" if column.aliases else column.name
        for column in kind.columns
    )
    template = (
        N_("ignored {count} column the library does not use: {names} ({kind} files have: {known})")
        if len(ignored) == 1
        else N_(
            "ignored {count} columns the library does not use: {names} ({kind} files have: {known})"
        )
    )
    names = ", ".join(map(repr, ignored))
    return Reason(template, count=len(ignored), names=names, kind=kind.name, known=known)


def _all_aliases(kind: Kind, name: str) -> str:
    column = next(column for column in kind.columns if column.name == name)
    return ", ".join(column.aliases) if column.aliases else name


def _aliases_of(kind: Kind, name: str) -> str:
    column = next(column for column in kind.columns if column.name == name)
    return column.aliases[0] if column.aliases else name


# -- cells ----------------------------------------------------------------------------------------


def _prepare(column: Column, raw: object, unit: str | None, escaped: bool) -> object:
    """Normalise one non-empty cell for its column, or return an :class:`Issue`.

    With ``escaped`` (CSV), the apostrophe a dump puts before a cell that starts like a formula
    is removed first, from any column: once, so text that starts with an apostrophe of its own
    keeps it (see :func:`~littlegiants.io.tables.escape_formula`). A number (JSON, TOML, XLSX),
    anywhere in the cell, must lie within the library's bounds
    (:func:`~littlegiants._exact.bounds_problem`).
    """
    kind = column.type
    if isinstance(raw, str):
        if escaped:
            raw = unescape_formula(raw)
        if kind == "text":
            return raw
        if kind == "names":
            return _names(column, raw)
        text = raw.strip()
        if not text:
            return None
        if text.startswith("="):
            return Issue(
                column.name,
                raw,
                N_(
                    "a spreadsheet formula, not a value: formulas are never evaluated; paste the "
                    "values instead"
                ),
            )
        if kind in _NUMERIC and _NON_FINITE.fullmatch(text):
            return Issue(column.name, raw, Reason(N_("{text} is not a finite number"), text=text))
        return _prepare_text(column, text, unit)
    if isinstance(raw, Decimal) and not raw.is_finite():
        return Issue(column.name, str(raw), Reason(N_("{text} is not a finite number"), text=raw))
    beyond = _beyond_bounds(raw)
    if beyond is not None:
        number, problem = beyond
        message = Reason(
            N_("the number {number} is out of bounds: {problem}"), number=number, problem=problem
        )
        return Issue(column.name, number, message)
    numeric = isinstance(raw, int | Decimal) and not isinstance(raw, bool)
    if unit is not None and kind in ("money", "growth") and numeric:
        return _prepare_text(column, format(raw, "f"), unit)
    if kind == "awards" and isinstance(raw, list):
        return [_award_level(item) for item in raw]
    return raw


def _beyond_bounds(value: object) -> tuple[str, str] | None:
    """The first number in a value (a list or table included) outside the library's bounds.

    Returns the number as shown in a message and why, or ``None``. Walks without recursion,
    however deeply the value nests.
    """
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, bool):
            continue
        if isinstance(item, int | Decimal):
            number = item if isinstance(item, Decimal) else Decimal(item)
            problem = bounds_problem(number) if number.is_finite() else None
            if problem is not None:
                return shown(str(number)), problem
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def _award_level(item: object) -> object:
    """An award in JSON or TOML, its level read as in a table cell (国家级 is national)."""
    level = item.get("level") if isinstance(item, dict) else None
    if isinstance(item, dict) and isinstance(level, str) and level.strip().casefold() in _TIERS:
        return {**item, "level": _TIERS[level.strip().casefold()]}
    return item


def _prepare_text(column: Column, text: str, unit: str | None) -> object:
    kind = column.type
    if unit is not None:
        if not _PLAIN.fullmatch(text):
            return Issue(
                column.name,
                text,
                Reason(
                    N_("the header gives the unit {unit}, so write a plain number such as 1,234.5"),
                    unit=unit,
                ),
            )
        return text + unit
    if kind == "date":
        return _iso_date(text)
    if kind == "batch":
        match = _BATCH.fullmatch(text)
        if match:
            number = match[1]
            return int(number) if number.isdigit() else _chinese_number(number, text)
        return text
    if kind in _LISTS and text.casefold() in _NONE_LIST:
        return []
    parse = _TEXT_PARSERS.get(kind)
    if parse is not None:
        return parse(column, text)
    if kind == "region" and text.casefold() in _UNKNOWN_REGION:
        return _UNKNOWN
    if kind == "flows" and text.casefold() in _BOTH_FLOWS:
        return _UNKNOWN
    if kind == "count kind":
        found = _COUNT_KINDS.get(text.casefold())
        if found is None:
            return Issue(
                column.name,
                text,
                Reason(
                    N_(
                        "{text} is not a kind of count: write held (现有), batch (批次) or "
                        "target (目标)"
                    ),
                    text=repr(text),
                ),
            )
        return found
    return text


def _iso_date(text: str) -> str:
    """A date cell as ISO text, read as :func:`~littlegiants.periods.parse_date` reads it.

    Text that is no date is returned as it is, for the structuring step to report.
    """
    try:
        return parse_date(text).isoformat()
    except InvalidDateError:
        return text


def _chinese_number(numeral: str, text: str) -> object:
    if numeral == "十":
        return 10
    if len(numeral) == 1 and numeral in _NUMERALS:
        return _NUMERALS[numeral]
    if len(numeral) == 2 and numeral[0] == "十" and numeral[1] in _NUMERALS:
        return 10 + _NUMERALS[numeral[1]]
    return text


def _re_reviews(column: Column, text: str) -> object:
    reviews: list[dict[str, object]] = []
    for part in re.split(r"[;；]", text):
        if not part.strip():
            continue
        match = _REVIEW.fullmatch(part.strip())
        result = None if match is None else _PASSED.get(match[2].casefold())
        if match is None or result is None:
            return Issue(
                column.name,
                text,
                Reason(
                    N_(
                        "{part} is not a re-review: write each as '2025-07-01 passed' or "
                        "'2025-07-01 failed' (通过 / 未通过), separated by ';'"
                    ),
                    part=repr(part.strip()),
                ),
            )
        reviews.append({"on": _iso_date(match[1]), "passed": result})
    return reviews


def _names(column: Column, text: str) -> object:
    """Names separated by ``;``: ``高新技术企业; 专精特新``; ``none`` (无) for none."""
    if text.strip().casefold() in _NONE_LIST:
        return []
    names = [part.strip() for part in _LIST_SPLIT.split(text)]
    if any(not name for name in names):
        return Issue(column.name, text, N_("an empty name between ';' separators"))
    return names


def _list_issue(column: Column, text: str, part: str, example: str) -> Issue:
    return Issue(
        column.name,
        text,
        Reason(
            N_("{part} is not one of {column}: write each as {example}, separated by ';', or none"),
            part=repr(part),
            column=column.name,
            example=repr(example),
        ),
    )


def _awards(column: Column, text: str) -> object:
    awards: list[dict[str, object]] = []
    for part in filter(None, (piece.strip() for piece in _LIST_SPLIT.split(text))):
        match = _AWARD.fullmatch(part)
        level = None if match is None else _TIERS.get(match[1].casefold())
        if match is None or level is None:
            return _list_issue(column, text, part, "national 2 2023")
        awards.append({"level": level, "rank": int(match[2]), "year": int(match[3])})
    return awards


def _placings(column: Column, text: str) -> object:
    placings: list[dict[str, object]] = []
    for part in filter(None, (piece.strip() for piece in _LIST_SPLIT.split(text))):
        match = _PLACING_CELL.fullmatch(part)
        if match is None:
            return _list_issue(column, text, part, "2023 500强")
        placings.append({"year": int(match[1]), "group": match[2]})
    return placings


def _share(column: Column, text: str) -> object:
    """A fraction as written (``0.12``) or a percentage (``12%``, ``12％``), exactly."""
    if text[-1:] not in ("%", "％"):
        return text
    number = text[:-1].strip()
    if not _PLAIN.fullmatch(number):
        message = Reason(N_("{text} is not a percentage such as 12%"), text=repr(text))
        return Issue(column.name, text, message)
    return Decimal(number.replace(",", "")).scaleb(-2, context=EXACT)


def _tier(column: Column, text: str) -> object:
    found = _TIERS.get(text.casefold())
    if found is None:
        message = Reason(
            N_("{text} is not a level: write national, provincial or municipal"), text=repr(text)
        )
        return Issue(column.name, text, message)
    return found


#: Cell types read by a parser of their own (after ``none`` for a list): the text to a value.
_TEXT_PARSERS: Final[dict[str, Callable[[Column, str], object]]] = {
    "re-reviews": _re_reviews,
    "awards": _awards,
    "placings": _placings,
    "share": _share,
    "tier": _tier,
}


class _Unknown:
    """An explicit 'none' cell: a region ``unknown`` (``未知``), a flow ``total`` (``进出口``)."""


_UNKNOWN: Final = _Unknown()


# -- structuring ----------------------------------------------------------------------------------


def _message(exc: BaseException) -> str:
    if isinstance(exc, StructureError) and not exc.path.startswith("["):
        return exc.reason
    return Reason.of(exc)


def _column_of(exc: BaseException, kwargs: Mapping[str, object]) -> str | None:
    """The one argument whose value an error names (its ``value``), or ``None``.

    A check that involves several fields (a batch on a provincial designation) raises from the
    constructor with the offending value first; when exactly one argument has that value, the
    problem is reported at its column, else at the row.
    """
    value = getattr(exc, "value", _UNKNOWN)
    found = [
        name
        for name, given in kwargs.items()
        if given is not None and type(given) is type(value) and given == value
    ]
    return found[0] if len(found) == 1 else None


def _structured(
    cls: type[Any],
    data: Mapping[str, object],
    conv: cattrs.Converter,
    *,
    fixed: Mapping[str, object] | None = None,
    build: bool = True,
    convs: Mapping[str, cattrs.Converter] | None = None,
) -> _Built:
    """Structure each cell to its field's declared type, then build the record.

    Args:
        cls: the attrs class.
        data: prepared cells by the constructor's argument names.
        conv: the converter (its currency is the row's).
        fixed: arguments already built (the enterprise of a trade row).
        build: whether to call the constructor; ``False`` only reports the cells' problems.
        convs: converters for some fields instead of ``conv`` (an aggregate's equivalent, in
            its own currency).
    """
    by_alias = {attribute.alias: attribute for attribute in attrs.fields(cls)}
    kwargs: dict[str, object] = {}
    issues: list[Issue] = []
    for name, raw in data.items():
        if raw is _UNKNOWN:
            kwargs[name] = None
            continue
        try:
            field_conv = conv if convs is None else convs.get(name, conv)
            kwargs[name] = structure(raw, cast("type[Any]", by_alias[name].type), field_conv)
        except StructureError as exc:
            issues.append(Issue(name, raw, _message(exc)))
    if issues or not build:
        return None, issues
    try:
        return cls(**(fixed or {}), **kwargs), []
    except (LittleGiantsError, ValueError, TypeError) as exc:
        return None, [Issue(_column_of(exc, kwargs), getattr(exc, "value", None), Reason.of(exc))]


def _take(values: Mapping[str, object], names: Sequence[str]) -> dict[str, object]:
    return {name: values[name] for name in names if name in values}


def _after(as_of: dt.date) -> Reason:
    return Reason(N_("after as_of={as_of}"), as_of=as_of)


def _designation_dates(record: DesignationRecord, as_of: dt.date) -> list[Issue]:
    """An award, a revocation or a re-review after ``as_of`` (see docs/loading.md)."""
    after = _after(as_of)
    issues: list[Issue] = []
    designation = record.designation
    if designation.awarded_on > as_of:
        awarded = str(designation.awarded_on)
        issues.append(
            Issue("awarded_on", awarded, Reason(N_("an award date {after}"), after=after))
        )
    if designation.revoked_on is not None and designation.revoked_on > as_of:
        revoked = str(designation.revoked_on)
        issues.append(
            Issue("revoked_on", revoked, Reason(N_("a revocation date {after}"), after=after))
        )
    late = [str(review.on) for review in designation.re_reviews if review.on > as_of]
    if late:
        issues.append(
            Issue("re_reviews", late[0], Reason(N_("a re-review date {after}"), after=after))
        )
    return issues


def _relocation_dates(record: RelocationRecord, as_of: dt.date) -> list[Issue]:
    if record.relocation.on > as_of:
        message = Reason(N_("a move dated {after}"), after=_after(as_of))
        return [Issue("on", str(record.relocation.on), message)]
    return []


def _trade_dates(record: TradeRecord, as_of: dt.date) -> list[Issue]:
    if record.period.end > as_of:
        message = Reason(
            N_(
                "the period ends on {end}, {after}: trade figures cannot cover days that have "
                "not passed"
            ),
            end=record.period.end,
            after=_after(as_of),
        )
        return [Issue("period", str(record.period), message)]
    return []


def _financial_dates(record: FinancialRecord, as_of: dt.date) -> list[Issue]:
    year = record.financial_year.year
    if year > as_of.year:
        message = Reason(N_("figures for {year}, a year {after}"), year=year, after=_after(as_of))
        return [Issue("year", year, message)]
    return []


def _rate_dates(record: ExchangeRate, as_of: dt.date) -> list[Issue]:
    if record.on > as_of:
        return [
            Issue("on", str(record.on), Reason(N_("a rate dated {after}"), after=_after(as_of)))
        ]
    return []


def _aggregate_dates(record: TradeAggregate, as_of: dt.date) -> list[Issue]:
    if record.period.end > as_of:
        message = Reason(
            N_(
                "the period ends on {end}, {after}: a reported total cannot cover days that "
                "have not passed"
            ),
            end=record.period.end,
            after=_after(as_of),
        )
        return [Issue("period", str(record.period), message)]
    return []


def _count_dates(record: DesignationCount, as_of: dt.date) -> list[Issue]:
    if record.on > as_of:
        message = Reason(N_("a count reported {after}"), after=_after(as_of))
        return [Issue("on", str(record.on), message)]
    return []


def _profile_dates(record: ProfileRecord, as_of: dt.date) -> list[Issue]:
    return _future_profile(record.profile, as_of)


#: What a profile's list of a year after ``as_of`` is called, by its field.
_LATE_YEARS: Final = {
    "science_awards": N_("a science_awards year after as_of={as_of}"),
    "chuangke_placings": N_("a chuangke_placings year after as_of={as_of}"),
}


def _future_profile(profile: Profile, as_of: dt.date) -> list[Issue]:
    """Awards and placings in a year after ``as_of``'s year have not happened yet."""
    issues: list[Issue] = []
    for name in ("science_awards", "chuangke_placings"):
        late = [item.year for item in getattr(profile, name) or () if item.year > as_of.year]
        if late:
            issues.append(Issue(name, late[0], Reason(_LATE_YEARS[name], as_of=as_of)))
    return issues


def _count_needs(kind: object, values: Mapping[str, object], bad: frozenset[str]) -> list[Issue]:
    """The column a count's kind needs and the row lacks: a batch's batch, a target's date."""
    needed = {CountKind.BATCH: ("batch", N_("a batch count needs its MIIT batch (批次)"))}
    needed[CountKind.TARGET] = (
        "by",
        N_("a target needs the date it is to be reached by (目标日期)"),
    )
    if not isinstance(kind, CountKind) or kind not in needed:
        return []
    column, message = needed[kind]
    return [] if column in values or column in bad else [Issue(column, None, message)]


_DIVISION_CODE: Final = re.compile(r"[0-9]{6}")


def resolve_region_name(name: str, credit_code: object, within: Region | None) -> Region | Issue:
    """The division a region cell names, using the row's credit code when the name is shared.

    Official lists write a firm's region as a name (所在地区: 南山区). A bare name several
    divisions carry (南山区 is in Shenzhen and in Hegang) is settled by the row's credit code,
    whose characters 3–8 are the division where the firm registered: the candidate in the same
    province is taken, else the one in the same city. ``within`` (a load's ``within=``) keeps
    only the divisions inside it first, for lists without codes. A name still ambiguous, or
    unknown, is an :class:`Issue` naming the candidates.

    >>> resolve_region_name("南山区", "91440300MA5XXXXXXX", None)
    Region('440305')
    >>> resolve_region_name("南山区", None, Region("440300"))
    Region('440305')
    >>> print(resolve_region_name("南山区", None, None).message)
    Ambiguous region '南山区': the name fits 2 divisions, 黑龙江省 鹤岗市 南山区 (230404),
    广东省 深圳市 南山区 (440305); give the 6-digit code or a fuller name that includes the
    province or city, such as 广东省深圳市南山区.
    """
    found = regions_named(name, within=within)
    if len(found) > 1 and isinstance(credit_code, str) and len(credit_code.strip()) >= 8:
        division = credit_code.strip()[2:8]
        for digits in (2, 4):
            near = [region for region in found if region.code[:digits] == division[:digits]]
            if len(near) == 1:
                return near[0]
            if near:
                found = tuple(near)
    if len(found) == 1:
        return found[0]
    if not found:
        if within is None:
            return Issue("region", name, Reason.of(UnknownRegionError(name)))
        message = Reason(
            N_(
                "Unknown region {name}: no GB/T 2260 division within {within} ({code}) has "
                "this name"
            ),
            name=repr(name),
            within=within.full_name,
            code=within.code,
        )
        return Issue("region", name, message)
    candidates = tuple((region.code, region.full_name) for region in found)
    return Issue("region", name, Reason.of(AmbiguousRegionError(name, None, candidates)))


def _either(parts: Iterable[str]) -> str:
    """``a or b or c``, each ``or`` in the reader's language."""
    return functools.reduce(lambda first, then: Reason(N_("{a} or {b}"), a=first, b=then), parts)


def _missing(kind: Kind, group: Sequence[str]) -> str:
    names = _either(f"{name} ({_aliases_of(kind, name)})" for name in group)
    return Reason(N_("a required value is missing: {names}"), names=names)


class RowReader:
    """Turns rows of one file into records of its kind (see the module docstring).

    Args:
        kind: the kind of file.
        currency: the ``currency=`` given for amounts that name none.
        as_of: the date after which the kind's dates are refused, or ``None`` for no check.
        escaped: text cells may carry the CSV formula escape (an added leading apostrophe),
            and cells are text as read (CSV): the trade fast path applies.
    """

    def __init__(
        self,
        kind: Kind,
        *,
        currency: str | None,
        as_of: dt.date | None,
        escaped: bool,
        within: Region | None = None,
    ) -> None:
        """Read rows of ``kind`` (see the class docstring for the arguments)."""
        self.kind = kind
        self.currency = currency
        self.as_of = as_of
        self.escaped = escaped
        self.within = within
        self.enterprises: dict[tuple[object, object], tuple[Enterprise | None, list[Issue]]] = {}
        self.fast: _TradeFastPath | None = None
        self.binding: Binding | None = None

    def use(self, binding: Binding) -> None:
        """Read rows laid out as ``binding`` says (a table's header)."""
        self.binding = binding
        if self.kind.fast_path and self.escaped and not binding.units:
            self.fast = _TradeFastPath(binding, self.currency)

    def values(
        self, binding: Binding, cells: Sequence[object]
    ) -> tuple[dict[str, object], list[Issue]]:
        """The prepared values of a row's non-empty cells, by column; and the cells' problems."""
        values: dict[str, object] = {}
        issues: list[Issue] = []
        for column, raw in zip(binding.columns, cells, strict=False):
            if column is None or raw is None or raw == "":
                continue
            value = _prepare(column, raw, binding.units.get(column.name), self.escaped)
            if isinstance(value, Issue):
                issues.append(value)
            elif value is not None:
                values[column.name] = value
        return values, issues

    def read(self, binding: Binding, cells: Sequence[object]) -> _Built:
        """Build one record from a row on the general path, or return every problem in it."""
        values, issues = self.values(binding, cells)
        bad = frozenset(issue.column for issue in issues if issue.column is not None)
        record, more = self.build(values, bad)
        issues.extend(more)
        if issues or record is None:
            return None, issues
        if self.fast is not None and binding is self.binding:
            self.fast.remember(cells, cast("TradeRecord", record))
        return record, []

    def fast_function(self) -> FastPath | None:
        """The trade fast path for rows of the bound table, or ``None`` for other kinds."""
        if self.fast is None:
            return None
        return FastPath(self.fast.function(), self.fast.read_rows, self.fast.read_columns)

    def build(self, values: Mapping[str, object], bad: frozenset[str] = frozenset()) -> _Built:
        """Build a record from prepared values (the general path); ``bad`` cells had problems."""
        kind = self.kind
        issues = [
            Issue(group[0], None, _missing(kind, group))
            for group in kind.required
            if not any(name in values or name in bad for name in group)
        ]
        complete = not issues and not bad
        record, found = kind.builder(self, values, bad, complete)
        issues.extend(found)
        if issues or record is None:
            return None, issues
        if self.as_of is not None:
            late = kind.dates(record, self.as_of)
            if late:
                return None, late
        return record, []

    def reference(self, values: Mapping[str, object]) -> tuple[Enterprise | None, list[Issue]]:
        """The enterprise a row names, built from its name and credit code (cached per pair).

        A row with a credit code and no name gets the code as its name (documented in
        docs/loading.md; dumps write such a name back as empty).
        """
        name, code = values.get("name"), values.get("credit_code")
        key = (name, code)
        texts = isinstance(name, str | None) and isinstance(code, str | None)  # else: no cache
        cached = self.enterprises.get(key) if texts else None
        if cached is not None:
            return cached
        plain = converter(currency=None)
        data = _take(values, ("name", "credit_code"))
        built, issues = _structured(Enterprise, data, plain, build=name is not None)
        if name is None and not issues:
            parsed = structure(
                code, cast("type[Any]", attrs.fields(Enterprise).credit_code.type), plain
            )
            built = Enterprise(str(parsed), credit_code=parsed)
        result = (cast("Enterprise | None", built), issues)
        if len(self.enterprises) >= _CACHE_SIZE:
            self.enterprises.clear()
        if texts:
            self.enterprises[key] = result
        return result

    def _row_currency(self, values: Mapping[str, object]) -> tuple[str | None, list[Issue]]:
        given = values.get("currency")
        if given is None:
            return self.currency, []
        if isinstance(given, str) and is_valid_currency(given):
            return validate_currency(given), []
        return None, [
            Issue(
                "currency",
                given,
                Reason(
                    N_("{given} is not an ISO 4217 currency code such as CNY"), given=repr(given)
                ),
            )
        ]

    def aggregate(self, values: Mapping[str, object], *, complete: bool) -> _Built:
        """A trade aggregate: the value in the row's currency, the equivalent in its own."""
        data = _take(values, self.kind.fields)
        currency, issues = self._row_currency(values)
        if issues:  # an amount cannot be read without its currency: report the currency only
            data.pop("value", None)
        given = values.get("equivalent_currency")
        equivalent_currency = None
        if given is not None:
            if isinstance(given, str) and is_valid_currency(given):
                equivalent_currency = validate_currency(given)
            else:
                message = Reason(
                    N_("{given} is not an ISO 4217 currency code such as USD"), given=repr(given)
                )
                issues.append(Issue("equivalent_currency", given, message))
                data.pop("equivalent", None)
        convs = {"equivalent": converter(currency=equivalent_currency)}
        record, found = _structured(
            TradeAggregate,
            data,
            converter(currency=currency),
            build=complete and not issues,
            convs=convs,
        )
        return record, [*issues, *found]

    def with_enterprise(
        self, values: Mapping[str, object], *, complete: bool
    ) -> tuple[Enterprise | None, dict[str, object], cattrs.Converter, bool, list[Issue]]:
        """What every kind whose rows name an enterprise reads first: that enterprise.

        Returns the enterprise, the row's values (without its amounts when its currency is
        bad, which is then the problem reported), the converter in the row's currency, whether
        to build the record, and the problems so far.
        """
        enterprise: Enterprise | None = None
        issues: list[Issue] = []
        if "name" in values or "credit_code" in values:
            enterprise, cached = self.reference(values)
            issues = list(cached)  # the cached list is shared by every row naming this firm
        currency, more = self._row_currency(values)
        data = dict(values)
        if more:  # amounts cannot be read without their currency: report the currency only
            issues.extend(more)
            money = self.kind.money_columns
            data = {k: v for k, v in values.items() if k not in money}
        build = complete and enterprise is not None and not issues
        return enterprise, data, converter(currency=currency), build, issues


# -- how each kind builds its records (each kind names its builder where it is defined) ---------


def _build_enterprise(
    reader: RowReader, values: Mapping[str, object], _: frozenset[str], complete: bool
) -> _Built:
    """An enterprise; a region given by name (南山区) is resolved to its division first."""
    data = _take(values, reader.kind.fields)
    region = data.get("region")
    if isinstance(region, str) and not _DIVISION_CODE.fullmatch(region.strip()):
        resolved = resolve_region_name(region, data.get("credit_code"), reader.within)
        if isinstance(resolved, Issue):
            return None, [resolved]
        data["region"] = resolved.code
    return _structured(Enterprise, data, converter(currency=None), build=complete)


def build_record(
    reader: RowReader, values: Mapping[str, object], _: frozenset[str], complete: bool
) -> _Built:
    """A record of the kind's class from its ``fields``, amounts in no currency (exchange rates).

    The builder of a kind whose record class takes its columns as they are: each cell is
    structured to the type its attrs field declares, then the class is built (see
    :data:`Builder`).
    """
    data = _take(values, reader.kind.fields)
    return _structured(reader.kind.record, data, converter(currency=None), build=complete)


def _build_count(
    reader: RowReader, values: Mapping[str, object], bad: frozenset[str], complete: bool
) -> _Built:
    """A designation count, which needs a batch (a batch count) or a date (a target)."""
    data = _take(values, reader.kind.fields)
    needs = _count_needs(values.get("kind"), values, bad)
    plain = converter(currency=None)
    record, found = _structured(DesignationCount, data, plain, build=complete and not needs)
    return record, [*needs, *found]


def _build_aggregate(
    reader: RowReader, values: Mapping[str, object], _: frozenset[str], complete: bool
) -> _Built:
    """A trade aggregate (see :meth:`RowReader.aggregate`)."""
    return reader.aggregate(values, complete=complete)


@attrs.frozen
class _LinkedBuilder:
    """The builder of a kind whose rows name an enterprise and give one of its facts.

    ``part`` is the class of the fact (a :class:`~littlegiants.designation.Designation`) and
    ``wrap`` the record that pairs it with its enterprise (``None``: the part is the record
    and takes the enterprise itself, as a trade record does); ``unknown`` names the fields an
    empty cell leaves unknown (a move's origin).
    """

    part: type[Any]
    wrap: Callable[[Enterprise, Any], object] | None
    unknown: tuple[str, ...] = ()

    def __call__(
        self, reader: RowReader, values: Mapping[str, object], _: frozenset[str], complete: bool
    ) -> _Built:
        enterprise, data, conv, build, issues = reader.with_enterprise(values, complete=complete)
        fields = _take(data, reader.kind.fields)
        for name in self.unknown:
            fields.setdefault(name, _UNKNOWN)
        fixed = {"enterprise": enterprise} if self.wrap is None else None
        part, found = _structured(self.part, fields, conv, fixed=fixed, build=build)
        issues.extend(found)
        if issues or enterprise is None or part is None:
            return None, issues
        if self.wrap is None:
            return part, []
        return self.wrap(enterprise, part), []


# -- the trade fast path --------------------------------------------------------------------------

_new = object.__new__
_set_amount = Money.__dict__["_amount"].__set__
_set_currency = Money.__dict__["_currency"].__set__


_EXPECTED: Final = (LittleGiantsError, ValueError, TypeError, ArithmeticError)
_NONES: Final = itertools.repeat(None)
_consume = collections.deque[object](maxlen=0).extend  # runs an iterator for its effects
_References = tuple[list[Enterprise], list[Any], list[TradeFlow], list[str]]


def _plain_money(text: str, code: str) -> Money:
    """Money from a plain amount (checked digits) in a known code, built without re-validation."""
    money = _new(Money)
    _set_amount(money, Decimal(text))
    _set_currency(money, code)
    return money


def _monies(texts: Sequence[str], codes: Iterable[str]) -> list[Money]:
    """Money from plain amounts (checked digits) in known codes, built without re-validation."""
    monies = list(map(_new, itertools.repeat(Money, len(texts))))
    _consume(map(_set_amount, monies, map(Decimal, texts)))
    _consume(map(_set_currency, monies, codes))
    return monies


_FLOW_TEXT: Final = {
    text: TradeFlow.parse(text) for text in ("import", "export", "进口", "出口", "Import", "Export")
}


def _plain_amounts(texts: Sequence[str]) -> bool:
    r"""Whether every text is a plain amount: what ``\d+(?:\.\d+)?`` matches in full.

    ASCII texts are checked joined by commas, as bytes, a few calls for the whole column: only
    digits, commas and dots; as many commas as texts less one (no text holds one); digits at
    both ends and never two marks in a row (no text is empty or starts or ends with a dot); and
    never two dots without a comma between them (no text has two dots). Other texts are checked
    one by one: ``str.isdecimal`` is the class of ``\d`` (Unicode category Nd). A plain amount
    is also at most :data:`_PLAIN_LENGTH` characters long: longer ones take the general path,
    which checks the bounds.

    >>> _plain_amounts(["1", "0012", "1.50"]), _plain_amounts(["1", "1.2.3"])
    (True, False)
    >>> [_plain_amounts([text]) for text in ("", ".5", "5.", "1,234", "-5", "1e3", " 1", "١٢")]
    [False, False, False, False, False, False, False, True]
    >>> _plain_amounts(["1" * 31]), _plain_amounts(["1", "1" * 32]), _plain_amounts(["١" * 32])
    (True, False, False)
    """
    joined = ",".join(texts)
    if not joined:  # no texts, or one empty text
        return not texts
    if not joined.isascii():
        return all(map(_plain_amount, texts))
    data = joined.encode("ascii")
    marks = data.translate(None, b"0123456789")
    return (
        not data.translate(None, b"0123456789,.")
        and marks.count(b",") == len(texts) - 1
        and data[0] in _DIGITS
        and data[-1] in _DIGITS
        and b"pp" not in data.translate(_MARKS)
        and b".." not in marks
        and max(map(len, texts)) <= _PLAIN_LENGTH
    )


def _plain_amount(text: str) -> bool:
    """Whether one text is a plain amount (see :func:`_plain_amounts`)."""
    whole, dot, fraction = text.partition(".")
    return len(text) <= _PLAIN_LENGTH and whole.isdecimal() and (fraction.isdecimal() or not dot)


#: The longest plain amount the fast path builds: 31 characters are below 1E+31 with no digit
#: finer than 1E-29, so within the bounds (``_exact.bounds_problem``) the general path checks.
_PLAIN_LENGTH: Final = 31
_DIGITS: Final = frozenset(b"0123456789")
_MARKS: Final = bytes.maketrans(b",.", b"pp")  # both marks read as one letter


class _TradeFastPath:
    """Build plain trade rows from caches; return ``None`` for anything else."""

    def __init__(self, binding: Binding, currency: str | None) -> None:
        position = {column.name: i for i, column in enumerate(binding.columns) if column}
        self.name = position.get("name")
        self.code = position.get("credit_code")
        self.period = position["period"]
        self.flow = position["flow"]
        self.value = position["value"]
        self.currency_at = position.get("currency")
        self.previous = position.get("previous")
        self.growth = position.get("growth")
        self.source = position.get("source")
        self.default = currency
        # The enterprise cache is keyed by the row's name and credit code texts: the pair when
        # the file has both columns, else the one it has (bind requires one of them).
        named = [at for at in (self.name, self.code) if at is not None]
        self.key: Callable[[Sequence[str]], object] = operator.itemgetter(*named)
        self.enterprises: dict[object, Enterprise] = {}
        self.periods: dict[str, Any] = {}
        self.growths: dict[str, Any] = {}
        # A currency text -> its code; an empty cell is the currency= argument (if given), as on
        # the general path, and never a currency an earlier row named in its amount.
        self.currencies: dict[str, str] = self._no_currency()
        self.width = len(binding.columns)

    def _no_currency(self) -> dict[str, str]:
        return {} if self.default is None else {"": self.default}

    def remember(self, cells: Sequence[object], record: TradeRecord) -> None:
        """Cache what a row built on the general path, for the rows that repeat it.

        Only what the row's own texts determine is cached: the enterprise of its name and
        code, the period, the growth and the code of a non-empty currency cell.
        """
        for cache in (self.enterprises, self.periods, self.growths):
            if len(cache) >= _CACHE_SIZE:
                cache.clear()
        if len(self.currencies) >= _CACHE_SIZE:  # in place: the fast path holds this dict
            self.currencies.clear()
            self.currencies.update(self._no_currency())
        texts = [cell if isinstance(cell, str) else "" for cell in cells]
        self.enterprises[self.key(texts)] = record.enterprise
        self.periods[texts[self.period]] = record.period
        if self.growth is not None and record.reported_growth is not None:
            self.growths[texts[self.growth]] = record.reported_growth
        if self.currency_at is not None and texts[self.currency_at]:
            self.currencies[texts[self.currency_at]] = record.value.currency

    def function(self) -> Callable[[list[str]], TradeRecord | None]:
        """The fast path as a closure over its caches (a row's cells in, a record or ``None``).

        A row is built here only when its enterprise, period, currency (and growth) texts were
        seen before on a row the general path accepted, its flow is one of the plain words, its
        amounts are plain digits (:func:`_plain_amounts`) and its source is not escaped;
        anything else returns ``None`` for the general path. Cached periods passed the
        ``as_of`` check there. The record is built by ``TradeRecord._checked`` from these
        values of the right types, so every check of the record still runs.
        """
        key, width, default = self.key, self.width, self.default
        period_at, flow_at, value_at = self.period, self.flow, self.value
        currency_at, previous_at = self.currency_at, self.previous
        growth_at, source_at = self.growth, self.source
        enterprises, periods = self.enterprises.get, self.periods.get
        growths, currencies = self.growths.get, self.currencies.get
        flows, plain, money = _FLOW_TEXT.get, _plain_amount, _plain_money
        build = TradeRecord._checked  # noqa: SLF001 - the loader's trusted path, see its contract
        expected = _EXPECTED

        def read(cells: list[str]) -> TradeRecord | None:
            if len(cells) != width:
                return None
            try:
                enterprise = enterprises(key(cells))
                period = periods(cells[period_at])
                flow = flows(cells[flow_at])
                currency = default if currency_at is None else currencies(cells[currency_at])
                value = cells[value_at]
                earlier = "" if previous_at is None else cells[previous_at]
                stated = "" if growth_at is None else cells[growth_at]
                growth = growths(stated) if stated else None
                source = None if source_at is None else cells[source_at] or None
                if (
                    enterprise is None
                    or period is None
                    or flow is None
                    or currency is None
                    or not plain(value)
                    or (earlier and not plain(earlier))
                    or (stated and growth is None)
                    or (source is not None and source[0] == "'")
                ):
                    return None
                previous = money(earlier, currency) if earlier else None
                return build(
                    enterprise, period, flow, money(value, currency), previous, growth, source
                )
            except expected:
                return None

        return read

    def read_rows(self, rows: list[list[str]]) -> list[TradeRecord] | None:
        """The fast path for many rows at once: their records, or ``None`` unless it builds all.

        It builds records from a list of rows exactly when :meth:`function` would build one
        from every row, and the same records, a column at a time (:meth:`read_columns`).
        ``None`` sends the rows to :meth:`function` one by one.
        """
        try:
            columns = list(zip(*rows, strict=True))
        except ValueError:  # rows of different widths
            return None
        return self.read_columns(columns)

    def read_columns(self, columns: Sequence[Sequence[str]]) -> list[TradeRecord] | None:
        """:meth:`read_rows` for rows given a column at a time (one sequence a cell, equal lengths).

        Each step is one call over the whole column, with no Python step per row but the
        records' own checks. Every amount is read from digits alone (:func:`_plain_amounts`)
        and every prior-year value in its row's currency, which the records' column checks are
        told (``unsigned``), so they do not check it again per record.
        """
        if len(columns) != self.width:
            return None
        found = self._references(columns)
        if found is None:
            return None
        firms, dates, ways, codes = found
        amounts = self._amounts(columns, codes)
        extras = self._extras(columns)
        if amounts is None or extras is None:
            return None
        try:
            return TradeRecord._checked_columns(  # noqa: SLF001 - the loader's trusted path
                firms, dates, ways, *amounts, *extras, unsigned=True
            )
        except _EXPECTED:
            return None

    def _references(self, columns: Sequence[Sequence[str]]) -> _References | None:
        """The enterprises, periods, flows and currencies of the columns' rows, all cached."""
        named = [columns[at] for at in (self.name, self.code) if at is not None]
        keys = zip(*named, strict=True) if len(named) > 1 else named[0]
        try:  # a text not in a cache raises KeyError: no cache holds None
            firms = list(map(self.enterprises.__getitem__, keys))
            dates = list(map(self.periods.__getitem__, columns[self.period]))
            ways = list(map(_FLOW_TEXT.__getitem__, columns[self.flow]))
            if self.currency_at is not None:
                codes = list(map(self.currencies.__getitem__, columns[self.currency_at]))
            elif self.default is not None:
                codes = [self.default] * len(dates)
            else:
                return None
        except KeyError:
            return None
        return firms, dates, ways, codes

    def _amounts(
        self, columns: Sequence[Sequence[str]], codes: list[str]
    ) -> tuple[list[Money], list[Money | None]] | None:
        """The values and prior-year values, when every amount is written as plain digits."""
        if not _plain_amounts(columns[self.value]):
            return None
        values = _monies(columns[self.value], codes)
        earlier: list[Money | None] = [None] * len(values)
        if self.previous is not None:
            column = columns[self.previous]
            given = list(itertools.compress(range(len(column)), column))  # the non-empty ones
            if given:
                # A list, not a tuple: tuple() of an iterator grows through sizes that the
                # interpreter keeps for reuse, which would show as memory growing with the file.
                texts = list(map(column.__getitem__, given))
                if not _plain_amounts(texts):
                    return None
                found = _monies(texts, map(codes.__getitem__, given))
                _consume(map(operator.setitem, itertools.repeat(earlier), given, found))
        return values, earlier

    def _extras(
        self, columns: Sequence[Sequence[str]]
    ) -> tuple[list[Growth | None], list[str | None]] | None:
        """The growths (all cached) and sources (none escaped) of the columns' rows."""
        count = len(columns[0])
        rates: list[Growth | None] = [None] * count
        if self.growth is not None:
            texts = columns[self.growth]
            rates = list(map(self.growths.get, texts))
            # Only non-empty texts are cached (as a growth): every one must have been found, so
            # the texts found nothing for are the empty ones.
            if texts.count("") != sum(map(operator.is_, rates, _NONES)):
                return None
        sources: list[str | None] = [None] * count
        if self.source is not None:
            texts = columns[self.source]
            if any(map(str.startswith, texts, itertools.repeat("'"))):
                return None
            sources = [text or None for text in texts]
        return rates, sources


# -- writing --------------------------------------------------------------------------------------


def _amount(money: Money | None) -> str | None:
    return None if money is None else format(money.amount, "f")


def _reference_cells(enterprise: Enterprise) -> dict[str, object]:
    code = enterprise.credit_code
    name: str | None = enterprise.name
    if code is not None and name == str(code):
        name = None
    return {"name": name, "credit_code": None if code is None else str(code)}


def _region_cell(enterprise: Enterprise) -> str | None:
    if enterprise.region is not None:
        return enterprise.region.code
    code = enterprise.credit_code
    if code is not None and code.region is not None:
        return "unknown"
    return None


def cells_of(kind: Kind, record: object) -> dict[str, object]:
    """The cells of one record, native values (``None`` for none); see :func:`flatten`.

    Raises:
        InvalidRecordError: the record is not of the kind, or holds what the kind's files
            cannot (an enterprise with designations, relocations, figures or a profile).
    """
    from littlegiants.errors import InvalidRecordError  # noqa: PLC0415

    expected = kind.record
    if not isinstance(record, expected):
        raise InvalidRecordError(
            record,
            Reason(
                N_("{kind} files hold {expected} records, not {given}"),
                kind=kind.name,
                expected=expected.__name__,
                given=type(record).__name__,
            ),
        )
    return kind.cells(record)


def _enterprise_cells(record: Enterprise) -> dict[str, object]:
    """An enterprise's own cells; the facts other kinds attach to it cannot be written here."""
    from littlegiants.errors import InvalidRecordError  # noqa: PLC0415

    facts = [kind.fact for kind in ordered() if kind.fact is not None]
    nested = [fact.field for fact in facts if not fact.one and getattr(record, fact.field)] + [
        fact.field for fact in facts if fact.one and getattr(record, fact.field) is not None
    ]
    if nested:
        raise InvalidRecordError(
            record.name,
            Reason(
                N_(
                    "an enterprises file holds only name, credit code, region, English name and "
                    "industry, not its {fields}: write those with dump_dataset, which gives each "
                    "its own file"
                ),
                fields=", ".join(nested),
            ),
        )
    return {
        **_reference_cells(record),
        "name": record.name,
        "region": _region_cell(record),
        "english_name": record.english_name,
        "industry": record.industry,
    }


def _designation_cells(record: DesignationRecord) -> dict[str, object]:
    d = record.designation
    return {
        **_reference_cells(record.enterprise),
        "level": d.level.value,
        "awarded_on": d.awarded_on,
        "authority": d.authority,
        "batch": d.batch,
        "valid_years": d.valid_years,
        "revoked_on": d.revoked_on,
        "key": d.key,
        "re_reviews": [{"on": r.on, "passed": r.passed} for r in d.re_reviews] or None,
    }


def _profile_record_cells(record: ProfileRecord) -> dict[str, object]:
    return {**_reference_cells(record.enterprise), **_profile_cells(record.profile)}


def _relocation_cells(record: RelocationRecord) -> dict[str, object]:
    move = record.relocation
    origin = move.from_region
    return {
        **_reference_cells(record.enterprise),
        "on": move.on,
        "from_region": None if origin is None else origin.code,
        "to_region": move.to_region.code,
    }


def _trade_cells(record: TradeRecord) -> dict[str, object]:
    growth = record.reported_growth
    return {
        **_reference_cells(record.enterprise),
        "period": str(record.period),
        "flow": record.flow.value,
        "value": _amount(record.value),
        "currency": record.value.currency,
        "previous": _amount(record.reported_previous),
        "growth": None if growth is None else str(growth),
        "source": record.source,
    }


def _financial_cells(record: FinancialRecord) -> dict[str, object]:
    figures = record.financial_year
    cells: dict[str, object] = {
        **_reference_cells(record.enterprise),
        "year": figures.year,
        "currency": figures.currency,
    }
    for name in FINANCIALS.fields[1:]:
        value = getattr(figures, name)
        cells[name] = _amount(value) if isinstance(value, Money) else value
    return cells


def _count_cells(record: DesignationCount) -> dict[str, object]:
    return {
        "level": record.level.value,
        "count": record.count,
        "on": record.on,
        "kind": record.kind.value,
        "region": None if record.region is None else record.region.code,
        "batch": record.batch,
        "by": record.by,
        "source": record.source,
        "bound": None if record.bound is Bound.EXACT else record.bound.value,
        "national_rank": record.national_rank,
        "provincial_rank": record.provincial_rank,
    }


def _rate_cells(rate: ExchangeRate) -> dict[str, object]:
    return {
        "base": rate.base,
        "quote": rate.quote,
        "rate": format(rate.rate, "f"),
        "on": rate.on,
        "source": rate.source,
    }


def _profile_cells(profile: Profile) -> dict[str, object]:
    """A profile's facts as cells: awards and placings as tables, sequences as lists."""
    cells = attrs.asdict(profile, value_serializer=_cell_value)
    return {
        name: list(value) if isinstance(value, tuple) else value for name, value in cells.items()
    }


def _cell_value(_: object, __: object, value: object) -> object:
    """A value as a cell holds it: an enum by its value, a Decimal as its exact text."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def _aggregate_cells(record: TradeAggregate) -> dict[str, object]:
    equivalent = record.equivalent
    return {
        "label": record.label,
        "period": str(record.period),
        "value": _amount(record.value),
        "currency": record.value.currency,
        "enterprise_count": record.enterprise_count,
        "region": None if record.region is None else record.region.code,
        "flow": None if record.flow is None else record.flow.value,
        "growth": None if record.growth is None else str(record.growth),
        "equivalent": _amount(equivalent),
        "equivalent_currency": None if equivalent is None else equivalent.currency,
        "source": record.source,
    }


def flatten(kind: Kind, cells: Mapping[str, object]) -> dict[str, str]:
    """Cells as text for CSV and XLSX: every column, ``""`` for none."""
    row: dict[str, str] = {}
    for column in kind.columns:
        name = column.name
        value = cells.get(name)
        if value is None:
            row[name] = ""
        elif isinstance(value, bool):
            row[name] = "true" if value else "false"
        elif isinstance(value, list):
            row[name] = "; ".join(map(_LIST_ITEM[column.type], value)) if value else "none"
        else:
            row[name] = str(value)
    return row


def _review_text(review: Mapping[str, object]) -> str:
    return f"{review['on']} {'passed' if review['passed'] else 'failed'}"


#: How one item of a list cell is written in a table, by the column's type.
_LIST_ITEM: Final[dict[str, Callable[[Any], str]]] = {
    "re-reviews": _review_text,
    "awards": lambda award: f"{award['level']} {award['rank']} {award['year']}",
    "placings": lambda placing: f"{placing['year']} {placing['group']}",
    "names": str,
}


def natives(kind: Kind, cells: Mapping[str, object]) -> dict[str, object]:
    """Cells for JSON and TOML: the columns with a value, in the kind's order."""
    return {name: cells[name] for name in kind.column_names if cells.get(name) is not None}


_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SURROGATE: Final = re.compile(r"[\ud800-\udfff]")
#: What an XLSX text cell cannot carry besides control characters: XML turns a carriage return
#: into a line feed, and U+FFFE and U+FFFF are not XML characters.
_NOT_XLSX: Final = re.compile(r"[\r\ufffe\uffff]")


def check_text(kind: Kind, cells: Mapping[str, object], fmt: str) -> tuple[str, object, str] | None:
    """Why a text cell cannot be written to ``fmt`` and read back: ``(column, value, reason)``.

    Refused: an empty text (``None`` means none), a lone surrogate (no file can carry it), a
    text longer than the loader reads (:data:`~littlegiants.io.tables.MAX_CELL_CHARS`), in CSV and
    XLSX a control character, and in XLSX a carriage return, U+FFFE or U+FFFF; a list of names
    must also fit one table cell. ``None`` when every text can be written.
    """
    tabular = fmt in ("csv", "xlsx")
    for name in kind.column_names:  # in the columns' order, so the first problem is stable
        if name not in kind.text_columns:
            continue
        value = cells.get(name)
        texts = value if isinstance(value, list) else [value]
        for text in texts:
            if not isinstance(text, str):
                continue
            problem = _text_problem(text, fmt)
            if tabular and text is not value and problem is None:
                problem = _name_problem(text)
            if problem is not None:
                return name, shown(text), problem
        if tabular and isinstance(value, list) and len("; ".join(value)) > MAX_CELL_CHARS:
            joined = "; ".join(value)
            return name, shown(joined), _too_long(joined)
    return None


def _name_problem(text: str) -> str | None:
    """Why one of a list of names cannot go in a table cell of names separated by ``;``."""
    if _reads_back_as_a_name(text):
        return None
    return Reason(
        N_(
            "a name {text}, which a table cell of names separated by ';' cannot carry (a ';', "
            "outer spaces, or the word none): use JSON or TOML"
        ),
        text=repr(text),
    )


def _text_problem(text: str, fmt: str) -> str | None:
    """Why one text cannot be written to ``fmt`` and read back, or ``None``."""
    if text == "":
        return N_("an empty text; use None for no value")
    surrogate = _SURROGATE.search(text)
    if surrogate is not None:
        return Reason(
            N_(
                "it holds {char}, half of a surrogate pair and no character, which no file can "
                "carry"
            ),
            char=repr(surrogate[0]),
        )
    if len(text) > MAX_CELL_CHARS:
        return _too_long(text)
    control = _CONTROL.search(text) if fmt in ("csv", "xlsx") else None
    if control is not None:
        return Reason(
            N_("it holds the control character {char}, which CSV and XLSX cannot carry"),
            char=repr(control[0]),
        )
    refused = _NOT_XLSX.search(text) if fmt == "xlsx" else None
    if refused is not None:
        what = N_("a carriage return") if refused[0] == "\r" else repr(refused[0])
        return Reason(
            N_("it holds {what}, which an XLSX cell cannot carry: use CSV, JSON or TOML"),
            what=Reason.given(what),
        )
    return None


def _too_long(text: str) -> str:
    return Reason(
        N_("it is {length:,} characters long; the loader reads at most {limit:,}"),
        length=len(text),
        limit=MAX_CELL_CHARS,
    )


def _reads_back_as_a_name(text: str) -> bool:
    """Whether one name in a ``;``-separated cell reads back as itself."""
    return (
        text == text.strip()
        and _LIST_SPLIT.search(text) is None
        and text.casefold() not in _NONE_LIST
    )


def table_issues(issues: Sequence[Issue], binding: Binding) -> list[Issue]:
    """Issues with the kind's column names replaced by the file's own headers."""
    return [issue._replace(column=binding.column_name(issue.column)) for issue in issues]


# -- the kinds ------------------------------------------------------------------------------------


def register(kind: Kind) -> Kind:
    """Add a kind of file: the loader, the dumps and :mod:`littlegiants.io` then read and write it.

    Raises:
        InvalidArgumentError: a kind of this name, or of this table name, exists already.
    """
    from littlegiants.errors import InvalidArgumentError  # noqa: PLC0415

    taken = {table for known in KINDS.values() for table in known.tables}
    if kind.name in KINDS or taken.intersection(kind.tables):
        raise InvalidArgumentError(kind.name, N_("kind"), N_("a kind of this name exists already"))
    KINDS[kind.name] = kind
    return kind


def unregister(kind: Kind) -> None:
    """Remove a kind :func:`register` added (a test's own kind, when the test ends)."""
    if KINDS.get(kind.name) is kind:
        del KINDS[kind.name]


def ordered() -> tuple[Kind, ...]:
    """The kinds in the order a dataset reads them (by ``rank``: enterprises first)."""
    return tuple(sorted(KINDS.values(), key=operator.attrgetter("rank")))


def base() -> Kind:
    """The kind whose rows are a dataset's enterprises, which the other kinds link to."""
    return next(kind for kind in ordered() if kind.base)


def _enterprise_identity(record: Enterprise) -> tuple[object, str, object, str]:
    """A firm is known by its credit code, else by its name (see docs/loading.md)."""
    code = record.credit_code
    if code is None:
        name = record.name
        return (
            ("name", name),
            "name",
            name,
            Reason(N_("the name {name} without a credit code"), name=repr(name)),
        )
    what = Reason(N_("the credit code {code}"), code=code)
    return ("code", code), "credit_code", str(code), what


def _rate_identity(record: ExchangeRate) -> tuple[object, str, object, str]:
    what = Reason(
        N_("the {base}->{quote} rate on {on}"), base=record.base, quote=record.quote, on=record.on
    )
    return ("rate", record.base, record.quote, record.on), "on", str(record.on), what


#: How an aggregate's flow is named in a message, by the flow's value (``None``: both).
_AGGREGATE_FLOWS: Final = {
    None: N_("imports and exports"),
    "import": N_("imports"),
    "export": N_("exports"),
}


def _aggregate_identity(record: TradeAggregate) -> tuple[object, str, object, str]:
    """An aggregate's identity (label, period, flow, region) and how to name it."""
    flow = _AGGREGATE_FLOWS[None if record.flow is None else record.flow.value]
    template = (
        N_("the {flow} of {label} for {period}")
        if record.region is None
        else N_("the {flow} of {label} in {region} for {period}")
    )
    key = ("aggregate", record.label, str(record.period), record.flow, record.region)
    what = Reason(
        template,
        flow=Reason.given(flow),
        label=repr(record.label),
        region="" if record.region is None else record.region.code,
        period=record.period,
    )
    return key, "period", str(record.period), what


def _count_identity(record: DesignationCount) -> tuple[object, str, object, str]:
    """A count's identity (place, level, kind, date, batch, target date) and how to name it."""
    key = (
        "count",
        record.region,
        record.level,
        record.kind,
        record.on,
        record.batch,
        record.by,
    )
    what = Reason(
        _COUNT_NAMES[record.batch is not None, record.by is not None],
        kind=Reason.given(record.kind.value),
        batch=record.batch,
        by=record.by,
        level=Reason.given(record.level.value),
        where=Reason.given("China") if record.region is None else record.region.code,
        on=record.on,
    )
    return key, "on", str(record.on), what


#: How a count is named in a repeat's problem, by whether it has a batch and a target date.
#: Its kind (held, batch, target), its level and "China" are catalogue words.
_COUNT_NAMES: Final = {
    (False, False): N_("the {kind} count of {level} firms in {where} on {on}"),
    (True, False): N_("the {kind} count of batch {batch} of {level} firms in {where} on {on}"),
    (False, True): N_("the {kind} count for {by} of {level} firms in {where} on {on}"),
    (True, True): N_(
        "the {kind} count of batch {batch} for {by} of {level} firms in {where} on {on}"
    ),
}


#: A linked record's identity within a dataset: ``(key, what, column, value)``.
_Repeat = tuple[tuple[object, ...], str, str, object]


def _designation_repeat(index: int, record: DesignationRecord) -> _Repeat:
    key = ("designation", index, record.designation)
    return key, N_("this enterprise's designation"), "awarded_on", None


def _relocation_repeat(index: int, record: RelocationRecord) -> _Repeat:
    on = record.relocation.on
    what = Reason(N_("this enterprise's move on {on}"), on=on)
    return ("relocation", index, on), what, "on", on


def _financial_repeat(index: int, record: FinancialRecord) -> _Repeat:
    year = record.financial_year.year
    what = Reason(N_("this enterprise's figures for {year}"), year=year)
    return ("year", index, year), what, "year", year


def _profile_repeat(index: int, record: ProfileRecord) -> _Repeat:
    named = record.enterprise
    what = N_("this enterprise's profile (one row per enterprise)")
    column = "name" if named.credit_code is None else "credit_code"
    return ("profile", index, named.key), what, column, named.key


#: How a repeated trade record is named, by its flow.
_TRADE_REPEATS: Final = {
    "import": N_("this enterprise's import for {period}"),
    "export": N_("this enterprise's export for {period}"),
}


def _trade_repeat(index: int, record: TradeRecord) -> _Repeat:
    period = str(record.period)
    what = Reason(_TRADE_REPEATS[record.flow.value], period=record.period)
    return ("trade", index, record.flow, period), what, "period", period


ENTERPRISES: Final = register(
    Kind(
        "enterprises",
        "enterprise",
        (
            _NAME,
            Column(_CODE.name, _CODE.type, _CODE.aliases, "its credit code, when known"),
            Column(
                "region",
                "region",
                (*_REGION_ALIASES, *_LISTED_REGION),
                "registered region; empty: the credit code's division; `unknown`: not known",
            ),
            Column("english_name", "text", ("英文名称", "英文名"), "an English name"),
            Column(
                "industry", "text", ("所属行业", "行业", "主导产品"), "industry or main product"
            ),
        ),
        (("name",),),
        "one row per enterprise; a credit code or a name appears once",
        record=Enterprise,
        fields=("name", "credit_code", "region", "english_name", "industry"),
        builder=_build_enterprise,
        cells=_enterprise_cells,
        rank=0,
        identity=_enterprise_identity,
        base=True,
        field="enterprises",
    )
)


DESIGNATIONS: Final = register(
    Kind(
        "designations",
        "designation",
        (
            _NAME,
            _CODE,
            _LEVEL,
            Column("awarded_on", "date", ("认定日期", "认定时间", "获评日期"), "the award date"),
            Column("authority", "text", ("认定机构", "认定部门"), "the awarding body"),
            Column("batch", "batch", ("批次", "认定批次"), "MIIT batch number (national only)"),
            Column("valid_years", "integer", ("有效期", "有效期(年)"), "term in years (default 3)"),
            Column("revoked_on", "date", ("撤销日期",), "the revocation date"),
            Column("key", "boolean", ("重点", "是否重点"), "a key (重点) little giant"),
            Column(
                "re_reviews",
                "re-reviews",
                ("复核", "复核记录"),
                "re-reviews: `2025-07-01 passed; 2028-06-30 failed`",
            ),
        ),
        (("name", "credit_code"), ("level",), ("awarded_on",)),
        "one row per designation",
        record=DesignationRecord,
        builder=_LinkedBuilder(Designation, DesignationRecord),
        cells=_designation_cells,
        rank=1,
        dates=_designation_dates,
        fact=Fact("designations", "designation"),
        linked=_designation_repeat,
    )
)


RELOCATIONS: Final = register(
    Kind(
        "relocations",
        "relocation",
        (
            _NAME,
            _CODE,
            Column(
                "on", "date", ("迁移日期", "变更日期", "迁入日期", "date"), "the date of the move"
            ),
            Column(
                "from_region",
                "region",
                ("迁出地", "原注册地", "迁出地区划代码"),
                "the region it left; empty or `unknown`: not known",
            ),
            Column(
                "to_region",
                "division",
                ("迁入地", "新注册地", "迁入地区划代码"),
                "the region it moved its registered seat to",
            ),
        ),
        (("name", "credit_code"), ("on",), ("to_region",)),
        "one row per move of an enterprise's registered seat; an enterprise moves once a day",
        record=RelocationRecord,
        builder=_LinkedBuilder(Relocation, RelocationRecord, unknown=("from_region",)),
        cells=_relocation_cells,
        rank=2,
        dates=_relocation_dates,
        fact=Fact("relocations", "relocation"),
        linked=_relocation_repeat,
    )
)


TRADE: Final = register(
    Kind(
        "trade",
        "trade",
        (
            _NAME,
            _CODE,
            _PERIOD,
            Column("flow", "flow", _FLOW_ALIASES, "import (进口) or export (出口)"),
            _money("value", ("金额", "贸易额", "进出口额"), "the trade value"),
            _CURRENCY,
            _money("previous", ("上年同期", "去年同期"), "the value a year earlier"),
            _GROWTH,
            _SOURCE,
        ),
        (("name", "credit_code"), ("period",), ("flow",), ("value",)),
        "one row per enterprise, period and flow",
        record=TradeRecord,
        builder=_LinkedBuilder(TradeRecord, None),
        cells=_trade_cells,
        rank=5,
        dates=_trade_dates,
        fast_path=True,
        field="trade_records",
        linked=_trade_repeat,
    )
)


FINANCIALS: Final = register(
    Kind(
        "financials",
        "financials",
        (
            _NAME,
            _CODE,
            Column("year", "integer", ("年度", "年份", "会计年度"), "the calendar year"),
            _CURRENCY,
            _money("operating_revenue", ("营业收入",), "营业收入"),
            _money("main_business_revenue", ("主营业务收入",), "主营业务收入"),
            _money("rd_expense", ("研发费用",), "研发费用"),
            Column("rd_staff", "integer", ("研发人员", "研发人员数"), "研发人员 (head count)"),
            Column("staff", "integer", ("职工总数", "职工人数"), "职工总数 (head count)"),
            _money("total_assets", ("资产总额", "总资产"), "资产总额 at year-end"),
            _money("total_liabilities", ("负债总额", "总负债"), "负债总额 at year-end"),
            _money("equity_financing", ("新增股权融资", "股权融资"), "新增股权融资"),
            _money("rd_super_deduction", ("研发费用加计扣除额", "加计扣除额"), "加计扣除额"),
            _money(
                "central_funds_received",
                ("中央财政资金", "中央财政支持资金"),
                "central funds received as a key little giant",
            ),
        ),
        (("name", "credit_code"), ("year",)),
        "one row per enterprise and year",
        record=FinancialRecord,
        builder=_LinkedBuilder(FinancialYear, FinancialRecord),
        cells=_financial_cells,
        rank=3,
        dates=_financial_dates,
        fact=Fact("financials", "financial_year"),
        linked=_financial_repeat,
    )
)


PROFILES: Final = register(
    Kind(
        "profiles",
        "profile",
        (
            _NAME,
            _CODE,
            Column(
                "years_in_niche",
                "integer",
                ("细分市场年限", "从事细分市场年限"),
                "whole years in the niche market by last year-end",
            ),
            Column(
                "national_market_share",
                "share",
                ("细分市场占有率", "全国市场占有率", "市场占有率"),
                "the main product's national niche market share",
            ),
            Column(
                "class1_ip_count",
                "integer",
                ("I类知识产权", "Ⅰ类知识产权", "一类知识产权"),
                "Class-I IP rights tied to the main product",
            ),
            Column(
                "class2_ip_count",
                "integer",
                ("II类知识产权", "Ⅱ类知识产权", "二类知识产权"),
                "Class-II IP rights tied to the main product",
            ),
            Column(
                "high_value_class1_ip",
                "boolean",
                ("高价值I类知识产权",),
                "holds a high-value (高价值) Class-I IP right",
            ),
            Column(
                "self_developed_class1_ip",
                "boolean",
                ("自主研发I类知识产权",),
                "holds a self-developed Class-I IP right",
            ),
            Column(
                "rd_institution", "boolean", ("研发机构",), "has an own or joint R&D institution"
            ),
            Column(
                "rd_institution_level", "tier", ("研发机构级别",), "the institution's recognition"
            ),
            Column(
                "management_certification",
                "boolean",
                ("管理体系认证",),
                "holds a management-system certification",
            ),
            Column(
                "product_certification_developed_market",
                "boolean",
                ("发达国家产品认证", "产品认证"),
                "holds a developed country's or region's product certification",
            ),
            Column("own_brand", "boolean", ("自主品牌",), "has an own brand"),
            Column(
                "science_awards",
                "awards",
                ("科技奖励", "科学技术奖"),
                "`national 2 2023; provincial 1 2021` (level, rank, year)",
            ),
            Column(
                "chuangke_placings",
                "placings",
                ("创客中国",),
                "`2023 500强; 2022 50强` (year, group)",
            ),
            Column(
                "main_product_field",
                "product field",
                ("主导产品所属领域", "主导产品领域"),
                "`key_software` or 关键软件, `key_materials` or 关键基础材料, ...",
            ),
            Column(
                "in_strategic_emerging_catalogue",
                "boolean",
                ("战略性新兴产业", "属于战略性新兴产业分类"),
                "the main product is in 《战略性新兴产业分类》",
            ),
            Column(
                "information_systems",
                "integer",
                ("信息系统",),
                "core businesses supported by an information system",
            ),
            Column(
                "honours",
                "names",
                ("荣誉", "资质"),
                "valid honours: `高新技术企业; 国家级技术创新示范企业`",
            ),
            Column(
                "supply_chain_role",
                "boolean",
                ("产业链作用", "产业链关键环节"),
                "sits at a key link of the industrial chain",
            ),
            Column(
                "independent_legal_person",
                "boolean",
                ("独立法人", "具有独立法人资格"),
                "registered in the PRC with independent legal personality",
            ),
            Column(
                "sme_by_size_rules",
                "boolean",
                ("中小企业", "符合中小企业划型标准"),
                "an SME under 《中小企业划型标准规定》",
            ),
            Column(
                "abnormal_operations_listed",
                "boolean",
                ("经营异常名录", "列入经营异常名录"),
                "on the abnormal-operations list",
            ),
            Column(
                "single_champion",
                "boolean",
                ("单项冠军", "制造业单项冠军"),
                "recognised as a manufacturing single champion (制造业单项冠军)",
            ),
            Column(
                "little_giant_control",
                "boolean",
                ("与小巨人控股关系",),
                "in a controlling relationship with an existing little giant",
            ),
            Column(
                "little_giant_group_peer",
                "boolean",
                ("同集团小巨人",),
                "in a little giant's group, with a similar main product",
            ),
            Column(
                "serious_dishonesty_listed",
                "boolean",
                ("严重失信主体名单", "列入严重失信主体名单"),
                "on a list of seriously dishonest entities",
            ),
            Column(
                "restricted_products",
                "boolean",
                ("禁止限制淘汰类产品",),
                "makes prohibited, restricted or eliminated products",
            ),
            Column(
                "major_accident_in_3_years",
                "boolean",
                ("近3年重大事故",),
                "a major safety, quality or environmental accident in the last 3 years",
            ),
            Column(
                "tax_evasion_in_3_years",
                "boolean",
                ("近3年偷漏税",),
                "tax evasion in the last 3 years",
            ),
            Column(
                "zones",
                "names",
                ("所在园区", "所在功能区"),
                "named zones it is registered in: `临港新片区; 高新区`",
            ),
        ),
        (("name", "credit_code"),),
        "one row per enterprise: the facts of a Profile, each empty when unknown",
        record=ProfileRecord,
        builder=_LinkedBuilder(Profile, ProfileRecord),
        cells=_profile_record_cells,
        rank=4,
        dates=_profile_dates,
        fact=Fact("profile", "profile", one=True),
        linked=_profile_repeat,
    )
)


RATES: Final = register(
    Kind(
        "rates",
        "rate",
        (
            Column("base", "currency", ("基础货币", "原币"), "the currency converted from"),
            Column("quote", "currency", ("计价货币", "目标货币"), "the currency converted to"),
            Column("rate", "decimal", ("汇率",), "units of quote per unit of base"),
            Column("on", "date", ("日期", "date"), "the date the rate applies to"),
            Column(_SOURCE.name, "text", _SOURCE.aliases, "where the rate comes from"),
        ),
        (("base",), ("quote",), ("rate",), ("on",)),
        "one row per pair and date",
        record=ExchangeRate,
        builder=build_record,
        cells=_rate_cells,
        rank=6,
        dates=_rate_dates,
        identity=_rate_identity,
        field="rates",
    )
)


AGGREGATES: Final = register(
    Kind(
        "aggregates",
        "aggregate",
        (
            Column(
                "label",
                "text",
                ("统计对象", "统计范围", "group", "cohort"),
                "what the group is, e.g. `Shenzhen little giants with foreign-trade records`",
            ),
            _PERIOD,
            _money("value", ("金额", "贸易额", "进出口额", "总额"), "the reported total"),
            Column(
                _CURRENCY.name,
                _CURRENCY.type,
                _CURRENCY.aliases,
                "the currency of a value that names none",
            ),
            Column(
                "enterprise_count",
                "integer",
                ("企业数", "企业数量", "家数"),
                "how many enterprises the figure covers, when reported",
            ),
            Column(
                "region",
                "division",
                _REGION_ALIASES,
                "the group's region; empty: none given",
            ),
            Column(
                "flow",
                "flows",
                _FLOW_ALIASES,
                "empty or `total`: imports and exports together",
            ),
            _GROWTH,
            _money(
                "equivalent",
                ("折合", "等值", "折合金额"),
                "the same total as reported in another currency, `US$6.24 billion`",
            ),
            Column(
                "equivalent_currency",
                "currency",
                ("折合币种",),
                "the currency of an equivalent that names none",
            ),
            _SOURCE,
        ),
        (("label",), ("period",), ("value",)),
        "one row per reported total; a label, period, flow and region appear once",
        record=TradeAggregate,
        fields=(
            "label",
            "period",
            "value",
            "enterprise_count",
            "region",
            "flow",
            "growth",
            "equivalent",
            "source",
        ),
        builder=_build_aggregate,
        cells=_aggregate_cells,
        rank=7,
        dates=_aggregate_dates,
        identity=_aggregate_identity,
        field="aggregates",
    )
)


COUNTS: Final = register(
    Kind(
        "counts",
        "count",
        (
            _LEVEL,
            Column("count", "integer", ("数量", "企业数", "家数"), "the figure, a whole number"),
            Column(
                "on",
                "date",
                ("日期", "截至日期", "date"),
                "the date the figure was reported (or is as of)",
            ),
            Column(
                "kind",
                "count kind",
                ("类型", "口径"),
                "held on the date, brought by a batch, or a target",
            ),
            Column(
                "region",
                "division",
                _REGION_ALIASES,
                "the place counted; empty: China as a whole",
            ),
            Column("batch", "batch", ("批次",), "the MIIT batch, for a batch count"),
            Column("by", "date", ("目标日期", "达成日期"), "the date a target is to be reached by"),
            Column(
                "bound",
                "text",
                ("数值口径",),
                "`exact` (empty), `more-than` (a lower bound: over 9,000) or `rounded`",
            ),
            Column("national_rank", "integer", ("全国排名",), "the place's rank in China"),
            Column("provincial_rank", "integer", ("省内排名",), "the place's rank in its province"),
            _SOURCE,
        ),
        (("level",), ("count",), ("on",), ("kind",)),
        "one row per figure; a place, level, kind, date, batch and target date appear once",
        record=DesignationCount,
        fields=(
            "level",
            "count",
            "on",
            "kind",
            "region",
            "batch",
            "by",
            "source",
            "bound",
            "national_rank",
            "provincial_rank",
        ),
        builder=_build_count,
        cells=_count_cells,
        rank=8,
        dates=_count_dates,
        identity=_count_identity,
        field="counts",
    )
)
