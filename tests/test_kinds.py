"""Tests of littlegiants.io.kinds: a kind owns its behaviour, so a new kind is one definition."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs
import pytest

from littlegiants import io
from littlegiants.errors import InvalidArgumentError, InvalidRecordError
from littlegiants.io.kinds import (
    KINDS,
    Column,
    Issue,
    Kind,
    build_record,
    markdown_table,
    ordered,
    register,
    unregister,
)
from littlegiants.io.loader import LoadError, load_dataset

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@attrs.frozen
class Visit:
    """A site visit: the kind of record this test's own kind of file holds."""

    on: dt.date
    place: str
    note: str | None = None


attrs.resolve_types(Visit)


def _visit_cells(visit: Visit) -> dict[str, object]:
    return {"on": visit.on, "place": visit.place, "note": visit.note}


def _visit_identity(visit: Visit) -> tuple[object, str, object, str]:
    return ("visit", visit.on, visit.place), "on", str(visit.on), f"the visit to {visit.place}"


def _visit_dates(visit: Visit, as_of: dt.date) -> list[Issue]:
    if visit.on > as_of:
        return [Issue("on", str(visit.on), f"a visit after as_of={as_of}")]
    return []


#: The whole definition of a new kind of file: nothing else in the library names it.
VISITS = Kind(
    "visits",
    "visit",
    (
        Column("on", "date", ("日期", "走访日期"), "the day of the visit"),
        Column("place", "text", ("地点",), "where the visit was"),
        Column("note", "text", ("说明",), "what was seen"),
    ),
    (("on",), ("place",)),
    "one row per visit; a place is visited once a day",
    record=Visit,
    builder=build_record,
    cells=_visit_cells,
    dates=_visit_dates,
    identity=_visit_identity,
    rank=len(KINDS),
)


@pytest.fixture
def visits() -> Iterator[Kind]:
    """The visits kind, registered for one test."""
    register(VISITS)
    yield VISITS
    unregister(VISITS)


def _write(path: Path, *rows: str) -> Path:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


class TestANewKind:
    def test_loads_with_aliases_and_reports_ignored_columns(
        self, visits: Kind, tmp_path: Path
    ) -> None:
        """Chinese headers are its aliases; a column it lacks is read past and named once."""
        path = _write(tmp_path / "visits.csv", "序号,走访日期,地点", "1,2024-03-01,南山区")
        result = io.collect(path, "visits")
        assert ((Visit(dt.date(2024, 3, 1), "南山区"),), ("序号",)) == (
            result.records,
            result.ignored,
        )

    def test_rows_in_are_records_out_plus_rejections(self, visits: Kind, tmp_path: Path) -> None:
        """A bad date and a repeat are rejected at their line and column; nothing is lost."""
        path = _write(
            tmp_path / "visits.csv",
            "on,place,note",
            "2024-03-01,南山区,",
            "2024-02-30,福田区,",
            "2024-03-01,南山区,again",
        )
        result = io.collect(path, visits)
        problems = [(p.line, p.column) for row in result.rejected for p in row.problems]
        assert (3, 1, [(3, "on"), (4, "on")]) == (
            result.rows_read,
            len(result.records),
            problems,
        )

    def test_strict_load_names_the_problem(self, visits: Kind, tmp_path: Path) -> None:
        """A missing required column is a located problem of the file, naming its aliases."""
        path = _write(tmp_path / "visits.csv", "on,note", "2024-03-01,x")
        with pytest.raises(LoadError) as caught:
            io.load(path, "visits")
        assert "place (地点)" in str(caught.value)

    def test_its_dates_refuse_the_future(self, visits: Kind, tmp_path: Path) -> None:
        """The kind's own date check runs with as_of=."""
        path = _write(tmp_path / "visits.csv", "on,place", "2024-03-01,南山区")
        result = io.collect(path, "visits", as_of=dt.date(2024, 2, 1))
        [row] = result.rejected
        assert ["a visit after as_of=2024-02-01"] == [p.message for p in row.problems]

    @pytest.mark.parametrize("extension", [".csv", ".json", ".jsonl", ".toml", ".xlsx"])
    def test_dumps_and_loads_back_equal(self, visits: Kind, tmp_path: Path, extension: str) -> None:
        """Its dump writer is its cells: every format loads back equal."""
        records = [
            Visit(dt.date(2024, 3, 1), "南山区", "=1+1"),
            Visit(dt.date(2024, 3, 2), "福田区"),
        ]
        path = tmp_path / f"visits{extension}"
        assert 2 == io.dump(records, path, "visit")
        assert records == io.load(path, visits)

    def test_docs_table_and_lookup(self, visits: Kind) -> None:
        """The docs table and the lookup by table word come from the definition."""
        assert (visits, "| `on` | 日期, 走访日期 | date | yes | the day of the visit |") == (
            io.kind("visit"),
            markdown_table("visits").splitlines()[2],
        )

    def test_no_dataset_holds_it(self, visits: Kind, tmp_path: Path) -> None:
        """A kind with no place in a dataset is not a folder's file kind."""
        _write(tmp_path / "visits.csv", "on,place", "2024-03-01,南山区")
        with pytest.raises(LoadError, match="a file matching no kind"):
            load_dataset(tmp_path)


class TestRegistry:
    def test_unregistered_kind_is_unknown(self) -> None:
        """Outside the fixture the kind is gone: the verbs refuse its name."""
        with pytest.raises(InvalidRecordError):
            io.kind("visits")

    def test_a_name_is_registered_once(self, visits: Kind) -> None:
        """A second kind of a taken name (or table word) is refused."""
        with pytest.raises(InvalidArgumentError):
            register(attrs.evolve(visits))

    def test_datasets_read_enterprises_first_then_facts(self) -> None:
        """The load order: the base kind, the facts attached to it, then the rest."""
        assert ["enterprises", "designations", "relocations", "financials", "profiles"] == [
            kind.name for kind in ordered()[:5]
        ]
