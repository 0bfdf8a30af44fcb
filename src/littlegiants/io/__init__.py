"""Files in and out: one entry per verb for every kind of file, and the columnar trade table.

- :mod:`littlegiants.io.files`: ``load``, ``iter``, ``collect`` and ``dump``, each taking a kind
  (:data:`~littlegiants.io.files.KINDS`, or a kind's name) beside the path, as the
  ``load_*``/``iter_*``/``dump_*`` functions do for one kind each; ``register`` adds a kind.
  No extra needed.
- The edges' own modules: :mod:`~littlegiants.io.kinds` (the kinds of file: columns, aliases,
  how a row becomes a record and a record cells), :mod:`~littlegiants.io.tables` (rows of CSV,
  JSON, TOML and XLSX files), :mod:`~littlegiants.io.structuring` (the cattrs converter),
  :mod:`~littlegiants.io.loader` and :mod:`~littlegiants.io.dumps` (re-exported as
  ``littlegiants.loader`` and ``littlegiants.dumps``). No extra needed.

The columnar edge, trade records on Apache Arrow for files too large for one object per row,
needs the ``arrow`` extra (``pip install 'littlegiants[arrow]'``: pyarrow and polars).
Importing ``littlegiants.io`` never imports pyarrow: each name below is loaded on first use,
and without the extra that use of an Arrow name raises
:class:`~littlegiants.loader.MissingExtraError` naming the extra.

- :class:`~littlegiants.io.arrow.TradeTable`: a columnar collection of trade records with exact
  ``decimal128`` amounts, read from CSV, Parquet or XLSX with the loader's checks and located
  problems, summarised exactly as :func:`~littlegiants.trade.summarize` does.
- :class:`~littlegiants.io.arrow.TradeScan`: the same summary, streamed from a CSV or Parquet
  file larger than memory.
- :mod:`littlegiants.io.datasets`: how the CSV and Parquet readers read a folder (every data
  file below it; ``KEY=VALUE`` partition folders as columns; nothing else passed over).
- :mod:`littlegiants.io.batches`: the per-batch functions (check, summarise, merge) that run
  unchanged inside Dask partitions, Spark's ``mapInArrow`` or any engine that hands out Arrow
  record batches.

See ``docs/howto/trade-at-scale.md``.
"""

from __future__ import annotations

import importlib
from typing import Any, Final

__all__ = [
    "KINDS",
    "TRADE_SCHEMA",
    "CheckedBatch",
    "Kind",
    "TradeScan",
    "TradeTable",
    "check_batch",
    "collect",
    "dump",
    "iter",
    "kind",
    "load",
    "merge_summaries",
    "records_of",
    "register",
    "summarize_batch",
    "unregister",
]

#: What the ``arrow`` extra brings, as ``MissingExtraError`` says it.
_PURPOSE: Final = "the columnar trade table (littlegiants.io: TradeTable and the batch functions)"

#: Where each public name lives (loaded on first use, so pyarrow is imported only then).
_HOMES: Final = {
    **dict.fromkeys(
        ("KINDS", "Kind", "collect", "dump", "iter", "kind", "load", "register", "unregister"),
        "littlegiants.io.files",
    ),
    "TradeTable": "littlegiants.io.arrow",
    "TradeScan": "littlegiants.io.arrow",
    "TRADE_SCHEMA": "littlegiants.io.batches",
    "CheckedBatch": "littlegiants.io.batches",
    "check_batch": "littlegiants.io.batches",
    "merge_summaries": "littlegiants.io.batches",
    "records_of": "littlegiants.io.batches",
    "summarize_batch": "littlegiants.io.batches",
}


def __getattr__(name: str) -> Any:  # noqa: ANN401 - a module's lazy attribute
    """Load a public name on first use (raises MissingExtraError without the arrow extra)."""
    home = _HOMES.get(name)
    if home is None:
        message = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(message)
    return getattr(importlib.import_module(home), name)


def __dir__() -> list[str]:
    """The public names, loaded or not."""
    return sorted(__all__)
