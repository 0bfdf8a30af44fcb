"""Tests of littlegiants.policy.sets: stacked policies, their relations, budgets and comparisons.

The relation semantics are tested on MADE-UP policy files (tests/data/policies/made-up-*.toml):
no bundled policy states a relation, because no source read says how one issuer's reward
combines with another's.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from littlegiants import (
    CurrencyMismatchError,
    Designation,
    Enterprise,
    FinancialYear,
    InvalidRecordError,
    Money,
    PolicyFileError,
    UnknownPolicyError,
    load_policy,
    policies,
)
from littlegiants import strategies as lgst
from littlegiants.policy import (
    Coverage,
    IncentivePolicy,
    ItemStatus,
    Payment,
    PolicySet,
    RelationKind,
    compare,
    match,
)

MADE_UP = Path(__file__).parent / "data" / "policies"
CITY = IncentivePolicy.from_toml(MADE_UP / "made-up-city.toml")
TOP_UP = IncentivePolicy.from_toml(MADE_UP / "made-up-district-top-up.toml")
EXCLUSIVE = IncentivePolicy.from_toml(MADE_UP / "made-up-district-exclusive.toml")
LONGGANG = ("guangdong-2022", "shenzhen-2022", "longgang-2025")


def firm(region: str = "440307", **levels: date) -> Enterprise:
    return Enterprise(
        "示例龙岗有限公司",
        region=region,
        designations=[Designation(level, on) for level, on in levels.items()],
    )


def amounts(stacked: object) -> dict[str, str]:
    return {policy_id: str(total) for policy_id, total in stacked.by_policy().items()}  # type: ignore[attr-defined]


class TestRelationsInFiles:
    def test_a_relation_reads(self) -> None:
        """kind, the other policies, the quote and a note are read."""
        [relation] = TOP_UP.relations
        assert (RelationKind.TOP_UP, ("made-up-city",)) == (relation.kind, relation.policies)
        assert relation is TOP_UP.relation_to("made-up-city")
        assert TOP_UP.relation_to("shenzhen-2022") is None

    @pytest.mark.parametrize(
        ("old", "new", "key", "reason"),
        [
            ('kind = "top-up"', 'kind = "pays-less"', "relations[0].kind", "one of top-up"),
            ('["made-up-city"]', "[]", "relations[0].policies", "name the ids"),
            ('["made-up-city"]', '["Made Up"]', "relations[0].policies[0]", "a policy id"),
            (
                '["made-up-city"]',
                '["made-up-district-top-up"]',
                "relations[0].policies[0]",
                "does not relate to itself",
            ),
            ('quote = "已获', 'quoted = "已获', "relations[0].quoted", "unknown key"),
        ],
    )
    def test_relation_problems_are_located(self, old: str, new: str, key: str, reason: str) -> None:
        """Each problem of a relation names its key path and line."""
        text = (MADE_UP / "made-up-district-top-up.toml").read_text(encoding="utf-8")
        assert old in text
        with pytest.raises(PolicyFileError) as info:
            IncentivePolicy.from_toml_text(text.replace(old, new), path="d.toml")
        assert info.value.location is not None
        assert (key, True) == (info.value.location.field, info.value.location.line is not None)
        assert reason in str(info.value)

    def test_a_policy_is_named_in_one_relation(self) -> None:
        """Two relations naming the same policy are refused at the second."""
        text = (MADE_UP / "made-up-district-top-up.toml").read_text(encoding="utf-8")
        second = '[[relations]]\nkind = "exclusive"\npolicies = ["made-up-city"]\nquote = "x"\n'
        twice = text.replace("[[rules]]", second + "\n[[rules]]", 1)
        with pytest.raises(PolicyFileError, match="another relation already names") as info:
            IncentivePolicy.from_toml_text(twice, path="d.toml")
        assert "relations[1].policies[0]" == info.value.location.field

    def test_a_bundled_relation_quotes_its_source(self) -> None:
        """The catalogue's standard: a relation is never inferred, so it quotes the source."""
        text = (MADE_UP / "made-up-district-top-up.toml").read_text(encoding="utf-8")
        unquoted = text.replace('quote = "已获市级同类奖励的，按差额补足（虚构）"\n', "")
        with pytest.raises(PolicyFileError, match="a required key is missing") as info:
            IncentivePolicy.from_toml_text(unquoted, path="d.toml", bundled=True)
        assert "relations[0].quote" == info.value.location.field
        assert IncentivePolicy.from_toml_text(unquoted).relations[0].quote is None

    def test_no_bundled_policy_states_a_relation(self) -> None:
        """No source read says how one issuer's reward combines with another's: all independent."""
        assert [] == [policy.id for policy in policies() if policy.relations]


class TestStackingBundledPolicies:
    def test_a_longgang_little_giant_is_paid_by_three_issuers(self) -> None:
        """Guangdong 100万 (PRD, 4th batch), Shenzhen up to 50万, Longgang up to 50万: 200万."""
        stack = PolicySet(LONGGANG)
        award = Designation("national", date(2022, 8, 1), batch=4)
        payout = stack.payout(
            Enterprise("示例龙岗有限公司", region="440307", designations=[award]),
            as_of=date(2023, 1, 1),
        )
        assert Money(2000000, "CNY") == payout.total
        assert {
            "guangdong-2022": "1000000 CNY",
            "shenzhen-2022": "500000 CNY",
            "longgang-2025": "500000 CNY",
        } == amounts(payout)
        assert 3 == len(payout.by_issuer())
        kinds = {interaction.kind for interaction in payout.interactions}
        assert {None} == kinds
        assert 3 == len(payout.interactions)  # each pair of the three: independent
        assert "the sources say nothing about how they combine" in payout.explain()
        assert "来源未说明二者如何叠加" in payout.explain(locale="zh_CN")

    def test_policies_not_paying_the_same_event_need_no_note(self) -> None:
        """An event only one policy pays for gets no 'independent' line."""
        payout = PolicySet(["shenzhen-2022", "guangzhou-2022"]).payout(
            firm(region="440305", national=date(2023, 1, 1))
        )
        assert () == payout.interactions
        assert "no event is rewarded by two of them" in payout.explain()

    def test_ids_are_read_as_bundled_policies(self) -> None:
        """A set takes bundled ids or policies; an unknown id is the catalogue's error."""
        assert ("shenzhen-2022",) == PolicySet([load_policy("shenzhen-2022")]).ids
        with pytest.raises(UnknownPolicyError):
            PolicySet(["atlantis"])

    def test_a_set_names_each_policy_once_in_one_currency(self) -> None:
        """The same id twice, or another currency, is refused; an empty set needs a currency."""
        with pytest.raises(InvalidRecordError, match="each policy once"):
            PolicySet(["shenzhen-2022", "shenzhen-2022"])
        hkd = CITY.evolve(currency="HKD", rules=())
        with pytest.raises(CurrencyMismatchError):
            PolicySet([load_policy("shenzhen-2022"), hkd])
        with pytest.raises(InvalidRecordError, match="needs its currency"):
            PolicySet([])
        assert Money(0, "CNY") == PolicySet([], currency="CNY").payout(firm()).total


class TestTopUp:
    def test_the_district_pays_the_difference_to_the_city(self) -> None:
        """Up to 80万 less the city's 50万 for the same designation: 30万 from the district."""
        payout = PolicySet([CITY, TOP_UP]).payout(firm(national=date(2024, 8, 1)))
        assert {"made-up-city": "500000 CNY", "made-up-district-top-up": "300000 CNY"} == amounts(
            payout
        )
        [district] = payout.payout_of("made-up-district-top-up").items  # type: ignore[union-attr]
        assert (ItemStatus.PAYABLE, True) == (district.status, district.is_ceiling)
        assert "the difference to made-up-city's CN¥500,000.00 for the same designation" in (
            district.detail or ""
        )
        [interaction] = payout.interactions
        assert (RelationKind.TOP_UP, date(2024, 8, 1)) == (interaction.kind, interaction.on)

    def test_the_order_of_the_set_does_not_matter(self) -> None:
        """The city is evaluated first, whatever order the set is given in."""
        firm_ = firm(national=date(2024, 8, 1))
        forward = PolicySet([CITY, TOP_UP]).payout(firm_)
        backward = PolicySet([TOP_UP, CITY]).payout(firm_)
        assert amounts(forward) == amounts(backward)

    def test_nothing_left_to_top_up_is_another_policys(self) -> None:
        """The city's 30万 for a provincial designation covers the district's 20万: none left."""
        payout = PolicySet([CITY, TOP_UP]).payout(firm(provincial=date(2024, 8, 1)))
        [district] = payout.payout_of("made-up-district-top-up").items  # type: ignore[union-attr]
        assert (ItemStatus.OTHER_POLICY, Money(0, "CNY")) == (district.status, district.amount)
        assert "and there is none" in (district.detail or "")
        assert "不予奖励：同一事项由其他政策奖励" in district.reason(locale="zh_CN")

    def test_what_the_city_already_paid_is_deducted(self) -> None:
        """A city reward in the ledger counts as the city's reward for the event."""
        paid = Payment(
            enterprise="示例龙岗有限公司",
            policy_id="made-up-city",
            level="national",
            amount=Money(450000, "CNY"),
            paid_on=date(2024, 12, 1),
        )
        payout = PolicySet([CITY, TOP_UP]).payout(firm(national=date(2024, 8, 1)), ledger=[paid])
        assert {"made-up-city": "0 CNY", "made-up-district-top-up": "350000 CNY"} == amounts(payout)

    def test_outside_the_city_the_district_pays_in_full(self) -> None:
        """The city pays nothing for a designation before its period: the full amount."""
        payout = PolicySet([CITY, TOP_UP]).payout(firm(national=date(2019, 8, 1)))
        assert {"made-up-city": "0 CNY", "made-up-district-top-up": "0 CNY"} == amounts(payout)
        late = CITY.evolve(effective_from=date(2025, 1, 1))
        payout = PolicySet([late, TOP_UP]).payout(firm(national=date(2024, 8, 1)))
        assert "800000 CNY" == amounts(payout)["made-up-district-top-up"]
        assert "which pays nothing for the same designation" in payout.explain()

    def test_a_related_policy_absent_from_the_set_is_named(self) -> None:
        """Without the city in the set, the district is shown in full, and the stack says why."""
        payout = PolicySet([TOP_UP]).payout(firm(national=date(2024, 8, 1)))
        assert "800000 CNY" == amounts(payout)["made-up-district-top-up"]
        [interaction] = payout.interactions
        assert (None, ("made-up-city",)) == (interaction.on, interaction.others)
        assert "which is not in this set" in interaction.why.en

    def test_an_unknown_city_reward_makes_the_difference_unknown(self) -> None:
        """A city paying a share of an unknown figure: the district's difference is unknown."""
        share = CITY.evolve(
            rules=tuple(
                rule.of_kind(
                    "percentage",
                    id=rule.id,
                    level=rule.level,
                    amount=rule.amount,
                    percent=10,
                    figure="rd_super_deduction",
                )
                for rule in CITY.rules
            )
        )
        payout = PolicySet([share, TOP_UP]).payout(firm(national=date(2024, 8, 1)))
        [district] = payout.payout_of("made-up-district-top-up").items  # type: ignore[union-attr]
        assert (ItemStatus.MISSING_DATA, None, False) == (
            district.status,
            district.amount,
            payout.is_complete,
        )
        known = Enterprise(
            "示例龙岗有限公司",
            region="440307",
            designations=[Designation("national", date(2024, 8, 1))],
            financials=[FinancialYear(2023, rd_super_deduction=Money(2000000, "CNY"))],
        )
        payout = PolicySet([share, TOP_UP]).payout(known)
        assert {
            "made-up-city": Money(200000, "CNY"),
            "made-up-district-top-up": Money(600000, "CNY"),
        } == payout.by_policy()

    def test_a_cycle_of_relations_is_refused(self) -> None:
        """A pays the difference to B and B to A: no order applies them, so the set is refused."""
        from littlegiants.policy import Relation

        city = CITY.evolve(
            relations=(Relation(kind="top-up", policies=("made-up-district-top-up",)),)
        )
        with pytest.raises(InvalidRecordError, match="form a cycle"):
            PolicySet([city, TOP_UP])


class TestExclusive:
    def test_not_combined_with_a_city_that_pays(self) -> None:
        """The city pays the national designation: the district pays nothing for it."""
        payout = PolicySet([CITY, EXCLUSIVE]).payout(
            firm(municipal=date(2023, 3, 1), national=date(2024, 8, 1))
        )
        assert {"made-up-city": "500000 CNY", "made-up-district-exclusive": "100000 CNY"} == (
            amounts(payout)
        )
        national = payout.payout_of("made-up-district-exclusive").items[-1]  # type: ignore[union-attr]
        assert ItemStatus.OTHER_POLICY is national.status
        assert "not combined with made-up-city, which pays CN¥500,000.00" in (national.detail or "")

    def test_combined_where_the_city_pays_nothing(self) -> None:
        """The municipal designation the city does not reward is paid by the district."""
        payout = PolicySet([CITY, EXCLUSIVE]).payout(firm(municipal=date(2023, 3, 1)))
        assert "100000 CNY" == amounts(payout)["made-up-district-exclusive"]


class TestPopulations:
    def test_a_report_totals_by_issuer_and_policy(self) -> None:
        """Payouts of several firms under a set add up by issuer and by policy."""
        firms = [
            firm(national=date(2024, 8, 1)),
            Enterprise("示例南山有限公司", region="440305", designations=[]),
            firm(region=None, national=date(2024, 8, 1)),
        ]
        report = PolicySet([CITY, TOP_UP]).payouts(firms)
        assert Money(800000, "CNY") == report.total
        assert {
            "made-up-city": Money(500000, "CNY"),
            "made-up-district-top-up": Money(300000, "CNY"),
        } == (report.by_policy())
        [(unknown, why)] = report.unevaluated
        assert unknown.region is None
        assert "made-up-city: the registered region is unknown" in why

    @settings(max_examples=30, deadline=None)
    @given(st.lists(lgst.enterprises(region=lgst.regions(within="440300")), max_size=4))
    def test_a_report_is_each_firms_stacked_payout(self, firms: list[Enterprise]) -> None:
        """payouts() of a population gives what payout() gives each firm."""
        stack = PolicySet([CITY, TOP_UP, load_policy("shenzhen-2022")])
        report = stack.payouts(firms)
        assert [stack.payout(f).total for f in firms] == [p.total for p in report.payouts]

    @settings(max_examples=30, deadline=None)
    @given(lgst.enterprises(region=lgst.regions(within="440300")))
    def test_a_top_up_never_pays_more_than_its_own_policy(self, firm_: Enterprise) -> None:
        """Stacked, the district pays at most what it pays alone; the city is unchanged."""
        payout = PolicySet([CITY, TOP_UP]).payout(firm_)
        alone = TOP_UP.payout(firm_).total
        assert payout.by_policy()["made-up-district-top-up"] <= alone
        assert CITY.payout(firm_).total == payout.by_policy()["made-up-city"]


class TestSetBudget:
    def test_counts_add_up_over_the_stack(self) -> None:
        """Ten Longgang little giants under the three policies: the policies' budgets added."""
        budget = PolicySet(LONGGANG).budget({"national": 10})
        assert Money(22000000, "CNY") == budget.total  # 120万 (highest) + 50万 + 50万, at most
        assert budget.is_upper_bound

    def test_a_relation_makes_a_count_budget_an_upper_bound(self) -> None:
        """A top-up a count cannot apply: the sum is an upper bound, and the budget says why."""
        budget = PolicySet([CITY, TOP_UP]).budget({"provincial": 1})
        assert (Money(500000, "CNY"), True) == (budget.total, budget.is_upper_bound)
        assert "not applied to counts, so the sum is an upper bound" in budget.explain()

    def test_enterprises_cost_their_stacked_payouts(self) -> None:
        """With firms, the relations are applied: 50万 + 30万."""
        budget = PolicySet([CITY, TOP_UP]).budget([firm(national=date(2024, 8, 1))])
        assert Money(800000, "CNY") == budget.total


class TestCompareSets:
    def test_a_district_reform_against_the_stacked_whole(self) -> None:
        """Longgang raising its national reward to 80万 adds 30万 per firm to the stack."""
        stack = PolicySet(LONGGANG)
        reform = stack.with_policies(
            load_policy("longgang-2025").evolve(amounts={"national": "800000"})
        )
        award = Designation("national", date(2022, 8, 1), batch=4)
        firms = [Enterprise("示例龙岗有限公司", region="440307", designations=[award])]
        comparison = compare(stack, reform, firms)
        assert Money(300000, "CNY") == comparison.difference
        assert (Money(2000000, "CNY"), Money(2300000, "CNY")) == (
            comparison.total_before,
            comparison.total_after,
        )

    def test_a_policy_and_a_set_can_be_compared(self) -> None:
        """What the city alone pays against the city with the district topping up."""
        comparison = compare(CITY, PolicySet([CITY, TOP_UP]), [firm(national=date(2024, 8, 1))])
        assert Money(300000, "CNY") == comparison.difference


class TestMatch:
    def test_a_longgang_little_giant_matches_province_city_and_district(self) -> None:
        """Every policy covering Longgang applies; each Shanghai policy is outside, with why."""
        award = Designation("national", date(2022, 8, 1), batch=4)
        found = match(
            Enterprise("示例龙岗有限公司", region="440307", designations=[award]),
            as_of=date(2023, 1, 1),
        )
        assert ["guangdong-2022", "longgang-2022", "longgang-2025", "shenzhen-2022"] == [
            m.policy.id for m in found.applying
        ]
        assert Money(2200000, "CNY") == found.total
        pudong = next(m for m in found.others if m.policy.id == "pudong")
        assert Coverage.OUTSIDE_JURISDICTION is pudong.coverage
        assert "registered in 440307 龙岗区, not within 310115" == pudong.why.en
        assert len(found.matches) == len(policies())

    def test_a_firm_outside_every_policy(self) -> None:
        """A Beijing little giant: no bundled policy applies, and each says why."""
        found = match(firm(region="110105", national=date(2023, 8, 1)), as_of=date(2024, 1, 1))
        assert ((), Money(0, "CNY")) == (found.applying, found.total)
        assert {Coverage.OUTSIDE_JURISDICTION} == {m.coverage for m in found.others}
        assert "0/23 policies apply" in found.explain()

    def test_a_policy_no_longer_in_force(self) -> None:
        """A Shenzhen firm with no designation, asked in 2026: Shenzhen's 2022 policy has ended."""
        found = match(firm(region="440305"), as_of=date(2026, 6, 1))
        shenzhen = next(m for m in found.matches if m.policy.id == "shenzhen-2022")
        assert Coverage.OUTSIDE_PERIOD is shenzhen.coverage
        assert "not in force on 2026-06-01" in shenzhen.why.en
        guangdong = next(m for m in found.matches if m.policy.id == "guangdong-2022")
        assert (Coverage.APPLIES, Money(0, "CNY")) == (guangdong.coverage, guangdong.total)

    def test_events_outside_the_period(self) -> None:
        """A 2019 designation under Shenzhen's 2022 policy, asked in 2026: outside its period."""
        found = match(firm(region="440305", national=date(2019, 6, 1)), as_of=date(2026, 1, 1))
        shenzhen = next(m for m in found.matches if m.policy.id == "shenzhen-2022")
        assert Coverage.OUTSIDE_PERIOD is shenzhen.coverage
        assert "the firm's events fall outside it" in shenzhen.why.en

    def test_a_level_the_policy_does_not_reward_applies_and_says_so(self) -> None:
        """A Minhang little giant: Minhang covers it and pays nothing, saying why."""
        found = match(firm(region="310112", national=date(2023, 8, 1)), as_of=date(2024, 1, 1))
        minhang = next(m for m in found.applying if m.policy.id == "minhang")
        assert Money(0, "CNY") == minhang.total
        assert "the policy has no rule rewarding a national designation" in minhang.why.en
        assert "本政策不奖励国家级认定" in minhang.why.zh

    def test_an_unknown_region_is_unknown(self) -> None:
        """Without a registered region no policy can be said to cover the firm."""
        found = match(firm(region=None, national=date(2023, 8, 1)), as_of=date(2024, 1, 1))
        assert {Coverage.UNKNOWN} == {m.coverage for m in found.matches}

    def test_relations_among_the_applying_policies_are_applied(self) -> None:
        """Given policies are matched and stacked: the district tops up the city."""
        found = match(firm(national=date(2024, 8, 1)), policies=[CITY, TOP_UP, EXCLUSIVE])
        assert {
            "made-up-city": Money(500000, "CNY"),
            "made-up-district-top-up": Money(300000, "CNY"),
            "made-up-district-exclusive": Money(0, "CNY"),
        } == {m.policy.id: m.total for m in found.applying}
        text = found.explain(locale="zh_CN")
        assert "补足made-up-city对同一认定（2024-08-01）奖励¥500,000.00的差额" in text
