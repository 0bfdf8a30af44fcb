"""Tests of littlegiants.policy: policy files, the bundled catalogue, what-ifs and budgets."""

from __future__ import annotations

import ast
import errno
import os
import re
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import ClassVar

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from littlegiants import (
    Combination,
    Designation,
    DesignationLevel,
    Enterprise,
    IncentivePolicy,
    InvalidLevelError,
    InvalidRecordError,
    Money,
    PolicyFileError,
    UnknownPolicyError,
    UnknownRuleError,
    load_policy,
    policies,
)
from littlegiants.policy import (
    DesignationRule,
    EventKind,
    ItemStatus,
    PercentageRule,
    RelocationRule,
    ReReviewRule,
    Rule,
    RuleKind,
    SourceKind,
    Text,
    ZoneExtent,
    render_policy,
    render_rule_amount,
    rule_kinds,
)
from littlegiants.policy import rules as rules_module
from littlegiants.policy.model import Event, listing, money_words
from littlegiants.regions import Region
from littlegiants.translations import N_

GOLDEN = Path(__file__).parent / "golden"
PACKAGE_ROOT = Path(rules_module.__file__).parent.parent
SHENZHEN = load_policy("shenzhen-2022").path

MINIMAL = """\
id = "demo"
title = "示例"
document = "示例〔2026〕1号"
issuer = "示例"
jurisdiction = "440300"
currency = "CNY"
confidence = "Low"
combination = "cumulative"

[effective]
start = 2026-01-01
end = 2026-12-31

[[sources]]
url = "https://example.invalid"

[[rules]]
id = "national"
kind = "designation"
level = "national"
amount = "500000"
"""


def _broken(old: str, new: str) -> str:
    assert old in MINIMAL
    return MINIMAL.replace(old, new)


class TestPolicyFiles:
    def test_minimal_file_reads(self) -> None:
        """The smallest valid file reads into a policy with exact amounts."""
        policy = IncentivePolicy.from_toml_text(MINIMAL, path="demo.toml")
        assert Money("500000", "CNY") == policy.rule("national").amount
        assert date(2026, 1, 1) == policy.effective_from

    @pytest.mark.parametrize(
        ("text", "line", "key", "reason"),
        [
            (_broken('amount = "500000"', "amount = 500000.0"), 21, "rules[0].amount", "floats"),
            (_broken('amount = "500000"', "amount = 500000"), 21, "rules[0].amount", "quoted"),
            (_broken('level = "national"', 'level = "county"'), 20, "rules[0].level", "level"),
            (_broken('kind = "designation"', 'kind = "bonus"'), 19, "rules[0].kind", "one of"),
            (_broken('confidence = "Low"', 'confidance = "Low"'), 7, "confidance", "unknown key"),
            (_broken('title = "示例"\n', ""), None, "title", "missing"),
            (_broken("end = 2026-12-31", "end = 2025-12-31"), 12, "effective.end", "before"),
            (_broken("end = 2026-12-31", ""), None, "effective.note", "open"),
            (_broken('jurisdiction = "440300"', 'jurisdiction = "999999"'), 5, "jurisdiction", ""),
            (_broken('currency = "CNY"', 'currency = "RMB"'), 6, "currency", "ISO 4217"),
            (_broken("start = 2026-01-01", 'start = "2026-01-01"'), 11, "effective.start", "date"),
            (
                _broken('url = "https://example.invalid"', 'url = "x"\nkind = "copy"'),
                16,
                "sources[0].kind",
                "mirror (a copy of the official text elsewhere)",
            ),
        ],
    )
    def test_every_problem_is_located(
        self, text: str, line: int | None, key: str, reason: str
    ) -> None:
        """Each problem names the file, the key path, the line and the reason."""
        with pytest.raises(PolicyFileError) as info:
            IncentivePolicy.from_toml_text(text, path="demo.toml")
        location = info.value.location
        assert location is not None
        assert ("demo.toml", key) == (location.path, location.field)
        if line is not None:
            assert line == location.line
        assert reason in str(info.value)
        assert isinstance(info.value, ValueError)

    def test_impossible_date_is_a_located_syntax_error(self) -> None:
        """2026-02-30 is rejected by TOML itself; the error keeps the line."""
        with pytest.raises(PolicyFileError) as info:
            IncentivePolicy.from_toml_text(
                _broken("start = 2026-01-01", "start = 2026-02-30"), path="demo.toml"
            )
        assert info.value.location is not None
        assert 11 == info.value.location.line

    def test_duplicate_rule_ids(self) -> None:
        """Two rules with one id are refused."""
        text = MINIMAL + MINIMAL[MINIMAL.index("[[rules]]") :]
        with pytest.raises(PolicyFileError, match="two rules"):
            IncentivePolicy.from_toml_text(text, path="demo.toml")

    def test_a_bundled_source_states_its_kind(self) -> None:
        """The catalogue's reader refuses a source without a kind; a user's file may omit it."""
        with pytest.raises(PolicyFileError) as info:
            IncentivePolicy.from_toml_text(MINIMAL, path="demo.toml", bundled=True)
        assert info.value.location is not None
        assert ("sources[0].kind", 14) == (info.value.location.field, info.value.location.line)
        assert None is IncentivePolicy.from_toml_text(MINIMAL).sources[0].kind

    def test_source_kinds_read(self) -> None:
        """official, mirror and summary are read into SourceKind."""
        text = _broken('url = "https://example.invalid"', 'url = "x"\nkind = "mirror"')
        [source] = IncentivePolicy.from_toml_text(text).sources
        assert (SourceKind.MIRROR, "[mirror]") == (source.kind, source.label)

    def test_missing_file_is_an_os_error(self, tmp_path: Path) -> None:
        """A file that does not exist raises OSError."""
        with pytest.raises(OSError, match="nope"):
            IncentivePolicy.from_toml(tmp_path / "nope.toml")


ZONE = """
[zone]
name = "中国（上海）自由贸易试验区临港新片区"
divisions = ["310000"]
extent = "part"
source = { url = "https://zhengcejia.com/news/55313.html", kind = "summary" }
"""
ZONED = _broken('jurisdiction = "440300"', 'jurisdiction = "310000"') + ZONE
MOVE = """
[[rules]]
id = "moving-in"
kind = "relocation"
level = "national"
amount = "1"
"""


class TestZoneFiles:
    def test_a_zone_reads(self) -> None:
        """A zone is named, listed with its divisions and extent, and sourced."""
        zone = IncentivePolicy.from_toml_text(ZONED).zone
        assert zone is not None
        assert ("中国（上海）自由贸易试验区临港新片区", ("310000",), ZoneExtent.PART) == (
            zone.name,
            tuple(d.code for d in zone.divisions),
            zone.extent,
        )
        assert SourceKind.SUMMARY is zone.source.kind

    @pytest.mark.parametrize(
        ("text", "key", "reason"),
        [
            (ZONED.replace('["310000"]', '["440300"]'), "zone.divisions[0]", "within 310000"),
            (ZONED.replace('["310000"]', "[]"), "zone.divisions", "list the division codes"),
            (ZONED.replace('"part"', '"most"'), "zone.extent", "whole (the zone is exactly"),
            (ZONED.replace('name = "中', 'nom = "中'), "zone.nom", "unknown key"),
            (ZONED + MOVE, "rules[1].kind", "cannot be told from division codes"),
            (ZONED.replace(', kind = "summary"', ""), "zone.source.kind", "missing"),
        ],
    )
    def test_zone_problems_are_located(self, text: str, key: str, reason: str) -> None:
        """Each problem of a zone names its key path (the catalogue's standard: kinds required)."""
        with pytest.raises(PolicyFileError) as info:
            IncentivePolicy.from_toml_text(
                text.replace('example.invalid"', 'example.invalid"\nkind = "summary"'),
                path="z.toml",
                bundled=True,
            )
        assert info.value.location is not None
        assert key == info.value.location.field
        assert info.value.location.line is not None
        assert reason in str(info.value)

    def test_a_zone_is_rendered_with_its_extent(self) -> None:
        """The table names the zone, says it has no code of its own, and cites its source."""
        text = render_policy(IncentivePolicy.from_toml_text(ZONED), locale="en_US")
        assert "Zone:         中国（上海）自由贸易试验区临港新片区" in text
        assert "part of 310000 上海市; no division code of its own" in text
        assert "zone source: [summary] https://zhengcejia.com/news/55313.html" in text


class TestCatalogue:
    def test_ids_are_unique_and_match_file_names(self) -> None:
        """Every bundled policy's id is its file name, and ids are unique."""
        ids = [policy.id for policy in policies()]
        assert len(set(ids)) == len(ids)
        for policy in policies():
            assert policy.path is not None
            assert policy.id == Path(policy.path).stem

    def test_required_policies_are_bundled(self) -> None:
        """The catalogue covers the places the sources give rewards for."""
        ids = {policy.id for policy in policies()}
        expected = {
            "shenzhen-2022",
            "guangdong-2022",
            "guangzhou-2022",
            "guangzhou-2025",
            "hangzhou-2025",
            "lingang",
            "pudong",
            "huangpu",
            "jingan",
            "longgang-2022",
            "longgang-2025",
            # City and district policies found in the December 2026 audit (§5a).
            "hefei-2022",
            "qingdao",
            "chengdu-2022",
            "tianjin",
            "hainan",
            "huadu-2022",
            "nanshan-2022",
            "pingshan-2022",
            "baoan-2022",
            "longhua",
            "hongkou",
            "minhang",
        }
        assert expected <= ids

    def test_shenzhen_as_the_sources_give_it(self) -> None:
        """深府〔2022〕31号: 100,000 / 200,000 / 500,000 yuan, up to, 2022-04-08 to 2025-12-31."""
        policy = load_policy("shenzhen-2022")
        amounts = {r.level: (r.amount, r.up_to) for r in policy.rules}
        assert {
            DesignationLevel.MUNICIPAL: (Money(100000, "CNY"), True),
            DesignationLevel.PROVINCIAL: (Money(200000, "CNY"), True),
            DesignationLevel.NATIONAL: (Money(500000, "CNY"), True),
        } == amounts
        assert (date(2022, 4, 8), date(2025, 12, 31)) == (
            policy.effective_from,
            policy.effective_to,
        )
        assert "深府〔2022〕31号" == policy.document

    @pytest.mark.parametrize(
        ("policy_id", "document", "start", "end"),
        [
            ("guangdong-2022", "粤工信融资函〔2022〕44号", None, None),
            ("guangzhou-2022", "穗府办规〔2022〕4号", date(2022, 1, 1), date(2024, 12, 31)),
            ("guangzhou-2025", "穗府办规〔2025〕13号", date(2025, 8, 23), None),
            ("lingang", "临港新片区政策文件（文号未找到）", None, date(2028, 3, 31)),
        ],
    )
    def test_documents_and_dates_as_the_audit_found_them(
        self, policy_id: str, document: str, start: date | None, end: date | None
    ) -> None:
        """The document numbers and dates found by the 2026-12 audit (§2)."""
        policy = load_policy(policy_id)
        assert (document, start, end) == (
            policy.document,
            policy.effective_from,
            policy.effective_to,
        )

    @pytest.mark.parametrize(
        ("policy_id", "rule_id", "amount"),
        [
            ("jingan", "municipal", 250000),
            ("jingan", "national-re-review", 250000),
            ("hangzhou-2025", "provincial", 200000),
            ("guangzhou-2025", "national", 1000000),
        ],
    )
    def test_amounts_the_sources_give_as_caps_are_caps(
        self, policy_id: str, rule_id: str, amount: int
    ) -> None:
        """最高不超过 / 不超过: the amount is a ceiling (audit §2), not a fixed payment."""
        rule = load_policy(policy_id).rule(rule_id)
        assert (Money(amount, "CNY"), True) == (rule.amount, rule.up_to)

    def test_hangzhou_issuer_and_first_time_rules(self) -> None:
        """Hangzhou's measures: 杭州市人民政府办公厅, 2025-12-28, first-time recognition only."""
        policy = load_policy("hangzhou-2025")
        assert policy.issuer.startswith("杭州市人民政府办公厅")
        assert (date(2025, 12, 28), [True, True]) == (
            policy.effective_from,
            [rule.first_time for rule in policy.rules],
        )

    def test_guangdong_exclusions_are_conditions(self) -> None:
        """粤工信融资函〔2022〕44号's five exclusions are checked from Profile facts."""
        conditions = load_policy("guangdong-2022").conditions
        assert [
            ("abnormal_operations_listed", False),
            ("serious_dishonesty_listed", False),
            ("restricted_products", False),
            ("major_accident_in_3_years", False),
            ("tax_evasion_in_3_years", False),
        ] == [(c.fact, c.expected) for c in conditions]

    @pytest.mark.parametrize("policy_id", ["jingan", "huangpu", "pudong", "lingang"])
    def test_shanghai_policies_answer_a_provincial_record(self, policy_id: str) -> None:
        """Each Shanghai policy has a rule saying why a provincial record is not paid."""
        [rule] = [r for r in load_policy(policy_id).rules if r.level is DesignationLevel.PROVINCIAL]
        assert rule.not_rewarded is not None
        assert "record it as municipal" in rule.not_rewarded

    def test_every_policy_states_sources_and_readings(self) -> None:
        """Every file has a source and a confidence; open dates and combinations are explained."""
        for policy in policies():
            assert policy.sources
            assert policy.confidence
            if policy.effective_from is None or policy.effective_to is None:
                assert policy.effective_note

    def test_every_bundled_source_says_what_it_is(self) -> None:
        """Every citation of the catalogue is labelled official, mirror or summary."""
        for policy in policies():
            for source in policy.sources:
                assert source.kind in set(SourceKind), (policy.id, source.url)

    def test_rendering_shows_which_citations_are_copies(self) -> None:
        """The policy table tags each source, so an analyst can tell copies from the text."""
        text = render_policy(load_policy("hangzhou-2025"), locale="en_US")
        assert "[mirror] https://www.163.com/dy/article/KIMB03G405119LB9.html" in text
        assert "[official] http://jxj.hangzhou.gov.cn/" in text

    def test_unknown_id(self) -> None:
        """An unknown id is a LookupError that lists the known ids."""
        with pytest.raises(UnknownPolicyError, match="shenzhen-2022") as info:
            load_policy("atlantis")
        assert isinstance(info.value, LookupError)

    @pytest.mark.parametrize("policy", policies(), ids=lambda p: p.id)
    def test_golden_snapshot(self, policy: IncentivePolicy) -> None:
        """Each policy's table matches its reviewed snapshot (python tests/golden/update.py)."""
        expected = (GOLDEN / f"{policy.id}.txt").read_text(encoding="utf-8")
        assert expected == render_policy(policy, locale="en_US") + "\n"


class TestWhatIf:
    def test_evolve_amounts_by_rule_and_level(self) -> None:
        """Amounts change by rule id or by level; the original is untouched."""
        base = load_policy("shenzhen-2022")
        reform = base.evolve(amounts={"national": "800000", "municipal": Money(0, "CNY")})
        assert Money(800000, "CNY") == reform.rule("national").amount
        assert Money(0, "CNY") == reform.rule("municipal").amount
        assert Money(500000, "CNY") == base.rule("national").amount

    def test_evolve_combination_and_dates(self) -> None:
        """The combination rule and dates can be changed."""
        reform = load_policy("shenzhen-2022").evolve(
            combination="top-up", effective_to=date(2026, 12, 31)
        )
        assert Combination.TOP_UP is reform.combination
        assert date(2026, 12, 31) == reform.effective_to

    def test_evolve_unknown_rule(self) -> None:
        """Changing a rule that does not exist raises instead of doing nothing, naming it."""
        with pytest.raises(UnknownRuleError, match="'shenzhen-2022' has no rule 'county'") as info:
            load_policy("shenzhen-2022").evolve(amounts={"county": "1"})
        assert isinstance(info.value, LookupError)
        assert not isinstance(info.value, UnknownPolicyError)
        assert ("municipal", "provincial", "national") == info.value.known

    def test_rule_lookup_names_the_policy(self) -> None:
        """policy.rule() of an unknown id is an UnknownRuleError, not 'no bundled policy'."""
        with pytest.raises(UnknownRuleError, match="its rules are municipal, provincial, national"):
            load_policy("shenzhen-2022").rule("county")


class TestBudget:
    def test_fourth_batch(self) -> None:
        """275 Shenzhen firms of the 4th batch at up to 500,000 yuan: at most 137.5 million yuan."""
        budget = load_policy("shenzhen-2022").budget({DesignationLevel.NATIONAL: 275})
        assert (Money("137500000", "CNY"), True, ()) == (
            budget.total,
            budget.is_upper_bound,
            budget.unknown,
        )

    def test_reaching_the_target(self) -> None:
        """From 443 to the target of 600 State-level little giants: 157 more firms."""
        budget = load_policy("shenzhen-2022").budget({DesignationLevel.NATIONAL: 600 - 443})
        assert Money("78500000", "CNY") == budget.total

    @pytest.mark.parametrize("key", ["national", "国家级", "小巨人", DesignationLevel.NATIONAL])
    def test_levels_are_read_as_everywhere_else(self, key: str | DesignationLevel) -> None:
        """A level given as text counts as the level itself (it used to cost a silent zero)."""
        assert Money("500000", "CNY") == load_policy("shenzhen-2022").budget({key: 1}).total

    def test_an_unknown_level_is_refused_naming_the_known_ones(self) -> None:
        """A key that is not a level is an error listing the accepted words, never a zero."""
        with pytest.raises(
            InvalidLevelError, match=r"expected national .* provincial .* municipal"
        ):
            load_policy("shenzhen-2022").budget({"county": 3})

    @pytest.mark.parametrize(
        ("counts", "reason"),
        [({"national": 1, "国家级": 2}, "given twice"), ({"national": 2.5}, "whole number")],
    )
    def test_counts_are_checked(self, counts: dict[str, object], reason: str) -> None:
        """A level given twice, or a count that is not a whole number, is refused."""
        with pytest.raises(InvalidRecordError, match=reason):
            load_policy("shenzhen-2022").budget(counts)  # type: ignore[arg-type]

    def test_regional_amounts_give_an_upper_bound(self) -> None:
        """With regional amounts and a batch limit, a count costs the highest amount, at most."""
        budget = load_policy("guangdong-2022").budget({DesignationLevel.NATIONAL: 2})
        assert (Money("2400000", "CNY"), True) == (budget.total, budget.is_upper_bound)
        [line] = budget.lines
        assert "the highest regional amount" in line.why.en
        assert "batches 4 only, counted for every firm" in line.why.en
        assert "conditions on the firm are assumed met" in line.why.en

    def test_a_share_of_a_figure_counts_its_cap(self) -> None:
        """Pudong pays a share of a figure a count cannot give: the cap, as an upper bound."""
        budget = load_policy("pudong").budget({"national": 10, "municipal": 20})
        assert (Money("15000000", "CNY"), True) == (budget.total, budget.is_upper_bound)
        national = next(line for line in budget.lines if line.rule == "national")
        assert "a count gives no figure, so the cap is counted" in national.why.en
        assert "数量不含该数额，按上限计" in national.why.zh

    def test_fixed_amounts_are_exact(self) -> None:
        """Longgang's 2022 amounts are fixed and unconditional: the budget is exact."""
        budget = load_policy("longgang-2022").budget({"national": 3, "provincial": 4})
        assert (Money("1000000", "CNY"), True) == (budget.total, budget.is_exact)
        assert "Exactly CN¥1,000,000.00" == budget.explain(locale="en_US").splitlines()[0]

    def test_a_level_no_rule_rewards_says_so(self) -> None:
        """Municipal firms under a policy without a municipal rule cost zero, with the reason."""
        budget = load_policy("guangdong-2022").budget({"municipal": 7})
        [line] = budget.lines
        assert (None, Money(0, "CNY"), True) == (line.rule, line.total, budget.is_exact)
        assert "no rule of the policy rewards a designation of this level" == line.why.en

    def test_what_a_count_cannot_cost_is_left_out_and_listed(self) -> None:
        """Re-review, move-in and key-tier rules cannot be costed from a count: listed, not zero."""
        budget = load_policy("jingan").budget({"national": 3})
        assert Money("1500000", "CNY") == budget.total
        left_out = [line.rule for line in budget.lines if not line.counted]
        assert ["national-key-matching", "national-re-review", "national-moving-in"] == left_out
        assert 3 == len(budget.unknown)
        assert "for what could be costed (3 parts left out)" in str(budget)


class TestPoliciesBuiltInCode:
    def test_rules_are_checked_like_file_rules(self) -> None:
        """Rules built in code are checked as the file reader checks them."""
        import attrs

        from littlegiants import InvalidRecordError

        national = load_policy("shenzhen-2022").rule("national")
        with pytest.raises(InvalidRecordError):
            attrs.evolve(national, amount=Money(-1, "CNY"))
        with pytest.raises(InvalidRecordError):
            attrs.evolve(load_policy("shenzhen-2022").rule("provincial"), key=True)

    def test_policies_are_checked_like_file_policies(self) -> None:
        """Duplicate rule ids and rules in another currency are refused."""
        import attrs

        from littlegiants import CurrencyMismatchError, InvalidRecordError

        policy = load_policy("shenzhen-2022")
        with pytest.raises(InvalidRecordError):
            attrs.evolve(policy, rules=(*policy.rules, policy.rules[0]))
        with pytest.raises(CurrencyMismatchError):
            attrs.evolve(policy, currency="HKD")


class TestReadingFiles:
    """Policy files that are not readable text: each is a located library error."""

    def test_not_utf8_names_the_line(self, tmp_path: Path) -> None:
        """A file saved as GB18030 is refused with the line of the first bad byte."""
        path = tmp_path / "demo.toml"
        path.write_bytes(MINIMAL.encode("gb18030"))
        with pytest.raises(PolicyFileError, match="it is not UTF-8") as info:
            IncentivePolicy.from_toml(path)
        assert (str(path), 2) == (info.value.location.path, info.value.location.line)

    def test_a_byte_order_mark_is_allowed(self, tmp_path: Path) -> None:
        """A UTF-8 file saved with a byte-order mark reads as without one."""
        path = tmp_path / "demo.toml"
        path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
        assert IncentivePolicy.from_toml_text(MINIMAL) == IncentivePolicy.from_toml(path)

    @pytest.mark.parametrize(
        "value",
        ["[" * 10_000 + "]" * 10_000, "{a = " * 3_000 + "1" + "}" * 3_000],
        ids=["arrays", "inline-tables"],
    )
    def test_deep_nesting_is_refused_with_its_line(self, value: str) -> None:
        """Values nested thousands deep are refused (tomllib raised RecursionError)."""
        with pytest.raises(PolicyFileError, match="nests tables and arrays more than 32") as info:
            IncentivePolicy.from_toml_text(MINIMAL + f"notes = {value}\n", path="demo.toml")
        assert 22 == info.value.location.line

    def test_nesting_beyond_the_limit_names_the_key(self) -> None:
        """Nesting that tomllib reads but the limit refuses names its key path."""
        text = MINIMAL.replace('id = "national"', 'id = "national"\nquote = ' + "[" * 40 + "]" * 40)
        with pytest.raises(PolicyFileError, match="more than 32 deep") as info:
            IncentivePolicy.from_toml_text(text, path="demo.toml")
        # rules, [0], quote and 30 arrays: the 33rd level is the first refused
        assert (19, "rules[0].quote" + "[0]" * 30) == (
            info.value.location.line,
            info.value.location.field,
        )

    def test_a_number_too_long_for_python(self) -> None:
        """A 5,000-digit number is refused with its line (int() raised ValueError)."""
        text = MINIMAL + "batches = " + "9" * 5000 + "\n"
        with pytest.raises(PolicyFileError, match="far beyond the limit") as info:
            IncentivePolicy.from_toml_text(text, path="demo.toml")
        assert 22 == info.value.location.line

    def test_a_whole_number_beyond_the_bounds(self) -> None:
        """A batch number of 10**40 is refused by the bounds, with its key path."""
        text = MINIMAL.replace(
            'amount = "500000"', 'amount = "500000"\nbatches = [1' + "0" * 40 + "]"
        )
        with pytest.raises(PolicyFileError, match=r"beyond the limit of 1E\+31") as info:
            IncentivePolicy.from_toml_text(text, path="demo.toml")
        assert (22, "rules[0].batches[0]") == (
            info.value.location.line,
            info.value.location.field,
        )

    @pytest.mark.parametrize(
        ("amount", "reason"),
        [("1E+999999999", "magnitude"), ("1E+31", "magnitude"), ("1E-65", "finer")],
    )
    def test_amounts_beyond_the_bounds(self, amount: str, reason: str) -> None:
        """An amount beyond the library's bounds is refused where the file is read."""
        with pytest.raises(PolicyFileError, match=reason) as info:
            IncentivePolicy.from_toml_text(
                _broken('amount = "500000"', f'amount = "{amount}"'), path="demo.toml"
            )
        assert (21, "rules[0].amount") == (info.value.location.line, info.value.location.field)

    def test_too_large_a_file(self, tmp_path: Path) -> None:
        """A file above 16 MiB is refused before it is read."""
        path = tmp_path / "demo.toml"
        path.write_bytes(MINIMAL.encode() + b"#" * (16 << 20))
        with pytest.raises(PolicyFileError, match="larger than 16,777,216 bytes"):
            IncentivePolicy.from_toml(path)


class TestUnreadablePaths:
    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is a library error that is also FileNotFoundError."""
        from littlegiants.errors import MissingDataFileError

        with pytest.raises(MissingDataFileError, match="no such file") as info:
            IncentivePolicy.from_toml(tmp_path / "nope.toml")
        assert isinstance(info.value, FileNotFoundError)

    def test_broken_symlink(self, tmp_path: Path) -> None:
        """A link to nothing says so."""
        from littlegiants.errors import MissingDataFileError

        (tmp_path / "link.toml").symlink_to(tmp_path / "gone.toml")
        with pytest.raises(MissingDataFileError, match="a symbolic link to nothing"):
            IncentivePolicy.from_toml(tmp_path / "link.toml")

    @pytest.mark.parametrize(
        ("make", "reason"),
        [
            (lambda path: path.mkdir(), "it is a folder, not a file"),
            (os.mkfifo, "it is a FIFO, not a regular file"),
        ],
        ids=["folder", "fifo"],
    )
    def test_not_a_regular_file(
        self, tmp_path: Path, make: Callable[[Path], None], reason: str
    ) -> None:
        """A folder or a FIFO is refused at once, never opened (a FIFO would block)."""
        from littlegiants.errors import UnreadableFileError

        path = tmp_path / "demo.toml"
        make(path)
        outcome: list[BaseException] = []

        def read() -> None:
            try:
                IncentivePolicy.from_toml(path)
            except BaseException as exc:  # noqa: BLE001 - handed to the test thread
                outcome.append(exc)

        worker = threading.Thread(target=read, daemon=True)
        worker.start()
        worker.join(timeout=10)
        assert not worker.is_alive(), "reading the path blocked"
        [error] = outcome
        assert isinstance(error, UnreadableFileError)
        assert isinstance(error, OSError)
        assert f"Cannot read {path}: {reason}." == str(error)

    @pytest.mark.parametrize("name", ["x" * 5000 + ".toml", "a\x00b.toml"], ids=["long", "nul"])
    def test_impossible_names(self, name: str) -> None:
        """A name too long for the system, or holding a NUL, is a library OSError."""
        from littlegiants.errors import UnreadableFileError

        with pytest.raises(UnreadableFileError):
            IncentivePolicy.from_toml(name)

    def test_permission_denied_when_opening(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An OSError opening the file (EACCES here) becomes a library OSError naming it."""
        from littlegiants import _tomlindex
        from littlegiants.errors import UnreadableFileError

        def refuse(*args: object) -> int:
            raise PermissionError(errno.EACCES, "Permission denied")

        path = tmp_path / "demo.toml"
        path.write_text(MINIMAL, encoding="utf-8")
        monkeypatch.setattr(_tomlindex.os, "open", refuse)
        with pytest.raises(UnreadableFileError, match="permission denied") as info:
            IncentivePolicy.from_toml(path)
        assert (errno.EACCES, str(path)) == (info.value.errno, info.value.filename)

    @pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
    def test_no_permission(self, tmp_path: Path) -> None:
        """A file the user may not read is a library OSError naming it."""
        from littlegiants.errors import UnreadableFileError

        path = tmp_path / "demo.toml"
        path.write_text(MINIMAL, encoding="utf-8")
        path.chmod(0)
        with pytest.raises(UnreadableFileError, match="permission denied"):
            IncentivePolicy.from_toml(path)


class TestCleanIdentifiers:
    @pytest.mark.parametrize(
        ("old", "new", "key"),
        [
            ('id = "demo"', 'id = "demo\\n"', "id"),
            ('id = "demo"', 'id = "demo\\u202e"', "id"),
            ('id = "national"', 'id = "national\\n"', "rules[0].id"),
            ('id = "national"', 'id = "nati\\u0000onal"', "rules[0].id"),
            ('id = "national"', 'id = " national"', "rules[0].id"),
            ('title = "示例"', '"ti\\ttle" = "示例"', '"ti\\ttle"'),
        ],
    )
    def test_control_characters_are_refused(self, old: str, new: str, key: str) -> None:
        """Ids and keys with control characters or trailing newlines are refused by key path."""
        with pytest.raises(PolicyFileError, match=r"control character|spaces|lower-case") as info:
            IncentivePolicy.from_toml_text(_broken(old, new), path="demo.toml")
        assert key == info.value.location.field


class TestLocations:
    def test_quoted_array_of_tables_header(self) -> None:
        """A quoted [[ "rules" ]] header locates the key under it on its real line."""
        text = _broken("[[rules]]", '[[ "rules" ]]  # quoted').replace(
            'amount = "500000"', "amount = 5.0"
        )
        with pytest.raises(PolicyFileError) as info:
            IncentivePolicy.from_toml_text(text, path="demo.toml")
        assert (21, "rules[0].amount") == (info.value.location.line, info.value.location.field)

    def test_dotted_keys(self) -> None:
        """effective.start written as a dotted key is located on its own line."""
        text = _broken("[effective]\nstart = 2026-01-01\nend = 2026-12-31\n", "").replace(
            'combination = "cumulative"',
            'combination = "cumulative"\n'
            'effective.start = "2026-01-01"\n'
            "effective.end = 2026-12-31",
        )
        with pytest.raises(PolicyFileError, match="TOML date") as info:
            IncentivePolicy.from_toml_text(text, path="demo.toml")
        assert (9, "effective.start") == (info.value.location.line, info.value.location.field)

    def test_zones_are_checked_like_file_zones(self) -> None:
        """A zone outside the jurisdiction, or a part zone with a relocation rule, is refused."""
        import attrs

        from littlegiants import InvalidRecordError

        policy = IncentivePolicy.from_toml_text(ZONED)
        assert policy.zone is not None
        with pytest.raises(InvalidRecordError, match="lies within 310000"):
            attrs.evolve(policy, zone=attrs.evolve(policy.zone, divisions=(Region("440300"),)))
        moving = IncentivePolicy.from_toml_text(
            _broken('kind = "designation"', 'kind = "relocation"')
        )
        with pytest.raises(InvalidRecordError, match="no relocation rules"):
            attrs.evolve(moving, jurisdiction=Region("310000"), zone=policy.zone)

    def test_unknowns_are_read_and_rendered(self) -> None:
        """unknowns list what the sources do not give; the table shows them."""
        text = MINIMAL.replace(
            'combination = "cumulative"\n',
            'combination = "cumulative"\nunknowns = ["The issuer."]\n',
        )
        policy = IncentivePolicy.from_toml_text(text)
        assert ("The issuer.",) == policy.unknowns
        assert "  Still unknown (looked for in the sources, not found):\n    - The issuer." in (
            render_policy(policy, locale="en_US")
        )
        with pytest.raises(PolicyFileError, match="non-empty string"):
            IncentivePolicy.from_toml_text(text.replace('"The issuer."', '""'))


# -- rule kinds as classes ---------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class AnniversaryRule(Rule):
    """A made-up kind for these tests: a reward on the third anniversary of a designation.

    No source describes such a reward; it shows that a kind is one class, read and evaluated
    without any change to the reader or the engine.
    """

    kind: ClassVar[str] = "anniversary"
    event_kind: ClassVar[EventKind] = EventKind.DESIGNATION
    words: ClassVar[Text] = Text("designation's third anniversary", "认定满三年")

    def events(self, firm: Enterprise, as_of: date | None) -> Iterator[Event]:
        for designation in firm.designations:
            day = designation.awarded_on.replace(year=designation.awarded_on.year + 3)
            if designation.level is self.level and (as_of is None or day <= as_of):
                yield Event(EventKind.DESIGNATION, day, designation)


@pytest.fixture
def anniversary(monkeypatch: pytest.MonkeyPatch) -> type[Rule]:
    """The made-up kind, registered for one test only."""
    monkeypatch.setitem(rules_module._KINDS, "anniversary", AnniversaryRule)
    return AnniversaryRule


class TestRuleKinds:
    def test_the_bundled_kinds_are_registered_by_their_word(self) -> None:
        """Each file word names one class, and RuleKind lists the bundled words."""
        assert {
            "designation": DesignationRule,
            "percentage": PercentageRule,
            "re-review": ReReviewRule,
            "relocation": RelocationRule,
        } == dict(rule_kinds())
        assert {kind.value for kind in RuleKind} == set(rule_kinds())
        assert all(cls.kind == word for word, cls in rule_kinds().items())

    def test_a_rule_is_built_with_its_kinds_class(self) -> None:
        """The base class is not a kind; Rule.of_kind builds the class a word names."""
        with pytest.raises(InvalidRecordError, match="build a rule with its kind's class"):
            Rule(id="x", level=DesignationLevel.NATIONAL, amount=Money(1, "CNY"))
        rule = Rule.of_kind("relocation", id="x", level="国家级", amount=Money(1, "CNY"))
        assert (RelocationRule, RuleKind.RELOCATION) == (type(rule), rule.kind)
        with pytest.raises(InvalidRecordError, match="one of designation, percentage"):
            Rule.of_kind("bonus", id="x", level="national", amount=Money(1, "CNY"))

    def test_a_percentage_rule_needs_its_share(self) -> None:
        """A percentage rule built without a percent is refused, as the reader refuses it."""
        with pytest.raises(InvalidRecordError, match="percentage rule has a percent"):
            PercentageRule(id="x", level=DesignationLevel.NATIONAL, amount=Money(1, "CNY"))

    @pytest.mark.parametrize(
        ("kind", "key", "value", "takers"),
        [
            ("relocation", "first_time", "true", "designation, percentage rules"),
            ("relocation", "key", "false", "designation, percentage, re-review rules"),
            ("re-review", "first_time", "true", "designation, percentage rules"),
        ],
    )
    def test_a_key_of_another_kind_is_refused_naming_the_kinds_that_take_it(
        self, kind: str, key: str, value: str, takers: str
    ) -> None:
        """Each kind reads its own keys: another kind's key is located and explained."""
        text = _broken('kind = "designation"', f'kind = "{kind}"\n{key} = {value}')
        with pytest.raises(PolicyFileError) as info:
            IncentivePolicy.from_toml_text(text, path="demo.toml")
        assert (f"rules[0].{key}", 20) == (info.value.location.field, info.value.location.line)
        assert f"{takers} take this key, a {kind} rule does not" in str(info.value)

    def test_a_key_no_kind_takes_is_unknown(self) -> None:
        """A misspelt key is an unknown key, listing the keys the kind takes."""
        text = _broken('amount = "500000"', 'amount = "500000"\namonut = "1"')
        with pytest.raises(PolicyFileError, match=r"unknown key \(known keys: amount, batches"):
            IncentivePolicy.from_toml_text(text, path="demo.toml")

    @pytest.mark.parametrize(
        "rule",
        [rule for policy in policies() for rule in policy.rules],
        ids=lambda rule: rule.id,
    )
    def test_every_bundled_rule_explains_itself_in_each_language(self, rule: Rule) -> None:
        """The Chinese has no Latin letter; the English terms are the policy table's."""
        assert re.search("[A-Za-z]", rule.explain(locale="zh_CN")) is None
        assert re.search("[A-Za-z]", rule.terms(locale="zh_CN")) is None
        english = rule.explain(locale="en_US")
        assert english.startswith(f"{'key ' if rule.key else ''}{rule.level.value} ")
        if rule.not_rewarded is None:
            assert english.endswith(render_rule_amount(rule, locale="en_US"))

    def test_a_new_kind_is_one_class(self, anniversary: type[Rule]) -> None:
        """A registered class is read from a file and evaluated by the unchanged engine."""
        text = (
            _broken('kind = "designation"', 'kind = "anniversary"')
            .replace('jurisdiction = "440300"', 'jurisdiction = "440000"')
            .replace("end = 2026-12-31", "end = 2027-12-31")
        )
        policy = IncentivePolicy.from_toml_text(text, path="demo.toml")
        assert anniversary is type(policy.rule("national"))
        firm = Enterprise(
            "示例科技有限公司",
            region="440305",
            designations=[Designation("national", date(2023, 6, 1))],
        )
        [item] = policy.payout(firm).items
        assert (date(2026, 6, 1), ItemStatus.PAYABLE, Money(500000, "CNY")) == (
            item.event_on,
            item.status,
            item.amount,
        )
        assert "国家级认定满三年：¥500,000.00" in policy.payout(firm).explain(locale="zh_CN")


FLOORS_ABOVE_RULES = {
    "io",
    "loader",
    "dumps",
    "_tables",
    "_schemas",
    "structure",
    "cli",
    "testing",
    "strategies",
    "pytest_plugin",
    "eligibility",
    "_criteriafile",
    "records",
    "synthetic",
    "_hypothesis",
}


def _imports(path: Path) -> Iterator[str]:
    """Every module a file imports: at the top, in functions and for type checking alike."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


class TestPackageShape:
    PACKAGE = Path(rules_module.__file__).parent

    def graph(self) -> dict[str, set[str]]:
        modules = {path.stem: path for path in self.PACKAGE.glob("*.py") if path.stem != "__init__"}
        return {
            name: {
                target
                for imported in _imports(path)
                if imported.startswith("littlegiants.policy.")
                and (target := imported.split(".")[2]) in modules
                and target != name
            }
            for name, path in modules.items()
        }

    def test_no_module_of_the_package_imports_another_in_a_circle(self) -> None:
        """Counting every import, the package's modules form layers: no cycle."""
        graph = self.graph()
        done: list[str] = []
        while graph:  # peel off modules whose imports are all done
            ready = sorted(name for name, needs in graph.items() if needs <= set(done))
            assert ready, f"import cycle among {sorted(graph)}"
            done.extend(ready)
            for name in ready:
                del graph[name]
        assert done[0] == "model"

    def test_the_rules_floor_imports_no_edge(self) -> None:
        """policy/ imports values and domain modules, never the edges or eligibility."""
        for path in self.PACKAGE.glob("*.py"):
            floors = {
                imported.split(".")[1]
                for imported in _imports(path)
                if imported.startswith("littlegiants.") and imported.count(".") >= 1
            }
            assert not floors & FLOORS_ABOVE_RULES, path.name


#: Ideographs (CJK Unified Ideographs): a Chinese word, not only Chinese punctuation.
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")
#: Chinese text the rules floor keeps in its code as data: the tier names its reader accepts.
_CHINESE_DATA = frozenset({"创新型中小企业", "专精特新中小企业", "小巨人", '专精特新"小巨人"企业'})


def _code_strings(path: Path) -> Iterator[str]:
    """The string constants of a module's code: docstrings (and their doctests) left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    documented = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, documented)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.value


class TestWordsFromTheCatalogue:
    """The rules floor writes English messages; the Chinese is the gettext catalogue's."""

    FLOOR: ClassVar = (PACKAGE_ROOT / "policy", PACKAGE_ROOT / "eligibility")

    def test_no_chinese_sentence_in_the_code(self) -> None:
        """No string of policy/ or eligibility/ code is Chinese, except data the reader accepts.

        An English message may quote a Chinese term (``up to (最高)``); a string with Chinese
        and no English word is a translation written in the code, which belongs in the .po.
        """
        chinese = {
            f"{path.parent.name}/{path.name}: {text}"
            for folder in self.FLOOR
            for path in folder.glob("*.py")
            for text in _code_strings(path)
            if _IDEOGRAPH.search(text)
            and not re.search(r"[A-Za-z]{2}", text)
            and text not in _CHINESE_DATA
        }
        assert set() == chinese

    def test_a_text_field_is_filled_in_each_language(self) -> None:
        """A Text field reads in each language; a plain field is the same in both."""
        met = Text.of(N_("met"))
        joined = Text.of(N_("{first}; {second}"), first=met, second="x")
        assert ("met; x", "满足；x") == (joined.en, joined.zh)

    @given(st.text(alphabet=st.characters(blacklist_characters="{}"), max_size=20))
    def test_a_field_is_never_read_as_a_format(self, value: str) -> None:
        """A field's own braces or percent signs are printed as they are, never formatted."""
        text = Text.of(N_("not registered in {zone}"), zone=value)
        assert (f"not registered in {value}", f"未注册在{value}") == (text.en, text.zh)

    def test_an_amount_keeps_the_way_it_was_written(self) -> None:
        """Equal amounts written differently read as written (the words are cached by amount)."""
        assert "500000 CNY" == money_words(Money("500000", "CNY")).en
        assert "500000.00 CNY" == money_words(Money("500000.00", "CNY")).en

    def test_lists_are_listed_as_each_language_lists(self) -> None:
        """``1, 2`` in English, ``1、2`` in Chinese."""
        assert ("4, 5", "4、5") == (listing([4, 5]).en, listing([4, 5]).zh)
