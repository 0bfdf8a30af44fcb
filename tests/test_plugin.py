"""Tests of the pytest plugin that runs *.scenarios.toml files, driven through pytester."""

from __future__ import annotations

from pathlib import Path

import pytest

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
