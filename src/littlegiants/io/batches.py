"""Trade records as Arrow record batches: check a batch, summarise it exactly, merge summaries.

These functions take one ``pyarrow.RecordBatch`` (or ``Table``) and nothing else, so they run
unchanged wherever an engine hands out Arrow batches: inside a Dask partition, in Spark's
``mapInArrow``, over DuckDB's ``fetch_record_batch``, or in a plain loop
(``docs/howto/trade-at-scale.md`` shows each).

- :func:`check_batch` takes a batch of **text** columns named as a trade file's header (English
  names or their Chinese aliases, as ``docs/loading.md`` lists) and returns the good rows as a
  batch of :data:`TRADE_SCHEMA` and the rejected rows, each with the same located problems
  (file, line, column, value, message) as :func:`~littlegiants.loader.load_trade_records` gives
  for the same rows. Each distinct enterprise, period, flow, currency, growth and source text is
  read once, by the library's own readers; amounts are read exactly as ``decimal128(38, 7)``
  (never through a float); any row that any check refuses, or that is not plain (an amount
  written ``1,234.50`` or ``US$5``), is read again by the object loader's own row reader, which
  gives the record or the problems. So a row is accepted exactly when the loader accepts it.
- :func:`summarize_batch` adds up a batch of :data:`TRADE_SCHEMA` into a
  :class:`~littlegiants.trade.TradeSummary` equal, bit for bit, to
  :func:`~littlegiants.trade.summarize` on the batch's records: sums are exact decimals,
  converted at each period's end date by distributing the exact rate over each (currency,
  date) sum.
- :func:`merge_summaries` adds such summaries up: ``TradeSummary.__add__`` is exact and
  associative, so summaries of the parts of a file merge, in any grouping, into the summary of
  the file.

**Amounts** are ``decimal128(38, 7)``: 31 digits before the point (every amount the library
accepts is below ``1E+31``) and 7 after, with the exponent the amount was written with in
``value_exponent`` (``1.50`` has ``-2``), so the records read back exactly as they were
(``Money('1.50', 'CNY')``, not ``1.5000000``). An amount with a non-zero digit finer than
``1E-7`` does not fit: it is refused with a clear error, never rounded.

>>> import pyarrow as pa
>>> raw = pa.record_batch(
...     {
...         "企业名称": ["示例科技有限公司", "示例科技有限公司"],
...         "期间": ["2022-01..2022-10", "2022-13"],
...         "进出口": ["进口", "出口"],
...         "金额": ["99200000.00", "5"],
...         "币种": ["USD", "USD"],
...     }
... )
>>> good, rejected = check_batch(raw, path="trade.csv")
>>> good.num_rows, [str(problem) for row in rejected for problem in row.problems]
(1, ["trade.csv, line 3, column 期间: Invalid period '2022-13': 2022-13 is not a date ..."])
>>> summarize_batch(good, currency="USD").total
Money('99200000.00', 'USD')
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import functools
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Generic, NamedTuple, TypeVar, cast

import attrs

from littlegiants._exact import DIVISION, EXACT, MAX_ADJUSTED_EXPONENT, MIN_EXPONENT
from littlegiants.enterprise import Enterprise
from littlegiants.errors import (
    FloatAmountError,
    InvalidAmountError,
    InvalidRecordError,
    LittleGiantsError,
    Reason,
    SourceLocation,
)
from littlegiants.fx import RateTable
from littlegiants.growth import Growth
from littlegiants.io import _PURPOSE
from littlegiants.io import kinds as _schemas
from littlegiants.io import tables as _tables
from littlegiants.io.loader import (
    LoadError,
    LoadProblem,
    MissingExtraError,
    RejectedRow,
    _Bad,
    _Scanner,
    _young_collections_only,
)
from littlegiants.io.structuring import converter, structure
from littlegiants.money import Money, is_valid_currency, validate_currency
from littlegiants.periods import Period
from littlegiants.trade import (
    FlowSummary,
    TradeFlow,
    TradeRecord,
    TradeSummary,
    _consume,
    _stated_tolerance,
    summarize,
)
from littlegiants.translations import N_

try:
    import pyarrow as pa
    import pyarrow.compute as pc
except ImportError as exc:  # pragma: no cover - the tests without the extra run in a subprocess
    raise MissingExtraError("arrow", "pyarrow", _PURPOSE) from exc

from littlegiants import _arrays

if TYPE_CHECKING:
    from littlegiants.fx import ExchangeRate

_T = TypeVar("_T")

__all__ = [
    "AMOUNT",
    "TRADE_SCHEMA",
    "CheckedBatch",
    "batch_of",
    "check_batch",
    "merge_summaries",
    "records_of",
    "summarize_batch",
]

#: The type of every amount: 31 digits before the point (the bounds of every amount) and 7 after.
AMOUNT: Final = pa.decimal128(38, 7)
_SCALE: Final = 7
_WIDE: Final = pa.decimal256(38, 7)
#: Text that repeats (names, codes, flows, currencies): dictionary-encoded, each text stored once.
TEXT: Final = pa.dictionary(pa.int32(), pa.string())

#: The columns of a batch of checked trade records (``TradeTable.to_arrow()``, the good batch of
#: :func:`check_batch`, what :func:`summarize_batch` reads).
TRADE_SCHEMA: Final = pa.schema(
    [
        pa.field("name", TEXT),
        pa.field("credit_code", TEXT),
        pa.field("region", TEXT),
        pa.field("period_start", pa.date32()),
        pa.field("period_end", pa.date32()),
        pa.field("flow", TEXT),
        pa.field("currency", TEXT),
        pa.field("value", AMOUNT),
        pa.field("value_exponent", pa.int8()),
        pa.field("previous", AMOUNT),
        pa.field("previous_exponent", pa.int8()),
        pa.field("growth", TEXT),
        pa.field("source", TEXT),
    ]
)

#: A plain amount that fits ``AMOUNT`` exactly: digits, at most 31 of them significant before
#: the point, and after it at most 7 digits then only zeros (64 places at most, the finest digit
#: a figure may carry). Anything else is read by the object loader's row reader.
_PLAIN_FIT: Final = r"^0*[0-9]{1,31}(?:\.[0-9]{1,7}0{0,57})?$"
#: A growth whose rate the table checks against a prior-year value in Arrow: below this in
#: magnitude, and with at most :data:`_GROWTH_PLACES` places in its rate. Others are checked
#: by the object loader's row reader.
_GROWTH_LIMIT: Final = Decimal(1_000_000)
_GROWTH_PLACES: Final = 10
_STEEP_FALL: Final = Decimal("-0.9")
_NARROW: Final = pa.decimal256(21, 20)
_LIMIT: Final = Decimal(10) ** (MAX_ADJUSTED_EXPONENT + 1)
_NOT_CELL: Final = ('"', "\x00", "\r")  # characters the fast CSV reader cannot keep as the loader


class CheckedBatch(NamedTuple):
    """What :func:`check_batch` returns: the good rows and the rejected ones."""

    batch: pa.RecordBatch
    rejected: tuple[RejectedRow, ...]


class _Unplain(Exception):  # noqa: N818 - a signal inside this module, never raised out of it
    """The rows' cells are not what the loader's reader would give: read the file with it."""


def _limit(problem: LoadProblem) -> LoadError:
    return LoadError(problem.path, (problem,))


def _fits(amount: Decimal) -> bool:
    """Whether an amount is exactly representable as :data:`AMOUNT`."""
    if not amount.is_finite() or amount.adjusted() > MAX_ADJUSTED_EXPONENT:
        return False
    return amount.quantize(_quantum(-_SCALE), context=EXACT) == amount


@functools.cache
def _quantum(exponent: int) -> Decimal:
    """``1E<exponent>``, for quantizing to a written exponent."""
    return Decimal(1).scaleb(exponent, context=EXACT)


def _exponent(amount: Decimal) -> int:
    exponent = amount.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


# -- reading text columns -------------------------------------------------------------------------


#: Distinct texts a dataset's checkers keep (see :meth:`Known.remember`).
KNOWN_TEXTS: Final = 100_000


class Known:
    """What the checkers of a dataset's files share, so each distinct text is read once for it.

    A dataset's files are read with the same arguments (currency, ``as_of``) and in the same
    format, and what a text reads as does not depend on the file it is in (a missing column
    reads as an empty cell): a year of daily files reads each firm, period and growth once,
    not once a file (a file's own checks cost about 10 ms for 500 firms otherwise).
    """

    __slots__ = ("firms", "same", "texts")

    def __init__(self) -> None:
        #: The firm a name and a credit code text read as (``None``: they read as none).
        self.firms: dict[tuple[str, str], Enterprise | None] = {}
        #: Each firm read, as the one object its equals are replaced with.
        self.same: dict[Enterprise, Enterprise] = {}
        #: The value of a (column, text) pair, or :data:`_BAD` (at most :data:`KNOWN_TEXTS`).
        self.texts: dict[tuple[str, str], object] = {}

    def remember(self, key: tuple[str, str], value: object) -> None:
        """Keep what a text read as; forget every text once :data:`KNOWN_TEXTS` are kept.

        A column of texts that differ row by row (a declaration number as ``source``) would
        otherwise hold every one of them while a scan reads a dataset, whose memory must stay
        near a part's: forgetting costs only reading texts again. Firms are never forgotten (a
        file's records point at them, and there are as many as a dataset has enterprises).
        """
        if len(self.texts) >= KNOWN_TEXTS:
            self.texts.clear()
        self.texts[key] = value


class _Checker:
    """Reads text rows of one trade file (one header) into checked columns; see the module doc.

    The readers of distinct texts keep their results for the whole file, so a file read in many
    batches reads each distinct enterprise, period, flow, currency, growth and source once.
    """

    def __init__(
        self,
        path: str,
        names: Sequence[str],
        *,
        currency: str | None,
        as_of: dt.date | None,
        fast_csv: bool = False,
        header: tuple[Any, ...] | None = None,
        known: Known | None = None,
        from_folders: int = 0,
    ) -> None:
        """Bind the header ``names``; ``known``: what a dataset's files share (:class:`Known`).

        ``from_folders``: how many of the last names are not the file's own columns but the
        partition keys of the dataset folders it is in (a row is blank when the file's own cells
        are, whatever its folders say).
        """
        self.path = path
        self.fast_csv = fast_csv
        self.names = list(names)
        self.own = len(self.names) - from_folders
        self.scanner = _Scanner(
            Path(path), _schemas.KINDS["trade"], encoding="utf-8", currency=currency, as_of=as_of
        )
        self.scanner.use_fast = False
        row = ("header", 1, self.names, (), None) if header is None else header
        self.fatal: _Bad | None = cast("_Bad | None", self.scanner.handle(row))
        self.as_of = as_of
        self.currency = currency
        self.enterprises: list[Enterprise] = []
        #: Threads for the amounts of every batch (the reader of a file lends its own).
        self.pool: ThreadPoolExecutor | None = None
        self._known = Known() if known is None else known
        self._firm_index: dict[int, int] = {}  # id() of a firm in Known.same: its index
        self._texts = self._known.texts  # read here; written through Known.remember
        self._firms: dict[tuple[str, str], int | None] = {}
        if self.fatal is not None:
            return
        binding = self.scanner.binding
        if binding is None:  # pragma: no cover - handle() binds a header it accepts
            raise InvalidRecordError(names, "the header was not bound")
        self.binding = binding
        self.position = {column.name: i for i, column in enumerate(binding.columns) if column}
        self.width = len(binding.columns)
        self.every_row = bool(binding.units)  # units in the header: the loader reads each row
        self.types = {field.alias: field.type for field in attrs.fields(TradeRecord)}

    # -- distinct texts --------------------------------------------------------------------------

    def _prepared(self, column: str, text: str) -> tuple[object, bool]:
        """The loader's prepared value of one cell (``None`` when empty), and whether it is good."""
        cells = [""] * self.width
        cells[self.position[column]] = text
        values, issues = self.scanner.reader.values(self.binding, cells)
        return values.get(column), not issues

    def _structured(self, column: str, text: str) -> object:
        """The value of a period, flow, growth or source text, or :data:`_BAD`."""
        key = (column, text)
        if key in self._texts:
            return self._texts[key]
        value, good = self._prepared(column, text)
        found: object = _BAD
        if good and value is not None:
            try:
                found = structure(
                    value, cast("type[Any]", self.types[column]), converter(currency=None)
                )
            except LittleGiantsError:
                found = _BAD
        elif good and column in ("growth", "source"):
            found = None
        if isinstance(found, Period) and self.as_of is not None and found.end > self.as_of:
            found = _BAD
        self._known.remember(key, found)
        return found

    def _currency(self, text: str) -> object:
        key = ("currency", text)
        if key in self._texts:
            return self._texts[key]
        given, good = self._prepared("currency", text) if text else (None, True)
        found: object = _BAD
        if good and given is None:
            found = self.currency if self.currency is not None else _BAD
        elif good and isinstance(given, str) and is_valid_currency(given):
            found = validate_currency(given)
        self._known.remember(key, found)
        return found

    def _firm(self, name: str, code: str) -> int | None:
        """The index in :attr:`enterprises` of the firm a name and a code name, else ``None``.

        The firm a pair of texts names does not depend on the file (a missing column reads
        as an empty cell), so the files of one dataset share the firms read (:class:`Known`):
        each distinct pair is validated once for the whole dataset, not once a file. Equal
        firms read from different texts are one object there, so a file finds a firm's index
        by identity, without hashing the firm again.
        """
        key = (name, code)
        if key in self._firms:
            return self._firms[key]
        known = self._known
        if key in known.firms:
            firm = known.firms[key]
        else:
            firm = self._read_firm(name, code)
            if firm is not None:
                firm = known.same.setdefault(firm, firm)
            known.firms[key] = firm
        found = None if firm is None else self._place(firm)
        self._firms[key] = found
        return found

    def _read_firm(self, name: str, code: str) -> Enterprise | None:
        """The firm the loader reads from a name and a code, or ``None`` when it finds problems."""
        cells = [""] * self.width
        for column, text in (("name", name), ("credit_code", code)):
            if column in self.position:
                cells[self.position[column]] = text
        reader = self.scanner.reader
        values, issues = reader.values(self.binding, cells)
        if issues or ("name" not in values and "credit_code" not in values):
            return None
        firm, problems = reader.reference(values)
        return None if problems else firm

    # -- a batch -----------------------------------------------------------------------------------

    def check(
        self,
        columns: Sequence[pa.Array],
        lines: Sequence[int],
        *,
        shaped: bool,
    ) -> tuple[pa.Table, list[RejectedRow], list[LoadProblem]]:
        """Check rows given as text columns in header order; ``lines`` are their lines.

        Args:
            columns: one string array per header cell.
            lines: the line of each row.
            shaped: the rows come from a reader that did not check their shape (blank rows):
                rows sent to the loader's reader get the shape checks of its file reader.

        Returns:
            The good rows (:data:`TRADE_SCHEMA` plus ``enterprise``, the index of each row's
            enterprise in :attr:`enterprises`, and ``_row``, its position in the batch), the
            rejected rows, and the problems of rows the table cannot hold (values that do not
            fit :data:`AMOUNT`).

        Raises:
            _Unplain: a row sent to the loader's reader holds a character the fast CSV reader
                does not read as the loader does (a quote, NUL, carriage return) or a cell too
                long: the caller reads the file with the loader's reader instead.
        """
        count = len(lines)
        if self.fast_csv:  # a column no check reads may hold a quote the loader reads as one
            for column, bound in zip(columns, self.binding.columns, strict=True):
                if bound is None:
                    dictionary = pa.types.is_dictionary(column.type)
                    self._clean_array(column.dictionary if dictionary else column)
        if self.every_row:
            bad = _flags(flag=True, count=count)
            typed = None
        else:
            typed, bad = self._columns(columns, count)
        return self._finish(columns, lines, typed, bad, shaped=shaped)

    def _distinct(
        self, array: pa.Array | None, read: Callable[[str], object]
    ) -> tuple[list[object], pa.Array | None]:
        """The values of the distinct texts of a column, and each row's index into them.

        An absent column gives the value of an empty cell, and ``None`` for the indices.
        """
        if array is None:  # an absent column: every row's cell is empty
            return [read("")], None
        encoded = array if pa.types.is_dictionary(array.type) else pc.dictionary_encode(array)
        if encoded.dictionary.null_count:  # pragma: no cover - readers give no nulls
            raise _Unplain
        self._clean_array(encoded.dictionary)
        return [read(text) for text in encoded.dictionary.to_pylist()], encoded.indices

    def _clean_array(self, texts: pa.Array) -> None:
        """:meth:`_clean` of a column's distinct texts, in Arrow's kernels."""
        if not self.fast_csv or not len(texts):
            return
        longest = pc.max(pc.utf8_length(texts)).as_py()
        if longest > _tables.MAX_CELL_CHARS or any(
            pc.any(pc.match_substring(texts, mark)).as_py() for mark in _NOT_CELL
        ):
            raise _Unplain

    def _clean(self, texts: Iterable[str]) -> None:
        """Raise :class:`_Unplain` when the fast CSV reader may have read a cell otherwise."""
        if not self.fast_csv:
            return
        for text in texts:
            if len(text) > _tables.MAX_CELL_CHARS or any(mark in text for mark in _NOT_CELL):
                raise _Unplain

    def _columns(self, columns: Sequence[pa.Array], count: int) -> tuple[dict[str, Any], pa.Array]:
        """The typed columns of the rows, and which rows the loader's reader must read."""
        at = self.position

        def column(name: str) -> pa.Array | None:
            return columns[at[name]] if name in at else None

        bad = _flags(flag=False, count=count)
        out: dict[str, Any] = {}
        value, previous = map(_decoded, (column("value"), column("previous")))
        if value is None:  # pragma: no cover - the header binds only with a value column
            raise _Unplain
        # The amounts are read in Arrow's kernels, which leave the interpreter's lock free:
        # on other threads, while this one reads the distinct texts; but starting a thread
        # costs about a millisecond on a busy machine, more than a few rows' amounts take.
        with self._threads(count) as pool:
            values = pool.submit(_amounts, value, empty_ok=False)
            priors = None if previous is None else pool.submit(_amounts, previous, empty_ok=True)
            bad = self._texts_of(column, out, bad, count)
            for name, job in (("value", values), ("previous", priors)):
                if job is None:
                    out[name] = pa.nulls(count, AMOUNT)
                    out[f"{name}_exponent"] = pa.nulls(count, pa.int8())
                    continue
                refused, out[name], out[f"{name}_exponent"] = job.result()
                bad = pc.or_(bad, refused)
        return out, self._growths(column("growth"), out, bad, count)

    def _threads(self, count: int) -> contextlib.AbstractContextManager[ThreadPoolExecutor | _Now]:
        """Where the amounts of ``count`` rows are read: the reader's threads, new ones, or here."""
        if count < _THREADED_ROWS:
            return contextlib.nullcontext(_Now())
        if self.pool is not None:
            return contextlib.nullcontext(self.pool)
        return ThreadPoolExecutor(2)

    def _texts_of(
        self,
        column: Callable[[str], pa.Array | None],
        out: dict[str, Any],
        bad: pa.Array,
        count: int,
    ) -> pa.Array:
        """The enterprise, period, flow, currency and source columns, each text read once."""
        # Enterprises: the distinct (name, credit code) pairs.
        zeros = pa.repeat(_arrays.scalar(0, pa.int32()), count)
        names, name_index = self._distinct(column("name"), str)
        codes, code_index = self._distinct(column("credit_code"), str)
        name_index = zeros if name_index is None else name_index
        code_index = zeros if code_index is None else code_index
        pair = pc.add(
            pc.multiply(pc.cast(name_index, pa.int64()), _arrays.number(len(codes))),
            pc.cast(code_index, pa.int64()),
        )
        pairs = pc.unique(pair)
        firms = [
            self._firm(str(names[p // len(codes)]), str(codes[p % len(codes)]))
            for p in pairs.to_pylist()
        ]
        where = pc.index_in(pair, pairs)
        out["enterprise"] = pc.take(_arrays.array(firms, pa.int32()), where)
        bad = pc.or_(bad, pc.is_null(out["enterprise"]))
        known = [None if i is None else self.enterprises[i] for i in firms]
        for name, text in (
            ("name", lambda firm: firm.name),
            (
                "credit_code",
                lambda firm: None if firm.credit_code is None else str(firm.credit_code),
            ),
            ("region", lambda firm: None if firm.region is None else firm.region.code),
        ):
            texts = [None if firm is None else text(firm) for firm in known]
            out[name] = _coded(texts, where)

        periods, index = self._distinct(
            column("period"), functools.partial(self._structured, "period")
        )
        good = [isinstance(p, Period) for p in periods]
        starts = [p.start if isinstance(p, Period) else None for p in periods]
        ends = [p.end if isinstance(p, Period) else None for p in periods]
        bad = pc.or_(bad, pc.invert(pc.take(_arrays.array(good, pa.bool_()), index)))
        out["period_start"] = pc.take(_arrays.array(starts, pa.date32()), index)
        out["period_end"] = pc.take(_arrays.array(ends, pa.date32()), index)

        flows, index = self._distinct(column("flow"), functools.partial(self._structured, "flow"))
        texts = [f.value if isinstance(f, TradeFlow) else None for f in flows]
        out["flow"] = _coded(texts, index)
        bad = pc.or_(bad, pc.is_null(out["flow"]))

        codes_, index = self._distinct(column("currency"), self._currency)
        index = zeros if index is None else index
        texts = [c if isinstance(c, str) else None for c in codes_]
        out["currency"] = _coded(texts, index)
        bad = pc.or_(bad, pc.is_null(out["currency"]))

        if column("source") is None:
            out["source"] = pa.nulls(count, TEXT)
        else:
            sources, index = self._distinct(
                column("source"), functools.partial(self._structured, "source")
            )
            good = [s is not _BAD for s in sources]
            texts = [s if isinstance(s, str) else None for s in sources]
            out["source"] = _coded(texts, index)
            bad = pc.or_(bad, pc.invert(pc.take(_arrays.array(good, pa.bool_()), index)))

        return bad

    def _growths(
        self, array: pa.Array | None, out: dict[str, Any], bad: pa.Array, count: int
    ) -> pa.Array:
        """The growth column, and the rows whose growth needs the loader's reader."""
        if array is None:
            out["growth"] = pa.nulls(count, TEXT)
            return bad
        growths, index = self._distinct(array, functools.partial(self._structured, "growth"))
        rates = [g.rate if isinstance(g, Growth) else None for g in growths]
        out["growth"] = _coded(
            [None if r is None else EXACT.to_sci_string(r) for r in rates], index
        )
        bad = pc.or_(bad, pc.take(_arrays.array([g is _BAD for g in growths], pa.bool_()), index))
        given = pc.is_valid(out["growth"])
        alone = pc.and_(given, pc.is_null(out["previous"]))
        steep = _arrays.array([r is not None and r < _STEEP_FALL for r in rates], pa.bool_())
        bad = pc.or_(bad, pc.and_(alone, pc.take(steep, index)))
        both = pc.and_(given, pc.is_valid(out["previous"]))
        if not pc.any(both).as_py():
            return bad
        return pc.or_(bad, pc.and_(both, pc.invert(_agreeing(out, growths, index))))

    def _finish(
        self,
        columns: Sequence[pa.Array],
        lines: Sequence[int],
        typed: dict[str, Any] | None,
        bad: pa.Array,
        *,
        shaped: bool,
    ) -> tuple[pa.Table, list[RejectedRow], list[LoadProblem]]:
        """Send the refused rows to the loader's row reader; return the good rows in order."""
        positions = pc.indices_nonzero(bad).to_pylist()
        rejected: list[RejectedRow] = []
        records: list[TradeRecord] = []
        kept: list[int] = []
        limits: list[LoadProblem] = []
        scanner = self.scanner
        for position in positions:
            cells = [column[position].as_py() or "" for column in columns]
            self._clean(cells)
            # The shape checks of the loader's file reader (a blank row), for rows it did not read.
            own = cells[: self.own]
            shape = _tables._shape_issues  # noqa: SLF001
            issues = shape(own, self.names[: self.own], long=False) if shaped else ()
            if shaped and not any(own):
                cells = []  # a blank row has no cells (its folders' none), as the loader gives it
            found = scanner.handle(("row", lines[position], cells, issues, None))
            if isinstance(found, _Bad):
                rejected.append(
                    RejectedRow(self.path, found.line, cells=found.cells, problems=found.problems)
                )
                continue
            record = cast("TradeRecord", found)
            problem = _unfit(record, self.path, lines[position], self.binding)
            if problem is not None:
                limits.append(problem)
                continue
            records.append(record)
            kept.append(position)
        parts = []
        if typed is not None:
            table = pa.table({**_schema_columns(typed), "enterprise": typed["enterprise"]})
            if positions:  # only then is there a row to drop (filtering copies every column)
                good = pc.invert(bad)
                table = table.filter(good)
                if records:
                    table = table.append_column("_row", pc.indices_nonzero(good))
            parts.append(table)
        if records:
            indices = [self._index(record.enterprise) for record in records]
            extra = _table_of(records, indices)
            if typed is not None:
                extra = extra.append_column("_row", _arrays.array(kept, pa.uint64()))
            parts.append(extra)
        if not parts:
            return _empty_table(), rejected, limits
        table = pa.concat_tables(parts) if len(parts) > 1 else parts[0]
        if records and typed is not None:  # the rows read again go back to their places
            table = table.take(pc.sort_indices(table["_row"])).drop_columns(["_row"])
        return table, rejected, limits

    def check_table(
        self, table: pa.Table, first_line: int
    ) -> tuple[pa.Table, list[RejectedRow], list[LoadProblem]]:
        """:meth:`check` for a table of columns in header order, row ``i`` on ``first_line + i``.

        Columns of any type are read as text (:func:`text_column`); rows whose cells the fast
        checks cannot vouch for go through the loader's row reader, every one of them.
        """
        columns = [
            self._text(column, name, first_line)
            for name, column in zip(table.column_names, table.columns, strict=True)
        ]
        lines = range(first_line, first_line + table.num_rows)
        try:
            return self.check(columns, lines, shaped=True)
        except _Unplain:
            return self.check_each(columns, lines)

    def _text(self, column: pa.ChunkedArray | pa.Array, name: str, first_line: int) -> pa.Array:
        """:func:`text_column`, or the located LoadError of a column that is not text.

        Raises:
            LoadError: the column holds values that have no text (lists, structs, maps), or
                bytes that are not UTF-8 (naming the first such row and its bytes).
        """
        try:
            return text_column(column)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
            pass
        line: int | None = None
        value: object = str(column.type)
        message = Reason(N_("the column holds {type}, not text"), type=str(column.type))
        if column.type in (pa.binary(), pa.large_binary(), pa.binary_view()):
            for number, cell in enumerate(column.to_pylist(), start=first_line):
                if not _utf8(cell):
                    line, value = number, cell
                    message = Reason(N_("the cell's bytes are not UTF-8 text"))
                    break
        problem = LoadProblem(self.path, line, column=name, value=value, message=message)
        raise LoadError(self.path, (problem,))

    def check_each(
        self, columns: Sequence[pa.Array], lines: Sequence[int]
    ) -> tuple[pa.Table, list[RejectedRow], list[LoadProblem]]:
        """Every row through the loader's row reader (cells the fast reader cannot vouch for)."""
        return self._finish(columns, lines, None, _flags(flag=True, count=len(lines)), shaped=True)

    def _index(self, firm: Enterprise) -> int:
        """The index of a firm in :attr:`enterprises` (added when new), equal firms one index."""
        return self._place(self._known.same.setdefault(firm, firm))

    def _place(self, firm: Enterprise) -> int:
        """:meth:`_index` of a firm that is already the one of its equals (``Known.same``)."""
        found = self._firm_index.get(id(firm))
        if found is None:
            found = self._firm_index[id(firm)] = len(self.enterprises)
            self.enterprises.append(firm)
        return found


class _Done(Generic[_T]):
    """A job run as it was submitted: its result, as a thread's ``Future`` gives it."""

    def __init__(self, value: _T) -> None:
        self.value = value

    def result(self) -> _T:
        return self.value


class _Now:
    """Runs a job when it is submitted, where a thread pool would run it on a thread."""

    def submit(self, job: Callable[..., _T], /, *args: Any, **kwargs: Any) -> _Done[_T]:  # noqa: ANN401
        return _Done(job(*args, **kwargs))


#: Rows of a batch from which its amounts are read on threads (fewer: on the reading thread).
_THREADED_ROWS: Final = 32_768
_BAD: Final = object()
_FALSE: Final = _arrays.scalar(value=False, type_=pa.bool_())
#: The constants the growth agreement compares with (:func:`_agreeing`), made once.
_ZERO: Final = _arrays.scalar(Decimal(0), pa.decimal256(2, 0))
_ONE: Final = _arrays.scalar(Decimal(1), pa.decimal256(2, 0))
_SHIFT_33: Final = _arrays.scalar(Decimal(10) ** 33, pa.decimal256(34, 0))
_ZERO_WIDE: Final = _arrays.scalar(Decimal(0), _WIDE)


def _utf8(cell: bytes | None) -> bool:
    """Whether a binary cell is UTF-8 text (or null)."""
    if cell is None:
        return True
    try:
        cell.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decoded(texts: pa.Array | None) -> pa.Array | None:
    """Amounts as plain text: a dictionary column (each amount is read per row) decoded."""
    if texts is None or not pa.types.is_dictionary(texts.type):
        return texts
    return pc.cast(texts, pa.string())


def _flags(*, flag: bool, count: int) -> pa.Array:
    """``count`` copies of ``flag``."""
    return pa.repeat(_arrays.scalar(flag, pa.bool_()), count)


def _coded(texts: Sequence[str | None], index: pa.Array) -> pa.DictionaryArray:
    """A dictionary column: each row's text is ``texts[index]``, null where that is ``None``.

    The texts are made distinct first (a dictionary holds each text once).
    """
    distinct = list(dict.fromkeys(text for text in texts if text is not None))
    where = {text: i for i, text in enumerate(distinct)}
    codes = _arrays.array([None if text is None else where[text] for text in texts], pa.int32())
    return pa.DictionaryArray.from_arrays(
        pc.take(codes, index), _arrays.array(distinct, pa.string()), safe=False
    )


def _amounts(texts: pa.Array, *, empty_ok: bool) -> tuple[pa.Array, pa.Array, pa.Array]:
    """The rows an amount column refuses, and its amounts and exponents (:func:`_read_amounts`).

    An amount is refused unless it is plain and fits :data:`AMOUNT`; an empty cell is refused
    unless ``empty_ok`` (a prior-year value may be absent).
    """
    every = _all_plain(texts, empty_ok=empty_ok)
    if every is not None:
        return every
    return _amounts_by_pattern(texts, empty_ok=empty_ok)


def _all_plain(texts: pa.Array, *, empty_ok: bool) -> tuple[pa.Array, pa.Array, pa.Array] | None:
    """:func:`_amounts` of a column whose every text fits (or is empty, with ``empty_ok``).

    A customs extract's amounts all fit, and the pattern (:data:`_PLAIN_FIT`) is the dearest
    step of reading them (half of an amount column's time). This decides for the whole column
    at once, in cheaper steps: its text holds only digits and points; no text is empty
    (unless ``empty_ok``), starts or ends with a point (which Arrow's cast would take), or has
    more than 31 digits before its point or 7 after it; and Arrow's exact cast to
    :data:`AMOUNT` takes them all (it refuses a second point). Those are texts the pattern
    matches (``test_trade_table.py`` holds the two equal); a column with a text of more digits
    (leading or trailing zeros the pattern takes) is left to it.

    The digit counts are not left to the cast: Arrow reads a text's digits into 128 bits
    before it checks them against the type, and a number of 39 digits or more can wrap around
    unnoticed (``'9' * 39`` is read as a negative amount, ``'11' + '0' * 31`` as another
    number; pyarrow 26, measured). Within 31 and 7 digits a text is below ``1E+38`` once
    scaled, which 128 bits hold. ``None`` when any step fails: the pattern then decides row
    by row.
    """
    count = len(texts)
    if texts.type != pa.string() or texts.offset or texts.null_count or not count:
        return None
    _, offsets, data = texts.buffers()
    ends = memoryview(offsets).cast("i")
    start, end = ends[0], ends[count]
    body = data.slice(start, end - start).to_pybytes()
    if body.translate(None, b"0123456789."):
        return None
    zero = _arrays.number(0)
    lengths = pc.binary_length(texts)
    filled = pc.greater(lengths, zero)
    plain = texts  # the texts, an empty one null (as the pattern's reading leaves it)
    if empty_ok and pc.sum(filled).as_py() < count:
        plain = _shown(texts, filled)
    elif pc.min(lengths).as_py() == 0:
        return None
    dot, exponents = _points(plain)
    marked = pc.greater_equal(dot, zero)
    lowest = pc.min(exponents).as_py()  # None when every text is empty
    widest = pc.max(pc.if_else(marked, dot, lengths)).as_py()  # the most digits before a point
    if (
        pc.any(pc.equal(dot, zero)).as_py()  # a point first
        or pc.any(pc.and_(marked, pc.equal(exponents, zero))).as_py()  # a point last
        or (lowest is not None and lowest < -_SCALE)
        or (widest is not None and widest > _WHOLE_DIGITS)
    ):
        return None
    try:
        amounts = pc.cast(plain, AMOUNT)
    except pa.ArrowInvalid:
        return None
    return _flags(flag=False, count=count), amounts, pc.cast(exponents, pa.int8())


#: The most digits before the point of an amount that fits :data:`AMOUNT` (38 less 7 places).
_WHOLE_DIGITS: Final = 31


def _amounts_by_pattern(texts: pa.Array, *, empty_ok: bool) -> tuple[pa.Array, pa.Array, pa.Array]:
    """:func:`_amounts`, each text tested against :data:`_PLAIN_FIT`."""
    fits = _fitting(texts)
    if empty_ok:
        refused = pc.invert(pc.or_(pc.equal(pc.binary_length(texts), _arrays.number(0)), fits))
    else:
        refused = pc.invert(fits)
    return (refused, *_read_amounts(texts, fits))


def _fitting(texts: pa.Array) -> pa.Array:
    """Which texts are plain amounts that fit :data:`AMOUNT` (:data:`_PLAIN_FIT`)."""
    return pc.coalesce(pc.match_substring_regex(texts, _PLAIN_FIT), _FALSE)


def _read_amounts(texts: pa.Array, fits: pa.Array) -> tuple[pa.Array, pa.Array]:
    """Plain amounts as :data:`AMOUNT` where ``fits`` (null elsewhere), and their exponents.

    The texts that fit are read as they are: the others are hidden behind a null
    (:func:`_shown`).
    """
    plain = _shown(texts, fits)
    _, exponents = _points(plain)
    return _cast_amounts(plain, pc.min(exponents).as_py()), pc.cast(exponents, pa.int8())


def _shown(texts: pa.Array, keep: pa.Array) -> pa.Array:
    """The texts where ``keep`` is true, null elsewhere.

    Plain text arrays keep their own buffers, with ``keep`` as their validity: never copied.
    """
    if (
        texts.type == pa.string()
        and texts.offset == 0
        and keep.offset == 0
        and not texts.null_count
        and not keep.null_count
    ):
        _, offsets, data = texts.buffers()
        return pa.StringArray.from_buffers(len(texts), offsets, data, keep.buffers()[1])
    return pc.if_else(keep, texts, _arrays.scalar(None, pa.string()))


def _points(plain: pa.Array) -> tuple[pa.Array, pa.Array]:
    """Where each text's point is (-1 where it has none), and its written exponent.

    A text with a point has an exponent of minus its places; one without, of 0 (null where the
    text is).
    """
    dot = pc.find_substring(plain, ".")
    zero, one = _arrays.number(0), _arrays.number(1)
    exponents = pc.if_else(
        pc.less(dot, zero), zero, pc.subtract(pc.add(dot, one), pc.binary_length(plain))
    )
    return dot, exponents


def _cast_amounts(plain: pa.Array, lowest: int | None) -> pa.Array:
    """Texts that fit (:data:`_PLAIN_FIT`; null elsewhere) as :data:`AMOUNT`.

    ``lowest`` is their least exponent. Arrow's cast refuses a text of about 40 digits or more
    ("would cause data loss"), whatever its value: ``1.5`` followed by 40 zeros fits and is
    refused (and a text of more digits could wrap around in its 128 bits, see
    :func:`_all_plain`). A text that fits has only zeros after its seventh place, so those are
    cut off first, where a text has any: what is cast has at most 31 digits before its point
    (leading zeros aside, which Arrow skips) and 7 after.
    """
    if lowest is not None and lowest < -_SCALE:
        plain = pc.replace_substring_regex(plain, _PAST_THE_SCALE, r"\1")
    return pc.cast(plain, AMOUNT)


#: The zeros after an amount's seventh place (the pattern's ``0{0,57}``), cut before reading it.
_PAST_THE_SCALE: Final = r"(\.[0-9]{7})0+$"


def _agreeing(out: Mapping[str, Any], growths: Sequence[object], index: pa.Array) -> pa.Array:
    """Rows whose prior-year value and growth agree as ``TradeRecord`` checks, decided exactly.

    A row with both agrees when ``|r - g| <= tol``, ``r`` being the growth the values imply
    rounded to 34 digits (``Growth.between``), ``g`` the stated one and ``tol`` half a unit of
    its last stated digit. With ``d = (v - p) / p`` exact, ``|r - d| <= 1E-33 * |d|`` (and
    ``1E-64`` more where the quotient is rounded to the finest digit), so multiplying by ``p``:
    the row surely agrees when ``tol*p - |v - p*(1+g)| > 1E-33 * (|v - p| + p)``. That is
    computed here in ``decimal256``, exactly; every other row (a disagreeing one, or one too
    close to the edge to decide without the rounding) is read by the loader's row reader.
    A zero prior-year value is never compared (growth from nothing is undefined).
    """
    factors: list[Decimal | None] = []
    tolerances: list[Decimal | None] = []
    for growth in growths:
        rate = growth.rate if isinstance(growth, Growth) else None
        if (
            isinstance(growth, Growth)
            and rate is not None
            and EXACT.abs(rate) < _GROWTH_LIMIT
            and _exponent(rate) >= -_GROWTH_PLACES
        ):
            factors.append(EXACT.add(rate, Decimal(1)))
            tolerances.append(_stated_tolerance(growth))
        else:
            factors.append(None)
            tolerances.append(None)
    factor = pc.take(_arrays.array(factors, pa.decimal128(18, _GROWTH_PLACES)), index)
    tolerance = pc.take(_arrays.array(tolerances, pa.decimal128(14, _GROWTH_PLACES + 3)), index)
    value = pc.cast(out["value"], _WIDE)
    previous = pc.cast(out["previous"], _WIDE)
    scaled = pc.multiply(previous, pc.cast(factor, pa.decimal256(18, _GROWTH_PLACES)))
    off = pc.abs(pc.subtract(value, scaled))
    allowed = pc.multiply(previous, pc.cast(tolerance, pa.decimal256(14, _GROWTH_PLACES + 3)))
    room = pc.subtract(allowed, off)
    sure = pc.coalesce(pc.greater_equal(room, _ONE), _FALSE)
    near = pc.coalesce(pc.and_(pc.greater(room, _ZERO), pc.less(room, _ONE)), _FALSE)
    # room has 20 places (7 of the values, 13 of the tolerance); below 1 it fits 21 digits.
    narrow = pc.cast(pc.if_else(near, room, _ZERO), _NARROW)
    band = pc.add(pc.abs(pc.subtract(value, previous)), previous)
    sure_near = pc.coalesce(pc.greater(pc.multiply(narrow, _SHIFT_33), band), _FALSE)
    none_before = pc.coalesce(pc.equal(previous, _ZERO_WIDE), _FALSE)
    return pc.or_(pc.or_(sure, pc.and_(near, sure_near)), none_before)


def _unfit(
    record: TradeRecord, path: str, line: int, binding: _schemas.Binding
) -> LoadProblem | None:
    """The problem of a record the loader accepts but the table cannot hold exactly, or None."""
    for column, money in (("value", record.value), ("previous", record.reported_previous)):
        if money is not None and not _fits(money.amount):
            return LoadProblem(
                path,
                line,
                column=binding.column_name(column),
                value=str(money.amount),
                message=Reason(
                    N_(
                        "the amount {amount} has a digit finer than 1E-{scale}, which a "
                        "TradeTable (decimal128(38, 7)) cannot hold exactly; it is never "
                        "rounded: read this file with load_trade_records"
                    ),
                    amount=money.amount,
                    scale=_SCALE,
                ),
            )
    return None


# -- records and typed batches --------------------------------------------------------------------


def _schema_columns(typed: Mapping[str, Any]) -> dict[str, Any]:
    return {name: typed[name] for name in TRADE_SCHEMA.names if name in typed}


def _table_of(records: Sequence[TradeRecord], indices: Sequence[int]) -> pa.Table:
    """Records as a table of :data:`TRADE_SCHEMA` plus ``enterprise`` (their given indices).

    Built a column at a time. Records share their firms, periods and growths (a loaded file's
    records point at one object for each), so each distinct object's columns are made once
    and taken for its rows; objects are told apart by identity (hashing a firm hashes every
    field), equal ones made one text by :func:`_coded`.

    Raises:
        InvalidAmountError: an amount does not fit :data:`AMOUNT` exactly.
    """
    firms, firm_index = _by_identity(list(map(_ENTERPRISE, records)))
    periods, period_index = _by_identity(list(map(_PERIOD, records)))
    growths, growth_index = _by_identity(list(map(_GROWTH, records)))
    values = list(map(_VALUE, records))
    priors = list(map(_PREVIOUS, records))
    columns: dict[str, Any] = {
        "name": _coded([firm.name for firm in firms], firm_index),
        "credit_code": _coded(
            [None if firm.credit_code is None else str(firm.credit_code) for firm in firms],
            firm_index,
        ),
        "region": _coded(
            [None if firm.region is None else firm.region.code for firm in firms], firm_index
        ),
        "period_start": pc.take(
            _arrays.array([p.start for p in periods], pa.date32()), period_index
        ),
        "period_end": pc.take(_arrays.array([p.end for p in periods], pa.date32()), period_index),
        "flow": _texts([record.flow.value for record in records]),
        "currency": _texts([money.currency for money in values]),
        "growth": _coded(
            [None if g is None else EXACT.to_sci_string(g.rate) for g in growths], growth_index
        ),
        "source": _texts([record.source for record in records]),
    }
    amounts = {
        name: [None if money is None else money.amount for money in monies]
        for name, monies in (("value", values), ("previous", priors))
    }
    for name, column in amounts.items():
        scaled = _at_scale(column)
        if scaled is None:  # one does not fit: the first record with such an amount is named
            _refuse_unfit(values, priors)
            scaled = [  # pragma: no cover - _at_scale refuses only what _fits refuses
                None if amount is None else EXACT.quantize(amount, _SCALE_QUANTUM)
                for amount in column
            ]
        # Arrow is given amounts at its scale: its own rescaling is not exact (it takes
        # 9.999999999999917497870561418306160E-33 as 0, and refuses 1.5 written with 40 zeros).
        columns[name] = _arrays.array(scaled, AMOUNT)
        columns[f"{name}_exponent"] = _arrays.array(
            [None if amount is None else _exponent(amount) for amount in column], pa.int8()
        )
    table = pa.table({name: columns[name] for name in TRADE_SCHEMA.names}, schema=TRADE_SCHEMA)
    return table.append_column("enterprise", _arrays.array(indices, pa.int32()))


#: Quantizing to :data:`AMOUNT`'s scale traps a non-zero digit lost (``Inexact``) and more than
#: its 38 digits (``InvalidOperation``): it succeeds exactly for the amounts :func:`_fits` takes.
_AT_SCALE: Final = decimal.Context(
    prec=38,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.Inexact, decimal.Overflow],
)
_SCALE_QUANTUM: Final = Decimal(1).scaleb(-_SCALE)


def _at_scale(amounts: Sequence[Decimal | None]) -> list[Decimal | None] | None:
    """Each amount at :data:`AMOUNT`'s scale (exponent -7), or ``None`` if one does not fit.

    Equal to the amounts, quantized in C a column at a time; "fit" as :func:`_fits` decides.

    >>> _at_scale([Decimal("12.5"), None, Decimal("1.5000000000")])
    [Decimal('12.5000000'), None, Decimal('1.5000000')]
    >>> _at_scale([Decimal("0.00000001")]), _at_scale([Decimal(10) ** 31])
    (None, None)
    """
    given = [amount for amount in amounts if amount is not None]
    if not all(map(Decimal.is_finite, given)) or (
        given and max(map(Decimal.adjusted, given)) > MAX_ADJUSTED_EXPONENT
    ):
        return None  # as _fits: 0E+40 is refused though it quantizes (its written magnitude)
    try:
        scaled = iter(list(map(_AT_SCALE.quantize, given, itertools.repeat(_SCALE_QUANTUM))))
    except (decimal.Inexact, decimal.InvalidOperation):
        return None
    return [None if amount is None else next(scaled) for amount in amounts]


def _refuse_unfit(values: Sequence[Money], priors: Sequence[Money | None]) -> None:
    """Raise for the first record (its value, then its prior-year value) that does not fit.

    Raises:
        InvalidAmountError: an amount has a non-zero digit finer than ``1E-7`` (or is beyond
            the bounds).
    """
    for number, pair in enumerate(zip(values, priors, strict=True), start=1):
        for money in pair:
            if money is not None and not _fits(money.amount):
                raise InvalidAmountError(
                    money.amount,
                    Reason(
                        N_(
                            "record {number} has an amount with a digit finer than 1E-{scale}, "
                            "which a TradeTable (decimal128(38, 7)) cannot hold exactly; it is "
                            "never rounded"
                        ),
                        number=number,
                        scale=_SCALE,
                    ),
                )


_ENTERPRISE: Final = operator.attrgetter("enterprise")
_PERIOD: Final = operator.attrgetter("period")
_GROWTH: Final = operator.attrgetter("reported_growth")
_VALUE: Final = operator.attrgetter("value")
_PREVIOUS: Final = operator.attrgetter("reported_previous")


def _by_identity(objects: list[_T]) -> tuple[list[_T], pa.Array]:
    """The distinct objects (by identity, in order met) and each one's index among them."""
    slots: dict[int, int] = {}
    index = [slots.setdefault(id(thing), len(slots)) for thing in objects]
    distinct = list({id(thing): thing for thing in objects}.values())
    return distinct, _arrays.array(index, pa.int32())


def _texts(texts: Sequence[str | None]) -> pa.DictionaryArray:
    """A dictionary column of texts (``None``: null), each distinct text once."""
    slots: dict[str | None, int] = {}
    index = [slots.setdefault(text, len(slots)) for text in texts]
    return _coded(list(slots), _arrays.array(index, pa.int32()))


def _empty_table() -> pa.Table:
    table = TRADE_SCHEMA.empty_table()
    return table.append_column("enterprise", _arrays.array([], pa.int32()))


def batch_of(records: Iterable[TradeRecord]) -> pa.RecordBatch:
    """Records as one batch of :data:`TRADE_SCHEMA` (the inverse of :func:`records_of`).

    Raises:
        InvalidRecordError: ``records`` is not a sequence of trade records.
        InvalidAmountError: an amount has a non-zero digit finer than ``1E-7``.
    """
    found = _records(records)
    table = _table_of(found, [0] * len(found)).drop_columns(["enterprise"])
    return table.combine_chunks().to_batches()[0] if len(table) else _empty_batch()


def _empty_batch() -> pa.RecordBatch:
    return pa.record_batch(
        [_arrays.array([], field.type) for field in TRADE_SCHEMA], schema=TRADE_SCHEMA
    )


def _records(records: Iterable[TradeRecord]) -> list[TradeRecord]:
    if isinstance(records, str | bytes | TradeRecord) or not hasattr(records, "__iter__"):
        raise InvalidRecordError(records, "records must be a sequence of TradeRecord")
    found = list(records)
    for record in found:
        if not isinstance(record, TradeRecord):
            raise InvalidRecordError(record, "each of records must be a TradeRecord")
    return found


def _money(amount: Decimal, exponent: int, currency: str) -> Money:
    """The Money a stored amount was: its exact value with the exponent it was written with."""
    return Money(amount.quantize(_quantum(exponent), context=EXACT), currency)


def records_of(
    batch: pa.RecordBatch | pa.Table,
    enterprises: Sequence[Enterprise] | None = None,
    *,
    first_row: int = 1,
) -> Iterator[TradeRecord]:
    """The trade records of a batch of :data:`TRADE_SCHEMA`, one at a time, exactly as stored.

    Each record is checked again as ``TradeRecord(...)`` checks it. Without ``enterprises``,
    each record's enterprise is built from its name, credit code and region (once per
    distinct triple); with them (and an ``enterprise`` column of indices, as a ``TradeTable``
    keeps), the records carry those very enterprises.

    The rows are built :data:`_RECORDS_AT_ONCE` at a time (with full collections of the cyclic
    garbage collector put off, as the loader does), a column at a time: each distinct
    period, flow, currency and growth is read once, each amount from Arrow's own text of it at
    its written exponent, and the records by ``TradeRecord``'s column-wise constructor, which
    runs every check of the record. Rows that path cannot vouch for (a missing value, an
    amount written with a positive exponent, any check that fails) are built one by one with
    ``TradeRecord(...)``, so its error is raised, for the first bad row, after the good rows
    before it. The error names the row (the batch's first is ``first_row``).

    Raises:
        InvalidRecordError: a row is not a valid record (the checks of ``TradeRecord``).
    """
    table = _as_table(batch)
    firms: dict[tuple[str, str | None, str | None], Enterprise] = {}
    first = first_row
    for part in table.to_batches(max_chunksize=_RECORDS_AT_ONCE):
        with _young_collections_only:  # as the loader builds its records (full ones put off)
            given = _given_enterprises(part, enterprises, firms)
            built = _built_records(part, given)
        if built is None:
            yield from _records_one_by_one(part, given, first)
        else:
            yield from built
        first += part.num_rows


#: Rows of a batch that :func:`records_of` builds together (the Arrow steps are per chunk).
_RECORDS_AT_ONCE: Final = 65_536
#: The columns a record cannot do without (and a prior-year value's exponent, when it has one).
_REQUIRED: Final = ("period_start", "period_end", "flow", "currency", "value", "value_exponent")


def _given_enterprises(
    part: pa.RecordBatch,
    enterprises: Sequence[Enterprise] | None,
    firms: dict[tuple[str, str | None, str | None], Enterprise],
) -> list[Enterprise]:
    """Each row's enterprise: the given one its index names, else one per distinct triple."""
    if enterprises is not None:
        return list(map(enterprises.__getitem__, part.column("enterprise").to_pylist()))
    given = []
    triples = zip(
        part.column("name").to_pylist(),
        part.column("credit_code").to_pylist(),
        part.column("region").to_pylist(),
        strict=True,
    )
    for triple in triples:
        firm = firms.get(triple)
        if firm is None:
            firm = firms[triple] = _enterprise(*triple)
        given.append(firm)
    return given


def _records_one_by_one(
    part: pa.RecordBatch, given: list[Enterprise], first_row: int
) -> Iterator[TradeRecord]:
    """The records of a chunk, each built and checked by ``TradeRecord(...)``.

    ``first_row`` is the chunk's first row in the batch (1 for the first), which an error names.

    Raises:
        InvalidRecordError: a row is not a valid record, or lacks a value a record needs.
    """
    columns = part.to_pydict()
    for i in range(part.num_rows):
        has_previous = columns["previous"][i] is not None
        needed = (*_REQUIRED, "previous_exponent") if has_previous else _REQUIRED
        for name in needed:
            if columns[name][i] is None:
                location = SourceLocation(None, first_row + i, name)
                message = N_("a record needs this value: it is null")
                raise InvalidRecordError(None, message, location)
        code = columns["currency"][i]
        previous = columns["previous"][i]
        growth = columns["growth"][i]
        try:
            record = TradeRecord(
                given[i],
                Period(columns["period_start"][i], columns["period_end"][i]),
                TradeFlow(columns["flow"][i]),
                _money(columns["value"][i], columns["value_exponent"][i], code),
                previous=None
                if previous is None
                else _money(previous, columns["previous_exponent"][i], code),
                growth=None if growth is None else Growth(Decimal(growth)),
                source=columns["source"][i],
            )
        except LittleGiantsError as exc:
            raise _located(exc, SourceLocation(None, first_row + i)) from None
        yield record


def _built_records(part: pa.RecordBatch, given: list[Enterprise]) -> list[TradeRecord] | None:
    """A chunk's records built a column at a time, or ``None`` to build them one by one."""
    if any(part.column(name).null_count for name in _REQUIRED):
        return None
    try:
        periods = _each_distinct(
            pc.add(
                pc.multiply(
                    part.column("period_start").cast(pa.int32()).cast(pa.int64()),
                    _arrays.number(1 << 32),
                ),
                part.column("period_end").cast(pa.int32()).cast(pa.int64()),
            ),
            _period_of_days,
        )
        flows = _each_distinct(part.column("flow"), TradeFlow)
        codes = _each_distinct(part.column("currency"), _known_currency)
        values = _monies_of(part.column("value"), part.column("value_exponent"), codes)
        previous = _monies_of(part.column("previous"), part.column("previous_exponent"), codes)
        growths = _each_distinct(part.column("growth"), _growth_of_text)
        if values is None or previous is None:
            return None
        sources = part.column("source").to_pylist()
        return TradeRecord._checked_columns(  # noqa: SLF001 - every check of the record runs
            given, periods, flows, cast("list[Money]", values), previous, growths, sources
        )
    except (LittleGiantsError, ArithmeticError, ValueError, TypeError, pa.ArrowException):
        return None  # the first bad row's own error comes from building them one by one


def _each_distinct(column: pa.Array, build: Callable[[Any], Any]) -> list[Any]:
    """``build`` of each row's value (``None`` for a null), called once per distinct value."""
    encoded = column if pa.types.is_dictionary(column.type) else column.dictionary_encode()
    indices = encoded.indices.to_pylist()
    used = pc.unique(encoded.indices).drop_null().to_pylist()  # not a dictionary's unused texts
    texts = encoded.dictionary.to_pylist()
    built: dict[int | None, Any] = {index: build(texts[index]) for index in used}
    built[None] = None
    return list(map(built.__getitem__, indices))


_EPOCH: Final = dt.date(1970, 1, 1).toordinal()


def _period_of_days(key: int) -> Period:
    """The period of a key ``start << 32 | end``, both in days since 1970-01-01 (date32)."""
    start, end = divmod(key, 1 << 32)
    return Period(dt.date.fromordinal(_EPOCH + start), dt.date.fromordinal(_EPOCH + end))


def _known_currency(code: str) -> str:
    """The code when it is an ISO 4217 code as written, else the error ``Money`` raises."""
    if validate_currency(code) != code:  # Money(..., " cny ") would read it as CNY: one by one
        raise InvalidRecordError(code, "expected a currency code as written")
    return code


def _growth_of_text(text: str) -> Growth:
    return Growth(Decimal(text))


def _monies_of(
    values: pa.Array, exponents: pa.Array, codes: list[str]
) -> list[Money | None] | None:
    """Each row's Money (``None`` for a null amount), or ``None`` when one needs ``_money``.

    An amount's text is Arrow's text of it at the scale its exponent gives (a safe cast, which
    refuses to lose a digit), which ``Decimal`` reads back exactly, with that exponent.
    """
    present = pc.is_valid(values)
    written = pc.unique(exponents.filter(present)).to_pylist()
    if any(exponent is None or not -_DIGITS <= exponent <= 0 for exponent in written):
        return None  # a positive exponent (1E+3) has no decimal128 scale: one by one
    if len(written) == 1 and not values.null_count:  # every row at one exponent: no scatter
        texts = values.cast(pa.decimal128(38, -written[0])).cast(pa.string()).to_pylist()
        return list(_schemas._monies(texts, codes))  # noqa: SLF001
    found: list[Money | None] = [None] * len(values)
    for exponent in written:
        rows = pc.and_(pc.equal(exponents, _arrays.number(exponent)), present)
        texts = values.filter(rows).cast(pa.decimal128(38, -exponent)).cast(pa.string())
        where = pc.indices_nonzero(rows).to_pylist()
        monies = _schemas._monies(texts.to_pylist(), map(codes.__getitem__, where))  # noqa: SLF001
        _consume(map(found.__setitem__, where, monies))
    return found


#: The digits of a decimal128: the finest exponent an amount's text is cast to.
_DIGITS: Final = 38


def _located(error: LittleGiantsError, where: SourceLocation) -> LittleGiantsError:
    """The error, placed: its location's missing parts filled from ``where``.

    An error with no place of its own (a record's checks know no file) gets ``where``; one
    that knows its row but not its file gets the file. Errors that carry no location are
    returned as they are.
    """
    if not hasattr(error, "location"):
        return error
    known: SourceLocation | None = error.location
    if known is None:
        error.location = where
    elif known.path is None and where.path is not None:
        error.location = attrs.evolve(known, path=where.path)
    return error


def _enterprise(name: str, code: str | None, region: str | None) -> Enterprise:
    firm = Enterprise(name, credit_code=code)
    if (firm.region.code if firm.region is not None else None) == region:
        return firm
    return Enterprise(name, credit_code=code, region=region)


def _as_table(data: pa.RecordBatch | pa.Table) -> pa.Table:
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data])
    if isinstance(data, pa.Table):
        return data
    raise InvalidRecordError(data, "expected a pyarrow RecordBatch or Table")


# -- checking a batch -----------------------------------------------------------------------------


def check_batch(
    batch: pa.RecordBatch | pa.Table,
    *,
    path: str = "<batch>",
    currency: str | None = None,
    as_of: dt.date | None = None,
    first_line: int = 2,
) -> CheckedBatch:
    """Check a batch of text columns named as a trade file's header; see the module docstring.

    Args:
        batch: the rows, one string column per header cell, in the file's order.
        path: the file the rows come from, for the problems.
        currency: the currency of amounts that name none (as ``load_trade_records``).
        as_of: refuse periods ending after this day (as ``load_trade_records``).
        first_line: the line of the batch's first row (2 for a file's first row, after its
            header); row ``i`` is on line ``first_line + i``.

    Returns:
        The good rows as a batch of :data:`TRADE_SCHEMA` and the rejected rows.

    Raises:
        LoadError: the header does not fit a trade file, or a row holds an amount that a
            TradeTable cannot hold exactly (a digit finer than ``1E-7``).
        FloatAmountError: a column holds floats: money is never a float.
    """
    table = _as_table(batch)
    _refuse_floats(table, path)
    code = None if currency is None else validate_currency(currency)
    checker = _Checker(path, table.column_names, currency=code, as_of=as_of)
    if checker.fatal is not None:
        raise LoadError(path, checker.fatal.problems)
    good, rejected, limits = checker.check_table(table, first_line)
    if limits:
        raise _limit(limits[0])
    typed = good.drop_columns(["enterprise"]).combine_chunks()
    batches = typed.to_batches()
    return CheckedBatch(batches[0] if batches else _empty_batch(), tuple(rejected))


def text_column(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    """A column as text, nulls as empty cells (what a file's reader gives for an empty cell).

    A dictionary column (a Parquet file's text read as one, a polars ``Categorical``) stays a
    dictionary, whose distinct texts are what the checks read: its values become text, and its
    nulls, or null values, an empty text.
    """
    if isinstance(column, pa.ChunkedArray):
        if pa.types.is_dictionary(column.type) and column.num_chunks > 1:
            column = pa.table({"column": column}).unify_dictionaries()["column"]
        column = column.combine_chunks()
    if not pa.types.is_dictionary(column.type):
        column = column if column.type == pa.string() else _as_text(column)
        return column if not column.null_count else pc.coalesce(column, _arrays.text(""))
    texts, indices = column.dictionary, column.indices
    if texts.type == pa.string() and not texts.null_count and not indices.null_count:
        return column
    texts = pc.coalesce(_as_text(texts), _arrays.text(""))
    if indices.null_count:
        indices = pc.fill_null(pc.cast(indices, pa.int32()), _arrays.scalar(len(texts), pa.int32()))
        texts = pa.concat_arrays([texts, _arrays.array([""], pa.string())])
    return pa.DictionaryArray.from_arrays(indices, texts)


def _as_text(values: pa.Array) -> pa.Array:
    """Values as text (``pc.cast``), a decimal written out in full as a file writes one.

    Arrow writes a decimal in scientific notation where its exponent is negative and below
    -6 once adjusted, or positive: a zero of scale 7 (a ``decimal128(38, 7)`` column, what
    polars' ``Decimal(38, 7)`` gives) as ``0E-7``, ``0.0000001`` at scale 10 as ``1.000E-7``,
    12300 at scale -2 as ``1.23E+4``. No reader takes that as an amount (the loader read
    ``E-7`` as a currency code it does not know), so such values are written out with their
    places (``0.0000000``, ``0.0000001000``, ``12300``); the others keep Arrow's text, which is
    the same.
    """
    texts = pc.cast(values, pa.string())
    if not pa.types.is_decimal(values.type):
        return texts
    marked = pc.fill_null(pc.match_substring(texts, "E"), _FALSE)
    if not pc.any(marked).as_py():
        return texts
    written = [format(value, "f") for value in values.filter(marked).to_pylist()]
    return pc.replace_with_mask(texts, marked, _arrays.array(written, pa.string()))


def _refuse_floats(table: pa.Table, path: str) -> None:
    """Refuse a column of floats, naming its first value: money is never a float."""
    for name, column in zip(table.column_names, table.columns, strict=True):
        if pa.types.is_floating(column.type):
            first = next((v for v in column.to_pylist() if v is not None), 0.0)
            raise FloatAmountError(first, SourceLocation(path, None, name))


# -- summarising a batch --------------------------------------------------------------------------


def merge_summaries(summaries: Iterable[TradeSummary]) -> TradeSummary:
    """Add summaries of disjoint sets of records: exact and associative (``TradeSummary + ...``).

    Raises:
        InvalidRecordError: no summaries were given.
        CurrencyMismatchError: the summaries are in different currencies.
    """
    found = list(summaries)
    if not found:
        raise InvalidRecordError(found, "merge at least one summary")
    return functools.reduce(operator.add, found)


def summarize_batch(
    batch: pa.RecordBatch | pa.Table,
    *,
    currency: str,
    rates: RateTable | None = None,
    by: str | Callable[[TradeRecord], str] | None = None,
) -> TradeSummary:
    """Summarise a batch of :data:`TRADE_SCHEMA` exactly as ``summarize`` its records.

    Args:
        batch: the records.
        currency: the currency of the summary.
        rates: exchange rates, as for ``summarize``.
        by: ``"region"``, ``"enterprise"`` or a function of a record (read per record, at the
            object path's speed); ``"level"`` needs the enterprises' designations, which a
            batch does not carry: summarise a ``TradeTable`` built from records instead.

    Raises:
        InvalidRecordError: ``by="level"``, or as ``summarize``.
        CurrencyMismatchError: as ``summarize``.
        RateNotFoundError: as ``summarize``.
    """
    if by == "level":
        raise InvalidRecordError(
            by,
            "a record batch carries no designations, so it cannot be grouped by level: build a "
            "TradeTable from records whose enterprises carry them (TradeTable.from_records)",
        )
    table = _as_table(batch)

    def exact() -> TradeSummary:
        return summarize(list(records_of(table)), currency=currency, rates=rates, by=by)

    if callable(by):
        return exact()
    keys = _keys(table, by) if by is not None else None
    return summary_of(table, currency=currency, rates=rates, keys=keys, exact=exact)


def _keys(table: pa.Table, by: object) -> pa.Array | None:
    """Each record's group (a dictionary column), for the named groupings a batch can give."""
    if by == "enterprise":
        return _dictionary(*_key_codes(table))
    if by == "region":
        codes, texts = _codes(table["region"])
        return _dictionary(
            pc.fill_null(codes, _arrays.scalar(len(texts), codes.type)), [*texts, "unknown"]
        )
    return None  # summarize itself refuses anything else (through the exact path)


class _Cell:
    """The running totals of one (group, flow) cell, or of a group, a flow or everything."""

    __slots__ = ("count", "growth", "keys", "missing", "prior", "total")

    def __init__(self) -> None:
        self.total = Decimal(0)
        self.prior = Decimal(0)
        self.count = 0
        self.missing = 0
        self.keys: set[str] = set()
        #: The code of the growth every record states (-1: none), :data:`_MIXED`, or ``None``
        #: before the first record.
        self.growth: int | None = None

    def state(self, growth: int) -> None:
        """Note records that all state the growth of code ``growth`` (or :data:`_MIXED`)."""
        if self.growth is None:
            self.growth = growth
        elif self.growth != growth:
            self.growth = _MIXED


#: The growth code of a cell whose records state different growths.
_MIXED: Final = -2


def summary_of(
    table: pa.Table,
    *,
    currency: str,
    rates: RateTable | None,
    keys: pa.Array | None,
    exact: Callable[[], TradeSummary],
) -> TradeSummary:
    """The summary of a table of :data:`TRADE_SCHEMA` grouped by ``keys`` (text per row).

    Whenever the vectorised sums cannot vouch for a result bit for bit (a rate not found,
    amounts near the bounds, a grouping that is not one of the named ones), ``exact()`` is the
    answer: ``summarize`` on the records, which raises the very error the object path raises.
    """
    if rates is not None and not isinstance(rates, RateTable):
        raise InvalidRecordError(rates, "rates must be a RateTable, or None")
    target = validate_currency(currency)
    if table.num_rows == 0 or (keys is not None and keys.null_count):
        return exact()
    found = _Sums(table, target, rates, keys).summary()
    return exact() if found is None else found


def _codes(column: pa.Array | pa.ChunkedArray) -> tuple[pa.Array, list[Any]]:
    """Each row's code (``int32``, null where the row's value is) and the distinct values.

    A dictionary column gives its indices (its dictionary made distinct first); another is
    dictionary-encoded. ``values[code]`` is the row's value.
    """
    if isinstance(column, pa.ChunkedArray):
        if pa.types.is_dictionary(column.type) and column.num_chunks > 1:
            column = pa.table({"column": column}).unify_dictionaries()["column"]
        column = column.combine_chunks()
    if not pa.types.is_dictionary(column.type):
        column = pc.dictionary_encode(column)
    values = column.dictionary.to_pylist()
    indices = pc.cast(column.indices, pa.int32())
    distinct = list(dict.fromkeys(values))
    if len(distinct) != len(values):
        where = {value: i for i, value in enumerate(distinct)}
        indices = pc.take(_arrays.array([where[value] for value in values], pa.int32()), indices)
    return indices, distinct


def _dictionary(codes: pa.Array, texts: Sequence[str]) -> pa.DictionaryArray:
    """A dictionary column of texts from codes (as :func:`_codes` gives them)."""
    return pa.DictionaryArray.from_arrays(
        pc.cast(codes, pa.int32()), _arrays.array(texts, pa.string())
    )


def _key_codes(table: pa.Table) -> tuple[pa.Array, list[str]]:
    """Each record's enterprise key (its credit code, else its name: ``Enterprise.key``)."""
    names, name_texts = _codes(table["name"])
    codes, code_texts = _codes(table["credit_code"])
    pair = pc.add(
        pc.multiply(
            pc.cast(pc.fill_null(codes, _arrays.scalar(-1, codes.type)), pa.int64()),
            _arrays.number(len(name_texts)),
        ),
        names,
    )
    pairs, distinct = _codes(pair)
    keys = [
        code_texts[pair // len(name_texts)] if pair >= 0 else name_texts[pair % len(name_texts)]
        for pair in distinct
    ]
    texts = list(dict.fromkeys(keys))
    where = {text: i for i, text in enumerate(texts)}
    return pc.take(_arrays.array([where[key] for key in keys], pa.int32()), pairs), texts


def _period_codes(table: pa.Table) -> tuple[pa.Array, list[tuple[dt.date, dt.date | None]]]:
    """Each record's period code, and each period's end and the end of its prior year."""
    starts = pc.add(
        pc.cast(pc.cast(table["period_start"], pa.int32()), pa.int64()), _arrays.number(_DAY_OFFSET)
    )
    ends = pc.add(
        pc.cast(pc.cast(table["period_end"], pa.int32()), pa.int64()), _arrays.number(_DAY_OFFSET)
    )
    codes, pairs = _codes(pc.add(pc.multiply(starts, _arrays.number(1 << 22)), ends))
    epoch = dt.date(1970, 1, 1)
    found: list[tuple[dt.date, dt.date | None]] = []
    for pair in pairs:
        start = epoch + dt.timedelta(days=(pair >> 22) - _DAY_OFFSET)
        end = epoch + dt.timedelta(days=(pair & ((1 << 22) - 1)) - _DAY_OFFSET)
        try:
            found.append((end, Period(start, end).previous_year().end))
        except LittleGiantsError:
            found.append((end, None))
    return codes, found


class _Factor(NamedTuple):
    """What an amount of a (currency, date) pair is multiplied by: ``None`` for the identity."""

    rate: Decimal | None


_IDENTITY: Final = _Factor(None)


class _Sums:
    """The vectorised sums behind :func:`summary_of` (``summary()`` is ``None`` when unsure).

    Every row gets integer codes: its group and flow (``cell``), its currency and period
    (``pair``), its growth. Arrow adds the rows up per (cell, pair); the rate of each pair is
    looked up once, and the sums of the pairs sharing a rate are added up per cell before the
    one multiplication by it, exactly (the rate distributes over the sum), so Python touches
    a few numbers per cell and rate, never a number per row.
    """

    def __init__(
        self, table: pa.Table, target: str, rates: RateTable | None, keys: pa.Array | None
    ) -> None:
        self.target = target
        self.rates = rates
        self.grouped = keys is not None
        count = table.num_rows
        if keys is None:
            groups, self.groups = pa.repeat(_arrays.scalar(0, pa.int32()), count), [None]
        else:
            groups, self.groups = _codes(keys)
        flows, self.flows = _codes(table["flow"])
        currencies, self.currencies = _codes(table["currency"])
        periods, self.periods = _period_codes(table)
        growths, self.growths = _codes(table["growth"])
        self.enterprises, self.keys = _key_codes(table)
        # Codes of a few hundred values fit 32 bits (checked); codes of codes take 64.
        self.cell = pc.add_checked(
            pc.multiply_checked(groups, _arrays.number(len(self.flows))), flows
        )
        self.pair_count = len(self.currencies) * len(self.periods)
        pair = pc.add_checked(
            pc.multiply_checked(currencies, _arrays.number(len(self.periods))), periods
        )
        self.table = pa.table(
            {
                "code": pc.add(
                    pc.multiply(pc.cast(self.cell, pa.int64()), _arrays.number(self.pair_count)),
                    pair,
                ),
                "value": table["value"],
                "value_exponent": table["value_exponent"],
                "previous": table["previous"],
                "previous_exponent": table["previous_exponent"],
                "growth": pc.fill_null(growths, _arrays.scalar(-1, growths.type)),
                "lacking": pc.cast(  # summed as int64 by the aggregation
                    pc.and_(pc.is_null(table["previous"]), pc.is_null(table["growth"])), pa.int8()
                ),
            }
        )
        self._rate_cache: dict[tuple[str, dt.date], ExchangeRate | None] = {}

    def rate(self, code: str, on: dt.date) -> ExchangeRate | None:
        """The rate of a (currency, date) pair, or ``None`` when summarize would raise."""
        key = (code, on)
        if key not in self._rate_cache:
            found = None
            if self.rates is not None:
                try:
                    found = self.rates.rate(code, self.target, on=on)
                except LittleGiantsError:
                    found = None
            self._rate_cache[key] = found
        return self._rate_cache[key]

    def factor(self, code: str, on: dt.date, largest: Decimal, finest: int) -> _Factor | None:
        """What amounts of a pair are multiplied by, or ``None`` when an item could fail.

        ``largest`` bounds the pair's amounts and ``finest`` their finest digit's exponent.
        """
        if code == self.target:
            return _IDENTITY
        rate = self.rate(code, on)
        if rate is None:
            return None
        factor = rate.rate
        if EXACT.multiply(largest, factor) >= _LIMIT or finest + _exponent(factor) < MIN_EXPONENT:
            return None
        return _Factor(factor)

    def split(self, codes: pa.Array | pa.ChunkedArray) -> tuple[pa.Array, pa.Array]:
        """Each row code's (group, flow) cell and (currency, period) pair (``code`` above)."""
        count = _arrays.number(self.pair_count)
        cell = pc.divide(codes, count)
        return cell, pc.subtract(codes, pc.multiply(cell, count))

    def place(self, cell: int) -> tuple[tuple[str | None, str | None], ...]:
        """The cells a (group, flow) code adds to."""
        flow = self.flows[cell % len(self.flows)]
        return _places(self.groups[cell // len(self.flows)], flow, grouped=self.grouped)

    def summary(self) -> TradeSummary | None:
        if any(prior is None for _, prior in self.periods):
            return None
        table = self.table
        highest = [pc.max(table[name]).as_py() for name in ("value", "previous")]
        found = [amount for amount in highest if amount is not None]
        if not found or EXACT.multiply(max(found), Decimal(len(table))) >= _LIMIT:
            return None
        sums = _arrays.group_by(
            table,
            "code",
            [
                ("value", "sum"),
                ("value", "max"),
                ("value", "count"),
                ("value_exponent", "min"),
                ("previous", "sum"),
                ("previous", "max"),
                ("previous", "count"),
                ("previous_exponent", "min"),
                ("lacking", "sum"),
                ("growth", "min"),
                ("growth", "max"),
            ],
        )
        cell, pair = self.split(sums["code"])
        sums = sums.append_column("cell", cell).append_column("pair", pair)
        cells: dict[tuple[str | None, str | None], _Cell] = {}
        by_cell = _arrays.group_by(
            sums,
            "cell",
            [
                ("value_count", "sum"),
                ("lacking_sum", "sum"),
                ("growth_min", "min"),
                ("growth_max", "max"),
            ],
        )
        for row in by_cell.to_pylist():
            low, high = row["growth_min_min"], row["growth_max_max"]
            for place in self.place(row["cell"]):
                found_cell = cells.setdefault(place, _Cell())
                found_cell.count += row["value_count_sum"]
                found_cell.missing += row["lacking_sum_sum"]
                found_cell.state(low if low == high else _MIXED)
        if not self.add(sums, "value", cells) or not self.add(sums, "previous", cells):
            return None
        self.distinct(cells)
        if not self.implied(cells):
            return None
        return self.build(cells)

    def add(
        self, sums: pa.Table, column: str, cells: dict[tuple[str | None, str | None], _Cell]
    ) -> bool:
        """Add the converted sums of ``column`` to the cells; ``False`` when one could fail."""
        sums = sums.filter(pc.greater(sums[f"{column}_count"], _arrays.number(0)))
        if not len(sums):
            return True
        factors: dict[_Factor, int] = {}
        chosen: list[int] = []
        by_pair = _arrays.group_by(
            sums, "pair", [(f"{column}_max", "max"), (f"{column}_exponent_min", "min")]
        )
        for row in by_pair.to_pylist():
            pair = row["pair"]
            end, prior = self.periods[pair % len(self.periods)]
            on = end if column == "value" else prior
            code = self.currencies[pair // len(self.periods)]
            largest, finest = row[f"{column}_max_max"], row[f"{column}_exponent_min_min"]
            factor = self.factor(code, cast("dt.date", on), largest, finest)
            if factor is None:
                return False
            chosen.extend((pair, factors.setdefault(factor, len(factors))))
        pairs = _arrays.array(chosen[0::2], pa.int64())
        numbers = _arrays.array(chosen[1::2], pa.int64())
        which = pc.take(numbers, pc.index_in(sums["pair"], pairs))
        key = pc.add(pc.multiply(sums["cell"], _arrays.number(len(factors))), which)
        totals = _arrays.group_by(
            sums.append_column("key", key),
            "key",
            [(f"{column}_sum", "sum"), (f"{column}_exponent_min", "min")],
        )
        listed = list(factors)
        for row in totals.to_pylist():
            exponent = row[f"{column}_exponent_min_min"]
            amount = row[f"{column}_sum_sum"].quantize(_quantum(exponent), context=EXACT)
            rate = listed[row["key"] % len(factors)].rate
            converted = amount if rate is None else EXACT.multiply(amount, rate)
            for place in self.place(row["key"] // len(factors)):
                found = cells[place]
                if column == "value":
                    found.total = EXACT.add(found.total, converted)
                else:
                    found.prior = EXACT.add(found.prior, converted)
        return True

    def distinct(self, cells: dict[tuple[str | None, str | None], _Cell]) -> None:
        """Note each cell's distinct enterprise keys."""
        keys = self.keys
        pairs = pc.unique(
            pc.add(
                pc.multiply(pc.cast(self.cell, pa.int64()), _arrays.number(len(keys))),
                self.enterprises,
            )
        )
        for pair in pairs.to_pylist():
            key = keys[pair % len(keys)]
            for place in self.place(pair // len(keys)):
                cells[place].keys.add(key)

    def implied(self, cells: dict[tuple[str | None, str | None], _Cell]) -> bool:
        """Add the prior-year values implied by growths; ``False`` when one could fail.

        Each is computed exactly as ``TradeRecord.previous`` does (``previous_of``), but only
        for the cells that need the sum (no record missing a prior-year value); for the others
        a bound proves that converting them cannot fail, as the object path converts them all.
        """
        table = self.table
        # Only the columns an implied value is computed from are copied (a third of the rows
        # of a customs extract state a growth alone: every column's copy was the summary's peak).
        implied = table.select(["code", "value", "value_exponent", "growth"]).filter(
            pc.and_(
                pc.is_null(table["previous"]), pc.not_equal(table["growth"], _arrays.number(-1))
            )
        )
        if not len(implied):
            return True
        if not self.bounded(implied):
            return False
        if cells[(None, None)].missing:
            implied = self.needed(implied, cells)
        growths: dict[int, Growth] = {}
        for row in implied.select(["code", "value", "value_exponent", "growth"]).to_pylist():
            growth = growths.get(row["growth"])
            if growth is None:
                growth = growths[row["growth"]] = Growth(Decimal(self.growths[row["growth"]]))
            pair = row["code"] % self.pair_count
            code = self.currencies[pair // len(self.periods)]
            prior_end = cast("dt.date", self.periods[pair % len(self.periods)][1])
            value = _money(row["value"], row["value_exponent"], code)
            try:
                prior = growth.previous_of(value)
            except LittleGiantsError:
                return False
            amount = prior.amount
            factor = self.factor(code, prior_end, amount, _exponent(amount))
            if factor is None:
                return False
            converted = amount if factor.rate is None else EXACT.multiply(amount, factor.rate)
            for place in self.place(row["code"] // self.pair_count):
                found = cells[place]
                if found.missing == 0:
                    found.prior = EXACT.add(found.prior, converted)
        return True

    def needed(
        self, implied: pa.Table, cells: dict[tuple[str | None, str | None], _Cell]
    ) -> pa.Table:
        """The rows of ``implied`` in a cell with no record missing a prior-year value."""
        complete = {place for place, found in cells.items() if found.missing == 0}
        if not complete:
            return implied.slice(0, 0)
        chosen = [
            cell
            for cell in range(len(self.groups) * len(self.flows))
            if any(place in complete for place in self.place(cell))
        ]
        cell, _ = self.split(implied["code"])
        return implied.filter(pc.is_in(cell, _arrays.array(chosen, pa.int64())))

    def bounded(self, implied: pa.Table) -> bool:
        """Whether no implied prior-year value can fail to be computed or converted.

        A bound per growth (the largest quotient, the finest digit) is checked against the
        rate of every (currency, prior-year end) pair of the rows.
        """
        stats = _arrays.group_by(
            implied, "growth", [("value", "max"), ("value", "count"), ("value_exponent", "min")]
        )
        positive = implied.filter(pc.greater(implied["value"], _arrays.scalar(Decimal(0), AMOUNT)))
        smallest = {
            row["growth"]: row["value_min"]
            for row in _arrays.group_by(positive, "growth", [("value", "min")]).to_pylist()
        }
        total = Decimal(0)
        largest_of_all = Decimal(0)
        finest_of_all = 0
        for row in stats.to_pylist():
            factor = EXACT.add(Decimal(self.growths[row["growth"]]), Decimal(1))
            if factor <= 0:
                return False
            # Each quotient is below (largest / factor) * 1.001, and has 34 significant digits
            # (so none finer than its leading digit less 33) or is exact (none finer than the
            # value's own); never finer than 1E-64 (bounded_quotient).
            largest = EXACT.multiply(DIVISION.divide(row["value_max"], factor), Decimal("1.001"))
            finest = row["value_exponent_min"]
            low = smallest.get(row["growth"])
            if low is not None:
                finest = min(finest, DIVISION.divide(low, factor).adjusted() - 34)
            if largest >= _LIMIT:
                return False
            largest_of_all = max(largest_of_all, largest)
            finest_of_all = min(finest_of_all, max(finest, MIN_EXPONENT))
            total = EXACT.add(total, EXACT.multiply(largest, Decimal(row["value_count"])))
        if total >= _LIMIT:
            return False
        for pair in pc.unique(self.split(implied["code"])[1]).to_pylist():
            code = self.currencies[pair // len(self.periods)]
            prior_end = cast("dt.date", self.periods[pair % len(self.periods)][1])
            if self.factor(code, prior_end, largest_of_all, finest_of_all) is None:
                return False
        return True

    def build(self, cells: dict[tuple[str | None, str | None], _Cell]) -> TradeSummary | None:
        """The summary of the cells (``None`` when a total is beyond the bounds)."""
        for cell in cells.values():
            if (
                cell.total.adjusted() > MAX_ADJUSTED_EXPONENT
                or cell.prior.adjusted() > MAX_ADJUSTED_EXPONENT
            ):
                return None
        target = self.target
        growths: dict[int, Growth] = {}

        def stated(code: int | None) -> Growth | None:
            if code is None or code < 0:
                return None
            if code not in growths:
                growths[code] = Growth(Decimal(self.growths[code]))
            return growths[code]

        def flow_summary(flow: str | None, cell: _Cell) -> FlowSummary:
            return FlowSummary(
                flow=None if flow is None else TradeFlow(flow),
                total=Money(cell.total, target),
                previous_total=Money(cell.prior, target) if cell.missing == 0 else None,
                record_count=cell.count,
                missing_previous=cell.missing,
                enterprise_keys=frozenset(cell.keys),
                stated_growth=stated(cell.growth),
            )

        def summary_for(group: str | None) -> TradeSummary:
            flows = [
                flow_summary(flow, cells[(group, flow)])
                for flow in ("import", "export")
                if (group, flow) in cells
            ]
            return TradeSummary(
                currency=target,
                overall=flow_summary(None, cells[(group, None)]),
                flows=tuple(flows),
            )

        result = summary_for(None)
        if not self.grouped:
            return result
        groups = sorted({group for group, _ in cells if group is not None})
        return attrs.evolve(result, groups=tuple((group, summary_for(group)) for group in groups))


def _places(
    group: str | None, flow: str, *, grouped: bool
) -> tuple[tuple[str | None, str | None], ...]:
    """The cells a row adds to: everything and its flow, and its group and group's flow."""
    if grouped:
        return ((None, None), (None, flow), (group, None), (group, flow))
    return ((None, None), (None, flow))


#: Days from 1970-01-01 back to 0001-01-01 and beyond: day numbers plus this are not negative.
_DAY_OFFSET: Final = 800_000
