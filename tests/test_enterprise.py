"""Tests of littlegiants.enterprise: identity, region, ordering of facts, relocations."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from littlegiants import (
    CreditCode,
    Designation,
    DesignationLevel,
    Enterprise,
    FinancialYear,
    InvalidCreditCodeError,
    InvalidPeriodError,
    InvalidRecordError,
    Money,
    Period,
    Region,
    Relocation,
    ReReview,
)

CODE = "91440300MA5FT4XU6G"  # made up, with a correct check character; division 440300


class TestIdentity:
    def test_region_from_the_credit_code(self) -> None:
        """Without a region, the credit code's division is the registered region."""
        firm = Enterprise("示例科技有限公司", credit_code=CODE)
        assert Region("440300") == firm.region
        assert CreditCode(CODE) == firm.credit_code
        assert CODE == firm.key

    def test_explicit_region_wins(self) -> None:
        """An explicit region is kept even when the code says otherwise."""
        assert Region("440305") == Enterprise("示例", credit_code=CODE, region="440305").region

    def test_no_code_no_region(self) -> None:
        """Many lists give names only: the region is then unknown, and the key is the name."""
        firm = Enterprise("示例科技有限公司")
        assert firm.region is None
        assert "示例科技有限公司" == firm.key

    def test_bad_credit_code_is_refused(self) -> None:
        """Credit code text is validated on the way in."""
        with pytest.raises(InvalidCreditCodeError):
            Enterprise("示例", credit_code=CODE[:-1] + "X")

    @pytest.mark.parametrize("name", ["", "   ", None, 3])
    def test_name_required(self, name: object) -> None:
        """An enterprise needs a name."""
        with pytest.raises(InvalidRecordError):
            Enterprise(name)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "name",
        ["示例科技有限公司\n", "\t示例科技有限公司", "示例\r\n", " 示例\u200b ", "\ufeff示例"],
    )
    def test_name_edges_are_visible(self, name: str) -> None:
        """A name is a key: a line break, tab or invisible character at either end is refused."""
        with pytest.raises(InvalidRecordError, match="must not start or end") as info:
            Enterprise(name)
        assert name == info.value.value

    @pytest.mark.parametrize("name", [" spaced ", 'a,"b"\nc', "a\x00b", "深圳市\u3000示例"])
    def test_names_are_otherwise_kept_as_given(self, name: str) -> None:
        """Outer spaces and characters inside a name are kept: the name is free text."""
        assert name == Enterprise(name).name

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("designations", 3),
            ("designations", [date(2022, 8, 1)]),
            ("relocations", "440305"),
            ("financials", [2022]),
            ("english_name", 3),
            ("industry", b"chips"),
            ("profile", {"years_in_niche": 3}),
        ],
    )
    def test_wrong_types_are_our_error(self, field: str, value: object) -> None:
        """Fields of the wrong type raise InvalidRecordError, not a bare TypeError."""
        with pytest.raises(InvalidRecordError, match=field.rstrip("s")):
            Enterprise("示例", **{field: value})  # type: ignore[arg-type]


class TestFacts:
    def test_order_of_input_does_not_matter(self) -> None:
        """Designations and financial years are kept sorted, so equal facts make equal firms."""
        a = Designation("municipal", date(2022, 6, 1))
        b = Designation("national", date(2023, 8, 1))
        years = [FinancialYear(2022, staff=10), FinancialYear(2021, staff=9)]
        first = Enterprise("示例", designations=[b, a], financials=years)
        second = Enterprise("示例", designations=[a, b], financials=years[::-1])
        assert first == second
        assert hash(first) == hash(second)
        assert (a, b) == first.designations

    def test_two_records_for_one_year(self) -> None:
        """Two financial records for one year raise."""
        with pytest.raises(InvalidRecordError, match="same year"):
            Enterprise("示例", financials=[FinancialYear(2022), FinancialYear(2022)])

    def test_level_on_follows_validity(self) -> None:
        """level_on gives the highest level valid that day, honouring expiry and re-review."""
        firm = Enterprise(
            "示例",
            designations=[
                Designation("provincial", date(2021, 5, 1)),
                Designation(
                    "national",
                    date(2022, 8, 1),
                    re_reviews=[ReReview(date(2025, 7, 1), passed=True)],
                ),
            ],
        )
        assert DesignationLevel.PROVINCIAL is firm.level_on(date(2022, 7, 31))
        assert DesignationLevel.NATIONAL is firm.level_on(date(2028, 7, 31))
        assert firm.level_on(date(2028, 8, 1)) is None

    def test_designations_between(self) -> None:
        """designations_between takes a Period, inclusive at both ends."""
        firm = Enterprise(
            "示例",
            designations=[
                Designation("municipal", date(2022, 1, 1)),
                Designation("national", date(2022, 12, 31)),
                Designation("provincial", date(2023, 1, 1)),
            ],
        )
        found = firm.designations_between(Period.year(2022))
        assert ["municipal", "national"] == [d.level.value for d in found]

    def test_evolve_keeps_the_rules(self) -> None:
        """attrs.evolve re-runs converters and validators."""
        firm = Enterprise("示例", region="440305")
        assert Region("440304") == attrs.evolve(firm, region="440304").region
        with pytest.raises(InvalidRecordError):
            attrs.evolve(firm, name="")

    def test_financial_year_lookup(self) -> None:
        """financial_year returns the year's figures or None."""
        figures = FinancialYear(2022, rd_expense=Money(1, "CNY"))
        firm = Enterprise("示例", financials=[figures])
        assert figures is firm.financial_year(2022)
        assert firm.financial_year(2021) is None


class TestQueries:
    @pytest.mark.parametrize("on", [None, "2023-05-01", 20230501])
    def test_region_on_needs_a_date(self, on: object) -> None:
        """region_on with anything but a date is InvalidRecordError, not bisect's TypeError."""
        firm = Enterprise("示例", relocations=[Relocation(date(2023, 5, 1), "440106", "440305")])
        with pytest.raises(InvalidRecordError, match="on must be"):
            firm.region_on(on)  # type: ignore[arg-type]

    def test_financial_year_needs_a_year(self) -> None:
        """A year that is no int (a signalling NaN would raise on ==) is InvalidRecordError."""
        from decimal import Decimal

        with pytest.raises(InvalidRecordError, match="year"):
            Enterprise("示例").financial_year(Decimal("sNaN"))  # type: ignore[arg-type]

    def test_designations_between_needs_a_period(self) -> None:
        """A window that is not a Period is InvalidPeriodError, not an AttributeError."""
        with pytest.raises(InvalidPeriodError):
            Enterprise("示例").designations_between("2022")  # type: ignore[arg-type]


class TestRelocation:
    @pytest.mark.parametrize("on", ["2023-05-01", None, 20230501])
    def test_refuses_non_dates_with_our_error(self, on: object) -> None:
        """A relocation's date is a datetime.date; anything else is InvalidRecordError."""
        with pytest.raises(InvalidRecordError, match=r"on must be a datetime\.date"):
            Relocation(on, "440106", "440305")  # type: ignore[arg-type]

    def test_region_on_follows_moves(self) -> None:
        """Before a move the firm is in from_region; from its date, in to_region."""
        firm = Enterprise(
            "示例",
            region="440106",
            relocations=[
                Relocation(date(2024, 1, 1), "440106", "310115"),
                Relocation(date(2023, 5, 1), "440305", "440106"),
            ],
        )
        assert Region("440305") == firm.region_on(date(2023, 4, 30))
        assert Region("440106") == firm.region_on(date(2023, 5, 1))
        assert Region("310115") == firm.region_on(date(2024, 6, 1))
