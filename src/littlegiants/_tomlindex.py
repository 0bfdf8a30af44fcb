r"""Line numbers for TOML key paths: ``tomllib`` reports lines only for syntax errors.

>>> text = "\n".join(['id = "x"', "[[rules]]", 'id = "a"', "[[rules]]", 'amount = "1"'])
>>> index = line_index(text)
>>> index[("rules", 1, "amount")], render(("rules", 1, "amount"))
(5, 'rules[1].amount')
"""

from __future__ import annotations

import re

__all__ = ["KeyPath", "line_index", "locate", "render"]

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
