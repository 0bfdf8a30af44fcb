"""Structuring plain data into the library's objects: the public home of the converter.

The code lives in :mod:`littlegiants.io.structuring`, with the other edges (``littlegiants.io``);
this module re-exports its public names, so ``from littlegiants.structure import structure``
keeps working.

>>> from littlegiants import io
>>> structure is io.structuring.structure
True
"""

from littlegiants.io.structuring import (
    StructureError,
    converter,
    structure,
    structure_enterprise,
)

__all__ = [
    "StructureError",
    "converter",
    "structure",
    "structure_enterprise",
]
