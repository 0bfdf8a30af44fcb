"""One entry per verb for every kind of file: ``load``, ``iter``, ``collect`` and ``dump``.

The nine kinds of data file (see ``docs/loading.md``) are objects,
:class:`~littlegiants.io.kinds.Kind`, each owning its name, table and sheet names, columns with
their Chinese aliases and required columns, and its behaviour: how a row becomes its record and a
record its cells, which dates ``as_of=`` refuses, what is unique in its files and its place in a
dataset. :data:`KINDS` holds them by name, and :func:`register` adds one: a new kind of file is
one definition. The verbs take a kind (the object or its name) beside the path, so code that
handles any kind needs no switch on names; the ``load_*``, ``iter_*`` and ``dump_*`` functions
of :mod:`littlegiants.io.loader` and :mod:`littlegiants.io.dumps` stay, and the verbs give exactly
what they give.

Without a kind, :func:`load` reads what the path holds: a folder with :func:`~littlegiants.io.
loader.load_dataset`, a file with :func:`~littlegiants.io.loader.load_list` (an official list as
published, a workbook of several kinds, or a file named after its kind).

Importing this module never imports pyarrow.

>>> from littlegiants.io.files import KINDS, collect, load
>>> from littlegiants.io.loader import example_path
>>> rates = load(example_path() / "rates.csv", "rates")
>>> [(rate.base, rate.quote) for rate in rates]
[('USD', 'CNY')]
>>> result = collect(example_path() / "counts.csv", KINDS["counts"])
>>> result.rows_read == len(result.records) + len(result.rejected)
True
>>> [policy.id for policy in load(example_path()).policies]
['shenzhen-2022']
"""

from __future__ import annotations

import builtins
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from littlegiants.errors import InvalidRecordError
from littlegiants.io import dumps, loader
from littlegiants.io import kinds as _kinds

if TYPE_CHECKING:
    import datetime as dt
    import os
    from collections.abc import Iterable, Mapping

    from littlegiants.regions import Region

__all__ = ["KINDS", "Kind", "collect", "dump", "iter", "kind", "load", "register", "unregister"]

Kind = _kinds.Kind
#: The kinds of data file, by name, in the order the docs list them (a folder is read in the
#: order of their ``rank``: enterprises first).
KINDS: Final[Mapping[str, _kinds.Kind]] = _kinds.KINDS
register = _kinds.register
unregister = _kinds.unregister


def kind(which: _kinds.Kind | str) -> _kinds.Kind:
    """The kind object of a kind or of its name (``"trade"``, or its table word ``"rate"``).

    Raises:
        InvalidRecordError: no kind has this name (the message lists the kinds).

    >>> kind("rate").name, kind(KINDS["trade"]).column_names[:3]
    ('rates', ('name', 'credit_code', 'period'))
    """
    if isinstance(which, _kinds.Kind):
        return which
    for found in KINDS.values():
        if which in found.tables:
            return found
    raise InvalidRecordError(which, "a kind of file is one of " + ", ".join(KINDS))


def iter(  # noqa: A001 - the verb's own name, as littlegiants.io.iter
    path: str | os.PathLike[str],
    kind_: _kinds.Kind | str,
    *,
    encoding: str = "utf-8",
    errors: loader.Errors = "strict",
    currency: str | None = None,
    as_of: dt.date | None = None,
    within: Region | str | None = None,
) -> loader.RecordStream[Any]:
    """Stream the records of a file of a kind (as ``littlegiants.io.loader.iter_*`` do).

    See :func:`~littlegiants.io.loader.load_enterprises` for the arguments; ``within`` settles
    region names (南山区) in enterprises files.
    """
    found = kind(kind_)
    return loader._stream(  # noqa: SLF001 - the one stream every iter_* function is
        path,
        found,
        encoding=encoding,
        errors=errors,
        currency=currency,
        as_of=as_of,
        within=within,
    )


def load(
    path: str | os.PathLike[str],
    kind_: _kinds.Kind | str | None = None,
    *,
    encoding: str = "utf-8",
    currency: str | None = None,
    as_of: dt.date | None = None,
    within: Region | str | None = None,
) -> builtins.list[Any] | loader.Dataset:
    """Load a file of a kind strictly (any bad row raises :class:`~loader.LoadError`).

    With a kind, the records (as ``load_*`` give them). Without one, a
    :class:`~loader.Dataset`: a folder's (:func:`~loader.load_dataset`) or a file's
    (:func:`~loader.load_list`).
    """
    options: dict[str, Any] = {"encoding": encoding, "currency": currency, "as_of": as_of}
    if kind_ is None:
        if _is_folder(path):
            return loader.load_dataset(path, **options)
        return loader.load_list(path, within=within, **options)
    return builtins.list(iter(path, kind_, within=within, **options))


def collect(
    path: str | os.PathLike[str],
    kind_: _kinds.Kind | str,
    *,
    encoding: str = "utf-8",
    currency: str | None = None,
    as_of: dt.date | None = None,
    within: Region | str | None = None,
) -> loader.LoadResult[Any]:
    """Load a file of a kind, keeping the good records and the rejected rows (no row raises).

    ``rows_read == len(records) + len(rejected)``; ``ignored`` names the columns read past.
    """
    stream = iter(
        path,
        kind_,
        encoding=encoding,
        errors="collect",
        currency=currency,
        as_of=as_of,
        within=within,
    )
    return stream.result()


def dump(
    records: Iterable[Any],
    path: str | os.PathLike[str],
    kind_: _kinds.Kind | str,
    *,
    encoding: str | None = None,
) -> int:
    """Write records of a kind to a file whose extension names the format (as ``dump_*`` do).

    Returns the number of records written; the file loads back equal.
    """
    return dumps._dump(kind(kind_), records, path, encoding)  # noqa: SLF001 - every dump_* is it


def _is_folder(path: str | os.PathLike[str]) -> bool:
    try:
        return stat.S_ISDIR(Path(path).stat().st_mode)
    except OSError:
        return False
