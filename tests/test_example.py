"""Tests of the bundled example dataset: the seed article's figures, sourced, and nothing else."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

import littlegiants
from littlegiants.counts import CountKind
from littlegiants.designation import DesignationLevel
from littlegiants.dumps import dump_dataset
from littlegiants.errors import InvalidRecordError
from littlegiants.growth import Growth
from littlegiants.loader import (
    SOURCES_FILE,
    Dataset,
    MissingFileError,
    example_path,
    load_dataset,
)
from littlegiants.money import Money
from littlegiants.trade import TradeFlow

ARTICLE = "http://www.eyeshenzhen.com/content/2022-11/23/content_25472690.htm"
PUBLISHED = dt.date(2022, 11, 23)
HOSIN = "Shenzhen Hosin Global Electronics Co. Ltd."


@pytest.fixture(scope="module")
def example() -> Dataset:
    """The bundled example, loaded once."""
    return load_dataset(example_path())


class TestTheArticlesFigures:
    def test_cohort(self, example: Dataset) -> None:
        """320 little giants traded 44.64 billion yuan (US$6.24 billion) in Jan-Oct 2022, +11%."""
        [cohort] = example.aggregates
        assert (
            Money.parse("44.64 billion yuan"),
            Money.parse("US$6.24 billion"),
            Growth.parse("11%"),
            320,
            "2022-01..2022-10",
            "440300",
            None,
        ) == (
            cohort.value,
            cohort.equivalent,
            cohort.growth,
            cohort.enterprise_count,
            str(cohort.period),
            None if cohort.region is None else cohort.region.code,
            cohort.flow,
        )

    def test_hosin(self, example: Dataset) -> None:
        """Hosin imported US$99.2 million (+59%) and exported US$27.59 million (+109%)."""
        [hosin] = example.enterprises
        expected = [
            (hosin, "2022-01..2022-10", TradeFlow.IMPORT, Money("99200000", "USD"), "+59%"),
            (hosin, "2022-01..2022-10", TradeFlow.EXPORT, Money("27590000", "USD"), "+109%"),
        ]
        assert expected == [
            (r.enterprise, str(r.period), r.flow, r.value, str(r.growth))
            for r in example.trade_records
        ]
        assert (HOSIN, "440300", None, ()) == (
            hosin.name,
            None if hosin.region is None else hosin.region.code,
            hosin.credit_code,
            hosin.designations,
        )

    def test_counts(self, example: Dataset) -> None:
        """443 State-level little giants, 275 from the 4th batch, 600 expected by 2025."""
        expected = [
            (CountKind.HELD, 443, None, None),
            (CountKind.BATCH, 275, 4, None),
            (CountKind.TARGET, 600, None, dt.date(2025, 12, 31)),
        ]
        assert expected == [(c.kind, c.count, c.batch, c.by) for c in example.counts]
        assert {(DesignationLevel.NATIONAL, "440300", PUBLISHED)} == {
            (c.level, None if c.region is None else c.region.code, c.on) for c in example.counts
        }

    def test_implied_rate(self, example: Dataset) -> None:
        """The rate file holds the USD->CNY rate the cohort's two figures imply, about 7.1538."""
        [rate] = example.rates
        [cohort] = example.aggregates
        implied = cohort.implied_rate(on=PUBLISHED)
        assert ("USD", "CNY", PUBLISHED, implied.rate) == (
            rate.base,
            rate.quote,
            rate.on,
            rate.rate,
        )
        assert Decimal("7.1538") == rate.rate.quantize(Decimal("0.0001"))
        assert "derived, not published" in (rate.source or "")

    def test_the_policy(self, example: Dataset) -> None:
        """The example is read with Shenzhen's policy: 500,000 yuan for a national designation."""
        [policy] = example.policies
        budget = policy.budget({DesignationLevel.NATIONAL: 275})
        assert ("shenzhen-2022", Money("137500000", "CNY")) == (policy.id, budget)


class TestProvenance:
    def test_every_file_is_sourced(self, example: Dataset) -> None:
        """Every data file of the example has a source, the article's address and a confidence."""
        data_files = sorted(p.name for p in example_path().iterdir() if p.name != SOURCES_FILE)
        assert data_files == sorted(example.sources)
        assert {ARTICLE} == {source.url for source in example.sources.values()}
        assert all(source.confidence and source.note for source in example.sources.values())

    def test_rows_carry_their_source(self, example: Dataset) -> None:
        """Every row of a kind with a source column names its source."""
        records = [*example.trade_records, *example.aggregates, *example.counts, *example.rates]
        assert all(record.source for record in records)

    def test_what_the_article_does_not_say(self, example: Dataset) -> None:
        """The notes say what the source leaves out rather than filling it in."""
        notes = {name: source.note or "" for name, source in example.sources.items()}
        assert "no award date" in notes["enterprises.csv"]
        assert "no Chinese registered name" in notes["enterprises.csv"]
        assert "is a reading" in notes["counts.csv"]
        assert "derived" in (example.sources["rates.csv"].confidence or "")

    def test_rows_in_equal_objects_out(self, example: Dataset) -> None:
        """Every data row of the example becomes one object, and none is rejected."""
        rows = 0
        for path in example_path().glob("*.csv"):
            with path.open(encoding="utf-8", newline="") as handle:
                rows += sum(1 for _ in csv.DictReader(handle))
        assert (8, 8, 8, ()) == (rows, example.rows_read, example.objects, example.rejected)

    def test_only_the_articles_figures(self) -> None:
        """The example's sources.toml names one article and the bundled Shenzhen policy."""
        text = (example_path() / SOURCES_FILE).read_text(encoding="utf-8")
        document = tomllib.loads(text)
        assert ["shenzhen-2022"] == document["dataset"]["policies"]
        assert all(
            "Shenzhen Daily" in entry["source"] or "seed article" in entry["source"]
            for entry in document["files"].values()
        )

    def test_dump_reads_back_equal(self, example: Dataset) -> None:
        """The example's records survive a dump and a load unchanged."""
        with tempfile.TemporaryDirectory() as folder:
            dump_dataset(example, folder)
            assert example == load_dataset(folder)


class TestExamplePath:
    def test_inside_the_package(self) -> None:
        """The example is package data, installed with the library."""
        package = Path(littlegiants.__file__).parent
        assert package / "data" / "examples" / "shenzhen-2022" == example_path("shenzhen-2022")

    def test_unknown_example(self) -> None:
        """An unknown example's name is refused, listing the examples there are."""
        with pytest.raises(MissingFileError, match="the examples are: shenzhen-2022"):
            example_path("atlantis-2030")

    @pytest.mark.parametrize("name", ["../policies", "Shenzhen-2022", "", "shenzhen/2022"])
    def test_bad_name(self, name: str) -> None:
        """A name that is not an example's name never reaches the file system."""
        with pytest.raises(InvalidRecordError, match="an example's name"):
            example_path(name)
