"""Tests of littlegiants.policy: policy files, the bundled catalogue, what-ifs and budgets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from littlegiants import (
    Combination,
    DesignationLevel,
    IncentivePolicy,
    Money,
    PolicyFileError,
    UnknownPolicyError,
    load_policy,
    policies,
)
from littlegiants._policyfile import read_policy
from littlegiants.policy import SourceKind, ZoneExtent
from littlegiants.regions import Region
from littlegiants.render import render_policy

GOLDEN = Path(__file__).parent / "golden"
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
            read_policy(MINIMAL, "demo.toml", bundled=True)
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
            read_policy(
                text.replace('example.invalid"', 'example.invalid"\nkind = "summary"'),
                "z.toml",
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
            "guangzhou",
            "hangzhou-2025",
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
        """Changing a rule that does not exist raises instead of doing nothing."""
        with pytest.raises(UnknownPolicyError):
            load_policy("shenzhen-2022").evolve(amounts={"county": "1"})


class TestBudget:
    def test_fourth_batch(self) -> None:
        """275 Shenzhen firms of the 4th batch at 500,000 yuan are at most 137.5 million yuan."""
        budget = load_policy("shenzhen-2022").budget({DesignationLevel.NATIONAL: 275})
        assert Money("137500000", "CNY") == budget

    def test_reaching_the_target(self) -> None:
        """From 443 to the target of 600 State-level little giants: 157 more firms."""
        budget = load_policy("shenzhen-2022").budget({DesignationLevel.NATIONAL: 600 - 443})
        assert Money("78500000", "CNY") == budget

    def test_regional_amounts_give_an_upper_bound(self) -> None:
        """With regional amounts, a count budget uses the highest amount."""
        budget = load_policy("guangdong-2022").budget({DesignationLevel.NATIONAL: 2})
        assert Money("2400000", "CNY") == budget


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
