r"""Located TOML reading: tomllib gives lines only for syntax errors, so key paths are indexed.

>>> text = "\n".join(['id = "x"', "[[rules]]", 'id = "a"', "[[rules]]", 'amount = "1"'])
>>> index = line_index(text)
>>> index[("rules", 1, "amount")], render(("rules", 1, "amount"))
(5, 'rules[1].amount')
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from typing import Any, Protocol

from littlegiants.errors import LittleGiantsError, SourceLocation

__all__ = ["KeyPath", "LocatedError", "TomlReader", "line_index", "load_toml", "locate", "render"]

KeyPath = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\- ]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")


def line_index(text: str) -> dict[KeyPath, int]:
    """Map each key path to its 1-based line, following [table] and [[array]] headers."""
    index: dict[KeyPath, int] = {}
    counts: dict[KeyPath, int] = {}
    current: KeyPath = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            names = [part.strip() for part in header[2].split(".")]
            path: KeyPath = ()
            for name in names[:-1]:
                path = (*path, name)
                if path in counts:
                    path = (*path, counts[path])
            path = (*path, names[-1])
            if header[1] == "[[":
                counts[path] = counts.get(path, -1) + 1
                path = (*path, counts[path])
            current = path
            index.setdefault(current, number)
            continue
        key = _KEY.match(line)
        if key:
            index.setdefault((*current, key[1]), number)
    return index


def render(path: KeyPath) -> str:
    """Write a key path as people read it: ``rules[1].amount``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def locate(index: dict[KeyPath, int], path: KeyPath) -> int | None:
    """Return the line of ``path``, or of its nearest enclosing key that has one."""
    for cut in range(len(path), 0, -1):
        if path[:cut] in index:
            return index[path[:cut]]
    return None


class LocatedError(Protocol):
    """An error class built as ``cls(value, reason, location)`` (PolicyFileError and friends)."""

    def __call__(
        self, value: object, reason: str, location: SourceLocation | None = None, /
    ) -> Exception: ...


def load_toml(text: str, path: str, error: LocatedError) -> dict[str, Any]:
    """Parse TOML text; a syntax error becomes ``error`` with the line ``tomllib`` gives."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match[1]) if match else None
        raise error(str(exc), "it is not valid TOML", SourceLocation(path, line)) from exc


class TomlReader:
    """Typed access to a parsed TOML file whose every error names the file, key path and line.

    Subclasses set ``error`` (e.g. ``PolicyFileError``) and add the readers their format needs.
    """

    error: LocatedError

    def __init__(self, text: str, path: str) -> None:
        """Index the text's key paths by line."""
        self.path = path
        self.lines = line_index(text)

    def fail(self, at: KeyPath, value: object, reason: str) -> Exception:
        """The error for ``value`` at key path ``at``, located by line."""
        location = SourceLocation(self.path, locate(self.lines, at), render(at), "key")
        return self.error(value, reason, location)

    def check_keys(self, table: object, allowed: set[str], at: KeyPath) -> dict[str, Any]:
        """Return ``table`` if it is a table with only ``allowed`` keys, else fail."""
        if not isinstance(table, dict):
            raise self.fail(at, table, "expected a table")
        for key, value in table.items():
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                raise self.fail((*at, key), value, f"unknown key (known keys: {known})")
        return table

    def convert(self, at: KeyPath, value: object, func: Callable[[Any], Any], what: str) -> Any:  # noqa: ANN401
        """Apply a parser to ``value``; its error becomes a located one saying what was expected."""
        try:
            return func(value)
        except LittleGiantsError as exc:
            raise self.fail(at, value, f"expected {what} ({exc})") from exc
        except ValueError as exc:
            raise self.fail(at, value, f"expected {what}") from exc
