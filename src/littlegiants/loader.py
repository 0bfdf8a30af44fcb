"""Loading the programme's files: the public home of ``load_*``, ``iter_*`` and the datasets.

The code lives in :mod:`littlegiants.io.loader`, with the other edges (``littlegiants.io``: the
kinds of file, the tables, structuring, the dumps); this module re-exports its public names
(``__all__`` is that module's), so ``from littlegiants.loader import load_dataset`` keeps
working. See ``docs/loading.md``.

>>> from littlegiants import io
>>> load_rates is io.loader.load_rates
True
"""

from littlegiants.io.loader import *  # noqa: F403 - the names are io.loader's
from littlegiants.io.loader import __all__  # noqa: F401 - re-exported: this module's names
