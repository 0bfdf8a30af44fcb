"""Writing the programme's files: the public home of the ``dump_*`` functions.

The code lives in :mod:`littlegiants.io.dumps`, with the other edges (``littlegiants.io``); this
module re-exports its public names, so ``from littlegiants.dumps import dump_dataset`` keeps
working. See ``docs/loading.md``.

>>> from littlegiants import io
>>> dump_dataset is io.dumps.dump_dataset
True
"""

from littlegiants.io.dumps import (
    DumpError,
    dump_aggregates,
    dump_counts,
    dump_dataset,
    dump_designations,
    dump_enterprises,
    dump_financials,
    dump_profiles,
    dump_rates,
    dump_relocations,
    dump_trade_records,
)

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
