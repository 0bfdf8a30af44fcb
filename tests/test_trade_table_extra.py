"""Without the arrow extra: littlegiants imports, and littlegiants.io names the extra to install."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

#: Runs in a fresh interpreter where pyarrow and polars cannot be imported (a meta path finder
#: refuses them, as if the extra were not installed), and prints what each step gave.
_BLOCKED = textwrap.dedent(
    """
    import sys

    class Refuse:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("pyarrow", "polars"):
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            return None

    sys.meta_path.insert(0, Refuse())

    import littlegiants
    import littlegiants.io
    from littlegiants.loader import MissingExtraError

    print("import littlegiants: ok", littlegiants.Money("1", "CNY"))
    for name in ("TradeTable", "TradeScan", "check_batch", "summarize_batch", "TRADE_SCHEMA"):
        try:
            getattr(littlegiants.io, name)
        except MissingExtraError as exc:
            print(name, type(exc).__name__, exc.extra, isinstance(exc, ImportError), exc)
    print("pyarrow imported:", "pyarrow" in sys.modules)
    """
)


class TestWithoutTheExtra:
    def test_import_works_and_every_name_names_the_extra(self):
        """Without pyarrow, littlegiants imports and each io name raises MissingExtraError."""
        result = subprocess.run(
            [sys.executable, "-c", _BLOCKED], capture_output=True, text=True, check=True
        )
        lines = result.stdout.splitlines()
        assert "import littlegiants: ok 1 CNY" == lines[0]
        hint = "pip install 'littlegiants[arrow]'"
        for line, name in zip(
            lines[1:6],
            ("TradeTable", "TradeScan", "check_batch", "summarize_batch", "TRADE_SCHEMA"),
            strict=True,
        ):
            assert line.startswith(f"{name} MissingExtraError arrow True ")
            assert hint in line
        assert "pyarrow imported: False" == lines[6]

    def test_importing_io_does_not_import_pyarrow(self):
        """``import littlegiants.io`` alone loads no Arrow module (names load on first use)."""
        code = "import sys, littlegiants.io; print('pyarrow' in sys.modules)"
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "False" == result.stdout.strip()

    def test_unknown_name_is_an_attribute_error(self):
        """A name littlegiants.io does not have is an AttributeError, as for any module."""
        import littlegiants.io

        with pytest.raises(AttributeError, match="NoSuchThing"):
            littlegiants.io.NoSuchThing  # noqa: B018 - the attribute access is the test
