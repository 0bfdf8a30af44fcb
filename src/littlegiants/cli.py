"""The ``littlegiants`` command line (also ``python -m littlegiants``).

Commands: ``demo``, ``example``, ``payouts``, ``match``, ``compare``, ``trade``, ``policies``,
``policy``, ``validate``, ``check``, ``completion``. Each takes ``--help`` with an example;
``--version`` prints the version. DATA is a file or a folder of
files; a file's record kind comes from the first word of its name (``enterprises``,
``designations``, ``relocations``, ``trade``, ``financials``, ``profiles``, ``rates``,
``aggregates``, ``counts``) or from ``--kind``; a ``.csv`` or ``.xlsx`` file whose name gives no
kind (an official list as published: 序号, 企业名称, 统一社会信用代码, 所在地区, 认定级别 ...) is
read as a list, every sheet by its name or its columns (``--kind list``).

Output is a readable table by default (aligned, locale-aware amounts), or ``--format csv`` /
``--format json`` with exact decimal strings, never floats. A CSV cell a spreadsheet would read as
a formula (text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a
leading ``'``, as the dumps' CSV files do; numbers the command computed (``-500``, ``-0.25``) are
data and are written as they are. Errors go to standard error, one line each, without a
traceback unless ``--debug``.

The exit status:

- 0: all is well;
- 1: the data has problems (a bad row, a bad policy file, a figure the command cannot use);
- 2: a usage error (an unknown option or command, a bad date or currency, a path that is missing,
  a folder, a FIFO or unreadable, an unknown policy, a feature whose extra is not installed:
  ``--engine arrow`` without ``littlegiants[arrow]``, an ``.xlsx`` file without
  ``littlegiants[xlsx]``);
- 74 (``EX_IOERR``): the output could not be written (a full disk, an I/O error, a closed
  standard output), with one line on standard error;
- 130: interrupted (Ctrl-C);
- 141 (128 + ``SIGPIPE``, what a shell reports for a program a closed pipe ended): the reader of
  the output went away (``littlegiants policies | head -1``); nothing more is printed.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import errno
import inspect
import json
import os
import re
import stat
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, NoReturn

from littlegiants.translations import N_, SOURCE_LOCALES, display_width, translator

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from _typeshed import SupportsWrite

    from littlegiants.frames import Row
    from littlegiants.fx import ExchangeRate
    from littlegiants.io.loader import Dataset
    from littlegiants.money import Money
    from littlegiants.policy import Comparison, IncentivePolicy, PolicySet, StackedPayout
    from littlegiants.trade import TradeSummary

__all__ = ["main"]

OK: Final = 0
PROBLEMS: Final = 1
USAGE: Final = 2
OUTPUT_FAILED: Final = 74
INTERRUPTED: Final = 130
BROKEN_PIPE: Final = 141

_KINDS: Final = (
    "enterprises",
    "designations",
    "relocations",
    "trade",
    "financials",
    "profiles",
    "rates",
    "aggregates",
    "counts",
    "list",
)
_PROGRESS_BYTES: Final = 4 * 1024 * 1024


class UsageError(Exception):
    """A command was used wrongly: exit status 2.

    Made of a message marked for translation and the values it names: ``str()`` is the English,
    :meth:`message` the words of a locale.

    >>> error = UsageError(N_("no such file or folder: {path}"), path="firms/")
    >>> str(error), error.message("zh_CN")
    ('no such file or folder: firms/', '没有这个文件或文件夹：firms/')
    """

    def __init__(self, template: str, /, **values: object) -> None:
        """Say ``template`` (a message marked with ``N_``) with ``values`` in its placeholders."""
        super().__init__(_filled(template, values, None))
        self.template = template
        self.values = values

    def message(self, locale: str) -> str:
        """The error in the language of ``locale``."""
        return _filled(self.template, self.values, locale)


class _OptionError(UsageError, argparse.ArgumentTypeError):
    """An option's value is refused (a date, a currency, a locale): argparse names the option."""


def _filled(template: str, values: Mapping[str, object], locale: str | None) -> str:
    """``template`` in ``locale``'s words (English for ``None``), its placeholders filled.

    A value that can say itself in a locale (an error's ``message``) does.
    """
    if locale is None:
        return template.format(**{name: str(value) for name, value in values.items()})
    return (
        translator(locale)
        .gettext(template)
        .format(**{name: _said(value, locale) for name, value in values.items()})
    )


def _said(value: object, locale: str) -> str:
    """``value`` in the words of ``locale``: its ``message(locale)`` where it has one."""
    message = getattr(value, "message", None)
    return str(message(locale)) if callable(message) else str(value)


#: Python's own reasons a date is refused, which the date options pass on.
_DATE_REASONS: Final = (
    N_("day is out of range for month"),
    N_("month must be in 1..12"),
    N_("expected a date such as 2025-06-30, 2025/6/30, 2025.6.30 or 2025年6月30日"),
)
#: argparse's messages (it has no catalogue of its own), and how they read through ours.
_ARGPARSE: Final = (
    (
        re.compile(
            r"argument (?P<argument>.+?): invalid choice: (?P<value>.+?) "
            r"\(choose from (?P<choices>.+)\)"
        ),
        N_("argument {argument}: invalid choice: {value} (choose from {choices})"),
    ),
    (
        re.compile(r"argument (?P<argument>.+?): expected one argument"),
        N_("argument {argument}: expected one argument"),
    ),
    (
        re.compile(r"the following arguments are required: (?P<arguments>.+)"),
        N_("the following arguments are required: {arguments}"),
    ),
    (
        re.compile(r"unrecognized arguments: (?P<arguments>.+)"),
        N_("unrecognized arguments: {arguments}"),
    ),
    (
        re.compile(r"argument (?P<argument>.+?): (?P<reason>.+)"),
        N_("argument {argument}: {reason}"),
    ),
)


def _argparse_problem(message: str, cause: BaseException | None) -> UsageError:
    """An argparse ``message`` as a translatable error; ``cause`` is the option's own, if any."""
    for pattern, template in _ARGPARSE:
        found = pattern.fullmatch(message)
        if found is None:
            continue
        values: dict[str, object] = dict(found.groupdict())
        if "reason" in values and isinstance(cause, UsageError):
            values["reason"] = cause
        return UsageError(template, **values)
    return UsageError("{problem}", problem=message)


class _OutputError(Exception):
    """Writing the output failed (kept apart from errors reading the data)."""

    def __init__(self, error: OSError | UnicodeEncodeError) -> None:
        super().__init__(error)
        self.error = error


class _Stdout:
    """Standard output for the commands: a failed write raises :class:`_OutputError`."""

    def __init__(self, stream: IO[str] | None) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        if self.stream is None:  # started with standard output closed
            raise _OutputError(OSError(errno.EBADF, "standard output is closed"))
        try:
            return self.stream.write(text)
        except (OSError, UnicodeEncodeError) as exc:
            raise _OutputError(exc) from exc

    def flush(self) -> None:
        if self.stream is None:
            return
        try:
            self.stream.flush()
        except OSError as exc:
            raise _OutputError(exc) from exc


def _say(text: str, end: str = "\n") -> None:
    """Write to standard error; if that fails too there is nowhere left to report it."""
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(text + end)
        sys.stderr.flush()


def _one_line(text: str) -> str:
    r"""``text`` as one line of a terminal: spaces for line breaks, escapes for control characters.

    >>> _one_line("unrecognized arguments: \r x\u202e\n  y")
    'unrecognized arguments: x\\u202e y'
    """
    flat = " ".join(text.split())
    return "".join(
        ascii(char)[1:-1] if unicodedata.category(char) in _CONTROL else char for char in flat
    )


_CONTROL: Final = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def _discard_stdout() -> None:
    """Point file descriptor 1 at the null device, so the interpreter's last flush cannot fail.

    Python's documentation on ``SIGPIPE`` recommends this: without it, the text still buffered
    is flushed again at exit and fails with "Exception ignored ... BrokenPipeError".
    """
    if sys.stdout is None:
        return
    try:
        descriptor = sys.stdout.fileno()
    except (OSError, ValueError):  # not a real file (a test's stream): nothing is flushed at exit
        return
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, descriptor)
        finally:
            os.close(devnull)


def _output_failed(error: OSError | UnicodeEncodeError) -> int:
    _discard_stdout()
    if isinstance(error, BrokenPipeError):
        return BROKEN_PIPE
    if isinstance(error, UnicodeEncodeError):
        reason = (
            f"the output holds characters the {error.encoding} encoding of standard output "
            "cannot carry; set PYTHONIOENCODING=utf-8"
        )
    else:
        reason = (error.strerror or str(error)).lower()
    _say(f"littlegiants: error: cannot write the output: {reason}")
    return OUTPUT_FAILED


# -- words ----------------------------------------------------------------------------------------

#: The locale when neither ``--locale`` nor the environment names one.
DEFAULT_LOCALE: Final = "en_US"
#: The environment variables naming the reader's locale, in the order POSIX reads them.
_LOCALE_VARIABLES: Final = ("LC_ALL", "LC_MESSAGES", "LANG")
#: The widest a text table is written, in terminal columns.
TABLE_WIDTH: Final = 100

#: The values of coded columns (statuses, levels, verdicts, flows, yes/no), translated in a text
#: table; CSV and JSON keep the codes themselves.
_CODES: Final = (
    N_(": "),
    N_("yes"),
    N_("no"),
    N_("total"),
    N_("all"),
    N_("national"),
    N_("provincial"),
    N_("municipal"),
    N_("payable"),
    N_("outside-period"),
    N_("outside-jurisdiction"),
    N_("already-paid"),
    N_("superseded"),
    N_("not-eligible"),
    N_("missing-data"),
    N_("other-policy"),
    N_("pass"),
    N_("fail"),
    N_("unknown"),
    N_("import"),
    N_("export"),
    N_("cumulative"),
    N_("highest-only"),
    N_("top-up"),
    N_("designation"),
    N_("re-review"),
    N_("relocation"),
    N_("High"),
    N_("Med-High"),
    N_("Med"),
    N_("Low-Med"),
    N_("Low"),
)


def _headers(locale: str) -> dict[str, str]:
    """Each column's key (what CSV and JSON write) and its header in a text table."""
    pgettext = translator(locale).pgettext
    return {
        "figure": pgettext("column", "figure"),
        "value": pgettext("column", "value"),
        "note": pgettext("column", "note"),
        "enterprise": pgettext("column", "enterprise"),
        "policy": pgettext("column", "policy"),
        "event": pgettext("column", "event"),
        "level": pgettext("column", "level"),
        "rule": pgettext("column", "rule"),
        "status": pgettext("column", "status"),
        "amount": pgettext("column", "amount"),
        "up_to": pgettext("column", "up_to"),
        "document": pgettext("column", "document"),
        "applies": pgettext("column", "applies"),
        "complete": pgettext("column", "complete"),
        "reason": pgettext("column", "reason"),
        "before": pgettext("column", "before"),
        "after": pgettext("column", "after"),
        "difference": pgettext("column", "difference"),
        "group": pgettext("column", "group"),
        "flow": pgettext("column", "flow"),
        "records": pgettext("column", "records"),
        "enterprises": pgettext("column", "enterprises"),
        "a year earlier": pgettext("column", "a year earlier"),
        "growth": pgettext("column", "growth"),
        "missing previous": pgettext("column", "missing previous"),
        "id": pgettext("column", "id"),
        "jurisdiction": pgettext("column", "jurisdiction"),
        "from": pgettext("column", "from"),
        "to": pgettext("column", "to"),
        "combination": pgettext("column", "combination"),
        "confidence": pgettext("column", "confidence"),
        "file": pgettext("column", "file"),
        "line": pgettext("column", "line"),
        "column": pgettext("column", "column"),
        "problem": pgettext("column", "problem"),
        "verdict": pgettext("column", "verdict"),
        "general": pgettext("column", "general"),
        "failed": pgettext("column", "failed"),
        "unknown": pgettext("column", "unknown"),
    }


def environment_locale(environ: Mapping[str, str]) -> str:
    """The locale the environment names (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else en_US.

    The first variable set decides, as in POSIX; its encoding and modifier are dropped
    (``zh_CN.UTF-8`` is ``zh_CN``). ``C``, ``POSIX`` and names CLDR does not know read en_US.

    >>> environment_locale({"LANG": "zh_CN.UTF-8"}), environment_locale({"LANG": "C.UTF-8"})
    ('zh_CN', 'en_US')
    >>> environment_locale({"LC_ALL": "de_DE@euro", "LANG": "zh_CN"}), environment_locale({})
    ('de_DE', 'en_US')
    """
    named = next((environ[name] for name in _LOCALE_VARIABLES if environ.get(name)), "")
    identifier = named.split(".", 1)[0].split("@", 1)[0]
    if identifier in {"", "C", "POSIX"}:
        return DEFAULT_LOCALE
    if identifier in SOURCE_LOCALES:  # known without loading CLDR's data
        return identifier
    from littlegiants.errors import UnknownLocaleError  # noqa: PLC0415
    from littlegiants.formatting import babel_locale  # noqa: PLC0415

    try:
        babel_locale(identifier)
    except UnknownLocaleError:
        return DEFAULT_LOCALE
    return identifier


def _locale(text: str) -> str:
    """A ``--locale`` option: any locale CLDR has (``de_DE``, ``zh_Hant_TW``, ``zh-CN``)."""
    from littlegiants.errors import UnknownLocaleError  # noqa: PLC0415
    from littlegiants.formatting import babel_locale  # noqa: PLC0415

    try:
        return str(babel_locale(text))
    except UnknownLocaleError as error:
        raise _OptionError("{error}", error=error) from None


def _given_locale(argv: Sequence[str], fallback: str) -> str:
    """The ``--locale`` of a command line argparse refused, for its error; else ``fallback``."""
    found = fallback
    for index, option in enumerate(argv):
        if option == "--locale" and index + 1 < len(argv):
            text = argv[index + 1]
        elif option.startswith("--locale="):
            text = option.partition("=")[2]
        else:
            continue
        with contextlib.suppress(UsageError):
            found = _locale(text)
    return found


# -- output ---------------------------------------------------------------------------------------


def _pad(text: str, width: int, *, right: bool) -> str:
    gap = " " * max(width - display_width(text), 0)
    return gap + text if right else text + gap


def _cut(word: str, width: int) -> tuple[str, str]:
    """The head of ``word`` that fits ``width`` columns (at least one character), and the rest.

    A code is cut after a hyphen, dot or slash where the head has one.

    >>> _cut("outside-period", 12), _cut("小巨人企业", 5)
    (('outside-', 'period'), ('小巨', '人企业'))
    """
    used = 0
    for index, char in enumerate(word):
        used += display_width(char)
        if used > width:
            end = max(index, 1)
            mark = max(word.rfind("-", 0, end), word.rfind(".", 0, end), word.rfind("/", 0, end))
            if mark > 0:
                end = mark + 1
            letters = end
            while (
                letters > 0
                and word[letters - 1 : letters + 1].isascii()
                and (word[letters - 1 : letters + 1].isalpha())
            ):
                letters -= 1  # an English word is not split between its letters
            return word[: letters or end], word[letters or end :]
    return word, ""


def _wrapped(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns: broken at spaces, else inside a word.

    Chinese has no spaces, so it breaks between characters; a wide character is never split.

    >>> _wrapped("little-giant.specialisation little-giant.refinement", 30)
    ['little-giant.specialisation', 'little-giant.refinement']
    >>> _wrapped("适用于该企业，但企业尚无奖励", 10)
    ['适用于该企', '业，但企业', '尚无奖励']
    """
    if display_width(text) <= width:
        return [text]
    indent = text[: len(text) - len(text.lstrip(" "))]
    if indent:
        room = width - len(indent)
        kept = indent if room >= max(2, width // 2) else ""
        return [kept + line for line in _wrapped(text.lstrip(" "), width - len(kept))]
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        joined = f"{line} {word}" if line else word
        if display_width(joined) <= width:
            line = joined
            continue
        rest = word
        room = width - display_width(line) - 1
        if line and room > 0 and display_width(word) > len(word):  # wide characters: fill the line
            head, tail = _cut(word, room)
            joint = head[-1:] + tail[:1]
            if display_width(head) <= room and not (joint.isascii() and joint.isalpha()):
                line, rest = f"{line} {head}", tail
        if line:
            lines.append(line)
        while display_width(rest) > width:
            head, rest = _cut(rest, width)
            lines.append(head)
        line = rest
    lines.append(line)
    return lines


def _fitted(widths: dict[str, int], floors: dict[str, int], limit: int) -> dict[str, int]:
    """Column widths narrowed, widest first, until the table fits ``limit`` columns if it can."""
    fitted = dict(widths)
    gaps = 2 * (len(fitted) - 1)
    while sum(fitted.values()) + gaps > limit:
        narrowable = [c for c in fitted if fitted[c] > floors[c]]
        if not narrowable:
            break
        widest = max(narrowable, key=lambda c: fitted[c])
        fitted[widest] -= 1
    return fitted


def _floors(
    columns: Sequence[str],
    headers: dict[str, str],
    cells: Sequence[dict[str, str]],
    natural: dict[str, int],
    right: set[str],
) -> list[dict[str, int]]:
    """How narrow each column may become, stage by stage, until a table fits.

    First no English word or code is broken (up to :data:`_LONGEST_WORD` columns); then
    prose (names, reasons, Chinese, which breaks anywhere) narrows to :data:`_NARROWEST_PROSE`;
    then every column does. Numbers are never wrapped.
    """
    stages: list[dict[str, int]] = [{}, {}, {}]
    for c in columns:
        texts = [headers[c], *(row[c] for row in cells)]
        words = [w for text in texts for w in text.split(" ") if display_width(w) == len(w)]
        longest = min(max(map(len, words), default=0), _LONGEST_WORD)
        prose = any(" " in text.strip() or display_width(text) > len(text) for text in texts)
        whole = min(natural[c], max(_NARROWEST, longest))
        least = min(natural[c], max(_NARROWEST_PROSE, display_width(headers[c])))
        stage = (whole, least if prose else whole, least)
        for floors, floor in zip(stages, stage, strict=True):
            floors[c] = natural[c] if c in right else floor
    return stages


#: A number the CLI wrote itself (an exact decimal with ``:f``): data, not a formula, in CSV.
_NUMBER: Final = re.compile(r"-?[0-9]+(\.[0-9]+)?")
#: The narrowest a wrapped column becomes, in terminal columns.
_NARROWEST: Final = 12
#: The narrowest the last column is wrapped to; narrower, it goes under each row.
_NARROWEST_LAST: Final = 30
#: The narrowest prose (names, reasons) is wrapped to when a table is still too wide.
_NARROWEST_PROSE: Final = 8
#: The longest word or code kept whole while a table can be narrowed elsewhere.
_LONGEST_WORD: Final = 30


def _csv_cell(text: str, *, numeric: bool) -> str:
    """A CSV cell that a spreadsheet shows as text: formulas are neutralized, numbers kept."""
    from littlegiants.io.tables import escape_formula  # noqa: PLC0415

    return text if numeric and _NUMBER.fullmatch(text) else escape_formula(text)


def _json_value(value: object) -> object:
    """A cell for JSON: exact decimals as text (never floats), dates as ISO text, the rest as is."""
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _text_value(value: object) -> str:
    """A cell for CSV or the table: ``true``/``false``, exact decimals, empty for ``None``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


class Output:
    """Rows written as an aligned table, CSV or JSON.

    A row's values are text, or (in CSV and JSON output) plain values: booleans and whole
    numbers stay booleans and numbers in JSON, ``Decimal`` amounts are exact text.
    """

    def __init__(self, fmt: str, stream: _Stdout, locale: str = DEFAULT_LOCALE) -> None:
        """Write ``fmt`` (table, csv, json) to ``stream``; a table's words read in ``locale``."""
        self.fmt = fmt
        self.stream = stream
        self.locale = locale

    def rows(
        self,
        columns: Sequence[str],
        rows: Sequence[Mapping[str, object]],
        *,
        numeric: Iterable[str] = (),
        coded: Iterable[str] = (),
        extra: dict[str, Any] | None = None,
    ) -> None:
        """Write one table of rows; ``extra`` adds top-level keys to JSON output.

        JSON rows hold the ``columns`` keys only, in their order.
        ``numeric`` columns are aligned right (and never quoted in CSV); the values of ``coded``
        columns are codes (``payable``, ``national``) a text table translates.
        """
        if self.fmt == "json":
            plain = [{c: _json_value(row.get(c)) for c in columns} for row in rows]
            payload: Any = plain if extra is None else {**extra, "rows": plain}
            json.dump(payload, self.stream, ensure_ascii=False, indent=2)
            self.stream.write("\n")
            return
        text = [{c: _text_value(row.get(c)) for c in columns} for row in rows]
        if self.fmt == "csv":
            numbers = set(numeric)
            writer = csv.writer(self.stream, lineterminator="\n")
            writer.writerow([_csv_cell(column, numeric=False) for column in columns])
            writer.writerows(
                [_csv_cell(row[c], numeric=c in numbers) for c in columns] for row in text
            )
        else:
            self._table(columns, text, right=set(numeric), coded=set(coded))

    def _table(
        self,
        columns: Sequence[str],
        rows: Sequence[dict[str, str]],
        *,
        right: set[str],
        coded: set[str],
    ) -> None:
        """An aligned text table, its long cells wrapped to fit :data:`TABLE_WIDTH` columns.

        When the last column (a reason, a list of criteria) would be squeezed narrower than
        :data:`_NARROWEST_LAST` to fit, it is written under each row instead, after its header.
        """
        gettext = translator(self.locale).gettext
        named = _headers(self.locale)
        headers = {c: named.get(c, c) for c in columns}
        cells = [
            {c: gettext(row[c]) if c in coded and row.get(c) else row.get(c, "") for c in columns}
            for row in rows
        ]
        natural = {
            c: max([display_width(headers[c]), *(display_width(r[c]) for r in cells)])
            for c in columns
        }
        floors = _floors(columns, headers, cells, natural, right)
        widths = natural
        for stage in floors:
            widths = _fitted(widths, stage, TABLE_WIDTH)
        grid, last = list(columns), columns[-1]
        below = len(columns) > 2 and last not in right
        below = below and widths[last] < min(natural[last], _NARROWEST_LAST)
        if below:
            grid.pop()
            widths = {c: natural[c] for c in grid}
            for stage in floors:
                widths = _fitted(widths, stage, TABLE_WIDTH)
        self._line(grid, {c: _wrapped(headers[c], widths[c]) for c in grid}, widths, right)
        self.stream.write("  ".join("-" * widths[c] for c in grid) + "\n")
        separator = gettext(": ")
        for row in cells:
            self._line(grid, {c: _wrapped(row[c], widths[c]) for c in grid}, widths, right)
            if below and row[last]:
                text = headers[last] + separator + row[last]
                for line in _wrapped(text, TABLE_WIDTH - 4):
                    self.stream.write(f"    {line}\n")

    def _line(
        self,
        columns: Sequence[str],
        lines: dict[str, list[str]],
        widths: dict[str, int],
        right: set[str],
    ) -> None:
        """One row of the table, as many terminal lines as its longest wrapped cell needs."""
        for index in range(max(len(lines[c]) for c in columns)):
            cells = (
                _pad(lines[c][index] if index < len(lines[c]) else "", widths[c], right=c in right)
                for c in columns
            )
            self.stream.write("  ".join(cells).rstrip() + "\n")

    def note(self, text: str) -> None:
        """Write a line under a table (a total, a count), wrapped to :data:`TABLE_WIDTH` columns."""
        lines = _wrapped(text, TABLE_WIDTH)
        self.stream.write(lines[0] + "\n")
        for line in _wrapped(" ".join(lines[1:]), TABLE_WIDTH - 2) if len(lines) > 1 else []:
            self.stream.write(f"  {line}\n")

    def text(self, text: str) -> None:
        """Write free text (table format only)."""
        self.stream.write(text.rstrip("\n") + "\n")


def _amount(money: Money | None, fmt: str, locale: str, *, compact: bool = False) -> str:
    if money is None:
        return ""
    if fmt != "table":
        return f"{money.amount:f}"
    from littlegiants.formatting import format_money  # noqa: PLC0415

    return format_money(money, locale=locale, compact=compact)


# -- reading data ---------------------------------------------------------------------------------


def _date(text: str) -> dt.date:
    """A date option read as data cells are: 2025-06-30, 2025/06/30, 2025.6.30, 2025年6月30日."""
    from littlegiants.errors import InvalidDateError, Reason  # noqa: PLC0415
    from littlegiants.periods import parse_date  # noqa: PLC0415

    try:
        return parse_date(text)
    except InvalidDateError as error:
        raise _OptionError(
            N_("{reason}, not {text}"), reason=Reason.given(error.reason), text=repr(text)
        ) from None


def _kind(path: Path, given: str | None) -> str:
    if given is not None:
        return given
    from littlegiants.io.loader import kind_of  # noqa: PLC0415

    kind = kind_of(path)
    if kind is None and path.suffix.lower() in (".csv", ".xlsx"):
        return "list"
    if kind is None:
        raise UsageError(
            N_(
                "cannot tell what {name} holds: name it after its kind ({kinds}), "
                "e.g. trade-2022.csv, or pass --kind"
            ),
            name=path.name,
            kinds=", ".join(_KINDS),
        )
    return kind


def _progress(path: Path) -> bool:
    return sys.stderr is not None and sys.stderr.isatty() and path.stat().st_size > _PROGRESS_BYTES


def _with_progress(path: Path, kind: str) -> list[Any]:
    from littlegiants.io import files  # noqa: PLC0415

    records = []
    for count, record in enumerate(files.iter(path, kind), start=1):
        records.append(record)
        if count % 50_000 == 0:
            _say(f"\rreading {path.name}: {count:,} rows", end="")
    _say("\r" + " " * 60 + "\r", end="")
    return records


def _checked(path: Path) -> bool:
    """Whether ``path`` is a folder (else a regular file); what is neither is a usage error.

    The path is checked before anything opens it: a FIFO is refused, not waited on.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise UsageError(N_("no such file or folder: {path}"), path=path) from None
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        raise UsageError(N_("cannot read {path}: {reason}"), path=path, reason=reason) from None
    except ValueError:
        template = N_("cannot read {path}: the path holds a NUL character")
        raise UsageError(template, path=repr(path)) from None
    if not stat.S_ISDIR(mode) and not stat.S_ISREG(mode):
        template = N_(
            "cannot read {path}: it is not a regular file or a folder (a FIFO or a device?)"
        )
        raise UsageError(template, path=path)
    return stat.S_ISDIR(mode)


def load_data(path: Path, kind: str | None = None) -> Dataset:
    """Read DATA (a folder, or one file of a kind) into a ``Dataset``."""
    from littlegiants.io import loader  # noqa: PLC0415

    if _checked(path):
        return loader.load_dataset(path)
    kind = _kind(path, kind)
    if kind == "list":
        return loader.load_list(path)
    from littlegiants.io import files  # noqa: PLC0415

    records = _with_progress(path, kind) if _progress(path) else list(files.iter(path, kind))
    return loader.dataset_of(records, files.kind(kind), str(path))


def _policy(value: str) -> IncentivePolicy:
    """A bundled policy by id, or a policy file (a name ending .toml, a path, an existing file)."""
    from littlegiants.policy import IncentivePolicy, load_policy  # noqa: PLC0415

    if value.endswith(".toml") or "/" in value or os.sep in value or _exists(value):
        return IncentivePolicy.from_toml(value)
    return load_policy(value)


def _exists(value: str) -> bool:
    try:
        return Path(value).exists()
    except (OSError, ValueError):  # a name too long or holding a NUL: not a file
        return False


# -- commands ----------------------------------------------------------------------------------


#: Significant figures of derived values (a year earlier, implied rates) in csv and json: the
#: seed article prints its inputs to 4 (44.64 billion yuan, US$6.24 billion).
_DERIVED_DIGITS: Final = 4
_DERIVED_NOTE: Final = N_("derived; rounded to {digits} significant figures")
#: The demo's words for a count's kind.
_COUNT_KINDS: Final = (N_("held"), N_("batch"), N_("target"))
#: The demo's words for a trade flow.
_FLOWS: Final = {"import": N_("imports"), "export": N_("exports")}


def _derived(money: Money | None, fmt: str, locale: str) -> str:
    """A derived amount: compact in a table, to 4 significant figures in csv and json.

    The exact value stays available from the API (``TradeAggregate.previous``, ...).
    """
    if money is None or fmt == "table":
        return _amount(money, fmt, locale, compact=True)
    from decimal import ROUND_HALF_UP  # noqa: PLC0415

    from littlegiants._exact import EXACT  # noqa: PLC0415

    step = Decimal(1).scaleb(money.amount.adjusted() - _DERIVED_DIGITS + 1)
    rounded = money.amount.quantize(step, rounding=ROUND_HALF_UP, context=EXACT)
    return f"{rounded:f}"


def _count_note(count: Any, locale: str) -> str:  # noqa: ANN401 - a DesignationCount
    """The date of a count, and whether it is a lower bound or ranks its place."""
    from littlegiants.batches import Bound  # noqa: PLC0415

    _ = translator(locale).gettext
    notes = [str(count.on)]
    if count.bound is Bound.MORE_THAN:
        notes.append(_("more than this: a lower bound"))
    if count.national_rank is not None:
        notes.append(_("rank {rank} in China").format(rank=count.national_rank))
    if count.provincial_rank is not None:
        notes.append(_("rank {rank} in its province").format(rank=count.provincial_rank))
    return _("; ").join(notes)


def _budget_rows(policy: IncentivePolicy, data: Dataset, fmt: str, locale: str) -> list[list[str]]:
    """What the policy's own jurisdiction's batch and target cost at most (never China's counts)."""
    from littlegiants.batches import Bound  # noqa: PLC0415
    from littlegiants.counts import CountKind  # noqa: PLC0415
    from littlegiants.designation import DesignationLevel  # noqa: PLC0415

    _ = translator(locale)
    national = DesignationLevel.NATIONAL
    held = {
        c.kind: c
        for c in data.counts
        if c.level is national
        and c.region is not None
        and policy.covers(c.region)
        and c.bound is Bound.EXACT
    }
    rows = []
    wanted = []
    if CountKind.BATCH in held:
        batch = held[CountKind.BATCH]
        words = _.ngettext(
            "budget: batch {batch}, {count} firm",
            "budget: batch {batch}, {count} firms",
            batch.count,
        )
        wanted.append((words.format(batch=batch.batch, count=batch.count), batch.count))
    if CountKind.TARGET in held and CountKind.HELD in held:
        target = held[CountKind.TARGET].count
        more = target - held[CountKind.HELD].count
        words = _.gettext("budget: {more} more to reach {target}")
        wanted.append((words.format(more=more, target=target), more))
    for figure, count in wanted:
        cost = policy.budget({national: count})
        note = _.gettext("at most") if cost.is_upper_bound else ""
        if cost.unknown:
            note = (
                _.gettext("at most, for what could be costed")
                if note
                else _.gettext("for what could be costed")
            )
        rows.append([figure, _amount(cost.total, fmt, locale), note])
    return rows


def cmd_demo(args: argparse.Namespace, out: Output) -> int:
    """Work the bundled seed-article example through the library."""
    from littlegiants._exact import EXACT  # noqa: PLC0415
    from littlegiants.formatting import format_growth  # noqa: PLC0415
    from littlegiants.io.loader import example_path, load_dataset  # noqa: PLC0415
    from littlegiants.policy import render_policy  # noqa: PLC0415

    locale, fmt = args.locale, args.format
    _ = translator(locale)
    derived_note = _.gettext(_DERIVED_NOTE).format(digits=_DERIVED_DIGITS)
    data = load_dataset(example_path("shenzhen-2022"))
    rows: list[dict[str, str]] = []
    four_places = Decimal("0.0001")

    def add(figure: str, value: str, note: str = "") -> None:
        rows.append({"figure": figure, "value": value, "note": note})

    for cohort in data.aggregates:
        growth = "" if cohort.growth is None else format_growth(cohort.growth, locale=locale)
        firms = cohort.enterprise_count
        note = _.ngettext(
            "{count} enterprise, {growth} year on year",
            "{count} enterprises, {growth} year on year",
            firms or 0,
        )
        add(
            f"{cohort.label}, {cohort.period}",
            _amount(cohort.value, fmt, locale, compact=True),
            note.format(count=firms, growth=growth),
        )
        if cohort.equivalent is not None:
            add(
                "  " + _.gettext("the same in US dollars"),
                _amount(cohort.equivalent, fmt, locale, compact=True),
            )
            pair = {cohort.value.currency, cohort.equivalent.currency}
            # One date for the implied rate: the rate file's, where it has this pair.
            on = next((r.on for r in data.rates if {r.base, r.quote} == pair), cohort.period.end)
            rate = cohort.implied_rate(on=on)
            add(
                "  " + _.gettext("implied exchange rate"),
                f"{rate.rate.quantize(four_places, context=EXACT)}",
                _.gettext("{quote} per {base} on {on}; derived, to 4 decimal places").format(
                    quote=rate.quote, base=rate.base, on=rate.on
                ),
            )
        add(
            "  " + _.gettext("a year earlier (implied)"),
            _derived(cohort.previous, fmt, locale),
            derived_note,
        )
    for record in data.trade_records:
        growth = "" if record.growth is None else format_growth(record.growth, locale=locale)
        add(
            _.gettext("{name}: {flow}, {period}").format(
                name=record.enterprise.name,
                flow=_.gettext(_FLOWS[record.flow.value]),
                period=record.period,
            ),
            _amount(record.value, fmt, locale, compact=True),
            _.gettext("{growth}; a year earlier {previous} ({note})").format(
                growth=growth, previous=_derived(record.previous, fmt, locale), note=derived_note
            ),
        )
    for rate in data.rates:
        shown = rate.rate.quantize(four_places, context=EXACT)
        add(
            _.gettext("rate {base}->{quote} on {on}").format(
                base=rate.base, quote=rate.quote, on=rate.on
            ),
            f"{shown:f}",
            _.gettext(
                "rates.csv; derived, to 4 decimal places (exact in the file and from the API)"
            ),
        )
    for count in data.counts:
        place = _.gettext("China") if count.region is None else count.region.name
        figure = _.gettext("{place}: {level} little giants, {kind}").format(
            place=place, level=_.gettext(count.level.value), kind=_.gettext(count.kind.value)
        )
        add(figure, str(count.count), _count_note(count, locale))
    for policy in data.policies:
        for rule in policy.rules:
            add(
                f"{policy.document} {_.gettext(rule.level.value)}",
                _amount(rule.amount, fmt, locale),
                _.gettext("up to") if rule.up_to else "",
            )
        for budget in _budget_rows(policy, data, fmt, locale):
            add(*budget)
    out.rows(["figure", "value", "note"], rows, numeric=["value"])
    if fmt == "table":
        for policy in data.policies:
            out.text("\n" + render_policy(policy, locale=locale))
    return OK


def _policies(values: Sequence[str]) -> list[IncentivePolicy]:
    """The policies ``--policy`` names (bundled ids or files), each once."""
    found = [_policy(value) for value in values]
    ids = [policy.id for policy in found]
    for policy_id in ids:
        if ids.count(policy_id) > 1:
            template = N_("--policy names {policy} twice: give each policy once")
            raise UsageError(template, policy=policy_id)
    return found


def _stacked(args: argparse.Namespace, data: Dataset) -> tuple[str, list[StackedPayout]]:
    """Each enterprise's payout under ``--policy`` (one or several, stacked) or ``--all``."""
    from littlegiants.policy import PolicySet, match  # noqa: PLC0415

    if args.all == bool(args.policy):
        raise UsageError(N_("give --policy (repeat it to stack several) or --all, not both"))
    if args.all:
        found = [match(firm, as_of=args.as_of).stacked for firm in data.enterprises]
        return "all", found
    stack = PolicySet(_policies(args.policy))
    return "+".join(stack.ids), list(stack.payouts(data.enterprises, as_of=args.as_of).payouts)


def _money_text(money: Money | None, fmt: str, locale: str) -> str:
    if money is None:
        return translator(locale).gettext("unknown") if fmt == "table" else "unknown"
    return _amount(money, fmt, locale)


def cmd_payouts(args: argparse.Namespace, out: Output) -> int:
    """Compute what each enterprise is owed under a policy, several stacked, or all that apply."""
    data = load_data(Path(args.data), args.kind)
    name, stacked = _stacked(args, data)
    rows: list[dict[str, object]] = [
        {
            "enterprise": payout.enterprise.name,
            "policy": policy_id,
            "event": str(item.event_on),
            "level": item.level.value,
            "rule": item.rule.id,
            "status": item.status.value,
            "amount": _money_text(item.amount, args.format, args.locale),
            "up_to": "yes" if item.is_ceiling else "",
        }
        for payout in stacked
        for policy_id, item in payout.items
    ]
    columns = ["enterprise", "policy", "event", "level", "rule", "status", "amount", "up_to"]
    if args.format != "table":
        rows = [row for payout in stacked for row in payout.to_records(locale=args.locale)]
        columns = [*_ITEM_KEYS, *(["reason"] if args.explain else [])]
    currency = stacked[0].currency if stacked else "CNY"
    total = _sum_money((payout.total for payout in stacked), currency)
    issuers = _by_issuer(stacked, currency)
    unevaluated = [
        (payout.enterprise, "; ".join(f"{pid}: {item.detail}" for pid, item in payout.missing))
        for payout in stacked
        if not payout.is_complete
    ]
    ids = sorted({p.policy.id for payout in stacked for p in payout.payouts})
    extra = {
        "policy": name,
        "policies": ids,
        "as_of": None if args.as_of is None else str(args.as_of),
        "currency": currency,
        "total": f"{total.amount:f}",
        "by_issuer": {issuer: f"{amount.amount:f}" for issuer, amount in issuers.items()},
        "unevaluated": [{**f.to_record(), "reason": why} for f, why in unevaluated],
    }
    if args.explain:
        extra["explanations"] = [
            {**payout.enterprise.to_record(), "explanation": _explained(payout, args.locale)}
            for payout in stacked
        ]
    out.rows(
        columns,
        rows,
        numeric=["amount"],
        coded=["level", "status", "up_to"],
        extra=extra if args.format == "json" else None,
    )
    if args.format == "table":
        _ = translator(args.locale)
        count = len(stacked)
        total_text = _.ngettext(
            "total: {amount} ({count} enterprise)", "total: {amount} ({count} enterprises)", count
        )
        out.note(total_text.format(amount=_amount(total, "table", args.locale), count=count))
        if len(ids) > 1:
            out.text(_.gettext("by issuer:"))
            chinese = _.language != "en"
            for issuer, amount in issuers.items():
                # An issuer reads "深圳市人民政府 (Shenzhen ...)"; Chinese shows the first part.
                name = issuer.split(" (", 1)[0] if chinese else issuer
                out.note(f"  {name}{_.gettext(': ')}{_amount(amount, 'table', args.locale)}")
        for firm, why in unevaluated:
            line = _.gettext("not fully evaluated: {name}: {reason}")
            out.note(line.format(name=firm.name, reason=why))
        if args.explain:
            for payout in stacked:
                out.text("\n" + _explained(payout, args.locale))
    return OK


#: The keys that name a firm in CSV and JSON rows (``Enterprise.to_record``).
_FIRM_KEYS: Final = ("credit_code", "name", "region_code", "region_name")

#: The keys of a payout item's row in CSV and JSON (``PayoutItem.to_record`` without the reason).
_ITEM_KEYS: Final = (
    *_FIRM_KEYS,
    "policy_id",
    "rule_id",
    "event",
    "event_on",
    "level",
    "key",
    "status",
    "amount",
    "currency",
    "up_to",
)


def _explained(payout: StackedPayout, locale: str) -> str:
    """A firm's payout trace: the one policy's, or the stack's with what lies between."""
    single = len(payout.payouts) == 1 and not payout.interactions
    text = payout.payouts[0].explain if single else payout.explain
    return text(locale=locale)


def _sum_money(amounts: Iterable[Money], currency: str) -> Money:
    from littlegiants.money import Money  # noqa: PLC0415

    return Money.total(amounts, currency=currency)


def _by_issuer(stacked: Iterable[StackedPayout], currency: str) -> dict[str, Money]:
    from littlegiants.money import Money  # noqa: PLC0415

    out: dict[str, Money] = {}
    for payout in stacked:
        for issuer, amount in payout.by_issuer().items():
            out[issuer] = out.get(issuer, Money.zero(currency)) + amount
    return out


def cmd_match(args: argparse.Namespace, out: Output) -> int:
    """Match each enterprise against every bundled policy: what applies, what it pays, why not."""
    from littlegiants.policy import match  # noqa: PLC0415

    if args.all and args.policy:
        raise UsageError(
            N_("give --policy (repeat it for several) or --all (the default), not both")
        )
    data = load_data(Path(args.data), args.kind)
    candidates = _policies(args.policy) if args.policy else None
    found = [match(firm, as_of=args.as_of, policies=candidates) for firm in data.enterprises]
    fmt, locale = args.format, args.locale
    rows: list[dict[str, object]] = []
    firms: list[dict[str, Any]] = []
    for answer in found:
        name = answer.enterprise.name
        listed = answer.matches if args.others else answer.applying
        applying = (
            translator(locale)
            .ngettext(
                "{count} of {of} policy applies",
                "{count} of {of} policies apply",
                len(answer.matches),
            )
            .format(count=len(answer.applying), of=len(answer.matches))
        )
        firm = answer.enterprise.to_record()
        if fmt != "table":
            rows.extend(answer.to_records(locale=locale, others=args.others))
            rows.append(
                {
                    **firm,
                    "policy_id": "total",
                    "amount": answer.total.amount,
                    "currency": answer.total.currency,
                    "complete": answer.stacked.is_complete,
                    "reason": applying,
                }
            )
        else:
            rows.extend(
                {
                    "enterprise": name,
                    "policy": each.policy.id,
                    "document": each.policy.document,
                    "applies": "yes" if each.applies else "no",
                    "amount": "" if each.total is None else _amount(each.total, fmt, locale),
                    "up_to": "yes" if each.is_ceiling else "",
                    "complete": ""
                    if each.payout is None
                    else ("yes" if each.payout.is_complete else "no"),
                    "reason": each.why.speak(locale),
                }
                for each in listed
            )
            rows.append(
                {
                    "enterprise": name,
                    "policy": "total",
                    "amount": _amount(answer.total, fmt, locale),
                    "complete": "yes" if answer.stacked.is_complete else "no",
                    "reason": applying,
                }
            )
        firms.append(
            {
                **firm,
                "total": f"{answer.total.amount:f}",
                "complete": answer.stacked.is_complete,
                "by_issuer": {
                    issuer: f"{amount.amount:f}"
                    for issuer, amount in answer.stacked.by_issuer().items()
                },
                "between": [i.why.speak(locale) for i in answer.stacked.interactions],
                "not_applying": [
                    {"policy_id": m.policy.id, "coverage": m.coverage.value, "reason": m.why.en}
                    for m in answer.others
                ],
            }
        )
        if args.explain:
            firms[-1]["explanation"] = answer.explain(locale=locale)
    columns = ["enterprise", "policy", "document", "applies", "amount", "up_to", "complete"]
    columns.append("reason")
    if fmt != "table":
        columns = [*_FIRM_KEYS, "policy_id", "document", "coverage", "applies", "amount"]
        columns += ["currency", "up_to", "complete", "reason"]
    extra = {"as_of": None if args.as_of is None else str(args.as_of), "firms": firms}
    out.rows(
        columns,
        rows,
        numeric=["amount"],
        coded=["policy", "applies", "up_to", "complete"],
        extra=extra if fmt == "json" else None,
    )
    if fmt == "table":
        for answer in found:
            if args.explain:
                out.text("\n" + answer.explain(locale=locale))
            elif answer.others and not args.others:
                out.note(_not_applying(answer, locale))
    return OK


def _not_applying(answer: Any, locale: str) -> str:  # noqa: ANN401 - a Match
    counts: dict[str, int] = {}
    for each in answer.others:
        words = each.coverage.words.speak(locale)
        counts[words] = counts.get(words, 0) + 1
    _ = translator(locale).gettext
    parts = _(", ").join(
        _("{count} {words}").format(count=count, words=words) for words, count in counts.items()
    )
    line = _("not applying to {name}: {parts} (--others lists them)")
    return line.format(name=answer.enterprise.name, parts=parts)


def _reformed(before: PolicySet, values: Sequence[str]) -> tuple[PolicySet, list[dict[str, str]]]:
    """The set after each ``--reform``: ``OLD=NEW`` replaces OLD; a policy replaces its own id.

    A reform whose id is not in the set, without ``OLD=``, is added to it.
    """
    reforms: list[dict[str, str]] = []
    after = before
    for value in values:
        old, sep, new = value.partition("=")
        if sep and old not in before.ids and not _exists(value):
            known = ", ".join(before.ids)
            template = N_("--reform {value}: {old} is not among the policies compared ({known})")
            raise UsageError(template, value=value, old=old, known=known)
        if sep and old in before.ids:
            policy = _policy(new)
            after = after.with_policies(policy)
            kept = [p for p in after.policies if p.id != old or old == policy.id]
            after = type(after)(kept, currency=after.currency)
            reforms.append({"replaces": old, "by": policy.id, "from": new})
            continue
        policy = _policy(value)
        replaces = policy.id if policy.id in before.ids else ""
        after = after.with_policies(policy)
        reforms.append({"replaces": replaces, "by": policy.id, "from": value})
    return after, reforms


def cmd_compare(args: argparse.Namespace, out: Output) -> int:
    """Compare what enterprises get under policies (stacked) and under a reform of them."""
    from littlegiants.policy import PolicySet, compare, policies  # noqa: PLC0415

    if args.all == bool(args.policy):
        raise UsageError(N_("give --policy (repeat it to stack several) or --all, not both"))
    if not args.reform:
        raise UsageError(
            N_("give the reform compared with --reform (a policy file or id, or OLD=FILE_OR_ID)")
        )
    # --all stacks the whole catalogue: a policy whose region or dates do not cover a firm pays
    # it nothing, so each firm's total is what `match` finds for it (a test holds them equal).
    before = PolicySet(list(policies()) if args.all else _policies(args.policy))
    after, reforms = _reformed(before, args.reform)
    data = load_data(Path(args.data), args.kind)
    comparison = compare(before, after, data.enterprises, as_of=args.as_of)
    fmt, locale = args.format, args.locale
    rows: list[dict[str, object]] = []
    for row in comparison.rows:
        name = row.enterprise.name
        for policy_id, (was, now) in row.by_policy().items():
            if was or now:
                rows.append(_compared(name, policy_id, was, now, fmt=fmt, locale=locale))
        totals = (row.before.total, row.after.total)
        rows.append(_compared(name, "total", *totals, fmt=fmt, locale=locale))
    columns = ["enterprise", "policy", "before", "after", "difference"]
    numbers = ["before", "after", "difference"]
    if fmt != "table":
        rows = _compared_records(comparison, locale=locale, explain=args.explain)
        columns = [*_FIRM_KEYS, "policy_id", *numbers, "currency"]
        columns += ["explanation"] if args.explain else []
    extra = {
        "as_of": None if args.as_of is None else str(args.as_of),
        "currency": comparison.currency,
        "before": list(before.ids),
        "after": list(after.ids),
        "reforms": reforms,
        "total_before": f"{comparison.total_before.amount:f}",
        "total_after": f"{comparison.total_after.amount:f}",
        "difference": f"{comparison.difference.amount:f}",
        "by_policy": {
            policy_id: {"before": f"{was.amount:f}", "after": f"{now.amount:f}"}
            for policy_id, (was, now) in comparison.by_policy().items()
        },
    }
    out.rows(
        columns, rows, numeric=numbers, coded=["policy"], extra=extra if fmt == "json" else None
    )
    if fmt == "table":
        _ = translator(locale)
        for reform in reforms:
            line = (
                _.gettext("reform: {policy} ({source}) replaces {old}")
                if reform["replaces"]
                else _.gettext("reform: {policy} ({source}) added")
            )
            out.note(
                line.format(policy=reform["by"], source=reform["from"], old=reform["replaces"])
            )
        count = len(comparison.rows)
        total = _.ngettext(
            "total: {before} before, {after} after, difference {difference} ({count} enterprise)",
            "total: {before} before, {after} after, difference {difference} ({count} enterprises)",
            count,
        )
        out.note(
            total.format(
                before=_amount(comparison.total_before, fmt, locale),
                after=_amount(comparison.total_after, fmt, locale),
                difference=_amount(comparison.difference, fmt, locale),
                count=count,
            )
        )
        if args.explain:
            for row in comparison.rows:
                if row.difference:
                    out.text("\n" + row.after.explain(locale=locale))
    return OK


def _compared_records(comparison: Comparison, *, locale: str, explain: bool) -> list[Row]:
    """The comparison's rows for CSV and JSON: a firm's total row says ``total``.

    With ``explain``, a firm's total row carries the trace after the reform when it changed.
    """
    rows = comparison.to_records()
    changed = {
        row.enterprise.key: row.after.explain(locale=locale)
        for row in comparison.rows
        if row.difference
    }
    firms = iter(comparison.rows)
    for row in rows:
        if row["policy_id"] is None:
            row["policy_id"] = "total"
            if explain:
                row["explanation"] = changed.get(next(firms).enterprise.key)
    return rows


def _compared(
    name: str, policy_id: str, was: Money, now: Money, *, fmt: str, locale: str
) -> dict[str, object]:
    return {
        "enterprise": name,
        "policy": policy_id,
        "before": _amount(was, fmt, locale),
        "after": _amount(now, fmt, locale),
        "difference": _amount(now - was, fmt, locale),
    }


def cmd_trade(args: argparse.Namespace, out: Output) -> int:
    """Summarise trade records with year-on-year growth.

    With --engine arrow (the arrow extra), a trade file (.csv, .parquet or .xlsx) is read into
    a columnar TradeTable with the same checks and summarised to the same figures, about ten
    times faster on a large file; a folder is a dataset of trade files (a year of monthly
    extracts, a partitioned dataset). --engine scan streams a .csv or .parquet file (or a
    folder of them) through the same checks into the same figures without holding it, for
    files larger than memory; it needs --currency, as it reads the records once. The objects
    engine reads any DATA, and a folder as a linked dataset (enterprises, designations, trade).
    """
    import functools  # noqa: PLC0415

    from littlegiants.fx import RateTable  # noqa: PLC0415
    from littlegiants.io.loader import load_rates  # noqa: PLC0415
    from littlegiants.trade import summarize  # noqa: PLC0415

    summarise: Callable[..., TradeSummary]
    count: int | None  # None: known once summarised (a scan)
    currencies: list[str]
    known: list[ExchangeRate]  # the rates a linked dataset holds
    if args.engine == "arrow":
        table = _trade_input(Path(args.data), args.kind)
        count, currencies, known = len(table), list(table.currencies), []
        summarise = table.summarize
    elif args.engine == "scan":
        if args.currency is None:
            raise UsageError(N_("--engine scan needs --currency: it reads the records only once"))
        if args.by == "level":
            raise UsageError(
                N_(
                    "--engine scan groups by region or enterprise: a trade file carries no "
                    "designations to group by level"
                )
            )
        scan = _trade_input(Path(args.data), args.kind, engine="scan")
        count, currencies, known = None, [], []
        summarise = scan.summarize
    else:
        data = load_data(Path(args.data), args.kind)
        records = data.trade_records
        count, known = len(records), list(data.rates)
        currencies = sorted({r.value.currency for r in records})
        summarise = functools.partial(summarize, records)
    if count == 0:
        _no_trade(args.data)
    currency = args.currency or (currencies[0] if len(currencies) == 1 else None)
    if currency is None:
        found = ", ".join(currencies) or "no currency"
        raise UsageError(
            N_("the records are in {found}: pass --currency (and --rates)"), found=found
        )
    if args.rates:
        _checked(Path(args.rates))
    rates = RateTable([*known, *(load_rates(args.rates) if args.rates else ())])
    summary = summarise(currency=currency, rates=rates, by=args.by)
    if count is None and not summary.overall.record_count:
        _no_trade(args.data)
    if args.format != "table":
        _trade_records(out, summary, by=args.by)
        return OK
    groups = summary.groups or (("all", summary),)
    rows = []
    for key, group in groups:
        for flow in (*group.flows, group.overall):
            rows.append(
                {
                    "group": key,
                    "flow": "total" if flow.flow is None else flow.flow.value,
                    "records": str(flow.record_count),
                    "enterprises": str(flow.enterprise_count),
                    "value": _amount(
                        flow.total, args.format, args.locale, compact=args.format == "table"
                    ),
                    "a year earlier": _amount(
                        flow.previous_total,
                        args.format,
                        args.locale,
                        compact=args.format == "table",
                    ),
                    "growth": "" if flow.growth is None else _growth_text(flow.growth, args),
                    "missing previous": str(flow.missing_previous),
                }
            )
    columns = [
        "group",
        "flow",
        "records",
        "enterprises",
        "value",
        "a year earlier",
        "growth",
        "missing previous",
    ]
    out.rows(
        columns,
        rows,
        numeric=["records", "enterprises", "value", "a year earlier", "growth", "missing previous"],
        coded=["flow"] if summary.groups else ["group", "flow"],
    )
    return OK


def _no_trade(data: str) -> NoReturn:
    """Refuse DATA that holds no trade record (a usage error: exit status 2)."""
    template = N_("{data} holds no trade records: give a trade file or a folder with one")
    raise UsageError(template, data=data)


_TRADE_ONLY: Final = N_("--engine {engine} reads trade files only: {path}")


def _trade_input(path: Path, kind: str | None, *, engine: str = "arrow") -> Any:  # noqa: ANN401 - a TradeTable or a TradeScan (the arrow extra is optional)
    """A trade file, or a folder of them, read into a ``TradeTable`` (``--engine arrow``).

    A file is read by its suffix; a folder as a dataset of trade files (every ``.csv`` or
    every ``.parquet`` file below it, ``KEY=VALUE`` folders as columns:
    :mod:`littlegiants.io.datasets`), never as the linked dataset the objects engine reads.
    With ``engine="scan"``, the same is scanned instead (a ``TradeScan``, nothing read yet);
    a workbook cannot be (openpyxl reads it whole).
    """
    if _checked(path):
        if kind not in (None, "trade"):
            raise UsageError(_TRADE_ONLY, engine=engine, path=path)
        read_folder = _trade_dataset(path, engine=engine)
        return read_folder(path)
    if _kind(path, kind) != "trade":
        raise UsageError(_TRADE_ONLY, engine=engine, path=path)
    from littlegiants.io import TradeTable  # noqa: PLC0415 - the arrow extra, only when asked

    readers: dict[str, Callable[[Path], Any]] = (
        {".csv": TradeTable.scan_csv, ".parquet": TradeTable.scan_parquet}
        if engine == "scan"
        else {
            ".csv": TradeTable.read_csv,
            ".parquet": TradeTable.read_parquet,
            ".xlsx": TradeTable.read_xlsx,
        }
    )
    read = readers.get(path.suffix.lower())
    if read is None:
        template = (
            N_(
                "--engine scan reads .csv and .parquet trade files, not {suffix} (a workbook "
                "is read whole: use --engine arrow)"
            )
            if engine == "scan"
            else N_("--engine arrow reads .csv, .parquet and .xlsx trade files, not {suffix}")
        )
        raise UsageError(template, suffix=path.suffix or path.name)
    return read(path)


def _trade_dataset(folder: Path, *, engine: str = "arrow") -> Callable[[Path], Any]:
    """The reader of a folder of trade files (``--engine arrow``): CSV or Parquet, by its files.

    With ``engine="scan"``, its scanner.

    A folder holding a file of another kind by its name (``enterprises.csv``) or a
    ``sources.toml`` is a linked dataset, for the objects engine: a usage error says so rather
    than reading ``enterprises.csv`` as trade. A folder of both ``.csv`` and ``.parquet`` files
    is one too (a dataset is one format); names starting with ``.`` or ``_`` are writers'
    marks, not looked at (see :mod:`littlegiants.io.datasets`).
    """
    from littlegiants.io import TradeTable  # noqa: PLC0415 - the arrow extra, only when asked
    from littlegiants.io.datasets import _hidden  # noqa: PLC0415 - what the readers pass over
    from littlegiants.io.loader import kind_of  # noqa: PLC0415

    formats: set[str] = set()
    for top, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if not _hidden(name))
        for name in sorted(names):
            file = Path(top) / name
            if _hidden(name):
                continue
            linked = kind_of(file) not in (None, "trade") or name.lower() == "sources.toml"
            if linked:
                raise UsageError(
                    N_(
                        "{folder} is a linked dataset ({name} is not trade): --engine {engine} "
                        "reads a folder of trade files only; use --engine objects"
                    ),
                    folder=folder,
                    name=file.relative_to(folder),
                    engine=engine,
                )
            if file.suffix.lower() in (".csv", ".parquet"):
                formats.add(file.suffix.lower())
    if len(formats) > 1:
        raise UsageError(
            N_("{folder} holds both .csv and .parquet files: a dataset is of one format"),
            folder=folder,
        )
    if engine == "scan":
        scan: Callable[[Path], Any] = (
            TradeTable.scan_parquet if formats == {".parquet"} else TradeTable.scan_csv
        )
        return scan
    read: Callable[[Path], Any] = (
        TradeTable.read_parquet if formats == {".parquet"} else TradeTable.read_csv
    )
    return read


def _trade_records(out: Output, summary: TradeSummary, *, by: str | None) -> None:
    """The summary's rows in CSV or JSON (``TradeSummary.to_records``), ``all`` when ungrouped.

    Grouped by region, a row also names the region (``region_name``).
    """
    from littlegiants.regions import Region  # noqa: PLC0415

    rows = summary.to_records()
    columns = list(summary.record_columns)
    for row in rows:
        if row["group"] is None:
            row["group"] = "all"
        if by == "region":
            code = row["group"]
            row["region_name"] = None if code == "unknown" else Region(code).name
    if by == "region":
        columns.insert(1, "region_name")
    numbers = ["records", "enterprises", "value", "a_year_earlier", "growth", "missing_previous"]
    out.rows(columns, rows, numeric=numbers)


def _growth_text(growth: Any, args: argparse.Namespace) -> str:  # noqa: ANN401
    if args.format != "table":
        return f"{growth.rate:f}"
    from littlegiants.formatting import format_growth  # noqa: PLC0415

    return format_growth(growth, locale=args.locale)


def cmd_example(args: argparse.Namespace, out: Output) -> int:
    """Copy a bundled dataset to a new folder, or print where it is.

    shenzhen-2022 holds the seed article's figures (Shenzhen Daily, 2022-11-23) with their
    sources: Hosin Global's trade, the cohort's trade, the counts of little giants and the rate the
    article implies. Copy it, then run the other commands on the copy.
    """
    import shutil  # noqa: PLC0415

    from littlegiants.io.loader import example_path  # noqa: PLC0415

    try:
        source = example_path(args.name)
    except (FileNotFoundError, ValueError) as error:
        raise UsageError(str(error)) from None
    if args.dest is None:
        out.text(str(source))
        return OK
    dest = Path(args.dest)
    if dest.exists():
        msg = f"{dest} already exists: give a new folder to copy {args.name} to"
        raise UsageError(msg)
    shutil.copytree(source, dest)
    files = sorted(path.name for path in dest.iterdir())
    out.text(f"copied {args.name} to {dest}: {', '.join(files)}")
    return OK


def cmd_completion(args: argparse.Namespace, out: Output) -> int:
    """Print a shell completion script: commands, options, choices and bundled policy ids.

    Install it where your shell reads completions, for example (bash)
    ~/.local/share/bash-completion/completions/littlegiants, or (zsh) a file _littlegiants in a
    folder on your fpath. Generated with shtab from the parser itself.
    """
    import shtab  # noqa: PLC0415 - only this command needs it

    from littlegiants.policy import policies  # noqa: PLC0415

    ids = " ".join(sorted(policy.id for policy in policies()))
    preamble = {
        "bash": (
            f'_littlegiants_policy() {{\n  compgen -W "{ids}" -- "$1"\n  compgen -f -- "$1"\n}}\n'
        ),
        "zsh": (
            "_littlegiants_policy() {\n"
            f"  _alternative 'policies:policy:({ids})' 'files:file:_files'\n"
            "}\n"
        ),
    }
    parser = build_parser()
    for action in _policy_options(parser):
        action.complete = {"bash": "_littlegiants_policy", "zsh": "_littlegiants_policy"}  # type: ignore[attr-defined]
    out.text(shtab.complete(parser, args.shell, preamble=preamble.get(args.shell, "")))
    return OK


def _policy_options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """Every ``--policy`` and ``--reform`` option and the ``policy`` command's POLICY argument."""
    found: list[argparse.Action] = []
    for action in parser._actions:  # noqa: SLF001 - argparse keeps no public list
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for sub in action.choices.values():
                found.extend(_policy_options(sub))
        elif action.dest in {"policy", "reform"}:
            found.append(action)
    return found


def cmd_policies(args: argparse.Namespace, out: Output) -> int:
    """List the bundled policies."""
    from littlegiants.policy import policies  # noqa: PLC0415

    if args.format != "table":
        records = [
            {
                "policy_id": p.id,
                "document": p.document,
                "jurisdiction_code": p.jurisdiction.code,
                "jurisdiction_name": p.jurisdiction.name,
                "effective_from": p.effective_from,
                "effective_to": p.effective_to,
                "combination": p.combination.value,
                "confidence": p.confidence,
            }
            for p in policies()
        ]
        out.rows(list(records[0]) if records else [], records)
        return OK
    rows = [
        {
            "id": p.id,
            "document": p.document,
            "jurisdiction": p.area,
            "from": str(p.effective_from or ""),
            "to": str(p.effective_to or ""),
            "combination": p.combination.value,
            "confidence": p.confidence or "",
        }
        for p in policies()
    ]
    columns = ["id", "document", "jurisdiction", "from", "to", "combination", "confidence"]
    out.rows(columns, rows, coded=["combination", "confidence"])
    return OK


def cmd_policy(args: argparse.Namespace, out: Output) -> int:
    """Show one policy's table with its sources."""
    from littlegiants.policy import render_policy  # noqa: PLC0415

    policy = _policy(args.policy)
    if args.format == "table":
        out.text(render_policy(policy, locale=args.locale))
        return OK
    rows: list[dict[str, object]] = [
        {
            "rule": rule.id,
            "kind": str(rule.kind),
            "level": rule.level.value,
            "amount": f"{rule.amount.amount:f}",
            "currency": rule.amount.currency,
            "up_to": rule.up_to,
            "key": rule.key,
            "percent": "" if rule.percent is None else f"{rule.percent:f}",
            "figure": rule.figure or "",
        }
        for rule in policy.rules
    ]
    extra = {
        "id": policy.id,
        "document": policy.document,
        "title": policy.title,
        "jurisdiction": policy.jurisdiction.code,
        "effective_from": None if policy.effective_from is None else str(policy.effective_from),
        "effective_to": None if policy.effective_to is None else str(policy.effective_to),
        "combination": policy.combination.value,
        "confidence": policy.confidence,
        "sources": [
            {"url": s.url, "kind": None if s.kind is None else s.kind.value, "note": s.note}
            for s in policy.sources
        ],
        "notes": list(policy.notes),
        "unknowns": list(policy.unknowns),
        "zone": None if policy.zone is None else policy.zone.name,
        "relations": [
            {
                "kind": relation.kind.value,
                "policies": list(relation.policies),
                "quote": relation.quote,
                "note": relation.note,
            }
            for relation in policy.relations
        ],
    }
    columns = ["rule", "kind", "level", "amount", "currency", "up_to", "key", "percent", "figure"]
    extra_json = extra if args.format == "json" else None
    out.rows(columns, rows, numeric=["amount", "percent"], extra=extra_json)
    return OK


def _problems_of(path: Path, kind: str | None) -> tuple[int, list[Any], dict[str, Any]]:
    """Rows read, every problem, and the columns read past by file (reported, not problems)."""
    from littlegiants.io import loader  # noqa: PLC0415

    kind = None if path.is_dir() else _kind(path, kind)
    if kind in (None, "list"):
        read = loader.load_dataset if kind is None else loader.load_list
        data = read(path, errors="collect")
        problems = [p for row in data.rejected for p in row.problems]
        from littlegiants.errors import Reason  # noqa: PLC0415

        notes = {
            file: Reason(
                N_("ignored columns the library does not use: {columns}"),
                columns=", ".join(columns),
            )
            for file, columns in data.ignored.items()
        }
        return data.rows_read, problems, notes
    from littlegiants.io import files  # noqa: PLC0415
    from littlegiants.io.kinds import ignored_note  # noqa: PLC0415

    stream = files.iter(path, kind, errors="collect")
    for _ in stream:  # read to the end without keeping the records: memory stays bounded
        pass
    note = ignored_note(files.kind(kind), stream.ignored) if stream.ignored else None
    ignored = {stream.path: note} if note else {}
    return stream.rows_read, [p for row in stream.rejected for p in row.problems], ignored


def cmd_validate(args: argparse.Namespace, out: Output) -> int:
    """Check files and print every problem with file, line and column."""
    from littlegiants.errors import Reason  # noqa: PLC0415
    from littlegiants.io.loader import LoadError  # noqa: PLC0415

    path = Path(args.data)
    _checked(path)
    ignored: dict[str, Any] = {}
    try:
        rows_read, problems, ignored = _problems_of(path, args.kind)
    except LoadError as err:
        rows_read, problems = 0, list(err.problems)
        if err.more:
            more = translator(args.locale).gettext("... and {count} more problems")
            _say("littlegiants: " + more.format(count=err.more))
    rows: list[dict[str, object]] = [
        {
            "file": problem.path,
            "line": problem.line,
            "column": problem.column or "",
            "problem": Reason.given(problem.message).message(args.locale),
            "value": "" if problem.value is None else str(problem.value),
        }
        for problem in problems
    ]
    if rows or args.format != "table":
        out.rows(["file", "line", "column", "problem", "value"], rows, numeric=["line"])
    if args.format == "table":
        _ = translator(args.locale)
        read = _.ngettext("{count} row read", "{count} rows read", rows_read)
        found = _.ngettext("{count} problem", "{count} problems", len(problems))
        out.note(
            _.gettext("{read}, {found}").format(
                read=read.format(count=rows_read), found=found.format(count=len(problems))
            )
        )
    for file, english in ignored.items():  # reported once per file, never a problem
        note = Reason.given(english).message(args.locale)
        if args.format == "table":
            out.note(f"{file}: {note}")
        else:
            _say(f"littlegiants: {file}: {note}")
    return PROBLEMS if problems else OK


def cmd_check(args: argparse.Namespace, out: Output) -> int:
    """Pre-assess enterprises against a tier of the MIIT criteria."""
    from littlegiants.eligibility import assess_many  # noqa: PLC0415

    data = load_data(Path(args.data), args.kind)
    assessments = assess_many(data.enterprises, args.tier, as_of=args.as_of, purpose=args.purpose)
    if args.format != "table":
        records = [
            {
                **firm.to_record(),
                **assessment.to_record(),
                **({"explanation": assessment.explain(locale=args.locale)} if args.explain else {}),
            }
            for firm, assessment in zip(data.enterprises, assessments, strict=True)
        ]
        keys = [*_FIRM_KEYS, *(k for k in assessments.record_columns or () if k not in _FIRM_KEYS)]
        out.rows([*keys, *(["explanation"] if args.explain else [])], records, numeric=["score"])
        return OK
    rows = []
    for assessment in assessments:
        failed = [c.id for c in assessment.criteria if c.verdict.value == "fail"]
        unknown = [c.id for c in assessment.criteria if c.verdict.value == "unknown"]
        rows.append(
            {
                "enterprise": assessment.name,
                "verdict": assessment.verdict.value,
                "general": assessment.general_verdict.value,
                "failed": " ".join(failed),
                "unknown": " ".join(unknown),
            }
        )
    out.rows(
        ["enterprise", "verdict", "general", "failed", "unknown"],
        rows,
        coded=["verdict", "general"],
    )
    if args.explain and args.format == "table":
        for assessment in assessments:
            out.text("\n" + assessment.explain(locale=args.locale))
    return OK


# -- the parser --------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, raised as :class:`UsageError`."""

    def error(self, message: str) -> NoReturn:
        """Raise the problem for :func:`main` to print in one line (exit status 2).

        An option's own error (a bad date, currency or locale) is what argparse was handling,
        kept as its context, so it is said in the reader's language too.
        """
        handled = sys.exc_info()[1]
        cause = None if handled is None else handled.__context__
        problem = _argparse_problem(message, cause)
        raise UsageError(N_("{problem} (see {program} --help)"), problem=problem, program=self.prog)

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        """Write help, letting a failed write through (argparse's own ignores it, exiting 0)."""
        if message:
            (file or sys.stderr).write(message)


def _currency(text: str) -> str:
    from littlegiants.errors import UnknownCurrencyError  # noqa: PLC0415
    from littlegiants.money import validate_currency  # noqa: PLC0415

    try:
        return validate_currency(text)
    except UnknownCurrencyError as exc:
        raise _OptionError("{error}", error=exc) from None


def _command(
    commands: Any,  # noqa: ANN401 - argparse's private subparsers action
    name: str,
    handler: Callable[[argparse.Namespace, Output], int],
    example: str,
    *,
    data: bool = False,
    output: bool = True,
) -> argparse.ArgumentParser:
    description = _plain(handler.__doc__ or "")
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=description.split("\n\n")[0].strip().rstrip("."),
        description=description,
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=handler)
    if output:
        parser.add_argument("--format", choices=["table", "csv", "json"], default="table")
        parser.add_argument(
            "--locale",
            type=_locale,
            help="any CLDR locale (en_US, zh_CN, de_DE); default: LC_ALL, LC_MESSAGES or LANG, "
            "else en_US",
        )
    else:
        parser.set_defaults(format="table", locale=None)
    if data:
        parser.add_argument("data", metavar="DATA", help="a data file or a folder of files")
        parser.add_argument("--kind", choices=_KINDS, help="the record kind of a DATA file")
    return parser


def _plain(text: str) -> str:
    """Docstring text as a terminal shows it: ``code`` and :role:`name` markup removed."""
    text = re.sub(r":[a-z]+:`~?([^`]+)`", r"\1", text)
    return inspect.cleandoc(text.replace("``", ""))


def _version() -> str:
    """The installed distribution's version (the package's own when run from a checkout)."""
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version("littlegiants")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree never installed
        from littlegiants import __version__  # noqa: PLC0415

        return __version__


class _Version(argparse.Action):
    """``--version``: print ``littlegiants X.Y.Z`` and stop, reading the version only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:  # noqa: ANN401
        """Take no value."""
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit", **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        """Print the version to standard output and end parsing (exit status 0)."""
        sys.stdout.write(f"littlegiants {_version()}\n")
        parser.exit(0)


def build_parser() -> argparse.ArgumentParser:
    """The ``littlegiants`` argument parser."""
    parser = _Parser(
        prog="littlegiants",
        description=_plain(__doc__.split("\n\n")[0]) if __doc__ else None,
        epilog="example:\n  littlegiants demo --locale zh_CN\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version)
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _command(commands, "demo", cmd_demo, "littlegiants demo --locale zh_CN")
    example = _command(
        commands,
        "example",
        cmd_example,
        "littlegiants example shenzhen-2022 firms/",
        output=False,
    )
    example.add_argument(
        "name", nargs="?", default="shenzhen-2022", help="the bundled dataset (shenzhen-2022)"
    )
    example.add_argument(
        "dest", nargs="?", help="a new folder to copy it to; without it, print where it is"
    )
    completion = _command(
        commands,
        "completion",
        cmd_completion,
        "littlegiants completion bash > ~/.local/share/bash-completion/completions/littlegiants",
        output=False,
    )
    completion.add_argument("shell", choices=["bash", "zsh", "tcsh"], help="the shell")
    payouts = _command(
        commands,
        "payouts",
        cmd_payouts,
        "littlegiants payouts firms/ --policy shenzhen-2022 --as-of 2023-01-01 --explain",
        data=True,
    )
    payouts.add_argument(
        "--policy",
        action="append",
        help="a bundled policy id or a policy file; repeat it to stack several policies",
    )
    payouts.add_argument(
        "--all", action="store_true", help="every bundled policy that covers each enterprise"
    )
    payouts.add_argument("--as-of", type=_date, help="ignore events after this date")
    payouts.add_argument("--explain", action="store_true", help="print each payout's trace")
    matching = _command(
        commands,
        "match",
        cmd_match,
        "littlegiants match firms/ --as-of 2024-01-01 --explain",
        data=True,
    )
    matching.add_argument(
        "--policy",
        action="append",
        help="match against these policies (ids or files, repeatable) instead of the catalogue",
    )
    matching.add_argument(
        "--all", action="store_true", help="match against the whole catalogue (the default)"
    )
    matching.add_argument("--as-of", type=_date, help="the date of the match; later events ignored")
    matching.add_argument(
        "--others", action="store_true", help="also list the policies that do not apply, and why"
    )
    matching.add_argument("--explain", action="store_true", help="print each firm's answer")
    comparing = _command(
        commands,
        "compare",
        cmd_compare,
        "littlegiants compare firms/ --policy shenzhen-2022 --policy longgang-2025 "
        "--reform longgang-2025=reform.toml --as-of 2024-01-01",
        data=True,
    )
    comparing.add_argument(
        "--policy",
        action="append",
        help="a policy compared (id or file); repeat it to compare a stack",
    )
    comparing.add_argument(
        "--all",
        action="store_true",
        help="compare the whole bundled catalogue, each firm under every policy covering it",
    )
    comparing.add_argument(
        "--reform",
        action="append",
        default=[],
        help=(
            "a policy file or id replacing the policy with its id, or OLD=FILE_OR_ID replacing "
            "OLD; one that replaces none is added (repeatable)"
        ),
    )
    comparing.add_argument("--as-of", type=_date, help="ignore events after this date")
    comparing.add_argument(
        "--explain", action="store_true", help="print the reformed payout of each firm it changes"
    )
    trade = _command(
        commands, "trade", cmd_trade, "littlegiants trade trade-2022.csv --by region", data=True
    )
    trade.add_argument("--by", choices=["region", "level", "enterprise"])
    trade.add_argument("--currency", type=_currency, help="the currency of the summary")
    trade.add_argument("--rates", help="an exchange-rate file for records in other currencies")
    trade.add_argument(
        "--engine",
        choices=["objects", "arrow", "scan"],
        default="objects",
        help="objects: any DATA; arrow: a trade file (.csv, .parquet, .xlsx) or a folder of "
        "them (a dataset) on Arrow, the same figures, faster (the arrow extra); scan: the "
        "same streamed, never held whole, for files larger than memory (.csv, .parquet; "
        "needs --currency)",
    )
    _command(commands, "policies", cmd_policies, "littlegiants policies --format csv")
    policy = _command(commands, "policy", cmd_policy, "littlegiants policy shenzhen-2022")
    policy.add_argument("policy", metavar="ID", help="a bundled policy id or a policy file")
    _command(commands, "validate", cmd_validate, "littlegiants validate firms/", data=True)
    check = _command(
        commands,
        "check",
        cmd_check,
        "littlegiants check firms/ --tier little-giant --as-of 2024-06-30",
        data=True,
    )
    check.add_argument(
        "--tier", required=True, choices=["innovative-sme", "srdi-sme", "little-giant"]
    )
    check.add_argument("--as-of", type=_date, required=True, help="the assessment date")
    check.add_argument("--purpose", choices=["application", "re-review"], default="application")
    check.add_argument("--explain", action="store_true", help="print each assessment's trace")
    return parser


def _loader_imported() -> bool:
    """Whether a command imported the loader: only then can an error be one of its own.

    The command line never imports the loader just to tell its errors apart, so ``--help``
    and the commands that read no data files stay light.
    """
    return "littlegiants.io.loader" in sys.modules


def _report(error: BaseException, locale: str) -> None:
    """Say ``error`` on standard error, in one line each, in the words of ``locale``."""
    _ = translator(locale).gettext
    if _loader_imported():
        from littlegiants.io.loader import LoadError  # noqa: PLC0415

        if isinstance(error, LoadError):
            for problem in error.problems:
                _say(f"littlegiants: {_one_line(problem.describe(locale=locale))}")
            if error.more:
                _say("littlegiants: " + _("... and {count} more problems").format(count=error.more))
            return
    _say("littlegiants: " + _("error: {message}").format(message=_one_line(_said(error, locale))))


def _usage_problem(error: BaseException) -> bool:
    """Whether an error is the way the command was used (exit status 2), not the data."""
    from littlegiants.errors import (  # noqa: PLC0415
        MissingExtraError,
        UnknownPolicyError,
        UnreadableFileError,
    )

    if isinstance(error, UsageError | UnknownPolicyError | UnreadableFileError | MissingExtraError):
        return True
    if _loader_imported():
        from littlegiants.io.loader import LoadFileError  # noqa: PLC0415

        return isinstance(error, LoadFileError)
    return False


def main(argv: Sequence[str] | None = None, *, environ: Mapping[str, str] | None = None) -> int:
    """Run the command line; return the exit status (see the module's docstring for each one).

    Tables, messages and errors read in the ``--locale`` given, else in the locale the
    environment names (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``environ``, by default the
    process's own), else en_US.

    Everything is written and flushed before returning, so a closed or full standard output is
    reported here (141 or 74), never as noise when the interpreter exits.
    """
    stdout = _Stdout(sys.stdout)
    try:
        status = _run(
            sys.argv[1:] if argv is None else argv,
            os.environ if environ is None else environ,
            stdout,
        )
        stdout.flush()
    except _OutputError as failure:
        return _output_failed(failure.error)
    except KeyboardInterrupt:
        _discard_stdout()
        return INTERRUPTED
    return status


def _run(argv: Sequence[str], environ: Mapping[str, str], stdout: _Stdout) -> int:
    """Parse the arguments, then run the command, importing what it needs only then."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as error:
        _report(error, _given_locale(argv, environment_locale(environ)))
        return USAGE
    except SystemExit as exit_:  # --help
        return int(exit_.code or 0)
    except OSError as exc:  # writing --help to standard output
        raise _OutputError(exc) from exc
    from littlegiants.errors import LittleGiantsError  # noqa: PLC0415

    args.locale = args.locale or environment_locale(environ)
    out = Output(args.format, stdout, args.locale)
    try:
        return int(args.handler(args, out))
    except (UsageError, LittleGiantsError, OSError) as error:
        if args.debug:
            raise
        _report(error, args.locale)
        return USAGE if _usage_problem(error) else PROBLEMS
