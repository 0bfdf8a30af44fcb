"""Tables in files: the rows of CSV, JSON, JSON Lines, TOML and XLSX files, read and written.

With :mod:`littlegiants.io.dumps` and :mod:`littlegiants.io.loader`, this is the only code that
knows file formats. It knows nothing of record kinds: it turns a file into rows of raw cells, each
row with the line a user finds it on, and reports what is wrong with the file itself (bytes that
are not text, a line too long, a row with more fields than the header, a JSON syntax error), never
raising from deep inside a parser. :mod:`littlegiants.io.kinds` gives the cells their meaning.

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
import collections
import csv
import datetime as dt
import errno
import functools
import importlib
import io
import itertools
import json
import math
import os
import re
import tomllib
import warnings
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, NamedTuple, TypeVar

from littlegiants._tomlindex import line_index
from littlegiants.errors import Reason
from littlegiants.translations import N_

if TYPE_CHECKING:
    from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence

T = TypeVar("T")

__all__ = [
    "FORMATS",
    "MAX_CELL_CHARS",
    "MAX_LINE_BYTES",
    "MAX_RECORD_CHARS",
    "MAX_TOML_BYTES",
    "MAX_XLSX_PART_BYTES",
    "FastPath",
    "Issue",
    "Row",
    "Unwritable",
    "escape_formula",
    "format_of",
    "read_rows",
    "shown",
    "toml_document",
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
    (
        b"PK\x03\x04",
        N_("it is a zip archive (an .xlsx workbook?), not text: give it the .xlsx name"),
    ),
    (b"\xd0\xcf\x11\xe0", N_("it is an old binary Excel (.xls) file: save it as .xlsx or .csv")),
    (b"%PDF", N_("it is a PDF document, not a table")),
    (b"\xff\xfe", N_("it is UTF-16 text: save it as UTF-8 (or GB18030)")),
    (b"\xfe\xff", N_("it is UTF-16 text: save it as UTF-8 (or GB18030)")),
)
_DELIMITERS: Final = {
    ";": "';'",
    "\t": N_("a tab"),
    "|": "'|'",
    "，": N_("a full-width comma '，'"),
}
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


def _too_long(text: str) -> Reason:
    """A value of more characters than the limit of a cell, :data:`MAX_CELL_CHARS`."""
    return Reason(
        N_("a value of {length:,} characters; the limit is {limit:,}"),
        length=len(text),
        limit=MAX_CELL_CHARS,
    )


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
        return Reason(N_("{encoding} is not an encoding Python knows"), encoding=repr(encoding))
    try:
        compatible = "a,\n".encode(info.name).removeprefix(codecs.BOM_UTF8) == b"a,\n"
    except UnicodeError:  # pragma: no cover - every codec encodes ASCII or refuses the name
        compatible = False
    if not compatible:
        return Reason(
            N_("{encoding} is not ASCII-compatible; save the file as UTF-8 or GB18030"),
            encoding=repr(encoding),
        )
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
        self.foreign: str | None = None  # which UTF-8 lines are foreign here (see groups)

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
            self.flags.append(
                N_("it holds binary data (a NUL character): this is not a text table")
            )
        elif self.foreign is not None:
            foreign = _foreign_utf8(data, self.foreign)
            if foreign is not None:
                self.flags.append(_foreign_message(foreign, self.encoding))
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
        self.foreign = foreign = _foreign_rule(encoding)
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
                if found is not None and foreign is not None and _any_foreign(complete, foreign):
                    found = None
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
        decode, encoding, foreign = self.decode, self.encoding, self.foreign
        flags, longs = self.flags, self.longs
        while data := readline(limit):
            problems, longer = len(flags), len(longs)
            if len(data) > threshold:
                self.longs.append(len(data))
                if len(data) == limit and not data.endswith(b"\n"):
                    while (rest := readline(limit)) and not rest.endswith(b"\n"):
                        pass
                    self.flags.append(
                        Reason(
                            N_(
                                "the line is longer than {limit:,} bytes, the limit; is this a "
                                "table with line breaks?"
                            ),
                            limit=MAX_LINE_BYTES,
                        )
                    )
                    yield _flagged("\n", flags[problems:], longs[longer:])
                    if resume is not None and resume.done:
                        return
                    continue
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                text = decode(data)  # reports the bytes
            else:
                if "\x00" in text or (
                    foreign is not None and not data.isascii() and _foreign_utf8(data, foreign)
                ):
                    text = decode(data)  # reports the NUL or the UTF-8 line
            if len(flags) != problems or len(longs) != longer:
                text = _flagged(text, flags[problems:], longs[longer:])
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
        return Reason(
            N_("it holds binary data ({controls} control bytes such as NUL near its start)"),
            controls=controls,
        )
    return None


def _decode_message(data: bytes, exc: UnicodeDecodeError, encoding: str) -> str:
    rule = _foreign_rule(encoding)
    foreign = None if rule is None else _foreign_utf8(data, rule)
    if foreign is not None:
        return _foreign_message(foreign, encoding)
    bad = data[exc.start : exc.start + 4].hex(" ")
    template = N_("bytes {bad} at byte {at} of the line are not valid {encoding}")
    if codecs.lookup(encoding).name == "utf-8" and _decodes(data, "gb18030"):
        template = N_(
            "bytes {bad} at byte {at} of the line are not valid {encoding}; the line reads as "
            "GB18030: save the whole file in one encoding, or pass encoding='gb18030' if all of "
            "it is GB18030"
        )
    return Reason(template, bad=bad, at=exc.start + 1, encoding=encoding)


#: Chinese, Japanese and Korean characters, their punctuation and the full-width forms.
_CJK: Final = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


@functools.cache
def _foreign_rule(encoding: str) -> str | None:
    """Which lines of a file in ``encoding`` are UTF-8 text that does not belong in it.

    ``None`` for UTF-8 itself. For an encoding of one byte per character (Latin-1, cp1252),
    ``"any"``: a line whose non-ASCII bytes form valid UTF-8 is UTF-8 (text in such an
    encoding almost never does). For a multi-byte encoding (GB18030, GBK, Big5), ``"cjk"``:
    a line that is valid UTF-8 and holds Chinese, Japanese or Korean characters when read so.
    GB18030 text with a few characters can happen to be valid UTF-8, but then reads as Latin,
    Greek or Hebrew letters, never as Chinese (0 in a million random GB2312 strings tried).
    """
    name = codecs.lookup(encoding).name
    if name in ("utf-8", "utf-8-sig"):
        return None
    single = len(bytes(range(256)).decode(name, "replace")) == 256
    return "any" if single else "cjk"


def _foreign_utf8(data: bytes, rule: str) -> str | None:
    """The line read as UTF-8, when it is UTF-8 text in a file of another encoding (see above)."""
    if data.isascii():
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if rule == "cjk" and _CJK.search(text) is None:
        return None
    return text


def _any_foreign(data: bytes, rule: str) -> bool:
    """Whether any line of a block is UTF-8 in a file of another encoding."""
    if data.isascii():
        return False
    return any(_foreign_utf8(line, rule) is not None for line in data.split(b"\n"))


def _foreign_message(text: str, encoding: str) -> str:
    shown = text.strip()
    shown = shown if len(shown) <= 40 else shown[:40] + "..."
    return Reason(
        N_(
            "the line is UTF-8 text ({shown}) in a file read as {encoding}: reading it as "
            "{encoding} would garble it; save the whole file in one encoding"
        ),
        shown=repr(shown),
        encoding=encoding,
    )


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
            yield _fatal(
                Reason(N_("the file is not a CSV table: {problem}"), problem=Reason.given(problem))
            )
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
    ``columns`` is ``rows`` for rows given a column at a time (lists of equal length, one per
    cell of the header): the same records, or ``None`` exactly when ``rows`` would return it.
    """

    row: Callable[[list[str]], object]
    rows: Callable[[list[list[str]]], list[Any] | None]
    columns: Callable[[list[list[str]]], list[Any] | None]


#: The most rows given to the fast path together (a few hundred records held at once). A block
#: (:data:`_BLOCK`) of a customs extract holds about 190 lines (85 bytes each), one batch; a
#: block of shorter lines is cut into batches of even sizes, so memory stays as low as before.
_BATCH: Final = 200

#: Joins the lines of a batch so that one ``split(",")`` gives their cells with a ``"\n"`` cell
#: between the lines' (see :func:`_columns`).
_LINE_MARK: Final = ",\n,"


def _plain_rows(
    groups: Iterator[_Group], header: list[str], fast: FastPath | None
) -> Generator[Any, None, tuple[Iterator[_Group], int]]:
    """Rows of the plain groups at the start of the file (see :meth:`_Lines.groups`).

    Each line is one row, split on commas. A group is given to the fast path in batches of at
    most :data:`_BATCH` lines, as few as that allows and of even sizes; a batch whose every line
    has as many cells as the header is given a column at a time (:func:`_columns`), with no
    list per row. Returns the groups left, from the first that is not plain, and the number of
    the last row read, for :func:`_quoted_rows`.
    """
    split, comma = str.split, itertools.repeat(",")
    width = len(header)
    record = 1
    for group, plain in groups:
        if not plain or not isinstance(group, list):
            return itertools.chain([(group, plain)], groups), record
        parts = -(-len(group) // _BATCH)
        size = -(-len(group) // parts) if parts else 1
        for start in range(0, len(group), size):
            part = group[start : start + size]
            columns = None if fast is None else _columns(part, width)
            if fast is not None and columns is not None:
                built = fast.columns(columns)
                if built is not None:
                    yield built
                    record += len(part)
                    continue
            if "" in part:  # csv.reader reads an empty line as the empty row
                rows = [line.split(",") if line else [] for line in part]
            else:
                rows = list(map(split, part, comma))
            yield from _clean_rows(rows, record, header, fast, tried=columns is not None)
            record += len(rows)
    return iter(()), record


def _columns(lines: list[str], width: int) -> list[list[str]] | None:
    r"""The cells of plain lines by column, when every line has ``width`` cells, else ``None``.

    The lines are joined with :data:`_LINE_MARK` and split on commas once: as no line holds a
    line break, a ``"\n"`` cell is a mark between two lines, and when the marks fall every
    ``width + 1`` cells, each line had ``width`` cells (an empty line has one, ``""``, as
    ``split`` gives it, not the empty row ``csv`` reads: it is never given as columns).

    >>> _columns(["a,b", "c,d"], 2), _columns(["a,b", "c", "d,e,f"], 2), _columns(["a", ""], 1)
    ([['a', 'c'], ['b', 'd']], None, None)
    """
    if "" in lines:
        return None
    cells = _LINE_MARK.join(lines).split(",")
    stride = width + 1
    count = len(lines)
    if len(cells) != count * stride - 1 or cells[width::stride].count("\n") != count - 1:
        return None
    return [cells[at::stride] for at in range(width)]


def _clean_rows(
    rows: list[list[str]],
    record: int,
    header: list[str],
    fast: FastPath | None,
    *,
    tried: bool = False,
) -> Iterator[Any]:
    """Rows numbered from ``record + 1`` whose lines had no problem: records, in lists, or rows.

    The fast path builds what it can: all the rows at once (unless ``tried``: the caller gave
    them to it already), else row by row in order (a row the general path reads may fill its
    caches for the next ones).
    """
    if fast is not None and not tried:
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
        # blank when every cell is empty or spaces, as _shape_issues has it
        shaped = len(cells) == width and not "".join(cells).isspace() and any(cells)
        yield (
            "row",
            record,
            cells,
            () if shaped else _shape_issues(cells, header, long=False),
            None,
        )
    if batch:
        yield batch


class _Flagged(str):  # noqa: SLOT000 - str cannot have slots: the flags go in __dict__
    """A text line that had problems: they travel with it when the CSV parser reads it again."""

    flags: list[str]
    longs: list[int]


def _flagged(text: str, flags: list[str], longs: list[int]) -> _Flagged:
    line = _Flagged(text)
    line.flags, line.longs = flags, longs
    return line


class _Feed:
    r"""A ``csv.reader`` over the text lines, and the lines of the row it is reading.

    The reader reads one copy of the lines (``itertools.tee``); the other copy, :attr:`behind`,
    lags at a row boundary: the caller moves it up (:meth:`mark`) each time it hands on a batch
    of rows, so nothing is done per row. A row the parser cannot finish (a quote not closed
    before the end of the file, a character after a closing quote, a quoted cell longer than
    the ``csv`` module's field limit) is rejected at the line it began on, and its other lines
    are read again, with their problems (a line that had any is a :class:`_Flagged`), by a new
    reader, as the lines that follow it (:meth:`replay`): one stray quote costs one row, never
    the rows after it. The lines held are those of the rows since the mark (a batch at most)
    and of the row being read, which the field limit bounds (131,072 characters by default).

    Args:
        groups: the rest of the file's lines (see :meth:`_Lines.groups`).
        lines: the reader of those lines, whose problem lists replayed lines go back to.
        number: the number of text lines read before these, and of rows.
    """

    def __init__(self, groups: Iterator[_Group], lines: _Lines, number: int) -> None:
        self.lines = lines
        source = itertools.chain.from_iterable(group for group, _ in groups)
        self.start(source, number, number)  # every row before these is one line

    def start(self, source: Iterator[str], number: int, rows: int = 0) -> None:
        """Read ``source``, whose first line is line ``number + 1``, with a new reader.

        ``rows`` is the number of rows read before (the caller's count).
        """
        self.ahead, self.behind = itertools.tee(source)
        self.reader = csv.reader(self.ahead, strict=True)
        self.number = number
        self.marked_rows, self.marked_lines = rows, 0

    def mark(self, rows: int) -> None:
        """Move :attr:`behind` up to the reader: ``rows`` rows are read, all finished."""
        read = self.reader.line_num
        _consume(itertools.islice(self.behind, read - self.marked_lines))
        self.marked_rows, self.marked_lines = rows, read

    def replay(self, rows: int) -> tuple[list[str], int]:
        """Take the unfinished row's lines and its first line's number; read all but one again.

        ``rows`` is the number of rows finished before it (the caller's count). The lines held
        since the mark are parsed again to find where the finished rows among them end.
        """
        lines = list(itertools.islice(self.behind, self.reader.line_num - self.marked_lines))
        again = csv.reader(lines, strict=True)
        _consume(itertools.islice(again, rows - self.marked_rows))  # they parsed before
        held = lines[again.line_num :]
        first = self.number + self.marked_lines + again.line_num + 1
        self.lines.take()  # the problems of the lines read again go with them
        self.start(itertools.chain(_again(held[1:], self.lines), self.ahead), first, rows + 1)
        return held, first


def _again(held: list[str], lines: _Lines) -> Iterator[str]:
    """Lines read a second time, their problems noted again as each is read."""
    for text in held:
        if text.__class__ is _Flagged:
            lines.flags.extend(text.flags)
            lines.longs.extend(text.longs)
        yield text


#: A line holding a carriage return that no line feed follows (an old Mac line end, or a
#: stray one): lines end at line feeds, so such a line reads as one row that is not CSV.
_LONE_CR: Final = N_(
    "the line holds a carriage return (\\r) that no line feed follows, so its rows run "
    "together: save the file with line ends of \\n or \\r\\n"
)


#: Spark's CSV writer (and others set the same way) writes a quote inside a quoted cell as a
#: backslash and a quote, where RFC 4180, which the loader reads, doubles it: such a cell reads
#: as a quote closed too early (or, at a cell's end, opened again). The problem says so.
_BACKSLASHED_QUOTE: Final = '\\"'
_BACKSLASH_ESCAPES: Final = N_(
    "{problem}. A quote follows a backslash (\\\") on the row, as Spark's CSV writer escapes a "
    'quote by default; CSV (RFC 4180) doubles a quote inside a quoted cell (""): write the '
    "file that way (in Spark, with the option escape set to '\"')"
)


def _unfinished(feed: _Feed, error: csv.Error, rows: int) -> tuple[list[str], list[Issue]]:
    """The cells of the first line of a row the parser could not finish, and its problems.

    ``rows`` is the number of rows finished before it.
    """
    held, first = feed.replay(rows)
    if not held:  # pragma: no cover - csv.reader reads a line before it can fail
        return [], [_issue(Reason(N_("the CSV is malformed here ({error})"), error=error))]
    last = first + len(held) - 1
    text = held[0].rstrip("\r\n")
    try:
        cells = next(csv.reader([text]), [])  # lenient: what the line holds
    except csv.Error:  # a carriage return inside the line stops even the lenient reader
        cells = text.split(",")
    issues = [_issue(flag) for flag in getattr(held[0], "flags", ())]
    end = "unexpected end of data" in str(error)
    if len(held) == 1:
        message = (
            N_("a quote opened on this line is not closed before the end of the file")
            if end
            else _LONE_CR
            if "\r" in text
            else Reason(
                N_("the CSV is malformed here ({error}); a quote may be unclosed or stray"),
                error=error,
            )
        )
    else:
        if end:
            how = Reason(N_("before the end of the file"))
        elif "field limit" in str(error):
            how = Reason(
                N_("within {limit:,} characters, the longest cell it may hold"),
                limit=csv.field_size_limit(),
            )
        else:
            how = Reason(
                N_("where a row could end (text line {last}: {error})"), last=last, error=error
            )
        message = Reason(
            N_(
                "a quote opened on text line {first} is not closed {how}; it ran over {count} "
                "text lines ({first}-{last}), so this row is rejected and reading goes on from "
                "text line {next}"
            ),
            first=first,
            how=how,
            count=len(held),
            last=last,
            next=first + 1,
        )
    if any(_BACKSLASHED_QUOTE in line for line in held):
        message = Reason(_BACKSLASH_ESCAPES, problem=message)
    issues.append(_issue(message))
    return cells, issues


def _quoted_rows(
    groups: Iterator[_Group],
    header: list[str],
    lines: _Lines,
    fast: FastPath | None,
    record: int,
) -> Iterator[Any]:
    """Rows of the rest of the file, parsed by ``csv.reader`` (quotes, line-by-line reading).

    Rows whose lines had no problem are given to the fast path in lists (:func:`_clean_rows`);
    the list is handed on before any other row, so rows keep their order. A row the parser
    cannot finish is rejected and the lines after its first are read again (see :class:`_Feed`).
    ``record`` is the number of the last row read, which is also the number of text lines read:
    every row before this point is one line.
    """
    feed = _Feed(groups, lines, record)
    flags, longs = lines.flags, lines.longs
    clean: list[list[str]] = []
    while True:
        try:
            for cells in feed.reader:
                if flags or longs:
                    if clean:
                        yield from _clean_rows(clean, record, header, fast)
                        record += len(clean)
                        clean = []
                    record += 1
                    yield ("row", record, cells, _row_issues(cells, header, lines), None)
                    feed.mark(record)
                    continue
                clean.append(cells)
                if len(clean) >= _BATCH:
                    yield from _clean_rows(clean, record, header, fast)
                    record += len(clean)
                    clean = []
                    feed.mark(record)
            break
        except csv.Error as exc:
            if clean:
                yield from _clean_rows(clean, record, header, fast)
                record += len(clean)
                clean = []
            cells, issues = _unfinished(feed, exc, record)
            record += 1
            yield ("row", record, cells, tuple(issues), None)
    if clean:
        yield from _clean_rows(clean, record, header, fast)


#: Runs an iterator to its end for its effects (advancing a tee past a row's lines).
_consume = collections.deque[object](maxlen=0).extend


def _csv_header(
    binary: IO[bytes], lines: _Lines, encoding: str, accept_header: Callable[[list[str]], bool]
) -> list[str] | Row:
    """Read line 1, detect GB18030 when UTF-8 fails, and return the header cells or a fatal row."""
    data = binary.readline(MAX_LINE_BYTES + 1)
    if not data:
        return _fatal(N_("the file is empty: a CSV table starts with a header row"), 1)
    if len(data) > MAX_LINE_BYTES:
        return _fatal(
            Reason(
                N_("the header line is longer than {limit:,} bytes, the limit"),
                limit=MAX_LINE_BYTES,
            ),
            1,
        )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        detected = _detect_gb18030(data, encoding, accept_header)
        if detected is None:
            return _fatal(_decode_message(data, exc, encoding), 1)
        text = detected
        lines.encoding = "gb18030"
    if "\x00" in text:
        return _fatal(N_("the file holds binary data (a NUL character): it is not a text table"), 1)
    text = text.removeprefix("\ufeff")
    try:
        cells = next(csv.reader([text], strict=True))
    except (csv.Error, StopIteration):
        if "\r" in text.rstrip("\r\n"):
            return _fatal(_LONE_CR, 1)
        return _fatal(N_("the header row is not valid CSV (a quote is unclosed?)"), 1)
    if len(cells) == 1:
        for delimiter, name in _DELIMITERS.items():
            if delimiter in cells[0]:
                return _fatal(
                    Reason(
                        N_(
                            "the header is one column, {header}: the file seems to separate "
                            "columns with {name}; these files use commas"
                        ),
                        header=repr(cells[0]),
                        name=Reason.given(name),
                    ),
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
        return (_issue(N_("the row is blank; delete it")),)
    if len(cells) != width:
        message = (
            N_(
                "the row has {count} fields, more than the header's {width} (a stray or missing "
                "comma?)"
            )
            if len(cells) > width
            else N_(
                "the row has {count} fields, fewer than the header's {width} (a stray or "
                "missing comma?)"
            )
        )
        issues.append(_issue(Reason(message, count=len(cells), width=width)))
    if long:
        issues.extend(
            Issue(
                header[index] if index < width else None,
                cell[:40] + "...",
                _too_long(cell),
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


def _integer(text: str) -> int | Decimal:
    """A JSON integer: an ``int``, or a ``Decimal`` when it has more digits than any figure.

    ``int()`` refuses more than 4,300 digits (``sys.int_info``); such a number is read exactly
    as a ``Decimal``, and the row reports it beyond the bounds instead of the file failing.
    """
    return int(text) if len(text) <= _INT_DIGITS else Decimal(text)


#: Integers with more digits than this are read as Decimal (all are far beyond 1E+31).
_INT_DIGITS: Final = 40


def _constant(text: str) -> Decimal:
    """NaN and Infinity become non-finite Decimals, which the schema reports by column."""
    return Decimal(text)


_DECODER: Final = json.JSONDecoder(
    parse_float=Decimal, parse_int=_integer, parse_constant=_constant, object_pairs_hook=_pairs
)


def _record_row(line: int, value: object) -> Row:
    if not isinstance(value, dict):
        kind = N_("an array") if isinstance(value, list) else type(value).__name__
        expected = Reason(N_("expected a record {{...}}, got {kind}"), kind=Reason.given(kind))
        return ("row", line, {}, (_issue(expected),), None)
    duplicates = getattr(value, "duplicates", ())
    issues = tuple(
        Issue(key, value[key], Reason(N_("the key {key} is given twice"), key=repr(key)))
        for key in duplicates
    )
    if not value:
        issues = (_issue(N_("the record is empty")),)
    return ("row", line, value, (*issues, *_long_values(value)), None)


def shown(text: str) -> str:
    """Text short enough to show in a message: at most 40 characters, and how many there were.

    >>> shown("91440300MA5DC12341"), shown("9" * 5000)
    ('91440300MA5DC12341', '9999999999999999999999999999999999999999... (5,000 characters)')
    """
    return text if len(text) <= 40 else f"{text[:40]}... ({len(text):,} characters)"


def _long_values(cells: Mapping[str, object]) -> Iterator[Issue]:
    """A key, or a text anywhere in a value (lists and tables included), over the cell limit.

    The same limit as a CSV cell, :data:`MAX_CELL_CHARS`, for JSON, JSON Lines and TOML.
    """
    for key, value in cells.items():
        if len(key) > MAX_CELL_CHARS:
            yield _issue(
                Reason(
                    N_("a key of {length:,} characters; the limit is {limit:,}"),
                    length=len(key),
                    limit=MAX_CELL_CHARS,
                ),
                value=shown(key),
            )
            continue
        stack = [value]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                if len(item) > MAX_CELL_CHARS:
                    yield Issue(
                        key,
                        shown(item),
                        _too_long(item),
                    )
                    break
            elif isinstance(item, dict):
                stack.extend(item.keys())
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)


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
                yield ("row", number, {}, (_issue(N_("the line is blank; delete it")),), None)
                continue
            try:
                value = _DECODER.decode(line_text)
            except json.JSONDecodeError as exc:
                message = Reason(
                    N_("not JSON: {error} at character {at}"), error=exc.msg, at=exc.pos + 1
                )
                yield ("row", number, {}, (_issue(message, value=line_text[:60]),), None)
                continue
            except (ValueError, RecursionError) as exc:
                unusable = Reason(N_("not usable JSON: {error}"), error=exc)
                yield ("row", number, {}, (_issue(unusable),), None)
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
        self.foreign = _foreign_rule(encoding)

    def more(self) -> None:
        """Read the next chunk; at the end of the file set ``eof``.

        Raises:
            _Stop: the bytes are not text in the encoding, or (another encoding than UTF-8) a
                line is UTF-8 text, which the encoding would garble.
        """
        data = self.binary.read(_CHUNK)
        if self.foreign is not None and data and not data.endswith(b"\n"):
            data += self.binary.readline(MAX_LINE_BYTES)  # whole lines, to check each
        self.eof = not data
        before = self.line(len(self.buffer))  # the line the new bytes start on
        try:
            text = self.decoder.decode(data, final=self.eof)
        except UnicodeDecodeError as exc:
            line = before + exc.object.count(b"\n", 0, exc.start)
            bad = exc.object[exc.start : exc.start + 4]
            message = Reason(
                N_("the file is not valid {encoding} (bytes {bad}); JSON files are UTF-8"),
                encoding=self.encoding,
                bad=repr(bad),
            )
            raise _Stop(_fatal(message, line)) from exc
        if self.foreign is not None:
            for number, line_bytes in enumerate(data.split(b"\n"), start=before):
                foreign = _foreign_utf8(line_bytes, self.foreign)
                if foreign is not None:
                    raise _Stop(_fatal(_foreign_message(foreign, self.encoding), number))
        if self.first and text:  # the first characters (a read of a byte or two may give none)
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
                near_the_cut = exc.pos >= len(self.buffer) - _CUT
                incomplete = near_the_cut or exc.msg.startswith("Unterminated")
                if not self.eof and incomplete:
                    if len(self.buffer) - self.pos > MAX_RECORD_CHARS:
                        self.failure = _fatal(
                            Reason(
                                N_(
                                    "a record is longer than {limit:,} characters, the limit (or "
                                    "a brace or quote is unclosed)"
                                ),
                                limit=MAX_RECORD_CHARS,
                            ),
                            self.line(self.pos),
                        )
                        return None
                    self.more()
                    continue
                self.failure = _fatal(
                    Reason(N_("not JSON: {error}"), error=exc.msg), self.line(exc.pos)
                )
                return None
            except RecursionError:
                self.failure = _fatal(N_("a record is nested too deeply"), self.line(self.pos))
                return None
            except ValueError as exc:
                unusable = Reason(N_("not usable JSON: {error}"), error=exc)
                self.failure = _fatal(unusable, self.line(self.pos))
                return None
            if end == len(self.buffer) and not self.eof:
                self.more()
                continue
            line = self.line(self.pos)
            self.pos = end
            return value, line


#: How near the end of what was read a JSON error may be the cut between two reads rather than
#: the text: a token cut short (``fals``, ``-Infinit``, ``1e``) or an escape (``\u75`` of
#: ``\u7532``, as ``json.dumps`` writes every Chinese character) reads as an error there. More is
#: read and the value decoded again; an error of the text itself is found again, further from
#: the end (or at the end of the file), and reported.
_CUT: Final = 12


class _Stop(Exception):  # noqa: N818 - carries the fatal row out of the stream's reading
    """The file cannot be read further: :attr:`row` says why and where."""

    def __init__(self, row: Row) -> None:
        super().__init__(row)
        self.row = row


def _json_rows(path: Path, encoding: str) -> Iterator[Row]:
    with path.open("rb") as binary:
        stream = _JsonArray(binary, encoding)
        try:
            yield from _json_array(stream)
        except _Stop as stop:
            yield stop.row


def _json_array(stream: _JsonArray) -> Iterator[Row]:
    start = stream.skip_space()
    if start != "[":
        what = (
            N_("the file is empty")
            if not start
            else Reason(N_("it starts with {start}"), start=repr(start))
        )
        yield _fatal(
            Reason(
                N_("a JSON file here holds an array of records, [{{...}}, {{...}}]; {what}"),
                what=Reason.given(what),
            ),
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
            yield _fatal(N_("the array is not closed with ']'"), stream.line(stream.pos))
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
            found = repr(char) if char else N_("the end of the file")
            expected = Reason(
                N_("expected ',' or ']' after a record, found {found}"), found=Reason.given(found)
            )
            yield _fatal(expected, stream.line(stream.pos))
            return
        stream.pos += 1
        break
    rest = stream.skip_space()
    if rest:
        yield _fatal(N_("there is text after the closing ']'"), stream.line(stream.pos))


# -- TOML ---------------------------------------------------------------------------------------


def _toml_rows(path: Path, encoding: str, tables: Sequence[str]) -> Iterator[Row]:
    with path.open("rb") as binary:
        data = binary.read(MAX_TOML_BYTES + 1)
    if len(data) > MAX_TOML_BYTES:
        yield _fatal(
            Reason(
                N_(
                    "the TOML file is larger than {limit:,} bytes, the limit for TOML (read "
                    "whole); use CSV or JSON Lines for large tables"
                ),
                limit=MAX_TOML_BYTES,
            )
        )
        return
    try:
        text = data.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        bad_line = data.count(b"\n", 0, exc.start) + 1
        message = Reason(
            N_("the file is not valid {encoding}; TOML files are UTF-8"), encoding=encoding
        )
        yield _fatal(message, bad_line)
        return
    if "\x00" in text:
        yield _fatal(N_("the file holds binary data (a NUL character): it is not TOML"))
        return
    rule = _foreign_rule(encoding)
    if rule is not None:
        for number, raw in enumerate(data.split(b"\n"), start=1):
            foreign = _foreign_utf8(raw, rule)
            if foreign is not None:
                yield _fatal(_foreign_message(foreign, encoding), number)
                return
    document, problem = toml_document(text)
    if document is None:
        issue = problem or _issue(N_("not TOML"))
        yield ("fatal", issue.line, None, (issue,), None)
        return
    index = line_index(text)
    expected = f"[[{tables[0]}]]"
    for key, value in document.items():
        line = index.get((key,))
        if key not in tables:
            message = Reason(
                N_("unknown table {key}: this file's rows are {expected} tables"),
                key=repr(key),
                expected=expected,
            )
            yield _fatal(message, line or _first_line(index, key), key)
            return
        if not isinstance(value, list):
            message = Reason(
                N_("{key} must be an array of tables, {expected}"), key=repr(key), expected=expected
            )
            yield _fatal(message, line, key)
            return
        for number, table in enumerate(value):
            row_line = index.get((key, number), line)
            if not isinstance(table, dict):
                issue = _issue(
                    Reason(N_("expected a table, got {kind}"), kind=type(table).__name__)
                )
                yield ("row", row_line, {}, (issue,), None)
                continue
            key_lines = {name: index.get((key, number, name), row_line or 0) for name in table}
            issues = tuple(_long_values(table)) if table else (_issue(N_("the table is empty")),)
            yield ("row", row_line, table, issues, key_lines)


#: A run of digits longer than Python turns into an int by default (``sys.int_info``).
_LONG_DIGITS: Final = re.compile(r"[0-9][0-9_]{4300,}")


def toml_document(text: str) -> tuple[dict[str, Any] | None, Issue | None]:
    """Parse TOML text (floats as ``Decimal``): the document, or why it is not TOML and where.

    Never raises: a syntax error, nesting too deep for the parser, or an integer of more
    digits than Python reads (4,300) each come back as an :class:`Issue` with its line.
    """
    try:
        return tomllib.loads(text, parse_float=Decimal), None
    except tomllib.TOMLDecodeError as exc:
        where = _TOML_LINE.search(str(exc))
        message = _TOML_LINE.sub("", str(exc)).strip()
        return None, _issue(f"not TOML: {message}", line=int(where[1]) if where else None)
    except RecursionError:
        return None, _issue(N_("the TOML nests too deeply"))
    except ValueError:  # an integer with more digits than int() takes
        found = _LONG_DIGITS.search(text)
        line = None if found is None else text.count("\n", 0, found.start()) + 1
        message = N_("an integer of more than 4,300 digits, far beyond 1E+31")
        return None, _issue(message, line=line)


def _first_line(index: Mapping[tuple[str | int, ...], int], key: str) -> int | None:
    lines = [line for path, line in index.items() if path[:1] == (key,)]
    return min(lines, default=None)


# -- XLSX ---------------------------------------------------------------------------------------

#: The largest part of a workbook other than its sheets, uncompressed (256 MiB): openpyxl reads
#: the shared strings whole, so a "zip bomb" of them would exhaust memory. Sheets are streamed.
MAX_XLSX_PART_BYTES: Final = 256 << 20


def _xlsx_cell(value: object, data_type: str, column: str | None) -> tuple[object, Issue | None]:
    """Turn a cell as openpyxl parses it into a value the schema reads exactly, or an issue."""
    if data_type == "f":  # a formula: its text (or an array formula), never its last result
        text = str(getattr(value, "text", value))
        message = N_("a formula, which is never evaluated: paste its values instead")
        return text, Issue(column, shown(text), message)
    if data_type == "e":
        error = Reason(N_("the spreadsheet error {value}, not a value"), value=value)
        return value, Issue(column, value, error)
    if isinstance(value, str):
        if len(value) > MAX_CELL_CHARS:
            return value, Issue(column, shown(value), _too_long(value))
        return value, None
    if isinstance(value, float):
        text = repr(value)
        digits = len(text.split("e")[0].replace("-", "").replace(".", "").lstrip("0"))
        if not math.isfinite(value):
            return value, Issue(column, text, N_("not a finite number"))
        if digits > _EXCEL_DIGITS:
            return text, Issue(
                column,
                text,
                Reason(
                    N_(
                        "a binary fraction with {digits} digits, more than a spreadsheet shows "
                        "(the result of a formula?): round it, or store the number as text"
                    ),
                    digits=digits,
                ),
            )
        return Decimal(text), None
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            return value, Issue(column, value.isoformat(), N_("expected a date without a time"))
        return value.date(), None
    if isinstance(value, dt.time | dt.timedelta):
        return value, Issue(column, str(value), N_("expected a date, not a time"))
    return value, None


def _damaged(exc: BaseException) -> str:
    """An exception openpyxl (or the zip and XML readers under it) raised, as a short reason."""
    text = " ".join(str(exc).split()) or "no detail"
    kind = type(exc)
    name = kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"
    return f"{name}: {text if len(text) <= 120 else text[:120] + '...'}"


def _guarded(call: Callable[[], T], where: str, line: int | None = None) -> T:
    """Call into openpyxl; any exception it raises (a damaged workbook) stops the file, located.

    openpyxl's warnings (a date beyond the calendar, an unsupported extension) are silenced:
    what they warn of is reported as a problem of its cell, or is nothing the loader reads.

    Raises:
        _Stop: the workbook is damaged (bad zip, bad XML, a missing part ...).
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return call()
    # openpyxl, zipfile, zlib and the XML parser raise many kinds on a damaged workbook (bad zip,
    # bad XML, a missing part, an index out of range): each is a problem of this file.
    except Exception as exc:
        damaged = Reason(N_("{where} ({damage})"), where=Reason.given(where), damage=_damaged(exc))
        raise _Stop(_fatal(damaged, line)) from exc


def _xlsx_rows(
    path: Path,
    openpyxl: Any,  # noqa: ANN401 - the module
    sheet_words: Sequence[str],
    sheet: str | None = None,
) -> Iterator[Row]:
    with path.open("rb") as binary:
        try:
            yield from _workbook_rows(binary, openpyxl, sheet_words, sheet)
        except _Stop as stop:
            yield stop.row


def _workbook_rows(
    binary: IO[bytes],
    openpyxl: Any,  # noqa: ANN401 - the module
    sheet_words: Sequence[str],
    sheet: str | None = None,
) -> Iterator[Row]:
    unreadable = N_("the file is not a readable .xlsx workbook")
    if binary.read(4) != b"PK\x03\x04":
        yield _fatal(
            Reason(
                N_("{unreadable}: it is not a zip archive, which every .xlsx workbook is"),
                unreadable=Reason.given(unreadable),
            )
        )
        return
    binary.seek(0)
    big = _guarded(lambda: _oversized_part(binary), unreadable)
    if big is not None:
        yield _fatal(big)
        return
    binary.seek(0)
    workbook = _guarded(
        lambda: openpyxl.load_workbook(binary, read_only=True, data_only=False), unreadable
    )
    try:
        names = _guarded(lambda: list(workbook.sheetnames), unreadable)
        chosen = (
            [name for name in names if name == sheet]
            if sheet is not None
            else names
            if len(names) == 1
            else [name for name in names if name.strip().lower().startswith(tuple(sheet_words))]
        )
        if len(chosen) != 1:
            yield _fatal(
                Reason(
                    N_(
                        "the workbook has sheets {names}: keep one sheet, or name the one to "
                        "read {word}"
                    ),
                    names=", ".join(map(repr, names)),
                    word=repr(sheet_words[0]),
                )
            )
            return
        yield from _sheet_rows(_parsed_rows(workbook, chosen[0]))
    finally:
        _guarded(workbook.close, unreadable)


def sheet_names(path: Path, openpyxl: Any) -> list[str]:  # noqa: ANN401 - the module
    """The names of a workbook's sheets, in order; ``[]`` when it cannot be read as one.

    A workbook that cannot be read is reported by the reading of its rows, not here.
    """
    with path.open("rb") as binary:
        if binary.read(4) != b"PK\x03\x04":
            return []
        binary.seek(0)
        try:
            if _guarded(lambda: _oversized_part(binary), "") is not None:
                return []
            binary.seek(0)
            workbook = _guarded(
                lambda: openpyxl.load_workbook(binary, read_only=True, data_only=False), ""
            )
            try:
                return _guarded(lambda: list(workbook.sheetnames), "")
            finally:
                _guarded(workbook.close, "")
        except _Stop:
            return []


def _oversized_part(binary: IO[bytes]) -> str | None:
    """Why a part of the workbook (other than a sheet) is too large to read, or ``None``."""
    with zipfile.ZipFile(binary) as archive:
        for item in archive.infolist():
            if item.filename.startswith("xl/worksheets/"):
                continue
            if item.file_size > MAX_XLSX_PART_BYTES:
                return Reason(
                    N_(
                        "the workbook's part {part} is {size:,} bytes uncompressed, more than "
                        "the {limit:,} the loader reads"
                    ),
                    part=item.filename,
                    size=item.file_size,
                    limit=MAX_XLSX_PART_BYTES,
                )
    return None


#: The most rows and columns a sheet has (Excel's limits); a number beyond them is damage.
_SHEET_ROWS: Final = 1 << 20
_SHEET_COLUMNS: Final = 1 << 14

#: ``(row number, cells)``: a cell is ``(column number, value, data type)``, as in the sheet.
_SheetRow = tuple[int, list[tuple[int, object, str]]]


def _parsed_rows(workbook: Any, name: str) -> Iterator[_SheetRow]:  # noqa: ANN401
    """Every ``<row>`` of the sheet, in the order of the file, with the number it gives itself.

    This reads the sheet's XML with openpyxl's own parser, as its read-only mode does, but
    without its sizing: read-only mode trusts the sheet's ``<dimension>`` element (stale in files
    some tools write) and drops a row whose number repeats an earlier one; here every row the file
    holds comes out, and :func:`_sheet_rows` reports what is wrong with it.
    """
    where = "the workbook's sheet cannot be read"
    sheet = _guarded(lambda: workbook[name], where)
    parser_module = importlib.import_module("openpyxl.worksheet._reader")
    source = _guarded(sheet._get_source, where)  # noqa: SLF001 - what read-only mode reads
    with source:
        parser = _guarded(
            lambda: parser_module.WorkSheetParser(
                source,
                sheet._shared_strings,  # noqa: SLF001
                data_only=False,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,  # noqa: SLF001
                timedelta_formats=workbook._timedelta_formats,  # noqa: SLF001
            ),
            where,
        )
        rows = parser.parse()
        last = 0
        while True:
            found = _guarded(
                lambda: next(rows, None),
                Reason(N_("the sheet cannot be read after row {row}"), row=last),
                last + 1,
            )
            if found is None:
                return
            number, cells = found
            last = number
            yield number, [(cell["column"], cell["value"], cell["data_type"]) for cell in cells]


def _sheet_rows(rows: Iterator[_SheetRow]) -> Iterator[Row]:
    """The header and rows of a sheet's rows; a missing row is blank, a repeated one a problem."""
    first = next(rows, None)
    if first is None or first[0] != 1 or all(value is None for _, value, _ in first[1]):
        yield _fatal(N_("row 1 is empty: the sheet's first row must be its header"), 1)
        return
    header = [("" if value is None else str(value)) for value in _row_values(first[1])[0]]
    while header and not header[-1].strip():
        header.pop()
    yield ("header", 1, header, (), None)
    blank: list[range] = []  # rows with nothing in them, reported if data follows
    expected = 2
    for number, row_cells in rows:
        if not expected <= number <= _SHEET_ROWS:  # a row given twice, out of order, or beyond
            where = (
                Reason(N_("after row {row}"), row=expected - 1)
                if number < expected
                else N_("beyond the last row")
            )
            message = Reason(
                N_(
                    "the sheet gives a row {number} {where}: the workbook is damaged (open it in "
                    "a spreadsheet and save it again)"
                ),
                number=number,
                where=Reason.given(where),
            )
            yield ("row", number, [], (_issue(message),), None)
            continue
        values, repeated = _row_values(row_cells)
        empty = not repeated and all(
            value is None or (isinstance(value, str) and not value.strip()) for value in values
        )
        blank.append(range(expected, number + 1 if empty else number))  # skipped rows are empty
        expected = number + 1
        if empty:
            continue
        for line in itertools.chain.from_iterable(blank):  # blank rows followed by data are rows
            yield ("row", line, [], (_issue(N_("the row is blank; delete it")),), None)
        blank.clear()
        yield _sheet_row(number, values, row_cells, header, repeated)


def _row_values(cells: list[tuple[int, object, str]]) -> tuple[list[object], list[int]]:
    """A row's values by column (``None`` where it has no cell), and columns given twice."""
    width = min(max((column for column, _, _ in cells), default=0), _SHEET_COLUMNS)
    values: list[object] = [None] * width
    seen: set[int] = set()
    repeated: list[int] = []
    for column, value, _ in cells:
        if column in seen or not 1 <= column <= _SHEET_COLUMNS:
            repeated.append(column)
            continue
        seen.add(column)
        values[column - 1] = value
    return values, repeated


def _sheet_row(
    number: int,
    values: list[object],
    row_cells: list[tuple[int, object, str]],
    header: list[str],
    repeated: list[int],
) -> Row:
    """One row of a sheet: its cells, as wide as the header, and what is wrong with them."""
    width = len(header)
    kinds = {column: data_type for column, _, data_type in row_cells}
    cells: list[object] = []
    issues: list[Issue] = [
        _issue(
            Reason(
                N_(
                    "the sheet gives a cell in column {column} of this row twice, or beyond the "
                    "last column: the workbook is damaged"
                ),
                column=column,
            )
        )
        for column in repeated
    ]
    for index, value in enumerate(values):
        column = header[index] if index < width else None
        cell, issue = _xlsx_cell(value, kinds.get(index + 1, "n"), column)
        cells.append(cell)
        if issue is not None:
            issues.append(issue)
    extra = [value for value in cells[width:] if value is not None]
    if extra:
        issues.append(
            _issue(
                Reason(N_("the row has values beyond the header's {width} columns"), width=width),
                value=extra[0],
            )
        )
    return ("row", number, (cells + [None] * width)[:width], tuple(issues), None)


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
    sheet: str | None = None,
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
        sheet: for XLSX, the name of the sheet to read, whatever ``tables`` says.

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
    return _xlsx_rows(path, openpyxl, tables, sheet)


# -- writing ------------------------------------------------------------------------------------


class Unwritable(Exception):  # noqa: N818 - dumps turns it into DumpError, with the file's name
    """A row cannot be written so that the loader reads it back: which, where and why.

    Args:
        index: the row's number among the rows written (1 for the first), or ``None``.
        column: the column (or key) at fault, or ``None`` for the row as a whole.
        value: the value at fault, or ``None``.
        reason: what the format or the loader cannot take.
    """

    def __init__(self, index: int | None, column: str | None, value: object, reason: str) -> None:
        """Record where the row fails and why."""
        super().__init__(index, column, value, reason)
        self.index = index
        self.column = column
        self.value = value
        self.reason = reason


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


class _TextWriter:
    """Formats rows as the text of a CSV, JSON, JSON Lines or TOML file, checking each.

    Each row's text is checked against what the loader reads before it is written: a CSV or JSON
    Lines line of at most :data:`MAX_LINE_BYTES` bytes, a CSV cell of at most
    :data:`MAX_CELL_CHARS` characters once escaped, a JSON record of at most
    :data:`MAX_RECORD_CHARS` characters, a TOML file of at most :data:`MAX_TOML_BYTES` bytes, and
    text the encoding can encode.
    """

    def __init__(self, fmt: str, header: Sequence[str], table: str, encoding: str) -> None:
        self.fmt = fmt
        self.header = header
        self.table = table
        self.encoding = encoding
        self.buffer = io.StringIO()
        self.csv = csv.writer(self.buffer, lineterminator="\r\n")
        self.size = 0

    def start(self) -> str:
        """The text before the first row (the CSV header, JSON's opening bracket)."""
        if self.fmt == "csv":
            return self._csv_line(list(self.header), None)
        return "[" if self.fmt == "json" else ""

    def end(self, count: int) -> str:
        """The text after the last row."""
        if self.fmt == "json":
            return "\n]\n"
        return "\n" if self.fmt == "jsonl" and count else ""

    def row(self, index: int, row: Mapping[str, object]) -> str:
        """The text of row ``index`` (1-based), checked.

        Raises:
            Unwritable: the loader could not read the row back as written.
        """
        fmt = self.fmt
        if fmt == "csv":
            cells = [escape_formula(str(row.get(name) or "")) for name in self.header]
            for name, cell in zip(self.header, cells, strict=True):
                if len(cell) > MAX_CELL_CHARS:
                    reason = Reason(
                        N_(
                            "it is {length:,} characters in a CSV cell (with the apostrophe that "
                            "keeps it from being a formula); the loader reads at most {limit:,}"
                        ),
                        length=len(cell),
                        limit=MAX_CELL_CHARS,
                    )
                    raise Unwritable(index, name, shown(cell), reason)
            return self._csv_line(cells, index)
        if fmt in ("json", "jsonl"):
            text = json.dumps(row, ensure_ascii=False, default=_json_default)
            if fmt == "json":
                if len(text) > MAX_RECORD_CHARS:
                    reason = Reason(
                        N_(
                            "the record is {length:,} characters of JSON; the loader reads at "
                            "most {limit:,}"
                        ),
                        length=len(text),
                        limit=MAX_RECORD_CHARS,
                    )
                    raise Unwritable(index, None, None, reason)
                return ("\n" if index == 1 else ",\n") + text
            self._check_line(text, index)
            return ("\n" if index > 1 else "") + text
        text = ("\n" if index > 1 else "") + f"[[{self.table}]]\n"
        text += "".join(f"{key} = {_toml_value(value)}\n" for key, value in row.items())
        self.size += len(self._encoded(text, index, row))
        if self.size > MAX_TOML_BYTES:
            reason = Reason(
                N_(
                    "the TOML file grows beyond {limit:,} bytes with this record, more than the "
                    "loader reads (TOML is read whole): write CSV or JSON Lines"
                ),
                limit=MAX_TOML_BYTES,
            )
            raise Unwritable(index, None, None, reason)
        return text

    def _csv_line(self, cells: list[str], index: int | None) -> str:
        buffer = self.buffer
        buffer.seek(0)
        buffer.truncate()
        self.csv.writerow(cells)
        text = buffer.getvalue()
        for line in text.split("\n") if len(text) * 4 > MAX_LINE_BYTES else ():
            self._check_line(line, index)
        return text

    def _check_line(self, line: str, index: int | None) -> None:
        if len(line) * 4 > MAX_LINE_BYTES and len(line.encode(self.encoding)) > MAX_LINE_BYTES:
            reason = Reason(
                N_(
                    "a line of the file would be {length:,} bytes; the loader reads lines of at "
                    "most {limit:,}"
                ),
                length=len(line.encode(self.encoding)),
                limit=MAX_LINE_BYTES,
            )
            raise Unwritable(index, None, None, reason)

    def _encoded(self, text: str, index: int, row: Mapping[str, object]) -> bytes:
        try:
            return text.encode(self.encoding)
        except UnicodeEncodeError as exc:
            raise _unencodable(exc, index, row, self.encoding) from exc


def _unencodable(
    exc: UnicodeEncodeError, index: int | None, row: Mapping[str, object], encoding: str
) -> Unwritable:
    """The error for text the encoding cannot encode, at the first column that holds it."""
    char = exc.object[exc.start : exc.start + 1]
    column = next((name for name, value in row.items() if char in str(value)), None)
    value = row.get(column) if column is not None else None
    reason = Reason(
        N_("it holds {char}, which the encoding {encoding} cannot write"),
        char=repr(char),
        encoding=encoding,
    )
    return Unwritable(index, column, value, reason)


def _write_text(
    handle: IO[str],
    fmt: str,
    *,
    header: Sequence[str],
    rows: Iterable[Mapping[str, object]],
    table: str,
    encoding: str,
) -> int:
    writer = _TextWriter(fmt, header, table, encoding)
    handle.write(writer.start())
    count = 0
    for count, row in enumerate(rows, start=1):
        text = writer.row(count, row)
        try:
            handle.write(text)
        except UnicodeEncodeError as exc:
            raise _unencodable(exc, count, row, encoding) from exc
    handle.write(writer.end(count))
    return count


def write_rows(
    path: Path,
    fmt: str,
    *,
    header: Sequence[str],
    rows: Iterable[Mapping[str, object]],
    table: str,
    encoding: str,
    openpyxl: Any = None,  # noqa: ANN401 - the module, when fmt is xlsx
) -> tuple[int, Path]:
    """Write rows to a temporary file beside ``path``; return their count and that file.

    The caller renames the file to ``path`` (``temporary.replace(path)``) when every file it
    writes is complete, or removes it: so a failure never leaves half a file, or half a folder.

    For CSV and XLSX each row maps every column of ``header`` to text (``""`` for none); every
    CSV cell is escaped with :func:`escape_formula`, and XLSX cells are written as text cells,
    which a spreadsheet never evaluates. For JSON, JSON Lines and TOML a row maps the columns
    that have a value to native values (text, ``int``, ``bool``, ``date``, lists of tables).
    Nothing is left behind when a row cannot be written: the temporary file is removed.

    Raises:
        Unwritable: a row the loader could not read back (see :class:`_TextWriter`), or text
            the encoding cannot encode.
        OSError: the file cannot be written.
    """
    temporary = _temporary(path)
    try:
        if fmt == "xlsx":
            count = _write_xlsx(temporary, openpyxl, header, rows, table)
        else:
            with temporary.open("w", encoding=encoding, newline="") as text:
                count = _write_text(
                    text, fmt, header=header, rows=rows, table=table, encoding=encoding
                )
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return count, temporary


def _temporary(path: Path) -> Path:
    """A new, empty file beside ``path``, with the permissions a new file gets (the umask)."""
    folder = path.parent if str(path.parent) else Path()
    for _ in range(100):  # pragma: no branch - a free name is found at once
        candidate = folder / f".{path.name[:100]}.{os.urandom(6).hex()}.tmp"
        try:
            handle = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
        os.close(handle)
        return candidate
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))  # pragma: no cover


def _write_xlsx(
    path: Path,
    openpyxl: Any,  # noqa: ANN401
    header: Sequence[str],
    rows: Iterable[Mapping[str, object]],
    sheet: str,
) -> int:
    write_only_cell = importlib.import_module("openpyxl.cell").WriteOnlyCell
    illegal = importlib.import_module("openpyxl.utils.exceptions").IllegalCharacterError

    workbook = openpyxl.Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)

    def text_cells(values: Iterable[object]) -> list[Any]:
        cells = []
        for value in values:
            cell = write_only_cell(worksheet, value=None if value in ("", None) else str(value))
            cell.data_type = "s"  # text, never a formula, whatever it starts with
            cells.append(cell)
        return cells

    count = 0
    try:
        worksheet.append(text_cells(header))
        for count, row in enumerate(rows, start=1):
            try:
                worksheet.append(text_cells(row.get(name, "") for name in header))
            except illegal as exc:
                reason = Reason(N_("XLSX cannot carry its text ({error})"), error=exc)
                raise Unwritable(count, None, None, reason) from exc
        workbook.save(path)
    except BaseException:
        _abandon(worksheet)
        raise
    return count


def _abandon(worksheet: Any) -> None:  # noqa: ANN401 - an openpyxl write-only worksheet
    """Close a write-only worksheet left half written, and remove its temporary file.

    openpyxl streams a write-only sheet through a generator into a temporary file; left open,
    the generator complains on stderr when it is collected ("Exception ignored in ...").
    """
    if worksheet.closed:
        return
    worksheet.close()
    writer = getattr(worksheet, "_writer", None)
    if writer is not None:
        writer.cleanup()
