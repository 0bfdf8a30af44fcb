"""The files of a dataset folder: what a columnar reader reads when it is given a folder.

Trade at the scale of a province comes as many files: a CSV extract per month, or a Parquet
dataset as Spark, polars, DuckDB or pyarrow write it, one folder per value of a partition key
(``period=2022-01/part-0.parquet``), with the key's value in the folder's name and not in the
file. :func:`dataset_files` lists such a folder the way the columnar readers
(``TradeTable.read_csv``, ``scan_csv``, ``read_parquet``, ``scan_parquet``) read it:

- every file below the folder with the reader's extension, sub-folders included, in the order
  of their paths (compared folder by folder, so ``2022-02/`` comes before ``2022-10/``);
- names starting with ``.`` or ``_`` are not read (the marks writers leave: ``_SUCCESS``,
  ``_metadata``, ``.part-0.crc``, a ``_temporary/`` folder), as Spark, Hive and pyarrow skip them;
- anything else is a problem, never skipped in silence: a file with another extension, a link
  to a folder (not followed, so a dataset cannot loop), a folder the system will not list, and
  a data file that is not a regular file (a FIFO is never opened, as that could block; a broken
  link or a looping one);
- each folder named ``KEY=VALUE`` (Hive's partitioning, percent-encoded as writers encode it;
  ``__HIVE_DEFAULT_PARTITION__`` is an empty cell) gives every row of the files below it a cell
  ``VALUE`` in column ``KEY``, in CSV and Parquet datasets alike (DuckDB writes both so); a key
  given twice on one path is a problem. A file may hold the key's column itself (polars writes
  it there too), by the key's text or another header of the same trade column (``Period=`` or
  ``期间=`` names a ``period`` column): the readers then check that every row agrees with the
  folder's name.

Nothing here reads a file: the readers check each file as they check a file given alone.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> for month in ("2022-10", "2022-02"):
...     (folder / f"period={month}").mkdir()
...     _ = (folder / f"period={month}" / "part-0.parquet").write_bytes(b"")
>>> _ = (folder / "_SUCCESS").write_bytes(b"")
>>> found = dataset_files(folder, ".parquet", partitioned=True)
>>> for file, keys in found.files:
...     print(file.relative_to(folder).as_posix(), keys)
period=2022-02/part-0.parquet {'period': '2022-02'}
period=2022-10/part-0.parquet {'period': '2022-10'}
>>> found.problems
()
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final, NamedTuple
from urllib.parse import unquote

from littlegiants.errors import Reason
from littlegiants.io.loader import LoadFileError, LoadProblem, _file_error, _regular_file
from littlegiants.translations import N_

__all__ = ["DatasetFiles", "dataset_files"]

#: The value writers put in a partition folder's name for a missing (null) value.
HIVE_NULL: Final = "__HIVE_DEFAULT_PARTITION__"


class DatasetFiles(NamedTuple):
    """A dataset folder's data files (each with its partition cells) and what else it holds."""

    files: tuple[tuple[Path, dict[str, str]], ...]
    problems: tuple[LoadProblem, ...]


def _hidden(name: str) -> bool:
    """Whether a writer's mark (``.`` or ``_`` first): never read, as Spark and pyarrow do."""
    return name.startswith((".", "_"))


def dataset_files(folder: Path, suffix: str, *, partitioned: bool) -> DatasetFiles:
    """The data files below ``folder`` with the extension ``suffix`` (see the module docstring).

    ``partitioned``: read ``KEY=VALUE`` folder names as cells of every row below them (what
    the readers do); else folder names carry nothing. The files and the problems both come in
    the order of their paths, compared folder by folder.
    """
    noted: list[tuple[tuple[str, ...], LoadProblem]] = []
    found: list[tuple[tuple[str, ...], Path]] = []

    def note(path: Path, message: str, value: str | None = None) -> None:
        parts = path.relative_to(folder).parts if path.is_relative_to(folder) else ()
        noted.append((parts, LoadProblem(str(path), None, value=value, message=message)))

    def refused(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else folder
        note(where, _file_error(where, exc, N_("folder")).reason)

    for top, folders, names in os.walk(folder, onerror=refused):
        here = Path(top)
        kept = []
        for name in sorted(folders):
            if _hidden(name):
                continue
            if (here / name).is_symlink():
                link = N_("a link to a folder is not followed: link its files instead")
                note(here / name, Reason(link), name)
                continue
            kept.append(name)
        folders[:] = kept
        for name in names:
            file = here / name
            if _hidden(name):
                continue
            if file.suffix.lower() != suffix:
                other = N_("not a {suffix} file: a dataset folder holds its data files only")
                note(file, Reason(other, suffix=suffix), name)
                continue
            try:  # a FIFO is never opened (it could block), a broken link never followed
                _regular_file(file, N_("file"))
            except LoadFileError as exc:
                note(file, exc.reason, name)
                continue
            found.append((file.relative_to(folder).parts, file))
    found.sort()
    if not found and not noted:
        message = Reason(
            N_("the folder holds no {suffix} file (names starting with . or _ are not read)"),
            suffix=suffix,
        )
        note(folder, message)
    files = []
    for parts, file in found:
        keys, problem = _partition(parts[:-1]) if partitioned else ({}, None)
        if problem is not None:
            note(file, problem, "/".join(parts[:-1]))
        else:
            files.append((file, keys))
    noted.sort(key=lambda item: item[0])
    return DatasetFiles(tuple(files), tuple(problem for _, problem in noted))


def _partition(folders: tuple[str, ...]) -> tuple[dict[str, str], Reason | None]:
    """The cells a file's ``KEY=VALUE`` folders give its rows, or why they give none."""
    keys: dict[str, str] = {}
    for name in folders:
        key, equals, value = name.partition("=")
        if not equals:
            continue
        key, value = unquote(key), unquote(value)
        if not key:
            return {}, Reason(N_("a partition folder needs a key before its =, as KEY=VALUE"))
        if key in keys:
            twice = N_("the partition key {key} is given twice on the file's path")
            return {}, Reason(twice, key=key)
        keys[key] = "" if value == HIVE_NULL else value
    return keys, None
