"""Generate the shipped JSON Schemas from the definitions in code.

Run ``python -m littlegiants.schemas._generate`` after changing a kind's columns, a rule kind or
a reader's keys; a test fails until the shipped files equal what this makes.

- data kinds: :data:`littlegiants.io.kinds.KINDS` (columns, aliases, types, required groups);
- policy files: the top-level and nested key sets of :mod:`littlegiants.policy.reader` and each
  registered rule kind's :meth:`~littlegiants.policy.rules.Rule.file_keys`;
- scenario files: the key sets of :mod:`littlegiants.testing`;
- criteria files: the key sets of :mod:`littlegiants.eligibility._file`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Final

from littlegiants import testing
from littlegiants.eligibility import _file as criteria_file
from littlegiants.io import kinds as _kinds
from littlegiants.policy import reader as policy_reader
from littlegiants.policy.rules import rule_kinds

__all__ = ["generate", "main"]

_DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
_ID: Final = "https://littlegiants.invalid/schemas/"

#: The JSON types a cell of each column type may take (``null``: an empty cell).
_CELL_TYPES: Final[dict[str, list[str]]] = {
    "text": ["string"],
    "credit code": ["string"],
    "region": ["string", "integer"],
    "division": ["string", "integer"],
    "currency": ["string"],
    "money": ["string", "number"],
    "integer": ["integer", "string"],
    "batch": ["integer", "string"],
    "decimal": ["string", "number"],
    "date": ["string"],
    "period": ["string"],
    "flow": ["string"],
    "flows": ["string"],
    "count kind": ["string"],
    "level": ["string"],
    "growth": ["string", "number"],
    "boolean": ["boolean", "string"],
    "re-reviews": ["string", "array"],
    "share": ["string", "number"],
    "tier": ["string"],
    "product field": ["string"],
    "awards": ["string", "array"],
    "placings": ["string", "array"],
    "names": ["string", "array"],
}


def _kind_schema(kind: _kinds.Kind) -> dict[str, Any]:
    """One row of a data kind: each column by its name and by each alias; others are ignored."""
    properties: dict[str, Any] = {}
    for column in kind.columns:
        cell = {
            "type": [*_CELL_TYPES[column.type], "null"],
            "description": f"{column.meaning} ({_kinds.TYPES[column.type]})",
        }
        properties[column.name] = cell
        for alias in column.aliases:
            properties.setdefault(
                alias, {**cell, "description": f"= {column.name}: {cell['description']}"}
            )
    by_name = {column.name: column for column in kind.columns}
    groups = [
        {"anyOf": [{"required": [key]} for name in group for key in (name, *by_name[name].aliases)]}
        for group in kind.required
    ]
    return {
        "$schema": _DRAFT,
        "$id": f"{_ID}{kind.name}.schema.json",
        "title": f"littlegiants {kind.name} row",
        "description": (
            f"A row of a {kind.name} file ({kind.meaning}): an item of a JSON array or a line of "
            "JSON Lines. Keys are column names or their aliases; other keys are read past and "
            "reported as ignored."
        ),
        "type": "object",
        "properties": properties,
        "allOf": groups,
    }


def _table(keys: set[str] | frozenset[str], **shapes: Any) -> dict[str, Any]:  # noqa: ANN401
    """A TOML table taking exactly ``keys``; ``shapes`` gives some keys' value schemas."""
    return {
        "type": "object",
        "properties": {key: shapes.get(key, {}) for key in sorted(keys)},
        "additionalProperties": False,
    }


def _array_of(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": item}


def _one_or_many(table: dict[str, Any]) -> dict[str, Any]:
    """A table, or an array of such tables (``[scoring]`` or ``[[scoring]]``)."""
    return {"anyOf": [table, _array_of(table)]}


_TEXT: Final = {"type": "string"}
_TEXTS: Final = {"type": "array", "items": {"type": "string"}}


def _rule_schema() -> dict[str, Any]:
    """A ``[[rules]]`` table: its ``kind``, then the keys that kind takes."""
    kinds = rule_kinds()
    return {
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": sorted(kinds)}},
        "allOf": [
            {
                "if": {"properties": {"kind": {"const": word}}},
                "then": _table(cls.file_keys(), kind={"const": word}, id=_TEXT),
            }
            for word, cls in sorted(kinds.items())
        ],
    }


def _policy_schema() -> dict[str, Any]:
    r = policy_reader
    top = _table(
        r._TOP,  # noqa: SLF001 - the reader's own key sets are the definition
        **dict.fromkeys(
            ("id", "title", "title_en", "document", "issuer", "currency", "confidence"), _TEXT
        ),
        combination=_TEXT,
        combination_note=_TEXT,
        notes=_TEXTS,
        unknowns=_TEXTS,
        effective=_table(r._EFFECTIVE, note=_TEXT),  # noqa: SLF001
        sources=_array_of(_table(r._SOURCE, url=_TEXT, note=_TEXT, kind=_TEXT)),  # noqa: SLF001
        zone=_table(r._ZONE),  # noqa: SLF001
        conditions=_array_of(_table(r._CONDITION)),  # noqa: SLF001
        relations=_array_of(_table(r._RELATION)),  # noqa: SLF001
        rules=_array_of(_rule_schema()),
    )
    return {
        "$schema": _DRAFT,
        "$id": f"{_ID}policy.schema.json",
        "title": "littlegiants policy file",
        "description": "An incentive policy as dated data (docs/policy-files.md).",
        "required": ["id", "rules"],
        **top,
    }


def _scenarios_schema() -> dict[str, Any]:
    t = testing
    payment = _table(t._PAYMENT_KEYS)  # noqa: SLF001
    scenario = _table(
        t._SCENARIO_KEYS,  # noqa: SLF001
        name=_TEXT,
        expected=_table(
            t._EXPECTED_KEYS,  # noqa: SLF001
            items=_array_of(_table(t._ITEM_KEYS)),  # noqa: SLF001
        ),
        overrides=_table(t._OVERRIDE_KEYS),  # noqa: SLF001
        payments=_array_of(payment),
    )
    return {
        "$schema": _DRAFT,
        "$id": f"{_ID}scenarios.schema.json",
        "title": "littlegiants scenario file",
        "description": "Scenario tests as data: [[scenario]] tables (littlegiants.testing).",
        **_table({"scenario"}, scenario=_array_of(scenario)),
        "required": ["scenario"],
    }


def _criteria_schema() -> dict[str, Any]:
    c = criteria_file
    sources = {  # [sources.NAME] tables, named for criteria to cite
        "type": "object",
        "additionalProperties": _table(c._SOURCE, url=_TEXT, note=_TEXT),  # noqa: SLF001
    }
    readings = _array_of(_table(c._READING))  # noqa: SLF001
    top = _table(
        c._TOP,  # noqa: SLF001
        **dict.fromkeys(("id", "title", "title_en", "document", "issuer", "currency"), _TEXT),
        confidence=_TEXT,
        effective=_table(c._EFFECTIVE),  # noqa: SLF001
        superseded=_one_or_many(_table(c._SUPERSEDED)),  # noqa: SLF001
        sources=sources,
        readings=readings,
        scoring=_one_or_many(
            _table(
                c._SCORING,  # noqa: SLF001
                groups=_array_of(_table(c._GROUP)),  # noqa: SLF001
                indicators=_array_of(_table(c._INDICATOR)),  # noqa: SLF001
            )
        ),
        amendments=_one_or_many(_table(c._AMENDMENT, applies=_table(c._APPLIES))),  # noqa: SLF001
    )
    return {
        "$schema": _DRAFT,
        "$id": f"{_ID}criteria.schema.json",
        "title": "littlegiants criteria file",
        "description": "The MIIT criteria as data (docs/eligibility.md).",
        **top,
    }


def generate() -> dict[str, dict[str, Any]]:
    """Every schema, by format name, as the code defines the formats now."""
    schemas = {name: _kind_schema(kind) for name, kind in _kinds.KINDS.items()}
    schemas["policy"] = _policy_schema()
    schemas["scenarios"] = _scenarios_schema()
    schemas["criteria"] = _criteria_schema()
    return schemas


def text(schema: dict[str, Any]) -> str:
    """A schema as the shipped file holds it (sorted keys, two-space indent, final newline)."""
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main() -> None:
    """Write every schema beside this module."""
    folder = Path(__file__).parent
    for name, schema in generate().items():
        (folder / f"{name}.schema.json").write_text(text(schema), encoding="utf-8")
    sys.stdout.write(f"wrote {len(generate())} schemas to {folder}\n")


if __name__ == "__main__":
    main()
