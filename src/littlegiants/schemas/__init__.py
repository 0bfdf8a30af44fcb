"""JSON Schemas of littlegiants' file formats, shipped with the package, for editors and checks.

One schema per format: a row of each data kind (a JSON array's item, a JSON Lines line; the
columns, their Chinese aliases and what they hold, as ``docs/loading.md`` lists them), policy
files, scenario files and criteria files. They are generated from the definitions in code (the
kinds' columns, the rule kinds' classes and the readers' key sets) by
:mod:`littlegiants.schemas._generate`, and a test checks the shipped files equal what it makes
now. A schema says which keys a table takes (a misspelt key is flagged as it is typed) and the
shape of their values; the readers still check everything, with located errors.

Point an editor at them: with the *Even Better TOML* extension (taplo) in VS Code, put a
``#:schema`` comment on a policy file's first line, with the path :func:`schema_path` gives::

    #:schema /path/to/site-packages/littlegiants/schemas/policy.schema.json

>>> sorted(schema_names())[:3]
['aggregates', 'counts', 'criteria']
>>> json_schema("policy")["title"]
'littlegiants policy file'
>>> schema_path("trade").name
'trade.schema.json'
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any, Final

from littlegiants.errors import InvalidRecordError
from littlegiants.io.kinds import KINDS

__all__ = ["json_schema", "schema_names", "schema_path"]

#: The formats with a schema: the data kinds, then the three TOML formats.
_NAMES: Final = (*KINDS, "policy", "scenarios", "criteria")


def schema_names() -> tuple[str, ...]:
    """The formats that have a schema: the data kinds, ``policy``, ``scenarios``, ``criteria``."""
    return _NAMES


def schema_path(name: str) -> Path:
    """The shipped schema file of a format, for an editor's ``#:schema`` comment or settings.

    Raises:
        InvalidRecordError: no format has this name (the message lists those that do).
    """
    if name not in _NAMES:
        raise InvalidRecordError(name, "a schema is one of " + ", ".join(_NAMES))
    return Path(str(resources.files(__name__).joinpath(f"{name}.schema.json")))


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a format, as a dict.

    Raises:
        InvalidRecordError: no format has this name (the message lists those that do).
    """
    loaded: dict[str, Any] = json.loads(schema_path(name).read_text(encoding="utf-8"))
    return loaded
