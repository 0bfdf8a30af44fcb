"""A griffe extension for the API reference: fence bare doctest blocks as ``pycon`` code.

The library's docstrings teach with doctests (run by pytest). Unfenced, Markdown would read their
output, such as ``[('a', 1)]``, as link syntax; fencing shows them as console sessions instead.
"""

from __future__ import annotations

import griffe


def fence_doctests(text: str) -> str:
    """Wrap each run of ``>>>`` lines and their output in a pycon code fence."""
    out: list[str] = []
    inside = False
    indent = ""
    for line in text.splitlines():
        stripped = line.lstrip()
        if not inside and stripped.startswith(">>>"):
            inside = True
            indent = line[: len(line) - len(stripped)]
            out.append(f"{indent}```pycon")
        elif inside and not stripped:
            out.append(f"{indent}```")
            inside = False
        out.append(line)
    if inside:
        out.append(f"{indent}```")
    return "\n".join(out)


class DoctestFences(griffe.Extension):
    """Fence doctests in every docstring griffe loads."""

    def on_object(self, *, obj: griffe.Object, **kwargs: object) -> None:
        """Rewrite the object's docstring before it is parsed."""
        del kwargs
        if obj.docstring is not None:
            obj.docstring.value = fence_doctests(obj.docstring.value)
