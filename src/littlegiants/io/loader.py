r"""Loading enterprises, designations, relocations, trade, financials, rates and more from files.

The programme's data reaches users as spreadsheets and exports: MIIT's little-giant lists and
local reward notices (企业名称, 统一社会信用代码, 认定级别, 批次), customs extracts of firms'
imports and exports (进口 / 出口, 同比), annual figures, exchange rates, and the figures news
and customs report without the firms behind them (a cohort's trade, a city's count). This module
turns such files into the library's objects and, on bad input, says exactly what is wrong and
where: every problem in the file, each with its file, line (the row number a spreadsheet shows,
header = line 1), column, the value and what was expected.

- **Formats**, by extension: ``.csv`` (UTF-8 with or without a BOM; GB18030 when asked with
  ``encoding="gb18030"`` or detected with certainty), ``.json`` (an array of records),
  ``.jsonl`` (JSON Lines), ``.toml`` (an array of tables named after the kind, ``[[trade]]``) and
  ``.xlsx`` (with the ``xlsx`` extra, openpyxl).
- **Kinds** and their columns are documented in ``docs/loading.md``: enterprises, designations,
  relocations, trade, financials, profiles, rates, aggregates
  (:class:`~littlegiants.trade.TradeAggregate`) and counts
  (:class:`~littlegiants.counts.DesignationCount`).
- **Strict by default**: any bad row raises :class:`LoadError` listing the problems (the first
  :data:`MAX_PROBLEMS`, and how many more). With ``errors="collect"`` the good records come back
  with the rejected rows, and ``rows_read == len(records) + len(rejected)`` always. Problems of
  the file as a whole (unreadable bytes, a header that does not fit the kind, a JSON syntax
  error) raise :class:`LoadError` in both modes.
- **Nothing lost, nothing unbounded**: rows are counted from the file itself (never from an
  XLSX ``<dimension>``); an unclosed CSV quote costs the row it opened on, not the rows after it;
  a row in another encoding than the file's is a problem, never garbled text; every cell has a
  size limit and every number the library's bounds (``docs/loading.md``, "Size limits"); and
  whatever a file or path holds, only :class:`LoadError`, :class:`LoadFileError` or
  :class:`MissingExtraError` escape (a FIFO is refused without being opened).
- **Streaming**: ``iter_*`` functions read a row at a time, so memory stays bounded whatever the
  file's size; ``load_*`` are built on them. Rows of designations, relocations, trade,
  financials and profiles carry an enterprise built from the row's name and credit code;
  :func:`load_dataset` links them to the full enterprise records instead.
- **The garbage collector**: while a stream builds a batch of records, Python's cyclic garbage
  collector makes its young collections as usual but no full collection, which would walk every
  record already loaded (a third of the time of a large file with the default thresholds). Its
  settings are the caller's again before each batch is handed over, whatever happens.
- **Nothing implicit**: amounts take their currency from the cell, a ``currency`` column, the
  column header (``金额（万元）``, ``value (CNY)``) or ``currency=``, never a guess; dates after
  ``as_of=`` are refused where a kind forbids them, and today's date is never read.
- **Provenance**: a folder may hold a ``sources.toml`` saying where each data file comes from and
  which bundled policies the data is meant to be read with; :func:`load_dataset` checks it (a
  data file without a source is then a problem) and returns it. :func:`example_path` finds the
  bundled example, the seed article's figures and nothing else.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = folder / "trade.csv"
>>> _ = path.write_text(
...     "企业名称,期间,进出口,金额,币种,同比\n"
...     "Hosin Global,2022-01..2022-10,进口,US$99.2 million,USD,59%\n",
...     encoding="utf-8",
... )
>>> [record] = load_trade_records(path)
>>> record.flow, record.value, record.previous.round()
(<TradeFlow.IMPORT: 'import'>, Money('99200000.0', 'USD'), Money('62389937.11', 'USD'))
>>> _ = path.write_text(
...     "name,period,flow,value,currency\n"
...     "示例科技有限公司,2022-02-30,export,-5,CNY\n", encoding="utf-8"
... )
>>> load_trade_records(path)
Traceback (most recent call last):
...
littlegiants.io.loader.LoadError: Cannot load .../trade.csv: 1 problem.
  line 2, column period: Invalid period '2022-02-30': 2022-02-30 is not a date in the calendar.

More information:

- MIIT list notices (the columns of official lists), e.g. 工信厅企业函〔2022〕133号:
  https://saulcontrol.com/archives/12158
- Customs year-to-date conventions (trade periods):
  http://en.people.cn/n3/2022/1024/c90000-10162770.html
- OWASP, CSV injection (why dumps escape formulas): https://owasp.org/www-community/attacks/CSV_Injection
- RFC 4180 (CSV), RFC 8259 (JSON), JSON Lines (https://jsonlines.org), TOML 1.0 (https://toml.io)
"""

from __future__ import annotations

import datetime as dt
import errno as errnos
import gc
import importlib
import itertools
import os
import re
import stat
import threading
import tomllib
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Final,
    Generic,
    Literal,
    NamedTuple,
    TypeVar,
    cast,
    overload,
)

import attrs

from littlegiants.counts import DesignationCount
from littlegiants.enterprise import Enterprise
from littlegiants.errors import (
    InvalidArgumentError,
    InvalidRecordError,
    LittleGiantsError,
    MissingExtraError,
    PolicyFileError,
    Reason,
    SourceLocation,
    UnknownPolicyError,
    UnreadableFileError,
    _as_written,
    _said,
)
from littlegiants.frames import DESIGNATION_COLUMNS, Columns, Row, Tabular, flat_record
from littlegiants.fx import ExchangeRate, RateTable
from littlegiants.io import kinds as _kinds
from littlegiants.io import tables as _tables
from littlegiants.money import validate_currency
from littlegiants.regions import Region, coerce_region
from littlegiants.trade import TradeAggregate, TradeRecord
from littlegiants.translations import N_

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    # attrs keeps annotations as text here (no resolve_types on Dataset): the rules floor, and
    # babel with it, loads only when a sources.toml names a policy.
    from littlegiants.policy import IncentivePolicy  # noqa: TC004
    from littlegiants.records import (
        DesignationRecord,
        FinancialRecord,
        ProfileRecord,
        RelocationRecord,
    )

__all__ = [
    "MAX_PROBLEMS",
    "SOURCES_FILE",
    "Dataset",
    "DumpError",
    "FileSource",
    "LoadError",
    "LoadFileError",
    "LoadProblem",
    "LoadResult",
    "MissingExtraError",
    "MissingFileError",
    "RecordStream",
    "RejectedRow",
    "example_path",
    "iter_aggregates",
    "iter_counts",
    "iter_designations",
    "iter_enterprises",
    "iter_financials",
    "iter_profiles",
    "iter_rates",
    "iter_relocations",
    "iter_trade_records",
    "kind_of",
    "load_aggregates",
    "load_counts",
    "load_dataset",
    "load_designations",
    "load_enterprises",
    "load_financials",
    "load_list",
    "load_profiles",
    "load_rates",
    "load_relocations",
    "load_trade_records",
]

T = TypeVar("T")

#: The most problems a :class:`LoadError` lists; it counts the rest in ``more``.
MAX_PROBLEMS: Final = 50
#: The name of a dataset folder's provenance file (see :func:`load_dataset`).
SOURCES_FILE: Final = "sources.toml"

Errors = Literal["strict", "collect"]


# -- problems and errors ------------------------------------------------------------------------


@attrs.frozen
class LoadProblem:
    """One problem in a file: where it is, the value found and what was expected.

    Args:
        path: the file, as given.
        line: the row number a spreadsheet shows (header = 1); for JSON the line the record
            starts on, for TOML the line of the key (or of the table); ``None`` for the file.
        column: the column as the file names it (its header or key), or ``None`` for the row.
        value: the value found, or ``None``.
        message: what is wrong and what was expected.

    >>> problem = LoadProblem("trade.csv", 7, column="金额", value="12,5x", message="not a number")
    >>> str(problem)
    "trade.csv, line 7, column 金额: not a number (found '12,5x')."
    """

    path: str
    line: int | None
    column: str | None = attrs.field(default=None, kw_only=True)
    value: object = attrs.field(default=None, kw_only=True, hash=False)
    message: str = attrs.field(kw_only=True)

    @property
    def location(self) -> SourceLocation:
        """The file, line and column as a :class:`~littlegiants.errors.SourceLocation`."""
        return SourceLocation(self.path, self.line, self.column)

    def describe(self, *, with_path: bool = True, locale: object = None) -> str:
        """The problem as a sentence, with or without the file's name, in ``locale``'s words.

        >>> blank = N_("the row is blank; delete it")
        >>> problem = LoadProblem("a.csv", 3, column="level", message=blank)
        >>> problem.describe(with_path=False, locale="zh_CN")
        '第 3 行，列 level：该行为空，请删除。'
        """
        if locale is None:
            return self.said(_as_written, with_path=with_path)
        # Imported here: translations reads locales with formatting, which loads babel.
        from littlegiants.translations import translator  # noqa: PLC0415

        return self.said(translator(locale).gettext, with_path=with_path)

    def said(self, _: Callable[[str], str], *, with_path: bool = True) -> str:
        """The problem as a sentence in the words ``_`` (a gettext) gives."""
        where = self.location if with_path else SourceLocation(None, self.line, self.column)
        english = self.message.rstrip(".")
        text = _said(self.message, _).rstrip("." if _ is _as_written else ".。")
        if (
            self.value is not None
            and repr(self.value) not in english
            and str(self.value) not in english
        ):
            text += _(" (found {value})").format(value=repr(self.value))
        if where.path is None and where.line is None and where.field is None:
            return _("{problem}.").format(problem=text)
        return _("{where}: {problem}.").format(where=where.said(_), problem=text)

    def __str__(self) -> str:
        """``file, line N, column C: message (found value).``."""
        return self.describe()


@attrs.define(auto_exc=True, eq=False)
class LoadError(LittleGiantsError, ValueError):
    """A file (or a folder of files) could not be loaded: every problem found, located.

    ``problems`` holds the first :data:`MAX_PROBLEMS`; ``more`` counts the others.

    >>> err = LoadError("trade.csv", (LoadProblem("trade.csv", 3, message="the row is blank"),))
    >>> print(err)
    Cannot load trade.csv: 1 problem.
      line 3: the row is blank.
    >>> isinstance(err, ValueError)
    True
    """

    path: str
    problems: tuple[LoadProblem, ...]
    more: int = 0

    @property
    def count(self) -> int:
        """How many problems were found in all."""
        return len(self.problems) + self.more

    def _sentence(self, _: Callable[[str], str]) -> str:
        """A header line, then one problem per line."""
        head = (
            _("Cannot load {path}: {count} problem.")
            if self.count == 1
            else _("Cannot load {path}: {count} problems.")
        )
        lines = [head.format(path=self.path, count=self.count)]
        lines.extend(
            "  " + problem.said(_, with_path=problem.path != self.path) for problem in self.problems
        )
        if self.more:
            lines.append("  " + _("... and {count} more.").format(count=self.more))
        return "\n".join(lines)


class LoadFileError(UnreadableFileError):
    """A data file or folder given to a loader cannot be read: missing, not a file, not readable.

    An :class:`~littlegiants.errors.UnreadableFileError`, so an ``OSError`` (with ``errno``,
    ``strerror`` and ``filename`` set); a missing file raises the subclass
    :class:`MissingFileError`, also a ``FileNotFoundError``.

    >>> err = LoadFileError("trade.csv", "permission denied", errnos.EACCES)
    >>> str(err), err.errno == errnos.EACCES, err.filename
    ('Cannot read trade.csv: permission denied.', True, 'trade.csv')
    """


class MissingFileError(LoadFileError, FileNotFoundError):
    """The file or folder does not exist (also a ``FileNotFoundError``)."""


@attrs.define(auto_exc=True, eq=False)
class DumpError(InvalidRecordError):
    r"""A record cannot be written to a file so that loading the file gives it back.

    Raised by the ``dump_*`` functions of :mod:`littlegiants.io.dumps` before any file is left
    behind: ``index`` is the record's place among those given (1 for the first), ``field`` the
    column at fault, ``value`` what it holds. An :class:`~littlegiants.errors.InvalidRecordError`
    (so a ``ValueError``).

    >>> err = DumpError("a\rb", "XLSX cannot carry a carriage return", None, "out.xlsx", 2, "name")
    >>> print(err)
    Cannot write out.xlsx: record 2, field name: XLSX cannot carry a carriage return (found 'a\rb').
    """

    path: str | None = None
    index: int | None = None
    field: str | None = None

    def _sentence(self, _: Callable[[str], str]) -> str:
        """``Cannot write PATH: record N, field F: REASON (found VALUE).``."""
        where = [_("record {index}").format(index=self.index)] if self.index is not None else []
        if self.field is not None:
            where.append(_("field {field}").format(field=self.field))
        head = (
            _("Cannot write {path}").format(path=self.path)
            if self.path is not None
            else _("Cannot write the file")
        )
        found = "" if self.value is None else _(" (found {value})").format(value=repr(self.value))
        place = _("{where}: ").format(where=_(", ").join(where)) if where else ""
        return _("{head}: {place}{reason}{found}.").format(
            head=head, place=place, reason=_said(self.reason, _), found=found
        )


def require_openpyxl() -> Any:  # noqa: ANN401 - openpyxl ships no type information
    """Return the openpyxl module, or raise :class:`MissingExtraError` naming the extra."""
    try:
        return importlib.import_module("openpyxl")
    except ImportError as exc:
        raise MissingExtraError("xlsx", "openpyxl", "read and write .xlsx files") from exc


# -- results ------------------------------------------------------------------------------------


@attrs.frozen
class RejectedRow:
    """A row that was not loaded: where it is, its cells as read, and every problem in it."""

    path: str
    line: int | None
    cells: Mapping[str, object] = attrs.field(kw_only=True, hash=False)
    problems: tuple[LoadProblem, ...] = attrs.field(kw_only=True)


def _reconciles(result: LoadResult[Any], _: object, rows_read: int) -> None:
    if rows_read != len(result.records) + len(result.rejected):
        raise InvalidRecordError(
            rows_read,
            f"rows_read must be records + rejected ({len(result.records)} + "
            f"{len(result.rejected)})",
        )


@attrs.frozen
class LoadResult(Tabular, Generic[T]):
    """What ``errors="collect"`` returns: the records, the rejected rows and the rows read.

    ``rows_read == len(records) + len(rejected)`` always holds (it is checked). ``ignored``
    names the file's columns the kind does not use (序号, 备注, ...): read past, never an error,
    and reported here once for the file.
    """

    records: tuple[T, ...]
    rejected: tuple[RejectedRow, ...] = attrs.field(kw_only=True)
    rows_read: int = attrs.field(kw_only=True, validator=_reconciles)
    ignored: tuple[str, ...] = attrs.field(kw_only=True, default=())

    @property
    def problems(self) -> tuple[LoadProblem, ...]:
        """Every problem of every rejected row, in file order."""
        return tuple(problem for row in self.rejected for problem in row.problems)

    def __repr__(self) -> str:
        """One line: how many records, rows read and rows rejected."""
        return (
            f"<LoadResult: {len(self.records)} records, {self.rows_read} rows read, "
            f"{len(self.rejected)} rejected>"
        )

    def to_records(self) -> list[Row]:
        """The records as plain rows: an enterprise's designation rows, else the record's fields.

        An enterprise gives :meth:`Enterprise.designation_records
        <littlegiants.enterprise.Enterprise.designation_records>`; any other record
        :func:`~littlegiants.frames.flat_record` (a trade record's firm, period, flow, exact
        amounts, currency and growth rate).
        """
        return _rows_of(self.records)


def _rows_of(records: Iterable[object]) -> list[Row]:
    """Plain rows of records of one kind (see :meth:`LoadResult.to_records`)."""
    rows: list[Row] = []
    for record in records:
        if isinstance(record, Enterprise):
            rows.extend(record.designation_records())
        else:
            rows.append(flat_record(record))
    return rows


def _rate_table(dataset: Dataset) -> RateTable:
    return RateTable(dataset.rates)


@attrs.frozen
class FileSource:
    """Where one data file of a dataset comes from: its entry in the folder's ``sources.toml``.

    Args:
        source: who published the figures, where and when (publisher, writer, date, title).
        url: the source's address, when it has one.
        confidence: how far the figures can be trusted, in words (``High``; ``derived``).
        note: what the source does not say, and the readings made of it.

    >>> FileSource("Shenzhen Daily, 2022-11-23", confidence="High")
    FileSource(source='Shenzhen Daily, 2022-11-23', url=None, confidence='High', note=None)
    """

    source: str
    url: str | None = attrs.field(default=None, kw_only=True)
    confidence: str | None = attrs.field(default=None, kw_only=True)
    note: str | None = attrs.field(default=None, kw_only=True)


class _SourceMap(Mapping[str, FileSource]):
    """File name -> :class:`FileSource`, read-only (and picklable, unlike a mappingproxy)."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, FileSource]) -> None:
        self._items = dict(items)

    def __getitem__(self, name: str) -> FileSource:
        return self._items[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return repr(self._items)


def _frozen_sources(value: Mapping[str, FileSource]) -> Mapping[str, FileSource]:
    return value if isinstance(value, _SourceMap) else _SourceMap(value)


@attrs.frozen
class Dataset(Tabular):
    """A folder's records, linked to their enterprises, with the folder's provenance.

    ``enterprises`` carry their designations, relocations, financial years and profiles;
    ``trade_records`` point at those enterprises; ``rates`` are the exchange rates; ``aggregates``
    and ``counts`` are the figures reported without the firms behind them.
    ``rejected`` and ``rows_read`` say what was read (with ``errors="collect"``); ``title``,
    ``note``, ``sources`` (file name -> :class:`FileSource`) and ``policies`` (the bundled
    policies the data is meant to be read with) come from the folder's ``sources.toml``. None of
    these take part in equality, so a dataset equals the one read back from its dump.
    Every accepted row is one object: ``rows_read - len(rejected)`` equals the enterprises plus
    their designations, relocations, financial years and profiles plus the trade records, rates,
    aggregates and counts, less ``listed``, the enterprises a list's rows name (read with the
    designations on those rows, not from rows of their own; see :func:`load_list`).
    ``ignored`` maps a file (or ``"file, sheet NAME"``) to the columns read past as no column
    of its kind (序号, 备注, ...): reported once, never an error.
    """

    enterprises: tuple[Enterprise, ...]
    trade_records: tuple[TradeRecord, ...] = attrs.field(kw_only=True, default=())
    rates: tuple[ExchangeRate, ...] = attrs.field(kw_only=True, default=())
    aggregates: tuple[TradeAggregate, ...] = attrs.field(kw_only=True, default=())
    counts: tuple[DesignationCount, ...] = attrs.field(kw_only=True, default=())
    rejected: tuple[RejectedRow, ...] = attrs.field(kw_only=True, default=(), eq=False)
    rows_read: int = attrs.field(kw_only=True, default=0, eq=False)
    title: str | None = attrs.field(kw_only=True, default=None, eq=False)
    note: str | None = attrs.field(kw_only=True, default=None, eq=False)
    sources: Mapping[str, FileSource] = attrs.field(
        kw_only=True, factory=dict, converter=_frozen_sources, eq=False
    )
    policies: tuple[IncentivePolicy, ...] = attrs.field(kw_only=True, default=(), eq=False)
    ignored: Mapping[str, tuple[str, ...]] = attrs.field(kw_only=True, factory=dict, eq=False)
    listed: int = attrs.field(kw_only=True, default=0, eq=False)

    @property
    def rate_table(self) -> RateTable:
        """The rates as a :class:`~littlegiants.fx.RateTable`."""
        return _rate_table(self)

    #: The columns of ``to_records()`` (enterprises), which ``to_polars()`` and the others give.
    record_columns: ClassVar[Columns] = DESIGNATION_COLUMNS

    def __repr__(self) -> str:
        """One line: the title, and how many objects of each kind were read."""
        title = "" if self.title is None else f" {self.title!r}"
        return (
            f"<Dataset{title}: {len(self.enterprises)} enterprises, "
            f"{len(self.trade_records)} trade records, {len(self.rates)} rates, "
            f"{len(self.aggregates)} aggregates, {len(self.counts)} counts; "
            f"{self.rows_read} rows read, {len(self.rejected)} rejected>"
        )

    def to_records(self, kind: str = "enterprises") -> list[Row]:
        """The rows of one kind of record, as plain dicts.

        ``enterprises`` gives one row per designation (:meth:`Enterprise.designation_records
        <littlegiants.enterprise.Enterprise.designation_records>`); ``trade``, ``rates``,
        ``aggregates`` and ``counts`` each record's fields
        (:func:`~littlegiants.frames.flat_record`).

        Raises:
            InvalidArgumentError: another kind.
        """
        found = {
            known.name: getattr(self, known.field)
            for known in _kinds.KINDS.values()
            if known.field is not None
        }
        if kind not in found:
            expected = Reason(N_("expected one of {kinds}"), kinds=", ".join(found))
            raise InvalidArgumentError(kind, N_("kind"), expected)
        return _rows_of(found[kind])

    @property
    def objects(self) -> int:
        """How many rows became objects (see the class docstring).

        Each kind says where its records are: the enterprises, the facts attached to them (a
        profile is one), and the records the dataset holds apart (trade, rates ...).
        """
        kinds = _kinds.ordered()
        facts = [kind.fact for kind in kinds if kind.fact is not None]
        linked = sum(
            (getattr(e, fact.field) is not None) if fact.one else len(getattr(e, fact.field))
            for e in self.enterprises
            for fact in facts
        )
        flat = sum(len(getattr(self, kind.field)) for kind in kinds if kind.field and not kind.base)
        return len(self.enterprises) - self.listed + linked + flat


# -- scanning a file ----------------------------------------------------------------------------


class _Bad(NamedTuple):
    """A rejected row, or (``fatal``) a problem that stops reading the file."""

    line: int | None
    problems: tuple[LoadProblem, ...]
    cells: Mapping[str, object]
    fatal: bool = False


class _Seen(NamedTuple):
    path: str
    line: int | None
    what: str


def _where(seen: _Seen, path: str) -> str:
    return (
        Reason(N_("line {line}"), line=seen.line)
        if seen.path == path
        else Reason(N_("{path}, line {line}"), path=seen.path, line=seen.line)
    )


def _repeats(what: str, earlier: _Seen, path: str) -> Reason:
    """``repeats WHAT, first given on line N``: a record whose key an earlier row gave."""
    return Reason(
        N_("repeats {what}, first given on {where}"),
        what=Reason.given(what),
        where=_where(earlier, path),
    )


class _Scanner:
    """Reads one file of one kind: rows in, records (or :class:`_Bad`) out.

    ``use_fast`` says whether CSV trade rows may take the fast path (see
    :mod:`littlegiants.io.kinds`); both paths give the same records and problems, which a test
    checks by turning it off on the class.
    """

    use_fast: bool = True

    def __init__(
        self,
        path: Path,
        kind: _kinds.Kind,
        *,
        encoding: str,
        currency: str | None,
        as_of: dt.date | None,
        seen: dict[object, _Seen] | None = None,
        within: Region | None = None,
        sheet: str | None = None,
    ) -> None:
        self.path = path
        self.name = str(path) if sheet is None else f"{path}, sheet {sheet}"
        self.sheet = sheet
        self.kind = kind
        self.encoding = encoding
        self.fmt = _tables.format_of(path) or ""
        self.currency = currency
        self.reader = _kinds.RowReader(
            kind, currency=currency, as_of=as_of, escaped=self.fmt == "csv", within=within
        )
        self.ignored: dict[str, None] = {}
        self.binding: _kinds.Binding | None = None
        self.header: list[str] = []
        self.seen = {} if seen is None else seen
        self.openpyxl = require_openpyxl() if self.fmt == "xlsx" else None
        self.bindings: dict[tuple[str, ...], tuple[_kinds.Binding, list[_tables.Issue]]] = {}
        self.check = kind.identity is not None
        self.fast_slot: list[_tables.FastPath | None] = [None]

    def problem(self, line: int | None, issue: _tables.Issue, lines: object = None) -> LoadProblem:
        """A located problem from an issue; TOML issues take their key's line."""
        if isinstance(lines, dict) and issue.column in lines:
            line = lines[issue.column]
        return LoadProblem(
            self.name,
            issue.line if issue.line is not None else line,
            column=issue.column,
            value=issue.value,
            message=issue.message,
        )

    def cells(self, cells: object) -> Mapping[str, object]:
        """The cells of a row by column, as read (extra cells get ``#n`` names).

        A blank row has none, whether its line was empty or only commas (``,,,``): a reader
        that cannot tell the two apart (Arrow's) gives the same rejected row.
        """
        if isinstance(cells, dict):
            return dict(cells)
        if not isinstance(cells, list):
            return {}
        return _named_cells(self.header, cells)

    def bad(
        self, line: int | None, issues: Sequence[_tables.Issue], cells: object, lines: object = None
    ) -> _Bad:
        """A rejected row."""
        problems = tuple(self.problem(line, issue, lines) for issue in issues)
        return _Bad(line, problems, self.cells(cells))

    def accept_header(self, names: list[str]) -> bool:
        """Whether a header binds to the kind without problems (GB18030 detection)."""
        _, issues = _kinds.bind(self.kind, names)
        return not issues

    def raw(self) -> Iterator[Any]:
        """The rows :mod:`~littlegiants.io.tables` reads from the file (or the fast path's records).

        Raises:
            LoadFileError: the file cannot be opened or read.
        """
        rows = _tables.read_rows(
            self.path,
            self.fmt,
            encoding=self.encoding,
            accept_header=self.accept_header,
            tables=self.kind.tables,
            openpyxl=self.openpyxl,
            fast_slot=self.fast_slot,
            sheet=self.sheet,
        )
        try:
            yield from rows
        except OSError as exc:
            raise _file_error(self.path, exc) from exc

    def handle(self, row: tuple[Any, ...]) -> object:
        """A row in, a record or a :class:`_Bad` out; ``None`` for the header (now bound)."""
        kind, line, cells, issues, lines = row
        if kind == "fatal":
            return _Bad(line, tuple(self.problem(line, i) for i in issues), {}, fatal=True)
        if kind == "header":
            self.header = list(cells)
            binding, found = _kinds.bind(self.kind, cells)
            if found:
                return _Bad(1, tuple(self.problem(1, issue) for issue in found), {}, fatal=True)
            self.binding = binding
            self.ignored.update(dict.fromkeys(binding.ignored))
            self.reader.use(binding)
            if self.use_fast:
                self.fast_slot[0] = self.reader.fast_function()
            return None
        if issues:
            return self.bad(line, issues, cells, lines)
        if isinstance(cells, dict):
            binding, found = self._record_binding(cells)
            record, more = self.reader.read(binding, list(cells.values()))
            found = [*found, *_kinds.table_issues(more, binding)]
        else:
            binding = self.binding  # type: ignore[assignment]
            record, more = self.reader.read(binding, cells)
            found = _kinds.table_issues(more, binding) if more else more
        if found or record is None:
            return self.bad(line, found, cells, lines)
        if self.check:
            duplicate = self._duplicate(record, line, binding)
            if duplicate is not None:
                return self.bad(line, [duplicate], cells, lines)
        return record

    def items(self) -> Iterator[tuple[int | None, Any, object] | _Bad]:
        """``(line, record, cells)`` for each good row, :class:`_Bad` for each bad one.

        Used by :func:`load_dataset`, which needs the lines; the fast path is off here.
        """
        self.use_fast = False
        for row in self.raw():
            result = self.handle(row)
            if result is None:
                continue
            if isinstance(result, _Bad):
                yield result
                continue
            yield (row[1], result, row[2])

    def _record_binding(
        self, cells: dict[str, object]
    ) -> tuple[_kinds.Binding, list[_tables.Issue]]:
        bindings = self.bindings
        keys = tuple(cells)
        found = bindings.get(keys)
        if found is None:
            if len(bindings) >= 256:
                bindings.clear()
            found = _kinds.bind(self.kind, keys, table=False)
            bindings[keys] = found
            self.ignored.update(dict.fromkeys(found[0].ignored))
        return found

    def _duplicate(
        self, record: object, line: int | None, binding: _kinds.Binding
    ) -> _tables.Issue | None:
        """A record of a kind with an identity (see ``Kind.identity``) an earlier row gave."""
        if self.kind.identity is None:  # pragma: no cover - only kinds with one are checked
            return None
        key, column, value, what = self.kind.identity(record)
        earlier = self.seen.get(key)
        if earlier is None:
            self.seen[key] = _Seen(self.name, line, what)
            return None
        message = _repeats(what, earlier, self.name)
        if column == "name":
            message = Reason(
                N_("{reason} (give each firm its credit code to tell them apart)"), reason=message
            )
        return _tables.Issue(binding.column_name(column), value, message)


def _file_error(path: Path, exc: OSError, what: str = N_("file")) -> LoadFileError:
    """The error for a path the system refused: missing, a broken link, too long, forbidden."""
    name = str(path)
    if isinstance(exc, FileNotFoundError):
        try:
            target = path.readlink() if path.is_symlink() else None
        except OSError:
            target = None
        if target is not None:
            message = Reason(
                N_("it is a symbolic link to {target}, which does not exist"),
                target=repr(str(target)),
            )
            return MissingFileError(name, message, exc.errno)
        return MissingFileError(
            name, Reason(N_("no such {what}"), what=Reason.given(what)), exc.errno
        )
    reasons = {
        errnos.ENAMETOOLONG: N_("its name is too long for the file system"),
        errnos.ELOOP: N_("its symbolic links go round in a loop"),
        errnos.ENOTDIR: N_("a part of its path is a file, not a folder"),
        errnos.EACCES: N_("permission denied"),
        errnos.EPERM: N_("permission denied"),
    }
    reason = reasons.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()
    return LoadFileError(name, reason, exc.errno)


def _regular_file(path: Path, what: str) -> None:
    """Check, without opening it, that ``path`` is a regular file (not a FIFO that would block).

    Raises:
        LoadFileError: it is missing (:class:`MissingFileError`), a broken link, a folder, a
            FIFO, a device or a socket, or the system refuses to look at it.
    """
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise _file_error(path, exc, what) from exc
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        folder = Reason(N_("it is a folder, not a {what}"), what=Reason.given(what))
        raise LoadFileError(str(path), folder, errnos.EISDIR)
    if stat.S_ISFIFO(mode):
        reason = N_("it is a named pipe (FIFO), not a file: it is not opened, as that could block")
    else:
        reason = N_("it is a device or a socket, not a regular file")
    raise LoadFileError(str(path), reason, errnos.EINVAL)


def _folder(path: Path) -> None:
    """Check that ``path`` is a folder.

    Raises:
        LoadFileError: it is missing (:class:`MissingFileError`), not a folder, or refused.
    """
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise _file_error(path, exc, N_("folder")) from exc
    if not stat.S_ISDIR(mode):
        raise LoadFileError(str(path), N_("it is not a folder"), errnos.ENOTDIR)


# -- the garbage collector while records are built ------------------------------------------------


class _YoungCollectionsOnly:
    """A context in which the cyclic garbage collector collects the young generations only.

    **Why.** Records are containers the collector tracks (a ``TradeRecord`` and its ``Money``
    values, about 2.3 per row of a trade file), and a loaded file's records all stay alive. With
    Python's default thresholds, each time the objects that survived the young collections pass
    a quarter of the oldest generation, a *full* collection walks every tracked object in the
    process: about a dozen of them while 1,000,000 trade rows load, a third of
    ``load_trade_records``' time, and none finds garbage (``benchmarks/bench_loader.py``).

    **What.** On entry, automatic collections are put off: generation 0's threshold is raised
    to at least :data:`_PUT_OFF` (the others are kept, so a batch that allocates that much
    still gets a collection). On exit, the thresholds the caller had are set back, and if a
    collection had become due meanwhile, a young collection is made, of generations 0 and 1
    together, but never of generation 2. So the young generations are collected at least as
    often as usual and garbage made while loading is still freed; only full collections wait,
    for the caller's own code (a full collection after a load walks the records once, where a
    dozen walked them during it). Generation 1 goes with 0 each time because what survives a
    batch is its records, which stay alive: a collection of generation 0 alone would move them
    into generation 1 only for the next collection of it to walk them again (collecting both
    at once halves the collector's time during a load, ``benchmarks/bench_loader.py``).

    **Why it cannot leak.** The context is entered and left within one step of a stream (one
    batch of records built, never across a ``yield``), so the caller's code always runs with
    the thresholds it set, a stream abandoned half-read leaves nothing changed, and an error
    (``KeyboardInterrupt`` too) leaves through ``__exit__``. Streams read in several threads at
    once share one entry: the first in saves the thresholds, the last out restores them, under
    a lock. Nothing is changed when the collector is disabled (``gc.disable()``) or its
    automatic collections are off (threshold 0), and thresholds that someone else set while a
    batch was built are left as they are.

    The other options weighed: ``gc.freeze()`` moves every object of the process, the caller's
    too, out of the collector's sight for good; ``gc.disable()`` would also stop the young
    collections that free garbage while a large file loads; and building fewer tracked objects
    would change ``Money`` and ``TradeRecord``, which every record needs as they are.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._saved: tuple[int, int, int] = gc.get_threshold()
        self._raised: tuple[int, int, int] | None = None

    def __enter__(self) -> None:
        """Put off automatic collections (the first entry saves the caller's thresholds)."""
        with self._lock:
            if self._depth == 0:
                saved = self._saved = gc.get_threshold()
                self._raised = None
                if saved[0] > 0 and gc.isenabled():
                    self._raised = (max(saved[0], _PUT_OFF), saved[1], saved[2])
                    gc.set_threshold(*self._raised)
            self._depth += 1

    def __exit__(self, *exc_info: object) -> None:
        """Restore the thresholds (the last exit), then make the young collection now due."""
        with self._lock:
            self._depth -= 1
            if self._depth or self._raised is None:
                return
            raised, self._raised = self._raised, None
            if gc.get_threshold() != raised:
                return  # someone else set the thresholds meanwhile: theirs stand
            # Asked while the thresholds are still raised: once the caller's are back, the first
            # tracked object made (the count's own tuple) would start an automatic collection
            # of whatever generation is due, the oldest too.
            due = gc.isenabled() and gc.get_count()[0] > self._saved[0]
            gc.set_threshold(*self._saved)
        if due:  # nothing tracked is made between the restored thresholds and this collection
            gc.collect(1)


#: Generation 0's threshold while records are built: a collection only after this many more
#: tracked objects are allocated than freed (a few hundred batches' worth of records).
_PUT_OFF: Final = 100_000

_young_collections_only: Final = _YoungCollectionsOnly()


def _young_collections(items: Iterator[T]) -> Iterator[T]:
    """The items of an iterator, each made with full collections put off (one at a time)."""
    while True:
        with _young_collections_only:
            try:
                item = next(items)
            except StopIteration:
                return
        yield item


# -- streams --------------------------------------------------------------------------------------


class RecordStream(Generic[T]):
    """The records of one file, one at a time, with counts and rejected rows as they are found.

    Iterate it once. With ``errors="strict"`` it stops yielding at the first bad row, reads on
    to the end to find every problem, then raises :class:`LoadError`. With ``errors="collect"``
    it yields every good record and keeps the bad rows in :attr:`rejected`. After iteration,
    ``rows_read == records yielded + len(rejected)``.
    """

    def __init__(self, scanner: _Scanner, *, errors: Errors) -> None:
        """Prepare to read ``scanner``'s file (nothing is read until iteration)."""
        self._scanner = scanner
        self.errors = errors
        self.path = scanner.name
        self.rows_read = 0
        self.rejected: list[RejectedRow] = []
        self._problems: list[LoadProblem] = []
        self._more = 0
        self._failed = False
        self._run = itertools.chain.from_iterable(self._batches())

    def __iter__(self) -> Iterator[T]:
        """The records (the stream's own iterator)."""
        return self._run

    def __next__(self) -> T:
        """The next record."""
        return next(self._run)

    def _note(self, bad: _Bad) -> None:
        if self.errors == "collect" and not bad.fatal:
            row = RejectedRow(self.path, bad.line, cells=bad.cells, problems=bad.problems)
            self.rejected.append(row)
            return
        for problem in bad.problems:
            if len(self._problems) < MAX_PROBLEMS:
                self._problems.append(problem)
            else:
                self._more += 1

    def _batches(self) -> Iterator[list[T]]:
        """The records in lists, as the fast path builds them (and one by one from the others).

        ``__iter__`` chains the lists, so a record costs no step of this generator; the counts
        are kept per list, and match the records yielded once the stream is read to the end.
        Each list is built with full collections put off (:class:`_YoungCollectionsOnly`),
        never across the ``yield``.
        """
        rows = self._scanner.raw()
        while True:
            with _young_collections_only:
                batch = self._next_batch(rows)
            if batch is None:
                break
            yield batch
        if self._failed:
            raise LoadError(self.path, tuple(self._problems), self._more)

    def _next_batch(self, rows: Iterator[Any]) -> list[T] | None:
        """The next list of records to yield, or ``None`` once every row is read or one is fatal.

        Once a strict stream has met a bad row it yields no more records: this call then reads
        the rest of the file, to find every problem, before it returns ``None``.
        """
        handle = self._scanner.handle
        for item in rows:
            if item.__class__ is list:  # records the fast path built, in file order
                self.rows_read += len(item)
                if not self._failed:
                    return item
                continue
            if item.__class__ is tuple:  # a row the fast path did not build
                item = handle(item)  # noqa: PLW2901 - the row becomes its result
                if item is None:
                    continue
                if item.__class__ is _Bad:
                    bad: _Bad = item
                    self._note(bad)
                    if bad.fatal:
                        self._failed = True
                        return None
                    self.rows_read += 1
                    self._failed = self._failed or self.errors == "strict"
                    continue
            self.rows_read += 1
            if not self._failed:
                return [item]
        return None

    def result(self) -> LoadResult[T]:
        """Read to the end and return everything (for ``errors="collect"``).

        Call it on a stream not yet iterated: records already taken cannot be returned again.

        Raises:
            InvalidRecordError: the stream was partly or wholly iterated before.
        """
        records = tuple(self)
        taken = self.rows_read - len(self.rejected) - len(records)
        if taken:
            raise InvalidRecordError(
                self.path,
                Reason(
                    N_(
                        "result() returns every record of the file, but {taken} had already "
                        "been taken by iterating the stream: call result() on a fresh stream, "
                        "or read stream.rows_read and stream.rejected after iterating it"
                    ),
                    taken=taken,
                ),
            )
        return LoadResult(
            records, rejected=tuple(self.rejected), rows_read=self.rows_read, ignored=self.ignored
        )

    @property
    def ignored(self) -> tuple[str, ...]:
        """The file's columns the kind does not use, as its header (or keys) name them."""
        return tuple(self._scanner.ignored)


# -- arguments ------------------------------------------------------------------------------------


def _check_arguments(
    path: Path, *, encoding: str, errors: str, currency: str | None, as_of: dt.date | None
) -> str | None:
    """A loader's checks of its arguments, before the path is looked at: the currency's code.

    Raises:
        InvalidRecordError: ``errors`` is not ``"strict"`` or ``"collect"``, or ``as_of`` is
            not a ``datetime.date``.
        UnknownCurrencyError: ``currency`` is not an ISO 4217 code.
        LoadError: the encoding is unknown (naming ``path``).
    """
    if errors not in ("strict", "collect"):
        raise InvalidRecordError(errors, N_("errors= must be 'strict' or 'collect'"))
    if as_of is not None and (isinstance(as_of, dt.datetime) or not isinstance(as_of, dt.date)):
        raise InvalidRecordError(as_of, N_("as_of= must be a datetime.date"))
    checked = None if currency is None else validate_currency(currency)
    problem = _tables.check_encoding(encoding)
    if problem is not None:
        raise LoadError(str(path), (LoadProblem(str(path), None, message=problem),))
    return checked


def _named_cells(header: Sequence[str], cells: Sequence[object]) -> dict[str, object]:
    """A row's cells by the header's names (cells beyond it as ``#n``); a blank row's none."""
    named: dict[str, object] = dict.fromkeys(header)
    if not any(cells):
        return named
    for index, value in enumerate(cells):
        named[header[index] if index < len(header) else f"#{index + 1}"] = value
    return named


def _capped(path: str, problems: Sequence[LoadProblem], more: int = 0) -> LoadError:
    """The error listing the first :data:`MAX_PROBLEMS` problems and counting the others."""
    extra = max(0, len(problems) - MAX_PROBLEMS)
    return LoadError(path, tuple(problems[:MAX_PROBLEMS]), more + extra)


def _check(
    path: str | os.PathLike[str],
    *,
    kind: str,
    encoding: str,
    errors: str,
    currency: str | None,
    as_of: dt.date | None,
) -> tuple[Path, str | None]:
    file = Path(path)
    checked = _check_arguments(
        file, encoding=encoding, errors=errors, currency=currency, as_of=as_of
    )
    fmt = _tables.format_of(file)
    if fmt is None:
        formats = ", ".join(_tables.FORMATS)
        message = Reason(
            N_("cannot tell the format from the extension {suffix}: use {formats}"),
            suffix=repr(file.suffix),
            formats=formats,
        )
        raise LoadError(str(file), (LoadProblem(str(file), None, message=message),))
    _regular_file(file, Reason(N_("{kind} file"), kind=kind) if kind else N_("file"))
    return file, checked


def _stream(
    path: str | os.PathLike[str],
    kind: _kinds.Kind,
    *,
    encoding: str,
    errors: str,
    currency: str | None,
    as_of: dt.date | None,
    within: Region | str | None = None,
) -> RecordStream[Any]:
    file, code = _check(
        path, kind=kind.name, encoding=encoding, errors=errors, currency=currency, as_of=as_of
    )
    area = None if within is None else coerce_region(within)
    scanner = _Scanner(file, kind, encoding=encoding, currency=code, as_of=as_of, within=area)
    return RecordStream(scanner, errors=errors)  # type: ignore[arg-type]


def _load(stream: RecordStream[T]) -> list[T] | LoadResult[T]:
    if stream.errors == "collect":
        return stream.result()
    return list(stream)


def iter_enterprises(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    errors: Errors = "strict",
    currency: str | None = None,
    as_of: dt.date | None = None,
    within: Region | str | None = None,
) -> RecordStream[Enterprise]:
    """Stream the enterprises of a file (see :func:`load_enterprises`)."""
    return _stream(
        path,
        _kinds.ENTERPRISES,
        encoding=encoding,
        errors=errors,
        currency=currency,
        as_of=as_of,
        within=within,
    )


def iter_designations(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    errors: Errors = "strict",
    currency: str | None = None,
    as_of: dt.date | None = None,
) -> RecordStream[DesignationRecord]:
    """Stream the designations of a file (see :func:`load_designations`)."""
    return _stream(
        path,
        _kinds.DESIGNATIONS,
        encoding=encoding,
        errors=errors,
        currency=currency,
        as_of=as_of,
    )


def iter_relocations(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    errors: Errors = "strict",
    currency: str | None = None,
    as_of: dt.date | None = None,
) -> RecordStream[RelocationRecord]:
    """Stream the moves of registered seats in a file (see :func:`load_relocations`)."""
    return _stream(
        path, _kinds.RELOCATIONS, encoding=encoding, errors=errors, currency=currency, as_of=as_of
    )


def iter_trade_records(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    errors: Errors = "strict",
    currency: str | None = None,
    as_of: dt.date | None = None,
) -> RecordStream[TradeRecord]:
    """Stream the trade records of a file, in memory bounded whatever its size.

    See :func:`load_trade_records` for the arguments. Plain rows (a repeated enterprise,
    period, flow and currency, amounts as plain numbers) take a fast path; see
    ``docs/loading.md``.
    """
    return _stream(
        path, _kinds.TRADE, encoding=encoding, errors=errors, currency=currency, as_of=as_of
    )


def iter_financials(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    errors: Errors = "strict",
    currency: str | None = None,
    as_of: dt.date | None = None,
) -> RecordStream[FinancialRecord]:
    """Stream the financial years of a file (see :func:`load_financials`)."""
    return _stream(
        path, _kinds.FINANCIALS, encoding=encoding, errors=errors, currency=currency, as_of=as_of
    )


def iter_profiles(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    errors: Errors = "strict",
    currency: str | None = None,
    as_of: dt.date | None = None,
) -> RecordStream[ProfileRecord]:
    """Stream the profiles of a file (see :func:`load_profiles`)."""
    return _stream(
        path, _kinds.PROFILES, encoding=encoding, errors=errors, currency=currency, as_of=as_of
    )


def iter_rates(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    errors: Errors = "strict",
    currency: str | None = None,
    as_of: dt.date | None = None,
) -> RecordStream[ExchangeRate]:
    """Stream the exchange rates of a file (see :func:`load_rates`)."""
    return _stream(
        path, _kinds.RATES, encoding=encoding, errors=errors, currency=currency, as_of=as_of
    )


def iter_aggregates(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    errors: Errors = "strict",
    currency: str | None = None,
    as_of: dt.date | None = None,
) -> RecordStream[TradeAggregate]:
    """Stream the trade aggregates of a file (see :func:`load_aggregates`)."""
    return _stream(
        path, _kinds.AGGREGATES, encoding=encoding, errors=errors, currency=currency, as_of=as_of
    )


def iter_counts(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    errors: Errors = "strict",
    currency: str | None = None,
    as_of: dt.date | None = None,
) -> RecordStream[DesignationCount]:
    """Stream the designation counts of a file (see :func:`load_counts`)."""
    return _stream(
        path, _kinds.COUNTS, encoding=encoding, errors=errors, currency=currency, as_of=as_of
    )


_ARGS_DOC: Final = """

    Args:
        path: the file; its extension gives the format (.csv, .json, .jsonl, .toml, .xlsx).
        encoding: the text encoding; UTF-8 by default (a BOM is skipped), and a CSV file whose
            first line is not UTF-8 but reads as GB18030 with a header of known columns is read
            as GB18030. Pass ``"gb18030"`` to say so.
        errors: ``"strict"`` raises on any bad row; ``"collect"`` returns a :class:`LoadResult`.
        currency: the currency of amounts that name none (no marker, no currency column, no
            unit in the header).
        as_of: refuse dates after this day where the kind forbids them; no check when ``None``.

    Returns:
        The records (``errors="strict"``), or a :class:`LoadResult`.

    Raises:
        LoadError: a problem in the file (strict: any; collect: one that stops reading).
        LoadFileError: the file cannot be read (:class:`MissingFileError` when it is missing).
        MissingExtraError: an .xlsx file and openpyxl is not installed.
        UnknownCurrencyError: ``currency`` is not an ISO 4217 code.
        InvalidRecordError: ``errors`` or ``as_of`` is not a valid argument.
"""


@overload
def load_enterprises(
    path: str | os.PathLike[str],
    *,
    encoding: str = ...,
    errors: Literal["strict"] = ...,
    currency: str | None = ...,
    as_of: dt.date | None = ...,
    within: Region | str | None = ...,
) -> list[Enterprise]: ...
@overload
def load_enterprises(
    path: str | os.PathLike[str],
    *,
    encoding: str = ...,
    errors: Literal["collect"],
    currency: str | None = ...,
    as_of: dt.date | None = ...,
    within: Region | str | None = ...,
) -> LoadResult[Enterprise]: ...
def load_enterprises(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    errors: Errors = "strict",
    currency: str | None = None,
    as_of: dt.date | None = None,
    within: Region | str | None = None,
) -> list[Enterprise] | LoadResult[Enterprise]:
    """Load an enterprises file: name, credit code, region, English name, industry.

    A credit code may appear once; a name without a credit code may appear once. A region
    written as a name several divisions carry (南山区) is settled by the row's credit code (see
    ``docs/loading.md``), or by ``within=``, the region (or code) every listed firm lies in.
    """
    stream = iter_enterprises(
        path, encoding=encoding, errors=errors, currency=currency, as_of=as_of, within=within
    )
    return _load(stream)


@overload
def load_designations(
    path: str | os.PathLike[str],
    *,
    encoding: str = ...,
    errors: Literal["strict"] = ...,
    currency: str | None = ...,
    as_of: dt.date | None = ...,
) -> list[DesignationRecord]: ...
@overload
def load_designations(
    path: str | os.PathLike[str],
    *,
    encoding: str = ...,
    errors: Literal["collect"],
    currency: str | None = ...,
    as_of: dt.date | None = ...,
) -> LoadResult[DesignationRecord]: ...
def load_designations(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    errors: Errors = "strict",
    currency: str | None = None,
    as_of: dt.date | None = None,
) -> list[DesignationRecord] | LoadResult[DesignationRecord]:
    """Load a designations file: the enterprise, level, award date, batch, re-reviews ...

    With ``as_of``, award, revocation and re-review dates after it are refused.
    """
    stream = iter_designations(
        path, encoding=encoding, errors=errors, currency=currency, as_of=as_of
    )
    return _load(stream)


@overload
def load_trade_records(
    path: str | os.PathLike[str],
    *,
    encoding: str = ...,
    errors: Literal["strict"] = ...,
    currency: str | None = ...,
    as_of: dt.date | None = ...,
) -> list[TradeRecord]: ...
@overload
def load_trade_records(
    path: str | os.PathLike[str],
    *,
    encoding: str = ...,
    errors: Literal["collect"],
    currency: str | None = ...,
    as_of: dt.date | None = ...,
) -> LoadResult[TradeRecord]: ...
def load_trade_records(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    errors: Errors = "strict",
    currency: str | None = None,
    as_of: dt.date | None = None,
) -> list[TradeRecord] | LoadResult[TradeRecord]:
    """Load a trade file: the enterprise, period, flow, value, currency, previous, growth.

    With ``as_of``, a period ending after it is refused.
    """
    stream = iter_trade_records(
        path, encoding=encoding, errors=errors, currency=currency, as_of=as_of
    )
    return _load(stream)


@overload
def load_relocations(
    path: str | os.PathLike[str],
    *,
    encoding: str = ...,
    errors: Literal["strict"] = ...,
    currency: str | None = ...,
    as_of: dt.date | None = ...,
) -> list[RelocationRecord]: ...
@overload
def load_relocations(
    path: str | os.PathLike[str],
    *,
    encoding: str = ...,
    errors: Literal["collect"],
    currency: str | None = ...,
    as_of: dt.date | None = ...,
) -> LoadResult[RelocationRecord]: ...
def load_relocations(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    errors: Errors = "strict",
    currency: str | None = None,
    as_of: dt.date | None = None,
) -> list[RelocationRecord] | LoadResult[RelocationRecord]:
    r"""Load a relocations file: the enterprise, the date and the regions of each move.

    An empty ``from_region`` (or ``unknown``) is a move from a place the source does not name.
    With ``as_of``, a move dated after it is refused.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "relocations.csv"
    >>> _ = path.write_text(
    ...     "企业名称,迁移日期,迁出地,迁入地\n"
    ...     "示例科技有限公司,2023-05-01,440305,440106\n"
    ...     "样例电子有限公司,2024-01-15,,440106\n",
    ...     encoding="utf-8",
    ... )
    >>> [(r.enterprise.name, r.relocation.from_region) for r in load_relocations(path)]
    [('示例科技有限公司', Region('440305')), ('样例电子有限公司', None)]
    """
    stream = iter_relocations(
        path, encoding=encoding, errors=errors, currency=currency, as_of=as_of
    )
    return _load(stream)


@overload
def load_financials(
    path: str | os.PathLike[str],
    *,
    encoding: str = ...,
    errors: Literal["strict"] = ...,
    currency: str | None = ...,
    as_of: dt.date | None = ...,
) -> list[FinancialRecord]: ...
@overload
def load_financials(
    path: str | os.PathLike[str],
    *,
    encoding: str = ...,
    errors: Literal["collect"],
    currency: str | None = ...,
    as_of: dt.date | None = ...,
) -> LoadResult[FinancialRecord]: ...
def load_financials(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    errors: Errors = "strict",
    currency: str | None = None,
    as_of: dt.date | None = None,
) -> list[FinancialRecord] | LoadResult[FinancialRecord]:
    """Load a financials file: the enterprise, year and the figures of a FinancialYear.

    With ``as_of``, a year after ``as_of.year`` is refused.
    """
    stream = iter_financials(path, encoding=encoding, errors=errors, currency=currency, as_of=as_of)
    return _load(stream)


@overload
def load_profiles(
    path: str | os.PathLike[str],
    *,
    encoding: str = ...,
    errors: Literal["strict"] = ...,
    currency: str | None = ...,
    as_of: dt.date | None = ...,
) -> list[ProfileRecord]: ...
@overload
def load_profiles(
    path: str | os.PathLike[str],
    *,
    encoding: str = ...,
    errors: Literal["collect"],
    currency: str | None = ...,
    as_of: dt.date | None = ...,
) -> LoadResult[ProfileRecord]: ...
def load_profiles(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    errors: Errors = "strict",
    currency: str | None = None,
    as_of: dt.date | None = None,
) -> list[ProfileRecord] | LoadResult[ProfileRecord]:
    r"""Load a profiles file: the enterprise and the facts of its Profile, one row per firm.

    Every fact is optional: an empty cell is unknown (``None``), never false or zero; a list cell
    of ``none`` (无) is known to be empty. With ``as_of``, an award or contest placing in a year
    after ``as_of`` is refused.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "profiles.csv"
    >>> _ = path.write_text(
    ...     "企业名称,细分市场年限,市场占有率,I类知识产权,科技奖励,荣誉\n"
    ...     "示例科技有限公司,4,12%,3,national 2 2023,高新技术企业; 专精特新中小企业\n"
    ...     "样例电子有限公司,,,0,none,\n",
    ...     encoding="utf-8",
    ... )
    >>> first, second = (row.profile for row in load_profiles(path))
    >>> first.years_in_niche, first.national_market_share, first.science_awards[0].rank
    (4, Decimal('0.12'), 2)
    >>> first.honours
    ('高新技术企业', '专精特新中小企业')
    >>> second.years_in_niche, second.class1_ip_count, second.science_awards, second.honours
    (None, 0, (), None)
    """
    stream = iter_profiles(path, encoding=encoding, errors=errors, currency=currency, as_of=as_of)
    return _load(stream)


@overload
def load_rates(
    path: str | os.PathLike[str],
    *,
    encoding: str = ...,
    errors: Literal["strict"] = ...,
    currency: str | None = ...,
    as_of: dt.date | None = ...,
) -> list[ExchangeRate]: ...
@overload
def load_rates(
    path: str | os.PathLike[str],
    *,
    encoding: str = ...,
    errors: Literal["collect"],
    currency: str | None = ...,
    as_of: dt.date | None = ...,
) -> LoadResult[ExchangeRate]: ...
def load_rates(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    errors: Errors = "strict",
    currency: str | None = None,
    as_of: dt.date | None = None,
) -> list[ExchangeRate] | LoadResult[ExchangeRate]:
    """Load an exchange-rates file: base, quote, rate, date and source.

    A pair may have one rate per date; with ``as_of``, a rate dated after it is refused.
    """
    stream = iter_rates(path, encoding=encoding, errors=errors, currency=currency, as_of=as_of)
    return _load(stream)


@overload
def load_aggregates(
    path: str | os.PathLike[str],
    *,
    encoding: str = ...,
    errors: Literal["strict"] = ...,
    currency: str | None = ...,
    as_of: dt.date | None = ...,
) -> list[TradeAggregate]: ...
@overload
def load_aggregates(
    path: str | os.PathLike[str],
    *,
    encoding: str = ...,
    errors: Literal["collect"],
    currency: str | None = ...,
    as_of: dt.date | None = ...,
) -> LoadResult[TradeAggregate]: ...
def load_aggregates(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    errors: Errors = "strict",
    currency: str | None = None,
    as_of: dt.date | None = None,
) -> list[TradeAggregate] | LoadResult[TradeAggregate]:
    r"""Load a trade-aggregates file: a group's reported total, count, growth and equivalent.

    ``currency=`` applies to the value only: an equivalent is in another currency by definition,
    so it names its own (in the cell, the ``equivalent_currency`` column or the header). A
    label, period, flow and region may appear once; with ``as_of``, a period ending after it is
    refused.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "aggregates.csv"
    >>> _ = path.write_text(
    ...     "label,period,value,enterprise_count,growth,equivalent\n"
    ...     "Shenzhen little giants,2022-01..2022-10,44.64 billion yuan,320,11%,US$6.24 billion\n",
    ...     encoding="utf-8",
    ... )
    >>> [cohort] = load_aggregates(path)
    >>> cohort.value, cohort.enterprise_count, str(cohort.growth), cohort.flow
    (Money('44640000000.00', 'CNY'), 320, '+11%', None)
    """
    stream = iter_aggregates(path, encoding=encoding, errors=errors, currency=currency, as_of=as_of)
    return _load(stream)


@overload
def load_counts(
    path: str | os.PathLike[str],
    *,
    encoding: str = ...,
    errors: Literal["strict"] = ...,
    currency: str | None = ...,
    as_of: dt.date | None = ...,
) -> list[DesignationCount]: ...
@overload
def load_counts(
    path: str | os.PathLike[str],
    *,
    encoding: str = ...,
    errors: Literal["collect"],
    currency: str | None = ...,
    as_of: dt.date | None = ...,
) -> LoadResult[DesignationCount]: ...
def load_counts(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    errors: Errors = "strict",
    currency: str | None = None,
    as_of: dt.date | None = None,
) -> list[DesignationCount] | LoadResult[DesignationCount]:
    r"""Load a designation-counts file: how many firms a place holds, a batch brought, a target.

    A batch count names its batch and a target its date (``by``); only a target has one. A
    place, level, kind, date, batch and target date may appear once; with ``as_of``, a count
    reported after it is refused (a target's ``by`` date may lie ahead). ``currency`` is unused.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "counts.csv"
    >>> _ = path.write_text(
    ...     "region,level,count,on,kind,batch,by\n"
    ...     "440300,national,443,2022-11-23,held,,\n"
    ...     "440300,国家级,275,2022-11-23,批次,第四批,\n"
    ...     "440300,national,600,2022-11-23,target,,2025-12-31\n",
    ...     encoding="utf-8",
    ... )
    >>> [(c.kind.value, c.count, c.batch) for c in load_counts(path)]
    [('held', 443, None), ('batch', 275, 4), ('target', 600, None)]
    """
    stream = iter_counts(path, encoding=encoding, errors=errors, currency=currency, as_of=as_of)
    return _load(stream)


for _function in (
    load_enterprises,
    load_designations,
    load_relocations,
    load_trade_records,
    load_financials,
    load_profiles,
    load_rates,
    load_aggregates,
    load_counts,
):
    _function.__doc__ = (_function.__doc__ or "").rstrip() + "\n" + _ARGS_DOC


# -- a folder -----------------------------------------------------------------------------------

_KIND_WORD: Final = re.compile(r"^([a-z]+)(?:[-_].*)?$")


def kind_of(file: str | os.PathLike[str]) -> str | None:
    """Return the record kind a file's name gives, or ``None`` when it matches no kind.

    The kind is the first word of the name, optionally followed by ``-`` or ``_`` and more.

    >>> kind_of("trade-2022.csv"), kind_of("enterprises_shenzhen.xlsx"), kind_of("notes.txt")
    ('trade', 'enterprises', None)
    """
    file = Path(file)
    match = _KIND_WORD.match(file.name[: -len(file.suffix)].lower() if file.suffix else "")
    found = _kinds.KINDS.get(match[1]) if match else None
    return found.name if found is not None and found.in_datasets else None


def dataset_of(records: Iterable[Any], kind: _kinds.Kind, path: str) -> Dataset:
    """A dataset of the records of one file of a kind (the command line's DATA as one file).

    Enterprises are the dataset's as they are; facts (designations, moves, financial years)
    go to the enterprises their records name, each firm once; a second profile of a firm is a
    problem; records the dataset holds apart (trade, rates ...) keep their place, and the firms
    linked records name become the dataset's enterprises.

    Raises:
        LoadError: a second profile for an enterprise.
        InvalidArgumentError: a kind no dataset holds.
    """
    if kind.base:
        return Dataset(tuple(records))
    if kind.fact is not None:
        return Dataset(_gathered(records, kind.fact, path))
    if kind.field is None:
        raise InvalidArgumentError(
            kind.name, N_("kind"), N_("no dataset holds records of this kind")
        )
    found = tuple(records)
    firms: tuple[Enterprise, ...] = ()
    if kind.linked is not None:
        firms = tuple({record.enterprise.key: record.enterprise for record in found}.values())
    held: dict[str, Any] = {kind.field: found}
    return Dataset(firms, **held)


def _gathered(records: Iterable[Any], fact: _kinds.Fact, path: str) -> tuple[Enterprise, ...]:
    """Enterprises rebuilt from records that each carry one of their facts."""
    firms: dict[str, Enterprise] = {}
    facts: dict[str, list[Any]] = {}
    for record in records:
        firm = record.enterprise
        if fact.one and firm.key in firms:
            column = "name" if firm.credit_code is None else "credit_code"
            message = Reason(
                N_("a second {field} for this enterprise: an enterprise has one {field}"),
                field=fact.field,
            )
            problem = LoadProblem(path, None, column=column, value=firm.key, message=message)
            raise LoadError(path, (problem,))
        firms.setdefault(firm.key, firm)
        facts.setdefault(firm.key, []).append(getattr(record, fact.attribute))
    changes: dict[str, dict[str, Any]] = {
        key: {fact.field: facts[key][0] if fact.one else tuple(facts[key])} for key in firms
    }
    return tuple(attrs.evolve(firms[key], **changes[key]) for key in firms)


def _dataset_kinds() -> tuple[_kinds.Kind, ...]:
    """The kinds a dataset holds, in the order it reads them."""
    return tuple(kind for kind in _kinds.ordered() if kind.in_datasets)


def _kind_names() -> str:
    """The kinds a folder's file may be named after: ``enterprises, ..., aggregates or counts``."""
    names = [kind.name for kind in _kinds.KINDS.values() if kind.in_datasets]
    return Reason(N_("{names} or {last}"), names=", ".join(names[:-1]), last=names[-1])


def _folder_files(folder: Path) -> tuple[dict[str, list[Path]], list[LoadProblem]]:
    files: dict[str, list[Path]] = {kind.name: [] for kind in _dataset_kinds()}
    problems: list[LoadProblem] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise _file_error(folder, exc, N_("folder")) from exc
    for file in entries:
        if file.name.startswith(".") or _is_folder(file) or file.name == SOURCES_FILE:
            continue
        kind = kind_of(file)
        if _tables.format_of(file) is None or kind is None:
            message = Reason(
                N_(
                    "a file matching no kind: name it {kinds} (optionally followed by - or _ and "
                    "more), with the extension .csv, .json, .jsonl, .toml or .xlsx; provenance "
                    "goes in {sources}"
                ),
                kinds=_kind_names(),
                sources=SOURCES_FILE,
            )
            problems.append(LoadProblem(str(file), None, value=file.name, message=message))
            continue
        files[kind].append(file)
    return files, problems


# -- sources.toml ---------------------------------------------------------------------------------

_DATASET_KEYS: Final = ("title", "note", "policies")
_SOURCE_KEYS: Final = ("source", "url", "confidence", "note")
_TABLE_LINE: Final = re.compile(r"^\s*\[[^\[].*\]\s*(?:#.*)?$")
_KEY_LINE: Final = re.compile(r"""^\s*([A-Za-z0-9_-]+|"[^"\\]*"|'[^']*')\s*=""")
_BARE_KEY: Final = re.compile(r"[A-Za-z0-9_-]+")
_SOURCES_SHAPE: Final = Reason(
    N_(
        '{sources} holds a [dataset] table (title, note, policies) and a [files."NAME"] table '
        "(source, url, confidence, note) for each data file"
    ),
    sources=SOURCES_FILE,
)


def _sources_lines(text: str) -> dict[tuple[str, ...], int]:
    """The first line of each table and key of a sources.toml, quoted names included."""
    index: dict[tuple[str, ...], int] = {}
    current: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        if _TABLE_LINE.match(line):
            try:
                table: object = tomllib.loads(line)
            except (tomllib.TOMLDecodeError, RecursionError, ValueError):
                continue
            path: list[str] = []
            while isinstance(table, dict) and len(table) == 1:
                name, table = next(iter(table.items()))
                path.append(name)
            current = tuple(path)
            index.setdefault(current, number)
            continue
        key = _KEY_LINE.match(line)
        if key:
            index.setdefault((*current, key[1].strip("\"'")), number)
    return index


def _key_text(key: tuple[str, ...]) -> str:
    """A key path as TOML writes it: ``files."trade.csv".url``."""
    return ".".join(part if _BARE_KEY.fullmatch(part) else f'"{part}"' for part in key)


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


@attrs.frozen
class _Provenance:
    """What a sources.toml says."""

    title: str | None = None
    note: str | None = None
    sources: Mapping[str, FileSource] = attrs.field(factory=dict)
    policies: tuple[IncentivePolicy, ...] = ()


class _SourcesReader:
    """Reads and checks a folder's sources.toml against the folder's data files."""

    def __init__(self, path: Path, data_files: Sequence[Path]) -> None:
        self.path = path
        self.name = str(path)
        self.data_files = data_files
        self.problems: list[LoadProblem] = []
        self.lines: dict[tuple[str, ...], int] = {}

    def problem(self, key: tuple[str, ...], value: object, message: str) -> None:
        line = next(
            (self.lines[key[:cut]] for cut in range(len(key), 0, -1) if key[:cut] in self.lines),
            None,
        )
        column = _key_text(key) if key else None
        self.problems.append(
            LoadProblem(self.name, line, column=column, value=value, message=message)
        )

    def read(self) -> _Provenance:
        """Read the file; problems go to :attr:`problems`.

        Raises:
            LoadFileError: the file cannot be read.
        """
        _regular_file(self.path, N_("file"))
        try:
            with self.path.open("rb") as handle:
                data = handle.read(_tables.MAX_TOML_BYTES + 1)
        except OSError as exc:
            raise _file_error(self.path, exc) from exc
        if len(data) > _tables.MAX_TOML_BYTES:
            message = Reason(
                N_("{sources} is larger than {limit:,} bytes, the limit"),
                sources=SOURCES_FILE,
                limit=_tables.MAX_TOML_BYTES,
            )
            self.problems.append(LoadProblem(self.name, None, message=message))
            return _Provenance()
        try:
            text = data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            bad_line = data.count(b"\n", 0, exc.start) + 1
            self.problems.append(
                LoadProblem(
                    self.name,
                    bad_line,
                    message=Reason(N_("{sources} is not valid UTF-8"), sources=SOURCES_FILE),
                )
            )
            return _Provenance()
        document, problem = _tables.toml_document(text)
        if document is None:
            issue = problem or _tables.Issue(None, None, N_("not TOML"))
            self.problems.append(LoadProblem(self.name, issue.line, message=issue.message))
            return _Provenance()
        self.lines = _sources_lines(text)
        for key, value in document.items():
            if key not in ("dataset", "files"):
                self.problem((key,), value, _unknown_key(key, _SOURCES_SHAPE))
        title, note, policies = self.dataset(document.get("dataset", {}))
        sources, named = self.files(document.get("files", {}))
        for file in self.data_files:
            if file.name not in named:
                message = Reason(
                    N_(
                        'the data file {name} has no [files."{name}"] entry: say where its '
                        "figures come from (source, and url, confidence, note where known)"
                    ),
                    name=file.name,
                )
                self.problem(("files",), file.name, message)
        self.problems.sort(key=lambda problem: (problem.line is None, problem.line or 0))
        return _Provenance(title, note, sources, policies)

    def dataset(self, table: object) -> tuple[str | None, str | None, tuple[IncentivePolicy, ...]]:
        """The [dataset] table: title, note and the bundled policies it names."""
        if not isinstance(table, dict):
            shape = Reason(N_("dataset must be a table: {shape}"), shape=_SOURCES_SHAPE)
            self.problem(("dataset",), table, shape)
            return None, None, ()
        for key, value in table.items():
            if key not in _DATASET_KEYS:
                known = ", ".join(_DATASET_KEYS)
                has = Reason(N_("[dataset] has {known}"), known=known)
                self.problem(("dataset", key), value, _unknown_key(key, has))
        texts: list[str | None] = []
        for key in ("title", "note"):
            value = table.get(key)
            if value is not None and not _is_text(value):
                self.problem(("dataset", key), value, _non_empty(key))
                value = None
            texts.append(value)
        return texts[0], texts[1], self.policies(table.get("policies", []))

    def policies(self, ids: object) -> tuple[IncentivePolicy, ...]:
        from littlegiants.policy import load_policy  # noqa: PLC0415 - the rules load with a sources.toml that names a policy

        """The bundled policies ``[dataset] policies`` names, by id."""
        key = ("dataset", "policies")
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            message = N_('policies must be a list of bundled policy ids, such as ["shenzhen-2022"]')
            self.problem(key, ids, message)
            return ()
        if len(set(ids)) != len(ids):
            self.problem(key, ids, N_("a policy id is given twice"))
        found: list[IncentivePolicy] = []
        for policy_id in dict.fromkeys(ids):
            try:
                found.append(load_policy(policy_id))
            except (UnknownPolicyError, PolicyFileError) as exc:
                self.problem(key, policy_id, Reason.of(exc))
        return tuple(found)

    def files(self, table: object) -> tuple[dict[str, FileSource], set[str]]:
        """The [files."NAME"] tables, checked against the folder; and every name they give."""
        if not isinstance(table, dict):
            shape = Reason(N_("files must be a table: {shape}"), shape=_SOURCES_SHAPE)
            self.problem(("files",), table, shape)
            return {}, set()
        data_names = {file.name for file in self.data_files}
        try:
            present = {entry.name for entry in self.path.parent.iterdir()}
        except OSError as exc:
            raise _file_error(self.path.parent, exc, N_("folder")) from exc
        sources: dict[str, FileSource] = {}
        for name, entry in table.items():
            key = ("files", name)
            if name not in data_names:
                why = (
                    N_("the entry names {name}, which is not in the folder")
                    if name not in present
                    else N_(
                        "the entry names {name}, which is not a data file (a data file's name "
                        "starts with its kind)"
                    )
                )
                self.problem(key, name, Reason(why, name=name))
            if not isinstance(entry, dict):
                message = Reason(
                    N_('files."{name}" must be a table with at least source = "..."'), name=name
                )
                self.problem(key, entry, message)
                continue
            source = self.entry(key, entry)
            if source is not None and name in data_names:
                sources[name] = source
        return sources, set(table)

    def entry(self, key: tuple[str, ...], entry: Mapping[str, object]) -> FileSource | None:
        """One data file's source, or ``None`` when the entry has a problem."""
        good = True
        for name, value in entry.items():
            if name not in _SOURCE_KEYS:
                known = ", ".join(_SOURCE_KEYS)
                has = Reason(N_("a file's entry has {known}"), known=known)
                self.problem((*key, name), value, _unknown_key(name, has))
                good = False
            elif not _is_text(value):
                self.problem((*key, name), value, _non_empty(name))
                good = False
        url = entry.get("url")
        if _is_text(url) and not str(url).startswith(("https://", "http://")):
            self.problem((*key, "url"), url, N_("url must be a web address starting with https://"))
            good = False
        if "source" not in entry:
            message = N_("a file's entry needs source: who published the figures, where and when")
            self.problem(key, None, message)
            good = False
        if not good:
            return None
        texts = {name: entry.get(name) for name in _SOURCE_KEYS}
        return FileSource(
            str(texts["source"]),
            url=_text_or_none(texts["url"]),
            confidence=_text_or_none(texts["confidence"]),
            note=_text_or_none(texts["note"]),
        )


def _unknown_key(key: str, known: str) -> Reason:
    """``unknown key 'x': what the table has``."""
    return Reason(N_("unknown key {key}: {known}"), key=repr(key), known=known)


def _non_empty(key: str) -> Reason:
    """``title must be a non-empty text``."""
    return Reason(N_("{key} must be a non-empty text"), key=key)


def _is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder (or a link to one), never raising."""
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        return False  # a broken link or the like: it is checked, and reported, as a file


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


class _Linker:
    """Links rows to the enterprises of the folder, by credit code, else by exact name."""

    def __init__(self) -> None:
        self.by_code: dict[object, int] = {}
        self.by_name: dict[str, list[int]] = {}
        self.enterprises: list[Enterprise] = []

    def add(self, enterprise: Enterprise) -> None:
        index = len(self.enterprises)
        self.enterprises.append(enterprise)
        if enterprise.credit_code is not None:
            self.by_code[enterprise.credit_code] = index
        self.by_name.setdefault(enterprise.name, []).append(index)

    def find(self, reference: Enterprise) -> int | tuple[str, str]:
        """The index of the enterprise a row names, or ``(column, why not)``."""
        code = reference.credit_code
        if code is not None:
            index = self.by_code.get(code)
            if index is None:
                return "credit_code", Reason(
                    N_("no enterprise in the enterprises files has the code {code}"), code=code
                )
            found = self.enterprises[index]
            if reference.name not in (str(code), found.name):
                return "name", Reason(
                    N_("the credit code {code} is {found} in the enterprises files, not {name}"),
                    code=code,
                    found=repr(found.name),
                    name=repr(reference.name),
                )
            return index
        found_names = self.by_name.get(reference.name, [])
        if len(found_names) == 1:
            return found_names[0]
        if found_names:
            count = len(found_names)
            return "name", Reason(
                N_("{count} enterprises are named {name}: give the credit code"),
                count=count,
                name=repr(reference.name),
            )
        close = [name for name in self.by_name if name.strip() == reference.name.strip()]
        if close:
            return "name", Reason(
                N_(
                    "no enterprise in the enterprises files is named {name} (did you mean "
                    "{close}? names must match exactly)"
                ),
                name=repr(reference.name),
                close=repr(close[0]),
            )
        return "name", Reason(
            N_("no enterprise in the enterprises files is named {name}"), name=repr(reference.name)
        )


class _Table(NamedTuple):
    """One table of a dataset: a file, or one sheet of a workbook; ``listed``: a list's."""

    path: Path
    sheet: str | None = None
    listed: bool = False


class _DatasetReader:
    def __init__(
        self,
        folder: Path,
        *,
        encoding: str,
        errors: str,
        currency: str | None,
        as_of: dt.date | None,
        within: Region | None = None,
    ) -> None:
        self.folder = folder
        self.encoding = encoding
        self.errors = errors
        self.currency = currency
        self.as_of = as_of
        self.within = within
        self.skip: set[tuple[_Table, int | None]] = set()
        self.ignored: dict[str, tuple[str, ...]] = {}
        self.listed = 0
        self.problems: list[LoadProblem] = []
        self.more = 0
        self.rejected: list[RejectedRow] = []
        self.rows_read = 0
        self.linker = _Linker()
        self.seen: dict[object, _Seen] = {}

    def reject(
        self,
        line: int | None,
        problems: Sequence[LoadProblem],
        cells: Mapping[str, object],
        path: str,
    ) -> None:
        self.rows_read += 1
        if self.errors == "collect":
            self.rejected.append(RejectedRow(path, line, cells=cells, problems=tuple(problems)))
            return
        self.note(problems)

    def note(self, problems: Sequence[LoadProblem]) -> None:
        for problem in problems:
            if len(self.problems) < MAX_PROBLEMS:
                self.problems.append(problem)
            else:
                self.more += 1

    def scan(
        self, table: _Table, kind: _kinds.Kind
    ) -> Iterator[tuple[int | None, Any, object, _Scanner]]:
        """The good rows of a table read as ``kind``; bad ones are rejected as they come.

        A row of a list already rejected as an enterprise is not read again for its other
        kinds: it is one rejected row, not two.
        """
        scanner = _Scanner(
            table.path,
            kind,
            encoding=self.encoding,
            currency=self.currency,
            as_of=self.as_of,
            seen=self.seen,
            within=self.within,
            sheet=table.sheet,
        )
        scanner.check = scanner.check and not table.listed
        skip = self.skip if table.listed and not kind.base else set()
        for item in _young_collections(scanner.items()):
            line = item.line if isinstance(item, _Bad) else item[0]
            if (table, line) in skip:
                continue
            if isinstance(item, _Bad):
                if item.fatal:
                    self.note(item.problems)
                    break
                self.reject(item.line, item.problems, item.cells, scanner.name)
                if table.listed:
                    self.skip.add((table, item.line))
                continue
            line, record, cells = item
            yield line, record, cells, scanner
        unused = tuple(scanner.ignored)
        before = self.ignored.get(scanner.name)
        self.ignored[scanner.name] = (
            unused if before is None else tuple(name for name in before if name in unused)
        )

    def listed_enterprises(self, table: _Table) -> None:
        """The enterprises a list's rows name: each firm once, however many rows list it.

        A row naming a firm already read (by credit code, else by name) adds nothing here (its
        designation links to that firm); one that contradicts it (another name, or another
        region) is rejected, and so is the rest of that row.
        """
        for line, enterprise, cells, scanner in self.scan(table, _kinds.base()):
            found = self.linker.find(enterprise)
            if not isinstance(found, int):
                if found[1].startswith("no enterprise"):
                    self.linker.add(enterprise)
                    self.listed += 1
                    continue
                column, message = found
            else:
                known = self.linker.enterprises[found]
                mine, theirs = enterprise.region, known.region
                if mine is None or theirs is None or mine.within(theirs) or theirs.within(mine):
                    continue  # the same place, or one inside the other (a district, its city)
                column = "region"
                message = Reason(
                    N_(
                        "lists {name} in {mine} ({mine_code}), but it was read before in "
                        "{theirs} ({theirs_code})"
                    ),
                    name=repr(known.name),
                    mine=mine.full_name,
                    mine_code=mine.code,
                    theirs=theirs.full_name,
                    theirs_code=theirs.code,
                )
            problem = LoadProblem(
                scanner.name,
                line,
                column=_column(scanner, column),
                value=str(enterprise.credit_code or enterprise.name),
                message=message,
            )
            self.reject(line, [problem], scanner.cells(cells), scanner.name)
            self.skip.add((table, line))

    def link(
        self, table: _Table, kind: _kinds.Kind
    ) -> Iterator[tuple[int | None, Any, int, _Scanner, object]]:
        for line, record, cells, scanner in self.scan(table, kind):
            found = self.linker.find(record.enterprise)
            if isinstance(found, tuple):
                column, message = found
                problem = LoadProblem(
                    scanner.name,
                    line,
                    column=_column(scanner, column),
                    value=str(record.enterprise.credit_code or record.enterprise.name),
                    message=message,
                )
                self.reject(line, [problem], scanner.cells(cells), scanner.name)
                continue
            yield line, record, found, scanner, cells

    def duplicate(
        self,
        repeat: tuple[tuple[object, ...], str, str, object],
        line: int | None,
        scanner: _Scanner,
    ) -> LoadProblem | None:
        """A problem when a record's key was seen before (naming the earlier row), else ``None``.

        ``repeat`` is what the record's kind says of it (``Kind.linked``): its key, how to name
        it, and the column and value a repeat is reported at.
        """
        key, what, column, value = repeat
        earlier = self.seen.get(key)
        if earlier is None:
            self.seen[key] = _Seen(scanner.name, line, what)
            return None
        return LoadProblem(
            scanner.name,
            line,
            column=_column(scanner, column),
            value=value,
            message=_repeats(what, earlier, scanner.name),
        )

    def read(self, files: Mapping[str, list[_Table]]) -> Dataset:
        """Read the folder's files, kind by kind, linking as it goes.

        The enterprises come first, then the facts each kind attaches to them (designations,
        moves, financial years, a profile), then the kinds the dataset holds apart: linked
        records (trade) point at the enterprises with their facts.
        """
        kinds = _dataset_kinds()
        for kind in kinds:
            if kind.base:
                self.enterprises(files[kind.name], kind)
        facts = {kind: self.attach(files[kind.name], kind) for kind in kinds if kind.fact}
        enterprises = [
            attrs.evolve(enterprise, **_with_facts(enterprise, index, facts))
            for index, enterprise in enumerate(self.linker.enterprises)
        ]
        held: dict[str, Any] = {}
        for kind in kinds:
            if kind.field is None or kind.base:
                continue
            if kind.linked is None:
                held[kind.field] = tuple(self.plain(files[kind.name], kind))
            else:
                held[kind.field] = tuple(self.linked(files[kind.name], kind, enterprises))
        if self.problems or self.more:
            raise LoadError(str(self.folder), tuple(self.problems), self.more)
        return Dataset(
            tuple(enterprises),
            **held,
            rejected=tuple(self.rejected),
            rows_read=self.rows_read,
            ignored={name: cols for name, cols in self.ignored.items() if cols},
            listed=self.listed,
        )

    def enterprises(self, tables: Sequence[_Table], kind: _kinds.Kind) -> None:
        """The enterprises of the files of their own, then those the lists' rows name."""
        for table in tables:
            if table.listed:
                continue
            for _, enterprise, _, _ in self.scan(table, kind):
                self.rows_read += 1
                self.linker.add(enterprise)
        for table in tables:
            if table.listed:
                self.listed_enterprises(table)

    def linked(
        self, tables: Sequence[_Table], kind: _kinds.Kind, enterprises: Sequence[Enterprise]
    ) -> list[Any]:
        """Records that name an enterprise and live apart (trade), pointed at the dataset's."""
        found: list[Any] = []
        linked = cast("_kinds.Repeat", kind.linked)
        for table in tables:
            for line, record, index, scanner, cells in self.link(table, kind):
                if self.repeated(linked(index, record), line, scanner, cells):
                    continue
                self.rows_read += 1
                found.append(attrs.evolve(record, enterprise=enterprises[index]))
        return found

    def plain(self, files: Sequence[_Table], kind: _kinds.Kind) -> list[Any]:
        """The records of files that name no enterprise (rates, aggregates, counts)."""
        found: list[Any] = []
        for file in files:
            for _, record, _, _ in self.scan(file, kind):
                self.rows_read += 1
                found.append(record)
        return found

    def attach(self, files: Sequence[_Table], kind: _kinds.Kind) -> dict[int, list[Any]]:
        """The facts of the files (designations, moves ...), by their enterprise's index."""
        found: dict[int, list[Any]] = {}
        fact = cast("_kinds.Fact", kind.fact)
        linked = cast("_kinds.Repeat", kind.linked)
        for file in files:
            for line, record, index, scanner, cells in self.link(file, kind):
                if self.repeated(linked(index, record), line, scanner, cells):
                    continue
                self.rows_read += 1
                found.setdefault(index, []).append(getattr(record, fact.attribute))
        return found

    def repeated(
        self,
        repeat: tuple[tuple[object, ...], str, str, object],
        line: int | None,
        scanner: _Scanner,
        cells: object,
    ) -> bool:
        """Whether a record was seen before; a repeat is rejected, naming the earlier row."""
        problem = self.duplicate(repeat, line, scanner)
        if problem is None:
            return False
        self.reject(line, [problem], scanner.cells(cells), scanner.name)
        return True


def _with_facts(
    enterprise: Enterprise, index: int, facts: Mapping[_kinds.Kind, Mapping[int, list[Any]]]
) -> dict[str, Any]:
    """An enterprise's fields with the facts the files attach to it added."""
    changes: dict[str, Any] = {}
    for kind, found in facts.items():
        fact = cast("_kinds.Fact", kind.fact)
        given = getattr(enterprise, fact.field)
        if fact.one:
            changes[fact.field] = found[index][0] if index in found else given
        else:
            changes[fact.field] = (*given, *found.get(index, ()))
    return changes


def _column(scanner: _Scanner, column: str) -> str:
    if scanner.binding is None:
        return column
    return scanner.binding.column_name(column) or column


def load_dataset(
    folder: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    errors: Errors = "strict",
    currency: str | None = None,
    as_of: dt.date | None = None,
) -> Dataset:
    """Load a folder of files and link facts, figures and trade to their enterprises.

    A file's kind is the first word of its name: ``enterprises``, ``designations``, ``relocations``,
    ``trade``, ``financials``, ``profiles``, ``rates``, ``aggregates`` or ``counts``, optionally
    followed by ``-`` or ``_`` and more (``trade-2022.csv``); a kind may have several files. Files
    whose names start with ``.`` and sub-folders are not read; ``sources.toml`` is the folder's
    provenance (below); any other file that matches no kind is a problem.

    When the folder has a ``sources.toml``, every data file must have an entry there
    (``[files."trade.csv"]`` with ``source``, and ``url``, ``confidence``, ``note`` where known),
    every entry must name a data file of the folder, no key may be unknown, and the policy ids of
    ``[dataset] policies`` must be bundled ones; any problem with it stops the load in both
    modes, like a stray file. The dataset's ``title``, ``note``, ``sources`` and ``policies``
    come from it.

    Rows name their enterprise by credit code, or else by exact name; a row naming an unknown
    enterprise, or one whose name contradicts its credit code, is a problem (never dropped), and so
    are a credit code or rate given twice, figures for one year given twice, the same designation
    twice, two moves of one enterprise on one day, two profiles of one enterprise and a trade figure
    (enterprise, period, flow) given twice, each naming both rows.

    Args:
        folder: the folder.
        encoding: see :func:`load_enterprises`.
        errors: ``"strict"`` raises :class:`LoadError` listing every problem of every file;
            ``"collect"`` puts rejected rows in ``Dataset.rejected``.
        currency: see :func:`load_enterprises`.
        as_of: see :func:`load_enterprises`.

    Returns:
        The linked :class:`Dataset`.

    Raises:
        LoadError: problems, as above; a file matching no kind or a problem of ``sources.toml``
            always raises.
        LoadFileError: the folder or a file cannot be read.

    >>> data = load_dataset(example_path("shenzhen-2022"))
    >>> [cohort] = data.aggregates
    >>> cohort.value, cohort.equivalent, str(cohort.growth), cohort.enterprise_count
    (Money('44640000000.00', 'CNY'), Money('6240000000.00', 'USD'), '+11%', 320)
    >>> data.sources["aggregates.csv"].url
    'http://www.eyeshenzhen.com/content/2022-11/23/content_25472690.htm'
    >>> [policy.id for policy in data.policies]
    ['shenzhen-2022']
    """
    path = Path(folder)
    if errors not in ("strict", "collect"):
        raise InvalidRecordError(errors, N_("errors= must be 'strict' or 'collect'"))
    _folder(path)
    files, problems = _folder_files(path)
    provenance = _Provenance()
    if os.path.lexists(path / SOURCES_FILE):
        data_files = [file for kind_files in files.values() for file in kind_files]
        sources = _SourcesReader(path / SOURCES_FILE, sorted(data_files))
        provenance = sources.read()
        problems.extend(sources.problems)
    if problems:
        raise _capped(str(path), problems)
    for kind_files in files.values():
        for file in kind_files:
            _check(
                file,
                kind="",
                encoding=encoding,
                errors=errors,
                currency=currency,
                as_of=as_of,
            )
    code = None if currency is None else validate_currency(currency)
    reader = _DatasetReader(path, encoding=encoding, errors=errors, currency=code, as_of=as_of)
    tables = {kind: [_Table(file) for file in kind_files] for kind, kind_files in files.items()}
    return attrs.evolve(
        reader.read(tables),
        title=provenance.title,
        note=provenance.note,
        sources=provenance.sources,
        policies=provenance.policies,
    )


# -- one file of several kinds: an official list, a workbook --------------------------------------

_IDENTITY: Final = frozenset({"name", "credit_code"})


def _sheet_kind(sheet: str) -> str | None:
    """The kind a sheet's name gives (``trade``, ``Designations 2024``), as single-kind loads."""
    word = sheet.strip().lower()
    return next((kind.name for kind in _dataset_kinds() if word.startswith(kind.tables)), None)


def _kinds_by_columns(header: Sequence[str]) -> list[str]:
    """The kinds a header holds: each whose required columns it has, beyond a firm's name."""
    held = []
    for kind in _dataset_kinds():
        binding, issues = _kinds.bind(kind, header)
        used = {column.name for column in binding.columns if column is not None}
        if not issues and used - _IDENTITY:
            held.append(kind.name)
    return held


def _header(path: Path, fmt: str, encoding: str, sheet: str | None) -> list[str] | LoadProblem:
    """A table's header cells, or the problem that stops reading it."""
    name = str(path) if sheet is None else f"{path}, sheet {sheet}"

    def known(cells: list[str]) -> bool:
        return bool(_kinds_by_columns(cells))

    rows = _tables.read_rows(
        path,
        fmt,
        encoding=encoding,
        accept_header=known,
        tables=(),
        openpyxl=require_openpyxl() if fmt == "xlsx" else None,
        sheet=sheet,
    )
    try:
        for row in rows:
            if row[0] == "header":
                return list(row[2])
            if row[0] == "fatal":
                issue = row[3][0]
                return LoadProblem(name, row[1], message=issue.message)
            break
    except OSError as exc:
        raise _file_error(path, exc) from exc
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()
    return LoadProblem(name, None, message=N_("the table has no header row"))


def _list_tables(
    path: Path, fmt: str, encoding: str
) -> tuple[dict[str, list[_Table]], list[LoadProblem]]:
    """The tables of a file by kind: each sheet by its name's kind, else by its columns."""
    tables: dict[str, list[_Table]] = {kind.name: [] for kind in _dataset_kinds()}
    problems: list[LoadProblem] = []
    sheets: list[str | None] = [None]
    if fmt == "xlsx":
        names = _tables.sheet_names(path, require_openpyxl())
        sheets = [*names] if len(names) > 1 else [None]
    for sheet in sheets:
        kind = kind_of(path) if sheet is None else _sheet_kind(sheet)
        if kind is not None:
            tables[kind].append(_Table(path, sheet))
            continue
        if fmt not in ("csv", "xlsx"):
            message = N_(
                "a JSON or TOML file's kind is its name's first word: name it enterprises, "
                "designations, trade ... (docs/loading.md)"
            )
            problems.append(LoadProblem(str(path), None, value=path.name, message=message))
            continue
        header = _header(path, fmt, encoding, sheet)
        if isinstance(header, LoadProblem):
            problems.append(header)
            continue
        kinds = _kinds_by_columns(header)
        listed = any(_kinds.KINDS[name].linked is not None for name in kinds)
        base = _kinds.base().name
        if listed and base not in kinds:
            kinds.insert(0, base)
        for name in kinds:
            tables[name].append(_Table(path, sheet, listed=listed))
        if not kinds:
            where = str(path) if sheet is None else f"{path}, sheet {sheet}"
            message = Reason(
                N_(
                    "its columns ({columns}) hold no kind of record: a list needs 企业名称 "
                    "(or 统一社会信用代码), 认定级别 and 认定时间; or name the sheet (or file) "
                    "after its kind, such as designations (docs/loading.md)"
                ),
                columns=", ".join(map(repr, header)),
            )
            problems.append(LoadProblem(where, 1, message=message))
    return tables, problems


def load_list(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    errors: Errors = "strict",
    currency: str | None = None,
    as_of: dt.date | None = None,
    within: Region | str | None = None,
) -> Dataset:
    r"""Load an official list as published, or a workbook of several kinds, into a dataset.

    MIIT's and the provinces' lists of little giants come as one sheet: 序号, 企业名称,
    统一社会信用代码, 所在地区, 认定级别, 认定时间, 批次, 备注. Such a sheet (an ``.xlsx``
    workbook or a ``.csv`` file) loads as it is: each row gives a designation, and the firm it
    names becomes an enterprise (with its region from 所在地区, a code or a name), once however
    many rows list it, so a firm listed twice carries both designations. Columns no kind uses
    (序号, 备注, anything else) are read past and named in ``Dataset.ignored``, never an
    error; ``rows_read == objects + len(rejected)`` still holds, a list's row counting once.

    Each sheet of a workbook is read by its kind when its name gives one (``enterprises``,
    ``trade`` ..., as :func:`load_dataset` reads file names), else by its columns: a sheet
    with the columns of designations, relocations, financials, profiles or trade rows is a
    list, and its rows' firms are enterprises too. A workbook of one sheet, and a CSV file,
    read the same way (a file named after its kind is read as that kind).

    A region cell written as a bare name several divisions carry (南山区, in Shenzhen and in
    Hegang) is settled by the row's credit code, whose characters 3–8 are the division the
    firm registered in; ``within`` (a region or its code, such as the city that published the
    list) narrows names first, for lists without codes.

    Args:
        path: the file (.xlsx, .csv; .json, .jsonl, .toml named after their kind).
        encoding: see :func:`load_enterprises`.
        errors: ``"strict"`` raises :class:`LoadError` listing every problem;
            ``"collect"`` puts rejected rows in ``Dataset.rejected``.
        currency: see :func:`load_enterprises`.
        as_of: see :func:`load_enterprises`.
        within: the region every listed firm lies in, for names such as 南山区.

    Returns:
        The linked :class:`Dataset`.

    Raises:
        LoadError: problems, as above; a sheet whose columns hold no kind always raises.
        LoadFileError: the file cannot be read.
        MissingExtraError: an .xlsx file and openpyxl is not installed.

    >>> import tempfile, pathlib
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "名单.csv"
    >>> header = "序号,企业名称,统一社会信用代码,所在地区,认定级别,认定时间,批次,备注"
    >>> row = "1,示例科技有限公司,91440300MA5F1A2B37,南山区,国家级,2022-08-01,第4批,示例"
    >>> _ = file.write_text(f"{header}\n{row}\n", encoding="utf-8")
    >>> data = load_list(file)
    >>> [firm] = data.enterprises
    >>> firm.region, firm.designations[0].level.value, list(data.ignored.values())
    (Region('440305'), 'national', [('序号', '备注')])
    """
    file = Path(path)
    if errors not in ("strict", "collect"):
        raise InvalidRecordError(errors, N_("errors= must be 'strict' or 'collect'"))
    _, code = _check(
        file, kind="", encoding=encoding, errors=errors, currency=currency, as_of=as_of
    )
    fmt = _tables.format_of(file) or ""
    tables, problems = _list_tables(file, fmt, encoding)
    if problems:
        raise _capped(str(file), problems)
    area = None if within is None else coerce_region(within)
    reader = _DatasetReader(
        file, encoding=encoding, errors=errors, currency=code, as_of=as_of, within=area
    )
    return reader.read(tables)


_EXAMPLE_NAME: Final = re.compile(r"[a-z0-9][a-z0-9-]*")


def example_path(name: str = "shenzhen-2022") -> Path:
    """The folder of a bundled example dataset, for :func:`load_dataset`.

    ``shenzhen-2022`` holds what Shenzhen Daily reported on 2022-11-23 ("'Little giants' see
    foreign trade up 11% in first 10 months", Han Ximin) and nothing else: Hosin Global
    Electronics and its Jan–Oct 2022 imports and exports, the cohort's trade (an aggregate, never
    spread over invented firms), the counts of State-level little giants, and the CNY/USD rate
    those figures imply; its ``sources.toml`` sources every file, says what the article leaves
    out, and names the policy it is read with (``shenzhen-2022``).

    Args:
        name: the example's name.

    Returns:
        The folder (inside the installed package).

    Raises:
        MissingFileError: no bundled example has this name (the message lists those that do).
        InvalidRecordError: ``name`` is not an example's name (lower-case letters, digits, -).
        LoadFileError: the package is not installed as files on disk (a zip archive).

    >>> example_path().name
    'shenzhen-2022'
    >>> sorted(file.name for file in example_path().iterdir())[:3]
    ['aggregates.csv', 'counts.csv', 'enterprises.csv']
    """
    if not isinstance(name, str) or not _EXAMPLE_NAME.fullmatch(name):
        raise InvalidRecordError(
            name,
            N_("an example's name is lower-case letters, digits and -, such as shenzhen-2022"),
        )
    root = resources.files("littlegiants").joinpath("data", "examples")
    if not isinstance(root, Path):
        raise LoadFileError(
            str(root), N_("the package's data are not files on disk: install it unzipped"), None
        )
    folder = root / name
    if not folder.is_dir():
        known = ", ".join(sorted(entry.name for entry in root.iterdir() if entry.is_dir()))
        message = Reason(
            N_("no bundled example is named {name}; the examples are: {known}"),
            name=repr(name),
            known=known,
        )
        raise MissingFileError(str(folder), message, errnos.ENOENT)
    return folder
