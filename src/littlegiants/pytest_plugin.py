"""A pytest plugin that runs policy scenario files (``*.scenarios.toml``) as tests.

It is registered through the ``pytest11`` entry point, so it is active wherever littlegiants is
installed. Each ``[[scenario]]`` of a file becomes one test item named after the scenario; a
failure prints expected against actual items, the engine's explanation of each actual item, and
the scenario's file and line.

A file that cannot be read (not UTF-8, not TOML, nested too deeply, a bad value, a policy file it
names that is missing or bad, a path that is not a readable file) never stops the test session:
it becomes one failing item that names the file, the line and the key path, and every other test
still runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from littlegiants.errors import LittleGiantsError
from littlegiants.testing import Scenario, check_scenario, load_scenarios

if TYPE_CHECKING:
    from collections.abc import Iterator

    from _pytest._code.code import TerminalRepr
    from _pytest._io import TerminalWriter  # noqa: F401

SUFFIX = ".scenarios.toml"


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    """Collect ``*.scenarios.toml`` files."""
    if file_path.name.endswith(SUFFIX):
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFile(pytest.File):
    """A scenario file: one test item per scenario."""

    def collect(self) -> Iterator[pytest.Item]:
        """Read the file; a malformed file becomes one failing item with the located error."""
        try:
            scenarios = load_scenarios(self.path)
        except Exception as exc:  # noqa: BLE001 - a collection error would stop the session; the item fails instead
            yield BrokenScenarioFile.from_parent(self, name=self.path.name, error=exc)
            return
        for scenario in scenarios:
            yield ScenarioItem.from_parent(self, name=scenario.name, scenario=scenario)


class ScenarioFailedError(AssertionError):
    """A scenario's payout differed from the expected one."""


class ScenarioItem(pytest.Item):
    """One scenario."""

    def __init__(self, *, scenario: Scenario, **kwargs: object) -> None:
        """Keep the scenario to run."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.scenario = scenario

    def runtest(self) -> None:
        """Run the scenario and check the expected payout."""
        try:
            check_scenario(self.scenario)
        except AssertionError as exc:
            raise ScenarioFailedError(str(exc)) from None
        except LittleGiantsError as exc:
            raise ScenarioFailedError(f"the payout could not be computed: {exc}") from None

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: str | None = None,
    ) -> str | TerminalRepr:
        """Show the diff and explanation, with the scenario's file and line."""
        if isinstance(excinfo.value, ScenarioFailedError):
            where = f"{self.scenario.path}:{self.scenario.line}"
            return f"scenario {self.scenario.name!r} ({where})\n{excinfo.value}"
        return super().repr_failure(excinfo, style=style)  # type: ignore[arg-type]

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Point reports at the scenario's line."""
        line = None if self.scenario.line is None else self.scenario.line - 1
        return self.path, line, f"scenario: {self.name}"


class BrokenScenarioFile(pytest.Item):
    """A scenario file that could not be read: fails with the located problem."""

    def __init__(self, *, error: Exception, **kwargs: object) -> None:
        """Keep the error to report."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.error = error

    def runtest(self) -> None:
        """Fail with the file's problem."""
        raise self.error

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: str | None = None,
    ) -> str | TerminalRepr:
        """One line for a library error (the file, key path, line and problem), else a traceback."""
        if isinstance(excinfo.value, LittleGiantsError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)  # type: ignore[arg-type]

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Point reports at the file, and at the line of the problem where there is one."""
        location = getattr(self.error, "location", None)
        line = getattr(location, "line", None)
        return self.path, None if line is None else line - 1, f"scenario file: {self.name}"
