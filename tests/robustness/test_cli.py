"""Robustness of the command line: every command, every corpus file, bad arguments, bad outputs.

Whatever it is given, ``littlegiants`` exits 0 (fine), 1 (the data has problems) or 2 (a usage
error), and writes its problems to standard error one line each, never a traceback. A closed or
full standard output ends it with 141 or 74 and no "Exception ignored" noise at exit.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from littlegiants.cli import main

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).parent / "corpus"
EXAMPLE = ROOT / "docs" / "examples" / "loading"
GOOD_POLICY = (
    ROOT / "src" / "littlegiants" / "data" / "policies" / "guangdong" / "shenzhen-2022.toml"
)
NOISE = ("Traceback", "Exception ignored")


def _corpus_files() -> list[Path]:
    """Every file of the corpus, the loader's data corpus included, and the older bad data."""
    found = [
        path
        for path in CORPUS.rglob("*")
        if path.is_file() and path.name not in {"conftest.py", "README.md"}
    ]
    found += [path for path in (ROOT / "tests" / "data" / "bad").rglob("*") if path.is_file()]
    return sorted(found)


def _commands(path: Path) -> list[list[str]]:
    """The commands that read a corpus file of this kind."""
    file = str(path)
    folder = path.relative_to(ROOT).parts[-2]
    if folder == "policies":
        return [
            ["policy", file],
            ["policy", file, "--format", "csv"],
            ["payouts", str(EXAMPLE), "--policy", file, "--format", "json"],
        ]
    commands = [["validate", file], ["validate", file, "--format", "csv"]]
    if folder not in ("criteria", "scenarios"):
        commands += [
            ["payouts", file, "--policy", "shenzhen-2022"],
            ["check", file, "--tier", "little-giant", "--as-of", "2024-06-30"],
            ["trade", file, "--format", "csv"],
        ]
    return commands


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _check(argv: list[str], status: int, out: str, err: str) -> None:
    """Exit 0, 1 or 2; problems on stderr one line each; the output parses in its format."""
    assert status in (0, 1, 2), argv
    assert not any(noise in err for noise in NOISE), (argv, err)
    if status:
        assert err or (argv[:1] == ["validate"] and out), argv  # validate's problems are its output
        assert all(line.startswith("littlegiants: ") for line in err.splitlines()), (argv, err)
    if "--format" in argv and out:
        fmt = argv[argv.index("--format") + 1]
        if fmt == "json":
            json.loads(out)
        elif fmt == "csv":
            for row in csv.reader(io.StringIO(out)):
                assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in row), row


class TestEveryCorpusFile:
    @pytest.mark.parametrize(
        "path", _corpus_files(), ids=lambda path: str(path.relative_to(ROOT / "tests"))
    )
    def test_each_command_exits_cleanly(
        self, path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Each command that reads the file exits 0, 1 or 2 without a traceback."""
        for argv in _commands(path):
            _check(argv, *_run(capsys, argv))

    def test_policy_corpus_exit_statuses(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A policy file with a problem in it is a data problem (1); one that reads is 0."""
        for path in sorted((CORPUS / "policies").iterdir()):
            status, _, err = _run(capsys, ["policy", str(path)])
            expected = 0 if path.name == "byte-order-mark.toml" else 1
            assert expected == status, (path.name, err)


def _bad_paths(tmp: Path) -> dict[str, str]:
    folder = tmp / "folder.csv"
    folder.mkdir(exist_ok=True)
    fifo = tmp / "fifo.csv"
    if not fifo.exists():
        os.mkfifo(fifo)
    link = tmp / "link.csv"
    if not link.is_symlink():
        link.symlink_to(tmp / "gone.csv")
    return {
        "missing": str(tmp / "nope.csv"),
        "folder": str(folder),
        "fifo": str(fifo),
        "broken-link": str(link),
        "too-long": "x" * 5000 + ".csv",
        "nul": "a\x00b.csv",
    }


#: Each command with a bad argument, and the status it must exit with.
BAD_ARGUMENTS: list[tuple[list[str], int]] = [
    (["demo", "--locale", "xx_XX"], 2),
    (["demo", "--format", "xml"], 2),
    (["demo", "extra"], 2),
    (["policies", "--bogus"], 2),
    (["policy"], 2),
    (["policy", "atlantis"], 2),
    (["policy", "../atlantis"], 2),
    (["policy", "nope.toml"], 2),
    (["policy", "{folder}"], 2),
    (["policy", "{fifo}"], 2),
    (["policy", "{nul}"], 2),
    (["policy", "{too-long}"], 2),
    (["payouts", "{example}"], 2),
    (["payouts", "{example}", "--policy", "shenzhen-2022", "--as-of", "soon"], 2),
    (["payouts", "{example}", "--policy", "shenzhen-2022", "--as-of", "2023-02-30"], 2),
    (["payouts", "{example}", "--policy", "shenzhen-2022", "--as-of", "0001-01-01"], 0),
    (["payouts", "{example}", "--policy", "shenzhen-2022", "--as-of", "9999-12-31"], 0),
    (["payouts", "{example}", "--policy", "shenzhen-2022", "--kind", "nope"], 2),
    (["trade", "{example}/trade.csv", "--currency", "XYZ"], 2),
    (["trade", "{example}/trade.csv", "--currency", ""], 2),
    (["trade", "{example}/trade.csv", "--currency", "CNY"], 1),
    (["trade", "{example}/trade.csv", "--by", "moon"], 2),
    (["trade", "{example}/trade.csv", "--currency", "CNY", "--rates", "{folder}"], 2),
    (["trade", "{example}/trade.csv", "--currency", "CNY", "--rates", "{fifo}"], 2),
    (["trade", "{example}/trade.csv", "--currency", "CNY", "--rates", "{missing}"], 2),
    (["check", "{example}", "--tier", "little-giant", "--as-of", "0001-01-01"], 1),
    (["check", "{example}", "--tier", "little-giant", "--as-of", "9999-12-31"], 1),
    (["check", "{example}", "--tier", "giant", "--as-of", "2024-06-30"], 2),
    (
        [
            "check",
            "{example}",
            "--tier",
            "little-giant",
            "--purpose",
            "fun",
            "--as-of",
            "2024-06-30",
        ],
        2,
    ),
    *(
        ([command, "{" + name + "}", *options], 2)
        for command, options in (
            ("validate", []),
            ("payouts", ["--policy", "shenzhen-2022"]),
            ("trade", []),
            ("check", ["--tier", "srdi-sme", "--as-of", "2024-06-30"]),
        )
        for name in ("missing", "fifo", "broken-link", "too-long", "nul")
    ),
]


class TestBadArguments:
    @pytest.mark.parametrize(
        ("argv", "expected"),
        BAD_ARGUMENTS,
        ids=lambda v: " ".join(v) if isinstance(v, list) else str(v),
    )
    def test_one_line_and_the_right_status(
        self,
        argv: list[str],
        expected: int,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """A bad argument prints one line and exits 2; a bad fact in the data exits 1."""
        names = {"example": str(EXAMPLE), **_bad_paths(tmp_path)}
        filled = [arg.format(**names) for arg in argv]
        status, _, err = _run(capsys, filled)
        _check(filled, status, "", err)
        assert expected == status, err
        if status:
            assert 1 == len(err.splitlines()), err

    def test_random_arguments(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Random sequences of the CLI's own words and values: 0, 1 or 2, never a traceback."""
        words = st.sampled_from(
            [
                "demo",
                "payouts",
                "trade",
                "policies",
                "policy",
                "validate",
                "check",
                "--format",
                "csv",
                "json",
                "table",
                "--locale",
                "zh_CN",
                "--policy",
                "shenzhen-2022",
                str(GOOD_POLICY),
                "--as-of",
                "2023-01-01",
                "--tier",
                "srdi-sme",
                "--kind",
                "trade",
                "--currency",
                "USD",
                "--by",
                "region",
                "--explain",
                "--rates",
                str(EXAMPLE / "rates.csv"),
                str(EXAMPLE),
                str(EXAMPLE / "trade.csv"),
                str(EXAMPLE / "designations.csv"),
                "-",
                "--",
                "",
            ]
        )

        @settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck))
        @given(st.lists(words | st.text(max_size=8), max_size=8))
        def check(argv: list[str]) -> None:
            _check(argv, *_run(capsys, argv))

        check()


#: One run of each command that writes output, as a subprocess.
COMMANDS = [
    ["demo"],
    ["policies"],
    ["policy", "shenzhen-2022"],
    ["payouts", str(EXAMPLE), "--policy", "shenzhen-2022", "--format", "csv"],
    ["trade", str(EXAMPLE / "trade.csv"), "--format", "json"],
    ["validate", str(EXAMPLE)],
    ["check", str(EXAMPLE), "--tier", "little-giant", "--as-of", "2024-06-30"],
    ["policies", "--help"],
]


def _process(argv: list[str], stdout: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "littlegiants", *argv],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )


class TestOutputThatCannotBeWritten:
    @pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: argv[0] + " " + argv[-1])
    def test_closed_pipe(self, argv: list[str]) -> None:
        """A reader that went away before the first write: 141, and nothing on stderr."""
        read, write = os.pipe()
        os.close(read)
        try:
            result = _process(argv, write)
        finally:
            os.close(write)
        assert (141, "") == (result.returncode, result.stderr)

    @pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: argv[0] + " " + argv[-1])
    def test_full_disk(self, argv: list[str]) -> None:
        """Writing to /dev/full: 74, one line on stderr, no noise at interpreter exit."""
        descriptor = os.open("/dev/full", os.O_WRONLY)
        try:
            result = _process(argv, descriptor)
        finally:
            os.close(descriptor)
        assert 74 == result.returncode
        assert ["littlegiants: error: cannot write the output: no space left on device"] == (
            result.stderr.splitlines()
        )

    def test_pipe_closed_while_writing(self) -> None:
        """A reader that takes a little and goes (head -c 100): 141 and no noise."""
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "littlegiants",
                "validate",
                str(ROOT / "tests" / "data" / "bad"),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.read(100)
        process.stdout.close()
        err = process.stderr.read().decode()
        process.stderr.close()
        status = process.wait()
        assert status in (1, 141)  # 1 if everything fitted in the pipe before it was closed
        assert not any(noise in err for noise in NOISE), err
