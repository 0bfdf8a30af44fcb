"""Robustness of the scenario plugin: no scenario file, however broken, stops a test session.

Each broken file becomes one failing test item that names the file and the line; every other test
of the session still runs, and pytest never reports a collection error or an internal error.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

# pytester's in-process runs drop the modules first imported inside them: cattrs is imported here
# so that structure's cached converter and the exception classes it catches stay one module.
import cattrs  # noqa: F401
import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).parent / "corpus"
GOOD = ROOT / "tests" / "scenarios" / "shenzhen-2022.scenarios.toml"
GOOD_COUNT = GOOD.read_text(encoding="utf-8").count("[[scenario]]")
BROKEN = sorted((CORPUS / "scenarios").glob("*.scenarios.toml"))


def _session(pytester: pytest.Pytester) -> pytest.HookRecorder:
    """Run pytest in the pytester folder, with a good scenario file and a plain test beside."""
    shutil.copy(GOOD, pytester.path / "good.scenarios.toml")
    pytester.makepyfile(test_plain="def test_plain():\n    assert True\n")
    return pytester.inline_run("-p", "no:cacheprovider")


def _check_session(reprec: pytest.HookRecorder, broken: int) -> None:
    """No collection error; the good tests pass; each broken file is one located failure."""
    assert [] == [r for r in reprec.getreports("pytest_collectreport") if r.failed]
    passed, _, failed = reprec.listoutcomes()
    assert GOOD_COUNT + 1 <= len(passed)
    assert {"good.scenarios.toml", "test_plain.py"} <= {Path(r.fspath).name for r in passed}
    files = [r for r in failed if r.nodeid.endswith(".scenarios.toml")]
    assert broken == len(files)
    for report in files:
        name = report.nodeid.split("::")[0]
        text = str(report.longrepr)
        assert name in text
        assert "Traceback" not in text


class TestTheCorpus:
    def test_every_broken_file_is_one_located_failure(self, pytester: pytest.Pytester) -> None:
        """The corpus's broken scenario files fail one item each; the rest of the session runs."""
        shutil.copytree(CORPUS / "scenarios", pytester.path / "scenarios")
        shutil.copytree(CORPUS / "policies", pytester.path / "policies")
        reprec = _session(pytester)
        _check_session(reprec, broken=len(BROKEN))
        failed = reprec.listoutcomes()[2]
        located = [r for r in failed if ", line " in str(r.longrepr)]
        assert len(BROKEN) == len(located)

    def test_a_scenario_file_that_is_not_a_file(self, pytester: pytest.Pytester) -> None:
        """A FIFO or a folder named like a scenario file is not collected, and nothing blocks."""
        (pytester.path / "folder.scenarios.toml").mkdir()
        os.mkfifo(pytester.path / "fifo.scenarios.toml")
        reprec = _session(pytester)
        _check_session(reprec, broken=0)


#: Small changes that keep a scenario file close to valid, so it reaches the later checks.
_CHANGES = [
    ('"500000"', '"5E+5"'),
    ('"500000"', "500000.0"),
    ("2022-08-01", '"2022-08-01"'),
    ("2022-08-01", "2022-02-30"),
    ('"national"', '"county"'),
    ('"440305"', '"999999"'),
    ('policy = "shenzhen-2022"', 'policy = "nope.toml"'),
    ('policy = "shenzhen-2022"', 'policy = "atlantis"'),
    ("[scenario.expected]", "[scenario.expectd]"),
    ("[[scenario]]", "[[scenario]"),
    ("[[scenario]]", '[[ "scenario" ]]'),
    ("name = ", "name = 1 #"),
    ("}]", "}]]"),
    ("{ level", "{{ level"),
    ('total = "', 'total = "\\u0000'),
    ("as_of = ", "as_of = 1" + "0" * 40 + " #"),
]


class TestMutatedFiles:
    def test_mutated_files_never_stop_the_session(self, pytester: pytest.Pytester) -> None:
        """Forty files each with a few seeded changes: items or one failure each, no errors."""
        rng = random.Random(12)  # noqa: S311 - reproducible test data, not cryptography
        sources = sorted((ROOT / "tests" / "scenarios").glob("*.scenarios.toml"))
        for number in range(40):
            text = rng.choice(sources).read_text(encoding="utf-8")
            for old, new in rng.sample(_CHANGES, k=rng.randint(1, 3)):
                spots = [i for i in range(len(text)) if text.startswith(old, i)]
                if spots:
                    at = rng.choice(spots)
                    text = text[:at] + new + text[at + len(old) :]
            (pytester.path / f"mutated-{number:02}.scenarios.toml").write_text(
                text, encoding="utf-8"
            )
        reprec = _session(pytester)
        assert [] == [r for r in reprec.getreports("pytest_collectreport") if r.failed]
        items = {
            Path(r.nodeid.split("::")[0]).name for r in reprec.getreports() if r.when == "call"
        }
        assert {f"mutated-{number:02}.scenarios.toml" for number in range(40)} <= items
        assert reprec.ret in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED)
        # The seeded changes break most files; a file that cannot be read is one item named after it
        broken = [r for r in reprec.listoutcomes()[2] if r.nodeid.count(".scenarios.toml") == 2]
        assert 30 <= len(broken)
