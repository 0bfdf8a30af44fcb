"""Griffe extensions for the API reference: doctests as console sessions, roles as links.

The library's docstrings teach with doctests (run by pytest) and point at each other with Sphinx
roles (``:class:`Region```, ``:meth:`~littlegiants.money.Money.round```), which read well in
``help()`` and in an editor. mkdocstrings renders Google-style docstrings as Markdown, where
neither survives: unfenced doctest output such as ``[('a', 1)]`` reads as link syntax, and a role
is printed as it is written. Two extensions rewrite the docstrings griffe loads, for the site only:

- :class:`DoctestFences` wraps each run of ``>>>`` lines and their output in a ``pycon`` fence;
- :class:`RoleLinks` turns each role into an autorefs cross-reference (``[Region][littlegiants.
  regions.Region]``) when its target is a public object the reference pages render, and into
  plain code otherwise (a builtin, the standard library, a private helper), so that the strict
  build never meets a reference it cannot resolve.
"""

from __future__ import annotations

import re
from pathlib import Path

import griffe

#: A Sphinx role in a docstring: ``:class:`~pkg.Name```, ``:meth:`Name.method```.
ROLE = re.compile(r":(?:py:)?(?:class|meth|func|attr|mod|exc|data|obj|const):`(~?)([^`]+)`")
#: The reference pages, whose ``::: module`` lines say which modules the site renders.
REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "reference"


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


def rendered_modules(folder: Path = REFERENCE) -> frozenset[str]:
    """The modules the reference pages render, from their ``::: module`` lines."""
    found = set()
    for page in folder.glob("*.md"):
        found.update(re.findall(r"^:::\s+(\S+)", page.read_text(encoding="utf-8"), re.MULTILINE))
    return frozenset(found)


def _walk(obj: griffe.Object) -> list[griffe.Object]:
    """The object and every object defined inside it (aliases, such as imports, left out)."""
    found = [obj]
    for member in obj.members.values():
        if not member.is_alias:
            found.extend(_walk(member))  # type: ignore[arg-type]
    return found


class RoleLinks(griffe.Extension):
    """Turn Sphinx roles into cross-references the site resolves, or into plain code."""

    def __init__(self) -> None:
        """Read which modules the reference renders."""
        super().__init__()
        self.modules = rendered_modules()

    def on_package(self, *, pkg: griffe.Module, **kwargs: object) -> None:
        """Rewrite the roles of every docstring in the package once it is loaded."""
        del kwargs
        for obj in _walk(pkg):
            if obj.docstring is not None:
                obj.docstring.value = ROLE.sub(
                    lambda match, scope=obj: self._link(scope, match[1] == "~", match[2]),
                    obj.docstring.value,
                )

    def _link(self, scope: griffe.Object, short: bool, target: str) -> str:
        """``[shown][path]`` when ``target`` resolves to a rendered object, else `` `shown` ``."""
        shown = target.rsplit(".", 1)[-1] if short else target
        path = self._resolve(scope, target)
        return f"`{shown}`" if path is None else f"[`{shown}`][{path}]"

    def _resolve(self, scope: griffe.Object, target: str) -> str | None:
        """The rendered object's full path for ``target`` seen from ``scope``, or ``None``."""
        head, _, rest = target.partition(".")
        try:
            base = scope.resolve(head)
        except griffe.NameResolutionError:
            base = head
        path = f"{base}.{rest}" if rest else base
        package = scope.package
        if not path.startswith(package.path + "."):
            return None
        try:
            found = package[path[len(package.path) + 1 :]]
        except (KeyError, ValueError):
            return None
        while found.is_alias:
            try:
                found = found.final_target
            except (griffe.AliasResolutionError, griffe.CyclicAliasError):
                return None
        if any(part.startswith("_") and part != "__init__" for part in found.path.split(".")):
            return None
        module = found if found.is_module else found.module
        if module.path not in self.modules:
            return None
        owner: griffe.Object | None = found
        while owner is not None and not owner.is_module:
            if owner.docstring is None:
                return None  # mkdocstrings shows no object without a docstring, nor its members
            owner = owner.parent
        return found.path
