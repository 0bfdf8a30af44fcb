"""Structuring plain data into the library's objects: the public home of the converter.

The code lives in :mod:`littlegiants.io.structuring`, with the other edges (``littlegiants.io``);
this module re-exports its public names (``__all__`` is that module's), so
``from littlegiants.structure import structure`` keeps working.

>>> from littlegiants import io
>>> structure is io.structuring.structure
True
"""

from littlegiants.io.structuring import *  # noqa: F403 - the names are io.structuring's
from littlegiants.io.structuring import __all__  # noqa: F401 - re-exported: this module's names
