"""Checks that the non-Python examples in the docs are real: every TOML block is used or loads.

Python examples in docs/*.md run as doctests; this module covers the TOML blocks, which doctest
cannot run.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from littlegiants import IncentivePolicy

DOCS = Path(__file__).resolve().parent.parent / "docs"
BLOCK = re.compile(r"^```toml\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def toml_blocks() -> list[tuple[str, str]]:
    found = []
    for page in sorted(DOCS.rglob("*.md")):
        found.extend(
            (f"{page.relative_to(DOCS)}#{i}", block)
            for i, block in enumerate(BLOCK.findall(page.read_text(encoding="utf-8")))
        )
    return found


@pytest.mark.parametrize(("where", "block"), toml_blocks(), ids=[w for w, _ in toml_blocks()])
def test_toml_blocks_are_valid(where: str, block: str) -> None:
    """Every TOML block parses; policy blocks load as policies; scenario blocks exist as files."""
    data = tomllib.loads(block)
    if "rules" in data:
        assert IncentivePolicy.from_toml_text(block, path=where).rules
    if "scenario" in data:
        files = [p.read_text(encoding="utf-8") for p in DOCS.rglob("*.scenarios.toml")]
        assert block in files, f"{where}: the scenario block must be a collected file's content"


def test_there_are_blocks_to_check() -> None:
    """The docs do hold TOML examples (so the test above checks something)."""
    assert len(toml_blocks()) >= 2
