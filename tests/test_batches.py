"""Tests of littlegiants.batches: the bundled MIIT batch table and its provenance."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
import tomllib
from decimal import Decimal
from importlib import resources
from typing import Any

import pytest

import littlegiants.batches as batches_module
from littlegiants.batches import (
    MIIT_BATCHES,
    Batch,
    Bound,
    Confidence,
    FigureKind,
    ReReviewRound,
    cumulative_totals,
    miit_batch,
    miit_batches,
    re_review_rounds,
    targets,
)
from littlegiants.errors import BatchesFileError, DataFileError, InvalidRecordError


def _text() -> str:
    return resources.files("littlegiants").joinpath("data", "miit_batches.toml").read_text("utf-8")


def _raw() -> dict[str, Any]:
    return tomllib.loads(_text())


def _values(batch: Batch) -> list[int]:
    return [figure.value for figure in batch.reported_sizes]


class TestTable:
    def test_seven_batches_2019_to_2025(self) -> None:
        """The table holds batches 1 to 7, one a year from 2019 (domain-facts §1.1)."""
        expected = [(n, 2018 + n) for n in range(1, 8)]
        assert expected == [(b.number, b.year) for b in miit_batches()]

    def test_module_attribute_is_the_same_tuple(self) -> None:
        """MIIT_BATCHES is the tuple miit_batches() returns."""
        assert isinstance(MIIT_BATCHES, tuple)
        assert miit_batches() == MIIT_BATCHES
        assert miit_batches() is batches_module.MIIT_BATCHES

    @pytest.mark.parametrize(
        ("number", "size", "confidence"),
        [
            (1, 248, Confidence.HIGH),
            (3, 2930, Confidence.HIGH),
            (6, 3012, Confidence.HIGH),
            (7, 3482, Confidence.MED),
        ],
    )
    def test_agreed_sizes(self, number: int, size: int, confidence: Confidence) -> None:
        """Batches whose sources agree have one size, with the row's confidence."""
        batch = miit_batch(number)
        assert size == batch.size
        assert confidence == batch.confidence

    @pytest.mark.parametrize(
        ("number", "figures", "confidence"),
        [
            (2, [1744, 1748, 1584], Confidence.LOW),
            (4, [4357, 4359, 4328], Confidence.MED),
            (5, [3671, 3673], Confidence.MED_HIGH),
        ],
    )
    def test_conflicting_sizes_keep_every_figure(
        self, number: int, figures: list[int], confidence: Confidence
    ) -> None:
        """Where sources disagree, size is None and every reported figure is kept."""
        batch = miit_batch(number)
        assert batch.size is None
        assert figures == _values(batch)
        assert confidence == batch.confidence
        assert all(f.confidence == confidence for f in batch.reported_sizes)

    def test_second_batch_conflict_is_stated(self) -> None:
        """The 2nd batch names its sources per figure and says the conflict is unresolved."""
        batch = miit_batch(2)
        by_value = {f.value: f for f in batch.reported_sizes}
        assert by_value[1744].sources[0].url == (
            "https://blog.csdn.net/m0_71334485/article/details/144058886"
        )
        assert by_value[1748].kind is FigureKind.PUBLICITY
        assert by_value[1748].sources[0].url == "http://www.anpeicn.cn/nnews.asp?vid=43316"
        assert by_value[1584].kind is FigureKind.DERIVED
        assert batch.note is not None
        assert "Unresolved" in batch.note

    def test_derived_second_batch_matches_cumulative_total(self) -> None:
        """1,584 is the end-2021 total of 4,762 less the 1st and 3rd batches."""
        end_2021 = next(t for t in cumulative_totals() if t.year == 2021)
        derived = next(f for f in miit_batch(2).reported_sizes if f.kind is FigureKind.DERIVED)
        expected = end_2021.value - miit_batch(1).reported_sizes[0].value - 2930
        assert expected == derived.value

    def test_anpeicn_figures_sum_to_its_total(self) -> None:
        """anpeicn's figures (the agreed size where it gives none) add up to its 15,970."""
        anpeicn_total = next(
            t for t in cumulative_totals() if t.value == 15970 and t.bound is Bound.EXACT
        )
        figures = [
            next(
                (
                    f.value
                    for f in b.reported_sizes
                    if any("anpeicn" in (s.url or "") for s in f.sources)
                ),
                b.size,
            )
            for b in miit_batches()[:6]
        ]
        assert anpeicn_total.value == sum(f for f in figures if f is not None)
        assert None not in figures

    def test_seventh_batch_grew_470_on_the_sixth(self) -> None:
        """The 7th batch's +470 on 2024 agrees with the 6th batch's 3,012."""
        growth = 470  # "+470, +15.60% on 2024" (kczg)
        assert growth == miit_batch(7).size - miit_batch(6).size  # type: ignore[operator]

    def test_fifth_batch_publicity_period(self) -> None:
        """The 5th batch's publicity ran 2023-07-14 to 07-20, with its source."""
        batch = miit_batch(5)
        expected = (dt.date(2023, 7, 14), dt.date(2023, 7, 20))
        assert expected == (batch.publicity_from, batch.publicity_to)
        assert batch.publicity_sources[0].url == "http://www.jxsdczjr.com/NewsShow_2916.html"

    def test_every_figure_has_a_source(self) -> None:
        """Every reported size names at least one source with a URL."""
        for batch in miit_batches():
            assert batch.sources
            for figure in batch.reported_sizes:
                assert any(s.url for s in figure.sources)

    def test_fifth_batch_3673_is_a_publicity_count(self) -> None:
        """anpeicn's 3,673 is of the same (publicity) kind as its 1,748 and 4,359 (audit §4)."""
        kinds = {f.value: f.kind for f in miit_batch(5).reported_sizes}
        assert {3671: FigureKind.REPORTED, 3673: FigureKind.PUBLICITY} == kinds

    def test_csdn_sizes_sum_to_the_publicised_12950(self) -> None:
        """CSDN's batch 1-5 sizes sum to garryr's 累计公示12,950, supporting 1,744 (audit §4)."""
        csdn = [
            next(
                f.value
                for f in b.reported_sizes
                if any("csdn" in (s.url or "") for s in f.sources) or b.size == f.value
            )
            for b in miit_batches()[:5]
        ]
        garryr = next(t for t in cumulative_totals() if t.value == 12950)
        assert ([248, 1744, 2930, 4357, 3671], garryr.value) == (csdn, sum(csdn))

    def test_batches_are_values(self) -> None:
        """Batches compare, hash and pickle by value."""
        batch = miit_batch(4)
        assert batch == pickle.loads(pickle.dumps(batch))  # noqa: S301 - our own data
        assert hash(batch) == hash(copy.deepcopy(batch))

    @pytest.mark.parametrize(
        "number", [0, 8, -1, True, "1", None, pytest.param(10**5000, id="10**5000")]
    )
    def test_unknown_batch_raises(self, number: object) -> None:
        """Asking for a batch that is not in the table raises InvalidRecordError, one that reads."""
        with pytest.raises(InvalidRecordError, match="no such MIIT batch") as info:
            miit_batch(number)  # type: ignore[arg-type]
        assert number is info.value.value


class TestReReviewsAndTotals:
    def test_re_review_outcomes(self) -> None:
        """The re-review table matches domain-facts §1.3."""
        expected = [(2022, (1,), 142), (2023, (2,), 1079), (2024, (3,), 2430), (2025, (4, 1), 3916)]
        assert expected == [(r.year, r.batches, r.passed) for r in re_review_rounds()]
        assert all(r.confidence is Confidence.MED for r in re_review_rounds())

    def test_2025_pass_rate_is_exact(self) -> None:
        """The 2025 pass rate of 87.04% is kept as an exact fraction."""
        assert Decimal("0.8704") == re_review_rounds()[-1].pass_rate
        assert re_review_rounds()[0].pass_rate is None

    def test_cumulative_totals(self) -> None:
        """The cumulative totals keep their printed form: exact, a lower bound, or rounded."""
        expected = [
            (2021, 4762, Bound.EXACT),
            (2022, 8997, Bound.EXACT),
            (2022, 9000, Bound.MORE_THAN),
            (2023, 12000, Bound.MORE_THAN),
            (2023, 12950, Bound.EXACT),
            (2024, 15970, Bound.EXACT),
            (2024, 14600, Bound.MORE_THAN),
            (2024, 14600, Bound.ROUNDED),
            (2025, 17600, Bound.ROUNDED),
        ]
        assert expected == [(t.year, t.value, t.bound) for t in cumulative_totals()]

    def test_over_9000_is_a_lower_bound_from_the_seed_article(self) -> None:
        """Shenzhen Daily's 'over 9,000' (2022) is kept as a lower bound beside the 8,997."""
        [over] = [t for t in cumulative_totals() if t.year == 2022 and t.bound is Bound.MORE_THAN]
        assert (9000, dt.date(2022, 11, 23)) == (over.value, over.sources[0].published)
        assert 8997 in [t.value for t in cumulative_totals() if t.year == 2022]

    def test_the_14th_fyp_targets(self) -> None:
        """The 14th FYP targets: 10,000 little giants, 100,000 provincial, 1,000,000 innovative."""
        expected = [
            (10000, "State-level little giants"),
            (100000, "provincial 专精特新 SMEs"),
            (1000000, "innovative SMEs"),
        ]
        assert expected == [(t.value, t.counts) for t in targets()]
        assert {(2025, Confidence.HIGH)} == {(t.by_year, t.confidence) for t in targets()}
        assert {"https://saulcontrol.com/archives/12158"} == {
            s.url for t in targets() for s in t.sources
        }

    @pytest.mark.parametrize(
        "rate", [Decimal("1.5"), Decimal("1E-70"), Decimal("NaN"), "0.5", 0.5, 1]
    )
    def test_a_pass_rate_is_a_bounded_fraction(self, rate: object) -> None:
        """A round's pass rate is a Decimal from 0 to 1 inside the bounds, or None."""
        with pytest.raises(InvalidRecordError, match="pass_rate") as info:
            ReReviewRound(
                2025, (4,), passed=1, sources=(), confidence=Confidence.HIGH, pass_rate=rate
            )
        assert rate is info.value.value

    def test_source_without_url(self) -> None:
        """A source recorded without a URL (CCTV via 参考消息) keeps its date and no URL."""
        last = cumulative_totals()[-1]
        cctv = next(s for s in last.sources if s.url is None)
        assert dt.date(2026, 1, 20) == cctv.published


class TestLoading:
    def test_loads_lazily_and_once(self) -> None:
        """The TOML is read on first access and cached afterwards."""
        batches_module._dataset.cache_clear()
        assert batches_module._dataset.cache_info().currsize == 0
        first = batches_module.MIIT_BATCHES
        assert batches_module._dataset.cache_info().currsize == 1
        assert first is batches_module.MIIT_BATCHES

    def test_unknown_attribute(self) -> None:
        """Other missing module attributes still raise AttributeError."""
        with pytest.raises(AttributeError, match="NO_SUCH_NAME"):
            _ = batches_module.NO_SUCH_NAME

    def test_bundled_file_parses(self) -> None:
        """The bundled file parses into the same table the module serves."""
        dataset = batches_module._parse_dataset(_raw(), "miit_batches.toml")
        assert miit_batches() == dataset.batches

    @pytest.mark.parametrize(
        ("path", "value", "evidence", "field"),
        [
            (("schema",), 2, "schema 1", "schema"),
            (
                ("batches", 1, "confidence"),
                "Certain",
                "confidence must be one of",
                "batches[1].confidence",
            ),
            (
                ("batches", 1, "sizes", 0, "sources"),
                ["nowhere"],
                "unknown source",
                "batches[1].sizes[0].sources",
            ),
            (("batches", 1, "sizes", 0, "value"), -1, "negative", "batches[1].sizes[0].value"),
            (
                ("batches", 1, "sizes", 0, "value"),
                "1744",
                "must be a int",
                "batches[1].sizes[0].value",
            ),
            (
                ("batches", 1, "sizes", 0, "value"),
                True,
                "must be a int",
                "batches[1].sizes[0].value",
            ),
            (
                ("batches", 1, "sizes", 0, "kind"),
                "final",
                "kind must be one of",
                "batches[1].sizes[0].kind",
            ),
            (("batches", 1, "sizes"), [], "at least one", "batches[1].sizes"),
            (("batches", 1, "number"), 3, "batch 2 expected", "batches"),
            (
                ("batches", 4, "publicity_from"),
                dt.datetime(2023, 7, 14, tzinfo=dt.UTC),
                "without a time",
                "batches[4].publicity_from",
            ),
            (
                ("re_reviews", 3, "pass_rate"),
                "1.2",
                "fraction from 0 to 1",
                "re_reviews[3].pass_rate",
            ),
            (
                ("re_reviews", 3, "pass_rate"),
                "1E-99",
                "finer than the limit",
                "re_reviews[3].pass_rate",
            ),
            (
                ("re_reviews", 3, "pass_rate"),
                "0E-999999999",
                "finer than the limit",
                "re_reviews[3].pass_rate",
            ),
            (
                ("re_reviews", 3, "pass_rate"),
                "1E-9999999999999999999",
                "exponent is beyond",
                "re_reviews[3].pass_rate",
            ),
            (("totals", 0, "bound"), "approx", "bound must be one of", "totals[0].bound"),
            (("totals", 0), "not a table", "expected a table", "totals[0]"),
        ],
    )
    def test_malformed_data_names_the_key(
        self, path: tuple[str | int, ...], value: object, evidence: str, field: str
    ) -> None:
        """Malformed data raises BatchesFileError naming the file and the key."""
        data = _raw()
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        with pytest.raises(BatchesFileError, match=evidence) as info:
            batches_module._parse_dataset(data, "miit_batches.toml")
        assert info.value.location is not None
        assert info.value.location.path == "miit_batches.toml"
        assert field == info.value.location.field

    def test_missing_field_names_the_key(self) -> None:
        """A missing required field is reported with its key."""
        data = _raw()
        del data["batches"][0]["year"]
        with pytest.raises(BatchesFileError, match="year is missing") as info:
            batches_module._parse_dataset(data, "miit_batches.toml")
        assert info.value.location is not None
        assert info.value.location.field == "batches[0].year"

    def test_a_broken_file_is_a_data_file_error_with_its_line(self) -> None:
        """A bad value in the table's text is a DataFileError naming the file, line and key."""
        text = _text().replace("number = 2\n", 'number = "2"\n', 1)
        with pytest.raises(DataFileError) as info:
            batches_module._read_dataset(text, "miit_batches.toml")
        line = text.splitlines().index('number = "2"') + 1
        assert isinstance(info.value, BatchesFileError)
        assert "Bad batches file (miit_batches.toml, line " in str(info.value)
        assert info.value.location is not None
        assert (line, "batches[1].number") == (info.value.location.line, info.value.location.field)

    def test_text_that_is_not_toml_is_a_batches_file_error(self) -> None:
        """Text that does not parse is reported as the batches file, with its line."""
        with pytest.raises(BatchesFileError, match="not valid TOML") as info:
            batches_module._read_dataset("schema = 1\n[[batches]\n", "miit_batches.toml")
        assert info.value.location is not None
        assert 2 == info.value.location.line
