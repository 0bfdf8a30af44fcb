"""Tests of littlegiants.eligibility: the criteria data, every threshold, whole firms, properties.

Run as a script (``python tests/test_eligibility.py``) to regenerate the criteria tables of
``docs/eligibility.md`` from the rule data.
"""

from __future__ import annotations

import pickle
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from littlegiants.designation import Designation
from littlegiants.eligibility import (
    Assessment,
    CriteriaNotAvailableError,
    CriteriaSet,
    CriterionResult,
    Purpose,
    Tier,
    UnknownCriterionError,
    Verdict,
    assess,
    assess_many,
    criteria_on,
    criteria_sets,
    load_criteria,
    render_criteria,
)
from littlegiants.eligibility.model import Phrase
from littlegiants.enterprise import Enterprise
from littlegiants.errors import (
    CriteriaFileError,
    CurrencyMismatchError,
    InvalidPeriodError,
    InvalidRecordError,
    LittleGiantsError,
)
from littlegiants.financials import Award, ChuangkePlacing, FinancialYear, ProductField, Profile
from littlegiants.money import Money
from littlegiants.strategies import enterprises
from littlegiants.translations import N_

PASS, FAIL, UNKNOWN = Verdict.PASS, Verdict.FAIL, Verdict.UNKNOWN
DOCS = Path(__file__).parent.parent / "docs" / "eligibility.md"
BEGIN = "<!-- BEGIN render_criteria miit-2022 en_US -->"
END = "<!-- END render_criteria miit-2022 en_US -->"
CRITERIA = load_criteria("miit-2022")
TEXT = Path(str(CRITERIA.path)).read_text(encoding="utf-8")

#: An assessment date without the 2025 notice: last year is 2023, the last 2 years 2022–2023.
AS_OF = date(2024, 6, 30)
#: An assessment date inside the 2025 notice's window: last year is 2024.
IN_2025 = date(2025, 6, 30)


def cny(text: str) -> Money:
    """Money as the sources print it, or a plain number of yuan."""
    return Money.parse(text) if not text.replace(".", "").isdigit() else Money(text, "CNY")


def splice(page: str, rendering: str) -> str:
    """Put a rendering between the generated-section markers of the docs page."""
    head, _, rest = page.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{rendering}\n{END}{tail}"


# -- a little giant that meets every criterion (as of 2024-06-30) ------------------------------

BASE_YEARS = {
    2020: {"operating_revenue": cny("1.1亿元"), "main_business_revenue": cny("9000万元")},
    2021: {"operating_revenue": cny("1.2亿元"), "main_business_revenue": cny("1亿元")},
    2022: {
        "operating_revenue": cny("1.3亿元"),
        "main_business_revenue": cny("1.05亿元"),
        "rd_expense": cny("600万元"),
        "equity_financing": cny("0元"),
    },
    2023: {
        "operating_revenue": cny("1.4亿元"),
        "main_business_revenue": cny("1.12亿元"),
        "rd_expense": cny("600万元"),
        "total_assets": cny("2亿元"),
        "total_liabilities": cny("1亿元"),
        "staff": 100,
        "rd_staff": 30,
        "equity_financing": cny("0元"),
    },
}
BASE_PROFILE = Profile(
    years_in_niche=5,
    national_market_share=Decimal("0.15"),
    class1_ip_count=3,
    class2_ip_count=5,
    high_value_class1_ip=True,
    self_developed_class1_ip=True,
    rd_institution=True,
    rd_institution_level="provincial",
    management_certification=True,
    product_certification_developed_market=False,
    own_brand=True,
    science_awards=(),
    chuangke_placings=(),
    main_product_field=ProductField.KEY_MATERIALS,
    information_systems=2,
    honours=("高新技术企业",),
    supply_chain_role=True,
    independent_legal_person=True,
    sme_by_size_rules=True,
    abnormal_operations_listed=False,
    single_champion=False,
    little_giant_control=False,
    little_giant_group_peer=False,
)


def firm(
    years: dict[int, dict[str, Any]] | None = None,
    *,
    profile: dict[str, Any] | None = None,
    base: dict[int, dict[str, Any]] | None = None,
) -> Enterprise:
    """The base firm with some years' figures and some profile facts changed."""
    chosen = BASE_YEARS if base is None else base
    figures = {year: dict(values) for year, values in chosen.items()}
    for year, values in (years or {}).items():
        figures.setdefault(year, {}).update(values)
    return Enterprise(
        "示例精密科技有限公司",
        financials=[FinancialYear(year, **values) for year, values in figures.items()],
        profile=attrs.evolve(BASE_PROFILE, **(profile or {})),
    )


def verdict_of(enterprise: Enterprise, tier: Tier, criterion: str, **kwargs: Any) -> Verdict:
    """The verdict of one criterion."""
    kwargs.setdefault("as_of", AS_OF)
    return assess(enterprise, tier, **kwargs).find(criterion).verdict


def failing_tests(assessment: Assessment) -> set[str]:
    """The single tests (not groups) that fail."""
    return {r.id for r in assessment.walk() if r.verdict is FAIL and r.combine is None}


# -- the vocabulary ----------------------------------------------------------------------------


_RANK = {FAIL: 0, UNKNOWN: 1, PASS: 2}


class TestVerdicts:
    @given(st.lists(st.sampled_from(Verdict)))
    def test_all_of_is_the_weakest(self, verdicts: list[Verdict]) -> None:
        """AND is FAIL if any fails, else UNKNOWN if any is unknown, else PASS (Kleene's min)."""
        expected = min(verdicts, key=_RANK.__getitem__, default=PASS)
        assert expected == Verdict.all_of(verdicts)

    @given(st.lists(st.sampled_from(Verdict)))
    def test_any_of_is_the_strongest(self, verdicts: list[Verdict]) -> None:
        """OR is PASS if any passes, FAIL only if all fail, else UNKNOWN (Kleene's max)."""
        expected = max(verdicts, key=_RANK.__getitem__, default=FAIL)
        assert expected == Verdict.any_of(verdicts)

    @pytest.mark.parametrize(
        ("text", "tier"),
        [
            ("little-giant", Tier.LITTLE_GIANT),
            ("小巨人", Tier.LITTLE_GIANT),
            ("  SRDI_SME ", Tier.SRDI_SME),
            ("专精特新中小企业", Tier.SRDI_SME),
            ("创新型中小企业", Tier.INNOVATIVE_SME),
            (Tier.INNOVATIVE_SME, Tier.INNOVATIVE_SME),
        ],
    )
    def test_tiers_parse(self, text: object, tier: Tier) -> None:
        """Tiers parse from their values and their English and Chinese names."""
        assert tier == Tier.parse(text)

    @pytest.mark.parametrize("junk", ["county", "", None, 3])
    def test_junk_tiers_raise(self, junk: object) -> None:
        """Anything else raises an InvalidRecordError that lists the tiers."""
        with pytest.raises(InvalidRecordError, match="little-giant"):
            Tier.parse(junk)


# -- the criteria data -------------------------------------------------------------------------


class TestCriteriaData:
    def test_bundled_set(self) -> None:
        """The bundled set is the 2022 Measures, in force 2022-06-01 to 2026-03-31."""
        assert ["miit-2022"] == [c.id for c in criteria_sets()]
        assert (date(2022, 6, 1), date(2026, 3, 31)) == (
            CRITERIA.effective_from,
            CRITERIA.effective_to,
        )
        assert CRITERIA.superseded is not None
        assert date(2026, 4, 1) == CRITERIA.superseded.effective

    def test_every_tier_has_its_criteria(self) -> None:
        """Little giants have six aspects, provincial SMEs four conditions, innovative SMEs one."""
        counts = {tier: len(CRITERIA.root(tier).children) for tier in Tier}
        assert {Tier.LITTLE_GIANT: 6, Tier.SRDI_SME: 4, Tier.INNOVATIVE_SME: 1} == counts

    def test_every_criterion_cites_a_source(self) -> None:
        """Each criterion has a URL, a confidence and either the source's words or a statement."""
        for root in CRITERIA.roots:
            for criterion in root.walk():
                assert criterion.sources, criterion.id
                assert criterion.confidence in {"High", "Med-High", "Med", "Low-Med", "Low"}
                if criterion.check is not None:
                    assert criterion.quote or criterion.text, criterion.id

    def test_every_reading_is_used(self) -> None:
        """Each reading in the file is referred to by a criterion, an indicator or an amendment."""
        used = {
            reading
            for root in CRITERIA.roots
            for criterion in root.walk()
            for reading in criterion.readings
        }
        assert CRITERIA.scoring is not None
        used |= set(CRITERIA.scoring.readings)
        used |= {r for i in CRITERIA.scoring.indicators for r in i.readings}
        used |= {r for a in CRITERIA.amendments for r in a.readings}
        used |= {r for a in CRITERIA.amendments for c in a.criteria for r in c.readings}
        assert {reading.id for reading in CRITERIA.readings} == used

    def test_thresholds_are_the_sources(self) -> None:
        """The thresholds read from the file are the ones domain-facts §2.2–2.4 quote."""
        lg = Tier.LITTLE_GIANT
        assert "3" == str(_threshold(lg, "little-giant.specialisation.niche-years"))
        assert Decimal("0.70") == _threshold(lg, "little-giant.specialisation.main-business-share")
        assert Decimal("0.05") == _threshold(lg, "little-giant.specialisation.growth")
        assert Decimal("0.70") == _threshold(lg, "little-giant.refinement.debt-ratio")
        assert Decimal("0.10") == _threshold(lg, "little-giant.distinctiveness.market-share")
        assert cny("8000万元") == _threshold(lg, "little-giant.innovation.general.rd.low.equity")
        assert cny("1000万元") == _threshold(Tier.SRDI_SME, "srdi-sme.revenue.revenue")
        assert cny("500万元") == _threshold(
            Tier.INNOVATIVE_SME, "innovative-sme.evaluation.direct.equity"
        )

    def test_scoring_adds_up_to_100(self) -> None:
        """The six indicators score 40 + 30 + 30 = 100 points."""
        assert CRITERIA.scoring is not None
        assert 6 == len(CRITERIA.scoring.indicators)
        assert {"innovation": 40, "growth": 30, "specialisation": 30} == {
            group.id: group.points for group in CRITERIA.scoring.groups
        }

    def test_unknown_id_raises(self) -> None:
        """An id that is not bundled raises CriteriaNotAvailableError, a LookupError."""
        with pytest.raises(CriteriaNotAvailableError, match="miit-2022") as caught:
            load_criteria("miit-2018")
        assert isinstance(caught.value, LookupError)


def _threshold(tier: Tier, criterion_id: str) -> object:
    for criterion in CRITERIA.root(tier).walk():
        if criterion.id == criterion_id and criterion.check is not None:
            threshold = criterion.check.threshold()
            return None if threshold is None else threshold.value
    raise AssertionError(criterion_id)


def _broken(old: str, new: str) -> str:
    assert old in TEXT, old
    return TEXT.replace(old, new, 1)


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


#: (old text, new text, what the error says): one broken rule of the format each.
BROKEN_RULES: list[tuple[str, str, str]] = [
    ('id = "miit-2022"', 'id = "MIIT 2022"', "lower-case letters"),
    ('currency = "CNY"', 'currency = "RMB"', "ISO 4217"),
    ("start = 2022-06-01", "start = 2026-06-01", "before the start"),
    ("start = 2022-06-01", 'start = "2022-06-01"', "TOML date"),
    ("end = 2026-03-31\n", "", "the day after the [effective] end"),
    ('id = "not-higher-included"', 'id = "bound-included"', "two readings"),
    ('id = "little-giant.supply-chain"', 'id = "little-giant.Supply_chain"', "dotted lower-case"),
    ('id = "little-giant.product-field"', 'id = "little-giant.supply-chain"', "two criteria"),
    (
        'id = "little-giant.distinctiveness.own-brand"',
        'id = "little-giant.distinctiveness.market-share.own-brand"',
        "is a single test",
    ),
    (
        'name_zh = "精细化"\ncombine = "all"',
        'name_zh = "精细化"\ncombine = "all"\ntest = "profile-flag"',
        "either",
    ),
    ('combine = "all"\nannex = "附件3"', 'combine = "any"\nannex = "附件3"', 'combines "all"'),
    ('field = "own_brand"', 'field = "own_brand"\nband = { below = "1元" }', "inside a band group"),
    ('field = "own_brand"', 'field = "own_brand"\nby = "operating_revenue"', "takes by"),
    ('band = { below = "5000万元" }', "band = { }", "needs at_least, below"),
    (
        'band = { at_least = "5000万元", below = "1亿元" }',
        'band = { at_least = "1亿元", below = "5000万元" }',
        "must be below",
    ),
    ('    "core_components",', '    "gold",', "a ProductField value"),
    ('names = ["高新技术企业"', 'names = [" "', "the honours' names"),
    ('at_most = "70%"', 'at_most = "70%"\nat_least = "1%"', "exactly one of"),
    ('test = "supplied-score"', 'test = "score"', "for innovative-sme only"),
    ('group = "growth"\nat_least = 15', 'group = "growht"\nat_least = 15', "expected one of"),
    ('levels = ["provincial"]', 'levels = ["county"]', "expected one of"),
    (
        'levels = ["national", "provincial"]\ntext = "A recognised',
        'levels = []\ntext = "A recognised',
        "at least one level",
    ),
    ("points = 40", "points = 45", "add up to"),
    ('measure = "field"', 'measure = "field"\nratio = "rd_ratio"', "does not take ratio"),
    (
        'bands = [\n    { points = 10, when = "strategic-emerging" },\n    { points = 5 },\n]',
        "bands = [{ points = 10 }]",
        "at least two bands",
    ),
    (
        "    { points = 5 },\n]",
        '    { points = 5, when = "strategic-emerging" },\n]',
        "the last none",
    ),
    ('{ points = 15, at_least = "3%" },', '{ points = 25, at_least = "3%" },', "strictly"),
    (
        '{ points = 20, when = "high-value-class1-ip" },',
        '{ points = 20, at_least = "5%" },',
        "bands use when",
    ),
    ('when = "class2-ip"', 'when = "class3-ip"', "expected one of"),
    ('tiers = ["little-giant"]', "tiers = []", "expected the tiers"),
    ("end = 2025-12-31", "end = 2025-01-01", "before the start"),
    (
        'criterion = "little-giant.specialisation.growth"',
        'criterion = "little-giant.growth"',
        "no criterion has this id",
    ),
    ('purposes = ["re-review"]', "purposes = []", "expected the purposes"),
    ('purposes = ["re-review"]', 'purposes = ["renewal"]', "application or re-review"),
    ('id = "little-giant.revenue-floor"', 'id = "srdi-sme.revenue-floor"', "not amended"),
    ('id = "little-giant.revenue-floor"', 'id = "revenue-floor"', "inside a tier"),
    (
        'id = "little-giant.revenue-floor"',
        'id = "little-giant.innovation.general.rd.floor"',
        "cannot add a revenue band",
    ),
    ('at_least = "100万元"', 'at_least = "100万"', "expected money such as"),
    ('at_least = "1000万元"', "at_least = 10000000", "quoted money"),
    (
        'years = 3\nlevels = ["national", "provincial"]',
        'years = 0\nlevels = ["national", "provincial"]',
        "1 or more",
    ),
    ('name_zh = "自主品牌"', "name_zh = 1", "quoted string"),
    ('readings = ["in-principle"]', 'readings = "in-principle"', "array of quoted strings"),
    ('readings = ["in-principle"]', "readings = [1]", "quoted string"),
    (
        'test = "profile-flag"\nfield = "supply_chain_role"',
        'combine = "all"',
        "at least one criterion inside",
    ),
    (
        'field = "abnormal_operations_listed"\nexpected = false',
        'field = "abnormal_operations_listed"\nexpected = "no"',
        "expected true or false",
    ),
    (
        '[[criteria]]\nid = "general"\n',
        '[[criteria]]\nid = "common"\n',
        "a root criterion is a tier",
    ),
]


class TestCriteriaFiles:
    @pytest.mark.parametrize(("old", "new", "reason"), BROKEN_RULES)
    def test_every_rule_of_the_format_is_enforced(self, old: str, new: str, reason: str) -> None:
        """Each rule of the criteria format is checked, and the error names the file."""
        with pytest.raises(CriteriaFileError, match=re.escape(reason)) as caught:
            CriteriaSet.from_toml_text(_broken(old, new), path="criteria.toml")
        assert caught.value.location is not None
        assert "criteria.toml" == caught.value.location.path

    @pytest.mark.parametrize(
        ("old", "new", "key", "reason"),
        [
            ('at_most = "70%"', "at_most = 70", "at_most", "quoted percentage"),
            ('at_least = "5000万元"', 'at_least = "5000万美元"', "at_least", "currency"),
            ('test = "mean-growth"', 'test = "mean-growht"', "test", "expected one of"),
            ('field = "own_brand"', 'field = "own_logo"', "field", "expected one of"),
            ('readings = ["in-principle"]', 'readings = ["in-principal"]', "readings", "no [["),
            ('sources = ["annex2", "annex2-025house"]', 'sources = ["annex9"]', "sources", "id"),
            ('id = "little-giant.refinement"\n', 'id = "little-giant.refinment"\n', "id", "parent"),
            (
                'years = 2\nband = { at_least = "1亿元" }',
                'years = 2\nband = { at_least = "2亿元" }',
                "criteria",
                "cover every revenue",
            ),
            (
                '{ points = 10, below = "55%" }',
                '{ points = 10, under = "55%" }',
                "bands",
                "unknown key",
            ),
            (
                'confidence = "High"\n\n[effective]',
                'confidance = "High"\n\n[effective]',
                "confidance",
                "unknown key",
            ),
        ],
    )
    def test_every_problem_is_located(self, old: str, new: str, key: str, reason: str) -> None:
        """A broken criteria file raises CriteriaFileError naming the file, the key and the line."""
        text = _broken(old, new)
        with pytest.raises(CriteriaFileError, match=re.escape(reason)) as caught:
            CriteriaSet.from_toml_text(text, path="criteria.toml")
        location = caught.value.location
        assert location is not None
        assert "criteria.toml" == location.path
        assert location.field is not None
        assert key in location.field
        assert location.line is not None

    def test_line_points_at_the_bad_key(self) -> None:
        """The line reported is the line of the offending key."""
        text = _broken('at_most = "70%"', "at_most = 70")
        with pytest.raises(CriteriaFileError) as caught:
            CriteriaSet.from_toml_text(text, path="criteria.toml")
        assert caught.value.location is not None
        assert _line_of(text, "at_most = 70") == caught.value.location.line

    def test_syntax_error_is_located(self) -> None:
        """A TOML syntax error is reported with its line."""
        with pytest.raises(CriteriaFileError, match="not valid TOML"):
            CriteriaSet.from_toml_text("id = ", path="criteria.toml")

    def test_file_round_trip(self, tmp_path: Path) -> None:
        """A copy of the bundled file reads into an equal criteria set."""
        copy = tmp_path / "copy.toml"
        copy.write_text(TEXT, encoding="utf-8")
        assert CRITERIA == CriteriaSet.from_toml(copy)


# -- dates: which criteria apply ---------------------------------------------------------------


class TestDates:
    @pytest.mark.parametrize(
        ("as_of", "available"),
        [
            (date(2022, 5, 31), False),
            (date(2022, 6, 1), True),
            (date(2026, 3, 31), True),
            (date(2026, 4, 1), False),
            (date(2030, 1, 1), False),
        ],
    )
    def test_criteria_window(self, as_of: date, available: bool) -> None:
        """The 2022 criteria apply from 2022-06-01 to 2026-03-31 and nothing applies outside."""
        if available:
            assert "miit-2022" == assess(firm(), Tier.LITTLE_GIANT, as_of=as_of).criteria_set
        else:
            with pytest.raises(CriteriaNotAvailableError):
                assess(firm(), Tier.LITTLE_GIANT, as_of=as_of)

    def test_after_the_revision_the_error_says_why(self) -> None:
        """From 2026-04-01 the error names the revised Measures and why they are not applied."""
        with pytest.raises(CriteriaNotAvailableError) as caught:
            criteria_on(date(2026, 4, 1))
        message = str(caught.value)
        assert "2026-04-01" in message
        assert "thresholds were not found" in message
        assert isinstance(caught.value, LittleGiantsError)
        assert isinstance(caught.value, LookupError)

    def test_before_the_measures_the_error_says_why(self) -> None:
        """Before 2022-06-01 the error says the earlier criteria are not bundled."""
        with pytest.raises(CriteriaNotAvailableError, match="earlier criteria are not bundled"):
            criteria_on(date(2021, 12, 31))

    def test_error_pickles(self) -> None:
        """The error survives pickling with its evidence."""
        error = CriteriaNotAvailableError(date(2026, 4, 1), "not found")
        copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
        assert (date(2026, 4, 1), "not found") == (copy.value, copy.reason)

    @pytest.mark.parametrize("as_of", [datetime(2024, 6, 30, 12, 0), "2024-06-30", None])  # noqa: DTZ001
    def test_as_of_must_be_a_date(self, as_of: object) -> None:
        """An as_of that is not a plain date raises InvalidPeriodError."""
        with pytest.raises(InvalidPeriodError):
            assess(firm(), Tier.LITTLE_GIANT, as_of=as_of)  # type: ignore[arg-type]

    def test_last_year_follows_as_of(self) -> None:
        """'上年' is the calendar year before as_of: the figures used move with the date."""
        first = assess(firm(), Tier.SRDI_SME, as_of=date(2024, 1, 1)).find(
            "srdi-sme.revenue.revenue"
        )
        second = assess(firm(), Tier.SRDI_SME, as_of=date(2023, 12, 31)).find(
            "srdi-sme.revenue.revenue"
        )
        assert [2023] == [f.year for f in first.figures]
        assert [2022] == [f.year for f in second.figures]


# -- little giants: every criterion at, below and above its threshold --------------------------

LG = Tier.LITTLE_GIANT

#: (criterion, year changes, profile changes, verdict), as of 2024-06-30 (last year 2023).
LITTLE_GIANT_EDGES: list[tuple[str, dict[int, dict[str, Any]], dict[str, Any], Verdict]] = [
    ("little-giant.specialisation.niche-years", {}, {"years_in_niche": 2}, FAIL),
    ("little-giant.specialisation.niche-years", {}, {"years_in_niche": 3}, PASS),
    ("little-giant.specialisation.niche-years", {}, {"years_in_niche": 4}, PASS),
    (
        "little-giant.specialisation.main-business-share",
        {2023: {"main_business_revenue": cny("97999999.99")}},
        {},
        FAIL,
    ),
    (
        "little-giant.specialisation.main-business-share",
        {2023: {"main_business_revenue": cny("9800万元")}},
        {},
        PASS,
    ),
    (
        "little-giant.specialisation.main-business-share",
        {2023: {"main_business_revenue": cny("98000000.01")}},
        {},
        PASS,
    ),
    # Growth 2022 over 2021: 0%; 2023 over 2022: 10% less or more a fen. Mean 5%.
    (
        "little-giant.specialisation.growth",
        {
            2022: {"main_business_revenue": cny("1亿元")},
            2023: {"main_business_revenue": cny("109999999.99")},
        },
        {},
        FAIL,
    ),
    (
        "little-giant.specialisation.growth",
        {
            2022: {"main_business_revenue": cny("1亿元")},
            2023: {"main_business_revenue": cny("1.1亿元")},
        },
        {},
        PASS,
    ),
    (
        "little-giant.specialisation.growth",
        {
            2022: {"main_business_revenue": cny("1亿元")},
            2023: {"main_business_revenue": cny("110000000.01")},
        },
        {},
        PASS,
    ),
    ("little-giant.refinement.information-systems", {}, {"information_systems": 0}, FAIL),
    ("little-giant.refinement.information-systems", {}, {"information_systems": 1}, PASS),
    ("little-giant.refinement.information-systems", {}, {"information_systems": 2}, PASS),
    (
        "little-giant.refinement.certification",
        {},
        {"management_certification": False, "product_certification_developed_market": False},
        FAIL,
    ),
    (
        "little-giant.refinement.certification",
        {},
        {"management_certification": False, "product_certification_developed_market": True},
        PASS,
    ),
    (
        "little-giant.refinement.debt-ratio",
        {2023: {"total_liabilities": cny("139999999.99")}},
        {},
        PASS,
    ),
    ("little-giant.refinement.debt-ratio", {2023: {"total_liabilities": cny("1.4亿元")}}, {}, PASS),
    (
        "little-giant.refinement.debt-ratio",
        {2023: {"total_liabilities": cny("140000000.01")}},
        {},
        FAIL,
    ),
    (
        "little-giant.distinctiveness.market-share",
        {},
        {"national_market_share": Decimal("0.0999")},
        FAIL,
    ),
    (
        "little-giant.distinctiveness.market-share",
        {},
        {"national_market_share": Decimal("0.1")},
        PASS,
    ),
    (
        "little-giant.distinctiveness.market-share",
        {},
        {"national_market_share": Decimal("0.1001")},
        PASS,
    ),
    ("little-giant.distinctiveness.own-brand", {}, {"own_brand": False}, FAIL),
    (
        "little-giant.innovation.general.class1-ip",
        {},
        {"class1_ip_count": 1, "high_value_class1_ip": None},
        FAIL,
    ),
    ("little-giant.innovation.general.class1-ip", {}, {"class1_ip_count": 2}, PASS),
    ("little-giant.innovation.general.class1-ip", {}, {"class1_ip_count": 3}, PASS),
    (
        "little-giant.innovation.general.institution",
        {},
        {"rd_institution": False, "rd_institution_level": None},
        FAIL,
    ),
    (
        "little-giant.innovation.direct.award",
        {},
        {"science_awards": [Award("national", 3, 2021)]},
        PASS,
    ),
    (
        "little-giant.innovation.direct.award",
        {},
        {"science_awards": [Award("national", 4, 2023)]},
        FAIL,
    ),
    (
        "little-giant.innovation.direct.award",
        {},
        {"science_awards": [Award("national", 1, 2020)]},
        FAIL,
    ),
    (
        "little-giant.innovation.direct.award",
        {},
        {"science_awards": [Award("provincial", 1, 2023)]},
        FAIL,
    ),
    (
        "little-giant.innovation.direct.chuangke",
        {},
        {"chuangke_placings": [ChuangkePlacing(2023, "500强")]},
        UNKNOWN,
    ),
    (
        "little-giant.innovation.direct.chuangke",
        {},
        {"chuangke_placings": [ChuangkePlacing(2023, "51强"), ChuangkePlacing(2024, "501强")]},
        UNKNOWN,
    ),
    (
        "little-giant.innovation.direct.chuangke",
        {},
        {"chuangke_placings": [ChuangkePlacing(2023, "50强")]},
        PASS,
    ),
    (
        "little-giant.innovation.direct.chuangke",
        {},
        {"chuangke_placings": [ChuangkePlacing(2023, "501强")]},
        FAIL,
    ),
    (
        "little-giant.innovation.direct.chuangke",
        {},
        {"chuangke_placings": [ChuangkePlacing(2020, "500强")]},
        FAIL,
    ),
    ("little-giant.supply-chain", {}, {"supply_chain_role": False}, FAIL),
    ("little-giant.product-field", {}, {"main_product_field": ProductField.CYBER_POWER}, PASS),
    ("little-giant.product-field", {}, {"main_product_field": ProductField.OTHER}, FAIL),
    (
        "little-giant.product-field",
        {},
        {"main_product_field": ProductField.STRATEGIC_EMERGING},
        UNKNOWN,
    ),
]


def _year(operating: str, rd: str, **more: Any) -> dict[str, Any]:
    return {
        "operating_revenue": cny(operating),
        "main_business_revenue": cny(operating),
        "rd_expense": cny(rd),
        **more,
    }


#: Revenue-band edges: (last year, the year before, chosen band, verdict of the R&D criterion).
BAND_EDGES: list[tuple[dict[str, Any], dict[str, Any], str, Verdict]] = [
    # Exactly 1亿元 is in the top band, where 3% suffices.
    (_year("1亿元", "300万元"), _year("1亿元", "300万元"), "top", PASS),
    # A fen less is in the middle band, where 3% is not enough.
    (_year("99999999.99", "2999999.9997"), _year("1亿元", "300万元"), "middle", FAIL),
    # R&D of exactly 3% in both years passes the top band; a fen short in either year fails.
    (_year("2亿元", "600万元"), _year("2亿元", "5999999.99"), "top", FAIL),
    (_year("2亿元", "5999999.99"), _year("2亿元", "600万元"), "top", FAIL),
    (_year("2亿元", "600.01万元"), _year("2亿元", "600万元"), "top", PASS),
    # Exactly 5000万元 is in the middle band, where 6% passes and a fen less fails.
    (_year("5000万元", "300万元"), _year("5000万元", "300万元"), "middle", PASS),
    (_year("5000万元", "2999999.99"), _year("5000万元", "300万元"), "middle", FAIL),
    (_year("9000万元", "540万元"), _year("5000万元", "300.01万元"), "middle", PASS),
    # A fen less is in the lowest band.
    (_year("49999999.99", "0"), _year("5000万元", "0"), "low", FAIL),
]

#: The lowest band: (equity 2022, equity 2023, R&D 2022, R&D 2023, staff, R&D staff, verdict).
LOW_BAND_EDGES: list[tuple[str, str, str, str, int, int, str, Verdict]] = [
    ("4000万元", "4000万元", "1500万元", "1500万元", 100, 50, "", PASS),
    ("4000万元", "39999999.99", "1500万元", "1500万元", 100, 50, "equity", FAIL),
    ("4000万元", "40000000.01", "1500万元", "1500万元", 100, 50, "", PASS),
    ("4000万元", "4000万元", "1500万元", "14999999.99", 100, 50, "rd-total", FAIL),
    ("4000万元", "4000万元", "1500万元", "15000000.01", 100, 50, "", PASS),
    ("4000万元", "4000万元", "1500万元", "1500万元", 100, 49, "rd-staff", FAIL),
    ("4000万元", "4000万元", "1500万元", "1500万元", 100, 51, "", PASS),
]


class TestGeneralConditions:
    @pytest.mark.parametrize(
        ("field", "value", "verdict"),
        [
            ("independent_legal_person", True, PASS),
            ("independent_legal_person", False, FAIL),
            ("independent_legal_person", None, UNKNOWN),
            ("sme_by_size_rules", False, FAIL),
            ("abnormal_operations_listed", False, PASS),
            ("abnormal_operations_listed", True, FAIL),
            ("abnormal_operations_listed", None, UNKNOWN),
        ],
    )
    def test_article_3_beside_the_verdict(
        self, field: str, value: bool | None, verdict: Verdict
    ) -> None:
        """Each Article 3 fact decides its condition; the tier's verdict does not change."""
        complete = assess(firm(), Tier.SRDI_SME, as_of=AS_OF)
        result = assess(firm(profile={field: value}), Tier.SRDI_SME, as_of=AS_OF)
        assert complete.verdict == result.verdict
        assert verdict == result.general_verdict
        assert Verdict.all_of((result.verdict, verdict)) == result.eligible
        conditions = {
            "independent_legal_person": "general.legal-person",
            "sme_by_size_rules": "general.sme",
        }
        assert verdict == result.find(conditions.get(field, "general.not-abnormal")).verdict

    @pytest.mark.parametrize(
        ("tier", "as_of", "count"),
        [
            (Tier.LITTLE_GIANT, date(2025, 6, 30), 7),
            (Tier.LITTLE_GIANT, date(2024, 6, 30), 4),
            (Tier.LITTLE_GIANT, date(2026, 1, 1), 4),
            (Tier.SRDI_SME, date(2025, 6, 30), 3),
            (Tier.INNOVATIVE_SME, date(2025, 6, 30), 3),
        ],
    )
    def test_exclusion_c_only_for_little_giants_in_the_2025_window(
        self, tier: Tier, as_of: date, count: int
    ) -> None:
        """The 2025 notice's exclusions join the general conditions of little giants in 2025."""
        assert count == len(assess(firm(), tier, as_of=as_of).general)

    @pytest.mark.parametrize(
        "field", ["single_champion", "little_giant_control", "little_giant_group_peer"]
    )
    def test_a_single_champion_is_not_recommended(self, field: str) -> None:
        """Any of exclusion (c)'s facts fails the general conditions, and with them eligibility."""
        result = assess(firm(profile={field: True}), LG, as_of=date(2025, 6, 30))
        assert (FAIL, FAIL) == (result.general_verdict, result.eligible)
        failed = [r.id for r in result.general if r.verdict is FAIL]
        assert 1 == len(failed)
        assert result.find(failed[0]).source.document == "工信厅企业函〔2025〕190号"

    def test_explained_in_both_languages(self) -> None:
        """explain() lists the general conditions after the tier's criteria."""
        result = assess(firm(profile={"abnormal_operations_listed": True}), LG, as_of=AS_OF)
        english = result.explain(locale="en_US")
        chinese = result.explain(locale="zh_CN")
        assert "General conditions (Article 3): FAIL" in english
        assert "on the abnormal-operations list: no" in english
        assert "一般条件（第三条）" in chinese


class TestLittleGiantCriteria:
    @pytest.mark.parametrize(("criterion", "years", "profile", "expected"), LITTLE_GIANT_EDGES)
    def test_thresholds(
        self,
        criterion: str,
        years: dict[int, dict[str, Any]],
        profile: dict[str, Any],
        expected: Verdict,
    ) -> None:
        """Each criterion passes at its threshold and on its right side, and fails a step off."""
        assert expected == verdict_of(firm(years, profile=profile), LG, criterion)

    @pytest.mark.parametrize(("last", "before", "band", "expected"), BAND_EDGES)
    def test_revenue_bands(
        self, last: dict[str, Any], before: dict[str, Any], band: str, expected: Verdict
    ) -> None:
        """Revenue of exactly 1亿 and 5000万 fall in the higher band; R&D of 3% and 6% pass."""
        result = assess(firm({2022: before, 2023: last}), LG, as_of=AS_OF)
        rd = result.find("little-giant.innovation.general.rd")
        assert [f"little-giant.innovation.general.rd.{band}"] == [c.id for c in rd.criteria]
        assert expected == rd.verdict

    @pytest.mark.parametrize("case", LOW_BAND_EDGES)
    def test_lowest_band(self, case: tuple[str, str, str, str, int, int, str, Verdict]) -> None:
        """Below 5000万: 8000万 of financing and 3000万 of R&D over 2 years, 50% R&D staff."""
        equity_2022, equity_2023, rd_2022, rd_2023, staff, rd_staff, fails, expected = case
        years = {
            2022: _year("3000万元", rd_2022, equity_financing=cny(equity_2022)),
            2023: _year(
                "3000万元",
                rd_2023,
                equity_financing=cny(equity_2023),
                staff=staff,
                rd_staff=rd_staff,
            ),
        }
        result = assess(firm(years), LG, as_of=AS_OF)
        low = result.find("little-giant.innovation.general.rd.low")
        assert expected == low.verdict
        failing = {c.id.rpartition(".")[2] for c in low.criteria if c.verdict is FAIL}
        assert ({fails} if fails else set()) == failing

    @pytest.mark.parametrize(
        ("equity", "expected"),
        [("8000万元", UNKNOWN), ("7999.99万元", FAIL)],
    )
    def test_unknown_revenue_shows_every_band(self, equity: str, expected: Verdict) -> None:
        """With last year's revenue unknown the bands decide only when they agree.

        2022's R&D share is 1%, so the top and middle bands fail; the lowest band passes with
        8000万 of financing, so the R&D criterion is UNKNOWN until the revenue is known.
        """
        years = {
            2022: _year("1亿元", "100万元", equity_financing=cny("0元")),
            2023: {
                "operating_revenue": None,
                "main_business_revenue": None,
                "rd_expense": cny("3000万元"),
                "equity_financing": cny(equity),
                "rd_staff": 50,
            },
        }
        rd = assess(firm(years), LG, as_of=AS_OF).find("little-giant.innovation.general.rd")
        assert ["top", "middle", "low"] == [c.id.rpartition(".")[2] for c in rd.criteria]
        assert expected == rd.verdict
        known = firm({**years, 2023: {**years[2023], "operating_revenue": cny("4000万元")}})
        chosen = assess(known, LG, as_of=AS_OF).find("little-giant.innovation.general.rd")
        assert (PASS if expected is UNKNOWN else FAIL) == chosen.verdict

    def test_a_direct_pass_replaces_the_general_conditions(self) -> None:
        """Innovation passes on a direct pass even when the general conditions fail."""
        enterprise = firm(
            profile={
                "class1_ip_count": 0,
                "high_value_class1_ip": False,
                "self_developed_class1_ip": False,
                "science_awards": [Award("national", 2, 2022)],
            }
        )
        result = assess(enterprise, LG, as_of=AS_OF)
        assert FAIL == result.find("little-giant.innovation.general").verdict
        assert PASS == result.find("little-giant.innovation").verdict

    def test_a_provincial_designation_is_not_required(self) -> None:
        """A firm with no designation can pass: being provincial first is not a criterion."""
        enterprise = firm()
        assert () == enterprise.designations
        assert PASS == assess(enterprise, LG, as_of=AS_OF).verdict

    def test_growth_needs_three_years(self) -> None:
        """The 2-year average growth needs the year before the two: without it, UNKNOWN."""
        base = {year: values for year, values in BASE_YEARS.items() if year != 2020}
        enterprise = firm(base=base)
        result = assess(enterprise, LG, as_of=date(2024, 6, 30))
        assert PASS == result.find("little-giant.specialisation.growth").verdict
        later = assess(enterprise, LG, as_of=date(2025, 3, 1))
        assert UNKNOWN == later.find("little-giant.specialisation.growth").verdict

    def test_zero_base_is_unknown(self) -> None:
        """Growth from a zero base is undefined: UNKNOWN, with a note saying so."""
        enterprise = firm({2021: {"main_business_revenue": cny("0元")}})
        result = assess(enterprise, LG, as_of=AS_OF).find("little-giant.specialisation.growth")
        assert UNKNOWN == result.verdict
        assert result.note is not None
        assert "zero" in result.note.en


class TestAuditCorrections:
    """The criteria as the 2026-12 domain audit (§3) re-read them."""

    def test_a_500_place_not_in_the_50_is_unresolved_for_little_giants(self) -> None:
        """创客中国: a 500强-but-not-50强 place is UNKNOWN for little giants, with the reason."""
        profile = {"chuangke_placings": [ChuangkePlacing(2023, "500强")]}
        result = assess(firm(profile=profile), LG, as_of=AS_OF).find(
            "little-giant.innovation.direct.chuangke"
        )
        assert UNKNOWN is result.verdict
        assert result.note is not None
        assert "which group the criteria require (50强 or 500强) is unresolved" in result.note.en

    def test_the_provincial_tier_still_takes_a_500_place(self) -> None:
        """附件2 says 500强: a 500强 place passes the provincial alternative."""
        profile = {"chuangke_placings": [ChuangkePlacing(2023, "500强")]}
        verdict = verdict_of(firm(profile=profile), SRDI, "srdi-sme.evaluation.chuangke")
        assert PASS is verdict

    @pytest.mark.parametrize(
        ("designations", "verdict", "note"),
        [
            ([Designation("provincial", date(2023, 5, 1))], PASS, None),
            ([Designation("national", date(2022, 8, 1))], PASS, None),
            ([], UNKNOWN, "no valid provincial designation is recorded on 2024-06-30"),
            ([Designation("provincial", date(2020, 5, 1))], UNKNOWN, "no valid provincial"),
            ([Designation("municipal", date(2023, 5, 1))], UNKNOWN, "only a municipal designation"),
        ],
    )
    def test_the_annual_notices_gate_is_reported_beside_an_application(
        self, designations: list[Designation], verdict: Verdict, note: str | None
    ) -> None:
        """Applicants are provincial 专精特新 SMEs (annual notices): checked, never assumed."""
        applicant = attrs.evolve(firm(), designations=designations)
        result = assess(applicant, LG, as_of=AS_OF)
        gate = result.find("general.provincial-sme")
        assert (verdict, gate in result.general) == (gate.verdict, True)
        assert note is None or (gate.note is not None and note in gate.note.en)
        assert result.verdict is PASS  # the tier's verdict is the criteria of 附件3 alone

    def test_the_gate_concerns_applications_and_the_notices_only(self) -> None:
        """Not for re-reviews, not before the first annual notice (2022-06-15), not other tiers."""
        ids = {r.id for r in assess(firm(), LG, as_of=AS_OF, purpose="re-review").walk()}
        assert "general.provincial-sme" not in ids
        early = assess(firm(), LG, as_of=date(2022, 6, 14))
        assert "general.provincial-sme" not in {r.id for r in early.walk()}
        assert "general.provincial-sme" not in {
            r.id for r in assess(firm(), SRDI, as_of=AS_OF).walk()
        }

    def test_the_implementation_date_is_in_the_notes(self) -> None:
        """The Measures were implemented from 2022-08-01; the note says so and why 06-01 is kept."""
        note = " ".join((CRITERIA.effective_note or "").split())
        assert "implemented from 2022-08-01" in note
        assert "applies them from the date of the Measures, 2022-06-01" in note

    def test_the_scored_period_is_quoted_not_read(self) -> None:
        """上年度 is the text's own word for the scored figures (bet333ios4 and other mirrors)."""
        assert CRITERIA.scoring is not None
        quotes = {i.id: i.quote for i in CRITERIA.scoring.indicators}
        assert all(quotes[i].startswith("上年度") for i in ("rd-share", "revenue-growth"))
        assert all(quotes[i].startswith("上年度") for i in ("debt-ratio", "main-business-share"))
        assert "scored-period" not in {reading.id for reading in CRITERIA.readings}


class TestNotice2025:
    def firm_2025(self, revenue: str, **profile: Any) -> Enterprise:
        """The base firm moved a year on, with last year's (2024) revenue set."""
        years = {year + 1: dict(values) for year, values in BASE_YEARS.items()}
        years[2024].update(
            operating_revenue=cny(revenue),
            main_business_revenue=cny(revenue),
            rd_expense=cny(revenue) * Decimal("0.06"),
        )
        years[2023].update(rd_expense=cny("1.3亿元") * Decimal("0.06"))
        return firm(base=years, profile=profile)

    @pytest.mark.parametrize("purpose", ["application", "re-review"])
    @pytest.mark.parametrize(
        ("revenue", "expected"),
        [("49999999.99", FAIL), ("5000万元", PASS), ("50000000.01", PASS)],
    )
    def test_revenue_floor(self, revenue: str, expected: Verdict, purpose: str) -> None:
        """In 2025 neither applications nor re-reviews are taken below 5000万元 of revenue."""
        enterprise = self.firm_2025(revenue)
        found = verdict_of(
            enterprise, LG, "little-giant.revenue-floor", as_of=IN_2025, purpose=purpose
        )
        assert expected == found

    @pytest.mark.parametrize(
        ("as_of", "applies"),
        [
            (date(2025, 5, 13), False),
            (date(2025, 5, 14), True),
            (date(2025, 12, 31), True),
            (date(2026, 1, 1), False),
        ],
    )
    def test_window(self, as_of: date, applies: bool) -> None:
        """The notice applies to little-giant assessments dated 2025-05-14 to 2025-12-31."""
        result = assess(self.firm_2025("4000万元"), LG, as_of=as_of)
        assert applies == ("工信厅企业函〔2025〕190号" in result.amendments)
        ids = {r.id for r in result.walk()}
        assert applies == ("little-giant.revenue-floor" in ids)

    @pytest.mark.parametrize("tier", [Tier.SRDI_SME, Tier.INNOVATIVE_SME])
    def test_other_tiers_are_not_amended(self, tier: Tier) -> None:
        """The notice concerns little giants only."""
        assert () == assess(self.firm_2025("4000万元"), tier, as_of=IN_2025).amendments

    @pytest.mark.parametrize(
        ("as_of", "purpose", "expected"),
        [
            (IN_2025, "re-review", PASS),
            (IN_2025, "application", FAIL),
            (date(2024, 6, 30), "re-review", FAIL),
        ],
    )
    def test_growth_waived_for_re_reviews(
        self, as_of: date, purpose: str, expected: Verdict
    ) -> None:
        """The 5% growth test is waived for 2025 re-reviews, not for applications or other years."""
        shrinking = {year: {"main_business_revenue": cny("1亿元")} for year in range(2020, 2025)}
        shrinking[as_of.year - 1] = {"main_business_revenue": cny("9000万元")}
        enterprise = firm(shrinking)
        result = assess(enterprise, LG, as_of=as_of, purpose=purpose).find(
            "little-giant.specialisation.growth"
        )
        assert expected == result.verdict
        assert (expected is PASS) == (result.waived_by == "工信厅企业函〔2025〕190号")


# -- provincial 专精特新 SMEs ----------------------------------------------------------------------

SRDI = Tier.SRDI_SME


def _srdi(
    *,
    revenue: str = "2000万元",
    rd: str = "100万元",
    rd_before: str = "100万元",
    equity: str = "0元",
    equity_before: str = "0元",
    **profile: Any,
) -> Enterprise:
    """A small firm for the provincial tier: figures for 2022 and 2023 only."""
    years = {
        2022: {
            "operating_revenue": cny("1800万元"),
            "rd_expense": cny(rd_before),
            "equity_financing": cny(equity_before),
        },
        2023: {
            "operating_revenue": cny(revenue),
            "rd_expense": cny(rd),
            "equity_financing": cny(equity),
        },
    }
    return firm(years, profile={"years_in_niche": 3, **profile}, base={})


#: (criterion, firm, score, verdict), as of 2024-06-30.
SRDI_EDGES: list[tuple[str, Enterprise, int | None, Verdict]] = [
    ("srdi-sme.niche-years", _srdi(years_in_niche=1), None, FAIL),
    ("srdi-sme.niche-years", _srdi(years_in_niche=2), None, PASS),
    ("srdi-sme.niche-years", _srdi(years_in_niche=3), None, PASS),
    ("srdi-sme.rd.expense", _srdi(rd="999999.99"), None, FAIL),
    ("srdi-sme.rd.expense", _srdi(rd="100万元"), None, PASS),
    ("srdi-sme.rd.expense", _srdi(rd="1000000.01"), None, PASS),
    ("srdi-sme.rd.share", _srdi(revenue="1000万元", rd="299999.99"), None, FAIL),
    ("srdi-sme.rd.share", _srdi(revenue="1000万元", rd="30万元"), None, PASS),
    ("srdi-sme.rd.share", _srdi(revenue="1000万元", rd="300000.01"), None, PASS),
    ("srdi-sme.revenue", _srdi(revenue="9999999.99", rd="100万元"), None, FAIL),
    ("srdi-sme.revenue", _srdi(revenue="1000万元"), None, PASS),
    ("srdi-sme.revenue", _srdi(revenue="10000000.01"), None, PASS),
    (
        "srdi-sme.revenue",
        _srdi(revenue="900万元", equity="1000万元", equity_before="9999999.99"),
        None,
        FAIL,
    ),
    (
        "srdi-sme.revenue",
        _srdi(revenue="900万元", equity="1000万元", equity_before="1000万元"),
        None,
        PASS,
    ),
    (
        "srdi-sme.revenue",
        _srdi(revenue="900万元", equity="1000万元", equity_before="10000000.01"),
        None,
        PASS,
    ),
    ("srdi-sme.evaluation.score", _srdi(), 59, FAIL),
    ("srdi-sme.evaluation.score", _srdi(), 60, PASS),
    ("srdi-sme.evaluation.score", _srdi(), 61, PASS),
    ("srdi-sme.evaluation.score", _srdi(), None, UNKNOWN),
    (
        "srdi-sme.evaluation.provincial-award",
        _srdi(science_awards=[Award("provincial", 3, 2023)]),
        None,
        PASS,
    ),
    (
        "srdi-sme.evaluation.provincial-award",
        _srdi(science_awards=[Award("provincial", 4, 2023)]),
        None,
        FAIL,
    ),
    (
        "srdi-sme.evaluation.national-award",
        _srdi(science_awards=[Award("national", 5, 2021)]),
        None,
        PASS,
    ),
    (
        "srdi-sme.evaluation.national-award",
        _srdi(science_awards=[Award("national", 6, 2021)]),
        None,
        FAIL,
    ),
    ("srdi-sme.evaluation.rd-average", _srdi(rd="1000万元", rd_before="9999999.99"), None, FAIL),
    ("srdi-sme.evaluation.rd-average", _srdi(rd="1000万元", rd_before="1000万元"), None, PASS),
    ("srdi-sme.evaluation.rd-average", _srdi(rd="1100万元", rd_before="900万元"), None, PASS),
    (
        "srdi-sme.evaluation.equity",
        _srdi(equity="3000万元", equity_before="29999999.99"),
        None,
        FAIL,
    ),
    ("srdi-sme.evaluation.equity", _srdi(equity="3000万元", equity_before="3000万元"), None, PASS),
    (
        "srdi-sme.evaluation.equity",
        _srdi(equity="3000万元", equity_before="30000000.01"),
        None,
        PASS,
    ),
    (
        "srdi-sme.evaluation.chuangke",
        _srdi(chuangke_placings=[ChuangkePlacing(2021, "500强")]),
        None,
        PASS,
    ),
    (
        "srdi-sme.evaluation.chuangke",
        _srdi(chuangke_placings=[ChuangkePlacing(2024, "500强")]),
        None,
        FAIL,
    ),
]


class TestProvincialCriteria:
    @pytest.mark.parametrize(("criterion", "enterprise", "score", "expected"), SRDI_EDGES)
    def test_thresholds(
        self, criterion: str, enterprise: Enterprise, score: int | None, expected: Verdict
    ) -> None:
        """Each condition passes at its threshold and fails a step below it."""
        assert expected == verdict_of(enterprise, SRDI, criterion, score=score)

    def test_score_or_an_alternative(self) -> None:
        """Without a score the fourth condition is UNKNOWN, unless an alternative passes."""
        assert UNKNOWN == verdict_of(_srdi(), SRDI, "srdi-sme.evaluation")
        equity = _srdi(equity="6000万元")
        assert PASS == verdict_of(equity, SRDI, "srdi-sme.evaluation")

    @pytest.mark.parametrize("score", [Decimal("60.5"), 100, 0])
    def test_scores_in_range_are_accepted(self, score: Decimal | int) -> None:
        """Scores from 0 to 100, as int or Decimal, are accepted."""
        assert isinstance(assess(_srdi(), SRDI, as_of=AS_OF, score=score), Assessment)

    @pytest.mark.parametrize(
        ("tier", "score"),
        [
            (SRDI, 60.0),
            (SRDI, 101),
            (SRDI, True),
            (SRDI, "60"),
            (LG, 60),
            (Tier.INNOVATIVE_SME, 60),
        ],
    )
    def test_bad_scores_raise(self, tier: Tier, score: object) -> None:
        """A float, out-of-range or text score, or a score for another tier, raises."""
        with pytest.raises(InvalidRecordError, match="score"):
            assess(_srdi(), tier, as_of=AS_OF, score=score)  # type: ignore[arg-type]


# -- innovative SMEs: the six indicators and the pass rule -------------------------------------

INNOVATIVE = Tier.INNOVATIVE_SME
DIRECT = "innovative-sme.evaluation.direct"


def _points(enterprise: Enterprise, indicator: str) -> tuple[int, int]:
    score = assess(enterprise, INNOVATIVE, as_of=AS_OF).score
    assert score is not None
    found = next(i for i in score.indicators if i.id == indicator)
    return found.low, found.high


def _ratio_year(name: str, fraction: str) -> dict[int, dict[str, Any]]:
    """Last year's (2023) figures giving a share of exactly ``fraction``."""
    share = Decimal(fraction)
    if name == "rd-share":
        return {2023: {"rd_expense": cny("1.4亿元") * share}}
    if name == "main-business-share":
        return {2023: {"main_business_revenue": cny("1.4亿元") * share}}
    return {2023: {"total_liabilities": cny("2亿元") * share}}


INDICATOR_EDGES: list[tuple[str, str, int]] = [
    ("rd-share", "0.05", 20),
    ("rd-share", "0.0499", 15),
    ("rd-share", "0.03", 15),
    ("rd-share", "0.0299", 10),
    ("rd-share", "0.02", 10),
    ("rd-share", "0.01", 5),
    ("rd-share", "0.0099", 0),
    ("debt-ratio", "0.5499", 10),
    ("debt-ratio", "0.55", 5),
    ("debt-ratio", "0.75", 5),
    ("debt-ratio", "0.7501", 0),
    ("main-business-share", "0.7", 20),
    ("main-business-share", "0.6999", 15),
    ("main-business-share", "0.6", 15),
    ("main-business-share", "0.55", 10),
    ("main-business-share", "0.5", 5),
    ("main-business-share", "0.4999", 0),
]

GROWTH_EDGES: list[tuple[str, int]] = [
    ("1.15", 20),
    ("1.1499", 15),
    ("1.10", 15),
    ("1.05", 10),
    ("1.0499", 5),
    ("1", 5),
    ("0.9999", 0),
]

IP_EDGES: list[tuple[dict[str, Any], tuple[int, int]]] = [
    ({}, (20, 20)),
    ({"high_value_class1_ip": False}, (15, 15)),
    ({"high_value_class1_ip": False, "self_developed_class1_ip": False}, (10, 10)),
    (
        {"class1_ip_count": 0, "high_value_class1_ip": None, "self_developed_class1_ip": None},
        (5, 5),
    ),
    (
        {
            "class1_ip_count": 0,
            "class2_ip_count": 0,
            "high_value_class1_ip": None,
            "self_developed_class1_ip": None,
        },
        (0, 0),
    ),
    ({"high_value_class1_ip": None}, (15, 20)),
    (
        {"class1_ip_count": None, "high_value_class1_ip": None, "self_developed_class1_ip": None},
        (5, 20),
    ),
]


def _scored(
    ip: int, rd: str, prior: str, debt: str, *, field: ProductField, share: str
) -> Enterprise:
    """A firm whose indicators score the bands asked for, with no direct pass.

    ``ip`` is 20, 10 or 5 points; ``rd``, ``debt`` and ``share`` are last year's shares; ``prior``
    is the year before's main-business revenue as a fraction of last year's (0.8 is +25%).
    """
    ip_facts = {
        20: {},
        10: {"high_value_class1_ip": False, "self_developed_class1_ip": False},
        5: {"class1_ip_count": 0, "high_value_class1_ip": False, "self_developed_class1_ip": False},
    }[ip]
    revenue = cny("1.4亿元")
    main = revenue * Decimal(share)
    years = {
        2022: {"operating_revenue": revenue, "main_business_revenue": main * Decimal(prior)},
        2023: {
            "operating_revenue": revenue,
            "main_business_revenue": main,
            "rd_expense": revenue * Decimal(rd),
            "total_liabilities": cny("2亿元") * Decimal(debt),
        },
    }
    profile = {"main_product_field": field, "honours": (), "rd_institution_level": "municipal"}
    return firm(years, profile={**profile, **ip_facts})


class TestInnovativeCriteria:
    @pytest.mark.parametrize(("indicator", "fraction", "points"), INDICATOR_EDGES)
    def test_ratio_bands(self, indicator: str, fraction: str, points: int) -> None:
        """Each band's lower bound is in the band; debt's 55% and 75% score 5."""
        assert (points, points) == _points(firm(_ratio_year(indicator, fraction)), indicator)

    @pytest.mark.parametrize(("factor", "points"), GROWTH_EDGES)
    def test_growth_bands(self, factor: str, points: int) -> None:
        """Main-business revenue growth of 15%, 10%, 5% and 0% are band edges."""
        years = {
            2022: {"main_business_revenue": cny("1亿元")},
            2023: {"main_business_revenue": cny("1亿元") * Decimal(factor)},
        }
        assert (points, points) == _points(firm(years), "revenue-growth")

    @pytest.mark.parametrize(("profile", "points"), IP_EDGES)
    def test_ip_bands(self, profile: dict[str, Any], points: tuple[int, int]) -> None:
        """IP scores its highest band; unknown facts give a range of points."""
        assert points == _points(firm(profile=profile), "ip")

    @pytest.mark.parametrize(
        ("field", "points"),
        [
            (ProductField.STRATEGIC_EMERGING, (10, 10)),
            (ProductField.OTHER, (5, 5)),
            (ProductField.KEY_MATERIALS, (5, 10)),
            (None, (5, 10)),
        ],
    )
    def test_field_band(self, field: ProductField | None, points: tuple[int, int]) -> None:
        """A strategic emerging product scores 10, another 5, and an undecided field 5 to 10."""
        assert points == _points(firm(profile={"main_product_field": field}), "product-field")

    @pytest.mark.parametrize("field", [None, ProductField.KEY_MATERIALS, ProductField.CYBER_POWER])
    @pytest.mark.parametrize(("in_catalogue", "points"), [(True, (10, 10)), (False, (5, 5))])
    def test_catalogue_flag_decides_the_field_band(
        self, field: ProductField | None, in_catalogue: bool, points: tuple[int, int]
    ) -> None:
        """A listed field is 5 to 10 alone; stating the catalogue membership decides it."""
        profile = {"main_product_field": field, "in_strategic_emerging_catalogue": in_catalogue}
        assert points == _points(firm(profile=profile), "product-field")
        little_giant = verdict_of(
            firm(profile=profile), Tier.LITTLE_GIANT, "little-giant.product-field"
        )
        assert little_giant == (Verdict.UNKNOWN if field is None else Verdict.PASS)

    @pytest.mark.parametrize(
        ("enterprise", "total", "failing", "expected"),
        [
            # 20 + 15 + 25 = 60 with every group at its minimum or above: pass.
            (
                _scored(10, "0.02", "0.95", "0.6", field=ProductField.OTHER, share="0.7"),
                60,
                "",
                PASS,
            ),
            # 20 + 15 + 20 = 55: the total alone fails.
            (
                _scored(10, "0.02", "0.95", "0.6", field=ProductField.OTHER, share="0.6"),
                55,
                "total",
                FAIL,
            ),
            # 20 + 15 + 30 = 65.
            (
                _scored(
                    10, "0.02", "0.95", "0.6", field=ProductField.STRATEGIC_EMERGING, share="0.7"
                ),
                65,
                "",
                PASS,
            ),
            # Innovation 15, a step under 20, with 75 in total.
            (
                _scored(
                    10, "0.01", "0.8", "0.5", field=ProductField.STRATEGIC_EMERGING, share="0.7"
                ),
                75,
                "innovation",
                FAIL,
            ),
            # Innovation 25.
            (
                _scored(
                    20, "0.01", "0.8", "0.5", field=ProductField.STRATEGIC_EMERGING, share="0.7"
                ),
                85,
                "",
                PASS,
            ),
            # Growth 10, a step under 15 (growth 0%: 5, debt 60%: 5).
            (
                _scored(20, "0.05", "1", "0.6", field=ProductField.STRATEGIC_EMERGING, share="0.7"),
                80,
                "growth",
                FAIL,
            ),
            # Growth 15 (growth 0%: 5, debt 50%: 10).
            (
                _scored(20, "0.05", "1", "0.5", field=ProductField.STRATEGIC_EMERGING, share="0.7"),
                85,
                "",
                PASS,
            ),
            # Specialisation 10, a step under 15; then 15.
            (
                _scored(20, "0.05", "0.8", "0.5", field=ProductField.OTHER, share="0.5"),
                80,
                "specialisation",
                FAIL,
            ),
            (
                _scored(20, "0.05", "0.8", "0.5", field=ProductField.OTHER, share="0.55"),
                85,
                "",
                PASS,
            ),
        ],
    )
    def test_pass_rule(
        self, enterprise: Enterprise, total: int, failing: str, expected: Verdict
    ) -> None:
        """60 points in total, with innovation ≥ 20, growth ≥ 15 and specialisation ≥ 15."""
        result = assess(enterprise, INNOVATIVE, as_of=AS_OF)
        assert result.score is not None
        assert total == result.score.total
        score = result.find("innovative-sme.evaluation.score")
        assert expected == score.verdict
        failed = {c.id.rpartition(".")[2] for c in score.criteria if c.verdict is FAIL}
        assert ({failing} if failing else set()) == failed

    @pytest.mark.parametrize(
        ("profile", "expected"),
        [
            ({"science_awards": [Award("provincial", 9, 2021)]}, PASS),
            ({"science_awards": [Award("provincial", 1, 2020)]}, FAIL),
            ({"science_awards": None}, UNKNOWN),
        ],
    )
    def test_direct_award(self, profile: dict[str, Any], expected: Verdict) -> None:
        """Any national or provincial award in the last 3 years is a direct pass."""
        assert expected == verdict_of(firm(profile=profile), INNOVATIVE, f"{DIRECT}.award")

    @pytest.mark.parametrize(
        ("honours", "expected"),
        [
            (("国家高新技术企业",), PASS),
            (("国家知识产权示范企业",), PASS),
            (("专精特新中小企业",), UNKNOWN),
            ((), FAIL),
            (None, UNKNOWN),
        ],
    )
    def test_direct_honour(self, honours: tuple[str, ...] | None, expected: Verdict) -> None:
        """A named honour passes; none fails; an honour the text does not name is undecided."""
        enterprise = firm(profile={"honours": honours})
        assert expected == verdict_of(enterprise, INNOVATIVE, f"{DIRECT}.honour")

    @pytest.mark.parametrize(
        ("institution", "level", "expected"),
        [
            (True, "national", PASS),
            (True, "provincial", PASS),
            (True, "municipal", FAIL),
            (False, None, FAIL),
            (True, None, UNKNOWN),
            (None, None, UNKNOWN),
        ],
    )
    def test_direct_institution(
        self, institution: bool | None, level: str | None, expected: Verdict
    ) -> None:
        """An R&D institution recognised at provincial level or above is a direct pass."""
        enterprise = firm(profile={"rd_institution": institution, "rd_institution_level": level})
        assert expected == verdict_of(enterprise, INNOVATIVE, f"{DIRECT}.institution")

    @pytest.mark.parametrize(
        ("equity", "expected"),
        [
            (("0元", "0元", "4999999.99"), FAIL),
            (("0元", "0元", "500万元"), PASS),
            (("100万元", "200万元", "200.01万元"), PASS),
            ((None, None, "500万元"), PASS),
            ((None, "0元", "499万元"), UNKNOWN),
        ],
    )
    def test_direct_equity(self, equity: tuple[str | None, ...], expected: Verdict) -> None:
        """500万元 of equity over 3 years passes, even when an earlier year is unknown."""
        years = {
            year: {"equity_financing": None if value is None else cny(value)}
            for year, value in zip((2021, 2022, 2023), equity, strict=True)
        }
        assert expected == verdict_of(firm(years), INNOVATIVE, f"{DIRECT}.equity")


# -- whole firms -------------------------------------------------------------------------------


#: A strong innovative SME with no direct pass (no honours, a municipal R&D institution, no equity).
_NO_DIRECT = firm(
    {
        2021: {"equity_financing": cny("0元")},
        2022: {"main_business_revenue": cny("9000万元")},
        2023: {"rd_expense": cny("1200万元")},
    },
    profile={"honours": (), "rd_institution_level": "municipal"},
)
#: The same firm with a main-business share under 50% (0 points) and a field scoring 5.
_NO_DIRECT_NARROW = Enterprise(
    _NO_DIRECT.name,
    financials=[
        attrs.evolve(f, operating_revenue=cny("2.25亿元")) if f.year == 2023 else f
        for f in _NO_DIRECT.financials
    ],
    profile=attrs.evolve(_NO_DIRECT.profile, main_product_field=ProductField.OTHER),
)


class TestScenarios:
    @pytest.mark.parametrize("tier", list(Tier))
    def test_a_strong_firm_passes_every_tier(self, tier: Tier) -> None:
        """The base firm meets every tier's criteria: each top-level criterion passes."""
        result = assess(firm(), tier, as_of=AS_OF, score=70 if tier is SRDI else None)
        assert PASS == result.verdict
        assert {PASS} == {criterion.verdict for criterion in result.criteria}

    @pytest.mark.parametrize(
        ("tier", "passing", "failing", "failed"),
        [
            (
                LG,
                firm(),
                firm({2023: {"total_liabilities": cny("1.42亿元")}}),
                {"little-giant.refinement.debt-ratio"},
            ),
            (
                LG,
                firm(),
                firm(profile={"own_brand": False}),
                {"little-giant.distinctiveness.own-brand"},
            ),
            (SRDI, firm(), firm(profile={"years_in_niche": 1}), {"srdi-sme.niche-years"}),
            # No direct pass; then the main-product field scores 5 and the main-business share 0.
            (
                INNOVATIVE,
                _NO_DIRECT,
                _NO_DIRECT_NARROW,
                {"innovative-sme.evaluation.score.specialisation"},
            ),
        ],
    )
    def test_one_failure_fails_the_firm(
        self, tier: Tier, passing: Enterprise, failing: Enterprise, failed: set[str]
    ) -> None:
        """Failing one criterion fails the firm, and the assessment names that criterion."""
        score = 70 if tier is SRDI else None
        before = assess(passing, tier, as_of=AS_OF, score=score)
        after = assess(failing, tier, as_of=AS_OF, score=score)
        assert (PASS, FAIL) == (before.verdict, after.verdict)
        assert failed == failing_tests(after) - failing_tests(before)

    @pytest.mark.parametrize("tier", list(Tier))
    def test_no_data_is_unknown_not_fail(self, tier: Tier) -> None:
        """A firm with no figures and no profile is UNKNOWN on every criterion, never FAIL."""
        result = assess(Enterprise("示例科技有限公司"), tier, as_of=AS_OF)
        assert UNKNOWN == result.verdict
        assert set() == failing_tests(result)

    def test_missing_profile_fact_is_reported(self) -> None:
        """One unknown fact makes the firm UNKNOWN and the criterion says what is missing."""
        result = assess(firm(profile={"national_market_share": None}), LG, as_of=AS_OF)
        assert UNKNOWN == result.verdict
        tier_criteria = [leaf for r in result.criteria for leaf in r.walk()]
        unknown = [r for r in tier_criteria if r.verdict is UNKNOWN and r.combine is None]
        assert ["little-giant.distinctiveness.market-share"] == [r.id for r in unknown]
        assert unknown[0].note is not None
        assert "national niche market share is unknown" == unknown[0].note.en

    def test_many_firms_keep_their_order(self) -> None:
        """assess_many assesses each firm in order, with scores by enterprise key."""
        firms = [_srdi(), Enterprise("乙公司"), _srdi(years_in_niche=1)]
        scores = {firms[0].key: 80}
        results = assess_many(firms, "srdi-sme", as_of=AS_OF, scores=scores)
        assert [PASS, UNKNOWN, FAIL] == [r.verdict for r in results]

    def test_figures_must_be_in_yuan(self) -> None:
        """Dollar figures raise: thresholds are in yuan and no rate is assumed."""
        enterprise = Enterprise(
            "示例科技有限公司",
            financials=[FinancialYear(2023, operating_revenue=Money("2000000", "USD"))],
        )
        with pytest.raises(CurrencyMismatchError):
            assess(enterprise, SRDI, as_of=AS_OF)

    def test_bad_purpose_raises(self) -> None:
        """The purpose is an application or a re-review."""
        with pytest.raises(InvalidRecordError, match="re-review"):
            assess(firm(), LG, as_of=AS_OF, purpose="renewal")

    def test_purpose_enum_and_text_agree(self) -> None:
        """Purpose.RE_REVIEW and 're-review' give the same assessment."""
        by_enum = assess(firm(), LG, as_of=IN_2025, purpose=Purpose.RE_REVIEW)
        assert by_enum == assess(firm(), LG, as_of=IN_2025, purpose="re-review")


class TestLookups:
    def test_an_unknown_criterion_id_is_a_lookup_error_listing_the_ids(self) -> None:
        """find() with an id the assessment lacks raises UnknownCriterionError, a LookupError."""
        result = assess(Enterprise("甲公司"), Tier.SRDI_SME, as_of=AS_OF)
        with pytest.raises(UnknownCriterionError) as info:
            result.find("srdi-sme.no-such")
        assert isinstance(info.value, LookupError)
        assert "srdi-sme.no-such" == info.value.value
        assert "srdi-sme.niche-years" in info.value.known
        assert str(info.value).startswith("No criterion 'srdi-sme.no-such' in this assessment:")

    def test_an_unknown_reading_is_not_a_missing_criteria_set(self) -> None:
        """reading() with an unknown id names the reading, not a date without criteria."""
        with pytest.raises(UnknownCriterionError, match="No reading 'x' in miit-2022") as info:
            CRITERIA.reading("x")
        assert not isinstance(info.value, CriteriaNotAvailableError)
        assert CRITERIA.readings[0].id in info.value.known

    def test_an_unknown_indicator_group(self) -> None:
        """Score.group() with an unknown group lists the groups."""
        score = assess(Enterprise("甲公司"), Tier.INNOVATIVE_SME, as_of=AS_OF).score
        assert score is not None
        with pytest.raises(UnknownCriterionError) as info:
            score.group("nothing")
        assert ("innovation", "growth", "specialisation") == info.value.known

    def test_the_error_pickles(self) -> None:
        """The error survives pickling with its evidence."""
        error = UnknownCriterionError("x", "reading", "miit-2022", ("a",))
        copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
        assert (str(error), copy.known) == (str(copy), ("a",))


class TestSharedFigures:
    def test_a_fact_is_one_object_for_every_firm(self) -> None:
        """Two firms with the same fact hold the same Figure (fewer objects for the collector)."""
        one = assess(firm(profile={"own_brand": True}), LG, as_of=AS_OF)
        two = assess(firm(profile={"own_brand": True}), LG, as_of=AS_OF)
        brand = "little-giant.distinctiveness.own-brand"
        assert one.find(brand).figures is two.find(brand).figures

    def test_money_is_not_shared_and_a_flag_is_not_a_count(self) -> None:
        """Money figures are made per firm, and True and 1 stay different figures."""
        from littlegiants.eligibility.results import figures_of

        amount = cny("100万元")
        assert figures_of("rd_expense", amount, 2024) is not figures_of("rd_expense", amount, 2024)
        assert "value=True" in repr(figures_of("x", True)[0])
        assert "value=1," in repr(figures_of("x", 1)[0])


class TestExplain:
    @pytest.mark.parametrize("tier", list(Tier))
    def test_explains_in_english_and_chinese(self, tier: Tier) -> None:
        """The explanation lists each criterion with its verdict, in the locale's language."""
        result = assess(firm(), tier, as_of=IN_2025)
        english = result.explain(locale="en_US")
        chinese = result.explain(locale="zh_CN")
        assert english.startswith("示例精密科技有限公司: ")
        assert f"Verdict: {result.verdict.name}" in english
        assert "结论：" in chinese
        for criterion in result.criteria:
            assert criterion.name.en in english
            assert criterion.name.zh in chinese

    def test_shows_exact_figures(self) -> None:
        """Money is printed in full and shares exactly, so a firm on a threshold sees it."""
        text = assess(firm({2023: {"total_liabilities": cny("1.4亿元")}}), LG, as_of=AS_OF).explain(
            locale="en_US"
        )
        assert "total liabilities 2023: CN¥140,000,000.00" in text
        assert "debt-to-asset ratio 2023: 70%" in text

    def test_says_what_is_waived(self) -> None:
        """A waived criterion says which document waives it."""
        text = assess(firm(), LG, as_of=IN_2025, purpose="re-review").explain(locale="zh_CN")
        assert "工信厅企业函〔2025〕190号对复核企业不作要求" in text

    def test_needs_a_locale(self) -> None:
        """No locale is assumed."""
        with pytest.raises(TypeError, match="locale"):
            assess(firm(), LG, as_of=AS_OF).explain(locale=None)  # type: ignore[arg-type]


class TestDocs:
    def test_docs_tables_match_the_rule_data(self) -> None:
        """docs/eligibility.md shows exactly what render_criteria makes of the bundled data."""
        page = DOCS.read_text(encoding="utf-8")
        expected = splice(page, render_criteria(CRITERIA, locale="en_US"))
        assert expected == page, "regenerate with: python tests/test_eligibility.py"

    def test_renders_in_chinese(self) -> None:
        """The tables render in Chinese too, with the same criteria."""
        text = render_criteria(CRITERIA, locale="zh_CN")
        assert '### 专精特新"小巨人"企业' in text
        for root in CRITERIA.roots:
            for criterion in root.walk():
                assert f"`{criterion.id}`" in text


# -- properties --------------------------------------------------------------------------------

_SHARES = st.sampled_from(
    [Decimal(s) for s in ("0", "0.01", "0.0299", "0.03", "0.06", "0.5", "0.7", "1")]
)
_REVENUES = st.sampled_from(
    [
        cny(s)
        for s in (
            "0元",
            "999万元",
            "1000万元",
            "49999999.99",
            "5000万元",
            "99999999.99",
            "1亿元",
            "3亿元",
        )
    ]
)
_AMOUNTS = st.sampled_from(
    [cny(s) for s in ("0元", "100万元", "500万元", "1000万元", "3000万元", "8000万元")]
)
_DATES = st.sampled_from(
    [date(2024, 6, 30), date(2025, 3, 1), date(2025, 6, 30), date(2025, 12, 31)]
)
_YEAR_FIELDS = (
    "operating_revenue",
    "main_business_revenue",
    "rd_expense",
    "total_assets",
    "total_liabilities",
    "equity_financing",
    "staff",
    "rd_staff",
)


@st.composite
def complete_years(draw: st.DrawFn, year: int) -> FinancialYear:
    """One year with every figure known, drawn near the thresholds."""
    revenue = draw(_REVENUES)
    staff = draw(st.integers(0, 200))
    return FinancialYear(
        year,
        operating_revenue=revenue,
        main_business_revenue=revenue * draw(_SHARES),
        rd_expense=revenue * draw(_SHARES),
        total_assets=revenue,
        total_liabilities=revenue * draw(_SHARES),
        equity_financing=draw(_AMOUNTS),
        staff=staff,
        rd_staff=draw(st.integers(0, staff)),
    )


@st.composite
def complete_profiles(draw: st.DrawFn) -> Profile:
    """A profile with every fact known."""
    class1 = draw(st.integers(0, 4))
    claim = st.just(False) if class1 == 0 else st.booleans()
    institution = draw(st.booleans())
    years = st.integers(2019, 2025)
    return Profile(
        years_in_niche=draw(st.integers(0, 6)),
        national_market_share=draw(
            st.sampled_from([Decimal("0.05"), Decimal("0.1"), Decimal("0.3")])
        ),
        class1_ip_count=class1,
        class2_ip_count=draw(st.integers(0, 3)),
        high_value_class1_ip=draw(claim),
        self_developed_class1_ip=draw(claim),
        rd_institution=institution,
        rd_institution_level=draw(st.sampled_from(["national", "provincial", "municipal"]))
        if institution
        else None,
        management_certification=draw(st.booleans()),
        product_certification_developed_market=draw(st.booleans()),
        own_brand=draw(st.booleans()),
        science_awards=draw(
            st.lists(
                st.builds(
                    Award, st.sampled_from(["national", "provincial"]), st.integers(1, 8), years
                ),
                max_size=2,
            )
        ),
        chuangke_placings=draw(
            st.lists(
                st.builds(ChuangkePlacing, years, st.sampled_from(["50强", "500强", "1000强"])),
                max_size=2,
            )
        ),
        main_product_field=draw(st.sampled_from(ProductField)),
        information_systems=draw(st.integers(0, 2)),
        honours=draw(st.lists(st.sampled_from(["高新技术企业", "专精特新中小企业"]), max_size=2)),
        supply_chain_role=draw(st.booleans()),
    )


_ONE_IN_FOUR = st.integers(0, 3).map(lambda n: n == 0)

#: The base firm's figures with every figure known, as of 2024-06-30.
STRONG_YEARS = {
    year: {
        "rd_expense": cny("600万元"),
        "total_assets": cny("2亿元"),
        "total_liabilities": cny("1亿元"),
        "staff": 100,
        "rd_staff": 30,
        "equity_financing": cny("0元"),
        **values,
    }
    for year, values in BASE_YEARS.items()
}
_TWEAKS = st.sampled_from(
    [
        ("years_in_niche", st.sampled_from([2, 3])),
        ("national_market_share", st.sampled_from([Decimal("0.0999"), Decimal("0.1")])),
        ("information_systems", st.sampled_from([0, 1])),
        ("own_brand", st.booleans()),
        ("supply_chain_role", st.booleans()),
        ("main_product_field", st.sampled_from(ProductField)),
        ("total_liabilities", st.sampled_from([cny("1.4亿元"), cny("140000000.01")])),
        ("main_business_revenue", st.sampled_from([cny("9800万元"), cny("97999999.99")])),
        ("rd_expense", st.sampled_from([cny("420万元"), cny("4199999.99")])),
    ]
)


@st.composite
def strong_firms(draw: st.DrawFn, as_of: date) -> tuple[list[FinancialYear], Profile]:
    """The base firm moved to ``as_of``, with up to two facts or figures set near a threshold."""
    shift = as_of.year - AS_OF.year
    years = {year + shift: dict(values) for year, values in STRONG_YEARS.items()}
    profile = BASE_PROFILE
    for name, values in draw(st.lists(_TWEAKS, max_size=2)):
        if name in _YEAR_FIELDS:
            years[as_of.year - 1][name] = draw(values)
        else:
            profile = attrs.evolve(profile, **{name: draw(values)})
    return [FinancialYear(year, **figures) for year, figures in years.items()], profile


@st.composite
def complete_and_masked(
    draw: st.DrawFn,
) -> tuple[Enterprise, Enterprise, date, int | None, int | None]:
    """A firm with every figure known, the same firm with some figures removed, a date, scores."""
    as_of = draw(_DATES)
    years = range(as_of.year - 4, as_of.year)
    if draw(st.booleans()):
        full_years, profile = draw(strong_firms(as_of))
    else:
        full_years = [draw(complete_years(year)) for year in years]
        profile = draw(complete_profiles())
    masked_years = []
    for figures in full_years:
        if draw(st.booleans()) and draw(st.booleans()):
            continue
        blank = {name: None for name in _YEAR_FIELDS if draw(_ONE_IN_FOUR)}
        masked_years.append(attrs.evolve(figures, **blank))
    blank_facts = {field.name: None for field in attrs.fields(Profile) if draw(_ONE_IN_FOUR)}
    masked_profile = (
        None
        if draw(st.booleans()) and draw(st.booleans())
        else attrs.evolve(profile, **blank_facts)
    )
    score = draw(st.integers(50, 70))
    full = Enterprise("示例科技有限公司", financials=full_years, profile=profile)
    masked = Enterprise("示例科技有限公司", financials=masked_years, profile=masked_profile)
    return full, masked, as_of, score, draw(st.none() | st.just(score))


#: A bracketed aside in an explanation's line, full-width (Chinese) or not.
_ASIDE: Final = re.compile(r"（[^（）]+）|\([^()]+\)")


def _verdicts(result: Assessment) -> dict[str, Verdict]:
    return {r.id: r.verdict for r in result.walk()}


class TestProperties:
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(complete_and_masked(), st.sampled_from(Tier), st.sampled_from(Purpose))
    def test_more_data_never_reverses_a_verdict(
        self,
        pair: tuple[Enterprise, Enterprise, date, int | None, int | None],
        tier: Tier,
        purpose: Purpose,
    ) -> None:
        """Adding missing data can turn UNKNOWN into PASS or FAIL but never changes PASS or FAIL."""
        full, masked, as_of, score, masked_score = pair
        known = assess(
            full, tier, as_of=as_of, purpose=purpose, score=score if tier is SRDI else None
        )
        partial = assess(
            masked, tier, as_of=as_of, purpose=purpose, score=masked_score if tier is SRDI else None
        )
        assert UNKNOWN != known.verdict or _has_undecidable(known)
        if partial.verdict is not UNKNOWN:
            assert partial.verdict == known.verdict
        full_verdicts = _verdicts(known)
        for criterion, verdict in _verdicts(partial).items():
            if verdict is not UNKNOWN and criterion in full_verdicts:
                assert verdict == full_verdicts[criterion], criterion
        if known.score is not None and partial.score is not None:
            assert partial.score.low <= known.score.low <= known.score.high <= partial.score.high

    @settings(max_examples=80, deadline=None)
    @given(complete_and_masked(), st.sampled_from(Tier), st.randoms(use_true_random=False))
    def test_order_of_figures_does_not_matter(
        self,
        pair: tuple[Enterprise, Enterprise, date, int | None, int | None],
        tier: Tier,
        random: Any,
    ) -> None:
        """Financial years, awards, placings and honours given in any order assess the same."""
        full, _, as_of, score, _ = pair
        assert full.profile is not None
        years = list(full.financials)
        random.shuffle(years)
        profile = full.profile
        shuffled_profile = attrs.evolve(
            profile,
            science_awards=random.sample(profile.science_awards, len(profile.science_awards)),
            chuangke_placings=random.sample(
                profile.chuangke_placings, len(profile.chuangke_placings)
            ),
            honours=random.sample(profile.honours, len(profile.honours)),
        )
        shuffled = Enterprise(full.name, financials=years, profile=shuffled_profile)
        kwargs: dict[str, Any] = {"as_of": as_of, "score": score if tier is SRDI else None}
        assert assess(full, tier, **kwargs) == assess(shuffled, tier, **kwargs)

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        complete_and_masked(),
        st.sampled_from(Tier),
        st.sampled_from(Purpose),
        st.sampled_from(["zh_CN", "en_US"]),
    )
    def test_no_line_of_an_explanation_says_an_aside_twice(
        self,
        pair: tuple[Enterprise, Enterprise, date, int | None, int | None],
        tier: Tier,
        purpose: Purpose,
        locale: str,
    ) -> None:
        """A criterion's name and requirement never both carry the same bracketed aside."""
        _, masked, as_of, score, _ = pair
        result = assess(
            masked, tier, as_of=as_of, purpose=purpose, score=score if tier is SRDI else None
        )
        for line in result.explain(locale=locale).splitlines():
            asides = _ASIDE.findall(line)
            assert len(set(asides)) == len(asides), line

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(enterprises(), st.sampled_from(Tier), _DATES)
    def test_any_enterprise_is_assessed_consistently(
        self, enterprise: Enterprise, tier: Tier, as_of: date
    ) -> None:
        """Any valid firm is assessed without error, and every group agrees with its parts."""
        result = assess(enterprise, tier, as_of=as_of)
        assert Verdict.all_of(c.verdict for c in result.criteria) == result.verdict
        for criterion in result.walk():
            _check_group(criterion)
        assert result.explain(locale="zh_CN")
        assert result.explain(locale="en_US")

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(complete_and_masked(), st.sampled_from(Tier), st.sampled_from(Purpose))
    def test_results_carry_their_criterion_words(
        self,
        pair: tuple[Enterprise, Enterprise, date, int | None, int | None],
        tier: Tier,
        purpose: Purpose,
    ) -> None:
        """Each result's requirement, source and threshold are its criterion's, made afresh."""
        _, masked, as_of, _, _ = pair
        result = assess(masked, tier, as_of=as_of, purpose=purpose)
        criteria = criteria_on(as_of)
        nodes = {
            node.id: node
            for root in (*criteria.roots, *(c for a in criteria.amendments for c in a.criteria))
            for node in root.walk()
        }
        last_year = as_of.year - 1
        for found in result.walk():
            node = nodes[found.id]
            words = (node.requirement("en", last_year), node.requirement("zh", last_year))
            assert words == (found.requirement.en, found.requirement.zh)
            assert node.source() == found.source
            assert (None if node.check is None else node.check.threshold()) == found.threshold

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.lists(complete_and_masked(), min_size=1, max_size=4),
        st.sampled_from(Tier),
        st.sampled_from(Purpose),
    )
    def test_assessing_many_is_assessing_each_afresh(
        self,
        pairs: list[tuple[Enterprise, Enterprise, date, int | None, int | None]],
        tier: Tier,
        purpose: Purpose,
    ) -> None:
        """assess_many on shared plans equals assessing each firm with every plan made anew."""
        from littlegiants.eligibility import assessing

        as_of = pairs[0][2]
        firms = [firm for full, masked, *_ in pairs for firm in (full, masked)]
        together = assess_many(firms, tier, as_of=as_of, purpose=purpose)
        alone = []
        for firm in firms:
            assessing._plan.cache_clear()
            alone.append(assess(firm, tier, as_of=as_of, purpose=purpose))
        assert tuple(alone) == together


#: Notes of criteria that complete data can leave UNKNOWN: an undefined share or growth, a field
#: that may overlap a listed one, an honour the text does not name, a score range from such a field.
_UNDECIDABLE = ("zero", "overlap", "not among", "the score is")


def _has_undecidable(result: Assessment) -> bool:
    """Whether a complete firm still has an UNKNOWN that more data could not resolve."""
    return any(
        r.verdict is UNKNOWN
        and r.combine is None
        and r.note is not None
        and any(marker in r.note.en for marker in _UNDECIDABLE)
        for r in result.walk()
    )


def _check_group(result: CriterionResult) -> None:
    if result.waived_by is not None or result.combine is None:
        return
    verdicts = [child.verdict for child in result.criteria]
    if result.combine == "all":
        assert Verdict.all_of(verdicts) == result.verdict
    elif result.combine == "any":
        assert Verdict.any_of(verdicts) == result.verdict
    elif len(result.criteria) == 1:
        assert verdicts[0] == result.verdict
    else:
        assert (verdicts[0] if len(set(verdicts)) == 1 else UNKNOWN) == result.verdict


if __name__ == "__main__":
    DOCS.write_text(
        splice(DOCS.read_text(encoding="utf-8"), render_criteria(CRITERIA, locale="en_US")),
        encoding="utf-8",
    )


class TestPhrasesFromTheCatalogue:
    def test_a_phrase_field_is_filled_in_each_language(self) -> None:
        """A Phrase field reads in each language inside the message it fills."""
        phrase = Phrase.of(N_("{label} is unknown"), label=Phrase.of(N_("own brand")))
        assert ("own brand is unknown", "自主品牌未知") == (phrase.en, phrase.zh)

    def test_one_english_word_may_read_two_ways_by_context(self) -> None:
        """A message in a context has its own translation: the same English, two Chinese orders."""
        figure = Phrase.pgettext("figure", "high-value Class-I IP")
        condition = Phrase.pgettext("condition", "high-value Class-I IP")
        assert figure.en == condition.en
        assert ("高价值Ⅰ类知识产权", "Ⅰ类高价值知识产权") == (figure.zh, condition.zh)
