"""The package's public names: declared once in ``littlegiants._EXPORTS``, all reachable.

``littlegiants/__init__.py`` maps each exported name to its module; ``__all__`` and the lazy
``__getattr__`` derive from that mapping, and the ``if TYPE_CHECKING:`` block that type checkers
read is generated from it. Run ``python tests/test_exports.py`` to rewrite that block after
adding a name.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import littlegiants

INIT = Path(littlegiants.__file__)
START = "if TYPE_CHECKING:\n"


def type_checking_block(exports: dict[str, str]) -> str:
    """The ``if TYPE_CHECKING:`` block for ``exports``: one ``X as X`` import per name.

    Ordered as ruff's import sorting wants it: by module, then constants, classes, functions.
    """

    def kind(name: str) -> tuple[int, str]:
        rank = 0 if name.isupper() else 1 if name[0].isupper() else 2
        return rank, name

    lines = [START]
    for name in sorted(exports, key=lambda n: (exports[n], *kind(n))):
        lines.append(f"    from {exports[name]} import {name} as {name}\n")
    return "".join(lines)


def declared_imports(source: str) -> dict[str, str]:
    """The names the ``if TYPE_CHECKING:`` block of ``source`` imports, with their modules."""
    found: dict[str, str] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom), ast.unparse(statement)
                for alias in statement.names:
                    assert alias.asname == alias.name, f"{alias.name} must be imported as itself"
                    found[alias.name] = str(statement.module)
    return found


def rewrite(source: str, exports: dict[str, str]) -> str:
    """``source`` with its ``if TYPE_CHECKING:`` block (the file's last) generated anew."""
    head, _, _ = source.rpartition(START)
    return head + type_checking_block(exports)


class TestDeclaration:
    def test_type_checkers_see_exactly_the_exports(self) -> None:
        """The TYPE_CHECKING imports are the mapping's names, each from its module."""
        source = INIT.read_text(encoding="utf-8")
        assert littlegiants._EXPORTS == declared_imports(source), (
            "run `python tests/test_exports.py` to regenerate the TYPE_CHECKING block"
        )

    def test_the_block_is_as_generated(self) -> None:
        """The file ends with the generated block, byte for byte."""
        source = INIT.read_text(encoding="utf-8")
        assert rewrite(source, littlegiants._EXPORTS) == source

    def test_all_is_the_mapping(self) -> None:
        """__all__ lists every name of the mapping once, in its order (floor by floor)."""
        assert list(littlegiants._EXPORTS) == littlegiants.__all__
        assert len(set(littlegiants.__all__)) == len(littlegiants.__all__)

    def test_the_mapping_names_each_module_that_defines_the_name(self) -> None:
        """Each name is found in its module (a typo or a move fails here, not on first use)."""
        for name, module in littlegiants._EXPORTS.items():
            assert hasattr(importlib.import_module(module), name), f"{module} has no {name}"


class TestAccess:
    @pytest.mark.parametrize("name", sorted(littlegiants._EXPORTS))
    def test_every_name_is_the_module_own(self, name: str) -> None:
        """littlegiants.X is what its module defines (for a class or function, the same object)."""
        module = importlib.import_module(littlegiants._EXPORTS[name])
        assert getattr(module, name) == getattr(littlegiants, name)

    def test_unknown_names_raise_attribute_error(self) -> None:
        """A name that is not exported raises AttributeError naming it."""
        with pytest.raises(AttributeError, match="'NoSuchName'"):
            _ = littlegiants.NoSuchName  # type: ignore[attr-defined]

    def test_dir_lists_unloaded_names(self) -> None:
        """dir() lists every exported name whether or not it was loaded yet."""
        assert set(littlegiants._EXPORTS) <= set(dir(littlegiants))

    def test_import_loads_no_floor(self) -> None:
        """A bare import loads none of the modules the names live in."""
        modules = sorted(set(littlegiants._EXPORTS.values()))
        code = (
            f"import sys, littlegiants\nprint(sorted(m for m in {modules!r} if m in sys.modules))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "[]" == out.stdout.strip()


if __name__ == "__main__":
    INIT.write_text(
        rewrite(INIT.read_text(encoding="utf-8"), littlegiants._EXPORTS), encoding="utf-8"
    )
