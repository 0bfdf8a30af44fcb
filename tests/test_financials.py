"""Tests of littlegiants.financials: one year's figures, ratios, and the non-financial profile."""

from __future__ import annotations

import pickle
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from littlegiants._exact import DIVISION
from littlegiants.errors import (
    CurrencyMismatchError,
    DivisionByZeroError,
    InvalidRecordError,
    LittleGiantsError,
)
from littlegiants.financials import (
    Award,
    ChuangkePlacing,
    FinancialYear,
    ProductField,
    Profile,
)
from littlegiants.money import Money

MONEY_FIELDS = (
    "operating_revenue",
    "main_business_revenue",
    "rd_expense",
    "total_assets",
    "total_liabilities",
    "equity_financing",
    "rd_super_deduction",
    "central_funds_received",
)

amounts = st.decimals(
    min_value=Decimal(0), max_value=Decimal("1e12"), places=2, allow_nan=False, allow_infinity=False
)


def cny(amount: str) -> Money:
    return Money(amount, "CNY")


@st.composite
def financial_years(draw: st.DrawFn) -> FinancialYear:
    """Any consistent financial year in one currency, with figures known at random."""
    currency = draw(st.sampled_from(["CNY", "USD"]))
    figures: dict[str, object] = {}
    for name in MONEY_FIELDS:
        if draw(st.booleans()):
            figures[name] = Money(draw(amounts), currency)
    if "main_business_revenue" in figures and "operating_revenue" in figures:
        main, total = figures["main_business_revenue"], figures["operating_revenue"]
        figures["main_business_revenue"], figures["operating_revenue"] = sorted([main, total])  # type: ignore[type-var]
    staff = draw(st.none() | st.integers(0, 10_000))
    figures["staff"] = staff
    figures["rd_staff"] = draw(st.none() | st.integers(0, staff if staff is not None else 10_000))
    return FinancialYear(draw(st.integers(2000, 2030)), **figures)  # type: ignore[arg-type]


class TestFinancialYear:
    def test_everything_defaults_to_unknown(self) -> None:
        """A year with no figures has every figure None and no currency."""
        fy = FinancialYear(2022)
        assert all(getattr(fy, name) is None for name in (*MONEY_FIELDS, "staff", "rd_staff"))
        assert fy.currency is None

    def test_nothing_is_filled_in(self) -> None:
        """Knowing operating revenue does not fill in main-business revenue, and vice versa."""
        fy = FinancialYear(2022, operating_revenue=cny("100"))
        assert fy.main_business_revenue is None
        assert fy.main_business_share is None

    def test_currency(self) -> None:
        """The currency of the money figures is exposed."""
        assert FinancialYear(2022, rd_expense=Money("1", "USD")).currency == "USD"

    @pytest.mark.parametrize("name", MONEY_FIELDS)
    def test_mixed_currencies_raise(self, name: str) -> None:
        """A money figure in another currency than the rest raises CurrencyMismatchError."""
        other = "rd_expense" if name != "rd_expense" else "operating_revenue"
        with pytest.raises(CurrencyMismatchError) as info:
            FinancialYear(2022, **{other: cny("1"), name: Money("1", "USD")})  # type: ignore[arg-type]
        assert {"CNY", "USD"} == {info.value.left, info.value.right}

    @given(financial_years(), st.sampled_from(MONEY_FIELDS))
    def test_mixing_currencies_always_raises(self, fy: FinancialYear, name: str) -> None:
        """Replacing any figure of a year with one in another currency always raises."""
        foreign = "EUR"
        known = [n for n in MONEY_FIELDS if getattr(fy, n) is not None and n != name]
        if known:
            with pytest.raises(CurrencyMismatchError):
                attrs.evolve(fy, **{name: Money("0", foreign)})  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("kwargs", "evidence"),
        [
            ({"staff": 10, "rd_staff": 11}, "rd_staff cannot exceed staff"),
            ({"staff": -1}, "0 or more"),
            ({"rd_staff": True}, "whole number"),
            ({"staff": 1.0}, "whole number"),
            pytest.param({"staff": 10**10**6}, "below 1E\\+31", id="staff=10**10**6"),
            ({"rd_expense": cny("-1")}, "must not be negative"),
            ({"rd_expense": Decimal(1)}, "must be a Money"),
            ({"rd_expense": "1 CNY"}, "must be a Money"),
            (
                {"operating_revenue": cny("100"), "main_business_revenue": cny("101")},
                "cannot exceed operating_revenue",
            ),
        ],
    )
    def test_inconsistent_figures_raise(self, kwargs: dict[str, object], evidence: str) -> None:
        """Wrong types, negatives and contradictions raise InvalidRecordError."""
        with pytest.raises(InvalidRecordError, match=evidence) as info:
            FinancialYear(2022, **kwargs)  # type: ignore[arg-type]
        assert isinstance(info.value, LittleGiantsError)

    @pytest.mark.parametrize("year", [0, 10_000, True, "2022", None])
    def test_year_must_be_a_year(self, year: object) -> None:
        """The year must be a calendar year number."""
        with pytest.raises(InvalidRecordError, match="calendar year"):
            FinancialYear(year)  # type: ignore[arg-type]

    def test_figures_are_keyword_only(self) -> None:
        """Only the year is positional."""
        with pytest.raises(TypeError):
            FinancialYear(2022, cny("1"))  # type: ignore[call-arg]

    @given(financial_years())
    def test_repr_round_trips(self, fy: FinancialYear) -> None:
        """repr() shows only the known figures and evaluates back to an equal year."""
        namespace = {"FinancialYear": FinancialYear, "Money": Money}
        assert fy == eval(repr(fy), namespace)  # noqa: S307 - our own repr
        assert "None" not in repr(fy)

    @given(financial_years())
    def test_pickles(self, fy: FinancialYear) -> None:
        """A financial year survives pickling."""
        assert fy == pickle.loads(pickle.dumps(fy))  # noqa: S301 - our own data


class TestRequire:
    def test_returns_known_figures(self) -> None:
        """require returns a known money figure or head count."""
        fy = FinancialYear(2022, rd_expense=cny("4800000"), staff=120)
        assert cny("4800000") == fy.require("rd_expense")
        assert fy.require("staff") == 120

    def test_unknown_figure_says_which_and_when(self) -> None:
        """A missing figure raises InvalidRecordError naming the figure and the year."""
        with pytest.raises(InvalidRecordError) as info:
            FinancialYear(2022).require("rd_expense")
        assert info.value.reason == "rd_expense for 2022 is unknown"
        assert isinstance(info.value, ValueError)

    def test_no_such_figure_of_any_kind(self) -> None:
        """A name that is no text at all, even an int with no text form, is refused with ours."""
        with pytest.raises(InvalidRecordError, match="no figure of that name") as info:
            FinancialYear(2022).require(10**5000)  # type: ignore[call-overload]
        assert str(info.value)

    def test_no_such_figure(self) -> None:
        """A name that is not a figure raises, listing the figures."""
        with pytest.raises(InvalidRecordError, match="no figure 'profit'"):
            FinancialYear(2022).require("profit")  # type: ignore[call-overload]


class TestRatios:
    def test_rd_ratio(self) -> None:
        """R&D ratio is R&D expense over operating revenue."""
        fy = FinancialYear(2022, operating_revenue=cny("120000000"), rd_expense=cny("4800000"))
        assert Decimal("0.04") == fy.rd_ratio

    def test_main_business_share(self) -> None:
        """Main-business share is main-business revenue over operating revenue."""
        fy = FinancialYear(
            2022, operating_revenue=cny("100000000"), main_business_revenue=cny("70000000")
        )
        assert Decimal("0.7") == fy.main_business_share

    def test_debt_ratio(self) -> None:
        """Debt ratio is total liabilities over total assets, and may exceed 1."""
        fy = FinancialYear(2022, total_assets=cny("100"), total_liabilities=cny("120"))
        assert Decimal("1.2") == fy.debt_ratio

    def test_rd_staff_share_uses_the_division_context(self) -> None:
        """R&D staff share divides in the 34-digit DIVISION context."""
        fy = FinancialYear(2022, staff=3, rd_staff=1)
        assert DIVISION.divide(Decimal(1), Decimal(3)) == fy.rd_staff_share

    @pytest.mark.parametrize(
        ("kwargs", "ratio"),
        [
            ({"operating_revenue": cny("1")}, "rd_ratio"),
            ({"rd_expense": cny("1")}, "rd_ratio"),
            ({"operating_revenue": cny("1")}, "main_business_share"),
            ({"total_assets": cny("1")}, "debt_ratio"),
            ({"total_liabilities": cny("1")}, "debt_ratio"),
            ({"staff": 10}, "rd_staff_share"),
            ({"rd_staff": 1}, "rd_staff_share"),
        ],
    )
    def test_unknown_input_gives_none(self, kwargs: dict[str, object], ratio: str) -> None:
        """A ratio with an unknown input is None, not zero."""
        assert getattr(FinancialYear(2022, **kwargs), ratio) is None  # type: ignore[arg-type]

    def test_a_ratio_beyond_the_bounds_raises_ours(self) -> None:
        """A ratio past 1E+31 raises InvalidRecordError; one too fine is rounded at 1E-64."""
        fy = FinancialYear(2022, operating_revenue=cny("1E-30"), rd_expense=cny("1E+30"))
        with pytest.raises(InvalidRecordError, match="rd_ratio is outside the bounds"):
            fy.rd_ratio  # noqa: B018 - the property raises
        tiny = FinancialYear(2022, operating_revenue=cny("3E+30"), rd_expense=cny("1E-40"))
        assert Decimal(0) == tiny.rd_ratio

    @pytest.mark.parametrize(
        ("kwargs", "ratio"),
        [
            ({"operating_revenue": cny("0"), "rd_expense": cny("1")}, "rd_ratio"),
            ({"total_assets": cny("0"), "total_liabilities": cny("1")}, "debt_ratio"),
            ({"staff": 0, "rd_staff": 0}, "rd_staff_share"),
        ],
    )
    def test_zero_divisor_raises(self, kwargs: dict[str, object], ratio: str) -> None:
        """A zero divisor raises DivisionByZeroError rather than guessing a ratio."""
        with pytest.raises(DivisionByZeroError):
            getattr(FinancialYear(2022, **kwargs), ratio)  # type: ignore[arg-type]

    @given(financial_years())
    def test_shares_are_fractions(self, fy: FinancialYear) -> None:
        """Main-business and R&D-staff shares, when known, lie between 0 and 1."""
        for name in ("main_business_share", "rd_staff_share"):
            try:
                value = getattr(fy, name)
            except DivisionByZeroError:
                continue
            assert value is None or Decimal(0) <= value <= Decimal(1)


class TestProfile:
    def test_everything_defaults_to_unknown(self) -> None:
        """An empty profile knows nothing: every field is None."""
        profile = Profile()
        assert all(getattr(profile, f.name) is None for f in attrs.fields(Profile))

    def test_full_profile(self) -> None:
        """Every field accepts its documented type; sequences become tuples."""
        profile = Profile(
            years_in_niche=5,
            national_market_share=Decimal("0.12"),
            class1_ip_count=3,
            class2_ip_count=10,
            high_value_class1_ip=True,
            self_developed_class1_ip=True,
            rd_institution=True,
            rd_institution_level="provincial",
            management_certification=True,
            product_certification_developed_market=False,
            own_brand=True,
            science_awards=[Award("national", 2, 2023)],
            chuangke_placings=[ChuangkePlacing(2022, "500强")],
            main_product_field=ProductField.KEY_SOFTWARE,
            information_systems=2,
            honours=["高新技术企业"],
            supply_chain_role=True,
        )
        assert (Award("national", 2, 2023),) == profile.science_awards
        assert ("高新技术企业",) == profile.honours
        assert profile == pickle.loads(pickle.dumps(profile))  # noqa: S301 - our own data
        assert hash(profile) == hash(attrs.evolve(profile))

    def test_empty_means_known_none(self) -> None:
        """An empty tuple records that there are none, which differs from unknown."""
        assert Profile(honours=()) != Profile()
        assert Profile(honours=()).honours == ()

    def test_keyword_only(self) -> None:
        """Profile fields are keyword-only."""
        with pytest.raises(TypeError):
            Profile(5)  # type: ignore[call-arg]

    @pytest.mark.parametrize(
        ("kwargs", "evidence"),
        [
            ({"years_in_niche": -1}, "0 or more"),
            ({"national_market_share": Decimal("1.1")}, "fraction from 0 to 1"),
            ({"national_market_share": 0.12}, "fraction from 0 to 1"),
            ({"national_market_share": Decimal("NaN")}, "fraction from 0 to 1"),
            ({"class1_ip_count": 0, "high_value_class1_ip": True}, "contradicts class1_ip_count"),
            ({"class1_ip_count": 0, "self_developed_class1_ip": True}, "contradicts"),
            ({"rd_institution": False, "rd_institution_level": "national"}, "contradicts"),
            ({"rd_institution_level": "county"}, "one of municipal, national, provincial"),
            ({"own_brand": "yes"}, "True, False or None"),
            ({"main_product_field": "key_software"}, "ProductField"),
            (
                {
                    "main_product_field": ProductField.STRATEGIC_EMERGING,
                    "in_strategic_emerging_catalogue": False,
                },
                "contradicts main_product_field=strategic_emerging",
            ),
            (
                {"main_product_field": ProductField.OTHER, "in_strategic_emerging_catalogue": True},
                "contradicts main_product_field=other",
            ),
            ({"in_strategic_emerging_catalogue": "是"}, "True, False or None"),
            ({"honours": "高新技术企业"}, "sequence"),
            ({"honours": [""]}, "non-empty"),
            ({"science_awards": Award("national", 1, 2023)}, "sequence"),
            ({"science_awards": [("national", 1, 2023)]}, "must be a Award"),
            ({"chuangke_placings": ["500强"]}, "must be a ChuangkePlacing"),
            ({"science_awards": 2023}, "sequence"),
            ({"years_in_niche": 10**31}, "below 1E\\+31"),
            ({"class1_ip_count": 10**10000}, "below 1E\\+31"),
            ({"national_market_share": Decimal("1E-65")}, "outside the bounds"),
            ({"national_market_share": Decimal("0E-999999999")}, "outside the bounds"),
            ({"rd_institution_level": ["national"]}, "one of municipal"),
            ({"honours": ["高新技术企业\n"]}, "must not start or end"),
        ],
    )
    def test_invalid_profiles_raise(self, kwargs: dict[str, object], evidence: str) -> None:
        """Wrong types, ranges and contradictions raise InvalidRecordError."""
        with pytest.raises(InvalidRecordError, match=evidence):
            Profile(**kwargs)  # type: ignore[arg-type]

    def test_known_class1_count_allows_quality_flags(self) -> None:
        """High-value Class-I IP is consistent with an unknown or positive Class-I count."""
        assert Profile(high_value_class1_ip=True).high_value_class1_ip
        assert Profile(class1_ip_count=2, high_value_class1_ip=True).class1_ip_count == 2


class TestAwardsAndPlacings:
    @pytest.mark.parametrize(
        ("args", "evidence"),
        [
            (("ministerial", 1, 2023), "national, provincial"),
            (("national", 0, 2023), "1 or more"),
            (("national", -2, 2023), "1 or more"),
            (("national", None, 2023), "1 or more"),
            (("national", True, 2023), "1 or more"),
            (("national", 1, "2023"), "calendar year"),
            (({"national"}, 1, 2023), "national, provincial"),
            (("national", 10**31, 2023), "1 or more"),
        ],
    )
    def test_invalid_award(self, args: tuple[object, ...], evidence: str) -> None:
        """An award needs a known level, a rank from 1 and a year."""
        with pytest.raises(InvalidRecordError, match=evidence):
            Award(*args)  # type: ignore[arg-type]

    @pytest.mark.parametrize(("group", "top"), [("500强", 500), ("50强", 50)])
    def test_placing_top(self, group: str, top: int) -> None:
        """A placing's group reads as the size of the group reached."""
        assert top == ChuangkePlacing(2023, group).top

    @pytest.mark.parametrize("group", ["top 500", "0强", "强", "500", ""])
    def test_invalid_placing(self, group: str) -> None:
        """A group that does not read like 500强 raises."""
        with pytest.raises(InvalidRecordError, match="500强"):
            ChuangkePlacing(2023, group)

    @pytest.mark.parametrize("field", list(ProductField))
    def test_product_field_str_reads_back(self, field: ProductField) -> None:
        """str() of a field, 'ProductField.KEY_SOFTWARE', parses back to the field."""
        assert field is ProductField.parse(str(field))

    @pytest.mark.parametrize("text", ["关键软件\n", "\tkey_software", "关键\u200b软件"])
    def test_product_field_refuses_control_characters(self, text: str) -> None:
        """Outer spaces are ignored; a line break, tab or zero-width space is not."""
        with pytest.raises(InvalidRecordError):
            ProductField.parse(text)
        assert ProductField.KEY_SOFTWARE is ProductField.parse(" 关键软件 ")

    def test_product_fields(self) -> None:
        """The main-product fields mirror the criteria, plus OTHER."""
        expected = {
            "CORE_COMPONENTS",
            "KEY_SOFTWARE",
            "ADVANCED_PROCESSES",
            "KEY_MATERIALS",
            "STRATEGIC_EMERGING",
            "MANUFACTURING_POWER_KEY",
            "CYBER_POWER",
            "OTHER",
        }
        assert expected == {f.name for f in ProductField}
