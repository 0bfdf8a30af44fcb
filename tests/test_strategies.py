"""Tests of littlegiants.strategies and its hypothesis registration, and properties they drive."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import get_args

import attrs
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

from littlegiants import strategies as lgst
from littlegiants._hypothesis import setup
from littlegiants.credit import CreditCode, is_valid_credit_code
from littlegiants.designation import Designation, DesignationLevel, ReReview
from littlegiants.enterprise import Enterprise, Relocation
from littlegiants.errors import (
    CurrencyMismatchError,
    FloatAmountError,
    InvalidAmountError,
    InvalidCreditCodeError,
    InvalidGrowthError,
    InvalidPeriodError,
    InvalidRateError,
    InvalidRecordError,
    UnknownCurrencyError,
    UnknownRegionError,
)
from littlegiants.financials import FinancialYear, MoneyFigure, Profile
from littlegiants.fx import ExchangeRate, RateTable
from littlegiants.growth import Growth
from littlegiants.money import Money, currency_precision
from littlegiants.periods import Period
from littlegiants.policy import (
    FIGURES,
    Combination,
    DesignationRule,
    IncentivePolicy,
    ItemStatus,
    Payment,
    Payout,
    RegionAmount,
    ReReviewRule,
    Rule,
    RuleKind,
)
from littlegiants.regions import Region
from littlegiants.trade import TradeRecord, summarize

setup()  # what the hypothesis entry point does once the package metadata declares it

HEAVY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LIGHT = settings(max_examples=60, deadline=None)
LEVELS = list(DesignationLevel)
#: For ``find``: generate only, so an example is returned as found, not shrunk at length.
FOUND = settings(
    database=None,
    phases=[Phase.generate],
    max_examples=1000,
    suppress_health_check=list(HealthCheck),
)

REGISTERED: list[tuple[type, st.SearchStrategy[object]]] = [
    (Money, lgst.money()),
    (Growth, lgst.growths()),
    (Period, lgst.periods()),
    (ExchangeRate, lgst.exchange_rates()),
    (RateTable, lgst.rate_tables()),
    (Region, lgst.regions()),
    (CreditCode, lgst.credit_codes()),
    (DesignationLevel, lgst.designation_levels()),
    (Designation, lgst.designations()),
    (FinancialYear, lgst.financial_years()),
    (Profile, lgst.profiles()),
    (Enterprise, lgst.enterprises()),
    (Relocation, lgst.relocations()),
    (TradeRecord, lgst.trade_records()),
    (IncentivePolicy, lgst.incentive_policies()),
    (Payment, lgst.payments()),
]


def _rebuilt(value: object) -> object:
    """Build the value again through its validating constructor."""
    if isinstance(value, DesignationLevel):
        return DesignationLevel(value.value)
    if isinstance(value, Money):  # hand-written like Fraction, not an attrs class
        return Money(value.amount, value.currency)
    return attrs.evolve(value)  # type: ignore[misc]


# -- policies as files: the file reader is IncentivePolicy's validation ---------------------------


def _toml_string(text: str) -> str:
    """A TOML basic string; everything but printable ASCII is escaped."""
    escaped = "".join(
        char if " " <= char <= "~" and char not in '"\\' else f"\\U{ord(char):08X}" for char in text
    )
    return f'"{escaped}"'


def _optional(name: str, value: str | None) -> list[str]:
    return [] if value is None else [f"{name} = {_toml_string(value)}"]


def _rule_toml(rule: Rule) -> list[str]:
    lines = [
        "[[rules]]",
        f"id = {_toml_string(rule.id)}",
        f"kind = {_toml_string(rule.kind)}",
        f"level = {_toml_string(rule.level.value)}",
        f'amount = "{rule.amount.amount:f}"',
        f"up_to = {str(rule.up_to).lower()}",
        *_optional("quote", rule.quote),
        *_optional("note", rule.note),
    ]
    if "key" in rule.file_keys():  # a rule about a designation: a key tier and MIIT batches
        lines.append(f"key = {str(rule.key).lower()}")
        lines.append(f"batches = [{', '.join(str(batch) for batch in rule.batches)}]")
    if rule.percent is not None:
        lines.append(f'percent = "{rule.percent:f}"')
    lines.extend(_optional("figure", rule.figure))
    for option in rule.by_region:
        codes = ", ".join(_toml_string(region.code) for region in option.regions)
        lines += [
            "[[rules.by_region]]",
            f"regions = [{codes}]",
            f'amount = "{option.amount.amount:f}"',
            *_optional("label", option.label),
        ]
    return lines


def policy_toml(policy: IncentivePolicy) -> str:
    """Write a policy as a policy file (docs/policy-files.md)."""
    lines = [
        f"id = {_toml_string(policy.id)}",
        f"title = {_toml_string(policy.title)}",
        *_optional("title_en", policy.title_en),
        f"document = {_toml_string(policy.document)}",
        f"issuer = {_toml_string(policy.issuer)}",
        f"jurisdiction = {_toml_string(policy.jurisdiction.code)}",
        f"currency = {_toml_string(policy.currency)}",
        *_optional("confidence", policy.confidence),
        f"combination = {_toml_string(policy.combination.value)}",
        *_optional("combination_note", policy.combination_note),
        f"notes = [{', '.join(_toml_string(note) for note in policy.notes)}]",
        "[effective]",
    ]
    if policy.effective_from is not None:
        lines.append(f"start = {policy.effective_from.isoformat()}")
    if policy.effective_to is not None:
        lines.append(f"end = {policy.effective_to.isoformat()}")
    lines.extend(_optional("note", policy.effective_note))
    for source in policy.sources:
        lines += ["[[sources]]", f"url = {_toml_string(source.url)}"]
        lines.extend(_optional("note", source.note))
        lines.extend(_optional("kind", None if source.kind is None else source.kind.value))
    for rule in policy.rules:
        lines.extend(_rule_toml(rule))
    return "\n".join(lines) + "\n"


# -- drawing policies with the firms they concern -------------------------------------------------


@st.composite
def ladder(
    draw: st.DrawFn, levels: list[DesignationLevel], start: date, end: date
) -> list[Designation]:
    """Designations climbing some of ``levels`` (lowest first) on later and later days."""
    climbed = sorted(
        draw(st.lists(st.sampled_from(levels), min_size=1, max_size=3, unique=True)),
        key=lambda level: level.rank,
    )
    days = draw(st.lists(st.dates(start, end), min_size=len(climbed), max_size=len(climbed)))
    return [
        draw(lgst.designations(level=level, awarded_between=(day, day)))
        for level, day in zip(climbed, sorted(days), strict=True)
    ]


@st.composite
def policy_and_firm(
    draw: st.DrawFn, combination: str | None = None
) -> tuple[IncentivePolicy, Enterprise]:
    """A policy and a firm it may well pay: often inside, climbing its levels while in force."""
    place = draw(lgst.regions())
    tiers: list[Rule] = []
    if draw(st.booleans()):  # a reward for each level, as Shenzhen's 深府〔2022〕31号 has
        tiers = [
            draw(lgst.policy_rules("designation", level, jurisdiction=place)) for level in LEVELS
        ]
    more = st.lists(lgst.policy_rules(jurisdiction=place), min_size=0 if tiers else 1, max_size=4)
    rules = {rule.id: rule for rule in [*tiers, *draw(more)]}.values()
    policy = draw(
        lgst.incentive_policies(combination=combination, jurisdiction=place, rules=tuple(rules))
    )
    start = policy.effective_from or date(2018, 1, 1)
    end = policy.effective_to or date(2030, 12, 31)
    levels = sorted({rule.level for rule in policy.rules}, key=lambda level: level.rank)
    held = draw(ladder(levels, start, end)) + draw(st.lists(lgst.designations(), max_size=2))
    where = draw(st.sampled_from(("inside", "inside", "inside", "anywhere")))
    region = lgst.regions(within=place if where == "inside" else None)
    return policy, draw(lgst.enterprises(region=region, designations=held))


def award_total(payout: Payout) -> Money:
    """The total of the items paid for designations (award rules), not re-reviews or moves."""
    return Money.total(
        (
            item.amount
            for item in payout.items
            if item.rule.kind.is_award and item.amount is not None
        ),
        currency=payout.policy.currency,
    )


class TestDrawnValuesAreValid:
    @pytest.mark.parametrize(
        ("kind", "strategy"), REGISTERED, ids=[kind.__name__ for kind, _ in REGISTERED]
    )
    @HEAVY
    @given(data=st.data())
    def test_passes_its_class_validation(
        self, kind: type, strategy: st.SearchStrategy[object], data: st.DataObject
    ) -> None:
        """Every strategy draws instances that its class's constructor accepts unchanged."""
        value = data.draw(strategy)
        assert isinstance(value, kind)
        assert value == _rebuilt(value)

    @LIGHT
    @given(lgst.money())
    def test_money_is_at_the_currency_minor_unit(self, amount: Money) -> None:
        """By default an amount has exactly as many decimals as its currency's minor unit."""
        assert currency_precision(amount.currency) == -amount.amount.as_tuple().exponent

    @LIGHT
    @given(
        data=st.data(),
        bounds=st.lists(st.decimals(-(10**6), 10**6, places=3), min_size=2, max_size=2),
        places=st.integers(0, 4),
    )
    def test_money_respects_bounds_and_places(
        self, data: st.DataObject, bounds: list[Decimal], places: int
    ) -> None:
        """Drawn amounts lie between the bounds, with the places asked for."""
        low, high = sorted(bounds)
        high = high + 1
        amount = data.draw(lgst.money("CNY", Money(low, "CNY"), str(high), places=st.just(places)))
        assert low <= amount.amount <= high
        assert places == -amount.amount.as_tuple().exponent

    @pytest.mark.parametrize(
        ("strategy", "error"),
        [
            (lgst.money("CNY", min_value=1.5), FloatAmountError),
            (lgst.money("CNY", min_value="abc"), InvalidAmountError),
            (lgst.money("CNY", min_value=5, max_value=1), InvalidAmountError),
            (lgst.money("CNY", min_value="0.001", max_value="0.009"), InvalidAmountError),
            (lgst.money("CNY", min_value=Money(1, "USD")), CurrencyMismatchError),
            (lgst.money("CNY", places=-1), InvalidAmountError),
            (lgst.periods(st.just(2030), 2020), InvalidPeriodError),
            (lgst.credit_codes(prefix="A1"), InvalidCreditCodeError),
            (lgst.credit_codes(region="999999"), UnknownRegionError),
            (
                lgst.designations(awarded_between=(date(2022, 1, 2), date(2022, 1, 1))),
                InvalidPeriodError,
            ),
        ],
    )
    def test_bad_arguments_raise_when_drawing(
        self, strategy: st.SearchStrategy[object], error: type[Exception]
    ) -> None:
        """Arguments that cannot be honoured raise littlegiants' own errors, not bad values."""
        with pytest.raises(error):
            find(strategy, lambda _: True)

    @pytest.mark.parametrize(
        ("make", "error"),
        [
            (lambda: lgst.money("RMB"), UnknownCurrencyError),
            (lambda: lgst.currencies(["CNY", "XYZ"]), UnknownCurrencyError),
            (lambda: lgst.currencies([]), InvalidRecordError),
            (lambda: lgst.growths(min_percent=5, max_percent=1), InvalidGrowthError),
            (lambda: lgst.periods(2030, 2020), InvalidPeriodError),
            (lambda: lgst.periods(0, 2020), InvalidPeriodError),
            (lambda: lgst.regions(within="999999"), UnknownRegionError),
            (lambda: lgst.exchange_rates("CNY", "cny"), InvalidRateError),
        ],
    )
    def test_bad_plain_arguments_raise_at_once(
        self, make: Callable[[], object], error: type[Exception]
    ) -> None:
        """Plain arguments are checked when the strategy is made."""
        with pytest.raises(error):
            make()

    @LIGHT
    @given(lgst.exchange_rates(quote="CNY"), lgst.exchange_rates(base=st.just("USD")))
    def test_exchange_rates_never_pair_a_currency_with_itself(
        self, to_yuan: ExchangeRate, from_dollars: ExchangeRate
    ) -> None:
        """A fixed side is kept and the other side is always another currency."""
        assert ("CNY", "USD") == (to_yuan.quote, from_dollars.base)
        assert to_yuan.base != "CNY"
        assert from_dollars.quote != "USD"

    @LIGHT
    @given(lgst.growths(), lgst.growths(min_percent=-5, max_percent="7.5", places=1))
    def test_growths_stay_above_a_total_loss_and_within_bounds(
        self, default: Growth, bounded: Growth
    ) -> None:
        """Default growths are above -100% so a base can be recovered; bounds are kept."""
        assert default.rate > -1
        assert Decimal(-5) <= bounded.percent <= Decimal("7.5")
        assert -1 <= bounded.percent.as_tuple().exponent  # type: ignore[operator]

    @LIGHT
    @given(lgst.periods(2019, 2021))
    def test_periods_stay_within_the_years(self, period: Period) -> None:
        """Periods start and end within the year bounds."""
        assert 2019 <= period.start.year <= period.end.year <= 2021

    @pytest.mark.parametrize(
        "shape",
        [
            lambda p: p.start.day == 1 and p.is_month_aligned and p.start.month == p.end.month,
            lambda p: p.start.month == 1 and p.is_month_aligned and p.end.month < 12,
            lambda p: str(p).isdigit(),
            lambda p: not p.is_month_aligned,
        ],
        ids=["month", "year-to-date", "year", "any-days"],
    )
    def test_periods_have_every_shape(self, shape: object) -> None:
        """Months, year-to-date spans, whole years and arbitrary day spans are all drawn."""
        assert shape(find(lgst.periods(), shape, settings=FOUND))  # type: ignore[arg-type, operator]

    @LIGHT
    @given(
        lgst.regions(within="440300"), lgst.regions(within=st.sampled_from(["110000", "440305"]))
    )
    def test_regions_within_stay_inside(self, shenzhen: Region, either: Region) -> None:
        """regions(within=...) draws only divisions inside the container."""
        assert shenzhen.within("440300")
        assert either.within("110000") or either == Region("440305")

    def test_gb11714_check_matches_a_real_code(self) -> None:
        """The embedded check character of a real code (position 17) is computed as published."""
        real = CreditCode("91110000600037341L")
        assert real.organisation_code[8] == lgst._gb11714_check(real.organisation_code[:8])

    @LIGHT
    @given(lgst.credit_codes(region=st.sampled_from(["440300", Region("310115")])))
    def test_credit_codes_are_valid_and_name_their_region(self, code: CreditCode) -> None:
        """Codes pass python-stdnum, carry the region in 3–8 and a right GB 11714 character."""
        assert is_valid_credit_code(code.code)
        assert code.division_code in {"440300", "310115"}
        assert code.region == Region(code.division_code)
        assert code.organisation_code[8] == lgst._gb11714_check(code.organisation_code[:8])

    @LIGHT
    @given(lgst.designations())
    def test_designations_keep_the_programme_rules(self, designation: Designation) -> None:
        """Batch and key are national only; the batch is the award year's; reviews are ordered."""
        if designation.level is not DesignationLevel.NATIONAL:
            assert (None, False) == (designation.batch, designation.key)
        if designation.batch is not None:
            assert designation.awarded_on.year == 2018 + designation.batch
        days = [review.on for review in designation.re_reviews]
        assert days == sorted(set(days))
        assert all(day > designation.awarded_on for day in days)
        if designation.revoked_on is not None:
            assert all(day < designation.revoked_on for day in days)

    @pytest.mark.parametrize(
        "feature",
        [
            lambda d: d.revoked_on is not None,
            lambda d: any(not review.passed for review in d.re_reviews),
            lambda d: len(d.re_reviews) >= 2,
            lambda d: d.key,
            lambda d: d.valid_years != 3,
        ],
        ids=["revoked", "failed-review", "two-reviews", "key", "other-term"],
    )
    def test_designations_reach_every_feature(self, feature: object) -> None:
        """Revocations, failed and repeated re-reviews, key firms and other terms all occur."""
        assert feature(find(lgst.designations(), feature, settings=FOUND))  # type: ignore[arg-type, operator]

    @LIGHT
    @given(lgst.enterprises())
    def test_enterprises_are_consistent(self, firm: Enterprise) -> None:
        """The credit code names the region, and relocations chain into it."""
        if firm.credit_code is not None:
            assert firm.credit_code.region == firm.region
            assert firm.credit_code.code.startswith("91")
        moves = firm.relocations
        if moves:
            assert firm.region == moves[-1].to_region
            assert all(a.to_region == b.from_region for a, b in itertools.pairwise(moves))
            assert len({move.on for move in moves}) == len(moves)

    @LIGHT
    @given(lgst.trade_records(enterprise=Enterprise("示例科技有限公司")))
    def test_trade_records_agree_with_themselves(self, record: TradeRecord) -> None:
        """Values are not negative and a stated growth agrees with a stated prior-year value."""
        assert record.value.amount >= 0
        previous, stated = record.reported_previous, record.reported_growth
        if previous is not None and stated is not None and previous.amount > 0:
            implied = Growth.between(previous, record.value)
            assert abs(implied.percent - stated.percent) <= Decimal("0.5")

    def test_trade_records_reach_both_previous_and_growth(self) -> None:
        """Records with a prior-year value and a growth together are drawn."""
        record = find(
            lgst.trade_records(),
            lambda r: r.reported_previous is not None and r.reported_growth is not None,
            settings=FOUND,
        )
        assert record.growth is not None

    @HEAVY
    @given(lgst.incentive_policies(currency=lgst.currencies()))
    def test_policies_are_what_a_policy_file_says(self, policy: IncentivePolicy) -> None:
        """Written as a policy file, a drawn policy reads back equal: the reader's checks hold."""
        assert policy == IncentivePolicy.from_toml_text(policy_toml(policy))

    @pytest.mark.parametrize(
        "feature",
        [
            *((lambda p, k=kind: any(r.kind is k for r in p.rules)) for kind in RuleKind),
            lambda p: any(r.key for r in p.rules),
            lambda p: any(r.by_region for r in p.rules),
            lambda p: any(r.batches for r in p.rules),
            lambda p: p.effective_from is not None and p.effective_to is not None,
            lambda p: p.effective_from is None,
        ],
        ids=[*(kind.value for kind in RuleKind), "key", "by-region", "batches", "closed", "open"],
    )
    def test_policies_reach_every_feature(self, feature: object) -> None:
        """Every rule kind, key tiers, regional amounts, batches, open and closed bounds occur."""
        assert feature(find(lgst.incentive_policies(), feature, settings=FOUND))  # type: ignore[arg-type, operator]

    @HEAVY
    @given(
        lgst.incentive_policies().flatmap(
            lambda p: st.tuples(st.just(p), lgst.payments(enterprise="示例", policy=p))
        )
    )
    def test_payments_follow_their_policy(self, drawn: tuple[IncentivePolicy, Payment]) -> None:
        """A payment under a policy is for one of its rules, in its currency."""
        policy, payment = drawn
        assert payment.policy_id == policy.id
        assert payment.amount.currency == policy.currency
        assert any((rule.level, rule.key) == (payment.level, payment.key) for rule in policy.rules)


@attrs.frozen
class Invoice:
    """A user's own attrs class with littlegiants fields."""

    amount: Money
    region: Region
    level: DesignationLevel
    period: Period


# Under ``from __future__ import annotations`` the field types are strings, which hypothesis does
# not evaluate for attrs classes (hypothesis issue #1004); resolving them first is the cure.
attrs.resolve_types(Invoice)


class TestTypeRegistration:
    @pytest.mark.parametrize("kind", [kind for kind, _ in REGISTERED], ids=lambda k: k.__name__)
    @settings(max_examples=10, deadline=None)
    @given(data=st.data())
    def test_from_type_draws_valid_values(self, kind: type, data: st.DataObject) -> None:
        """st.from_type of every registered class draws instances that revalidate."""
        value = data.draw(st.from_type(kind))
        assert isinstance(value, kind)
        assert value == _rebuilt(value)

    @LIGHT
    @given(st.builds(Invoice))
    def test_builds_fills_littlegiants_fields(self, invoice: Invoice) -> None:
        """st.builds infers valid Money, Region, level and Period fields of a user's class."""
        assert invoice.amount == Money(invoice.amount.amount, invoice.amount.currency)
        assert invoice.region == Region(invoice.region.code)
        assert isinstance(invoice.level, DesignationLevel)
        assert invoice.period.start <= invoice.period.end

    def test_setup_can_run_twice(self) -> None:
        """Registering again (the entry point and an explicit call) is harmless."""
        setup()
        assert isinstance(find(st.from_type(Money), lambda _: True), Money)

    def test_library_never_imports_hypothesis(self) -> None:
        """Importing every other module, and running setup, leaves strategies unimported."""
        script = textwrap.dedent(
            """
            import importlib, pkgutil, sys
            import littlegiants
            skip = {"strategies", "_hypothesis", "__main__"}
            for info in pkgutil.iter_modules(littlegiants.__path__, "littlegiants."):
                if info.name.rpartition(".")[2] not in skip:
                    importlib.import_module(info.name)
            print("hypothesis" in sys.modules)
            from littlegiants import _hypothesis
            _hypothesis.setup()
            print("littlegiants.strategies" in sys.modules)
            """
        )
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        )
        assert ["False", "False"] == result.stdout.split()


class TestPayoutProperties:
    @HEAVY
    @given(
        policy_and_firm(combination="top-up"),
        st.none() | st.dates(date(2018, 1, 1), date(2032, 12, 31)),
    )
    def test_top_up_never_pays_more_than_the_highest_award(
        self, drawn: tuple[IncentivePolicy, Enterprise], as_of: date | None
    ) -> None:
        """Under top-up, awards total the largest entitlement reached, never above any rule's."""
        policy, firm = drawn
        zero = Money.zero(policy.currency)
        highest = max(
            (rule.highest_amount for rule in policy.rules if rule.kind.is_award), default=zero
        )
        payout = policy.payout(firm, as_of=as_of)
        reached = max(
            (
                item.entitlement
                for item in payout.items
                if item.rule.kind.is_award and item.entitlement is not None
            ),
            default=zero,
        )
        total = award_total(payout)
        assert reached == total
        assert zero <= total <= highest

    @HEAVY
    @given(policy_and_firm(combination="cumulative"), st.data())
    def test_cumulative_pays_each_payable_entitlement(
        self, drawn: tuple[IncentivePolicy, Enterprise], data: st.DataObject
    ) -> None:
        """Under cumulative, awards total the entitlements of the payable award items."""
        policy, firm = drawn
        ledger = data.draw(st.lists(lgst.payments(enterprise=firm, policy=policy), max_size=3))
        payout = policy.payout(firm, ledger=ledger)
        entitled = Money.total(
            (
                item.entitlement
                for item in payout.items
                if item.rule.kind.is_award
                and item.status is ItemStatus.PAYABLE
                and item.entitlement is not None
            ),
            currency=policy.currency,
        )
        assert entitled == award_total(payout)

    @HEAVY
    @given(policy_and_firm(), st.data())
    def test_designation_order_does_not_matter(
        self, drawn: tuple[IncentivePolicy, Enterprise], data: st.DataObject
    ) -> None:
        """Shuffling a firm's designations changes neither the items nor the total."""
        policy, firm = drawn
        shuffled = data.draw(st.permutations(firm.designations))
        again = Enterprise(
            firm.name,
            credit_code=firm.credit_code,
            region=firm.region,
            designations=shuffled,
            relocations=list(reversed(firm.relocations)),
            financials=list(reversed(firm.financials)),
        )
        before, after = policy.payout(firm), policy.payout(again)
        assert before.items == after.items
        assert before.total == after.total

    @HEAVY
    @given(policy_and_firm())
    def test_all_amounts_zero_pays_zero(self, drawn: tuple[IncentivePolicy, Enterprise]) -> None:
        """A policy evolved to pay zero for every rule pays zero, in every region."""
        policy, firm = drawn
        zeroed = policy.evolve(amounts={rule.id: "0" for rule in policy.rules})
        assert Money.zero(policy.currency) == zeroed.payout(firm).total

    def test_evolve_amounts_reaches_regional_amounts(self) -> None:
        """Setting a rule's amount by evolve replaces its regional amounts too (was a bug)."""
        rule = DesignationRule(
            id="national",
            level=DesignationLevel.NATIONAL,
            amount=Money("1200000", "CNY"),
            by_region=(RegionAmount((Region("440300"),), Money("1000000", "CNY")),),
        )
        policy = _policy(rule)
        firm = Enterprise(
            "示例科技有限公司",
            region="440305",
            designations=[Designation("national", date(2022, 8, 1))],
        )
        zeroed = policy.evolve(amounts={"national": "0"})
        assert Money.zero("CNY") == zeroed.payout(firm).total

    def test_ledger_order_does_not_matter_for_re_reviews(self) -> None:
        """Two re-review payments match the same re-reviews in either order (was a bug)."""
        rule = ReReviewRule(
            id="review",
            level=DesignationLevel.NATIONAL,
            amount=Money("100000", "CNY"),
        )
        policy = _policy(rule)
        reviews = [ReReview(date(2025, 7, 1), passed=True), ReReview(date(2028, 7, 1), passed=True)]
        firm = Enterprise(
            "示例科技有限公司",
            region="440305",
            designations=[Designation("national", date(2022, 8, 1), re_reviews=reviews)],
        )
        paid = [
            Payment(
                enterprise=firm,
                policy_id=policy.id,
                level="national",
                amount=Money("100000", "CNY"),
                paid_on=day,
                event="re-review",
            )
            for day in (date(2025, 8, 1), date(2028, 8, 1))
        ]
        forward, backward = policy.payout(firm, ledger=paid), policy.payout(firm, ledger=paid[::-1])
        assert forward.items == backward.items
        assert Money.zero("CNY") == forward.total

    @HEAVY
    @given(policy_and_firm(), st.data())
    def test_ledger_order_does_not_matter(
        self, drawn: tuple[IncentivePolicy, Enterprise], data: st.DataObject
    ) -> None:
        """The same earlier payments in any order give the same payout."""
        policy, firm = drawn
        events = [d.awarded_on for d in firm.designations] + [
            review.on for d in firm.designations for review in d.re_reviews
        ]
        near = st.sampled_from(events).flatmap(
            lambda day: st.integers(-30, 400).map(lambda n: day + dt.timedelta(days=n))
        )
        entry = lgst.payments(enterprise=firm, policy=policy).flatmap(
            lambda payment: st.builds(attrs.evolve, st.just(payment), paid_on=near)
        )
        ledger = data.draw(st.lists(entry, max_size=4))
        shuffled = data.draw(st.permutations(ledger))
        assert (
            policy.payout(firm, ledger=ledger).items == policy.payout(firm, ledger=shuffled).items
        )


def _policy(rule: Rule) -> IncentivePolicy:
    return IncentivePolicy(
        id="example",
        title="示例",
        document="示例〔2022〕1号",
        issuer="示例",
        jurisdiction=Region("440000"),
        currency="CNY",
        effective_from=None,
        effective_to=None,
        combination=Combination.CUMULATIVE,
        rules=(rule,),
    )


class TestTradeSummaries:
    @HEAVY
    @given(
        st.lists(lgst.enterprises(), min_size=1, max_size=3),
        st.data(),
        st.sampled_from([None, "region", "level", "enterprise"]),
    )
    def test_summary_of_a_union_is_the_sum_of_the_parts(
        self, firms: list[Enterprise], data: st.DataObject, by: str | None
    ) -> None:
        """summarize over disjoint parts, added with +, equals summarize over all records."""
        drawn = lgst.trade_records(enterprise=st.sampled_from(firms), currency="CNY")
        records = data.draw(st.lists(drawn, max_size=8))
        cut = data.draw(st.integers(0, len(records)))
        whole = summarize(records, currency="CNY", by=by)
        parts = summarize(records[:cut], currency="CNY", by=by) + summarize(
            records[cut:], currency="CNY", by=by
        )
        assert whole == parts

    @LIGHT
    @given(lgst.trade_records(enterprise=Enterprise("示例科技有限公司")))
    def test_previous_and_growth_lead_back_to_the_value(self, record: TradeRecord) -> None:
        """Growth applied to the prior-year value gives the value, to the stated place."""
        previous, growth = record.previous, record.growth
        if previous is None or growth is None or previous.amount == 0:
            return
        tolerance = previous.amount * Decimal("0.005") + 1
        assert abs(growth.apply(previous).amount - record.value.amount) <= tolerance


class TestDesignationValidity:
    @LIGHT
    @given(lgst.enterprises(), st.data())
    def test_level_on_is_held_unexpired_and_unrevoked(
        self, firm: Enterprise, data: st.DataObject
    ) -> None:
        """level_on names the highest level held that day: awarded, not expired, not revoked."""
        edges = [
            day + dt.timedelta(days=shift)
            for d in firm.designations
            for day in (d.awarded_on, d.expires_on, d.revoked_on or d.awarded_on)
            for shift in (-1, 0, 1)
        ]
        day = data.draw(st.sampled_from(edges) if edges else st.dates())
        held = [
            d.level
            for d in firm.designations
            if d.awarded_on <= day <= d.expires_on and (d.revoked_on is None or day < d.revoked_on)
        ]
        assert max(held, default=None) == firm.level_on(day)


class TestValueProperties:
    @LIGHT
    @given(lgst.money(places=st.integers(0, 4)))
    def test_money_repr_round_trips(self, amount: Money) -> None:
        """repr(money) evaluates back to an equal amount."""
        assert amount == eval(repr(amount), {"Money": Money})  # noqa: S307 - our own repr

    @LIGHT
    @given(lgst.periods(1, 9999))
    def test_period_text_round_trips(self, period: Period) -> None:
        """str(period) parses back to the same period, whatever its shape."""
        assert period == Period.parse(str(period))

    @LIGHT
    @given(lgst.growths(min_percent=-100, places=st.integers(0, 4)))
    def test_growth_text_round_trips(self, growth: Growth) -> None:
        """str(growth) parses back to the same growth."""
        assert growth == Growth.parse(str(growth))

    @LIGHT
    @given(lgst.money("CNY", min_value=1, max_value=10**9), lgst.growths())
    def test_growth_applied_then_inverted_returns_the_base(
        self, base: Money, growth: Growth
    ) -> None:
        """previous_of undoes apply, to 34 significant digits."""
        back = growth.previous_of(growth.apply(base))
        assert abs(back.amount - base.amount) <= base.amount.scaleb(-30)

    @LIGHT
    @given(lgst.rate_tables(base="USD", quote="CNY", min_size=1), st.dates())
    def test_rate_tables_use_the_latest_rate_on_or_before(self, table: RateTable, on: date) -> None:
        """A lookup returns the latest rate dated on or before the day, or finds none."""
        earlier = [rate for rate in table if rate.on <= on]
        if not earlier:
            return
        assert max(earlier, key=lambda rate: rate.on) == table.rate("USD", "CNY", on=on)

    @LIGHT
    @given(lgst.money(currency="CNY", min_value=0), st.lists(st.integers(0, 9)).filter(any))
    def test_allocation_of_drawn_money_sums_exactly(self, amount: Money, ratios: list[int]) -> None:
        """Splitting a drawn amount never loses a fen."""
        assert amount == Money.total(amount.allocate(ratios), currency="CNY")

    @LIGHT
    @given(lgst.policy_rules(kind="percentage"))
    def test_percentage_rules_read_money_figures(self, rule: Rule) -> None:
        """Percentage rules read a FinancialYear figure that is money, at 0–100 per cent."""
        assert rule.figure in FIGURES & set(get_args(MoneyFigure))
        assert rule.percent is not None
        assert 0 <= rule.percent <= 100
