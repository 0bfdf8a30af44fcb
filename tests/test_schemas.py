"""Tests of littlegiants.schemas: the shipped JSON Schemas are current and the bundled files fit."""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from littlegiants.errors import InvalidRecordError
from littlegiants.io import kinds as _schemas
from littlegiants.schemas import _generate, json_schema, schema_names, schema_path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "littlegiants" / "data"
POLICIES = sorted((DATA / "policies").rglob("*.toml"))
CRITERIA = sorted((DATA / "criteria").glob("*.toml"))
SCENARIOS = sorted((ROOT / "tests" / "scenarios").glob("*.scenarios.toml"))
EXAMPLES = ROOT / "docs" / "examples" / "loading"


def _as_taplo_reads(value: object) -> object:
    """TOML as an editor's schema check sees it: dates and times are strings."""
    if isinstance(value, dict):
        return {key: _as_taplo_reads(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_taplo_reads(item) for item in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def _toml(path: Path) -> Any:
    return _as_taplo_reads(tomllib.loads(path.read_text(encoding="utf-8")))


def _errors(schema: dict[str, Any], document: object) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


class TestShipped:
    @pytest.mark.parametrize("name", schema_names())
    def test_shipped_file_equals_what_the_generator_makes_now(self, name: str) -> None:
        """Each shipped schema is what the code's definitions give (regenerate after a change)."""
        expected = _generate.text(_generate.generate()[name])
        assert expected == schema_path(name).read_text(encoding="utf-8")

    def test_every_format_has_a_schema_and_every_schema_is_valid(self) -> None:
        """The data kinds, policy, scenarios and criteria each have a valid draft 2020-12 schema."""
        assert [*_schemas.KINDS, "policy", "scenarios", "criteria"] == list(schema_names())
        for name in schema_names():
            jsonschema.Draft202012Validator.check_schema(json_schema(name))

    def test_an_unknown_name_is_refused(self) -> None:
        """An unknown format name raises, listing the known ones."""
        with pytest.raises(InvalidRecordError, match="policy, scenarios, criteria"):
            schema_path("polices")


class TestBundledFilesFit:
    @pytest.mark.parametrize("path", POLICIES, ids=[p.stem for p in POLICIES])
    def test_bundled_policies(self, path: Path) -> None:
        """Every bundled policy file validates against the policy schema."""
        assert [] == _errors(json_schema("policy"), _toml(path))

    @pytest.mark.parametrize("path", CRITERIA, ids=[p.stem for p in CRITERIA])
    def test_bundled_criteria(self, path: Path) -> None:
        """Every bundled criteria file validates against the criteria schema."""
        assert [] == _errors(json_schema("criteria"), _toml(path))

    @pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
    def test_scenario_files(self, path: Path) -> None:
        """Every scenario file of the test suite validates against the scenarios schema."""
        assert [] == _errors(json_schema("scenarios"), _toml(path))

    @pytest.mark.parametrize("kind", list(_schemas.KINDS))
    def test_data_rows(self, kind: str) -> None:
        """Each row of the docs' example files, as a JSON row holds it, fits its kind's schema."""
        with (EXAMPLES / f"{kind}.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert rows
        for row in rows:
            assert [] == _errors(json_schema(kind), row)


class TestSchemasCatchMistakes:
    def test_a_misspelt_policy_key_is_flagged(self) -> None:
        """A misspelt key in a rule (amout) fails the schema, as the reader would refuse it."""
        rule = {"kind": "designation", "id": "x", "level": "national", "amout": "1"}
        document = {"id": "x", "rules": [rule]}
        assert ["['rules', 0]"] == [
            e.split(":")[0] for e in _errors(json_schema("policy"), document)
        ]

    def test_a_row_without_its_required_columns_is_flagged(self) -> None:
        """A designation row without a level fails; a Chinese alias counts as the column."""
        row = {"企业名称": "示例", "认定时间": "2022-08-01"}
        assert _errors(json_schema("designations"), row)
        assert [] == _errors(json_schema("designations"), {**row, "认定级别": "国家级", "序号": 1})
