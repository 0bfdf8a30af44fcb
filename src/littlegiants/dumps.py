"""Writing the programme's files: the public home of the ``dump_*`` functions.

The code lives in :mod:`littlegiants.io.dumps`, with the other edges (``littlegiants.io``); this
module re-exports its public names (``__all__`` is that module's), so
``from littlegiants.dumps import dump_dataset`` keeps working. See ``docs/loading.md``.

>>> from littlegiants import io
>>> dump_dataset is io.dumps.dump_dataset
True
"""

from littlegiants.io.dumps import *  # noqa: F403 - the public names, stated once in io.dumps
from littlegiants.io.dumps import __all__  # noqa: F401 - re-exported: this module's names
