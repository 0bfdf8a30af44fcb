"""Tests of littlegiants.io.files: one entry per verb, taking a kind, as the per-kind names."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from littlegiants import dumps, io, loader
from littlegiants.errors import InvalidRecordError
from littlegiants.io import files

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples" / "loading"
LISTS = Path(__file__).resolve().parent / "data" / "lists"
ITERS = {name: f"iter_{name}" for name in files.KINDS} | {"trade": "iter_trade_records"}
DUMPS = {name: f"dump_{name}" for name in files.KINDS} | {"trade": "dump_trade_records"}


class TestVerbs:
    @pytest.mark.parametrize("name", list(files.KINDS))
    def test_load_and_collect_give_what_the_per_kind_functions_give(self, name: str) -> None:
        """load(path, kind) and collect(path, kind) equal iter_KIND's records and result."""
        path = EXAMPLES / f"{name}.csv"
        expected = list(getattr(loader, ITERS[name])(path))
        assert expected == files.load(path, name)
        assert expected == files.load(path, files.KINDS[name])
        result = files.collect(path, name)
        assert (expected, len(expected)) == (list(result.records), result.rows_read)

    @pytest.mark.parametrize("name", list(files.KINDS))
    def test_dump_writes_what_the_per_kind_dump_writes(self, name: str, tmp_path: Path) -> None:
        """dump(records, path, kind) writes the same file as dump_KIND, and it loads back equal."""
        records = files.load(EXAMPLES / f"{name}.csv", name)
        assert isinstance(records, list)
        ours, theirs = tmp_path / f"{name}-a.json", tmp_path / f"{name}-b.json"
        assert len(records) == files.dump(records, ours, name)
        getattr(dumps, DUMPS[name])(records, theirs)
        assert theirs.read_bytes() == ours.read_bytes()
        assert records == files.load(ours, name)

    def test_load_without_a_kind_reads_a_folder_or_a_list(self) -> None:
        """Without a kind, a folder is a dataset and a file is read as a list."""
        assert loader.load_dataset(EXAMPLES) == files.load(EXAMPLES)
        assert loader.load_list(LISTS / "official-list.csv") == files.load(
            LISTS / "official-list.csv"
        )

    def test_a_kind_by_its_name_or_table_word(self) -> None:
        """A kind is found by its name or its table word; an unknown word lists the kinds."""
        assert files.KINDS["rates"] is files.kind("rate") is files.kind("rates")
        with pytest.raises(InvalidRecordError, match="enterprises, designations"):
            files.kind("firms")

    def test_the_package_exports_the_verbs_without_pyarrow(self) -> None:
        """littlegiants.io gives the verbs, and importing them never imports pyarrow."""
        assert io.load is files.load
        code = (
            "import sys; from littlegiants.io import load, iter, collect, dump, KINDS; "
            "print('pyarrow' in sys.modules)"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert "False" == out.strip()
