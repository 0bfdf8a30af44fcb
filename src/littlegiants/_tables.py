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
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import importlib
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
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

__all__ = [
    "FORMATS",
    "MAX_CELL_CHARS",
    "MAX_LINE_BYTES",
    "MAX_RECORD_CHARS",
    "MAX_TOML_BYTES",
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
    """The physical lines of a binary file, decoded, with what was wrong with each since asked.

    Lines longer than :data:`MAX_LINE_BYTES` are cut and skipped (the rest is read and dropped,
    so memory stays bounded); undecodable bytes are replaced and reported.
    """

    def __init__(self, binary: IO[bytes], encoding: str) -> None:
        self.binary = binary
        self.encoding = encoding
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
        readline = self.binary.readline
        limit = MAX_LINE_BYTES + 1
        threshold = min(MAX_CELL_CHARS, MAX_LINE_BYTES)
        decode, encoding = self.decode, self.encoding  # the header chose the encoding already
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
                    continue
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                yield decode(data)  # reports the bytes
                continue
            if "\x00" in text:
                yield decode(data)  # reports the NUL
                continue
            yield text


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
    fast_slot: list[Callable[[list[str]], object] | None],
) -> Iterator[Any]:
    """Rows of a CSV file; a row the fast function builds a record from is yielded as it."""
    with path.open("rb") as binary:
        head = binary.read(_CHUNK)
        problem = _binary_problem(head)
        if problem is not None:
            yield _fatal(f"the file is not a CSV table: {problem}")
            return
        binary.seek(0)
        lines = _Lines(binary, encoding)
        header = _csv_header(binary, lines, encoding, accept_header)
        if isinstance(header, tuple):
            yield header
            return
        yield ("header", 1, header, (), None)
        fast = fast_slot[0]  # set by the consumer while it handled the header
        width = len(header)
        reader = csv.reader(lines, strict=True)
        flags, longs = lines.flags, lines.longs
        record = 1
        while True:
            try:
                for cells in reader:
                    record += 1
                    if flags or longs or len(cells) != width:
                        yield ("row", record, cells, _row_issues(cells, header, lines), None)
                    elif fast is not None and (built := fast(cells)) is not None:
                        yield built
                    elif any(cells):
                        yield ("row", record, cells, (), None)
                    else:
                        yield ("row", record, cells, _row_issues(cells, header, lines), None)
                break
            except csv.Error as exc:
                record += 1
                found = [_issue(flag) for flag in lines.take()]
                message = f"the CSV is malformed here ({exc}); a quote may be unclosed or stray"
                yield ("row", record, [], (*found, _issue(message)), None)


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
    width = len(header)
    long = lines.long
    issues = [_issue(flag) for flag in lines.take()]
    if issues:
        return tuple(issues)
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
    fast_slot: list[Callable[[list[str]], object] | None] | None = None,
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
            with a function that builds a record from a clean row's cells (or returns ``None``);
            a row it builds is yielded as the record instead of a :data:`Row`.

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
