"""Writing enterprises, designations, relocations, trade, financials and other kinds to files.

Each ``dump_*`` writes the format its file's extension names (``.csv``, ``.json``, ``.jsonl``,
``.toml``, ``.xlsx``) with the columns documented in ``docs/loading.md``, so that loading the
file gives back equal objects: ``load_trade_records(p) == records`` after
``dump_trade_records(records, p)``, for every kind and format.

- **Money is exact**: an amount is written as its decimal text (``"99200000.0"``), never a float,
  with its currency in the ``currency`` column.
- **Formulas cannot be injected**: a text cell a spreadsheet would read as a formula
  (``=HYPERLINK(...)``, or text starting with ``+``, ``-``, ``@``) gets a leading apostrophe in
  CSV, the OWASP advice, which the loader removes again; XLSX cells are written as text cells,
  which a spreadsheet never evaluates.
- **Rows name their enterprise** by name and credit code only (the rest of an enterprise lives
  in the enterprises file); :func:`dump_dataset` writes a whole folder that
  :func:`~littlegiants.loader.load_dataset` reads back equal.
- **Atomic**: a file is written under a temporary name and renamed when complete, so a failure
  never leaves half a file.
- CSV files are written in UTF-8 with a BOM by default (spreadsheets then read Chinese right);
  JSON, JSON Lines and TOML in UTF-8.

>>> import tempfile, pathlib
>>> from littlegiants.loader import load_enterprises
>>> from littlegiants.enterprise import Enterprise
>>> firms = [Enterprise('=HYPERLINK("http://x","y")', credit_code="91110000600037341L")]
>>> path = pathlib.Path(tempfile.mkdtemp()) / "enterprises.csv"
>>> dump_enterprises(firms, path)
1
>>> print(path.read_text(encoding="utf-8-sig").splitlines()[1])
"'=HYPERLINK(""http://x"",""y"")",91110000600037341L,110000,,
>>> load_enterprises(path) == firms
True

More information:

- OWASP, CSV injection: https://owasp.org/www-community/attacks/CSV_Injection
- RFC 4180 (CSV): https://www.rfc-editor.org/rfc/rfc4180 ; JSON Lines: https://jsonlines.org ;
  TOML 1.0: https://toml.io/en/v1.0.0
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from littlegiants import _schemas, _tables
from littlegiants.errors import InvalidRecordError
from littlegiants.loader import LoadError, LoadProblem, require_openpyxl
from littlegiants.records import (
    DesignationRecord,
    FinancialRecord,
    ProfileRecord,
    RelocationRecord,
)

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Iterator

    from littlegiants.counts import DesignationCount
    from littlegiants.enterprise import Enterprise
    from littlegiants.fx import ExchangeRate
    from littlegiants.loader import Dataset
    from littlegiants.trade import TradeAggregate, TradeRecord

__all__ = [
    "dump_aggregates",
    "dump_counts",
    "dump_dataset",
    "dump_designations",
    "dump_enterprises",
    "dump_financials",
    "dump_profiles",
    "dump_rates",
    "dump_relocations",
    "dump_trade_records",
]

_DEFAULT_ENCODING: Final = {"csv": "utf-8-sig"}


def _rows(kind: _schemas.Kind, records: Iterable[object], fmt: str) -> Iterator[dict[str, Any]]:
    tabular = fmt in ("csv", "xlsx")
    for number, record in enumerate(records, start=1):
        cells = _schemas.cells_of(kind, record)
        problem = _schemas.check_text(kind, cells, tabular=tabular)
        if problem is not None:
            raise InvalidRecordError(record, f"record {number} cannot be written: {problem}")
        yield _schemas.flatten(kind, cells) if tabular else _schemas.natives(kind, cells)


def _dump(
    kind_name: str, records: Iterable[object], path: str | os.PathLike[str], encoding: str | None
) -> int:
    file = Path(path)
    fmt = _tables.format_of(file)
    if fmt is None:
        formats = ", ".join(_tables.FORMATS)
        message = f"cannot tell the format from the extension {file.suffix!r}: use {formats}"
        raise LoadError(str(file), (LoadProblem(str(file), None, message=message),))
    kind = _schemas.KINDS[kind_name]
    openpyxl = require_openpyxl() if fmt == "xlsx" else None
    return _tables.write_rows(
        file,
        fmt,
        header=kind.column_names,
        rows=_rows(kind, records, fmt),
        table=kind.table,
        text_columns=kind.text_columns,
        encoding=encoding or _DEFAULT_ENCODING.get(fmt, "utf-8"),
        openpyxl=openpyxl,
    )


_ARGS: Final = """

    Args:
        records: the records, in the order to write them.
        path: the file to write (replaced if it exists); its extension gives the format.
        encoding: the text encoding; by default UTF-8 with a BOM for CSV, UTF-8 otherwise.

    Returns:
        The number of records written.

    Raises:
        InvalidRecordError: a record is not of the kind, holds what the kind's files cannot
            carry, or has text a table cannot hold (a control character); nothing is written.
        LoadError: the extension names no format.
        MissingExtraError: an .xlsx file and openpyxl is not installed.
        OSError: the file cannot be written.
        UnicodeEncodeError: the text cannot be encoded in ``encoding``.
"""


def dump_enterprises(
    records: Iterable[Enterprise], path: str | os.PathLike[str], *, encoding: str | None = None
) -> int:
    """Write enterprises: name, credit code, region, English name, industry.

    An enterprise's designations, relocations, financial years and profile go to their own files
    (:func:`dump_dataset`); an enterprise that has any is refused here. A region that is unknown
    although the credit code names a division is written ``unknown``.
    """
    return _dump("enterprises", records, path, encoding)


def dump_designations(
    records: Iterable[DesignationRecord],
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
) -> int:
    """Write designations, each with its enterprise's name and credit code."""
    return _dump("designations", records, path, encoding)


def dump_relocations(
    records: Iterable[RelocationRecord],
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
) -> int:
    """Write moves of registered seats: the enterprise, the date and both regions.

    A move from an unknown place is written with an empty ``from_region``.
    """
    return _dump("relocations", records, path, encoding)


def dump_trade_records(
    records: Iterable[TradeRecord], path: str | os.PathLike[str], *, encoding: str | None = None
) -> int:
    """Write trade records: the reported previous value and growth, as given (not derived)."""
    return _dump("trade", records, path, encoding)


def dump_financials(
    records: Iterable[FinancialRecord],
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
) -> int:
    """Write financial years, each with its enterprise's name and credit code."""
    return _dump("financials", records, path, encoding)


def dump_profiles(
    records: Iterable[ProfileRecord],
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
) -> int:
    """Write profiles, one row per enterprise: every fact, empty where unknown.

    In CSV and XLSX a list known to be empty is written ``none``; awards as
    ``national 2 2023``, contest placings as ``2023 500强`` and honours as names, each separated
    by ``;``. An honour a table cannot carry that way (one holding ``;``, with outer spaces, or
    the word ``none``) is refused there; JSON and TOML write lists as lists.
    """
    return _dump("profiles", records, path, encoding)


def dump_rates(
    records: Iterable[ExchangeRate], path: str | os.PathLike[str], *, encoding: str | None = None
) -> int:
    """Write exchange rates: base, quote, the exact rate, date and source."""
    return _dump("rates", records, path, encoding)


def dump_aggregates(
    records: Iterable[TradeAggregate],
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
) -> int:
    """Write trade aggregates: the value with its currency, the equivalent with its own.

    An aggregate of imports and exports together (``flow=None``) is written with an empty flow.
    """
    return _dump("aggregates", records, path, encoding)


def dump_counts(
    records: Iterable[DesignationCount],
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
) -> int:
    """Write designation counts: level, count, date, kind, place, batch, target date, source."""
    return _dump("counts", records, path, encoding)


for _function in (
    dump_enterprises,
    dump_designations,
    dump_relocations,
    dump_trade_records,
    dump_financials,
    dump_profiles,
    dump_rates,
    dump_aggregates,
    dump_counts,
):
    _function.__doc__ = (_function.__doc__ or "").rstrip() + "\n" + _ARGS


def dump_dataset(
    dataset: Dataset,
    folder: str | os.PathLike[str],
    *,
    extension: str = ".csv",
    encoding: str | None = None,
) -> dict[str, int]:
    """Write a dataset as a folder that :func:`~littlegiants.loader.load_dataset` reads back.

    Writes ``enterprises``, ``designations``, ``relocations``, ``financials``, ``profiles``,
    ``trade``, ``rates``, ``aggregates`` and ``counts`` files with the given extension (the folder
    is created if needed; files of those names are replaced). A ``sources.toml`` is not written:
    it says where files come from, and these are new files; write one beside them to source them (a
    folder that has one must source every data file).

    Args:
        dataset: the dataset.
        folder: the folder to write into.
        extension: ``.csv``, ``.json``, ``.jsonl``, ``.toml`` or ``.xlsx``.
        encoding: see :func:`dump_enterprises`.

    Returns:
        The number of rows written per kind.

    Raises:
        InvalidRecordError: a record cannot be written (see :func:`dump_enterprises` and
            :func:`dump_profiles`).
    """
    import attrs  # noqa: PLC0415

    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    firms = dataset.enterprises
    flat = [
        attrs.evolve(firm, designations=(), relocations=(), financials=(), profile=None)
        for firm in firms
    ]
    designations = [DesignationRecord(f, d) for f in firms for d in f.designations]
    relocations = [RelocationRecord(f, r) for f in firms for r in f.relocations]
    financials = [FinancialRecord(f, y) for f in firms for y in f.financials]
    profiles = [ProfileRecord(f, f.profile) for f in firms if f.profile is not None]
    return {
        "enterprises": dump_enterprises(
            flat, target / f"enterprises{extension}", encoding=encoding
        ),
        "designations": dump_designations(
            designations, target / f"designations{extension}", encoding=encoding
        ),
        "relocations": dump_relocations(
            relocations, target / f"relocations{extension}", encoding=encoding
        ),
        "financials": dump_financials(
            financials, target / f"financials{extension}", encoding=encoding
        ),
        "profiles": dump_profiles(profiles, target / f"profiles{extension}", encoding=encoding),
        "trade": dump_trade_records(
            dataset.trade_records, target / f"trade{extension}", encoding=encoding
        ),
        "rates": dump_rates(dataset.rates, target / f"rates{extension}", encoding=encoding),
        "aggregates": dump_aggregates(
            dataset.aggregates, target / f"aggregates{extension}", encoding=encoding
        ),
        "counts": dump_counts(dataset.counts, target / f"counts{extension}", encoding=encoding),
    }
