r"""Reading TOML data files (policies, criteria, scenarios, batches) safely, every error located.

One path for every TOML file the library reads as data:

1. :func:`read_file` opens the path without ever blocking: it checks first that it is a regular
   file (a folder, a FIFO, a device or a socket is refused, not opened), at most
   :data:`MAX_BYTES` long; a missing, unreadable, too long or NUL-holding path raises
   :class:`~littlegiants.errors.UnreadableFileError` (an ``OSError``).
2. :func:`decode` reads the bytes as UTF-8 (a leading byte-order mark is dropped); a byte that is
   not UTF-8 is reported with its line.
3. :func:`parse` parses the text with ``tomllib`` and checks what ``tomllib`` lets through: values
   nested more than :data:`MAX_NESTING` tables and arrays deep (``tomllib`` recurses, so
   ``a = [[[...]]]`` ten thousand deep would otherwise raise ``RecursionError``), whole numbers
   beyond the library's bounds (magnitude below ``1E+31``, see :mod:`littlegiants._exact`; and
   numbers too long for Python to read at all), and keys holding control characters.

Every problem is raised as the reader's own error class (``PolicyFileError``,
``ScenarioFileError``, ...) with the file, the line and the key path where one exists.
``tomllib`` gives lines only for syntax errors, so :func:`line_index` maps each key path, array
element included, to its line, following quoted and dotted keys, ``[table]`` and ``[[array]]``
headers, inline tables and multi-line arrays.

>>> text = "\n".join(['id = "x"', "[[rules]]", 'id = "a"', '[[ "rules" ]]', 'amount = "1"'])
>>> index = line_index(text)
>>> index[("rules", 1, "amount")], render(("rules", 1, "amount"))
(5, 'rules[1].amount')
>>> line_index('a = [\n  {b = 1},\n  {b = [2,\n    3]},\n]')[("a", 1, "b", 1)]
4
>>> render(("sources", "a b", 0, "x\ny"))
'sources."a b"[0]."x\\ny"'
"""

from __future__ import annotations

import errno as errnos
import functools
import os
import re
import stat
import sys
import tomllib
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Final, Protocol

from littlegiants._exact import MAX_ADJUSTED_EXPONENT
from littlegiants.errors import (
    LittleGiantsError,
    MissingDataFileError,
    Reason,
    SourceLocation,
    UnreadableFileError,
)
from littlegiants.translations import N_

__all__ = [
    "ID_CHARACTERS",
    "MAX_BYTES",
    "MAX_NESTING",
    "UNUSABLE_AMOUNT",
    "UNUSABLE_NUMBER",
    "KeyPath",
    "LocatedError",
    "TomlReader",
    "decode",
    "expected_one_of",
    "line_index",
    "locate",
    "parse",
    "read_file",
    "render",
    "text_problem",
]

#: The reason an identifier with other characters is refused (policy and criteria ids).
ID_CHARACTERS: Final = N_("expected lower-case letters, digits and '-'")
#: The reason a number beyond the library's bounds is refused; ``{problem}`` says which bound.
UNUSABLE_NUMBER: Final = N_("the number cannot be used: {problem}")
#: The reason an amount beyond the library's bounds is refused; ``{problem}`` says which bound.
UNUSABLE_AMOUNT: Final = N_("the amount cannot be used: {problem}")

KeyPath = tuple[str | int, ...]

#: The largest TOML data file read, in bytes (and in characters for text given directly): 16 MiB,
#: the loader's limit for TOML tables too, and hundreds of times the largest bundled file.
MAX_BYTES: Final = 16 << 20

#: How deep tables and arrays may nest inside one another (``a = [[1]]`` is 2 deep). The bundled
#: files need 7 (a scenario's enterprise's designation's re-reviews).
MAX_NESTING: Final = 32

#: Whole numbers in data files are below this in magnitude (the bound of ``littlegiants._exact``).
_INT_LIMIT: Final = 10 ** (MAX_ADJUSTED_EXPONENT + 1)

_BARE: Final = re.compile(r"[A-Za-z0-9_-]+")
_TOKEN: Final = re.compile(
    r"""
      (?P<newline>\r?\n)
    | (?P<space>[ \t]+)
    | (?P<comment>\#[^\r\n]*)
    | (?P<string>
          \"\"\"(?:[^"\\]|\\[\s\S]|"{1,2}(?!"))*"{3,5}
        | '''(?:[^']|'{1,2}(?!'))*'{3,5}
        | "(?:[^"\\\r\n]|\\.)*"
        | '[^'\r\n]*'
      )
    | (?P<punct>[\[\]{}=,.])
    | (?P<bare>[^\s\[\]{}=,.\#"']+)
    | (?P<other>[\s\S])
    """,
    re.VERBOSE,
)
_ESCAPE: Final = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_ESCAPES: Final = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
_TOML_LINE: Final = re.compile(r"line (\d+)")
#: Characters no key or identifier may hold: controls, format characters (bidi overrides,
#: zero-width marks, the byte-order mark), line and paragraph separators, surrogates.
_UNCLEAN: Final = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


class LocatedError(Protocol):
    """An error class built as ``cls(value, reason, location)`` (PolicyFileError and friends)."""

    def __call__(
        self, value: object, reason: str, location: SourceLocation | None = None, /
    ) -> Exception: ...


# -- opening and decoding -------------------------------------------------------------------------


def read_file(path: str | os.PathLike[str], error: LocatedError) -> str:
    """Return the text of a TOML data file, refusing what is not a readable regular UTF-8 file.

    Raises:
        UnreadableFileError: the path is missing (:class:`MissingDataFileError`, also a
            ``FileNotFoundError``), a folder, a FIFO or device, not permitted, too long, or holds
            a NUL character (an ``OSError``).
        error: the file is larger than :data:`MAX_BYTES` or is not UTF-8, located by line.
    """
    name = os.fspath(path)
    return decode(_read_bytes(name, error), name, error)


def _read_bytes(name: str, error: LocatedError) -> bytes:
    if "\x00" in name:
        raise UnreadableFileError(name, N_("the path holds a NUL character"), errnos.EINVAL)
    try:
        info = Path(name).stat()  # before opening: opening a FIFO would wait for a writer
    except OSError as exc:
        raise _os_error(name, exc) from exc
    _check_file(name, info.st_mode, info.st_size, error)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        with os.fdopen(os.open(name, flags), "rb") as handle:
            # The path may have been replaced since the stat: check what was opened too.
            opened = os.fstat(handle.fileno()).st_mode
            data = handle.read(MAX_BYTES + 1) if stat.S_ISREG(opened) else b""
    except OSError as exc:
        raise _os_error(name, exc) from exc
    _check_file(name, opened, len(data), error)
    return data


def _os_error(name: str, exc: OSError) -> UnreadableFileError:
    if isinstance(exc, FileNotFoundError):
        broken = Path(name).is_symlink()
        reason = N_("a symbolic link to nothing") if broken else N_("no such file")
        return MissingDataFileError(name, reason, exc.errno)
    return UnreadableFileError(name, (exc.strerror or str(exc)).lower(), exc.errno)


def _check_file(name: str, mode: int, size: int, error: LocatedError) -> None:
    if stat.S_ISDIR(mode):
        raise UnreadableFileError(name, N_("it is a folder, not a file"), errnos.EISDIR)
    if not stat.S_ISREG(mode):
        reason = (
            N_("it is a FIFO, not a regular file")
            if stat.S_ISFIFO(mode)
            else N_("it is a device or socket, not a regular file")
        )
        raise UnreadableFileError(name, reason, errnos.EINVAL)
    if size > MAX_BYTES:
        raise _too_large(name, size, error)


def _too_large(name: str, size: int, error: LocatedError) -> Exception:
    reason = Reason(
        N_("the file is larger than {limit:,} bytes, the limit for a TOML data file"),
        limit=MAX_BYTES,
    )
    return error(size, reason, SourceLocation(name))


def decode(data: bytes, path: str, error: LocatedError) -> str:
    r"""Read bytes as UTF-8 (a leading byte-order mark is dropped); else ``error`` with the line.

    >>> from littlegiants.errors import PolicyFileError
    >>> decode(b'id = "\xef\xbb\xbf"\n', "p.toml", PolicyFileError)
    'id = "\ufeff"\n'
    >>> decode(b'id = "x"\ntitle = "\xd6\xd0"\n', "p.toml", PolicyFileError)
    Traceback (most recent call last):
    ...
    littlegiants.errors.PolicyFileError: Bad policy file (p.toml, line 2): it is not UTF-8 text ...
    """
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.end]
        reason = Reason(
            N_(
                "it is not UTF-8 text (byte {byte:#04x} at byte {at} cannot be read); "
                "save the file as UTF-8"
            ),
            byte=bad[0],
            at=exc.start + 1,
        )
        raise error(bad, reason, SourceLocation(path, line)) from None


# -- parsing --------------------------------------------------------------------------------------


def parse(text: str, path: str, error: LocatedError) -> dict[str, Any]:
    r"""Parse TOML text, refusing what ``tomllib`` would choke on or let through unchecked.

    >>> from littlegiants.errors import PolicyFileError
    >>> parse("a = [[1]]", "p.toml", PolicyFileError)
    {'a': [[1]]}
    >>> parse("a = " + "[" * 10_000 + "]" * 10_000, "p.toml", PolicyFileError)
    Traceback (most recent call last):
    ...
    littlegiants.errors.PolicyFileError: Bad policy file (p.toml, line 1): it nests tables and ...
    >>> parse("[t]\nn = 1" + "0" * 31, "p.toml", PolicyFileError)
    Traceback (most recent call last):
    ...
    littlegiants.errors.PolicyFileError: Bad policy file (p.toml, line 2, key t.n): the number ...

    Raises:
        error: the text is larger than :data:`MAX_BYTES` characters, is not valid TOML, nests
            too deeply, holds a whole number beyond the bounds or a key with a control character.
    """
    if len(text) > MAX_BYTES:
        reason = Reason(
            N_("the text is longer than {limit:,} characters, the limit for a TOML file"),
            limit=MAX_BYTES,
        )
        raise error(len(text), reason, SourceLocation(path))
    deep = False
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match[1]) if match else None
        raise error(str(exc), N_("it is not valid TOML"), SourceLocation(path, line)) from None
    except ValueError as exc:
        # int() refuses more digits than sys.get_int_max_str_digits() (4300 by default).
        line, token = _long_number(text)
        reason = Reason(
            N_("the number is far beyond the limit of 1E+{exponent} ({error})"),
            exponent=MAX_ADJUSTED_EXPONENT + 1,
            error=exc,
        )
        raise error(token, reason, SourceLocation(path, line)) from None
    except RecursionError:
        deep = True
    if deep:  # raised outside the handler, so the error carries no thousand-frame context: tblib
        # (which importing dask installs) pickles an error's context and its traceback too
        raise error(None, _too_deep(), SourceLocation(path, _deep_line(text)))
    _Checker(text, path, error).walk(data, ())
    return data


def _too_deep() -> str:
    return Reason(
        N_("it nests tables and arrays more than {limit} deep, the limit"), limit=MAX_NESTING
    )


def _long_number(text: str) -> tuple[int | None, str]:
    limit = sys.get_int_max_str_digits() or 4300
    match = re.search(r"[0-9][0-9_]{%d,}" % (limit - 1), text)  # noqa: UP031 - a regex quantifier
    if match is None:
        return None, ""
    return text.count("\n", 0, match.start()) + 1, match[0][:20] + "..."


def _deep_line(text: str) -> int | None:
    """The line where brackets outside strings and comments first nest too deep, if any."""
    depth = 0
    for token in _TOKEN.finditer(text):
        if token["punct"] in ("[", "{"):
            depth += 1
            if depth > MAX_NESTING:
                return text.count("\n", 0, token.start()) + 1
        elif token["punct"] in ("]", "}"):
            depth = max(depth - 1, 0)
    return None


def expected_one_of(choices: Iterable[str]) -> Reason:
    """The reason a word outside ``choices`` is refused, the choices listed in the given order.

    >>> expected_one_of(["all", "any"]).message("zh_CN")
    '应为以下之一：all, any'
    """
    return Reason(N_("expected one of {kinds}"), kinds=", ".join(choices))


def text_problem(text: str) -> str | None:
    r"""Why ``text`` cannot be a key, identifier or name, or ``None`` when it can.

    Refused: empty text, outer spaces, and control or format characters (a newline, a NUL, a
    right-to-left override, a zero-width space, a byte-order mark).

    >>> text_problem("national"), text_problem("national\n"), text_problem(" x")
    (None, "it holds the control character '\\n' (U+000A)", 'it has leading or trailing spaces')
    """
    if not text:
        return N_("it is empty")
    char = _unclean(text)
    if char is not None:
        return Reason(
            N_("it holds the control character {char!r} (U+{code:04X})"), char=char, code=ord(char)
        )
    if text != text.strip():
        return N_("it has leading or trailing spaces")
    return None


def _unclean(text: str) -> str | None:
    for char in text:
        if unicodedata.category(char) in _UNCLEAN:
            return char
    return None


class _Checker:
    """Walks parsed data for what ``tomllib`` accepts but the library does not."""

    def __init__(self, text: str, path: str, error: LocatedError) -> None:
        self.text = text
        self.path = path
        self.error = error

    def fail(self, at: KeyPath, value: object, reason: str) -> Exception:
        location = SourceLocation(self.path, locate(line_index(self.text), at), render(at), "key")
        return self.error(value, reason, location)

    def walk(self, value: object, at: KeyPath) -> None:
        if isinstance(value, dict | list) and len(at) > MAX_NESTING:
            raise self.fail(at, None, _too_deep())
        if isinstance(value, dict):
            for key, item in value.items():
                char = _unclean(key)
                if char is not None:
                    reason = Reason(
                        N_("a key cannot hold the control character {char!r} (U+{code:04X})"),
                        char=char,
                        code=ord(char),
                    )
                    raise self.fail((*at, key), key, reason)
                self.walk(item, (*at, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.walk(item, (*at, index))
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _INT_LIMIT:
            reason = Reason(
                N_("the number is beyond the limit of 1E+{exponent}"),
                exponent=MAX_ADJUSTED_EXPONENT + 1,
            )
            raise self.fail(at, value, reason)


# -- the line index -------------------------------------------------------------------------------


def line_index(text: str) -> dict[KeyPath, int]:
    """Map each key path of valid TOML text to its 1-based line (array elements included).

    The index follows ``[table]`` and ``[[array]]`` headers, quoted and dotted keys, inline tables
    and arrays over several lines. Text that is not valid TOML gives a partial index.
    """
    return _Indexer(text).run()


class _Indexer:
    """A scanner over TOML tokens that records where each key path starts."""

    def __init__(self, text: str) -> None:
        self.tokens: list[tuple[str, str, int, int]] = []  # kind, text, line, offset
        line = 1
        for match in _TOKEN.finditer(text):
            kind = match.lastgroup or "other"
            if kind not in ("space", "comment"):
                self.tokens.append((kind, match[0], line, match.start()))
            line += match[0].count("\n")
        self.index: dict[KeyPath, int] = {}
        self.counts: dict[KeyPath, int] = {}
        self.at = 0

    def peek(self, offset: int = 0) -> tuple[str, str, int, int]:
        position = self.at + offset
        return self.tokens[position] if position < len(self.tokens) else ("end", "", 0, -1)

    def ends_value(self) -> bool:
        kind, lexeme, _, _ = self.peek()
        return kind in ("newline", "end") or (kind == "punct" and lexeme in {",", "]", "}"})

    def skip_newlines(self) -> None:
        while self.peek()[0] == "newline":
            self.at += 1

    def run(self) -> dict[KeyPath, int]:
        current: KeyPath = ()
        while self.at < len(self.tokens):
            kind, lexeme, line, offset = self.peek()
            if kind == "newline":
                self.at += 1
            elif lexeme == "[":
                current = self.header(line, offset)
            else:
                start = self.at
                current_key = self.key()
                if self.peek()[1] == "=":
                    self.at += 1
                    self.record(current, current_key, line)
                    self.value((*current, *current_key))
                if self.at == start:
                    self.at += 1
        return self.index

    def header(self, line: int, offset: int) -> KeyPath:
        double = self.peek(1)[1] == "[" and self.peek(1)[3] == offset + 1
        self.at += 2 if double else 1
        names = self.key()
        while self.peek()[1] == "]":
            self.at += 1
        path: KeyPath = ()
        for name in names[:-1]:
            path = (*path, name)
            self.index.setdefault(path, line)
            if path in self.counts:
                path = (*path, self.counts[path])
        path = (*path, *names[-1:])
        if double:
            self.counts[path] = self.counts.get(path, -1) + 1
            self.index.setdefault(path, line)
            path = (*path, self.counts[path])
        self.index.setdefault(path, line)
        return path

    def key(self) -> KeyPath:
        parts: list[str] = []
        while True:
            kind, lexeme, _, _ = self.peek()
            if kind == "bare" and _BARE.fullmatch(lexeme):
                parts.append(lexeme)
            elif kind == "string" and not lexeme.startswith(('"""', "'''")):
                parts.append(_unquote(lexeme))
            else:
                break
            self.at += 1
            if self.peek()[1] != ".":
                break
            self.at += 1
        return tuple(parts)

    def record(self, base: KeyPath, key: KeyPath, line: int) -> None:
        for end in range(1, len(key) + 1):
            self.index.setdefault((*base, *key[:end]), line)

    def value(self, path: KeyPath) -> None:
        """Index one value at ``path``: arrays and inline tables without recursion."""
        stack: list[tuple[KeyPath, list[int] | None]] = []  # (path, element count or None)
        while True:
            kind, lexeme, _, _ = self.peek()
            if lexeme in ("[", "{") and kind == "punct":
                self.at += 1
                stack.append((path, [0] if lexeme == "[" else None))
            else:
                while not self.ends_value():
                    self.at += 1
            next_path = self.after(stack)
            if next_path is None:
                return
            path = next_path

    def after(self, stack: list[tuple[KeyPath, list[int] | None]]) -> KeyPath | None:
        """Close finished containers; return the path of the next value, or None when done."""
        while stack:
            self.skip_newlines()
            base, count = stack[-1]
            kind, lexeme, line, _ = self.peek()
            if kind == "end":
                return None
            if lexeme in ("]", "}"):
                self.at += 1
                stack.pop()
            elif lexeme == ",":
                self.at += 1
            elif count is not None:
                path = (*base, count[0])
                count[0] += 1
                self.index.setdefault(path, line)
                return path
            else:
                key = self.key()
                if not key or self.peek()[1] != "=":
                    self.at += 1
                    continue
                self.at += 1
                self.record(base, key, line)
                return (*base, *key)
        return None


def _unquote(token: str) -> str:
    if token.startswith("'"):
        return token[1:-1]

    def escape(match: re.Match[str]) -> str:
        code = match[1] or match[2]
        if code:
            return chr(int(code, 16)) if int(code, 16) <= sys.maxunicode else match[0]
        return _ESCAPES.get(match[3], match[0])

    return _ESCAPE.sub(escape, token[1:-1])


def render(path: KeyPath) -> str:
    r"""Write a key path as people read it: ``rules[1].amount``; odd keys are quoted.

    >>> render(("scenario", 0, "enterprise", "名称")), render(("a.b",))
    ('scenario[0].enterprise.名称', '"a.b"')
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        name = part if _plain_key(part) else _quote(part)
        out += f".{name}" if out else name
    return out


def _plain_key(part: str) -> bool:
    return bool(part) and not any(
        char in " .[]\"'=#" or unicodedata.category(char)[0] in "CZ" for char in part
    )


def _quote(part: str) -> str:
    inner = "".join(
        _ESCAPE_OUT.get(char, f"\\u{ord(char):04x}")
        if char in _ESCAPE_OUT or unicodedata.category(char) in _UNCLEAN
        else char
        for char in part
    )
    return f'"{inner}"'


_ESCAPE_OUT: Final = {value: f"\\{key}" for key, value in _ESCAPES.items()}


def locate(index: dict[KeyPath, int], path: KeyPath) -> int | None:
    """Return the line of ``path``, or of its nearest enclosing key that has one."""
    for cut in range(len(path), 0, -1):
        if path[:cut] in index:
            return index[path[:cut]]
    return None


# -- typed access ---------------------------------------------------------------------------------


class TomlReader:
    """Typed access to a parsed TOML file whose every error names the file, key path and line.

    Subclasses set ``error`` (e.g. ``PolicyFileError``) and add the readers their format needs.
    Building one parses the text (see :func:`parse`); ``data`` holds the parsed document.
    """

    error: LocatedError

    def __init__(self, text: str, path: str) -> None:
        """Parse ``text`` (named ``path`` in errors)."""
        self.path = path
        self.source = text
        self.data = parse(text, path, self.error)

    @functools.cached_property
    def lines(self) -> dict[KeyPath, int]:
        """The line of each key path, indexed when first needed (an error, a scenario's line)."""
        return line_index(self.source)

    def fail(self, at: KeyPath, value: object, reason: str) -> Exception:
        """The error for ``value`` at key path ``at``, located by line."""
        location = SourceLocation(self.path, locate(self.lines, at), render(at), "key")
        return self.error(value, reason, location)

    def check_keys(self, table: object, allowed: set[str], at: KeyPath) -> dict[str, Any]:
        """Return ``table`` if it is a table with only ``allowed`` keys, else fail."""
        if not isinstance(table, dict):
            raise self.fail(at, table, N_("expected a table"))
        for key, value in table.items():
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                reason = Reason(N_("unknown key (known keys: {known})"), known=known)
                raise self.fail((*at, key), value, reason)
        return table

    def clean(self, at: KeyPath, value: str, what: str) -> str:
        """Return ``value`` if it can be an identifier or name, else fail saying why."""
        problem = text_problem(value)
        if problem is not None:
            raise self.fail(
                at,
                value,
                Reason(N_("expected {what}: {problem}"), what=Reason.given(what), problem=problem),
            )
        return value

    def convert(self, at: KeyPath, value: object, func: Callable[[Any], Any], what: str) -> Any:  # noqa: ANN401
        """Apply a parser to ``value``; its error becomes a located one saying what was expected."""
        try:
            return func(value)
        except LittleGiantsError as exc:
            reason = Reason(N_("expected {what} ({error})"), what=Reason.given(what), error=exc)
            raise self.fail(at, value, reason) from exc
        except ValueError as exc:
            raise self.fail(
                at, value, Reason(N_("expected {what}"), what=Reason.given(what))
            ) from exc
