"""Hypothesis profiles for the test suite.

- ``dev`` (used when ``HYPOTHESIS_PROFILE`` is unset, as the README's test command leaves it):
  hypothesis' own settings, examples random so a local run keeps exploring, without the
  wall-clock checks (the ``too_slow`` health check and the per-example deadline). Time is
  measured in ``benchmarks/``, never asserted in tests: a deadline failed a local run on a
  loaded two-core machine whose every example passed (2026-12-04, the robustness suite's
  near-miss scenario files).
- ``ci``: the same number of examples, derandomized and without the example database, so a clean
  CI run is reproducible and a landing is never blocked by a rare draw no one can replay. Select
  it with ``HYPOTHESIS_PROFILE=ci`` (``.ci/run`` does); the test command is unchanged. It is
  ``dev``'s child, so it drops the wall-clock checks too: CI runs on a shared two-core machine,
  where another job's load made them fail runs whose every example passed."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "ci",
    parent=settings.get_profile("dev"),
    derandomize=True,
    database=None,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(autouse=True)
def _english_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test as on a machine whose locale names no language (the CLI then reads en_US).

    The command line reads LC_ALL, LC_MESSAGES and LANG; a developer's zh_CN.UTF-8 must not
    change what the tests see. Tests of those variables pass their own environment.
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
