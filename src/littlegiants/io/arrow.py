r"""TradeTable: trade records on Apache Arrow, with the loader's checks and summarize's results.

A province's little giants over a few years is millions of trade rows; a ``TradeRecord`` per row
costs about ten microseconds and a few hundred bytes. A :class:`TradeTable` keeps the same
records as Arrow columns, with exact ``decimal128(38, 7)`` amounts (never a float), and gives the
answers of the object path:

- **the same records**: :meth:`TradeTable.read_csv` accepts exactly the rows
  :func:`~littlegiants.loader.load_trade_records` accepts, with the same values, and rejects the
  others with the same located problems (file, line, column, value, message);
  ``rows_read == len(table) + len(rejected)``. Each distinct enterprise, period, flow,
  currency, growth and source is read once by the library's own readers; any row a check
  refuses, or that is not plain, is read again by the loader's own row reader (see
  :mod:`littlegiants.io.batches`);
- **the same summary**: :meth:`TradeTable.summarize` equals
  :func:`~littlegiants.trade.summarize` on the records, bit for bit, and raises the same error
  for a missing rate;
- **the records back**: :meth:`TradeTable.to_records` yields ``TradeRecord`` objects equal to
  those the table was built from (their enterprises too).

:meth:`TradeTable.scan_csv` and :meth:`TradeTable.scan_parquet` stream a file larger than memory
through the same checks into a summary; the CSV and Parquet readers also take a folder, read as
a dataset (a year of monthly files; a dataset in ``KEY=VALUE`` partition folders, see
:mod:`littlegiants.io.datasets`); :meth:`TradeTable.concat` makes one table of several;
:meth:`TradeTable.from_arrow` and :meth:`TradeTable.from_polars` check data already in memory as
a file's rows.

Reading a CSV file takes Arrow's multi-threaded reader when the file is plain (UTF-8, no quote
characters, no blank lines) and the loader's own reader otherwise, so the answer is the
same either way; only the speed differs (``docs/howto/trade-at-scale.md``).

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "trade.csv"
>>> _ = path.write_text(
...     "企业名称,期间,进出口,金额,币种,同比\n"
...     "Hosin Global,2022-01..2022-10,进口,99200000.00,USD,59%\n"
...     "Hosin Global,2022-01..2022-10,出口,27590000.00,USD,109%\n"
...     "Hosin Global,2022-13,出口,1.00,USD,\n",
...     encoding="utf-8",
... )
>>> table = TradeTable.read_csv(path, errors="collect")
>>> len(table), table.rows_read, [problem.line for problem in table.problems]
(2, 3, [4])
>>> table.summarize(currency="USD").total
Money('126790000.00', 'USD')
>>> [record.value for record in table.to_records()]
[Money('99200000.00', 'USD'), Money('27590000.00', 'USD')]
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import mmap
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, Self, TypeVar, cast

from littlegiants.errors import InvalidRecordError, LittleGiantsError, Reason, SourceLocation
from littlegiants.io import _PURPOSE
from littlegiants.io import batches as _batches
from littlegiants.io import kinds as _schemas
from littlegiants.io import tables as _tables
from littlegiants.io.batches import TRADE_SCHEMA, _Checker, _Unplain
from littlegiants.io.datasets import DatasetFiles, dataset_files
from littlegiants.io.loader import (
    MAX_PROBLEMS,
    LoadError,
    LoadFileError,
    LoadProblem,
    MissingExtraError,
    RejectedRow,
    _Bad,
    _capped,
    _check,
    _check_arguments,
    _file_error,
    _is_folder,
    _named_cells,
    _regular_file,
    load_trade_records,
)
from littlegiants.money import validate_currency
from littlegiants.trade import TradeRecord, TradeSummary, summarize
from littlegiants.translations import N_

try:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pv
except ImportError as exc:  # pragma: no cover - the tests without the extra run in a subprocess
    raise MissingExtraError("arrow", "pyarrow", _PURPOSE) from exc

from littlegiants import _arrays  # needs pyarrow: after the check above

if TYPE_CHECKING:
    from littlegiants.enterprise import Enterprise
    from littlegiants.fx import RateTable

__all__ = ["TradeScan", "TradeTable"]

Errors = Literal["strict", "collect"]
_S = TypeVar("_S")
GroupBy = str | Callable[[TradeRecord], str]

#: Rows the loader's reader hands over at a time (the slow path, for files that are not plain).
_CHUNK_ROWS: Final = 65_536
#: Bytes of a CSV file parsed at a time by :meth:`TradeTable.scan_csv`.
SCAN_BLOCK: Final = 16 << 20
#: Rows of a Parquet file read at a time by :meth:`TradeTable.scan_parquet`.
SCAN_ROWS: Final = 131_072
#: Bytes of a CSV file in each block :meth:`TradeTable.read_csv` checks: Arrow parses every
#: block on its threads, then the blocks are checked one by one, each block's text let go of
#: once checked (a block's rows are checked in one go, so the Python work is per block).
READ_BLOCK: Final = 8 << 20
_TEXT: Final = pa.dictionary(pa.int32(), pa.string())
_AMOUNT_COLUMNS: Final = frozenset({"value", "previous"})
#: Rows of Arrow data (a Parquet file, ``from_arrow``) checked at a time, about a CSV block's.
_ARROW_PART_ROWS: Final = 262_144


class _Part:
    """The outcome of reading some rows: the good ones, the rejected ones, the problems."""

    __slots__ = ("limits", "rejected", "table")

    def __init__(
        self, table: pa.Table, rejected: list[RejectedRow], limits: list[LoadProblem]
    ) -> None:
        self.table = table
        self.rejected = rejected
        self.limits = limits


class _Ahead:
    """A thread that parses a dataset's next CSV file while the file before it is checked.

    (A scan's file parses its next piece on one too, :func:`_parsed_pieces`.)

    Arrow parses a small file on one of its threads, so a folder of many small files left the
    second core idle while the first checked each file: parsing the next file meanwhile reads
    120 daily files of 1,000,000 rows in about 0.8 s instead of 1.15 s. Each file's reader holds
    its own parse (:meth:`_CsvFile.prefetch`) and lets go of it when it reads the file.
    """

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="littlegiants-ahead")

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Let the thread go; a parse it is still running is not waited for (nor used)."""
        self.pool.shutdown(wait=False, cancel_futures=True)

    def parse(self, path: Path, options: Mapping[str, Any]) -> Future[pa.Table]:
        """A CSV file parsed on the thread, with Arrow's ``options``."""
        return self.pool.submit(pv.read_csv, path, **options)


class _DataFile:
    """One trade file of a table or a scan, read in checked parts: a kind of file is a subclass.

    A kind gives :meth:`parts` (the file's rows, checked, a part at a time), :meth:`share` (how
    much of a scan's summarised part a table of its checked rows fills) and :meth:`read_ahead`
    (what it may start before its turn, while the file before it is checked).
    """

    def __init__(
        self,
        path: Path,
        *,
        currency: str | None,
        as_of: dt.date | None,
        partitions: Mapping[str, str] | None = None,
        known: _batches.Known | None = None,
    ) -> None:
        self.path = path
        self.name = str(path)
        self.currency = currency
        self.as_of = as_of
        self.partitions = dict(partitions or {})  # the cells its KEY=VALUE folders give each row
        self.known = known  # what a dataset's files share
        self.checker: _Checker | None = None  # the checker its rows were read with, once read

    def read_ahead(self, ahead: _Ahead) -> None:
        """Start, on ``ahead``'s thread, what can be done before the file's turn (else nothing)."""

    def share(self, table: pa.Table) -> float:
        """The share of a scan's part a table of the file's checked rows fills.

        Checked rows that fill a part (a share of 1 or more) are summarised together.
        """
        raise NotImplementedError

    def parts(self) -> Iterator[_Part]:
        """The file's rows, checked, a part at a time."""
        raise NotImplementedError


class _CsvFile(_DataFile):
    """Reads one trade CSV file in parts, fast when it is plain; see the module docstring.

    In a partitioned dataset, the cells its ``KEY=VALUE`` folders give follow each row's own
    (a column the file lacks), or must equal the file's own cells of that column; what is blank
    or ragged is decided on the file's own cells, as for the file read alone.
    """

    def __init__(
        self,
        path: Path,
        *,
        currency: str | None,
        as_of: dt.date | None,
        encoding: str,
        block: int,
        partitions: Mapping[str, str] | None = None,
        known: _batches.Known | None = None,
    ) -> None:
        super().__init__(path, currency=currency, as_of=as_of, partitions=partitions, known=known)
        self.encoding = encoding
        self.block = block
        #: The parse started ahead (:meth:`prefetch`), with the header it was started for.
        self._parsed: tuple[list[str], Future[pa.Table]] | None = None

    def read_ahead(self, ahead: _Ahead) -> None:
        """:meth:`prefetch`, when the file is no larger than a block (a scan's memory bound)."""
        try:
            small = self.path.stat().st_size <= self.block
        except OSError:  # reading it reports the error, in its turn
            return
        if small:
            self.prefetch(ahead)

    def prefetch(self, ahead: _Ahead) -> None:
        """Start parsing the file on ``ahead``'s thread, when it is plain (see :class:`_Ahead`).

        Nothing is reported here: reading the file finds the same problems, in its turn.
        """
        try:
            names = self._plain_header()
        except OSError:
            return
        if names is not None:
            self._parsed = (names, ahead.parse(self.path, self._options(names)))

    def _options(self, names: list[str], *, header: bool = True) -> dict[str, Any]:
        """Arrow's options for the file's rows: text as read, amounts apart (see ``_fast``).

        ``header``: the text parsed starts with the header line (the whole file), else with
        the first row (a piece of the file, :func:`_pieces`).
        """
        binding, _ = _schemas.bind(
            _schemas.KINDS["trade"], _partitioned_names(names, self.partitions)
        )
        types = {
            name: pa.string() if (column is not None and column.name in _AMOUNT_COLUMNS) else _TEXT
            for name, column in zip(names, binding.columns[: len(names)], strict=True)
        }
        generated = [f"c{i}" for i in range(len(names))]
        return {
            "read_options": pv.ReadOptions(
                skip_rows=1 if header else 0, column_names=generated, block_size=self.block
            ),
            "parse_options": pv.ParseOptions(quote_char=False, ignore_empty_lines=False),
            "convert_options": pv.ConvertOptions(
                column_types={g: types[n] for g, n in zip(generated, names, strict=True)},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        }

    def parts(self, *, whole: bool = False) -> Iterator[_Part]:
        """The file's parts; from the start with the loader's reader when the fast one cannot.

        ``whole``: Arrow parses every block of :attr:`block` bytes at once, on all its threads
        (the blocks are then checked one by one); else a block at a time (memory bounded by it).

        Raises:
            LoadError: a problem that stops the file (its header, bytes it cannot read).
            LoadFileError: the file cannot be read.
        """
        ahead, self._parsed = self._parsed, None  # taken now, whatever the reading finds
        try:
            header = self._plain_header()
            if header is not None:
                parsed = ahead[1] if ahead is not None and ahead[0] == header else None
                yield from self._fast(header, parsed, whole=whole)
                return
        except _Unplain:
            yield _Restart()  # the consumer drops what it took so far
        except OSError as exc:
            raise _file_error(self.path, exc) from exc
        yield from self._slow()

    def share(self, table: pa.Table) -> float:
        """The share of a part a table of checked rows fills: its bytes over a block's."""
        return float(table.nbytes / self.block)

    def _plain_header(self) -> list[str] | None:
        """The header when the file may be read fast: UTF-8, no quote, NUL or lone CR in it."""
        if self.encoding.replace("_", "-").lower() not in ("utf-8", "utf8"):
            return None
        with self.path.open("rb") as handle:
            line = handle.readline(_tables.MAX_CELL_CHARS)
        if not line.endswith(b"\n"):
            return None
        try:
            text = line.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            return None
        text = text.removesuffix("\n").removesuffix("\r")
        if any(mark in text for mark in ('"', "\x00", "\r")):
            return None
        names = text.split(",")
        binding, issues = _schemas.bind(
            _schemas.KINDS["trade"], _partitioned_names(names, self.partitions)
        )
        if issues or binding.units:
            return None
        return names

    def _fast(
        self, names: list[str], parsed: Future[pa.Table] | None, *, whole: bool
    ) -> Iterator[_Part]:
        """The file through Arrow's reader (``parsed``: its parse, started ahead)."""
        every = _partitioned_names(names, self.partitions)
        checker = self.checker = _Checker(
            self.name,
            every,
            currency=self.currency,
            as_of=self.as_of,
            fast_csv=True,
            known=self.known,
            from_folders=len(every) - len(names),
        )
        if _lone_carriage_return(self.path):  # Arrow would end a line there, the loader not
            raise _Unplain
        line = 2
        try:
            sources: Iterable[pa.RecordBatch]
            if parsed is not None or whole:  # every block at once, on all Arrow's threads
                if parsed is None:
                    table = pv.read_csv(self.path, **self._options(names))
                else:
                    table = parsed.result()
                batches = table.to_batches()
                batches.reverse()
                sources = _popped(batches)
            else:  # a block at a time: memory bounded by a few blocks
                sources = _parsed_pieces(self.path, self._options(names, header=False), self.block)
            pool = checker.pool = ThreadPoolExecutor(2)  # the amounts' threads, for every block
            try:
                for part in sources:
                    lines = range(line, line + part.num_rows)
                    columns = _partition_columns(
                        [_batches.text_column(column) for column in part.columns],
                        names,
                        self.partitions,
                        self.name,
                        lines,
                    )
                    yield _Part(*checker.check(columns, lines, shaped=True))
                    line += part.num_rows
            finally:
                checker.pool = None
                pool.shutdown()
        except (pa.ArrowInvalid, UnicodeDecodeError) as exc:  # ragged, blank or not UTF-8
            raise _Unplain from exc

    def _slow(self) -> Iterator[_Part]:
        """The file through the loader's own reader: exact for every file it can read."""
        kind = _schemas.KINDS["trade"]
        partitions = self.partitions

        def accept(names: list[str]) -> bool:
            return not _schemas.bind(kind, _partitioned_names(names, partitions))[1]

        rows = _tables.read_rows(
            self.path,
            "csv",
            encoding=self.encoding,
            accept_header=accept,
            tables=kind.tables,
            fast_slot=[None],
        )
        checker: _Checker | None = None
        own: list[str] = []  # the file's header
        extra: list[str] = []  # the cells its folders give every row, for keys it lacks
        held: list[list[str]] = []
        lines: list[int] = []
        try:
            for row in rows:
                state, line, cells, issues, _ = row
                if state == "header" or checker is None:
                    own = list(cells) if state == "header" else []
                    every = _partitioned_names(own, partitions)
                    extra = [partitions[key] for key in every[len(own) :]]
                    checker = self.checker = _Checker(
                        self.name,
                        every,
                        currency=self.currency,
                        as_of=self.as_of,
                        header=(state, line, every, *row[3:]) if state == "header" else row,
                        known=self.known,
                        from_folders=len(extra),
                    )
                    if checker.fatal is not None:
                        raise _Fatal(checker.fatal)
                    continue
                if state == "row" and not issues and len(cells) == len(own):
                    held.append(cells + extra)
                    lines.append(line)
                    if len(held) >= _CHUNK_ROWS:
                        yield self._held(checker, held, lines, own)
                        held, lines = [], []
                    continue
                if held:
                    yield self._held(checker, held, lines, own)
                    held, lines = [], []
                if state == "row" and extra:  # the file's cells as its header names them
                    named = _named(own, cells, checker.names[len(own) :], extra)
                    row = (state, line, named, *row[3:])  # noqa: PLW2901 - the same row, named
                found = checker.scanner.handle(row)
                if isinstance(found, _Bad) and found.fatal:
                    raise _Fatal(found)
                if isinstance(found, _Bad):
                    rejected = RejectedRow(
                        self.name, found.line, cells=found.cells, problems=found.problems
                    )
                    yield _Part(_batches._empty_table(), [rejected], [])  # noqa: SLF001
        except OSError as exc:
            raise _file_error(self.path, exc) from exc
        if checker is not None and held:
            yield self._held(checker, held, lines, own)

    def _held(
        self, checker: _Checker, held: list[list[str]], lines: list[int], own: list[str]
    ) -> _Part:
        """Check rows the loader's reader read (with their folders' cells), ``own`` the header."""
        columns = [_arrays.array(column, pa.string()) for column in zip(*held, strict=True)]
        _agree(columns[: len(own)], own, self.partitions, self.name, lines)
        return _Part(*checker.check(columns, lines, shaped=False))


def _pieces(path: Path, size: int) -> Iterator[pa.Buffer]:
    r"""The lines after a file's first, in pieces of whole lines of about ``size`` bytes.

    Each piece ends at a line feed but the file's last, which may not. A file without quotes
    is read by Arrow here, so a line feed always ends a row (a ``\r`` before it goes with it).

    Raises:
        _Unplain: a line is longer than ``size`` (as Arrow's own reader refuses a row longer
            than its block): the loader's reader reads the file, with its limits, rather than
            this one holding the line whatever its length.
    """
    with path.open("rb") as handle:
        handle.readline()  # the header, which the caller has read
        rest = b""
        while data := handle.read(size):
            if rest:
                data = rest + data
            cut = data.rfind(b"\n") + 1
            if not cut:
                raise _Unplain
            rest = data[cut:]
            yield pa.py_buffer(data).slice(0, cut)
        if rest:
            yield pa.py_buffer(rest)


def _parsed_pieces(path: Path, options: Mapping[str, Any], size: int) -> Iterator[pa.RecordBatch]:
    """The file's rows after its header, parsed a piece (:func:`_pieces`) at a time.

    The next piece is read and parsed on a thread while the caller checks the batches of the
    one before, and no further: memory holds two pieces and their parses (about seven
    blocks of Arrow's memory, measured), whatever the file's size.
    (Arrow's own streaming reader, ``pyarrow.csv.open_csv``, reads up to 32 blocks ahead of its
    reader, all of them at once in a file that size: a scan's 16 MiB blocks held 512 MiB.)
    """

    def parse(piece: pa.Buffer) -> pa.Table:
        return pv.read_csv(pa.BufferReader(piece), **options)

    with _Ahead() as ahead:
        started: Future[pa.Table] | None = None
        for piece in _pieces(path, size):
            after = ahead.pool.submit(parse, piece)
            del piece  # the thread holds it until parsed
            if started is not None:
                batches, started = _batches_of(started), None
                yield from _popped(batches)
            started = after
        if started is not None:
            batches, started = _batches_of(started), None
            yield from _popped(batches)


def _batches_of(parsed: Future[pa.Table]) -> list[pa.RecordBatch]:
    """A parse's record batches, last first (for :func:`_popped`), the table let go of."""
    batches: list[pa.RecordBatch] = parsed.result().to_batches()
    batches.reverse()
    return batches


def _next_started(sources: Sequence[_S], start: Callable[[_S], None]) -> Iterator[_S]:
    """Each source in turn, the one after it started first (parsed ahead, :class:`_Ahead`)."""
    for number, source in enumerate(sources):
        if number + 1 < len(sources):
            start(sources[number + 1])
        yield source


def _popped(batches: list[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The batches (given last first) in file order, each let go of once taken (then checked)."""
    while batches:
        yield batches.pop()


class _Restart(_Part):
    """Marks that the fast reader gave up: drop the parts taken so far, they come again."""

    def __init__(self) -> None:
        super().__init__(_batches._empty_table(), [], [])  # noqa: SLF001


class _Fatal(Exception):  # noqa: N818 - carries the loader's fatal row to the consumer
    def __init__(self, bad: _Bad) -> None:
        super().__init__(bad)
        self.bad = bad


def _lone_carriage_return(path: Path) -> bool:
    """Whether the file holds a carriage return that is not followed by a line feed.

    Arrow's reader ends a line at a lone carriage return, the loader's does not, so such a file
    is read by the loader's reader. RE2 searches the file without copying it, mapped into
    memory a window of :data:`_WINDOW` bytes at a time: a mapped page the search has read
    counts in the process's memory until it is unmapped, so the whole file mapped at once made
    a scan's peak the file's size.
    """
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        for start in range(0, size, _WINDOW):
            length = min(_WINDOW, size - start)
            with mmap.mmap(handle.fileno(), length, access=mmap.ACCESS_READ, offset=start) as data:
                if _lone_in(data):
                    return True
                ends_with_return = data[-1:] == b"\r"
            if ends_with_return:  # its line feed, if any, starts the next window
                handle.seek(start + length)
                if handle.read(1) != b"\n":
                    return True
    return False


#: Bytes of a file :func:`_lone_carriage_return` maps at a time (a whole number of pages).
_WINDOW: Final = 16 << 20


def _lone_in(data: mmap.mmap) -> bool:
    """Whether a carriage return in ``data`` is followed by a byte other than a line feed.

    A carriage return at its very end is not counted (what follows it is not in ``data``).
    """
    if data.find(b"\r") < 0:
        return False
    buffer = pa.py_buffer(data)
    try:
        ends = _arrays.array([0, len(data)], pa.int64()).buffers()[1]
        whole = pa.Array.from_buffers(pa.large_binary(), 1, [None, ends, buffer])
        found = pc.count_substring_regex(whole, "\r[^\n]")[0].as_py()
        del whole
    finally:
        buffer = None  # the map closes only once no buffer points into it
    return bool(found)


@contextlib.contextmanager
def _parquet_errors(file: Path) -> Iterator[None]:
    """Turn what pyarrow raises for a file it cannot read as Parquet into the loader's errors.

    Raises:
        LoadFileError: the system refused the file (missing, forbidden).
        LoadError: the bytes are not Parquet, or not a Parquet file pyarrow can read.
    """
    try:
        yield
    except OSError as exc:
        raise _file_error(file, exc) from exc
    except pa.ArrowException as exc:
        message = Reason(N_("it is not a Parquet file ({error})"), error=str(exc))
        raise LoadError(str(file), (LoadProblem(str(file), None, message=message),)) from None


def _dictionary_columns(schema: pa.Schema) -> list[str]:
    """The text columns of a trade Parquet file to read as dictionaries: all but the amounts.

    Parquet keeps text dictionary-encoded; read as a dictionary, a column gives its distinct
    texts, which are what the checks read (once each), without a string per row: 2-3x faster
    for a customs extract's file. The amounts are read per row, as text.
    """
    if _is_typed(schema.names):  # the table's own columns: the file says their types
        return []
    binding, issues = _schemas.bind(_schemas.KINDS["trade"], schema.names)
    if issues:  # the checks refuse the header: nothing will be read
        return []
    return [
        field.name
        for field, column in zip(schema, binding.columns, strict=True)
        if column is not None
        and column.name not in _AMOUNT_COLUMNS
        and (pa.types.is_string(field.type) or pa.types.is_large_string(field.type))
    ]


class _ParquetFile(_DataFile):
    """Reads one trade Parquet file in batches of rows, each checked as ``read_parquet`` checks.

    Text columns named as a trade file's header are checked as a CSV file's rows are (row 1 is
    line 1: Parquet has no header line); columns of :data:`TRADE_SCHEMA` record by record. Only
    one batch of rows is read into memory at a time (Parquet keeps the columns of a row group
    together, so a batch costs at most a row group's pages). Nothing is read ahead: pyarrow
    reads a Parquet file's row groups on its own threads, and is asked not to buffer their
    column chunks first (``pre_buffer``), as it kept them until the file was read: a scan's
    peak grew with the file (6,000,000 rows in six row groups: 129 MiB of Arrow's memory, 62
    without).
    """

    def __init__(
        self,
        path: Path,
        *,
        currency: str | None,
        as_of: dt.date | None,
        rows: int,
        partitions: Mapping[str, str] | None = None,
        known: _batches.Known | None = None,
    ) -> None:
        super().__init__(path, currency=currency, as_of=as_of, partitions=partitions, known=known)
        self.rows = rows

    def share(self, table: pa.Table) -> float:
        """The share of a part a table of checked rows fills: its rows over a batch's."""
        return float(table.num_rows / self.rows)

    def parts(self) -> Iterator[_Part]:
        """The file's batches, checked, in order.

        Raises:
            _Fatal: the columns do not fit a trade file (the loader's header problems).
            LoadError: the file is not Parquet pyarrow can read.
            LoadFileError: the file cannot be read.
            FloatAmountError: a column holds floats.
            InvalidRecordError: a row of :data:`TRADE_SCHEMA` columns is not a valid record.
        """
        import pyarrow.parquet as pq  # noqa: PLC0415 - only the Parquet readers need it

        with _parquet_errors(self.path):
            schema = pq.read_schema(self.path)
            file = pq.ParquetFile(
                self.path, read_dictionary=_dictionary_columns(schema), pre_buffer=False
            )
            batches = file.iter_batches(batch_size=self.rows)
        floats = [field.name for field in schema if pa.types.is_floating(field.type)]
        if floats:  # refused before anything else, naming its first value, as read_parquet does
            with _parquet_errors(self.path):
                first = file.read(columns=floats[:1])
            _batches._refuse_floats(first, self.name)  # noqa: SLF001
        names = _partitioned_names(schema.names, self.partitions)
        checker: _Checker | None = None
        if not _is_typed(names):
            checker = _Checker(
                self.name,
                names,
                currency=self.currency,
                as_of=self.as_of,
                known=self.known,
                from_folders=len(names) - len(schema.names),
            )
            if checker.fatal is not None:
                raise _Fatal(checker.fatal)
        line = 1
        while True:
            with _parquet_errors(self.path):
                batch = next(batches, None)
            if batch is None:
                return
            table = _partitioned(pa.Table.from_batches([batch]), self.partitions, self.name, line)
            _batches._refuse_floats(table, self.name)  # noqa: SLF001
            if checker is None:
                records = _typed_records(table, self.name, line)
                yield _Part(pa.Table.from_batches([_batches.batch_of(records)]), [], [])
            else:
                yield _Part(*checker.check_table(table, line))
            line += batch.num_rows


def _partitioned_names(names: Sequence[str], partitions: Mapping[str, str]) -> list[str]:
    """A file's column names, then each partition key the file does not hold itself."""
    return [*names, *_lacking(names, partitions)]


def _lacking(names: Sequence[str], partitions: Mapping[str, str]) -> list[str]:
    """The partition keys a file's columns (``names``) do not hold, in the folders' order."""
    return [key for key in partitions if _held(names, key) is None]


def _held(names: Sequence[str], key: str) -> int | None:
    """The position of the file's column a partition key names, or ``None`` when it has none.

    The key names a column by its text, or by another header of the same trade column: a
    folder ``Period=2022-03`` or ``期间=2022-03`` names a file's ``period`` column, whose cells
    must then agree with it (as two headers of one column in a file would be refused).
    """
    if key in names:
        return list(names).index(key)
    return _held_as(tuple(names), key)


@functools.lru_cache(maxsize=256)
def _held_as(names: tuple[str, ...], key: str) -> int | None:
    """:func:`_held` by the trade columns the texts are headers of (bound once a header)."""
    kind = _schemas.KINDS["trade"]
    column = _schemas.bind(kind, [key])[0].columns[0]
    if column is None:
        return None
    for position, found in enumerate(_schemas.bind(kind, names)[0].columns):
        if found is not None and found.name == column.name:
            return position
    return None


def _partitioned(
    table: pa.Table, partitions: Mapping[str, str], file: str, first_line: int
) -> pa.Table:
    """The table with a text column per partition key its file lacks, the value on every row.

    A file may hold a key's column itself, as polars writes its partitions: every row must
    then agree with the folder's name (a null cell reads as ``__HIVE_DEFAULT_PARTITION__``).

    Raises:
        LoadError: a row disagrees with its folder's name (naming the first such row).
    """
    if not partitions:
        return table
    names = table.column_names
    lines = range(first_line, first_line + table.num_rows)
    columns = _partition_columns(table.columns, names, partitions, file, lines)
    return pa.Table.from_arrays(columns, names=_partitioned_names(names, partitions))


def _partition_columns(
    columns: Sequence[pa.Array | pa.ChunkedArray],
    names: Sequence[str],
    partitions: Mapping[str, str],
    file: str,
    lines: Sequence[int],
) -> list[pa.Array | pa.ChunkedArray]:
    """A file's columns (``names``), then one per partition key it lacks, the value on every row.

    Raises:
        LoadError: a row disagrees with its folder's name (naming the first such row).
    """
    _agree(columns, names, partitions, file, lines)
    count = len(lines)
    return [*columns, *(_constant(partitions[key], count) for key in _lacking(names, partitions))]


def _constant(value: str, count: int) -> pa.DictionaryArray:
    """A text column of ``count`` rows, each ``value`` (one distinct text: checked once)."""
    indices = pa.repeat(_arrays.scalar(0, pa.int32()), count)
    return pa.DictionaryArray.from_arrays(indices, _arrays.array([value], pa.string()))


def _agree(
    columns: Sequence[pa.Array | pa.ChunkedArray],
    names: Sequence[str],
    partitions: Mapping[str, str],
    file: str,
    lines: Sequence[int],
) -> None:
    """Check that every cell of a file's column named as a partition key is the folder's value.

    Raises:
        LoadError: the first row whose cell is another text, naming its line (``lines[row]``).
    """
    for key, value in partitions.items():
        position = _held(names, key)
        if position is None:
            continue
        column = columns[position]
        try:
            texts = _batches.text_column(column)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
            continue  # no text at all: the checks refuse the column, naming it
        differ = pc.indices_nonzero(pc.not_equal(pc.cast(texts, pa.string()), value))
        if not len(differ):
            continue
        row = differ[0].as_py()
        cell = texts[row].as_py()
        message = Reason(
            N_("the file says {cell} where its folder's name says {key}={value}"),
            cell=repr(cell),
            key=key,
            value=value,
        )
        where = names[position]  # the file's column, which may be another header of the key
        problem = LoadProblem(file, lines[row], column=where, value=cell, message=message)
        raise LoadError(file, (problem,))


def _named(
    own: Sequence[str], cells: Sequence[str], keys: Sequence[str], extra: Sequence[str]
) -> dict[str, object]:
    """A row's cells by the file's header ``own`` (cells beyond it as ``#n``), then its folders'.

    For a row the loader's reader found a problem in (a stray comma): its cells are named as
    in a file read alone, and its folders' cells added by key. A blank row has no cells, its
    folders' none either (as the fast reader gives it, and the loader a blank row).
    """
    named = _named_cells(own, cells)
    blank = not any(cells)
    for key, value in zip(keys, extra, strict=True):
        named.setdefault(key, None if blank else value)
    return named


class _Outcome:
    """What reading a file gave: rejected rows, rows read, and the problems of strict mode."""

    def __init__(self, path: str, errors: str) -> None:
        self.path = path
        self.errors = errors
        self.rejected: list[RejectedRow] = []
        self.rows_read = 0

    def take(self, part: _Part) -> None:
        if part.limits:
            problem = part.limits[0]
            raise LoadError(problem.path, tuple(part.limits[:MAX_PROBLEMS]))
        self.rejected.extend(part.rejected)
        self.rows_read += part.table.num_rows + len(part.rejected)

    def reset(self) -> None:
        self.rejected.clear()
        self.rows_read = 0

    def fatal(self, bad: _Bad) -> LoadError:
        """The error for a problem that stops the file (listing every problem in strict mode)."""
        if self.errors == "collect":
            return LoadError(self.path, bad.problems)
        return self.error(extra=bad.problems)

    def error(self, extra: Sequence[LoadProblem] = ()) -> LoadError:
        problems = [p for row in self.rejected for p in row.problems] + list(extra)
        return _capped(self.path, problems)

    def finish(self) -> None:
        """Raise in strict mode when a row was rejected."""
        if self.errors == "strict" and self.rejected:
            raise self.error()


class _FolderProblems:
    """The problems of a dataset folder's files, gathered while every file is read.

    A file's own error (a bad row in strict mode, a problem that stops it, a file the system
    refuses) does not stop the others: each is read, and one :class:`LoadError` naming the
    folder then lists every problem, each naming its file.
    """

    def __init__(self, found: Sequence[LoadProblem] = ()) -> None:
        self.problems = list(found)
        self.more = 0

    @contextlib.contextmanager
    def file(self) -> Iterator[None]:
        """Keep the problems of the file read inside instead of raising them."""
        try:
            yield
        except LoadError as exc:
            self.problems.extend(exc.problems)
            self.more += exc.more
        except LoadFileError as exc:
            self.problems.append(LoadProblem(exc.path, None, message=exc.reason))

    def check(self, folder: Path) -> None:
        """Raise the folder's error when a file had a problem.

        Raises:
            LoadError: every problem found, in the order of the files.
        """
        if self.problems or self.more:
            raise _capped(str(folder), self.problems, self.more)


def _checked_path(
    path: str | os.PathLike[str],
    *,
    encoding: str,
    errors: str,
    currency: str | None,
    as_of: dt.date | None,
    fmt: str,
    folders: bool = True,
) -> tuple[Path, str | None, DatasetFiles | None]:
    """The loader's own argument checks (and the file's), so both refuse the same arguments.

    Returns the path, the currency code, and for a folder (when ``folders``) its data files
    (:mod:`littlegiants.io.datasets`), else ``None``.

    Raises:
        LoadError: the path does not end in ``.FMT``, or the encoding is unknown.
        LoadFileError: the file cannot be read.
        UnknownCurrencyError: ``currency`` is not an ISO 4217 code.
        InvalidRecordError: ``errors`` or ``as_of`` is not a valid argument.
    """
    if folders and _is_folder(Path(path)):  # else a file, or what the file's checks refuse
        folder = Path(path)
        code = _check_arguments(
            folder, encoding=encoding, errors=errors, currency=currency, as_of=as_of
        )
        return folder, code, dataset_files(folder, f".{fmt}", partitioned=True)
    if fmt == "parquet":  # a format the loader does not read: its checks, then the suffix
        file = Path(path)
        _check_arguments(file, encoding=encoding, errors=errors, currency=None, as_of=as_of)
        if file.suffix.lower() != ".parquet":
            raise _wrong_suffix(file, fmt)
        _regular_file(file, Reason(N_("{kind} file"), kind="trade"))
        return file, None if currency is None else validate_currency(currency), None
    file, code = _check(
        path, kind="trade", encoding=encoding, errors=errors, currency=currency, as_of=as_of
    )
    if _tables.format_of(file) != fmt:
        raise _wrong_suffix(file, fmt)
    return file, code, None


def _wrong_suffix(file: Path, fmt: str) -> LoadError:
    """The error for a path that does not end in ``.FMT``."""
    message = Reason(
        N_("expected a .{fmt} file, not {suffix}"),
        fmt=fmt,
        suffix=file.suffix or Reason(N_("a file without an extension")),
    )
    return LoadError(str(file), (LoadProblem(str(file), None, message=message),))


class TradeTable:
    """A columnar collection of trade records, on Arrow; see the module docstring.

    Build one with :meth:`read_csv`, :meth:`read_parquet`, :meth:`read_xlsx`,
    :meth:`from_records`, :meth:`from_arrow`, :meth:`from_polars` or :meth:`concat`; never with
    the constructor.

    Attributes:
        rejected: the rows that were not loaded (``errors="collect"``), each with its problems.
        rows_read: the rows read: ``len(table) + len(rejected)``.
    """

    __slots__ = ("_enterprises", "_table", "rejected", "rows_read")

    def __init__(
        self,
        table: pa.Table,
        enterprises: Sequence[Enterprise],
        *,
        rejected: Sequence[RejectedRow] = (),
    ) -> None:
        """Hold checked columns (internal: use the named constructors)."""
        self._table = table.select([*TRADE_SCHEMA.names, "enterprise"])
        self._enterprises = tuple(enterprises)
        self.rejected = tuple(rejected)
        self.rows_read = self._table.num_rows + len(self.rejected)

    # -- constructors ---------------------------------------------------------------------------

    @classmethod
    def read_csv(
        cls,
        path: str | os.PathLike[str],
        *,
        currency: str | None = None,
        errors: Errors = "strict",
        as_of: dt.date | None = None,
        encoding: str = "utf-8",
    ) -> TradeTable:
        """Read a trade CSV file, or a folder of them, with ``load_trade_records``' checks.

        Args:
            path: the file (``.csv``), or a dataset folder: every ``.csv`` file below it, in the
                order of their paths, read as one table (:meth:`concat`), with a text column for
                each ``KEY=VALUE`` folder a file is in (see :mod:`littlegiants.io.datasets`).
            currency: the currency of amounts that name none.
            errors: ``"strict"`` raises :class:`~littlegiants.loader.LoadError` on any bad row;
                ``"collect"`` keeps the rejected rows in :attr:`rejected`.
            as_of: refuse periods ending after this day.
            encoding: as for ``load_trade_records`` (a file that is not UTF-8 is read by the
                loader's own reader, at its speed).

        Raises:
            LoadError: a bad row (strict), a problem that stops the file (both modes), or an
                amount the table cannot hold exactly (a digit finer than ``1E-7``; both modes).
                For a folder, once every file is read: every file's problems, and what else
                the folder holds (a file of another kind, a link to a folder), or that it holds
                no ``.csv`` file; a file's column that disagrees with its folder's name.
            LoadFileError: the file cannot be read.
            UnknownCurrencyError: ``currency`` is not an ISO 4217 code.
            InvalidRecordError: ``errors`` or ``as_of`` is not a valid argument.
        """
        file, code, dataset = _checked_path(
            path, encoding=encoding, errors=errors, currency=currency, as_of=as_of, fmt="csv"
        )
        reader = functools.partial(
            _CsvFile, currency=code, as_of=as_of, encoding=encoding, block=READ_BLOCK
        )
        if dataset is None:
            return cls._read_csv(reader(file), errors)
        with _Ahead() as ahead:
            return cls._read_folder(
                file,
                dataset,
                lambda each, keys, known: reader(each, partitions=keys, known=known),
                lambda source: cls._read_csv(source, errors),
                ahead=lambda source: source.prefetch(ahead),
            )

    @classmethod
    def _read_csv(cls, reader: _CsvFile, errors: str) -> TradeTable:
        """The table of one CSV file's reader: every part, then its rejected rows (strict)."""
        file = reader.path
        outcome = _Outcome(str(file), errors)
        tables: list[pa.Table] = []
        try:
            for part in reader.parts(whole=True):
                if isinstance(part, _Restart):
                    tables.clear()
                    outcome.reset()
                    continue
                outcome.take(part)
                tables.append(part.table)
        except _Fatal as fatal:
            raise outcome.fatal(fatal.bad) from None
        outcome.finish()
        checker = reader.checker
        enterprises = [] if checker is None else checker.enterprises
        table = pa.concat_tables(tables) if tables else _batches._empty_table()  # noqa: SLF001
        return cls(table, enterprises, rejected=outcome.rejected)

    @classmethod
    def scan_csv(
        cls,
        path: str | os.PathLike[str],
        *,
        currency: str | None = None,
        errors: Errors = "strict",
        as_of: dt.date | None = None,
        encoding: str = "utf-8",
        block_size: int = SCAN_BLOCK,
    ) -> TradeScan:
        """A lazy scan of a trade CSV file (or a folder of them): nothing is read until summarised.

        See :class:`TradeScan`; the arguments are those of :meth:`read_csv` (a folder is read
        file by file, in the order of their paths), and ``block_size`` is the bytes parsed at a
        time (memory stays near a few times that).
        """
        file, code, dataset = _checked_path(
            path, encoding=encoding, errors=errors, currency=currency, as_of=as_of, fmt="csv"
        )
        _positive(block_size, N_("block_size must be a whole number of bytes"))

        reader = functools.partial(
            _CsvFile, currency=code, as_of=as_of, encoding=encoding, block=block_size
        )
        return _scan(
            file,
            dataset,
            lambda each, keys, known: reader(each, partitions=keys, known=known),
            errors,
        )

    @classmethod
    def scan_parquet(
        cls,
        path: str | os.PathLike[str],
        *,
        currency: str | None = None,
        errors: Errors = "strict",
        as_of: dt.date | None = None,
        batch_size: int = SCAN_ROWS,
    ) -> TradeScan:
        """A lazy scan of a trade Parquet file or dataset: nothing is read until it is summarised.

        See :class:`TradeScan`; the arguments are those of :meth:`read_parquet` (a folder is a
        dataset, read file by file), and ``batch_size`` is the rows read and checked at a time.
        The summary, the rejected rows and their problems (row 1 is line 1) are those of
        ``read_parquet(...)`` and its ``summarize``, while memory holds one batch of rows, not
        the file.

        Raises:
            LoadError: the path is not a ``.parquet`` file (when summarised: as
                :meth:`TradeScan.summarize`).
            LoadFileError: the file cannot be read.
            UnknownCurrencyError: ``currency`` is not an ISO 4217 code.
            InvalidRecordError: ``errors``, ``as_of`` or ``batch_size`` is not a valid argument.
        """
        file, code, dataset = _checked_path(
            path, encoding="utf-8", errors=errors, currency=currency, as_of=as_of, fmt="parquet"
        )
        _positive(batch_size, N_("batch_size must be a whole number of rows"))

        def reader(
            each: Path, partitions: Mapping[str, str], known: _batches.Known
        ) -> _ParquetFile:
            return _ParquetFile(
                each,
                currency=code,
                as_of=as_of,
                rows=batch_size,
                partitions=partitions,
                known=known,
            )

        return _scan(file, dataset, reader, errors)

    @classmethod
    def read_xlsx(
        cls,
        path: str | os.PathLike[str],
        *,
        currency: str | None = None,
        errors: Errors = "strict",
        as_of: dt.date | None = None,
    ) -> TradeTable:
        """Read a trade sheet of an ``.xlsx`` workbook, through the loader (openpyxl reads by row).

        Raises:
            LoadError: as ``load_trade_records``; or an amount with a digit finer than ``1E-7``.
            MissingExtraError: openpyxl is not installed (the ``xlsx`` extra).
        """
        _checked_path(
            path,
            encoding="utf-8",
            errors=errors,
            currency=currency,
            as_of=as_of,
            fmt="xlsx",
            folders=False,
        )
        if errors == "collect":
            result = load_trade_records(path, currency=currency, errors="collect", as_of=as_of)
            records, rejected = list(result.records), list(result.rejected)
        else:
            records, rejected = load_trade_records(path, currency=currency, as_of=as_of), []
        return cls._of_records(records, rejected=rejected, path=str(path))

    @classmethod
    def read_parquet(
        cls,
        path: str | os.PathLike[str],
        *,
        currency: str | None = None,
        errors: Errors = "strict",
        as_of: dt.date | None = None,
    ) -> TradeTable:
        """Read a Parquet file: trade columns as text (as a CSV has them) or :data:`TRADE_SCHEMA`.

        Problems name the row as its line: the first row is line 1 (Parquet has no header line).
        A folder is a dataset, as Spark, polars, DuckDB or pyarrow write one: every ``.parquet``
        file below it, read as one table (:meth:`concat`), with a text column for each
        ``KEY=VALUE`` folder a file is in (see :mod:`littlegiants.io.datasets`).

        Raises:
            LoadError: as :meth:`read_csv`; or a file's column disagrees with its folder's name.
            FloatAmountError: a column holds floats.
        """
        file, code, dataset = _checked_path(
            path, encoding="utf-8", errors=errors, currency=currency, as_of=as_of, fmt="parquet"
        )
        if dataset is not None:
            return cls._read_folder(
                file,
                dataset,
                lambda each, keys, known: functools.partial(
                    cls._read_parquet_file, each, keys, code, errors, as_of, known=known
                ),
                lambda read: read(),
            )
        return cls._read_parquet_file(file, {}, code, errors, as_of)

    @classmethod
    def _read_parquet_file(
        cls,
        file: Path,
        partitions: Mapping[str, str],
        code: str | None,
        errors: Errors,
        as_of: dt.date | None,
        *,
        known: _batches.Known | None = None,
    ) -> TradeTable:
        """:meth:`read_parquet` of one file, its path and arguments checked."""
        import pyarrow.parquet as pq  # noqa: PLC0415 - only the Parquet readers need it

        with _parquet_errors(file):
            # ParquetFile, not read_table: that one imports pyarrow.dataset, and with it pandas.
            parquet = pq.ParquetFile(
                file, read_dictionary=_dictionary_columns(pq.read_schema(file))
            )
            table = parquet.read()
        added = len(_partitioned_names(table.column_names, partitions)) - table.num_columns
        return cls._checked_arrow(
            _partitioned(table, partitions, str(file), 1),
            path=str(file),
            code=code,
            errors=errors,
            as_of=as_of,
            first_line=1,
            known=known,
            from_folders=added,
        )

    @classmethod
    def _read_folder(
        cls,
        folder: Path,
        dataset: DatasetFiles,
        source: Callable[[Path, Mapping[str, str], _batches.Known], _S],
        read: Callable[[_S], TradeTable],
        ahead: Callable[[_S], None] | None = None,
    ) -> TradeTable:
        """One table of a dataset folder's files, each read by ``read`` (see :meth:`concat`).

        ``source`` makes each file's reader from the file, its partition cells and what the
        files share (``Known``: each distinct firm, period or growth text is read once for the
        whole folder); ``ahead`` starts on the next file's reader before a file is read
        (:class:`_Ahead`).

        Raises:
            LoadError: once every file is read, when one had a problem (:class:`_FolderProblems`).
        """
        gathered = _FolderProblems(dataset.problems)
        tables: list[TradeTable] = []
        known = _batches.Known()
        sources = [source(file, partitions, known) for file, partitions in dataset.files]
        for each in sources if ahead is None else _next_started(sources, ahead):
            with gathered.file():
                tables.append(read(each))
        gathered.check(folder)
        return cls.concat(tables)

    @classmethod
    def concat(cls, tables: Iterable[TradeTable]) -> TradeTable:
        """One table of the records of several, in order: a year of monthly files, say.

        Each table's rejected rows are kept, naming their own files, and ``rows_read`` adds up;
        enterprises equal across the tables become one (``enterprises`` lists each once, in the
        order first met). Nothing is copied but the enterprise column: the columns of each table
        become chunks of the new one.

        >>> from littlegiants.enterprise import Enterprise
        >>> from littlegiants.money import Money
        >>> hosin = Enterprise("Hosin Global")
        >>> months = [
        ...     TradeTable.from_records([TradeRecord(hosin, month, "import", Money(m, "USD"))])
        ...     for month, m in (("2022-01", "5"), ("2022-02", "7"))
        ... ]
        >>> year = TradeTable.concat(months)
        >>> len(year), len(year.enterprises), year.summarize(currency="USD").total
        (2, 1, Money('12', 'USD'))

        Raises:
            InvalidRecordError: ``tables`` is not a sequence of TradeTables.
        """
        if isinstance(tables, TradeTable) or not hasattr(tables, "__iter__"):
            raise InvalidRecordError(tables, N_("expected a sequence of TradeTables"))
        found = list(tables)
        for table in found:
            if not isinstance(table, TradeTable):
                raise InvalidRecordError(table, N_("expected a sequence of TradeTables"))
        firms = _Firms()  # the tables of one dataset share their firm objects (``Known``)
        parts: list[pa.Table] = []
        for table in found:
            codes = list(map(firms.number, table.enterprises))
            held = table._table  # noqa: SLF001 - another table of this class
            column = pc.take(_arrays.array(codes, pa.int32()), held["enterprise"])
            parts.append(
                held.set_column(held.schema.get_field_index("enterprise"), "enterprise", column)
            )
        combined = pa.concat_tables(parts) if parts else _batches._empty_table()  # noqa: SLF001
        rejected = [row for table in found for row in table.rejected]
        return cls(combined, firms.met, rejected=rejected)

    @classmethod
    def from_records(cls, records: Iterable[TradeRecord]) -> TradeTable:
        """A table of trade records; :meth:`to_records` gives them back (enterprises included).

        Raises:
            InvalidRecordError: ``records`` is not a sequence of trade records.
            InvalidAmountError: an amount has a non-zero digit finer than ``1E-7``.
        """
        return cls._of_records(_batches._records(records))  # noqa: SLF001

    @classmethod
    def _of_records(
        cls,
        records: Sequence[TradeRecord],
        *,
        rejected: Sequence[RejectedRow] = (),
        path: str | None = None,
    ) -> TradeTable:
        firms = _Firms()  # a loaded file's records share their firm objects
        indices = [firms.number(record.enterprise) for record in records]
        try:
            table = _batches._table_of(records, indices)  # noqa: SLF001
        except LittleGiantsError as exc:
            if path is None:
                raise
            problem = LoadProblem(path, None, message=Reason.of(exc))
            raise LoadError(path, (problem,)) from None
        return cls(table, firms.met, rejected=rejected)

    @classmethod
    def from_arrow(
        cls,
        data: pa.Table | pa.RecordBatch | Iterable[pa.RecordBatch],
        *,
        path: str = "<arrow>",
        currency: str | None = None,
        errors: Errors = "strict",
        as_of: dt.date | None = None,
        first_line: int = 2,
    ) -> TradeTable:
        """A table from Arrow data: text columns named as a trade file's, or :data:`TRADE_SCHEMA`.

        Text columns are checked as :meth:`read_csv` checks a file's rows (row ``i`` is line
        ``first_line + i`` of ``path`` in the problems). Columns of :data:`TRADE_SCHEMA` (what
        :meth:`to_arrow` gives) are checked record by record with ``TradeRecord(...)``.

        Raises:
            LoadError: as :meth:`read_csv`.
            FloatAmountError: a column holds floats (money is never a float, not even in Arrow).
            InvalidRecordError: a row of :data:`TRADE_SCHEMA` is not a valid record.
        """
        table = _table(data)
        if errors not in ("strict", "collect"):
            raise InvalidRecordError(errors, N_("errors= must be 'strict' or 'collect'"))
        code = None if currency is None else validate_currency(currency)
        return cls._checked_arrow(
            table, path=path, code=code, errors=errors, as_of=as_of, first_line=first_line
        )

    @classmethod
    def _checked_arrow(
        cls,
        table: pa.Table,
        *,
        path: str,
        code: str | None,
        errors: str,
        as_of: dt.date | None,
        first_line: int,
        known: _batches.Known | None = None,
        from_folders: int = 0,
    ) -> TradeTable:
        """:meth:`from_arrow` of a table, its arguments checked.

        ``known`` and ``from_folders`` are those of ``_Checker``.
        """
        _batches._refuse_floats(table, path)  # noqa: SLF001
        if _is_typed(table.column_names):
            return cls.from_records(_typed_records(table, path, first_line))
        checker = _Checker(
            path,
            table.column_names,
            currency=code,
            as_of=as_of,
            known=known,
            from_folders=from_folders,
        )
        if checker.fatal is not None:
            raise LoadError(path, checker.fatal.problems)
        outcome = _Outcome(path, errors)
        tables = []
        # A part of the rows at a time, as a CSV file's blocks: the checks' temporaries are a
        # part's, not the whole table's (1,000,000 Parquet rows peaked at 415 MiB at once).
        for start in range(0, max(table.num_rows, 1), _ARROW_PART_ROWS):
            rows = table.slice(start, _ARROW_PART_ROWS)
            part = _Part(*checker.check_table(rows, first_line + start))
            outcome.take(part)
            tables.append(part.table)
        outcome.finish()
        checked = pa.concat_tables(tables) if len(tables) > 1 else tables[0]
        return cls(checked, checker.enterprises, rejected=outcome.rejected)

    @classmethod
    def from_polars(
        cls,
        frame: Any,  # noqa: ANN401 - a polars DataFrame; polars is optional
        *,
        path: str = "<polars>",
        currency: str | None = None,
        errors: Errors = "strict",
        as_of: dt.date | None = None,
        first_line: int = 2,
    ) -> TradeTable:
        """A table from a polars ``DataFrame``, checked as :meth:`from_arrow` checks Arrow data.

        Text columns (``String``, ``Categorical``, ``Enum``; a null is an empty cell) are
        checked as a CSV file's rows; ``Decimal`` amounts are read exactly; a ``Float`` column
        is refused. A ``LazyFrame`` is refused too: collect it first, where you choose to.

        Raises:
            LoadError: as :meth:`from_arrow`.
            FloatAmountError: a column holds floats.
            InvalidRecordError: ``frame`` is not a polars DataFrame, or as :meth:`from_arrow`.
            MissingExtraError: polars is not installed (the ``arrow`` extra).
        """
        try:
            import polars as pl  # noqa: PLC0415 - optional, imported when asked for
        except ImportError as exc:
            raise MissingExtraError("arrow", "polars", "TradeTable.from_polars()") from exc
        if not isinstance(frame, pl.DataFrame):
            raise InvalidRecordError(
                frame, N_("expected a polars DataFrame (collect a LazyFrame first)")
            )
        return cls.from_arrow(
            frame.to_arrow(),
            path=path,
            currency=currency,
            errors=errors,
            as_of=as_of,
            first_line=first_line,
        )

    # -- out ------------------------------------------------------------------------------------

    def __len__(self) -> int:
        """The records held."""
        return int(self._table.num_rows)

    def __repr__(self) -> str:
        """``<TradeTable: N records, M rejected>``."""
        return f"<TradeTable: {len(self):,} records, {len(self.rejected):,} rejected>"

    def _repr_html_(self) -> str:
        """Jupyter's rich display: the first records as an HTML table, captioned by the repr.

        Only the rows shown are made records (``littlegiants.frames.flat_record``: the
        enterprise's columns, the period's start and end, exact amounts), whatever the size of
        the table; every cell is escaped.
        """
        from littlegiants.frames import HTML_ROWS, flat_record, records_to_html  # noqa: PLC0415

        first = _batches.records_of(self._table.slice(0, HTML_ROWS), self._enterprises)
        rows = [flat_record(record) for record in first]
        return records_to_html(rows, caption=repr(self), total=len(self))

    @property
    def problems(self) -> tuple[LoadProblem, ...]:
        """Every problem of every rejected row, in file order."""
        return tuple(problem for row in self.rejected for problem in row.problems)

    @property
    def currencies(self) -> tuple[str, ...]:
        """The distinct currencies of the records' values, in code order."""
        return tuple(sorted(pc.unique(self._table["currency"]).to_pylist()))

    @property
    def enterprises(self) -> tuple[Enterprise, ...]:
        """The distinct enterprises of the records."""
        return self._enterprises

    def to_arrow(self) -> pa.Table:
        """The records as an Arrow table of ``TRADE_SCHEMA`` (:mod:`littlegiants.io.batches`)."""
        return self._table.select(TRADE_SCHEMA.names)

    def to_batches(self, max_chunksize: int | None = None) -> list[pa.RecordBatch]:
        """The records as record batches of :data:`TRADE_SCHEMA` (for engines that take batches)."""
        return cast("list[pa.RecordBatch]", self.to_arrow().to_batches(max_chunksize))

    def to_polars(self) -> Any:  # noqa: ANN401 - a polars DataFrame; polars is optional
        """The records as a polars ``DataFrame`` (amounts as ``Decimal(38, 7)``).

        Raises:
            MissingExtraError: polars is not installed (the ``arrow`` extra).
        """
        try:
            import polars as pl  # noqa: PLC0415 - optional, imported when asked for
        except ImportError as exc:
            raise MissingExtraError("arrow", "polars", "TradeTable.to_polars()") from exc
        return pl.from_arrow(self.to_arrow())

    def to_records(self) -> Iterator[TradeRecord]:
        """The records, one at a time, equal to those read or given (enterprises included)."""
        return _batches.records_of(self._table, self._enterprises)

    # -- summaries --------------------------------------------------------------------------------

    def summarize(
        self,
        *,
        currency: str,
        rates: RateTable | None = None,
        by: GroupBy | None = None,
    ) -> TradeSummary:
        """The summary ``summarize`` gives for the records, bit for bit; see its docstring.

        ``by="level"`` uses the designations of the records' enterprises (none for a table read
        from a file, as for the records ``load_trade_records`` gives); a function is called on
        each record (at the object path's speed).

        Raises:
            CurrencyMismatchError: as ``summarize``.
            RateNotFoundError: as ``summarize``, for the same record.
            InvalidRecordError: as ``summarize``.
        """

        def exact() -> TradeSummary:
            return summarize(list(self.to_records()), currency=currency, rates=rates, by=by)

        keys = self._keys(by)
        if keys is _EXACT:
            return exact()
        return _batches.summary_of(
            self._table,
            currency=currency,
            rates=rates,
            keys=cast("pa.Array | None", keys),
            exact=exact,
        )

    def _keys(self, by: GroupBy | None) -> object:
        """Each record's group (text), ``None`` for no grouping, or ``_EXACT`` for summarize's."""
        if by is None:
            return None
        firms = self._enterprises
        index = self._table["enterprise"].combine_chunks()
        if by in ("enterprise", "region"):
            texts = [
                firm.key if by == "enterprise" else (firm.region.code if firm.region else "unknown")
                for firm in firms
            ]
            return _batches._coded(texts, index)  # noqa: SLF001
        if by == "level":
            return self._levels(index)
        if callable(by):
            found = [by(record) for record in self.to_records()]
            if not all(isinstance(key, str) for key in found):
                return _EXACT
            return _batches._texts(found)  # noqa: SLF001 - each distinct key once
        return _EXACT

    def _levels(self, index: pa.Array) -> pa.Array:
        ends = self._table["period_end"].combine_chunks()
        pair = pc.add(
            pc.multiply(pc.cast(index, pa.int64()), _arrays.number(1 << 22)),
            pc.add(
                pc.cast(pc.cast(ends, pa.int32()), pa.int64()),
                _arrays.number(_batches._DAY_OFFSET),  # noqa: SLF001
            ),
        )
        pairs = pc.unique(pair)
        epoch = dt.date(1970, 1, 1)
        texts = []
        for code in pairs.to_pylist():
            firm = self._enterprises[code >> 22]
            on = epoch + dt.timedelta(days=(code & ((1 << 22) - 1)) - _batches._DAY_OFFSET)  # noqa: SLF001
            level = firm.level_on(on)
            texts.append("none" if level is None else level.value)
        return _batches._coded(texts, pc.index_in(pair, pairs))  # noqa: SLF001


_EXACT: Final = object()


def _positive(size: object, message: str) -> None:
    """Refuse a size that is not a whole number above zero (``True`` is not a number here)."""
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise InvalidRecordError(size, message)


def _is_typed(names: Sequence[str]) -> bool:
    """Whether columns so named are :data:`TRADE_SCHEMA`'s (else a trade file's, as text)."""
    return set(TRADE_SCHEMA.names) <= set(names)


def _typed(table: pa.Table, path: str) -> pa.Table:
    """The table's :data:`TRADE_SCHEMA` columns, cast to it exactly.

    Raises:
        InvalidRecordError: a column does not fit its type exactly.
    """
    try:
        return table.select(TRADE_SCHEMA.names).cast(TRADE_SCHEMA)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        message = Reason(N_("the columns do not fit TRADE_SCHEMA exactly: {error}"), error=str(exc))
        raise InvalidRecordError(path, message) from None


def _typed_records(table: pa.Table, path: str, first_line: int) -> list[TradeRecord]:
    """The records of :data:`TRADE_SCHEMA` columns, each checked; an error names file and row.

    Raises:
        InvalidRecordError: a column does not fit its type, or a row is not a valid record
            (row ``i`` on line ``first_line + i`` of ``path``).
    """
    try:
        return list(_batches.records_of(_typed(table, path), first_row=first_line))
    except LittleGiantsError as exc:
        raise _batches._located(exc, SourceLocation(path)) from None  # noqa: SLF001


class _Firms:
    """Enterprises numbered in the order met, equal ones one number.

    An object met before is found by identity, and only a new object is hashed: hashing a
    firm hashes every field, and the records of a file (the tables of a dataset) share their
    firm objects, so a million records or 120 daily tables hash each firm about once (they
    spent 0.5 s and 0.2 s hashing them).
    """

    __slots__ = ("by_id", "index", "met")

    def __init__(self) -> None:
        self.met: list[Enterprise] = []
        self.index: dict[Enterprise, int] = {}
        self.by_id: dict[int, int] = {}  # the objects stay alive while numbered (the caller's)

    def number(self, firm: Enterprise) -> int:
        """The firm's number: that of the first equal firm met."""
        found = self.by_id.get(id(firm))
        if found is None:
            found = self.by_id[id(firm)] = self.index.setdefault(firm, len(self.met))
            if found == len(self.met):
                self.met.append(firm)
        return found


def _table(data: object) -> pa.Table:
    if isinstance(data, pa.Table):
        return data
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data])
    if isinstance(data, str | bytes) or not hasattr(data, "__iter__"):
        raise InvalidRecordError(data, N_("expected a pyarrow Table, RecordBatch or batches"))
    found = list(cast("Iterable[object]", data))
    if not found or not all(isinstance(batch, pa.RecordBatch) for batch in found):
        raise InvalidRecordError(data, N_("expected a pyarrow Table, RecordBatch or batches"))
    return pa.Table.from_batches(found)


def _scan(
    path: Path,
    dataset: DatasetFiles | None,
    reader: Callable[[Path, Mapping[str, str], _batches.Known], _DataFile],
    errors: str,
) -> TradeScan:
    """The scan of one file (``dataset`` is ``None``) or of a dataset folder's files.

    ``reader`` takes a file, its partition cells and what the files share (``Known``).
    """
    known = _batches.Known()
    if dataset is None:
        return TradeScan([reader(path, {}, known)], errors=errors)
    sources = [reader(file, partitions, known) for file, partitions in dataset.files]
    return TradeScan(sources, errors=errors, folder=path, problems=dataset.problems)


class _Sums:
    """A scan's running summary: checked rows gathered until they fill a part, then summarised.

    A file's rows are summarised apart from the others' until the file is read to its end (its
    reading may start again from the top, dropping them); what is left of a finished file joins
    the rows gathered from finished files, summarised together once they fill a part. A summary
    that fails (a rate not found) is kept, and raised once every file is read: a problem of a
    file comes first, as reading every file whole before summarising would give.
    """

    def __init__(self, summarise: Callable[[pa.Table], TradeSummary]) -> None:
        self.summarise = summarise
        self.total: TradeSummary | None = None  # of the finished files
        self.gathered: list[pa.Table] = []  # finished files' rows, not yet summarised
        self.gathered_share = 0.0  # of a part (see _DataFile.share)
        self.failed: LittleGiantsError | None = None
        self.start_file()

    def start_file(self) -> None:
        """The file being read starts (again): drop what was taken of it."""
        self.rows: list[pa.Table] = []
        self.share = 0.0
        self.summary: TradeSummary | None = None
        self.failing: LittleGiantsError | None = None

    def take(self, table: pa.Table, share: float) -> None:
        """A checked part of the file being read, filling ``share`` of a part."""
        if self.failed is not None or self.failing is not None:
            return
        self.rows.append(table)
        self.share += share
        if self.share >= 1:
            self.summary, self.failing = self._add(self.summary, self.rows)
            self.rows, self.share = [], 0.0

    def end_of_file(self) -> None:
        """The file being read is read to its end: its summary and rows join the finished."""
        self.failed = self.failed or self.failing
        if self.failed is None:
            if self.summary is not None:
                self.total = _merged(self.total, self.summary)
            self.gathered.extend(self.rows)
            self.gathered_share += self.share
            if self.gathered_share >= 1:
                self.total, self.failed = self._add(self.total, self.gathered)
                self.gathered, self.gathered_share = [], 0.0
        self.start_file()

    def finish(self) -> TradeSummary | None:
        """The summary of every file (``None`` for no rows), or the first summary error.

        Raises:
            LittleGiantsError: a summary failed (``RateNotFoundError``, say).
        """
        if self.failed is None and self.gathered:
            self.total, self.failed = self._add(self.total, self.gathered)
        if self.failed is not None:
            raise self.failed
        return self.total

    def _add(
        self, summary: TradeSummary | None, tables: list[pa.Table]
    ) -> tuple[TradeSummary | None, LittleGiantsError | None]:
        """``summary`` merged with the summary of ``tables``, or ``summary`` and the error."""
        try:
            part = self.summarise(pa.concat_tables(tables))
        except LittleGiantsError as exc:
            return summary, exc
        return _merged(summary, part), None


def _merged(summary: TradeSummary | None, part: TradeSummary) -> TradeSummary:
    """Two summaries as one (exactly: ``merge_summaries``); ``part`` alone when it is the first."""
    return part if summary is None else _batches.merge_summaries([summary, part])


class _EndOfFile:
    """Marks, among a scan's checked parts, that one file of it has been read to its end."""


_END: Final = _EndOfFile()


class TradeScan:
    """Trade files read lazily, in parts, into a summary: memory bounded by the part's size.

    Build it with :meth:`TradeTable.scan_csv` (blocks of bytes) or
    :meth:`TradeTable.scan_parquet` (batches of rows), of one file or of a dataset folder (every
    file below it, :mod:`littlegiants.io.datasets`). :meth:`summarize` reads every file once;
    after it, :attr:`rejected` and :attr:`rows_read` say what was read, as for a
    ``TradeTable``. Grouping by level is refused (a file carries no designations).
    """

    def __init__(
        self,
        sources: Sequence[_DataFile],
        *,
        errors: str,
        folder: Path | None = None,
        problems: Sequence[LoadProblem] = (),
    ) -> None:
        """Remember what to read (internal: use ``TradeTable.scan_csv`` or ``scan_parquet``).

        ``folder``: the dataset folder the ``sources`` are the files of, and ``problems`` what
        listing it found; ``None`` for one file (``sources`` holds it alone).
        """
        self.path = sources[0].path if folder is None else folder
        self._sources = tuple(sources)
        self._folder = folder
        self._found = tuple(problems)
        self._errors = errors
        self._now: _DataFile | None = None  # the file being read
        self.rejected: tuple[RejectedRow, ...] = ()
        self.rows_read = 0

    def __repr__(self) -> str:
        """``<TradeScan of PATH>``."""
        return f"<TradeScan of {self.path}>"

    @property
    def problems(self) -> tuple[LoadProblem, ...]:
        """Every problem of every rejected row of the last read, in file order."""
        return tuple(problem for row in self.rejected for problem in row.problems)

    def batches(self) -> Iterator[pa.RecordBatch]:
        """The checked records, batch by batch (:data:`TRADE_SCHEMA`); see :meth:`summarize`.

        Raises:
            LoadError: as :meth:`summarize`, once every file has been read.
        """
        for table in self._tables():
            if table is None:  # batches already given would come again from the loader's reader
                raise InvalidRecordError(
                    str(self.path if self._now is None else self._now.path),
                    N_(
                        "the file is not plain CSV past its first block (a quote, a blank line, "
                        "a lone carriage return): read it with TradeTable.read_csv, or summarise "
                        "the scan, which starts again with the loader's reader"
                    ),
                )
            if not isinstance(table, _EndOfFile):
                yield from table.to_batches()

    def _share(self, table: pa.Table) -> float:
        """The share of a part of the file being read a table fills (``_DataFile.share``)."""
        return 1.0 if self._now is None else self._now.share(table)

    def _tables(self) -> Iterator[pa.Table | _EndOfFile | None]:
        """Each file's checked records, part by part, then :data:`_END`.

        ``None`` says the file's reading starts again from its top (drop its parts so far).
        One file's errors are raised as they are; a folder's are gathered, file by file, and
        raised once every file is read (:class:`_FolderProblems`).
        """
        with _Ahead() as ahead:
            yield from self._read(ahead)

    def _read(self, ahead: _Ahead) -> Iterator[pa.Table | _EndOfFile | None]:
        """:meth:`_tables`, the next small file of a folder parsed ``ahead`` (:class:`_Ahead`)."""
        gathered = _FolderProblems(self._found)
        rejected: list[RejectedRow] = []
        rows = 0
        for source in _next_started(self._sources, lambda after: after.read_ahead(ahead)):
            self._now = source
            outcome = _Outcome(str(source.path), self._errors)
            with contextlib.nullcontext() if self._folder is None else gathered.file():
                try:
                    for part in source.parts():
                        if isinstance(part, _Restart):
                            outcome.reset()
                            yield None
                            continue
                        outcome.take(part)
                        if len(part.table):
                            yield part.table.select(TRADE_SCHEMA.names)
                except _Fatal as fatal:
                    raise outcome.fatal(fatal.bad) from None
                finally:
                    rejected.extend(outcome.rejected)
                    rows += outcome.rows_read
                    self.rejected, self.rows_read = tuple(rejected), rows
                outcome.finish()
            yield _END
        if self._folder is not None:
            gathered.check(self._folder)

    def summarize(
        self,
        *,
        currency: str,
        rates: RateTable | None = None,
        by: str | None = None,
    ) -> TradeSummary:
        """Read the files and summarise them, as ``read_csv`` (or ``read_parquet``) and summarize.

        Each part (a block of a CSV file's bytes, a batch of a Parquet file's rows) is checked;
        checked rows are gathered, across the small files of a folder too, until they fill a
        part, then summarised exactly (:func:`~littlegiants.io.batches.summarize_batch`) and
        merged into the running summary. So memory holds about two parts' rows, and a folder of
        many small files costs a summary per part's worth of rows, not one per file.

        Raises:
            LoadError: a bad row (strict; after reading every file, listing the problems),
                a problem that stops a file, or an amount the table cannot hold exactly.
            InvalidRecordError: ``by="level"`` or a grouping function (summarise a
                ``TradeTable`` for those), or as ``summarize``.
            RateNotFoundError: as ``summarize``.
        """
        if callable(by):
            raise InvalidRecordError(
                by,
                N_("a scan groups by 'region' or 'enterprise': read a TradeTable for a function"),
            )
        sums = _Sums(
            lambda rows: _batches.summarize_batch(rows, currency=currency, rates=rates, by=by)
        )
        for table in self._tables():
            if isinstance(table, _EndOfFile):
                sums.end_of_file()
            elif table is None:  # the loader's reader starts the file again from its top
                sums.start_file()
            else:
                sums.take(table, self._share(table))
        total = sums.finish()
        return summarize([], currency=currency, rates=rates, by=by) if total is None else total
