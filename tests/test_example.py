"""Tests of the bundled example dataset: the seed article's figures, sourced, and nothing else."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

import littlegiants
from littlegiants.batches import Bound
from littlegiants.cli import main
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
        """443 in Shenzhen, 275 from the 4th batch, 600 by 2025; over 9,000 in China."""
        expected = [
            (CountKind.HELD, 443, None, None, "440300", Bound.EXACT),
            (CountKind.BATCH, 275, 4, None, "440300", Bound.EXACT),
            (CountKind.TARGET, 600, None, dt.date(2025, 12, 31), "440300", Bound.EXACT),
            (CountKind.HELD, 9000, None, None, None, Bound.MORE_THAN),
        ]
        assert expected == [
            (c.kind, c.count, c.batch, c.by, None if c.region is None else c.region.code, c.bound)
            for c in example.counts
        ]
        assert {(DesignationLevel.NATIONAL, PUBLISHED)} == {(c.level, c.on) for c in example.counts}

    def test_shenzhens_rank(self, example: Dataset) -> None:
        """'ranking the second in the country and first in Guangdong Province'."""
        ranks = [(c.count, c.national_rank, c.provincial_rank) for c in example.counts]
        assert (443, 2, 1) in ranks
        assert all((n, p) == (None, None) for count, n, p in ranks if count != 443)

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
        assert ("shenzhen-2022", Money("137500000", "CNY")) == (policy.id, budget.total)


class TestTheDemo:
    """The demo prints the example; derived values carry a stated precision, one rate date."""

    def run(self, capsys: pytest.CaptureFixture[str], fmt: str) -> dict[str, dict[str, str]]:
        assert 0 == main(["demo", "--format", fmt])
        out = capsys.readouterr().out
        rows = json.loads(out) if fmt == "json" else list(csv.DictReader(io.StringIO(out)))
        return {row["figure"].strip(): row for row in rows}

    @pytest.mark.parametrize("fmt", ["csv", "json"])
    def test_derived_values_are_rounded_to_four_significant_figures(
        self, capsys: pytest.CaptureFixture[str], fmt: str
    ) -> None:
        """44.64 billion yuan / 1.11 prints as 40220000000, not with 34 digits."""
        rows = self.run(capsys, fmt)
        earlier = rows["a year earlier (implied)"]
        assert ("40220000000", "derived; rounded to 4 significant figures") == (
            earlier["value"],
            earlier["note"],
        )
        assert "7.1538" == rows["rate USD->CNY on 2022-11-23"]["value"]

    def test_the_exact_values_stay_available_from_the_api(self, example: Dataset) -> None:
        """The API keeps the exact prior-year value and the exact rate."""
        [cohort] = example.aggregates
        assert cohort.previous is not None
        assert Decimal("40216216216.21621621621621621621622") == cohort.previous.amount
        assert example.rates[0].rate != example.rates[0].rate.quantize(Decimal("0.0001"))

    def test_one_date_for_the_implied_rate(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The implied rate is dated as in rates.csv, the article's date."""
        rows = self.run(capsys, "json")
        assert rows["implied exchange rate"]["note"].startswith("CNY per USD on 2022-11-23")

    def test_counts_say_lower_bound_and_rank(self, capsys: pytest.CaptureFixture[str]) -> None:
        """'over 9,000' is shown as a lower bound; Shenzhen's 443 with its rank."""
        rows = self.run(capsys, "csv")
        china = rows["China: national little giants, held"]
        assert ("9000", True) == (china["value"], "lower bound" in china["note"])
        assert (
            "rank 2 in China; rank 1 in its province"
            in rows["深圳市: national little giants, held"]["note"]
        )


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
        assert (9, 9, 9, ()) == (rows, example.rows_read, example.objects, example.rejected)

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
