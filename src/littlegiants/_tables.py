"""Tables in files: the rows of CSV, JSON, JSON Lines, TOML and XLSX files, read and written.

With :mod:`littlegiants.dumps` and :mod:`littlegiants.loader`, this is the only code that knows
file formats. It knows nothing of record kinds: it turns a file into rows of raw cells, each row
with the line a user finds it on, and reports what is wrong with the file itself (bytes that are
not text, a line too long, a row with more fields than the header, a JSON syntax error), never
raising from deep inside a parser. :mod:`littlegiants._schemas` gives the cells their meaning.

Reading is streaming for CSV, JSON Lines, JSON and XLSX: memory stays bounded by the size limits
below, whatever the file's size. TOML has no streaming parser in the standard library, so a TOML
file is read whole, up to :data:`MAX_TOML_BYTES`.

Rows are plain tuples ``(kind, line, cells, issues, key_lines)`` for speed (a million-row file
makes a million of them): ``kind`` is ``"header"``, ``"row"`` or ``"fatal"`` (the file cannot be
read further); ``cells`` is a list for CSV and XLSX and a dict for JSON, JSON Lines and TOML.
For CSV, the caller may give a function that builds records from clean rows (the trade fast
path): the records it builds come as lists of records among the rows.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import importlib
import itertools
import json
import math
import os
import re
import tempfile
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, NamedTuple

from littlegiants._tomlindex import line_index

if TYPE_CHECKING:
    from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence

__all__ = [
    "FORMATS",
    "MAX_CELL_CHARS",
    "MAX_LINE_BYTES",
    "MAX_RECORD_CHARS",
    "MAX_TOML_BYTES",
    "FastPath",
    "Issue",
    "Row",
    "escape_formula",
    "format_of",
    "read_rows",
    "unescape_formula",
    "write_rows",
]

#: File formats by extension.
FORMATS: Final = {
    ".csv": "csv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".toml": "toml",
    ".xlsx": "xlsx",
}
#: The longest physical line of a CSV or JSON Lines file, in bytes (1 MiB).
MAX_LINE_BYTES: Final = 1 << 20
#: The longest value of one cell, in characters: no name, code or amount comes near it.
MAX_CELL_CHARS: Final = 10_000
#: The longest record of a JSON array, in characters (1 Mi).
MAX_RECORD_CHARS: Final = 1 << 20
#: The largest TOML file, in bytes (16 MiB); TOML is read whole.
MAX_TOML_BYTES: Final = 16 << 20

_CHUNK: Final = 1 << 16
#: The bytes a CSV or JSON Lines file is read by, when its blocks are clean (see _Lines).
_BLOCK: Final = 1 << 14
#: Encodings that read a block as the concatenation of its lines: no state, and the byte
#: "\n" is never part of a longer character (UTF-8, the GB family, Big5, ASCII, Latin-1).
_BLOCK_CODECS: Final = frozenset(
    {"utf-8", "gb18030", "gbk", "gb2312", "big5", "ascii", "iso8859-1"}
)
#: Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED: Final = re.compile(r"'+[=+\-@\t\r]")
_SIGNATURES: Final = (
    (b"PK\x03\x04", "it is a zip archive (an .xlsx workbook?), not text: give it the .xlsx name"),
    (b"\xd0\xcf\x11\xe0", "it is an old binary Excel (.xls) file: save it as .xlsx or .csv"),
    (b"%PDF", "it is a PDF document, not a table"),
    (b"\xff\xfe", "it is UTF-16 text: save it as UTF-8 (or GB18030)"),
    (b"\xfe\xff", "it is UTF-16 text: save it as UTF-8 (or GB18030)"),
)
_DELIMITERS: Final = {";": "';'", "\t": "a tab", "|": "'|'", "，": "a full-width comma '，'"}
_TOML_LINE: Final = re.compile(r"\(at line (\d+), column (\d+)\)")
_EXCEL_DIGITS: Final = 15


class Issue(NamedTuple):
    """A problem found while reading: the column (or ``None``), the value and the message."""

    column: str | None
    value: object
    message: str
    line: int | None = None


#: ``(kind, line, cells, issues, key_lines)``; see the module docstring.
Row = tuple[str, "int | None", Any, "tuple[Issue, ...]", "Mapping[str, int] | None"]


def format_of(path: Path) -> str | None:
    """Return the format of a file from its extension (case-insensitive), or ``None``."""
    return FORMATS.get(path.suffix.lower())


def escape_formula(text: str) -> str:
    r"""Prefix ``'`` to text a spreadsheet would read as a formula; undone by unescape_formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (after any
    apostrophes) gets one more apostrophe, the OWASP advice against formula injection; a
    spreadsheet shows such a cell as text.

    >>> escape_formula('=HYPERLINK("http://x")'), escape_formula("'=1"), escape_formula("a=b")
    ('\'=HYPERLINK("http://x")', "''=1", 'a=b')
    """
    return "'" + text if _ESCAPED.match("'" + text) else text


def unescape_formula(text: str) -> str:
    """Drop the apostrophe :func:`escape_formula` added (and a spreadsheet's own text marker).

    >>> unescape_formula("'=1"), unescape_formula("''=1"), unescape_formula("'t Hooft")
    ('=1', "'=1", "'t Hooft")
    """
    return text[1:] if _ESCAPED.match(text) else text


def _issue(message: str, *, line: int | None = None, value: object = None) -> Issue:
    return Issue(None, value, message, line)


def _fatal(message: str, line: int | None = None, value: object = None) -> Row:
    return ("fatal", line, None, (_issue(message, line=line, value=value),), None)


def check_encoding(encoding: str) -> str | None:
    r"""Return why ``encoding`` cannot read these files, or ``None`` when it can.

    Lines are split on the byte ``\\n`` before decoding, so only ASCII-compatible encodings
    (UTF-8, GB18030, GBK, Big5 ...) are accepted; UTF-16 and UTF-32 are not.
    """
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        return f"{encoding!r} is not an encoding Python knows"
    try:
        compatible = "a,\n".encode(info.name) == b"a,\n"
    except UnicodeError:  # pragma: no cover - every codec encodes ASCII or refuses the name
        compatible = False
    if not compatible:
        return f"{encoding!r} is not ASCII-compatible; save the file as UTF-8 or GB18030"
    return None


# -- CSV ------------------------------------------------------------------------------------------


class _Lines:
    r"""The physical lines of a binary file, decoded, with what was wrong with each since asked.

    Lines longer than :data:`MAX_LINE_BYTES` are cut and skipped (the rest is read and dropped,
    so memory stays bounded); undecodable bytes are replaced and reported.

    Reading is by blocks of :data:`_BLOCK` bytes: a block whose lines are all short, decode
    without error and hold no NUL is decoded at once and split on ``\n``, which gives exactly
    the lines (and no problems) that reading it line by line would. Any other block, from its
    first line on, is read line by line (:meth:`_each`), which finds and reports the problems;
    block reading resumes at the next line boundary after the bytes already read. Block
    decoding is only for the encodings of :data:`_BLOCK_CODECS`, where the byte ``\n`` is
    always a whole character; any other encoding is read line by line.

    Args:
        binary: the file, positioned after the lines already read (the CSV header).
        encoding: the text encoding.
        bare: the lines feed a ``csv.reader``, so lines may come without their ``\n`` as long
            as no quote character was met yet: outside quotes, ``csv`` ends a row at the end of
            a line with or without it.
    """

    def __init__(self, binary: IO[bytes], encoding: str, *, bare: bool = False) -> None:
        self.binary = binary
        self.encoding = encoding
        self.bare = bare
        self.flags: list[str] = []  # cleared in place: the row loop holds this very list
        self.longs: list[int] = []  # lengths of lines longer than a cell may be

    @property
    def long(self) -> bool:
        """Whether a line since the last :meth:`take` was longer than a cell may be."""
        return bool(self.longs)

    def take(self) -> list[str]:
        """Return and clear the problems seen since the last call."""
        flags = list(self.flags)
        self.flags.clear()
        self.longs.clear()
        return flags

    def decode(self, data: bytes) -> str:
        """Decode one line, reporting bytes the encoding cannot read."""
        try:
            text = data.decode(self.encoding)
        except UnicodeDecodeError as exc:
            text = data.decode(self.encoding, "replace")
            self.flags.append(_decode_message(data, exc, self.encoding))
        if "\x00" in text:
            self.flags.append("it holds binary data (a NUL character): this is not a text table")
        return text

    def __iter__(self) -> Iterator[str]:
        """Yield decoded lines; see the class docstring."""
        return itertools.chain.from_iterable(group for group, _ in self.groups())

    def groups(self) -> Iterator[_Group]:
        r"""The lines in groups: ``(lines, plain)``; see the class docstring.

        A group is the list of the lines of a clean block, or a line-by-line reader for the
        others. ``plain`` (only with ``bare``) marks a list whose lines are each one CSV row,
        whose cells ``line.split(",")`` gives exactly as ``csv.reader`` would (an empty line is
        the row of no cells): no quote character was met so far, the lines come without their
        ``\n`` or ``\r\n``, and no other line break (a lone ``\r``) is in them.
        """
        binary = self.binary
        encoding = self.encoding  # the header chose the encoding already
        if codecs.lookup(encoding).name not in _BLOCK_CODECS:
            yield self._each(binary.readline), False
            return
        threshold = min(MAX_CELL_CHARS, MAX_LINE_BYTES)
        quoted = not self.bare  # whether lines must keep their "\n"
        pending = b""  # the start of a line whose end is in the next block
        while True:
            block = binary.read(_BLOCK)
            data = pending + block if pending else block
            if not data:
                return
            cut = data.rfind(b"\n") + 1 if block else len(data)
            found = None
            if len(data) - cut < threshold:
                if not cut:  # no line ends in this block yet
                    pending = data
                    continue
                complete = data[:cut] if cut < len(data) else data
                found = _block_lines(complete, encoding, threshold, quoted=quoted)
            if found is None:  # a line to read on its own: long, undecodable or holding a NUL
                resume = _Resume(data, binary)
                yield self._each(resume.readline, resume), False
                pending, quoted = b"", True  # those lines may have opened a quote
            else:
                pending = data[cut:]
                lines, plain, quoted = found
                yield lines, plain
            if not block:
                return

    def _each(
        self, readline: Callable[[int], bytes], resume: _Resume | None = None
    ) -> Iterator[str]:
        """Yield decoded lines one by one, noting their problems; see the class docstring.

        With ``resume``, stop at the first line boundary after the bytes it holds.
        """
        limit = MAX_LINE_BYTES + 1
        threshold = min(MAX_CELL_CHARS, MAX_LINE_BYTES)
        decode, encoding = self.decode, self.encoding
        while data := readline(limit):
            if len(data) > threshold:
                self.longs.append(len(data))
                if len(data) == limit and not data.endswith(b"\n"):
                    while (rest := readline(limit)) and not rest.endswith(b"\n"):
                        pass
                    self.flags.append(
                        f"the line is longer than {MAX_LINE_BYTES:,} bytes, the limit; "
                        "is this a table with line breaks?"
                    )
                    yield "\n"
                    if resume is not None and resume.done:
                        return
                    continue
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                text = decode(data)  # reports the bytes
            else:
                if "\x00" in text:
                    text = decode(data)  # reports the NUL
            yield text
            if resume is not None and resume.done:
                return


#: ``(lines, plain)``: see :meth:`_Lines.groups`.
_Group = tuple["list[str] | Iterator[str]", bool]


class _Resume:
    """``readline`` over bytes already read from a file, then over the rest of the file."""

    def __init__(self, data: bytes, binary: IO[bytes]) -> None:
        self.data = data
        self.position = 0
        self.binary = binary

    @property
    def done(self) -> bool:
        """Whether every byte already read has been returned."""
        return self.position >= len(self.data)

    def readline(self, limit: int) -> bytes:
        """Like ``binary.readline(limit)`` on the bytes already read followed by the file."""
        data, start = self.data, self.position
        if start >= len(data):
            return self.binary.readline(limit)
        end = data.find(b"\n", start, start + limit) + 1
        if end:
            self.position = end
            return data[start:end]
        if len(data) - start >= limit:
            self.position = start + limit
            return data[start : start + limit]
        self.position = len(data)
        return data[start:] + self.binary.readline(limit - (len(data) - start))


def _block_lines(
    data: bytes, encoding: str, threshold: int, *, quoted: bool
) -> tuple[list[str], bool, bool] | None:
    r"""The lines of a block, when reading it line by line would find nothing wrong in it.

    Nothing wrong: every line is shorter than ``threshold`` bytes (a last line of
    ``threshold`` bytes without its ``\n`` is read line by line too, which only costs time),
    there is no NUL, and the bytes decode. The checks are on the bytes, which is exact for
    :data:`_BLOCK_CODECS`: a NUL, ``\r``, ``\n`` or ``"`` byte is always that character.

    Args:
        data: whole lines (the last one may lack its ``\n`` at the end of the file).
        encoding: the encoding, one of :data:`_BLOCK_CODECS`.
        threshold: the length from which a line is read on its own.
        quoted: whether a quote character was met before (lines must keep their ``\n``).

    Returns:
        ``(lines, plain, quoted)``, see :meth:`_Lines.groups`, or ``None``.
    """
    if b"\x00" in data or not _short_lines(data, threshold):
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if not quoted and b'"' not in data and data.endswith(b"\n"):
        lines = text.splitlines()  # ends lines at "\n" and "\r\n", and at other breaks too:
        if len(lines) == data.count(b"\n"):  # one line a "\n": there was no other break
            return lines, True, False
    lines = text.split("\n")
    last = lines.pop()  # "" after a final "\n", else the file's unended last line
    if quoted or b'"' in data:
        quoted = True
        lines = [line + "\n" for line in lines]
    if last:
        lines.append(last)
    return lines, False, quoted


def _short_lines(data: bytes, threshold: int) -> bool:
    r"""Whether every line of ``data`` (split on ``\n``) is shorter than ``threshold`` bytes.

    A line of ``2 * half`` bytes or more covers a whole aligned window of ``half`` bytes, so
    when every such window holds a ``\n`` no line is that long; only otherwise are the lines
    measured one by one.
    """
    half = threshold // 2
    if half:
        find = data.find
        if all(
            find(b"\n", start, start + half) >= 0 for start in range(0, len(data) - half + 1, half)
        ):
            return True
    return max(map(len, data.split(b"\n"))) < threshold


def _binary_problem(head: bytes) -> str | None:
    """Why the first bytes of a file show it is not a text table, or ``None``."""
    for signature, why in _SIGNATURES:
        if head.startswith(signature):
            return why
    controls = sum(head.count(bytes([byte])) for byte in (*range(9), 11, 12, *range(14, 32)))
    if controls:
        return f"it holds binary data ({controls} control bytes such as NUL near its start)"
    return None


def _decode_message(data: bytes, exc: UnicodeDecodeError, encoding: str) -> str:
    bad = data[exc.start : exc.start + 4].hex(" ")
    hint = ""
    if codecs.lookup(encoding).name == "utf-8" and _decodes(data, "gb18030"):
        hint = "; the line reads as GB18030: pass encoding='gb18030'"
    return f"bytes {bad} at byte {exc.start + 1} of the line are not valid {encoding}{hint}"


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _csv_rows(
    path: Path,
    encoding: str,
    accept_header: Callable[[list[str]], bool],
    fast_slot: list[FastPath | None],
) -> Iterator[Any]:
    """Rows of a CSV file; records the fast path builds are yielded in lists of them.

    The file is read in blocks (see :class:`_Lines`): plain blocks are split into rows
    directly (:func:`_plain_rows`), the rest of the file from the first other block on is
    parsed by ``csv.reader`` (:func:`_quoted_rows`). Both number rows as a spreadsheet does.
    """
    with path.open("rb") as binary:
        problem = _binary_problem(binary.read(_CHUNK))
        if problem is not None:
            yield _fatal(f"the file is not a CSV table: {problem}")
            return
        binary.seek(0)
        lines = _Lines(binary, encoding, bare=True)
        header = _csv_header(binary, lines, encoding, accept_header)
        if isinstance(header, tuple):
            yield header
            return
        yield ("header", 1, header, (), None)
        fast = fast_slot[0]  # set by the consumer while it handled the header
        groups = lines.groups()
        record = 1
        if csv.field_size_limit() >= min(MAX_CELL_CHARS, MAX_LINE_BYTES):
            groups, record = yield from _plain_rows(groups, header, fast)
        yield from _quoted_rows(groups, header, lines, fast, record)


class FastPath(NamedTuple):
    """Functions that build records from rows of cells, for the rows they can (see read_rows).

    ``row`` builds a record from one row's cells, or returns ``None``. ``rows`` builds the
    records of a list of rows, or returns ``None`` when it cannot build every one of them (the
    rows are then given to ``row`` one by one). Both may be given rows of any width.
    """

    row: Callable[[list[str]], object]
    rows: Callable[[list[list[str]]], list[Any] | None]


#: The rows given to the fast path's ``rows`` together (a few hundred records held at once).
_BATCH: Final = 128


def _plain_rows(
    groups: Iterator[_Group], header: list[str], fast: FastPath | None
) -> Generator[Any, None, tuple[Iterator[_Group], int]]:
    """Rows of the plain groups at the start of the file (see :meth:`_Lines.groups`).

    Each line is one row, split on commas. Returns the groups left, from the first that is not
    plain, and the number of the last row read, for :func:`_quoted_rows`.
    """
    split, comma = str.split, itertools.repeat(",")
    record = 1
    for group, plain in groups:
        if not plain or not isinstance(group, list):
            return itertools.chain([(group, plain)], groups), record
        for start in range(0, len(group), _BATCH):
            part = group[start : start + _BATCH]
            if "" in part:  # csv.reader reads an empty line as the empty row
                rows = [line.split(",") if line else [] for line in part]
            else:
                rows = list(map(split, part, comma))
            yield from _clean_rows(rows, record, header, fast)
            record += len(rows)
    return iter(()), record


def _clean_rows(
    rows: list[list[str]], record: int, header: list[str], fast: FastPath | None
) -> Iterator[Any]:
    """Rows numbered from ``record + 1`` whose lines had no problem: records, in lists, or rows.

    The fast path builds what it can: all the rows at once, else row by row in order (a row the
    general path reads may fill its caches for the next ones).
    """
    if fast is not None:
        built = fast.rows(rows)
        if built is not None:
            yield built
            return
    batch: list[object] = []
    width = len(header)
    for cells in rows:
        record += 1
        made = None if fast is None else fast.row(cells)
        if made is not None:
            batch.append(made)
            continue
        if batch:
            yield batch
            batch = []
        shaped = len(cells) == width and any(cells)
        yield (
            "row",
            record,
            cells,
            () if shaped else _shape_issues(cells, header, long=False),
            None,
        )
    if batch:
        yield batch


def _quoted_rows(
    groups: Iterator[_Group],
    header: list[str],
    lines: _Lines,
    fast: FastPath | None,
    record: int,
) -> Iterator[Any]:
    """Rows of the rest of the file, parsed by ``csv.reader`` (quotes, line-by-line reading).

    Rows whose lines had no problem are given to the fast path in lists (:func:`_clean_rows`);
    the list is handed on before any other row, so rows keep their order.
    """
    reader = csv.reader(itertools.chain.from_iterable(group for group, _ in groups), strict=True)
    flags, longs = lines.flags, lines.longs
    clean: list[list[str]] = []
    while True:
        try:
            for cells in reader:
                if flags or longs:
                    if clean:
                        yield from _clean_rows(clean, record, header, fast)
                        record += len(clean)
                        clean = []
                    record += 1
                    yield ("row", record, cells, _row_issues(cells, header, lines), None)
                    continue
                clean.append(cells)
                if len(clean) >= _BATCH:
                    yield from _clean_rows(clean, record, header, fast)
                    record += len(clean)
                    clean = []
            break
        except csv.Error as exc:
            if clean:
                yield from _clean_rows(clean, record, header, fast)
                record += len(clean)
                clean = []
            record += 1
            found = [_issue(flag) for flag in lines.take()]
            message = f"the CSV is malformed here ({exc}); a quote may be unclosed or stray"
            yield ("row", record, [], (*found, _issue(message)), None)
    if clean:
        yield from _clean_rows(clean, record, header, fast)


def _csv_header(
    binary: IO[bytes], lines: _Lines, encoding: str, accept_header: Callable[[list[str]], bool]
) -> list[str] | Row:
    """Read line 1, detect GB18030 when UTF-8 fails, and return the header cells or a fatal row."""
    data = binary.readline(MAX_LINE_BYTES + 1)
    if not data:
        return _fatal("the file is empty: a CSV table starts with a header row", 1)
    if len(data) > MAX_LINE_BYTES:
        return _fatal(f"the header line is longer than {MAX_LINE_BYTES:,} bytes, the limit", 1)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        detected = _detect_gb18030(data, encoding, accept_header)
        if detected is None:
            return _fatal(_decode_message(data, exc, encoding), 1)
        text = detected
        lines.encoding = "gb18030"
    if "\x00" in text:
        return _fatal("the file holds binary data (a NUL character): it is not a text table", 1)
    text = text.removeprefix("\ufeff")
    try:
        cells = next(csv.reader([text], strict=True))
    except (csv.Error, StopIteration):
        return _fatal("the header row is not valid CSV (a quote is unclosed?)", 1)
    if len(cells) == 1:
        for delimiter, name in _DELIMITERS.items():
            if delimiter in cells[0]:
                return _fatal(
                    f"the header is one column, {cells[0]!r}: the file seems to separate "
                    f"columns with {name}; these files use commas",
                    1,
                    cells[0],
                )
    return cells


def _detect_gb18030(
    data: bytes, encoding: str, accept_header: Callable[[list[str]], bool]
) -> str | None:
    """Return line 1 read as GB18030 when that is certain, else ``None``.

    Certain means: the caller asked for UTF-8 (the default), line 1 is not UTF-8, it decodes as
    GB18030 without error, and every cell of it then names a known column of the kind, at least
    one of them a Chinese header (an ASCII header reads the same in both encodings).
    """
    if codecs.lookup(encoding).name != "utf-8":
        return None
    try:
        text = data.decode("gb18030").removeprefix("\ufeff")
        cells = next(csv.reader([text], strict=True))
    except (UnicodeDecodeError, csv.Error, StopIteration):
        return None
    if not any(not cell.isascii() for cell in cells) or not accept_header(cells):
        return None
    return text


def _row_issues(cells: list[str], header: list[str], lines: _Lines) -> tuple[Issue, ...]:
    """The problems of a row: of its lines (taken from ``lines``), else of its cells."""
    long = lines.long
    issues = [_issue(flag) for flag in lines.take()]
    if issues:
        return tuple(issues)
    return _shape_issues(cells, header, long=long)


def _shape_issues(cells: list[str], header: list[str], *, long: bool) -> tuple[Issue, ...]:
    """The problems of a row's cells: blank, more or fewer than the header, too long."""
    width = len(header)
    issues: list[Issue] = []
    if not any(cell.strip() for cell in cells):
        return (_issue("the row is blank; delete it"),)
    if len(cells) != width:
        more = "more" if len(cells) > width else "fewer"
        issues.append(
            _issue(
                f"the row has {len(cells)} fields, {more} than the header's {width} "
                "(a stray or missing comma?)"
            )
        )
    if long:
        issues.extend(
            Issue(
                header[index] if index < width else None,
                cell[:40] + "...",
                f"a value of {len(cell):,} characters; the limit is {MAX_CELL_CHARS:,}",
            )
            for index, cell in enumerate(cells)
            if len(cell) > MAX_CELL_CHARS
        )
    return tuple(issues)


# -- JSON, JSON Lines ---------------------------------------------------------------------------


class _Object(dict[str, Any]):
    """A JSON object that remembers keys given twice (``json`` would keep the last silently)."""

    duplicates: tuple[str, ...] = ()


def _pairs(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        repeated: list[str] = []
        for key, _ in pairs:
            if key in seen:
                repeated.append(key)
            seen.add(key)
        result.duplicates = tuple(repeated)
    return result


def _constant(text: str) -> Decimal:
    """NaN and Infinity become non-finite Decimals, which the schema reports by column."""
    return Decimal(text)


_DECODER: Final = json.JSONDecoder(
    parse_float=Decimal, parse_constant=_constant, object_pairs_hook=_pairs
)


def _record_row(line: int, value: object) -> Row:
    if not isinstance(value, dict):
        kind = "an array" if isinstance(value, list) else type(value).__name__
        return ("row", line, {}, (_issue(f"expected a record {{...}}, got {kind}"),), None)
    duplicates = getattr(value, "duplicates", ())
    issues = tuple(Issue(key, value[key], f"the key {key!r} is given twice") for key in duplicates)
    if not value:
        issues = (_issue("the record is empty"),)
    return ("row", line, value, issues, None)


def _jsonl_rows(path: Path, encoding: str) -> Iterator[Row]:
    with path.open("rb") as binary:
        lines = _Lines(binary, encoding)
        number = 0
        for text in lines:
            number += 1
            flags = lines.take()
            if flags:
                yield ("row", number, {}, tuple(_issue(flag) for flag in flags), None)
                continue
            line_text = text.removeprefix("\ufeff") if number == 1 else text
            if not line_text.strip():
                yield ("row", number, {}, (_issue("the line is blank; delete it"),), None)
                continue
            try:
                value = _DECODER.decode(line_text)
            except json.JSONDecodeError as exc:
                message = f"not JSON: {exc.msg} at character {exc.pos + 1}"
                yield ("row", number, {}, (_issue(message, value=line_text[:60]),), None)
                continue
            except (ValueError, RecursionError) as exc:
                yield ("row", number, {}, (_issue(f"not usable JSON: {exc}"),), None)
                continue
            yield _record_row(number, value)


class _JsonArray:
    """Stream the records of ``[{...}, {...}]`` with their line numbers, in bounded memory."""

    def __init__(self, binary: IO[bytes], encoding: str) -> None:
        self.binary = binary
        self.decoder = codecs.getincrementaldecoder(encoding)("strict")
        self.encoding = encoding
        self.buffer = ""
        self.pos = 0
        self.line_base = 1
        self.eof = False
        self.first = True
        self.failure: Row | None = None

    def more(self) -> None:
        """Read the next chunk; at the end of the file set ``eof``."""
        data = self.binary.read(_CHUNK)
        self.eof = not data
        text = self.decoder.decode(data, final=self.eof)
        if self.first:
            text = text.removeprefix("\ufeff")
            self.first = False
        self.buffer += text

    def line(self, pos: int) -> int:
        """The line of a position in the buffer."""
        return self.line_base + self.buffer.count("\n", 0, pos)

    def compact(self) -> None:
        """Drop what was consumed, keeping count of its lines."""
        self.line_base += self.buffer.count("\n", 0, self.pos)
        self.buffer = self.buffer[self.pos :]
        self.pos = 0

    def skip_space(self) -> str:
        """Skip whitespace and return the next character, or ``""`` at the end."""
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buffer) or self.eof:
                return self.buffer[self.pos : self.pos + 1]
            self.compact()
            self.more()

    def value(self) -> tuple[object, int] | None:
        """Decode the value at ``pos`` and return it with its line; ``None`` sets ``failure``."""
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError as exc:
                incomplete = exc.pos >= len(self.buffer) - 1 or exc.msg.startswith("Unterminated")
                if not self.eof and incomplete:
                    if len(self.buffer) - self.pos > MAX_RECORD_CHARS:
                        self.failure = _fatal(
                            f"a record is longer than {MAX_RECORD_CHARS:,} characters, the "
                            "limit (or a brace or quote is unclosed)",
                            self.line(self.pos),
                        )
                        return None
                    self.more()
                    continue
                self.failure = _fatal(f"not JSON: {exc.msg}", self.line(exc.pos))
                return None
            except RecursionError:
                self.failure = _fatal("a record is nested too deeply", self.line(self.pos))
                return None
            except ValueError as exc:
                self.failure = _fatal(f"not usable JSON: {exc}", self.line(self.pos))
                return None
            if end == len(self.buffer) and not self.eof:
                self.more()
                continue
            line = self.line(self.pos)
            self.pos = end
            return value, line


def _json_rows(path: Path, encoding: str) -> Iterator[Row]:
    with path.open("rb") as binary:
        stream = _JsonArray(binary, encoding)
        try:
            yield from _json_array(stream)
        except UnicodeDecodeError as exc:
            yield _fatal(
                f"the file is not valid {encoding} (bytes {exc.object[exc.start : exc.start + 4]!r}"
                f"); JSON files are UTF-8",
                stream.line(len(stream.buffer)),
            )


def _json_array(stream: _JsonArray) -> Iterator[Row]:
    start = stream.skip_space()
    if start != "[":
        what = "the file is empty" if not start else f"it starts with {start!r}"
        yield _fatal(
            f"a JSON file here holds an array of records, [{{...}}, {{...}}]; {what}",
            stream.line(stream.pos),
        )
        return
    stream.pos += 1
    after_comma = False
    while True:
        char = stream.skip_space()
        if char == "]" and not after_comma:
            stream.pos += 1
            break
        if not char:
            yield _fatal("the array is not closed with ']'", stream.line(stream.pos))
            return
        decoded = stream.value()
        if decoded is None:
            if stream.failure is not None:
                yield stream.failure
            return
        value, line = decoded
        yield _record_row(line, value)
        stream.compact()
        char = stream.skip_space()
        if char == ",":
            stream.pos += 1
            after_comma = True
            continue
        if char != "]":
            found = repr(char) if char else "the end of the file"
            yield _fatal(
                f"expected ',' or ']' after a record, found {found}", stream.line(stream.pos)
            )
            return
        stream.pos += 1
        break
    rest = stream.skip_space()
    if rest:
        yield _fatal("there is text after the closing ']'", stream.line(stream.pos))


# -- TOML ---------------------------------------------------------------------------------------


def _toml_rows(path: Path, encoding: str, tables: Sequence[str]) -> Iterator[Row]:
    with path.open("rb") as binary:
        data = binary.read(MAX_TOML_BYTES + 1)
    if len(data) > MAX_TOML_BYTES:
        yield _fatal(
            f"the TOML file is larger than {MAX_TOML_BYTES:,} bytes, the limit for TOML (read "
            "whole); use CSV or JSON Lines for large tables"
        )
        return
    try:
        text = data.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        bad_line = data.count(b"\n", 0, exc.start) + 1
        yield _fatal(f"the file is not valid {encoding}; TOML files are UTF-8", bad_line)
        return
    if "\x00" in text:
        yield _fatal("the file holds binary data (a NUL character): it is not TOML")
        return
    try:
        document = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        where = _TOML_LINE.search(str(exc))
        message = _TOML_LINE.sub("", str(exc)).strip()
        yield _fatal(f"not TOML: {message}", int(where[1]) if where else None)
        return
    except RecursionError:
        yield _fatal("the TOML nests too deeply")
        return
    index = line_index(text)
    expected = f"[[{tables[0]}]]"
    for key, value in document.items():
        line = index.get((key,))
        if key not in tables:
            message = f"unknown table {key!r}: this file's rows are {expected} tables"
            yield _fatal(message, line or _first_line(index, key), key)
            return
        if not isinstance(value, list):
            yield _fatal(f"{key!r} must be an array of tables, {expected}", line, key)
            return
        for number, table in enumerate(value):
            row_line = index.get((key, number), line)
            if not isinstance(table, dict):
                issue = _issue(f"expected a table, got {type(table).__name__}")
                yield ("row", row_line, {}, (issue,), None)
                continue
            key_lines = {name: index.get((key, number, name), row_line or 0) for name in table}
            yield (
                "row",
                row_line,
                table,
                () if table else (_issue("the table is empty"),),
                key_lines,
            )


def _first_line(index: Mapping[tuple[str | int, ...], int], key: str) -> int | None:
    lines = [line for path, line in index.items() if path[:1] == (key,)]
    return min(lines, default=None)


# -- XLSX ---------------------------------------------------------------------------------------


def _xlsx_cell(value: object, column: str | None) -> tuple[object, Issue | None]:
    """Turn what openpyxl returns into a value the schema reads exactly."""
    if isinstance(value, float):
        text = repr(value)
        digits = len(text.split("e")[0].replace("-", "").replace(".", "").lstrip("0"))
        if not math.isfinite(value):
            return value, Issue(column, text, "not a finite number")
        if digits > _EXCEL_DIGITS:
            return text, Issue(
                column,
                text,
                f"a binary fraction with {digits} digits, more than a spreadsheet shows "
                "(the result of a formula?): round it, or store the number as text",
            )
        return Decimal(text), None
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            return value, Issue(column, value.isoformat(), "expected a date without a time")
        return value.date(), None
    if isinstance(value, dt.time | dt.timedelta):
        return value, Issue(column, str(value), "expected a date, not a time")
    return value, None


def _xlsx_rows(path: Path, openpyxl: Any, sheet_words: Sequence[str]) -> Iterator[Row]:  # noqa: ANN401
    import zipfile  # noqa: PLC0415

    invalid_file = importlib.import_module("openpyxl.utils.exceptions").InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, invalid_file, KeyError, ValueError, TypeError) as exc:
        yield _fatal(f"the file is not a readable .xlsx workbook ({exc})")
        return
    try:
        names = list(workbook.sheetnames)
        chosen = (
            names
            if len(names) == 1
            else [name for name in names if name.strip().lower().startswith(tuple(sheet_words))]
        )
        if len(chosen) != 1:
            yield _fatal(
                f"the workbook has sheets {', '.join(map(repr, names))}: keep one sheet, or "
                f"name the one to read {sheet_words[0]!r}"
            )
            return
        yield from _sheet_rows(workbook[chosen[0]])
    finally:
        workbook.close()


def _sheet_rows(sheet: Any) -> Iterator[Row]:  # noqa: ANN401
    rows = sheet.iter_rows(min_row=1, values_only=True)
    first = next(rows, None)
    if first is None or all(value is None for value in first):
        yield _fatal("row 1 is empty: the sheet's first row must be its header", 1)
        return
    header = [("" if value is None else str(value)) for value in first]
    while header and not header[-1].strip():
        header.pop()
    yield ("header", 1, header, (), None)
    width = len(header)
    blank: list[int] = []
    for number, values in enumerate(rows, start=2):
        if all(value is None or (isinstance(value, str) and not value.strip()) for value in values):
            blank.append(number)
            continue
        for line in blank:  # blank rows followed by data are rows; trailing ones are not
            yield ("row", line, [], (_issue("the row is blank; delete it"),), None)
        blank.clear()
        cells: list[object] = []
        issues: list[Issue] = []
        for index, value in enumerate(values):
            column = header[index] if index < width else None
            cell, issue = _xlsx_cell(value, column)
            cells.append(cell)
            if issue is not None:
                issues.append(issue)
        extra = [value for value in cells[width:] if value is not None]
        if extra:
            issues.append(
                _issue(f"the row has values beyond the header's {width} columns", value=extra[0])
            )
        cells = (cells + [None] * width)[:width]
        yield ("row", number, cells, tuple(issues), None)


# -- reading, by format -------------------------------------------------------------------------


def read_rows(
    path: Path,
    fmt: str,
    *,
    encoding: str,
    accept_header: Callable[[list[str]], bool],
    tables: Sequence[str],
    openpyxl: Any = None,  # noqa: ANN401 - the module, when fmt is xlsx
    fast_slot: list[FastPath | None] | None = None,
) -> Iterator[Any]:
    """Yield the rows of a file; opening it happens on the first ``next()``.

    Args:
        path: the file.
        fmt: its format, from :func:`format_of`.
        encoding: the text encoding (ignored for XLSX).
        accept_header: whether header cells are all known columns (for GB18030 detection).
        tables: the TOML table names of the kind, canonical first; also the sheet names.
        openpyxl: the openpyxl module, for XLSX.
        fast_slot: for CSV, a one-item list the caller fills, while it handles the header row,
            with a :class:`FastPath` for the rows whose lines had no problem; the records it
            builds are yielded in lists of them (in file order with the rows) instead of as
            :data:`Row` tuples.

    Raises:
        OSError: the file cannot be opened or read.
    """
    if fmt == "csv":
        return _csv_rows(path, encoding, accept_header, fast_slot or [None])
    if fmt == "jsonl":
        return _jsonl_rows(path, encoding)
    if fmt == "json":
        return _json_rows(path, encoding)
    if fmt == "toml":
        return _toml_rows(path, encoding, tables)
    return _xlsx_rows(path, openpyxl, tables)


# -- writing ------------------------------------------------------------------------------------


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | dt.date):
        return str(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{key} = {_toml_value(item)}" for key, item in value.items())
        return "{ " + inner + " }"
    msg = f"cannot write {type(value).__name__} to TOML"  # pragma: no cover - schema's values
    raise TypeError(msg)  # pragma: no cover


def _json_default(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    msg = f"cannot write {type(value).__name__} to JSON"  # pragma: no cover - schema's values
    raise TypeError(msg)  # pragma: no cover


def _write_text(
    handle: IO[str],
    fmt: str,
    *,
    header: Sequence[str],
    rows: Iterable[Mapping[str, object]],
    table: str,
    text_columns: frozenset[str],
) -> int:
    count = 0
    if fmt == "csv":
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([_csv_cell(row, name, text_columns) for name in header])
            count += 1
    elif fmt in ("json", "jsonl"):
        separator = "\n" if fmt == "jsonl" else ",\n"
        if fmt == "json":
            handle.write("[")
        for row in rows:
            if count or fmt == "json":
                handle.write(separator if count else "\n")
            handle.write(json.dumps(row, ensure_ascii=False, default=_json_default))
            count += 1
        handle.write("\n]\n" if fmt == "json" else ("\n" if count else ""))
    else:
        for row in rows:
            handle.write(("\n" if count else "") + f"[[{table}]]\n")
            handle.writelines(f"{key} = {_toml_value(value)}\n" for key, value in row.items())
            count += 1
    return count


def _csv_cell(row: Mapping[str, object], name: str, text_columns: frozenset[str]) -> object:
    value = row.get(name)
    if value is None:
        return ""
    return escape_formula(str(value)) if name in text_columns else value


def write_rows(
    path: Path,
    fmt: str,
    *,
    header: Sequence[str],
    rows: Iterable[Mapping[str, object]],
    table: str,
    text_columns: frozenset[str],
    encoding: str,
    openpyxl: Any = None,  # noqa: ANN401 - the module, when fmt is xlsx
) -> int:
    """Write rows to ``path`` atomically (a temporary file, then a rename); return their count.

    For CSV and XLSX each row maps every column of ``header`` to text (``""`` for none); CSV
    cells of ``text_columns`` are escaped with :func:`escape_formula`, and XLSX cells are written
    as text cells, which a spreadsheet never evaluates. For JSON, JSON Lines and TOML a row maps
    the columns that have a value to native values (text, ``int``, ``bool``, ``date``, lists of
    tables).

    Raises:
        OSError: the file cannot be written.
        UnicodeEncodeError: the text cannot be encoded in ``encoding``.
    """
    folder = path.parent if str(path.parent) else Path()
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        if fmt == "xlsx":
            os.close(handle)
            count = _write_xlsx(Path(temporary), openpyxl, header, rows, table)
        else:
            with open(handle, "w", encoding=encoding, newline="") as text:  # noqa: PTH123
                count = _write_text(
                    text, fmt, header=header, rows=rows, table=table, text_columns=text_columns
                )
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


def _write_xlsx(
    path: Path,
    openpyxl: Any,  # noqa: ANN401
    header: Sequence[str],
    rows: Iterable[Mapping[str, object]],
    sheet: str,
) -> int:
    write_only_cell = importlib.import_module("openpyxl.cell").WriteOnlyCell

    workbook = openpyxl.Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)

    def text_cells(values: Iterable[object]) -> list[Any]:
        cells = []
        for value in values:
            cell = write_only_cell(worksheet, value=None if value in ("", None) else str(value))
            cell.data_type = "s"  # text, never a formula, whatever it starts with
            cells.append(cell)
        return cells

    worksheet.append(text_cells(header))
    count = 0
    for row in rows:
        worksheet.append(text_cells(row.get(name, "") for name in header))
        count += 1
    workbook.save(path)
    return count
