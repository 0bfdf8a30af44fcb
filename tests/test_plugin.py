"""Tests of the pytest plugin that runs *.scenarios.toml files, driven through pytester."""

from __future__ import annotations

from pathlib import Path

# pytester's in-process runs drop the modules first imported inside them: cattrs is imported here
# so that structure's cached converter and the exception classes it catches stay one module.
import cattrs  # noqa: F401
import pytest

from littlegiants.errors import ScenarioFileError
from littlegiants.testing import check_scenario, scenarios_from_text

pytest_plugins = ["pytester"]

DATA = Path(__file__).parent / "data" / "scenarios"
GOOD = Path(__file__).parent / "scenarios" / "shenzhen-2022.scenarios.toml"
GOOD_COUNT = GOOD.read_text(encoding="utf-8").count("[[scenario]]")


def _copy(pytester: pytest.Pytester, source: Path, name: str) -> None:
    (pytester.path / name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")


class TestCollection:
    def test_each_scenario_is_an_item_named_after_it(self, pytester: pytest.Pytester) -> None:
        """A scenario file yields one test item per scenario, with the scenario's name."""
        _copy(pytester, GOOD, "shenzhen.scenarios.toml")
        result = pytester.runpytest("--collect-only", "-q", "-p", "no:cacheprovider")
        result.stdout.fnmatch_lines(
            [
                "*a national designation in Nanshan gets the full reward*",
                f"*{GOOD_COUNT} tests collected*",
            ]
        )

    def test_other_toml_files_are_not_collected(self, pytester: pytest.Pytester) -> None:
        """Only the .scenarios.toml suffix is collected."""
        _copy(pytester, DATA / "failing.toml", "failing.toml")
        result = pytester.runpytest("-p", "no:cacheprovider")
        assert pytest.ExitCode.NO_TESTS_COLLECTED == result.ret


class TestOutcomes:
    def test_passing_scenarios(self, pytester: pytest.Pytester) -> None:
        """Correct scenarios pass."""
        _copy(pytester, GOOD, "shenzhen.scenarios.toml")
        result = pytester.runpytest("-p", "no:cacheprovider")
        result.assert_outcomes(passed=GOOD_COUNT)

    def test_failure_shows_a_diff_the_explanation_and_the_line(
        self, pytester: pytest.Pytester
    ) -> None:
        """A failing scenario prints expected against actual, the trace and file:line."""
        _copy(pytester, DATA / "failing.toml", "wrong.scenarios.toml")
        result = pytester.runpytest("-p", "no:cacheprovider")
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(
            [
                "*scenario 'expects too much' (*wrong.scenarios.toml:4)*",
                "*total: expected 600000 CNY, got 500000 CNY*",
                "*item 0: amount: expected 600000 CNY, got 500000 CNY*",
                "*national designation: up to CN¥500,000.00 (rule national) - payable*",
            ]
        )
        assert "Traceback" not in result.stdout.str()

    def test_typo_is_located_not_a_traceback(self, pytester: pytest.Pytester) -> None:
        """A typo in a key fails with the key path and line, not a traceback."""
        _copy(pytester, DATA / "typo.toml", "typo.scenarios.toml")
        result = pytester.runpytest("-p", "no:cacheprovider")
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(["*line 12, key scenario?0?.expectd): unknown key*"])
        assert "Traceback" not in result.stdout.str()


HEAD = """\
[[scenario]]
name = "{name}"
policy = "{policy}"
"""
FIRM = """\
[scenario.enterprise]
name = "示例科技有限公司"
region = "440305"
designations = [{ level = "national", awarded_on = 2022-08-01 }]
"""


def _scenario(name: str, policy: str = "shenzhen-2022", total: str = "500000") -> str:
    return (
        HEAD.format(name=name, policy=policy) + FIRM + f'[scenario.expected]\ntotal = "{total}"\n'
    )


class TestBrokenFilesDoNotStopTheSession:
    def test_each_broken_file_is_one_failing_item(self, pytester: pytest.Pytester) -> None:
        """Missing policy, not UTF-8, too deep, a bad value: four failures; the rest runs."""
        _copy(pytester, GOOD, "good.scenarios.toml")
        pytester.makepyfile(test_other="def test_other():\n    assert True\n")
        files = {
            "missing-policy": _scenario("a policy file not there", policy="nope.toml"),
            "bad-policy": _scenario("a policy file not TOML", policy="broken.toml"),
            "deep": _scenario("deep") + "[scenario.overrides]\namounts = " + "[" * 9999,
            "value": _scenario("an amount with an exponent", total="5E+5"),
        }
        for name, text in files.items():
            (pytester.path / f"{name}.scenarios.toml").write_text(text, encoding="utf-8")
        (pytester.path / "broken.toml").write_text("id = \n", encoding="utf-8")
        (pytester.path / "gbk.scenarios.toml").write_bytes(
            _scenario("saved as GB18030").encode("gb18030")
        )
        result = pytester.runpytest("-p", "no:cacheprovider")
        result.assert_outcomes(passed=GOOD_COUNT + 1, failed=5)
        result.stdout.fnmatch_lines_random(
            [
                (
                    "*missing-policy.scenarios.toml, line 3, key scenario?0?.policy): the policy "
                    "file cannot be read: Cannot read *nope.toml: no such file*"
                ),
                (
                    "*bad-policy.scenarios.toml, line 3, key scenario?0?.policy): the policy file "
                    "cannot be read: Bad policy file (*broken.toml, line 1): it is not valid TOML*"
                ),
                "*deep.scenarios.toml, line 11): it nests tables and arrays more than 32 deep*",
                (
                    "*value.scenarios.toml, line 9, key scenario?0?.expected.total): expected an "
                    "amount such as 500000*"
                ),
                "*gbk.scenarios.toml, line 5): it is not UTF-8 text*",
            ]
        )
        assert "Traceback" not in result.stdout.str()
        assert "error" not in result.stdout.lines[-1]


class TestReadingScenarioFiles:
    @pytest.mark.parametrize(
        ("expected", "key", "line"),
        [
            ('total = "5E+5"', "expected.total", 9),
            ('total = "1000000000000000000000000000000000"', "expected.total", 9),
            ('total = "0"\nitems = [{ on = "2022-08-01" }]', "expected.items[0].on", 10),
            ('total = "0"\nitems = [{ status = "paid" }]', "expected.items[0].status", 10),
            ('total = "0"\nitems = [{ amount = "5E+5" }]', "expected.items[0].amount", 10),
            ('total = "0"\ncomplete = "yes"', "expected.complete", 10),
        ],
    )
    def test_values_are_checked_when_read(self, expected: str, key: str, line: int) -> None:
        """Values that would only fail when run are refused when read, with key path and line."""
        text = _scenario("x").replace('total = "500000"', expected)
        with pytest.raises(ScenarioFileError) as info:
            scenarios_from_text(text, path="s.toml")
        assert (line, f"scenario[0].{key}") == (
            info.value.location.line,
            info.value.location.field,
        )

    def test_the_offending_payment_is_located(self) -> None:
        """The third payment's bad amount is payments[2].amount, on its own line."""
        text = _scenario("x").replace(
            "[scenario.enterprise]",
            "payments = [\n"
            '  { level = "municipal", amount = "100000", paid_on = 2021-01-01 },\n'
            '  { level = "provincial", amount = "200000", paid_on = 2021-06-01 },\n'
            '  { level = "national", amount = "5E+5", paid_on = 2022-09-01 },\n'
            "]\n[scenario.enterprise]",
        )
        with pytest.raises(ScenarioFileError) as info:
            scenarios_from_text(text, path="s.toml")
        assert (7, "scenario[0].payments[2].amount") == (
            info.value.location.line,
            info.value.location.field,
        )

    def test_a_payment_with_an_unknown_key_names_its_index(self) -> None:
        """An unknown key in the second payment names payments[1] (it named payments)."""
        text = _scenario("x").replace(
            "[scenario.enterprise]",
            '[[scenario.payments]]\nlevel = "municipal"\namount = "1"\npaid_on = 2021-01-01\n'
            '[[scenario.payments]]\nlevel = "national"\namont = "1"\n[scenario.enterprise]',
        )
        with pytest.raises(ScenarioFileError, match="unknown key") as info:
            scenarios_from_text(text, path="s.toml")
        assert (10, "scenario[0].payments[1].amont") == (
            info.value.location.line,
            info.value.location.field,
        )

    def test_quoted_headers_give_real_lines(self) -> None:
        """[[ "scenario" ]] and ["scenario".expected] are followed to the real line."""
        text = _scenario("x", total="5E+5").replace("[[scenario]]", '[[ "scenario" ]]')
        text = text.replace("[scenario.expected]", '[ "scenario" . "expected" ]  # quoted')
        with pytest.raises(ScenarioFileError) as info:
            scenarios_from_text(text, path="s.toml")
        assert (9, "scenario[0].expected.total") == (
            info.value.location.line,
            info.value.location.field,
        )

    @pytest.mark.parametrize(
        ("old", "new", "key"),
        [
            ('name = "x"', 'name = "x\\n"', "name"),
            ('name = "x"', 'name = "\\u202ex"', "name"),
            ('policy = "shenzhen-2022"', 'policy = "shenzhen-2022\\n"', "policy"),
        ],
    )
    def test_names_with_control_characters(self, old: str, new: str, key: str) -> None:
        """Scenario names and policy ids with control characters are refused."""
        text = _scenario("x").replace(old, new)
        with pytest.raises(ScenarioFileError, match="control character") as info:
            scenarios_from_text(text, path="s.toml")
        assert f"scenario[0].{key}" == info.value.location.field

    def test_two_scenarios_with_one_name(self) -> None:
        """Two scenarios of one name would be two tests of one name: refused."""
        with pytest.raises(ScenarioFileError, match="two scenarios have this name") as info:
            scenarios_from_text(_scenario("x") + _scenario("x"), path="s.toml")
        assert (11, "scenario[1].name") == (info.value.location.line, info.value.location.field)

    def test_overrides_are_checked(self) -> None:
        """An override date given as text is refused when read (it failed inside the engine)."""
        text = _scenario("x") + '[scenario.overrides]\neffective_to = "2026-12-31"\n'
        with pytest.raises(ScenarioFileError, match="TOML date") as info:
            scenarios_from_text(text, path="s.toml")
        assert (11, "scenario[0].overrides.effective_to") == (
            info.value.location.line,
            info.value.location.field,
        )

    def test_an_unknown_override_amount_names_its_key(self) -> None:
        """An override of a rule the policy lacks names the rule's key."""
        text = _scenario("x") + '[scenario.overrides]\namounts = { county = "1" }\n'
        with pytest.raises(ScenarioFileError, match="no rule or level") as info:
            scenarios_from_text(text, path="s.toml")
        assert (11, "scenario[0].overrides.amounts.county") == (
            info.value.location.line,
            info.value.location.field,
        )

    def test_levels_are_read_as_the_engine_writes_them(self) -> None:
        """An expected level written 国家级 is read as national, so it can match."""
        text = _scenario("x").replace(
            'total = "500000"', 'total = "500000"\nitems = [{ level = "国家级" }]'
        )
        [scenario] = scenarios_from_text(text, path="s.toml")
        assert scenario.items is not None
        assert "national" == scenario.items[0].level
        check_scenario(scenario)


STACK = """\
[[scenario]]
name = "s"
policies = ["shenzhen-2022", "nanshan-2022"]

[scenario.enterprise]
name = "示例科技有限公司"
region = "440305"
designations = [{ level = "national", awarded_on = 2022-08-01 }]

[scenario.expected]
total = "700000"
by_policy = { "shenzhen-2022" = "500000", "nanshan-2022" = "200000" }
"""


class TestStackedScenarios:
    def test_a_stack_runs_and_checks_each_policys_total(self) -> None:
        """policies = [...] evaluates a stack; by_policy and items with policy are checked."""
        [scenario] = scenarios_from_text(STACK, path="s.toml")
        check_scenario(scenario)
        wrong = STACK.replace('"nanshan-2022" = "200000"', '"nanshan-2022" = "1"')
        [scenario] = scenarios_from_text(wrong, path="s.toml")
        with pytest.raises(AssertionError, match="by_policy nanshan-2022: expected 1 CNY"):
            check_scenario(scenario)

    def test_an_item_names_its_policy(self) -> None:
        """An expected item's policy is compared with the policy of the item in the stack."""
        text = STACK.replace(
            'total = "700000"',
            'total = "700000"\nitems = [{ policy = "nanshan-2022" }, { policy = "nanshan-2022" }]',
        )
        [scenario] = scenarios_from_text(text, path="s.toml")
        with pytest.raises(AssertionError, match="0: policy: expected nanshan-2022, got shenzhen"):
            check_scenario(scenario)

    @pytest.mark.parametrize(
        ("old", "new", "key", "reason"),
        [
            (
                'policies = ["shenzhen-2022", "nanshan-2022"]',
                'policy = "shenzhen-2022"\npolicies = ["nanshan-2022"]',
                "scenario[0].policies",
                "give policy or policies, not both",
            ),
            (
                'policies = ["shenzhen-2022", "nanshan-2022"]',
                "",
                "scenario[0].policy",
                "a required key is missing (or policies)",
            ),
            ('["shenzhen-2022", "nanshan-2022"]', "[]", "scenario[0].policies", "an array"),
            ('"nanshan-2022"]', '"atlantis"]', "scenario[0].policies[1]", "No bundled policy"),
            (
                '"nanshan-2022"]',
                '"shenzhen-2022"]',
                "scenario[0].policies",
                "cannot be stacked",
            ),
            (
                '"nanshan-2022" = "200000"',
                '"pudong" = "0"',
                "scenario[0].expected.by_policy.pudong",
                "unknown key",
            ),
            (
                "[scenario.enterprise]",
                (
                    'payments = [{ level = "national", amount = "1", paid_on = 2022-09-01 }]\n'
                    "[scenario.enterprise]"
                ),
                "scenario[0].payments[0].policy",
                "name the policy it was paid under",
            ),
            (
                "[scenario.enterprise]",
                'overrides = { amounts = { national = "1" } }\n[scenario.enterprise]',
                "scenario[0].overrides",
                "overrides change one policy",
            ),
        ],
        ids=[
            "both",
            "neither",
            "empty",
            "unknown",
            "twice",
            "by-policy",
            "payment-policy",
            "overrides",
        ],
    )
    def test_stack_problems_are_located(self, old: str, new: str, key: str, reason: str) -> None:
        """Each problem of a stacked scenario names its key path."""
        assert old in STACK
        with pytest.raises(ScenarioFileError) as info:
            scenarios_from_text(STACK.replace(old, new, 1), path="s.toml")
        assert key == info.value.location.field
        assert reason in str(info.value)


BUDGET = """\
[[scenario]]
name = "b"
policy = "pudong"
counts = { national = 10 }

[scenario.expected]
total = "10000000"
upper_bound = true
complete = false
"""


class TestBudgetScenarios:
    def test_a_budget_of_counts_runs(self) -> None:
        """counts instead of an enterprise: the budget, its bound and whether it is complete."""
        [scenario] = scenarios_from_text(BUDGET, path="b.toml")
        check_scenario(scenario)
        [wrong] = scenarios_from_text(BUDGET.replace("upper_bound = true", "upper_bound = false"))
        with pytest.raises(AssertionError, match="upper_bound: expected False, got True"):
            check_scenario(wrong)

    @pytest.mark.parametrize(
        ("old", "new", "key", "reason"),
        [
            ("national = 10", "county = 10", "scenario[0].counts.county", "designation level"),
            ("national = 10", "national = -1", "scenario[0].counts.national", "whole number"),
            ("complete = false", "items = []", "scenario[0].expected.items", "has no items"),
            (
                "counts = { national = 10 }",
                'counts = { national = 10 }\nenterprise = { name = "x" }',
                "scenario[0].counts",
                "not both",
            ),
        ],
    )
    def test_budget_problems_are_located(self, old: str, new: str, key: str, reason: str) -> None:
        """A bad count, or items expected of a budget, is refused where it is written."""
        with pytest.raises(ScenarioFileError) as info:
            scenarios_from_text(BUDGET.replace(old, new), path="b.toml")
        assert key == info.value.location.field
        assert reason in str(info.value)

    def test_a_payout_is_not_an_upper_bound(self) -> None:
        """upper_bound belongs to budgets; on a payout scenario it is refused."""
        text = STACK.replace('total = "700000"', 'total = "700000"\nupper_bound = true')
        with pytest.raises(ScenarioFileError, match="only a budget") as info:
            scenarios_from_text(text, path="s.toml")
        assert "scenario[0].expected.upper_bound" == info.value.location.field
