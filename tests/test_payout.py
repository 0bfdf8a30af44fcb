"""Tests of littlegiants.policy.engine: items, explanations, reports, comparisons, the ledger."""

from __future__ import annotations

import re
from datetime import date

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from littlegiants import (
    CurrencyMismatchError,
    Designation,
    DesignationLevel,
    Enterprise,
    FinancialYear,
    IncentivePolicy,
    ItemStatus,
    Money,
    Payment,
    PolicyFileError,
    Profile,
    Relocation,
    ReReview,
    compare,
    load_policy,
)
from littlegiants import strategies as lgst
from littlegiants.financials import PROFILE_FLAGS
from littlegiants.policy import Condition, ConditionStatus

SHENZHEN = load_policy("shenzhen-2022")


def firm(
    name: str = "示例科技有限公司", region: str | None = "440305", **levels: date
) -> Enterprise:
    return Enterprise(
        name,
        region=region,
        designations=[Designation(level, on) for level, on in levels.items()],
    )


class TestExplain:
    def test_english_trace_names_document_rules_and_sources(self) -> None:
        """The English trace lists each item, the parameters read and the sources."""
        text = SHENZHEN.payout(firm(national=date(2022, 8, 1))).explain(locale="en_US")
        assert "深府〔2022〕31号" in text
        assert "up to CN¥500,000.00" in text
        assert "shenzhen-2022.rules.national.amount = 500000 CNY [2022-04-08..2025-12-31" in text
        assert "https://chinaflashmarket.com/a/176934" in text

    def test_chinese_trace(self) -> None:
        """The Chinese trace uses Chinese words and zh_CN amounts."""
        text = SHENZHEN.payout(firm(national=date(2022, 8, 1))).explain(locale="zh_CN")
        assert "国家级认定：最高¥500,000.00" in text
        assert "合计：¥500,000.00" in text

    def test_chinese_item_lines_have_no_english(self) -> None:
        """Every item of the Chinese trace is Chinese, whatever its status, but for the rule id."""
        jingan = load_policy("jingan")
        firm = Enterprise(
            "示例静安有限公司",
            region="310106",
            designations=[
                Designation("municipal", date(2019, 3, 1)),
                Designation("municipal", date(2024, 3, 1)),
                Designation("provincial", date(2024, 4, 1)),
                Designation("national", date(2024, 8, 1), key=True),
            ],
            relocations=[Relocation(date(2024, 2, 1), "310101", "310106")],
        )
        payout = jingan.payout(firm, as_of=date(2025, 1, 1))
        statuses = {item.status for item in payout.items}
        assert {ItemStatus.NOT_ELIGIBLE, ItemStatus.MISSING_DATA, ItemStatus.PAYABLE} <= statuses
        for item in payout.items:
            line = item.describe(locale="zh_CN").replace(f"规则 {item.rule.id}", "")
            assert re.search("[A-Za-z]", line) is None, line

    def test_every_zero_is_explained(self) -> None:
        """An item outside the period says so, with the dates."""
        payout = SHENZHEN.payout(firm(national=date(2022, 4, 7)))
        (item,) = payout.items
        assert ItemStatus.OUTSIDE_PERIOD is item.status
        assert "2022-04-07 is outside 2022-04-08 to 2025-12-31" in item.reason()

    def test_no_events(self) -> None:
        """An enterprise without designations gets an empty payout that says why."""
        payout = SHENZHEN.payout(firm())
        assert Money(0, "CNY") == payout.total
        assert "no designation" in payout.explain(locale="en_US")


class TestReport:
    def test_totals_by_level_and_unevaluated(self) -> None:
        """A report totals by level and lists enterprises that lack data."""
        firms = [
            firm("甲", municipal=date(2022, 6, 1), national=date(2023, 8, 1)),
            firm("乙", provincial=date(2023, 1, 1)),
            firm("丙", region=None, national=date(2023, 1, 1)),
        ]
        report = SHENZHEN.payouts(firms, as_of=date(2024, 1, 1))
        assert Money(800000, "CNY") == report.total
        assert {
            DesignationLevel.MUNICIPAL: Money(100000, "CNY"),
            DesignationLevel.PROVINCIAL: Money(200000, "CNY"),
            DesignationLevel.NATIONAL: Money(500000, "CNY"),
        } == report.by_level()
        ((unknown, reason),) = report.unevaluated
        assert "丙" == unknown.name
        assert "region is unknown" in reason

    def test_budget_of_enterprises_is_their_payouts(self) -> None:
        """Budgeting real enterprises adds their payouts: up to the ceilings the source gives."""
        firms = [firm("甲", national=date(2023, 8, 1)), firm("乙", provincial=date(2023, 1, 1))]
        budget = SHENZHEN.budget(firms)
        assert (Money(700000, "CNY"), True, ()) == (
            budget.total,
            budget.is_upper_bound,
            budget.unknown,
        )
        assert [("national", 1), ("provincial", 1)] == sorted(
            (line.rule or "", line.count) for line in budget.lines
        )

    def test_budget_of_enterprises_lists_those_it_cannot_cost(self) -> None:
        """A firm whose region is unknown is left out of the total and named, never costed zero."""
        firms = [
            firm("甲", national=date(2023, 8, 1)),
            firm("丙", region=None, national=date(2023, 1, 1)),
        ]
        budget = SHENZHEN.budget(firms, as_of=date(2024, 1, 1))
        assert Money(500000, "CNY") == budget.total
        [missing] = budget.unknown
        assert "丙 under shenzhen-2022: the registered region is unknown" == missing.en


class TestLedger:
    def test_payment_accepts_an_enterprise_or_its_key(self) -> None:
        """A payment names the enterprise by object or key; the level by text."""
        payment = Payment(
            enterprise=firm(),
            policy_id="shenzhen-2022",
            level="国家级",
            amount=Money(500000, "CNY"),
            paid_on=date(2022, 12, 1),
        )
        assert "示例科技有限公司" == payment.enterprise
        assert DesignationLevel.NATIONAL is payment.level

    def test_payments_under_other_policies_do_not_count(self) -> None:
        """Only payments under the same policy count as already paid."""
        elsewhere = Payment(
            enterprise="示例科技有限公司",
            policy_id="guangzhou-2022",
            level="national",
            amount=Money(1000000, "CNY"),
            paid_on=date(2022, 12, 1),
        )
        payout = SHENZHEN.payout(firm(national=date(2022, 8, 1)), ledger=[elsewhere])
        assert Money(500000, "CNY") == payout.total


class TestCompare:
    def test_per_enterprise_and_total_differences(self) -> None:
        """A reform's effect shows per enterprise and in total."""
        reform = SHENZHEN.evolve(amounts={"national": "800000", "municipal": "0"})
        firms = [firm("甲", municipal=date(2022, 6, 1)), firm("乙", national=date(2023, 1, 1))]
        comparison = compare(SHENZHEN, reform, firms)
        assert [Money(-100000, "CNY"), Money(300000, "CNY")] == [
            row.difference for row in comparison.rows
        ]
        assert Money(200000, "CNY") == comparison.difference

    def test_currencies_must_match(self) -> None:
        """Policies in different currencies cannot be compared."""
        rules = tuple(attrs.evolve(r, amount=Money(r.amount.amount, "HKD")) for r in SHENZHEN.rules)
        other = SHENZHEN.evolve(currency="HKD", rules=rules)
        with pytest.raises(CurrencyMismatchError):
            compare(SHENZHEN, other, [])


class TestPercentage:
    def test_reads_the_year_before_the_event(self) -> None:
        """Pudong reads the super-deduction of the calendar year before the award."""
        pudong = load_policy("pudong")
        enterprise = Enterprise(
            "示例浦东有限公司",
            region="310115",
            designations=[Designation("national", date(2023, 8, 1))],
            financials=[
                FinancialYear(2022, rd_super_deduction=Money(2000000, "CNY")),
                FinancialYear(2023, rd_super_deduction=Money(9000000, "CNY")),
            ],
        )
        assert Money(200000, "CNY") == pudong.payout(enterprise).total


def make_policy(
    rules: str, *, head: str = "", jurisdiction: str = "310000", tail: str = ""
) -> IncentivePolicy:
    """A policy file of the format's examples: the given rules, and tables after them."""
    text = f"""\
id = "demo"
title = "示例"
document = "示例〔2026〕1号"
issuer = "示例"
jurisdiction = "{jurisdiction}"
currency = "CNY"
confidence = "Low"
combination = "cumulative"
{head}
[effective]
start = 2020-01-01
end = 2028-12-31

[[sources]]
url = "https://example.invalid"
kind = "summary"

{rules}
{tail}"""
    return IncentivePolicy.from_toml_text(text, path="demo.toml")


NATIONAL = """
[[rules]]
id = "national"
kind = "designation"
level = "national"
amount = "500000"
"""

LINGANG_ZONE = """
[zone]
name = "中国（上海）自由贸易试验区临港新片区"
aliases = ["临港新片区"]
divisions = ["310000"]
extent = "part"
source = { url = "https://zhengcejia.com/news/55313.html", kind = "summary" }
"""


def zoned(region: str, zones: list[str] | None) -> Enterprise:
    return Enterprise(
        "示例临港有限公司",
        region=region,
        designations=[Designation("national", date(2024, 8, 1))],
        profile=None if zones is None else Profile(zones=zones),
    )


class TestZones:
    def test_a_member_of_a_part_zone_is_paid(self) -> None:
        """A firm whose profile records the zone (by its name or an alias) is inside it."""
        policy = make_policy(NATIONAL, tail=LINGANG_ZONE)
        payout = policy.payout(zoned("310115", ["临港新片区"]))
        assert [ItemStatus.PAYABLE] == [item.status for item in payout.items]

    def test_unknown_membership_is_missing_data(self) -> None:
        """Inside the zone's divisions but with no zones recorded: missing data, not zero."""
        policy = make_policy(NATIONAL, tail=LINGANG_ZONE)
        [item] = policy.payout(zoned("310115", None)).items
        assert (ItemStatus.MISSING_DATA, None) == (item.status, item.amount)
        assert "registered in 中国（上海）自由贸易试验区临港新片区 is unknown" in (
            item.detail or ""
        )

    def test_a_recorded_non_member_is_outside(self) -> None:
        """Zones recorded without this one: outside the jurisdiction."""
        policy = make_policy(NATIONAL, tail=LINGANG_ZONE)
        [item] = policy.payout(zoned("310115", [])).items
        assert ItemStatus.OUTSIDE_JURISDICTION is item.status

    def test_outside_the_divisions_needs_no_membership(self) -> None:
        """A firm outside every division of the zone is outside, whatever its zones say."""
        policy = make_policy(NATIONAL, tail=LINGANG_ZONE)
        [item] = policy.payout(zoned("440305", None)).items
        assert ItemStatus.OUTSIDE_JURISDICTION is item.status
        assert "中国（上海）自由贸易试验区临港新片区 (310000)" in (item.detail or "")

    def test_a_whole_zone_is_decided_by_divisions(self) -> None:
        """A zone made of whole divisions covers exactly them; no membership fact is needed."""
        whole = LINGANG_ZONE.replace('extent = "part"', 'extent = "whole"').replace(
            '["310000"]', '["310115", "310120"]'
        )
        policy = make_policy(NATIONAL, tail=whole)
        statuses = [
            policy.payout(zoned(code, None)).items[0].status for code in ("310120", "310101")
        ]
        assert [ItemStatus.PAYABLE, ItemStatus.OUTSIDE_JURISDICTION] == statuses


FIRST_TIME = NATIONAL + "first_time = true\n"


class TestFirstTime:
    def test_an_earlier_recognition_of_the_level_is_not_first_time(self) -> None:
        """Recognised in 2019 and again in 2024: the 2024 designation is not a first recognition."""
        policy = make_policy(FIRST_TIME, jurisdiction="330100")
        firm = Enterprise(
            "示例杭州有限公司",
            region="330106",
            designations=[
                Designation("national", date(2019, 6, 1)),
                Designation("national", date(2024, 8, 1)),
            ],
        )
        items = policy.payout(firm).items
        assert [ItemStatus.OUTSIDE_PERIOD, ItemStatus.NOT_ELIGIBLE] == [i.status for i in items]
        assert "an earlier national designation on 2019-06-01" in (items[1].detail or "")

    def test_another_level_earlier_does_not_count(self) -> None:
        """A provincial recognition before the first national one leaves it first-time."""
        policy = make_policy(FIRST_TIME, jurisdiction="330100")
        firm = Enterprise(
            "示例杭州有限公司",
            region="330106",
            designations=[
                Designation("provincial", date(2021, 6, 1)),
                Designation("national", date(2024, 8, 1)),
            ],
        )
        assert Money(500000, "CNY") == policy.payout(firm).total

    def test_without_the_flag_a_re_designation_is_only_once_paid(self) -> None:
        """Without first_time the earlier out-of-period designation does not block the later one."""
        policy = make_policy(NATIONAL, jurisdiction="330100")
        firm = Enterprise(
            "示例杭州有限公司",
            region="330106",
            designations=[
                Designation("national", date(2019, 6, 1)),
                Designation("national", date(2024, 8, 1)),
            ],
        )
        assert Money(500000, "CNY") == policy.payout(firm).total

    def test_only_award_rules_can_be_first_time(self) -> None:
        """A re-review or relocation rule with first_time is refused where it is written."""
        rule = FIRST_TIME.replace('kind = "designation"', 'kind = "re-review"')
        with pytest.raises(PolicyFileError) as info:
            make_policy(rule)
        assert info.value.location is not None
        assert "rules[0].first_time" == info.value.location.field


MATCHING = """
[[rules]]
id = "key-matching"
kind = "designation"
level = "national"
key = true
amount = "1500000"
percent = "100"
figure = "central_funds_received"
figure_year = "event"
"""


def key_firm(*figures: FinancialYear) -> Enterprise:
    return Enterprise(
        "示例静安有限公司",
        region="310106",
        designations=[Designation("national", date(2024, 8, 1), key=True)],
        financials=figures,
    )


class TestFigureDependentAmounts:
    @pytest.mark.parametrize(
        ("received", "paid"), [("1200000", "1200000"), ("2000000", "1500000"), ("0", "0")]
    )
    def test_matching_pays_the_figure_of_the_events_year_up_to_the_cap(
        self, received: str, paid: str
    ) -> None:
        """1:1 matching of the central funds received in the year of the key designation."""
        figures = FinancialYear(2024, central_funds_received=Money(received, "CNY"))
        payout = make_policy(MATCHING).payout(key_firm(figures))
        assert Money(paid, "CNY") == payout.total

    def test_an_absent_figure_is_missing_data(self) -> None:
        """Without the central funds received, the item is missing data, never zero."""
        other_year = FinancialYear(2023, central_funds_received=Money("900000", "CNY"))
        payout = make_policy(MATCHING).payout(key_firm(other_year))
        [item] = payout.items
        assert (ItemStatus.MISSING_DATA, None, False) == (
            item.status,
            item.amount,
            payout.is_complete,
        )
        assert "central_funds_received for 2024 is unknown" == item.detail

    def test_a_relocation_can_pay_a_share_of_the_previous_year(self) -> None:
        """A move-in rule with a percent reads the figure of the year before the move."""
        rule = """
[[rules]]
id = "moving-in"
kind = "relocation"
level = "national"
amount = "1000000"
percent = "10"
figure = "rd_super_deduction"
"""
        firm = Enterprise(
            "示例迁入有限公司",
            region="310115",
            designations=[Designation("national", date(2022, 8, 1))],
            relocations=[Relocation(date(2024, 3, 1), "440305", "310115")],
            financials=[FinancialYear(2023, rd_super_deduction=Money("3000000", "CNY"))],
        )
        payout = make_policy(rule, jurisdiction="310115").payout(firm)
        assert Money("300000", "CNY") == payout.total

    @pytest.mark.parametrize(
        ("old", "new", "key"),
        [
            ('percent = "100"\n', "", "rules[0].figure"),
            ('figure_year = "event"', 'figure_year = "first"', "rules[0].figure_year"),
            ('figure = "central_funds_received"', 'figure = "profit"', "rules[0].figure"),
        ],
    )
    def test_share_problems_are_located(self, old: str, new: str, key: str) -> None:
        """A figure without a percent, or an unknown figure or year, is located."""
        with pytest.raises(PolicyFileError) as info:
            make_policy(MATCHING.replace(old, new))
        assert info.value.location is not None
        assert key == info.value.location.field


CONDITIONS = """
[[conditions]]
id = "not-abnormal"
fact = "abnormal_operations_listed"
expected = false
text = "Not on the abnormal-operations list."

[[conditions]]
id = "no-tax-evasion"
fact = "tax_evasion_in_3_years"
expected = false
text = "No tax evasion in the last 3 years."
"""


def profiled(profile: Profile | None) -> Enterprise:
    return Enterprise(
        "示例广东有限公司",
        region="440604",
        designations=[Designation("national", date(2024, 8, 1))],
        profile=profile,
    )


class TestConditions:
    def test_all_met_pays_and_says_so(self) -> None:
        """With every condition met the item is payable and lists them as met."""
        policy = make_policy(NATIONAL, jurisdiction="440000", tail=CONDITIONS)
        facts = Profile(abnormal_operations_listed=False, tax_evasion_in_3_years=False)
        payout = policy.payout(profiled(facts))
        [item] = payout.items
        assert (ItemStatus.PAYABLE, [ConditionStatus.MET] * 2, ()) == (
            item.status,
            [check.status for check in item.conditions],
            payout.unknown_conditions,
        )

    def test_one_not_met_makes_the_item_not_eligible_with_the_reason(self) -> None:
        """A firm on the abnormal-operations list gets a not-eligible item naming the condition."""
        policy = make_policy(NATIONAL, jurisdiction="440000", tail=CONDITIONS)
        payout = policy.payout(profiled(Profile(abnormal_operations_listed=True)))
        [item] = payout.items
        assert (ItemStatus.NOT_ELIGIBLE, Money(0, "CNY")) == (item.status, item.amount)
        assert (
            "condition not-abnormal not met (Not on the abnormal-operations list.)" == item.detail
        )

    def test_unknown_facts_are_reported_not_assumed(self) -> None:
        """Without the facts the item stays payable, and the payout names what is still open."""
        policy = make_policy(NATIONAL, jurisdiction="440000", tail=CONDITIONS)
        payout = policy.payout(profiled(None))
        [item] = payout.items
        assert [ConditionStatus.UNKNOWN] * 2 == [check.status for check in item.conditions]
        assert ["not-abnormal", "no-tax-evasion"] == [c.id for c in payout.unknown_conditions]
        text = payout.explain(locale="en_US")
        assert "conditions: not-abnormal unknown; no-tax-evasion unknown" in text
        assert "if the conditions the data leave open hold: not-abnormal, no-tax-evasion" in text
        assert "条件：not-abnormal 未知" in payout.explain(locale="zh_CN")

    def test_conditions_are_not_checked_for_items_that_fail_earlier(self) -> None:
        """An item outside the jurisdiction carries no condition checks."""
        policy = make_policy(NATIONAL, jurisdiction="440000", tail=CONDITIONS)
        firm = attrs.evolve(profiled(None), region="310115")
        [item] = policy.payout(firm).items
        assert (ItemStatus.OUTSIDE_JURISDICTION, ()) == (item.status, item.conditions)

    @pytest.mark.parametrize(
        ("old", "new", "key"),
        [
            (
                'fact = "abnormal_operations_listed"',
                'fact = "years_in_niche"',
                "conditions[0].fact",
            ),
            (
                'expected = false\ntext = "Not',
                'expected = "no"\ntext = "Not',
                "conditions[0].expected",
            ),
            ('id = "no-tax-evasion"', 'id = "not-abnormal"', "conditions[1].id"),
            ('text = "No tax', 'txt = "No tax', "conditions[1].txt"),
        ],
    )
    def test_condition_problems_are_located(self, old: str, new: str, key: str) -> None:
        """A condition on a fact that is not yes/no, or a bad key, is located."""
        assert old in CONDITIONS
        with pytest.raises(PolicyFileError) as info:
            make_policy(NATIONAL, jurisdiction="440000", tail=CONDITIONS.replace(old, new))
        assert info.value.location is not None
        assert (key, True) == (info.value.location.field, info.value.location.line is not None)

    def test_the_policy_table_lists_the_conditions(self) -> None:
        """render_policy shows each condition with the fact it reads."""
        from littlegiants.policy import render_policy

        text = render_policy(make_policy(NATIONAL, tail=CONDITIONS), locale="en_US")
        expected = (
            "    - not-abnormal: Not on the abnormal-operations list. "
            "[abnormal_operations_listed = false]"
        )
        assert expected in text


SHANGHAI_LEVELS = """
[[rules]]
id = "municipal"
kind = "designation"
level = "municipal"
amount = "250000"

[[rules]]
id = "provincial-recorded"
kind = "designation"
level = "provincial"
not_rewarded = "Shanghai's own recognition is the municipal (市级) tier: record it as municipal."

[[rules]]
id = "municipal-moving-in"
kind = "relocation"
level = "municipal"
amount = "300000"
up_to = true

[[rules]]
id = "national-moving-in"
kind = "relocation"
level = "national"
amount = "600000"
up_to = true

[[rules]]
id = "municipal-re-review"
kind = "re-review"
level = "municipal"
amount = "100000"
"""


class TestNotRewarded:
    def test_a_level_the_policy_does_not_reward_gets_an_item_with_the_reason(self) -> None:
        """A firm recorded at provincial level under a Shanghai policy is told why, not ignored."""
        policy = make_policy(SHANGHAI_LEVELS, jurisdiction="310106")
        payout = policy.payout(firm(region="310106", provincial=date(2024, 5, 1)))
        [item] = payout.items
        assert (ItemStatus.NOT_ELIGIBLE, Money(0, "CNY")) == (item.status, item.amount)
        assert "record it as municipal" in (item.detail or "")

    def test_a_level_the_policy_has_no_rule_for_gets_an_item_saying_so(self) -> None:
        """No provincial rule at all: a not-eligible item naming the level, in both languages."""
        policy = make_policy(NATIONAL, jurisdiction="310106")
        payout = policy.payout(firm(region="310106", provincial=date(2024, 5, 1)))
        [item] = payout.items
        assert (ItemStatus.NOT_ELIGIBLE, Money(0, "CNY"), "no-provincial-rule") == (
            item.status,
            item.amount,
            item.rule.id,
        )
        assert "the policy has no rule rewarding a provincial designation" == item.detail
        assert "不予奖励：不符合条件（本政策不奖励省级认定）" == item.reason(locale="zh_CN")
        assert ["demo.combination"] == [p.name for p in payout.parameters()]  # reads no rule

    @pytest.mark.parametrize(
        ("region", "awarded"),
        [("440305", date(2024, 5, 1)), ("310106", date(2019, 5, 1)), (None, date(2024, 5, 1))],
        ids=["outside-jurisdiction", "outside-period", "region-unknown"],
    )
    def test_outside_the_policys_reach_a_level_it_has_no_rule_for_gets_no_item(
        self, region: str | None, awarded: date
    ) -> None:
        """Only inside the jurisdiction and the period is the firm told its level is not paid."""
        policy = make_policy(NATIONAL, jurisdiction="310106")
        assert () == policy.payout(firm(region=region, provincial=awarded)).items

    def test_evolving_amounts_by_level_leaves_it_alone(self) -> None:
        """A what-if by level name changes the paying rules only."""
        policy = make_policy(SHANGHAI_LEVELS, jurisdiction="310106")
        reform = policy.evolve(amounts={"provincial": "1", "municipal": "2"})
        assert reform.rule("provincial-recorded") == policy.rule("provincial-recorded")
        assert Money(2, "CNY") == reform.rule("municipal").amount

    @pytest.mark.parametrize("key", ['amount = "1"', "up_to = true", 'percent = "10"'])
    def test_a_rule_that_is_not_rewarded_has_no_amount(self, key: str) -> None:
        """An amount (or a percent, or up_to) beside not_rewarded is refused where written."""
        rules = SHANGHAI_LEVELS.replace(
            'not_rewarded = "Shanghai', f'{key}\nnot_rewarded = "Shanghai'
        )
        with pytest.raises(PolicyFileError) as info:
            make_policy(rules, jurisdiction="310106")
        assert info.value.location is not None
        assert info.value.location.field == "rules[1]." + key.split(" ", maxsplit=1)[0]


class TestMovesAndReReviews:
    def test_a_move_is_rewarded_once_at_the_highest_level_held(self) -> None:
        """A little giant moving in gets the little-giant amount, not both move-in amounts."""
        policy = make_policy(SHANGHAI_LEVELS, jurisdiction="310106")
        mover = Enterprise(
            "示例迁入有限公司",
            region="310106",
            designations=[
                Designation("municipal", date(2021, 3, 1)),
                Designation("national", date(2022, 8, 1)),
            ],
            relocations=[Relocation(date(2024, 3, 1), "310115", "310106")],
        )
        moves = [item for item in policy.payout(mover).items if item.relocation is not None]
        assert [
            ("municipal-moving-in", ItemStatus.SUPERSEDED, Money(0, "CNY")),
            ("national-moving-in", ItemStatus.PAYABLE, Money(600000, "CNY")),
        ] == [(item.rule.id, item.status, item.amount) for item in moves]
        assert "by rule national-moving-in" in (moves[0].detail or "")

    def test_a_municipal_firm_moving_in_gets_the_municipal_amount(self) -> None:
        """A Shanghai 专精特新 firm moving in gets the municipal move-in amount."""
        policy = make_policy(SHANGHAI_LEVELS, jurisdiction="310106")
        mover = Enterprise(
            "示例迁入有限公司",
            region="310106",
            designations=[Designation("municipal", date(2023, 3, 1))],
            relocations=[Relocation(date(2024, 3, 1), "310115", "310106")],
        )
        assert Money(300000, "CNY") == policy.payout(mover).total

    def test_a_municipal_re_review_is_rewarded(self) -> None:
        """A passed re-review of a municipal designation pays the municipal re-review rule."""
        policy = make_policy(SHANGHAI_LEVELS, jurisdiction="310106")
        reviewed = Designation(
            "municipal", date(2021, 3, 1), re_reviews=[ReReview(date(2024, 2, 1), passed=True)]
        )
        payout = policy.payout(
            Enterprise("示例复核有限公司", region="310106", designations=[reviewed])
        )
        assert [
            ("municipal", Money(250000, "CNY")),
            ("municipal-re-review", Money(100000, "CNY")),
        ] == [(item.rule.id, item.amount) for item in payout.items]


WINDOWED = """
[[rules]]
id = "national"
kind = "designation"
level = "national"
amount = "400000"
designated_from = 2022-10-01

[[rules]]
id = "national-on-re-review"
kind = "re-review"
level = "national"
amount = "400000"
designated_before = 2022-10-01
"""


class TestDesignatedWindows:
    def test_an_earlier_designation_claims_on_its_re_review(self) -> None:
        """Announced before October 2022: not paid on recognition, paid with the re-review."""
        policy = make_policy(WINDOWED, jurisdiction="310101")
        reviewed = Designation(
            "national", date(2021, 7, 1), re_reviews=[ReReview(date(2024, 6, 1), passed=True)]
        )
        items = policy.payout(
            Enterprise("示例黄浦有限公司", region="310101", designations=[reviewed])
        ).items
        assert [
            ("national", ItemStatus.NOT_ELIGIBLE),
            ("national-on-re-review", ItemStatus.PAYABLE),
        ] == [(item.rule.id, item.status) for item in items]
        assert (
            "designated on 2021-07-01; this rule is for designations from 2022-10-01"
            == items[0].detail
        )

    def test_a_later_designation_is_paid_on_recognition(self) -> None:
        """Announced from October 2022: paid on recognition; the re-review rule does not apply."""
        policy = make_policy(WINDOWED, jurisdiction="310101")
        reviewed = Designation(
            "national", date(2022, 10, 1), re_reviews=[ReReview(date(2025, 9, 1), passed=True)]
        )
        items = policy.payout(
            Enterprise("示例黄浦有限公司", region="310101", designations=[reviewed])
        ).items
        assert [ItemStatus.PAYABLE, ItemStatus.NOT_ELIGIBLE] == [item.status for item in items]

    @pytest.mark.parametrize(
        ("old", "new", "key"),
        [
            (
                "designated_from = 2022-10-01",
                'designated_from = "2022-10"',
                "rules[0].designated_from",
            ),
            ('kind = "re-review"', 'kind = "relocation"', "rules[1].designated_before"),
            (
                "designated_from = 2022-10-01",
                "designated_from = 2022-10-01\ndesignated_before = 2022-01-01",
                "rules[0].designated_before",
            ),
        ],
    )
    def test_window_problems_are_located(self, old: str, new: str, key: str) -> None:
        """A window that is not a date, on a relocation, or empty is located."""
        with pytest.raises(PolicyFileError) as info:
            make_policy(WINDOWED.replace(old, new, 1), jurisdiction="310101")
        assert info.value.location is not None
        assert key == info.value.location.field


# -- properties of the new rules, on drawn policies and firms --------------------------------------


@st.composite
def policy_and_firm(draw: st.DrawFn) -> tuple[IncentivePolicy, Enterprise]:
    """A drawn policy and a firm registered inside its jurisdiction, with any history."""
    place = draw(lgst.regions())
    policy = draw(lgst.incentive_policies(jurisdiction=place))
    designations = draw(st.lists(lgst.designations(), max_size=4))
    return policy, draw(
        lgst.enterprises(region=lgst.regions(within=place), designations=designations)
    )


#: Drawing a policy and a firm inside it takes 20-200 ms on the shared 2-core machine; under the
#: load of other sessions Hypothesis's too_slow health check (and its deadline) failed a run now
#: and then though every drawn example passed. The examples drawn are the same either way.
SLOW_DRAW = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


class TestProperties:
    @SLOW_DRAW
    @given(policy_and_firm(), st.sampled_from(PROFILE_FLAGS), st.booleans())
    def test_a_condition_not_met_leaves_nothing_payable(
        self, drawn: tuple[IncentivePolicy, Enterprise], fact: str, value: bool
    ) -> None:
        """Whatever the policy, a firm that fails a condition is paid nothing, item by item."""
        policy, firm = drawn
        condition = Condition(id="drawn", fact=fact, expected=not value, text="A drawn condition.")
        strict = attrs.evolve(policy, conditions=(condition,))
        failing = attrs.evolve(firm, profile=Profile(**{fact: value}))
        payout = strict.payout(failing)
        assert ItemStatus.PAYABLE not in {item.status for item in payout.items}
        assert all(item.amount is None or not item.amount for item in payout.items)

    @SLOW_DRAW
    @given(policy_and_firm())
    def test_first_time_pays_at_most_one_designation_per_level(
        self, drawn: tuple[IncentivePolicy, Enterprise]
    ) -> None:
        """With every award rule first-time, only a level's earliest designation can pay."""
        policy, firm = drawn
        rules = tuple(
            attrs.evolve(rule, first_time=True) if rule.kind.is_award else rule
            for rule in policy.rules
        )
        payout = attrs.evolve(policy, rules=rules).payout(firm)
        earliest = {}
        for designation in firm.designations:
            earliest.setdefault(designation.level, designation.awarded_on)
        for item in payout.items:
            if item.rule.kind.is_award and item.status is ItemStatus.PAYABLE:
                assert item.designation is not None
                assert earliest[item.level] == item.designation.awarded_on

    @SLOW_DRAW
    @given(policy_and_firm())
    def test_every_designation_in_reach_gets_an_item(
        self, drawn: tuple[IncentivePolicy, Enterprise]
    ) -> None:
        """A designation in the period, made inside the jurisdiction, is always answered."""
        policy, firm = drawn
        answered = {item.designation for item in policy.payout(firm).items}
        for designation in firm.designations:
            region = firm.region_on(designation.awarded_on)
            if (
                policy.is_in_force(designation.awarded_on)
                and region is not None
                and policy.covers(region)
            ):
                assert designation in answered

    @SLOW_DRAW
    @given(policy_and_firm())
    def test_a_move_is_paid_once(self, drawn: tuple[IncentivePolicy, Enterprise]) -> None:
        """However many relocation rules a policy has, each move pays at most one of them."""
        policy, firm = drawn
        paid = [
            item.relocation
            for item in policy.payout(firm).items
            if item.relocation is not None and item.status is ItemStatus.PAYABLE
        ]
        assert len(paid) == len(set(paid))
