"""Writing enterprises, designations, relocations, trade, financials and other kinds to files.

Each ``dump_*`` writes the format its file's extension names (``.csv``, ``.json``, ``.jsonl``,
``.toml``, ``.xlsx``) with the columns documented in ``docs/loading.md``, so that loading the
file gives back equal objects: ``load_trade_records(p) == records`` after
``dump_trade_records(records, p)``, for every kind and format.

- **Money is exact**: an amount is written as its decimal text (``"99200000.0"``), never a float,
  with its currency in the ``currency`` column.
- **Formulas cannot be injected**: a CSV cell a spreadsheet would read as a formula (one that
  starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, such as
  ``=HYPERLINK(...)`` or a growth of ``+59%``) gets a leading apostrophe, the OWASP advice,
  which the loader removes again, exactly once, so dumping what was loaded writes the same
  file; XLSX cells are written as text cells, which a spreadsheet never evaluates.
- **Every dump loads back equal, or nothing is written**: text a format cannot carry (a lone
  surrogate in any format; a control character in CSV or XLSX; a carriage return, U+FFFE or
  U+FFFF in XLSX), a text longer than the loader reads in a cell (10,000 characters), a line,
  record or TOML file larger than the loader reads, or text the encoding cannot write raises
  :class:`~littlegiants.io.loader.DumpError` naming the record and the field.
- **Rows name their enterprise** by name and credit code only (the rest of an enterprise lives
  in the enterprises file); :func:`dump_dataset` writes a whole folder that
  :func:`~littlegiants.io.loader.load_dataset` reads back equal.
- **Atomic**: a file is written under a temporary name and renamed when complete, so a failure
  never leaves half a file.
- CSV files are written in UTF-8 with a BOM by default (spreadsheets then read Chinese right);
  JSON, JSON Lines and TOML in UTF-8.

>>> import tempfile, pathlib
>>> from littlegiants.io.loader import load_enterprises
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
from typing import TYPE_CHECKING, Any, Final, cast

from littlegiants.errors import InvalidRecordError, Reason
from littlegiants.io import kinds as _kinds
from littlegiants.io import tables as _tables
from littlegiants.io.loader import DumpError, LoadError, LoadProblem, require_openpyxl
from littlegiants.translations import N_

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Iterator

    from littlegiants.counts import DesignationCount
    from littlegiants.enterprise import Enterprise
    from littlegiants.fx import ExchangeRate
    from littlegiants.io.loader import Dataset
    from littlegiants.records import (
        DesignationRecord,
        FinancialRecord,
        ProfileRecord,
        RelocationRecord,
    )
    from littlegiants.trade import TradeAggregate, TradeRecord

__all__ = [
    "DumpError",
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


def _rows(
    kind: _kinds.Kind, records: Iterable[object], fmt: str, path: str
) -> Iterator[dict[str, Any]]:
    tabular = fmt in ("csv", "xlsx")
    for number, record in enumerate(records, start=1):
        try:
            cells = _kinds.cells_of(kind, record)
        except InvalidRecordError as exc:
            raise DumpError(record, exc.reason, None, path, number) from exc
        problem = _kinds.check_text(kind, cells, fmt)
        if problem is not None:
            field, value, reason = problem
            raise DumpError(value, reason, None, path, number, field)
        yield _kinds.flatten(kind, cells) if tabular else _kinds.natives(kind, cells)


def _dump(
    kind: _kinds.Kind,
    records: Iterable[object],
    path: str | os.PathLike[str],
    encoding: str | None,
) -> int:
    count, temporary = _prepare(kind, records, Path(path), encoding)
    _commit([(temporary, Path(path))])
    return count


def _commit(files: Iterable[tuple[Path, Path]]) -> None:
    """Rename written temporary files to their names; on failure remove those not renamed."""
    pending = list(files)
    try:
        while pending:
            temporary, path = pending[0]
            temporary.replace(path)
            pending.pop(0)
    finally:
        for temporary, _ in pending:
            temporary.unlink(missing_ok=True)


def _prepare(
    kind: _kinds.Kind, records: Iterable[object], file: Path, encoding: str | None
) -> tuple[int, Path]:
    """Write the records to a temporary file beside ``file``: the count and that file."""
    fmt = _tables.format_of(file)
    if fmt is None:
        formats = ", ".join(_tables.FORMATS)
        message = Reason(
            N_("cannot tell the format from the extension {suffix}: use {formats}"),
            suffix=repr(file.suffix),
            formats=formats,
        )
        raise LoadError(str(file), (LoadProblem(str(file), None, message=message),))
    encoding = encoding or _DEFAULT_ENCODING.get(fmt, "utf-8")
    problem = _tables.check_encoding(encoding)
    if problem is not None:
        reason = Reason(
            N_("the loader could not read the file back: {problem}"), problem=Reason.given(problem)
        )
        raise DumpError(encoding, reason, None, str(file))
    openpyxl = require_openpyxl() if fmt == "xlsx" else None
    try:
        return _tables.write_rows(
            file,
            fmt,
            header=kind.column_names,
            rows=_rows(kind, records, fmt, str(file)),
            table=kind.table,
            encoding=encoding,
            openpyxl=openpyxl,
        )
    except _tables.Unwritable as exc:
        raise DumpError(exc.value, exc.reason, None, str(file), exc.index, exc.column) from exc


_ARGS: Final = """

    Args:
        records: the records, in the order to write them.
        path: the file to write (replaced if it exists); its extension gives the format.
        encoding: the text encoding; by default UTF-8 with a BOM for CSV, UTF-8 otherwise.

    Returns:
        The number of records written.

    Raises:
        DumpError: a record is not of the kind, holds what the kind's files cannot carry, or
            has text the format or the loader cannot take (see the module docstring), naming
            the record and field; nothing is written (an ``InvalidRecordError``).
        LoadError: the extension names no format.
        MissingExtraError: an .xlsx file and openpyxl is not installed.
        OSError: the file cannot be written.
"""


def dump_enterprises(
    records: Iterable[Enterprise], path: str | os.PathLike[str], *, encoding: str | None = None
) -> int:
    """Write enterprises: name, credit code, region, English name, industry.

    An enterprise's designations, relocations, financial years and profile go to their own files
    (:func:`dump_dataset`); an enterprise that has any is refused here. A region that is unknown
    although the credit code names a division is written ``unknown``.
    """
    return _dump(_kinds.ENTERPRISES, records, path, encoding)


def dump_designations(
    records: Iterable[DesignationRecord],
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
) -> int:
    """Write designations, each with its enterprise's name and credit code."""
    return _dump(_kinds.DESIGNATIONS, records, path, encoding)


def dump_relocations(
    records: Iterable[RelocationRecord],
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
) -> int:
    """Write moves of registered seats: the enterprise, the date and both regions.

    A move from an unknown place is written with an empty ``from_region``.
    """
    return _dump(_kinds.RELOCATIONS, records, path, encoding)


def dump_trade_records(
    records: Iterable[TradeRecord], path: str | os.PathLike[str], *, encoding: str | None = None
) -> int:
    """Write trade records: the reported previous value and growth, as given (not derived)."""
    return _dump(_kinds.TRADE, records, path, encoding)


def dump_financials(
    records: Iterable[FinancialRecord],
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
) -> int:
    """Write financial years, each with its enterprise's name and credit code."""
    return _dump(_kinds.FINANCIALS, records, path, encoding)


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
    return _dump(_kinds.PROFILES, records, path, encoding)


def dump_rates(
    records: Iterable[ExchangeRate], path: str | os.PathLike[str], *, encoding: str | None = None
) -> int:
    """Write exchange rates: base, quote, the exact rate, date and source."""
    return _dump(_kinds.RATES, records, path, encoding)


def dump_aggregates(
    records: Iterable[TradeAggregate],
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
) -> int:
    """Write trade aggregates: the value with its currency, the equivalent with its own.

    An aggregate of imports and exports together (``flow=None``) is written with an empty flow.
    """
    return _dump(_kinds.AGGREGATES, records, path, encoding)


def dump_counts(
    records: Iterable[DesignationCount],
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
) -> int:
    """Write designation counts: level, count, date, kind, place, batch, target date, source."""
    return _dump(_kinds.COUNTS, records, path, encoding)


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
    """Write a dataset as a folder that :func:`~littlegiants.io.loader.load_dataset` reads back.

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
        DumpError: a record cannot be written (see :func:`dump_enterprises` and
            :func:`dump_profiles`); no file of the folder is written or replaced.
        LoadError: the extension names no format.
        OSError: a file cannot be written.
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    kinds = [(kind, _records_of(dataset, kind)) for kind in _kinds.ordered() if kind.in_datasets]
    written: list[tuple[Path, Path]] = []
    counts: dict[str, int] = {}
    try:
        for kind, records in kinds:
            path = target / f"{kind.name}{extension}"
            counts[kind.name], temporary = _prepare(kind, records, path, encoding)
            written.append((temporary, path))
    except BaseException:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)
        raise
    _commit(written)
    return counts


def _records_of(dataset: Dataset, kind: _kinds.Kind) -> list[object]:
    """The records of a kind in a dataset, each as its kind's file holds it.

    The enterprises without the facts other kinds attach to them; each fact paired with its
    enterprise (a :class:`~littlegiants.records.DesignationRecord`); the records a dataset
    holds apart (trade, rates ...) as they are.
    """
    import attrs  # noqa: PLC0415

    firms = dataset.enterprises
    facts = [known.fact for known in _kinds.ordered() if known.fact is not None]
    if kind.base:
        bare: dict[str, Any] = {fact.field: None if fact.one else () for fact in facts}
        return [attrs.evolve(firm, **bare) for firm in firms]
    fact = kind.fact
    if fact is None:
        return list(getattr(dataset, cast("str", kind.field)))
    if fact.one:
        given = ((firm, getattr(firm, fact.field)) for firm in firms)
        return [kind.record(firm, one) for firm, one in given if one is not None]
    return [kind.record(firm, item) for firm in firms for item in getattr(firm, fact.field)]
